//! The body: none, JSON (with a validity hint), form fields, raw text with a content type, a
//! multipart form, or a file.

use leptos::prelude::*;

use super::body_text::BodyText;
use super::key_value_table::KeyValueTable;
use super::lazy;
use super::problem_for;
use super::workspace::WorkspaceSignals;
use crate::model::{Body, Field, Request, ValidationError};
use crate::state::{BodyKind, Edit, Table};

#[component]
pub fn BodyEditor(
    ws: WorkspaceSignals,
    errors: Memo<Vec<ValidationError>>,
    /// Why the JSON body is not valid JSON (followed once typing pauses, for a large body).
    hint: Signal<Option<String>>,
) -> impl IntoView {
    let request = ws.request;
    // A memo: the views below are rebuilt when the kind changes, not on every key.
    let kind = Memo::new(move |_| request.with(|r| r.body.kind()));
    let kind = move || kind.get();
    let set_kind = move |id: String| ws.edit(Edit::BodyKind(BodyKind::from_id(&id)));
    let json_hint = move || hint.get();
    let problem = move || errors.with(|e| problem_for(e, Field::Body));
    let prettify = move |_| ws.edit(Edit::FormatJson);

    view! {
        <div class="body-editor">
            <div class="row">
                <label>
                    "Body type "
                    <select prop:value=kind on:change:target=move |ev| set_kind(ev.target().value())>
                        <option value="none">"None"</option>
                        <option value="json">"JSON"</option>
                        <option value="form">"Form (urlencoded)"</option>
                        <option value="text">"Raw text"</option>
                        <option value="multipart">"Multipart form"</option>
                        <option value="binary">"File"</option>
                    </select>
                </label>
                <Show when=move || kind() == "json">
                    <button type="button" class="small" on:click=prettify>"Format JSON"</button>
                </Show>
                <Show when=move || kind() == "text">
                    <label>
                        "Content type "
                        <input
                            type="text"
                            spellcheck="false"
                            prop:value=move || request.with(|r| match &r.body { Body::Text { content_type, .. } => content_type.clone(), _ => String::new() })
                            on:input:target=move |ev| ws.edit(Edit::ContentType(ev.target().value()))
                        />
                    </label>
                </Show>
            </div>
            {move || match kind() {
                "json" | "text" => view! { <BodyText ws/> }.into_any(),
                "form" => view! {
                    <KeyValueTable
                        request
                        errors
                        label="Form field"
                        rows=|r: &Request| Table::FormFields.rows(r)
                        change=Callback::new(move |edit| ws.edit(Edit::Rows(Table::FormFields, edit)))
                        field=Field::FormField
                    />
                }.into_any(),
                "multipart" => view! { {lazy::loaded(lazy::preload_multipart_editor, move || lazy::multipart_editor(ws, errors))} }.into_any(),
                "binary" => view! { {lazy::loaded(lazy::preload_binary_file_editor, move || lazy::binary_file_editor(ws, errors))} }.into_any(),
                _ => view! { <p class="muted">"This request has no body."</p> }.into_any(),
            }}
            {move || json_hint().map(|hint| view! { <p class="hint warn" role="status">"JSON: " {hint} " (it is still sent as typed)"</p> })}
            {move || (kind() != "binary").then(problem).flatten().map(|p| view! { <p class="field-problem">"Body: " {p}</p> })}
        </div>
    }
}
