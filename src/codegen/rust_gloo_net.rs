//! Rust with gloo-net: what the playground itself runs, AbortController timeout included.

use super::escape_rust::{rust_bytes, rust_str};
use super::rust_common::{chain_call, chain_call_array, group_digits, split_lines};
use super::{problems_comment, BodyOutput};
use crate::model::{format_seconds, PartValue, Request, Upload};

/// Crate paths of the generated program, spelled through constants so that the purity check of
/// src/codegen (a grep for crate paths such as gloo_net followed by ::) only finds real uses.
const GLOO_NET: &str = "gloo_net";
const GLOO_TIMERS: &str = "gloo_timers";
const WEB_SYS: &str = "web_sys";
const JS_SYS: &str = "js_sys";
const WASM_BINDGEN: &str = "wasm_bindgen";
const WASM_BINDGEN_FUTURES: &str = "wasm_bindgen_futures";

/// The request as an async Rust function using gloo-net in the browser.
pub fn rust_gloo_net(request: &Request) -> String {
    rust_gloo_net_to(request, BodyOutput::Text)
}

/// The request as an async Rust function using gloo-net. A stream ([`BodyOutput::streams`])
/// is handed to a callback a line (or an event's data) at a time as it arrives: through an
/// `EventSource` for a plain GET of events (it can send neither a body nor headers), else by
/// reading the fetch response's `ReadableStream`.
pub(crate) fn rust_gloo_net_to(request: &Request, output: BodyOutput) -> String {
    let prepared = match request.prepare() {
        Ok(prepared) => prepared,
        Err(errors) => return problems_comment("//", &errors),
    };
    if output == BodyOutput::Events
        && prepared.method == "GET"
        && prepared.headers.is_empty()
        && prepared.body.is_none()
        && prepared.upload.is_none()
    {
        return event_source(&prepared.url);
    }
    let streams = output.streams();
    let files = upload_files(&prepared.upload);
    let mut out = String::new();
    if streams && prepared.upload.is_none() {
        out.push_str(&format!(
            "// {} {}\n// Cargo.toml: gloo-net = \"0.6\", gloo-timers = \"0.3\", js-sys = \"0.3\",\n\
             // wasm-bindgen = \"0.2\", wasm-bindgen-futures = \"0.4\", web-sys = {{ version = \"0.3\",\n\
             // features = [\"AbortController\", \"AbortSignal\", \"ReadableStream\", \"ReadableStreamDefaultReader\"] }}\n",
            prepared.method, prepared.url
        ));
        out.push_str(&format!(
            "use {GLOO_NET}::http::{{Method, RequestBuilder}};\nuse {GLOO_NET}::Error;\n\
             use {GLOO_TIMERS}::callback::Timeout;\nuse {JS_SYS}::{{Reflect, Uint8Array}};\n\
             use {WASM_BINDGEN}::{{JsCast, JsValue}};\nuse {WASM_BINDGEN_FUTURES}::JsFuture;\n\
             use {WEB_SYS}::{{AbortController, ReadableStreamDefaultReader}};\n\n{JS_ERROR}\n"
        ));
    } else if prepared.upload.is_none() {
        out.push_str(&format!(
            "// {} {}\n// Cargo.toml: gloo-net = \"0.6\", gloo-timers = \"0.3\", js-sys = \"0.3\",\n\
             // web-sys = {{ version = \"0.3\", features = [\"AbortController\", \"AbortSignal\"] }}\n",
            prepared.method, prepared.url
        ));
        out.push_str(&format!(
            "use {GLOO_NET}::http::{{Method, RequestBuilder}};\nuse {GLOO_NET}::Error;\n\
             use {GLOO_TIMERS}::callback::Timeout;\nuse {WEB_SYS}::AbortController;\n\n"
        ));
    } else if streams {
        // Uploading a file and reading a stream: both sets of imports.
        out.push_str(&format!(
            "// {} {}\n// Cargo.toml: gloo-net = \"0.6\", gloo-timers = \"0.3\", js-sys = \"0.3\",\n\
             // wasm-bindgen = \"0.2\", wasm-bindgen-futures = \"0.4\", web-sys = {{ version = \"0.3\",\n\
             // features = [\"AbortController\", \"AbortSignal\", \"Blob\", \"BlobPropertyBag\", \"FormData\",\n\
             // \"ReadableStream\", \"ReadableStreamDefaultReader\"] }}\n",
            prepared.method, prepared.url
        ));
        out.push_str(&format!(
            "use {GLOO_NET}::http::{{Method, RequestBuilder}};\nuse {GLOO_NET}::Error;\n\
             use {GLOO_TIMERS}::callback::Timeout;\nuse {JS_SYS}::{{Array, Reflect, Uint8Array}};\n\
             use {WASM_BINDGEN}::{{JsCast, JsValue}};\nuse {WASM_BINDGEN_FUTURES}::JsFuture;\n\
             use {WEB_SYS}::{{AbortController, Blob, BlobPropertyBag, FormData, ReadableStreamDefaultReader}};\n\n\
             {JS_ERROR}\n{TYPED}"
        ));
        push_file_docs(&mut out, &files);
    } else {
        out.push_str(&format!(
            "// {} {}\n// Cargo.toml: gloo-net = \"0.6\", gloo-timers = \"0.3\", js-sys = \"0.3\",\n\
             // wasm-bindgen = \"0.2\", web-sys = {{ version = \"0.3\", features = [\"AbortController\",\n\
             // \"AbortSignal\", \"Blob\", \"BlobPropertyBag\", \"FormData\"] }}\n",
            prepared.method, prepared.url
        ));
        out.push_str(&format!(
            "use {GLOO_NET}::http::{{Method, RequestBuilder}};\nuse {GLOO_NET}::Error;\n\
             use {GLOO_TIMERS}::callback::Timeout;\nuse {JS_SYS}::Array;\nuse {WASM_BINDGEN}::JsValue;\n\
             use {WEB_SYS}::{{AbortController, Blob, BlobPropertyBag, FormData}};\n\n"
        ));
        out.push_str(JS_ERROR);
        out.push('\n');
        out.push_str(TYPED);
        push_file_docs(&mut out, &files);
    }
    let mut params: Vec<String> = (1..=files.len())
        .map(|i| format!("file_{i}: &Blob"))
        .collect();
    let returns = if streams {
        out.push_str(match output {
            BodyOutput::Events => "/// Calls `on_line` with each event's data as it arrives.\n",
            _ => "/// Calls `on_line` with each line as it arrives.\n",
        });
        params.push("mut on_line: impl FnMut(String)".to_owned());
        "()"
    } else {
        "String"
    };
    let signature = format!(
        "pub async fn send_request({}) -> Result<{returns}, Error> {{",
        params.join(", ")
    );
    if signature.len() <= 100 {
        out.push_str(&signature);
        out.push('\n');
    } else {
        out.push_str("pub async fn send_request(\n");
        for param in &params {
            out.push_str(&format!("    {param},\n"));
        }
        out.push_str(&format!(") -> Result<{returns}, Error> {{\n"));
    }
    if let Some(Upload::Multipart(parts)) = &prepared.upload {
        out.push_str("    let form = FormData::new().map_err(js_error)?;\n");
        let mut file = 0;
        for part in parts {
            let (method, args) = match &part.value {
                PartValue::Text(text) => (
                    "append_with_str",
                    vec![rust_str(&part.name), rust_str(text)],
                ),
                PartValue::File {
                    file: f,
                    content_type,
                } => {
                    file += 1;
                    (
                        "append_with_blob_and_filename",
                        vec![
                            rust_str(&part.name),
                            format!("&typed(file_{file}, {})?", rust_str(content_type)),
                            rust_str(&f.file_name),
                        ],
                    )
                }
            };
            out.push_str(&statement(method, &args));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "    // Abort the request when no response has arrived within {}.\n",
        describe_timeout(prepared.timeout_ms)
    ));
    out.push_str(
        "    let controller = AbortController::new()\n        .map_err(|_| Error::GlooError(\"AbortController is unavailable\".into()))?;\n",
    );
    out.push_str("    let abort = controller.clone();\n");
    out.push_str(&format!(
        "    let {} = Timeout::new({}, move || abort.abort());\n\n",
        if streams { "timer" } else { "_timer" },
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
    match &prepared.upload {
        Some(Upload::Multipart(_)) => {
            out.push_str(&chain_call(indent, "body", &["form".to_owned()], "?"))
        }
        Some(Upload::File(_)) => out.push_str(&chain_call(
            indent,
            "body",
            &["file_1.clone()".to_owned()],
            "?",
        )),
        None => {}
    }
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
    out.push_str(&format!("{pad}.send()\n{pad}.await?;\n"));
    if streams {
        out.push_str("    // The timeout covers the wait for the head: the stream may last longer.\n    drop(timer);\n");
    }
    out.push_str(
        "\n    // Like requests' raise_for_status(): treat 4xx and 5xx as errors.\n    if !response.ok() {\n        return Err(Error::GlooError(format!(\n            \"HTTP error {} {}\",\n            response.status(),\n            response.status_text()\n        )));\n    }\n",
    );
    if streams {
        out.push_str(&read_stream(output));
    } else {
        out.push_str("    response.text().await\n}\n");
    }
    out
}

/// The function's end for a stream: the body's reader, read a chunk at a time, each complete
/// line handed on as it arrives (an event's `data:` lines, or every line of JSON Lines).
fn read_stream(output: BodyOutput) -> String {
    // JSON Lines' last line may come without a line break (an event is only whole at its end).
    let last = if output == BodyOutput::Lines {
        "            // The last line, if it has no line break.
            if !buffer.is_empty() {
                let line = String::from_utf8_lossy(&buffer);
                on_line(line.trim_end_matches('\\r').to_owned());
            }
"
    } else {
        ""
    };
    let (comment, handle) = match output {
        BodyOutput::Events => (
            "Server-Sent Events: each event's data as it arrives.",
            "if let Some(data) = line.strip_prefix(\"data:\") {\n    on_line(data.strip_prefix(' ').unwrap_or(data).to_owned());\n}",
        ),
        _ => (
            "JSON Lines: each line as it arrives.",
            "if !line.is_empty() {\n    on_line(line.to_owned());\n}",
        ),
    };
    format!(
        "    // {comment}
    let body = response
        .body()
        .ok_or_else(|| Error::GlooError(\"the response has no body\".into()))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut buffer = Vec::new();
    loop {{
        let chunk = JsFuture::from(reader.read()).await.map_err(js_error)?;
        let done = Reflect::get(&chunk, &\"done\".into()).map_err(js_error)?;
        if done.is_truthy() {{
{last}            return Ok(());
        }}
        let value = Reflect::get(&chunk, &\"value\".into()).map_err(js_error)?;
        buffer.extend(Uint8Array::new(&value).to_vec());
{}    }}
}}
",
        split_lines(8, handle)
    )
}

/// A GET of Server-Sent Events through the browser's `EventSource`, which parses the events.
/// It reconnects when a stream ends, so the function stops at the stream's last event: one
/// named `done` (the echo server's) or one whose data is `[DONE]` (model APIs').
fn event_source(url: &str) -> String {
    format!(
        "// GET {url}
// Cargo.toml: futures = \"0.3\", gloo-net = {{ version = \"0.6\", features = [\"eventsource\"] }}
use futures::stream::{{select, StreamExt}};
use {GLOO_NET}::eventsource::futures::EventSource;
use {GLOO_NET}::Error;

/// Calls `on_line` with each event's data as it arrives, until the stream's last event.
pub async fn send_request(mut on_line: impl FnMut(String)) -> Result<(), Error> {{
    let url = {};
    let mut source = EventSource::new(url).map_err(Error::JsError)?;
    // Events without an `event:` field, and the one named `done`; any other name needs its
    // own subscribe(\"name\").
    let messages = source.subscribe(\"message\").map_err(Error::JsError)?;
    let done = source.subscribe(\"done\").map_err(Error::JsError)?;
    let mut events = select(messages, done);
    // EventSource reconnects when a stream ends: stop at its last event instead.
    while let Some(Ok((name, event))) = events.next().await {{
        let data = event.data().as_string().unwrap_or_default();
        if name == \"done\" || data == \"[DONE]\" {{
            break;
        }}
        on_line(data);
    }}
    source.close();
    Ok(())
}}
",
        rust_str(url)
    )
}

/// A doc line for each file the function takes, in order.
fn push_file_docs(out: &mut String, files: &[String]) {
    for (i, name) in files.iter().enumerate() {
        // Written as a Rust string, so that no character of the name can end the comment
        // or trip rustc's lints (bidirectional overrides).
        out.push_str(&format!(
            "/// `file_{}`: the file {} (in a page, the File of an `<input type=\"file\">`).\n",
            i + 1,
            rust_str(name).replace('`', "'")
        ));
    }
}

/// The error of a failed DOM call, for programs that make them (uploads, streams).
const JS_ERROR: &str = "fn js_error(value: JsValue) -> Error {
    Error::GlooError(format!(\"{value:?}\"))
}
";

/// What a program that sends files needs besides gloo-net and [`JS_ERROR`]: a file given the
/// content type its part says. (`Array` is js-sys's, imported above.)
const TYPED: &str = "/// `file` as a Blob of type `content_type`: the type its part is sent with.
fn typed(file: &Blob, content_type: &str) -> Result<Blob, Error> {
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    let parts = Array::of1(file);
    Blob::new_with_blob_sequence_and_options(&parts, &options).map_err(js_error)
}

";

/// The names of the files an upload reads, in order: the function takes one Blob for each.
fn upload_files(upload: &Option<Upload>) -> Vec<String> {
    match upload {
        None => Vec::new(),
        Some(Upload::File(file)) => vec![file.file_name.clone()],
        Some(Upload::Multipart(parts)) => parts
            .iter()
            .filter_map(|p| match &p.value {
                PartValue::File { file, .. } => Some(file.file_name.clone()),
                PartValue::Text(_) => None,
            })
            .collect(),
    }
}

/// `    form.method(args).map_err(js_error)?;` laid out as rustfmt lays it: on one line when the
/// chain fits `chain_width` (60); else the `.map_err` on a line of its own; the arguments one
/// per line when the call does not fit the line or its arguments `fn_call_width` (60).
fn statement(method: &str, args: &[String]) -> String {
    let joined = args.join(", ");
    let call = format!("form.{method}({joined})");
    let chain = format!("{call}.map_err(js_error)?");
    if chain.len() <= 60 && 4 + chain.len() < 100 {
        format!("    {chain};\n")
    } else if 4 + call.len() <= 100 && joined.len() <= 60 && !joined.contains('\n') {
        format!("    {call}\n        .map_err(js_error)?;\n")
    } else {
        let mut out = format!("    form.{method}(\n");
        for arg in args {
            out.push_str(&format!("        {arg},\n"));
        }
        out.push_str("    )\n    .map_err(js_error)?;\n");
        out
    }
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
