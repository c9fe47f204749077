//! Variables: `{{name}}` in the URL, params, headers, auth and body, replaced by the values of
//! an environment before anything is validated, sent or generated, so every target holds the
//! resolved values. A name the environment does not define is reported, never sent as braces.
//! Secret variables stay on this machine unless the user includes them.

use std::ops::Range;

use super::json::Json;
use super::json_write::push_str;
use super::prepare::{Field, ValidationError};
use super::request::{Auth, Body, FormatError, Request};
use super::secrets::{is_secret_name, push_removed, Secrets};

/// One variable of the environment (the Variables tab).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub value: String,
    /// Disabled variables are kept but do not count.
    pub enabled: bool,
    /// Left out of exported files and share links unless the user includes secrets.
    pub secret: bool,
}

impl Variable {
    /// An enabled variable, secret when its name is a credential's ([`is_secret_name`]:
    /// `token`, `api_key`, `password`…); the user may change either.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        Variable {
            secret: is_secret_name(&name),
            name,
            value: value.into(),
            enabled: true,
        }
    }
}

/// The request with every `{{name}}` replaced, or one error per field that names an undefined
/// variable. Disabled variables do not count; values are inserted as they are.
pub fn resolve_variables(
    request: &Request,
    environment: &[Variable],
) -> Result<Request, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut resolved = request.clone();
    each_template(
        &mut resolved,
        &mut |text, field, label| match substitute(text, environment) {
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
        },
    );
    if errors.is_empty() {
        Ok(resolved)
    } else {
        Err(errors)
    }
}

/// `text` with each `{{ name }}` replaced by its value, or the names that are not defined.
/// A name is letters, digits, `_`, `-` and `.`; anything else between braces is left as text.
/// When a name is defined twice, the last enabled definition wins.
pub fn substitute(text: &str, environment: &[Variable]) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(text.len());
    let mut missing: Vec<String> = Vec::new();
    let mut copied = 0;
    for (range, name) in references(text) {
        out.push_str(&text[copied..range.start]);
        match definition(environment, name) {
            Some(variable) => out.push_str(&variable.value),
            None => {
                if !missing.iter().any(|m| m == name) {
                    missing.push(name.to_owned());
                }
            }
        }
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

/// The names of the variables `request` uses that `environment` defines (enabled), each once,
/// in the order the request first uses them. Only the fields resolution reads count: enabled
/// rows, the chosen auth and body.
pub fn variables_used(request: &Request, environment: &[Variable]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    each_template(&mut request.clone(), &mut |text, _, _| {
        for (_, name) in references(text) {
            if definition(environment, name).is_some() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    });
    names
}

/// The variables `request` uses ([`variables_used`]) split for a share link: the definitions
/// that travel, and the names of those that stay here. With [`Secrets::LeaveOut`], secret
/// variables stay; with [`Secrets::Include`], every one used travels.
pub fn variables_to_share(
    request: &Request,
    environment: &[Variable],
    secrets: Secrets,
) -> (Vec<Variable>, Vec<String>) {
    let mut carried = Vec::new();
    let mut withheld = Vec::new();
    for name in variables_used(request, environment) {
        match definition(environment, &name) {
            Some(variable) if variable.secret && secrets == Secrets::LeaveOut => {
                withheld.push(name)
            }
            Some(variable) => carried.push(variable.clone()),
            None => {}
        }
    }
    (carried, withheld)
}

/// Adds an imported environment to `environment`: a variable of the same name takes the
/// imported value (and enabled and secret state), new names are appended in order. Variables
/// without a name are skipped. Returns how many variables were added or changed.
pub fn merge_environment(environment: &mut Vec<Variable>, imported: Vec<Variable>) -> usize {
    let mut changed = 0;
    for variable in imported.into_iter().filter(|v| !v.name.trim().is_empty()) {
        match environment
            .iter_mut()
            .find(|v| v.name.trim() == variable.name.trim())
        {
            Some(existing) if *existing == variable => {}
            Some(existing) => {
                *existing = variable;
                changed += 1;
            }
            None => {
                environment.push(variable);
                changed += 1;
            }
        }
    }
    changed
}

/// An environment as JSON, `{"variables": [{"name", "value", "enabled", "secret"}, …]}`, and
/// what it left out. With [`Secrets::LeaveOut`] (an export), secret variables that have a
/// value are left out whole, so importing the file cannot overwrite anyone's own value, and
/// named in `"removed_secrets": ["Variable token"]`; with [`Secrets::Include`] (the browser's
/// own storage, or an export the user asked secrets in) every variable is written.
pub fn environment_to_json(environment: &[Variable], secrets: Secrets) -> (String, Vec<String>) {
    let mut written = Vec::new();
    let mut removed = Vec::new();
    for variable in environment {
        if secrets == Secrets::LeaveOut && variable.secret && !variable.value.is_empty() {
            let described = format!("Variable {}", variable.name.trim());
            if !removed.contains(&described) {
                removed.push(described);
            }
        } else {
            written.push(variable.clone());
        }
    }
    let mut out = String::from("{\"variables\":");
    push_variables(&mut out, &written);
    push_removed(&mut out, &removed);
    out.push('}');
    (out, removed)
}

/// Reads what [`environment_to_json`] wrote (or an exported environment file). A variable
/// without `"secret"` (files written before it existed) is secret when its name says so.
pub fn environment_from_json(text: &str) -> Result<Vec<Variable>, FormatError> {
    match Json::parse(text) {
        Some(tree @ Json::Object(_)) if matches!(tree.get("variables"), Some(Json::Array(_))) => {
            variables_from_json(&tree, "variables")
        }
        _ => Err(FormatError(
            "an environment file is a JSON object with a \"variables\" list".to_owned(),
        )),
    }
}

/// The variables listed under `key` in `tree`: rows as in a request, plus `"secret"`.
pub(crate) fn variables_from_json(tree: &Json, key: &str) -> Result<Vec<Variable>, FormatError> {
    let rows = super::json_format::rows(tree, key)?;
    let items: &[Json] = match tree.get(key) {
        Some(Json::Array(items)) => items,
        _ => &[],
    };
    rows.into_iter()
        .zip(items)
        .map(|(row, item)| {
            let secret = match item.get("secret") {
                None | Some(Json::Null) => is_secret_name(&row.name),
                Some(Json::Bool(secret)) => *secret,
                Some(other) => {
                    return Err(FormatError(format!(
                        "secret must be true or false, not {}",
                        other.kind()
                    )))
                }
            };
            Ok(Variable {
                name: row.name,
                value: row.value,
                enabled: row.enabled,
                secret,
            })
        })
        .collect()
}

/// Variables as a JSON array of `{"name", "value", "enabled", "secret"}`.
pub(crate) fn push_variables(out: &mut String, variables: &[Variable]) {
    out.push('[');
    for (i, variable) in variables.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        push_str(out, &variable.name);
        out.push_str(",\"value\":");
        push_str(out, &variable.value);
        out.push_str(&format!(
            ",\"enabled\":{},\"secret\":{}}}",
            variable.enabled, variable.secret
        ));
    }
    out.push(']');
}

/// The `{{ name }}` references in `text`, in order: each one's byte range (braces included) and
/// its name (trimmed). Braces around anything but a name are text, not a reference.
pub(crate) fn references(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find("{{").map(|i| at + i) {
        let inside = start + 2;
        let Some(end) = text[inside..].find("}}").map(|i| inside + i) else {
            break;
        };
        let name = text[inside..end].trim();
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if is_name {
            found.push((start..end + 2, name));
            at = end + 2;
        } else {
            at = inside;
        }
    }
    found
}

/// The variable `name` means: its last enabled definition.
fn definition<'a>(environment: &'a [Variable], name: &str) -> Option<&'a Variable> {
    environment
        .iter()
        .rev()
        .find(|v| v.enabled && v.name.trim() == name)
}

/// Calls `visit` with every text field that may hold `{{name}}` (the URL, enabled params and
/// headers, the chosen auth's fields, the body's text, content type or enabled form fields),
/// with its field and its label in messages.
fn each_template(request: &mut Request, visit: &mut dyn FnMut(&mut String, Field, String)) {
    visit(&mut request.url, Field::Url, "URL".to_owned());
    for (i, row) in request
        .params
        .iter_mut()
        .enumerate()
        .filter(|(_, r)| r.enabled)
    {
        let label = format!("Query parameter {}", i + 1);
        visit(&mut row.name, Field::Param(i), label.clone());
        visit(&mut row.value, Field::Param(i), label);
    }
    for (i, row) in request
        .headers
        .iter_mut()
        .enumerate()
        .filter(|(_, r)| r.enabled)
    {
        let label = format!("Header {}", i + 1);
        visit(&mut row.name, Field::Header(i), label.clone());
        visit(&mut row.value, Field::Header(i), label);
    }
    match &mut request.auth {
        Auth::None => {}
        Auth::Basic { username, password } => {
            visit(username, Field::Auth, "Auth".to_owned());
            visit(password, Field::Auth, "Auth".to_owned());
        }
        Auth::Bearer { token } => visit(token, Field::Auth, "Auth".to_owned()),
        Auth::ApiKey { name, value, .. } => {
            visit(name, Field::Auth, "Auth".to_owned());
            visit(value, Field::Auth, "Auth".to_owned());
        }
    }
    match &mut request.body {
        Body::None => {}
        Body::Json { text } => visit(text, Field::Body, "Body".to_owned()),
        Body::Text { text, content_type } => {
            visit(text, Field::Body, "Body".to_owned());
            visit(content_type, Field::Body, "Body content type".to_owned());
        }
        Body::Form { fields } => {
            for (i, row) in fields.iter_mut().enumerate().filter(|(_, r)| r.enabled) {
                let label = format!("Form field {}", i + 1);
                visit(&mut row.name, Field::FormField(i), label.clone());
                visit(&mut row.value, Field::FormField(i), label);
            }
        }
    }
}
