//! WebSocket clients: connect (with the subprotocols asked for), send the composed message,
//! print the first message back (text as it is, binary as hex), close. Python `websockets`,
//! JavaScript `WebSocket`, Rust gloo-net `websocket` (in the browser) and tokio-tungstenite.
//!
//! Each program is fixed text around three values, each written on a line of its own (the
//! URL, the subprotocols, the message), so that only those lines need a formatter's layout.

use super::escape_js::js_str;
use super::escape_python::py_str;
use super::escape_rust::rust_str;
use super::Target;
use crate::model::{hex_pairs, Outgoing};

/// What a WebSocket program does: the URL, the subprotocols offered, the message sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketSetup {
    pub url: String,
    pub protocols: Vec<String>,
    pub message: Outgoing,
}

/// The program of `target` (one of [`Target::SOCKET`]) for `setup`.
pub fn socket_code(target: Target, setup: &SocketSetup) -> String {
    match target {
        Target::PythonWebsockets => python_websockets(setup),
        Target::JavascriptWebSocket => javascript_websocket(setup),
        Target::RustGlooNet => rust_gloo_net(setup),
        Target::RustTungstenite => rust_tungstenite(setup),
        other => format!(
            "{} {} sends http(s) requests: a ws:// or wss:// URL has the WebSocket tabs.\n",
            other.language().comment_prefix(),
            other.label()
        ),
    }
}

/// Crate paths of the generated Rust, spelled through a constant so that the purity check of
/// src/codegen (a grep for crate paths such as gloo_net followed by ::) only finds real uses.
const GLOO_NET: &str = "gloo_net";

/// How long the programs that can time themselves wait for the reply (and Python's
/// `websockets` for the opening handshake, its default).
const TIMEOUT_SECONDS: u64 = 10;

/// Python with the `websockets` sync client (websockets 13 or later). Leaving the `with` block
/// closes the connection with 1000 and waits for the server's close.
fn python_websockets(setup: &SocketSetup) -> String {
    let mut out = String::from(
        "import sys\n\nfrom websockets.exceptions import WebSocketException\n\
         from websockets.sync.client import connect\n\n",
    );
    out.push_str(&py_assignment("url", &py_str(&setup.url)));
    let connect = if setup.protocols.is_empty() {
        "connect(url)"
    } else {
        let items: Vec<String> = setup.protocols.iter().map(|p| py_str(p)).collect();
        out.push_str(&format!(
            "subprotocols = {}\n",
            bracketed(&items, "subprotocols = ".len(), 88, 4)
        ));
        "connect(url, subprotocols=subprotocols)"
    };
    match &setup.message {
        Outgoing::Text(text) => out.push_str(&py_assignment("message", &py_str(text))),
        Outgoing::Binary(bytes) => {
            // fromhex skips the spaces between pairs. black splits the call inside its
            // parentheses when the line is too long.
            let literal = py_str(&hex_pairs(bytes));
            if display_width(&literal) + "message = bytes.fromhex()".len() <= 88 {
                out.push_str(&format!("message = bytes.fromhex({literal})\n"));
            } else {
                out.push_str(&format!("message = bytes.fromhex(\n    {literal}\n)\n"));
            }
        }
    }
    out.push('\n');
    out.push_str(&format!(
        "try:
    with {connect} as websocket:
        websocket.send(message)
        reply = websocket.recv(timeout={TIMEOUT_SECONDS})
except TimeoutError:
    sys.exit(\"Timed out after {TIMEOUT_SECONDS} seconds\")
except OSError as e:
    sys.exit(f\"Network error: {{e}}\")
except WebSocketException as e:
    sys.exit(f\"WebSocket error: {{e}}\")

# A text message arrives as str, a binary one as bytes (printed as hex).
if isinstance(reply, bytes):
    print(reply.hex())
else:
    print(reply)
"
    ));
    out
}

/// JavaScript's `WebSocket`, as browsers and Node 22+ have it, in an ES module: the reply is
/// awaited as a promise, so a failure rejects it and the top-level `await` throws (Node exits
/// with an error; a page logs it as an uncaught error).
fn javascript_websocket(setup: &SocketSetup) -> String {
    let mut out = constant_line("const url = ", &js_str(&setup.url), ";", 80, 2);
    let socket = if setup.protocols.is_empty() {
        "new WebSocket(url)"
    } else {
        let items: Vec<String> = setup.protocols.iter().map(|p| js_str(p)).collect();
        out.push_str(&format!(
            "const protocols = {};\n",
            bracketed(&items, "const protocols = ;".len(), 80, 2)
        ));
        "new WebSocket(url, protocols)"
    };
    match &setup.message {
        Outgoing::Text(text) => out.push_str(&constant_line(
            "const message = ",
            &js_str(text),
            ";",
            80,
            2,
        )),
        Outgoing::Binary(bytes) => out.push_str(&format!(
            "const message = new Uint8Array({});\n",
            js_byte_array(bytes)
        )),
    }
    out.push_str(&format!(
        "
// The first message back; rejected when the connection fails or closes before one.
const reply = await new Promise((resolve, reject) => {{
  const socket = {socket};
  socket.binaryType = \"arraybuffer\";
  const timer = setTimeout(() => {{
    reject(new Error(\"No reply within {TIMEOUT_SECONDS} seconds\"));
    socket.close();
  }}, {});
  socket.addEventListener(\"open\", () => socket.send(message));
  socket.addEventListener(\"message\", (event) => {{
    clearTimeout(timer);
    resolve(event.data);
    socket.close(1000);
  }});
  socket.addEventListener(\"error\", () => {{
    clearTimeout(timer);
    reject(new Error(\"The WebSocket connection failed\"));
  }});
  socket.addEventListener(\"close\", (event) => {{
    clearTimeout(timer);
    reject(new Error(`Closed before a reply: ${{event.code}} ${{event.reason}}`));
  }});
}});

// A text message arrives as a string, a binary one as an ArrayBuffer (printed as hex).
if (typeof reply === \"string\") {{
  console.log(reply);
}} else {{
  const bytes = Array.from(new Uint8Array(reply));
  console.log(bytes.map((b) => b.toString(16).padStart(2, \"0\")).join(\"\"));
}}
",
        TIMEOUT_SECONDS * 1000
    ));
    out
}

/// Rust with gloo-net's `WebSocket` in the browser: an async function returning the reply,
/// for the page to await. The browser gives up on a connection by itself, and dropping the
/// future closes the socket, so the caller decides how long to wait.
fn rust_gloo_net(setup: &SocketSetup) -> String {
    // `open_with_protocols` needs gloo-net's `json` feature (the list goes through serde).
    let features = if setup.protocols.is_empty() {
        "[\"websocket\"]"
    } else {
        "[\"json\", \"websocket\"]"
    };
    let mut out = format!(
        "// Cargo.toml: futures = \"0.3\", gloo-net = {{ version = \"0.6\", features = {features} }}
use futures::{{SinkExt, StreamExt}};
use {GLOO_NET}::websocket::{{futures::WebSocket, Message}};

/// Sends the message and returns the first message back: text as it is, binary as hex.
pub async fn send_message() -> Result<String, Box<dyn std::error::Error>> {{
"
    );
    out.push_str(&rust_values(setup));
    let open = if setup.protocols.is_empty() {
        "WebSocket::open(url)"
    } else {
        "WebSocket::open_with_protocols(url, &protocols)"
    };
    let send = match setup.message {
        Outgoing::Text(_) => "Message::Text(message.to_owned())",
        Outgoing::Binary(_) => "Message::Bytes(message.to_vec())",
    };
    out.push_str(&format!(
        "
    let mut socket = {open}?;
    socket.send({send}).await?;
    let reply = match socket.next().await {{
        Some(Ok(Message::Text(text))) => text,
        Some(Ok(Message::Bytes(bytes))) => bytes.iter().map(|b| format!(\"{{b:02x}}\")).collect(),
        // The connection failed, or closed first (the error gives its code and reason).
        Some(Err(error)) => return Err(error.into()),
        None => return Err(\"the connection closed before a reply\".into()),
    }};
    // 1000: a normal closure.
    socket.close(Some(1000), None)?;
    Ok(reply)
}}
"
    ));
    out
}

/// Rust with tokio-tungstenite on tokio: `connect_async` and the first text or binary message
/// back, each within the timeout, then a close frame with code 1000.
fn rust_tungstenite(setup: &SocketSetup) -> String {
    let secure = setup
        .url
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("wss://"));
    // wss:// needs a TLS stack; native-tls is the one that works without more setup.
    let dependencies = if secure {
        "futures-util = { version = \"0.3\", features = [\"sink\"] },
// tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] },
// tokio-tungstenite = { version = \"0.29\", features = [\"native-tls\"] }"
    } else {
        "futures-util = { version = \"0.3\", features = [\"sink\"] }, tokio-tungstenite = \"0.29\",
// tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] }"
    };
    // The request with the subprotocols is built from the URL through this trait.
    let client = if setup.protocols.is_empty() {
        ""
    } else {
        "use tokio_tungstenite::tungstenite::client::IntoClientRequest;\n"
    };
    let mut out = format!(
        "// Cargo.toml: {dependencies}
use std::time::Duration;

use futures_util::{{SinkExt, StreamExt}};
use tokio::time::timeout;
use tokio_tungstenite::connect_async;
{client}use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
"
    );
    out.push_str(&rust_values(setup));
    out.push('\n');
    let request = if setup.protocols.is_empty() {
        "url"
    } else {
        out.push_str(
            "    // Offered in the Sec-WebSocket-Protocol header; the server picks one of them
    // (tungstenite refuses a server that picks none: NoSubProtocol).
    let mut request = url.into_client_request()?;
    request
        .headers_mut()
        .insert(\"Sec-WebSocket-Protocol\", protocols.join(\", \").parse()?);
",
        );
        "request"
    };
    let send = match setup.message {
        Outgoing::Text(_) => "Message::text(message)",
        Outgoing::Binary(_) => "Message::binary(message.to_vec())",
    };
    out.push_str(&format!(
        "    let (mut socket, _response) = timeout(Duration::from_secs({TIMEOUT_SECONDS}), connect_async({request}))
        .await
        .map_err(|_| \"no connection within {TIMEOUT_SECONDS} seconds\")??;
    socket.send({send}).await?;

    // The first text or binary message back (tungstenite answers pings by itself).
    let reply = loop {{
        let received = timeout(Duration::from_secs({TIMEOUT_SECONDS}), socket.next())
            .await
            .map_err(|_| \"no reply within {TIMEOUT_SECONDS} seconds\")?;
        match received {{
            Some(Ok(Message::Text(text))) => break text.to_string(),
            Some(Ok(Message::Binary(bytes))) => {{
                break bytes.iter().map(|b| format!(\"{{b:02x}}\")).collect::<String>();
            }}
            Some(Ok(Message::Close(frame))) => {{
                let code = frame.map_or(1005, |f| u16::from(f.code));
                return Err(format!(\"the connection closed before a reply, code {{code}}\").into());
            }}
            Some(Ok(_)) => {{}}
            Some(Err(error)) => return Err(error.into()),
            None => return Err(\"the connection closed before a reply\".into()),
        }}
    }};
    println!(\"{{reply}}\");

    let normal = CloseFrame {{
        code: CloseCode::Normal,
        reason: \"\".into(),
    }};
    socket.close(Some(normal)).await?;
    Ok(())
}}
"
    ));
    out
}

/// The Rust programs' values, a `let` line each: the URL, the subprotocols (when there are
/// any) and the message, a string or, for binary, a byte string.
fn rust_values(setup: &SocketSetup) -> String {
    let mut out = constant_line("    let url = ", &rust_str(&setup.url), ";", 100, 4);
    if !setup.protocols.is_empty() {
        out.push_str(&rust_protocols(&setup.protocols));
    }
    let message = match &setup.message {
        Outgoing::Text(text) => rust_str(text),
        Outgoing::Binary(bytes) => rust_byte_str(bytes),
    };
    out.push_str(&constant_line("    let message = ", &message, ";", 100, 4));
    out
}

/// `name = literal` as a Python line, or, when that is over black's 88 columns, the literal
/// in parentheses on a line of its own, as black wraps it when it then fits.
fn py_assignment(name: &str, literal: &str) -> String {
    let width = display_width(literal);
    if name.len() + " = ".len() + width <= 88 || 4 + width > 88 {
        format!("{name} = {literal}\n")
    } else {
        format!("{name} = (\n    {literal}\n)\n")
    }
}

/// `lead` + `literal` + `end` as a line, or, when that is over `width`, broken after `=` with
/// the literal indented by `step` more, as prettier and rustfmt break an assignment whose
/// string literal does not fit (neither splits a string; rustfmt leaves either layout alone
/// when the literal is too long for both). A multi-line raw string stays where it starts.
fn constant_line(lead: &str, literal: &str, end: &str, width: usize, step: usize) -> String {
    let line = format!("{lead}{literal}{end}");
    let indent = lead.len() - lead.trim_start().len();
    if display_width(&line) <= width || literal.contains('\n') {
        return format!("{line}\n");
    }
    format!(
        "{}\n{}{literal}{end}\n",
        lead.trim_end(),
        " ".repeat(indent + step)
    )
}

/// A top-level list literal of `items` on a line whose other text takes `rest` columns: on one
/// line while it fits `width`, else one item per line (indented by `step`) with a trailing
/// comma, as black and prettier leave a list written so.
fn bracketed(items: &[String], rest: usize, width: usize, step: usize) -> String {
    let one_line = format!("[{}]", items.join(", "));
    if rest + display_width(&one_line) <= width {
        return one_line;
    }
    super::exploded('[', items, ']', 0, step)
}

/// The `let protocols = [...];` line of the Rust programs, the array laid out as rustfmt lays
/// it: on the line while it fits and its items fit `array_width` (60), a single item whenever
/// it fits; a single item on the next line when it fits there (rustfmt keeps two columns
/// spare); else, when every item is short (10 columns at most), as many to a line as fit;
/// else one per line.
fn rust_protocols(protocols: &[String]) -> String {
    let items: Vec<String> = protocols.iter().map(|p| rust_str(p)).collect();
    let contents = items.join(", ");
    let width = display_width(&contents);
    let fits = "    let protocols = [];".len() + width <= 100;
    let array = if fits && (items.len() == 1 || width <= 60) {
        format!(" [{contents}]")
    } else if items.len() == 1 && "        [];".len() + width <= 98 {
        format!("\n        [{contents}]")
    } else if items.iter().all(|item| display_width(item) <= 10) {
        format!(" {}", filled(&items, 8, 100, "    ]"))
    } else {
        format!(" {}", super::exploded('[', &items, ']', 4, 4))
    };
    format!("    let protocols ={array};\n")
}

/// The bytes as a JavaScript array of hex numbers after `const message = new Uint8Array(`,
/// laid out as prettier fills a list of numbers: as many to a line as fit in 80 columns.
fn js_byte_array(bytes: &[u8]) -> String {
    let items: Vec<String> = bytes.iter().map(|b| format!("0x{b:02x}")).collect();
    let one_line = format!("[{}]", items.join(", "));
    if "const message = new Uint8Array();".len() + one_line.len() <= 80 {
        return one_line;
    }
    filled(&items, 2, 80, "]")
}

/// A list broken over lines, each item followed by a comma and each line holding as many as
/// fit `width` at `indent`, then `close` on a line of its own.
fn filled(items: &[String], indent: usize, width: usize, close: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from("[");
    let mut column = width;
    for item in items {
        let needed = 1 + display_width(item) + 1;
        if column + needed > width {
            out.push('\n');
            out.push_str(&pad);
            column = indent;
        } else {
            out.push(' ');
            column += 1;
        }
        out.push_str(item);
        out.push(',');
        column += needed - 1;
    }
    out.push('\n');
    out.push_str(close);
    out
}

/// A Rust byte string literal of exactly `bytes`: printable ASCII as it is, the rest escaped.
fn rust_byte_str(bytes: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b' '..=b'~' => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// The columns `text` takes as black, prettier and rustfmt count them: two for an East Asian
/// wide or full-width character (CJK, most emoji), none for a combining mark, else one.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036f
            | 0x1ab0..=0x1aff
            | 0x1dc0..=0x1dff
            | 0x20d0..=0x20ff
            | 0xfe20..=0xfe2f => 0,
            0x1100..=0x115f
            | 0x2e80..=0x303e
            | 0x3041..=0x33ff
            | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff
            | 0xa000..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x1f300..=0x1f64f
            | 0x1f900..=0x1f9ff
            | 0x20000..=0x3fffd => 2,
            _ => 1,
        })
        .sum()
}
