//! Drawing only: `view(&App, &mut Frame)` reads the state and paints it. One file per pane.

pub mod card;
mod chart;
mod confirm;
mod copy;
mod detail;
mod diagnostics;
pub mod diff;
mod editor;
pub mod entry;
mod envs;
mod find;
mod footer;
mod headers;
pub(crate) mod help;
mod history;
pub mod picker;
mod prompt;
mod replay;
mod saved;
pub mod status;
pub mod tabs;
pub mod text;
mod url;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, Focus, Overlay, Screen};
use super::layout::{self, areas};
use text::width;

/// The footer's (keys, label) pairs for the app's state.
pub fn footer_keys(app: &App) -> Vec<(&'static str, &'static str)> {
    footer::keys(app)
}

pub fn view(app: &App, f: &mut Frame) {
    let a = areas(app);
    tabs::draw(app, f, a.tabs);
    match app.screen {
        Screen::Work => {
            if let Some(p) = a.picker {
                picker::draw(app, f, p);
            }
            url::draw(app, f, a.url);
            editor::draw(app, f, a.editor);
            diagnostics::draw(app, f, a.diagnostics);
            card::draw(app, f, a.card);
            detail::draw(app, f, a.detail);
            if a.picker.is_none() && app.focus == Focus::Picker {
                let r = layout::picker_overlay(app);
                f.render_widget(Clear, r);
                picker::draw(app, f, r);
            }
        }
        Screen::History => history::draw(app, f, &a),
    }
    status::draw(app, f, a.status);
    footer::draw(app, f, a.footer);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(app, f, *scroll),
        Some(Overlay::Envs { selected }) => envs::draw(app, f, *selected),
        Some(Overlay::AddUrl { input, error }) => envs::draw_add_url(app, f, input, error.as_deref()),
        Some(Overlay::OpenFile { input, error, purpose }) => {
            let s = app.s();
            let (title, text) = match purpose {
                crate::tui::app::FileFor::Body => (s.open_file_title, s.open_file_prompt),
                crate::tui::app::FileFor::Bundle => (s.import_bundle_title, s.import_bundle_prompt),
            };
            prompt::draw(app, f, title, text, input, error.as_deref())
        }
        Some(Overlay::Requests(b)) => saved::draw(app, f, b),
        Some(Overlay::Copy { selected, sizes }) => copy::draw(app, f, *selected, sizes),
        Some(Overlay::Headers(h)) => headers::draw(app, f, h),
        Some(Overlay::Confirm(c)) => confirm::draw(app, f, c),
        None => {}
    }
}

/// A pane's frame: rounded border, title, highlighted when focused.
pub(crate) fn pane<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    let t = &app.theme;
    let title: Line = title.into();
    let title = if focused { title.style(t.title()) } else { title.style(t.bold()) };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Rounded })
        .border_style(t.border(focused))
        .title(title)
}

/// A boxed overlay: clears what is under it.
pub(crate) fn overlay_box(app: &App, f: &mut Frame, r: Rect, title: &str) -> Rect {
    f.render_widget(Clear, r);
    // A wide character just left of the box would still cover its left border: a terminal draws it over both
    // columns, and ratatui skips the cell after a wide one. Its visible half is lost anyway; blank it.
    let r = r.intersection(f.area());
    if r.x > 0 {
        let buf = f.buffer_mut();
        for y in r.top()..r.bottom() {
            let cell = &mut buf[(r.x - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let block = pane(app, Span::raw(format!(" {title} ")), true);
    let inner = block.inner(r);
    f.render_widget(block, r);
    inner
}

pub(crate) fn para<'a>(lines: Vec<Line<'a>>) -> Paragraph<'a> {
    Paragraph::new(lines)
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use unicode_width::UnicodeWidthChar as _;

    use super::super::app::App;
    use super::super::theme::Theme;
    use crate::i18n::Lang;

    #[test]
    fn an_overlay_keeps_its_left_border_over_wide_characters() {
        let now: jiff::Timestamp = "2026-03-02T09:30:00Z".parse().unwrap();
        let app = App::new(Lang::Ko, Theme { colour: false }, now, 20, 4);
        let mut term = Terminal::new(TestBackend::new(20, 4)).unwrap();
        term.draw(|f| {
            // Column 3 is the right half of `나` on every row.
            f.render_widget(super::para(vec![Line::raw("가나다라마바사아자차"); 4]), f.area());
            super::overlay_box(&app, f, Rect::new(3, 0, 10, 4), "x");
        })
        .unwrap();
        // As a terminal shows it: the cell after a wide character is covered by it.
        let screen = crate::tui::driver::screen_text(term.backend().buffer());
        for (y, line) in screen.lines().enumerate() {
            let mut col = 0;
            let at = line.chars().find(|c| {
                let here = col;
                col += c.width().unwrap_or(0);
                here >= 3
            });
            assert!(col > 3 && matches!(at, Some('┏' | '┃' | '┗')), "row {y}: {line:?}");
            assert!(line.starts_with("가 "), "the cut character is blanked, the rest kept: {line:?}");
        }
    }
}
