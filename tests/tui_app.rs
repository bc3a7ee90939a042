//! Whole-app tests: scripted keys into the real app (update, runtime, in-process mock, history store) on a
//! `TestBackend`, with a manual clock shared by the app, its client and the mock, so every time shown is the test's.
//! Screens are checked with insta snapshots; insta filters replace the few values that depend on the machine
//! (latencies, ports).

use std::time::Duration;

use brazen::fault::Fault;
use brazen::i18n::{Lang, Table as _};
use brazen::tui::Theme;
use brazen::tui::app::{Focus, Screen};
use brazen::tui::driver::Driver;
use brazen::tui::msg::Msg;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Color;

use crate::common;

use common::tui::{TuiHome as Home, start_tui as start, tui_home as home, tui_options as options};

/// Snapshots a screen with what varies between machines and runs replaced by insta filters: the mock's free port,
/// latencies (`12 ms`, `3.4 ms`) and sparkline bars (their heights follow the latencies), and the spaces a shorter
/// latency leaves at a line's end. Times need no filter: the client stamps exchanges with the app's manual clock.
macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {{
        let mut settings = insta::Settings::clone_current();
        for (pattern, replacement) in SCREEN_FILTERS {
            settings.add_filter(pattern, *replacement);
        }
        settings.bind(|| insta::assert_snapshot!($name, $screen));
    }};
}

const SCREEN_FILTERS: &[(&str, &str)] = &[
    (r"127\.0\.0\.1:\d+", "127.0.0.1:PORT"),
    // The test's temporary home (fixed length, so wrapping does not change).
    (r"/tmp/\.tmp\w{6}", "/tmp/HOME"),
    ("[▁▂▃▄▅▆▇█]", " "),
    (r" +\d+(?:\.\d+)? ms\b", " N ms"),
    (r"\b\d+(?:\.\d+)? ms\b", "N ms"),
    (r"(?m) +$", ""),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_shows_the_messages_send_template_in_the_sandbox() {
    let h = home();
    let mut d = start(&h, 120, 32).await;
    assert_eq!(d.app.current_endpoint().key(), "POST /messages/send");
    let screen = d.render();
    assert!(screen.contains("sandbox — offline mock"), "{screen}");
    insta::assert_snapshot!("first_start_120x32", screen);
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn break_the_body_see_the_diagnostic_fix_it_send_and_see_the_2xx_card() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    // Load a template through the picker: F2, filter, Enter.
    d.key(KeyCode::F(2));
    d.type_text("messages/send");
    d.key(KeyCode::Enter);
    assert_eq!(d.app.focus, Focus::Editor);
    // Break it: delete the comma ending line 2.
    d.key(KeyCode::Down);
    d.key(KeyCode::End);
    d.key(KeyCode::Backspace);
    d.settle().await;
    let diags = d.app.editor.diagnostics();
    assert_eq!(diags.len(), 1, "{diags:?}");
    // The validator points at the value the comma should follow.
    assert_eq!((diags[0].error.as_str(), diags[0].line, diags[0].column), ("bad_request", 2, 36));
    // F8 jumps to it, and the status bar shows it.
    d.key(KeyCode::Up);
    d.key(KeyCode::F(8));
    assert_eq!(d.app.editor.cursor(), (1, 35));
    insta::assert_snapshot!("broken_body", d.render());
    // Fix it and send.
    d.key(KeyCode::End);
    d.type_text(",");
    d.settle().await;
    assert!(d.app.editor.diagnostics().is_empty());
    d.ctrl('s');
    // In flight: spinner and elapsed time (the clock is manual, so 0.0 s).
    let sending = d.render();
    assert!(sending.contains("Sending POST /messages/send"), "{sending}");
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains(" 201 ") && screen.contains("Accepted for processing"), "{screen}");
    assert_screen!("sent_2xx", &screen);
    d.shutdown().await;
}

/// The text inside a rectangle of the screen, one line per row (wide characters once).
fn region_text(buf: &ratatui::buffer::Buffer, r: ratatui::layout::Rect) -> String {
    let mut out = String::new();
    for y in r.y..r.y + r.height {
        let mut skip = 0;
        for x in r.x..r.x + r.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_sentence_of_the_diagnostic_is_readable_before_sending() {
    for (lang, w, ht) in [(Lang::En, 100, 30), (Lang::En, 80, 24), (Lang::Ko, 80, 24)] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, w, ht).await;
        // Break the template (delete the comma ending line 2) and put the cursor on the diagnostic.
        d.key(KeyCode::Down);
        d.key(KeyCode::End);
        d.key(KeyCode::Backspace);
        d.settle().await;
        d.key(KeyCode::Up);
        d.key(KeyCode::F(8));
        // The validator's own sentence for the same text, so the test does not depend on its wording.
        let ctx = brazen::validate::Context::new(d.app.now, jiff::tz::TimeZone::UTC).with_lang(lang);
        let report = brazen::validate::check(d.app.current_endpoint().key(), d.app.editor.text(), &ctx);
        let diag = report.diagnostics.first().expect("the broken body has a diagnostic").clone();
        assert!(d.app.editor.cursor_diagnostic().is_some(), "F8 put the cursor on it");
        let screen = d.render();
        let a = brazen::tui::layout::areas(&d.app);
        let pane = region_text(d.buffer(), brazen::tui::layout::inner(a.diagnostics));
        // Wrapped over several rows: compare without the whitespace the wrapping moved.
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert!(squash(&pane).contains(&squash(&diag.message)), "{lang:?} {w}x{ht}: {:?}\n{screen}", diag.message);
        assert!(!pane.contains('…'), "{lang:?} {w}x{ht}: nothing truncated\n{screen}");
        assert!(a.editor.height >= 3, "{lang:?} {w}x{ht}: the editor keeps its rows");
        // The status bar names it compactly instead of cutting the sentence.
        let (name, _) = d.app.diagnostic_name(&diag);
        let status = screen.lines().nth(a.status.y as usize).unwrap();
        let shown = format!("{}:{} ✖ {name}", diag.line, diag.column);
        let at = status.find(&shown).unwrap_or_else(|| panic!("{lang:?} {w}x{ht}: {shown:?} not in {status:?}"));
        assert!(!status[at..].contains('…'), "{status}");
        if w == 80 {
            insta::assert_snapshot!(format!("diagnostic_whole_{lang:?}_80x24").to_lowercase(), screen);
        }
        // Fixed, the pane shrinks back to one line.
        d.key(KeyCode::End);
        d.type_text(",");
        d.settle().await;
        assert!(d.app.editor.diagnostics().is_empty());
        let a = brazen::tui::layout::areas(&d.app);
        let verdict = brazen::tui::layout::no_problems(&d.app, a.diagnostics.width as usize - 2).0.len();
        assert_eq!(a.diagnostics.height as usize, verdict + 2, "back to the one verdict");
        d.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_recipients_is_predicted_confirmed_and_explained() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    // Empty line 2 (the recipients).
    d.key(KeyCode::Down);
    d.ctrl('k');
    d.settle().await;
    assert_eq!(d.app.editor.diagnostics()[0].error, "no_recipients");
    d.ctrl('s');
    let confirm = d.render();
    assert!(confirm.contains("Send anyway?"), "{confirm}");
    insta::assert_snapshot!("confirm_fatal", confirm);
    d.key(KeyCode::Char('y'));
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains(" 400 ") && screen.contains("No Recipients"), "{screen}");
    assert!(screen.contains("Nothing was sent"), "{screen}");
    assert_screen!("no_recipients_4xx", &screen);
    d.shutdown().await;
}

/// A sandbox allowing one request a minute, after the second send: the card shows its 429.
async fn rate_limited(h: &Home) -> Driver {
    let mut d = Driver::start(options(h, Lang::En, Some(1)), Theme { colour: false }, 100, 30).await;
    d.ctrl('s');
    d.settle().await;
    d.ctrl('s');
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(429));
    d
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_counts_down_to_the_reset_and_r_retries_when_it_comes() {
    let h = home();
    let mut d = Driver::start(options(&h, Lang::En, Some(1)), Theme { colour: false }, 100, 30).await;
    d.ctrl('s');
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(201));
    d.ctrl('s');
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(429));
    let left = d.app.reset_countdown().unwrap();
    assert!(left > 15 && left <= 60, "{left}");
    let screen = d.render();
    assert!(screen.contains(&format!("{} left", brazen::text::duration::seconds_left(left, Lang::En))), "{screen}");
    assert_screen!("rate_limited_429", &screen);
    // The countdown is live.
    h.clock.advance(Duration::from_secs(10));
    d.tick();
    assert_eq!(d.app.reset_countdown(), Some(left - 10));
    assert!(d.render().contains(&format!("{} left", brazen::text::duration::seconds_left(left - 10, Lang::En))));
    // `r` in the response pane waits for the reset, then sends.
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert!(d.render().contains(&format!("Retrying in {}", brazen::text::duration::seconds_left(left - 10, Lang::En))));
    h.clock.advance(Duration::from_secs((left - 10) as u64));
    d.tick();
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(201));
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_lists_opens_filters_reopens_and_exports() {
    let h = home();
    let mut d = start(&h, 120, 32).await;
    let sent_body = d.app.editor.text().to_string();
    d.ctrl('s');
    d.settle().await;
    // A second exchange: no recipients, sent anyway.
    d.key(KeyCode::Down);
    d.ctrl('k');
    d.ctrl('s');
    d.key(KeyCode::Char('y'));
    d.settle().await;
    d.key(KeyCode::F(3));
    d.settle().await;
    assert_eq!(d.app.screen, Screen::History);
    assert_eq!(d.app.history.rows.len(), 2);
    assert_eq!(d.app.history.rows[0].status, Some(400), "newest first");
    // Open the older (successful) one.
    d.key(KeyCode::Down);
    d.key(KeyCode::Enter);
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains("No Rec") && screen.contains("#1 POST /messages/send"), "{screen}");
    assert_screen!("history_open", &screen);
    // Issue 12 §6: Tab gives the opened exchange the keys, PgDn scrolls it rather than the list, Esc gives them back.
    d.key(KeyCode::Tab);
    d.key(KeyCode::PageDown);
    assert!(d.app.history.open.as_ref().is_some_and(|e| e.focused && e.scroll > 0));
    assert_eq!(d.app.history.selected, 1);
    d.key(KeyCode::Esc);
    assert!(d.app.history.open.as_ref().is_some_and(|e| !e.focused));
    // Filter by class: 2XX only.
    d.key(KeyCode::Char('c'));
    d.settle().await;
    assert_eq!(d.app.history.rows.iter().map(|r| r.status).collect::<Vec<_>>(), vec![Some(201)]);
    d.key(KeyCode::Char('c'));
    d.settle().await;
    assert_eq!(d.app.history.rows.iter().map(|r| r.status).collect::<Vec<_>>(), vec![Some(400)]);
    // Text search.
    d.key(KeyCode::Char('c'));
    d.key(KeyCode::Char('c'));
    d.key(KeyCode::Char('c'));
    d.key(KeyCode::Char('c'));
    d.key(KeyCode::Char('/'));
    d.type_text("user-123");
    d.key(KeyCode::Enter);
    d.settle().await;
    assert_eq!(d.app.history.rows.len(), 1, "only the first body names user-123");
    // A search that matches nothing says so, rather than claiming the history is empty.
    d.key(KeyCode::Char('/'));
    d.type_text("zq");
    d.settle().await;
    assert!(d.app.history.rows.is_empty());
    let screen = d.render();
    assert!(screen.contains("No exchange matches these filters") && !screen.contains("No exchanges yet"), "{screen}");
    for _ in 0.."user-123zq".len() {
        d.key(KeyCode::Backspace);
    }
    d.type_text("user-123");
    d.key(KeyCode::Enter);
    d.settle().await;
    assert_eq!(d.app.history.rows.len(), 1);
    // Export as curl and as markdown: files in the export folder, without the key.
    d.key(KeyCode::Char('x'));
    d.settle().await;
    d.key(KeyCode::Char('m'));
    d.settle().await;
    let curl = std::fs::read_to_string(h.dir.path().join("brazen-1.sh")).unwrap();
    assert!(curl.contains("$BRAZE_API_KEY") && !curl.contains("sandbox-all"), "{curl}");
    assert!(curl.contains("# This was sent to the sandbox") && curl.contains("`brazen mock`"), "{curl}");
    let md = std::fs::read_to_string(h.dir.path().join("brazen-1.md")).unwrap();
    assert!(md.contains("/messages/send") && !md.contains("sandbox-all"));
    // The whole path is on the status bar (the rate limit makes room for it while the notice shows).
    let to = format!("Exported to {}", h.dir.path().join("brazen-1.md").display());
    let screen = d.render();
    assert!(screen.contains(&to), "{to:?} in {screen}");
    // Exporting the same exchange again never overwrites the first file: the next free name, and the notice says it.
    d.key(KeyCode::Char('x'));
    d.settle().await;
    let again = h.dir.path().join("brazen-1-2.sh");
    assert_eq!(std::fs::read_to_string(h.dir.path().join("brazen-1.sh")).unwrap(), curl, "the first export is kept");
    assert!(std::fs::read_to_string(&again).unwrap().contains("$BRAZE_API_KEY"));
    let screen = d.render();
    assert!(screen.contains(&format!("Exported to {}", again.display())), "{screen}");
    // Reopen its request in the editor; the edited draft is replaced after confirmation.
    d.key(KeyCode::Char('o'));
    d.settle().await;
    assert!(d.render().contains("Discard your edits"));
    d.key(KeyCode::Char('y'));
    d.settle().await;
    assert_eq!(d.app.screen, Screen::Work);
    assert_eq!(d.app.editor.text(), sent_body);
    assert_eq!(d.app.replay_of, Some(1));
    let screen = d.render();
    assert!(screen.contains("Reopened exchange #1"), "{screen}");
    // The 400 shown before answered another request: gone.
    assert!(d.app.response.is_none() && !screen.contains("No Recipients"), "{screen}");
    // Sending it again records a replay.
    d.ctrl('s');
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.replay_of, Some(1));
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_endpoint_and_draft_come_back_on_the_next_start() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    d.key(KeyCode::F(2));
    d.type_text("users/track");
    d.key(KeyCode::Enter);
    d.type_text(" ");
    let draft = d.app.editor.text().to_string();
    d.ctrl('c');
    assert!(d.app.quit);
    d.finish();
    d.shutdown().await;
    let mut d = start(&h, 100, 30).await;
    assert_eq!(d.app.current_endpoint().key(), "POST /users/track");
    assert_eq!(d.app.editor.text(), draft);
    // A restored draft still counts as edits: choosing another endpoint asks first.
    d.key(KeyCode::F(2));
    d.type_text("messages/send");
    d.key(KeyCode::Enter);
    assert!(matches!(d.app.overlay, Some(brazen::tui::app::Overlay::Confirm(_))));
    assert!(d.render().contains("Discard your edits"));
    d.key(KeyCode::Char('n'));
    assert_eq!(d.app.current_endpoint().key(), "POST /users/track");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_body_validates_off_thread_and_the_newest_edit_wins() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    let pad: Vec<String> = (0..20_000).map(|i| format!("\"padding-value-{i:08}-xxxxxxxxxxxxxxxx\"")).collect();
    let big = format!("{{\"external_user_ids\": [], \"pad\": [{}]}}\n", pad.join(",\n"));
    assert!(big.len() > 800_000);
    d.handle(Msg::Paste(big));
    // Two more edits before any result can arrive: only the last generation's report may stay.
    d.type_text("x");
    d.key(KeyCode::Backspace);
    d.settle().await;
    assert!(!d.app.editor.stale());
    assert_eq!(d.app.editor.report_generation, d.app.editor.generation);
    // The paste went in before the template's `{`: a syntax error, found by the worker.
    assert_eq!(d.app.editor.diagnostics()[0].error, "bad_request");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn korean_ui_at_80x24() {
    let h = home();
    let mut d = Driver::start(options(&h, Lang::Ko, None), Theme { colour: false }, 80, 24).await;
    d.key(KeyCode::Down);
    d.ctrl('k');
    d.ctrl('s');
    d.key(KeyCode::Char('y'));
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains("발송되지"), "{screen}");
    assert_screen!("korean_4xx_80x24", &screen);
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_colours_follow_the_class_and_no_color_has_none() {
    let h = home();
    let mut d = Driver::start(options(&h, Lang::En, Some(1)), Theme { colour: true }, 100, 30).await;
    let badge_bg = |d: &mut Driver, label: &str| {
        d.render();
        let buf = d.buffer();
        let area = buf.area;
        for y in 0..area.height {
            let row: String = (0..area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
            if let Some(i) = row.find(label) {
                let x = row[..i].chars().count() as u16 + 1;
                return buf[(x, y)].bg;
            }
        }
        panic!("{label} not on screen");
    };
    d.ctrl('s');
    d.settle().await;
    assert_eq!(badge_bg(&mut d, " 201 "), Color::Green);
    d.ctrl('s');
    d.settle().await;
    assert_eq!(badge_bg(&mut d, " 429 "), Color::Blue);
    d.shutdown().await;

    let h = home();
    let mut d = start(&h, 100, 30).await;
    d.key(KeyCode::Down);
    d.ctrl('k');
    d.ctrl('s');
    d.key(KeyCode::Char('y'));
    d.settle().await;
    d.render();
    let buf = d.buffer();
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "NO_COLOR: no colours");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mouse_focuses_panes_switches_tabs_and_scrolls() {
    let h = home();
    let mut d = start(&h, 120, 32).await;
    d.ctrl('s');
    d.settle().await;
    let a = brazen::tui::layout::areas(&d.app);
    let click = |col, row| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    d.handle(click(a.detail.x + 2, a.detail.y + 3));
    assert_eq!(d.app.focus, Focus::Response);
    d.handle(click(a.editor.x + 10, a.editor.y + 2));
    assert_eq!(d.app.focus, Focus::Editor);
    assert_eq!(d.app.editor.cursor().0, 1, "the click put the cursor on line 2");
    // Headers tab by clicking its label on the detail pane's top border.
    let screen = d.render();
    let line = screen.lines().nth(a.detail.y as usize).unwrap();
    let col = line.chars().position(|_| true).map(|_| line.find("2 Headers").unwrap()).unwrap();
    let col = line[..col].chars().count() as u16;
    d.handle(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col + 1,
        row: a.detail.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(d.app.response.as_ref().unwrap().detail, brazen::tui::app::Detail::Headers);
    // Wheel over the editor scrolls it.
    d.handle(click(a.editor.x + 10, a.editor.y + 2));
    let long: String = (0..200).map(|i| format!("  \"k{i}\": {i},\n")).collect();
    d.handle(Msg::Paste(long));
    d.handle(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: a.editor.x + 5,
        row: a.editor.y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    let top = d.app.editor.top;
    d.handle(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: a.editor.x + 5,
        row: a.editor.y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(d.app.editor.top, top + 3);
    // In the endpoint list a click selects, a second click loads (asking first: the editor has edits).
    let screen = d.render();
    let y = screen.lines().position(|l| l.contains("POST   /users/track")).unwrap() as u16;
    d.handle(click(3, y));
    assert_eq!(d.app.focus, Focus::Picker);
    assert_eq!(d.app.current_endpoint().key(), "POST /messages/send");
    d.handle(click(3, y));
    assert!(matches!(d.app.overlay, Some(brazen::tui::app::Overlay::Confirm(_))));
    d.key(KeyCode::Char('y'));
    assert_eq!(d.app.current_endpoint().key(), "POST /users/track");
    // The History tab on the top line.
    let tabs = d.render().lines().next().unwrap().to_string();
    let col = tabs[..tabs.find("History").unwrap()].chars().count() as u16;
    d.handle(click(col, 0));
    d.settle().await;
    assert_eq!(d.app.screen, Screen::History);
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_environment_overlays() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    d.key(KeyCode::F(1));
    let help = d.render();
    assert!(help.contains("Everywhere") && help.contains("reopen in editor"), "{help}");
    insta::assert_snapshot!("help", help);
    assert_help_whole(&help, "cycle sandbox fault", "Esc closes this help", "Esc back");
    d.key(KeyCode::Esc);
    d.key(KeyCode::F(4));
    let envs = d.render();
    assert!(envs.contains("US-03") && envs.contains("https://rest.iad-03.braze.com"), "{envs}");
    // Switch to US-03 (no key configured): the status bar says so, and `q` outside the editor quits.
    let us03 = d.app.envs.iter().position(|e| e.name == "US-03").unwrap();
    for _ in 0..us03 {
        d.key(KeyCode::Down);
    }
    d.key(KeyCode::Enter);
    d.settle().await;
    assert_eq!(d.app.current_env().unwrap().name, "US-03");
    let screen = d.render();
    assert!(screen.contains("● US-03 no key ") && !screen.contains("key no key"), "{screen}");
    d.key(KeyCode::Tab);
    d.key(KeyCode::Tab);
    assert_eq!(d.app.focus, Focus::Response);
    d.key(KeyCode::Char('q'));
    assert!(d.app.quit);
    d.shutdown().await;
}

/// Every description and the way out are on screen whole, and the footer offers only what the help does (close).
fn assert_help_whole(help: &str, fault: &str, close: &str, footer: &str) {
    assert!(help.contains(fault), "the F7 line is cut: {help}");
    assert!(help.contains(close), "how to close is cut: {help}");
    // At 80×24 the box takes every row (the help says itself how to close); a footer left visible says the same.
    let last = help.lines().last().unwrap().trim();
    assert!(last.ends_with(footer) || last.contains('┗'), "{help}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_fits_80x24_in_both_languages() {
    for (lang, fault, close, footer) in [
        (Lang::En, "cycle sandbox fault", "Esc closes this help", "Esc back"),
        (Lang::Ko, "모의 서버 장애 전환", "Esc로 도움말을 닫습니다", "Esc 뒤로"),
    ] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, 80, 24).await;
        d.key(KeyCode::F(1));
        let top = d.render();
        assert_help_whole(&top, fault, close, footer);
        // What does not fit is one End away (the help scrolls, and its border says how much is below).
        d.key(KeyCode::End);
        let help = format!("{top}{}", d.render());
        // Every description whole, in both languages.
        let s = brazen::tui::strings::Strings::get(lang);
        for what in [
            s.k_send,
            s.k_cancel,
            s.k_endpoints,
            s.k_history,
            s.k_env,
            s.k_path,
            s.k_fault,
            s.k_next_diag,
            s.k_focus,
            s.k_help,
            s.k_quit,
            s.k_undo,
            s.k_load,
            s.k_filter,
            s.k_jump,
            s.k_retry,
            s.k_data_series,
            s.k_tabs,
            s.k_scroll,
            s.k_open,
            s.k_reopen,
            s.k_export,
            s.k_entry_focus,
            s.k_scroll_entry,
            s.k_filters,
            s.k_find,
            s.k_search,
            s.k_back,
            s.help_not_typing,
        ] {
            assert!(help.contains(what), "{lang:?}: {what:?} is cut\n{help}");
        }
        // Truthful: `q` and `?` are text in the editor, so they are not listed as working everywhere.
        assert!(!help.contains("q / Ctrl-C") && !help.contains("? / F1"), "{help}");
        let line_of = |what: &str| help.lines().position(|l| l.contains(what)).unwrap();
        assert!(line_of(s.help_not_typing) > line_of(s.help_history), "{help}");
        d.key(KeyCode::Esc);
        assert_eq!(d.app.focus, Focus::Editor);
        d.key(KeyCode::Char('q'));
        assert!(!d.app.quit && d.app.editor.text().starts_with('q'), "q types in the editor");
        d.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_cancels_a_request_in_flight() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    // F7 picks a sandbox fault; `timeout` never answers.
    for _ in 0..5 {
        d.key(KeyCode::F(7));
    }
    assert_eq!(d.app.fault, Some(Fault::Timeout));
    assert!(d.render().contains("fault timeout"));
    d.ctrl('s');
    assert!(d.app.busy());
    d.key(KeyCode::Esc);
    assert!(!d.app.busy());
    assert!(d.render().contains("Cancelled."));
    d.settle().await;
    assert!(d.app.response.is_none(), "a cancelled request shows no response");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_503_backs_off_and_r_retries_after_the_advised_delay() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    d.key(KeyCode::F(7));
    assert_eq!(d.app.fault, Some(Fault::Status(503)));
    d.ctrl('s');
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains(" 503 ") && screen.contains("5XX") && screen.contains("back off and retry"), "{screen}");
    // A 5XX can come after the message went out: the card says so, as `brazen send` does, not "nothing was sent".
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert!(!screen.contains("Nothing was sent"), "{screen}");
    let card = region_text(d.buffer(), brazen::tui::layout::inner(brazen::tui::layout::areas(&d.app).card));
    assert!(squash(&card).contains(&squash("a 5XX can arrive after")), "{screen}");
    assert!(screen.contains("r asks first"), "{screen}");
    assert_screen!("server_error_5xx", &screen);
    // The outage is over: no more fault. /messages/send is not idempotent, so `r` asks before repeating it.
    for _ in 0..7 {
        d.key(KeyCode::F(7));
    }
    assert_eq!(d.app.fault, None);
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert!(!d.app.busy(), "nothing scheduled before the answer");
    let confirm = d.render();
    assert!(confirm.contains("is not idempotent") && confirm.contains("Retry anyway?"), "{confirm}");
    d.key(KeyCode::Char('n'));
    assert!(d.app.overlay.is_none() && !d.app.busy(), "n: no retry");
    // Then yes: it waits the first backoff delay, then sends.
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Char('y'));
    assert!(d.render().contains("Retrying in 1 s (backing off)"));
    h.clock.advance(Duration::from_secs(1));
    d.tick();
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(201));
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_id_fetches_its_data_series_with_one_key() {
    let h = home();
    let mut d = start(&h, 120, 32).await;
    d.key(KeyCode::F(2));
    d.type_text("sends/id/create");
    d.key(KeyCode::Enter);
    d.ctrl('s');
    d.settle().await;
    let send_id = d.app.response.as_ref().unwrap().exchange.outcome.as_ref().unwrap().send_id.clone();
    assert!(send_id.is_some(), "{:?}", d.app.response.as_ref().unwrap().exchange.outcome);
    let screen = d.render();
    assert!(screen.contains("d fetches /sends/data_series"), "{screen}");
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('d'));
    d.settle().await;
    let ex = &d.app.response.as_ref().unwrap().exchange;
    assert_eq!(ex.request.endpoint, "/sends/data_series");
    assert!(ex.request.url.contains("send_id=") && ex.request.url.contains("campaign_id=campaign-push"));
    assert_eq!(ex.status(), Some(200), "{:?}", ex.final_response());
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_80_columns_the_picker_is_an_overlay() {
    let h = home();
    let mut d = start(&h, 80, 24).await;
    assert!(brazen::tui::layout::areas(&d.app).picker.is_none());
    d.key(KeyCode::F(2));
    d.type_text("track");
    let screen = d.render();
    assert!(screen.contains("/users/track"), "{screen}");
    insta::assert_snapshot!("picker_overlay_80x24", screen);
    d.key(KeyCode::Enter);
    assert_eq!(d.app.current_endpoint().key(), "POST /users/track");
    assert_eq!(d.app.focus, Focus::Editor);
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiny_terminals_and_random_keys_never_panic() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    d.ctrl('s');
    d.settle().await;
    for (w, ht) in [(1, 1), (10, 4), (40, 12), (79, 23), (250, 80)] {
        d.handle(Msg::Resize(w, ht));
        d.terminal.backend_mut().resize(w, ht);
        for k in [KeyCode::F(1), KeyCode::Esc, KeyCode::F(4), KeyCode::Esc, KeyCode::F(2), KeyCode::F(3), KeyCode::F(3)]
        {
            d.key(k);
            d.render();
        }
        d.key(KeyCode::Esc);
    }
    d.handle(Msg::Resize(90, 26));
    d.terminal.backend_mut().resize(90, 26);
    // A fixed pseudo-random walk over the keys the app knows.
    let keys = [
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Esc,
        KeyCode::F(2),
        KeyCode::F(3),
        KeyCode::F(4),
        KeyCode::F(6),
        KeyCode::F(8),
        KeyCode::Char('{'),
        KeyCode::Char('"'),
        KeyCode::Char('가'),
        KeyCode::Char('c'),
        KeyCode::Char('e'),
        KeyCode::Char('/'),
        KeyCode::Char('1'),
        KeyCode::Char('4'),
        KeyCode::Char(']'),
        KeyCode::Char('j'),
        KeyCode::Char('n'),
    ];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..3000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        d.key(keys[(x % keys.len() as u64) as usize]);
        if i % 50 == 0 {
            d.render();
        }
    }
    d.render();
    assert!(!d.app.quit);
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unusable_history_still_sends_says_why_and_keeps_the_file() {
    let h = home();
    // Not a database: another program's file, or a damaged one. brazen must neither crash nor overwrite it.
    let junk: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::create_dir_all(h.paths.history_db.parent().unwrap()).unwrap();
    std::fs::write(&h.paths.history_db, &junk).unwrap();
    let mut d = start(&h, 120, 32).await;
    d.ctrl('s');
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains("201") && screen.contains("History unavailable"), "{screen}");
    d.key(KeyCode::F(3));
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains("History unavailable, nothing is recorded: cannot open the history database"), "{screen}");
    assert!(!screen.contains("No exchanges yet"), "{screen}");
    // In the list pane itself, not only in the status bar's notice.
    let pane: Vec<&str> = screen.lines().skip(2).take(3).collect();
    assert!(pane.iter().any(|l| l.contains("┃History unavailable, nothing is")), "{screen}");
    d.shutdown().await;
    assert_eq!(std::fs::read(&h.paths.history_db).unwrap(), junk, "the file is left as it was");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_on_a_messaging_endpoint_asks_before_resending() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    // `reset`: the connection drops after the request went out, so the message may have been delivered.
    while d.app.fault != Some(Fault::Reset) {
        d.key(KeyCode::F(7));
    }
    d.ctrl('s');
    d.settle().await;
    assert!(d.app.response.as_ref().unwrap().exchange.outcome.is_none(), "a network failure");
    let screen = d.render();
    assert!(screen.contains("r asks first"), "{screen}");
    while d.app.fault.is_some() {
        d.key(KeyCode::F(7));
    }
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert!(matches!(d.app.overlay, Some(brazen::tui::app::Overlay::Confirm(_))), "r asks first");
    assert!(!d.app.busy());
    // The Hangul keyboard's n (ㅜ) and y (ㅛ) answer too.
    d.key(KeyCode::Char('ㅜ'));
    assert!(d.app.overlay.is_none() && !d.app.busy(), "ㅜ is no");
    d.key(KeyCode::Char('r'));
    d.key(KeyCode::Char('ㅛ'));
    assert!(d.app.busy(), "ㅛ is yes: sent again");
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(201));
    // An idempotent endpoint's 5XX is retried without asking.
    d.key(KeyCode::F(2));
    d.type_text("messages/schedule/delete");
    d.key(KeyCode::Enter);
    assert_eq!(d.app.current_endpoint().key(), "POST /messages/schedule/delete");
    d.key(KeyCode::F(7));
    assert_eq!(d.app.fault, Some(Fault::Status(503)));
    d.ctrl('s');
    if d.app.overlay.is_some() {
        d.key(KeyCode::Char('y'));
    }
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(503));
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert!(d.app.overlay.is_none() && d.app.busy(), "scheduled without a question");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_after_a_429_waits_no_longer_than_the_cap_and_esc_cancels_the_wait_quietly() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    while d.app.fault != Some(Fault::Status(429)) {
        d.key(KeyCode::F(7));
    }
    d.ctrl('s');
    d.settle().await;
    assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(429));
    let cap = brazen::retry::RetryPolicy::default().max_reset_wait.as_secs() as i64;
    let played = d.app.reset_countdown().unwrap();
    assert!((1..=cap).contains(&played), "the sandbox's 429 opens again within the minute: {played}");
    // Braze's own 429 on an hourly window: it opens at 10:00, 30 minutes after t0.
    let ten: jiff::Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    let view = d.app.response.as_mut().unwrap();
    let mut ex = (*view.exchange).clone();
    ex.outcome.as_mut().unwrap().rate_limit.reset = Some(ten.as_second());
    view.exchange = std::sync::Arc::new(ex);
    let left = d.app.reset_countdown().unwrap();
    assert!(left > cap, "{left}");
    let screen = d.render();
    assert!(screen.contains(&format!("r works once {cap} s or less are left")), "{screen}");
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert!(!d.app.busy(), "no wait beyond the policy's cap");
    let toast = d.app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let opens = format!("opens in {}", brazen::text::duration::seconds_left(left, Lang::En));
    assert!(toast.contains(&opens) && toast.contains("10:00:00"), "{toast}");
    // Within the cap, `r` waits for the reset.
    h.clock.advance(Duration::from_secs((left - 50) as u64));
    d.tick();
    assert_eq!(d.app.reset_countdown(), Some(50));
    d.key(KeyCode::Char('r'));
    assert!(d.render().contains("Retrying in 50 s"));
    // Esc during the wait: nothing is on the wire, so no warning that something may have reached Braze.
    d.key(KeyCode::Esc);
    assert!(!d.app.busy());
    let screen = d.render();
    assert!(screen.contains("Retry cancelled") && !screen.contains("on the wire"), "{screen}");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_path_line_scrolls_to_keep_the_cursor_in_view() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let h = home();
        let mut d = start(&h, w, ht).await;
        d.key(KeyCode::F(2));
        d.type_text("transactional");
        d.key(KeyCode::Enter);
        assert_eq!(d.app.current_endpoint().path, "/transactional/v1/campaigns/{campaign_id}/send");
        d.key(KeyCode::F(6));
        d.key(KeyCode::End);
        d.type_text("?x=1");
        d.render();
        let a = brazen::tui::layout::areas(&d.app);
        let url = region_text(d.buffer(), a.url);
        assert!(url.trim_end().ends_with("email/send?x=1"), "{w}x{ht}: what was typed is visible: {url:?}");
        let cursor = d.terminal.get_cursor_position().unwrap();
        let text_w = unicode_width::UnicodeWidthStr::width(url.trim_end()) as u16;
        assert_eq!((cursor.x, cursor.y), (a.url.x + text_w, a.url.y), "{w}x{ht}: the cursor right after it");
        assert!(cursor.x < a.url.right());
        d.key(KeyCode::Home);
        d.render();
        let url = region_text(d.buffer(), a.url);
        assert!(url.starts_with(" POST /transactional/"), "{w}x{ht}: {url:?}");
        assert_eq!(d.terminal.get_cursor_position().unwrap().x, a.url.x + " POST ".len() as u16);
        d.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_80_columns_the_rate_limit_countdown_keeps_its_unit() {
    for lang in [Lang::En, Lang::Ko] {
        for fault in [false, true] {
            let h = home();
            let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, 80, 24).await;
            if fault {
                d.key(KeyCode::F(7));
            }
            d.ctrl('s');
            d.settle().await;
            let screen = d.render();
            let status = screen.lines().nth(brazen::tui::layout::areas(&d.app).status.y as usize).unwrap().to_string();
            let reset = d.app.rate.and_then(|r| r.reset).expect("the mock sends x-ratelimit-reset");
            // In human units: "30 min", never "1800 s" (issue 14 §8).
            let left = brazen::text::duration::seconds_left(reset - d.app.now.as_second(), lang);
            let s = brazen::tui::strings::Strings::get(lang);
            let want = brazen::i18n::fill(s.resets_in, &[("time", &left)]);
            assert!(status.contains(&want), "{lang:?} fault {fault}: {want:?} in {status:?}");
            d.shutdown().await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_environment_clears_the_old_answer_and_its_countdown() {
    let h = home();
    let mut d = rate_limited(&h).await;
    assert!(d.app.reset_countdown().is_some_and(|s| s > 0));
    // A retry waiting for the sandbox's reset must not go to the new environment.
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert!(d.app.busy());
    d.key(KeyCode::F(4));
    let us03 = d.app.envs.iter().position(|e| e.name == "US-03").unwrap();
    for _ in 0..us03 {
        d.key(KeyCode::Down);
    }
    d.key(KeyCode::Enter);
    d.settle().await;
    assert_eq!(d.app.current_env().unwrap().name, "US-03");
    assert!(d.app.response.is_none() && d.app.reset_countdown().is_none() && !d.app.busy());
    let screen = d.render();
    assert!(!screen.contains(" 429 ") && !screen.contains("s left") && screen.contains("No response yet"), "{screen}");
    d.shutdown().await;
}

/// The display column where `needle` starts in `line` (wide characters count two).
fn display_col(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| unicode_width::UnicodeWidthStr::width(&line[..i]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn korean_history_chart_and_environment_columns_line_up() {
    for lang in [Lang::En, Lang::Ko] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, 100, 30).await;
        d.ctrl('s');
        d.settle().await;
        d.key(KeyCode::F(3));
        d.settle().await;
        d.render();
        let chart = brazen::tui::layout::inner(brazen::tui::layout::areas(&d.app).history_chart);
        let row = |y: u16| region_text(d.buffer(), ratatui::layout::Rect { y, height: 1, ..chart });
        let (strip, legend) = (row(chart.y), row(chart.y + 1));
        // The class strip's first cell and the legend start in the same column, after the label.
        let strip_at = display_col(&strip, "2").unwrap();
        let legend_at = display_col(&legend, "2XX").unwrap();
        assert_eq!(strip_at, legend_at, "{lang:?}:\n{strip}\n{legend}");
        // F4: the URL and key columns line up across environments.
        d.key(KeyCode::F(4));
        let screen = d.render();
        let s = brazen::tui::strings::Strings::get(lang);
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| l.contains("https://") || l.contains(&format!("sandbox  {}", s.offline_mock)))
            .collect();
        assert!(rows.len() > 5, "{screen}");
        let url_cols: Vec<usize> = rows
            .iter()
            .map(|l| display_col(l, "https://").or_else(|| display_col(l, s.offline_mock)).unwrap())
            .collect();
        let key_cols: Vec<usize> = rows.iter().map(|l| display_col(l, "[").unwrap()).collect();
        assert!(url_cols.iter().all(|c| *c == url_cols[0]), "{lang:?}: {url_cols:?}\n{screen}");
        assert!(key_cols.iter().all(|c| *c == key_cols[0]), "{lang:?}: {key_cols:?}\n{screen}");
        d.shutdown().await;
    }
}

/// How often `name` appears as a query parameter of `url`.
fn query_count(url: &str, name: &str) -> usize {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query.split('&').filter(|p| p.split('=').next() == Some(name)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picked_get_sends_each_query_parameter_once() {
    let h = home();
    let mut d = start(&h, 120, 32).await;
    for (filter, endpoint) in [("campaigns/details", "/campaigns/details"), ("sends/data_series", "/sends/data_series")]
    {
        d.key(KeyCode::F(2));
        d.type_text(filter);
        d.key(KeyCode::Enter);
        assert_eq!(d.app.current_endpoint().path, endpoint);
        assert!(!d.app.path.text.contains('?'), "the parameters live in the body: {}", d.app.path.text);
        d.ctrl('s');
        d.settle().await;
        let ex = &d.app.response.as_ref().unwrap().exchange;
        assert_eq!(ex.request.endpoint, endpoint);
        let required: Vec<&str> =
            d.app.current_endpoint().query.iter().filter(|q| q.required).map(|q| q.name.as_str()).collect();
        assert!(!required.is_empty());
        for name in required {
            assert_eq!(query_count(&ex.request.url, name), 1, "{name} in {}", ex.request.url);
        }
    }
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_with_no_answer_shown_says_there_is_none_yet() {
    let h = home();
    let mut d = rate_limited(&h).await;
    // Another environment clears the 429.
    d.key(KeyCode::F(4));
    d.key(KeyCode::Down);
    d.key(KeyCode::Enter);
    d.settle().await;
    assert!(d.app.response.is_none());
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert_eq!(d.app.toast.as_ref().unwrap().text, "Nothing to retry: no answer yet.");
    assert!(!d.app.busy());
    d.shutdown().await;
    let h = home();
    let mut d = Driver::start(options(&h, Lang::Ko, None), Theme { colour: false }, 100, 30).await;
    d.app.focus = Focus::Response;
    d.key(KeyCode::Char('r'));
    assert_eq!(d.app.toast.as_ref().unwrap().text, "다시 보낼 것이 없습니다: 아직 응답이 없습니다.");
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_answer_says_it_answered_with_data_not_accepted() {
    for (lang, data, accepted) in [
        (Lang::En, "✔ Answered with data.", "not yet delivered"),
        (Lang::Ko, "✔ 데이터로 답했습니다.", "아직 전달된 것은 아님"),
    ] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, 120, 32).await;
        d.key(KeyCode::F(2));
        d.type_text("campaigns/details");
        d.key(KeyCode::Enter);
        d.ctrl('s');
        d.settle().await;
        let outcome = d.app.response.as_ref().unwrap().exchange.outcome.clone().unwrap();
        assert_eq!(outcome.shape.as_deref(), Some("data"), "{outcome:?}");
        let screen = d.render();
        assert!(screen.contains(data) && !screen.contains(accepted), "{screen}");
        d.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn picking_the_shown_endpoint_after_a_reopen_loads_its_template_and_clears_the_filter() {
    let h = home();
    let mut d = start(&h, 120, 32).await;
    let template = d.app.editor.text().to_string();
    // A changed body, sent (no recipients, confirmed), then reopened from the history.
    d.key(KeyCode::Down);
    d.ctrl('k');
    d.ctrl('s');
    d.key(KeyCode::Char('y'));
    d.settle().await;
    d.key(KeyCode::F(3));
    d.settle().await;
    d.key(KeyCode::Char('o'));
    d.settle().await;
    // The draft on screen is the edited one just sent; reopening replaces it after asking.
    assert!(d.render().contains("Discard your edits"));
    d.key(KeyCode::Char('y'));
    d.settle().await;
    assert_eq!(d.app.screen, Screen::Work);
    assert_ne!(d.app.editor.text(), template, "the reopened body");
    d.key(KeyCode::F(2));
    d.type_text("messages/send");
    d.key(KeyCode::Enter);
    d.settle().await;
    // The reopened body has no edits (it is in the history), so the template replaces it without a question.
    assert_eq!(d.app.editor.text(), template, "picking it asks for its template");
    assert!(d.app.picker_filter.text.is_empty(), "the filter does not linger");
    d.shutdown().await;
}

/// Issue 12 §4: at 80×24 the card of a 503 is taller than its pane. The border says how much more there is, Tab
/// stops at the card, and scrolling reaches its last line ("What to do") in English and in Korean.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tall_card_scrolls_at_80x24_and_says_there_is_more() {
    for lang in [Lang::En, Lang::Ko] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, 80, 24).await;
        d.key(KeyCode::F(7));
        assert_eq!(d.app.fault, Some(Fault::Status(503)));
        d.ctrl('s');
        d.settle().await;
        let s = brazen::tui::strings::Strings::get(lang);
        let more = s.card_more.split('{').next().unwrap().to_string();
        let screen = d.render();
        let border = |d: &Driver| {
            let a = brazen::tui::layout::areas(&d.app).card;
            region_text(d.buffer(), a).lines().last().unwrap_or("").to_string()
        };
        assert!(brazen::tui::layout::card_overflow(&d.app) > 0, "{lang:?}: the card is taller than its pane");
        assert!(border(&d).contains(&more), "{lang:?}: the border says there is more:\n{screen}");
        // The outcome and the retry advice come first.
        let card = region_text(d.buffer(), brazen::tui::layout::inner(brazen::tui::layout::areas(&d.app).card));
        assert!(card.contains("503"), "{lang:?}: {card}");
        let first = format!("{}:", s.retry);
        assert!(card.contains(&first), "{lang:?}: the retry line is on the first screen: {card}");
        // Tab reaches the card (after the path line, the editor and the diagnostics), End shows its end.
        while d.app.focus != Focus::Card {
            d.key(KeyCode::Tab);
        }
        d.key(KeyCode::End);
        let screen = d.render();
        let card = region_text(d.buffer(), brazen::tui::layout::inner(brazen::tui::layout::areas(&d.app).card));
        assert!(card.contains(s.what_to_do), "{lang:?}: the last lines are reachable:\n{screen}");
        assert!(!border(&d).contains(&more), "{lang:?}: nothing more below:\n{screen}");
        // A number keeps its unit on one line ("4 s", never "4" then "s").
        for line in card.lines() {
            let t = line.trim_end();
            assert!(!t.ends_with(|c: char| c.is_ascii_digit()) || !t.contains(','), "{lang:?}: {t:?}");
        }
        assert_screen!(format!("tall_card_end_{lang:?}_80x24").to_lowercase(), &screen);
        // Home goes back to the top; the wheel over the card scrolls it too.
        d.key(KeyCode::Home);
        assert_eq!(d.app.response.as_ref().unwrap().card_scroll, 0);
        d.shutdown().await;
    }
}

/// The status area's rows (a long notice above the bar, the bar last).
fn status_rows(d: &mut Driver) -> Vec<String> {
    let screen = d.render();
    let a = brazen::tui::layout::areas(&d.app);
    screen.lines().skip(a.status.y as usize).take(a.status.height as usize).map(str::to_string).collect()
}

/// Issue 12 §7: at 80×24 a notice too long for the status bar shows whole on rows of its own, the rate-limit
/// budget stays on the bar below it, and the panes get their rows back when the notice goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_80x24_a_long_notice_is_whole_and_the_budget_stays_on_the_bar() {
    for lang in [Lang::En, Lang::Ko] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, 80, 24).await;
        d.ctrl('s');
        d.settle().await;
        let rl = d.app.rate.expect("the mock sends x-ratelimit-*");
        let budget = format!("{}/{}", rl.remaining.unwrap(), rl.limit.unwrap());
        let editor_rows = brazen::tui::layout::areas(&d.app).editor.height;
        // A path that cannot be sent: the notice says what it must look like.
        d.key(KeyCode::F(6));
        d.ctrl('u');
        d.type_text("x");
        d.ctrl('s');
        let s = brazen::tui::strings::Strings::get(lang);
        let want = brazen::i18n::fill(s.fill_path, &[]);
        assert_eq!(d.app.toast.as_ref().map(|t| t.text.as_str()), Some(want.as_str()));
        let rows = status_rows(&mut d);
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert!(squash(&rows.join(" ")).contains(&squash(&want)), "{lang:?}: {want:?} whole in {rows:#?}");
        assert!(rows.last().unwrap().contains(&budget), "{lang:?}: {budget} on the bar: {rows:#?}");
        // The notice goes after its few seconds, and the panes have their rows back.
        h.clock.advance(Duration::from_secs(6));
        d.tick();
        assert_eq!(status_rows(&mut d).len(), 1);
        assert_eq!(brazen::tui::layout::areas(&d.app).editor.height, editor_rows);
        d.shutdown().await;
    }
}

/// Issue 12 §10: idle, the bar's reset countdown still counts (the runtime keeps ticking for it), and once the
/// window resets the bar forgets the spent budget instead of showing a stale `0/1`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_countdown_runs_while_idle_and_the_spent_budget_goes_at_the_reset() {
    for lang in [Lang::En, Lang::Ko] {
        let h = home();
        let mut d = Driver::start(options(&h, lang, Some(1)), Theme { colour: false }, 80, 24).await;
        d.ctrl('s');
        d.settle().await;
        assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(201));
        let s = brazen::tui::strings::Strings::get(lang);
        let countdown =
            |left: i64| brazen::i18n::fill(s.resets_in, &[("time", &brazen::text::duration::seconds_left(left, lang))]);
        let left = d.app.rate.and_then(|r| r.reset).unwrap() - d.app.now.as_second();
        assert!(left > 10, "{left}");
        assert!(!d.app.busy() && d.app.toast.is_none() && d.app.reset_countdown().is_none());
        assert!(d.app.animating(), "{lang:?}: the countdown on the bar keeps the clock ticking");
        let bar = status_rows(&mut d).pop().unwrap();
        assert!(bar.contains("0/1") && bar.contains(&countdown(left)), "{lang:?}: {bar:?}");
        h.clock.advance(Duration::from_secs(10));
        d.tick();
        let bar = status_rows(&mut d).pop().unwrap();
        assert!(bar.contains(&countdown(left - 10)), "{lang:?}: {bar:?}");
        h.clock.advance(Duration::from_secs((left - 10) as u64));
        d.tick();
        let bar = status_rows(&mut d).pop().unwrap();
        assert!(bar.contains("—/1") && !bar.contains("0/1"), "{lang:?}: not a stale budget: {bar:?}");
        assert!(!bar.contains(&countdown(0)), "{lang:?}: {bar:?}");
        assert!(!d.app.animating(), "{lang:?}: nothing moves any more");
        d.shutdown().await;
    }
}

/// Issue 12 §13: F4 adds a custom URL. A bad URL is refused with the reason and the text kept; a good one is saved to
/// `config.toml` only after a yes, under a name of its host, and becomes the current environment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f4_adds_a_custom_url_to_the_config_file_after_asking() {
    let h = home();
    for (lang, w, ht) in [(Lang::En, 80, 24), (Lang::Ko, 80, 24)] {
        let mut d = Driver::start(options(&h, lang, None), Theme { colour: false }, w, ht).await;
        d.key(KeyCode::F(4));
        let envs = d.render();
        assert!(envs.contains(if lang == Lang::En { "a  add a custom URL" } else { "a  사용자 URL 추가" }), "{envs}");
        d.key(KeyCode::Char('a'));
        d.ctrl('u');
        d.type_text("ftp://proxy.example\n");
        let refused = d.render();
        assert!(refused.contains("ftp://proxy.example") && refused.contains("http"), "{refused}");
        assert_screen!(format!("add_url_refused_{lang:?}").to_lowercase(), refused);
        // Esc goes back to the switcher, `a` starts again.
        d.key(KeyCode::Esc);
        assert!(matches!(d.app.overlay, Some(brazen::tui::app::Overlay::Envs { .. })));
        d.key(KeyCode::Esc);
        d.shutdown().await;
    }
    let mut d = start(&h, 80, 24).await;
    d.key(KeyCode::F(4));
    d.key(KeyCode::Char('a'));
    d.ctrl('u');
    d.type_text("http://127.0.0.1:9/braze/\n");
    let ask = d.render();
    assert!(ask.contains("127.0.0.1-9") && ask.contains("config.toml"), "{ask}");
    // No: nothing is written.
    d.key(KeyCode::Char('n'));
    d.settle().await;
    assert!(!h.paths.config_file.exists());
    d.key(KeyCode::F(4));
    d.key(KeyCode::Char('a'));
    d.ctrl('u');
    d.type_text("http://127.0.0.1:9/braze/\n");
    d.key(KeyCode::Char('y'));
    d.settle().await;
    let text = std::fs::read_to_string(&h.paths.config_file).expect("the config file is written");
    assert!(text.contains("[environment.\"127.0.0.1-9\"]\nurl = \"http://127.0.0.1:9/braze\"\n"), "{text}");
    assert_eq!(d.app.current_env().unwrap().name, "127.0.0.1-9");
    let screen = d.render();
    assert!(screen.contains("Added 127.0.0.1-9"), "{screen}");
    // The same URL again is refused, naming the environment that has it.
    d.key(KeyCode::F(4));
    d.key(KeyCode::Char('a'));
    d.ctrl('u');
    d.type_text("http://127.0.0.1:9/braze\n");
    assert!(d.render().contains("already the environment 127.0.0.1-9"), "{}", d.render());
    d.shutdown().await;
}
