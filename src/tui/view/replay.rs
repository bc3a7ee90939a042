//! The gauge of a replay running from the history (`r`), in place of the chart: done of total, the rate, the time
//! left, the answers by class, and the engine's wait (a rate-limit window) when there is one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::LineGauge;

use super::super::app::{App, Replaying};
use super::{pane, para};
use crate::i18n::fill;
use crate::text::duration::{human, seconds_left};

pub fn draw(app: &App, f: &mut Frame, r: Rect, run: &Replaying) {
    let t = &app.theme;
    let s = app.s();
    let block = pane(app, format!(" {} ", s.replay_title), true);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let elapsed = (app.now.as_millisecond() - run.started.as_millisecond()).max(1) as f64 / 1000.0;
    let rate = run.done as f64 / elapsed;
    let eta = if run.done == 0 || rate <= 0.0 {
        "—".to_string()
    } else {
        let left = (run.total - run.done.min(run.total)) as f64 / rate;
        human(std::time::Duration::from_secs_f64(left.min(86_400.0 * 30.0)), app.lang)
    };
    let label = fill(
        s.replay_gauge,
        &[("done", &run.done), ("total", &run.total), ("rate", &format!("{rate:.1}")), ("eta", &eta)],
    );
    let ratio = if run.total == 0 { 0.0 } else { (run.done as f64 / run.total as f64).clamp(0.0, 1.0) };
    let gauge = LineGauge::default().filled_style(t.accent()).ratio(ratio).label(label);
    let row = |i: u16| Rect { y: inner.y + i, height: 1, ..inner };
    if inner.height == 0 {
        return;
    }
    f.render_widget(gauge, row(0));
    let [ok, c4, c5, net] = run.counts;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("2XX {ok}"), t.tone(super::super::theme::Tone::Success)),
        Span::raw("  "),
        Span::styled(format!("4XX {c4}"), t.tone(super::super::theme::Tone::ClientError)),
        Span::raw("  "),
        Span::styled(format!("5XX {c5}"), t.tone(super::super::theme::Tone::ServerError)),
        Span::raw("  "),
        Span::styled(format!("{} {net}", s.replay_no_answer), t.dim()),
        Span::styled(format!("   {}", s.esc_cancels), t.dim()),
    ])];
    if let Some((until, why)) = &run.waiting {
        let left = seconds_left(until.as_second() - app.now.as_second(), app.lang);
        let why = why.sentence(app.lang);
        lines.push(Line::from(Span::styled(fill(s.replay_pause, &[("time", &left), ("why", &why)]), t.warn())));
    }
    if inner.height > 1 {
        f.render_widget(para(lines), Rect { y: inner.y + 1, height: inner.height - 1, ..inner });
    }
}
