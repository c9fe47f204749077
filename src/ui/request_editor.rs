//! The request editor's tabs: Params, Headers, Auth, Body and Variables, each with a count or
//! a mark when it holds something.

use leptos::prelude::*;

use super::key_value_table::KeyValueTable;
use super::lazy;
use super::refused_note::BrowserRefusedNote;
use super::tabs::TabList;
use super::this_browser;
use super::workspace::WorkspaceSignals;
use crate::model::{EditorTab, Field, Request, ValidationError};
use crate::state::{Edit, Table};

#[component]
pub fn RequestEditor(
    ws: WorkspaceSignals,
    errors: Memo<Vec<ValidationError>>,
    tab: RwSignal<EditorTab>,
    json_hint: Signal<Option<String>>,
) -> impl IntoView {
    let WorkspaceSignals {
        request,
        environment,
        ..
    } = ws;
    let count = move |rows: fn(&Request) -> usize| move || request.with(rows);
    let params_count = count(|r| {
        r.params
            .iter()
            .filter(|p| p.enabled && !p.is_blank())
            .count()
    });
    let headers_count = count(|r| {
        r.headers
            .iter()
            .filter(|h| h.enabled && !h.is_blank())
            .count()
    });
    view! {
        <TabList label="Request parts" selected=tab tabs=vec![
            (EditorTab::Params, Signal::derive(move || tab_label("Params", params_count()))),
            (EditorTab::Headers, Signal::derive(move || tab_label("Headers", headers_count()))),
            (EditorTab::Auth, Signal::derive(move || request.with(|r| if r.auth.kind() == "none" { "Auth".to_owned() } else { "Auth ●".to_owned() }))),
            (EditorTab::Body, Signal::derive(move || request.with(|r| if r.body.kind() == "none" { "Body".to_owned() } else { "Body ●".to_owned() }))),
            (EditorTab::Variables, Signal::derive(move || tab_label("Variables", environment.with(|e| e.iter().filter(|v| v.enabled && !v.name.trim().is_empty()).count())))),
        ]/>
        <div class="tab-panel" role="tabpanel">
            {move || match tab.get() {
                EditorTab::Params => view! {
                    <KeyValueTable
                        request
                        errors
                        label="Query parameter"
                        rows=|r: &Request| Table::Params.rows(r)
                        change=Callback::new(move |edit| ws.edit(Edit::Rows(Table::Params, edit)))
                        field=Field::Param
                    />
                }.into_any(),
                EditorTab::Headers => view! {
                    <KeyValueTable
                        request
                        errors
                        label="Header"
                        rows=|r: &Request| Table::Headers.rows(r)
                        change=Callback::new(move |edit| ws.edit(Edit::Rows(Table::Headers, edit)))
                        field=Field::Header
                    />
                    <BrowserRefusedNote refused=Signal::derive(move || request.with(|r| r.browser_refused_headers(this_browser())))/>
                }.into_any(),
                EditorTab::Auth => view! { {lazy::loaded(lazy::preload_auth_editor, move || lazy::auth_editor(ws, errors))} }.into_any(),
                EditorTab::Body => view! { {lazy::loaded(lazy::preload_body_editor, move || lazy::body_editor(ws, errors, json_hint))} }.into_any(),
                EditorTab::Variables => view! {
                    {lazy::loaded(lazy::preload_variables_editor, move || lazy::variables_editor(ws))}
                }.into_any(),
            }}
        </div>
    }
}

fn tab_label(name: &str, count: usize) -> String {
    if count == 0 {
        name.to_owned()
    } else {
        format!("{name} ({count})")
    }
}
