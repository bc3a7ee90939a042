//! Below the card: the body (pretty, virtualised: only visible lines are touched), headers, timings, attempts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::{App, Detail, FindIn, Focus, ResponseView};
use super::text::{clip, json_line, owned};
use super::{pane, para};
use crate::i18n::fill;
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let focused = app.focus == Focus::Response;
    let Some(v) = &app.response else {
        f.render_widget(pane(app, "", false), r);
        return;
    };
    let mut block = pane(app, tab_line(app, v), focused);
    if let (Detail::Body, Some(b)) = (v.detail, &v.body) {
        let last = (v.scroll + r.height.saturating_sub(2) as usize).min(b.len());
        let range = Line::from(format!(" {}–{}/{} ", v.scroll + 1, last, b.len())).right_aligned();
        for line in super::find::bottom(super::find::line(app, FindIn::Response(v.seq)), Some(range), r.width) {
            block = block.title_bottom(line);
        }
    }
    let inner = block.inner(r);
    f.render_widget(block, r);
    let (h, w) = (inner.height as usize, inner.width as usize);
    let lines: Vec<Line> = match v.detail {
        Detail::Body => body(app, v, h, w),
        Detail::Headers => text_rows(headers(v), v.scroll, h, v.hscroll, w),
        Detail::Timings => text_rows(timings(app, v), v.scroll, h, v.hscroll, w),
        Detail::Attempts => text_rows(attempts(app, v), v.scroll, h, v.hscroll, w),
    };
    let lines = if lines.is_empty() { vec![Line::from(Span::styled(s.empty_body, t.dim()))] } else { lines };
    f.render_widget(para(lines), inner);
}

fn tab_line(app: &App, v: &ResponseView) -> Line<'static> {
    let t = &app.theme;
    let s = app.s();
    let mut spans = Vec::new();
    for (i, (d, name)) in Detail::ALL.iter().zip([s.body, s.headers, s.timings, s.attempts]).enumerate() {
        let style = if *d == v.detail { t.selected() } else { t.dim() };
        spans.push(Span::styled(format!(" {} {name} ", i + 1), style));
    }
    Line::from(spans)
}

fn body<'a>(app: &'a App, v: &'a ResponseView, h: usize, w: usize) -> Vec<Line<'a>> {
    let t = &app.theme;
    let s = app.s();
    let Some(b) = &v.body else { return vec![Line::from(Span::styled(s.formatting, t.dim()))] };
    let mut out = Vec::with_capacity(h);
    if let Some(resp) = v.exchange.final_response()
        && resp.truncated
        && v.scroll == 0
    {
        let note = fill(s.truncated, &[("shown", &resp.body.len()), ("total", &resp.body_bytes)]);
        out.push(Line::from(Span::styled(note, t.warn())));
    }
    let end = (v.scroll + h).min(b.len());
    let find = super::find::of(app, FindIn::Response(v.seq));
    for i in v.scroll..end {
        if out.len() >= h {
            break;
        }
        // Only the lines on screen are made visible, each frame: a 10 MiB body is never copied whole.
        let line = b.line(i);
        let marks = find.map(|f| super::find::marks(app, f, b.start(i), line.len())).unwrap_or_default();
        match (visible(line), b.json) {
            (std::borrow::Cow::Borrowed(line), _) if !marks.is_empty() => {
                out.push(json_line(t, line, v.hscroll, w, &marks));
            }
            (std::borrow::Cow::Borrowed(line), true) => out.push(json_line(t, line, v.hscroll, w, &[])),
            (std::borrow::Cow::Borrowed(line), false) => out.push(Line::raw(clip(line, v.hscroll, w).0)),
            (std::borrow::Cow::Owned(line), true) => out.push(owned(json_line(t, &line, v.hscroll, w, &[]))),
            (std::borrow::Cow::Owned(line), false) => out.push(Line::raw(clip(&line, v.hscroll, w).0.to_string())),
        }
    }
    out
}

fn text_rows(rows: Vec<String>, scroll: usize, h: usize, skip: usize, w: usize) -> Vec<Line<'static>> {
    rows.into_iter().skip(scroll).take(h).map(|r| Line::raw(clip(&visible(&r), skip, w).0.to_string())).collect()
}

fn headers(v: &ResponseView) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = v.exchange.final_response() {
        out.extend(r.headers.iter().map(|(k, val)| format!("{k}: {val}")));
    }
    out.push(String::new());
    out.push(format!("> {} {}", v.exchange.request.method, v.exchange.request.url));
    out.extend(v.exchange.request.headers.iter().map(|(k, val)| format!("> {k}: {val}")));
    out
}

fn ms(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1} ms")).unwrap_or_else(|| "—".into())
}

fn timings(app: &App, v: &ResponseView) -> Vec<String> {
    let s = app.s();
    let mut out = Vec::new();
    for a in &v.exchange.attempts {
        out.push(format!("#{}", a.number));
        out.push(format!("  {:<12}{}", s.connect, ms(a.timings.connect_ms)));
        out.push(format!("  {:<12}{}", s.first_byte, ms(a.timings.first_byte_ms)));
        out.push(format!("  {:<12}{}", s.total, ms(Some(a.timings.total_ms))));
        if a.waited_ms > 0 {
            out.push(format!("  {:<12}{} ms", s.waited, a.waited_ms));
        }
    }
    out.push(format!("{:<14}{:.1} ms", s.total, v.exchange.duration_ms()));
    out
}

fn attempts(app: &App, v: &ResponseView) -> Vec<String> {
    let s = app.s();
    v.exchange
        .attempts
        .iter()
        .map(|a| {
            let what = match (&a.response, &a.failure) {
                (Some(r), _) => {
                    let msg = serde_json::from_str::<serde_json::Value>(&r.body)
                        .ok()
                        .and_then(|j| j.get("message").and_then(|m| m.as_str()).map(str::to_string))
                        .unwrap_or_default();
                    format!("{} {msg}", r.status)
                }
                (None, Some(f)) => format!("{} ({})", super::card::network_label(app, f.kind), f.detail),
                (None, None) => "—".into(),
            };
            let time = a.started_at.strftime("%H:%M:%S");
            let wait = if a.waited_ms > 0 { format!("  {} {} ms", s.waited, a.waited_ms) } else { String::new() };
            format!("#{} {time}  {what}  {}{wait}", a.number, ms(Some(a.timings.total_ms)))
        })
        .collect()
}
