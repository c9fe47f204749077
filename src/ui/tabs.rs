//! The one tab strip: the request editor's parts and the response's parts. ARIA tabs: the
//! chosen tab is the strip's one Tab stop, arrow keys (and Home, End) move and choose.

use leptos::prelude::*;

use crate::state::tab_step;

/// A tab strip named `label` over `tabs` (a value and its label, which may change), with the
/// chosen value in `selected`.
#[component]
pub fn TabList<T>(
    label: &'static str,
    selected: RwSignal<T>,
    tabs: Vec<(T, Signal<String>)>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let values: Vec<T> = tabs.iter().map(|(value, _)| *value).collect();
    let refs: Vec<NodeRef<leptos::html::Button>> = tabs.iter().map(|_| NodeRef::new()).collect();
    let on_keydown = {
        let refs = refs.clone();
        move |ev: leptos::ev::KeyboardEvent| move_by_key(&ev, &values, &refs, selected)
    };
    view! {
        <div class="tabs" role="tablist" aria-label=label on:keydown=on_keydown>
            {tabs.into_iter().zip(refs).map(|((value, text), node)| view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    node_ref=node
                    aria-selected=move || (selected.get() == value).to_string()
                    tabindex=move || if selected.get() == value { "0" } else { "-1" }
                    on:click=move |_| selected.set(value)
                >
                    {move || text.get()}
                </button>
            }).collect_view()}
        </div>
    }
}

/// The ARIA tabs keys on a strip of `values` whose buttons are `refs`: an arrow (or Home, End)
/// chooses and focuses the tab it moves to.
pub fn move_by_key<T: Copy + PartialEq + Send + Sync + 'static>(
    ev: &leptos::ev::KeyboardEvent,
    values: &[T],
    refs: &[NodeRef<leptos::html::Button>],
    selected: RwSignal<T>,
) {
    let Some(current) = values.iter().position(|v| *v == selected.get_untracked()) else {
        return;
    };
    let Some(next) = tab_step(current, values.len(), &ev.key()) else {
        return;
    };
    ev.prevent_default();
    selected.set(values[next]);
    if let Some(tab) = refs[next].get_untracked() {
        let _ = tab.focus();
    }
}
