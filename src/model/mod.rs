//! The pure request model: no browser, no framework. Builds and tests natively.

mod embed;
mod encoding;
mod headers;
mod history;
mod json;
mod json_format;
mod json_read;
pub mod json_scan;
mod json_write;
mod link;
mod prepare;
mod request;
mod response;
mod secrets;
mod session;
mod share;
mod socket;
mod units;
mod url;
mod variables;

pub use embed::{embed_options, first_tab, without_spec, EditorTab, EmbedOptions, Theme};
pub use encoding::{base64_encode, base64url_decode, base64url_encode, floor_char_boundary};
pub use headers::{
    check_header_name, check_header_value, headers_to_send, is_browser_refused, Browser,
    HeaderError, PROXY_MARK,
};
pub use history::{
    history_export, history_from_json_lenient, merge_history_with_report, HistoryMerge,
};
pub use history::{
    history_from_json, history_to_json, merge_history, record, HistoryEntry, HISTORY_LIMIT,
};
pub use json::{Json, JsonError};
pub use link::{
    add_missing_variables, autorun_refusal, belongs_to, displaces_draft, link_too_large_message,
    may_autorun, session_secret_values, strip_session_secrets_except, uses_no_variables,
    RecentKeys, EMBED_BYTES_BUDGET, EMBED_KEYS_LIMIT, MAX_LINK_JSON,
};
pub use prepare::{
    body_note, json_problem, Field, Prepared, Upload, UploadPart, ValidationError,
    LARGE_FILE_BYTES, MAX_TIMEOUT_MS,
};
pub use request::{
    content_type_for_file_name, effective_file_type, ApiKeyLocation, Auth, Body, FileRef,
    FileSource, FormatError, KeyValue, Part, PartValue, Request, FORMAT_VERSION, STANDARD_METHODS,
};
pub use response::{
    first_body_reservation, history_row_texts, network_failure_advice, pretty_json, reason_phrase,
    HttpResponse, Outcome, OutcomeKind, MAX_FIRST_RESERVATION,
};
pub use secrets::{
    is_reference_only, is_secret, is_secret_name, secret_values, strip_secrets,
    strip_secrets_except, Secrets, Slot,
};
pub use session::{shared_origin, url_origin, Session, SESSION_LIMIT};
pub use share::{
    fragment_bytes, share_bytes, share_fragment, SharePayload, SESSION_KEY, SHARE_KEY,
};
pub use socket::{
    close_meaning, hex_pairs, is_socket_url, outgoing, parse_protocols, socket_url_problem,
    Direction, Frame, MessageFormat, Outgoing, SocketLog, SocketStatus, MAX_SHOWN_BYTES,
    MAX_SHOWN_TEXT, MAX_SOCKET_LOG_BYTES, SOCKET_LOG_CAP,
};
pub use units::{
    format_millis, format_seconds, format_since, format_size, group_digits, parse_seconds,
    seconds_in_words,
};
pub use url::{
    apply_url_input, decode_component, form_urlencode, parse_url, parse_urlencoded, url_input_text,
    ParsedUrl, UrlError,
};
pub use variables::{
    environment_from_json, environment_to_json, merge_environment, resolve_variables, substitute,
    variables_to_share, variables_used, Variable,
};
pub use variables::{
    environment_from_json_lenient, merge_environment_with_report, EnvironmentMerge,
};
