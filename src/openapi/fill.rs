//! From an operation to a request: its server (and server variables), parameters, body, auth
//! and Accept, as a form the reader can change; [`OperationForm::request`] is the request it
//! makes. Every text taken from the description has `{{` broken up, so a description cannot
//! make the playground spend the reader's variables.

use crate::model::{
    pretty_json, ApiKeyLocation, Auth, Body, FileRef, Json, KeyValue, Part, PartValue, Request,
};

use super::check::is_json;
use super::document::{join_url, DescriptionError, Document, Version};
use super::operations::Operation;
use super::schema::{example, Direction};

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

impl Location {
    pub fn label(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// A parameter as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub location: Location,
    pub required: bool,
    pub deprecated: bool,
    pub description: String,
    /// The values its `enum` allows (a select), empty for free text.
    pub choices: Vec<String>,
    pub value: String,
    /// An array sent as repeated query pairs (`form` style, exploded), split at commas.
    pub repeated: bool,
}

/// A server variable (`{region}` in `https://{region}.example.com`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    pub name: String,
    pub choices: Vec<String>,
    pub description: String,
    pub default: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// As written, variables and all.
    pub url: String,
    pub description: String,
    pub variables: Vec<ServerVariable>,
}

/// An auth scheme the operation accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    Basic,
    Bearer,
    ApiKey {
        name: String,
        location: Location,
    },
    /// OAuth2's client credentials flow: a token fetched from `token_url`, sent as a bearer.
    ClientCredentials {
        token_url: String,
        scopes: Vec<String>,
    },
    /// A scheme the playground cannot fill (OpenID Connect, OAuth2's browser flows, mutual
    /// TLS): named, with what to do instead.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityOption {
    /// Its name in the description (`petstore_auth`).
    pub name: String,
    pub scheme: Scheme,
}

/// A body the operation documents, filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyOption {
    pub content_type: String,
    pub body: Body,
    pub required: bool,
}

/// Everything the panel shows of the chosen operation, and what it makes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationForm {
    pub operation: Operation,
    pub servers: Vec<Server>,
    pub server: usize,
    /// Values of the chosen server's variables.
    pub server_values: Vec<String>,
    pub parameters: Vec<Parameter>,
    pub bodies: Vec<BodyOption>,
    pub body: usize,
    pub security: Vec<SecurityOption>,
    /// The chosen scheme, or none.
    pub auth: Option<usize>,
    pub accept: String,
    /// What relative server URLs resolve against when the description has no URL of its own.
    pub base: Option<String>,
    /// What the form could not fill, in words.
    pub notes: Vec<String>,
    /// Whether the description's text had `{{` (broken up: see [`defuse`]).
    defused: bool,
}

/// `{{` broken up: a description's text never names a reader's variable.
pub fn defuse(text: &str) -> String {
    let mut text = text.to_owned();
    // `{{{x}}}` becomes `{ {{x}}}` in one pass: again until no `{{` is left.
    while text.contains("{{") {
        text = text.replace("{{", "{ {");
    }
    text
}

/// A value's text when it is a string, else empty.
pub(super) fn string(value: Option<&Json>) -> String {
    match value {
        Some(Json::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// A value as a parameter's text: strings as they are, lists joined by commas.
fn value_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Number(n) => n.clone(),
        Json::Bool(b) => b.to_string(),
        Json::Null => String::new(),
        Json::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(","),
        Json::Object(_) => value.to_text(),
    }
}

fn texts(value: Option<&Json>) -> Vec<String> {
    match value {
        Some(Json::Array(items)) => items
            .iter()
            .filter(|i| !matches!(i, Json::Null))
            .map(value_text)
            .collect(),
        _ => Vec::new(),
    }
}

/// The first of a media type's (or parameter's) `examples` map.
fn first_example<'a>(document: &'a Document, holder: &'a Json) -> Option<&'a Json> {
    if let Some(example) = holder.get("example") {
        return Some(example);
    }
    match holder.get("examples") {
        Some(Json::Object(examples)) => examples.iter().find_map(|(_, e)| {
            let e = document.resolve(e).ok()?;
            e.get("value")
        }),
        _ => None,
    }
}

impl OperationForm {
    /// The form for `operation`, every field filled with the description's examples and
    /// defaults (or values made from the schemas).
    pub fn new(
        document: &Document,
        operation: &Operation,
        base: Option<&str>,
    ) -> Result<OperationForm, DescriptionError> {
        let (item, object) = operation.objects(document).ok_or_else(|| {
            DescriptionError::new(
                format!(
                    "paths › {} › {}",
                    operation.path,
                    operation.method.to_ascii_lowercase()
                ),
                "this operation could not be read",
            )
        })?;
        let mut notes = Vec::new();
        let servers = servers(document, item, object, base);
        let server_values = servers
            .first()
            .map(|s| s.variables.iter().map(|v| v.default.clone()).collect())
            .unwrap_or_default();
        let mut parameters = Vec::new();
        let mut swagger_body = Vec::new();
        for holder in [item, object] {
            if let Some(Json::Array(list)) = holder.get("parameters") {
                for raw in list {
                    let Ok(parameter) = document.resolve(raw) else {
                        notes.push(format!(
                            "A parameter's $ref could not be read: {}",
                            document
                                .resolve(raw)
                                .err()
                                .map(|e| e.to_string())
                                .unwrap_or_default()
                        ));
                        continue;
                    };
                    let name = string(parameter.get("name"));
                    let place = string(parameter.get("in"));
                    if place == "body" || place == "formData" {
                        swagger_body.retain(|p: &&Json| string(p.get("name")) != name);
                        swagger_body.push(parameter);
                        continue;
                    }
                    let location = match place.as_str() {
                        "path" => Location::Path,
                        "query" => Location::Query,
                        "header" => Location::Header,
                        "cookie" => Location::Cookie,
                        _ => continue,
                    };
                    // An operation's parameter replaces the path item's of the same name and place.
                    parameters.retain(|p: &Parameter| !(p.name == name && p.location == location));
                    parameters.push(parameter_of(document, parameter, name, location));
                }
            }
        }
        // Parameters the template names but the description forgot.
        for name in template_names(&operation.path) {
            if !parameters
                .iter()
                .any(|p| p.location == Location::Path && p.name == name)
            {
                notes.push(format!("The path names {{{name}}}, which the description does not document; it was given the value \"{name}\"."));
                parameters.push(Parameter {
                    value: name.clone(),
                    name,
                    location: Location::Path,
                    required: true,
                    deprecated: false,
                    description: String::new(),
                    choices: Vec::new(),
                    repeated: false,
                });
            }
        }
        let bodies = match document.version {
            Version::Swagger2 => swagger_bodies(document, object, &swagger_body),
            _ => request_bodies(document, object),
        };
        let security = security(document, object, &mut notes);
        let auth = security
            .iter()
            .position(|s| !matches!(s.scheme, Scheme::Other(_)));
        if let (None, Some(first)) = (auth, security.first()) {
            if let Scheme::Other(why) = &first.scheme {
                notes.push(why.clone());
            }
        }
        Ok(OperationForm {
            operation: operation.clone(),
            accept: accept(document, object),
            server_values,
            servers,
            server: 0,
            parameters,
            body: 0,
            bodies,
            security,
            auth,
            base: document.url.clone().or(base.map(str::to_owned)),
            notes,
            defused: false,
        }
        .defusing())
    }

    /// Every text the description gave, with `{{` broken up, once: what the reader types
    /// afterwards is theirs, `{{variables}}` and all.
    fn defusing(mut self) -> OperationForm {
        let mut changed = false;
        let mut fix = |text: &mut String| {
            if text.contains("{{") {
                *text = defuse(text);
                changed = true;
            }
        };
        for server in &mut self.servers {
            fix(&mut server.url);
            for variable in &mut server.variables {
                fix(&mut variable.default);
                variable.choices.iter_mut().for_each(&mut fix);
            }
        }
        self.server_values.iter_mut().for_each(&mut fix);
        for parameter in &mut self.parameters {
            fix(&mut parameter.name);
            fix(&mut parameter.value);
            parameter.choices.iter_mut().for_each(&mut fix);
        }
        fix(&mut self.accept);
        for option in &mut self.bodies {
            match &mut option.body {
                Body::Json { text } => fix(text),
                Body::Text { text, content_type } => {
                    fix(text);
                    fix(content_type);
                }
                Body::Form { fields } => fields.iter_mut().for_each(|f| {
                    fix(&mut f.name);
                    fix(&mut f.value);
                }),
                Body::Multipart { parts } => parts.iter_mut().for_each(|p| {
                    fix(&mut p.name);
                    match &mut p.value {
                        PartValue::Text(text) => fix(text),
                        PartValue::File { file, content_type } => {
                            fix(&mut file.file_name);
                            fix(content_type);
                        }
                    }
                }),
                Body::Binary { content_type, .. } => fix(content_type),
                Body::None => {}
            }
        }
        for option in &mut self.security {
            match &mut option.scheme {
                Scheme::ApiKey { name, .. } => fix(name),
                Scheme::ClientCredentials { token_url, scopes } => {
                    fix(token_url);
                    scopes.iter_mut().for_each(&mut fix);
                }
                _ => {}
            }
        }
        // Pieces may meet into a `{{` (see `url`).
        let assembled = format!("{}{}", self.filled_server(), self.filled_path());
        self.defused = changed || assembled.contains("{{");
        self
    }

    /// The chosen server's URL as written, its variables filled in.
    fn filled_server(&self) -> String {
        let Some(server) = self.servers.get(self.server) else {
            return String::new();
        };
        let mut url = server.url.clone();
        for (variable, value) in server.variables.iter().zip(&self.server_values) {
            url = url.replace(&format!("{{{}}}", variable.name), value);
        }
        url
    }

    /// The path with its parameters filled in, percent-encoded.
    fn filled_path(&self) -> String {
        let mut path = self.operation.path.clone();
        for parameter in self
            .parameters
            .iter()
            .filter(|p| p.location == Location::Path)
        {
            path = path.replace(
                &format!("{{{}}}", parameter.name),
                &encode_segment(&parameter.value),
            );
        }
        path
    }

    /// Chooses server `i`, its variables at their defaults.
    pub fn choose_server(&mut self, i: usize) {
        if let Some(server) = self.servers.get(i) {
            self.server = i;
            self.server_values = server.variables.iter().map(|v| v.default.clone()).collect();
        }
    }

    /// The chosen server's URL, variables filled in, resolved against the description's URL
    /// (or the page's), without a trailing slash.
    pub fn server_url(&self) -> String {
        if self.servers.get(self.server).is_none() {
            return self.base.clone().unwrap_or_default();
        }
        let url = self.filled_server();
        let url = join_url(self.base.as_deref(), &url).unwrap_or(url);
        defuse(url.trim_end_matches('/'))
    }

    /// The URL without its query: server, then the path with its parameters filled in.
    pub fn url(&self) -> String {
        if self.operation.webhook {
            return WEBHOOK_URL.to_owned();
        }
        let path = self.filled_path();
        // Pieces that are harmless alone may meet: a server variable's `{` before the URL's
        // `{token}}`. The URL as a whole is checked (path values are percent-encoded, so a
        // `{{` can only come from the description or a server variable).
        defuse(&format!("{}{}", self.server_url(), path))
    }

    /// The request the form makes.
    pub fn request(&self) -> Request {
        let mut request = Request {
            method: self.operation.method.clone(),
            url: self.url(),
            ..Request::default()
        };
        for parameter in &self.parameters {
            let rows = match parameter.location {
                Location::Query => &mut request.params,
                Location::Header => &mut request.headers,
                _ => continue,
            };
            let values: Vec<&str> = if parameter.repeated && parameter.location == Location::Query {
                parameter.value.split(',').collect()
            } else {
                vec![parameter.value.as_str()]
            };
            for value in values {
                rows.push(KeyValue {
                    name: parameter.name.clone(),
                    value: value.to_owned(),
                    enabled: parameter.required || !value.is_empty(),
                });
            }
        }
        if let Some(cookie) = self.cookie_header() {
            request.headers.push(cookie);
        }
        if !self.accept.is_empty()
            && !request
                .headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("accept"))
        {
            request
                .headers
                .push(KeyValue::new("Accept", self.accept.clone()));
        }
        if let Some(option) = self.bodies.get(self.body) {
            request.body = option.body.clone();
        }
        request.auth = self.filled_auth();
        request
    }

    /// The auth the chosen scheme fills (its credentials left for the reader); a cookie API
    /// key is part of the Cookie header instead (see `cookie_header`).
    pub fn filled_auth(&self) -> Auth {
        match self
            .auth
            .and_then(|i| self.security.get(i))
            .map(|s| &s.scheme)
        {
            Some(Scheme::Basic) => Auth::Basic {
                username: String::new(),
                password: String::new(),
            },
            Some(Scheme::Bearer | Scheme::ClientCredentials { .. }) => Auth::Bearer {
                token: String::new(),
            },
            Some(Scheme::ApiKey {
                name,
                location: Location::Query,
            }) => Auth::ApiKey {
                name: name.clone(),
                value: String::new(),
                location: ApiKeyLocation::Query,
            },
            Some(Scheme::ApiKey {
                name,
                location: Location::Header,
            }) => Auth::ApiKey {
                name: name.clone(),
                value: String::new(),
                location: ApiKeyLocation::Header,
            },
            // A cookie key is part of the Cookie header (see cookie_header).
            _ => Auth::None,
        }
    }

    /// Puts the chosen scheme into `request`: its Auth, and the Cookie header (a cookie API key
    /// is in it), leaving the rest as the reader made it.
    pub fn apply_auth(&self, request: &mut Request) {
        request.auth = self.filled_auth();
        self.replace_cookie_header(request);
    }

    fn replace_cookie_header(&self, request: &mut Request) {
        request
            .headers
            .retain(|h| !h.name.eq_ignore_ascii_case("cookie"));
        request.headers.extend(self.cookie_header());
    }

    /// The Cookie header of the cookie parameters (and a cookie API key), if any is set.
    fn cookie_header(&self) -> Option<KeyValue> {
        let mut pairs: Vec<String> = self
            .parameters
            .iter()
            .filter(|p| p.location == Location::Cookie && (p.required || !p.value.is_empty()))
            .map(|p| format!("{}={}", p.name, p.value))
            .collect();
        if let Some(Scheme::ApiKey {
            name,
            location: Location::Cookie,
        }) = self
            .auth
            .and_then(|i| self.security.get(i))
            .map(|s| &s.scheme)
        {
            pairs.push(format!("{name}="));
        }
        (!pairs.is_empty()).then(|| KeyValue::new("Cookie", pairs.join("; ")))
    }

    /// Puts parameter `i`'s (new) value into `request`, leaving the rest of it as the reader
    /// made it: a path parameter rewrites the URL, a query or header parameter its row.
    pub fn apply_parameter(&self, request: &mut Request, i: usize) {
        let Some(parameter) = self.parameters.get(i) else {
            return;
        };
        let (rows, name) = match parameter.location {
            Location::Path => {
                request.url = self.url();
                return;
            }
            Location::Cookie => {
                self.replace_cookie_header(request);
                return;
            }
            Location::Query => (&mut request.params, parameter.name.clone()),
            Location::Header => (&mut request.headers, parameter.name.clone()),
        };
        let at = rows
            .iter()
            .position(|r| r.name == name)
            .unwrap_or(rows.len());
        rows.retain(|r| r.name != name);
        let values: Vec<&str> = if parameter.repeated && parameter.location == Location::Query {
            parameter.value.split(',').collect()
        } else {
            vec![parameter.value.as_str()]
        };
        for (k, value) in values.into_iter().enumerate() {
            rows.insert(
                (at + k).min(rows.len()),
                KeyValue {
                    name: name.clone(),
                    value: value.to_owned(),
                    enabled: parameter.required || !value.is_empty(),
                },
            );
        }
    }

    /// Whether any text of the description had `{{` broken up.
    pub fn defused(&self) -> bool {
        self.defused
    }
}

/// Where a webhook's request goes until the reader gives their receiver's URL.
pub const WEBHOOK_URL: &str = "https://example.com/webhook-receiver";

/// The `{names}` of a path template.
pub fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    names
}

/// A path segment's value, percent-encoded where a path may not hold it.
pub fn encode_segment(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn parameter_of(
    document: &Document,
    parameter: &Json,
    name: String,
    location: Location,
) -> Parameter {
    // OpenAPI 3 keeps the type in `schema`; Swagger 2.0 on the parameter itself.
    let schema = match parameter.get("schema") {
        Some(schema) => document.resolve(schema).unwrap_or(schema),
        None => parameter,
    };
    let items = schema
        .get("items")
        .map(|i| document.resolve(i).unwrap_or(i));
    let mut choices = texts(schema.get("enum"));
    if choices.is_empty() {
        choices = texts(items.and_then(|i| i.get("enum")));
    }
    let is_array = string(schema.get("type")) == "array"
        || matches!(schema.get("type"), Some(Json::Array(t)) if t.contains(&Json::String("array".to_owned())));
    let value = first_example(document, parameter)
        .or_else(|| parameter.get("x-example"))
        .map(value_text)
        .unwrap_or_else(|| value_text(&example(document, schema, Direction::Request, true)));
    let style = string(parameter.get("style"));
    let explode = match parameter.get("explode") {
        Some(Json::Bool(b)) => *b,
        _ => style.is_empty() || style == "form",
    };
    let collection = string(parameter.get("collectionFormat"));
    let repeated = is_array
        && location == Location::Query
        && match document.version {
            Version::Swagger2 => collection == "multi",
            _ => explode && (style.is_empty() || style == "form"),
        };
    Parameter {
        required: location == Location::Path
            || parameter.get("required") == Some(&Json::Bool(true)),
        deprecated: parameter.get("deprecated") == Some(&Json::Bool(true)),
        description: string(parameter.get("description")),
        choices,
        value,
        repeated,
        name,
        location,
    }
}

fn servers(document: &Document, item: &Json, object: &Json, base: Option<&str>) -> Vec<Server> {
    if document.version == Version::Swagger2 {
        let base = document.url.as_deref().or(base);
        let base_scheme = base
            .and_then(|b| b.split_once("://"))
            .map(|(s, _)| s.to_owned());
        let schemes = texts(document.root.get("schemes"));
        let scheme = schemes
            .iter()
            .find(|s| *s == "https")
            .or(schemes.first())
            .cloned()
            .or(base_scheme)
            .unwrap_or_else(|| "https".to_owned());
        let host = match document.root.get("host") {
            Some(Json::String(h)) => h.clone(),
            _ => base
                .and_then(|b| b.split_once("://"))
                .map(|(_, rest)| {
                    rest.split(['/', '?', '#'])
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                })
                .unwrap_or_default(),
        };
        let base_path = string(document.root.get("basePath"));
        let url = if host.is_empty() {
            base_path
        } else {
            format!("{scheme}://{host}{base_path}")
        };
        return vec![Server {
            url,
            description: String::new(),
            variables: Vec::new(),
        }];
    }
    // The operation's own servers win over its path's, which win over the description's.
    let list = [object, item, &document.root]
        .into_iter()
        .find_map(|holder| match holder.get("servers") {
            Some(Json::Array(list)) if !list.is_empty() => Some(list),
            _ => None,
        });
    let Some(list) = list else {
        return vec![Server {
            url: "/".to_owned(),
            description: String::new(),
            variables: Vec::new(),
        }];
    };
    list.iter()
        .map(|server| Server {
            url: string(server.get("url")),
            description: string(server.get("description")),
            variables: match server.get("variables") {
                Some(Json::Object(variables)) => variables
                    .iter()
                    .map(|(name, v)| ServerVariable {
                        name: name.clone(),
                        choices: texts(v.get("enum")),
                        description: string(v.get("description")),
                        default: v.get("default").map(value_text).unwrap_or_default(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// The order media types are offered in: JSON first, then forms, then the rest as listed.
fn rank(content_type: &str) -> u8 {
    let t = content_type.to_ascii_lowercase();
    if t == "application/json" {
        0
    } else if is_json(&t) {
        1
    } else if t == "application/x-www-form-urlencoded" {
        2
    } else if t == "multipart/form-data" {
        3
    } else {
        4
    }
}

fn request_bodies(document: &Document, object: &Json) -> Vec<BodyOption> {
    let Some(body) = object.get("requestBody") else {
        return Vec::new();
    };
    let Ok(body) = document.resolve(body) else {
        return Vec::new();
    };
    let required = body.get("required") == Some(&Json::Bool(true));
    let Some(Json::Object(content)) = body.get("content") else {
        return Vec::new();
    };
    let mut options: Vec<BodyOption> = content
        .iter()
        .map(|(content_type, media)| {
            let media = document.resolve(media).unwrap_or(media);
            let schema = media
                .get("schema")
                .map(|s| document.resolve(s).unwrap_or(s));
            let value = first_example(document, media)
                .cloned()
                .or_else(|| schema.map(|s| example(document, s, Direction::Request, true)));
            BodyOption {
                body: body_for(document, content_type, schema, value),
                content_type: content_type.clone(),
                required,
            }
        })
        .collect();
    options.sort_by_key(|o| rank(&o.content_type));
    options
}

fn swagger_bodies(document: &Document, object: &Json, parameters: &[&Json]) -> Vec<BodyOption> {
    if parameters.is_empty() {
        return Vec::new();
    }
    let consumes = {
        let own = texts(object.get("consumes"));
        if own.is_empty() {
            texts(document.root.get("consumes"))
        } else {
            own
        }
    };
    if let Some(body) = parameters.iter().find(|p| string(p.get("in")) == "body") {
        let schema = body.get("schema").map(|s| document.resolve(s).unwrap_or(s));
        let value = body
            .get("x-example")
            .cloned()
            .or_else(|| schema.map(|s| example(document, s, Direction::Request, true)));
        let mut types: Vec<String> = consumes.clone();
        if types.is_empty() {
            types.push("application/json".to_owned());
        }
        types.sort_by_key(|t| rank(t));
        return types
            .into_iter()
            .map(|content_type| BodyOption {
                body: body_for(document, &content_type, schema, value.clone()),
                content_type,
                required: body.get("required") == Some(&Json::Bool(true)),
            })
            .collect();
    }
    // formData: a form, or multipart when a field is a file (or the operation says so).
    let multipart = parameters.iter().any(|p| string(p.get("type")) == "file")
        || consumes.iter().any(|c| c == "multipart/form-data");
    let fields: Vec<(String, bool, Json)> = parameters
        .iter()
        .map(|p| {
            let value = p
                .get("x-example")
                .cloned()
                .unwrap_or_else(|| example(document, p, Direction::Request, true));
            let file = string(p.get("type")) == "file";
            (string(p.get("name")), file, value)
        })
        .collect();
    let required = parameters
        .iter()
        .any(|p| p.get("required") == Some(&Json::Bool(true)));
    let body = if multipart {
        Body::Multipart {
            parts: fields
                .into_iter()
                .map(|(name, file, value)| part(name, file, &value))
                .collect(),
        }
    } else {
        Body::Form {
            fields: fields
                .into_iter()
                .map(|(name, _, value)| KeyValue::new(name, value_text(&value)))
                .collect(),
        }
    };
    vec![BodyOption {
        content_type: if multipart {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        }
        .to_owned(),
        body,
        required,
    }]
}

fn part(name: String, file: bool, value: &Json) -> Part {
    Part {
        value: if file {
            PartValue::File {
                file: FileRef::missing(name.clone()),
                content_type: String::new(),
            }
        } else {
            PartValue::Text(value_text(value))
        },
        name,
        enabled: true,
    }
}

/// Whether a property's schema is a file (`format: binary`, or 3.1's `contentMediaType`).
fn is_file(document: &Document, schema: &Json) -> bool {
    let schema = document.resolve(schema).unwrap_or(schema);
    let format = string(schema.get("format"));
    format == "binary"
        || format == "base64" && schema.get("contentMediaType").is_some()
        || schema.get("contentMediaType").is_some()
        || schema.get("items").is_some_and(|i| is_file(document, i))
}

fn body_for(
    document: &Document,
    content_type: &str,
    schema: Option<&Json>,
    value: Option<Json>,
) -> Body {
    let lower = content_type.to_ascii_lowercase();
    let value = value.unwrap_or(Json::Null);
    let fields = || -> Vec<(String, Json, bool)> {
        let properties = match schema.and_then(|s| s.get("properties")) {
            Some(Json::Object(p)) => p.clone(),
            _ => Vec::new(),
        };
        match &value {
            Json::Object(members) => members
                .iter()
                .map(|(k, v)| {
                    let file = properties
                        .iter()
                        .any(|(name, p)| name == k && is_file(document, p));
                    (k.clone(), v.clone(), file)
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    if lower == "application/x-www-form-urlencoded" {
        return Body::Form {
            fields: fields()
                .into_iter()
                .map(|(name, value, _)| KeyValue::new(name, value_text(&value)))
                .collect(),
        };
    }
    if lower.starts_with("multipart/") {
        return Body::Multipart {
            parts: fields()
                .into_iter()
                .map(|(name, value, file)| part(name, file, &value))
                .collect(),
        };
    }
    if is_json(&lower) {
        let compact = value.to_text();
        let text = pretty_json(&compact).unwrap_or(compact);
        return if lower == "application/json" {
            Body::Json { text }
        } else {
            Body::Text {
                text,
                content_type: content_type.to_owned(),
            }
        };
    }
    if lower == "application/octet-stream"
        || lower.starts_with("image/")
        || lower.starts_with("audio/")
        || lower.starts_with("video/")
        || lower == "application/pdf"
    {
        return Body::Binary {
            file: FileRef::missing("file"),
            content_type: content_type.to_owned(),
        };
    }
    let text = match &value {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_text(),
    };
    Body::Text {
        text,
        content_type: content_type.to_owned(),
    }
}

fn security(document: &Document, object: &Json, notes: &mut Vec<String>) -> Vec<SecurityOption> {
    let requirements = match object.get("security").or(document.root.get("security")) {
        Some(Json::Array(list)) => list.as_slice(),
        _ => &[],
    };
    let definitions = match document.version {
        Version::Swagger2 => document.root.get("securityDefinitions"),
        _ => document
            .root
            .get("components")
            .and_then(|c| c.get("securitySchemes")),
    };
    let mut options: Vec<SecurityOption> = Vec::new();
    for requirement in requirements {
        let Json::Object(names) = requirement else {
            continue;
        };
        for (name, scopes) in names {
            if options.iter().any(|o| o.name == *name) {
                continue;
            }
            let Some(definition) = definitions.and_then(|d| d.get(name)) else {
                notes.push(format!(
                    "Security scheme \"{name}\" is not defined in the description."
                ));
                continue;
            };
            let definition = document.resolve(definition).unwrap_or(definition);
            options.push(SecurityOption {
                name: name.clone(),
                scheme: scheme_of(document, definition, name, texts(Some(scopes))),
            });
        }
    }
    options
}

fn scheme_of(document: &Document, definition: &Json, name: &str, scopes: Vec<String>) -> Scheme {
    let kind = string(definition.get("type"));
    match kind.as_str() {
        "basic" => Scheme::Basic,
        "http" => match string(definition.get("scheme")).to_ascii_lowercase().as_str() {
            "basic" => Scheme::Basic,
            "bearer" => Scheme::Bearer,
            other => Scheme::Other(format!("Security scheme \"{name}\" uses HTTP {other} auth, which the playground cannot fill: add its Authorization header under Headers.")),
        },
        "apiKey" => Scheme::ApiKey {
            name: string(definition.get("name")),
            location: match string(definition.get("in")).as_str() {
                "query" => Location::Query,
                "cookie" => Location::Cookie,
                _ => Location::Header,
            },
        },
        "oauth2" => {
            let (token_url, all_scopes) = match document.version {
                Version::Swagger2 if string(definition.get("flow")) == "application" => {
                    (Some(string(definition.get("tokenUrl"))), definition.get("scopes"))
                }
                Version::Swagger2 => (None, None),
                _ => match definition.get("flows").and_then(|f| f.get("clientCredentials")) {
                    Some(flow) => (Some(string(flow.get("tokenUrl"))), flow.get("scopes")),
                    None => (None, None),
                },
            };
            match token_url {
                Some(token_url) => Scheme::ClientCredentials {
                    token_url,
                    scopes: if scopes.is_empty() {
                        match all_scopes {
                            Some(Json::Object(s)) => s.iter().map(|(k, _)| k.clone()).collect(),
                            _ => Vec::new(),
                        }
                    } else {
                        scopes
                    },
                },
                None => Scheme::Other(format!("Security scheme \"{name}\" is OAuth2 with a browser sign-in flow, which the playground does not run: get a token elsewhere and paste it as a Bearer token under Auth.")),
            }
        }
        other => Scheme::Other(format!("Security scheme \"{name}\" ({other}) is not one the playground can fill: add its credentials under Headers.")),
    }
}

/// Accept: the media types of the success responses, JSON first.
fn accept(document: &Document, object: &Json) -> String {
    let mut types: Vec<String> = Vec::new();
    if document.version == Version::Swagger2 {
        types = texts(object.get("produces"));
        if types.is_empty() {
            types = texts(document.root.get("produces"));
        }
    } else if let Some(Json::Object(responses)) = object.get("responses") {
        for (status, response) in responses {
            if !status.starts_with('2') {
                continue;
            }
            let Ok(response) = document.resolve(response) else {
                continue;
            };
            if let Some(Json::Object(content)) = response.get("content") {
                for (content_type, _) in content {
                    if !types.contains(content_type) {
                        types.push(content_type.clone());
                    }
                }
            }
        }
    }
    types.retain(|t| !t.contains('*') || t == "*/*");
    types.sort_by_key(|t| rank(t));
    types.join(", ")
}

/// A request for an OAuth2 token (client credentials, RFC 6749 §4.4): the client's id and
/// secret as HTTP Basic (§2.3.1), the grant and the scopes as a form.
pub fn token_request(
    token_url: &str,
    client_id: &str,
    client_secret: &str,
    scopes: &str,
) -> Request {
    let mut fields = vec![KeyValue::new("grant_type", "client_credentials")];
    if !scopes.trim().is_empty() {
        fields.push(KeyValue::new("scope", scopes.trim()));
    }
    Request {
        method: "POST".to_owned(),
        url: token_url.to_owned(),
        headers: vec![KeyValue::new("Accept", "application/json")],
        auth: Auth::Basic {
            username: client_id.to_owned(),
            password: client_secret.to_owned(),
        },
        body: Body::Form { fields },
        ..Request::default()
    }
}

/// The access token of a token endpoint's answer, or why there is none (its `error`, or what
/// is wrong with the answer).
pub fn read_token(status: u16, body: &str) -> Result<String, String> {
    let json = Json::parse(body);
    let field = |key: &str| {
        json.as_ref()
            .and_then(|j| j.get(key))
            .map(value_text)
            .filter(|s| !s.is_empty())
    };
    if let Some(token) = field("access_token").filter(|_| (200..300).contains(&status)) {
        return Ok(token);
    }
    match (field("error"), field("error_description")) {
        (Some(error), Some(description)) => Err(format!("The token endpoint answered {status}: {error} ({description}).")),
        (Some(error), None) => Err(format!("The token endpoint answered {status}: {error}.")),
        _ if json.is_none() => Err(format!("The token endpoint answered {status} without JSON: it is not an OAuth2 token endpoint, or the URL is wrong.")),
        _ => Err(format!("The token endpoint answered {status} without an access_token.")),
    }
}
