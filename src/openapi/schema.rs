//! JSON Schema as descriptions use it (OpenAPI 3.0's dialect, 3.1's JSON Schema 2020-12 and
//! Swagger 2.0's): an example value made from a schema, and a value checked against one.
//!
//! Checked: `type` (a list of types, 3.0's `nullable`), `enum`, `const`, `properties`,
//! `required` (not for `readOnly` properties of a request, `writeOnly` ones of a response),
//! `additionalProperties`, `items`, `allOf`, `anyOf`, `oneOf` (as `anyOf`: descriptions often
//! offer alternatives that overlap, and a strict count would report answers the API means),
//! `not`, the numeric and length bounds, and the formats that are cheap to check (`int32`,
//! `int64`, `date-time`, `date`, `email`, `uuid`, `uri`). Not checked: `pattern` (a regular
//! expression engine would cost this module more than the rest of it), `multipleOf`,
//! `uniqueItems`, `dependentRequired` and other rarely used keywords.

use crate::model::Json;

use super::document::Document;

/// Which way a value travels: a request body leaves out `readOnly` properties, a response
/// `writeOnly` ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// One way a value differs from its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON path of the value: `$.args.count`, `$.items[2]`.
    pub path: String,
    pub message: String,
}

/// At most this many mismatches are listed.
pub const MAX_MISMATCHES: usize = 100;
const MAX_DEPTH: usize = 96;

/// The type names of JSON Schema, for a value.
fn type_of(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if is_integer(n) => "integer",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// `1`, `-3`, `2.0` and `1e3` are integers (JSON Schema counts the value, not the spelling).
fn is_integer(number: &str) -> bool {
    number
        .parse::<f64>()
        .is_ok_and(|n| n.fract() == 0.0 && n.is_finite())
}

fn number(value: &Json) -> Option<f64> {
    match value {
        Json::Number(n) => n.parse().ok(),
        _ => None,
    }
}

fn types(schema: &Json) -> Vec<&str> {
    match schema.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(list)) => list
            .iter()
            .filter_map(|t| match t {
                Json::String(s) => Some(s.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn flag(schema: &Json, key: &str) -> bool {
    schema.get(key) == Some(&Json::Bool(true))
}

fn list<'a>(schema: &'a Json, key: &str) -> &'a [Json] {
    match schema.get(key) {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// Two JSON values are equal as JSON Schema compares them (numbers by value).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x == y || number(a) == number(b),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            // Sorted by key, so large objects compare in n log n, not n².
            fn sorted(members: &[(String, Json)]) -> Vec<(&String, &Json)> {
                let mut m: Vec<(&String, &Json)> = members.iter().map(|(k, v)| (k, v)).collect();
                m.sort_by(|a, b| a.0.cmp(b.0));
                m
            }
            x.len() == y.len()
                && sorted(x)
                    .into_iter()
                    .zip(sorted(y))
                    .all(|((k, v), (k2, v2))| k == k2 && same(v, v2))
        }
        _ => a == b,
    }
}

fn short(value: &Json) -> String {
    let text = match value {
        Json::String(s) => format!("\"{s}\""),
        Json::Number(n) => n.clone(),
        Json::Bool(b) => b.to_string(),
        Json::Null => "null".to_owned(),
        Json::Array(items) => format!("an array of {}", items.len()),
        Json::Object(_) => "an object".to_owned(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

/// A member's path: `$.name`, or `$["a key"]` when the key is not an identifier.
pub fn member_path(path: &str, key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        format!("{path}.{key}")
    } else {
        format!(
            "{path}[\"{}\"]",
            key.replace('\\', "\\\\").replace('"', "\\\"")
        )
    }
}

/// Steps (schema × value visits) one check may take: a description whose `allOf`s name the
/// same schema twice at every level would otherwise take 2^depth steps.
pub const MAX_STEPS: usize = 2_000_000;
/// What [`matches`] may take, in the example maker's choices.
const MATCH_STEPS: usize = 20_000;

/// Every way `value` differs from `schema` (at most [`MAX_MISMATCHES`]); when the check would
/// take more than [`MAX_STEPS`], what it found so far and a last line that says it stopped.
pub fn validate(
    document: &Document,
    schema: &Json,
    value: &Json,
    direction: Direction,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let validator = Validator::new(document, direction, MAX_STEPS);
    validator.check(schema, value, "$", &mut out, 0);
    if validator.stopped() {
        out.push(Mismatch {
            path: "$".to_owned(),
            message: format!(
                "the check stopped after {MAX_STEPS} steps: this schema repeats itself too much (allOf, anyOf or oneOf naming the same schemas)"
            ),
        });
    }
    out
}

/// Whether `value` matches `schema` (a check that would take too long counts as a match).
pub fn matches(document: &Document, schema: &Json, value: &Json, direction: Direction) -> bool {
    let mut out = Vec::new();
    Validator::new(document, direction, MATCH_STEPS).check(schema, value, "$", &mut out, 0);
    out.is_empty()
}

struct Validator<'a> {
    document: &'a Document,
    direction: Direction,
    /// Steps left.
    steps: std::cell::Cell<usize>,
}

impl<'a> Validator<'a> {
    fn new(document: &'a Document, direction: Direction, steps: usize) -> Self {
        Validator {
            document,
            direction,
            steps: std::cell::Cell::new(steps),
        }
    }

    fn stopped(&self) -> bool {
        self.steps.get() == 0
    }
}

impl Validator<'_> {
    fn check(
        &self,
        schema: &Json,
        value: &Json,
        path: &str,
        out: &mut Vec<Mismatch>,
        depth: usize,
    ) {
        if out.len() >= MAX_MISMATCHES || depth > MAX_DEPTH || self.stopped() {
            return;
        }
        self.steps.set(self.steps.get() - 1);
        let mut say = |message: String| {
            if out.len() < MAX_MISMATCHES {
                out.push(Mismatch {
                    path: path.to_owned(),
                    message,
                });
            }
        };
        let schema = match schema {
            Json::Bool(true) => return,
            Json::Bool(false) => {
                say("no value is allowed here".to_owned());
                return;
            }
            other => match self.document.resolve(other) {
                Ok(s) => s,
                Err(e) => {
                    say(format!("its schema cannot be read: {e}"));
                    return;
                }
            },
        };
        if matches!(value, Json::Null) && flag(schema, "nullable") {
            return;
        }
        let allowed = types(schema);
        if !allowed.is_empty() && !allowed.contains(&"file") {
            let actual = type_of(value);
            let fits = allowed
                .iter()
                .any(|t| *t == actual || (*t == "number" && actual == "integer"));
            if !fits {
                say(format!(
                    "expected {}, got {} {}",
                    allowed.join(" or "),
                    actual,
                    short(value)
                ));
                return;
            }
        }
        if let Some(Json::Array(choices)) = schema.get("enum") {
            if !choices.iter().any(|c| same(c, value)) {
                let names: Vec<String> = choices.iter().take(8).map(short).collect();
                say(format!(
                    "{} is not one of {}{}",
                    short(value),
                    names.join(", "),
                    if choices.len() > 8 { ", …" } else { "" }
                ));
            }
        }
        if let Some(constant) = schema.get("const") {
            if !same(constant, value) {
                say(format!(
                    "expected {}, got {}",
                    short(constant),
                    short(value)
                ));
            }
        }
        match value {
            Json::String(text) => self.string(schema, text, &mut say),
            Json::Number(_) => self.number(schema, value, &mut say),
            _ => {}
        }
        match value {
            Json::Array(items) => {
                let count = items.len() as f64;
                if let Some(min) = schema.get("minItems").and_then(number) {
                    if count < min {
                        push(
                            out,
                            path,
                            format!("has {count} items, at least {min} expected"),
                        );
                    }
                }
                if let Some(max) = schema.get("maxItems").and_then(number) {
                    if count > max {
                        push(
                            out,
                            path,
                            format!("has {count} items, at most {max} expected"),
                        );
                    }
                }
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &format!("{path}[{i}]"), out, depth + 1);
                    }
                }
            }
            Json::Object(members) => self.object(schema, members, path, out, depth),
            _ => {}
        }
        for part in list(schema, "allOf") {
            self.check(part, value, path, out, depth + 1);
        }
        for key in ["anyOf", "oneOf"] {
            let alternatives = list(schema, key);
            if !alternatives.is_empty()
                && !alternatives.iter().any(|alternative| {
                    let mut inner = Vec::new();
                    self.check(alternative, value, path, &mut inner, depth + 1);
                    inner.is_empty()
                })
            {
                push(
                    out,
                    path,
                    format!(
                        "{} matches none of the {} schemas its {key} allows",
                        short(value),
                        alternatives.len()
                    ),
                );
            }
        }
        if let Some(not) = schema.get("not") {
            let mut inner = Vec::new();
            self.check(not, value, path, &mut inner, depth + 1);
            if inner.is_empty() {
                push(out, path, "matches the schema its `not` forbids".to_owned());
            }
        }
    }

    fn object(
        &self,
        schema: &Json,
        members: &[(String, Json)],
        path: &str,
        out: &mut Vec<Mismatch>,
        depth: usize,
    ) {
        let properties = match schema.get("properties") {
            Some(Json::Object(p)) => p.as_slice(),
            _ => &[],
        };
        for name in list(schema, "required") {
            let Json::String(name) = name else { continue };
            if members.iter().any(|(k, _)| k == name) {
                continue;
            }
            let skipped = properties
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, p)| self.document.resolve(p).ok())
                .is_some_and(|p| self.hidden(p));
            if !skipped {
                push(
                    out,
                    path,
                    format!("required property \"{name}\" is missing"),
                );
            }
        }
        for (key, value) in members {
            let member = member_path(path, key);
            match properties.iter().find(|(k, _)| k == key) {
                Some((_, property)) => self.check(property, value, &member, out, depth + 1),
                None => match schema.get("additionalProperties") {
                    Some(Json::Bool(false)) => push(
                        out,
                        &member,
                        "is not a property the schema allows (additionalProperties: false)"
                            .to_owned(),
                    ),
                    Some(extra @ Json::Object(_)) => {
                        self.check(extra, value, &member, out, depth + 1)
                    }
                    _ => {}
                },
            }
        }
    }

    /// A property this direction leaves out.
    fn hidden(&self, property: &Json) -> bool {
        match self.direction {
            Direction::Request => flag(property, "readOnly"),
            Direction::Response => flag(property, "writeOnly"),
        }
    }

    fn string(&self, schema: &Json, text: &str, say: &mut impl FnMut(String)) {
        let length = text.chars().count() as f64;
        if let Some(min) = schema.get("minLength").and_then(number) {
            if length < min {
                say(format!(
                    "is {length} characters long, at least {min} expected"
                ));
            }
        }
        if let Some(max) = schema.get("maxLength").and_then(number) {
            if length > max {
                say(format!(
                    "is {length} characters long, at most {max} expected"
                ));
            }
        }
        if let Some(Json::String(format)) = schema.get("format") {
            if !format_holds(format, text) {
                say(format!("\"{}\" is not a valid {format}", short_text(text)));
            }
        }
    }

    fn number(&self, schema: &Json, value: &Json, say: &mut impl FnMut(String)) {
        let Some(n) = number(value) else { return };
        let bound = |key: &str| schema.get(key).and_then(number);
        let exclusive = |key: &str| flag(schema, key);
        if let Some(min) = bound("minimum") {
            if n < min || (exclusive("exclusiveMinimum") && n == min) {
                say(format!("{n} is below the minimum {min}"));
            }
        }
        if let Some(max) = bound("maximum") {
            if n > max || (exclusive("exclusiveMaximum") && n == max) {
                say(format!("{n} is above the maximum {max}"));
            }
        }
        if let Some(min) = bound("exclusiveMinimum") {
            if n <= min {
                say(format!("{n} must be above {min}"));
            }
        }
        if let Some(max) = bound("exclusiveMaximum") {
            if n >= max {
                say(format!("{n} must be below {max}"));
            }
        }
        let range = match schema.get("format") {
            Some(Json::String(f)) if f == "int32" => Some((i32::MIN as f64, i32::MAX as f64)),
            Some(Json::String(f)) if f == "int64" => Some((i64::MIN as f64, i64::MAX as f64)),
            _ => None,
        };
        if let Some((low, high)) = range {
            if n < low || n > high || n.fract() != 0.0 {
                say(format!("{n} does not fit its format"));
            }
        }
    }
}

/// Two values of one object made from two schemas: `first`'s members, then the members only
/// `second` has (objects merged all the way down); otherwise `second`.
fn deep_merge(first: Json, second: Json) -> Json {
    match (first, second) {
        (Json::Object(mut members), Json::Object(extra)) => {
            for (key, value) in extra {
                match members.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, old)) => *old = deep_merge(std::mem::replace(old, Json::Null), value),
                    None => members.push((key, value)),
                }
            }
            Json::Object(members)
        }
        (Json::Null, second) => second,
        (first, Json::Null) => first,
        (_, second) => second,
    }
}

fn push(out: &mut Vec<Mismatch>, path: &str, message: String) {
    if out.len() < MAX_MISMATCHES {
        out.push(Mismatch {
            path: path.to_owned(),
            message,
        });
    }
}

fn short_text(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn date_holds(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && digits(y) && digits(m) && digits(d)
        && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u8>().unwrap_or(0)))
}

fn time_holds(time: &str) -> bool {
    // hh:mm:ss, optional fraction, then Z or ±hh:mm (RFC 3339).
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => return false,
    };
    let clock = clock.split('.').next().unwrap_or_default();
    let hms: Vec<&str> = clock.split(':').collect();
    let clock_ok =
        matches!(hms.as_slice(), [h, m, s] if [h, m, s].iter().all(|p| p.len() == 2 && digits(p)));
    let zone_ok = zone.eq_ignore_ascii_case("z")
        || (zone.len() == 6
            && zone.as_bytes()[3] == b':'
            && digits(&zone[1..3])
            && digits(&zone[4..]));
    clock_ok && zone_ok
}

/// Whether `text` is a valid `format` (formats not listed always hold).
pub fn format_holds(format: &str, text: &str) -> bool {
    match format {
        "date" => date_holds(text),
        "date-time" => text
            .split_once(['T', 't', ' '])
            .is_some_and(|(d, t)| date_holds(d) && time_holds(t)),
        "email" => text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
        }),
        "uuid" => {
            let groups: Vec<&str> = text.split('-').collect();
            groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                && groups
                    .iter()
                    .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        "uri" | "url" => text.split_once(':').is_some_and(|(scheme, _)| {
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }),
        _ => true,
    }
}

/// An example value for `schema`: the description's own (`example`, `examples`, `default`)
/// when `use_examples`, else one made from the schema's types, formats, bounds and enums, so
/// it validates against the schema (a `pattern` aside).
pub fn example(
    document: &Document,
    schema: &Json,
    direction: Direction,
    use_examples: bool,
) -> Json {
    Maker {
        document,
        direction,
        use_examples,
        visiting: Vec::new(),
        budget: MAX_EXAMPLE_VALUES,
    }
    .make(schema, 0)
    .unwrap_or(Json::Null)
}

struct Maker<'a> {
    document: &'a Document,
    direction: Direction,
    use_examples: bool,
    /// The `$ref`s being expanded (a schema that contains itself stops at its second visit).
    visiting: Vec<String>,
    /// Values still to make: a description whose arrays nest with `minItems`, or whose schemas
    /// name themselves twice, would otherwise make an example too large to hold.
    budget: usize,
}

/// Values one example may hold at most.
pub const MAX_EXAMPLE_VALUES: usize = 20_000;
/// A string made from a schema is at most this long (`minLength: 1000000000` is not typed).
const MAX_EXAMPLE_TEXT: usize = 1_000;

impl Maker<'_> {
    fn make(&mut self, schema: &Json, depth: usize) -> Option<Json> {
        if depth > 24 || self.budget == 0 {
            return None;
        }
        self.budget -= 1;
        let reference = match schema.get("$ref") {
            Some(Json::String(r)) => Some(r.clone()),
            _ => None,
        };
        if let Some(r) = &reference {
            if self.visiting.contains(r) {
                return None;
            }
            self.visiting.push(r.clone());
        }
        let made = match self.document.resolve(schema) {
            Ok(resolved) => self.make_resolved(resolved, depth),
            Err(_) => None,
        };
        if reference.is_some() {
            self.visiting.pop();
        }
        made
    }

    fn make_resolved(&mut self, schema: &Json, depth: usize) -> Option<Json> {
        if let Json::Bool(_) = schema {
            return Some(Json::Null);
        }
        if self.use_examples {
            if let Some(example) = schema.get("example") {
                return Some(example.clone());
            }
            if let Some(Json::Array(examples)) = schema.get("examples") {
                if let Some(first) = examples.first() {
                    return Some(first.clone());
                }
            }
            if let Some(default) = schema.get("default") {
                return Some(default.clone());
            }
        }
        if let Some(constant) = schema.get("const") {
            return Some(constant.clone());
        }
        if let Some(first) = list(schema, "enum")
            .iter()
            .find(|c| !matches!(c, Json::Null))
        {
            return Some(first.clone());
        }
        let all_of = list(schema, "allOf");
        if !all_of.is_empty() {
            let mut merged: Option<Json> = None;
            for part in all_of {
                match (self.make(part, depth + 1), &mut merged) {
                    (Some(Json::Object(extra)), Some(Json::Object(members))) => {
                        for (k, v) in extra {
                            match members.iter_mut().find(|(key, _)| *key == k) {
                                // A part that says nothing of a property's type adds nothing.
                                Some(_) if v == Json::Null => {}
                                // Two parts describe it: keep the value every part accepts
                                // (`{type: string, format: uri}` and `{type: string}`).
                                Some((_, old)) => {
                                    if !self.fits_all(all_of, &k, old) {
                                        *old = match self.fitting(all_of, &k, depth) {
                                            Some(fits) => fits,
                                            None => {
                                                deep_merge(std::mem::replace(old, Json::Null), v)
                                            }
                                        };
                                    }
                                }
                                None if self.fits_all(all_of, &k, &v) => members.push((k, v)),
                                None => {
                                    let fits = self.fitting(all_of, &k, depth);
                                    members.push((k, fits.unwrap_or(v)));
                                }
                            }
                        }
                    }
                    (Some(made), None) => merged = Some(made),
                    _ => {}
                }
            }
            // The schema's own properties, beside its allOf.
            if schema.get("properties").is_some() {
                if let (Some(Json::Object(own)), Some(Json::Object(members))) =
                    (self.object(schema, depth), &mut merged)
                {
                    for (k, v) in own {
                        if !members.iter().any(|(key, _)| *key == k) {
                            members.push((k, v));
                        }
                    }
                }
            }
            return merged;
        }
        // Alternatives: the first that makes a value. A schema with types or properties of its
        // own makes its value from those, and takes in the members the alternative adds (an
        // alternative may only say which properties are required).
        let own = !types(schema).is_empty()
            || schema.get("properties").is_some()
            || schema.get("items").is_some();
        let mut alternative = None;
        for key in ["oneOf", "anyOf"] {
            let alternatives = list(schema, key);
            if !alternatives.is_empty() {
                alternative = alternatives.iter().find_map(|a| self.make(a, depth + 1));
                if !own {
                    return alternative;
                }
                break;
            }
        }
        let made = self.of_own_type(schema, depth);
        match (made, alternative) {
            (Some(Json::Object(mut members)), Some(Json::Object(extra))) => {
                for (k, v) in extra {
                    if !members.iter().any(|(key, _)| *key == k) {
                        members.push((k, v));
                    }
                }
                Some(Json::Object(members))
            }
            (made, _) => made,
        }
    }

    /// Whether `value` fits property `key` of every part (of an allOf) that describes it.
    fn fits_all(&self, parts: &[Json], key: &str, value: &Json) -> bool {
        parts.iter().all(|part| {
            let Ok(part) = self.document.resolve(part) else {
                return true;
            };
            match part.get("properties").and_then(|p| p.get(key)) {
                Some(property) => matches(self.document, property, value, self.direction),
                None => true,
            }
        })
    }

    /// A value of property `key` that every part accepts, made from one part's schema or one
    /// of its alternatives (`{oneOf: [integer, date-time]}` and `{type: string}`).
    fn fitting(&mut self, parts: &[Json], key: &str, depth: usize) -> Option<Json> {
        let document = self.document;
        let mut candidates: Vec<&Json> = Vec::new();
        for part in parts {
            let Some(property) = document
                .resolve(part)
                .ok()
                .and_then(|p| p.get("properties"))
                .and_then(|p| p.get(key))
            else {
                continue;
            };
            candidates.push(property);
            if let Ok(resolved) = document.resolve(property) {
                for alternatives in ["oneOf", "anyOf"] {
                    candidates.extend(list(resolved, alternatives));
                }
            }
        }
        candidates.into_iter().find_map(|schema| {
            let value = self.make(schema, depth + 1)?;
            self.fits_all(parts, key, &value).then_some(value)
        })
    }

    /// A value of the schema's own type (the first that is not null).
    fn of_own_type(&mut self, schema: &Json, depth: usize) -> Option<Json> {
        let kinds = types(schema);
        let kind = kinds
            .iter()
            .find(|t| **t != "null")
            .copied()
            .or(kinds.first().copied())
            .unwrap_or(if schema.get("properties").is_some() {
                "object"
            } else if schema.get("items").is_some() {
                "array"
            } else {
                ""
            });
        Some(match kind {
            "object" => return self.object(schema, depth),
            "array" => {
                let count = schema
                    .get("minItems")
                    .and_then(number)
                    .map_or(1, |n| n.clamp(1.0, 5.0) as usize);
                let item = schema
                    .get("items")
                    .and_then(|items| self.make(items, depth + 1));
                match item {
                    Some(item) => {
                        // Copies count against the budget too; past it, one item.
                        let size = super::yaml::count(&item).0;
                        let count = if size.saturating_mul(count - 1) <= self.budget {
                            self.budget -= size * (count - 1);
                            count
                        } else {
                            1
                        };
                        Json::Array(vec![item; count])
                    }
                    None => Json::Array(Vec::new()),
                }
            }
            "string" => Json::String(self.string(schema)),
            "integer" | "number" => Json::Number(self.number(schema, kind == "integer")),
            "boolean" => Json::Bool(true),
            _ => Json::Null,
        })
    }

    fn object(&mut self, schema: &Json, depth: usize) -> Option<Json> {
        let required: Vec<&str> = list(schema, "required")
            .iter()
            .filter_map(|r| match r {
                Json::String(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        let mut members = Vec::new();
        if let Some(Json::Object(properties)) = schema.get("properties") {
            for (name, property) in properties {
                let is_required = required.contains(&name.as_str());
                let hidden = self
                    .document
                    .resolve(property)
                    .is_ok_and(|p| match self.direction {
                        Direction::Request => flag(p, "readOnly"),
                        Direction::Response => flag(p, "writeOnly"),
                    });
                if hidden || (!is_required && depth > 3) {
                    continue;
                }
                match self.make(property, depth + 1) {
                    Some(value) => members.push((name.clone(), value)),
                    // A required property whose schema contains itself: an empty object (or
                    // list) of the right kind is the most a finite example can give.
                    None if is_required => members.push((
                        name.clone(),
                        self.document
                            .resolve(property)
                            .map(|p| match types(p).first().copied() {
                                Some("array") => Json::Array(Vec::new()),
                                Some("string") => Json::String(String::new()),
                                _ => Json::Object(Vec::new()),
                            })
                            .unwrap_or(Json::Null),
                    )),
                    None => {}
                }
            }
        }
        // Required names the properties do not describe (a description's slip): any value
        // will do, or one of the schema given for other properties.
        let described = |name: &str| matches!(schema.get("properties"), Some(Json::Object(p)) if p.iter().any(|(k, _)| k == name));
        for name in required {
            if !described(name) && !members.iter().any(|(k, _)| k == name) {
                let value = match schema.get("additionalProperties") {
                    Some(extra @ Json::Object(_)) => self.make(extra, depth + 1),
                    _ => None,
                };
                members.push((name.to_owned(), value.unwrap_or(Json::Null)));
            }
        }
        Some(Json::Object(members))
    }

    fn string(&self, schema: &Json) -> String {
        let format = match schema.get("format") {
            Some(Json::String(f)) => f.as_str(),
            _ => "",
        };
        let mut text = match format {
            "date-time" => "2024-05-01T12:00:00Z",
            "date" => "2024-05-01",
            "time" => "12:00:00",
            "email" => "user@example.com",
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "uri" | "url" | "uri-reference" => "https://example.com",
            "hostname" => "example.com",
            "ipv4" => "192.0.2.1",
            "ipv6" => "2001:db8::1",
            "byte" => "aGVsbG8=",
            "binary" => "",
            _ => "string",
        }
        .to_owned();
        if let Some(min) = schema.get("minLength").and_then(number) {
            let min = min.clamp(0.0, MAX_EXAMPLE_TEXT as f64) as usize;
            let have = text.chars().count();
            if have < min {
                text.push_str(&"x".repeat(min - have));
            }
        }
        if let Some(max) = schema.get("maxLength").and_then(number) {
            text = text.chars().take(max.max(0.0) as usize).collect();
        }
        text
    }

    fn number(&self, schema: &Json, integer: bool) -> String {
        let step = if integer { 1.0 } else { 0.5 };
        let mut low = schema.get("minimum").and_then(number);
        let mut high = schema.get("maximum").and_then(number);
        if flag(schema, "exclusiveMinimum") {
            low = low.map(|l| l + step);
        }
        if flag(schema, "exclusiveMaximum") {
            high = high.map(|h| h - step);
        }
        if let Some(l) = schema.get("exclusiveMinimum").and_then(number) {
            low = Some(low.map_or(l + step, |x: f64| x.max(l + step)));
        }
        if let Some(h) = schema.get("exclusiveMaximum").and_then(number) {
            high = Some(high.map_or(h - step, |x: f64| x.min(h - step)));
        }
        let mut n = 0.0_f64;
        if let Some(l) = low {
            n = n.max(if integer { l.ceil() } else { l });
        }
        if let Some(h) = high {
            n = n.min(if integer { h.floor() } else { h });
        }
        if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        }
    }
}
