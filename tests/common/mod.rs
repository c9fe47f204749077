//! Shared by the browser tests: where the local httpbin is, and small DOM helpers.
#![allow(dead_code)]

use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The local httpbin started by `make test`; set at compile time by the Makefile.
pub const HTTPBIN: &str = match option_env!("HTTPBIN_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18080",
};

/// A loopback port nothing listens on (`make test` checks it is closed before running).
pub const CLOSED_PORT_URL: &str = match option_env!("CLOSED_PORT_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:9/",
};

pub async fn sleep(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

/// A fresh element in the body for one test to mount into.
pub fn fresh_container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// The element inside `root` with this accessible label (`aria-label`), or panics naming it.
pub fn by_label(root: &Element, label: &str) -> HtmlElement {
    root.query_selector(&format!("[aria-label=\"{label}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element labelled {label:?}"))
        .unchecked_into()
}

/// The button inside `root` whose text is `text`.
pub fn button(root: &Element, text: &str) -> Option<HtmlElement> {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
}

/// Types `value` into an input or textarea the way a user does: sets it and fires `input`.
pub fn type_into(element: &HtmlElement, value: &str) {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
    fire(element, "input");
}

/// Chooses an option of a select and fires `change`.
pub fn choose(element: &HtmlElement, value: &str) {
    element
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(value);
    fire(element, "change");
}

pub fn fire(element: &HtmlElement, event: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(event, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Waits until `check` holds, polling every 20 ms, or panics after `timeout_ms` with `what`.
pub async fn wait_for(what: &str, timeout_ms: u64, mut check: impl FnMut() -> bool) {
    let mut waited = 0;
    while !check() {
        assert!(
            waited < timeout_ms,
            "timed out after {timeout_ms} ms waiting for {what}"
        );
        sleep(20).await;
        waited += 20;
    }
}

/// The text of the region labelled `label` inside `root`.
pub fn region_text(root: &Element, label: &str) -> String {
    by_label(root, label).text_content().unwrap_or_default()
}

/// Every URL this page has fetched, as the browser put it on the wire (Resource Timing).
pub fn fetched_urls() -> Vec<String> {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let entries = performance.get_entries_by_type("resource");
    (0..entries.length())
        .map(|i| {
            entries
                .get(i)
                .unchecked_into::<web_sys::PerformanceEntry>()
                .name()
        })
        .collect()
}

/// How many resource fetches this page has made to URLs containing `marker`.
pub fn fetches_to(marker: &str) -> usize {
    fetched_urls()
        .iter()
        .filter(|url| url.contains(marker))
        .count()
}

/// A marker unique to one test run, to find its requests among others.
pub fn unique_marker(name: &str) -> String {
    format!(
        "{name}-{}",
        js_sys::Math::random().to_string().replace('.', "")
    )
}

/// The browser the tests run in, by its user agent.
pub fn this_browser() -> http_playground::model::Browser {
    let ua = web_sys::window()
        .expect("window")
        .navigator()
        .user_agent()
        .expect("userAgent");
    http_playground::model::Browser::from_user_agent(&ua)
}
