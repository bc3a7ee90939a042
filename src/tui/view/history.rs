//! The history screen: filters, the list (newest first), the opened exchange, the chart.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::{Areas, inner};
use super::super::model::{HistoryRow, RowLabel};
use super::picker::method_style;
use super::text::{clip, fit, pad, width};
use super::{pane, para};
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, a: &Areas) {
    filters(app, f, a.history_filter);
    if app.history.compare.is_some() {
        super::diff::draw(app, f);
        return;
    }
    list(app, f, a.history_list);
    super::entry::draw(app, f, a.history_open);
    match &app.replay {
        Some(run) => super::replay::draw(app, f, a.history_chart, run),
        None => super::chart::draw(app, f, a.history_chart),
    }
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
    ];
    // The person filter only where there is more than one person (a team ledger).
    if h.users_seen.len() > 1 || h.user.is_some() {
        spans.push(Span::styled(format!("  u {}: ", s.user), t.dim()));
        spans.push(Span::styled(
            h.user.as_deref().map_or_else(|| s.all.to_string(), |u| visible(u).into_owned()),
            t.accent(),
        ));
    }
    spans.push(Span::styled(format!("  / {}: ", s.search), t.dim()));
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
    // The list has the keys unless the opened exchange took them.
    let block = pane(app, title, !h.open.as_ref().is_some_and(|e| e.focused));
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
    let shown: Vec<(usize, Cells)> =
        h.rows.iter().enumerate().skip(h.top).take(area.height as usize).map(|(i, row)| (i, cells(app, row))).collect();
    // Once something is marked, every row gets a mark column (`●` or blank); until then the columns keep it.
    let gutter = if h.marked.is_empty() { 0 } else { width(MARK) };
    let plan = plan((area.width as usize).saturating_sub(gutter), &shown.iter().map(|(_, c)| c).collect::<Vec<_>>());
    let lines: Vec<Line> = shown
        .iter()
        .map(|(i, c)| {
            let row = &h.rows[*i];
            let mut spans = Vec::new();
            if gutter > 0 {
                let marked = h.marked.contains(&row.id);
                spans.push(Span::styled(if marked { MARK } else { "  " }, t.accent()));
            }
            if let Some(short) = plan.time {
                let (time, w) = if short { (&c.time_short, SHORT_TIME) } else { (&c.time, plan.widths.time) };
                spans.push(Span::styled(format!("{} ", pad(time, w)), t.dim()));
            }
            spans.push(Span::styled(format!("{} ", pad(&c.method, plan.widths.method)), method_style(t, &row.method)));
            spans.push(Span::raw(format!("{} ", pad(&elide_path(&c.endpoint, plan.endpoint), plan.endpoint))));
            spans.push(Span::styled(format!("{} ", pad(&c.status, plan.widths.status)), t.tone(row.tone)));
            if let Some(o) = plan.outcome {
                spans.push(Span::styled(format!("{} ", pad(&fit(&c.name, o), o)), t.tone(row.tone)));
            }
            // Right-aligned at the pane's edge whatever was dropped, so the units line up.
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let room = (area.width as usize).saturating_sub(used).max(plan.widths.latency);
            spans.push(Span::styled(format!("{:>room$}", c.latency), t.dim()));
            let l = Line::from(spans);
            if *i == h.selected { l.style(t.selected()) } else { l }
        })
        .collect();
    f.render_widget(para(lines), area);
}

/// The mark of a row marked with Space, with its gap (the environment switcher marks the current one the same way).
const MARK: &str = "● ";

/// A row's cells as drawn, so widths are measured on the drawn text. What the history recorded is shown as it came,
/// made visible first.
struct Cells {
    /// `HH:MM:SS` today, else `MM-DD HH:MM`; shortened, `HH:MM` or `MM-DD`.
    time: String,
    time_short: String,
    method: String,
    endpoint: String,
    /// The status, or `NET` for a network failure.
    status: String,
    name: String,
    latency: String,
}

fn cells(app: &App, row: &HistoryRow) -> Cells {
    let local = local(app, row.time);
    let today = local.date() == local_today(app);
    let (time, time_short) = if today { ("%H:%M:%S", "%H:%M") } else { ("%m-%d %H:%M", "%m-%d") };
    Cells {
        time: local.strftime(time).to_string(),
        time_short: local.strftime(time_short).to_string(),
        method: visible(&row.method).into_owned(),
        endpoint: visible(&row.endpoint).into_owned(),
        status: row.status.map(|s| s.to_string()).unwrap_or_else(|| "NET".into()),
        // On a team ledger each row says who sent it; a history of one person does not repeat their name.
        name: match row.user.as_deref().filter(|_| app.history.users_seen.len() > 1) {
            Some(user) => format!("{} · {}", visible(user), label(app, &row.label)),
            None => label(app, &row.label),
        },
        latency: compact_ms(row.duration_ms),
    }
}

/// The outcome as a person reads it in the UI's language: the error row's name (Korean where the table has one;
/// the recorded name, made visible, for a row this catalog does not know), the network failure's title, or the
/// outcome's word.
fn label(app: &App, label: &RowLabel) -> String {
    let s = app.s();
    match label {
        RowLabel::None => String::new(),
        RowLabel::Error { id, name } => match id.as_deref().and_then(|id| crate::catalog::errors().row(id)) {
            Some(row) => row.label(app.lang).to_string(),
            None => visible(name).into_owned(),
        },
        RowLabel::Network(kind) => crate::classify::network::title(*kind, app.lang).to_string(),
        RowLabel::Outcome(crate::classify::OutcomeKind::SuccessWithMinorErrors) => s.outcome_minor.to_string(),
        RowLabel::Outcome(_) => s.outcome_success.to_string(),
    }
}

/// The widest cell of each column among the rows on screen.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Widths {
    time: usize,
    method: usize,
    endpoint: usize,
    status: usize,
    name: usize,
    latency: usize,
}

/// What the list shows at its width: the time (`Some(short)`), the endpoint's columns, the outcome's (`None`:
/// dropped).
#[derive(Debug, PartialEq)]
struct Plan {
    widths: Widths,
    time: Option<bool>,
    endpoint: usize,
    outcome: Option<usize>,
}

/// Narrowest an endpoint is cut to before the time goes, and an outcome before it is dropped.
const ENDPOINT_MIN: usize = 12;
const OUTCOME_MIN: usize = 8;
/// `HH:MM` or `MM-DD`.
const SHORT_TIME: usize = 5;

/// Fits the columns to `w`. Status and latency are numbers and are never cut, nor is the method. As the pane
/// narrows, the outcome gives way first (down to [`OUTCOME_MIN`]), then the endpoint loses its middle (down to
/// [`ENDPOINT_MIN`]), then the time is shortened, then the outcome goes (the status keeps its colour, the opened
/// exchange says it in full), then the time, and last the endpoint shrinks further.
fn plan(w: usize, cells: &[&Cells]) -> Plan {
    let mut m = Widths::default();
    for c in cells {
        m.time = m.time.max(width(&c.time));
        m.method = m.method.max(width(&c.method));
        m.endpoint = m.endpoint.max(width(&c.endpoint));
        m.status = m.status.max(width(&c.status));
        m.name = m.name.max(width(&c.name));
        m.latency = m.latency.max(width(&c.latency));
    }
    // Columns for the endpoint and the outcome (with its gap), once the time (if shown), the method, the status and
    // the latency have theirs, each followed by a gap.
    let room = |t: usize| w.saturating_sub(t + usize::from(t > 0) + m.method + m.status + m.latency + 3);
    let e = m.endpoint;
    // An elided path can come out narrower than it was allowed (whole segments go): the column takes what its
    // widest path needs, and the outcome the rest.
    let used = |budget: usize| cells.iter().map(|c| width(&elide_path(&c.endpoint, budget))).max().unwrap_or(0);
    let plan = |time, endpoint, outcome| Plan { widths: m, time, endpoint, outcome };
    let times = [(m.time, false), (SHORT_TIME, true)];
    if m.name > 0 {
        for (t, short) in times {
            let r = room(t);
            if r >= e.min(ENDPOINT_MIN) + 1 + OUTCOME_MIN {
                let endpoint = used(e.min(r - 1 - OUTCOME_MIN));
                return plan(Some(short), endpoint, Some(r - 1 - endpoint));
            }
        }
    }
    for (t, short) in times {
        if room(t) >= e.min(ENDPOINT_MIN) {
            return plan(Some(short), used(e.min(room(t))), None);
        }
    }
    plan(None, e.min(room(0)), None)
}

/// `path` in `w` columns. Whole if it fits; else its first folder and as many of its last segments as fit, the middle
/// elided (`/campaigns/…/send` and `/canvas/…/send` stay apart); else its start and end around `…`.
fn elide_path(path: &str, w: usize) -> String {
    if width(path) <= w {
        return path.to_string();
    }
    let segs: Vec<&str> = path.split('/').collect();
    let n = segs.len();
    // `segs[0]` is empty before the leading `/`; keep `/first`, elide at least one segment, keep `k` last ones.
    let rooted = path.starts_with('/');
    for k in (1..n.saturating_sub(2)).rev().filter(|_| rooted) {
        let short = format!("/{}/…/{}", segs[1], segs[n - k..].join("/"));
        if width(&short) <= w {
            return short;
        }
    }
    if w < 3 {
        return if w == 0 { String::new() } else { fit(path, w) };
    }
    let head = clip(path, 0, (w - 1) / 3).0;
    let mut tail_w = w - 1 - width(head);
    let mut tail = path.len();
    for (i, ch) in path.char_indices().rev() {
        let cw = width(ch.encode_utf8(&mut [0; 4]));
        if cw > tail_w {
            break;
        }
        tail_w -= cw;
        tail = i;
    }
    format!("{head}…{}", &path[tail..])
}

#[cfg(test)]
mod tests;
