//! Variables: `{{name}}` in the URL, params, headers, auth and body, replaced by the values of
//! an environment before anything is validated, sent or generated, so every target holds the
//! resolved values. A name the environment does not define is reported, never sent as braces.

use super::prepare::{Field, ValidationError};
use super::request::{Auth, Body, KeyValue, Request};

/// The request with every `{{name}}` replaced, or one error per field that names an undefined
/// variable. Disabled environment rows do not count; values are inserted as they are.
pub fn resolve_variables(
    request: &Request,
    environment: &[KeyValue],
) -> Result<Request, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut resolved = request.clone();
    let mut fill =
        |text: &mut String, field: Field, label: String| match substitute(text, environment) {
            Ok(value) => *text = value,
            Err(missing) => errors.push(ValidationError {
                field,
                label,
                message: format!(
                    "{} {} not defined; add {} under Variables, or remove the braces",
                    missing
                        .iter()
                        .map(|n| format!("{{{{{n}}}}}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if missing.len() == 1 { "is" } else { "are" },
                    if missing.len() == 1 { "it" } else { "them" },
                ),
            }),
        };
    fill(&mut resolved.url, Field::Url, "URL".to_owned());
    for (i, row) in resolved
        .params
        .iter_mut()
        .enumerate()
        .filter(|(_, r)| r.enabled)
    {
        fill(
            &mut row.name,
            Field::Param(i),
            format!("Query parameter {}", i + 1),
        );
        fill(
            &mut row.value,
            Field::Param(i),
            format!("Query parameter {}", i + 1),
        );
    }
    for (i, row) in resolved
        .headers
        .iter_mut()
        .enumerate()
        .filter(|(_, r)| r.enabled)
    {
        fill(&mut row.name, Field::Header(i), format!("Header {}", i + 1));
        fill(
            &mut row.value,
            Field::Header(i),
            format!("Header {}", i + 1),
        );
    }
    match &mut resolved.auth {
        Auth::None => {}
        Auth::Basic { username, password } => {
            fill(username, Field::Auth, "Auth".to_owned());
            fill(password, Field::Auth, "Auth".to_owned());
        }
        Auth::Bearer { token } => fill(token, Field::Auth, "Auth".to_owned()),
        Auth::ApiKey { name, value, .. } => {
            fill(name, Field::Auth, "Auth".to_owned());
            fill(value, Field::Auth, "Auth".to_owned());
        }
    }
    match &mut resolved.body {
        Body::None => {}
        Body::Json { text } => fill(text, Field::Body, "Body".to_owned()),
        Body::Text { text, content_type } => {
            fill(text, Field::Body, "Body".to_owned());
            fill(content_type, Field::Body, "Body content type".to_owned());
        }
        Body::Form { fields } => {
            for (i, row) in fields.iter_mut().enumerate().filter(|(_, r)| r.enabled) {
                fill(
                    &mut row.name,
                    Field::FormField(i),
                    format!("Form field {}", i + 1),
                );
                fill(
                    &mut row.value,
                    Field::FormField(i),
                    format!("Form field {}", i + 1),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(resolved)
    } else {
        Err(errors)
    }
}

/// `text` with each `{{ name }}` replaced by its value, or the names that are not defined.
/// A name is letters, digits, `_`, `-` and `.`; anything else between braces is left as text.
pub fn substitute(text: &str, environment: &[KeyValue]) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(text.len());
    let mut missing: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return finish(out, missing);
        };
        let name = after[..end].trim();
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !is_name {
            out.push_str("{{");
            rest = after;
            continue;
        }
        match environment
            .iter()
            .rev()
            .find(|v| v.enabled && v.name.trim() == name)
        {
            Some(variable) => out.push_str(&variable.value),
            None => {
                if !missing.iter().any(|m| m == name) {
                    missing.push(name.to_owned());
                }
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    finish(out, missing)
}

fn finish(out: String, missing: Vec<String>) -> Result<String, Vec<String>> {
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

/// Adds an imported environment to `environment`: a variable of the same name takes the
/// imported value (and enabled state), new names are appended in order. Rows without a name are
/// skipped. Returns how many variables were added or changed.
pub fn merge_environment(environment: &mut Vec<KeyValue>, imported: Vec<KeyValue>) -> usize {
    let mut changed = 0;
    for row in imported.into_iter().filter(|r| !r.name.trim().is_empty()) {
        match environment
            .iter_mut()
            .find(|v| v.name.trim() == row.name.trim())
        {
            Some(existing) if *existing == row => {}
            Some(existing) => {
                *existing = row;
                changed += 1;
            }
            None => {
                environment.push(row);
                changed += 1;
            }
        }
    }
    changed
}

/// An environment as JSON: `{"variables": [{"name": …, "value": …, "enabled": …}]}`.
pub fn environment_to_json(environment: &[KeyValue]) -> String {
    let mut out = String::from("{\"variables\":");
    super::json_write::push_rows(&mut out, environment);
    out.push('}');
    out
}

/// Reads what [`environment_to_json`] wrote (or an exported environment file).
pub fn environment_from_json(text: &str) -> Result<Vec<KeyValue>, super::request::FormatError> {
    use super::json::Json;
    match Json::parse(text) {
        Some(tree @ Json::Object(_)) if matches!(tree.get("variables"), Some(Json::Array(_))) => {
            super::json_format::rows(&tree, "variables")
        }
        _ => Err(super::request::FormatError(
            "an environment file is a JSON object with a \"variables\" list".to_owned(),
        )),
    }
}
