//! The request as the user edits it, and its documented JSON form (docs/request-format.md).

use serde::Serialize;

/// The version written into every serialized request.
pub const FORMAT_VERSION: u32 = 1;

/// The methods the method select offers; anything else is a custom method.
pub const STANDARD_METHODS: [&str; 7] =
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// One HTTP request, the single source of truth for the UI, transport, codegen and storage.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(into = "AuthRepr")]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyLocation {
    #[default]
    Header,
    Query,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(into = "BodyRepr")]
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

/// The JSON form of [`Auth`]: `{"type": "basic", "username": …}`, written by serde; reading is
/// by hand in `json_format.rs`.
#[derive(Clone, Default, Serialize)]
struct AuthRepr {
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    location: Option<ApiKeyLocation>,
}

impl From<Auth> for AuthRepr {
    fn from(auth: Auth) -> Self {
        let kind = auth.kind().to_owned();
        match auth {
            Auth::None => AuthRepr {
                kind,
                ..AuthRepr::default()
            },
            Auth::Basic { username, password } => AuthRepr {
                kind,
                username: Some(username),
                password: Some(password),
                ..AuthRepr::default()
            },
            Auth::Bearer { token } => AuthRepr {
                kind,
                token: Some(token),
                ..AuthRepr::default()
            },
            Auth::ApiKey {
                name,
                value,
                location,
            } => AuthRepr {
                kind,
                name: Some(name),
                value: Some(value),
                location: Some(location),
                ..AuthRepr::default()
            },
        }
    }
}

/// The JSON form of [`Body`]: `{"type": "json", "text": …}`.
#[derive(Clone, Default, Serialize)]
struct BodyRepr {
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<KeyValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
}

impl From<Body> for BodyRepr {
    fn from(body: Body) -> Self {
        let kind = body.kind().to_owned();
        match body {
            Body::None => BodyRepr {
                kind,
                ..BodyRepr::default()
            },
            Body::Json { text } => BodyRepr {
                kind,
                text: Some(text),
                ..BodyRepr::default()
            },
            Body::Form { fields } => BodyRepr {
                kind,
                fields: Some(fields),
                ..BodyRepr::default()
            },
            Body::Text { text, content_type } => BodyRepr {
                kind,
                text: Some(text),
                content_type: Some(content_type),
                ..BodyRepr::default()
            },
        }
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
        let tree = super::json::Json::parse(json).ok_or_else(|| {
            FormatError(
                super::prepare::json_problem(json).unwrap_or_else(|| "not valid JSON".to_owned()),
            )
        })?;
        super::json_format::request_from_json(&tree)
    }

    /// Writes the documented JSON format, compact, with `"version":1` first.
    pub fn to_json(&self) -> String {
        let mut copy = self.clone();
        copy.version = FORMAT_VERSION;
        // Serializing plain strings, numbers and vectors cannot fail.
        serde_json::to_string(&copy).unwrap_or_default()
    }

    /// The method as it is sent: trimmed and upper-cased. requests and httpx upper-case every
    /// method and fetch upper-cases the common ones, so upper case is what all targets agree on.
    pub fn effective_method(&self) -> String {
        self.method.trim().to_ascii_uppercase()
    }
}
