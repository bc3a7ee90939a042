//! The full key reference (`?` / F1), listed from the keymap (`tui::keymap`): every row of every section, so help
//! shows exactly what dispatch does.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::keymap::{self, Section};
use super::super::layout::centered;
use super::text::{width, wrap};
use super::{overlay_box, para};

/// The help laid out for a terminal: its columns, its foot, and how many body rows it has and can show.
struct Plan {
    width: u16,
    two: bool,
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    foot: Vec<Line<'static>>,
    body_rows: u16,
    /// Body rows that fit under the foot on this terminal.
    shown: u16,
    /// A blank line before the foot.
    gap: u16,
}

fn plan(app: &App, full: Rect) -> Plan {
    // Two columns when there is room, so most of the reference fits a 24-row terminal; the rest scrolls.
    let two = full.width >= 78;
    let width = if two { full.width.saturating_sub(2).min(96) } else { full.width.min(64) };
    let column = if two { width.saturating_sub(2) / 2 } else { width.saturating_sub(2) } as usize;
    let inner_width = width.saturating_sub(2) as usize;
    let sections: Vec<Vec<Line>> = Section::HELP.iter().map(|&section| lines(app, section, column)).collect();
    let (left, right): (Vec<Line>, Vec<Line>) =
        if two { (sections[..2].concat(), sections[2..].concat()) } else { (sections.concat(), Vec::new()) };
    let foot = foot(app, inner_width);
    let body_rows = left.len().max(right.len()) as u16;
    let foot_rows = foot.len() as u16;
    // A blank line before the foot when the terminal has a row to spare.
    let gap = u16::from(body_rows + foot_rows + 3 <= full.height);
    let shown = body_rows.min(full.height.saturating_sub(foot_rows + gap + 2));
    Plan { width, two, left, right, foot, body_rows, shown, gap }
}

/// How many rows of the help are below the terminal's last line when it is not scrolled (0 when it all fits).
pub fn overflow(app: &App) -> usize {
    let p = plan(app, Rect::new(0, 0, app.width, app.height));
    usize::from(p.body_rows.saturating_sub(p.shown))
}

pub fn draw(app: &App, f: &mut Frame, scroll: usize) {
    let s = app.s();
    let full = f.area();
    let p = plan(app, full);
    let scroll = scroll.min(usize::from(p.body_rows.saturating_sub(p.shown)));
    let r = centered(full, p.width, p.shown + p.gap + p.foot.len() as u16 + 2);
    let inner = overlay_box(app, f, r, s.help);
    let body = Rect { height: p.shown.min(inner.height), ..inner };
    let top = u16::try_from(scroll).unwrap_or(u16::MAX);
    if p.two {
        let [l, rr] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        f.render_widget(para(p.left).scroll((top, 0)), l);
        f.render_widget(para(p.right).scroll((top, 0)), rr);
    } else {
        f.render_widget(para(p.left).scroll((top, 0)), body);
    }
    let foot_rows = (p.foot.len() as u16).min(inner.height);
    let foot_area = Rect { y: inner.bottom().saturating_sub(foot_rows), height: foot_rows, ..inner };
    f.render_widget(para(p.foot), foot_area);
    // What is above and below, on the box's borders, as the card does.
    let t = &app.theme;
    let below = usize::from(p.body_rows.saturating_sub(p.shown)).saturating_sub(scroll);
    let mark = |text: String, y: u16, f: &mut Frame| {
        let w = (width(&text) as u16).min(r.width.saturating_sub(4));
        let at = Rect { x: r.right().saturating_sub(w + 2), y, width: w, height: 1 };
        f.render_widget(para(vec![Line::from(Span::styled(text, t.dim()))]), at);
    };
    if scroll > 0 {
        mark(format!(" {} ", crate::i18n::fill(s.help_above, &[("count", &scroll)])), r.y, f);
    }
    if below > 0 {
        mark(format!(" {} ", crate::i18n::fill(s.help_more, &[("count", &below)])), r.bottom().saturating_sub(1), f);
    }
}

/// How to close, the letters that stand for keys ([`keymap::ALIASES`]) and the mouse, wrapped to `cols` so nothing
/// is cut. How to close comes first: on a terminal too short for the whole foot, the rest can go.
fn foot(app: &App, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = app.s();
    let aliases: Vec<String> = keymap::ALIASES
        .iter()
        .map(|(c, _, key)| if *c == ' ' { format!("{}={key}", s.space) } else { format!("{c}={key}") })
        .collect();
    let aliases = aliases.join(" ");
    let mut out = Vec::new();
    if width(s.help_close) + 2 + width(&aliases) <= cols {
        out.push(Line::from(vec![
            Span::styled(s.help_close, t.key_hint()),
            Span::raw("  "),
            Span::styled(aliases, t.dim()),
        ]));
    } else {
        out.push(Line::from(Span::styled(s.help_close, t.key_hint())));
        out.extend(wrap(&aliases, cols).into_iter().map(|l| Line::from(Span::styled(l, t.dim()))));
    }
    out.extend(wrap(s.help_mouse, cols).into_iter().map(|l| Line::from(Span::styled(l, t.dim()))));
    out
}

/// A section: its title, then one line per row with the keys padded to the section's longest (in columns, so arrows
/// and Hangul line up). The short "when not typing" section packs its rows into as few lines as fit `column`.
fn lines(app: &App, section: Section, column: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let rows = keymap::help_rows(section, app.s());
    let mut lines = vec![Line::from(Span::styled(section.title(app.s()), t.accent()))];
    if section == Section::NotTyping {
        let mut line: Vec<Span> = Vec::new();
        let mut used = 0;
        for (k, what) in rows {
            let w = 2 + width(k) + 1 + width(what);
            if used > 0 && used + w > column {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            used += w;
            line.extend([Span::styled(format!("  {k}"), t.key_hint()), Span::raw(format!(" {what}"))]);
        }
        lines.push(Line::from(line));
        return lines;
    }
    let w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
    for (k, what) in rows {
        let pad = w.saturating_sub(width(k));
        lines.push(Line::from(vec![Span::styled(format!("  {k}{}", " ".repeat(pad)), t.key_hint()), Span::raw(what)]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::i18n::{Lang, Table as _};
    use crate::tui::app::{App, Overlay};
    use crate::tui::theme::Theme;

    fn help(lang: Lang, w: u16, h: u16) -> String {
        let mut app = App::new(lang, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), w, h);
        app.overlay = Some(Overlay::Help { scroll: 0 });
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| crate::tui::view::view(&app, f)).unwrap();
        crate::tui::driver::screen_text(term.backend().buffer())
    }

    /// At 80×24 the whole help shows in both languages, the mouse line whole (it used to be cut at the box edge).
    #[test]
    fn help_at_80x24_shows_every_line_and_the_whole_mouse_line() {
        for lang in [Lang::En, Lang::Ko] {
            let screen = help(lang, 80, 24);
            let s = crate::tui::strings::Strings::get(lang);
            let text: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(s.help_mouse), "{lang:?}: the mouse line is cut:\n{screen}");
            assert!(screen.contains(s.help_close) && screen.contains("j=↓"), "{screen}");
            insta::assert_snapshot!(format!("help_80x24_{lang:?}").to_lowercase(), screen);
        }
    }

    /// On a terminal shorter than the help, it says how much is below, ↓ / End reveal it, and it never scrolls past
    /// its end.
    #[test]
    fn a_help_taller_than_the_terminal_scrolls_to_its_last_row() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 80, 14);
        app.overlay = Some(Overlay::Help { scroll: 0 });
        let below = super::overflow(&app);
        assert!(below > 0, "80×14 cannot hold the help");
        let draw = |app: &App| {
            let mut term = Terminal::new(TestBackend::new(80, 14)).unwrap();
            term.draw(|f| crate::tui::view::view(app, f)).unwrap();
            crate::tui::driver::screen_text(term.backend().buffer())
        };
        let top = draw(&app);
        assert!(top.contains(&format!("↓ {below} more")) && !top.contains("above"), "{top}");
        let key = |app: &mut App, code| {
            crate::tui::update::update(app, crate::tui::msg::Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
        };
        key(&mut app, KeyCode::Down);
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: 1 }));
        for _ in 0..3 {
            key(&mut app, KeyCode::End);
        }
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: below }), "End stops at the last row");
        let end = draw(&app);
        let s = crate::tui::strings::Strings::get(Lang::En);
        let last = crate::tui::keymap::help_rows(crate::tui::keymap::Section::NotTyping, s);
        assert!(end.contains(&format!("↑ {below} above")) && !end.contains("more:"), "{end}");
        assert!(end.contains(last[last.len() - 1].1), "the last row shows:\n{end}");
        key(&mut app, KeyCode::Home);
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    }

    /// On a narrow terminal the mouse line wraps rather than running off the box.
    #[test]
    fn the_mouse_line_wraps_on_a_narrow_terminal() {
        let screen = help(Lang::En, 60, 40);
        let text: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("wheel scrolls."), "{screen}");
    }
}
