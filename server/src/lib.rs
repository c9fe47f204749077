//! The companion server: the built app, the echo API (`/echo`, httpbin-compatible) and, when
//! enabled, the CORS proxy (`/proxy`), on one loopback origin.

pub mod cli;
pub mod echo;
pub mod guard;
pub mod json_out;
pub mod multipart;
pub mod oauth;
pub mod proxy;
pub mod security;
pub mod ssrf;
pub mod statics;
pub mod streams;
pub mod ws;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

pub use guard::Budget;
pub use proxy::ProxyConfig;
pub use security::AllowedHosts;
pub use statics::Assets;

/// Longest one exchange may take, from its request head to the last byte of its response
/// (the echo API's /delay is capped at 10 s), unless told otherwise.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Longest a client may take to send its request head (slow-loris), unless told otherwise.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head; a larger one gets 431.
const MAX_HEAD: usize = 64 * 1024;
/// Requests to /echo, /api/config and /proxy in flight at once, across all clients.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 64;
/// Bytes of request and response bodies held at once by the echo API and the proxy together.
pub const DEFAULT_MAX_BUFFERED: usize = 256 << 20;

/// What the API may use across all clients: beyond either, 503 with `Retry-After`.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_in_flight: usize,
    pub max_buffered: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            max_buffered: DEFAULT_MAX_BUFFERED,
        }
    }
}

/// A request's place among those in flight; shared, so that blocking work started for the
/// request keeps it taken until that work ends too, even after a timeout answered the client.
#[derive(Clone)]
pub struct Slot(#[allow(dead_code)] Arc<OwnedSemaphorePermit>);

#[derive(Clone)]
struct Shared {
    in_flight: Arc<Semaphore>,
    max_in_flight: usize,
    budget: Budget,
}

/// What the server tells the app it offers, in every page's head: the echo API's path, and the
/// proxy's when it is on. (Also at `/api/config` for other clients; in the page, the app knows it
/// before its first paint, with no request.)
pub fn page_head(proxy: bool) -> String {
    let proxy = if proxy { " proxy=/proxy" } else { "" };
    format!("<meta name=\"http-playground-server\" content=\"echo=/echo{proxy}\">")
}

/// [`app_with`] and the default limits.
pub fn app(assets: Assets, proxy: Option<ProxyConfig>) -> Router {
    app_with(assets, proxy, Limits::default())
}

/// The whole application: static files, `/echo`, `/api/config` and, if given, `/proxy`. The
/// API routes share `limits`, and every answer of theirs carries the sandbox policy and
/// `nosniff` (see [`security::SANDBOX_CSP`]). Serve it with [`serve_with`], which adds the
/// `Host` check and the per-exchange deadline.
pub fn app_with(assets: Assets, proxy: Option<ProxyConfig>, limits: Limits) -> Router {
    let has_proxy = proxy.is_some();
    let shared = Shared {
        in_flight: Arc::new(Semaphore::new(limits.max_in_flight.max(1))),
        max_in_flight: limits.max_in_flight.max(1),
        budget: Budget::new(limits.max_buffered),
    };
    let mut api = Router::new()
        .nest("/echo", echo::router())
        .route(
            "/api/config",
            get(move || async move {
                axum::Json(serde_json::json!({ "echo": "/echo", "proxy": has_proxy }))
            }),
        )
        .layer(middleware::from_fn(cors));
    if let Some(config) = proxy {
        // No CORS layer: only pages of this origin can read the proxy's answers.
        let state = Arc::new(proxy::Proxy::new(config, shared.budget.clone()));
        api = api.route("/proxy", any(proxy::handle).with_state(state));
    }
    api.layer(middleware::from_fn_with_state(shared, api_guard))
        .fallback(move |request: Request| {
            let assets = assets.clone();
            async move {
                if !matches!(*request.method(), Method::GET | Method::HEAD) {
                    return StatusCode::METHOD_NOT_ALLOWED.into_response();
                }
                assets.respond(request.uri(), request.headers())
            }
        })
}

/// Every API request: a place among those in flight (503 beyond), the shared budget for the
/// handlers, and the sandbox headers on the answer, whose body keeps the place until written.
async fn api_guard(State(shared): State<Shared>, mut request: Request, next: Next) -> Response {
    let mut response = match shared.in_flight.clone().try_acquire_owned() {
        Ok(permit) => {
            let slot = Slot(Arc::new(permit));
            request.extensions_mut().insert(slot.clone());
            request.extensions_mut().insert(shared.budget.clone());
            let response = next.run(request).await;
            guard::Guarded::wrap(response, vec![Box::new(slot)])
        }
        Err(_) => guard::busy(&format!(
            "the server is answering its limit of {} requests at once; retry in a second (start \
             it with a larger --max-in-flight to allow more)",
            shared.max_in_flight
        )),
    };
    security::sandbox(response.headers_mut());
    response
}

/// CORS as httpbin answers it, but open to any method and header, and exposing every header
/// to scripts (`Access-Control-Expose-Headers: *`), so the playground sees them all.
/// Credentials (`Access-Control-Allow-Credentials`) only for pages on this machine's loopback,
/// so another site cannot read the echo of a visitor's cookies for 127.0.0.1. This layer alone
/// decides: any `Access-Control-*` header a handler put on its answer is removed first.
async fn cors(request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let preflight = request.method() == Method::OPTIONS;
    let asked_method = request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .cloned();
    let asked_headers = request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned();
    let mut response = if preflight {
        StatusCode::OK.into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    let handlers: Vec<_> = headers
        .keys()
        .filter(|name| security::is_cors(name.as_str()))
        .cloned()
        .collect();
    for name in handlers {
        headers.remove(name);
    }
    let loopback = origin
        .as_ref()
        .and_then(|o| o.to_str().ok())
        .is_some_and(security::is_loopback_origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        origin.unwrap_or(HeaderValue::from_static("*")),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    if loopback {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
    if preflight {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            asked_method.unwrap_or(HeaderValue::from_static(
                "GET, POST, PUT, DELETE, PATCH, OPTIONS",
            )),
        );
        if let Some(asked) = asked_headers {
            headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("3600"),
        );
    }
    response
}

/// How connections are served.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Longest a client may take to send a request head.
    pub header_timeout: Duration,
    /// Longest one exchange may take, from its head to the last byte of the response written
    /// (504 if no answer is ready by then; the connection is closed if writing is not done).
    pub request_timeout: Duration,
    /// `Host` names accepted besides the loopback names and the bound address (`--host`).
    pub hosts: Vec<String>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_timeout: HEADER_READ_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
            hosts: Vec::new(),
        }
    }
}

/// Serves `app` on `listener` until the process ends: HTTP/1.1, request heads limited in size
/// and in time, the client's address available to handlers as `ConnectInfo`.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    serve_with(listener, app, ServeOptions::default()).await
}

/// [`serve`] with other options. Every request must name this server in `Host` (421
/// otherwise, see [`AllowedHosts`]); each exchange has `request_timeout` from its head to the
/// last byte of its response: handlers that have not answered by then give 504, and a response
/// still being written then is cut off with its connection.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    app: Router,
    options: ServeOptions,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    let hosts = Arc::new(
        AllowedHosts::new(listener.local_addr()?, &options.hosts)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?,
    );
    let timeout = options.request_timeout;
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let hosts = hosts.clone();
        let deadline: Arc<Mutex<Option<Instant>>> = Arc::default();
        let io = DeadlineIo {
            inner: stream,
            deadline: deadline.clone(),
            sleep: None,
        };
        tokio::spawn(async move {
            let service = hyper::service::service_fn(
                move |mut request: hyper::Request<hyper::body::Incoming>| {
                    let until = Instant::now() + timeout;
                    *deadline.lock().unwrap_or_else(|e| e.into_inner()) = Some(until);
                    let refused = hosts.check(request.headers(), request.uri());
                    request
                        .extensions_mut()
                        .insert(ConnectInfo::<SocketAddr>(peer));
                    let app = app.clone();
                    let deadline = deadline.clone();
                    async move {
                        if let Some(refusal) = refused {
                            return Ok::<_, Infallible>(refusal);
                        }
                        let answer = app.oneshot(request.map(Body::new));
                        let response = match tokio::time::timeout_at(until, answer).await {
                            Ok(response) => response.unwrap_or_else(|e| match e {}),
                            Err(_) => timed_out(timeout),
                        };
                        // A 101 hands the connection over to the WebSocket, which bounds its own
                        // life and writes (see `ws`); this exchange's deadline would cut it off.
                        if response.status() == StatusCode::SWITCHING_PROTOCOLS {
                            *deadline.lock().unwrap_or_else(|e| e.into_inner()) = None;
                        }
                        Ok(response)
                    }
                },
            );
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(options.header_timeout)
                .max_buf_size(MAX_HEAD);
            // With upgrades, so that /echo/ws can take the connection over after its 101.
            let _ = builder
                .serve_connection_with_upgrades(TokioIo::new(io), service)
                .await;
        });
    }
}

fn timed_out(timeout: Duration) -> Response {
    let mut response = (
        StatusCode::GATEWAY_TIMEOUT,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "no answer within the server's request timeout of {} s\n",
            timeout.as_secs_f64()
        ),
    )
        .into_response();
    security::sandbox(response.headers_mut());
    response
}

/// A connection whose writes fail once the current exchange's deadline has passed, so that a
/// client that stops reading cannot keep a response (and what it holds) forever.
struct DeadlineIo {
    inner: tokio::net::TcpStream,
    deadline: Arc<Mutex<Option<Instant>>>,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl DeadlineIo {
    /// Ready with an error once the deadline has passed; registers for a wake-up otherwise.
    fn poll_expired(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Error> {
        let Some(deadline) = *self.deadline.lock().unwrap_or_else(|e| e.into_inner()) else {
            return Poll::Pending;
        };
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if sleep.deadline() != deadline {
            sleep.as_mut().reset(deadline);
        }
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the response was not written within the request timeout",
            )),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Runs a write-side operation, failing it if it is still waiting at the deadline.
    fn guarded<T>(
        &mut self,
        cx: &mut Context<'_>,
        op: impl FnOnce(Pin<&mut tokio::net::TcpStream>, &mut Context<'_>) -> Poll<std::io::Result<T>>,
    ) -> Poll<std::io::Result<T>> {
        match op(Pin::new(&mut self.inner), cx) {
            Poll::Ready(result) => Poll::Ready(result),
            Poll::Pending => match self.poll_expired(cx) {
                Poll::Ready(error) => Poll::Ready(Err(error)),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncRead for DeadlineIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for DeadlineIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.guarded(cx, |io, cx| io.poll_write(cx, buf))
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        self.guarded(cx, |io, cx| io.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.guarded(cx, |io, cx| io.poll_flush(cx))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CORS layer alone decides: a handler's own `Access-Control-*` headers never reach the
    /// client, whoever asks.
    #[tokio::test]
    async fn the_cors_layer_replaces_whatever_a_handler_set() {
        let router = Router::new()
            .route(
                "/widen",
                get(|| async {
                    (
                        [
                            ("access-control-allow-credentials", "true"),
                            ("access-control-allow-origin", "https://evil.example"),
                            ("access-control-allow-methods", "PUT"),
                            ("Access-Control-Allow-Private-Network", "true"),
                        ],
                        "ok",
                    )
                }),
            )
            .layer(middleware::from_fn(cors));
        for (origin, credentials) in [
            ("https://evil.example", None),
            ("http://127.0.0.1:3000", Some("true")),
        ] {
            let request = Request::get("/widen")
                .header(header::ORIGIN, origin)
                .body(Body::empty())
                .unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            let headers = response.headers();
            let all = |name: &str| -> Vec<&str> {
                headers
                    .get_all(name)
                    .iter()
                    .map(|v| v.to_str().unwrap())
                    .collect()
            };
            assert_eq!(all("access-control-allow-origin"), [origin]);
            assert_eq!(
                all("access-control-allow-credentials"),
                credentials.into_iter().collect::<Vec<_>>(),
                "{origin}"
            );
            assert!(all("access-control-allow-methods").is_empty());
            assert!(all("access-control-allow-private-network").is_empty());
            assert_eq!(all("access-control-expose-headers"), ["*"]);
        }
    }
}
