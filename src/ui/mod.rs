//! Leptos components, one per file; `app.rs` wires them together.

mod api_check;
mod api_nav;
mod api_operation;
mod api_panel;
mod api_state;
mod app;
mod auth_editor;
mod body_editor;
mod body_text;
mod body_viewer;
mod clipboard;
mod code_panel;
mod companion;
mod curl_import;
pub mod embed;
mod files;
mod history_panel;
mod key_value_table;
pub mod lazy;
mod multipart_editor;
mod refused_note;
mod request_editor;
mod request_line;
mod response_panel;
mod session_playground;
mod settle;
pub mod share;
mod socket;
mod socket_connection;
mod socket_view;
pub mod storage;
mod stream_view;
mod tabs;
mod topbar;
mod variables_editor;
mod virtual_rows;
mod workspace;

pub use app::{App, Mount};
pub use session_playground::SessionPlayground;

use crate::model::{Browser, Field, ValidationError};

/// A keydown handler that runs `send` on Ctrl+Enter (⌘+Enter on a Mac): the one shortcut of
/// the app and of the session widget.
pub fn on_send_shortcut(send: impl Fn() + 'static) -> impl Fn(leptos::ev::KeyboardEvent) {
    move |ev| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            send();
        }
    }
}

/// The browser the playground runs in, from `navigator.userAgent`: which headers it drops.
pub fn this_browser() -> Browser {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .map_or(Browser::Unknown, |ua| Browser::from_user_agent(&ua))
}

/// The message for one field, if validation found a problem with it.
fn problem_for(errors: &[ValidationError], field: Field) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}
