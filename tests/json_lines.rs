//! The viewer's JSON line index: drawn line by line it must print exactly what `pretty_json`
//! prints (the same lines as a whole), whatever the budget it is indexed in; arbitrary bytes
//! never panic; paths, values, collapsing and search.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use http_playground::model::pretty_json;
use http_playground::viewer::{
    ancestors, find_all, line_at, openers_at_depth, visible_lines, IndexState, JsonLines, LineKind,
};

const DOC: &str = r#"{"users": [{"id": 1, "name": "Ada", "tags": []}, {"id": 2, "name": "Bob", "address": {"city": "Oslo", "zip": null}}],
  "count" :2, "ok":true, "weird key": {"a.b": -1.5e3}, "empty": {}}"#;

fn drawn(body: &str, lines: &JsonLines) -> String {
    (0..lines.len())
        .map(|i| lines.line_text(body.as_bytes(), i))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lines_draw_what_pretty_json_prints() {
    let lines = JsonLines::index_all(DOC.as_bytes());
    assert_eq!(lines.state(), IndexState::Done);
    assert_eq!(drawn(DOC, &lines), pretty_json(DOC).unwrap());
    assert_eq!(
        drawn(DOC, &lines).lines().nth(3).unwrap(),
        "      \"id\": 1,",
        "{}",
        drawn(DOC, &lines)
    );
}

#[test]
fn paths_values_and_collapsing() {
    let body = DOC.as_bytes();
    let lines = JsonLines::index_all(body);
    let find = |text: &str| {
        (0..lines.len())
            .find(|&i| lines.line_text(body, i).trim() == text)
            .unwrap_or_else(|| panic!("no line {text}"))
    };
    assert_eq!(
        lines.path(body, find("\"name\": \"Bob\",")),
        "users[1].name"
    );
    assert_eq!(
        lines.path(body, find("\"zip\": null")),
        "users[1].address.zip"
    );
    assert_eq!(
        lines.path(body, find("\"a.b\": -1.5e3")),
        "[\"weird key\"][\"a.b\"]"
    );
    assert_eq!(lines.path(body, find("\"tags\": []")), "users[0].tags");
    assert_eq!(lines.path(body, 0), "");
    assert_eq!(lines.value_text(body, find("\"count\": 2,")).unwrap(), "2");
    let address = find("\"address\": {");
    assert_eq!(
        lines.value_text(body, address).unwrap(),
        r#"{"city": "Oslo", "zip": null}"#
    );
    assert_eq!(lines.lines()[address].kind, LineKind::Open);

    // Collapsing the users array leaves its opening line, drawn as `"users": […],`.
    let users = find("\"users\": [");
    let rows = visible_lines(&lines, &[users as u32]);
    assert_eq!(
        rows.len(),
        lines.len() - (lines.lines()[users].close as usize - users)
    );
    assert_eq!(
        lines.line_text(body, rows[2] as usize).trim(),
        "\"count\": 2,"
    );
    let collapsed: String = lines
        .collapsed_tokens(body, users)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(collapsed, "  \"users\": […],");
    // Depth 1 shows the top level's members only.
    let rows = visible_lines(&lines, &openers_at_depth(&lines, 1));
    assert_eq!(rows.len(), 7, "{rows:?}");
    // The root, the array, its second item, the address.
    let chain = ancestors(&lines, find("\"zip\": null"));
    assert_eq!(chain, vec![0, users as u32, 7, address as u32]);
    assert_eq!(lines.line_text(body, 7).trim(), "{");

    let found = find_all(body, "oslo", 10);
    assert_eq!(found.len(), 1);
    assert_eq!(line_at(&lines, found[0]), find("\"city\": \"Oslo\","));
    assert_eq!(find_all(body, "\"id\"", 1).len(), 1);
}

#[test]
fn long_strings_are_cut_when_drawn() {
    let long = format!("{{\"a\": \"{}\"}}", "x".repeat(5000));
    let lines = JsonLines::index_all(long.as_bytes());
    let text = lines.line_text(long.as_bytes(), 1);
    assert!(
        text.ends_with("… 3002 more characters"),
        "{}",
        &text[text.len() - 40..]
    );
}

#[test]
fn invalid_json_stops_where_it_goes_wrong() {
    for (text, at) in [
        ("{\"a\": 1,}", 8),
        ("[1, 2", 5),
        ("{\"a\" 1}", 5),
        ("[1] 2", 4),
        ("[}", 1),
    ] {
        let lines = JsonLines::index_all(text.as_bytes());
        assert_eq!(lines.state(), IndexState::Invalid { at }, "{text}");
    }
}

/// Arbitrary JSON values, written with arbitrary whitespace.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1e9f64..1e9).prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::vec((".{0,8}", inner), 0..6)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_json_in_any_budget_draws_as_pretty_json(value in json_value(), pretty in any::<bool>(), budget in 1usize..64) {
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { serde_json::to_string(&value).unwrap() };
        let mut lines = JsonLines::default();
        let mut rounds = 0;
        while lines.index_more(text.as_bytes(), budget) == IndexState::Partial {
            rounds += 1;
            prop_assert!(rounds <= text.len() + 1);
        }
        prop_assert_eq!(lines.state(), IndexState::Done);
        prop_assert_eq!(drawn(&text, &lines), pretty_json(&text).unwrap());
        // Both walk JSON with the shared scanner (model/json_scan.rs); serde_json's own pretty
        // printer, which spells everything the way its compact writer did, is the independent
        // check.
        prop_assert_eq!(
            pretty_json(&serde_json::to_string(&value).unwrap()).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        // Every value reads back as the value it is.
        for i in 0..lines.len() {
            if let Some(value_text) = lines.value_text(text.as_bytes(), i) {
                prop_assert!(serde_json::from_str::<serde_json::Value>(&value_text).is_ok(), "{}", value_text);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), budget in 1usize..32) {
        let mut lines = JsonLines::default();
        while lines.index_more(&bytes, budget) == IndexState::Partial {}
        for i in 0..lines.len() {
            let _ = lines.line_tokens(&bytes, i);
            let _ = lines.collapsed_tokens(&bytes, i);
            let _ = lines.value_text(&bytes, i);
            let _ = lines.path(&bytes, i);
            let _ = ancestors(&lines, i);
        }
        let _ = visible_lines(&lines, &openers_at_depth(&lines, 1));
        // Valid JSON is exactly what serde_json accepts.
        if lines.state() == IndexState::Done {
            prop_assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok());
        }
    }
}
