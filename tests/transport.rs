//! Browser tests of transport against the local httpbin: each asserts the outcome kind and what
//! httpbin echoes back, which must be what the model says was sent.
#![cfg(target_arch = "wasm32")]

mod common;

use serde_json::{json, Value};
use wasm_bindgen_test::*;

use common::{
    fetched_urls, fetches_to, sleep, this_browser, unique_marker, wait_for, CLOSED_PORT_URL,
    HTTPBIN,
};
use http_playground::model::{
    Auth, Body, Browser, Field, HttpResponse, KeyValue, Outcome, OutcomeKind, Request,
};
use http_playground::transport::{send, Canceller};

wasm_bindgen_test_configure!(run_in_browser);

fn request(method: &str, path: &str) -> Request {
    Request {
        method: method.to_owned(),
        url: format!("{HTTPBIN}{path}"),
        ..Request::default()
    }
}

async fn send_ok(request: &Request) -> (HttpResponse, Value) {
    match send(request.clone(), Canceller::default()).await {
        Outcome::Response(response) => {
            let echo = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
            (response, echo)
        }
        other => panic!("expected a response from {}, got {other:?}", request.url),
    }
}

/// Checks httpbin's echo against the model's wire form: method, URL, every header the browser
/// was allowed to send, and the body bytes.
async fn assert_echo_matches_model(request: &Request, echo: &Value) {
    let prepared = request.prepare().expect("valid request");
    assert_eq!(echo["method"], json!(prepared.method), "method");
    // httpbin's "url" is re-quoted by werkzeug, so the wire URL is read from Resource Timing,
    // and the query as the server decoded it from "args". The browser adds a fetch's entry in
    // a task of its own once the body is read, which can come after our send resolves: wait
    // for it.
    wait_for(
        &format!("the browser's Resource Timing entry for {}", prepared.url),
        5000,
        || fetched_urls().contains(&prepared.url),
    )
    .await;
    let mut args = serde_json::Map::new();
    for (name, value) in &prepared.query {
        match args.get_mut(name) {
            None => {
                args.insert(name.clone(), json!(value));
            }
            Some(Value::Array(values)) => values.push(json!(value)),
            Some(first) => *first = json!([first.clone(), value]),
        }
    }
    assert_eq!(echo["args"], Value::Object(args), "args");
    let echoed_headers = echo["headers"].as_object().expect("headers object");
    for (name, value) in &prepared.headers {
        let echoed = echoed_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v);
        if this_browser().refuses(name) {
            assert_ne!(
                echoed,
                Some(&json!(value)),
                "the browser should have replaced {name}"
            );
        } else {
            assert_eq!(echoed, Some(&json!(value)), "header {name}");
        }
    }
    let body = prepared
        .body
        .map(|b| String::from_utf8(b).unwrap())
        .unwrap_or_default();
    if matches!(request.body, Body::Form { .. }) {
        // httpbin parses form bodies into "form" and leaves "data" empty.
        let expected: serde_json::Map<String, Value> =
            http_playground::model::parse_urlencoded(&body)
                .into_iter()
                .map(|(n, v)| (n, json!(v)))
                .collect();
        assert_eq!(echo["form"], Value::Object(expected), "form");
    } else {
        assert_eq!(echo["data"], json!(body), "body bytes");
    }
}

#[wasm_bindgen_test]
async fn get_with_params_sends_the_model_url() {
    let request = Request {
        params: vec![
            KeyValue::new("q", "python tutorial"),
            KeyValue::new("page", "1"),
            KeyValue::new("sym", "a&b=c#d/é"),
        ],
        ..request("GET", "/get")
    };
    let (response, echo) = send_ok(&request).await;
    assert_eq!(response.status, 200);
    assert_eq!(
        Outcome::Response(response.clone()).kind(),
        OutcomeKind::Success
    );
    assert_eq!(
        echo["args"],
        json!({"q": "python tutorial", "page": "1", "sym": "a&b=c#d/é"})
    );
    let url = request.prepare().unwrap().url;
    wait_for("the Resource Timing entry of the query URL", 5000, || {
        fetched_urls().contains(&url)
    })
    .await;
    assert!(response.elapsed_ms > 0.0);
}

#[wasm_bindgen_test]
async fn post_json_sends_the_text_as_typed() {
    let text = "{\n  \"title\": \"Buy groceries\",\n  \"completed\": false,\n  \"userId\": 1\n}";
    let request = Request {
        body: Body::Json {
            text: text.to_owned(),
        },
        ..request("POST", "/post")
    };
    let (response, echo) = send_ok(&request).await;
    assert_eq!(response.status, 200);
    assert_eq!(
        echo["json"],
        json!({"title": "Buy groceries", "completed": false, "userId": 1})
    );
    assert_eq!(echo["data"], json!(text));
    assert_eq!(echo["headers"]["Content-Type"], json!("application/json"));
}

#[wasm_bindgen_test]
async fn form_fields_arrive_as_a_form() {
    let request = Request {
        body: Body::Form {
            fields: vec![
                KeyValue::new("username", "alice"),
                KeyValue::new("password", "s3cret & more"),
            ],
        },
        ..request("POST", "/post")
    };
    let (_, echo) = send_ok(&request).await;
    assert_eq!(
        echo["form"],
        json!({"username": "alice", "password": "s3cret & more"})
    );
    assert_eq!(
        echo["headers"]["Content-Type"],
        json!("application/x-www-form-urlencoded")
    );
}

#[wasm_bindgen_test]
async fn custom_headers_are_sent_and_refused_ones_dropped_by_the_browser() {
    let request = Request {
        headers: vec![
            KeyValue::new("Accept", "application/json"),
            KeyValue::new("X-Custom-Header", "value with \"quotes\""),
            KeyValue::new("User-Agent", "MyApp/1.0"),
        ],
        ..request("GET", "/headers")
    };
    let (_, echo) = send_ok(&request).await;
    assert_eq!(echo["headers"]["Accept"], json!("application/json"));
    assert_eq!(
        echo["headers"]["X-Custom-Header"],
        json!("value with \"quotes\"")
    );
    // Firefox sends a script's User-Agent; Chromium (and Safari) replace it with their own.
    let browser = this_browser();
    assert!(
        matches!(browser, Browser::Chromium | Browser::Firefox),
        "the tests run in Chromium or Firefox, not {browser:?}"
    );
    let firefox = browser == Browser::Firefox;
    assert_eq!(
        echo["headers"]["User-Agent"] == json!("MyApp/1.0"),
        firefox,
        "User-Agent in {browser:?}: {}",
        echo["headers"]["User-Agent"]
    );
    let expected: &[&str] = if firefox { &[] } else { &["User-Agent"] };
    assert_eq!(request.browser_refused_headers(browser), expected);
}

/// Every name the model says some browser refuses, and a few it says every browser sends,
/// set with a marker value: httpbin echoes the marker exactly for the names this browser's
/// rule says it sends.
#[wasm_bindgen_test]
async fn this_browser_drops_exactly_the_headers_its_rule_names() {
    let browser = this_browser();
    let names = [
        "Accept-Charset",
        "Accept-Encoding",
        "Access-Control-Request-Headers",
        "Access-Control-Request-Method",
        "Cookie",
        "Cookie2",
        "Date",
        "DNT",
        "Origin",
        "Referer",
        "Set-Cookie",
        "Via",
        "Proxy-Authorization",
        "Sec-Fetch-Mode",
        "Sec-Custom",
        "User-Agent",
        "X-Custom",
        "Authorization",
        "Accept-Language",
        "Cache-Control",
        "If-None-Match",
        "Forwarded",
    ];
    let request = Request {
        headers: names
            .iter()
            .map(|n| KeyValue::new(*n, format!("marker-{}", n.to_ascii_lowercase())))
            .collect(),
        ..request("GET", "/headers")
    };
    let (_, echo) = send_ok(&request).await;
    let echoed = echo["headers"].as_object().expect("headers");
    let mut wrong = Vec::new();
    for name in names {
        let marker = json!(format!("marker-{}", name.to_ascii_lowercase()));
        let arrived = echoed
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case(name) && *v == marker);
        if arrived == browser.refuses(name) {
            wrong.push(format!("{name}: arrived={arrived}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{browser:?} disagrees with its rule on {wrong:?}"
    );
    // Names every browser sends as set, whatever the rule says.
    for name in [
        "X-Custom",
        "Authorization",
        "Accept-Language",
        "Cache-Control",
    ] {
        assert!(!browser.refuses(name), "{name}");
    }
}

#[wasm_bindgen_test]
async fn basic_auth_right_password_is_200_and_wrong_is_an_http_error() {
    let right = Request {
        auth: Auth::Basic {
            username: "user".into(),
            password: "pass".into(),
        },
        ..request("GET", "/basic-auth/user/pass")
    };
    let (response, echo) = send_ok(&right).await;
    assert_eq!(response.status, 200);
    assert_eq!(echo, json!({"authenticated": true, "user": "user"}));

    let wrong = Request {
        auth: Auth::Basic {
            username: "user".into(),
            password: "nope".into(),
        },
        ..right
    };
    let outcome = send(wrong, Canceller::default()).await;
    assert_eq!(outcome.kind(), OutcomeKind::HttpError);
    let Outcome::Response(response) = outcome else {
        unreachable!()
    };
    assert_eq!(
        (response.status, response.reason().as_str()),
        (401, "UNAUTHORIZED")
    );
}

#[wasm_bindgen_test]
async fn bearer_token_is_sent_and_missing_token_is_401() {
    let with_token = Request {
        auth: Auth::Bearer {
            token: "your-jwt-token-here".into(),
        },
        ..request("GET", "/bearer")
    };
    let (response, echo) = send_ok(&with_token).await;
    assert_eq!(response.status, 200);
    assert_eq!(
        echo,
        json!({"authenticated": true, "token": "your-jwt-token-here"})
    );

    let outcome = send(request("GET", "/bearer"), Canceller::default()).await;
    assert_eq!(outcome.kind(), OutcomeKind::HttpError);
}

#[wasm_bindgen_test]
async fn not_found_is_an_http_error_with_its_status() {
    let outcome = send(request("GET", "/status/404"), Canceller::default()).await;
    assert_eq!(outcome.kind(), OutcomeKind::HttpError);
    let Outcome::Response(response) = outcome else {
        unreachable!()
    };
    assert_eq!(response.status, 404);
}

#[wasm_bindgen_test]
async fn a_slow_server_hits_the_timeout() {
    let slow = Request {
        timeout_ms: 1000,
        ..request("GET", "/delay/3")
    };
    let outcome = send(slow, Canceller::default()).await;
    assert_eq!(outcome, Outcome::Timeout { timeout_ms: 1000 });
}

#[wasm_bindgen_test]
async fn cancel_aborts_the_request_in_flight() {
    let canceller = Canceller::default();
    let pressing_cancel = {
        let canceller = canceller.clone();
        async move {
            sleep(200).await;
            canceller.cancel();
        }
    };
    wasm_bindgen_futures::spawn_local(pressing_cancel);
    let outcome = send(request("GET", "/delay/3"), canceller).await;
    assert_eq!(outcome, Outcome::Cancelled);
}

#[wasm_bindgen_test]
async fn connection_refused_is_a_network_failure() {
    let refused = Request {
        url: CLOSED_PORT_URL.to_owned(),
        ..Request::default()
    };
    let outcome = send(refused, Canceller::default()).await;
    assert_eq!(outcome.kind(), OutcomeKind::NetworkFailure, "{outcome:?}");
}

#[wasm_bindgen_test]
async fn invalid_url_is_caught_before_sending() {
    let outcome = send(
        Request {
            url: "127.0.0.1/get".into(),
            ..Request::default()
        },
        Canceller::default(),
    )
    .await;
    let Outcome::Invalid(errors) = outcome else {
        panic!("expected invalid, got {outcome:?}")
    };
    assert_eq!(errors[0].field, Field::Url);
}

#[wasm_bindgen_test]
async fn invalid_header_name_is_caught_and_nothing_is_sent() {
    let marker = unique_marker("bad-header");
    let bad = Request {
        headers: vec![KeyValue::new("X Bad Name", "v")],
        ..request("GET", &format!("/anything/{marker}"))
    };
    let outcome = send(bad.clone(), Canceller::default()).await;
    let Outcome::Invalid(errors) = outcome else {
        panic!("expected invalid, got {outcome:?}")
    };
    assert_eq!(errors[0].field, Field::Header(0));
    assert_eq!(fetches_to(&marker), 0, "nothing may be sent");

    // The same request with a valid name is sent, so the check above can see a fetch.
    let good = Request {
        headers: vec![KeyValue::new("X-Good-Name", "v")],
        ..bad
    };
    send_ok(&good).await;
    // Its Resource Timing entry may come a task later; then exactly one fetch, so none before.
    wait_for("the valid request's fetch", 5000, || {
        fetches_to(&marker) >= 1
    })
    .await;
    assert_eq!(fetches_to(&marker), 1);
}

/// Golden fixtures, pointed at the local httpbin's /anything: the transport sends exactly the
/// model's wire form, the same one the gloo-net snippet in the golden file encodes.
#[wasm_bindgen_test]
async fn fixtures_sent_by_transport_are_echoed_as_the_model_says() {
    let fixtures = [
        include_str!("fixtures/lesson_get/request.json"),
        include_str!("fixtures/lesson_query_params/request.json"),
        include_str!("fixtures/lesson_post_json/request.json"),
        include_str!("fixtures/lesson_form/request.json"),
        include_str!("fixtures/lesson_custom_headers/request.json"),
        include_str!("fixtures/lesson_basic_auth/request.json"),
        include_str!("fixtures/lesson_bearer/request.json"),
        include_str!("fixtures/text_body_quotes_and_escapes/request.json"),
    ];
    for json in fixtures {
        let mut request = Request::from_json(json).unwrap();
        request.url = local_anything(&request.url);
        let (response, echo) = send_ok(&request).await;
        assert_eq!(response.status, 200, "{}", request.url);
        assert_echo_matches_model(&request, &echo).await;
    }
}

/// httpbin allows only the common methods in CORS preflights, so a custom method fails in the
/// browser as a network/CORS failure, exactly as the outcome table says.
#[wasm_bindgen_test]
async fn a_method_the_server_does_not_allow_in_cors_is_a_network_failure() {
    let mut request = Request::from_json(include_str!(
        "fixtures/custom_method_api_key_query/request.json"
    ))
    .unwrap();
    request.url = local_anything(&request.url);
    assert_eq!(
        send(request, Canceller::default()).await.kind(),
        OutcomeKind::NetworkFailure
    );
}

/// `https://host/path?query` -> `{HTTPBIN}/anything/path?query`.
fn local_anything(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.strip_prefix("/anything").unwrap_or(path);
    format!("{HTTPBIN}/anything{path}")
}
