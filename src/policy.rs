//! The retry policy and the retry advice an answer carries: data and arithmetic only (backoff ceilings, full
//! jitter, the wait for a rate-limit reset). [`crate::classify`] attaches advice to an outcome with it and
//! [`crate::retry`] decides with it, so it imports neither: that keeps classify → policy ← retry free of circles.
//! Pure: the clock (`now`) and the random source are passed in; no crate module is imported.

use std::time::Duration;

use rand::Rng;
use serde::{Deserialize, Serialize};

/// The advice attached to an [`crate::classify::Outcome`]; serialises to the `retry` object of the CLI contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "advice", rename_all = "snake_case")]
pub enum RetryAdvice {
    None,
    FixRequest,
    Backoff {
        schedule_seconds: Vec<f64>,
    },
    WaitForReset {
        #[serde(skip_serializing_if = "Option::is_none")]
        after_seconds: Option<u64>,
    },
    /// Another job of the same kind is still running (a CDI sync): wait for it to finish, then send again. Not a
    /// rate limit, so the reset header says nothing about when.
    WaitForJob,
}

impl RetryAdvice {
    /// `none`, `fix_request`, `backoff`, `wait_for_reset`, `wait_for_job`.
    pub fn as_str(&self) -> &'static str {
        match self {
            RetryAdvice::None => "none",
            RetryAdvice::FixRequest => "fix_request",
            RetryAdvice::Backoff { .. } => "backoff",
            RetryAdvice::WaitForReset { .. } => "wait_for_reset",
            RetryAdvice::WaitForJob => "wait_for_job",
        }
    }
}

/// Added to a known reset time: the header has whole-second precision and clocks drift.
pub const RESET_MARGIN: Duration = Duration::from_millis(500);
/// The shortest wait for a rate-limit reset, so a reset already past never turns into a tight loop.
pub const MIN_RESET_WAIT: Duration = Duration::from_millis(500);

/// The most retries `--retries N` accepts. Ten backoffs reach the 30 s cap after the fifth, so the last retry
/// comes minutes after the first attempt: Braze's advice is to back off, not to insist, and a larger N only
/// hammers an instance in trouble. It also bounds everything sized by N (the advised schedule, the attempts).
pub const MAX_RETRIES: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Ceiling of the first backoff delay; doubles with each retry.
    pub base: Duration,
    /// Largest backoff ceiling.
    pub cap: Duration,
    /// Attempts in all, including the first. Anything above `MAX_RETRIES + 1` counts as that.
    pub max_attempts: u32,
    /// Longest wait for a rate-limit reset.
    pub max_reset_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(30),
            max_attempts: 4,
            max_reset_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy allowing `retries` retries after the first attempt (at most [`MAX_RETRIES`]), other settings
    /// default.
    pub fn with_retries(retries: u32) -> RetryPolicy {
        RetryPolicy { max_attempts: retries.min(MAX_RETRIES) + 1, ..RetryPolicy::default() }
    }

    /// Attempts in all, the first included: `max_attempts`, never more than `MAX_RETRIES + 1` (the field is
    /// public, so a policy built by hand is bounded here rather than trusted).
    pub fn attempt_limit(&self) -> u32 {
        self.max_attempts.min(MAX_RETRIES + 1)
    }

    /// `min(cap, base · 2^retry_index)`: the longest wait before retry number `retry_index` (0-based).
    pub fn ceiling(&self, retry_index: u32) -> Duration {
        let factor = 1u32.checked_shl(retry_index).unwrap_or(u32::MAX);
        self.base.checked_mul(factor).unwrap_or(Duration::MAX).min(self.cap)
    }

    /// Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): a uniform random delay in
    /// `[0, ceiling(retry_index)]`, which spreads clients apart better than a fixed or half-jittered delay.
    pub fn backoff_delay(&self, retry_index: u32, rng: &mut impl Rng) -> Duration {
        let ceiling = u64::try_from(self.ceiling(retry_index).as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rng.random_range(0..=ceiling))
    }

    /// The ceilings for each retry the policy allows (`attempt_limit() − 1` of them, so at most
    /// [`MAX_RETRIES`]): a short list whatever `max_attempts` says.
    pub fn nominal_schedule(&self) -> Vec<Duration> {
        (0..self.attempt_limit().saturating_sub(1)).map(|i| self.ceiling(i)).collect()
    }

    /// [`Self::nominal_schedule`] in seconds: the `schedule_seconds` of backoff advice.
    pub fn schedule_seconds(&self) -> Vec<f64> {
        self.nominal_schedule().iter().map(Duration::as_secs_f64).collect()
    }

    /// Whether a rate-limit reset `left_secs` away is beyond what the policy waits (`max_reset_wait`): waiting only
    /// up to the cap would just earn another 429. The one statement of the rule; the TUI's `r` asks it too.
    pub fn reset_beyond_cap(&self, left_secs: i64) -> bool {
        left_secs > i64::try_from(self.max_reset_wait.as_secs()).unwrap_or(i64::MAX)
    }

    /// How long to wait after a 429: until `reset_epoch` (UTC epoch seconds) plus [`RESET_MARGIN`], capped at
    /// `max_reset_wait`. Unknown reset: the backoff cap (also capped), as the window is unknown but Braze's shortest
    /// windows are seconds to a minute. Never less than [`MIN_RESET_WAIT`].
    pub fn reset_wait(&self, reset_epoch: Option<i64>, now: jiff::Timestamp) -> Duration {
        let raw = match reset_epoch {
            Some(reset) => {
                let nanos = i128::from(reset) * 1_000_000_000 - now.as_nanosecond();
                Duration::from_nanos(u64::try_from(nanos.max(0)).unwrap_or(u64::MAX)).saturating_add(RESET_MARGIN)
            }
            None => self.cap,
        };
        raw.min(self.max_reset_wait).max(MIN_RESET_WAIT)
    }
}
