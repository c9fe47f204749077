//! Just enough `multipart/form-data` for the echo API's `form` and `files`, in one pass over the
//! body whatever the boundary: the delimiter is searched with `memchr::memmem` (linear time, so
//! a 60 KB boundary over 15 MB costs what a short one does), and parts are slices of the body,
//! not copies.

use memchr::memmem;

/// One part: its field name, file name if it is a file, content type and bytes.
pub struct Part<'a> {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub body: &'a [u8],
}

/// Why a body is not read as multipart.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// Not well-formed for the boundary in the content type (the body is then shown as data).
    Malformed,
    /// More parts than `max_parts`.
    TooManyParts,
}

/// The boundary named in a `multipart/…; boundary=…` content type.
pub fn boundary(content_type: &str) -> Option<&str> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"'))
        .filter(|b| !b.is_empty())
}

/// The parts of `body` for the boundary in `content_type`, at most `max_parts` of them.
pub fn parse<'a>(
    content_type: &str,
    body: &'a [u8],
    max_parts: usize,
) -> Result<Vec<Part<'a>>, Error> {
    let boundary = boundary(content_type).ok_or(Error::Malformed)?;
    // Every delimiter but a first one at the very start is preceded by CRLF.
    let delimiter = format!("\r\n--{boundary}").into_bytes();
    let finder = memmem::Finder::new(&delimiter);
    let first = if body.starts_with(&delimiter[2..]) {
        delimiter.len() - 2
    } else {
        finder.find(body).ok_or(Error::Malformed)? + delimiter.len()
    };
    let mut parts = Vec::new();
    let mut rest = &body[first..];
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest.strip_prefix(b"\r\n").ok_or(Error::Malformed)?;
        let end = finder.find(rest).ok_or(Error::Malformed)?;
        if parts.len() == max_parts {
            return Err(Error::TooManyParts);
        }
        let part = &rest[..end];
        rest = &rest[end + delimiter.len()..];
        // An empty head is allowed: the part then starts with the blank line.
        let (head, content) = if let Some(content) = part.strip_prefix(b"\r\n") {
            (&part[..0], content)
        } else {
            let split = memmem::find(part, b"\r\n\r\n").ok_or(Error::Malformed)?;
            (&part[..split], &part[split + 4..])
        };
        let head = String::from_utf8_lossy(head);
        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("content-disposition") {
                for param in value.split(';').skip(1) {
                    if let Some((k, v)) = param.trim().split_once('=') {
                        let v = v.trim().trim_matches('"').to_owned();
                        match k.trim() {
                            "name" => name = Some(v),
                            "filename" => filename = Some(v),
                            _ => {}
                        }
                    }
                }
            } else if key.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(value.trim().to_owned());
            }
        }
        parts.push(Part {
            name: name.ok_or(Error::Malformed)?,
            filename,
            content_type,
            body: content,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_preamble_and_limits() {
        let body = b"preamble\r\n--XY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XY\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\nline\r\n--X\r\n--XY--\r\n";
        let parts = parse("multipart/form-data; boundary=XY", body, 10).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].name.as_str(), parts[0].body), ("a", &b"1"[..]));
        assert_eq!(parts[1].filename.as_deref(), Some("f.txt"));
        assert_eq!(parts[1].body, b"line\r\n--X");
        assert_eq!(
            parse("multipart/form-data; boundary=XY", body, 1).err(),
            Some(Error::TooManyParts)
        );
        assert_eq!(
            parse("multipart/form-data; boundary=ZZ", body, 10).err(),
            Some(Error::Malformed)
        );
        assert_eq!(
            parse("multipart/form-data", body, 10).err(),
            Some(Error::Malformed)
        );
        let at_start = b"--XY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--XY--";
        let parts = parse("multipart/form-data; boundary=\"XY\"", at_start, 10).unwrap();
        assert_eq!(parts[0].body, b"");
    }
}
