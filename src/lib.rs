//! HTTP Playground: build an HTTP request in the browser, send it, and see it as runnable code.
//!
//! `model`, `codegen`, `import`, `state` and `viewer` are pure Rust and build natively; `transport` and
//! `ui` are the browser side and exist only on wasm32.

pub mod codegen;
pub mod import;
pub mod model;
pub mod openapi;
pub mod state;
pub mod viewer;

#[cfg(target_arch = "wasm32")]
pub mod transport;
#[cfg(target_arch = "wasm32")]
pub mod ui;
