//! The full key reference (`?` / F1), listed from the keymap (`tui::keymap`): every row of every section, so help
//! shows exactly what dispatch does.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::keymap::{self, Section};
use super::super::layout::centered;
use super::text::width;
use super::{overlay_box, para};

pub fn draw(app: &App, f: &mut Frame) {
    let t = &app.theme;
    let s = app.s();
    let full = f.area();
    // Two columns when there is room, so the whole reference fits a 24-row terminal.
    let two = full.width >= 78;
    let width = if two { full.width.saturating_sub(2).min(96) } else { 64 };
    let column = if two { width.saturating_sub(2) / 2 } else { width.saturating_sub(2) } as usize;
    let sections: Vec<Vec<Line>> = Section::HELP.iter().map(|&section| lines(app, section, column)).collect();
    let (left, right): (Vec<Line>, Vec<Line>) =
        if two { (sections[..2].concat(), sections[2..].concat()) } else { (sections.concat(), Vec::new()) };
    // The sections, a blank line, how to close.
    let rows = left.len().max(right.len()) as u16 + 2;
    let r = centered(full, width, rows + 2);
    let inner = overlay_box(app, f, r, s.help);
    // How to close comes first: on a narrow terminal the line is clipped, and the mouse hint can go.
    let foot = vec![Line::from(vec![
        Span::styled(s.help_close, t.key_hint()),
        Span::raw("  "),
        Span::styled(s.help_mouse, t.dim()),
    ])];
    let body = Rect { height: inner.height.saturating_sub(1), ..inner };
    if two {
        let [l, rr] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        f.render_widget(para(left), l);
        f.render_widget(para(right), rr);
    } else {
        f.render_widget(para(left), body);
    }
    let foot_area = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(para(foot), foot_area);
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
