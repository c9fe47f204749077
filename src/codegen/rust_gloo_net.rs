//! Rust with gloo-net: what the playground itself runs, AbortController timeout included.

use super::escape_rust::{rust_bytes, rust_str};
use super::problems_comment;
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
    out.push_str(&format!(
        "    let response = RequestBuilder::new({})\n",
        rust_str(&prepared.base_url)
    ));
    out.push_str(&chain_call("method", &[method_expr(&prepared.method)], ""));
    if !prepared.query.is_empty() {
        let pairs: Vec<String> = prepared
            .query
            .iter()
            .map(|(name, value)| format!("({}, {})", rust_str(name), rust_str(value)))
            .collect();
        out.push_str(&chain_call("query", &[array_literal(&pairs, 8)], ""));
    }
    for (name, value) in &prepared.headers {
        out.push_str(&chain_call(
            "header",
            &[rust_str(name), rust_str(value)],
            "",
        ));
    }
    out.push_str("        .abort_signal(Some(&controller.signal()))\n");
    if let Some(bytes) = &prepared.body {
        let literal = rust_str(&String::from_utf8_lossy(bytes));
        let argument = if prepared.header("Content-Type").is_some() {
            literal
        } else {
            // A string body would make the browser add `Content-Type: text/plain`.
            format!("{JS_SYS}::Uint8Array::from({literal}.as_bytes())")
        };
        out.push_str(&chain_call("body", &[argument], "?"));
    }
    out.push_str("        .send()\n        .await?;\n\n");
    out.push_str(
        "    // Like requests' raise_for_status(): treat 4xx and 5xx as errors.\n    if !response.ok() {\n        return Err(Error::GlooError(format!(\n            \"HTTP error {} {}\",\n            response.status(),\n            response.status_text()\n        )));\n    }\n    response.text().await\n}\n",
    );
    out
}

/// rustfmt's limits: `max_width`, `fn_call_width` and `array_width` at their defaults.
const MAX_WIDTH: usize = 100;
const CALL_WIDTH: usize = 60;
const ARRAY_WIDTH: usize = 60;

/// One `.name(args)` link of the builder chain, laid out as rustfmt would: on one line when it
/// fits, else one argument per line with a trailing comma.
fn chain_call(name: &str, args: &[String], suffix: &str) -> String {
    let one_line_args = args.join(", ");
    let line = format!("        .{name}({one_line_args}){suffix}");
    if !one_line_args.contains('\n') && one_line_args.len() <= CALL_WIDTH && line.len() <= MAX_WIDTH
    {
        return format!("{line}\n");
    }
    if args.len() == 1 && args[0].starts_with('[') {
        // A lone array argument stays on the call's line and breaks inside instead.
        return format!("        .{name}({}){suffix}\n", args[0]);
    }
    let mut out = format!("        .{name}(\n");
    for arg in args {
        out.push_str(&format!("            {arg},\n"));
    }
    out.push_str(&format!("        ){suffix}\n"));
    out
}

/// An array literal, on one line when rustfmt would keep it there, else one item per line.
fn array_literal(items: &[String], indent: usize) -> String {
    let one_line = format!("[{}]", items.join(", "));
    if one_line.len() <= ARRAY_WIDTH && !one_line.contains('\n') {
        return one_line;
    }
    let pad = " ".repeat(indent + 4);
    let mut out = "[\n".to_owned();
    for item in items {
        out.push_str(&format!("{pad}{item},\n"));
    }
    out.push_str(&" ".repeat(indent));
    out.push(']');
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

/// `10000` as `10_000`, as rustfmt leaves it and people write it.
fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}
