//! The top line: product name, the two screens, the environment.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Screen};
use super::text::width;

const BRAND: &str = " brazen ";

fn labels(app: &App) -> [(Screen, String); 2] {
    let s = app.s();
    [(Screen::Work, format!(" {} ", s.workbench)), (Screen::History, format!(" F3 {} ", s.history))]
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::styled(BRAND, t.title()), Span::raw(" ")];
    for (screen, label) in labels(app) {
        let style = if screen == app.screen { t.selected() } else { t.dim() };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(t.bar()), r);
}

/// Which screen's tab is at column `col`.
pub fn hit(app: &App, col: u16) -> Option<Screen> {
    let mut x = width(BRAND) as u16 + 1;
    for (screen, label) in labels(app) {
        let w = width(&label) as u16;
        if col >= x && col < x + w {
            return Some(screen);
        }
        x += w + 1;
    }
    None
}
