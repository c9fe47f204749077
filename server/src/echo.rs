//! The echo API under /echo: an httpbin-compatible subset with the same JSON shapes as
//! httpbin 0.10 (`args`, `data`, `files`, `form`, `headers`, `json`, `method`, `origin`, `url`),
//! so lessons and tests that use httpbin work offline against it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::guard::{busy, read_body, Budget, Guarded, Held, Keep, ReadError};
use crate::json_out::{self, text_or_data_url, text_val, write, Full, Out, Sink, Val};
use crate::multipart;
use crate::security::{acts_on_origin, is_cors};

/// Largest body the echo API reads; larger ones get 413.
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// Longest /delay/{n}, as httpbin.
const MAX_DELAY_S: f64 = 10.0;
/// Largest /bytes/{n}, as httpbin.
const MAX_BYTES: usize = 100 * 1024;
/// Most lines of /stream/{n}, as httpbin.
const MAX_STREAM: usize = 100;
/// Largest echo response. Bodies are shown as text only when escaping at most doubles them
/// (otherwise as base64), and a JSON body's `json` copy is indented only when that at most
/// doubles it, so a 16 MB body gives at most about 48 MB; this is the hard stop.
pub const MAX_RESPONSE: usize = 64 * 1024 * 1024;
/// Most form fields or multipart parts read from one body (413 beyond).
pub const MAX_FIELDS: usize = 10_000;

/// This API's OpenAPI 3.1 description, served at /echo/openapi.json. It lives with the tests
/// that hold it to the routes and answers (server/tests/openapi.rs), and is written by hand.
const OPENAPI: &str = include_str!("../../tests/openapi/echo.json");

/// Headers a proxy in front of httpbin adds; httpbin hides them, so do we.
const ENV_HEADERS: &[&str] = &[
    "X-Varnish",
    "X-Request-Start",
    "X-Heroku-Queue-Depth",
    "X-Real-Ip",
    "X-Forwarded-Proto",
    "X-Forwarded-Protocol",
    "X-Forwarded-Ssl",
    "X-Heroku-Queue-Wait-Time",
    "X-Forwarded-For",
    "X-Heroku-Dynos-In-Use",
    "X-Forwarded-Port",
    "X-Request-Id",
    "Via",
    "Total-Route-Time",
    "Connect-Time",
];

/// The echo routes, relative to where they are nested (`/echo`).
pub fn router() -> Router {
    Router::new()
        .route("/anything", any(anything))
        .route("/anything/{*rest}", any(anything))
        .route("/get", get(get_))
        .route("/post", any(method_only))
        .route("/put", any(method_only))
        .route("/patch", any(method_only))
        .route("/delete", any(method_only))
        .route("/headers", get(headers))
        .route("/ip", get(ip))
        .route("/user-agent", get(user_agent))
        .route("/status/{codes}", any(status))
        .route("/delay/{seconds}", any(delay))
        .route("/basic-auth/{user}/{password}", get(basic_auth))
        .route("/bearer", get(bearer))
        .route("/json", get(json_sample))
        .route("/html", get(html_sample))
        .route("/xml", get(xml_sample))
        .route("/bytes/{n}", get(bytes))
        .route("/stream/{n}", get(stream))
        .route("/sse", any(crate::streams::sse))
        .route("/ndjson", any(crate::streams::ndjson))
        .route("/lines", any(crate::streams::lines))
        .route("/drip", any(crate::streams::drip))
        .route("/ws", crate::ws::route())
        .route("/gzip", get(gzip))
        .route("/redirect/{n}", get(redirect))
        .route("/relative-redirect/{n}", get(redirect))
        .route("/redirect-to", any(redirect_to))
        .route("/response-headers", any(response_headers))
        .route("/cookies", get(cookies))
        .route("/base64/{value}", get(decode_base64))
        .route("/oauth/token", post(crate::oauth::token))
        .route("/openapi.json", get(openapi))
        // Unknown paths answer here too, so that they get the API's headers.
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "not found: no such echo route (see docs/server.md)\n",
            )
        })
}

/// What a request looked like, read once per handler.
pub(crate) struct Echo {
    pub(crate) method: Method,
    uri: Uri,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    peer: SocketAddr,
    budget: Budget,
    /// The body's bytes, held from the budget until the response is written.
    held: Held,
    /// The in-flight slot, kept by blocking work too (see [`crate::Slot`]).
    slot: Option<crate::Slot>,
}

impl Echo {
    pub(crate) async fn read(request: Request<Body>) -> Result<Echo, Response> {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(SocketAddr::from(([127, 0, 0, 1], 0)), |c| c.0);
        // Nested under /echo, the URI here lacks the prefix; the URL shown is the one requested.
        let original = request
            .extensions()
            .get::<axum::extract::OriginalUri>()
            .map(|o| o.0.clone());
        let budget = request
            .extensions()
            .get::<Budget>()
            .cloned()
            .unwrap_or_default();
        let slot = request.extensions().get::<crate::Slot>().cloned();
        let (parts, body) = request.into_parts();
        let (body, held) = match read_body(body, MAX_BODY, &budget).await {
            Ok(read) => read,
            Err(ReadError::TooLarge) => {
                return Err(problem(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &format!("the body is larger than {} MB", MAX_BODY >> 20),
                ))
            }
            Err(ReadError::Busy) => return Err(busy_budget(&budget)),
            Err(ReadError::Broken(e)) => {
                return Err(problem(
                    StatusCode::BAD_REQUEST,
                    &format!("the body could not be read: {e}"),
                ))
            }
        };
        Ok(Echo {
            method: parts.method,
            uri: original.unwrap_or(parts.uri),
            headers: parts.headers,
            body,
            peer,
            budget,
            held,
            slot,
        })
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The request's URL as httpbin shows it: `http://<Host><path>?<query>`.
    fn url(&self) -> String {
        let scheme = self
            .header("X-Forwarded-Proto")
            .or_else(|| self.header("X-Forwarded-Protocol"))
            .unwrap_or("http");
        let host = self.header("Host").unwrap_or("localhost");
        let path_and_query = self.uri.path_and_query().map_or("/", |p| p.as_str());
        format!("{scheme}://{host}{}", uri_to_iri(path_and_query))
    }

    fn origin(&self) -> String {
        self.header("X-Forwarded-For")
            .map(str::to_owned)
            .unwrap_or_else(|| self.peer.ip().to_string())
    }

    /// The headers, names in httpbin's capitalization (`X-Api-Key`), repeated ones joined with
    /// commas, proxy headers hidden unless `?show_env` is given.
    fn headers_val(&self) -> Val<'static> {
        let show_env = query_pairs(self.uri.query())
            .iter()
            .any(|(k, _)| k == "show_env");
        let mut out: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in &self.headers {
            let name = title_case(name.as_str());
            if !show_env && ENV_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(&name)) {
                continue;
            }
            let value = String::from_utf8_lossy(value.as_bytes());
            match out.get_mut(&name) {
                Some(existing) => {
                    existing.push(',');
                    existing.push_str(&value);
                }
                None => {
                    out.insert(name, value.into_owned());
                }
            }
        }
        Val::Map(
            out.into_iter()
                .map(|(k, v)| (Cow::Owned(k), Val::str(v)))
                .collect(),
        )
    }

    fn args_val(&self) -> Val<'static> {
        let pairs = query_pairs(self.uri.query())
            .into_iter()
            .map(|(k, v)| (Cow::Owned(k), Val::str(v)))
            .collect();
        semiflatten(pairs)
    }

    fn content_type(&self) -> &str {
        self.header("Content-Type").unwrap_or("")
    }

    /// `form`, `files`, `data` and `json` as httpbin reads them: a form body is parsed and its
    /// data is empty; any other body is data (text, or a base64 `data:` URL when not UTF-8 or
    /// when escaping would more than double it), and `json` when it is JSON.
    fn body_view(&self) -> Result<BodyView<'_>, TooManyFields> {
        let empty = || Val::Map(Vec::new());
        let content_type = self.content_type().to_ascii_lowercase();
        if content_type.starts_with("application/x-www-form-urlencoded") {
            if memchr::memchr_iter(b'&', &self.body).count() >= MAX_FIELDS {
                return Err(TooManyFields);
            }
            let pairs = url::form_urlencoded::parse(&self.body)
                .map(|(k, v)| (k, text_val(v)))
                .collect();
            return Ok(BodyView {
                form: semiflatten(pairs),
                files: empty(),
                data: Val::str(""),
                json: Val::Null,
            });
        }
        if content_type.starts_with("multipart/form-data") {
            match multipart::parse(self.content_type(), &self.body, MAX_FIELDS) {
                Ok(parts) => {
                    let mut fields = Vec::new();
                    let mut files = Vec::new();
                    let mut file_names = std::collections::HashSet::new();
                    for part in parts {
                        match part.filename {
                            // httpbin reports the first file of a name only (werkzeug's
                            // MultiDict.items()), where form fields of a name become a list.
                            Some(_) if !file_names.insert(part.name.clone()) => {}
                            Some(_) => {
                                let kind = part
                                    .content_type
                                    .as_deref()
                                    .unwrap_or("application/octet-stream");
                                let value = Val::Str(text_or_data_url(part.body, kind));
                                files.push((Cow::Owned(part.name), value))
                            }
                            None => {
                                let text = String::from_utf8_lossy(part.body);
                                fields.push((Cow::Owned(part.name), text_val(text)))
                            }
                        }
                    }
                    return Ok(BodyView {
                        form: semiflatten(fields),
                        files: semiflatten(files),
                        data: Val::str(""),
                        json: Val::Null,
                    });
                }
                Err(multipart::Error::TooManyParts) => return Err(TooManyFields),
                Err(multipart::Error::Malformed) => {}
            }
        }
        let kind = if self.content_type().is_empty() {
            "application/octet-stream"
        } else {
            self.content_type()
        };
        let data = text_or_data_url(&self.body, kind);
        let json = match &data {
            Cow::Borrowed(text) if json_out::is_json(text) => Val::Json(text),
            _ => Val::Null,
        };
        Ok(BodyView {
            form: empty(),
            files: empty(),
            data: Val::Str(data),
            json,
        })
    }

    /// httpbin's `get_dict`: the keys asked for (in sorted order, as httpbin writes them).
    fn dict(&self, keys: &[&'static str]) -> Result<Val<'_>, TooManyFields> {
        let needs_body = keys
            .iter()
            .any(|k| matches!(*k, "form" | "files" | "data" | "json"));
        let (mut form, mut files, mut data, mut json) = match needs_body {
            true => {
                let view = self.body_view()?;
                (
                    Some(view.form),
                    Some(view.files),
                    Some(view.data),
                    Some(view.json),
                )
            }
            false => (None, None, None, None),
        };
        let mut out = Vec::new();
        for key in keys {
            let value = match *key {
                "url" => Val::str(self.url()),
                "args" => self.args_val(),
                "form" => form.take().unwrap_or(Val::Null),
                "data" => data.take().unwrap_or(Val::Null),
                "origin" => Val::str(self.origin()),
                "headers" => self.headers_val(),
                "files" => files.take().unwrap_or(Val::Null),
                "json" => json.take().unwrap_or(Val::Null),
                "method" => Val::str(self.method.to_string()),
                _ => continue,
            };
            out.push((Cow::Borrowed(*key), value));
        }
        Ok(Val::Map(out))
    }

    /// Whether answering is worth a blocking thread: a body over 64 KiB to parse and escape.
    fn heavy(&self) -> bool {
        self.body.len() > 64 * 1024
    }

    /// What must stay alive until the response is written: the body's bytes and the slot.
    /// Only the in-flight place, for an answer that outlives the need for the request's body.
    pub(crate) fn place_only(self) -> Vec<Keep> {
        self.slot
            .map(|slot| vec![Box::new(slot) as Keep])
            .unwrap_or_default()
    }

    pub(crate) fn keep(self) -> Vec<Keep> {
        let mut keep: Vec<Keep> = vec![Box::new(self.held)];
        if let Some(slot) = self.slot {
            keep.push(Box::new(slot));
        }
        keep
    }
}

/// The body as the echo shows it.
struct BodyView<'a> {
    form: Val<'a>,
    files: Val<'a>,
    data: Val<'a>,
    json: Val<'a>,
}

/// More form fields or multipart parts than [`MAX_FIELDS`].
struct TooManyFields;

impl IntoResponse for TooManyFields {
    fn into_response(self) -> Response {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the form has more than {MAX_FIELDS} fields"),
        )
    }
}

fn busy_budget(budget: &Budget) -> Response {
    busy(&format!(
        "the server is holding its limit of {} MB of request and response bodies; retry in a \
         second (start it with a larger --max-buffered to allow more)",
        budget.total() >> 20
    ))
}

/// Renders `keys` of the request as pretty JSON (status 200), on a blocking thread when the
/// body is large, so that parsing and escaping never hold up the server's other connections.
async fn echo_json(echo: Echo, keys: &'static [&'static str]) -> Response {
    off_thread(echo, move |echo| {
        let value = match echo.dict(keys) {
            Ok(value) => value,
            Err(refusal) => return refusal.into_response(),
        };
        let mut out = Out::new(echo.budget.empty(), MAX_RESPONSE);
        let written = write(&mut out, &value, true, 0).and_then(|()| out.put(b"\n"));
        drop(value);
        finish(echo, out, written, "application/json", None)
    })
    .await
}

/// Runs `job` inline for small requests and on a blocking thread for heavy ones.
async fn off_thread(echo: Echo, job: impl FnOnce(Echo) -> Response + Send + 'static) -> Response {
    if !echo.heavy() {
        return job(echo);
    }
    match tokio::task::spawn_blocking(move || job(echo)).await {
        Ok(response) => response,
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "the echo failed"),
    }
}

/// The response for what was written to `out`, keeping the bytes held until it is sent.
fn finish(
    echo: Echo,
    out: Out,
    written: Result<(), Full>,
    content_type: &'static str,
    encoding: Option<&'static str>,
) -> Response {
    match written {
        Ok(()) => {}
        Err(Full::TooLarge) => {
            return problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("the echo would be larger than {} MB", MAX_RESPONSE >> 20),
            )
        }
        Err(Full::Busy) => return busy_budget(&echo.budget),
    }
    let Out { buf, held, .. } = out;
    let mut response = Response::new(Body::from(buf));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(encoding) = encoding {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    let mut keep = echo.keep();
    keep.push(Box::new(held));
    Guarded::wrap(response, keep)
}

/// httpbin's JSON: pretty, two spaces, a final newline.
pub(crate) fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    (status, [(header::CONTENT_TYPE, "application/json")], text).into_response()
}

fn problem(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "error": message }))
}

const FULL: &[&str] = &[
    "args", "data", "files", "form", "headers", "json", "method", "origin", "url",
];
const BODY: &[&str] = &[
    "args", "data", "files", "form", "headers", "json", "origin", "url",
];

async fn anything(request: Request<Body>) -> Response {
    match Echo::read(request).await {
        Ok(echo) => echo_json(echo, FULL).await,
        Err(response) => response,
    }
}

async fn get_(request: Request<Body>) -> Response {
    match Echo::read(request).await {
        Ok(echo) => echo_json(echo, &["args", "headers", "origin", "url"]).await,
        Err(response) => response,
    }
}

/// /post, /put, /patch, /delete: only their own method, as httpbin (405 otherwise).
async fn method_only(request: Request<Body>) -> Response {
    let wanted = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    if request.method().as_str() != wanted {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, format!("{wanted}, OPTIONS"))],
        )
            .into_response();
    }
    match Echo::read(request).await {
        Ok(echo) => echo_json(echo, BODY).await,
        Err(response) => response,
    }
}

async fn headers(request: Request<Body>) -> Response {
    match Echo::read(request).await {
        Ok(echo) => echo_json(echo, &["headers"]).await,
        Err(response) => response,
    }
}

async fn ip(request: Request<Body>) -> Response {
    match Echo::read(request).await {
        Ok(echo) => echo_json(echo, &["origin"]).await,
        Err(response) => response,
    }
}

async fn user_agent(headers: HeaderMap) -> Response {
    let agent = headers
        .get(header::USER_AGENT)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    json_response(StatusCode::OK, &json!({ "user-agent": agent }))
}

/// `/status/418`, `/status/200,404` or weighted `/status/200:0.9,500:0.1`: one of the codes.
async fn status(Path(codes): Path<String>) -> Response {
    let mut choices: Vec<(u16, f64)> = Vec::new();
    for item in codes.split(',') {
        let (code, weight) = item.split_once(':').unwrap_or((item, "1"));
        match (code.trim().parse::<u16>(), weight.trim().parse::<f64>()) {
            (Ok(code), Ok(weight)) if (100..=599).contains(&code) && weight >= 0.0 => {
                choices.push((code, weight))
            }
            _ => return (StatusCode::BAD_REQUEST, "Invalid status code").into_response(),
        }
    }
    let total: f64 = choices.iter().map(|(_, w)| w).sum();
    let mut pick = random_unit() * total;
    let mut code = choices[0].0;
    for (c, w) in &choices {
        if pick < *w {
            code = *c;
            break;
        }
        pick -= w;
    }
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
    match code {
        301 | 302 | 303 | 305 | 307 => {
            (status, [(header::LOCATION, "/echo/redirect/1")]).into_response()
        }
        401 => (
            status,
            [(header::WWW_AUTHENTICATE, "Basic realm=\"Fake Realm\"")],
        )
            .into_response(),
        418 => (
            status,
            [("x-more-info", "http://tools.ietf.org/html/rfc2324")],
            TEAPOT,
        )
            .into_response(),
        _ => status.into_response(),
    }
}

const TEAPOT: &str = r#"
    -=[ teapot ]=-

       _...._
     .'  _ _ `.
    | ."` ^ `". _,
    \_;`"---"`|//
      |       ;/
      \_     _/
        `"""`
"#;

async fn delay(Path(seconds): Path<String>, request: Request<Body>) -> Response {
    // Not NaN: a NaN duration would panic.
    let Some(seconds) = seconds.parse::<f64>().ok().filter(|s| !s.is_nan()) else {
        return (StatusCode::BAD_REQUEST, "the delay is a number of seconds").into_response();
    };
    tokio::time::sleep(Duration::from_secs_f64(seconds.clamp(0.0, MAX_DELAY_S))).await;
    match Echo::read(request).await {
        Ok(echo) => {
            echo_json(
                echo,
                &["args", "data", "files", "form", "headers", "origin", "url"],
            )
            .await
        }
        Err(response) => response,
    }
}

pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

async fn basic_auth(
    Path((user, password)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match basic_credentials(&headers) {
        Some((u, p)) if u == user && p == password => json_response(
            StatusCode::OK,
            &json!({ "authenticated": true, "user": user }),
        ),
        _ => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Basic realm=\"Fake Realm\"")],
        )
            .into_response(),
    }
}

async fn bearer(headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.to_owned());
    match token {
        Some(token) => json_response(
            StatusCode::OK,
            &json!({ "authenticated": true, "token": token }),
        ),
        None => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response(),
    }
}

async fn json_sample() -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "slideshow": {
                "author": "Yours Truly",
                "date": "date of publication",
                "slides": [
                    { "title": "Wake up to WonderWidgets!", "type": "all" },
                    {
                        "items": ["Why <em>WonderWidgets</em> are great", "Who <em>buys</em> WonderWidgets"],
                        "title": "Overview",
                        "type": "all"
                    }
                ],
                "title": "Sample Slide Show"
            }
        }),
    )
}

async fn html_sample() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!DOCTYPE html>\n<html>\n  <head>\n  </head>\n  <body>\n      <h1>Herman Melville - Moby-Dick</h1>\n\n      <div>\n        <p>\n          Availing himself of the mild, summer-cool weather that now reigned in these latitudes, and in preparation for the peculiarly active pursuits shortly to be anticipated, Perth, the begrimed, blistered old blacksmith, had not removed his portable forge to the hold again, after concluding his contributory work for Ahab's leg, but still retained it on deck, fast lashed to ringbolts by the foremast.\n        </p>\n      </div>\n  </body>\n</html>\n",
    )
        .into_response()
}

async fn xml_sample() -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml")],
        "<?xml version='1.0' encoding='us-ascii'?>\n\n<!--  A SAMPLE set of slides  -->\n\n<slideshow \n    title=\"Sample Slide Show\"\n    date=\"Date of publication\"\n    author=\"Yours Truly\"\n    >\n\n    <!-- TITLE SLIDE -->\n    <slide type=\"all\">\n      <title>Wake up to WonderWidgets!</title>\n    </slide>\n\n    <!-- OVERVIEW -->\n    <slide type=\"all\">\n        <title>Overview</title>\n        <item>Why <em>WonderWidgets</em> are great</item>\n        <item/>\n        <item>Who <em>buys</em> WonderWidgets</item>\n    </slide>\n\n</slideshow>",
    )
        .into_response()
}

/// `n` pseudo-random bytes (at most 100 KiB); `?seed=` makes them repeatable.
async fn bytes(Path(n): Path<usize>, uri: Uri) -> Response {
    let n = n.min(MAX_BYTES);
    let seed = query_pairs(uri.query())
        .into_iter()
        .find(|(k, _)| k == "seed")
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .unwrap_or_else(|| (random_unit() * u64::MAX as f64) as u64);
    let mut state = seed | 1;
    let data: Vec<u8> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    ([(header::CONTENT_TYPE, "application/octet-stream")], data).into_response()
}

/// `n` lines (at most 100), each a JSON object like /get's with an `id`. The body is read (to
/// keep the connection usable) but not parsed, and the line is rendered once: only `id` changes.
async fn stream(Path(n): Path<usize>, request: Request<Body>) -> Response {
    let echo = match Echo::read(request).await {
        Ok(echo) => echo,
        Err(response) => return response,
    };
    off_thread(echo, move |echo| {
        let n = n.min(MAX_STREAM);
        // Keys in sorted order, as serde_json's map writes them: args, headers, id, origin, url.
        let mut before = Vec::new();
        let mut after = Vec::new();
        let pieces = (|| {
            before.put(b"{\"args\":")?;
            write(&mut before, &echo.args_val(), false, 0)?;
            before.put(b",\"headers\":")?;
            write(&mut before, &echo.headers_val(), false, 0)?;
            before.put(b",\"id\":")?;
            after.put(b",\"origin\":")?;
            write(&mut after, &Val::str(echo.origin()), false, 0)?;
            after.put(b",\"url\":")?;
            write(&mut after, &Val::str(echo.url()), false, 0)?;
            after.put(b"}\n")
        })();
        let mut out = Out::new(echo.budget.empty(), MAX_RESPONSE);
        let written = pieces.and_then(|()| {
            for id in 0..n {
                out.put(&before)?;
                out.put(id.to_string().as_bytes())?;
                out.put(&after)?;
            }
            Ok(())
        });
        finish(echo, out, written, "application/json", None)
    })
    .await
}

async fn gzip(request: Request<Body>) -> Response {
    let echo = match Echo::read(request).await {
        Ok(echo) => echo,
        Err(response) => return response,
    };
    off_thread(echo, |echo| {
        let mut text = Vec::new();
        let value = Val::Map(vec![
            ("gzipped".into(), Val::Bool(true)),
            ("headers".into(), echo.headers_val()),
            ("method".into(), Val::str(echo.method.to_string())),
            ("origin".into(), Val::str(echo.origin())),
        ]);
        let _ = write(&mut text, &value, true, 0);
        text.push(b'\n');
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = encoder.write_all(&text);
        let body = encoder.finish().unwrap_or_default();
        let mut out = Out::new(echo.budget.empty(), MAX_RESPONSE);
        let written = out.put(&body);
        finish(echo, out, written, "application/json", Some("gzip"))
    })
    .await
}

/// `/redirect/{n}`: 302 to `/redirect/{n-1}`, and from 1 to `/get`.
async fn redirect(Path(n): Path<u32>, uri: Uri) -> Response {
    let kind = if uri.path().contains("/relative-redirect/") {
        "relative-redirect"
    } else {
        "redirect"
    };
    let location = match n {
        0 => return (StatusCode::BAD_REQUEST, "n must be at least 1").into_response(),
        1 => "/echo/get".to_owned(),
        n => format!("/echo/{kind}/{}", n - 1),
    };
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// `/redirect-to?url=…&status_code=…` (3xx, default 302).
async fn redirect_to(uri: Uri) -> Response {
    let pairs = query_pairs(uri.query());
    let find = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let Some(url) = find("url") else {
        return (StatusCode::BAD_REQUEST, "give the target as ?url=").into_response();
    };
    let code = find("status_code")
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|c| (300..400).contains(c))
        .unwrap_or(302);
    match HeaderValue::from_str(&url) {
        Ok(location) => (
            StatusCode::from_u16(code).unwrap_or(StatusCode::FOUND),
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "the url cannot be a header value").into_response(),
    }
}

/// `/response-headers?Name=value`: those headers, and a JSON body listing them. Headers that
/// would act on this server's own origin or connection (`Set-Cookie`, `Clear-Site-Data`,
/// `Refresh`, `Content-Security-Policy`, `X-Content-Type-Options`, `Content-Length`, …; see
/// [`crate::security::acts_on_origin`]) and CORS ones (`Access-Control-*`, which the CORS layer
/// alone decides) are refused with 400 naming the header.
async fn response_headers(uri: Uri) -> Response {
    let pairs = query_pairs(uri.query());
    let refused = pairs
        .iter()
        .find(|(name, _)| is_cors(name) || acts_on_origin(name));
    if let Some((name, _)) = refused {
        let why = if is_cors(name) {
            "CORS headers are the server's own (any origin may read the echo API, and only pages \
             on this machine's loopback get credentials), and a request cannot widen them"
        } else {
            "it would act on the playground's own origin or connection (cookies, site data, \
             security policy, framing or message length), not just describe this response"
        };
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "response-headers: {name} is not set by this server: {why}. Try it against a \
                 server of your own.\n"
            ),
        )
            .into_response();
    }
    let mut map = HeaderMap::new();
    let mut listed: Vec<(String, String)> =
        vec![("Content-Type".to_owned(), "application/json".to_owned())];
    for (name, value) in &pairs {
        let (Ok(n), Ok(v)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) else {
            return (
                StatusCode::BAD_REQUEST,
                "a header name or value is not valid",
            )
                .into_response();
        };
        map.append(n, v);
        listed.push((name.clone(), value.clone()));
    }
    // The body lists Content-Length too, so it is computed until it holds still (as httpbin).
    let mut length = 0;
    let body = loop {
        let mut with_length = listed.clone();
        with_length.push(("Content-Length".to_owned(), length.to_string()));
        let body = serde_json::to_string_pretty(&semiflatten_json(&with_length))
            .unwrap_or_default()
            + "\n";
        if body.len() == length {
            break body;
        }
        length = body.len();
    };
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    response.headers_mut().extend(map);
    response
}

/// `/base64/{value}`: the URL-safe base64 `value` decoded, as httpbin (`text/html`, as Flask
/// answers; inert here, like every echo response, under the sandbox policy).
async fn decode_base64(Path(value): Path<String>) -> Response {
    use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
    let decoded = URL_SAFE
        .decode(value.as_bytes())
        .or_else(|_| URL_SAFE_NO_PAD.decode(value.trim_end_matches('=').as_bytes()))
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let text =
        decoded.unwrap_or_else(|| "Incorrect Base64 data try: SFRUUEJJTiBpcyBhd2Vzb21l".into());
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], text).into_response()
}

async fn cookies(headers: HeaderMap) -> Response {
    let mut cookies = Map::new();
    for value in headers.get_all(header::COOKIE) {
        for pair in String::from_utf8_lossy(value.as_bytes()).split(';') {
            if let Some((name, value)) = pair.split_once('=') {
                cookies.insert(
                    name.trim().to_owned(),
                    Value::String(value.trim().to_owned()),
                );
            }
        }
    }
    json_response(StatusCode::OK, &json!({ "cookies": cookies }))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Percent-encoded UTF-8 sequences decoded to the characters, the rest left as it is — the
/// IRI form werkzeug (and so httpbin) shows: `%C3%A9` → `é`, but `%20` and `%2B` stay.
fn uri_to_iri(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let hex = |b: u8| (b as char).to_digit(16);
    while i < bytes.len() {
        // A run of %XX escapes of bytes >= 0x80.
        let mut run = Vec::new();
        let mut j = i;
        while j + 2 < bytes.len() && bytes[j] == b'%' {
            match (hex(bytes[j + 1]), hex(bytes[j + 2])) {
                (Some(h), Some(l)) if h * 16 + l >= 0x80 => {
                    run.push((h * 16 + l) as u8);
                    j += 3;
                }
                _ => break,
            }
        }
        if run.is_empty() {
            let c = text[i..].chars().next().unwrap_or('\0');
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        match std::str::from_utf8(&run) {
            Ok(decoded) => out.push_str(decoded),
            Err(_) => out.push_str(&text[i..j]),
        }
        i = j;
    }
    out
}

/// `application/x-www-form-urlencoded` pairs, decoded (`+` is a space).
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// httpbin's `semiflatten`: one value as a string, repeated names as a list, in name order.
fn semiflatten<'a>(pairs: Vec<(Cow<'a, str>, Val<'a>)>) -> Val<'a> {
    let mut grouped: BTreeMap<Cow<'a, str>, Vec<Val<'a>>> = BTreeMap::new();
    for (k, v) in pairs {
        grouped.entry(k).or_default().push(v);
    }
    Val::Map(
        grouped
            .into_iter()
            .map(|(k, mut vs)| {
                let value = if vs.len() == 1 {
                    vs.remove(0)
                } else {
                    Val::List(vs)
                };
                (k, value)
            })
            .collect(),
    )
}

/// [`semiflatten`] for the few answers still built as `serde_json::Value`.
fn semiflatten_json(pairs: &[(String, String)]) -> Value {
    let mut grouped: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, v) in pairs {
        grouped.entry(k).or_default().push(v);
    }
    let map: Map<String, Value> = grouped
        .into_iter()
        .map(|(k, vs)| {
            let value = if vs.len() == 1 {
                json!(vs[0])
            } else {
                json!(vs)
            };
            (k.to_owned(), value)
        })
        .collect();
    Value::Object(map)
}

/// `x-api-key` → `X-Api-Key`, as WSGI servers present header names.
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => {
                    first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A number in [0, 1) that differs per call (not for cryptography).
fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}
