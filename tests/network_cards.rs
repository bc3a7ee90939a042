//! The TUI's card for a request that got no HTTP answer: advice a TUI user can follow (the environment's
//! `timeout_secs`, not a command-line flag), whether Braze acted said once, and said plainly once a status arrived.

use std::sync::Arc;

use brazen::exchange::NetworkErrorKind;
use brazen::history::fixtures::{Answer, exchange};
use brazen::i18n::Lang;
use brazen::tui::Theme;
use brazen::tui::app::{App, Detail, ResponseView};

fn card(kind: NetworkErrorKind, status: Option<u16>, lang: Lang) -> String {
    let now: jiff::Timestamp = "2026-03-02T09:30:00Z".parse().unwrap();
    let mut ex = exchange("POST", "/messages/send", "{}", Answer::Network(kind), now);
    ex.environment = "US-03".into();
    if let Some(f) = ex.attempts[0].failure.as_mut() {
        f.status = status;
    }
    let mut app = App::new(lang, Theme { colour: false }, now, 100, 30);
    app.response = Some(ResponseView {
        exchange: Arc::new(ex),
        received: now,
        body: None,
        seq: 1,
        detail: Detail::Body,
        scroll: 0,
        hscroll: 0,
        card_scroll: 0,
    });
    // Wide enough that no sentence wraps: the checks below read whole sentences.
    let lines = brazen::tui::view::card::lines(&app, 400);
    lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_timeout_card_names_the_environments_setting_not_a_flag() {
    let en = card(NetworkErrorKind::ReadTimeout, None, Lang::En);
    assert!(!en.contains("--timeout"), "the TUI has no flags:\n{en}");
    assert!(en.contains("timeout_secs under [environment.US-03] in config.toml"), "{en}");
    let ko = card(NetworkErrorKind::ReadTimeout, None, Lang::Ko);
    assert!(!ko.contains("--timeout") && ko.contains("[environment.US-03]") && ko.contains("timeout_secs"), "{ko}");
}

#[test]
fn timeout_and_reset_cards_say_once_that_braze_may_have_acted() {
    for kind in [NetworkErrorKind::ReadTimeout, NetworkErrorKind::ConnectionReset] {
        let en = card(kind, None, Lang::En);
        let said = en.matches("check before re-sending").count() + en.matches("check before resending").count();
        assert_eq!(said, 1, "{kind:?}:\n{en}");
        let ko = card(kind, None, Lang::Ko);
        assert_eq!(ko.matches("다시 보내기 전에 확인하세요").count(), 1, "{kind:?}:\n{ko}");
    }
    // Refused before anything left: the card does not hedge at all.
    let refused = card(NetworkErrorKind::ConnectionRefused, None, Lang::En);
    assert!(refused.contains("nothing was sent") && !refused.contains("may"), "{refused}");
}

#[test]
fn a_reset_after_a_201_says_the_request_was_processed() {
    let en = card(NetworkErrorKind::ConnectionReset, Some(201), Lang::En);
    assert!(en.contains("Braze answered 201") && en.contains("accepted and processed"), "{en}");
    assert!(!en.contains("may have been processed") && !en.contains("may or may not"), "{en}");
    let ko = card(NetworkErrorKind::ConnectionReset, Some(201), Lang::Ko);
    assert!(ko.contains("201") && ko.contains("처리되었습니다") && !ko.contains("처리되었을 수"), "{ko}");
    // A refusal did nothing; a 5XX head still leaves it open.
    assert!(card(NetworkErrorKind::ConnectionReset, Some(400), Lang::En).contains("nothing was done"));
    assert!(card(NetworkErrorKind::ConnectionReset, Some(503), Lang::En).contains("may have been processed"));
}
