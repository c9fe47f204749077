//! Mounting only: everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    use http_playground::ui::{embed, storage::DEFAULT_DRAFT_KEY, App};
    use leptos::prelude::*;

    console_error_panic_hook::set_once();
    // `?embed=1&target=…` when a lesson page embeds the playground in an iframe.
    let options = embed::page_options();
    let storage_key = embed::storage_key(&options, DEFAULT_DRAFT_KEY);
    leptos::mount::mount_to_body(move || view! { <App storage_key options/> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("http-playground is a browser app: run `make serve` and open http://127.0.0.1:8080");
}
