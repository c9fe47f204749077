//! A session as one Python program: `requests.Session`, `httpx.Client(base_url=…)`, and
//! `httpx.AsyncClient` with `asyncio.gather` when the requests run at once. The lesson's
//! session and async examples, sending exactly what the playground sends for each member.

use super::escape_python::{py_call, py_str, py_str_dict};
use super::plan::Plan;
use super::python_common::{method_helper, py_float_seconds, py_seconds, python_parts};
use super::python_common::{Flavor, Layout};
use super::{problem_list, Target};
use crate::model::{seconds_in_words, shared_origin, url_origin, Session};

/// The session as a Python program for `target` (requests, httpx or httpx async); `None` for
/// the other targets. An invalid member is listed, with its number, instead of code.
pub fn python_session(session: &Session, target: Target) -> Option<String> {
    let (flavor, run) = match target {
        Target::PythonRequests => (Flavor::Requests, Run::Sync),
        Target::PythonHttpx => (Flavor::Httpx, Run::Sync),
        Target::PythonHttpxAsync if session.concurrent && session.requests.len() > 1 => {
            (Flavor::Httpx, Run::Gather)
        }
        Target::PythonHttpxAsync => (Flavor::Httpx, Run::Await),
        _ => return None,
    };
    let requests = session.effective_requests();
    if requests.is_empty() {
        return Some("# Add a request to the session first.\n".to_owned());
    }
    let mut plans = Vec::new();
    let mut problems = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        match Plan::new(request) {
            Ok(plan) => plans.push(plan),
            Err(errors) => {
                problems.extend(errors.iter().map(|e| format!("Request {}, {e}", i + 1)))
            }
        }
    }
    if !problems.is_empty() {
        // The problems quote the members' text: escaped as every problem comment is.
        return Some(problem_list("#", "Fix the session first:", problems));
    }
    Some(Program::new(session, &plans, flavor, run).write())
}

/// How the calls are made.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    /// One after another, blocking.
    Sync,
    /// One after another, each awaited.
    Await,
    /// All at once: `asyncio.gather`.
    Gather,
}

struct Program<'a> {
    plans: &'a [Plan<'a>],
    flavor: Flavor,
    run: Run,
    /// The session's headers, sent by the client.
    shared: Vec<(String, String)>,
    /// httpx's `base_url`, when every request has the same origin.
    base_url: Option<String>,
    /// The client's timeout in ms when every request has the same one.
    timeout_ms: Option<u64>,
    /// The variable holding each response.
    names: Vec<String>,
}

impl<'a> Program<'a> {
    fn new(session: &Session, plans: &'a [Plan<'a>], flavor: Flavor, run: Run) -> Self {
        let shared = session
            .default_headers()
            .map(|h| (h.name.trim().to_owned(), h.value.trim().to_owned()))
            .collect();
        // requests has no base URL; httpx would turn a path starting with // into /.
        let base_url =
            shared_origin(plans.iter().map(|p| p.prepared.base_url.as_str())).filter(|origin| {
                flavor == Flavor::Httpx
                    && plans.len() > 1
                    && plans
                        .iter()
                        .all(|p| !p.prepared.base_url[origin.len()..].starts_with("//"))
            });
        let first = plans[0].prepared.timeout_ms;
        let timeout_ms = plans
            .iter()
            .all(|p| p.prepared.timeout_ms == first)
            .then_some(first);
        let names = response_names(plans.iter().map(|p| p.prepared.base_url.as_str()));
        Program {
            plans,
            flavor,
            run,
            shared,
            base_url,
            timeout_ms,
            names,
        }
    }

    fn write(&self) -> String {
        let mut out = String::new();
        if self.run != Run::Sync {
            out.push_str("import asyncio\n");
        }
        out.push_str("import sys\n\n");
        match self.flavor {
            Flavor::Requests => out.push_str("import requests\n"),
            Flavor::Httpx => out.push_str("import httpx\n"),
        }
        let parts: Vec<_> = self
            .plans
            .iter()
            .map(|plan| {
                python_parts(
                    plan,
                    self.flavor,
                    Layout::Inline {
                        indent: 0,
                        shared: &self.shared,
                    },
                )
            })
            .collect();
        if parts.iter().any(|p| p.uses_basic_auth_class) {
            out.push_str("from requests.auth import HTTPBasicAuth\n");
        }
        out.push('\n');
        if !self.shared.is_empty() {
            out.push_str(&format!(
                "# Sent with every request of the session.\nheaders = {}\n\n",
                py_str_dict(&self.shared, 0)
            ));
        }

        let (indent, opening) = self.opening();
        if self.run != Run::Sync {
            out.push_str("\nasync def main() -> None:\n");
        }
        out.push_str(&opening);
        let pad = " ".repeat(indent);
        let inner = " ".repeat(indent + 4);
        out.push_str(&format!("{pad}try:\n"));
        let check = match self.flavor {
            Flavor::Requests => "raise_for_status()  # raises HTTPError for 4xx/5xx",
            Flavor::Httpx => "raise_for_status()  # raises HTTPStatusError for 4xx/5xx",
        };
        if self.run == Run::Gather {
            let calls: Vec<String> = (0..self.plans.len())
                .map(|i| self.call(i, indent + 8, 1))
                .collect();
            let targets = self.names.join(", ");
            out.push_str(&format!(
                "{inner}# All at once: gather waits for every response and keeps their order.\n"
            ));
            out.push_str(&format!(
                "{inner}{targets} = await {}\n",
                py_call("asyncio.gather", &calls, indent + 4, targets.len() + 9)
            ));
            out.push_str(&format!("{inner}for response in ({targets}):\n"));
            out.push_str(&format!("{inner}    response.{check}\n"));
        } else {
            let await_kw = if self.run == Run::Await { "await " } else { "" };
            for (i, name) in self.names.iter().enumerate() {
                let lead = name.len() + 3 + await_kw.len();
                out.push_str(&format!(
                    "{inner}{name} = {await_kw}{}\n",
                    self.call(i, indent + 4, lead)
                ));
                out.push_str(&format!("{inner}{name}.{check}\n"));
            }
        }
        out.push_str(&self.handlers(&pad, &inner));

        let print_pad = if self.run == Run::Sync { "" } else { "    " };
        if self.run == Run::Sync {
            out.push('\n');
        }
        for name in &self.names {
            out.push_str(&format!("{print_pad}print({name}.text)\n"));
        }
        if self.run != Run::Sync {
            out.push_str("\n\nasyncio.run(main())\n");
        }
        out
    }

    /// The `with` line that opens the session or client, and the indent of its body.
    fn opening(&self) -> (usize, String) {
        if self.flavor == Flavor::Requests {
            let mut text = "with requests.Session() as session:\n".to_owned();
            if !self.shared.is_empty() {
                text.push_str("    session.headers.update(headers)\n");
            }
            return (4, text);
        }
        let mut args = Vec::new();
        if let Some(base) = &self.base_url {
            args.push(format!("base_url={}", py_str(base)));
        }
        if !self.shared.is_empty() {
            args.push("headers=headers".to_owned());
        }
        if let Some(ms) = self.timeout_ms {
            args.push(format!("timeout={}", py_float_seconds(ms)));
        }
        args.push("follow_redirects=True".to_owned());
        let (indent, with, class) = if self.run == Run::Sync {
            (0, "with ", "httpx.Client")
        } else {
            (4, "async with ", "httpx.AsyncClient")
        };
        let lead = with.len() + " as client:".len();
        let pad = " ".repeat(indent);
        (
            indent + 4,
            format!(
                "{pad}{with}{} as client:\n",
                py_call(class, &args, indent, lead)
            ),
        )
    }

    /// The call that sends request `i`, on a line starting at `indent` with `lead` characters
    /// before it (or after it, such as a trailing comma).
    fn call(&self, i: usize, indent: usize, lead: usize) -> String {
        let plan = &self.plans[i];
        let prepared = &plan.prepared;
        let url = match &self.base_url {
            Some(origin) => match &prepared.base_url[origin.len()..] {
                "" => "/",
                path => path,
            },
            None => prepared.base_url.as_str(),
        };
        let mut args = vec![py_str(url)];
        let parts = python_parts(
            plan,
            self.flavor,
            Layout::Inline {
                indent: indent + 4,
                shared: &self.shared,
            },
        );
        let object = match self.flavor {
            Flavor::Requests => "session",
            Flavor::Httpx => "client",
        };
        // httpx's get/head/options/delete helpers take no body, so those go through request().
        let has_body = prepared.body.is_some() && self.flavor == Flavor::Httpx;
        let method = match method_helper(&prepared.method) {
            Some(helper) if !(has_body && matches!(helper.as_str(), "delete" | "options")) => {
                helper
            }
            _ => {
                args.insert(0, py_str(&prepared.method));
                "request".to_owned()
            }
        };
        args.extend(parts.kwargs);
        if self.flavor == Flavor::Requests {
            if prepared.method == "HEAD" {
                // requests.head does not follow redirects by default; the browser does.
                args.push("allow_redirects=True".to_owned());
            }
            args.push(format!("timeout={}", py_seconds(prepared.timeout_ms)));
        } else if self.timeout_ms.is_none() {
            args.push(format!("timeout={}", py_float_seconds(prepared.timeout_ms)));
        }
        py_call(&format!("{object}.{method}"), &args, indent, lead)
    }

    /// The `except` clauses, at `pad`, their bodies at `inner`.
    fn handlers(&self, pad: &str, inner: &str) -> String {
        let timed_out = match self.timeout_ms {
            Some(ms) => format!("Request timed out after {}", seconds_in_words(ms)),
            None => "A request timed out".to_owned(),
        };
        let clauses: [(&str, String); 3] = match self.flavor {
            Flavor::Requests => [
                (
                    "requests.ConnectionError",
                    "\"Network error: could not connect to the server\"".to_owned(),
                ),
                ("requests.Timeout", format!("\"{timed_out}\"")),
                (
                    "requests.HTTPError as e",
                    "f\"HTTP error {e.response.status_code}: {e.response.text}\"".to_owned(),
                ),
            ],
            Flavor::Httpx => [
                ("httpx.TimeoutException", format!("\"{timed_out}\"")),
                (
                    "httpx.HTTPStatusError as e",
                    "f\"HTTP error {e.response.status_code}: {e.response.text}\"".to_owned(),
                ),
                (
                    "httpx.RequestError as e",
                    "f\"Network error: {e}\"".to_owned(),
                ),
            ],
        };
        clauses
            .iter()
            .map(|(clause, message)| format!("{pad}except {clause}:\n{inner}sys.exit({message})\n"))
            .collect()
    }
}

/// Names the program gives each response: the last segment of its path when that makes a
/// plain Python name (`users`, `posts`), else `response_<its number>`; repeated names are
/// numbered (`posts`, `posts_2`).
fn response_names<'u>(urls: impl Iterator<Item = &'u str>) -> Vec<String> {
    const TAKEN: &[&str] = &[
        "asyncio", "client", "e", "headers", "httpx", "main", "print", "requests", "response",
        "session", "sys", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield", "False", "None", "True",
    ];
    let mut names: Vec<String> = Vec::new();
    for (i, url) in urls.enumerate() {
        let path = url_origin(url).map_or("", |origin| &url[origin.len()..]);
        let segment = path
            .rsplit('/')
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace('-', "_");
        let plain = segment
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
            && segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !TAKEN.contains(&segment.as_str());
        let base = if plain {
            segment
        } else {
            format!("response_{}", i + 1)
        };
        let mut name = base.clone();
        let mut n = 1;
        while names.contains(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        names.push(name);
    }
    names
}
