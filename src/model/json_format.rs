//! Reading the documented request format from a parsed JSON tree. Lenient as the format says:
//! unknown fields are ignored, missing (or null) ones take their defaults; a field of the wrong
//! kind is an error that names it.

use super::json::Json;
use super::json_read::{array, flag, object, present, string, wrong};
use super::request::{
    ApiKeyLocation, Auth, Body, FileRef, FileSource, FormatError, KeyValue, Part, PartValue,
    Request, FORMAT_VERSION,
};

/// The JSON tree of a whole document (a request or a session), or where and why it is not JSON.
pub(crate) fn parse_document(json: &str) -> Result<Json, FormatError> {
    Json::parse(json).ok_or_else(|| {
        FormatError(
            super::prepare::json_problem(json).unwrap_or_else(|| "not valid JSON".to_owned()),
        )
    })
}

/// The request in `tree`, which must be a JSON object.
pub fn request_from_json(tree: &Json) -> Result<Request, FormatError> {
    object(tree, "expected a JSON object such as {\"url\": \"…\"}")?;
    let defaults = Request::default();
    Ok(Request {
        version: FORMAT_VERSION,
        method: string(tree, "method")?.unwrap_or(defaults.method),
        url: string(tree, "url")?.unwrap_or_default(),
        params: rows(tree, "params")?,
        headers: rows(tree, "headers")?,
        auth: match present(tree, "auth") {
            Some(auth) => auth_from_json(auth)?,
            None => Auth::None,
        },
        body: match present(tree, "body") {
            Some(body) => body_from_json(body)?,
            None => Body::None,
        },
        timeout_ms: match present(tree, "timeout_ms") {
            Some(Json::Number(n)) => n.parse().map_err(|_| {
                FormatError(format!(
                    "timeout_ms must be a whole number of milliseconds, not {n}"
                ))
            })?,
            Some(other) => return Err(wrong("timeout_ms", "a number", other)),
            None => defaults.timeout_ms,
        },
    })
}

pub(crate) fn rows(tree: &Json, key: &str) -> Result<Vec<KeyValue>, FormatError> {
    array(tree, key)?
        .unwrap_or_default()
        .iter()
        .map(|item| {
            if !matches!(item, Json::Object(_)) {
                return Err(wrong(
                    &format!("each of {key}"),
                    "an object with name and value",
                    item,
                ));
            }
            Ok(KeyValue {
                name: string(item, "name")?.unwrap_or_default(),
                value: string(item, "value")?.unwrap_or_default(),
                enabled: flag(item, "enabled")?.unwrap_or(true),
            })
        })
        .collect()
}

fn auth_from_json(auth: &Json) -> Result<Auth, FormatError> {
    let text = |key: &str| string(auth, key).map(Option::unwrap_or_default);
    Ok(match string(auth, "type")?.as_deref().unwrap_or("none") {
        "none" => Auth::None,
        "basic" => Auth::Basic {
            username: text("username")?,
            password: text("password")?,
        },
        "bearer" => Auth::Bearer {
            token: text("token")?,
        },
        "api_key" => Auth::ApiKey {
            name: text("name")?,
            value: text("value")?,
            location: match string(auth, "in")?.as_deref() {
                None | Some("header") => ApiKeyLocation::Header,
                Some("query") => ApiKeyLocation::Query,
                Some(other) => {
                    return Err(FormatError(format!(
                        "auth.in must be \"header\" or \"query\", not \"{other}\""
                    )))
                }
            },
        },
        other => {
            return Err(FormatError(format!(
                "unknown auth type \"{other}\"; expected none, basic, bearer or api_key"
            )))
        }
    })
}

fn body_from_json(body: &Json) -> Result<Body, FormatError> {
    let text = || string(body, "text").map(Option::unwrap_or_default);
    Ok(match string(body, "type")?.as_deref().unwrap_or("none") {
        "none" => Body::None,
        "json" => Body::Json { text: text()? },
        "form" => Body::Form {
            fields: rows(body, "fields")?,
        },
        "text" => Body::Text {
            text: text()?,
            content_type: string(body, "content_type")?.unwrap_or_else(|| "text/plain".to_owned()),
        },
        "multipart" => Body::Multipart {
            parts: parts(body)?,
        },
        "binary" => Body::Binary {
            file: file_ref(body)?,
            content_type: string(body, "content_type")?.unwrap_or_default(),
        },
        other => {
            return Err(FormatError(format!(
            "unknown body type \"{other}\"; expected none, json, form, text, multipart or binary"
        )))
        }
    })
}

fn parts(body: &Json) -> Result<Vec<Part>, FormatError> {
    array(body, "parts")?
        .unwrap_or_default()
        .iter()
        .map(|item| {
            if !matches!(item, Json::Object(_)) {
                return Err(wrong(
                    "each of parts",
                    "an object with a name and a text or a file",
                    item,
                ));
            }
            let value = match present(item, "file") {
                Some(_) => PartValue::File {
                    file: file_ref(item)?,
                    content_type: string(item, "content_type")?.unwrap_or_default(),
                },
                None => PartValue::Text(string(item, "text")?.unwrap_or_default()),
            };
            Ok(Part {
                name: string(item, "name")?.unwrap_or_default(),
                enabled: flag(item, "enabled")?.unwrap_or(true),
                value,
            })
        })
        .collect()
}

/// `"file"` names the file; a document may carry small contents as `"content"` (text) or
/// `"content_base64"`. Without them the file is missing until the user chooses it.
fn file_ref(tree: &Json) -> Result<FileRef, FormatError> {
    let file_name = string(tree, "file")?.unwrap_or_default();
    let source = if let Some(text) = string(tree, "content")? {
        FileSource::Inline(text.into_bytes())
    } else if let Some(encoded) = string(tree, "content_base64")? {
        let url_alphabet: String = encoded
            .trim_end_matches('=')
            .chars()
            .map(|c| match c {
                '+' => '-',
                '/' => '_',
                c => c,
            })
            .collect();
        FileSource::Inline(
            super::encoding::base64url_decode(&url_alphabet).ok_or_else(|| {
                FormatError(format!(
                    "content_base64 of the file \"{file_name}\" is not base64"
                ))
            })?,
        )
    } else {
        FileSource::Missing
    };
    Ok(FileRef { file_name, source })
}
