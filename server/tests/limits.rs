//! What any web page could make a visitor's browser send cannot exhaust the server (the real
//! binary, on loopback): a 15 MB multipart body with a 60 KB boundary is parsed once in linear
//! time and answered correctly; NUL bytes do not blow the answer or the memory up; requests past
//! the in-flight cap get 503 with Retry-After; 200 clients that never read their answers hold
//! bounded memory; an answer nobody reads is cut off at the request timeout. Bad flags are
//! errors with exit code 2, and a public bind with an open proxy is refused before listening.
//! Speed is measured by `make bench` (scripts/bench.sh), not asserted here.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use base64::Engine;
use common::binary::{self, exit_of, with_host};

/// Runs of dashes one short of the delimiter: the worst case for a naive boundary search.
fn dashes_body(boundary: &str, preamble: usize, content: usize) -> (Vec<u8>, String) {
    let near_miss = |n: usize| {
        let mut out = String::with_capacity(n + 60_010);
        while out.len() < n {
            out.push_str("\r\n");
            out.push_str(&"-".repeat(boundary.len() + 1));
            out.push('x');
        }
        out
    };
    let file = near_miss(content);
    let mut body = near_miss(preamble).into_bytes();
    body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes());
    body.extend_from_slice(file.as_bytes());
    body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--{boundary}--\r\n").as_bytes());
    (body, file)
}

#[tokio::test]
async fn a_15_mb_multipart_body_with_a_60_kb_boundary_is_answered_correctly() {
    let server = binary::start(&[]);
    let base = format!("http://{}", server.host());
    let boundary = "-".repeat(60_000);
    let (body, file) = dashes_body(&boundary, 5 << 20, 10 << 20);
    assert!(body.len() >= 15 << 20 && body.len() < 16 << 20);
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let client = common::client();

    let response = client
        .post(format!("{base}/echo/post"))
        .header("Content-Type", &content_type)
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let echo: serde_json::Value = response.json().await.unwrap();
    assert_eq!(echo["form"], serde_json::json!({ "note": "hello" }));
    assert_eq!(echo["files"]["f"].as_str().unwrap().len(), file.len());
    assert!(echo["files"]["f"] == file.as_str(), "the file differs");
    assert_eq!(echo["data"], "");
    assert_eq!(echo["headers"]["Content-Type"], content_type.as_str());

    let response = client
        .get(format!("{base}/echo/stream/100?q=1"))
        .header("Content-Type", &content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 100);
    for (id, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], id);
        assert_eq!(line["args"]["q"], "1");
        assert_eq!(line["headers"]["Content-Type"], content_type.as_str());
        assert_eq!(line["url"], format!("{base}/echo/stream/100?q=1"));
    }
}

#[tokio::test]
async fn nul_bytes_are_echoed_as_base64_and_memory_stays_bounded() {
    let server = binary::start(&[]);
    let base = format!("http://{}", server.host());
    let before = server.memory_kb("VmHWM");
    let nuls = vec![0u8; 15 << 20];
    let response = common::client()
        .post(format!("{base}/echo/post"))
        .header("Content-Type", "text/plain")
        .body(nuls.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    // As \u0000 it would be 90 MB; as base64, 20 MB.
    assert!(text.len() < 21 << 20, "{} bytes", text.len());
    let echo: serde_json::Value = serde_json::from_str(&text).unwrap();
    let data = echo["data"].as_str().unwrap();
    let encoded = data.strip_prefix("data:text/plain;base64,").unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert!(decoded == nuls, "the bytes differ");
    assert_eq!(echo["json"], serde_json::Value::Null);

    // A few NULs stay text, as httpbin shows them.
    let response = common::client()
        .post(format!("{base}/echo/post"))
        .header("Content-Type", "text/plain")
        .body(b"a\x00b".to_vec())
        .send()
        .await
        .unwrap();
    let echo: serde_json::Value = response.json().await.unwrap();
    assert_eq!(echo["data"], "a\u{0}b");

    // NULs in a form field and in a urlencoded value are bounded the same way.
    let mut multipart = b"--B\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n".to_vec();
    multipart.extend(std::iter::repeat_n(0u8, 5 << 20));
    multipart.extend_from_slice(b"\r\n--B--\r\n");
    let response = common::client()
        .post(format!("{base}/echo/post"))
        .header("Content-Type", "multipart/form-data; boundary=B")
        .body(multipart)
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(text.len() < 7 << 20, "{} bytes", text.len());
    let echo: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(echo["form"]["n"]
        .as_str()
        .unwrap()
        .starts_with("data:text/plain;base64,AAAA"));
    let response = common::client()
        .post(format!("{base}/echo/post"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("n={}", "%00".repeat(4 << 20)))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(text.len() < 6 << 20, "{} bytes", text.len());

    let peak = server.memory_kb("VmHWM");
    println!("VmHWM {before} kB at start, {peak} kB after 15 MB of NUL bytes and the rest");
    assert!(
        peak < 160 * 1024,
        "peak RSS {peak} kB for a 15 MB body (bound: 160 MB)"
    );
    server.still_answers();
}

/// Sends `request` on a new connection and reads only the status line, leaving the rest unread.
fn status_only(port: u16, request: &[u8]) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut line = Vec::new();
    let mut byte = [0u8];
    while !line.ends_with(b"\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => line.push(byte[0]),
            _ => break,
        }
    }
    (stream, String::from_utf8_lossy(&line).trim().to_owned())
}

#[test]
fn past_the_in_flight_cap_requests_get_503_with_retry_after() {
    let server = binary::start(&["--max-in-flight", "2"]);
    let host = server.host();
    // Requests whose bodies never come hold their places. Holders are added until a GET is
    // refused: a GET may take a place for a moment, and a holder that arrives then is refused
    // itself and holds nothing, so the count of holders needed is not known in advance.
    let head = with_host(
        b"POST /echo/post HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n",
        &host,
    );
    let get = b"GET /echo/get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut held: Vec<TcpStream> = Vec::new();
    let started = Instant::now();
    let reply = loop {
        if held.len() < 50 {
            let mut holder = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            holder.write_all(&head).unwrap();
            held.push(holder);
        }
        let reply = server.raw_text(get);
        if reply.starts_with("HTTP/1.1 503") {
            break reply;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "a request was never refused: {reply}"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(
        reply.to_ascii_lowercase().contains("retry-after: 1\r\n"),
        "{reply}"
    );
    assert!(
        reply.contains("limit of 2 requests at once") && reply.contains("--max-in-flight"),
        "{reply}"
    );
    assert!(
        reply.contains("content-security-policy: sandbox"),
        "{reply}"
    );
    // The app's files are not counted.
    let page = server.raw_text(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(page.starts_with("HTTP/1.1 404"), "{page}");
    // The bodies arrive: the two holders are answered (any others were refused on arrival),
    // and the places are free again.
    let mut answered = 0;
    for stream in &mut held {
        let _ = stream.write_all(b"hello");
        let mut out = Vec::new();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let _ = stream.read_to_end(&mut out);
        let reply = String::from_utf8_lossy(&out);
        if reply.starts_with("HTTP/1.1 200") {
            assert!(reply.contains("\"data\": \"hello\""), "{reply}");
            answered += 1;
        } else {
            assert!(reply.starts_with("HTTP/1.1 503"), "{reply}");
        }
    }
    assert_eq!(answered, 2, "the two places were held by two requests");
    let started = Instant::now();
    while !server.raw_text(get).starts_with("HTTP/1.1 200") {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the places were not given back"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn two_hundred_clients_that_never_read_hold_bounded_memory() {
    let server = binary::start(&["--max-buffered", "64"]);
    server.still_answers();
    let before = server.rss_kb();
    // Each answer is about 12 MB (the 60 KB query in `url` and `args` on 100 lines): far more
    // than the sockets buffer, so the server holds what the client does not read.
    let request = with_host(
        format!(
            "GET /echo/stream/100?pad={} HTTP/1.1\r\nHost: x\r\n\r\n",
            "a".repeat(60_000)
        )
        .as_bytes(),
        &server.host(),
    );
    let clients: Vec<(TcpStream, String)> = (0..200)
        .map(|_| status_only(server.port, &request))
        .collect();
    let ok = clients
        .iter()
        .filter(|(_, s)| s == "HTTP/1.1 200 OK")
        .count();
    let busy = clients
        .iter()
        .filter(|(_, s)| s == "HTTP/1.1 503 Service Unavailable")
        .count();
    let now = server.rss_kb();
    let peak = server.memory_kb("VmHWM");
    println!(
        "200 clients that do not read: {ok} answered, {busy} got 503; RSS {before} kB before, \
         {now} kB with them, peak {peak} kB"
    );
    assert_eq!(ok + busy, 200, "every client gets an answer");
    assert!(ok >= 1 && busy >= 1, "{ok} answered, {busy} refused");
    assert!(
        peak < 64 * 1024 + 96 * 1024,
        "peak RSS {peak} kB (bound: --max-buffered 64 MB + 96 MB)"
    );
    drop(clients);
    server.still_answers();
}

#[test]
fn an_answer_nobody_reads_is_cut_off_at_the_request_timeout() {
    let server = binary::start(&["--request-timeout", "2"]);
    server.still_answers();
    let request = with_host(
        format!(
            "GET /echo/stream/100?pad={} HTTP/1.1\r\nHost: x\r\n\r\n",
            "a".repeat(60_000)
        )
        .as_bytes(),
        &server.host(),
    );
    let (mut stream, status) = status_only(server.port, &request);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(server.holds(&stream));
    // The server lets go of the connection once the deadline passes, though nothing was read.
    let started = Instant::now();
    while server.holds(&stream) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the connection is still open"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    let length: usize = String::from_utf8_lossy(&rest)
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_owned)
        })
        .and_then(|v| v.trim().parse().ok())
        .expect("a Content-Length");
    let body = rest.len() - rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap() - 4;
    assert!(
        body < length,
        "the whole answer ({length} bytes) was written"
    );
    server.still_answers();
}

#[test]
fn bad_flags_exit_2_with_a_message_never_a_panic() {
    for (args, says) in [
        (
            &["--header-timeout", "-1"][..],
            "--header-timeout takes a number of seconds from 0.1 to 3600 (got \"-1\")",
        ),
        (&["--header-timeout", "nan"], "--header-timeout takes"),
        (&["--header-timeout", "inf"], "--header-timeout takes"),
        (&["--header-timeout", "1e300"], "--header-timeout takes"),
        (&["--request-timeout", "-0.5"], "--request-timeout takes"),
        (
            &["--port", "0"],
            "--port takes a whole number from 1 to 65535 (got \"0\")",
        ),
        (
            &["--port", "99999"],
            "--port takes a whole number from 1 to 65535",
        ),
        (
            &["--max-in-flight", "0"],
            "--max-in-flight takes a whole number from 1",
        ),
        (
            &["--max-buffered", "99999999999999999999"],
            "--max-buffered takes",
        ),
        (&["--proxy-per-client", "-3"], "--proxy-per-client takes"),
        (
            &["--host", "http://evil/"],
            "--host http://evil/: give a host name",
        ),
        (&["--proxy=on"], "--proxy takes no value"),
        (&["--dist"], "--dist needs a value"),
        (
            &["--bind", "not a host name"],
            "cannot listen on not a host name",
        ),
    ] {
        let (code, stderr) = exit_of(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.starts_with(says), "{args:?}: {stderr}");
        assert!(stderr.contains("usage: http-playground-server"), "{args:?}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_public_bind_with_an_open_proxy_is_refused_before_listening() {
    for (flag, exposes) in [
        (
            "--proxy-allow-any",
            "send requests from this machine to any public host (an open proxy",
        ),
        (
            "--proxy-allow-loopback",
            "reach services that listen only on this machine's loopback",
        ),
    ] {
        let (code, stderr) = exit_of(&["--bind", "0.0.0.0", "--proxy", flag]);
        assert_eq!(code, 2, "{flag}: {stderr}");
        assert!(
            stderr.starts_with("--bind 0.0.0.0 makes the server reachable from other machines"),
            "{stderr}"
        );
        assert!(stderr.contains(exposes), "{flag}: {stderr}");
        assert!(
            stderr.contains("Add --public if that is really what you want"),
            "{stderr}"
        );
    }
}
