//! The companion server: the built app, the echo API (`/echo`, httpbin-compatible) and, when
//! enabled, the CORS proxy (`/proxy`), on one loopback origin.

pub mod echo;
pub mod multipart;
pub mod proxy;
pub mod ssrf;
pub mod statics;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use tower::ServiceExt;

pub use proxy::ProxyConfig;
pub use statics::Assets;

/// Longest any request may take (the echo API's /delay is capped at 10 s).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Longest a client may take to send its request head (slow-loris), unless told otherwise.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head; a larger one gets 431.
const MAX_HEAD: usize = 64 * 1024;

/// What the server tells the app it offers, in every page's head: the echo API's path, and the
/// proxy's when it is on. (Also at `/api/config` for other clients; in the page, the app knows it
/// before its first paint, with no request.)
pub fn page_head(proxy: bool) -> String {
    let proxy = if proxy { " proxy=/proxy" } else { "" };
    format!("<meta name=\"http-playground-server\" content=\"echo=/echo{proxy}\">")
}

/// The whole application: static files, `/echo`, `/api/config` and, if given, `/proxy`.
pub fn app(assets: Assets, proxy: Option<ProxyConfig>) -> Router {
    let has_proxy = proxy.is_some();
    let api = Router::new()
        .nest("/echo", echo::router())
        .route(
            "/api/config",
            get(move || async move {
                axum::Json(serde_json::json!({ "echo": "/echo", "proxy": has_proxy }))
            }),
        )
        .layer(middleware::from_fn(cors));
    let mut router = api;
    if let Some(config) = proxy {
        let state = Arc::new(proxy::Proxy::new(config));
        router = router.route("/proxy", any(proxy::handle).with_state(state));
    }
    router
        .fallback(move |request: Request| {
            let assets = assets.clone();
            async move {
                if !matches!(*request.method(), Method::GET | Method::HEAD) {
                    return StatusCode::METHOD_NOT_ALLOWED.into_response();
                }
                assets.respond(request.uri(), request.headers())
            }
        })
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
}

/// CORS as httpbin answers it, but open to any method and header, and exposing every header
/// to scripts (`Access-Control-Expose-Headers: *`), so the playground sees them all.
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
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        origin.unwrap_or(HeaderValue::from_static("*")),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
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

/// Serves `app` on `listener` until the process ends: HTTP/1.1, request heads limited in size
/// and in time, the client's address available to handlers as `ConnectInfo`.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    serve_with(listener, app, HEADER_READ_TIMEOUT).await
}

/// [`serve`] with another limit on the time to send a request head.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    app: Router,
    header_read_timeout: Duration,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
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
        tokio::spawn(async move {
            let service = hyper::service::service_fn(
                move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(ConnectInfo::<SocketAddr>(peer));
                    let app = app.clone();
                    async move {
                        let response = app.oneshot(request.map(Body::new)).await;
                        Ok::<_, Infallible>(response.unwrap_or_else(|e| match e {}))
                    }
                },
            );
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout)
                .max_buf_size(MAX_HEAD);
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
