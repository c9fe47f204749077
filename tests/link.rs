//! What a link may do when it opens the page: autorun only in an embed and only without
//! variables; which drafts a link would displace; the recently-used list that lets embedded
//! widgets' storage expire; the transport's bounded first reservation.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{
    autorun_refusal, belongs_to, displaces_draft, embed_options, first_body_reservation,
    may_autorun, uses_no_variables, Auth, Body, KeyValue, RecentKeys, Request, EMBED_KEYS_LIMIT,
    MAX_FIRST_RESERVATION,
};

fn get(url: &str) -> Request {
    Request {
        url: url.to_owned(),
        ..Request::default()
    }
}

#[test]
fn a_variable_anywhere_means_the_request_uses_variables() {
    let mut cases: Vec<(&str, Request)> = vec![
        ("url", get("https://evil.example/?k={{token}}")),
        ("plain", get("https://api.example/users")),
    ];
    let mut header = get("https://api.example/");
    header.headers.push(KeyValue::new("X-Key", "{{ key }}"));
    cases.push(("header", header));
    let mut param = get("https://api.example/");
    param.params.push(KeyValue::new("{{name}}", "1"));
    cases.push(("param name", param));
    let mut auth = get("https://api.example/");
    auth.auth = Auth::Bearer {
        token: "{{token}}".to_owned(),
    };
    cases.push(("auth", auth));
    let mut body = get("https://api.example/");
    body.body = Body::Json {
        text: r#"{"a": "{{secret}}"}"#.to_owned(),
    };
    cases.push(("body", body));
    let mut disabled = get("https://api.example/");
    disabled.headers.push(KeyValue {
        name: "X-Key".to_owned(),
        value: "{{key}}".to_owned(),
        enabled: false,
    });
    cases.push(("disabled row", disabled));
    let mut braces = get("https://api.example/");
    braces.body = Body::Json {
        text: r#"{"template": "{{ not a name }}"}"#.to_owned(),
    };
    cases.push(("braces that are not a variable", braces));

    let uses: Vec<(&str, bool)> = cases
        .iter()
        .map(|(what, r)| (*what, !uses_no_variables(r)))
        .collect();
    assert_eq!(
        uses,
        vec![
            ("url", true),
            ("plain", false),
            ("header", true),
            ("param name", true),
            ("auth", true),
            ("body", true),
            ("disabled row", false),
            ("braces that are not a variable", false),
        ]
    );
}

#[test]
fn only_an_embed_autoruns_and_only_without_variables() {
    let plain = get("https://api.example/users");
    let spends = get("https://evil.example/?k={{token}}");
    // A WebSocket handshake carries the reader's cookies for its host: never opened by a link.
    let socket = get("wss://evil.example/socket");
    let table = [
        ("embed=1&autorun=1", &socket, false, Some("press Connect")),
        ("autorun=1", &socket, false, Some("never sends")),
        ("", &plain, false, None),
        ("autorun=1", &plain, false, Some("never sends")),
        ("autorun=1", &spends, false, Some("never sends")),
        ("embed=1&autorun=1", &plain, true, None),
        ("embed=1&autorun=1", &spends, false, Some("uses variables")),
        ("embed=1", &spends, false, None),
    ];
    for (query, request, expected, refusal) in table {
        let options = embed_options(query);
        assert_eq!(
            may_autorun(request, &options),
            expected,
            "{query} {}",
            request.url
        );
        match (autorun_refusal(request, &options), refusal) {
            (None, None) => {}
            (Some(text), Some(part)) => assert!(text.contains(part), "{query}: {text}"),
            (got, want) => panic!("{query} {}: {got:?}, expected {want:?}", request.url),
        }
    }
}

#[test]
fn a_link_displaces_only_real_work() {
    let starter = get("https://echo.example/get");
    let incoming = get("https://api.example/shared");
    let mut edited = starter.clone();
    edited.method = "POST".to_owned();
    assert!(!displaces_draft(&starter, &incoming, &starter));
    assert!(!displaces_draft(&Request::default(), &incoming, &starter));
    assert!(!displaces_draft(&incoming, &incoming, &starter));
    assert!(displaces_draft(&edited, &incoming, &starter));
    assert!(displaces_draft(
        &get("https://mine.example/"),
        &incoming,
        &starter
    ));
}

#[test]
fn embed_keys_expire_least_recently_used_first() {
    let mut recent = RecentKeys::default();
    for i in 0..EMBED_KEYS_LIMIT {
        assert!(recent
            .touch(&format!("w/{i}"), i as u64, EMBED_KEYS_LIMIT)
            .is_empty());
    }
    // Using the oldest again keeps it; the next new key drops the one used longest ago.
    assert!(recent.touch("w/0", 1000, EMBED_KEYS_LIMIT).is_empty());
    assert_eq!(recent.touch("w/new", 1001, EMBED_KEYS_LIMIT), vec!["w/1"]);
    assert_eq!(recent.0.len(), EMBED_KEYS_LIMIT);
    assert_eq!(recent.0[0], ("w/new".to_owned(), 1001));
    // The list survives its JSON form, and unreadable entries in it are skipped.
    assert_eq!(RecentKeys::from_json(&recent.to_json()), recent);
    let read =
        RecentKeys::from_json(r#"[{"key": "a", "used_ms": 5}, {"nokey": 1}, 7, {"key": "b\"c"}]"#);
    assert_eq!(read.0, vec![("a".to_owned(), 5), ("b\"c".to_owned(), 0)]);
    assert_eq!(RecentKeys::from_json("not json"), RecentKeys::default());
    // Out of order (an older page), the oldest still goes first.
    let mut shuffled = RecentKeys(vec![("x".into(), 5), ("y".into(), 1), ("z".into(), 9)]);
    assert_eq!(shuffled.touch("n", 10, 3), vec!["y"]);
}

#[test]
fn a_widget_owns_its_key_and_the_entries_named_after_it() {
    let key = "http-playground/widget/0a1b2c3d";
    assert!(belongs_to(key, key));
    assert!(belongs_to(&format!("{key}.history"), key));
    assert!(belongs_to(&format!("{key}.variables"), key));
    assert!(belongs_to(&format!("{key}/session"), key));
    assert!(!belongs_to("http-playground/widget/0a1b2c3d4", key));
    assert!(!belongs_to("http-playground/draft", key));
}

#[test]
fn the_first_reservation_of_a_body_is_bounded() {
    assert_eq!(first_body_reservation(None), 0);
    assert_eq!(first_body_reservation(Some(1234)), 1234);
    assert_eq!(first_body_reservation(Some(1 << 30)), MAX_FIRST_RESERVATION);
    assert_eq!(first_body_reservation(Some(usize::MAX)), 8 << 20);
}

#[test]
fn a_links_variables_never_overwrite_the_readers() {
    use http_playground::model::{add_missing_variables, Variable};
    let mut mine = vec![
        Variable::new("token", "mine"),
        Variable::new("base", "http://mine"),
    ];
    let offered = vec![
        Variable::new("base", "http://theirs"),
        Variable::new("page", "2"),
        Variable::new(" ", "x"),
        Variable::new("page", "3"),
    ];
    assert_eq!(
        add_missing_variables(&mut mine, offered),
        "Added page. Kept your own value of base (the link's was not used)."
    );
    let pairs: Vec<(&str, &str)> = mine
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        vec![("token", "mine"), ("base", "http://mine"), ("page", "2")]
    );
    assert_eq!(
        add_missing_variables(&mut mine, Vec::new()),
        "Nothing to add."
    );
}

#[test]
fn only_the_playgrounds_own_send_via_proxy_carries_the_proxy_mark() {
    use http_playground::model::{headers_to_send, PROXY_MARK};
    let typed = vec![
        ("Accept".to_owned(), "*/*".to_owned()),
        ("x-playground-proxy".to_owned(), "1".to_owned()),
        (" X-Playground-Proxy ".to_owned(), "1".to_owned()),
    ];
    let direct = headers_to_send(&typed, false);
    assert_eq!(direct, vec![("Accept".to_owned(), "*/*".to_owned())]);
    let proxied = headers_to_send(&typed, true);
    assert_eq!(
        proxied,
        vec![
            ("Accept".to_owned(), "*/*".to_owned()),
            (PROXY_MARK.0.to_owned(), PROXY_MARK.1.to_owned())
        ]
    );
}

#[test]
fn a_history_export_leaves_secrets_out_unless_asked_even_if_they_were_kept() {
    use http_playground::model::{history_export, HistoryEntry, Secrets};
    let mut request = get("https://api.example/?api_key=kept-in-history");
    request
        .headers
        .push(KeyValue::new("Authorization", "Bearer kept-token"));
    let entry = HistoryEntry {
        request,
        result: "200".to_owned(),
        elapsed_ms: 1,
        sent_at_ms: 1,
        removed_secrets: Vec::new(),
    };
    let left_out = history_export(std::slice::from_ref(&entry), Secrets::LeaveOut);
    assert!(!left_out.contains("kept-in-history") && !left_out.contains("kept-token"));
    assert!(left_out.contains("Header Authorization"), "{left_out}");
    let included = history_export(&[entry], Secrets::Include);
    assert!(included.contains("kept-in-history") && included.contains("kept-token"));
}

#[test]
fn embed_storage_stays_within_its_byte_budget_keeping_the_widget_in_use() {
    let mut recent = RecentKeys(vec![
        ("new".to_owned(), 3),
        ("mid".to_owned(), 2),
        ("old".to_owned(), 1),
    ]);
    let size = |key: &str| match key {
        "new" => 600,
        "mid" => 300,
        _ => 300,
    };
    assert_eq!(recent.over_budget(size, 1000), vec!["old"]);
    assert_eq!(recent.over_budget(size, 100), vec!["mid"]);
    // The widget in use stays even when it alone is over the budget.
    assert!(recent.over_budget(size, 100).is_empty());
    assert_eq!(recent.0, vec![("new".to_owned(), 3)]);
}

#[test]
fn a_links_hundred_thousand_header_rows_validate_without_quadratic_work() {
    // Quadratic duplicate checks took minutes here; a set takes milliseconds. The test asserts
    // the result: every distinct row accepted, the one repeat (in another case) named.
    let mut request = get("https://api.example/");
    request.headers = (0..100_000)
        .map(|i| KeyValue::new(format!("X-H{i}"), "v"))
        .collect();
    assert!(request.validate().is_empty());
    request.headers.push(KeyValue::new("x-h7", "again"));
    let errors = request.validate();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("set twice"),
        "{}",
        errors[0].message
    );
}
