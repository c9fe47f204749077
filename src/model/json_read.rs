//! The one reader of the documented formats (request, session, history, variables, share
//! payload, the widgets' recent keys): fields of a parsed JSON tree, each missing or null field
//! its default, a field of the wrong kind an error that names it ("enabled must be true or
//! false, not a string"). serde derive with serde_json would replace this at +28.9 KB gzip of
//! wasm (measured with the request format alone, BENCHMARKS.md), over the 15 KB allowed.

use super::json::Json;
use super::request::FormatError;

/// The member `key` of `tree`, unless missing or null.
pub(crate) fn present<'a>(tree: &'a Json, key: &str) -> Option<&'a Json> {
    tree.get(key).filter(|v| **v != Json::Null)
}

/// "`field` must be `expected`, not a string".
pub(crate) fn wrong(field: &str, expected: &str, got: &Json) -> FormatError {
    FormatError(format!("{field} must be {expected}, not {}", got.kind()))
}

/// `tree` itself when it is an object; otherwise "`what`, not an array".
pub(crate) fn object<'a>(tree: &'a Json, what: &str) -> Result<&'a Json, FormatError> {
    match tree {
        Json::Object(_) => Ok(tree),
        other => Err(FormatError(format!("{what}, not {}", other.kind()))),
    }
}

/// A string field.
pub(crate) fn string(tree: &Json, key: &str) -> Result<Option<String>, FormatError> {
    match present(tree, key) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(wrong(key, "a string", other)),
    }
}

/// A true-or-false field.
pub(crate) fn flag(tree: &Json, key: &str) -> Result<Option<bool>, FormatError> {
    match present(tree, key) {
        None => Ok(None),
        Some(Json::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(wrong(key, "true or false", other)),
    }
}

/// An array field.
pub(crate) fn array<'a>(tree: &'a Json, key: &str) -> Result<Option<&'a [Json]>, FormatError> {
    match present(tree, key) {
        None => Ok(None),
        Some(Json::Array(items)) => Ok(Some(items)),
        Some(other) => Err(wrong(key, "an array", other)),
    }
}

/// A field read leniently, where an odd value is no reason to refuse the rest: a string (else
/// empty).
pub(crate) fn string_or_empty(tree: &Json, key: &str) -> String {
    match tree.get(key) {
        Some(Json::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// A whole number read leniently (else 0).
pub(crate) fn number_or_zero(tree: &Json, key: &str) -> u64 {
    match tree.get(key) {
        Some(Json::Number(n)) => n.parse().unwrap_or(0),
        _ => 0,
    }
}
