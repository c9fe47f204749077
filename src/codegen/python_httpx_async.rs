//! Python with httpx, asynchronous: `httpx.AsyncClient` inside `asyncio.run`.

use super::python_common::{httpx_program, Mode};
use super::BodyOutput;
use crate::model::Request;

/// The request as a Python script using `httpx.AsyncClient` and `asyncio.run`.
pub fn python_httpx_async(request: &Request) -> String {
    httpx_program(request, Mode::Async, BodyOutput::Text)
}
