//! The chosen operation's form: server (and its variables), parameters (required marked, enums
//! as selects), body type, auth scheme, and OAuth2 client credentials' token. Each change puts
//! only its own part into the request (the reader's other edits stay); the pure rules are
//! `openapi::OperationForm`'s.

use leptos::prelude::*;

use super::api_state::ApiState;
use super::workspace::WorkspaceSignals;
use crate::model::{Auth, Outcome, Request};
use crate::openapi::{join_url, read_token, token_request, Location, OperationForm, Scheme};
use crate::state::Edit;
use crate::transport::{send, Canceller};

/// Changes the form and the request together.
fn update(
    ws: WorkspaceSignals,
    api: ApiState,
    change: impl FnOnce(&mut OperationForm, &mut Request),
) {
    let mut request = ws.request.get_untracked();
    // Still as the panel filled it: then it stays the panel's (another operation may replace
    // it without keeping it); edited elsewhere since, it is the reader's draft.
    let untouched = api.filled.with_untracked(|f| f.as_ref() == Some(&request));
    let mut changed = false;
    api.form.update(|form| {
        if let Some(form) = form {
            change(form, &mut request);
            changed = true;
        }
    });
    if changed {
        ws.edit(Edit::Replace(request.clone()));
        if untouched {
            api.filled.set(Some(request));
        }
    }
}

fn read<T: Default>(api: ApiState, f: impl FnOnce(&OperationForm) -> T) -> T {
    api.form
        .with(|form| form.as_ref().map(f).unwrap_or_default())
}

#[component]
pub fn OperationView(ws: WorkspaceSignals, api: ApiState) -> impl IntoView {
    // The view is built once per chosen operation; its fields follow the form.
    let chosen = Memo::new(move |_| api.form.with(|f| f.as_ref().map(|f| f.operation.clone())));
    move || {
        let Some(operation) = chosen.get() else {
            return view! { <p class="muted api-hint">"Choose an operation: its request is filled in the form below, ready to send."</p> }.into_any();
        };
        let form = api
            .form
            .get_untracked()
            .expect("a chosen operation has a form");
        let servers = (form.servers.len() > 1).then(|| {
            let options = form.servers.iter().enumerate().map(|(i, s)| {
                let text = if s.description.is_empty() { s.url.clone() } else { format!("{} ({})", s.url, s.description) };
                view! { <option value=i.to_string()>{text}</option> }
            }).collect_view();
            view! {
                <label class="field">"Server "
                    <select prop:value=move || read(api, |f| f.server.to_string()) on:change:target=move |ev| {
                        let i = ev.target().value().parse().unwrap_or(0);
                        update(ws, api, |f, r| { f.choose_server(i); r.url = f.url(); });
                    }>{options}</select>
                </label>
            }
        });
        let variables = move || {
            let server = read(api, |f| f.servers.get(f.server).cloned());
            server.map(|server| {
                server
                    .variables
                    .into_iter()
                    .enumerate()
                    .map(|(j, variable)| {
                        let label = format!("{} (server variable)", variable.name);
                        let value = move || {
                            read(api, |f| f.server_values.get(j).cloned().unwrap_or_default())
                        };
                        let set = move |v: String| {
                            update(ws, api, |f, r| {
                                if let Some(slot) = f.server_values.get_mut(j) {
                                    *slot = v;
                                }
                                r.url = f.url();
                            })
                        };
                        view! {
                            <label class="field">{variable.name.clone()}" "
                                {choice_or_text(label, variable.choices.clone(), true, value, set)}
                            </label>
                        }
                    })
                    .collect_view()
            })
        };
        let parameters = form.parameters.iter().enumerate().map(|(i, p)| {
            let label = format!("{} ({} parameter)", p.name, p.location.label());
            let value = move || read(api, |f| f.parameters.get(i).map(|p| p.value.clone()).unwrap_or_default());
            let set = move |v: String| update(ws, api, |f, r| { if let Some(p) = f.parameters.get_mut(i) { p.value = v; } f.apply_parameter(r, i); });
            view! {
                <tr class:deprecated=p.deprecated>
                    <th scope="row">
                        <code>{p.name.clone()}</code>
                        {p.required.then(|| view! { <span class="required" title="required">" *"</span> })}
                        <span class="where">{p.location.label()}</span>
                    </th>
                    <td>{choice_or_text(label, p.choices.clone(), p.required, value, set)}</td>
                    <td class="muted">{p.description.clone()}</td>
                </tr>
            }
        }).collect_view();
        let has_parameters = !form.parameters.is_empty();
        let bodies = (form.bodies.len() > 1).then(|| {
            let options = form.bodies.iter().enumerate().map(|(i, b)| view! { <option value=i.to_string()>{b.content_type.clone()}</option> }).collect_view();
            view! {
                <label class="field">"Body type "
                    <select prop:value=move || read(api, |f| f.body.to_string()) on:change:target=move |ev| {
                        let i: usize = ev.target().value().parse().unwrap_or(0);
                        update(ws, api, |f, r| { f.body = i; if let Some(b) = f.bodies.get(i) { r.body = b.body.clone(); } });
                    }>{options}</select>
                </label>
            }
        });
        let auth = (!form.security.is_empty()).then(|| {
            let options = form.security.iter().enumerate().map(|(i, s)| view! { <option value=i.to_string()>{format!("{} ({})", s.name, scheme_label(&s.scheme))}</option> }).collect_view();
            view! {
                <label class="field">"Auth "
                    <select prop:value=move || read(api, |f| f.auth.map_or("none".to_owned(), |a| a.to_string())) on:change:target=move |ev| {
                        let choice = ev.target().value().parse::<usize>().ok();
                        update(ws, api, |f, r| {
                            f.auth = choice;
                            f.apply_auth(r);
                        });
                    }>
                        {options}
                        <option value="none">"No auth"</option>
                    </select>
                </label>
            }
        });
        let token = move || match read(api, |f| {
            f.auth
                .and_then(|a| f.security.get(a))
                .map(|s| s.scheme.clone())
        }) {
            Some(Scheme::ClientCredentials { token_url, scopes }) => {
                Some(view! { <TokenForm ws api token_url scopes/> })
            }
            _ => None,
        };
        let cookie_note = form
            .parameters
            .iter()
            .any(|p| p.location == Location::Cookie)
            || form.security.iter().any(|s| {
                matches!(
                    s.scheme,
                    Scheme::ApiKey {
                        location: Location::Cookie,
                        ..
                    }
                )
            });
        view! {
            <section class="operation" aria-label="Operation">
                <h3>
                    <span class=format!("method m-{}", operation.method.to_ascii_lowercase())>{operation.method.clone()}</span>" "
                    <code>{operation.path.clone()}</code>
                </h3>
                {operation.deprecated.then(|| view! { <p class="notice error">"Deprecated: the API may remove this operation."</p> })}
                {operation.webhook.then(|| view! { <p class="notice ok">"A webhook: the API sends this request to its subscribers. Put your receiver's URL in the form to try it."</p> })}
                {(!operation.summary.is_empty()).then(|| view! { <p><strong>{operation.summary.clone()}</strong></p> })}
                {(!operation.description.is_empty()).then(|| view! { <p class="op-description">{operation.description.clone()}</p> })}
                {servers}
                {variables}
                {has_parameters.then(|| view! {
                    <table class="kv op-params"><caption class="muted">"Parameters (* required)"</caption><tbody>{parameters}</tbody></table>
                })}
                {bodies}
                {auth}
                {token}
                {cookie_note.then(|| view! { <p class="muted">"Browsers do not let a page set the Cookie header: the generated code sends it, the browser does not."</p> })}
            </section>
        }.into_any()
    }
}

fn scheme_label(scheme: &Scheme) -> String {
    match scheme {
        Scheme::Basic => "HTTP basic".to_owned(),
        Scheme::Bearer => "bearer token".to_owned(),
        Scheme::ApiKey { name, location } => format!("API key {name} in {}", location.label()),
        Scheme::ClientCredentials { .. } => "OAuth2 client credentials".to_owned(),
        Scheme::Other(_) => "not supported".to_owned(),
    }
}

/// A select of `choices` (with an empty choice unless `required`), or a text input.
fn choice_or_text(
    label: String,
    choices: Vec<String>,
    required: bool,
    value: impl Fn() -> String + Send + Sync + Copy + 'static,
    set: impl Fn(String) + Send + Sync + Copy + 'static,
) -> AnyView {
    if choices.is_empty() {
        return view! { <input type="text" aria-label=label prop:value=value on:input:target=move |ev| set(ev.target().value())/> }.into_any();
    }
    let options = choices
        .into_iter()
        .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
        .collect_view();
    view! {
        <select aria-label=label prop:value=value on:change:target=move |ev| set(ev.target().value())>
            {(!required).then(|| view! { <option value="">"(not sent)"</option> })}
            {options}
        </select>
    }.into_any()
}

/// OAuth2 client credentials: the client's id and secret, the scopes; Get token asks the token
/// endpoint and puts the token in Auth as a bearer token.
#[component]
fn TokenForm(
    ws: WorkspaceSignals,
    api: ApiState,
    token_url: String,
    scopes: Vec<String>,
) -> impl IntoView {
    let client_id = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let scope = RwSignal::new(scopes.join(" "));
    let status = RwSignal::new(None::<(bool, String)>);
    let base = read(api, |f| f.base.clone());
    let url = join_url(base.as_deref(), &token_url).unwrap_or(token_url);
    // Shown with invisible and direction-changing characters spelled out: the address the
    // client's secret goes to must read as what it is.
    let shown_url: String = url
        .chars()
        .map(|c| {
            if crate::codegen::needs_escape(c) {
                format!("\\u{{{:04x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    let get = move |_| {
        let request = token_request(
            &url,
            &client_id.get_untracked(),
            &secret.get_untracked(),
            &scope.get_untracked(),
        );
        status.set(Some((true, "Asking for a token…".to_owned())));
        leptos::task::spawn_local(async move {
            let result = match send(request, Canceller::default()).await {
                Outcome::Response(r) => read_token(r.status, &String::from_utf8_lossy(&r.body)),
                Outcome::Invalid(errors) => Err(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(" ")),
                _ => Err("The token endpoint could not be reached (or does not let this page read its answer).".to_owned()),
            };
            match result {
                Ok(token) => {
                    let mut request = ws.request.get_untracked();
                    request.auth = Auth::Bearer { token };
                    ws.edit(Edit::Replace(request));
                    let _ = status.try_set(Some((
                        true,
                        "Token received: it is in Auth as a bearer token.".to_owned(),
                    )));
                }
                Err(why) => {
                    let _ = status.try_set(Some((false, why)));
                }
            }
        });
    };
    view! {
        <fieldset class="token">
            <legend>"OAuth2 client credentials"</legend>
            <p class="muted">"Token URL: " <code>{shown_url}</code></p>
            <div class="row">
                <input type="text" aria-label="Client ID" placeholder="Client ID" prop:value=move || client_id.get() on:input:target=move |ev| client_id.set(ev.target().value())/>
                <input type="password" aria-label="Client secret" placeholder="Client secret" prop:value=move || secret.get() on:input:target=move |ev| secret.set(ev.target().value())/>
                <input type="text" aria-label="Scopes" placeholder="Scopes" prop:value=move || scope.get() on:input:target=move |ev| scope.set(ev.target().value())/>
                <button type="button" on:click=get>"Get token"</button>
            </div>
            {move || status.get().map(|(ok, text)| if ok {
                view! { <p class="muted" role="status">{text}</p> }.into_any()
            } else {
                view! { <p class="notice error" role="alert">{text}</p> }.into_any()
            })}
        </fieldset>
    }
}
