//! The workspace (state/workspace.rs), natively: every `Change` and what it does to the
//! request, the variables, the history and the notice, and which parts it says it touched.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::import::import_curl;
use http_playground::model::{Body, HistoryEntry, KeyValue, Request, SharePayload, Variable};
use http_playground::state::{
    Change, Edit, ImportNotice, LinkOpening, Parts, RestoredFrom, VariableEdit, Workspace,
};

fn get(url: &str) -> Request {
    Request {
        url: url.to_owned(),
        ..Request::default()
    }
}

fn entry(url: &str, removed_secrets: &[&str]) -> HistoryEntry {
    HistoryEntry {
        request: get(url),
        result: "200".to_owned(),
        elapsed_ms: 12,
        sent_at_ms: 1_700_000_000_000,
        removed_secrets: removed_secrets.iter().map(|s| s.to_string()).collect(),
    }
}

fn touched(request: bool, environment: bool, history: bool, notice: bool) -> Parts {
    Parts {
        request,
        environment,
        history,
        notice,
    }
}

#[test]
fn a_request_edit_touches_only_the_request() {
    let mut ws = Workspace::default();
    let applied = ws.apply(Change::Request(Edit::Url(
        "http://127.0.0.1:1/get?q=1".into(),
    )));
    assert_eq!(applied.touched, touched(true, false, false, false));
    assert_eq!(ws.request.url, "http://127.0.0.1:1/get");
    assert_eq!(ws.request.params, vec![KeyValue::new("q", "1")]);
}

#[test]
fn a_curl_import_replaces_the_request_and_names_what_it_ignored() {
    let mut ws = Workspace::default();
    let applied = ws.apply(Change::ImportCurl(
        import_curl(
            "curl -X POST http://127.0.0.1:1/post --compressed -H 'Accept: application/json'",
        )
        .map_err(|e| e.to_string()),
    ));
    assert_eq!(applied.touched, touched(true, false, false, true));
    assert_eq!(ws.request.method, "POST");
    assert_eq!(
        ws.request.headers,
        vec![KeyValue::new("Accept", "application/json")]
    );
    match &ws.notice {
        Some(ImportNotice::Imported { ignored, .. }) => {
            assert!(
                ignored.iter().any(|i| i.contains("--compressed")),
                "{ignored:?}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_failed_curl_import_keeps_the_request_and_says_why() {
    let mut ws = Workspace {
        request: get("http://127.0.0.1:1/kept"),
        ..Workspace::default()
    };
    let applied = ws.apply(Change::ImportCurl(
        import_curl("curl").map_err(|e| e.to_string()),
    ));
    assert_eq!(applied.touched, touched(false, false, false, true));
    assert_eq!(ws.request.url, "http://127.0.0.1:1/kept");
    assert!(
        matches!(ws.notice, Some(ImportNotice::Failed(_))),
        "{:?}",
        ws.notice
    );
}

#[test]
fn restoring_an_entry_keeps_the_draft_it_displaces_and_back_to_draft_brings_it_back() {
    let draft = get("http://127.0.0.1:1/draft");
    let mut ws = Workspace {
        request: draft.clone(),
        history: vec![entry("http://127.0.0.1:1/old", &["Authorization"])],
        ..Workspace::default()
    };
    let applied = ws.apply(Change::RestoreEntry(0));
    assert_eq!(applied.touched, touched(true, false, false, true));
    assert_eq!(ws.request.url, "http://127.0.0.1:1/old");
    assert_eq!(
        ws.notice,
        Some(ImportNotice::Restored {
            from: RestoredFrom::History,
            lines: vec!["This entry was saved without its secrets; fill them in before sending: Authorization.".to_owned()],
            previous: Some(draft.clone()),
            variables: Vec::new(),
        })
    );
    let back = ws.apply(Change::BackToDraft);
    assert_eq!(back.touched, touched(true, false, false, true));
    assert_eq!(ws.request, draft);
    assert_eq!(ws.notice, None);
    // Nothing kept: Back to my draft does nothing.
    assert_eq!(ws.apply(Change::BackToDraft).touched, Parts::default());
    assert_eq!(ws.request, draft);
}

#[test]
fn restoring_over_an_empty_form_keeps_nothing_and_says_nothing() {
    let mut ws = Workspace {
        history: vec![entry("http://127.0.0.1:1/old", &[])],
        ..Workspace::default()
    };
    ws.apply(Change::RestoreEntry(0));
    assert_eq!(ws.request.url, "http://127.0.0.1:1/old");
    assert_eq!(ws.notice, None);
    // An entry that is not there changes nothing.
    assert_eq!(ws.apply(Change::RestoreEntry(5)).touched, Parts::default());
}

#[test]
fn an_operation_keeps_the_draft_it_displaces_but_not_the_previous_operations_request() {
    let draft = get("http://127.0.0.1:1/draft");
    let mut ws = Workspace {
        request: draft.clone(),
        ..Workspace::default()
    };
    let first = get("http://127.0.0.1:1/pets/1");
    let applied = ws.apply(Change::OpenOperation {
        request: first.clone(),
        filled_before: None,
        lines: vec!["Security scheme \"x\" is not defined in the description.".to_owned()],
    });
    assert_eq!(applied.touched, touched(true, false, false, true));
    assert_eq!(ws.request, first);
    assert_eq!(
        ws.notice,
        Some(ImportNotice::Restored {
            from: RestoredFrom::Description,
            lines: vec!["Security scheme \"x\" is not defined in the description.".to_owned()],
            previous: Some(draft.clone()),
            variables: Vec::new(),
        })
    );
    // Browsing on: the first operation's request, unchanged, is not a draft to keep, and the
    // draft the notice keeps stays kept.
    let second = get("http://127.0.0.1:1/pets");
    ws.apply(Change::OpenOperation {
        request: second.clone(),
        filled_before: Some(first.clone()),
        lines: Vec::new(),
    });
    assert_eq!(ws.request, second);
    assert!(
        matches!(&ws.notice, Some(ImportNotice::Restored { previous: Some(p), .. }) if *p == draft)
    );
    // Once dismissed, browsing keeps nothing and says nothing.
    ws.apply(Change::Dismiss);
    ws.apply(Change::OpenOperation {
        request: first.clone(),
        filled_before: Some(second.clone()),
        lines: Vec::new(),
    });
    assert_eq!(
        (ws.request.clone(), ws.notice.clone()),
        (first.clone(), None)
    );
    ws.apply(Change::OpenOperation {
        request: second.clone(),
        filled_before: Some(first.clone()),
        lines: Vec::new(),
    });
    // Edited after it was filled, it is the reader's draft again.
    ws.request.url.push_str("?mine=1");
    let edited = ws.request.clone();
    ws.apply(Change::OpenOperation {
        request: first.clone(),
        filled_before: Some(second),
        lines: Vec::new(),
    });
    assert!(
        matches!(&ws.notice, Some(ImportNotice::Restored { previous: Some(p), .. }) if *p == edited)
    );
    ws.apply(Change::BackToDraft);
    assert_eq!(ws.request, edited);
}

#[test]
fn an_operation_filled_over_a_link_keeps_the_readers_draft_the_link_displaced() {
    let draft = get("http://127.0.0.1:1/mine");
    let mut ws = Workspace {
        request: draft.clone(),
        ..Workspace::default()
    };
    ws.apply(Change::OpenLink {
        payload: payload("http://127.0.0.1:1/linked", &[], Vec::new()),
        opening: LinkOpening::App,
        starter: Request::starter(),
    });
    assert!(
        matches!(&ws.notice, Some(ImportNotice::Restored { previous: Some(p), .. }) if *p == draft)
    );
    // The link's ?spec=…&operation=… fills over the link's request: the reader's draft is the
    // one kept.
    ws.apply(Change::OpenOperation {
        request: get("http://127.0.0.1:1/op"),
        filled_before: Some(Request::starter()),
        lines: Vec::new(),
    });
    ws.apply(Change::BackToDraft);
    assert_eq!(ws.request, draft);
}

#[test]
fn sending_records_newest_first_and_entries_are_removed_or_cleared() {
    let mut ws = Workspace::default();
    for url in [
        "http://127.0.0.1:1/a",
        "http://127.0.0.1:1/b",
        "http://127.0.0.1:1/c",
    ] {
        assert_eq!(
            ws.apply(Change::Record(entry(url, &[]))).touched,
            touched(false, false, true, false)
        );
    }
    let urls = |ws: &Workspace| {
        ws.history
            .iter()
            .map(|e| e.request.url.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        urls(&ws),
        [
            "http://127.0.0.1:1/c",
            "http://127.0.0.1:1/b",
            "http://127.0.0.1:1/a"
        ]
    );
    ws.apply(Change::RemoveEntry(1));
    assert_eq!(urls(&ws), ["http://127.0.0.1:1/c", "http://127.0.0.1:1/a"]);
    assert_eq!(ws.apply(Change::RemoveEntry(2)).touched, Parts::default());
    ws.apply(Change::ClearHistory);
    assert!(ws.history.is_empty());
}

#[test]
fn the_history_keeps_at_most_100_entries() {
    let mut ws = Workspace::default();
    for i in 0..105 {
        ws.apply(Change::Record(entry(
            &format!("http://127.0.0.1:1/{i}"),
            &[],
        )));
    }
    assert_eq!(ws.history.len(), 100);
    assert_eq!(ws.history[0].request.url, "http://127.0.0.1:1/104");
    assert_eq!(ws.history[99].request.url, "http://127.0.0.1:1/5");
}

#[test]
fn an_imported_history_is_merged_with_a_report() {
    let mut ws = Workspace {
        history: vec![entry("http://127.0.0.1:1/a", &[])],
        ..Workspace::default()
    };
    let applied = ws.apply(Change::ImportHistory(vec![
        entry("http://127.0.0.1:1/a", &[]),
        entry("http://127.0.0.1:1/b", &[]),
    ]));
    assert_eq!(applied.touched, touched(false, false, true, false));
    assert_eq!(
        applied.report.as_deref(),
        Some("History imported: 1 new of 2 entries (1 already there).")
    );
    assert_eq!(ws.history.len(), 2);
}

#[test]
fn variables_are_added_edited_and_removed_and_a_secret_sounding_name_makes_one_secret() {
    let mut ws = Workspace::default();
    assert_eq!(
        ws.apply(Change::AddVariable).touched,
        touched(false, true, false, false)
    );
    ws.apply(Change::Variable(0, VariableEdit::Name("api_token".into())));
    ws.apply(Change::Variable(0, VariableEdit::Value("s3cret".into())));
    assert_eq!(
        (
            ws.environment[0].name.as_str(),
            ws.environment[0].value.as_str()
        ),
        ("api_token", "s3cret")
    );
    assert!(
        ws.environment[0].secret,
        "a name that says token makes it secret"
    );
    // Unticking stays the reader's choice, also when the name is typed on.
    ws.apply(Change::Variable(0, VariableEdit::Secret(false)));
    ws.apply(Change::Variable(0, VariableEdit::Name("api_tokens".into())));
    assert!(
        ws.environment[0].secret,
        "typing a secret-sounding name makes it secret again"
    );
    ws.apply(Change::Variable(0, VariableEdit::Secret(false)));
    ws.apply(Change::Variable(0, VariableEdit::Enabled(false)));
    assert!(!ws.environment[0].secret && !ws.environment[0].enabled);
    // A row that is not there: nothing.
    assert_eq!(
        ws.apply(Change::Variable(3, VariableEdit::Value("x".into())))
            .touched,
        Parts::default()
    );
    assert_eq!(
        ws.apply(Change::RemoveVariable(3)).touched,
        Parts::default()
    );
    ws.apply(Change::RemoveVariable(0));
    assert!(ws.environment.is_empty());
}

#[test]
fn imported_variables_are_merged_by_name_with_a_report() {
    let mut ws = Workspace {
        environment: vec![
            Variable::new("host", "127.0.0.1"),
            Variable::new("page", "1"),
        ],
        ..Workspace::default()
    };
    let applied = ws.apply(Change::ImportVariables(vec![
        Variable::new("page", "2"),
        Variable::new("user", "ada"),
        Variable::new("host", "127.0.0.1"),
    ]));
    assert_eq!(applied.touched, touched(false, true, false, false));
    assert_eq!(
        applied.report.as_deref(),
        Some("Variables imported. Added user. page's value was replaced by the file's. 1 was already the same.")
    );
    assert_eq!(ws.environment.len(), 3);
}

fn payload(url: &str, removed: &[&str], variables: Vec<Variable>) -> SharePayload {
    SharePayload {
        request: get(url),
        removed_secrets: removed.iter().map(|s| s.to_string()).collect(),
        variables,
    }
}

#[test]
fn a_link_in_the_app_keeps_the_displaced_draft_and_offers_its_variables_without_adding_them() {
    let draft = get("http://127.0.0.1:1/draft");
    let mut ws = Workspace {
        request: draft.clone(),
        environment: vec![Variable::new("token", "mine")],
        ..Workspace::default()
    };
    let applied = ws.apply(Change::OpenLink {
        payload: payload(
            "http://127.0.0.1:1/linked",
            &["Authorization"],
            vec![Variable::new("token", "theirs"), Variable::new("page", "2")],
        ),
        opening: LinkOpening::App,
        starter: Request::starter(),
    });
    assert_eq!(applied.touched, touched(true, false, false, true));
    assert_eq!(ws.request.url, "http://127.0.0.1:1/linked");
    match &ws.notice {
        Some(ImportNotice::Restored {
            from: RestoredFrom::Link,
            lines,
            previous,
            variables,
        }) => {
            assert_eq!(
                lines,
                &[
                    "The link left out these secrets; fill them in before sending: Authorization."
                        .to_owned()
                ]
            );
            assert_eq!(previous.as_ref(), Some(&draft));
            assert_eq!(variables.len(), 2);
        }
        other => panic!("{other:?}"),
    }
    // Offered, not added: the reader's token stays until they choose; then only free names.
    assert_eq!(ws.environment, vec![Variable::new("token", "mine")]);
    let added = ws.apply(Change::AddOfferedVariables);
    assert_eq!(added.touched, touched(false, true, false, false));
    assert_eq!(
        added.report.as_deref(),
        Some("Added page. Kept your own value of token (the link's was not used).")
    );
    assert_eq!(ws.environment[0].value, "mine");
    assert_eq!(ws.environment[1].name, "page");
}

#[test]
fn a_link_over_the_starter_keeps_nothing_and_an_embed_says_nothing_unless_it_must() {
    let mut ws = Workspace {
        request: Request::starter(),
        ..Workspace::default()
    };
    ws.apply(Change::OpenLink {
        payload: payload("http://127.0.0.1:1/linked", &[], vec![]),
        opening: LinkOpening::App,
        starter: Request::starter(),
    });
    assert!(
        matches!(
            &ws.notice,
            Some(ImportNotice::Restored { previous: None, .. })
        ),
        "{:?}",
        ws.notice
    );

    let mut embed = Workspace::default();
    let applied = embed.apply(Change::OpenLink {
        payload: payload("http://127.0.0.1:1/lesson", &[], vec![]),
        opening: LinkOpening::Embed,
        starter: Request::starter(),
    });
    assert_eq!(applied.touched, touched(true, false, false, false));
    assert_eq!(embed.notice, None);
    embed.apply(Change::OpenLink {
        payload: payload("http://127.0.0.1:1/lesson", &["X-Api-Key"], vec![]),
        opening: LinkOpening::Embed,
        starter: Request::starter(),
    });
    assert!(matches!(
        &embed.notice,
        Some(ImportNotice::Restored { previous: None, .. })
    ));
}

#[test]
fn not_sent_is_added_to_a_restored_notice_or_shown_alone_and_dismiss_clears_it() {
    let mut ws = Workspace::default();
    ws.apply(Change::NotSent("This example uses variables.".into()));
    assert_eq!(
        ws.notice,
        Some(ImportNotice::NotSent("This example uses variables.".into()))
    );
    assert_eq!(
        ws.apply(Change::Dismiss).touched,
        touched(false, false, false, true)
    );
    assert_eq!(ws.apply(Change::Dismiss).touched, Parts::default());

    ws.apply(Change::OpenLink {
        payload: payload("http://127.0.0.1:1/linked", &[], vec![]),
        opening: LinkOpening::App,
        starter: Request::starter(),
    });
    ws.apply(Change::NotSent("Waits for Send.".into()));
    match &ws.notice {
        Some(ImportNotice::Restored { lines, .. }) => {
            assert_eq!(lines, &["Waits for Send.".to_owned()])
        }
        other => panic!("{other:?}"),
    }
    ws.apply(Change::LinkFailed("The link is cut short.".into()));
    assert_eq!(
        ws.notice,
        Some(ImportNotice::Failed("The link is cut short.".into()))
    );
    // Offered variables need a notice that offers them.
    assert_eq!(
        ws.apply(Change::AddOfferedVariables).touched,
        Parts::default()
    );
}

#[test]
fn a_body_splice_through_the_workspace_edits_the_request_only() {
    let mut ws = Workspace {
        request: Request {
            method: "POST".into(),
            body: Body::Json {
                text: "{\"a\": 1}".into(),
            },
            ..Request::default()
        },
        history: vec![entry("http://127.0.0.1:1/a", &[])],
        ..Workspace::default()
    };
    let before = ws.history.clone();
    let applied = ws.apply(Change::Request(Edit::BodySplice(6..7, "2".into())));
    assert_eq!(applied.touched, touched(true, false, false, false));
    assert_eq!(
        ws.request.body,
        Body::Json {
            text: "{\"a\": 2}".into()
        }
    );
    assert_eq!(ws.history, before);
}
