//! The request editor's changes, natively: each `Edit` and what it does to a request.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{ApiKeyLocation, Auth, Body, KeyValue, Request};
use http_playground::state::{AuthKind, BodyKind, Edit, RowEdit, RowsEdit, Table};

fn applied(mut request: Request, edits: impl IntoIterator<Item = Edit>) -> Request {
    for edit in edits {
        edit.apply(&mut request);
    }
    request
}

fn json(text: &str) -> Request {
    Request {
        method: "POST".into(),
        body: Body::Json { text: text.into() },
        ..Request::default()
    }
}

#[test]
fn custom_method_empties_the_method_for_typing_and_keeps_what_is_typed() {
    let request = applied(Request::default(), [Edit::Method(None)]);
    assert_eq!(request.method, "");
    let request = applied(request, [Edit::CustomMethod("PROPFIND".into())]);
    assert_eq!(request.method, "PROPFIND");
    let request = applied(request, [Edit::Method(Some("PATCH".into()))]);
    assert_eq!(request.method, "PATCH");
}

#[test]
fn the_url_box_fills_the_params_table() {
    let request = applied(
        Request::default(),
        [Edit::Url(
            "http://127.0.0.1:1/get?q=python tutorial&page=2".into(),
        )],
    );
    assert_eq!(request.url, "http://127.0.0.1:1/get");
    assert_eq!(
        request.params,
        [
            KeyValue::new("q", "python tutorial"),
            KeyValue::new("page", "2")
        ]
    );
}

#[test]
fn json_and_raw_text_keep_each_other_s_text() {
    let request = applied(json("{\"a\": 1}"), [Edit::BodyKind(BodyKind::Text)]);
    assert_eq!(
        request.body,
        Body::Text {
            text: "{\"a\": 1}".into(),
            content_type: "text/plain".into()
        }
    );
    let request = applied(request, [Edit::BodyKind(BodyKind::Json)]);
    assert_eq!(
        request.body,
        Body::Json {
            text: "{\"a\": 1}".into()
        }
    );
}

#[test]
fn an_empty_json_body_starts_as_an_empty_object() {
    let request = applied(Request::default(), [Edit::BodyKind(BodyKind::Json)]);
    assert_eq!(request.body, Body::Json { text: "{}".into() });
}

#[test]
fn a_form_starts_with_one_empty_field_and_none_drops_the_body() {
    let request = applied(json("{}"), [Edit::BodyKind(BodyKind::Form)]);
    assert_eq!(
        request.body,
        Body::Form {
            fields: vec![KeyValue::default()]
        }
    );
    let request = applied(request, [Edit::BodyKind(BodyKind::None)]);
    assert_eq!(request.body, Body::None);
    assert_eq!(BodyKind::from_id("nonsense"), BodyKind::None);
}

#[test]
fn body_text_reaches_json_and_raw_bodies_only() {
    let request = applied(json("{}"), [Edit::BodyText("[1, 2]".into())]);
    assert_eq!(
        request.body,
        Body::Json {
            text: "[1, 2]".into()
        }
    );
    let form = applied(Request::default(), [Edit::BodyKind(BodyKind::Form)]);
    assert_eq!(
        applied(form.clone(), [Edit::BodyText("ignored".into())]),
        form
    );
    let none = applied(Request::default(), [Edit::BodyText("ignored".into())]);
    assert_eq!(none.body, Body::None);
}

#[test]
fn the_content_type_belongs_to_a_raw_text_body() {
    let text = applied(json("a,b"), [Edit::BodyKind(BodyKind::Text)]);
    let csv = applied(text, [Edit::ContentType("text/csv".into())]);
    assert_eq!(
        csv.body,
        Body::Text {
            text: "a,b".into(),
            content_type: "text/csv".into()
        }
    );
    let untouched = applied(json("{}"), [Edit::ContentType("text/csv".into())]);
    assert_eq!(untouched.body, Body::Json { text: "{}".into() });
}

#[test]
fn format_json_pretty_prints_valid_json_and_leaves_the_rest_as_typed() {
    let pretty = applied(json("{\"a\":[1,2]}"), [Edit::FormatJson]);
    assert_eq!(
        pretty.body,
        Body::Json {
            text: "{\n  \"a\": [\n    1,\n    2\n  ]\n}".into()
        }
    );
    let broken = applied(json("{\"a\":"), [Edit::FormatJson]);
    assert_eq!(
        broken.body,
        Body::Json {
            text: "{\"a\":".into()
        }
    );
}

#[test]
fn a_new_auth_kind_starts_from_its_defaults() {
    let basic = Auth::Basic {
        username: "user".into(),
        password: "pass".into(),
    };
    let request = Request {
        auth: basic,
        ..Request::default()
    };
    let key = applied(request, [Edit::AuthKind(AuthKind::from_id("api_key"))]);
    assert_eq!(
        key.auth,
        Auth::ApiKey {
            name: "X-API-Key".into(),
            value: String::new(),
            location: ApiKeyLocation::Header
        }
    );
    let bearer = applied(key, [Edit::AuthKind(AuthKind::Bearer)]);
    assert_eq!(
        bearer.auth,
        Auth::Bearer {
            token: String::new()
        }
    );
    let none = applied(bearer, [Edit::AuthKind(AuthKind::from_id("none"))]);
    assert_eq!(none.auth, Auth::None);
}

#[test]
fn rows_are_added_edited_disabled_and_removed_in_their_own_table() {
    let request = applied(
        Request::default(),
        [
            Edit::Rows(Table::Headers, RowsEdit::Add),
            Edit::Rows(
                Table::Headers,
                RowsEdit::Row(0, RowEdit::Name("Accept".into())),
            ),
            Edit::Rows(
                Table::Headers,
                RowsEdit::Row(0, RowEdit::Value("application/json".into())),
            ),
            Edit::Rows(Table::Headers, RowsEdit::Add),
            Edit::Rows(
                Table::Headers,
                RowsEdit::Row(1, RowEdit::Name("X-Trace".into())),
            ),
            Edit::Rows(Table::Headers, RowsEdit::Row(1, RowEdit::Enabled(false))),
            Edit::Rows(Table::Params, RowsEdit::Add),
        ],
    );
    assert_eq!(
        request.headers[0],
        KeyValue::new("Accept", "application/json")
    );
    assert_eq!(request.headers[1].name, "X-Trace");
    assert!(!request.headers[1].enabled);
    assert_eq!(request.params, [KeyValue::default()]);
    let request = applied(request, [Edit::Rows(Table::Headers, RowsEdit::Remove(0))]);
    assert_eq!(request.headers.len(), 1);
    assert_eq!(request.headers[0].name, "X-Trace");
}

#[test]
fn edits_of_rows_that_are_not_there_change_nothing() {
    let request = json("{}");
    let after = applied(
        request.clone(),
        [
            Edit::Rows(Table::Params, RowsEdit::Remove(3)),
            Edit::Rows(Table::Headers, RowsEdit::Row(9, RowEdit::Name("X".into()))),
            Edit::Rows(Table::FormFields, RowsEdit::Add),
            Edit::Rows(
                Table::FormFields,
                RowsEdit::Row(0, RowEdit::Value("v".into())),
            ),
        ],
    );
    assert_eq!(after, request, "a JSON body has no form fields to add to");
}

#[test]
fn form_fields_are_edited_while_the_body_is_a_form() {
    let request = applied(
        Request::default(),
        [
            Edit::BodyKind(BodyKind::Form),
            Edit::Rows(
                Table::FormFields,
                RowsEdit::Row(0, RowEdit::Name("username".into())),
            ),
            Edit::Rows(
                Table::FormFields,
                RowsEdit::Row(0, RowEdit::Value("alice".into())),
            ),
        ],
    );
    assert_eq!(
        Table::FormFields.rows(&request).unwrap(),
        &vec![KeyValue::new("username", "alice")]
    );
    assert_eq!(Table::FormFields.rows(&json("{}")), None);
}

#[test]
fn replace_brings_a_whole_request() {
    let example = Request {
        method: "DELETE".into(),
        url: "http://127.0.0.1:1/todos/1".into(),
        ..Request::default()
    };
    let request = applied(json("{\"draft\": true}"), [Edit::Replace(example.clone())]);
    assert_eq!(request, example);
}

#[test]
fn arrow_keys_move_round_the_tabs_and_home_and_end_go_to_the_ends() {
    use http_playground::state::tab_step;
    assert_eq!(tab_step(0, 5, "ArrowRight"), Some(1));
    assert_eq!(tab_step(4, 5, "ArrowRight"), Some(0));
    assert_eq!(tab_step(0, 5, "ArrowLeft"), Some(4));
    assert_eq!(tab_step(2, 5, "ArrowUp"), Some(1));
    assert_eq!(tab_step(2, 5, "ArrowDown"), Some(3));
    assert_eq!(tab_step(3, 5, "Home"), Some(0));
    assert_eq!(tab_step(0, 5, "End"), Some(4));
    assert_eq!(tab_step(0, 5, "Enter"), None);
    assert_eq!(tab_step(0, 0, "ArrowRight"), None, "no tabs, no move");
}

#[test]
fn a_body_splice_replaces_a_byte_range_and_ignores_one_that_is_not_in_the_text() {
    let request = applied(json(r#"{"a": 1}"#), [Edit::BodySplice(6..7, "12".into())]);
    assert_eq!(
        request.body,
        Body::Json {
            text: r#"{"a": 12}"#.into()
        }
    );
    // Past the end, reversed, or inside a character: nothing changes.
    let text = r#"{"é": 1}"#;
    #[allow(clippy::reversed_empty_ranges)]
    let ranges = [7..99, 5..3, 3..4];
    for range in ranges {
        let request = applied(json(text), [Edit::BodySplice(range.clone(), "x".into())]);
        assert_eq!(request.body, Body::Json { text: text.into() }, "{range:?}");
    }
    // A form body has no text to splice.
    let form = applied(json("{}"), [Edit::BodyKind(BodyKind::Form)]);
    assert_eq!(
        applied(form.clone(), [Edit::BodySplice(0..0, "x".into())]),
        form
    );
}

#[test]
fn auth_fields_are_read_and_written_only_where_the_auth_kind_has_them() {
    use http_playground::state::AuthField;
    let basic = applied(
        Request::default(),
        [
            Edit::AuthKind(AuthKind::Basic),
            Edit::Auth(AuthField::Username, "ada".into()),
            Edit::Auth(AuthField::Password, "pw".into()),
            // Basic has no token: nothing changes.
            Edit::Auth(AuthField::Token, "t".into()),
        ],
    );
    assert_eq!(
        basic.auth,
        Auth::Basic {
            username: "ada".into(),
            password: "pw".into()
        }
    );
    assert_eq!(AuthField::Username.read(&basic.auth), "ada");
    assert_eq!(AuthField::Token.read(&basic.auth), "");
    let key = applied(
        Request::default(),
        [
            Edit::AuthKind(AuthKind::ApiKey),
            Edit::Auth(AuthField::KeyValue, "k".into()),
            Edit::ApiKeyIn(ApiKeyLocation::Query),
        ],
    );
    match &key.auth {
        Auth::ApiKey {
            value, location, ..
        } => {
            assert_eq!((value.as_str(), *location), ("k", ApiKeyLocation::Query))
        }
        other => panic!("{other:?}"),
    }
    // Where to put a key means nothing for Bearer.
    let bearer = applied(
        Request::default(),
        [
            Edit::AuthKind(AuthKind::Bearer),
            Edit::ApiKeyIn(ApiKeyLocation::Query),
        ],
    );
    assert_eq!(
        bearer.auth,
        Auth::Bearer {
            token: String::new()
        }
    );
    assert_eq!(
        applied(Request::default(), [Edit::Timeout(2500)]).timeout_ms,
        2500
    );
}
