//! An editable table of name/value rows with enable checkboxes: params, headers, form fields.

use leptos::prelude::*;

use super::problem_for;
use crate::model::{Field, KeyValue, ValidationError};

/// Edits the rows `rows` finds in `request` (a request, or a session's headers). `label` names
/// one row for accessible names ("Header 2 name"); `field` maps a row index to the validation
/// field of that row.
#[component]
pub fn KeyValueTable<T>(
    request: RwSignal<T>,
    errors: Memo<Vec<ValidationError>>,
    label: &'static str,
    rows: fn(&T) -> Option<&Vec<KeyValue>>,
    rows_mut: fn(&mut T) -> Option<&mut Vec<KeyValue>>,
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
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut KeyValue)>| {
        request.update(|r| {
            if let Some(row) = rows_mut(r).and_then(|rows| rows.get_mut(i)) {
                f(row);
            }
        })
    };
    let add = move |_| {
        request.update(|r| {
            rows_mut(r)
                .into_iter()
                .for_each(|rows| rows.push(KeyValue::default()))
        })
    };
    let remove = move |i: usize| {
        request.update(|r| {
            if let Some(rows) = rows_mut(r).filter(|rows| i < rows.len()) {
                rows.remove(i);
            }
        })
    };

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
                                        let on = ev.target().checked();
                                        edit(i, Box::new(move |row| row.enabled = on));
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
                                        let value = ev.target().value();
                                        edit(i, Box::new(move |row| row.name = value));
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
                                        let value = ev.target().value();
                                        edit(i, Box::new(move |row| row.value = value));
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
