//! The server's own origin stays safe: it answers only to its own Host names (DNS rebinding),
//! echo and proxy answers are sandboxed documents whatever their Content-Type, nobody can set
//! cookies, site data or policies on it through /echo/response-headers or an upstream, and the
//! proxy serves only the app's own fetch() calls. Everything on 127.0.0.1.

mod common;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use base64::Engine;
use http_playground_server::ssrf::Allowance;
use http_playground_server::{app, serve_with, Assets, ProxyConfig, ServeOptions};

const CSP: &str = "sandbox; default-src 'none'";
const PAGE: &str = "<!doctype html><title>upstream</title><script>document.title='ran'</script>";

/// A loopback upstream that answers HTML and every header that would act on an origin.
async fn upstream() -> String {
    let app = Router::new()
        .route(
            "/page",
            get(|| async {
                (
                    [
                        ("content-type", "text/html; charset=utf-8"),
                        ("refresh", "0; url=http://127.0.0.1:9/"),
                        ("clear-site-data", "\"*\""),
                        ("set-cookie", "session=stolen; Path=/"),
                        ("content-security-policy", "script-src 'unsafe-inline'"),
                        ("x-content-type-options", "sniff"),
                        ("link", "</x.css>; rel=preload; as=style"),
                        ("strict-transport-security", "max-age=31536000"),
                        ("access-control-allow-origin", "*"),
                        ("x-upstream", "kept"),
                    ],
                    PAGE,
                )
            }),
        )
        .route("/plain", get(|| async { "plain" }));
    let base = common::start_upstream(app).await;
    base
}

fn loopback_proxy() -> ProxyConfig {
    ProxyConfig {
        allow_hosts: vec!["127.0.0.1".into()],
        allowance: Allowance { loopback: true },
        ..ProxyConfig::default()
    }
}

fn proxied(server: &str, target: &str) -> String {
    format!(
        "{server}/proxy?url={}",
        url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
    )
}

fn assert_sandboxed(response: &reqwest::Response, what: &str) {
    let headers = response.headers();
    assert_eq!(
        headers
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap()),
        Some(CSP),
        "{what}: {headers:?}"
    );
    assert_eq!(
        headers.get_all("content-security-policy").iter().count(),
        1,
        "{what}"
    );
    assert_eq!(
        headers
            .get("x-content-type-options")
            .map(|v| v.to_str().unwrap()),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        headers.get_all("x-content-type-options").iter().count(),
        1,
        "{what}"
    );
}

#[tokio::test]
async fn names_other_than_the_servers_own_get_421_everywhere() {
    let port = common::binary::free_port();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let options = ServeOptions {
        hosts: vec!["box.lan".into()],
        ..ServeOptions::default()
    };
    tokio::spawn(serve_with(
        listener,
        app(Assets::default(), Some(loopback_proxy())),
        options,
    ));
    let server = format!("http://127.0.0.1:{port}");
    let client = common::client();
    for path in [
        "/",
        "/echo/get",
        "/proxy?url=http%3A%2F%2F127.0.0.1%3A9%2F",
        "/api/config",
    ] {
        for host in [
            format!("evil.example:{port}"),
            "evil.example".to_owned(),
            format!("127.0.0.1.nip.io:{port}"),
            format!("127.0.0.1:{}", port.wrapping_add(1)),
        ] {
            let response = client
                .get(format!("{server}{path}"))
                .header("Host", &host)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 421, "{path} with Host {host}");
            assert!(response
                .headers()
                .get("access-control-allow-origin")
                .is_none());
            let text = response.text().await.unwrap();
            assert!(
                text.contains(&format!("Host \"{host}\" is not a name of this server"))
                    && text.contains(&format!("127.0.0.1:{port}, localhost:{port}, [::1]:{port}"))
                    && text.contains("--host NAME"),
                "{text}"
            );
        }
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        format!("box.lan:{port}"),
    ] {
        let response = client
            .get(format!("{server}/echo/get"))
            .header("Host", &host)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{host}");
    }
    // An absolute request target names the host too.
    let server = common::binary::start(&[]);
    let reply = server.raw_text(
        b"GET http://evil.example/echo/get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(reply.starts_with("HTTP/1.1 421"), "{reply}");
    let reply = server.raw_text(b"GET /echo/get HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(reply.starts_with("HTTP/1.1 400"), "{reply}");
    assert!(reply.contains("no Host header"), "{reply}");
}

#[tokio::test]
async fn echo_and_proxy_answers_are_sandboxed_whatever_their_type() {
    let api = upstream().await;
    let server = common::start(Assets::default(), Some(loopback_proxy())).await;
    let client = common::client();
    let script = "<script>document.title=localStorage.getItem('k')</script>";

    let url = format!(
        "{server}/echo/response-headers?Content-Type=text/html&x={}",
        url::form_urlencoded::byte_serialize(script.as_bytes()).collect::<String>()
    );
    let response = client
        .get(&url)
        .header("Origin", "http://127.0.0.1:1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_sandboxed(&response, "response-headers");
    // Still readable by the app: CORS and the Content-Type asked for.
    assert_eq!(response.headers()["content-type"], "text/html");
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://127.0.0.1:1"
    );
    assert!(response.text().await.unwrap().contains(script));

    let encoded = base64::engine::general_purpose::URL_SAFE.encode(PAGE);
    let response = client
        .get(format!("{server}/echo/base64/{encoded}"))
        .send()
        .await
        .unwrap();
    assert_sandboxed(&response, "base64");
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(response.text().await.unwrap(), PAGE);

    let response = common::proxy_client()
        .get(proxied(&server, &format!("{api}/page")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_sandboxed(&response, "proxy");
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(response.text().await.unwrap(), PAGE);

    // The refusals and every other echo answer too.
    for path in [
        "/echo/get",
        "/echo/html",
        "/echo/status/418",
        "/echo/response-headers?Set-Cookie=a%3D1",
        "/echo/no-such-route",
        "/api/config",
        "/proxy",
    ] {
        let response = client.get(format!("{server}{path}")).send().await.unwrap();
        assert_sandboxed(&response, path);
    }
}

#[tokio::test]
async fn response_headers_refuses_headers_that_act_on_the_origin() {
    let server = common::start(Assets::default(), None).await;
    let client = common::client();
    for (query, name) in [
        ("Set-Cookie=session%3Dx", "Set-Cookie"),
        ("set-cookie=a%3D1&X-Ok=1", "set-cookie"),
        ("Clear-Site-Data=%22*%22", "Clear-Site-Data"),
        ("Refresh=0%3Burl%3Dhttp%3A%2F%2F127.0.0.1%3A9", "Refresh"),
        (
            "Content-Security-Policy=script-src%20*",
            "Content-Security-Policy",
        ),
        ("X-Content-Type-Options=sniff", "X-Content-Type-Options"),
        (
            "Strict-Transport-Security=max-age%3D1",
            "Strict-Transport-Security",
        ),
        ("Link=%3C%2Fx%3E%3B%20rel%3Dpreload", "Link"),
        ("Service-Worker-Allowed=%2F", "Service-Worker-Allowed"),
        ("Content-Length=1", "Content-Length"),
        ("Transfer-Encoding=chunked", "Transfer-Encoding"),
    ] {
        let response = client
            .get(format!("{server}/echo/response-headers?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{query}");
        assert!(response.headers().get("set-cookie").is_none());
        assert!(response.headers().get("refresh").is_none());
        assert!(response.headers().get("clear-site-data").is_none());
        let text = response.text().await.unwrap();
        assert!(
            text.starts_with(&format!(
                "response-headers: {name} is not set by this server"
            )),
            "{query}: {text}"
        );
    }
    // Harmless ones still work, as httpbin's.
    let response = client
        .get(format!(
            "{server}/echo/response-headers?X-Custom=1&Cache-Control=no-store&Content-Type=text/plain"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-custom"], "1");
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["content-type"], "text/plain");
}

#[tokio::test]
async fn the_proxy_answers_only_the_apps_own_fetch_calls() {
    let api = upstream().await;
    let server = common::start(Assets::default(), Some(loopback_proxy())).await;
    // With the proxy's header: these refusals stand on Fetch Metadata and Origin alone.
    let client = common::proxy_client();
    let target = proxied(&server, &format!("{api}/plain"));
    let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
        (
            vec![("Sec-Fetch-Mode", "navigate".into())],
            "does not answer page navigations (Sec-Fetch-Mode: navigate)",
        ),
        (
            vec![
                ("Sec-Fetch-Mode", "navigate".into()),
                ("Sec-Fetch-Dest", "document".into()),
                ("Sec-Fetch-Site", "none".into()),
            ],
            "does not answer page navigations",
        ),
        (
            vec![("Sec-Fetch-Dest", "iframe".into())],
            "not loads as a iframe (Sec-Fetch-Dest: iframe)",
        ),
        (
            vec![
                ("Sec-Fetch-Mode", "no-cors".into()),
                ("Sec-Fetch-Dest", "script".into()),
                ("Sec-Fetch-Site", "same-origin".into()),
            ],
            "Sec-Fetch-Dest: script",
        ),
        (
            vec![
                ("Sec-Fetch-Mode", "no-cors".into()),
                ("Sec-Fetch-Dest", "empty".into()),
                ("Sec-Fetch-Site", "cross-site".into()),
            ],
            "only pages served by this server may use its proxy (this request is Sec-Fetch-Site: cross-site)",
        ),
        (
            vec![("Origin", "http://evil.example".into())],
            "comes from Origin http://evil.example",
        ),
        (
            vec![("Origin", "http://localhost:1".into())],
            "comes from Origin http://localhost:1",
        ),
    ];
    for (headers, reason) in cases {
        let mut request = client.get(&target);
        for (name, value) in &headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(
            response.headers()["content-type"],
            "text/plain; charset=utf-8"
        );
        assert_sandboxed(&response, reason);
        let text = response.text().await.unwrap();
        assert!(
            text.starts_with("proxy: ") && text.contains(reason),
            "{headers:?}: {text}"
        );
    }
    // The app's own "Send via proxy" fetch(), and clients that are not browsers.
    let response = client
        .get(&target)
        .header("Sec-Fetch-Mode", "cors")
        .header("Sec-Fetch-Dest", "empty")
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", &server)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let response = client.get(&target).send().await.unwrap();
    assert_eq!(response.text().await.unwrap(), "plain");
}

#[tokio::test]
async fn the_proxy_drops_upstream_headers_that_act_on_the_origin() {
    let api = upstream().await;
    let server = common::start(Assets::default(), Some(loopback_proxy())).await;
    let response = common::proxy_client()
        .get(proxied(&server, &format!("{api}/page")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    for dropped in [
        "refresh",
        "clear-site-data",
        "set-cookie",
        "link",
        "strict-transport-security",
        "access-control-allow-origin",
    ] {
        assert!(headers.get(dropped).is_none(), "{dropped}: {headers:?}");
    }
    // Ours, not the upstream's.
    assert_eq!(headers["content-security-policy"], CSP);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-upstream"], "kept");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
}

#[tokio::test]
async fn cors_credentials_only_for_pages_on_loopback() {
    let server = common::start(Assets::default(), None).await;
    let client = common::client();
    for (origin, credentials) in [
        ("http://127.0.0.1:3000", true),
        ("http://localhost:8080", true),
        ("https://evil.example", false),
        ("http://127.0.0.1.evil.example", false),
    ] {
        let response = client
            .get(format!("{server}/echo/cookies"))
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["access-control-allow-origin"], origin);
        assert_eq!(
            response
                .headers()
                .get("access-control-allow-credentials")
                .is_some(),
            credentials,
            "{origin}"
        );
    }
}

/// A loopback upstream that counts its requests and answers the headers it got.
async fn counting_upstream() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let hits = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = Router::new().route(
        "/headers",
        axum::routing::any(move |headers: axum::http::HeaderMap| {
            counter.fetch_add(1, Ordering::SeqCst);
            async move {
                let names: Vec<String> = headers.keys().map(|k| k.to_string()).collect();
                axum::Json(names)
            }
        }),
    );
    let base = common::start_upstream(app).await;
    (base, hits)
}

const NEEDS_HEADER: &str = "proxy: requests must carry X-Playground-Proxy: 1 (the playground's \
                            own Send via proxy adds it; curl users add -H 'X-Playground-Proxy: 1')\n";

#[tokio::test]
async fn the_proxy_requires_x_playground_proxy_1_and_never_forwards_it() {
    use std::sync::atomic::Ordering;
    let (api, hits) = counting_upstream().await;
    let server = common::start(Assets::default(), Some(loopback_proxy())).await;
    let client = common::client();
    let target = proxied(&server, &format!("{api}/headers"));
    let refusals: Vec<(&str, reqwest::RequestBuilder)> = vec![
        // A program (curl) that does not add it.
        ("no header at all", client.get(&target)),
        // A browser without Fetch Metadata: <img src=/proxy?url=…> from any site.
        (
            "an image load from an old browser",
            client.get(&target).header("Accept", "image/*"),
        ),
        // The app's own page sending a request aimed at /proxy directly (a framed embed told to
        // autorun it): same origin by every other sign.
        (
            "a same-origin fetch that is not Send via proxy",
            client
                .post(&target)
                .header("Sec-Fetch-Site", "same-origin")
                .header("Sec-Fetch-Mode", "cors")
                .header("Sec-Fetch-Dest", "empty")
                .header("Origin", &server)
                .body("x"),
        ),
        (
            "value 0",
            client.get(&target).header("X-Playground-Proxy", "0"),
        ),
        (
            "value true",
            client.get(&target).header("X-Playground-Proxy", "true"),
        ),
        (
            "value 11",
            client.get(&target).header("X-Playground-Proxy", "11"),
        ),
        (
            "empty value",
            client.get(&target).header("X-Playground-Proxy", ""),
        ),
        (
            "the header twice",
            client
                .get(&target)
                .header("X-Playground-Proxy", "1")
                .header("X-Playground-Proxy", "1"),
        ),
        // A CORS preflight cannot carry the header it asks about: refused, so no other site's
        // request with the header ever follows.
        (
            "a preflight from another site",
            client
                .request(reqwest::Method::OPTIONS, &target)
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-playground-proxy"),
        ),
        (
            "a preflight without Fetch Metadata",
            client
                .request(reqwest::Method::OPTIONS, &target)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-playground-proxy"),
        ),
    ];
    for (what, request) in refusals {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{what}");
        assert_eq!(
            response.headers()["content-type"],
            "text/plain; charset=utf-8",
            "{what}"
        );
        assert!(response.headers().get("x-proxy-error").is_some(), "{what}");
        assert_sandboxed(&response, what);
        let granted: Vec<_> = response
            .headers()
            .keys()
            .filter(|k| k.as_str().starts_with("access-control-"))
            .collect();
        assert!(granted.is_empty(), "{what}: {granted:?}");
        let text = response.text().await.unwrap();
        if what == "a preflight from another site" {
            assert!(
                text.contains("Origin http://evil.example"),
                "{what}: {text}"
            );
        } else {
            assert_eq!(text, NEEDS_HEADER, "{what}");
        }
    }
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "a refused request reached upstream"
    );

    // With it: forwarded, and the upstream never sees it.
    for name in ["X-Playground-Proxy", "x-playground-proxy"] {
        let response = client
            .post(&target)
            .header(name, "1")
            .header("Sec-Fetch-Site", "same-origin")
            .header("Sec-Fetch-Mode", "cors")
            .header("Sec-Fetch-Dest", "empty")
            .header("Origin", &server)
            .header("X-Lesson", "3")
            .body("x")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{name}");
        let names: Vec<String> = response.json().await.unwrap();
        assert!(names.contains(&"x-lesson".to_owned()), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|n| n.eq_ignore_ascii_case("x-playground-proxy")),
            "forwarded upstream: {names:?}"
        );
    }
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn response_headers_refuses_cors_headers_and_the_cors_layer_decides() {
    let server = common::start(Assets::default(), None).await;
    let client = common::client();
    for (query, name) in [
        (
            "Access-Control-Allow-Credentials=true",
            "Access-Control-Allow-Credentials",
        ),
        (
            "access-control-allow-credentials=true&X-Ok=1",
            "access-control-allow-credentials",
        ),
        (
            "Access-Control-Allow-Origin=http%3A%2F%2Fevil.example",
            "Access-Control-Allow-Origin",
        ),
        (
            "ACCESS-CONTROL-EXPOSE-HEADERS=Set-Cookie",
            "ACCESS-CONTROL-EXPOSE-HEADERS",
        ),
        (
            "Access-Control-Allow-Headers=*",
            "Access-Control-Allow-Headers",
        ),
        (
            "Access-Control-Allow-Methods=PUT",
            "Access-Control-Allow-Methods",
        ),
        ("Access-Control-Max-Age=600", "Access-Control-Max-Age"),
        (
            "Access-Control-Allow-Private-Network=true",
            "Access-Control-Allow-Private-Network",
        ),
    ] {
        for (origin, credentials) in [
            ("https://evil.example", false),
            ("http://127.0.0.1:3000", true),
        ] {
            let response = client
                .get(format!("{server}/echo/response-headers?{query}"))
                .header("Origin", origin)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 400, "{query}");
            let headers = response.headers();
            // The CORS layer's own answer, nothing of the query's.
            assert_eq!(headers["access-control-allow-origin"], origin, "{query}");
            assert_eq!(
                headers
                    .get_all("access-control-allow-credentials")
                    .iter()
                    .collect::<Vec<_>>(),
                if credentials { vec!["true"] } else { vec![] },
                "{query} from {origin}"
            );
            assert_eq!(headers["access-control-expose-headers"], "*", "{query}");
            assert_eq!(
                headers
                    .get_all("access-control-allow-origin")
                    .iter()
                    .count(),
                1
            );
            for absent in [
                "access-control-allow-headers",
                "access-control-allow-methods",
                "access-control-max-age",
                "access-control-allow-private-network",
            ] {
                assert!(headers.get(absent).is_none(), "{query}: {absent}");
            }
            let text = response.text().await.unwrap();
            assert!(
                text.starts_with(&format!(
                    "response-headers: {name} is not set by this server: CORS headers are the \
                     server's own"
                )),
                "{query}: {text}"
            );
        }
    }
    // The first offending name is the one named.
    let response = client
        .get(format!(
            "{server}/echo/response-headers?Set-Cookie=a%3D1&Access-Control-Allow-Credentials=true"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let text = response.text().await.unwrap();
    assert!(
        text.starts_with("response-headers: Set-Cookie is not set"),
        "{text}"
    );
}
