//! `update` alone: a message in, the state and the returned effects checked, no runtime, no terminal.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::app::{App, Confirm, Detail, Overlay, Pending, RequestState, ResponseView, Screen};
use super::super::model::{EnvInfo, HistoryRow};
use super::super::msg::{Effect, Msg};
use super::super::theme::{Theme, Tone};
use super::update;
use crate::history::fixtures::{self, Answer};
use crate::i18n::Lang;

/// Ten seconds before the fixtures' rate-limit reset (2025-01-01T01:00:00Z).
fn now() -> jiff::Timestamp {
    "2025-01-01T00:59:50Z".parse().unwrap()
}

fn app() -> App {
    let mut app = App::new(Lang::En, Theme { colour: false }, now(), 120, 32);
    let sandbox = EnvInfo {
        name: "sandbox".into(),
        url: Some("http://127.0.0.1:9".into()),
        key_masked: Some("sand…-all".into()),
        offline_mock: true,
        timezone: "UTC".into(),
    };
    update(
        &mut app,
        Msg::Envs { envs: vec![sandbox], current: "sandbox".into(), config_file: "/home/config.toml".into() },
    );
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl_s(app: &mut App) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)))
}

fn sent_id(fx: &[Effect]) -> u64 {
    match fx.first() {
        Some(Effect::Send { id, .. }) => *id,
        other => panic!("expected a send first, got {other:?}"),
    }
}

#[test]
fn send_puts_the_request_on_the_wire_and_saves_the_draft() {
    let mut app = app();
    let fx = ctrl_s(&mut app);
    let Some(Effect::Send { id, request }) = fx.first() else { panic!("{fx:?}") };
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/messages/send"));
    assert_eq!(request.environment, "sandbox");
    assert!(matches!(fx[1], Effect::SaveState(_)), "{fx:?}");
    assert!(matches!(&app.request, RequestState::Sending(f) if f.id == *id));
    // A second send while one is in flight only says so.
    assert!(ctrl_s(&mut app).is_empty());
    assert!(app.toast.as_ref().is_some_and(|t| t.text == app.s().already_sending));
}

#[test]
fn a_predicted_rejection_asks_first_and_sends_once_confirmed() {
    let mut app = app();
    update(&mut app, Msg::Paste("{".into()));
    assert!(ctrl_s(&mut app).is_empty(), "nothing goes out before the answer");
    assert!(matches!(app.overlay, Some(Overlay::Confirm(Confirm::SendFatal { .. }))), "{:?}", app.overlay);
    // No: nothing sent, the question gone.
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    assert!(app.overlay.is_none() && !app.busy());
    ctrl_s(&mut app);
    let fx = key(&mut app, KeyCode::Char('y'));
    sent_id(&fx);
    assert!(app.overlay.is_none() && app.busy());
}

#[test]
fn cancel_stops_the_request_in_flight() {
    let mut app = app();
    let id = sent_id(&ctrl_s(&mut app));
    assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::Cancel { id }]);
    assert_eq!(app.request, RequestState::Idle);
    assert!(app.toast.as_ref().is_some_and(|t| t.text == app.s().cancelled));
    // Its late answer is no longer shown.
    let late =
        fixtures::exchange("POST", "/messages/send", "{}", Answer::Http { status: 201, body: "{}".into() }, now());
    assert!(update(&mut app, Msg::Finished { id, exchange: Box::new(late) }).is_empty());
    assert!(app.response.is_none());
}

#[test]
fn a_rate_limited_answer_schedules_the_retry_for_the_reset() {
    let mut app = app();
    let body = r#"{"message": "Rate limit exceeded"}"#.to_string();
    let ex = fixtures::exchange("POST", "/messages/send", "{}", Answer::Http { status: 429, body }, now());
    app.response = Some(ResponseView {
        exchange: Arc::new(ex),
        received: now(),
        body: None,
        seq: 0,
        detail: Detail::Body,
        scroll: 0,
        hscroll: 0,
        card_scroll: 0,
    });
    app.focus = super::super::app::Focus::Response;
    assert!(key(&mut app, KeyCode::Char('r')).is_empty(), "the retry waits");
    let reset: jiff::Timestamp = "2025-01-01T01:00:00Z".parse().unwrap();
    assert!(matches!(&app.request, RequestState::Scheduled { at, .. } if *at == reset), "{:?}", app.request);
    // Before the reset nothing happens; at the reset the request goes out.
    assert!(update(&mut app, Msg::Clock(now())).is_empty());
    sent_id(&update(&mut app, Msg::Clock(reset)));
    assert!(matches!(app.request, RequestState::Sending(_)));
}

#[test]
fn reopening_from_history_waits_for_the_exchange_to_load() {
    let mut app = app();
    let fx = key(&mut app, KeyCode::F(3));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(app.screen, Screen::History);
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: vec![history_row(7)] });
    assert_eq!(key(&mut app, KeyCode::Char('o')), vec![Effect::LoadExchange(7)]);
    assert_eq!(app.history.pending, Some((7, Pending::Reopen)));
    let mut ex = fixtures::exchange(
        "POST",
        "/users/track",
        r#"{"attributes": []}"#,
        Answer::Http { status: 201, body: "{}".into() },
        now(),
    );
    ex.id = Some(7);
    update(&mut app, Msg::ExchangeLoaded { id: 7, exchange: Some(Box::new(ex)) });
    assert!(app.history.pending.is_none());
    assert_eq!((app.screen, app.replay_of), (Screen::Work, Some(7)));
    assert_eq!(app.editor.text().trim(), r#"{"attributes": []}"#);
}

#[test]
fn a_failed_send_ends_the_request_and_says_why() {
    let mut app = app();
    let id = sent_id(&ctrl_s(&mut app));
    let fx = update(&mut app, Msg::SendError { id, error: "no API key for US-03".into() });
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.request, RequestState::Idle);
    let toast = app.toast.as_ref().expect("the reason is shown");
    assert_eq!((toast.text.as_str(), toast.tone), ("no API key for US-03", Tone::ClientError));
    // An error for another request changes nothing.
    sent_id(&ctrl_s(&mut app));
    update(&mut app, Msg::SendError { id: id + 100, error: "x".into() });
    assert!(app.busy());
}

/// Issue 12 §1: the path line decides the endpoint. F6, Ctrl-U, `/users/track`: the body stays, but it is checked,
/// headed and sent as `/users/track`'s; a path that names no endpoint is flagged as unknown.
#[test]
fn typing_another_endpoints_path_switches_to_it_and_an_unknown_path_is_flagged() {
    let mut app = app();
    let body = app.editor.text().to_string();
    key(&mut app, KeyCode::F(6));
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    for c in "/users/track".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    // Not at every key (a half-typed path names other endpoints on the way): when the path is settled.
    assert_eq!(app.current_endpoint().key(), "POST /messages/send");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.current_endpoint().key(), "POST /users/track");
    assert_eq!(app.focus, super::super::app::Focus::Editor);
    assert_eq!(app.editor.text(), body, "the body is kept");
    assert_eq!(app.editor.report.as_ref().map(|r| r.endpoint.as_str()), Some("POST /users/track"));
    assert!(app.editor.diagnostics().iter().any(|d| d.error == "unknown_key"), "{:?}", app.editor.diagnostics());
    let fx = ctrl_s(&mut app);
    let sent = fx.iter().find_map(|f| match f {
        Effect::Send { request, .. } => Some(request.endpoint.clone()),
        _ => None,
    });
    // /messages/send's body has no attributes, events or purchases: a predicted rejection asks first.
    assert!(sent.is_none() || sent.as_deref() == Some("/users/track"), "{fx:?}");
    // A path that names nothing: flagged like any unknown endpoint, and the endpoint stays.
    app.overlay = None;
    key(&mut app, KeyCode::F(6));
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    for c in "/users/trak".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.current_endpoint().key(), "POST /users/track");
    assert_eq!(app.path.text, "/users/trak");
    assert!(app.editor.diagnostics().iter().any(|d| d.error == "not_found"), "{:?}", app.editor.diagnostics());
}

/// Issue 12 §3: a problem of the path line's query is about the path line: selecting it focuses the path line, and
/// F8 (next problem in the body) does not land on it.
#[test]
fn a_query_problem_points_at_the_path_line() {
    let mut app = app();
    let i = crate::catalog::endpoints().endpoints.iter().position(|e| e.path == "/sends/data_series").unwrap();
    super::endpoint::load(&mut app, i);
    key(&mut app, KeyCode::F(6));
    for c in "?length=500&sned_id=x".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let ds = app.editor.diagnostics().to_vec();
    let q = ds.iter().position(|d| d.message.contains("500")).expect("the length problem");
    assert_eq!(ds[q].area, crate::validate::Area::Query, "{ds:?}");
    assert!(ds.iter().filter(|d| d.message.contains("sned_id")).all(|d| d.area == crate::validate::Area::Query));
    app.focus = super::super::app::Focus::Editor;
    super::editing::select_diagnostic(&mut app, q);
    assert_eq!(app.focus, super::super::app::Focus::Url);
    // Only path-line problems: F8 has nowhere to go in the body.
    assert!(ds.iter().all(|d| !d.area.is_body()), "{ds:?}");
    assert_eq!(app.editor.next_diagnostic(true), None);
}

fn history_row(id: i64) -> HistoryRow {
    HistoryRow {
        id,
        time: now(),
        environment: "sandbox".into(),
        method: "POST".into(),
        endpoint: "/users/track".into(),
        status: Some(201),
        tone: Tone::Success,
        label: Default::default(),
        duration_ms: 12.0,
        user: None,
    }
}

/// Issue 12 §2: F3, Down, F3, Ctrl-S, F3 hid the newest rows. Coming back to new exchanges selects the newest at the
/// top; a refresh with nothing new keeps the selection; rows out of view are counted in the pane's title.
#[test]
fn new_history_rows_are_shown_and_selected_and_hidden_rows_are_counted() {
    let mut app = App::new(Lang::En, Theme { colour: false }, now(), 80, 24);
    let fx = key(&mut app, KeyCode::F(3));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    let query = query.clone();
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: (1..=3).rev().map(history_row).collect() });
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.history.selected, 2);
    // The same rows again: the selection stays.
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: (1..=3).rev().map(history_row).collect() });
    assert_eq!(app.history.selected, 2);
    // Two sends later: the newest is selected and in view.
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: (1..=5).rev().map(history_row).collect() });
    assert_eq!((app.history.selected, app.history.top), (0, 0));
    // Forty rows in a short pane: what is below is counted in the title.
    update(&mut app, Msg::HistoryLoaded { query, rows: (1..=40).rev().map(history_row).collect() });
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| super::super::view::view(&app, f)).unwrap();
    let screen: String = term.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains('↓'), "{screen}");
}

/// Issue 12 §13: an opened exchange stayed on screen after a search left no row (or left rows it is not among).
#[test]
fn an_opened_exchange_closes_when_the_filters_no_longer_list_it() {
    let mut app = app();
    let fx = key(&mut app, KeyCode::F(3));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: vec![history_row(8), history_row(7)] });
    key(&mut app, KeyCode::Down);
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::LoadExchange(7)]);
    let mut ex =
        fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 201, body: "{}".into() }, now());
    ex.id = Some(7);
    update(&mut app, Msg::ExchangeLoaded { id: 7, exchange: Some(Box::new(ex)) });
    assert!(app.history.open.is_some());
    // A search that still lists it keeps it open.
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Char('t'));
    let query = super::history::query(&app);
    update(&mut app, Msg::HistoryLoaded { query, rows: vec![history_row(7)] });
    assert!(app.history.open.is_some());
    // One that lists only another row, then one that lists none, closes it.
    key(&mut app, KeyCode::Char('x'));
    let query = super::history::query(&app);
    update(&mut app, Msg::HistoryLoaded { query, rows: vec![history_row(8)] });
    assert!(app.history.open.is_none());
    key(&mut app, KeyCode::Char('z'));
    let query = super::history::query(&app);
    update(&mut app, Msg::HistoryLoaded { query, rows: vec![] });
    assert!(app.history.open.is_none() && app.history.rows.is_empty());
}

/// Issue 12 §7: a notice too long for the status bar takes rows from the panes; the cursor's line stays in view.
#[test]
fn a_long_notice_keeps_the_cursor_line_in_view() {
    let mut app = App::new(Lang::En, Theme { colour: false }, now(), 80, 24);
    let body: String = (0..60).map(|i| format!("\"k{i}\": {i},\n")).collect();
    app.editor.load(&body);
    let rows =
        |app: &App| super::super::layout::editor_text(app, super::super::layout::areas(app).editor).height as usize;
    // The cursor on the editor's last visible row.
    let last = rows(&app) - 1;
    app.editor.jump(last + 1, 1);
    super::editing::follow_cursor(&mut app);
    assert_eq!((app.editor.top, app.editor.cursor().0), (0, last));
    super::toast(&mut app, "Fill in the path first (F6): ".repeat(6), Tone::ClientError);
    assert!(rows(&app) <= last, "the notice took rows from the editor");
    let (top, row) = (app.editor.top, app.editor.cursor().0);
    assert!(row >= top && row < top + rows(&app), "cursor row {row} outside {top}..+{}", rows(&app));
}

/// Issue 12 §13: F4, `a`, a URL, Enter asks; yes asks the runtime to save it, and its announcement switches to it.
#[test]
fn f4_a_custom_url_is_checked_asked_saved_then_switched_to() {
    let mut app = app();
    key(&mut app, KeyCode::F(4));
    key(&mut app, KeyCode::Char('a'));
    assert!(matches!(&app.overlay, Some(Overlay::AddUrl { input, .. }) if input.text == "https://"));
    update(&mut app, Msg::Paste("proxy.example/braze\u{1b}[31m".into()));
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    // The pasted control character was dropped; the rest is a URL with `[31m` in its path, which is allowed.
    let Some(Overlay::Confirm(Confirm::SaveUrl { name, url })) = app.overlay.clone() else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!((name.as_str(), url.as_str()), ("proxy.example", "https://proxy.example/braze[31m"));
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&fx[..], [Effect::AddEnvironment { name: n, current, .. }] if n == "proxy.example" && current == "sandbox"),
        "{fx:?}"
    );
    let mut envs = app.envs.clone();
    envs.push(EnvInfo {
        name: "proxy.example".into(),
        url: Some(url),
        key_masked: None,
        offline_mock: false,
        timezone: "UTC".into(),
    });
    update(&mut app, Msg::Envs { envs, current: "sandbox".into(), config_file: "/home/config.toml".into() });
    let fx = update(&mut app, Msg::EnvironmentAdded { name: "proxy.example".into() });
    assert!(matches!(fx.first(), Some(Effect::SwitchEnv(n)) if n == "proxy.example"), "{fx:?}");
    assert_eq!(app.current_env().unwrap().name, "proxy.example");
    assert!(app.toast.as_ref().is_some_and(|t| t.text.contains("/home/config.toml")));
}

/// A refused URL keeps its text and says why; typing clears the reason; Esc returns to the switcher.
#[test]
fn f4_a_refused_url_keeps_its_text() {
    let mut app = app();
    key(&mut app, KeyCode::F(4));
    key(&mut app, KeyCode::Char('a'));
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    for c in "https://a.example?x=1".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::AddUrl { input, error }) = &app.overlay else { panic!("{:?}", app.overlay) };
    assert_eq!(input.text, "https://a.example?x=1");
    assert_eq!(error.as_deref(), Some(app.s().url_query));
    key(&mut app, KeyCode::Backspace);
    assert!(matches!(&app.overlay, Some(Overlay::AddUrl { error: None, .. })));
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Envs { .. })));
}

/// Issue 14 §6: D (or Delete) on a history row asks first; yes asks the runtime to delete it, and its answer closes
/// the exchange if it was open and reads the list again. No keeps it.
#[test]
fn deleting_an_exchange_from_history_asks_first() {
    let mut app = app();
    app.screen = Screen::History;
    app.history.rows = vec![history_row(4), history_row(3)];
    app.history.loaded = true;
    assert!(key(&mut app, KeyCode::Char('D')).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Confirm(Confirm::DeleteExchange { id: 4 }))));
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    assert!(app.overlay.is_none());
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Delete);
    let fx = key(&mut app, KeyCode::Char('y'));
    assert!(matches!(&fx[..], [Effect::DeleteExchange(3)]), "{fx:?}");
    let fx = update(&mut app, Msg::ExchangeDeleted { id: 3 });
    assert!(matches!(&fx[..], [Effect::LoadHistory(_)]), "{fx:?}");
    assert!(app.toast.as_ref().is_some_and(|t| t.text.contains("#3")));
}

/// §9 of issue 14: Ctrl-C while a request is in flight asks first; a second Ctrl-C quits (cancelling it), `n` stays.
#[test]
fn ctrl_c_while_sending_asks_and_a_second_ctrl_c_quits() {
    let ctrl_c = |app: &mut App| update(app, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    // Idle: quits at once.
    let mut idle = app();
    ctrl_c(&mut idle);
    assert!(idle.quit);
    let mut app = app();
    ctrl_s(&mut app);
    let RequestState::Sending(f) = &app.request else { panic!("not sending: {:?}", app.request) };
    let id = f.id;
    assert!(ctrl_c(&mut app).is_empty(), "nothing is cancelled before the answer");
    assert!(!app.quit);
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(Confirm::QuitSending { label })) if label.contains(" /")),
        "{:?}",
        app.overlay
    );
    // No: still sending, still open.
    key(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_none() && !app.quit && matches!(app.request, RequestState::Sending(_)));
    // Asked again, and Ctrl-C answers yes: the request is cancelled and the draft written.
    ctrl_c(&mut app);
    let fx = ctrl_c(&mut app);
    assert!(app.quit);
    assert!(fx.iter().any(|e| matches!(e, Effect::Cancel { id: c } if *c == id)), "{fx:?}");
    assert!(fx.iter().any(|e| matches!(e, Effect::Quit)), "{fx:?}");
}
