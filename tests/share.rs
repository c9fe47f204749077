//! Share links: base64url, secrets left out unless included, and the payload's JSON.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{
    base64url_decode, base64url_encode, share_bytes, share_fragment, strip_secrets, ApiKeyLocation,
    Auth, KeyValue, Request, Secrets, SharePayload, Variable,
};

#[test]
fn base64url_round_trips_every_length_and_byte() {
    let bytes: Vec<u8> = (0..=255u8).collect();
    for len in 0..bytes.len() {
        let encoded = base64url_encode(&bytes[..len]);
        assert!(!encoded.contains(['+', '/', '=']), "{encoded}");
        assert_eq!(base64url_decode(&encoded).unwrap(), &bytes[..len]);
    }
    // RFC 4648 test vector, URL-safe alphabet.
    assert_eq!(base64url_encode(b"\xfb\xff\xbf"), "-_-_");
    assert_eq!(base64url_decode("not base64!"), None);
}

#[test]
fn fragments_carry_the_bytes() {
    let fragment = share_fragment(&[1, 2, 3, 250]);
    assert!(fragment.starts_with("request="));
    assert_eq!(
        share_bytes(&format!("#{fragment}")).unwrap(),
        [1, 2, 3, 250]
    );
    assert_eq!(share_bytes("#other=abc"), None);
}

#[test]
fn secrets_are_left_out_and_named() {
    let request = Request {
        url: "https://api.example.com/".into(),
        headers: vec![
            KeyValue::new("Authorization", "Bearer abc"),
            KeyValue::new("Cookie", "session=1"),
            KeyValue::new("Accept", "application/json"),
        ],
        auth: Auth::Basic {
            username: "user".into(),
            password: "hunter2".into(),
        },
        ..Request::default()
    };
    let (stripped, removed) = strip_secrets(&request);
    assert_eq!(
        removed,
        ["Auth password", "Header Authorization", "Header Cookie"]
    );
    assert_eq!(
        stripped.auth,
        Auth::Basic {
            username: "user".into(),
            password: String::new()
        }
    );
    assert_eq!(stripped.headers[0].value, "");
    assert_eq!(stripped.headers[2].value, "application/json");

    let api_key = Request {
        auth: Auth::ApiKey {
            name: "key".into(),
            value: "k".into(),
            location: ApiKeyLocation::Query,
        },
        ..Request::default()
    };
    assert_eq!(strip_secrets(&api_key).1, ["Auth API key value"]);
    let bearer = Request {
        auth: Auth::Bearer { token: "t".into() },
        ..Request::default()
    };
    assert_eq!(strip_secrets(&bearer).1, ["Auth bearer token"]);
}

#[test]
fn payload_json_round_trips_with_and_without_secrets() {
    let request = Request {
        method: "POST".into(),
        url: "https://httpbin.org/post".into(),
        auth: Auth::Bearer {
            token: "secret".into(),
        },
        ..Request::default()
    };
    let without = SharePayload::new(&request, &[], Secrets::LeaveOut);
    let back = SharePayload::from_json(&without.to_json()).unwrap();
    assert_eq!(back.removed_secrets, ["Auth bearer token"]);
    assert_eq!(
        back.request.auth,
        Auth::Bearer {
            token: String::new()
        }
    );

    let with = SharePayload::new(&request, &[], Secrets::Include);
    let back = SharePayload::from_json(&with.to_json()).unwrap();
    assert_eq!(back.request, request);
    assert!(back.removed_secrets.is_empty());
    // The payload holds the documented request format.
    let value: serde_json::Value = serde_json::from_str(&with.to_json()).unwrap();
    assert_eq!(
        Request::from_json(&value["request"].to_string()).unwrap(),
        request
    );
}

#[test]
fn history_keeps_the_newest_hundred_and_strips_secrets_unless_kept() {
    use http_playground::model::{
        history_from_json, history_to_json, record, HistoryEntry, HttpResponse, Outcome,
    };
    let response = |status| {
        Outcome::Response(HttpResponse {
            status,
            status_text: String::new(),
            headers: vec![],
            body: Default::default(),
            elapsed_ms: 12.4,
            ttfb_ms: None,
            url: String::new(),
            redirected: false,
            stopped: None,
        })
    };
    let secret = Request {
        auth: Auth::Bearer {
            token: "t0k".into(),
        },
        ..Request::default()
    };
    let mut history = Vec::new();
    for i in 0..105u64 {
        let request = Request {
            url: format!("http://localhost/{i}"),
            ..secret.clone()
        };
        record(
            &mut history,
            HistoryEntry::new(
                &request,
                &response(200),
                1_700_000_000_000 + i,
                Secrets::LeaveOut,
            ),
        );
    }
    assert_eq!(history.len(), 100);
    assert_eq!(history[0].request.url, "http://localhost/104");
    assert_eq!(history[99].request.url, "http://localhost/5");
    assert_eq!(
        history[0].request.auth,
        Auth::Bearer {
            token: String::new()
        }
    );
    assert_eq!(
        (history[0].result.as_str(), history[0].elapsed_ms),
        ("200", 12)
    );

    let kept = HistoryEntry::new(
        &secret,
        &Outcome::Timeout { timeout_ms: 10 },
        1,
        Secrets::Include,
    );
    assert_eq!(
        kept.request.auth,
        Auth::Bearer {
            token: "t0k".into()
        }
    );
    assert_eq!(kept.result, "timeout");
    assert_eq!(
        HistoryEntry::new(&secret, &Outcome::Cancelled, 1, Secrets::Include).result,
        "cancelled"
    );
    assert_eq!(
        HistoryEntry::new(&secret, &response(404), 1, Secrets::Include).result,
        "404"
    );

    record(&mut history, kept);
    let json = history_to_json(&history);
    assert_eq!(history_from_json(&json).unwrap(), history);
    assert!(history_from_json("{}")
        .unwrap_err()
        .to_string()
        .contains("JSON array"));
}

#[test]
fn an_imported_history_merges_by_time_without_repeats_and_keeps_a_hundred() {
    use http_playground::model::{merge_history, HistoryEntry, HISTORY_LIMIT};
    let entry = |url: &str, at: u64| HistoryEntry {
        request: Request {
            url: url.to_owned(),
            ..Request::default()
        },
        result: "200".to_owned(),
        elapsed_ms: 5,
        sent_at_ms: at,
        removed_secrets: Vec::new(),
    };
    let urls = |h: &[HistoryEntry]| h.iter().map(|e| e.request.url.clone()).collect::<Vec<_>>();
    let mut history = vec![entry("http://a/30", 30), entry("http://a/10", 10)];
    let imported = vec![
        entry("http://b/40", 40),
        entry("http://a/30", 30), // already there
        entry("http://b/20", 20),
        entry("http://b/10", 10), // same time as a/10: after it
        entry("http://b/5", 5),
    ];
    assert_eq!(merge_history(&mut history, imported.clone()), 4);
    assert_eq!(
        urls(&history),
        [
            "http://b/40",
            "http://a/30",
            "http://b/20",
            "http://a/10",
            "http://b/10",
            "http://b/5"
        ]
    );
    // Importing the same file again changes nothing.
    assert_eq!(merge_history(&mut history, imported), 0);
    assert_eq!(history.len(), 6);

    let many: Vec<_> = (0..150u64)
        .map(|i| entry(&format!("http://c/{i}"), 1000 + i))
        .collect();
    assert_eq!(merge_history(&mut history, many), 150);
    assert_eq!(history.len(), HISTORY_LIMIT);
    assert_eq!(history[0].request.url, "http://c/149");
    assert_eq!(history[99].request.url, "http://c/50");
}

fn templated() -> Request {
    Request {
        url: "{{base}}/anything".into(),
        headers: vec![
            KeyValue::new("X-Trace", "{{trace}}"),
            KeyValue::new("Authorization", "Bearer {{token}}"),
        ],
        params: vec![KeyValue::new("page", "{{unused-here}}")],
        ..Request::default()
    }
}

fn environment() -> Vec<Variable> {
    let mut off = Variable::new("unused-here", "off");
    off.enabled = false;
    let mut marked = Variable::new("trace", "t-123");
    marked.secret = true;
    vec![
        Variable::new("base", "https://api.example.com"),
        marked,
        Variable::new("token", "tok-999"),
        Variable::new("other", "not used"),
        off,
    ]
}

#[test]
fn links_carry_the_plain_variables_the_request_uses_and_name_the_secret_ones() {
    let payload = SharePayload::new(&templated(), &environment(), Secrets::LeaveOut);
    // References carry no secret: the request keeps them for the recipient's own variables.
    assert_eq!(payload.request, templated());
    assert_eq!(
        payload.variables,
        [Variable::new("base", "https://api.example.com")]
    );
    assert_eq!(
        payload.removed_secrets,
        ["Variable trace", "Variable token"]
    );
    let json = payload.to_json();
    assert!(
        !json.contains("t-123") && !json.contains("tok-999"),
        "{json}"
    );
    assert_eq!(SharePayload::from_json(&json).unwrap(), payload);

    let included = SharePayload::new(&templated(), &environment(), Secrets::Include);
    assert_eq!(included.variables, environment()[..3]);
    assert!(included.removed_secrets.is_empty());
    assert_eq!(
        SharePayload::from_json(&included.to_json()).unwrap(),
        included
    );
}

#[test]
fn links_made_before_variables_existed_still_open() {
    let old = r#"{"request":{"url":"https://x.test/"},"removed_secrets":["Auth password"]}"#;
    let payload = SharePayload::from_json(old).unwrap();
    assert_eq!(payload.request.url, "https://x.test/");
    assert_eq!(payload.removed_secrets, ["Auth password"]);
    assert!(payload.variables.is_empty());
    // A malformed list is dropped, not the link.
    let odd = r#"{"request":{"url":"https://x.test/"},"variables":[{"name":"a","secret":"yes"}]}"#;
    assert!(SharePayload::from_json(odd).unwrap().variables.is_empty());
    let written = SharePayload::new(&payload.request, &[], Secrets::LeaveOut).to_json();
    assert!(
        !written.contains("variables") && !written.contains("removed_secrets"),
        "{written}"
    );
}

#[test]
fn history_keeps_the_typed_request_and_names_what_it_left_out() {
    use http_playground::model::{history_from_json, history_to_json, HistoryEntry, Outcome};
    let typed = Request {
        url: "https://user:hunter2@api.example.com/?api_key=k-1".into(),
        headers: vec![
            KeyValue::new("Authorization", "Bearer {{token}}"),
            KeyValue::new("X-API-Key", "k-2"),
        ],
        auth: Auth::Basic {
            username: "ada".into(),
            password: "{{password}}".into(),
        },
        ..Request::default()
    };
    let entry = HistoryEntry::new(&typed, &Outcome::Cancelled, 7, Secrets::LeaveOut);
    assert_eq!(entry.request.url, "https://user:@api.example.com/?api_key=");
    assert_eq!(entry.request.headers[0].value, "Bearer {{token}}");
    assert_eq!(entry.request.auth, typed.auth);
    assert_eq!(
        entry.removed_secrets,
        [
            "Password in the URL",
            "Query parameter api_key",
            "Header X-API-Key"
        ]
    );
    let json = history_to_json(std::slice::from_ref(&entry));
    assert!(
        json.contains(r#""removed_secrets":["Password in the URL","#),
        "{json}"
    );
    assert_eq!(history_from_json(&json).unwrap(), [entry]);

    let kept = HistoryEntry::new(&typed, &Outcome::Cancelled, 7, Secrets::Include);
    assert_eq!(kept.request, typed);
    assert!(kept.removed_secrets.is_empty());
    assert!(!history_to_json(&[kept]).contains("removed_secrets"));

    // Entries written before removed_secrets existed read unchanged.
    let old = r#"[{"request":{"url":"http://a/"},"result":"200","elapsed_ms":3,"sent_at_ms":9}]"#;
    let read = history_from_json(old).unwrap();
    assert_eq!(read[0].request.url, "http://a/");
    assert!(read[0].removed_secrets.is_empty());
}
