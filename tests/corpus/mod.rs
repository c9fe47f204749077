//! The adversarial corpus: values that break naive code generators, placed in every position a
//! request has. Shared by the property test and the execution test.
#![allow(dead_code)]

use http_playground::model::{ApiKeyLocation, Auth, Body, KeyValue, Request};

/// Values for text positions (query, JSON strings, form fields, raw bodies).
pub const TEXT: &[&str] = &[
    "it's",
    "say \"hi\"",
    "back\\slash",
    "`tick`",
    "line\nbreak",
    "cr\rlf\r\n",
    "tab\there",
    "${x}",
    "$(whoami)",
    "{}",
    "{{name}}",
    "\"#",
    "'''triple'''",
    "\"\"\"doc\"\"\"",
    "%20",
    "100%",
    "a+b",
    "a&b",
    "k=v",
    "#hash",
    "emoji 😀🎉",
    "עברית right-to-left",
    "\u{202e}override\u{202c}",
    "zero\u{200b}width",
    "",
    " leading and trailing ",
    "ünïcödé",
    "C:\\path\\n",
    "r#\"raw\"#",
    "</script><script>alert(1)</script>",
];

/// Values a header can carry (printable ASCII): the hard ASCII cases of [`TEXT`] and more.
pub const HEADER: &[&str] = &[
    "it's",
    "say \"hi\"",
    "back\\slash",
    "`tick`",
    "${x}",
    "$(whoami)",
    "{}",
    "{{name}}",
    "\"#",
    "'''triple'''",
    "%20",
    "100%",
    "a+b&c=d#e",
    "",
    "x",
];

/// Header names that are valid tokens but awkward. (No `_`: gunicorn, like nginx, drops header
/// names with underscores, so httpbin could not echo them.)
pub const HEADER_NAMES: &[&str] = &[
    "X-Test",
    "X-Tick`Quote'",
    "x-lower",
    "X-Dots.And~Tilde",
    "X-123!#$%&*+^|",
];

/// A long value, to check nothing truncates or wraps it.
pub fn long_value(seed: usize) -> String {
    format!("long-{seed}-").repeat(200)
}

/// A deterministic request for case `i` of `base_url`: each position takes a corpus value, so
/// that every value meets every position across the cases.
pub fn corpus_request(i: usize, base_url: &str) -> Request {
    let t = |k: usize| TEXT[(i * 7 + k * 3) % TEXT.len()].to_owned();
    // A row with a value needs a name; "" would be a validation error, not a corpus case.
    let name = |k: usize| match t(k) {
        n if n.is_empty() => "empty".to_owned(),
        n => n,
    };
    let h = |k: usize| HEADER[(i * 5 + k) % HEADER.len()].to_owned();
    let path_segment = match TEXT[(i * 11) % TEXT.len()] {
        // A path segment of "" or one with a "?"/"#" would change the URL's shape, not test it.
        "" => "empty".to_owned(),
        // httpbin's routes do not match control characters in a path; the model's encoding of
        // them is covered by the native URL tests.
        s => s
            .replace(['?', '#', '/'], "_")
            .replace(|c: char| c.is_control(), "_"),
    };
    let method = ["POST", "PUT", "PATCH", "DELETE"][i % 4].to_owned();
    let body = match i % 4 {
        0 => Body::Json {
            text: json_text(&t(1), &t(2), i),
        },
        1 => Body::Form {
            fields: vec![
                KeyValue::new(name(3), t(4)),
                KeyValue::new("fixed", t(5)),
                KeyValue::new(name(3), "again"),
            ],
        },
        2 => Body::Text {
            text: if i % 8 == 2 { long_value(i) } else { t(6) },
            content_type: "text/plain; charset=utf-8".to_owned(),
        },
        _ => Body::Json {
            text: format!("{{\"broken\": {}", serde_json::to_string(&t(7)).unwrap()),
        },
    };
    let auth = match i % 3 {
        0 => Auth::Basic {
            username: t(8).replace(':', ";"),
            password: t(9),
        },
        1 => Auth::Bearer {
            token: format!("tok{}", h(2).trim()),
        },
        _ => Auth::ApiKey {
            name: "api_key".to_owned(),
            value: t(10),
            location: ApiKeyLocation::Query,
        },
    };
    Request {
        method,
        url: format!("{base_url}/{path_segment}"),
        params: vec![
            KeyValue::new(name(11), t(12)),
            KeyValue::new("plain", t(13)),
            KeyValue::new(name(11), "dup"),
        ],
        headers: vec![
            KeyValue::new(HEADER_NAMES[i % HEADER_NAMES.len()], h(0)),
            KeyValue::new("X-Second", h(1)),
        ],
        auth,
        body,
        timeout_ms: 5_000 + (i as u64 % 3) * 1_500,
        ..Request::default()
    }
}

/// A JSON document with corpus values as keys and strings, and numbers of every spelling.
fn json_text(key: &str, value: &str, i: usize) -> String {
    let key = serde_json::to_string(key).unwrap();
    let value = serde_json::to_string(value).unwrap();
    format!(
        "{{{key}: {value}, \"n\": [{i}, -0, 1.50, 2e3, 12345678901234567890], \"ok\": true, \"none\": null, \"nested\": {{\"list\": [{value}, {{}}, []]}}}}"
    )
}

/// Constants for the values a request holds (the URL's origin, param and header names and
/// values, auth, form fields), as if each had been a variable: code generated with them must
/// still send the same request.
pub fn value_constants(request: &Request) -> Vec<http_playground::codegen::Constant> {
    let mut values: Vec<String> = Vec::new();
    if let Some(scheme_end) = request.url.find("://") {
        let host_end = request.url[scheme_end + 3..]
            .find('/')
            .map_or(request.url.len(), |i| scheme_end + 3 + i);
        values.push(request.url[..host_end].to_owned());
    }
    let rows = request
        .params
        .iter()
        .chain(&request.headers)
        .chain(match &request.body {
            Body::Form { fields } => fields.as_slice(),
            _ => &[],
        });
    for row in rows.filter(|r| r.enabled) {
        values.push(row.name.trim().to_owned());
        values.push(row.value.trim().to_owned());
    }
    match &request.auth {
        Auth::Basic { username, password } => values.extend([username.clone(), password.clone()]),
        Auth::Bearer { token } => values.push(token.trim().to_owned()),
        Auth::ApiKey { name, value, .. } => values.extend([name.clone(), value.clone()]),
        Auth::None => {}
    }
    values
        .into_iter()
        .filter(|v| v.len() >= 2)
        .enumerate()
        .map(|(i, v)| http_playground::codegen::Constant::new(&format!("value-{i}"), &v))
        .collect()
}
