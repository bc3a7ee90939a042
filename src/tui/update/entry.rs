//! The exchange opened on the history screen: opening it (its bodies split once), giving it the keys, scrolling it
//! like the response pane. Scrolling is clamped to the document the view draws (`view::entry::rows`), which counts
//! lines without reading the bodies, so a 10 MiB body scrolls as fast as a short one.

use std::sync::Arc;

use super::super::app::{App, OpenEntry};
use super::super::keymap::{self, Action};
use super::super::msg::Effect;
use super::super::pretty::BodyLines;
use super::super::view::entry as view;
use crate::exchange::Exchange;

/// Shows `exchange` in the history's right pane, from its top, the keys staying with the list.
pub(super) fn open(app: &mut App, exchange: Exchange) -> Vec<Effect> {
    let seq = app.next_id;
    app.next_id += 1;
    let exchange = Arc::new(exchange);
    let request = BodyLines::plain(&exchange.request.body);
    let (body, format) = super::send::body_lines(&exchange, seq);
    app.history.open = Some(OpenEntry { exchange, request, body, seq, scroll: 0, hscroll: 0, focused: false });
    format.into_iter().collect()
}

/// Gives the keys to the opened exchange (`true`) or back to the list; `None` when nothing is open.
pub(super) fn focus(app: &mut App, on: bool) -> Option<()> {
    app.history.open.as_mut().map(|e| e.focused = on)
}

/// What the opened exchange does with an action of its keymap context; `None` lets the list have it.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = view::page(app) as isize;
    match action {
        Action::Back => focus(app, false)?,
        Action::Move(step) => match keymap::scroll_of(step, page) {
            (0, cols) => hscroll(app, cols),
            (lines, _) => scroll(app, lines),
        },
        _ => return None,
    }
    Some(Vec::new())
}

/// Scrolls by `delta` lines, so that the last line can reach the bottom of the pane and no further.
pub(super) fn scroll(app: &mut App, delta: isize) {
    let max = view::rows(app).saturating_sub(view::page(app));
    if let Some(e) = app.history.open.as_mut() {
        e.scroll = super::scrolled(e.scroll, delta, max);
    }
}

/// Sideways, up to the end of the widest line on screen: further would show nothing.
fn hscroll(app: &mut App, delta: isize) {
    let max = view::widest_visible(app).saturating_sub(view::text_width(app));
    if let Some(e) = app.history.open.as_mut() {
        e.hscroll = super::scrolled(e.hscroll, delta, max);
    }
}

#[cfg(test)]
mod tests;
