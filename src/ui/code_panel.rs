//! The Code region: the request as code in every target, one tab each, updated as the form
//! changes, highlighted, with Copy. The chosen tab is remembered.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::storage::{load_text, save_text};
use crate::codegen::{highlight, Target};
use crate::model::{Request, Variable};

/// Where the chosen target is remembered.
const TARGET_KEY: &str = "http-playground/target";
/// Where the "Variables as constants" choice is remembered.
const CONSTANTS_KEY: &str = "http-playground/constants";

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

#[component]
pub fn CodePanel(
    request: RwSignal<Request>,
    environment: RwSignal<Vec<Variable>>,
    /// The tab to show first (an embedding page's `target=`), over the remembered one.
    #[prop(default = None)]
    first: Option<Target>,
) -> impl IntoView {
    let initial = first
        .or_else(|| load_text(TARGET_KEY).and_then(|id| Target::from_id(&id)))
        .unwrap_or(Target::PythonRequests);
    let target = RwSignal::new(initial);
    Effect::new(move |_| save_text(TARGET_KEY, target.get().id()));
    // Code holds the variables' values, or names them as constants when asked; an undefined
    // one is listed where the code would be.
    let as_constants = RwSignal::new(load_text(CONSTANTS_KEY).is_some_and(|v| v == "1"));
    Effect::new(move |_| save_text(CONSTANTS_KEY, if as_constants.get() { "1" } else { "0" }));
    let code = Memo::new(move |_| {
        let (target, as_constants) = (target.get(), as_constants.get());
        request.with(|r| environment.with(|e| target.generate_with(r, e, as_constants)))
    });
    let refused = move || request.with(Request::browser_refused_headers);

    view! {
        <CodeView targets=&Target::ALL target code note=move || view! {
            <Show when=move || !refused().is_empty() && target.get() != Target::RustGlooNet>
                <p class="note" role="note">
                    "This code sends " {move || refused().join(", ")}
                    "; the browser could not, so the playground's own request went without."
                </p>
            </Show>
        }>
            <label class="muted constants">
                <input type="checkbox" prop:checked=move || as_constants.get() on:change:target=move |ev| as_constants.set(ev.target().checked())/>
                " Variables as constants"
            </label>
        </CodeView>
    }
}

/// The Code region's frame: a tab per target in `targets`, the chosen target's `code`
/// highlighted, and Copy. `children` sit between the tabs and Copy, `note` above the code.
#[component]
pub fn CodeView(
    targets: &'static [Target],
    target: RwSignal<Target>,
    code: Memo<String>,
    #[prop(optional, into)] note: Option<ViewFn>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let copy_state = RwSignal::new(CopyState::Idle);
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window
            .navigator()
            .clipboard()
            .write_text(&code.get_untracked());
        leptos::task::spawn_local(async move {
            let state = if JsFuture::from(promise).await.is_ok() {
                CopyState::Copied
            } else {
                CopyState::Failed
            };
            copy_state.set(state);
            set_timeout(
                move || copy_state.set(CopyState::Idle),
                std::time::Duration::from_millis(2000),
            );
        });
    };

    view! {
        <section class="code" aria-label="Code">
            <div class="code-head">
                <div class="tabs" role="tablist" aria-label="Code targets">
                    {targets.iter().map(|&t| view! {
                        <button
                            type="button"
                            role="tab"
                            class="tab"
                            aria-selected=move || (target.get() == t).to_string()
                            on:click=move |_| target.set(t)
                        >
                            {t.label()}
                        </button>
                    }).collect_view()}
                </div>
                {children.map(|c| c())}
                <button type="button" class="small copy" on:click=copy>
                    {move || match copy_state.get() {
                        CopyState::Idle => "Copy",
                        CopyState::Copied => "Copied",
                        CopyState::Failed => "Copy failed: select the code",
                    }}
                </button>
            </div>
            {note.map(|note| note.run())}
            <pre class="snippet" role="tabpanel" tabindex="0" aria-label="Generated code"><code>
                {move || {
                    let language = target.get().language();
                    code.with(|code| {
                        highlight(language, code)
                            .into_iter()
                            .map(|(token, text)| view! { <span class=token.class()>{text.to_owned()}</span> })
                            .collect_view()
                    })
                }}
            </code></pre>
        </section>
    }
}
