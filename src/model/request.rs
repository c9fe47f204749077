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
