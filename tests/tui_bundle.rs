//! Issue 14 §7 in the workbench: `b` exports the selected exchange as a bundle, `i` in another person's history
//! imports it (asking for the file), selects it, and opening it reads the same card; again adds nothing; a file that
//! is no bundle is refused in the field. The key is never in the bundle.

use brazen::i18n::Lang;
use brazen::tui::Theme;
use brazen::tui::app::Overlay;
use brazen::tui::driver::Driver;
use ratatui::crossterm::event::KeyCode;

use crate::common;

use common::tui::{tui_home as home, tui_options as options};

/// The explanation part of the opened exchange on screen (its first lines), for comparing two homes.
fn card_lines(screen: &str) -> Vec<String> {
    screen.lines().skip(3).take(6).map(|l| l.split('┃').nth(2).unwrap_or("").trim().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_exported_with_b_is_imported_with_i_into_another_history_and_reads_the_same() {
    // One person: a 4XX with a card worth sharing, exported with `b`.
    let a = home();
    let mut d = Driver::start(options(&a, Lang::En, None), Theme { colour: false }, 120, 40).await;
    d.app.editor.load("{\"messages\": {}}\n");
    d.ctrl('s');
    // Validation predicts the 400: sent anyway, after the question.
    d.key(KeyCode::Char('y'));
    d.settle().await;
    d.key(KeyCode::F(3));
    d.settle().await;
    d.key(KeyCode::Enter);
    d.settle().await;
    let card_a = card_lines(&d.render());
    d.key(KeyCode::Char('b'));
    d.settle().await;
    let exported = d.app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    d.shutdown().await;
    let bundle = std::fs::read_dir(a.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap_or_else(|| panic!("the bundle beside the other exports: {exported}"));
    let bytes = std::fs::read_to_string(&bundle).unwrap();
    assert!(bytes.contains("bundle_version") && !bytes.contains(brazen::config::SANDBOX_KEY));

    // Another person, another home: `i`, the path, Enter.
    let b = home();
    let mut d = Driver::start(options(&b, Lang::En, None), Theme { colour: false }, 120, 40).await;
    d.key(KeyCode::F(3));
    d.settle().await;
    d.key(KeyCode::Char('i'));
    let asked = d.render();
    assert!(asked.contains("Import a bundle"), "{asked}");
    d.handle(brazen::tui::msg::Msg::Paste(bundle.display().to_string()));
    d.key(KeyCode::Enter);
    d.settle().await;
    assert!(d.app.overlay.is_none());
    let toast = d.app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.starts_with("Imported as #1 (sandbox #1)"), "{toast}");
    assert_eq!(d.app.history.rows.len(), 1);
    d.key(KeyCode::Enter);
    d.settle().await;
    let card_b = card_lines(&d.render());
    assert_eq!(card_b, card_a, "the same card in the other history");
    assert!(card_b.iter().any(|l| l.contains("400")), "{card_b:?}");

    // Again: found, not added twice.
    d.key(KeyCode::Char('i'));
    d.handle(brazen::tui::msg::Msg::Paste(bundle.display().to_string()));
    d.key(KeyCode::Enter);
    d.settle().await;
    let toast = d.app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.starts_with("Already imported as #1"), "{toast}");
    assert_eq!(d.app.history.rows.len(), 1);

    // Not a bundle: the field stays, saying why.
    let not = b.dir.path().join("not-a-bundle.json");
    std::fs::write(&not, "{\"hello\": 1}").unwrap();
    d.key(KeyCode::Char('i'));
    d.handle(brazen::tui::msg::Msg::Paste(not.display().to_string()));
    d.key(KeyCode::Enter);
    d.settle().await;
    match &d.app.overlay {
        Some(Overlay::OpenFile { error: Some(why), .. }) => assert!(why.contains("not-a-bundle.json"), "{why}"),
        other => panic!("the field stays with the reason: {other:?}"),
    }
    d.shutdown().await;
}
