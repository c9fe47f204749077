//! The Operations landmark: the description's operations grouped by tag, filtered as the reader
//! types. A large description (GitHub's has 1,223) starts with its groups closed, and a filter
//! opens the groups it leaves when they are few enough to draw at once.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::api_panel::choose;
use super::api_state::ApiState;
use super::workspace::WorkspaceSignals;
use crate::openapi::{filter, groups, Description};

/// Operations drawn at once at most: more, and groups open only when asked.
const DRAWN_AT_ONCE: usize = 150;

#[component]
pub fn OperationsNav(
    ws: WorkspaceSignals,
    api: ApiState,
    description: Arc<Description>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let all = description.operations.len();
    let for_matches = description.clone();
    let matches = Memo::new(move |_| query.with(|q| filter(&for_matches.operations, q)));
    // Groups the reader opened (or, when all are open at first, closed).
    let toggled: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let problem = RwSignal::new(None::<String>);
    let chosen = Memo::new(move |_| {
        api.form.with(|f| {
            f.as_ref()
                .map(|f| (f.operation.method.clone(), f.operation.path.clone()))
        })
    });
    let list_description = description.clone();
    let list = move || {
        let found = matches.get();
        let open_by_default = found.len() <= DRAWN_AT_ONCE;
        let description = list_description.clone();
        groups(&description.document, &description.operations, &found)
            .into_iter()
            .map(|group| {
                let name = group.name.clone();
                let toggle_name = name.clone();
                let open = open_by_default != toggled.with(|t| t.contains(&name));
                let count = group.operations.len();
                let items = open.then(|| {
                    group
                        .operations
                        .iter()
                        .map(|&index| {
                            let operation = &description.operations[index];
                            let key = (operation.method.clone(), operation.path.clone());
                            let is_chosen = move || chosen.with(|c| c.as_ref() == Some(&key));
                            let title = if operation.deprecated {
                                format!("Deprecated. {}", operation.summary)
                            } else {
                                operation.summary.clone()
                            };
                            view! {
                                <li>
                                    // Named by its method and path alone (`GET /pets/{petId}`); the summary
                                    // and the deprecated mark are its description (title), shown beside.
                                    <button type="button" class="op" class:deprecated=operation.deprecated title=title
                                        aria-current=move || is_chosen().then_some("true")
                                        on:click=move |_| problem.set(choose(ws, api, index).err())>
                                        <span class=format!("method m-{}", operation.method.to_ascii_lowercase())>{operation.method.clone()}</span>" "
                                        <span class="op-path">{operation.path.clone()}</span>
                                        {(!operation.summary.is_empty()).then(|| view! { <span class="op-summary" aria-hidden="true">{operation.summary.clone()}</span> })}
                                        {operation.deprecated.then(|| view! { <span class="op-flag" aria-hidden="true">"deprecated"</span> })}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                });
                view! {
                    <li class="op-group">
                        <button type="button" class="group-toggle" aria-expanded=open.to_string()
                            on:click=move |_| toggled.update(|t| if !t.remove(&toggle_name) { t.insert(toggle_name.clone()); })>
                            {name}<span class="count">{count}</span>
                        </button>
                        {items.map(|items| view! { <ul class="op-list">{items}</ul> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="operations" aria-label="Operations">
            <input type="search" aria-label="Filter operations" placeholder="Filter: method, path, name or tag"
                prop:value=move || query.get()
                on:input:target=move |ev| { toggled.set(BTreeSet::new()); query.set(ev.target().value()); }/>
            <p class="muted small-print" role="status">{move || {
                let shown = matches.with(Vec::len);
                if shown == all { format!("{all} operations") } else { format!("{shown} of {all} operations") }
            }}</p>
            {move || problem.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
            <ul class="op-groups">{list}</ul>
        </nav>
    }
}
