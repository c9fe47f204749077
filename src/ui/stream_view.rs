//! A streamed response as it arrives (Server-Sent Events, JSON Lines): a row per item with its
//! time from the request, drawn in a window of the rows on screen, the chosen one's data in full
//! (JSON pretty) below; Stop while it runs. The page's side of the transport's progress too.

use leptos::prelude::*;

use super::virtual_rows::VirtualRows;
use crate::model::{format_since, format_size, pretty_json};
use crate::transport::{now_ms, Progress};
use crate::viewer::{
    one_line, LiveStream, StreamItem, StreamKind, Timed, DEFAULT_LOG_CAP, MAX_LOG_BYTES,
};

/// What the page shows while a response arrives: the bytes so far, and a stream's items. Items
/// are read as bytes arrive; the page is told at most once an animation frame.
pub struct PageProgress {
    pub received: RwSignal<u64>,
    pub live: RwSignal<Option<LiveStream>>,
    /// When the request went out (`now_ms`), for the items' times.
    pub started: f64,
    /// A frame is asked for, to tell the page of what arrived since the last.
    frame_asked: std::rc::Rc<std::cell::Cell<bool>>,
}

impl PageProgress {
    /// A new request: nothing received, no stream yet.
    pub fn start(received: RwSignal<u64>, live: RwSignal<Option<LiveStream>>) -> PageProgress {
        received.set(0);
        live.set(None);
        PageProgress {
            received,
            live,
            started: now_ms(),
            frame_asked: Default::default(),
        }
    }

    /// Tells the page on the next animation frame, once however many chunks arrive before it.
    fn notify_on_frame(&self) {
        if self.frame_asked.replace(true) {
            return;
        }
        let (asked, received, live) = (self.frame_asked.clone(), self.received, self.live);
        request_animation_frame(move || {
            asked.set(false);
            let _ = received.try_update(|_| ());
            let _ = live.try_update(|_| ());
        });
    }

    /// The body ended or was stopped: what the reader still held is read out.
    pub fn finish(&self) {
        let at = now_ms() - self.started;
        let _ = self.received.try_update(|_| ());
        self.live.update(|l| {
            if let Some(l) = l {
                l.finish(at);
            }
        });
    }
}

impl Progress for PageProgress {
    fn head(&self, stream: Option<StreamKind>) {
        self.live
            .set(stream.map(|kind| LiveStream::new(kind, DEFAULT_LOG_CAP)));
    }

    fn bytes(&self, chunk: &[u8], total: u64) {
        self.received.update_untracked(|r| *r = total);
        if self.live.with_untracked(Option::is_some) {
            let at = now_ms() - self.started;
            self.live.update_untracked(|l| {
                if let Some(l) = l {
                    l.feed(chunk, at);
                }
            });
        }
        self.notify_on_frame();
    }
}

/// Characters of an item's data shown on its row.
const ROW_CHARS: usize = 400;

/// Type, ID and data of an item, as its row shows them.
fn columns(item: &StreamItem) -> (&str, &str, &str) {
    match item {
        StreamItem::Event(e) => (e.event.as_str(), e.id.as_str(), e.data.as_str()),
        StreamItem::Comment(text) => ("comment", "", text.as_str()),
        StreamItem::Retry(_) => ("retry", "", ""),
        StreamItem::Line(text) => ("line", "", text.as_str()),
    }
}

/// The items of `live` as rows; `stop` (while the response arrives) ends it, keeping them.
#[component]
pub fn StreamView(live: RwSignal<Option<LiveStream>>, stop: Option<Callback<()>>) -> impl IntoView {
    // Derived, not memoized: the rows are drawn again as items arrive, even once the log is
    // full and its length no longer changes.
    let count = Signal::derive(move || live.with(|l| l.as_ref().map_or(0, |l| l.log().len())));
    let follow = RwSignal::new(true);
    let scroll_to = Signal::derive(move || follow.get().then(|| count.get().saturating_sub(1)));
    let chosen = RwSignal::new(None::<u64>);
    let item = move |i: usize| live.with_untracked(|l| l.as_ref()?.log().items().get(i).cloned());
    let list_name = move || {
        live.with(|l| {
            l.as_ref()
                .map_or(StreamKind::Events, LiveStream::kind)
                .list_name()
        })
    };
    let summary = move || {
        live.with(|l| {
            let Some(l) = l else { return String::new() };
            let n = l.counted();
            let what = format!(
                "{n} {}{}",
                l.kind().item_name(),
                if n == 1 { "" } else { "s" }
            );
            let state = if l.ended() { "ended" } else { "arriving" };
            format!("{what}, {state}")
        })
    };
    let dropped = move || {
        live.with(|l| {
            let log = l.as_ref()?.log();
            (log.dropped() > 0).then(|| {
                format!(
                    "The {} oldest items were dropped to keep this list within {} items and {} MB; the Body tab has the whole body.",
                    log.dropped(),
                    DEFAULT_LOG_CAP,
                    MAX_LOG_BYTES >> 20
                )
            })
        })
    };
    // Made when an item is chosen, not again as more arrive (a selection in it stays).
    let detail = move || {
        let seq = chosen.get()?;
        live.with_untracked(|l| {
            let items = l.as_ref()?.log().items();
            let first = items.front()?.seq;
            let timed = items.get(usize::try_from(seq.checked_sub(first)?).ok()?)?.clone();
            let (kind, id, data) = columns(&timed.item);
            let text = match &timed.item {
                StreamItem::Retry(ms) => format!("Reconnect after {ms} ms (an EventSource waits this long before it reconnects)."),
                _ => pretty_json(data).unwrap_or_else(|| data.to_owned()),
            };
            let head = format!(
                "#{} {} {}{}, {}",
                timed.seq,
                format_since(timed.at_ms),
                kind,
                if id.is_empty() { String::new() } else { format!(" id {id}") },
                format_size(data.len())
            );
            Some(view! {
                <div class="stream-detail" role="group" aria-label="Chosen item">
                    <div class="muted">{head}</div>
                    <pre>{text}</pre>
                </div>
            })
        })
    };
    view! {
        <div class="stream" role="region" aria-label=list_name>
            <div class="stream-bar">
                <span role="status">{summary}</span>
                <label class="follow">
                    <input type="checkbox" prop:checked=move || follow.get() on:change:target=move |ev| follow.set(ev.target().checked())/>
                    " Follow new items"
                </label>
                {stop.map(|stop| view! {
                    <button type="button" class="small" on:click=move |_| stop.run(())>"Stop"</button>
                })}
            </div>
            {move || dropped().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <VirtualRows count scroll_to class="stream-rows" row=move |i| {
                let Some(Timed { seq, at_ms, item }) = item(i) else {
                    return view! { <div class="vrow"></div> }.into_any();
                };
                let (kind, id, data) = columns(&item);
                let data = match &item {
                    StreamItem::Retry(ms) => format!("{ms} ms"),
                    _ => one_line(data, ROW_CHARS),
                };
                view! {
                    <div class="vrow srow" class:selected=move || chosen.get() == Some(seq) on:click=move |_| chosen.set(Some(seq))>
                        <span class="s-time">{format_since(at_ms)}</span>
                        <span class="s-type">{kind.to_owned()}</span>
                        <span class="s-id">{id.to_owned()}</span>
                        <span class="s-data">{data}</span>
                    </div>
                }.into_any()
            }/>
            {detail}
        </div>
    }
}
