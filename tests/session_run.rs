//! A session widget's runs, natively: the two ways, the latest statuses, the comparison, the
//! member shown, and what is said about the session's headers.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{Browser, Field, HttpResponse, KeyValue, Outcome, Request, Session};
use http_playground::state::{
    outcome_label, percent, refused_headers, session_header_problems, status_class, whole_ms, Mode,
    Run, SessionRun, Timed,
};

fn response(status: u16) -> Outcome {
    Outcome::Response(HttpResponse {
        status,
        status_text: String::new(),
        headers: Vec::new(),
        body: Default::default(),
        elapsed_ms: 1.0,
        ttfb_ms: None,
        url: "http://127.0.0.1/x".into(),
        redirected: false,
        stopped: None,
    })
}

fn timed(start_ms: f64, end_ms: f64, outcome: Outcome) -> Timed {
    Timed {
        start_ms,
        end_ms,
        outcome,
    }
}

/// Three requests of 1 s each: one after another, then all at once.
fn one_by_one() -> Run {
    Run {
        mode: Mode::OneByOne,
        results: vec![
            timed(0.0, 1000.0, response(200)),
            timed(1000.0, 2000.0, response(404)),
            timed(2000.0, 3000.0, response(200)),
        ],
    }
}

fn at_once() -> Run {
    Run {
        mode: Mode::AllAtOnce,
        results: vec![
            timed(0.0, 1000.0, response(200)),
            timed(1.0, 1100.0, response(200)),
            timed(2.0, 1200.0, Outcome::Timeout { timeout_ms: 1000 }),
        ],
    }
}

#[test]
fn the_mode_is_read_from_and_written_to_the_session() {
    let mut session = Session::default();
    assert_eq!(Mode::of(&session), Mode::OneByOne);
    Mode::AllAtOnce.apply(&mut session);
    assert!(session.concurrent);
    assert_eq!(Mode::of(&session), Mode::AllAtOnce);
    Mode::OneByOne.apply(&mut session);
    assert!(!session.concurrent);
}

#[test]
fn compare_runs_one_after_another_first_then_all_at_once() {
    assert_eq!(Mode::BOTH, [Mode::OneByOne, Mode::AllAtOnce]);
    assert_eq!(Mode::OneByOne.name(), "One after another");
    assert_eq!(Mode::AllAtOnce.choice(), "All at once (asyncio.gather)");
    assert_eq!(
        (Mode::OneByOne.id(), Mode::AllAtOnce.id()),
        ("sequential", "concurrent")
    );
}

#[test]
fn a_run_lasts_until_its_last_request_ends() {
    assert_eq!(one_by_one().total_ms(), 3000.0);
    assert_eq!(at_once().total_ms(), 1200.0);
    assert_eq!(
        Run {
            mode: Mode::AllAtOnce,
            results: Vec::new()
        }
        .total_ms(),
        0.0
    );
}

#[test]
fn nothing_is_shown_before_a_run() {
    let runs = SessionRun::default();
    assert_eq!(runs.runs().count(), 0);
    assert_eq!(runs.latest(), None);
    assert_eq!(runs.shown_outcome(), None);
    assert_eq!(runs.member_result(0), None);
    assert_eq!(runs.speedup(), None);
    assert_eq!(runs.scale_ms(), 1.0);
}

#[test]
fn each_way_keeps_its_last_run_and_the_latest_gives_the_statuses() {
    let mut runs = SessionRun::default();
    runs.record(at_once());
    runs.record(one_by_one());
    let modes: Vec<Mode> = runs.runs().map(|r| r.mode).collect();
    assert_eq!(
        modes,
        [Mode::OneByOne, Mode::AllAtOnce],
        "drawn in this order"
    );
    assert_eq!(runs.latest().unwrap().mode, Mode::OneByOne);
    assert_eq!(
        runs.member_result(1),
        Some(("status status-4xx".into(), "404".into(), "1000 ms".into()))
    );
}

#[test]
fn a_second_run_of_the_same_way_replaces_the_first() {
    let mut runs = SessionRun::default();
    runs.record(one_by_one());
    let mut faster = one_by_one();
    faster.results.truncate(1);
    runs.record(faster.clone());
    assert_eq!(runs.runs().collect::<Vec<_>>(), [&faster]);
}

#[test]
fn the_speedup_needs_both_ways_and_is_written_with_one_decimal() {
    let mut runs = SessionRun::default();
    runs.record(one_by_one());
    assert_eq!(runs.speedup(), None);
    runs.record(at_once());
    assert_eq!(
        runs.speedup().unwrap(),
        "All at once took 1200 ms, one after another 3000 ms: 2.5× as fast."
    );
}

#[test]
fn an_instant_run_all_at_once_gives_no_speedup() {
    let mut runs = SessionRun::default();
    runs.record(one_by_one());
    runs.record(Run {
        mode: Mode::AllAtOnce,
        results: vec![timed(0.0, 0.0, Outcome::Cancelled)],
    });
    assert_eq!(runs.speedup(), None, "no division by zero");
}

#[test]
fn both_runs_share_one_time_axis() {
    let mut runs = SessionRun::default();
    runs.record(at_once());
    assert_eq!(runs.scale_ms(), 1200.0);
    runs.record(one_by_one());
    assert_eq!(runs.scale_ms(), 3000.0);
    // The last bar of one after another ends at the axis' end.
    assert_eq!(percent(2000.0, 3000.0) + percent(1000.0, 3000.0), 10_000);
}

#[test]
fn the_selected_member_s_outcome_is_shown() {
    let mut runs = SessionRun::default();
    runs.record(at_once());
    assert_eq!(runs.selected(), 0);
    runs.select(2);
    assert_eq!(
        runs.shown_outcome(),
        Some(&Outcome::Timeout { timeout_ms: 1000 })
    );
    runs.select(7);
    assert_eq!(runs.shown_outcome(), None, "a member the run did not have");
}

#[test]
fn outcomes_are_labelled_by_status_class_or_by_what_went_wrong() {
    assert_eq!(
        outcome_label(&response(201)),
        ("status status-2xx".into(), "201".into())
    );
    assert_eq!(outcome_label(&response(503)).0, "status status-5xx");
    for (outcome, text) in [
        (Outcome::Timeout { timeout_ms: 5 }, "Timeout"),
        (Outcome::Cancelled, "Cancelled"),
        (
            Outcome::NetworkFailure {
                url: "http://127.0.0.1:1/".into(),
                detail: "refused".into(),
            },
            "Network error",
        ),
        (Outcome::Invalid(Vec::new()), "Invalid"),
    ] {
        assert_eq!(
            outcome_label(&outcome),
            ("status failed".into(), text.into())
        );
    }
    assert_eq!(status_class(302), "status status-3xx");
}

#[test]
fn times_are_whole_milliseconds_never_negative() {
    assert_eq!(whole_ms(1234.5), "1235");
    assert_eq!(whole_ms(-3.0), "0");
    assert_eq!(percent(-1.0, 100.0), 0);
    assert_eq!(percent(25.0, 100.0), 2500);
}

fn session_with_headers(headers: Vec<KeyValue>, members: Vec<Vec<KeyValue>>) -> Session {
    Session {
        headers,
        requests: members
            .into_iter()
            .map(|headers| Request {
                url: "http://127.0.0.1:1/get".into(),
                headers,
                ..Request::default()
            })
            .collect(),
        concurrent: false,
    }
}

#[test]
fn a_refused_header_is_named_once_whatever_its_case_and_however_many_members_send_it() {
    let session = session_with_headers(
        vec![KeyValue::new("User-Agent", "lesson/1.0")],
        vec![
            vec![KeyValue::new("cookie", "a=1")],
            vec![
                KeyValue::new("Cookie", "b=2"),
                KeyValue::new("Accept", "*/*"),
            ],
            vec![],
        ],
    );
    assert_eq!(
        refused_headers(&session, Browser::Chromium),
        ["User-Agent", "cookie"]
    );
    assert_eq!(refused_headers(&session, Browser::Firefox), ["cookie"]);
}

#[test]
fn a_member_s_own_header_hides_the_session_s_from_the_list() {
    // The member sets User-Agent itself; the session's is not sent for it.
    let session = session_with_headers(
        vec![KeyValue::new("User-Agent", "session")],
        vec![vec![KeyValue::new("user-agent", "member")]],
    );
    assert_eq!(refused_headers(&session, Browser::Chromium), ["user-agent"]);
}

#[test]
fn no_refused_headers_no_names() {
    let session = session_with_headers(
        vec![KeyValue::new("Accept", "application/json")],
        vec![vec![], vec![KeyValue::new("X-Trace", "1")]],
    );
    assert!(refused_headers(&session, Browser::Safari).is_empty());
}

#[test]
fn session_header_problems_name_the_row_and_the_fix() {
    let mut disabled = KeyValue::new("Bad Name", "x");
    disabled.enabled = false;
    let rows = vec![
        KeyValue::new("Accept", "application/json"),
        KeyValue::new("Bad Name", "x"),
        KeyValue::new("", ""),
        KeyValue::new("X-Note", "café"),
        disabled,
    ];
    let problems = session_header_problems(&rows);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].field, Field::Header(1));
    assert_eq!(problems[0].label, "Session header 2");
    assert!(
        problems[0].message.contains("a space"),
        "{}",
        problems[0].message
    );
    assert_eq!(problems[1].field, Field::Header(3));
    assert!(
        problems[1].message.contains("'é'"),
        "{}",
        problems[1].message
    );
}

#[test]
fn a_name_without_problems_but_a_blank_value_is_fine() {
    assert!(session_header_problems(&[KeyValue::new("X-Empty", "")]).is_empty());
    assert!(session_header_problems(&[KeyValue::new("  Accept  ", "  */*  ")]).is_empty());
}
