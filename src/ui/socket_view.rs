//! A WebSocket connection in the page, loaded on first use: the message composer, the Messages
//! region (a row per frame with its time and size, the close code explained, Reconnect) and
//! the code of the four WebSocket clients. socket_connection.rs connects and sends.

use leptos::prelude::*;

use super::code_panel::CodeView;
use super::socket::SocketState;
use super::socket_connection::{abandon, connect, send};
use super::virtual_rows::VirtualRows;
use crate::codegen::{socket_code, SocketSetup, Target};
use crate::model::{
    format_since, format_size, outgoing, parse_protocols, pretty_json, Direction, Frame,
    MessageFormat, SocketStatus, SOCKET_LOG_CAP,
};
use crate::viewer::one_line;

/// Characters of a message shown in its row (the chosen one is shown whole below).
const ROW_CHARS: usize = 200;

/// The composer: subprotocols (used at the next Connect), the message's format, the Message box
/// (JSON checked as it is typed) and Send message (Ctrl/⌘ + Enter in the box).
#[component]
pub fn SocketComposer(state: SocketState) -> impl IntoView {
    let open = move || matches!(state.status.get(), SocketStatus::Open { .. });
    // Checked as typed; nothing typed is lost when it cannot be sent.
    let check = move || {
        state.format.with(|&format| {
            state
                .message
                .with(|text| outgoing(format, text).err().filter(|_| !text.is_empty()))
        })
    };
    let protocols_problem = move || state.protocols.with(|p| parse_protocols(p).err());
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            ev.stop_propagation();
            send(state);
        }
    };
    view! {
        <div class="socket-composer">
            <div class="fields">
            <label class="field">
                "Subprotocols"
                <input
                    type="text"
                    placeholder="chat, json (comma-separated; used when connecting)"
                    aria-invalid=move || protocols_problem().is_some().to_string()
                    prop:value=move || state.protocols.get()
                    on:input:target=move |ev| state.protocols.set(ev.target().value())
                />
            </label>
            <label class="field">
                "Message format"
                <select on:change:target=move |ev| state.format.set(MessageFormat::from_id(&ev.target().value()).unwrap_or_default())>
                    {MessageFormat::ALL.into_iter().map(|f| view! {
                        <option value=f.id() selected=move || state.format.get() == f>{f.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            </div>
            {move || protocols_problem().map(|p| view! { <p class="field-problem">{format!("Subprotocols: {p}")}</p> })}
            <label class="field">
                "Message"
                <textarea
                    rows="5"
                    spellcheck="false"
                    aria-invalid=move || check().is_some().to_string()
                    prop:value=move || state.message.get()
                    on:input:target=move |ev| state.message.set(ev.target().value())
                    on:keydown=on_keydown
                ></textarea>
            </label>
            <div class="socket-actions">
                <button type="button" class="primary" disabled=move || !open() on:click=move |_| send(state)>"Send message"</button>
                <span class="hint">{move || if open() { "Ctrl/⌘ + Enter in the box sends" } else { "Connect to send messages" }}</span>
            </div>
            <div aria-live="polite">
                {move || check().map(|p| view! { <p class="field-problem">{format!("Message: {p}")}</p> })}
                {move || state.problem.get().map(|p| view! { <p class="notice error" role="alert">{p}</p> })}
            </div>
        </div>
    }
}

/// The Messages region: the connection's status (the close code explained), counts, a row per
/// frame (sent ↑, received ↓, the connection •) with its time and size, the chosen one whole.
#[component]
pub fn SocketMessages(state: SocketState, url: Signal<String>) -> impl IntoView {
    // By its number in the log, so that the choice stays on its message as old ones are dropped.
    let chosen: RwSignal<Option<u64>> = RwSignal::new(None);
    let count = Signal::derive(move || state.log.with(|l| l.frames().len()));
    let follow = RwSignal::new(true);
    let scroll_to = Signal::derive(move || {
        let n = count.get();
        (follow.get() && n > 0).then(|| n - 1)
    });
    let counts = move || {
        state.log.with(|l| {
            let (sent, received) = l.messages();
            format!("{sent} sent · {received} received")
        })
    };
    let dropped = move || {
        state.log.with(|l| {
            (l.dropped() > 0).then(|| {
                format!(
                    "The {} oldest entries were dropped to keep this log within {SOCKET_LOG_CAP}.",
                    l.dropped()
                )
            })
        })
    };
    let closed = move || matches!(state.status.get(), SocketStatus::Closed { .. });
    let detail = move || {
        let seq = chosen.get()?;
        let frame = state.log.with_untracked(|l| l.by_seq(seq).cloned())?;
        let text = if frame.kind == "text" {
            pretty_json(&frame.text).unwrap_or(frame.text.clone())
        } else {
            frame.text.clone()
        };
        Some(view! {
            <div class="stream-detail" role="group" aria-label="Chosen message">
                <div class="muted">{format!("{} {} {}", format_since(frame.at_ms), label(&frame), format_size(frame.size))}</div>
                <pre>{text}</pre>
            </div>
        })
    };
    // Leaving WebSocket mode (another URL) or the page closes the connection.
    on_cleanup(move || abandon(state));
    view! {
        <section class="response socket" aria-label="Messages">
            <h2>"Messages"</h2>
            <div class="stream-bar">
                <span role="status" class=move || if closed() { "socket-status closed" } else { "socket-status" }>{move || state.status.with(SocketStatus::summary)}</span>
                <span class="muted">{counts}</span>
                <label class="follow">
                    <input type="checkbox" prop:checked=move || follow.get() on:change:target=move |ev| follow.set(ev.target().checked())/>
                    " Follow new messages"
                </label>
                <Show when=closed>
                    <button type="button" class="small" on:click=move |_| connect(state, url.get_untracked().trim())>"Reconnect"</button>
                </Show>
                <button type="button" class="small" on:click=move |_| { chosen.set(None); state.log.update(|l| *l = crate::model::SocketLog::new(SOCKET_LOG_CAP)) }>"Clear"</button>
            </div>
            {move || dropped().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <VirtualRows count scroll_to class="stream-rows" row=move |i| {
                // Read where it is kept: a row shows at most ROW_CHARS of its text.
                let row = state.log.with_untracked(|l| {
                    l.frames().get(i).map(|f| (f.seq, f.direction, format_since(f.at_ms), label(f), f.size, one_line(&f.text, ROW_CHARS)))
                });
                let Some((seq, direction, time, kind, size, data)) = row else {
                    return view! { <div class="vrow"></div> }.into_any();
                };
                let class = match direction {
                    Direction::Sent => "vrow srow frame sent",
                    Direction::Received => "vrow srow frame received",
                    Direction::Connection => "vrow srow frame connection",
                };
                let size = if direction == Direction::Connection { String::new() } else { format_size(size) };
                view! {
                    <div class=class class:selected=move || chosen.get() == Some(seq) on:click=move |_| chosen.set(Some(seq))>
                        <span class="s-time">{time}</span>
                        <span class="s-type">{kind}</span>
                        <span class="s-id">{size}</span>
                        <span class="s-data">{data}</span>
                    </div>
                }.into_any()
            }/>
            {detail}
        </section>
    }
}

/// `↑ text`, `↓ binary`, `• close`.
fn label(frame: &Frame) -> String {
    let arrow = match frame.direction {
        Direction::Sent => "↑",
        Direction::Received => "↓",
        Direction::Connection => "•",
    };
    format!("{arrow} {}", frame.kind)
}

/// The code of the four WebSocket clients for the URL, the subprotocols and the message as they
/// stand (a problem with either is said in a comment instead).
#[component]
pub fn SocketCode(state: SocketState, url: Signal<String>) -> impl IntoView {
    let target = RwSignal::new(Target::PythonWebsockets);
    let code = Signal::derive(move || {
        let target = target.get();
        let prefix = target.language().comment_prefix();
        let protocols = match state.protocols.with(|p| parse_protocols(p)) {
            Ok(protocols) => protocols,
            Err(problem) => return format!("{prefix} Fix the subprotocols first: {problem}\n"),
        };
        let message = match state
            .format
            .with(|&f| state.message.with(|m| outgoing(f, m)))
        {
            Ok(message) => message,
            Err(problem) => return format!("{prefix} Fix the message first: {problem}\n"),
        };
        let setup = SocketSetup {
            url: url.get().trim().to_owned(),
            protocols,
            message,
        };
        socket_code(target, &setup)
    });
    view! { <CodeView targets=&Target::SOCKET target code/> }
}
