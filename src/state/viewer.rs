//! What the JSON viewer shows and where: the collapsed containers, the selected line, the find
//! query with its matches and the current one, and the row to bring into view. The viewer
//! component renders this and calls its methods; it holds no logic of its own.

use crate::viewer::{
    ancestors, find_all, line_at, openers_at_depth, visible_lines, JsonLines, LineKind,
};

/// At most this many matches are found; the count then reads "100000+".
pub const MAX_MATCHES: usize = 100_000;

/// Which way [`ViewerState::step`] moves through the matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Next,
    Previous,
}

/// What [`ViewerState::copy_text`] copies from the selected line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    /// The line's value, as JSON text.
    Value,
    /// Its path from the root (`$.items[0].id`).
    Path,
}

/// The lines shown as rows when the containers opened on `collapsed` are folded: all of them
/// (`None`) when nothing is.
pub fn rows_for(lines: &JsonLines, collapsed: &[u32]) -> Option<Vec<u32>> {
    (!collapsed.is_empty()).then(|| visible_lines(lines, collapsed))
}

/// The JSON viewer's state for one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewerState {
    /// Opening lines of collapsed containers, ascending.
    collapsed: Vec<u32>,
    selected: Option<usize>,
    /// The query last searched for (not what is being typed).
    searched: String,
    /// Byte offsets of its matches, at most [`MAX_MATCHES`].
    matches: Vec<usize>,
    current: usize,
    /// The row to scroll into view, set by the last move, with the move's number: moving to
    /// the same row twice still asks for a scroll.
    scroll_to: Option<(u32, usize)>,
}

impl ViewerState {
    /// Collapsed containers' opening lines, ascending.
    pub fn collapsed(&self) -> &[u32] {
        &self.collapsed
    }

    pub fn is_collapsed(&self, line: usize) -> bool {
        self.collapsed.binary_search(&(line as u32)).is_ok()
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The row the view should scroll to, when a move asked for one.
    pub fn scroll_to(&self) -> Option<usize> {
        self.scroll_to.map(|(_, row)| row)
    }

    /// [`ViewerState::scroll_to`] with the number of the move that asked for it: a new number
    /// is a new request to scroll, even to the same row.
    pub fn scroll_request(&self) -> Option<(u32, usize)> {
        self.scroll_to
    }

    fn ask_scroll(&mut self, row: usize) {
        let serial = self.scroll_to.map_or(0, |(n, _)| n.wrapping_add(1));
        self.scroll_to = Some((serial, row));
    }

    pub fn match_count(&self) -> usize {
        self.matches.len()
    }

    /// The current match, counted from 0.
    pub fn current_match(&self) -> usize {
        self.current
    }

    /// The lines shown as rows: all of them (`None`) when nothing is collapsed.
    pub fn rows(&self, lines: &JsonLines) -> Option<Vec<u32>> {
        rows_for(lines, &self.collapsed)
    }

    /// Selects `line` (a click on its row).
    pub fn select(&mut self, line: usize) {
        self.selected = Some(line);
    }

    /// Collapses the container opened on `line`, or expands it if it is collapsed. Lines that
    /// open nothing are left alone.
    pub fn toggle(&mut self, lines: &JsonLines, line: usize) {
        if lines
            .lines()
            .get(line)
            .is_none_or(|l| l.kind != LineKind::Open)
        {
            return;
        }
        match self.collapsed.binary_search(&(line as u32)) {
            Ok(i) => {
                self.collapsed.remove(i);
            }
            Err(i) => self.collapsed.insert(i, line as u32),
        }
    }

    /// Shows `depth` levels (every container at that depth collapsed), or everything with
    /// `None`, from the top.
    pub fn collapse_to(&mut self, lines: &JsonLines, depth: Option<u16>) {
        self.collapsed = depth.map_or_else(Vec::new, |d| openers_at_depth(lines, d));
        self.ask_scroll(0);
    }

    /// Finds every occurrence of `query` in `body` (ASCII case-insensitively) and shows the
    /// first.
    pub fn find(&mut self, lines: &JsonLines, body: &[u8], query: &str) {
        self.searched = query.to_owned();
        self.matches = find_all(body, query, MAX_MATCHES);
        self.current = 0;
        if let Some(&offset) = self.matches.first() {
            self.reveal(lines, line_at(lines, offset));
        }
    }

    /// Moves to the next or previous match, round the ends, and shows it.
    pub fn step(&mut self, lines: &JsonLines, direction: Direction) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        self.current = match direction {
            Direction::Next => (self.current + 1) % n,
            Direction::Previous => (self.current + n - 1) % n,
        };
        let offset = self.matches[self.current];
        self.reveal(lines, line_at(lines, offset));
    }

    /// Enter in the find box: a new query is searched, the same one again moves on (backwards
    /// with Shift).
    pub fn enter(&mut self, lines: &JsonLines, body: &[u8], typed: &str, shift: bool) {
        if typed != self.searched {
            self.find(lines, body, typed);
        } else if shift {
            self.step(lines, Direction::Previous);
        } else {
            self.step(lines, Direction::Next);
        }
    }

    /// The count beside the find box for the query `typed` there.
    pub fn match_label(&self, typed: &str) -> String {
        if typed.is_empty() {
            String::new()
        } else if self.matches.is_empty() {
            "no matches".to_owned()
        } else {
            let more = if self.matches.len() >= MAX_MATCHES {
                "+"
            } else {
                ""
            };
            format!("{} of {}{more}", self.current + 1, self.matches.len())
        }
    }

    /// The text to copy from the selected line, and how the confirmation names it; or the
    /// message to show instead.
    pub fn copy_text(
        &self,
        lines: &JsonLines,
        body: &[u8],
        what: CopyWhat,
    ) -> Result<(String, String), String> {
        let line = self.selected.ok_or("Click a line first.")?;
        match what {
            CopyWhat::Path => {
                let path = lines.path(body, line);
                Ok((path.clone(), format!("Copied path: {path}")))
            }
            CopyWhat::Value => {
                let value = lines
                    .value_text(body, line)
                    .ok_or("This line holds no value to copy: click a key or an item.")?;
                let shown = format!("Copied value: {} characters", value.chars().count());
                Ok((value, shown))
            }
        }
    }

    /// Opens every collapsed container around `line`, selects it and scrolls to its row.
    fn reveal(&mut self, lines: &JsonLines, line: usize) {
        let around = ancestors(lines, line);
        self.collapsed
            .retain(|o| !around.contains(o) && *o as usize != line);
        let row = match self.rows(lines) {
            Some(rows) => rows.partition_point(|&l| (l as usize) < line),
            None => line,
        };
        self.selected = Some(line);
        self.ask_scroll(row);
    }
}
