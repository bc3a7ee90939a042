//! A one-line field in a box: what it is for, the field with its cursor, and why the last entry was refused
//! (F4's custom URL, Ctrl-O's file path).

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::centered;
use super::super::line_input::LineInput;
use super::text::wrap;
use super::{overlay_box, para};
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, title: &str, prompt: &str, input: &LineInput, error: Option<&str>) {
    let t = &app.theme;
    let full = f.area();
    let w = 72.min(full.width.saturating_sub(4)).max(10);
    let text_w = w.saturating_sub(2) as usize;
    let prompt = wrap(prompt, text_w);
    let error = error.map(|e| wrap(&visible(e), text_w)).unwrap_or_default();
    let h = (prompt.len() + error.len() + 4) as u16;
    let r = centered(full, w, h.min(full.height.saturating_sub(2)).max(5));
    let inner = overlay_box(app, f, r, title);
    let mut lines: Vec<Line> = prompt.into_iter().map(|l| Line::from(Span::styled(l, t.dim()))).collect();
    lines.push(Line::raw(""));
    let (shown, cursor) = input.visible(text_w.saturating_sub(2));
    let field_row = lines.len() as u16;
    lines
        .push(Line::from(vec![Span::styled("› ", t.key_hint()), Span::styled(visible(&shown).into_owned(), t.bold())]));
    lines.extend(error.into_iter().map(|l| Line::from(Span::styled(l, t.error()))));
    f.render_widget(para(lines), inner);
    if field_row < inner.height {
        let x = (inner.x + 2 + cursor as u16).min(inner.right().saturating_sub(1));
        f.set_cursor_position(Position::new(x, inner.y + field_row));
    }
}
