//! Variables: `{{name}}` is replaced in every field; undefined names are errors naming the
//! field, so nothing is sent with braces in it.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use http_playground::codegen::Target;
use http_playground::model::{resolve_variables, substitute, Auth, Body, Field, KeyValue, Request};

fn env(pairs: &[(&str, &str)]) -> Vec<KeyValue> {
    pairs.iter().map(|(n, v)| KeyValue::new(*n, *v)).collect()
}

#[test]
fn names_are_replaced_with_their_values() {
    let vars = env(&[("base", "https://httpbin.org"), ("id", "42"), ("empty", "")]);
    assert_eq!(
        substitute("{{base}}/users/{{ id }}", &vars).unwrap(),
        "https://httpbin.org/users/42"
    );
    assert_eq!(substitute("a{{empty}}b", &vars).unwrap(), "ab");
    // Not a variable: left as written.
    assert_eq!(
        substitute("{{}} {{a b}} {{ unclosed", &vars).unwrap(),
        "{{}} {{a b}} {{ unclosed"
    );
    assert_eq!(
        substitute("{\"json\": {\"nested\": 1}}", &vars).unwrap(),
        "{\"json\": {\"nested\": 1}}"
    );
    // Values are not themselves expanded.
    let recursive = env(&[("a", "{{b}}"), ("b", "x")]);
    assert_eq!(substitute("{{a}}", &recursive).unwrap(), "{{b}}");
    assert_eq!(
        substitute("{{x}} {{y}} {{x}}", &vars).unwrap_err(),
        ["x", "y"]
    );
}

#[test]
fn disabled_variables_do_not_count_and_the_last_definition_wins() {
    let mut vars = env(&[("token", "old"), ("token", "new")]);
    assert_eq!(substitute("{{token}}", &vars).unwrap(), "new");
    vars[1].enabled = false;
    assert_eq!(substitute("{{token}}", &vars).unwrap(), "old");
    vars[0].enabled = false;
    assert!(substitute("{{token}}", &vars).is_err());
}

#[test]
fn every_field_is_resolved_and_code_holds_the_values() {
    let request = Request {
        method: "POST".into(),
        url: "{{base}}/anything/{{id}}".into(),
        params: vec![KeyValue::new("{{pname}}", "{{pvalue}}")],
        headers: vec![KeyValue::new("X-Trace", "{{trace}}")],
        auth: Auth::Bearer {
            token: "{{token}}".into(),
        },
        body: Body::Json {
            text: "{\"id\": {{id}}, \"name\": \"{{name}}\"}".into(),
        },
        ..Request::default()
    };
    let vars = env(&[
        ("base", "http://127.0.0.1:8000"),
        ("id", "7"),
        ("pname", "q"),
        ("pvalue", "python tutorial"),
        ("trace", "abc"),
        ("token", "secret-token"),
        ("name", "Zoë"),
    ]);
    let resolved = resolve_variables(&request, &vars).unwrap();
    let prepared = resolved.prepare().unwrap();
    assert_eq!(
        prepared.url,
        "http://127.0.0.1:8000/anything/7?q=python+tutorial"
    );
    assert_eq!(prepared.header("X-Trace"), Some("abc"));
    assert_eq!(
        prepared.header("Authorization"),
        Some("Bearer secret-token")
    );
    assert_eq!(
        prepared.body.as_deref(),
        Some("{\"id\": 7, \"name\": \"Zoë\"}".as_bytes())
    );
    for target in Target::ALL {
        let code = target.generate(&resolved);
        assert!(!code.contains("{{"), "{}: {code}", target.id());
    }
}

#[test]
fn undefined_variables_are_errors_naming_the_field() {
    let request = Request {
        url: "{{base}}/get".into(),
        headers: vec![
            KeyValue::new("Authorization", "Bearer {{token}}"),
            KeyValue::new("X-Off", "{{off}}"),
        ],
        ..Request::default()
    };
    let mut request = request;
    request.headers[1].enabled = false;
    let errors = resolve_variables(&request, &[]).unwrap_err();
    let described: Vec<(Field, String)> = errors.iter().map(|e| (e.field, e.to_string())).collect();
    assert_eq!(
        described,
        [
            (
                Field::Url,
                "URL: {{base}} is not defined; add it under Variables, or remove the braces"
                    .to_owned()
            ),
            (
                Field::Header(0),
                "Header 1: {{token}} is not defined; add it under Variables, or remove the braces"
                    .to_owned()
            ),
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn text_without_braces_is_unchanged_and_nothing_panics(text in any::<String>(), name in "[a-z]{1,8}", value in any::<String>()) {
        let vars = vec![KeyValue::new(name.clone(), value.clone())];
        if !text.contains("{{") {
            prop_assert_eq!(substitute(&text, &vars).unwrap(), text.clone());
        }
        let templated = format!("{text}{{{{{name}}}}}{text}");
        let _ = substitute(&templated, &vars);
        prop_assert_eq!(substitute(&format!("{{{{ {name} }}}}"), &vars).unwrap(), value);
    }
}

#[test]
fn environments_round_trip_through_json_and_imports_merge_by_name() {
    use http_playground::model::{environment_from_json, environment_to_json, merge_environment};
    let mut disabled = KeyValue::new("token", "s3cr\"et\n");
    disabled.enabled = false;
    let environment = vec![KeyValue::new("base", "http://127.0.0.1:8080"), disabled];
    let json = environment_to_json(&environment);
    assert_eq!(environment_from_json(&json).unwrap(), environment);
    for bad in ["[]", "{}", "{\"variables\": 3}", "not json"] {
        let error = environment_from_json(bad).unwrap_err().to_string();
        assert!(error.contains("\"variables\" list"), "{bad}: {error}");
    }

    let mut current = env(&[("base", "http://old"), ("id", "1")]);
    let imported = env(&[
        ("base", "http://new"),
        ("user", "ada"),
        ("", "nameless"),
        ("id", "1"),
    ]);
    assert_eq!(merge_environment(&mut current, imported), 2);
    assert_eq!(
        current,
        env(&[("base", "http://new"), ("id", "1"), ("user", "ada")])
    );
}
