//! Golden tests in the curlconverter style: tests/fixtures/<case>/request.json and one expected
//! file per target. `UPDATE_GOLDEN=1 cargo test --test codegen_golden` rewrites the expected
//! files; review the diff before committing it. A fixture's `output` file (`events`, `lines`)
//! asks for the programs that read a stream as it arrives.
#![cfg(not(target_arch = "wasm32"))]

mod golden;

use std::fs;

use http_playground::codegen::{BodyOutput, Target};
use http_playground::model::Request;

#[test]
fn every_target_matches_its_golden_file() {
    let dirs = golden::fixture_dirs("fixtures", "request.json");
    assert!(
        dirs.len() >= 5,
        "expected at least 5 fixtures, found {}",
        dirs.len()
    );
    let mut mismatches = Vec::new();
    for dir in &dirs {
        let json = fs::read_to_string(dir.join("request.json")).expect("readable request.json");
        let request =
            Request::from_json(&json).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        // `output` names a stream the programs read as it arrives: `events` or `lines`.
        let output = match fs::read_to_string(dir.join("output"))
            .ok()
            .as_deref()
            .map(str::trim)
        {
            None => BodyOutput::Text,
            Some("events") => BodyOutput::Events,
            Some("lines") => BodyOutput::Lines,
            Some(other) => panic!("{}: unknown output {other:?}", dir.display()),
        };
        for target in Target::ALL {
            let path = dir.join(target.fixture_file());
            golden::check(
                &path,
                &target.generate_output(&request, output),
                &mut mismatches,
            );
        }
    }
    golden::assert_none(&mismatches);
}
