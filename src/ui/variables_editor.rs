//! The Variables tab: name/value rows with enable and secret checkboxes, kept in storage next
//! to the draft, exported without secret values unless the user asks for them.

use leptos::prelude::*;

use super::files::FileTransfer;
use super::history_panel::with_skipped;
use super::storage::{load_list, save_text};
use super::workspace::WorkspaceSignals;
use crate::model::{environment_from_json_lenient, environment_to_json, Secrets, Variable};
use crate::state::{Change, VariableEdit};

/// The variables, loaded from storage under a key derived from the app's draft key and saved
/// back on every change: secret values included in the app's own storage, left out where
/// `kept` says so (an embed's).
pub fn variables_signal(storage_key: &str, kept: Secrets) -> RwSignal<Vec<Variable>> {
    let key = format!("{storage_key}.variables");
    let environment = RwSignal::new(load_list(&key, environment_from_json_lenient));
    Effect::new(move |_| environment.with(|e| save_text(&key, &environment_to_json(e, kept).0)));
    environment
}

#[component]
pub fn VariablesEditor(ws: WorkspaceSignals) -> impl IntoView {
    let environment = ws.environment;
    let len = Memo::new(move |_| environment.with(Vec::len));
    let read = move |i: usize, f: fn(&Variable) -> String| {
        move || environment.with(|e| e.get(i).map(f).unwrap_or_default())
    };
    let flag = move |i: usize, f: fn(&Variable) -> bool| {
        move || environment.with(|e| e.get(i).is_some_and(f))
    };
    let edit = move |i: usize, edit: VariableEdit| {
        ws.apply(Change::Variable(i, edit));
    };
    let edit_remove = move |i: usize| {
        ws.apply(Change::RemoveVariable(i));
    };
    let include_secrets = RwSignal::new(false);
    let export = Callback::new(move |()| {
        let secrets = Secrets::included_if(include_secrets.get_untracked());
        let (json, left_out) = environment.with_untracked(|e| environment_to_json(e, secrets));
        let note = if left_out.is_empty() {
            String::new()
        } else {
            format!(
                "Left out of the file (secret): {}. Tick “Include secret values” to export them.",
                left_out.join(", ")
            )
        };
        (json, note)
    });
    let import = Callback::new(move |text: String| {
        let (imported, skipped) = environment_from_json_lenient(&text).map_err(|e| e.0)?;
        let report = ws
            .apply(Change::ImportVariables(imported))
            .report
            .unwrap_or_default();
        Ok(with_skipped(report, &skipped))
    });
    view! {
        <p class="muted">"Use {{name}} in the URL, params, headers, auth or body; Send and the code use the values. Secret values are hidden here and left out of links and exports."</p>
        <table class="kv variables">
            <thead>
                <tr><th class="on"></th><th>"Name"</th><th>"Value"</th><th class="secret">"Secret"</th><th class="actions"></th></tr>
            </thead>
            <tbody>
                <For each=move || 0..len.get() key=|i| *i children=move |i| {
                    let n = i + 1;
                    let enabled = flag(i, |v| v.enabled);
                    let secret = flag(i, |v| v.secret);
                    view! {
                        <tr class:disabled=move || !enabled()>
                            <td class="on">
                                <input type="checkbox" aria-label=format!("Enable Variable {n}") prop:checked=enabled
                                    on:change:target=move |ev| edit(i, VariableEdit::Enabled(ev.target().checked()))/>
                            </td>
                            <td>
                                <input type="text" spellcheck="false" aria-label=format!("Variable {n} name") placeholder="name"
                                    prop:value=read(i, |v| v.name.clone())
                                    on:input:target=move |ev| edit(i, VariableEdit::Name(ev.target().value()))/>
                            </td>
                            <td>
                                <input type=move || if secret() { "password" } else { "text" } spellcheck="false" autocomplete="off"
                                    aria-label=format!("Variable {n} value") placeholder="value"
                                    prop:value=read(i, |v| v.value.clone())
                                    on:input:target=move |ev| edit(i, VariableEdit::Value(ev.target().value()))/>
                            </td>
                            <td class="secret">
                                <input type="checkbox" aria-label=format!("Variable {n} is secret") prop:checked=secret
                                    on:change:target=move |ev| edit(i, VariableEdit::Secret(ev.target().checked()))/>
                            </td>
                            <td class="actions">
                                <button type="button" class="icon" aria-label=format!("Remove Variable {n}") title="Remove"
                                    on:click=move |_| edit_remove(i)>"×"</button>
                            </td>
                        </tr>
                    }
                }/>
            </tbody>
        </table>
        <button type="button" class="add" on:click=move |_| { ws.apply(Change::AddVariable); }>"+ Add variable"</button>
        <div class="row">
            <FileTransfer what="variables" file_name="http-playground-variables.json" export import/>
            <label class="muted">
                <input type="checkbox" prop:checked=move || include_secrets.get() on:change:target=move |ev| include_secrets.set(ev.target().checked())/>
                " Include secret values"
            </label>
        </div>
    }
}
