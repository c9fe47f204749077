//! What every generator needs to know beyond the wire form: where each header came from, and
//! the body in the shape a library's idiom wants. Derived from [`Request::prepare`] only.

use crate::model::Json;
use crate::model::{parse_urlencoded, Auth, Body, FileRef, Prepared, Request, Upload, UploadPart};

/// The request as generators see it.
pub(crate) struct Plan<'a> {
    pub request: &'a Request,
    pub prepared: Prepared,
    pub body: PlanBody,
    /// The names of the header rows the user wrote (enabled, not blank), trimmed, lower-cased
    /// and sorted: see [`Plan::origin`].
    user_headers: Vec<String>,
}

/// Who put a header into the effective list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderOrigin {
    /// A header row the user wrote.
    User,
    /// Auth (Basic, Bearer or an API key in a header).
    Auth,
    /// The body type's Content-Type.
    Body,
}

/// The body, ready for each library's idiom.
pub(crate) enum PlanBody {
    None,
    /// Valid JSON: generators may re-spell it as a literal of the same value.
    Json {
        text: String,
        value: Json,
    },
    /// Text sent as is: raw text, or a JSON body that is not valid JSON.
    Text(String),
    /// Form fields, decoded, in order.
    Form(Vec<(String, String)>),
    /// `multipart/form-data` parts in order, each file's content type settled. Files are read
    /// by name from the working directory.
    Multipart(Vec<UploadPart>),
    /// One file as the whole body, read by name from the working directory; its Content-Type
    /// is among the headers.
    File(FileRef),
}

impl<'a> Plan<'a> {
    /// The problems, when the request is invalid; generators then print them instead of code.
    pub fn new(request: &'a Request) -> Result<Self, Vec<crate::model::ValidationError>> {
        let prepared = request.prepare()?;
        let body_text = prepared
            .body
            .as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned());
        let body = match (&prepared.upload, body_text) {
            (Some(Upload::Multipart(parts)), _) => PlanBody::Multipart(parts.clone()),
            (Some(Upload::File(file)), _) => PlanBody::File(file.clone()),
            (None, None) => PlanBody::None,
            (None, Some(text)) => match &request.body {
                Body::Json { .. } => match Json::parse(&text) {
                    Some(value) => PlanBody::Json { text, value },
                    None => PlanBody::Text(text),
                },
                Body::Form { .. } => PlanBody::Form(parse_urlencoded(&text)),
                _ => PlanBody::Text(text),
            },
        };
        // Generators ask where each header came from: a sorted list answers in log time, where
        // a scan of the rows for each header would be quadratic in their number.
        let mut user_headers: Vec<String> = request
            .headers
            .iter()
            .filter(|h| h.enabled && !h.is_blank())
            .map(|h| h.name.trim().to_ascii_lowercase())
            .collect();
        user_headers.sort_unstable();
        Ok(Plan {
            request,
            prepared,
            body,
            user_headers,
        })
    }

    /// Where header `name` of the effective list came from.
    pub fn origin(&self, name: &str) -> HeaderOrigin {
        let user_row = self
            .user_headers
            .binary_search(&name.to_ascii_lowercase())
            .is_ok();
        if user_row {
            HeaderOrigin::User
        } else if name.eq_ignore_ascii_case("content-type") && self.request.body != Body::None {
            HeaderOrigin::Body
        } else {
            HeaderOrigin::Auth
        }
    }

    /// The Basic credentials when auth is Basic and its header is the one sent.
    pub fn basic_auth(&self) -> Option<(&str, &str)> {
        match &self.request.auth {
            Auth::Basic { username, password }
                if self.origin("Authorization") == HeaderOrigin::Auth =>
            {
                Some((username, password))
            }
            _ => None,
        }
    }

    /// The bearer token when auth is Bearer and its header is the one sent.
    pub fn bearer_token(&self) -> Option<&str> {
        match &self.request.auth {
            Auth::Bearer { token } if self.origin("Authorization") == HeaderOrigin::Auth => {
                Some(token.trim())
            }
            _ => None,
        }
    }

    /// Whether the Content-Type sent is the one the body type implies (so a library's own
    /// `json=`/`data=` idiom sets exactly that).
    pub fn content_type_is_implied(&self) -> bool {
        self.prepared.header("Content-Type").is_none()
            || self.origin("Content-Type") == HeaderOrigin::Body
    }

    /// Whether names repeat among `pairs` (a dict or object would keep only one). Sorted, not
    /// compared pair by pair: a link can hold 100,000 parameters.
    pub fn names_repeat(pairs: &[(String, String)]) -> bool {
        let mut names: Vec<&str> = pairs.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.windows(2).any(|pair| pair[0] == pair[1])
    }

    /// Whether a multipart body has a file part.
    pub fn has_file_part(parts: &[UploadPart]) -> bool {
        parts
            .iter()
            .any(|p| matches!(p.value, crate::model::PartValue::File { .. }))
    }

    pub fn method_is(&self, method: &str) -> bool {
        self.prepared.method == method
    }
}
