//! The request as the user edits it, and its documented JSON form (docs/request-format.md).

/// The version written into every serialized request.
pub const FORMAT_VERSION: u32 = 1;

/// The methods the method select offers; anything else is a custom method.
pub const STANDARD_METHODS: [&str; 7] =
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// One HTTP request, the single source of truth for the UI, transport, codegen and storage.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub version: u32,
    pub method: String,
    pub url: String,
    pub params: Vec<KeyValue>,
    pub headers: Vec<KeyValue>,
    pub auth: Auth,
    pub body: Body,
    pub timeout_ms: u64,
}

/// A row of the params, headers or form-fields table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Auth {
    #[default]
    None,
    Basic {
        username: String,
        password: String,
    },
    Bearer {
        token: String,
    },
    ApiKey {
        name: String,
        value: String,
        location: ApiKeyLocation,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ApiKeyLocation {
    #[default]
    Header,
    Query,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Body {
    #[default]
    None,
    Json {
        text: String,
    },
    Form {
        fields: Vec<KeyValue>,
    },
    Text {
        text: String,
        content_type: String,
    },
    /// `multipart/form-data`: text fields and files, in order. The browser writes the boundary.
    Multipart {
        parts: Vec<Part>,
    },
    /// One file sent as the whole body. An empty content type means the one its name suggests.
    Binary {
        file: FileRef,
        content_type: String,
    },
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub enabled: bool,
    pub value: PartValue,
}

/// What a part carries: text (sent as UTF-8, with no content type, as a browser's form sends
/// it) or a file with its content type (empty: the one its name suggests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartValue {
    Text(String),
    File { file: FileRef, content_type: String },
}

impl Default for PartValue {
    fn default() -> Self {
        PartValue::Text(String::new())
    }
}

/// A file the request sends. Its bytes are not part of the request's documents: links, history
/// and drafts keep only the name, so a restored request names the file and asks for it again.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FileRef {
    /// The file's name as sent (`filename="…"`) and as generated code reads it from disk.
    pub file_name: String,
    /// Where the bytes are while this page is open.
    pub source: FileSource,
}

/// Where a file's bytes are.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum FileSource {
    /// Nowhere: the request was restored from a link, history or a draft, or came from a
    /// pasted command, and the user has yet to choose the file.
    #[default]
    Missing,
    /// A file the user chose or dropped: `slot` names it in the page's file store, which holds
    /// the browser's `File`; `size` is its length in bytes.
    Chosen { slot: u32, size: u64 },
    /// Small contents written into the document itself (fixtures, lesson pages).
    Inline(Vec<u8>),
}

impl FileRef {
    /// A file still to be chosen.
    pub fn missing(file_name: impl Into<String>) -> Self {
        Self {
            file_name: file_name.into(),
            source: FileSource::Missing,
        }
    }

    /// Its size in bytes, when its bytes are here.
    pub fn size(&self) -> Option<u64> {
        match &self.source {
            FileSource::Missing => None,
            FileSource::Chosen { size, .. } => Some(*size),
            FileSource::Inline(bytes) => Some(bytes.len() as u64),
        }
    }

    pub fn is_missing(&self) -> bool {
        self.source == FileSource::Missing
    }
}

/// The content type a file of this name is sent with when none is given: browsers' and curl's
/// common mappings by extension, else `application/octet-stream`.
pub fn content_type_for_file_name(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "txt" | "text" | "log" => "text/plain",
        "csv" => "text/csv",
        "htm" | "html" => "text/html",
        "css" => "text/css",
        "md" => "text/markdown",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

/// `content_type` trimmed, or the one `file_name` suggests when it is empty.
pub fn effective_file_type(content_type: &str, file_name: &str) -> String {
    match content_type.trim() {
        "" => content_type_for_file_name(file_name).to_owned(),
        given => given.to_owned(),
    }
}

/// Why a JSON document could not be read as a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "This is not a request in the playground's JSON format: {}",
            self.0
        )
    }
}

impl std::error::Error for FormatError {}

/// What a missing field means in the JSON format: a GET with nothing set and a 10 s timeout.
impl Default for Request {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            method: "GET".to_owned(),
            url: String::new(),
            params: Vec::new(),
            headers: Vec::new(),
            auth: Auth::None,
            body: Body::None,
            timeout_ms: 10_000,
        }
    }
}

impl Default for KeyValue {
    fn default() -> Self {
        Self {
            name: String::new(),
            value: String::new(),
            enabled: true,
        }
    }
}

impl KeyValue {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            enabled: true,
        }
    }

    /// A row the user added but has not filled in yet; it is ignored, not an error.
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.value.is_empty()
    }
}

impl Body {
    /// The name used in the JSON format and in the body-type selector.
    pub fn kind(&self) -> &'static str {
        match self {
            Body::None => "none",
            Body::Json { .. } => "json",
            Body::Form { .. } => "form",
            Body::Text { .. } => "text",
            Body::Multipart { .. } => "multipart",
            Body::Binary { .. } => "binary",
        }
    }
}

/// A new row: an enabled, empty text part.
impl Default for Part {
    fn default() -> Self {
        Self::text("", "")
    }
}

impl Part {
    /// An enabled text part.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            enabled: true,
            value: PartValue::Text(value.into()),
        }
    }

    /// An enabled file part.
    pub fn file(name: impl Into<String>, file: FileRef, content_type: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            enabled: true,
            value: PartValue::File {
                file,
                content_type: content_type.into(),
            },
        }
    }

    /// A row the user added but has not filled in yet; it is ignored, not an error.
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && match &self.value {
                PartValue::Text(text) => text.is_empty(),
                PartValue::File { file, .. } => file.file_name.is_empty(),
            }
    }
}

impl Auth {
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::Basic { .. } => "basic",
            Auth::Bearer { .. } => "bearer",
            Auth::ApiKey { .. } => "api_key",
        }
    }
}

impl Request {
    /// The request a first-time visitor starts from: the lesson's first example.
    pub fn starter() -> Self {
        Self {
            url: "https://httpbin.org/get".to_owned(),
            headers: vec![KeyValue::new("Accept", "application/json")],
            ..Self::default()
        }
    }

    /// Reads the documented JSON format. Unknown fields are ignored and missing ones take defaults.
    pub fn from_json(json: &str) -> Result<Self, FormatError> {
        super::json_format::request_from_json(&super::json_format::parse_document(json)?)
    }

    /// Writes the documented JSON format, compact, with `"version":1` first.
    pub fn to_json(&self) -> String {
        super::json_write::request_json(self)
    }

    /// The method as it is sent: trimmed and upper-cased. requests and httpx upper-case every
    /// method and fetch upper-cases the common ones, so upper case is what all targets agree on.
    pub fn effective_method(&self) -> String {
        self.method.trim().to_ascii_uppercase()
    }
}
