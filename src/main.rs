//! Mounting only: everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    use http_playground::ui::lazy::{loaded, preload_session_page, session_page};
    use http_playground::ui::{embed, share, storage::DEFAULT_DRAFT_KEY, App};
    use leptos::prelude::*;

    console_error_panic_hook::set_once();
    // Loaded by http-playground.js for <http-playground> elements: they mount themselves
    // (mount_widget), and the host page is left alone.
    let global = js_sys::global();
    if js_sys::Reflect::get(&global, &"__httpPlaygroundWidgets".into()).is_ok_and(|v| v.is_truthy())
    {
        return;
    }
    // `?embed=1&target=…` when a lesson page embeds the playground in an iframe.
    let options = embed::page_options();
    let storage_key = embed::storage_key(&options, DEFAULT_DRAFT_KEY);
    // `#session=…`: several requests (a lesson's session or async example).
    if share::location_has_session() {
        // Loaded on first use: a page of one request never fetches the session widget.
        leptos::mount::mount_to_body(move || {
            let (storage_key, options) = (storage_key.clone(), options.clone());
            loaded(preload_session_page, move || {
                session_page(storage_key.clone(), options.clone())
            })
        });
    } else {
        leptos::mount::mount_to_body(move || view! { <App storage_key options/> });
    }
}

/// One `<http-playground>` element's playground, mounted into `parent` (a node of the element's
/// shadow root): `request_json` is the documented request JSON, `options` an embed query
/// (`embed=1&target=…`), `storage_key` where its draft is kept. Called by http-playground.js.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_widget(
    parent: web_sys::HtmlElement,
    request_json: &str,
    options: &str,
    storage_key: String,
) {
    use http_playground::model::{embed_options, Request};
    use http_playground::ui::{App, Mount};
    use leptos::prelude::*;

    let options = embed_options(options);
    let initial = Request::from_json(request_json).ok();
    // The element's own attributes only: the host page's address is not the widget's.
    let mount = Mount::Element;
    leptos::mount::mount_to(
        parent,
        move || view! { <App storage_key options initial mount/> },
    )
    .forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("http-playground is a browser app: run `make serve` and open http://127.0.0.1:8080");
}
