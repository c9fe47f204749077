//! Keeping edits within a frame: what is derived from the request (the code, the JSON hint,
//! validation, the stored draft) follows a small request at once and a large one once typing
//! pauses; code for a very large body is made on request, and shown highlighted only while
//! small enough to draw at once.

use crate::model::{floor_char_boundary, Body, PartValue, Request};

/// Up to this many bytes of body, everything derived follows every keystroke.
pub const INSTANT_BODY_BYTES: usize = 64 << 10;
/// A larger request is derived again this long after the last edit.
pub const SETTLE_MS: u32 = 300;
/// Above this many bytes of body, the code is made when the reader asks for it: generating and
/// drawing megabytes of code on every pause would freeze the page.
pub const CODE_ON_REQUEST_BYTES: usize = 256 << 10;
/// Code up to this long is highlighted; longer code is drawn as plain text.
pub const HIGHLIGHT_CODE_BYTES: usize = 64 << 10;
/// At most this much of the code is drawn; Copy copies all of it.
pub const SHOWN_CODE_BYTES: usize = 256 << 10;

/// The bytes of the request's body as typed (form fields counted by name and value).
pub fn body_bytes(request: &Request) -> usize {
    match &request.body {
        Body::None => 0,
        Body::Json { text } | Body::Text { text, .. } => text.len(),
        Body::Form { fields } => fields.iter().map(|f| f.name.len() + f.value.len()).sum(),
        Body::Multipart { parts } => parts
            .iter()
            .map(|p| {
                p.name.len()
                    + match &p.value {
                        PartValue::Text(text) => text.len(),
                        PartValue::File { file, .. } => file.file_name.len(),
                    }
            })
            .sum(),
        Body::Binary { file, .. } => file.file_name.len(),
    }
}

/// How long after an edit the derived views follow: at once for a small request, after a
/// pause of [`SETTLE_MS`] for a large one.
pub fn settle_delay_ms(request: &Request) -> u32 {
    if body_bytes(request) <= INSTANT_BODY_BYTES {
        0
    } else {
        SETTLE_MS
    }
}

/// Whether the code for `request` waits for the reader to ask for it.
pub fn code_on_request(request: &Request) -> bool {
    body_bytes(request) > CODE_ON_REQUEST_BYTES
}

/// How the code panel draws `code`: highlighted, or as plain text cut at
/// [`SHOWN_CODE_BYTES`] (at a character boundary), with a note saying how much is not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeDisplay<'a> {
    Highlighted(&'a str),
    Plain {
        shown: &'a str,
        note: Option<String>,
    },
}

pub fn code_display(code: &str) -> CodeDisplay<'_> {
    if code.len() <= HIGHLIGHT_CODE_BYTES {
        return CodeDisplay::Highlighted(code);
    }
    if code.len() <= SHOWN_CODE_BYTES {
        return CodeDisplay::Plain {
            shown: code,
            note: None,
        };
    }
    let end = floor_char_boundary(code, SHOWN_CODE_BYTES);
    // End at a line break, so no line is cut in half.
    let end = code[..end].rfind('\n').map_or(end, |i| i + 1);
    let hidden_lines = code[end..].lines().count();
    CodeDisplay::Plain {
        shown: &code[..end],
        note: Some(format!(
            "… {hidden_lines} more lines ({} KB) not drawn. Copy copies the whole program.",
            (code.len() - end).div_ceil(1024)
        )),
    }
}
