//! A small chart of the listed exchanges: status classes over time (one cell each, oldest → newest) and a
//! latency sparkline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Sparkline;

use super::super::app::App;
use super::super::theme::Tone;
use super::text::pad;
use super::{pane, para};

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let block = pane(app, format!(" {} · {} ", s.classes, s.latency), false);
    let area = block.inner(r);
    f.render_widget(block, r);
    if area.height == 0 || area.width < 12 {
        return;
    }
    let label_w = 10u16;
    let cells = (area.width - label_w) as usize;
    // Rows are newest first; the chart reads left to right, oldest to newest.
    let recent: Vec<_> = app.history.rows.iter().take(cells).rev().collect();
    let mut strip = vec![Span::styled(pad(s.classes, label_w as usize), t.dim())];
    for row in &recent {
        strip.push(Span::styled(t.tone_glyph(row.tone), t.tone(row.tone)));
    }
    let mut counts = vec![Span::raw(" ".repeat(label_w as usize))];
    for (tone, label) in [
        (Tone::Success, "2XX"),
        (Tone::Minor, "minor"),
        (Tone::ClientError, "4XX"),
        (Tone::RateLimited, "429"),
        (Tone::ServerError, "5XX/net"),
    ] {
        let n = recent.iter().filter(|r| r.tone == tone).count();
        if n > 0 {
            counts.push(Span::styled(format!("{label} {n}  "), t.tone(tone)));
        }
    }
    counts.push(Span::styled(s.oldest_newest, t.dim()));
    let mut lat: Vec<u64> = recent.iter().map(|r| r.duration_ms.round() as u64).collect();
    let max = lat.iter().copied().max().unwrap_or(0);
    let mut sorted = lat.clone();
    sorted.sort_unstable();
    let p50 = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
    let label = Line::from(vec![
        Span::styled(pad(s.latency, label_w as usize), t.dim()),
        Span::styled(format!("p50 {p50} ms · max {max} ms"), t.dim()),
    ]);
    f.render_widget(para(vec![Line::from(strip), Line::from(counts)]), Rect { height: 2.min(area.height), ..area });
    if area.height > 2 {
        let spark = Rect { x: area.x + label_w, y: area.y + 2, width: area.width - label_w, height: area.height - 2 };
        if lat.is_empty() {
            lat.push(0);
        }
        let style = if t.colour { ratatui::style::Style::new().fg(ratatui::style::Color::Cyan) } else { t.plain() };
        f.render_widget(Sparkline::default().data(&lat).style(style), spark);
        f.render_widget(para(vec![label]), Rect { height: 1, y: area.y + area.height - 1, width: label_w, ..area });
    }
}
