//! Issue 12 §6: the opened history exchange scrolls like the response pane (keys and wheel, clamped), whatever its
//! body's size.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::super::super::app::{App, Screen};
use super::super::super::layout;
use super::super::super::model::HistoryRow;
use super::super::super::msg::{Effect, Msg};
use super::super::super::pretty::BodyLines;
use super::super::super::theme::{Theme, Tone};
use super::super::update;
use crate::history::fixtures::{self, Answer};
use crate::i18n::Lang;

fn now() -> jiff::Timestamp {
    "2025-01-01T00:59:50Z".parse().unwrap()
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn row(id: i64) -> HistoryRow {
    HistoryRow {
        id,
        time: now(),
        environment: "sandbox".into(),
        method: "POST".into(),
        endpoint: "/users/export/ids".into(),
        status: Some(201),
        tone: Tone::Success,
        label: Default::default(),
        duration_ms: 12.0,
        user: None,
    }
}

/// About 10 MiB of JSON on one line, as Braze sends it: pretty, some 600 000 lines.
fn big_body() -> String {
    let user = r#"{"external_id":"user-000000","email":"someone@example.com","custom_attributes":{"tier":"gold"}},"#;
    let n = 10 * 1024 * 1024 / user.len();
    let mut s = String::with_capacity(n * user.len() + 32);
    s.push_str(r#"{"users":["#);
    for _ in 0..n {
        s.push_str(user);
    }
    s.pop();
    s.push_str(r#"],"message":"success"}"#);
    s
}

/// The history screen (80×24) with three rows, the second opened: its body formatted off-thread as the runtime would.
fn opened(body: String) -> App {
    let mut app = App::new(Lang::En, Theme { colour: false }, now(), 80, 24);
    let fx = key(&mut app, KeyCode::F(3));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: vec![row(9), row(8), row(7)] });
    key(&mut app, KeyCode::Down);
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::LoadExchange(8)]);
    let mut ex = fixtures::exchange(
        "POST",
        "/users/export/ids",
        "{\n  \"external_ids\": [\"user-000000\"]\n}",
        Answer::Http { status: 201, body },
        now(),
    );
    ex.id = Some(8);
    let fx = update(&mut app, Msg::ExchangeLoaded { id: 8, exchange: Some(Box::new(ex)) });
    if let [Effect::Format { seq, exchange }] = fx.as_slice() {
        let body = Arc::new(BodyLines::new(&exchange.final_response().unwrap().body));
        update(&mut app, Msg::BodyReady { seq: *seq, body });
    }
    assert!(app.history.open.as_ref().is_some_and(|e| e.body.is_some()));
    app
}

fn scroll(app: &App) -> usize {
    app.history.open.as_ref().unwrap().scroll
}

/// Lines the opened exchange can scroll through before its last line reaches the pane's bottom.
fn max(app: &App) -> usize {
    super::view::rows(app) - super::view::page(app)
}

#[test]
fn the_opened_exchange_takes_the_keys_and_scrolls_by_page_and_to_both_ends() {
    let mut app = opened(big_body());
    let page = super::view::page(&app);
    assert!(max(&app) > 500_000, "the whole body is reachable, not its first 200 lines: {}", max(&app));
    // The list keeps ↓ until the exchange has the keys: Tab gives them (Enter on the opened row too).
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.screen, Screen::History);
    assert!(app.history.open.as_ref().unwrap().focused);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(scroll(&app), page);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(scroll(&app), 2 * page + 2);
    key(&mut app, KeyCode::PageUp);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(scroll(&app), page + 1);
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(scroll(&app), max(&app));
    // Clamped: past the end nothing moves, so the next ↑ is seen at once.
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::Down);
    assert_eq!(scroll(&app), max(&app));
    key(&mut app, KeyCode::Up);
    assert_eq!(scroll(&app), max(&app) - 1);
    key(&mut app, KeyCode::Home);
    assert_eq!(scroll(&app), 0);
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(scroll(&app), 0);
    // All the while the list kept its selection.
    assert_eq!(app.history.selected, 1);
}

#[test]
fn esc_steps_back_from_the_exchange_to_the_list_then_closes_it_then_leaves() {
    let mut app = opened("{\"message\":\"success\"}".into());
    // Enter on the row already open gives it the keys.
    key(&mut app, KeyCode::Enter);
    assert!(app.history.open.as_ref().unwrap().focused);
    key(&mut app, KeyCode::Esc);
    assert!(app.history.open.as_ref().is_some_and(|e| !e.focused), "back to the list, the exchange still shown");
    // ↓ moves the list again.
    key(&mut app, KeyCode::Down);
    assert_eq!(app.history.selected, 2);
    // Tab there and back.
    key(&mut app, KeyCode::Tab);
    assert!(app.history.open.as_ref().unwrap().focused);
    key(&mut app, KeyCode::Tab);
    assert!(!app.history.open.as_ref().unwrap().focused);
    key(&mut app, KeyCode::Esc);
    assert!(app.history.open.is_none());
    assert_eq!(app.screen, Screen::History);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Work);
}

#[test]
fn letters_the_exchange_does_not_use_still_reach_the_list() {
    let mut app = opened("{\"message\":\"success\"}".into());
    key(&mut app, KeyCode::Tab);
    let fx = key(&mut app, KeyCode::Char('x'));
    assert!(matches!(fx.as_slice(), [Effect::Export { .. }]), "{fx:?}");
}

#[test]
fn the_wheel_over_the_opened_exchange_scrolls_it_within_its_content() {
    let mut app = opened(big_body());
    let pane = layout::areas(&app).history_open;
    let wheel = |app: &mut App, kind| {
        let m = MouseEvent { kind, column: pane.x + 2, row: pane.y + 3, modifiers: KeyModifiers::NONE };
        update(app, Msg::Mouse(m))
    };
    wheel(&mut app, MouseEventKind::ScrollDown);
    assert_eq!(scroll(&app), 3);
    assert_eq!(app.history.selected, 1, "the list stays where it was");
    wheel(&mut app, MouseEventKind::ScrollUp);
    wheel(&mut app, MouseEventKind::ScrollUp);
    assert_eq!(scroll(&app), 0);
    // A short body: the wheel stops at its end.
    let mut app = opened("{\"message\":\"success\"}".into());
    for _ in 0..50 {
        wheel(&mut app, MouseEventKind::ScrollDown);
    }
    assert_eq!(scroll(&app), super::view::rows(&app).saturating_sub(super::view::page(&app)));
}

/// A frame reads only the lines it shows: scrolling through a 10 MiB body and drawing each step stays fast (it
/// re-indented the whole body for every frame).
#[test]
fn a_10_mib_exchange_pages_and_reaches_its_end() {
    let mut app = opened(big_body());
    key(&mut app, KeyCode::Tab);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    for _ in 0..20 {
        key(&mut app, KeyCode::PageDown);
        term.draw(|f| super::super::super::view::view(&app, f)).unwrap();
    }
    key(&mut app, KeyCode::End);
    term.draw(|f| super::super::super::view::view(&app, f)).unwrap();
    // No timing here (figures come from benches/tui.rs): the whole body is reachable, page by page and at its end.
    let screen = crate::tui::driver::screen_text(term.backend().buffer());
    assert!(screen.contains("\"message\": \"success\""), "the body's last lines are reachable:\n{screen}");
}

/// Focused, the exchange's border says so and where the page is; the footer lists its keys, in both languages.
#[test]
fn the_focused_exchange_shows_its_place_and_the_footer_its_keys() {
    for lang in [Lang::En, Lang::Ko] {
        let mut app = opened(big_body());
        app.lang = lang;
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::PageDown);
        key(&mut app, KeyCode::Right);
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        term.draw(|f| super::super::super::view::view(&app, f)).unwrap();
        let screen = crate::tui::driver::screen_text(term.backend().buffer());
        let s = app.s();
        let footer = screen.lines().last().unwrap_or_default();
        assert!(footer.contains(&format!("↑↓ {}", s.k_scroll_entry)), "{footer}");
        assert!(footer.contains(&format!("Tab {}", s.k_entry_focus)), "{footer}");
        let rows = super::view::rows(&app);
        let page = super::view::page(&app);
        assert!(screen.contains(&format!("{}–{}/{rows}", page + 1, 2 * page)), "{screen}");
        insta::assert_snapshot!(format!("history_entry_focused_80x24_{lang:?}").to_lowercase(), screen);
    }
}

/// A click gives the keys to what it lands on: the opened exchange, or the list.
#[test]
fn a_click_gives_the_keys_to_the_exchange_or_the_list() {
    let mut app = opened("{\"message\":\"success\"}".into());
    let a = layout::areas(&app);
    let click = |app: &mut App, r: ratatui::layout::Rect| {
        let kind = MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left);
        update(app, Msg::Mouse(MouseEvent { kind, column: r.x + 2, row: r.y + 2, modifiers: KeyModifiers::NONE }))
    };
    click(&mut app, a.history_open);
    assert!(app.history.open.as_ref().unwrap().focused);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.history.selected, 1, "↓ went to the exchange, not the list");
    click(&mut app, a.history_list);
    assert!(!app.history.open.as_ref().unwrap().focused);
}

fn screen(app: &App) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| crate::tui::view::view(app, f)).unwrap();
    crate::tui::driver::screen_text(term.backend().buffer())
}

/// Issue 14 §4: `/` in the opened exchange finds in its request and response bodies (10 MiB here), counts the
/// matches, scrolls to each and marks it; `n` / `N` step, Esc clears.
#[test]
fn slash_in_the_opened_exchange_finds_in_both_bodies_and_steps_through_them() {
    let mut app = opened(big_body());
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('/'));
    for c in "success".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let f = app.find.as_ref().unwrap();
    assert_eq!((f.search.matches.len(), f.search.current), (1, 0), "one \"success\", at the very end");
    assert_eq!(scroll(&app), max(&app), "scrolled to the last line");
    let shown = screen(&app);
    assert!(shown.contains("/success▏  1 of 1"), "{shown}");
    key(&mut app, KeyCode::Enter);
    // A query in both bodies: the request's match comes first, then the response's.
    key(&mut app, KeyCode::Char('/'));
    for _ in 0..7 {
        key(&mut app, KeyCode::Backspace);
    }
    for c in "user-000000".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let n = app.find.as_ref().unwrap().search.matches.len();
    assert!(n > 10_000, "{n}");
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('N'));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.find.as_ref().unwrap().search.current, 0);
    let at_request = scroll(&app);
    assert!(at_request < 15, "the request's line is near the top: {at_request}");
    let shown = screen(&app);
    assert!(shown.contains(&format!("/user-000000  1 of {n}")), "{shown}");
    insta::assert_snapshot!("find_in_entry_80x24", shown);
    key(&mut app, KeyCode::Char('n'));
    assert!(scroll(&app) > at_request, "the next is in the response, below: {}", scroll(&app));
    // Esc clears the query while typing it; the list's search (`/` on the list) is untouched.
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Esc);
    assert!(app.find.is_none() && app.history.search.text.is_empty());
}
