//! The one JSON scanner: where whitespace, a string and a number end, on bytes. The response
//! viewer's line index (viewer/json_lines.rs) and the re-indenter ([`super::pretty_json`]) both
//! walk JSON with it; [`super::Json`] is the tree, kept where it earns its place (key order and
//! number spelling for code, error positions for the JSON hint).

/// The first byte at or after `i` that is not JSON whitespace.
pub fn skip_space(body: &[u8], mut i: usize) -> usize {
    while i < body.len() && matches!(body[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The end of the string starting at `at` (just past its closing quote); `None` when it is not
/// closed or holds a raw control character.
pub fn scan_string(body: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while i < body.len() {
        match body[i] {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            c if c < 0x20 => return None,
            _ => i += 1,
        }
    }
    None
}

/// The end of the number starting at `at`, as JSON spells numbers; `None` if it is not one.
pub fn scan_number(body: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    if body.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let from = *i;
        while body.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if body.get(i) == Some(&b'0') {
        i += 1;
    } else if !digits(&mut i) {
        return None;
    }
    if body.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    Some(i)
}
