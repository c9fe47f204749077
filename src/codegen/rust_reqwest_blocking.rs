//! Rust with reqwest's blocking client: no async runtime needed.

use super::rust_reqwest::reqwest_program;
use super::BodyOutput;
use crate::model::Request;

/// The request as a Rust program using `reqwest::blocking`.
pub fn rust_reqwest_blocking(request: &Request) -> String {
    reqwest_program(request, true, BodyOutput::Text)
}
