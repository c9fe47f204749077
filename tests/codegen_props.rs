//! Property test: requests built from the adversarial corpus and from arbitrary strings, in
//! every position, give snippets that parse in their language: Rust with syn, Python with
//! `ast.parse`, curl with `bash -n`, JavaScript by compiling it as an async function body in
//! node. 500 requests, so 500 snippets per target.
#![cfg(not(target_arch = "wasm32"))]

mod corpus;
mod syntax;

use std::cell::RefCell;
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

    let (_, python, shell, javascript) = syntax::assert_all_parse(&snippets, "codegen-props");
    for (language, count) in [
        ("python", python),
        ("shell", shell),
        ("javascript", javascript),
    ] {
        assert!(count >= CASES as usize, "{language}: {count} snippets");
    }
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
    syntax::check(
        Command::new(syntax::python_program())
            .arg("-c")
            .arg("import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding='utf-8').read(), f)\n")
            .args(&files),
        "python ast.parse",
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Pieces of text that end a line comment in some language, hide or reorder text, or would be
/// code if they escaped the comment.
const COMMENT_BREAKERS: &[&str] = &[
    "\n",
    "\r",
    "\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{0b}",
    "\u{0c}",
    "\u{85}",
    "\u{1c}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[31m",
    "\t",
    " ",
];
const COMMENT_PAYLOADS: &[&str] = &[
    "import os",
    "print(1)",
    "alert(1)",
    "fn main() {}",
    "rm -rf ./nothing",
    "*/",
    "/*",
    "\\",
    "\"\"\"",
    "`",
    "$(whoami)",
    "coding=bogus",
    "coding: latin-1",
    "-*- coding: utf-16 -*-",
    "#!",
    "//",
    "#",
    "pass",
    "-->",
];

/// Text made to break out of a comment, or any text at all.
fn comment_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(COMMENT_BREAKERS),
                proptest::sample::select(COMMENT_PAYLOADS),
            ],
            1..6,
        )
        .prop_map(|pieces| pieces.concat()),
        2 => any::<String>(),
        1 => proptest::sample::select(corpus::TEXT).prop_map(str::to_owned),
    ]
}

/// A request that cannot be sent, quoting arbitrary text in its problems: a header name (always
/// invalid: it holds a space), and a host, port, scheme or method, or an undefined variable.
fn invalid_request() -> impl Strategy<Value = Request> {
    (
        comment_text(),
        comment_text(),
        comment_text(),
        0..6u8,
        request(),
    )
        .prop_map(|(name, other, text, position, base)| {
            let (method, url) = match position {
                0 => ("GET".to_owned(), format!("http://{text}/")),
                1 => ("GET".to_owned(), format!("http://host.test:{text}/")),
                2 => ("GET".to_owned(), format!("{text}://host.test/")),
                3 => (text, "http://127.0.0.1:8000/".to_owned()),
                4 => ("GET".to_owned(), "{{undefined}}/{{ other-one }}".to_owned()),
                _ => ("GET".to_owned(), base.url.clone()),
            };
            let mut headers = base.headers;
            headers.insert(0, KeyValue::new(format!("X{name} {other}Y"), "v"));
            Request {
                method,
                url,
                headers,
                body: Body::None,
                ..base
            }
        })
}

/// A session whose members include at least one invalid request (and maybe valid ones), with
/// session headers of arbitrary names: its program is a problem comment quoting that text.
fn invalid_session() -> impl Strategy<Value = Session> {
    (
        invalid_request(),
        proptest::collection::vec(prop_oneof![invalid_request(), request()], 0..4),
        0..4usize,
        proptest::collection::vec((comment_text(), header_value()), 0..3),
        any::<bool>(),
    )
        .prop_map(|(invalid, mut others, at, headers, concurrent)| {
            others.insert(at.min(others.len()), invalid);
            Session {
                headers: headers
                    .into_iter()
                    .map(|(n, v)| KeyValue::new(n, v))
                    .collect(),
                requests: others,
                concurrent,
            }
        })
}

/// Every line of `code` is a comment line starting with `prefix`, the first one `heading`; no
/// character any language (or editor) reads as a line break, and no control, bidirectional or
/// invisible character; no `coding:` declaration.
fn only_comment_lines(
    code: &str,
    prefix: &str,
    heading: &str,
    what: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(
        code.starts_with(&format!("{prefix} {heading}\n")),
        "{what}: {code}"
    );
    for line in code.lines() {
        prop_assert!(line.starts_with(prefix), "{what}: {line:?}");
    }
    let hidden = code.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}' | '\u{feff}')
    });
    prop_assert!(hidden.is_none(), "{what}: {hidden:?} in {code:?}");
    prop_assert!(
        !code.contains("coding:") && !code.contains("coding="),
        "{what}: {code}"
    );
    Ok(())
}

/// The problem comments of 1,000 invalid requests, for every target, and of 300 sessions with
/// invalid members, for every session target, are comments and nothing else: each line starts
/// with the comment prefix and holds no character any language (or editor) reads as a line
/// break, no control, bidirectional or invisible character; and each parses as an empty program
/// in its language (Python from bytes, so a `coding:` line would count; JavaScript also refuses
/// `( <comment> )`, which only a comment leaves empty; shell checks each inside
/// `case x in … esac`, where a stray word is an error).
#[test]
fn problem_comments_are_only_comments() {
    let comments: RefCell<Vec<(Language, String)>> = RefCell::new(Vec::new());
    let config = Config {
        cases: 1000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]));
    runner
        .run(&invalid_request(), |request| {
            prop_assert!(request.prepare().is_err(), "{request:?} is valid");
            for target in Target::ALL {
                let language = target.language();
                let prefix = language.comment_prefix();
                for code in [
                    target.generate(&request),
                    target.generate_with(&request, &[], false),
                ] {
                    only_comment_lines(&code, prefix, "Fix the request first:", target.id())?;
                    if language == Language::Rust {
                        let file = syn::parse_file(&code)
                            .map_err(|e| TestCaseError::fail(format!("{e}\n{code}")))?;
                        prop_assert!(file.items.is_empty() && file.attrs.is_empty(), "{code}");
                    }
                    comments.borrow_mut().push((language, code));
                }
            }
            Ok(())
        })
        .unwrap();
    let config = Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[13; 32]));
    runner
        .run(&invalid_session(), |session| {
            for target in Target::SESSION {
                let code = python_session(&session, target).unwrap();
                only_comment_lines(&code, "#", "Fix the session first:", target.id())?;
                comments.borrow_mut().push((Language::Python, code));
            }
            Ok(())
        })
        .unwrap();
    let comments = comments.into_inner();
    // Chunks are separated by NUL, which no comment holds (it is escaped).
    let joined = |language: Language, wrap: fn(&str) -> String| -> String {
        comments
            .iter()
            .filter(|(l, _)| *l == language)
            .map(|(_, code)| wrap(code))
            .collect::<Vec<_>>()
            .join("\0")
    };
    let dir = std::env::temp_dir().join(format!("problem-comments-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let python = dir.join("comments.py");
    std::fs::write(&python, joined(Language::Python, str::to_owned)).unwrap();
    let javascript = dir.join("comments.js");
    std::fs::write(&javascript, joined(Language::JavaScript, str::to_owned)).unwrap();
    let shell = dir.join("comments.sh");
    let cases =
        joined(Language::Shell, |code| format!("case x in\n{code}esac\n")).replace('\0', "");
    std::fs::write(&shell, cases).unwrap();

    if let Some(python_program) = required_tool("python", syntax::python_program()) {
        syntax::check(
            Command::new(python_program)
                .arg("-c")
                .arg(
                    "import ast, sys\n\
                 chunks = open(sys.argv[1], 'rb').read().split(b'\\0')\n\
                 for chunk in chunks:\n\
                 \x20   assert ast.parse(chunk).body == [], chunk\n\
                 print(len(chunks))\n",
                )
                .arg(&python),
            "python ast.parse",
        );
    }
    if let Some(node) = required_tool("node", "node".to_owned()) {
        syntax::check(
            Command::new(node).arg("-e").arg(
                "const chunks = require('fs').readFileSync(process.argv[1], 'utf8').split('\\0');\n\
                 for (const chunk of chunks) {\n\
                 \x20 new Function(chunk);\n\
                 \x20 let empty = false;\n\
                 \x20 try { new Function('return (\\n' + chunk + '\\n)'); } catch (e) { empty = e instanceof SyntaxError; }\n\
                 \x20 if (!empty) { console.error('not only a comment:\\n' + chunk); process.exit(1); }\n\
                 }\n\
                 console.log(chunks.length);",
            ).arg(&javascript),
            "node syntax check",
        );
    }
    if let Some(bash) = required_tool("bash", "bash".to_owned()) {
        syntax::check(Command::new(bash).arg("-n").arg(&shell), "bash -n");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `program` if it runs; otherwise the check is skipped with a message, except under CI
/// (`CI=true`), where a missing tool is a failure.
fn required_tool(what: &str, program: String) -> Option<String> {
    if Command::new(&program).arg("--version").output().is_ok() {
        return Some(program);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{what} ({program}) is needed under CI"
    );
    eprintln!(
        "SKIPPED: {what} ({program}) is not installed; its parser did not check the comments"
    );
    None
}

/// What a 1 MiB link can hold: 100,000 distinct JSON keys, query parameters or form fields.
/// Every target writes each request's code with a literal of every name (and one repeat, added
/// last, turns JavaScript's literal into text or a list of pairs, and Python's dict into a list
/// of pairs). Looking for repeats by comparing each name with every earlier one took ~5×10⁹
/// steps: minutes here, and a frozen tab on every keystroke in the app.
#[test]
fn many_distinct_names_take_no_quadratic_work() {
    const N: usize = 100_000;
    let last = N - 1;
    let base = Request {
        method: "POST".to_owned(),
        url: "http://127.0.0.1:8000/".to_owned(),
        ..Request::default()
    };
    let json = |extra: &str| Body::Json {
        text: format!(
            "{{{}{extra}}}",
            (0..N)
                .map(|i| format!("\"k{i}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        ),
    };
    let rows = |repeat: bool| -> Vec<KeyValue> {
        (0..N)
            .map(|i| KeyValue::new(format!("k{i}"), "v"))
            .chain(repeat.then(|| KeyValue::new("k0", "again")))
            .collect()
    };
    let generate = |request: &Request| -> Vec<(Target, String)> {
        Target::ALL
            .into_iter()
            .map(|target| {
                let code = target.generate(request);
                assert!(!code.contains("Fix the request first"), "{code}");
                (target, code)
            })
            .collect()
    };
    let code_of = |codes: &[(Target, String)], target: Target| -> String {
        codes.iter().find(|(t, _)| *t == target).unwrap().1.clone()
    };

    for (repeat, extra) in [(false, ""), (true, ",\"k0\":0")] {
        let codes = generate(&Request {
            body: json(extra),
            ..base.clone()
        });
        let js = code_of(&codes, Target::JavascriptFetch);
        if repeat {
            assert!(
                !js.contains("JSON.stringify"),
                "a repeated key is sent as text"
            );
            assert!(js.contains(&format!("\"k{last}\":{last},\"k0\":0}}")));
        } else {
            assert!(js.contains("body: JSON.stringify({\n"));
            assert!(js.contains(&format!("\n    k{last}: {last},\n  }}),\n")));
        }
        let python = code_of(&codes, Target::PythonRequests);
        assert!(python.contains(&format!("\n    \"k{last}\": {last},\n")));

        for (what, request) in [
            (
                "params",
                Request {
                    params: rows(repeat),
                    ..base.clone()
                },
            ),
            (
                "data",
                Request {
                    body: Body::Form {
                        fields: rows(repeat),
                    },
                    ..base.clone()
                },
            ),
        ] {
            let codes = generate(&request);
            let js = code_of(&codes, Target::JavascriptFetch);
            let python = code_of(&codes, Target::PythonRequests);
            if repeat {
                assert!(js.contains(&format!("[\"k{last}\", \"v\"],\n")), "{what}");
                assert!(js.contains("[\"k0\", \"again\"],\n"), "{what}");
                assert!(
                    python.contains(&format!("\n    (\"k{last}\", \"v\"),\n")),
                    "{what}"
                );
            } else {
                assert!(js.contains(&format!(" k{last}: \"v\",\n")), "{what}");
                assert!(python.contains(&format!("{what} = {{\n")), "{what}");
                assert!(
                    python.contains(&format!("\n    \"k{last}\": \"v\",\n")),
                    "{what}"
                );
            }
        }
    }
}
