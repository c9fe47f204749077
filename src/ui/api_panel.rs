//! The API description panel (loaded on first use): open a description from a URL, a file or
//! pasted text; then the Operations list beside the chosen operation's form. Choosing an
//! operation fills the request; nothing is sent until the reader sends it.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::api_nav::OperationsNav;
use super::api_operation::OperationView;
use super::api_state::ApiState;
use super::files::chosen_file_text;
use super::workspace::WorkspaceSignals;
use crate::model::url_origin;
use crate::openapi::{by_id, defuse, parse_text, Description, Document, OperationForm};
use crate::state::Change;
use crate::transport::fetch_text;

/// Documents a description's `$ref`s may name, at most (fetched in rounds, as refs lead on).
const MAX_DOCUMENTS: usize = 32;

/// Where the panel stands while a description opens.
#[derive(Clone, Copy)]
struct Status {
    busy: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
    /// What the opened description lacks (documents not fetched, or unreadable).
    notes: RwSignal<Vec<String>>,
}

/// The page's own address: relative servers of a description opened from a file or pasted
/// resolve against it.
fn page_url() -> Option<String> {
    web_sys::window().and_then(|w| w.location().href().ok())
}

/// Fills the request from operation `index`, keeping a draft it displaces one click away.
pub fn choose(ws: WorkspaceSignals, api: ApiState, index: usize) -> Result<(), String> {
    let Some(description) = api.description.get_untracked() else {
        return Ok(());
    };
    let operation = &description.operations[index];
    let form = OperationForm::new(&description.document, operation, page_url().as_deref())
        .map_err(|e| format!("{}: {e}", operation.label()))?;
    let request = form.request();
    let mut lines = form.notes.iter().map(|n| defuse(n)).collect::<Vec<_>>();
    if form.defused() {
        lines.push("Some of the description's values held {{…}}; they became { {…} }, so a description never names your variables.".to_owned());
    }
    ws.apply(Change::OpenOperation {
        request: request.clone(),
        filled_before: api.filled.get_untracked(),
        lines,
    });
    api.filled.set(Some(request));
    api.form.set(Some(form));
    Ok(())
}

/// Reads `text` (from `url`, if it came from one), fetches the documents its `$ref`s name,
/// and shows it; then fills `operation` if a link named one.
fn open_text(
    ws: WorkspaceSignals,
    api: ApiState,
    status: Status,
    text: String,
    url: Option<String>,
    operation: Option<String>,
) {
    leptos::task::spawn_local(async move {
        let _ = status
            .busy
            .try_set(Some("Reading the description…".to_owned()));
        // A frame for the message before a large description takes the thread.
        gloo_timers::future::TimeoutFuture::new(0).await;
        let mut notes: Vec<String> = Vec::new();
        let parsed = Document::parse(&text, url);
        drop(text);
        let mut document = match parsed {
            Ok(document) => document,
            Err(e) => {
                let _ = status.busy.try_set(None);
                let _ = status
                    .problem
                    .try_set(Some(format!("This description cannot be opened: {e}")));
                return;
            }
        };
        // Documents its $refs name are fetched only from the description's own origin: a link's
        // description must not make the page fetch from other sites (or the reader's network)
        // by itself. Others are named, and what refers to them says it cannot be read.
        let own = document.url.clone();
        let own = own.as_deref().and_then(url_origin);
        let mut failed: Vec<String> = Vec::new();
        let mut elsewhere: Vec<String> = Vec::new();
        let mut fetched = 0;
        loop {
            let missing: Vec<String> = document
                .missing_documents()
                .into_iter()
                .filter(|u| !failed.contains(u) && !elsewhere.contains(u))
                .collect();
            let (here, there): (Vec<String>, Vec<String>) = missing.into_iter().partition(|u| {
                own.zip(url_origin(u))
                    .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
            });
            elsewhere.extend(there);
            if here.is_empty() || fetched >= MAX_DOCUMENTS {
                break;
            }
            for reference in here.into_iter().take(MAX_DOCUMENTS - fetched) {
                fetched += 1;
                let _ = status.busy.try_set(Some(format!("Reading {reference}…")));
                let read = fetch_text(&reference, "A document the description refers to").await;
                match read.and_then(|(_, text)| {
                    parse_text(&text).map_err(|e| format!("{reference}: {e}"))
                }) {
                    Ok(json) => document.add_document(reference, json),
                    Err(why) => {
                        failed.push(reference);
                        notes.push(why);
                    }
                }
            }
        }
        if !elsewhere.is_empty() {
            notes.push(format!(
                "Not fetched (another site than the description's): {}.",
                elsewhere.join(", ")
            ));
        }
        let _ = status.notes.try_set(notes);
        let description = Description::new(document);
        let _ = status.busy.try_set(None);
        let _ = status.problem.try_set(None);
        api.form.set(None);
        api.description.set(Some(Arc::new(description)));
        if let Some(id) = operation {
            let found = api
                .description
                .with_untracked(|d| d.as_ref().and_then(|d| by_id(&d.operations, &id)));
            let outcome = match found {
                Some(index) => choose(ws, api, index),
                None => Err(format!(
                    "operation={id}: the description has no operation with this operationId."
                )),
            };
            if let Err(why) = outcome {
                let _ = status.problem.try_set(Some(why));
            }
        }
    });
}

fn open_url(
    ws: WorkspaceSignals,
    api: ApiState,
    status: Status,
    url: String,
    operation: Option<String>,
) {
    let url = url.trim().to_owned();
    if url.is_empty() {
        status.problem.set(Some(
            "Description URL: enter the address of an OpenAPI or Swagger description.".to_owned(),
        ));
        return;
    }
    status.problem.set(None);
    status.busy.set(Some(format!("Fetching {url}…")));
    leptos::task::spawn_local(async move {
        match fetch_text(&url, "Description URL").await {
            Ok((final_url, text)) => open_text(ws, api, status, text, Some(final_url), operation),
            Err(why) => {
                let _ = status.busy.try_set(None);
                let _ = status.problem.try_set(Some(why));
            }
        }
    });
}

#[component]
pub fn ApiPanel(ws: WorkspaceSignals, api: ApiState) -> impl IntoView {
    let status = Status {
        busy: RwSignal::new(None),
        problem: RwSignal::new(None),
        notes: RwSignal::new(Vec::new()),
    };
    if let Some((url, operation)) = api.start.try_update_value(Option::take).flatten() {
        open_url(ws, api, status, url, operation);
    }
    let close = move |_| {
        api.description.set(None);
        api.form.set(None);
        api.filled.set(None);
        api.open.set(false);
    };
    view! {
        <section class="api-panel" aria-label="API description">
            {move || match api.description.get() {
                None => view! { <OpenForm ws api status/> }.into_any(),
                Some(description) => view! {
                    <div class="api-head">
                        <h2>{description.title.clone()}</h2>
                        <span class="muted">{format!("{} · {} operations", description.document.version.label(), description.operations.len())}</span>
                        <button type="button" class="small" on:click=move |_| { api.description.set(None); api.form.set(None); }>"Open another"</button>
                        <button type="button" class="small" on:click=close>"Close"</button>
                    </div>
                    <div class="api-body">
                        <OperationsNav ws api description=description.clone()/>
                        <OperationView ws api/>
                    </div>
                }.into_any(),
            }}
            {move || status.busy.get().map(|text| view! { <p class="muted" role="status">{text}</p> })}
            {move || status.problem.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
            {move || status.notes.with(|notes| (!notes.is_empty()).then(|| {
                let items = notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view();
                view! { <ul class="muted api-notes">{items}</ul> }
            }))}
        </section>
    }
}

/// Open from a URL, a file or pasted text.
#[component]
fn OpenForm(ws: WorkspaceSignals, api: ApiState, status: Status) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let pasted = RwSignal::new(String::new());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        status.problem.set(None);
        leptos::task::spawn_local(async move {
            match chosen_file_text(&input).await {
                Some((_, text)) => open_text(ws, api, status, text, None, None),
                None => {
                    let _ = status.problem.try_set(Some(
                        "Description file: it could not be read as text.".to_owned(),
                    ));
                }
            }
        });
    };
    view! {
        <form class="api-open" on:submit=move |ev| { ev.prevent_default(); open_url(ws, api, status, url.get_untracked(), None); }>
            <p class="muted">"OpenAPI 3.0 or 3.1, or Swagger 2.0, in JSON or YAML. Choose an operation to fill the request; the answer is checked against what the description documents."</p>
            <div class="row">
                <input type="url" class="grow" aria-label="Description URL" placeholder="https://petstore3.swagger.io/api/v3/openapi.json" prop:value=move || url.get() on:input:target=move |ev| url.set(ev.target().value())/>
                <button type="submit" class="primary">"Open"</button>
            </div>
            <div class="row">
                <label>"File " <input type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" on:change=on_file/></label>
            </div>
            <textarea class="code-input" rows="4" spellcheck="false" aria-label="Description text" placeholder="…or paste the description here" prop:value=move || pasted.get() on:input:target=move |ev| pasted.set(ev.target().value())></textarea>
            <div class="row">
                <button type="button" on:click=move |_| { status.problem.set(None); open_text(ws, api, status, pasted.get_untracked(), None, None); }>"Open pasted text"</button>
            </div>
        </form>
    }
}
