//! A response checked against the operation that documents it: is its status documented, and
//! does its body match the documented schema (each mismatch with its JSON path)?

use crate::model::Json;
use crate::viewer::media_type as essence;

use super::document::Document;
use super::operations::Operation;
use super::schema::{validate, Direction, Mismatch};

/// What the check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseCheck {
    /// The key of the response that documents the status (`200`, `2XX`, `default`), or none.
    pub documented_as: Option<String>,
    /// The statuses the operation documents.
    pub documented: Vec<String>,
    /// Whether the body was checked against a schema, and if not, why not.
    pub body: BodyCheck,
    pub mismatches: Vec<Mismatch>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyCheck {
    Checked,
    NotChecked(String),
}

impl ResponseCheck {
    /// Whether all is as documented.
    pub fn passed(&self) -> bool {
        self.documented_as.is_some() && self.mismatches.is_empty()
    }
}

/// Whether a media type is JSON: `application/json`, `text/json`, `application/problem+json`
/// (parameters aside). The one rule the form's bodies and the check share.
pub(super) fn is_json(content_type: &str) -> bool {
    let t = essence(content_type);
    t.ends_with("/json") || t.ends_with("+json")
}

/// Checks a response to `operation`: its `status`, `content_type` and `body` (the text).
pub fn check_response(
    document: &Document,
    operation: &Operation,
    status: u16,
    content_type: &str,
    body: &str,
) -> ResponseCheck {
    let mut check = ResponseCheck {
        documented_as: None,
        documented: Vec::new(),
        body: BodyCheck::NotChecked(String::new()),
        mismatches: Vec::new(),
    };
    let Some(responses) = operation
        .objects(document)
        .and_then(|(_, object)| object.get("responses"))
    else {
        check.body = BodyCheck::NotChecked("the operation documents no responses".to_owned());
        return check;
    };
    let Json::Object(list) = responses else {
        check.body =
            BodyCheck::NotChecked("the operation's responses are not an object".to_owned());
        return check;
    };
    check.documented = list.iter().map(|(k, _)| k.clone()).collect();
    let code = status.to_string();
    let range = format!("{}XX", status / 100);
    let found = list
        .iter()
        .find(|(k, _)| *k == code)
        .or_else(|| list.iter().find(|(k, _)| k.eq_ignore_ascii_case(&range)))
        .or_else(|| list.iter().find(|(k, _)| k == "default"));
    let Some((key, response)) = found else {
        check.body = BodyCheck::NotChecked(format!("status {status} is not documented"));
        return check;
    };
    check.documented_as = Some(key.clone());
    let response = match document.resolve(response) {
        Ok(r) => r,
        Err(e) => {
            check.body = BodyCheck::NotChecked(format!("its description cannot be read: {e}"));
            return check;
        }
    };
    let schema = match response.get("content") {
        // OpenAPI 3: the schema of the media type that fits the answer's.
        Some(Json::Object(content)) => {
            let actual = essence(content_type);
            let major = actual.split('/').next().unwrap_or_default().to_owned();
            content
                .iter()
                .find(|(t, _)| essence(t) == actual)
                .or_else(|| {
                    content
                        .iter()
                        .find(|(t, _)| essence(t) == format!("{major}/*"))
                })
                .or_else(|| content.iter().find(|(t, _)| essence(t) == "*/*"))
                .or_else(|| {
                    is_json(content_type)
                        .then(|| content.iter().find(|(t, _)| is_json(t)))
                        .flatten()
                })
                .and_then(|(_, media)| document.resolve(media).ok())
                .and_then(|media| media.get("schema"))
        }
        // Swagger 2.0: one schema for whatever the operation produces.
        _ => response.get("schema"),
    };
    let Some(schema) = schema else {
        check.body = BodyCheck::NotChecked(format!(
            "response {key} documents no schema for {}",
            if content_type.is_empty() {
                "a body without a type"
            } else {
                content_type
            }
        ));
        return check;
    };
    if !is_json(content_type) {
        check.body = BodyCheck::NotChecked(format!(
            "only JSON bodies are checked; this one is {}",
            if content_type.is_empty() {
                "without a type"
            } else {
                content_type
            }
        ));
        return check;
    }
    match Json::parse(body) {
        Some(value) => {
            check.mismatches = validate(document, schema, &value, Direction::Response);
            check.body = BodyCheck::Checked;
        }
        None => match Json::validate(body) {
            // Valid, but deeper than the parser builds a tree for.
            Ok(()) => {
                check.body = BodyCheck::NotChecked(
                    "the body nests more than 128 levels deep, deeper than this check reads"
                        .to_owned(),
                );
            }
            Err(e) if e.message == "recursion limit exceeded" => {
                check.body = BodyCheck::NotChecked(
                    "the body nests more than 128 levels deep, deeper than this check reads"
                        .to_owned(),
                );
            }
            Err(_) => {
                check.mismatches = vec![Mismatch {
                    path: "$".to_owned(),
                    message: "the body is not valid JSON".to_owned(),
                }];
                check.body = BodyCheck::Checked;
            }
        },
    }
    check
}

/// Whether a URL path fits a path template (`/pets/{petId}` fits `/pets/12`).
pub fn path_fits(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| {
            if t.contains('{') {
                // A segment may mix text and a parameter: `{name}.json`.
                let prefix = &t[..t.find('{').unwrap_or(0)];
                let suffix = &t[t.rfind('}').map_or(t.len(), |i| i + 1)..];
                p.len() > prefix.len() + suffix.len()
                    && p.starts_with(prefix)
                    && p.ends_with(suffix)
            } else {
                t == p
            }
        })
}

/// Whether a request sent to `url` with `method` is the operation's (the server's path
/// prefix, then the template).
pub fn request_fits(operation: &Operation, server_url: &str, method: &str, url: &str) -> bool {
    if operation.webhook || !operation.method.eq_ignore_ascii_case(method) {
        return false;
    }
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let server = server_url.trim_end_matches('/');
    match url.strip_prefix(server) {
        Some(rest) => path_fits(&operation.path, if rest.is_empty() { "/" } else { rest }),
        None => false,
    }
}
