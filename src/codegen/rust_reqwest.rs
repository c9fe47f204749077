//! Rust with reqwest, async on tokio: `Client::builder().timeout(..)`, `error_for_status()`.

use super::escape_rust::{rust_bytes, rust_str};
use super::plan::{HeaderOrigin, Plan, PlanBody};
use super::rust_common::{chain_call, chain_call_array, split_lines};
use super::{problems_comment, BodyOutput};
use crate::model::{PartValue, Request, UploadPart};

/// The request as an async Rust program using reqwest and tokio.
pub fn rust_reqwest(request: &Request) -> String {
    reqwest_program(request, false, BodyOutput::Text)
}

/// The reqwest program, async or blocking: they differ in the client path and the awaits. A
/// stream ([`BodyOutput::streams`]) is read a line at a time as it arrives: async through
/// `bytes_stream()`, blocking through `BufRead::lines()`.
pub(crate) fn reqwest_program(request: &Request, blocking: bool, output: BodyOutput) -> String {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return problems_comment("//", &errors),
    };
    let prepared = &plan.prepared;
    let (client_type, await_) = if blocking {
        ("reqwest::blocking::Client", "")
    } else {
        ("reqwest::Client", ".await")
    };
    let multipart = match &plan.body {
        PlanBody::Multipart(parts) => Some(parts),
        _ => None,
    };
    // Reading a file can fail with an I/O error, which reqwest::Error cannot hold.
    let reads_files = matches!(&plan.body, PlanBody::File(_))
        || multipart.is_some_and(|parts| Plan::has_file_part(parts));
    let streams = output.streams();
    // Reading a stream's lines can fail with an I/O error too (blocking).
    let error_type = if reads_files || (streams && blocking) {
        "Box<dyn std::error::Error>"
    } else {
        "reqwest::Error"
    };
    let features = match (blocking, multipart.is_some(), streams) {
        (true, true, _) => "reqwest = { version = \"0.12\", features = [\"blocking\", \"multipart\"] }",
        (true, false, _) => "reqwest = { version = \"0.12\", features = [\"blocking\"] }",
        (false, true, false) => "reqwest = { version = \"0.12\", features = [\"multipart\"] },\n// tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }",
        (false, true, true) => "reqwest = { version = \"0.12\", features = [\"multipart\", \"stream\"] },\n// futures-util = \"0.3\", tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }",
        (false, false, false) => "reqwest = \"0.12\", tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }",
        (false, false, true) => "reqwest = { version = \"0.12\", features = [\"stream\"] }, futures-util = \"0.3\",\n// tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }",
    };
    let mut out = format!("// Cargo.toml: {features}\n");
    // std's imports, then the crates' (rustfmt sorts each group).
    let io = if streams && blocking {
        "use std::io::{BufRead, BufReader};\n"
    } else {
        ""
    };
    let mut crates = Vec::new();
    if streams && !blocking {
        crates.push("use futures_util::StreamExt;\n".to_owned());
    }
    if multipart.is_some() {
        let module = if blocking {
            "reqwest::blocking::multipart"
        } else {
            "reqwest::multipart"
        };
        let items = if reads_files { "{Form, Part}" } else { "Form" };
        crates.push(format!("use {module}::{items};\n"));
    }
    out.push_str(&format!("{io}use std::time::Duration;\n\n"));
    if !crates.is_empty() {
        out.push_str(&crates.concat());
        out.push('\n');
    }
    if blocking {
        out.push_str(&format!("fn main() -> Result<(), {error_type}> {{\n"));
    } else {
        out.push_str(&format!(
            "#[tokio::main]\nasync fn main() -> Result<(), {error_type}> {{\n"
        ));
    }
    if let Some(parts) = multipart {
        out.push_str(&form_builder(parts));
    }
    out.push_str(&format!("    let client = {client_type}::builder()\n"));
    let timeout = duration(prepared.timeout_ms);
    if streams && !blocking {
        // A total timeout would cut a stream that outlasts it: time the connection and each
        // read instead (the blocking client's timeout is already per read).
        out.push_str(&format!(
            "        .connect_timeout({timeout})\n        .read_timeout({timeout})\n"
        ));
    } else {
        out.push_str(&format!("        .timeout({timeout})\n"));
    }
    out.push_str("        .build()?;\n");

    out.push_str("    let response = client\n");
    let url = rust_str(&prepared.base_url);
    let method_call = match prepared.method.as_str() {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" => {
            chain_call(8, &prepared.method.to_ascii_lowercase(), &[url], "")
        }
        "OPTIONS" => chain_call(
            8,
            "request",
            &["reqwest::Method::OPTIONS".to_owned(), url],
            "",
        ),
        custom => chain_call(
            8,
            "request",
            &[
                format!(
                    "reqwest::Method::from_bytes({}).expect(\"a valid method token\")",
                    rust_bytes(custom)
                ),
                url,
            ],
            "",
        ),
    };
    out.push_str(&method_call);
    for (name, value) in &prepared.query {
        let pair = format!("({}, {})", rust_str(name), rust_str(value));
        out.push_str(&chain_call_array(8, "query", true, &[pair], ""));
    }
    let basic = plan.basic_auth();
    let token = plan.bearer_token();
    let form = match &plan.body {
        PlanBody::Form(pairs) if plan.content_type_is_implied() => Some(pairs),
        _ => None,
    };
    for (name, value) in &prepared.headers {
        let origin = plan.origin(name);
        let is_auth_header =
            origin == HeaderOrigin::Auth && name.eq_ignore_ascii_case("authorization");
        if (is_auth_header && (basic.is_some() || token.is_some()))
            || (origin == HeaderOrigin::Body && form.is_some())
        {
            continue;
        }
        out.push_str(&chain_call(
            8,
            "header",
            &[rust_str(name), rust_str(value)],
            "",
        ));
    }
    if let Some((username, password)) = basic {
        out.push_str(&chain_call(
            8,
            "basic_auth",
            &[rust_str(username), format!("Some({})", rust_str(password))],
            "",
        ));
    }
    if let Some(token) = token {
        out.push_str(&chain_call(8, "bearer_auth", &[rust_str(token)], ""));
    }
    if let Some(pairs) = form {
        // `.form()` sets the Content-Type and encodes exactly like the browser.
        let items: Vec<String> = pairs
            .iter()
            .map(|(n, v)| format!("({}, {})", rust_str(n), rust_str(v)))
            .collect();
        out.push_str(&chain_call_array(8, "form", true, &items, ""));
    } else if multipart.is_some() {
        out.push_str("        .multipart(form)\n");
    } else if let PlanBody::File(file) = &plan.body {
        out.push_str(&chain_call(
            8,
            "body",
            &[format!("std::fs::read({})?", rust_str(&file.file_name))],
            "",
        ));
    } else if let Some(body) = &prepared.body {
        out.push_str(&chain_call(
            8,
            "body",
            &[rust_str(&String::from_utf8_lossy(body))],
            "",
        ));
    }
    out.push_str(if blocking {
        "        .send()?\n"
    } else {
        "        .send()\n        .await?\n"
    });
    out.push_str("        .error_for_status()?;\n");
    if streams {
        out.push_str(&stream_lines(output, blocking));
    } else {
        out.push_str(&format!(
            "    println!(\"{{}}\", response.text(){await_}?);\n"
        ));
    }
    out.push_str("    Ok(())\n}\n");
    out
}

/// The loop that prints a stream a line at a time as it arrives: each event's data of
/// Server-Sent Events, each line of JSON Lines.
fn stream_lines(output: BodyOutput, blocking: bool) -> String {
    let (comment, print) = match output {
        BodyOutput::Events => (
            "Server-Sent Events: print each event's data as it arrives.",
            "if let Some(data) = line.strip_prefix(\"data:\") {\n    println!(\"{}\", data.strip_prefix(' ').unwrap_or(data));\n}",
        ),
        _ => (
            "JSON Lines: print each line as it arrives (serde_json reads one).",
            "if !line.is_empty() {\n    println!(\"{line}\");\n}",
        ),
    };
    if blocking {
        let print = print.replace('\n', "\n        ");
        return format!(
            "    // {comment}
    for line in BufReader::new(response).lines() {{
        let line = line?;
        {print}
    }}
"
        );
    }
    // JSON Lines' last line may come without a line break (an event is only whole at its end).
    let last = if output == BodyOutput::Lines {
        "    // The last line, if it has no line break.
    if !buffer.is_empty() {
        let line = String::from_utf8_lossy(&buffer);
        println!(\"{}\", line.trim_end_matches('\\r'));
    }
"
    } else {
        ""
    };
    format!(
        "    // {comment}
    let mut body = response.bytes_stream();
    let mut buffer = Vec::new();
    while let Some(chunk) = body.next().await {{
        buffer.extend_from_slice(&chunk?);
{}    }}
{last}",
        split_lines(8, print)
    )
}

/// `let part_1 = Part::bytes(std::fs::read(…)?)…;` per file, then `let form = Form::new()…;`
/// with every part in order. `percent_encode_noop` sends names and file names as UTF-8, as
/// browsers and the other libraries do (reqwest would otherwise percent-encode them).
fn form_builder(parts: &[UploadPart]) -> String {
    let mut out = String::new();
    let mut links = vec![
        "    let form = Form::new()\n".to_owned(),
        "        .percent_encode_noop()\n".to_owned(),
    ];
    let mut files = 0;
    for part in parts {
        match &part.value {
            PartValue::Text(text) => {
                links.push(chain_call(
                    8,
                    "text",
                    &[rust_str(&part.name), rust_str(text)],
                    "",
                ));
            }
            PartValue::File { file, content_type } => {
                files += 1;
                let variable = format!("part_{files}");
                let head = format!("Part::bytes(std::fs::read({})?)", rust_str(&file.file_name));
                let name = format!(".file_name({})", rust_str(&file.file_name));
                let mime = format!(".mime_str({})?", rust_str(content_type));
                let one_line = format!("{head}{name}{mime}");
                let lead = format!("    let {variable} = ");
                if one_line.len() <= 60 && lead.len() + one_line.len() < 100 {
                    out.push_str(&format!("{lead}{one_line};\n"));
                } else {
                    out.push_str(&format!("{lead}{head}\n        {name}\n        {mime};\n"));
                }
                links.push(chain_call(8, "part", &[rust_str(&part.name), variable], ""));
            }
        }
    }
    // rustfmt keeps a chain of up to 60 characters on one line.
    let one_line: String = links.iter().map(|l| l.trim()).collect();
    if links.iter().all(|l| l.trim_end().lines().count() == 1)
        && one_line.len() - "let form = ".len() <= 60
    {
        out.push_str(&format!("    {one_line};\n"));
        return out;
    }
    for link in links {
        out.push_str(&link);
    }
    // The last link ends the statement.
    out.pop();
    out.push_str(";\n");
    out
}

fn duration(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("Duration::from_secs({})", ms / 1000)
    } else {
        format!("Duration::from_millis({ms})")
    }
}
