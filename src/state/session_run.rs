//! A session widget's runs: how each way ran (one after another, all at once), the latest run's
//! statuses, the member shown, the comparison of the two ways, and what the widget says about
//! the session's headers. The session component renders this and dispatches to it.

use crate::model::{
    check_header_name, check_header_value, format_millis, Browser, Field, KeyValue, Outcome,
    Session, ValidationError,
};

/// How a session's requests are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Each request after the previous one ended (`requests.Session`, `httpx.Client`).
    OneByOne,
    /// All requests at once (`asyncio.gather`).
    AllAtOnce,
}

impl Mode {
    /// Both ways, in the order "Compare both ways" runs them.
    pub const BOTH: [Mode; 2] = [Mode::OneByOne, Mode::AllAtOnce];

    /// The way a session is set to run.
    pub fn of(session: &Session) -> Mode {
        if session.concurrent {
            Mode::AllAtOnce
        } else {
            Mode::OneByOne
        }
    }

    /// Sets `session` to run this way.
    pub fn apply(self, session: &mut Session) {
        session.concurrent = self == Mode::AllAtOnce;
    }

    /// The heading of a run of this way.
    pub fn name(self) -> &'static str {
        match self {
            Mode::OneByOne => "One after another",
            Mode::AllAtOnce => "All at once",
        }
    }

    /// The choice's label, naming the Python construct.
    pub fn choice(self) -> &'static str {
        match self {
            Mode::OneByOne => "One after another",
            Mode::AllAtOnce => "All at once (asyncio.gather)",
        }
    }

    /// The `data-mode` of a run in the page (tests and styles read it).
    pub fn id(self) -> &'static str {
        match self {
            Mode::OneByOne => "sequential",
            Mode::AllAtOnce => "concurrent",
        }
    }

    fn slot(self) -> usize {
        match self {
            Mode::OneByOne => 0,
            Mode::AllAtOnce => 1,
        }
    }
}

/// One request of a session run: its outcome, and when it started and ended, in ms from the
/// start of the run.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    pub start_ms: f64,
    pub end_ms: f64,
    pub outcome: Outcome,
}

/// A finished run of the session: how it ran and each request's timing and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub mode: Mode,
    pub results: Vec<Timed>,
}

impl Run {
    /// From the run's start to the last request's end.
    pub fn total_ms(&self) -> f64 {
        self.results.iter().map(|t| t.end_ms).fold(0.0, f64::max)
    }
}

/// The runs of one session widget.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionRun {
    /// The last run of each way, so the two compare.
    runs: [Option<Run>; 2],
    /// The latest run of either way: the members' statuses.
    latest: Option<Run>,
    /// The member whose response is shown.
    selected: usize,
}

impl SessionRun {
    /// Keeps a finished run as the latest and as its way's last.
    pub fn record(&mut self, run: Run) {
        self.runs[run.mode.slot()] = Some(run.clone());
        self.latest = Some(run);
    }

    /// The runs to draw: each way's last, one after another first.
    pub fn runs(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().flatten()
    }

    pub fn latest(&self) -> Option<&Run> {
        self.latest.as_ref()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Shows member `index`'s response.
    pub fn select(&mut self, index: usize) {
        self.selected = index;
    }

    /// The outcome shown: the selected member's in the latest run.
    pub fn shown_outcome(&self) -> Option<&Outcome> {
        self.member(self.selected).map(|t| &t.outcome)
    }

    /// Member `index` in the latest run.
    pub fn member(&self, index: usize) -> Option<&Timed> {
        self.latest.as_ref()?.results.get(index)
    }

    /// Member `index`'s status in the latest run: class, short label and duration.
    pub fn member_result(&self, index: usize) -> Option<(String, String, String)> {
        self.member(index).map(|t| {
            let (class, label) = outcome_label(&t.outcome);
            (class, label, format_millis(t.end_ms - t.start_ms))
        })
    }

    /// The longest run shown, in ms: the common time axis of the waterfall (at least 1).
    pub fn scale_ms(&self) -> f64 {
        self.runs().map(Run::total_ms).fold(1.0, f64::max)
    }

    /// Once both ways ran: how much faster all at once was.
    pub fn speedup(&self) -> Option<String> {
        match &self.runs {
            [Some(one_by_one), Some(at_once)] if at_once.total_ms() > 0.0 => {
                // Integers only: formatting a float would link Rust's float printing.
                let tenths = (10.0 * one_by_one.total_ms() / at_once.total_ms()).round() as u64;
                Some(format!(
                    "All at once took {}, one after another {}: {}.{}× as fast.",
                    format_millis(at_once.total_ms()),
                    format_millis(one_by_one.total_ms()),
                    tenths / 10,
                    tenths % 10
                ))
            }
            _ => None,
        }
    }
}

/// The CSS class of a status: `status status-2xx` and so on.
pub fn status_class(status: u16) -> String {
    format!("status status-{}xx", status / 100)
}

/// A short label for an outcome and the class that colours it.
pub fn outcome_label(outcome: &Outcome) -> (String, String) {
    let failed = |text: &str| ("status failed".to_owned(), text.to_owned());
    match outcome {
        Outcome::Response(r) => (status_class(r.status), r.status.to_string()),
        Outcome::Timeout { .. } => failed("Timeout"),
        Outcome::Cancelled => failed("Cancelled"),
        Outcome::NetworkFailure { .. } => failed("Network error"),
        Outcome::Invalid(_) => failed("Invalid"),
    }
}

/// The headers `browser` will drop from any request of the session, each name once (in any
/// case), in the order first met: members repeat the session's own headers.
pub fn refused_headers(session: &Session, browser: Browser) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in session
        .effective_requests()
        .iter()
        .flat_map(|r| r.browser_refused_headers(browser))
    {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    names
}

/// What is wrong with the session's header rows, each naming its row.
pub fn session_header_problems(rows: &[KeyValue]) -> Vec<ValidationError> {
    rows.iter()
        .enumerate()
        .filter(|(_, h)| h.enabled && !h.is_blank())
        .filter_map(|(i, h)| {
            let problem = check_header_name(h.name.trim())
                .and_then(|()| check_header_value(h.value.trim()))
                .err()?;
            Some(ValidationError {
                field: Field::Header(i),
                label: format!("Session header {}", i + 1),
                message: problem.to_string(),
            })
        })
        .collect()
}

/// `part` as hundredths of a percent of `whole` (a bar's place on the time axis).
pub fn percent(part: f64, whole: f64) -> u64 {
    (10_000.0 * part.max(0.0) / whole).round() as u64
}

/// Whole milliseconds, for data attributes.
pub fn whole_ms(ms: f64) -> String {
    (ms.max(0.0).round() as u64).to_string()
}
