//! Mounting only: everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    use http_playground::ui::{storage::DEFAULT_DRAFT_KEY, App};
    use leptos::prelude::*;

    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| view! { <App storage_key=DEFAULT_DRAFT_KEY/> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("http-playground is a browser app: run `make serve` and open http://127.0.0.1:8080");
}
