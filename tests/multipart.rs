//! Multipart and file bodies in the model: the documented format (a file's bytes never
//! written), the wire form ([`Request::prepare`]), the files a restored request asks for, and
//! secrets and variables in text parts.

use http_playground::model::{
    content_type_for_file_name, resolve_variables, strip_secrets, Body, Field, FileRef, FileSource,
    KeyValue, Part, PartValue, Request, Upload, UploadPart, Variable,
};

fn multipart(parts: Vec<Part>) -> Request {
    Request {
        method: "POST".to_owned(),
        url: "https://example.com/upload".to_owned(),
        body: Body::Multipart { parts },
        ..Request::default()
    }
}

fn chosen(name: &str, size: u64) -> FileRef {
    FileRef {
        file_name: name.to_owned(),
        source: FileSource::Chosen { slot: 7, size },
    }
}

#[test]
fn the_format_keeps_a_files_name_and_never_its_bytes() {
    let request = multipart(vec![
        Part::text("note", "hi \"there\"\n"),
        Part::file("doc", chosen("report.pdf", 1234), "application/pdf"),
        Part {
            enabled: false,
            ..Part::file("old", FileRef::missing("old.txt"), "")
        },
    ]);
    let json = request.to_json();
    assert_eq!(
        json,
        r#"{"version":1,"method":"POST","url":"https://example.com/upload","params":[],"headers":[],"auth":{"type":"none"},"body":{"type":"multipart","parts":[{"name":"note","enabled":true,"text":"hi \"there\"\n"},{"name":"doc","enabled":true,"file":"report.pdf","content_type":"application/pdf"},{"name":"old","enabled":false,"file":"old.txt","content_type":""}]},"timeout_ms":10000}"#
    );
    // Read back, the chosen file is missing: its bytes were never written.
    let back = Request::from_json(&json).unwrap();
    let Body::Multipart { parts } = &back.body else {
        panic!("{back:?}")
    };
    assert_eq!(
        parts[1],
        Part::file("doc", FileRef::missing("report.pdf"), "application/pdf")
    );
    assert_eq!(parts[0], Part::text("note", "hi \"there\"\n"));
    assert!(!parts[2].enabled);

    // Inline contents a document carries are read, and not written back.
    let inline = Request::from_json(
        r#"{"method":"PUT","url":"https://e.com/","body":{"type":"binary","file":"a.bin","content_base64":"AP8="}}"#,
    )
    .unwrap();
    assert_eq!(
        inline.body,
        Body::Binary {
            file: FileRef {
                file_name: "a.bin".to_owned(),
                source: FileSource::Inline(vec![0, 255])
            },
            content_type: String::new()
        }
    );
    assert!(!inline.to_json().contains("AP8="));
    assert!(inline
        .to_json()
        .contains(r#""body":{"type":"binary","file":"a.bin","content_type":""}"#));
}

#[test]
fn format_errors_name_the_field() {
    for (json, expected) in [
        (
            r#"{"body":{"type":"multipart","parts":{}}}"#,
            "parts must be an array",
        ),
        (
            r#"{"body":{"type":"multipart","parts":[1]}}"#,
            "each of parts must be an object",
        ),
        (
            r#"{"body":{"type":"multipart","parts":[{"file":3}]}}"#,
            "file must be a string",
        ),
        (
            r#"{"body":{"type":"binary","file":"x","content_base64":"!!"}}"#,
            "content_base64 of the file \"x\" is not base64",
        ),
        (
            r#"{"body":{"type":"upload"}}"#,
            "expected none, json, form, text, multipart or binary",
        ),
    ] {
        let error = Request::from_json(json).unwrap_err().to_string();
        assert!(error.contains(expected), "{json}: {error}");
    }
}

#[test]
fn a_multipart_body_is_sent_as_its_enabled_parts_with_settled_types() {
    let request = multipart(vec![
        Part::text("note", "a"),
        Part::file("pic", chosen("photo.PNG", 10), ""),
        Part::file("doc", chosen("x.custom", 10), " application/x-custom "),
        Part::default(),
        Part {
            enabled: false,
            ..Part::text("off", "b")
        },
    ]);
    let prepared = request.prepare().unwrap();
    assert_eq!(prepared.body, None);
    assert!(prepared.sends_body());
    // No Content-Type: the sender writes it with its boundary.
    assert_eq!(prepared.header("Content-Type"), None);
    assert_eq!(
        prepared.upload,
        Some(Upload::Multipart(vec![
            UploadPart {
                name: "note".to_owned(),
                value: PartValue::Text("a".to_owned())
            },
            UploadPart {
                name: "pic".to_owned(),
                value: PartValue::File {
                    file: chosen("photo.PNG", 10),
                    content_type: "image/png".to_owned()
                }
            },
            UploadPart {
                name: "doc".to_owned(),
                value: PartValue::File {
                    file: chosen("x.custom", 10),
                    content_type: "application/x-custom".to_owned()
                }
            },
        ]))
    );
}

#[test]
fn a_binary_body_sends_its_type_or_the_one_its_name_suggests() {
    let mut request = Request {
        method: "PUT".to_owned(),
        url: "https://example.com/avatar".to_owned(),
        body: Body::Binary {
            file: chosen("me.jpeg", 5),
            content_type: String::new(),
        },
        ..Request::default()
    };
    let prepared = request.prepare().unwrap();
    assert_eq!(prepared.header("Content-Type"), Some("image/jpeg"));
    assert_eq!(prepared.upload, Some(Upload::File(chosen("me.jpeg", 5))));
    // A header row still wins over the body's type, as for text bodies.
    request
        .headers
        .push(KeyValue::new("content-type", "image/x-raw"));
    assert_eq!(
        request.prepare().unwrap().headers,
        [("content-type".to_owned(), "image/x-raw".to_owned())]
    );
}

#[test]
fn problems_name_the_part_and_the_fix() {
    let request = multipart(vec![
        Part::text("", "no name"),
        Part::file("doc", FileRef::missing(""), ""),
        Part::file("bad", chosen("a.txt", 1), "text/plain\nX-Evil: 1"),
    ]);
    let messages: Vec<String> = request
        .validate()
        .iter()
        .map(|e| format!("{:?} {e}", e.field))
        .collect();
    assert_eq!(
        messages[..2],
        [
            "Part(0) Part 1: enter a name or remove the row",
            "Part(1) Part 2 \"doc\": choose a file, or make this a text part",
        ],
    );
    assert!(
        messages[2].starts_with("Part(2) Part 3 \"bad\": content type: "),
        "{}",
        messages[2]
    );
    let empty = multipart(vec![Part::default()]);
    assert_eq!(empty.validate()[0].field, Field::Body);
    assert!(empty.validate()[0].message.contains("at least one part"));

    let mut get = multipart(vec![Part::text("a", "b")]);
    get.method = "GET".to_owned();
    assert_eq!(get.validate().len(), 1, "{:?}", get.validate());
    assert!(get.validate()[0]
        .message
        .contains("cannot send a body with GET"));
}

#[test]
fn a_content_type_row_on_a_multipart_body_is_flagged() {
    for (value, why) in [
        (
            "multipart/form-data",
            "multipart/form-data without a boundary breaks the upload",
        ),
        (
            "multipart/form-data; boundary=abc",
            "make up their own boundary",
        ),
        (
            "application/json",
            "a multipart body is sent as multipart/form-data",
        ),
    ] {
        let mut request = multipart(vec![Part::text("a", "b")]);
        request.headers = vec![
            KeyValue::new("Accept", "*/*"),
            KeyValue::new("Content-Type", value),
        ];
        let errors = request.validate();
        assert_eq!(errors.len(), 1, "{value}: {errors:?}");
        assert_eq!(errors[0].field, Field::Header(1));
        assert_eq!(errors[0].label, "Header 2 \"Content-Type\"");
        assert!(errors[0].message.contains(why), "{}", errors[0].message);
        assert!(errors[0].message.contains("remove this row"));
    }
}

#[test]
fn a_restored_request_names_each_file_it_needs() {
    let json = r#"{"method":"POST","url":"https://e.com/","body":{"type":"multipart","parts":[
        {"name":"a","text":"x"},
        {"name":"cv","file":"résumé.pdf"},
        {"name":"off","file":"off.txt","enabled":false},
        {"name":"inline","file":"i.txt","content":"here"}]}}"#;
    let request = Request::from_json(json).unwrap();
    // Code is generated from it; sending needs the file.
    assert!(request.prepare().is_ok());
    let missing = request.missing_files();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].field, Field::Part(1));
    assert_eq!(
        missing[0].to_string(),
        "Part 2 \"cv\": choose the file \"résumé.pdf\" again: links, history and drafts keep a file's name, not its contents"
    );
    let binary = Request::from_json(
        r#"{"method":"POST","url":"https://e.com/","body":{"type":"binary","file":"big.iso"}}"#,
    )
    .unwrap();
    assert_eq!(binary.missing_files()[0].label, "Body file");
    assert!(binary.missing_files()[0].message.contains("\"big.iso\""));
}

#[test]
fn text_parts_hold_secrets_and_variables_like_form_fields() {
    let request = multipart(vec![
        Part::text("password", "hunter2"),
        Part::text("user", "{{USER}}"),
        Part::file("doc", chosen("a.txt", 1), "{{TYPE}}"),
    ]);
    let (stripped, removed) = strip_secrets(&request);
    let Body::Multipart { parts } = &stripped.body else {
        panic!()
    };
    assert_eq!(parts[0].value, PartValue::Text(String::new()));
    assert_eq!(removed.len(), 1, "{removed:?}");

    let resolved = resolve_variables(
        &request,
        &[
            Variable::new("USER", "ada"),
            Variable::new("TYPE", "text/plain"),
        ],
    )
    .unwrap();
    let Body::Multipart { parts } = &resolved.body else {
        panic!()
    };
    assert_eq!(parts[1].value, PartValue::Text("ada".to_owned()));
    assert_eq!(
        parts[2].value,
        PartValue::File {
            file: chosen("a.txt", 1),
            content_type: "text/plain".to_owned()
        }
    );
}

#[test]
fn file_names_suggest_common_types() {
    for (name, expected) in [
        ("a.json", "application/json"),
        ("A.JPG", "image/jpeg"),
        ("archive.tar.gz", "application/gzip"),
        ("notes", "application/octet-stream"),
        ("x.unknown", "application/octet-stream"),
        ("page.html", "text/html"),
    ] {
        assert_eq!(content_type_for_file_name(name), expected, "{name}");
    }
}

#[test]
fn a_new_part_is_an_enabled_empty_text_part() {
    use http_playground::state::{BodyKind, Edit, PartKind, PartsEdit};
    let mut request = Request {
        method: "POST".to_owned(),
        url: "https://e.com/".to_owned(),
        body: Body::Form {
            fields: vec![KeyValue::new("kept", "1")],
        },
        ..Request::default()
    };
    // A urlencoded form becomes a multipart form with the same fields, and back.
    Edit::BodyKind(BodyKind::Multipart).apply(&mut request);
    assert_eq!(
        request.body,
        Body::Multipart {
            parts: vec![Part::text("kept", "1")]
        }
    );
    Edit::Parts(PartsEdit::Add).apply(&mut request);
    Edit::Parts(PartsEdit::Name(1, "doc".to_owned())).apply(&mut request);
    Edit::Parts(PartsEdit::Kind(1, PartKind::File)).apply(&mut request);
    Edit::Parts(PartsEdit::File(1, chosen("a.pdf", 3))).apply(&mut request);
    Edit::Parts(PartsEdit::ContentType(1, "application/x-pdf".to_owned())).apply(&mut request);
    // Edits aimed at a row that is not there, or of the wrong kind, change nothing.
    Edit::Parts(PartsEdit::Text(1, "ignored".to_owned())).apply(&mut request);
    Edit::Parts(PartsEdit::Remove(9)).apply(&mut request);
    let Body::Multipart { parts } = &request.body else {
        panic!()
    };
    assert_eq!(
        parts[1],
        Part::file("doc", chosen("a.pdf", 3), "application/x-pdf")
    );
    assert!(request.prepare().is_ok());
    Edit::BodyKind(BodyKind::Form).apply(&mut request);
    assert_eq!(
        request.body,
        Body::Form {
            fields: vec![KeyValue::new("kept", "1")]
        }
    );
    // A file body starts with no file, and asks for one.
    Edit::BodyKind(BodyKind::Binary).apply(&mut request);
    assert!(request.validate()[0]
        .message
        .contains("choose the file to send"));
    Edit::BodyFile(chosen("x.bin", 1)).apply(&mut request);
    Edit::ContentType("image/png".to_owned()).apply(&mut request);
    assert_eq!(
        request.prepare().unwrap().header("Content-Type"),
        Some("image/png")
    );
}

/// A link chooses the file names its code opens: none may reach outside the working directory
/// or break the part's header.
#[test]
fn file_names_from_a_link_are_names_not_paths() {
    for name in [
        "../../.ssh/id_rsa",
        "/etc/passwd",
        "C:\\Users\\me\\key.pem",
        "~/.aws/credentials",
        "..",
        "-",
        "@x",
        "a\r\nX-Evil: 1",
    ] {
        let request = multipart(vec![Part::file("f", FileRef::missing(name), "")]);
        let errors = request.validate();
        assert_eq!(errors.len(), 1, "{name:?}: {errors:?}");
        assert_eq!(errors[0].field, Field::Part(0));
        let binary = Request {
            body: Body::Binary {
                file: FileRef::missing(name),
                content_type: String::new(),
            },
            ..request.clone()
        };
        assert_eq!(binary.validate().len(), 1, "{name:?}");
        // No code opens it.
        let code = http_playground::codegen::Target::PythonRequests.generate(&request);
        assert!(
            code.starts_with("# Fix the request first"),
            "{name:?}\n{code}"
        );
    }
    let bad_name = multipart(vec![Part::text("a\nb", "v")]);
    assert!(bad_name.validate()[0]
        .message
        .contains("control characters"));
    for fine in [
        "report.pdf",
        "résumé \"final\".txt",
        "naïve;report,v2.csv",
        "a..b",
    ] {
        assert!(
            multipart(vec![Part::file("f", FileRef::missing(fine), "")])
                .validate()
                .is_empty(),
            "{fine}"
        );
    }
}

/// A file part's content type is a media type and nothing curl's `-F` would read as more
/// (another file after `,`, `;headers=@file`, `;filename=`).
#[test]
fn a_file_parts_type_is_a_media_type() {
    for bad in [
        "image/png;headers=@.netrc",
        "image/png,.ssh/id_rsa",
        "text/plain;filename=x",
        "text/plain; type=x/y",
        "png",
        "image/",
        "a b/c",
        "text/plain; charset",
    ] {
        let errors = multipart(vec![Part::file("f", chosen("a.bin", 1), bad)]).validate();
        assert_eq!(errors.len(), 1, "{bad:?}: {errors:?}");
        assert!(
            errors[0].message.contains("write a media type"),
            "{bad:?}: {errors:?}"
        );
    }
    for good in [
        "image/png",
        "text/plain; charset=utf-8",
        "application/vnd.api+json",
        "text/plain;charset=\"utf-8\"",
    ] {
        assert!(
            multipart(vec![Part::file("f", chosen("a.bin", 1), good)])
                .validate()
                .is_empty(),
            "{good}"
        );
    }
}
