//! The note shown where headers are edited: which of them this browser will not send.

use leptos::prelude::*;

use super::this_browser;

/// Headers the browser drops are still sent by the snippets; say so where they are edited.
#[component]
pub fn BrowserRefusedNote(
    /// The refused header names, from the request (or every request of a session).
    refused: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <Show when=move || refused.with(|r| !r.is_empty())>
            <p class="note" role="note">
                {this_browser().label()} " will not send " {move || refused.with(|r| r.join(", "))}
                " (it controls these itself). The generated code still sends them."
            </p>
        </Show>
    }
}
