//! The echo API's streams: /echo/sse, /echo/ndjson, /echo/lines and /echo/drip are written as they go, with
//! the documented events and lines, and refuse parameters beyond their limits by name.

mod common;

use http_playground_server::Assets;

async fn base() -> String {
    common::start(Assets::default(), None).await
}

/// The body's chunks as they arrive.
async fn chunks(response: reqwest::Response) -> Vec<String> {
    let mut response = response;
    let mut out = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        out.push(String::from_utf8(chunk.to_vec()).unwrap());
    }
    out
}

#[tokio::test]
async fn sse_sends_a_comment_retry_events_with_ids_and_a_named_done_event() {
    let base = base().await;
    let response = common::client()
        .get(format!("{base}/echo/sse?count=3&interval=10"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let body = chunks(response).await.concat();
    assert_eq!(
        body,
        ": HTTP Playground echo: 3 events, 10 ms apart\nretry: 3000\n\n\
         id: 1\ndata: {\"count\":3,\"method\":\"GET\",\"n\":1}\n\n\
         id: 2\ndata: {\"count\":3,\"method\":\"GET\",\"n\":2}\n\n\
         id: 3\ndata: {\"count\":3,\"method\":\"GET\",\"n\":3}\n\n\
         event: done\ndata: [DONE]\n\n"
    );
}

#[tokio::test]
async fn sse_events_are_written_as_they_go_not_at_the_end() {
    let base = base().await;
    let response = common::client()
        .get(format!("{base}/echo/sse?count=3&interval=700"))
        .send()
        .await
        .unwrap();
    let chunks = chunks(response).await;
    let first = chunks.iter().position(|c| c.contains("id: 1\n")).unwrap();
    let last = chunks.iter().position(|c| c.contains("id: 3\n")).unwrap();
    assert!(
        first < last,
        "event 1 came in the same chunk as event 3: {chunks:?}"
    );
}

#[tokio::test]
async fn a_post_streams_its_prompt_back_a_word_an_event() {
    let base = base().await;
    let response = common::client()
        .post(format!("{base}/echo/sse?interval=0"))
        .json(&serde_json::json!({ "model": "echo", "prompt": "Tell me a joke" }))
        .send()
        .await
        .unwrap();
    let body = chunks(response).await.concat();
    let deltas: String = body
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .filter_map(|d| serde_json::from_str::<serde_json::Value>(d).ok())
        .map(|v| {
            assert_eq!(v["method"], "POST");
            v["delta"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(deltas, "Tell me a joke");
    assert!(body.ends_with("event: done\ndata: [DONE]\n\n"), "{body}");
}

#[tokio::test]
async fn ndjson_is_a_json_object_a_line() {
    let base = base().await;
    let response = common::client()
        .get(format!("{base}/echo/ndjson?count=4&interval=5"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let body = chunks(response).await.concat();
    let ns: Vec<u64> = body
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["n"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ns, [1, 2, 3, 4]);
    assert!(body.ends_with('\n'));
}

#[tokio::test]
async fn lines_is_plain_text_without_a_length_a_line_at_a_time() {
    let base = base().await;
    let response = common::client()
        .get(format!("{base}/echo/lines?count=3&interval=5"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert!(response.headers().get("content-length").is_none());
    assert_eq!(
        chunks(response).await.concat(),
        "line 1 of 3\nline 2 of 3\nline 3 of 3\n"
    );
}

#[tokio::test]
async fn drip_sends_numbytes_asterisks_with_the_status_asked_for() {
    let base = base().await;
    let response = common::client()
        .get(format!("{base}/echo/drip?numbytes=7&duration=0.1&code=201"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(chunks(response).await.concat(), "*******");
}

#[tokio::test]
async fn parameters_beyond_the_limits_are_refused_by_name() {
    let base = base().await;
    for (query, says) in [
        ("sse?count=1000001", "count must be at most 1000000"),
        ("sse?count=x", "count must be a whole number"),
        (
            "sse?interval=10001",
            "interval (milliseconds between items) must be at most 10000",
        ),
        (
            "sse?count=1000&interval=1000",
            "count × interval must be at most 50000 ms",
        ),
        ("ndjson?count=-1", "count must be a whole number"),
        ("drip?duration=60", "duration + delay must be at most 50 s"),
        (
            "drip?numbytes=20000000",
            "numbytes must be at most 10485760",
        ),
        ("drip?code=1000", "code must be an HTTP status, 200 to 599"),
        ("drip?code=101", "code must be an HTTP status, 200 to 599"),
    ] {
        let response = common::client()
            .get(format!("{base}/echo/{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{query}");
        let text = response.text().await.unwrap();
        assert!(text.contains(says), "{query}: {text}");
    }
}

#[tokio::test]
async fn a_prompt_over_64_kb_is_refused_and_its_words_are_bounded() {
    let base = base().await;
    let response = common::client()
        .post(format!("{base}/echo/sse?interval=0"))
        .body("word ".repeat(14_000))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("the prompt (the body) must be at most 64 KB"));
    // `count` bounds the words read: 3 events of a long prompt.
    let response = common::client()
        .post(format!("{base}/echo/sse?interval=0&count=3"))
        .body("one two three four five six")
        .send()
        .await
        .unwrap();
    let body = chunks(response).await.concat();
    assert_eq!(body.matches("\"delta\"").count(), 3, "{body}");
}
