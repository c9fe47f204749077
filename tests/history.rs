//! The history as stored and imported: one unreadable entry is skipped and named, never the
//! whole history lost; an import says what it added, what was already there, and whose
//! entries it dropped to stay within the limit.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{
    history_from_json, history_from_json_lenient, history_to_json, merge_history,
    merge_history_with_report, HistoryEntry, Request, HISTORY_LIMIT,
};

fn entry(url: &str, at: u64) -> HistoryEntry {
    HistoryEntry {
        request: Request {
            url: url.to_owned(),
            ..Request::default()
        },
        result: "200".to_owned(),
        elapsed_ms: 5,
        sent_at_ms: at,
        removed_secrets: Vec::new(),
    }
}

fn urls(history: &[HistoryEntry]) -> Vec<String> {
    history.iter().map(|e| e.request.url.clone()).collect()
}

#[test]
fn a_stored_history_keeps_its_readable_entries_and_names_each_skipped_one() {
    // (stored text, URLs of the entries kept, what the notice says about the others)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            r#"[
                {"request": {"url": "http://a/1"}, "result": "200", "sent_at_ms": 4},
                {"request": {"url": "http://a/2"}, "result": "404", "sent_at_ms": 3},
                {"request": {"url": 5}, "result": "200", "sent_at_ms": 2},
                {"request": {"url": "http://a/4"}, "result": "timeout", "sent_at_ms": 1}
            ]"#,
            &["http://a/1", "http://a/2", "http://a/4"],
            &["History entry 3 was unreadable and skipped: url must be a string, not a number"],
        ),
        (
            r#"[7, {"request": {"url": "http://a/2"}}, "GET /", null]"#,
            &["http://a/2"],
            &[
                "History entry 1 was unreadable and skipped: an entry must be an object with a request, not a number",
                "History entry 3 was unreadable and skipped: an entry must be an object with a request, not a string",
                "History entry 4 was unreadable and skipped: an entry must be an object with a request, not null",
            ],
        ),
        (
            r#"[{"result": "200"}, {"request": null}, {"request": {"url": "http://a/3"}}]"#,
            &["http://a/3"],
            &[
                "History entry 1 was unreadable and skipped: it has no request",
                "History entry 2 was unreadable and skipped: it has no request",
            ],
        ),
        (
            r#"[{"request": "GET http://a/1"}, {"request": {"url": "http://a/2"}}]"#,
            &["http://a/2"],
            &["History entry 1 was unreadable and skipped: expected a JSON object such as {\"url\": \"…\"}, not a string"],
        ),
        (
            r#"[
                {"request": {"url": "http://a/1", "headers": [3]}},
                {"request": {"url": "http://a/2", "auth": {"type": "digest"}}},
                {"request": {"url": "http://a/3", "body": {"type": "json", "text": {}}}},
                {"request": {"url": "http://a/4", "timeout_ms": "slow"}},
                {"request": {"url": "http://a/5"}}
            ]"#,
            &["http://a/5"],
            &[
                "History entry 1 was unreadable and skipped: each of headers must be an object with name and value, not a number",
                "History entry 2 was unreadable and skipped: unknown auth type \"digest\"; expected none, basic, bearer or api_key",
                "History entry 3 was unreadable and skipped: text must be a string, not an object",
                "History entry 4 was unreadable and skipped: timeout_ms must be a number, not a string",
            ],
        ),
        // Odd result and timing fields are not worth losing an entry over: they read as empty.
        (
            r#"[{"request": {"url": "http://a/1"}, "result": 200, "elapsed_ms": "fast",
                 "sent_at_ms": -1, "removed_secrets": "none"}]"#,
            &["http://a/1"],
            &[],
        ),
        (r#"[{"request": {"url": 1}}, {"request": {"url": []}}]"#, &[], &[
            "History entry 1 was unreadable and skipped: url must be a string, not a number",
            "History entry 2 was unreadable and skipped: url must be a string, not an array",
        ]),
        ("[]", &[], &[]),
    ];
    for (stored, kept, skipped) in cases {
        let (entries, notices) = history_from_json_lenient(stored)
            .unwrap_or_else(|e| panic!("{stored}: the whole history was refused: {e}"));
        assert_eq!(urls(&entries), *kept, "{stored}");
        assert_eq!(notices, *skipped, "{stored}");
        // The strict reader refuses the same document whole; when nothing is skipped the two
        // agree.
        match history_from_json(stored) {
            Ok(strict) => {
                assert!(skipped.is_empty(), "{stored}");
                assert_eq!(strict, entries, "{stored}");
            }
            Err(_) => assert!(!skipped.is_empty(), "{stored}"),
        }
    }

    let odd = &history_from_json_lenient(cases[5].0).unwrap().0[0];
    assert_eq!(
        (odd.result.as_str(), odd.elapsed_ms, odd.sent_at_ms),
        ("", 0, 0)
    );
    assert!(odd.removed_secrets.is_empty());

    // What the playground writes reads back whole.
    let history = vec![entry("http://a/2", 2), entry("http://a/1", 1)];
    assert_eq!(
        history_from_json_lenient(&history_to_json(&history)).unwrap(),
        (history, Vec::new())
    );
}

#[test]
fn a_history_document_that_is_not_an_array_is_an_error() {
    for text in [
        "",
        "not json",
        "{}",
        r#"{"history": []}"#,
        "null",
        r#""[]""#,
        "[{\"request\": {}}",
    ] {
        for error in [
            history_from_json_lenient(text).unwrap_err(),
            history_from_json(text).unwrap_err(),
        ] {
            assert!(
                error
                    .0
                    .contains("a history file is a JSON array of entries"),
                "{text}: {error}"
            );
        }
    }
}

/// Entries `http://<who>/<time>`, newest first, one sent at each of `times` (oldest first).
fn entries(who: &str, times: impl DoubleEndedIterator<Item = u64>) -> Vec<HistoryEntry> {
    times
        .rev()
        .map(|at| entry(&format!("http://{who}/{at}"), at))
        .collect()
}

#[test]
fn merge_reports_say_how_many_were_new_already_there_and_dropped_whose() {
    struct Case {
        name: &'static str,
        local: Vec<HistoryEntry>,
        imported: Vec<HistoryEntry>,
        added: usize,
        already_present: usize,
        dropped_local: Vec<String>,
        dropped_imported: Vec<String>,
        message: &'static str,
    }
    let local98 = entries("mine", 200..298);
    let mut overflow_import = entries("file", 400..405);
    overflow_import.extend([local98[0].clone(), local98[50].clone(), local98[97].clone()]);
    overflow_import.extend(entries("file", 10..12));
    let cases = vec![
        Case {
            name: "new entries, no overflow",
            local: entries("mine", 1..3),
            imported: entries("file", 5..8),
            added: 3,
            already_present: 0,
            dropped_local: Vec::new(),
            dropped_imported: Vec::new(),
            message: "History imported: 3 new of 3 entries.",
        },
        Case {
            name: "the same file again",
            local: entries("mine", 1..3),
            imported: entries("mine", 1..3),
            added: 0,
            already_present: 2,
            dropped_local: Vec::new(),
            dropped_imported: Vec::new(),
            message: "History imported: 0 new of 2 entries (2 already there).",
        },
        Case {
            name: "a file repeating an entry",
            local: Vec::new(),
            imported: vec![entry("http://file/1", 1), entry("http://file/1", 1)],
            added: 1,
            already_present: 1,
            dropped_local: Vec::new(),
            dropped_imported: Vec::new(),
            message: "History imported: 1 new of 2 entries (1 already there).",
        },
        Case {
            name: "both kinds dropped",
            local: local98.clone(),
            imported: overflow_import,
            added: 7,
            already_present: 3,
            dropped_local: urls(&entries("mine", 200..203)),
            dropped_imported: urls(&entries("file", 10..12)),
            message: "History imported: 7 new of 10 entries (3 already there). The 5 oldest \
                      entries were dropped to stay within 100: 3 of yours, 2 imported.",
        },
        Case {
            name: "only the user's dropped",
            local: entries("mine", 0..100),
            imported: entries("file", 500..502),
            added: 2,
            already_present: 0,
            dropped_local: urls(&entries("mine", 0..2)),
            dropped_imported: Vec::new(),
            message: "History imported: 2 new of 2 entries. The 2 oldest entries were dropped \
                      to stay within 100: 2 of yours.",
        },
        Case {
            name: "one of the user's dropped",
            local: entries("mine", 0..100),
            imported: entries("file", 500..501),
            added: 1,
            already_present: 0,
            dropped_local: vec!["http://mine/0".to_owned()],
            dropped_imported: Vec::new(),
            message: "History imported: 1 new of 1 entry. The oldest entry was dropped to stay \
                      within 100: it was yours.",
        },
        Case {
            name: "an old imported entry does not fit",
            local: entries("mine", 500..600),
            imported: entries("file", 1..2),
            added: 1,
            already_present: 0,
            dropped_local: Vec::new(),
            dropped_imported: vec!["http://file/1".to_owned()],
            message: "History imported: 1 new of 1 entry. The oldest entry was dropped to stay \
                      within 100: it was imported.",
        },
        Case {
            name: "a file bigger than the limit",
            local: Vec::new(),
            imported: entries("file", 0..150),
            added: 150,
            already_present: 0,
            dropped_local: Vec::new(),
            dropped_imported: urls(&entries("file", 0..50)),
            message: "History imported: 150 new of 150 entries. The 50 oldest entries were \
                      dropped to stay within 100: 50 imported.",
        },
    ];
    for case in cases {
        let Case { name, local, .. } = &case;
        let mut history = local.clone();
        let report = merge_history_with_report(&mut history, case.imported.clone());
        assert_eq!(report.added, case.added, "{name}");
        assert_eq!(report.already_present, case.already_present, "{name}");
        assert_eq!(report.in_file(), case.imported.len(), "{name}");
        assert_eq!(urls(&report.dropped_local), case.dropped_local, "{name}");
        assert_eq!(
            urls(&report.dropped_imported),
            case.dropped_imported,
            "{name}"
        );
        assert_eq!(report.message(), case.message, "{name}");

        // Nothing goes missing unreported: every entry, the user's or new, is kept or dropped.
        assert!(history.len() <= HISTORY_LIMIT, "{name}");
        let mut accounted = urls(&history);
        accounted.extend(urls(&report.dropped_local));
        accounted.extend(urls(&report.dropped_imported));
        accounted.sort();
        let mut expected = urls(local);
        for e in &case.imported {
            if !expected.contains(&e.request.url) {
                expected.push(e.request.url.clone());
            }
        }
        expected.sort();
        assert_eq!(accounted, expected, "{name}");
        // Kept newest first.
        assert!(
            history
                .windows(2)
                .all(|w| w[0].sent_at_ms >= w[1].sent_at_ms),
            "{name}"
        );

        // The counting merge agrees.
        let mut again = local.clone();
        assert_eq!(merge_history(&mut again, case.imported.clone()), case.added);
        assert_eq!(again, history, "{name}");
    }
}
