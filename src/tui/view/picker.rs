//! The endpoint picker: grouped, filtered by typing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus};
use super::super::theme::Theme;
use super::text::{fit, width};
use super::{pane, para};

pub fn method_style(t: &Theme, method: &str) -> Style {
    use ratatui::style::Color;
    if !t.colour {
        return t.bold();
    }
    let c = match method {
        "GET" => Color::Green,
        "POST" => Color::Yellow,
        "DELETE" => Color::Red,
        _ => Color::Cyan,
    };
    Style::new().fg(c).add_modifier(ratatui::style::Modifier::BOLD)
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let focused = app.focus == Focus::Picker;
    let block = pane(app, format!(" {} ", s.endpoints), focused);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    // Filter line.
    let filter = if app.picker_filter.text.is_empty() && !focused {
        Line::from(Span::styled(format!("/ {}", s.filter_hint), t.dim()))
    } else if app.picker_filter.text.is_empty() {
        Line::from(vec![Span::styled("/ ", t.accent()), Span::styled(s.filter_hint, t.dim())])
    } else {
        Line::from(vec![Span::styled("/ ", t.accent()), Span::raw(app.picker_filter.text.clone())])
    };
    f.render_widget(para(vec![filter]), Rect { height: 1, ..inner });
    if focused {
        let x = inner.x
            + 2
            + width(&app.picker_filter.text[..byte_at(&app.picker_filter.text, app.picker_filter.cursor)]) as u16;
        f.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), inner.y));
    }
    // Rows, with a header before each group.
    let entries = app.picker_entries();
    let all = &crate::catalog::endpoints().endpoints;
    let mut rows: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    let mut group = "";
    for (i, &idx) in entries.iter().enumerate() {
        let e = &all[idx];
        if e.group != group {
            group = &e.group;
            rows.push(Line::from(Span::styled(fit(group, w), t.accent())));
        }
        if i == app.picker_selected {
            selected_row = rows.len();
        }
        let mark = if idx == app.endpoint { "●" } else { " " };
        let path = fit(&e.path, w.saturating_sub(9));
        let mut line = Line::from(vec![
            Span::raw(mark),
            Span::styled(format!("{:<6} ", e.method), method_style(t, &e.method)),
            Span::raw(path),
        ]);
        if i == app.picker_selected {
            line = line.style(if focused { t.selected() } else { t.bold() });
        }
        rows.push(line);
    }
    if entries.is_empty() {
        rows.push(Line::from(Span::styled("—", t.dim())));
    }
    let list = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    let h = list.height as usize;
    let top = selected_row.saturating_sub(h.saturating_sub(2).max(1));
    let visible: Vec<Line> = rows.into_iter().skip(top).take(h).collect();
    f.render_widget(para(visible), list);
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map(|(i, _)| i).unwrap_or(s.len())
}
