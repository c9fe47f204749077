//! API descriptions (src/openapi) against real ones: tests/openapi holds Petstore (OpenAPI 3.0
//! and Swagger 2.0), Train Travel (3.1, YAML, webhooks) and other examples of npm's
//! @readme/oas-examples 8.2.2, GitHub's REST description (@octokit/openapi 23.0.2, gzip), the
//! echo API's own description, and features-3.1.yaml, written for these tests. Every operation
//! of every one fills a request that prepare() accepts and whose code parses in all eight
//! targets; bodies made from schemas validate against them; the validator meets a table.
#![cfg(not(target_arch = "wasm32"))]

mod syntax;

use std::io::Read;
use std::path::Path;

use http_playground::codegen::Target;
use http_playground::model::{Auth, Body, FileSource, Json, PartValue, Request};
use http_playground::openapi::{
    check_response, example, filter, groups, operations, read_token, request_fits, token_request,
    validate, yaml_to_json, BodyCheck, Direction, Document, Location, OperationForm, Scheme,
    Version, WEBHOOK_URL,
};

const BASE: &str = "http://127.0.0.1:8080/";

fn fixture_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/openapi")
        .join(name);
    if name.ends_with(".gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        text
    } else {
        std::fs::read_to_string(&path).unwrap()
    }
}

fn open(name: &str) -> Document {
    Document::parse(&fixture_text(name), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Operations counted by another parser: serde_json for JSON; for YAML, PyYAML's count when
/// the fixture was added (`yaml.safe_load`, paths × methods, webhooks).
fn independent_count(name: &str) -> usize {
    match name {
        "train-travel-3.1.yaml" => 7 + 1,
        "schema-types-3.1.yaml" => 23,
        "features-3.1.yaml" => 5 + 1,
        _ => {
            let value: serde_json::Value = serde_json::from_str(&fixture_text(name)).unwrap();
            let methods = [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ];
            ["paths", "webhooks"]
                .iter()
                .filter_map(|k| value.get(k).and_then(|v| v.as_object()))
                .flat_map(|items| items.values())
                .map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count())
                .sum()
        }
    }
}

const FIXTURES: [(&str, Version); 11] = [
    ("petstore-3.0.json", Version::OpenApi30),
    ("petstore-2.0.json", Version::Swagger2),
    ("train-travel-3.1.yaml", Version::OpenApi31),
    ("features-3.1.yaml", Version::OpenApi31),
    ("schema-types-3.1.yaml", Version::OpenApi31),
    ("server-variables-3.0.json", Version::OpenApi30),
    ("security-3.0.json", Version::OpenApi30),
    ("circular-3.0.json", Version::OpenApi30),
    ("parameters-style-3.0.json", Version::OpenApi30),
    ("echo.json", Version::OpenApi31),
    ("api.github.com.json.gz", Version::OpenApi30),
];

/// What the reader does before sending an operation that needs credentials or files: the
/// form leaves them empty, and prepare() names each (checked here), so the reader gives them.
fn give_credentials_and_files(request: &mut Request) {
    if let Err(errors) = request.prepare() {
        for error in errors.into_iter().chain(request.missing_files()) {
            assert!(
                error.label == "Auth" || error.message.starts_with("choose the file"),
                "{error:?}"
            );
        }
    }
    match &mut request.auth {
        Auth::Basic { username, password } => {
            *username = "user".to_owned();
            *password = "pass".to_owned();
        }
        Auth::Bearer { token } => *token = "token".to_owned(),
        Auth::ApiKey { value, .. } => *value = "key".to_owned(),
        Auth::None => {}
    }
    match &mut request.body {
        Body::Multipart { parts } => {
            for part in parts {
                if let PartValue::File { file, .. } = &mut part.value {
                    if file.is_missing() {
                        file.source = FileSource::Inline(b"file contents".to_vec());
                    }
                }
            }
        }
        Body::Binary { file, .. } if file.is_missing() => {
            file.source = FileSource::Inline(b"file contents".to_vec());
        }
        _ => {}
    }
}

#[test]
fn every_operation_of_every_fixture_fills_a_request_that_prepares_and_whose_code_parses() {
    let mut snippets = Vec::new();
    let mut total = 0;
    for (name, version) in FIXTURES {
        let document = open(name);
        assert_eq!(document.version, version, "{name}");
        let list = operations(&document);
        assert_eq!(list.len(), independent_count(name), "{name}: operations");
        for operation in &list {
            let form = OperationForm::new(&document, operation, Some(BASE))
                .unwrap_or_else(|e| panic!("{name} {}: {e}", operation.label()));
            let mut request = form.request();
            assert_eq!(request.method, operation.method);
            give_credentials_and_files(&mut request);
            if let Err(errors) = request.prepare() {
                panic!("{name} {}: {errors:?}\n{request:?}", operation.label());
            }
            // Only the largest description's code is sampled (every tenth operation): its 1,223
            // operations would be 9,784 programs for the parsers.
            if !name.ends_with(".gz") || total % 10 == 0 {
                for target in Target::ALL {
                    snippets.push((target, target.generate(&request)));
                }
            }
            total += 1;
        }
    }
    assert!(total >= 1350, "{total} operations");
    let (rust, python, shell, javascript) = syntax::assert_all_parse(&snippets, "openapi-code");
    println!("{total} operations filled and prepared; {rust} Rust, {python} Python, {shell} curl and {javascript} JavaScript programs parsed");
    assert!(rust > 0 && python > 0 && shell > 0 && javascript > 0);
}

/// Every request and response schema of every fixture: the value made from it (without the
/// description's own examples, which are the author's word, not the schema's) validates.
#[test]
fn values_made_from_schemas_validate_against_them() {
    let mut checked = 0;
    for (name, _) in FIXTURES {
        let document = open(name);
        let mut schemas: Vec<(Json, Direction)> = Vec::new();
        collect_schemas(&document.root, &mut schemas, Direction::Response);
        for (schema, direction) in &schemas {
            // schema-types-3.1.yaml shows on purpose a property no value can match: an allOf
            // of a string and an integer.
            if schema
                .to_text()
                .contains(r#""allOf":[{"type":"string"},{"type":"integer"}]"#)
            {
                continue;
            }
            let value = example(&document, schema, *direction, false);
            let mismatches = validate(&document, schema, &value, *direction);
            assert!(
                mismatches.is_empty(),
                "{name}: {} made from {} has {mismatches:?}",
                value.to_text(),
                schema.to_text()
            );
            checked += 1;
        }
    }
    println!("{checked} schemas: the value made from each validates");
    assert!(checked > 2000, "{checked}");
}

/// The `schema` of every media type (and Swagger's body parameters and responses): request
/// bodies' as requests, the rest as responses.
fn collect_schemas(json: &Json, out: &mut Vec<(Json, Direction)>, direction: Direction) {
    match json {
        Json::Object(members) => {
            for (key, value) in members {
                let direction = match key.as_str() {
                    "requestBody" | "parameters" => Direction::Request,
                    "responses" => Direction::Response,
                    _ => direction,
                };
                if key == "schema" && matches!(value, Json::Object(_)) {
                    out.push((value.clone(), direction));
                } else {
                    collect_schemas(value, out, direction);
                }
            }
        }
        Json::Array(items) => items
            .iter()
            .for_each(|i| collect_schemas(i, out, direction)),
        _ => {}
    }
}

fn json(text: &str) -> Json {
    Json::parse(text).unwrap_or_else(|| panic!("not JSON: {text}"))
}

fn doc(text: &str) -> Document {
    Document::parse(text, None).unwrap()
}

#[test]
fn the_validator_meets_a_table_of_valid_and_invalid_values() {
    let document = doc(
        r##"{"openapi": "3.0.3", "paths": {}, "components": {"schemas": {
        "Pet": {"type": "object", "required": ["id", "name"], "additionalProperties": false,
                "properties": {"id": {"type": "integer", "format": "int64", "readOnly": true},
                               "name": {"type": "string", "minLength": 1},
                               "tag": {"type": "string", "nullable": true},
                               "kind": {"type": "string", "enum": ["cat", "dog"]},
                               "born": {"type": "string", "format": "date"},
                               "owner": {"$ref": "#/components/schemas/Owner"}}},
        "Owner": {"type": "object", "required": ["email"], "properties": {
                  "email": {"type": "string", "format": "email"},
                  "id": {"type": "string", "format": "uuid"},
                  "age": {"type": "integer", "minimum": 0, "maximum": 150}}}}}}"##,
    );
    let pet = json(r##"{"$ref": "#/components/schemas/Pet"}"##);
    let valid = [
        r#"{"id": 1, "name": "Rex"}"#,
        r#"{"id": 1.0, "name": "Rex", "tag": null, "kind": "dog"}"#,
        r#"{"id": 9007199254740993, "name": "R", "born": "2020-02-29", "owner": {"email": "a@b.co", "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "age": 150}}"#,
    ];
    for value in valid {
        assert_eq!(
            validate(&document, &pet, &json(value), Direction::Response),
            vec![],
            "{value}"
        );
    }
    let invalid = [
        (
            r#"{"id": "1", "name": "Rex"}"#,
            "$.id",
            "expected integer, got string \"1\"",
        ),
        (
            r#"{"id": 1.5, "name": "Rex"}"#,
            "$.id",
            "expected integer, got number 1.5",
        ),
        (r#"{"id": 1}"#, "$", "required property \"name\" is missing"),
        (
            r#"{"id": 1, "name": ""}"#,
            "$.name",
            "is 0 characters long, at least 1 expected",
        ),
        (
            r#"{"id": 1, "name": "R", "kind": "cow"}"#,
            "$.kind",
            "\"cow\" is not one of \"cat\", \"dog\"",
        ),
        (
            r#"{"id": 1, "name": "R", "born": "2020-13-01"}"#,
            "$.born",
            "\"2020-13-01\" is not a valid date",
        ),
        (
            r#"{"id": 1, "name": "R", "color": "red"}"#,
            "$.color",
            "is not a property the schema allows (additionalProperties: false)",
        ),
        (
            r#"{"id": 1, "name": "R", "owner": {}}"#,
            "$.owner",
            "required property \"email\" is missing",
        ),
        (
            r#"{"id": 1, "name": "R", "owner": {"email": "nobody"}}"#,
            "$.owner.email",
            "\"nobody\" is not a valid email",
        ),
        (
            r#"{"id": 1, "name": "R", "owner": {"email": "a@b.co", "age": -1}}"#,
            "$.owner.age",
            "-1 is below the minimum 0",
        ),
        (
            r#"{"id": 1, "name": "R", "owner": {"email": "a@b.co", "id": "nope"}}"#,
            "$.owner.id",
            "\"nope\" is not a valid uuid",
        ),
        (
            r#"{"id": 1, "name": "R", "tag": 5}"#,
            "$.tag",
            "expected string, got integer 5",
        ),
        (r#"[]"#, "$", "expected object, got array an array of 0"),
    ];
    for (value, path, message) in invalid {
        let found = validate(&document, &pet, &json(value), Direction::Response);
        assert_eq!(found.len(), 1, "{value}: {found:?}");
        assert_eq!(
            (found[0].path.as_str(), found[0].message.as_str()),
            (path, message),
            "{value}"
        );
    }
    // A request may leave out a readOnly property even when it is required.
    assert_eq!(
        validate(
            &document,
            &pet,
            &json(r#"{"name": "R"}"#),
            Direction::Request
        ),
        vec![]
    );
    assert_eq!(
        validate(
            &document,
            &pet,
            &json(r#"{"name": "R"}"#),
            Direction::Response
        )
        .len(),
        1
    );
}

#[test]
fn openapi_3_1_types_consts_and_composition() {
    let document = doc(r#"{"openapi": "3.1.0", "paths": {}}"#);
    let table: [(&str, &str, bool); 16] = [
        (r#"{"type": ["string", "null"]}"#, "null", true),
        (r#"{"type": ["string", "null"]}"#, r#""x""#, true),
        (r#"{"type": ["string", "null"]}"#, "1", false),
        (r#"{"type": "number"}"#, "1", true),
        (r#"{"type": "integer"}"#, "1e3", true),
        (r#"{"const": "pong"}"#, r#""pong""#, true),
        (r#"{"const": "pong"}"#, r#""ping""#, false),
        (r#"{"exclusiveMinimum": 0}"#, "0", false),
        (r#"{"exclusiveMinimum": 0}"#, "0.1", true),
        (
            r#"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"#,
            "true",
            false,
        ),
        (
            r#"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#,
            "3",
            true,
        ),
        (
            r#"{"allOf": [{"required": ["a"]}, {"required": ["b"]}]}"#,
            r#"{"a": 1}"#,
            false,
        ),
        (r#"{"not": {"type": "string"}}"#, r#""x""#, false),
        (
            r#"{"items": {"type": "integer"}, "maxItems": 2}"#,
            "[1, 2, 3]",
            false,
        ),
        (
            r#"{"additionalProperties": {"type": "integer"}}"#,
            r#"{"a": 1, "b": "2"}"#,
            false,
        ),
        (
            r#"{"type": "string", "format": "date-time"}"#,
            r#""2024-05-01T12:00:00.5+02:00""#,
            true,
        ),
    ];
    for (schema, value, ok) in table {
        let found = validate(&document, &json(schema), &json(value), Direction::Response);
        assert_eq!(found.is_empty(), ok, "{schema} {value}: {found:?}");
    }
    // A mismatch deep in an array names its index.
    let found = validate(
        &document,
        &json(
            r#"{"type": "array", "items": {"type": "object", "properties": {"a b": {"type": "integer"}}}}"#,
        ),
        &json(r#"[{"a b": 1}, {"a b": "x"}]"#),
        Direction::Response,
    );
    assert_eq!(found[0].path, r#"$[1]["a b"]"#);
}

#[test]
fn yaml_descriptions_read_as_json_would() {
    let document = open("features-3.1.yaml");
    // An alias repeats the anchored response; a merge key brings the base schema's keys in.
    let responses = |op: &str| {
        document
            .root
            .get("paths")
            .unwrap()
            .get("/notes/{noteId}")
            .unwrap()
            .get(op)
            .unwrap()
            .get("responses")
            .unwrap()
            .get("404")
            .unwrap()
            .clone()
    };
    assert_eq!(responses("get"), responses("delete"));
    let note = document
        .root
        .get("components")
        .unwrap()
        .get("schemas")
        .unwrap()
        .get("Note")
        .unwrap();
    assert_eq!(note.get("type"), Some(&Json::String("object".to_owned())));
    assert!(note.get("properties").unwrap().get("parent").is_some());
    assert_eq!(
        note.get("properties")
            .unwrap()
            .get("body")
            .unwrap()
            .get("type"),
        Some(&json(r#"["string", "null"]"#))
    );
    // The same document in JSON and in YAML reads the same.
    let yaml = "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n      x-numbers: [1, -2.5, 0x10, 1e3, .5, ~, true, 'true', \"0x10\"]\n";
    let from_json = Json::parse(r#"{"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, "x-numbers": [1, -2.5, 16, 1e3, 0.5, null, true, "true", "0x10"]}}}}"#).unwrap();
    assert_eq!(yaml_to_json(yaml).unwrap(), from_json);
}

#[test]
fn bad_descriptions_are_refused_with_where_and_why() {
    let cases = [
        (
            "",
            "the description is empty: paste its JSON or YAML, or give its URL",
        ),
        (
            "{\"openapi\": \"3.0.0\",\n \"paths\": {,}}",
            "line 2, column 12: not valid JSON: key must be a string",
        ),
        ("openapi: 3.0.0\npaths:\n  /a: [\n", "not valid YAML"),
        (
            "openapi: 2.5.0\npaths: {}\n",
            "openapi: version \"2.5.0\" is not one this playground reads",
        ),
        (
            "swagger: '1.2'\npaths: {}\n",
            "swagger: version \"1.2\" is not 2.0",
        ),
        (
            "title: Not an API\n",
            "no `openapi` or `swagger` field at the top",
        ),
        (
            "- a\n- b\n",
            "a description is an object with `openapi` or `swagger` at its top, not an array",
        ),
        (
            "openapi: 3.1.0\npaths: []\n",
            "paths: must be an object, not an array",
        ),
        (
            "openapi: 3.1.0\ninfo: {}\n",
            "paths: missing: the description has no operations to try",
        ),
        (
            "openapi: 3.1.0\npaths: {}\n---\nopenapi: 3.1.0\n",
            "more than one YAML document",
        ),
    ];
    for (text, expected) in cases {
        let error = Document::parse(text, None).expect_err(text).to_string();
        assert!(error.contains(expected), "{text:?}: {error}");
    }
    // A billion laughs: aliases that expand past the budget are an error, found quickly.
    let mut bomb =
        String::from("openapi: 3.0.0\npaths: {}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    let error = Document::parse(&bomb, None).unwrap_err().to_string();
    assert!(error.contains("aliases repeat too much"), "{error}");
    // $refs that name nothing, or each other in a loop, are said with the ref.
    let document = doc(
        r##"{"openapi": "3.0.0", "paths": {}, "a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}, "c": {"$ref": "#/nothing"}}"##,
    );
    let error = document
        .resolve(document.root.get("a").unwrap())
        .unwrap_err()
        .to_string();
    assert!(error.contains("name each other in a loop"), "{error}");
    let error = document
        .resolve(document.root.get("c").unwrap())
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "$ref #/nothing: names nothing in the description: check the path after #"
    );
    let error = document.lookup("other.yaml#/Pet").unwrap_err().to_string();
    assert!(error.contains("not opened from a URL"), "{error}");
}

#[test]
fn refs_to_other_documents_resolve_by_url() {
    let mut document = Document::parse(
        r##"{"openapi": "3.0.0", "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "schemas/pet.json#/Pet"}}}}}}}}}"##,
        Some("http://127.0.0.1:9/api/openapi.json".to_owned()),
    )
    .unwrap();
    assert_eq!(
        document.missing_documents(),
        vec!["http://127.0.0.1:9/api/schemas/pet.json"]
    );
    document.add_document(
        "http://127.0.0.1:9/api/schemas/pet.json".to_owned(),
        json(r##"{"Pet": {"type": "object", "properties": {"tag": {"$ref": "#/Tag"}, "owner": {"$ref": "../people.json#/Owner"}}}, "Tag": {"type": "string"}}"##),
    );
    assert_eq!(
        document.missing_documents(),
        vec!["http://127.0.0.1:9/api/people.json"]
    );
    let pet = document.lookup("schemas/pet.json#/Pet").unwrap();
    // The other document's own local $ref now names it absolutely.
    let tag = document
        .resolve(pet.get("properties").unwrap().get("tag").unwrap())
        .unwrap();
    assert_eq!(tag, &json(r#"{"type": "string"}"#));
}

#[test]
fn operations_are_grouped_by_tag_and_filtered() {
    let document = open("petstore-3.0.json");
    let list = operations(&document);
    let all: Vec<usize> = (0..list.len()).collect();
    let names: Vec<(String, usize)> = groups(&document, &list, &all)
        .into_iter()
        .map(|g| (g.name, g.operations.len()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("pet".to_owned(), 8),
            ("store".to_owned(), 4),
            ("user".to_owned(), 8)
        ]
    );
    let found: Vec<String> = filter(&list, "GET pet")
        .iter()
        .map(|&i| list[i].label())
        .collect();
    // "pet" is in the inventory's summary ("Returns pet inventories by status").
    assert_eq!(
        found,
        vec![
            "GET /pet/findByStatus",
            "GET /pet/findByTags",
            "GET /pet/{petId}",
            "GET /store/inventory"
        ]
    );
    assert!(
        list.iter()
            .find(|o| o.path == "/pet/findByTags")
            .unwrap()
            .deprecated
    );
    assert_eq!(filter(&list, "getpetbyid").len(), 1);
    assert!(filter(&list, "nothing-like-this").is_empty());
    // Webhooks and untagged operations come last.
    let document = open("features-3.1.yaml");
    let list = operations(&document);
    let all: Vec<usize> = (0..list.len()).collect();
    let names: Vec<String> = groups(&document, &list, &all)
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(
        names,
        vec!["notes", "files", "Other operations", "Webhooks"]
    );
}

fn form(document: &Document, id: &str) -> OperationForm {
    let list = operations(document);
    let operation = list.iter().find(|o| o.id.as_deref() == Some(id)).unwrap();
    OperationForm::new(document, operation, Some(BASE)).unwrap()
}

#[test]
fn an_operation_fills_servers_parameters_auth_and_accept() {
    let document = open("features-3.1.yaml");
    let mut get = form(&document, "getNote");
    assert_eq!(get.server_url(), "https://eu.api.example.com/v2");
    let request = get.request();
    assert_eq!(request.url, "https://eu.api.example.com/v2/notes/42");
    let rows = |rows: &[http_playground::model::KeyValue]| {
        rows.iter()
            .map(|r| (r.name.clone(), r.value.clone(), r.enabled))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&request.params),
        vec![
            ("fields".to_owned(), "title".to_owned(), true),
            ("format".to_owned(), "full".to_owned(), true)
        ]
    );
    assert_eq!(
        rows(&request.headers),
        vec![
            ("X-Trace".to_owned(), "trace-1".to_owned(), true),
            ("Cookie".to_owned(), "session=abc".to_owned(), true),
            ("Accept".to_owned(), "application/json".to_owned(), true),
        ]
    );
    let format = get.parameters.iter().find(|p| p.name == "format").unwrap();
    assert_eq!(
        (format.required, format.choices.clone()),
        (true, vec!["short".to_owned(), "full".to_owned()])
    );
    assert_eq!(
        get.parameters
            .iter()
            .find(|p| p.name == "noteId")
            .unwrap()
            .location,
        Location::Path
    );
    // Two schemes may be used: OAuth2 client credentials (chosen: it fills a bearer token) or
    // an API key in a cookie.
    assert!(
        matches!(&get.security[0].scheme, Scheme::ClientCredentials { token_url, scopes } if token_url == "https://auth.example.com/token" && scopes == &["notes.read"])
    );
    assert_eq!(
        request.auth,
        Auth::Bearer {
            token: String::new()
        }
    );
    // Choosing the cookie API key instead puts it into the Cookie header, and back.
    let mut switched = get.request();
    get.auth = Some(1);
    get.apply_auth(&mut switched);
    assert_eq!(switched.auth, Auth::None);
    assert_eq!(
        switched
            .headers
            .iter()
            .filter(|h| h.name == "Cookie")
            .map(|h| h.value.as_str())
            .collect::<Vec<_>>(),
        ["session=abc; api_key="]
    );
    get.auth = Some(0);
    get.apply_auth(&mut switched);
    assert_eq!(
        switched.auth,
        Auth::Bearer {
            token: String::new()
        }
    );
    assert_eq!(
        switched
            .headers
            .iter()
            .filter(|h| h.name == "Cookie")
            .map(|h| h.value.as_str())
            .collect::<Vec<_>>(),
        ["session=abc"]
    );
    // The second server, relative, resolves against where the description came from.
    get.choose_server(1);
    assert_eq!(get.url(), "http://127.0.0.1:8080/local/notes/42");
    get.choose_server(0);
    get.server_values[0] = "us".to_owned();
    // Changing one parameter changes its place in the request, not the reader's other edits.
    let mut edited = get.request();
    edited
        .headers
        .push(http_playground::model::KeyValue::new("X-Mine", "1"));
    let at = get
        .parameters
        .iter()
        .position(|p| p.name == "noteId")
        .unwrap();
    get.parameters[at].value = "7 / 8".to_owned();
    get.apply_parameter(&mut edited, at);
    assert_eq!(
        edited.url,
        "https://us.api.example.com/v2/notes/7%20%2F%208"
    );
    let at = get
        .parameters
        .iter()
        .position(|p| p.name == "fields")
        .unwrap();
    get.parameters[at].value = "title,tags".to_owned();
    get.apply_parameter(&mut edited, at);
    assert_eq!(
        rows(&edited.params)[..2],
        [
            ("fields".to_owned(), "title".to_owned(), true),
            ("fields".to_owned(), "tags".to_owned(), true)
        ]
    );
    assert!(edited.headers.iter().any(|h| h.name == "X-Mine"));

    // A JSON body from the schema leaves out readOnly properties; a form is offered too.
    let create = form(&document, "createNote");
    assert_eq!(
        create
            .bodies
            .iter()
            .map(|b| b.content_type.as_str())
            .collect::<Vec<_>>(),
        ["application/json", "application/x-www-form-urlencoded"]
    );
    let Body::Json { text } = &create.request().body else {
        panic!()
    };
    let body = json(text);
    assert!(body.get("id").is_none() && body.get("created").is_none());
    assert_eq!(
        body.get("title"),
        Some(&Json::String("Groceries".to_owned()))
    );
    // Multipart with a file to choose; HTTP basic.
    let upload = form(&document, "uploadFile");
    let request = upload.request();
    let Body::Multipart { parts } = &request.body else {
        panic!("{:?}", request.body)
    };
    assert!(matches!(&parts[0].value, PartValue::File { file, .. } if file.is_missing()));
    assert_eq!(
        request.auth,
        Auth::Basic {
            username: String::new(),
            password: String::new()
        }
    );
    assert!(
        request.missing_files()[0]
            .message
            .starts_with("choose the file"),
        "{:?}",
        request.missing_files()
    );
    // A webhook is sent to the reader's own receiver.
    assert_eq!(form(&document, "noteChanged").request().url, WEBHOOK_URL);

    // Swagger 2.0: host, basePath and schemes; a body parameter; an API key header.
    let document = open("petstore-2.0.json");
    let add = form(&document, "addPet");
    let request = add.request();
    assert_eq!(request.url, "http://petstore.swagger.io/v2/pet");
    assert!(matches!(request.body, Body::Json { .. }));
    let by_id = form(&document, "getPetById");
    assert_eq!(
        by_id.request().auth,
        Auth::ApiKey {
            name: "api_key".to_owned(),
            value: String::new(),
            location: http_playground::model::ApiKeyLocation::Header
        }
    );
    let upload = form(&document, "uploadFile");
    assert!(matches!(upload.request().body, Body::Multipart { .. }));
}

#[test]
fn a_description_cannot_spend_the_readers_variables() {
    let document = doc(
        r#"{"openapi": "3.0.0", "servers": [{"url": "https://evil.example/{{token}}"}], "paths": {"/a": {"get": {
        "parameters": [{"name": "X-Leak", "in": "header", "required": true, "schema": {"type": "string"}, "example": "{{apiKey}}"}],
        "responses": {"200": {"description": "ok"}}}}}}"#,
    );
    let list = operations(&document);
    let form = OperationForm::new(&document, &list[0], Some(BASE)).unwrap();
    let request = form.request();
    assert!(!request.to_json().contains("{{"), "{}", request.to_json());
    assert!(http_playground::model::variables_used(
        &request,
        &[
            http_playground::model::Variable::new("token", "s3cret"),
            http_playground::model::Variable::new("apiKey", "k")
        ]
    )
    .is_empty());
    assert!(form.defused());
    // What the reader types afterwards is theirs: their own {{variables}} are kept.
    let mut form = form;
    let mut request = form.request();
    form.parameters[0].value = "{{apiKey}}".to_owned();
    form.apply_parameter(&mut request, 0);
    assert_eq!(request.headers[0].value, "{{apiKey}}");
    // A description without {{ is not said to have had any.
    let plain = open("petstore-3.0.json");
    let list = operations(&plain);
    assert!(!OperationForm::new(&plain, &list[0], Some(BASE))
        .unwrap()
        .defused());
}

#[test]
fn responses_are_checked_against_the_operation() {
    let document = open("petstore-3.0.json");
    let list = operations(&document);
    let by_id = list
        .iter()
        .find(|o| o.id.as_deref() == Some("getPetById"))
        .unwrap();
    let good = check_response(
        &document,
        by_id,
        200,
        "application/json",
        r#"{"id": 1, "name": "doggie", "photoUrls": [], "status": "available"}"#,
    );
    assert!(good.passed(), "{good:?}");
    let bad = check_response(
        &document,
        by_id,
        200,
        "application/json; charset=utf-8",
        r#"{"id": "1", "name": "doggie", "photoUrls": []}"#,
    );
    assert_eq!(bad.mismatches.len(), 1);
    assert_eq!(bad.mismatches[0].path, "$.id");
    let not_json = check_response(&document, by_id, 200, "application/json", "{\"id\": 1,");
    assert_eq!(not_json.mismatches[0].message, "the body is not valid JSON");
    // A 2XX range and a default response document what they cover.
    let document = open("features-3.1.yaml");
    let list = operations(&document);
    let upload = list
        .iter()
        .find(|o| o.id.as_deref() == Some("uploadFile"))
        .unwrap();
    assert_eq!(
        check_response(&document, upload, 204, "", "")
            .documented_as
            .as_deref(),
        Some("2XX")
    );
    let create = list
        .iter()
        .find(|o| o.id.as_deref() == Some("createNote"))
        .unwrap();
    let problem = check_response(
        &document,
        create,
        422,
        "application/problem+json",
        r#"{"title": "Bad", "status": "422"}"#,
    );
    assert_eq!(problem.documented_as.as_deref(), Some("default"));
    assert_eq!(problem.mismatches[0].path, "$.status");
    // Which sent requests an operation answers for.
    let get = list
        .iter()
        .find(|o| o.id.as_deref() == Some("getNote"))
        .unwrap();
    let undocumented = check_response(&document, get, 500, "text/plain", "boom");
    assert_eq!(undocumented.documented_as, None);
    assert_eq!(
        undocumented.body,
        BodyCheck::NotChecked("status 500 is not documented".to_owned())
    );
    assert!(request_fits(
        get,
        "https://eu.api.example.com/v2",
        "get",
        "https://eu.api.example.com/v2/notes/42?format=full"
    ));
    assert!(!request_fits(
        get,
        "https://eu.api.example.com/v2",
        "GET",
        "https://eu.api.example.com/v2/notes"
    ));
    assert!(!request_fits(
        get,
        "https://eu.api.example.com/v2",
        "POST",
        "https://eu.api.example.com/v2/notes/42"
    ));
}

#[test]
fn client_credentials_tokens_are_asked_for_and_read() {
    let request = token_request(
        "http://127.0.0.1:9/echo/oauth/token",
        "id",
        "secret",
        " echo ",
    );
    let prepared = request.prepare().unwrap();
    assert_eq!(prepared.method, "POST");
    assert_eq!(
        String::from_utf8(prepared.body.clone().unwrap_or_default()).unwrap(),
        "grant_type=client_credentials&scope=echo"
    );
    assert_eq!(
        read_token(200, r#"{"access_token": "t0k", "token_type": "Bearer"}"#),
        Ok("t0k".to_owned())
    );
    assert_eq!(
        read_token(
            401,
            r#"{"error": "invalid_client", "error_description": "no client credentials"}"#
        ),
        Err("The token endpoint answered 401: invalid_client (no client credentials).".to_owned())
    );
    assert!(read_token(200, "<html>")
        .unwrap_err()
        .contains("without JSON"));
}

/// What a hostile description (a link's `?spec=` fills an operation with no click) could do to
/// the page: each case ends, small, with a message where something was refused.
#[test]
fn hostile_descriptions_end_small_and_say_what_they_refused() {
    // minLength: 1e9 on a parameter: the value made is 1,000 characters at most.
    let document = doc(
        r#"{"openapi": "3.1.0", "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "minLength": 1000000000}}], "responses": {}}}}}"#,
    );
    let list = operations(&document);
    let form = OperationForm::new(&document, &list[0], Some(BASE)).unwrap();
    assert_eq!(form.parameters[0].value.len(), 1000);

    // Arrays nested twelve deep with minItems 5 would be 5^12 values: the example stays within
    // its budget.
    let mut schema = String::from(r#"{"type": "integer"}"#);
    for _ in 0..12 {
        schema = format!(r#"{{"type": "array", "minItems": 5, "items": {schema}}}"#);
    }
    let schema = json(&schema);
    let made = example(&document, &schema, Direction::Request, false);
    assert!(
        made.to_text().len() < 200_000,
        "{} bytes",
        made.to_text().len()
    );

    // A schema naming itself twice at every level: making an example ends; checking a value
    // against a chain of 24 such levels stops at its step budget and says so.
    let mut schemas = Vec::new();
    for i in 0..24 {
        schemas.push(format!(r##""S{i}": {{"allOf": [{{"$ref": "#/components/schemas/S{n}"}}, {{"$ref": "#/components/schemas/S{n}"}}]}}"##, n = i + 1));
    }
    schemas.push(r#""S24": {"type": "object"}"#.to_owned());
    schemas.push(r##""Loop": {"type": "object", "properties": {"a": {"allOf": [{"$ref": "#/components/schemas/Loop"}, {"$ref": "#/components/schemas/Loop"}]}}}"##.to_owned());
    let document = doc(&format!(
        r#"{{"openapi": "3.1.0", "paths": {{}}, "components": {{"schemas": {{{}}}}}}}"#,
        schemas.join(", ")
    ));
    let chain = json(r##"{"$ref": "#/components/schemas/S0"}"##);
    let found = validate(&document, &chain, &json("{}"), Direction::Response);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .message
            .starts_with("the check stopped after 2000000 steps"),
        "{found:?}"
    );
    let looped = json(r##"{"$ref": "#/components/schemas/Loop"}"##);
    let made = example(&document, &looped, Direction::Request, false);
    assert!(matches!(made, Json::Object(_)));

    // Deep YAML is refused before the tree's own recursion could exhaust the stack; so is text
    // that aliases expand past 256 MB.
    let deep = "- ".repeat(20_000) + "x\n";
    let error =
        Document::parse(&format!("openapi: 3.1.0\npaths: {{}}\nx:\n{deep}"), None).unwrap_err();
    assert!(
        error.to_string().contains("nest more than 128 deep"),
        "{error}"
    );
    let big = "y".repeat(1 << 20);
    let mut bomb = format!("openapi: 3.1.0\npaths: {{}}\nbig: &big \"{big}\"\nmany:\n");
    for _ in 0..300 {
        bomb.push_str("  - *big\n");
    }
    let error = Document::parse(&bomb, None).unwrap_err();
    assert!(
        error.to_string().contains("more than 256 MB of text"),
        "{error}"
    );
}

/// `{{` cannot be smuggled into a request through pieces that meet: `{{{x}}}`, a path whose
/// parameter is empty, a server variable that ends in `{`.
#[test]
fn variables_cannot_be_named_by_pieces_that_meet() {
    assert!(!http_playground::openapi::defuse("{{{token}}}").contains("{{"));
    let document = doc(r#"{"openapi": "3.1.0",
        "servers": [{"url": "http://127.0.0.1:9/{v}{token}}", "variables": {"v": {"default": "{"}}}],
        "paths": {"/c/{{{x}token}}": {"get": {"parameters": [{"name": "x", "in": "path", "required": true, "schema": {"type": "string"}, "example": ""}], "responses": {}}}}}"#);
    let list = operations(&document);
    let form = OperationForm::new(&document, &list[0], Some(BASE)).unwrap();
    let request = form.request();
    assert!(!request.url.contains("{{"), "{}", request.url);
    assert!(form.defused());
}

#[test]
fn a_body_deeper_than_the_parser_reads_is_not_checked_and_says_why() {
    let document = open("features-3.1.yaml");
    let list = operations(&document);
    let get = list
        .iter()
        .find(|o| o.id.as_deref() == Some("getNote"))
        .unwrap();
    let deep = "[".repeat(200) + &"]".repeat(200);
    let found = check_response(&document, get, 200, "application/json", &deep);
    assert!(found.mismatches.is_empty());
    assert!(
        matches!(&found.body, BodyCheck::NotChecked(why) if why.contains("128 levels")),
        "{found:?}"
    );
}
