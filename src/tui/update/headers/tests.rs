//! The headers editor through `update` (keys in, headers, draft and validation effects out), and as drawn.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::super::app::{App, Overlay};
use super::super::super::msg::{Effect, Msg};
use super::super::super::theme::Theme;
use super::super::update;
use crate::i18n::Lang;

fn app(lang: Lang, w: u16, h: u16) -> App {
    App::new(lang, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), w, h)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl_g(app: &mut App) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)))
}

fn typed(app: &mut App, text: &str) {
    update(app, Msg::Paste(text.into()));
}

fn error(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Headers(h)) => h.typing.as_ref().and_then(|l| l.error.clone()),
        other => panic!("{other:?}"),
    }
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| crate::tui::view::view(app, f)).unwrap();
    crate::tui::driver::screen_text(term.backend().buffer())
}

/// The draft is written (validation of a small body runs inline, so it returns no effect).
fn saves_draft(fx: &[Effect]) -> bool {
    fx.iter().any(|e| matches!(e, Effect::SaveState(_)))
}

#[test]
fn ctrl_g_adds_edits_and_removes_headers_each_kept_in_the_draft() {
    let mut app = app(Lang::En, 120, 32);
    assert!(ctrl_g(&mut app).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Headers(_))));
    // Add.
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "X-Trace: case-4411");
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.headers, [("X-Trace".to_string(), "case-4411".to_string())]);
    assert!(saves_draft(&fx), "{fx:?}");
    assert!(fx.iter().any(|e| matches!(e, Effect::SaveState(s) if s.headers == app.headers)), "{fx:?}");
    // A second, then edit the first: Enter puts it in the field, the typed text replaces it.
    key(&mut app, KeyCode::Char('+'));
    typed(&mut app, "X-Request-Id: r-1");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    match &app.overlay {
        Some(Overlay::Headers(h)) => assert_eq!(h.typing.as_ref().unwrap().input.text, "X-Trace: case-4411"),
        other => panic!("{other:?}"),
    }
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.headers[0], ("X-Trace".to_string(), "case-44112".to_string()));
    assert_eq!(app.headers.len(), 2);
    // Remove the selected one.
    let fx = key(&mut app, KeyCode::Char('d'));
    assert!(saves_draft(&fx), "{fx:?}");
    assert_eq!(app.headers, [("X-Request-Id".to_string(), "r-1".to_string())]);
    // Esc closes.
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn refused_headers_say_why_and_keep_the_field() {
    let mut app = app(Lang::En, 120, 32);
    ctrl_g(&mut app);
    key(&mut app, KeyCode::Char('a'));
    for (text, why) in [
        ("no colon here", "Name: value"),
        ("Authorization: Bearer abc", "brazen sets Authorization itself"),
        ("X Trace: 1", "not a header name"),
        ("X-Gateway-Token: s3cr3t-value", "carries a credential"),
    ] {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        if let Some(Overlay::Headers(h)) = app.overlay.as_mut() {
            h.typing.as_mut().unwrap().input = crate::tui::line_input::LineInput::default();
        }
        typed(&mut app, text);
        assert!(key(&mut app, KeyCode::Enter).is_empty(), "{text}");
        assert!(error(&app).is_some_and(|e| e.contains(why)), "{text}: {:?}", error(&app));
        assert!(app.headers.is_empty());
    }
    // A credential as a secret variable is fine; a second header of the same name is refused.
    if let Some(Overlay::Headers(h)) = app.overlay.as_mut() {
        h.typing.as_mut().unwrap().input = crate::tui::line_input::LineInput::default();
    }
    typed(&mut app, "X-Gateway-Token: {{gateway_token}}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.headers.len(), 1);
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "x-gateway-token: {{other}}");
    key(&mut app, KeyCode::Enter);
    assert!(error(&app).is_some_and(|e| e.contains("already there")), "{:?}", error(&app));
    // Esc leaves the field, not the editor.
    key(&mut app, KeyCode::Esc);
    assert!(matches!(&app.overlay, Some(Overlay::Headers(h)) if h.typing.is_none()));
}

/// A credential written out (an older saved file) shows masked, and editing it never puts it back on screen.
#[test]
fn the_editor_draws_names_values_and_masks_a_written_out_credential() {
    for (lang, w, h) in [(Lang::En, 80, 24), (Lang::Ko, 80, 24), (Lang::En, 160, 48)] {
        let mut app = app(lang, w, h);
        app.headers = vec![
            ("X-Trace".into(), "case-4411".into()),
            ("X-Gateway-Token".into(), "gw-0123456789-secret".into()),
            ("X-Request-Id".into(), "{{request_id}}".into()),
        ];
        ctrl_g(&mut app);
        key(&mut app, KeyCode::Down);
        let shown = screen(&app);
        assert!(!shown.contains("0123456789"), "{shown}");
        assert!(shown.contains("case-4411") && shown.contains("{{request_id}}"), "{shown}");
        insta::assert_snapshot!(format!("headers_{lang:?}_{w}x{h}").to_lowercase(), shown);
        key(&mut app, KeyCode::Enter);
        let editing = screen(&app);
        assert!(!editing.contains("0123456789") && editing.contains("X-Gateway-Token:"), "{editing}");
    }
    // None yet: says what brazen sends itself.
    let mut app = app(Lang::En, 80, 24);
    ctrl_g(&mut app);
    assert!(screen(&app).contains("No headers of its own"), "{}", screen(&app));
}
