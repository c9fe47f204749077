//! What keeps the server's own origin safe: which `Host` names it answers to (DNS rebinding),
//! the headers that make an echo or proxy response inert if a browser is sent to it as a page,
//! the response headers nobody may set on this origin through it, and which request headers
//! carry credentials.

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// On every /echo and /proxy response: a browser sent to one as a page gives it an opaque
/// origin, runs none of its scripts and loads nothing for it, whatever its Content-Type.
pub const SANDBOX_CSP: &str = "sandbox; default-src 'none'";

/// Adds the sandbox policy and `nosniff` (replacing whatever a handler put there).
pub fn sandbox(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SANDBOX_CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// Response headers that act on the origin, the browser or the connection rather than describe
/// the response: cookies, site data, security policies, framing, reporting, preloading, hop-by-hop
/// framing. `/echo/response-headers` refuses them and the proxy drops them from upstream answers.
const ORIGIN_ACTING: &[&str] = &[
    "set-cookie",
    "set-cookie2",
    "clear-site-data",
    "refresh",
    "content-security-policy",
    "content-security-policy-report-only",
    "x-content-type-options",
    "strict-transport-security",
    "public-key-pins",
    "public-key-pins-report-only",
    "expect-ct",
    "alt-svc",
    "link",
    "service-worker-allowed",
    "origin-agent-cluster",
    "cross-origin-opener-policy",
    "cross-origin-opener-policy-report-only",
    "cross-origin-embedder-policy",
    "cross-origin-embedder-policy-report-only",
    "cross-origin-resource-policy",
    "permissions-policy",
    "permissions-policy-report-only",
    "feature-policy",
    "document-policy",
    "document-policy-report-only",
    "require-document-policy",
    "x-frame-options",
    "x-xss-protection",
    "x-dns-prefetch-control",
    "x-permitted-cross-domain-policies",
    "report-to",
    "reporting-endpoints",
    "nel",
    "accept-ch",
    "accept-ch-lifetime",
    "critical-ch",
    "supports-loading-mode",
    "speculation-rules",
    "no-vary-search",
    "observe-browsing-topics",
    "activate-storage-access",
    "sourcemap",
    "x-sourcemap",
    // Framing and hop-by-hop: this server decides them.
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "upgrade",
    "trailer",
    "proxy-connection",
    "proxy-authenticate",
];

/// Whether a response header may not be set on this origin by a request (`name` in any case).
pub fn acts_on_origin(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ORIGIN_ACTING.contains(&name.as_str())
}

/// Whether a response header is a CORS one (`Access-Control-*`, `name` in any case): those are
/// decided by the server's CORS layer alone (credentials only for loopback pages), so
/// `/echo/response-headers` refuses them, the CORS layer removes any a handler set, and the
/// proxy drops them from upstream answers.
pub fn is_cors(name: &str) -> bool {
    let prefix = b"access-control-";
    name.len() >= prefix.len() && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether a request header carries credentials that must not follow a redirect to another
/// scheme, host or port: `Authorization`, `Proxy-Authorization`, `Cookie`, and any name holding
/// token, secret, auth, password, passwd, apikey (`x-api-key`, `api_key`), credential or cookie.
pub fn is_credential(name: &str) -> bool {
    let squashed: String = name
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    [
        "token",
        "secret",
        "auth",
        "password",
        "passwd",
        "apikey",
        "credential",
        "cookie",
    ]
    .iter()
    .any(|word| squashed.contains(word))
}

/// The `Host` names the server answers to: `127.0.0.1`, `localhost` and `[::1]` with the
/// listening port, the bound address when it is not a wildcard, and the names given with
/// `--host` (`NAME` with the listening port, or `NAME:PORT`). Any other name is refused: a page
/// that reaches this server under its own name (DNS rebinding) is another site, and must not
/// get same-origin access to the echo API or the proxy.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    entries: Vec<(String, u16)>,
}

impl AllowedHosts {
    pub fn new(local: SocketAddr, extra: &[String]) -> Result<AllowedHosts, String> {
        let port = local.port();
        let mut entries: Vec<(String, u16)> = vec![
            ("127.0.0.1".into(), port),
            ("localhost".into(), port),
            ("[::1]".into(), port),
        ];
        let ip = local.ip();
        if !ip.is_unspecified() {
            entries.push((canonical_ip(ip), port));
        }
        for name in extra {
            let (host, given) = split_host(name).ok_or_else(|| {
                format!("--host {name}: give a host name or address, optionally with :PORT")
            })?;
            if host.is_empty() || host.contains(['/', '@', '?', '#', ' ']) {
                return Err(format!(
                    "--host {name}: give a host name or address, optionally with :PORT"
                ));
            }
            entries.push((host, given.unwrap_or(port)));
        }
        entries.dedup();
        Ok(AllowedHosts { entries })
    }

    /// Whether `host` (a `Host` header or a request target's authority) names this server.
    pub fn allows(&self, host: &str) -> bool {
        match split_host(host) {
            Some((name, port)) => {
                let port = port.unwrap_or(80);
                self.entries.iter().any(|(n, p)| *n == name && *p == port)
            }
            None => false,
        }
    }

    /// `127.0.0.1:8080, localhost:8080, [::1]:8080`, for messages.
    pub fn describe(&self) -> String {
        self.entries
            .iter()
            .map(|(n, p)| format!("{n}:{p}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `None` when the request names this server; otherwise the refusal to send.
    pub fn check(&self, headers: &HeaderMap, uri: &Uri) -> Option<Response> {
        let mut named = Vec::new();
        if let Some(authority) = uri.authority() {
            named.push(authority.as_str().to_owned());
        }
        let hosts: Vec<_> = headers.get_all(header::HOST).iter().collect();
        if hosts.len() > 1 {
            return Some(refusal(
                StatusCode::BAD_REQUEST,
                "the request has more than one Host header".into(),
            ));
        }
        match hosts.first() {
            Some(value) => named.push(String::from_utf8_lossy(value.as_bytes()).into_owned()),
            None if named.is_empty() => {
                return Some(refusal(
                    StatusCode::BAD_REQUEST,
                    "the request has no Host header".into(),
                ))
            }
            None => {}
        }
        let refused = named.into_iter().find(|h| !self.allows(h))?;
        let shown: String = refused.chars().take(200).collect();
        Some(refusal(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "Host {shown:?} is not a name of this server, which answers only to {} (a page \
                 that reached it under another name may be a DNS-rebinding attack). To use \
                 another name, start the server with --host NAME.",
                self.describe()
            ),
        ))
    }
}

fn refusal(status: StatusCode, message: String) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{message}\n"),
    )
        .into_response();
    sandbox(response.headers_mut());
    response
}

/// `[::1]` for IPv6, `127.0.0.1` for IPv4: as a browser writes them in `Host`.
fn canonical_ip(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `name:port` → (lower-case name, port); IPv6 literals in brackets, canonical.
fn split_host(text: &str) -> Option<(String, Option<u16>)> {
    let text = text.trim();
    let (name, port) = if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: std::net::Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (canonical_ip(IpAddr::V6(ip)), port)
    } else {
        match text.rsplit_once(':') {
            Some((name, port)) if !name.contains(':') => (name.to_ascii_lowercase(), Some(port)),
            Some(_) => return None,
            None => (text.to_ascii_lowercase(), None),
        }
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
        None => None,
    };
    Some((name, port))
}

/// The request header every proxy request must carry, with the value `1`. Another site cannot
/// send it: a cross-site request with a custom header needs a CORS preflight, which the proxy
/// never grants (a preflight cannot carry the header itself, so it is refused like any request
/// without it). A page of this origin that does not add it (the app's direct sends, a framed
/// embed told to autorun a request aimed at `/proxy`) and a browser without Fetch Metadata
/// (`<img src=/proxy?url=…>` from any site) are refused. The app adds it only on its "Send via
/// proxy" path; it is never forwarded upstream.
pub const PROXY_HEADER: &str = "x-playground-proxy";

/// Why the proxy refuses a request, if it does: it serves only the app's own "Send via proxy"
/// `fetch()` calls. A navigation (`Sec-Fetch-Mode: navigate`, `Sec-Fetch-Dest: document`,
/// `iframe`, …) would show an upstream page on this origin; a script, worker or style load
/// would run or apply it; another site's request (`Sec-Fetch-Site` other than `same-origin`, or
/// an `Origin` that is not this server's) would use the visitor's machine to send requests.
/// Those are refused with their own reasons; then every request, browser or not (curl,
/// programs), must carry [`PROXY_HEADER`]`: 1`, exactly once.
pub fn proxy_refusal(headers: &HeaderMap) -> Option<String> {
    let get = |name: &str| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase())
    };
    if let Some(mode) = get("sec-fetch-mode") {
        if mode == "navigate" || mode == "nested-navigate" {
            return Some(format!(
                "the proxy does not answer page navigations (Sec-Fetch-Mode: {mode}); it serves \
                 the playground's fetch() requests only. Open the target URL itself instead"
            ));
        }
    }
    if let Some(dest) = get("sec-fetch-dest") {
        if dest != "empty" {
            return Some(format!(
                "the proxy answers only fetch() requests, not loads as a {dest} (Sec-Fetch-Dest: \
                 {dest}); open the target URL itself instead"
            ));
        }
    }
    if let Some(site) = get("sec-fetch-site") {
        if site != "same-origin" {
            return Some(format!(
                "only pages served by this server may use its proxy (this request is \
                 Sec-Fetch-Site: {site})"
            ));
        }
    }
    if let Some(origin) = get("origin") {
        let host = get("host").unwrap_or_default();
        if origin != format!("http://{host}") {
            return Some(format!(
                "only pages served by this server may use its proxy (this request comes from \
                 Origin {origin})"
            ));
        }
    }
    let mut marks = headers.get_all(PROXY_HEADER).iter();
    match (marks.next(), marks.next()) {
        (Some(value), None) if value.as_bytes() == b"1" => None,
        _ => Some(
            "requests must carry X-Playground-Proxy: 1 (the playground's own Send via proxy adds \
             it; curl users add -H 'X-Playground-Proxy: 1')"
                .into(),
        ),
    }
}

/// Whether a CORS `Origin` is a page on this machine's loopback (`http://127.0.0.1:*`,
/// `http://localhost:*`, `http://[::1]:*`): only those get `Access-Control-Allow-Credentials`.
pub fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("http://") else {
        return false;
    };
    match split_host(rest) {
        Some((name, _)) => {
            name == "localhost"
                || name == "[::1]"
                || name
                    .parse::<std::net::Ipv4Addr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let local: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let hosts =
            AllowedHosts::new(local, &["box.lan".into(), "proxy.example:443".into()]).unwrap();
        for ok in [
            "127.0.0.1:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
            "[0:0:0:0:0:0:0:1]:8080",
            "box.lan:8080",
            "proxy.example:443",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1",
            "127.0.0.1:8081",
            "0.0.0.0:8080",
            "localhost.:8080",
            "127.1:8080",
            "box.lan",
            "proxy.example:8080",
            "[::1",
            "a:b:c",
            "127.0.0.1:80x",
            "",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let bound = AllowedHosts::new("192.168.1.5:80".parse().unwrap(), &[]).unwrap();
        assert!(bound.allows("192.168.1.5") && bound.allows("localhost:80"));
    }

    #[test]
    fn credentials_and_origin_headers() {
        for name in [
            "Authorization",
            "proxy-authorization",
            "Cookie",
            "x-api-key",
            "API_KEY",
            "apikey",
            "X-Auth-Token",
            "x-csrf-token",
            "Client-Secret",
            "x-password",
            "x-amz-security-token",
        ] {
            assert!(is_credential(name), "{name}");
        }
        for name in ["content-type", "accept", "x-lesson", "user-agent"] {
            assert!(!is_credential(name), "{name}");
        }
        for name in ["Set-Cookie", "REFRESH", "clear-site-data", "content-length"] {
            assert!(acts_on_origin(name), "{name}");
        }
        for name in ["content-type", "x-custom", "cache-control", "location"] {
            assert!(!acts_on_origin(name), "{name}");
        }
        for name in [
            "Access-Control-Allow-Credentials",
            "access-control-allow-origin",
            "ACCESS-CONTROL-EXPOSE-HEADERS",
            "Access-Control-",
        ] {
            assert!(is_cors(name), "{name}");
        }
        for name in [
            "access-control",
            "x-access-control-allow-origin",
            "vary",
            "accéss-control-x",
        ] {
            assert!(!is_cors(name), "{name}");
        }
        assert!(is_loopback_origin("http://127.0.0.1:8080"));
        assert!(is_loopback_origin("http://localhost:3000"));
        assert!(is_loopback_origin("http://[::1]:1"));
        assert!(!is_loopback_origin("http://evil.example"));
        assert!(!is_loopback_origin("https://127.0.0.1.evil.example"));
        assert!(!is_loopback_origin("null"));
    }
}
