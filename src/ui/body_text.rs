//! The body's text. Up to 128 KB the textarea holds all of it; a larger body is edited through
//! a window (state::BodyWindow): the textarea holds the lines near the scroll position between
//! two spacers, so pasting megabytes or typing in them lays out a few kilobytes. The reader's
//! edits in the textarea splice the whole text; a paste, Ctrl+A and Ctrl+Home/End, which would
//! otherwise reach only the window, act on the whole text here.

use leptos::prelude::*;

use super::workspace::WorkspaceSignals;
use crate::model::{Body, Request};
use crate::state::{byte_of_utf16, textarea_newlines, BodyWindow, Edit, WINDOWED_FROM_BYTES};

/// The textarea's line height and the width of a character of its font, in CSS pixels
/// (style/main.css `.body-frame .code-input`).
/// Integers: formatting a float would link float printing into the wasm (about 8 KB).
const ROW_PX: usize = 18;
/// Tenths of a pixel.
const CHAR_TENTHS_PX: usize = 78;

fn body_text(request: &Request) -> &str {
    match &request.body {
        Body::Json { text } | Body::Text { text, .. } => text,
        _ => "",
    }
}

/// Sets (or with `None` removes) an element's inline height.
fn set_height(el: &web_sys::HtmlElement, height: Option<&str>) {
    let style = web_sys::HtmlElement::style(el);
    let _ = match height {
        Some(h) => style.set_property("height", h),
        None => style.remove_property("height").map(|_| ()),
    };
}

#[component]
pub fn BodyText(ws: WorkspaceSignals) -> impl IntoView {
    let request = ws.request;
    let area: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let frame: NodeRef<leptos::html::Div> = NodeRef::new();
    let above: NodeRef<leptos::html::Div> = NodeRef::new();
    let below: NodeRef<leptos::html::Div> = NodeRef::new();
    let doc = StoredValue::new(BodyWindow::new(String::new(), 80));
    let windowed = RwSignal::new(false);
    let summary = RwSignal::new(String::new());
    let bytes = RwSignal::new(0_usize);
    // Ctrl+A in a windowed body selects all of it, not only the window.
    let all = RwSignal::new(false);
    // Whether the textarea's value was written since the reader's last edit there: its own
    // undo would then put back another window's text.
    let rewritten = StoredValue::new(false);

    // Rows in sight: the frame's (at least the 24 of its default height, which it has once the
    // windowed style applies; at most 200, should a page's style leave it as tall as its rows).
    // The size note, which describes the textarea while it holds a window.
    static NOTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let note_id = format!(
        "body-note-{}",
        NOTES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let note_id_view = note_id.clone();
    let view_rows = move || {
        frame.get_untracked().map_or(24, |f| {
            (f.client_height().max(0) as usize)
                .div_ceil(ROW_PX)
                .clamp(24, 200)
        })
    };
    // Characters per row; 80 until the textarea is laid out.
    let columns = move || {
        area.get_untracked()
            .map(|a| a.client_width().max(0) as usize)
            .filter(|&width| width > 100)
            .map_or(80, |width| (width - 16) * 10 / CHAR_TENTHS_PX)
    };
    // The spacers, the textarea's height and the stated size, from the window.
    let fit = move || {
        let (Some(el), Some(top), Some(bottom), Some(f)) = (
            area.get_untracked(),
            above.get_untracked(),
            below.get_untracked(),
            frame.get_untracked(),
        ) else {
            return;
        };
        doc.with_value(|d| {
            // At once (not on the next render), so the frame scrolls before this task ends.
            let _ = f.class_list().toggle_with_force("windowed", d.windowed());
            let (rows_above, rows_below) = d.rows_around();
            let px = |rows: usize| format!("{}px", rows * ROW_PX);
            set_height(&top, Some(&px(rows_above)));
            set_height(&bottom, Some(&px(rows_below)));
            windowed.set(d.windowed());
            summary.set(d.summary());
            bytes.set(d.text().len());
            if d.windowed() {
                set_height(&el, Some("0px"));
                set_height(&el, Some(&format!("{}px", el.scroll_height())));
            } else {
                set_height(&el, None);
            }
        });
    };
    // Writes the window into the textarea, the caret at byte `caret` if it is held there (the
    // textarea loses focus otherwise, so no key lands where the reader cannot see).
    let show = move |caret: Option<usize>| {
        let Some(el) = area.get_untracked() else {
            return;
        };
        rewritten.set_value(true);
        doc.with_value(|d| {
            el.set_value(d.held_text());
            if let Some(units) = caret.and_then(|c| d.units_at(c)) {
                let _ = el.set_selection_range(units as u32, units as u32);
            } else if caret.is_some() {
                let _ = el.blur();
            }
        });
        fit();
    };
    let scroll_to_row = move |row: usize| {
        if let Some(f) = frame.get_untracked() {
            f.set_scroll_top(i32::try_from(row * ROW_PX).unwrap_or(i32::MAX));
        }
    };
    let caret = move || {
        area.get_untracked().and_then(|el| {
            let start = el.selection_start().ok().flatten()? as usize;
            let end = el.selection_end().ok().flatten()? as usize;
            Some(doc.with_value(|d| d.byte_at(start)..d.byte_at(end)))
        })
    };
    // Everything that is not a key in the textarea (the reader's own edits are spliced in
    // `on_input`): a new request, Format JSON, a kind switch.
    Effect::new(move |_| {
        if area.get().is_none() {
            return;
        }
        let changed = request.with(|r| doc.with_value(|d| d.text() != body_text(r)));
        if changed {
            let text = request.with_untracked(|r| body_text(r).to_owned());
            doc.set_value(BodyWindow::new(text, columns()));
            all.set(false);
            scroll_to_row(0);
            show(None);
        }
    });
    let dispatch = move |edit: Edit| ws.edit(edit);

    let on_input = move |_: leptos::ev::Event| {
        let Some(el) = area.get_untracked() else {
            return;
        };
        let value = el.value();
        // Where the caret is in the whole text, counted in what the textarea held before.
        let (was, at) = doc.with_value(|d| {
            let units = el.selection_end().ok().flatten().unwrap_or(0) as usize;
            (d.windowed(), d.held().start + byte_of_utf16(&value, units))
        });
        let edit = doc
            .try_update_value(|d| d.edited(value))
            .expect("the body window lives as long as the editor");
        dispatch(edit);
        all.set(false);
        rewritten.set_value(false);
        if was != doc.with_value(BodyWindow::windowed) {
            // Typed over (or back under) the threshold: hold the rows around the caret.
            let row = doc
                .try_update_value(|d| {
                    d.set_columns(columns());
                    d.reveal(at, view_rows())
                })
                .unwrap_or(0);
            show(Some(at));
            scroll_to_row(row);
        } else {
            fit();
        }
    };
    // The whole text from `range` replaced by `text`, the caret after it.
    let replace = move |range: std::ops::Range<usize>, text: String| {
        let at = range.start + text.len();
        let (edit, top) = doc
            .try_update_value(|d| {
                d.set_columns(columns());
                d.replace(range, text, view_rows())
            })
            .expect("the body window lives as long as the editor");
        dispatch(edit);
        all.set(false);
        show(Some(at));
        scroll_to_row(top);
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        // No text (an image, or data the browser keeps from a script): the textarea's own.
        let Some(pasted) = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
            .filter(|text| !text.is_empty())
        else {
            return;
        };
        let Some(selected) = caret() else { return };
        let (len, windowed) = doc.with_value(|d| (d.text().len(), d.windowed()));
        let range = if all.get_untracked() {
            0..len
        } else {
            selected
        };
        // A small paste into a small text is the textarea's own (its undo keeps it).
        if !windowed && len - range.len() + pasted.len() <= WINDOWED_FROM_BYTES {
            return;
        }
        ev.prevent_default();
        replace(range, textarea_newlines(pasted));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let command = ev.ctrl_key() || ev.meta_key();
        // Right after a paste or a replacement of all of it (which the textarea's own undo
        // cannot take back), whether the body is still large or not.
        if matches!(key.as_str(), "z" | "Z") && command && !ev.shift_key() {
            let undone = doc
                .try_update_value(|d| {
                    d.set_columns(columns());
                    d.undo(view_rows())
                })
                .flatten();
            if let Some((edit, top)) = undone {
                ev.prevent_default();
                let at = doc.with_value(|d| d.held().end.min(d.text().len()));
                dispatch(edit);
                all.set(false);
                show(Some(at));
                scroll_to_row(top);
            }
            return;
        }
        if !doc.with_value(BodyWindow::windowed) {
            return;
        }
        match key.as_str() {
            "a" | "A" if command => {
                ev.prevent_default();
                all.set(true);
                if let (Some(el), Some(f)) = (area.get_untracked(), frame.get_untracked()) {
                    // Selecting scrolls to the selection's end, past the view; a scroll there
                    // would move the window and end "all selected". The view stays put.
                    let top = f.scroll_top();
                    el.select();
                    f.set_scroll_top(top);
                }
            }
            "Home" | "End" if command && !ev.shift_key() => {
                ev.prevent_default();
                let at = if key == "Home" {
                    0
                } else {
                    doc.with_value(|d| d.text().len())
                };
                let row = doc
                    .try_update_value(|d| d.reveal(at, view_rows()))
                    .unwrap_or(0);
                all.set(false);
                show(Some(at));
                scroll_to_row(row);
            }
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
            | "PageDown" | "Escape" => all.set(false),
            _ => {}
        }
    };
    // With all of a windowed body selected, typing or deleting replaces all of it.
    let on_beforeinput = move |ev: leptos::ev::InputEvent| {
        let kind = ev.input_type();
        // The textarea's undo after its value was rewritten would bring back another window.
        if kind.starts_with("history")
            && rewritten.get_value()
            && doc.with_value(BodyWindow::windowed)
        {
            ev.prevent_default();
            return;
        }
        if !all.get_untracked() {
            return;
        }
        let text = match kind.as_str() {
            "insertText" | "insertReplacementText" => ev.data().unwrap_or_default(),
            "insertLineBreak" | "insertParagraph" => "\n".to_owned(),
            k if k.starts_with("delete") => String::new(),
            _ => {
                ev.prevent_default();
                return;
            }
        };
        ev.prevent_default();
        let len = doc.with_value(|d| d.text().len());
        replace(0..len, text);
    };
    // An input method composing over all of it can replace only what the textarea holds (its
    // events cannot be cancelled): the rest goes first.
    let on_composition = move |_: leptos::ev::CompositionEvent| {
        if all.get_untracked() {
            let edits = doc
                .try_update_value(BodyWindow::keep_held_only)
                .unwrap_or_default();
            for edit in edits {
                dispatch(edit);
            }
            all.set(false);
            fit();
        }
    };
    let on_copy = move |ev: leptos::ev::ClipboardEvent, cut: bool| {
        if !all.get_untracked() {
            return;
        }
        if let Some(data) = ev.clipboard_data() {
            let _ = doc.with_value(|d| data.set_data("text/plain", d.text()));
            ev.prevent_default();
            if cut {
                let len = doc.with_value(|d| d.text().len());
                replace(0..len, String::new());
            }
        }
    };
    let on_scroll = move |_| {
        let Some(f) = frame.get_untracked() else {
            return;
        };
        let top = f.scroll_top().max(0) as usize / ROW_PX;
        let focused = area.get_untracked().is_some_and(|el| {
            let node: &web_sys::Node = el.as_ref();
            document()
                .active_element()
                .is_some_and(|a| a.is_same_node(Some(node)))
        });
        let at = focused.then(caret).flatten().map(|c| c.end);
        let moved = doc
            .try_update_value(|d| {
                d.set_columns(columns());
                d.scrolled(top..top + view_rows())
            })
            .unwrap_or(false);
        if moved {
            all.set(false);
            show(at);
        }
    };

    view! {
        <div class="body-frame" node_ref=frame on:scroll=on_scroll data-bytes=move || bytes.get().to_string()>
            <div class="body-spacer" node_ref=above></div>
            <textarea class="code-input" aria-label="Body" spellcheck="false" rows="10" node_ref=area
                on:input=on_input on:paste=on_paste on:keydown=on_keydown on:beforeinput=on_beforeinput
                on:copy=move |ev| on_copy(ev, false) on:cut=move |ev| on_copy(ev, true)
                on:compositionstart=on_composition on:blur=move |_| all.set(false)
                on:mousedown=move |_| all.set(false) aria-describedby=move || windowed.get().then(|| note_id.clone())></textarea>
            <div class="body-spacer" node_ref=below></div>
        </div>
        <Show when=move || windowed.get()>
            <p class="note" id=note_id_view.clone()>
                {move || summary.get()}
                ". A large body: only the lines near the view are in the editor, so the browser's find and undo reach those; Ctrl+A selects all of it."
            </p>
        </Show>
        <Show when=move || all.get()>
            <p class="hint" role="status">"All of the body is selected: typing, Delete and Paste replace all of it; Copy copies all of it."</p>
        </Show>
    }
}
