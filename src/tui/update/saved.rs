//! Saved requests (F9): the collection overlay's keys, the names typed for save-as and rename, and what the
//! runtime reports back. Opening another request over unsaved changes, deleting, and quitting with unsaved changes
//! ask first. Which key means what is the keymap's; the files are the runtime's.

use super::super::app::{App, Confirm, Focus, Overlay};
use super::super::collection::{self, Browser, Entry, NameFor, Prompt, Saved};
use super::super::keymap::{Action, Step};
use super::super::line_input::LineInput;
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::{editing, saved_state, toast};
use crate::i18n::fill;
use crate::request::RequestFile;

/// F9: the overlay, loading.
pub(super) fn open_browser(app: &mut App) -> Vec<Effect> {
    app.overlay = Some(Overlay::Requests(Browser::default()));
    vec![Effect::ListRequests]
}

/// Runs a collection action; `None` when the overlay has no use for it.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let Some(Overlay::Requests(mut b)) = app.overlay.clone() else { return None };
    if let Some(p) = b.prompt.clone() {
        return match action {
            Action::Back => {
                b.prompt = None;
                app.overlay = Some(Overlay::Requests(b));
                Some(Vec::new())
            }
            Action::Choose => Some(submit(app, b, p)),
            _ => None,
        };
    }
    let selected = b.selected_entry().cloned();
    match action {
        Action::Back => app.overlay = None,
        Action::Move(step) => {
            let last = b.entries.len().saturating_sub(1);
            b.selected = match step {
                Step::Up => b.selected.saturating_sub(1),
                Step::Down => (b.selected + 1).min(last),
                _ => return None,
            };
            app.overlay = Some(Overlay::Requests(b));
        }
        Action::Choose => return Some(selected.map(|e| open(app, &e)).unwrap_or_default()),
        Action::SaveRequest => return Some(save(app, b)),
        Action::SaveRequestAs => {
            let suggested = app.saved.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| suggest(app));
            b.prompt = Some(Prompt { action: NameFor::SaveAs, input: LineInput::new(&suggested), error: None });
            app.overlay = Some(Overlay::Requests(b));
        }
        Action::RenameRequest => {
            let Some(e) = selected else { return Some(Vec::new()) };
            b.prompt = Some(Prompt {
                action: NameFor::Rename { from: e.name.clone() },
                input: LineInput::new(&e.name),
                error: None,
            });
            app.overlay = Some(Overlay::Requests(b));
        }
        Action::DuplicateRequest => {
            return Some(selected.map(|e| vec![Effect::DuplicateRequest(e.name)]).unwrap_or_default());
        }
        Action::DeleteRequest => {
            let Some(e) = selected else { return Some(Vec::new()) };
            app.overlay = Some(Overlay::Confirm(Confirm::DeleteRequest { name: e.name }));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// A name for an unnamed request: its endpoint's path without its parameters (`messages-send`).
fn suggest(app: &App) -> String {
    let path = &app.current_endpoint().path;
    path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{')).collect::<Vec<_>>().join("-")
}

/// `s`: writes the request under its name; an unnamed request asks for one first.
fn save(app: &mut App, mut b: Browser) -> Vec<Effect> {
    let Some(name) = app.saved.as_ref().map(|s| s.name.clone()) else {
        b.prompt = Some(Prompt { action: NameFor::SaveAs, input: LineInput::new(&suggest(app)), error: None });
        app.overlay = Some(Overlay::Requests(b));
        return Vec::new();
    };
    match collection::file_to_save(app) {
        Ok(file) => vec![Effect::SaveRequest { name, file, new: false }],
        Err(e) => {
            toast(app, fill(app.s().request_unsavable, &[("why", &e)]), Tone::ClientError);
            Vec::new()
        }
    }
}

/// Enter on a typed name: checked by the collection's naming rules here, so a mistake is said at once; the
/// runtime says the rest (a name taken, a disk error) in the same place.
fn submit(app: &mut App, mut b: Browser, mut p: Prompt) -> Vec<Effect> {
    let typed = p.input.text.trim();
    let name = typed.strip_suffix(&format!(".{}", crate::request::name::EXTENSION)).unwrap_or(typed).to_string();
    if let Err(e) = crate::request::name::check(&name) {
        p.error = Some(fill(app.s().request_bad_name, &[("name", &name), ("reason", &e.to_string())]));
        b.prompt = Some(p);
        app.overlay = Some(Overlay::Requests(b));
        return Vec::new();
    }
    let fx = match &p.action {
        NameFor::Rename { from } if *from == name => Vec::new(),
        NameFor::Rename { from } => vec![Effect::RenameRequest { from: from.clone(), to: name }],
        NameFor::SaveAs => match collection::file_to_save(app) {
            Ok(file) => vec![Effect::SaveRequest { name, file, new: true }],
            Err(e) => {
                p.error = Some(fill(app.s().request_unsavable, &[("why", &e)]));
                b.prompt = Some(p);
                app.overlay = Some(Overlay::Requests(b));
                return Vec::new();
            }
        },
    };
    // The prompt stays until the runtime answers: a refusal is shown under the name typed.
    b.prompt = Some(p);
    app.overlay = Some(Overlay::Requests(b));
    fx
}

/// Enter on a row: a broken file says why; unsaved changes ask first.
fn open(app: &mut App, e: &Entry) -> Vec<Effect> {
    if let Some(why) = &e.error {
        toast(app, why.clone(), Tone::ClientError);
        return Vec::new();
    }
    if let Some(unsaved) = unsaved_name(app) {
        app.overlay = Some(Overlay::Confirm(Confirm::OpenOverUnsaved { name: e.name.clone(), unsaved }));
        return Vec::new();
    }
    if app.saved.is_none() && app.editor.is_dirty() {
        // An unnamed draft is about to be replaced: the usual question.
        app.overlay = Some(Overlay::Confirm(Confirm::OpenOverUnsaved { name: e.name.clone(), unsaved: String::new() }));
        return Vec::new();
    }
    app.overlay = None;
    vec![Effect::OpenRequest { name: e.name.clone(), keep_workbench: false }]
}

/// The name of the saved request the editor holds when it has unsaved changes.
pub(super) fn unsaved_name(app: &App) -> Option<String> {
    collection::unsaved(app).then(|| app.saved.as_ref().map(|s| s.name.clone())).flatten()
}

/// The answers to the collection's questions.
pub(super) fn confirmed(app: &mut App, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::DeleteRequest { name } => {
            app.overlay = Some(Overlay::Requests(Browser::default()));
            vec![Effect::DeleteRequest(name)]
        }
        Confirm::OpenOverUnsaved { name, .. } => vec![Effect::OpenRequest { name, keep_workbench: false }],
        Confirm::QuitUnsaved { .. } => super::quit_now(app),
        _ => Vec::new(),
    }
}

/// The runtime's list: kept in the overlay if it is still open, the selection on the request the editor holds.
pub(super) fn listed(app: &mut App, entries: Vec<Entry>, root: String) -> Vec<Effect> {
    if let Some(Overlay::Requests(b)) = app.overlay.as_mut() {
        let current = app.saved.as_ref().map(|s| s.name.as_str());
        let keep = b.select.take().or_else(|| b.selected_entry().map(|e| e.name.clone()));
        b.selected = keep
            .as_deref()
            .or(current)
            .and_then(|n| entries.iter().position(|e| e.name == n))
            .unwrap_or(0)
            .min(entries.len().saturating_sub(1));
        b.entries = entries;
        b.root = root;
        b.loaded = true;
    }
    Vec::new()
}

/// A saved request arrives: into the workbench (its endpoint, path line and body), or, restoring a restart's
/// draft, only as the baseline.
pub(super) fn opened(app: &mut App, name: String, file: RequestFile, keep_workbench: bool) -> Vec<Effect> {
    if keep_workbench {
        app.headers = file.headers.clone();
        app.saved = Some(Saved { name, file });
        return Vec::new();
    }
    let catalog = crate::catalog::endpoints();
    let found = catalog
        .resolve(&format!("{} {}", file.method, file.path))
        .and_then(|r| catalog.endpoints.iter().position(|e| std::ptr::eq(e, r.endpoint)));
    if let Some(index) = found {
        app.load_endpoint(index);
        app.picker_selected = index;
    }
    let (path, body) = collection::workbench_text(&file);
    app.path.set(&path);
    app.editor.load(&body);
    app.headers = file.headers.clone();
    let text = if found.is_some() {
        fill(app.s().request_opened, &[("name", &name)])
    } else {
        fill(app.s().unknown_endpoint, &[("endpoint", &format!("{} {}", file.method, file.path))])
    };
    app.saved = Some(Saved { name, file });
    app.replay_of = None;
    app.focus = Focus::Editor;
    app.diag_selected = 0;
    toast(app, text, if found.is_some() { Tone::Neutral } else { Tone::ClientError });
    let mut fx = editing::revalidate(app);
    fx.push(Effect::SaveState(saved_state(app)));
    fx
}

/// Saved: the baseline is what the file now holds; the overlay closes.
pub(super) fn saved(app: &mut App, name: String, file: RequestFile) -> Vec<Effect> {
    toast(app, fill(app.s().request_saved, &[("name", &name)]), Tone::Success);
    app.saved = Some(Saved { name, file });
    if matches!(app.overlay, Some(Overlay::Requests(_))) {
        app.overlay = None;
    }
    vec![Effect::SaveState(saved_state(app))]
}

/// Renamed, duplicated or deleted: the list again, and the editor's request follows its file.
pub(super) fn changed(app: &mut App, from: &str, to: Option<&str>, text: String) -> Vec<Effect> {
    if let Some(s) = app.saved.as_mut().filter(|s| s.name == from) {
        match to {
            Some(to) => s.name = to.to_string(),
            // Deleted: the editor keeps the request, unnamed (the draft keeps it across restarts).
            None => app.saved = None,
        }
    }
    if let Some(Overlay::Requests(b)) = app.overlay.as_mut() {
        b.prompt = None;
        // Select the renamed request or the new copy once the list comes back.
        b.select = to.map(str::to_string);
    }
    toast(app, text, Tone::Success);
    vec![Effect::ListRequests, Effect::SaveState(saved_state(app))]
}

/// A collection operation failed: under the name being typed, else in the status bar.
pub(super) fn failed(app: &mut App, why: String) -> Vec<Effect> {
    if let Some(Overlay::Requests(Browser { prompt: Some(p), .. })) = app.overlay.as_mut() {
        p.error = Some(crate::text::visible(&why).into_owned());
    } else {
        toast(app, why, Tone::ClientError);
    }
    Vec::new()
}

/// Typing or pasting into the name field.
pub(super) fn name_text(app: &mut App, k: Option<ratatui::crossterm::event::KeyEvent>, pasted: &str) -> Vec<Effect> {
    if let Some(Overlay::Requests(Browser { prompt: Some(p), .. })) = app.overlay.as_mut()
        && p.input.take(k, pasted)
    {
        p.error = None;
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
