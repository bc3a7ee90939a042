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
        let (ok, note) = layout::no_problems(app, w);
        let mut lines: Vec<Line> = ok.into_iter().map(|l| Line::from(Span::styled(l, t.ok()))).collect();
        lines.extend(note.into_iter().map(|l| Line::from(Span::styled(l, t.dim()))));
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
            Area::Header => format!(" {} ", app.s().area_header),
        };
        let (name, id) = app.diagnostic_name(d);
        let id = if id.is_empty() { id } else { format!(" {id}") };
        let room = w.saturating_sub(super::text::width(mark) + super::text::width(&pos));
        let name = fit(&name, room);
        let id = fit(&id, room.saturating_sub(super::text::width(&name)));
        let mut entry = vec![Line::from(vec![
            Span::styled(mark, sev),
            Span::styled(pos, t.dim()),
            Span::styled(name, sev),
            Span::styled(id, t.dim()),
        ])];
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

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::i18n::Lang;
    use crate::tui::app::App;
    use crate::tui::theme::Theme;
    use crate::validate::{Context, check};

    fn list(lang: Lang, body: &str) -> String {
        let mut app = App::new(lang, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 60, 12);
        let ctx = Context::new("2026-03-02T09:30:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC).with_lang(lang);
        let report = check("POST /messages/send", body, &ctx);
        app.editor.set_report(app.editor.generation, report);
        let mut term = Terminal::new(TestBackend::new(60, 12)).unwrap();
        term.draw(|f| super::draw(&app, f, f.area())).unwrap();
        crate::tui::driver::screen_text(term.backend().buffer())
    }

    /// Issue 12 §12: with `--lang ko` the list showed "Bad Request" and raw ids such as `unknown_key` as names.
    #[test]
    fn korean_diagnostics_name_rows_and_findings_in_korean() {
        let ko =
            list(Lang::Ko, r#"{"external_user_ids": ["u"], "zzzz": 1, "messages": {"apple_push": {"alert": "a"}}"#);
        assert!(ko.contains("잘못된 요청") && !ko.contains("Bad Request"), "{ko}");
        let ko =
            list(Lang::Ko, r#"{"external_user_ids": ["u"], "zzzz": 1, "messages": {"apple_push": {"alert": "a"}}}"#);
        assert!(ko.contains("참고 unknown_key"), "{ko}");
        let en =
            list(Lang::En, r#"{"external_user_ids": ["u"], "zzzz": 1, "messages": {"apple_push": {"alert": "a"}}}"#);
        assert!(en.contains("hint unknown_key"), "{en}");
    }
}
