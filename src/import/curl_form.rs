//! One `-F`/`--form` argument read as curl reads it (tool_formparse.c): `name=value`,
//! `name=@file` (several as `@a,b`), `name=<file`, a value in double quotes with `\"` and `\\`
//! escaped, and the attributes `;type=`, `;filename=`, `;headers=` and `;encoder=`.

/// What one form argument asks curl to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormArgument {
    pub name: String,
    pub parts: Vec<FormPart>,
}

/// A part of a form argument (`@a,b` gives two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormPart {
    pub content: FormContent,
    /// `;type=`, with any parameters after it (`text/plain; charset=utf-8`).
    pub content_type: Option<String>,
    /// `;filename=`: the name sent instead of the file's own.
    pub filename: Option<String>,
    /// Attributes the playground does not import (`headers=…`, `encoder=…`, unknown ones).
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FormContent {
    /// Text sent as the part's value.
    Text(String),
    /// `@path`: the file's bytes, sent with its name.
    File(String),
    /// `<path`: the file's text, sent as the value (no file name).
    TextFromFile(String),
}

/// Reads `input` (the argument of `-F`, or of `--form-string` when `literal`). `None` when it
/// has no `=`, which curl refuses.
pub(crate) fn parse_form_argument(input: &str, literal: bool) -> Option<FormArgument> {
    let (name, contents) = input.split_once('=')?;
    let name = name.to_owned();
    if literal {
        return Some(FormArgument {
            name,
            parts: vec![FormPart {
                content: FormContent::Text(contents.to_owned()),
                content_type: None,
                filename: None,
                left_out: Vec::new(),
            }],
        });
    }
    let mut parts = Vec::new();
    if let Some(files) = contents.strip_prefix('@') {
        let mut rest = files;
        loop {
            let (part, sep, after) = param_part(rest, Some(','));
            parts.push(FormPart {
                content: FormContent::File(part.data),
                content_type: part.content_type,
                filename: part.filename,
                left_out: part.left_out,
            });
            rest = after;
            if sep != Some(',') {
                break;
            }
        }
    } else if let Some(file) = contents.strip_prefix('<') {
        let (part, _, _) = param_part(file, None);
        parts.push(FormPart {
            content: FormContent::TextFromFile(part.data),
            content_type: part.content_type,
            filename: part.filename,
            left_out: part.left_out,
        });
    } else {
        let (part, _, _) = param_part(contents, None);
        parts.push(FormPart {
            content: FormContent::Text(part.data),
            content_type: part.content_type,
            filename: part.filename,
            left_out: part.left_out,
        });
    }
    Some(FormArgument { name, parts })
}

struct ParamPart {
    data: String,
    content_type: Option<String>,
    filename: Option<String>,
    left_out: Vec<String>,
}

/// A word, then `;attribute=value` pairs up to `end` (`,` between files) or the end: curl's
/// get_param_part. Returns the part, the separator that ended it and the text after it.
fn param_part(input: &str, end: Option<char>) -> (ParamPart, Option<char>, &str) {
    let stops = |c: char| c == ';' || Some(c) == end;
    let mut rest = input.trim_start_matches(is_space);
    let (data, after) = param_word(rest, &stops);
    let mut part = ParamPart {
        data,
        content_type: None,
        filename: None,
        left_out: Vec::new(),
    };
    rest = after;
    loop {
        let Some(sep) = rest.chars().next() else {
            return (part, None, rest);
        };
        if sep != ';' {
            return (part, Some(sep), &rest[sep.len_utf8()..]);
        }
        rest = rest[1..].trim_start_matches(is_space);
        if let Some(value) = strip_prefix_ignore_case(rest, "type=") {
            // The type and any parameters after it, up to an attribute curl knows.
            let value = value.trim_start_matches(is_space);
            let mut end_of_type = value.find(stops).unwrap_or(value.len());
            loop {
                let after_type = &value[end_of_type..];
                let Some(next) = after_type.strip_prefix(';') else {
                    break;
                };
                let next = next.trim_start_matches(is_space);
                if ["type=", "filename=", "headers=", "encoder="]
                    .iter()
                    .any(|p| strip_prefix_ignore_case(next, p).is_some())
                {
                    break;
                }
                let skipped = after_type.len() - next.len();
                end_of_type += skipped + next.find(stops).unwrap_or(next.len());
            }
            part.content_type = Some(value[..end_of_type].trim_end_matches(is_space).to_owned());
            rest = &value[end_of_type..];
        } else if let Some(value) = strip_prefix_ignore_case(rest, "filename=") {
            let (filename, after) = param_word(value.trim_start_matches(is_space), &stops);
            part.filename = Some(filename);
            rest = after;
        } else {
            let (attribute, after) = param_word(rest, &stops);
            if !attribute.is_empty() {
                part.left_out.push(attribute);
            }
            rest = after;
        }
    }
}

/// A word up to a stop character: in double quotes (with `\"` and `\\` escaped, anything after
/// the closing quote up to the stop ignored), or as is with trailing spaces removed. An
/// unclosed quote is read as no quote.
fn param_word<'a>(input: &'a str, stops: &dyn Fn(char) -> bool) -> (String, &'a str) {
    if let Some(quoted) = input.strip_prefix('"') {
        let mut word = String::new();
        let mut chars = quoted.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if matches!(quoted[i + 1..].chars().next(), Some('\\' | '"')) => {
                    if let Some((_, escaped)) = chars.next() {
                        word.push(escaped);
                    }
                }
                '"' => {
                    let after = &quoted[i + 1..];
                    let end = after.find(stops).unwrap_or(after.len());
                    return (word, &after[end..]);
                }
                c => word.push(c),
            }
        }
    }
    let end = input.find(stops).unwrap_or(input.len());
    (
        input[..end].trim_end_matches(is_space).to_owned(),
        &input[end..],
    )
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The content type curl gives a file part without `;type=` (lib/mime.c).
pub(crate) fn curl_file_type(file_name: &str) -> &'static str {
    let lower = file_name.to_ascii_lowercase();
    const TYPES: [(&str, &str); 10] = [
        (".gif", "image/gif"),
        (".jpg", "image/jpeg"),
        (".jpeg", "image/jpeg"),
        (".png", "image/png"),
        (".svg", "image/svg+xml"),
        (".txt", "text/plain"),
        (".htm", "text/html"),
        (".html", "text/html"),
        (".pdf", "application/pdf"),
        (".xml", "application/xml"),
    ];
    TYPES
        .iter()
        .find(|(extension, _)| lower.ends_with(extension))
        .map_or("application/octet-stream", |(_, t)| t)
}
