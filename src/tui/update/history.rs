//! The history browser: filters, opening an exchange, reopening its request in the editor, exporting. Which key
//! does what is the keymap's (`tui::keymap`).

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Confirm, Focus, Overlay, Pending, RequestState, Screen};
use super::super::keymap::{Action, Step};
use super::super::layout;
use super::super::model::{ExportFormat, HistoryQuery, HistoryRow};
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::{editing, toast};
use crate::exchange::Exchange;
use crate::i18n::fill;

/// How many exchanges the browser lists (newest first).
const LIMIT: usize = 500;

pub(crate) fn query(app: &App) -> HistoryQuery {
    HistoryQuery {
        class: app.history.class,
        endpoint: app.history.endpoint.clone(),
        user: app.history.user.clone(),
        search: app.history.search.text.trim().to_string(),
        limit: LIMIT,
    }
}

pub(super) fn toggle(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::History {
        app.screen = Screen::Work;
        return Vec::new();
    }
    app.screen = Screen::History;
    vec![Effect::LoadHistory(query(app))]
}

pub(super) fn loaded(app: &mut App, q: HistoryQuery, rows: Vec<HistoryRow>) -> Vec<Effect> {
    if q != query(app) {
        return Vec::new();
    }
    if q.endpoint.is_none() {
        for r in &rows {
            if !app.history.endpoints_seen.contains(&r.endpoint) {
                app.history.endpoints_seen.push(r.endpoint.clone());
            }
        }
        app.history.endpoints_seen.sort();
    }
    if q.user.is_none() {
        for u in rows.iter().filter_map(|r| r.user.as_ref()) {
            if !app.history.users_seen.contains(u) {
                app.history.users_seen.push(u.clone());
            }
        }
        app.history.users_seen.sort();
    }
    let h = &mut app.history;
    // A row asked for (an imported bundle) wins over the one selected, which wins over the newest.
    let wanted = h.select.take().filter(|id| rows.iter().any(|r| r.id == *id));
    let keep = wanted.or_else(|| h.rows.get(h.selected).map(|r| r.id));
    // Rows are newest first: a new first row means exchanges were recorded since the last look (a send, a replay).
    // Those are what the user comes back for, so the selection goes to the newest and the list to the top;
    // a refresh with nothing new keeps the selected row.
    let newer = h.loaded && rows.first().map(|r| r.id) != h.rows.first().map(|r| r.id);
    h.rows = rows;
    h.loaded = true;
    // An opened exchange the filters no longer list would be shown beside rows it is not one of (or beside a
    // "no match" message): close it.
    if h.open.as_ref().is_some_and(|e| !e.exchange.id.is_some_and(|id| h.rows.iter().any(|r| r.id == id))) {
        h.open = None;
    }
    if newer && wanted.is_none() {
        h.selected = 0;
        h.top = 0;
    } else {
        h.selected = keep.and_then(|id| h.rows.iter().position(|r| r.id == id)).unwrap_or(0);
    }
    h.top = h.top.min(h.rows.len().saturating_sub(1));
    super::diff::keep_listed_marks(app);
    follow(app);
    Vec::new()
}

pub(super) fn exchange_loaded(app: &mut App, id: i64, exchange: Option<Box<Exchange>>) -> Vec<Effect> {
    if super::diff::waits_for(app, id) {
        return super::diff::exchange_loaded(app, id, exchange);
    }
    let Some(exchange) = exchange else {
        toast(app, fill(app.s().exchange_missing, &[("id", &id)]), Tone::ClientError);
        return Vec::new();
    };
    let pending = app.history.pending.take().filter(|(p, _)| *p == id).map(|(_, what)| what);
    let mut fx = super::entry::open(app, *exchange);
    fx.extend(match pending {
        Some(Pending::Reopen) => reopen(app),
        Some(Pending::Export(f)) => export(app, f),
        Some(Pending::Open) | None => Vec::new(),
    });
    fx
}

/// Typing a search: the filter narrows with each key.
pub(super) fn search_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if app.history.search.key(k) {
        app.history.selected = 0;
        return vec![Effect::LoadHistory(query(app))];
    }
    Vec::new()
}

/// While typing a search, `Back` ends it (the search stays applied).
pub(super) fn search_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    (action == Action::Back).then(|| {
        app.history.searching = false;
        Vec::new()
    })
}

/// What the history screen does with an action of its keymap context; `None` when it has no meaning now.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let last = app.history.rows.len().saturating_sub(1);
    let at = app.history.selected;
    match action {
        Action::Close if app.history.open.is_some() => app.history.open = None,
        Action::FocusEntry => super::entry::focus(app, true)?,
        Action::Back => app.screen = Screen::Work,
        Action::Move(step) => {
            let to = match step {
                Step::Down => (at + 1).min(last),
                Step::Up => at.saturating_sub(1),
                Step::PageDown => (at + 10).min(last),
                Step::PageUp => at.saturating_sub(10),
                Step::Home => 0,
                Step::End => last,
                Step::Left | Step::Right => return None,
            };
            select(app, to);
        }
        Action::Search => app.history.searching = true,
        Action::Mark => return Some(super::diff::toggle_mark(app)),
        Action::Compare => return Some(super::diff::compare(app)),
        Action::ClassFilter => {
            app.history.class = app.history.class.next();
            app.history.selected = 0;
            return Some(vec![Effect::LoadHistory(query(app))]);
        }
        Action::EndpointFilter => {
            app.history.endpoint = next_endpoint(app);
            app.history.selected = 0;
            return Some(vec![Effect::LoadHistory(query(app))]);
        }
        // On a history with one person in it there is nothing to narrow.
        Action::UserFilter if app.history.users_seen.len() > 1 || app.history.user.is_some() => {
            let seen = &app.history.users_seen;
            app.history.user = match &app.history.user {
                None => seen.first().cloned(),
                Some(cur) => seen.iter().position(|u| u == cur).and_then(|i| seen.get(i + 1)).cloned(),
            };
            app.history.selected = 0;
            return Some(vec![Effect::LoadHistory(query(app))]);
        }
        Action::Reload => return Some(vec![Effect::LoadHistory(query(app))]),
        Action::Choose => return Some(with_selected(app, Pending::Open)),
        Action::Reopen => return Some(with_selected(app, Pending::Reopen)),
        Action::ExportCurl => return Some(with_selected(app, Pending::Export(ExportFormat::Curl))),
        Action::ExportMarkdown => return Some(with_selected(app, Pending::Export(ExportFormat::Markdown))),
        Action::ExportBundle => return Some(with_selected(app, Pending::Export(ExportFormat::Bundle))),
        Action::ImportBundle => return Some(super::body_file::open_bundle(app)),
        Action::ReplayFailed => return Some(super::replay::start(app)),
        Action::DeleteExchange => {
            let id = app.history.rows.get(app.history.selected).map(|r| r.id)?;
            app.overlay = Some(Overlay::Confirm(Confirm::DeleteExchange { id }));
        }
        _ => return None,
    }
    Some(Vec::new())
}

pub(super) fn open_selected(app: &mut App) -> Vec<Effect> {
    with_selected(app, Pending::Open)
}

pub(super) fn select(app: &mut App, i: usize) {
    app.history.selected = i;
    follow(app);
}

fn follow(app: &mut App) {
    let rows = layout::inner(layout::areas(app).history_list).height.max(1) as usize;
    let h = &mut app.history;
    if h.selected < h.top {
        h.top = h.selected;
    } else if h.selected >= h.top + rows {
        h.top = h.selected + 1 - rows;
    }
}

fn next_endpoint(app: &App) -> Option<String> {
    let seen = &app.history.endpoints_seen;
    match &app.history.endpoint {
        None => seen.first().cloned(),
        Some(cur) => seen.iter().position(|e| e == cur).and_then(|i| seen.get(i + 1)).cloned(),
    }
}

/// Runs `what` on the selected exchange, loading it first unless it is already open.
fn with_selected(app: &mut App, what: Pending) -> Vec<Effect> {
    let Some(id) = app.history.rows.get(app.history.selected).map(|r| r.id) else { return Vec::new() };
    if app.history.open.as_ref().and_then(|e| e.exchange.id) == Some(id) {
        return match what {
            // Enter on the exchange already open: read it (the keys go to it).
            Pending::Open => {
                super::entry::focus(app, true);
                Vec::new()
            }
            Pending::Reopen => reopen(app),
            Pending::Export(f) => export(app, f),
        };
    }
    app.history.pending = Some((id, what));
    vec![Effect::LoadExchange(id)]
}

fn export(app: &mut App, format: ExportFormat) -> Vec<Effect> {
    match &app.history.open {
        Some(e) => vec![Effect::Export { exchange: e.exchange.clone(), format }],
        None => Vec::new(),
    }
}

fn reopen(app: &mut App) -> Vec<Effect> {
    if super::has_edits(app) {
        app.overlay = Some(Overlay::Confirm(Confirm::Reopen));
        return Vec::new();
    }
    reopen_confirmed(app)
}

/// Puts the open exchange's request into the editor, ready to send again.
pub(super) fn reopen_confirmed(app: &mut App) -> Vec<Effect> {
    let Some(ex) = app.history.open.as_ref().map(|e| e.exchange.clone()) else { return Vec::new() };
    let req = &ex.request;
    let catalog = crate::catalog::endpoints();
    let key = format!("{} {}", req.method, req.endpoint);
    let Some(index) =
        catalog.resolve(&key).and_then(|r| catalog.endpoints.iter().position(|e| std::ptr::eq(e, r.endpoint)))
    else {
        toast(app, fill(app.s().unknown_endpoint, &[("endpoint", &key)]), Tone::ClientError);
        return Vec::new();
    };
    let id = ex.id;
    let body = if req.body.trim().is_empty() { None } else { Some(req.body.clone()) };
    let path = path_of(&req.url);
    app.load_endpoint(index);
    // An exchange from history is a new, unnamed request.
    app.saved = None;
    match body {
        Some(b) => app.editor.load(&b),
        // A GET's parameters were sent in its URL, which goes on the path line: the template's example
        // parameters would be sent a second time.
        None if app.current_endpoint().method == "GET" => app.editor.load("{}\n"),
        None => {}
    }
    if let Some(p) = path {
        app.path.set(&p);
    }
    app.replay_of = id;
    // The shown answer was to another request; a retry waiting for it would now send this one.
    app.response = None;
    if matches!(app.request, RequestState::Scheduled { .. }) {
        app.request = RequestState::Idle;
    }
    app.picker_selected = index;
    app.screen = Screen::Work;
    app.focus = Focus::Editor;
    toast(app, fill(app.s().reopened, &[("id", &id.map(|i| i.to_string()).unwrap_or_default())]), Tone::Success);
    editing::revalidate(app)
}

/// The path and query of a URL (`https://host/a/b?c` → `/a/b?c`).
fn path_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.find('/').map(|i| rest[i..].to_string())
}

/// The runtime deleted exchange `id`: the opened entry closes if it was that one, and the list is read again.
pub(super) fn deleted(app: &mut App, id: i64) -> Vec<Effect> {
    if app.history.open.as_ref().is_some_and(|e| e.exchange.id == Some(id)) {
        app.history.open = None;
    }
    toast(app, fill(app.s().exchange_deleted, &[("id", &id)]), Tone::Success);
    vec![Effect::LoadHistory(query(app))]
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_of_strips_scheme_and_host() {
        assert_eq!(super::path_of("http://127.0.0.1:9/messages/send").as_deref(), Some("/messages/send"));
        assert_eq!(super::path_of("https://h/sends/data_series?a=1").as_deref(), Some("/sends/data_series?a=1"));
        assert_eq!(super::path_of("https://h"), None);
    }
}
