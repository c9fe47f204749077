//! A session widget (`index.html?embed=1#session=…`): several requests sharing default headers,
//! run one after another or all at once, a timing waterfall of each way, and the whole session
//! as one Python program (`requests.Session`, `httpx.Client`, `asyncio.gather`).

use leptos::prelude::*;

use super::code_panel::CodeView;
use super::key_value_table::KeyValueTable;
use super::refused_note::BrowserRefusedNote;
use super::response_panel::outcome_view;
use super::share::session_from_location;
use super::storage::{load_text, provide_storage_notices, remember_embed_key, save_text};
use super::{on_send_shortcut, this_browser};
use crate::codegen::{python_session, Target};
use crate::model::{
    apply_url_input, format_millis, session_secret_values, strip_session_secrets_except,
    url_input_text, EmbedOptions, Field, Request, Session, SESSION_LIMIT, STANDARD_METHODS,
};
use crate::state::{
    outcome_label, percent, refused_headers, session_header_problems, whole_ms, Mode, RowsEdit,
    Run, SessionRun,
};
use crate::transport::{send_session, Canceller};

#[component]
pub fn SessionPlayground(
    /// Where the draft is kept (a reader's edits survive a reload).
    #[prop(into)]
    storage_key: String,
    #[prop(optional)] options: EmbedOptions,
) -> impl IntoView {
    let storage = provide_storage_notices();
    let embed = options.embed;
    if embed {
        remember_embed_key(&storage_key);
    }
    let draft_key = format!("{storage_key}/session");
    let draft = load_text(&draft_key).and_then(|json| Session::from_json(&json).ok());
    let had_draft = draft.is_some();
    // The example's own secret values (an embed's draft keeps only those, as the app's does):
    // the draft's, or the link's once read; nothing is saved before.
    let known = RwSignal::new(draft.as_ref().map(session_secret_values));
    let session = RwSignal::new(draft.unwrap_or_default());
    Effect::new(move |_| {
        let Some(known) = known.get() else {
            return;
        };
        session.with(|s| {
            if s.requests.is_empty() {
                return;
            }
            let kept = if embed {
                strip_session_secrets_except(s, &known)
            } else {
                s.clone()
            };
            save_text(&draft_key, &kept.to_json());
        })
    });

    // The runs, the statuses and the member shown: src/state/session_run.rs.
    let runs = RwSignal::new(SessionRun::default());
    let cancellers = StoredValue::new_local(Vec::<Canceller>::new());
    let stopped = RwSignal::new(false);
    // Each dispatch runs the session in the ways listed, in order: Compare runs both.
    let run_action: Action<Vec<Mode>, ()> = Action::new_local(move |modes: &Vec<Mode>| {
        let modes = modes.clone();
        stopped.set(false);
        async move {
            for mode in modes {
                if stopped.get_untracked() {
                    break;
                }
                let requests = session.with_untracked(Session::effective_requests);
                let members: Vec<Canceller> =
                    requests.iter().map(|_| Canceller::default()).collect();
                cancellers.set_value(members.clone());
                let results = send_session(requests, mode, members).await;
                runs.update(|r| r.record(Run { mode, results }));
            }
        }
    });
    let pending = run_action.pending();
    let run = move |modes: Vec<Mode>| {
        if !pending.get_untracked() {
            run_action.dispatch_local(modes);
        }
    };
    let run_chosen = move || run(vec![session.with_untracked(Mode::of)]);
    let cancel = move || {
        stopped.set(true);
        cancellers.with_value(|all| all.iter().for_each(Canceller::cancel));
    };

    // Opened from a lesson: the session in the link, unless the reader's draft is newer.
    // Only an embedded session runs by itself (sessions have no variables to spend).
    let autorun = options.autorun && options.embed;
    let link_problem = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if !had_draft {
            match session_from_location().await {
                Ok(Some(linked)) => {
                    known.set(Some(session_secret_values(&linked)));
                    session.set(linked);
                }
                Ok(None) => {}
                Err(problem) => link_problem.set(Some(problem.message())),
            }
        }
        if known.get_untracked().is_none() {
            known.set(Some(Vec::new()));
        }
        if autorun {
            run_chosen();
        }
    });

    let header_errors = Memo::new(move |_| session.with(|s| session_header_problems(&s.headers)));
    let first = options
        .target
        .as_deref()
        .and_then(Target::from_id)
        .filter(|t| Target::SESSION.contains(t))
        .unwrap_or(Target::PythonRequests);
    let target = RwSignal::new(first);
    let code = Memo::new(move |_| {
        let target = target.get();
        session.with(|s| python_session(s, target).unwrap_or_default())
    });
    let count = Memo::new(move |_| session.with(|s| s.requests.len()));
    let browser = this_browser();
    let refused = move || session.with(|s| refused_headers(s, browser));
    let on_keydown = on_send_shortcut(run_chosen);
    let (readonly_url, readonly_method) = (options.readonly_url, options.readonly_method);

    view! {
        <div class="playground embed session-playground" on:keydown=on_keydown>
            {move || link_problem.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
            {move || storage.refused.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
            <div class="request-line session-line">
                <strong class="session-title">{move || format!("Session · {} requests", count.get())}</strong>
                <div class="modes" role="radiogroup" aria-label="How to run">
                    {Mode::BOTH.map(|mode| view! {
                        <label class="mode">
                            <input
                                type="radio"
                                name="session-mode"
                                prop:checked=move || session.with(|s| Mode::of(s) == mode)
                                on:change=move |_| session.update(|s| mode.apply(s))
                            />
                            {format!(" {}", mode.choice())}
                        </label>
                    })}
                </div>
                <Show
                    when=move || pending.get()
                    fallback=move || view! {
                        <button type="button" class="send primary" on:click=move |_| run_chosen()>"Run"</button>
                        <button type="button" on:click=move |_| run(Mode::BOTH.to_vec())>"Compare both ways"</button>
                    }
                >
                    <button type="button" class="cancel" on:click=move |_| cancel()>"Cancel"</button>
                </Show>
            </div>
            <div class="workspace">
                <div class="editor">
                    <ol class="members" aria-label="Requests">
                        <For each=move || 0..count.get() key=|i| *i children=move |i| {
                            view! { <Member session runs index=i readonly_url readonly_method/> }
                        }/>
                    </ol>
                    <Show when=move || { count.get() < SESSION_LIMIT && !readonly_url }>
                        <button type="button" class="add" on:click=move |_| session.update(|s| {
                            let url = s.requests.last().map(|r| r.url.clone()).unwrap_or_default();
                            s.requests.push(Request { url, ..Request::default() });
                        })>"+ Add request"</button>
                    </Show>
                    <h3 class="section-title">"Headers sent with every request"</h3>
                    <KeyValueTable
                        request=session
                        errors=header_errors
                        label="Session header"
                        rows=|s: &Session| Some(&s.headers)
                        change=Callback::new(move |edit: RowsEdit| session.update(|s| edit.apply(&mut s.headers)))
                        field=Field::Header
                    />
                    <BrowserRefusedNote refused=Signal::derive(refused)/>
                    <CodeView targets=&Target::SESSION target code/>
                </div>
                <div class="side">
                    <Waterfall runs/>
                    <section class="response" aria-label="Response">
                        <h2>{move || format!("Response · request {}", runs.with(SessionRun::selected) + 1)}</h2>
                        {move || outcome_view(runs.with(|r| r.shown_outcome().cloned()), None, None)}
                    </section>
                </div>
            </div>
        </div>
    }
}

/// One member of the session: method, URL (with its query), its latest status, remove.
#[component]
fn Member(
    session: RwSignal<Session>,
    runs: RwSignal<SessionRun>,
    index: usize,
    readonly_url: bool,
    readonly_method: bool,
) -> impl IntoView {
    let n = index + 1;
    let read = move |f: fn(&Request) -> String| {
        move || session.with(|s| s.requests.get(index).map(f).unwrap_or_default())
    };
    let edit = move |f: Box<dyn FnOnce(&mut Request)>| {
        session.update(|s| {
            if let Some(request) = s.requests.get_mut(index) {
                f(request);
            }
        })
    };
    let method = read(|r| r.method.trim().to_ascii_uppercase());
    let result = move || runs.with(|r| r.member_result(index));
    // The accessible name holds the visible result, so what is read is what is seen.
    let result_name = move || match result() {
        Some((_, text, time)) => format!("Show the response of request {n}: {text} {time}"),
        None => format!("Show the response of request {n}: not run"),
    };
    view! {
        <li class="member" class:selected=move || runs.with(SessionRun::selected) == index>
            <span class="member-number" aria-hidden="true">{n}</span>
            <select
                class="method"
                aria-label=format!("Request {n} method")
                disabled=readonly_method
                prop:value=method
                on:change:target=move |ev| {
                    let value = ev.target().value();
                    edit(Box::new(move |r| r.method = value));
                }
            >
                {STANDARD_METHODS.map(|m| view! { <option value=m>{m}</option> })}
            </select>
            <input
                class="url"
                type="text"
                spellcheck="false"
                autocomplete="off"
                aria-label=format!("Request {n} URL")
                readonly=readonly_url
                prop:value=read(url_input_text)
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    edit(Box::new(move |r| apply_url_input(r, &text)));
                }
            />
            <button
                type="button"
                class="member-result"
                aria-label=result_name
                on:click=move |_| runs.update(|r| r.select(index))
            >
                {move || match result() {
                    Some((class, text, time)) => view! {
                        <span class=class>{text}</span>
                        " "
                        <span class="metric">{time}</span>
                    }.into_any(),
                    None => view! { <span class="muted">"not run"</span> }.into_any(),
                }}
            </button>
            <Show when=move || !readonly_url>
                <button
                    type="button"
                    class="icon"
                    aria-label=format!("Remove request {n}")
                    title="Remove"
                    on:click=move |_| session.update(|s| {
                        if s.requests.len() > 1 && index < s.requests.len() {
                            s.requests.remove(index);
                        }
                    })
                >"×"</button>
            </Show>
        </li>
    }
}

/// The waterfall: for each way the session ran, one bar per request from its start to its end,
/// all on one time axis so the two ways compare at a glance.
#[component]
fn Waterfall(runs: RwSignal<SessionRun>) -> impl IntoView {
    view! {
        <section class="waterfall" aria-label="Timing">
            <h2>"Timing"</h2>
            {move || {
                let (shown, scale): (Vec<Run>, f64) = runs.with(|r| (r.runs().cloned().collect(), r.scale_ms()));
                if shown.is_empty() {
                    return view! { <p class="muted empty">"Run the session to see when each request starts and ends."</p> }.into_any();
                }
                shown.into_iter().map(|run| {
                    let total = run.total_ms();
                    view! {
                        <div class="run" data-mode=run.mode.id() data-total-ms=whole_ms(total)>
                            <div class="run-head">
                                <strong>{run.mode.name()}</strong>
                                <span class="metric">{format_millis(total)}</span>
                            </div>
                            {run.results.iter().enumerate().map(|(i, t)| {
                                let (class, text) = outcome_label(&t.outcome);
                                let left = percent(t.start_ms, scale);
                                let width = percent(t.end_ms - t.start_ms, scale).max(50);
                                view! {
                                    <div class="bar-row" data-start-ms=whole_ms(t.start_ms) data-end-ms=whole_ms(t.end_ms)>
                                        <span class="bar-label">{i + 1}</span>
                                        <div class="track">
                                            <div class=format!("bar {class}") style=format!("left:{}.{:02}%;width:{}.{:02}%", left / 100, left % 100, width / 100, width % 100) title=format!("{text}, {}", format_millis(t.end_ms - t.start_ms))></div>
                                        </div>
                                        <span class="metric">{format_millis(t.end_ms - t.start_ms)}</span>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }
                }).collect_view().into_any()
            }}
            {move || runs.with(SessionRun::speedup).map(|text| view! { <p class="speedup" role="status">{text}</p> })}
        </section>
    }
}
