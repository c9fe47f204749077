//! Variables as named constants: the code is generated from the resolved request, as always,
//! then every string literal that holds a variable's value refers to a constant declared at the
//! top instead (`url = f"{BASE_URL}/get"`). Because only literals whose text is the value are
//! rewritten, the program sends exactly the same request either way.

use super::highlight::{highlight, Token};
use super::Language;
use crate::model::{resolve_variables, Request, Variable};

/// One constant: its name in code (`BASE_URL`) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    pub name: String,
    pub value: String,
}

impl Constant {
    /// A constant for variable `variable` (`base-url` becomes `BASE_URL`).
    pub fn new(variable: &str, value: &str) -> Self {
        let mut name: String = variable
            .trim()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert_str(0, "VAR_");
        }
        Constant {
            name,
            value: value.to_owned(),
        }
    }
}

/// The constants for the variables `request` uses, in the environment's order: enabled ones,
/// whose values every target can hold in a literal without escapes (other values stay inline).
pub fn constants_for(request: &Request, environment: &[Variable]) -> Vec<Constant> {
    let mut constants: Vec<Constant> = Vec::new();
    for (i, variable) in environment.iter().enumerate() {
        let name = variable.name.trim();
        // The last definition of a name wins, as in resolution.
        let last = !environment[i + 1..]
            .iter()
            .any(|v| v.enabled && v.name.trim() == name);
        if !variable.enabled || name.is_empty() || !last || !is_plain(&variable.value) {
            continue;
        }
        // Used when resolving fails without it.
        let others: Vec<Variable> = environment
            .iter()
            .filter(|v| v.name.trim() != name)
            .cloned()
            .collect();
        let constant = Constant::new(name, &variable.value);
        if resolve_variables(request, &others).is_err()
            && !constants.iter().any(|c| c.name == constant.name)
        {
            constants.push(constant);
        }
    }
    constants
}

/// Characters no target escapes inside a string literal.
fn is_plain(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -._~:/?=&@+,;*()[]%#<>|^".contains(c))
}

/// Names a shell gives a meaning to; a constant named so would change how the script runs.
const SHELL_NAMES: &[&str] = &[
    "PATH", "HOME", "IFS", "PWD", "OLDPWD", "SHELL", "USER", "TERM", "LANG", "HOSTNAME", "RANDOM",
    "SECONDS", "LINENO", "UID", "EUID", "PPID", "PS1", "PS2", "PS4", "CDPATH", "ENV", "OPTIND",
    "OPTARG", "TMPDIR", "TZ", "MAIL", "HISTFILE", "COLUMNS", "LINES", "GROUPS",
];

/// `code` in `language` with each constant's value in its string literals replaced by a
/// reference, and the constants that are referenced declared after the imports.
pub fn apply_constants(language: Language, code: &str, constants: &[Constant]) -> String {
    // A name the code already uses (or one the shell reserves) gets a suffix.
    let words = highlight(language, code);
    let constants: Vec<Constant> = constants
        .iter()
        .filter(|c| is_plain(&c.value))
        .map(|c| {
            let mut c = c.clone();
            let taken = |name: &str| {
                SHELL_NAMES.contains(&name)
                    || name.starts_with("BASH")
                    || name.starts_with("LC_")
                    || words.iter().any(|(t, text)| {
                        *t != Token::String && *t != Token::Comment && has_word(text, name)
                    })
            };
            while taken(&c.name) {
                c.name.push_str("_VAR");
            }
            c
        })
        .collect();
    // Longer values are matched first, so a value inside another does not split it. (By hand:
    // a sort would add KBs of wasm for a handful of items.)
    let mut order: Vec<usize> = Vec::new();
    for (i, c) in constants.iter().enumerate() {
        let at = order
            .iter()
            .position(|&j| constants[j].value.len() < c.value.len())
            .unwrap_or(order.len());
        order.insert(at, i);
    }

    let mut used = vec![false; constants.len()];
    let mut body = String::with_capacity(code.len());
    let mut previous = "";
    for (i, &(token, text)) in words.iter().enumerate() {
        let rewritten = if token == Token::String {
            let next = words.get(i + 1).map_or("", |(_, t)| *t);
            rewrite_literal(
                language, text, previous, next, &constants, &order, &mut used,
            )
        } else {
            None
        };
        body.push_str(rewritten.as_deref().unwrap_or(text));
        previous = text;
    }

    let declarations: Vec<String> = constants
        .iter()
        .zip(&used)
        .filter(|(_, used)| **used)
        .map(|(c, _)| match language {
            Language::Python => format!("{} = \"{}\"", c.name, c.value),
            Language::Shell => format!("{}='{}'", c.name, c.value),
            Language::JavaScript => format!("const {} = \"{}\";", c.name, c.value),
            Language::Rust => format!("const {}: &str = \"{}\";", c.name, c.value),
        })
        .collect();
    if declarations.is_empty() {
        return body;
    }
    // After the leading comments, imports and blank lines.
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let header = trimmed.is_empty()
            || trimmed.starts_with("import ")
            || trimmed.starts_with("from ")
            || trimmed.starts_with("use ")
            || trimmed.starts_with(language.comment_prefix());
        if !header {
            break;
        }
        at += line.len();
    }
    let mut out = body[..at].to_owned();
    if at > 0 && !out.ends_with("\n\n") {
        out.push('\n');
    }
    for declaration in declarations {
        out.push_str(&declaration);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&body[at..]);
    out
}

/// Whether `text` holds `word` as a whole identifier.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !is_ident(before) && !is_ident(after)
    })
}

/// A piece of a literal's text: as written, a constant, or (in a JavaScript template literal)
/// a `${…}` substitution kept as it is.
enum Piece<'a> {
    Text(&'a str),
    Constant(usize),
    Raw(&'a str),
}

/// The literal `text` rewritten to use constants, or `None` when it holds none or is a kind
/// left alone: prefixed or raw strings, ones with escapes, and Rust format strings.
fn rewrite_literal(
    language: Language,
    text: &str,
    previous: &str,
    next: &str,
    constants: &[Constant],
    order: &[usize],
    used: &mut [bool],
) -> Option<String> {
    let quote = text.chars().next()?;
    let template = quote == '`';
    if !matches!(quote, '"' | '\'' | '`') || text.len() < 2 || !text.ends_with(quote) {
        return None;
    }
    if previous.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
        || (language == Language::Rust && previous.trim_end().ends_with("!("))
    {
        return None;
    }
    let content = &text[1..text.len() - 1];
    if content.contains('\\') {
        return None;
    }
    let mut pieces = Vec::new();
    let mut rest = content;
    while template && rest.contains("${") {
        let start = rest.find("${")?;
        let end = start + rest[start..].find('}')? + 1;
        pieces.push(Piece::Text(&rest[..start]));
        pieces.push(Piece::Raw(&rest[start..end]));
        rest = &rest[end..];
    }
    pieces.push(Piece::Text(rest));
    for &index in order {
        let constant = &constants[index];
        let mut split = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text(t) if t.contains(constant.value.as_str()) => {
                    let mut rest = t;
                    while let Some(at) = rest.find(constant.value.as_str()) {
                        split.push(Piece::Text(&rest[..at]));
                        split.push(Piece::Constant(index));
                        rest = &rest[at + constant.value.len()..];
                    }
                    split.push(Piece::Text(rest));
                }
                other => split.push(other),
            }
        }
        pieces = split;
    }
    pieces.retain(|p| !matches!(p, Piece::Text("")));
    if !pieces.iter().any(|p| matches!(p, Piece::Constant(_))) {
        return None;
    }
    for piece in &pieces {
        if let Piece::Constant(i) = piece {
            used[*i] = true;
        }
    }
    let name = |i: usize| constants[i].name.as_str();
    // An object key in JavaScript must be computed, or it would be the constant's name.
    let js_key = language == Language::JavaScript && next.trim_start().starts_with(':');
    // Text that means the same inside shell double quotes as inside single quotes.
    let double_quotable = pieces.iter().all(|p| match p {
        Piece::Text(t) => !t.contains(['$', '`', '\\', '"', '!']),
        _ => true,
    });
    if let [Piece::Constant(i)] = pieces.as_slice() {
        return Some(match language {
            Language::Shell => format!("\"${}\"", name(*i)),
            Language::JavaScript if js_key => format!("[{}]", name(*i)),
            _ => name(*i).to_owned(),
        });
    }
    let mut out = String::new();
    match language {
        Language::Python | Language::Rust => {
            for piece in &pieces {
                match piece {
                    Piece::Text(t) | Piece::Raw(t) => {
                        out.push_str(&t.replace('{', "{{").replace('}', "}}"))
                    }
                    Piece::Constant(i) => {
                        out.push('{');
                        out.push_str(name(*i));
                        out.push('}');
                    }
                }
            }
            Some(if language == Language::Python {
                format!("f{quote}{out}{quote}")
            } else {
                format!("format!(\"{out}\").as_str()")
            })
        }
        Language::JavaScript => {
            for piece in &pieces {
                match piece {
                    Piece::Text(t) if !template => {
                        out.push_str(&t.replace('`', "\\`").replace("${", "\\${"))
                    }
                    Piece::Text(t) | Piece::Raw(t) => out.push_str(t),
                    Piece::Constant(i) => {
                        out.push_str("${");
                        out.push_str(name(*i));
                        out.push('}');
                    }
                }
            }
            Some(if js_key {
                format!("[`{out}`]")
            } else {
                format!("`{out}`")
            })
        }
        Language::Shell if double_quotable => {
            out.push('"');
            for piece in &pieces {
                match piece {
                    Piece::Text(t) | Piece::Raw(t) => out.push_str(t),
                    Piece::Constant(i) => {
                        out.push_str("${");
                        out.push_str(name(*i));
                        out.push('}');
                    }
                }
            }
            out.push('"');
            Some(out)
        }
        Language::Shell => {
            for piece in &pieces {
                match piece {
                    Piece::Text(t) | Piece::Raw(t) => {
                        out.push(quote);
                        out.push_str(t);
                        out.push(quote);
                    }
                    Piece::Constant(i) => {
                        out.push_str("\"$");
                        out.push_str(name(*i));
                        out.push('"');
                    }
                }
            }
            Some(out)
        }
    }
}
