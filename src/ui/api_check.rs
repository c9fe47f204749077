//! The Response check region: the last answer held to the chosen operation's description (is
//! its status documented, does its body match the schema; each mismatch with its JSON path).

use leptos::prelude::*;

use super::api_state::ApiState;
use crate::model::{Outcome, Request};
use crate::openapi::{check_response, request_fits, BodyCheck, ResponseCheck};

/// What the region says.
#[derive(Clone, PartialEq)]
enum Shown {
    Checked(String, ResponseCheck),
    /// The request sent is not the chosen operation's any more.
    Other(String),
}

#[component]
pub fn ResponseCheckView(
    api: ApiState,
    outcome: Signal<Option<Outcome>>,
    sent: Signal<Option<Request>>,
) -> impl IntoView {
    // What the check needs of the form: its operation and server, not every keystroke in it.
    let target = Memo::new(move |_| {
        api.form
            .with(|f| f.as_ref().map(|f| (f.operation.clone(), f.server_url())))
    });
    let shown = Memo::new(move |_| {
        let (operation, server_url) = target.get()?;
        let description = api.description.get()?;
        let Some(Outcome::Response(response)) = outcome.get() else {
            return None;
        };
        let sent = sent.get()?;
        let label = operation.label();
        if !request_fits(&operation, &server_url, &sent.method, &sent.url) {
            return Some(Shown::Other(label));
        }
        let content_type = response
            .header("content-type")
            .unwrap_or_default()
            .to_owned();
        let body = String::from_utf8_lossy(&response.body);
        let check = check_response(
            &description.document,
            &operation,
            response.status,
            &content_type,
            &body,
        );
        Some(Shown::Checked(label, check))
    });
    move || {
        shown.get().map(|shown| match shown {
            Shown::Other(label) => view! {
                <section class="response-check" aria-label="Response check">
                    <p class="muted">{format!("Not checked: the request sent is not {label} of the description any more.")}</p>
                </section>
            }.into_any(),
            Shown::Checked(label, check) => {
                let status = match &check.documented_as {
                    Some(key) => format!("Status documented (as {key})."),
                    None => format!("Status not documented: the description lists {}.", check.documented.join(", ")),
                };
                let verdict = match (&check.body, check.mismatches.len()) {
                    (BodyCheck::NotChecked(why), _) => format!("Body not checked: {why}."),
                    (BodyCheck::Checked, 0) => "Body matches the schema: 0 mismatches.".to_owned(),
                    (BodyCheck::Checked, 1) => "1 mismatch with the schema:".to_owned(),
                    (BodyCheck::Checked, n) => format!("{n} mismatches with the schema:"),
                };
                let passed = check.passed();
                let items = check.mismatches.into_iter().map(|m| view! {
                    <li><code>{m.path}</code>" "{m.message}</li>
                }).collect_view();
                view! {
                    <section class="response-check" class:passed=passed aria-label="Response check">
                        <h3>{format!("Checked against {label}")}</h3>
                        <p>{status}</p>
                        <p>{verdict}</p>
                        <ul class="mismatches">{items}</ul>
                    </section>
                }.into_any()
            }
        })
    }
}
