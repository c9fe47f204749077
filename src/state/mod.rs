//! UI state as plain data, changed only through methods that are tested natively: the
//! components render it and dispatch to it, and hold no logic beyond that.

mod session_run;
mod viewer;

pub use session_run::{
    outcome_label, percent, refused_headers, session_header_problems, status_class, whole_ms, Mode,
    Run, SessionRun, Timed,
};
pub use viewer::{CopyWhat, Direction, ViewerState, MAX_MATCHES};
