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
    split_shell_words_with_variables(text).map(|(words, rest, _)| (words, rest))
}

/// [`split_shell_words`], with shell variables (`$NAME` and `${NAME}`, unquoted or in double
/// quotes, where bash would expand them) written as the playground's `{{NAME}}`, and their
/// names, in order of first use.
pub fn split_shell_words_with_variables(
    text: &str,
) -> Result<(Vec<String>, bool, Vec<String>), ShellError> {
    let chars: Vec<char> = text.chars().collect();
    let mut variables: Vec<String> = Vec::new();
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
            // Unquoted, these end the command (a pipe, a list, a redirection).
            '|' | ';' | '&' | '>' | '<' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                }
                return Ok((words, true, variables));
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
    Ok((words, false, variables))
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
/// the line break. Spaces or tabs between the backslash and the break are allowed: bash would
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
