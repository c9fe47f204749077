//! Seconds and sizes as people read and type them, with integer arithmetic only (float
//! formatting would add kilobytes to the wasm for no visible gain).

/// `10000` ms as `10`, `2500` as `2.5`, `1234` as `1.234`: seconds without trailing zeros.
pub fn format_seconds(ms: u64) -> String {
    let (whole, millis) = (ms / 1000, ms % 1000);
    if millis == 0 {
        return whole.to_string();
    }
    let fraction = format!("{millis:03}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// Time since a request went out, for a stream's rows: `+412 ms` under a second, `+1.23 s`
/// from then on (hundredths, rounded), in integer arithmetic.
pub fn format_since(ms: f64) -> String {
    let ms = ms.max(0.0);
    if ms < 1000.0 {
        return format!("+{} ms", ms.round() as u64);
    }
    let hundredths = (ms / 10.0).round() as u64;
    format!("+{}.{:02} s", hundredths / 100, hundredths % 100)
}

/// A duration for a sentence: `1 second`, `10 seconds`, `2.5 seconds`.
pub fn seconds_in_words(ms: u64) -> String {
    if ms == 1000 {
        "1 second".to_owned()
    } else {
        format!("{} seconds", format_seconds(ms))
    }
}

/// Seconds typed by a user (`10`, `0.5`, `1.25`, ` 3 `) as milliseconds, rounded to the nearest
/// millisecond. `None` for anything else: empty, negative, exponents, more than 1e9 s.
pub fn parse_seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 9
    {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let digits = fraction.as_bytes();
    let mut millis = 0u64;
    for i in 0..3 {
        millis = millis * 10 + digits.get(i).map_or(0, |d| u64::from(d - b'0'));
    }
    if digits.get(3).is_some_and(|d| *d >= b'5') {
        millis += 1;
    }
    Some(whole * 1000 + millis)
}

/// A byte count as people read it: `512 B`, `1.5 KB`, `12.3 MB` (powers of 1000, one decimal).
pub fn format_size(bytes: usize) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let bytes = bytes as u128;
    let mut divisor: u128 = 1000;
    let mut unit = 0;
    // Move up a unit while the rounded value would read 1000.0 or more.
    while unit < UNITS.len() - 1 && (bytes * 10 + divisor / 2) / divisor >= 10_000 {
        divisor *= 1000;
        unit += 1;
    }
    let tenths = (bytes * 10 + divisor / 2) / divisor;
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// `n` with its digits grouped in threes by `separator`: `152,003`, or `10_000` for Rust code.
pub fn group_digits(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A duration in milliseconds, rounded: `34 ms`.
pub fn format_millis(ms: f64) -> String {
    format!("{} ms", ms.max(0.0).round() as u64)
}
