//! The request editor: gutter (diagnostic mark + line number), JSON colours, the diagnostics' tokens marked.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, FindIn, Focus};
use super::super::json_lex::lex_line;
use super::super::layout::{editor_text, gutter_width};
use super::text::json_line;
use super::{pane, para};
use crate::validate::Severity;

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let ed = &app.editor;
    let focused = app.focus == Focus::Editor;
    let mut title = vec![Span::raw(format!(" {} ", s.request))];
    if ed.is_dirty() {
        title.push(Span::styled(format!("· {} ", s.modified), t.dim()));
    }
    // Headers are sent with the body but not shown in it: say how many, so none travels unseen.
    if !app.headers.is_empty() {
        title.push(Span::styled(
            format!("· {} ", crate::i18n::fill(s.headers_count, &[("n", &app.headers.len())])),
            t.key_hint(),
        ));
    }
    let mut block = pane(app, Line::from(title), focused).title_top(counts(app).right_aligned());
    if let Some(line) = super::find::line(app, FindIn::Editor) {
        block = block.title_bottom(line);
    }
    let find = super::find::of(app, FindIn::Editor);
    // Byte offset of each drawn line in the text, for the search's marks (lines end with one `\n`).
    let mut offset: usize =
        if find.is_some() { ed.lines()[..ed.top.min(ed.lines().len())].iter().map(|l| l.len() + 1).sum() } else { 0 };
    let inner = block.inner(r);
    f.render_widget(block, r);
    let text_area = editor_text(app, r);
    let digits = (gutter_width(ed.lines().len()) - 3) as usize;
    let (cur_row, _) = ed.cursor();
    let mut lines = Vec::with_capacity(inner.height as usize);
    for row in ed.top..(ed.top + inner.height as usize).min(ed.lines().len()) {
        let line = &ed.lines()[row];
        let worst = ed.worst_on_line(row);
        let mark = match worst {
            Some(sev) => Span::styled(t.severity_mark(sev), t.severity(sev)),
            None => Span::raw(" "),
        };
        let num = Span::styled(format!("{:>digits$} ", row + 1), t.line_number(row == cur_row));
        let sep = Span::styled("│", t.dim());
        let mut marks = marks_for(app, row, line);
        if let Some(f) = find {
            marks.extend(super::find::marks(app, f, offset, line.len()));
            offset += line.len() + 1;
        }
        let body = json_line(t, line, ed.left, text_area.width as usize, &marks);
        let mut spans = vec![mark, num, sep];
        spans.extend(body.spans);
        let mut l = Line::from(spans);
        if focused && row == cur_row {
            l = l.style(t.cursor_line());
        }
        lines.push(l);
    }
    f.render_widget(para(lines), inner);
    if focused {
        let (row, _) = ed.cursor();
        let col = ed.cursor_column();
        if row >= ed.top && col >= ed.left {
            let x = text_area.x + (col - ed.left) as u16;
            let y = text_area.y + (row - ed.top) as u16;
            if x < text_area.right() && y < text_area.bottom() {
                f.set_cursor_position(Position::new(x, y));
            }
        }
    }
}

/// `✖ 2 ▲ 1` (or `validating…`) in the editor's top border.
fn counts(app: &App) -> Line<'static> {
    let t = &app.theme;
    let ed = &app.editor;
    let mut spans = Vec::new();
    if ed.stale() {
        spans.push(Span::styled(format!(" {} ", app.s().validating), t.dim()));
    }
    for sev in [Severity::Fatal, Severity::Minor, Severity::Hint] {
        let n = ed.diagnostics().iter().filter(|d| d.severity == sev).count();
        if n > 0 {
            spans.push(Span::styled(format!(" {} {n}", t.severity_mark(sev)), t.severity(sev)));
        }
    }
    if !spans.is_empty() {
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// Byte ranges of the tokens the diagnostics on this line point at.
fn marks_for(app: &App, row: usize, line: &str) -> Vec<(usize, usize, Style)> {
    let t = &app.theme;
    let mut marks = Vec::new();
    let mut tokens = None;
    for d in app.editor.diagnostics().iter().filter(|d| d.area.is_body() && d.line == row + 1) {
        let at = line.char_indices().nth(d.column.saturating_sub(1)).map(|(i, _)| i);
        let Some(at) = at else {
            // Past the end of the line (e.g. "unexpected end of input"): mark the last character.
            if let Some((i, c)) = line.char_indices().last() {
                marks.push((i, i + c.len_utf8(), t.diag_token(d.severity)));
            }
            continue;
        };
        let toks = tokens.get_or_insert_with(|| lex_line(line, false));
        if let Some(tok) = toks.iter().find(|s| s.start <= at && at < s.end) {
            marks.push((tok.start, tok.end, t.diag_token(d.severity)));
        }
    }
    marks
}
