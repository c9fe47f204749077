//! The large-body editor's window (state/text_window.rs): segments, the incremental index after
//! an edit, which segments the textarea holds for a scroll position, and UTF-16 offsets.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{Body, Request};
use http_playground::state::{
    byte_of_utf16, line_count, size_summary, textarea_newlines, utf16_of_byte, BodyWindow,
    TextIndex, OVERSCAN_ROWS, SEGMENT_BYTES, WINDOWED_FROM_BYTES, WINDOW_BYTES,
};
use proptest::prelude::*;

fn starts(index: &TextIndex) -> Vec<usize> {
    (0..index.segments())
        .map(|i| index.bytes(i..i + 1).start)
        .collect()
}

#[test]
fn lines_are_segments_and_a_final_line_break_leaves_an_empty_last_line() {
    let index = TextIndex::new("ab\ncd\n\nef");
    assert_eq!(starts(&index), vec![0, 3, 6, 7]);
    assert_eq!(index.bytes(1..3), 3..7);
    assert_eq!(index.bytes(3..4), 7..9);

    let index = TextIndex::new("ab\n");
    assert_eq!(starts(&index), vec![0, 3]);
    assert_eq!(index.bytes(1..2), 3..3);

    let index = TextIndex::new("");
    assert_eq!(starts(&index), vec![0]);
    assert_eq!(index.segments(), 1);
    assert_eq!(line_count(""), 1);
    assert_eq!(line_count("ab\ncd\n\nef"), 4);
    assert_eq!(line_count("ab\n"), 2);
}

#[test]
fn a_long_line_is_cut_into_segments_at_character_boundaries() {
    // 5,000 bytes on one line: 2,048 + 2,048 + 904.
    let line = "x".repeat(5000);
    assert_eq!(starts(&TextIndex::new(&line)), vec![0, 2048, 4096]);
    // A two-byte character across the 2,048th byte moves the cut before it.
    let text = format!("{}é{}", "x".repeat(2047), "y".repeat(10));
    assert_eq!(starts(&TextIndex::new(&text)), vec![0, 2047]);
    // The line after a long one starts a segment of its own.
    let text = format!("{}\nz", "x".repeat(3000));
    assert_eq!(starts(&TextIndex::new(&text)), vec![0, 2048, 3001]);
}

#[test]
fn segment_at_finds_the_segment_holding_a_byte() {
    let index = TextIndex::new("ab\ncd\n\nef");
    let found: Vec<usize> = (0..=9).map(|at| index.segment_at(at)).collect();
    assert_eq!(found, vec![0, 0, 0, 1, 1, 1, 2, 3, 3, 3]);
}

#[test]
fn an_edit_rescans_its_lines_only_and_equals_a_fresh_index() {
    let before = "one\ntwo\nthree\n";
    let mut index = TextIndex::new(before);
    // "two\n" (bytes 4..8) becomes "2\n2b\n": a line more.
    let after = "one\n2\n2b\nthree\n";
    index.splice(after, 4..8, 5);
    assert_eq!(starts(&index), vec![0, 4, 6, 9, 15]);
    assert_eq!(index, TextIndex::new(after));
    // Joining two lines by deleting a line break.
    let joined = "one2\n2b\nthree\n";
    index.splice(joined, 3..4, 0);
    assert_eq!(index, TextIndex::new(joined));
    // Typing at the very end, after the final line break.
    let typed = "one2\n2b\nthree\n!";
    index.splice(typed, 14..14, 1);
    assert_eq!(starts(&index), vec![0, 5, 8, 14]);
    assert_eq!(index, TextIndex::new(typed));
}

#[test]
fn rows_before_estimates_wrapped_lines_from_the_width() {
    // Lines of 3, 0, 25 and 10 characters (line breaks not counted) in 10 columns: 1, 1, 3, 1.
    let text = format!("abc\n\n{}\n{}", "y".repeat(25), "z".repeat(10));
    let index = TextIndex::new(&text);
    assert_eq!(index.rows_before(&text, 10), vec![0, 1, 2, 5, 6]);
    // A width of 0 columns (not laid out yet) counts as 1: a row per character, 1 for the empty line.
    assert_eq!(index.rows_before(&text, 0).last(), Some(&(3 + 1 + 25 + 10)));
}

#[test]
fn the_window_holds_the_rows_in_sight_with_overscan_and_is_cut_to_its_byte_budget() {
    // 10,000 lines of 9 bytes ("line nnnn\n" is 10 with the break).
    let text: String = (0..10_000).map(|i| format!("line {i:04}\n")).collect();
    let index = TextIndex::new(&text);
    let rows = index.rows_before(&text, 80);
    // Rows 5,000..5,030 in sight: 60 rows above and below (10 bytes each, well under budget).
    let window = index.window(&rows, 5000..5030);
    assert_eq!(window, 5000 - OVERSCAN_ROWS..5030 + OVERSCAN_ROWS + 1);
    assert!(index.covers(&rows, &window, &(5000..5030)));
    // Scrolled 50 rows down: the margin is gone, the window must move.
    assert!(!index.covers(&rows, &window, &(5050..5080)));
    // At the top: nothing above to hold.
    assert_eq!(index.window(&rows, 0..30), 0..30 + OVERSCAN_ROWS + 1);
    // At the bottom: the empty last line (segment 10,000) is the last held.
    let end = index.window(&rows, 9990..10_001);
    assert_eq!(end, 9990 - OVERSCAN_ROWS..10_001);
    assert!(index.covers(&rows, &end, &(9990..10_001)));

    // Lines of 1 KB: 48 KB of budget holds 47 of them (each 1,025 bytes), rows in sight kept.
    let wide: String = (0..1000)
        .map(|_| format!("{}\n", "w".repeat(1024)))
        .collect();
    let index = TextIndex::new(&wide);
    let rows = index.rows_before(&wide, 2000);
    let window = index.window(&rows, 500..530);
    assert!(index.bytes(window.clone()).len() <= WINDOW_BYTES);
    assert_eq!(window.len(), WINDOW_BYTES / 1025);
    assert!(window.start <= 500 && window.end >= 530, "{window:?}");
}

#[test]
fn a_minified_body_on_one_line_still_has_a_small_window() {
    let text = "[1,".repeat(2_000_000);
    let index = TextIndex::new(&text);
    assert_eq!(index.segments(), text.len().div_ceil(SEGMENT_BYTES));
    let rows = index.rows_before(&text, 100);
    let window = index.window(&rows, 30_000..30_040);
    let bytes = index.bytes(window.clone()).len();
    assert!((SEGMENT_BYTES..=WINDOW_BYTES).contains(&bytes), "{bytes}");
    // The rows in sight (row 30,000: segment 30,000 / 21 rows per segment) are held.
    let seen = 30_000 / SEGMENT_BYTES.div_ceil(100);
    assert!(window.contains(&seen), "{window:?} holds {seen}");
}

#[test]
fn utf16_offsets_map_to_bytes_and_back() {
    // "a" 1 byte / 1 unit; "é" 2 / 1; "😀" 4 / 2; "b" 1 / 1.
    let text = "aé😀b";
    assert_eq!(byte_of_utf16(text, 0), 0);
    assert_eq!(byte_of_utf16(text, 1), 1);
    assert_eq!(byte_of_utf16(text, 2), 3);
    assert_eq!(byte_of_utf16(text, 4), 7);
    assert_eq!(byte_of_utf16(text, 5), 8);
    assert_eq!(byte_of_utf16(text, 99), 8);
    assert_eq!(utf16_of_byte(text, 7), 4);
    assert_eq!(utf16_of_byte(text, 3), 2);
}

#[test]
fn pasted_line_breaks_become_the_textareas() {
    assert_eq!(textarea_newlines("a\r\nb\rc\n".to_owned()), "a\nb\nc\n");
    assert_eq!(textarea_newlines("plain".to_owned()), "plain");
}

#[test]
fn sizes_are_stated_in_kb_or_mb_with_grouped_line_counts() {
    assert_eq!(size_summary(5_123_456, 152_003), "5.1 MB · 152,003 lines");
    assert_eq!(size_summary(131_073, 1), "131.1 KB · 1 line");
    assert_eq!(size_summary(999, 1000), "999 B · 1,000 lines");
}

/// `lines` lines of "line nnnnnn\n" (12 bytes each).
fn numbered(lines: usize) -> String {
    (0..lines).map(|i| format!("line {i:06}\n")).collect()
}

/// A request whose JSON body is `text`, changed by `edit` as the app does.
fn apply(text: &str, edit: http_playground::state::Edit) -> String {
    let mut request = Request {
        body: Body::Json {
            text: text.to_owned(),
        },
        ..Request::default()
    };
    edit.apply(&mut request);
    match request.body {
        Body::Json { text } => text,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_small_body_is_held_whole_and_an_edit_replaces_it() {
    let mut doc = BodyWindow::new("{\"a\": 1}".to_owned(), 80);
    assert!(!doc.windowed());
    assert_eq!(doc.held_text(), "{\"a\": 1}");
    assert_eq!(doc.rows_around(), (0, 0));
    let edit = doc.edited("{\"a\": 12}".to_owned());
    assert_eq!(apply("{\"a\": 1}", edit), "{\"a\": 12}");
    assert_eq!(doc.text(), "{\"a\": 12}");
    assert_eq!(doc.held(), 0..9);
    assert_eq!(doc.summary(), "9 B · 1 line");
}

#[test]
fn a_large_body_is_held_as_a_window_and_an_edit_there_splices_the_whole() {
    // 20,000 lines, 240,000 bytes: over the 128 KB threshold.
    let text = numbered(20_000);
    assert!(text.len() > WINDOWED_FROM_BYTES);
    let mut doc = BodyWindow::new(text.clone(), 80);
    assert!(doc.windowed());
    assert_eq!(doc.summary(), "240.0 KB · 20,001 lines");
    // At the top: the first line and 60 rows of overscan below the first row.
    assert!(doc.held_text().starts_with("line 000000\n"));
    assert_eq!(doc.held(), 0..(1 + 60 + 1) * 12);
    // Spacers: nothing above; below, the other lines and the empty last one.
    assert_eq!(doc.rows_around(), (0, 20_001 - 62));

    // A key typed at the end of line 3 (the textarea's value, its held bytes changed).
    let mut value = doc.held_text().to_owned();
    value.insert(3 * 12 + 11, '!');
    let edit = doc.edited(value);
    let expected = {
        let mut t = text.clone();
        t.insert(3 * 12 + 11, '!');
        t
    };
    assert_eq!(apply(&text, edit), expected);
    assert_eq!(doc.text(), expected);
    assert_eq!(doc.held(), 0..62 * 12 + 1);
    assert_eq!(doc.summary(), "240.0 KB · 20,001 lines");
}

#[test]
fn scrolling_moves_the_window_only_when_the_view_nears_its_edge() {
    let mut doc = BodyWindow::new(numbered(20_000), 80);
    // Rows 0..24 in sight: the window (rows 0..62) covers them.
    assert!(!doc.scrolled(0..24));
    // Row 10,000: the window moves there, with overscan.
    assert!(doc.scrolled(10_000..10_024));
    assert_eq!(doc.held(), (10_000 - 60) * 12..(10_024 + 60 + 1) * 12);
    assert!(doc.held_text().starts_with("line 009940\n"));
    assert_eq!(doc.rows_around(), (9_940, 20_001 - 10_085));
    // Ten rows further: still covered.
    assert!(!doc.scrolled(10_010..10_034));
    // The caret's place: byte of line 10,000 maps into the held text and back.
    let at = 10_000 * 12;
    let units = doc.units_at(at).expect("held");
    assert_eq!(units, 60 * 12);
    assert_eq!(doc.byte_at(units), at);
    assert_eq!(doc.units_at(0), None);
}

#[test]
fn a_paste_of_megabytes_holds_the_rows_around_its_end() {
    let mut doc = BodyWindow::new("{}".to_owned(), 80);
    let pasted = numbered(400_000); // 4.8 MB
    let (edit, top) = doc.replace(1..1, pasted.clone(), 24);
    assert_eq!(apply("{}", edit), format!("{{{pasted}}}"));
    // The last line ("}", row 400,000) a third of the way down 24 rows.
    assert_eq!(top, 400_000 - 8);
    assert!(doc.windowed());
    let caret = 1 + pasted.len();
    // The caret (on the last line, "}") is held, a third of the view down at most.
    let units = doc.units_at(caret).expect("the caret is held");
    assert_eq!(doc.byte_at(units), caret);
    assert!(doc.held().len() <= http_playground::state::WINDOW_BYTES);
    assert!(doc.held_text().ends_with("line 399999\n}"));
    assert_eq!(doc.summary(), "4.8 MB · 400,001 lines");
}

#[test]
fn typing_past_the_threshold_windows_the_text_and_reveal_holds_the_caret() {
    let text = numbered(10_900); // 130,800 bytes: under 128 KB (131,072) is 10,922 lines
    let mut doc = BodyWindow::new(text.clone(), 80);
    assert!(!doc.windowed());
    let value = format!("{text}{}", "x".repeat(400));
    doc.edited(value.clone());
    assert!(doc.windowed());
    assert_eq!(doc.text(), value);
    let top = doc.reveal(value.len(), 30);
    assert_eq!(top, 10_900 - 10);
    assert!(doc.units_at(value.len()).is_some());
    // Deleting back under it: held whole again.
    doc.replace(text.len()..value.len(), String::new(), 30);
    assert!(!doc.windowed());
    assert_eq!(doc.held(), 0..text.len());
}

#[test]
fn a_view_taller_than_the_budget_still_holds_the_caret() {
    // 40,000 lines of 12 bytes in a view of 30,000 rows (an unstyled frame as tall as its
    // content): the view starts 10,000 rows above the caret's line (30,000), 48 KB hold about
    // 4,096 lines, and the caret's line is among them.
    let mut doc = BodyWindow::new(numbered(40_000), 80);
    let at = 30_000 * 12 + 3;
    doc.reveal(at, 30_000);
    assert!(doc.units_at(at).is_some(), "held {:?}", doc.held());
    assert!(doc.held().len() <= WINDOW_BYTES);
    assert!(
        doc.held().len() > WINDOW_BYTES - 24,
        "the budget is used: {:?}",
        doc.held()
    );
}

#[test]
fn a_paste_is_undone_and_redone_and_an_edit_forgets_it() {
    let text = numbered(20_000);
    let mut doc = BodyWindow::new(text.clone(), 80);
    let (edit, _) = doc.replace(0..text.len(), "{}".to_owned(), 24);
    assert_eq!(apply(&text, edit), "{}");
    assert!(!doc.windowed());
    // Undone: all of it back, in the request too.
    let (undo, _) = doc.undo(24).expect("a replace to undo");
    assert_eq!(apply("{}", undo), text);
    assert_eq!(doc.text(), text);
    // Undoing again redoes.
    let (redo, _) = doc.undo(24).expect("the undo to redo");
    assert_eq!(apply(&text, redo), "{}");
    // An edit in the textarea forgets it.
    doc.edited("{1}".to_owned());
    assert!(doc.undo(24).is_none());
}

#[test]
fn composing_over_all_of_it_keeps_only_what_the_textarea_holds() {
    let text = numbered(20_000);
    let mut doc = BodyWindow::new(text.clone(), 80);
    doc.scrolled(10_000..10_024);
    let held = doc.held();
    let edits = doc.keep_held_only();
    let mut request = text.clone();
    for edit in edits {
        request = apply(&request, edit);
    }
    assert_eq!(request, text[held.clone()]);
    assert_eq!(doc.text(), &text[held.clone()]);
    assert_eq!(doc.held(), 0..held.len());
}

#[test]
fn a_text_with_carriage_returns_is_held_whole() {
    // A textarea shows "\r\n" as one line break: its offsets would not be the text's.
    let text = "line\r\n".repeat(30_000);
    let mut doc = BodyWindow::new(text.clone(), 80);
    assert!(!doc.windowed());
    assert_eq!(doc.held(), 0..text.len());
    // Once the textarea's own line breaks replace them, it is windowed again.
    doc.edited(text.replace("\r\n", "\n"));
    assert!(doc.windowed());
}

#[test]
fn at_the_end_the_empty_last_line_is_held_and_no_spacer_is_left_below() {
    let mut doc = BodyWindow::new(numbered(20_000), 80);
    doc.reveal(20_000 * 12, 24);
    assert_eq!(doc.held().end, 20_000 * 12);
    assert_eq!(doc.rows_around().1, 0);
    // At the bottom, a scroll that stays there does not move the window.
    assert!(!doc.scrolled(20_001 - 24..20_001));
}

#[test]
fn units_count_utf16_in_a_held_text_with_wide_characters() {
    let doc = BodyWindow::new("é😀\nb".to_owned(), 80);
    assert_eq!(doc.units_at(7), Some(4));
    assert_eq!(doc.byte_at(4), 7);
    assert_eq!(doc.byte_at(3), 6);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any edit of any text (short lines, long lines, multi-byte characters, line breaks):
    /// the index after `splice` equals a fresh one, and segments tile the text within their
    /// size.
    #[test]
    fn splice_equals_a_fresh_index(
        parts in proptest::collection::vec(prop_oneof![
            Just("\n".to_owned()),
            "[a-z]{0,12}",
            "é{0,3}",
            Just("x".repeat(2100)),
            Just("😀".repeat(600)),
        ], 0..12),
        edit in (any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop_oneof![
            Just(String::new()), Just("\n".to_owned()), "[a-z\\n]{1,5}", Just("é".repeat(1500)),
        ]),
    ) {
        let text: String = parts.concat();
        let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let (a, b, inserted) = edit;
        let (a, b) = (a.get(&chars), b.get(&chars));
        let range = *a.min(b)..*a.max(b);
        let mut index = TextIndex::new(&text);
        let mut after = text.clone();
        after.replace_range(range.clone(), &inserted);
        index.splice(&after, range, inserted.len());
        let fresh = TextIndex::new(&after);
        prop_assert_eq!(&index, &fresh);
        let starts = starts(&index);
        prop_assert_eq!(starts[0], 0);
        for pair in starts.windows(2) {
            prop_assert!(pair[0] < pair[1] || (pair[0] == pair[1] && pair[1] == after.len()));
            prop_assert!(pair[1] - pair[0] <= SEGMENT_BYTES);
            prop_assert!(after.is_char_boundary(pair[1]));
        }
    }
}
