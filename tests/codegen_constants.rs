//! Variables as named constants in generated code.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::codegen::{apply_constants, constants_for, Constant, Language, Target};
use http_playground::model::{resolve_variables, Body, KeyValue, Request, Variable};
use proptest::prelude::*;

fn environment() -> Vec<Variable> {
    vec![
        Variable::new("base", "http://127.0.0.1:8000"),
        Variable::new("token", "abc123"),
        Variable::new("user-id", "42"),
        Variable::new("path", "/users"),
    ]
}

fn templated() -> Request {
    Request::from_json(r#"{"method":"POST","url":"{{base}}/anything{{path}}/{{user-id}}","params":[{"name":"id","value":"{{user-id}}"}],"headers":[{"name":"X-User","value":"u-{{user-id}}"}],"auth":{"type":"bearer","token":"{{token}}"},"body":{"type":"json","text":"{\"user\": \"{{user-id}}\", \"{{token}}\": 1}"}}"#).unwrap()
}

fn code(target: Target) -> String {
    target.generate_with(&templated(), &environment(), true)
}

#[test]
fn each_target_declares_the_variables_it_uses_and_refers_to_them() {
    let python = code(Target::PythonRequests);
    for line in [
        "import requests\n\nBASE = \"http://127.0.0.1:8000\"\nTOKEN = \"abc123\"\nUSER_ID = \"42\"\nPATH_VAR = \"/users\"\n\nurl = ",
        "url = f\"{BASE}/anything{PATH_VAR}/{USER_ID}\"\n",
        "    \"id\": USER_ID,\n",
        "    \"X-User\": f\"u-{USER_ID}\",\n",
        "token = TOKEN\n",
        "    TOKEN: 1,\n",
    ] {
        assert!(python.contains(line), "{line}\n{python}");
    }
    let curl = code(Target::Curl);
    assert!(
        curl.starts_with("BASE='http://127.0.0.1:8000'\nTOKEN='abc123'\n"),
        "{curl}"
    );
    assert!(
        curl.contains(" \"${BASE}/anything${PATH_VAR}/${USER_ID}?id=${USER_ID}\" \\\n"),
        "{curl}"
    );
    assert!(
        curl.contains("-H \"Authorization: Bearer ${TOKEN}\""),
        "{curl}"
    );
    assert!(
        curl.contains("--data-raw '{\"user\": \"'\"$USER_ID\"'\", \"'\"$TOKEN\"'\": 1}'"),
        "{curl}"
    );
    let js = code(Target::JavascriptFetch);
    assert!(
        js.starts_with("const BASE = \"http://127.0.0.1:8000\";\n"),
        "{js}"
    );
    assert!(
        js.contains("`${BASE}/anything${PATH_VAR}/${USER_ID}?${params}`"),
        "{js}"
    );
    assert!(js.contains("\"X-User\": `u-${USER_ID}`,"), "{js}");
    let rust = code(Target::RustReqwest);
    assert!(
        rust.contains(
            "use std::time::Duration;\n\nconst BASE: &str = \"http://127.0.0.1:8000\";\n"
        ),
        "{rust}"
    );
    assert!(
        rust.contains(".post(format!(\"{BASE}/anything{PATH_VAR}/{USER_ID}\").as_str())"),
        "{rust}"
    );
    assert!(rust.contains(".query(&[(\"id\", USER_ID)])"), "{rust}");
}

#[test]
fn by_default_and_without_variables_the_code_is_the_resolved_request_s() {
    let resolved = resolve_variables(&templated(), &environment()).unwrap();
    for target in Target::ALL {
        assert_eq!(
            target.generate_with(&templated(), &environment(), false),
            target.generate(&resolved)
        );
        // Nothing to name: the same code.
        assert_eq!(
            target.generate_with(&resolved, &environment(), true),
            target.generate(&resolved)
        );
        assert!(!target.generate(&resolved).contains("{{"));
    }
}

#[test]
fn undefined_variables_are_listed_in_the_target_s_comment_syntax() {
    for target in Target::ALL {
        let code = target.generate_with(&templated(), &environment()[..1], true);
        let prefix = target.language().comment_prefix();
        assert!(
            code.starts_with(&format!("{prefix} Fix the request first:\n")),
            "{code}"
        );
        assert!(code.contains("{{token}} is not defined"), "{code}");
    }
}

#[test]
fn only_used_enabled_plain_variables_become_constants_with_distinct_names() {
    let request = Request {
        url: "{{base-url}}/get?a={{quoted}}&b={{1st}}&c={{base.url}}&d={{dup}}".into(),
        ..Request::default()
    };
    let mut disabled = Variable::new("dup", "first");
    disabled.enabled = false;
    let environment = vec![
        Variable::new("base-url", "http://127.0.0.1:1"),
        Variable::new("unused", "nothing"),
        Variable::new("quoted", "it's"),
        Variable::new("1st", "one"),
        Variable::new("base.url", "same-name"),
        disabled,
        Variable::new("dup", "second"),
    ];
    assert_eq!(
        constants_for(&request, &environment),
        [
            Constant::new("base-url", "http://127.0.0.1:1"),
            Constant {
                name: "VAR_1ST".into(),
                value: "one".into()
            },
            Constant::new("dup", "second"),
        ]
    );
    assert_eq!(Constant::new("base-url", "x").name, "BASE_URL");
}

#[test]
fn names_the_code_or_the_shell_already_uses_get_a_suffix() {
    let constants = [
        Constant::new("url", "http://127.0.0.1:1/x"),
        Constant::new("path", "/x"),
    ];
    let code = "curl 'http://127.0.0.1:1/x' # URL\n";
    assert_eq!(
        apply_constants(Language::Shell, code, &constants),
        "URL='http://127.0.0.1:1/x'\n\ncurl \"$URL\" # URL\n"
    );
    let js = "const url = new URL(\"http://127.0.0.1:1/x\");\n";
    assert_eq!(
        apply_constants(Language::JavaScript, js, &constants),
        "const URL_VAR = \"http://127.0.0.1:1/x\";\n\nconst url = new URL(URL_VAR);\n"
    );
    // Literals with escapes, format strings and prefixed strings are left alone.
    let rust =
        "fn main() {\n    println!(\"/x\");\n    let a = \"/x\\n\";\n    let b = b\"/x\";\n}\n";
    assert_eq!(apply_constants(Language::Rust, rust, &constants), rust);
}

/// The issue's case: `{{page}}` is `10`, like the default timeout and part of the path. Only the
/// query parameter is the variable's use.
#[test]
fn a_value_equal_to_another_literal_is_named_only_where_the_variable_was_used() {
    let request = Request {
        url: "http://127.0.0.1:1/v10/items?page={{page}}".into(),
        headers: vec![KeyValue::new("X-Limit", "10")],
        ..Request::default()
    };
    let environment = [Variable::new("page", "10")];
    let python = Target::PythonRequests.generate_with(&request, &environment, true);
    for line in [
        "PAGE = \"10\"\n",
        "url = \"http://127.0.0.1:1/v10/items\"\n",
        "    \"page\": PAGE,\n",
        "    \"X-Limit\": \"10\",\n",
        "    sys.exit(\"Request timed out after 10 seconds\")\n",
    ] {
        assert!(python.contains(line), "{line}\n{python}");
    }
    for target in Target::ALL {
        let code = target.generate_with(&request, &environment, true);
        let references = code.matches("PAGE").count();
        // The declaration and the one use.
        assert_eq!(references, 2, "{}\n{code}", target.id());
    }
}

/// Values that collide with what every program contains anyway: the default timeout, methods,
/// status codes, parts of URLs and of the programs themselves.
const COLLIDING: [&str; 16] = [
    "10",
    "1",
    "0",
    "GET",
    "POST",
    "200",
    "404",
    "json",
    "url",
    "response",
    "http",
    "127.0.0.1",
    "application/json",
    "Accept",
    "true",
    "headers",
];

/// A request using up to three variables among literals that may equal their values.
fn templated_case() -> impl Strategy<Value = (Request, Vec<Variable>)> {
    let value = prop_oneof![
        3 => proptest::sample::select(&COLLIDING[..]).prop_map(str::to_owned),
        1 => "[a-z][a-z0-9]{0,6}",
    ];
    let piece = prop_oneof![
        proptest::sample::select(&COLLIDING[..]).prop_map(str::to_owned),
        proptest::sample::select(&["{{a}}", "{{b}}", "{{c}}"][..]).prop_map(str::to_owned),
        "[a-z]{1,4}",
    ];
    let text = proptest::collection::vec(piece, 1..3).prop_map(|p| p.concat());
    (
        proptest::collection::vec(value, 3),
        proptest::sample::select(&["GET", "POST", "PUT", "DELETE"][..]),
        text.clone(),
        proptest::collection::vec((text.clone(), text.clone()), 0..3),
        proptest::collection::vec(("X-[A-Z][a-z]{1,5}", text.clone()), 0..3),
        proptest::option::of(text),
        proptest::sample::select(&[10_000_u64, 1_000, 200_000][..]),
    )
        .prop_map(
            |(values, method, path, params, headers, body, timeout_ms)| {
                let environment = ["a", "b", "c"]
                    .iter()
                    .zip(values)
                    .map(|(name, value)| Variable::new(*name, value))
                    .collect();
                let request = Request {
                    method: method.to_owned(),
                    url: format!("http://127.0.0.1:1/{path}"),
                    params: params
                        .into_iter()
                        .map(|(n, v)| KeyValue::new(n, v))
                        .collect(),
                    headers: headers
                        .into_iter()
                        .map(|(n, v)| KeyValue::new(n, v))
                        .collect(),
                    body: match body {
                        Some(v) if method != "GET" => Body::Json {
                            text: format!("{{\"v\": \"{v}\", \"n\": 10}}"),
                        },
                        _ => Body::None,
                    },
                    timeout_ms,
                    ..Request::default()
                };
                (request, environment)
            },
        )
}

/// Every letter and digit of `value` moved to another of its kind: same length, same shape.
fn shifted(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '9' | 'z' | 'Z' => (c as u8 - 1) as char,
            c if c.is_ascii_alphanumeric() => (c as u8 + 1) as char,
            c => c,
        })
        .collect()
}

/// The code with named constants, without the declaration lines, one entry per line.
fn lines_without_declarations(code: &str, constants: &[Constant]) -> Vec<String> {
    code.lines()
        .filter(|line| {
            !constants.iter().any(|c| {
                let l = line.trim_start();
                l.starts_with(&format!("{} = ", c.name))
                    || l.starts_with(&format!("{}='", c.name))
                    || l.starts_with(&format!("const {} ", c.name))
                    || l.starts_with(&format!("const {}:", c.name))
            })
        })
        .map(str::to_owned)
        .collect()
}

/// Whether `line` names `name` as a whole word.
fn names(line: &str, name: &str) -> usize {
    line.match_indices(name)
        .filter(|(i, _)| {
            let before = line[..*i].chars().next_back();
            let after = line[i + name.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(before) && !word(after)
        })
        .count()
}

/// Change a variable's value (same shape) and the program with constants must stay the same
/// wherever it names that constant: a reference where the other program has a literal is a
/// constant standing where its variable was not used.
#[test]
fn a_constant_stands_only_where_its_variable_was_used() {
    let config = proptest::test_runner::Config {
        cases: 300,
        failure_persistence: None,
        ..Default::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::from_seed(
            proptest::test_runner::RngAlgorithm::ChaCha,
            &[11; 32],
        ),
    );
    let checked = std::cell::Cell::new(0_u32);
    runner
        .run(&templated_case(), |(request, environment)| {
            let constants = constants_for(&request, &environment);
            for constant in &constants {
                let variable = environment
                    .iter()
                    .position(|v| Constant::new(&v.name, &v.value) == *constant)
                    .unwrap();
                let mut other = environment.clone();
                other[variable].value = shifted(&other[variable].value);
                for target in Target::ALL {
                    let code = target.generate_with(&request, &environment, true);
                    let again = target.generate_with(&request, &other, true);
                    let a = lines_without_declarations(&code, &constants);
                    let b = lines_without_declarations(&again, &constants_for(&request, &other));
                    if a.len() != b.len() {
                        continue;
                    }
                    for (x, y) in a.iter().zip(&b) {
                        prop_assert_eq!(
                            names(x, &constant.name),
                            names(y, &constant.name),
                            "{}: {} named where {{{{{}}}}} was not used:\n{}\n---\n{}",
                            target.id(),
                            constant.name,
                            environment[variable].name,
                            x,
                            y
                        );
                    }
                    checked.set(checked.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap();
    // Most cases are compared (a changed value may change the layout, then they are skipped).
    println!("{} programs compared", checked.get());
    assert!(checked.get() > 1000, "only {} compared", checked.get());
}
