//! Importing a curl command: pasted into the URL box, or into the Import panel. What was left
//! out or ignored is said in a notice above the form.

use leptos::prelude::*;

use crate::import::import_curl;
use crate::model::Request;

/// What the last import said, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportNotice {
    Imported {
        ignored: Vec<String>,
        warnings: Vec<String>,
    },
    Failed(String),
    /// Opened from a share link; the lines say which secrets it left out.
    Restored(Vec<String>),
}

/// Whether text typed or pasted into the URL box is a curl command rather than a URL.
pub fn looks_like_curl(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with("curl ") || text.starts_with("curl\n") || text.starts_with("curl\t")
}

/// Imports `command` into the request; on failure leaves the request as it was.
pub fn apply_curl(
    request: RwSignal<Request>,
    notice: RwSignal<Option<ImportNotice>>,
    command: &str,
) -> bool {
    match import_curl(command) {
        Ok(imported) => {
            request.set(imported.request);
            notice.set(Some(ImportNotice::Imported {
                ignored: imported.ignored,
                warnings: imported.warnings,
            }));
            true
        }
        Err(error) => {
            notice.set(Some(ImportNotice::Failed(error.to_string())));
            false
        }
    }
}

/// The Import panel: a textarea for a curl command and an Import button.
#[component]
pub fn CurlImportPanel(
    request: RwSignal<Request>,
    notice: RwSignal<Option<ImportNotice>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let import = move |_| {
        if apply_curl(request, notice, &text.get_untracked()) {
            text.set(String::new());
            open.set(false);
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="import-panel" role="dialog" aria-label="Import curl">
                <textarea
                    class="code-input"
                    aria-label="curl command"
                    rows="6"
                    spellcheck="false"
                    placeholder="curl 'https://httpbin.org/post' -H 'Content-Type: application/json' --data-raw '{\"a\": 1}'"
                    prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())
                ></textarea>
                <div class="row">
                    <button type="button" class="primary" on:click=import>"Import"</button>
                    <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                    <span class="muted">"Chrome and Firefox: Network tab → right-click a request → Copy as cURL (bash)."</span>
                </div>
            </div>
        </Show>
    }
}

/// The notice an import leaves: what was ignored and what was left out, or why it failed.
#[component]
pub fn ImportNoticeBar(notice: RwSignal<Option<ImportNotice>>) -> impl IntoView {
    move || {
        notice.get().map(|n| {
            let (class, title, lines) = match n {
                ImportNotice::Imported { ignored, warnings } => {
                    let mut lines = warnings;
                    if !ignored.is_empty() {
                        lines.push(format!("Options that only change curl's own behaviour were ignored: {}.", ignored.join(" ")));
                    }
                    ("notice ok", "Imported from curl.", lines)
                }
                ImportNotice::Failed(message) => ("notice error", "Could not import the curl command:", vec![message]),
                ImportNotice::Restored(lines) => ("notice ok", "Opened from a share link.", lines),
            };
            view! {
                <div class=class role="status">
                    <strong>{title}</strong>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    <button type="button" class="icon" aria-label="Dismiss" on:click=move |_| notice.set(None)>"×"</button>
                </div>
            }
        })
    }
}
