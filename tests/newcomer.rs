//! What a newcomer meets first: a curl command pasted into the URL box.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::import::{import_curl, looks_like_curl};

#[test]
fn curl_is_recognised_by_its_first_word() {
    for text in [
        "curl https://httpbin.org/get",
        "  curl 'https://httpbin.org/get'",
        "curl\\\n  https://httpbin.org/get",
        "curl\n  https://httpbin.org/get",
        "curl\r\n  https://httpbin.org/get",
        "curl\t-X POST https://httpbin.org/post",
        "\n\ncurl -sS https://httpbin.org/get",
    ] {
        assert!(looks_like_curl(text), "{text:?}");
    }
    for text in [
        "https://httpbin.org/get",
        "curl",
        "curly.example.com/path",
        "curling https://example.com",
        "http://curl https://example.com",
        "",
    ] {
        assert!(!looks_like_curl(text), "{text:?}");
    }
}

#[test]
fn a_backslash_followed_by_spaces_still_continues_the_line() {
    // Copied from docs with a stray space after the backslash: bash would end the command
    // there, but the writer meant a continuation, and the command is unusable otherwise.
    let continued =
        "curl -X POST \\ \n  https://httpbin.org/post \\\t\r\n  -H 'X-Lesson: 3' \\  \n  -d 'a=1'";
    let plain = "curl -X POST https://httpbin.org/post -H 'X-Lesson: 3' -d 'a=1'";
    let imported = import_curl(continued).unwrap();
    assert_eq!(imported, import_curl(plain).unwrap());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    // An escaped space inside a word is still a space.
    let spaced = import_curl("curl https://httpbin.org/get -H X-Bare:\\ spaced").unwrap();
    assert_eq!(spaced.request.headers[0].value, "spaced");
}
