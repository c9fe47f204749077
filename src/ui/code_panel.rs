//! The Code region: the request as code, updated as the form changes, with Copy.

use leptos::prelude::*;

use crate::codegen::Target;
use crate::model::Request;

#[component]
pub fn CodePanel(request: RwSignal<Request>) -> impl IntoView {
    let target = RwSignal::new(Target::RustGlooNet);
    let code = Memo::new(move |_| request.with(|r| target.get().generate(r)));
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .navigator()
                .clipboard()
                .write_text(&code.get_untracked());
            copied.set(true);
            set_timeout(
                move || copied.set(false),
                std::time::Duration::from_millis(1500),
            );
        }
    };

    view! {
        <section class="code" aria-label="Code">
            <div class="code-head">
                <div class="tabs" role="tablist" aria-label="Code targets">
                    {Target::ALL.map(|t| view! {
                        <button type="button" role="tab" class="tab" aria-selected=move || (target.get() == t).to_string() on:click=move |_| target.set(t)>{t.label()}</button>
                    })}
                </div>
                <button type="button" class="small" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy" }}</button>
            </div>
            <pre class="snippet"><code>{move || code.get()}</code></pre>
        </section>
    }
}
