//! The Response region: one view per outcome, as listed in ARCHITECTURE.md.

use leptos::prelude::*;

use super::body_viewer::BodyViewer;
use super::lazy;
use super::stream_view::StreamView;
use super::tabs::TabList;
use crate::model::{
    format_millis, format_seconds, format_size, network_failure_advice, HttpResponse, Outcome,
    Request,
};
use crate::state::status_class;
use crate::transport::{now_ms, STOPPED};
use crate::viewer::LiveStream;

#[component]
pub fn ResponsePanel(
    outcome: MappedSignal<Option<Outcome>>,
    pending: Memo<bool>,
    request: RwSignal<Request>,
    /// Bytes of the body received so far, shown while it arrives.
    received: RwSignal<u64>,
    /// A streamed body's items (Server-Sent Events, JSON Lines), shown as they arrive.
    live: RwSignal<Option<LiveStream>>,
    /// Ends the request in flight; a stream keeps what arrived.
    stop: Callback<()>,
    /// The "Send via proxy" switch, when the server serving the app has a proxy.
    via_proxy: Option<RwSignal<bool>>,
) -> impl IntoView {
    // While waiting, a ticking clock shows the request is alive.
    let waited_ms = RwSignal::new(0.0_f64);
    let ticker = StoredValue::new_local(None::<IntervalHandle>);
    Effect::new(move |_| {
        if let Some(handle) = ticker.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if pending.get() {
            let started = now_ms();
            waited_ms.set(0.0);
            let handle = set_interval_with_handle(
                move || waited_ms.set(now_ms() - started),
                std::time::Duration::from_millis(100),
            )
            .ok();
            ticker.set_value(handle);
        }
    });

    // Whether the answer is a stream, not what it holds: the region is not drawn again per item.
    let streaming = Memo::new(move |_| live.with(Option::is_some));

    view! {
        <section class="response" aria-label="Response">
            <h2>"Response"</h2>
            // While on, the switch stays in sight, to turn it off.
            {via_proxy.map(|via| view! { <Show when=move || via.get()><ProxySwitch via/></Show> })}
            {move || {
                if pending.get() && streaming.get() {
                    return lazy::loaded(lazy::preload_stream_view, move || lazy::stream_view(live, Some(stop))).into_any();
                }
                if pending.get() {
                    let timeout_s = format_seconds(request.with_untracked(|r| r.timeout_ms));
                    return view! {
                        <div class="waiting" role="status">
                            <span class="spinner" aria-hidden="true"></span>
                            {move || {
                                let tenths = (waited_ms.get() / 100.0) as u64;
                                format!("Waiting… {}.{} s", tenths / 10, tenths % 10)
                            }}
                            <span class="muted">{format!(" (timeout {timeout_s} s)")}</span>
                            {move || (received.get() > 0).then(|| view! {
                                <span class="metric received">{format!("{} received", format_size(received.get() as usize))}</span>
                            })}
                        </div>
                    }.into_any();
                }
                outcome_view(outcome.get(), via_proxy, Some(live))
            }}
        </section>
    }
}

/// One view per outcome, as listed in ARCHITECTURE.md; `via_proxy` offers the proxy switch on a
/// network failure; `live` has a streamed response's items.
pub(crate) fn outcome_view(
    outcome: Option<Outcome>,
    via_proxy: Option<RwSignal<bool>>,
    live: Option<RwSignal<Option<LiveStream>>>,
) -> AnyView {
    match outcome {
        None => view! { <p class="muted empty">"Send a request to see the response here."</p> }.into_any(),
        // The response's view (summary, headers, the body viewer) is loaded on first use: Send
        // starts fetching it, and the idle prefetch has usually done so.
        Some(Outcome::Response(response)) => {
            lazy::loaded(lazy::preload_response_view, move || lazy::response_view(response.clone(), live)).into_any()
        }
        Some(Outcome::Timeout { timeout_ms }) => view! {
            <div class="outcome timeout" data-outcome="timeout" role="alert">
                <strong>"Timeout"</strong>
                <p>{format!("No response within {} s (the timeout used). The server may be slow or unreachable; raise Timeout (s) to wait longer.", format_seconds(timeout_ms))}</p>
            </div>
        }.into_any(),
        Some(Outcome::Cancelled) => view! {
            <div class="outcome cancelled" data-outcome="cancelled" role="status"><strong>"Cancelled"</strong></div>
        }.into_any(),
        Some(Outcome::NetworkFailure { url, detail }) => {
            let page_is_https = web_sys::window()
                .and_then(|w| w.location().protocol().ok())
                .is_some_and(|p| p == "https:");
            view! {
                <div class="outcome network" data-outcome="network" role="alert">
                    <strong>"Network or CORS failure"</strong>
                    <p>{format!("The browser could not get a response from {url}.")}</p>
                    <p class="muted">"What may be wrong, and what to try:"</p>
                    <ul>{network_failure_advice(&url, page_is_https).into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                    <p class="muted detail">{format!("Browser said: {detail}")}</p>
                    {via_proxy.map(|via| view! { <ProxySwitch via/> })}
                </div>
            }.into_any()
        }
        Some(Outcome::Invalid(errors)) => view! {
            <div class="outcome invalid" data-outcome="invalid" role="alert">
                <strong>"Not sent: fix the request first"</strong>
                <ul>{errors.into_iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
            </div>
        }.into_any(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ResponseTab {
    Stream,
    Body,
    Headers,
}

#[component]
pub(crate) fn ResponseView(
    response: HttpResponse,
    live: Option<RwSignal<Option<LiveStream>>>,
) -> impl IntoView {
    // A streamed body's items, when this response was read as a stream.
    let live = live.filter(|l| l.with_untracked(Option::is_some));
    let stream_tab = live.map(|l| {
        let label = Signal::derive(move || {
            l.with(|l| {
                l.as_ref()
                    .map(|l| format!("{} ({})", l.kind().list_name(), l.counted()))
                    .unwrap_or_default()
            })
        });
        (ResponseTab::Stream, label)
    });
    let by_type =
        live.is_some_and(|l| l.with_untracked(|l| l.as_ref().is_some_and(|l| l.kind().by_type())));
    let tab = RwSignal::new(if by_type {
        ResponseTab::Stream
    } else {
        ResponseTab::Body
    });
    let class = status_class(response.status);
    let outcome = if response.status >= 400 {
        "http-error"
    } else {
        "success"
    };
    let header_count = response.headers.len();
    let headers = response.headers.clone();

    view! {
        <div class="outcome" data-outcome=outcome>
            <div class="summary">
                <span class=class data-status=response.status.to_string()>
                    {format!("{} {}", response.status, response.reason())}
                </span>
                <span class="metric" title="Total time, from sending to the last byte">{format_millis(response.elapsed_ms)}</span>
                {response.ttfb_ms.map(|ms| view! { <span class="metric" title="Time to first byte (Resource Timing)">{format!("TTFB {}", format_millis(ms))}</span> })}
                <span class="metric">{format_size(response.body.len())}</span>
                {(response.status >= 400).then(|| view! { <span class="badge error">"HTTP error"</span> })}
                {response.stopped.clone().map(|why| {
                    let (label, title) = if why == STOPPED {
                        ("Stopped", "Stop ended the stream; what had arrived is kept".to_owned())
                    } else {
                        ("Cut off", format!("The stream broke off ({why}); what had arrived is kept"))
                    };
                    view! { <span class="badge stopped" title=title>{label}</span> }
                })}
            </div>
            <div class="final-url">
                <span class="muted">{if response.redirected { "Redirected to " } else { "URL " }}</span>
                <code>{response.url.clone()}</code>
            </div>
            <TabList label="Response parts" selected=tab tabs=stream_tab.into_iter().chain([
                (ResponseTab::Body, Signal::stored("Body".to_owned())),
                (ResponseTab::Headers, Signal::stored(format!("Headers ({header_count})"))),
            ]).collect()/>
            <div class="tab-panel" role="tabpanel">
                {move || match tab.get() {
                    ResponseTab::Stream => match live {
                        Some(live) => view! { <StreamView live stop=None/> }.into_any(),
                        None => ().into_any(),
                    },
                    ResponseTab::Body => view! { <BodyViewer response=response.clone()/> }.into_any(),
                    ResponseTab::Headers => view! {
                        <table class="headers">
                            <tbody>
                                {headers.iter().map(|(n, v)| view! { <tr><th>{n.clone()}</th><td>{v.clone()}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                        <p class="note">"The browser shows only the headers the server exposes to scripts (CORS); others were received but hidden."</p>
                    }.into_any(),
                }}
            </div>
        </div>
    }
}

/// The proxy switch: the request goes to this server's /proxy, which sends it on; the code
/// panel is unchanged (generated code never names the proxy).
#[component]
fn ProxySwitch(via: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="proxy-switch">
            <input type="checkbox" prop:checked=move || via.get() on:change:target=move |ev| via.set(ev.target().checked())/>
            " Send via this server's proxy (for APIs without CORS), then Send again"
        </label>
    }
}
