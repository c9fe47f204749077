//! The real binary, started on a free loopback port, and raw HTTP/1.1 to it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_http-playground-server");

pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().port()
}

/// Starts the binary on 127.0.0.1 with no app files and `args`, and waits until it listens.
/// Another test may have been given the same free port at the same moment; then one server
/// fails to bind, and this one is started again on another port.
pub fn start(args: &[&str]) -> Server {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let port = free_port();
        let port_text = port.to_string();
        let mut all = vec!["--port", &port_text, "--dist", "/nonexistent"];
        all.extend_from_slice(args);
        let child = Command::new(BIN)
            .args(&all)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut server = Server { child, port };
        loop {
            assert!(Instant::now() < deadline, "the server did not start");
            // Listening on the port itself, not just some process on that port.
            if server.listens() {
                return server;
            }
            if server.child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Inodes of the sockets in /proc/net/tcp whose local port is `local` and, if given, whose
/// remote port is `remote`, with state `state` (hex, `0A` for LISTEN) if given.
fn tcp_inodes(local: u16, remote: Option<u16>, state: Option<&str>) -> Vec<String> {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let port = |field: &str| {
        field
            .rsplit(':')
            .next()
            .and_then(|p| u16::from_str_radix(p, 16).ok())
    };
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let matches = port(fields[1]) == Some(local)
                && remote.is_none_or(|r| port(fields[2]) == Some(r))
                && state.is_none_or(|s| fields[3] == s);
            (matches && fields[9] != "0").then(|| fields[9].to_owned())
        })
        .collect()
}

/// Runs the binary with `--port <free port>` and `args` until it exits, and returns its exit
/// code and standard error. It is killed, and the test fails, as soon as it answers on its port
/// or if it is still running after 20 s: these runs must refuse to start.
pub fn exit_of(args: &[&str]) -> (i32, String) {
    let port = free_port();
    let mut child = Command::new(BIN)
        .args(["--port", &port.to_string()])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            return (status.code().unwrap_or(-1), stderr);
        }
        let listening = TcpStream::connect(("127.0.0.1", port)).is_ok();
        if listening || Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?}: started (listening: {listening}); it should have refused to");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Server {
    /// `Host: 127.0.0.1:<port>`, the name the server answers to.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends raw bytes and returns what came back before the server closed or 10 s passed.
    /// `Host: x` in the request stands for this server's own name.
    pub fn raw(&self, bytes: &[u8]) -> Vec<u8> {
        let bytes = with_host(bytes, &self.host());
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        // The server may answer and close before all of a huge request is written.
        let _ = stream.write_all(&bytes);
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        out
    }

    pub fn raw_text(&self, bytes: &[u8]) -> String {
        String::from_utf8_lossy(&self.raw(bytes)).into_owned()
    }

    /// A line of /proc/<pid>/status in kB: `VmRSS` (now) or `VmHWM` (the peak so far).
    pub fn memory_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    pub fn rss_kb(&self) -> u64 {
        self.memory_kb("VmRSS")
    }

    /// Whether the server still holds its end of `client`'s connection: the socket whose
    /// local port is the server's and remote port is `client`'s, among the server's open files
    /// (/proc/net/tcp gives its inode, /proc/<pid>/fd the sockets it holds).
    pub fn holds(&self, client: &TcpStream) -> bool {
        let theirs = client.local_addr().unwrap().port();
        self.owns_any(&tcp_inodes(self.port, Some(theirs), None))
    }

    /// Whether this process (not another one) listens on its port.
    pub fn listens(&self) -> bool {
        self.owns_any(&tcp_inodes(self.port, None, Some("0A")))
    }

    fn owns_any(&self, inodes: &[String]) -> bool {
        let wanted: Vec<String> = inodes.iter().map(|i| format!("socket:[{i}]")).collect();
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id()))
            .map(|fds| {
                fds.filter_map(Result::ok).any(|fd| {
                    std::fs::read_link(fd.path())
                        .is_ok_and(|l| wanted.iter().any(|w| *w == l.to_string_lossy()))
                })
            })
            .unwrap_or(false)
    }

    pub fn still_answers(&self) {
        let reply =
            self.raw_text(b"GET /echo/get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    }
}

/// `request` with `Host: x` replaced by `Host: <host>`.
pub fn with_host(request: &[u8], host: &str) -> Vec<u8> {
    let placeholder = b"\r\nHost: x\r\n";
    match request
        .windows(placeholder.len())
        .position(|w| w == placeholder)
    {
        Some(at) => {
            let mut out = request[..at].to_vec();
            out.extend_from_slice(format!("\r\nHost: {host}\r\n").as_bytes());
            out.extend_from_slice(&request[at + placeholder.len()..]);
            out
        }
        None => request.to_vec(),
    }
}

pub fn status_line(reply: &str) -> &str {
    reply.lines().next().unwrap_or("")
}
