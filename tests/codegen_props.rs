//! Property test: requests built from the adversarial corpus and from arbitrary strings, in
//! every position, give snippets that parse in their language: Rust with syn, Python with
//! `ast.parse`, curl with `bash -n`, JavaScript by compiling it as an async function body in
//! node. 500 requests, so 500 snippets per target.
#![cfg(not(target_arch = "wasm32"))]

mod corpus;

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use http_playground::codegen::{apply_constants, python_session, Language, Target};
use http_playground::model::{ApiKeyLocation, Auth, Body, KeyValue, Request, Session};

const CASES: u32 = 500;

/// Any text: a corpus value, a long value, or an arbitrary string of any Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(corpus::TEXT).prop_map(str::to_owned),
        1 => (0usize..50).prop_map(corpus::long_value),
        3 => any::<String>(),
    ]
}

/// Header values: corpus values or arbitrary printable ASCII.
fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(corpus::HEADER).prop_map(str::to_owned),
        "[ -~]{0,40}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    text().prop_map(|n| if n.is_empty() { "empty".to_owned() } else { n })
}

fn auth() -> impl Strategy<Value = Auth> {
    prop_oneof![
        Just(Auth::None),
        (text(), text()).prop_map(|(u, p)| Auth::Basic {
            username: u.replace(':', ";"),
            password: p
        }),
        "[!-~]{1,40}".prop_map(|token| Auth::Bearer { token }),
        (text(), any::<bool>()).prop_map(|(value, query)| Auth::ApiKey {
            name: if query {
                "api key".to_owned()
            } else {
                "X-API-Key".to_owned()
            },
            value: if query {
                value
            } else {
                value.chars().filter(|c| (' '..='~').contains(c)).collect()
            },
            location: if query {
                ApiKeyLocation::Query
            } else {
                ApiKeyLocation::Header
            },
        }),
    ]
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::None),
        (text(), text()).prop_map(|(k, v)| Body::Json {
            text: format!(
                "{{{}: [{}, 1.50, -0, 12345678901234567890, true, null, {{}}]}}",
                serde_json::to_string(&k).unwrap(),
                serde_json::to_string(&v).unwrap()
            )
        }),
        text().prop_map(|text| Body::Json { text }),
        proptest::collection::vec((name(), text()), 0..4).prop_map(|fields| Body::Form {
            fields: fields
                .into_iter()
                .map(|(n, v)| KeyValue::new(n, v))
                .collect()
        }),
        (
            text(),
            prop_oneof![
                Just(String::new()),
                Just("text/plain".to_owned()),
                "[a-z]{1,8}/[a-z+.-]{1,12}"
            ]
        )
            .prop_map(|(text, content_type)| Body::Text {
                text: text.replace('\0', ""),
                content_type
            }),
    ]
}

fn request() -> impl Strategy<Value = Request> {
    (
        proptest::sample::select(
            &[
                "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PURGE",
            ][..],
        ),
        text(),
        proptest::collection::vec((name(), text()), 0..4),
        proptest::collection::vec(header_value(), 0..4),
        auth(),
        body(),
        1u64..600_000,
    )
        .prop_map(
            |(method, segment, params, header_values, auth, body, timeout_ms)| {
                let method = if body != Body::None && (method == "GET" || method == "HEAD") {
                    "POST"
                } else {
                    method
                };
                Request {
                    method: method.to_owned(),
                    url: format!("http://127.0.0.1:8000/{}", segment.replace(['?', '#'], "_")),
                    params: params
                        .into_iter()
                        .map(|(n, v)| KeyValue::new(n, v))
                        .collect(),
                    headers: header_values
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| {
                            KeyValue::new(
                                format!(
                                    "{}{i}",
                                    corpus::HEADER_NAMES[i % corpus::HEADER_NAMES.len()]
                                ),
                                v,
                            )
                        })
                        .collect(),
                    auth,
                    body,
                    timeout_ms,
                    ..Request::default()
                }
            },
        )
}

#[test]
fn every_snippet_parses_in_its_language() {
    let snippets: RefCell<Vec<(Target, String)>> = RefCell::new(Vec::new());
    let valid = RefCell::new(0u32);
    let with_constants = RefCell::new(0u32);
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    runner
        .run(&request(), |request| {
            if request.prepare().is_ok() {
                *valid.borrow_mut() += 1;
            }
            // Each snippet as generated, and with the request's values as named constants.
            let constants = corpus::value_constants(&request);
            for target in Target::ALL {
                let plain = target.generate(&request);
                let named = apply_constants(target.language(), &plain, &constants);
                if named != plain {
                    *with_constants.borrow_mut() += 1;
                }
                for code in [plain, named] {
                    if target.language() == Language::Rust {
                        if let Err(e) = syn::parse_file(&code) {
                            return Err(TestCaseError::fail(format!(
                                "{}: {e}\n{code}",
                                target.id()
                            )));
                        }
                    }
                    snippets.borrow_mut().push((target, code));
                }
            }
            Ok(())
        })
        .unwrap();
    let snippets = snippets.into_inner();
    let valid = valid.into_inner();
    let with_constants = with_constants.into_inner();
    // The constants variant must mostly differ, or it would test nothing.
    assert!(
        with_constants >= valid * Target::ALL.len() as u32 / 2,
        "only {with_constants} snippets used constants"
    );
    // Most generated requests must be valid, or the property would mostly test error comments.
    assert!(
        valid >= CASES * 3 / 5,
        "only {valid} of {CASES} generated requests are valid"
    );

    let dir = std::env::temp_dir().join(format!("codegen-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut python = Vec::new();
    let mut shell = Vec::new();
    let mut javascript = Vec::new();
    for (i, (target, code)) in snippets.iter().enumerate() {
        let (list, extension) = match target.language() {
            Language::Python => (&mut python, "py"),
            Language::Shell => (&mut shell, "sh"),
            Language::JavaScript => (&mut javascript, "mjs"),
            Language::Rust => continue,
        };
        let file = dir.join(format!("{i}.{extension}"));
        std::fs::write(&file, code).unwrap();
        list.push(file.display().to_string());
    }
    for (language, count) in [
        ("python", python.len()),
        ("shell", shell.len()),
        ("javascript", javascript.len()),
    ] {
        assert!(count >= CASES as usize, "{language}: {count} snippets");
    }

    check(
        Command::new(python_program())
            .arg("-c")
            .arg("import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding='utf-8').read(), f)\n")
            .args(&python),
        "python ast.parse",
    );
    check(
        Command::new("bash")
            .arg("-c")
            .arg("for f in \"$@\"; do bash -n \"$f\" || exit 1; done")
            .arg("bash")
            .args(&shell),
        "bash -n",
    );
    check(
        Command::new("node")
            .arg("-e")
            .arg("const fs = require('fs'); const AsyncFunction = (async () => {}).constructor;\nfor (const f of process.argv.slice(1)) { try { new AsyncFunction('\"use strict\";\\n' + fs.readFileSync(f, 'utf8')); } catch (e) { console.error(f + ': ' + e.message); process.exit(1); } }")
            .args(&javascript),
        "node syntax check",
    );
    std::fs::remove_dir_all(&dir).ok();
    println!(
        "{CASES} requests ({valid} valid) x {} targets parsed",
        Target::ALL.len()
    );
}

/// Sessions of 0 to 4 arbitrary requests (some on another origin, so no base URL), with session
/// headers that members may repeat or override, run either way: the program of every Python
/// target is written without a panic and parses. 300 sessions.
#[test]
fn every_session_program_parses() {
    let session = (
        proptest::collection::vec((request(), any::<bool>()), 0..5),
        proptest::collection::vec(header_value(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(members, values, concurrent)| Session {
            headers: values
                .into_iter()
                .enumerate()
                .map(|(i, v)| KeyValue::new(format!("{}{i}", corpus::HEADER_NAMES[i]), v))
                .collect(),
            requests: members
                .into_iter()
                .map(|(mut request, elsewhere)| {
                    if elsewhere {
                        request.url = request.url.replace("127.0.0.1:8000", "localhost:9000");
                    }
                    request
                })
                .collect(),
            concurrent,
        });
    let programs = RefCell::new(Vec::new());
    let config = Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]));
    runner
        .run(&session, |session| {
            for target in Target::SESSION {
                programs
                    .borrow_mut()
                    .push(python_session(&session, target).unwrap());
            }
            Ok(())
        })
        .unwrap();
    let programs = programs.into_inner();
    let gathered = programs
        .iter()
        .filter(|p| p.contains("asyncio.gather("))
        .count();
    assert!(gathered >= 20, "only {gathered} programs gather");
    let dir = std::env::temp_dir().join(format!("session-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<String> = programs
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let file = dir.join(format!("{i}.py"));
            std::fs::write(&file, code).unwrap();
            file.display().to_string()
        })
        .collect();
    check(
        Command::new(python_program())
            .arg("-c")
            .arg("import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding='utf-8').read(), f)\n")
            .args(&files),
        "python ast.parse",
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The project's Python (.venv), or the machine's.
fn python_program() -> String {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    if venv.exists() {
        venv.display().to_string()
    } else {
        "python3".to_owned()
    }
}

fn check(command: &mut Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what} could not run: {e}"));
    assert!(
        output.status.success(),
        "{what} rejected a snippet:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
