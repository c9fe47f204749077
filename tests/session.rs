//! Sessions: several requests with shared default headers, run one after another or at once.
//! The model (which headers each member sends, the JSON format) and the session programs'
//! golden files: tests/session_fixtures/<case>/session.json -> one file per Python target.
//! `UPDATE_GOLDEN=1 cargo test --test session` rewrites them; review the diff before committing.
#![cfg(not(target_arch = "wasm32"))]

mod golden;

use std::fs;
use std::path::{Path, PathBuf};

use http_playground::codegen::{python_session, Target};
use http_playground::model::{shared_origin, Auth, KeyValue, Request, Session, SESSION_LIMIT};

fn get(url: &str) -> Request {
    Request {
        url: url.to_owned(),
        ..Request::default()
    }
}

fn sent_headers(session: &Session, index: usize) -> Vec<(String, String)> {
    session.effective(index).unwrap().prepare().unwrap().headers
}

#[test]
fn members_send_the_session_headers_unless_they_set_their_own() {
    let mut own = get("https://api.test/b");
    own.headers = vec![KeyValue::new("x-trace", "own")];
    let mut with_auth = get("https://api.test/c");
    with_auth.auth = Auth::Bearer {
        token: "member".to_owned(),
    };
    let session = Session {
        headers: vec![
            KeyValue::new("X-Trace", "session"),
            KeyValue::new("Authorization", "Bearer session"),
            KeyValue {
                enabled: false,
                ..KeyValue::new("X-Off", "1")
            },
            KeyValue::default(),
        ],
        requests: vec![get("https://api.test/a"), own, with_auth],
        concurrent: false,
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        sent_headers(&session, 0),
        pairs(&[("X-Trace", "session"), ("Authorization", "Bearer session")])
    );
    // A row of the member replaces the session's header of the same name, whatever its case.
    assert_eq!(
        sent_headers(&session, 1),
        pairs(&[("Authorization", "Bearer session"), ("x-trace", "own")])
    );
    // So does the member's auth, as `auth=` does in requests and httpx.
    assert_eq!(
        sent_headers(&session, 2),
        pairs(&[("X-Trace", "session"), ("Authorization", "Bearer member")])
    );
    assert_eq!(session.effective(3), None);
    assert_eq!(session.effective_requests().len(), 3);
}

#[test]
fn the_session_format_round_trips_and_names_what_is_wrong() {
    let session = Session::from_json(&fixture("mixed_members")).unwrap();
    assert_eq!(session.requests.len(), 3);
    assert!(session.concurrent);
    assert_eq!(session.headers.len(), 3);
    assert_eq!(Session::from_json(&session.to_json()).unwrap(), session);

    let error = |json: &str| Session::from_json(json).unwrap_err().0;
    assert_eq!(
        error("[]"),
        "a session is a JSON object with \"requests\", not an array"
    );
    assert_eq!(
        error("{}"),
        "a session needs \"requests\": a list of at least one request"
    );
    assert_eq!(
        error(r#"{"requests": [{"url": "https://a.test"}, {"url": 5}]}"#),
        "request 2: url must be a string, not a number"
    );
    assert_eq!(
        error(r#"{"requests": [{}], "concurrent": "yes"}"#),
        "concurrent must be true or false, not a string"
    );
    let many = format!(
        "{{\"requests\": [{}]}}",
        vec!["{}"; SESSION_LIMIT + 1].join(",")
    );
    assert_eq!(
        error(&many),
        format!(
            "a session holds at most {SESSION_LIMIT} requests, this one has {}",
            SESSION_LIMIT + 1
        )
    );
    assert!(error("{\"requests\": [").starts_with("not valid JSON at line 1"));
}

#[test]
fn shared_origin_needs_one_origin_for_all() {
    let origin = |urls: &[&str]| shared_origin(urls.iter().copied());
    assert_eq!(
        origin(&["https://a.test/x", "https://a.test", "https://a.test/y?q=1"]),
        Some("https://a.test".to_owned())
    );
    assert_eq!(
        origin(&["https://a.test:8443/x", "https://a.test:8443/"]),
        Some("https://a.test:8443".to_owned())
    );
    assert_eq!(origin(&["https://a.test/x", "http://a.test/x"]), None);
    assert_eq!(origin(&["https://a.test/x", "https://b.test/x"]), None);
    assert_eq!(origin(&["not a url"]), None);
}

#[test]
fn an_invalid_member_is_listed_with_its_number() {
    let session = Session {
        headers: vec![KeyValue::new("Bad Name", "1")],
        requests: vec![get("https://a.test/"), get("")],
        concurrent: false,
    };
    let code = python_session(&session, Target::PythonRequests).unwrap();
    assert!(code.starts_with("# Fix the session first:\n"), "{code}");
    assert!(
        code.contains("# - Request 1, Header 1 \"Bad Name\""),
        "{code}"
    );
    assert!(code.contains("# - Request 2, URL: "), "{code}");
    assert_eq!(python_session(&session, Target::Curl), None);
    // No requests at all (a session still loading, or emptied): a comment, not a panic.
    let empty = python_session(&Session::default(), Target::PythonHttpxAsync).unwrap();
    assert_eq!(empty, "# Add a request to the session first.\n");
}

/// A member's problem quotes what a link wrote (a header name here): its line breaks are
/// escaped, so nothing after them runs as code.
#[test]
fn a_members_problem_stays_inside_its_comment() {
    let mut member = get("https://a.test/");
    member.headers = vec![KeyValue::new("x\n__import__('os').system('id')\n#", "1")];
    let session = Session {
        headers: vec![KeyValue::new("y\r\u{2028}print(1)", "1")],
        requests: vec![member],
        concurrent: true,
    };
    for target in Target::SESSION {
        let code = python_session(&session, target).unwrap();
        assert!(code.starts_with("# Fix the session first:\n"), "{code}");
        for line in code.lines() {
            assert!(
                line.starts_with("# "),
                "{}: {line:?} in\n{code}",
                target.id()
            );
        }
        assert!(
            code.contains(r"x\n__import__('os').system('id')\n#"),
            "{code}"
        );
        assert!(code.contains(r"y\r\u{2028}print(1)"), "{code}");
    }
}

#[test]
fn the_concurrent_program_gathers_and_the_sequential_one_awaits_each() {
    let mut session = Session::from_json(&fixture("lesson_gather")).unwrap();
    let gathered = python_session(&session, Target::PythonHttpxAsync).unwrap();
    assert!(
        gathered.contains("posts, posts_2, posts_3 = await asyncio.gather("),
        "{gathered}"
    );
    session.concurrent = false;
    let awaited = python_session(&session, Target::PythonHttpxAsync).unwrap();
    assert!(!awaited.contains("gather"), "{awaited}");
    assert_eq!(
        awaited.matches(" = await client.get(").count(),
        3,
        "{awaited}"
    );
    // One request: nothing to gather.
    session.requests.truncate(1);
    session.concurrent = true;
    let single = python_session(&session, Target::PythonHttpxAsync).unwrap();
    assert!(!single.contains("gather"), "{single}");
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/session_fixtures")
}

fn fixture(case: &str) -> String {
    fs::read_to_string(root().join(case).join("session.json")).unwrap()
}

#[test]
fn session_programs_match_their_golden_files() {
    let dirs = golden::fixture_dirs("session_fixtures", "session.json");
    assert!(dirs.len() >= 3, "expected at least 3 session fixtures");
    let mut mismatches = Vec::new();
    for dir in &dirs {
        let json = fs::read_to_string(dir.join("session.json")).unwrap();
        let session = Session::from_json(&json).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
        for target in Target::SESSION {
            let path = dir.join(target.fixture_file());
            golden::check(
                &path,
                &python_session(&session, target).unwrap(),
                &mut mismatches,
            );
        }
    }
    golden::assert_none(&mismatches);
}
