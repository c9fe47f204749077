//! The Share button: a link whose fragment holds the request, deflated by the browser's
//! CompressionStream and base64url-encoded; and restoring a request from such a link.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::clipboard::write_clipboard;
use super::workspace::WorkspaceSignals;
use crate::model::{
    fragment_bytes, link_too_large_message, share_fragment, variables_to_share, Request, Secrets,
    Session, SharePayload, Variable, MAX_LINK_JSON, SESSION_KEY, SHARE_KEY,
};
use crate::state::{Change, LinkOpening};

#[wasm_bindgen(inline_js = r#"
async function pipe(bytes, stream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}
export function deflate_raw(bytes) { return pipe(bytes, new CompressionStream("deflate-raw")); }
// Stops reading past `limit` bytes: a few kilobytes of link can inflate to gigabytes.
export async function inflate_raw(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError("over the limit");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate_raw(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate_raw(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;
}

/// The share link for `request` on this page: `<page URL>#request=…`, carrying the variables of
/// `environment` it uses (secret ones only with [`Secrets::Include`]).
pub async fn share_link(
    request: &Request,
    environment: &[Variable],
    secrets: Secrets,
) -> Option<String> {
    let json = SharePayload::new(request, environment, secrets).to_json();
    let compressed = deflate_raw(json.as_bytes()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&compressed).to_vec();
    let location = web_sys::window()?.location();
    let base = format!(
        "{}{}{}",
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?
    );
    Some(format!("{base}#{}", share_fragment(&bytes)))
}

/// Why the page's link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// Over [`MAX_LINK_JSON`] once inflated.
    TooLarge,
    /// Not a link this playground wrote (cut off, or not compressed JSON).
    Unreadable,
}

impl LinkProblem {
    pub fn message(&self) -> String {
        match self {
            LinkProblem::TooLarge => link_too_large_message(),
            LinkProblem::Unreadable => "This link's request could not be read (it may have been cut off when it was copied). Nothing was changed.".to_owned(),
        }
    }
}

/// The payload of the page's own share link, if the page was opened from one.
pub async fn payload_from_location() -> Result<Option<SharePayload>, LinkProblem> {
    let Some(json) = json_from_location(SHARE_KEY).await? else {
        return Ok(None);
    };
    SharePayload::from_json(&json)
        .map(Some)
        .ok_or(LinkProblem::Unreadable)
}

/// The session in the page's `#session=` fragment, if the page was opened with one.
pub async fn session_from_location() -> Result<Option<Session>, LinkProblem> {
    let Some(json) = json_from_location(SESSION_KEY).await? else {
        return Ok(None);
    };
    Session::from_json(&json)
        .map(Some)
        .map_err(|_| LinkProblem::Unreadable)
}

/// Whether the page was opened with a session (`#session=…`) rather than a request.
pub fn location_has_session() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|hash| hash.starts_with(&format!("#{SESSION_KEY}")))
}

/// The JSON compressed after `key` in the page's fragment, at most [`MAX_LINK_JSON`] bytes.
async fn json_from_location(key: &str) -> Result<Option<String>, LinkProblem> {
    let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) else {
        return Ok(None);
    };
    if !hash.starts_with(&format!("#{key}")) {
        return Ok(None);
    }
    let bytes = fragment_bytes(&hash, key).ok_or(LinkProblem::Unreadable)?;
    let inflated = inflate_raw(&bytes, MAX_LINK_JSON as f64)
        .await
        .map_err(|error| {
            if error.is_instance_of::<js_sys::RangeError>() {
                LinkProblem::TooLarge
            } else {
                LinkProblem::Unreadable
            }
        })?;
    String::from_utf8(js_sys::Uint8Array::new(&inflated).to_vec())
        .map(Some)
        .map_err(|_| LinkProblem::Unreadable)
}

/// Takes the fragment out of the address bar once its request is in the form, so a reload
/// keeps the reader's edits instead of applying the link again.
fn forget_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// How the page treats its link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkUse {
    /// The full app: the link replaces the form (the draft it displaces stays one click away),
    /// is said in a notice, and leaves the address bar.
    App,
    /// An iframe widget: the link is how it opens, said only when secrets are missing; the
    /// fragment stays (it names the widget's own draft).
    Embed,
    /// An iframe widget the reader has a draft of: the draft wins, the link is only read.
    EmbedBehindDraft,
}

/// Restores the request from the page's share link; `starter` is the request a fresh page
/// shows (a draft equal to it is not worth keeping). Then calls `then` with the link's request,
/// if there was one. Nothing is sent here.
pub fn restore_from_link(
    ws: WorkspaceSignals,
    use_: LinkUse,
    starter: Request,
    then: impl FnOnce(Option<Request>) + 'static,
) {
    leptos::task::spawn_local(async move {
        let mut linked = None;
        match payload_from_location().await {
            Ok(Some(payload)) if use_ == LinkUse::EmbedBehindDraft => {
                linked = Some(payload.request);
            }
            Ok(Some(payload)) => {
                linked = Some(payload.request.clone());
                let opening = match use_ {
                    LinkUse::App => LinkOpening::App,
                    _ => LinkOpening::Embed,
                };
                ws.apply(Change::OpenLink {
                    payload,
                    opening,
                    starter,
                });
                if use_ == LinkUse::App {
                    forget_fragment();
                }
            }
            Ok(None) => {}
            Err(problem) => {
                ws.apply(Change::LinkFailed(problem.message()));
            }
        }
        then(linked);
    });
}

/// The Share panel: include-secrets choice, the variables the request uses (the non-secret ones
/// offered to travel in the link), the link, and Copy link.
#[component]
pub fn SharePanel(
    request: RwSignal<Request>,
    environment: RwSignal<Vec<Variable>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let include_secrets = RwSignal::new(false);
    let carry_variables = RwSignal::new(false);
    let link = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    let secrets = move || Secrets::included_if(include_secrets.get());
    // What the link would carry and withhold of the variables the request uses.
    let shared = Memo::new(move |_| {
        let secrets = secrets();
        request.with(|r| environment.with(|e| variables_to_share(r, e, secrets)))
    });
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let snapshot = request.get();
        let secrets = secrets();
        let variables = if carry_variables.get() {
            environment.get()
        } else {
            Vec::new()
        };
        leptos::task::spawn_local(async move {
            link.set(
                share_link(&snapshot, &variables, secrets)
                    .await
                    .unwrap_or_default(),
            );
        });
    });
    let copy = move |_| write_clipboard(&link.get_untracked(), move |ok| copied.set(ok));
    let names = |variables: &[Variable]| {
        variables
            .iter()
            .map(|v| v.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <Show when=move || open.get()>
            <div class="share-panel" role="dialog" aria-label="Share">
                <label class="row">
                    <input type="checkbox" prop:checked=move || include_secrets.get() on:change:target=move |ev| include_secrets.set(ev.target().checked())/>
                    "Include secrets (passwords, tokens, API keys, credential headers, params and form fields, secret variables)"
                </label>
                {move || shared.with(|(carried, withheld)| {
                    (!carried.is_empty() || !withheld.is_empty()).then(|| {
                        let carried_names = names(carried);
                        let withheld_text = (!withheld.is_empty()).then(|| format!(
                            "Not in the link (secret): {}. The recipient fills them in under Variables.",
                            withheld.join(", ")
                        ));
                        view! {
                            <div class="share-variables">
                                {(!carried.is_empty()).then(|| view! {
                                    <label class="row">
                                        <input type="checkbox" prop:checked=move || carry_variables.get() on:change:target=move |ev| carry_variables.set(ev.target().checked())/>
                                        {format!("Carry the variables it uses in the link, so the recipient can send it: {carried_names}")}
                                    </label>
                                })}
                                {withheld_text.map(|text| view! { <p class="muted">{text}</p> })}
                            </div>
                        }
                    })
                })}
                <div class="row">
                    <input class="share-link" type="text" readonly aria-label="Share link" prop:value=move || link.get()/>
                    <button type="button" class="primary" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy link" }}</button>
                    <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                </div>
                <p class="muted">{move || format!("{} characters. The request travels in the # part, which browsers never send to a server.", link.with(String::len))}</p>
            </div>
        </Show>
    }
}
