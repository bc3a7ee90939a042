//! Retry decisions: after each attempt, whether to try again and after how long — exponential backoff with full
//! jitter for 5XX and transient network failures, the rate-limit reset for 429 — and whether repeating a request
//! could do twice what it may already have done. Pure: the clock (`now`) and the random source are passed in.
//! Imports the domain below it (classify, exchange, catalog, [`crate::policy`]); never the client, the history or
//! a front end. Why a decision was taken lives in [`reason`], as typed values the front ends render.

mod reason;

use std::time::Duration;

use rand::Rng;

use crate::answer::Answer;
use crate::classify::{Class, Outcome};
use crate::exchange::{Exchange, NetworkErrorKind};
use crate::i18n::Lang;
pub use crate::policy::{MAX_RETRIES, MIN_RESET_WAIT, RESET_MARGIN, RetryAdvice, RetryPolicy};
pub use reason::{Cause, Reason, RetryText, Stopped};

/// What the last attempt produced.
#[derive(Debug, Clone, Copy)]
pub enum Last<'a> {
    Response(&'a Outcome),
    Network(NetworkErrorKind),
}

impl<'a> Last<'a> {
    /// What `ex`'s final attempt produced ([`Exchange::answer`], as retrying sees it); `None` for an exchange with
    /// no attempt (nothing to decide on). The engine and [`unsafe_to_repeat`] ask here.
    pub fn of(ex: &'a Exchange) -> Option<Last<'a>> {
        ex.answer().map(|answer| match answer {
            Answer::Response(o) => Last::Response(o),
            Answer::Network(f) => Last::Network(f.kind),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Retry { after: Duration, reason: Reason },
    Stop { reason: Reason },
}

impl Decision {
    pub fn reason(&self) -> &Reason {
        match self {
            Decision::Retry { reason, .. } | Decision::Stop { reason } => reason,
        }
    }

    /// The reason in English.
    pub fn why(&self) -> String {
        self.reason().sentence(Lang::En)
    }

    pub fn is_retry(&self) -> bool {
        matches!(self, Decision::Retry { .. })
    }
}

/// Whether to try again after `attempts_made` attempts (counting the first) ended in `last`.
///
/// `retry_unsafe`: repeating the request is acceptable even if the last attempt may have reached Braze — the
/// endpoint is idempotent, or the user asked for retries. A 5XX or a broken connection after the request left can
/// still have sent a message, so without it only failures where the request surely never left are retried.
pub fn decide(
    policy: &RetryPolicy,
    attempts_made: u32,
    last: Last<'_>,
    retry_unsafe: bool,
    now: jiff::Timestamp,
    rng: &mut impl Rng,
) -> Decision {
    let stop = |cause: Cause| Decision::Stop { reason: Reason::Final(cause) };
    enum Wait {
        Backoff,
        Reset(Option<i64>),
    }
    let (wait, cause) = match last {
        Last::Network(NetworkErrorKind::Cancelled) => return stop(Cause::Cancelled),
        Last::Network(kind) if never_left(kind) => (Wait::Backoff, Cause::NeverLeft(kind)),
        Last::Network(kind) if !retry_unsafe => return stop(Cause::MayHaveReached(kind)),
        Last::Network(kind) => (Wait::Backoff, Cause::Network(kind)),
        Last::Response(o) if o.retry == RetryAdvice::WaitForJob => return stop(Cause::JobRunning(o.status)),
        Last::Response(o) if o.status == 429 => {
            let reset = o.rate_limit.reset.or_else(|| match o.retry {
                RetryAdvice::WaitForReset { after_seconds: Some(s) } => {
                    Some(now.as_second().saturating_add(i64::try_from(s).unwrap_or(i64::MAX)))
                }
                _ => None,
            });
            (Wait::Reset(reset), Cause::RateLimited)
        }
        // Not Braze's answer: repeating could act twice, and a broken gateway would answer the same.
        Last::Response(o) if o.class == Class::Invalid => return stop(Cause::NotHttp(o.status)),
        Last::Response(o) if o.class == Class::C5xx && !retry_unsafe => return stop(Cause::ServerErrorHeld(o.status)),
        Last::Response(o) if o.class == Class::C5xx => (Wait::Backoff, Cause::ServerError(o.status)),
        Last::Response(o) if o.accepted => return stop(Cause::Accepted(o.status)),
        Last::Response(o) => return stop(Cause::FixFirst(o.status)),
    };
    if attempts_made >= policy.attempt_limit() {
        return Decision::Stop { reason: Reason::GaveUp { cause, attempts: attempts_made } };
    }
    match wait {
        Wait::Backoff => {
            let after = policy.backoff_delay(attempts_made.saturating_sub(1), rng);
            Decision::Retry { after, reason: Reason::Backoff { cause, after } }
        }
        // Waiting only up to the cap would just earn another 429: say when the window opens instead.
        Wait::Reset(Some(reset)) if policy.reset_beyond_cap(reset.saturating_sub(now.as_second())) => {
            let (left_secs, cap_secs) = (reset.saturating_sub(now.as_second()), policy.max_reset_wait.as_secs());
            Decision::Stop { reason: Reason::ResetTooFar { cause, left_secs, cap_secs } }
        }
        Wait::Reset(reset) => {
            let after = policy.reset_wait(reset, now);
            Decision::Retry { after, reason: Reason::Reset { cause, after, known: reset.is_some() } }
        }
    }
}

/// Whether `last` may have come after Braze already acted on the request (a 5XX, or a connection that broke
/// after the request left): the failures [`decide`] repeats only with `retry_unsafe`.
pub fn may_have_acted(last: Last<'_>) -> bool {
    match last {
        // The user stopped it: nothing is repeated, whatever happened.
        Last::Network(NetworkErrorKind::Cancelled) => false,
        Last::Network(kind) => !never_left(kind),
        Last::Response(o) => o.class == Class::C5xx,
    }
}

/// Whether repeating `ex` could do twice what it may already have done: its last failure (a 5XX, a read timeout, a
/// reset connection) can come after the request reached Braze, and its endpoint is not idempotent. The retry
/// policy's own rule decides ([`may_have_acted`]), as it does for the engine's "held back". The TUI's `r` and
/// `brazen replay`'s warning both ask here.
pub fn unsafe_to_repeat(ex: &Exchange) -> bool {
    let idempotent = crate::catalog::endpoints()
        .resolve(&format!("{} {}", ex.request.method, ex.request.endpoint))
        .is_some_and(|r| r.endpoint.idempotent);
    !idempotent && Last::of(ex).is_some_and(may_have_acted)
}

/// Failures where no byte of the request reached the server, so repeating it cannot send twice.
fn never_left(kind: NetworkErrorKind) -> bool {
    matches!(
        kind,
        NetworkErrorKind::ConnectionRefused
            | NetworkErrorKind::Dns
            | NetworkErrorKind::ConnectTimeout
            | NetworkErrorKind::Tls
    )
}

#[cfg(test)]
mod tests;
