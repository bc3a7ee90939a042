//! The exchange a send fills in: started from the request as it goes out (key redacted, a long body cut after a
//! whole-body scrub), a response body turned into text, and the scrub before the record leaves the client.

use super::engine::Target;
use crate::exchange::{Exchange, REDACTED_KEY, RequestRecord};
use crate::request::PreparedRequest;

/// brazen's `User-Agent`.
pub(super) const UA: &str = concat!("brazen/", env!("CARGO_PKG_VERSION"));

/// The record of `req` going to `url` at `now`, before any attempt.
pub(super) fn start(
    target: &Target,
    req: &PreparedRequest,
    url: &str,
    now: jiff::Timestamp,
    max_body: u64,
) -> Exchange {
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
    };
    // History keeps a request body up to max_body_bytes, as it does a response body. A longer one is scrubbed whole
    // before the cut: a cut could split a key, or break the JSON whose `api_key` the scrubber finds, and the scrub
    // after the send would then miss it.
    if exchange.request.body.len() as u64 > max_body {
        exchange = scrub_sent(exchange, target.key.expose());
        exchange.request.keep_body_within(max_body);
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

/// The exchange as it may leave the engine: the key it sent, and every credential the record carries, removed
/// from every field (in any encoding a server echoed it in).
pub(super) fn scrub_sent(exchange: Exchange, key: &str) -> Exchange {
    // Scrubbing goes through the record's JSON, which does not carry what the catalog knows: fill it in again.
    crate::scrub::exchange(&exchange, &crate::scrub::Secrets::of([key])).into_inner().with_catalog()
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
