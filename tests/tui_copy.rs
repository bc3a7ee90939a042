//! The copy menu (issue 14 §3) in the whole app: the exact OSC 52 sequence written for each text, never the key,
//! and "save to file" writing the text beside the other exports.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use brazen::i18n::Lang;
use brazen::tui::Theme;
use brazen::tui::driver::Driver;
use ratatui::crossterm::event::KeyCode;

use crate::common;

use common::tui::{tui_home as home, tui_options as options};

fn decoded(written: &[u8]) -> Vec<String> {
    let text = String::from_utf8(written.to_vec()).unwrap();
    text.split('\x07')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let b64 = s.strip_prefix("\x1b]52;c;").unwrap_or_else(|| panic!("not an OSC 52 sequence: {s:?}"));
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b64).unwrap()).unwrap()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_text_is_copied_as_one_osc_52_sequence_without_the_key() {
    let h = home();
    let sink = Arc::new(Mutex::new(Vec::new()));
    let mut opts = options(&h, Lang::En, None);
    opts.clipboard = Some(sink.clone());
    let mut d = Driver::start(opts, Theme { colour: false }, 120, 40).await;
    d.ctrl('s');
    d.settle().await;
    let ex = d.app.response.as_ref().expect("an answer").exchange.clone();
    // Curl, request body, response body, explanation: F10, the row, Enter.
    for down in 0..4 {
        d.key(KeyCode::F(10));
        for _ in 0..down {
            d.key(KeyCode::Down);
        }
        d.key(KeyCode::Enter);
        d.settle().await;
    }
    let written = sink.lock().unwrap().clone();
    let texts = decoded(&written);
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[0], brazen::curl::export_script(&ex, Lang::En));
    assert!(texts[0].contains("$BRAZE_API_KEY") && texts[0].contains("curl"), "{}", texts[0]);
    assert_eq!(texts[1], d.app.editor.text());
    assert_eq!(texts[2], ex.final_response().unwrap().body);
    assert!(texts[3].contains("/messages/send"), "{}", texts[3]);
    let key = brazen::config::SANDBOX_KEY;
    assert!(texts.iter().all(|t| !t.contains(key)), "the key is never copied");
    assert!(!String::from_utf8_lossy(&written).contains(key));
    let screen = d.render();
    assert!(screen.contains("through OSC 52") && screen.contains("set-clipboard"), "{screen}");
    // `f` writes the explanation to a file in the export folder instead.
    d.key(KeyCode::F(10));
    for _ in 0..3 {
        d.key(KeyCode::Down);
    }
    d.key(KeyCode::Char('f'));
    d.settle().await;
    let saved = std::fs::read_to_string(h.dir.path().join("brazen-explanation.md")).expect("the file");
    assert_eq!(saved, texts[3]);
    assert_eq!(sink.lock().unwrap().len(), written.len(), "nothing more went to the clipboard");
    d.shutdown().await;
}
