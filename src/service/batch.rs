//! Batches: every line validated before anything is sent ([`check_lines`]), then sent one after another
//! ([`run_batch`]), pausing when an answer says the rate-limit window is used up. Printing is the front end's.

use super::{Error, Event};
use crate::client::{CancellationToken, PreparedRequest, SendPlan, Sender, Sent, Target};
use crate::exchange::Exchange;
use crate::history::Store;
use crate::validate::{self, Diagnostic, Severity};

/// The lines of a batch, checked.
#[derive(Debug, Default)]
pub struct Checked {
    /// Each line's request, by line number in the file.
    pub prepared: Vec<(usize, PreparedRequest)>,
    /// Lines Braze would reject.
    pub fatal_lines: Vec<usize>,
    /// Minor and fatal diagnostics, each placed on its line of the file.
    pub found: Vec<Diagnostic>,
}

/// Validates each `(line number, body)` (not for a GET: its lines hold query parameters) and builds its request;
/// `force` builds even what the catalog does not know. `secrets` are scrubbed from the diagnostics.
pub fn check_lines(
    endpoint: &str,
    lines: &[(usize, &str)],
    ctx: &validate::Context,
    secrets: &crate::scrub::Secrets,
    force: bool,
    label: &str,
) -> Result<Checked, Error> {
    let is_get = crate::catalog::endpoints().resolve(endpoint).is_some_and(|r| r.endpoint.method == "GET");
    let mut checked = Checked::default();
    for (n, body) in lines {
        if !is_get {
            let mut r = validate::check(endpoint, body, ctx);
            crate::scrub::report(&mut r, secrets);
            // Each line is a body of its own: its diagnostics say line 1; the file's line is what helps.
            for d in r.diagnostics.iter().filter(|d| d.severity <= Severity::Minor) {
                checked.found.push(Diagnostic { line: *n, ..d.clone() });
            }
            if !r.ok {
                checked.fatal_lines.push(*n);
            }
        }
        let req =
            if force { PreparedRequest::new_or_raw(endpoint, body) } else { PreparedRequest::new(endpoint, body) }
                .map_err(|e| Error::Usage(format!("{label}:{n}: {e}")))?;
        checked.prepared.push((*n, req));
    }
    Ok(checked)
}

/// One sent line.
#[derive(Debug)]
pub struct LineSent {
    pub line: usize,
    pub sent: Sent,
    /// `None` without a history or when recording failed.
    pub history_id: Option<i64>,
}

/// Sends the prepared lines one after another until done or cancelled, recording each in `store` when given.
#[allow(clippy::too_many_arguments)]
pub async fn run_batch(
    sender: &Sender,
    target: &Target,
    prepared: &[(usize, PreparedRequest)],
    retries: Option<u32>,
    store: Option<&Store>,
    cancel: &CancellationToken,
    on: &(dyn Fn(Event<'_>) + Sync),
) -> Vec<LineSent> {
    let mut results = Vec::new();
    let mut pause: Option<std::time::Duration> = None;
    for (line, req) in prepared {
        if let Some(wait) = pause.take() {
            on(Event::Pausing { line: *line, wait });
            tokio::select! {
                _ = cancel.cancelled() => break,
                _ = tokio::time::sleep(wait) => {}
            }
        }
        if cancel.is_cancelled() {
            break;
        }
        let plan = SendPlan::for_request(req, retries);
        let mut sent = super::send(sender, target, req, &plan, cancel, on).await;
        let history_id = store.and_then(|s| match super::record(s, &mut sent.exchange) {
            Ok(stored) => Some(stored.id),
            Err(error) => {
                on(Event::NotRecorded { exchange: &sent.exchange, error: &error });
                None
            }
        });
        on(Event::Done { exchange: &sent.exchange });
        pause = window_used_up(&sent.exchange, &plan, sender.now());
        let cancelled = sent.cancelled;
        results.push(LineSent { line: *line, sent, history_id });
        if cancelled {
            break;
        }
    }
    results
}

/// How long to wait before the next request when this response used up its window (`remaining` 0 and a reset
/// time): the same wait a 429 would cause, but without spending a request on it.
pub fn window_used_up(ex: &Exchange, plan: &SendPlan, now: jiff::Timestamp) -> Option<std::time::Duration> {
    let rl = ex.outcome.as_ref()?.rate_limit;
    (rl.remaining == Some(0) && rl.reset.is_some()).then(|| plan.policy.reset_wait(rl.reset, now))
}
