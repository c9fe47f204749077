//! A WebSocket connection's state, shared by the request line (Connect / Disconnect), the
//! message composer, the Messages region and the code. What acts on it and draws it loads on
//! first use (ui/socket_view.rs); this part is only the handle.

use leptos::prelude::*;

use crate::model::{
    socket_url_problem, Field, MessageFormat, SocketLog, SocketStatus, ValidationError,
    SOCKET_LOG_CAP,
};

/// The browser's socket while it is open or opening, and the callbacks it calls (dropped
/// with it).
pub struct LiveSocket {
    pub socket: web_sys::WebSocket,
    /// `performance.now()` when the connection was asked for: the log's times count from it.
    pub started_ms: f64,
    pub callbacks: Vec<Box<dyn std::any::Any>>,
}

/// Signals of the connection and of the composer.
#[derive(Clone, Copy)]
pub struct SocketState {
    pub status: RwSignal<SocketStatus>,
    pub log: RwSignal<SocketLog>,
    /// The Subprotocols box, as typed.
    pub protocols: RwSignal<String>,
    pub format: RwSignal<MessageFormat>,
    /// The Message box, as typed (kept when it cannot be sent).
    pub message: RwSignal<String>,
    /// Why the last Connect or Send could not go, naming the field and the fix.
    pub problem: RwSignal<Option<String>>,
    pub live: StoredValue<Option<LiveSocket>, LocalStorage>,
    /// The log was written since the page was last told (it is told once an animation frame).
    pub frame_asked: StoredValue<bool>,
}

impl SocketState {
    pub fn new() -> SocketState {
        SocketState {
            status: RwSignal::new(SocketStatus::Idle),
            log: RwSignal::new(SocketLog::new(SOCKET_LOG_CAP)),
            protocols: RwSignal::new(String::new()),
            format: RwSignal::new(MessageFormat::Text),
            message: RwSignal::new("{\"hello\": \"socket\"}".to_owned()),
            problem: RwSignal::new(None),
            live: StoredValue::new_local(None),
            frame_asked: StoredValue::new(false),
        }
    }
}

impl Default for SocketState {
    fn default() -> Self {
        SocketState::new()
    }
}

/// A WebSocket URL's problem as the request line shows URL problems.
pub fn socket_url_errors(url: &str) -> Vec<ValidationError> {
    socket_url_problem(url)
        .map(|message| ValidationError {
            field: Field::Url,
            label: "URL".to_owned(),
            message,
        })
        .into_iter()
        .collect()
}
