//! The request format is written and read by hand: any request survives the round trip, and
//! what is written is JSON any parser accepts, in the documented shape.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use http_playground::model::{
    ApiKeyLocation, Auth, Body, KeyValue, Request, SharePayload, Variable,
};

fn row() -> impl Strategy<Value = KeyValue> {
    (any::<String>(), any::<String>(), any::<bool>()).prop_map(|(name, value, enabled)| KeyValue {
        name,
        value,
        enabled,
    })
}

fn request() -> impl Strategy<Value = Request> {
    let auth = prop_oneof![
        Just(Auth::None),
        (any::<String>(), any::<String>())
            .prop_map(|(username, password)| Auth::Basic { username, password }),
        any::<String>().prop_map(|token| Auth::Bearer { token }),
        (any::<String>(), any::<String>(), any::<bool>()).prop_map(|(name, value, q)| {
            Auth::ApiKey {
                name,
                value,
                location: if q {
                    ApiKeyLocation::Query
                } else {
                    ApiKeyLocation::Header
                },
            }
        }),
    ];
    let body = prop_oneof![
        Just(Body::None),
        any::<String>().prop_map(|text| Body::Json { text }),
        proptest::collection::vec(row(), 0..3).prop_map(|fields| Body::Form { fields }),
        (any::<String>(), any::<String>())
            .prop_map(|(text, content_type)| Body::Text { text, content_type }),
    ];
    (
        any::<String>(),
        any::<String>(),
        proptest::collection::vec(row(), 0..3),
        proptest::collection::vec(row(), 0..3),
        auth,
        body,
        any::<u64>(),
    )
        .prop_map(
            |(method, url, params, headers, auth, body, timeout_ms)| Request {
                version: 1,
                method,
                url,
                params,
                headers,
                auth,
                body,
                timeout_ms,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_request_round_trips_and_is_valid_json(
        request in request(),
        secrets in proptest::collection::vec(any::<String>(), 0..3),
        variables in proptest::collection::vec((any::<String>(), any::<String>(), any::<bool>(), any::<bool>()), 0..3),
    ) {
        let json = request.to_json();
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        prop_assert_eq!(&parsed["version"], &serde_json::json!(1));
        prop_assert_eq!(&parsed["auth"]["type"], &serde_json::json!(request.auth.kind()));
        prop_assert_eq!(&parsed["body"]["type"], &serde_json::json!(request.body.kind()));
        prop_assert_eq!(Request::from_json(&json).unwrap(), request.clone());

        let variables = variables
            .into_iter()
            .map(|(name, value, enabled, secret)| Variable { name, value, enabled, secret })
            .collect();
        let payload = SharePayload { request: request.clone(), removed_secrets: secrets, variables };
        prop_assert_eq!(SharePayload::from_json(&payload.to_json()).unwrap(), payload);
    }
}

#[test]
fn the_written_format_is_the_documented_one() {
    let request = Request {
        method: "POST".into(),
        url: "https://httpbin.org/post".into(),
        params: vec![KeyValue::new("q", "python tutorial")],
        headers: vec![KeyValue::new("Accept", "application/json")],
        body: Body::Json {
            text: "{\"title\": \"Buy groceries\"}".into(),
        },
        ..Request::default()
    };
    assert_eq!(
        request.to_json(),
        r#"{"version":1,"method":"POST","url":"https://httpbin.org/post","params":[{"name":"q","value":"python tutorial","enabled":true}],"headers":[{"name":"Accept","value":"application/json","enabled":true}],"auth":{"type":"none"},"body":{"type":"json","text":"{\"title\": \"Buy groceries\"}"},"timeout_ms":10000}"#
    );
}

/// The five formats share one reader (src/model/json_read.rs): a field of the wrong kind is an
/// error that names it, in the same words whichever format it is in; missing or null is the
/// default.
#[test]
fn every_format_names_the_field_of_the_wrong_kind_in_the_same_words() {
    use http_playground::model::{environment_from_json, history_from_json, Session};
    let request = |json: &str| Request::from_json(json).map(|_| ()).map_err(|e| e.0);
    let session = |json: &str| Session::from_json(json).map(|_| ()).map_err(|e| e.0);
    let history = |json: &str| history_from_json(json).map(|_| ()).map_err(|e| e.0);
    let variables = |json: &str| environment_from_json(json).map(|_| ()).map_err(|e| e.0);
    let cases: Vec<(Result<(), String>, &str)> = vec![
        (
            request(r#"{"headers": [{"name": "A", "enabled": "yes"}]}"#),
            "enabled must be true or false, not a string",
        ),
        (
            request(r#"{"method": 5}"#),
            "method must be a string, not a number",
        ),
        (
            request(r#"{"params": {}}"#),
            "params must be an array, not an object",
        ),
        (
            request("[]"),
            r#"expected a JSON object such as {"url": "…"}, not an array"#,
        ),
        (
            session(r#"{"requests": [{}], "concurrent": "no"}"#),
            "concurrent must be true or false, not a string",
        ),
        (
            session("3"),
            r#"a session is a JSON object with "requests", not a number"#,
        ),
        (
            history(r#"[{"request": {"url": 1}}]"#),
            "url must be a string, not a number",
        ),
        (
            history("[7]"),
            "an entry must be an object with a request, not a number",
        ),
        (
            variables(r#"{"variables": [{"name": "a", "secret": 1}]}"#),
            "secret must be true or false, not a number",
        ),
        (
            variables(r#"{"variables": [{"name": ["a"]}]}"#),
            "name must be a string, not an array",
        ),
        (
            variables(r#"{"variables": ["a"]}"#),
            "a variable must be an object with name and value, not a string",
        ),
    ];
    for (got, expected) in cases {
        let message = got.expect_err(expected);
        assert!(
            message.contains(expected),
            "{message:?} should say {expected:?}"
        );
    }
    // Null and missing read as the defaults.
    let read = Request::from_json(r#"{"url": "http://127.0.0.1:1/", "method": null, "headers": [{"name": "A", "value": null, "enabled": null}]}"#).unwrap();
    assert_eq!(read.method, "GET");
    assert_eq!(read.headers, vec![KeyValue::new("A", "")]);
    let vars = environment_from_json(
        r#"{"variables": [{"name": "api_token", "value": "v", "secret": null, "enabled": null}]}"#,
    )
    .unwrap();
    assert!(
        vars[0].secret && vars[0].enabled,
        "secret by its name, enabled by default"
    );
}
