//! The opt-in proxy at `/proxy?url=<target>`: for APIs that send no CORS headers. Off unless
//! started with `--proxy`; then only the hosts in `--proxy-allow` (or any public host with
//! `--proxy-allow-any`). Every address a target (and every redirect hop) resolves to is checked
//! by [`crate::ssrf`] and the connection is pinned to the checked addresses, so a name cannot
//! resolve to a public address for the check and a private one for the connection.
//!
//! It answers only the app's own "Send via proxy" `fetch()`: every request must carry
//! `X-Playground-Proxy: 1`, which another site cannot send without a CORS preflight the proxy
//! never grants, and requests whose Fetch Metadata or `Origin` show another site, a navigation
//! or a script/frame/worker load are refused with 403 too (see
//! [`crate::security::proxy_refusal`]): other sites cannot use a visitor's browser to reach it,
//! and an upstream page is never shown as a document of this origin. The browser's cookies,
//! Origin and Referer and the `X-Playground-Proxy` header are not forwarded; upstream headers
//! that would act on our origin (cookies, site data, refresh, security policies, `Link`, CORS,
//! …) are dropped; credentials are dropped when a redirect changes scheme, host or port. Bodies
//! count against the server's shared budget of held bytes.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderName, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::guard::{read_body, Budget, Guarded, ReadError};
use crate::security::{acts_on_origin, is_cors, is_credential, proxy_refusal, PROXY_HEADER};
use crate::ssrf::{refusal_any, Allowance};

/// What the proxy may do.
#[derive(Debug, Clone)]
pub struct ProxyConfig {
    /// Hosts that may be reached (exact names, lower case); ignored with `allow_any`.
    pub allow_hosts: Vec<String>,
    /// Any host whose addresses are all public.
    pub allow_any: bool,
    /// Non-public addresses allowed anyway (loopback, for tests).
    pub allowance: Allowance,
    pub max_request_body: usize,
    pub max_response_body: usize,
    pub timeout: Duration,
    /// Requests one client may have in flight at once.
    pub per_client: usize,
    pub max_redirects: usize,
}

impl Default for ProxyConfig {
    fn default() -> Self {
        ProxyConfig {
            allow_hosts: Vec::new(),
            allow_any: false,
            allowance: Allowance::default(),
            max_request_body: 10 << 20,
            max_response_body: 50 << 20,
            timeout: Duration::from_secs(30),
            per_client: 8,
            max_redirects: 5,
        }
    }
}

/// The proxy's configuration, its HTTP client and the per-client counters.
pub struct Proxy {
    pub config: ProxyConfig,
    budget: Budget,
    client: reqwest::Client,
    clients: Mutex<HashMap<IpAddr, Arc<Semaphore>>>,
}

/// Resolves names for the proxy's client and refuses the answer when any address is not
/// allowed: the connection can only go to addresses that were checked, even if the name
/// resolves differently than when the target was first checked (DNS rebinding).
struct CheckedResolver {
    allowance: Allowance,
}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allowance = self.allowance;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let ips: Vec<IpAddr> = addrs.iter().map(SocketAddr::ip).collect();
            if let Some((ip, why)) = refusal_any(&ips, allowance) {
                return Err(format!("{host} resolves to {ip}, a {why}").into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

impl Proxy {
    /// The proxy, holding request and response bodies from `budget` (shared with the echo API).
    pub fn new(config: ProxyConfig, budget: Budget) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(CheckedResolver {
                allowance: config.allowance,
            }))
            .no_proxy()
            .build()
            .expect("the proxy's HTTP client");
        Proxy {
            config,
            budget,
            client,
            clients: Mutex::new(HashMap::new()),
        }
    }

    fn slots(&self, client: IpAddr) -> Arc<Semaphore> {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        // Forget idle clients now and then so the map stays small.
        if clients.len() > 10_000 {
            clients.retain(|_, s| s.available_permits() < self.config.per_client);
        }
        clients
            .entry(client)
            .or_insert_with(|| Arc::new(Semaphore::new(self.config.per_client)))
            .clone()
    }
}

/// Request headers never forwarded: hop-by-hop ones, the browser's identity and cookies, the
/// proxy's own [`PROXY_HEADER`], and those the proxy sets itself.
const DROPPED_REQUEST: &[&str] = &[
    PROXY_HEADER,
    "host",
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "cookie",
    "origin",
    "referer",
    "accept-encoding",
];

/// Whether an upstream response header is passed back: not hop-by-hop or framing ones, not
/// CORS (the proxy is same-origin only), and none that would act on this server's origin
/// ([`acts_on_origin`]: `Set-Cookie`, `Refresh`, `Clear-Site-Data`, `Content-Security-Policy`,
/// `Link`, HSTS, …). `Content-Type` is kept: the app's viewer needs it, and the sandbox policy
/// keeps it inert.
fn passed_back(name: &str) -> bool {
    !acts_on_origin(name) && !is_cors(name)
}

fn busy(budget: &Budget) -> Response {
    let mut response = crate::guard::busy(&format!(
        "proxy: the server is holding its limit of {} MB of request and response bodies; retry \
         in a second (start it with a larger --max-buffered to allow more)",
        budget.total() >> 20
    ));
    response.headers_mut().insert(
        HeaderName::from_static("x-proxy-error"),
        "1".parse().unwrap(),
    );
    response
}

fn refuse(status: StatusCode, message: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (HeaderName::from_static("x-proxy-error"), "1"),
        ],
        format!("proxy: {message}\n"),
    )
        .into_response()
}

/// Before a redirect from `from` to `to`: when the scheme, host or port changes, the request
/// headers that carry credentials ([`is_credential`]: `Authorization`, `X-Api-Key`, any
/// `*token*`, `*secret*`, …) are removed, and stay removed for every later hop.
pub fn drop_credentials_across_origins(headers: &mut HeaderMap, from: &url::Url, to: &url::Url) {
    if from.origin() == to.origin() {
        return;
    }
    let names: Vec<HeaderName> = headers
        .keys()
        .filter(|name| is_credential(name.as_str()))
        .cloned()
        .collect();
    for name in names {
        headers.remove(name);
    }
}

/// Whether `url` may be fetched, and the addresses to connect to.
pub async fn check_target(config: &ProxyConfig, url: &url::Url) -> Result<Vec<SocketAddr>, String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("only http and https URLs, not {}:", url.scheme()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("credentials in the URL are not forwarded; use an Authorization header".into());
    }
    let host = url.host().ok_or("the URL has no host")?;
    let name = match &host {
        url::Host::Domain(d) => d.to_ascii_lowercase(),
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(ip) => ip.to_string(),
    };
    if !config.allow_any && !config.allow_hosts.contains(&name) {
        return Err(format!(
            "{name} is not in the proxy's allow list (start the server with --proxy-allow {name})"
        ));
    }
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs: Vec<SocketAddr> = match host {
        url::Host::Ipv4(ip) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
        url::Host::Ipv6(ip) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
        url::Host::Domain(d) => tokio::net::lookup_host((d, port))
            .await
            .map_err(|e| format!("{name} did not resolve: {e}"))?
            .collect(),
    };
    let ips: Vec<IpAddr> = addrs.iter().map(SocketAddr::ip).collect();
    if let Some((ip, why)) = refusal_any(&ips, config.allowance) {
        return Err(format!(
            "{name} resolves to {ip}, a {why}; the proxy does not go there"
        ));
    }
    Ok(addrs)
}

/// `/proxy?url=…`: the same method, headers and body, sent on to the target.
pub async fn handle(State(proxy): State<Arc<Proxy>>, request: Request<Body>) -> Response {
    if let Some(reason) = proxy_refusal(request.headers()) {
        return refuse(StatusCode::FORBIDDEN, reason);
    }
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
    let slots = proxy.slots(client);
    let Ok(_permit) = slots.try_acquire() else {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "at most {} requests at once per client",
                proxy.config.per_client
            ),
        );
    };
    let config = &proxy.config;
    let target = crate::echo::query_pairs(request.uri().query())
        .into_iter()
        .find(|(k, _)| k == "url")
        .map(|(_, v)| v);
    let Some(target) = target else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "give the target as /proxy?url=<URL>".into(),
        );
    };
    if target.chars().any(|c| c.is_control() || c == ' ') {
        return refuse(
            StatusCode::BAD_REQUEST,
            "the URL holds spaces or control characters; percent-encode them".into(),
        );
    }
    let mut url = match url::Url::parse(&target) {
        Ok(url) => url,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, format!("not a URL: {e}")),
    };
    let (parts, body) = request.into_parts();
    let (body, request_held) = match read_body(body, config.max_request_body, &proxy.budget).await {
        Ok(read) => read,
        Err(ReadError::TooLarge) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "request bodies are limited to {} MB",
                    config.max_request_body >> 20
                ),
            )
        }
        Err(ReadError::Busy) => return busy(&proxy.budget),
        Err(ReadError::Broken(e)) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                format!("the request body could not be read: {e}"),
            )
        }
    };
    let mut headers = HeaderMap::new();
    for (name, value) in &parts.headers {
        let lower = name.as_str();
        if !DROPPED_REQUEST.contains(&lower)
            && !lower.starts_with("sec-")
            && !lower.starts_with("x-forwarded-")
        {
            headers.append(name.clone(), value.clone());
        }
    }
    let mut method = parts.method.clone();
    let mut body = Some(body);

    let deadline = tokio::time::Instant::now() + config.timeout;
    for hop in 0..=config.max_redirects {
        if let Err(message) = check_target(config, &url).await {
            return refuse(StatusCode::FORBIDDEN, message);
        }
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let mut outgoing = proxy
            .client
            .request(method.clone(), url.clone())
            .timeout(left)
            .headers(headers.clone());
        if let Some(bytes) = &body {
            if !bytes.is_empty() {
                outgoing = outgoing.body(bytes.clone());
            }
        }
        let mut response = match outgoing.send().await {
            Ok(response) => response,
            Err(e) if e.is_timeout() => {
                return refuse(
                    StatusCode::GATEWAY_TIMEOUT,
                    format!("no answer within {} s", config.timeout.as_secs()),
                )
            }
            Err(e) => return refuse(StatusCode::BAD_GATEWAY, format!("{url}: {e}")),
        };
        let status = response.status();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .and_then(|l| url.join(l).ok());
        let followed = matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308);
        if followed && location.is_some() {
            if hop == config.max_redirects {
                return refuse(
                    StatusCode::BAD_GATEWAY,
                    format!(
                        "more than {} redirects (the last from {url}); the proxy follows at most {}",
                        config.max_redirects, config.max_redirects
                    ),
                );
            }
            // As browsers do: 303, and 301/302 after POST, continue as GET without a body.
            if status == StatusCode::SEE_OTHER
                || (matches!(status.as_u16(), 301 | 302) && method == Method::POST)
            {
                method = Method::GET;
                body = None;
                headers.remove(header::CONTENT_TYPE);
            }
            // Credentials stay with the origin they were meant for: a change of scheme, host
            // or port drops them for this hop and every later one.
            let next = location.unwrap_or_else(|| url.clone());
            drop_credentials_across_origins(&mut headers, &url, &next);
            url = next;
            continue;
        }
        drop((body.take(), request_held));
        let mut held = proxy.budget.empty();
        let mut collected = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let need = collected.len() + chunk.len();
                    if need > config.max_response_body {
                        return refuse(
                            StatusCode::BAD_GATEWAY,
                            format!(
                                "the response is larger than {} MB",
                                config.max_response_body >> 20
                            ),
                        );
                    }
                    if !held.ensure(need, 1 << 20, config.max_response_body) {
                        return busy(&proxy.budget);
                    }
                    collected.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return refuse(StatusCode::BAD_GATEWAY, format!("{url}: {e}")),
            }
        }
        let mut out = Response::new(Body::from(collected));
        *out.status_mut() = status;
        for (name, value) in response.headers() {
            if passed_back(name.as_str()) {
                out.headers_mut().append(name.clone(), value.clone());
            }
        }
        if let Ok(final_url) = header::HeaderValue::from_str(url.as_str()) {
            out.headers_mut().insert("x-proxy-final-url", final_url);
        }
        return Guarded::wrap(out, vec![Box::new(held)]);
    }
    // Not reached: the last hop either answers or is refused above.
    refuse(
        StatusCode::BAD_GATEWAY,
        format!("more than {} redirects", config.max_redirects),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_stay_with_their_scheme_host_and_port() {
        let headers = || {
            let mut h = HeaderMap::new();
            for (name, value) in [
                ("authorization", "Bearer t"),
                ("x-api-key", "k"),
                ("x-auth-token", "t"),
                ("accept", "application/json"),
            ] {
                h.insert(HeaderName::from_static(name), value.parse().unwrap());
            }
            h
        };
        let from: url::Url = "http://api.example:8000/a".parse().unwrap();
        for (to, kept) in [
            ("http://api.example:8000/b?x=1", true),
            ("https://api.example:8000/b", false),
            ("http://api.example:8001/b", false),
            ("http://other.example:8000/b", false),
            ("http://API.example:8000/c", true),
        ] {
            let mut h = headers();
            drop_credentials_across_origins(&mut h, &from, &to.parse().unwrap());
            assert_eq!(h.contains_key("authorization"), kept, "{to}");
            assert_eq!(h.contains_key("x-api-key"), kept, "{to}");
            assert_eq!(h.contains_key("x-auth-token"), kept, "{to}");
            assert!(h.contains_key("accept"), "{to}");
        }
    }
}
