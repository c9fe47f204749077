//! Rust with reqwest, async on tokio: `Client::builder().timeout(..)`, `error_for_status()`.

use super::escape_rust::{rust_bytes, rust_str};
use super::plan::{HeaderOrigin, Plan, PlanBody};
use super::problems_comment;
use super::rust_common::{chain_call, chain_call_array};
use crate::model::Request;

/// The request as an async Rust program using reqwest and tokio.
pub fn rust_reqwest(request: &Request) -> String {
    reqwest_program(request, false)
}

/// The reqwest program, async or blocking: they differ in the client path and the awaits.
pub(crate) fn reqwest_program(request: &Request, blocking: bool) -> String {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return problems_comment("//", &errors),
    };
    let prepared = &plan.prepared;
    let (client_type, await_) = if blocking {
        ("reqwest::blocking::Client", "")
    } else {
        ("reqwest::Client", ".await")
    };
    let mut out = if blocking {
        String::from("// Cargo.toml: reqwest = { version = \"0.12\", features = [\"blocking\"] }\nuse std::time::Duration;\n\nfn main() -> Result<(), reqwest::Error> {\n")
    } else {
        String::from(
            "// Cargo.toml: reqwest = \"0.12\", tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\nuse std::time::Duration;\n\n#[tokio::main]\nasync fn main() -> Result<(), reqwest::Error> {\n",
        )
    };
    out.push_str(&format!("    let client = {client_type}::builder()\n"));
    out.push_str(&format!(
        "        .timeout({})\n",
        duration(prepared.timeout_ms)
    ));
    out.push_str("        .build()?;\n");

    out.push_str("    let response = client\n");
    let url = rust_str(&prepared.base_url);
    let method_call = match prepared.method.as_str() {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" => {
            chain_call(8, &prepared.method.to_ascii_lowercase(), &[url], "")
        }
        "OPTIONS" => chain_call(
            8,
            "request",
            &["reqwest::Method::OPTIONS".to_owned(), url],
            "",
        ),
        custom => chain_call(
            8,
            "request",
            &[
                format!(
                    "reqwest::Method::from_bytes({}).expect(\"a valid method token\")",
                    rust_bytes(custom)
                ),
                url,
            ],
            "",
        ),
    };
    out.push_str(&method_call);
    for (name, value) in &prepared.query {
        let pair = format!("({}, {})", rust_str(name), rust_str(value));
        out.push_str(&chain_call_array(8, "query", true, &[pair], ""));
    }
    let basic = plan.basic_auth();
    let token = plan.bearer_token();
    let form = match &plan.body {
        PlanBody::Form(pairs) if plan.content_type_is_implied() => Some(pairs),
        _ => None,
    };
    for (name, value) in &prepared.headers {
        let origin = plan.origin(name);
        let is_auth_header =
            origin == HeaderOrigin::Auth && name.eq_ignore_ascii_case("authorization");
        if (is_auth_header && (basic.is_some() || token.is_some()))
            || (origin == HeaderOrigin::Body && form.is_some())
        {
            continue;
        }
        out.push_str(&chain_call(
            8,
            "header",
            &[rust_str(name), rust_str(value)],
            "",
        ));
    }
    if let Some((username, password)) = basic {
        out.push_str(&chain_call(
            8,
            "basic_auth",
            &[rust_str(username), format!("Some({})", rust_str(password))],
            "",
        ));
    }
    if let Some(token) = token {
        out.push_str(&chain_call(8, "bearer_auth", &[rust_str(token)], ""));
    }
    if let Some(pairs) = form {
        // `.form()` sets the Content-Type and encodes exactly like the browser.
        let items: Vec<String> = pairs
            .iter()
            .map(|(n, v)| format!("({}, {})", rust_str(n), rust_str(v)))
            .collect();
        out.push_str(&chain_call_array(8, "form", true, &items, ""));
    } else if let Some(body) = &prepared.body {
        out.push_str(&chain_call(
            8,
            "body",
            &[rust_str(&String::from_utf8_lossy(body))],
            "",
        ));
    }
    out.push_str(if blocking {
        "        .send()?\n"
    } else {
        "        .send()\n        .await?\n"
    });
    out.push_str("        .error_for_status()?;\n");
    out.push_str(&format!(
        "    println!(\"{{}}\", response.text(){await_}?);\n"
    ));
    out.push_str("    Ok(())\n}\n");
    out
}

fn duration(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("Duration::from_secs({})", ms / 1000)
    } else {
        format!("Duration::from_millis({ms})")
    }
}
