//! The draft and other remembered state in localStorage, so a reload never loses what the user
//! typed; a write the browser refuses (storage full or disabled) is said in a notice rather than
//! swallowed; embedded widgets' entries expire, least recently used first.

use leptos::prelude::*;

use crate::model::{
    belongs_to, FormatError, RecentKeys, Request, EMBED_BYTES_BUDGET, EMBED_KEYS_LIMIT,
};

/// Where the app keeps its draft unless told otherwise.
pub const DEFAULT_DRAFT_KEY: &str = "http-playground/draft";

/// Where the storage keys of embedded widgets are listed with when each was last used.
const EMBED_KEYS: &str = "http-playground/embed-keys";

/// What the page should say about storage: the last write the browser refused, and stored
/// entries that could not be read and were skipped. Provided by the app; reads and writes made
/// outside it go unreported.
#[derive(Clone, Copy)]
pub struct StorageNotices {
    pub refused: RwSignal<Option<String>>,
    pub skipped: RwSignal<Vec<String>>,
}

/// Provides the signals that [`save_text`] and [`load_list`] report to, and returns them.
pub fn provide_storage_notices() -> StorageNotices {
    let notices = StorageNotices {
        refused: RwSignal::new(None),
        skipped: RwSignal::new(Vec::new()),
    };
    provide_context(notices);
    notices
}

/// What a lenient reader gives: the entries it could read, and a sentence for each it skipped;
/// an error only when the whole document is unreadable.
pub type LenientRead<T> = Result<(Vec<T>, Vec<String>), FormatError>;

/// A stored list (history entries, variables) read by `read`, which keeps what it can and
/// names each entry it skipped. One unreadable entry costs only itself: the rest load, the
/// skipped ones are named in [`StorageNotices::skipped`], and the stored text is copied to
/// `<key>.unreadable` before the next save overwrites it.
pub fn load_list<T>(key: &str, read: fn(&str) -> LenientRead<T>) -> Vec<T> {
    let Some(text) = load_text(key) else {
        return Vec::new();
    };
    let (items, skipped) = match read(&text) {
        Ok(read) => read,
        Err(error) => (Vec::new(), vec![error.to_string()]),
    };
    if !skipped.is_empty() {
        let backup = format!("{key}.unreadable");
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(&backup, &text);
        }
        if let Some(notices) = use_context::<StorageNotices>() {
            notices.skipped.update(|all| {
                all.extend(skipped);
                all.push(format!(
                    "The stored text is kept unchanged under “{backup}” in this site's storage."
                ));
            });
        }
    }
    items
}

/// The saved draft, or `None` when there is none or it cannot be read.
pub fn load_draft(key: &str) -> Option<Request> {
    Request::from_json(&load_text(key)?).ok()
}

/// Saves the draft (a refused write is reported, see [`StorageNotices`]).
pub fn save_draft(key: &str, request: &Request) {
    save_text(key, &request.to_json());
}

/// A remembered piece of text (the history, the variables, the chosen code tab).
pub fn load_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Saves `value` under `key`. When the browser refuses (storage full, or disabled), the
/// [`StorageNotices`] in context says so; a later write that succeeds clears it.
pub fn save_text(key: &str, value: &str) {
    let refused = match local_storage() {
        Some(storage) => storage.set_item(key, value).is_err(),
        None => true,
    };
    if let Some(StorageNotices {
        refused: problem, ..
    }) = use_context::<StorageNotices>()
    {
        let message = refused.then(|| {
            format!(
                "The browser refused to save {} ({} KB): its storage for this site is full or turned off. What you type still works in this tab but will not survive a reload; export your history and variables, or clear this site's storage.",
                describe_key(key),
                value.len().div_ceil(1024)
            )
        });
        if problem.with_untracked(|p| *p != message) {
            problem.set(message);
        }
    }
}

/// Removes a remembered entry.
pub fn remove_text(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Marks the embedded widget's storage `key` used now, and removes the entries of the least
/// recently used widgets beyond [`EMBED_KEYS_LIMIT`] widgets or [`EMBED_BYTES_BUDGET`] bytes,
/// so lesson pages do not fill the reader's storage forever.
pub fn remember_embed_key(key: &str) {
    let Some(storage) = local_storage() else {
        return;
    };
    // Names only: values are read just for the widgets' own entries.
    let entries: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    let size_of = |widget: &str| -> usize {
        entries
            .iter()
            .filter(|entry| belongs_to(entry, widget))
            .map(|entry| {
                let value = storage.get_item(entry).ok().flatten();
                entry.len() + value.map_or(0, |v| v.len())
            })
            .sum()
    };
    let mut recent = RecentKeys::from_json(&load_text(EMBED_KEYS).unwrap_or_default());
    let mut dropped = recent.touch(key, js_sys::Date::now() as u64, EMBED_KEYS_LIMIT);
    dropped.extend(recent.over_budget(size_of, EMBED_BYTES_BUDGET));
    for entry in &entries {
        if dropped.iter().any(|d| belongs_to(entry, d)) {
            let _ = storage.remove_item(entry);
        }
    }
    save_text(EMBED_KEYS, &recent.to_json());
}

/// A storage key in words for the notice.
fn describe_key(key: &str) -> &'static str {
    if key.ends_with(".history") {
        "the history"
    } else if key.ends_with(".variables") {
        "the variables"
    } else if key.starts_with(DEFAULT_DRAFT_KEY) || key.starts_with("http-playground/widget/") {
        "the draft"
    } else {
        "a setting"
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
