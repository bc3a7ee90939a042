//! Sending: the fatal-prediction check, the request in flight, cancelling, results, and retries that follow
//! the response's advice.

use std::sync::Arc;

use super::super::app::{
    App, Confirm, Detail, Focus, Inflight, Overlay, RequestState, ResponseView, Screen, unsafe_to_repeat,
};
use super::super::model::{Outgoing, Progress};
use super::super::msg::Effect;
use super::super::pretty::BodyLines;
use super::super::theme::Tone;
use super::{editing, saved_state, toast};
use crate::exchange::Exchange;
use crate::i18n::fill;
use crate::retry::{RetryAdvice, RetryPolicy};

/// Bodies up to this size are formatted inside `update`; larger ones off-thread.
const INLINE_FORMAT_BYTES: usize = 64 * 1024;

/// Sends the editor's request. Without `force`, a predicted fatal error asks first.
pub(crate) fn send(app: &mut App, force: bool) -> Vec<Effect> {
    if app.busy() && !matches!(app.request, RequestState::Scheduled { .. }) {
        toast(app, app.s().already_sending, Tone::Neutral);
        return Vec::new();
    }
    app.screen = Screen::Work;
    // A path typed and sent without Enter still decides the endpoint (and so what the body is checked against).
    let switched = editing::follow_path(app);
    if switched || app.editor.stale() {
        // The worker has not caught up with the last edit: decide on the text as it is now.
        let endpoint = editing::validated_endpoint(app);
        let report = editing::check_now(app, &endpoint);
        app.editor.set_report(app.editor.generation, report);
    }
    let path = app.path.text.trim().to_string();
    if !path.starts_with('/') || (path.contains('{') && path.contains('}')) {
        toast(app, fill(app.s().fill_path, &[]), Tone::ClientError);
        app.focus = Focus::Url;
        return Vec::new();
    }
    if !force && let Some(d) = app.editor.diagnostics().iter().find(|d| d.severity == crate::validate::Severity::Fatal)
    {
        let name = app.diagnostic_name(d).0;
        app.overlay = Some(Overlay::Confirm(Confirm::SendFatal { name }));
        return Vec::new();
    }
    let e = app.current_endpoint();
    let resolved = match resolved(app, &e.method, &path) {
        Ok(r) => r,
        Err(why) => {
            toast(app, why, Tone::ClientError);
            return Vec::new();
        }
    };
    let path = resolved.request.path_and_query();
    let mut headers = resolved.request.headers;
    headers.extend(fault_header(app));
    // For a GET the engine turns a JSON object body into the query string.
    let request = Outgoing {
        method: e.method.clone(),
        endpoint: e.path.clone(),
        path,
        body: resolved.request.body,
        environment: app.current_env().map(|e| e.name.clone()).unwrap_or_else(|| "sandbox".into()),
        replay_of: app.replay_of,
        headers,
        secrets: resolved.secrets,
        saved_request: app.saved.as_ref().map(|s| s.name.clone()),
    };
    start(app, request, vec![Effect::SaveState(saved_state(app))])
}

/// The request as it goes out: the path line, the body and a saved request's headers with the variables in effect
/// replaced (an undefined name stays as written: validation has said so). `Err`: a variable whose process
/// variable is not set, said in the UI's language.
fn resolved(app: &App, method: &str, path: &str) -> Result<crate::request::vars::Resolved, String> {
    let file = crate::request::RequestFile::from_target(method, path, &app.headers, app.editor.text());
    crate::request::vars::resolve(&file, &app.vars).map_err(
        |crate::request::vars::ResolveError::Unset { name, var }| {
            fill(app.s().variable_unset, &[("reference", &format!("{{{{{name}}}}}")), ("var", &var)])
        },
    )
}

fn start(app: &mut App, request: Outgoing, mut fx: Vec<Effect>) -> Vec<Effect> {
    let id = app.next_id;
    app.next_id += 1;
    app.request = RequestState::Sending(Inflight {
        id,
        started: app.now,
        label: format!("{} {}", request.method, request.endpoint),
        attempt: 1,
        waiting: None,
    });
    fx.insert(0, Effect::Send { id, request });
    fx
}

pub(super) fn cancel(app: &mut App) -> Vec<Effect> {
    let (fx, text) = match &app.request {
        RequestState::Sending(f) => (vec![Effect::Cancel { id: f.id }], app.s().cancelled),
        // A retry still waiting has put nothing on the wire.
        _ => (Vec::new(), app.s().retry_cancelled),
    };
    app.request = RequestState::Idle;
    toast(app, text, Tone::Neutral);
    fx
}

pub(super) fn progress(app: &mut App, id: u64, p: Progress) -> Vec<Effect> {
    if let RequestState::Sending(f) = &mut app.request
        && f.id == id
    {
        match p {
            Progress::AttemptStarted { number } => {
                f.attempt = number;
                f.waiting = None;
            }
            Progress::Waiting { until, why } => f.waiting = Some((until, why)),
            Progress::AttemptFinished { .. } => {}
        }
    }
    Vec::new()
}

pub(super) fn finished(app: &mut App, id: u64, exchange: Exchange) -> Vec<Effect> {
    match &app.request {
        RequestState::Sending(f) if f.id == id => app.request = RequestState::Idle,
        // A cancelled request that finished anyway is still recorded, but no longer shown.
        _ => return Vec::new(),
    }
    if let Some(o) = &exchange.outcome
        && (o.rate_limit.remaining.is_some() || o.rate_limit.reset.is_some())
    {
        app.rate = Some(o.rate_limit);
    }
    let seq = app.next_id;
    app.next_id += 1;
    let exchange = Arc::new(exchange);
    let (body, format) = body_lines(&exchange, seq);
    let mut fx: Vec<Effect> = format.into_iter().collect();
    let view = ResponseView {
        exchange,
        received: app.now,
        body,
        seq,
        detail: Detail::Body,
        scroll: 0,
        hscroll: 0,
        card_scroll: 0,
    };
    app.response = Some(view);
    if app.history.loaded {
        fx.push(Effect::LoadHistory(super::history::query(app)));
    }
    fx
}

/// An answer's body as lines: split here when small, else `None` and the effect that formats it off the UI thread
/// (re-indenting megabytes takes longer than a frame). For a fresh answer and an opened history entry alike.
pub(super) fn body_lines(exchange: &Arc<Exchange>, seq: u64) -> (Option<Arc<BodyLines>>, Option<Effect>) {
    let body = exchange.final_response().map(|r| r.body.as_str()).unwrap_or("");
    if body.len() <= INLINE_FORMAT_BYTES {
        (Some(Arc::new(BodyLines::new(body))), None)
    } else {
        (None, Some(Effect::Format { seq, exchange: exchange.clone() }))
    }
}

pub(super) fn error(app: &mut App, id: u64, error: String) -> Vec<Effect> {
    if matches!(&app.request, RequestState::Sending(f) if f.id == id) {
        app.request = RequestState::Idle;
        toast(app, error, Tone::ClientError);
    }
    Vec::new()
}

/// `r`: do what the shown response advises — wait for the reset, back off, or say why not. A failure that may
/// have come after the request reached Braze, on an endpoint that is not safe to repeat, asks first.
pub(super) fn retry(app: &mut App) -> Vec<Effect> {
    retry_with(app, false)
}

/// `r`, once the user accepted that repeating may do it twice.
pub(super) fn retry_confirmed(app: &mut App) -> Vec<Effect> {
    retry_with(app, true)
}

fn retry_with(app: &mut App, confirmed: bool) -> Vec<Effect> {
    let s = app.s();
    let Some(r) = &app.response else {
        toast(app, s.no_answer_to_retry, Tone::Neutral);
        return Vec::new();
    };
    if app.busy() {
        toast(app, s.already_sending, Tone::Neutral);
        return Vec::new();
    }
    if !confirmed && unsafe_to_repeat(&r.exchange) {
        let endpoint = r.exchange.request.endpoint.clone();
        app.overlay = Some(Overlay::Confirm(Confirm::RetryUnsafe { endpoint }));
        return Vec::new();
    }
    let Some(outcome) = &r.exchange.outcome else {
        // A network failure: try again now.
        return send(app, true);
    };
    let delay = match &outcome.retry {
        RetryAdvice::WaitForReset { .. } => {
            let at = super::super::app::reset_time(r).unwrap_or(app.now);
            let left = (at.as_second() - app.now.as_second()).max(0);
            // The engine's rule (`RetryPolicy::reset_beyond_cap`): beyond the cap, say when the window opens.
            let policy = RetryPolicy::default();
            if policy.reset_beyond_cap(left) {
                let cap = crate::text::duration::human(policy.max_reset_wait, app.lang);
                let tz = app.current_env().map(|e| editing::tz(&e.timezone)).unwrap_or(jiff::tz::TimeZone::UTC);
                let when = at.to_zoned(tz).strftime("%H:%M:%S").to_string();
                toast(
                    app,
                    fill(
                        s.reset_too_far,
                        &[("time", &crate::text::duration::seconds_left(left, app.lang)), ("at", &when), ("cap", &cap)],
                    ),
                    Tone::RateLimited,
                );
                return Vec::new();
            }
            left
        }
        RetryAdvice::Backoff { schedule_seconds } => {
            schedule_seconds.first().copied().unwrap_or(1.0).ceil().max(0.0) as i64
        }
        // The user saw the card say a job is running and chose to try again now.
        RetryAdvice::WaitForJob => 0,
        RetryAdvice::FixRequest => {
            toast(app, s.fix_first, Tone::ClientError);
            app.focus = Focus::Editor;
            editing::jump_diagnostic(app, true);
            return Vec::new();
        }
        RetryAdvice::None => {
            toast(app, s.nothing_to_retry, Tone::Neutral);
            return Vec::new();
        }
    };
    if delay == 0 {
        return send(app, true);
    }
    let at = app.now.checked_add(jiff::SignedDuration::from_secs(delay)).unwrap_or(app.now);
    app.request = RequestState::Scheduled { at, reset: outcome.status == 429 };
    Vec::new()
}

/// `d`: fetch `/sends/data_series` for the shown response's `send_id`.
pub(super) fn data_series(app: &mut App) -> Vec<Effect> {
    let s = app.s();
    let Some(send_id) = app.response.as_ref().and_then(|r| r.exchange.outcome.as_ref()?.send_id.clone()) else {
        toast(app, s.no_send_id, Tone::Neutral);
        return Vec::new();
    };
    if app.busy() {
        toast(app, s.already_sending, Tone::Neutral);
        return Vec::new();
    }
    let campaign = app.response.as_ref().and_then(|r| {
        let v: serde_json::Value = serde_json::from_str(&r.exchange.request.body).ok()?;
        v.get("campaign_id")?.as_str().map(str::to_string)
    });
    let mut path = format!("/sends/data_series?send_id={}&length=7", crate::request::percent_encode(&send_id));
    if let Some(c) = campaign {
        path.push_str(&format!("&campaign_id={}", crate::request::percent_encode(&c)));
    }
    toast(app, fill(s.fetching, &[("path", &"/sends/data_series")]), Tone::Neutral);
    let request = Outgoing {
        method: "GET".into(),
        endpoint: "/sends/data_series".into(),
        path,
        body: String::new(),
        environment: app.current_env().map(|e| e.name.clone()).unwrap_or_else(|| "sandbox".into()),
        replay_of: None,
        headers: fault_header(app),
        secrets: Vec::new(),
        saved_request: None,
    };
    start(app, request, Vec::new())
}

/// `X-Brazen-Fault` when a fault is chosen and the request goes to the sandbox.
fn fault_header(app: &App) -> Vec<(String, String)> {
    match (app.fault, app.current_env()) {
        (Some(f), Some(e)) if e.offline_mock => vec![(crate::fault::FAULT_HEADER.to_string(), f.to_string())],
        _ => Vec::new(),
    }
}
