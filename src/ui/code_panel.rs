//! The Code region: the request as code in every target, one tab each (grouped by language,
//! all in sight), updated as the form changes, highlighted, with Copy. The chosen tab is
//! remembered.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use super::clipboard::write_clipboard;
use super::storage::{load_text, save_text};
use super::tabs::move_by_key;
use super::this_browser;
use crate::codegen::{highlight, python_requests_for, BodyOutput, Target};
use crate::model::{format_size, Request, Variable};
use crate::state::{body_bytes, code_display, code_on_request, CodeDisplay};

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
    /// Whether the program prints the body as text or writes its bytes.
    #[prop(into)]
    output: Signal<BodyOutput>,
    /// The tab to show first (an embedding page's `target=`), over the remembered one.
    #[prop(default = None)]
    first: Option<Target>,
) -> impl IntoView {
    // Only a request's targets: a WebSocket client's id (`target=python-websockets`) is not one.
    let initial = first
        .or_else(|| load_text(TARGET_KEY).and_then(|id| Target::from_id(&id)))
        .filter(|t| Target::ALL.contains(t))
        .unwrap_or(Target::PythonRequests);
    let target = RwSignal::new(initial);
    Effect::new(move |_| save_text(TARGET_KEY, target.get().id()));
    // Code holds the variables' values, or names them as constants when asked; an undefined
    // one is listed where the code would be.
    let as_constants = RwSignal::new(load_text(CONSTANTS_KEY).is_some_and(|v| v == "1"));
    Effect::new(move |_| save_text(CONSTANTS_KEY, if as_constants.get() { "1" } else { "0" }));
    // A very large body's code is made when asked for (see state/editing.rs); any edit asks
    // again.
    let large = Memo::new(move |_| request.with(code_on_request));
    // The request the reader asked the code of (decided inside the memos, so no edit can make
    // a large program before the question is asked again).
    let asked: RwSignal<Option<Request>> = RwSignal::new(None);
    let held_back =
        Memo::new(move |_| large.get() && asked.with(|a| request.with(|r| a.as_ref() != Some(r))));
    // The default tab's code is made at once; another tab's generator loads with its first use
    // (ui/lazy.rs). The code is kept with the tab it is for: until a tab's own code has arrived
    // it says so, and a result that a later change has overtaken is dropped.
    let made: RwSignal<(Target, String)> = RwSignal::new((Target::PythonRequests, String::new()));
    let turns = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let turn = turns.get_value() + 1;
        turns.set_value(turn);
        let target = target.get();
        if held_back.get() {
            made.set((target, String::new()));
            return;
        }
        let (as_constants, output) = (as_constants.get(), output.get());
        if target == Target::PythonRequests {
            let text = request
                .with(|r| environment.with(|e| python_requests_for(r, e, as_constants, output)));
            made.set((target, text));
            return;
        }
        let (r, e) = (request.get(), environment.get());
        leptos::task::spawn_local(async move {
            let text = super::lazy::target_code(target, r, e, as_constants, output)
                .await
                .unwrap_or_else(|_| {
                    format!(
                        "{} {}",
                        target.language().comment_prefix(),
                        super::lazy::NotLoaded::MESSAGE
                    )
                });
            // The panel may have gone meanwhile (an unmounted app).
            if turns.try_get_value() == Some(turn) {
                let _ = made.try_set((target, text));
            }
        });
    });
    let code = Signal::derive(move || {
        let target = target.get();
        made.with(|(made_for, text)| {
            if *made_for == target {
                text.clone()
            } else {
                format!(
                    "{} Loading the {} code…",
                    target.language().comment_prefix(),
                    target.label()
                )
            }
        })
    });
    let refused = move || request.with(|r| r.browser_refused_headers(this_browser()));

    view! {
        <CodeView targets=&Target::ALL target code loading=Signal::derive(move || made.with(|(made_for, _)| *made_for != target.get())) note=move || view! {
            <Show when=move || !refused().is_empty() && target.get() != Target::RustGlooNet>
                <p class="note" role="note">
                    "This code sends " {move || refused().join(", ")}
                    "; " {this_browser().name()} " could not, so the playground's own request went without."
                </p>
            </Show>
            <Show when=move || held_back.get()>
                <p class="note" role="note">
                    {move || format!("The body is {}: the code is made when you ask, so typing stays quick. ", format_size(request.with(body_bytes)))}
                    <button type="button" class="small" on:click=move |_| asked.set(Some(request.get_untracked()))>"Make the code"</button>
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

/// The Code region's frame: a tab per target in `targets`, grouped by language so that every
/// target stays in sight at any width (the groups wrap, never scroll), the chosen target's
/// `code` highlighted, and Copy. `children` sit beside Copy, under the tabs, `note` above the
/// code. The tabs follow the ARIA tabs pattern: one tab stop, arrow keys move and choose.
#[component]
pub fn CodeView(
    targets: &'static [Target],
    target: RwSignal<Target>,
    #[prop(into)] code: Signal<String>,
    #[prop(optional, into)] note: Option<ViewFn>,
    /// While the chosen tab's code is still being made (its generator loads on first use):
    /// Copy waits, so it never copies the placeholder.
    #[prop(optional, into)]
    loading: Option<Signal<bool>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let copy_state = RwSignal::new(CopyState::Idle);
    let copy = move |_| {
        write_clipboard(&code.get_untracked(), move |ok| {
            copy_state.set(if ok {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
            set_timeout(
                move || copy_state.set(CopyState::Idle),
                std::time::Duration::from_millis(2000),
            );
        });
    };

    // Several code views can share a document (the app and its tests), so ids are numbered.
    let panel_id = format!("code-panel-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let tabs: Vec<NodeRef<leptos::html::Button>> = targets.iter().map(|_| NodeRef::new()).collect();
    let on_keydown = {
        let tabs = tabs.clone();
        move |ev: leptos::ev::KeyboardEvent| move_by_key(&ev, targets, &tabs, target)
    };
    let groups = language_groups(targets).into_iter().map(|(language, members)| {
        let tabs = tabs.clone();
        let panel_id = panel_id.clone();
        view! {
            <span class="target-group">
                // The language is in each tab's name already; said once here for the eye.
                {language.map(|language| view! { <span class="group-name" aria-hidden="true">{language}</span> })}
                {members.into_iter().map(|(index, t)| {
                    let (language, library) = split_label(t);
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="target-tab"
                            node_ref=tabs[index]
                            aria-controls=panel_id.clone()
                            aria-selected=move || (target.get() == t).to_string()
                            tabindex=move || if target.get() == t { "0" } else { "-1" }
                            on:click=move |_| target.set(t)
                        >
                            {language.map(|language| view! { <span class="visually-hidden">{format!("{language} · ")}</span> })}
                            {library}
                        </button>
                    }
                }).collect_view()}
            </span>
        }
    }).collect_view();

    view! {
        <section class="code" aria-label="Code">
            <div class="code-head">
                <div class="targets" role="tablist" aria-label="Code targets" on:keydown=on_keydown>
                    {groups}
                </div>
                <div class="code-tools">
                    {children.map(|c| c())}
                    <button type="button" class="small copy" on:click=copy disabled=move || code.with(String::is_empty) || loading.is_some_and(|l| l.get())>
                        {move || match copy_state.get() {
                            CopyState::Idle => "Copy",
                            CopyState::Copied => "Copied",
                            CopyState::Failed => "Copy failed: select the code",
                        }}
                    </button>
                </div>
            </div>
            {note.map(|note| note.run())}
            <pre class="snippet" id=panel_id role="tabpanel" tabindex="0" aria-label="Generated code"><code>
                {move || {
                    let language = target.get().language();
                    code.with(|code| match code_display(code) {
                        CodeDisplay::Highlighted(code) => highlight(language, code)
                            .into_iter()
                            .map(|(token, text)| view! { <span class=token.class()>{text.to_owned()}</span> })
                            .collect_view()
                            .into_any(),
                        CodeDisplay::Plain { shown, note } => view! {
                            {shown.to_owned()}
                            {note.map(|note| view! { <span class="tok-comment">{note}</span> })}
                        }
                        .into_any(),
                    })
                }}
            </code></pre>
        </section>
    }
}

/// Numbers the code panels of a document.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A tab label as (language, library): "Python · requests" is `(Some("Python"), "requests")`,
/// "curl" is `(None, "curl")`. The label stays the tab's accessible name; only the library is
/// shown on the tab, the language once per group.
fn split_label(target: Target) -> (Option<&'static str>, &'static str) {
    match target.label().split_once(" · ") {
        Some((language, library)) => (Some(language), library),
        None => (None, target.label()),
    }
}

/// A language (none for curl, a language of its own) and its targets with their indices.
type LanguageGroup = (Option<&'static str>, Vec<(usize, Target)>);

/// `targets` in runs of the same language, in order.
fn language_groups(targets: &[Target]) -> Vec<LanguageGroup> {
    let mut groups: Vec<LanguageGroup> = Vec::new();
    for (index, &target) in targets.iter().enumerate() {
        let language = split_label(target).0;
        match groups.last_mut() {
            Some((last, members)) if *last == language && language.is_some() => {
                members.push((index, target))
            }
            _ => groups.push((language, vec![(index, target)])),
        }
    }
    groups
}
