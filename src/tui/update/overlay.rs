//! What keys do while an overlay is open: help, environment switcher, confirmations. Which key means what is the
//! keymap's (`tui::keymap`); this module only knows the overlays.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Confirm, Overlay, RequestState};
use super::super::keymap::{Action, Step};
use super::super::line_input::LineInput;
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::{endpoint, history, send};
use crate::i18n::fill;

/// Runs an overlay's action; `None` when the open overlay has no use for it.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let overlay = app.overlay.clone()?;
    match (overlay, action) {
        (Overlay::Confirm(Confirm::ImportCurl(c)), Action::No) => {
            app.overlay = None;
            Some(super::curl_paste::decline(app, *c))
        }
        (Overlay::Help { .. } | Overlay::Envs { .. }, Action::Back) | (Overlay::Confirm(_), Action::No) => {
            app.overlay = None;
            Some(Vec::new())
        }
        (Overlay::Help { scroll }, Action::Move(step)) => {
            let page = app.height.saturating_sub(8).max(1) as isize;
            let (down, _) = super::super::keymap::scroll_of(step, page);
            let most = super::super::layout::help_overflow(app);
            let scroll = scroll.saturating_add_signed(down).min(most);
            app.overlay = Some(Overlay::Help { scroll });
            Some(Vec::new())
        }
        (Overlay::Envs { .. }, Action::AddEnvironment) => {
            app.overlay = Some(Overlay::AddUrl { input: LineInput::new("https://"), error: None });
            Some(Vec::new())
        }
        (Overlay::AddUrl { .. }, Action::Back) => {
            app.overlay = Some(Overlay::Envs { selected: app.env });
            Some(Vec::new())
        }
        (Overlay::AddUrl { input, .. }, Action::Choose) => {
            app.overlay = Some(check_url(app, input));
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
        c @ (Confirm::DeleteRequest { .. } | Confirm::OpenOverUnsaved { .. } | Confirm::QuitUnsaved { .. }) => {
            super::saved::confirmed(app, c)
        }
        Confirm::ImportCurl(c) => super::curl_paste::accept(app, *c),
        Confirm::QuitSending { .. } => super::quit_now(app),
        Confirm::Replay { ids, .. } => super::replay::confirmed(app, ids),
        Confirm::DeleteExchange { id } => vec![Effect::DeleteExchange(id)],
        Confirm::SaveUrl { name, url } => {
            let current = app.current_env().map(|e| e.name.clone()).unwrap_or_default();
            vec![Effect::AddEnvironment { name, url, current }]
        }
    }
}

/// The URL typed in F4, checked as the config loader checks one: refused with the reason (the field keeps the
/// text), or the question whether to save it under a name no environment has.
fn check_url(app: &App, input: LineInput) -> Overlay {
    let refuse = |error: String| Overlay::AddUrl { input: input.clone(), error: Some(error) };
    let s = app.s();
    let url = match crate::config::check_base_url(&input.text) {
        Ok(url) => url,
        Err(e) => {
            use crate::config::UrlProblem as P;
            return refuse(match e {
                P::NotUrl(why) => fill(s.url_not_url, &[("why", &why)]),
                P::Scheme => s.url_scheme.to_string(),
                P::QueryOrFragment => s.url_query.to_string(),
                P::Credentials => s.url_credentials.to_string(),
            });
        }
    };
    if let Some(e) = app.envs.iter().find(|e| e.url.as_deref().is_some_and(|u| u.trim_end_matches('/') == url)) {
        return refuse(fill(s.add_url_same, &[("url", &url), ("name", &e.name)]));
    }
    let taken: Vec<&str> = app.envs.iter().map(|e| e.name.as_str()).collect();
    let name = crate::config::name_for_url(&url, &taken);
    Overlay::Confirm(Confirm::SaveUrl { name, url })
}

/// Typing or pasting into the custom-URL field; a new character clears the last refusal.
pub(super) fn url_text(app: &mut App, k: Option<KeyEvent>, pasted: &str) -> Vec<Effect> {
    if let Some(Overlay::AddUrl { input, error }) = app.overlay.as_mut()
        && input.take(k, pasted)
    {
        *error = None;
    }
    Vec::new()
}

/// The runtime saved the environment: switch to it and say where it went.
pub(super) fn added(app: &mut App, name: &str) -> Vec<Effect> {
    let Some(at) = app.envs.iter().position(|e| e.name == name) else { return Vec::new() };
    let text = fill(app.s().add_url_added, &[("name", &name), ("file", &app.config_file)]);
    let fx = switch_env(app, at);
    super::toast(app, text, Tone::Success);
    fx
}

pub(super) fn switch_env(app: &mut App, selected: usize) -> Vec<Effect> {
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
