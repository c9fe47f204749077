//! The body editor's window onto a large text. A `<textarea>` lays out and re-checks all of
//! its text on every key (5 MB: seconds to paste, a second per key, measured in BENCHMARKS.md),
//! so a body over [`WINDOWED_FROM_BYTES`] is edited through a textarea that holds only the
//! lines near the scroll position, between two spacers as tall as the lines above and below.
//!
//! The text is cut into segments: its lines, and a line longer than [`SEGMENT_BYTES`] in
//! pieces, so even a one-line (minified) body has a small window. What the textarea holds is
//! always a run of whole segments; an edit in it replaces that run (`splice`), and the index is
//! rebuilt only from the edited line on.

use std::ops::Range;

use super::edit::Edit;
use crate::model::{floor_char_boundary, format_size, group_digits};

/// Up to this many bytes the whole text is in the textarea (its own undo, find and selection).
pub const WINDOWED_FROM_BYTES: usize = 128 << 10;
/// A line longer than this is cut into segments of at most this many bytes.
pub const SEGMENT_BYTES: usize = 2 << 10;
/// The window holds at most about this many bytes (never less than one segment).
pub const WINDOW_BYTES: usize = 48 << 10;
/// Rows drawn above and below the view, so scrolling a little shows no gap.
pub const OVERSCAN_ROWS: usize = 60;

/// Where each segment of a text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextIndex {
    /// Byte offset of each segment; the first is 0. A segment runs to the next one's start (or
    /// the end of the text) and includes its line's `\n`.
    starts: Vec<usize>,
    len: usize,
}

impl TextIndex {
    pub fn new(text: &str) -> TextIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        scan(text, 0, text.len(), &mut starts);
        TextIndex {
            starts,
            len: text.len(),
        }
    }

    /// The number of segments (1 for an empty text).
    pub fn segments(&self) -> usize {
        self.starts.len()
    }

    /// The length of the text indexed, in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes of segments `segments`.
    pub fn bytes(&self, segments: Range<usize>) -> Range<usize> {
        let start = self.start_of(segments.start);
        let end = self.start_of(segments.end);
        start..end
    }

    fn start_of(&self, segment: usize) -> usize {
        self.starts.get(segment).copied().unwrap_or(self.len)
    }

    /// The segment holding byte `at` (the last one for the end of the text).
    pub fn segment_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The index of `text`, which is the indexed text with `replaced` (its bytes before the
    /// edit) replaced by `inserted` bytes. Equal to [`TextIndex::new`] of `text`; only the lines
    /// the edit touched are scanned again.
    pub fn splice(&mut self, text: &str, replaced: Range<usize>, inserted: usize) {
        debug_assert_eq!(text.len(), self.len - replaced.len() + inserted);
        // Rescan from the start of the line the edit begins in (its segments are cut from the
        // line's start)...
        let mut first = self.segment_at(replaced.start);
        while first > 0 && text.as_bytes()[self.starts[first] - 1] != b'\n' {
            first -= 1;
        }
        // ...to the first line start after the edit (not the empty last line), which keeps its
        // place, shifted.
        let shifted = |s: usize| s + inserted - replaced.len();
        let mut keep = self.starts.partition_point(|&s| s <= replaced.end);
        while keep < self.starts.len()
            && (self.starts[keep] == self.len
                || text.as_bytes()[shifted(self.starts[keep]) - 1] != b'\n')
        {
            keep += 1;
        }
        let from = self.starts[first];
        let to = self.starts.get(keep).map_or(text.len(), |&s| shifted(s));
        let mut middle = Vec::new();
        scan(text, from, to, &mut middle);
        let tail: Vec<usize> = self.starts[keep..].iter().map(|&s| shifted(s)).collect();
        self.starts.truncate(first);
        self.starts.extend(middle);
        self.starts.extend(tail);
        self.len = text.len();
    }

    /// How many rows each segment of `text` (the text indexed) is estimated to take in a
    /// textarea `columns` characters wide (a line wraps; bytes stand in for characters),
    /// summed: entry `i` is the rows of the segments before segment `i`, the last all rows.
    pub fn rows_before(&self, text: &str, columns: usize) -> Vec<usize> {
        let columns = columns.max(1);
        let mut rows = Vec::with_capacity(self.starts.len() + 1);
        let mut total = 0;
        rows.push(0);
        for i in 0..self.starts.len() {
            let end = self.start_of(i + 1);
            let shown = end
                - self.starts[i]
                - usize::from(
                    text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\n')
                        && end > self.starts[i],
                );
            total += shown.div_ceil(columns).max(1);
            rows.push(total);
        }
        rows
    }

    /// The segments to hold while rows `view` (top and bottom row of the screen) are in sight:
    /// those plus [`OVERSCAN_ROWS`] each side, then cut to about [`WINDOW_BYTES`], keeping the
    /// rows in sight first.
    pub fn window(&self, rows_before: &[usize], view: Range<usize>) -> Range<usize> {
        let total = *rows_before.last().unwrap_or(&0);
        let segment_of_row = |row: usize| {
            rows_before
                .partition_point(|&r| r <= row.min(total.saturating_sub(1)))
                .saturating_sub(1)
                .min(self.starts.len() - 1)
        };
        let first_seen = segment_of_row(view.start);
        let last_seen = segment_of_row(view.end.saturating_sub(1).max(view.start));
        let mut first = segment_of_row(view.start.saturating_sub(OVERSCAN_ROWS));
        let mut last = segment_of_row(view.end + OVERSCAN_ROWS) + 1;
        // Drop overscan, farther side first, then rows in sight from the bottom.
        while last - first > 1 && self.bytes(first..last).len() > WINDOW_BYTES {
            let above = first_seen - first;
            let below = last - 1 - last_seen.min(last - 1);
            if above > below {
                first += 1;
            } else {
                last -= 1;
            }
        }
        first..last
    }

    /// The segments around `segment`, grown a segment at a time on each side while they fit in
    /// about [`WINDOW_BYTES`] (never less than `segment` itself).
    pub fn window_around(&self, segment: usize) -> Range<usize> {
        let segment = segment.min(self.starts.len() - 1);
        let (mut first, mut last) = (segment, segment + 1);
        loop {
            let mut grew = false;
            if first > 0 && self.bytes(first - 1..last).len() <= WINDOW_BYTES {
                first -= 1;
                grew = true;
            }
            if last < self.starts.len() && self.bytes(first..last + 1).len() <= WINDOW_BYTES {
                last += 1;
                grew = true;
            }
            if !grew {
                return first..last;
            }
        }
    }

    /// Whether `window` (segments) still covers rows `view` with some overscan to spare, so a
    /// scroll need not move it.
    pub fn covers(
        &self,
        rows_before: &[usize],
        window: &Range<usize>,
        view: &Range<usize>,
    ) -> bool {
        let total = *rows_before.last().unwrap_or(&0);
        let top = rows_before[window.start];
        let bottom = rows_before[window.end.min(rows_before.len() - 1)];
        let margin = OVERSCAN_ROWS / 3;
        (top == 0 || top + margin <= view.start) && (bottom >= total || view.end + margin <= bottom)
    }
}

/// Pushes the segment starts of `text[from..to]` (`from` is a line start; `to` a line start or
/// the end of the text).
fn scan(text: &str, from: usize, to: usize, starts: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut line = from;
    while line < to {
        let end = memchr::memchr(b'\n', &bytes[line..to]).map_or(to, |i| line + i + 1);
        let mut at = line;
        starts.push(at);
        while end - at > SEGMENT_BYTES {
            at = floor_char_boundary(text, at + SEGMENT_BYTES);
            starts.push(at);
        }
        line = end;
    }
    // An empty text, or one ending in a line break, has an empty last line: a segment of its
    // own, so the caret there has a place.
    if to == text.len() && (to == 0 || bytes[to - 1] == b'\n') {
        starts.push(to);
    }
}

/// The number of lines of `text` (one ending in `\n` has an empty last line, as an editor shows).
pub fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// The byte offset in `text` of UTF-16 offset `units` (as a textarea's `selectionStart`
/// counts), clamped to the text.
pub fn byte_of_utf16(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (at, c) in text.char_indices() {
        if seen >= units {
            return at;
        }
        seen += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 offset of byte `at` of `text` (at a character boundary).
pub fn utf16_of_byte(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].encode_utf16().count()
}

/// Text as a textarea holds it: line breaks as `\n` (a pasted `\r\n` or `\r` included).
pub fn textarea_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// A size as the editor states it: "5.1 MB · 152,003 lines".
pub fn size_summary(bytes: usize, lines: usize) -> String {
    let noun = if lines == 1 { "line" } else { "lines" };
    format!(
        "{} · {} {noun}",
        format_size(bytes),
        group_digits(lines as u64, ',')
    )
}

/// The body editor's text and what of it the textarea holds: all of it up to
/// [`WINDOWED_FROM_BYTES`], a window of whole segments above. The component writes
/// [`BodyWindow::held_text`] into the textarea and turns its events into the methods here.
#[derive(Debug, Clone)]
pub struct BodyWindow {
    text: String,
    index: TextIndex,
    lines: usize,
    /// The bytes the textarea holds.
    held: Range<usize>,
    columns: usize,
    /// [`TextIndex::rows_before`] for `columns`, while windowed.
    rows: Vec<usize>,
    /// Whether the text holds a carriage return: a textarea shows `\r\n` as one line break, so
    /// its offsets would not be the text's; such a text is held whole, as it always was.
    carriage_returns: bool,
    /// The last [`BodyWindow::replace`] undone by [`BodyWindow::undo`]: the bytes it inserted,
    /// and the text they replaced. An edit in the textarea forgets it.
    undo: Option<(Range<usize>, String)>,
}

impl BodyWindow {
    /// `text` in a textarea `columns` characters wide, the window at the top.
    pub fn new(text: String, columns: usize) -> BodyWindow {
        let index = TextIndex::new(&text);
        let lines = line_count(&text);
        let mut window = BodyWindow {
            held: 0..text.len(),
            carriage_returns: memchr::memchr(b'\r', text.as_bytes()).is_some(),
            undo: None,
            text,
            index,
            lines,
            columns: columns.max(1),
            rows: Vec::new(),
        };
        window.reindexed();
        window.hold_rows(0..1);
        window
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the textarea holds a window rather than all of the text.
    pub fn windowed(&self) -> bool {
        self.text.len() > WINDOWED_FROM_BYTES && !self.carriage_returns
    }

    /// The segments the textarea holds (the empty last line counted when it holds the end).
    fn held_segments(&self) -> Range<usize> {
        let first = self.index.segment_at(self.held.start);
        let last = if self.held.end >= self.text.len() {
            self.index.segments()
        } else if self.held.is_empty() {
            first + 1
        } else {
            self.index.segment_at(self.held.end - 1) + 1
        };
        first..last.max(first + 1)
    }

    /// The bytes the textarea holds, and their text.
    pub fn held(&self) -> Range<usize> {
        self.held.clone()
    }

    pub fn held_text(&self) -> &str {
        &self.text[self.held.clone()]
    }

    /// "5.1 MB · 152,003 lines".
    pub fn summary(&self) -> String {
        size_summary(self.text.len(), self.lines)
    }

    /// Rows above and below what the textarea holds (estimated), for the spacers.
    pub fn rows_around(&self) -> (usize, usize) {
        if !self.windowed() {
            return (0, 0);
        }
        let total = *self.rows.last().unwrap_or(&0);
        let held = self.held_segments();
        (
            self.rows[held.start],
            total - self.rows[held.end.min(self.rows.len() - 1)],
        )
    }

    /// A new width, in characters, for the row estimates.
    pub fn set_columns(&mut self, columns: usize) {
        if columns.max(1) != self.columns {
            self.columns = columns.max(1);
            self.reindexed();
        }
    }

    /// The textarea's value after the reader edited it: what it held is replaced by `value`.
    /// Returns the same change for the request.
    pub fn edited(&mut self, value: String) -> Edit {
        let held = self.held.clone();
        self.undo = None;
        self.splice(held.clone(), &value);
        self.held = held.start..held.start + value.len();
        if !self.windowed() {
            self.held = 0..self.text.len();
        }
        Edit::BodySplice(held, value)
    }

    /// Bytes `range` of the whole text replaced by `inserted` (a paste, or typing over a
    /// selection of all of it); the window moves to the end of the inserted text, where the
    /// caret goes, with `view_rows` rows in sight. Returns the change for the request and the
    /// row the view should start at.
    pub fn replace(
        &mut self,
        range: Range<usize>,
        inserted: String,
        view_rows: usize,
    ) -> (Edit, usize) {
        let range = range.start.min(self.text.len())..range.end.min(self.text.len());
        let removed = self.text[range.clone()].to_owned();
        self.splice(range.clone(), &inserted);
        self.undo = Some((range.start..range.start + inserted.len(), removed));
        let top = self.reveal(range.start + inserted.len(), view_rows);
        (Edit::BodySplice(range, inserted), top)
    }

    /// Takes back the last [`BodyWindow::replace`] (a paste, or all of the text replaced), as
    /// the textarea's own undo cannot: the change for the request and the row to show, or
    /// `None` when there is nothing to take back. Undoing again redoes.
    pub fn undo(&mut self, view_rows: usize) -> Option<(Edit, usize)> {
        let (range, removed) = self.undo.take()?;
        Some(self.replace(range, removed, view_rows))
    }

    /// Everything but what the textarea holds removed (an input method is composing over a
    /// selection of all of it, and only the textarea's part can be replaced there): the
    /// changes for the request, in order.
    pub fn keep_held_only(&mut self) -> Vec<Edit> {
        let held = self.held.clone();
        let mut edits = Vec::new();
        if held.end < self.text.len() {
            let tail = held.end..self.text.len();
            self.splice(tail.clone(), "");
            edits.push(Edit::BodySplice(tail, String::new()));
        }
        if held.start > 0 {
            self.splice(0..held.start, "");
            edits.push(Edit::BodySplice(0..held.start, String::new()));
        }
        self.held = 0..self.text.len();
        self.undo = None;
        edits
    }

    /// Holds the rows around byte `at` (`view_rows` in sight, `at` a third of the way down);
    /// returns the row the view should start at.
    pub fn reveal(&mut self, at: usize, view_rows: usize) -> usize {
        if !self.windowed() {
            self.held = 0..self.text.len();
            return 0;
        }
        let segment = self.index.segment_at(at.min(self.text.len()));
        let row = self.rows[segment];
        let top = row.saturating_sub(view_rows / 3);
        self.hold_rows(top..top + view_rows.max(1));
        // A view taller than the window's budget: the caret's lines win over the view's top.
        if !self.held.contains(&at) && self.held.end != at {
            self.held = self.index.bytes(self.index.window_around(segment));
        }
        top
    }

    /// The reader scrolled to rows `view`: the window moves when it no longer covers them with
    /// some overscan to spare. Returns whether it moved.
    pub fn scrolled(&mut self, view: Range<usize>) -> bool {
        if !self.windowed() {
            return false;
        }
        if self.index.covers(&self.rows, &self.held_segments(), &view) {
            return false;
        }
        let before = self.held.clone();
        self.hold_rows(view);
        self.held != before
    }

    /// The byte of the whole text at UTF-16 offset `units` of the textarea's value.
    pub fn byte_at(&self, units: usize) -> usize {
        self.held.start + byte_of_utf16(self.held_text(), units)
    }

    /// Where byte `at` of the whole text is in the textarea's value (UTF-16), if it holds it.
    pub fn units_at(&self, at: usize) -> Option<usize> {
        (self.held.start..=self.held.end)
            .contains(&at)
            .then(|| utf16_of_byte(self.held_text(), at - self.held.start))
    }

    fn hold_rows(&mut self, view: Range<usize>) {
        self.held = if self.windowed() {
            self.index.bytes(self.index.window(&self.rows, view))
        } else {
            0..self.text.len()
        };
    }

    fn splice(&mut self, range: Range<usize>, inserted: &str) {
        let removed = memchr::memchr_iter(b'\n', self.text[range.clone()].as_bytes()).count();
        let added = memchr::memchr_iter(b'\n', inserted.as_bytes()).count();
        self.lines = self.lines + added - removed;
        self.text.replace_range(range.clone(), inserted);
        self.index.splice(&self.text, range, inserted.len());
        self.carriage_returns = if self.carriage_returns {
            memchr::memchr(b'\r', self.text.as_bytes()).is_some()
        } else {
            memchr::memchr(b'\r', inserted.as_bytes()).is_some()
        };
        self.reindexed();
    }

    fn reindexed(&mut self) {
        self.rows = if self.windowed() {
            self.index.rows_before(&self.text, self.columns)
        } else {
            Vec::new()
        };
    }
}
