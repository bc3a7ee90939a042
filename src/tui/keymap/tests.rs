use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Action, Ctx, ROWS, Section};
use crate::i18n::Lang;
use crate::tui::app::{App, Overlay};
use crate::tui::theme::Theme;

fn now() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

fn is_overlay(ctx: Ctx) -> bool {
    matches!(ctx, Ctx::HelpOverlay | Ctx::EnvsOverlay | Ctx::ConfirmOverlay)
}

/// Every key dispatch can act on outside an overlay sits in a row the help overlay lists, and the rendered help
/// (80×24, the smallest terminal it must fit) shows each such row's keys and label, in both languages.
#[test]
fn every_action_reachable_by_dispatch_appears_in_help() {
    for row in ROWS {
        for b in row.binds {
            assert_eq!(is_overlay(b.0), row.section == Section::Overlay, "{:?} {:?} in {:?}", b.0, b.2, row.keys);
        }
    }
    for lang in [Lang::En, Lang::Ko] {
        let mut app = App::new(lang, Theme { colour: false }, now(), 80, 24);
        app.overlay = Some(Overlay::Help);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| crate::tui::view::view(&app, f)).unwrap();
        let screen = crate::tui::driver::screen_text(term.backend().buffer());
        let s = app.s();
        for row in ROWS.iter().filter(|r| r.section != Section::Overlay) {
            let (keys, label) = (row.keys, (row.label)(s));
            let listed = screen.lines().any(|l| l.contains(&format!("{keys} ")) && l.contains(label));
            assert!(listed, "{lang:?}: {keys} {label} is not in help:\n{screen}");
        }
    }
}

/// Overlay keys are listed by the overlay's footer, which shows each of its rows.
#[test]
fn every_overlay_key_is_in_its_footer() {
    let mut app = App::new(Lang::En, Theme { colour: false }, now(), 120, 32);
    let overlays = [
        (Ctx::HelpOverlay, Overlay::Help),
        (Ctx::EnvsOverlay, Overlay::Envs { selected: 0 }),
        (Ctx::ConfirmOverlay, Overlay::Confirm(crate::tui::app::Confirm::Reopen)),
    ];
    for (ctx, overlay) in overlays {
        app.overlay = Some(overlay);
        let footer = crate::tui::view::footer_keys(&app);
        for row in ROWS.iter().filter(|r| r.binds.iter().any(|b| b.0 == ctx)) {
            assert!(footer.contains(&(row.short, (row.label)(app.s()))), "{ctx:?}: {} missing in {footer:?}", row.keys);
        }
    }
}

/// Within a context a key means one thing, except where a conditional action falls through to the next
/// (cancel only while busy, closing the opened exchange before leaving history, typing).
#[test]
fn a_key_means_one_thing_per_context() {
    let conditional = |a: Action| matches!(a, Action::Cancel | Action::Close | Action::Type);
    let binds: Vec<_> = ROWS.iter().flat_map(|r| r.binds).collect();
    for (i, a) in binds.iter().enumerate() {
        for b in &binds[i + 1..] {
            if a.0 == b.0 && a.1 == b.1 {
                assert!(conditional(a.2), "{:?} {:?}: {:?} and {:?}", a.0, a.1, a.2, b.2);
            }
        }
    }
}
