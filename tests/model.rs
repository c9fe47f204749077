//! Native tests of the pure request model: URL and query encoding, headers, auth, body,
//! validation and the JSON format.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{
    apply_url_input, base64_encode, parse_url, pretty_json, url_input_text, ApiKeyLocation, Auth,
    Body, Field, KeyValue, Request,
};

fn get(url: &str) -> Request {
    Request {
        url: url.to_owned(),
        headers: vec![],
        ..Request::default()
    }
}

fn with_params(url: &str, params: &[(&str, &str)]) -> Request {
    Request {
        params: params.iter().map(|(n, v)| KeyValue::new(*n, *v)).collect(),
        ..get(url)
    }
}

fn final_url(request: &Request) -> String {
    request.prepare().expect("valid request").url
}

#[test]
fn query_params_are_encoded_like_the_lessons_requests_example() {
    let request = with_params(
        "https://httpbin.org/get",
        &[("q", "python tutorial"), ("page", "1"), ("per_page", "10")],
    );
    assert_eq!(
        final_url(&request),
        "https://httpbin.org/get?q=python+tutorial&page=1&per_page=10"
    );
}

#[test]
fn reserved_characters_in_names_and_values_are_percent_encoded() {
    let cases = [
        ("a&b", "c=d", "a%26b=c%3Dd"),
        ("frag", "x#y", "frag=x%23y"),
        ("plus", "1+1", "plus=1%2B1"),
        ("pct", "100%", "pct=100%25"),
        ("slash", "a/b?c", "slash=a%2Fb%3Fc"),
        ("keep", "-._*", "keep=-._*"),
        ("tilde", "~", "tilde=%7E"),
        ("empty", "", "empty="),
    ];
    for (name, value, expected) in cases {
        let url = final_url(&with_params("http://127.0.0.1/x", &[(name, value)]));
        assert_eq!(
            url,
            format!("http://127.0.0.1/x?{expected}"),
            "{name}={value}"
        );
    }
}

#[test]
fn unicode_in_the_query_is_utf8_percent_encoded() {
    let request = with_params(
        "http://localhost/",
        &[("név", "árvíztűrő 😀"), ("עברית", "שלום")],
    );
    assert_eq!(
        final_url(&request),
        "http://localhost/?n%C3%A9v=%C3%A1rv%C3%ADzt%C5%B1r%C5%91+%F0%9F%98%80\
         &%D7%A2%D7%91%D7%A8%D7%99%D7%AA=%D7%A9%D7%9C%D7%95%D7%9D"
    );
}

#[test]
fn query_written_in_the_url_comes_first_and_is_reencoded() {
    let request = with_params(
        "https://api.example.com/search?sort=stars&x=a%20b#top",
        &[("q", "rust")],
    );
    assert_eq!(
        final_url(&request),
        "https://api.example.com/search?sort=stars&x=a+b&q=rust"
    );
}

#[test]
fn disabled_and_blank_params_are_not_sent() {
    let mut request = with_params("http://localhost/get", &[("a", "1"), ("b", "2"), ("", "")]);
    request.params[1].enabled = false;
    assert_eq!(final_url(&request), "http://localhost/get?a=1");
}

#[test]
fn paths_are_normalized_as_the_browser_does() {
    let cases = [
        ("HTTP://Example.COM", "http://example.com/"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        (
            "http://127.0.0.1:8080/a b/ü",
            "http://127.0.0.1:8080/a%20b/%C3%BC",
        ),
        ("http://h/a/./b/../c", "http://h/a/c"),
        ("http://h/a/b/..", "http://h/a/"),
        ("http://h/{x}/\"q\"", "http://h/%7Bx%7D/%22q%22"),
        (
            "http://h/100%/a%20b/%zz/^|",
            "http://h/100%25/a%20b/%25zz/%5E%7C",
        ),
        ("http://h\\path", "http://h/path"),
        ("http://[::1]:3000/x", "http://[::1]:3000/x"),
        ("  https://httpbin.org/get  ", "https://httpbin.org/get"),
    ];
    for (input, expected) in cases {
        assert_eq!(final_url(&get(input)), expected, "{input}");
    }
}

#[test]
fn bad_urls_name_the_url_field_and_say_what_to_do() {
    let cases = [
        ("", "enter a URL"),
        ("httpbin.org/get", "start the URL with http:// or https://"),
        ("ftp://example.com/file", "only http:// and https://"),
        ("https://user:pw@example.com/", "use Auth → Basic"),
        ("http:///path", "no host"),
        ("http://exa mple.com/", "may only contain"),
        ("http://bücher.example/", "punycode"),
        ("http://localhost:99999/", "port \"99999\""),
        ("http://localhost:abc/", "port \"abc\""),
    ];
    for (input, expected) in cases {
        let errors = get(input).validate();
        assert_eq!(errors.len(), 1, "{input}: {errors:?}");
        assert_eq!(errors[0].field, Field::Url);
        let message = errors[0].to_string();
        assert!(message.starts_with("URL: "), "{message}");
        assert!(message.contains(expected), "{input}: {message}");
    }
}

#[test]
fn url_box_text_and_params_table_stay_in_sync_both_ways() {
    let mut request = get("https://httpbin.org/get");
    apply_url_input(
        &mut request,
        "https://httpbin.org/get?q=python+tutorial&tag=a%26b&empty=",
    );
    assert_eq!(request.url, "https://httpbin.org/get");
    let params: Vec<(&str, &str)> = request
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        params,
        [("q", "python tutorial"), ("tag", "a&b"), ("empty", "")]
    );
    assert_eq!(
        url_input_text(&request),
        "https://httpbin.org/get?q=python+tutorial&tag=a%26b&empty="
    );

    request.params[0].value = "100% = sure #1".to_owned();
    assert_eq!(
        url_input_text(&request),
        "https://httpbin.org/get?q=100%25+=+sure+%231&tag=a%26b&empty="
    );
    let shown = url_input_text(&request);
    let mut reparsed = get("x");
    apply_url_input(&mut reparsed, &shown);
    assert_eq!(reparsed.params, request.params);
}

#[test]
fn editing_the_url_box_keeps_disabled_params() {
    let mut request = with_params("http://localhost/get", &[("a", "1"), ("off", "x")]);
    request.params[1].enabled = false;
    assert_eq!(url_input_text(&request), "http://localhost/get?a=1");
    apply_url_input(&mut request, "http://localhost/get?a=2&b=3");
    let rows: Vec<(&str, &str, bool)> = request
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str(), p.enabled))
        .collect();
    assert_eq!(
        rows,
        [("a", "2", true), ("b", "3", true), ("off", "x", false)]
    );
}

#[test]
fn header_names_must_be_tokens_and_values_printable_ascii() {
    let bad = [
        ("X Custom", "v", "cannot contain a space"),
        ("X-Custom:", "v", "cannot contain ':'"),
        ("Ünicode", "v", "cannot contain 'Ü'"),
        ("X-Line", "a\nb", "line break"),
        ("X-Return", "a\rb", "carriage return"),
        ("X-Latin", "café", "'é'"),
        ("X-Null", "a\0b", "control character U+0000"),
        ("", "orphan value", "enter a header name"),
    ];
    for (name, value, expected) in bad {
        let request = Request {
            headers: vec![KeyValue::new(name, value)],
            ..get("http://localhost/")
        };
        let errors = request.validate();
        assert_eq!(errors.len(), 1, "{name:?}: {errors:?}");
        assert_eq!(errors[0].field, Field::Header(0));
        let message = errors[0].to_string();
        assert!(message.starts_with("Header 1"), "{message}");
        assert!(message.contains(expected), "{name:?}={value:?}: {message}");
    }
}

#[test]
fn header_values_are_trimmed_and_duplicates_rejected() {
    let request = Request {
        headers: vec![
            KeyValue::new("X-A", "  spaced\t"),
            KeyValue::new("x-a", "again"),
        ],
        ..get("http://localhost/")
    };
    let errors = request.validate();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, Field::Header(1));
    assert!(errors[0].message.contains("set twice"));

    let request = Request {
        headers: vec![KeyValue::new(" X-A ", "  spaced\t")],
        ..get("http://localhost/")
    };
    assert_eq!(
        request.prepare().unwrap().headers,
        [("X-A".to_owned(), "spaced".to_owned())]
    );
}

#[test]
fn effective_headers_are_user_then_auth_then_content_type() {
    let request = Request {
        method: "POST".to_owned(),
        headers: vec![
            KeyValue::new("Accept", "application/json"),
            KeyValue::new("X-Off", "1"),
        ],
        auth: Auth::Bearer {
            token: "abc.def".to_owned(),
        },
        body: Body::Json {
            text: "{}".to_owned(),
        },
        ..get("http://localhost/post")
    };
    let mut request = request;
    request.headers[1].enabled = false;
    let prepared = request.prepare().unwrap();
    assert_eq!(
        prepared.headers,
        [
            ("Accept".to_owned(), "application/json".to_owned()),
            ("Authorization".to_owned(), "Bearer abc.def".to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]
    );
}

#[test]
fn an_explicit_header_row_wins_over_generated_ones() {
    let request = Request {
        method: "POST".to_owned(),
        headers: vec![KeyValue::new("content-type", "application/vnd.api+json")],
        body: Body::Json {
            text: "{}".to_owned(),
        },
        ..get("http://localhost/post")
    };
    assert_eq!(
        request.prepare().unwrap().headers,
        [(
            "content-type".to_owned(),
            "application/vnd.api+json".to_owned()
        )]
    );
}

#[test]
fn basic_auth_is_base64_of_user_colon_password() {
    assert_eq!(base64_encode(b""), "");
    assert_eq!(base64_encode(b"f"), "Zg==");
    assert_eq!(base64_encode(b"fo"), "Zm8=");
    assert_eq!(base64_encode(b"foo"), "Zm9v");
    let request = Request {
        auth: Auth::Basic {
            username: "user".to_owned(),
            password: "pass".to_owned(),
        },
        ..get("http://localhost/basic-auth/user/pass")
    };
    // The RFC 7617 example credentials, computed by hand: "user:pass" -> dXNlcjpwYXNz.
    assert_eq!(
        request.prepare().unwrap().header("Authorization"),
        Some("Basic dXNlcjpwYXNz")
    );

    let colon = Request {
        auth: Auth::Basic {
            username: "a:b".to_owned(),
            password: String::new(),
        },
        ..get("http://localhost/")
    };
    assert_eq!(colon.validate()[0].field, Field::Auth);
}

#[test]
fn api_key_goes_to_a_header_or_the_query() {
    let mut request = Request {
        auth: Auth::ApiKey {
            name: "X-API-Key".to_owned(),
            value: "k1".to_owned(),
            location: ApiKeyLocation::Header,
        },
        ..get("http://localhost/get")
    };
    assert_eq!(request.prepare().unwrap().header("X-API-Key"), Some("k1"));
    request.auth = Auth::ApiKey {
        name: "api_key".to_owned(),
        value: "k 1".to_owned(),
        location: ApiKeyLocation::Query,
    };
    let prepared = request.prepare().unwrap();
    assert_eq!(prepared.url, "http://localhost/get?api_key=k+1");
    assert_eq!(prepared.header("api_key"), None);
}

#[test]
fn bodies_become_bytes_with_their_content_type() {
    let form = Request {
        method: "POST".to_owned(),
        body: Body::Form {
            fields: vec![
                KeyValue::new("username", "alice"),
                KeyValue::new("pass word", "s&cret=1"),
            ],
        },
        ..get("http://localhost/post")
    };
    let prepared = form.prepare().unwrap();
    assert_eq!(
        prepared.body.as_deref(),
        Some(&b"username=alice&pass+word=s%26cret%3D1"[..])
    );
    assert_eq!(
        prepared.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );

    let text = Request {
        method: "PUT".to_owned(),
        body: Body::Text {
            text: "héllo\n".to_owned(),
            content_type: "text/csv; charset=utf-8".to_owned(),
        },
        ..get("http://localhost/put")
    };
    let prepared = text.prepare().unwrap();
    assert_eq!(prepared.body.as_deref(), Some("héllo\n".as_bytes()));
    assert_eq!(
        prepared.header("Content-Type"),
        Some("text/csv; charset=utf-8")
    );

    let untyped = Request {
        method: "POST".to_owned(),
        body: Body::Text {
            text: "raw".to_owned(),
            content_type: String::new(),
        },
        ..get("http://localhost/post")
    };
    assert_eq!(untyped.prepare().unwrap().header("Content-Type"), None);
}

#[test]
fn a_body_with_get_or_head_is_an_invalid_request() {
    for method in ["GET", "HEAD", "get"] {
        let request = Request {
            method: method.to_owned(),
            body: Body::Json {
                text: "{}".to_owned(),
            },
            ..get("http://localhost/")
        };
        let errors = request.validate();
        assert_eq!(errors.len(), 1, "{method}");
        assert_eq!(errors[0].field, Field::Body);
        assert!(errors[0]
            .to_string()
            .starts_with("Body: browsers cannot send a body with"));
    }
}

#[test]
fn invalid_json_is_a_hint_not_an_error() {
    let request = Request {
        method: "POST".to_owned(),
        body: Body::Json {
            text: "{\"a\": }".to_owned(),
        },
        ..get("http://localhost/post")
    };
    assert!(request.validate().is_empty());
    let hint = request.json_body_problem().unwrap();
    assert!(
        hint.starts_with("not valid JSON at line 1, column 7"),
        "{hint}"
    );
}

#[test]
fn methods_are_upper_cased_and_refused_ones_rejected() {
    let mut request = get("http://localhost/");
    request.method = "delete".to_owned();
    assert_eq!(request.prepare().unwrap().method, "DELETE");
    request.method = " patch ".to_owned();
    assert_eq!(request.prepare().unwrap().method, "PATCH");
    request.method = "PROPFIND".to_owned();
    assert_eq!(request.prepare().unwrap().method, "PROPFIND");
    for bad in ["", "GET X", "TRACE", "connect"] {
        request.method = bad.to_owned();
        assert_eq!(request.validate()[0].field, Field::Method, "{bad:?}");
    }
}

#[test]
fn timeout_must_be_positive_and_bounded() {
    for (ms, ok) in [
        (0, false),
        (1, true),
        (10_000, true),
        (3_600_000, true),
        (3_600_001, false),
    ] {
        let request = Request {
            timeout_ms: ms,
            ..get("http://localhost/")
        };
        assert_eq!(request.validate().is_empty(), ok, "{ms}");
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let request = Request {
        method: "GET".to_owned(),
        url: "localhost".to_owned(),
        params: vec![],
        headers: vec![KeyValue::new("Bad Name", "v")],
        body: Body::Text {
            text: "x".to_owned(),
            content_type: "text/plain".to_owned(),
        },
        timeout_ms: 0,
        ..Request::default()
    };
    let fields: Vec<Field> = request.validate().iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [Field::Url, Field::Header(0), Field::Body, Field::Timeout]
    );
}

#[test]
fn the_documented_json_format_round_trips() {
    let json = r#"{ "method": "POST",
      "url": "https://httpbin.org/post",
      "params":  [{"name": "q", "value": "python tutorial", "enabled": true}],
      "headers": [{"name": "Accept", "value": "application/json", "enabled": true}],
      "auth": {"type": "none"},
      "body": {"type": "json", "text": "{\"title\": \"Buy groceries\"}"},
      "timeout_ms": 10000 }"#;
    let request = Request::from_json(json).unwrap();
    assert_eq!(request.method, "POST");
    assert_eq!(request.params, [KeyValue::new("q", "python tutorial")]);
    assert_eq!(
        request.body,
        Body::Json {
            text: r#"{"title": "Buy groceries"}"#.to_owned()
        }
    );
    let written = request.to_json();
    assert!(written.starts_with("{\"version\":1,"), "{written}");
    assert_eq!(Request::from_json(&written).unwrap(), request);

    for auth in [
        Auth::Basic {
            username: "u".into(),
            password: "p".into(),
        },
        Auth::Bearer { token: "t".into() },
        Auth::ApiKey {
            name: "k".into(),
            value: "v".into(),
            location: ApiKeyLocation::Query,
        },
    ] {
        let request = Request {
            auth,
            ..Request::default()
        };
        assert_eq!(Request::from_json(&request.to_json()).unwrap(), request);
    }
    let api_key: serde_json::Value = serde_json::from_str(
        &Request {
            auth: Auth::ApiKey {
                name: "k".into(),
                value: "v".into(),
                location: ApiKeyLocation::Query,
            },
            ..Request::default()
        }
        .to_json(),
    )
    .unwrap();
    assert_eq!(
        api_key["auth"],
        serde_json::json!({"type": "api_key", "name": "k", "value": "v", "in": "query"})
    );
}

#[test]
fn missing_fields_take_defaults_and_unknown_ones_are_ignored() {
    let request =
        Request::from_json(r#"{"url": "http://localhost/x", "future_field": [1, 2]}"#).unwrap();
    assert_eq!(request.method, "GET");
    assert!(request.params.is_empty() && request.headers.is_empty());
    assert_eq!(request.timeout_ms, 10_000);
    assert_eq!(request.auth, Auth::None);
    assert_eq!(request.body, Body::None);
    assert_eq!(request.version, 1);

    let row =
        Request::from_json(r#"{"headers": [{"name": "A"}], "body": {"type": "text"}}"#).unwrap();
    assert_eq!(
        row.headers,
        [KeyValue {
            name: "A".into(),
            value: String::new(),
            enabled: true
        }]
    );
    assert_eq!(
        row.body,
        Body::Text {
            text: String::new(),
            content_type: "text/plain".into()
        }
    );
}

#[test]
fn malformed_json_gives_a_readable_error() {
    for bad in [
        "",
        "[]",
        "{\"auth\": {\"type\": \"oauth9\"}}",
        "{\"timeout_ms\": -1}",
    ] {
        let message = Request::from_json(bad).unwrap_err().to_string();
        assert!(
            message.starts_with("This is not a request in the playground's JSON format"),
            "{message}"
        );
    }
}

#[test]
fn pretty_json_keeps_order_numbers_and_escapes() {
    let pretty = pretty_json(r#"{"z":1,"a":[1.50,{"s":"a\"b,{"}],"e":{},"l":[]}"#).unwrap();
    assert_eq!(
        pretty,
        "{\n  \"z\": 1,\n  \"a\": [\n    1.50,\n    {\n      \"s\": \"a\\\"b,{\"\n    }\n  ],\n  \"e\": {},\n  \"l\": []\n}"
    );
    assert_eq!(pretty_json("not json"), None);
    assert_eq!(pretty_json("<html>"), None);
}

#[test]
fn parse_url_keeps_the_raw_query() {
    let parsed = parse_url("https://h:8443/p?q=1&r#f").unwrap();
    assert_eq!(parsed.port, Some(8443));
    assert_eq!(parsed.query.as_deref(), Some("q=1&r"));
    assert_eq!(parsed.base(), "https://h:8443/p");
}

#[test]
fn seconds_are_formatted_and_parsed_without_floats() {
    use http_playground::model::{format_seconds, parse_seconds};
    for (ms, text) in [
        (10_000, "10"),
        (2_500, "2.5"),
        (1_234, "1.234"),
        (50, "0.05"),
        (0, "0"),
    ] {
        assert_eq!(format_seconds(ms), text);
        assert_eq!(parse_seconds(text), Some(ms), "{text}");
    }
    for (text, ms) in [
        (" 3 ", 3000),
        (".5", 500),
        ("1.", 1000),
        ("0.0004", 0),
        ("0.0005", 1),
        ("1.23456", 1235),
    ] {
        assert_eq!(parse_seconds(text), Some(ms), "{text:?}");
    }
    for bad in ["", ".", "-1", "1e3", "abc", "1.2.3", "1,5", "9999999999"] {
        assert_eq!(parse_seconds(bad), None, "{bad:?}");
    }
}

#[test]
fn sizes_read_like_people_write_them() {
    use http_playground::model::format_size;
    let cases = [
        (0, "0 B"),
        (999, "999 B"),
        (1_000, "1.0 KB"),
        (1_549, "1.5 KB"),
        (1_550, "1.6 KB"),
        (999_949, "999.9 KB"),
        (999_950, "1.0 MB"),
        (104_857_600, "104.9 MB"),
        (3_000_000_000, "3.0 GB"),
    ];
    for (bytes, text) in cases {
        assert_eq!(format_size(bytes), text, "{bytes}");
    }
}

#[test]
fn a_string_is_cut_at_a_character_boundary_at_or_before_the_index() {
    use http_playground::model::floor_char_boundary;
    let text = "aé😀b"; // 1 + 2 + 4 + 1 bytes
    let cuts: Vec<usize> = (0..=10).map(|i| floor_char_boundary(text, i)).collect();
    assert_eq!(cuts, [0, 1, 1, 3, 3, 3, 3, 7, 8, 8, 8]);
    assert_eq!(floor_char_boundary("", 5), 0);
}
