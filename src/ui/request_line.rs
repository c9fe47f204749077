//! Method, URL, timeout, Send and Cancel: the line a request starts from.

use leptos::prelude::*;

use super::curl_import::apply_curl;
use super::problem_for;
use super::socket::SocketState;
use super::workspace::WorkspaceSignals;
use crate::import::looks_like_curl;
use crate::model::{
    body_note, format_seconds, parse_seconds, url_input_text, Field, SocketStatus, ValidationError,
    STANDARD_METHODS,
};
use crate::state::Edit;

/// An embed's "Reset example" button: enabled while the request differs from the author's.
#[derive(Clone, Copy)]
pub struct ResetExample {
    pub changed: Signal<bool>,
    pub reset: Callback<()>,
}

/// The select's value for a method it does not list.
const CUSTOM: &str = "CUSTOM";

#[component]
pub fn RequestLine(
    ws: WorkspaceSignals,
    errors: Memo<Vec<ValidationError>>,
    pending: Memo<bool>,
    send: Callback<()>,
    cancel: Callback<()>,
    /// Set by an embedding page (`readonly=url,method`).
    #[prop(optional)]
    readonly_url: bool,
    #[prop(optional)] readonly_method: bool,
    /// Embedded only: brings back the author's example.
    #[prop(default = None)]
    reset: Option<ResetExample>,
    /// Whether the URL is a WebSocket's, and its connection: Send is then Connect or
    /// Disconnect, and the method and timeout have no part.
    #[prop(optional)]
    socket: Option<(Memo<bool>, SocketState)>,
) -> impl IntoView {
    let request = ws.request;
    let socket_mode = move || socket.is_some_and(|(on, _)| on.get());
    // The URL is fixed while a connection is there, as the connection is to it.
    let connected =
        move || socket.is_some_and(|(on, s)| on.get() && s.status.with(SocketStatus::is_active));
    let send_label = move || match socket {
        Some((on, state)) if on.get() => state.status.with(SocketStatus::button),
        _ => "Send",
    };
    let is_custom = move || request.with(|r| !STANDARD_METHODS.contains(&r.method.as_str()));
    let select_value = move || {
        request.with(|r| {
            if STANDARD_METHODS.contains(&r.method.as_str()) {
                r.method.clone()
            } else {
                CUSTOM.to_owned()
            }
        })
    };
    let on_method = move |value: String| {
        let method = (value != CUSTOM).then_some(value);
        ws.edit(Edit::Method(method));
    };

    let url_problem = move || errors.with(|e| problem_for(e, Field::Url));
    let method_problem = move || errors.with(|e| problem_for(e, Field::Method));
    let timeout_problem = move || errors.with(|e| problem_for(e, Field::Timeout));
    let note = move || request.with(body_note);

    // A single-line input drops the line breaks of pasted text, which breaks a multi-line curl
    // command's backslash continuations: the clipboard's own text is imported instead, as the
    // Import panel would.
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
            .unwrap_or_default();
        if !readonly_url && looks_like_curl(&text) {
            ev.prevent_default();
            apply_curl(ws, text, |_| ());
        }
    };

    // The timeout box keeps the user's text while it is not a number yet (an empty box while
    // typing); the model is only written back into it when they disagree.
    let timeout_text = RwSignal::new(format_seconds(request.get_untracked().timeout_ms));
    Effect::new(move |_| {
        let ms = request.with(|r| r.timeout_ms);
        if timeout_ms_from(&timeout_text.get_untracked()) != ms {
            timeout_text.set(format_seconds(ms));
        }
    });

    view! {
        <div class="request-line">
            <select
                class="method"
                aria-label="Method"
                hidden=socket_mode
                class:invalid=move || method_problem().is_some()
                disabled=readonly_method
                prop:value=select_value
                on:change:target=move |ev| on_method(ev.target().value())
            >
                {STANDARD_METHODS.map(|m| view! { <option value=m>{m}</option> })}
                <option value=CUSTOM>"Custom…"</option>
            </select>
            <Show when=move || is_custom() && !socket_mode()>
                <input
                    class="custom-method"
                    aria-label="Custom method"
                    placeholder="PROPFIND"
                    readonly=readonly_method
                    prop:value=move || request.with(|r| r.method.clone())
                    on:input:target=move |ev| ws.edit(Edit::CustomMethod(ev.target().value()))
                />
            </Show>
            <input
                class="url"
                type="text"
                aria-label="URL"
                placeholder="https://httpbin.org/get, or paste a curl command"
                spellcheck="false"
                autocomplete="off"
                readonly=move || readonly_url || connected()
                aria-invalid=move || url_problem().is_some().to_string()
                prop:value=move || request.with(url_input_text)
                on:paste=on_paste
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    let curl = looks_like_curl(&text);
                    ws.edit(Edit::Url(text.clone()));
                    // A curl command typed (or dropped) fills the whole form instead of the URL,
                    // unless the request has changed again by the time it is read.
                    if curl {
                        apply_curl(ws, text, |_| ());
                    }
                }
            />
            <label class="timeout" hidden=socket_mode>
                "Timeout (s)"
                <input
                    type="number"
                    min="0.1"
                    step="0.1"
                    aria-invalid=move || timeout_problem().is_some().to_string()
                    prop:value=move || timeout_text.get()
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        let ms = timeout_ms_from(&text);
                        timeout_text.set(text);
                        ws.edit(Edit::Timeout(ms));
                    }
                />
            </label>
            {reset.map(|ResetExample { changed, reset }| view! {
                <button
                    type="button"
                    class="reset-example"
                    title="Bring back the lesson's example (your edits are kept until then)"
                    disabled=move || !changed.get()
                    on:click=move |_| reset.run(())
                >
                    "Reset example"
                </button>
            })}
            <Show
                when=move || pending.get() && !socket_mode()
                fallback=move || view! {
                    <button type="button" class="send primary" on:click=move |_| send.run(())>{send_label}</button>
                }
            >
                <button type="button" class="cancel" on:click=move |_| cancel.run(())>"Cancel"</button>
            </Show>
        </div>
        <ul class="line-problems" aria-live="polite">
            {move || [method_problem().map(|p| format!("Method: {p}")), url_problem().map(|p| format!("URL: {p}")), timeout_problem().map(|p| format!("Timeout (s): {p}"))]
                .into_iter()
                .flatten()
                .map(|p| view! { <li>{p}</li> })
                .collect_view()}
        </ul>
        <div class="line-notes" aria-live="polite">
            {move || note().map(|n| view! { <p class="hint warn body-note">{n}</p> })}
        </div>
    }
}

/// Seconds typed by the user as milliseconds; 0 (which validation reports) when not a number.
fn timeout_ms_from(text: &str) -> u64 {
    parse_seconds(text).unwrap_or(0)
}
