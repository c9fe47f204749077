//! Rust string literals for any text: raw strings where they read better, escapes otherwise.

/// A Rust string literal whose value is exactly `text`.
///
/// Text with quotes, backslashes or line breaks becomes a raw string (`r#"…"#`, with as many `#`
/// as needed), so JSON bodies stay readable. Raw strings cannot hold a bare carriage return or
/// other control characters; such text gets an escaped literal instead.
pub fn rust_str(text: &str) -> String {
    let wants_raw = text.contains(['"', '\\', '\n']);
    let raw_ok = !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t');
    if wants_raw && raw_ok {
        let hashes = "#".repeat(longest_hash_run_after_quote(text) + 1);
        format!("r{hashes}\"{text}\"{hashes}")
    } else {
        // `str`'s Debug output is a valid Rust literal: it escapes quotes, backslashes, control
        // characters and invisible code points as `\u{…}`.
        format!("{text:?}")
    }
}

/// A byte string literal (`b"…"`) for ASCII text such as a method token.
pub fn rust_bytes(text: &str) -> String {
    format!("b{}", rust_str(text))
}

fn longest_hash_run_after_quote(text: &str) -> usize {
    let mut longest = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].chars().take_while(|c| *c == '#').count();
        longest = longest.max(run);
    }
    longest
}
