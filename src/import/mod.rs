//! Importers: text people paste, turned into a [`crate::model::Request`]. Pure.

mod curl;
mod curl_form;
mod curl_options;
mod shell_words;

pub use curl::{import_curl, looks_like_curl, CurlImport, ImportError};
pub use curl_options::CURL_OPTIONS;
pub use shell_words::{split_shell_words, ShellError};
