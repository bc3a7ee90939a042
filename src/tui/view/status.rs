//! The status bar: environment, masked key, rate limit, the request in flight, and either a notice or the
//! diagnostic under the cursor (position, mark and row name; its sentence is in the Diagnostics pane).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, RequestState, Screen};
use super::card::spinner;
use super::text::{fit, width};
use crate::i18n::fill;

/// How much the fixed part of the bar gives up to fit: 0 nothing, 1 the sandbox's long label, 2 also the word
/// "rate limit". The countdown keeps its unit at every level.
const COMPACT_LEVELS: u8 = 3;

/// Environment, key, fault, rate limit and the request in flight; the index of the rate-limit span.
fn fixed_spans(app: &App, compact: u8) -> (Vec<Span<'static>>, Option<usize>) {
    let t = &app.theme;
    let s = app.s();
    let mut spans = Vec::new();
    match app.current_env() {
        Some(e) if e.offline_mock => {
            let label = if compact >= 1 { s.sandbox_short } else { s.offline_mock };
            spans.push(Span::styled(format!(" ● {label} "), t.ok()))
        }
        Some(e) => spans.push(Span::styled(format!(" ● {} ", crate::text::visible(&e.name)), t.accent())),
        None => spans.push(Span::styled(format!(" ○ {} ", s.starting_mock), t.dim())),
    }
    if let Some(e) = app.current_env() {
        let key = match &e.key_masked {
            Some(k) => format!("{} {k} ", s.key),
            None => format!("{} ", s.no_key),
        };
        spans.push(Span::styled(key, t.dim()));
    }
    if let Some(f) = app.fault {
        spans.push(Span::styled(format!("⚡ {} {f} ", s.fault), t.warn()));
    }
    let mut rate_span = None;
    if let Some(rl) = &app.rate {
        let mut txt = if compact >= 2 { String::new() } else { format!("{} ", s.rate_limit) };
        match (rl.remaining, rl.limit) {
            (Some(rem), Some(lim)) => txt.push_str(&format!("{rem}/{lim}")),
            (Some(rem), None) => txt.push_str(&rem.to_string()),
            _ => txt.push('?'),
        }
        if let Some(reset) = rl.reset {
            let left = reset - app.now.as_second();
            if left > 0 {
                txt.push_str(&format!(" · {}", fill(s.resets_in, &[("seconds", &left)])));
            }
        }
        let style = if rl.remaining == Some(0) { t.tone(super::super::theme::Tone::RateLimited) } else { t.dim() };
        rate_span = Some(spans.len());
        spans.push(Span::styled(format!("{txt} "), style));
    }
    match &app.request {
        RequestState::Sending(inf) => {
            let secs = app.now.duration_since(inf.started).as_secs_f64().max(0.0);
            spans.push(Span::styled(format!("{} {secs:.1} s ", spinner(app, inf.started)), t.accent()));
        }
        RequestState::Scheduled { at, .. } => {
            let left = (at.as_second() - app.now.as_second()).max(0);
            spans.push(Span::styled(format!("⟳ {left} s "), t.accent()));
        }
        RequestState::Idle => {}
    }
    (spans, rate_span)
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let width_of = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    // The least compact form that fits, so nothing is cut mid-word (a countdown without its unit).
    let (mut spans, rate_span) = (0..COMPACT_LEVELS)
        .map(|level| fixed_spans(app, level))
        .find(|(spans, _)| width_of(spans) <= r.width as usize)
        .unwrap_or_else(|| fixed_spans(app, COMPACT_LEVELS - 1));
    let (row, _) = app.editor.cursor();
    let pos = format!(" {}:{} ", row + 1, app.editor.cursor().1 + 1);
    // The cursor position is drawn on the work screen only.
    let pos_w = if app.screen == Screen::Work { width(&pos) } else { 0 };
    let mut room = (r.width as usize).saturating_sub(width_of(&spans) + pos_w + 1);
    // A notice (where an export went, why a send failed) matters more for its few seconds than the rate limit,
    // which is back once the notice is gone.
    if let Some(toast) = &app.toast
        && width(&toast.text) + 1 > room
        && let Some(i) = rate_span
    {
        spans.remove(i);
        room = (r.width as usize).saturating_sub(width_of(&spans) + pos_w + 1);
    }
    if let Some(toast) = &app.toast {
        spans.push(Span::styled(format!(" {}", fit(&toast.text, room.saturating_sub(1))), t.tone(toast.tone)));
    } else if app.screen == Screen::Work
        && let Some((_, d)) = app.editor.cursor_diagnostic()
    {
        // Where, how bad and which row, compactly: the Diagnostics pane holds the whole sentence.
        let (name, id) = app.diagnostic_name(d);
        let name = if id.is_empty() { name } else { format!("{name} {id}") };
        let text = format!(" {}:{} {} {name}", d.line, d.column, t.severity_mark(d.severity));
        spans.push(Span::styled(fit(&text, room), t.severity(d.severity)));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if app.screen == Screen::Work && used + width(&pos) <= r.width as usize {
        spans.push(Span::raw(" ".repeat(r.width as usize - used - width(&pos))));
        spans.push(Span::styled(pos, t.dim()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(t.bar()), r);
}
