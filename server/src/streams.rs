//! The echo API's streams: `/echo/sse` (Server-Sent Events, GET or a model-style POST),
//! `/echo/ndjson` (a JSON object a line), `/echo/lines` (plain text a line) and `/echo/drip` (as httpbin's). Each is written as
//! it goes, an item every `interval`, so a client sees the first before the last is sent. A
//! stream keeps its in-flight place until it ends, and every stream ends within
//! [`MAX_STREAM_MS`] (the server cuts any exchange at 60 s).

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde_json::{json, Value};

use crate::echo::{query_pairs, Echo};
use crate::guard::Guarded;

/// Most events or lines of one stream (a million: the app's memory bench).
pub const MAX_COUNT: u64 = 1_000_000;
/// Longest wait between two items, in milliseconds.
pub const MAX_INTERVAL_MS: u64 = 10_000;
/// Longest stream, from its first item to its last, in milliseconds.
pub const MAX_STREAM_MS: u64 = 50_000;
/// Largest `/drip` body, as httpbin's.
const MAX_DRIP_BYTES: u64 = 10 * 1024 * 1024;
/// The reconnection time the SSE stream asks for.
const RETRY_MS: u64 = 3000;

/// 400 with a sentence naming the parameter and what it takes.
fn refuse(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{message}\n"),
    )
        .into_response()
}

/// Why a parameter is refused, as a sentence naming it.
type Refusal = String;

fn number(pairs: &[(String, String)], name: &str) -> Result<Option<u64>, Refusal> {
    match pairs.iter().rev().find(|(n, _)| n == name) {
        None => Ok(None),
        Some((_, v)) => v
            .trim()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{name} must be a whole number (it was {v:?})")),
    }
}

/// `count` and `interval` as asked, each absent or a whole number.
fn asked(pairs: &[(String, String)]) -> Result<(Option<u64>, Option<u64>), Refusal> {
    Ok((number(pairs, "count")?, number(pairs, "interval")?))
}

/// `count` items `interval_ms` apart, within the limits.
fn check_pace(count: u64, interval_ms: u64) -> Result<(), Refusal> {
    if count > MAX_COUNT {
        return Err(format!("count must be at most {MAX_COUNT}"));
    }
    if interval_ms > MAX_INTERVAL_MS {
        return Err(format!(
            "interval (milliseconds between items) must be at most {MAX_INTERVAL_MS}"
        ));
    }
    if count.saturating_sub(1).saturating_mul(interval_ms) > MAX_STREAM_MS {
        return Err(format!(
            "count × interval must be at most {MAX_STREAM_MS} ms (the stream would last longer)"
        ));
    }
    Ok(())
}

/// A body of `count` items, `item(n)` due `(n - 1) × interval_ms` after the first (so the
/// pauses do not add up their timers' slack). Whatever is not written by [`MAX_STREAM_MS`]
/// (a client that reads slowly) is not written: the body ends there.
fn paced_body(
    count: u64,
    interval_ms: u64,
    item: impl Fn(u64) -> Bytes + Send + Sync + 'static,
) -> Body {
    let start = tokio::time::Instant::now();
    let deadline = start + Duration::from_millis(MAX_STREAM_MS);
    let items = stream::unfold(1_u64, move |n| {
        let bytes = (n <= count && tokio::time::Instant::now() < deadline).then(|| item(n));
        async move {
            let bytes = bytes?;
            if interval_ms > 0 && n > 1 {
                let due = start + Duration::from_millis((n - 1).saturating_mul(interval_ms));
                tokio::time::sleep_until(due.min(deadline)).await;
            }
            Some((Ok::<_, std::convert::Infallible>(bytes), n + 1))
        }
    });
    Body::from_stream(items)
}

/// The stream's response: it keeps the request's in-flight place until it ends, not its body.
fn streaming(echo: Echo, content_type: &'static str, body: Body) -> Response {
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Guarded::wrap(response, echo.place_only())
}

/// Largest prompt `/echo/sse` reads from a POST.
const MAX_PROMPT: usize = 64 << 10;

/// The words a POST sent (at most `most`): a JSON body's `prompt` (or `input`) string, else
/// the body's text.
fn words(body: &[u8], most: usize) -> Vec<String> {
    let text = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => ["prompt", "input"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default(),
        Ok(Value::String(s)) => s,
        _ => String::from_utf8_lossy(body).into_owned(),
    };
    text.split_whitespace()
        .take(most)
        .map(str::to_owned)
        .collect()
}

/// `/echo/sse?count=&interval=`: a comment line and `retry:` first; then `count` events
/// (default 5, or one per word of a POST's prompt), `interval` ms apart (default 400), each
/// with an `id:` and a JSON `data:` line; then a named event `done` with `data: [DONE]`.
pub async fn sse(request: Request<Body>) -> Response {
    let pairs = query_pairs(request.uri().query());
    let echo = match Echo::read(request).await {
        Ok(echo) => echo,
        Err(response) => return response,
    };
    if echo.body.len() > MAX_PROMPT {
        return refuse(&format!(
            "the prompt (the body) must be at most {} KB",
            MAX_PROMPT >> 10
        ));
    }
    let (asked_count, asked_interval) = match asked(&pairs) {
        Ok(asked) => asked,
        Err(refusal) => return refuse(&refusal),
    };
    let interval_ms = asked_interval.unwrap_or(400);
    // Without `count`, a word an event, as many as fit in the longest stream.
    let fit = MAX_STREAM_MS
        .checked_div(interval_ms)
        .map_or(MAX_COUNT, |n| n + 1);
    let words = words(
        &echo.body,
        asked_count.unwrap_or(fit).min(MAX_COUNT) as usize,
    );
    let count = asked_count.unwrap_or(if words.is_empty() {
        5
    } else {
        words.len() as u64
    });
    if let Err(refusal) = check_pace(count, interval_ms) {
        return refuse(&refusal);
    }
    let method = echo.method.to_string();
    let first = format!(
        ": HTTP Playground echo: {count} events, {} ms apart\nretry: {RETRY_MS}\n\n",
        interval_ms
    );
    const DONE: &str = "event: done\ndata: [DONE]\n\n";
    if count == 0 {
        return streaming(echo, "text/event-stream", Body::from(first + DONE));
    }
    let event = move |n: u64| {
        let mut data = json!({ "n": n, "count": count, "method": method });
        if !words.is_empty() {
            let word = &words[((n - 1) as usize) % words.len()];
            data["delta"] = Value::String(if n == 1 {
                word.clone()
            } else {
                format!(" {word}")
            });
        }
        let mut text = if n == 1 { first.clone() } else { String::new() };
        text.push_str(&format!("id: {n}\ndata: {data}\n\n"));
        if n == count {
            text.push_str(DONE);
        }
        Bytes::from(text)
    };
    streaming(
        echo,
        "text/event-stream",
        paced_body(count, interval_ms, event),
    )
}

/// A stream of `count` lines (default 5) `interval` ms apart (default 400), as asked in the
/// query: the request read, and the pace checked against the limits (else the answer to give).
async fn paced_lines(request: Request<Body>) -> Result<(Echo, u64, u64), Response> {
    let pairs = query_pairs(request.uri().query());
    let echo = Echo::read(request).await?;
    let (count, interval_ms) = match asked(&pairs) {
        Ok((count, interval)) => (count.unwrap_or(5), interval.unwrap_or(400)),
        Err(refusal) => return Err(refuse(&refusal)),
    };
    check_pace(count, interval_ms).map_err(|refusal| refuse(&refusal))?;
    Ok((echo, count, interval_ms))
}

/// `/echo/ndjson?count=&interval=`: `count` lines (default 5), `interval` ms apart (default
/// 400), each a JSON object with `n`, `count` and the method.
pub async fn ndjson(request: Request<Body>) -> Response {
    let (echo, count, interval_ms) = match paced_lines(request).await {
        Ok(paced) => paced,
        Err(response) => return response,
    };
    let method = echo.method.to_string();
    let line = move |n: u64| {
        Bytes::from(format!(
            "{}\n",
            json!({ "n": n, "count": count, "method": method })
        ))
    };
    let body = paced_body(count, interval_ms, line);
    streaming(echo, "application/x-ndjson", body)
}

/// `/echo/lines?count=&interval=`: plain text with no length, `count` lines (default 5),
/// `interval` ms apart (default 400), `line n of count` each: a log or a build's output as it
/// is appended.
pub async fn lines(request: Request<Body>) -> Response {
    let (echo, count, interval_ms) = match paced_lines(request).await {
        Ok(paced) => paced,
        Err(response) => return response,
    };
    let line = move |n: u64| Bytes::from(format!("line {n} of {count}\n"));
    let body = paced_body(count, interval_ms, line);
    streaming(echo, "text/plain; charset=utf-8", body)
}

/// `/echo/drip?duration=&numbytes=&code=&delay=`, as httpbin's: after `delay` seconds,
/// `numbytes` asterisks (default 10) spread over `duration` seconds (default 2), with status
/// `code` (default 200).
pub async fn drip(request: Request<Body>) -> Response {
    let pairs = query_pairs(request.uri().query());
    let seconds = |name: &str, default: f64| -> Result<f64, Refusal> {
        match pairs.iter().rev().find(|(n, _)| n == name) {
            None => Ok(default),
            Some((_, v)) => v
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .ok_or_else(|| format!("{name} is a number of seconds (it was {v:?})")),
        }
    };
    let (duration, delay) = match (seconds("duration", 2.0), seconds("delay", 0.0)) {
        (Ok(d), Ok(w)) => (d, w),
        (Err(refusal), _) | (_, Err(refusal)) => return refuse(&refusal),
    };
    let numbytes = match number(&pairs, "numbytes") {
        Ok(n) => n.unwrap_or(10),
        Err(refusal) => return refuse(&refusal),
    };
    let code = match number(&pairs, "code") {
        Ok(c) => c.unwrap_or(200),
        Err(refusal) => return refuse(&refusal),
    };
    let Some(status) = u16::try_from(code)
        .ok()
        .filter(|c| (200..=599).contains(c))
        .and_then(|c| StatusCode::from_u16(c).ok())
    else {
        return refuse("code must be an HTTP status, 200 to 599");
    };
    if numbytes > MAX_DRIP_BYTES {
        return refuse(&format!("numbytes must be at most {MAX_DRIP_BYTES}"));
    }
    if (duration + delay) * 1000.0 > MAX_STREAM_MS as f64 {
        return refuse(&format!(
            "duration + delay must be at most {} s",
            MAX_STREAM_MS / 1000
        ));
    }
    let echo = match Echo::read(request).await {
        Ok(echo) => echo,
        Err(response) => return response,
    };
    tokio::time::sleep(Duration::from_secs_f64(delay)).await;
    // At most 1,000 writes: larger drips send several bytes at a time.
    let writes = numbytes.clamp(1, 1000);
    let per_write = numbytes.div_ceil(writes);
    let writes = if numbytes == 0 {
        0
    } else {
        numbytes.div_ceil(per_write)
    };
    let interval_ms = if writes > 1 {
        ((duration * 1000.0) / (writes - 1) as f64) as u64
    } else {
        0
    };
    let piece = move |i: u64| {
        let sent = (i - 1) * per_write;
        Bytes::from(vec![b'*'; (numbytes - sent).min(per_write) as usize])
    };
    let body = paced_body(writes, interval_ms, piece);
    let mut response = streaming(echo, "application/octet-stream", body);
    *response.status_mut() = status;
    response
}
