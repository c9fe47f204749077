//! Streamed bodies: the WHATWG event stream format (the spec's own examples), JSON Lines, any
//! cut of the bytes into chunks, and the log's cap.

use http_playground::viewer::{
    live_stream_kind, read_whole, stream_kind, ServerEvent, StreamItem, StreamKind, StreamLog,
    StreamReader,
};

fn event(event: &str, data: &str, id: &str) -> StreamItem {
    StreamItem::Event(ServerEvent {
        event: event.into(),
        data: data.into(),
        id: id.into(),
    })
}

fn sse(body: &str) -> Vec<StreamItem> {
    read_whole(StreamKind::Events, body.as_bytes())
}

/// The items when `body` arrives in chunks of `size` bytes.
fn in_chunks(kind: StreamKind, body: &[u8], size: usize) -> Vec<StreamItem> {
    let mut items = Vec::new();
    let mut reader = StreamReader::new(kind);
    for chunk in body.chunks(size) {
        reader.feed(chunk, &mut |i| items.push(i));
    }
    reader.finish(&mut |i| items.push(i));
    items
}

#[test]
fn data_lines_are_joined_with_line_feeds() {
    // HTML Living Standard, "Server-sent events", the stock ticker example.
    assert_eq!(
        sse("data: YHOO\ndata: +2\ndata: 10\n\n"),
        [event("message", "YHOO\n+2\n10", "")]
    );
}

#[test]
fn comments_ids_and_the_one_space_after_the_colon() {
    // The spec's second example: an `id` line without a value resets the last event ID, and
    // only one space after the colon is dropped.
    let body = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n";
    assert_eq!(
        sse(body),
        [
            StreamItem::Comment("test stream".into()),
            event("message", "first event", "1"),
            event("message", "second event", ""),
            event("message", " third event", ""),
        ]
    );
}

#[test]
fn empty_data_fields_and_an_unfinished_event() {
    // The spec's third example: two events, "" and "\n"; the last `data:` is never dispatched.
    assert_eq!(
        sse("data\n\ndata\ndata\n\ndata:"),
        [event("message", "", ""), event("message", "\n", "")]
    );
    // The fourth: a space after the colon or not, the same data.
    assert_eq!(
        sse("data:test\n\ndata: test\n\n"),
        [event("message", "test", ""), event("message", "test", "")]
    );
}

#[test]
fn named_events_retry_and_ids_that_carry_over() {
    let body = "event: add\ndata: 73857293\nretry: 3000\nid: 7\n\ndata: next\n\nretry: 3s\nid: a\0b\nevent: x\n\n";
    assert_eq!(
        sse(body),
        [
            StreamItem::Retry(3000),
            event("add", "73857293", "7"),
            event("message", "next", "7"),
        ],
        "a retry that is not digits and an id with NUL are ignored; an event with no data is not dispatched"
    );
}

#[test]
fn crlf_cr_and_lf_all_end_lines_even_when_a_chunk_cuts_a_crlf() {
    assert_eq!(
        sse("data: a\r\ndata: b\rdata: c\n\r\n"),
        [event("message", "a\nb\nc", "")]
    );
    // A CR LF cut between two chunks is one line end, not an empty line that would end the
    // event early.
    let mut items = Vec::new();
    let mut reader = StreamReader::new(StreamKind::Events);
    reader.feed(b"data: a\r", &mut |i| items.push(i));
    reader.feed(b"\ndata: b\r\n\r\n", &mut |i| items.push(i));
    assert_eq!(items, [event("message", "a\nb", "")]);
}

#[test]
fn any_cut_into_chunks_reads_the_same_as_the_whole() {
    let body = "\u{feff}: hi\r\nretry: 10\r\n\r\nid: 1\r\nevent: é\r\ndata: {\"text\": \"naïve – ✓\"}\r\n\r\ndata: 2\n\n";
    let whole = read_whole(StreamKind::Events, body.as_bytes());
    assert_eq!(
        whole,
        [
            StreamItem::Comment("hi".into()),
            StreamItem::Retry(10),
            event("é", "{\"text\": \"naïve – ✓\"}", "1"),
            event("message", "2", "1"),
        ]
    );
    for size in 1..body.len() {
        assert_eq!(
            in_chunks(StreamKind::Events, body.as_bytes(), size),
            whole,
            "chunks of {size}"
        );
    }
}

#[test]
fn a_byte_order_mark_only_at_the_start_is_dropped() {
    assert_eq!(sse("\u{feff}data: x\n\n"), [event("message", "x", "")]);
    assert_eq!(
        sse("data: x\n\n\u{feff}data: y\n\n"),
        [event("message", "x", "")],
        "later, the mark is part of the field name, which is then no field"
    );
    // Two bytes that could start a mark, then the stream ends.
    assert_eq!(
        read_whole(StreamKind::JsonLines, b"\xEF\xBB"),
        [StreamItem::Line("\u{fffd}".into())]
    );
}

#[test]
fn json_lines_are_a_row_a_line_and_the_last_needs_no_line_end() {
    let body = b"{\"a\":1}\n\n{\"a\":2}\r\n   \n{\"a\":3}";
    let rows = [
        StreamItem::Line("{\"a\":1}".into()),
        StreamItem::Line("{\"a\":2}".into()),
        StreamItem::Line("{\"a\":3}".into()),
    ];
    assert_eq!(read_whole(StreamKind::JsonLines, body), rows);
    for size in 1..body.len() {
        assert_eq!(
            in_chunks(StreamKind::JsonLines, body, size),
            rows,
            "chunks of {size}"
        );
    }
    // application/json-seq's record separator.
    assert_eq!(
        read_whole(StreamKind::JsonLines, "\u{1e}{\"b\":1}\n".as_bytes()),
        [StreamItem::Line("{\"b\":1}".into())]
    );
}

#[test]
fn the_companion_servers_stream_reads_as_documented() {
    // docs/server.md, /echo/sse?count=2: as the server writes it (server/tests/streams.rs).
    let body = ": HTTP Playground echo: 2 events, 10 ms apart\nretry: 3000\n\n\
                id: 1\ndata: {\"count\":2,\"method\":\"GET\",\"n\":1}\n\n\
                id: 2\ndata: {\"count\":2,\"method\":\"GET\",\"n\":2}\n\n\
                event: done\ndata: [DONE]\n\n";
    assert_eq!(
        sse(body),
        [
            StreamItem::Comment("HTTP Playground echo: 2 events, 10 ms apart".into()),
            StreamItem::Retry(3000),
            event("message", "{\"count\":2,\"method\":\"GET\",\"n\":1}", "1"),
            event("message", "{\"count\":2,\"method\":\"GET\",\"n\":2}", "2"),
            event("done", "[DONE]", "2"),
        ]
    );
}

#[test]
fn stream_kinds_come_from_the_media_type() {
    assert_eq!(stream_kind("text/event-stream"), Some(StreamKind::Events));
    assert_eq!(
        stream_kind("Text/Event-Stream; charset=utf-8"),
        Some(StreamKind::Events)
    );
    for jsonl in [
        "application/x-ndjson",
        "application/jsonl",
        "application/json-lines",
        "application/json-seq",
    ] {
        assert_eq!(stream_kind(jsonl), Some(StreamKind::JsonLines), "{jsonl}");
    }
    for other in ["application/json", "text/plain", "", "text/event-streams"] {
        assert_eq!(stream_kind(other), None, "{other}");
    }
}

#[test]
fn plain_text_without_a_length_is_appended_a_line_at_a_time() {
    assert_eq!(
        live_stream_kind("text/plain; charset=utf-8", None),
        Some(StreamKind::Text)
    );
    // With a length it is a body like any other, read whole.
    assert_eq!(live_stream_kind("text/plain", Some(120)), None);
    assert_eq!(live_stream_kind("text/html", None), None);
    assert_eq!(live_stream_kind("application/json", None), None);
    // The stream kinds whatever the length.
    assert_eq!(
        live_stream_kind("text/event-stream", Some(9)),
        Some(StreamKind::Events)
    );
    assert_eq!(
        live_stream_kind("application/x-ndjson", None),
        Some(StreamKind::JsonLines)
    );
    // Every line kept, blank ones too, the last one without its line end, however it is cut.
    let body = b"building...\r\n\nstep 1 ok\nstep 2: \xC3\xA9t\xC3\xA9\ndone";
    let lines: Vec<StreamItem> = ["building...", "", "step 1 ok", "step 2: été", "done"]
        .into_iter()
        .map(|l| StreamItem::Line(l.to_owned()))
        .collect();
    assert_eq!(read_whole(StreamKind::Text, body), lines);
    for size in 1..=body.len() {
        assert_eq!(
            in_chunks(StreamKind::Text, body, size),
            lines,
            "chunks of {size}"
        );
    }
    assert_eq!(
        (StreamKind::Text.list_name(), StreamKind::Text.item_name()),
        ("Lines", "line")
    );
    // Listed as it arrives, but a body like any other: under the timeout, failed when cut off.
    assert!(!StreamKind::Text.by_type());
    assert!(StreamKind::Events.by_type() && StreamKind::JsonLines.by_type());
}

#[test]
fn the_log_keeps_the_newest_items_and_counts_those_it_dropped() {
    let mut log = StreamLog::new(3);
    for n in 1..=5 {
        log.push(f64::from(n) * 10.0, StreamItem::Line(n.to_string()));
    }
    let kept: Vec<(u64, f64)> = log.items().iter().map(|t| (t.seq, t.at_ms)).collect();
    assert_eq!(kept, [(3, 30.0), (4, 40.0), (5, 50.0)]);
    assert_eq!((log.total(), log.dropped(), log.len()), (5, 2, 3));
    assert_eq!(log.events_kept(), 0);
}

#[test]
fn the_log_cuts_long_items_and_keeps_within_its_bytes() {
    use http_playground::viewer::{MAX_ITEM_BYTES, MAX_LOG_BYTES};
    let mut log = StreamLog::new(1_000_000);
    // One event's data of 100 KB: kept cut, saying how long it was.
    log.push(1.0, event("message", &"é".repeat(50_000), "1"));
    let StreamItem::Event(kept) = &log.items()[0].item else {
        panic!()
    };
    assert!(
        kept.data.len() < MAX_ITEM_BYTES + 100,
        "{}",
        kept.data.len()
    );
    assert!(
        kept.data
            .ends_with("… (cut here: 100000 bytes in all, in the Body tab)"),
        "{}",
        &kept.data[kept.data.len() - 60..]
    );
    // 400 lines of 60 KB: 24 MB, over the log's 16 MB; the oldest go.
    for n in 0..400 {
        log.push(2.0, StreamItem::Line(format!("{n:>60000}")));
    }
    let kept_bytes: usize = log
        .items()
        .iter()
        .map(|t| match &t.item {
            StreamItem::Line(l) => l.len(),
            _ => 0,
        })
        .sum();
    assert!(kept_bytes <= MAX_LOG_BYTES, "{kept_bytes}");
    assert_eq!(log.total(), 401);
    assert_eq!(log.dropped() + log.len() as u64, 401);
    assert_eq!(log.len(), MAX_LOG_BYTES / 60_000);
    assert_eq!(log.events_kept(), 0, "the event was among the dropped");
    let StreamItem::Line(last) = &log.items().back().unwrap().item else {
        panic!()
    };
    assert_eq!(last.trim(), "399");
}

#[test]
fn a_line_or_event_that_never_ends_is_held_cut_and_names_are_short() {
    use http_playground::viewer::{MAX_LINE_BYTES, MAX_NAME_BYTES};
    let mut reader = StreamReader::new(StreamKind::Events);
    let mut items = Vec::new();
    let long_id = "i".repeat(10_000);
    reader.feed(
        format!("id: {long_id}\nevent: {long_id}\n").as_bytes(),
        &mut |i| items.push(i),
    );
    // 3 MB of one data line, in chunks, then 3 MB more of data lines.
    let chunk = vec![b'x'; 64 << 10];
    reader.feed(b"data: ", &mut |i| items.push(i));
    for _ in 0..48 {
        reader.feed(&chunk, &mut |i| items.push(i));
    }
    reader.feed(b"\n", &mut |i| items.push(i));
    for _ in 0..48 {
        reader.feed(b"data: ", &mut |i| items.push(i));
        reader.feed(&chunk, &mut |i| items.push(i));
        reader.feed(b"\n", &mut |i| items.push(i));
    }
    reader.feed(b"\n", &mut |i| items.push(i));
    let [StreamItem::Event(e)] = items.as_slice() else {
        panic!("{}", items.len())
    };
    assert_eq!(e.id.len(), MAX_NAME_BYTES);
    assert_eq!(e.event.len(), MAX_NAME_BYTES);
    // The first line was cut at MAX_LINE_BYTES (its field name counted in), and the data took
    // no more than that in all, of the 6 MB sent.
    let first = MAX_LINE_BYTES - "data: ".len();
    assert!(
        e.data.len() < MAX_LINE_BYTES && e.data.len() > first,
        "{}",
        e.data.len()
    );
    assert_eq!(&e.data.as_bytes()[first..first + 1], b"\n");
    assert!(e.data.bytes().filter(|&b| b != b'\n').all(|b| b == b'x'));
}

#[test]
fn times_since_the_request_read_in_milliseconds_then_hundredths_of_seconds() {
    use http_playground::model::format_since;
    for (ms, shown) in [
        (0.0, "+0 ms"),
        (-3.0, "+0 ms"),
        (37.6, "+38 ms"),
        (999.4, "+999 ms"),
        (1000.0, "+1.00 s"),
        (1206.0, "+1.21 s"),
        (1614.9, "+1.61 s"),
        (60_504.0, "+60.50 s"),
    ] {
        assert_eq!(format_since(ms), shown, "{ms}");
    }
}

#[test]
fn a_live_stream_counts_events_or_rows_as_its_list_names_them() {
    use http_playground::viewer::LiveStream;
    let mut events = LiveStream::new(StreamKind::Events, 100);
    events.feed(b": hi\nretry: 5\n\ndata: 1\n\nevent: x\ndata: 2\n\n", 10.0);
    events.finish(20.0);
    assert_eq!(
        (events.counted(), events.log().len()),
        (2, 4),
        "comments and retries are listed, not counted"
    );
    assert_eq!(
        (events.kind().list_name(), events.kind().item_name()),
        ("Events", "event")
    );
    let mut rows = LiveStream::new(StreamKind::JsonLines, 100);
    rows.feed(b"{}\n{}\n{", 10.0);
    assert_eq!(rows.counted(), 2);
    rows.finish(20.0);
    assert_eq!(rows.counted(), 3, "the last line needs no line end");
    assert_eq!(
        (rows.kind().list_name(), rows.kind().item_name()),
        ("Rows", "row")
    );
}
