//! A session: several requests that share default headers and run one after another or all at
//! once, as `requests.Session`, `httpx.Client(base_url=…)` and `asyncio.gather` do.
//!
//! Each member is a plain [`Request`]; the session adds only its default headers and how the
//! members run. [`Session::effective`] is the one place a member's request as sent is computed,
//! so the browser and the generated code agree, exactly as for a single request.

use super::json::Json;
use super::json_format::{parse_document, request_from_json, rows};
use super::json_read::{flag, object};
use super::json_write::{push_rows, request_json};
use super::request::{ApiKeyLocation, Auth, FormatError, KeyValue, Request, FORMAT_VERSION};

/// The most members a session holds: a lesson's handful, with room to spare.
pub const SESSION_LIMIT: usize = 20;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    /// Headers every member sends unless it sets the same header itself, as
    /// `session.headers.update(…)` or `httpx.Client(headers=…)`.
    pub headers: Vec<KeyValue>,
    pub requests: Vec<Request>,
    /// All members at once (`asyncio.gather`, `Promise.all`) rather than one after another.
    pub concurrent: bool,
}

impl Session {
    /// Member `index` as it is sent: the session's headers first, then the member's own rows; a
    /// header the member sets itself (a row, or its auth) replaces the session's, as in requests
    /// and httpx, where a call's `headers=` and `auth=` win over the session's.
    pub fn effective(&self, index: usize) -> Option<Request> {
        let member = self.requests.get(index)?;
        let own = own_header_names(member);
        let mut request = member.clone();
        request.headers = self
            .default_headers()
            .filter(|h| !own.contains(&h.name.trim().to_ascii_lowercase()))
            .cloned()
            .chain(member.headers.iter().cloned())
            .collect();
        Some(request)
    }

    /// Every member as it is sent, in order.
    pub fn effective_requests(&self) -> Vec<Request> {
        (0..self.requests.len())
            .filter_map(|i| self.effective(i))
            .collect()
    }

    /// The session's headers that are sent (enabled, not blank).
    pub fn default_headers(&self) -> impl Iterator<Item = &KeyValue> {
        self.headers.iter().filter(|h| h.enabled && !h.is_blank())
    }

    /// Reads the documented session format (docs/request-format.md#sessions).
    pub fn from_json(json: &str) -> Result<Self, FormatError> {
        let tree = parse_document(json)?;
        object(&tree, "a session is a JSON object with \"requests\"")?;
        let requests = match tree.get("requests") {
            Some(Json::Array(items)) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    request_from_json(item)
                        .map_err(|e| FormatError(format!("request {}: {}", i + 1, e.0)))
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(Json::Array(_)) | None => {
                return Err(FormatError(
                    "a session needs \"requests\": a list of at least one request".to_owned(),
                ))
            }
            Some(other) => {
                return Err(FormatError(format!(
                    "requests must be a list of requests, not {}",
                    other.kind()
                )))
            }
        };
        if requests.len() > SESSION_LIMIT {
            return Err(FormatError(format!(
                "a session holds at most {SESSION_LIMIT} requests, this one has {}",
                requests.len()
            )));
        }
        Ok(Session {
            headers: rows(&tree, "headers")?,
            requests,
            concurrent: flag(&tree, "concurrent")?.unwrap_or(false),
        })
    }

    /// Writes the documented session format, compact, `"version"` first.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\"version\":{FORMAT_VERSION},\"headers\":");
        push_rows(&mut out, &self.headers);
        out.push_str(",\"requests\":[");
        for (i, request) in self.requests.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&request_json(request));
        }
        out.push_str(&format!("],\"concurrent\":{}}}", self.concurrent));
        out
    }
}

/// Lower-cased names of the headers a request sets itself: its rows and its auth's header.
fn own_header_names(request: &Request) -> Vec<String> {
    let mut names: Vec<String> = request
        .headers
        .iter()
        .filter(|h| h.enabled && !h.is_blank())
        .map(|h| h.name.trim().to_ascii_lowercase())
        .collect();
    match &request.auth {
        Auth::Basic { .. } | Auth::Bearer { .. } => names.push("authorization".to_owned()),
        Auth::ApiKey {
            name,
            location: ApiKeyLocation::Header,
            ..
        } => names.push(name.trim().to_ascii_lowercase()),
        Auth::None | Auth::ApiKey { .. } => {}
    }
    names
}

/// `scheme://authority` of an absolute URL, when it has a path after it (or none).
pub fn url_origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    Some(&url[..end])
}

/// The origin every URL shares, when they all share one: what `httpx.Client(base_url=…)` can
/// hold so that each call names only its path.
pub fn shared_origin<'a>(urls: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut shared: Option<&str> = None;
    for url in urls {
        let origin = url_origin(url)?;
        match shared {
            Some(s) if !s.eq_ignore_ascii_case(origin) => return None,
            _ => shared = Some(origin),
        }
    }
    shared.map(str::to_owned)
}
