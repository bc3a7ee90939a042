//! The status bar: environment, masked key, rate limit, the request in flight, and either a notice or the
//! diagnostic under the cursor (position, mark and row name; its sentence is in the Diagnostics pane).
//!
//! A notice too long for the bar gets rows of its own above it ([`height`], read by the layout) rather than a
//! popup: a notice is read in passing while working, so it must not take the keys or hide the pane being
//! worked in, and the bar below keeps the rate-limit budget in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, RequestState, Screen};
use super::card::spinner;
use super::text::{fit, width, wrap};
use crate::i18n::fill;

/// How much the fixed part of the bar gives up to fit: 0 nothing, 1 the sandbox's long label, 2 also the word
/// "rate limit". The countdown keeps its unit at every level.
const COMPACT_LEVELS: u8 = 3;

/// Environment, key, fault, rate limit and the request in flight.
fn fixed_spans(app: &App, compact: u8) -> Vec<Span<'static>> {
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
    if let Some(b) = app.rate_budget() {
        let mut txt = if compact >= 2 { String::new() } else { format!("{} ", s.rate_limit) };
        // An unknown remaining count (none sent, or the window has reset since) is a dash, never a stale number.
        let remaining = b.remaining.map_or_else(|| "—".to_string(), |r| r.to_string());
        match b.limit {
            Some(lim) => txt.push_str(&format!("{remaining}/{lim}")),
            None => txt.push_str(&remaining),
        }
        if let Some(left) = b.resets_in {
            txt.push_str(&format!(
                " · {}",
                fill(s.resets_in, &[("time", &crate::text::duration::seconds_left(left, app.lang))])
            ));
        }
        let style = if b.remaining == Some(0) { t.tone(super::super::theme::Tone::RateLimited) } else { t.dim() };
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
    spans
}

/// Most rows a notice may take above the bar; a longer one ends in "…" (only very long text on a narrow terminal).
const NOTICE_MAX_ROWS: u16 = 3;
/// Rows the rest of the screen (tabs, panes, footer) keeps however long a notice is.
const OTHERS_KEEP: u16 = 11;

/// What the status area shows: the bar, with the message (notice or diagnostic) on it when it fits, and a notice
/// too long for the bar wrapped on rows of its own above it.
struct Plan {
    bar: Vec<Span<'static>>,
    notice_rows: Vec<String>,
}

/// Rows the status area needs at this size: the bar, plus the rows of a notice too long to sit on it. The layout
/// gives them (taking them from the panes while the notice shows), so the view and `update` agree on where
/// everything is.
pub fn height(app: &App, width: u16, screen_height: u16) -> u16 {
    1 + plan(app, width, screen_height).notice_rows.len() as u16
}

fn width_of(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// The message for the bar, in the forms it can take, most telling first: a notice whole (a cut notice loses
/// what to do, so it moves to rows of its own instead), the diagnostic under the cursor with its id, without
/// it, or just where and how bad (the Diagnostics pane holds the whole sentence).
fn message_forms(app: &App) -> Vec<Span<'static>> {
    let t = &app.theme;
    if let Some(toast) = &app.toast {
        return vec![Span::styled(format!(" {}", crate::text::visible(&toast.text)), t.tone(toast.tone))];
    }
    let Some((_, d)) = app.editor.cursor_diagnostic().filter(|_| app.screen == Screen::Work) else {
        return Vec::new();
    };
    let (name, id) = app.diagnostic_name(d);
    let at = format!(" {}:{} {}", d.line, d.column, t.severity_mark(d.severity));
    let mut forms = Vec::new();
    if !id.is_empty() {
        forms.push(format!("{at} {name} {id}"));
    }
    forms.push(format!("{at} {name}"));
    forms.push(at);
    forms.into_iter().map(|f| Span::styled(f, t.severity(d.severity))).collect()
}

/// The cursor position at the bar's right end (work screen only).
fn position(app: &App) -> Option<String> {
    let (row, col) = app.editor.cursor();
    (app.screen == Screen::Work).then(|| format!(" {}:{} ", row + 1, col + 1))
}

fn plan(app: &App, width: u16, screen_height: u16) -> Plan {
    let w = width as usize;
    // One column between the message and the position.
    let pos_w = position(app).map_or(0, |p| self::width(&p) + 1);
    let forms = message_forms(app);
    // The most telling form of the message beside the least compact bar it fits with.
    for form in &forms {
        for level in 0..COMPACT_LEVELS {
            let mut bar = fixed_spans(app, level);
            if width_of(&bar) + self::width(&form.content) + pos_w <= w {
                bar.push(form.clone());
                return Plan { bar, notice_rows: Vec::new() };
            }
        }
    }
    // The least compact bar that fits, so nothing on it is cut mid-word (a countdown without its unit); the rate
    // limit stays on it while a notice shows.
    let mut bar = (0..COMPACT_LEVELS)
        .map(|level| fixed_spans(app, level))
        .find(|spans| width_of(spans) <= w)
        .unwrap_or_else(|| fixed_spans(app, COMPACT_LEVELS - 1));
    let most = NOTICE_MAX_ROWS.min(screen_height.saturating_sub(OTHERS_KEEP)) as usize;
    if let Some(toast) = app.toast.as_ref().filter(|_| most > 0) {
        return Plan { bar, notice_rows: notice_rows(&toast.text, w.saturating_sub(2), most) };
    }
    // A terminal too small for anything better: the least the message can say, cut to the room left.
    if let Some(form) = forms.last() {
        let room = w.saturating_sub(width_of(&bar) + pos_w);
        bar.push(Span::styled(fit(&form.content, room), form.style));
    }
    Plan { bar, notice_rows: Vec::new() }
}

/// A notice wrapped to `width` in at most `most` rows; what does not fit ends the last row in "…".
fn notice_rows(text: &str, width: usize, most: usize) -> Vec<String> {
    let mut rows = wrap(text, width);
    if rows.len() > most {
        let rest = rows.split_off(most - 1).join(" ");
        rows.push(fit(&rest, width));
    }
    rows
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    if r.height == 0 {
        return;
    }
    let t = &app.theme;
    let Plan { mut bar, notice_rows } = plan(app, r.width, app.height);
    // The notice above, the bar on the area's last row, where it always is.
    let tone = app.toast.as_ref().map_or_else(|| t.dim(), |toast| t.tone(toast.tone));
    for (i, row) in notice_rows.iter().enumerate().take(r.height as usize - 1) {
        let line = Line::from(Span::styled(format!(" {row}"), tone));
        f.render_widget(Paragraph::new(line).style(t.bar()), Rect { y: r.y + i as u16, height: 1, ..r });
    }
    if let Some(pos) = position(app) {
        let used = width_of(&bar);
        if used + self::width(&pos) <= r.width as usize {
            bar.push(Span::raw(" ".repeat(r.width as usize - used - self::width(&pos))));
            bar.push(Span::styled(pos, t.dim()));
        }
    }
    let last = Rect { y: r.y + r.height - 1, height: 1, ..r };
    f.render_widget(Paragraph::new(Line::from(bar)).style(t.bar()), last);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::classify::RateLimitInfo;
    use crate::i18n::{Lang, Table as _};
    use crate::tui::app::App;
    use crate::tui::layout::areas;
    use crate::tui::model::EnvInfo;
    use crate::tui::strings::Strings;
    use crate::tui::theme::{Theme, Tone};
    use crate::tui::update::toast;

    fn now() -> jiff::Timestamp {
        "2026-03-02T09:30:00Z".parse().unwrap()
    }

    /// US-02 without a key, 1 of 3 requests left for 42 s more, as at 80×24.
    fn app(lang: Lang) -> App {
        let mut app = App::new(lang, Theme { colour: false }, now(), 80, 24);
        app.envs = vec![EnvInfo {
            name: "US-02".into(),
            url: Some("https://rest.iad-02.braze.com".into()),
            key_masked: None,
            offline_mock: false,
            timezone: "UTC".into(),
        }];
        let reset = Some(now().as_second() + 42);
        app.rate = Some(RateLimitInfo { limit: Some(3), remaining: Some(1), reset, reset_out_of_range: false });
        app
    }

    fn render(app: &App) -> (String, String) {
        let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
        term.draw(|f| super::super::view(app, f)).unwrap();
        let screen = crate::tui::driver::screen_text(term.backend().buffer());
        let a = areas(app);
        let status =
            screen.lines().skip(a.status.y as usize).take(a.status.height as usize).collect::<Vec<_>>().join("\n");
        (screen, status)
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect()
    }

    /// Issue 12 §7: at 80×24 a long notice is whole on screen (on rows of its own above the bar), and the bar
    /// below it keeps the rate-limit budget and its countdown.
    #[test]
    fn a_long_notice_is_whole_at_80x24_and_the_budget_stays() {
        let no_key = crate::config::MissingKey::NotConfigured {
            environment: "US-02".into(),
            var: "BRAZE_API_KEY".into(),
            file: "/home/someone/.config/brazen/config.toml".into(),
        };
        for lang in [Lang::En, Lang::Ko] {
            let s = Strings::get(lang);
            for (name, text) in [("no_key", no_key.sentence(lang)), ("fill_path", crate::i18n::fill(s.fill_path, &[]))]
            {
                let mut app = app(lang);
                toast(&mut app, text.clone(), Tone::ClientError);
                let (screen, status) = render(&app);
                assert!(squash(&status).contains(&squash(&text)), "{lang:?}: {text:?} not whole in\n{screen}");
                assert!(!status.contains('…'), "{lang:?}: nothing cut\n{screen}");
                let bar = status.lines().last().unwrap();
                let countdown =
                    crate::i18n::fill(s.resets_in, &[("time", &crate::text::duration::seconds_left(42, lang))]);
                assert!(bar.contains("1/3") && bar.contains(&countdown), "{lang:?}: the budget in {bar:?}");
                let a = areas(&app);
                assert_eq!(a.status.height as usize, status.lines().count());
                assert!(a.status.height >= 2 && a.footer.y == 23 && a.editor.height >= 3, "{a:?}");
                insta::assert_snapshot!(format!("long_notice_80x24_{name}_{lang:?}").to_lowercase(), screen);
            }
        }
    }

    /// A notice that fits beside the bar stays on it: the panes keep their rows.
    #[test]
    fn a_short_notice_stays_on_the_bar() {
        let mut app = app(Lang::En);
        let before = areas(&app);
        toast(&mut app, "Cancelled.", Tone::Neutral);
        assert_eq!(areas(&app), before);
        let (_, status) = render(&app);
        assert!(status.contains("Cancelled.") && status.contains("1/3"), "{status:?}");
    }

    /// Issue 12 §10: once the window's reset time has passed the bar no longer shows the spent budget (nor a
    /// countdown): the remaining count is unknown until the next response.
    #[test]
    fn after_the_reset_the_budget_is_unknown_not_stale() {
        let mut app = app(Lang::En);
        app.rate.as_mut().unwrap().remaining = Some(0);
        let (_, status) = render(&app);
        assert!(status.contains("0/3") && status.contains("resets in 42 s"), "{status:?}");
        assert!(app.animating(), "the countdown moves while idle");
        app.now = now() + jiff::SignedDuration::from_secs(42);
        let (_, status) = render(&app);
        assert!(status.contains("—/3") && !status.contains("0/3") && !status.contains("resets"), "{status:?}");
        assert!(!app.animating(), "nothing moves any more");
    }

    /// Issue 12 §7: beside a long bar (a real environment's budget on an hourly window) the diagnostic under the
    /// cursor keeps its name whole — the bar drops its words first — rather than being cut to "…".
    #[test]
    fn the_diagnostic_under_the_cursor_keeps_its_name_beside_a_long_bar() {
        use crate::validate::{Diagnostic, Report, Severity};
        let mut app = app(Lang::En);
        let reset = Some(now().as_second() + 3599);
        app.rate = Some(RateLimitInfo { limit: Some(250000), remaining: Some(0), reset, reset_out_of_range: false });
        let name = "Nothing to send to, ok";
        let d = Diagnostic {
            severity: Severity::Fatal,
            error: "e1".into(),
            status: Some(400),
            name: Some(name.into()),
            pointer: String::new(),
            line: 1,
            column: 1,
            offset: 0,
            message: "m".into(),
            rule: None,
            area: Default::default(),
        };
        let g = app.editor.generation;
        app.editor.set_report(g, Report { endpoint: "x".into(), ok: false, diagnostics: vec![d] });
        assert!(app.editor.cursor_diagnostic().is_some());
        let (_, status) = render(&app);
        assert!(status.contains(&format!("1:1 ✖ {name}")), "{status:?}");
        assert!(status.contains("0/250000 · resets in 1 h") && !status.contains('…'), "{status:?}");
    }
}
