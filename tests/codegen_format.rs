//! Every golden snippet is already formatted as its language's formatter leaves it: rustfmt for
//! Rust, black for Python, prettier for JavaScript; and every curl command parses in bash. The
//! session programs (tests/session_fixtures) and the WebSocket programs (tests/socket_fixtures)
//! too.
//! The formatters are installed by `make test` (black in .venv, prettier in node_modules).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_files(extension: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let fixtures = std::fs::read_dir(root().join("tests/fixtures")).unwrap();
    let sessions = std::fs::read_dir(root().join("tests/session_fixtures")).unwrap();
    let sockets = std::fs::read_dir(root().join("tests/socket_fixtures")).unwrap();
    for entry in fixtures.chain(sessions).chain(sockets) {
        let dir = entry.unwrap().path();
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == extension) {
                files.push(file);
            }
        }
    }
    files.sort();
    assert!(
        files.len() >= 25,
        "expected at least 25 .{extension} goldens, found {}",
        files.len()
    );
    files
}

fn tool(relative: &str, fallback: &str) -> PathBuf {
    let local = root().join(relative);
    if local.exists() {
        local
    } else {
        PathBuf::from(fallback)
    }
}

fn run(program: &Path, args: &[&str], files: &[PathBuf]) {
    let output = Command::new(program)
        .args(args)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}); run `make test` to install it",
                program.display()
            )
        });
    assert!(
        output.status.success(),
        "{} reports unformatted snippets:\n{}{}",
        program.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn rust_snippets_are_rustfmt_clean() {
    run(
        Path::new("rustfmt"),
        &["--edition", "2021", "--check"],
        &golden_files("rs"),
    );
}

#[test]
fn python_snippets_are_black_clean() {
    run(
        &tool(".venv/bin/black", "black"),
        &["--check", "--quiet"],
        &golden_files("py"),
    );
}

#[test]
fn javascript_snippets_are_prettier_clean() {
    run(
        &tool("node_modules/.bin/prettier", "prettier"),
        &["--check", "--log-level", "warn"],
        &golden_files("mjs"),
    );
}

#[test]
fn curl_snippets_parse_in_bash() {
    for file in golden_files("sh") {
        run(Path::new("bash"), &["-n"], &[file]);
    }
}
