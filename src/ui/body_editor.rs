//! The body: none, JSON (with a validity hint), form fields, or raw text with a content type.

use leptos::prelude::*;

use super::key_value_table::KeyValueTable;
use super::problem_for;
use crate::model::{pretty_json, Body, Field, KeyValue, Request, ValidationError};

#[component]
pub fn BodyEditor(
    request: RwSignal<Request>,
    errors: Memo<Vec<ValidationError>>,
    /// Why the JSON body is not valid JSON (followed once typing pauses, for a large body).
    hint: Signal<Option<String>>,
) -> impl IntoView {
    // A memo: the views below are rebuilt when the kind changes, not on every key.
    let kind = Memo::new(move |_| request.with(|r| r.body.kind()));
    let kind = move || kind.get();
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
    let json_hint = move || hint.get();
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
                "json" | "text" => view! { <BodyText request/> }.into_any(),
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

/// The body's text. What the textarea holds is kept beside it, so a key typed there is not
/// written back (a megabyte body would be copied into the page again on every key); only a
/// change from elsewhere (Format JSON, an import, a restore) is.
#[component]
fn BodyText(request: RwSignal<Request>) -> impl IntoView {
    let area: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let shown = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let Some(el) = area.get() else { return };
        request.with(|r| {
            let text = match &r.body {
                Body::Json { text } | Body::Text { text, .. } => text.as_str(),
                _ => "",
            };
            if shown.with_value(|s| s.as_deref() != Some(text)) {
                el.set_value(text);
                shown.set_value(Some(text.to_owned()));
            }
        })
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        shown.set_value(Some(value.clone()));
        request.update(|r| match &mut r.body {
            Body::Json { text } | Body::Text { text, .. } => *text = value,
            _ => {}
        });
    };
    view! {
        <textarea class="code-input" aria-label="Body" spellcheck="false" rows="10" node_ref=area on:input=on_input></textarea>
    }
}
