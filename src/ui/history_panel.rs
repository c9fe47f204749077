//! The History region: sent requests, newest first; click one to restore it, delete one, or
//! clear all. Kept in localStorage; secrets only when the user allows it.

use leptos::prelude::*;

use super::files::FileTransfer;
use super::storage::{load_list, load_text, save_text};
use super::workspace::WorkspaceSignals;
use crate::model::{
    history_export, history_from_json_lenient, history_row_texts, history_to_json, url_input_text,
    HistoryEntry, Secrets,
};
use crate::state::Change;

/// The history and the keep-secrets choice, loaded from storage under keys derived from the
/// app's draft key, and saved back on every change.
pub fn history_signal(storage_key: &str) -> (RwSignal<Vec<HistoryEntry>>, RwSignal<bool>) {
    let history_key = format!("{storage_key}.history");
    let secrets_key = format!("{storage_key}.history-secrets");
    let history = RwSignal::new(load_list(&history_key, history_from_json_lenient));
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

/// An import's report followed by the entries of the file it skipped (the first three, then a
/// count).
pub(crate) fn with_skipped(report: String, skipped: &[String]) -> String {
    match skipped {
        [] => report,
        [a] => format!("{report} {a}."),
        [a, b] => format!("{report} {a}. {b}."),
        [a, b, c] => format!("{report} {a}. {b}. {c}."),
        [a, b, c, rest @ ..] => {
            format!("{report} {a}. {b}. {c}. And {} more skipped.", rest.len())
        }
    }
}

#[component]
pub fn HistoryPanel(ws: WorkspaceSignals, keep_secrets: RwSignal<bool>) -> impl IntoView {
    let history = ws.history;
    let len = Memo::new(move |_| history.with(Vec::len));
    let include_secrets = RwSignal::new(false);
    let export = Callback::new(move |()| {
        let secrets = Secrets::included_if(include_secrets.get_untracked());
        let note = match secrets {
            Secrets::Include => String::new(),
            Secrets::LeaveOut => {
                "Secrets were left out of the file; tick “Include secrets” to export them."
                    .to_owned()
            }
        };
        (history.with(|h| history_export(h, secrets)), note)
    });
    let import = Callback::new(move |text: String| {
        let (imported, skipped) = history_from_json_lenient(&text).map_err(|e| e.0)?;
        let report = ws
            .apply(Change::ImportHistory(imported))
            .report
            .unwrap_or_default();
        Ok(with_skipped(report, &skipped))
    });
    view! {
        <section class="history" aria-label="History">
            <div class="history-head">
                <h2>{move || format!("History ({})", len.get())}</h2>
                <label class="muted">
                    <input type="checkbox" prop:checked=move || keep_secrets.get() on:change:target=move |ev| keep_secrets.set(ev.target().checked())/>
                    " Keep secrets in history"
                </label>
                <button type="button" class="small" on:click=move |_| { ws.apply(Change::ClearHistory); }>"Clear history"</button>
                <FileTransfer what="history" file_name="http-playground-history.json" export=export import/>
                <label class="muted">
                    <input type="checkbox" prop:checked=move || include_secrets.get() on:change:target=move |ev| include_secrets.set(ev.target().checked())/>
                    " Include secrets"
                </label>
            </div>
            <Show when=move || len.get() == 0>
                <p class="muted">"Requests you send appear here."</p>
            </Show>
            <ol class="history-list">
                // Re-rendered whole on change: at most 100 rows, and far less code than keyed rows.
                {move || history.with(|entries| {
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, entry)| {
                            let status_class = format!("result status-{}xx", entry.result.chars().next().unwrap_or('x'));
                            let (result, time) = history_row_texts(&entry.result, entry.elapsed_ms, entry.request.timeout_ms);
                            view! {
                                <li>
                                    <button type="button" class="history-item" on:click=move |_| { ws.apply(Change::RestoreEntry(i)); }>
                                        <span class="method">{entry.request.effective_method()}</span>
                                        <span class="history-url">{url_input_text(&entry.request)}</span>
                                        <span class=status_class>{result}</span>
                                        {time.map(|time| view! { <span class="muted">{time}</span> })}
                                    </button>
                                    <button
                                        type="button"
                                        class="icon"
                                        aria-label=format!("Delete history entry {}", i + 1)
                                        on:click=move |_| { ws.apply(Change::RemoveEntry(i)); }
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                })}
            </ol>
        </section>
    }
}
