//! Streamed bodies read as they arrive: Server-Sent Events (the WHATWG event stream format:
//! `data` lines joined, `event`, `id`, `retry`, comments) and JSON Lines / NDJSON (a row a
//! line), into a log of timed items that keeps at most a given number and counts the rest.

use std::collections::VecDeque;

use super::payload::media_type;
use crate::model::floor_char_boundary;

/// A body the viewer reads as it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamKind {
    /// `text/event-stream`.
    Events,
    /// `application/x-ndjson`, `application/jsonl` and the other JSON Lines names.
    JsonLines,
    /// Plain text sent without a length (chunked: a log, a progress report), a row a line as
    /// it is appended.
    Text,
}

impl StreamKind {
    /// What the list of its items is called: `Events`, `Rows`.
    pub fn list_name(self) -> &'static str {
        match self {
            StreamKind::Events => "Events",
            StreamKind::JsonLines => "Rows",
            StreamKind::Text => "Lines",
        }
    }

    /// Whether it is a stream by its type (events, JSON Lines): it may rightly outlast the
    /// request's timeout, keeps what arrived when cut off, and its list is the response's first
    /// tab. Text without a length is listed as it arrives, but is a body like any other.
    pub fn by_type(self) -> bool {
        !matches!(self, StreamKind::Text)
    }

    /// One of the items it counts: `event`, `row`.
    pub fn item_name(self) -> &'static str {
        match self {
            StreamKind::Events => "event",
            StreamKind::JsonLines => "row",
            StreamKind::Text => "line",
        }
    }
}

/// The stream a Content-Type announces, if any.
pub fn stream_kind(content_type: &str) -> Option<StreamKind> {
    match media_type(content_type).as_str() {
        "text/event-stream" => Some(StreamKind::Events),
        "application/x-ndjson"
        | "application/ndjson"
        | "application/jsonl"
        | "application/x-jsonl"
        | "application/json-lines"
        | "application/jsonlines"
        | "application/x-jsonlines"
        | "application/json-seq" => Some(StreamKind::JsonLines),
        _ => None,
    }
}

/// The stream the page reads as it arrives, if any: the kinds [`stream_kind`] names, and plain
/// text that comes without a `Content-Length` (chunked, so it may be appended to for long).
pub fn live_stream_kind(content_type: &str, content_length: Option<usize>) -> Option<StreamKind> {
    stream_kind(content_type).or_else(|| {
        (content_length.is_none() && media_type(content_type) == "text/plain")
            .then_some(StreamKind::Text)
    })
}

/// One event as an EventSource would dispatch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerEvent {
    /// The `event` field, `message` when the event names none.
    pub event: String,
    /// The `data` lines, joined with `\n`.
    pub data: String,
    /// The last event ID when it was dispatched (it carries over from earlier events).
    pub id: String,
}

/// What a stream delivered, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamItem {
    Event(ServerEvent),
    /// A comment line (`: …`), without its colon and the one space after it.
    Comment(String),
    /// A `retry` field: the reconnection time the server asks for, in milliseconds.
    Retry(u64),
    /// A line of JSON Lines (blank lines are skipped) or of text (kept).
    Line(String),
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Most bytes of one line, or of one event's data, the reader holds (the rest is dropped; the
/// Body tab has the whole body).
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// Most bytes of an event's name or ID the reader keeps.
pub const MAX_NAME_BYTES: usize = 256;

/// `text`, at most `max` bytes of it (on a character boundary).
fn cut(text: &str, max: usize) -> String {
    text[..floor_char_boundary(text, max)].to_owned()
}

/// Reads a stream chunk by chunk, however the chunks cut its lines (a CR LF split across two
/// chunks is one line end).
#[derive(Debug, Clone)]
pub struct StreamReader {
    kind: StreamKind,
    /// The bytes of the line not yet ended.
    line: Vec<u8>,
    /// The last byte read was a CR: an LF right after it ends nothing more.
    after_cr: bool,
    /// Still at the start of the stream (an SSE stream's byte order mark is dropped there).
    at_start: bool,
    data: String,
    has_data: bool,
    event: String,
    last_id: String,
}

impl StreamReader {
    pub fn new(kind: StreamKind) -> StreamReader {
        StreamReader {
            kind,
            line: Vec::new(),
            after_cr: false,
            at_start: true,
            data: String::new(),
            has_data: false,
            event: String::new(),
            last_id: String::new(),
        }
    }

    pub fn kind(&self) -> StreamKind {
        self.kind
    }

    /// Reads `bytes`, giving each item they complete to `emit`.
    pub fn feed(&mut self, bytes: &[u8], emit: &mut impl FnMut(StreamItem)) {
        if !self.at_start {
            return self.lines(bytes, emit);
        }
        // A byte order mark at the very start is dropped; it may itself be cut across chunks.
        let mut start = std::mem::take(&mut self.line);
        start.extend_from_slice(bytes);
        if start.len() < BOM.len() && BOM.starts_with(&start) {
            self.line = start;
            return;
        }
        self.at_start = false;
        let rest = start.strip_prefix(BOM).unwrap_or(&start);
        self.lines(rest, emit);
    }

    fn lines(&mut self, bytes: &[u8], emit: &mut impl FnMut(StreamItem)) {
        let mut bytes = bytes;
        while !bytes.is_empty() {
            if self.after_cr && bytes[0] == b'\n' {
                bytes = &bytes[1..];
            }
            self.after_cr = false;
            match memchr::memchr2(b'\n', b'\r', bytes) {
                Some(end) => {
                    self.keep_of_line(&bytes[..end]);
                    self.after_cr = bytes[end] == b'\r';
                    bytes = &bytes[end + 1..];
                    let line = std::mem::take(&mut self.line);
                    self.line_ended(&String::from_utf8_lossy(&line), emit);
                }
                None => {
                    self.keep_of_line(bytes);
                    bytes = &[];
                }
            }
        }
    }

    /// Adds `bytes` to the line not yet ended, up to [`MAX_LINE_BYTES`]: a longer line is read
    /// cut (a stream that never ends its line cannot take the tab's memory twice over).
    fn keep_of_line(&mut self, bytes: &[u8]) {
        let room = MAX_LINE_BYTES.saturating_sub(self.line.len());
        self.line.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// The stream ended: the last line of JSON Lines or text without a line end is a row; an SSE event not
    /// ended by a blank line is dropped, as EventSource drops it.
    pub fn finish(&mut self, emit: &mut impl FnMut(StreamItem)) {
        let line = std::mem::take(&mut self.line);
        if self.kind != StreamKind::Events && !line.is_empty() {
            self.line_ended(&String::from_utf8_lossy(&line), emit);
        }
        self.data.clear();
        self.has_data = false;
        self.event.clear();
    }

    fn line_ended(&mut self, line: &str, emit: &mut impl FnMut(StreamItem)) {
        match self.kind {
            StreamKind::JsonLines => {
                if !line.trim().is_empty() {
                    // RFC 7464's record separator, for application/json-seq.
                    emit(StreamItem::Line(
                        line.trim_start_matches('\u{1e}').to_owned(),
                    ));
                }
            }
            StreamKind::Text => emit(StreamItem::Line(line.to_owned())),
            StreamKind::Events => self.event_line(line, emit),
        }
    }

    fn event_line(&mut self, line: &str, emit: &mut impl FnMut(StreamItem)) {
        if line.is_empty() {
            if self.has_data {
                let mut data = std::mem::take(&mut self.data);
                data.pop();
                let event = match std::mem::take(&mut self.event) {
                    e if e.is_empty() => "message".to_owned(),
                    e => e,
                };
                emit(StreamItem::Event(ServerEvent {
                    event,
                    data,
                    id: self.last_id.clone(),
                }));
            }
            self.data.clear();
            self.has_data = false;
            self.event.clear();
            return;
        }
        if let Some(comment) = line.strip_prefix(':') {
            emit(StreamItem::Comment(
                comment.strip_prefix(' ').unwrap_or(comment).to_owned(),
            ));
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = cut(value, MAX_NAME_BYTES),
            "data" => {
                // An event's data is bounded as a line is (data lines without an end).
                if self.data.len() < MAX_LINE_BYTES {
                    let room = MAX_LINE_BYTES - self.data.len();
                    self.data.push_str(&cut(value, room - 1));
                    self.data.push('\n');
                }
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.last_id = cut(value, MAX_NAME_BYTES),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(ms) = value.parse() {
                    emit(StreamItem::Retry(ms));
                }
            }
            _ => {}
        }
    }
}

/// An item and when it arrived, in milliseconds from the request.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    /// Its number in the stream, from 1 (items dropped from the log keep theirs counted).
    pub seq: u64,
    pub at_ms: f64,
    pub item: StreamItem,
}

/// The items of a stream, the newest kept: at most `cap` of them and [`MAX_LOG_BYTES`] of
/// their text; older ones are dropped and counted. An item's text over [`MAX_ITEM_BYTES`] is
/// cut (the Body tab has the whole body).
#[derive(Debug, Clone, PartialEq)]
pub struct StreamLog {
    items: VecDeque<Timed>,
    cap: usize,
    total: u64,
    events: usize,
    bytes: usize,
}

/// How many items a log keeps unless told otherwise.
pub const DEFAULT_LOG_CAP: usize = 10_000;
/// Most bytes of text a log keeps in all.
pub const MAX_LOG_BYTES: usize = 16 << 20;
/// Most bytes of an item's text (an event's data, a line) a log keeps.
pub const MAX_ITEM_BYTES: usize = 64 << 10;

fn text_mut(item: &mut StreamItem) -> Option<&mut String> {
    match item {
        StreamItem::Event(e) => Some(&mut e.data),
        StreamItem::Comment(t) | StreamItem::Line(t) => Some(t),
        StreamItem::Retry(_) => None,
    }
}

fn text_len(item: &StreamItem) -> usize {
    match item {
        StreamItem::Event(e) => e.data.len() + e.event.len() + e.id.len(),
        StreamItem::Comment(t) | StreamItem::Line(t) => t.len(),
        StreamItem::Retry(_) => 0,
    }
}

impl StreamLog {
    pub fn new(cap: usize) -> StreamLog {
        StreamLog {
            items: VecDeque::new(),
            cap: cap.max(1),
            total: 0,
            events: 0,
            bytes: 0,
        }
    }

    pub fn push(&mut self, at_ms: f64, item: StreamItem) {
        let mut item = item;
        if let Some(text) = text_mut(&mut item).filter(|t| t.len() > MAX_ITEM_BYTES) {
            let full = text.len();
            text.truncate(floor_char_boundary(text, MAX_ITEM_BYTES));
            text.push_str(&format!(
                "… (cut here: {full} bytes in all, in the Body tab)"
            ));
        }
        self.total += 1;
        self.bytes += text_len(&item);
        self.events += usize::from(matches!(item, StreamItem::Event(_)));
        self.items.push_back(Timed {
            seq: self.total,
            at_ms,
            item,
        });
        while self.items.len() > self.cap || (self.bytes > MAX_LOG_BYTES && self.items.len() > 1) {
            if let Some(old) = self.items.pop_front() {
                self.bytes -= text_len(&old.item);
                self.events -= usize::from(matches!(old.item, StreamItem::Event(_)));
            }
        }
    }

    /// The items kept, oldest first.
    pub fn items(&self) -> &VecDeque<Timed> {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every item the stream delivered, kept or not.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Items dropped to keep the log within its bounds.
    pub fn dropped(&self) -> u64 {
        self.total - self.items.len() as u64
    }

    /// Events (not comments, retries or lines) among the items kept.
    pub fn events_kept(&self) -> usize {
        self.events
    }
}

/// A whole body read at once, as [`StreamReader`] reads it in chunks (for a body whose log was
/// not kept, and for tests).
pub fn read_whole(kind: StreamKind, body: &[u8]) -> Vec<StreamItem> {
    let mut items = Vec::new();
    let mut reader = StreamReader::new(kind);
    reader.feed(body, &mut |i| items.push(i));
    reader.finish(&mut |i| items.push(i));
    items
}

/// A stream as it is read: its reader, and the log of what it delivered with times.
#[derive(Debug, Clone)]
pub struct LiveStream {
    reader: StreamReader,
    log: StreamLog,
    ended: bool,
}

impl LiveStream {
    pub fn new(kind: StreamKind, cap: usize) -> LiveStream {
        LiveStream {
            reader: StreamReader::new(kind),
            log: StreamLog::new(cap),
            ended: false,
        }
    }

    pub fn kind(&self) -> StreamKind {
        self.reader.kind()
    }

    /// Reads `chunk`, arrived `at_ms` after the request went out.
    pub fn feed(&mut self, chunk: &[u8], at_ms: f64) {
        let log = &mut self.log;
        self.reader.feed(chunk, &mut |item| log.push(at_ms, item));
    }

    /// The body ended (or was stopped) `at_ms` after the request went out.
    pub fn finish(&mut self, at_ms: f64) {
        let log = &mut self.log;
        self.reader.finish(&mut |item| log.push(at_ms, item));
        self.ended = true;
    }

    pub fn ended(&self) -> bool {
        self.ended
    }

    /// The items the list counts among those kept: an event stream's events (not its comments
    /// and retries), JSON Lines' rows, text's lines.
    pub fn counted(&self) -> usize {
        match self.kind() {
            StreamKind::Events => self.log.events_kept(),
            StreamKind::JsonLines | StreamKind::Text => self.log.len(),
        }
    }

    pub fn log(&self) -> &StreamLog {
        &self.log
    }
}

/// An item's data on one row: line breaks shown as `⏎`, at most `max` characters (then `…`).
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4) + 4);
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str(" ⏎ "),
            '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
