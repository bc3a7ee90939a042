//! Keys while an overlay is open: help, environment switcher, confirmations.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::super::app::{App, Confirm, Overlay, RequestState};
use super::super::msg::Effect;
use super::{history, keys, send};

pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let Some(overlay) = app.overlay.clone() else { return Vec::new() };
    match overlay {
        Overlay::Help => {
            if matches!(k.code, KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::F(1) | KeyCode::Enter) {
                app.overlay = None;
            }
            Vec::new()
        }
        Overlay::Envs { selected } => envs(app, k, selected),
        Overlay::Confirm(c) => match k.code {
            // ㅛ and ㅜ are y and n on the 2-set Korean keyboard: no need to switch input mode to answer.
            KeyCode::Char('y' | 'Y' | 'ㅛ') | KeyCode::Enter => {
                app.overlay = None;
                confirmed(app, c)
            }
            KeyCode::Char('n' | 'N' | 'ㅜ') | KeyCode::Esc => {
                app.overlay = None;
                Vec::new()
            }
            _ => Vec::new(),
        },
    }
}

fn confirmed(app: &mut App, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::Discard { endpoint } => keys::load_endpoint(app, endpoint),
        Confirm::Reopen => history::reopen_confirmed(app),
        Confirm::SendFatal { .. } => send::send(app, true),
        Confirm::RetryUnsafe { .. } => send::retry_confirmed(app),
    }
}

fn envs(app: &mut App, k: KeyEvent, selected: usize) -> Vec<Effect> {
    let n = app.envs.len();
    let selected = match k.code {
        KeyCode::Up | KeyCode::Char('k') => selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => (selected + 1).min(n.saturating_sub(1)),
        KeyCode::Esc | KeyCode::F(4) | KeyCode::Char('q') => {
            app.overlay = None;
            return Vec::new();
        }
        KeyCode::Enter => {
            app.overlay = None;
            let Some(env) = app.envs.get(selected) else { return Vec::new() };
            let name = env.name.clone();
            if selected != app.env {
                app.env = selected;
                app.rate = None;
                app.fault = None;
                // The old answer (and its reset countdown) says nothing about the new environment, and a retry
                // waiting for it would now go elsewhere.
                app.response = None;
                if matches!(app.request, RequestState::Scheduled { .. }) {
                    app.request = RequestState::Idle;
                }
                let mut fx = vec![Effect::SwitchEnv(name)];
                fx.extend(super::revalidate(app));
                return fx;
            }
            return Vec::new();
        }
        _ => selected,
    };
    app.overlay = Some(Overlay::Envs { selected });
    Vec::new()
}
