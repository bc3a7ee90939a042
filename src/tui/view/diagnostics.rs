//! The diagnostics under the editor: for each, a head line (mark, position, row name) and the whole sentence
//! wrapped under it. The highlighted one (selected, or under the cursor) is always whole on screen; the pane's
//! height and scroll come from `layout`, which mouse clicks use too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus};
use super::super::layout::{self, DIAG_INDENT};
use super::text::fit;
use super::{pane, para};
use crate::validate::Area;

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let focused = app.focus == Focus::Diagnostics;
    let ds = app.editor.diagnostics();
    let highlighted = layout::diagnostic_highlighted(app);
    // The count says there is more to scroll to; the position says which one is highlighted.
    let title = match (ds.len(), highlighted) {
        (0 | 1, _) => format!(" {} ", s.diagnostics),
        (n, Some(i)) => format!(" {} {}/{n} ", s.diagnostics, i + 1),
        (n, None) => format!(" {} {n} ", s.diagnostics),
    };
    let block = pane(app, title, focused);
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
    let top = layout::diagnostics_top(app, inner);
    let h = inner.height as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut row = 0;
    for (i, d) in ds.iter().enumerate() {
        if row >= top + h {
            break;
        }
        let rows = layout::diagnostic_rows(d, w);
        if row + rows <= top {
            row += rows;
            continue;
        }
        let style = match highlighted {
            Some(hi) if hi == i && focused => t.selected(),
            Some(hi) if hi == i => t.bold(),
            _ => Style::new(),
        };
        let sev = t.severity(d.severity);
        let mark = t.severity_mark(d.severity);
        let pos = match d.area {
            Area::Body => format!(" {}:{} ", d.line, d.column),
            Area::Query => format!(" {} ", app.s().area_query),
            Area::Path => format!(" {} ", app.s().area_path),
        };
        let name = d.name.clone().unwrap_or_else(|| d.error.clone());
        let name = fit(&name, w.saturating_sub(super::text::width(mark) + super::text::width(&pos)));
        let mut entry =
            vec![Line::from(vec![Span::styled(mark, sev), Span::styled(pos, t.dim()), Span::styled(name, sev)])];
        let indent = " ".repeat(DIAG_INDENT);
        entry.extend(layout::diagnostic_sentence(d, w).into_iter().map(|l| Line::from(format!("{indent}{l}"))));
        for l in entry {
            if row >= top && row < top + h {
                lines.push(l.style(style));
            }
            row += 1;
        }
    }
    f.render_widget(para(lines), inner);
}
