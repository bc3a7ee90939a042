//! Issue 14 §8 in the workbench: `r` in the history replays the failed exchanges through the same engine as
//! `brazen replay` (to the workbench's own sandbox), with a gauge while it runs; each is re-sent once, and a second
//! `r` finds nothing left to replay.

use brazen::i18n::Lang;
use brazen::tui::Theme;
use brazen::tui::app::{Confirm, Overlay};
use brazen::tui::driver::Driver;
use ratatui::crossterm::event::KeyCode;

use crate::common;

use common::tui::{tui_home as home, tui_options as options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_replays_the_failed_exchanges_once_each_and_says_what_came_back() {
    let h = home();
    let mut d = Driver::start(options(&h, Lang::En, None), Theme { colour: false }, 100, 30).await;
    // Two sends the sandbox fails with a 503 (F7), then one that succeeds.
    d.key(KeyCode::F(7));
    for _ in 0..2 {
        d.ctrl('s');
        d.settle().await;
        // A 503 on /messages/send is not retried unasked: it may have reached Braze.
        assert_eq!(d.app.response.as_ref().unwrap().exchange.status(), Some(503));
    }
    while d.app.fault.is_some() {
        d.key(KeyCode::F(7));
    }
    d.ctrl('s');
    d.settle().await;
    d.key(KeyCode::F(3));
    d.settle().await;
    assert_eq!(d.app.history.rows.len(), 3);
    d.key(KeyCode::Char('r'));
    d.settle().await;
    match &d.app.overlay {
        Some(Overlay::Confirm(Confirm::Replay { ids, unsafe_count })) => {
            assert_eq!(ids.len(), 2, "the two failed ones");
            assert_eq!(*unsafe_count, 2, "/messages/send is not safe to repeat: the question says so");
        }
        other => panic!("asks first: {other:?}"),
    }
    let asked = d.render();
    assert!(asked.contains("Re-send 2 failed") && asked.contains("may do it twice"), "{asked}");
    d.key(KeyCode::Char('y'));
    assert!(d.app.replay.is_some(), "the gauge is up while it runs");
    d.settle().await;
    assert!(d.app.replay.is_none());
    let toast = d.app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.starts_with("Replayed 2 of 2: 2XX 2"), "{toast}");
    assert_eq!(d.app.history.rows.len(), 5, "two re-sent exchanges recorded");
    // Nothing left: each original is marked replayed, so a second `r` sends nothing.
    d.key(KeyCode::Char('r'));
    d.settle().await;
    assert!(d.app.overlay.is_none());
    let toast = d.app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.starts_with("Nothing to replay"), "{toast}");
    d.shutdown().await;
}
