//! `/echo/ws`, the echo API's WebSocket: every text and binary message comes back as it was
//! sent, in order, and a few JSON text messages ask the server to close or drop the connection,
//! so that a client can see each way a WebSocket ends.
//!
//! Any web page can open a WebSocket to 127.0.0.1 from another site: browsers apply no CORS to
//! WebSockets, and this endpoint does not check `Origin` (lessons connect from any port). That
//! is safe here because the echo only ever returns what that same client sent on that same
//! connection; it sets no cookies and reads no credentials (a browser's cookies for 127.0.0.1
//! arrive with the handshake and are ignored). The `Host` check still applies to the handshake,
//! so a rebound name reaches nothing, and the limits below bound what any page can hold.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, MethodRouter};
use axum::Extension;
use serde_json::{json, Value};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{timeout_at, Instant};

use crate::guard::{busy, Budget};

/// Largest message, in bytes, and so largest frame: a larger one is answered with close 1009
/// and the connection ends there (the rest of it is never read).
pub const MAX_MESSAGE: usize = 1 << 20;
/// Longest a connection lives; then the server closes it with 1001.
pub const MAX_LIFE: Duration = Duration::from_secs(10 * 60);
/// Longest the server waits for the client's next message (a ping counts); then it closes the
/// connection with 1001.
pub const MAX_IDLE: Duration = Duration::from_secs(2 * 60);
/// WebSockets open at once across all clients; the next handshake gets 503 with `Retry-After`.
pub const MAX_CONNECTIONS: usize = 64;
/// WebSockets open at once from the pages of one origin (a handshake's `Origin`), so that one
/// page left open cannot hold every place. Clients that send no `Origin` (programs, not pages)
/// share only [`MAX_CONNECTIONS`].
pub const MAX_PER_ORIGIN: usize = 16;
/// Longest close reason, in bytes of UTF-8: a close frame's payload is at most 125 bytes, two
/// of them the code.
pub const MAX_REASON: usize = 123;
/// Longest the server waits, once it has sent a close frame, for the client's close in reply.
const CLOSE_GRACE: Duration = Duration::from_secs(5);

/// The `/echo/ws` route, with its own count of open WebSockets (one per application).
///
/// An open WebSocket holds no in-flight place (`--max-in-flight`): those are for exchanges that
/// end within the request timeout, and 64 sockets left open for ten minutes would refuse every
/// other API request. The handshake is an ordinary API request and takes a place only until its
/// 101 is written; the open socket then takes one of [`MAX_CONNECTIONS`] places of its own, and
/// each message counts against the shared body budget (`--max-buffered`) while it is echoed.
pub fn route() -> MethodRouter {
    any(handshake).with_state(Places {
        open: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
        by_origin: Arc::default(),
    })
}

/// The places of open WebSockets: all of them, and how many each origin holds.
#[derive(Clone)]
struct Places {
    open: Arc<Semaphore>,
    by_origin: Arc<Mutex<HashMap<String, usize>>>,
}

/// A connection's places (one of all, and its origin's, if it sent one), given back when it
/// is dropped.
struct Place {
    _origin: Option<OriginPlace>,
    _open: OwnedSemaphorePermit,
}

/// One of an origin's places.
struct OriginPlace {
    origin: String,
    counts: Arc<Mutex<HashMap<String, usize>>>,
}

impl Drop for OriginPlace {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = counts.get_mut(&self.origin) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.origin);
            }
        }
    }
}

impl Places {
    /// A place for a handshake from `origin`, or why there is none.
    fn take(&self, origin: Option<&str>) -> Result<Place, String> {
        let held = match origin {
            None => None,
            Some(origin) => {
                let mut counts = self.by_origin.lock().unwrap_or_else(|e| e.into_inner());
                let n = counts.entry(origin.to_owned()).or_insert(0);
                if *n >= MAX_PER_ORIGIN {
                    return Err(format!(
                        "the pages of {origin} have {MAX_PER_ORIGIN} WebSockets open, the most \
                         one origin may; close one first"
                    ));
                }
                *n += 1;
                Some(OriginPlace {
                    origin: origin.to_owned(),
                    counts: self.by_origin.clone(),
                })
            }
        };
        // Without a place of all, `held` is dropped here and the origin's place given back.
        let open = self.open.clone().try_acquire_owned().map_err(|_| {
            format!(
                "the server has its limit of {MAX_CONNECTIONS} WebSockets open at once; retry \
                 when one closes"
            )
        })?;
        Ok(Place {
            _origin: held,
            _open: open,
        })
    }
}

/// How long a connection may last and may stay silent.
#[derive(Debug, Clone, Copy)]
struct Timing {
    life: Duration,
    idle: Duration,
}

impl Timing {
    const LIMITS: Timing = Timing {
        life: MAX_LIFE,
        idle: MAX_IDLE,
    };
}

async fn handshake(
    State(places): State<Places>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    budget: Option<Extension<Budget>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let mut upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => return upgrade_required(&headers, uri.path(), &rejection),
    };
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let place = match places.take(origin) {
        Ok(place) => place,
        Err(why) => return busy(&why),
    };
    if let Some(protocol) = first_protocol(&headers) {
        upgrade.set_selected_protocol(protocol);
    }
    let budget = budget.map(|Extension(budget)| budget).unwrap_or_default();
    upgrade
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |socket| session(socket, place, budget, Timing::LIMITS))
}

/// The first subprotocol the client offers, which is the one chosen, so that a client sees
/// which it got. (Read here, in the client's order: axum's `requested_protocols()` yields them
/// sorted.)
fn first_protocol(headers: &HeaderMap) -> Option<HeaderValue> {
    headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .flat_map(|value| value.as_bytes().split(|&b| b == b','))
        .map(<[u8]>::trim_ascii)
        .find(|protocol| !protocol.is_empty())
        .and_then(|protocol| HeaderValue::from_bytes(protocol).ok())
}

/// 426 for anything but a WebSocket handshake, saying how to connect.
fn upgrade_required(
    headers: &HeaderMap,
    path: &str,
    rejection: &WebSocketUpgradeRejection,
) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let mut text = format!(
        "{path} is a WebSocket endpoint: connect to ws://{host}{path} with a WebSocket client \
         (new WebSocket(url) in a page, websocat or wscat in a terminal)."
    );
    let asked = headers
        .get(header::UPGRADE)
        .is_some_and(|u| u.as_bytes().eq_ignore_ascii_case(b"websocket"));
    if asked {
        text.push_str(&format!(
            " This handshake was refused: {}.",
            rejection.body_text()
        ));
    }
    text.push('\n');
    (
        StatusCode::UPGRADE_REQUIRED,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::UPGRADE, HeaderValue::from_static("websocket")),
            (
                header::SEC_WEBSOCKET_VERSION,
                HeaderValue::from_static("13"),
            ),
        ],
        text,
    )
        .into_response()
}

/// One connection, from its 101 to its end; its place is given back before the socket closes,
/// so a client that has seen the end can open another at once.
async fn session(mut socket: WebSocket, place: Place, budget: Budget, timing: Timing) {
    match echo_until_done(&mut socket, &budget, timing).await {
        Ending::Close(frame) => {
            let until = Instant::now() + CLOSE_GRACE;
            let sent = timeout_at(until, socket.send(Message::Close(Some(frame)))).await;
            if matches!(sent, Ok(Ok(()))) {
                // The client's close (or its going away) ends it; what it sent meanwhile is
                // dropped.
                let _ = timeout_at(until, async {
                    while let Some(Ok(_)) = socket.recv().await {}
                })
                .await;
            }
        }
        Ending::CloseNow(frame) => {
            let _ =
                tokio::time::timeout(CLOSE_GRACE, socket.send(Message::Close(Some(frame)))).await;
        }
        Ending::Drop => {}
    }
    drop(place);
}

/// How a connection ends.
enum Ending {
    /// Send this close frame and wait for the client's.
    Close(CloseFrame),
    /// Send this close frame and end without reading on: the rest of the message over the
    /// limit would have to be read whole.
    CloseNow(CloseFrame),
    /// End without a close frame: asked for, the client went away, or it stopped reading.
    Drop,
}

/// Echoes messages until the client or a limit ends the connection.
async fn echo_until_done(socket: &mut WebSocket, budget: &Budget, timing: Timing) -> Ending {
    let end_of_life = Instant::now() + timing.life;
    loop {
        let idle_until = Instant::now() + timing.idle;
        let received = match timeout_at(idle_until.min(end_of_life), socket.recv()).await {
            Err(_) if idle_until < end_of_life => {
                return Ending::Close(close_frame(
                    1001,
                    format!(
                        "going away, nothing received for {} (the idle limit)",
                        span(timing.idle)
                    ),
                ))
            }
            Err(_) => {
                return Ending::Close(close_frame(
                    1001,
                    format!("going away, connections last at most {}", span(timing.life)),
                ))
            }
            Ok(received) => received,
        };
        let reply = match received {
            None => return Ending::Drop,
            Some(Err(error)) => return failed(error),
            Some(Ok(Message::Text(text))) => match Asked::read(&text) {
                Asked::Close(frame) => return Ending::Close(frame),
                Asked::Drop => return Ending::Drop,
                Asked::Refused(sentence) => Message::text(json!({ "error": sentence }).to_string()),
                Asked::Echo => Message::Text(text),
            },
            Some(Ok(Message::Binary(bytes))) => Message::Binary(bytes),
            // tungstenite answers pings and the client's close itself; after a close, the next
            // receive ends the loop.
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Close(_))) => continue,
        };
        let mut held = budget.empty();
        if !held.grow(message_len(&reply)) {
            return Ending::Close(close_frame(
                1013,
                "try again later: the server is holding its limit of bodies in memory \
                 (--max-buffered)"
                    .to_owned(),
            ));
        }
        // A client that stops reading holds the socket only until the end of its life.
        match timeout_at(end_of_life, socket.send(reply)).await {
            Ok(Ok(())) => drop(held),
            Ok(Err(_)) | Err(_) => return Ending::Drop,
        }
    }
}

/// What a failed receive means: a message over the limit is answered with 1009, text that is
/// not UTF-8 with 1007; anything else is a client gone or broken.
fn failed(error: axum::Error) -> Ending {
    use tungstenite::error::{CapacityError, Error};
    match error.into_inner().downcast_ref::<Error>() {
        Some(Error::Capacity(CapacityError::MessageTooLong { .. })) => {
            Ending::CloseNow(close_frame(1009, "message too big".to_owned()))
        }
        Some(Error::Utf8(_)) => {
            Ending::Close(close_frame(1007, "a text message must be UTF-8".to_owned()))
        }
        _ => Ending::Drop,
    }
}

/// What a text message asks of the server.
#[derive(Debug, PartialEq)]
enum Asked {
    /// `{"close": code, "reason": "…"}` with a code a server may send and a short reason.
    Close(CloseFrame),
    /// `{"drop": true}`: end the TCP connection without a close frame.
    Drop,
    /// A close asked for with a code or reason that cannot be sent: a sentence naming it.
    Refused(String),
    /// Anything else: send it back.
    Echo,
}

impl Asked {
    fn read(text: &str) -> Asked {
        // Only a JSON object can ask; a cheap look first, so most messages are never parsed.
        if !text.trim_start().starts_with('{') {
            return Asked::Echo;
        }
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text) else {
            return Asked::Echo;
        };
        if let Some(code) = object.get("close") {
            return match close_request(code, object.get("reason")) {
                Ok(frame) => Asked::Close(frame),
                Err(sentence) => Asked::Refused(sentence),
            };
        }
        if object.get("drop") == Some(&Value::Bool(true)) {
            return Asked::Drop;
        }
        Asked::Echo
    }
}

/// The close frame `{"close": code, "reason": reason}` asks for, or why it cannot be sent.
fn close_request(code: &Value, reason: Option<&Value>) -> Result<CloseFrame, String> {
    let code = code
        .as_u64()
        .and_then(|c| u16::try_from(c).ok())
        .filter(|c| may_send(*c))
        .ok_or_else(|| {
            format!(
                "close must be a code a server may send: 1000, 1001, 1003, 1007, 1008, 1009, \
                 1011, 1012, 1013, 1014, or 3000 to 4999 (it was {code})"
            )
        })?;
    let reason = match reason {
        None => String::new(),
        Some(Value::String(reason)) if reason.len() <= MAX_REASON => reason.clone(),
        Some(Value::String(reason)) => {
            return Err(format!(
                "reason must be at most {MAX_REASON} bytes of UTF-8 (it was {} bytes)",
                reason.len()
            ))
        }
        Some(other) => {
            return Err(format!(
                "reason must be a string of at most {MAX_REASON} bytes (it was {other})"
            ))
        }
    };
    Ok(close_frame(code, reason))
}

/// Whether a server may send `code` in a close frame: the registered codes that describe why an
/// endpoint closes (not 1004–1006 and 1015, which are never sent, nor 1002 and 1010, which
/// describe the peer's protocol), and those for libraries and applications.
fn may_send(code: u16) -> bool {
    matches!(code, 1000 | 1001 | 1003 | 1007..=1009 | 1011..=1014 | 3000..=4999)
}

fn close_frame(code: u16, reason: String) -> CloseFrame {
    CloseFrame {
        code,
        reason: Utf8Bytes::from(reason),
    }
}

fn message_len(message: &Message) -> usize {
    match message {
        Message::Text(text) => text.len(),
        Message::Binary(bytes) | Message::Ping(bytes) | Message::Pong(bytes) => bytes.len(),
        Message::Close(_) => 0,
    }
}

/// "10 minutes", "1 minute", or in milliseconds for other spans (the tests' short limits).
fn span(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let whole_minutes = duration.subsec_nanos() == 0 && seconds > 0 && seconds.is_multiple_of(60);
    match seconds / 60 {
        1 if whole_minutes => "1 minute".to_owned(),
        minutes if whole_minutes => format!("{minutes} minutes"),
        _ => format!("{} ms", duration.as_millis()),
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message as ClientMessage;

    use super::*;

    /// Serves `/ws` with `timing` instead of the real limits, and returns its `ws://` URL.
    async fn serve(timing: Timing) -> String {
        let route = any(move |upgrade: WebSocketUpgrade| async move {
            let place = Place {
                _origin: None,
                _open: Arc::new(Semaphore::new(1)).try_acquire_owned().unwrap(),
            };
            upgrade.on_upgrade(move |socket| session(socket, place, Budget::default(), timing))
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("ws://{}/ws", listener.local_addr().unwrap());
        let app = axum::Router::new().route("/ws", route);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        url
    }

    /// The close frame the server sends first, waiting at most 10 s.
    async fn close_sent_by_server(url: &str) -> (u16, String) {
        let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let next = tokio::time::timeout(Duration::from_secs(10), socket.next());
        match next.await.unwrap().unwrap().unwrap() {
            ClientMessage::Close(Some(frame)) => (frame.code.into(), frame.reason.to_string()),
            other => panic!("expected a close frame, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_silent_client_is_closed_with_1001_at_the_idle_limit() {
        let url = serve(Timing {
            life: Duration::from_secs(60),
            idle: Duration::from_millis(200),
        })
        .await;
        assert_eq!(
            close_sent_by_server(&url).await,
            (
                1001,
                "going away, nothing received for 200 ms (the idle limit)".to_owned()
            )
        );
    }

    #[tokio::test]
    async fn a_connection_is_closed_with_1001_at_the_end_of_its_life() {
        let url = serve(Timing {
            life: Duration::from_millis(200),
            idle: Duration::from_secs(60),
        })
        .await;
        assert_eq!(
            close_sent_by_server(&url).await,
            (
                1001,
                "going away, connections last at most 200 ms".to_owned()
            )
        );
    }

    #[test]
    fn text_asks_for_a_close_or_a_drop_only_as_a_json_object() {
        let refused = |text: &str| matches!(Asked::read(text), Asked::Refused(_));
        assert_eq!(
            Asked::read(r#"{"close": 4000, "reason": "bye"}"#),
            Asked::Close(close_frame(4000, "bye".to_owned()))
        );
        assert_eq!(Asked::read(r#"{"drop": true}"#), Asked::Drop);
        for code in [
            1000, 1001, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 1014, 3000, 4999,
        ] {
            assert!(!refused(&format!(r#"{{"close": {code}}}"#)), "{code}");
        }
        for code in [
            "999", "1002", "1004", "1005", "1006", "1010", "1015", "2999", "5000",
        ] {
            assert!(refused(&format!(r#"{{"close": {code}}}"#)), "{code}");
        }
        for text in [
            "hello",
            r#"{"drop": 1}"#,
            r#"[{"drop": true}]"#,
            "{not json",
        ] {
            assert_eq!(Asked::read(text), Asked::Echo, "{text}");
        }
    }

    #[test]
    fn spans_read_as_people_write_them() {
        assert_eq!(span(MAX_LIFE), "10 minutes");
        assert_eq!(span(Duration::from_secs(60)), "1 minute");
        assert_eq!(span(Duration::from_secs(90)), "90000 ms");
        assert_eq!(span(Duration::from_millis(200)), "200 ms");
    }
}
