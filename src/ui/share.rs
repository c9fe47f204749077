//! The Share button: a link whose fragment holds the request, deflated by the browser's
//! CompressionStream and base64url-encoded; and restoring a request from such a link.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::curl_import::ImportNotice;
use crate::model::{
    fragment_bytes, share_fragment, Request, Session, SharePayload, SESSION_KEY, SHARE_KEY,
};

#[wasm_bindgen(inline_js = r#"
async function pipe(bytes, stream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}
export function deflate_raw(bytes) { return pipe(bytes, new CompressionStream("deflate-raw")); }
export function inflate_raw(bytes) { return pipe(bytes, new DecompressionStream("deflate-raw")); }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate_raw(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate_raw(bytes: &[u8]) -> Result<JsValue, JsValue>;
}

/// The share link for `request` on this page: `<page URL>#request=…`.
pub async fn share_link(request: &Request, include_secrets: bool) -> Option<String> {
    let secrets = if include_secrets {
        crate::model::Secrets::Include
    } else {
        crate::model::Secrets::LeaveOut
    };
    let json = SharePayload::new(request, &[], secrets).to_json();
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

/// The payload of the page's own share link, if the page was opened from one.
pub async fn payload_from_location() -> Option<SharePayload> {
    SharePayload::from_json(&json_from_location(SHARE_KEY).await?)
}

/// The session in the page's `#session=` fragment, if the page was opened with one.
pub async fn session_from_location() -> Option<Session> {
    Session::from_json(&json_from_location(SESSION_KEY).await?).ok()
}

/// Whether the page was opened with a session (`#session=…`) rather than a request.
pub fn location_has_session() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|hash| hash.starts_with(&format!("#{SESSION_KEY}")))
}

/// The JSON compressed after `key` in the page's fragment.
async fn json_from_location(key: &str) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let bytes = fragment_bytes(&hash, key)?;
    let inflated = inflate_raw(&bytes).await.ok()?;
    String::from_utf8(js_sys::Uint8Array::new(&inflated).to_vec()).ok()
}

/// Restores the request from the page's share link, saying which secrets the link left out
/// (`quiet`: only then); then calls `then` (whether or not there was a link).
pub fn restore_from_link(
    request: RwSignal<Request>,
    notice: RwSignal<Option<ImportNotice>>,
    quiet: bool,
    then: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        if let Some(payload) = payload_from_location().await {
            request.set(payload.request);
            let message = if payload.removed_secrets.is_empty() {
                Vec::new()
            } else {
                vec![format!(
                    "The link left out these secrets; fill them in before sending: {}.",
                    payload.removed_secrets.join(", ")
                )]
            };
            // Embedded, a link is how every widget opens: say so only when secrets are missing.
            if !(quiet && message.is_empty()) {
                notice.set(Some(ImportNotice::Restored(message)));
            }
        }
        then();
    });
}

/// The Share panel: include-secrets choice, the link, and Copy link.
#[component]
pub fn SharePanel(request: RwSignal<Request>, open: RwSignal<bool>) -> impl IntoView {
    let include_secrets = RwSignal::new(false);
    let link = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let snapshot = request.get();
        let include = include_secrets.get();
        leptos::task::spawn_local(async move {
            link.set(share_link(&snapshot, include).await.unwrap_or_default());
        });
    });
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let promise = window
                .navigator()
                .clipboard()
                .write_text(&link.get_untracked());
            leptos::task::spawn_local(async move {
                copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
            });
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="share-panel" role="dialog" aria-label="Share">
                <label class="row">
                    <input type="checkbox" prop:checked=move || include_secrets.get() on:change:target=move |ev| include_secrets.set(ev.target().checked())/>
                    "Include secrets (password, tokens, API key, Authorization and Cookie headers)"
                </label>
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
