//! Replaying from the history through `update`: `r` plans, the answer starts the run, steps fill the gauge, Esc
//! stops it, the end says what came back; and the gauge as drawn.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::super::app::{App, Confirm, Overlay};
use super::super::super::model::HistoryRow;
use super::super::super::msg::{Effect, Msg};
use super::super::super::theme::{Theme, Tone};
use super::super::update;
use crate::i18n::Lang;

fn now() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn row(id: i64, status: u16) -> HistoryRow {
    HistoryRow {
        id,
        time: now(),
        environment: "sandbox".into(),
        method: "POST".into(),
        endpoint: "/users/track".into(),
        status: Some(status),
        tone: if status >= 500 { Tone::ServerError } else { Tone::Success },
        label: Default::default(),
        duration_ms: 12.0,
        user: None,
    }
}

fn history(lang: Lang) -> App {
    let mut app = App::new(lang, Theme { colour: false }, now(), 80, 24);
    let fx = key(&mut app, KeyCode::F(3));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: vec![row(3, 503), row(2, 201), row(1, 503)] });
    app
}

fn screen(app: &App) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| crate::tui::view::view(app, f)).unwrap();
    crate::tui::driver::screen_text(term.backend().buffer())
}

#[test]
fn r_plans_asks_runs_with_a_gauge_and_ends_with_the_counts() {
    let mut app = history(Lang::En);
    // Nothing marked: the runtime plans from the filters.
    let fx = key(&mut app, KeyCode::Char('r'));
    assert!(matches!(fx.as_slice(), [Effect::PlanReplay { ids, .. }] if ids.is_empty()), "{fx:?}");
    update(&mut app, Msg::ReplayPlanned { ids: vec![1, 3], unsafe_count: 1 });
    let asked = screen(&app);
    assert!(asked.contains("Re-send 2 failed") && asked.contains("1 of them may have been done"), "{asked}");
    let fx = key(&mut app, KeyCode::Char('y'));
    let [Effect::RunReplay { id, ids }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!(ids, &[1, 3]);
    let id = *id;
    // One done, then the engine waits for a rate-limit window: the gauge says so.
    app.now = now().checked_add(jiff::SignedDuration::from_secs(2)).unwrap();
    update(&mut app, Msg::ReplayStep { id, status: Some(201) });
    let until = now().checked_add(jiff::SignedDuration::from_secs(62)).unwrap();
    let why = crate::retry::Reason::Reset {
        cause: crate::retry::Cause::RateLimited,
        after: std::time::Duration::from_secs(60),
        known: true,
    };
    update(&mut app, Msg::ReplayWaiting { id, until, why });
    let shown = screen(&app);
    assert!(shown.contains("1/2") && shown.contains("2XX 1") && shown.contains("waiting 1 min"), "{shown}");
    insta::assert_snapshot!("replay_gauge_80x24_en", shown);
    // Esc stops it (the runtime's token), and the end reports what came back and reloads the list.
    let fx = key(&mut app, KeyCode::Esc);
    assert_eq!(fx, vec![Effect::Cancel { id }]);
    update(&mut app, Msg::ReplayStep { id, status: Some(503) });
    let fx = update(&mut app, Msg::ReplayDone { id, error: None });
    assert!(matches!(fx.as_slice(), [Effect::LoadHistory(_)]), "{fx:?}");
    assert!(app.replay.is_none());
    let toast = app.toast.as_ref().unwrap().text.clone();
    assert!(toast.contains("Replayed 2 of 2: 2XX 1 · 4XX 0 · 5XX 1"), "{toast}");
}

#[test]
fn marked_rows_are_what_r_replays_and_an_empty_plan_says_why() {
    let mut app = history(Lang::Ko);
    key(&mut app, KeyCode::Char(' '));
    let fx = key(&mut app, KeyCode::Char('r'));
    assert!(matches!(fx.as_slice(), [Effect::PlanReplay { ids, .. }] if ids == &[3]), "{fx:?}");
    update(&mut app, Msg::ReplayPlanned { ids: Vec::new(), unsafe_count: 0 });
    assert!(app.overlay.is_none());
    assert_eq!(app.toast.as_ref().unwrap().text, app.s().replay_none_marked);
    // A plan the runtime refused (a missing key) is said as it is.
    update(&mut app, Msg::ReplayRefused("cannot re-send #3 to US-03: no API key".into()));
    assert!(app.toast.as_ref().unwrap().text.contains("no API key"));
    assert!(!matches!(app.overlay, Some(Overlay::Confirm(Confirm::Replay { .. }))));
}

/// Issue 15 §3: on a team ledger (more than one person in the list) each row names who sent it and `u` narrows the
/// list to one person, then the next, then everyone; a history of one person shows neither.
#[test]
fn u_filters_by_person_where_the_list_has_more_than_one() {
    let mut app = history(Lang::En);
    assert!(!screen(&app).contains("u user"), "one person (none recorded): no person filter");
    assert!(key(&mut app, KeyCode::Char('u')).is_empty());
    let fx = key(&mut app, KeyCode::Char('R'));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    let mut rows = vec![row(3, 503), row(2, 201), row(1, 503)];
    rows[0].user = Some("mina".into());
    rows[1].user = Some("jun".into());
    rows[2].user = Some("mina".into());
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows });
    assert!(screen(&app).contains("u user: all"), "{}", screen(&app));
    // The names need the room of a wider terminal (at 80 columns the outcome column gives way first).
    app.width = 160;
    app.height = 40;
    let shown = screen(&app);
    assert!(shown.contains("u user: all") && shown.contains("mina ·") && shown.contains("jun ·"), "{shown}");
    let fx = key(&mut app, KeyCode::Char('u'));
    assert!(matches!(fx.as_slice(), [Effect::LoadHistory(q)] if q.user.as_deref() == Some("jun")), "{fx:?}");
    let fx = key(&mut app, KeyCode::Char('u'));
    assert!(matches!(fx.as_slice(), [Effect::LoadHistory(q)] if q.user.as_deref() == Some("mina")), "{fx:?}");
    let fx = key(&mut app, KeyCode::Char('u'));
    assert!(matches!(fx.as_slice(), [Effect::LoadHistory(q)] if q.user.is_none()), "{fx:?}");
}
