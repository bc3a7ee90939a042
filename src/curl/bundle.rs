//! Bundles: one recorded exchange as a self-contained JSON file (`brazen history export ID --as bundle`), and the
//! check and reading of one (`brazen import bundle FILE`). The schema is documented in README.md, "Bundles
//! (shareable reproductions)"; tools outside brazen parse it, so a change of a field's meaning is a new
//! [`BUNDLE_VERSION`], and new fields may only be added.
//!
//! Never a secret: the exchange is scrubbed again on the way out (the history already stores it scrubbed), and
//! the history scrubs it again on the way in.

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::classify::Outcome;
use crate::classify::network::{self, Front};
use crate::exchange::{Attempt, Exchange, NetworkFailure, RequestRecord, ResponseRecord};
use crate::i18n::Lang;
use crate::retry::RetryAdvice;

/// The version of the bundle format this brazen writes and reads.
pub const BUNDLE_VERSION: u32 = 1;

/// More attempts than any retry policy makes: a bundle with more is refused.
const MAX_ATTEMPTS: usize = 1_000;

/// A bundle as written.
#[derive(Debug, Serialize)]
pub struct Bundle<'a> {
    pub bundle_version: u32,
    pub brazen_version: &'static str,
    pub exported_at: jiff::Timestamp,
    pub environment: &'a str,
    pub exchange_id: Option<i64>,
    pub time: jiff::Timestamp,
    pub saved_request: Option<&'a str>,
    pub request: &'a RequestRecord,
    pub secret_variables: &'a [String],
    pub response: Option<&'a ResponseRecord>,
    pub failure: Option<&'a NetworkFailure>,
    pub explanation: Explanation<'a>,
    pub timings: Totals,
    pub attempts: &'a [Attempt],
}

/// What the answer means, as `history show --format json` says it, and the whole classification.
#[derive(Debug, Serialize)]
pub struct Explanation<'a> {
    pub status: Option<u16>,
    #[serde(serialize_with = "crate::answer::contract_class")]
    pub class: Option<crate::answer::AnswerClass>,
    pub outcome: Option<crate::classify::OutcomeKind>,
    pub error: Option<String>,
    pub name: Option<String>,
    pub message: Option<&'a str>,
    pub minor_errors: &'a [String],
    pub accepted: Option<bool>,
    pub retry: Option<&'a RetryAdvice>,
    pub network: Option<crate::exchange::NetworkErrorKind>,
    pub text: String,
    pub classification: Option<&'a Outcome>,
}

#[derive(Debug, Serialize)]
pub struct Totals {
    pub duration_ms: f64,
    pub attempts: usize,
}

/// The human explanation of an exchange's last answer, as `history show` gives it.
pub fn explanation_text(ex: &Exchange, lang: Lang) -> String {
    match ex.answer() {
        Some(Answer::Response(o)) => crate::classify::explanation(o, lang),
        Some(Answer::Network(f)) => {
            format!("{}: {}", network::title(f.kind, lang), network::explain(f.kind, f.status, Front::Cli, lang))
        }
        None => String::new(),
    }
}

/// The bundle of a recorded exchange (scrubbed once more) as pretty JSON text.
pub fn export_bundle(ex: &Exchange, exported_at: jiff::Timestamp, lang: Lang) -> serde_json::Result<String> {
    let ex = crate::scrub::exchange(ex, &crate::scrub::Secrets::new());
    let last = ex.last_answer();
    let o = ex.outcome.as_ref();
    let bundle = Bundle {
        bundle_version: BUNDLE_VERSION,
        brazen_version: env!("CARGO_PKG_VERSION"),
        exported_at,
        environment: &ex.environment,
        exchange_id: ex.id,
        time: ex.time,
        saved_request: ex.saved_request.as_deref(),
        request: &ex.request,
        secret_variables: &ex.secret_variables,
        response: ex.final_response(),
        failure: ex.final_failure(),
        explanation: Explanation {
            status: last.status,
            class: last.class,
            outcome: last.outcome,
            error: last.error,
            name: last.name,
            message: o.and_then(|o| o.message.as_deref()),
            minor_errors: o.map_or(&[], |o| o.minor_errors.as_slice()),
            accepted: o.map(|o| o.accepted),
            retry: o.map(|o| &o.retry),
            network: last.network,
            text: explanation_text(&ex, lang),
            classification: o,
        },
        timings: Totals { duration_ms: ex.duration_ms(), attempts: ex.attempts.len() },
        attempts: &ex.attempts,
    };
    serde_json::to_string_pretty(&bundle)
}

/// Where a read bundle came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub environment: String,
    pub exchange_id: i64,
    pub exported_at: jiff::Timestamp,
    pub brazen_version: String,
}

/// Why a bundle was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BundleError(pub String);

/// The fields read back; everything else in the file (the explanation's summary, `timings`, `response`,
/// `failure`) is derived from these and ignored.
#[derive(Deserialize)]
struct BundleIn {
    brazen_version: String,
    exported_at: jiff::Timestamp,
    environment: String,
    exchange_id: i64,
    time: jiff::Timestamp,
    #[serde(default)]
    saved_request: Option<String>,
    request: RequestRecord,
    #[serde(default)]
    secret_variables: Vec<String>,
    explanation: ExplanationIn,
    attempts: Vec<Attempt>,
}

#[derive(Deserialize)]
struct ExplanationIn {
    classification: Option<Outcome>,
}

/// Reads and checks a bundle: its version, every required field, and that its parts agree (the classification
/// is of the last attempt's response; a network failure has none). Never panics, whatever the text.
pub fn read_bundle(text: &str) -> Result<(Exchange, Origin), BundleError> {
    let bad = |m: String| BundleError(m);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(format!("not a brazen bundle: not JSON ({e})")))?;
    let Some(obj) = value.as_object() else {
        return Err(bad("not a brazen bundle: the JSON is not an object".into()));
    };
    match obj.get("bundle_version") {
        None => return Err(bad("not a brazen bundle: it has no bundle_version".into())),
        Some(v) if v.as_u64() == Some(u64::from(BUNDLE_VERSION)) => {}
        Some(v) if v.as_u64().is_some_and(|n| n > u64::from(BUNDLE_VERSION)) => {
            return Err(bad(format!(
                "bundle_version {v} is newer than this brazen reads ({BUNDLE_VERSION}); upgrade brazen"
            )));
        }
        Some(v) => {
            return Err(bad(format!("bundle_version {v} is not a version this brazen reads ({BUNDLE_VERSION})")));
        }
    }
    let b: BundleIn = serde_json::from_value(value).map_err(|e| bad(format!("not a valid brazen bundle: {e}")))?;
    if b.exchange_id <= 0 {
        return Err(bad(format!("exchange_id must be a positive exchange number, not {}", b.exchange_id)));
    }
    let r = &b.request;
    if r.method.is_empty() || !r.method.bytes().all(|c| c.is_ascii_uppercase()) {
        return Err(bad(format!("request.method {:?} is not an HTTP method", r.method)));
    }
    if !r.endpoint.starts_with('/') {
        return Err(bad(format!("request.endpoint {:?} must start with /", r.endpoint)));
    }
    if !(r.url.starts_with("http://") || r.url.starts_with("https://")) {
        return Err(bad(format!("request.url {:?} is not an http(s) URL", r.url)));
    }
    if b.attempts.is_empty() || b.attempts.len() > MAX_ATTEMPTS {
        return Err(bad(format!("attempts must hold 1 to {MAX_ATTEMPTS} attempts, not {}", b.attempts.len())));
    }
    let last = &b.attempts[b.attempts.len() - 1];
    match (&last.response, &b.explanation.classification) {
        (Some(resp), Some(o)) if resp.status != o.status => {
            return Err(bad(format!(
                "explanation.classification is of a {} but the last attempt's response is a {}",
                o.status, resp.status
            )));
        }
        (Some(resp), None) => {
            return Err(bad(format!(
                "the last attempt has a {} response but explanation.classification is null",
                resp.status
            )));
        }
        (None, Some(_)) => {
            return Err(bad("explanation.classification is set but the last attempt has no response".into()));
        }
        (None, None) if last.failure.is_none() => {
            return Err(bad("the last attempt has neither a response nor a failure".into()));
        }
        _ => {}
    }
    let origin = Origin {
        environment: b.environment.clone(),
        exchange_id: b.exchange_id,
        exported_at: b.exported_at,
        brazen_version: b.brazen_version,
    };
    let ex = Exchange {
        id: None,
        time: b.time,
        environment: b.environment,
        request: b.request,
        attempts: b.attempts,
        outcome: b.explanation.classification,
        replay_of: None,
        saved_request: b.saved_request,
        secret_variables: b.secret_variables,
    };
    Ok((ex.with_catalog(), origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{NetworkErrorKind, Timings};

    fn recorded() -> Exchange {
        let outcome = crate::classify::outcome(
            400,
            &[("content-type".into(), "application/json".into())],
            br#"{"message":"No Recipients"}"#,
            jiff::Timestamp::UNIX_EPOCH,
        );
        Exchange {
            id: Some(7),
            time: jiff::Timestamp::UNIX_EPOCH,
            environment: "US-03".into(),
            request: RequestRecord {
                method: "POST".into(),
                endpoint: "/messages/send".into(),
                url: "https://rest.iad-03.braze.com/messages/send".into(),
                headers: vec![("Authorization".into(), "Bearer sk-live-SECRET-0123456789".into())],
                body: r#"{"messages":{}}"#.into(),
                body_truncated: false,
            },
            attempts: vec![Attempt {
                number: 1,
                started_at: jiff::Timestamp::UNIX_EPOCH,
                waited_ms: 0,
                response: Some(ResponseRecord {
                    status: 400,
                    headers: vec![("content-type".into(), "application/json".into())],
                    body: r#"{"message":"No Recipients"}"#.into(),
                    truncated: false,
                    body_bytes: 27,
                }),
                failure: None,
                timings: Timings { connect_ms: Some(1.0), first_byte_ms: Some(2.0), total_ms: 3.0 },
            }],
            outcome: Some(outcome),
            replay_of: Some(3),
            saved_request: Some("customer-a/welcome".into()),
            secret_variables: vec![],
        }
    }

    #[test]
    fn a_bundle_reads_back_as_the_exchange_without_the_key() {
        let at: jiff::Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        let text = export_bundle(&recorded(), at, Lang::En).unwrap();
        assert!(!text.contains("SECRET"), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["bundle_version"], 1);
        assert_eq!(v["exchange_id"], 7);
        assert_eq!(v["environment"], "US-03");
        assert_eq!(v["explanation"]["class"], "4XX");
        assert_eq!(v["explanation"]["error"], "no_recipients");
        assert_eq!(v["explanation"]["retry"]["advice"], "fix_request");
        assert_eq!(v["timings"]["attempts"], 1);
        assert_eq!(v["exported_at"], "2026-01-02T03:04:05Z");
        let (ex, origin) = read_bundle(&text).unwrap();
        assert_eq!(
            origin,
            Origin {
                environment: "US-03".into(),
                exchange_id: 7,
                exported_at: at,
                brazen_version: env!("CARGO_PKG_VERSION").into(),
            }
        );
        let want = recorded();
        assert_eq!(ex.outcome.as_ref().map(|o| &o.error), want.outcome.as_ref().map(|o| &o.error));
        assert_eq!(ex.attempts, want.attempts);
        assert_eq!(ex.replay_of, None);
        assert_eq!(ex.saved_request.as_deref(), Some("customer-a/welcome"));
        assert_eq!(ex.request.headers[0].1, "Bearer [REDACTED]");
    }

    #[test]
    fn a_network_failure_has_no_classification() {
        let mut ex = recorded();
        ex.outcome = None;
        ex.attempts[0].response = None;
        ex.attempts[0].failure =
            Some(NetworkFailure { kind: NetworkErrorKind::ConnectionRefused, detail: "refused".into(), status: None });
        let text = export_bundle(&ex, jiff::Timestamp::UNIX_EPOCH, Lang::En).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["explanation"]["network"], "connection_refused");
        assert!(v["explanation"]["classification"].is_null() && v["response"].is_null());
        assert!(read_bundle(&text).is_ok());
    }

    #[test]
    fn hostile_or_broken_bundles_are_refused_with_a_reason() {
        let good = export_bundle(&recorded(), jiff::Timestamp::UNIX_EPOCH, Lang::En).unwrap();
        let edit = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
            f(&mut v);
            read_bundle(&v.to_string()).unwrap_err().0
        };
        let deep = "[".repeat(100_000);
        for (text, says) in [
            ("", "not JSON"),
            ("nonsense", "not JSON"),
            ("[1]", "not an object"),
            ("{}", "no bundle_version"),
            (deep.as_str(), "not JSON"),
            (r#"{"bundle_version": "1"}"#, "not a version"),
            (r#"{"bundle_version": 2}"#, "newer than this brazen"),
            (r#"{"bundle_version": 1}"#, "missing field"),
        ] {
            let e = read_bundle(text).unwrap_err().0;
            assert!(e.contains(says), "{text:.20}: {e}");
        }
        assert!(edit(&|v| v["request"]["method"] = "post x".into()).contains("not an HTTP method"));
        assert!(edit(&|v| v["request"]["url"] = "file:///etc/passwd".into()).contains("not an http(s) URL"));
        assert!(edit(&|v| v["exchange_id"] = (-1).into()).contains("positive"));
        assert!(edit(&|v| v["attempts"] = serde_json::json!([])).contains("1 to 1000"));
        assert!(
            edit(&|v| v["attempts"][0]["response"]["status"] = 99_999.into()).contains("not a valid brazen bundle")
        );
        assert!(edit(&|v| v["attempts"][0]["response"]["status"] = 500.into()).contains("is of a 400"));
        assert!(edit(&|v| v["explanation"]["classification"] = serde_json::Value::Null).contains("is null"));
        assert!(edit(&|v| v["time"] = "yesterday".into()).contains("not a valid brazen bundle"));
    }
}
