//! Finding text: `/` in the answer's body or in the opened history exchange, Ctrl-F in the request editor. Matches
//! are found as the query is typed; Enter keeps it; `n` / `N` (or ↓ / ↑ while typing) step through them; Esc
//! clears it. Each text is searched whole once per query ([`crate::tui::search`]) and the view scrolls to put the
//! match in view; the editor's cursor goes to it.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Detail, Find, FindIn, Focus};
use super::super::keymap::Action;
use super::super::line_input::LineInput;
use super::super::msg::Effect;
use super::super::search::{Search, part_at};
use super::response::page_rows;

/// `/` in the response pane: a new query on the body tab.
pub(super) fn start(app: &mut App) {
    let Some(r) = app.response.as_mut() else { return };
    r.detail = Detail::Body;
    let seq = r.seq;
    app.focus = Focus::Response;
    begin(app, FindIn::Response(seq));
}

/// Ctrl-F in the editor: a query on its text; a kept one comes back to be stepped through or changed.
pub(super) fn start_editor(app: &mut App) {
    begin(app, FindIn::Editor);
}

/// `/` in the opened history exchange: a query on its request and response bodies.
pub(super) fn start_entry(app: &mut App) -> Option<Vec<Effect>> {
    let seq = app.history.open.as_ref().filter(|e| e.focused)?.seq;
    begin(app, FindIn::Entry(seq));
    Some(Vec::new())
}

/// Opens the query field on `target`, keeping the query already kept there.
fn begin(app: &mut App, target: FindIn) {
    match app.find.as_mut().filter(|f| f.target == target) {
        Some(f) => f.typing = true,
        None => app.find = Some(Find { input: LineInput::default(), typing: true, search: Search::default(), target }),
    }
}

/// While typing: Enter keeps the query (and its matches), Esc clears it, ↓ / ↑ step.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Choose => {
            if let Some(f) = app.find.as_mut() {
                f.typing = false;
            }
        }
        Action::Back => app.find = None,
        Action::FindNext(forward) => {
            step(app, forward);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// A key typed into the query.
pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if app.find.as_mut().is_some_and(|f| f.input.key(k)) {
        research(app, true);
    }
    Vec::new()
}

/// Text pasted into the query.
pub(super) fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    if app.find.as_mut().is_some_and(|f| f.input.paste(text)) {
        research(app, true);
    }
    Vec::new()
}

/// The texts the search's target holds now (`None` when it is gone: another answer, another exchange).
fn texts(app: &App, target: FindIn) -> Option<Vec<&str>> {
    match target {
        FindIn::Response(seq) => {
            let r = app.response.as_ref().filter(|r| r.seq == seq)?;
            Some(vec![r.body.as_ref()?.text()])
        }
        FindIn::Editor => Some(vec![app.editor.text()]),
        FindIn::Entry(seq) => {
            let e = app.history.open.as_ref().filter(|e| e.seq == seq)?;
            Some(vec![e.request.text(), e.body.as_ref().map_or("", |b| b.text())])
        }
    }
}

/// Searches the target again; with `show`, the first match from where the view is goes into view.
fn research(app: &mut App, show_first: bool) {
    let Some(target) = app.find.as_ref().map(|f| f.target) else { return };
    let Some(parts) = texts(app, target) else { return };
    let query = app.find.as_ref().map(|f| f.input.text.clone()).unwrap_or_default();
    let search = Search::in_parts(&parts, &query);
    let from = from(app, target);
    let Some(f) = app.find.as_mut() else { return };
    f.search = search;
    if let Some(at) = f.search.first_from(from).filter(|_| show_first) {
        show(app, target, at);
    }
}

/// After an edit: the editor's matches are found again where they now are (the cursor stays where it is).
pub(super) fn refresh_editor(app: &mut App) {
    if app.find.as_ref().is_some_and(|f| f.target == FindIn::Editor) {
        research(app, false);
    }
}

/// Where a new query starts looking: the top of the view, or the editor's cursor.
fn from(app: &App, target: FindIn) -> usize {
    match target {
        FindIn::Response(_) => {
            app.response.as_ref().and_then(|r| r.body.as_ref().map(|b| b.start(r.scroll))).unwrap_or(0)
        }
        FindIn::Editor => {
            let (row, col) = app.editor.cursor();
            let lines = app.editor.lines();
            let start: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
            let col = lines.get(row).and_then(|l| l.char_indices().nth(col).map(|(i, _)| i)).unwrap_or(0);
            start + col
        }
        FindIn::Entry(_) => 0,
    }
}

/// `n` / `N` where they step: the search must be of what the focused view shows.
pub(super) fn next(app: &mut App, forward: bool) -> bool {
    let here = match app.screen {
        super::super::app::Screen::History => app.history.open.as_ref().map(|e| FindIn::Entry(e.seq)),
        super::super::app::Screen::Work => app.response.as_ref().map(|r| FindIn::Response(r.seq)),
    };
    if here.is_none() || app.find.as_ref().map(|f| f.target) != here {
        return false;
    }
    step(app, forward);
    true
}

fn step(app: &mut App, forward: bool) {
    let Some(f) = app.find.as_mut() else { return };
    let target = f.target;
    if let Some(at) = f.search.step(forward) {
        show(app, target, at);
    }
}

/// Puts the match at byte `at` in view: its line a third of the way down, its column on screen.
fn show(app: &mut App, target: FindIn, at: usize) {
    match target {
        FindIn::Response(_) => {
            let page = page_rows(app);
            let Some(r) = app.response.as_mut() else { return };
            let Some(b) = r.body.as_ref() else { return };
            let line = b.line_of(at);
            r.scroll = line.saturating_sub(page / 3).min(b.len().saturating_sub(page));
            r.hscroll = column(&b.text()[b.start(line)..at.min(b.text().len())]).saturating_sub(20);
        }
        FindIn::Editor => {
            let text = app.editor.text();
            let at = at.min(text.len());
            let row = memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..at].chars().count();
            // `jump` is 1-based, as diagnostics give lines and columns.
            app.editor.jump(row + 1, col + 1);
            super::editing::follow_cursor(app);
        }
        FindIn::Entry(_) => {
            let Some(e) = app.history.open.as_ref() else { return };
            let body_len = e.body.as_ref().map_or(0, |b| b.text().len());
            let (part, local) = part_at(&[e.request.text().len(), body_len], at);
            let lines = if part == 0 { Some(&e.request) } else { e.body.as_deref() };
            let Some(b) = lines else { return };
            let line = b.line_of(local);
            let skip = column(&b.text()[b.start(line)..local.min(b.text().len())]).saturating_sub(20);
            let doc_line = super::super::view::entry::body_line_in_doc(app, part, line);
            let page = super::super::view::entry::page(app);
            let max = super::super::view::entry::rows(app).saturating_sub(page);
            if let Some(e) = app.history.open.as_mut() {
                e.scroll = doc_line.saturating_sub(page / 3).min(max);
                e.hscroll = skip;
            }
        }
    }
}

fn column(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests;
