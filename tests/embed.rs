//! The embed options a lesson page puts in an iframe's URL.

use http_playground::model::{embed_options, first_tab, EditorTab, EmbedOptions, Request, Theme};

#[test]
fn every_documented_option_is_read() {
    assert_eq!(
        embed_options("?embed=1&target=python-requests&readonly=url,method&autorun=1&theme=dark&spec=%2Fecho%2Fopenapi.json&operation=echoGet"),
        EmbedOptions {
            embed: true,
            target: Some("python-requests".into()),
            readonly_url: true,
            readonly_method: true,
            autorun: true,
            theme: Some(Theme::Dark),
            tab: None,
            spec: Some("/echo/openapi.json".into()),
            operation: Some("echoGet".into()),
            ignored: vec![],
        }
    );
    assert_eq!(embed_options(""), EmbedOptions::default());
    let light = embed_options("embed&theme=light&readonly=method");
    assert!(light.embed && light.readonly_method && !light.readonly_url);
    assert_eq!(light.theme, Some(Theme::Light));
}

#[test]
fn unknown_names_and_values_are_ignored_and_listed() {
    let options = embed_options("?embed=0&theme=blue&readonly=url,body&colour=red&autorun=no");
    assert!(!options.embed && !options.autorun && options.readonly_url);
    assert_eq!(options.theme, None);
    assert_eq!(options.ignored, ["theme=blue", "readonly=body", "colour"]);
}

#[test]
fn tab_names_the_editor_tab_to_open_on() {
    for (name, tab) in [
        ("params", EditorTab::Params),
        ("headers", EditorTab::Headers),
        ("auth", EditorTab::Auth),
        ("body", EditorTab::Body),
        ("variables", EditorTab::Variables),
    ] {
        let options = embed_options(&format!("?embed=1&tab={name}"));
        assert_eq!(options.tab, Some(tab), "{name}");
        assert!(options.ignored.is_empty());
    }
    let unknown = embed_options("?embed=1&tab=cookies&tab=");
    assert_eq!(unknown.tab, None);
    assert_eq!(unknown.ignored, ["tab=cookies", "tab="]);
}

#[test]
fn an_embedded_request_with_a_body_opens_on_body_unless_a_tab_is_named() {
    let post = Request::from_json(
        r#"{"version":1,"method":"POST","url":"https://example.com/post","body":{"type":"json","text":"{}"}}"#,
    )
    .unwrap();
    let get = Request::from_json(r#"{"version":1,"method":"GET","url":"https://example.com/get"}"#)
        .unwrap();
    let embed = embed_options("?embed=1");
    assert_eq!(first_tab(&embed, &post), EditorTab::Body);
    assert_eq!(first_tab(&embed, &get), EditorTab::Params);
    assert_eq!(
        first_tab(&embed_options("?embed=1&tab=headers"), &post),
        EditorTab::Headers
    );
    assert_eq!(
        first_tab(&embed_options("?embed=1&tab=body"), &get),
        EditorTab::Body
    );
    // The full app keeps opening on Params.
    assert_eq!(
        first_tab(&EmbedOptions::default(), &post),
        EditorTab::Params
    );
}

#[test]
fn the_full_app_forgets_spec_and_operation_and_keeps_the_rest() {
    use http_playground::model::without_spec;
    assert_eq!(without_spec("?spec=%2Fa.json&operation=getPet"), "");
    assert_eq!(
        without_spec("?theme=dark&spec=x&tab=body&operation"),
        "?theme=dark&tab=body"
    );
    assert_eq!(
        without_spec("?specs=1&operations=2"),
        "?specs=1&operations=2"
    );
    assert_eq!(without_spec(""), "");
}
