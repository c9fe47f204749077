//! Golden files, shared by the golden tests: compare generated text with its expected file, or
//! rewrite the file when UPDATE_GOLDEN is set (review the diff before committing it).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The fixture folders of `tests/<folder>` that hold a `file` (a case each), sorted.
pub fn fixture_dirs(folder: &str, file: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.expect("readable fixture dir").path())
        .filter(|path| path.join(file).is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Whether this run rewrites the golden files instead of checking them.
pub fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// Checks `generated` against the file at `path` (or rewrites it), noting a mismatch.
pub fn check(path: &Path, generated: &str, mismatches: &mut Vec<String>) {
    if updating() {
        std::fs::write(path, generated).expect("writable fixture");
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == generated => {}
        Ok(expected) => mismatches.push(format!(
            "{}\n--- expected\n{expected}\n--- generated\n{generated}",
            path.display()
        )),
        Err(_) => mismatches.push(format!("{} is missing", path.display())),
    }
}

/// Fails with every mismatch, if there are any.
pub fn assert_none(mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "{} golden mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
