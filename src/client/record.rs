//! The exchange a send fills in: started from the request as it goes out (key redacted, a long body cut after a
//! whole-body scrub), a response body turned into text, and the scrub before the record leaves the client.

use super::auth::Auth;
use super::engine::Target;
use crate::exchange::{Attempt, Exchange, NetworkErrorKind, NetworkFailure, REDACTED_KEY, RequestRecord, Timings};
use crate::request::PreparedRequest;
use crate::scrub::Secrets;

/// brazen's `User-Agent`.
pub(super) const UA: &str = concat!("brazen/", env!("CARGO_PKG_VERSION"));

/// The record of `req` going to `url` at `now` with `auth`, before any attempt. The `X-Request-Origin` brazen adds
/// to a SCIM request is recorded with the rest: it is what was sent, and a replay sends it again.
pub(super) fn start(
    target: &Target,
    req: &PreparedRequest,
    url: &str,
    auth: Auth<'_>,
    now: jiff::Timestamp,
    max_body: u64,
) -> Exchange {
    let mut exchange = record(target, req, url, now);
    if let Some(origin) = auth.origin {
        exchange.request.headers.push((crate::config::REQUEST_ORIGIN_HEADER.to_string(), origin.to_string()));
    }
    // History keeps a request body up to max_body_bytes, as it does a response body. A longer one is scrubbed whole
    // before the cut: a cut could split a key, or break the JSON whose `api_key` the scrubber finds, and the scrub
    // after the send would then miss it.
    if exchange.request.body.len() as u64 > max_body {
        let mut secrets = target.secrets();
        secrets.extend(&Secrets::of(req.secrets.values()));
        exchange = scrub_sent(exchange, &secrets);
        exchange.request.keep_body_within(max_body);
    }
    exchange
}

/// The record of `req`, which was not sent because `why` (its credential is missing): one attempt that failed
/// before connecting, so every list and export says what happened.
pub(super) fn not_sent(target: &Target, req: &PreparedRequest, url: &str, now: jiff::Timestamp, why: &str) -> Exchange {
    let mut exchange = record(target, req, url, now);
    exchange.attempts.push(Attempt {
        number: 1,
        started_at: now,
        waited_ms: 0,
        response: None,
        failure: Some(NetworkFailure { kind: NetworkErrorKind::Other, detail: why.to_string(), status: None }),
        timings: Timings::default(),
    });
    exchange
}

/// The request part of a record, with brazen's own headers (the credential redacted) before the request's.
fn record(target: &Target, req: &PreparedRequest, url: &str, now: jiff::Timestamp) -> Exchange {
    let mut exchange = Exchange {
        id: None,
        time: now,
        environment: target.environment.clone(),
        request: RequestRecord {
            method: req.method.clone(),
            endpoint: req.endpoint.clone(),
            url: url.to_string(),
            headers: [
                ("authorization".to_string(), format!("Bearer {REDACTED_KEY}")),
                ("content-type".into(), "application/json".into()),
                ("user-agent".into(), UA.into()),
            ]
            .into_iter()
            .chain(req.extra_headers.iter().cloned())
            .collect(),
            body: req.body.clone().unwrap_or_default(),
            body_truncated: false,
        },
        attempts: Vec::new(),
        outcome: None,
        replay_of: None,
        saved_request: None,
        secret_variables: Vec::new(),
    };
    // A saved request's secret variables: their references, never their values (a replay resolves them again).
    if !req.secrets.is_empty() {
        crate::request::vars::conceal(&mut exchange.request, &req.secrets.0);
        exchange.secret_variables = req.secrets.names();
    }
    exchange
}

/// The body as text; a cut body loses the incomplete character at its end rather than showing U+FFFD.
pub(super) fn text_of(mut bytes: Vec<u8>, truncated: bool) -> String {
    if truncated
        && let Err(e) = std::str::from_utf8(&bytes)
        && e.error_len().is_none()
    {
        bytes.truncate(e.valid_up_to());
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The exchange as it may leave the engine: the target's credentials (the key and the SCIM token, whichever was
/// sent: a server may echo either), and every credential the record carries, removed from every field (in any
/// encoding a server echoed it in).
pub(super) fn scrub_sent(exchange: Exchange, secrets: &Secrets) -> Exchange {
    // Scrubbing goes through the record's JSON, which does not carry what the catalog knows: fill it in again.
    crate::scrub::exchange(&exchange, secrets).into_inner().with_catalog()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_multibyte_character_is_dropped_not_replaced() {
        let mut b = "가나".as_bytes().to_vec();
        b.truncate(4);
        assert_eq!(text_of(b.clone(), true), "가");
        assert_eq!(text_of(b, false), "가\u{fffd}");
    }
}
