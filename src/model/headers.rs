//! Header name and value rules shared by every target: what fetch, requests, httpx, reqwest,
//! curl and node can all carry.

/// Request headers browsers refuse to set from script (fetch drops them silently). Chromium also
/// drops `User-Agent`, though the spec no longer forbids it.
const BROWSER_REFUSED: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Why a header name or value cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    EmptyName,
    InvalidNameChar(char),
    InvalidValueChar(char),
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderError::EmptyName => write!(f, "enter a header name or remove the row"),
            HeaderError::InvalidNameChar(c) => write!(
                f,
                "a header name cannot contain {}; use letters, digits and !#$%&'*+-.^_`|~",
                describe_char(*c)
            ),
            HeaderError::InvalidValueChar(c) => write!(
                f,
                "the value contains {}; header values must be printable ASCII (no line breaks, \
                 control characters or non-ASCII letters; percent-encode or base64 them)",
                describe_char(*c)
            ),
        }
    }
}

impl std::error::Error for HeaderError {}

/// Checks a header name is an RFC 9110 token.
pub fn check_header_name(name: &str) -> Result<(), HeaderError> {
    if name.is_empty() {
        return Err(HeaderError::EmptyName);
    }
    match name.chars().find(|c| !is_token_char(*c)) {
        Some(c) => Err(HeaderError::InvalidNameChar(c)),
        None => Ok(()),
    }
}

/// Checks a header value is printable ASCII or tab. Browsers accept Latin-1 and httpx only
/// ASCII, so ASCII is what every target can send unchanged.
pub fn check_header_value(value: &str) -> Result<(), HeaderError> {
    match value
        .chars()
        .find(|c| !(*c == '\t' || (' '..='~').contains(c)))
    {
        Some(c) => Err(HeaderError::InvalidValueChar(c)),
        None => Ok(()),
    }
}

/// An HTTP token character (method names and header names).
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Whether the browser will silently drop this request header.
pub fn is_browser_refused(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    BROWSER_REFUSED.contains(&lower.as_str())
        || lower == "user-agent"
        || lower.starts_with("proxy-")
        || lower.starts_with("sec-")
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\n' => "a line break (\\n)".to_owned(),
        '\r' => "a carriage return (\\r)".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("'{c}' (U+{:04X})", u32::from(c)),
    }
}

/// The header the companion server's proxy requires on every request it forwards. Only the
/// playground's own "Send via proxy" adds it: a page on another site cannot send it to the
/// proxy without a CORS preflight, which the proxy never grants.
pub const PROXY_MARK: (&str, &str) = ("X-Playground-Proxy", "1");

/// The headers to send: the request's own, less any that claims to be [`PROXY_MARK`] (a link
/// must not smuggle it in), plus the mark when sending through the proxy.
pub fn headers_to_send(headers: &[(String, String)], via_proxy: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| !name.trim().eq_ignore_ascii_case(PROXY_MARK.0))
        .cloned()
        .collect();
    if via_proxy {
        out.push((PROXY_MARK.0.to_owned(), PROXY_MARK.1.to_owned()));
    }
    out
}
