//! The workspace in the page: one signal per part (so typing in the form does not re-render the
//! history), changed only through [`Workspace::apply`]: `apply` moves the parts out of their
//! signals, applies the change, moves them back and notifies the parts it touched.

use leptos::prelude::*;

use crate::model::{HistoryEntry, Request, Variable};
use crate::state::{Applied, Change, Edit, ImportNotice, Workspace};

#[derive(Clone, Copy)]
pub struct WorkspaceSignals {
    pub request: RwSignal<Request>,
    pub environment: RwSignal<Vec<Variable>>,
    pub history: RwSignal<Vec<HistoryEntry>>,
    pub notice: RwSignal<Option<ImportNotice>>,
}

impl WorkspaceSignals {
    pub fn apply(self, change: Change) -> Applied {
        fn take<T: Default + Send + Sync + 'static>(signal: RwSignal<T>) -> T {
            signal
                .try_update_untracked(std::mem::take)
                .unwrap_or_default()
        }
        fn put<T: Send + Sync + 'static>(signal: RwSignal<T>, value: T, touched: bool) {
            signal.update_untracked(|v| *v = value);
            if touched {
                signal.notify();
            }
        }
        let mut workspace = Workspace {
            request: take(self.request),
            environment: take(self.environment),
            history: take(self.history),
            notice: take(self.notice),
        };
        let applied = workspace.apply(change);
        let touched = applied.touched;
        put(self.request, workspace.request, touched.request);
        put(self.environment, workspace.environment, touched.environment);
        put(self.history, workspace.history, touched.history);
        put(self.notice, workspace.notice, touched.notice);
        applied
    }

    /// A change to the request.
    pub fn edit(self, edit: Edit) {
        self.apply(Change::Request(edit));
    }
}
