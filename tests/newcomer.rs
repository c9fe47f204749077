//! What a newcomer meets first: a curl command pasted into the URL box, the texts of a timeout
//! and of history rows, and what the form says about a body on a method that does not usually
//! carry one, and which headers the reader's browser will drop.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::codegen::{python_session, BodyOutput, Target};
use http_playground::import::{import_curl, looks_like_curl};
use http_playground::model::{
    body_note, history_row_texts, seconds_in_words, Body, Browser, Field, HttpResponse, KeyValue,
    Request, Session,
};

#[test]
fn curl_is_recognised_by_its_first_word() {
    for text in [
        "curl https://httpbin.org/get",
        "  curl 'https://httpbin.org/get'",
        "curl\\\n  https://httpbin.org/get",
        "curl\n  https://httpbin.org/get",
        "curl\r\n  https://httpbin.org/get",
        "curl\t-X POST https://httpbin.org/post",
        "\n\ncurl -sS https://httpbin.org/get",
    ] {
        assert!(looks_like_curl(text), "{text:?}");
    }
    for text in [
        "https://httpbin.org/get",
        "curl",
        "curly.example.com/path",
        "curling https://example.com",
        "http://curl https://example.com",
        "",
    ] {
        assert!(!looks_like_curl(text), "{text:?}");
    }
}

#[test]
fn a_backslash_followed_by_spaces_still_continues_the_line() {
    // Copied from docs with a stray space after the backslash: bash would end the command
    // there, but the writer meant a continuation, and the command is unusable otherwise.
    let continued =
        "curl -X POST \\ \n  https://httpbin.org/post \\\t\r\n  -H 'X-Lesson: 3' \\  \n  -d 'a=1'";
    let plain = "curl -X POST https://httpbin.org/post -H 'X-Lesson: 3' -d 'a=1'";
    let imported = import_curl(continued).unwrap();
    assert_eq!(imported, import_curl(plain).unwrap());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    // An escaped space inside a word is still a space.
    let spaced = import_curl("curl https://httpbin.org/get -H X-Bare:\\ spaced").unwrap();
    assert_eq!(spaced.request.headers[0].value, "spaced");
}

#[test]
fn seconds_in_words_are_singular_only_for_one() {
    assert_eq!(seconds_in_words(1000), "1 second");
    assert_eq!(seconds_in_words(10_000), "10 seconds");
    assert_eq!(seconds_in_words(2500), "2.5 seconds");
    assert_eq!(seconds_in_words(1001), "1.001 seconds");
    assert_eq!(seconds_in_words(500), "0.5 seconds");
}

fn one_second_request() -> Request {
    Request {
        url: "https://httpbin.org/delay/3".to_owned(),
        timeout_ms: 1000,
        ..Request::default()
    }
}

#[test]
fn a_one_second_timeout_reads_singular_in_every_target() {
    let request = one_second_request();
    for target in Target::ALL {
        let code = target.generate(&request);
        assert!(!code.contains("1 seconds"), "{}:\n{code}", target.id());
    }
    for target in [
        Target::PythonRequests,
        Target::PythonHttpx,
        Target::PythonHttpxAsync,
    ] {
        let code = target.generate(&request);
        assert!(
            code.contains("\"Request timed out after 1 second\""),
            "{}:\n{code}",
            target.id()
        );
        let session = Session {
            headers: Vec::new(),
            requests: vec![request.clone(), request.clone()],
            concurrent: false,
        };
        let program = python_session(&session, target).unwrap();
        assert!(
            program.contains("\"Request timed out after 1 second\""),
            "{}:\n{program}",
            target.id()
        );
        assert!(!program.contains("1 seconds"), "{program}");
    }
    // Other values stay plural.
    let request = Request {
        timeout_ms: 2500,
        ..one_second_request()
    };
    assert!(Target::PythonRequests
        .generate(&request)
        .contains("\"Request timed out after 2.5 seconds\""));
}

#[test]
fn history_rows_show_a_time_only_for_a_response() {
    assert_eq!(
        history_row_texts("200", 34, 10_000),
        ("200".to_owned(), Some("34 ms".to_owned()))
    );
    assert_eq!(
        history_row_texts("404", 0, 10_000),
        ("404".to_owned(), Some("0 ms".to_owned()))
    );
    assert_eq!(
        history_row_texts("timeout", 0, 10_000),
        ("timeout after 10 s".to_owned(), None)
    );
    assert_eq!(
        history_row_texts("timeout", 0, 1500),
        ("timeout after 1.5 s".to_owned(), None)
    );
    assert_eq!(
        history_row_texts("cancelled", 0, 10_000),
        ("cancelled".to_owned(), None)
    );
    assert_eq!(
        history_row_texts("network", 0, 10_000),
        ("network failure".to_owned(), None)
    );
    assert_eq!(
        history_row_texts("invalid", 0, 10_000),
        ("invalid, not sent".to_owned(), None)
    );
}

fn with_body(method: &str) -> Request {
    Request {
        method: method.to_owned(),
        url: "https://httpbin.org/anything".to_owned(),
        body: Body::Json {
            text: "{\"title\": \"foo\"}".to_owned(),
        },
        ..Request::default()
    }
}

#[test]
fn a_body_on_get_or_head_names_the_methods_that_can_carry_one() {
    for method in ["GET", "HEAD"] {
        let errors = with_body(method).validate();
        let body = errors.iter().find(|e| e.field == Field::Body).unwrap();
        assert!(body.message.contains(method), "{}", body.message);
        assert!(
            body.message.contains("any method but GET and HEAD"),
            "{}",
            body.message
        );
        assert!(body.message.contains("DELETE"), "{}", body.message);
        assert!(
            body.message.contains("set the body to None"),
            "{}",
            body.message
        );
    }
}

#[test]
fn a_body_on_delete_or_options_is_sent_with_a_note() {
    for method in ["DELETE", "OPTIONS", "delete"] {
        let request = with_body(method);
        assert!(request.prepare().is_ok(), "{method} with a body is sent");
        let note = body_note(&request).unwrap_or_else(|| panic!("no note for {method}"));
        assert!(note.contains(&method.to_ascii_uppercase()), "{note}");
        assert!(note.contains("Body"), "{note}");
        assert!(note.contains("None"), "{note}");
    }
    let form = Request {
        body: Body::Form {
            fields: vec![KeyValue::new("id", "42")],
        },
        ..with_body("DELETE")
    };
    assert!(body_note(&form).is_some());

    // No note without a body, for methods that carry one, or where validation already speaks.
    let mut bodiless = with_body("DELETE");
    bodiless.body = Body::None;
    assert_eq!(body_note(&bodiless), None);
    for method in ["POST", "PUT", "PATCH", "PROPFIND", "GET", "HEAD"] {
        assert_eq!(body_note(&with_body(method)), None, "{method}");
    }
}

/// Real `navigator.userAgent` strings, as each browser reports itself.
const USER_AGENTS: [(&str, Browser); 9] = [
    ("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", Browser::Firefox),
    ("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", Browser::Firefox),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36", Browser::Chromium),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", Browser::Chromium),
    ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", Browser::Chromium),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", Browser::Safari),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", Browser::Safari),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15", Browser::Safari),
    ("curl/8.5.0", Browser::Unknown),
];

#[test]
fn the_browser_is_named_by_its_user_agent() {
    for (ua, browser) in USER_AGENTS {
        assert_eq!(Browser::from_user_agent(ua), browser, "{ua}");
    }
}

#[test]
fn only_firefox_sends_a_scripts_user_agent() {
    let request = Request {
        headers: vec![
            KeyValue::new("User-Agent", "MyApp/1.0"),
            KeyValue::new("Accept", "application/json"),
            KeyValue::new("cookie", "a=1"),
            KeyValue::new(" Sec-Fetch-Site ", "none"),
            KeyValue::new("Proxy-Authorization", "Basic eA=="),
            KeyValue {
                enabled: false,
                ..KeyValue::new("Referer", "https://example.com/")
            },
        ],
        ..Request::default()
    };
    let everywhere = ["cookie", "Sec-Fetch-Site", "Proxy-Authorization"];
    assert_eq!(
        request.browser_refused_headers(Browser::Firefox),
        everywhere
    );
    for browser in [Browser::Chromium, Browser::Safari, Browser::Unknown] {
        assert_eq!(
            request.browser_refused_headers(browser),
            [
                "User-Agent",
                "cookie",
                "Sec-Fetch-Site",
                "Proxy-Authorization"
            ],
            "{browser:?}"
        );
    }
    assert_eq!(Browser::Firefox.label(), "Firefox");
    assert_eq!(Browser::Unknown.label(), "This browser");
    assert_eq!(Browser::Unknown.name(), "this browser");
    assert_eq!(Browser::Safari.name(), "Safari");
}

fn answer(content_type: &str, body: &[u8]) -> HttpResponse {
    HttpResponse {
        status: 200,
        status_text: "OK".into(),
        headers: vec![("Content-Type".into(), content_type.into())],
        body: std::sync::Arc::new(body.to_vec()),
        elapsed_ms: 1.0,
        ttfb_ms: None,
        url: "http://127.0.0.1/x".into(),
        redirected: false,
        stopped: None,
    }
}

/// Each answer (content type, body) makes the code handle its body as the row says.
fn assert_outputs(answers: &[(&str, &[u8], BodyOutput)]) {
    for &(content_type, body, output) in answers {
        assert_eq!(
            BodyOutput::of(&answer(content_type, body)),
            output,
            "{content_type}"
        );
    }
}

#[test]
fn a_streamed_answer_makes_every_program_read_it_as_it_arrives() {
    let answers: [(&str, &[u8], BodyOutput); 5] = [
        ("text/event-stream", b"data: 1\n\n", BodyOutput::Events),
        ("text/event-stream; charset=utf-8", b"", BodyOutput::Events),
        ("application/x-ndjson", b"{}\n{}\n", BodyOutput::Lines),
        ("application/jsonl", b"{}\n", BodyOutput::Lines),
        ("text/plain", b"data: 1\n\n", BodyOutput::Text),
    ];
    assert_outputs(&answers);
    let request = Request {
        method: "POST".into(),
        url: "http://127.0.0.1:8080/echo/sse".into(),
        body: Body::Json {
            text: "{\"prompt\": \"hi\"}".into(),
        },
        ..Request::default()
    };
    // What reads the body as it arrives, per target; the text programs have none of it.
    let streaming: [(Target, &str); 8] = [
        (Target::PythonRequests, "stream=True"),
        (Target::PythonHttpx, "client.stream("),
        (Target::PythonHttpxAsync, "response.aiter_lines()"),
        (Target::Curl, " -N "),
        (Target::JavascriptFetch, "response.body.pipeThrough("),
        (Target::RustGlooNet, "body.get_reader()"),
        (Target::RustReqwest, "response.bytes_stream()"),
        (
            Target::RustReqwestBlocking,
            "BufReader::new(response).lines()",
        ),
    ];
    for (target, reads) in streaming {
        let code = target.generate_output(&request, BodyOutput::Events);
        assert!(code.contains(reads), "{target:?}:\n{code}");
        // curl writes the stream as it is; the others pick each event's data.
        assert!(
            target == Target::Curl || code.contains("\"data:\""),
            "{target:?} reads the data lines"
        );
        let text = target.generate_output(&request, BodyOutput::Text);
        assert!(!text.contains(reads), "{target:?} as text:\n{text}");
    }
}

#[test]
fn a_binary_answer_makes_the_python_code_write_bytes() {
    let answers: [(&str, &[u8], BodyOutput); 6] = [
        (
            "image/png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            BodyOutput::Bytes,
        ),
        ("application/octet-stream", b"\0\x01\x02", BodyOutput::Bytes),
        ("application/pdf", b"%PDF-1.7", BodyOutput::Bytes),
        ("application/json", b"{}", BodyOutput::Text),
        ("text/html", b"<p>", BodyOutput::Text),
        ("image/svg+xml", b"<svg/>", BodyOutput::Text),
    ];
    assert_outputs(&answers);

    let request = Request {
        url: "https://httpbin.org/image/png".into(),
        ..Request::default()
    };
    for target in [
        Target::PythonRequests,
        Target::PythonHttpx,
        Target::PythonHttpxAsync,
    ] {
        let text = target.generate_output(&request, BodyOutput::Text);
        let bytes = target.generate_output(&request, BodyOutput::Bytes);
        assert!(text.contains("print(response.text)\n"), "{text}");
        assert!(!bytes.contains("response.text)\n"), "{bytes}");
        assert!(
            bytes.contains("sys.stdout.buffer.write(response.content)\n"),
            "{bytes}"
        );
        assert_eq!(
            bytes.replace(
                "sys.stdout.buffer.write(response.content)",
                "print(response.text)"
            ),
            text,
            "{target:?}: only the last statement differs"
        );
    }
    // The other targets print text either way.
    for target in [Target::Curl, Target::JavascriptFetch, Target::RustReqwest] {
        assert_eq!(
            target.generate_output(&request, BodyOutput::Bytes),
            target.generate(&request)
        );
    }
}
