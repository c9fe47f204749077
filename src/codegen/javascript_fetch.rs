//! JavaScript fetch (browsers and Node 18+): `URLSearchParams`, `JSON.stringify` of an object
//! literal, `AbortSignal.timeout(ms)` and a `response.ok` check.

use super::escape_js::{js_json, js_key, js_str, js_str_object};
use super::plan::{HeaderOrigin, Plan, PlanBody};
use super::{problems_comment, BodyOutput};
use crate::model::{PartValue, Request, UploadPart};

/// The request as an ES module using fetch.
pub fn javascript_fetch(request: &Request) -> String {
    javascript_fetch_to(request, BodyOutput::Text)
}

/// The request as an ES module using fetch; a stream ([`BodyOutput::streams`]) is read with
/// the body's `ReadableStream` reader as it arrives, and its timeout ends at the head.
pub(crate) fn javascript_fetch_to(request: &Request, output: BodyOutput) -> String {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return problems_comment("//", &errors),
    };
    let prepared = &plan.prepared;
    let mut out = String::new();
    let url = if prepared.query.is_empty() {
        js_str(&prepared.base_url)
    } else {
        let literal = search_params_init(&prepared.query, 0);
        out.push_str(&format!("const params = new URLSearchParams({literal});\n"));
        // The base URL is percent-encoded, so it holds no backtick, backslash or "${".
        format!("`{}?${{params}}`", prepared.base_url)
    };

    let mut options = Vec::new();
    if !plan.method_is("GET") {
        options.push(format!("method: {}", js_str(&prepared.method)));
    }
    let basic = plan
        .basic_auth()
        .filter(|(u, p)| u.is_ascii() && p.is_ascii());
    let mut header_lines = Vec::new();
    for (name, value) in &prepared.headers {
        let from_basic = basic.is_some()
            && plan.origin(name) == HeaderOrigin::Auth
            && name.eq_ignore_ascii_case("authorization");
        let value = match basic {
            Some((u, p)) if from_basic => {
                format!("\"Basic \" + btoa({})", js_str(&format!("{u}:{p}")))
            }
            _ => js_str(value),
        };
        header_lines.push(format!("{}: {value}", js_key(name)));
    }
    if !header_lines.is_empty() {
        let mut headers = "headers: {\n".to_owned();
        for line in header_lines {
            headers.push_str(&format!("    {line},\n"));
        }
        headers.push_str("  }");
        options.push(headers);
    }
    match &plan.body {
        PlanBody::None => {}
        PlanBody::Json { value, .. } if value.numbers_fit_f64() && !value.has_tricky_keys() => {
            options.push(format!("body: JSON.stringify({})", js_json(value, 2)));
        }
        PlanBody::Form(pairs) => {
            let literal = search_params_init(pairs, 2);
            options.push(format!("body: new URLSearchParams({literal})"));
        }
        PlanBody::Multipart(parts) => {
            out.push_str(&form_data(parts));
            options.push("body: form".to_owned());
        }
        PlanBody::File(file) => {
            options.push(format!(
                "body: await openAsBlob({})",
                js_str(&file.file_name)
            ));
        }
        PlanBody::Json { text, .. } | PlanBody::Text(text) => {
            if prepared.header("Content-Type").is_some() {
                options.push(format!("body: {}", js_str(text)));
            } else {
                // A string body would make fetch add `Content-Type: text/plain;charset=UTF-8`.
                options.push(format!("body: new TextEncoder().encode({})", js_str(text)));
            }
        }
    }
    if output.streams() {
        out.push_str(&format!(
            "// The timeout covers the wait for the response's head: the stream may last longer.\n\
             const controller = new AbortController();\n\
             const timer = setTimeout(() => controller.abort(), {});\n",
            prepared.timeout_ms
        ));
        options.push("signal: controller.signal".to_owned());
    } else {
        options.push(format!(
            "signal: AbortSignal.timeout({})",
            prepared.timeout_ms
        ));
    }

    let opening = format!("const response = await fetch({url}, {{");
    if opening.len() <= 80 {
        out.push_str(&opening);
        out.push('\n');
        for option in options {
            out.push_str(&format!("  {option},\n"));
        }
        out.push_str("});\n");
    } else {
        // prettier's layout when the URL does not leave room to hug the options object.
        out.push_str(&format!("const response = await fetch(\n  {url},\n  {{\n"));
        for option in options {
            out.push_str(&format!("    {},\n", option.replace('\n', "\n  ")));
        }
        out.push_str("  },\n);\n");
    }
    if output.streams() {
        out.push_str("clearTimeout(timer);\n");
    }
    out.push_str("if (!response.ok) {\n");
    out.push_str("  throw new Error(`HTTP error ${response.status} ${response.statusText}`);\n");
    out.push_str("}\n");
    if output.streams() {
        out.push_str(&stream_reader(output));
    } else {
        out.push_str("console.log(await response.text());\n");
    }
    if uses_files(&plan.body) {
        out.insert_str(
            0,
            "// Node 20+. In a browser, use the File of an <input type=\"file\"> instead.\nimport { openAsBlob } from \"node:fs\";\n\n",
        );
    }
    out
}

/// A stream read as it arrives with the body's reader, a line at a time: each `data:` line of
/// Server-Sent Events printed, or each line of JSON Lines (the last even without a line break).
fn stream_reader(output: BodyOutput) -> String {
    let (comment, print, last) = match output {
        BodyOutput::Events => (
            "Server-Sent Events: print each event's data as it arrives.",
            "if (line.startsWith(\"data:\")) console.log(line.slice(5).replace(/^ /, \"\"));",
            "",
        ),
        _ => (
            "JSON Lines: print each line as it arrives (JSON.parse(line) reads one).",
            "if (line) console.log(line);",
            "if (buffer) console.log(buffer);\n",
        ),
    };
    format!(
        "// {comment}
const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
let buffer = \"\";
for (;;) {{
  const {{ done, value }} = await reader.read();
  if (done) break;
  buffer += value;
  const lines = buffer.split(/\\r\\n|\\r|\\n/);
  buffer = lines.pop();
  for (const line of lines) {{
    {print}
  }}
}}
{last}"
    )
}

fn uses_files(body: &PlanBody) -> bool {
    match body {
        PlanBody::File(_) => true,
        PlanBody::Multipart(parts) => Plan::has_file_part(parts),
        _ => false,
    }
}

/// `const form = new FormData();` and one `form.append(…)` per part, in order; fetch writes
/// the Content-Type with its boundary. A file is read with its content type and sent with its
/// name.
fn form_data(parts: &[UploadPart]) -> String {
    let mut out = "const form = new FormData();\n".to_owned();
    for part in parts {
        let args = match &part.value {
            PartValue::Text(text) => vec![js_str(&part.name), js_str(text)],
            PartValue::File { file, content_type } => vec![
                js_str(&part.name),
                format!(
                    "await openAsBlob({}, {{ type: {} }})",
                    js_str(&file.file_name),
                    js_str(content_type)
                ),
                js_str(&file.file_name),
            ],
        };
        let line = format!("form.append({});", args.join(", "));
        if line.len() <= 80 {
            out.push_str(&line);
            out.push('\n');
        } else {
            // prettier: one argument per line, with a trailing comma.
            out.push_str("form.append(\n");
            for arg in &args {
                out.push_str(&format!("  {arg},\n"));
            }
            out.push_str(");\n");
        }
    }
    out
}

/// What `new URLSearchParams(…)` is given: an object literal, or `[["a", "1"], …]` when names
/// repeat (an object would keep only one of them).
fn search_params_init(pairs: &[(String, String)], indent: usize) -> String {
    if Plan::names_repeat(pairs) {
        pair_array(pairs, indent)
    } else {
        js_str_object(pairs, indent)
    }
}

/// `[["a", "1"], ["a", "2"]]`, one pair per line, for names that repeat.
fn pair_array(pairs: &[(String, String)], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = "[\n".to_owned();
    for (name, value) in pairs {
        out.push_str(&format!("{pad}  [{}, {}],\n", js_str(name), js_str(value)));
    }
    out.push_str(&pad);
    out.push(']');
    out
}
