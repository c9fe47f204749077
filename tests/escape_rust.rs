//! The Rust escaper is checked by rustc itself: every literal is compiled into a program that
//! prints what it holds, and the output must be the original text.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use http_playground::codegen::rust_str;

const HARD_VALUES: &[&str] = &[
    "",
    "plain",
    "it's \"quoted\"",
    "back\\slash",
    "line\nbreak",
    "crlf\r\nline",
    "tab\there",
    "nul\0byte",
    "\"#raw-breaker\"##",
    "r#\"already raw\"#",
    "${x} $(x) {} {{}} `tick`",
    "'''triple'''",
    "%20 % + & = #",
    "emoji 😀 and ünïcödé",
    "right-to-left \u{202e}override\u{202c} and \u{200f}mark",
    "zero\u{200b}width and \u{feff}bom",
    "bell\u{7}and escape\u{1b}[0m",
    "line\u{2028}separator",
];

#[test]
fn every_literal_compiles_to_the_original_text() {
    let dir = std::env::temp_dir().join(format!("escape-rust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut program = String::from("fn main() {\n    let values: &[&str] = &[\n");
    for value in HARD_VALUES {
        program.push_str(&format!("        {},\n", rust_str(value)));
    }
    program.push_str(
        "    ];\n    for v in values {\n        let hex: Vec<String> = v.bytes().map(|b| format!(\"{b:02x}\")).collect();\n        println!(\"{}\", hex.join(\"\"));\n    }\n}\n",
    );
    let source = dir.join("main.rs");
    std::fs::write(&source, &program).unwrap();
    let binary = dir.join("escape-check");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let compiled = Command::new(rustc)
        .args(["--edition", "2021", "-o"])
        .arg(&binary)
        .arg(&source)
        .output()
        .expect("rustc runs");
    assert!(
        compiled.status.success(),
        "{}\n{program}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let output = Command::new(&binary)
        .output()
        .expect("compiled program runs");
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = HARD_VALUES
        .iter()
        .map(|v| {
            v.bytes()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    assert_eq!(lines, expected);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invisible_characters_are_spelled_as_escapes() {
    assert_eq!(rust_str("a\u{202e}b"), "\"a\\u{202e}b\"");
    assert_eq!(rust_str("x\u{200b}"), "\"x\\u{200b}\"");
    assert_eq!(rust_str("say \"hi\""), "r#\"say \"hi\"\"#");
    assert_eq!(rust_str("\"#"), "r##\"\"#\"##");
}
