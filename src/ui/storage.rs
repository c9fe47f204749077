//! The draft in localStorage, so a reload never loses what the user typed.

use crate::model::Request;

/// Where the app keeps its draft unless told otherwise.
pub const DEFAULT_DRAFT_KEY: &str = "http-playground/draft";

/// The saved draft, or `None` when there is none or it cannot be read.
pub fn load_draft(key: &str) -> Option<Request> {
    let json = local_storage()?.get_item(key).ok()??;
    Request::from_json(&json).ok()
}

/// Saves the draft; a full or disabled storage is not worth interrupting the user for.
pub fn save_draft(key: &str, request: &Request) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, &request.to_json());
    }
}

/// A small piece of remembered UI state (such as the chosen code tab).
pub fn load_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

pub fn save_text(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
