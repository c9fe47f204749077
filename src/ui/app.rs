//! The whole playground: the request signal, the send action, and the layout.

use leptos::prelude::*;

use super::api_state::ApiState;
use super::code_panel::CodePanel;
use super::companion::{companion, starter};
use super::history_panel::{history_signal, with_skipped};
use super::lazy;
use super::on_send_shortcut;
use super::request_editor::RequestEditor;
use super::request_line::{RequestLine, ResetExample};
use super::response_panel::ResponsePanel;
use super::settle::Settled;
use super::share::{restore_from_link, LinkUse};
use super::socket::{socket_url_errors, SocketState};
use super::storage::{
    load_draft, provide_storage_notices, remember_embed_key, remove_text, save_draft,
};
use super::stream_view::PageProgress;
use super::topbar::Topbar;
use super::variables_editor::variables_signal;
use super::workspace::WorkspaceSignals;
use crate::codegen::{BodyOutput, Target};
use crate::model::{
    autorun_refusal, first_tab, is_socket_url, may_autorun, resolve_variables, secret_values,
    strip_secrets_except, substitute, EmbedOptions, HistoryEntry, Outcome, OutcomeKind, Request,
    Secrets, SocketStatus, ValidationError, Variable,
};
use crate::state::{Change, Edit, ImportNotice, RestoredFrom};
use crate::transport::{self, Canceller};
use crate::viewer::LiveStream;

/// The request with the environment's `{{variables}}` filled in (tracked), or why it cannot be.
fn resolve(
    request: RwSignal<Request>,
    environment: RwSignal<Vec<Variable>>,
) -> Result<Request, Vec<ValidationError>> {
    request.with(|r| environment.with(|e| resolve_variables(r, e)))
}

/// Where a playground is mounted, which decides what it may read of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mount {
    /// A page of its own (the full app, or an iframe widget): its address is its own, and a
    /// share link in it opens a request.
    #[default]
    Page,
    /// An `<http-playground>` element on someone else's page: only its own attributes count,
    /// never the host page's address.
    Element,
}

/// The playground. `storage_key` names the localStorage entry that keeps the draft.
#[component]
pub fn App(
    #[prop(into)] storage_key: String,
    /// Options of an embedded playground (`?embed=1&target=…`); none for the full app.
    #[prop(optional)]
    options: EmbedOptions,
    /// The request to start from when there is no draft (an embedding element's own).
    #[prop(default = None)]
    initial: Option<Request>,
    #[prop(optional)] mount: Mount,
) -> impl IntoView {
    let embed = options.embed;
    let companion = companion();
    let storage = provide_storage_notices();
    if embed {
        remember_embed_key(&storage_key);
    }
    let draft = load_draft(&storage_key);
    let displaced_key = format!("{storage_key}.displaced");
    let had_draft = draft.is_some();
    let starting = initial.unwrap_or_else(|| starter(&companion));
    // The author's example, which "Reset example" brings back: an element's attributes (known
    // now), or an iframe's link (read after the draft is shown, see `after`).
    let author = RwSignal::new(match mount {
        Mount::Element => Some(starting.clone()),
        Mount::Page => None,
    });
    let request = RwSignal::new(draft.unwrap_or_else(|| starting.clone()));
    let settled_views = Settled::follow(request);
    let settled = settled_views.request;
    // Sending through the companion server's proxy: offered when it has one.
    let via_proxy = RwSignal::new(false);
    let proxy = StoredValue::new(companion.proxy.clone());
    let (history, keep_secrets) = history_signal(&storage_key);
    // An embed's storage may belong to the host page's origin (an element widget runs there), and
    // lesson pages are many: its draft and variables are kept without secret values.
    let kept = if embed {
        Secrets::LeaveOut
    } else {
        Secrets::Include
    };
    let environment = variables_signal(&storage_key, kept);
    // The draft a link displaced stays stored until the reader takes it back or dismisses the
    // notice, so a reload (the link is gone from the address bar) does not lose it.
    let displaced = if embed {
        None
    } else {
        load_draft(&displaced_key)
    };
    let notice = RwSignal::new(displaced.map(|previous| ImportNotice::Restored {
        from: RestoredFrom::Link,
        lines: vec!["You opened a link over a draft earlier; that draft is kept.".to_owned()],
        previous: Some(previous),
        variables: Vec::new(),
    }));
    let ws = WorkspaceSignals {
        request,
        environment,
        history,
        notice,
    };
    // The example's own secret values (its author wrote them into the lesson, so they are not
    // the reader's): an embed's draft keeps those. `None` until an iframe's link is read;
    // nothing is saved before, so a draft never loses the example's own credentials.
    let author_values = RwSignal::new(match mount {
        Mount::Page if embed => None,
        _ => Some(secret_values(&starting)),
    });
    let draft_key = storage_key.clone();
    let save = move |r: &Request, known: &[String]| match kept {
        Secrets::Include => save_draft(&draft_key, r),
        Secrets::LeaveOut => save_draft(&draft_key, &strip_secrets_except(r, known).0),
    };
    let save_settled = save.clone();
    Effect::new(move |_| {
        settled_views.draft_due.track();
        let Some(known) = author_values.get() else {
            return;
        };
        settled.with_untracked(|r| save_settled(r, &known));
        settled_views.draft_pending.set_value(false);
    });
    // Leaving the page (or a phone putting it away, which may end it unannounced) within a
    // pause of typing still keeps the last keys typed.
    let flush = move || {
        let unsaved = settled_views.draft_pending.get_value()
            || request.with_untracked(|r| settled.with_untracked(|s| r != s));
        if let (true, Some(known)) = (unsaved, author_values.get_untracked()) {
            request.with_untracked(|r| save(r, &known));
        }
    };
    let flush_on_hide = flush.clone();
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| flush_on_hide());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    on_cleanup(move || {
        pagehide.remove();
        hidden.remove();
    });

    // What is validated, sent and shown as code is the request with its {{variables}} filled in.
    // Files a restored request needs are named at their rows too (sending needs them).
    let errors = Memo::new(move |_| match resolve(settled, environment) {
        Ok(request) if is_socket_url(&request.url) => socket_url_errors(&request.url),
        Ok(request) => {
            let mut errors = request.validate();
            errors.extend(request.missing_files());
            errors
        }
        Err(errors) => errors,
    });
    let canceller = StoredValue::new_local(Canceller::default());
    // Bytes of the body received so far, while it arrives; a stream's items as they come.
    let received = RwSignal::new(0_u64);
    let live: RwSignal<Option<LiveStream>> = RwSignal::new(None);
    // The request last answered, as sent, and whether its answer was binary: its code then
    // writes bytes, until the request changes.
    let answered: RwSignal<Option<(Request, BodyOutput)>> = RwSignal::new(None);
    let send_action: Action<Request, Outcome> = Action::new_local(move |r: &Request| {
        let resolved = environment.with_untracked(|e| resolve_variables(r, e));
        // History keeps the request as typed: `{{token}}`, never the variable's value.
        let typed = r.clone();
        let canceller = canceller.get_value();
        let through = if via_proxy.get_untracked() {
            proxy.get_value()
        } else {
            None
        };
        async move {
            // An undefined variable is caught here: nothing is sent.
            let request = match resolved {
                Ok(request) => request,
                Err(errors) => return Outcome::Invalid(errors),
            };
            let sent_at_ms = js_sys::Date::now() as u64;
            let progress = PageProgress::start(received, live);
            let outcome =
                transport::send_with_progress(request.clone(), canceller, through, &progress).await;
            progress.finish();
            // History is of requests sent; one caught by validation was not. An embed has no
            // history to show, so it keeps none.
            if let Outcome::Response(response) = &outcome {
                answered.set(Some((request.clone(), BodyOutput::of(response))));
            }
            if outcome.kind() != OutcomeKind::Invalid && !embed {
                let secrets = Secrets::included_if(keep_secrets.get_untracked());
                let entry = HistoryEntry::new(&typed, &outcome, sent_at_ms, secrets);
                ws.apply(Change::Record(entry));
            }
            outcome
        }
    });
    // Compared as sent (variables filled in), so a changed variable counts as a change.
    let output = Memo::new(move |_| {
        answered.with(|a| match a {
            Some((sent, output)) if resolve(settled, environment).is_ok_and(|r| &r == sent) => {
                *output
            }
            _ => BodyOutput::Text,
        })
    });
    let pending = send_action.pending();
    // A ws:// or wss:// URL makes the form a WebSocket connection: Send connects (ui/socket.rs).
    let socket = SocketState::new();
    // The URL with its variables filled in, or the names it uses that are not defined.
    let resolved_url =
        Memo::new(move |_| request.with(|r| environment.with(|e| substitute(r.url.trim(), e))));
    let is_socket = Memo::new(move |_| {
        resolved_url.with(|u| {
            u.as_ref().map_or_else(
                |_| request.with(|r| is_socket_url(&r.url)),
                |u| is_socket_url(u),
            )
        })
    });
    let socket_url = Signal::derive(move || {
        resolved_url.with(|u| {
            u.clone()
                .unwrap_or_else(|_| request.with(|r| r.url.clone()))
        })
    });
    let send = move || {
        if is_socket.get_untracked() {
            // As for a request, a variable that is not defined is named and nothing is opened.
            match resolved_url.get_untracked() {
                Ok(url) => leptos::task::spawn_local(async move {
                    let _ = lazy::socket_toggle(socket, url).await;
                }),
                Err(names) => socket.problem.set(Some(format!(
                    "URL: define {} in Variables first; the connection was not opened.",
                    names
                        .iter()
                        .map(|n| format!("{{{{{n}}}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            }
        } else if !pending.get_untracked() {
            lazy::fetch_response_view();
            live.set(None);
            send_action.dispatch_local(request.get_untracked());
        }
    };
    let cancel = move || canceller.with_value(Canceller::cancel);

    // The tab asked for (`tab=body`), or Body for an embedded request with a body; set again
    // once an iframe's link has opened, unless the reader has picked a tab by then.
    let opening_tab = request.with_untracked(|r| first_tab(&options, r));
    let tab = RwSignal::new(opening_tab);
    if !embed {
        Effect::new(move |_| {
            notice.with(|n| match n {
                Some(ImportNotice::Restored {
                    previous: Some(draft),
                    ..
                }) => save_draft(&displaced_key, draft),
                None => remove_text(&displaced_key),
                Some(_) => {}
            })
        });
    }
    // A link's `spec=…&operation=…`: an embed's draft wins over its operation (as over its
    // request); the full app forgets them once read, so a reload keeps the reader's edits.
    let operation = options.operation.clone().filter(|_| !(embed && had_draft));
    let forget = !embed && mount == Mount::Page;
    let api = ApiState::new(options.spec.clone(), operation, starting.clone(), forget);
    // Links are inert until the reader acts. A share link in the full app's address replaces
    // the form (the displaced draft one click away) and sends nothing; an iframe widget opens
    // its link unless the reader has a draft of it; an element widget reads only its own
    // attributes. Then an embed's `autorun` sends, but only a request that uses no variables:
    // a link must not spend the reader's values.
    let options_after = options.clone();
    let starting_after = starting.clone();
    let after = move |linked: Option<Request>| {
        if author_values.get_untracked().is_none() {
            let example = linked.as_ref().map(secret_values).unwrap_or_default();
            author_values.set(Some(example));
        }
        let opened = request.get_untracked();
        if embed && author.get_untracked().is_none() {
            author.set(Some(
                linked.clone().unwrap_or_else(|| starting_after.clone()),
            ));
        }
        if tab.get_untracked() == opening_tab {
            tab.set(first_tab(&options_after, &opened));
        }
        if may_autorun(&opened, &options_after) {
            send();
        } else if let Some(why) = autorun_refusal(&opened, &options_after) {
            ws.apply(Change::NotSent(why.to_owned()));
        }
    };
    match mount {
        Mount::Element => request_animation_frame(move || after(None)),
        Mount::Page => {
            let use_ = match (embed, had_draft) {
                (false, _) => LinkUse::App,
                (true, false) => LinkUse::Embed,
                (true, true) => LinkUse::EmbedBehindDraft,
            };
            restore_from_link(ws, use_, starting, after);
        }
    }
    // Embedded, the reader's draft wins on reload; "Reset example" brings the author's back
    // (enabled once it differs). The full app has no author's example.
    let reset = embed.then(|| ResetExample {
        changed: Signal::derive(move || {
            author.with(|a| a.as_ref().is_some_and(|a| request.with(|r| r != a)))
        }),
        reset: Callback::new(move |()| {
            if let Some(example) = author.get_untracked() {
                ws.edit(Edit::Replace(example));
            }
        }),
    });

    // In a WebSocket, Ctrl/⌘ + Enter connects; only the button disconnects (the Message box
    // sends with it).
    let on_keydown = on_send_shortcut(move || {
        if !is_socket.get_untracked() || !socket.status.with_untracked(SocketStatus::is_active) {
            send();
        }
    });
    lazy::preload_when_idle();

    view! {
        <div class="playground" class:embed=embed on:keydown=on_keydown>
            // Embedded, the lesson around it is the header; no import, share or history.
            {(!embed).then(|| view! { <Topbar ws environment api/> })}
            // An API description: its operations and the chosen one's form (loaded when opened).
            {lazy::loaded_while(move || api.open.get(), lazy::preload_api_panel, move || lazy::api_panel(ws, api))}
            <RequestLine ws errors pending send=Callback::new(move |()| send()) cancel=Callback::new(move |()| cancel()) readonly_url=options.readonly_url readonly_method=options.readonly_method reset socket=(is_socket, socket)/>
            {lazy::loaded_while(move || ws.notice.with(Option::is_some), lazy::preload_notice_bar, move || lazy::notice_bar(ws))}
            {move || storage.refused.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
            {move || storage.skipped.with(|lines| (!lines.is_empty()).then(|| {
                let shown = with_skipped("Some stored entries could not be read and were skipped; the rest loaded.".to_owned(), lines);
                view! {
                    <div class="notice error" role="alert">
                        <span>{shown}</span>
                        <button type="button" class="icon" aria-label="Dismiss" on:click=move |_| storage.skipped.set(Vec::new())>"×"</button>
                    </div>
                }
            }))}
            // A WebSocket URL shows the connection's composer, messages and code instead (one
            // part, loaded on first use); the request's workspace stays as it was, hidden.
            {move || is_socket.get().then(|| view! {
                <div class="workspace">{lazy::loaded(lazy::preload_socket_view, move || lazy::socket_view(socket, socket_url))}</div>
            })}
            <div class="workspace" hidden=move || is_socket.get()>
                <div class="editor">
                    <RequestEditor ws errors tab json_hint=settled_views.json_hint()/>
                </div>
                <div class="side">
                    {lazy::loaded_while(move || api.form.with(Option::is_some), lazy::preload_response_check, move || lazy::response_check(api, Signal::derive(move || send_action.value().get()), Signal::derive(move || answered.with(|a| a.as_ref().map(|(r, _)| r.clone())))))}
                    <ResponsePanel outcome=send_action.value() pending request received live stop=Callback::new(move |()| cancel()) via_proxy=companion.proxy.is_some().then_some(via_proxy)/>
                    {(!embed).then(|| view! {
                        {lazy::loaded(lazy::preload_history_panel, move || lazy::history_panel(ws, keep_secrets))}
                    })}
                </div>
                // Its own grid item: under the request (the response beside both) on wide screens,
                // after the response on narrow ones (style/main.css).
                <CodePanel request=settled environment output first=options.target.as_deref().and_then(Target::from_id)/>
            </div>
        </div>
    }
}
