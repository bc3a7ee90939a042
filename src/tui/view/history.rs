//! The history screen: filters, the list (newest first), the opened exchange, the chart.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::{Areas, inner};
use super::super::theme::Tone;
use super::card::tone_of;
use super::picker::method_style;
use super::text::{fit, width};
use super::{pane, para};
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, a: &Areas) {
    filters(app, f, a.history_filter);
    list(app, f, a.history_list);
    open(app, f, a.history_open);
    super::chart::draw(app, f, a.history_chart);
}

fn filters(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let h = &app.history;
    let class = if h.class == super::super::model::ClassFilter::All { s.all } else { h.class.label() };
    let endpoint = h.endpoint.clone().unwrap_or_else(|| s.all.to_string());
    let mut spans = vec![
        Span::styled(format!(" c {}: ", s.class), t.dim()),
        Span::styled(class.to_string(), t.accent()),
        Span::styled(format!("  e {}: ", s.endpoint), t.dim()),
        Span::styled(endpoint, t.accent()),
        Span::styled(format!("  / {}: ", s.search), t.dim()),
    ];
    let search_x = r.x + spans.iter().map(|s| width(&s.content)).sum::<usize>() as u16;
    let count = format!("  ({})", h.rows.len());
    // While typing, the field scrolls so the cursor stays in view.
    let room = (r.right().saturating_sub(search_x) as usize).saturating_sub(width(&count)).max(1);
    let (text, cursor_col) =
        if h.searching { h.search.visible(room) } else { (h.search.text.clone(), width(&h.search.text)) };
    spans.push(Span::styled(text, if h.searching { t.selected() } else { t.bold() }));
    spans.push(Span::styled(count, t.dim()));
    f.render_widget(para(vec![Line::from(spans)]), r);
    if h.searching {
        let x = (search_x + cursor_col as u16).min(r.right().saturating_sub(1));
        f.set_cursor_position(Position::new(x, r.y));
    }
}

/// Time in the environment's (company) time zone, so it matches the Braze dashboard.
fn local(app: &App, ts: jiff::Timestamp) -> jiff::Zoned {
    let tz = app.current_env().map(|e| e.timezone.as_str()).unwrap_or("UTC");
    ts.to_zoned(super::super::update::tz(tz))
}

fn local_today(app: &App) -> jiff::civil::Date {
    local(app, app.now).date()
}

/// `12 ms`, `1.4 s`: short enough for a list column.
pub fn compact_ms(ms: f64) -> String {
    if ms < 1000.0 { format!("{ms:.0} ms") } else { format!("{:.1} s", ms / 1000.0) }
}

fn list(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let area = inner(r);
    // Rows out of view are counted in the title, so a short pane never hides that there are more.
    let h = &app.history;
    let (above, below) = (h.top, h.rows.len().saturating_sub(h.top + area.height as usize));
    let mut title = format!(" {} ", s.history);
    if above > 0 {
        title.push_str(&format!("↑{above} "));
    }
    if below > 0 {
        title.push_str(&format!("↓{below} "));
    }
    let block = pane(app, title, true);
    f.render_widget(block, r);
    let h = &app.history;
    if h.rows.is_empty() {
        let line = match (&h.unavailable, h.loaded, h.filtered()) {
            (Some(why), _, _) => Line::from(Span::styled(why.as_str(), t.error())),
            (None, false, _) => Line::from(Span::styled("…", t.dim())),
            (None, true, true) => Line::from(Span::styled(s.no_history_match, t.dim())),
            (None, true, false) => Line::from(Span::styled(s.no_history, t.dim())),
        };
        f.render_widget(para(vec![line]), area);
        return;
    }
    let w = area.width as usize;
    let lines: Vec<Line> = h
        .rows
        .iter()
        .enumerate()
        .skip(h.top)
        .take(area.height as usize)
        .map(|(i, row)| {
            let local = local(app, row.time);
            let today = local.date() == local_today(app);
            let time = if today { local.strftime("%H:%M:%S") } else { local.strftime("%m-%d %H:%M") }.to_string();
            let status = row.status.map(|s| s.to_string()).unwrap_or_else(|| "NET".into());
            // What the history recorded is shown as it came; made visible first, so widths are the drawn ones.
            let (method, endpoint) = (visible(&row.method), visible(&row.endpoint));
            let head = format!("{time} {method:<6} {endpoint} ");
            let name = row.name.clone().unwrap_or_default();
            let tail = format!(" {:>6}", compact_ms(row.duration_ms));
            let room = w.saturating_sub(width(&head) + status.len() + 1 + width(&tail));
            let mut l = Line::from(vec![
                Span::styled(format!("{time} "), t.dim()),
                Span::styled(format!("{method:<6} "), method_style(t, &row.method)),
                Span::raw(format!("{endpoint} ")),
                Span::styled(status, t.tone(row.tone)),
                Span::raw(" "),
                Span::styled(format!("{:<room$}", fit(&name, room)), t.tone(row.tone)),
                Span::styled(tail, t.dim()),
            ]);
            if i == h.selected {
                l = l.style(t.selected());
            }
            l
        })
        .collect();
    f.render_widget(para(lines), area);
}

fn open(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let s = app.s();
    let Some(ex) = &app.history.open else {
        let block = pane(app, "", false);
        let area = block.inner(r);
        f.render_widget(block, r);
        f.render_widget(para(vec![Line::from(Span::styled(s.open_hint, t.dim()))]), area);
        return;
    };
    let title = visible(&format!(" #{} {} {} ", ex.id.unwrap_or_default(), ex.request.method, ex.request.endpoint))
        .into_owned();
    let block = pane(app, title, false).border_style(t.tone(tone_of(ex)));
    let area = block.inner(r);
    f.render_widget(block, r);
    let w = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // Explanation first, as on the workbench.
    lines.push(Line::from(Span::styled(s.explanation, t.accent())));
    match &ex.outcome {
        Some(o) => super::card::outcome_lines(app, o, tone_of(ex), w, &mut lines),
        None => {
            let detail = ex.final_failure().map(|f| visible(&f.detail).into_owned()).unwrap_or_default();
            lines.push(Line::from(Span::styled(detail, t.tone(Tone::ServerError))));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(s.request, t.accent())));
    lines.push(Line::raw(fit(&format!("{} {}", ex.request.method, ex.request.url), w)));
    for l in ex.request.body.lines().take(200) {
        lines.push(Line::raw(fit(l, w)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(s.response, t.accent())));
    if let Some(resp) = ex.final_response() {
        let pretty = super::super::pretty::BodyLines::new(&resp.body);
        for i in 0..pretty.len().min(200) {
            lines.push(Line::raw(fit(pretty.line(i), w)));
        }
    }
    let lines: Vec<Line> = lines.into_iter().skip(app.history.open_scroll).take(area.height as usize).collect();
    f.render_widget(para(lines), area);
}
