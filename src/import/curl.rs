//! A curl command line, as browsers' "Copy as cURL (bash)", API docs and our own curl target
//! write it, turned into a request. Options that only change curl's own behaviour are accepted
//! and listed; unknown ones are listed in a warning; the rest is still imported.

use super::curl_form::{curl_file_type, parse_form_argument, FormContent};
use super::curl_options::CURL_OPTIONS;
use super::shell_words::{split_shell_words_with_variables, ShellCommand, ShellError};
use crate::model::{
    form_urlencode, parse_seconds, parse_urlencoded, Auth, Body, FileRef, FileSource, KeyValue,
    Part, Request,
};

/// The imported request and what the user should know about the import.
#[derive(Debug, Clone, PartialEq)]
pub struct CurlImport {
    pub request: Request,
    /// Options accepted that only change curl's own behaviour (`-s`, `-L`, `--compressed`…).
    pub ignored: Vec<String>,
    /// Things not imported, each a sentence: unknown options, files, extra URLs.
    pub warnings: Vec<String>,
}

/// Why the text cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotCurl,
    Shell(ShellError),
    MissingArgument(String),
    NoUrl,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotCurl => {
                write!(f, "this is not a curl command: it should start with curl")
            }
            ImportError::Shell(e) => write!(f, "the command cannot be read: {e}"),
            ImportError::MissingArgument(option) => {
                write!(f, "{option} needs a value after it; complete the command")
            }
            ImportError::NoUrl => write!(f, "the command has no URL; add one after curl"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Options that take a value and are imported.
const WITH_VALUE: &[(&str, &str)] = &[
    ("-X", "--request"),
    ("-H", "--header"),
    ("-d", "--data"),
    ("", "--data-ascii"),
    ("", "--data-raw"),
    ("", "--data-binary"),
    ("", "--data-urlencode"),
    ("", "--json"),
    ("-F", "--form"),
    ("", "--form-string"),
    ("-u", "--user"),
    ("", "--url"),
    ("-A", "--user-agent"),
    ("-e", "--referer"),
    ("-b", "--cookie"),
    ("-m", "--max-time"),
    ("", "--connect-timeout"),
    ("", "--oauth2-bearer"),
];

/// Options that only change curl's own behaviour; with or without a value.
const IGNORED_FLAGS: &[(&str, &str)] = &[
    ("-s", "--silent"),
    ("-S", "--show-error"),
    ("-v", "--verbose"),
    ("-L", "--location"),
    ("-k", "--insecure"),
    ("", "--compressed"),
    ("-i", "--include"),
    ("-f", "--fail"),
    ("", "--fail-with-body"),
    ("-g", "--globoff"),
    ("-#", "--progress-bar"),
    ("-N", "--no-buffer"),
    ("", "--http1.1"),
    ("", "--http2"),
    ("-4", "--ipv4"),
    ("-6", "--ipv6"),
];
const IGNORED_WITH_VALUE: &[(&str, &str)] = &[
    ("-o", "--output"),
    ("-w", "--write-out"),
    ("", "--retry"),
    ("", "--max-redirs"),
    ("-c", "--cookie-jar"),
];

/// Whether pasted or typed text is a curl command rather than a URL: its first word is `curl`.
pub fn looks_like_curl(text: &str) -> bool {
    text.trim_start().strip_prefix("curl").is_some_and(|rest| {
        rest.starts_with(char::is_whitespace)
            || rest.starts_with("\\\n")
            || rest.starts_with("\\\r\n")
    })
}

/// Parses a curl command line into a request.
pub fn import_curl(command: &str) -> Result<CurlImport, ImportError> {
    let ShellCommand {
        words,
        truncated,
        variables,
        stdin,
    } = split_shell_words_with_variables(command).map_err(ImportError::Shell)?;
    let mut words = words.into_iter();
    match words.next() {
        Some(first) if first == "curl" || first.ends_with("/curl") || first == "curl.exe" => {}
        _ => return Err(ImportError::NotCurl),
    }
    let mut state = State {
        stdin,
        ..State::default()
    };
    if truncated {
        state.warnings.push("Only the curl command was imported; what followed it (a pipe, ;, && or a redirection) was left out.".to_owned());
    }
    if !variables.is_empty() {
        let names =
            |form: fn(&String) -> String| variables.iter().map(form).collect::<Vec<_>>().join(", ");
        state.warnings.push(format!(
            "The command uses shell variables ({}); they became {}: define them under Variables.",
            names(|v| format!("${v}")),
            names(|v| format!("{{{{{v}}}}}"))
        ));
    }
    let words: Vec<String> = words.collect();
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        i += 1;
        if word == "--" {
            state.urls.extend(words[i..].iter().cloned());
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (format!("--{name}"), Some(value.to_owned())),
                None => (word.clone(), None),
            };
            state.option(&name, inline, &words, &mut i)?;
        } else if word.len() > 1 && word.starts_with('-') {
            // Short options may be grouped (-sSL) and a value may follow directly (-XPOST).
            let flags: Vec<char> = word[1..].chars().collect();
            let mut k = 0;
            while k < flags.len() {
                let name = format!("-{}", flags[k]);
                k += 1;
                if takes_value(&name) {
                    let rest: String = flags[k..].iter().collect();
                    state.option(&name, (!rest.is_empty()).then_some(rest), &words, &mut i)?;
                    break;
                }
                state.option(&name, None, &words, &mut i)?;
            }
        } else {
            state.urls.push(word.clone());
        }
    }
    state.finish()
}

fn takes_value(name: &str) -> bool {
    WITH_VALUE
        .iter()
        .chain(IGNORED_WITH_VALUE)
        .any(|(short, _)| *short == name)
        || curl_option(name).is_some_and(|(_, takes)| takes)
}

/// Any option curl knows ([`CURL_OPTIONS`]): its long name and whether it takes an argument.
/// `--expand-NAME` (curl 8.3) is `--NAME` with variables expanded.
fn curl_option(name: &str) -> Option<(&'static str, bool)> {
    let name = match name.strip_prefix("--expand-") {
        Some(rest) => format!("--{rest}"),
        None => name.to_owned(),
    };
    CURL_OPTIONS
        .iter()
        .find(|(short, long, _)| *short == name || *long == name)
        .map(|(_, long, takes)| (*long, *takes))
}

fn long_name(name: &str) -> Option<&'static str> {
    WITH_VALUE
        .iter()
        .chain(IGNORED_FLAGS)
        .chain(IGNORED_WITH_VALUE)
        .find(|(short, long)| *short == name || *long == name)
        .map(|(_, long)| *long)
}

/// An option's value: written inline (`--data=…`, `-XPOST`) or the next word, which it then
/// takes.
fn option_value(
    name: &str,
    inline: Option<String>,
    words: &[String],
    i: &mut usize,
) -> Result<String, ImportError> {
    if let Some(value) = inline {
        return Ok(value);
    }
    let value = words
        .get(*i)
        .cloned()
        .ok_or_else(|| ImportError::MissingArgument(name.to_owned()))?;
    *i += 1;
    Ok(value)
}

#[derive(Default)]
struct State {
    method: Option<String>,
    urls: Vec<String>,
    headers: Vec<KeyValue>,
    removed_headers: Vec<String>,
    /// Data pieces, each marked when it came from `--json` (joined to the one before without
    /// the `&` curl puts between other pieces).
    data: Vec<(String, bool)>,
    json: bool,
    url_query: Vec<String>,
    /// Standard input given in the pasted text (a here-document or here-string), for `@-`.
    stdin: Option<String>,
    /// `-F`/`--form-string` parts, in order.
    form_parts: Vec<Part>,
    /// `-d @file`, `--data-binary @file`, `--json @file`: the option and the file.
    data_files: Vec<(String, String)>,
    /// `-T file`.
    upload_file: Option<String>,
    get: bool,
    head: bool,
    auth: Auth,
    max_time: Option<u64>,
    connect_timeout: Option<u64>,
    ignored: Vec<String>,
    warnings: Vec<String>,
}

impl State {
    fn option(
        &mut self,
        name: &str,
        inline: Option<String>,
        words: &[String],
        i: &mut usize,
    ) -> Result<(), ImportError> {
        // `--expand-data` is `--data` with curl's own variables expanded (none here).
        let expanded = name
            .strip_prefix("--expand-")
            .map(|rest| format!("--{rest}"))
            .filter(|plain| long_name(plain).is_some());
        let name = expanded.as_deref().unwrap_or(name);
        let Some(long) = long_name(name) else {
            if name == "-G" || name == "--get" {
                self.get = true;
            } else if name == "-I" || name == "--head" {
                self.head = true;
            } else if let Some((long, takes)) = curl_option(name) {
                if !takes {
                    self.ignored.push(name.to_owned());
                    return Ok(());
                }
                let value = option_value(name, inline, words, i)?;
                match long {
                    "--url-query" => self.url_query.push(value),
                    "--upload-file" => self.upload_file = Some(value),
                    "--range" => self
                        .headers
                        .push(KeyValue::new("Range", format!("bytes={value}"))),
                    _ => self.warnings.push(format!(
                        "{name} {value} was left out: the playground does not import it."
                    )),
                }
            } else {
                self.warnings
                    .push(format!("Unknown option {name} was left out."));
            }
            return Ok(());
        };
        let is_flag = IGNORED_FLAGS.iter().any(|(_, l)| *l == long);
        if is_flag {
            self.ignored.push(name.to_owned());
            return Ok(());
        }
        let value = option_value(name, inline, words, i)?;
        match long {
            "--request" => self.method = Some(value),
            "--header" => self.header(&value),
            "--data" | "--data-ascii" | "--data-binary" | "--json" => {
                let from_json = long == "--json";
                self.json |= from_json;
                let data = match value.strip_prefix('@') {
                    // Standard input the pasted text gives (a here-document or here-string):
                    // read as curl reads a file, line breaks stripped except for
                    // --data-binary and --json.
                    Some("-") => match &self.stdin {
                        Some(input) if long == "--data" || long == "--data-ascii" => {
                            Some(input.replace(['\r', '\n'], ""))
                        }
                        Some(input) => Some(input.clone()),
                        None => {
                            self.warnings.push(format!("{name} @- reads standard input, which the pasted text does not give; add the body by hand."));
                            None
                        }
                    },
                    Some(file) => {
                        self.json |= from_json;
                        self.data_files.push((name.to_owned(), file.to_owned()));
                        None
                    }
                    // Literal data is sent as written; curl strips line breaks only from
                    // data it reads from a file (`-d @file`).
                    None => Some(value),
                };
                if let Some(data) = data {
                    self.data.push((data, from_json));
                }
            }
            "--data-raw" => self.data.push((value, false)),
            "--data-urlencode" => self.data.push((urlencode_data(&value), false)),
            "--form" | "--form-string" => self.form(name, &value, long == "--form-string"),
            "--user" => {
                let (username, password) = value.split_once(':').unwrap_or((&value, ""));
                self.auth = Auth::Basic {
                    username: username.to_owned(),
                    password: password.to_owned(),
                };
            }
            "--oauth2-bearer" => self.auth = Auth::Bearer { token: value },
            "--url" => self.urls.push(value),
            "--user-agent" => self.headers.push(KeyValue::new("User-Agent", value)),
            "--referer" => self.headers.push(KeyValue::new("Referer", value)),
            "--cookie" => {
                if value.contains('=') {
                    self.headers.push(KeyValue::new("Cookie", value));
                } else {
                    self.warnings.push(format!(
                        "{name} {value} names a cookie file, which was left out."
                    ));
                }
            }
            "--max-time" => self.max_time = self.seconds(name, &value),
            "--connect-timeout" => self.connect_timeout = self.seconds(name, &value),
            _ => self.ignored.push(format!("{name} {value}")),
        }
        Ok(())
    }

    /// One `-F` or `--form-string` argument as curl reads it, as parts of a multipart body.
    fn form(&mut self, option: &str, value: &str, literal: bool) {
        let Some(argument) = parse_form_argument(value, literal) else {
            self.warnings.push(format!(
                "{option} {value} is not name=value; it was left out."
            ));
            return;
        };
        let name = argument.name;
        if argument.parts.len() > 1 {
            self.warnings.push(format!("{option} {value} sends its files as one multipart/mixed part; the playground sends them as parts of the same name."));
        }
        for part in argument.parts {
            for attribute in &part.left_out {
                self.warnings.push(format!(
                    "Part {name}: ;{attribute} was left out: the playground does not import it."
                ));
            }
            match part.content {
                FormContent::File(path) if path == "-" => {
                    match self.stdin.clone() {
                        Some(input) => {
                            let file_name = part.filename.clone().unwrap_or_else(|| "-".to_owned());
                            let content_type = part.content_type.clone().unwrap_or_else(|| curl_file_type(&file_name).to_owned());
                            self.form_parts.push(Part::file(name.clone(), FileRef { file_name, source: FileSource::Inline(input.into_bytes()) }, content_type));
                        }
                        None => self.warnings.push(format!("Part {name} reads standard input, which the pasted text does not give; it was left out.")),
                    }
                }
                FormContent::File(path) => {
                    // curl sends the file's own name unless ;filename= gives another.
                    let file_name = part.filename.clone().unwrap_or_else(|| base_name(&path));
                    let content_type = part
                        .content_type
                        .clone()
                        .unwrap_or_else(|| curl_file_type(&file_name).to_owned());
                    if base_name(&path) != file_name {
                        self.warnings.push(format!("Part {name} sends the file {path} as \"{file_name}\": choose that file for it."));
                    }
                    self.form_parts.push(Part::file(name.clone(), FileRef::missing(file_name), content_type));
                }
                FormContent::TextFromFile(path) => {
                    self.warnings.push(format!("Part {name} takes its text from the file {path}: paste the file's text as its value."));
                    self.form_parts.push(Part::text(name.clone(), ""));
                }
                FormContent::Text(text) => match part.filename {
                    // Text with a file name is sent as a file of that name.
                    Some(file_name) => {
                        let content_type = part.content_type.clone().unwrap_or_else(|| curl_file_type(&file_name).to_owned());
                        self.form_parts.push(Part::file(name.clone(), FileRef { file_name, source: FileSource::Inline(text.into_bytes()) }, content_type));
                    }
                    None => {
                        if let Some(content_type) = &part.content_type {
                            self.warnings.push(format!("Part {name}: ;type={content_type} was left out: the playground sends a text part without a content type, as a browser's form does."));
                        }
                        self.form_parts.push(Part::text(name.clone(), text));
                    }
                },
            }
        }
    }

    fn seconds(&mut self, name: &str, value: &str) -> Option<u64> {
        let ms = parse_seconds(value).filter(|ms| *ms > 0);
        if ms.is_none() {
            self.warnings.push(format!(
                "{name} {value} is not a number of seconds; the timeout was left at its default."
            ));
        }
        ms
    }

    fn header(&mut self, line: &str) {
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim_start_matches([' ', '\t']);
            if value.is_empty() {
                // `-H 'Name:'` tells curl not to send that header.
                self.removed_headers.push(name.trim().to_ascii_lowercase());
                self.headers
                    .retain(|h| !h.name.eq_ignore_ascii_case(name.trim()));
            } else {
                self.headers.push(KeyValue::new(name.trim(), value));
            }
        } else if let Some(name) = line.strip_suffix(';') {
            // `-H 'Name;'` sends the header with an empty value.
            self.headers.push(KeyValue::new(name.trim(), ""));
        } else if let Some(file) = line.strip_prefix('@') {
            self.warnings.push(format!(
                "-H @{file} reads headers from a file, which was left out."
            ));
        } else {
            self.warnings
                .push(format!("-H {line} has no ':'; it was left out."));
        }
    }

    fn finish(mut self) -> Result<CurlImport, ImportError> {
        let mut urls = std::mem::take(&mut self.urls).into_iter();
        let mut url = urls.next().ok_or(ImportError::NoUrl)?;
        for extra in urls {
            self.warnings.push(format!(
                "Only the first URL was imported; {extra} was left out."
            ));
        }
        if !url.contains("://") {
            // curl assumes http:// for a bare host.
            url = format!("http://{url}");
        }
        // `--url-query` parts go after the URL's own query: `+` sends a part as written, the
        // others are encoded as `--data-urlencode` encodes.
        for part in std::mem::take(&mut self.url_query) {
            let encoded = if let Some(raw) = part.strip_prefix('+') {
                raw.to_owned()
            } else if let Some((_, file)) =
                part.split_once('@').filter(|(name, _)| !name.contains('='))
            {
                self.warnings.push(format!(
                    "--url-query {part} reads the file {file}, which a browser cannot; add it under Params."
                ));
                continue;
            } else {
                urlencode_data(&part)
            };
            if !encoded.is_empty() {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(&encoded);
            }
        }
        let data = (!self.data.is_empty()).then(|| {
            let mut joined = String::new();
            for (i, (piece, from_json)) in self.data.iter().enumerate() {
                if i > 0 && !from_json {
                    joined.push('&');
                }
                joined.push_str(piece);
            }
            joined
        });
        let mut method = self.method.clone();
        let mut body = Body::None;
        let content_type = self.header_value("content-type");

        if self.head {
            method.get_or_insert_with(|| "HEAD".to_owned());
        }
        if let (Some(data), true) = (&data, self.get) {
            // -G moves the data into the query string.
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(data);
        } else if let Some(data) = data {
            method.get_or_insert_with(|| "POST".to_owned());
            let json_type = self.json || content_type.as_deref().is_some_and(is_json_type);
            if self.json {
                self.default_header("Content-Type", "application/json");
                self.default_header("Accept", "application/json");
            }
            body = if json_type && self.type_is("content-type", "application/json") {
                self.drop_header("content-type");
                Body::Json { text: data }
            } else if self.removed_headers.iter().any(|h| h == "content-type") {
                Body::Text {
                    text: data,
                    content_type: String::new(),
                }
            } else if content_type.is_none()
                || self.type_is("content-type", "application/x-www-form-urlencoded")
            {
                // curl's default for -d is a urlencoded form.
                self.drop_header("content-type");
                match form_fields(&data) {
                    Some(fields) => Body::Form { fields },
                    None => Body::Text {
                        text: data,
                        content_type: "application/x-www-form-urlencoded".to_owned(),
                    },
                }
            } else {
                let content_type = content_type.clone().unwrap_or_default();
                self.drop_header("content-type");
                Body::Text {
                    text: data,
                    content_type,
                }
            };
        } else if !self.form_parts.is_empty() {
            method.get_or_insert_with(|| "POST".to_owned());
            if let Some(value) = content_type.as_deref().filter(|t| {
                t.trim()
                    .to_ascii_lowercase()
                    .starts_with("multipart/form-data")
            }) {
                // curl adds its boundary to such a header; the browser writes the whole header.
                self.drop_header("content-type");
                self.warnings.push(format!("The header Content-Type: {value} was left out: the browser writes it with the boundary between the parts."));
            }
            body = Body::Multipart {
                parts: std::mem::take(&mut self.form_parts),
            };
        } else if let Some(path) = self.upload_file.take() {
            // -T sends the file with PUT, and to URL/name when the URL ends with a slash.
            method.get_or_insert_with(|| "PUT".to_owned());
            let file_name = base_name(&path);
            if url.ends_with('/') {
                // curl appends the name URL-encoded.
                for byte in file_name.bytes() {
                    if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                        url.push(char::from(byte));
                    } else {
                        url.push_str(&format!("%{byte:02X}"));
                    }
                }
            }
            let content_type = content_type.clone().unwrap_or_default();
            self.drop_header("content-type");
            body = Body::Binary {
                file: FileRef::missing(file_name),
                content_type,
            };
        }
        let data_files = std::mem::take(&mut self.data_files);
        if self.get {
            // -G sends the data in the query string, a file's too: not something to choose.
            for (option, path) in &data_files {
                self.warnings.push(format!("{option} @{path} with -G sends the file's contents in the query string, which the playground cannot read; add them under Params."));
            }
        } else if let ([(option, path)], Body::None) = (&data_files[..], &body) {
            // One file as the whole body: sent as the file's bytes.
            method.get_or_insert_with(|| "POST".to_owned());
            if option == "-d" || option == "--data" || option == "--data-ascii" {
                self.warnings.push(format!("{option} @{path} strips the file's line breaks; the playground sends the file as it is (curl's --data-binary)."));
            }
            let content_type = if self.json {
                self.default_header("Accept", "application/json");
                content_type
                    .clone()
                    .unwrap_or_else(|| "application/json".to_owned())
            } else {
                content_type
                    .clone()
                    .unwrap_or_else(|| "application/x-www-form-urlencoded".to_owned())
            };
            self.drop_header("content-type");
            body = Body::Binary {
                file: FileRef::missing(base_name(path)),
                content_type,
            };
        } else {
            for (option, path) in &data_files {
                self.warnings.push(format!("{option} @{path} reads a file among other data, which the playground cannot join; add the body by hand."));
            }
        }
        let files: Vec<String> = match &body {
            Body::Multipart { parts } => parts
                .iter()
                .filter_map(|p| match &p.value {
                    crate::model::PartValue::File { file, .. } if file.is_missing() => {
                        Some(format!("{} (part {})", file.file_name, p.name))
                    }
                    _ => None,
                })
                .collect(),
            Body::Binary { file, .. } => vec![format!("{} (the body)", file.file_name)],
            _ => Vec::new(),
        };
        if !files.is_empty() {
            self.warnings.push(format!(
                "Choose the files the command sends, under Body: {}.",
                files.join(", ")
            ));
        }

        let timeout_ms = match (self.max_time, self.connect_timeout) {
            (Some(ms), _) => ms,
            (None, Some(ms)) => {
                self.warnings
                    .push("--connect-timeout was used as the whole request's timeout.".to_owned());
                ms
            }
            (None, None) => Request::default().timeout_ms,
        };
        let request = Request {
            method: method.unwrap_or_else(|| "GET".to_owned()),
            url,
            headers: self.headers,
            auth: self.auth,
            body,
            timeout_ms,
            ..Request::default()
        };
        Ok(CurlImport {
            request,
            ignored: self.ignored,
            warnings: self.warnings,
        })
    }

    fn header_value(&self, lower_name: &str) -> Option<String> {
        self.headers
            .iter()
            .rev()
            .find(|h| h.name.eq_ignore_ascii_case(lower_name))
            .map(|h| h.value.clone())
    }

    fn type_is(&self, lower_name: &str, expected: &str) -> bool {
        self.header_value(lower_name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
    }

    fn drop_header(&mut self, lower_name: &str) {
        self.headers
            .retain(|h| !h.name.eq_ignore_ascii_case(lower_name));
    }

    fn default_header(&mut self, name: &str, value: &str) {
        if self.header_value(&name.to_ascii_lowercase()).is_none() {
            self.headers.push(KeyValue::new(name, value));
        }
    }
}

/// The last component of a path, as curl names an uploaded file.
fn base_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned()
}

fn is_json_type(content_type: &str) -> bool {
    content_type.trim().eq_ignore_ascii_case("application/json")
}

/// Form fields from a urlencoded body, when re-encoding them gives back exactly these bytes
/// (so the request sent is the one the command sends); otherwise `None`.
fn form_fields(data: &str) -> Option<Vec<KeyValue>> {
    let pairs = parse_urlencoded(data);
    if pairs.is_empty() || form_urlencode(&pairs) != data {
        return None;
    }
    Some(
        pairs
            .into_iter()
            .map(|(n, v)| KeyValue::new(n, v))
            .collect(),
    )
}

/// `--data-urlencode` content: `name=value` encodes the value, `=value` and `value` encode it all.
fn urlencode_data(content: &str) -> String {
    let encode = |text: &str| {
        let encoded = form_urlencode(&[(String::new(), text.to_owned())]);
        encoded[1..].to_owned()
    };
    match content.split_once('=') {
        Some(("", value)) => encode(value),
        Some((name, value)) => format!("{name}={}", encode(value)),
        None => encode(content),
    }
}
