//! The full key reference (`?` / F1).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::centered;
use super::{overlay_box, para};

pub fn draw(app: &App, f: &mut Frame) {
    let t = &app.theme;
    let s = app.s();
    // `q` and `?` are text in the editor, the path line and the picker filter: only Ctrl-C and F1 work everywhere.
    let sections: [(&str, Vec<(&str, &str)>); 5] = [
        (
            s.help_global,
            vec![
                ("Ctrl-S / F5", s.k_send),
                ("Esc", s.k_cancel),
                ("F2", s.k_endpoints),
                ("F3", s.k_history),
                ("F4", s.k_env),
                ("F6", s.k_path),
                ("F7", s.k_fault),
                ("F8 / Shift-F8", s.k_next_diag),
                ("Tab / Shift-Tab", s.k_focus),
                ("F1", s.k_help),
                ("Ctrl-C", s.k_quit),
            ],
        ),
        (
            s.help_editor,
            vec![
                ("Ctrl-Z / Ctrl-Y", s.k_undo),
                ("↑↓ Enter", s.k_load),
                ("type", s.k_filter),
                ("Enter (diagnostics)", s.k_jump),
            ],
        ),
        (
            s.help_response,
            vec![("r", s.k_retry), ("d", s.k_data_series), ("1-4  [ ]", s.k_tabs), ("↑↓ PgUp/Dn g G ←→", s.k_scroll)],
        ),
        (s.help_history, super::history_keys(s).to_vec()),
        (s.help_not_typing, vec![("?", s.k_help), ("q", s.k_quit)]),
    ];
    let section = |(title, keys): &(&str, Vec<(&str, &str)>)| {
        let mut lines = vec![Line::from(Span::styled(title.to_string(), t.accent()))];
        // Pad to the section's longest key (in columns, so arrows and Hangul line up) plus a gap.
        let w = keys.iter().map(|(k, _)| unicode_width::UnicodeWidthStr::width(*k)).max().unwrap_or(0) + 2;
        for (k, what) in keys {
            let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(*k));
            lines.push(Line::from(vec![
                Span::styled(format!("  {k}{}", " ".repeat(pad)), t.key_hint()),
                Span::raw(what.to_string()),
            ]));
        }
        lines
    };
    let full = f.area();
    // Two columns when there is room, so the whole reference fits a 24-row terminal.
    let two = full.width >= 78;
    let (left, right): (Vec<Line>, Vec<Line>) = if two {
        (sections[..2].iter().flat_map(section).collect(), sections[2..].iter().flat_map(section).collect())
    } else {
        (sections.iter().flat_map(section).collect(), Vec::new())
    };
    let rows = left.len().max(right.len()) as u16 + 3;
    let width = if two { full.width.saturating_sub(2).min(96) } else { 64 };
    let r = centered(full, width, rows + 2);
    let inner = overlay_box(app, f, r, s.help);
    // How to close comes first: on a narrow terminal the line is clipped, and the mouse hint can go.
    let foot = vec![Line::from(vec![
        Span::styled(s.help_close, t.key_hint()),
        Span::raw("  "),
        Span::styled(s.help_mouse, t.dim()),
    ])];
    let body = Rect { height: inner.height.saturating_sub(2), ..inner };
    if two {
        let [l, rr] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        f.render_widget(para(left), l);
        f.render_widget(para(right), rr);
    } else {
        f.render_widget(para(left), body);
    }
    let foot_area = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(para(foot), foot_area);
}
