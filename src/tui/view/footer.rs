//! The footer: the keys that matter where the focus is, as the keymap (`tui::keymap`) names them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Detail, Focus, Overlay, Screen};
use super::super::keymap::{self, Action as A, Ctx as C, Step};
use super::text::width;

/// The footer's (keys, label) pairs, left to right.
pub fn keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let s = app.s();
    wanted(app).into_iter().filter_map(|(ctx, action)| keymap::hint(ctx, action, s)).collect()
}

/// Which bindings the footer offers in the app's state, in order.
fn wanted(app: &App) -> Vec<(C, A)> {
    match app.overlay {
        Some(Overlay::Confirm(_)) => return vec![(C::ConfirmOverlay, A::Yes), (C::ConfirmOverlay, A::No)],
        // The help overlay has nothing to select or load: it scrolls and closes.
        Some(Overlay::Help { .. }) => return vec![(C::HelpOverlay, A::Move(Step::Down)), (C::HelpOverlay, A::Back)],
        Some(Overlay::Envs { .. }) => {
            return vec![
                (C::EnvsOverlay, A::Move(Step::Down)),
                (C::EnvsOverlay, A::Choose),
                (C::EnvsOverlay, A::AddEnvironment),
                (C::EnvsOverlay, A::Back),
            ];
        }
        Some(Overlay::AddUrl { .. }) => return vec![(C::AddUrlOverlay, A::Choose), (C::AddUrlOverlay, A::Back)],
        Some(Overlay::Requests(ref b)) if b.prompt.is_some() => {
            return vec![(C::RequestName, A::Choose), (C::RequestName, A::Back)];
        }
        Some(Overlay::OpenFile { .. }) => return vec![(C::FileName, A::Choose), (C::FileName, A::Back)],
        Some(Overlay::Headers(ref h)) if h.typing.is_some() => {
            return vec![(C::HeaderLine, A::Choose), (C::HeaderLine, A::Back)];
        }
        Some(Overlay::Headers(_)) => {
            return vec![
                (C::HeadersOverlay, A::Move(Step::Down)),
                (C::HeadersOverlay, A::AddHeader),
                (C::HeadersOverlay, A::Choose),
                (C::HeadersOverlay, A::RemoveHeader),
                (C::HeadersOverlay, A::Back),
            ];
        }
        Some(Overlay::Copy { .. }) => {
            return vec![(C::CopyOverlay, A::Choose), (C::CopyOverlay, A::SaveToFile), (C::CopyOverlay, A::Back)];
        }
        Some(Overlay::Requests(_)) => {
            return vec![
                (C::RequestsOverlay, A::Choose),
                (C::RequestsOverlay, A::SaveRequest),
                (C::RequestsOverlay, A::SaveRequestAs),
                (C::RequestsOverlay, A::RenameRequest),
                (C::RequestsOverlay, A::DuplicateRequest),
                (C::RequestsOverlay, A::DeleteRequest),
                (C::RequestsOverlay, A::Back),
            ];
        }
        None => {}
    }
    // Typing a query: how to keep it, step and clear it.
    if keymap::finding(app) {
        return vec![(C::Find, A::Choose), (C::Find, A::FindNext(true)), (C::Find, A::Back)];
    }
    let mut k = vec![(C::Global, if app.busy() { A::Cancel } else { A::Send })];
    match (app.screen, app.focus) {
        // The comparison: how to move through it and close it.
        (Screen::History, _) if app.history.compare.is_some() => {
            k.extend([(C::Diff, A::Move(Step::Down)), (C::Diff, A::NextChange(true)), (C::Diff, A::Back)])
        }
        // The opened exchange, when it has the keys: how to scroll it and leave it first.
        (Screen::History, _) if app.history.open.as_ref().is_some_and(|e| e.focused) => k.extend([
            (C::Entry, A::Move(Step::Down)),
            (C::Entry, A::Back),
            (C::History, A::Reopen),
            (C::History, A::ExportCurl),
        ]),
        (Screen::History, _) => {
            k.push((C::History, A::Choose));
            if app.history.open.is_some() {
                k.push((C::History, A::FocusEntry));
            }
            k.extend(
                [A::Compare, A::Reopen, A::ExportCurl, A::ClassFilter, A::Search, A::Back].map(|a| (C::History, a)),
            );
        }
        (_, Focus::Picker) => {
            k.extend([(C::Picker, A::Move(Step::Down)), (C::Picker, A::Choose), (C::Picker, A::Type)])
        }
        (_, Focus::Editor) => {
            k.extend([(C::Global, A::Problem(true)), (C::Editor, A::Undo), (C::Global, A::Endpoints)])
        }
        (_, Focus::Url) => k.push((C::Path, A::Back)),
        (_, Focus::Diagnostics) => k.extend([(C::Diagnostics, A::Move(Step::Down)), (C::Diagnostics, A::Choose)]),
        (_, Focus::Card) => k.extend([(C::Card, A::Move(Step::Down)), (C::Card, A::Retry)]),
        (_, Focus::Response) => {
            k.extend([
                (C::Response, A::Retry),
                (C::Response, A::Tab(Detail::Body)),
                (C::Response, A::Move(Step::Down)),
            ]);
            if app.response.as_ref().and_then(|r| r.exchange.outcome.as_ref()?.send_id.as_ref()).is_some() {
                k.push((C::Response, A::DataSeries));
            }
        }
    }
    k.extend([
        (C::Global, A::ToggleHistory),
        (C::Global, A::Environments),
        (C::Work, A::CycleFocus(true)),
        (C::Global, A::Help),
        (C::Always, A::Quit),
    ]);
    k
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in keys(app) {
        let w = width(key) + width(what) + 3;
        if used + w > r.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), t.key_hint()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

#[cfg(test)]
mod tests {
    use super::super::super::app::{App, Confirm, Focus, Overlay, Screen};
    use super::super::super::theme::Theme;
    use crate::i18n::Lang;

    /// Every binding the footer offers is in the keymap, in every state it has a list for.
    #[test]
    fn every_footer_entry_is_a_keymap_binding() {
        let now: jiff::Timestamp = "2026-03-02T09:30:00Z".parse().unwrap();
        let mut app = App::new(Lang::En, Theme { colour: false }, now, 120, 32);
        let overlays = [
            None,
            Some(Overlay::Help { scroll: 0 }),
            Some(Overlay::Envs { selected: 0 }),
            Some(Overlay::Confirm(Confirm::Reopen)),
        ];
        for overlay in overlays {
            for screen in [super::Screen::Work, Screen::History] {
                for focus in
                    [Focus::Picker, Focus::Url, Focus::Editor, Focus::Diagnostics, Focus::Card, Focus::Response]
                {
                    (app.overlay, app.screen, app.focus) = (overlay.clone(), screen, focus);
                    assert_eq!(super::keys(&app).len(), super::wanted(&app).len(), "{overlay:?} {screen:?} {focus:?}");
                }
            }
        }
    }
}
