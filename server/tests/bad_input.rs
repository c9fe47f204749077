//! Bad input against the real binary: malformed requests, huge heads, slow clients, oversized
//! bodies, invalid UTF-8. Each gets a clear 4xx or is cut off; the server stays up and its
//! memory stays bounded.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::binary::{self, status_line, Server};

fn start() -> Server {
    binary::start(&["--header-timeout", "1"])
}

#[test]
fn malformed_requests_get_400_and_the_server_goes_on() {
    let server = start();
    for request in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET /echo/get HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET /echo/get HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n",
        b"GET /echo/get HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n",
        b"POST /echo/post HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"\x00\x01\x02\xff\r\n\r\n",
    ] {
        let reply = server.raw_text(request);
        assert!(
            reply.is_empty() || status_line(&reply).starts_with("HTTP/1.1 4"),
            "{:?} -> {reply}",
            String::from_utf8_lossy(request)
        );
    }
    // Content-Length and Transfer-Encoding both: the chunked body is read and the connection is
    // closed after the answer (RFC 9112 6.3), so nothing can be smuggled after it.
    let reply = server.raw_text(b"POST /echo/post HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /echo/ip HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(reply.contains("connection: close"), "{reply}");
    assert_eq!(reply.matches("HTTP/1.1 ").count(), 1, "{reply}");
    server.still_answers();
}

#[test]
fn a_1_mb_header_gets_431() {
    let server = start();
    let mut request = b"GET /echo/get HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 1 << 20));
    request.extend_from_slice(b"\r\n\r\n");
    let reply = server.raw_text(&request);
    assert!(
        status_line(&reply).starts_with("HTTP/1.1 431"),
        "{}",
        status_line(&reply)
    );
    server.still_answers();
}

#[test]
fn a_slow_client_is_cut_off_and_does_not_hold_others_up() {
    let server = start();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(&binary::with_host(
        b"GET /echo/get HTTP/1.1\r\nHost: x\r\n",
        &server.host(),
    ))
    .unwrap();
    let started = Instant::now();
    server.still_answers();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut out = Vec::new();
    let _ = slow.read_to_end(&mut out);
    let waited = started.elapsed();
    let reply = String::from_utf8_lossy(&out);
    assert!(
        reply.is_empty() || status_line(&reply).starts_with("HTTP/1.1 408"),
        "{reply}"
    );
    assert!(waited < Duration::from_secs(4), "cut off after {waited:?}");
}

#[test]
fn oversized_bodies_get_413_and_memory_stays_bounded() {
    let server = start();
    server.still_answers();
    let before = server.rss_kb();
    let body = vec![b'x'; 17 << 20];
    for _ in 0..20 {
        let mut request = format!(
            "POST /echo/post HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(&body);
        let reply = server.raw_text(&request);
        assert!(
            status_line(&reply).starts_with("HTTP/1.1 413"),
            "{}",
            status_line(&reply)
        );
        assert!(reply.contains("larger than 16 MB"), "{reply}");
    }
    // Many idle connections at once cost little and are closed by the head timeout.
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    server.still_answers();
    let after = server.rss_kb();
    drop(idle);
    println!(
        "RSS {before} kB before, {after} kB after 20 bodies of 17 MB and 200 idle connections"
    );
    assert!(
        after < before + 64 * 1024,
        "RSS grew from {before} kB to {after} kB"
    );
}

#[test]
fn invalid_utf8_is_echoed_safely() {
    let server = start();
    let mut request =
        b"POST /echo/anything/%FF%FE?q=%C3%28 HTTP/1.1\r\nHost: x\r\nX-Bytes: \xff\xfe\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\n"
            .to_vec();
    request.extend_from_slice(&[0xff, 0xfe, b'o', b'k']);
    let reply = server.raw_text(&request);
    assert!(status_line(&reply).starts_with("HTTP/1.1 200"), "{reply}");
    let body = &reply[reply.find("\r\n\r\n").unwrap() + 4..];
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["data"], "data:text/plain;base64,//5vaw==");
    assert_eq!(json["args"]["q"], "\u{fffd}(");
    assert_eq!(json["headers"]["X-Bytes"], "\u{fffd}\u{fffd}");
    assert!(
        json["url"]
            .as_str()
            .unwrap()
            .contains("/echo/anything/%FF%FE"),
        "{json}"
    );
}
