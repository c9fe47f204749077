//! The pretty-printed lines of a JSON body, without building the pretty text: each line is a
//! range of the body's bytes plus its depth, so a 100 MB body costs 16 bytes a line and any
//! line can be drawn on demand (the viewer draws only what is on screen).
//!
//! Lines are the ones [`crate::model::pretty_json`] prints: `"key": value,`, `"key": {`, `},`, `[]`.
//! Indexing is incremental ([`JsonLines::index_more`]) so a large body shows its first screen
//! before the rest is indexed, and stops at the first byte that is not JSON.

use crate::model::json_scan::{scan_number, scan_string, skip_space};

/// One pretty-printed line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the body this line draws (key, value or bracket, and its comma).
    pub start: u32,
    pub end: u32,
    /// For a line that opens a non-empty object or array: the index of its closing line, or
    /// [`UNCLOSED`] while (or, in a truncated body, forever) it has none. Read it through
    /// [`Line::closing_line`].
    pub close: u32,
    pub depth: u16,
    pub kind: LineKind,
}

/// [`Line::close`] of a line that closes nothing, or opens a container whose end is not (yet)
/// in the body.
pub const UNCLOSED: u32 = u32::MAX;

impl Line {
    /// The index of the line that closes this one's container, if there is one. `None` for a
    /// container a truncated body never closes: it runs to the end of what was indexed.
    pub fn closing_line(&self) -> Option<usize> {
        (self.kind == LineKind::Open && self.close != UNCLOSED).then_some(self.close as usize)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A string, number, literal or empty container, with its key if it has one.
    Scalar,
    /// `{` or `[` (with its key) of a non-empty container.
    Open,
    /// `}` or `]`.
    Close,
}

/// A token of a drawn line, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonToken {
    Key,
    String,
    Number,
    Literal,
    Punct,
    Space,
    /// "… 123 more characters" after a cut string.
    Elided,
}

/// Where indexing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// More of the body remains; call [`JsonLines::index_more`] again.
    Partial,
    /// The whole body is indexed.
    Done,
    /// The body is not JSON from this byte on; lines before it are kept.
    Invalid { at: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (at the top, after `:` or in an array); `key` is where its line starts.
    Value { key: Option<u32> },
    /// A key or `}` right after `{`.
    FirstKey,
    /// A key after `,` in an object.
    Key,
    /// A value or `]` right after `[`.
    FirstItem,
    /// `,` or the container's end after a member.
    AfterMember,
    /// Only whitespace after the top-level value.
    End,
}

/// The line index of one body; the body itself is kept by the caller and passed in.
#[derive(Debug, Clone)]
pub struct JsonLines {
    lines: Vec<Line>,
    /// Open containers: the index of their opening line, and whether it is an array.
    stack: Vec<(u32, bool)>,
    pos: usize,
    expect: Expect,
    state: IndexState,
}

/// A string longer than this is drawn cut, with the number of characters left out.
pub const MAX_DRAWN_CHARS: usize = 2000;

impl Default for JsonLines {
    fn default() -> Self {
        JsonLines {
            lines: Vec::new(),
            stack: Vec::new(),
            pos: 0,
            expect: Expect::Value { key: None },
            state: IndexState::Partial,
        }
    }
}

impl JsonLines {
    /// An empty index with room for the lines a body of `len` bytes likely has (one per 24
    /// bytes), so indexing a large body does not copy its index again and again as it grows.
    pub fn for_body_of(len: usize) -> Self {
        JsonLines {
            lines: Vec::with_capacity(len / 24),
            ..JsonLines::default()
        }
    }

    /// Indexes the whole body at once.
    pub fn index_all(body: &[u8]) -> Self {
        let mut lines = JsonLines::default();
        while lines.index_more(body, usize::MAX) == IndexState::Partial {}
        lines
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn state(&self) -> IndexState {
        self.state
    }

    /// Bytes of the body indexed so far.
    pub fn indexed_bytes(&self) -> usize {
        self.pos
    }

    /// Indexes at least `budget` more bytes (whole tokens), or to the end.
    pub fn index_more(&mut self, body: &[u8], budget: usize) -> IndexState {
        if self.state != IndexState::Partial {
            return self.state;
        }
        if body.len() > u32::MAX as usize {
            self.state = IndexState::Invalid {
                at: u32::MAX as usize,
            };
            return self.state;
        }
        let stop = self.pos.saturating_add(budget);
        while self.pos < stop {
            self.pos = skip_space(body, self.pos);
            if self.pos >= body.len() {
                self.state = if self.expect == Expect::End {
                    IndexState::Done
                } else {
                    IndexState::Invalid { at: body.len() }
                };
                return self.state;
            }
            if let Err(at) = self.step(body) {
                self.state = IndexState::Invalid { at };
                return self.state;
            }
        }
        self.state
    }

    /// One token at `self.pos` (not whitespace).
    fn step(&mut self, body: &[u8]) -> Result<(), usize> {
        let at = self.pos;
        let c = body[at];
        match self.expect {
            Expect::End => Err(at),
            Expect::FirstKey | Expect::Key => {
                if c == b'}' && self.expect == Expect::FirstKey {
                    // `{}` is drawn on one line; FirstKey never sees this (checked at `{`).
                    return Err(at);
                }
                if c != b'"' {
                    return Err(at);
                }
                let after_key = scan_string(body, at).ok_or(at)?;
                let colon = skip_space(body, after_key);
                if body.get(colon) != Some(&b':') {
                    return Err(colon);
                }
                self.pos = colon + 1;
                self.expect = Expect::Value {
                    key: Some(at as u32),
                };
                Ok(())
            }
            Expect::AfterMember => match c {
                b',' => {
                    self.pos = at + 1;
                    self.expect = match self.stack.last() {
                        Some((_, true)) => Expect::Value { key: None },
                        Some((_, false)) => Expect::Key,
                        None => return Err(at),
                    };
                    Ok(())
                }
                b'}' | b']' => self.close(body, at),
                _ => Err(at),
            },
            Expect::FirstItem if c == b']' => Err(at),
            Expect::Value { key } => self.value(body, at, key),
            Expect::FirstItem => self.value(body, at, None),
        }
    }

    /// A value starting at `at`; its line starts at `key` when it has one.
    fn value(&mut self, body: &[u8], at: usize, key: Option<u32>) -> Result<(), usize> {
        let start = key.unwrap_or(at as u32);
        let depth = self.stack.len() as u16;
        let end = match body[at] {
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                let next = skip_space(body, at + 1);
                if body.get(next) == Some(&close) {
                    next + 1
                } else {
                    if self.stack.len() >= u16::MAX as usize {
                        return Err(at);
                    }
                    self.stack.push((self.lines.len() as u32, open == b'['));
                    self.lines.push(Line {
                        start,
                        end: (at + 1) as u32,
                        close: UNCLOSED,
                        depth,
                        kind: LineKind::Open,
                    });
                    self.pos = at + 1;
                    self.expect = if open == b'{' {
                        Expect::FirstKey
                    } else {
                        Expect::FirstItem
                    };
                    return Ok(());
                }
            }
            b'"' => scan_string(body, at).ok_or(at)?,
            b't' => literal(body, at, b"true")?,
            b'f' => literal(body, at, b"false")?,
            b'n' => literal(body, at, b"null")?,
            b'-' | b'0'..=b'9' => scan_number(body, at).ok_or(at)?,
            _ => return Err(at),
        };
        self.member_line(body, start, end, depth, LineKind::Scalar);
        Ok(())
    }

    /// `}` or `]` at `at`, closing the innermost container.
    fn close(&mut self, body: &[u8], at: usize) -> Result<(), usize> {
        let Some((open_line, is_array)) = self.stack.pop() else {
            return Err(at);
        };
        if (body[at] == b']') != is_array {
            return Err(at);
        }
        let index = self.lines.len() as u32;
        self.lines[open_line as usize].close = index;
        self.member_line(
            body,
            at as u32,
            at + 1,
            self.stack.len() as u16,
            LineKind::Close,
        );
        Ok(())
    }

    /// Pushes a line ending at `end`, taking the comma after it onto the line when there is one.
    fn member_line(&mut self, body: &[u8], start: u32, end: usize, depth: u16, kind: LineKind) {
        let next = skip_space(body, end);
        let (end, pos) = if body.get(next) == Some(&b',') && !self.stack.is_empty() {
            (next + 1, next)
        } else {
            (end, end)
        };
        self.lines.push(Line {
            start,
            end: end as u32,
            close: UNCLOSED,
            depth,
            kind,
        });
        self.pos = pos;
        self.expect = if self.stack.is_empty() {
            Expect::End
        } else {
            Expect::AfterMember
        };
    }

    /// Line `index` as text, two spaces per level, strings longer than [`MAX_DRAWN_CHARS`] cut.
    pub fn line_text(&self, body: &[u8], index: usize) -> String {
        self.line_tokens(body, index)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    /// Line `index` as highlighted tokens; `collapsed` draws an opening line as `{…}`.
    pub fn line_tokens(&self, body: &[u8], index: usize) -> Vec<(JsonToken, String)> {
        self.tokens(body, index, false)
    }

    /// An opening line drawn collapsed: `"key": {…},` (the comma its closing line has).
    pub fn collapsed_tokens(&self, body: &[u8], index: usize) -> Vec<(JsonToken, String)> {
        self.tokens(body, index, true)
    }

    fn tokens(&self, body: &[u8], index: usize, collapsed: bool) -> Vec<(JsonToken, String)> {
        let Some(line) = self.lines.get(index) else {
            return Vec::new();
        };
        let mut out = vec![(JsonToken::Space, "  ".repeat(line.depth as usize))];
        let slice = &body[line.start as usize..(line.end as usize).min(body.len())];
        let mut i = 0;
        let mut expect_key = line.kind != LineKind::Close && has_key(slice);
        while i < slice.len() {
            let c = slice[i];
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => i += 1,
                b'"' => {
                    let end = scan_string(slice, i).unwrap_or(slice.len());
                    let kind = if expect_key {
                        JsonToken::Key
                    } else {
                        JsonToken::String
                    };
                    push_cut(&mut out, kind, &slice[i..end]);
                    i = end;
                }
                b':' => {
                    expect_key = false;
                    out.push((JsonToken::Punct, ": ".to_owned()));
                    i += 1;
                }
                b'{' | b'[' => {
                    let close = if c == b'{' { '}' } else { ']' };
                    let next = skip_space(slice, i + 1);
                    if slice.get(next).is_some_and(|&b| b as char == close) {
                        out.push((JsonToken::Punct, format!("{}{close}", c as char)));
                        i = next + 1;
                    } else if collapsed {
                        // A container the body never closes (it was cut off) shows no close.
                        let shown = if line.closing_line().is_some() {
                            format!("{}…{close}", c as char)
                        } else {
                            format!("{}…", c as char)
                        };
                        out.push((JsonToken::Punct, shown));
                        if self.closing_has_comma(body, line) {
                            out.push((JsonToken::Punct, ",".to_owned()));
                        }
                        i = slice.len();
                    } else {
                        out.push((JsonToken::Punct, (c as char).to_string()));
                        i += 1;
                    }
                }
                b'}' | b']' | b',' => {
                    out.push((JsonToken::Punct, (c as char).to_string()));
                    i += 1;
                }
                _ => {
                    let end = scan_number(slice, i)
                        .or_else(|| scan_word(slice, i))
                        .unwrap_or(slice.len());
                    let kind = if c == b'-' || c.is_ascii_digit() {
                        JsonToken::Number
                    } else {
                        JsonToken::Literal
                    };
                    out.push((kind, String::from_utf8_lossy(&slice[i..end]).into_owned()));
                    i = end.max(i + 1);
                }
            }
        }
        out
    }

    fn closing_has_comma(&self, body: &[u8], open: &Line) -> bool {
        open.closing_line()
            .and_then(|close| self.lines.get(close))
            .is_some_and(|close| body.get(close.end as usize - 1) == Some(&b','))
    }

    /// The value on line `index` as the body spells it: a scalar, or a whole object or array
    /// (from its opening to its closing line). `None` for a closing line.
    pub fn value_text(&self, body: &[u8], index: usize) -> Option<String> {
        let line = self.lines.get(index)?;
        let value_start = match line.kind {
            LineKind::Close => return None,
            _ => {
                let slice = &body[line.start as usize..line.end as usize];
                line.start as usize + value_offset(slice)
            }
        };
        let mut end = match line.kind {
            LineKind::Open => self.lines.get(line.closing_line()?)?.end as usize,
            _ => line.end as usize,
        };
        if body.get(end.wrapping_sub(1)) == Some(&b',') {
            end -= 1;
        }
        let text = String::from_utf8_lossy(body.get(value_start..end)?);
        Some(text.trim_end().to_owned())
    }

    /// The path of the value on line `index` in JavaScript notation: `users[0].name`,
    /// `["a b"]`; `""` for the top-level value. A closing line gives its container's path.
    pub fn path(&self, body: &[u8], index: usize) -> String {
        // The open containers: whether each is an array, how many members it has shown so far,
        // and its own segment of the path.
        let mut stack: Vec<(bool, usize, String)> = Vec::new();
        let joined = |stack: &[(bool, usize, String)], last: &str| {
            let mut out: String = stack.iter().map(|(_, _, s)| s.as_str()).collect();
            out.push_str(last);
            match out.strip_prefix('.') {
                Some(rest) => rest.to_owned(),
                None => out,
            }
        };
        for (i, line) in self.lines.iter().enumerate().take(index + 1) {
            if line.kind == LineKind::Close {
                if i == index {
                    return joined(&stack, "");
                }
                stack.pop();
                continue;
            }
            let slice = &body[line.start as usize..line.end as usize];
            let segment = match stack.last_mut() {
                Some((is_array, count, _)) => {
                    let segment = if *is_array {
                        format!("[{count}]")
                    } else {
                        key_segment(slice)
                    };
                    *count += 1;
                    segment
                }
                None => String::new(),
            };
            if i == index {
                return joined(&stack, &segment);
            }
            if line.kind == LineKind::Open {
                stack.push((slice.last() == Some(&b'['), 0, segment));
            }
        }
        String::new()
    }
}

/// The rows shown when the containers opened on the lines `collapsed` (ascending) are
/// collapsed: the index of each visible line.
pub fn visible_lines(lines: &JsonLines, collapsed: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0usize;
    let mut next = collapsed.iter().copied().peekable();
    while i < lines.len() {
        out.push(i as u32);
        while next.peek().is_some_and(|&c| (c as usize) < i) {
            next.next();
        }
        let line = lines.lines[i];
        if next.peek() == Some(&(i as u32)) && line.kind == LineKind::Open {
            // An unclosed container (a truncated body) hides everything after it. Comparing
            // with `i` keeps the walk moving forward whatever the index holds.
            i = match line.closing_line() {
                Some(close) if close > i => close + 1,
                Some(_) => i + 1,
                None => lines.len(),
            };
        } else {
            i += 1;
        }
    }
    out
}

/// The opening lines of every container at `depth` (collapsing them shows `depth` levels).
pub fn openers_at_depth(lines: &JsonLines, depth: u16) -> Vec<u32> {
    lines
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == LineKind::Open && l.depth == depth)
        .map(|(i, _)| i as u32)
        .collect()
}

/// The opening lines whose containers hold line `index`, outermost first.
pub fn ancestors(lines: &JsonLines, index: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let Some(mut depth) = lines.lines.get(index).map(|l| l.depth) else {
        return out;
    };
    for i in (0..index).rev() {
        if depth == 0 {
            break;
        }
        let line = lines.lines[i];
        let holds_index = line.closing_line().is_none_or(|close| close > index);
        if line.kind == LineKind::Open && line.depth < depth && holds_index {
            out.push(i as u32);
            depth = line.depth;
        }
    }
    out.reverse();
    out
}

/// Byte offsets where `needle` occurs in `body`, ASCII case-insensitively, at most `limit`.
pub fn find_all(body: &[u8], needle: &str, limit: usize) -> Vec<usize> {
    let needle = needle.as_bytes();
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > body.len() {
        return out;
    }
    let first = needle[0].to_ascii_lowercase();
    let mut i = 0;
    while i + needle.len() <= body.len() && out.len() < limit {
        if body[i].to_ascii_lowercase() == first
            && body[i..i + needle.len()].eq_ignore_ascii_case(needle)
        {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// The line holding byte `offset` (the last line starting at or before it).
pub fn line_at(lines: &JsonLines, offset: usize) -> usize {
    lines
        .lines
        .partition_point(|l| l.start as usize <= offset)
        .saturating_sub(1)
}

fn scan_word(body: &[u8], at: usize) -> Option<usize> {
    let len = body[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (len > 0).then_some(at + len)
}

fn literal(body: &[u8], at: usize, word: &[u8]) -> Result<usize, usize> {
    if body[at..].starts_with(word) {
        Ok(at + word.len())
    } else {
        Err(at)
    }
}

/// Whether a line's slice starts with a key (`"k": …`).
fn has_key(slice: &[u8]) -> bool {
    slice.first() == Some(&b'"')
        && scan_string(slice, 0).is_some_and(|end| slice.get(skip_space(slice, end)) == Some(&b':'))
}

/// Where the value starts in a line's slice (after `"key":`, or 0).
fn value_offset(slice: &[u8]) -> usize {
    if has_key(slice) {
        let end = scan_string(slice, 0).unwrap_or(0);
        skip_space(slice, skip_space(slice, end) + 1)
    } else {
        0
    }
}

/// `.name` for a plain key, `["a b"]` otherwise, from a keyed line's slice.
fn key_segment(slice: &[u8]) -> String {
    let end = scan_string(slice, 0).unwrap_or(slice.len());
    let quoted = String::from_utf8_lossy(&slice[..end]);
    let inner = &quoted[1..quoted.len().saturating_sub(1).max(1)];
    let plain = !inner.is_empty()
        && !inner.starts_with(|c: char| c.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        format!(".{inner}")
    } else {
        format!("[{quoted}]")
    }
}

/// A string token, cut after [`MAX_DRAWN_CHARS`] characters.
fn push_cut(out: &mut Vec<(JsonToken, String)>, kind: JsonToken, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(MAX_DRAWN_CHARS) {
        None => out.push((kind, text.into_owned())),
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            out.push((kind, text[..cut].to_owned()));
            out.push((JsonToken::Elided, format!("… {rest} more characters")));
        }
    }
}
