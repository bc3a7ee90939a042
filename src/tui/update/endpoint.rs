//! The endpoint list: moving in it, filtering it, and loading an endpoint's template (asking first over edits).
//! Shared by keys, mouse and the discard confirmation, so none of them imports another.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Confirm, Focus, Overlay};
use super::super::keymap::{Action, Step};
use super::super::msg::Effect;
use super::editing;

/// What the endpoint list does with an action of its keymap context; `None` when it has no meaning there.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let n = app.picker_entries().len();
    let last = n.saturating_sub(1);
    match action {
        Action::Move(Step::Up) => app.picker_selected = app.picker_selected.saturating_sub(1),
        Action::Move(Step::Down) => app.picker_selected = (app.picker_selected + 1).min(last),
        Action::Move(Step::PageUp) => app.picker_selected = app.picker_selected.saturating_sub(10),
        Action::Move(Step::PageDown) => app.picker_selected = (app.picker_selected + 10).min(last),
        // Esc clears the filter first, then leaves the list.
        Action::Back if app.picker_filter.text.is_empty() => app.focus = Focus::Editor,
        Action::Back => {
            app.picker_filter.set("");
            app.picker_selected = 0;
        }
        Action::Choose => {
            let index = app.picker_entries().get(app.picker_selected).copied();
            return Some(index.map(|i| choose(app, i)).unwrap_or_default());
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// A key typed into the filter.
pub(super) fn filter_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    if app.picker_filter.key(k) {
        app.picker_selected = app.picker_best();
    }
    Vec::new()
}

/// Loads an endpoint's template, asking first when that would throw away edits.
pub(super) fn choose(app: &mut App, index: usize) -> Vec<Effect> {
    // Picking the endpoint already shown: nothing to do when it holds the template; otherwise (a reopened
    // exchange, say) the template is what was asked for, with the usual question when there are edits.
    if index == app.endpoint && !super::has_edits(app) && app.editor.text() == app.current_endpoint().template_body() {
        app.focus = Focus::Editor;
        app.picker_filter.set("");
        app.picker_selected = index;
        return Vec::new();
    }
    if super::has_edits(app) {
        app.overlay = Some(Overlay::Confirm(Confirm::Discard { endpoint: index }));
        return Vec::new();
    }
    load(app, index)
}

/// Loads an endpoint's template over whatever the editor holds.
pub(super) fn load(app: &mut App, index: usize) -> Vec<Effect> {
    app.load_endpoint(index);
    app.replay_of = None;
    // A template is a new, unnamed request.
    app.saved = None;
    app.focus = Focus::Editor;
    app.picker_filter.set("");
    app.picker_selected = index;
    app.diag_selected = 0;
    let mut fx = editing::revalidate(app);
    fx.push(Effect::SaveState(super::saved_state(app)));
    fx
}
