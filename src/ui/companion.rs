//! The companion server (`server/`), when it serves the app: it says what it offers in the
//! page's `<meta name="http-playground-server" content="echo=/echo proxy=/proxy">`.

/// Paths on this origin: the echo API, and the proxy when it is on.
#[derive(Clone, Default)]
pub struct Companion {
    pub echo: Option<String>,
    pub proxy: Option<String>,
}

/// What this page's server offers (nothing when the app is served by anything else).
pub fn companion() -> Companion {
    let content = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=\"http-playground-server\"]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    let mut companion = Companion::default();
    for item in content.split_whitespace() {
        match item.split_once('=') {
            Some(("echo", path)) => companion.echo = Some(path.to_owned()),
            Some(("proxy", path)) => companion.proxy = Some(path.to_owned()),
            _ => {}
        }
    }
    companion
}

/// The starting request: the lesson's httpbin GET, or this server's echo API, which works with
/// no internet.
pub fn starter(companion: &Companion) -> crate::model::Request {
    let mut request = crate::model::Request::starter();
    if let Some(echo) = &companion.echo {
        if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            request.url = format!("{origin}{echo}/get");
        }
    }
    request
}
