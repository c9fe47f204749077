//! The parts of the app loaded on first use. In the release build (`--features split`, then
//! wasm-split-cli in scripts/build-release.sh) each `lazy_part!` function, and the code only it
//! reaches, moves into a module of its own, fetched the first time the function is called or
//! its part is preloaded ([`preload_when_idle`]); without the feature they are plain async
//! functions in the one module, so `trunk serve` and the wasm tests need no split step.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::api_state::ApiState;
use super::socket::SocketState;
use super::workspace::WorkspaceSignals;
use crate::codegen::{BodyOutput, Target};
use crate::import::CurlImport;
use crate::model::{EmbedOptions, HttpResponse, Outcome, Request, ValidationError, Variable};
use crate::viewer::LiveStream;

/// The body runs untracked, as a component's does: [`loaded`] builds it inside a reactive
/// closure that must re-run only when the module arrives.
///
/// `pub fn name(args) -> T { body }`, called as `name(args).await` and giving
/// `Result<T, NotLoaded>`, and `preload_name()`, which fetches its module without calling it.
/// Under the `split` feature: wasm-split's split point (as Leptos' `#[lazy]` makes it, but
/// `fallible`, so a module that fails to load is an error to show, not a panic that kills the
/// page); else an async function that cannot fail and a preload that does nothing.
macro_rules! lazy_part {
    ($(#[$meta:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        paste::paste! {
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split(
                $name,
                wasm_split_path = ::leptos::wasm_split,
                preload(#[doc(hidden)] [<__preload_ $name>]),
                fallible
            )]
            fn [<$name _split>]($($arg: $ty),*) -> Result<$ret, NotLoaded> {
                Ok(untrack(move || $body))
            }

            $(#[$meta])*
            #[cfg(feature = "split")]
            pub async fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
                [<$name _split>]($($arg),*).await
            }

            $(#[$meta])*
            #[cfg(not(feature = "split"))]
            pub async fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
                Ok(untrack(move || $body))
            }

            #[cfg(feature = "split")]
            #[doc = concat!("Fetches the module of [`", stringify!($name), "`] without calling it.")]
            pub async fn [<preload_ $name>]() -> Result<(), NotLoaded> {
                [<__preload_ $name>]().await.map_err(NotLoaded::from)
            }

            #[cfg(not(feature = "split"))]
            #[doc = concat!("[`", stringify!($name), "`] is in the one module: nothing to fetch.")]
            pub async fn [<preload_ $name>]() -> Result<(), NotLoaded> {
                Ok(())
            }
        }
    };
}

/// A part's module could not be fetched (the network failed or the server is gone).
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

impl NotLoaded {
    pub const MESSAGE: &'static str =
        "This part of the playground could not be loaded. Check the connection and try again.";
}

/// The part's view, or a message in its place when its module could not be fetched.
pub fn or_message(part: Result<AnyView, NotLoaded>) -> AnyView {
    part.unwrap_or_else(|_| {
        view! { <p class="notice error" role="alert">{NotLoaded::MESSAGE}</p> }.into_any()
    })
}

/// A lazily loaded part in the page: nothing until its module has arrived (`preload()`), then
/// `build()`'s view; if the module could not be fetched, a message and a Retry button.
///
/// The view is built in this closure's reactive owner, as any component is, not inside a
/// `Suspend`: a view built in a Suspend's future owns its signals elsewhere than its readers,
/// and disposing it (a body-type change, an unmount) could run a reader on a disposed signal (a
/// panic). Once the module is here, `build()` finishes at its first poll.
pub fn loaded<P, F>(
    preload: impl Fn() -> P + Copy + Send + Sync + 'static,
    build: impl Fn() -> F + Send + Sync + 'static,
) -> impl IntoView
where
    P: std::future::Future<Output = Result<(), NotLoaded>> + 'static,
    F: std::future::Future<Output = Result<AnyView, NotLoaded>>,
{
    use futures::FutureExt;
    // None while fetching; then whether the module is here.
    let state: RwSignal<Option<bool>> = RwSignal::new(None);
    let fetch = move || {
        let _ = state.try_set(None);
        leptos::task::spawn_local(async move {
            let here = preload().await.is_ok();
            // The part may have been closed meanwhile.
            let _ = state.try_set(Some(here));
        });
    };
    fetch();
    move || match state.get() {
        None => None,
        Some(true) => Some(or_message(build().now_or_never().unwrap_or(Err(NotLoaded)))),
        Some(false) => Some(
            view! {
                <p class="notice error" role="alert">
                    {NotLoaded::MESSAGE} " "
                    <button type="button" class="small" on:click=move |_| fetch()>"Retry"</button>
                </p>
            }
            .into_any(),
        ),
    }
}

/// [`loaded`] while `shown()` holds (a panel that is open, a notice that is there): the part's
/// module is fetched the first time it does.
pub fn loaded_while<P, F, B>(
    shown: impl Fn() -> bool + Send + Sync + 'static,
    preload: impl Fn() -> P + Copy + Send + Sync + 'static,
    build: B,
) -> impl IntoView
where
    P: std::future::Future<Output = Result<(), NotLoaded>> + 'static,
    F: std::future::Future<Output = Result<AnyView, NotLoaded>> + 'static,
    B: Fn() -> F + Clone + Send + Sync + 'static,
{
    // Drawn again only when `shown()` changes, not whenever what it reads does.
    let shown = Memo::new(move |_| shown());
    move || {
        shown
            .get()
            .then(|| loaded(preload, build.clone()).into_any())
    }
}

lazy_part! {
    /// The `#session=` page: several requests run one after another or at once.
    pub fn session_page(storage_key: String, options: EmbedOptions) -> AnyView {
        view! { <super::SessionPlayground storage_key options/> }.into_any()
    }
}

lazy_part! {
    /// The code of a tab other than the default one (its generator and the seven others).
    pub fn target_code(
        target: Target,
        request: Request,
        environment: Vec<Variable>,
        as_constants: bool,
        output: BodyOutput,
    ) -> String {
        target.generate_for(&request, &environment, as_constants, output)
    }
}

lazy_part! {
    /// The History region: entries, restore, export and import.
    pub fn history_panel(ws: WorkspaceSignals, keep_secrets: RwSignal<bool>) -> AnyView {
        view! { <super::history_panel::HistoryPanel ws keep_secrets/> }.into_any()
    }
}

lazy_part! {
    /// The Share dialog: the link, secrets, variables, the embed code.
    pub fn share_panel(
        request: RwSignal<Request>,
        environment: RwSignal<Vec<Variable>>,
        open: RwSignal<bool>,
    ) -> AnyView {
        view! { <super::share::SharePanel request environment open/> }.into_any()
    }
}

lazy_part! {
    /// The Variables tab: the table of variables, export and import.
    pub fn variables_editor(ws: WorkspaceSignals) -> AnyView {
        view! { <super::variables_editor::VariablesEditor ws/> }.into_any()
    }
}

lazy_part! {
    /// The multipart form's rows.
    pub fn multipart_editor(ws: WorkspaceSignals, errors: Memo<Vec<ValidationError>>) -> AnyView {
        view! { <super::multipart_editor::MultipartEditor ws errors/> }.into_any()
    }
}

lazy_part! {
    /// The file body's file and type.
    pub fn binary_file_editor(ws: WorkspaceSignals, errors: Memo<Vec<ValidationError>>) -> AnyView {
        view! { <super::multipart_editor::BinaryFileEditor ws errors/> }.into_any()
    }
}

/// Fetches every part's module once the page is idle (after the first screen has drawn), so
/// that opening one later does not wait for the network. Each is fetched after the last.
pub fn preload_when_idle() {
    let preload = || {
        leptos::task::spawn_local(async {
            // A module that fails now is fetched again when its part is opened.
            let _ = preload_response_view().await;
            let _ = preload_stream_view().await;
            let _ = preload_target_code().await;
            let _ = preload_body_editor().await;
            let _ = preload_auth_editor().await;
            let _ = preload_history_panel().await;
            let _ = preload_variables_editor().await;
            let _ = preload_share_panel().await;
            let _ = preload_multipart_editor().await;
            let _ = preload_binary_file_editor().await;
            let _ = preload_curl_import().await;
            let _ = preload_curl_import_panel().await;
            let _ = preload_socket_view().await;
            let _ = preload_notice_bar().await;
        })
    };
    let window = web_sys::window();
    let idle = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &"requestIdleCallback".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let callback = wasm_bindgen::closure::Closure::once_into_js(preload);
    match (window, idle) {
        (Some(window), Some(idle)) => {
            let _ = idle.call1(&window, &callback);
        }
        // Safari has no requestIdleCallback: after the current task instead.
        (Some(window), None) => {
            let _ = window.set_timeout_with_callback(callback.unchecked_ref());
        }
        (None, _) => {}
    }
}

lazy_part! {
    /// The Auth tab.
    pub fn auth_editor(ws: WorkspaceSignals, errors: Memo<Vec<ValidationError>>) -> AnyView {
        view! { <super::auth_editor::AuthEditor ws errors/> }.into_any()
    }
}

lazy_part! {
    /// The Body tab: the body types, the windowed text editor, form fields.
    pub fn body_editor(
        ws: WorkspaceSignals,
        errors: Memo<Vec<ValidationError>>,
        hint: Signal<Option<String>>,
    ) -> AnyView {
        view! { <super::body_editor::BodyEditor ws errors hint/> }.into_any()
    }
}

lazy_part! {
    /// The curl importer (a pasted command, the Import panel): the request and what was left
    /// out, or why the command cannot be read.
    pub fn curl_import(command: String) -> Result<CurlImport, String> {
        crate::import::import_curl(&command).map_err(|e| e.to_string())
    }
}

/// Starts fetching a response's view (Send calls it: the module arrives while the request is
/// out).
pub fn fetch_response_view() {
    leptos::task::spawn_local(async {
        let _ = preload_response_view().await;
    });
}

lazy_part! {
    /// A response's view: status, metrics, headers and the body viewer; a stream's items.
    pub fn response_view(
        response: HttpResponse,
        live: Option<RwSignal<Option<LiveStream>>>,
    ) -> AnyView {
        view! { <super::response_panel::ResponseView response live/> }.into_any()
    }
}

lazy_part! {
    /// The Import curl panel, while open.
    pub fn curl_import_panel(ws: WorkspaceSignals, open: RwSignal<bool>) -> AnyView {
        view! { <super::curl_import::CurlImportPanel ws open/> }.into_any()
    }
}

lazy_part! {
    /// The API description panel: open a description, the Operations list, the chosen
    /// operation's form.
    pub fn api_panel(ws: WorkspaceSignals, api: ApiState) -> AnyView {
        view! { <super::api_panel::ApiPanel ws api/> }.into_any()
    }
}

lazy_part! {
    /// The last answer checked against the chosen operation's description.
    pub fn response_check(
        api: ApiState,
        outcome: Signal<Option<Outcome>>,
        sent: Signal<Option<Request>>,
    ) -> AnyView {
        view! { <super::api_check::ResponseCheckView api outcome sent/> }.into_any()
    }
}

lazy_part! {
    /// The notice above the form (an import, a link or history entry opened, nothing sent),
    /// while there is one.
    pub fn notice_bar(ws: WorkspaceSignals) -> AnyView {
        view! { <super::curl_import::ImportNoticeBar ws/> }.into_any()
    }
}

lazy_part! {
    /// A streamed response's items as they arrive (Server-Sent Events, JSON Lines).
    pub fn stream_view(live: RwSignal<Option<LiveStream>>, stop: Option<Callback<()>>) -> AnyView {
        view! { <super::stream_view::StreamView live stop/> }.into_any()
    }
}

lazy_part! {
    /// A WebSocket connection's view, shown for a ws:// or wss:// URL: the composer, the
    /// Messages region and the four clients' code, in the editor's, the response's and the
    /// code's places.
    pub fn socket_view(state: SocketState, url: Signal<String>) -> AnyView {
        use super::socket_view::{SocketCode, SocketComposer, SocketMessages};
        view! {
            <div class="editor"><SocketComposer state/></div>
            <div class="side"><SocketMessages state url/></div>
            <SocketCode state url/>
        }
        .into_any()
    }
}

lazy_part! {
    /// Connect, or Disconnect an open connection.
    pub fn socket_toggle(state: SocketState, url: String) -> () {
        super::socket_connection::toggle(state, url)
    }
}
