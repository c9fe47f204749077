//! Variables: `{{name}}` in the URL, params, headers, auth and body, replaced by the values of
//! an environment before anything is validated, sent or generated, so every target holds the
//! resolved values. A name the environment does not define is reported, never sent as braces.
//! Secret variables stay on this machine unless the user includes them.

use std::ops::Range;

use super::json::Json;
use super::json_read::{array, flag, object, string};
use super::json_write::push_str;
use super::prepare::{Field, ValidationError};
use super::request::{Auth, Body, FormatError, PartValue, Request};
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
/// without a name are skipped. Returns how many variables were added or changed;
/// [`merge_environment_with_report`] also says which.
pub fn merge_environment(environment: &mut Vec<Variable>, imported: Vec<Variable>) -> usize {
    let report = merge_environment_with_report(environment, imported);
    report.added.len() + report.replaced.len() + report.updated.len()
}

/// What importing an environment did ([`merge_environment_with_report`]), for the notice.
/// Names are trimmed, each listed once, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnvironmentMerge {
    /// Names that were not defined here and were appended.
    pub added: Vec<String>,
    /// Names whose value here was replaced by the file's.
    pub replaced: Vec<String>,
    /// Names whose value was the same but whose enabled or secret state was taken from the
    /// file.
    pub updated: Vec<String>,
    /// Names of the file that were already here with the same value and state.
    pub unchanged: usize,
    /// Rows of the file without a name, skipped.
    pub nameless: usize,
}

impl EnvironmentMerge {
    /// The report in words: "Variables imported. Added user and host. token's value was
    /// replaced by the file's. 1 was already the same."
    pub fn message(&self) -> String {
        let mut out = String::from("Variables imported.");
        if self.added.is_empty() && self.replaced.is_empty() && self.updated.is_empty() {
            out.push_str(" Nothing changed.");
        }
        if !self.added.is_empty() {
            out.push_str(&format!(" Added {}.", list_names(&self.added)));
        }
        match self.replaced.as_slice() {
            [] => {}
            [name] => out.push_str(&format!(" {name}'s value was replaced by the file's.")),
            names => out.push_str(&format!(
                " The values of {} were replaced by the file's.",
                list_names(names)
            )),
        }
        match self.updated.as_slice() {
            [] => {}
            [name] => out.push_str(&format!(
                " {name}'s enabled or secret setting was taken from the file."
            )),
            names => out.push_str(&format!(
                " The enabled or secret settings of {} were taken from the file.",
                list_names(names)
            )),
        }
        match self.unchanged {
            0 => {}
            1 => out.push_str(" 1 was already the same."),
            n => out.push_str(&format!(" {n} were already the same.")),
        }
        match self.nameless {
            0 => {}
            1 => out.push_str(" 1 row without a name was skipped."),
            n => out.push_str(&format!(" {n} rows without a name were skipped.")),
        }
        out
    }
}

/// `a`, `a and b`, `a, b and c`; past five names, `a, b, c, d, e and 3 more`.
fn list_names(names: &[String]) -> String {
    const SHOWN: usize = 5;
    if names.len() > SHOWN {
        return format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        );
    }
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Merges like [`merge_environment`] and reports, per name of the file, what the merge did
/// to what was here: added, value replaced by the file's, only enabled or secret state
/// changed, or unchanged. A name the file defines twice is reported once, by its end result.
pub fn merge_environment_with_report(
    environment: &mut Vec<Variable>,
    imported: Vec<Variable>,
) -> EnvironmentMerge {
    let mut report = EnvironmentMerge::default();
    let before = environment.clone();
    let mut names: Vec<String> = Vec::new();
    for variable in imported {
        let name = variable.name.trim().to_owned();
        if name.is_empty() {
            report.nameless += 1;
            continue;
        }
        match environment.iter_mut().find(|v| v.name.trim() == name) {
            Some(existing) => *existing = variable,
            None => environment.push(variable),
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    fn named<'a>(list: &'a [Variable], name: &str) -> Option<&'a Variable> {
        list.iter().find(|v| v.name.trim() == name)
    }
    for name in names {
        match (named(&before, &name), named(environment, &name)) {
            (None, _) => report.added.push(name),
            (Some(old), Some(new)) if old.value != new.value => report.replaced.push(name),
            (Some(old), Some(new)) if (old.enabled, old.secret) != (new.enabled, new.secret) => {
                report.updated.push(name)
            }
            (Some(_), _) => report.unchanged += 1,
        }
    }
    report
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
/// without `"secret"` (files written before it existed) is secret when its name says so. One
/// unreadable variable fails the whole document; [`environment_from_json_lenient`] skips it
/// instead.
pub fn environment_from_json(text: &str) -> Result<Vec<Variable>, FormatError> {
    environment_items(text)?
        .iter()
        .map(variable_from_json)
        .collect()
}

/// Reads an environment like [`environment_from_json`], but a variable that cannot be read is
/// skipped rather than failing the rest: returns the readable variables, in order, and one
/// sentence per skipped one for a notice ("Variable 2 was unreadable and skipped: value must
/// be a string, not a number", counting from 1). The error is only for a document that is not
/// an object with a `"variables"` list at all.
pub fn environment_from_json_lenient(
    text: &str,
) -> Result<(Vec<Variable>, Vec<String>), FormatError> {
    let items = environment_items(text)?;
    let mut variables = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match variable_from_json(item) {
            Ok(variable) => variables.push(variable),
            Err(FormatError(why)) => skipped.push(format!(
                "Variable {} was unreadable and skipped: {why}",
                i + 1
            )),
        }
    }
    Ok((variables, skipped))
}

/// The `"variables"` list of an environment document (the last one, if repeated, as
/// [`Json::get`] reads it).
fn environment_items(text: &str) -> Result<Vec<Json>, FormatError> {
    if let Some(Json::Object(members)) = Json::parse(text) {
        if let Some((_, Json::Array(items))) =
            members.into_iter().rev().find(|(k, _)| k == "variables")
        {
            return Ok(items);
        }
    }
    Err(FormatError(
        "an environment file is a JSON object with a \"variables\" list".to_owned(),
    ))
}

/// The variables listed under `key` in `tree` (missing or null: none).
pub(crate) fn variables_from_json(tree: &Json, key: &str) -> Result<Vec<Variable>, FormatError> {
    array(tree, key)?
        .unwrap_or_default()
        .iter()
        .map(variable_from_json)
        .collect()
}

/// One variable, `{"name", "value", "enabled", "secret"}`: a row as in a request plus
/// `"secret"`. Each may be missing or null (empty, empty, enabled, secret by its name).
fn variable_from_json(item: &Json) -> Result<Variable, FormatError> {
    object(item, "a variable must be an object with name and value")?;
    let text = |key: &str| string(item, key).map(Option::unwrap_or_default);
    let name = text("name")?;
    Ok(Variable {
        value: text("value")?,
        enabled: flag(item, "enabled")?.unwrap_or(true),
        secret: flag(item, "secret")?.unwrap_or_else(|| is_secret_name(&name)),
        name,
    })
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
        Body::Multipart { parts } => {
            for (i, part) in parts.iter_mut().enumerate().filter(|(_, p)| p.enabled) {
                let label = format!("Part {}", i + 1);
                visit(&mut part.name, Field::Part(i), label.clone());
                match &mut part.value {
                    PartValue::Text(text) => visit(text, Field::Part(i), label),
                    PartValue::File { content_type, .. } => {
                        visit(content_type, Field::Part(i), label)
                    }
                }
            }
        }
        Body::Binary { content_type, .. } => {
            visit(content_type, Field::Body, "Body content type".to_owned())
        }
    }
}
