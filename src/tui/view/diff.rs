//! Two history exchanges side by side, in place of the list and the opened exchange: a title naming both
//! (`#12 201 success ⇄ #15 400 fatal`), then each part of the exchange under its heading, the older exchange's lines
//! on the left, the newer's on the right, changed rows marked (`~`, `-`, `+`) and coloured by the theme's tones.
//! Lines are cut at the column's edge with `…`, never wrapped; only the rows on screen are drawn. [`rows`],
//! [`page`] and [`change_starts`] tell `update` how far it may scroll and where the changes are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout;
use super::super::theme::Tone;
use super::text::{clip_range, fit, pad, width};
use super::{pane, para};
use crate::classify::OutcomeKind;
use crate::exchange::diff::{ExchangeDiff, Kind, MAX_LINES, Part, Row, Section, Side};
use crate::i18n::fill;
use crate::text::visible;

/// What a document line is.
enum Item<'a> {
    Heading(&'a Section),
    /// The section compared only its first [`MAX_LINES`] lines.
    Cut,
    Row(&'a Row),
}

/// Lines of a section: its heading, the note when cut, its rows.
fn section_len(s: &Section) -> usize {
    1 + usize::from(s.cut) + s.rows.len()
}

fn len(d: &ExchangeDiff) -> usize {
    d.sections.iter().map(section_len).sum()
}

/// Document line `i`; a walk over at most six sections.
fn item(d: &ExchangeDiff, mut i: usize) -> Option<Item<'_>> {
    for s in &d.sections {
        if i < section_len(s) {
            return Some(match (i, s.cut) {
                (0, _) => Item::Heading(s),
                (1, true) => Item::Cut,
                _ => Item::Row(&s.rows[i - 1 - usize::from(s.cut)]),
            });
        }
        i -= section_len(s);
    }
    None
}

/// The document lines where a run of changed rows starts, in order.
pub fn change_starts(d: &ExchangeDiff) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for s in &d.sections {
        at += 1 + usize::from(s.cut);
        let mut before = Kind::Same;
        for r in &s.rows {
            if r.kind != Kind::Same && before == Kind::Same {
                out.push(at);
            }
            before = r.kind;
            at += 1;
        }
    }
    out
}

/// Where the comparison is drawn: the list's, the opened exchange's and the chart's room together.
fn area(app: &App) -> Rect {
    let a = layout::areas(app);
    a.history_list.union(a.history_open).union(a.history_chart)
}

fn text_area(app: &App) -> Rect {
    layout::inner(area(app))
}

/// Lines shown at once.
pub fn page(app: &App) -> usize {
    text_area(app).height.max(1) as usize
}

/// Lines in the comparison (0 until the diff is there).
pub fn rows(app: &App) -> usize {
    app.history.compare.as_ref().and_then(|c| c.diff.as_deref()).map_or(0, len)
}

/// Columns of each side's text: the width less a mark column per side and the separator, halved (the left side
/// gets the smaller half).
fn sides(w: usize) -> (usize, usize) {
    let text = w.saturating_sub(3);
    (text / 2, text - text / 2)
}

/// Columns of the narrower side: how far a line must reach for sideways scrolling to show more of it.
pub fn side_width(app: &App) -> usize {
    sides(text_area(app).width as usize).0
}

/// The widest line on screen, in columns.
pub fn widest_visible(app: &App) -> usize {
    let Some(c) = &app.history.compare else { return 0 };
    let Some(d) = c.diff.as_deref() else { return 0 };
    let from = c.scroll.min(len(d));
    (from..(from + page(app)).min(len(d)))
        .filter_map(|i| match item(d, i) {
            Some(Item::Row(r)) => Some(r),
            _ => None,
        })
        .flat_map(|r| [&r.left, &r.right])
        .filter_map(|l| l.as_deref())
        .map(|l| width(&visible(l)))
        .max()
        .unwrap_or(0)
}

/// A part's heading in the UI's language.
fn part_name(app: &App, part: Part) -> &'static str {
    let s = app.s();
    match part {
        Part::RequestLine => s.diff_request_line,
        Part::RequestHeaders => s.diff_request_headers,
        Part::RequestBody => s.diff_request_body,
        Part::Status => s.diff_status,
        Part::ResponseHeaders => s.diff_response_headers,
        Part::ResponseBody => s.diff_response_body,
    }
}

/// `#12 201 success` in the side's tone.
fn side_title(app: &App, side: &Side) -> Span<'static> {
    let s = app.s();
    let id = side.id.map(|i| format!("#{i}")).unwrap_or_default();
    let (what, tone) = match (side.status, side.network) {
        (None, Some(kind)) => {
            (format!("{} {}", s.diff_network, crate::classify::network::title(kind, app.lang)), Tone::ServerError)
        }
        (status, _) => {
            let outcome = match side.outcome {
                Some(OutcomeKind::Success) => s.outcome_success,
                Some(OutcomeKind::SuccessWithMinorErrors) => s.outcome_minor,
                Some(OutcomeKind::Fatal) => s.outcome_fatal,
                None => "",
            };
            let minor = side.outcome == Some(OutcomeKind::SuccessWithMinorErrors);
            let status = status.map(|s| s.to_string()).unwrap_or_default();
            (format!("{status} {outcome}").trim().to_string(), Tone::of(side.status, minor))
        }
    };
    Span::styled(format!("{id} {what}"), app.theme.tone(tone))
}

/// `line` from column `skip`, cut to `w` columns with `…`, made visible, padded to `w`.
fn cell(line: Option<&str>, skip: usize, w: usize) -> String {
    let Some(line) = line else { return " ".repeat(w) };
    let v = visible(line);
    let (from, _, _) = clip_range(&v, skip, usize::MAX);
    pad(&fit(&v[from..], w), w)
}

fn row_line(app: &App, r: &Row, skip: usize, w: usize) -> Line<'static> {
    let t = &app.theme;
    let (lw, rw) = sides(w);
    let (lmark, rmark, lstyle, rstyle): (&str, &str, Style, Style) = match r.kind {
        Kind::Same => (" ", " ", t.plain(), t.plain()),
        Kind::Changed => ("~", "~", t.warn(), t.warn()),
        Kind::LeftOnly => ("-", " ", t.error(), t.plain()),
        Kind::RightOnly => (" ", "+", t.plain(), t.ok()),
    };
    Line::from(vec![
        Span::styled(lmark, lstyle),
        Span::styled(cell(r.left.as_deref(), skip, lw), lstyle),
        Span::styled("│", t.dim()),
        Span::styled(rmark, rstyle),
        Span::styled(cell(r.right.as_deref(), skip, rw), rstyle),
    ])
}

fn line(app: &App, d: &ExchangeDiff, i: usize, skip: usize, w: usize) -> Line<'static> {
    let t = &app.theme;
    let s = app.s();
    match item(d, i) {
        Some(Item::Heading(sec)) => {
            let count = if sec.changes == 0 {
                s.diff_same.to_string()
            } else {
                fill(s.diff_changes, &[("count", &sec.changes)])
            };
            Line::from(vec![
                Span::styled(part_name(app, sec.part), t.accent()),
                Span::styled(format!(" · {count}"), t.dim()),
            ])
        }
        Some(Item::Cut) => Line::from(Span::styled(fit(&fill(s.diff_cut, &[("lines", &MAX_LINES)]), w), t.warn())),
        Some(Item::Row(r)) => row_line(app, r, skip, w),
        None => Line::raw(""),
    }
}

pub fn draw(app: &App, f: &mut Frame) {
    let Some(c) = &app.history.compare else { return };
    let t = &app.theme;
    let s = app.s();
    let r = area(app);
    let title = match c.diff.as_deref() {
        Some(d) => Line::from(vec![
            Span::raw(" "),
            side_title(app, &d.left),
            Span::raw(" ⇄ "),
            side_title(app, &d.right),
            Span::raw(" "),
        ]),
        None => Line::raw(format!(" #{} ⇄ #{} ", c.ids[0], c.ids[1])),
    };
    let mut block = pane(app, title, true);
    let inner = block.inner(r);
    let (w, h) = (inner.width as usize, inner.height as usize);
    let Some(d) = c.diff.as_deref() else {
        f.render_widget(block, r);
        f.render_widget(para(vec![Line::from(Span::styled(s.diff_loading, t.dim()))]), inner);
        return;
    };
    // The state is clamped by `update`; a resize since can leave it past the end until the next key.
    let top = c.scroll.min(len(d).saturating_sub(h));
    let end = (top + h).min(len(d));
    let mut foot = format!(" {} ", fill(s.diff_changes, &[("count", &d.changes)]));
    if len(d) > h {
        foot.push_str(&format!("· {}–{}/{} ", top + 1, end, len(d)));
    }
    block = block.title_bottom(Line::from(foot).right_aligned());
    f.render_widget(block, r);
    let lines: Vec<Line> = (top..end).map(|i| line(app, d, i, c.hscroll, w)).collect();
    f.render_widget(para(lines), inner);
}

#[cfg(test)]
mod tests;
