//! The response pane: scrolling the (virtualised) body and the detail tabs; retry and data-series keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::super::app::{App, Detail};
use super::super::layout;
use super::super::msg::Effect;
use super::send;

pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let page = page_rows(app);
    match k.code {
        KeyCode::Char('r') => return send::retry(app),
        KeyCode::Char('d') => return send::data_series(app),
        KeyCode::Char('1') => set_detail(app, Detail::Body),
        KeyCode::Char('2') => set_detail(app, Detail::Headers),
        KeyCode::Char('3') => set_detail(app, Detail::Timings),
        KeyCode::Char('4') => set_detail(app, Detail::Attempts),
        KeyCode::Char(']') => cycle_detail(app, true),
        KeyCode::Char('[') => cycle_detail(app, false),
        KeyCode::Down | KeyCode::Char('j') => scroll(app, 1),
        KeyCode::Up | KeyCode::Char('k') => scroll(app, -1),
        KeyCode::PageDown | KeyCode::Char(' ') => scroll(app, page as isize),
        KeyCode::PageUp => scroll(app, -(page as isize)),
        KeyCode::Home | KeyCode::Char('g') => scroll(app, isize::MIN / 2),
        KeyCode::End | KeyCode::Char('G') => scroll(app, isize::MAX / 2),
        KeyCode::Right | KeyCode::Char('l') => hscroll(app, 4),
        KeyCode::Left | KeyCode::Char('h') => hscroll(app, -4),
        _ => {}
    }
    Vec::new()
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
