//! curl in bash: the final URL as the browser sends it, `-H` per header, `-u` for Basic auth,
//! `--data-raw` for the exact body bytes, `--max-time`, and `--fail-with-body` for 4xx/5xx.

use super::escape_shell::sh_word;
use super::plan::{HeaderOrigin, Plan};
use super::{problems_comment, BodyOutput};
use crate::model::{format_seconds, PartValue, Request, Upload, UploadPart};

/// The request as a curl command line.
pub fn curl(request: &Request) -> String {
    curl_to(request, BodyOutput::Text)
}

/// The request as a curl command line; for a stream ([`BodyOutput::streams`]) with `-N`, so
/// that curl writes each piece as it arrives, and timed by connection and stall instead of
/// `--max-time`, which would cut a stream that outlasts it.
pub(crate) fn curl_to(request: &Request, output: BodyOutput) -> String {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return problems_comment("#", &errors),
    };
    let prepared = &plan.prepared;
    let mut options: Vec<String> = Vec::new();
    match (prepared.method.as_str(), prepared.sends_body()) {
        ("GET", _) | ("POST", true) => {}
        ("HEAD", _) => options.push("--head".to_owned()),
        (method, _) => options.push(format!("-X {}", sh_word(method))),
    }
    let basic = plan.basic_auth();
    for (name, value) in &prepared.headers {
        if basic.is_some()
            && plan.origin(name) == HeaderOrigin::Auth
            && name.eq_ignore_ascii_case("authorization")
        {
            continue;
        }
        // `-H 'Name:'` would remove the header; `-H 'Name;'` sends it empty.
        let header = if value.is_empty() {
            format!("{name};")
        } else {
            format!("{name}: {value}")
        };
        options.push(format!("-H {}", sh_word(&header)));
    }
    if prepared.body.is_some() && prepared.header("Content-Type").is_none() {
        // Without this curl would add its own form Content-Type.
        options.push("-H 'Content-Type:'".to_owned());
    }
    if let Some((username, password)) = basic {
        options.push(format!("-u {}", sh_word(&format!("{username}:{password}"))));
    }
    if let Some(body) = &prepared.body {
        options.push(format!(
            "--data-raw {}",
            sh_word(&String::from_utf8_lossy(body))
        ));
    }
    match &prepared.upload {
        None => {}
        Some(Upload::Multipart(parts)) => options.extend(parts.iter().map(form_option)),
        // `@` reads the file's bytes as they are (`-d @file` would drop its newlines).
        Some(Upload::File(file)) => options.push(format!(
            "--data-binary {}",
            sh_word(&format!("@{}", file.file_name))
        )),
    }
    if prepared.url.contains(['[', ']', '{', '}']) {
        options.push("--globoff".to_owned());
    }

    let seconds = format_seconds(prepared.timeout_ms);
    let timing = if output.streams() {
        // --speed-time takes whole seconds.
        let stall = prepared.timeout_ms.div_ceil(1000).max(1);
        format!("-N --connect-timeout {seconds} --speed-limit 1 --speed-time {stall}")
    } else {
        format!("--max-time {seconds}")
    };
    let mut out = format!(
        "curl -sS --fail-with-body --location {timing} {}",
        sh_word(&prepared.url)
    );
    for option in options {
        out.push_str(" \\\n  ");
        out.push_str(&option);
    }
    out.push('\n');
    out
}

/// `-F 'name=value'`, `--form-string` for a value curl would read otherwise (a leading `@`,
/// `<` or `"`, a `;` that starts an attribute, white space it would trim), or `-F 'name=@"file";type=…'` for a file.
fn form_option(part: &UploadPart) -> String {
    match &part.value {
        PartValue::Text(text) => {
            // curl's -F also trims the value's surrounding white space.
            let spaces = [' ', '\t', '\n', '\r', '\x0b', '\x0c'];
            let literal = text.starts_with(['@', '<', '"'])
                || text.contains(';')
                || text.trim_matches(spaces) != text;
            let option = if literal { "--form-string" } else { "-F" };
            format!("{option} {}", sh_word(&format!("{}={text}", part.name)))
        }
        PartValue::File { file, content_type } => format!(
            "-F {}",
            sh_word(&format!(
                "{}=@{};type={}",
                part.name,
                form_word(&file.file_name),
                // curl reads a type as written, parameters after `;` included.
                content_type
            ))
        ),
    }
}

/// A word of a `-F` value: as is, or in double quotes with `\\` and `\"` escaped when it holds
/// a character curl reads as syntax there (`;` `,` `"` `\\`) or starts or ends with a space.
fn form_word(word: &str) -> String {
    if word.contains([';', ',', '"', '\\']) || word.starts_with(' ') || word.ends_with(' ') {
        format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        word.to_owned()
    }
}
