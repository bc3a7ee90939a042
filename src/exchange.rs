//! The record of one exchange: the request as sent (key redacted), every attempt, and what it meant.
//! Shared by the client (which produces it), the history store (which keeps it), the TUI and the CLI.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::{Deserialize, Serialize};

use crate::classify::Outcome;

pub mod diff;

/// Placeholder written instead of the API key wherever a request is kept or shown.
pub const REDACTED_KEY: &str = crate::scrub::REDACTED;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    pub method: String,
    /// The catalog path (`/messages/send`), or the path as typed when unknown.
    pub endpoint: String,
    /// Full URL including any query string.
    pub url: String,
    /// Headers as sent, with `Authorization` redacted to `Bearer [REDACTED]`.
    pub headers: Vec<(String, String)>,
    /// The body as sent, or its start when it was longer than `max_body_bytes` (see `body_truncated`).
    pub body: String,
    /// The body sent was longer than `max_body_bytes` and `body` holds only its start (whole characters).
    /// Absent in records written before the cap existed, which hold their whole body.
    #[serde(default)]
    pub body_truncated: bool,
}

impl RequestRecord {
    /// Keeps at most `max_bytes` of the body, cut before a character that would straddle the limit, and marks
    /// it cut. Returns whether it cut.
    pub fn keep_body_within(&mut self, max_bytes: u64) -> bool {
        let max = usize::try_from(max_bytes).unwrap_or(usize::MAX);
        if self.body.len() <= max {
            return false;
        }
        let mut end = max;
        while !self.body.is_char_boundary(end) {
            end -= 1;
        }
        self.body.truncate(end);
        self.body_truncated = true;
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRecord {
    pub status: u16,
    /// Header names lowercase, in arrival order.
    pub headers: Vec<(String, String)>,
    /// Body as text (lossy UTF-8), cut at the configured cap.
    pub body: String,
    /// The body was longer than the cap and `body` holds only its start.
    pub truncated: bool,
    /// Size of the whole body as received, in bytes.
    pub body_bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkErrorKind {
    ConnectionRefused,
    Dns,
    ConnectTimeout,
    ReadTimeout,
    ConnectionReset,
    Tls,
    InvalidHttp,
    Cancelled,
    Other,
}

/// A request that got no HTTP response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkFailure {
    pub kind: NetworkErrorKind,
    /// The underlying error, one line.
    pub detail: String,
    /// The status of the response head, when one arrived before the connection broke: it says whether Braze
    /// acted, which the explanation then states instead of hedging. Absent in exchanges recorded before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Timings {
    /// DNS + TCP (+ TLS) connect, when measured.
    pub connect_ms: Option<f64>,
    /// Time to the response head.
    pub first_byte_ms: Option<f64>,
    pub total_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// 1-based.
    pub number: u32,
    pub started_at: jiff::Timestamp,
    /// How long we waited before this attempt (backoff or rate-limit reset).
    pub waited_ms: u64,
    pub response: Option<ResponseRecord>,
    pub failure: Option<NetworkFailure>,
    pub timings: Timings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// Row id once stored.
    pub id: Option<i64>,
    pub time: jiff::Timestamp,
    /// Environment name (`sandbox`, `US-03`, a custom name).
    pub environment: String,
    pub request: RequestRecord,
    pub attempts: Vec<Attempt>,
    /// Classification of the last attempt's response; `None` after a network failure.
    pub outcome: Option<Outcome>,
    /// The exchange this one re-sent, for replays.
    pub replay_of: Option<i64>,
    /// The saved request it was sent from: its name in the collection (`customer-a/welcome-email`), or the file
    /// as given when it has no collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_request: Option<String>,
    /// The secret variables whose values the record holds as `{{name}}`: a replay resolves them again from the
    /// environment it sends to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_variables: Vec<String>,
}

impl Exchange {
    /// Fills in what the outcome knows from the catalog (the endpoint and what it does), which records do not
    /// store: an exchange read back from the history is explained as it was when it arrived.
    pub fn with_catalog(mut self) -> Exchange {
        let key = format!("{} {}", self.request.method, self.request.endpoint);
        if let Some(o) = self.outcome.as_mut()
            && o.kind.is_none()
            && let Some(r) = crate::catalog::endpoints().resolve(&key)
        {
            o.kind = Some(r.endpoint.kind);
            o.endpoint = Some(r.endpoint.key().to_string());
        }
        self
    }

    pub fn last_attempt(&self) -> Option<&Attempt> {
        self.attempts.last()
    }

    pub fn final_response(&self) -> Option<&ResponseRecord> {
        self.last_attempt().and_then(|a| a.response.as_ref())
    }

    pub fn final_failure(&self) -> Option<&NetworkFailure> {
        self.last_attempt().and_then(|a| a.failure.as_ref())
    }

    pub fn status(&self) -> Option<u16> {
        self.final_response().map(|r| r.status)
    }

    /// Total wall time over every attempt, including waits.
    pub fn duration_ms(&self) -> f64 {
        self.attempts.iter().map(|a| a.timings.total_ms + a.waited_ms as f64).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(body: &str) -> RequestRecord {
        RequestRecord {
            method: "POST".into(),
            endpoint: "/messages/send".into(),
            url: "http://127.0.0.1:9/messages/send".into(),
            headers: vec![],
            body: body.into(),
            body_truncated: false,
        }
    }

    #[test]
    fn a_body_over_the_cap_is_cut_on_a_character_boundary_and_marked() {
        let mut r = record("{\"a\":\"한글\"}");
        assert!(!r.keep_body_within(100));
        assert!(!r.body_truncated);
        // "{"a":"한" is 9 bytes; 8 would split 한 (3 bytes from byte 6).
        assert!(r.keep_body_within(8));
        assert_eq!(r.body, "{\"a\":\"");
        assert!(r.body_truncated);
    }

    #[test]
    fn records_written_before_the_cap_read_as_whole() {
        let json = r#"{"method":"POST","endpoint":"/x","url":"http://h/x","headers":[],"body":"{}"}"#;
        let r: RequestRecord = serde_json::from_str(json).unwrap();
        assert!(!r.body_truncated);
        assert!(serde_json::to_string(&record("{}")).unwrap().contains(r#""body_truncated":false"#));
    }
}
