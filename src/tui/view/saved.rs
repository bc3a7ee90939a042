//! The collection overlay (F9): saved requests by name with their method, path and environment, the one the editor
//! holds marked, and the name field of save-as and rename. Names and notes come from files: made visible.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::collection::Browser;
use super::super::layout::centered;
use super::picker::method_style;
use super::text::{fit, pad, width, wrap};
use super::{overlay_box, para};
use crate::i18n::fill;
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, b: &Browser) {
    let t = &app.theme;
    let s = app.s();
    let full = f.area();
    let w = 100.min(full.width.saturating_sub(4)).max(10);
    let text_w = w.saturating_sub(2) as usize;
    let root = visible(&b.root).into_owned();
    let prompt: Vec<String> = b
        .prompt
        .as_ref()
        .map(|p| {
            let mut l = wrap(&fill(s.requests_name, &[("root", &root)]), text_w);
            l.push(String::new());
            l.extend(p.error.as_deref().map(|e| wrap(&visible(e), text_w)).unwrap_or_default());
            l
        })
        .unwrap_or_default();
    let list_rows = b.entries.len().max(1);
    let want = list_rows + prompt.len() + if b.prompt.is_some() { 2 } else { 0 } + 2;
    let h = (want as u16).min(full.height.saturating_sub(2)).max(5);
    let r = centered(full, w, h);
    let inner = overlay_box(app, f, r, s.requests_title);
    let mut lines: Vec<Line> = Vec::new();
    // The name field, when typing one, comes first so it is never pushed out of the box.
    let mut cursor = None;
    if let Some(p) = &b.prompt {
        let (head, errors) =
            prompt.split_at(prompt.len().min(wrap(&fill(s.requests_name, &[("root", &root)]), text_w).len()));
        lines.extend(head.iter().map(|l| Line::from(Span::styled(l.clone(), t.dim()))));
        let (shown, at) = p.input.visible(text_w.saturating_sub(2));
        cursor = Some((lines.len() as u16, at as u16));
        lines.push(Line::from(vec![Span::styled("› ", t.key_hint()), Span::styled(shown, t.bold())]));
        lines.extend(errors.iter().filter(|l| !l.is_empty()).map(|l| Line::from(Span::styled(l.clone(), t.error()))));
        lines.push(Line::raw(""));
    }
    let room = (inner.height as usize).saturating_sub(lines.len()).max(1);
    if !b.loaded {
        lines.push(Line::from(Span::styled(s.requests_loading, t.dim())));
    } else if b.entries.is_empty() {
        lines.extend(wrap(&fill(s.requests_empty, &[("root", &root)]), text_w).into_iter().map(Line::raw));
    } else {
        let current = app.saved.as_ref().map(|s| s.name.as_str());
        let name_w = b.entries.iter().map(|e| width(&visible(&e.name))).max().unwrap_or(0).min(text_w / 2);
        let top = b.selected.saturating_sub(room.saturating_sub(1));
        for (i, e) in b.entries.iter().enumerate().skip(top).take(room) {
            let mark = if Some(e.name.as_str()) == current { "● " } else { "  " };
            let name = pad(&fit(&visible(&e.name), name_w), name_w);
            let mut spans = vec![Span::raw(format!("{mark}{name}  "))];
            match &e.error {
                Some(why) => spans.push(Span::styled(visible(why).into_owned(), t.error())),
                None => {
                    spans.push(Span::styled(format!("{:<6} ", e.method), method_style(t, &e.method)));
                    let env = e.environment.as_deref().map(|n| format!("  @{}", visible(n))).unwrap_or_default();
                    spans.push(Span::raw(format!("{}{env}", visible(&e.path))));
                    if !e.note.is_empty() {
                        spans.push(Span::styled(format!("  {}", visible(&e.note)), t.dim()));
                    }
                }
            }
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            let line =
                if width(&text) > text_w { Line::from(Span::raw(fit(&text, text_w))) } else { Line::from(spans) };
            lines.push(if i == b.selected && b.prompt.is_none() { line.style(t.selected()) } else { line });
        }
    }
    f.render_widget(para(lines), inner);
    if let Some((row, col)) = cursor.filter(|(row, _)| *row < inner.height) {
        let x = (inner.x + 2 + col).min(inner.right().saturating_sub(1));
        f.set_cursor_position(Position::new(x, inner.y + row));
    }
}
