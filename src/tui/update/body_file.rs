//! The request body as a whole: pretty-printed (Ctrl-P) or read from a file (Ctrl-O), each one edit that Ctrl-Z
//! undoes. The file is read by the runtime, at most the configured input cap.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, FileFor, Overlay};
use super::super::keymap::Action;
use super::super::line_input::LineInput;
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::{editing, toast};
use crate::i18n::fill;

/// Ctrl-P: the body re-indented in place, keys in their order; refused (with where) while it is not JSON.
pub(super) fn pretty(app: &mut App) -> Vec<Effect> {
    let text = app.editor.text();
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let why = format!("{}:{} {e}", e.line(), e.column());
        toast(app, fill(app.s().pretty_invalid, &[("why", &why)]), Tone::ClientError);
        return Vec::new();
    }
    let mut pretty = super::super::pretty::reindent(text);
    if !pretty.ends_with('\n') {
        pretty.push('\n');
    }
    // The re-indenter only moves whitespace between tokens; what it gives must still be the same JSON.
    if serde_json::from_str::<serde_json::Value>(&pretty).ok() != serde_json::from_str::<serde_json::Value>(text).ok() {
        toast(app, fill(app.s().pretty_invalid, &[("why", &"")]), Tone::ClientError);
        return Vec::new();
    }
    if !app.editor.replace_all(&pretty) {
        toast(app, app.s().pretty_already, Tone::Neutral);
        return Vec::new();
    }
    editing::follow_cursor(app);
    toast(app, app.s().pretty_done, Tone::Success);
    editing::edited(app)
}

/// Ctrl-O: asks for the file's path.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    app.overlay = Some(Overlay::OpenFile { input: LineInput::default(), error: None, purpose: FileFor::Body });
    Vec::new()
}

/// `i` in the history: asks for a bundle's path.
pub(super) fn open_bundle(app: &mut App) -> Vec<Effect> {
    app.overlay = Some(Overlay::OpenFile { input: LineInput::default(), error: None, purpose: FileFor::Bundle });
    Vec::new()
}

pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let Some(Overlay::OpenFile { input, purpose, .. }) = app.overlay.clone() else { return None };
    match action {
        Action::Back => {
            app.overlay = None;
            Some(Vec::new())
        }
        Action::Choose if input.text.trim().is_empty() => Some(Vec::new()),
        Action::Choose => Some(vec![match purpose {
            FileFor::Body => Effect::ReadBody(input.text.trim().to_string()),
            FileFor::Bundle => Effect::ImportBundle(input.text.trim().to_string()),
        }]),
        _ => None,
    }
}

/// The file arrived: it replaces the body as one edit. A failure stays in the field to fix the path.
pub(super) fn read(app: &mut App, path: String, text: Result<String, String>) -> Vec<Effect> {
    match text {
        Ok(text) => {
            // As a paste: one kind of line end, no tabs (the editor indents with spaces).
            let text = text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', "  ");
            if matches!(app.overlay, Some(Overlay::OpenFile { .. })) {
                app.overlay = None;
            }
            let size = crate::text::bytes::size(text.len() as u64, app.lang);
            app.editor.replace_all(&text);
            editing::follow_cursor(app);
            toast(
                app,
                fill(app.s().body_loaded, &[("size", &size), ("path", &crate::text::visible(&path))]),
                Tone::Success,
            );
            editing::edited(app)
        }
        Err(why) => {
            match app.overlay.as_mut() {
                Some(Overlay::OpenFile { error, .. }) => *error = Some(why),
                _ => toast(app, why, Tone::ClientError),
            }
            Vec::new()
        }
    }
}

/// A bundle was added to the history (`new`: not there before): the list shows it selected.
pub(super) fn bundle_imported(app: &mut App, id: i64, new: bool, origin: String) -> Vec<Effect> {
    if matches!(app.overlay, Some(Overlay::OpenFile { purpose: FileFor::Bundle, .. })) {
        app.overlay = None;
    }
    let template = if new { app.s().bundle_imported } else { app.s().bundle_already };
    toast(app, fill(template, &[("id", &id), ("origin", &crate::text::visible(&origin))]), Tone::Success);
    app.history.select = Some(id);
    vec![Effect::LoadHistory(super::history::query(app))]
}

/// A bundle could not be read or added: why, in the field to fix the path (or as a notice when it was closed).
pub(super) fn bundle_failed(app: &mut App, why: String) -> Vec<Effect> {
    match app.overlay.as_mut() {
        Some(Overlay::OpenFile { error, purpose: FileFor::Bundle, .. }) => *error = Some(why),
        _ => toast(app, why, Tone::ClientError),
    }
    Vec::new()
}

/// Typing or pasting into the path field.
pub(super) fn path_text(app: &mut App, k: Option<KeyEvent>, pasted: &str) -> Vec<Effect> {
    if let Some(Overlay::OpenFile { input, error, .. }) = app.overlay.as_mut()
        && input.take(k, pasted)
    {
        *error = None;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::i18n::Lang;
    use crate::tui::msg::Msg;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    fn app() -> App {
        App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32)
    }

    fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
        update(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
    }

    #[test]
    fn ctrl_p_pretty_prints_keeping_key_order_and_ctrl_z_undoes_it() {
        let mut app = app();
        let compact = "{\"z\": 1, \"a\": [1, {\"b\": \"x y\"}], \"e\": {}}";
        app.editor.load(compact);
        ctrl(&mut app, 'p');
        assert_eq!(
            app.editor.text(),
            "{\n  \"z\": 1,\n  \"a\": [\n    1,\n    {\n      \"b\": \"x y\"\n    }\n  ],\n  \"e\": {}\n}\n"
        );
        ctrl(&mut app, 'z');
        assert_eq!(app.editor.text(), compact, "one undo step");
        // Broken JSON is left alone, with where it breaks.
        app.editor.load("{\"a\": }");
        ctrl(&mut app, 'p');
        assert_eq!(app.editor.text(), "{\"a\": }");
        assert!(app.toast.as_ref().is_some_and(|t| t.text.contains("1:")), "{:?}", app.toast.as_ref().map(|t| &t.text));
    }

    #[test]
    fn ctrl_o_reads_a_file_into_the_body_as_one_undoable_edit() {
        let mut app = app();
        let before = app.editor.text().to_string();
        ctrl(&mut app, 'o');
        update(&mut app, Msg::Paste("bodies/welcome.json".into()));
        let fx = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(matches!(&fx[..], [Effect::ReadBody(p)] if p == "bodies/welcome.json"), "{fx:?}");
        update(&mut app, Msg::BodyRead { path: "bodies/welcome.json".into(), text: Err("no such file".into()) });
        assert!(matches!(&app.overlay, Some(Overlay::OpenFile { error: Some(e), .. }) if e == "no such file"));
        update(&mut app, Msg::BodyRead { path: "bodies/welcome.json".into(), text: Ok("{\r\n\t\"a\": 1\r\n}".into()) });
        assert!(app.overlay.is_none());
        assert_eq!(app.editor.text(), "{\n  \"a\": 1\n}");
        ctrl(&mut app, 'z');
        assert_eq!(app.editor.text(), before);
    }
}
