//! Folding, paths and values on any body (truncated, invalid, empty, deeply nested) end and
//! never panic. The same tests run natively and, through wasm-bindgen-test, on wasm32 in the
//! browser, where `usize` is 32 bits wide: an unclosed container's end once wrapped to 0 there
//! and looped until the page died ("capacity overflow"). Debug builds check arithmetic, so an
//! overflow in the index fails here instead of wrapping.

use http_playground::viewer::{
    ancestors, find_all, line_at, openers_at_depth, visible_lines, IndexState, JsonLines, LineKind,
    UNCLOSED,
};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const DOCUMENTS: &[&str] = &[
    r#"{"a":[1,2]}"#,
    r#"{"users": [{"id": 1, "name": "Ada", "tags": []}, {"id": 2, "address": {"city": "Oslo"}}], "ok": true}"#,
    r#"[[[[{"deep": [[["x"]]]}]]]]"#,
    r#"{"s": "a \" quote, a \\ and \u00e9", "n": -1.5e3, "e": {}, "f": [ ]}"#,
];

/// Every operation the viewer performs on a body, with every container collapsed: at each
/// depth, and one by one.
fn exercise(body: &[u8]) -> JsonLines {
    let lines = JsonLines::index_all(body);
    let count = lines.len();
    let all_openers: Vec<u32> = (0..count as u32)
        .filter(|&i| lines.lines()[i as usize].kind == LineKind::Open)
        .collect();
    let visible = visible_lines(&lines, &all_openers);
    assert!(visible.len() <= count, "more rows than lines for {body:?}");
    assert!(visible.windows(2).all(|w| w[0] < w[1]), "rows out of order");
    for depth in 0..4 {
        let rows = visible_lines(&lines, &openers_at_depth(&lines, depth));
        assert!(rows.len() <= count);
    }
    // Every line of a small body; a sample of a large one (the deep case), so the test stays
    // quick on wasm32 too.
    let step = (count / 256).max(1);
    for &opener in all_openers.iter().step_by(step) {
        let rows = visible_lines(&lines, &[opener]);
        assert!(rows.contains(&opener), "a collapsed line stays visible");
        let _ = lines.collapsed_tokens(body, opener as usize);
    }
    for i in (0..count).step_by(step) {
        let _ = lines.line_text(body, i);
        let _ = lines.value_text(body, i);
        let _ = lines.path(body, i);
        let around = ancestors(&lines, i);
        assert!(around.iter().all(|&a| (a as usize) < i));
    }
    let _ = find_all(body, "a", 1000);
    let _ = line_at(&lines, body.len());
    lines
}

#[test]
fn every_truncation_of_every_document_folds() {
    for document in DOCUMENTS {
        for end in 0..=document.len() {
            exercise(&document.as_bytes()[..end]);
        }
    }
}

#[test]
fn a_truncated_body_collapses_to_its_first_line() {
    let body = br#"{"a":[1,2"#;
    let lines = exercise(body);
    assert!(matches!(
        lines.state(),
        IndexState::Partial | IndexState::Invalid { .. } | IndexState::Done
    ));
    // `{`, `"a": [`, `1,`, `2`: two containers the body never closes.
    assert_eq!(lines.len(), 4);
    assert_eq!(lines.lines()[0].close, UNCLOSED);
    assert_eq!(lines.lines()[0].closing_line(), None);
    assert_eq!(visible_lines(&lines, &[0]), vec![0]);
    assert_eq!(visible_lines(&lines, &[1]), vec![0, 1]);
    let shown: String = lines
        .collapsed_tokens(body, 1)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert_eq!(shown, "  \"a\": […");
    assert_eq!(lines.value_text(body, 1), None);
    assert_eq!(lines.path(body, 3), "a[1]");
}

#[test]
fn arbitrary_bytes_fold() {
    // A fixed xorshift: the same cases on every run and on both targets.
    let mut state: u32 = 0x9e37_79b9;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let alphabet = b"{}[]\",:0123 -eE.tfnrulsa\\";
    for _ in 0..2000 {
        let len = (next() % 48) as usize;
        let body: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() as usize) % alphabet.len()])
            .collect();
        exercise(&body);
    }
    // Mutations of real documents: one byte changed or dropped.
    for document in DOCUMENTS {
        let bytes = document.as_bytes();
        for i in 0..bytes.len() {
            let mut dropped = bytes.to_vec();
            dropped.remove(i);
            exercise(&dropped);
            let mut changed = bytes.to_vec();
            changed[i] = alphabet[(next() as usize) % alphabet.len()];
            exercise(&changed);
        }
    }
}

#[test]
fn deep_nesting_and_empty_bodies_fold() {
    exercise(b"");
    exercise(b"   ");
    let deep = "[".repeat(5000);
    let lines = exercise(deep.as_bytes());
    assert_eq!(lines.len(), 5000);
    assert_eq!(visible_lines(&lines, &[0]), vec![0]);
}
