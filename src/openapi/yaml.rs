//! YAML (1.2, core schema) read into the same [`Json`] tree as a JSON description, through
//! saphyr-parser's events: no YAML tree of its own, and aliases expanded under a budget, so a
//! "billion laughs" document is an error, not a tab out of memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::model::Json;

/// At most this many values, counting each alias as the values it expands to. GitHub's REST
/// description, the largest known, has about 1.3 million.
pub const MAX_VALUES: usize = 8_000_000;
/// At most this many bytes of text (strings and keys), aliases counted as what they expand to.
pub const MAX_TEXT_BYTES: usize = 256 * 1024 * 1024;
/// Lists and mappings nest at most this deep (as the JSON parser allows): deeper, the tree's
/// own recursion (drop, clone, every walk over it) could exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// Where and why a text is not YAML this reader takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

enum Frame {
    Sequence(Vec<Json>, usize),
    /// Members, the key waiting for its value, the anchor, and once a `<<` merged keys in, an
    /// index of the keys (later keys then replace merged ones).
    Mapping(
        Vec<(String, Json)>,
        Option<String>,
        usize,
        Option<HashMap<String, usize>>,
    ),
}

/// The one document in `text` as a tree. Mapping keys become strings (`200:` is `"200"`); plain
/// scalars are null, booleans and numbers as YAML 1.2's core schema says, `.inf` and `.nan`
/// stay strings (JSON has no such numbers); `<<` merges a mapping's keys in.
pub fn yaml_to_json(text: &str) -> Result<Json, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Json> = HashMap::new();
    let mut values = 0usize;
    let mut bytes = 0usize;
    let mut document: Option<Json> = None;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| YamlError {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: e.info().to_owned(),
        })?;
        let fail = |message: &str| YamlError {
            line: span.start.line(),
            column: span.start.col() + 1,
            message: message.to_owned(),
        };
        let expecting_key = matches!(stack.last(), Some(Frame::Mapping(_, None, _, _)));
        let (value, anchor) = match event {
            Event::StreamEnd => break,
            Event::Alias(id) => {
                let value = anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| fail("this alias names no anchor defined before it"))?;
                let (n, b) = count(&value);
                values = values.saturating_add(n);
                bytes = bytes.saturating_add(b);
                (value, 0)
            }
            Event::Scalar(text, style, anchor, tag) => {
                bytes = bytes.saturating_add(text.len());
                if expecting_key {
                    if let Some(Frame::Mapping(_, key, _, _)) = stack.last_mut() {
                        *key = Some(text.into_owned());
                    }
                    continue;
                }
                let quoted = style != ScalarStyle::Plain
                    || tag.is_some_and(|t| t.suffix == "str" || t.handle == "!");
                (scalar(&text, quoted), anchor)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) if expecting_key => {
                let _ = anchor;
                return Err(fail(
                    "a mapping key must be a plain value, not a list or a mapping",
                ));
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() >= MAX_DEPTH => {
                return Err(fail(&format!(
                    "lists and mappings nest more than {MAX_DEPTH} deep here"
                )));
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Sequence(Vec::new(), anchor));
                continue;
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Mapping(Vec::new(), None, anchor, None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Sequence(items, anchor)) => (Json::Array(items), anchor),
                Some(Frame::Mapping(members, _, anchor, _)) => (Json::Object(members), anchor),
                None => return Err(fail("a list or mapping ends that never began")),
            },
            _ => continue,
        };
        values += 1;
        if bytes > MAX_TEXT_BYTES {
            return Err(fail(&format!(
                "the document expands to more than {} MB of text (its aliases repeat too much)",
                MAX_TEXT_BYTES / (1024 * 1024)
            )));
        }
        if values > MAX_VALUES {
            return Err(fail(&format!(
                "the document expands to more than {MAX_VALUES} values (its aliases repeat too much)"
            )));
        }
        if anchor != 0 {
            anchors.insert(anchor, value.clone());
        }
        match stack.last_mut() {
            None if document.is_some() => {
                return Err(fail(
                    "this text holds more than one YAML document; a description is one",
                ))
            }
            None => document = Some(value),
            Some(Frame::Sequence(items, _)) => items.push(value),
            Some(Frame::Mapping(members, key, _, index)) => match key.take() {
                // An alias (or a value after a complex key) where a key was expected.
                None => {
                    return Err(fail(
                        "a mapping key must be a plain value, not an alias or a collection",
                    ))
                }
                Some(key) if key == "<<" => {
                    let index = index.get_or_insert_with(|| {
                        let mut found = HashMap::new();
                        for (i, (k, _)) in members.iter().enumerate() {
                            found.entry(k.clone()).or_insert(i);
                        }
                        found
                    });
                    merge(members, index, value)
                }
                Some(key) if index.is_some() => {
                    let index = index.as_mut().expect("checked");
                    match index.get(&key) {
                        Some(&at) => members[at].1 = value,
                        None => {
                            index.insert(key.clone(), members.len());
                            members.push((key, value));
                        }
                    }
                }
                Some(key) => members.push((key, value)),
            },
        }
    }
    Ok(document.unwrap_or(Json::Null))
}

/// `<<: *base` (or a list of them): the keys the mapping does not have yet.
fn merge(members: &mut Vec<(String, Json)>, index: &mut HashMap<String, usize>, value: Json) {
    let sources = match value {
        Json::Array(items) => items,
        other => vec![other],
    };
    for source in sources {
        if let Json::Object(extra) = source {
            for (key, value) in extra {
                if !index.contains_key(&key) {
                    index.insert(key.clone(), members.len());
                    members.push((key, value));
                }
            }
        }
    }
}

/// How many values a tree holds (itself included), and the bytes of its strings and keys.
pub(super) fn count(value: &Json) -> (usize, usize) {
    match value {
        Json::Array(items) => items.iter().map(count).fold((1, 0), |(n, b), (n2, b2)| {
            (n.saturating_add(n2), b.saturating_add(b2))
        }),
        Json::Object(members) => members.iter().fold((1, 0), |(n, b), (k, v)| {
            let (n2, b2) = count(v);
            (
                n.saturating_add(n2),
                b.saturating_add(b2).saturating_add(k.len()),
            )
        }),
        Json::String(s) => (1, s.len()),
        Json::Number(n) => (1, n.len()),
        _ => (1, 0),
    }
}

/// A scalar as the core schema reads it; quoted (or `!!str`) text is always a string.
fn scalar(text: &str, quoted: bool) -> Json {
    if quoted {
        return Json::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Json::Null,
        "true" | "True" | "TRUE" => Json::Bool(true),
        "false" | "False" | "FALSE" => Json::Bool(false),
        _ => number(text).map_or_else(|| Json::String(text.to_owned()), Json::Number),
    }
}

/// A plain scalar that is a core-schema number, spelled as JSON spells it.
fn number(text: &str) -> Option<String> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'-' => ("-", &text[1..]),
        b'+' => ("", &text[1..]),
        _ => ("", text),
    };
    let radix = |prefix: &str, radix: u32| {
        let rest = digits.strip_prefix(prefix)?;
        let value = u128::from_str_radix(rest, radix).ok()?;
        Some(format!("{sign}{value}"))
    };
    if sign.is_empty() && text.as_bytes()[0] != b'+' {
        if let Some(n) = radix("0x", 16).or_else(|| radix("0o", 8)) {
            return Some(n);
        }
    }
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(at) => (&digits[..at], Some(&digits[at + 1..])),
        None => (digits, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole)
        || !fraction.is_none_or(all_digits)
        || (whole.is_empty() && fraction.is_none_or(str::is_empty))
    {
        return None;
    }
    let exponent = match exponent {
        None => String::new(),
        Some(e) => {
            let unsigned = e.trim_start_matches(['+', '-']);
            if unsigned.is_empty() || !all_digits(unsigned) || e.len() - unsigned.len() > 1 {
                return None;
            }
            format!("e{e}")
        }
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = match fraction {
        Some(f) if !f.is_empty() => format!(".{f}"),
        Some(_) => ".0".to_owned(),
        None => String::new(),
    };
    Some(format!("{sign}{whole}{fraction}{exponent}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema_numbers_become_json_numbers() {
        for (yaml, json) in [
            ("1", "1"),
            ("-12", "-12"),
            ("+3", "3"),
            ("007", "7"),
            ("0x1F", "31"),
            ("0o17", "15"),
            ("1.5", "1.5"),
            (".5", "0.5"),
            ("1.", "1.0"),
            ("1e3", "1e3"),
            ("-2.5E-3", "-2.5e-3"),
        ] {
            assert_eq!(number(yaml).as_deref(), Some(json), "{yaml}");
        }
        for text in [
            "1.2.3", "e3", ".", "1e", "v1", "1_000", ".inf", "0x", "--1", "1e+-2",
        ] {
            assert_eq!(number(text), None, "{text}");
        }
    }
}
