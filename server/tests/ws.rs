//! `/echo/ws` against the real server with a real client (tokio-tungstenite): messages come
//! back as sent, JSON text asks for a close or a drop, and the limits hold.

mod common;

use std::future::Future;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http_playground_server::{app, app_with, serve_with, ws, Assets, Limits, ServeOptions};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::error::ProtocolError;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data as OpData, OpCode};
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{Error, Message};
use tokio_tungstenite::{connect_async, MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// `ws://127.0.0.1:<port>/echo/ws` of a server started for the test.
async fn ws_url() -> String {
    ws_of(&common::start(Assets::default(), None).await)
}

fn ws_of(base: &str) -> String {
    format!("{}/echo/ws", base.replacen("http://", "ws://", 1))
}

/// `future`, which must settle within 10 s (it does in milliseconds; this only stops a hang).
async fn within<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .expect("no answer within 10 s")
}

async fn connect(url: &str) -> Socket {
    within(connect_async(url)).await.unwrap().0
}

/// The next message; the test fails if the connection ends first.
async fn next(socket: &mut Socket) -> Message {
    within(socket.next()).await.unwrap().unwrap()
}

/// The close frame the server sent, after which the connection must end.
async fn close_of(socket: &mut Socket) -> (u16, String) {
    let frame = match next(socket).await {
        Message::Close(Some(CloseFrame { code, reason })) => (code.into(), reason.to_string()),
        other => panic!("expected a close frame, got {other:?}"),
    };
    assert!(within(socket.next()).await.is_none(), "{frame:?}");
    frame
}

#[tokio::test]
async fn text_comes_back_as_the_same_text_in_order() {
    let mut socket = connect(&ws_url().await).await;
    let texts = ["hello", "", "wörld ✓ 🦀", "line one\nline two", "   "];
    for text in texts {
        socket.send(Message::text(text)).await.unwrap();
    }
    for text in texts {
        assert_eq!(next(&mut socket).await, Message::text(text));
    }
}

#[tokio::test]
async fn binary_comes_back_as_the_same_binary() {
    let mut socket = connect(&ws_url().await).await;
    let every_byte: Vec<u8> = (0..=255).collect();
    socket
        .send(Message::binary(every_byte.clone()))
        .await
        .unwrap();
    assert_eq!(next(&mut socket).await, Message::binary(every_byte));
    // Text that looks like a request is only a request as text.
    socket
        .send(Message::binary(&b"{\"drop\": true}"[..]))
        .await
        .unwrap();
    assert_eq!(
        next(&mut socket).await,
        Message::binary(&b"{\"drop\": true}"[..])
    );
}

#[tokio::test]
async fn json_that_asks_for_nothing_comes_back_unchanged() {
    let mut socket = connect(&ws_url().await).await;
    let texts = [
        r#"{"hello": "world", "n": [1, 2.50, 1e2]}"#,
        r#"{"drop": false}"#,
        r#"{"drop": "true"}"#,
        r#"{"nested": {"close": 1000}}"#,
        r#"[{"close": 1000}]"#,
        r#""{\"close\": 1000}""#,
        r#"{"close": 1000"#,
        r#"{"close": 1000} and more"#,
    ];
    for text in texts {
        socket.send(Message::text(text)).await.unwrap();
        assert_eq!(next(&mut socket).await, Message::text(text), "{text}");
    }
    socket
        .send(Message::Ping("are you there".into()))
        .await
        .unwrap();
    assert_eq!(
        next(&mut socket).await,
        Message::Pong("are you there".into())
    );
}

#[tokio::test]
async fn the_first_subprotocol_offered_is_chosen() {
    let url = ws_url().await;
    for (offered, chosen) in [
        (Some("chat.v2, chat.v1"), Some("chat.v2")),
        (Some("graphql-ws"), Some("graphql-ws")),
        (Some("zeta, alpha"), Some("zeta")),
        (None, None),
    ] {
        let mut request = url.as_str().into_client_request().unwrap();
        if let Some(offered) = offered {
            request
                .headers_mut()
                .insert("sec-websocket-protocol", offered.parse().unwrap());
        }
        let (mut socket, response) = within(connect_async(request)).await.unwrap();
        let got = response
            .headers()
            .get("sec-websocket-protocol")
            .map(|v| v.to_str().unwrap());
        assert_eq!(got, chosen, "{offered:?}");
        socket.close(None).await.unwrap();
    }
}

#[tokio::test]
async fn a_close_asked_for_is_sent_with_its_code_and_reason() {
    let url = ws_url().await;
    for (asked, code, reason) in [
        (r#"{"close": 4000, "reason": "bye"}"#, 4000, "bye"),
        (r#"{"close": 1000}"#, 1000, ""),
        (
            r#" {"reason": "rest", "close": 3000, "other": 1} "#,
            3000,
            "rest",
        ),
        (r#"{"close": 1011, "reason": "ü"}"#, 1011, "ü"),
    ] {
        let mut socket = connect(&url).await;
        socket.send(Message::text(asked)).await.unwrap();
        assert_eq!(
            close_of(&mut socket).await,
            (code, reason.to_owned()),
            "{asked}"
        );
    }
}

#[tokio::test]
async fn a_close_that_cannot_be_sent_is_refused_by_name_and_the_connection_stays() {
    let mut socket = connect(&ws_url().await).await;
    let long = "x".repeat(ws::MAX_REASON + 1);
    let refusals = [
        (r#"{"close": 1006}"#.to_owned(), "close must be"),
        (r#"{"close": 1002}"#.to_owned(), "close must be"),
        (r#"{"close": 2999}"#.to_owned(), "close must be"),
        (r#"{"close": 5000}"#.to_owned(), "close must be"),
        (r#"{"close": "4000"}"#.to_owned(), "close must be"),
        (r#"{"close": null}"#.to_owned(), "close must be"),
        (
            format!(r#"{{"close": 4000, "reason": "{long}"}}"#),
            "reason must be at most 123 bytes of UTF-8 (it was 124 bytes)",
        ),
        (
            r#"{"close": 4000, "reason": 5}"#.to_owned(),
            "reason must be a string",
        ),
    ];
    for (asked, says) in &refusals {
        socket.send(Message::text(asked.as_str())).await.unwrap();
        let Message::Text(answer) = next(&mut socket).await else {
            panic!("{asked}: expected a text message");
        };
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        let error = answer["error"].as_str().unwrap();
        assert!(error.contains(says), "{asked}: {error}");
    }
    socket.send(Message::text("still here")).await.unwrap();
    assert_eq!(next(&mut socket).await, Message::text("still here"));
}

#[tokio::test]
async fn a_drop_asked_for_ends_the_connection_without_a_close_frame() {
    let mut socket = connect(&ws_url().await).await;
    socket
        .send(Message::text(r#"{"drop": true}"#))
        .await
        .unwrap();
    match within(socket.next()).await {
        Some(Err(Error::Protocol(ProtocolError::ResetWithoutClosingHandshake))) => {}
        Some(Err(Error::Io(e))) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("expected the connection cut without a close frame, got {other:?}"),
    }
}

#[tokio::test]
async fn a_message_over_1_mib_is_answered_with_close_1009() {
    let url = ws_url().await;
    let mut socket = connect(&url).await;
    let largest = vec![7u8; ws::MAX_MESSAGE];
    socket.send(Message::binary(largest.clone())).await.unwrap();
    assert_eq!(next(&mut socket).await, Message::binary(largest));
    // The server may close before all of it is written.
    let _ = socket.send(Message::binary(vec![7u8; 2 << 20])).await;
    let Message::Close(Some(frame)) = next(&mut socket).await else {
        panic!("expected a close frame");
    };
    assert_eq!(
        (u16::from(frame.code), frame.reason.as_str()),
        (1009, "message too big")
    );
    // The server is fine: another connection echoes.
    let mut socket = connect(&url).await;
    socket.send(Message::text("after")).await.unwrap();
    assert_eq!(next(&mut socket).await, Message::text("after"));
}

#[tokio::test]
async fn text_that_is_not_utf8_is_answered_with_close_1007() {
    let mut socket = connect(&ws_url().await).await;
    let not_utf8 = Frame::message(&b"caf\xe9"[..], OpCode::Data(OpData::Text), true);
    socket.send(Message::Frame(not_utf8)).await.unwrap();
    assert_eq!(
        close_of(&mut socket).await,
        (1007, "a text message must be UTF-8".to_owned())
    );
}

#[tokio::test]
async fn echoes_count_against_the_shared_body_budget() {
    let limits = Limits {
        max_buffered: 512 << 10,
        ..Limits::default()
    };
    let base = common::start_router(app_with(Assets::default(), None, limits)).await;
    let mut socket = connect(&ws_of(&base)).await;
    socket
        .send(Message::binary(vec![1u8; 600_000]))
        .await
        .unwrap();
    let (code, reason) = close_of(&mut socket).await;
    assert_eq!(code, 1013);
    assert!(reason.contains("--max-buffered"), "{reason}");
}

#[tokio::test]
async fn a_websocket_outlives_the_request_timeout_of_its_handshake() {
    let timeout = Duration::from_secs(1);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let options = ServeOptions {
        request_timeout: timeout,
        ..ServeOptions::default()
    };
    tokio::spawn(serve_with(listener, app(Assets::default(), None), options));
    // A small receive buffer (no autotuning), so that the server's echoes cannot all be
    // written at once: an expired deadline fails exactly such a write.
    let tcp = tokio::net::TcpSocket::new_v4().unwrap();
    tcp.set_recv_buffer_size(4096).unwrap();
    let tcp = tcp.connect(address).await.unwrap();
    let url = ws_of(&format!("http://{address}"));
    let (socket, _) = within(tokio_tungstenite::client_async(url, tcp))
        .await
        .unwrap();
    // The handshake's exchange began before this, so its deadline has passed once this has.
    tokio::time::sleep_until(tokio::time::Instant::now() + timeout).await;
    let (mut sink, mut stream) = socket.split();
    let count = 8;
    let sender = tokio::spawn(async move {
        for n in 0..count {
            let message = Message::binary(vec![n; ws::MAX_MESSAGE]);
            sink.send(message).await.unwrap();
        }
    });
    for n in 0..count {
        let echo = within(stream.next()).await.unwrap().unwrap();
        assert_eq!(echo, Message::binary(vec![n; ws::MAX_MESSAGE]), "echo {n}");
    }
    sender.await.unwrap();
}

#[tokio::test]
async fn anything_but_a_websocket_handshake_gets_426() {
    let base = common::start(Assets::default(), None).await;
    let plain = common::client()
        .get(format!("{base}/echo/ws"))
        .send()
        .await
        .unwrap();
    let upgrade_by_post = common::client()
        .post(format!("{base}/echo/ws"))
        .header("connection", "upgrade")
        .header("upgrade", "websocket")
        .send()
        .await
        .unwrap();
    let mut texts = Vec::new();
    for response in [plain, upgrade_by_post] {
        assert_eq!(response.status(), 426);
        assert_eq!(
            response.headers()["content-type"],
            "text/plain; charset=utf-8"
        );
        assert_eq!(response.headers()["upgrade"], "websocket");
        let text = response.text().await.unwrap();
        assert!(text.contains("is a WebSocket endpoint"), "{text}");
        assert!(text.contains(&ws_of(&base)), "{text}");
        texts.push(text);
    }
    // A handshake that asked to upgrade is told why it was refused.
    assert!(
        texts[1].contains("This handshake was refused: Request method must be `GET`"),
        "{}",
        texts[1]
    );
}

#[tokio::test]
async fn a_handshake_naming_another_host_gets_421() {
    let mut request = ws_url().await.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("host", "rebound.example".parse().unwrap());
    match within(connect_async(request)).await {
        Err(Error::Http(response)) => assert_eq!(response.status(), 421),
        other => panic!("expected 421, got {other:?}"),
    }
}

#[tokio::test]
async fn at_most_64_are_open_at_once_and_they_hold_no_request_places() {
    let base = common::start(Assets::default(), None).await;
    let url = ws_of(&base);
    let mut open = Vec::new();
    for _ in 0..ws::MAX_CONNECTIONS {
        open.push(connect(&url).await);
    }
    // 64 open WebSockets leave the 64 in-flight places to ordinary requests.
    let answer = common::client()
        .get(format!("{base}/echo/get"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    match within(connect_async(url.as_str())).await {
        Err(Error::Http(response)) => {
            assert_eq!(response.status(), 503);
            assert_eq!(response.headers()["retry-after"], "1");
            let body = String::from_utf8(response.body().clone().unwrap()).unwrap();
            assert!(
                body.contains("limit of 64 WebSockets open at once"),
                "{body}"
            );
        }
        other => panic!("the 65th handshake should get 503, got {other:?}"),
    }
    // Once one has closed (the server's end included), its place is free again.
    let mut first = open.remove(0);
    first.close(None).await.unwrap();
    while let Some(message) = within(first.next()).await {
        assert!(matches!(message, Ok(Message::Close(_))), "{message:?}");
    }
    open.push(connect(&url).await);
    for mut socket in open {
        socket.close(None).await.unwrap();
    }
}

#[tokio::test]
async fn the_pages_of_one_origin_hold_at_most_16_places() {
    let base = common::start(Assets::default(), None).await;
    let url = ws_of(&base);
    let from = |origin: &str| {
        let mut request = url.as_str().into_client_request().unwrap();
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
        request
    };
    let mut evil = Vec::new();
    for _ in 0..ws::MAX_PER_ORIGIN {
        evil.push(
            within(connect_async(from("http://evil.example")))
                .await
                .unwrap()
                .0,
        );
    }
    match within(connect_async(from("http://evil.example"))).await {
        Err(Error::Http(response)) => {
            assert_eq!(response.status(), 503);
            let body = String::from_utf8(response.body().clone().unwrap()).unwrap();
            assert!(
                body.contains("the pages of http://evil.example have 16 WebSockets open"),
                "{body}"
            );
        }
        other => panic!("the origin's 17th handshake should get 503, got {other:?}"),
    }
    // Another origin's pages, and programs that send no Origin, still connect.
    let mut lesson = within(connect_async(from("http://127.0.0.1:9000")))
        .await
        .unwrap()
        .0;
    let program = connect(&url).await;
    lesson.send(Message::text("lesson")).await.unwrap();
    assert_eq!(next(&mut lesson).await, Message::text("lesson"));
    // Once one of the origin's sockets has closed, the origin may open another.
    let mut first = evil.remove(0);
    first.close(None).await.unwrap();
    while let Some(message) = within(first.next()).await {
        assert!(matches!(message, Ok(Message::Close(_))), "{message:?}");
    }
    evil.push(
        within(connect_async(from("http://evil.example")))
            .await
            .unwrap()
            .0,
    );
    for mut socket in evil.into_iter().chain([lesson, program]) {
        socket.close(None).await.unwrap();
    }
}
