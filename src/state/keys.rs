//! Keyboard rules shared by the tab strips.

/// The tab a key moves to from `current` of `count` tabs (ARIA tabs: the arrows wrap round,
/// Home and End go to the ends); `None` for any other key, or no tabs.
pub fn tab_step(current: usize, count: usize, key: &str) -> Option<usize> {
    if count == 0 {
        return None;
    }
    match key {
        "ArrowRight" | "ArrowDown" => Some((current + 1) % count),
        "ArrowLeft" | "ArrowUp" => Some((current + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}
