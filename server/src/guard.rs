//! Limits shared by every client, so that no page (any website can make a visitor's browser
//! call the echo API) can exhaust the server: a cap on requests in flight across all clients,
//! a budget of body bytes held in memory at once (echo and proxy together), and a response
//! body that keeps both held until it is written.

use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Largest frame handed to hyper at once: hyper asks for the next one only when it has written
/// most of the last, so whatever the body holds stays held while a slow client reads.
const FRAME: usize = 64 * 1024;

/// Bytes of request and response bodies held at once, across all clients.
#[derive(Clone, Debug)]
pub struct Budget {
    semaphore: Arc<Semaphore>,
    total: usize,
}

impl Budget {
    pub fn new(total: usize) -> Budget {
        let total = total.min(Semaphore::MAX_PERMITS);
        Budget {
            semaphore: Arc::new(Semaphore::new(total)),
            total,
        }
    }

    /// The whole budget, in bytes.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Bytes not held by anyone now.
    pub fn available(&self) -> usize {
        self.semaphore.available_permits()
    }

    /// Nothing held yet; grow it as bytes arrive.
    pub fn empty(&self) -> Held {
        Held {
            budget: self.clone(),
            permit: None,
            bytes: 0,
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(crate::DEFAULT_MAX_BUFFERED)
    }
}

/// Bytes held from a [`Budget`]; given back when dropped.
#[derive(Debug)]
pub struct Held {
    budget: Budget,
    permit: Option<OwnedSemaphorePermit>,
    bytes: usize,
}

impl Held {
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Holds `more` bytes besides; false (and nothing changed) when the budget has not enough.
    pub fn grow(&mut self, more: usize) -> bool {
        if more == 0 {
            return true;
        }
        let Ok(n) = u32::try_from(more) else {
            return false;
        };
        match self.budget.semaphore.clone().try_acquire_many_owned(n) {
            Ok(permit) => {
                match &mut self.permit {
                    Some(held) => held.merge(permit),
                    None => self.permit = Some(permit),
                }
                self.bytes += more;
                true
            }
            Err(_) => false,
        }
    }

    /// Holds at least `bytes` in all, in steps of at least `step` (but never more than `cap`).
    pub fn ensure(&mut self, bytes: usize, step: usize, cap: usize) -> bool {
        if bytes <= self.bytes {
            return true;
        }
        let target = bytes.max(self.bytes + step).min(cap.max(bytes));
        self.grow(target - self.bytes)
    }
}

/// Why a body could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Longer than the limit given.
    TooLarge,
    /// The server holds its whole budget of body bytes now.
    Busy,
    /// The client went away or sent a broken body.
    Broken(String),
}

/// Reads a whole body of at most `max` bytes, holding its bytes from `budget` as they arrive
/// (a client that announces 15 MB and sends nothing holds nothing).
pub async fn read_body(
    body: Body,
    max: usize,
    budget: &Budget,
) -> Result<(Bytes, Held), ReadError> {
    use http_body::Body as _;
    let mut body = body;
    let mut held = budget.empty();
    let announced = body.size_hint().exact().map(|n| n as usize);
    if announced.is_some_and(|n| n > max) {
        return Err(ReadError::TooLarge);
    }
    // Reserved address space only: pages count once written.
    let mut buffer: Vec<u8> = Vec::with_capacity(announced.unwrap_or(0));
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|e| ReadError::Broken(e.to_string()))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let need = buffer.len() + data.len();
        if need > max {
            return Err(ReadError::TooLarge);
        }
        if !held.ensure(need, 1 << 20, max) {
            return Err(ReadError::Busy);
        }
        buffer.extend_from_slice(&data);
    }
    Ok((Bytes::from(buffer), held))
}

/// 503 with `Retry-After`, for when the server is at one of its limits.
pub fn busy(message: &str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::RETRY_AFTER, HeaderValue::from_static("1")),
        ],
        format!("{message}\n"),
    )
        .into_response()
}

/// Anything kept alive until a response body has been handed over whole (a permit, bytes held).
pub type Keep = Box<dyn Send + Sync + 'static>;

/// A response body that keeps `keep` alive until it ends, handed to hyper in frames of at most
/// 64 KiB so that it ends only when nearly all of it has been written to the client.
pub struct Guarded {
    inner: Body,
    pending: Bytes,
    _keep: Vec<Keep>,
}

impl Guarded {
    pub fn wrap(response: Response, keep: Vec<Keep>) -> Response {
        let (parts, body) = response.into_parts();
        let body = Body::new(Guarded {
            inner: body,
            pending: Bytes::new(),
            _keep: keep,
        });
        Response::from_parts(parts, body)
    }
}

impl http_body::Body for Guarded {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        if !this.pending.is_empty() {
            let n = this.pending.len().min(FRAME);
            return Poll::Ready(Some(Ok(Frame::data(this.pending.split_to(n)))));
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                Ok(mut data) if data.len() > FRAME => {
                    this.pending = data.split_off(FRAME);
                    Poll::Ready(Some(Ok(Frame::data(data))))
                }
                Ok(data) => Poll::Ready(Some(Ok(Frame::data(data)))),
                Err(frame) => Poll::Ready(Some(Ok(frame))),
            },
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.pending.is_empty() && self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let inner = self.inner.size_hint();
        let pending = self.pending.len() as u64;
        let mut hint = SizeHint::new();
        hint.set_lower(inner.lower() + pending);
        if let Some(upper) = inner.upper() {
            hint.set_upper(upper + pending);
        }
        hint
    }
}
