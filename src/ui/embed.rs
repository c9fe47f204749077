//! The page side of embedding: which storage an embedded widget uses, its theme, and telling
//! the host page its height (the host resizes the iframe; see docs/embedding.md).

use wasm_bindgen::prelude::*;

use crate::model::{embed_options, EmbedOptions};

#[wasm_bindgen(inline_js = r#"
export function report_height() {
  if (window.parent === window) return;
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "http-playground:height", height }, "*");
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
"#)]
extern "C" {
    fn report_height();
}

/// The options in this page's URL, with the page set up for them: the theme on `<html>` and,
/// when embedded, the height reported to the host page.
pub fn page_options() -> EmbedOptions {
    let window = web_sys::window();
    let search = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let options = embed_options(&search);
    let root = window
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let (Some(theme), Some(root)) = (options.theme, root) {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    if options.embed {
        report_height();
    }
    options
}

/// Where a widget keeps its draft: the full app's key, or one per embedding URL (query and
/// fragment), so widgets on one lesson page do not share a draft, and a changed example starts
/// fresh.
pub fn storage_key(options: &EmbedOptions, default: &str) -> String {
    if !options.embed {
        return default.to_owned();
    }
    let location = web_sys::window().map(|w| w.location());
    let url = location
        .map(|l| {
            format!(
                "{}{}",
                l.search().unwrap_or_default(),
                l.hash().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    // FNV-1a: short and stable.
    let hash = url.bytes().fold(0xcbf29ce484222325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    format!("{default}/embed/{hash:016x}")
}
