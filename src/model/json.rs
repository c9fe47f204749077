//! A JSON document as a tree that keeps key order and number spelling: generators re-spell it as
//! a Python or JavaScript literal of the same value, and the request format is read from it
//! (by hand, which costs far less wasm than serde's derived deserializers).

/// One JSON value. Numbers keep their text (`1.50` stays `1.50`); strings are decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses `text`, or `None` when it is not valid JSON.
    pub fn parse(text: &str) -> Option<Json> {
        // serde_json is the judge of validity; the walk below then never meets bad input.
        serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
        let mut parser = Parser {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        };
        parser.value()
    }

    /// The member `key` of an object (the last one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short name of the value's kind, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Whether every number survives a round trip through an f64 unchanged in value, which
    /// JavaScript needs (`JSON.stringify` of a literal).
    pub fn numbers_fit_f64(&self) -> bool {
        match self {
            Json::Number(n) => number_fits_f64(n),
            Json::Array(items) => items.iter().all(Json::numbers_fit_f64),
            Json::Object(members) => members.iter().all(|(_, v)| v.numbers_fit_f64()),
            _ => true,
        }
    }

    /// Whether an object has the same key twice, or a key a JavaScript object literal treats
    /// specially (`__proto__`): such documents are sent as text, not as a literal.
    pub fn has_tricky_keys(&self) -> bool {
        match self {
            Json::Array(items) => items.iter().any(Json::has_tricky_keys),
            Json::Object(members) => {
                members.iter().enumerate().any(|(i, (k, _))| {
                    k == "__proto__" || members[..i].iter().any(|(earlier, _)| earlier == k)
                }) || members.iter().any(|(_, v)| v.has_tricky_keys())
            }
            _ => false,
        }
    }
}

fn number_fits_f64(text: &str) -> bool {
    let is_integer = !text.contains(['.', 'e', 'E']);
    if is_integer {
        // Integers are exact in an f64 up to 2^53.
        return text
            .trim_start_matches('-')
            .parse::<u64>()
            .is_ok_and(|n| n <= 1 << 53);
    }
    // serde_json refuses numbers outside the f64 range, which is what JavaScript can hold.
    serde_json::from_str::<f64>(text).is_ok()
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn skip_whitespace(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Option<Json> {
        self.skip_whitespace();
        let value = match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                loop {
                    self.skip_whitespace();
                    match *self.bytes.get(self.pos)? {
                        b'}' => break,
                        b',' => self.pos += 1,
                        _ => {
                            let key = self.string()?;
                            self.skip_whitespace();
                            self.pos += 1; // ':'
                            members.push((key, self.value()?));
                        }
                    }
                }
                self.pos += 1;
                Json::Object(members)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_whitespace();
                    match *self.bytes.get(self.pos)? {
                        b']' => break,
                        b',' => self.pos += 1,
                        _ => items.push(self.value()?),
                    }
                }
                self.pos += 1;
                Json::Array(items)
            }
            b'"' => Json::String(self.string()?),
            b't' => self.keyword("true", Json::Bool(true))?,
            b'f' => self.keyword("false", Json::Bool(false))?,
            b'n' => self.keyword("null", Json::Null)?,
            _ => {
                let start = self.pos;
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|b| b"+-.eE0123456789".contains(b))
                {
                    self.pos += 1;
                }
                Json::Number(self.text[start..self.pos].to_owned())
            }
        };
        Some(value)
    }

    fn keyword(&mut self, word: &str, value: Json) -> Option<Json> {
        self.pos += word.len();
        Some(value)
    }

    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        while *self.bytes.get(self.pos)? != b'"' {
            self.pos += if self.bytes[self.pos] == b'\\' { 2 } else { 1 };
        }
        self.pos += 1;
        serde_json::from_str(&self.text[start..self.pos]).ok()
    }
}
