//! What the three Python targets share: the variables a lesson would write (`url`, `params`,
//! `headers`, `payload`) and the keyword arguments that use them.

use super::escape_python::{py_json, py_pair_list, py_str, py_str_dict};
use super::plan::{HeaderOrigin, Plan, PlanBody};
use crate::model::{format_seconds, seconds_in_words, PartValue, UploadPart};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Requests,
    Httpx,
}

/// How a request's values reach its call.
#[derive(Clone, Copy)]
pub(crate) enum Layout<'a> {
    /// A script of one request: module-level variables (`url`, `params`, `headers`, `payload`)
    /// that the call names.
    Script,
    /// One call among several: every value written in the call, its literals laid out at
    /// `indent`; the `shared` headers are the client's, so the call leaves them out.
    Inline {
        indent: usize,
        shared: &'a [(String, String)],
    },
}

/// Module-level assignments (in [`Layout::Script`]) and the keyword arguments of the call.
pub(crate) struct PythonParts {
    pub assignments: Vec<String>,
    pub kwargs: Vec<String>,
    pub uses_basic_auth_class: bool,
}

impl PythonParts {
    /// A keyword argument whose value is `literal`: in a script through the variable `variable`
    /// (`params = {…}` and `params=params`), inline as `params={…}`. `suffix` follows the value
    /// (`.encode()`).
    fn push(
        &mut self,
        layout: Layout,
        keyword: &str,
        variable: &str,
        literal: String,
        suffix: &str,
    ) {
        match layout {
            Layout::Script => {
                self.assignments.push(format!("{variable} = {literal}"));
                self.kwargs.push(format!("{keyword}={variable}{suffix}"));
            }
            Layout::Inline { .. } => self.kwargs.push(format!("{keyword}={literal}{suffix}")),
        }
    }
}

pub(crate) fn python_parts(plan: &Plan, flavor: Flavor, layout: Layout) -> PythonParts {
    let (indent, shared) = match layout {
        Layout::Script => (0, &[][..]),
        Layout::Inline { indent, shared } => (indent, shared),
    };
    let mut parts = PythonParts {
        assignments: Vec::new(),
        kwargs: Vec::new(),
        uses_basic_auth_class: false,
    };
    if let Layout::Script = layout {
        parts
            .assignments
            .push(format!("url = {}", py_str(&plan.prepared.base_url)));
    }
    let query = &plan.prepared.query;
    if !query.is_empty() {
        let literal = fitted(layout, "params", py_pairs(query, indent), || {
            py_pairs_line(query)
        });
        parts.push(layout, "params", "params", literal, "");
    }

    // Basic auth through the library when the credentials are ASCII (requests encodes them as
    // Latin-1, the model as UTF-8: they agree on ASCII); otherwise the header is spelled out.
    let basic = plan
        .basic_auth()
        .filter(|(u, p)| u.is_ascii() && p.is_ascii());
    // A script names the bearer token in a variable, as the lesson does.
    let token = plan
        .bearer_token()
        .filter(|_| matches!(layout, Layout::Script));
    let json_literal = matches!(plan.body, PlanBody::Json { .. });
    let form_literal = matches!(&plan.body, PlanBody::Form(pairs) if flavor == Flavor::Requests || !Plan::names_repeat(pairs));
    let mut skip = Vec::new();
    if (json_literal || form_literal) && plan.content_type_is_implied() {
        skip.push(HeaderOrigin::Body);
    }
    // The client's headers, left out of the call when sent as they are: sorted (names
    // lower-cased) so a session of many headers is not compared pair by pair.
    let mut shared: Vec<(String, &str)> = shared
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str()))
        .collect();
    shared.sort_unstable();
    let mut header_lines = Vec::new();
    for (name, value) in &plan.prepared.headers {
        let origin = plan.origin(name);
        if skip.contains(&origin)
            || (origin == HeaderOrigin::Auth
                && name.eq_ignore_ascii_case("authorization")
                && basic.is_some())
            || shared
                .binary_search(&(name.to_ascii_lowercase(), value.as_str()))
                .is_ok()
        {
            continue;
        }
        if origin == HeaderOrigin::Auth
            && token.is_some()
            && name.eq_ignore_ascii_case("authorization")
        {
            header_lines.push(format!("{}: f\"Bearer {{token}}\"", py_str(name)));
        } else {
            header_lines.push(format!("{}: {}", py_str(name), py_str(value)));
        }
    }
    if let Some(token) = token {
        parts.assignments.push(format!("token = {}", py_str(token)));
    }
    if !header_lines.is_empty() {
        let literal = fitted(
            layout,
            "headers",
            super::exploded('{', &header_lines, '}', indent, 4),
            || format!("{{{}}}", header_lines.join(", ")),
        );
        parts.push(layout, "headers", "headers", literal, "");
    }

    match &plan.body {
        PlanBody::None => {}
        PlanBody::Json { value, .. } => {
            parts.push(layout, "json", "payload", py_json(value, indent), "");
        }
        PlanBody::Form(pairs) if form_literal => {
            let literal = fitted(layout, "data", py_pairs(pairs, indent), || {
                py_pairs_line(pairs)
            });
            parts.push(layout, "data", "data", literal, "");
        }
        PlanBody::Form(_) | PlanBody::Text(_) => {
            let text = String::from_utf8_lossy(plan.prepared.body.as_deref().unwrap_or_default())
                .into_owned();
            let (keyword, suffix) = match flavor {
                // requests sends a str body as Latin-1; bytes go out as they are.
                Flavor::Requests if text.is_ascii() => ("data", ""),
                Flavor::Requests => ("data", ".encode()"),
                Flavor::Httpx => ("content", ""),
            };
            parts.push(layout, keyword, "body", py_str(&text), suffix);
        }
        PlanBody::Multipart(upload) => multipart_kwargs(&mut parts, layout, flavor, upload, indent),
        PlanBody::File(file) => {
            let open = format!("open({}, \"rb\")", py_str(&file.file_name));
            match flavor {
                // requests streams an open file and sets its Content-Length.
                Flavor::Requests => parts.push(layout, "data", "body", open, ""),
                // httpx's async client cannot read a plain file object: give it the bytes.
                Flavor::Httpx => parts.push(layout, "content", "body", open, ".read()"),
            }
        }
    }

    if let Some((username, password)) = basic {
        parts.kwargs.push(match flavor {
            Flavor::Requests => format!(
                "auth=HTTPBasicAuth({}, {})",
                py_str(username),
                py_str(password)
            ),
            Flavor::Httpx => format!("auth=({}, {})", py_str(username), py_str(password)),
        });
    }
    parts.uses_basic_auth_class = basic.is_some() && flavor == Flavor::Requests;
    parts
}

/// `files=` (and `data=`) for a multipart body. With a file among the parts and every text part
/// before the files, text parts go in `data=` and files in `files=`, as the libraries'
/// documentation writes them; otherwise every part goes in `files=`, a text as
/// `(None, value)`: `data=` alone would send a URL-encoded form, and both libraries put `data=`
/// fields before the files.
fn multipart_kwargs(
    parts: &mut PythonParts,
    layout: Layout,
    flavor: Flavor,
    upload: &[UploadPart],
    indent: usize,
) {
    let texts: Vec<(String, String)> = upload
        .iter()
        .filter_map(|p| match &p.value {
            PartValue::Text(text) => Some((p.name.clone(), text.clone())),
            PartValue::File { .. } => None,
        })
        .collect();
    // requests and httpx send `data=` before `files=`: text parts go there only when none
    // follows a file, so that every part is sent in the model's order.
    let first_file = upload
        .iter()
        .position(|p| matches!(p.value, PartValue::File { .. }));
    let texts_first = upload
        .iter()
        .skip(first_file.unwrap_or(upload.len()))
        .all(|p| matches!(p.value, PartValue::File { .. }));
    let with_file = first_file.is_some() && texts_first;
    if with_file && !texts.is_empty() {
        let literal = match flavor {
            Flavor::Requests => py_pairs(&texts, indent),
            // httpx's data= is a dict; a repeated name takes a list of values.
            Flavor::Httpx => py_multi_dict(&texts, indent),
        };
        parts.push(layout, "data", "data", literal, "");
    }
    let entries: Vec<(String, String)> = upload
        .iter()
        .filter_map(|p| match &p.value {
            PartValue::File { file, content_type } => Some((
                p.name.clone(),
                format!(
                    "({}, open({}, \"rb\"), {})",
                    py_str(&file.file_name),
                    py_str(&file.file_name),
                    py_str(content_type)
                ),
            )),
            PartValue::Text(text) if !with_file => {
                Some((p.name.clone(), format!("(None, {})", py_str(text))))
            }
            PartValue::Text(_) => None,
        })
        .collect();
    let repeat = Plan::names_repeat(&entries);
    let lines: Vec<String> = entries
        .iter()
        .map(|(name, tuple)| {
            if repeat {
                format!("({}, {tuple})", py_str(name))
            } else {
                format!("{}: {tuple}", py_str(name))
            }
        })
        .collect();
    let (open, close) = if repeat { ('[', ']') } else { ('{', '}') };
    let literal = super::exploded(open, &lines, close, indent, 4);
    parts.push(layout, "files", "files", black_lines(&literal), "");
}

/// `{"a": ["1", "2"], "b": "3"}`, exploded: httpx's data= for names that may repeat.
fn py_multi_dict(pairs: &[(String, String)], indent: usize) -> String {
    // Grouped by name in one pass, in the order names first appear: a link can carry a great
    // many parts, so no name is looked up by scanning the others.
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (name, value) in pairs {
        let i = *index.entry(name).or_insert_with(|| {
            groups.push((name, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(py_str(value));
    }
    let lines: Vec<String> = groups
        .iter()
        .map(|(name, values)| match values.as_slice() {
            [one] => format!("{}: {one}", py_str(name)),
            _ => format!("{}: [{}]", py_str(name), values.join(", ")),
        })
        .collect();
    black_lines(&super::exploded('{', &lines, '}', indent, 4))
}

/// Splits the lines of an exploded literal that are over black's 88 columns at their
/// outermost `(…)` or `[…]`, one item per line, as black does.
fn black_lines(literal: &str) -> String {
    let mut out = String::new();
    for line in literal.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        let pad = line.len() - line.trim_start().len();
        let too_long = line.len() > 88 && (line.ends_with("),") || line.ends_with("],"));
        let open = first_bracket(line).filter(|_| too_long);
        match open {
            Some(open) => {
                let close = line.len() - 2;
                let inner = &line[open + 1..close];
                out.push_str(&line[..=open]);
                out.push('\n');
                for item in split_top_level(inner) {
                    out.push_str(&" ".repeat(pad + 4));
                    out.push_str(item.trim());
                    out.push_str(",\n");
                }
                out.push_str(&" ".repeat(pad));
                out.push_str(&line[close..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The characters of Python code that are outside string literals, with their offsets.
fn outside_strings(code: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let (mut quote, mut escaped) = (None::<char>, false);
    code.char_indices().filter(move |&(_, c)| {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            return false;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
            return false;
        }
        true
    })
}

/// Where the first `(` or `[` outside a string literal is.
fn first_bracket(line: &str) -> Option<usize> {
    outside_strings(line)
        .find(|&(_, c)| c == '(' || c == '[')
        .map(|(i, _)| i)
}

/// The items of a Python argument list at depth 0, outside string literals.
fn split_top_level(inner: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in outside_strings(inner) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        items.push(&inner[start..]);
    }
    items
}

/// In a call among several, a dict or list that fits on its argument's line is written on one
/// line (`params={"userId": "1"}`), as black leaves it; otherwise, and in a script, `exploded`.
fn fitted(
    layout: Layout,
    keyword: &str,
    exploded: String,
    one_line: impl FnOnce() -> String,
) -> String {
    match layout {
        Layout::Inline { indent, .. } => {
            let line = one_line();
            // `keyword=` before it and a comma after it.
            if indent + keyword.len() + line.len() + 2 <= 88 {
                line
            } else {
                exploded
            }
        }
        Layout::Script => exploded,
    }
}

/// [`py_pairs`] on one line.
fn py_pairs_line(pairs: &[(String, String)]) -> String {
    let repeat = Plan::names_repeat(pairs);
    let items: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            if repeat {
                format!("({}, {})", py_str(k), py_str(v))
            } else {
                format!("{}: {}", py_str(k), py_str(v))
            }
        })
        .collect();
    if repeat {
        format!("[{}]", items.join(", "))
    } else {
        format!("{{{}}}", items.join(", "))
    }
}

/// Pairs for `params=` or `data=`: a dict, or a list of tuples when names repeat (a dict would
/// keep only one of them).
fn py_pairs(pairs: &[(String, String)], indent: usize) -> String {
    if Plan::names_repeat(pairs) {
        py_pair_list(pairs, indent)
    } else {
        py_str_dict(pairs, indent)
    }
}

/// The method's helper name (`get`, `post`…), or `None` for `request("PURGE", …)`.
pub(crate) fn method_helper(method: &str) -> Option<String> {
    matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    )
    .then(|| method.to_ascii_lowercase())
}

/// Seconds as a Python number: `10`, `2.5`.
pub(crate) fn py_seconds(ms: u64) -> String {
    format_seconds(ms)
}

/// Seconds as a Python float, as httpx's examples write it: `10.0`, `2.5`.
pub(crate) fn py_float_seconds(ms: u64) -> String {
    let text = format_seconds(ms);
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Sync,
    Async,
}

/// The httpx program, sync or async: the two differ only in the client and the awaits.
pub(crate) fn httpx_program(
    request: &crate::model::Request,
    mode: Mode,
    output: super::BodyOutput,
) -> String {
    use super::escape_python::{py_call, py_str};
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(errors) => return super::problems_comment("#", &errors),
    };
    let parts = python_parts(&plan, Flavor::Httpx, Layout::Script);
    let timed_out = format!(
        "Request timed out after {}",
        seconds_in_words(plan.prepared.timeout_ms)
    );
    let mut out = match mode {
        Mode::Sync => String::from("import sys\n\nimport httpx\n\n"),
        Mode::Async => String::from("import asyncio\nimport sys\n\nimport httpx\n\n"),
    };
    for assignment in &parts.assignments {
        out.push_str(assignment);
        out.push('\n');
    }
    out.push('\n');

    // httpx's get/head/options/delete helpers take no body, so those go through request().
    let has_body = plan.prepared.body.is_some();
    let mut args = vec!["url".to_owned()];
    let client_method = match method_helper(&plan.prepared.method) {
        Some(helper) if !(has_body && matches!(helper.as_str(), "delete" | "options")) => helper,
        _ => {
            args.insert(0, py_str(&plan.prepared.method));
            "request".to_owned()
        }
    };
    args.extend(parts.kwargs);
    let client_args = [
        format!("timeout={}", py_float_seconds(plan.prepared.timeout_ms)),
        "follow_redirects=True".to_owned(),
    ];

    let (indent, client_line, await_kw) = match mode {
        Mode::Sync => (
            4,
            format!(
                "with {} as client:\n",
                py_call("httpx.Client", &client_args, 0, "with ".len())
            ),
            "",
        ),
        Mode::Async => {
            out.push_str("\nasync def main() -> None:\n");
            (
                8,
                format!(
                    "    async with {} as client:\n",
                    py_call("httpx.AsyncClient", &client_args, 4, "async with ".len())
                ),
                "await ",
            )
        }
    };
    let pad = " ".repeat(indent);
    let inner = " ".repeat(indent + 4);
    out.push_str(&client_line);
    out.push_str(&format!("{pad}try:\n"));
    if output.streams() {
        // `stream()` returns once the head has arrived; the loop reads the body as it comes.
        if client_method != "request" {
            args.insert(0, py_str(&plan.prepared.method));
        }
        let with = match mode {
            Mode::Sync => "with ",
            Mode::Async => "async with ",
        };
        let call = py_call(
            "client.stream",
            &args,
            indent + 4,
            with.len() + " as response:".len(),
        );
        out.push_str(&format!("{inner}{with}{call} as response:\n"));
        out.push_str(&format!(
            "{inner}    response.raise_for_status()  # raises HTTPStatusError for 4xx/5xx\n"
        ));
        let (for_kw, lines) = match mode {
            Mode::Sync => ("for", "response.iter_lines()"),
            Mode::Async => ("async for", "response.aiter_lines()"),
        };
        out.push_str(&stream_loop(output, indent + 8, for_kw, lines, false));
    } else {
        out.push_str(&format!(
            "{inner}response = {await_kw}{}\n",
            py_call(
                &format!("client.{client_method}"),
                &args,
                indent + 4,
                "response = ".len() + await_kw.len()
            )
        ));
        out.push_str(&format!(
            "{inner}response.raise_for_status()  # raises HTTPStatusError for 4xx/5xx\n"
        ));
    }
    out.push_str(&format!("{pad}except httpx.TimeoutException:\n"));
    out.push_str(&format!("{inner}sys.exit(\"{timed_out}\")\n"));
    out.push_str(&format!("{pad}except httpx.HTTPStatusError as e:\n"));
    if output.streams() {
        // A streamed body is closed with its block: only the status is left to tell.
        out.push_str(&format!(
            "{inner}sys.exit(f\"HTTP error {{e.response.status_code}}\")\n"
        ));
    } else {
        out.push_str(&format!(
            "{inner}sys.exit(f\"HTTP error {{e.response.status_code}}: {{e.response.text}}\")\n"
        ));
    }
    out.push_str(&format!("{pad}except httpx.RequestError as e:\n"));
    out.push_str(&format!("{inner}sys.exit(f\"Network error: {{e}}\")\n"));
    match mode {
        Mode::Sync if output.streams() => {}
        Mode::Sync => out.push_str(&format!("\n{}\n", print_body(output))),
        Mode::Async if output.streams() => out.push_str("\n\nasyncio.run(main())\n"),
        Mode::Async => out.push_str(&format!(
            "    {}\n\n\nasyncio.run(main())\n",
            print_body(output)
        )),
    }
    out
}

/// The loop that prints a streamed body as it arrives, indented by `indent`: each event's
/// data of Server-Sent Events, each line of JSON Lines. `lines` yields the body's lines (bytes
/// when `bytes`: requests' `iter_lines()`, whose lines split only at line breaks; decoded
/// text would also split at U+2028 and the like).
pub(crate) fn stream_loop(
    output: super::BodyOutput,
    indent: usize,
    for_kw: &str,
    lines: &str,
    bytes: bool,
) -> String {
    let pad = " ".repeat(indent);
    let b = if bytes { "b" } else { "" };
    let decode = if bytes { ".decode()" } else { "" };
    let (comment, test, value) = match output {
        super::BodyOutput::Events => (
            "Server-Sent Events: print each event's data as it arrives.",
            format!("line.startswith({b}\"data:\")"),
            format!("line[5:].removeprefix({b}\" \"){decode}"),
        ),
        _ => (
            "JSON Lines: print each line as it arrives (json.loads(line) reads one).",
            "line".to_owned(),
            format!("line{decode}"),
        ),
    };
    format!(
        "{pad}# {comment}\n{pad}{for_kw} line in {lines}:\n{pad}    if {test}:\n{pad}        print({value}, flush=True)\n"
    )
}

/// The last statement of a Python program: the body printed as text, or its bytes written
/// unchanged to standard output (`sys` is always imported).
pub(crate) fn print_body(output: super::BodyOutput) -> &'static str {
    match output {
        super::BodyOutput::Bytes => "sys.stdout.buffer.write(response.content)",
        // Streams are read by [`stream_loop`].
        _ => "print(response.text)",
    }
}
