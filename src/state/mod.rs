//! UI state as plain data, changed only through methods that are tested natively: the
//! components render it and dispatch to it, and hold no logic beyond that.

mod edit;
mod editing;
mod keys;
mod session_run;
mod text_window;
mod viewer;
mod workspace;

pub use edit::{
    AuthField, AuthKind, BodyKind, Edit, PartKind, PartsEdit, RowEdit, RowsEdit, Table,
};
pub use editing::{
    body_bytes, code_display, code_on_request, settle_delay_ms, CodeDisplay, CODE_ON_REQUEST_BYTES,
    HIGHLIGHT_CODE_BYTES, INSTANT_BODY_BYTES, SETTLE_MS, SHOWN_CODE_BYTES,
};
pub use keys::tab_step;
pub use session_run::{
    outcome_label, percent, refused_headers, session_header_problems, status_class, whole_ms, Mode,
    Run, SessionRun, Timed,
};
pub use text_window::{
    byte_of_utf16, line_count, size_summary, textarea_newlines, utf16_of_byte, BodyWindow,
    TextIndex, OVERSCAN_ROWS, SEGMENT_BYTES, WINDOWED_FROM_BYTES, WINDOW_BYTES,
};
pub use viewer::{rows_for, CopyWhat, Direction, ViewerState, MAX_MATCHES};
pub use workspace::{
    Applied, Change, ImportNotice, LinkOpening, Parts, RestoredFrom, VariableEdit, Workspace,
};
