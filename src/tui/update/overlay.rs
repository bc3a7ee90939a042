//! What keys do while an overlay is open: help, environment switcher, confirmations. Which key means what is the
//! keymap's (`tui::keymap`); this module only knows the overlays.

use super::super::app::{App, Confirm, Overlay, RequestState};
use super::super::keymap::{Action, Step};
use super::super::msg::Effect;
use super::{endpoint, history, send};

/// Runs an overlay's action; `None` when the open overlay has no use for it.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let overlay = app.overlay.clone()?;
    match (overlay, action) {
        (Overlay::Help | Overlay::Envs { .. }, Action::Back) | (Overlay::Confirm(_), Action::No) => {
            app.overlay = None;
            Some(Vec::new())
        }
        (Overlay::Confirm(c), Action::Yes) => {
            app.overlay = None;
            Some(confirmed(app, c))
        }
        (Overlay::Envs { selected }, Action::Move(step)) => {
            let last = app.envs.len().saturating_sub(1);
            let selected = match step {
                Step::Up => selected.saturating_sub(1),
                Step::Down => (selected + 1).min(last),
                _ => return None,
            };
            app.overlay = Some(Overlay::Envs { selected });
            Some(Vec::new())
        }
        (Overlay::Envs { selected }, Action::Choose) => {
            app.overlay = None;
            Some(switch_env(app, selected))
        }
        _ => None,
    }
}

fn confirmed(app: &mut App, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::Discard { endpoint } => endpoint::load(app, endpoint),
        Confirm::Reopen => history::reopen_confirmed(app),
        Confirm::SendFatal { .. } => send::send(app, true),
        Confirm::RetryUnsafe { .. } => send::retry_confirmed(app),
    }
}

fn switch_env(app: &mut App, selected: usize) -> Vec<Effect> {
    let Some(env) = app.envs.get(selected) else { return Vec::new() };
    if selected == app.env {
        return Vec::new();
    }
    let name = env.name.clone();
    app.env = selected;
    app.rate = None;
    app.fault = None;
    // The old answer (and its reset countdown) says nothing about the new environment, and a retry waiting for it
    // would now go elsewhere.
    app.response = None;
    if matches!(app.request, RequestState::Scheduled { .. }) {
        app.request = RequestState::Idle;
    }
    let mut fx = vec![Effect::SwitchEnv(name)];
    fx.extend(super::revalidate(app));
    fx
}
