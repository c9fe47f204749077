//! The multipart body's rows (name, Text or File, the value or a file chosen or dropped, the
//! file's content type) and the file body's one file. Files are kept by the transport's store;
//! the request names them.
//! Both are lazily loaded parts (ui/lazy.rs).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::problem_for;
use super::workspace::WorkspaceSignals;
use crate::model::{
    content_type_for_file_name, format_size, Body, Field, FileRef, Part, PartValue,
    ValidationError, LARGE_FILE_BYTES,
};
use crate::state::{Edit, PartKind, PartsEdit};
use crate::transport::keep_file;

#[component]
pub fn MultipartEditor(ws: WorkspaceSignals, errors: Memo<Vec<ValidationError>>) -> impl IntoView {
    let request = ws.request;
    let len = move || {
        request.with(|r| match &r.body {
            Body::Multipart { parts } => parts.len(),
            _ => 0,
        })
    };
    let edit = move |edit: PartsEdit| ws.edit(Edit::Parts(edit));

    view! {
        <table class="kv parts">
            <thead>
                <tr>
                    <th class="on"></th>
                    <th>"Name"</th>
                    <th class="part-kind">"Kind"</th>
                    <th>"Value"</th>
                    <th>"Content type"</th>
                    <th class="actions"></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || 0..len() key=|i| *i children=move |i| {
                    view! { <PartRow ws errors i edit=Callback::new(edit)/> }
                }/>
            </tbody>
        </table>
        <button type="button" class="add" on:click=move |_| edit(PartsEdit::Add)>"+ Add part"</button>
    }
}

#[component]
fn PartRow(
    ws: WorkspaceSignals,
    errors: Memo<Vec<ValidationError>>,
    i: usize,
    edit: Callback<PartsEdit>,
) -> impl IntoView {
    let request = ws.request;
    let n = i + 1;
    let part = move || {
        request.with(|r| match &r.body {
            Body::Multipart { parts } => parts.get(i).cloned().unwrap_or_default(),
            _ => Part::default(),
        })
    };
    // A memo: the value cell is rebuilt when the kind changes, not on every edit.
    let is_file = Memo::new(move |_| {
        request.with(|r| match &r.body {
            Body::Multipart { parts } => parts
                .get(i)
                .is_some_and(|p| matches!(p.value, PartValue::File { .. })),
            _ => false,
        })
    });
    let problem = move || errors.with(|e| problem_for(e, Field::Part(i)));
    let enabled = move || part().enabled;
    let file = move || match part().value {
        PartValue::File { file, .. } => file,
        PartValue::Text(_) => FileRef::default(),
    };

    view! {
        <tr class:disabled=move || !enabled() class:invalid=move || problem().is_some()>
            <td class="on">
                <input
                    type="checkbox"
                    aria-label=format!("Enable part {n}")
                    prop:checked=enabled
                    on:change:target=move |ev| edit.run(PartsEdit::Enabled(i, ev.target().checked()))
                />
            </td>
            <td>
                <input
                    type="text"
                    spellcheck="false"
                    aria-label=format!("Part {n} name")
                    placeholder="name"
                    prop:value=move || part().name
                    on:input:target=move |ev| edit.run(PartsEdit::Name(i, ev.target().value()))
                />
            </td>
            <td class="part-kind">
                <select
                    aria-label=format!("Part {n} kind")
                    prop:value=move || if is_file.get() { "file" } else { "text" }
                    on:change:target=move |ev| {
                        let kind = if ev.target().value() == "file" { PartKind::File } else { PartKind::Text };
                        edit.run(PartsEdit::Kind(i, kind));
                    }
                >
                    <option value="text">"Text"</option>
                    <option value="file">"File"</option>
                </select>
            </td>
            <td>
                {move || if is_file.get() {
                    view! {
                        <FilePicker
                            file
                            label=format!("Part {n} file")
                            choose=Callback::new(move |chosen| edit.run(PartsEdit::File(i, chosen)))
                        />
                    }.into_any()
                } else {
                    view! {
                        <input
                            type="text"
                            spellcheck="false"
                            aria-label=format!("Part {n} value")
                            placeholder="value"
                            prop:value=move || match part().value { PartValue::Text(text) => text, PartValue::File { .. } => String::new() }
                            on:input:target=move |ev| edit.run(PartsEdit::Text(i, ev.target().value()))
                        />
                    }.into_any()
                }}
                {move || problem().map(|p| view! { <div class="field-problem">{p}</div> })}
            </td>
            <td>
                <Show when=move || is_file.get()>
                    <input
                        type="text"
                        spellcheck="false"
                        aria-label=format!("Part {n} content type")
                        placeholder=move || content_type_for_file_name(&file().file_name)
                        prop:value=move || match part().value { PartValue::File { content_type, .. } => content_type, PartValue::Text(_) => String::new() }
                        on:input:target=move |ev| edit.run(PartsEdit::ContentType(i, ev.target().value()))
                    />
                </Show>
            </td>
            <td class="actions">
                <button type="button" class="icon" aria-label=format!("Remove part {n}") title="Remove" on:click=move |_| edit.run(PartsEdit::Remove(i))>"×"</button>
            </td>
        </tr>
    }
}

/// The file body: one file, chosen or dropped, and its content type.
#[component]
pub fn BinaryFileEditor(ws: WorkspaceSignals, errors: Memo<Vec<ValidationError>>) -> impl IntoView {
    let request = ws.request;
    let file = move || {
        request.with(|r| match &r.body {
            Body::Binary { file, .. } => file.clone(),
            _ => FileRef::default(),
        })
    };
    let problem = move || errors.with(|e| problem_for(e, Field::Body));
    view! {
        <div class="binary-body">
            <FilePicker file label="Body file".to_owned() choose=Callback::new(move |chosen| ws.edit(Edit::BodyFile(chosen)))/>
            <label>
                "Content type "
                <input
                    type="text"
                    spellcheck="false"
                    placeholder=move || content_type_for_file_name(&file().file_name)
                    prop:value=move || request.with(|r| match &r.body { Body::Binary { content_type, .. } => content_type.clone(), _ => String::new() })
                    on:input:target=move |ev| ws.edit(Edit::ContentType(ev.target().value()))
                />
            </label>
            {move || problem().map(|p| view! { <p class="field-problem">"Body: " {p}</p> })}
        </div>
    }
}

/// A file chosen with the browser's picker or dropped on it: its name and size, a note over
/// 100 MB, or the name of a file a restored request needs again.
#[component]
fn FilePicker<F>(file: F, label: String, choose: Callback<FileRef>) -> impl IntoView
where
    F: Fn() -> FileRef + Copy + Send + Sync + 'static,
{
    let dragging = RwSignal::new(false);
    let take = move |files: Option<web_sys::FileList>| {
        if let Some(chosen) = files.and_then(|files| files.get(0)) {
            choose.run(keep_file(chosen));
        }
    };
    let status = move || {
        let file = file();
        match (file.file_name.is_empty(), file.size()) {
            (true, _) => view! { <span class="muted">"No file chosen"</span> }.into_any(),
            (false, None) => view! {
                <span class="file-name file-missing">{file.file_name.clone()}</span>
                <span class="muted">" (not chosen yet)"</span>
            }
            .into_any(),
            (false, Some(size)) => {
                let large = size > LARGE_FILE_BYTES;
                view! {
                    <span class="file-name">{file.file_name.clone()}</span>
                    " "
                    <span class="muted">{format_size(usize::try_from(size).unwrap_or(usize::MAX))}</span>
                    {large.then(|| view! {
                        <span class="hint warn">" Over 100 MB: the browser sends it, but generated programs read the whole file into memory, and many servers refuse bodies this large."</span>
                    })}
                }
                .into_any()
            }
        }
    };
    view! {
        <div
            class="file-drop"
            class:dragging=move || dragging.get()
            on:dragover=move |ev| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                take(ev.data_transfer().and_then(|d| d.files()));
            }
        >
            <label class="file-choose">
                <input
                    type="file"
                    class="visually-hidden"
                    aria-label=label
                    on:change=move |ev| {
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        if let Some(input) = input {
                            take(input.files());
                            // Choosing the same file again still counts as a change.
                            input.set_value("");
                        }
                    }
                />
                "Choose file"
            </label>
            " "
            <span class="file-status" aria-live="polite">{status}</span>
            <span class="muted drop-hint">" or drop one here"</span>
        </div>
    }
}
