//! Variables as named constants: the code is generated from the resolved request, as always,
//! then the places where a variable was used refer to a constant declared at the top instead
//! (`url = f"{BASE_URL}/get"`). Because only literal text equal to the value is rewritten, the
//! program sends exactly the same request either way.
//!
//! Which occurrences of a value are the variable's uses is measured, not guessed: the code is
//! generated again with one character of that variable's value changed ([`constant_uses`]), and
//! an occurrence is a use exactly when it changed. The `10` of "timed out after 10 seconds"
//! stays a literal even when `{{page}}` is `10`. Where no change leaves the program's layout as
//! it was, the variable's value stays inline: never named where it was not used.

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
    constants_with_sources(request, environment)
        .into_iter()
        .map(|(_, c)| c)
        .collect()
}

/// [`constants_for`], each with the index in `environment` of the variable it names.
fn constants_with_sources(request: &Request, environment: &[Variable]) -> Vec<(usize, Constant)> {
    let mut constants: Vec<(usize, Constant)> = Vec::new();
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
            && !constants.iter().any(|(_, c)| c.name == constant.name)
        {
            constants.push((i, constant));
        }
    }
    constants
}

/// `code`, generated from `request` resolved in `environment`, with the variables it used as
/// named constants. `generate` makes the code of a resolved request, the way `code` was made.
pub fn with_constants(
    language: Language,
    code: &str,
    request: &Request,
    environment: &[Variable],
    generate: impl Fn(&Request) -> String,
) -> String {
    let sourced = constants_with_sources(request, environment);
    let mut uses = Vec::new();
    for (index, (variable, _)) in sourced.iter().enumerate() {
        for at in constant_uses(code, request, environment, *variable, &generate) {
            uses.push((index, at));
        }
    }
    let constants: Vec<Constant> = sourced.into_iter().map(|(_, c)| c).collect();
    rewrite(language, code, &constants, Some(&uses))
}

/// Where in `code` the value of `environment[variable]` stands because the request used that
/// variable: the byte offsets of those occurrences. Measured by generating the code again with
/// one letter or digit of the value changed (the last first, then earlier ones): when the new
/// code differs from `code` exactly at one place inside occurrences of the value, those
/// occurrences are the uses. None when no such change is found.
fn constant_uses(
    code: &str,
    request: &Request,
    environment: &[Variable],
    variable: usize,
    generate: &impl Fn(&Request) -> String,
) -> Vec<usize> {
    const TRIES: usize = 4;
    let value = environment[variable].value.as_bytes();
    let positions = (0..value.len())
        .rev()
        .filter(|&k| value[k].is_ascii_alphanumeric());
    for k in positions.take(TRIES) {
        let mut changed = value.to_vec();
        changed[k] = match value[k] {
            b'9' | b'z' | b'Z' => value[k] - 1,
            c => c + 1,
        };
        let mut other = environment.to_vec();
        other[variable].value = String::from_utf8(changed.clone()).unwrap_or_default();
        let Ok(resolved) = resolve_variables(request, &other) else {
            continue;
        };
        let again = generate(&resolved);
        let (old, new) = (code.as_bytes(), again.as_bytes());
        if old.len() != new.len() {
            continue;
        }
        let uses: Vec<usize> = (0..=old.len().saturating_sub(value.len()))
            .filter(|&p| old[p..].starts_with(value) && new[p..].starts_with(&changed))
            .collect();
        let explained = (0..old.len())
            .filter(|&i| old[i] != new[i])
            .eq(uses.iter().map(|p| p + k));
        if explained {
            return uses;
        }
    }
    Vec::new()
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
/// reference, and the constants that are referenced declared after the imports. Every
/// occurrence counts: for code generated from variables, [`with_constants`] names only their
/// uses.
pub fn apply_constants(language: Language, code: &str, constants: &[Constant]) -> String {
    rewrite(language, code, constants, None)
}

/// [`apply_constants`], limited to the occurrences in `uses` (constant index, byte offset in
/// `code`) when given.
fn rewrite(
    language: Language,
    code: &str,
    constants: &[Constant],
    uses: Option<&[(usize, usize)]>,
) -> String {
    // A name the code already uses (or one the shell reserves) gets a suffix.
    let words = highlight(language, code);
    // Uses name constants by their index in `constants`; those left out below keep theirs here.
    let kept: Vec<usize> = (0..constants.len())
        .filter(|&i| is_plain(&constants[i].value))
        .collect();
    let mut uses: Option<Vec<(usize, usize)>> = uses.map(<[_]>::to_vec);
    if let Some(uses) = &mut uses {
        uses.sort_unstable();
    }
    let constants: Vec<Constant> = kept
        .iter()
        .map(|&i| &constants[i])
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
    let mut offset = 0;
    for (i, &(token, text)) in words.iter().enumerate() {
        let rewritten = if token == Token::String {
            let next = words.get(i + 1).map_or("", |(_, t)| *t);
            // Whether constant `c`'s value at byte `at` of this literal may be named.
            let allowed = |c: usize, at: usize| {
                uses.as_ref()
                    .is_none_or(|uses| uses.binary_search(&(kept[c], offset + at)).is_ok())
            };
            let context = Context { previous, next };
            rewrite_literal(
                language, text, context, &constants, &order, &mut used, &allowed,
            )
        } else {
            None
        };
        body.push_str(rewritten.as_deref().unwrap_or(text));
        previous = text;
        offset += text.len();
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

/// The text of the tokens around a literal.
#[derive(Clone, Copy)]
struct Context<'a> {
    previous: &'a str,
    next: &'a str,
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
    Context { previous, next }: Context,
    constants: &[Constant],
    order: &[usize],
    used: &mut [bool],
    allowed: &impl Fn(usize, usize) -> bool,
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
    // Byte offset of a piece of `content` within `text` (pieces are slices of it).
    let at = |piece: &str| piece.as_ptr() as usize - text.as_ptr() as usize;
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
                    // `rest[..kept]` is text already passed over: an occurrence not named.
                    let (mut rest, mut kept) = (t, 0);
                    while let Some(found) = rest[kept..].find(constant.value.as_str()) {
                        let start = kept + found;
                        if allowed(index, at(&rest[start..])) {
                            split.push(Piece::Text(&rest[..start]));
                            split.push(Piece::Constant(index));
                            rest = &rest[start + constant.value.len()..];
                            kept = 0;
                        } else {
                            kept = start + 1;
                        }
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
