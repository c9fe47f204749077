//! What a link may do to the page it opens: links are inert until the reader acts. A link
//! never sends by itself in the full app, never spends the reader's variables, never replaces
//! a draft without a way back, and is read only up to a bounded size. Also the bookkeeping that
//! lets embedded widgets' storage expire. See docs/security.md.

use super::embed::EmbedOptions;
use super::json::Json;
use super::json_read::number_or_zero;
use super::json_write::push_str;
use super::request::Request;
use super::secrets::{secret_values, strip_secrets_except};
use super::session::Session;
use super::variables::{resolve_variables, Variable};

/// The most a link's request (or session) may hold once inflated. A few kilobytes of fragment
/// can inflate to gigabytes; past this the link is refused with a message.
pub const MAX_LINK_JSON: usize = 1 << 20;

/// How many embedded widgets (iframe or element) keep their drafts in the reader's storage;
/// the least recently used beyond this are removed.
pub const EMBED_KEYS_LIMIT: usize = 50;

/// How many bytes (characters of keys and values) all embedded widgets together may keep in the
/// reader's storage; the least recently used are removed beyond it, so lesson pages cannot fill
/// the quota the full app's draft, history and variables share.
pub const EMBED_BYTES_BUDGET: usize = 2 << 20;

/// What the page says when a link's payload is over [`MAX_LINK_JSON`].
pub fn link_too_large_message() -> String {
    format!(
        "This link holds more than {} KB of request once unpacked, so it was not opened. Ask its author for a smaller one, or import the request from a file.",
        MAX_LINK_JSON / 1024
    )
}

/// Whether `request` uses no `{{variables}}` at all, so sending it can spend nothing of the
/// reader's.
pub fn uses_no_variables(request: &Request) -> bool {
    resolve_variables(request, &[]).is_ok()
}

/// Whether the page may send `request` as soon as it opens: only an embedded widget whose
/// author asked for `autorun`, and only for a request that uses no variables. The full app
/// never sends by itself.
pub fn may_autorun(request: &Request, options: &EmbedOptions) -> bool {
    options.embed
        && options.autorun
        && uses_no_variables(request)
        && !super::socket::is_socket_url(&request.url)
}

/// Why an `autorun` the link asked for was not honoured, for the notice; `None` when nothing
/// was asked or it was honoured.
pub fn autorun_refusal(request: &Request, options: &EmbedOptions) -> Option<&'static str> {
    if !options.autorun || may_autorun(request, options) {
        None
    } else if !options.embed {
        Some("The link asked to send the request at once; the playground never sends from a link by itself. Check it, then press Send.")
    } else if super::socket::is_socket_url(&request.url) {
        // A handshake carries the reader's cookies for that host: only the reader opens one.
        Some("This example opens a WebSocket, which waits for you to press Connect.")
    } else {
        Some("This example uses variables, so it waits for you to press Send.")
    }
}

/// Whether opening `incoming` over `current` would lose work: the current request is neither
/// the starting request, nor empty, nor what the link brings.
pub fn displaces_draft(current: &Request, incoming: &Request, starter: &Request) -> bool {
    current != incoming && current != starter && *current != Request::default()
}

/// Storage keys of embedded widgets, most recently used first, with when each was last used
/// (milliseconds since the Unix epoch).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentKeys(pub Vec<(String, u64)>);

impl RecentKeys {
    /// Marks `key` used at `now` and returns the keys beyond `limit` that were dropped, oldest
    /// last. Their storage entries (the key and every entry named after it) should go.
    pub fn touch(&mut self, key: &str, now: u64, limit: usize) -> Vec<String> {
        self.0.retain(|(k, _)| k != key);
        // Most recent first, whatever order an older page wrote them in.
        self.0.sort_by_key(|(_, used)| std::cmp::Reverse(*used));
        self.0.insert(0, (key.to_owned(), now));
        self.0
            .split_off(limit.max(1).min(self.0.len()))
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    /// Drops the least recently used keys until the entries of those left fit in `budget`
    /// (`size_of` gives a key's total), and returns the dropped ones. The most recent key, the
    /// widget in use, always stays.
    pub fn over_budget(&mut self, size_of: impl Fn(&str) -> usize, budget: usize) -> Vec<String> {
        let mut total: usize = self.0.iter().map(|(key, _)| size_of(key)).sum();
        let mut dropped = Vec::new();
        while total > budget && self.0.len() > 1 {
            let Some((key, _)) = self.0.pop() else {
                break;
            };
            total = total.saturating_sub(size_of(&key));
            dropped.push(key);
        }
        dropped
    }

    /// `[{"key": …, "used_ms": …}, …]`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("[");
        for (i, (key, used)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"key\":");
            push_str(&mut out, key);
            out.push_str(&format!(",\"used_ms\":{used}}}"));
        }
        out.push(']');
        out
    }

    /// Reads what [`RecentKeys::to_json`] wrote; entries it cannot read are skipped.
    pub fn from_json(text: &str) -> Self {
        let Some(Json::Array(items)) = Json::parse(text) else {
            return RecentKeys::default();
        };
        RecentKeys(
            items
                .iter()
                .filter_map(|item| {
                    let Some(Json::String(key)) = item.get("key") else {
                        return None;
                    };
                    Some((key.clone(), number_or_zero(item, "used_ms")))
                })
                .collect(),
        )
    }
}

/// Whether the storage entry `entry` belongs to the widget whose key is `key`: the key itself
/// or an entry named after it (`key.history`, `key/session`).
pub fn belongs_to(entry: &str, key: &str) -> bool {
    entry
        .strip_prefix(key)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '/']))
}

/// Adds the variables a link carries to the reader's `environment`, but only names the reader
/// does not define: a link never overwrites the reader's own values. Returns what happened, in
/// words for the notice.
pub fn add_missing_variables(environment: &mut Vec<Variable>, offered: Vec<Variable>) -> String {
    let mut added = Vec::new();
    let mut kept = Vec::new();
    for variable in offered {
        let name = variable.name.trim().to_owned();
        if name.is_empty() || added.contains(&name) {
            continue;
        }
        if environment.iter().any(|v| v.name.trim() == name) {
            kept.push(name);
        } else {
            environment.push(variable);
            added.push(name);
        }
    }
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("Added {}.", added.join(", ")));
    }
    if !kept.is_empty() {
        parts.push(format!(
            "Kept your own value of {} (the link's was not used).",
            kept.join(", ")
        ));
    }
    if parts.is_empty() {
        "Nothing to add.".to_owned()
    } else {
        parts.join(" ")
    }
}

/// The secret values of a session ([`secret_values`] of its shared headers and each request).
pub fn session_secret_values(session: &Session) -> Vec<String> {
    let mut values = secret_values(&headers_only(session));
    for request in &session.requests {
        for value in secret_values(request) {
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    values
}

/// The session with every secret value not in `known` emptied ([`strip_secrets_except`]), for
/// an embed's draft.
pub fn strip_session_secrets_except(session: &Session, known: &[String]) -> Session {
    Session {
        headers: strip_secrets_except(&headers_only(session), known)
            .0
            .headers,
        requests: session
            .requests
            .iter()
            .map(|request| strip_secrets_except(request, known).0)
            .collect(),
        ..session.clone()
    }
}

/// The session's shared headers as a request, so the one secrets rule reads them as headers.
fn headers_only(session: &Session) -> Request {
    Request {
        headers: session.headers.clone(),
        ..Request::default()
    }
}
