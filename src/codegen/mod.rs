//! Code generators: one file per target, each exporting one function from [`Request`] to a
//! complete, runnable program that sends exactly what the playground sends.
//!
//! Every generator starts from [`Request::prepare`], the same wire form transport uses.

mod constants;
mod curl;
mod escape_js;
mod escape_python;
mod escape_rust;
mod escape_shell;
mod highlight;
mod javascript_fetch;
mod plan;
mod python_common;
use python_common::Mode;
mod python_httpx;
mod python_httpx_async;
mod python_requests;
mod python_session;
mod rust_common;
mod rust_gloo_net;
mod rust_reqwest;
mod rust_reqwest_blocking;
mod socket;

pub use constants::{apply_constants, constants_for, with_constants, Constant};
pub use curl::curl;
pub use escape_js::js_str;
pub use escape_python::py_str;
pub use escape_rust::rust_str;
pub use escape_shell::sh_word;
pub use highlight::{highlight, Token};
pub use javascript_fetch::javascript_fetch;
pub use python_httpx::python_httpx;
pub use python_httpx_async::python_httpx_async;
pub use python_requests::python_requests;
pub use python_session::python_session;
pub use rust_gloo_net::rust_gloo_net;
pub use rust_reqwest::rust_reqwest;
pub use rust_reqwest_blocking::rust_reqwest_blocking;
pub use socket::{socket_code, SocketSetup};

use crate::model::{resolve_variables, HttpResponse, Request, ValidationError, Variable};
use crate::viewer::{payload_kind, stream_kind, PayloadKind, StreamKind};

/// What a program does with the body it receives. The request cannot tell whether the answer
/// will be text, so the code panel asks for [`BodyOutput::Bytes`] once the request's own answer
/// turned out to be an image or other binary data ([`BodyOutput::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyOutput {
    /// Print the body as text (`print(response.text)`).
    #[default]
    Text,
    /// Write the body's bytes unchanged to standard output
    /// (`sys.stdout.buffer.write(response.content)`): the Python targets. The others print
    /// text either way (curl warns by itself before writing binary data to a terminal).
    Bytes,
    /// Server-Sent Events read as they arrive: each event's `data` printed as it comes (curl
    /// with `-N` prints the stream as it is).
    Events,
    /// JSON Lines / NDJSON read as they arrive: each line printed as it comes.
    Lines,
}

impl BodyOutput {
    /// Events or lines for a stream the viewer reads as it arrives, bytes for a body it shows
    /// as an image or a hex dump, text for anything else.
    pub fn of(response: &HttpResponse) -> BodyOutput {
        let content_type = response.header("Content-Type");
        match stream_kind(content_type.unwrap_or_default()) {
            Some(StreamKind::Events) => return BodyOutput::Events,
            Some(StreamKind::JsonLines) => return BodyOutput::Lines,
            // [`stream_kind`] names no plain text: its programs print it whole.
            Some(StreamKind::Text) | None => {}
        }
        match payload_kind(content_type, &response.body) {
            PayloadKind::Image | PayloadKind::Binary => BodyOutput::Bytes,
            _ => BodyOutput::Text,
        }
    }

    /// Whether the program reads the body as a stream, a line at a time as it arrives.
    pub fn streams(self) -> bool {
        matches!(self, BodyOutput::Events | BodyOutput::Lines)
    }
}

/// A code target shown in the code panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    PythonRequests,
    PythonHttpx,
    PythonHttpxAsync,
    Curl,
    JavascriptFetch,
    RustGlooNet,
    RustReqwest,
    RustReqwestBlocking,
    /// WebSocket clients ([`Target::SOCKET`]; gloo-net is both kinds).
    PythonWebsockets,
    JavascriptWebSocket,
    RustTungstenite,
}

impl Target {
    /// Every target, in the order of the code panel's tabs.
    pub const ALL: [Target; 8] = [
        Target::PythonRequests,
        Target::PythonHttpx,
        Target::PythonHttpxAsync,
        Target::Curl,
        Target::JavascriptFetch,
        Target::RustGlooNet,
        Target::RustReqwest,
        Target::RustReqwestBlocking,
    ];

    /// The WebSocket clients, in the order of the code panel's tabs for a `ws://` URL
    /// ([`socket_code`]).
    pub const SOCKET: [Target; 4] = [
        Target::PythonWebsockets,
        Target::JavascriptWebSocket,
        Target::RustGlooNet,
        Target::RustTungstenite,
    ];

    /// The targets that have code for a whole session ([`python_session`]).
    pub const SESSION: [Target; 3] = [
        Target::PythonRequests,
        Target::PythonHttpx,
        Target::PythonHttpxAsync,
    ];

    /// Stable identifier used in storage and embed options (`target=python-requests`).
    pub fn id(self) -> &'static str {
        match self {
            Target::PythonRequests => "python-requests",
            Target::PythonHttpx => "python-httpx",
            Target::PythonHttpxAsync => "python-httpx-async",
            Target::Curl => "curl",
            Target::JavascriptFetch => "javascript-fetch",
            Target::RustGlooNet => "rust-gloo-net",
            Target::RustReqwest => "rust-reqwest",
            Target::RustReqwestBlocking => "rust-reqwest-blocking",
            Target::PythonWebsockets => "python-websockets",
            Target::JavascriptWebSocket => "javascript-websocket",
            Target::RustTungstenite => "rust-tokio-tungstenite",
        }
    }

    pub fn from_id(id: &str) -> Option<Target> {
        Target::ALL
            .into_iter()
            .chain(Target::SOCKET)
            .find(|t| t.id() == id)
    }

    /// The tab's accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Target::PythonRequests => "Python · requests",
            Target::PythonHttpx => "Python · httpx",
            Target::PythonHttpxAsync => "Python · httpx async",
            Target::Curl => "curl",
            Target::JavascriptFetch => "JavaScript · fetch",
            Target::RustGlooNet => "Rust · gloo-net",
            Target::RustReqwest => "Rust · reqwest",
            Target::RustReqwestBlocking => "Rust · reqwest blocking",
            Target::PythonWebsockets => "Python · websockets",
            Target::JavascriptWebSocket => "JavaScript · WebSocket",
            Target::RustTungstenite => "Rust · tokio-tungstenite",
        }
    }

    /// The golden fixture file name for this target.
    pub fn fixture_file(self) -> &'static str {
        match self {
            Target::PythonRequests => "python_requests.py",
            Target::PythonHttpx => "python_httpx.py",
            Target::PythonHttpxAsync => "python_httpx_async.py",
            Target::Curl => "curl.sh",
            Target::JavascriptFetch => "javascript_fetch.mjs",
            Target::RustGlooNet => "rust_gloo_net.rs",
            Target::RustReqwest => "rust_reqwest.rs",
            Target::RustReqwestBlocking => "rust_reqwest_blocking.rs",
            Target::PythonWebsockets => "python_websockets.py",
            Target::JavascriptWebSocket => "javascript_websocket.mjs",
            Target::RustTungstenite => "rust_tokio_tungstenite.rs",
        }
    }

    /// The language family, for highlighting.
    pub fn language(self) -> Language {
        match self {
            Target::PythonRequests
            | Target::PythonHttpx
            | Target::PythonHttpxAsync
            | Target::PythonWebsockets => Language::Python,
            Target::Curl => Language::Shell,
            Target::JavascriptFetch | Target::JavascriptWebSocket => Language::JavaScript,
            Target::RustGlooNet
            | Target::RustReqwest
            | Target::RustReqwestBlocking
            | Target::RustTungstenite => Language::Rust,
        }
    }

    /// The code for `request` with its `{{variables}}` filled in from `environment`; with
    /// `as_constants`, the variables it uses are named constants declared at the top. An
    /// undefined variable is listed, as any other problem, instead of code.
    pub fn generate_with(
        self,
        request: &Request,
        environment: &[Variable],
        as_constants: bool,
    ) -> String {
        self.generate_for(request, environment, as_constants, BodyOutput::Text)
    }

    /// [`Target::generate_with`], with the received body handled as `output` says.
    pub fn generate_for(
        self,
        request: &Request,
        environment: &[Variable],
        as_constants: bool,
        output: BodyOutput,
    ) -> String {
        code_for(
            self.language(),
            |r| self.generate_output(r, output),
            request,
            environment,
            as_constants,
        )
    }

    /// The code for `request` as it stands (no variables), printing the body as text.
    pub fn generate(self, request: &Request) -> String {
        self.generate_output(request, BodyOutput::Text)
    }

    /// The code for `request` as it stands, with the received body handled as `output` says.
    pub fn generate_output(self, request: &Request, output: BodyOutput) -> String {
        match self {
            Target::PythonRequests => python_requests::python_requests_to(request, output),
            Target::PythonHttpx => python_common::httpx_program(request, Mode::Sync, output),
            Target::PythonHttpxAsync => python_common::httpx_program(request, Mode::Async, output),
            Target::Curl => curl::curl_to(request, output),
            Target::JavascriptFetch => javascript_fetch::javascript_fetch_to(request, output),
            Target::RustGlooNet => rust_gloo_net::rust_gloo_net_to(request, output),
            Target::RustReqwest => rust_reqwest::reqwest_program(request, false, output),
            Target::RustReqwestBlocking => rust_reqwest::reqwest_program(request, true, output),
            // WebSocket clients only: an http(s) request has no code in them.
            Target::PythonWebsockets | Target::JavascriptWebSocket | Target::RustTungstenite => {
                format!(
                    "{} {} connects to ws:// and wss:// URLs: start the URL with one of them.\n",
                    self.language().comment_prefix(),
                    self.label()
                )
            }
        }
    }
}

/// The code of the default tab (Python · requests) as [`Target::generate_for`] makes it, without
/// reaching the other seven generators: the first module of the split build holds only this
/// one, and the others load with their tabs.
pub fn python_requests_for(
    request: &Request,
    environment: &[Variable],
    as_constants: bool,
    output: BodyOutput,
) -> String {
    code_for(
        Language::Python,
        |r| python_requests::python_requests_to(r, output),
        request,
        environment,
        as_constants,
    )
}

/// The request with its variables filled in, as `generate` writes it, or with the values of
/// its variables as named constants; the undefined variables listed in a comment instead.
fn code_for(
    language: Language,
    generate: impl Fn(&Request) -> String,
    request: &Request,
    environment: &[Variable],
    as_constants: bool,
) -> String {
    match resolve_variables(request, environment) {
        Ok(resolved) if as_constants => with_constants(
            language,
            &generate(&resolved),
            request,
            environment,
            &generate,
        ),
        Ok(resolved) => generate(&resolved),
        Err(errors) => problems_comment(language.comment_prefix(), &errors),
    }
}

/// Language families, one escaping module each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Python,
    Shell,
    JavaScript,
    Rust,
}

impl Language {
    /// What starts a line comment.
    pub fn comment_prefix(self) -> &'static str {
        match self {
            Language::Python | Language::Shell => "#",
            Language::JavaScript | Language::Rust => "//",
        }
    }
}

/// Characters a generated literal must spell as an escape: control characters, and the
/// invisible format characters (zero-width, bidirectional overrides, BOM, line separators) that
/// would hide what a string holds. rustc refuses bidi overrides in literals outright.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// A string literal in the C-like syntax Python and JavaScript share, quoted as black and
/// prettier both quote: double quotes unless the text holds more double quotes than single
/// ones. `escape` spells a character [`needs_escape`] flags, in the language's own notation.
pub(crate) fn quoted_literal(text: &str, escape: fn(char) -> String) -> String {
    let doubles = text.matches('"').count();
    let quote = if doubles > text.matches('\'').count() {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&escape(c)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A container literal with one item per line and a trailing comma, closing at `indent`, items
/// indented one `step` more: the layout black and prettier keep once it is written so.
pub(crate) fn exploded(
    open: char,
    lines: &[String],
    close: char,
    indent: usize,
    step: usize,
) -> String {
    let pad = " ".repeat(indent + step);
    let mut out = String::new();
    out.push(open);
    out.push('\n');
    for line in lines {
        out.push_str(&pad);
        out.push_str(line);
        out.push_str(",\n");
    }
    out.push_str(&" ".repeat(indent));
    out.push(close);
    out
}

/// What a generator prints instead of code when the request cannot be sent: a comment in the
/// target's syntax listing each problem (see [`problem_list`]).
pub(crate) fn problems_comment(prefix: &str, errors: &[ValidationError]) -> String {
    problem_list(
        prefix,
        "Fix the request first:",
        errors.iter().map(ToString::to_string),
    )
}

/// A comment in the target's syntax: `heading` (fixed text), then one `- problem` line each.
/// Problems quote what the user or a link typed (header names, hosts), so each is written
/// through [`push_comment_text`] and every line stays one comment line. The one way problem
/// comments are written, for single requests and sessions alike.
pub(crate) fn problem_list(
    prefix: &str,
    heading: &str,
    problems: impl IntoIterator<Item = String>,
) -> String {
    let mut out = format!("{prefix} {heading}\n");
    for problem in problems {
        out.push_str(prefix);
        out.push_str(" - ");
        push_comment_text(&mut out, &problem);
        out.push('\n');
    }
    out
}

/// `text` as the rest of a line comment. A line break of any language (`\n`, `\r`, U+2028 and
/// U+2029 end a JavaScript comment; editors also break at U+000B, U+000C and U+0085) would let
/// the rest of the line escape as code, and control, bidirectional and invisible characters
/// ([`needs_escape`]) would hide or reorder what the line says, so each is written as a
/// visible escape (`\n`, `\u{2028}`). `coding:` and `coding=` are spelled `coding\u{3a}` and
/// `coding\u{3d}`: on a Python file's first two lines they would declare its encoding (PEP
/// 263), and Python refuses to run a file that names an unknown one.
fn push_comment_text(out: &mut String, text: &str) {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if needs_escape(c) => escaped.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
            c => escaped.push(c),
        }
    }
    out.push_str(
        &escaped
            .replace("coding:", "coding\\u{3a}")
            .replace("coding=", "coding\\u{3d}"),
    );
}
