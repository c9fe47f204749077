//! The history of sent requests: newest first, at most [`HISTORY_LIMIT`], stored as JSON.
//! Each entry is the request as typed (`{{token}}`, never a variable's value), with its
//! secrets left out unless the user keeps them.

use super::json::Json;
use super::json_format::request_from_json;
use super::json_read::{number_or_zero, object, present, string_or_empty};
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
/// `removed_secrets` existed read as having none. One unreadable entry fails the whole
/// document; [`history_from_json_lenient`] skips it instead.
pub fn history_from_json(text: &str) -> Result<Vec<HistoryEntry>, FormatError> {
    history_items(text)?.iter().map(entry_from_json).collect()
}

/// Reads a history like [`history_from_json`], but an entry that cannot be read is skipped
/// rather than failing the rest: returns the readable entries, in order, and one sentence per
/// skipped entry for a notice ("History entry 3 was unreadable and skipped: url must be a
/// string, not a number", counting from 1). The error is only for a document that is not a
/// JSON array at all.
pub fn history_from_json_lenient(
    text: &str,
) -> Result<(Vec<HistoryEntry>, Vec<String>), FormatError> {
    let items = history_items(text)?;
    let mut entries = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match entry_from_json(item) {
            Ok(entry) => entries.push(entry),
            Err(FormatError(why)) => skipped.push(format!(
                "History entry {} was unreadable and skipped: {why}",
                i + 1
            )),
        }
    }
    Ok((entries, skipped))
}

/// The entries of a history document, which must be a JSON array.
fn history_items(text: &str) -> Result<Vec<Json>, FormatError> {
    match Json::parse(text) {
        Some(Json::Array(items)) => Ok(items),
        _ => Err(FormatError(
            "a history file is a JSON array of entries".to_owned(),
        )),
    }
}

/// One entry of a history document. Only the request must be readable; a missing or odd
/// `result`, `elapsed_ms` or `sent_at_ms` reads as empty or 0.
fn entry_from_json(item: &Json) -> Result<HistoryEntry, FormatError> {
    object(item, "an entry must be an object with a request")?;
    let request = match present(item, "request") {
        None => return Err(FormatError("it has no request".to_owned())),
        Some(request) => request_from_json(request)?,
    };
    Ok(HistoryEntry {
        request,
        result: string_or_empty(item, "result"),
        elapsed_ms: number_or_zero(item, "elapsed_ms"),
        sent_at_ms: number_or_zero(item, "sent_at_ms"),
        removed_secrets: read_removed(item),
    })
}

/// What importing a history did ([`merge_history_with_report`]), for the notice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryMerge {
    /// Imported entries not already in the history (some may then have been dropped as too
    /// old: they are also in `dropped_imported`).
    pub added: usize,
    /// Imported entries that were already there (or repeated in the file).
    pub already_present: usize,
    /// The user's own entries dropped to stay within [`HISTORY_LIMIT`], newest first.
    pub dropped_local: Vec<HistoryEntry>,
    /// Imported entries dropped to stay within [`HISTORY_LIMIT`], newest first.
    pub dropped_imported: Vec<HistoryEntry>,
}

impl HistoryMerge {
    /// How many entries the file held.
    pub fn in_file(&self) -> usize {
        self.added + self.already_present
    }

    /// How many entries were dropped, the user's and imported ones together.
    pub fn dropped(&self) -> usize {
        self.dropped_local.len() + self.dropped_imported.len()
    }

    /// The report in words: "History imported: 12 new of 20 entries (8 already there). The 5
    /// oldest entries were dropped to stay within 100: 3 of yours, 2 imported."
    pub fn message(&self) -> String {
        let total = self.in_file();
        let mut out = format!(
            "History imported: {} new of {total} {}",
            self.added,
            if total == 1 { "entry" } else { "entries" }
        );
        if self.already_present > 0 {
            out.push_str(&format!(" ({} already there)", self.already_present));
        }
        out.push('.');
        let (local, imported) = (self.dropped_local.len(), self.dropped_imported.len());
        match self.dropped() {
            0 => {}
            1 => out.push_str(&format!(
                " The oldest entry was dropped to stay within {HISTORY_LIMIT}: it was {}.",
                if local == 1 { "yours" } else { "imported" }
            )),
            n => {
                let whose: Vec<String> = [
                    (local > 0).then(|| format!("{local} of yours")),
                    (imported > 0).then(|| format!("{imported} imported")),
                ]
                .into_iter()
                .flatten()
                .collect();
                out.push_str(&format!(
                    " The {n} oldest entries were dropped to stay within {HISTORY_LIMIT}: {}.",
                    whose.join(", ")
                ));
            }
        }
        out
    }
}

/// Adds an imported history to `history`: entries already present are not repeated, the result
/// is ordered newest first by the time each was sent (assuming `history` is, as [`record`]
/// keeps it), and the oldest beyond [`HISTORY_LIMIT`] are dropped. Returns how many imported
/// entries were new; [`merge_history_with_report`] also says what was dropped.
pub fn merge_history(history: &mut Vec<HistoryEntry>, imported: Vec<HistoryEntry>) -> usize {
    merge_history_with_report(history, imported).added
}

/// Merges like [`merge_history`] and reports what happened: how many imported entries were
/// new or already there, and which entries (the user's own, or imported) were dropped as the
/// oldest beyond [`HISTORY_LIMIT`].
pub fn merge_history_with_report(
    history: &mut Vec<HistoryEntry>,
    imported: Vec<HistoryEntry>,
) -> HistoryMerge {
    let mut report = HistoryMerge::default();
    // Whether each entry of `history` came from the file, to tell whose entries are dropped.
    let mut from_file = vec![false; history.len()];
    for entry in imported {
        if history.contains(&entry) {
            report.already_present += 1;
        } else {
            // After every entry sent at the same time or later (no sort: it would add KBs of
            // wasm for lists of at most a few hundred).
            let at = history
                .iter()
                .position(|e| e.sent_at_ms < entry.sent_at_ms)
                .unwrap_or(history.len());
            history.insert(at, entry);
            from_file.insert(at, true);
            report.added += 1;
        }
    }
    if history.len() > HISTORY_LIMIT {
        let dropped = history.split_off(HISTORY_LIMIT);
        for (entry, imported) in dropped.into_iter().zip(&from_file[HISTORY_LIMIT..]) {
            if *imported {
                report.dropped_imported.push(entry);
            } else {
                report.dropped_local.push(entry);
            }
        }
    }
    report
}

/// The history as an export file: with [`Secrets::LeaveOut`], every entry without its secrets
/// (entries recorded while "Keep secrets in history" was ticked included), each naming what
/// it left out; with [`Secrets::Include`], as stored.
pub fn history_export(history: &[HistoryEntry], secrets: Secrets) -> String {
    match secrets {
        Secrets::Include => history_to_json(history),
        Secrets::LeaveOut => {
            let stripped: Vec<HistoryEntry> = history
                .iter()
                .map(|entry| {
                    let (request, removed) = strip_secrets(&entry.request);
                    let mut removed_secrets = entry.removed_secrets.clone();
                    for item in removed {
                        if !removed_secrets.contains(&item) {
                            removed_secrets.push(item);
                        }
                    }
                    HistoryEntry {
                        request,
                        removed_secrets,
                        ..entry.clone()
                    }
                })
                .collect();
            history_to_json(&stripped)
        }
    }
}
