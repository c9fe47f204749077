//! Starting the server in the test process, on a free loopback port.
#![allow(dead_code)]

pub mod binary;

use http_playground_server::{app, serve, Assets, ProxyConfig};

/// Serves the app on 127.0.0.1:<free port> and returns `http://127.0.0.1:<port>`.
pub async fn start(assets: Assets, proxy: Option<ProxyConfig>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, app(assets, proxy)));
    base
}

/// Serves any router (e.g. `app_with` and other limits) the same way.
pub async fn start_router(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, router));
    base
}

/// Serves a plain axum router (an upstream for the proxy to reach) on a free loopback port,
/// without the server's own connection handling, and returns its base URL.
pub async fn start_upstream(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap()
}

/// [`client`] with `X-Playground-Proxy: 1` on every request, as the app's "Send via proxy" sends.
pub fn proxy_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-playground-proxy", "1".parse().unwrap());
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .default_headers(headers)
        .build()
        .unwrap()
}
