//! The request line above the editor: method, the editable path (F6), the endpoint's purpose.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus};
use super::para;
use super::picker::method_style;
use super::text::{fit, width};

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let e = app.current_endpoint();
    let focused = app.focus == Focus::Url;
    let method = format!(" {} ", e.method);
    // Problems of the query or the path itself are marked here, where they are fixed, not in the body.
    let worst = app.editor.diagnostics().iter().filter(|d| !d.area.is_body()).map(|d| d.severity).min();
    let path_style = match worst {
        _ if focused => t.selected(),
        Some(sev) => t.severity(sev).add_modifier(ratatui::style::Modifier::UNDERLINED),
        None => t.bold(),
    };
    // Focused, the path scrolls so the cursor (and what is typed) stays in view.
    let room = (r.width as usize).saturating_sub(width(&method));
    let (path, cursor_col) =
        if focused { app.path.visible(room) } else { (app.path.text.clone(), width(&app.path.text)) };
    let mut spans = vec![Span::styled(method.clone(), method_style(t, &e.method)), Span::styled(path, path_style)];
    let mut used = width(&method) + width(&app.path.text);
    // The saved request the editor holds, and whether it has unsaved changes.
    if let Some(saved) = app.saved.as_ref().filter(|_| !focused) {
        let name = crate::text::visible(&saved.name);
        let mark = if super::super::collection::unsaved(app) {
            format!("  [{name} ● {}]", app.s().unsaved_mark)
        } else {
            format!("  [{name}]")
        };
        let mark = fit(&mark, (r.width as usize).saturating_sub(used));
        used += width(&mark);
        spans.push(Span::styled(mark, t.key_hint()));
    }
    let room = (r.width as usize).saturating_sub(used + 2);
    // A path Braze does not have is no endpoint: its purpose would be the last endpoint's, so none is shown.
    let input = format!("{} {}", e.method, app.path.text);
    let known = crate::catalog::endpoints().resolve(&input).is_some() || crate::request::lenient(&input).is_some();
    if room > 8 && !focused && known {
        spans.push(Span::styled(format!("  {}", fit(e.purpose.get(app.lang), room)), t.dim()));
    }
    f.render_widget(para(vec![Line::from(spans)]), r);
    if focused {
        let x = r.x + (width(&method) + cursor_col) as u16;
        f.set_cursor_position(Position::new(x.min(r.right().saturating_sub(1)), r.y));
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::i18n::Lang;
    use crate::tui::app::App;
    use crate::tui::theme::Theme;

    fn line(path: &str) -> String {
        let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 80, 24);
        app.path.text = path.to_string();
        let mut term = Terminal::new(TestBackend::new(80, 1)).unwrap();
        term.draw(|f| super::draw(&app, f, f.area())).unwrap();
        crate::tui::driver::screen_text(term.backend().buffer())
    }

    #[test]
    fn an_unknown_path_shows_no_purpose_of_another_endpoint() {
        assert!(line("/messages/send").contains("Send a message"), "{}", line("/messages/send"));
        let unknown = line("/nonsense");
        assert!(unknown.contains("/nonsense") && !unknown.contains("Send a message"), "{unknown}");
    }
}
