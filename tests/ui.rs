//! Browser UI tests: mount the app, fill the form as a user would, Send, read the Response and
//! Code regions. Each test mounts into its own element with its own draft key.
#![cfg(target_arch = "wasm32")]

mod common;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use common::{
    button, by_label, choose, fresh_container, region_text, sleep, type_into, wait_for, HTTPBIN,
};
use http_playground::model::{Auth, Body, Browser, KeyValue, Request};
use http_playground::ui::{storage, App};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a playground with an empty draft under `key`; the handle keeps it mounted.
fn mount(key: &'static str) -> (HtmlElement, impl Drop) {
    clear_draft(key);
    let container = fresh_container();
    let handle =
        leptos::mount::mount_to(container.clone(), move || view! { <App storage_key=key/> });
    (container, handle)
}

fn clear_draft(key: &str) {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(key).unwrap();
}

/// Opens the Body tab and makes the body JSON.
async fn json_body_tab(root: &HtmlElement) {
    button(root, "Body").expect("Body tab").click();
    sleep(0).await;
    let body_type = root
        .query_selector(".body-editor select")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    choose(&body_type, "json");
    sleep(0).await;
}

/// Clicks Send and waits for a new outcome to replace whatever the Response region showed.
async fn send_and_wait(root: &HtmlElement) -> String {
    let outcome = || {
        by_label(root, "Response")
            .query_selector("[data-outcome]")
            .unwrap()
    };
    let before = outcome();
    button(root, "Send").expect("Send button").click();
    wait_for("a new outcome in the Response region", 8000, || {
        outcome().is_some_and(|now| Some(&now) != before.as_ref())
    })
    .await;
    region_text(root, "Response")
}

fn status_text(root: &HtmlElement) -> String {
    by_label(root, "Response")
        .query_selector(".status")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn typing_a_url_with_a_query_fills_params_and_send_shows_the_echo() {
    let (root, _app) = mount("test/ui/get");
    type_into(
        &by_label(&root, "URL"),
        &format!("{HTTPBIN}/get?q=python tutorial&page=1"),
    );
    sleep(0).await;

    // The params table now holds the query, decoded.
    assert_eq!(
        by_label(&root, "Query parameter 1 name").unchecked_value(),
        "q"
    );
    assert_eq!(
        by_label(&root, "Query parameter 1 value").unchecked_value(),
        "python tutorial"
    );
    assert_eq!(
        by_label(&root, "Query parameter 2 value").unchecked_value(),
        "1"
    );

    let text = send_and_wait(&root).await;
    assert_eq!(status_text(&root), "200 OK");
    assert!(text.contains("\"q\": \"python tutorial\""), "{text}");
    assert!(text.contains("q=python+tutorial&page=1"), "{text}");
}

#[wasm_bindgen_test]
async fn editing_a_param_row_rewrites_the_url_box() {
    let (root, _app) = mount("test/ui/params");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/get?a=1"));
    sleep(0).await;
    type_into(&by_label(&root, "Query parameter 1 value"), "x & y");
    sleep(0).await;
    assert_eq!(
        by_label(&root, "URL").unchecked_value(),
        format!("{HTTPBIN}/get?a=x+%26+y")
    );

    by_label(&root, "Enable Query parameter 1").click();
    sleep(0).await;
    assert_eq!(
        by_label(&root, "URL").unchecked_value(),
        format!("{HTTPBIN}/get")
    );
}

#[wasm_bindgen_test]
async fn post_json_from_the_body_tab_is_echoed() {
    let (root, _app) = mount("test/ui/post");
    choose(&by_label(&root, "Method"), "POST");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/post"));
    json_body_tab(&root).await;
    type_into(
        &by_label(&root, "Body"),
        r#"{"title": "Buy groceries", "completed": false}"#,
    );
    sleep(0).await;

    let text = send_and_wait(&root).await;
    assert_eq!(status_text(&root), "200 OK");
    assert!(text.contains("\"title\": \"Buy groceries\""), "{text}");
    assert!(
        text.contains("\"Content-Type\": \"application/json\""),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn http_errors_are_marked_and_invalid_requests_name_the_field() {
    let (root, _app) = mount("test/ui/errors");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/status/404"));
    let text = send_and_wait(&root).await;
    assert_eq!(status_text(&root), "404 NOT FOUND");
    assert!(text.contains("HTTP error"), "{text}");

    type_into(&by_label(&root, "URL"), "not a url");
    let text = send_and_wait(&root).await;
    assert!(text.contains("Not sent"), "{text}");
    assert!(
        text.contains("URL: start the URL with http:// or https://"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn cancel_while_in_flight_shows_cancelled_and_timeout_names_the_timeout() {
    let (root, _app) = mount("test/ui/cancel");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/delay/3"));
    button(&root, "Send").unwrap().click();
    wait_for("the Cancel button", 2000, || {
        button(&root, "Cancel").is_some()
    })
    .await;
    assert!(region_text(&root, "Response").contains("Waiting"));
    button(&root, "Cancel").unwrap().click();
    wait_for("cancelled", 2000, || {
        region_text(&root, "Response").contains("Cancelled")
    })
    .await;

    let timeout = root
        .query_selector(".timeout input")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    type_into(&timeout, "0.5");
    let text = send_and_wait(&root).await;
    assert!(text.contains("No response within 0.5 s"), "{text}");
}

#[wasm_bindgen_test]
async fn ctrl_enter_sends() {
    let (root, _app) = mount("test/ui/keys");
    let url = by_label(&root, "URL");
    type_into(&url, &format!("{HTTPBIN}/status/201"));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    url.dispatch_event(&event).unwrap();
    wait_for("a 201", 5000, || status_text(&root).starts_with("201")).await;
}

#[wasm_bindgen_test]
async fn code_panel_follows_the_form_in_every_tab_and_remembers_the_tab() {
    let (root, _app) = mount("test/ui/code");
    type_into(
        &by_label(&root, "URL"),
        "http://127.0.0.1:1/users?per_page=5",
    );
    // One microtask later (well within a frame) the snippet shows what was typed.
    sleep(0).await;
    button(&root, "Rust · gloo-net")
        .expect("gloo-net tab")
        .click();
    sleep(0).await;
    let code = region_text(&root, "Code");
    assert!(
        code.contains("RequestBuilder::new(\"http://127.0.0.1:1/users\")"),
        "{code}"
    );
    assert!(code.contains(".query([(\"per_page\", \"5\")])"), "{code}");

    choose(&by_label(&root, "Method"), "DELETE");
    sleep(0).await;
    assert!(region_text(&root, "Code").contains(".method(Method::DELETE)"));

    let expectations = [
        ("Python · requests", "requests.delete(url, params=params, headers=headers, timeout=10)"),
        ("Python · httpx", "client.delete(url, params=params, headers=headers)"),
        ("Python · httpx async", "await client.delete(url, params=params, headers=headers)"),
        ("curl", "curl -sS --fail-with-body --location --max-time 10 'http://127.0.0.1:1/users?per_page=5'"),
        ("JavaScript · fetch", "method: \"DELETE\""),
        ("Rust · reqwest", ".delete(\"http://127.0.0.1:1/users\")"),
        ("Rust · reqwest blocking", "reqwest::blocking::Client::builder()"),
    ];
    for (tab, expected) in expectations {
        button(&root, tab)
            .unwrap_or_else(|| panic!("tab {tab}"))
            .click();
        sleep(0).await;
        let code = region_text(&root, "Code");
        assert!(code.contains(expected), "{tab}: {code}");
        let selected = button(&root, tab).unwrap().get_attribute("aria-selected");
        assert_eq!(
            selected.as_deref(),
            Some("true"),
            "{tab} is the selected tab"
        );
    }
    // The choice is remembered for the next visit.
    assert_eq!(
        storage::load_text("http-playground/target").as_deref(),
        Some("rust-reqwest-blocking")
    );
    // Strings are highlighted.
    let strings = by_label(&root, "Code")
        .query_selector_all(".tok-string")
        .unwrap()
        .length();
    assert!(strings >= 2, "{strings} highlighted strings");
}

#[wasm_bindgen_test]
async fn the_draft_survives_a_reload() {
    let key = "test/ui/draft";
    {
        let (root, app) = mount(key);
        choose(&by_label(&root, "Method"), "PUT");
        type_into(
            &by_label(&root, "URL"),
            "http://127.0.0.1:1/items/7?keep=me",
        );
        sleep(10).await;
        drop(app);
        root.remove();
    }
    let saved = storage::load_draft(key).expect("a saved draft");
    assert_eq!(saved.method, "PUT");
    assert_eq!(saved.url, "http://127.0.0.1:1/items/7");
    assert_eq!(saved.params, [KeyValue::new("keep", "me")]);

    // A second app on the same key, like the page after a reload, shows the same form.
    let container = fresh_container();
    let _app = leptos::mount::mount_to(container.clone(), move || view! { <App storage_key=key/> });
    sleep(0).await;
    assert_eq!(
        by_label(&container, "URL").unchecked_value(),
        "http://127.0.0.1:1/items/7?keep=me"
    );
    assert_eq!(by_label(&container, "Method").unchecked_value(), "PUT");
}

#[wasm_bindgen_test]
async fn a_stored_request_with_auth_and_form_body_is_restored_into_the_form() {
    let key = "test/ui/restore";
    let stored = Request {
        method: "POST".into(),
        url: format!("{HTTPBIN}/post"),
        auth: Auth::Basic {
            username: "user".into(),
            password: "pass".into(),
        },
        body: Body::Form {
            fields: vec![KeyValue::new("username", "alice")],
        },
        ..Request::default()
    };
    storage::save_draft(key, &stored);
    let container = fresh_container();
    let _app = leptos::mount::mount_to(container.clone(), move || view! { <App storage_key=key/> });
    sleep(0).await;
    let text = send_and_wait(&container).await;
    assert_eq!(status_text(&container), "200 OK");
    assert!(text.contains("\"username\": \"alice\""), "{text}");
    assert!(
        text.contains("\"Authorization\": \"Basic dXNlcjpwYXNz\""),
        "{text}"
    );
}

/// The note names what this browser drops, and the echo agrees: Firefox sends the typed
/// User-Agent, Chromium replaces it; neither sends a Cookie header set by script.
#[wasm_bindgen_test]
async fn the_refused_header_note_names_what_this_browser_drops() {
    let key = "test/ui/refused";
    let stored = Request {
        url: format!("{HTTPBIN}/headers"),
        headers: vec![
            KeyValue::new("User-Agent", "MyApp/1.0"),
            KeyValue::new("Cookie", "a=1"),
        ],
        ..Request::default()
    };
    storage::save_draft(key, &stored);
    let container = fresh_container();
    let _app = leptos::mount::mount_to(container.clone(), move || view! { <App storage_key=key/> });
    sleep(0).await;
    let firefox = common::this_browser() == Browser::Firefox;
    let (code_note, form_note) = if firefox {
        (
            "This code sends Cookie; Firefox could not, so the playground's own request went without.",
            "Firefox will not send Cookie (it controls these itself).",
        )
    } else {
        (
            "This code sends User-Agent, Cookie; Chromium could not, so the playground's own request went without.",
            "Chromium will not send User-Agent, Cookie (it controls these itself).",
        )
    };
    let code = region_text(&container, "Code");
    assert!(code.contains(code_note), "{code_note} in {code}");
    button(&container, "Headers (2)")
        .expect("Headers tab")
        .click();
    sleep(0).await;
    let text = container.text_content().unwrap_or_default();
    assert!(text.contains(form_note), "{form_note} in {text}");
    let echo = send_and_wait(&container).await;
    assert_eq!(
        echo.contains("\"User-Agent\": \"MyApp/1.0\""),
        firefox,
        "{echo}"
    );
    assert!(!echo.contains("a=1"), "{echo}");
}

/// After an image arrives, the Python code writes its bytes; once the request changes, it
/// prints text again.
#[wasm_bindgen_test]
async fn a_binary_answer_turns_the_python_code_to_bytes_until_the_request_changes() {
    let (root, _app) = mount("test/ui/binary");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/image/png"));
    button(&root, "Python · requests")
        .expect("requests tab")
        .click();
    sleep(0).await;
    assert!(region_text(&root, "Code").contains("print(response.text)"));
    send_and_wait(&root).await;
    assert_eq!(status_text(&root), "200 OK");
    let code = region_text(&root, "Code");
    assert!(
        code.contains("sys.stdout.buffer.write(response.content)"),
        "{code}"
    );
    assert!(!code.contains("print(response.text)"), "{code}");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/get"));
    sleep(0).await;
    let code = region_text(&root, "Code");
    assert!(code.contains("print(response.text)"), "{code}");
}

trait InputValue {
    fn unchecked_value(&self) -> String;
}

impl InputValue for HtmlElement {
    fn unchecked_value(&self) -> String {
        if let Some(input) = self.dyn_ref::<web_sys::HtmlInputElement>() {
            input.value()
        } else if let Some(select) = self.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.value()
        } else {
            self.unchecked_ref::<web_sys::HtmlTextAreaElement>().value()
        }
    }
}

#[wasm_bindgen_test]
async fn a_curl_command_pasted_into_the_url_box_fills_the_form_and_sends_the_same_request() {
    let (root, _app) = mount("test/ui/curl");
    let command = format!(
        "curl '{HTTPBIN}/anything/imported?q=python+tutorial' -X PUT -H 'X-Imported: yes' -u user:pass --json '{{\"a\": 1}}' --compressed -s"
    );
    type_into(&by_label(&root, "URL"), &command);
    sleep(0).await;
    assert_eq!(by_label(&root, "Method").unchecked_value(), "PUT");
    assert_eq!(
        by_label(&root, "URL").unchecked_value(),
        format!("{HTTPBIN}/anything/imported?q=python+tutorial")
    );
    let notice = root
        .query_selector(".notice")
        .unwrap()
        .expect("an import notice")
        .text_content()
        .unwrap();
    assert!(
        notice.contains("Imported from curl") && notice.contains("--compressed"),
        "{notice}"
    );

    let text = send_and_wait(&root).await;
    assert_eq!(status_text(&root), "200 OK");
    for expected in [
        "\"method\": \"PUT\"",
        "\"X-Imported\": \"yes\"",
        "\"Authorization\": \"Basic dXNlcjpwYXNz\"",
        "\"q\": \"python tutorial\"",
        "\"a\": 1",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    // A broken command says why and leaves the form as it was.
    type_into(&by_label(&root, "URL"), "curl 'http://unterminated");
    sleep(0).await;
    let notice = root
        .query_selector(".notice.error")
        .unwrap()
        .expect("an error notice")
        .text_content()
        .unwrap();
    assert!(notice.contains("quote is never closed"), "{notice}");
}

#[wasm_bindgen_test]
async fn sent_requests_go_into_history_and_restore_from_it() {
    let key = "test/ui/history";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(&format!("{key}.history")).unwrap();
    let (root, _app) = mount(key);
    let history_items = |root: &HtmlElement| -> Vec<String> {
        let items = by_label(root, "History")
            .query_selector_all(".history-item")
            .unwrap();
        (0..items.length())
            .map(|i| items.item(i).unwrap().text_content().unwrap())
            .collect()
    };

    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/get?first=1"));
    send_and_wait(&root).await;
    choose(&by_label(&root, "Method"), "POST");
    type_into(&by_label(&root, "URL"), &format!("{HTTPBIN}/status/404"));
    send_and_wait(&root).await;
    sleep(0).await;

    let items = history_items(&root);
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(
        items[0].starts_with("POST")
            && items[0].contains("/status/404")
            && items[0].contains("404"),
        "{items:?}"
    );
    assert!(
        items[1].starts_with("GET") && items[1].contains("/get") && items[1].contains("200"),
        "{items:?}"
    );
    // Stored for the next visit, newest first.
    let stored = http_playground::model::history_from_json(
        &storage
            .get_item(&format!("{key}.history"))
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(stored[1].request.url, format!("{HTTPBIN}/get"));

    // Clicking the older entry restores its request into the form.
    let older = by_label(&root, "History")
        .query_selector_all(".history-item")
        .unwrap()
        .item(1)
        .unwrap();
    older.unchecked_into::<HtmlElement>().click();
    sleep(0).await;
    assert_eq!(
        by_label(&root, "URL").unchecked_value(),
        format!("{HTTPBIN}/get?first=1")
    );
    assert_eq!(by_label(&root, "Method").unchecked_value(), "GET");

    by_label(&root, "Delete history entry 1").click();
    sleep(0).await;
    assert_eq!(history_items(&root).len(), 1);
    button(&root, "Clear history").unwrap().click();
    sleep(0).await;
    assert!(history_items(&root).is_empty());

    // A request caught by validation was not sent, so it is not history.
    type_into(&by_label(&root, "URL"), "not a url");
    send_and_wait(&root).await;
    assert!(history_items(&root).is_empty());
}

#[wasm_bindgen_test]
async fn variables_fill_the_request_and_an_undefined_one_stops_the_send() {
    let key = "test/ui/variables";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(&format!("{key}.variables")).unwrap();
    let (root, _app) = mount(key);
    let marker = common::unique_marker("undefined-variable");

    // Undefined: a clear error naming the variable and the field, and nothing fetched.
    type_into(
        &by_label(&root, "URL"),
        &format!("{{{{base}}}}/anything/{marker}"),
    );
    let text = send_and_wait(&root).await;
    assert!(text.contains("Not sent"), "{text}");
    assert!(text.contains("URL: {{base}} is not defined"), "{text}");
    assert_eq!(common::fetches_to(&marker), 0);
    assert!(region_text(&root, "Code").contains("{{base}} is not defined"));

    // Defined under Variables: sent with the value, and the code holds the value.
    button(&root, "Variables").expect("Variables tab").click();
    sleep(0).await;
    button(&root, "+ Add variable")
        .expect("add variable")
        .click();
    sleep(0).await;
    type_into(&by_label(&root, "Variable 1 name"), "base");
    type_into(&by_label(&root, "Variable 1 value"), HTTPBIN);
    sleep(0).await;
    let text = send_and_wait(&root).await;
    assert_eq!(status_text(&root), "200 OK");
    assert!(text.contains(&format!("/anything/{marker}")), "{text}");
    // Its Resource Timing entry may come a task later; then exactly one fetch, so none before.
    wait_for("the request's fetch", 5000, || {
        common::fetches_to(&marker) >= 1
    })
    .await;
    assert_eq!(common::fetches_to(&marker), 1);
    assert!(region_text(&root, "Code").contains(&format!("url = \"{HTTPBIN}/anything/{marker}\"")));
    // Or names it as a constant when asked.
    let as_constants: HtmlElement = root
        .query_selector(".code-head .constants input")
        .unwrap()
        .expect("Variables as constants")
        .unchecked_into();
    as_constants.click();
    sleep(0).await;
    let code = region_text(&root, "Code");
    assert!(code.contains(&format!("BASE = \"{HTTPBIN}\"")), "{code}");
    assert!(
        code.contains(&format!("url = f\"{{BASE}}/anything/{marker}\"")),
        "{code}"
    );
    as_constants.click();
    // Kept for the next visit.
    let stored = storage
        .get_item(&format!("{key}.variables"))
        .unwrap()
        .unwrap();
    assert_eq!(
        http_playground::model::environment_from_json(&stored).unwrap()[0].name,
        "base"
    );
}

/// A body over 128 KB is edited through a window (ui/body_text.rs): the textarea holds the lines
/// near the caret, and a key typed there and a paste into it (CRLF line breaks) land at their
/// place in the whole text, with multi-byte characters and UTF-16 surrogate pairs before them;
/// the draft then holds exactly the whole text. In Chromium and in Firefox.
#[wasm_bindgen_test]
async fn a_large_body_is_edited_through_a_window_and_kept_whole() {
    let key = "test/ui/large-body";
    let (root, _app) = mount(key);
    choose(&by_label(&root, "Method"), "POST");
    json_body_tab(&root).await;
    let items: Vec<String> = (0..4000)
        .map(|i| format!("  {{\"id\": {i}, \"title\": \"Café ☕ {i} 😀\"}}"))
        .collect();
    let text = format!("[\n{}\n]", items.join(",\n"));
    assert!(text.len() > 160_000, "{} bytes", text.len());

    let area = by_label(&root, "Body");
    let textarea = area.unchecked_ref::<web_sys::HtmlTextAreaElement>().clone();
    type_into(&area, &text);
    sleep(0).await;
    let held = textarea.value();
    assert!(
        held.len() < 60_000,
        "the textarea holds {} bytes",
        held.len()
    );
    assert!(
        text.ends_with(&held),
        "it holds the lines around the caret, at the end"
    );
    let frame = root.query_selector(".body-frame").unwrap().unwrap();
    assert_eq!(
        frame.get_attribute("data-bytes"),
        Some(text.len().to_string())
    );

    // Typed at the end of what the textarea holds.
    let tail = ",\n  {\"tail\": \"é😀\"}\n]";
    type_into(&area, &format!("{}{tail}", &held[..held.len() - 2]));
    let mut expected = format!("{}{tail}", &text[..text.len() - 2]);
    let held = textarea.value();
    assert!(expected.ends_with(&held));

    // Pasted after the first emoji the textarea holds (its UTF-16 offset counts the emoji twice).
    let in_held = held.find('😀').expect("an emoji is held") + '😀'.len_utf8();
    let units = held[..in_held].encode_utf16().count() as u32;
    area.focus().unwrap();
    textarea.set_selection_range(units, units).unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", "PASTED\r\nline").unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let paste = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    area.dispatch_event(&paste).unwrap();
    // Firefox keeps a script-made paste event's data from the page (it reads as empty), so the
    // paste is seen in Chromium; an empty paste changes nothing in either.
    let readable = paste
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
        .is_some_and(|t| !t.is_empty());
    if readable {
        let at = expected.len() - held.len() + in_held;
        expected.insert_str(at, "PASTED\nline");
        assert!(
            textarea.value().contains("😀PASTED\nline"),
            "the paste shows where the caret was"
        );
    } else {
        assert_eq!(
            Browser::from_user_agent(&web_sys::window().unwrap().navigator().user_agent().unwrap()),
            Browser::Firefox
        );
    }

    wait_for("the draft to hold the whole edited body", 5000, || {
        storage::load_draft(key)
            .is_some_and(|r| matches!(&r.body, Body::Json { text } if *text == expected))
    })
    .await;
}
