//! The request editor: keys, paste, live validation, diagnostics navigation.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{Input, Key};

use super::super::app::{App, Focus};
use super::super::editor::INLINE_VALIDATE_BYTES;
use super::super::keymap::{Action, Step};
use super::super::layout;
use super::super::msg::Effect;
use super::text_arc;

/// A key typed into the editor.
pub(super) fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    input(app, Input::from(k))
}

/// Familiar undo (Ctrl-Z) and redo (Ctrl-Y) on top of the text area's emacs-style keys (Ctrl-U, Ctrl-R).
pub(super) fn undo(app: &mut App, redo: bool) -> Vec<Effect> {
    input(app, Input { key: Key::Char(if redo { 'r' } else { 'u' }), ctrl: true, ..Default::default() })
}

fn input(app: &mut App, input: Input) -> Vec<Effect> {
    let changed = app.editor.input(input);
    follow_cursor(app);
    if changed { edited(app) } else { Vec::new() }
}

/// Whether the editor's request holds edits worth asking about before it is replaced: typed since it was loaded, or
/// different from the saved request it came from.
pub(super) fn has_edits(app: &App) -> bool {
    app.editor.is_dirty() || super::super::collection::unsaved(app)
}

pub(super) fn paste(app: &mut App, s: &str) -> Vec<Effect> {
    // An overlay has the keys: a paste goes to its field, if it has one, and never to the pane behind it.
    if matches!(app.overlay, Some(super::super::app::Overlay::AddUrl { .. })) {
        return super::overlay::url_text(app, None, s);
    }
    if matches!(&app.overlay, Some(super::super::app::Overlay::Requests(b)) if b.prompt.is_some()) {
        return super::saved::name_text(app, None, s);
    }
    if matches!(app.overlay, Some(super::super::app::Overlay::OpenFile { .. })) {
        return super::body_file::path_text(app, None, s);
    }
    if matches!(&app.overlay, Some(super::super::app::Overlay::Headers(h)) if h.typing.is_some()) {
        return super::headers::line_text(app, None, s);
    }
    if app.overlay.is_some() {
        return Vec::new();
    }
    if super::super::keymap::finding(app) {
        return super::find::paste(app, s);
    }
    if let Some(fx) = super::curl_paste::offer(app, s) {
        return fx;
    }
    paste_text(app, s)
}

/// Pasted text into the focused field, as it is.
pub(super) fn paste_text(app: &mut App, s: &str) -> Vec<Effect> {
    match app.focus {
        Focus::Editor => {
            let changed = app.editor.paste(s);
            follow_cursor(app);
            if changed { edited(app) } else { Vec::new() }
        }
        Focus::Url => {
            app.path.paste(s);
            let mut fx = revalidate(app);
            fx.push(Effect::SaveState(super::saved_state(app)));
            fx
        }
        _ => Vec::new(),
    }
}

/// Keeps the cursor inside the editor's window after a move or an edit.
pub(crate) fn follow_cursor(app: &mut App) {
    let r = layout::editor_text(app, layout::areas(app).editor);
    app.editor.follow_cursor(r.height as usize, r.width as usize);
}

/// After an edit: validate, and let the (debounced) saver keep the draft in case the process is killed.
pub(super) fn edited(app: &mut App) -> Vec<Effect> {
    super::find::refresh_editor(app);
    let mut fx = revalidate(app);
    fx.push(Effect::SaveState(super::saved_state(app)));
    fx
}

/// Leaving the path line (Enter, Esc): it may name another endpoint ([`follow_path`]); back to the body.
pub(super) fn settle_path(app: &mut App) -> Vec<Effect> {
    app.focus = Focus::Editor;
    if follow_path(app) {
        let mut fx = revalidate(app);
        fx.push(Effect::SaveState(super::saved_state(app)));
        return fx;
    }
    Vec::new()
}

/// When the path line names another catalog endpoint, that endpoint becomes the current one (its rules, header and
/// purpose), with the same method when the path has several; the body stays as it is. Runs when the path is
/// settled and before sending, not at every key: a half-typed path names other endpoints on the way. Whether it
/// switched (the caller revalidates).
pub(super) fn follow_path(app: &mut App) -> bool {
    let typed = app.path.text.trim();
    let path = typed.split('?').next().unwrap_or(typed);
    let current = app.current_endpoint();
    if !path.starts_with('/') || crate::request::path::params(&current.path, path).is_some() {
        return false;
    }
    let catalog = crate::catalog::endpoints();
    let found = catalog.resolve(&format!("{} {path}", current.method)).or_else(|| catalog.resolve(path));
    if let Some(r) = found.filter(|r| r.hint.is_none())
        && let Some(index) = catalog.endpoints.iter().position(|e| std::ptr::eq(e, r.endpoint))
    {
        app.endpoint = index;
        app.picker_selected = index;
        return true;
    }
    false
}

/// What the validator checks the body against: the endpoint, plus the query typed on the path line (a GET's
/// parameters may sit there as well as in the body).
pub(crate) fn validated_endpoint(app: &App) -> String {
    let e = app.current_endpoint();
    let (path, query) = app.path.text.trim().split_once('?').unwrap_or((app.path.text.trim(), ""));
    // The path line's own path whenever it is one: this endpoint's (its parameters are checked), or one naming no
    // endpoint ([`follow_path`] has switched to any it names), which the validator calls unknown. Else the catalog's.
    let path = if path.starts_with('/') { path.to_string() } else { e.path.clone() };
    match query.trim() {
        "" => format!("{} {path}", e.method),
        q => format!("{} {path}?{q}", e.method),
    }
}

/// Validates the current text: inline when small, else on a worker (the newest generation wins).
pub fn revalidate(app: &mut App) -> Vec<Effect> {
    let endpoint = validated_endpoint(app);
    let timezone = app.current_env().map(|e| e.timezone.clone()).unwrap_or_else(|| "UTC".into());
    let generation = app.editor.generation;
    if app.editor.text().len() <= INLINE_VALIDATE_BYTES {
        let report = check_now(app, &endpoint);
        app.editor.set_report(generation, report);
        app.diag_selected = app.diag_selected.min(app.editor.diagnostics().len().saturating_sub(1));
        Vec::new()
    } else {
        vec![Effect::Validate {
            generation,
            endpoint,
            text: text_arc(app.editor.text()),
            headers: headers(app),
            vars: app.vars.clone(),
            timezone,
            now: app.now,
        }]
    }
}

/// The editor's request checked here and now, its variables resolved (`endpoint`: the path line as validated).
pub(super) fn check_now(app: &App, endpoint: &str) -> crate::validate::Report {
    let timezone = app.current_env().map(|e| e.timezone.clone()).unwrap_or_else(|| "UTC".into());
    let ctx = crate::validate::Context::new(app.now, tz(&timezone)).with_lang(app.lang);
    crate::validate::check_with_variables(endpoint, app.editor.text(), &headers(app), &app.vars, &ctx)
}

/// The headers the request carries (a saved request's, an imported curl command's).
pub(super) fn headers(app: &App) -> Vec<(String, String)> {
    app.headers.clone()
}

/// A company time zone by IANA name; UTC when unknown.
pub fn tz(name: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Moves the editor cursor to the next or previous diagnostic.
pub(super) fn jump_diagnostic(app: &mut App, forward: bool) {
    if let Some(i) = app.editor.next_diagnostic(forward) {
        select_diagnostic(app, i);
    }
}

pub(super) fn select_diagnostic(app: &mut App, i: usize) {
    let Some(d) = app.editor.diagnostics().get(i) else { return };
    let (line, column) = (d.line, d.column);
    app.diag_selected = i;
    if !d.area.is_body() {
        // A problem of the path line's query or path: that is where to fix it.
        app.focus = Focus::Url;
        return;
    }
    app.editor.jump(line, column);
    app.focus = Focus::Editor;
    follow_cursor(app);
}

/// What the diagnostics list does with an action of its keymap context; `None` when it has no meaning there.
pub(super) fn diagnostics_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let n = app.editor.diagnostics().len();
    match action {
        Action::Move(Step::Up) => app.diag_selected = app.diag_selected.saturating_sub(1),
        Action::Move(Step::Down) => app.diag_selected = (app.diag_selected + 1).min(n.saturating_sub(1)),
        Action::Choose => select_diagnostic(app, app.diag_selected),
        _ => return None,
    }
    Some(Vec::new())
}
