//! Rust with gloo-net: what the playground itself runs, AbortController timeout included.

use super::escape_rust::{rust_bytes, rust_str};
use super::problems_comment;
use crate::model::Request;

/// The request as an async Rust function using gloo-net in the browser.
pub fn rust_gloo_net(request: &Request) -> String {
    let prepared = match request.prepare() {
        Ok(prepared) => prepared,
        Err(errors) => return problems_comment("//", &errors),
    };
    let mut out = String::new();
    out.push_str(&format!(
        "// {} {}\n// Cargo.toml: gloo-net = \"0.6\", gloo-timers = \"0.3\", js-sys = \"0.3\",\n\
         // web-sys = {{ version = \"0.3\", features = [\"AbortController\", \"AbortSignal\"] }}\n",
        prepared.method, prepared.url
    ));
    out.push_str("use gloo_net::http::{Method, RequestBuilder};\nuse gloo_net::Error;\n");
    out.push_str("use gloo_timers::callback::Timeout;\nuse web_sys::AbortController;\n\n");
    out.push_str("pub async fn send_request() -> Result<String, Error> {\n");
    out.push_str(&format!(
        "    // Abort the request when no response has arrived within {}.\n",
        describe_timeout(prepared.timeout_ms)
    ));
    out.push_str(
        "    let controller = AbortController::new()\n        .map_err(|_| Error::GlooError(\"AbortController is unavailable\".into()))?;\n",
    );
    out.push_str("    let abort = controller.clone();\n");
    out.push_str(&format!(
        "    let _timer = Timeout::new({}, move || abort.abort());\n\n",
        group_digits(prepared.timeout_ms)
    ));
    out.push_str(&format!(
        "    let response = RequestBuilder::new({})\n",
        rust_str(&prepared.base_url)
    ));
    out.push_str(&format!("        .method({})\n", method_expr(&prepared.method)));
    if !prepared.query.is_empty() {
        out.push_str("        .query([\n");
        for (name, value) in &prepared.query {
            out.push_str(&format!("            ({}, {}),\n", rust_str(name), rust_str(value)));
        }
        out.push_str("        ])\n");
    }
    for (name, value) in &prepared.headers {
        out.push_str(&format!("        .header({}, {})\n", rust_str(name), rust_str(value)));
    }
    out.push_str("        .abort_signal(Some(&controller.signal()))\n");
    match &prepared.body {
        Some(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            if prepared.header("Content-Type").is_some() {
                out.push_str(&format!("        .body({})?\n", rust_str(&text)));
            } else {
                // A string body would make the browser add `Content-Type: text/plain`.
                out.push_str(&format!(
                    "        .body(js_sys::Uint8Array::from({}.as_bytes()))?\n",
                    rust_str(&text)
                ));
            }
        }
        None => {}
    }
    out.push_str("        .send()\n        .await?;\n\n");
    out.push_str(
        "    // Like requests' raise_for_status(): treat 4xx and 5xx as errors.\n    if !response.ok() {\n        return Err(Error::GlooError(format!(\n            \"HTTP error {} {}\",\n            response.status(),\n            response.status_text()\n        )));\n    }\n    response.text().await\n}\n",
    );
    out
}

fn method_expr(method: &str) -> String {
    match method {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" => {
            format!("Method::{method}")
        }
        custom => format!(
            "Method::from_bytes({}).expect(\"a valid method token\")",
            rust_bytes(custom)
        ),
    }
}

fn describe_timeout(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} ms", ms)
    }
}

/// `10000` as `10_000`, as rustfmt leaves it and people write it.
fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    out
}
