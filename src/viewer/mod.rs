//! PURE: what the response viewer needs to show a body without holding it in the DOM: the
//! body's kind (from Content-Type and its first bytes), a line index of JSON as it is drawn
//! pretty (folds, find, copy by value and path), text and hex rows, the markup tokenizer for
//! HTML and XML shown as text, the file name a body downloads as, and streamed bodies (Server-Sent
//! Events, JSON Lines) read as they arrive.

mod json_lines;
mod payload;
mod stream;

pub use json_lines::{
    ancestors, find_all, line_at, openers_at_depth, visible_lines, IndexState, JsonLines,
    JsonToken, Line, LineKind, MAX_DRAWN_CHARS, UNCLOSED,
};
pub use payload::{
    charset, download_name, hex_row, markup_pieces, media_type, payload_kind, text_row, text_rows,
    PayloadKind, TextFlavor, HEX_WIDTH, ROW_BYTES,
};
pub use stream::{
    live_stream_kind, one_line, read_whole, stream_kind, LiveStream, ServerEvent, StreamItem,
    StreamKind, StreamLog, StreamReader, Timed, DEFAULT_LOG_CAP, MAX_ITEM_BYTES, MAX_LINE_BYTES,
    MAX_LOG_BYTES, MAX_NAME_BYTES,
};
