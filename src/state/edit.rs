//! Every change the request editor makes, as data: the components turn an event into an
//! [`Edit`] and apply it; what each change means (a body kind switch keeps the text, "Custom…"
//! empties the method, a new auth kind starts from its defaults) is here and tested natively.

use crate::model::{
    apply_url_input, pretty_json, ApiKeyLocation, Auth, Body, FileRef, KeyValue, Part, PartValue,
    Request,
};

/// A row table of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Params,
    Headers,
    FormFields,
}

impl Table {
    /// The rows of this table in `request` (form fields only while the body is a form).
    pub fn rows(self, request: &Request) -> Option<&Vec<KeyValue>> {
        match (self, &request.body) {
            (Table::Params, _) => Some(&request.params),
            (Table::Headers, _) => Some(&request.headers),
            (Table::FormFields, Body::Form { fields }) => Some(fields),
            (Table::FormFields, _) => None,
        }
    }

    /// [`Table::rows`], to change.
    pub fn rows_mut(self, request: &mut Request) -> Option<&mut Vec<KeyValue>> {
        match (self, &mut request.body) {
            (Table::Params, _) => Some(&mut request.params),
            (Table::Headers, _) => Some(&mut request.headers),
            (Table::FormFields, Body::Form { fields }) => Some(fields),
            (Table::FormFields, _) => None,
        }
    }
}

/// A change to one row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowEdit {
    Name(String),
    Value(String),
    Enabled(bool),
}

/// A change to a table of rows (the request's, or a session's shared headers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowsEdit {
    /// A new empty row at the end.
    Add,
    Remove(usize),
    Row(usize, RowEdit),
}

impl RowsEdit {
    /// Changes `rows` as this edit says; a row that is not there is left alone.
    pub fn apply(self, rows: &mut Vec<KeyValue>) {
        match self {
            RowsEdit::Add => rows.push(KeyValue::default()),
            RowsEdit::Remove(index) => {
                if index < rows.len() {
                    rows.remove(index);
                }
            }
            RowsEdit::Row(index, edit) => {
                if let Some(row) = rows.get_mut(index) {
                    match edit {
                        RowEdit::Name(name) => row.name = name,
                        RowEdit::Value(value) => row.value = value,
                        RowEdit::Enabled(enabled) => row.enabled = enabled,
                    }
                }
            }
        }
    }
}

/// The kinds of body the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    None,
    Json,
    Form,
    Text,
    Multipart,
    Binary,
}

/// Whether a multipart row holds text or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Text,
    File,
}

/// A change to the parts of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartsEdit {
    /// A new empty text part at the end.
    Add,
    Remove(usize),
    Name(usize, String),
    Enabled(usize, bool),
    /// Text or file: a text part becoming a file keeps nothing; a file becoming text keeps
    /// nothing either (its bytes are not text).
    Kind(usize, PartKind),
    /// A text part's value.
    Text(usize, String),
    /// The file chosen or dropped for a part (a text part becomes a file part).
    File(usize, FileRef),
    /// A file part's content type (empty: the one its name suggests).
    ContentType(usize, String),
}

impl PartsEdit {
    /// Changes `parts` as this edit says; a part that is not there is left alone.
    pub fn apply(self, parts: &mut Vec<Part>) {
        match self {
            PartsEdit::Add => parts.push(Part::default()),
            PartsEdit::Remove(i) => {
                if i < parts.len() {
                    parts.remove(i);
                }
            }
            PartsEdit::Name(i, name) => {
                if let Some(part) = parts.get_mut(i) {
                    part.name = name;
                }
            }
            PartsEdit::Enabled(i, enabled) => {
                if let Some(part) = parts.get_mut(i) {
                    part.enabled = enabled;
                }
            }
            PartsEdit::Kind(i, kind) => {
                if let Some(part) = parts.get_mut(i) {
                    match (kind, &part.value) {
                        (PartKind::Text, PartValue::File { .. }) => {
                            part.value = PartValue::Text(String::new())
                        }
                        (PartKind::File, PartValue::Text(_)) => {
                            part.value = PartValue::File {
                                file: FileRef::default(),
                                content_type: String::new(),
                            }
                        }
                        _ => {}
                    }
                }
            }
            PartsEdit::Text(i, value) => {
                if let Some(Part {
                    value: PartValue::Text(text),
                    ..
                }) = parts.get_mut(i)
                {
                    *text = value;
                }
            }
            PartsEdit::File(i, chosen) => {
                if let Some(part) = parts.get_mut(i) {
                    match &mut part.value {
                        PartValue::File { file, .. } => *file = chosen,
                        PartValue::Text(_) => {
                            part.value = PartValue::File {
                                file: chosen,
                                content_type: String::new(),
                            }
                        }
                    }
                }
            }
            PartsEdit::ContentType(i, value) => {
                if let Some(Part {
                    value: PartValue::File { content_type, .. },
                    ..
                }) = parts.get_mut(i)
                {
                    *content_type = value;
                }
            }
        }
    }
}

impl BodyKind {
    /// The kind named by the body select's value (`none`, `json`, `form`, `text`).
    pub fn from_id(id: &str) -> BodyKind {
        match id {
            "json" => BodyKind::Json,
            "form" => BodyKind::Form,
            "text" => BodyKind::Text,
            "multipart" => BodyKind::Multipart,
            "binary" => BodyKind::Binary,
            _ => BodyKind::None,
        }
    }
}

/// The kinds of auth the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    None,
    Basic,
    Bearer,
    ApiKey,
}

impl AuthKind {
    /// The kind named by the auth select's value (`none`, `basic`, `bearer`, `api_key`).
    pub fn from_id(id: &str) -> AuthKind {
        match id {
            "basic" => AuthKind::Basic,
            "bearer" => AuthKind::Bearer,
            "api_key" => AuthKind::ApiKey,
            _ => AuthKind::None,
        }
    }
}

/// A text field of the auth settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthField {
    Username,
    Password,
    Token,
    KeyName,
    KeyValue,
}

impl AuthField {
    /// This field's text in `auth` (empty when `auth` has no such field).
    pub fn read(self, auth: &Auth) -> String {
        match (self, auth) {
            (AuthField::Username, Auth::Basic { username, .. }) => username.clone(),
            (AuthField::Password, Auth::Basic { password, .. }) => password.clone(),
            (AuthField::Token, Auth::Bearer { token }) => token.clone(),
            (AuthField::KeyName, Auth::ApiKey { name, .. }) => name.clone(),
            (AuthField::KeyValue, Auth::ApiKey { value, .. }) => value.clone(),
            _ => String::new(),
        }
    }

    fn write(self, auth: &mut Auth, text: String) {
        let slot = match (self, auth) {
            (AuthField::Username, Auth::Basic { username, .. }) => username,
            (AuthField::Password, Auth::Basic { password, .. }) => password,
            (AuthField::Token, Auth::Bearer { token }) => token,
            (AuthField::KeyName, Auth::ApiKey { name, .. }) => name,
            (AuthField::KeyValue, Auth::ApiKey { value, .. }) => value,
            _ => return,
        };
        *slot = text;
    }
}

/// One change to the request being edited.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A method from the list, or `None` for "Custom…" (an empty method to type in).
    Method(Option<String>),
    /// The custom method as typed.
    CustomMethod(String),
    /// The URL box's text (its query becomes the params table).
    Url(String),
    BodyKind(BodyKind),
    /// The JSON or raw text body's text (other bodies have none).
    BodyText(String),
    /// Bytes `.0` of the JSON or raw text body's text replaced by `.1` (the large-body editor
    /// holds a window of the text; a range that is not in the text changes nothing).
    BodySplice(std::ops::Range<usize>, String),
    /// The raw text or file body's content type.
    ContentType(String),
    /// A change to the multipart body's parts (nothing for other bodies).
    Parts(PartsEdit),
    /// The file a file body sends (nothing for other bodies).
    BodyFile(FileRef),
    /// Pretty-prints a JSON body that parses; anything else is left as typed.
    FormatJson,
    AuthKind(AuthKind),
    /// A text field of the auth settings (nothing when the auth kind has no such field).
    Auth(AuthField, String),
    /// Where an API key goes (nothing unless the auth is an API key).
    ApiKeyIn(ApiKeyLocation),
    /// The timeout, in milliseconds.
    Timeout(u64),
    /// A change to one of the request's tables (none while it has no such table).
    Rows(Table, RowsEdit),
    /// A whole request from elsewhere: an import, a restore, the author's example.
    Replace(Request),
}

impl Edit {
    /// Changes `request` as this edit says; an edit that does not apply (a row that is not
    /// there, text for a body that has none) changes nothing.
    pub fn apply(self, request: &mut Request) {
        match self {
            Edit::Method(Some(method)) => request.method = method,
            Edit::Method(None) => request.method.clear(),
            Edit::CustomMethod(method) => request.method = method,
            Edit::Url(text) => apply_url_input(request, &text),
            Edit::BodyKind(kind) => set_body_kind(request, kind),
            Edit::BodyText(value) => {
                if let Body::Json { text } | Body::Text { text, .. } = &mut request.body {
                    *text = value;
                }
            }
            Edit::BodySplice(range, value) => {
                if let Body::Json { text } | Body::Text { text, .. } = &mut request.body {
                    if range.start <= range.end && text.get(range.clone()).is_some() {
                        text.replace_range(range, &value);
                    }
                }
            }
            Edit::ContentType(value) => {
                if let Body::Text { content_type, .. } | Body::Binary { content_type, .. } =
                    &mut request.body
                {
                    *content_type = value;
                }
            }
            Edit::Parts(edit) => {
                if let Body::Multipart { parts } = &mut request.body {
                    edit.apply(parts);
                }
            }
            Edit::BodyFile(chosen) => {
                if let Body::Binary { file, .. } = &mut request.body {
                    *file = chosen;
                }
            }
            Edit::FormatJson => {
                if let Body::Json { text } = &mut request.body {
                    if let Some(pretty) = pretty_json(text) {
                        *text = pretty;
                    }
                }
            }
            Edit::AuthKind(kind) => request.auth = default_auth(kind),
            Edit::Auth(field, text) => field.write(&mut request.auth, text),
            Edit::ApiKeyIn(to) => {
                if let Auth::ApiKey { location, .. } = &mut request.auth {
                    *location = to;
                }
            }
            Edit::Timeout(ms) => request.timeout_ms = ms,
            Edit::Rows(table, edit) => {
                if let Some(rows) = table.rows_mut(request) {
                    edit.apply(rows);
                }
            }
            Edit::Replace(other) => *request = other,
        }
    }
}

/// Switches the body's kind. JSON and raw text keep each other's text (an empty JSON body
/// starts as `{}`); a urlencoded form and a multipart form keep each other's text fields (as
/// Postman does), else start with one empty row; None drops the body.
fn set_body_kind(request: &mut Request, kind: BodyKind) {
    let text = match &mut request.body {
        Body::Json { text } | Body::Text { text, .. } => std::mem::take(text),
        _ => String::new(),
    };
    let fields: Vec<KeyValue> = match &request.body {
        Body::Form { fields } => fields.clone(),
        Body::Multipart { parts } => parts
            .iter()
            .filter_map(|p| match &p.value {
                PartValue::Text(text) => Some(KeyValue {
                    name: p.name.clone(),
                    value: text.clone(),
                    enabled: p.enabled,
                }),
                PartValue::File { .. } => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if kind == BodyKind::Multipart && matches!(request.body, Body::Multipart { .. })
        || kind == BodyKind::Binary && matches!(request.body, Body::Binary { .. })
        || kind == BodyKind::Form && matches!(request.body, Body::Form { .. })
    {
        return;
    }
    request.body = match kind {
        BodyKind::Json if text.is_empty() => Body::Json { text: "{}".into() },
        BodyKind::Json => Body::Json { text },
        BodyKind::Form if fields.is_empty() => Body::Form {
            fields: vec![KeyValue::default()],
        },
        BodyKind::Form => Body::Form { fields },
        BodyKind::Multipart if fields.is_empty() => Body::Multipart {
            parts: vec![Part::default()],
        },
        BodyKind::Multipart => Body::Multipart {
            parts: fields
                .into_iter()
                .map(|f| Part {
                    name: f.name,
                    enabled: f.enabled,
                    value: PartValue::Text(f.value),
                })
                .collect(),
        },
        BodyKind::Binary => Body::Binary {
            file: FileRef::default(),
            content_type: String::new(),
        },
        BodyKind::Text => Body::Text {
            text,
            content_type: "text/plain".to_owned(),
        },
        BodyKind::None => Body::None,
    };
}

/// A new auth of `kind`, empty but for an API key's usual header name.
fn default_auth(kind: AuthKind) -> Auth {
    match kind {
        AuthKind::None => Auth::None,
        AuthKind::Basic => Auth::Basic {
            username: String::new(),
            password: String::new(),
        },
        AuthKind::Bearer => Auth::Bearer {
            token: String::new(),
        },
        AuthKind::ApiKey => Auth::ApiKey {
            name: "X-API-Key".to_owned(),
            value: String::new(),
            location: ApiKeyLocation::Header,
        },
    }
}
