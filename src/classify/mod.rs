//! Response classification: status + headers + body → [`Outcome`]. Pure: no IO, no clock (the caller passes `now`).
//!
//! The rows and shapes come from `assets/errors.toml` ([`crate::catalog::errors`]); nothing here names a row.
//! The explanation's connecting sentences are the message table `text::ExplainText`.
//! Core: imports only the core (`catalog`, `exchange`, `i18n`, `policy`); never an IO crate, an adapter or a front end.

mod body;
mod cut;
mod explain;
pub mod network;
mod rate;
mod text;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::catalog::{Endpoint, ErrorRow, ErrorTable, Kind, RetryKind, Shape};
use crate::policy::{RetryAdvice, RetryPolicy};

pub use body::BodyKind;
pub use explain::{Explanation, explain, explanation, kind_meaning, seconds_text};
pub use rate::{after_seconds, rate_limit};

/// The class of an HTTP status. `Invalid` is a status outside 100–599, which HTTP does not define: it has no class,
/// so the contract's `class` is null for it (DESIGN §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    C1xx,
    C2xx,
    C3xx,
    C4xx,
    C5xx,
    Invalid,
}

/// Statuses HTTP defines; anything else (`999`) is [`Class::Invalid`].
pub const VALID_STATUSES: std::ops::RangeInclusive<u16> = 100..=599;

impl Class {
    pub fn of(status: u16) -> Class {
        match status {
            100..=199 => Class::C1xx,
            200..=299 => Class::C2xx,
            300..=399 => Class::C3xx,
            400..=499 => Class::C4xx,
            500..=599 => Class::C5xx,
            _ => Class::Invalid,
        }
    }

    /// The contract's `class` value: `1XX` … `5XX`, `None` (null) for an invalid status.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Class::C1xx => Some("1XX"),
            Class::C2xx => Some("2XX"),
            Class::C3xx => Some("3XX"),
            Class::C4xx => Some("4XX"),
            Class::C5xx => Some("5XX"),
            Class::Invalid => None,
        }
    }

    /// For text: the class, or `invalid` for a status outside 100–599. JSON uses [`Class::name`] (null).
    pub fn as_str(self) -> &'static str {
        self.name().unwrap_or("invalid")
    }
}

impl Serialize for Class {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.name() {
            Some(n) => s.serialize_str(n),
            None => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Class {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Class, D::Error> {
        match Option::<String>::deserialize(d)?.as_deref() {
            None => Ok(Class::Invalid),
            Some("1XX") => Ok(Class::C1xx),
            Some("2XX") => Ok(Class::C2xx),
            Some("3XX") => Ok(Class::C3xx),
            Some("4XX") => Ok(Class::C4xx),
            Some("5XX") => Ok(Class::C5xx),
            Some(other) => Err(serde::de::Error::custom(format!("unknown status class {other:?}"))),
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
    /// `x-ratelimit-reset` held a number too large (or small) to be a time, e.g. `2^70`: `reset` is then null and
    /// the reset time unknown. Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reset_out_of_range: bool,
}

/// What a response means. Serialises to the `explain --format json` object minus `explanation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub status: u16,
    /// Null in JSON for a status outside 100–599 ([`Class::Invalid`]).
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
    /// The non-fatal shape of `assets/errors.toml` a 2XX body has (`success`, `queued`, …), when one fits.
    /// Always written (null when none), so every `explain` object has the same keys.
    #[serde(default)]
    pub shape: Option<String>,
    /// What the body was; `html` usually means a proxy or load balancer answered instead of Braze.
    #[serde(default)]
    pub body_kind: BodyKind,
    /// A `notice` Braze adds to some successes (e.g. "The Canvas is paused…").
    #[serde(default)]
    pub notice: Option<String>,
    /// Where an export's file will be, when the answer says (its `url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_url: Option<String>,
    /// The endpoint answered (`METHOD PATH` as the catalog lists it), when known. Not serialised here: `send`'s
    /// JSON has its own `endpoint`, and `explain --endpoint` adds both fields itself.
    #[serde(skip)]
    pub endpoint: Option<String>,
    /// What the endpoint does, when known (not serialised, as `endpoint`).
    #[serde(skip)]
    pub kind: Option<Kind>,
}

impl Outcome {
    /// The answer is a 429.
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429
    }
}

/// Classifies a response with the default [`RetryPolicy`] (for the 5XX backoff schedule).
pub fn outcome(status: u16, headers: &[(String, String)], body: &[u8], now: jiff::Timestamp) -> Outcome {
    outcome_with(status, headers, body, now, &RetryPolicy::default())
}

/// Classifies a response; `policy` supplies the backoff schedule advised for a 5XX.
pub fn outcome_with(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    now: jiff::Timestamp,
    policy: &RetryPolicy,
) -> Outcome {
    outcome_for(None, status, headers, body, now, policy)
}

/// Classifies the answer of a known endpoint: its documented errors are matched first, and a success is explained
/// by what the endpoint does ([`Kind`]). Without an endpoint only the seed's table is used and a success is guessed
/// from the body's keys.
pub fn outcome_for(
    endpoint: Option<&Endpoint>,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    now: jiff::Timestamp,
    policy: &RetryPolicy,
) -> Outcome {
    let table = crate::catalog::errors();
    let class = Class::of(status);
    let parsed = body::parse(body, headers);
    let rate_limit = rate_limit(headers);
    let accepted = class == Class::C2xx;

    let outcome = match class {
        Class::C2xx if parsed.minor_errors.is_empty() => OutcomeKind::Success,
        Class::C2xx => OutcomeKind::SuccessWithMinorErrors,
        _ => OutcomeKind::Fatal,
    };
    let key = endpoint.map(|e| e.key().to_string());
    let row = if accepted { None } else { match_row(table, key.as_deref(), status, &parsed) };
    // No row of Braze's can fit a status outside HTTP's range; brazen's own answer names it.
    let (error, name) = match (row, class) {
        (Some(r), _) => (Some(r.id.clone()), Some(r.name.clone())),
        (None, Class::Invalid) => match table.answer(INVALID_STATUS) {
            Some(a) => (Some(a.id.clone()), Some(a.name.clone())),
            None => (Some(INVALID_STATUS.to_string()), None),
        },
        (None, _) => (None, None),
    };
    let shape = if accepted { match_shape(table, status, &parsed).map(|s| s.id.clone()) } else { None };
    let retry = match class {
        Class::C2xx => RetryAdvice::None,
        // Not retried: whatever answered is not Braze, and whether the request was acted on is unknown.
        Class::Invalid => RetryAdvice::None,
        _ if row.is_some_and(|r| r.retry == RetryKind::WaitForJob) => RetryAdvice::WaitForJob,
        // An endpoint's documented error that Braze says to try again (an "arbitrary error").
        Class::C4xx if row.is_some_and(|r| r.retry == RetryKind::Backoff) => {
            RetryAdvice::Backoff { schedule_seconds: policy.schedule_seconds() }
        }
        _ if status == 429 => RetryAdvice::WaitForReset { after_seconds: after_seconds(headers, now) },
        Class::C5xx => RetryAdvice::Backoff { schedule_seconds: policy.schedule_seconds() },
        _ => RetryAdvice::FixRequest,
    };

    Outcome {
        status,
        class,
        outcome,
        error,
        name,
        message: parsed.message,
        minor_errors: parsed.minor_errors,
        send_id: parsed.send_id,
        dispatch_id: parsed.dispatch_id,
        schedule_id: parsed.schedule_id,
        accepted,
        retry,
        rate_limit,
        shape,
        body_kind: parsed.kind,
        notice: parsed.notice,
        export_url: parsed.url,
        endpoint: key,
        kind: endpoint.map(|e| e.kind),
    }
}

/// The `error` id of a status outside 100–599 (DESIGN §3.1), one of the table's `[[answer]]` entries.
pub const INVALID_STATUS: &str = "invalid_status";

/// The brazen-named answer an outcome matched (`invalid_status`), which has no row in Braze's table.
pub fn answer(o: &Outcome) -> Option<&'static crate::catalog::AnswerRow> {
    o.error.as_deref().and_then(|id| crate::catalog::errors().answer(id))
}

/// The row of the error table an outcome matched.
pub fn row(o: &Outcome) -> Option<&'static ErrorRow> {
    o.error.as_deref().and_then(|id| crate::catalog::errors().row(id))
}

/// The non-fatal shape an outcome matched.
pub fn shape(o: &Outcome) -> Option<&'static Shape> {
    o.shape.as_deref().and_then(|id| crate::catalog::errors().shape(id))
}

/// Whether a row can answer `status`: the same code, or any 5XX for the row that says so.
fn status_fits(row: &ErrorRow, status: u16) -> bool {
    row.status == status || (row.any_5xx && Class::of(status) == Class::C5xx)
}

fn names(row: &ErrorRow, message: &str) -> bool {
    let m = message.trim();
    row.name.eq_ignore_ascii_case(m) || row.also_matches.iter().any(|a| a.trim().eq_ignore_ascii_case(m))
}

/// The row for a fatal answer: the first row whose name (or an alternative spelling) is the body's `message` and
/// whose status fits; failing that, the status's own row (the one named like the standard reason phrase, else the
/// first in table order), so a proxy's HTML page or an empty body still classifies.
///
/// With a known `endpoint`, its own documented rows come first: one whose wire name is the `message`, a top-level
/// `error`, or an `errors` item's id or message. Rows of other endpoints never match.
fn match_row<'t>(
    table: &'t ErrorTable,
    endpoint: Option<&str>,
    status: u16,
    parsed: &body::Parsed,
) -> Option<&'t ErrorRow> {
    if let Some(key) = endpoint {
        let words = || parsed.message.iter().chain(&parsed.wire_words);
        let own = |r: &&ErrorRow| status_fits(r, status) && r.endpoints.iter().any(|e| e == key);
        // An exact name beats a beginning: MULTI_LANGUAGE_NOT_ENABLED_ON_MESSAGE is not MULTI_LANGUAGE_NOT_ENABLED.
        let exact = words().find_map(|w| table.rows.iter().filter(own).find(|r| names(r, w)));
        if let Some(r) = exact.or_else(|| words().find_map(|w| table.rows.iter().filter(own).find(|r| begins(r, w)))) {
            return Some(r);
        }
    }
    let seed = || table.rows.iter().filter(|r| r.endpoints.is_empty());
    if let Some(m) = parsed.message.as_deref()
        && let Some(r) = seed().find(|r| status_fits(r, status) && names(r, m))
    {
        return Some(r);
    }
    let reason = reason_phrase(status);
    let mut fitting = seed().filter(|r| status_fits(r, status));
    let first = fitting.clone().next();
    fitting.find(|r| reason.is_some_and(|p| r.name.eq_ignore_ascii_case(p))).or(first)
}

/// Whether `word` begins with an endpoint row's name, for a documented message that goes on with the request's
/// own values ("The provided translations are missing 'id_1', …"): a long name, followed by a word boundary.
fn begins(row: &ErrorRow, word: &str) -> bool {
    let (w, name) = (word.trim(), row.name.as_str());
    name.len() >= 16
        && w.get(..name.len()).is_some_and(|head| head.eq_ignore_ascii_case(name))
        && w[name.len()..].chars().next().is_some_and(|c| !c.is_alphanumeric() && c != '_')
}

/// The standard reason phrase of the statuses Braze's table lists, used to pick a status's default row.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500..=599 => "Internal Server Error",
        _ => return None,
    })
}

/// The shape a 2XX body has: its `message` must equal the shape's, and among those the shape whose example has the
/// most of the body's top-level keys wins (so `errors` picks the minor-errors shape, `send_id` the tracked send).
/// Top-level keys of a success that describe the request's own processing rather than data asked for:
/// ids of what was sent, minor errors, and counts such as `attributes_processed` or `deleted`.
const ENVELOPE_KEYS: &[&str] = &["message", "errors", "send_id", "dispatch_id", "schedule_id", "deleted"];

fn match_shape<'t>(table: &'t ErrorTable, status: u16, parsed: &body::Parsed) -> Option<&'t Shape> {
    let message = parsed.message.as_deref()?.trim();
    // A success carrying anything else (`campaigns`, `data`, `users` …) answered a read: the delivery caveats of
    // the other shapes do not apply. Minor errors still take their own shape.
    let data = parsed.keys.iter().any(|k| !ENVELOPE_KEYS.contains(&k.as_str()) && !k.ends_with("_processed"));
    if data
        && parsed.minor_errors.is_empty()
        && message.eq_ignore_ascii_case("success")
        && let Some(s) = table.shape("data")
    {
        return Some(s);
    }
    table
        .shapes
        .iter()
        .filter(|s| s.message.eq_ignore_ascii_case(message))
        .map(|s| {
            let keys = body::example_keys(&s.example);
            let hits = keys.iter().filter(|k| parsed.keys.contains(k)).count();
            let misses = keys.len() - hits;
            (s, hits, misses, s.status == status)
        })
        // More matching keys first, then fewer keys the body lacks, then the shape's own status, then table order.
        .min_by_key(|(_, hits, misses, same_status)| (usize::MAX - hits, *misses, !same_status))
        .map(|(s, ..)| s)
}
