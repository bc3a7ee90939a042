//! The headers editor (Ctrl-G): add, edit and remove the request's own headers. A header is typed as
//! `Name: value`; what may be kept is the core's rule ([`crate::request::header::check_kept`]), said here in the
//! UI's language. Every change revalidates and is written to the draft, as an edit of the path line is.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Overlay};
use super::super::headers::{HeaderLine, HeadersEditor, MAX_HEADERS, edit_text};
use super::super::keymap::{Action, Step};
use super::super::line_input::LineInput;
use super::super::msg::Effect;
use super::editing;
use crate::i18n::fill;
use crate::request::header::{HeaderProblem, check_kept, split};

pub(super) fn open(app: &mut App) -> Vec<Effect> {
    app.overlay = Some(Overlay::Headers(HeadersEditor::default()));
    Vec::new()
}

pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let Some(Overlay::Headers(mut h)) = app.overlay.clone() else { return None };
    let n = app.headers.len();
    if let Some(line) = h.typing.take() {
        return match action {
            // Esc leaves the field, not the editor.
            Action::Back => {
                app.overlay = Some(Overlay::Headers(h));
                Some(Vec::new())
            }
            Action::Choose => Some(commit(app, h, line)),
            _ => None,
        };
    }
    match action {
        Action::Back => {
            app.overlay = None;
            return Some(Vec::new());
        }
        Action::Move(Step::Up) => h.selected = h.selected.saturating_sub(1),
        Action::Move(Step::Down) => h.selected = (h.selected + 1).min(n.saturating_sub(1)),
        Action::AddHeader if n >= MAX_HEADERS => {
            let text = fill(app.s().header_too_many, &[("max", &MAX_HEADERS)]);
            super::toast(app, text, super::super::theme::Tone::ClientError);
        }
        Action::AddHeader => h.typing = Some(HeaderLine { row: None, input: LineInput::default(), error: None }),
        Action::Choose => {
            let Some((name, value)) = app.headers.get(h.selected) else { return Some(Vec::new()) };
            let input = LineInput::new(&edit_text(name, value));
            h.typing = Some(HeaderLine { row: Some(h.selected), input, error: None });
        }
        Action::RemoveHeader if h.selected < n => {
            app.headers.remove(h.selected);
            h.selected = h.selected.min(app.headers.len().saturating_sub(1));
            app.overlay = Some(Overlay::Headers(h));
            return Some(changed(app));
        }
        _ => return None,
    }
    app.overlay = Some(Overlay::Headers(h));
    Some(Vec::new())
}

/// Enter in the field: the header replaces its row (or is added), or the field stays with the reason it was refused.
fn commit(app: &mut App, mut h: HeadersEditor, mut line: HeaderLine) -> Vec<Effect> {
    match checked(app, &line) {
        Ok((name, value)) => {
            let row = match line.row.filter(|r| *r < app.headers.len()) {
                Some(r) => {
                    app.headers[r] = (name, value);
                    r
                }
                None => {
                    app.headers.push((name, value));
                    app.headers.len() - 1
                }
            };
            h.selected = row;
            app.overlay = Some(Overlay::Headers(h));
            changed(app)
        }
        Err(why) => {
            line.error = Some(why);
            h.typing = Some(line);
            app.overlay = Some(Overlay::Headers(h));
            Vec::new()
        }
    }
}

/// The typed header, or why it cannot be kept (in the UI's language).
fn checked(app: &App, line: &HeaderLine) -> Result<(String, String), String> {
    let s = app.s();
    let Some((name, value)) = split(&line.input.text) else { return Err(s.header_no_colon.to_string()) };
    let shown = crate::text::visible(name).into_owned();
    match check_kept(name, value) {
        Err(HeaderProblem::Own) => return Err(fill(s.header_own, &[("name", &shown)])),
        Err(HeaderProblem::Name) => return Err(fill(s.header_bad_name, &[("name", &shown)])),
        Err(HeaderProblem::Value) => return Err(s.header_bad_value.to_string()),
        Err(HeaderProblem::LiteralCredential) => return Err(fill(s.header_literal_credential, &[("name", &shown)])),
        Ok(()) => {}
    }
    let taken = app.headers.iter().enumerate().any(|(i, (n, _))| n.eq_ignore_ascii_case(name) && Some(i) != line.row);
    if taken {
        return Err(fill(s.header_taken, &[("name", &shown)]));
    }
    Ok((name.to_string(), value.to_string()))
}

/// Typed or pasted text into the header field; a changed text clears the last refusal.
pub(super) fn line_text(app: &mut App, k: Option<KeyEvent>, pasted: &str) -> Vec<Effect> {
    if let Some(Overlay::Headers(HeadersEditor { typing: Some(line), .. })) = app.overlay.as_mut()
        && line.input.take(k, pasted)
    {
        line.error = None;
    }
    Vec::new()
}

/// The headers changed: validation sees them (a `{{variable}}` in one), and the draft keeps them.
fn changed(app: &mut App) -> Vec<Effect> {
    let mut fx = editing::revalidate(app);
    fx.push(Effect::SaveState(super::saved_state(app)));
    fx
}

#[cfg(test)]
mod tests;
