//! Response bodies: their kind by Content-Type and by sniffing, text rows, hex rows, charsets
//! and download names.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::viewer::{
    charset, download_name, hex_row, markup_pieces, payload_kind, text_row, text_rows, PayloadKind,
    TextFlavor, ROW_BYTES,
};

#[test]
fn kinds_by_content_type_then_by_the_bytes() {
    use PayloadKind::*;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let cases: [(Option<&str>, &[u8], PayloadKind); 16] = [
        (Some("application/json"), b"{}", Json),
        (
            Some("application/vnd.api+json; charset=utf-8"),
            b"[1]",
            Json,
        ),
        (
            Some("text/html; charset=utf-8"),
            b"<p>",
            Text(TextFlavor::Markup),
        ),
        (Some("application/xml"), b"<a/>", Text(TextFlavor::Markup)),
        (Some("image/svg+xml"), b"<svg/>", Text(TextFlavor::Markup)),
        (
            Some("application/javascript"),
            b"f()",
            Text(TextFlavor::Code),
        ),
        (Some("text/css"), b"a{}", Text(TextFlavor::Code)),
        (Some("text/plain"), b"{\"a\": 1}", Text(TextFlavor::Plain)),
        (Some("image/png"), png, Image),
        (Some("application/pdf"), b"%PDF-1.4", Binary),
        (Some("application/octet-stream"), png, Image),
        (Some("application/octet-stream"), b"\0\x01\x02", Binary),
        (None, b"  [1, 2]", Json),
        (None, b"<!doctype html>", Text(TextFlavor::Markup)),
        (None, "héllo".as_bytes(), Text(TextFlavor::Plain)),
        (Some("application/json"), b"", Empty),
    ];
    for (content_type, body, kind) in cases {
        assert_eq!(
            payload_kind(content_type, body),
            kind,
            "{content_type:?} {body:?}"
        );
    }
    // Latin-1 bytes are not UTF-8: binary unless a text type says otherwise.
    assert_eq!(payload_kind(None, b"caf\xe9 cr\xe8me"), PayloadKind::Binary);
    assert_eq!(
        payload_kind(Some("text/plain; charset=iso-8859-1"), b"caf\xe9"),
        PayloadKind::Text(TextFlavor::Plain)
    );
}

#[test]
fn charsets() {
    assert_eq!(
        charset("text/plain; charset=ISO-8859-1").as_deref(),
        Some("iso-8859-1")
    );
    assert_eq!(
        charset("text/html;charset=\"utf-8\"").as_deref(),
        Some("utf-8")
    );
    assert_eq!(charset("application/json"), None);
}

#[test]
fn text_rows_cut_lines_and_long_lines() {
    let text = "first\r\nsecond\n\nlast\n".as_bytes();
    let rows = text_rows(text);
    let drawn: Vec<String> = (0..rows.len()).map(|i| text_row(text, &rows, i)).collect();
    assert_eq!(drawn, ["first", "second", "", "last"]);
    // Bytes that are not UTF-8 are shown, as U+FFFD, not dropped.
    assert_eq!(
        text_row(b"caf\xe9", &text_rows(b"caf\xe9"), 0),
        "caf\u{fffd}"
    );

    // One line of 2.5 rows, in multi-byte characters: cut at character boundaries only.
    let long = "é".repeat(ROW_BYTES + ROW_BYTES / 4);
    let rows = text_rows(long.as_bytes());
    assert_eq!(rows.len(), 3);
    let joined: String = (0..rows.len())
        .map(|i| text_row(long.as_bytes(), &rows, i))
        .collect();
    assert_eq!(joined, long);
    assert!((0..rows.len()).all(|i| text_row(long.as_bytes(), &rows, i).len() <= ROW_BYTES + 1));
    assert_eq!(text_row(long.as_bytes(), &rows, 9), "");
}

#[test]
fn markup_is_coloured_not_interpreted() {
    let row = r#"<img src="x" onerror='alert(1)'> text <!-- c --> <b>"#;
    let pieces = markup_pieces(row);
    assert_eq!(pieces.iter().map(|(_, t)| *t).collect::<String>(), row);
    assert!(pieces.contains(&("tok-string", "'alert(1)'")));
    assert!(pieces.contains(&("tok-comment", "<!-- c -->")));
    assert!(pieces.contains(&("", " text ")));
    assert_eq!(markup_pieces("a < b"), [("", "a "), ("tok-keyword", "< b")]);
}

#[test]
fn hex_rows() {
    let body: Vec<u8> = (0u8..20).chain(*b"Hi!").collect();
    assert_eq!(
        hex_row(&body, 0),
        "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................"
    );
    // A short last row keeps the text column where the others have it.
    let last = hex_row(&body, 1);
    assert!(
        last.starts_with("00000010  10 11 12 13 48 69 21   "),
        "{last}"
    );
    assert_eq!(last.find("....Hi!"), Some(60));
    assert_eq!(hex_row(&body, 0).find("........"), Some(60));
    assert_eq!(hex_row(&body, 2), "");
}

#[test]
fn download_names() {
    let cases = [
        (
            "https://a.test/files/report.pdf?x=1",
            None,
            None,
            "report.pdf",
        ),
        (
            "https://a.test/users/1",
            Some("application/json"),
            None,
            "1.json",
        ),
        ("https://a.test/", Some("text/html"), None, "response.html"),
        (
            "https://a.test/image/png",
            Some("image/png"),
            None,
            "png.png",
        ),
        (
            "https://a.test/x",
            None,
            Some("attachment; filename=\"data.csv\""),
            "data.csv",
        ),
        (
            "https://a.test/x",
            None,
            Some("attachment; filename=../../etc/passwd"),
            ".._.._etc_passwd",
        ),
        ("https://a.test/a%20b", Some("text/plain"), None, "a b.txt"),
        ("https://a.test/bytes/10", None, None, "10.bin"),
    ];
    for (url, content_type, disposition, want) in cases {
        assert_eq!(download_name(url, content_type, disposition), want, "{url}");
    }
}
