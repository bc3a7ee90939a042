//! The footer: the keys that matter where the focus is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Focus, Overlay, Screen};
use super::text::width;

pub fn keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let s = app.s();
    if let Some(Overlay::Confirm(_)) = app.overlay {
        return vec![("y", "yes"), ("n", "no")];
    }
    // The help overlay has nothing to select or load: it only closes.
    if let Some(Overlay::Help) = app.overlay {
        return vec![("Esc", s.k_back)];
    }
    if app.overlay.is_some() {
        return vec![("↑↓", s.k_select), ("Enter", s.k_load), ("Esc", s.k_back)];
    }
    let mut k = Vec::new();
    if app.busy() {
        k.push(("Esc", s.k_cancel));
    } else {
        k.push(("^S", s.k_send));
    }
    match (app.screen, app.focus) {
        (Screen::History, _) => k.extend(super::history_keys(s)),
        (_, Focus::Picker) => k.extend([("↑↓", s.k_select), ("Enter", s.k_load), ("type", s.k_filter)]),
        (_, Focus::Editor) => k.extend([("F8", s.k_next_diag), ("^Z/^Y", s.k_undo), ("F2", s.k_endpoints)]),
        (_, Focus::Url) => k.extend([("Enter", s.k_back)]),
        (_, Focus::Diagnostics) => k.extend([("↑↓", s.k_select), ("Enter", s.k_jump)]),
        (_, Focus::Response) => {
            k.extend([("r", s.k_retry), ("1-4", s.k_tabs), ("↑↓", s.k_scroll)]);
            if app.response.as_ref().and_then(|r| r.exchange.outcome.as_ref()?.send_id.as_ref()).is_some() {
                k.push(("d", s.k_data_series));
            }
        }
    }
    k.extend([("F3", s.k_history), ("F4", s.k_env), ("Tab", s.k_focus), ("F1", s.k_help), ("^C", s.k_quit)]);
    k
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in keys(app) {
        let w = width(key) + width(what) + 3;
        if used + w > r.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), t.key_hint()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}
