//! The echo API against the real httpbin (gunicorn on loopback, started by `make test`): the
//! same requests give the same JSON, field by field, with the host and origin aside.

mod common;

use reqwest::Method;
use serde_json::Value;

struct Case {
    method: &'static str,
    path: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
}

fn case(method: &'static str, path: &'static str) -> Case {
    Case {
        method,
        path,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

impl Case {
    fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }
    fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

fn corpus() -> Vec<Case> {
    let multipart = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBuy groceries\r\n--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\na\r\n--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nline one\nline two\r\n--XyZ--\r\n".to_vec();
    // What browsers, curl and the libraries write: repeated file names (httpbin reports the
    // first), UTF-8 field and file names, a quote escaped as %22 (browsers) or \" (curl), a file
    // that is not UTF-8 (a data URL of its type), an empty file, a part with no content type.
    let uploads = "--B\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nfirst\r\n\
--B\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"b.txt\"\r\nContent-Type: text/plain\r\n\r\nsecond\r\n\
--B\r\nContent-Disposition: form-data; name=\"名前\"\r\n\r\nZoë ✓\r\n\
--B\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"résumé %22final%22.txt\"\r\nContent-Type: text/plain\r\n\r\nRésumé\r\n\
--B\r\nContent-Disposition: form-data; name=\"quoted\"; filename=\"say \\\"hi\\\".txt\"\r\nContent-Type: text/plain\r\n\r\nhi\r\n\
--B\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"empty.txt\"\r\nContent-Type: text/plain\r\n\r\n\r\n\
--B\r\nContent-Disposition: form-data; name=\"untyped\"; filename=\"x\"\r\n\r\nno type\r\n\
--B\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\na\r\n\
--B\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n";
    let mut uploads = uploads.as_bytes().to_vec();
    uploads.extend_from_slice(b"--B\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"r.bin\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\x00\xff\xfe\r\n--B--\r\n");
    vec![
        case("POST", "/anything/upload")
            .header("Content-Type", "multipart/form-data; boundary=B")
            .body(uploads),
        case("GET", "/get"),
        case("GET", "/get?q=python+tutorial&page=1"),
        case("GET", "/get?a=1&a=2&a=3&b=%20c%2B&empty=&utf=%C3%A9t%C3%A9"),
        case("GET", "/get?flag").header("X-Lesson", "3"),
        case("GET", "/anything"),
        case("GET", "/anything/users/42?sort=name"),
        case("POST", "/post")
            .header("Content-Type", "application/json")
            .body(r#"{"title": "Buy groceries", "completed": false, "n": [1, 2.5, null]}"#),
        case("POST", "/post")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("name=Ada+Lovelace&lang=en&lang=fr&sym=%26%3D"),
        case("POST", "/post")
            .header("Content-Type", "multipart/form-data; boundary=XyZ")
            .body(multipart),
        case("POST", "/post")
            .header("Content-Type", "text/plain")
            .body("plain text body\nwith two lines"),
        case("POST", "/post").body(r#"{"no": "content type"}"#),
        case("POST", "/anything")
            .header("Content-Type", "application/octet-stream")
            .body(vec![0u8, 159, 146, 150, 255, 1]),
        case("PUT", "/put")
            .header("Content-Type", "application/json")
            .body("not json {"),
        case("PATCH", "/patch")
            .header("Content-Type", "application/json")
            .body(r#"{"title": "foo"}"#),
        case("DELETE", "/delete?id=7"),
        case("PATCH", "/anything/x")
            .header("Authorization", "Bearer t0k")
            .header("X-Multi-Word-Header", "v"),
        case("GET", "/headers")
            .header("Accept", "application/json")
            .header("X-API-Key", "sk_test_123"),
        case("GET", "/user-agent").header("User-Agent", "lesson/1.0"),
        case("GET", "/basic-auth/user/pass").header("Authorization", "Basic dXNlcjpwYXNz"),
        case("GET", "/basic-auth/user/pass").header("Authorization", "Basic d3Jvbmc6cGFzcw=="),
        case("GET", "/basic-auth/user/pass"),
        case("GET", "/bearer").header("Authorization", "Bearer abc.def"),
        case("GET", "/bearer"),
        case("GET", "/json"),
        case("GET", "/cookies").header("Cookie", "a=1; session=xyz"),
        case("GET", "/response-headers?X-Custom=1&freeform=yes"),
        case("GET", "/status/418"),
        case("GET", "/status/404"),
        case("POST", "/status/201"),
        case("GET", "/status/204"),
        case("GET", "/status/302"),
        case("GET", "/status/401"),
        case("GET", "/redirect/3"),
        case("GET", "/redirect/1"),
        case(
            "GET",
            "/redirect-to?url=http%3A%2F%2Fexample.com%2F&status_code=307",
        ),
        case("GET", "/delay/0?x=1"),
        case("GET", "/gzip"),
        case("GET", "/post"),
        case("POST", "/get"),
    ]
}

/// Status, the headers that matter, and the body as JSON (or text).
async fn fetch(base: &str, case: &Case) -> (u16, Vec<(String, String)>, Value) {
    let client = common::client();
    let mut request = client.request(
        Method::from_bytes(case.method.as_bytes()).unwrap(),
        format!("{base}{}", case.path),
    );
    for (name, value) in &case.headers {
        request = request.header(*name, *value);
    }
    if !case.body.is_empty() {
        request = request.body(case.body.clone());
    }
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    let mut headers: Vec<(String, String)> = [
        "location",
        "www-authenticate",
        "content-encoding",
        "x-custom",
        "freeform",
    ]
    .iter()
    .filter_map(|n| {
        response
            .headers()
            .get(*n)
            .map(|v| ((*n).to_owned(), v.to_str().unwrap_or("").to_owned()))
    })
    .collect();
    // Redirects: compare where they lead, relative to the service.
    for (name, value) in &mut headers {
        if name == "location" {
            *value = value
                .replace("/echo/", "/")
                .replace("/relative-redirect/", "/redirect/");
        }
    }
    let encoded = response.headers().get("content-encoding").is_some();
    let bytes = response.bytes().await.unwrap().to_vec();
    let bytes = if encoded {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        bytes
    };
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).trim().to_owned()));
    (status, headers, body)
}

/// Host and origin differ by construction; httpbin's `url` names its own host.
fn normalize(mut value: Value, base: &str) -> Value {
    let host = base.trim_start_matches("http://");
    if let Value::Object(map) = &mut value {
        map.remove("origin");
        if let Some(Value::String(url)) = map.get_mut("url") {
            *url = url.replace(host, "HOST").replace("/echo/", "/");
        }
        if let Some(Value::Object(headers)) = map.get_mut("headers") {
            headers.remove("Host");
            // gunicorn adds no Connection header to the environ when the client sends none;
            // reqwest sends none; whichever side shows one, leave it out of the comparison.
            headers.remove("Connection");
        }
    }
    value
}

#[tokio::test]
#[ignore = "needs the local httpbin: run by `make test` (HTTPBIN_URL)"]
async fn the_echo_api_answers_as_httpbin_does() {
    let httpbin =
        std::env::var("HTTPBIN_URL").expect("HTTPBIN_URL must point at the local httpbin");
    let ours = common::start(Default::default(), None).await;
    let mut differences = Vec::new();
    let corpus = corpus();
    for case in &corpus {
        let (theirs_status, theirs_headers, theirs_body) = fetch(&httpbin, case).await;
        let (our_status, our_headers, our_body) = fetch(&format!("{ours}/echo"), case).await;
        let theirs_body = normalize(theirs_body, &httpbin);
        let our_body = normalize(our_body, &ours);
        let what = format!("{} {}", case.method, case.path);
        if theirs_status != our_status {
            differences.push(format!(
                "{what}: status {our_status}, httpbin {theirs_status}"
            ));
        }
        if theirs_headers != our_headers {
            differences.push(format!(
                "{what}: headers {our_headers:?}, httpbin {theirs_headers:?}"
            ));
        }
        // Redirects and 405s carry werkzeug's HTML pages, not part of the API: not compared.
        let html = matches!(&theirs_body, Value::String(t) if t.starts_with("<!doctype html>"));
        if theirs_body != our_body && !html {
            differences.push(format!(
                "{what}: body\n  ours:    {our_body}\n  httpbin: {theirs_body}"
            ));
        }
    }
    println!(
        "{} requests compared, {} differences",
        corpus.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
