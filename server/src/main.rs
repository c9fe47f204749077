//! `http-playground-server [--port 8080] [--bind 127.0.0.1] [--dist dist] [--proxy
//! [--proxy-allow host,host] [--proxy-allow-any] [--proxy-allow-loopback]]`

use std::path::PathBuf;

use std::time::Duration;

use http_playground_server::{
    app, page_head, serve_with, ssrf::Allowance, Assets, ProxyConfig, HEADER_READ_TIMEOUT,
};

const USAGE: &str = "usage: http-playground-server [--port 8080] [--bind 127.0.0.1] [--dist dist] [--header-timeout 10]
       [--proxy [--proxy-allow HOST[,HOST…]] [--proxy-allow-any] [--proxy-allow-loopback]
                [--proxy-per-client 8]]

Serves the built app (dist/), the echo API at /echo and, with --proxy, a CORS proxy at
/proxy?url=… for the listed hosts (or any public host). Private, loopback, link-local and
cloud-metadata addresses are always refused (loopback can be allowed for tests).";

#[tokio::main]
async fn main() {
    let mut port: u16 = 8080;
    let mut bind = String::from("127.0.0.1");
    let mut dist = PathBuf::from("dist");
    let mut proxy: Option<ProxyConfig> = None;
    let mut header_timeout = HEADER_READ_TIMEOUT;
    let mut args = std::env::args().skip(1);
    let fail = |message: &str| -> ! {
        eprintln!("{message}\n\n{USAGE}");
        std::process::exit(2);
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--port" => {
                port = value("--port")
                    .parse()
                    .unwrap_or_else(|_| fail("--port takes a number"))
            }
            "--bind" => bind = value("--bind"),
            "--dist" => dist = PathBuf::from(value("--dist")),
            "--header-timeout" => {
                header_timeout = Duration::from_secs_f64(
                    value("--header-timeout")
                        .parse()
                        .unwrap_or_else(|_| fail("--header-timeout takes seconds")),
                )
            }
            "--proxy" => {
                proxy.get_or_insert_with(ProxyConfig::default);
            }
            "--proxy-allow" => {
                let hosts = value("--proxy-allow");
                proxy
                    .get_or_insert_with(ProxyConfig::default)
                    .allow_hosts
                    .extend(
                        hosts
                            .split(',')
                            .map(|h| h.trim().to_ascii_lowercase())
                            .filter(|h| !h.is_empty()),
                    );
            }
            "--proxy-per-client" => {
                proxy.get_or_insert_with(ProxyConfig::default).per_client =
                    value("--proxy-per-client")
                        .parse()
                        .unwrap_or_else(|_| fail("--proxy-per-client takes a number"))
            }
            "--proxy-allow-any" => proxy.get_or_insert_with(ProxyConfig::default).allow_any = true,
            "--proxy-allow-loopback" => {
                proxy.get_or_insert_with(ProxyConfig::default).allowance =
                    Allowance { loopback: true }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown option {other}")),
        }
    }
    let assets = Assets::load(&dist, &page_head(proxy.is_some()))
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", dist.display())));
    let listener = tokio::net::TcpListener::bind((bind.as_str(), port))
        .await
        .unwrap_or_else(|e| fail(&format!("cannot listen on {bind}:{port}: {e}")));
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    if assets.is_empty() {
        eprintln!(
            "note: {} has no files; only the API is served",
            dist.display()
        );
    }
    let proxy_note = match &proxy {
        None => "proxy off".to_owned(),
        Some(p) if p.allow_any => "proxy on for any public host".to_owned(),
        Some(p) => format!("proxy on for {}", p.allow_hosts.join(", ")),
    };
    println!(
        "http-playground-server: http://{address}/ ({} files, echo API at /echo, {proxy_note})",
        assets.len()
    );
    if let Err(e) = serve_with(listener, app(assets, proxy), header_timeout).await {
        eprintln!("server stopped: {e}");
        std::process::exit(1);
    }
}
