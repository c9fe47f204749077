//! Rust string literals for any text: raw strings where they read better, escapes otherwise.

use super::needs_escape;

/// A Rust string literal whose value is exactly `text`.
///
/// Text with quotes, backslashes or line breaks becomes a raw string (`r#"…"#`, with as many `#`
/// as needed), so JSON bodies stay readable. Raw strings cannot hold a carriage return, and
/// control or invisible characters must stay visible, so such text gets an escaped literal.
pub fn rust_str(text: &str) -> String {
    let wants_raw = text.contains(['"', '\\', '\n']);
    let raw_ok = !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && needs_escape(c));
    if wants_raw && raw_ok {
        let hashes = "#".repeat(longest_hash_run_after_quote(text) + 1);
        return format!("r{hashes}\"{text}\"{hashes}");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A byte string literal (`b"…"`) for ASCII text such as a method token.
pub fn rust_bytes(text: &str) -> String {
    format!("b{}", rust_str(text))
}

fn longest_hash_run_after_quote(text: &str) -> usize {
    text.match_indices('"')
        .map(|(i, _)| text[i + 1..].chars().take_while(|c| *c == '#').count())
        .max()
        .unwrap_or(0)
}
