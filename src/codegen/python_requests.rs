//! Python with requests, in the lesson's idioms: `params=`, `json=`, `data=`, `headers=`,
//! `auth=HTTPBasicAuth(..)`, `timeout=` and `raise_for_status()`.

use super::escape_python::py_call;
use super::plan::Plan;
use super::problems_comment;
use super::python_common::{
    method_helper, print_body, py_seconds, python_parts, stream_loop, Flavor, Layout,
};
use super::BodyOutput;
use crate::model::{seconds_in_words, Request};

/// The request as a Python script using requests.
pub fn python_requests(request: &Request) -> String {
    python_requests_to(request, BodyOutput::Text)
}

/// The request as a Python script using requests, handling the body as `output` says.
pub(crate) fn python_requests_to(request: &Request, output: BodyOutput) -> String {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return problems_comment("#", &errors),
    };
    let parts = python_parts(&plan, Flavor::Requests, Layout::Script);
    let seconds = py_seconds(plan.prepared.timeout_ms);

    let mut out = String::from("import sys\n\nimport requests\n");
    if parts.uses_basic_auth_class {
        out.push_str("from requests.auth import HTTPBasicAuth\n");
    }
    out.push('\n');
    for assignment in &parts.assignments {
        out.push_str(assignment);
        out.push('\n');
    }
    out.push('\n');

    let mut args = vec!["url".to_owned()];
    let head = match method_helper(&plan.prepared.method) {
        Some(helper) => format!("requests.{helper}"),
        None => {
            args.insert(0, super::escape_python::py_str(&plan.prepared.method));
            "requests.request".to_owned()
        }
    };
    args.extend(parts.kwargs);
    if plan.method_is("HEAD") {
        // requests.head does not follow redirects by default; the browser does.
        args.push("allow_redirects=True".to_owned());
    }
    if output.streams() {
        // Returns once the head has arrived; the body is read as the loop below asks for it.
        args.push("stream=True".to_owned());
    }
    args.push(format!("timeout={seconds}"));

    out.push_str("try:\n");
    out.push_str(&format!(
        "    response = {}\n",
        py_call(&head, &args, 4, "response = ".len())
    ));
    out.push_str("    response.raise_for_status()  # raises HTTPError for 4xx/5xx\n");
    out.push_str("except requests.ConnectionError:\n");
    out.push_str("    sys.exit(\"Network error: could not connect to the server\")\n");
    out.push_str("except requests.Timeout:\n");
    out.push_str(&format!(
        "    sys.exit(\"Request timed out after {}\")\n",
        seconds_in_words(plan.prepared.timeout_ms)
    ));
    out.push_str("except requests.HTTPError as e:\n");
    out.push_str("    sys.exit(f\"HTTP error {e.response.status_code}: {e.response.text}\")\n\n");
    if output.streams() {
        out.push_str(&stream_loop(
            output,
            0,
            "for",
            "response.iter_lines()",
            true,
        ));
    } else {
        out.push_str(print_body(output));
        out.push('\n');
    }
    out
}
