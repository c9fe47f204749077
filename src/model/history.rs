//! The history of sent requests: newest first, at most [`HISTORY_LIMIT`], stored as JSON.
//! Each entry is the request as typed (`{{token}}`, never a variable's value), with its
//! secrets left out unless the user keeps them.

use super::json::Json;
use super::json_format::request_from_json;
use super::json_write::push_str;
use super::request::{FormatError, Request};
use super::response::{Outcome, OutcomeKind};
use super::secrets::{push_removed, read_removed, strip_secrets, Secrets};

/// How many entries the history keeps.
pub const HISTORY_LIMIT: usize = 100;

/// One sent request and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// The request as typed, its `{{variables}}` unresolved.
    pub request: Request,
    /// The status code, or what happened instead: "timeout", "cancelled", "network", "invalid".
    pub result: String,
    pub elapsed_ms: u64,
    /// When it was sent, in milliseconds since the Unix epoch.
    pub sent_at_ms: u64,
    /// The secrets left out of `request` ("Auth password", "Header X-API-Key"), for the form
    /// to name when the entry is restored.
    pub removed_secrets: Vec<String>,
}

impl HistoryEntry {
    /// The entry for a finished send of `request`, which is the request as typed (not the
    /// resolved one: a variable's value must not land in the history). Secrets are stripped
    /// ([`strip_secrets`]) unless [`Secrets::Include`].
    pub fn new(request: &Request, outcome: &Outcome, sent_at_ms: u64, secrets: Secrets) -> Self {
        let (request, removed_secrets) = match secrets {
            Secrets::LeaveOut => strip_secrets(request),
            Secrets::Include => (request.clone(), Vec::new()),
        };
        let (result, elapsed_ms) = match outcome {
            Outcome::Response(r) => (r.status.to_string(), r.elapsed_ms.max(0.0).round() as u64),
            other => {
                let label = match other.kind() {
                    OutcomeKind::Timeout => "timeout",
                    OutcomeKind::Cancelled => "cancelled",
                    OutcomeKind::Invalid => "invalid",
                    _ => "network",
                };
                (label.to_owned(), 0)
            }
        };
        HistoryEntry {
            request,
            result,
            elapsed_ms,
            sent_at_ms,
            removed_secrets,
        }
    }
}

/// Adds `entry` at the front, keeping at most [`HISTORY_LIMIT`] entries.
pub fn record(history: &mut Vec<HistoryEntry>, entry: HistoryEntry) {
    history.insert(0, entry);
    history.truncate(HISTORY_LIMIT);
}

/// The history as a JSON array of `{"request", "result", "elapsed_ms", "sent_at_ms",
/// "removed_secrets"}`, the last only when secrets were left out.
pub fn history_to_json(history: &[HistoryEntry]) -> String {
    let mut out = String::from("[");
    for (i, entry) in history.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"request\":");
        out.push_str(&entry.request.to_json());
        out.push_str(",\"result\":");
        push_str(&mut out, &entry.result);
        out.push_str(&format!(
            ",\"elapsed_ms\":{},\"sent_at_ms\":{}",
            entry.elapsed_ms, entry.sent_at_ms
        ));
        push_removed(&mut out, &entry.removed_secrets);
        out.push('}');
    }
    out.push(']');
    out
}

/// Reads what [`history_to_json`] wrote (or an exported file of it); entries written before
/// `removed_secrets` existed read as having none.
pub fn history_from_json(text: &str) -> Result<Vec<HistoryEntry>, FormatError> {
    let tree = Json::parse(text)
        .ok_or_else(|| FormatError("a history file is a JSON array of entries".to_owned()))?;
    let Json::Array(items) = tree else {
        return Err(FormatError(
            "a history file is a JSON array of entries".to_owned(),
        ));
    };
    let number = |item: &Json, key: &str| match item.get(key) {
        Some(Json::Number(n)) => n.parse().unwrap_or(0),
        _ => 0,
    };
    items
        .iter()
        .map(|item| {
            let request = item
                .get("request")
                .ok_or_else(|| FormatError("each entry needs a request".to_owned()))?;
            Ok(HistoryEntry {
                request: request_from_json(request)?,
                result: match item.get("result") {
                    Some(Json::String(s)) => s.clone(),
                    _ => String::new(),
                },
                elapsed_ms: number(item, "elapsed_ms"),
                sent_at_ms: number(item, "sent_at_ms"),
                removed_secrets: read_removed(item),
            })
        })
        .collect()
}

/// Adds an imported history to `history`: entries already present are not repeated, the result
/// is ordered newest first by the time each was sent (assuming `history` is, as [`record`]
/// keeps it), and the oldest beyond [`HISTORY_LIMIT`]
/// are dropped. Returns how many imported entries were new.
pub fn merge_history(history: &mut Vec<HistoryEntry>, imported: Vec<HistoryEntry>) -> usize {
    let mut added = 0;
    for entry in imported {
        if !history.contains(&entry) {
            // After every entry sent at the same time or later (no sort: it would add KBs of
            // wasm for lists of at most a few hundred).
            let at = history
                .iter()
                .position(|e| e.sent_at_ms < entry.sent_at_ms)
                .unwrap_or(history.len());
            history.insert(at, entry);
            added += 1;
        }
    }
    history.truncate(HISTORY_LIMIT);
    added
}
