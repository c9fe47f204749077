//! curl in bash: the final URL as the browser sends it, `-H` per header, `-u` for Basic auth,
//! `--data-raw` for the exact body bytes, `--max-time`, and `--fail-with-body` for 4xx/5xx.

use super::escape_shell::sh_word;
use super::plan::{HeaderOrigin, Plan};
use super::problems_comment;
use crate::model::{format_seconds, Request};

/// The request as a curl command line.
pub fn curl(request: &Request) -> String {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return problems_comment("#", &errors),
    };
    let prepared = &plan.prepared;
    let mut options: Vec<String> = Vec::new();
    match (prepared.method.as_str(), prepared.body.is_some()) {
        ("GET", _) | ("POST", true) => {}
        ("HEAD", _) => options.push("--head".to_owned()),
        (method, _) => options.push(format!("-X {}", sh_word(method))),
    }
    let basic = plan.basic_auth();
    for (name, value) in &prepared.headers {
        if basic.is_some()
            && plan.origin(name) == HeaderOrigin::Auth
            && name.eq_ignore_ascii_case("authorization")
        {
            continue;
        }
        // `-H 'Name:'` would remove the header; `-H 'Name;'` sends it empty.
        let header = if value.is_empty() {
            format!("{name};")
        } else {
            format!("{name}: {value}")
        };
        options.push(format!("-H {}", sh_word(&header)));
    }
    if prepared.body.is_some() && prepared.header("Content-Type").is_none() {
        // Without this curl would add its own form Content-Type.
        options.push("-H 'Content-Type:'".to_owned());
    }
    if let Some((username, password)) = basic {
        options.push(format!("-u {}", sh_word(&format!("{username}:{password}"))));
    }
    if let Some(body) = &prepared.body {
        options.push(format!(
            "--data-raw {}",
            sh_word(&String::from_utf8_lossy(body))
        ));
    }
    if prepared.url.contains(['[', ']', '{', '}']) {
        options.push("--globoff".to_owned());
    }

    let mut out = format!(
        "curl -sS --fail-with-body --location --max-time {} {}",
        format_seconds(prepared.timeout_ms),
        sh_word(&prepared.url)
    );
    for option in options {
        out.push_str(" \\\n  ");
        out.push_str(&option);
    }
    out.push('\n');
    out
}
