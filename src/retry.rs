//! Retry decisions: after each attempt, whether to try again and after how long — exponential backoff with full
//! jitter for 5XX and transient network failures, the rate-limit reset for 429 — and whether repeating a request
//! could do twice what it may already have done. Pure: the clock (`now`) and the random source are passed in.
//! Imports the domain below it (classify, exchange, catalog, [`crate::policy`]); never the client, the history or
//! a front end.

use std::time::Duration;

use rand::Rng;

use crate::i18n::Lang;

use crate::classify::{Class, Outcome};
use crate::exchange::{Exchange, NetworkErrorKind};
pub use crate::policy::{MAX_RETRIES, MIN_RESET_WAIT, RESET_MARGIN, RetryAdvice, RetryPolicy};

/// What the last attempt produced.
#[derive(Debug, Clone, Copy)]
pub enum Last<'a> {
    Response(&'a Outcome),
    Network(NetworkErrorKind),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Retry { after: Duration, why: String },
    Stop { why: String },
}

impl Decision {
    pub fn why(&self) -> &str {
        match self {
            Decision::Retry { why, .. } | Decision::Stop { why } => why,
        }
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
    decide_in(Lang::En, policy, attempts_made, last, retry_unsafe, now, rng)
}

/// [`decide`], with the reason (`why`) written in `lang`.
pub fn decide_in(
    lang: Lang,
    policy: &RetryPolicy,
    attempts_made: u32,
    last: Last<'_>,
    retry_unsafe: bool,
    now: jiff::Timestamp,
    rng: &mut impl Rng,
) -> Decision {
    let ko = lang == Lang::Ko;
    let say = |en: String, ko_text: String| if ko { ko_text } else { en };
    let stop = |why: String| Decision::Stop { why };
    enum Wait {
        Backoff,
        Reset(Option<i64>),
    }
    let (wait, reason) = match last {
        Last::Network(NetworkErrorKind::Cancelled) => return stop(say("cancelled".into(), "취소됨".into())),
        Last::Network(kind) if never_left(kind) => (
            Wait::Backoff,
            say(
                format!("{} (the request never left)", kind_str(kind)),
                format!("{} (요청이 나가지 않았음)", kind_str(kind)),
            ),
        ),
        Last::Network(kind) if !retry_unsafe => {
            return stop(say(
                format!(
                    "{}: the request may have reached Braze, and this endpoint is not safe to repeat (a message may \
                     already have gone out); not retrying unless retries are asked for",
                    kind_str(kind)
                ),
                format!(
                    "{}: 요청이 Braze에 닿았을 수 있고 이 엔드포인트는 반복해도 안전하지 않습니다(메시지가 이미 \
                     나갔을 수 있음). 재시도를 요청하지 않는 한 다시 보내지 않습니다",
                    kind_str(kind)
                ),
            ));
        }
        Last::Network(kind) => (Wait::Backoff, kind_str(kind).to_string()),
        Last::Response(o) if o.status == 429 => {
            let reset = o.rate_limit.reset.or_else(|| match o.retry {
                RetryAdvice::WaitForReset { after_seconds: Some(s) } => {
                    Some(now.as_second().saturating_add(i64::try_from(s).unwrap_or(i64::MAX)))
                }
                _ => None,
            });
            (Wait::Reset(reset), say("429 rate limited".into(), "429 속도 제한".into()))
        }
        Last::Response(o) if o.class == Class::Invalid => {
            // Not Braze's answer: repeating could act twice, and a broken gateway would answer the same.
            return stop(say(
                format!(
                    "{}: not an HTTP status, so not an answer from Braze; not retried, as whether the request was \
                     acted on is unknown",
                    o.status
                ),
                format!(
                    "{}: HTTP 상태 코드가 아니므로 Braze의 응답이 아닙니다. 요청이 처리되었는지 알 수 없어 재시도하지 \
                     않습니다",
                    o.status
                ),
            ));
        }
        Last::Response(o) if o.class == Class::C5xx && !retry_unsafe => {
            return stop(say(
                format!(
                    "{}: not retried because this endpoint is not idempotent and a 5XX may come after the message \
                     was already delivered; retry only if you accept a possible duplicate (--retries N)",
                    o.status
                ),
                format!(
                    "{}: 이 엔드포인트는 멱등이 아니고 5XX는 메시지가 이미 전달된 뒤에 올 수도 있어 재시도하지 \
                     않았습니다. 중복 발송을 감수할 때만 재시도하세요(--retries N)",
                    o.status
                ),
            ));
        }
        Last::Response(o) if o.class == Class::C5xx => {
            (Wait::Backoff, say(format!("{} server error", o.status), format!("{} 서버 오류", o.status)))
        }
        Last::Response(o) if o.accepted => {
            return stop(say(format!("{}: accepted", o.status), format!("{}: 수락됨", o.status)));
        }
        Last::Response(o) => {
            return stop(say(
                format!("{}: retrying the same request would fail the same way; fix it first", o.status),
                format!("{}: 같은 요청을 다시 보내도 똑같이 실패합니다. 먼저 요청을 고치세요", o.status),
            ));
        }
    };
    if attempts_made >= policy.attempt_limit() {
        return stop(say(
            format!("{reason}; gave up after {attempts_made} attempt(s)"),
            format!("{reason}; {attempts_made}번 시도 후 포기"),
        ));
    }
    match wait {
        Wait::Backoff => {
            let after = policy.backoff_delay(attempts_made.saturating_sub(1), rng);
            let secs = after.as_secs_f64();
            let why = say(
                format!("{reason}; retrying after backoff of {secs:.1} s"),
                format!("{reason}; 백오프 {secs:.1}초 뒤 재시도"),
            );
            Decision::Retry { after, why }
        }
        Wait::Reset(Some(reset)) if reset.saturating_sub(now.as_second()) > policy.max_reset_wait.as_secs() as i64 => {
            // Waiting only up to the cap would just earn another 429: say when the window opens instead.
            let (left, cap) = (reset.saturating_sub(now.as_second()), policy.max_reset_wait.as_secs());
            stop(say(
                format!(
                    "{reason}; the rate-limit window resets in {left} s, longer than the {cap} s we are willing to wait"
                ),
                format!("{reason}; 속도 제한 창이 {left}초 뒤에 초기화되어 기다릴 수 있는 {cap}초보다 깁니다"),
            ))
        }
        Wait::Reset(reset) => {
            let after = policy.reset_wait(reset, now);
            let secs = after.as_secs_f64();
            let why = match (reset.is_some(), ko) {
                (true, false) => format!("{reason}; waiting {secs:.1} s for the rate-limit reset"),
                (false, false) => format!("{reason}; waiting {secs:.1} s for an unknown reset (no header)"),
                (true, true) => format!("{reason}; 속도 제한 초기화까지 {secs:.1}초 대기"),
                (false, true) => format!("{reason}; 초기화 시각을 모름(헤더 없음), {secs:.1}초 대기"),
            };
            Decision::Retry { after, why }
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
    let last = match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => Last::Response(o),
        (None, Some(f)) => Last::Network(f.kind),
        (None, None) => return false,
    };
    !idempotent && may_have_acted(last)
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

fn kind_str(kind: NetworkErrorKind) -> &'static str {
    match kind {
        NetworkErrorKind::ConnectionRefused => "connection refused",
        NetworkErrorKind::Dns => "DNS lookup failed",
        NetworkErrorKind::ConnectTimeout => "connect timed out",
        NetworkErrorKind::ReadTimeout => "no answer in time (read timeout)",
        NetworkErrorKind::ConnectionReset => "connection reset",
        NetworkErrorKind::Tls => "TLS handshake failed",
        NetworkErrorKind::InvalidHttp => "invalid HTTP answer",
        NetworkErrorKind::Cancelled => "cancelled",
        NetworkErrorKind::Other => "network failure",
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::classify;

    fn now() -> jiff::Timestamp {
        "2025-03-01T12:00:00Z".parse().unwrap()
    }

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Outcome {
        let headers: Vec<(String, String)> = headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        classify::outcome(status, &headers, body.as_bytes(), now())
    }

    #[test]
    fn defaults_match_the_documented_policy() {
        let p = RetryPolicy::default();
        assert_eq!((p.base, p.cap, p.max_attempts, p.max_reset_wait), (secs(1.0), secs(30.0), 4, secs(60.0)));
        assert_eq!(RetryPolicy::with_retries(2).max_attempts, 3);
    }

    #[test]
    fn the_schedule_doubles_then_caps() {
        assert_eq!(RetryPolicy::default().nominal_schedule(), vec![secs(1.0), secs(2.0), secs(4.0)]);
        let p = RetryPolicy { max_attempts: 8, ..RetryPolicy::default() };
        let s: Vec<f64> = p.nominal_schedule().iter().map(Duration::as_secs_f64).collect();
        assert_eq!(s, vec![1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]);
        assert_eq!(p.ceiling(40), p.cap, "no overflow for a huge index");
        assert_eq!(p.ceiling(u32::MAX), p.cap);
        assert!(RetryPolicy { max_attempts: 1, ..p }.nominal_schedule().is_empty());
        assert!(RetryPolicy { max_attempts: 0, ..p }.nominal_schedule().is_empty());
    }

    #[test]
    fn retries_are_capped_so_nothing_grows_with_a_huge_count() {
        let max = MAX_RETRIES as usize;
        assert_eq!(RetryPolicy::with_retries(u32::MAX).max_attempts, MAX_RETRIES + 1);
        assert_eq!(RetryPolicy::with_retries(MAX_RETRIES).nominal_schedule().len(), max);
        // A policy built by hand with a huge count is bounded too (this once allocated 4 G entries).
        let huge = RetryPolicy { max_attempts: u32::MAX, ..RetryPolicy::default() };
        assert_eq!(huge.attempt_limit(), MAX_RETRIES + 1);
        assert_eq!(huge.schedule_seconds().len(), max);
        assert_eq!(huge.schedule_seconds()[..6], [1.0, 2.0, 4.0, 8.0, 16.0, 30.0]);
        let o = response(503, &[], "");
        let d = decide(&huge, MAX_RETRIES + 1, Last::Response(&o), true, now(), &mut StdRng::seed_from_u64(1));
        assert!(!d.is_retry(), "{d:?}");
    }

    #[test]
    fn full_jitter_stays_within_the_ceiling_and_spreads() {
        let p = RetryPolicy::default();
        let mut rng = StdRng::seed_from_u64(7);
        for i in 0..8 {
            let ceiling = p.ceiling(i);
            let draws: Vec<Duration> = (0..2000).map(|_| p.backoff_delay(i, &mut rng)).collect();
            assert!(draws.iter().all(|d| *d <= ceiling), "retry {i}");
            // Uniform over [0, ceiling]: both halves are visited.
            assert!(draws.iter().any(|d| *d < ceiling / 4), "retry {i}");
            assert!(draws.iter().any(|d| *d > ceiling * 3 / 4), "retry {i}");
        }
        let again: Vec<Duration> = {
            let mut a = StdRng::seed_from_u64(42);
            (0..5).map(|i| p.backoff_delay(i, &mut a)).collect()
        };
        let mut b = StdRng::seed_from_u64(42);
        assert_eq!(again, (0..5).map(|i| p.backoff_delay(i, &mut b)).collect::<Vec<_>>(), "seeded → reproducible");
        let zero = RetryPolicy { base: Duration::ZERO, ..p };
        assert_eq!(zero.backoff_delay(3, &mut b), Duration::ZERO);
    }

    #[test]
    fn reset_wait_runs_to_the_reset_with_a_margin_and_a_cap() {
        let p = RetryPolicy::default();
        let t = now().as_second();
        assert_eq!(p.reset_wait(Some(t + 12), now()), secs(12.0) + RESET_MARGIN);
        assert_eq!(p.reset_wait(Some(t + 3600), now()), p.max_reset_wait);
        assert_eq!(p.reset_wait(Some(t - 5), now()), MIN_RESET_WAIT.max(RESET_MARGIN), "a past reset never spins");
        assert_eq!(p.reset_wait(Some(i64::MIN), now()), MIN_RESET_WAIT.max(RESET_MARGIN));
        assert_eq!(p.reset_wait(Some(i64::MAX), now()), p.max_reset_wait);
        assert_eq!(p.reset_wait(None, now()), p.cap.min(p.max_reset_wait));
        let tight = RetryPolicy { max_reset_wait: Duration::ZERO, ..p };
        assert_eq!(tight.reset_wait(Some(t + 12), now()), MIN_RESET_WAIT);
        let half = now().checked_add(jiff::SignedDuration::from_millis(500)).unwrap();
        assert_eq!(p.reset_wait(Some(t + 2), half), secs(1.5) + RESET_MARGIN);
    }

    fn decide1(attempts: u32, last: Last<'_>, retry_unsafe: bool) -> Decision {
        decide(&RetryPolicy::default(), attempts, last, retry_unsafe, now(), &mut StdRng::seed_from_u64(1))
    }

    #[test]
    fn successes_and_client_errors_stop() {
        for (status, body) in
            [(201, r#"{"message":"success"}"#), (400, r#"{"message":"No Recipients"}"#), (401, ""), (404, "")]
        {
            let o = response(status, &[], body);
            for unsafe_ok in [false, true] {
                assert!(matches!(decide1(1, Last::Response(&o), unsafe_ok), Decision::Stop { .. }), "{status}");
            }
        }
    }

    #[test]
    fn reasons_follow_the_language_and_the_decision_does_not() {
        let o = response(503, &[], r#"{"message":"Service Unavailable"}"#);
        let en = decide(&RetryPolicy::default(), 1, Last::Response(&o), true, now(), &mut StdRng::seed_from_u64(7));
        let ko = decide_in(
            Lang::Ko,
            &RetryPolicy::default(),
            1,
            Last::Response(&o),
            true,
            now(),
            &mut StdRng::seed_from_u64(7),
        );
        match (&en, &ko) {
            (Decision::Retry { after: a, why: we }, Decision::Retry { after: b, why: wk }) => {
                assert_eq!(a, b);
                assert!(we.contains("backoff"), "{we}");
                assert!(wk.contains("백오프"), "{wk}");
            }
            d => panic!("{d:?}"),
        }
        let held = decide_in(
            Lang::Ko,
            &RetryPolicy::default(),
            1,
            Last::Response(&o),
            false,
            now(),
            &mut StdRng::seed_from_u64(7),
        );
        assert!(
            matches!(&held, Decision::Stop { why } if why.contains("--retries N") && why.contains("멱등")),
            "{held:?}"
        );
    }

    #[test]
    fn rate_limited_with_a_distant_reset_stops_and_says_when() {
        let reset = (now().as_second() + 3600).to_string();
        let o = response(429, &[("X-RateLimit-Reset", &reset)], r#"{"message":"Rate Limited"}"#);
        match decide1(1, Last::Response(&o), true) {
            Decision::Stop { why } => assert!(why.contains("3600 s"), "{why}"),
            d => panic!("{d:?}"),
        }
    }

    #[test]
    fn rate_limited_waits_for_the_reset() {
        let reset = (now().as_second() + 12).to_string();
        let o = response(429, &[("X-RateLimit-Reset", &reset)], r#"{"message":"Rate Limited"}"#);
        for unsafe_ok in [false, true] {
            match decide1(1, Last::Response(&o), unsafe_ok) {
                Decision::Retry { after, why } => {
                    assert_eq!(after, secs(12.0) + RESET_MARGIN);
                    assert!(why.contains("429"), "{why}");
                }
                d => panic!("{d:?}"),
            }
        }
        let only_retry_after = response(429, &[("retry-after", "5")], "");
        let d = decide1(1, Last::Response(&only_retry_after), false);
        assert!(matches!(d, Decision::Retry { after, .. } if after == secs(5.0) + RESET_MARGIN), "{d:?}");
        let unknown = response(429, &[], "");
        let d = decide1(2, Last::Response(&unknown), false);
        assert!(matches!(d, Decision::Retry { after, .. } if after == RetryPolicy::default().cap), "{d:?}");
        assert!(!decide1(4, Last::Response(&o), true).is_retry(), "attempts exhausted");
    }

    #[test]
    fn server_errors_retry_only_when_repeating_is_acceptable() {
        let o = response(503, &[], "<html>503</html>");
        let p = RetryPolicy::default();
        for attempts in 1..4 {
            match decide1(attempts, Last::Response(&o), true) {
                Decision::Retry { after, .. } => assert!(after <= p.ceiling(attempts - 1), "attempt {attempts}"),
                d => panic!("{d:?}"),
            }
        }
        let stop = decide1(1, Last::Response(&o), false);
        assert!(!stop.is_retry());
        assert!(stop.why().contains("idempotent") && stop.why().contains("delivered"), "{}", stop.why());
        assert!(!decide1(4, Last::Response(&o), true).is_retry());
        assert!(decide1(4, Last::Response(&o), true).why().contains("4 attempt"));
    }

    #[test]
    fn a_status_outside_http_is_never_retried() {
        for status in [600, 999, 1000, u16::MAX] {
            let o = response(status, &[], r#"{"message":"Internal Server Error"}"#);
            for unsafe_ok in [false, true] {
                let d = decide1(1, Last::Response(&o), unsafe_ok);
                assert!(!d.is_retry(), "{status}: {d:?}");
                assert!(d.why().contains("not an HTTP status"), "{}", d.why());
            }
        }
    }

    #[test]
    fn network_failures_before_sending_always_retry() {
        use NetworkErrorKind::*;
        for kind in [ConnectionRefused, Dns, ConnectTimeout, Tls] {
            for unsafe_ok in [false, true] {
                let d = decide1(1, Last::Network(kind), unsafe_ok);
                assert!(matches!(d, Decision::Retry { after, .. } if after <= RetryPolicy::default().base), "{kind:?}");
            }
            assert!(!decide1(4, Last::Network(kind), true).is_retry(), "{kind:?} exhausted");
        }
    }

    #[test]
    fn network_failures_after_sending_are_like_a_5xx() {
        use NetworkErrorKind::*;
        for kind in [ReadTimeout, ConnectionReset, InvalidHttp, Other] {
            assert!(!decide1(1, Last::Network(kind), false).is_retry(), "{kind:?}");
            assert!(decide1(1, Last::Network(kind), true).is_retry(), "{kind:?}");
        }
    }

    #[test]
    fn cancelled_always_stops() {
        for attempts in [0, 1] {
            let d = decide1(attempts, Last::Network(NetworkErrorKind::Cancelled), true);
            assert_eq!(d, Decision::Stop { why: "cancelled".into() });
        }
    }

    #[test]
    fn advice_serialises_to_the_contract() {
        let v = serde_json::to_value(RetryAdvice::WaitForReset { after_seconds: None }).unwrap();
        assert_eq!(v, serde_json::json!({"advice": "wait_for_reset"}));
        let v = serde_json::to_value(RetryAdvice::None).unwrap();
        assert_eq!(v, serde_json::json!({"advice": "none"}));
    }

    #[test]
    fn may_have_acted_is_what_decide_holds_back_without_permission() {
        use NetworkErrorKind as K;
        let kinds = [
            K::ConnectionRefused,
            K::Dns,
            K::ConnectTimeout,
            K::Tls,
            K::ReadTimeout,
            K::ConnectionReset,
            K::InvalidHttp,
            K::Cancelled,
            K::Other,
        ];
        let responses: Vec<Outcome> = [200, 201, 400, 401, 429, 500, 502, 503, 504, 600, 999]
            .iter()
            .map(|s| response(*s, &[], r#"{"message":"x"}"#))
            .collect();
        let lasts: Vec<Last<'_>> =
            kinds.into_iter().map(Last::Network).chain(responses.iter().map(Last::Response)).collect();
        for last in lasts {
            let strict = decide1(1, last, false).is_retry();
            let lenient = decide1(1, last, true).is_retry();
            assert_eq!(may_have_acted(last), !strict && lenient, "{last:?}");
        }
    }
}
