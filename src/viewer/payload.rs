//! What a response body is and how the viewer shows it: its kind (from Content-Type, and from
//! the bytes when that is missing or generic), text cut into rows, hex rows, the charset it
//! declares, and the file name it downloads as.

/// How a body is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    Empty,
    Json,
    /// Text, never interpreted; `markup` bodies (HTML, XML, SVG as text) and `code` bodies
    /// (JavaScript, CSS) are highlighted as such.
    Text(TextFlavor),
    /// Shown as an image from a blob URL.
    Image,
    /// Shown as a hex dump.
    Binary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFlavor {
    Plain,
    Markup,
    Code,
}

/// The media type of a Content-Type value, lower-cased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type value, lower-cased.
pub fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    })
}

/// The kind of a body from its Content-Type (if any) and its first bytes.
pub fn payload_kind(content_type: Option<&str>, body: &[u8]) -> PayloadKind {
    if body.is_empty() {
        return PayloadKind::Empty;
    }
    let media = content_type.map(media_type).unwrap_or_default();
    let (kind, subtype) = media.split_once('/').unwrap_or((media.as_str(), ""));
    match (kind, subtype) {
        ("image", "svg+xml") => PayloadKind::Text(TextFlavor::Markup),
        ("image", _) => PayloadKind::Image,
        (_, "json") | (_, "problem+json") => PayloadKind::Json,
        (_, s) if s.ends_with("+json") => PayloadKind::Json,
        ("text", "html") | (_, "xml") | ("application", "xhtml+xml") => {
            PayloadKind::Text(TextFlavor::Markup)
        }
        (_, s) if s.ends_with("+xml") => PayloadKind::Text(TextFlavor::Markup),
        (_, "javascript") | ("text", "css") | (_, "ecmascript") => {
            PayloadKind::Text(TextFlavor::Code)
        }
        ("text", _) => PayloadKind::Text(TextFlavor::Plain),
        ("audio" | "video" | "font", _) => PayloadKind::Binary,
        ("application", "pdf" | "zip" | "gzip" | "wasm") => PayloadKind::Binary,
        _ => sniff(body),
    }
}

/// The kind of a body without a useful Content-Type: an image by its signature, JSON by its
/// first character (confirmed while indexing), text when it is UTF-8 without NULs.
fn sniff(body: &[u8]) -> PayloadKind {
    const IMAGES: [&[u8]; 6] = [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"GIF87a",
        b"GIF89a",
        b"RIFF",
        b"BM",
    ];
    if IMAGES.iter().any(|magic| body.starts_with(magic))
        && (!body.starts_with(b"RIFF") || body.get(8..12) == Some(b"WEBP"))
    {
        return PayloadKind::Image;
    }
    let head = &body[..body.len().min(4096)];
    let text = match std::str::from_utf8(head) {
        Ok(text) => !text.contains('\0'),
        // A multi-byte character cut at the end of the sample is still text.
        Err(e) => e.error_len().is_none() && !head[..e.valid_up_to()].contains(&0),
    };
    if !text {
        return PayloadKind::Binary;
    }
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => PayloadKind::Json,
        Some(b'<') => PayloadKind::Text(TextFlavor::Markup),
        _ => PayloadKind::Text(TextFlavor::Plain),
    }
}

/// Text rows: a row per line, and a very long line cut into rows of at most this many bytes
/// (at a character boundary), so no row is too wide to draw.
pub const ROW_BYTES: usize = 1000;

/// Where each row of `text` starts (byte offsets); row `i` is `starts[i]..starts[i + 1]`
/// without its line break. Works on bytes (UTF-8, or not quite): a long line is cut where no
/// character continues.
pub fn text_rows(text: &[u8]) -> Vec<u32> {
    let mut starts = vec![0u32];
    let mut row_start = 0usize;
    let mut i = 0usize;
    while i < text.len() {
        if text[i] == b'\n' {
            i += 1;
            if i < text.len() {
                starts.push(i as u32);
            }
            row_start = i;
        } else if i - row_start >= ROW_BYTES && text[i] & 0xc0 != 0x80 {
            starts.push(i as u32);
            row_start = i;
        } else {
            i += 1;
        }
    }
    starts
}

/// Row `index` of `text` as cut by [`text_rows`], without its line break; bytes that are not
/// UTF-8 show as U+FFFD.
pub fn text_row(text: &[u8], starts: &[u32], index: usize) -> String {
    let Some(&start) = starts.get(index) else {
        return String::new();
    };
    let end = starts
        .get(index + 1)
        .map_or(text.len(), |&next| next as usize);
    let row = text.get(start as usize..end).unwrap_or_default();
    let row = row.strip_suffix(b"\n").unwrap_or(row);
    let row = row.strip_suffix(b"\r").unwrap_or(row);
    String::from_utf8_lossy(row).into_owned()
}

/// The pieces of a row of HTML or XML with the CSS class of each: tags, attribute values and
/// comments are coloured; the text between is plain. Together the pieces are exactly `row`.
pub fn markup_pieces(row: &str) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    let mut rest = row;
    while !rest.is_empty() {
        if let Some(comment) = rest.strip_prefix("<!--") {
            let len = comment.find("-->").map_or(rest.len(), |i| i + 7);
            out.push(("tok-comment", &rest[..len]));
            rest = &rest[len..];
        } else if rest.starts_with('<') {
            // A tag, with its quoted attribute values picked out.
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let mut tag = &rest[..end];
            while let Some(quote) = tag.find(['"', '\'']) {
                let mark = &tag[quote..quote + 1];
                let close = tag[quote + 1..]
                    .find(mark)
                    .map_or(tag.len(), |i| quote + i + 2);
                out.push(("tok-keyword", &tag[..quote]));
                out.push(("tok-string", &tag[quote..close]));
                tag = &tag[close..];
            }
            out.push(("tok-keyword", tag));
            rest = &rest[end..];
        } else {
            let len = rest.find('<').unwrap_or(rest.len());
            out.push(("", &rest[..len]));
            rest = &rest[len..];
        }
    }
    out.retain(|(_, text)| !text.is_empty());
    out
}

/// Bytes per hex row.
pub const HEX_WIDTH: usize = 16;

/// Row `index` of a hex dump: offset, the bytes in hex, and the printable ones as text.
pub fn hex_row(body: &[u8], index: usize) -> String {
    let start = index * HEX_WIDTH;
    let Some(chunk) = body.get(start..(start + HEX_WIDTH).min(body.len())) else {
        return String::new();
    };
    let mut out = format!("{start:08x}  ");
    for i in 0..HEX_WIDTH {
        match chunk.get(i) {
            Some(b) => out.push_str(&format!("{b:02x} ")),
            None => out.push_str("   "),
        }
        if i == 7 {
            out.push(' ');
        }
    }
    out.push(' ');
    out.extend(chunk.iter().map(|&b| {
        if b.is_ascii_graphic() || b == b' ' {
            b as char
        } else {
            '.'
        }
    }));
    out
}

/// The file name a body downloads as: Content-Disposition's `filename`, else the URL's last
/// path segment, else `response`; with an extension for its type when it has none.
pub fn download_name(
    url: &str,
    content_type: Option<&str>,
    content_disposition: Option<&str>,
) -> String {
    let from_header = content_disposition.and_then(|value| {
        value.split(';').find_map(|param| {
            let (name, value) = param.split_once('=')?;
            (name.trim().eq_ignore_ascii_case("filename"))
                .then(|| value.trim().trim_matches('"').to_owned())
        })
    });
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .split_once("://")
        .map_or("", |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let from_url = path
        .rsplit('/')
        .find(|s| !s.is_empty())
        .map(|s| crate::model::decode_component(&s.replace('+', "%2B")));
    let name: String = from_header
        .or(from_url)
        .unwrap_or_else(|| "response".to_owned())
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let name = if name.trim_matches('.').is_empty() {
        "response".to_owned()
    } else {
        name
    };
    if name.contains('.') {
        return name;
    }
    let extension = match content_type.map(media_type).as_deref() {
        Some(t) if t.ends_with("json") => "json",
        Some("text/html") => "html",
        Some(t) if t.ends_with("xml") => "xml",
        Some("text/css") => "css",
        Some(t) if t.ends_with("javascript") => "js",
        Some("image/png") => "png",
        Some("image/jpeg") => "jpg",
        Some("image/gif") => "gif",
        Some("image/webp") => "webp",
        Some("image/svg+xml") => "svg",
        Some("application/pdf") => "pdf",
        Some(t) if t.starts_with("text/") => "txt",
        _ => "bin",
    };
    format!("{name}.{extension}")
}
