//! The command line: every flag checked, every mistake a sentence naming the flag and the fix
//! (the binary prints it with the usage and exits 2), never a panic.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::ssrf::Allowance;
use crate::{Limits, ProxyConfig, ServeOptions};

pub const USAGE: &str =
    "usage: http-playground-server [--port 8080] [--bind 127.0.0.1] [--dist dist]
       [--header-timeout 10] [--request-timeout 60] [--max-in-flight 64] [--max-buffered 256]
       [--host NAME[:PORT]]… [--public]
       [--proxy [--proxy-allow HOST[,HOST…]] [--proxy-allow-any] [--proxy-allow-loopback]
                [--proxy-per-client 8]]

Serves the built app (dist/), the echo API at /echo and, with --proxy, a CORS proxy at
/proxy?url=… for the listed hosts (or any public host). Private, loopback, link-local and
cloud-metadata addresses are always refused (loopback can be allowed for tests).

  --port N             port to listen on, 1-65535 (8080)
  --bind ADDR          address to listen on (127.0.0.1, this machine only)
  --dist DIR           the built app; without it only the API is served (dist)
  --header-timeout S   seconds a client may take to send a request head, 0.1-3600 (10)
  --request-timeout S  seconds one exchange may take, head to last byte of the answer,
                       0.1-3600 (60)
  --max-in-flight N    API requests (/echo, /proxy) answered at once across all clients,
                       1-100000; 503 with Retry-After beyond (64)
  --max-buffered MB    request and response bodies held at once by the echo API and the
                       proxy together, 1-65536 MB; 503 with Retry-After beyond (256)
  --host NAME[:PORT]   also answer to this Host name (with the listening port unless one is
                       given); any other name but 127.0.0.1, localhost and [::1] gets 421
  --public             allow an address other than loopback in --bind together with
                       --proxy-allow-any or --proxy-allow-loopback (an open proxy)
  --proxy              turn the proxy on (for the hosts in --proxy-allow)
  --proxy-allow H,H    hosts the proxy may reach (exact names)
  --proxy-allow-any    any host whose addresses are all public
  --proxy-allow-loopback  loopback addresses too (for tests)
  --proxy-per-client N proxy requests one client may have in flight, 1-10000 (8)";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Help,
    Run(Box<Options>),
}

#[derive(Debug, Clone)]
pub struct Options {
    pub port: u16,
    pub bind: String,
    pub dist: PathBuf,
    pub proxy: Option<ProxyConfig>,
    pub serve: ServeOptions,
    pub limits: Limits,
    pub public: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 8080,
            bind: "127.0.0.1".into(),
            dist: PathBuf::from("dist"),
            proxy: None,
            serve: ServeOptions::default(),
            limits: Limits::default(),
            public: false,
        }
    }
}

/// Reads the arguments (without the program name).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            flag.as_str(),
            "--port"
                | "--bind"
                | "--dist"
                | "--header-timeout"
                | "--request-timeout"
                | "--max-in-flight"
                | "--max-buffered"
                | "--host"
                | "--proxy-allow"
                | "--proxy-per-client"
        );
        let value = if takes_value {
            match inline.or_else(|| args.next()) {
                Some(v) => v,
                None => return Err(format!("{flag} needs a value")),
            }
        } else {
            if inline.is_some() {
                return Err(format!("{flag} takes no value; give it alone"));
            }
            String::new()
        };
        match flag.as_str() {
            "--port" => options.port = number(&flag, &value, 1, 65535, "8080")? as u16,
            "--bind" => {
                if value.trim().is_empty() {
                    return Err("--bind needs an address, e.g. --bind 127.0.0.1".into());
                }
                options.bind = value.trim().to_owned();
            }
            "--dist" => options.dist = PathBuf::from(value),
            "--header-timeout" => options.serve.header_timeout = seconds(&flag, &value, "10")?,
            "--request-timeout" => options.serve.request_timeout = seconds(&flag, &value, "60")?,
            "--max-in-flight" => {
                options.limits.max_in_flight = number(&flag, &value, 1, 100_000, "64")?
            }
            "--max-buffered" => {
                options.limits.max_buffered = number(&flag, &value, 1, 65_536, "256")? << 20
            }
            "--host" => {
                for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    options.serve.hosts.push(name.to_ascii_lowercase());
                }
            }
            "--public" => options.public = true,
            "--proxy" => {
                proxy(&mut options);
            }
            "--proxy-allow" => {
                let hosts: Vec<String> = value
                    .split(',')
                    .map(|h| h.trim().to_ascii_lowercase())
                    .filter(|h| !h.is_empty())
                    .collect();
                if hosts.is_empty() {
                    return Err(
                        "--proxy-allow needs host names, e.g. --proxy-allow api.example.com".into(),
                    );
                }
                proxy(&mut options).allow_hosts.extend(hosts);
            }
            "--proxy-per-client" => {
                proxy(&mut options).per_client = number(&flag, &value, 1, 10_000, "8")?
            }
            "--proxy-allow-any" => proxy(&mut options).allow_any = true,
            "--proxy-allow-loopback" => {
                proxy(&mut options).allowance = Allowance { loopback: true }
            }
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option {other} (see the list below)")),
        }
    }
    // Check the --host names now, with any port, so that a mistake is told before listening.
    crate::AllowedHosts::new(SocketAddr::from(([127, 0, 0, 1], 1)), &options.serve.hosts)?;
    Ok(Command::Run(Box::new(options)))
}

fn proxy(options: &mut Options) -> &mut ProxyConfig {
    options.proxy.get_or_insert_with(ProxyConfig::default)
}

fn number(flag: &str, text: &str, min: usize, max: usize, example: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{flag} takes a whole number from {min} to {max} (got {text:?}), e.g. {flag} {example}"
        )),
    }
}

/// Seconds from 0.1 to 3600: not negative, not NaN or infinite, not so large that the
/// deadline would overflow.
fn seconds(flag: &str, text: &str, example: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && (0.1..=3600.0).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "{flag} takes a number of seconds from 0.1 to 3600 (got {text:?}), e.g. {flag} {example}"
        )),
    }
}

/// Refuses what would expose more than the user may think, given the addresses `--bind`
/// resolved to: an address other than loopback together with `--proxy-allow-any` or
/// `--proxy-allow-loopback` is an open proxy for everyone who can reach it, so it needs
/// `--public`. Returns the notes to print otherwise.
pub fn check_exposure(options: &Options, addrs: &[SocketAddr]) -> Result<Vec<String>, String> {
    let exposed = addrs.iter().any(|a| !a.ip().is_loopback());
    let mut notes = Vec::new();
    if !exposed {
        return Ok(notes);
    }
    let bind = &options.bind;
    if let Some(proxy) = &options.proxy {
        let mut what = Vec::new();
        if proxy.allow_any {
            what.push("--proxy-allow-any would let anyone who can reach it send requests from this machine to any public host (an open proxy, under your address)");
        }
        if proxy.allowance.loopback {
            what.push("--proxy-allow-loopback would let them reach services that listen only on this machine's loopback (databases, admin pages, other dev servers)");
        }
        if !what.is_empty() && !options.public {
            return Err(format!(
                "--bind {bind} makes the server reachable from other machines, and {}. Add \
                 --public if that is really what you want, or leave out --bind to listen on \
                 127.0.0.1 only.",
                what.join("; and ")
            ));
        }
        if !what.is_empty() {
            notes.push(format!(
                "warning: --public: the proxy on {bind} is open to everyone who can reach this \
                 machine"
            ));
        } else {
            notes.push(format!(
                "note: the proxy on {bind} is open to everyone who can reach this machine, for \
                 the hosts in --proxy-allow"
            ));
        }
    }
    notes.push(format!(
        "note: listening on {bind}; requests are answered only when their Host is 127.0.0.1, \
         localhost, [::1] or the bound address with port {} (add --host NAME for the name \
         other machines use)",
        options.port
    ));
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run(options) => Ok(*options),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn bad_values_are_sentences_naming_the_flag() {
        for (args, expected) in [
            (
                &["--header-timeout", "-1"][..],
                "--header-timeout takes a number of seconds",
            ),
            (&["--header-timeout", "nan"], "--header-timeout takes"),
            (&["--header-timeout=inf"], "--header-timeout takes"),
            (&["--header-timeout", "1e300"], "--header-timeout takes"),
            (&["--request-timeout", "0"], "--request-timeout takes"),
            (
                &["--port", "0"],
                "--port takes a whole number from 1 to 65535",
            ),
            (&["--port", "99999"], "--port takes"),
            (&["--port", "-1"], "--port takes"),
            (&["--max-in-flight", "0"], "--max-in-flight takes"),
            (
                &["--max-buffered", "18446744073709551615"],
                "--max-buffered takes",
            ),
            (&["--proxy-per-client", "0"], "--proxy-per-client takes"),
            (&["--proxy-allow", ","], "--proxy-allow needs host names"),
            (&["--port"], "--port needs a value"),
            (&["--proxy=yes"], "--proxy takes no value"),
            (&["--host", "http://x/"], "--host http://x/"),
            (&["--host", "a:b:c"], "--host a:b:c"),
            (&["--frobnicate"], "unknown option --frobnicate"),
        ] {
            let error = run(args).unwrap_err();
            assert!(error.contains(expected), "{args:?}: {error}");
        }
        let options = run(&[
            "--header-timeout",
            "2.5",
            "--max-buffered",
            "64",
            "--host",
            "Box.lan:9000",
        ])
        .unwrap();
        assert_eq!(options.serve.header_timeout, Duration::from_millis(2500));
        assert_eq!(options.limits.max_buffered, 64 << 20);
        assert_eq!(options.serve.hosts, ["box.lan:9000"]);
    }

    #[test]
    fn an_open_proxy_on_a_public_address_needs_public() {
        let public: Vec<SocketAddr> = vec!["0.0.0.0:8080".parse().unwrap()];
        let loopback: Vec<SocketAddr> = vec!["127.0.0.1:8080".parse().unwrap()];
        let open = run(&["--bind", "0.0.0.0", "--proxy-allow-any"]).unwrap();
        let error = check_exposure(&open, &public).unwrap_err();
        assert!(
            error.contains("open proxy") && error.contains("--public"),
            "{error}"
        );
        assert!(check_exposure(&open, &loopback).unwrap().is_empty());
        let local = run(&["--bind", "0.0.0.0", "--proxy-allow-loopback"]).unwrap();
        assert!(check_exposure(&local, &public)
            .unwrap_err()
            .contains("loopback"));
        let allowed = run(&["--bind", "0.0.0.0", "--proxy-allow-any", "--public"]).unwrap();
        assert!(check_exposure(&allowed, &public).is_ok());
        let listed = run(&["--bind", "0.0.0.0", "--proxy-allow", "api.example.com"]).unwrap();
        assert!(check_exposure(&listed, &public).is_ok());
    }
}
