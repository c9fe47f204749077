//! JavaScript literals for fetch: strings, object keys, and JSON values as object literals.

use super::quoted_literal;
use crate::model::Json;

/// A JavaScript string literal whose value is exactly `text`, quoted as prettier quotes it.
pub fn js_str(text: &str) -> String {
    quoted_literal(text, |c| format!("\\u{:04x}", u32::from(c)))
}

/// An object key: bare when it is a plain identifier, as prettier writes it, else quoted.
pub fn js_key(key: &str) -> String {
    let mut chars = key.chars();
    let plain = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        key.to_owned()
    } else {
        js_str(key)
    }
}

/// A JSON value as a JavaScript literal, non-empty containers one item per line.
pub fn js_json(value: &Json, indent: usize) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => js_number(n),
        Json::String(s) => js_str(s),
        Json::Array(items) if items.is_empty() => "[]".to_owned(),
        Json::Object(members) if members.is_empty() => "{}".to_owned(),
        Json::Array(items) => {
            let lines: Vec<String> = items.iter().map(|v| js_json(v, indent + 2)).collect();
            // prettier keeps an object expanded as written, but fits an array of scalars on
            // one line when it can.
            let one_line = format!("[{}]", lines.join(", "));
            let scalars = items.iter().all(|v| {
                !matches!(v, Json::Array(a) if !a.is_empty())
                    && !matches!(v, Json::Object(o) if !o.is_empty())
            });
            if scalars && indent + one_line.len() <= 70 {
                one_line
            } else {
                exploded('[', &lines, ']', indent)
            }
        }
        Json::Object(members) => {
            let lines: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{}: {}", js_key(k), js_json(v, indent + 2)))
                .collect();
            exploded('{', &lines, '}', indent)
        }
    }
}

/// A JSON number as prettier prints the same literal: lower-case `e`, no `+` in the exponent,
/// no trailing zeros in the fraction (`1.50` -> `1.5`, `2.0E+3` -> `2e3`).
fn js_number(text: &str) -> String {
    let lower = text.to_ascii_lowercase().replace("e+", "e");
    let (mantissa, exponent) = match lower.split_once('e') {
        Some((m, e)) => (m.to_owned(), format!("e{e}")),
        None => (lower.clone(), String::new()),
    };
    let mantissa = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            let fraction = fraction.trim_end_matches('0');
            if fraction.is_empty() {
                whole.to_owned()
            } else {
                format!("{whole}.{fraction}")
            }
        }
        None => mantissa,
    };
    format!("{mantissa}{exponent}")
}

/// `{ key: "value", … }` one pair per line.
pub fn js_str_object(pairs: &[(String, String)], indent: usize) -> String {
    let lines: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", js_key(k), js_str(v)))
        .collect();
    exploded('{', &lines, '}', indent)
}

fn exploded(open: char, lines: &[String], close: char, indent: usize) -> String {
    super::exploded(open, lines, close, indent, 2)
}
