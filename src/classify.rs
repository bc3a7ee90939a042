//! Response classification: status + headers + body → [`Outcome`]. Pure.

use serde::{Deserialize, Serialize};

use crate::retry::RetryAdvice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Class {
    #[serde(rename = "1XX")]
    C1xx,
    #[serde(rename = "2XX")]
    C2xx,
    #[serde(rename = "3XX")]
    C3xx,
    #[serde(rename = "4XX")]
    C4xx,
    #[serde(rename = "5XX")]
    C5xx,
}

impl Class {
    pub fn of(status: u16) -> Class {
        match status {
            0..=199 => Class::C1xx,
            200..=299 => Class::C2xx,
            300..=399 => Class::C3xx,
            400..=499 => Class::C4xx,
            _ => Class::C5xx,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Class::C1xx => "1XX",
            Class::C2xx => "2XX",
            Class::C3xx => "3XX",
            Class::C4xx => "4XX",
            Class::C5xx => "5XX",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Success,
    SuccessWithMinorErrors,
    Fatal,
}

impl OutcomeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Success => "success",
            OutcomeKind::SuccessWithMinorErrors => "success_with_minor_errors",
            OutcomeKind::Fatal => "fatal",
        }
    }
}

/// The `x-ratelimit-*` headers of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RateLimitInfo {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// UTC epoch seconds.
    pub reset: Option<i64>,
}

/// What a response means. Serialises to the `explain --format json` object minus `explanation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub status: u16,
    pub class: Class,
    pub outcome: OutcomeKind,
    /// Row id of `assets/errors.toml`, `None` when no row matches.
    pub error: Option<String>,
    /// The row's short name.
    pub name: Option<String>,
    /// `message` as the server sent it.
    pub message: Option<String>,
    /// Minor errors; object items are rendered as compact JSON.
    pub minor_errors: Vec<String>,
    pub send_id: Option<String>,
    pub dispatch_id: Option<String>,
    pub schedule_id: Option<String>,
    /// Braze took the request for processing (2XX). False means nothing was sent.
    pub accepted: bool,
    pub retry: RetryAdvice,
    pub rate_limit: RateLimitInfo,
}
