//! Golden tests of the WebSocket programs: tests/socket_fixtures/<case>/setup.json and one
//! expected file per socket target. setup.json holds what the socket panel holds: the URL, the
//! subprotocols, and the Message box with its format (`text`, `json`, `hex`, `base64`), read
//! by the model as the panel reads it. `UPDATE_GOLDEN=1 cargo test --test codegen_socket`
//! rewrites the expected files; review the diff before committing it.
#![cfg(not(target_arch = "wasm32"))]

mod golden;

use std::fs;
use std::path::Path;

use serde_json::Value;

use http_playground::codegen::{socket_code, SocketSetup, Target};
use http_playground::model::{outgoing, MessageFormat};

/// The setup a fixture describes.
fn setup(dir: &Path) -> SocketSetup {
    let text = fs::read_to_string(dir.join("setup.json")).expect("readable setup.json");
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let field = |name: &str| {
        json[name]
            .as_str()
            .unwrap_or_else(|| panic!("{}: {name} is not a string", dir.display()))
    };
    let format = MessageFormat::from_id(field("format"))
        .unwrap_or_else(|| panic!("{}: unknown format", dir.display()));
    SocketSetup {
        url: field("url").to_owned(),
        protocols: json["protocols"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: protocols is not a list", dir.display()))
            .iter()
            .map(|p| p.as_str().expect("a protocol is a string").to_owned())
            .collect(),
        message: outgoing(format, field("message"))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display())),
    }
}

#[test]
fn every_socket_target_matches_its_golden_file() {
    let dirs = golden::fixture_dirs("socket_fixtures", "setup.json");
    assert!(
        dirs.len() >= 5,
        "expected at least 5 fixtures, found {}",
        dirs.len()
    );
    let mut mismatches = Vec::new();
    for dir in &dirs {
        let setup = setup(dir);
        for target in Target::SOCKET {
            let path = dir.join(target.fixture_file());
            golden::check(&path, &socket_code(target, &setup), &mut mismatches);
        }
    }
    golden::assert_none(&mismatches);
}

/// The http-only targets have no WebSocket program: a one-line comment in their language says
/// where to look instead.
#[test]
fn an_http_target_says_it_has_no_socket_program() {
    let setup = SocketSetup {
        url: "ws://127.0.0.1:8080/echo/ws".to_owned(),
        protocols: Vec::new(),
        message: outgoing(MessageFormat::Text, "hi").unwrap(),
    };
    for target in Target::ALL
        .into_iter()
        .filter(|t| !Target::SOCKET.contains(t))
    {
        let code = socket_code(target, &setup);
        assert!(
            code.starts_with(target.language().comment_prefix()) && code.lines().count() == 1,
            "{target:?}: {code}"
        );
    }
}
