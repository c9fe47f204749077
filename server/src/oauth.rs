//! `/echo/oauth/token`: an OAuth 2.0 token endpoint for the client credentials grant (RFC 6749
//! §4.4), there to learn the flow against. Like everything under /echo it echoes rather than
//! guards: any non-empty client id and secret are accepted, and the token is a random opaque
//! string stored nowhere, which `/echo/bearer` accepts as it accepts any token. What it does
//! check is what a real server checks first (the grant type, one way of authenticating the
//! client, no repeated parameters), answering with RFC 6749 §5.2's errors, so that a client's
//! mistakes look here as they will against a real server.

use std::collections::HashSet;

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::echo::{basic_credentials, json_response, Echo};

/// Seconds a token is said to last; nothing checks it (`/echo/bearer` takes any token).
const EXPIRES_IN: u64 = 3600;
/// The scope granted when the request asks for none.
const DEFAULT_SCOPE: &str = "echo";

/// `POST /echo/oauth/token` with `grant_type=client_credentials` and the client's credentials in
/// HTTP Basic or as `client_id` and `client_secret` form fields: a token, never cached.
pub async fn token(request: Request<Body>) -> Response {
    let echo = match Echo::read(request).await {
        Ok(echo) => echo,
        Err(response) => return response,
    };
    let mut response = match grant(&echo) {
        Ok(scope) => json_response(
            StatusCode::OK,
            &json!({
                "access_token": random_token(),
                "token_type": "Bearer",
                "expires_in": EXPIRES_IN,
                "scope": scope,
            }),
        ),
        Err(refusal) => refusal.into_response(),
    };
    // RFC 6749 §5.1: responses carrying tokens are not stored by caches.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// Why no token is issued: RFC 6749 §5.2's error codes, with a sentence for the learner.
enum Refusal {
    /// 400: the body is not a form, a parameter is missing or repeated, or the client
    /// authenticated in two ways.
    InvalidRequest(String),
    /// 400: a grant other than `client_credentials`.
    UnsupportedGrantType(String),
    /// 401: no usable client credentials. `challenged` when the client tried the
    /// `Authorization` header, which RFC 6749 §5.2 answers with `WWW-Authenticate`.
    InvalidClient {
        description: String,
        challenged: bool,
    },
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, error, description, challenged) = match self {
            Refusal::InvalidRequest(d) => (StatusCode::BAD_REQUEST, "invalid_request", d, false),
            Refusal::UnsupportedGrantType(d) => {
                (StatusCode::BAD_REQUEST, "unsupported_grant_type", d, false)
            }
            Refusal::InvalidClient {
                description,
                challenged,
            } => (
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                description,
                challenged,
            ),
        };
        let mut response = json_response(
            status,
            &json!({ "error": error, "error_description": description }),
        );
        if challenged {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"echo\""),
            );
        }
        response
    }
}

/// The scope to grant, once the request is a well-formed client credentials request from a
/// client that gave an id and a secret.
fn grant(echo: &Echo) -> Result<String, Refusal> {
    let content_type = echo.header("content-type").unwrap_or("");
    if !echo.body.is_empty()
        && !content_type
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    {
        return Err(Refusal::InvalidRequest(format!(
            "send the parameters as an application/x-www-form-urlencoded body \
             (grant_type=client_credentials&scope=echo), not as {content_type:?}"
        )));
    }
    let params: Vec<(String, String)> = url::form_urlencoded::parse(&echo.body)
        .into_owned()
        .collect();
    let mut seen = HashSet::new();
    if let Some((name, _)) = params.iter().find(|(name, _)| !seen.insert(name)) {
        return Err(Refusal::InvalidRequest(format!(
            "{name} is given more than once; each parameter is sent once (RFC 6749 §3.2)"
        )));
    }
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    authenticate(echo, param("client_id"), param("client_secret"))?;
    match param("grant_type") {
        Some("client_credentials") => Ok(param("scope")
            .filter(|scope| !scope.is_empty())
            .unwrap_or(DEFAULT_SCOPE)
            .to_owned()),
        None => Err(Refusal::InvalidRequest(
            "grant_type is missing: send grant_type=client_credentials".to_owned(),
        )),
        Some(other) => Err(Refusal::UnsupportedGrantType(format!(
            "this endpoint issues tokens for grant_type=client_credentials only, not {other:?}"
        ))),
    }
}

/// Checks that the client gave a non-empty id and secret in one way (RFC 6749 §2.3.1): HTTP
/// Basic, or the `client_id` and `client_secret` form fields. A `client_id` field next to Basic
/// is allowed (several libraries send it), a `client_secret` field is not.
fn authenticate(
    echo: &Echo,
    form_id: Option<&str>,
    form_secret: Option<&str>,
) -> Result<(), Refusal> {
    let missing = |challenged: bool, description: &str| Refusal::InvalidClient {
        description: description.to_owned(),
        challenged,
    };
    let tried_header = echo.headers.contains_key(header::AUTHORIZATION);
    let (id, secret, challenged) =
        match basic_credentials(&echo.headers) {
            Some(_) if form_secret.is_some() => {
                return Err(Refusal::InvalidRequest(
                    "the client authenticated twice, with HTTP Basic and with client_secret: use \
                 one way (RFC 6749 §2.3)"
                        .to_owned(),
                ))
            }
            Some((id, secret)) => (id, secret, true),
            None if tried_header => {
                return Err(missing(
                    true,
                    "the Authorization header is not HTTP Basic credentials; send \
                 Basic base64(client_id:client_secret), or client_id and client_secret in the \
                 form",
                ))
            }
            None => match (form_id, form_secret) {
                (Some(id), Some(secret)) => (id.to_owned(), secret.to_owned(), false),
                _ => return Err(missing(
                    false,
                    "no client credentials: send HTTP Basic base64(client_id:client_secret), or \
                     client_id and client_secret in the form (any non-empty values work here)",
                )),
            },
        };
    if id.is_empty() || secret.is_empty() {
        return Err(missing(
            challenged,
            "the client id and the secret must not be empty (any other values work here)",
        ));
    }
    Ok(())
}

/// An opaque token: `echo_` and 32 hex digits that differ per call. Not for security: nothing
/// checks it, and `/echo/bearer` accepts any token.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // Each RandomState has its own keys, so the two halves differ.
    let half = || {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(now);
        hasher.finish()
    };
    format!("echo_{:016x}{:016x}", half(), half())
}
