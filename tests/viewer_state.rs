//! The JSON viewer's state, natively: folds, find, next and previous, Enter in the find box,
//! selection and copy, and the row each move scrolls to.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::state::{CopyWhat, Direction, ViewerState, MAX_MATCHES};
use http_playground::viewer::JsonLines;

/// Drawn as 16 lines:
/// ```text
///  0 {                      8       "name": "Grace"
///  1   "users": [           9     }
///  2     {                 10   ],
///  3       "id": 1,        11   "meta": {
///  4       "name": "Ada"   12     "page": 1,
///  5     },                13     "next": null
///  6     {                 14   }
///  7       "id": 2,        15 }
/// ```
const BODY: &[u8] =
    br#"{"users":[{"id":1,"name":"Ada"},{"id":2,"name":"Grace"}],"meta":{"page":1,"next":null}}"#;

fn lines() -> JsonLines {
    JsonLines::index_all(BODY)
}

#[test]
fn nothing_is_collapsed_or_selected_at_first_and_every_line_is_a_row() {
    let state = ViewerState::default();
    assert_eq!(state.rows(&lines()), None);
    assert_eq!(state.selected(), None);
    assert_eq!(state.scroll_to(), None);
    assert_eq!(state.match_label(""), "");
}

#[test]
fn toggling_an_opening_line_hides_its_contents_and_toggling_again_shows_them() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.toggle(&lines, 2);
    assert!(state.is_collapsed(2));
    assert_eq!(
        state.rows(&lines).unwrap(),
        [0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    );
    state.toggle(&lines, 2);
    assert!(!state.is_collapsed(2));
    assert_eq!(state.rows(&lines), None);
}

#[test]
fn toggling_a_line_that_opens_nothing_changes_nothing() {
    let lines = lines();
    let mut state = ViewerState::default();
    for line in [3, 5, 15, 99] {
        state.toggle(&lines, line);
    }
    assert_eq!(state, ViewerState::default());
}

#[test]
fn collapsed_lines_stay_sorted_whatever_the_order_of_toggles() {
    let lines = lines();
    let mut state = ViewerState::default();
    for line in [11, 2, 6, 1] {
        state.toggle(&lines, line);
    }
    assert_eq!(state.collapsed(), [1, 2, 6, 11]);
    // The outer fold hides the inner ones' lines too.
    assert_eq!(state.rows(&lines).unwrap(), [0, 1, 11, 15]);
}

#[test]
fn collapse_to_depth_one_shows_the_top_level_members_only() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.collapse_to(&lines, Some(1));
    assert_eq!(state.collapsed(), [1, 11]);
    assert_eq!(state.rows(&lines).unwrap(), [0, 1, 11, 15]);
    assert_eq!(state.scroll_to(), Some(0));
}

#[test]
fn collapse_to_depth_two_keeps_the_arrays_open_and_their_items_closed() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.collapse_to(&lines, Some(2));
    assert_eq!(state.collapsed(), [2, 6]);
    assert_eq!(
        state.rows(&lines).unwrap(),
        [0, 1, 2, 6, 10, 11, 12, 13, 14, 15]
    );
}

#[test]
fn collapse_to_none_expands_everything_and_scrolls_to_the_top() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.collapse_to(&lines, Some(1));
    state.collapse_to(&lines, None);
    assert!(state.collapsed().is_empty());
    assert_eq!(state.rows(&lines), None);
    assert_eq!(state.scroll_to(), Some(0));
}

#[test]
fn find_counts_matches_case_insensitively_and_selects_the_first() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.find(&lines, BODY, "ID");
    assert_eq!(state.match_count(), 2);
    assert_eq!(state.current_match(), 0);
    assert_eq!(state.selected(), Some(3));
    assert_eq!(state.scroll_to(), Some(3));
    assert_eq!(state.match_label("ID"), "1 of 2");
}

#[test]
fn find_opens_the_folds_around_the_match_and_scrolls_to_its_row() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.collapse_to(&lines, Some(1));
    state.find(&lines, BODY, "Grace");
    assert_eq!(state.selected(), Some(8));
    // "users" (1) and the second item (6) opened; "meta" (11) stays collapsed.
    assert_eq!(state.collapsed(), [11]);
    let rows = state.rows(&lines).unwrap();
    assert_eq!(rows[state.scroll_to().unwrap()], 8);
}

#[test]
fn find_with_no_match_says_so_and_keeps_the_selection() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.select(4);
    state.find(&lines, BODY, "nobody");
    assert_eq!(state.match_count(), 0);
    assert_eq!(state.match_label("nobody"), "no matches");
    assert_eq!(state.selected(), Some(4));
}

#[test]
fn step_goes_round_both_ends() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.find(&lines, BODY, "name");
    assert_eq!(state.selected(), Some(4));
    state.step(&lines, Direction::Next);
    assert_eq!((state.current_match(), state.selected()), (1, Some(8)));
    state.step(&lines, Direction::Next);
    assert_eq!((state.current_match(), state.selected()), (0, Some(4)));
    state.step(&lines, Direction::Previous);
    assert_eq!((state.current_match(), state.selected()), (1, Some(8)));
    assert_eq!(state.match_label("name"), "2 of 2");
}

#[test]
fn step_without_matches_does_nothing() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.step(&lines, Direction::Next);
    state.step(&lines, Direction::Previous);
    assert_eq!(state, ViewerState::default());
}

#[test]
fn enter_searches_a_new_query_then_moves_on_and_back_with_shift() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.enter(&lines, BODY, "id", false);
    assert_eq!(state.selected(), Some(3));
    state.enter(&lines, BODY, "id", false);
    assert_eq!(state.selected(), Some(7));
    state.enter(&lines, BODY, "id", true);
    assert_eq!(state.selected(), Some(3));
    // Another query starts over.
    state.enter(&lines, BODY, "page", false);
    assert_eq!((state.match_count(), state.selected()), (1, Some(12)));
}

#[test]
fn every_move_asks_for_a_scroll_even_to_the_same_row() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.find(&lines, BODY, "page");
    let first = state.scroll_request().unwrap();
    state.step(&lines, Direction::Next);
    let second = state.scroll_request().unwrap();
    assert_eq!(first.1, second.1, "one match: the same row");
    assert_ne!(first.0, second.0, "but a new request");
}

#[test]
fn copying_needs_a_selected_line() {
    let state = ViewerState::default();
    assert_eq!(
        state.copy_text(&lines(), BODY, CopyWhat::Value),
        Err("Click a line first.".to_owned())
    );
}

#[test]
fn copy_value_gives_the_whole_container_and_path_its_location() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.select(6);
    let (value, shown) = state.copy_text(&lines, BODY, CopyWhat::Value).unwrap();
    assert_eq!(value, r#"{"id":2,"name":"Grace"}"#);
    assert_eq!(shown, "Copied value: 23 characters");
    state.select(8);
    let (path, shown) = state.copy_text(&lines, BODY, CopyWhat::Path).unwrap();
    assert_eq!(path, "users[1].name");
    assert_eq!(shown, "Copied path: users[1].name");
}

#[test]
fn a_closing_line_has_no_value_to_copy() {
    let lines = lines();
    let mut state = ViewerState::default();
    state.select(5);
    let why = state.copy_text(&lines, BODY, CopyWhat::Value).unwrap_err();
    assert!(why.contains("no value"), "{why}");
}

#[test]
fn past_the_limit_the_count_reads_plus() {
    let body = vec![b'a'; MAX_MATCHES + 10];
    let quoted: Vec<u8> = [b"\"".as_slice(), &body, b"\""].concat();
    let lines = JsonLines::index_all(&quoted);
    let mut state = ViewerState::default();
    state.find(&lines, &quoted, "a");
    assert_eq!(state.match_count(), MAX_MATCHES);
    assert_eq!(state.match_label("a"), "1 of 100000+");
}

#[test]
fn a_truncated_body_folds_to_its_end_and_find_still_works() {
    let body = &BODY[..40];
    let lines = JsonLines::index_all(body);
    let mut state = ViewerState::default();
    state.collapse_to(&lines, Some(1));
    assert_eq!(state.rows(&lines).unwrap(), [0, 1]);
    state.find(&lines, body, "Ada");
    assert_eq!(state.match_count(), 1);
    assert!(state.collapsed().is_empty());
}
