//! A WebSocket connection through the browser's `WebSocket`: connect with subprotocols, log
//! each frame sent and received (reading no more of a large one than its entry shows), close
//! with 1000, and explain how it closed. Loaded with the socket view (ui/lazy.rs).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::socket::{LiveSocket, SocketState};
use crate::model::{
    close_meaning, outgoing, parse_protocols, Direction, Frame, Outgoing, SocketStatus,
    MAX_SHOWN_BYTES, MAX_SHOWN_TEXT,
};
use crate::transport::now_ms;

/// Connect, or Disconnect while connecting or open.
pub fn toggle(state: SocketState, url: String) {
    match state.status.get_untracked() {
        SocketStatus::Connecting | SocketStatus::Open { .. } => disconnect(state),
        SocketStatus::Closing => {}
        SocketStatus::Idle | SocketStatus::Closed { .. } => connect(state, url.trim()),
    }
}

/// Milliseconds since the connection was asked for.
fn since(state: SocketState) -> f64 {
    let started = state
        .live
        .try_with_value(|l| l.as_ref().map(|l| l.started_ms))
        .flatten()
        .unwrap_or_else(now_ms);
    now_ms() - started
}

/// The browser calls the socket's callbacks on its own time: each reaches the state through
/// `try_` calls, so that one arriving after the app was unmounted does nothing (a panic would
/// end every widget of the page: they share one wasm instance).
/// The page is told once an animation frame, however many messages a server sends in it.
fn log(state: SocketState, frame: Frame) {
    let _ = state.log.try_update_untracked(|log| log.push(frame));
    if state.frame_asked.try_get_value() == Some(false) {
        state.frame_asked.set_value(true);
        request_animation_frame(move || {
            let _ = state.frame_asked.try_set_value(false);
            let _ = state.log.try_update(|_| ());
        });
    }
}

pub fn connect(state: SocketState, url: &str) {
    // One connection at a time: a socket still here is closed first.
    abandon(state);
    state.problem.set(None);
    let protocols = match parse_protocols(&state.protocols.get_untracked()) {
        Ok(protocols) => protocols,
        Err(problem) => {
            state.problem.set(Some(format!("Subprotocols: {problem}")));
            return;
        }
    };
    let list = js_sys::Array::new();
    for protocol in &protocols {
        list.push(&protocol.into());
    }
    let socket = match web_sys::WebSocket::new_with_str_sequence(url, &list) {
        Ok(socket) => socket,
        Err(error) => {
            let message = error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser refused it".to_owned());
            state.problem.set(Some(format!("URL: {message}")));
            return;
        }
    };
    socket.set_binary_type(web_sys::BinaryType::Arraybuffer);
    let started_ms = now_ms();
    let offered = if protocols.is_empty() {
        String::new()
    } else {
        format!(", offering {}", protocols.join(", "))
    };
    log(
        state,
        Frame::connection(0.0, "connect", format!("Connecting to {url}{offered}")),
    );
    state.status.set(SocketStatus::Connecting);

    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let protocol = state
            .live
            .try_with_value(|l| l.as_ref().map(|l| l.socket.protocol()))
            .flatten()
            .unwrap_or_default();
        let text = if protocol.is_empty() {
            "Connected".to_owned()
        } else {
            format!("Connected; the server chose the subprotocol {protocol}")
        };
        log(state, Frame::connection(since(state), "open", text));
        let _ = state.status.try_set(SocketStatus::Open { protocol });
    });
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let (start, size) = received(&event.data());
            log(
                state,
                Frame::message_of_size(since(state), Direction::Received, &start, size),
            );
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        log(
            state,
            Frame::connection(
                since(state),
                "error",
                "The connection failed; the close code below says what the browser knows."
                    .to_owned(),
            ),
        );
    });
    let on_close =
        Closure::<dyn FnMut(web_sys::CloseEvent)>::new(move |event: web_sys::CloseEvent| {
            let (code, reason) = (event.code(), event.reason());
            let mut text = close_meaning(code);
            if !reason.is_empty() {
                text.push_str(&format!(" Reason: {reason}"));
            }
            log(state, Frame::connection(since(state), "close", text));
            let _ = state.status.try_set(SocketStatus::Closed { code, reason });
            // The socket and its callbacks go once this callback has returned.
            let gone = state.live.try_update_value(Option::take).flatten();
            leptos::task::spawn_local(async move { drop(gone) });
        });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    state.live.set_value(Some(LiveSocket {
        socket,
        started_ms,
        callbacks: vec![
            Box::new(on_open),
            Box::new(on_message),
            Box::new(on_error),
            Box::new(on_close),
        ],
    }));
}

/// The start of a received message (as much as its log entry shows) and its whole size: a
/// server's 100 MB message is not copied into the page's memory.
fn received(data: &wasm_bindgen::JsValue) -> (Outgoing, usize) {
    if let Some(text) = data.dyn_ref::<js_sys::JsString>() {
        // Characters are at most 3 bytes of UTF-8 for each UTF-16 unit.
        let units = text.length() as usize;
        if units * 3 <= MAX_SHOWN_TEXT {
            let text = String::from(text);
            let size = text.len();
            return (Outgoing::Text(text), size);
        }
        let start = String::from(text.slice(0, MAX_SHOWN_TEXT as u32));
        // Its UTF-8 size, counted by a Blob outside the page's memory.
        let parts = js_sys::Array::of1(text);
        let size =
            web_sys::Blob::new_with_str_sequence(&parts).map_or(units, |b| b.size() as usize);
        return (Outgoing::Text(start), size);
    }
    let buffer = js_sys::Uint8Array::new(data);
    let size = buffer.length() as usize;
    let shown = buffer
        .subarray(0, size.min(MAX_SHOWN_BYTES) as u32)
        .to_vec();
    (Outgoing::Binary(shown), size)
}

/// Closes with 1000 (normal closure); the close event ends it.
pub fn disconnect(state: SocketState) {
    state.live.with_value(|live| {
        if let Some(live) = live {
            let _ = live
                .socket
                .close_with_code_and_reason(1000, "Disconnect pressed");
        }
    });
    state.status.set(SocketStatus::Closing);
}

/// Closes the connection at once, without waiting for its close event (its view is going:
/// another URL, or the app unmounted), and forgets its callbacks.
pub fn abandon(state: SocketState) {
    let at = since(state);
    let Some(live) = state.live.try_update_value(Option::take).flatten() else {
        return;
    };
    let socket = &live.socket;
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onerror(None);
    socket.set_onclose(None);
    let reason = "The playground left the connection";
    let _ = socket.close_with_code_and_reason(1000, reason);
    log(
        state,
        Frame::connection(at, "close", format!("{} {reason}", close_meaning(1000))),
    );
    let _ = state.status.try_set(SocketStatus::Closed {
        code: 1000,
        reason: reason.to_owned(),
    });
}

/// Sends the Message box as its format says, or names what keeps it from going.
pub fn send(state: SocketState) {
    if !matches!(state.status.get_untracked(), SocketStatus::Open { .. }) {
        state
            .problem
            .set(Some("Message: connect first, then send.".to_owned()));
        return;
    }
    let message = match outgoing(state.format.get_untracked(), &state.message.get_untracked()) {
        Ok(message) => message,
        Err(problem) => {
            state.problem.set(Some(format!("Message: {problem}")));
            return;
        }
    };
    let sent = state.live.with_value(|live| {
        let socket = &live.as_ref()?.socket;
        Some(match &message {
            Outgoing::Text(text) => socket.send_with_str(text),
            Outgoing::Binary(bytes) => socket.send_with_u8_array(bytes),
        })
    });
    match sent {
        Some(Ok(())) => {
            state.problem.set(None);
            log(
                state,
                Frame::message(since(state), Direction::Sent, &message),
            );
        }
        _ => state.problem.set(Some(
            "Message: the connection is not open; connect again.".to_owned(),
        )),
    }
}
