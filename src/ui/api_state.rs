//! What the app holds of an API description: signals only. The description's code (reading,
//! the operations list, the form, the response check) loads with the panel (ui/lazy.rs).

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::Request;
use crate::openapi::{Description, OperationForm};

#[derive(Clone, Copy)]
pub struct ApiState {
    /// The panel is shown.
    pub open: RwSignal<bool>,
    pub description: RwSignal<Option<Arc<Description>>>,
    /// The chosen operation's form.
    pub form: RwSignal<Option<OperationForm>>,
    /// The request the panel last put in the form: choosing another operation over it, unchanged,
    /// keeps no draft.
    pub filled: RwSignal<Option<Request>>,
    /// A link's `spec=` (absolute) and `operation=`, taken once by the panel.
    pub start: StoredValue<Option<(String, Option<String>)>>,
}

impl ApiState {
    /// `spec` is resolved against the page's address (or, for an element, its host page's).
    /// `starter` is the request a fresh page shows: not a draft worth keeping either. `forget`:
    /// the page's own address loses `spec` and `operation` (the full app: a reload then keeps
    /// the reader's edits instead of filling the operation again).
    pub fn new(
        spec: Option<String>,
        operation: Option<String>,
        starter: Request,
        forget: bool,
    ) -> ApiState {
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let start = spec.map(|spec| {
            let absolute = web_sys::Url::new_with_base(&spec, &page)
                .map(|u| u.href())
                .unwrap_or(spec);
            (absolute, operation)
        });
        if forget && start.is_some() {
            forget_spec_link();
        }
        ApiState {
            open: RwSignal::new(start.is_some()),
            description: RwSignal::new(None),
            form: RwSignal::new(None),
            filled: RwSignal::new(Some(starter)),
            start: StoredValue::new(start),
        }
    }
}

/// Removes `spec` and `operation` from the address bar (the fragment stays: a share link in it
/// is read after this).
fn forget_spec_link() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        crate::model::without_spec(&location.search().unwrap_or_default()),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}
