//! Header name and value rules shared by every target: what fetch, requests, httpx, reqwest,
//! curl and node can all carry.

/// Request headers every browser refuses to set from script (fetch drops them silently): the
/// Fetch standard's forbidden request-header names, plus the `Proxy-` and `Sec-` prefixes.
/// `User-Agent` left that list in 2015; Firefox sends a script's value, Chromium and Safari
/// still drop it (see [`Browser::refuses`]).
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

/// The browser engine a request is sent from, as far as which headers it lets a script set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Browser {
    /// Chrome, Chromium, Edge, Opera and other Blink browsers.
    Chromium,
    /// Firefox on the desktop and Android (Gecko).
    Firefox,
    /// Safari, and every browser on iOS (all of them are WebKit there).
    Safari,
    /// Not recognised: assumed to refuse whatever any of the others refuses.
    Unknown,
}

impl Browser {
    /// The engine named by a `navigator.userAgent` string. iOS browsers name themselves
    /// (CriOS, FxiOS, EdgiOS) but run WebKit, so they count as Safari.
    pub fn from_user_agent(user_agent: &str) -> Browser {
        let has = |token: &str| user_agent.contains(token);
        if has("CriOS/") || has("FxiOS/") || has("EdgiOS/") {
            Browser::Safari
        } else if has("Firefox/") && has("Gecko/") {
            Browser::Firefox
        } else if has("Chrome/") || has("Chromium/") || has("HeadlessChrome/") {
            Browser::Chromium
        } else if has("AppleWebKit/") && has("Safari/") {
            Browser::Safari
        } else {
            Browser::Unknown
        }
    }

    /// The browser's name within a sentence ("this browser" when not recognised).
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "Chromium",
            Browser::Firefox => "Firefox",
            Browser::Safari => "Safari",
            Browser::Unknown => "this browser",
        }
    }

    /// The browser's name at the start of a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Browser::Unknown => "This browser",
            known => known.name(),
        }
    }

    /// Whether this browser silently drops the request header `name` when a script sets it.
    /// Every browser drops the Fetch standard's forbidden names; Firefox alone sends a script's
    /// `User-Agent` (since Firefox 43), Chromium and Safari replace it with their own.
    pub fn refuses(self, name: &str) -> bool {
        let lower = name.trim().to_ascii_lowercase();
        BROWSER_REFUSED.contains(&lower.as_str())
            || lower.starts_with("proxy-")
            || lower.starts_with("sec-")
            || (lower == "user-agent" && self != Browser::Firefox)
    }
}

/// Whether some browser will silently drop this request header (what
/// [`Browser::Unknown`] assumes): for code that runs in a browser not known in advance.
pub fn is_browser_refused(name: &str) -> bool {
    Browser::Unknown.refuses(name)
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
