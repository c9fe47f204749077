//! The body: none, JSON (with a validity hint), form fields, or raw text with a content type.

use leptos::prelude::*;

use super::key_value_table::KeyValueTable;
use super::problem_for;
use crate::model::{pretty_json, Body, Field, KeyValue, Request, ValidationError};

#[component]
pub fn BodyEditor(request: RwSignal<Request>, errors: Memo<Vec<ValidationError>>) -> impl IntoView {
    let kind = move || request.with(|r| r.body.kind());
    let set_kind = move |kind: String| {
        request.update(|r| {
            // Keep the text when switching between JSON and raw text.
            let text = match &r.body {
                Body::Json { text } | Body::Text { text, .. } => text.clone(),
                _ => String::new(),
            };
            r.body = match kind.as_str() {
                "json" => Body::Json {
                    text: if text.is_empty() {
                        "{}".to_owned()
                    } else {
                        text
                    },
                },
                "form" => Body::Form {
                    fields: vec![KeyValue::default()],
                },
                "text" => Body::Text {
                    text,
                    content_type: "text/plain".to_owned(),
                },
                _ => Body::None,
            }
        })
    };
    let text = move || {
        request.with(|r| match &r.body {
            Body::Json { text } | Body::Text { text, .. } => text.clone(),
            _ => String::new(),
        })
    };
    let set_text = move |value: String| {
        request.update(|r| match &mut r.body {
            Body::Json { text } | Body::Text { text, .. } => *text = value,
            _ => {}
        })
    };
    let json_hint = move || request.with(Request::json_body_problem);
    let problem = move || errors.with(|e| problem_for(e, Field::Body));
    let prettify = move |_| {
        request.update(|r| {
            if let Body::Json { text } = &mut r.body {
                if let Some(pretty) = pretty_json(text) {
                    *text = pretty;
                }
            }
        })
    };

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
                            on:input:target=move |ev| {
                                let value = ev.target().value();
                                request.update(|r| if let Body::Text { content_type, .. } = &mut r.body { *content_type = value });
                            }
                        />
                    </label>
                </Show>
            </div>
            {move || match kind() {
                "json" | "text" => view! {
                    <textarea
                        class="code-input"
                        aria-label="Body"
                        spellcheck="false"
                        rows="10"
                        prop:value=text
                        on:input:target=move |ev| set_text(ev.target().value())
                    ></textarea>
                }.into_any(),
                "form" => view! {
                    <KeyValueTable
                        request
                        errors
                        label="Form field"
                        rows=|r: &Request| match &r.body { Body::Form { fields } => Some(fields), _ => None }
                        rows_mut=|r: &mut Request| match &mut r.body { Body::Form { fields } => Some(fields), _ => None }
                        field=Field::FormField
                    />
                }.into_any(),
                _ => view! { <p class="muted">"This request has no body."</p> }.into_any(),
            }}
            {move || json_hint().map(|hint| view! { <p class="hint warn" role="status">"JSON: " {hint} " (it is still sent as typed)"</p> })}
            {move || problem().map(|p| view! { <p class="field-problem">"Body: " {p}</p> })}
        </div>
    }
}
