//! The explanation card: what the response means, whether anything was sent, what to do next.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus, RequestState, unsafe_to_repeat};
use super::super::theme::Tone;
use super::text::wrap;
use super::{pane, para};
use crate::catalog::Kind;
use crate::classify::Outcome;
use crate::exchange::{Exchange, NetworkErrorKind};
use crate::i18n::fill;
use crate::retry::RetryAdvice;
use crate::text::visible;
use crate::validate::Severity;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Rows the card wants at this inner width (the layout gives it up to 60 % of the column).
pub fn height(app: &App, width: u16) -> u16 {
    lines(app, width as usize).len() as u16
}

pub fn draw(app: &App, f: &mut Frame, r: Rect) {
    let s = app.s();
    let tone = app.response.as_ref().map(|v| tone_of(&v.exchange));
    let mut title = vec![Span::raw(format!(" {} ", s.response))];
    if let Some(v) = &app.response {
        title.push(Span::styled(
            visible(&format!("{} {} ", v.exchange.request.method, v.exchange.request.endpoint)).into_owned(),
            app.theme.dim(),
        ));
    }
    let focused = app.focus == Focus::Card;
    let mut block = pane(app, Line::from(title), focused);
    if let (Some(tone), false) = (tone, focused) {
        block = block.border_style(app.theme.tone(tone));
    }
    let inner = block.inner(r);
    let all = lines(app, inner.width as usize);
    // Taller than its pane: scrolled (clamped here too, as a resize can shrink the pane), and the bottom border
    // says what lies beyond, so the last lines are never lost without a sign.
    let rows = inner.height as usize;
    let top = app.response.as_ref().map_or(0, |v| v.card_scroll).min(all.len().saturating_sub(rows));
    let below = all.len().saturating_sub(top + rows);
    let s = app.s();
    let mut marks = Vec::new();
    if top > 0 {
        marks.push(fill(s.card_above, &[("count", &top)]));
    }
    if below > 0 {
        marks.push(fill(s.card_more, &[("count", &below)]));
    }
    if !marks.is_empty() {
        let text = format!(" {} ", marks.join("  "));
        block = block.title_bottom(Line::from(Span::styled(text, app.theme.accent())).right_aligned());
    }
    f.render_widget(block, r);
    f.render_widget(para(all.into_iter().skip(top).take(rows).collect()), inner);
}

pub fn tone_of(e: &Exchange) -> Tone {
    let minor = e.outcome.as_ref().is_some_and(|o| !o.minor_errors.is_empty());
    Tone::of(e.status(), minor)
}

pub fn spinner(app: &App, since: jiff::Timestamp) -> &'static str {
    let ms = app.now.duration_since(since).as_millis().max(0) as usize;
    SPINNER[(ms / 100) % SPINNER.len()]
}

fn push_wrapped(out: &mut Vec<Line<'static>>, text: &str, width: usize, style: Style, indent: &str) {
    for l in wrap(text, width.saturating_sub(super::text::width(indent))) {
        out.push(Line::from(vec![Span::raw(indent.to_string()), Span::styled(l, style)]));
    }
}

/// `Label: text…` wrapped, the label in `label_style` on the first line.
fn labelled(out: &mut Vec<Line<'static>>, label: &str, text: &str, width: usize, label_style: Style) {
    let head = format!("{label}: ");
    let hw = super::text::width(&head);
    let first_room = width.saturating_sub(hw).max(8);
    let mut rest = text.to_string();
    let first = wrap(&rest, first_room).into_iter().next().unwrap_or_default();
    rest = rest[first.len().min(rest.len())..].trim_start().to_string();
    out.push(Line::from(vec![Span::styled(head, label_style), Span::raw(first)]));
    if !rest.is_empty() {
        push_wrapped(out, &rest, width, Style::new(), "");
    }
}

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = app.s();
    let mut out = Vec::new();
    match &app.request {
        RequestState::Sending(inf) => {
            let secs = app.now.duration_since(inf.started).as_secs_f64().max(0.0);
            let mut spans = vec![
                Span::styled(format!("{} ", spinner(app, inf.started)), t.accent()),
                Span::styled(visible(&fill(s.sending, &[("request", &inf.label)])).into_owned(), t.bold()),
                Span::raw(format!("  {secs:.1} s")),
            ];
            if inf.attempt > 1 {
                spans.push(Span::styled(format!("  {}", fill(s.attempt, &[("number", &inf.attempt)])), t.dim()));
            }
            out.push(Line::from(spans));
            if let Some((until, why)) = &inf.waiting {
                let left = (until.as_second() - app.now.as_second()).max(0);
                let why = why.sentence(app.lang);
                let text = visible(&fill(
                    s.waiting,
                    &[("time", &crate::text::duration::seconds_left(left, app.lang)), ("why", &why)],
                ))
                .into_owned();
                out.push(Line::from(Span::styled(text, t.warn())));
            }
            out.push(Line::from(Span::styled(s.esc_cancels, t.dim())));
        }
        RequestState::Scheduled { at, reset } => {
            let left = (at.as_second() - app.now.as_second()).max(0);
            let why = if *reset { s.waiting_reset } else { s.backing_off };
            out.push(Line::from(vec![
                Span::styled(format!("{} ", spinner(app, *at)), t.accent()),
                Span::styled(
                    visible(&fill(
                        s.retry_in,
                        &[("time", &crate::text::duration::seconds_left(left, app.lang)), ("why", &why)],
                    ))
                    .into_owned(),
                    t.bold(),
                ),
            ]));
        }
        RequestState::Idle => {}
    }
    let Some(v) = &app.response else {
        if out.is_empty() {
            idle(app, width, &mut out);
        }
        return out;
    };
    if !out.is_empty() {
        out.push(Line::raw(""));
    }
    let ex = &v.exchange;
    let tone = tone_of(ex);
    match (&ex.outcome, ex.final_response()) {
        (Some(o), Some(_)) => {
            outcome_head(app, o, tone, width, &mut out);
            retry_lines(app, ex, o, width, &mut out);
            ids(app, o, width, &mut out);
            minor_lines(app, o, width, &mut out);
            outcome_text(app, o, width, &mut out);
            trailing_ids(app, o, width, &mut out);
        }
        _ => failure_lines(app, ex, width, &mut out),
    }
    out
}

fn idle(app: &App, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let s = app.s();
    out.push(Line::from(Span::styled(s.no_response, t.bold())));
    let env = app.current_env().map(|e| e.name.clone()).unwrap_or_else(|| "sandbox".into());
    push_wrapped(
        out,
        &fill(
            s.press_send,
            &[("endpoint", &format!("{} {}", app.current_endpoint().method, app.path.text)), ("env", &env)],
        ),
        width,
        t.dim(),
        "",
    );
    if let Some(d) = app.editor.diagnostics().iter().find(|d| d.severity == Severity::Fatal) {
        let name = app.diagnostic_name(d).0;
        push_wrapped(out, &fill(s.predicts, &[("name", &name)]), width, t.error(), "");
    }
    out.push(Line::raw(""));
    for (k, what) in
        [("F2", s.k_endpoints), ("F8", s.k_next_diag), ("F3", s.k_history), ("F4", s.k_env), ("F1", s.k_help)]
    {
        out.push(Line::from(vec![Span::styled(format!("  {k:<4}"), t.key_hint()), Span::raw(what)]));
    }
    if app.current_env().is_some_and(|e| e.offline_mock) {
        out.push(Line::raw(""));
        push_wrapped(out, s.sandbox_fixtures, width, t.dim(), "");
    }
}

/// The card for a response, as the history browser shows it too.
pub fn outcome_lines(app: &App, o: &Outcome, tone: Tone, width: usize, out: &mut Vec<Line<'static>>) {
    outcome_head(app, o, tone, width, out);
    minor_lines(app, o, width, out);
    outcome_text(app, o, width, out);
}

/// Status badge and row name, whether anything was sent: the short lines that must fit.
fn outcome_head(app: &App, o: &Outcome, tone: Tone, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let s = app.s();
    let name = crate::classify::row(o)
        .map(|r| r.label(app.lang).to_string())
        .or_else(|| o.name.clone())
        .or_else(|| o.message.clone())
        .map(|n| visible(&n).into_owned())
        .unwrap_or_default();
    let word = match o.outcome {
        crate::classify::OutcomeKind::Success => s.outcome_success,
        crate::classify::OutcomeKind::SuccessWithMinorErrors => s.outcome_minor,
        crate::classify::OutcomeKind::Fatal => s.outcome_fatal,
    };
    // A name that is only the outcome (`success`) is said once, in the UI's language.
    let (name, word) =
        if name.eq_ignore_ascii_case(o.outcome.as_str()) { (word.to_string(), None) } else { (name, Some(word)) };
    let mut head = vec![
        Span::styled(format!(" {} ", o.status), t.tone_badge(tone)),
        Span::styled(format!(" {} ", o.class.as_str()), t.tone(tone)),
        Span::styled(name, t.tone(tone)),
    ];
    if let Some(word) = word {
        head.push(Span::styled(format!("  {word}"), t.dim()));
    }
    out.push(Line::from(head));
    if o.accepted {
        // A read answers with data: "not yet delivered" is about messages and would mislead here.
        let headline = match o.kind {
            Some(Kind::Send) => s.accepted,
            Some(Kind::Write) => s.recorded,
            Some(Kind::Read) => s.answered_data,
            Some(Kind::Export) => s.export_started,
            Some(Kind::Delete) => s.deleted,
            Some(Kind::Job) => s.job_started,
            None if o.shape.as_deref() == Some("data") => s.answered_data,
            None => s.accepted,
        };
        push_wrapped(out, headline, width, t.ok(), "");
    } else if matches!(o.class, crate::classify::Class::C5xx | crate::classify::Class::Invalid) {
        // A 5XX can come after the message already went out, and a status outside 100–599 did not come from Braze
        // at all: neither says nothing was sent. The same sentence `brazen send` prints.
        push_wrapped(out, &format!("⚠ {}", crate::classify::explain(o, app.lang).accepted), width, t.warn(), "");
    } else {
        push_wrapped(out, s.not_sent, width, t.error(), "");
    }
}

/// Minor errors of an accepted request, or the details Braze gave for a rejection (at most 3 shown).
fn minor_lines(app: &App, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let s = app.s();
    if o.minor_errors.is_empty() {
        return;
    }
    // A fatal answer's `errors` are the details of the rejection, not minor errors of an accepted request.
    let label = if o.accepted { s.minor_errors } else { s.error_details };
    push_wrapped(out, &fill(label, &[("count", &o.minor_errors.len())]), width, t.warn(), "");
    for m in o.minor_errors.iter().take(3) {
        push_wrapped(out, &format!("• {m}"), width, Style::new(), "  ");
    }
    if o.minor_errors.len() > 3 {
        out.push(Line::from(Span::styled(format!("  … +{}", o.minor_errors.len() - 3), t.dim())));
    }
}

/// The row's meaning and what to do (or the success shape's meaning), and notes about the body.
fn outcome_text(app: &App, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let s = app.s();
    let lang = app.lang;
    let ex = crate::classify::explain(o, lang);
    if let Some(row) = crate::classify::row(o) {
        labelled(out, s.meaning, row.meaning.get(lang), width, t.bold());
        labelled(out, s.what_to_do, row.action.get(lang), width, t.bold());
    } else if let Some(kind) = o.kind.filter(|_| o.accepted) {
        // The endpoint is known: what its success means, not a guess from the body's keys.
        labelled(out, s.meaning, &crate::text::capitalised(crate::classify::kind_meaning(kind, lang)), width, t.bold());
    } else if let Some(shape) = crate::classify::shape(o) {
        labelled(out, s.meaning, shape.meaning.get(lang), width, t.bold());
    } else {
        push_wrapped(out, &ex.what, width, Style::new(), "");
        if let Some(a) = &ex.action {
            labelled(out, s.what_to_do, a, width, t.bold());
        }
    }
    if let Some(note) = &ex.body_note {
        push_wrapped(out, note, width, t.warn(), "");
    }
    if let Some(n) = &o.notice {
        push_wrapped(out, n, width, t.warn(), "");
    }
}

fn failure_lines(app: &App, ex: &Exchange, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let s = app.s();
    let (kind, detail, status) = match ex.final_failure() {
        Some(f) => (f.kind, f.detail.clone(), f.status),
        None => (NetworkErrorKind::Other, String::new(), None),
    };
    out.push(Line::from(vec![
        Span::styled(" NET ", t.tone_badge(Tone::ServerError)),
        Span::styled(format!(" {}", network_label(app, kind)), t.tone(Tone::ServerError)),
    ]));
    push_wrapped(out, &fill(s.network_failed, &[("detail", &detail)]), width, Style::new(), "");
    // The TUI has no flags: the advice names the environment's setting. It also says, once, whether Braze acted.
    let front = crate::classify::network::Front::Tui { environment: &ex.environment };
    let advice = crate::classify::network::explain(kind, status, front, app.lang);
    push_wrapped(out, &advice, width, Style::new(), "");
    if kind != NetworkErrorKind::Cancelled {
        out.push(Line::from(Span::styled(format!("  {}", press_r(app, ex)), t.dim())));
    }
}

/// The `r` hint: it asks first when repeating may deliver twice, and waits no longer than the policy allows.
fn press_r(app: &App, ex: &Exchange) -> String {
    let s = app.s();
    let policy = crate::retry::RetryPolicy::default();
    if unsafe_to_repeat(ex) {
        s.press_r_confirm.to_string()
    } else if app.reset_countdown().is_some_and(|left| policy.reset_beyond_cap(left)) {
        fill(s.press_r_at_cap, &[("cap", &policy.max_reset_wait.as_secs())])
    } else {
        s.press_r.to_string()
    }
}

fn retry_lines(app: &App, ex: &Exchange, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let s = app.s();
    let text = match &o.retry {
        RetryAdvice::None => return,
        RetryAdvice::FixRequest => s.retry_fix.to_string(),
        RetryAdvice::WaitForJob => s.retry_job.to_string(),
        RetryAdvice::Backoff { schedule_seconds } => {
            // The TUI sends once and retries on `r`, so the advice carries no schedule of its own: show the
            // default policy's.
            let default: Vec<f64>;
            let sched = if schedule_seconds.is_empty() {
                default =
                    crate::retry::RetryPolicy::default().nominal_schedule().iter().map(|d| d.as_secs_f64()).collect();
                &default
            } else {
                schedule_seconds
            };
            let sched: Vec<String> =
                sched.iter().take(4).map(|x| crate::classify::seconds_text(app.lang, *x)).collect();
            fill(s.retry_backoff, &[("schedule", &sched.join(", "))])
        }
        RetryAdvice::WaitForReset { .. } => match app.reset_countdown() {
            Some(0) => s.reset_now.to_string(),
            Some(left) => fill(s.retry_wait, &[("time", &crate::text::duration::seconds_left(left, app.lang))]),
            None => s.retry_wait_unknown.to_string(),
        },
    };
    let style = if o.status == 429 { t.tone(Tone::RateLimited) } else { Style::new() };
    let head = format!("{}: ", s.retry);
    let body = wrap(&text, width.saturating_sub(super::text::width(&head)));
    for (i, l) in body.into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(head.clone(), t.bold())
        } else {
            Span::raw(" ".repeat(super::text::width(&head)))
        };
        out.push(Line::from(vec![lead, Span::styled(l, style)]));
    }
    if !matches!(o.retry, RetryAdvice::FixRequest) {
        push_wrapped(out, &press_r(app, ex), width, t.dim(), "  ");
    }
}

/// `send_id` and the key that fetches its analytics.
fn ids(app: &App, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    if let Some(id) = &o.send_id {
        let id = visible(id).into_owned();
        let id = &id;
        let hint = format!("  {}", app.s().press_d);
        let mut first = vec![Span::styled("send_id ", t.bold()), Span::styled(id.clone(), t.accent())];
        if 8 + super::text::width(id) + super::text::width(&hint) <= width {
            first.push(Span::styled(hint, t.dim()));
            out.push(Line::from(first));
        } else {
            out.push(Line::from(first));
            out.push(Line::from(Span::styled(hint, t.dim())));
        }
    }
}

/// `dispatch_id` / `schedule_id`, for looking the send up at Braze.
fn trailing_ids(app: &App, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    for (label, v) in [("dispatch_id ", &o.dispatch_id), ("schedule_id ", &o.schedule_id)] {
        if let Some(v) = v {
            let v = visible(v).into_owned();
            // Ids are long: the label on its own when the id would not fit beside it.
            if label.len() + super::text::width(&v) <= width {
                out.push(Line::from(vec![Span::styled(label, t.dim()), Span::raw(v.clone())]));
            } else {
                out.push(Line::from(Span::styled(label, t.dim())));
                push_wrapped(out, &v, width, Style::new(), "  ");
            }
        }
    }
}

/// The kind of network failure in the UI language.
pub fn network_label(app: &App, k: NetworkErrorKind) -> &'static str {
    crate::classify::network::title(k, app.lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::tui::Theme;

    fn headline(status: u16, lang: Lang) -> String {
        let now: jiff::Timestamp = "2026-03-02T09:30:00Z".parse().unwrap();
        let app = App::new(lang, Theme { colour: false }, now, 100, 30);
        let o = crate::classify::outcome(status, &[], br#"{"message":"x"}"#, now);
        let mut out = Vec::new();
        outcome_lines(&app, &o, Tone::ClientError, 100, &mut out);
        out.iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A status outside 100–599 did not come from Braze: the card must not claim that nothing was sent.
    #[test]
    fn an_invalid_status_does_not_say_nothing_was_sent() {
        for lang in [Lang::En, Lang::Ko] {
            let s = <crate::tui::strings::Strings as crate::i18n::Table>::get(lang);
            assert!(!headline(999, lang).contains(s.not_sent), "{}", headline(999, lang));
            assert!(headline(400, lang).contains(s.not_sent), "a rejection still says it");
        }
        assert!(headline(999, Lang::En).contains("no telling"), "{}", headline(999, Lang::En));
    }
}
