//! Mouse: a click focuses the pane under it (and picks the row it hits); the wheel scrolls that pane.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::super::app::{App, Detail, Focus, Screen};
use super::super::layout::{self, Areas, contains};
use super::super::msg::Effect;
use super::{diff, entry, history, response};

pub(super) fn mouse(app: &mut App, m: MouseEvent) -> Vec<Effect> {
    if app.overlay.is_some() {
        return Vec::new();
    }
    // The comparison covers the list and the opened exchange: the wheel scrolls it, clicks have nothing to pick.
    if app.screen == Screen::History && app.history.compare.is_some() {
        match m.kind {
            MouseEventKind::ScrollDown => diff::scroll(app, 3),
            MouseEventKind::ScrollUp => diff::scroll(app, -3),
            _ => {}
        }
        return Vec::new();
    }
    let a = layout::areas(app);
    let (col, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => click(app, &a, col, row),
        MouseEventKind::ScrollDown => wheel(app, &a, col, row, 3),
        MouseEventKind::ScrollUp => wheel(app, &a, col, row, -3),
        _ => Vec::new(),
    }
}

fn click(app: &mut App, a: &Areas, col: u16, row: u16) -> Vec<Effect> {
    if contains(a.tabs, col, row) {
        let Some(wanted) = super::super::view::tabs::hit(app, col) else { return Vec::new() };
        if wanted != app.screen {
            return history::toggle(app);
        }
        return Vec::new();
    }
    if app.screen == Screen::History {
        // The keys go where the click was: the opened exchange, or the list.
        if contains(a.history_open, col, row) {
            entry::focus(app, true);
            return Vec::new();
        }
        if contains(a.history_list, col, row) {
            entry::focus(app, false);
        }
        if contains(a.history_list, col, row) && row > a.history_list.y {
            let i = app.history.top + (row - a.history_list.y - 1) as usize;
            if let Some(id) = app.history.rows.get(i).map(|r| r.id) {
                // A click on the selected exchange opens it; on the one already open, it only gives the list the keys.
                let opened = app.history.open.as_ref().and_then(|e| e.exchange.id) == Some(id);
                if i == app.history.selected && !opened {
                    return history::open_selected(app);
                }
                history::select(app, i);
            }
        }
        return Vec::new();
    }
    if let Some(p) = layout::picker_rect(app, a)
        && contains(p, col, row)
    {
        app.focus = Focus::Picker;
        // A click selects an endpoint; a click on the selected one loads it.
        if let Some(pos) = super::super::view::picker::entry_at(app, p, row) {
            if pos == app.picker_selected
                && let Some(&index) = app.picker_entries().get(pos)
            {
                return super::endpoint::choose(app, index);
            }
            app.picker_selected = pos;
        }
        return Vec::new();
    }
    if app.focus == Focus::Picker && a.picker.is_none() {
        // A click outside the picker overlay closes it.
        app.focus = Focus::Editor;
        return Vec::new();
    }
    if contains(a.url, col, row) {
        app.focus = Focus::Url;
    } else if contains(a.editor, col, row) {
        app.focus = Focus::Editor;
        let t = layout::editor_text(app, a.editor);
        if contains(t, col, row) {
            let line = app.editor.top + (row - t.y) as usize + 1;
            let column = app.editor.left + (col - t.x) as usize + 1;
            app.editor.jump(line, column);
        }
    } else if contains(a.diagnostics, col, row) {
        // Hit-test against the list as it was drawn, before the focus change moves the highlight.
        let hit = layout::diagnostic_at(app, a, row);
        app.focus = Focus::Diagnostics;
        if let Some(i) = hit {
            app.diag_selected = i;
        }
    } else if contains(a.card, col, row) {
        app.focus = if layout::card_overflow(app) > 0 { Focus::Card } else { Focus::Response };
    } else if contains(a.detail, col, row) {
        app.focus = Focus::Response;
        if row == a.detail.y {
            tab_click(app, a.detail, col);
        }
    }
    Vec::new()
}

/// The detail pane's top border lists the tabs as ` 1 Body  2 Headers …`; map the column back.
fn tab_click(app: &mut App, r: Rect, col: u16) {
    let s = app.s();
    let mut x = r.x + 1;
    for (d, name) in Detail::ALL.iter().zip([s.body, s.headers, s.timings, s.attempts]) {
        let w = unicode_width::UnicodeWidthStr::width(name) as u16 + 4;
        if col >= x && col < x + w {
            if let Some(resp) = app.response.as_mut() {
                resp.detail = *d;
                resp.scroll = 0;
            }
            return;
        }
        x += w;
    }
}

fn wheel(app: &mut App, a: &Areas, col: u16, row: u16, delta: isize) -> Vec<Effect> {
    if app.screen == Screen::History {
        if contains(a.history_open, col, row) {
            entry::scroll(app, delta);
        } else {
            let n = app.history.rows.len();
            let i = app.history.selected.saturating_add_signed(delta).min(n.saturating_sub(1));
            history::select(app, i);
        }
        return Vec::new();
    }
    if layout::picker_rect(app, a).is_some_and(|p| contains(p, col, row)) {
        let n = app.picker_entries().len();
        app.picker_selected = app.picker_selected.saturating_add_signed(delta).min(n.saturating_sub(1));
    } else if contains(a.editor, col, row) {
        let h = layout::editor_text(app, a.editor).height as usize;
        app.editor.scroll_by(delta, h);
    } else if contains(a.diagnostics, col, row) {
        let n = app.editor.diagnostics().len();
        app.diag_selected = app.diag_selected.saturating_add_signed(delta).min(n.saturating_sub(1));
    } else if contains(a.card, col, row) && layout::card_overflow(app) > 0 {
        response::card_scroll(app, delta);
    } else if contains(a.detail, col, row) || contains(a.card, col, row) {
        response::scroll(app, delta);
    }
    Vec::new()
}
