//! What a send can end in, and how a response is presented. Pure: transport fills these in.

use super::prepare::ValidationError;
use super::units::{format_millis, format_seconds};

/// A response as received: everything the viewer shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub status_text: String,
    /// Headers as the browser exposes them (CORS hides those the server did not expose).
    pub headers: Vec<(String, String)>,
    /// Shared, not copied: a body can be 100 MB.
    pub body: std::sync::Arc<Vec<u8>>,
    /// From just before fetch to the last body byte, in milliseconds.
    pub elapsed_ms: f64,
    /// Time to first byte, when the browser's Resource Timing exposes it.
    pub ttfb_ms: Option<f64>,
    /// The URL of the final response, after redirects.
    pub url: String,
    pub redirected: bool,
    /// A stream (Server-Sent Events, JSON Lines) whose body ended before the server ended it,
    /// and why (Stop, a broken connection): the body is what arrived until then.
    pub stopped: Option<String>,
}

/// Every way a send can end; each is shown differently.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A response arrived, 1xx-5xx; [`Outcome::kind`] tells success from HTTP error.
    Response(HttpResponse),
    /// Our timer aborted the request.
    Timeout { timeout_ms: u64 },
    /// The user pressed Cancel.
    Cancelled,
    /// fetch rejected: server down, CORS refused, mixed content, DNS.
    NetworkFailure { url: String, detail: String },
    /// Caught before sending; nothing was sent.
    Invalid(Vec<ValidationError>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    Success,
    HttpError,
    Timeout,
    Cancelled,
    NetworkFailure,
    Invalid,
}

impl Outcome {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Response(r) if r.status >= 400 => OutcomeKind::HttpError,
            Outcome::Response(_) => OutcomeKind::Success,
            Outcome::Timeout { .. } => OutcomeKind::Timeout,
            Outcome::Cancelled => OutcomeKind::Cancelled,
            Outcome::NetworkFailure { .. } => OutcomeKind::NetworkFailure,
            Outcome::Invalid(_) => OutcomeKind::Invalid,
        }
    }
}

impl HttpResponse {
    /// The status text the server sent, or the standard reason phrase when it sent none
    /// (HTTP/2 has no reason phrase).
    pub fn reason(&self) -> String {
        if self.status_text.is_empty() {
            reason_phrase(self.status).to_owned()
        } else {
            self.status_text.clone()
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The most a response's `Content-Length` may make the transport reserve before a byte has
/// arrived: a hostile server can claim a gigabyte and send nothing.
pub const MAX_FIRST_RESERVATION: usize = 8 << 20;

/// How many bytes to reserve for a body whose server announced `content_length`: the
/// announcement, up to [`MAX_FIRST_RESERVATION`]; the body grows past it as bytes arrive.
pub fn first_body_reservation(content_length: Option<usize>) -> usize {
    content_length.unwrap_or(0).min(MAX_FIRST_RESERVATION)
}

/// Re-indents valid JSON with two spaces without parsing it into a map, so key order, number
/// spelling and string escapes stay exactly as the server sent them. `None` if not JSON.
/// Strings and other values are copied whole (found by the shared scanner, json_scan.rs).
pub fn pretty_json(text: &str) -> Option<String> {
    use super::json_scan::{scan_string, skip_space};
    super::json::Json::validate(text).ok()?;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = scan_string(bytes, i)?;
                out.push_str(&text[i..end]);
                i = end;
            }
            open @ (b'{' | b'[') => {
                out.push(char::from(open));
                let next = skip_space(bytes, i + 1);
                if let Some(&close @ (b'}' | b']')) = bytes.get(next) {
                    out.push(char::from(close));
                    i = next + 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                    i = next;
                }
            }
            close @ (b'}' | b']') => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(char::from(close));
                i += 1;
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
                i += 1;
            }
            b':' => {
                out.push_str(": ");
                i += 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ => {
                // A number, true, false or null: up to the next structural byte or space.
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b',' | b'}' | b']' | b':' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
                    )
                {
                    i += 1;
                }
                out.push_str(&text[start..i]);
            }
        }
    }
    Some(out)
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A history row's outcome and, for a response, its time: `("200", Some("34 ms"))`,
/// `("timeout after 10 s", None)`, `("cancelled", None)`. `result` is what
/// [`super::HistoryEntry`] stores; only a response has a time worth showing.
pub fn history_row_texts(
    result: &str,
    elapsed_ms: u64,
    timeout_ms: u64,
) -> (String, Option<String>) {
    match result {
        "timeout" => (
            format!("timeout after {} s", format_seconds(timeout_ms)),
            None,
        ),
        "network" => ("network failure".to_owned(), None),
        "invalid" => ("invalid, not sent".to_owned(), None),
        status if status.bytes().all(|b| b.is_ascii_digit()) && !status.is_empty() => {
            (status.to_owned(), Some(format_millis(elapsed_ms as f64)))
        }
        other => (other.to_owned(), None),
    }
}

/// What may be wrong when fetch rejects, most likely first, and what to try.
pub fn network_failure_advice(url: &str, page_is_https: bool) -> Vec<String> {
    let mut advice = Vec::new();
    if page_is_https && url.starts_with("http://") {
        advice.push(
            "Mixed content: this page is https, so the browser blocks plain http:// requests. Use https:// or open the playground over http.".to_owned(),
        );
    }
    advice.push(
        "The server may be down or not listening on that host and port: check the URL, or open it in a new tab.".to_owned(),
    );
    advice.push(
        "The server may not allow cross-origin requests (CORS). The browser hides the reason; the developer console shows it. The curl and Python snippets are not limited by CORS.".to_owned(),
    );
    advice.push(
        "The host name may not resolve (a typo, or no network): check the spelling.".to_owned(),
    );
    advice
}

/// The standard reason phrase of a status code, or `""` for unknown codes.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        418 => "I'm a teapot",
        422 => "Unprocessable Content",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}
