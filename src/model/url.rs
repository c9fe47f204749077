//! URL parsing and encoding, done the way the browser's URL parser and `URLSearchParams` do it,
//! so that the URL the model computes is byte for byte the URL fetch puts on the wire.

use super::request::{KeyValue, Request};

/// The parts of an http(s) URL the playground needs. Built only by [`parse_url`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// `http` or `https`, lower case.
    pub scheme: String,
    /// Lower-case host name, IPv4 address or bracketed IPv6 address.
    pub host: String,
    /// The port, only when it is not the scheme's default.
    pub port: Option<u16>,
    /// The path, percent-encoded as the browser would, dot segments removed; at least `/`.
    pub path: String,
    /// The raw query after `?`, if any, as written.
    pub query: Option<String>,
}

/// Why a URL cannot be sent. Each message says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    NoScheme,
    UnsupportedScheme(String),
    Credentials,
    MissingHost,
    InvalidHost(String),
    NonAsciiHost(String),
    InvalidPort(String),
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlError::Empty => write!(f, "enter a URL, for example https://httpbin.org/get"),
            UrlError::NoScheme => {
                write!(f, "start the URL with http:// or https://")
            }
            UrlError::UnsupportedScheme(s) => {
                write!(f, "only http:// and https:// URLs can be sent, not {s}://")
            }
            UrlError::Credentials => write!(
                f,
                "browsers refuse URLs with user:password@; remove them and use Auth → Basic"
            ),
            UrlError::MissingHost => write!(f, "the URL has no host after ://"),
            UrlError::InvalidHost(h) => write!(
                f,
                "the host \"{h}\" may only contain letters, digits, '-' and '.' (or an IPv6 address in [ ])"
            ),
            UrlError::NonAsciiHost(h) => write!(
                f,
                "the host \"{h}\" has non-ASCII characters; write its punycode form (xn--…)"
            ),
            UrlError::InvalidPort(p) => {
                write!(f, "the port \"{p}\" must be a number from 1 to 65535")
            }
        }
    }
}

impl std::error::Error for UrlError {}

impl ParsedUrl {
    /// Scheme, host, port and path: the URL without query or fragment.
    pub fn base(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{}{}", self.scheme, self.host, port, self.path),
            None => format!("{}://{}{}", self.scheme, self.host, self.path),
        }
    }
}

/// Parses an absolute http(s) URL the way the WHATWG URL parser does for the cases a playground
/// meets, and rejects what fetch would reject.
pub fn parse_url(input: &str) -> Result<ParsedUrl, UrlError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(UrlError::Empty);
    }
    let without_fragment = input.split('#').next().unwrap_or_default();
    let (scheme, rest) = match without_fragment.split_once("://") {
        Some((scheme, rest)) if is_scheme(scheme) => (scheme.to_ascii_lowercase(), rest),
        _ => return Err(UrlError::NoScheme),
    };
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::UnsupportedScheme(scheme));
    }
    // Browsers treat a backslash in http(s) URLs as a slash.
    let rest = rest.replace('\\', "/");
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err(UrlError::Credentials);
    }
    let (host, port) = split_host_port(authority)?;
    let (path, query) = match after.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (after, None),
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    Ok(ParsedUrl {
        scheme,
        host,
        port: port.filter(|p| *p != default_port),
        path: normalize_path(path),
        query,
    })
}

/// The query pairs that will be sent, in order: those written in the URL itself, then the
/// enabled params rows, then an API key placed in the query.
pub fn query_pairs(request: &Request, parsed: &ParsedUrl) -> Vec<(String, String)> {
    let mut pairs = parsed
        .query
        .as_deref()
        .map(parse_urlencoded)
        .unwrap_or_default();
    pairs.extend(
        request
            .params
            .iter()
            .filter(|p| p.enabled && !p.is_blank())
            .map(|p| (p.name.clone(), p.value.clone())),
    );
    if let super::request::Auth::ApiKey {
        name,
        value,
        location: super::request::ApiKeyLocation::Query,
    } = &request.auth
    {
        pairs.push((name.clone(), value.clone()));
    }
    pairs
}

/// `application/x-www-form-urlencoded` serialization, exactly as `URLSearchParams` does it:
/// space becomes `+`; `*-._`, ASCII letters and digits stay; every other byte is `%XX`.
/// It differs from Python's `quote_plus` only for `~` and `*`, which servers decode alike.
pub fn form_urlencode(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_component(name, &mut out);
        out.push('=');
        encode_component(value, &mut out);
    }
    out
}

/// Parses `a=1&b=x+y` into decoded pairs, as `URLSearchParams` does.
pub fn parse_urlencoded(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
            (decode_component(name), decode_component(value))
        })
        .collect()
}

/// The text shown in the URL box: the stored URL followed by the enabled params rows, encoded
/// just enough to read back the same rows (`&`, `=`, `#`, `%` and `+` escaped, spaces as `+`).
pub fn url_input_text(request: &Request) -> String {
    let enabled: Vec<&KeyValue> = request
        .params
        .iter()
        .filter(|p| p.enabled && !p.is_blank())
        .collect();
    if enabled.is_empty() {
        return request.url.clone();
    }
    let mut text = request.url.clone();
    let (before_fragment, fragment) = match text.find('#') {
        Some(i) => (text[..i].to_owned(), Some(text[i..].to_owned())),
        None => (text.clone(), None),
    };
    text = before_fragment;
    text.push(if text.contains('?') { '&' } else { '?' });
    for (i, p) in enabled.iter().enumerate() {
        if i > 0 {
            text.push('&');
        }
        escape_for_display(&p.name, true, &mut text);
        text.push('=');
        escape_for_display(&p.value, false, &mut text);
    }
    if let Some(fragment) = fragment {
        text.push_str(&fragment);
    }
    text
}

/// Applies what the user typed in the URL box: the query moves into the params table (replacing
/// the enabled rows, keeping the disabled ones after them) and the rest becomes the URL.
pub fn apply_url_input(request: &mut Request, text: &str) {
    let (before_fragment, fragment) = match text.find('#') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let (base, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let mut params: Vec<KeyValue> = parse_urlencoded(query)
        .into_iter()
        .map(|(name, value)| KeyValue::new(name, value))
        .collect();
    params.extend(request.params.iter().filter(|p| !p.enabled).cloned());
    request.params = params;
    request.url = format!("{base}{fragment}");
}

/// Percent-decodes a form component: `+` is a space, `%XX` a byte, invalid UTF-8 replaced.
pub fn decode_component(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i + 1..i + 3) {
            Some(&[hi, lo]) if bytes[i] == b'%' => hex_value(hi).zip(hex_value(lo)),
            _ => None,
        };
        match (bytes[i], escaped) {
            (_, Some((hi, lo))) => {
                out.push(hi * 16 + lo);
                i += 2;
            }
            (b'+', None) => out.push(b' '),
            (b, None) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode_component(text: &str, out: &mut String) {
    for &b in text.as_bytes() {
        match b {
            b'*' | b'-' | b'.' | b'_' | b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => push_percent(b, out),
        }
    }
}

fn escape_for_display(text: &str, is_name: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            ' ' => out.push('+'),
            '%' | '&' | '#' | '+' => push_percent(c as u8, out),
            '=' if is_name => push_percent(b'=', out),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    push_percent(b, out);
                }
            }
            c => out.push(c),
        }
    }
}

fn push_percent(byte: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(HEX[usize::from(byte >> 4)] as char);
    out.push(HEX[usize::from(byte & 0x0f)] as char);
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn split_host_port(authority: &str) -> Result<(String, Option<u16>), UrlError> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| UrlError::InvalidHost(authority.to_owned()))?;
        let (v6, after) = rest.split_at(end);
        let after = &after[1..];
        if v6.is_empty()
            || !v6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(UrlError::InvalidHost(authority.to_owned()));
        }
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| UrlError::InvalidHost(authority.to_owned()))?,
            ),
        };
        (format!("[{}]", v6.to_ascii_lowercase()), port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_ascii_lowercase(), Some(port)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    if host.is_empty() {
        return Err(UrlError::MissingHost);
    }
    if !host.starts_with('[') {
        if !host.is_ascii() {
            return Err(UrlError::NonAsciiHost(host));
        }
        if !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        {
            return Err(UrlError::InvalidHost(host));
        }
    }
    let port = match port {
        None | Some("") => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && p.chars().all(|c| c.is_ascii_digit()) => Some(n),
            _ => return Err(UrlError::InvalidPort(p.to_owned())),
        },
    };
    Ok((host, port))
}

/// Percent-encodes the path with the WHATWG path percent-encode set and removes `.` and `..`
/// segments, as the browser does before sending.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    let raw_segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    let last = raw_segments.len().saturating_sub(1);
    for (i, segment) in raw_segments.iter().enumerate() {
        let lower = segment.to_ascii_lowercase();
        let is_dot = matches!(lower.as_str(), "." | "%2e");
        let is_dot_dot = matches!(lower.as_str(), ".." | ".%2e" | "%2e." | "%2e%2e");
        if is_dot_dot {
            segments.pop();
            if i == last {
                segments.push(String::new());
            }
        } else if is_dot {
            if i == last {
                segments.push(String::new());
            }
        } else {
            segments.push(encode_path_segment(segment));
        }
    }
    format!("/{}", segments.join("/"))
}

fn encode_path_segment(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = String::with_capacity(segment.len());
    for (i, &b) in bytes.iter().enumerate() {
        let is_escape = b == b'%'
            && bytes.get(i + 1).copied().and_then(hex_value).is_some()
            && bytes.get(i + 2).copied().and_then(hex_value).is_some();
        match b {
            // The WHATWG path set, plus `^`, `|` and a `%` that starts no escape: browsers would
            // send those raw, requests and httpx would encode them, so the model encodes them.
            0..=0x20
            | b'"'
            | b'#'
            | b'<'
            | b'>'
            | b'?'
            | b'`'
            | b'{'
            | b'}'
            | b'^'
            | b'|'
            | 0x7f..=0xff => push_percent(b, &mut out),
            b'%' if !is_escape => push_percent(b, &mut out),
            _ => out.push(b as char),
        }
    }
    out
}
