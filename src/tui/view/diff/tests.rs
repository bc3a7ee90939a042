//! Issue 14 §6: the comparison of two exchanges as drawn, at 80×24 (each side about 38 columns, long lines cut
//! with `…`) and 160×48, in English and Korean; and the marks in the list.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::super::super::app::{App, Compare, Screen};
use super::super::super::model::{HistoryRow, RowLabel};
use super::super::super::theme::{Theme, Tone};
use crate::exchange::Exchange;
use crate::history::fixtures::{self, Answer};
use crate::i18n::Lang;

fn now() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

fn exchange(id: i64, body: &str, status: u16, answer: &str) -> Exchange {
    let answer = Answer::Http { status, body: answer.into() };
    let mut ex =
        fixtures::exchange("POST", "/users/track", body, answer, now() - jiff::SignedDuration::from_mins(20 - id));
    ex.id = Some(id);
    ex
}

/// #12 worked; #15 sent a tier far too long, an extra header and an escape sequence in a value, and failed.
fn pair() -> (Exchange, Exchange) {
    let left = exchange(
        12,
        r#"{"attributes":[{"external_id":"user-1","tier":"gold","email":"ana@example.com"}]}"#,
        201,
        r#"{"message":"success","attributes_processed":1}"#,
    );
    let mut right = exchange(
        15,
        r#"{"attributes":[{"external_id":"user-1","tier":"platinum-plus-with-a-very-long-name-beyond-the-column","email":"ana@example.com\u001b]0;pwned\u0007"}]}"#,
        400,
        r#"{"message":"Invalid attributes"}"#,
    );
    right.request.headers.push(("X-Trace".into(), "abc-123\x1b]0;pwned\x07".into()));
    (left, right)
}

fn row(id: i64, status: u16, tone: Tone) -> HistoryRow {
    HistoryRow {
        id,
        time: now() - jiff::SignedDuration::from_mins(20 - id),
        environment: "sandbox".into(),
        method: "POST".into(),
        endpoint: "/users/track".into(),
        status: Some(status),
        tone,
        label: RowLabel::Outcome(crate::classify::OutcomeKind::Success),
        duration_ms: 21.0,
        user: None,
    }
}

fn app(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(lang, Theme { colour: false }, now(), w, h);
    app.screen = Screen::History;
    app.history.rows = vec![row(15, 400, Tone::ClientError), row(14, 201, Tone::Success), row(12, 201, Tone::Success)];
    app.history.loaded = true;
    app
}

fn draw(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| super::super::view(app, f)).unwrap();
    crate::tui::driver::screen_text(term.backend().buffer())
}

fn compared(lang: Lang, w: u16, h: u16) -> App {
    let mut app = app(lang, w, h);
    let (l, r) = pair();
    let diff = Arc::new(crate::exchange::diff::diff(&l, &r, &crate::exchange::diff::exact));
    let loaded = [Some(Arc::new(l)), Some(Arc::new(r))];
    app.history.compare = Some(Compare { ids: [12, 15], loaded, diff: Some(diff), seq: 1, scroll: 0, hscroll: 0 });
    app
}

#[test]
fn the_comparison_at_80x24_and_160x48_in_both_languages() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Ko, "ko")] {
        for (w, h) in [(80, 24), (160, 48)] {
            let screen = draw(&compared(lang, w, h));
            assert!(!screen.contains('\x1b'), "an escape from a body reaches the terminal:\n{screen}");
            insta::assert_snapshot!(format!("diff_{w}x{h}_{name}"), screen);
        }
    }
}

#[test]
fn the_comparison_scrolls_to_the_bodies_and_sideways() {
    let mut app = compared(Lang::En, 80, 24);
    let c = app.history.compare.as_mut().unwrap();
    let d = c.diff.clone().unwrap();
    c.scroll = super::change_starts(&d)[2].saturating_sub(2);
    c.hscroll = 12;
    insta::assert_snapshot!("diff_80x24_scrolled", draw(&app));
}

#[test]
fn while_loading_the_comparison_says_so() {
    let mut app = app(Lang::Ko, 80, 24);
    app.history.compare =
        Some(Compare { ids: [12, 15], loaded: [None, None], diff: None, seq: 1, scroll: 0, hscroll: 0 });
    let screen = draw(&app);
    assert!(screen.contains("#12 ⇄ #15") && screen.contains("비교 중…"), "{screen}");
}

#[test]
fn marked_rows_are_marked_in_the_list_in_both_languages() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Ko, "ko")] {
        let mut app = app(lang, 80, 24);
        app.history.marked = vec![12, 15];
        app.history.selected = 1;
        insta::assert_snapshot!(format!("marks_80x24_{name}"), draw(&app));
    }
}
