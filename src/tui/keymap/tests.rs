use ratatui::Terminal;
use ratatui::backend::TestBackend;

use ratatui::crossterm::event::KeyCode;

use super::{Action, Ctx, ROWS, Section};
use crate::i18n::Lang;
use crate::tui::app::{App, Overlay};
use crate::tui::theme::Theme;

fn now() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

fn is_overlay(ctx: Ctx) -> bool {
    matches!(
        ctx,
        Ctx::HelpOverlay
            | Ctx::EnvsOverlay
            | Ctx::AddUrlOverlay
            | Ctx::RequestsOverlay
            | Ctx::RequestName
            | Ctx::CopyOverlay
            | Ctx::HeadersOverlay
            | Ctx::HeaderLine
            | Ctx::FileName
            | Ctx::Find
            | Ctx::ConfirmOverlay
    )
}

/// Every key dispatch can act on outside an overlay sits in a row the help overlay lists, and the rendered help
/// (80×24, the smallest terminal it must fit, scrolled through) shows each such row's keys and label, in both
/// languages.
#[test]
fn every_action_reachable_by_dispatch_appears_in_help() {
    for row in ROWS {
        for b in row.binds {
            assert_eq!(is_overlay(b.0), row.section == Section::Overlay, "{:?} {:?} in {:?}", b.0, b.2, row.keys);
        }
    }
    for lang in [Lang::En, Lang::Ko] {
        let mut app = App::new(lang, Theme { colour: false }, now(), 80, 24);
        let mut screen = String::new();
        for scroll in 0..=crate::tui::layout::help_overflow(&app) {
            app.overlay = Some(Overlay::Help { scroll });
            let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
            term.draw(|f| crate::tui::view::view(&app, f)).unwrap();
            screen.push_str(&crate::tui::driver::screen_text(term.backend().buffer()));
        }
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
        (Ctx::HelpOverlay, Overlay::Help { scroll: 0 }),
        (Ctx::EnvsOverlay, Overlay::Envs { selected: 0 }),
        (Ctx::ConfirmOverlay, Overlay::Confirm(crate::tui::app::Confirm::Reopen)),
        (Ctx::HeadersOverlay, Overlay::Headers(Default::default())),
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
/// (cancel only while busy, closing the opened exchange before leaving history, going into it, typing).
#[test]
fn a_key_means_one_thing_per_context() {
    let conditional = |a: Action| matches!(a, Action::Cancel | Action::Close | Action::FocusEntry | Action::Type);
    let binds: Vec<_> = ROWS.iter().flat_map(|r| r.binds).collect();
    for (i, a) in binds.iter().enumerate() {
        for b in &binds[i + 1..] {
            if a.0 == b.0 && a.1 == b.1 {
                assert!(conditional(a.2), "{:?} {:?}: {:?} and {:?}", a.0, a.1, a.2, b.2);
            }
        }
    }
}

/// How help spells a key: the row's key text must hold it. `None` for what stands for typing.
fn spelled(k: super::Key) -> Option<String> {
    use ratatui::crossterm::event::KeyCode as K;
    let base = match k.code {
        K::Null => return None,
        K::Char(' ') => "Space".to_string(),
        K::Char(c) => c.to_string(),
        K::Up => "↑".into(),
        K::Down => "↓".into(),
        K::Left => "←".into(),
        K::Right => "→".into(),
        K::PageUp => "PgUp".into(),
        K::PageDown => "PgDn".into(),
        K::Home => "Home".into(),
        K::End => "End".into(),
        K::Enter => "Enter".into(),
        K::Esc => "Esc".into(),
        K::Tab => "Tab".into(),
        K::BackTab => "Shift-Tab".into(),
        // Some terminals send F20 for Shift-F8; help names the key pressed.
        K::F(20) => "Shift-F8".into(),
        K::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    Some(match k.mods {
        super::Mods::Ctrl => format!("Ctrl-{}", base.to_uppercase()),
        super::Mods::Shift => format!("Shift-{base}"),
        super::Mods::Any => base,
    })
}

/// Whether a row's key text names `spelling`: as a word, one of the arrows run together (`↑↓`), the second half
/// of `PgUp/Dn`, or inside a range (`1-4`).
fn names(keys: &str, spelling: &str) -> bool {
    let words = || keys.split_whitespace();
    words().any(|w| w == spelling)
        || words().flat_map(|w| w.split('/')).any(|tok| {
            tok == spelling
                || (spelling.chars().count() == 1 && "↑↓←→".contains(spelling) && tok.contains(spelling))
                || (spelling == "PgDn" && tok == "Dn")
                || match (tok.split_once('-'), spelling.chars().next()) {
                    (Some((a, b)), Some(c)) if a.len() == 1 && b.len() == 1 && spelling.len() == 1 => {
                        a.chars().all(|a| b.chars().all(|b| (a..=b).contains(&c)))
                    }
                    _ => false,
                }
        })
}

/// Every key bound outside an overlay is named by its row in help, or is a letter standing for a key the row names
/// (listed once in help's foot, `keymap::ALIASES`). Overlay keys are checked against their footer above.
#[test]
fn every_bound_key_is_named_in_help() {
    let foot = |lang| {
        let mut app = App::new(lang, Theme { colour: false }, now(), 80, 24);
        app.overlay = Some(Overlay::Help { scroll: 0 });
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| crate::tui::view::view(&app, f)).unwrap();
        crate::tui::driver::screen_text(term.backend().buffer())
    };
    let screens = [foot(Lang::En), foot(Lang::Ko)];
    for row in ROWS.iter().filter(|r| r.section != Section::Overlay) {
        for b in row.binds {
            let Some(spelling) = spelled(b.1) else { continue };
            // Shift-Tab doing what Tab does in the same row is Tab held with Shift: naming Tab is enough.
            let same_as_tab = b.1.code == KeyCode::BackTab
                && row.binds.iter().any(|o| o.0 == b.0 && o.1.code == KeyCode::Tab && o.2 == b.2);
            if names(row.keys, &spelling) || (same_as_tab && names(row.keys, "Tab")) {
                continue;
            }
            // A letter standing for a key, or the key a letter stands for: the row names the other one and the foot
            // lists the pair.
            let alias = super::ALIASES.iter().find(|(c, code, _)| b.1.code == KeyCode::Char(*c) || b.1.code == *code);
            let covered = alias.is_some_and(|&(c, code, shown)| {
                let letter = if c == ' ' { "Space".to_string() } else { c.to_string() };
                let pair = format!("{letter}={shown}");
                let listed =
                    screens.iter().all(|s| s.contains(&pair) || (c == ' ' && s.contains(&format!("={shown}"))));
                let other = if b.1.code == code {
                    letter
                } else {
                    spelled(super::Key { code, mods: b.1.mods }).unwrap_or_default()
                };
                listed && names(row.keys, &other)
            });
            assert!(covered, "{:?} {:?} ({spelling}) is not named in help row {:?}", b.0, b.2, row.keys);
        }
    }
}
