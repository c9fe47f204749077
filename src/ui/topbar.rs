//! The full app's header: the title, and the Import curl, API description and Share buttons
//! with the curl and Share panels (loaded on first use; the API description panel is the app's,
//! as a link's `spec=` opens it in an embed too).

use leptos::prelude::*;

use super::api_state::ApiState;
use super::lazy;
use super::workspace::WorkspaceSignals;
use crate::model::Variable;

#[component]
pub fn Topbar(
    ws: WorkspaceSignals,
    environment: RwSignal<Vec<Variable>>,
    api: ApiState,
) -> impl IntoView {
    let import_open = RwSignal::new(false);
    let share_open = RwSignal::new(false);
    let request = ws.request;
    view! {
        <header class="topbar">
            <h1>"HTTP Playground"</h1>
            <span class="hint">"Ctrl/⌘ + Enter sends"</span>
            <button type="button" class="small" on:click=move |_| import_open.update(|o| *o = !*o)>"Import curl"</button>
            <button type="button" class="small" aria-expanded=move || api.open.get().to_string() on:click=move |_| api.open.update(|o| *o = !*o)>"API description"</button>
            <button type="button" class="small" on:click=move |_| share_open.update(|o| *o = !*o)>"Share"</button>
        </header>
        // Loaded on first use (and prefetched once the page is idle).
        {lazy::loaded_while(move || import_open.get(), lazy::preload_curl_import_panel, move || lazy::curl_import_panel(ws, import_open))}
        {lazy::loaded_while(move || share_open.get(), lazy::preload_share_panel, move || lazy::share_panel(request, environment, share_open))}
    }
}
