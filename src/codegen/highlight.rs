//! Light syntax highlighting for the code panel: strings, comments, numbers and keywords, so a
//! snippet reads like code without shipping a highlighter library.

use super::Language;
use crate::model::floor_char_boundary;

/// What a piece of a snippet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Plain,
    Keyword,
    String,
    Comment,
    Number,
}

impl Token {
    /// The CSS class the code panel gives it.
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Keyword => "tok-keyword",
            Token::String => "tok-string",
            Token::Comment => "tok-comment",
            Token::Number => "tok-number",
        }
    }
}

/// Splits `code` into consecutive pieces that together are exactly `code`.
pub fn highlight(language: Language, code: &str) -> Vec<(Token, &str)> {
    let mut pieces: Vec<(Token, &str)> = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let found = match_token(language, rest, i == 0 || !is_word(bytes[i - 1]));
        match found {
            Some((token, len)) => {
                if plain_start < i {
                    pieces.push((Token::Plain, &code[plain_start..i]));
                }
                pieces.push((token, &code[i..i + len]));
                i += len;
                plain_start = i;
            }
            None => {
                // Step over one whole character (or a whole word, so keywords are not found
                // inside identifiers).
                let step = if is_word(bytes[i]) {
                    rest.bytes().take_while(|b| is_word(*b)).count()
                } else {
                    rest.chars().next().map_or(1, char::len_utf8)
                };
                i += step;
            }
        }
    }
    if plain_start < code.len() {
        pieces.push((Token::Plain, &code[plain_start..]));
    }
    pieces
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The token starting at the beginning of `rest`, with its length in bytes.
fn match_token(language: Language, rest: &str, at_word_start: bool) -> Option<(Token, usize)> {
    let first = rest.chars().next()?;
    let comment = match language {
        Language::Python | Language::Shell => {
            rest.starts_with('#') && (language != Language::Shell || at_word_start)
        }
        Language::JavaScript | Language::Rust => rest.starts_with("//"),
    };
    if comment {
        return Some((Token::Comment, rest.find('\n').unwrap_or(rest.len())));
    }
    if let Some(len) = string_length(language, rest) {
        return Some((Token::String, len));
    }
    if at_word_start && first.is_ascii_digit() {
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
            .count();
        return Some((Token::Number, len));
    }
    if at_word_start && (first.is_ascii_alphabetic() || first == '_') {
        let len = rest.bytes().take_while(|b| is_word(*b)).count();
        if keywords(language).contains(&&rest[..len]) {
            return Some((Token::Keyword, len));
        }
    }
    None
}

/// The length of a string literal starting at `rest`, up to the end of the text when unclosed.
fn string_length(language: Language, rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    // Rust raw strings: r"…", r#"…"#, and byte strings b"…".
    if language == Language::Rust {
        let prefix = if rest.starts_with("br") {
            2
        } else if rest.starts_with('r') || rest.starts_with('b') {
            1
        } else {
            0
        };
        if prefix > 0 {
            let hashes = rest[prefix..].bytes().take_while(|b| *b == b'#').count();
            if bytes.get(prefix + hashes) == Some(&b'"')
                && (hashes > 0 || rest.as_bytes()[prefix - 1] == b'r')
            {
                let close = format!("\"{}", "#".repeat(hashes));
                let body_start = prefix + hashes + 1;
                let end = rest[body_start..]
                    .find(&close)
                    .map_or(rest.len(), |i| body_start + i + close.len());
                return Some(end);
            }
            if rest.starts_with("b\"") {
                return Some(1 + quoted_length(&rest[1..], b'"', true));
            }
        }
    }
    if language == Language::Python {
        let prefix = if rest.starts_with("f\"") || rest.starts_with("f'") {
            1
        } else {
            0
        };
        if let Some(&q) = bytes.get(prefix).filter(|q| **q == b'"' || **q == b'\'') {
            return Some(prefix + quoted_length(&rest[prefix..], q, true));
        }
        return None;
    }
    if language == Language::Shell {
        if rest.starts_with("$'") {
            return Some(1 + quoted_length(&rest[1..], b'\'', true));
        }
        if rest.starts_with('\'') {
            return Some(quoted_length(rest, b'\'', false));
        }
    }
    match bytes[0] {
        b'"' => Some(quoted_length(rest, b'"', true)),
        b'\'' if language == Language::JavaScript => Some(quoted_length(rest, b'\'', true)),
        b'`' if language == Language::JavaScript => Some(quoted_length(rest, b'`', true)),
        _ => None,
    }
}

/// Length of a literal opened by `quote` at `text[0]`, through its closing quote.
fn quoted_length(text: &str, quote: u8, backslash_escapes: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if backslash_escapes && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            return i + 1;
        }
        i += 1;
    }
    // An escape at the very end can step past it; the caller slices, so stay in bounds and on
    // a character boundary.
    floor_char_boundary(text, i)
}

fn keywords(language: Language) -> &'static [&'static str] {
    match language {
        Language::Python => &[
            "import", "from", "as", "try", "except", "with", "async", "await", "def", "return",
            "None", "True", "False", "if", "else", "for", "in",
        ],
        Language::Shell => &["curl"],
        Language::JavaScript => &[
            "const", "await", "new", "if", "throw", "return", "async", "function",
        ],
        Language::Rust => &[
            "use", "let", "fn", "pub", "async", "await", "move", "if", "return", "Ok", "Err",
            "Some", "None", "mut",
        ],
    }
}
