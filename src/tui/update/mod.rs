//! `update(&mut App, Msg) -> Vec<Effect>`: every state change happens here, and nothing here does IO.

mod body_file;
mod copy;
mod curl_paste;
mod diff;
pub(crate) use copy::row as copy_row;
mod editing;
mod endpoint;
mod entry;
mod find;
mod headers;
mod history;
mod keys;
mod mouse;
mod overlay;
mod replay;
mod response;
mod saved;
mod send;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use super::app::{App, Confirm, Focus, Overlay, RequestState, Toast};
use super::model::SavedState;
use super::msg::{Effect, Msg};
use super::theme::Tone;
use crate::i18n::fill;

pub use editing::{revalidate, tz};

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(k) => keys::key(app, k),
        Msg::Mouse(m) => mouse::mouse(app, m),
        Msg::Paste(s) => editing::paste(app, &s),
        Msg::Resize(w, h) => {
            app.width = w;
            app.height = h;
            editing::follow_cursor(app);
            Vec::new()
        }
        Msg::Clock(now) => clock(app, now),
        Msg::Envs { envs, current, config_file } => {
            app.env = envs.iter().position(|e| e.name == current).unwrap_or(0);
            app.envs = envs;
            app.config_file = config_file;
            revalidate(app)
        }
        Msg::EnvironmentAdded { name } => overlay::added(app, &name),
        Msg::Variables(vars) => {
            app.vars = vars;
            revalidate(app)
        }
        Msg::Requests { entries, root } => saved::listed(app, entries, root),
        Msg::RequestOpened { name, file, keep_workbench } => saved::opened(app, name, file, keep_workbench),
        Msg::RequestSaved { name, file } => saved::saved(app, name, file),
        Msg::RequestRenamed { from, to } => {
            let text = fill(app.s().request_renamed, &[("from", &from), ("to", &to)]);
            saved::changed(app, &from, Some(&to), text)
        }
        Msg::RequestDuplicated { name, copy } => {
            let text = fill(app.s().request_duplicated, &[("name", &name), ("copy", &copy)]);
            saved::changed(app, &copy, Some(&copy), text)
        }
        Msg::RequestDeleted { name } => {
            let text = fill(app.s().request_deleted, &[("name", &name)]);
            saved::changed(app, &name, None, text)
        }
        Msg::RequestFailed(why) => saved::failed(app, why),
        Msg::BodyRead { path, text } => body_file::read(app, path, text),
        Msg::BundleImported { id, new, origin } => body_file::bundle_imported(app, id, new, origin),
        Msg::BundleFailed(why) => body_file::bundle_failed(app, why),
        Msg::ReplayPlanned { ids, unsafe_count } => replay::planned(app, ids, unsafe_count),
        Msg::ReplayRefused(why) => {
            toast(app, why, Tone::ClientError);
            Vec::new()
        }
        Msg::ReplayStep { id, status } => replay::step(app, id, status),
        Msg::ReplayWaiting { id, until, why } => replay::waiting(app, id, until, why),
        Msg::ReplayDone { id, error } => replay::done(app, id, error),
        Msg::ExchangeDeleted { id } => history::deleted(app, id),
        Msg::Copied { label, bytes } => {
            let size = crate::text::bytes::size(bytes as u64, app.lang);
            toast(app, fill(app.s().copied, &[("what", &label), ("size", &size)]), Tone::Success);
            Vec::new()
        }
        Msg::Restored(state) => restore(app, state),
        Msg::Validated { generation, report } => {
            app.editor.set_report(generation, report);
            app.diag_selected = app.diag_selected.min(app.editor.diagnostics().len().saturating_sub(1));
            Vec::new()
        }
        Msg::Progress { id, progress } => send::progress(app, id, progress),
        Msg::Finished { id, exchange } => send::finished(app, id, *exchange),
        Msg::SendError { id, error } => send::error(app, id, error),
        Msg::BodyReady { seq, body } => {
            if let Some(r) = app.response.as_mut().filter(|r| r.seq == seq) {
                r.body = Some(body);
            } else if let Some(e) = app.history.open.as_mut().filter(|e| e.seq == seq) {
                e.body = Some(body);
            }
            Vec::new()
        }
        Msg::DiffReady { seq, diff } => diff::ready(app, seq, diff),
        Msg::HistoryLoaded { query, rows } => history::loaded(app, query, rows),
        Msg::ExchangeLoaded { id, exchange } => history::exchange_loaded(app, id, exchange),
        Msg::Exported { path } => {
            let text = crate::i18n::fill(app.s().exported_to, &[("path", &path.display())]);
            toast(app, text, Tone::Success);
            Vec::new()
        }
        Msg::Failed(e) => {
            toast(app, e, Tone::ClientError);
            Vec::new()
        }
        Msg::HistoryUnavailable(e) => {
            let text = crate::i18n::fill(app.s().history_unavailable, &[("error", &e)]);
            toast(app, text.clone(), Tone::ClientError);
            app.history.unavailable = Some(text);
            Vec::new()
        }
        // A signal cannot be asked a question: quit now (the draft keeps unsaved changes).
        Msg::Terminate => quit_now(app),
    }
}

fn clock(app: &mut App, now: jiff::Timestamp) -> Vec<Effect> {
    app.now = now;
    if app.toast.as_ref().is_some_and(|t| t.until <= now) {
        app.toast = None;
    }
    if let RequestState::Scheduled { at, .. } = &app.request
        && *at <= now
    {
        app.request = RequestState::Idle;
        return send::send(app, true);
    }
    Vec::new()
}

fn restore(app: &mut App, state: SavedState) -> Vec<Effect> {
    let catalog = crate::catalog::endpoints();
    let Some(r) = catalog.resolve(&state.endpoint) else { return Vec::new() };
    let Some(index) = catalog.endpoints.iter().position(|e| std::ptr::eq(e, r.endpoint)) else { return Vec::new() };
    app.load_endpoint(index);
    if !state.path.is_empty() {
        app.path.set(&state.path);
    }
    if !state.draft.is_empty() {
        // The baseline stays the template: a restored draft counts as edits worth asking about.
        app.editor.load(app.current_endpoint().template_body());
        app.editor.load_keep_baseline(&state.draft);
    }
    app.headers = state.headers;
    let mut fx = revalidate(app);
    if !state.saved_request.is_empty() {
        // The draft stays; its saved request is read back as the baseline that says what is unsaved.
        fx.push(Effect::OpenRequest { name: state.saved_request, keep_workbench: true });
    }
    fx
}

use editing::has_edits;

pub(crate) fn toast(app: &mut App, text: impl Into<String>, tone: Tone) {
    let until = app.now.checked_add(jiff::SignedDuration::from_secs(5)).unwrap_or(app.now);
    app.toast = Some(Toast { text: text.into(), tone, until });
    // A long notice takes rows from the panes (`layout`): the cursor's line must stay in view.
    editing::follow_cursor(app);
}

pub fn saved_state(app: &App) -> SavedState {
    SavedState {
        endpoint: app.current_endpoint().key().to_string(),
        path: app.path.text.clone(),
        draft: app.editor.text().to_string(),
        environment: app.current_env().map(|e| e.name.clone()).unwrap_or_default(),
        saved_request: app.saved.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        headers: app.headers.clone(),
    }
}

/// Quits, asking first when the saved request the editor holds has unsaved changes.
pub(crate) fn quit(app: &mut App) -> Vec<Effect> {
    // Asked once: the quit key again (a second Ctrl-C) answers yes.
    if matches!(app.overlay, Some(Overlay::Confirm(Confirm::QuitUnsaved { .. } | Confirm::QuitSending { .. }))) {
        return quit_now(app);
    }
    if let RequestState::Sending(f) = &app.request {
        app.overlay = Some(Overlay::Confirm(Confirm::QuitSending { label: f.label.clone() }));
        return Vec::new();
    }
    if let Some(name) = saved::unsaved_name(app) {
        app.overlay = Some(Overlay::Confirm(Confirm::QuitUnsaved { name }));
        return Vec::new();
    }
    quit_now(app)
}

/// Quits: cancels what is in flight and writes the draft.
pub(crate) fn quit_now(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    let mut fx = Vec::new();
    if let RequestState::Sending(f) = &app.request {
        fx.push(Effect::Cancel { id: f.id });
    }
    fx.push(Effect::SaveState(saved_state(app)));
    fx.push(Effect::Quit);
    fx
}

/// Focus order of the workbench; the endpoint list takes part only when it is a pane, the card only when it has
/// more lines than its pane shows (else there is nothing to do there).
pub(crate) fn focus_order(app: &App) -> Vec<Focus> {
    let mut v = Vec::new();
    if app.width >= super::layout::WIDE {
        v.push(Focus::Picker);
    }
    v.extend([Focus::Url, Focus::Editor, Focus::Diagnostics]);
    if super::layout::card_overflow(app) > 0 || app.focus == Focus::Card {
        v.push(Focus::Card);
    }
    v.push(Focus::Response);
    v
}

/// A scroll position moved by `delta` within `0..=max`; a position past `max` (the view shrank since) counts from
/// `max`, so the first step back is seen at once.
pub(crate) fn scrolled(at: usize, delta: isize, max: usize) -> usize {
    at.min(max).saturating_add_signed(delta).min(max)
}

pub(crate) fn text_arc(s: &str) -> Arc<str> {
    Arc::from(s)
}
