//! WebSocket connections: what a `ws://` or `wss://` URL, its subprotocols and a composed
//! message must be before they are sent, what a close code means, and the log of the frames
//! sent and received, kept within a cap.

use std::collections::VecDeque;

use super::encoding::{base64url_decode, floor_char_boundary};
use super::url::parse_url;

/// Whether the URL asks for a WebSocket connection (`ws://` or `wss://`, any case).
pub fn is_socket_url(url: &str) -> bool {
    let url = url.trim_start();
    url.get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("ws://"))
        || url
            .get(..6)
            .is_some_and(|s| s.eq_ignore_ascii_case("wss://"))
}

/// Why a WebSocket URL cannot be opened, in words, or `None` when it can: a host is needed as
/// for http, and a `#fragment` is refused by the browser's WebSocket.
pub fn socket_url_problem(url: &str) -> Option<String> {
    let url = url.trim();
    if !is_socket_url(url) {
        return Some("a WebSocket URL starts with ws:// or wss://".to_owned());
    }
    if url.contains('#') {
        return Some("remove the #fragment: a WebSocket URL cannot have one".to_owned());
    }
    // The same rules as http(s) for everything after the scheme.
    let http = format!("http{}", &url[2..]);
    parse_url(&http).err().map(|e| e.to_string())
}

/// The subprotocols typed as a comma-separated list (`chat, json.v2`): each an HTTP token, none
/// twice. An empty list asks for none.
pub fn parse_protocols(text: &str) -> Result<Vec<String>, String> {
    let mut protocols: Vec<String> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(c) = item.chars().find(|&c| !is_token_char(c)) {
            return Err(format!(
                "{item:?} cannot be a subprotocol: {c:?} is not allowed (use letters, digits and !#$%&'*+-.^_`|~, separate them with commas)"
            ));
        }
        if protocols.iter().any(|p| p == item) {
            return Err(format!(
                "{item:?} is listed twice: list each subprotocol once"
            ));
        }
        protocols.push(item.to_owned());
    }
    Ok(protocols)
}

/// A character of an HTTP token (RFC 9110 §5.6.2), which a subprotocol name must be.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// How the Message box is read when it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageFormat {
    /// Sent as a text frame, as typed.
    #[default]
    Text,
    /// Sent as a text frame, once it parses as JSON.
    Json,
    /// Bytes written as hexadecimal pairs (spaces and line breaks between them are ignored),
    /// sent as a binary frame.
    Hex,
    /// Bytes written in base64 (standard or URL-safe), sent as a binary frame.
    Base64,
}

impl MessageFormat {
    pub const ALL: [MessageFormat; 4] = [
        MessageFormat::Text,
        MessageFormat::Json,
        MessageFormat::Hex,
        MessageFormat::Base64,
    ];

    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            MessageFormat::Text => "Text",
            MessageFormat::Json => "JSON",
            MessageFormat::Hex => "Binary (hex)",
            MessageFormat::Base64 => "Binary (base64)",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            MessageFormat::Text => "text",
            MessageFormat::Json => "json",
            MessageFormat::Hex => "hex",
            MessageFormat::Base64 => "base64",
        }
    }

    pub fn from_id(id: &str) -> Option<MessageFormat> {
        MessageFormat::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// A message ready to send: a text frame or a binary one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    Text(String),
    Binary(Vec<u8>),
}

impl Outgoing {
    /// Its size on the wire, without framing.
    pub fn len(&self) -> usize {
        match self {
            Outgoing::Text(text) => text.len(),
            Outgoing::Binary(bytes) => bytes.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The Message box read as `format` says, or why it cannot be sent so, in words that name the
/// fix.
pub fn outgoing(format: MessageFormat, text: &str) -> Result<Outgoing, String> {
    match format {
        MessageFormat::Text => Ok(Outgoing::Text(text.to_owned())),
        MessageFormat::Json => match super::prepare::json_problem(text) {
            None => Ok(Outgoing::Text(text.to_owned())),
            Some(problem) => Err(format!("{problem} (or choose Text to send it as it is)")),
        },
        MessageFormat::Hex => hex_bytes(text).map(Outgoing::Binary),
        MessageFormat::Base64 => {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            base64url_decode(&compact)
                .filter(|_| compact.trim_end_matches('=').len() % 4 != 1)
                .map(Outgoing::Binary)
                .ok_or_else(|| {
                    "not base64: use A-Z, a-z, 0-9, + and / (or - and _), with = only at the end"
                        .to_owned()
                })
        }
    }
}

/// Hexadecimal pairs as bytes; white space between pairs is ignored, and a `0x` before the
/// whole is allowed.
fn hex_bytes(text: &str) -> Result<Vec<u8>, String> {
    let trimmed = text.trim();
    let body = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
        .unwrap_or(trimmed);
    let digits: Vec<(usize, char)> = body
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    if let Some((_, c)) = digits.iter().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(format!(
            "{c:?} is not a hex digit: write bytes as pairs of 0-9 and a-f, such as 48 65 6c 6c 6f"
        ));
    }
    if digits.len() % 2 == 1 {
        return Err(format!(
            "{} hex digits: each byte takes two, add or remove one",
            digits.len()
        ));
    }
    Ok(digits
        .chunks(2)
        .map(|pair| {
            let high = pair[0].1.to_digit(16).unwrap_or(0);
            let low = pair[1].1.to_digit(16).unwrap_or(0);
            (high * 16 + low) as u8
        })
        .collect())
}

/// Bytes as lower-case hexadecimal pairs separated by spaces: `00 ff 10`.
pub fn hex_pairs(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// What a close code says, in words: its name and what usually causes it (RFC 6455 §7.4 and
/// the IANA registry).
pub fn close_meaning(code: u16) -> String {
    let meaning = match code {
        1000 => "Normal closure: the connection did what it was for and was closed on purpose.",
        1001 => "Going away: the server is shutting down, or the page was left.",
        1002 => "Protocol error: an endpoint received a frame it could not accept.",
        1003 => "Unsupported data: the endpoint cannot take this kind of message (text or binary).",
        1005 => "No status: the close frame carried no code.",
        1006 => "Abnormal closure: the connection ended without a close frame (the network failed, the server stopped, or the handshake was refused). Browsers give no more detail.",
        1007 => "Invalid payload: a message's data did not match its type (text that is not UTF-8).",
        1008 => "Policy violation: the server refused something the message did (a generic refusal).",
        1009 => "Message too big: a message was larger than the endpoint accepts.",
        1010 => "Missing extension: the client needed an extension the server did not agree to.",
        1011 => "Internal error: the server met an unexpected condition.",
        1012 => "Service restart: the server is restarting; connect again later.",
        1013 => "Try again later: the server is overloaded for now.",
        1014 => "Bad gateway: a gateway or proxy received an invalid answer upstream.",
        1015 => "TLS handshake failure: the secure connection could not be set up.",
        3000..=3999 => "Registered code: defined by a library or framework (3000 is Unauthorized, 3003 Forbidden, 3008 Timeout).",
        4000..=4999 => "Application code: its meaning is the server's own; see the API's documentation.",
        _ => "Not a registered close code.",
    };
    format!("{code} {meaning}")
}

/// Who a log entry is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Sent,
    Received,
    /// The connection itself: opened, closed, failed.
    Connection,
}

/// One entry of a connection's log.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Its place in the log, counted from the first entry ever pushed (set by
    /// [`SocketLog::push`]): it stays the entry's when older ones are dropped.
    pub seq: u64,
    /// Milliseconds since the connection was asked for.
    pub at_ms: f64,
    pub direction: Direction,
    /// `text`, `binary`, or for the connection `open`, `close`, `error`.
    pub kind: &'static str,
    /// Bytes of the message (0 for the connection's entries).
    pub size: usize,
    /// A text message (cut to [`MAX_SHOWN_TEXT`]), a binary one as hex pairs (its first
    /// [`MAX_SHOWN_BYTES`]), or what happened to the connection.
    pub text: String,
}

/// The most characters of a text message a log entry keeps.
pub const MAX_SHOWN_TEXT: usize = 64 << 10;
/// The most bytes of a binary message a log entry shows.
pub const MAX_SHOWN_BYTES: usize = 256;

impl Frame {
    /// A message's entry.
    pub fn message(at_ms: f64, direction: Direction, message: &Outgoing) -> Frame {
        Frame::message_of_size(at_ms, direction, message, message.len())
    }

    /// The entry of a message of `size` bytes of which `start` is the beginning: a page reads
    /// no more of a large received message than the entry shows.
    pub fn message_of_size(
        at_ms: f64,
        direction: Direction,
        start: &Outgoing,
        size: usize,
    ) -> Frame {
        let (kind, mut text, shown) = match start {
            Outgoing::Text(text) => {
                let shown = cut(text, MAX_SHOWN_TEXT);
                let whole = shown.len() == text.len();
                ("text", shown, if whole { text.len() } else { 0 })
            }
            Outgoing::Binary(bytes) => {
                let shown = &bytes[..bytes.len().min(MAX_SHOWN_BYTES)];
                ("binary", hex_pairs(shown), shown.len())
            }
        };
        if size > shown && !text.ends_with('…') {
            text.push_str(if kind == "binary" { " …" } else { "…" });
        }
        Frame {
            seq: 0,
            at_ms,
            direction,
            kind,
            size,
            text,
        }
    }

    /// An entry about the connection (`open`, `close`, `error`).
    pub fn connection(at_ms: f64, kind: &'static str, text: String) -> Frame {
        Frame {
            seq: 0,
            at_ms,
            direction: Direction::Connection,
            kind,
            size: 0,
            text,
        }
    }
}

/// `text` cut to at most `most` bytes, at a character boundary, with `…` when cut.
fn cut(text: &str, most: usize) -> String {
    if text.len() <= most {
        return text.to_owned();
    }
    format!("{}…", &text[..floor_char_boundary(text, most)])
}

/// The log of a connection (and of the ones before it, after a reconnect): at most `cap`
/// entries and [`MAX_SOCKET_LOG_BYTES`] of text, the oldest dropped and counted.
#[derive(Debug, Clone, PartialEq)]
pub struct SocketLog {
    frames: VecDeque<Frame>,
    cap: usize,
    /// Bytes of text the kept entries hold.
    bytes: usize,
    dropped: u64,
    sent: u64,
    received: u64,
}

/// How many entries the app's log keeps.
pub const SOCKET_LOG_CAP: usize = 10_000;
/// Most bytes of text the log keeps: a server flooding 64 KB messages fills it in 256 of them,
/// and the oldest go.
pub const MAX_SOCKET_LOG_BYTES: usize = 16 << 20;

impl SocketLog {
    pub fn new(cap: usize) -> SocketLog {
        SocketLog {
            frames: VecDeque::new(),
            cap: cap.max(1),
            bytes: 0,
            dropped: 0,
            sent: 0,
            received: 0,
        }
    }

    pub fn push(&mut self, mut frame: Frame) {
        frame.seq = self.dropped + self.frames.len() as u64;
        match frame.direction {
            Direction::Sent => self.sent += 1,
            Direction::Received => self.received += 1,
            Direction::Connection => {}
        }
        self.bytes += frame.text.len();
        self.frames.push_back(frame);
        while self.frames.len() > self.cap
            || (self.bytes > MAX_SOCKET_LOG_BYTES && self.frames.len() > 1)
        {
            if let Some(old) = self.frames.pop_front() {
                self.bytes -= old.text.len();
                self.dropped += 1;
            }
        }
    }

    /// Bytes of text the kept entries hold (at most [`MAX_SOCKET_LOG_BYTES`], or one entry's).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn frames(&self) -> &VecDeque<Frame> {
        &self.frames
    }

    /// The entry numbered `seq`, if it is still kept.
    pub fn by_seq(&self, seq: u64) -> Option<&Frame> {
        let first = self.frames.front()?.seq;
        self.frames
            .get(usize::try_from(seq.checked_sub(first)?).ok()?)
    }

    /// Entries dropped to keep within the cap.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Messages sent and received (not the connection's entries), dropped ones included.
    pub fn messages(&self) -> (u64, u64) {
        (self.sent, self.received)
    }
}

/// Where a connection is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SocketStatus {
    /// None opened yet.
    #[default]
    Idle,
    Connecting,
    /// Open, with the subprotocol the server chose (empty when none).
    Open {
        protocol: String,
    },
    Closing,
    /// Closed with this code and reason.
    Closed {
        code: u16,
        reason: String,
    },
}

impl SocketStatus {
    /// Connecting, open or closing: a connection is there.
    pub fn is_active(&self) -> bool {
        matches!(
            self,
            SocketStatus::Connecting | SocketStatus::Open { .. } | SocketStatus::Closing
        )
    }

    /// The Connect button's label.
    pub fn button(&self) -> &'static str {
        match self {
            SocketStatus::Connecting | SocketStatus::Open { .. } => "Disconnect",
            SocketStatus::Closing => "Disconnecting…",
            SocketStatus::Idle | SocketStatus::Closed { .. } => "Connect",
        }
    }

    /// What the status line says.
    pub fn summary(&self) -> String {
        match self {
            SocketStatus::Idle => "Not connected".to_owned(),
            SocketStatus::Connecting => "Connecting…".to_owned(),
            SocketStatus::Open { protocol } if protocol.is_empty() => "Connected".to_owned(),
            SocketStatus::Open { protocol } => format!("Connected, subprotocol {protocol}"),
            SocketStatus::Closing => "Closing…".to_owned(),
            SocketStatus::Closed { code, reason } if reason.is_empty() => {
                format!("Closed: {}", close_meaning(*code))
            }
            SocketStatus::Closed { code, reason } => {
                format!("Closed: {} Reason: {reason}", close_meaning(*code))
            }
        }
    }
}
