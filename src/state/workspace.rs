//! Everything the reader edits, as one piece of data: the request, the environment of
//! variables, the history and the notice above the form. It changes only through
//! [`Workspace::apply`]; the components turn events into a [`Change`] and dispatch it, and what
//! each change means (a restore keeps the draft it displaces, an import names what it left out,
//! a name that says secret makes a variable secret) is here and tested natively.

use super::edit::Edit;
use crate::import::CurlImport;
use crate::model::{
    add_missing_variables, displaces_draft, is_secret_name, merge_environment_with_report,
    merge_history_with_report, record, HistoryEntry, Request, SharePayload, Variable,
};

/// What the notice above the form says, shown until dismissed. (One at a time: a restored
/// request inline is not worth a box.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ImportNotice {
    Imported {
        ignored: Vec<String>,
        warnings: Vec<String>,
    },
    Failed(String),
    /// Opened from a share link or the history; the lines say which secrets it left out, and
    /// `previous` is the draft it replaced, one click away.
    Restored {
        from: RestoredFrom,
        lines: Vec<String>,
        previous: Option<Request>,
        /// Variables a link carries, offered to the reader (never added by themselves).
        variables: Vec<Variable>,
    },
    /// Nothing was sent although the page asked for it, and why.
    NotSent(String),
}

/// Where a restored request came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoredFrom {
    Link,
    History,
    /// An operation of an API description.
    Description,
}

/// How a share link opens (the page decides, see ui/share.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkOpening {
    /// The full app: the link replaces the form, the draft it displaces (unless it equals
    /// `starter`) is kept one click away, and a notice says so.
    App,
    /// An iframe widget: a link is how every widget opens, said only when secrets are missing
    /// or variables are offered.
    Embed,
}

/// A change to one variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableEdit {
    /// A new name; one that says secret (`token`, `api_key` …) makes the value secret, and
    /// unticking it afterwards stays the reader's choice.
    Name(String),
    Value(String),
    Enabled(bool),
    Secret(bool),
}

/// One change to the workspace. (Made and applied one at a time: a link's request inline is not
/// worth a box.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A change to the request being edited.
    Request(Edit),
    /// What the curl importer made of a command (pasted or imported; it is parsed outside the
    /// workspace, by code loaded on first use): the request, with a notice of what was left
    /// out; on failure (why, said) only a notice, the request as it was.
    ImportCurl(Result<CurlImport, String>),
    /// A share link's request and variables.
    OpenLink {
        payload: SharePayload,
        opening: LinkOpening,
        /// The request a fresh page shows: a draft equal to it is not worth keeping.
        starter: Request,
    },
    /// A link that could not be read.
    LinkFailed(String),
    /// Entry `i` of the history back in the form.
    RestoreEntry(usize),
    /// An operation of an API description chosen (or named by a link's `operation=`): its
    /// request replaces the form, and a draft it displaces is kept one click away, unless that
    /// draft is `filled_before` unchanged (the previous operation's request: browsing
    /// operations keeps nothing). A draft the notice already keeps stays kept (it wins over a
    /// newer one: one is kept at a time). `lines` say what the form could not fill.
    OpenOperation {
        request: Request,
        filled_before: Option<Request>,
        lines: Vec<String>,
    },
    /// "Back to my draft": the draft the notice kept replaces the form, the notice goes.
    BackToDraft,
    /// A request sent: recorded at the top of the history.
    Record(HistoryEntry),
    RemoveEntry(usize),
    ClearHistory,
    /// Entries read from a file, merged in; the report says what was added and dropped.
    ImportHistory(Vec<HistoryEntry>),
    AddVariable,
    RemoveVariable(usize),
    Variable(usize, VariableEdit),
    /// Variables read from a file, merged in by name; the report says what each did.
    ImportVariables(Vec<Variable>),
    /// The variables the notice offers (from a link), added where their names are free.
    AddOfferedVariables,
    /// Nothing was sent although the page asked, and why: added to a restored notice, or a
    /// notice of its own.
    NotSent(String),
    Dismiss,
}

/// Which parts of the workspace a change touched (the UI notifies only those).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parts {
    pub request: bool,
    pub environment: bool,
    pub history: bool,
    pub notice: bool,
}

impl Parts {
    const REQUEST: Parts = Parts {
        request: true,
        ..Parts::NONE
    };
    const ENVIRONMENT: Parts = Parts {
        environment: true,
        ..Parts::NONE
    };
    const HISTORY: Parts = Parts {
        history: true,
        ..Parts::NONE
    };
    const NOTICE: Parts = Parts {
        notice: true,
        ..Parts::NONE
    };
    const NONE: Parts = Parts {
        request: false,
        environment: false,
        history: false,
        notice: false,
    };
    const REQUEST_AND_NOTICE: Parts = Parts {
        request: true,
        notice: true,
        ..Parts::NONE
    };
}

/// What a change did: the parts it touched, and for an import or an added set of variables, a
/// report in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub touched: Parts,
    pub report: Option<String>,
}

impl Applied {
    fn touched(touched: Parts) -> Applied {
        Applied {
            touched,
            report: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workspace {
    pub request: Request,
    pub environment: Vec<Variable>,
    pub history: Vec<HistoryEntry>,
    pub notice: Option<ImportNotice>,
}

impl Workspace {
    /// Changes the workspace as `change` says; a change that does not apply (an entry or a row
    /// that is not there, Back to my draft with no draft kept) changes nothing.
    pub fn apply(&mut self, change: Change) -> Applied {
        match change {
            Change::Request(edit) => {
                edit.apply(&mut self.request);
                Applied::touched(Parts::REQUEST)
            }
            Change::ImportCurl(imported) => match imported {
                Ok(imported) => {
                    self.request = imported.request;
                    self.notice = Some(ImportNotice::Imported {
                        ignored: imported.ignored,
                        warnings: imported.warnings,
                    });
                    Applied::touched(Parts::REQUEST_AND_NOTICE)
                }
                Err(why) => {
                    self.notice = Some(ImportNotice::Failed(why));
                    Applied::touched(Parts::NOTICE)
                }
            },
            Change::OpenLink {
                payload,
                opening,
                starter,
            } => {
                let previous = (opening == LinkOpening::App
                    && displaces_draft(&self.request, &payload.request, &starter))
                .then(|| std::mem::take(&mut self.request));
                self.request = payload.request;
                let mut lines = Vec::new();
                if !payload.removed_secrets.is_empty() {
                    lines.push(format!(
                        "The link left out these secrets; fill them in before sending: {}.",
                        payload.removed_secrets.join(", ")
                    ));
                }
                let variables = payload.variables;
                if opening == LinkOpening::App || !lines.is_empty() || !variables.is_empty() {
                    self.notice = Some(ImportNotice::Restored {
                        from: RestoredFrom::Link,
                        lines,
                        previous,
                        variables,
                    });
                    return Applied::touched(Parts::REQUEST_AND_NOTICE);
                }
                Applied::touched(Parts::REQUEST)
            }
            Change::LinkFailed(message) => {
                self.notice = Some(ImportNotice::Failed(message));
                Applied::touched(Parts::NOTICE)
            }
            Change::RestoreEntry(i) => {
                let Some(entry) = self.history.get(i) else {
                    return Applied::default();
                };
                let restored = entry.request.clone();
                let lines = if entry.removed_secrets.is_empty() {
                    Vec::new()
                } else {
                    vec![format!(
                        "This entry was saved without its secrets; fill them in before sending: {}.",
                        entry.removed_secrets.join(", ")
                    )]
                };
                let previous = displaces_draft(&self.request, &restored, &Request::default())
                    .then(|| std::mem::take(&mut self.request));
                self.request = restored;
                self.notice =
                    (previous.is_some() || !lines.is_empty()).then_some(ImportNotice::Restored {
                        from: RestoredFrom::History,
                        lines,
                        previous,
                        variables: Vec::new(),
                    });
                Applied::touched(Parts::REQUEST_AND_NOTICE)
            }
            Change::OpenOperation {
                request,
                filled_before,
                lines,
            } => {
                let displaced = (filled_before.as_ref() != Some(&self.request)
                    && displaces_draft(&self.request, &request, &Request::default()))
                .then(|| std::mem::take(&mut self.request));
                // A draft the notice already keeps (from a link, the history or an earlier
                // operation) stays kept: it is the reader's own, older than what this displaces.
                let kept = match &mut self.notice {
                    Some(ImportNotice::Restored { previous, .. }) => previous.take(),
                    _ => None,
                };
                let previous = kept.or(displaced);
                self.request = request;
                self.notice =
                    (previous.is_some() || !lines.is_empty()).then_some(ImportNotice::Restored {
                        from: RestoredFrom::Description,
                        lines,
                        previous,
                        variables: Vec::new(),
                    });
                Applied::touched(Parts::REQUEST_AND_NOTICE)
            }
            Change::BackToDraft => match self.notice.take() {
                Some(ImportNotice::Restored {
                    previous: Some(draft),
                    ..
                }) => {
                    self.request = draft;
                    Applied::touched(Parts::REQUEST_AND_NOTICE)
                }
                other => {
                    self.notice = other;
                    Applied::default()
                }
            },
            Change::Record(entry) => {
                record(&mut self.history, entry);
                Applied::touched(Parts::HISTORY)
            }
            Change::RemoveEntry(i) => {
                if i >= self.history.len() {
                    return Applied::default();
                }
                self.history.remove(i);
                Applied::touched(Parts::HISTORY)
            }
            Change::ClearHistory => {
                self.history.clear();
                Applied::touched(Parts::HISTORY)
            }
            Change::ImportHistory(entries) => Applied {
                report: Some(merge_history_with_report(&mut self.history, entries).message()),
                touched: Parts::HISTORY,
            },
            Change::AddVariable => {
                self.environment.push(Variable::new("", ""));
                Applied::touched(Parts::ENVIRONMENT)
            }
            Change::RemoveVariable(i) => {
                if i >= self.environment.len() {
                    return Applied::default();
                }
                self.environment.remove(i);
                Applied::touched(Parts::ENVIRONMENT)
            }
            Change::Variable(i, edit) => {
                let Some(variable) = self.environment.get_mut(i) else {
                    return Applied::default();
                };
                match edit {
                    VariableEdit::Name(name) => {
                        variable.secret |= is_secret_name(&name);
                        variable.name = name;
                    }
                    VariableEdit::Value(value) => variable.value = value,
                    VariableEdit::Enabled(on) => variable.enabled = on,
                    VariableEdit::Secret(on) => variable.secret = on,
                }
                Applied::touched(Parts::ENVIRONMENT)
            }
            Change::ImportVariables(variables) => Applied {
                report: Some(
                    merge_environment_with_report(&mut self.environment, variables).message(),
                ),
                touched: Parts::ENVIRONMENT,
            },
            Change::AddOfferedVariables => {
                let offered = match &self.notice {
                    Some(ImportNotice::Restored { variables, .. }) if !variables.is_empty() => {
                        variables.clone()
                    }
                    _ => return Applied::default(),
                };
                Applied {
                    report: Some(add_missing_variables(&mut self.environment, offered)),
                    touched: Parts::ENVIRONMENT,
                }
            }
            Change::NotSent(why) => {
                match &mut self.notice {
                    Some(ImportNotice::Restored { lines, .. }) => lines.push(why),
                    notice => *notice = Some(ImportNotice::NotSent(why)),
                }
                Applied::touched(Parts::NOTICE)
            }
            Change::Dismiss => {
                let had = self.notice.take().is_some();
                Applied::touched(if had { Parts::NOTICE } else { Parts::NONE })
            }
        }
    }
}
