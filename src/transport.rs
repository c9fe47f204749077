//! The only code that touches gloo-net, AbortController and timers.
//!
//! [`send`] takes the model's [`Prepared`] form, so what goes on the wire is what every code
//! snippet sends. Cancel and timeout abort the same AbortController; a flag set by our own timer
//! tells the two apart.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::model::{
    first_body_reservation, headers_to_send, FileRef, FileSource, HttpResponse, Outcome, PartValue,
    Request, Upload,
};
use crate::state::Mode;
pub use crate::state::Timed;
use crate::viewer::{live_stream_kind, StreamKind};

/// Lets the UI cancel the request in flight. Cheap to clone; all clones share one state.
#[derive(Clone, Default)]
pub struct Canceller {
    controller: Rc<RefCell<Option<AbortController>>>,
}

impl Canceller {
    /// Aborts the request in flight, if any. Its outcome becomes [`Outcome::Cancelled`].
    pub fn cancel(&self) {
        if let Some(controller) = self.controller.borrow_mut().take() {
            controller.abort();
        }
    }

    fn arm(&self, controller: AbortController) {
        if let Some(previous) = self.controller.borrow_mut().replace(controller) {
            previous.abort();
        }
    }

    fn disarm(&self) {
        self.controller.borrow_mut().take();
    }
}

/// Sends a session's requests (as [`crate::model::Session::effective_requests`] gives them)
/// all at once or one after another, each under its own timeout and with its own canceller
/// (`cancellers[i]` for `requests[i]`). One after another, a cancelled request ends the run: the
/// ones after it are not sent and count as cancelled.
pub async fn send_session(
    requests: Vec<Request>,
    mode: Mode,
    cancellers: Vec<Canceller>,
) -> Vec<Timed> {
    let origin = now_ms();
    let timed = move |request: Request, canceller: Canceller| async move {
        let start_ms = now_ms() - origin;
        let outcome = send(request, canceller).await;
        Timed {
            start_ms,
            end_ms: now_ms() - origin,
            outcome,
        }
    };
    let members = requests.into_iter().zip(cancellers);
    if mode == Mode::AllAtOnce {
        return futures::future::join_all(members.map(|(r, c)| timed(r, c))).await;
    }
    let mut results: Vec<Timed> = Vec::new();
    for (request, canceller) in members {
        let stopped = results
            .last()
            .is_some_and(|t| matches!(t.outcome, Outcome::Cancelled));
        results.push(if stopped {
            let at = now_ms() - origin;
            Timed {
                start_ms: at,
                end_ms: at,
                outcome: Outcome::Cancelled,
            }
        } else {
            timed(request, canceller).await
        });
    }
    results
}

/// Validates, sends and reads the whole response, under the request's timeout.
pub async fn send(request: Request, canceller: Canceller) -> Outcome {
    send_via(request, canceller, None).await
}

/// [`send`], through the companion server's proxy (`/proxy?url=<final URL>`) when `proxy` names
/// it: same method, headers and body; the outcome still names the target URL.
pub async fn send_via(request: Request, canceller: Canceller, proxy: Option<String>) -> Outcome {
    send_with_progress(request, canceller, proxy, &NoProgress).await
}

/// What the page learns while a response arrives.
pub trait Progress {
    /// The head arrived; `stream` when its Content-Type is one the viewer reads as it comes
    /// (Server-Sent Events, JSON Lines). Such a body is no longer under the request's timeout,
    /// which then covers only the wait for the head, and Stop keeps what arrived.
    fn head(&self, stream: Option<StreamKind>);
    /// `chunk` of the body arrived; `total` bytes so far.
    fn bytes(&self, chunk: &[u8], total: u64);
    /// Whether streams are read as such (no timeout after the head, Stop keeps them); a caller
    /// that only wants the whole answer (a session's run) says no, and a stream is then a body
    /// like any other.
    fn reads_streams(&self) -> bool {
        true
    }
}

/// Nothing to tell; streams are bodies like any other.
pub struct NoProgress;

impl Progress for NoProgress {
    fn head(&self, _: Option<StreamKind>) {}
    fn bytes(&self, _: &[u8], _: u64) {}
    fn reads_streams(&self) -> bool {
        false
    }
}

/// Why a stream's body ended before the server ended it, when the user stopped it.
pub const STOPPED: &str = "stopped with Stop";

/// [`send_via`], telling `progress` of the head and of each chunk of the body as they arrive.
pub async fn send_with_progress(
    request: Request,
    canceller: Canceller,
    proxy: Option<String>,
    progress: &impl Progress,
) -> Outcome {
    let prepared = match request.prepare() {
        Ok(prepared) => prepared,
        Err(errors) => return Outcome::Invalid(errors),
    };
    // A file restored by name (a link, history, a draft) must be chosen again first.
    let missing = request.missing_files();
    if !missing.is_empty() {
        return Outcome::Invalid(missing);
    }
    let controller = match AbortController::new() {
        Ok(controller) => controller,
        Err(_) => {
            return Outcome::NetworkFailure {
                url: prepared.url,
                detail: "this browser has no AbortController".to_owned(),
            }
        }
    };
    let timed_out = Rc::new(Cell::new(false));
    let timer = RefCell::new(Some({
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        let ms = u32::try_from(prepared.timeout_ms).unwrap_or(u32::MAX);
        Timeout::new(ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    }));
    canceller.arm(controller.clone());

    let started = now_ms();
    let head = |stream: Option<StreamKind>| {
        if stream.is_some_and(StreamKind::by_type) {
            // A stream may rightly last longer than the timeout: dropping the timer clears it.
            timer.borrow_mut().take();
        }
        progress.head(stream);
    };
    let result = fetch(&prepared, &controller, proxy.as_deref(), &head, progress).await;
    let elapsed_ms = now_ms() - started;
    drop(timer);
    canceller.disarm();

    match result {
        Ok(response) => Outcome::Response(HttpResponse {
            elapsed_ms,
            ..response
        }),
        Err(_) if timed_out.get() => Outcome::Timeout {
            timeout_ms: prepared.timeout_ms,
        },
        Err(_) if controller.signal().aborted() => Outcome::Cancelled,
        Err(detail) => Outcome::NetworkFailure {
            url: prepared.url,
            detail,
        },
    }
}

async fn fetch(
    prepared: &crate::model::Prepared,
    controller: &AbortController,
    proxy: Option<&str>,
    head: &impl Fn(Option<StreamKind>),
    progress: &impl Progress,
) -> Result<HttpResponse, String> {
    let method =
        Method::from_bytes(prepared.method.as_bytes()).map_err(|_| "invalid method".to_owned())?;
    let mut builder = match proxy {
        Some(proxy) => RequestBuilder::new(proxy).query([("url", prepared.url.as_str())]),
        None => RequestBuilder::new(&prepared.base_url)
            .query(prepared.query.iter().map(|(n, v)| (n.as_str(), v.as_str()))),
    }
    .method(method);
    for (name, value) in headers_to_send(&prepared.headers, proxy.is_some()) {
        builder = builder.header(&name, &value);
    }
    builder = builder.abort_signal(Some(&controller.signal()));
    let request = match (&prepared.body, &prepared.upload) {
        // Bytes, not a string: a string body would make the browser add its own Content-Type.
        (Some(bytes), _) => builder.body(js_sys::Uint8Array::from(bytes.as_slice())),
        // The browser writes Content-Type: multipart/form-data with its boundary.
        (None, Some(Upload::Multipart(parts))) => builder.body(form_data(parts)?),
        // The Content-Type is among the headers; the file's own type is not used.
        (None, Some(Upload::File(file))) => builder.body(file_blob(file, "")?),
        (None, None) => builder.build(),
    }
    .map_err(describe)?;
    let response = request.send().await.map_err(describe)?;
    let length = response
        .headers()
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok());
    let content_type = response.headers().get("content-type").unwrap_or_default();
    let stream = live_stream_kind(&content_type, length).filter(|_| progress.reads_streams());
    head(stream);
    // Only a stream by its type keeps what arrived when cut off; text is a body like any other.
    let stream = stream.filter(|k| k.by_type());
    let (body, stopped) = match read_body(response.body(), length, progress).await {
        Ok(body) => (body, None),
        // A stream keeps what arrived, whether Stop ended it (a timeout no longer applies to
        // it) or the connection or the tab's memory did.
        Err((body, _)) if stream.is_some() && controller.signal().aborted() => {
            (body, Some(STOPPED.to_owned()))
        }
        Err((body, error)) if stream.is_some() => (body, Some(error)),
        Err((_, error)) => return Err(error),
    };
    Ok(HttpResponse {
        status: response.status(),
        status_text: response.status_text(),
        headers: response.headers().entries().collect(),
        body: Arc::new(body),
        elapsed_ms: 0.0,
        ttfb_ms: time_to_first_byte(&response.url()),
        // Through the proxy, the URL that answered is the one it names.
        url: response
            .headers()
            .get("x-proxy-final-url")
            .unwrap_or_else(|| response.url()),
        redirected: response.redirected(),
        stopped,
    })
}

thread_local! {
    /// The files chosen or dropped in this page, by slot: the model names them, the browser
    /// holds their bytes, and only this module reads them (as it sends).
    static FILES: RefCell<Vec<web_sys::File>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a file the user chose or dropped and names it for the model: its name, and a slot
/// that only this page's store knows (links, history and drafts keep only the name).
pub fn keep_file(file: web_sys::File) -> FileRef {
    let file_name = file.name();
    // A File's size is a whole number of bytes in a double.
    let size = file.size().max(0.0) as u64;
    let slot = FILES.with(|files| {
        let mut files = files.borrow_mut();
        files.push(file);
        u32::try_from(files.len()).unwrap_or(u32::MAX)
    });
    FileRef {
        file_name,
        source: FileSource::Chosen { slot, size },
    }
}

/// The bytes of `file` as a Blob of type `content_type`: the kept File, or inline contents.
fn file_blob(file: &FileRef, content_type: &str) -> Result<web_sys::Blob, String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let parts = match &file.source {
        FileSource::Chosen { slot, .. } => {
            let kept = FILES.with(|files| {
                let index = usize::try_from(*slot).ok()?.checked_sub(1)?;
                files.borrow().get(index).cloned()
            });
            let kept = kept.ok_or_else(|| {
                format!(
                    "the file {} is no longer here; choose it again",
                    file.file_name
                )
            })?;
            js_sys::Array::of1(&kept)
        }
        FileSource::Inline(bytes) => {
            js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()))
        }
        FileSource::Missing => {
            return Err(format!("choose the file {} first", file.file_name));
        }
    };
    web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not read the file".to_owned())
}

/// The parts in order: text as the field's value, a file as a Blob of the part's content type
/// sent under its file name.
fn form_data(parts: &[crate::model::UploadPart]) -> Result<web_sys::FormData, String> {
    let failed = |_| "the browser could not build the form".to_owned();
    let form = web_sys::FormData::new().map_err(failed)?;
    for part in parts {
        match &part.value {
            PartValue::Text(text) => form.append_with_str(&part.name, text).map_err(failed)?,
            PartValue::File { file, content_type } => form
                .append_with_blob_and_filename(
                    &part.name,
                    &file_blob(file, content_type)?,
                    &file.file_name,
                )
                .map_err(failed)?,
        }
    }
    Ok(form)
}

/// Reads the body chunk by chunk as it arrives, reporting the bytes received so far. A body
/// that is compressed on the wire arrives decompressed; `length` (Content-Length) is then only
/// a hint for the first allocation.
/// The whole body, or why it could not be read and what had arrived until then.
async fn read_body(
    stream: Option<web_sys::ReadableStream>,
    length: Option<usize>,
    progress: &impl Progress,
) -> Result<Vec<u8>, (Vec<u8>, String)> {
    let Some(stream) = stream else {
        return Ok(Vec::new());
    };
    // The server's Content-Length is a claim, not bytes: reserve a bounded amount and let the
    // body grow as bytes really arrive.
    let mut body = Vec::with_capacity(first_body_reservation(length));
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    // Chunks already buffered are handed over in promise jobs of one task: the page gets a turn
    // (input, drawing) after every slice of this much reading.
    const SLICE_MS: f64 = 20.0;
    const PIECE: usize = 64 << 10;
    let mut slice_start = now_ms();
    loop {
        if now_ms() - slice_start > SLICE_MS {
            yield_to_page().await;
            slice_start = now_ms();
        }
        let asked = now_ms();
        let result = match JsFuture::from(reader.read()).await {
            Ok(result) => result,
            Err(e) => return Err((body, js_error_text(&e))),
        };
        // A read that waited for the network gave the page its turn meanwhile.
        if now_ms() - asked > 1.0 {
            slice_start = now_ms();
        }
        let done = js_sys::Reflect::get(&result, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(body);
        }
        let chunk: js_sys::Uint8Array = match js_sys::Reflect::get(&result, &"value".into()) {
            Ok(value) => value.unchecked_into(),
            Err(e) => return Err((body, js_error_text(&e))),
        };
        let start = body.len();
        let added = chunk.length() as usize;
        if body.try_reserve(added).is_err() {
            let why = format!(
                "the body outgrew this tab's memory after {} bytes",
                body.len()
            );
            return Err((body, why));
        }
        body.resize(start + added, 0);
        chunk.copy_to(&mut body[start..]);
        // A chunk can be megabytes when the network is faster than the page: it is told in
        // pieces, with a turn for the page between slices.
        let mut at = start;
        while at < body.len() {
            let end = (at + PIECE).min(body.len());
            progress.bytes(&body[at..end], end as u64);
            at = end;
            if at < body.len() && now_ms() - slice_start > SLICE_MS {
                yield_to_page().await;
                slice_start = now_ms();
            }
        }
    }
}

/// Lets the page run its other tasks before going on: `scheduler.yield()` where the browser has
/// it (Chromium), a zero timeout elsewhere.
async fn yield_to_page() {
    let global = js_sys::global();
    let promise = js_sys::Reflect::get(&global, &"scheduler".into())
        .ok()
        .filter(|s| s.is_object())
        .and_then(|scheduler| {
            let f: js_sys::Function = js_sys::Reflect::get(&scheduler, &"yield".into())
                .ok()?
                .dyn_into()
                .ok()?;
            f.call0(&scheduler).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
    match promise {
        Some(promise) => {
            let _ = JsFuture::from(promise).await;
        }
        None => gloo_timers::future::TimeoutFuture::new(0).await,
    }
}

/// Time to first byte from the browser's Resource Timing for `url`, when it exposes it (a
/// cross-origin server must send `Timing-Allow-Origin`, else the browser reports zeros).
fn time_to_first_byte(url: &str) -> Option<f64> {
    let performance = web_sys::window()?.performance()?;
    let entries = performance.get_entries_by_name_with_entry_type(url, "resource");
    let entry: web_sys::PerformanceResourceTiming = entries
        .get(entries.length().checked_sub(1)?)
        .dyn_into()
        .ok()?;
    let (request_start, response_start) = (entry.request_start(), entry.response_start());
    (request_start > 0.0 && response_start >= request_start)
        .then_some(response_start - request_start)
}

/// A thrown JavaScript value in words ("AbortError: …").
fn js_error_text(error: &wasm_bindgen::JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => "the body could not be read".to_owned(),
    }
}

/// The browser's own words for a failed fetch ("TypeError: Failed to fetch"). Matched by hand:
/// gloo's `Display` would also link in the text of serde_json's errors, which we never meet.
fn describe(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(text) => text,
        _ => "unexpected error".to_owned(),
    }
}

/// Milliseconds from the page's time origin; 0 where there is no Performance API.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// A text to read: an API description or a document its `$ref`s name. The final URL (after
/// redirects) and the text, or why not, in a sentence naming `what`.
pub async fn fetch_text(url: &str, what: &str) -> Result<(String, String), String> {
    let request = Request {
        url: url.to_owned(),
        headers: vec![crate::model::KeyValue::new(
            "Accept",
            "application/json, application/yaml, text/yaml, */*;q=0.5",
        )],
        timeout_ms: 60_000,
        ..Request::default()
    };
    match send(request, Canceller::default()).await {
        Outcome::Response(response) if (200..300).contains(&response.status) => Ok((
            response.url.clone(),
            String::from_utf8_lossy(&response.body).into_owned(),
        )),
        Outcome::Response(response) => Err(format!(
            "{what}: {url} answered {} {}.",
            response.status, response.status_text
        )),
        Outcome::Timeout { .. } => Err(format!("{what}: {url} did not answer within 60 s.")),
        Outcome::Invalid(errors) => Err(format!(
            "{what}: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        )),
        _ => Err(format!(
            "{what}: {url} could not be fetched. Check the address; the server must also allow this page to read it (CORS)."
        )),
    }
}
