//! A description as read: its tree (JSON or YAML), its version, where it came from, and the
//! other documents its `$ref`s name; `$ref`s are followed on use, never expanded up front (a
//! large description refers to its schemas thousands of times, and a recursive schema would
//! never end).

use crate::model::{decode_component, Json};

use super::yaml::yaml_to_json;

/// Texts over this size are refused before parsing (GitHub's REST description is 13 MB).
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// A `$ref` chain longer than this is treated as a loop.
const MAX_HOPS: usize = 64;

/// Which kind of description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Version {
    pub fn label(self) -> &'static str {
        match self {
            Version::Swagger2 => "Swagger 2.0",
            Version::OpenApi30 => "OpenAPI 3.0",
            Version::OpenApi31 => "OpenAPI 3.1",
        }
    }
}

/// What is wrong with a description, and where: `at` is the path of the value in question
/// (`paths › /pets › get`), or a line and column when the text does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescriptionError {
    pub at: String,
    pub message: String,
}

impl DescriptionError {
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DescriptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// Reads a description's text: JSON when it starts with `{`, otherwise YAML.
pub fn parse_text(text: &str) -> Result<Json, DescriptionError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(DescriptionError::new(
            "",
            format!(
                "the description is {} MB; at most {} MB can be opened",
                text.len() / (1024 * 1024),
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(DescriptionError::new(
            "",
            "the description is empty: paste its JSON or YAML, or give its URL",
        ));
    }
    if text.trim_start().starts_with('{') {
        return Json::parse(text).ok_or_else(|| {
            let why = Json::validate(text).err();
            match why {
                Some(e) => DescriptionError::new(
                    format!("line {}, column {}", e.line, e.column),
                    format!("not valid JSON: {}", e.message),
                ),
                None => DescriptionError::new("", "not valid JSON"),
            }
        });
    }
    yaml_to_json(text).map_err(|e| {
        DescriptionError::new(
            format!("line {}, column {}", e.line, e.column),
            format!("not valid YAML: {}", e.message),
        )
    })
}

/// A description ready to use.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Json,
    pub version: Version,
    /// Its absolute URL when it was opened from one: relative servers and `$ref`s resolve
    /// against it.
    pub url: Option<String>,
    /// Documents named by `$ref`s, by absolute URL (without fragment); their own `$ref`s are
    /// rewritten to absolute ones when added.
    externals: Vec<(String, Json)>,
}

impl Document {
    /// Checks the top of `root` and reads its version.
    pub fn new(root: Json, url: Option<String>) -> Result<Document, DescriptionError> {
        let Json::Object(_) = root else {
            return Err(DescriptionError::new(
                "",
                format!(
                    "a description is an object with `openapi` or `swagger` at its top, not {}",
                    root.kind()
                ),
            ));
        };
        let version = match (root.get("openapi"), root.get("swagger")) {
            (Some(Json::String(v)), _) if v.starts_with("3.0") => Version::OpenApi30,
            (Some(Json::String(v)), _) if v.starts_with("3.") => Version::OpenApi31,
            (_, Some(Json::String(v))) if v == "2.0" => Version::Swagger2,
            (Some(v), _) => {
                return Err(DescriptionError::new(
                    "openapi",
                    format!(
                        "version {} is not one this playground reads: 3.0.x or 3.1.x (or swagger: \"2.0\")",
                        text_of(v)
                    ),
                ))
            }
            (None, Some(v)) => {
                return Err(DescriptionError::new(
                    "swagger",
                    format!("version {} is not 2.0", text_of(v)),
                ))
            }
            (None, None) => {
                return Err(DescriptionError::new(
                    "",
                    "no `openapi` or `swagger` field at the top: this is not an OpenAPI or Swagger description",
                ))
            }
        };
        for key in ["paths", "webhooks", "components", "definitions"] {
            match root.get(key) {
                None | Some(Json::Object(_)) => {}
                Some(other) => {
                    return Err(DescriptionError::new(
                        key,
                        format!("must be an object, not {}", other.kind()),
                    ))
                }
            }
        }
        if root.get("paths").is_none() && root.get("webhooks").is_none() {
            return Err(DescriptionError::new(
                "paths",
                "missing: the description has no operations to try",
            ));
        }
        Ok(Document {
            root,
            version,
            url,
            externals: Vec::new(),
        })
    }

    /// Parses `text` and checks it (see [`Document::new`]).
    pub fn parse(text: &str, url: Option<String>) -> Result<Document, DescriptionError> {
        Document::new(parse_text(text)?, url)
    }

    /// The absolute URLs of documents named by `$ref`s that are not here yet.
    pub fn missing_documents(&self) -> Vec<String> {
        let mut found = Vec::new();
        let mut visit = |reference: &str, base: Option<&str>| {
            let (target, _) = reference.split_once('#').unwrap_or((reference, ""));
            if target.is_empty() {
                return;
            }
            if let Some(url) = join_url(base, target) {
                if Some(url.as_str()) != self.url.as_deref()
                    && !self.externals.iter().any(|(u, _)| *u == url)
                    && !found.contains(&url)
                {
                    found.push(url);
                }
            }
        };
        each_ref(&self.root, &mut |r| visit(r, self.url.as_deref()));
        for (_, json) in &self.externals {
            each_ref(json, &mut |r| visit(r, None));
        }
        found
    }

    /// Adds a document a `$ref` names, read from `url` (absolute).
    pub fn add_document(&mut self, url: String, mut json: Json) {
        absolutize_refs(&mut json, &url);
        self.externals.push((url, json));
    }

    /// `value` itself, or what its `$ref` (a chain of them) names.
    pub fn resolve<'a>(&'a self, value: &'a Json) -> Result<&'a Json, DescriptionError> {
        let mut current = value;
        for _ in 0..MAX_HOPS {
            match current.get("$ref") {
                Some(Json::String(reference)) => current = self.lookup(reference)?,
                _ => return Ok(current),
            }
        }
        Err(DescriptionError::new(
            ref_text(value),
            "these $refs name each other in a loop",
        ))
    }

    /// What a `$ref` names: `#/components/schemas/Pet`, or `other.yaml#/Pet` once that
    /// document was added.
    pub fn lookup(&self, reference: &str) -> Result<&Json, DescriptionError> {
        let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let document = if target.is_empty() {
            &self.root
        } else {
            let url = join_url(self.url.as_deref(), target).ok_or_else(|| {
                DescriptionError::new(
                    format!("$ref {reference}"),
                    "names another document by a relative address, and this description was not opened from a URL: open it by its URL",
                )
            })?;
            if Some(url.as_str()) == self.url.as_deref() {
                &self.root
            } else {
                self.externals
                    .iter()
                    .find(|(u, _)| *u == url)
                    .map(|(_, json)| json)
                    .ok_or_else(|| {
                        DescriptionError::new(
                            format!("$ref {reference}"),
                            format!("names {url}, which could not be read"),
                        )
                    })?
            }
        };
        pointer_get(document, pointer).ok_or_else(|| {
            DescriptionError::new(
                format!("$ref {reference}"),
                "names nothing in the description: check the path after #",
            )
        })
    }
}

fn text_of(value: &Json) -> String {
    match value {
        Json::String(s) => format!("\"{s}\""),
        Json::Number(n) => n.clone(),
        other => other.kind().to_owned(),
    }
}

fn ref_text(value: &Json) -> String {
    match value.get("$ref") {
        Some(Json::String(r)) => format!("$ref {r}"),
        _ => String::new(),
    }
}

/// The value at a JSON Pointer (RFC 6901, as a URI fragment: percent-decoded first).
pub fn pointer_get<'a>(document: &'a Json, pointer: &str) -> Option<&'a Json> {
    let pointer = if pointer.contains('%') {
        decode_component(&pointer.replace('+', "%2B"))
    } else {
        pointer.to_owned()
    };
    if pointer.is_empty() {
        return Some(document);
    }
    let rest = pointer.strip_prefix('/')?;
    let mut current = document;
    for token in rest.split('/') {
        let key = token.replace("~1", "/").replace("~0", "~");
        current = match current {
            Json::Object(_) => current.get(&key)?,
            Json::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// Calls `f` with every `$ref` string in a tree.
fn each_ref(json: &Json, f: &mut impl FnMut(&str)) {
    match json {
        Json::Object(members) => {
            for (key, value) in members {
                match (key.as_str(), value) {
                    ("$ref", Json::String(r)) => f(r),
                    _ => each_ref(value, f),
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|item| each_ref(item, f)),
        _ => {}
    }
}

fn absolutize_refs(json: &mut Json, base: &str) {
    match json {
        Json::Object(members) => {
            for (key, value) in members {
                match (key.as_str(), value) {
                    ("$ref", Json::String(r)) => {
                        let (target, pointer) = r.split_once('#').unwrap_or((r.as_str(), ""));
                        if let Some(url) = join_url(Some(base), target) {
                            *r = format!("{url}#{pointer}");
                        }
                    }
                    (_, value) => absolutize_refs(value, base),
                }
            }
        }
        Json::Array(items) => items
            .iter_mut()
            .for_each(|item| absolutize_refs(item, base)),
        _ => {}
    }
}

/// `reference` resolved against `base` (RFC 3986 §5, for http(s) URLs): `None` when it is
/// relative and there is no base. An empty reference is the base itself (without fragment).
pub fn join_url(base: Option<&str>, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if let Some(colon) = reference.find(':') {
        let scheme = &reference[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Some(reference.to_owned());
        }
    }
    let base = base?.split('#').next().unwrap_or_default();
    let (scheme, rest) = base.split_once("://")?;
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let base_path = rest[authority_end..].split('?').next().unwrap_or_default();
    if reference.is_empty() {
        return Some(base.to_owned());
    }
    if let Some(other) = reference.strip_prefix("//") {
        return Some(format!("{scheme}://{other}"));
    }
    let (reference_path, query) = match reference.find('?') {
        Some(at) => (&reference[..at], &reference[at..]),
        None => (reference, ""),
    };
    let merged = if reference_path.starts_with('/') {
        reference_path.to_owned()
    } else if reference_path.is_empty() {
        base_path.to_owned()
    } else {
        let directory = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        let directory = if directory.is_empty() { "/" } else { directory };
        format!("{directory}{reference_path}")
    };
    Some(format!(
        "{scheme}://{authority}{}{query}",
        remove_dot_segments(&merged)
    ))
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}
