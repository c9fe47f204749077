//! Writing the documented request format by hand: a few lines instead of serde's derived
//! serializers in the wasm.

use super::request::{
    ApiKeyLocation, Auth, Body, KeyValue, Part, PartValue, Request, FORMAT_VERSION,
};

/// The request as compact JSON, `"version"` first, fields in the documented order.
pub(crate) fn request_json(r: &Request) -> String {
    let mut out = format!("{{\"version\":{FORMAT_VERSION},\"method\":");
    push_str(&mut out, &r.method);
    out.push_str(",\"url\":");
    push_str(&mut out, &r.url);
    out.push_str(",\"params\":");
    push_rows(&mut out, &r.params);
    out.push_str(",\"headers\":");
    push_rows(&mut out, &r.headers);
    out.push_str(",\"auth\":");
    let auth: Vec<(&str, &str)> = match &r.auth {
        Auth::None => vec![],
        Auth::Basic { username, password } => vec![("username", username), ("password", password)],
        Auth::Bearer { token } => vec![("token", token)],
        Auth::ApiKey {
            name,
            value,
            location,
        } => vec![
            ("name", name),
            ("value", value),
            (
                "in",
                if *location == ApiKeyLocation::Query {
                    "query"
                } else {
                    "header"
                },
            ),
        ],
    };
    push_object(&mut out, r.auth.kind(), &auth, None);
    out.push_str(",\"body\":");
    match &r.body {
        Body::None => push_object(&mut out, "none", &[], None),
        Body::Json { text } => push_object(&mut out, "json", &[("text", text)], None),
        Body::Text { text, content_type } => push_object(
            &mut out,
            "text",
            &[("text", text), ("content_type", content_type)],
            None,
        ),
        Body::Form { fields } => push_object(&mut out, "form", &[], Some(fields)),
        // A file is written by name only: its bytes never go into links, history or drafts.
        Body::Binary { file, content_type } => push_object(
            &mut out,
            "binary",
            &[("file", &file.file_name), ("content_type", content_type)],
            None,
        ),
        Body::Multipart { parts } => {
            out.push_str("{\"type\":\"multipart\",\"parts\":");
            push_parts(&mut out, parts);
            out.push('}');
        }
    }
    out.push_str(&format!(",\"timeout_ms\":{}}}", r.timeout_ms));
    out
}

/// A JSON string literal. Runs of characters that need no escape are copied whole (a
/// megabyte body is written in a few milliseconds, not character by character).
pub(crate) fn push_str(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..0x20 => "",
            _ => continue,
        };
        // Escapes are ASCII, so `i` is a character boundary.
        out.push_str(&text[copied..i]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{:04x}", b));
        } else {
            out.push_str(escaped);
        }
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

pub(crate) fn push_rows(out: &mut String, rows: &[KeyValue]) {
    out.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        push_str(out, &row.name);
        out.push_str(",\"value\":");
        push_str(out, &row.value);
        out.push_str(if row.enabled {
            ",\"enabled\":true}"
        } else {
            ",\"enabled\":false}"
        });
    }
    out.push(']');
}

/// `[{"name":…,"enabled":…,"text":…}, {"name":…,"enabled":…,"file":…,"content_type":…}]`.
fn push_parts(out: &mut String, parts: &[Part]) {
    out.push('[');
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        push_str(out, &part.name);
        out.push_str(if part.enabled {
            ",\"enabled\":true"
        } else {
            ",\"enabled\":false"
        });
        match &part.value {
            PartValue::Text(text) => {
                out.push_str(",\"text\":");
                push_str(out, text);
            }
            PartValue::File { file, content_type } => {
                out.push_str(",\"file\":");
                push_str(out, &file.file_name);
                out.push_str(",\"content_type\":");
                push_str(out, content_type);
            }
        }
        out.push('}');
    }
    out.push(']');
}

/// `{"type": kind, …strings, "fields": […]}`.
fn push_object(
    out: &mut String,
    kind: &str,
    strings: &[(&str, &str)],
    fields: Option<&[KeyValue]>,
) {
    out.push_str("{\"type\":");
    push_str(out, kind);
    for (key, value) in strings {
        out.push(',');
        push_str(out, key);
        out.push(':');
        push_str(out, value);
    }
    if let Some(fields) = fields {
        out.push_str(",\"fields\":");
        push_rows(out, fields);
    }
    out.push('}');
}

impl super::json::Json {
    /// The value as compact JSON text (numbers as spelled, keys in order).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        write_json(&mut out, self);
        out
    }
}

fn write_json(out: &mut String, value: &super::json::Json) {
    use super::json::Json;
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => push_str(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_str(out, key);
                out.push(':');
                write_json(out, item);
            }
            out.push('}');
        }
    }
}
