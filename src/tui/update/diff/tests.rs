//! Issue 14 §6: marking exchanges (Space) and comparing two (`v`), through the effects `update` returns: which two
//! are loaded, older first; the diff asked for once both arrived; moving through it; Esc back to the list.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::super::app::{App, MAX_MARKS, Screen};
use super::super::super::model::HistoryRow;
use super::super::super::msg::{Effect, Msg};
use super::super::super::theme::{Theme, Tone};
use super::super::update;
use crate::exchange::Exchange;
use crate::history::fixtures::{self, Answer};
use crate::i18n::Lang;

fn now() -> jiff::Timestamp {
    "2025-01-01T00:59:50Z".parse().unwrap()
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Exchange `id`, recorded `id` minutes after the hour (a larger id is newer).
fn row(id: i64) -> HistoryRow {
    HistoryRow {
        id,
        time: now() - jiff::SignedDuration::from_mins(60 - id),
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

fn exchange(id: i64, tier: &str, status: u16) -> Exchange {
    let body = format!(r#"{{"attributes":[{{"external_id":"user-1","tier":"{tier}"}}]}}"#);
    let answer = Answer::Http { status, body: r#"{"message":"success"}"#.into() };
    let mut ex = fixtures::exchange("POST", "/users/track", &body, answer, row(id).time);
    ex.id = Some(id);
    ex
}

/// The history screen listing `ids` (newest first), the first selected.
fn listed(ids: &[i64]) -> App {
    let mut app = App::new(Lang::En, Theme { colour: false }, now(), 80, 24);
    let fx = key(&mut app, KeyCode::F(3));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    update(&mut app, Msg::HistoryLoaded { query: query.clone(), rows: ids.iter().map(|&i| row(i)).collect() });
    app
}

fn reload(app: &mut App, ids: &[i64]) {
    let fx = key(app, KeyCode::Char('R'));
    let [Effect::LoadHistory(query)] = fx.as_slice() else { panic!("{fx:?}") };
    update(app, Msg::HistoryLoaded { query: query.clone(), rows: ids.iter().map(|&i| row(i)).collect() });
}

fn loads(fx: &[Effect]) -> Vec<i64> {
    fx.iter()
        .map(|e| match e {
            Effect::LoadExchange(id) => *id,
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn space_marks_and_unmarks_and_marks_survive_reloads_for_listed_ids() {
    let mut app = listed(&[9, 8, 7]);
    assert!(key(&mut app, KeyCode::Char(' ')).is_empty());
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.history.marked, vec![9, 8]);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.history.marked, vec![9]);
    key(&mut app, KeyCode::Char(' '));
    reload(&mut app, &[9, 8, 7]);
    assert_eq!(app.history.marked, vec![9, 8], "a reload keeps the marks");
    // #9 was deleted (or filtered out): its mark goes, #8's stays.
    reload(&mut app, &[8, 7]);
    assert_eq!(app.history.marked, vec![8]);
}

#[test]
fn marks_are_bounded() {
    let mut app = listed(&[9]);
    app.history.marked = (1000..1000 + MAX_MARKS as i64).collect();
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.history.marked.len(), MAX_MARKS);
    assert!(app.toast.as_ref().is_some_and(|t| t.text.contains("1000")));
}

#[test]
fn v_without_marks_compares_the_selected_row_with_the_one_below_older_first() {
    let mut app = listed(&[9, 8, 7]);
    key(&mut app, KeyCode::Down);
    assert_eq!(loads(&key(&mut app, KeyCode::Char('v'))), vec![7, 8]);
    assert_eq!(app.history.compare.as_ref().map(|c| c.ids), Some([7, 8]));
}

#[test]
fn v_with_one_mark_compares_it_with_the_selected_row() {
    let mut app = listed(&[9, 8, 7]);
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Home);
    // ㅍ is `v` on the 2-set Korean keyboard.
    assert_eq!(loads(&key(&mut app, KeyCode::Char('ㅍ'))), vec![7, 9]);
}

#[test]
fn v_with_two_marks_compares_them_wherever_the_selection_is() {
    let mut app = listed(&[9, 8, 7]);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Up);
    assert_eq!(loads(&key(&mut app, KeyCode::Char('v'))), vec![7, 9]);
}

#[test]
fn v_says_why_when_there_is_nothing_to_compare() {
    // The last row has nothing older below it.
    let mut app = listed(&[9, 8]);
    key(&mut app, KeyCode::End);
    assert!(key(&mut app, KeyCode::Char('v')).is_empty());
    assert!(app.history.compare.is_none());
    assert!(app.toast.as_ref().is_some_and(|t| t.text.starts_with("Nothing to compare")));
    // One mark, on the selected row itself.
    let mut app = listed(&[9, 8]);
    key(&mut app, KeyCode::Char(' '));
    assert!(key(&mut app, KeyCode::Char('v')).is_empty());
    // Three marks: which two?
    let mut app = listed(&[9, 8, 7]);
    for _ in 0..3 {
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Down);
    }
    assert!(key(&mut app, KeyCode::Char('v')).is_empty());
    assert!(
        app.toast.as_ref().is_some_and(|t| t.text.starts_with("3 exchanges are marked")),
        "{:?}",
        app.toast.as_ref().map(|t| &t.text)
    );
    // In Korean too.
    let mut app = listed(&[9]);
    app.lang = Lang::Ko;
    key(&mut app, KeyCode::Char('v'));
    assert!(app.toast.as_ref().is_some_and(|t| t.text.starts_with("비교할 것이 없습니다")));
}

/// `v`, both exchanges arriving (in any order), the diff asked for once and taken when it comes back.
fn compared(left: Exchange, right: Exchange) -> App {
    let mut app = listed(&[9, 8, 7]);
    key(&mut app, KeyCode::Down);
    assert_eq!(loads(&key(&mut app, KeyCode::Char('v'))), vec![7, 8]);
    let fx = update(&mut app, Msg::ExchangeLoaded { id: 8, exchange: Some(Box::new(right)) });
    assert!(fx.is_empty(), "{fx:?}");
    let fx = update(&mut app, Msg::ExchangeLoaded { id: 7, exchange: Some(Box::new(left)) });
    let [Effect::Diff { seq, left, right }] = fx.as_slice() else { panic!("{fx:?}") };
    assert_eq!((left.id, right.id), (Some(7), Some(8)));
    let diff = Arc::new(crate::exchange::diff::diff(left, right, &crate::exchange::diff::exact));
    update(&mut app, Msg::DiffReady { seq: *seq, diff });
    assert!(app.history.open.is_none(), "the compared exchanges are not opened in the entry pane");
    app
}

#[test]
fn the_loaded_pair_is_diffed_off_thread_and_esc_goes_back_to_the_list() {
    let mut app = compared(exchange(7, "gold", 201), exchange(8, "silver", 400));
    let d = app.history.compare.as_ref().and_then(|c| c.diff.clone()).unwrap();
    assert!(d.changes >= 2, "{d:?}");
    // The list's keys do not reach the hidden list: no delete question, no export.
    assert!(key(&mut app, KeyCode::Char('D')).is_empty());
    assert!(app.overlay.is_none());
    assert!(key(&mut app, KeyCode::Char('x')).is_empty());
    key(&mut app, KeyCode::Esc);
    assert!(app.history.compare.is_none());
    assert_eq!(app.screen, Screen::History, "Esc closes the comparison, not the screen");
    assert_eq!(app.history.selected, 1);
}

#[test]
fn a_missing_side_closes_the_comparison_and_says_so() {
    let mut app = listed(&[9, 8, 7]);
    key(&mut app, KeyCode::Char('v'));
    update(&mut app, Msg::ExchangeLoaded { id: 8, exchange: None });
    assert!(app.history.compare.is_none());
    assert!(app.toast.as_ref().is_some_and(|t| t.text.contains("#8")));
    // The other side arriving later opens nothing unexpected: it is shown like any loaded exchange.
    update(&mut app, Msg::ExchangeLoaded { id: 9, exchange: Some(Box::new(exchange(9, "gold", 201))) });
    assert!(app.history.compare.is_none());
}

#[test]
fn n_and_shift_n_jump_between_changes_and_the_view_scrolls_within_its_rows() {
    // Forty attributes, two of them changed far apart.
    let body = |a: &str, b: &str| {
        let mut v: Vec<String> = (0..40).map(|i| format!(r#""k{i}":{i}"#)).collect();
        v[3] = format!(r#""k3":"{a}""#);
        v[35] = format!(r#""k35":"{b}""#);
        format!("{{{}}}", v.join(","))
    };
    let mut left = exchange(7, "gold", 201);
    left.request.body = body("a", "b");
    let mut right = exchange(8, "gold", 201);
    right.request.body = body("A", "B");
    let mut app = compared(left, right);
    let scroll = |app: &App| app.history.compare.as_ref().unwrap().scroll;
    let starts = super::view::change_starts(app.history.compare.as_ref().unwrap().diff.as_ref().unwrap());
    assert_eq!(starts.len(), 2, "{starts:?}");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(scroll(&app), starts[0] - 2);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(scroll(&app), starts[1] - 2);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(scroll(&app), starts[1] - 2, "no change further down: it stays");
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(scroll(&app), starts[0] - 2);
    key(&mut app, KeyCode::Char('G'));
    let max = super::view::rows(&app) - super::view::page(&app);
    assert_eq!(scroll(&app), max);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(scroll(&app), max, "clamped at the end");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(scroll(&app), 0);
}
