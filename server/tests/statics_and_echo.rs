//! Static files (types, encodings, caching, the page head) and the echo routes whose answers
//! are random or timed, so not part of the parity comparison.

mod common;

use http_playground_server::{page_head, Assets};

async fn site() -> (String, tempdir::Dir) {
    let dir = tempdir::Dir::new();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=en><meta charset=utf-8><title>t</title>",
    )
    .unwrap();
    let wasm = vec![0u8; 4096];
    std::fs::write(dir.path().join("app-0123456789abcdef_bg.wasm"), &wasm).unwrap();
    std::fs::write(
        dir.path().join("app-0123456789abcdef.js"),
        "export const a = 1;\n".repeat(50),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("lesson")).unwrap();
    std::fs::write(
        dir.path().join("lesson/index.html"),
        "<html><head><title>lesson</title></head></html>",
    )
    .unwrap();
    let assets = Assets::load(dir.path(), &page_head(false)).unwrap();
    (common::start(assets, None).await, dir)
}

/// A throwaway directory, removed when dropped.
mod tempdir {
    pub struct Dir(std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let path = std::env::temp_dir().join(format!(
                "statics-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos()
            ));
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }
        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[tokio::test]
async fn files_are_served_with_their_type_encoding_and_cache_rules() {
    let (base, _dir) = site().await;
    let client = common::client();
    let get = |path: &str, encoding: &str| {
        client
            .get(format!("{base}{path}"))
            .header("Accept-Encoding", encoding)
            .send()
    };

    let wasm = get("/app-0123456789abcdef_bg.wasm", "gzip, deflate, br")
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["vary"], "Accept-Encoding");
    let compressed = wasm.bytes().await.unwrap();
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut plain).unwrap();
    assert_eq!(plain, vec![0u8; 4096]);

    let js = get("/app-0123456789abcdef.js", "gzip").await.unwrap();
    assert_eq!(
        js.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(js.headers()["content-encoding"], "gzip");
    let js = get("/app-0123456789abcdef.js", "identity").await.unwrap();
    assert!(js.headers().get("content-encoding").is_none());
    let js = get("/app-0123456789abcdef.js", "br;q=0, gzip")
        .await
        .unwrap();
    assert_eq!(js.headers()["content-encoding"], "gzip");

    let index = get("/", "identity").await.unwrap();
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert_eq!(index.headers()["content-type"], "text/html; charset=utf-8");
    let html = index.text().await.unwrap();
    assert!(
        html.starts_with("<!doctype html><html lang=en><meta name=\"http-playground-server\" content=\"echo=/echo\"><meta charset=utf-8>"),
        "{html}"
    );
    let lesson = get("/lesson", "identity").await.unwrap();
    assert_eq!(
        (lesson.status().as_u16(), &lesson.headers()["location"]),
        (301, &"/lesson/".parse().unwrap())
    );
    let lesson = get("/lesson/", "identity")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        lesson.starts_with("<html><head><meta name=\"http-playground-server\""),
        "{lesson}"
    );
    assert_eq!(get("/missing.js", "gzip").await.unwrap().status(), 404);
    let post = client.post(format!("{base}/")).send().await.unwrap();
    assert_eq!(post.status(), 405);
}

/// A lesson page of another origin loads `http-playground.js`, which fetches `index.html`, the
/// module, the `.wasm` and the stylesheet: every file answers `Access-Control-Allow-Origin: *`
/// (no credentials), GET and HEAD alike; the API keeps its own CORS rules and the Host check.
#[tokio::test]
async fn static_files_are_readable_from_any_origin() {
    let (base, dir) = site().await;
    std::fs::write(
        dir.path().join("http-playground.js"),
        "const base = new URL('.', import.meta.url);\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("main-0123456789abcdef.css"), "a{}").unwrap();
    let assets = Assets::load(dir.path(), &page_head(false)).unwrap();
    let base2 = common::start(assets, None).await;
    let client = common::client();
    let origin = "http://127.0.0.1:9";
    for path in [
        "/",
        "/index.html",
        "/http-playground.js",
        "/app-0123456789abcdef.js",
        "/app-0123456789abcdef_bg.wasm",
        "/main-0123456789abcdef.css",
        "/lesson/",
    ] {
        for head in [false, true] {
            let url = format!("{base2}{path}");
            let request = if head {
                client.head(url)
            } else {
                client.get(url)
            };
            let response = request
                .header("Origin", origin)
                .header("Accept-Encoding", "gzip, br")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{path}");
            let headers = response.headers();
            assert_eq!(headers["access-control-allow-origin"], "*", "{path}");
            assert!(
                headers.get("access-control-allow-credentials").is_none(),
                "{path}"
            );
        }
    }
    // Without an Origin the same header (one cached answer for every origin).
    let plain = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(plain.headers()["access-control-allow-origin"], "*");
    // Nothing else changes: other methods, the API's own rules, the Host check.
    let post = client
        .post(format!("{base}/http-playground.js"))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 405);
    let echo = client
        .get(format!("{base}/echo/get"))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(echo.headers()["access-control-allow-origin"], origin);
    let port = base.rsplit(':').next().unwrap();
    let foreign = client
        .get(format!("{base}/http-playground.js"))
        .header("Host", format!("evil.example:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 421);
}

#[tokio::test]
async fn bytes_stream_delay_and_status_behave_as_httpbin_s() {
    let (base, _dir) = site().await;
    let client = common::client();
    let bytes = |path: String| {
        let client = client.clone();
        async move {
            client
                .get(path)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
        }
    };
    let a = bytes(format!("{base}/echo/bytes/1000?seed=7")).await;
    let b = bytes(format!("{base}/echo/bytes/1000?seed=7")).await;
    let c = bytes(format!("{base}/echo/bytes/1000?seed=8")).await;
    assert_eq!((a.len(), a == b, a == c), (1000, true, false));
    assert_eq!(
        bytes(format!("{base}/echo/bytes/999999")).await.len(),
        100 * 1024
    );

    let text = client
        .get(format!("{base}/echo/stream/3?x=1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l["id"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [0, 1, 2]
    );
    assert_eq!(lines[2]["args"]["x"], "1");

    let started = std::time::Instant::now();
    let delayed = client
        .get(format!("{base}/echo/delay/0.3"))
        .send()
        .await
        .unwrap();
    assert_eq!(delayed.status(), 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));

    for bad in ["NaN", "nan", "abc"] {
        let response = client
            .get(format!("{base}/echo/delay/{bad}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{bad}");
    }
    let capped = client
        .get(format!("{base}/echo/delay/-5"))
        .send()
        .await
        .unwrap();
    assert_eq!(capped.status(), 200);

    // Weighted choice: only codes listed come back.
    for _ in 0..20 {
        let status = client
            .get(format!("{base}/echo/status/200:0.5,404:0.5"))
            .send()
            .await
            .unwrap()
            .status();
        assert!(status == 200 || status == 404, "{status}");
    }
    assert_eq!(
        client
            .get(format!("{base}/echo/status/abc"))
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    // Any method is allowed by the CORS preflight, even ones httpbin refuses.
    let preflight = client
        .request(reqwest::Method::OPTIONS, format!("{base}/echo/anything"))
        .header("Origin", "http://127.0.0.1:1")
        .header("Access-Control-Request-Method", "PURGE")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-methods"], "PURGE");
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "http://127.0.0.1:1"
    );
    assert_eq!(preflight.headers()["access-control-expose-headers"], "*");
}
