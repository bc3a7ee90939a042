//! The status bar: environment, masked key, rate limit, the request in flight, and either a notice or the
//! diagnostic under the cursor (position, mark and row name; its sentence is in the Diagnostics pane).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, RequestState, Screen};
use super::super::strings::fill;
use super::card::spinner;
use super::text::{fit, width};

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let mut spans = Vec::new();
    match app.current_env() {
        Some(e) if e.offline_mock => spans.push(Span::styled(format!(" ● {} ", s.offline_mock), t.ok())),
        Some(e) => spans.push(Span::styled(format!(" ● {} ", e.name), t.accent())),
        None => spans.push(Span::styled(format!(" ○ {} ", s.starting_mock), t.dim())),
    }
    if let Some(e) = app.current_env() {
        let key = e.key_masked.clone().unwrap_or_else(|| s.no_key.to_string());
        spans.push(Span::styled(format!("{} {key} ", s.key), t.dim()));
    }
    if let Some(f) = app.fault {
        spans.push(Span::styled(format!("⚡ {} {f} ", s.fault), t.warn()));
    }
    let mut rate_span = None;
    if let Some(rl) = &app.rate {
        let mut txt = format!("{} ", s.rate_limit);
        match (rl.remaining, rl.limit) {
            (Some(rem), Some(lim)) => txt.push_str(&format!("{rem}/{lim}")),
            (Some(rem), None) => txt.push_str(&rem.to_string()),
            _ => txt.push('?'),
        }
        if let Some(reset) = rl.reset {
            let left = reset - app.now.as_second();
            if left > 0 {
                txt.push_str(&format!(" · {}", fill(s.resets_in, &[&left.to_string()])));
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
    let (row, _) = app.editor.cursor();
    let pos = format!(" {}:{} ", row + 1, app.editor.cursor().1 + 1);
    // The cursor position is drawn on the work screen only.
    let pos_w = if app.screen == Screen::Work { width(&pos) } else { 0 };
    let width_of = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
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
        let name = d.name.clone().unwrap_or_else(|| d.error.clone());
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
