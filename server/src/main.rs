//! `http-playground-server [--port 8080] [--bind 127.0.0.1] [--dist dist] [--proxy …]`: see
//! [`http_playground_server::cli::USAGE`].

use http_playground_server::cli::{self, Command, USAGE};
use http_playground_server::{app_with, page_head, serve_with, Assets};

#[tokio::main]
async fn main() {
    let fail = |message: &str| -> ! {
        eprintln!("{message}\n\n{USAGE}");
        std::process::exit(2);
    };
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            return;
        }
        Ok(Command::Run(options)) => *options,
        Err(message) => fail(&message),
    };
    let (bind, port) = (options.bind.as_str(), options.port);
    // Where --bind leads is known before listening, so an exposure is refused before it exists.
    let addrs: Vec<std::net::SocketAddr> = match tokio::net::lookup_host((bind, port)).await {
        Ok(addrs) => addrs.collect(),
        Err(e) => fail(&format!("cannot listen on {bind}:{port}: {e}")),
    };
    if addrs.is_empty() {
        fail(&format!(
            "cannot listen on {bind}:{port}: the name has no address"
        ));
    }
    let notes = cli::check_exposure(&options, &addrs).unwrap_or_else(|message| fail(&message));
    let assets = Assets::load(&options.dist, &page_head(options.proxy.is_some()))
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", options.dist.display())));
    let listener = tokio::net::TcpListener::bind(&addrs[..])
        .await
        .unwrap_or_else(|e| fail(&format!("cannot listen on {bind}:{port}: {e}")));
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    for note in notes {
        eprintln!("{note}");
    }
    if assets.is_empty() {
        eprintln!(
            "note: {} has no files; only the API is served",
            options.dist.display()
        );
    }
    let proxy_note = match &options.proxy {
        None => "proxy off".to_owned(),
        Some(p) if p.allow_any => "proxy on for any public host".to_owned(),
        Some(p) => format!("proxy on for {}", p.allow_hosts.join(", ")),
    };
    println!(
        "http-playground-server: http://{address}/ ({} files, echo API at /echo, {proxy_note})",
        assets.len()
    );
    let mut serve = options.serve.clone();
    // A name given to --bind (not an address) is a name of this server too.
    if bind.parse::<std::net::IpAddr>().is_err() && !bind.starts_with('[') {
        serve.hosts.push(bind.to_ascii_lowercase());
    }
    let app = app_with(assets, options.proxy, options.limits);
    if let Err(e) = serve_with(listener, app, serve).await {
        eprintln!("server stopped: {e}");
        std::process::exit(1);
    }
}
