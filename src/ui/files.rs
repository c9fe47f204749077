//! Export to and import from JSON files: a download made from a string, and the text of a file
//! the user picks. Used for the history and the variables.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
export function download(name, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
export async function read_chosen(input) {
  const file = input.files && input.files[0];
  input.value = "";
  return file ? [file.name, await file.text()] : undefined;
}
"#)]
extern "C" {
    fn download(name: &str, text: &str);
    #[wasm_bindgen(catch)]
    async fn read_chosen(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
}

/// The name and text of the file chosen in `input` (which is emptied, so choosing the same
/// file again is a change too); `None` when none is chosen or it cannot be read.
pub async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<(String, String)> {
    let picked = read_chosen(input)
        .await
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())?;
    Some((
        picked.get(0).as_string().unwrap_or_default(),
        picked.get(1).as_string().unwrap_or_default(),
    ))
}

/// "Export …" downloads the text `export()` returns as `file_name`, and shows the note it returns
/// with it (what the file leaves out); "Import …" reads a chosen file and hands its
/// text to `import`, which returns what to tell the user, or why the file was refused. What the
/// user has is never replaced by a file that fails to read.
#[component]
pub fn FileTransfer(
    what: &'static str,
    file_name: &'static str,
    export: Callback<(), (String, String)>,
    import: Callback<String, Result<String, String>>,
) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let chosen = move |input: web_sys::HtmlInputElement| {
        leptos::task::spawn_local(async move {
            let Some((name, text)) = chosen_file_text(&input).await else {
                return;
            };
            message.set(match import.run(text) {
                Ok(done) => done,
                Err(problem) => format!("{name} was not imported: {problem}"),
            });
        })
    };
    view! {
        <span class="file-transfer">
            <button type="button" class="small" on:click=move |_| {
                let (text, note) = export.run(());
                download(file_name, &text);
                message.set(note);
            }>
                {format!("Export {what}")}
            </button>
            <label class="file-button">
                {format!("Import {what}")}
                <input type="file" accept=".json,application/json" on:change:target=move |ev| chosen(ev.target())/>
            </label>
            <span class="muted" role="status">{move || message.get()}</span>
        </span>
    }
}
