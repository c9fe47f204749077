//! The echo API's OpenAPI description (tests/openapi/echo.json, served at /echo/openapi.json)
//! held to the server: every route is described, every described operation is routed and
//! answers with a documented status and content type, every JSON answer has the shape the
//! description gives, and the OAuth 2.0 token endpoint it documents works with /echo/bearer.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::io::Read;

use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};

const DESCRIPTION: &str = include_str!("../../tests/openapi/echo.json");
/// The router's source, to list the routes that must be described.
const ECHO_SOURCE: &str = include_str!("../src/echo.rs");
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
/// Requests in flight at once (the server answers 64).
const CONCURRENCY: usize = 8;

fn description() -> Value {
    serde_json::from_str(DESCRIPTION).expect("tests/openapi/echo.json is JSON")
}

/// One documented operation, its path-level and own parameters resolved.
struct Operation<'a> {
    path: &'a str,
    method: &'a str,
    op: &'a Value,
    parameters: Vec<&'a Value>,
}

impl Operation<'_> {
    fn id(&self) -> &str {
        self.op["operationId"]
            .as_str()
            .unwrap_or("(no operationId)")
    }

    fn example(&self, name: &str) -> Option<String> {
        self.parameters
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| text(&p["example"]))
    }
}

fn operations(spec: &Value) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        let shared: Vec<&Value> = item
            .get("parameters")
            .and_then(Value::as_array)
            .map(|ps| ps.iter().map(|p| resolve(spec, p)).collect())
            .unwrap_or_default();
        for method in METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let mut parameters = shared.clone();
            if let Some(own) = op.get("parameters").and_then(Value::as_array) {
                parameters.extend(own.iter().map(|p| resolve(spec, p)));
            }
            out.push(Operation {
                path,
                method,
                op,
                parameters,
            });
        }
    }
    out
}

/// `value`, or what its `$ref` (`#/components/…`) points to.
fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local $ref");
            let target = spec
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{reference} points nowhere"));
            resolve(spec, target)
        }
        None => value,
    }
}

/// An example as it goes into a URL or a form.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// How a request for an operation is filled in.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Variant {
    /// The description's examples only: parameters, credentials, the JSON (or first) body.
    Examples,
    /// The examples plus a repeated and an empty query name, a repeated header, a User-Agent,
    /// another cookie, and the form body where one is described.
    Rich,
    /// The examples with a multipart body (a repeated field and a file that is not UTF-8).
    Multipart,
}

const MULTIPART: &[u8] = b"--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBuy groceries\r\n--B\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nhome\r\n--B\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nerrands\r\n--B\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"r.bin\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\x00\xff\r\n--B--\r\n";

/// The request for `op`: path and query parameters and cookies from their examples,
/// credentials when the operation requires them, and a body as `variant` says.
fn request(
    client: &reqwest::Client,
    base: &str,
    spec: &Value,
    op: &Operation,
    variant: Variant,
) -> reqwest::RequestBuilder {
    let mut path = op.path.to_owned();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut cookies: Vec<String> = Vec::new();
    for parameter in &op.parameters {
        let name = parameter["name"].as_str().unwrap();
        let example = &parameter["example"];
        match parameter["in"].as_str().unwrap() {
            "path" => path = path.replace(&format!("{{{name}}}"), &text(example)),
            "query" => match example {
                Value::Null => {}
                // `style: form, explode: true`: each property a parameter.
                Value::Object(map) => query.extend(map.iter().map(|(k, v)| (k.clone(), text(v)))),
                value => query.push((name.to_owned(), text(value))),
            },
            "cookie" if !example.is_null() => cookies.push(format!("{name}={}", text(example))),
            other => panic!("{}: parameter {name} in {other} is not filled in", op.id()),
        }
    }
    if variant == Variant::Rich {
        for (k, v) in [("a", "1"), ("a", "2"), ("empty", "")] {
            query.push((k.to_owned(), v.to_owned()));
        }
        cookies.push("session=abc".to_owned());
    }
    let mut url = reqwest::Url::parse(&format!("{base}/echo{path}")).unwrap();
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(&query);
    }
    let method = reqwest::Method::from_bytes(op.method.to_ascii_uppercase().as_bytes()).unwrap();
    let mut builder = client.request(method, url);
    if !cookies.is_empty() {
        builder = builder.header("Cookie", cookies.join("; "));
    }
    if variant == Variant::Rich {
        builder = builder
            .header("User-Agent", "openapi-test/1")
            .header("X-Api-Key", "one")
            .header("X-Api-Key", "two");
    }
    // Credentials only where they are required (no empty alternative in `security`).
    if let Some(requirements) = op.op.get("security").and_then(Value::as_array) {
        let optional = requirements
            .iter()
            .any(|r| r.as_object().is_some_and(|o| o.is_empty()));
        if !optional {
            let scheme = requirements[0].as_object().unwrap().keys().next().unwrap();
            builder = match scheme.as_str() {
                "basicAuth" => builder.basic_auth(
                    op.example("user").unwrap_or("lesson-client".to_owned()),
                    Some(op.example("password").unwrap_or("s3cret".to_owned())),
                ),
                "bearerAuth" => builder.bearer_auth("example-token"),
                other => panic!("{}: no credentials for {other}", op.id()),
            };
        }
    }
    let Some(body) = op.op.get("requestBody").map(|b| resolve(spec, b)) else {
        return builder;
    };
    let content = body["content"].as_object().unwrap();
    let wanted = match variant {
        Variant::Examples => "application/json",
        Variant::Rich => "application/x-www-form-urlencoded",
        Variant::Multipart => "multipart/form-data",
    };
    let (media_type, media) = content
        .get_key_value(wanted)
        .or_else(|| content.get_key_value("application/json"))
        .or_else(|| content.iter().next())
        .unwrap();
    match media_type.as_str() {
        "multipart/form-data" => builder
            .header("Content-Type", "multipart/form-data; boundary=B")
            .body(MULTIPART),
        "application/json" => builder
            .header("Content-Type", "application/json")
            .body(media["example"].to_string()),
        "application/x-www-form-urlencoded" => {
            let pairs = media["example"].as_object().unwrap();
            let form: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs.iter().map(|(k, v)| (k, text(v))))
                .finish();
            builder
                .header("Content-Type", media_type.as_str())
                .body(form)
        }
        other => builder
            .header("Content-Type", other)
            .body(text(&media["example"])),
    }
}

/// The response documented for `status`: the code itself, its range (`3XX`) or `default`.
fn documented<'a>(spec: &'a Value, op: &'a Operation, status: u16) -> Option<&'a Value> {
    let responses = &op.op["responses"];
    [
        status.to_string(),
        format!("{}XX", status / 100),
        "default".to_owned(),
    ]
    .iter()
    .find_map(|key| responses.get(key))
    .map(|r| resolve(spec, r))
}

/// The content type without its parameters (`text/plain; charset=utf-8` → `text/plain`).
fn media_type(response: &reqwest::Response) -> Option<String> {
    response.headers().get("content-type").map(|v| {
        v.to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_owned()
    })
}

/// Where `value` breaks `schema`, for the keywords this description uses in its response
/// schemas. Any other keyword stops the test rather than go unchecked; `format` (`iri`) and
/// `pattern` are not checked, only named as accepted.
fn violations(spec: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    let object = schema.as_object().expect("a schema is an object");
    for keyword in object.keys() {
        let known = [
            "type",
            "const",
            "enum",
            "required",
            "properties",
            "additionalProperties",
            "items",
            "minimum",
            "description",
            "example",
            "format",
            "pattern",
        ];
        assert!(
            known.contains(&keyword.as_str()),
            "{at}: {keyword} is not checked"
        );
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t],
            Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
            other => panic!("{at}: type {other}"),
        };
        if !types.iter().any(|t| has_type(value, t)) {
            out.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(constant) = schema.get("const") {
        if value != constant {
            out.push(format!("{at}: {value} is not {constant}"));
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            out.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    if let (Some(minimum), Some(number)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if number < minimum {
            out.push(format!("{at}: {number} < {minimum}"));
        }
    }
    if let Some(map) = value.as_object() {
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(name.as_str().unwrap()) {
                out.push(format!("{at}: {name} is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (name, item) in map {
            let at = format!("{at}.{name}");
            match (
                properties.and_then(|p| p.get(name)),
                schema.get("additionalProperties"),
            ) {
                (Some(property), _) => violations(spec, property, item, &at, out),
                (None, Some(Value::Bool(false))) => out.push(format!("{at} is not described")),
                (None, Some(Value::Bool(true)) | None) => {}
                (None, Some(other)) => violations(spec, other, item, &at, out),
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (i, item) in list.iter().enumerate() {
            violations(spec, items, item, &format!("{at}[{i}]"), out);
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        other => panic!("no JSON type {other}"),
    }
}

/// The paths the echo router declares, as the description writes them (`{*rest}` → `{rest}`),
/// the WebSocket aside.
fn routed_paths() -> BTreeSet<String> {
    let router = ECHO_SOURCE
        .split("pub fn router() -> Router {")
        .nth(1)
        .unwrap()
        .split("\n}\n")
        .next()
        .unwrap();
    router
        .split(".route(\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().replace("{*", "{"))
        .filter(|path| path != "/ws")
        .collect()
}

#[tokio::test]
async fn the_description_is_openapi_3_1_served_cross_origin_with_unique_operation_ids() {
    let base = common::start(Default::default(), None).await;
    let origin = "http://127.0.0.1:8081";
    let served = common::client()
        .get(format!("{base}/echo/openapi.json"))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    let headers = served.headers();
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["access-control-allow-origin"], origin);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("content-security-policy"));
    assert_eq!(served.text().await.unwrap(), DESCRIPTION);

    let spec = description();
    let version = spec["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.1."), "{version}");
    assert_eq!(spec["servers"][0]["url"], "/echo");
    let tags: HashSet<&str> = spec["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let mut ids = HashSet::new();
    for op in operations(&spec) {
        let id = op.id().to_owned();
        assert!(
            id.starts_with(|c: char| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_alphanumeric()),
            "{id} is not camelCase"
        );
        assert!(ids.insert(id.clone()), "{id} is not unique");
        assert!(op.op["summary"].is_string(), "{id}: no summary");
        let op_tags = op.op["tags"].as_array().unwrap();
        assert!(!op_tags.is_empty(), "{id}: no tags");
        for tag in op_tags {
            assert!(tags.contains(tag.as_str().unwrap()), "{id}: tag {tag}");
        }
        for parameter in &op.parameters {
            assert!(
                parameter["in"] != "path" || !parameter["example"].is_null(),
                "{id}: path parameter {} has no example",
                parameter["name"]
            );
        }
    }
    let schemes = &spec["components"]["securitySchemes"];
    assert_eq!(schemes["basicAuth"]["scheme"], "basic");
    assert_eq!(schemes["bearerAuth"]["scheme"], "bearer");
    let flow = &schemes["oauth2"]["flows"]["clientCredentials"];
    assert_eq!(flow["tokenUrl"], "/echo/oauth/token");
    assert_eq!(flow["scopes"], json!({ "echo": "Use the echo API" }));

    // Every route of the echo router is described, and nothing else is.
    let described: BTreeSet<String> = spec["paths"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(described, routed_paths());
}

/// Each operation, filled in from the description's examples, reaches its handler (no 404 or
/// 405) and answers with a status the description lists and a content type it lists for it.
#[tokio::test]
async fn every_described_operation_is_routed_and_answers_as_described() {
    let base = common::start(Default::default(), None).await;
    let client = common::client();
    let spec = description();
    let operations = operations(&spec);
    let failures: Vec<String> = stream::iter(&operations)
        .map(|op| {
            let request = request(&client, &base, &spec, op, Variant::Examples);
            let spec = &spec;
            async move {
                // Streams send their head at once; the body is not waited for.
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let id = op.id();
                if status == 404 || status == 405 {
                    return Some(format!("{id}: {status} for {}", response.url()));
                }
                let Some(documented) = documented(spec, op, status) else {
                    return Some(format!("{id}: status {status} is not described"));
                };
                let media = media_type(&response)?;
                let listed = documented.get("content").and_then(Value::as_object);
                match listed {
                    Some(listed) if listed.contains_key(&media) => None,
                    _ => Some(format!("{id}: {status} {media} is not described")),
                }
            }
        })
        .buffer_unordered(CONCURRENCY)
        .filter_map(|failure| async move { failure })
        .collect()
        .await;
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Each operation described with a JSON 200 answers, for plain, rich and multipart requests,
/// JSON that the described schema accepts (JSON Lines and Server-Sent Events line by line).
#[tokio::test]
async fn every_json_answer_has_the_described_shape() {
    let base = common::start(Default::default(), None).await;
    let client = common::client();
    let spec = description();
    let operations = operations(&spec);
    let mut cases = Vec::new();
    for op in &operations {
        let Some(ok) = op.op["responses"].get("200").map(|r| resolve(&spec, r)) else {
            continue;
        };
        let content = &ok["content"];
        let json = content["application/json"].get("schema").is_some()
            || content
                .as_object()
                .is_some_and(|c| c.values().any(|m| m.get("x-itemSchema").is_some()))
            || content.get("text/event-stream").is_some();
        if !json {
            continue;
        }
        let multipart = op
            .op
            .get("requestBody")
            .is_some_and(|b| resolve(&spec, b)["content"]["multipart/form-data"].is_object());
        cases.push((op, Variant::Examples));
        cases.push((op, Variant::Rich));
        if multipart {
            cases.push((op, Variant::Multipart));
        }
    }
    assert!(cases.len() > 40, "{} cases", cases.len());
    let failures: Vec<String> = stream::iter(cases)
        .map(|(op, variant)| {
            let request = request(&client, &base, &spec, op, variant);
            let spec = &spec;
            async move {
                let response = request.send().await.unwrap();
                let at = format!("{} ({variant:?})", op.id());
                if response.status() != 200 {
                    return vec![format!("{at}: status {}", response.status())];
                }
                let media = media_type(&response).unwrap();
                let gzipped = response
                    .headers()
                    .get("content-encoding")
                    .is_some_and(|e| e == "gzip");
                let mut body = response.bytes().await.unwrap().to_vec();
                if gzipped {
                    let mut plain = Vec::new();
                    flate2::read::GzDecoder::new(&body[..])
                        .read_to_end(&mut plain)
                        .unwrap();
                    body = plain;
                }
                let body = String::from_utf8(body).unwrap();
                let media_object = &resolve(spec, &op.op["responses"]["200"])["content"][&media];
                let mut out = Vec::new();
                let mut check = |schema: &Value, text: &str| match serde_json::from_str(text) {
                    Ok(value) => violations(spec, schema, &value, &at, &mut out),
                    Err(e) => out.push(format!("{at}: not JSON ({e}): {text}")),
                };
                if let Some(schema) = media_object
                    .get("schema")
                    .filter(|_| media != "text/event-stream")
                {
                    check(schema, &body);
                } else if let Some(item) = media_object.get("x-itemSchema") {
                    assert!(body.lines().count() >= 2, "{at}: {body}");
                    for line in body.lines() {
                        check(item, line);
                    }
                } else if media == "text/event-stream" {
                    let data = &spec["components"]["schemas"]["SseData"];
                    let events: Vec<&str> = body
                        .lines()
                        .filter_map(|l| l.strip_prefix("data: "))
                        .filter(|d| *d != "[DONE]")
                        .collect();
                    assert!(events.len() >= 2, "{at}: {body}");
                    for event in events {
                        check(data, event);
                    }
                } else {
                    out.push(format!("{at}: {media} has no schema to check"));
                }
                out
            }
        })
        .buffer_unordered(CONCURRENCY)
        .flat_map(stream::iter)
        .collect()
        .await;
    assert!(failures.is_empty(), "{failures:#?}");
}

fn token_request(base: &str) -> reqwest::RequestBuilder {
    common::client()
        .post(format!("{base}/echo/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
}

#[tokio::test]
async fn the_token_endpoint_issues_tokens_that_bearer_accepts() {
    let base = common::start(Default::default(), None).await;
    let with_fields = token_request(&base)
        .body("grant_type=client_credentials&client_id=lesson&client_secret=s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(with_fields.status(), 200);
    assert_eq!(with_fields.headers()["cache-control"], "no-store");
    assert_eq!(with_fields.headers()["pragma"], "no-cache");
    let first: Value = with_fields.json().await.unwrap();
    assert_eq!(first["token_type"], "Bearer");
    assert_eq!(first["expires_in"], 3600);
    assert_eq!(first["scope"], "echo");

    let with_basic = token_request(&base)
        .basic_auth("lesson", Some("s3cret"))
        .body("grant_type=client_credentials&scope=read%20write&client_id=lesson")
        .send()
        .await
        .unwrap();
    assert_eq!(with_basic.status(), 200);
    let second: Value = with_basic.json().await.unwrap();
    assert_eq!(second["scope"], "read write");
    let token = second["access_token"].as_str().unwrap();
    assert_ne!(first["access_token"], second["access_token"]);
    assert!(token.len() >= 32, "{token}");

    let bearer = common::client()
        .get(format!("{base}/echo/bearer"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 200);
    assert_eq!(
        bearer.json::<Value>().await.unwrap(),
        json!({ "authenticated": true, "token": token })
    );
}

/// A token request the endpoint refuses, and how.
struct Refused {
    content_type: &'static str,
    basic: Option<(&'static str, &'static str)>,
    body: &'static str,
    status: u16,
    error: &'static str,
}

#[tokio::test]
async fn the_token_endpoint_refuses_as_rfc_6749_says() {
    let base = common::start(Default::default(), None).await;
    const FORM: &str = "application/x-www-form-urlencoded";
    let cases = [
        Refused {
            content_type: FORM,
            basic: None,
            body: "grant_type=password&client_id=lesson&client_secret=s3cret",
            status: 400,
            error: "unsupported_grant_type",
        },
        Refused {
            content_type: FORM,
            basic: None,
            body: "client_id=lesson&client_secret=s3cret",
            status: 400,
            error: "invalid_request",
        },
        Refused {
            content_type: FORM,
            basic: None,
            body: "grant_type=client_credentials",
            status: 401,
            error: "invalid_client",
        },
        Refused {
            content_type: FORM,
            basic: None,
            body: "grant_type=client_credentials&client_id=lesson&client_secret=",
            status: 401,
            error: "invalid_client",
        },
        Refused {
            content_type: FORM,
            basic: Some(("lesson", "")),
            body: "grant_type=client_credentials",
            status: 401,
            error: "invalid_client",
        },
        // Two ways of authenticating the client.
        Refused {
            content_type: FORM,
            basic: Some(("lesson", "s3cret")),
            body: "grant_type=client_credentials&client_secret=s3cret",
            status: 400,
            error: "invalid_request",
        },
        Refused {
            content_type: FORM,
            basic: None,
            body: "grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_secret=b",
            status: 400,
            error: "invalid_request",
        },
        Refused {
            content_type: "application/json",
            basic: None,
            body: r#"{"grant_type":"client_credentials","client_id":"a","client_secret":"b"}"#,
            status: 400,
            error: "invalid_request",
        },
    ];
    for Refused {
        content_type,
        basic,
        body,
        status,
        error,
    } in cases
    {
        let mut request = common::client()
            .post(format!("{base}/echo/oauth/token"))
            .header("Content-Type", content_type)
            .body(body);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{body}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{body}");
        // WWW-Authenticate only for a client that tried the Authorization header.
        assert_eq!(
            response.headers().contains_key("www-authenticate"),
            status == 401 && basic.is_some(),
            "{body}"
        );
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["error"], error, "{body}");
        assert!(answer["error_description"].is_string(), "{body}");
    }
    let not_basic = common::client()
        .post(format!("{base}/echo/oauth/token"))
        .bearer_auth("abc")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(not_basic.status(), 401);
    assert_eq!(
        not_basic.headers()["www-authenticate"],
        "Basic realm=\"echo\""
    );
    let get = common::client()
        .get(format!("{base}/echo/oauth/token"))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405);
}

/// A page on another port asks for a token with Basic credentials: the preflight allows it and
/// the answer is readable.
#[tokio::test]
async fn the_token_endpoint_answers_cross_origin_requests() {
    let base = common::start(Default::default(), None).await;
    let origin = "http://127.0.0.1:8081";
    let preflight = common::client()
        .request(reqwest::Method::OPTIONS, format!("{base}/echo/oauth/token"))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], origin);
    assert_eq!(headers["access-control-allow-methods"], "POST");
    assert_eq!(
        headers["access-control-allow-headers"],
        "authorization,content-type"
    );
    let issued = token_request(&base)
        .header("Origin", origin)
        .basic_auth("lesson", Some("s3cret"))
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(issued.status(), 200);
    assert_eq!(issued.headers()["access-control-allow-origin"], origin);
    assert_eq!(issued.headers()["x-content-type-options"], "nosniff");
}
