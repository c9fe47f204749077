//! The History region: sent requests, newest first; click one to restore it, delete one, or
//! clear all. Kept in localStorage; secrets only when the user allows it.

use leptos::prelude::*;

use super::storage::{load_text, save_text};
use crate::model::{format_millis, history_from_json, history_to_json, HistoryEntry, Request};

/// The history and the keep-secrets choice, loaded from storage under keys derived from the
/// app's draft key, and saved back on every change.
pub fn history_signal(storage_key: &str) -> (RwSignal<Vec<HistoryEntry>>, RwSignal<bool>) {
    let history_key = format!("{storage_key}.history");
    let secrets_key = format!("{storage_key}.history-secrets");
    let saved = load_text(&history_key).and_then(|json| history_from_json(&json).ok());
    let history = RwSignal::new(saved.unwrap_or_default());
    let keep_secrets = RwSignal::new(load_text(&secrets_key).as_deref() == Some("true"));
    Effect::new(move |_| history.with(|h| save_text(&history_key, &history_to_json(h))));
    Effect::new(move |_| {
        save_text(
            &secrets_key,
            if keep_secrets.get() { "true" } else { "false" },
        )
    });
    (history, keep_secrets)
}

#[component]
pub fn HistoryPanel(
    history: RwSignal<Vec<HistoryEntry>>,
    keep_secrets: RwSignal<bool>,
    request: RwSignal<Request>,
) -> impl IntoView {
    let len = Memo::new(move |_| history.with(Vec::len));
    view! {
        <section class="history" aria-label="History">
            <div class="history-head">
                <h2>{move || format!("History ({})", len.get())}</h2>
                <label class="muted">
                    <input type="checkbox" prop:checked=move || keep_secrets.get() on:change:target=move |ev| keep_secrets.set(ev.target().checked())/>
                    " Keep secrets in history"
                </label>
                <button type="button" class="small" on:click=move |_| history.set(Vec::new())>"Clear history"</button>
            </div>
            <Show when=move || len.get() == 0>
                <p class="muted">"Requests you send appear here."</p>
            </Show>
            <ol class="history-list">
                <For each=move || 0..len.get() key=|i| *i children=move |i| {
                    let entry = move || history.with(|h| h.get(i).cloned());
                    let summary = move || entry().map(|e| (e.request.effective_method(), e.request.url.clone(), e.result, format_millis(e.elapsed_ms as f64))).unwrap_or_default();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="history-item"
                                on:click=move |_| if let Some(e) = entry() { request.set(e.request) }
                            >
                                <span class="method">{move || summary().0}</span>
                                <span class="history-url">{move || summary().1}</span>
                                <span class=move || format!("result status-{}xx", summary().2.chars().next().unwrap_or('x'))>{move || summary().2}</span>
                                <span class="muted">{move || summary().3}</span>
                            </button>
                            <button type="button" class="icon" aria-label=format!("Delete history entry {}", i + 1) on:click=move |_| history.update(|h| if i < h.len() { h.remove(i); })>"×"</button>
                        </li>
                    }
                }/>
            </ol>
        </section>
    }
}
