//! The copy menu (F10, or `y` where letters are commands): the request as curl, the request body, the response
//! body or the explanation, to the clipboard through OSC 52 or, with `f`, to a file. Texts come from the exchange
//! on screen (the answer in the workbench, the opened entry in history), the key never in them.

use std::sync::Arc;

use super::super::app::{App, Overlay, Screen};
use super::super::clipboard::{CopyWhat, MAX_COPY_BYTES};
use super::super::keymap::{Action, Step};
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::toast;
use crate::exchange::Exchange;
use crate::i18n::fill;

pub(super) fn open(app: &mut App) {
    let sizes = CopyWhat::ALL.iter().map(|w| size(app, *w)).collect();
    app.overlay = Some(Overlay::Copy { selected: 0, sizes });
}

/// Runs a copy-menu action; `None` when the menu has no use for it.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let Some(Overlay::Copy { selected, sizes }) = app.overlay.clone() else { return None };
    let what = CopyWhat::ALL[selected.min(CopyWhat::ALL.len() - 1)];
    match action {
        Action::Back => app.overlay = None,
        Action::Move(step) => {
            let selected = match step {
                Step::Up => selected.saturating_sub(1),
                Step::Down => (selected + 1).min(CopyWhat::ALL.len() - 1),
                _ => return None,
            };
            app.overlay = Some(Overlay::Copy { selected, sizes });
        }
        Action::Choose => return Some(copy(app, what, false)),
        Action::SaveToFile => return Some(copy(app, what, true)),
        _ => return None,
    }
    Some(Vec::new())
}

/// The exchange the menu copies from: the opened history entry on the history screen, else the answer shown.
pub(crate) fn exchange(app: &App) -> Option<Arc<Exchange>> {
    match (&app.screen, &app.history.open) {
        (Screen::History, Some(e)) => Some(e.exchange.clone()),
        _ => app.response.as_ref().map(|r| r.exchange.clone()),
    }
}

/// The text of `what`, or why there is none yet.
pub(crate) fn text_of(app: &App, what: CopyWhat) -> Result<String, &'static str> {
    let s = app.s();
    let ex = exchange(app);
    match what {
        CopyWhat::RequestBody if app.screen == Screen::Work => Ok(app.editor.text().to_string()),
        CopyWhat::RequestBody => ex.map(|e| e.request.body.clone()).ok_or(s.copy_nothing_sent),
        CopyWhat::Curl => ex.map(|e| crate::curl::export_script(&e, app.lang)).ok_or(s.copy_nothing_sent),
        CopyWhat::ResponseBody => {
            let ex = ex.ok_or(s.copy_nothing_sent)?;
            ex.final_response().map(|r| r.body.clone()).ok_or(s.copy_no_response)
        }
        CopyWhat::Explanation => ex.map(|e| crate::curl::export_explanation(&e, app.lang)).ok_or(s.copy_nothing_sent),
    }
}

/// The size of `what` in bytes, or why there is nothing; a body is measured without being copied.
fn size(app: &App, what: CopyWhat) -> Result<usize, &'static str> {
    match what {
        CopyWhat::RequestBody if app.screen == Screen::Work => Ok(app.editor.text().len()),
        CopyWhat::ResponseBody => exchange(app)
            .ok_or(app.s().copy_nothing_sent)
            .and_then(|e| e.final_response().map(|r| r.body.len()).ok_or(app.s().copy_no_response)),
        _ => text_of(app, what).map(|t| t.len()),
    }
}

/// A menu row as drawn: what it copies, its size (or why there is nothing), whether it can be copied now.
pub(crate) fn row(app: &App, what: CopyWhat, size: Result<usize, &'static str>) -> (&'static str, String, bool) {
    match size {
        Ok(n) if n > MAX_COPY_BYTES => {
            (label(app, what), format!("{} — f", crate::text::bytes::size(n as u64, app.lang)), true)
        }
        Ok(n) => (label(app, what), crate::text::bytes::size(n as u64, app.lang), true),
        Err(why) => (label(app, what), why.to_string(), false),
    }
}

/// What the menu calls each text, in a sentence ("Copied {what}").
pub(crate) fn label(app: &App, what: CopyWhat) -> &'static str {
    let s = app.s();
    match what {
        CopyWhat::Curl => s.copy_curl,
        CopyWhat::RequestBody => s.copy_request_body,
        CopyWhat::ResponseBody => s.copy_response_body,
        CopyWhat::Explanation => s.copy_explanation,
    }
}

fn copy(app: &mut App, what: CopyWhat, to_file: bool) -> Vec<Effect> {
    let text = match text_of(app, what) {
        Ok(t) => t,
        Err(why) => {
            toast(app, why, Tone::Neutral);
            return Vec::new();
        }
    };
    if !to_file && text.len() > MAX_COPY_BYTES {
        // Too big for one OSC 52 sequence: the menu stays, and says how to get it instead.
        let size = crate::text::bytes::size(text.len() as u64, app.lang);
        toast(app, fill(app.s().copy_too_large, &[("size", &size)]), Tone::ClientError);
        return Vec::new();
    }
    app.overlay = None;
    let (stem, ext) = what.file();
    if to_file {
        vec![Effect::SaveText { stem: stem.to_string(), ext: ext.to_string(), text }]
    } else {
        vec![Effect::Copy { label: label(app, what).to_string(), text }]
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::i18n::Lang;
    use crate::tui::msg::Msg;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    #[test]
    fn f10_copies_the_request_body_and_says_what_is_missing_before_a_send() {
        let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32);
        key(&mut app, KeyCode::F(10));
        assert!(matches!(app.overlay, Some(Overlay::Copy { selected: 0, .. })));
        // Curl needs an exchange: nothing sent yet.
        assert!(key(&mut app, KeyCode::Enter).is_empty());
        assert_eq!(app.toast.as_ref().map(|t| t.text.as_str()), Some(app.s().copy_nothing_sent));
        key(&mut app, KeyCode::Down);
        let fx = key(&mut app, KeyCode::Enter);
        let [Effect::Copy { label, text }] = &fx[..] else { panic!("{fx:?}") };
        assert_eq!((label.as_str(), text.as_str()), (app.s().copy_request_body, app.editor.text()));
        assert!(app.overlay.is_none());
        // `f` saves instead; a body too large for OSC 52 is refused with the way out.
        app.editor.load(&"x".repeat(MAX_COPY_BYTES + 1));
        key(&mut app, KeyCode::F(10));
        key(&mut app, KeyCode::Down);
        assert!(key(&mut app, KeyCode::Enter).is_empty());
        assert!(app.toast.as_ref().is_some_and(|t| t.text.contains("f ")), "{:?}", app.toast.as_ref().map(|t| &t.text));
        let fx = key(&mut app, KeyCode::Char('f'));
        assert!(matches!(&fx[..], [Effect::SaveText { ext, .. }] if ext == "json"), "{fx:?}");
    }
}
