//! Importing a curl command: pasted into the URL box, or into the Import panel. What was left
//! out or ignored is said in a notice above the form.

use leptos::prelude::*;

use crate::import::import_curl;
use crate::model::{add_missing_variables, Request, Variable};

/// What the last import said, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportNotice {
    Imported {
        ignored: Vec<String>,
        warnings: Vec<String>,
    },
    Failed(String),
    /// Opened from a share link; the lines say which secrets it left out, and `previous` is the
    /// draft the link replaced, one click away.
    Restored {
        from: RestoredFrom,
        lines: Vec<String>,
        previous: Option<Request>,
        /// Variables the link carries, offered to the reader (never added by themselves).
        variables: Vec<Variable>,
    },
    /// Nothing was sent although the page asked for it, and why.
    NotSent(String),
}

/// Where a restored request came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoredFrom {
    Link,
    History,
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

/// The notice an import leaves: what was ignored and what was left out, or why it failed; after
/// a link replaced a draft, the way back to it.
#[component]
pub fn ImportNoticeBar(
    notice: RwSignal<Option<ImportNotice>>,
    request: RwSignal<Request>,
    environment: RwSignal<Vec<Variable>>,
) -> impl IntoView {
    // What adding the link's variables did, shown in place of the offer.
    let added = RwSignal::new(None::<String>);
    move || {
        notice.get().map(|n| {
            let (previous, offered) = match &n {
                ImportNotice::Restored {
                    previous,
                    variables,
                    ..
                } => (previous.clone(), variables.clone()),
                _ => (None, Vec::new()),
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
                let offered = StoredValue::new(offered);
                view! {
                    <p>{format!("The link carries variables: {listed}.")}</p>
                    {move || match added.get() {
                        Some(done) => view! { <p role="status">{done}</p> }.into_any(),
                        None => view! {
                            <button type="button" class="small" on:click=move |_| {
                                let report = environment
                                    .try_update(|e| add_missing_variables(e, offered.get_value()))
                                    .unwrap_or_default();
                                added.set(Some(report));
                            }>"Add these variables"</button>
                        }
                        .into_any(),
                    }}
                }
            });
            let back = previous.map(|draft| {
                let draft = StoredValue::new(draft);
                view! {
                    <button type="button" class="small" on:click=move |_| {
                        request.set(draft.get_value());
                        notice.set(None);
                    }>"Back to my draft"</button>
                }
            });
            view! {
                <div class=class role="status">
                    <strong>{title}</strong>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {offer}
                    {back}
                    <button type="button" class="icon" aria-label="Dismiss" on:click=move |_| { notice.set(None); added.set(None); }>"×"</button>
                </div>
            }
        })
    }
}
