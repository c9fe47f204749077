//! curl import: real-world commands (browser devtools exports, API docs, our own curl target)
//! become the expected requests; our curl snippets import back to the same wire request; and no
//! input makes the parser panic.
#![cfg(not(target_arch = "wasm32"))]

mod corpus;

use proptest::prelude::*;

use http_playground::codegen::curl;
use http_playground::import::import_curl;
use http_playground::model::{Auth, Body, FileRef, FileSource, KeyValue, Part, Request};

fn import(command: &str) -> http_playground::import::CurlImport {
    import_curl(command).unwrap_or_else(|e| panic!("{command}\n{e}"))
}

fn headers(request: &Request) -> Vec<(&str, &str)> {
    request
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect()
}

fn fields(request: &Request) -> Vec<(&str, &str)> {
    match &request.body {
        Body::Form { fields } => fields
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()))
            .collect(),
        other => panic!("expected a form body, got {other:?}"),
    }
}

#[test]
fn chrome_copy_as_curl_get_with_many_headers() {
    let command = r#"curl 'https://api.github.com/users/python/repos?per_page=5&sort=stars' \
  -H 'accept: application/vnd.github+json' \
  -H 'accept-language: en-US,en;q=0.9' \
  -H 'cache-control: no-cache' \
  -H 'origin: https://example.com' \
  -H 'priority: u=1, i' \
  -H 'referer: https://example.com/' \
  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Linux"' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: cross-site' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'"#;
    let imported = import(command);
    let r = &imported.request;
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.url,
        "https://api.github.com/users/python/repos?per_page=5&sort=stars"
    );
    assert_eq!(r.headers.len(), 13);
    assert_eq!(
        headers(r)[6],
        (
            "sec-ch-ua",
            r#""Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99""#
        )
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let prepared = r.prepare().unwrap();
    assert_eq!(
        prepared.url,
        "https://api.github.com/users/python/repos?per_page=5&sort=stars"
    );
}

#[test]
fn chrome_copy_as_curl_post_json_with_ansi_c_quoting() {
    let command = r#"curl 'https://httpbin.org/post' \
  -H 'content-type: application/json' \
  -H 'accept: */*' \
  --data-raw $'{"title":"Buy groceries","note":"it\'s \\"fresh\\"","emoji":"\u00e9\ud83d"}'"#;
    let r = import(command).request;
    assert_eq!(r.method, "POST");
    assert_eq!(headers(&r), [("accept", "*/*")]);
    match &r.body {
        Body::Json { text } => assert!(
            text.starts_with(r#"{"title":"Buy groceries","note":"it's \"fresh\"""#),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn chrome_copy_as_curl_form_post_with_compressed() {
    let command = "curl 'https://httpbin.org/post' -H 'content-type: application/x-www-form-urlencoded' --data-raw 'username=alice&password=s%26cret+1' --compressed";
    let imported = import(command);
    assert_eq!(
        fields(&imported.request),
        [("username", "alice"), ("password", "s&cret 1")]
    );
    assert!(imported.request.headers.is_empty());
    assert_eq!(imported.ignored, ["--compressed"]);
}

#[test]
fn firefox_copy_as_curl_puts_compressed_and_method_first() {
    let command = "curl 'https://jsonplaceholder.typicode.com/todos' --compressed -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: application/json' -H 'Content-Type: application/json' --data-raw '{\"title\":\"Buy groceries\",\"completed\":false,\"userId\":1}'";
    let r = import(command).request;
    assert_eq!(r.method, "POST");
    assert_eq!(headers(&r)[1], ("Accept", "application/json"));
    assert_eq!(
        r.body,
        Body::Json {
            text: "{\"title\":\"Buy groceries\",\"completed\":false,\"userId\":1}".into()
        }
    );
}

#[test]
fn stripe_style_key_with_empty_password_and_repeated_data() {
    let command = r#"curl https://api.stripe.com/v1/charges \
  -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \
  -d amount=2000 \
  -d currency=usd \
  -d source=tok_visa \
  -d description="My First Test Charge (created for API docs)""#;
    let r = import(command).request;
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.auth,
        Auth::Basic {
            username: "sk_test_4eC39HqLyjWDarjtT1zdp7dc".into(),
            password: String::new()
        }
    );
    // A space is not valid in a form body as written, so it is kept as text, byte for byte.
    assert_eq!(
        r.body,
        Body::Text {
            text: "amount=2000&currency=usd&source=tok_visa&description=My First Test Charge (created for API docs)".into(),
            content_type: "application/x-www-form-urlencoded".into()
        }
    );
}

#[test]
fn github_docs_style_with_bearer_header_and_location() {
    let command = r#"curl -L \
  -H "Accept: application/vnd.github+json" \
  -H "Authorization: Bearer <YOUR-TOKEN>" \
  -H "X-GitHub-Api-Version: 2022-11-28" \
  https://api.github.com/repos/OWNER/REPO/issues"#;
    let imported = import(command);
    assert_eq!(
        imported.request.url,
        "https://api.github.com/repos/OWNER/REPO/issues"
    );
    assert_eq!(
        headers(&imported.request)[1],
        ("Authorization", "Bearer <YOUR-TOKEN>")
    );
    assert_eq!(imported.ignored, ["-L"]);
}

#[test]
fn httpbin_swagger_style() {
    let r =
        import(r#"curl -X POST "https://httpbin.org/post" -H  "accept: application/json""#).request;
    assert_eq!(
        (r.method.as_str(), r.url.as_str()),
        ("POST", "https://httpbin.org/post")
    );
    assert_eq!(headers(&r), [("accept", "application/json")]);
    assert_eq!(r.body, Body::None);
}

#[test]
fn basic_auth_with_user_and_password() {
    let r = import("curl -u user:pass https://httpbin.org/basic-auth/user/pass").request;
    assert_eq!(
        r.auth,
        Auth::Basic {
            username: "user".into(),
            password: "pass".into()
        }
    );
    let r = import("curl --user 'jürgen:p:w d' https://httpbin.org/anything").request;
    assert_eq!(
        r.auth,
        Auth::Basic {
            username: "jürgen".into(),
            password: "p:w d".into()
        }
    );
}

#[test]
fn cookies_user_agent_and_referer_become_headers() {
    let r = import("curl -b 'session=abc; theme=dark' -A 'MyApp/1.0' -e https://example.com/page https://httpbin.org/headers").request;
    assert_eq!(
        headers(&r),
        [
            ("Cookie", "session=abc; theme=dark"),
            ("User-Agent", "MyApp/1.0"),
            ("Referer", "https://example.com/page")
        ]
    );
    let imported = import("curl -b cookies.txt https://httpbin.org/cookies");
    assert!(imported.request.headers.is_empty());
    assert!(imported.warnings[0].contains("cookie file"));
}

#[test]
fn get_with_data_urlencode_moves_data_into_the_query() {
    let r = import(r#"curl -G https://httpbin.org/get --data-urlencode "q=python tutorial" --data-urlencode "tag=a&b" -d page=1"#).request;
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.url,
        "https://httpbin.org/get?q=python+tutorial&tag=a%26b&page=1"
    );
    assert_eq!(r.body, Body::None);
    let prepared = r.prepare().unwrap();
    assert_eq!(prepared.query[1], ("tag".to_owned(), "a&b".to_owned()));
}

#[test]
fn json_option_sets_both_headers_and_a_json_body() {
    let r = import(r#"curl --json '{"a": 1}' https://httpbin.org/post"#).request;
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.body,
        Body::Json {
            text: r#"{"a": 1}"#.into()
        }
    );
    assert_eq!(headers(&r), [("Accept", "application/json")]);
}

#[test]
fn form_options_become_multipart_parts_and_the_notice_names_the_files() {
    let imported = import(
        "curl -F name=alice -F 'bio=likes curl' -F avatar=@photo.jpg https://httpbin.org/post",
    );
    assert_eq!(imported.request.method, "POST");
    assert_eq!(
        imported.request.body,
        Body::Multipart {
            parts: vec![
                Part::text("name", "alice"),
                Part::text("bio", "likes curl"),
                Part::file("avatar", FileRef::missing("photo.jpg"), "image/jpeg"),
            ]
        }
    );
    assert_eq!(
        imported.warnings,
        ["Choose the files the command sends, under Body: photo.jpg (part avatar)."]
    );
}

/// Each `-F` argument as curl reads it (tool_formparse.c): attributes after `;`, quoted words
/// with `\"` and `\\`, `--form-string` taken literally, and the content type curl gives a file
/// by its extension.
#[test]
fn form_arguments_are_read_as_curl_reads_them() {
    let cases: &[(&str, Part)] = &[
        (
            "-F 'note=quarterly; draft'",
            Part::text("note", "quarterly"),
        ),
        ("-F 'q=\"hello; world\"'", Part::text("q", "hello; world")),
        ("-F ' a = padded  '", Part::text(" a ", "padded")),
        (
            "-F 'e=\"say \\\"hi\\\" \\\\ bye\"'",
            Part::text("e", "say \"hi\" \\ bye"),
        ),
        ("-F 'open=\"unclosed'", Part::text("open", "\"unclosed")),
        (
            "--form-string 'raw=@file;type=x/y'",
            Part::text("raw", "@file;type=x/y"),
        ),
        (
            "-F 'f=@report.pdf'",
            Part::file("f", FileRef::missing("report.pdf"), "application/pdf"),
        ),
        (
            "-F 'f=@dir/sub/data.csv'",
            Part::file(
                "f",
                FileRef::missing("data.csv"),
                "application/octet-stream",
            ),
        ),
        (
            "-F 'f=@a.png;type=image/webp'",
            Part::file("f", FileRef::missing("a.png"), "image/webp"),
        ),
        (
            "-F 'f=@a.txt;type=text/plain; charset=utf-8'",
            Part::file("f", FileRef::missing("a.txt"), "text/plain; charset=utf-8"),
        ),
        (
            "-F 'f=@a.txt;type=text/plain;charset=utf-8;filename=b.txt'",
            Part::file("f", FileRef::missing("b.txt"), "text/plain;charset=utf-8"),
        ),
        (
            "-F 'f=@\"x;y,z.TXT\"'",
            Part::file("f", FileRef::missing("x;y,z.TXT"), "text/plain"),
        ),
        (
            "-F 'f=@a.bin;filename=\"renamed; file.gif\"'",
            Part::file("f", FileRef::missing("renamed; file.gif"), "image/gif"),
        ),
        (
            "--form 'f=@C:\\docs\\cv.html'",
            Part::file("f", FileRef::missing("cv.html"), "text/html"),
        ),
    ];
    for (option, expected) in cases {
        let command = format!("curl {option} https://httpbin.org/post");
        let imported = import(&command);
        match &imported.request.body {
            Body::Multipart { parts } => {
                assert_eq!(parts, std::slice::from_ref(expected), "{command}")
            }
            other => panic!("{command}: {other:?}"),
        }
    }
}

#[test]
fn form_text_with_a_file_name_is_a_file_of_that_text() {
    let imported = import("curl -F 'text=hello;filename=greeting.txt' https://example.com/");
    let Body::Multipart { parts } = &imported.request.body else {
        panic!("{:?}", imported.request.body)
    };
    assert_eq!(
        parts[0],
        Part::file(
            "text",
            FileRef {
                file_name: "greeting.txt".to_owned(),
                source: FileSource::Inline(b"hello".to_vec())
            },
            "text/plain"
        )
    );
    // Its bytes are here, so no file is asked for.
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn form_notices_name_what_was_left_out() {
    let imported = import(
        "curl -H 'Content-Type: multipart/form-data' -F 'meta={};type=application/json' \
         -F 'bio=<bio.txt' -F 'x=1;headers=X-A: b' -F 'pics=@a.png,b.png' -F novalue https://e.com/",
    );
    let warnings = imported.warnings.join("\n");
    for expected in [
        "Content-Type: multipart/form-data was left out",
        "Part meta: ;type=application/json was left out",
        "Part bio takes its text from the file bio.txt",
        "Part x: ;headers=X-A: b was left out",
        "-F pics=@a.png,b.png sends its files as one multipart/mixed part",
        "-F novalue is not name=value",
        "Choose the files the command sends, under Body: a.png (part pics), b.png (part pics).",
    ] {
        assert!(warnings.contains(expected), "{expected}\n{warnings}");
    }
    assert!(imported.request.headers.is_empty());
    assert!(imported.request.prepare().is_ok());
}

#[test]
fn file_bodies_become_binary_bodies() {
    let cases = [
        (
            "curl --data-binary @photo.png -H 'Content-Type: image/png' https://e.com/u",
            "POST",
            "photo.png",
            "image/png",
            "https://e.com/u",
        ),
        (
            "curl --data-binary @data.json https://e.com/u",
            "POST",
            "data.json",
            "application/x-www-form-urlencoded",
            "https://e.com/u",
        ),
        (
            "curl --json @body.json https://e.com/u",
            "POST",
            "body.json",
            "application/json",
            "https://e.com/u",
        ),
        (
            "curl -T ./out/report.txt https://e.com/files/",
            "PUT",
            "report.txt",
            "",
            "https://e.com/files/report.txt",
        ),
        (
            "curl --upload-file a.bin -X POST https://e.com/x",
            "POST",
            "a.bin",
            "",
            "https://e.com/x",
        ),
    ];
    for (command, method, file, content_type, url) in cases {
        let imported = import(command);
        assert_eq!(imported.request.method, method, "{command}");
        assert_eq!(imported.request.url, url, "{command}");
        assert_eq!(
            imported.request.body,
            Body::Binary {
                file: FileRef::missing(file),
                content_type: content_type.to_owned()
            },
            "{command}"
        );
        assert!(
            imported
                .warnings
                .iter()
                .any(|w| w.contains(&format!("{file} (the body)"))),
            "{command}: {:?}",
            imported.warnings
        );
    }
    let imported = import("curl -d @body.txt https://e.com/");
    assert!(imported.warnings[0].contains("strips the file's line breaks"));
}

#[test]
fn head_timeouts_and_ignored_options() {
    let imported =
        import("curl -sSIk --max-time 2.5 -o /dev/null -w '%{http_code}' https://httpbin.org/get");
    assert_eq!(imported.request.method, "HEAD");
    assert_eq!(imported.request.timeout_ms, 2500);
    assert_eq!(
        imported.ignored,
        ["-s", "-S", "-k", "-o /dev/null", "-w %{http_code}"]
    );

    let imported = import("curl --connect-timeout 3 https://httpbin.org/get");
    assert_eq!(imported.request.timeout_ms, 3000);
    assert!(imported.warnings[0].contains("connect-timeout"));
}

#[test]
fn glued_short_options_and_url_option() {
    let r = import("curl -XPUT -H'X-A: 1' --url https://httpbin.org/put -d'x=1'").request;
    assert_eq!(r.method, "PUT");
    assert_eq!(headers(&r), [("X-A", "1")]);
    assert_eq!(fields(&r), [("x", "1")]);
}

#[test]
fn double_quoted_escapes_and_backslash_newlines() {
    let command = "curl \"https://httpbin.org/anything?x=\\$HOME\" \\\n  -H \"X-Quote: say \\\"hi\\\" \\\\ ok\" \\\r\n  -H X-Bare:\\ spaced";
    let r = import(command).request;
    assert_eq!(r.url, "https://httpbin.org/anything?x=$HOME");
    assert_eq!(
        headers(&r),
        [("X-Quote", "say \"hi\" \\ ok"), ("X-Bare", "spaced")]
    );
}

#[test]
fn unknown_options_are_listed_and_the_rest_imported() {
    let imported =
        import("curl --frobnicate --proto-default https -H 'X-A: 1' https://httpbin.org/get");
    assert_eq!(headers(&imported.request), [("X-A", "1")]);
    assert!(imported.warnings.iter().any(|w| w.contains("--frobnicate")));
}

#[test]
fn pipes_and_redirections_end_the_command() {
    let imported = import("curl -s https://httpbin.org/json | jq '.slideshow'");
    assert_eq!(imported.request.url, "https://httpbin.org/json");
    assert!(imported.warnings[0].contains("pipe"));
}

#[test]
fn header_removal_and_empty_headers() {
    let r = import("curl -H 'X-Empty;' -H 'Accept:' -H 'Content-Type:' --data-raw 'plain' https://httpbin.org/post").request;
    assert_eq!(headers(&r), [("X-Empty", "")]);
    assert_eq!(
        r.body,
        Body::Text {
            text: "plain".into(),
            content_type: String::new()
        }
    );
}

#[test]
fn bare_hosts_get_http_and_bearer_option_is_bearer_auth() {
    let r = import("curl --oauth2-bearer tok123 localhost:8080/api").request;
    assert_eq!(r.url, "http://localhost:8080/api");
    assert_eq!(
        r.auth,
        Auth::Bearer {
            token: "tok123".into()
        }
    );
}

#[test]
fn text_bodies_keep_their_content_type() {
    let r = import("curl -X PUT -H 'Content-Type: text/csv' --data-binary $'a,b\\n1,2\\n' https://httpbin.org/put").request;
    assert_eq!(
        r.body,
        Body::Text {
            text: "a,b\n1,2\n".into(),
            content_type: "text/csv".into()
        }
    );
    // Literal -d data keeps its line breaks (curl strips them only from `-d @file`; checked
    // with curl 7.88.1 against httpbin: "data": "a\nb").
    let r =
        import("curl -H 'Content-Type: text/plain' -d $'a\\nb' https://httpbin.org/post").request;
    assert_eq!(
        r.body,
        Body::Text {
            text: "a\nb".into(),
            content_type: "text/plain".into()
        }
    );
}

#[test]
fn errors_say_what_to_do() {
    for (command, expected) in [
        ("wget https://example.com", "should start with curl"),
        ("curl 'https://example.com", "quote is never closed"),
        ("curl -H", "-H needs a value"),
        ("curl -s -L", "has no URL"),
        ("", "should start with curl"),
    ] {
        let message = import_curl(command).unwrap_err().to_string();
        assert!(message.contains(expected), "{command:?}: {message}");
    }
}

#[test]
fn real_world_commands_all_import() {
    // More shapes seen in API docs and terminals; each must import without error.
    let commands = [
        "curl https://httpbin.org/ip",
        "curl -i https://httpbin.org/status/418",
        "curl -X DELETE https://jsonplaceholder.typicode.com/posts/1",
        "curl -X PATCH https://jsonplaceholder.typicode.com/posts/1 -H 'Content-type: application/json; charset=UTF-8' -d '{\"title\": \"foo\"}'",
        "curl -H \"Authorization: token OAUTH-TOKEN\" https://api.github.com/user",
        "curl -s -X POST https://httpbin.org/anything -H 'X-Request-Id: 123' --data-binary '@payload.json'",
        "curl --request GET --url 'https://httpbin.org/get?a=1' --header 'accept: application/json'",
        "curl 'http://[::1]:8080/health' -v",
        "curl -sSfL --retry 3 https://example.com/install.sh",
    ];
    for command in commands {
        import(command);
    }
}

#[test]
fn every_fixture_round_trips_through_our_curl_target() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let json = std::fs::read_to_string(entry.unwrap().path().join("request.json")).unwrap();
        let request = Request::from_json(&json).unwrap();
        if request.prepare().is_err() {
            continue;
        }
        assert_round_trip(&request);
        count += 1;
    }
    assert!(count >= 25, "{count} fixtures");
}

/// Our curl snippet, imported back, sends the same request: method, URL, headers, body, timeout.
fn assert_round_trip(request: &Request) {
    let command = curl(request);
    let imported = import_curl(&command).unwrap_or_else(|e| panic!("{command}\n{e}"));
    let original = request.prepare().unwrap();
    let back = imported
        .request
        .prepare()
        .unwrap_or_else(|e| panic!("{command}\n{e:?}"));
    // A file's bytes stay behind: the command names the file, which the reader chooses.
    let mut original = original;
    forget_file_contents(&mut original);
    assert_eq!(back, original, "\n{command}");
    let warnings: Vec<&String> = imported
        .warnings
        .iter()
        .filter(|w| !w.starts_with("Choose the files"))
        .collect();
    assert!(warnings.is_empty(), "{command}\n{warnings:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn corpus_requests_round_trip(i in 0usize..10_000) {
        let request = corpus::corpus_request(i, "http://127.0.0.1:8000/anything");
        prop_assume!(request.prepare().is_ok());
        assert_round_trip(&request);
    }
}

/// Arbitrary text, and arbitrary text after `curl `, never panics the tokenizer or the parser.
/// `FUZZ_CASES=1000000 cargo test --release --test import_curl fuzz -- --include-ignored` runs a
/// long campaign; `make test` runs the short one below.
fn fuzz(cases: u32) {
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let words = proptest::sample::select(vec![
        "-X",
        "-H",
        "-d",
        "--data-raw",
        "--data-urlencode",
        "--json",
        "-F",
        "-u",
        "-G",
        "--url",
        "-A",
        "-e",
        "-b",
        "-m",
        "--connect-timeout",
        "-I",
        "-sSL",
        "-XPOST",
        "$'\\x",
        "$'\\u",
        "'",
        "\"",
        "\\",
        "\\\n",
        "|",
        "=",
        ":",
        ";",
        "@",
        "http://h/",
        "--",
        "-",
        "--max-time=",
        "$'\\0",
        "#",
    ]);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    runner
        .run(
            &(
                any::<String>(),
                proptest::collection::vec((words, any::<String>()), 0..6),
            ),
            |(head, parts)| {
                let _ = import_curl(&head);
                let mut command = String::from("curl ");
                for (word, text) in parts {
                    command.push_str(word);
                    command.push(' ');
                    command.push_str(&text);
                    command.push(' ');
                }
                if let Ok(imported) = import_curl(&command) {
                    let _ = imported.request.prepare();
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn short_fuzz_never_panics() {
    fuzz(20_000);
}

#[test]
#[ignore = "long campaign: FUZZ_CASES=1000000"]
fn long_fuzz_never_panics() {
    fuzz(
        std::env::var("FUZZ_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1_000_000),
    );
}

/// Every option curl 7.88.1 lists (and the later ones the importer knows) that takes an
/// argument, given an argument that looks like a URL: the argument is never taken for the URL.
#[test]
fn no_option_argument_is_ever_taken_for_the_url() {
    use http_playground::import::CURL_OPTIONS;
    let with_argument: Vec<_> = CURL_OPTIONS.iter().filter(|(_, _, takes)| *takes).collect();
    assert!(
        with_argument.len() >= 140,
        "{} options",
        with_argument.len()
    );
    let mut checked = 0;
    for (short, long, _) in with_argument {
        // --url sets the URL: that is what it is for.
        if *long == "--url" {
            continue;
        }
        for name in [*short, *long].into_iter().filter(|n| !n.is_empty()) {
            let command =
                format!("curl {name} http://127.0.0.1:9/argument http://127.0.0.1:1/real");
            let imported = import_curl(&command).unwrap_or_else(|e| panic!("{command}: {e}"));
            assert_eq!(
                imported.request.url.split('?').next(),
                Some("http://127.0.0.1:1/real"),
                "{command}"
            );
            assert!(
                !imported
                    .warnings
                    .iter()
                    .any(|w| w.contains("Only the first URL")),
                "{command}: {:?}",
                imported.warnings
            );
            checked += 1;
        }
    }
    assert!(checked >= 160, "{checked} spellings checked");
}

#[test]
fn options_curl_knows_but_the_playground_does_not_import_are_named() {
    let imported = import("curl --cacert ca.pem --trace-ascii log2.txt --http2-prior-knowledge http://127.0.0.1:1/get");
    assert_eq!(imported.request.url, "http://127.0.0.1:1/get");
    assert!(
        imported.warnings.contains(
            &"--cacert ca.pem was left out: the playground does not import it.".to_owned()
        ),
        "{:?}",
        imported.warnings
    );
    assert!(imported.warnings.contains(
        &"--trace-ascii log2.txt was left out: the playground does not import it.".to_owned()
    ));
    assert!(imported
        .ignored
        .contains(&"--http2-prior-knowledge".to_owned()));
}

/// What the curl binary sends, checked against httpbin with curl 7.88.1: `--url-query "q=a b"
/// --url-query "+r=a+b"` gives args q = "a b", r = "a b"; `-r 0-3` sends `Range: bytes=0-3`;
/// `--json '{"a":' --json '1}'` sends `{"a":1}`; `-d a=1 --json '{"b":2}'` sends `a=1{"b":2}`.
#[test]
fn url_query_range_and_repeated_json_are_imported_as_curl_sends_them() {
    let r =
        import("curl 'http://127.0.0.1:1/get?x=1' --url-query 'q=a b' --url-query '+r=a+b' -r 0-3")
            .request;
    assert_eq!(r.url, "http://127.0.0.1:1/get?x=1&q=a+b&r=a+b");
    assert!(
        r.headers.contains(&KeyValue::new("Range", "bytes=0-3")),
        "{:?}",
        r.headers
    );

    let r = import("curl --json '{\"a\":' --json '1}' http://127.0.0.1:1/post").request;
    assert_eq!(
        r.body,
        Body::Json {
            text: "{\"a\":1}".into()
        }
    );

    let imported = import("curl --url-query 'name@names.txt' http://127.0.0.1:1/get");
    assert_eq!(imported.request.url, "http://127.0.0.1:1/get");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("reads the file names.txt")),
        "{:?}",
        imported.warnings
    );

    // --expand-data (curl 8.3) is --data.
    let r = import("curl --expand-data 'a=1' http://127.0.0.1:1/post").request;
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.body,
        Body::Form {
            fields: vec![KeyValue::new("a", "1")]
        }
    );
}

/// Shell variables, where bash would expand them (unquoted or in double quotes), become the
/// playground's variables and the notice names them; in single quotes they are text.
#[test]
fn shell_variables_become_playground_variables() {
    let imported = import(
        r#"curl -H "Authorization: Bearer $DO_API_TOKEN" "http://127.0.0.1:1/v2/droplets?page=${PAGE}" -d '{"note": "$NOT_EXPANDED"}' -H "X-Cost: $5" -H "X-Default: ${A:-b}""#,
    );
    let r = &imported.request;
    assert_eq!(headers(r)[0], ("Authorization", "Bearer {{DO_API_TOKEN}}"));
    assert_eq!(r.url, "http://127.0.0.1:1/v2/droplets?page={{PAGE}}");
    assert_eq!(
        r.body,
        Body::Text {
            text: r#"{"note": "$NOT_EXPANDED"}"#.into(),
            content_type: "application/x-www-form-urlencoded".into()
        }
    );
    // $5 and ${A:-b} are other expansions: left as written.
    assert!(headers(r).contains(&("X-Cost", "$5")));
    assert!(headers(r).contains(&("X-Default", "${A:-b}")));
    assert!(
        imported.warnings.contains(&"The command uses shell variables ($DO_API_TOKEN, $PAGE); they became {{DO_API_TOKEN}}, {{PAGE}}: define them under Variables.".to_owned()),
        "{:?}",
        imported.warnings
    );
}

/// Standard input given in the pasted text, as the curl binary reads it (checked with curl
/// 7.88.1 against httpbin): `-d @-` strips the line breaks of a here-document, `--json @-` keeps
/// them (and the one a here-document ends with), an unquoted delimiter expands variables, a
/// here-string ends in a line break.
#[test]
fn here_documents_and_here_strings_give_data_from_standard_input() {
    let r =
        import("curl -d @- http://127.0.0.1:1/post <<'EOF'\n{\"a\": 1,\n \"b\": 2}\nEOF\n").request;
    assert_eq!(
        r.body,
        Body::Text {
            text: "{\"a\": 1, \"b\": 2}".into(),
            content_type: "application/x-www-form-urlencoded".into()
        }
    );

    let imported = import("curl --json @- http://127.0.0.1:1/post <<EOF\n{\"x\": \"$HOME\"}\nEOF");
    assert_eq!(
        imported.request.body,
        Body::Json {
            text: "{\"x\": \"{{HOME}}\"}\n".into()
        }
    );
    assert!(
        imported.warnings.iter().any(|w| w.contains("($HOME)")),
        "{:?}",
        imported.warnings
    );

    let r = import("curl --data-binary @- -H 'Content-Type: application/json' http://127.0.0.1:1/post <<< '{\"a\": 1}'").request;
    assert_eq!(
        r.body,
        Body::Json {
            text: "{\"a\": 1}\n".into()
        }
    );

    // <<- strips leading tabs, from the body and the delimiter line.
    let r =
        import("curl --data-binary @- http://127.0.0.1:1/post <<-END\n\tone\n\ttwo\n\tEND").request;
    assert_eq!(
        r.body,
        Body::Text {
            text: "one\ntwo\n".into(),
            content_type: "application/x-www-form-urlencoded".into()
        }
    );

    // A command after the here-document is left out, and said so.
    let imported =
        import("curl --data-binary @- http://127.0.0.1:1/post <<'EOF'\nbody\nEOF\necho done");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.starts_with("Only the curl command was imported")),
        "{:?}",
        imported.warnings
    );

    // Without standard input in the text, @- is named.
    let imported = import("curl -d @- http://127.0.0.1:1/post");
    assert_eq!(imported.request.body, Body::None);
    assert!(imported.warnings.contains(&"-d @- reads standard input, which the pasted text does not give; add the body by hand.".to_owned()), "{:?}", imported.warnings);
}

/// A pasted multi-line command whose last line keeps its backslash (or has blank lines, CRLF
/// line breaks, spaces after a backslash) imports with no warning about an extra, empty URL.
#[test]
fn a_multi_line_paste_adds_no_empty_url_warning() {
    for command in [
        "curl http://127.0.0.1:1/ \\",
        "curl http://127.0.0.1:1/ \\  ",
        "curl http://127.0.0.1:1/ \\\n",
        "curl \\\r\n  http://127.0.0.1:1/ \\\r\n  -H 'A: b'\r\n",
        "curl http://127.0.0.1:1/ \\ \n -H 'A: b'\n\n",
    ] {
        let imported = import(command);
        assert_eq!(imported.request.url, "http://127.0.0.1:1/", "{command:?}");
        assert_eq!(imported.warnings, Vec::<String>::new(), "{command:?}");
    }
}

fn forget_file_contents(prepared: &mut http_playground::model::Prepared) {
    use http_playground::model::{PartValue, Upload};
    match &mut prepared.upload {
        Some(Upload::File(file)) => file.source = FileSource::Missing,
        Some(Upload::Multipart(parts)) => {
            for part in parts {
                if let PartValue::File { file, .. } = &mut part.value {
                    file.source = FileSource::Missing;
                }
            }
        }
        None => {}
    }
}
