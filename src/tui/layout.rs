//! Where every pane goes, as a pure function of the app (size, screen, content). The views draw into these
//! rectangles and `update` uses the same ones for mouse hits and page sizes, so they can never disagree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Screen};

/// Wide enough to keep the endpoint list on screen beside the editor and the response.
pub const WIDE: u16 = 120;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    pub status: Rect,
    pub footer: Rect,
    /// Endpoint list as a pane (wide terminals only; narrow ones show it as an overlay).
    pub picker: Option<Rect>,
    pub url: Rect,
    pub editor: Rect,
    pub diagnostics: Rect,
    pub card: Rect,
    pub detail: Rect,
    // History screen.
    pub history_filter: Rect,
    pub history_list: Rect,
    pub history_open: Rect,
    pub history_chart: Rect,
}

pub fn areas(app: &App) -> Areas {
    let full = Rect::new(0, 0, app.width, app.height);
    let [tabs, main, status, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)])
            .areas(full);
    let mut a = Areas { tabs, status, footer, ..Areas::default() };
    match app.screen {
        Screen::Work => work(app, main, &mut a),
        Screen::History => history(main, &mut a),
    }
    a
}

fn work(app: &App, main: Rect, a: &mut Areas) {
    let rest = if app.width >= WIDE {
        let [p, rest] = Layout::horizontal([Constraint::Length(30), Constraint::Min(0)]).areas(main);
        a.picker = Some(p);
        rest
    } else {
        main
    };
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
    let diag_rows = (app.editor.diagnostics().len().clamp(1, 6) + 2) as u16;
    let diag_rows = diag_rows.min(left.height.saturating_sub(6) / 2).max(3);
    [a.url, a.editor, a.diagnostics] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(diag_rows)]).areas(left);
    // Before the first response the card has the column to itself (it holds the getting-started text).
    let want = super::view::card::height(app, right.width.saturating_sub(2)) + 2;
    let card_rows =
        if app.response.is_none() { right.height } else { want.min(right.height.saturating_mul(3) / 5).max(3) };
    [a.card, a.detail] = Layout::vertical([Constraint::Length(card_rows), Constraint::Min(0)]).areas(right);
}

fn history(main: Rect, a: &mut Areas) {
    let [filter, body, chart] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(6)]).areas(main);
    a.history_filter = filter;
    [a.history_list, a.history_open] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    a.history_chart = chart;
}

/// The endpoint picker when it is an overlay (narrow terminals).
pub fn picker_overlay(app: &App) -> Rect {
    let full = Rect::new(0, 0, app.width, app.height);
    centered(full, 64.min(full.width.saturating_sub(4)), full.height.saturating_sub(4))
}

/// Where the picker is drawn now, pane or overlay (`None` when it is not shown).
pub fn picker_rect(app: &App, a: &Areas) -> Option<Rect> {
    match a.picker {
        Some(p) => Some(p),
        None if app.screen == Screen::Work && app.focus == super::app::Focus::Picker => Some(picker_overlay(app)),
        None => None,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(r.x + 1, r.y + 1, r.width.saturating_sub(2), r.height.saturating_sub(2))
}

/// Inside of the editor pane minus the gutter (mark + line numbers + space).
pub fn editor_text(app: &App, r: Rect) -> Rect {
    let i = inner(r);
    let g = gutter_width(app.editor.lines().len());
    Rect::new(i.x + g, i.y, i.width.saturating_sub(g), i.height)
}

pub fn gutter_width(lines: usize) -> u16 {
    let digits = lines.max(1).ilog10() as u16 + 1;
    digits.max(2) + 3
}

/// A centred box for overlays.
pub fn centered(full: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(full.width);
    let h = height.min(full.height);
    Rect::new(full.x + (full.width - w) / 2, full.y + (full.height - h) / 2, w, h)
}

pub fn contains(r: Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
}
