//! What is secret: one rule, used wherever a request or an environment leaves the user's own
//! storage (share links, history, exported files). Values are emptied, never guessed at, and
//! each one emptied is named in words the restored form can show.

use super::json::Json;
use super::json_write::push_str;
use super::request::{Auth, Body, PartValue, Request};
use super::url::decode_component;
use super::variables::references;

/// Whether secrets travel with a request or an environment: left out (the default everywhere)
/// or included because the user asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Secrets {
    #[default]
    LeaveOut,
    Include,
}

impl Secrets {
    /// The choice a checkbox such as "Include secrets" makes.
    pub fn included_if(ticked: bool) -> Self {
        if ticked {
            Secrets::Include
        } else {
            Secrets::LeaveOut
        }
    }
}

/// Where a value sits in a request. A name is as typed (a query parameter's decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'a> {
    /// The Auth tab's basic password.
    AuthPassword,
    /// The Auth tab's bearer token.
    AuthToken,
    /// The Auth tab's API key value.
    AuthApiKey,
    Header(&'a str),
    /// A query parameter, in the params table or written in the URL itself.
    QueryParameter(&'a str),
    /// A `name=value` pair in the URL's fragment (`#access_token=…`).
    FragmentParameter(&'a str),
    /// A field of a form body.
    FormField(&'a str),
    /// The password of `user:password@` in the URL.
    UrlPassword,
    /// `token@` in the URL: user information without a password, as tokens are often passed.
    UrlCredentials,
}

/// Names whose values are secret, compared case-insensitively and without `-` and `_`.
const SECRET_NAMES: &[&str] = &[
    "authorization",
    "proxyauthorization",
    "cookie",
    "setcookie",
    "xapikey",
    "apikey",
    "key",
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "clientsecret",
    "secret",
    "password",
    "passwd",
    "pwd",
    "session",
    "sessionid",
    "signature",
    "sig",
    "xauthtoken",
    "xcsrftoken",
];

/// Any name containing one of these (compared the same way) is secret too.
const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "apikey",
    "auth",
    "signature",
    "session",
    "credential",
    "passphrase",
    "jwt",
    "private",
];

/// Whether a header, query parameter, form field or variable of this name holds a secret:
/// one of [`SECRET_NAMES`], a name containing one of [`SECRET_WORDS`], or a name ending in
/// `key`, ignoring case, `-`, `_` and surrounding spaces. So `X-API-Key`, `api_key`,
/// `Ocp-Apim-Subscription-Key`, `X-Amz-Signature`, `JSESSIONID` and `MyAuthor` are secret, and
/// so are `monkey` and `hotkey`; `keyboard` and `keys` are not.
pub fn is_secret_name(name: &str) -> bool {
    let folded: String = name
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    !folded.is_empty()
        && (SECRET_NAMES.contains(&folded.as_str())
            || SECRET_WORDS.iter().any(|word| folded.contains(word))
            || folded.ends_with("key"))
}

/// Whether `value`, found at `slot`, is a secret to leave out: the slot holds credentials (the
/// Auth tab, URL user information, or a secret name) and the value is not empty and not only
/// `{{variable}}` references (see [`is_reference_only`]).
pub fn is_secret(slot: Slot, value: &str) -> bool {
    let holds_credentials = match slot {
        Slot::AuthPassword
        | Slot::AuthToken
        | Slot::AuthApiKey
        | Slot::UrlPassword
        | Slot::UrlCredentials => true,
        Slot::Header(name)
        | Slot::QueryParameter(name)
        | Slot::FragmentParameter(name)
        | Slot::FormField(name) => is_secret_name(name),
    };
    holds_credentials && !value.is_empty() && !is_reference_only(value)
}

/// Whether `value` carries no secret because it only names variables: one or more `{{name}}`
/// references separated by spaces, optionally after one word of ASCII letters and a space (an
/// authorization scheme: `{{token}}`, `Bearer {{token}}`, `{{a}} {{b}}`). Any other typed text
/// (`x{{token}}`, `sid={{sid}}`) may be part of a secret, so it is not.
pub fn is_reference_only(value: &str) -> bool {
    let found = references(value);
    let Some((first, _)) = found.first() else {
        return false;
    };
    let before = value[..first.start].trim_start();
    let scheme_ok = before.is_empty()
        || before
            .strip_suffix(char::is_whitespace)
            .is_some_and(|word| {
                let word = word.trim_end();
                !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())
            });
    let gaps_blank = found
        .windows(2)
        .all(|pair| value[pair[0].0.end..pair[1].0.start].trim().is_empty());
    let after = found.last().map_or(value.len(), |(range, _)| range.end);
    scheme_ok && gaps_blank && value[after..].trim().is_empty()
}

impl Slot<'_> {
    /// The slot in words the restored form can show: "Auth password", "Header X-API-Key".
    pub fn describe(self) -> String {
        match self {
            Slot::AuthPassword => "Auth password".to_owned(),
            Slot::AuthToken => "Auth bearer token".to_owned(),
            Slot::AuthApiKey => "Auth API key value".to_owned(),
            Slot::Header(name) => format!("Header {}", name.trim()),
            Slot::QueryParameter(name) => format!("Query parameter {name}"),
            Slot::FragmentParameter(name) => format!("URL fragment parameter {name}"),
            Slot::FormField(name) => format!("Form field {name}"),
            Slot::UrlPassword => "Password in the URL".to_owned(),
            Slot::UrlCredentials => "Credentials in the URL".to_owned(),
        }
    }
}

/// A copy of the request with every secret ([`is_secret`]) emptied, and what was emptied, each
/// named once, in order ("Auth password", "Header X-API-Key", "Query parameter api_key",
/// "Password in the URL"). Disabled rows count too: they are stored all the same.
pub fn strip_secrets(request: &Request) -> (Request, Vec<String>) {
    strip_secrets_except(request, &[])
}

/// [`strip_secrets`], but a secret whose value is one of `known` stays: an embedded example's
/// own credentials (its author wrote them into the lesson) are not the reader's secrets.
pub fn strip_secrets_except(request: &Request, known: &[String]) -> (Request, Vec<String>) {
    let mut known: Vec<&str> = known.iter().map(String::as_str).collect();
    known.sort_unstable();
    let mut copy = request.clone();
    let mut removed: Vec<String> = Vec::new();
    visit_secrets(&mut copy, &mut |slot: Slot, value: &mut String| {
        if is_secret(slot, value) && known.binary_search(&value.as_str()).is_err() {
            value.clear();
            removed.push(slot.describe());
        }
    });
    (copy, first_of_each(removed))
}

/// The secret values of `request` ([`is_secret`]), as written, each once.
pub fn secret_values(request: &Request) -> Vec<String> {
    let mut values = Vec::new();
    visit_secrets(
        &mut request.clone(),
        &mut |slot: Slot, value: &mut String| {
            if is_secret(slot, value) {
                values.push(value.clone());
            }
        },
    );
    first_of_each(values)
}

/// `items` without repeats, each where it first appears. Repeats are found in a sorted order of
/// the items: comparing each with every earlier one would take billions of steps for the
/// 100,000 rows a link can hold.
fn first_of_each(items: Vec<String>) -> Vec<String> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| items[a].cmp(&items[b]).then(a.cmp(&b)));
    let mut first = vec![false; items.len()];
    for (k, &i) in order.iter().enumerate() {
        first[i] = k == 0 || items[order[k - 1]] != items[i];
    }
    items
        .into_iter()
        .zip(first)
        .filter_map(|(item, first)| first.then_some(item))
        .collect()
}

/// Calls `visit` with every place of `request` that can hold a secret and its value, which
/// `visit` may change: the auth, the URL's credentials, query and fragment, params, headers and
/// form fields (multipart text parts among them).
fn visit_secrets(request: &mut Request, visit: &mut dyn FnMut(Slot, &mut String)) {
    match &mut request.auth {
        Auth::None => {}
        Auth::Basic { password, .. } => visit(Slot::AuthPassword, password),
        Auth::Bearer { token } => visit(Slot::AuthToken, token),
        Auth::ApiKey { value, .. } => visit(Slot::AuthApiKey, value),
    }
    request.url = strip_url(&request.url, visit);
    for row in &mut request.params {
        visit(Slot::QueryParameter(&row.name), &mut row.value);
    }
    for row in &mut request.headers {
        visit(Slot::Header(&row.name), &mut row.value);
    }
    match &mut request.body {
        Body::Form { fields } => {
            for row in fields {
                visit(Slot::FormField(&row.name), &mut row.value);
            }
        }
        // A multipart text field is a form field (`-F password=…`).
        Body::Multipart { parts } => {
            for part in parts {
                if let PartValue::Text(text) = &mut part.value {
                    visit(Slot::FormField(&part.name), text);
                }
            }
        }
        _ => {}
    }
}

/// The URL text with its secrets emptied and everything else as typed: the password of
/// `user:password@` (leaving `user:@`) or a whole `token@`, and secret `name=value` pairs of
/// its query and fragment (names percent-decoded to be judged, values judged as written).
fn strip_url(url: &str, strip: &mut dyn FnMut(Slot, &mut String)) -> String {
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (url, None),
    };
    let (before_query, query) = match before_fragment.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (before_fragment, None),
    };
    let mut out = strip_userinfo(before_query, strip);
    if let Some(query) = query {
        out.push('?');
        out.push_str(&strip_pairs(query, strip, |name| {
            Slot::QueryParameter(name)
        }));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&strip_pairs(fragment, strip, |name| {
            Slot::FragmentParameter(name)
        }));
    }
    out
}

/// `scheme://user:password@host/path` without the password (`scheme://user:@host/path`), or
/// without a user information that has no password (`scheme://token@host`).
fn strip_userinfo(text: &str, strip: &mut dyn FnMut(Slot, &mut String)) -> String {
    let Some(scheme_end) = text.find("://").map(|i| i + 3) else {
        return text.to_owned();
    };
    // Browsers read a backslash as a slash in http(s) URLs (as `parse_url` does).
    let authority_end = text[scheme_end..]
        .find(['/', '\\'])
        .map_or(text.len(), |i| scheme_end + i);
    let authority = &text[scheme_end..authority_end];
    let Some(at) = authority.rfind('@') else {
        return text.to_owned();
    };
    let userinfo = &authority[..at];
    let kept = match userinfo.split_once(':') {
        Some((user, password)) => {
            let mut password = password.to_owned();
            strip(Slot::UrlPassword, &mut password);
            // `user:@` shows where the password goes, and reads as nothing to strip again.
            format!("{user}:{password}@")
        }
        None => {
            let mut credentials = userinfo.to_owned();
            strip(Slot::UrlCredentials, &mut credentials);
            if credentials.is_empty() {
                String::new()
            } else {
                format!("{credentials}@")
            }
        }
    };
    format!(
        "{}{kept}{}",
        &text[..scheme_end],
        &text[scheme_end + at + 1..]
    )
}

/// `a=1&token=x` with the values of secret names emptied: `a=1&token=`.
fn strip_pairs(
    pairs: &str,
    strip: &mut dyn FnMut(Slot, &mut String),
    slot: for<'n> fn(&'n str) -> Slot<'n>,
) -> String {
    pairs
        .split('&')
        .map(|segment| match segment.split_once('=') {
            Some((name, value)) => {
                let decoded = decode_component(name);
                let mut value = value.to_owned();
                strip(slot(&decoded), &mut value);
                format!("{name}={value}")
            }
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Appends `,"removed_secrets":[…]` when there are any (documents without it read as none).
pub(crate) fn push_removed(out: &mut String, removed: &[String]) {
    if removed.is_empty() {
        return;
    }
    out.push_str(",\"removed_secrets\":[");
    for (i, secret) in removed.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_str(out, secret);
    }
    out.push(']');
}

/// The `removed_secrets` strings of a document; none when missing or not a list.
pub(crate) fn read_removed(tree: &Json) -> Vec<String> {
    match tree.get("removed_secrets") {
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Json::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
