//! Options of a playground embedded in a lesson page, read from its URL's query:
//! `?embed=1&target=python-requests&readonly=url,method&autorun=1&theme=dark&tab=body`, and an
//! API description with the operation to fill: `?spec=URL&operation=operationId`.

use super::request::{Body, Request};
use super::url::parse_urlencoded;

/// The request editor's tabs; `tab=…` names the one an embed opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorTab {
    Params,
    Headers,
    Auth,
    Body,
    Variables,
}

impl EditorTab {
    /// The tab named in a query (`params`, `headers`, `auth`, `body`, `variables`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "params" => EditorTab::Params,
            "headers" => EditorTab::Headers,
            "auth" => EditorTab::Auth,
            "body" => EditorTab::Body,
            "variables" => EditorTab::Variables,
            _ => return None,
        })
    }
}

/// The editor tab a playground opens on: the one `tab=` names; otherwise, embedded, Body for a
/// request with a body (a POST example shows what it sends), else Params. The full app always
/// starts on Params unless told.
pub fn first_tab(options: &EmbedOptions, request: &Request) -> EditorTab {
    match options.tab {
        Some(tab) => tab,
        None if options.embed && request.body != Body::None => EditorTab::Body,
        None => EditorTab::Params,
    }
}

/// The colour scheme asked for; without one, the reader's system setting is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the query asks for. Unknown names and values are ignored (a lesson page written for a
/// newer version still loads), and listed in `ignored` so the docs' examples can be checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The compact layout: no history, share or import; the page reports its height.
    pub embed: bool,
    /// The code tab to show first (a target id such as `python-requests`).
    pub target: Option<String>,
    pub readonly_url: bool,
    pub readonly_method: bool,
    /// Send once on load.
    pub autorun: bool,
    pub theme: Option<Theme>,
    /// The editor tab to open on (`tab=body`); see [`first_tab`] for the default.
    pub tab: Option<EditorTab>,
    /// An API description to open (`spec=URL`), and the operation to fill from it
    /// (`operation=operationId`). Filling sends nothing.
    pub spec: Option<String>,
    pub operation: Option<String>,
    pub ignored: Vec<String>,
}

/// The query without its `spec` and `operation` (the full app forgets them once applied, so a
/// reload keeps the reader's edits): `?a=1&spec=x&operation=y` is `?a=1`, and nothing left is
/// the empty string.
pub fn without_spec(query: &str) -> String {
    let kept: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && name != "spec" && name != "operation"
        })
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Reads the options from a query string (with or without its leading `?`).
pub fn embed_options(query: &str) -> EmbedOptions {
    let mut options = EmbedOptions::default();
    let yes = |v: &str| matches!(v, "" | "1" | "true" | "yes");
    for (name, value) in parse_urlencoded(query.trim_start_matches('?')) {
        match name.as_str() {
            "embed" => options.embed = yes(&value),
            "autorun" => options.autorun = yes(&value),
            "target" if !value.is_empty() => options.target = Some(value),
            "spec" if !value.trim().is_empty() => options.spec = Some(value.trim().to_owned()),
            "operation" if !value.is_empty() => options.operation = Some(value),
            "theme" => match value.as_str() {
                "light" => options.theme = Some(Theme::Light),
                "dark" => options.theme = Some(Theme::Dark),
                _ => options.ignored.push(format!("theme={value}")),
            },
            "tab" => match EditorTab::from_name(&value) {
                Some(tab) => options.tab = Some(tab),
                None => options.ignored.push(format!("tab={value}")),
            },
            "readonly" => {
                for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    match part {
                        "url" => options.readonly_url = true,
                        "method" => options.readonly_method = true,
                        other => options.ignored.push(format!("readonly={other}")),
                    }
                }
            }
            _ => options.ignored.push(name),
        }
    }
    options
}
