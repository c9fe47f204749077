//! What the derived views (code, validation, the JSON hint, the stored draft) follow: the
//! request itself while small, and a large one once typing pauses (state/editing.rs), in three
//! tasks so that no one task holds all of it.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use crate::model::Request;
use crate::state::settle_delay_ms;

#[derive(Clone, Copy)]
pub struct Settled {
    /// The request as the derived views see it: validation and the code follow it at once.
    pub request: RwSignal<Request>,
    /// Notified when the JSON hint is due (a task after `request` for a large request).
    pub hint_due: Trigger,
    /// Notified when the draft is due (a task after the hint).
    pub draft_due: Trigger,
    /// Whether `request` has changed since the draft was last written.
    pub draft_pending: StoredValue<bool>,
}

impl Settled {
    /// Follows `request`.
    pub fn follow(request: RwSignal<Request>) -> Settled {
        let settled = Settled {
            request: RwSignal::new(request.get_untracked()),
            hint_due: Trigger::new(),
            draft_due: Trigger::new(),
            draft_pending: StoredValue::new(false),
        };
        let Settled {
            request: derived,
            hint_due,
            draft_due,
            draft_pending,
        } = settled;
        let timer = StoredValue::new_local(None::<Timeout>);
        Effect::new(move |_| match request.with(settle_delay_ms) {
            0 => {
                timer.set_value(None);
                draft_pending.set_value(true);
                derived.set(request.get_untracked());
                hint_due.notify();
                draft_due.notify();
            }
            ms => timer.set_value(Some(Timeout::new(ms, move || {
                draft_pending.set_value(true);
                derived.set(request.get_untracked());
                Timeout::new(0, move || {
                    hint_due.notify();
                    Timeout::new(0, move || draft_due.notify()).forget();
                })
                .forget();
            }))),
        });
        settled
    }

    /// Why the settled JSON body is not JSON, once the hint is due.
    pub fn json_hint(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.hint_due.track();
            self.request.with_untracked(Request::json_body_problem)
        })
    }
}
