//! The exchange opened on the history screen: explanation, request, response, as one document scrolled as a whole.
//! Its bodies are read only where they are on screen, so drawing it costs the same for a 10 MiB body as for a short
//! one. [`rows`] and [`page`] tell `update` how far it may scroll.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::{App, Find, FindIn, OpenEntry};
use super::super::layout;
use super::super::pretty::BodyLines;
use super::super::theme::Tone;
use super::card::tone_of;
use super::text::{clip, fit, json_line, owned, width, wrap};
use super::{pane, para};
use crate::i18n::fill;
use crate::text::visible;

/// The document: short parts made each frame (wrapped to the pane), the two bodies between them read by index.
struct Doc<'a> {
    /// Explanation, then the request's title and line.
    head: Vec<Line<'static>>,
    request: &'a BodyLines,
    /// Between the bodies: the response's title and a note if its body was cut or is still being formatted.
    mid: Vec<Line<'static>>,
    body: Option<&'a BodyLines>,
}

/// A body's line count; an empty body has none (a GET sends no body).
fn count(b: &BodyLines) -> usize {
    if b.is_empty() { 0 } else { b.len() }
}

fn doc<'a>(app: &App, e: &'a OpenEntry, w: usize) -> Doc<'a> {
    let t = &app.theme;
    let s = app.s();
    let ex = &e.exchange;
    let mut head = vec![Line::from(Span::styled(s.explanation, t.accent()))];
    match &ex.outcome {
        Some(o) => super::card::outcome_lines(app, o, tone_of(ex), w, &mut head),
        None => {
            let detail = ex.final_failure().map(|f| f.detail.as_str()).unwrap_or_default();
            head.extend(wrap(detail, w).into_iter().map(|l| Line::from(Span::styled(l, t.tone(Tone::ServerError)))));
        }
    }
    head.push(Line::raw(""));
    head.push(Line::from(Span::styled(s.request, t.accent())));
    head.push(Line::raw(fit(&format!("{} {}", ex.request.method, ex.request.url), w)));
    let mut mid = vec![Line::raw(""), Line::from(Span::styled(s.response, t.accent()))];
    let resp = ex.final_response();
    if let Some(r) = resp.filter(|r| r.truncated) {
        let note = fill(s.truncated, &[("shown", &r.body.len()), ("total", &r.body_bytes)]);
        mid.extend(wrap(&note, w).into_iter().map(|l| Line::from(Span::styled(l, t.warn()))));
    }
    if resp.is_some() && e.body.is_none() {
        mid.push(Line::from(Span::styled(s.formatting, t.dim())));
    }
    Doc { head, request: &e.request, mid, body: e.body.as_deref() }
}

impl Doc<'_> {
    fn len(&self) -> usize {
        self.head.len() + count(self.request) + self.mid.len() + self.body.map(count).unwrap_or(0)
    }

    /// Line `i` of a body, if `i` falls in one: the body and the line's index in it.
    fn body_line(&self, i: usize) -> Option<(&BodyLines, usize)> {
        let i = i.checked_sub(self.head.len())?;
        if i < count(self.request) {
            return Some((self.request, i));
        }
        let i = i - count(self.request);
        let i = i.checked_sub(self.mid.len())?;
        self.body.filter(|b| i < count(b)).map(|b| (b, i))
    }

    /// Line `i` as drawn: the short parts as made, a body line made visible and clipped from column `skip`, the
    /// search's matches marked (`find`: the search and where the response body starts in its offsets).
    fn line(&self, app: &App, i: usize, skip: usize, w: usize, find: Option<(&Find, usize)>) -> Line<'static> {
        if let Some((b, n)) = self.body_line(i) {
            let raw = b.line(n);
            let base = if std::ptr::eq(b, self.request) { 0 } else { find.map_or(0, |(_, at)| at) };
            let marks = find.map(|(f, _)| super::find::marks(app, f, base + b.start(n), raw.len())).unwrap_or_default();
            let text = visible(raw);
            return match text {
                // Marks are byte ranges of the line as stored: only a line with nothing hidden takes them.
                std::borrow::Cow::Borrowed(text) if !marks.is_empty() => {
                    owned(json_line(&app.theme, text, skip, w, &marks))
                }
                _ if b.json => owned(json_line(&app.theme, &text, skip, w, &[])),
                _ => Line::raw(clip(&text, skip, w).0.to_string()),
            };
        }
        let after_request = self.head.len() + count(self.request);
        let short = if i < self.head.len() { self.head.get(i) } else { self.mid.get(i - after_request) };
        short.cloned().unwrap_or_default()
    }
}

/// The document line of line `line` of body `part` (0: the request's, 1: the response's) at the pane's width.
pub fn body_line_in_doc(app: &App, part: usize, line: usize) -> usize {
    let Some(e) = &app.history.open else { return 0 };
    let d = doc(app, e, text_width(app));
    match part {
        0 => d.head.len() + line,
        _ => d.head.len() + count(d.request) + d.mid.len() + line,
    }
}

/// The pane's inside, where the document is drawn.
fn text_area(app: &App) -> Rect {
    layout::inner(layout::areas(app).history_open)
}

/// Columns of the document.
pub fn text_width(app: &App) -> usize {
    text_area(app).width as usize
}

/// Lines shown at once: a page.
pub fn page(app: &App) -> usize {
    text_area(app).height.max(1) as usize
}

/// Lines in the opened exchange's document at the pane's width (0 when none is open).
pub fn rows(app: &App) -> usize {
    app.history.open.as_ref().map(|e| doc(app, e, text_width(app)).len()).unwrap_or(0)
}

/// The widest body line on screen, in columns: how far sideways scrolling can go.
pub fn widest_visible(app: &App) -> usize {
    let Some(e) = &app.history.open else { return 0 };
    let d = doc(app, e, text_width(app));
    let from = e.scroll.min(d.len());
    (from..(from + page(app)).min(d.len()))
        .filter_map(|i| d.body_line(i))
        .map(|(b, n)| width(&visible(b.line(n))))
        .max()
        .unwrap_or(0)
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let Some(e) = &app.history.open else {
        let block = pane(app, "", false);
        let area = block.inner(r);
        f.render_widget(block, r);
        f.render_widget(para(vec![Line::from(Span::styled(s.open_hint, t.dim()))]), area);
        return;
    };
    let ex = &e.exchange;
    let title = visible(&format!(" #{} {} {} ", ex.id.unwrap_or_default(), ex.request.method, ex.request.endpoint))
        .into_owned();
    let mut block = pane(app, title, e.focused);
    if !e.focused {
        // Unfocused, the border keeps the exchange's tone; focused, it says where the keys go, as every pane's does.
        block = block.border_style(t.tone(tone_of(ex)));
    }
    let area = block.inner(r);
    let (w, h) = (area.width as usize, area.height as usize);
    let d = doc(app, e, w);
    // The state is clamped by `update`; a resize since can leave it past the end until the next key.
    let top = e.scroll.min(d.len().saturating_sub(h));
    let end = (top + h).min(d.len());
    let range = (d.len() > h).then(|| Line::from(format!(" {}–{}/{} ", top + 1, end, d.len())).right_aligned());
    for line in super::find::bottom(super::find::line(app, FindIn::Entry(e.seq)), range, r.width) {
        block = block.title_bottom(line);
    }
    f.render_widget(block, r);
    let find = super::find::of(app, FindIn::Entry(e.seq)).map(|f| (f, e.request.text().len() + 1));
    let lines: Vec<Line> = (top..end).map(|i| d.line(app, i, e.hscroll, w, find)).collect();
    f.render_widget(para(lines), area);
}
