//! Key dispatch: the key is looked up in the keymap ([`keymap`]) along the contexts that apply to the state, and the
//! first bound action that means something there runs; a key bound nowhere is typing for the focused field. Defines
//! no key itself (that is the keymap's), and runs the actions every context shares; the rest go to the pane's
//! module.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::super::app::{App, Focus, Overlay, Screen};
use super::super::keymap::{self, Action, Ctx};
use super::super::msg::Effect;
use super::{
    body_file, copy, diff, editing, endpoint, entry, find, focus_order, headers, history, overlay, quit, replay,
    response, saved, send,
};

pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if k.kind == KeyEventKind::Release {
        return Vec::new();
    }
    for ctx in keymap::chain(app) {
        for action in keymap::actions(ctx, &k) {
            if let Some(fx) = run(app, ctx, action) {
                return fx;
            }
        }
    }
    typed(app, k)
}

/// Runs `action` as `ctx` understands it; `None` when it does not apply now, so the next binding is tried.
fn run(app: &mut App, ctx: Ctx, action: Action) -> Option<Vec<Effect>> {
    if let Some(fx) = shared(app, action) {
        return Some(fx);
    }
    match ctx {
        Ctx::HelpOverlay | Ctx::EnvsOverlay | Ctx::AddUrlOverlay | Ctx::ConfirmOverlay => overlay::action(app, action),
        Ctx::RequestsOverlay | Ctx::RequestName => saved::action(app, action),
        Ctx::CopyOverlay => copy::action(app, action),
        Ctx::HeadersOverlay | Ctx::HeaderLine => headers::action(app, action),
        Ctx::FileName => body_file::action(app, action),
        Ctx::Find => find::action(app, action),
        Ctx::History => history::action(app, action),
        Ctx::Entry => match action {
            Action::Find => find::start_entry(app),
            Action::FindNext(forward) => find::next(app, forward).then(Vec::new),
            _ => entry::action(app, action),
        },
        Ctx::Search => history::search_action(app, action),
        Ctx::Diff => diff::action(app, action),
        Ctx::Picker => endpoint::action(app, action),
        Ctx::Diagnostics => editing::diagnostics_action(app, action),
        Ctx::Response => response::action(app, action),
        Ctx::Card => response::card_action(app, action),
        Ctx::Editor => match action {
            Action::Find => {
                find::start_editor(app);
                Some(Vec::new())
            }
            Action::Pretty => Some(body_file::pretty(app)),
            Action::OpenFile => Some(body_file::open(app)),
            Action::Undo => Some(editing::undo(app, false)),
            Action::Redo => Some(editing::undo(app, true)),
            Action::Back => Some(focus(app, Focus::Response)),
            _ => None,
        },
        // Enter, Esc or Down: the path is settled, so it may name another endpoint.
        Ctx::Path => (action == Action::Back).then(|| editing::settle_path(app)),
        Ctx::Always | Ctx::Global | Ctx::Work | Ctx::NotTyping => None,
    }
}

/// Actions that mean the same wherever they are bound.
fn shared(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Quit => return Some(quit(app)),
        Action::Send => return Some(send::send(app, false)),
        Action::Cancel if app.busy() => return Some(send::cancel(app)),
        Action::Cancel if app.replay.is_some() => return replay::cancel(app),
        Action::ToggleHistory => return Some(history::toggle(app)),
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Headers if app.screen == Screen::Work => return Some(headers::open(app)),
        Action::Environments => app.overlay = Some(Overlay::Envs { selected: app.env }),
        Action::Requests => return Some(saved::open_browser(app)),
        Action::Copy => copy::open(app),
        Action::Endpoints => {
            app.screen = Screen::Work;
            app.focus = Focus::Picker;
        }
        Action::EditPath => {
            app.screen = Screen::Work;
            app.focus = Focus::Url;
        }
        Action::CycleFault => cycle_fault(app),
        Action::Problem(forward) => editing::jump_diagnostic(app, forward),
        Action::CycleFocus(forward) => cycle_focus(app, forward),
        Action::FocusEditor => app.focus = Focus::Editor,
        Action::FocusPicker => app.focus = Focus::Picker,
        _ => return None,
    }
    Some(Vec::new())
}

/// A key bound to nothing that applies: text for the focused field, if it takes text.
fn typed(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if matches!(app.overlay, Some(Overlay::AddUrl { .. })) {
        return overlay::url_text(app, Some(k), "");
    }
    if matches!(&app.overlay, Some(Overlay::Requests(b)) if b.prompt.is_some()) {
        return saved::name_text(app, Some(k), "");
    }
    if matches!(app.overlay, Some(Overlay::OpenFile { .. })) {
        return body_file::path_text(app, Some(k), "");
    }
    if matches!(&app.overlay, Some(Overlay::Headers(h)) if h.typing.is_some()) {
        return headers::line_text(app, Some(k), "");
    }
    if app.overlay.is_some() {
        return Vec::new();
    }
    if keymap::finding(app) {
        return find::key(app, k);
    }
    if app.screen == Screen::History {
        return if app.history.searching { history::search_key(app, k) } else { Vec::new() };
    }
    match app.focus {
        Focus::Editor => editing::key(app, k),
        Focus::Url if app.path.key(k) => {
            // The query on the path counts for a GET's required parameters.
            let mut fx = editing::revalidate(app);
            fx.push(Effect::SaveState(super::saved_state(app)));
            fx
        }
        Focus::Picker => endpoint::filter_key(app, k),
        Focus::Url | Focus::Diagnostics | Focus::Card | Focus::Response => Vec::new(),
    }
}

fn focus(app: &mut App, to: Focus) -> Vec<Effect> {
    app.focus = to;
    Vec::new()
}

fn cycle_focus(app: &mut App, forward: bool) {
    let order = focus_order(app);
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    let n = order.len();
    app.focus = order[if forward { (at + 1) % n } else { (at + n - 1) % n }];
}

/// F7: the next sandbox fault (none → 503 → … → none).
fn cycle_fault(app: &mut App) {
    if !app.current_env().is_some_and(|e| e.offline_mock) {
        super::toast(app, app.s().faults_sandbox_only, super::super::theme::Tone::Neutral);
        return;
    }
    app.fault = crate::fault::Fault::next_in_cycle(app.fault);
}
