//! The proxy, end to end on loopback: an upstream API that sends no CORS headers, reached
//! through /proxy; what is forwarded and what is not; refused targets get a clear message.
//! Nothing here connects outside 127.0.0.1: refused addresses are refused before connecting.

mod common;

use axum::http::HeaderMap;
use axum::routing::{any, get};
use axum::Router;
use http_playground_server::ssrf::Allowance;
use http_playground_server::{app_with, Assets, Limits, ProxyConfig};

/// A loopback API with no CORS at all: it echoes method, headers and body, and redirects.
async fn upstream() -> String {
    let app = Router::new()
        .route(
            "/echo",
            any(|method: axum::http::Method, headers: HeaderMap, body: String| async move {
                let headers: serde_json::Map<String, serde_json::Value> = headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").into()))
                    .collect();
                axum::Json(serde_json::json!({ "method": method.as_str(), "headers": headers, "body": body }))
            }),
        )
        .route(
            "/set-cookie",
            get(|| async { ([("set-cookie", "session=stolen"), ("x-upstream", "yes")], "ok") }),
        )
        .route(
            "/to-metadata",
            get(|| async { (axum::http::StatusCode::FOUND, [("location", "http://169.254.169.254/latest/meta-data/")]) }),
        )
        .route(
            "/to-echo",
            any(|| async { (axum::http::StatusCode::SEE_OTHER, [("location", "/echo")]) }),
        )
        .route("/big", get(|| async { vec![b'x'; 3 << 20] }))
        .route(
            "/chain/{n}",
            get(|axum::extract::Path(n): axum::extract::Path<u32>| async move {
                use axum::response::IntoResponse;
                match n {
                    0 => "end".into_response(),
                    n => (
                        axum::http::StatusCode::FOUND,
                        [("location", format!("/chain/{}", n - 1))],
                    )
                        .into_response(),
                }
            }),
        )
        .route(
            "/to",
            any(|uri: axum::http::Uri| async move {
                let to = uri.query().unwrap_or("").strip_prefix("url=").unwrap_or("").to_owned();
                let to = url::form_urlencoded::parse(format!("u={to}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                (axum::http::StatusCode::TEMPORARY_REDIRECT, [("location", to)])
            }),
        );
    let base = common::start_upstream(app).await;
    base
}

fn loopback_proxy() -> ProxyConfig {
    ProxyConfig {
        allow_hosts: vec!["127.0.0.1".into()],
        allowance: Allowance { loopback: true },
        max_response_body: 2 << 20,
        ..ProxyConfig::default()
    }
}

fn proxied(server: &str, target: &str) -> String {
    format!(
        "{server}/proxy?url={}",
        url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
    )
}

#[tokio::test]
async fn requests_go_through_with_method_headers_and_body_but_not_cookies_or_origin() {
    let api = upstream().await;
    let server = common::start(Default::default(), Some(loopback_proxy())).await;
    let response = common::proxy_client()
        .patch(proxied(&server, &format!("{api}/echo")))
        .header("X-Lesson", "3")
        .header("Authorization", "Bearer t0k")
        .header("Cookie", "playground=secret")
        // The app's own page: same origin (another would be refused, see security.rs).
        .header("Origin", &server)
        .header("Referer", format!("{server}/"))
        .header("Sec-Fetch-Site", "same-origin")
        .header("Sec-Fetch-Mode", "cors")
        .header("Sec-Fetch-Dest", "empty")
        .header("Content-Type", "application/json")
        .body(r#"{"title": "foo"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    assert_eq!(
        response.headers()["x-proxy-final-url"],
        format!("{api}/echo")
    );
    let echo: serde_json::Value = response.json().await.unwrap();
    assert_eq!(echo["method"], "PATCH");
    assert_eq!(echo["body"], r#"{"title": "foo"}"#);
    assert_eq!(echo["headers"]["x-lesson"], "3");
    assert_eq!(echo["headers"]["authorization"], "Bearer t0k");
    assert_eq!(echo["headers"]["content-type"], "application/json");
    for dropped in ["cookie", "origin", "referer", "x-playground-proxy"] {
        assert!(
            echo["headers"].get(dropped).is_none(),
            "{dropped} was forwarded: {echo}"
        );
    }

    // Upstream cookies are not set on our origin; other headers come back.
    let response = common::proxy_client()
        .get(proxied(&server, &format!("{api}/set-cookie")))
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("set-cookie").is_none());
    assert_eq!(response.headers()["x-upstream"], "yes");

    // A 303 after POST continues as GET, as browsers do.
    let response = common::proxy_client()
        .post(proxied(&server, &format!("{api}/to-echo")))
        .body("gone")
        .send()
        .await
        .unwrap();
    let echo: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        (echo["method"].as_str(), echo["body"].as_str()),
        (Some("GET"), Some(""))
    );
}

async fn refused(server: &str, target: &str) -> (u16, String) {
    let response = common::proxy_client()
        .get(proxied(server, target))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert!(response.headers().get("x-proxy-error").is_some());
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn refused_targets_get_a_clear_message_and_no_connection() {
    let api = upstream().await;
    let server = common::start(Default::default(), Some(loopback_proxy())).await;
    let cases = [
        (
            "http://example.com/",
            403,
            "not in the proxy's allow list (start the server with --proxy-allow example.com)",
        ),
        ("ftp://127.0.0.1/", 403, "only http and https"),
        ("http://user:pw@127.0.0.1/", 403, "credentials in the URL"),
        ("not a url", 400, "spaces or control characters"),
        (
            "http://127.0.0.1/\r\nX-Injected: 1",
            400,
            "spaces or control characters",
        ),
        ("http://[", 400, "not a URL"),
    ];
    for (target, status, message) in cases {
        let (got, text) = refused(&server, target).await;
        assert_eq!(got, status, "{target}: {text}");
        assert!(text.contains(message), "{target}: {text}");
    }
    let (status, text) = refused(&server, &format!("{api}/big")).await;
    assert_eq!(
        (status, text.contains("larger than 2 MB")),
        (502, true),
        "{text}"
    );
    let missing = common::proxy_client()
        .get(format!("{server}/proxy"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 400);

    // Any public host allowed, but the addresses are judged: a redirect to the metadata
    // address is refused at that hop; loopback without the test allowance is refused.
    let any_host = common::start(
        Default::default(),
        Some(ProxyConfig {
            allow_any: true,
            allowance: Allowance { loopback: true },
            ..ProxyConfig::default()
        }),
    )
    .await;
    let (status, text) = refused(&any_host, &format!("{api}/to-metadata")).await;
    assert_eq!(status, 403, "{text}");
    assert!(
        text.contains("169.254.169.254, a link-local address"),
        "{text}"
    );
    for target in [
        "http://10.0.0.1/",
        "http://[::ffff:192.168.0.1]/",
        "http://2852039166/",
        "http://0251.0376.0251.0376/",
    ] {
        let (status, text) = refused(&any_host, target).await;
        assert_eq!(status, 403, "{target}: {text}");
        assert!(
            text.contains("the proxy does not go there"),
            "{target}: {text}"
        );
    }
    let strict = common::start(
        Default::default(),
        Some(ProxyConfig {
            allow_any: true,
            ..ProxyConfig::default()
        }),
    )
    .await;
    let (status, text) = refused(&strict, &format!("{api}/echo")).await;
    assert_eq!(status, 403);
    assert!(text.contains("127.0.0.1, a loopback address"), "{text}");
    for target in [
        "http://localhost:9/",
        "http://0x7f000001/",
        "http://[::1]:9/",
    ] {
        let (status, text) = refused(&strict, target).await;
        assert_eq!(status, 403, "{target}: {text}");
        assert!(text.contains("loopback address"), "{target}: {text}");
    }
}

#[tokio::test]
async fn the_proxy_is_off_unless_enabled_and_config_says_so() {
    let server = common::start(Default::default(), None).await;
    let response = common::proxy_client()
        .get(format!("{server}/proxy?url=http%3A%2F%2F127.0.0.1%2F"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        config(&server).await,
        serde_json::json!({ "echo": "/echo", "proxy": false })
    );
    let on = common::start(Default::default(), Some(loopback_proxy())).await;
    assert_eq!(config(&on).await["proxy"], true);
}

async fn config(server: &str) -> serde_json::Value {
    let response = common::client().get(format!("{server}/api/config")).send();
    response.await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn a_client_gets_429_beyond_its_concurrent_requests_and_413_for_big_bodies() {
    let api = upstream().await;
    let server = common::start(
        Default::default(),
        Some(ProxyConfig {
            per_client: 1,
            max_request_body: 1 << 20,
            ..loopback_proxy()
        }),
    )
    .await;
    // The echo API of a second server is slow on purpose: /echo/delay/1.
    let slow = common::start(Default::default(), None).await;
    let first = tokio::spawn({
        let url = proxied(&server, &format!("{slow}/echo/delay/1"));
        async move {
            common::proxy_client()
                .get(url)
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let (status, text) = refused(&server, &format!("{api}/echo")).await;
    assert_eq!(status, 429, "{text}");
    assert!(text.contains("at most 1 requests at once"), "{text}");
    assert_eq!(first.await.unwrap(), 200);
    // The slot is free again.
    let again = common::proxy_client()
        .get(proxied(&server, &format!("{api}/echo")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);

    let big = common::proxy_client()
        .post(proxied(&server, &format!("{api}/echo")))
        .body(vec![b'x'; 2 << 20])
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);
    assert!(big.text().await.unwrap().contains("limited to 1 MB"));
}

#[tokio::test]
async fn the_redirect_cap_is_reached_and_refused_with_a_clear_message() {
    let api = upstream().await;
    let server = common::start(Default::default(), Some(loopback_proxy())).await;
    // Five redirects are followed (the default cap)…
    let response = common::proxy_client()
        .get(proxied(&server, &format!("{api}/chain/5")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["x-proxy-final-url"],
        format!("{api}/chain/0")
    );
    assert_eq!(response.text().await.unwrap(), "end");
    // …a sixth is refused, not passed back as a 302 the browser would follow directly.
    let (status, text) = refused(&server, &format!("{api}/chain/6")).await;
    assert_eq!(status, 502, "{text}");
    assert!(
        text.contains("more than 5 redirects") && text.contains("/chain/1"),
        "{text}"
    );
    let strict = common::start(
        Default::default(),
        Some(ProxyConfig {
            max_redirects: 1,
            ..loopback_proxy()
        }),
    )
    .await;
    let (status, text) = refused(&strict, &format!("{api}/chain/2")).await;
    assert_eq!(
        (status, text.contains("more than 1 redirects")),
        (502, true),
        "{text}"
    );
}

#[tokio::test]
async fn credentials_do_not_follow_a_redirect_to_another_port_or_host() {
    let first = upstream().await;
    let second = upstream().await;
    let server = common::start(
        Default::default(),
        Some(ProxyConfig {
            allow_hosts: vec!["127.0.0.1".into(), "localhost".into()],
            ..loopback_proxy()
        }),
    )
    .await;
    let port_of = |base: &str| base.rsplit(':').next().unwrap().to_owned();
    let send = |target: String| {
        let url = proxied(&server, &target);
        async move {
            let response = common::proxy_client()
                .post(url)
                .header("Authorization", "Bearer secret-1")
                .header("Proxy-Authorization", "Basic cHJveHk6cHc=")
                .header("X-Api-Key", "secret-2")
                .header("X-Auth-Token", "secret-3")
                .header("Client-Secret", "secret-4")
                .header("X-Lesson", "3")
                .body("payload")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            response.json::<serde_json::Value>().await.unwrap()
        }
    };
    let redirect = |from: &str, to: String| {
        format!(
            "{from}/to?url={}",
            url::form_urlencoded::byte_serialize(to.as_bytes()).collect::<String>()
        )
    };
    // Same scheme, host and port: everything arrives (a 307 keeps method and body).
    let echo = send(redirect(&first, format!("{first}/echo"))).await;
    assert_eq!(echo["headers"]["authorization"], "Bearer secret-1");
    assert_eq!(echo["headers"]["x-api-key"], "secret-2");
    assert_eq!(echo["body"], "payload");
    // Another port, another host: credentials are dropped, the rest goes on.
    for target in [
        format!("{second}/echo"),
        format!("http://localhost:{}/echo", port_of(&first)),
    ] {
        let echo = send(redirect(&first, target.clone())).await;
        for name in [
            "authorization",
            "proxy-authorization",
            "x-api-key",
            "x-auth-token",
            "client-secret",
        ] {
            assert!(
                echo["headers"].get(name).is_none(),
                "{target}: {name} followed: {echo}"
            );
        }
        assert_eq!(echo["headers"]["x-lesson"], "3", "{target}");
        assert_eq!(echo["body"], "payload", "{target}");
    }
}

#[tokio::test]
async fn the_byte_budget_is_shared_by_all_clients() {
    let api = upstream().await;
    let server = common::start_router(app_with(
        Assets::default(),
        Some(ProxyConfig {
            max_response_body: 50 << 20,
            ..loopback_proxy()
        }),
        Limits {
            max_buffered: 1 << 20,
            ..Limits::default()
        },
    ))
    .await;
    // 3 MB from upstream is under the per-response limit but over what the server may hold.
    let response = common::proxy_client()
        .get(proxied(&server, &format!("{api}/big")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "1");
    let text = response.text().await.unwrap();
    assert!(
        text.contains("limit of 1 MB") && text.contains("--max-buffered"),
        "{text}"
    );
    // The same for an echo body, and small answers still pass.
    let response = common::client()
        .post(format!("{server}/echo/post"))
        .body(vec![b'x'; 2 << 20])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    let response = common::proxy_client()
        .get(proxied(&server, &format!("{api}/echo")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}
