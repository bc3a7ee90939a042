//! The endpoint picker: grouped, filtered by typing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus};
use super::super::theme::Theme;
use super::text::{fit, fit_middle, width};
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
    let list = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    let (rows, top) = layout_rows(app, list.height as usize);
    let all = &crate::catalog::endpoints().endpoints;
    let mut lines: Vec<Line> = Vec::new();
    for row in rows.into_iter().skip(top).take(list.height as usize) {
        lines.push(match row {
            Row::Group(g) => {
                Line::from(Span::styled(fit(crate::catalog::endpoints().group_title(g, app.lang), w), t.accent()))
            }
            Row::Entry { pos, endpoint } => {
                let e = &all[endpoint];
                let mark = if endpoint == app.endpoint { "●" } else { " " };
                let line = Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{:<6} ", e.method), method_style(t, &e.method)),
                    Span::raw(fit_middle(&e.path, w.saturating_sub(super::super::layout::PICKER_ROW_EXTRA - 2))),
                ]);
                if pos == app.picker_selected {
                    line.style(if focused { t.selected() } else { t.bold() })
                } else {
                    line
                }
            }
        });
    }
    if lines.is_empty() {
        // Say why the list is empty and the way back, rather than a bare dash.
        let why = crate::i18n::fill(s.picker_no_match, &[("filter", &app.picker_filter.text)]);
        lines.extend(super::text::wrap(&why, w).into_iter().map(|l| Line::from(Span::styled(l, t.dim()))));
    }
    f.render_widget(para(lines), list);
}

/// A line of the list: a group header, or an endpoint (its position in `picker_entries` and catalog index).
pub enum Row {
    Group(&'static str),
    Entry { pos: usize, endpoint: usize },
}

/// The list's lines and the first one shown in `height` rows (the selection kept in view).
pub fn layout_rows(app: &App, height: usize) -> (Vec<Row>, usize) {
    let all = &crate::catalog::endpoints().endpoints;
    let mut rows = Vec::new();
    let mut selected_row = 0;
    let mut group = "";
    for (pos, &endpoint) in app.picker_entries().iter().enumerate() {
        let e = &all[endpoint];
        if e.group != group {
            group = &e.group;
            rows.push(Row::Group(group));
        }
        if pos == app.picker_selected {
            selected_row = rows.len();
        }
        rows.push(Row::Entry { pos, endpoint });
    }
    let top = selected_row.saturating_sub(height.saturating_sub(2).max(1));
    (rows, top)
}

/// The picker entry drawn at screen row `y` of a picker drawn in `r`, if any.
pub fn entry_at(app: &App, r: Rect, y: u16) -> Option<usize> {
    let list_y = r.y + 2;
    let height = r.height.saturating_sub(3) as usize;
    if y < list_y || (y - list_y) as usize >= height {
        return None;
    }
    let (rows, top) = layout_rows(app, height);
    match rows.into_iter().nth(top + (y - list_y) as usize)? {
        Row::Entry { pos, .. } => Some(pos),
        Row::Group(_) => None,
    }
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map(|(i, _)| i).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::i18n::Lang;
    use crate::tui::app::{App, Focus};
    use crate::tui::theme::Theme;

    /// A filter that matches nothing says so and how to clear it, in both languages.
    #[test]
    fn a_filter_with_no_match_says_so_and_how_to_clear_it() {
        for (lang, says) in
            [(Lang::En, "No endpoint matches \"zzqq\". Esc clears"), (Lang::Ko, "Esc로 필터를 지웁니다")]
        {
            let mut app = App::new(lang, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32);
            app.focus = Focus::Picker;
            app.picker_filter.set("zzqq");
            // The picker alone, so its wrapped lines read as one text.
            let mut term = Terminal::new(TestBackend::new(34, 12)).unwrap();
            term.draw(|f| super::draw(&app, f, f.area())).unwrap();
            let screen = crate::tui::driver::screen_text(term.backend().buffer());
            let text: String = screen.replace(['│', '┃'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(!app.picker_filter.text.is_empty() && text.contains(says), "{lang:?}:\n{screen}");
        }
    }
}
