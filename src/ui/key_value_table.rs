//! An editable table of name/value rows with enable checkboxes: params, headers, form fields.

use leptos::prelude::*;

use super::problem_for;
use crate::model::{Field, KeyValue, ValidationError};
use crate::state::{RowEdit, RowsEdit};

/// Shows the rows `rows` finds in `request` (a request, or a session's headers) and dispatches
/// each change of them to `change`. `label` names one row for accessible names ("Header 2
/// name"); `field` maps a row index to the validation field of that row.
#[component]
pub fn KeyValueTable<T>(
    request: RwSignal<T>,
    errors: Memo<Vec<ValidationError>>,
    label: &'static str,
    rows: fn(&T) -> Option<&Vec<KeyValue>>,
    change: Callback<RowsEdit>,
    field: fn(usize) -> Field,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let len = Memo::new(move |_| request.with(|r| rows(r).map_or(0, Vec::len)));
    let read = move |i: usize, f: fn(&KeyValue) -> String| {
        move || {
            request.with(|r| {
                rows(r)
                    .and_then(|rows| rows.get(i))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let change = move |edit: RowsEdit| change.run(edit);
    let edit = move |i: usize, edit: RowEdit| change(RowsEdit::Row(i, edit));
    let add = move |_| change(RowsEdit::Add);
    let remove = move |i: usize| change(RowsEdit::Remove(i));

    view! {
        <table class="kv">
            <thead>
                <tr><th class="on"></th><th>"Name"</th><th>"Value"</th><th class="actions"></th></tr>
            </thead>
            <tbody>
                <For each=move || 0..len.get() key=|i| *i children=move |i| {
                    let n = i + 1;
                    let problem = move || errors.with(|e| problem_for(e, field(i)));
                    let enabled = move || request.with(|r| rows(r).and_then(|rows| rows.get(i)).is_some_and(|row| row.enabled));
                    view! {
                        <tr class:disabled=move || !enabled() class:invalid=move || problem().is_some()>
                            <td class="on">
                                <input
                                    type="checkbox"
                                    aria-label=format!("Enable {label} {n}")
                                    prop:checked=enabled
                                    on:change:target=move |ev| {
                                        edit(i, RowEdit::Enabled(ev.target().checked()));
                                    }
                                />
                            </td>
                            <td>
                                <input
                                    type="text"
                                    spellcheck="false"
                                    aria-label=format!("{label} {n} name")
                                    placeholder="name"
                                    prop:value=read(i, |row| row.name.clone())
                                    on:input:target=move |ev| {
                                        edit(i, RowEdit::Name(ev.target().value()));
                                    }
                                />
                            </td>
                            <td>
                                <input
                                    type="text"
                                    spellcheck="false"
                                    aria-label=format!("{label} {n} value")
                                    placeholder="value"
                                    prop:value=read(i, |row| row.value.clone())
                                    on:input:target=move |ev| {
                                        edit(i, RowEdit::Value(ev.target().value()));
                                    }
                                />
                                {move || problem().map(|p| view! { <div class="field-problem">{p}</div> })}
                            </td>
                            <td class="actions">
                                <button type="button" class="icon" aria-label=format!("Remove {label} {n}") title="Remove" on:click=move |_| remove(i)>"×"</button>
                            </td>
                        </tr>
                    }
                }/>
            </tbody>
        </table>
        <button type="button" class="add" on:click=add>{format!("+ Add {}", label.to_ascii_lowercase())}</button>
    }
}
