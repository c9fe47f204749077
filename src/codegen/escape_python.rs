//! Python literals (requests, httpx): strings, and JSON values as dicts and lists in black's
//! layout.

use super::quoted_literal;
use crate::model::Json;

/// A Python string literal whose value is exactly `text`, quoted as black quotes it.
pub fn py_str(text: &str) -> String {
    quoted_literal(text, |c| {
        let code = u32::from(c);
        // Every character needs_escape flags is in the Basic Multilingual Plane.
        if code <= 0xff {
            format!("\\x{code:02x}")
        } else {
            format!("\\u{code:04x}")
        }
    })
}

/// A JSON value as a Python literal (`True`, `None`, dicts, lists), laid out as black leaves
/// it: non-empty containers one item per line with a trailing comma, at `indent` spaces.
pub fn py_json(value: &Json, indent: usize) -> String {
    match value {
        Json::Null => "None".to_owned(),
        Json::Bool(true) => "True".to_owned(),
        Json::Bool(false) => "False".to_owned(),
        Json::Number(n) => n.clone(),
        Json::String(s) => py_str(s),
        Json::Array(items) if items.is_empty() => "[]".to_owned(),
        Json::Object(members) if members.is_empty() => "{}".to_owned(),
        Json::Array(items) => {
            let lines: Vec<String> = items.iter().map(|v| py_json(v, indent + 4)).collect();
            exploded('[', &lines, ']', indent)
        }
        Json::Object(members) => {
            let lines: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_json(v, indent + 4)))
                .collect();
            exploded('{', &lines, '}', indent)
        }
    }
}

/// A dict of string pairs, black's exploded layout.
pub fn py_str_dict(pairs: &[(String, String)], indent: usize) -> String {
    let lines: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", py_str(k), py_str(v)))
        .collect();
    exploded('{', &lines, '}', indent)
}

/// A list of string 2-tuples, for pairs whose names repeat (a dict would drop all but one).
pub fn py_pair_list(pairs: &[(String, String)], indent: usize) -> String {
    let lines: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("({}, {})", py_str(k), py_str(v)))
        .collect();
    exploded('[', &lines, ']', indent)
}

/// A call `head(args)` on one line when it fits black's 88 columns, else one argument per line
/// with a trailing comma, which black keeps. The line starts with `indent` spaces and `lead`
/// more characters (such as `response = `) before `head`.
pub fn py_call(head: &str, args: &[String], indent: usize, lead: usize) -> String {
    let one_line = format!("{head}({})", args.join(", "));
    if indent + lead + one_line.len() <= 88 && !one_line.contains('\n') {
        return one_line;
    }
    format!("{head}{}", exploded('(', args, ')', indent))
}

fn exploded(open: char, lines: &[String], close: char, indent: usize) -> String {
    super::exploded(open, lines, close, indent, 4)
}
