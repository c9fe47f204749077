//! PURE: API descriptions (OpenAPI 3.0 and 3.1, Swagger 2.0) read from JSON or YAML; their
//! operations listed, grouped and filtered; an operation turned into a request form; a response
//! checked against the schema its operation documents. Loaded with the "API description" part
//! (ui/lazy.rs), never with the first screen.

mod check;
mod document;
mod fill;
mod operations;
mod schema;
mod yaml;

pub use check::{check_response, path_fits, request_fits, BodyCheck, ResponseCheck};
pub use document::{
    join_url, parse_text, pointer_get, DescriptionError, Document, Version, MAX_TEXT_BYTES,
};
pub use fill::{
    defuse, encode_segment, read_token, template_names, token_request, BodyOption, Location,
    OperationForm, Parameter, Scheme, SecurityOption, Server, ServerVariable, WEBHOOK_URL,
};
pub use operations::{
    by_id, filter, groups, operations, Group, Operation, METHODS, UNTAGGED, WEBHOOKS,
};
pub use schema::{
    example, format_holds, matches, member_path, validate, Direction, Mismatch, MAX_MISMATCHES,
};
pub use yaml::{yaml_to_json, YamlError, MAX_VALUES};

/// An opened description: the document, its operations and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    pub document: Document,
    pub operations: Vec<Operation>,
    /// `info.title` and `info.version`, or the kind of description.
    pub title: String,
}

impl Description {
    pub fn new(document: Document) -> Description {
        let info = document.root.get("info");
        let text = |key: &str| {
            fill::string(info.and_then(|i| i.get(key)))
                .trim()
                .to_owned()
        };
        let title = match (text("title"), text("version")) {
            (t, _) if t.is_empty() => document.version.label().to_owned(),
            (t, v) if v.is_empty() => t,
            (t, v) => format!("{t} {v}"),
        };
        Description {
            operations: operations(&document),
            document,
            title,
        }
    }
}
