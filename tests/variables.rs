//! Variables: `{{name}}` is replaced in every field; undefined names are errors naming the
//! field, so nothing is sent with braces in it.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use http_playground::codegen::Target;
use http_playground::model::{
    environment_from_json, environment_to_json, merge_environment, resolve_variables, substitute,
    variables_to_share, variables_used, Auth, Body, Field, KeyValue, Request, Secrets, Variable,
};
use http_playground::model::{
    environment_from_json_lenient, merge_environment_with_report, EnvironmentMerge,
};

fn env(pairs: &[(&str, &str)]) -> Vec<Variable> {
    pairs.iter().map(|(n, v)| Variable::new(*n, *v)).collect()
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
        let vars = vec![Variable::new(name.clone(), value.clone())];
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
    let mut disabled = Variable::new("token", "s3cr\"et\n");
    disabled.enabled = false;
    let mut unmarked = Variable::new("api_key", "public-demo-key");
    unmarked.secret = false;
    let environment = vec![
        Variable::new("base", "http://127.0.0.1:8080"),
        disabled,
        unmarked,
    ];
    let (json, removed) = environment_to_json(&environment, Secrets::Include);
    assert!(removed.is_empty());
    assert_eq!(environment_from_json(&json).unwrap(), environment);
    for bad in ["[]", "{}", "{\"variables\": 3}", "not json"] {
        let error = environment_from_json(bad).unwrap_err().to_string();
        assert!(error.contains("\"variables\" list"), "{bad}: {error}");
    }
    let error = environment_from_json(r#"{"variables":[{"name":"a","secret":1}]}"#).unwrap_err();
    assert!(
        error.to_string().contains("secret must be true or false"),
        "{error}"
    );

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

#[test]
fn a_variable_is_secret_by_its_name_unless_the_user_says_otherwise() {
    let secret = |name: &str| Variable::new(name, "v").secret;
    assert!(secret("token") && secret("API-Key") && secret("db_password") && secret("author"));
    assert!(!secret("base") && !secret("user-id") && !secret("keyboard"));
    // Files written before `secret` existed: the name decides.
    let old = r#"{"variables":[{"name":"base","value":"http://x"},{"name":"token","value":"t","enabled":false}]}"#;
    let read = environment_from_json(old).unwrap();
    assert_eq!(
        read.iter()
            .map(|v| (v.secret, v.enabled))
            .collect::<Vec<_>>(),
        [(false, true), (true, false)]
    );
    // An explicit choice wins over the name.
    let chosen = r#"{"variables":[{"name":"token","value":"t","secret":false},{"name":"base","value":"b","secret":true}]}"#;
    let read = environment_from_json(chosen).unwrap();
    assert_eq!((read[0].secret, read[1].secret), (false, true));
}

#[test]
fn exports_leave_secret_values_out_and_say_which() {
    let mut marked = Variable::new("region", "eu-secret-region");
    marked.secret = true;
    let environment = vec![
        Variable::new("base", "http://127.0.0.1:8080"),
        Variable::new("token", "tok-123"),
        Variable::new("password", ""),
        marked,
    ];
    let (json, removed) = environment_to_json(&environment, Secrets::LeaveOut);
    assert_eq!(removed, ["Variable token", "Variable region"]);
    assert_eq!(
        json,
        r#"{"variables":[{"name":"base","value":"http://127.0.0.1:8080","enabled":true,"secret":false},{"name":"password","value":"","enabled":true,"secret":true}],"removed_secrets":["Variable token","Variable region"]}"#
    );
    // Importing such a file cannot overwrite the importer's own secret values.
    let mut mine = env(&[("token", "my-own")]);
    merge_environment(&mut mine, environment_from_json(&json).unwrap());
    assert_eq!(mine[0].value, "my-own");

    let (all, removed) = environment_to_json(&environment, Secrets::Include);
    assert!(removed.is_empty());
    assert!(all.contains("tok-123") && all.contains("eu-secret-region"));
}

#[test]
fn the_variables_a_request_uses_are_found_and_split_for_sharing() {
    let mut request = Request {
        url: "{{base}}/users/{{ id }}?x={{missing}}".into(),
        params: vec![
            KeyValue::new("q", "{{query}}"),
            KeyValue::new("off", "{{off}}"),
        ],
        headers: vec![KeyValue::new("X-Key", "{{key}}{{base}}")],
        auth: Auth::Bearer {
            token: "{{token}}".into(),
        },
        body: Body::Form {
            fields: vec![KeyValue::new("{{field}}", "1")],
        },
        method: "POST".into(),
        ..Request::default()
    };
    request.params[1].enabled = false;
    let mut disabled = Variable::new("query", "nope");
    disabled.enabled = false;
    let environment = vec![
        Variable::new("field", "f"),
        Variable::new("base", "http://b"),
        Variable::new("id", "7"),
        disabled,
        Variable::new("off", "o"),
        Variable::new("key", "k"),
        Variable::new("token", "t"),
    ];
    // In the order the request first uses them; undefined, disabled and unused ones are not.
    assert_eq!(
        variables_used(&request, &environment),
        ["base", "id", "key", "token", "field"]
    );
    let (carried, withheld) = variables_to_share(&request, &environment, Secrets::LeaveOut);
    assert_eq!(
        carried.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        ["base", "id", "field"]
    );
    assert_eq!(withheld, ["key", "token"]);
    let (carried, withheld) = variables_to_share(&request, &environment, Secrets::Include);
    assert_eq!(carried.len(), 5);
    assert!(withheld.is_empty());
    // The definition that travels is the one resolution uses: the last enabled one.
    let twice = env(&[("base", "first"), ("base", "second")]);
    assert_eq!(
        variables_to_share(&request, &twice, Secrets::LeaveOut).0[0].value,
        "second"
    );
}

#[test]
fn a_stored_environment_keeps_its_readable_variables_and_names_each_skipped_one() {
    // (stored text, names of the variables kept, what the notice says about the others)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            r#"{"variables": [
                {"name": "base", "value": "http://a"},
                {"name": "token", "value": 7},
                {"name": "id", "value": "1"}
            ]}"#,
            &["base", "id"],
            &["Variable 2 was unreadable and skipped: value must be a string, not a number"],
        ),
        (
            r#"{"variables": [3, {"name": "base"}, "token=abc", null, ["id", "1"]]}"#,
            &["base"],
            &[
                "Variable 1 was unreadable and skipped: a variable must be an object with name and value, not a number",
                "Variable 3 was unreadable and skipped: a variable must be an object with name and value, not a string",
                "Variable 4 was unreadable and skipped: a variable must be an object with name and value, not null",
                "Variable 5 was unreadable and skipped: a variable must be an object with name and value, not an array",
            ],
        ),
        (
            r#"{"variables": [
                {"name": 5, "value": "x"},
                {"name": "a", "enabled": "yes"},
                {"name": "b", "secret": 1},
                {"name": "c", "value": "3", "enabled": false, "secret": null}
            ], "removed_secrets": ["Variable token"]}"#,
            &["c"],
            &[
                "Variable 1 was unreadable and skipped: name must be a string, not a number",
                "Variable 2 was unreadable and skipped: enabled must be true or false, not a string",
                "Variable 3 was unreadable and skipped: secret must be true or false, not a number",
            ],
        ),
        // Missing and null fields take their defaults; an empty row is a row.
        (
            r#"{"variables": [{}, {"name": "id", "value": null, "enabled": null}]}"#,
            &["", "id"],
            &[],
        ),
        (r#"{"variables": []}"#, &[], &[]),
    ];
    for (stored, kept, skipped) in cases {
        let (variables, notices) = environment_from_json_lenient(stored)
            .unwrap_or_else(|e| panic!("{stored}: the whole environment was refused: {e}"));
        let names: Vec<&str> = variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, *kept, "{stored}");
        assert_eq!(notices, *skipped, "{stored}");
        match environment_from_json(stored) {
            Ok(strict) => {
                assert!(skipped.is_empty(), "{stored}");
                assert_eq!(strict, variables, "{stored}");
            }
            Err(_) => assert!(!skipped.is_empty(), "{stored}"),
        }
    }
    let (read, _) = environment_from_json_lenient(cases[2].0).unwrap();
    let mut c = Variable::new("c", "3");
    c.enabled = false;
    assert_eq!(read, [c]);

    // What the playground stores reads back whole, secrets included.
    let environment = env(&[("base", "http://a"), ("token", "s3cret")]);
    let (json, _) = environment_to_json(&environment, Secrets::Include);
    assert_eq!(
        environment_from_json_lenient(&json).unwrap(),
        (environment, Vec::new())
    );
}

#[test]
fn an_environment_document_without_a_variables_list_is_an_error() {
    for text in [
        "",
        "not json",
        "[]",
        "{}",
        r#"{"variables": 3}"#,
        r#"{"variables": null}"#,
        r#"{"variables": {"base": "http://a"}}"#,
        r#"[{"name": "base"}]"#,
    ] {
        for error in [
            environment_from_json_lenient(text).unwrap_err(),
            environment_from_json(text).unwrap_err(),
        ] {
            assert!(error.0.contains("\"variables\" list"), "{text}: {error}");
        }
    }
}

#[test]
fn merge_environment_reports_added_replaced_and_unchanged_names() {
    let secret = |name: &str, value: &str| Variable {
        secret: true,
        ..Variable::new(name, value)
    };
    let disabled = |name: &str, value: &str| Variable {
        enabled: false,
        ..Variable::new(name, value)
    };
    let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    // (case, what was here, the file, the report, its message, what is here after)
    type Case<'a> = (
        &'a str,
        Vec<Variable>,
        Vec<Variable>,
        EnvironmentMerge,
        &'a str,
        Vec<Variable>,
    );
    let cases: Vec<Case> = vec![
        (
            "a bit of everything",
            env(&[("base", "http://old"), ("id", "1"), ("token", "mine")]),
            env(&[
                ("base", "http://new"),
                ("user", "ada"),
                ("", "nameless"),
                ("id", "1"),
                ("token", "theirs"),
            ]),
            EnvironmentMerge {
                added: names(&["user"]),
                replaced: names(&["base", "token"]),
                updated: Vec::new(),
                unchanged: 1,
                nameless: 1,
            },
            "Variables imported. Added user. The values of base and token were replaced by the \
             file's. 1 was already the same. 1 row without a name was skipped.",
            env(&[
                ("base", "http://new"),
                ("id", "1"),
                ("token", "theirs"),
                ("user", "ada"),
            ]),
        ),
        (
            "one value replaced",
            vec![secret("token", "mine")],
            vec![secret("token", "theirs")],
            EnvironmentMerge {
                replaced: names(&["token"]),
                ..EnvironmentMerge::default()
            },
            "Variables imported. token's value was replaced by the file's.",
            vec![secret("token", "theirs")],
        ),
        (
            "only state changed",
            env(&[("id", "1"), ("base", "b")]),
            vec![disabled("id", "1"), secret("base", "b")],
            EnvironmentMerge {
                updated: names(&["id", "base"]),
                ..EnvironmentMerge::default()
            },
            "Variables imported. The enabled or secret settings of id and base were taken from \
             the file.",
            vec![disabled("id", "1"), secret("base", "b")],
        ),
        (
            // Reported by the end result: the second row replaced the user's value.
            "a name twice in the file",
            env(&[("token", "mine")]),
            env(&[
                ("token", "mine"),
                ("token", "theirs"),
                (" new ", "1"),
                ("new", "2"),
            ]),
            EnvironmentMerge {
                added: names(&["new"]),
                replaced: names(&["token"]),
                ..EnvironmentMerge::default()
            },
            "Variables imported. Added new. token's value was replaced by the file's.",
            env(&[("token", "theirs"), ("new", "2")]),
        ),
        (
            "nothing new",
            env(&[("a", "1"), ("b", "2")]),
            env(&[("b", "2"), ("a", "1"), ("", "")]),
            EnvironmentMerge {
                unchanged: 2,
                nameless: 1,
                ..EnvironmentMerge::default()
            },
            "Variables imported. Nothing changed. 2 were already the same. 1 row without a \
             name was skipped.",
            env(&[("a", "1"), ("b", "2")]),
        ),
        (
            "many added",
            Vec::new(),
            env(&[
                ("a", "1"),
                ("b", "1"),
                ("c", "1"),
                ("d", "1"),
                ("e", "1"),
                ("f", "1"),
                ("g", "1"),
            ]),
            EnvironmentMerge {
                added: names(&["a", "b", "c", "d", "e", "f", "g"]),
                ..EnvironmentMerge::default()
            },
            "Variables imported. Added a, b, c, d, e and 2 more.",
            env(&[
                ("a", "1"),
                ("b", "1"),
                ("c", "1"),
                ("d", "1"),
                ("e", "1"),
                ("f", "1"),
                ("g", "1"),
            ]),
        ),
        (
            "two added",
            env(&[("a", "1")]),
            env(&[("b", "1"), ("c", "1")]),
            EnvironmentMerge {
                added: names(&["b", "c"]),
                ..EnvironmentMerge::default()
            },
            "Variables imported. Added b and c.",
            env(&[("a", "1"), ("b", "1"), ("c", "1")]),
        ),
    ];
    for (case, here, file, report, message, after) in cases {
        let mut environment = here.clone();
        let got = merge_environment_with_report(&mut environment, file.clone());
        assert_eq!(got, report, "{case}");
        assert_eq!(got.message(), message, "{case}");
        assert_eq!(environment, after, "{case}");
        // The counting merge agrees.
        let mut again = here;
        assert_eq!(
            merge_environment(&mut again, file),
            report.added.len() + report.replaced.len() + report.updated.len(),
            "{case}"
        );
        assert_eq!(again, environment, "{case}");
    }
}
