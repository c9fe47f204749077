//! Auth: none, Basic, Bearer or an API key in a header or the query.

use leptos::prelude::*;

use super::problem_for;
use super::workspace::WorkspaceSignals;
use crate::model::{ApiKeyLocation, Auth, Field, ValidationError};
use crate::state::{AuthField, AuthKind, Edit};

#[component]
pub fn AuthEditor(ws: WorkspaceSignals, errors: Memo<Vec<ValidationError>>) -> impl IntoView {
    let request = ws.request;
    let kind = move || request.with(|r| r.auth.kind());
    let set_kind = move |id: String| ws.edit(Edit::AuthKind(AuthKind::from_id(&id)));
    let problem = move || errors.with(|e| problem_for(e, Field::Auth));

    view! {
        <div class="auth">
            <label class="row">
                "Auth type"
                <select prop:value=kind on:change:target=move |ev| set_kind(ev.target().value())>
                    <option value="none">"None"</option>
                    <option value="basic">"Basic"</option>
                    <option value="bearer">"Bearer token"</option>
                    <option value="api_key">"API key"</option>
                </select>
            </label>
            {move || match kind() {
                "basic" => view! {
                    <AuthInput ws label="Username" field=AuthField::Username/>
                    <AuthInput ws label="Password" secret=true field=AuthField::Password/>
                }.into_any(),
                "bearer" => view! {
                    <AuthInput ws label="Token" secret=true field=AuthField::Token/>
                }.into_any(),
                "api_key" => view! {
                    <AuthInput ws label="Key name" field=AuthField::KeyName/>
                    <AuthInput ws label="Key value" secret=true field=AuthField::KeyValue/>
                    <label class="row">
                        "Add to"
                        <select
                            prop:value=move || request.with(|r| match r.auth { Auth::ApiKey { location: ApiKeyLocation::Query, .. } => "query", _ => "header" })
                            on:change:target=move |ev| ws.edit(Edit::ApiKeyIn(if ev.target().value() == "query" { ApiKeyLocation::Query } else { ApiKeyLocation::Header }))
                        >
                            <option value="header">"Header"</option>
                            <option value="query">"Query parameter"</option>
                        </select>
                    </label>
                }.into_any(),
                _ => view! { <p class="muted">"This request sends no credentials."</p> }.into_any(),
            }}
            {move || problem().map(|p| view! { <p class="field-problem">"Auth: " {p}</p> })}
        </div>
    }
}

/// One text field of the auth settings.
#[component]
fn AuthInput(
    ws: WorkspaceSignals,
    label: &'static str,
    field: AuthField,
    #[prop(optional)] secret: bool,
) -> impl IntoView {
    view! {
        <label class="row">
            {label}
            <input
                type=if secret { "password" } else { "text" }
                spellcheck="false"
                autocomplete="off"
                prop:value=move || ws.request.with(|r| field.read(&r.auth))
                on:input:target=move |ev| ws.edit(Edit::Auth(field, ev.target().value()))
            />
        </label>
    }
}
