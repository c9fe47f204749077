//! The echo API's JSON, written straight into a bounded buffer: no `serde_json::Value` of the
//! request body (a 16 MB JSON body would become hundreds of MB of tree), escapes counted before
//! they are written, and the writer stops at the response limit or when the server's budget of
//! held bytes runs out.

use std::borrow::Cow;

use base64::Engine;

use crate::guard::Held;

/// A value to write. Strings, maps and lists as in JSON; `Json` is JSON text (already checked to
/// be valid) written again with the surrounding indentation.
pub enum Val<'a> {
    Null,
    Bool(bool),
    Int(u64),
    Str(Cow<'a, str>),
    Map(Vec<(Cow<'a, str>, Val<'a>)>),
    List(Vec<Val<'a>>),
    Json(&'a str),
}

impl<'a> Val<'a> {
    pub fn str(text: impl Into<Cow<'a, str>>) -> Val<'a> {
        Val::Str(text.into())
    }
}

/// Why writing stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Full {
    /// The response would be larger than the limit.
    TooLarge,
    /// The server's budget of held bytes is spent.
    Busy,
}

/// Where JSON goes: a buffer with a byte limit, holding its bytes from the server's budget.
pub struct Out {
    pub buf: Vec<u8>,
    pub held: Held,
    limit: usize,
}

impl Out {
    pub fn new(held: Held, limit: usize) -> Out {
        Out {
            buf: Vec::new(),
            held,
            limit,
        }
    }
}

/// A destination for bytes: the buffer, or a counter (to learn a size before writing).
pub trait Sink {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Full>;

    fn spaces(&mut self, n: usize) -> Result<(), Full> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut left = n;
        while left > 0 {
            let k = left.min(SPACES.len());
            self.put(&SPACES[..k])?;
            left -= k;
        }
        Ok(())
    }
}

impl Sink for Out {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Full> {
        let need = self.buf.len() + bytes.len();
        if need > self.limit {
            return Err(Full::TooLarge);
        }
        if need > self.buf.capacity() {
            let capacity = need.max(self.buf.capacity() * 2).max(4096).min(self.limit);
            if !self.held.ensure(capacity, 0, self.limit) {
                return Err(Full::Busy);
            }
            self.buf.reserve_exact(capacity - self.buf.len());
        }
        self.buf.extend_from_slice(bytes);
        Ok(())
    }
}

/// An unbounded buffer, for small pieces whose size is bounded by the request head.
impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Full> {
        self.extend_from_slice(bytes);
        Ok(())
    }
}

/// Counts bytes instead of writing them.
#[derive(Default)]
pub struct Count(pub usize);

impl Sink for Count {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Full> {
        self.0 += bytes.len();
        Ok(())
    }

    fn spaces(&mut self, n: usize) -> Result<(), Full> {
        self.0 += n;
        Ok(())
    }
}

/// What each byte becomes in a JSON string, as serde_json writes it: 0 unchanged, `u` for
/// `\u00XX`, otherwise the letter after the backslash.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Length of `text` as a JSON string, quotes included.
pub fn escaped_len(text: &str) -> usize {
    text.bytes()
        .map(|b| match ESCAPE[b as usize] {
            0 => 1,
            b'u' => 6,
            _ => 2,
        })
        .sum::<usize>()
        + 2
}

pub fn write_str(out: &mut impl Sink, text: &str) -> Result<(), Full> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.put(b"\"")?;
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[b as usize];
        if escape == 0 {
            continue;
        }
        out.put(&bytes[start..i])?;
        if escape == b'u' {
            out.put(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 15) as usize],
            ])?;
        } else {
            out.put(&[b'\\', escape])?;
        }
        start = i + 1;
    }
    out.put(&bytes[start..])?;
    out.put(b"\"")
}

/// A body (or a part of one) as the echo shows it: its text when it is UTF-8 and escaping does
/// not more than double it (give or take 64 bytes), otherwise a base64 `data:` URL — so that
/// 16 MB of NUL bytes become 21 MB of base64, not 96 MB of `\u0000`.
pub fn text_or_data_url<'a>(bytes: &'a [u8], content_type: &str) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) if shown_as_text(text) => Cow::Borrowed(text),
        _ => Cow::Owned(data_url(bytes, content_type)),
    }
}

/// [`text_or_data_url`] for text already decoded (form fields).
pub fn text_val(text: Cow<'_, str>) -> Val<'_> {
    if shown_as_text(&text) {
        Val::Str(text)
    } else {
        Val::str(data_url(text.as_bytes(), "text/plain"))
    }
}

/// Whether escaping leaves `text` at most twice as long (give or take 64 bytes).
pub fn shown_as_text(text: &str) -> bool {
    escaped_len(text) <= 2 * text.len() + 64
}

pub fn data_url(bytes: &[u8], content_type: &str) -> String {
    format!(
        "data:{content_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// Writes `value` at nesting `depth`: pretty (two spaces, as serde_json and httpbin) or compact.
pub fn write(out: &mut impl Sink, value: &Val, pretty: bool, depth: usize) -> Result<(), Full> {
    match value {
        Val::Null => out.put(b"null"),
        Val::Bool(b) => out.put(if *b { b"true" } else { b"false" }),
        Val::Int(n) => out.put(n.to_string().as_bytes()),
        Val::Str(text) => write_str(out, text),
        Val::Map(entries) => {
            if entries.is_empty() {
                return out.put(b"{}");
            }
            out.put(b"{")?;
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.put(b",")?;
                }
                if pretty {
                    out.put(b"\n")?;
                    out.spaces(2 * (depth + 1))?;
                }
                write_str(out, key)?;
                out.put(if pretty { b": " } else { b":" })?;
                write(out, value, pretty, depth + 1)?;
            }
            if pretty {
                out.put(b"\n")?;
                out.spaces(2 * depth)?;
            }
            out.put(b"}")
        }
        Val::List(items) => {
            if items.is_empty() {
                return out.put(b"[]");
            }
            out.put(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.put(b",")?;
                }
                if pretty {
                    out.put(b"\n")?;
                    out.spaces(2 * (depth + 1))?;
                }
                write(out, item, pretty, depth + 1)?;
            }
            if pretty {
                out.put(b"\n")?;
                out.spaces(2 * depth)?;
            }
            out.put(b"]")
        }
        Val::Json(text) => {
            // Pretty unless indentation would more than double it (a long flat array of small
            // numbers, deep nesting); then compact, which is never longer than the text.
            let pretty = pretty && {
                let mut count = Count::default();
                let _ = reformat(&mut count, text.as_bytes(), true, depth);
                count.0 <= 2 * text.len() + 4096
            };
            reformat(out, text.as_bytes(), pretty, depth)
        }
    }
}

/// Whether `text` is one JSON value (serde_json's rules, nesting at most 128 deep), checked
/// without building it.
pub fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// Writes valid JSON `text` again, pretty at `depth` or compact. Strings, numbers and literals
/// are copied as they are; only whitespace changes.
fn reformat(out: &mut impl Sink, text: &[u8], pretty: bool, depth: usize) -> Result<(), Full> {
    let n = text.len();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let skip_space = |mut i: usize| {
        while i < n && is_space(text[i]) {
            i += 1;
        }
        i
    };
    let mut emit = |bytes: &[u8], spaces: usize| -> Result<(), Full> {
        out.put(bytes)?;
        out.spaces(spaces)
    };
    let mut level = depth;
    let mut i = 0;
    while i < n {
        let b = text[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'"' => {
                let mut j = i + 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &text[j..]) {
                        Some(k) if text[j + k] == b'\\' => j += k + 2,
                        Some(k) => {
                            j += k + 1;
                            break;
                        }
                        None => {
                            j = n;
                            break;
                        }
                    }
                }
                let j = j.min(n);
                emit(&text[i..j], 0)?;
                i = j;
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let next = skip_space(i + 1);
                if next < n && text[next] == close {
                    emit(&[b, close], 0)?;
                    i = next + 1;
                } else {
                    level += 1;
                    emit(&[b], 0)?;
                    if pretty {
                        emit(b"\n", 2 * level)?;
                    }
                    i += 1;
                }
            }
            b'}' | b']' => {
                level = level.saturating_sub(1);
                if pretty {
                    emit(b"\n", 2 * level)?;
                }
                emit(&[b], 0)?;
                i += 1;
            }
            b',' => {
                emit(b",", 0)?;
                if pretty {
                    emit(b"\n", 2 * level)?;
                }
                i += 1;
            }
            b':' => {
                emit(if pretty { b": " } else { b":" }, 0)?;
                i += 1;
            }
            _ => {
                let mut j = i;
                while j < n && !is_space(text[j]) && !b"{}[],:\"".contains(&text[j]) {
                    j += 1;
                }
                emit(&text[i..j], 0)?;
                i = j;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(value: &Val, pretty: bool) -> String {
        let mut out = Out::new(crate::guard::Budget::new(1 << 30).empty(), 1 << 30);
        write(&mut out, value, pretty, 0).unwrap();
        String::from_utf8(out.buf).unwrap()
    }

    #[test]
    fn the_same_text_as_serde_json() {
        let body = r#" {"a": [1, 2.5e3, {"b": null}], "c": {}, "d": [], "e": "x\"\\\u00e9\n", "f": true} "#;
        let value = Val::Map(vec![
            ("args".into(), Val::Map(vec![])),
            ("data".into(), Val::str("tab\tnul\u{0}quote\"é")),
            (
                "files".into(),
                Val::Map(vec![(
                    "f".into(),
                    Val::List(vec![Val::str("1"), Val::str("2")]),
                )]),
            ),
            ("id".into(), Val::Int(7)),
            ("json".into(), Val::Json(body)),
            ("none".into(), Val::Null),
        ]);
        let ours = render(&value, true);
        let theirs_value: serde_json::Value = serde_json::from_str(&ours).unwrap();
        let theirs = serde_json::to_string_pretty(&theirs_value).unwrap();
        // Same text except numbers and escapes, which serde_json would normalise (2.5e3 ->
        // 2500.0, \u00e9 -> é): the body's JSON is copied as it came, only re-indented.
        let normal = |text: &str| text.replace("2.5e3", "2500.0").replace("\\u00e9", "é");
        assert_eq!(normal(&ours), theirs);
        let compact = render(&value, false);
        assert_eq!(
            normal(&compact),
            serde_json::to_string(&theirs_value).unwrap()
        );
    }

    #[test]
    fn escapes_are_bounded() {
        let nuls = vec![0u8; 1000];
        assert!(text_or_data_url(&nuls, "text/plain").starts_with("data:text/plain;base64,"));
        let quotes = "\"".repeat(1000);
        assert_eq!(text_or_data_url(quotes.as_bytes(), "x"), quotes.as_str());
        assert_eq!(text_or_data_url(b"a\x00b", "x"), "a\u{0}b");
        assert_eq!(text_or_data_url(&[0xff], "x"), "data:x;base64,/w==");
        // A long flat array would triple when indented: written compact instead.
        let flat = format!("[{}0]", "0,".repeat(10_000));
        let out = render(&Val::Map(vec![("json".into(), Val::Json(&flat))]), true);
        assert!(out.len() < flat.len() + 100, "{}", out.len());
        assert!(is_json(&flat) && !is_json("[1,") && !is_json(&"[".repeat(200)));
    }

    #[test]
    fn the_writer_stops_at_its_limit() {
        let mut out = Out::new(crate::guard::Budget::new(1 << 30).empty(), 10);
        assert_eq!(
            write(&mut out, &Val::str("0123456789"), true, 0),
            Err(Full::TooLarge)
        );
        let mut out = Out::new(crate::guard::Budget::new(100).empty(), 1 << 20);
        assert_eq!(
            write(&mut out, &Val::str("x".repeat(200)), true, 0),
            Err(Full::Busy)
        );
    }
}
