//! Key routing: overlays first, then keys that work everywhere, then the focused pane.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::super::app::{App, Confirm, Focus, Overlay, Screen};
use super::super::msg::Effect;
use super::{editing, focus_order, history, overlay, quit, response, send};

pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if k.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && k.code == KeyCode::Char('c') {
        return quit(app);
    }
    if app.overlay.is_some() {
        return overlay::key(app, k);
    }
    // Keys that mean the same thing wherever the focus is.
    match k.code {
        KeyCode::Char('s') if ctrl => return send::send(app, false),
        KeyCode::F(5) => return send::send(app, false),
        KeyCode::F(1) => {
            app.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        KeyCode::F(2) => {
            app.screen = Screen::Work;
            app.focus = Focus::Picker;
            return Vec::new();
        }
        KeyCode::F(3) => return history::toggle(app),
        KeyCode::F(4) => {
            app.overlay = Some(Overlay::Envs { selected: app.env });
            return Vec::new();
        }
        KeyCode::F(7) => {
            cycle_fault(app);
            return Vec::new();
        }
        KeyCode::F(6) => {
            app.screen = Screen::Work;
            app.focus = Focus::Url;
            return Vec::new();
        }
        KeyCode::F(8) if k.modifiers.contains(KeyModifiers::SHIFT) => {
            editing::jump_diagnostic(app, false);
            return Vec::new();
        }
        KeyCode::F(8) => {
            editing::jump_diagnostic(app, true);
            return Vec::new();
        }
        KeyCode::F(20) => {
            // Some terminals report Shift-F8 as F20.
            editing::jump_diagnostic(app, false);
            return Vec::new();
        }
        KeyCode::Esc if app.busy() => return send::cancel(app),
        _ => {}
    }
    if app.screen == Screen::History {
        return history::key(app, k);
    }
    match k.code {
        KeyCode::Tab => {
            cycle_focus(app, true);
            return Vec::new();
        }
        KeyCode::BackTab => {
            cycle_focus(app, false);
            return Vec::new();
        }
        _ => {}
    }
    let typing = matches!(app.focus, Focus::Editor | Focus::Url | Focus::Picker);
    if !typing {
        match k.code {
            KeyCode::Char('q') => return quit(app),
            KeyCode::Char('?') => {
                app.overlay = Some(Overlay::Help);
                return Vec::new();
            }
            KeyCode::Char('h') if app.focus != Focus::Response => return history::toggle(app),
            KeyCode::Char('e') => {
                app.focus = Focus::Editor;
                return Vec::new();
            }
            KeyCode::Char('p') => {
                app.focus = Focus::Picker;
                return Vec::new();
            }
            _ => {}
        }
    }
    match app.focus {
        Focus::Editor => {
            if k.code == KeyCode::Esc {
                app.focus = Focus::Response;
                return Vec::new();
            }
            editing::key(app, k)
        }
        Focus::Url => {
            match k.code {
                KeyCode::Enter | KeyCode::Esc | KeyCode::Down => app.focus = Focus::Editor,
                _ => {
                    if app.path.key(k) {
                        // The query on the path counts for a GET's required parameters.
                        let mut fx = editing::revalidate(app);
                        fx.push(Effect::SaveState(super::saved_state(app)));
                        return fx;
                    }
                }
            }
            Vec::new()
        }
        Focus::Picker => picker_key(app, k),
        Focus::Diagnostics => editing::diagnostics_key(app, k),
        Focus::Response => response::key(app, k),
    }
}

fn cycle_focus(app: &mut App, forward: bool) {
    let order = focus_order(app);
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    let n = order.len();
    app.focus = order[if forward { (at + 1) % n } else { (at + n - 1) % n }];
}

fn picker_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let entries = app.picker_entries();
    let n = entries.len();
    match k.code {
        KeyCode::Up => app.picker_selected = app.picker_selected.saturating_sub(1),
        KeyCode::Down => app.picker_selected = (app.picker_selected + 1).min(n.saturating_sub(1)),
        KeyCode::PageUp => app.picker_selected = app.picker_selected.saturating_sub(10),
        KeyCode::PageDown => app.picker_selected = (app.picker_selected + 10).min(n.saturating_sub(1)),
        KeyCode::Esc => {
            if app.picker_filter.text.is_empty() {
                app.focus = Focus::Editor;
            } else {
                app.picker_filter.set("");
                app.picker_selected = 0;
            }
        }
        KeyCode::Enter => {
            if let Some(&index) = entries.get(app.picker_selected) {
                return choose_endpoint(app, index);
            }
        }
        _ => {
            if app.picker_filter.key(k) {
                app.picker_selected = app.picker_best();
            }
        }
    }
    Vec::new()
}

/// Loads an endpoint's template, asking first when that would throw away edits.
pub(super) fn choose_endpoint(app: &mut App, index: usize) -> Vec<Effect> {
    // Picking the endpoint already shown: nothing to do when it holds the template; otherwise (a reopened
    // exchange, say) the template is what was asked for, with the usual question when there are edits.
    if index == app.endpoint && !app.editor.is_dirty() && app.editor.text() == app.current_endpoint().template_body() {
        app.focus = Focus::Editor;
        app.picker_filter.set("");
        app.picker_selected = index;
        return Vec::new();
    }
    if app.editor.is_dirty() {
        app.overlay = Some(Overlay::Confirm(Confirm::Discard { endpoint: index }));
        return Vec::new();
    }
    load_endpoint(app, index)
}

pub(super) fn load_endpoint(app: &mut App, index: usize) -> Vec<Effect> {
    app.load_endpoint(index);
    app.replay_of = None;
    app.focus = Focus::Editor;
    app.picker_filter.set("");
    app.picker_selected = index;
    app.diag_selected = 0;
    let mut fx = editing::revalidate(app);
    fx.push(Effect::SaveState(super::saved_state(app)));
    fx
}

/// F7: the next sandbox fault (none → 503 → … → none).
fn cycle_fault(app: &mut App) {
    use super::super::model::FAULTS;
    if !app.current_env().is_some_and(|e| e.offline_mock) {
        super::toast(app, app.s().faults_sandbox_only, super::super::theme::Tone::Neutral);
        return;
    }
    app.fault = match app.fault {
        None => Some(FAULTS[0]),
        Some(f) => FAULTS.iter().position(|x| *x == f).and_then(|i| FAULTS.get(i + 1)).copied(),
    };
}
