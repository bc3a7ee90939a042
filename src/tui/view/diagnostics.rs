//! The diagnostics under the editor: mark, position, row name, sentence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus};
use super::text::fit;
use super::{pane, para};

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let focused = app.focus == Focus::Diagnostics;
    let ds = app.editor.diagnostics();
    let block = pane(app, format!(" {} ", s.diagnostics), focused);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = inner.width as usize;
    if ds.is_empty() {
        let mut lines = vec![Line::from(Span::styled(fit(s.no_diagnostics, w), t.ok()))];
        if app.current_endpoint().method == "GET" {
            lines.push(Line::from(Span::styled(fit(s.get_query_note, w), t.dim())));
        }
        f.render_widget(para(lines), inner);
        return;
    }
    let under_cursor = app.editor.cursor_diagnostic().map(|(i, _)| i);
    let h = inner.height.max(1) as usize;
    let sel = if focused { app.diag_selected } else { under_cursor.unwrap_or(0) };
    let top = sel.saturating_sub(h - 1);
    let lines: Vec<Line> = ds
        .iter()
        .enumerate()
        .skip(top)
        .take(h)
        .map(|(i, d)| {
            let name = d.name.clone().unwrap_or_else(|| d.error.clone());
            let pos = format!(" {}:{} ", d.line, d.column);
            let head = format!("{}{}{}  ", t.severity_mark(d.severity), pos, name);
            let rest = fit(&d.message, w.saturating_sub(super::text::width(&head)));
            let mut l = Line::from(vec![
                Span::styled(t.severity_mark(d.severity), t.severity(d.severity)),
                Span::styled(pos, t.dim()),
                Span::styled(name, t.severity(d.severity)),
                Span::raw("  "),
                Span::raw(rest),
            ]);
            if focused && i == app.diag_selected {
                l = l.style(t.selected());
            } else if Some(i) == under_cursor {
                l = l.style(t.bold());
            }
            l
        })
        .collect();
    f.render_widget(para(lines), inner);
}
