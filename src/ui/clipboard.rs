//! The one way the app writes to the clipboard.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard, then calls `done` with whether it worked (a frame without
/// `allow="clipboard-write"`, or a page without focus, refuses).
pub fn write_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move { done(JsFuture::from(promise).await.is_ok()) });
}
