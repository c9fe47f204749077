//! Splits a bash command line into words the way bash would for the quoting people paste:
//! '…', "…", $'…', backslash escapes and backslash-newline continuations (also with spaces
//! between the backslash and the line break, as web pages copy them).

/// Why the text is not a complete command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellError {
    UnterminatedQuote(char),
}

impl std::fmt::Display for ShellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShellError::UnterminatedQuote(q) => {
                write!(f, "a {q} quote is never closed; paste the whole command")
            }
        }
    }
}

impl std::error::Error for ShellError {}

/// The words of the first command in `text`, and whether anything after it (a pipe, `;`, `&&`,
/// a redirection) was left out.
pub fn split_shell_words(text: &str) -> Result<(Vec<String>, bool), ShellError> {
    split_shell_words_with_variables(text).map(|c| (c.words, c.truncated))
}

/// The first command of a pasted text, as bash would read it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShellCommand {
    pub words: Vec<String>,
    /// Whether anything after the command (a pipe, `;`, `&&`, a redirection, a second command
    /// after a here-document) was left out.
    pub truncated: bool,
    /// Shell variables (`$NAME`, `${NAME}`) where bash would expand them, in order of first
    /// use; the words hold them as the playground's `{{NAME}}`.
    pub variables: Vec<String>,
    /// What the command reads on standard input, given in the text: a here-document
    /// (`<<EOF` … `EOF`, `<<-`, a quoted delimiter for no expansion) or a here-string (`<<<`).
    pub stdin: Option<String>,
}

/// [`split_shell_words`], with shell variables written as the playground's `{{NAME}}` and
/// standard input read from a here-document or here-string (see [`ShellCommand`]).
pub fn split_shell_words_with_variables(text: &str) -> Result<ShellCommand, ShellError> {
    let chars: Vec<char> = text.chars().collect();
    let mut variables: Vec<String> = Vec::new();
    let mut stdin: Option<String> = None;
    // A here-document whose body starts on the next line: its delimiter, whether its body
    // expands variables, whether leading tabs are stripped.
    let mut pending: Option<(String, bool, bool)> = None;
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => match continuation_end(&chars, i + 1) {
                Some(end) => i = end,
                None => {
                    if let Some(&next) = chars.get(i + 1) {
                        word.push(next);
                    }
                    in_word = true;
                    i += 2;
                }
            },
            '\'' => {
                let end = find(&chars, i + 1, '\'').ok_or(ShellError::UnterminatedQuote('\''))?;
                word.extend(&chars[i + 1..end]);
                in_word = true;
                i = end + 1;
            }
            '"' => {
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(ShellError::UnterminatedQuote('"')),
                        Some('"') => break,
                        Some('\\') if matches!(chars.get(i + 1), Some('"' | '\\' | '$' | '`')) => {
                            word.push(chars[i + 1]);
                            i += 2;
                        }
                        Some('\\') if chars.get(i + 1) == Some(&'\n') => i += 2,
                        Some('$') if variable_at(&chars, i).is_some() => {
                            i = expand(&chars, i, &mut word, &mut variables);
                        }
                        Some(&c) => {
                            word.push(c);
                            i += 1;
                        }
                    }
                }
                in_word = true;
                i += 1;
            }
            '$' if chars.get(i + 1) == Some(&'\'') => {
                i = ansi_c(&chars, i + 2, &mut word)?;
                in_word = true;
            }
            '$' if variable_at(&chars, i).is_some() => {
                i = expand(&chars, i, &mut word, &mut variables);
                in_word = true;
            }
            '<' if chars.get(i + 1) == Some(&'<') && stdin.is_none() && pending.is_none() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
                if chars.get(i + 2) == Some(&'<') {
                    // A here-string: one word, then a line break.
                    let (text, end) =
                        here_word(&chars, skip_blanks(&chars, i + 3), &mut variables)?;
                    stdin = Some(format!("{text}\n"));
                    i = end;
                } else {
                    let strip_tabs = chars.get(i + 2) == Some(&'-');
                    let from = skip_blanks(&chars, i + 2 + usize::from(strip_tabs));
                    let quoted = matches!(chars.get(from), Some('\'' | '"'));
                    let (delimiter, end) = here_word(&chars, from, &mut Vec::new())?;
                    pending = Some((delimiter, !quoted, strip_tabs));
                    i = end;
                }
            }
            '\n' if pending.is_some() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                }
                let (delimiter, expands, strip_tabs) = pending.take().expect("checked");
                let (body, end) = here_document(&chars, i + 1, &delimiter, strip_tabs);
                stdin = Some(if expands {
                    expand_all(&body, &mut variables)
                } else {
                    body
                });
                let truncated = chars[end.min(chars.len())..]
                    .iter()
                    .any(|c| !c.is_whitespace());
                return Ok(ShellCommand {
                    words,
                    truncated,
                    variables,
                    stdin,
                });
            }
            // Unquoted, these end the command (a pipe, a list, a redirection).
            '|' | ';' | '&' | '>' | '<' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                }
                return Ok(ShellCommand {
                    words,
                    truncated: true,
                    variables,
                    stdin,
                });
            }
            '#' if !in_word => {
                // A comment runs to the end of the line.
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
                i += 1;
            }
            c => {
                word.push(c);
                in_word = true;
                i += 1;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(ShellCommand {
        words,
        truncated: false,
        variables,
        stdin,
    })
}

fn skip_blanks(chars: &[char], mut i: usize) -> usize {
    while matches!(chars.get(i), Some(' ' | '\t')) {
        i += 1;
    }
    i
}

/// One word after `<<<` or `<<` starting at `i`: quoted ('…' as written, "…" with variables) or
/// up to the next blank or line break. Returns it and the index after it.
fn here_word(
    chars: &[char],
    i: usize,
    variables: &mut Vec<String>,
) -> Result<(String, usize), ShellError> {
    match chars.get(i) {
        Some('\'') => {
            let end = find(chars, i + 1, '\'').ok_or(ShellError::UnterminatedQuote('\''))?;
            Ok((chars[i + 1..end].iter().collect(), end + 1))
        }
        Some('"') => {
            let end = find(chars, i + 1, '"').ok_or(ShellError::UnterminatedQuote('"'))?;
            let text: String = chars[i + 1..end].iter().collect();
            Ok((expand_all(&text, variables), end + 1))
        }
        _ => {
            let mut end = i;
            while chars
                .get(end)
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '|' | ';' | '&' | '>' | '<'))
            {
                end += 1;
            }
            let text: String = chars[i..end].iter().collect();
            Ok((expand_all(&text, variables), end))
        }
    }
}

/// The body of a here-document starting at `from` (the line after the operator): its lines up
/// to the one that is `delimiter` (each with its line break), and the index after that line.
/// Without that line, the body runs to the end of the text.
fn here_document(
    chars: &[char],
    from: usize,
    delimiter: &str,
    strip_tabs: bool,
) -> (String, usize) {
    let mut body = String::new();
    let mut i = from;
    while i < chars.len() {
        let end = find(chars, i, '\n').unwrap_or(chars.len());
        let mut line: String = chars[i..end].iter().collect();
        if line.ends_with('\r') {
            line.pop();
        }
        if strip_tabs {
            line = line.trim_start_matches('\t').to_owned();
        }
        if line == delimiter {
            return (body, end + 1);
        }
        body.push_str(&line);
        body.push('\n');
        i = end + 1;
    }
    (body, chars.len())
}

/// `text` with its shell variables written as `{{NAME}}` (a here-document with an unquoted
/// delimiter, a double-quoted here-string).
fn expand_all(text: &str, variables: &mut Vec<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' && variable_at(&chars, i).is_some() {
            i = expand(&chars, i, &mut out, variables);
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The name and end of a shell variable at `i` (a `$`): `$NAME` or `${NAME}`, a name being a
/// letter or `_` and then letters, digits and `_`. Other expansions (`$1`, `$(…)`,
/// `${NAME:-…}`) are left as written.
fn variable_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let braced = chars.get(i + 1) == Some(&'{');
    let start = i + 1 + usize::from(braced);
    let first = chars.get(start)?;
    if !(first.is_ascii_alphabetic() || *first == '_') {
        return None;
    }
    let mut end = start;
    while chars
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
    {
        end += 1;
    }
    let name: String = chars[start..end].iter().collect();
    if braced {
        (chars.get(end) == Some(&'}')).then_some((name, end + 1))
    } else {
        Some((name, end))
    }
}

/// Writes the variable at `i` as `{{NAME}}` and returns the index after it.
fn expand(chars: &[char], i: usize, word: &mut String, variables: &mut Vec<String>) -> usize {
    let (name, end) = variable_at(chars, i).expect("checked by the caller");
    word.push_str(&format!("{{{{{name}}}}}"));
    if !variables.contains(&name) {
        variables.push(name);
    }
    end
}

/// Where a line continuation ends, when the backslash before `from` starts one: the index after
/// the line break (or the end of the text). Spaces or tabs between the backslash and the break are allowed: bash would
/// end the command there, but text copied from a web page often has them, and the writer meant
/// a continuation.
fn continuation_end(chars: &[char], from: usize) -> Option<usize> {
    let mut i = from;
    while matches!(chars.get(i), Some(' ' | '\t')) {
        i += 1;
    }
    match (chars.get(i), chars.get(i + 1)) {
        (Some('\n'), _) => Some(i + 1),
        (Some('\r'), Some('\n')) => Some(i + 2),
        // A paste that ends on a continuation (the last line copied with its backslash).
        (None, _) => Some(i),
        _ => None,
    }
}

fn find(chars: &[char], from: usize, target: char) -> Option<usize> {
    chars
        .get(from..)?
        .iter()
        .position(|c| *c == target)
        .map(|p| from + p)
}

/// Reads a `$'…'` body starting at `i` (after the opening quote) into `word`; returns the index
/// after the closing quote.
fn ansi_c(chars: &[char], mut i: usize, word: &mut String) -> Result<usize, ShellError> {
    // Escapes may spell bytes (\xHH, octal) that only make sense together as UTF-8.
    let mut bytes: Vec<u8> = Vec::new();
    let flush = |bytes: &mut Vec<u8>, word: &mut String| {
        if !bytes.is_empty() {
            word.push_str(&String::from_utf8_lossy(bytes));
            bytes.clear();
        }
    };
    loop {
        let c = *chars.get(i).ok_or(ShellError::UnterminatedQuote('\''))?;
        if c == '\'' {
            flush(&mut bytes, word);
            return Ok(i + 1);
        }
        if c != '\\' {
            flush(&mut bytes, word);
            word.push(c);
            i += 1;
            continue;
        }
        let escape = *chars
            .get(i + 1)
            .ok_or(ShellError::UnterminatedQuote('\''))?;
        i += 2;
        let simple = match escape {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' | 'E' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '\\' | '\'' | '"' | '?' => Some(escape),
            _ => None,
        };
        if let Some(c) = simple {
            flush(&mut bytes, word);
            word.push(c);
            continue;
        }
        match escape {
            'x' => {
                let (value, used) = digits(chars, i, 16, 2);
                if used == 0 {
                    flush(&mut bytes, word);
                    word.push_str("\\x");
                } else {
                    bytes.push(value as u8);
                }
                i += used;
            }
            'u' | 'U' => {
                let (value, used) = digits(chars, i, 16, if escape == 'u' { 4 } else { 8 });
                flush(&mut bytes, word);
                match char::from_u32(value).filter(|_| used > 0) {
                    Some(c) => word.push(c),
                    None => {
                        word.push('\\');
                        word.push(escape);
                    }
                }
                i += used;
            }
            '0'..='7' => {
                let (value, used) = digits(chars, i - 1, 8, 3);
                bytes.push((value & 0xff) as u8);
                i += used - 1;
            }
            other => {
                flush(&mut bytes, word);
                word.push('\\');
                word.push(other);
            }
        }
    }
}

/// Up to `max` digits of `radix` from `from`: their value and how many were used.
fn digits(chars: &[char], from: usize, radix: u32, max: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut used = 0;
    while used < max {
        match chars.get(from + used).and_then(|c| c.to_digit(radix)) {
            Some(d) => {
                value = value.saturating_mul(radix).saturating_add(d);
                used += 1;
            }
            None => break,
        }
    }
    (value, used)
}
