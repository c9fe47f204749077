//! Bash words for curl: single quotes, or ANSI-C `$'…'` quoting when the text holds control or
//! invisible characters, which single quotes would carry invisibly (or not at all).

use super::needs_escape;

/// A bash word whose value is exactly `text`. A NUL cannot be passed in an argument at all;
/// callers keep such text out of arguments.
pub fn sh_word(text: &str) -> String {
    if text.chars().any(needs_escape) {
        return ansi_c(text);
    }
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b))
    {
        return text.to_owned();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn ansi_c(text: &str) -> String {
    let mut out = String::from("$'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}
