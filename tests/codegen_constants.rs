//! Variables as named constants in generated code.

use http_playground::codegen::{apply_constants, constants_for, Constant, Language, Target};
use http_playground::model::{resolve_variables, Request, Variable};

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
