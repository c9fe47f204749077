//! The WebSocket model: URLs, subprotocols, the Message box in each format, close codes in
//! words, and the capped log of frames.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{
    close_meaning, hex_pairs, is_socket_url, outgoing, parse_protocols, socket_url_problem,
    Direction, Frame, MessageFormat, Outgoing, SocketLog, SocketStatus, MAX_SHOWN_BYTES,
    MAX_SOCKET_LOG_BYTES, SOCKET_LOG_CAP,
};

#[test]
fn ws_and_wss_urls_are_sockets_in_any_case() {
    for url in [
        "ws://127.0.0.1:8080/echo/ws",
        "WSS://example.com/",
        " ws://x",
    ] {
        assert!(is_socket_url(url), "{url}");
    }
    for url in ["http://x/ws", "wsx://x", "ws:/x", "", "w"] {
        assert!(!is_socket_url(url), "{url}");
    }
}

#[test]
fn a_socket_url_needs_a_host_and_no_fragment() {
    assert_eq!(socket_url_problem("ws://127.0.0.1:8080/echo/ws?x=1"), None);
    assert_eq!(socket_url_problem("wss://example.com"), None);
    assert!(socket_url_problem("ws://x/#part")
        .unwrap()
        .contains("#fragment"));
    assert!(socket_url_problem("ws://").is_some());
    assert!(socket_url_problem("http://x")
        .unwrap()
        .contains("ws:// or wss://"));
}

#[test]
fn subprotocols_are_tokens_listed_once() {
    assert_eq!(parse_protocols(""), Ok(vec![]));
    assert_eq!(
        parse_protocols(" chat , json.v2,,"),
        Ok(vec!["chat".to_owned(), "json.v2".to_owned()])
    );
    let space = parse_protocols("my chat").unwrap_err();
    assert!(
        space.contains("\"my chat\"") && space.contains("' '"),
        "{space}"
    );
    let twice = parse_protocols("a, b, a").unwrap_err();
    assert!(twice.contains("listed twice"), "{twice}");
    assert!(parse_protocols("a/b").unwrap_err().contains("'/'"));
}

#[test]
fn the_message_box_is_read_as_its_format_says() {
    assert_eq!(
        outgoing(MessageFormat::Text, "not json {"),
        Ok(Outgoing::Text("not json {".to_owned()))
    );
    assert_eq!(
        outgoing(MessageFormat::Json, "{\"a\": [1, 2]}"),
        Ok(Outgoing::Text("{\"a\": [1, 2]}".to_owned()))
    );
    let json = outgoing(MessageFormat::Json, "{\"a\": }").unwrap_err();
    assert!(
        json.contains("line 1, column 7") && json.contains("choose Text"),
        "{json}"
    );
    assert_eq!(
        outgoing(MessageFormat::Hex, "0x48 65\n6c6C 6f"),
        Ok(Outgoing::Binary(b"Hello".to_vec()))
    );
    assert_eq!(
        outgoing(MessageFormat::Hex, ""),
        Ok(Outgoing::Binary(vec![]))
    );
    assert!(outgoing(MessageFormat::Hex, "abc")
        .unwrap_err()
        .contains("3 hex digits"));
    assert!(outgoing(MessageFormat::Hex, "zz")
        .unwrap_err()
        .contains("'z' is not a hex digit"));
    assert_eq!(
        outgoing(MessageFormat::Base64, "AAF/gP8="),
        Ok(Outgoing::Binary(vec![0, 1, 127, 128, 255]))
    );
    assert_eq!(
        outgoing(MessageFormat::Base64, "AAF_gP8"),
        Ok(Outgoing::Binary(vec![0, 1, 127, 128, 255]))
    );
    for bad in ["A", "ab$c", "a b c d e"] {
        assert!(
            outgoing(MessageFormat::Base64, bad)
                .unwrap_err()
                .contains("not base64"),
            "{bad}"
        );
    }
    for format in MessageFormat::ALL {
        assert_eq!(MessageFormat::from_id(format.id()), Some(format));
    }
}

#[test]
fn close_codes_are_explained() {
    assert!(close_meaning(1000).starts_with("1000 Normal closure"));
    assert!(close_meaning(1001).starts_with("1001 Going away"));
    assert!(close_meaning(1006).contains("without a close frame"));
    assert!(close_meaning(1008).contains("Policy violation"));
    assert!(close_meaning(1011).contains("Internal error"));
    assert!(close_meaning(4000).contains("Application code"));
    assert!(close_meaning(3000).contains("Registered code"));
    assert!(close_meaning(999).contains("Not a registered"));
}

#[test]
fn binary_frames_show_hex_and_long_ones_are_cut() {
    assert_eq!(hex_pairs(&[0, 1, 127, 128, 255]), "00 01 7f 80 ff");
    let small = Frame::message(5.0, Direction::Received, &Outgoing::Binary(vec![0, 255]));
    assert_eq!(
        (small.kind, small.size, small.text.as_str()),
        ("binary", 2, "00 ff")
    );
    let big = vec![0xab_u8; MAX_SHOWN_BYTES + 10];
    let frame = Frame::message(0.0, Direction::Sent, &Outgoing::Binary(big));
    assert_eq!(frame.size, MAX_SHOWN_BYTES + 10);
    assert!(frame.text.ends_with(" …"));
    assert_eq!(frame.text.matches("ab").count(), MAX_SHOWN_BYTES);
    let text = Frame::message(0.0, Direction::Sent, &Outgoing::Text("é".repeat(40_000)));
    assert_eq!(text.size, 80_000);
    assert!(text.text.ends_with('…') && text.text.len() <= (64 << 10) + 3);
    // A page reads only the start of a large received message; the size is the whole one's.
    let start = Frame::message_of_size(
        0.0,
        Direction::Received,
        &Outgoing::Binary(vec![1, 2]),
        1 << 20,
    );
    assert_eq!((start.size, start.text.as_str()), (1 << 20, "01 02 …"));
    let whole = Frame::message_of_size(0.0, Direction::Received, &Outgoing::Text("hi".into()), 2);
    assert_eq!(whole.text, "hi");
    let cut = Frame::message_of_size(0.0, Direction::Received, &Outgoing::Text("hi".into()), 9);
    assert_eq!(cut.text, "hi…");
}

#[test]
fn the_log_keeps_its_cap_and_counts_what_it_dropped() {
    let mut log = SocketLog::new(3);
    log.push(Frame::connection(0.0, "open", "Connected".into()));
    for i in 0..4 {
        let direction = if i % 2 == 0 {
            Direction::Sent
        } else {
            Direction::Received
        };
        log.push(Frame::message(
            f64::from(i),
            direction,
            &Outgoing::Text(i.to_string()),
        ));
    }
    assert_eq!(log.frames().len(), 3);
    assert_eq!(log.dropped(), 2);
    let texts: Vec<&str> = log.frames().iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["1", "2", "3"]);
    // Counted whole, the dropped ones too.
    assert_eq!(log.messages(), (2, 2));
    // Each keeps its number as older ones go: a chosen entry stays chosen.
    let seqs: Vec<u64> = log.frames().iter().map(|f| f.seq).collect();
    assert_eq!(seqs, [2, 3, 4]);
    assert_eq!(log.by_seq(3).map(|f| f.text.as_str()), Some("2"));
    assert!(log.by_seq(1).is_none() && log.by_seq(5).is_none());
}

#[test]
fn the_log_keeps_within_its_bytes_when_a_server_floods_large_messages() {
    let mut log = SocketLog::new(SOCKET_LOG_CAP);
    let large = Outgoing::Text("x".repeat(1 << 20));
    for i in 0..1000 {
        log.push(Frame::message(f64::from(i), Direction::Received, &large));
    }
    // Each entry keeps 64 KB of its megabyte; 16 MB of them fit.
    assert!(log.bytes() <= MAX_SOCKET_LOG_BYTES, "{}", log.bytes());
    assert_eq!(log.frames().len(), MAX_SOCKET_LOG_BYTES / ((64 << 10) + 3));
    assert_eq!(log.dropped() as usize + log.frames().len(), 1000);
    assert_eq!(log.messages(), (0, 1000));
    // The newest are the ones kept.
    assert_eq!(log.frames().back().unwrap().at_ms, 999.0);
}

#[test]
fn the_status_names_the_button_and_says_why_it_closed() {
    assert_eq!(SocketStatus::Idle.button(), "Connect");
    assert_eq!(SocketStatus::Connecting.button(), "Disconnect");
    let open = SocketStatus::Open {
        protocol: "chat".into(),
    };
    assert_eq!(open.button(), "Disconnect");
    assert_eq!(open.summary(), "Connected, subprotocol chat");
    let closed = SocketStatus::Closed {
        code: 4000,
        reason: "bye".into(),
    };
    assert_eq!(closed.button(), "Connect");
    assert!(closed
        .summary()
        .starts_with("Closed: 4000 Application code"));
    assert!(closed.summary().ends_with("Reason: bye"));
}
