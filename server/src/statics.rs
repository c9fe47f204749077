//! The built app (Trunk's `dist/`), read once at start, compressed once with gzip and brotli,
//! and served from memory: the encoding the browser prefers, `application/wasm` for the module,
//! a year's cache for content-hashed files and `no-cache` for the pages that name them.
//! Every file is readable from any origin (`Access-Control-Allow-Origin: *`, no credentials):
//! `http-playground.js` on a lesson page of another origin fetches `index.html`, the app's
//! module, its `.wasm` and its stylesheet from here.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// One file, in every encoding worth sending.
struct Asset {
    content_type: &'static str,
    cache: &'static str,
    identity: Vec<u8>,
    gzip: Option<Vec<u8>>,
    brotli: Option<Vec<u8>>,
}

/// Every file under the directory, by URL path (`/index.html`, `/app-…_bg.wasm`).
#[derive(Clone, Default)]
pub struct Assets(Arc<HashMap<String, Asset>>);

impl Assets {
    /// Reads and compresses `dir`; a missing directory gives no assets (the API still works).
    /// `head` is inserted at the start of every HTML page's head.
    pub fn load(dir: &Path, head: &str) -> std::io::Result<Assets> {
        let mut files = HashMap::new();
        if dir.is_dir() {
            read_dir(dir, dir, head, &mut files)?;
        }
        Ok(Assets(Arc::new(files)))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The response for `uri`: `/` and directories are their `index.html`.
    pub fn respond(&self, uri: &Uri, request_headers: &HeaderMap) -> Response {
        let mut path = uri.path().to_owned();
        if path.ends_with('/') {
            path.push_str("index.html");
        }
        let asset = match self.0.get(&path) {
            Some(asset) => asset,
            // `/lesson` → `/lesson/` when that is a directory with an index.
            None if self.0.contains_key(&format!("{path}/index.html")) => {
                let location = format!("{path}/");
                return (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, location)],
                )
                    .into_response();
            }
            None => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
        };
        let accepts = |coding: &str| {
            request_headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|item| {
                    let mut parts = item.split(';');
                    let name = parts.next().unwrap_or("").trim();
                    let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
                    name.eq_ignore_ascii_case(coding) && !refused
                })
        };
        let (body, encoding) = match (&asset.brotli, &asset.gzip) {
            (Some(br), _) if accepts("br") => (br.clone(), Some("br")),
            (_, Some(gz)) if accepts("gzip") => (gz.clone(), Some("gzip")),
            _ => (asset.identity.clone(), None),
        };
        let mut response = body.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(asset.cache));
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        // Public files, the same for every origin: a lesson page elsewhere may load them.
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        headers.insert(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        );
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

fn read_dir(
    root: &Path,
    dir: &Path,
    head: &str,
    files: &mut HashMap<String, Asset>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(root, &path, head, files)?;
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
        let name = relative
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut identity = std::fs::read(&path)?;
        let content_type = content_type(&name);
        if content_type.starts_with("text/html") && !head.is_empty() {
            // After `<head>`, or (minified pages omit it) before the first element of the head.
            let text = String::from_utf8_lossy(&identity);
            let at = text
                .find("<head>")
                .map(|i| i + "<head>".len())
                .or_else(|| text.find("<meta"))
                .or_else(|| text.find("<title"));
            if let Some(at) = at {
                identity = format!("{}{head}{}", &text[..at], &text[at..]).into_bytes();
            }
        }
        let compressible = !content_type.starts_with("image/") || content_type == "image/svg+xml";
        let (gzip, brotli) = if compressible && identity.len() > 256 {
            (Some(gzip(&identity)), Some(brotli(&identity)))
        } else {
            (None, None)
        };
        let cache = if is_hashed(&name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        files.insert(
            url,
            Asset {
                content_type,
                cache,
                identity,
                gzip,
                brotli,
            },
        );
    }
    Ok(())
}

/// Trunk names built files `<name>-<16 hex digits>.<ext>`.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}
