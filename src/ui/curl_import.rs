//! Importing a curl command: pasted into the URL box, or into the Import panel. What was left
//! out or ignored is said in a notice above the form.

use leptos::prelude::*;

use super::lazy::{curl_import, NotLoaded};
use super::workspace::WorkspaceSignals;
use crate::state::{Change, ImportNotice, RestoredFrom};

/// Imports `command` into the request, with a notice of what was left out; on failure only
/// the notice. The importer is loaded on first use, so this finishes later: its answer is
/// dropped if the request has been edited since this call (the user went on typing), else
/// applied, and `then` learns whether it imported.
pub fn apply_curl(ws: WorkspaceSignals, command: String, then: impl FnOnce(bool) + 'static) {
    let before = ws.request.get_untracked();
    leptos::task::spawn_local(async move {
        let result = curl_import(command)
            .await
            .unwrap_or_else(|NotLoaded| Err(NotLoaded::MESSAGE.to_owned()));
        let unchanged = ws
            .request
            .try_with_untracked(|r| *r == before)
            .unwrap_or(false);
        if unchanged {
            then(ws.apply(Change::ImportCurl(result)).touched.request);
        }
    });
}

/// The Import panel, while open: a textarea for a curl command and an Import button.
#[component]
pub fn CurlImportPanel(ws: WorkspaceSignals, open: RwSignal<bool>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let import = move |_| {
        apply_curl(ws, text.get_untracked(), move |imported| {
            if imported {
                // The panel may have been closed meanwhile.
                let _ = text.try_set(String::new());
                let _ = open.try_set(false);
            }
        });
    };
    view! {
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
    }
}

/// The notice an import leaves: what was ignored and what was left out, or why it failed; after
/// a link replaced a draft, the way back to it.
#[component]
pub fn ImportNoticeBar(ws: WorkspaceSignals) -> impl IntoView {
    // What adding the link's variables did, shown in place of the offer.
    let added = RwSignal::new(None::<String>);
    move || {
        ws.notice.get().map(|n| {
            let (kept, offered) = match &n {
                ImportNotice::Restored {
                    previous,
                    variables,
                    ..
                } => (previous.is_some(), variables.clone()),
                _ => (false, Vec::new()),
            };
            let (class, title, lines) = match n {
                ImportNotice::Imported { ignored, warnings } => {
                    let mut lines = warnings;
                    if !ignored.is_empty() {
                        lines.push(format!("Options that only change curl's own behaviour were ignored: {}.", ignored.join(" ")));
                    }
                    ("notice ok", "Imported from curl.", lines)
                }
                ImportNotice::Failed(message) => ("notice error", "Could not import the curl command:", vec![message]),
                ImportNotice::Restored { from, mut lines, previous, .. } => {
                    if previous.is_some() {
                        lines.push("Your previous draft is kept: “Back to my draft” brings it back.".to_owned());
                    }
                    let title = match from {
                        RestoredFrom::Link => "Opened from a share link.",
                        RestoredFrom::History => "Restored from history.",
                        RestoredFrom::Description => "Filled from the API description.",
                    };
                    ("notice ok", title, lines)
                }
                ImportNotice::NotSent(why) => ("notice ok", "Nothing was sent.", vec![why]),
            };
            let offer = (!offered.is_empty()).then(|| {
                let listed = offered
                    .iter()
                    .map(|v| format!("{} = {}", v.name, v.value))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <p>{format!("The link carries variables: {listed}.")}</p>
                    {move || match added.get() {
                        Some(done) => view! { <p role="status">{done}</p> }.into_any(),
                        None => view! {
                            <button type="button" class="small" on:click=move |_| {
                                added.set(ws.apply(Change::AddOfferedVariables).report);
                            }>"Add these variables"</button>
                        }
                        .into_any(),
                    }}
                }
            });
            let back = kept.then(|| view! {
                <button type="button" class="small" on:click=move |_| { ws.apply(Change::BackToDraft); }>"Back to my draft"</button>
            });
            view! {
                <div class=class role="status">
                    <strong>{title}</strong>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {offer}
                    {back}
                    <button type="button" class="icon" aria-label="Dismiss" on:click=move |_| { ws.apply(Change::Dismiss); added.set(None); }>"×"</button>
                </div>
            }
        })
    }
}
