//! Drawing only: `view(&App, &mut Frame)` reads the state and paints it. One file per pane.

pub mod card;
mod chart;
mod confirm;
mod detail;
mod diagnostics;
mod editor;
mod envs;
mod footer;
mod help;
mod history;
pub mod picker;
mod status;
pub mod tabs;
pub mod text;
mod url;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, Focus, Overlay, Screen};
use super::layout::{self, areas};

/// The history screen's keys, shared by the footer and the help overlay so the two cannot drift apart.
pub(crate) fn history_keys(s: &'static super::strings::Strings) -> [(&'static str, &'static str); 8] {
    [
        ("Enter", s.k_open),
        ("o", s.k_reopen),
        ("x", s.k_export_curl),
        ("m", s.k_export_md),
        ("c", s.k_class),
        ("e", s.k_endpoint),
        ("/", s.k_search),
        ("Esc", s.k_back),
    ]
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
        Some(Overlay::Help) => help::draw(app, f),
        Some(Overlay::Envs { selected }) => envs::draw(app, f, *selected),
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
    let block = pane(app, Span::raw(format!(" {title} ")), true);
    let inner = block.inner(r);
    f.render_widget(block, r);
    inner
}

pub(crate) fn para<'a>(lines: Vec<Line<'a>>) -> Paragraph<'a> {
    Paragraph::new(lines)
}
