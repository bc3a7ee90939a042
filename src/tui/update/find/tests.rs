//! Finding text through `update`: in the answer's body, the request editor and an opened history exchange.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::i18n::Lang;
use crate::tui::msg::Msg;
use crate::tui::theme::Theme;
use crate::tui::update::update;

fn app_with_body(body: &str) -> App {
    let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32);
    let answer = crate::history::fixtures::Answer::Http { status: 200, body: body.to_string() };
    let ex = crate::history::fixtures::exchange("GET", "/campaigns/list", "", answer, app.now);
    app.response = Some(crate::tui::app::ResponseView {
        exchange: Arc::new(ex),
        received: app.now,
        body: Some(Arc::new(crate::tui::pretty::BodyLines::plain(body))),
        seq: 7,
        detail: Detail::Body,
        scroll: 0,
        hscroll: 0,
        card_scroll: 0,
    });
    app.focus = Focus::Response;
    app
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn slash_finds_as_typed_enter_keeps_n_steps_and_esc_clears() {
    let body: String = (0..200).map(|i| format!("line {i} {}\n", if i % 50 == 7 { "needle" } else { "hay" })).collect();
    let mut app = app_with_body(&body);
    key(&mut app, KeyCode::Char('/'));
    for c in "needle".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let f = app.find.as_ref().unwrap();
    assert_eq!((f.search.matches.len(), f.search.current), (4, 0));
    assert!(app.response.as_ref().unwrap().scroll <= 7);
    key(&mut app, KeyCode::Enter);
    assert!(!app.find.as_ref().unwrap().typing);
    // `n` now steps (it is no longer typed into the query).
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.find.as_ref().unwrap().search.current, 2);
    let scroll = app.response.as_ref().unwrap().scroll;
    assert!(scroll <= 107 && 107 < scroll + 30, "line 107 in view from {scroll}");
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(app.find.as_ref().unwrap().search.current, 1);
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Esc);
    assert!(app.find.is_none());
}

/// The first `n` characters of `text` on screen are drawn marked (reversed or selected), the character after
/// them is not.
fn assert_marked(app: &App, text: &str, n: u16) {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| crate::tui::view::view(app, f)).unwrap();
    let buf = term.backend().buffer();
    let rows: Vec<String> = crate::tui::driver::screen_text(buf).lines().map(str::to_string).collect();
    let (y, line) = rows.iter().enumerate().find(|(_, l)| l.contains(text)).expect("on screen");
    let x = unicode_width::UnicodeWidthStr::width(&line[..line.find(text).unwrap()]) as u16;
    let marked = |x: u16| {
        let c = &buf[(x, y as u16)];
        c.modifier.contains(ratatui::style::Modifier::REVERSED) || c.bg != ratatui::style::Color::Reset
    };
    assert!((x..x + n).all(marked), "{text:?} is marked");
    assert!(!marked(x + n), "only the match is marked");
}

fn screen(app: &App) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| crate::tui::view::view(app, f)).unwrap();
    crate::tui::driver::screen_text(term.backend().buffer())
}

/// Issue 14 §4: Ctrl-F in the editor finds in the request body, moves the cursor to each match (↓ ↑ while
/// typing), marks them and counts; an edit finds them again where they now are; Esc clears.
#[test]
fn ctrl_f_finds_in_the_editor_and_follows_edits() {
    for lang in [Lang::En, Lang::Ko] {
        let mut app = App::new(lang, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 80, 24);
        app.editor.load("{\n  \"a\": \"Hello\",\n  \"b\": \"hello again\",\n  \"c\": 1\n}\n");
        app.focus = Focus::Editor;
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL)));
        update(&mut app, Msg::Paste("hello".into()));
        let f = app.find.as_ref().unwrap();
        assert_eq!(f.search.matches.len(), 2, "smart case: both");
        assert_eq!(app.editor.cursor(), (1, 8), "the cursor is on the first match");
        key(&mut app, KeyCode::Down);
        assert_eq!(app.editor.cursor(), (2, 8));
        let shown = screen(&app);
        let count = crate::i18n::fill(app.s().find_count, &[("n", &2), ("total", &2)]);
        assert!(shown.contains("/hello▏") && shown.contains(&count), "{shown}");
        assert_marked(&app, "hello again", 5);
        assert_marked(&app, "Hello", 5);
        insta::assert_snapshot!(format!("find_in_editor_80x24_{lang:?}").to_lowercase(), shown);
        key(&mut app, KeyCode::Up);
        assert_eq!(app.editor.cursor(), (1, 8));
        // Enter keeps the query; typing edits the body again, and the matches follow the edit.
        key(&mut app, KeyCode::Enter);
        assert!(!app.find.as_ref().unwrap().typing);
        key(&mut app, KeyCode::Home);
        key(&mut app, KeyCode::Char('x'));
        assert_eq!(app.find.as_ref().unwrap().search.matches, [11, 27], "one character further each");
        // Ctrl-F again brings the kept query back; Esc clears it.
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL)));
        assert_eq!(app.find.as_ref().map(|f| (f.typing, f.input.text.as_str())), Some((true, "hello")));
        key(&mut app, KeyCode::Esc);
        assert!(app.find.is_none() && app.focus == Focus::Editor);
    }
}
