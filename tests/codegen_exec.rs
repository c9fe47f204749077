//! Execution: every snippet of every target is run against the local httpbin's /anything, and
//! what httpbin echoes (method, path, query args, the headers the snippet sets, body) must be
//! what the model says was sent — the same model the browser transport tests check.
//!
//! The WebSocket programs run the same way against the companion server's echo, and must print
//! the message they sent.
//!
//! Needs the local httpbin (HTTPBIN_URL), Python with requests, httpx and websockets (.venv),
//! node, curl, chromium and chromedriver: `make test` provides them and runs this with
//! `--include-ignored`. CODEGEN_TARGETS=rust-reqwest,rust-reqwest-blocking limits the targets
//! (`make test-codegen-rust`).
#![cfg(not(target_arch = "wasm32"))]

mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value};

use http_playground::codegen::{
    apply_constants, python_session, socket_code, BodyOutput, Constant, SocketSetup, Target,
};
use http_playground::model::{
    base64_encode, decode_component, is_browser_refused, parse_urlencoded, Body, FileRef,
    FileSource, KeyValue, Outgoing, PartValue, Request, Session, Upload,
};

/// One request to execute: a name for reports and the request pointed at the local httpbin.
struct Case {
    name: String,
    request: Request,
    /// Named constants the code uses instead of these values (none: code as generated).
    constants: Vec<Constant>,
    /// How the program reads the answer: text, or a stream of the companion server read as it
    /// arrives.
    output: BodyOutput,
    /// For a stream: the body the server sends, as curl (another client) received it.
    streamed: Option<Vec<u8>>,
}

impl Case {
    fn code(&self, target: Target) -> String {
        apply_constants(
            target.language(),
            &target.generate_output(&self.request, self.output),
            &self.constants,
        )
    }
}

#[test]
#[ignore = "needs the local httpbin and the target toolchains: run by `make test`"]
fn every_snippet_sends_what_the_model_says() {
    let (httpbin, work) = httpbin_and_work_dir();
    let chosen: Vec<Target> = match std::env::var("CODEGEN_TARGETS") {
        Ok(list) => list
            .split(',')
            .map(|id| Target::from_id(id.trim()).expect("known target id"))
            .collect(),
        Err(_) => Target::ALL.into_iter().chain(Target::SOCKET).collect(),
    };
    let targets: Vec<Target> = Target::ALL
        .into_iter()
        .filter(|t| chosen.contains(t))
        .collect();
    let socket_targets: Vec<Target> = Target::SOCKET
        .into_iter()
        .filter(|t| chosen.contains(t))
        .collect();
    let server = Companion::start();
    let mut cases = cases(&httpbin);
    let streams = stream_cases(&server.base);
    let stream_count = streams.len();
    cases.extend(streams);

    let mut differences = Vec::new();
    for &target in &targets {
        let outputs = run_target(&target, &cases, &work);
        for (case, output) in cases.iter().zip(outputs) {
            let problems = match (output, &case.streamed) {
                (Ok(stdout), Some(sent)) => compare_stream(target, case, sent, &stdout),
                (Ok(stdout), None) => compare(target, &case.request, &stdout),
                (Err(error), _) => vec![format!("did not run: {error}")],
            };
            for problem in problems {
                differences.push(format!("{} / {}: {problem}", target.id(), case.name));
            }
        }
    }
    // WebSocket programs, with the companion server's echo still up.
    let exchanges = socket_cases(&server.base);
    for &target in &socket_targets {
        let outputs = run_socket_target(target, &exchanges, &work);
        for (exchange, output) in exchanges.iter().zip(outputs) {
            let want = format!("{}\n", exchange.printed);
            let problem = match output {
                Ok(stdout) if stdout == want => continue,
                Ok(stdout) => format!("printed {stdout:?}, want {want:?} (the message sent)"),
                Err(error) => format!("did not run: {error}"),
            };
            differences.push(format!("{} / {}: {problem}", target.id(), exchange.name));
        }
    }
    let uploads = cases
        .iter()
        .filter(|c| {
            !upload_files(&c.request).is_empty() || matches!(c.request.body, Body::Multipart { .. })
        })
        .count();
    println!(
        "{} requests x {} targets executed ({uploads} of them multipart or file bodies, with their files on disk; {stream_count} streams of the companion server read as they arrive), {} WebSocket exchanges x {} targets, {} differences",
        cases.len(),
        targets.len(),
        exchanges.len(),
        socket_targets.len(),
        differences.len()
    );
    assert!(
        uploads >= 16,
        "at least 8 multipart/file fixtures, each twice: {uploads}"
    );
    assert!(
        cases.len() >= 40,
        "at least 40 requests, got {}",
        cases.len()
    );
    assert!(
        differences.is_empty(),
        "differences:\n{}",
        differences.join("\n")
    );
}

/// The session programs (tests/session_fixtures, pointed at the local httpbin) run with Python:
/// each response printed must be httpbin's echo of that member as the model sends it, the
/// session's headers included.
#[test]
#[ignore = "needs the local httpbin and Python with requests and httpx: run by `make test`"]
fn every_session_program_sends_what_the_model_says() {
    let (httpbin, work) = httpbin_and_work_dir();
    let mut runs = 0;
    let mut differences = Vec::new();
    for (name, session) in session_cases(&httpbin) {
        for target in Target::SESSION {
            let file = work.join(format!("session-{name}-{}.py", target.id()));
            std::fs::write(&file, python_session(&session, target).unwrap()).unwrap();
            runs += 1;
            let stdout = match run(Command::new(root().join(".venv/bin/python")).arg(&file)) {
                Ok(stdout) => stdout,
                Err(error) => {
                    differences.push(format!("{} / {name}: did not run: {error}", target.id()));
                    continue;
                }
            };
            let echoes: Vec<Value> = serde_json::Deserializer::from_str(&stdout)
                .into_iter::<Value>()
                .map_while(Result::ok)
                .collect();
            let requests = session.effective_requests();
            if echoes.len() != requests.len() {
                differences.push(format!(
                    "{} / {name}: {} responses printed, {} requests",
                    target.id(),
                    echoes.len(),
                    requests.len()
                ));
                continue;
            }
            for (i, (request, echo)) in requests.iter().zip(&echoes).enumerate() {
                for problem in compare(target, request, &echo.to_string()) {
                    differences.push(format!("{} / {name} #{}: {problem}", target.id(), i + 1));
                }
            }
        }
    }
    println!(
        "{runs} session programs executed, {} differences",
        differences.len()
    );
    assert!(runs >= 9, "at least 3 sessions x 3 targets, got {runs}");
    assert!(
        differences.is_empty(),
        "differences:\n{}",
        differences.join("\n")
    );
}

/// The concurrent program really overlaps its requests: three /delay/1 calls gathered end about
/// two seconds before the same three awaited one after another (which cannot take under 3 s).
#[test]
#[ignore = "needs the local httpbin and Python with httpx: run by `make test`"]
fn the_gathered_program_overlaps_its_requests() {
    let (httpbin, work) = httpbin_and_work_dir();
    let delayed = |i: usize| Request {
        url: format!("{httpbin}/delay/1"),
        params: vec![KeyValue::new("n", i.to_string())],
        ..Request::default()
    };
    let mut session = Session {
        requests: (1..=3).map(delayed).collect(),
        ..Session::default()
    };
    let mut elapsed = Vec::new();
    for concurrent in [false, true] {
        session.concurrent = concurrent;
        let file = work.join(format!("session-delay-{concurrent}.py"));
        std::fs::write(
            &file,
            python_session(&session, Target::PythonHttpxAsync).unwrap(),
        )
        .unwrap();
        let started = std::time::Instant::now();
        run(Command::new(root().join(".venv/bin/python")).arg(&file)).unwrap();
        elapsed.push(started.elapsed().as_secs_f64());
    }
    let (sequential, gathered) = (elapsed[0], elapsed[1]);
    println!("three /delay/1: awaited one by one {sequential:.2} s, gathered {gathered:.2} s");
    assert!(
        sequential >= 3.0,
        "one after another took {sequential:.2} s"
    );
    assert!(
        gathered + 1.0 < sequential,
        "gathered {gathered:.2} s is not clearly faster than one by one {sequential:.2} s"
    );
}

#[test]
#[ignore = "needs the local httpbin and Python with requests and httpx: run by `make test`"]
fn the_python_targets_write_a_binary_answer_as_bytes() {
    let (httpbin, work) = httpbin_and_work_dir();
    let request = Request {
        url: format!("{httpbin}/image/png"),
        ..Request::default()
    };
    // What httpbin sends, read by another client.
    let png = Command::new("curl")
        .args(["-sS", "--fail", &request.url])
        .output()
        .unwrap()
        .stdout;
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "curl got {} bytes",
        png.len()
    );
    for target in [
        Target::PythonRequests,
        Target::PythonHttpx,
        Target::PythonHttpxAsync,
    ] {
        let mut written = Vec::new();
        for output in [BodyOutput::Text, BodyOutput::Bytes] {
            let file = work.join(format!("binary-{}-{output:?}.py", target.id()));
            std::fs::write(&file, target.generate_output(&request, output)).unwrap();
            let run = Command::new(root().join(".venv/bin/python"))
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            written.push(run.stdout);
        }
        assert_ne!(written[0], png, "{target:?}: text mangles the image");
        assert_eq!(written[1], png, "{target:?}: bytes are the image");
    }
}

/// The session fixtures, every member pointed at `{httpbin}/anything`.
fn session_cases(httpbin: &str) -> Vec<(String, Session)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/session_fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let json = std::fs::read_to_string(dir.join("session.json")).unwrap();
            let mut session = Session::from_json(&json).unwrap();
            for request in &mut session.requests {
                request.url = local_anything(&request.url, httpbin);
            }
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            (name, session)
        })
        .collect()
}

/// The local httpbin (HTTPBIN_URL) and the folder the generated programs are written to.
fn httpbin_and_work_dir() -> (String, PathBuf) {
    let httpbin =
        std::env::var("HTTPBIN_URL").expect("HTTPBIN_URL must point at the local httpbin");
    let work = root().join("target/codegen-exec");
    std::fs::create_dir_all(&work).unwrap();
    (httpbin, work)
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The golden fixtures and the corpus, all pointed at `{httpbin}/anything`. Left out: the
/// invalid fixture (nothing to run), HEAD and OPTIONS (httpbin answers them with no body to
/// compare) and a custom method (httpbin's CORS preflight refuses it, so the browser target
/// cannot run it).
fn cases(httpbin: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let json = std::fs::read_to_string(dir.join("request.json")).unwrap();
        let mut request = Request::from_json(&json).unwrap();
        if request.prepare().is_err()
            || ["HEAD", "OPTIONS", "PURGE"].contains(&request.effective_method().as_str())
        {
            continue;
        }
        request.url = local_anything(&request.url, httpbin);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        // Each fixture twice: as generated, and with its values as named constants.
        cases.push(Case {
            name: format!("{name}_constants"),
            constants: corpus::value_constants(&request),
            request: request.clone(),
            output: BodyOutput::Text,
            streamed: None,
        });
        cases.push(Case {
            name,
            request,
            constants: Vec::new(),
            output: BodyOutput::Text,
            streamed: None,
        });
    }
    for i in 0..24 {
        let request = corpus::corpus_request(i, &format!("{httpbin}/anything/corpus"));
        request
            .prepare()
            .unwrap_or_else(|e| panic!("corpus case {i} is invalid: {e:?}"));
        cases.push(Case {
            name: format!("corpus_{i}"),
            request,
            constants: Vec::new(),
            output: BodyOutput::Text,
            streamed: None,
        });
    }
    cases
}

/// The companion server (SERVER_BIN, else target/debug's), on a free loopback port for the
/// streams; stopped when dropped.
struct Companion {
    base: String,
    child: std::process::Child,
}

impl Companion {
    fn start() -> Companion {
        let binary = std::env::var("SERVER_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root().join("target/debug/http-playground-server"));
        assert!(
            binary.exists(),
            "{} is missing: `cargo build -p http-playground-server` (make test builds it)",
            binary.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(&binary)
            .args(["--port", &port.to_string(), "--dist", "/nonexistent"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        // Ready when it answers: curl retries until the port accepts connections.
        let ready = Command::new("curl")
            .args([
                "-sS",
                "--fail",
                "--retry",
                "50",
                "--retry-connrefused",
                "--retry-delay",
                "0",
            ])
            .arg(format!("{base}/echo/get"))
            .output()
            .unwrap();
        assert!(
            ready.status.success(),
            "the companion server did not answer"
        );
        Companion { base, child }
    }
}

impl Drop for Companion {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Streams of the companion server, each read as it arrives: Server-Sent Events over GET (the
/// gloo-net target uses an EventSource), over GET with a header and over a model-style POST (a
/// fetch stream), JSON Lines over GET and POST, and a stream that outlasts its request's
/// timeout. Each case holds what curl received for the same request, written here by hand, not
/// by the curl target.
fn stream_cases(base: &str) -> Vec<Case> {
    type StreamCase = (
        &'static str,
        &'static str,
        &'static str,
        Option<(&'static str, &'static str)>,
        Option<&'static str>,
        BodyOutput,
    );
    let list: [StreamCase; 6] = [
        (
            "sse_get",
            "GET",
            "/echo/sse?count=4&interval=50",
            None,
            None,
            BodyOutput::Events,
        ),
        (
            "sse_get_header",
            "GET",
            "/echo/sse?count=3&interval=20",
            Some(("Accept", "text/event-stream")),
            None,
            BodyOutput::Events,
        ),
        (
            "sse_post_prompt",
            "POST",
            "/echo/sse?interval=50",
            None,
            Some(r#"{"prompt": "Streams arrive a word at a time"}"#),
            BodyOutput::Events,
        ),
        // 2.4 s of events under a 1.5 s timeout: the timeout covers the wait for the head, so a
        // program that timed the whole exchange would print only part of it.
        (
            "sse_outlives_timeout",
            "GET",
            "/echo/sse?count=4&interval=800",
            None,
            None,
            BodyOutput::Events,
        ),
        (
            "ndjson_get",
            "GET",
            "/echo/ndjson?count=4&interval=50",
            None,
            None,
            BodyOutput::Lines,
        ),
        (
            "ndjson_post",
            "POST",
            "/echo/ndjson?count=3&interval=20",
            None,
            Some(r#"{"a": 1}"#),
            BodyOutput::Lines,
        ),
    ];
    list.iter()
        .map(|&(name, method, path, header, json, output)| {
            let url = format!("{base}{path}");
            let mut curl = Command::new("curl");
            curl.args(["-sS", "--fail", "-X", method]);
            let mut request = Request {
                method: method.to_owned(),
                url: url.clone(),
                ..Request::default()
            };
            if name == "sse_outlives_timeout" {
                request.timeout_ms = 1500;
            }
            if let Some((name, value)) = header {
                curl.args(["-H", &format!("{name}: {value}")]);
                request.headers.push(KeyValue {
                    name: name.to_owned(),
                    value: value.to_owned(),
                    enabled: true,
                });
            }
            if let Some(json) = json {
                curl.args(["-H", "Content-Type: application/json", "--data-raw", json]);
                request.body = Body::Json {
                    text: json.to_owned(),
                };
            }
            let sent = curl.arg(&url).output().unwrap();
            assert!(sent.status.success(), "curl could not read {url}");
            Case {
                name: name.to_owned(),
                request,
                constants: Vec::new(),
                output,
                streamed: Some(sent.stdout),
            }
        })
        .collect()
}

/// A WebSocket exchange with the companion server's echo: what the program sends, and what it
/// must print for the message to have come back unchanged, written here by hand (text as it
/// is, binary as lower-case hex).
struct Exchange {
    name: &'static str,
    setup: SocketSetup,
    printed: &'static str,
}

/// The exchanges, with `{base}/echo/ws` as a ws:// URL: the echo sends every message back as
/// it came, and chooses the first subprotocol offered (each client library fails a handshake
/// whose chosen subprotocol is not one it offered).
fn socket_cases(base: &str) -> Vec<Exchange> {
    let url = format!("{}/echo/ws", base.replacen("http://", "ws://", 1));
    let setup = |protocols: &[&str], message: Outgoing| SocketSetup {
        url: url.clone(),
        protocols: protocols.iter().map(|p| p.to_string()).collect(),
        message,
    };
    vec![
        Exchange {
            name: "socket_text",
            setup: setup(&[], Outgoing::Text("Hello, echo!".to_owned())),
            printed: "Hello, echo!",
        },
        Exchange {
            name: "socket_json_protocols",
            setup: setup(
                &["chat", "json"],
                Outgoing::Text(r#"{"type": "greeting", "n": 1}"#.to_owned()),
            ),
            printed: r#"{"type": "greeting", "n": 1}"#,
        },
        Exchange {
            name: "socket_binary",
            setup: setup(&[], Outgoing::Binary(vec![0, 1, 127, 128, 255])),
            printed: "00017f80ff",
        },
        Exchange {
            name: "socket_text_escaping",
            setup: setup(
                &["v1.echo"],
                Outgoing::Text(
                    "She said \"hi\" & 'bye' \\ C:\\temp\nZoë 😀 \u{202e} end".to_owned(),
                ),
            ),
            printed: "She said \"hi\" & 'bye' \\ C:\\temp\nZoë 😀 \u{202e} end",
        },
    ]
}

/// Runs the socket target's program for every exchange; each result is what it printed (the
/// gloo-net function's reply with a line break, as the others print it).
fn run_socket_target(
    target: Target,
    exchanges: &[Exchange],
    work: &Path,
) -> Vec<Result<String, String>> {
    let codes = exchanges.iter().map(|e| socket_code(target, &e.setup));
    match target {
        Target::RustGlooNet => {
            let programs: Vec<(String, String)> = codes
                .enumerate()
                .map(|(i, code)| {
                    let call = format!("        report({i}, super::case_{i}::send_message().await.map(|reply| reply + \"\\n\"));\n");
                    (code, call)
                })
                .collect();
            run_gloo_programs(&programs)
        }
        _ => {
            let programs: Vec<(String, PathBuf)> =
                codes.map(|code| (code, work.to_path_buf())).collect();
            match target {
                Target::RustTungstenite => run_rust_programs(&programs),
                Target::PythonWebsockets => run_scripts(target, "py", &[python()], &programs, work),
                // Node 20 has WebSocket behind this flag; from Node 22 it is on by default, and
                // the flag, a boolean option, is still accepted.
                Target::JavascriptWebSocket => {
                    let node = ["node".to_owned(), "--experimental-websocket".to_owned()];
                    run_scripts(target, "mjs", &node, &programs, work)
                }
                _ => unreachable!("{target:?} has no WebSocket program"),
            }
        }
    }
}

/// What a stream's program printed against what the server sent: curl `-N` writes the body as
/// it is; the others print each `data:` line's value of Server-Sent Events (the gloo-net
/// `EventSource` only the events without an `event:` name, the ones it subscribes to), or each
/// line of JSON Lines.
fn compare_stream(target: Target, case: &Case, sent: &[u8], stdout: &str) -> Vec<String> {
    let sent = String::from_utf8_lossy(sent);
    let event_source = target == Target::RustGlooNet
        && case.request.method == "GET"
        && case.request.headers.is_empty();
    let want: String = match case.output {
        _ if target == Target::Curl => sent.into_owned(),
        BodyOutput::Events if event_source => sent
            .split("\n\n")
            .filter(|block| block.lines().any(|l| l.starts_with("data:")))
            .filter(|block| !block.lines().any(|l| l.starts_with("event:")))
            .map(|block| {
                let data: Vec<&str> = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data:"))
                    .map(|d| d.strip_prefix(' ').unwrap_or(d))
                    .collect();
                format!("{}\n", data.join("\n"))
            })
            .collect(),
        BodyOutput::Events => sent
            .lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .map(|d| format!("{}\n", d.strip_prefix(' ').unwrap_or(d)))
            .collect(),
        _ => sent
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}\n"))
            .collect(),
    };
    let lines = want.lines().count();
    if lines < 3 {
        return vec![format!("the server sent too little to compare: {want:?}")];
    }
    if stdout == want {
        Vec::new()
    } else {
        vec![format!(
            "printed {stdout:?}, the server sent {want:?} ({lines} lines)"
        )]
    }
}

/// `https://host/path?query` -> `{httpbin}/anything/path?query`.
fn local_anything(url: &str, httpbin: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.strip_prefix("/anything").unwrap_or(path);
    format!("{httpbin}/anything{path}")
}

/// Runs the target's snippet for every case; each result is the program's stdout.
fn run_target(target: &Target, cases: &[Case], work: &Path) -> Vec<Result<String, String>> {
    match target {
        Target::RustReqwest | Target::RustReqwestBlocking => run_reqwest(*target, cases, work),
        Target::RustGlooNet => run_gloo(cases),
        _ => {
            let (extension, interpreter): (&str, Vec<String>) = match target {
                Target::PythonRequests | Target::PythonHttpx | Target::PythonHttpxAsync => {
                    ("py", vec![python()])
                }
                Target::Curl => ("sh", vec!["bash".to_owned()]),
                Target::JavascriptFetch => ("mjs", vec!["node".to_owned()]),
                _ => unreachable!(),
            };
            let programs: Vec<(String, PathBuf)> = cases
                .iter()
                .enumerate()
                .map(|(i, case)| (case.code(*target), case_dir(work, i, &case.request)))
                .collect();
            run_scripts(*target, extension, &interpreter, &programs, work)
        }
    }
}

fn python() -> String {
    root().join(".venv/bin/python").display().to_string()
}

/// Writes each program to a file of `work` and runs it with `interpreter` (a command and its
/// options) in the directory that goes with it, four at a time.
fn run_scripts(
    target: Target,
    extension: &str,
    interpreter: &[String],
    programs: &[(String, PathBuf)],
    work: &Path,
) -> Vec<Result<String, String>> {
    let files: Vec<(PathBuf, &PathBuf)> = programs
        .iter()
        .enumerate()
        .map(|(i, (code, dir))| {
            let file = work.join(format!("{}-{i}.{extension}", target.id()));
            std::fs::write(&file, code).unwrap();
            (file, dir)
        })
        .collect();
    parallel_map(&files, |(file, dir)| {
        run(Command::new(&interpreter[0])
            .args(&interpreter[1..])
            .arg(file)
            .current_dir(dir))
    })
}

/// Runs `f` over `items` on four threads, keeping the order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(4).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

fn run(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "exit {:?}: {}{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// All reqwest snippets of this target become modules of one binary, built once and run per case.
fn run_reqwest(target: Target, cases: &[Case], work: &Path) -> Vec<Result<String, String>> {
    let programs: Vec<(String, PathBuf)> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| (case.code(target), case_dir(work, i, &case.request)))
        .collect();
    run_rust_programs(&programs)
}

/// Rust programs with a `main` (reqwest's, tokio-tungstenite's) become modules of one binary
/// of tests/exec-reqwest, built once and run per program in the directory that goes with it.
fn run_rust_programs(programs: &[(String, PathBuf)]) -> Vec<Result<String, String>> {
    let crate_dir = root().join("tests/exec-reqwest");
    let mut source =
        String::from("// Generated by tests/codegen_exec.rs.\n#![allow(clippy::all)]\n\n");
    for (i, (code, _)) in programs.iter().enumerate() {
        let snippet = code
            .replace("async fn main()", "pub async fn main()")
            .replace("\nfn main()", "\npub fn main()");
        source.push_str(&format!("mod case_{i} {{\n{snippet}}}\n\n"));
    }
    source.push_str("fn main() {\n    let case: usize = std::env::args().nth(1).unwrap().parse().unwrap();\n    let result = match case {\n");
    for i in 0..programs.len() {
        // Programs that read files fail with any error, the others with their library's.
        source.push_str(&format!(
            "        {i} => case_{i}::main().map_err(|e| format!(\"{{e:?}}\")),\n"
        ));
    }
    source.push_str("        _ => panic!(\"no such case\"),\n    };\n    if let Err(error) = result {\n        eprintln!(\"{error:?}\");\n        std::process::exit(1);\n    }\n}\n");
    write_if_changed(&crate_dir.join("src/main.rs"), &source);
    let target_dir = root().join("target/exec-reqwest");
    let build = Command::new("cargo")
        .args(["build", "--quiet", "--locked", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .status()
        .expect("cargo runs");
    assert!(build.success(), "the Rust programs did not compile");
    let binary = target_dir.join("debug/exec-reqwest");
    let indexes: Vec<usize> = (0..programs.len()).collect();
    parallel_map(&indexes, |&i| {
        run(Command::new(&binary)
            .arg(i.to_string())
            .current_dir(&programs[i].1))
    })
}

/// All gloo-net snippets become modules of one wasm test that runs them in headless chromium
/// and logs each response body; the bodies are read back from the runner's output.
fn run_gloo(cases: &[Case]) -> Vec<Result<String, String>> {
    let programs: Vec<(String, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            // Each file the program sends, as a Blob of the bytes written for the other targets.
            let dir = case_dir(&root().join("target/exec-gloo-files"), i, &case.request);
            let blobs: Vec<String> = upload_files(&case.request)
                .iter()
                .map(|file| format!("&blob(include_bytes!({:?}))", dir.join(&file.file_name)))
                .collect();
            let call = if case.output.streams() {
                // A stream's function hands on each line (or event's data) as it arrives.
                let mut args = blobs;
                args.push("|line| lines.push(line)".to_owned());
                format!(
                    "        {{\n            let mut lines: Vec<String> = Vec::new();\n            let result = super::case_{i}::send_request({}).await;\n            report({i}, result.map(|()| lines.iter().map(|l| format!(\"{{l}}\\n\")).collect()));\n        }}\n",
                    args.join(", ")
                )
            } else {
                format!(
                    "        report({i}, super::case_{i}::send_request({}).await);\n",
                    blobs.join(", ")
                )
            };
            (case.code(Target::RustGlooNet), call)
        })
        .collect();
    run_gloo_programs(&programs)
}

/// gloo-net programs become modules of one wasm test of tests/exec-gloo, run in headless
/// chromium. Each program is its module's code and the statements that run program `i` and
/// pass its `Result<String, impl Display>` to `report(i, …)`, which logs it; the results are
/// read back from the runner's output.
fn run_gloo_programs(programs: &[(String, String)]) -> Vec<Result<String, String>> {
    let crate_dir = root().join("tests/exec-gloo");
    let mut source = String::from(
        "// Generated by tests/codegen_exec.rs.\n#![allow(clippy::all, dead_code)]\n\n",
    );
    for (i, (code, _)) in programs.iter().enumerate() {
        source.push_str(&format!("mod case_{i} {{\n{code}}}\n\n"));
    }
    source.push_str("#[cfg(test)]\nmod run {\n    use wasm_bindgen_test::*;\n    wasm_bindgen_test_configure!(run_in_browser);\n\n    fn report<E: std::fmt::Display>(i: usize, result: Result<String, E>) {\n        let line = match result {\n            Ok(body) => format!(\"ECHO {i} {}\", String::from(js_sys::JSON::stringify(&body.into()).unwrap())),\n            Err(error) => format!(\"ECHO-ERROR {i} {error}\"),\n        };\n        web_sys::console::log_1(&line.into());\n    }\n\n    fn blob(bytes: &[u8]) -> web_sys::Blob {\n        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));\n        web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()\n    }\n\n    #[wasm_bindgen_test]\n    async fn run_all() {\n");
    for (_, call) in programs {
        source.push_str(call);
    }
    source.push_str("    }\n}\n");
    write_if_changed(&crate_dir.join("src/lib.rs"), &source);
    let output = Command::new("cargo")
        .args([
            "test",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "--manifest-path",
        ])
        .arg(crate_dir.join("Cargo.toml"))
        .args(["--", "--nocapture"])
        .env("CARGO_TARGET_DIR", root().join("target/exec-gloo"))
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .current_dir(root())
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "the gloo-net programs did not run:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (0..programs.len())
        .map(|i| {
            let ok = format!("ECHO {i} ");
            let err = format!("ECHO-ERROR {i} ");
            for line in stdout.lines().map(str::trim_start) {
                if let Some(json) = line.strip_prefix(&ok) {
                    return serde_json::from_str::<String>(json).map_err(|e| e.to_string());
                }
                if let Some(message) = line.strip_prefix(&err) {
                    return Err(message.to_owned());
                }
            }
            Err("no output for this case".to_owned())
        })
        .collect()
}

/// The files a request uploads, in order.
fn upload_files(request: &Request) -> Vec<FileRef> {
    match request.prepare().ok().and_then(|p| p.upload) {
        Some(Upload::File(file)) => vec![file],
        Some(Upload::Multipart(parts)) => parts
            .into_iter()
            .filter_map(|p| match p.value {
                PartValue::File { file, .. } => Some(file),
                PartValue::Text(_) => None,
            })
            .collect(),
        None => Vec::new(),
    }
}

/// A file's bytes: its inline contents, or for the fixture's large file (`*-5mb.bin`, not
/// committed) 5 MiB of a fixed pattern that is not UTF-8.
fn file_bytes(file: &FileRef) -> Vec<u8> {
    match &file.source {
        FileSource::Inline(bytes) => bytes.clone(),
        _ if file.file_name.ends_with("-5mb.bin") => (0..5 * 1024 * 1024u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect(),
        _ => panic!("fixture file {} has no contents", file.file_name),
    }
}

/// The working directory of case `i`, holding the files it uploads under their names.
fn case_dir(work: &Path, i: usize, request: &Request) -> PathBuf {
    let dir = work.join(format!("case-{i}"));
    std::fs::create_dir_all(&dir).unwrap();
    for file in upload_files(request) {
        let path = dir.join(&file.file_name);
        let bytes = file_bytes(&file);
        if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
            std::fs::write(path, bytes).unwrap();
        }
    }
    dir
}

/// httpbin's rendering of an uploaded file: its text when it is UTF-8, else a data URL with
/// the part's content type.
fn httpbin_file(bytes: &[u8], content_type: &str) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => Value::from(text),
        Err(_) => Value::from(format!(
            "data:{content_type};base64,{}",
            base64_encode(bytes)
        )),
    }
}

/// Keeps the file's timestamp when nothing changed, so cargo does not rebuild.
fn write_if_changed(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap();
    }
}

/// What differs between httpbin's echo and the model's wire form.
fn compare(target: Target, request: &Request, stdout: &str) -> Vec<String> {
    let prepared = request.prepare().unwrap();
    let echo: Value = match serde_json::from_str(stdout.trim()) {
        Ok(echo) => echo,
        Err(e) => return vec![format!("output is not httpbin's JSON ({e}): {stdout:.300}")],
    };
    let mut problems = Vec::new();
    let mut check = |what: &str, got: &Value, want: &Value| {
        if !same_json(got, want) {
            problems.push(format!("{what}: got {got}, want {want}"));
        }
    };
    check(
        "method",
        &echo["method"],
        &Value::from(prepared.method.clone()),
    );
    let echoed_url = echo["url"].as_str().unwrap_or_default();
    check(
        "path",
        &Value::from(decoded_path(echoed_url)),
        &Value::from(decoded_path(&prepared.url)),
    );
    check("args", &echo["args"], &multimap(&prepared.query));
    for (name, value) in &prepared.headers {
        if target == Target::RustGlooNet && is_browser_refused(name) {
            continue;
        }
        let got = echo["headers"]
            .as_object()
            .and_then(|h| h.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null);
        check(&format!("header {name}"), &got, &Value::from(value.clone()));
    }
    let body = prepared
        .body
        .as_deref()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let form_content = prepared
        .header("Content-Type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    match &prepared.upload {
        Some(Upload::Multipart(parts)) => {
            let mut form = Vec::new();
            let mut files = Map::new();
            for part in parts {
                match &part.value {
                    PartValue::Text(text) => form.push((part.name.clone(), text.clone())),
                    // httpbin reports the first file of a name only (werkzeug's items()).
                    PartValue::File { file, content_type } => {
                        if !files.contains_key(&part.name) {
                            files.insert(
                                part.name.clone(),
                                httpbin_file(&file_bytes(file), content_type),
                            );
                        }
                    }
                }
            }
            check("multipart form", &echo["form"], &multimap(&form));
            check("multipart files", &echo["files"], &Value::Object(files));
            let content_type = echo["headers"]["Content-Type"].as_str().unwrap_or_default();
            if !content_type.starts_with("multipart/form-data; boundary=") {
                problems.push(format!(
                    "Content-Type {content_type:?} is not multipart with a boundary"
                ));
            }
            return problems;
        }
        Some(Upload::File(file)) => {
            // httpbin writes a raw body that is not UTF-8 as an octet-stream data URL.
            check(
                "file body",
                &echo["data"],
                &httpbin_file(&file_bytes(file), "application/octet-stream"),
            );
            return problems;
        }
        None => {}
    }
    match &request.body {
        Body::Json { text } if serde_json::from_str::<Value>(text).is_ok() => {
            check(
                "json body",
                &echo["json"],
                &serde_json::from_str(text).unwrap(),
            );
        }
        _ if form_content => check(
            "form body",
            &echo["form"],
            &multimap(&parse_urlencoded(&body)),
        ),
        _ => check("body", &echo["data"], &Value::from(body)),
    }
    problems
}

/// The URL's path, percent-decoded, so that encodings of the same bytes compare equal.
fn decoded_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split('?').next().unwrap_or_default();
    // decode_component would turn '+' into a space, which a path does not mean.
    decode_component(&path.replace('+', "%2B"))
}

/// Pairs as httpbin reports them: a name maps to its value, or to a list when it repeats.
fn multimap(pairs: &[(String, String)]) -> Value {
    let mut map = Map::new();
    for (name, value) in pairs {
        match map.get_mut(name) {
            None => {
                map.insert(name.clone(), Value::from(value.clone()));
            }
            Some(Value::Array(values)) => values.push(Value::from(value.clone())),
            Some(first) => *first = Value::Array(vec![first.clone(), Value::from(value.clone())]),
        }
    }
    Value::Object(map)
}

/// JSON equality where numbers compare by value (`1.50` = `1.5`, `-0` = `0`).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_u64(), y.as_u64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Real-world curl commands (heredocs, here-strings, `--url-query`, `--range`, repeated
/// `--json` and `-d`, shell variables, options the playground does not import, several URLs),
/// pointed at the local httpbin: each is run by the curl binary as written, and the request the
/// importer makes of it is sent by the curl target's code; what httpbin echoes must agree
/// (method, query args, body as data, form and JSON, and every header the command sets).
#[test]
#[ignore = "needs the local httpbin and curl: run by `make test`"]
fn imported_curl_commands_send_what_the_curl_binary_sends() {
    use http_playground::import::import_curl;
    use http_playground::model::{resolve_variables, Variable};
    let (httpbin, work) = httpbin_and_work_dir();
    // `$H` is the local httpbin; TOKEN and PAGE are shell variables both sides define.
    let commands = [
        "curl $H/get",
        "curl '$H/get?a=1&b=two%20words'",
        "curl -G $H/get -d q=rust -d page=2",
        "curl $H/get --url-query 'q=a b' --url-query '+raw=a+b'",
        "curl '$H/get?x=1' --url-query page=2",
        "curl -r 0-99 $H/anything",
        "curl --range 100- $H/anything",
        "curl -X POST $H/post -H 'Content-Type: application/json' -d '{\"title\": \"Buy groceries\"}'",
        "curl $H/post --json '{\"a\":' --json '1}'",
        "curl $H/post -d a=1 -d b=2",
        "curl $H/post -d 'line one\nline two' -H 'Content-Type: text/plain'",
        "curl $H/post --data-urlencode 'q=a b&c' --data-urlencode plain",
        "curl $H/post --data-raw '@not-a-file'",
        "curl -d @- $H/post <<'EOF'\n{\"a\": 1,\n \"b\": 2}\nEOF",
        "curl --json @- $H/post <<'EOF'\n{\"x\": \"y\"}\nEOF",
        "curl --data-binary @- -H 'Content-Type: application/json' $H/post <<< '{\"a\": 1}'",
        "curl --data-binary @- -H 'Content-Type: text/plain' $H/post <<-END\n\tone\n\ttwo\n\tEND",
        "curl -H \"Authorization: Bearer $TOKEN\" $H/bearer",
        "curl \"$H/get?page=${PAGE}\" -H \"X-Token: $TOKEN\"",
        "curl -u ada:lovelace $H/basic-auth/ada/lovelace",
        "curl --user 'user:p@ss' $H/anything",
        "curl -A 'my-agent/1.0' -e https://example.org/ $H/headers",
        "curl -b 'session=abc; theme=dark' $H/cookies",
        "curl --cacert /etc/ssl/certs/ca-certificates.crt $H/get",
        "curl --trace-ascii /dev/null -s $H/get",
        // --compressed only changes what curl prints (a browser decompresses by itself).
        "curl -sSL --compressed --max-time 5 $H/anything",
        "curl --connect-timeout 3 --retry 2 --retry-delay 1 $H/get",
        "curl -X PUT $H/put -H 'Content-Type: text/csv' --data-binary $'a,b\\n1,2\\n'",
        "curl -X PATCH $H/patch -H 'Accept: application/json' -H 'X-Request-Id: 42' -d '{}' -H 'Content-Type: application/json'",
        "curl -X DELETE '$H/delete?id=7'",
        "curl -H 'X-Empty;' -H 'Accept:' $H/headers",
        "curl --oauth2-bearer abc.def $H/bearer",
        "curl -I $H/get -o /dev/null -w '%{http_code}' -X GET",
        "curl --url $H/anything/from-url-option",
        // Multipart and file bodies: the files are in the working directory of both runs.
        "curl -F 'name=report' -F 'note=quarterly; draft' $H/post",
        "curl -F 'file=@report.txt' $H/post",
        "curl -F 'file=@pixel.png;type=image/png' -F 'caption=A pixel' $H/post",
        "curl -F 'doc=@\"my file.txt\"' $H/post",
        "curl --form 'upload=@data.json;type=application/json;filename=renamed.json' $H/post",
        "curl -F tag=a -F tag=b -F 'files=@report.txt' -F 'files=@notes.md' $H/post",
        "curl --form-string 'raw=@not-a-file' --form-string 'semi=a;b' $H/post",
        "curl -F 'quoted=\"hello; world\"' -F ' spaced = padded  ' $H/post",
        "curl -H 'Content-Type: multipart/form-data' -F 'x=1' $H/post",
        "curl -X PUT -F 'meta=@data.json' -H \"Authorization: Bearer $TOKEN\" $H/put",
        "curl -F 'meta={\"a\":1};type=application/json' -F 'text=hello;filename=greeting.txt' $H/post",
        "curl --data-binary @pixel.png -H 'Content-Type: image/png' $H/post",
        "curl --data-binary @data.json $H/post",
        "curl --json @data.json $H/post",
        "curl -T report.txt $H/put",
    ];
    assert!(commands.len() >= 30);
    let files = work.join("import-files");
    std::fs::create_dir_all(&files).unwrap();
    let pixel = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\xff\xfe";
    for (name, contents) in [
        ("report.txt", &b"Q3 revenue: 42\nQ4 revenue: 57\n"[..]),
        ("notes.md", b"# Notes\n\n- one\n"),
        ("my file.txt", b"a file name with a space\n"),
        ("data.json", b"{\"title\": \"Report\",\n \"pages\": 3}\n"),
        ("renamed.json", b"{\"title\": \"Report\",\n \"pages\": 3}\n"),
        ("greeting.txt", b"hello"),
        ("pixel.png", pixel),
    ] {
        std::fs::write(files.join(name), contents).unwrap();
    }
    let environment = vec![Variable::new("TOKEN", "t0k3n"), Variable::new("PAGE", "3")];
    let mut problems = Vec::new();
    for (n, template) in commands.iter().enumerate() {
        let command = template.replace("$H", &httpbin);
        let run = |script: &str, name: &str| -> Result<Value, String> {
            let file = work.join(format!("import-{n}-{name}.sh"));
            std::fs::write(&file, script).unwrap();
            let out = Command::new("bash")
                .arg(&file)
                .current_dir(&files)
                .env("TOKEN", "t0k3n")
                .env("PAGE", "3")
                .output()
                .unwrap();
            serde_json::from_slice(&out.stdout).map_err(|e| {
                format!(
                    "{name}: {e}: {}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                )
            })
        };
        // The -I command's echo is empty (HEAD): run it as written, then compare the method.
        let imported = match import_curl(&command) {
            Ok(imported) => imported,
            Err(e) => {
                problems.push(format!("{command}: not imported: {e}"));
                continue;
            }
        };
        let request = match resolve_variables(&imported.request, &environment) {
            Ok(request) => request,
            Err(e) => {
                problems.push(format!("{command}: {e:?}"));
                continue;
            }
        };
        if request.effective_method() == "HEAD" {
            if !template.contains("-I") {
                problems.push(format!("{command}: imported as HEAD"));
            }
            continue;
        }
        let generated = Target::Curl.generate(&request);
        match (run(&command, "curl"), run(&generated, "imported")) {
            (Ok(sent), Ok(imported_sent)) => {
                for field in ["method", "args", "data", "form", "json", "files"] {
                    if sent.get(field).is_some() && sent.get(field) != imported_sent.get(field) {
                        problems.push(format!(
                            "{command}: {field}: curl sent {}, the import sent {}",
                            sent[field], imported_sent[field]
                        ));
                    }
                }
                let ignore = [
                    "host",
                    "user-agent",
                    "content-length",
                    "x-amzn-trace-id",
                    "accept-encoding",
                    // curl's own handshake before an upload (-T), not a header of the request.
                    "expect",
                ];
                if let (Some(Value::Object(a)), Some(Value::Object(b))) =
                    (sent.get("headers"), imported_sent.get("headers"))
                {
                    for (name, value) in a {
                        if ignore.contains(&name.to_ascii_lowercase().as_str()) {
                            continue;
                        }
                        // Each multipart sender makes up its own boundary.
                        let without_boundary = |v: Option<&Value>| {
                            v.and_then(Value::as_str)
                                .map(|t| t.split("; boundary=").next().unwrap_or(t).to_owned())
                        };
                        if without_boundary(b.get(name)) != without_boundary(Some(value)) {
                            problems.push(format!(
                                "{command}: header {name}: curl sent {value}, the import sent {:?}",
                                b.get(name)
                            ));
                        }
                    }
                }
            }
            (a, b) => problems.push(format!("{command}: {a:?} / {b:?}")),
        }
    }
    println!(
        "{} curl commands imported and sent; {} differences",
        commands.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
