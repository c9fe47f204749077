//! A scrolling window onto many rows of which only those on screen are in the DOM: the
//! response viewer's JSON, text and hex views.

use leptos::prelude::*;

/// Height of one row, in CSS pixels (the stylesheet's `.viewer .row` line height).
const ROW_PX: f64 = 18.0;
/// Rows drawn above and below the screen, so a fast scroll shows no gap.
const OVERSCAN: usize = 20;
/// Browsers cap an element's height (Chromium near 33.5 million px): past this, the scroll
/// position maps onto rows proportionally instead of one row per 18 px.
const MAX_SPACER_PX: f64 = 8_000_000.0;

/// A scrolling window onto `count` rows of which only those on screen are drawn by `row`.
/// `scroll_to` moves a row into view; `label` names the region.
#[component]
pub fn VirtualRows<F, V>(
    count: Signal<usize>,
    row: F,
    #[prop(optional, into)] scroll_to: Option<Signal<Option<usize>>>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView
where
    F: Fn(usize) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let viewport: NodeRef<leptos::html::Div> = NodeRef::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(ROW_PX * 30.0);
    let measure = move || {
        if let Some(el) = viewport.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            let h = f64::from(el.client_height());
            if h > 0.0 {
                height.set(h);
            }
        }
    };
    Effect::new(move |_| {
        if viewport.get().is_some() {
            measure();
        }
    });
    let spacer = move || (count.get() as f64 * ROW_PX).min(MAX_SPACER_PX);
    let on_screen = move || (height.get() / ROW_PX).ceil() as usize + 1;
    // The first row on screen, and where the drawn rows are placed.
    let window = move || {
        let (count, top, spacer) = (count.get(), scroll_top.get(), spacer());
        if (count as f64 * ROW_PX) <= MAX_SPACER_PX {
            let first = (top / ROW_PX) as usize;
            (first.min(count), first as f64 * ROW_PX)
        } else {
            let room = (spacer - height.get()).max(1.0);
            let last_first = count.saturating_sub(on_screen() - 1);
            let first = ((top / room).clamp(0.0, 1.0) * last_first as f64) as usize;
            (first.min(count), top)
        }
    };
    if let Some(target) = scroll_to {
        Effect::new(move |_| {
            let Some(index) = target.get() else { return };
            let Some(el) = viewport.get_untracked() else {
                return;
            };
            let count = count.get_untracked().max(1);
            let px = if (count as f64 * ROW_PX) <= MAX_SPACER_PX {
                index as f64 * ROW_PX - height.get_untracked() / 3.0
            } else {
                let room = (spacer() - height.get_untracked()).max(1.0);
                index as f64 / count as f64 * room
            };
            el.set_scroll_top(px.max(0.0) as i32);
            measure();
        });
    }
    view! {
        // As tall as its rows, up to 60% of the window.
        <div class=format!("viewer {class}") node_ref=viewport tabindex="0" aria-label="Response body" on:scroll=move |_| measure()
            style:height=move || format!("min(60vh, {}px)", count.get() as u64 * ROW_PX as u64 + 20)>
            <div class="viewer-spacer" style:height=move || format!("{}px", spacer() as u64)>
                <div class="viewer-rows" style:transform=move || format!("translateY({}px)", window().1 as u64)>
                    {move || {
                        let (first, _) = window();
                        let to = (first + on_screen() + OVERSCAN).min(count.get());
                        let row = row.clone();
                        (first..to).map(row).collect_view()
                    }}
                </div>
            </div>
        </div>
    }
}
