//! The full key reference (`?` / F1).

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::centered;
use super::{overlay_box, para};

pub fn draw(app: &App, f: &mut Frame) {
    let t = &app.theme;
    let s = app.s();
    let sections: [(&str, Vec<(&str, &str)>); 4] = [
        (
            s.help_global,
            vec![
                ("Ctrl-S / F5", s.k_send),
                ("Esc", s.k_cancel),
                ("F2", s.k_endpoints),
                ("F3", s.k_history),
                ("F4", s.k_env),
                ("F6", s.k_path),
                ("F8 / Shift-F8", s.k_next_diag),
                ("Tab / Shift-Tab", s.k_focus),
                ("? / F1", s.k_help),
                ("q / Ctrl-C", s.k_quit),
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
            vec![
                ("r", s.k_retry),
                ("d", s.k_data_series),
                ("1-4  [ ]", s.k_tabs),
                ("↑↓ PgUp PgDn g G ←→", s.k_scroll),
            ],
        ),
        (
            s.help_history,
            vec![
                ("Enter", s.k_open),
                ("o", s.k_reopen),
                ("x", s.k_export_curl),
                ("m", s.k_export_md),
                ("c", s.k_class),
                ("e", s.k_endpoint),
                ("/", s.k_search),
                ("Esc", s.k_back),
            ],
        ),
    ];
    let mut lines = Vec::new();
    for (title, keys) in sections {
        lines.push(Line::from(Span::styled(title, t.accent())));
        for (k, what) in keys {
            lines.push(Line::from(vec![Span::styled(format!("  {k:<22}"), t.key_hint()), Span::raw(what)]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(s.help_mouse, t.dim())));
    lines.push(Line::from(Span::styled(s.help_close, t.dim())));
    let full = f.area();
    let r = centered(full, 64, lines.len() as u16 + 2);
    let inner = overlay_box(app, f, r, s.help);
    f.render_widget(para(lines), inner);
}
