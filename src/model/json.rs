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
        Parser::new(text, true).document().ok()
    }

    /// Checks `text` is valid JSON (RFC 8259) without building a tree; the error says where and
    /// what is wrong.
    pub fn validate(text: &str) -> Result<(), JsonError> {
        Parser::new(text, false).document().map(|_| ())
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
    /// specially (`__proto__`): such documents are sent as text, not as a literal. The keys of
    /// each object are sorted to find repeats: comparing each key with every earlier one took
    /// billions of steps for the 100,000 keys a link can hold.
    pub fn has_tricky_keys(&self) -> bool {
        match self {
            Json::Array(items) => items.iter().any(Json::has_tricky_keys),
            Json::Object(members) => {
                let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
                keys.sort_unstable();
                keys.binary_search(&"__proto__").is_ok()
                    || keys.windows(2).any(|pair| pair[0] == pair[1])
                    || members.iter().any(|(_, v)| v.has_tricky_keys())
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
    // Otherwise what matters is that the magnitude is finite and not lost to zero: the decimal
    // exponent of the first significant digit stays well inside f64's range (1e±308).
    let lower = text.trim_start_matches('-').to_ascii_lowercase();
    let (mantissa, exponent) = lower.split_once('e').unwrap_or((&lower, "0"));
    let exponent: i64 = exponent.trim_start_matches('+').parse().unwrap_or(i64::MAX);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let Some(first) = digits.find(|c: char| c != '0') else {
        return true; // zero
    };
    let magnitude = whole.len() as i64 - 1 - first as i64;
    (-300..=300).contains(&exponent.saturating_add(magnitude))
}

/// Where and why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line and column (in characters) of the problem.
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message, self.line, self.column
        )
    }
}

/// How deep arrays and objects may nest, as serde_json allows: deeper input is refused rather
/// than allowed to exhaust the stack.
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Whether to build the tree, or only check the text.
    build: bool,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, build: bool) -> Self {
        Parser {
            bytes: text.as_bytes(),
            text,
            pos: 0,
            depth: 0,
            build,
        }
    }

    fn error(&self, message: &'static str) -> JsonError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        JsonError {
            line,
            column,
            message,
        }
    }

    fn document(&mut self) -> Result<Json, JsonError> {
        let value = self.value()?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err(self.error("trailing characters"));
        }
        Ok(value)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') => self.keyword("true", Json::Bool(true)),
            Some(b'f') => self.keyword("false", Json::Bool(false)),
            Some(b'n') => self.keyword("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.pos += 1;
        Ok(())
    }

    fn object(&mut self) -> Result<Json, JsonError> {
        self.enter()?;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error(if self.peek().is_none() {
                    "EOF while parsing an object"
                } else {
                    "key must be a string"
                }));
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:`"));
            }
            self.pos += 1;
            let value = self.value()?;
            if self.build {
                members.push((key, value));
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Json::Object(members));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self) -> Result<Json, JsonError> {
        self.enter()?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Array(items));
        }
        loop {
            let value = self.value()?;
            if self.build {
                items.push(value);
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn keyword(&mut self, word: &'static str, value: Json) -> Result<Json, JsonError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        Ok(Json::Number(if self.build {
            self.text[start..self.pos].to_owned()
        } else {
            String::new()
        }))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// A string literal starting at the opening quote, decoded.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            if self.build {
                out.push_str(&self.text[start..self.pos]);
            }
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    if self.build {
                        out.push(c);
                    }
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// The character an escape (after the backslash) stands for.
    fn escape(&mut self) -> Result<char, JsonError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.text[self.pos..].starts_with("\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("unexpected end of hex escape")),
                    code => code,
                };
                return char::from_u32(code)
                    .ok_or_else(|| self.error("invalid unicode code point"));
            }
            None => return Err(self.error("EOF while parsing a string")),
            Some(_) => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("invalid escape"))?;
            value = value * 16 + digit;
            self.pos += 1;
        }
        Ok(value)
    }
}
