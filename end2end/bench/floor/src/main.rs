//! The framework's floor (end2end/bench/floor/Cargo.toml): what a Leptos page that can send a
//! request costs before anything of the playground is in it.

use leptos::prelude::*;
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        let url = RwSignal::new(String::from("https://httpbin.org/get"));
        let out = RwSignal::new(String::new());
        let send = move |_| {
            let u = url.get_untracked();
            leptos::task::spawn_local(async move {
                let text = match gloo_net::http::Request::get(&u).send().await {
                    Ok(r) => format!("{} {}", r.status(), r.text().await.unwrap_or_default()),
                    Err(e) => e.to_string(),
                };
                out.set(text);
            });
        };
        view! {
            <form>
                <input aria-label="URL" prop:value=move || url.get() on:input:target=move |ev| url.set(ev.target().value())/>
                <button type="button" on:click=send>"Send"</button>
                <pre>{move || out.get()}</pre>
            </form>
        }
    });
}
