//! Code generators: one file per target, each exporting one function from [`Request`] to a
//! complete, runnable program that sends exactly what the playground sends.
//!
//! Every generator starts from [`Request::prepare`], the same wire form transport uses.

mod escape_rust;
mod rust_gloo_net;

pub use escape_rust::rust_str;
pub use rust_gloo_net::rust_gloo_net;

use crate::model::{Request, ValidationError};

/// A code target shown in the code panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    RustGlooNet,
}

impl Target {
    pub const ALL: [Target; 1] = [Target::RustGlooNet];

    /// Stable identifier used in fixtures, storage and embed options.
    pub fn id(self) -> &'static str {
        match self {
            Target::RustGlooNet => "rust-gloo-net",
        }
    }

    /// The tab's accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Target::RustGlooNet => "Rust · gloo-net",
        }
    }

    /// The golden fixture file name for this target.
    pub fn fixture_file(self) -> &'static str {
        match self {
            Target::RustGlooNet => "rust_gloo_net.rs",
        }
    }

    pub fn generate(self, request: &Request) -> String {
        match self {
            Target::RustGlooNet => rust_gloo_net(request),
        }
    }
}

/// Characters a generated literal must spell as an escape: control characters, and the
/// invisible format characters (zero-width, bidirectional overrides, BOM, line separators) that
/// would hide what a string holds. rustc refuses bidi overrides in literals outright.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// What a generator prints instead of code when the request cannot be sent: a comment in the
/// target's syntax listing each problem.
pub(crate) fn problems_comment(prefix: &str, errors: &[ValidationError]) -> String {
    let mut out = format!("{prefix} Fix the request first:\n");
    for e in errors {
        out.push_str(&format!("{prefix} - {e}\n"));
    }
    out
}
