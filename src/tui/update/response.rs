//! The response pane: scrolling the (virtualised) body and the detail tabs; retry and data-series keys.

use super::super::app::{App, Detail};
use super::super::keymap::{self, Action};
use super::super::layout;
use super::super::msg::Effect;
use super::send;

/// What the response pane does with an action of its keymap context; `None` when it has no meaning there.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = page_rows(app) as isize;
    match action {
        Action::Retry => return Some(send::retry(app)),
        Action::DataSeries => return Some(send::data_series(app)),
        Action::Find => super::find::start(app),
        Action::FindNext(forward) => return super::find::next(app, forward).then(Vec::new),
        Action::Tab(d) => set_detail(app, d),
        Action::CycleTab(forward) => cycle_detail(app, forward),
        Action::Move(step) => match keymap::scroll_of(step, page) {
            (0, cols) => hscroll(app, cols),
            (lines, _) => scroll(app, lines),
        },
        _ => return None,
    }
    Some(Vec::new())
}

/// What the focused card does with an action: scroll, or retry as the response pane does.
pub(super) fn card_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = layout::card_page(app).max(1) as isize;
    match action {
        Action::Retry => return Some(send::retry(app)),
        // The card wraps its text: nothing to scroll sideways.
        Action::Move(step) => card_scroll(app, keymap::scroll_of(step, page).0),
        _ => return None,
    }
    Some(Vec::new())
}

/// Scrolls the card by `delta` lines, within what it holds beyond its pane.
pub(crate) fn card_scroll(app: &mut App, delta: isize) {
    let max = layout::card_overflow(app);
    if let Some(r) = app.response.as_mut() {
        r.card_scroll = r.card_scroll.saturating_add_signed(delta).min(max);
    }
}

fn set_detail(app: &mut App, d: Detail) {
    if let Some(r) = app.response.as_mut() {
        r.detail = d;
        r.scroll = 0;
        r.hscroll = 0;
    }
}

fn cycle_detail(app: &mut App, forward: bool) {
    if let Some(r) = app.response.as_ref() {
        let at = Detail::ALL.iter().position(|d| *d == r.detail).unwrap_or(0);
        let n = Detail::ALL.len();
        set_detail(app, Detail::ALL[if forward { (at + 1) % n } else { (at + n - 1) % n }]);
    }
}

/// Rows of body visible in the detail pane (inside the border, below the tab line).
pub(crate) fn page_rows(app: &App) -> usize {
    layout::areas(app).detail.height.saturating_sub(3).max(1) as usize
}

/// Lines in the current detail tab, for clamping the scroll.
fn content_rows(app: &App) -> usize {
    let Some(r) = app.response.as_ref() else { return 0 };
    match r.detail {
        Detail::Body => r.body.as_ref().map(|b| b.len()).unwrap_or(0),
        Detail::Headers => r.exchange.final_response().map(|x| x.headers.len()).unwrap_or(0) + 2,
        Detail::Timings | Detail::Attempts => r.exchange.attempts.len() * 4 + 4,
    }
}

pub(crate) fn scroll(app: &mut App, delta: isize) {
    let max = content_rows(app).saturating_sub(page_rows(app));
    if let Some(r) = app.response.as_mut() {
        r.scroll = r.scroll.saturating_add_signed(delta).min(max);
    }
}

fn hscroll(app: &mut App, delta: isize) {
    if let Some(r) = app.response.as_mut() {
        r.hscroll = r.hscroll.saturating_add_signed(delta);
    }
}
