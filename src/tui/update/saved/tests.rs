//! `update` alone for saved requests: keys and the runtime's answers in, the state and the effects checked.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::super::app::{App, Confirm, Overlay};
use super::super::super::collection::{Entry, Saved};
use super::super::super::msg::{Effect, Msg};
use super::super::super::theme::Theme;
use super::super::update;
use crate::i18n::Lang;
use crate::request::RequestFile;

fn app() -> App {
    App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn entry(name: &str, error: Option<&str>) -> Entry {
    Entry {
        name: name.into(),
        method: "POST".into(),
        path: "/messages/send".into(),
        environment: None,
        note: String::new(),
        error: error.map(str::to_string),
    }
}

fn browser(app: &App) -> &super::Browser {
    match &app.overlay {
        Some(Overlay::Requests(b)) => b,
        other => panic!("{other:?}"),
    }
}

#[test]
fn f9_lists_and_a_name_typed_for_an_unnamed_request_is_checked_then_saved_as_new() {
    let mut app = app();
    assert!(matches!(&key(&mut app, KeyCode::F(9))[..], [Effect::ListRequests]));
    update(&mut app, Msg::Requests { entries: vec![entry("broken", Some("line 1: bad"))], root: "/r".into() });
    assert!(browser(&app).loaded);
    // A broken row opens nothing and says why.
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(app.toast.as_ref().is_some_and(|t| t.text == "line 1: bad"));
    assert!(key(&mut app, KeyCode::Char('s')).is_empty());
    assert_eq!(browser(&app).prompt.as_ref().unwrap().input.text, "messages-send");
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    for c in "a/../b".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "refused before the runtime sees it");
    assert!(browser(&app).prompt.as_ref().unwrap().error.is_some());
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    update(&mut app, Msg::Paste("team/welcome.http".into()));
    let fx = key(&mut app, KeyCode::Enter);
    let [Effect::SaveRequest { name, file, new: true }] = &fx[..] else { panic!("{fx:?}") };
    assert_eq!((name.as_str(), file.path.as_str()), ("team/welcome", "/messages/send"));
    // A refusal from the runtime shows under the name; a success names the request and closes the overlay.
    update(&mut app, Msg::RequestFailed("team/welcome.http already exists".into()));
    assert_eq!(browser(&app).prompt.as_ref().unwrap().error.as_deref(), Some("team/welcome.http already exists"));
    let file = file.clone();
    update(&mut app, Msg::RequestSaved { name: "team/welcome".into(), file });
    assert!(app.overlay.is_none());
    assert_eq!(app.saved.as_ref().unwrap().name, "team/welcome");
}

#[test]
fn quitting_and_replacing_ask_only_when_there_are_unsaved_changes() {
    let mut app = app();
    let file = RequestFile::parse("POST /messages/send\n\n{}\n").unwrap();
    let fx = update(&mut app, Msg::RequestOpened { name: "a".into(), file: file.clone(), keep_workbench: false });
    assert!(fx.iter().any(|e| matches!(e, Effect::SaveState(s) if s.saved_request == "a")), "{fx:?}");
    assert_eq!(app.editor.text(), "{}\n");
    // Clean: Ctrl-C quits.
    let mut clean = self::app();
    update(&mut clean, Msg::RequestOpened { name: "a".into(), file: file.clone(), keep_workbench: false });
    update(&mut clean, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert!(clean.quit);
    // Edited: Ctrl-C asks, and a signal quits without asking.
    app.editor.load("{\"x\": 1}\n");
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert!(!app.quit);
    assert!(matches!(&app.overlay, Some(Overlay::Confirm(Confirm::QuitUnsaved { name })) if name == "a"));
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::F(9));
    update(&mut app, Msg::Requests { entries: vec![entry("a", None), entry("b", None)], root: "/r".into() });
    key(&mut app, KeyCode::Down);
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(Confirm::OpenOverUnsaved { name, unsaved })) if name == "b" && unsaved == "a")
    );
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(matches!(&fx[..], [Effect::OpenRequest { name, keep_workbench: false }] if name == "b"), "{fx:?}");
    update(&mut app, Msg::Terminate);
    assert!(app.quit);
}

#[test]
fn a_restart_restores_the_name_as_the_baseline_without_replacing_the_draft() {
    let mut app = app();
    app.editor.load("{\"edited\": true}\n");
    let file = RequestFile::parse("POST /messages/send\n\n{}\n").unwrap();
    update(&mut app, Msg::RequestOpened { name: "a".into(), file: file.clone(), keep_workbench: true });
    assert_eq!(app.editor.text(), "{\"edited\": true}\n");
    assert_eq!(app.saved, Some(Saved { name: "a".into(), file }));
    assert!(super::super::super::collection::unsaved(&app));
    // Deleting the request the editor holds leaves it unnamed; renaming it follows.
    update(&mut app, Msg::RequestRenamed { from: "a".into(), to: "b".into() });
    assert_eq!(app.saved.as_ref().unwrap().name, "b");
    update(&mut app, Msg::RequestDeleted { name: "b".into() });
    assert!(app.saved.is_none());
}
