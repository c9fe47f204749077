//! Auth: none, Basic, Bearer or an API key in a header or the query.

use leptos::prelude::*;

use super::problem_for;
use crate::model::{ApiKeyLocation, Auth, Field, Request, ValidationError};
use crate::state::{AuthKind, Edit};

#[component]
pub fn AuthEditor(request: RwSignal<Request>, errors: Memo<Vec<ValidationError>>) -> impl IntoView {
    let kind = move || request.with(|r| r.auth.kind());
    let set_kind =
        move |id: String| request.update(|r| Edit::AuthKind(AuthKind::from_id(&id)).apply(r));
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
                    <AuthField request label="Username" read=|a| match a { Auth::Basic { username, .. } => username.clone(), _ => String::new() }
                        write=|a, v| if let Auth::Basic { username, .. } = a { *username = v }/>
                    <AuthField request label="Password" secret=true read=|a| match a { Auth::Basic { password, .. } => password.clone(), _ => String::new() }
                        write=|a, v| if let Auth::Basic { password, .. } = a { *password = v }/>
                }.into_any(),
                "bearer" => view! {
                    <AuthField request label="Token" secret=true read=|a| match a { Auth::Bearer { token } => token.clone(), _ => String::new() }
                        write=|a, v| if let Auth::Bearer { token } = a { *token = v }/>
                }.into_any(),
                "api_key" => view! {
                    <AuthField request label="Key name" read=|a| match a { Auth::ApiKey { name, .. } => name.clone(), _ => String::new() }
                        write=|a, v| if let Auth::ApiKey { name, .. } = a { *name = v }/>
                    <AuthField request label="Key value" secret=true read=|a| match a { Auth::ApiKey { value, .. } => value.clone(), _ => String::new() }
                        write=|a, v| if let Auth::ApiKey { value, .. } = a { *value = v }/>
                    <label class="row">
                        "Add to"
                        <select
                            prop:value=move || request.with(|r| match r.auth { Auth::ApiKey { location: ApiKeyLocation::Query, .. } => "query", _ => "header" })
                            on:change:target=move |ev| {
                                let to_query = ev.target().value() == "query";
                                request.update(|r| if let Auth::ApiKey { location, .. } = &mut r.auth {
                                    *location = if to_query { ApiKeyLocation::Query } else { ApiKeyLocation::Header };
                                })
                            }
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

/// One text field bound to a part of the auth settings.
#[component]
fn AuthField(
    request: RwSignal<Request>,
    label: &'static str,
    read: fn(&Auth) -> String,
    write: fn(&mut Auth, String),
    #[prop(optional)] secret: bool,
) -> impl IntoView {
    view! {
        <label class="row">
            {label}
            <input
                type=if secret { "password" } else { "text" }
                spellcheck="false"
                autocomplete="off"
                prop:value=move || request.with(|r| read(&r.auth))
                on:input:target=move |ev| request.update(|r| write(&mut r.auth, ev.target().value()))
            />
        </label>
    }
}
