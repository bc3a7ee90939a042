//! Issue 12 §8: history rows at 80 columns lost their outcome ("…") and their latency ("0", "2", nothing), and their
//! columns did not line up. Now columns give way in a fixed order and numbers are never cut.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use super::super::super::app::{App, Screen};
use super::super::super::model::{HistoryRow, RowLabel};
use super::super::super::theme::{Theme, Tone};
use super::{Cells, elide_path, plan};
use crate::classify::OutcomeKind;
use crate::exchange::NetworkErrorKind;
use crate::i18n::Lang;

fn now() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

#[allow(clippy::too_many_arguments)]
fn row(
    id: i64,
    ago_min: i64,
    method: &str,
    endpoint: &str,
    status: Option<u16>,
    tone: Tone,
    label: RowLabel,
    ms: f64,
) -> HistoryRow {
    HistoryRow {
        id,
        time: now() - jiff::SignedDuration::from_mins(ago_min),
        environment: "sandbox".into(),
        method: method.into(),
        endpoint: endpoint.into(),
        status,
        tone,
        label,
        duration_ms: ms,
        user: None,
    }
}

/// Newest first: statuses of every class, latencies from 0 ms to 30 s (4-digit ms among them), a network failure,
/// an error row the catalog does not know (shown as recorded), and two rows from an earlier day.
fn rows() -> Vec<HistoryRow> {
    let ok = || RowLabel::Outcome(OutcomeKind::Success);
    let error = |id: &str, name: &str| RowLabel::Error { id: Some(id.into()), name: name.into() };
    vec![
        row(8, 1, "POST", "/messages/send", Some(201), Tone::Success, ok(), 0.2),
        row(7, 2, "POST", "/users/track", Some(400), Tone::ClientError, error("bad_request", "Bad Request"), 2.4),
        row(
            6,
            3,
            "POST",
            "/campaigns/trigger/send",
            Some(429),
            Tone::RateLimited,
            error("rate_limited", "Rate Limited"),
            1234.0,
        ),
        row(
            5,
            4,
            "POST",
            "/messages/schedule/create",
            None,
            Tone::ServerError,
            RowLabel::Network(NetworkErrorKind::ReadTimeout),
            30_000.0,
        ),
        row(4, 5, "GET", "/sends/data_series", Some(200), Tone::Success, ok(), 87.0),
        row(
            3,
            6,
            "DELETE",
            "/catalogs/{catalog_name}/items/{item_id}",
            Some(202),
            Tone::Success,
            RowLabel::None,
            9876.0,
        ),
        row(
            2,
            60 * 24,
            "POST",
            "/users/export/ids",
            Some(503),
            Tone::ServerError,
            RowLabel::Error { id: None, name: "Service Unavailable".into() },
            999.0,
        ),
        row(1, 60 * 30, "POST", "/canvas/trigger/send", Some(201), Tone::Success, ok(), 45.0),
    ]
}

fn screen(lang: Lang, w: u16, h: u16) -> String {
    let mut app = App::new(lang, Theme { colour: false }, now(), w, h);
    app.screen = Screen::History;
    app.history.rows = rows();
    app.history.loaded = true;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| super::super::view(&app, f)).unwrap();
    crate::tui::driver::screen_text(term.backend().buffer())
}

/// The list's rows as drawn: the text between the pane's left border and its right border.
fn list_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.strip_prefix('┃'))
        .filter_map(|l| l.split_once('┃').map(|(row, _)| row.to_string()))
        .filter(|r| !r.trim().is_empty())
        .collect()
}

/// Display column where `needle` starts in `line`.
fn col(line: &str, needle: &str) -> usize {
    line.find(needle).map(|i| line[..i].width()).unwrap_or_else(|| panic!("{needle:?} not in {line:?}"))
}

#[test]
fn rows_keep_their_numbers_whole_and_their_columns_aligned_at_80_and_160() {
    let latencies = ["0 ms", "2 ms", "1.2 s", "30.0 s", "87 ms", "9.9 s", "999 ms", "45 ms"];
    let statuses = ["201", "400", "429", "NET", "200", "202", "503", "201"];
    for (lang, w, h) in [(Lang::En, 80, 24), (Lang::Ko, 80, 24), (Lang::En, 160, 48), (Lang::Ko, 160, 48)] {
        let screen = screen(lang, w, h);
        let list = list_rows(&screen);
        assert_eq!(list.len(), 8, "{lang:?} {w}: every row shown\n{screen}");
        let width = list[0].width();
        for (i, r) in list.iter().enumerate() {
            assert_eq!(r.width(), width, "{lang:?} {w}: {r:?}");
            // The latency, with its unit, ends at the pane's edge on every row.
            assert!(r.ends_with(latencies[i]), "{lang:?} {w}: latency cut or misplaced in {r:?}\n{screen}");
            assert!(r.contains(&format!(" {} ", statuses[i])), "{lang:?} {w}: status in {r:?}");
        }
        // The status column starts at the same column on every row.
        let at: Vec<usize> = list.iter().zip(statuses).map(|(r, s)| col(r, &format!(" {s} ")) + 1).collect();
        assert!(at.iter().all(|c| *c == at[0]), "{lang:?} {w}: statuses at {at:?}\n{screen}");
        insta::assert_snapshot!(format!("history_rows_{w}_{lang:?}").to_lowercase(), screen);
    }
}

/// At 160 columns only the longest path gives way, losing whole segments from its middle.
#[test]
fn at_160_columns_only_the_longest_path_gives_way() {
    let screen = screen(Lang::En, 160, 48);
    let list = list_rows(&screen);
    assert!(list[0].starts_with("09:29:00    POST   /messages/send "), "{:?}", list[0]);
    assert!(list[2].contains("/campaigns/trigger/send") && list[2].contains("Rate Limited"), "{:?}", list[2]);
    assert!(list[5].contains(" /catalogs/…/items/{item_id} "), "{:?}", list[5]);
    assert!(list[6].starts_with("03-01 09:30 POST   /users/export/ids "), "{:?}", list[6]);
    assert!(list[6].contains(" 503 Service Unavailable "), "{:?}", list[6]);
    assert!(list[1].contains(" 400 Bad Request "), "{:?}", list[1]);
}

fn cells(endpoint: &str, name: &str) -> Cells {
    Cells {
        time: "09:30:00".into(),
        time_short: "09:30".into(),
        method: "POST".into(),
        endpoint: endpoint.into(),
        status: "201".into(),
        name: name.into(),
        latency: "12 ms".into(),
    }
}

/// The order in which columns give way as the pane narrows.
#[test]
fn the_outcome_gives_way_first_then_the_endpoint_then_the_time() {
    let c = [cells("/users/export/ids", "Service Unavailable")];
    // time 8, method 4, status 3, latency 5, 4 gaps: 24; endpoint 17 + gap.
    let at = |w| {
        let p = plan(w, &c.iter().collect::<Vec<_>>());
        (p.time, p.endpoint, p.outcome)
    };
    assert_eq!(at(80), (Some(false), 17, Some(80 - 24 - 18)));
    assert_eq!(at(24 + 18 + 8), (Some(false), 17, Some(8)));
    // One column less: the path loses a whole segment, which gives the outcome more than it lost.
    assert_eq!(at(24 + 18 + 7), (Some(false), 12, Some(12)));
    // Then the time shortens, the outcome keeping 8 and the path 12.
    assert_eq!(at(21 + 12 + 9), (Some(true), 12, Some(8)));
    // Then the outcome goes, and the seconds and the path may have their width again.
    assert_eq!(at(21 + 12 + 8), (Some(false), 17, None));
    assert_eq!(at(38), (Some(false), 12, None));
    assert_eq!(at(21 + 12), (Some(true), 12, None));
    // Then the time goes.
    assert_eq!(at(20), (None, 5, None));
}

#[test]
fn paths_lose_their_middle_and_keep_their_first_folder_and_end() {
    assert_eq!(elide_path("/users/export/ids", 17), "/users/export/ids");
    assert_eq!(elide_path("/users/export/ids", 16), "/users/…/ids");
    assert_eq!(elide_path("/campaigns/trigger/send", 17), "/campaigns/…/send");
    assert_eq!(elide_path("/canvas/trigger/send", 15), "/canvas/…/send");
    assert_eq!(elide_path("/catalogs/{catalog_name}/items/{item_id}", 30), "/catalogs/…/items/{item_id}");
    // Too narrow for whole segments: start and end around the ellipsis, in exactly the columns given.
    assert_eq!(elide_path("/messages/schedule/create", 12), "/me…e/create");
    assert_eq!(elide_path("/messages/send", 12).width(), 12);
    assert_eq!(elide_path("/messages/send", 0), "");
}

/// Issue 12 §12: the Korean history list names outcomes in Korean (an error row by its Korean name, a network
/// failure by its title, a success by its word), and keeps a name the catalog does not know as it was recorded.
#[test]
fn the_korean_list_names_outcomes_in_korean() {
    let list = list_rows(&screen(Lang::Ko, 160, 20));
    let has = |n: usize, text: &str| assert!(list[n].contains(text), "row {n} lacks {text:?}: {:?}", list[n]);
    has(0, "성공");
    has(1, "잘못된 요청");
    has(2, crate::catalog::errors().row("rate_limited").unwrap().label(Lang::Ko));
    has(3, "응답 시간 초과");
    has(6, "Service Unavailable");
    assert!(list.iter().all(|r| !r.contains("success") && !r.contains("Bad Request")), "{list:#?}");
    let en = list_rows(&screen(Lang::En, 160, 20));
    assert!(en[1].contains("Bad Request") && en[3].contains("No answer in time"), "{en:#?}");
}
