//! Whether generated programs parse in their language: Rust with syn, Python with `ast.parse`,
//! curl with `bash -n`, JavaScript by compiling it as an async function body in node. Shared by
//! the property test and the API description test.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use http_playground::codegen::{Language, Target};

/// Checks every snippet parses; panics naming the first that does not. Returns how many of
/// each language were checked: (rust, python, shell, javascript).
pub fn assert_all_parse(snippets: &[(Target, String)], name: &str) -> (usize, usize, usize, usize) {
    let mut rust = 0;
    for (target, code) in snippets {
        if target.language() == Language::Rust {
            if let Err(e) = syn::parse_file(code) {
                panic!("{}: {e}\n{code}", target.id());
            }
            rust += 1;
        }
    }
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut python = Vec::new();
    let mut shell = Vec::new();
    let mut javascript = Vec::new();
    for (i, (target, code)) in snippets.iter().enumerate() {
        let (list, extension) = match target.language() {
            Language::Python => (&mut python, "py"),
            Language::Shell => (&mut shell, "sh"),
            Language::JavaScript => (&mut javascript, "mjs"),
            Language::Rust => continue,
        };
        let file = dir.join(format!("{i}.{extension}"));
        std::fs::write(&file, code).unwrap();
        list.push(file.display().to_string());
    }
    // Many files per process, in chunks that stay under the argument list limit.
    for files in python.chunks(2000) {
        check(
            Command::new(python_program())
                .arg("-c")
                .arg("import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding='utf-8').read(), f)\n")
                .args(files),
            "python ast.parse",
        );
    }
    for files in shell.chunks(2000) {
        check(
            Command::new("bash")
                .arg("-c")
                .arg("for f in \"$@\"; do bash -n \"$f\" || exit 1; done")
                .arg("bash")
                .args(files),
            "bash -n",
        );
    }
    for files in javascript.chunks(2000) {
        check(
            Command::new("node").arg("-e").arg(JS_CHECK).args(files),
            "node syntax check",
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    (rust, python.len(), shell.len(), javascript.len())
}

/// Compiles each file as the body of an async function (snippets await at their top level); a
/// program that imports (a file to upload) is a module, checked by `node --check`.
const JS_CHECK: &str = r#"const fs = require('fs'); const { execFileSync } = require('child_process');
const AsyncFunction = (async () => {}).constructor;
for (const f of process.argv.slice(1)) {
  const code = fs.readFileSync(f, 'utf8');
  try {
    if (/^import\s/m.test(code)) execFileSync(process.execPath, ['--check', f], { stdio: 'pipe' });
    else new AsyncFunction('"use strict";\n' + code);
  } catch (e) { console.error(f + ': ' + (e.stderr ? e.stderr.toString() : e.message)); process.exit(1); }
}"#;

/// The project's Python (.venv), or the machine's.
pub fn python_program() -> String {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    if venv.exists() {
        venv.display().to_string()
    } else {
        "python3".to_owned()
    }
}

pub fn check(command: &mut Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what} could not run: {e}"));
    assert!(
        output.status.success(),
        "{what} rejected a snippet:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
