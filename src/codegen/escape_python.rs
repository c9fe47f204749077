//! Python literals (requests, httpx): strings, and JSON values as dicts and lists in black's
//! layout.

use super::needs_escape;
use crate::model::Json;

/// A Python string literal whose value is exactly `text`, quoted as black does: double quotes
/// unless the text holds more double quotes than single ones.
pub fn py_str(text: &str) -> String {
    let doubles = text.matches('"').count();
    let quote = if doubles > text.matches('\'').count() {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                if code <= 0xff {
                    out.push_str(&format!("\\x{code:02x}"));
                } else {
                    out.push_str(&format!("\\u{code:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
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
    let pad = " ".repeat(indent + 4);
    let mut out = String::new();
    out.push(open);
    out.push('\n');
    for line in lines {
        out.push_str(&pad);
        out.push_str(line);
        out.push_str(",\n");
    }
    out.push_str(&" ".repeat(indent));
    out.push(close);
    out
}
