//! Python with httpx, synchronous: `httpx.Client(timeout=..)` and `raise_for_status()`.

use super::python_common::{httpx_program, Mode};
use super::BodyOutput;
use crate::model::Request;

/// The request as a Python script using a synchronous `httpx.Client`.
pub fn python_httpx(request: &Request) -> String {
    httpx_program(request, Mode::Sync, BodyOutput::Text)
}
