//! The response body viewer. JSON as a collapsible, searchable tree; text, HTML, XML, JS and CSS
//! as (highlighted) text that is never interpreted; images as images; anything else as hex; all
//! downloadable. Only the rows on screen are in the DOM, so a 100 MB body draws its first
//! screen at once and scrolls; a large JSON body is indexed in slices between frames.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::clipboard::write_clipboard;
use super::storage::{load_text, save_text};
use super::virtual_rows::VirtualRows;
use crate::codegen::{highlight, Language};
use crate::model::{format_size, HttpResponse};
use crate::state::{rows_for, CopyWhat, Direction, ViewerState};
use crate::viewer::{
    charset, download_name, hex_row, markup_pieces, media_type, payload_kind, text_row, text_rows,
    IndexState, JsonLines, JsonToken, LineKind, PayloadKind, TextFlavor, HEX_WIDTH,
};

#[wasm_bindgen(inline_js = r#"
export function save_bytes(name, bytes, type) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([bytes], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
export function blob_url(bytes, type) { return URL.createObjectURL(new Blob([bytes], { type })); }
export function revoke(url) { URL.revokeObjectURL(url); }
export function decode(bytes, label) {
  try { return new TextDecoder(label).decode(bytes); } catch { return undefined; }
}
"#)]
extern "C" {
    fn save_bytes(name: &str, bytes: &[u8], content_type: &str);
    fn blob_url(bytes: &[u8], content_type: &str) -> String;
    fn revoke(url: &str);
    fn decode(bytes: &[u8], label: &str) -> Option<String>;
}

/// A JSON body up to this size is indexed before the first paint; a larger one in slices.
const SYNC_INDEX_BYTES: usize = 64 << 10;
/// Bytes indexed per slice, between frames.
const SLICE_BYTES: usize = 1 << 20;
/// Where the render limit is remembered.
const LIMIT_KEY: &str = "http-playground/render-limit-mb";
/// Postman's default: bodies above 50 MB are summarised unless the reader asks.
const DEFAULT_LIMIT_MB: usize = 50;

/// The viewer for one response's body.
#[component]
pub fn BodyViewer(response: HttpResponse) -> impl IntoView {
    let content_type = response.header("content-type").map(str::to_owned);
    let body = response.body.clone();
    let kind = payload_kind(content_type.as_deref(), &body);
    let name = download_name(
        &response.url,
        content_type.as_deref(),
        response.header("content-disposition"),
    );
    let media = content_type
        .as_deref()
        .map(media_type)
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let limit_mb = RwSignal::new(
        load_text(LIMIT_KEY)
            .and_then(|t| t.parse::<usize>().ok())
            .unwrap_or(DEFAULT_LIMIT_MB),
    );
    let forced = RwSignal::new(false);
    let over_limit = move || !forced.get() && body.len() > limit_mb.get().saturating_mul(1_000_000);

    let download = {
        let (body, name, media) = (response.body.clone(), name.clone(), media.clone());
        move |_| save_bytes(&name, &body, &media)
    };
    let size = format_size(response.body.len());
    let body_for_view = response.body.clone();
    let declared = content_type.as_deref().and_then(charset);
    view! {
        <div class="body-viewer">
            <div class="viewer-bar">
                <span class="muted">{format!("{} · {}", kind_name(kind), size)}</span>
                <button type="button" class="small" on:click=download title=format!("Save as {name}")>"Download"</button>
                <label class="muted limit">
                    "Render up to "
                    <input type="number" min="1" aria-label="Render limit (MB)" prop:value=move || limit_mb.get().to_string()
                        on:change:target=move |ev| {
                            if let Ok(mb) = ev.target().value().parse::<usize>() {
                                let mb = mb.max(1);
                                save_text(LIMIT_KEY, &mb.to_string());
                                limit_mb.set(mb);
                            }
                        }/>
                    " MB"
                </label>
            </div>
            {move || {
                let body = body_for_view.clone();
                if over_limit() {
                    return view! {
                        <div class="outcome cancelled body-summary" role="status">
                            <strong>{format!("Body of {}: not drawn", format_size(body.len()))}</strong>
                            <p>{format!("It is above the render limit of {} MB. Download it, raise the limit, or draw it anyway.", limit_mb.get())}</p>
                            <button type="button" on:click=move |_| forced.set(true)>"Draw it anyway"</button>
                        </div>
                    }.into_any();
                }
                match kind {
                    PayloadKind::Empty => view! { <p class="muted">"Empty body."</p> }.into_any(),
                    PayloadKind::Json => view! { <JsonView body/> }.into_any(),
                    PayloadKind::Text(flavor) => {
                        let text = decoded(&body, declared.as_deref());
                        view! { <TextView text flavor/> }.into_any()
                    }
                    PayloadKind::Image => view! { <ImageView body media=media.clone()/> }.into_any(),
                    PayloadKind::Binary => view! { <HexView body/> }.into_any(),
                }
            }}
        </div>
    }
}

fn kind_name(kind: PayloadKind) -> &'static str {
    match kind {
        PayloadKind::Empty => "Empty",
        PayloadKind::Json => "JSON",
        PayloadKind::Text(TextFlavor::Markup) => "Markup, shown as text",
        PayloadKind::Text(TextFlavor::Code) => "Code, shown as text",
        PayloadKind::Text(TextFlavor::Plain) => "Text",
        PayloadKind::Image => "Image",
        PayloadKind::Binary => "Binary",
    }
}

/// The body as UTF-8: as it is when it declares UTF-8 (or nothing), else decoded from its
/// declared charset by the browser's TextDecoder.
fn decoded(body: &Arc<Vec<u8>>, declared: Option<&str>) -> Arc<Vec<u8>> {
    match declared {
        Some(label) if !matches!(label, "utf-8" | "utf8") => decode(body, label)
            .map(|text| Arc::new(text.into_bytes()))
            .unwrap_or_else(|| body.clone()),
        _ => body.clone(),
    }
}

/// JSON: pretty and highlighted, collapsible, raw on demand, searchable; a clicked line's value
/// or path can be copied.
#[component]
fn JsonView(body: Arc<Vec<u8>>) -> impl IntoView {
    let lines = StoredValue::new(JsonLines::for_body_of(body.len()));
    let indexed = RwSignal::new(0_usize);
    let state = RwSignal::new(IndexState::Partial);
    let total = body.len().max(1);
    let progress = RwSignal::new(0_usize);
    // Small bodies are indexed before the first paint; large ones first screen first.
    let first = body.len().clamp(1, SYNC_INDEX_BYTES);
    lines.update_value(|l| {
        l.index_more(&body, first);
    });
    let sync = move || {
        lines.with_value(|l| {
            indexed.set(l.len());
            state.set(l.state());
            progress.set(l.indexed_bytes() * 100 / total);
        })
    };
    sync();
    if state.get_untracked() == IndexState::Partial {
        let body = body.clone();
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(0).await;
                if lines.is_disposed() {
                    return;
                }
                let more = lines
                    .try_update_value(|l| l.index_more(&body, SLICE_BYTES))
                    .unwrap_or(IndexState::Done);
                sync();
                if more != IndexState::Partial {
                    return;
                }
            }
        });
    }

    let raw = RwSignal::new(false);
    // Folds, selection, find and where to scroll: src/state/viewer.rs.
    let viewer = RwSignal::new(ViewerState::default());
    let collapsed = Memo::new(move |_| viewer.with(|v| v.collapsed().to_vec()));
    // The visible lines when something is collapsed (all lines otherwise).
    let rows = Memo::new(move |_| collapsed.with(|c| lines.with_value(|l| rows_for(l, c))));
    let count = Signal::derive(move || {
        rows.with(|r| match r {
            Some(rows) => rows.len(),
            None => indexed.get(),
        })
    });
    let line_of_row = move |row: usize| {
        rows.with_untracked(|r| match r {
            Some(rows) => rows.get(row).map(|&l| l as usize),
            None => Some(row),
        })
    };
    let selected = Memo::new(move |_| viewer.with(ViewerState::selected));
    let scroll_request = Memo::new(move |_| viewer.with(ViewerState::scroll_request));
    let scroll_to = Signal::derive(move || scroll_request.get().map(|(_, row)| row));
    let message = RwSignal::new(String::new());
    // What is typed in the find box.
    let query = RwSignal::new(String::new());
    let body_for_find = body.clone();
    let find = move || {
        let q = query.get_untracked();
        lines.with_value(|l| viewer.update(|v| v.find(l, &body_for_find, &q)));
    };
    let body_for_enter = body.clone();
    let enter = move |shift: bool| {
        let q = query.get_untracked();
        lines.with_value(|l| viewer.update(|v| v.enter(l, &body_for_enter, &q, shift)));
    };
    let step =
        move |direction: Direction| lines.with_value(|l| viewer.update(|v| v.step(l, direction)));
    let collapse_depth =
        move |depth: Option<u16>| lines.with_value(|l| viewer.update(|v| v.collapse_to(l, depth)));
    let copy = {
        let body = body.clone();
        move |what: CopyWhat| {
            let copied =
                viewer.with_untracked(|v| lines.with_value(|l| v.copy_text(l, &body, what)));
            match copied {
                Ok((text, shown)) => write_clipboard(&text, move |ok| {
                    message.set(if ok { shown } else { "Copy failed".to_owned() })
                }),
                Err(why) => message.set(why),
            }
        }
    };
    let copy_value = copy.clone();
    let body_rows = body.clone();
    let raw_rows = StoredValue::new(None::<Vec<u32>>);
    let ready = move || state.get() != IndexState::Partial;

    view! {
        <div class="viewer-tools" role="toolbar" aria-label="Body tools">
            <div class="segmented" role="group" aria-label="Layout">
                <button type="button" aria-pressed=move || (!raw.get()).to_string() on:click=move |_| raw.set(false)>"Pretty"</button>
                <button type="button" aria-pressed=move || raw.get().to_string() on:click=move |_| raw.set(true)>"Raw"</button>
            </div>
            <Show when=move || !raw.get()>
                <button type="button" class="small" disabled=move || !ready() on:click=move |_| collapse_depth(Some(1))>"Collapse all"</button>
                <span class="muted">"Expand:"</span>
                {[2_u16, 3].map(|d| view! {
                    <button type="button" class="small" disabled=move || !ready() aria-label=format!("Expand to depth {d}") on:click=move |_| collapse_depth(Some(d))>{d.to_string()}</button>
                })}
                <button type="button" class="small" on:click=move |_| collapse_depth(None)>"All"</button>
            </Show>
            <input type="search" class="find" placeholder="Find" aria-label="Find in body" prop:value=move || query.get()
                on:input:target=move |ev| query.set(ev.target().value())
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" {
                    // Enter finds; pressed again on the same text it goes to the next match.
                    ev.prevent_default();
                    enter(ev.shift_key());
                }/>
            <button type="button" class="small" on:click=move |_| find()>"Find"</button>
            <span class="muted match-count" aria-live="polite">{move || query.with(|q| viewer.with(|v| v.match_label(q)))}</span>
            <button type="button" class="small icon-text" aria-label="Previous match" on:click=move |_| step(Direction::Previous)>"↑"</button>
            <button type="button" class="small icon-text" aria-label="Next match" on:click=move |_| step(Direction::Next)>"↓"</button>
            <button type="button" class="small" on:click=move |_| copy_value(CopyWhat::Value)>"Copy value"</button>
            <button type="button" class="small" on:click=move |_| copy(CopyWhat::Path)>"Copy path"</button>
            <span class="muted" aria-live="polite">{move || message.get()}</span>
            <Show when=move || !ready()>
                <span class="muted indexing" role="status">{move || format!("Indexing… {}%", progress.get())}</span>
            </Show>
            {move || match state.get() {
                IndexState::Invalid { at } => Some(view! { <span class="field-problem">{format!("Not valid JSON at byte {at}: the rest is shown raw only.")}</span> }),
                _ => None,
            }}
        </div>
        {move || if raw.get() {
            let body = body_rows.clone();
            if raw_rows.with_value(Option::is_none) {
                raw_rows.set_value(Some(text_rows(&body)));
            }
            let count = Signal::derive(move || raw_rows.with_value(|r| r.as_ref().map_or(0, Vec::len)));
            view! {
                <VirtualRows count class="text" row=move |i| {
                    let text = raw_rows.with_value(|r| r.as_ref().map(|r| text_row(&body, r, i)).unwrap_or_default());
                    view! { <div class="vrow">{text}</div> }
                }/>
            }.into_any()
        } else {
            let body = body_rows.clone();
            view! {
                <VirtualRows count scroll_to class="json" row=move |row| {
                    let Some(line) = line_of_row(row) else { return view! { <div class="vrow"></div> }.into_any() };
                    let is_collapsed = viewer.with_untracked(|v| v.is_collapsed(line));
                    let (tokens, opens) = lines.with_value(|l| {
                        let opens = l.lines().get(line).is_some_and(|x| x.kind == LineKind::Open);
                        let tokens = if is_collapsed { l.collapsed_tokens(&body, line) } else { l.line_tokens(&body, line) };
                        (tokens, opens)
                    });
                    let toggle = move |_| lines.with_value(|l| viewer.update(|v| v.toggle(l, line)));
                    view! {
                        <div class="vrow" class:selected=move || selected.get() == Some(line) on:click=move |_| viewer.update(|v| v.select(line))>
                            {opens.then(|| view! {
                                <button type="button" class="fold" aria-expanded=(!is_collapsed).to_string() aria-label=if is_collapsed { "Expand" } else { "Collapse" } on:click=toggle></button>
                            })}
                            {tokens.into_iter().map(|(token, text)| view! { <span class=token_class(token)>{text}</span> }).collect_view()}
                        </div>
                    }.into_any()
                }/>
            }.into_any()
        }}
    }
}

fn token_class(token: JsonToken) -> &'static str {
    match token {
        JsonToken::Key => "tok-key",
        JsonToken::String => "tok-string",
        JsonToken::Number => "tok-number",
        JsonToken::Literal => "tok-keyword",
        JsonToken::Punct | JsonToken::Space => "",
        JsonToken::Elided => "tok-comment",
    }
}

/// Text, never interpreted: HTML and XML with their tags coloured, JS and CSS as code.
#[component]
fn TextView(text: Arc<Vec<u8>>, flavor: TextFlavor) -> impl IntoView {
    let starts = StoredValue::new(text_rows(&text));
    let count = Signal::derive(move || starts.with_value(Vec::len));
    view! {
        <VirtualRows count class="text" row=move |i| {
            let row = starts.with_value(|s| text_row(&text, s, i));
            let pieces: Vec<(&'static str, String)> = match flavor {
                TextFlavor::Plain => vec![("", row)],
                TextFlavor::Markup => markup_pieces(&row).into_iter().map(|(c, t)| (c, t.to_owned())).collect(),
                TextFlavor::Code => highlight(Language::JavaScript, &row).into_iter().map(|(t, s)| (t.class(), s.to_owned())).collect(),
            };
            view! { <div class="vrow">{pieces.into_iter().map(|(class, text)| view! { <span class=class>{text}</span> }).collect_view()}</div> }
        }/>
    }
}

/// An image, from a blob URL (revoked when the view goes).
#[component]
fn ImageView(body: Arc<Vec<u8>>, media: String) -> impl IntoView {
    let url = blob_url(&body, &media);
    let alt = format!("Response image ({media}, {})", format_size(body.len()));
    let revoke_url = url.clone();
    on_cleanup(move || revoke(&revoke_url));
    view! { <div class="image-body"><img src=url alt=alt/></div> }
}

/// Anything else: a hex dump, 16 bytes a row.
#[component]
fn HexView(body: Arc<Vec<u8>>) -> impl IntoView {
    let rows = body.len().div_ceil(HEX_WIDTH);
    view! {
        <VirtualRows count=Signal::derive(move || rows) class="hex" row=move |i| view! { <div class="vrow">{hex_row(&body, i)}</div> }/>
    }
}
