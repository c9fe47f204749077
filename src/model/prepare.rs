//! Turns a [`Request`] into exactly what goes on the wire, or into the list of fields to fix.
//! Transport and every code generator start from [`Prepared`], so they cannot disagree.

use super::encoding::base64_encode;
use super::headers::{check_header_name, check_header_value, is_token_char, Browser};
use super::request::{
    effective_file_type, ApiKeyLocation, Auth, Body, FileRef, PartValue, Request,
};
use super::url::{form_urlencode, parse_url, query_pairs};

/// Methods that may carry a body but by custom do not (RFC 9110: a body on them "has no
/// generally defined semantics").
const BODYLESS_BY_CUSTOM: [&str; 2] = ["DELETE", "OPTIONS"];

/// The longest timeout accepted: one hour.
pub const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// The request as it will be sent: final URL, effective headers and body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The method as the browser sends it.
    pub method: String,
    /// Scheme, host, port and path, without the query.
    pub base_url: String,
    /// Every query pair, decoded, in the order sent.
    pub query: Vec<(String, String)>,
    /// `base_url` plus the encoded query: the URL on the wire.
    pub url: String,
    /// Enabled headers, then auth, then the body's content type, in that stable order.
    pub headers: Vec<(String, String)>,
    /// The body bytes, or `None` when nothing is sent or the body is an [`Upload`].
    pub body: Option<Vec<u8>>,
    /// A body of files and fields, whose bytes the browser (or the generated program) reads.
    pub upload: Option<Upload>,
    pub timeout_ms: u64,
}

/// A body made of files: the model names them; the bytes come from the page's file store, an
/// inline document or, in generated code, the working directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upload {
    /// `multipart/form-data`: the enabled parts in order, each file's content type settled.
    /// No Content-Type header is in the list: the sender writes it with its boundary.
    Multipart(Vec<UploadPart>),
    /// One file as the whole body; its Content-Type is in the header list.
    File(FileRef),
}

/// A part as it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPart {
    pub name: String,
    /// For a file, `content_type` is the one sent: the part's own, else its name's.
    pub value: PartValue,
}

/// Files over this size get a note: the browser reads them as they are sent, but generated
/// programs that read the file into memory need that much memory, and servers often refuse.
pub const LARGE_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// The part of the form a problem belongs to. Indexes count rows from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Method,
    Url,
    Param(usize),
    Header(usize),
    Auth,
    Body,
    FormField(usize),
    /// A row of a multipart body.
    Part(usize),
    Timeout,
}

/// One problem with the request, naming the field and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub field: Field,
    /// The field as the user sees it, for example `Header 2 "X Token"`.
    pub label: String,
    pub message: String,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.label, self.message)
    }
}

impl std::error::Error for ValidationError {}

impl Prepared {
    /// The value of a header, looked up case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether a body is sent, as bytes or as an upload.
    pub fn sends_body(&self) -> bool {
        self.body.is_some() || self.upload.is_some()
    }
}

impl Request {
    /// Everything that would make the request fail or be altered before it is sent.
    pub fn validate(&self) -> Vec<ValidationError> {
        self.prepare().err().unwrap_or_default()
    }

    /// Computes the wire form of the request, or every problem found, each naming its field.
    pub fn prepare(&self) -> Result<Prepared, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let method = self.effective_method();
        check_method(&method, &mut errors);

        let parsed = parse_url(&self.url)
            .map_err(|e| errors.push(error(Field::Url, "URL".to_owned(), e.to_string())))
            .ok();
        for (i, param) in self.params.iter().enumerate() {
            if param.enabled && param.name.is_empty() && !param.value.is_empty() {
                errors.push(error(
                    Field::Param(i),
                    format!("Query parameter {}", i + 1),
                    "enter a name or remove the row".to_owned(),
                ));
            }
        }

        let mut headers = user_headers(self, &mut errors);
        if let Some(header) = auth_header(&self.auth, &mut errors) {
            push_unless_set(&mut headers, header);
        }
        let body = body_bytes(self, &method, &mut errors);
        let upload = upload(self, &method, &mut errors);
        if matches!(self.body, Body::Multipart { .. }) {
            flag_multipart_content_type(self, &mut errors);
        }
        if let Some(content_type) = body_content_type(&self.body) {
            match check_header_value(&content_type) {
                Ok(()) => push_unless_set(&mut headers, ("Content-Type".to_owned(), content_type)),
                Err(e) => errors.push(error(
                    Field::Body,
                    "Body content type".to_owned(),
                    e.to_string(),
                )),
            }
        }

        if self.timeout_ms == 0 || self.timeout_ms > MAX_TIMEOUT_MS {
            errors.push(error(
                Field::Timeout,
                "Timeout (s)".to_owned(),
                "enter a number of seconds above 0 and at most 3600".to_owned(),
            ));
        }

        match parsed {
            Some(parsed) if errors.is_empty() => {
                let query = query_pairs(self, &parsed);
                let base_url = parsed.base();
                let url = if query.is_empty() {
                    base_url.clone()
                } else {
                    format!("{base_url}?{}", form_urlencode(&query))
                };
                Ok(Prepared {
                    method,
                    base_url,
                    query,
                    url,
                    headers,
                    body,
                    upload,
                    timeout_ms: self.timeout_ms,
                })
            }
            _ => Err(errors),
        }
    }

    /// Why the JSON body is not valid JSON, if it is not. Only a hint: the text is still sent.
    pub fn json_body_problem(&self) -> Option<String> {
        match &self.body {
            Body::Json { text } => json_problem(text),
            _ => None,
        }
    }

    /// The files the request sends whose bytes are not here yet (restored from a link, history
    /// or a draft, or named by a pasted command): each names its row and the file to choose.
    /// Code can be generated without them; sending needs them.
    pub fn missing_files(&self) -> Vec<ValidationError> {
        let choose = |file: &FileRef| {
            format!(
                "choose the file {} again: links, history and drafts keep a file's name, not its contents",
                quoted(&file.file_name)
            )
        };
        match &self.body {
            Body::Multipart { parts } => parts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.enabled && !p.is_blank())
                .filter_map(|(i, part)| match &part.value {
                    PartValue::File { file, .. }
                        if file.is_missing() && !file.file_name.is_empty() =>
                    {
                        Some(error(
                            Field::Part(i),
                            part_label(i, &part.name),
                            choose(file),
                        ))
                    }
                    _ => None,
                })
                .collect(),
            Body::Binary { file, .. } if file.is_missing() && !file.file_name.is_empty() => {
                vec![error(Field::Body, "Body file".to_owned(), choose(file))]
            }
            _ => Vec::new(),
        }
    }

    /// The enabled headers `browser` will silently drop; snippets still send them.
    pub fn browser_refused_headers(&self, browser: Browser) -> Vec<String> {
        self.headers
            .iter()
            .filter(|h| h.enabled && browser.refuses(&h.name))
            .map(|h| h.name.trim().to_owned())
            .collect()
    }
}

/// A note, not an error, when `request` sends a body with a method that usually carries none
/// (DELETE, OPTIONS): it is sent, but some servers ignore or refuse it, and it may be left over
/// from the method chosen before.
pub fn body_note(request: &Request) -> Option<String> {
    let method = request.effective_method();
    (request.body != Body::None && BODYLESS_BY_CUSTOM.contains(&method.as_str())).then(|| {
        format!("This {method} request sends the body from the Body tab, and {method} usually carries none: some servers ignore or refuse it. Set the body to None if it is left over from another method.")
    })
}

/// Where and why `text` is not JSON, in words.
pub fn json_problem(text: &str) -> Option<String> {
    super::json::Json::validate(text).err().map(|e| {
        format!(
            "not valid JSON at line {}, column {}: {}",
            e.line, e.column, e.message
        )
    })
}

fn error(field: Field, label: String, message: String) -> ValidationError {
    ValidationError {
        field,
        label,
        message,
    }
}

fn check_method(method: &str, errors: &mut Vec<ValidationError>) {
    let label = "Method".to_owned();
    if method.is_empty() {
        errors.push(error(
            Field::Method,
            label,
            "choose or type a method".to_owned(),
        ));
    } else if let Some(c) = method.chars().find(|c| !is_token_char(*c)) {
        errors.push(error(
            Field::Method,
            label,
            format!("a method cannot contain '{c}'; use letters only, like PROPFIND"),
        ));
    } else if ["CONNECT", "TRACE", "TRACK"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
    {
        errors.push(error(
            Field::Method,
            label,
            format!("browsers refuse to send {method}; choose another method"),
        ));
    }
}

fn user_headers(request: &Request, errors: &mut Vec<ValidationError>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    // Lowercased names seen so far: a link can carry 100,000 rows, and this runs per keystroke.
    let mut seen = std::collections::HashSet::new();
    for (i, header) in request.headers.iter().enumerate() {
        if !header.enabled || header.is_blank() {
            continue;
        }
        let name = header.name.trim();
        let label = header_label(i, name);
        // Surrounding spaces are not part of a header value (RFC 9110); every client strips them.
        let value = header.value.trim_matches([' ', '\t']);
        if let Err(e) = check_header_name(name) {
            errors.push(error(Field::Header(i), label, e.to_string()));
        } else if let Err(e) = check_header_value(value) {
            errors.push(error(Field::Header(i), label, e.to_string()));
        } else if !seen.insert(name.to_ascii_lowercase()) {
            errors.push(error(
                Field::Header(i),
                label,
                "this header is set twice; remove one row or join the values with \", \""
                    .to_owned(),
            ));
        } else {
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    headers
}

fn auth_header(auth: &Auth, errors: &mut Vec<ValidationError>) -> Option<(String, String)> {
    let label = || "Auth".to_owned();
    match auth {
        Auth::None => None,
        Auth::Basic { username, password } => {
            if username.contains(':') {
                errors.push(error(
                    Field::Auth,
                    label(),
                    "a Basic auth username cannot contain ':'".to_owned(),
                ));
                return None;
            }
            let credentials = base64_encode(format!("{username}:{password}").as_bytes());
            Some(("Authorization".to_owned(), format!("Basic {credentials}")))
        }
        Auth::Bearer { token } => {
            let token = token.trim();
            if token.is_empty() {
                errors.push(error(
                    Field::Auth,
                    label(),
                    "enter a bearer token".to_owned(),
                ));
                return None;
            }
            match check_header_value(token) {
                Ok(()) => Some(("Authorization".to_owned(), format!("Bearer {token}"))),
                Err(e) => {
                    errors.push(error(Field::Auth, label(), format!("bearer token: {e}")));
                    None
                }
            }
        }
        Auth::ApiKey {
            name,
            value,
            location,
        } => {
            let name = name.trim();
            if name.is_empty() {
                errors.push(error(
                    Field::Auth,
                    label(),
                    "enter the API key's name".to_owned(),
                ));
                return None;
            }
            if *location == ApiKeyLocation::Query {
                return None;
            }
            let value = value.trim_matches([' ', '\t']);
            match check_header_name(name).and_then(|()| check_header_value(value)) {
                Ok(()) => Some((name.to_owned(), value.to_owned())),
                Err(e) => {
                    errors.push(error(Field::Auth, label(), format!("API key header: {e}")));
                    None
                }
            }
        }
    }
}

fn body_bytes(
    request: &Request,
    method: &str,
    errors: &mut Vec<ValidationError>,
) -> Option<Vec<u8>> {
    if request.body == Body::None {
        return None;
    }
    if method == "GET" || method == "HEAD" {
        errors.push(error(
            Field::Body,
            "Body".to_owned(),
            format!("browsers cannot send a body with {method}; fetch sends one with any method but GET and HEAD (POST, PUT, PATCH, DELETE…), so choose one of those or set the body to None"),
        ));
        return None;
    }
    match &request.body {
        Body::None => None,
        Body::Multipart { .. } | Body::Binary { .. } => None,
        Body::Json { text } | Body::Text { text, .. } => Some(text.as_bytes().to_vec()),
        Body::Form { fields } => {
            let mut pairs = Vec::new();
            for (i, field) in fields.iter().enumerate() {
                if !field.enabled || field.is_blank() {
                    continue;
                }
                if field.name.is_empty() {
                    errors.push(error(
                        Field::FormField(i),
                        format!("Form field {}", i + 1),
                        "enter a name or remove the row".to_owned(),
                    ));
                }
                pairs.push((field.name.clone(), field.value.clone()));
            }
            Some(form_urlencode(&pairs).into_bytes())
        }
    }
}

fn body_content_type(body: &Body) -> Option<String> {
    match body {
        Body::None => None,
        Body::Json { .. } => Some("application/json".to_owned()),
        Body::Form { .. } => Some("application/x-www-form-urlencoded".to_owned()),
        Body::Text { content_type, .. } => {
            Some(content_type.trim().to_owned()).filter(|c| !c.is_empty())
        }
        // The sender writes multipart's Content-Type with its boundary.
        Body::Multipart { .. } => None,
        Body::Binary { file, content_type } => {
            Some(effective_file_type(content_type, &file.file_name))
        }
    }
}

/// `"name"` for messages, so that spaces and empty names show.
fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// `Header 2 "X-Token"`, or `Header 2` for a row without a name.
fn header_label(i: usize, name: &str) -> String {
    if name.is_empty() {
        format!("Header {}", i + 1)
    } else {
        format!("Header {} {}", i + 1, quoted(name))
    }
}

fn part_label(i: usize, name: &str) -> String {
    if name.trim().is_empty() {
        format!("Part {}", i + 1)
    } else {
        format!("Part {} {}", i + 1, quoted(name))
    }
}

/// The multipart or file body as it is sent, or `None` (with the problems) for other bodies.
fn upload(request: &Request, method: &str, errors: &mut Vec<ValidationError>) -> Option<Upload> {
    if method == "GET" || method == "HEAD" {
        // body_bytes already named the problem.
        return None;
    }
    match &request.body {
        Body::Multipart { parts } => {
            let mut sent = Vec::new();
            for (i, part) in parts.iter().enumerate() {
                if !part.enabled || part.is_blank() {
                    continue;
                }
                let label = part_label(i, &part.name);
                if part.name.is_empty() {
                    errors.push(error(
                        Field::Part(i),
                        label.clone(),
                        "enter a name or remove the row".to_owned(),
                    ));
                } else if let Some(problem) = part_name_problem(&part.name) {
                    errors.push(error(Field::Part(i), label.clone(), problem));
                }
                let value = match &part.value {
                    PartValue::Text(text) => PartValue::Text(text.clone()),
                    PartValue::File { file, content_type } => {
                        if file.file_name.is_empty() {
                            errors.push(error(
                                Field::Part(i),
                                label.clone(),
                                "choose a file, or make this a text part".to_owned(),
                            ));
                        } else if let Some(problem) = file_name_problem(&file.file_name) {
                            errors.push(error(Field::Part(i), label.clone(), problem));
                        }
                        let content_type = effective_file_type(content_type, &file.file_name);
                        if let Err(e) = check_header_value(&content_type) {
                            errors.push(error(Field::Part(i), label, format!("content type: {e}")));
                        } else if !is_part_media_type(&content_type) {
                            errors.push(error(
                                Field::Part(i),
                                label,
                                format!("content type {}: write a media type such as image/png or text/plain; charset=utf-8", quoted(&content_type)),
                            ));
                        }
                        PartValue::File {
                            file: file.clone(),
                            content_type,
                        }
                    }
                };
                sent.push(UploadPart {
                    name: part.name.clone(),
                    value,
                });
            }
            if sent.is_empty() {
                errors.push(error(
                    Field::Body,
                    "Body".to_owned(),
                    "a multipart body needs at least one part: add a text field or a file, or set the body to None".to_owned(),
                ));
            }
            Some(Upload::Multipart(sent))
        }
        Body::Binary { file, .. } => {
            if file.file_name.is_empty() {
                errors.push(error(
                    Field::Body,
                    "Body file".to_owned(),
                    "choose the file to send, or set the body to None".to_owned(),
                ));
            } else if let Some(problem) = file_name_problem(&file.file_name) {
                errors.push(error(Field::Body, "Body file".to_owned(), problem));
            }
            Some(Upload::File(file.clone()))
        }
        _ => None,
    }
}

/// Why a part name cannot be sent alike by every sender: curl's `-F` ends the name at the first
/// `=` (what follows would be read as the value, `@file` included); a `"` is escaped differently
/// by each sender (reqwest not at all); control characters would break the part's header.
fn part_name_problem(name: &str) -> Option<String> {
    if name.contains('=') {
        Some("a part name cannot contain '=' (curl reads what follows it as the value)".to_owned())
    } else if name.contains('"') {
        Some("a part name cannot contain '\"' (senders escape it differently)".to_owned())
    } else if name.chars().any(char::is_control) {
        Some("a part name cannot contain line breaks, tabs or other control characters".to_owned())
    } else {
        None
    }
}

/// `type/subtype` with `; name=value` parameters, none of them one that curl's `-F` reads as an
/// attribute of the part (`type`, `filename`, `headers`, `encoder`), and no `,` (curl's
/// separator between files): a part's content type must not change what is sent.
fn is_part_media_type(value: &str) -> bool {
    let mut pieces = value.split(';');
    let essence = pieces.next().unwrap_or_default().trim();
    let token = |t: &str| !t.is_empty() && t.chars().all(is_token_char);
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    token(kind)
        && token(subtype)
        && !value.contains(',')
        && pieces.all(|parameter| match parameter.split_once('=') {
            Some((name, value)) => {
                let name = name.trim();
                token(name)
                    && !["type", "filename", "headers", "encoder"]
                        .iter()
                        .any(|reserved| name.eq_ignore_ascii_case(reserved))
                    && !value.trim().is_empty()
            }
            None => false,
        })
}

/// Why a file name cannot be sent as it is. Generated code opens the file by this name, so a
/// name from a link must not be a path (`../../.ssh/id_rsa`, `/etc/passwd`, `~/x`), `-` (curl's
/// standard input) or hold control characters (which would break the part's header). A file
/// a browser gives never has any of these.
fn file_name_problem(name: &str) -> Option<String> {
    if name.contains(['/', '\\']) || name == "." || name == ".." || name.starts_with('~') {
        Some(format!(
            "the file name {} is a path: a file is named by its name alone (choose the file again)",
            quoted(name)
        ))
    } else if name.starts_with('.') {
        Some(format!("the file name {} is a hidden file (like .netrc or .env), which generated code would read from the reader's folder: rename the file", quoted(name)))
    } else if name == "-" || name.starts_with('@') {
        Some(format!(
            "the file name {} means something else to curl: rename the file",
            quoted(name)
        ))
    } else if name.chars().any(char::is_control) {
        Some("a file name cannot contain line breaks, tabs or other control characters".to_owned())
    } else {
        None
    }
}

/// A Content-Type row on a multipart body: the parts are separated by a boundary that the
/// sender makes up and names in that header, so a header written by hand (without a boundary,
/// or with one the sender does not use) leaves the server unable to read the parts.
fn flag_multipart_content_type(request: &Request, errors: &mut Vec<ValidationError>) {
    for (i, header) in request.headers.iter().enumerate() {
        if !header.enabled || !header.name.trim().eq_ignore_ascii_case("content-type") {
            continue;
        }
        let value = header.value.trim().to_ascii_lowercase();
        let why = if value.starts_with("multipart/form-data") && !value.contains("boundary=") {
            "multipart/form-data without a boundary breaks the upload"
        } else if value.starts_with("multipart/form-data") {
            "the browser and each library make up their own boundary, so this one would not match the body"
        } else {
            "a multipart body is sent as multipart/form-data"
        };
        errors.push(error(
            Field::Header(i),
            header_label(i, header.name.trim()),
            format!(
                "{why}; remove this row: the sender writes Content-Type with the boundary it uses"
            ),
        ));
    }
}

/// Adds a generated header unless the user already set one of that name: an explicit header row
/// wins over what auth or the body type would add.
fn push_unless_set(headers: &mut Vec<(String, String)>, header: (String, String)) {
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case(&header.0))
    {
        headers.push(header);
    }
}
