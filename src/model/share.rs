//! Share links: the request in the URL fragment (`#request=…`), secrets left out unless the
//! user includes them. The browser compresses the JSON; this module does the rest.

use super::encoding::{base64url_decode, base64url_encode};
use super::request::{Auth, Request};

/// The fragment key of a share link.
pub const SHARE_KEY: &str = "request=";
/// The fragment key of an embedded session (the documented session JSON, compressed).
pub const SESSION_KEY: &str = "session=";

/// What a share link carries: the request (the documented format) and which secrets were left
/// out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SharePayload {
    pub request: Request,
    pub removed_secrets: Vec<String>,
}

/// Header names whose values are credentials.
fn is_secret_header(name: &str) -> bool {
    ["authorization", "proxy-authorization", "cookie"]
        .contains(&name.trim().to_ascii_lowercase().as_str())
}

/// A copy of the request with every secret emptied, and the list of what was emptied, in words
/// the restored form can show ("Auth password", "Header Authorization").
pub fn strip_secrets(request: &Request) -> (Request, Vec<String>) {
    let mut copy = request.clone();
    let mut removed = Vec::new();
    match &mut copy.auth {
        Auth::Basic { password, .. } if !password.is_empty() => {
            password.clear();
            removed.push("Auth password".to_owned());
        }
        Auth::Bearer { token } if !token.is_empty() => {
            token.clear();
            removed.push("Auth bearer token".to_owned());
        }
        Auth::ApiKey { value, .. } if !value.is_empty() => {
            value.clear();
            removed.push("Auth API key value".to_owned());
        }
        _ => {}
    }
    for header in &mut copy.headers {
        if is_secret_header(&header.name) && !header.value.is_empty() {
            header.value.clear();
            removed.push(format!("Header {}", header.name.trim()));
        }
    }
    (copy, removed)
}

impl SharePayload {
    /// The payload for a link: secrets stripped unless `include_secrets`.
    pub fn new(request: &Request, include_secrets: bool) -> Self {
        if include_secrets {
            SharePayload {
                request: request.clone(),
                removed_secrets: Vec::new(),
            }
        } else {
            let (request, removed_secrets) = strip_secrets(request);
            SharePayload {
                request,
                removed_secrets,
            }
        }
    }

    /// Compact JSON: what gets compressed into the link.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\"request\":{}", self.request.to_json());
        if !self.removed_secrets.is_empty() {
            out.push_str(",\"removed_secrets\":[");
            for (i, secret) in self.removed_secrets.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                super::json_write::push_str(&mut out, secret);
            }
            out.push(']');
        }
        out.push('}');
        out
    }

    pub fn from_json(json: &str) -> Option<Self> {
        let tree = super::json::Json::parse(json)?;
        let request = super::json_format::request_from_json(tree.get("request")?).ok()?;
        let removed_secrets = match tree.get("removed_secrets") {
            Some(super::json::Json::Array(items)) => items
                .iter()
                .filter_map(|item| match item {
                    super::json::Json::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(SharePayload {
            request,
            removed_secrets,
        })
    }
}

/// The fragment (without `#`) for compressed payload bytes.
pub fn share_fragment(compressed: &[u8]) -> String {
    format!("{SHARE_KEY}{}", base64url_encode(compressed))
}

/// The compressed payload bytes in a fragment (with or without `#`), if it is a share link.
pub fn share_bytes(fragment: &str) -> Option<Vec<u8>> {
    fragment_bytes(fragment, SHARE_KEY)
}

/// The compressed bytes after `key` (`request=`, `session=`) in a fragment, with or without `#`.
pub fn fragment_bytes(fragment: &str, key: &str) -> Option<Vec<u8>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    base64url_decode(fragment.strip_prefix(key)?)
}
