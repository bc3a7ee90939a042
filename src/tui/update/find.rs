//! Finding text in the answer's body: `/` opens the query (matches found as it is typed), Enter keeps it, `n` / `N`
//! step through the matches, Esc clears it. The body is the formatted one the pane shows, searched whole once per
//! query ([`crate::tui::search`]); the pane scrolls to put the match in view.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Detail, Find, Focus};
use super::super::keymap::Action;
use super::super::line_input::LineInput;
use super::super::msg::Effect;
use super::super::search::Search;
use super::response::page_rows;

/// `/` in the response pane: a new query on the body tab.
pub(super) fn start(app: &mut App) {
    let Some(r) = app.response.as_mut() else { return };
    r.detail = Detail::Body;
    let seq = r.seq;
    app.focus = Focus::Response;
    app.find = Some(Find { input: LineInput::default(), typing: true, search: Search::default(), seq });
}

/// While typing: Enter keeps the query (and its matches), Esc clears it.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Choose => {
            if let Some(f) = app.find.as_mut() {
                f.typing = false;
            }
        }
        Action::Back => app.find = None,
        _ => return None,
    }
    Some(Vec::new())
}

/// A key typed into the query: the body searched again, the first match from the top of the view shown.
pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(f) = app.find.as_mut() else { return Vec::new() };
    if !f.input.key(k) {
        return Vec::new();
    }
    let Some(r) = app.response.as_ref().filter(|r| r.seq == f.seq) else { return Vec::new() };
    let Some(b) = r.body.as_ref() else { return Vec::new() };
    f.search = Search::new(b.text(), &f.input.text);
    let from = b.start(r.scroll);
    if let Some(at) = f.search.first_from(from) {
        show(app, at);
    }
    Vec::new()
}

/// `n` / `N`: the next or previous match; `false` when there is no search of this answer to step through.
pub(super) fn next(app: &mut App, forward: bool) -> bool {
    let seq = app.response.as_ref().map(|r| r.seq);
    let Some(f) = app.find.as_mut().filter(|f| Some(f.seq) == seq) else { return false };
    if let Some(at) = f.search.step(forward) {
        show(app, at);
    }
    true
}

/// Scrolls the body so byte `at` is in view: its line a third of the way down, its column on screen.
fn show(app: &mut App, at: usize) {
    let page = page_rows(app);
    let Some(r) = app.response.as_mut() else { return };
    let Some(b) = r.body.as_ref() else { return };
    let line = b.line_of(at);
    r.scroll = line.saturating_sub(page / 3).min(b.len().saturating_sub(page));
    let column = unicode_width::UnicodeWidthStr::width(&b.text()[b.start(line)..at.min(b.text().len())]);
    r.hscroll = column.saturating_sub(20);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::i18n::Lang;
    use crate::tui::msg::Msg;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    fn app_with_body(body: &str) -> App {
        let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32);
        let answer = crate::history::fixtures::Answer::Http { status: 200, body: body.to_string() };
        let ex = crate::history::fixtures::exchange("GET", "/campaigns/list", "", answer, app.now);
        app.response = Some(crate::tui::app::ResponseView {
            exchange: Arc::new(ex),
            received: app.now,
            body: Some(Arc::new(crate::tui::pretty::BodyLines::plain(body))),
            seq: 7,
            detail: Detail::Body,
            scroll: 0,
            hscroll: 0,
            card_scroll: 0,
        });
        app.focus = Focus::Response;
        app
    }

    fn key(app: &mut App, code: KeyCode) {
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    #[test]
    fn slash_finds_as_typed_enter_keeps_n_steps_and_esc_clears() {
        let body: String =
            (0..200).map(|i| format!("line {i} {}\n", if i % 50 == 7 { "needle" } else { "hay" })).collect();
        let mut app = app_with_body(&body);
        key(&mut app, KeyCode::Char('/'));
        for c in "needle".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        let f = app.find.as_ref().unwrap();
        assert_eq!((f.search.matches.len(), f.search.current), (4, 0));
        assert!(app.response.as_ref().unwrap().scroll <= 7);
        key(&mut app, KeyCode::Enter);
        assert!(!app.find.as_ref().unwrap().typing);
        // `n` now steps (it is no longer typed into the query).
        key(&mut app, KeyCode::Char('n'));
        key(&mut app, KeyCode::Char('n'));
        assert_eq!(app.find.as_ref().unwrap().search.current, 2);
        let scroll = app.response.as_ref().unwrap().scroll;
        assert!(scroll <= 107 && 107 < scroll + 30, "line 107 in view from {scroll}");
        key(&mut app, KeyCode::Char('N'));
        assert_eq!(app.find.as_ref().unwrap().search.current, 1);
        key(&mut app, KeyCode::Char('/'));
        key(&mut app, KeyCode::Esc);
        assert!(app.find.is_none());
    }
}
