//! Retry policy: exponential backoff with full jitter for 5XX, waiting for the rate-limit reset for 429. Pure.

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
}
