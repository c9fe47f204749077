//! Keeping edits within a frame, natively: when the derived views follow the request, when the
//! code waits to be asked for, and how much of it is drawn.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{Body, KeyValue, Request};
use http_playground::state::{
    body_bytes, code_display, code_on_request, settle_delay_ms, CodeDisplay, CODE_ON_REQUEST_BYTES,
    HIGHLIGHT_CODE_BYTES, INSTANT_BODY_BYTES, SETTLE_MS, SHOWN_CODE_BYTES,
};

fn with_json(bytes: usize) -> Request {
    Request {
        method: "POST".into(),
        body: Body::Json {
            text: format!("\"{}\"", "a".repeat(bytes.saturating_sub(2))),
        },
        ..Request::default()
    }
}

#[test]
fn body_bytes_count_the_text_or_the_form_fields() {
    assert_eq!(body_bytes(&Request::default()), 0);
    assert_eq!(body_bytes(&with_json(1000)), 1000);
    let form = Request {
        body: Body::Form {
            fields: vec![KeyValue::new("name", "Ada"), KeyValue::new("id", "1")],
        },
        ..Request::default()
    };
    assert_eq!(body_bytes(&form), 4 + 3 + 2 + 1);
}

#[test]
fn a_small_request_is_followed_at_once_and_a_large_one_after_a_pause() {
    assert_eq!(settle_delay_ms(&Request::default()), 0);
    assert_eq!(settle_delay_ms(&with_json(INSTANT_BODY_BYTES)), 0);
    assert_eq!(
        settle_delay_ms(&with_json(INSTANT_BODY_BYTES + 1)),
        SETTLE_MS
    );
    assert_eq!(settle_delay_ms(&with_json(10 << 20)), SETTLE_MS);
}

#[test]
fn code_waits_to_be_asked_for_only_above_its_threshold() {
    assert!(!code_on_request(&with_json(CODE_ON_REQUEST_BYTES)));
    assert!(code_on_request(&with_json(CODE_ON_REQUEST_BYTES + 1)));
    const { assert!(INSTANT_BODY_BYTES < CODE_ON_REQUEST_BYTES) };
}

#[test]
fn short_code_is_highlighted_whole() {
    let code = "import requests\n".repeat(10);
    assert_eq!(code_display(&code), CodeDisplay::Highlighted(&code));
    let edge = "x".repeat(HIGHLIGHT_CODE_BYTES);
    assert_eq!(code_display(&edge), CodeDisplay::Highlighted(&edge));
}

#[test]
fn longer_code_is_plain_and_whole_up_to_the_drawing_limit() {
    let code = "y".repeat(HIGHLIGHT_CODE_BYTES + 1);
    assert_eq!(
        code_display(&code),
        CodeDisplay::Plain {
            shown: &code,
            note: None
        }
    );
}

#[test]
fn very_long_code_is_cut_at_a_line_break_with_a_note_of_what_is_left() {
    // 16,384 lines of 32 bytes: 8,192 fit in 256 KB exactly, 8,192 are left (256 KB).
    let line = "    \"title\": \"Buy groceries!!\",\n";
    assert_eq!(line.len(), 32);
    let code = line.repeat(16_384);
    let CodeDisplay::Plain { shown, note } = code_display(&code) else {
        panic!("plain expected");
    };
    assert_eq!(shown.len(), 8_192 * 32);
    assert!(shown.ends_with('\n'));
    assert!(code.starts_with(shown));
    assert_eq!(
        note.as_deref(),
        Some("… 8192 more lines (256 KB) not drawn. Copy copies the whole program.")
    );
}

#[test]
fn the_cut_goes_back_to_the_last_whole_line() {
    // 10-byte lines: 26,214 whole lines (262,140 bytes) fit; the 26,215th would end past the
    // limit, so it is left with the rest.
    let code = "123456789\n".repeat(30_000);
    let CodeDisplay::Plain { shown, note } = code_display(&code) else {
        panic!("plain expected");
    };
    assert_eq!(shown.len(), 262_140);
    assert_eq!(
        note.as_deref(),
        Some("… 3786 more lines (37 KB) not drawn. Copy copies the whole program.")
    );
}

#[test]
fn the_cut_never_splits_a_character() {
    // Three-byte characters and no line break: the cut falls on a character boundary.
    let code = "€".repeat(SHOWN_CODE_BYTES);
    let CodeDisplay::Plain { shown, .. } = code_display(&code) else {
        panic!("plain expected");
    };
    assert!(shown.len() <= SHOWN_CODE_BYTES && shown.len() > SHOWN_CODE_BYTES - 3);
    assert!(shown.chars().all(|c| c == '€'));
}
