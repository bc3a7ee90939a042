//! Retry decisions: after each attempt, whether to try again and after how long — exponential backoff with full
//! jitter for 5XX and transient network failures, the rate-limit reset for 429 — and whether repeating a request
//! could do twice what it may already have done. Pure: the clock (`now`) and the random source are passed in.
//! Imports the domain below it (classify, exchange, catalog, [`crate::policy`]); never the client, the history or
//! a front end.

use std::time::Duration;

use rand::Rng;

use crate::i18n::{Lang, Table as _};

use crate::classify::{Class, Outcome};
use crate::exchange::{Exchange, NetworkErrorKind};
pub use crate::policy::{MAX_RETRIES, MIN_RESET_WAIT, RESET_MARGIN, RetryAdvice, RetryPolicy};

/// What the last attempt produced.
#[derive(Debug, Clone, Copy)]
pub enum Last<'a> {
    Response(&'a Outcome),
    Network(NetworkErrorKind),
}

crate::table! {
    /// The sentences of retry decisions: what the last attempt produced, then how the loop goes on or ends.
    pub struct RetryText {
        cancelled: "cancelled" / "취소됨",
        never_left: "{kind} (the request never left)" / "{kind} (요청이 나가지 않았음)",
        may_have_reached: "{kind}: the request may have reached Braze, and this endpoint is not safe to repeat (a \
                           message may already have gone out); not retrying unless retries are asked for"
            / "{kind}: 요청이 Braze에 닿았을 수 있고 이 엔드포인트는 반복해도 안전하지 않습니다(메시지가 이미 나갔을 수 \
               있음). 재시도를 요청하지 않는 한 다시 보내지 않습니다",
        network: "{kind}" / "{kind}",
        rate_limited: "429 rate limited" / "429 속도 제한",
        not_http: "{status}: not an HTTP status, so not an answer from Braze; not retried, as whether the request was \
                   acted on is unknown"
            / "{status}: HTTP 상태 코드가 아니므로 Braze의 응답이 아닙니다. 요청이 처리되었는지 알 수 없어 재시도하지 \
               않습니다",
        server_error_held: "{status}: not retried because this endpoint is not idempotent and a 5XX may come after \
                            the message was already delivered; retry only if you accept a possible duplicate \
                            (--retries N)"
            / "{status}: 이 엔드포인트는 멱등이 아니고 5XX는 메시지가 이미 전달된 뒤에 올 수도 있어 재시도하지 \
               않았습니다. 중복 발송을 감수할 때만 재시도하세요(--retries N)",
        server_error: "{status} server error" / "{status} 서버 오류",
        accepted: "{status}: accepted" / "{status}: 수락됨",
        fix_first: "{status}: retrying the same request would fail the same way; fix it first"
            / "{status}: 같은 요청을 다시 보내도 똑같이 실패합니다. 먼저 요청을 고치세요",
        gave_up: "{cause}; gave up after {attempts} attempt(s)" / "{cause}; {attempts}번 시도 후 포기",
        backoff: "{cause}; retrying after backoff of {secs} s" / "{cause}; 백오프 {secs}초 뒤 재시도",
        too_far: "{cause}; the rate-limit window resets in {left} s, longer than the {cap} s we are willing to wait"
            / "{cause}; 속도 제한 창이 {left}초 뒤에 초기화되어 기다릴 수 있는 {cap}초보다 깁니다",
        reset_known: "{cause}; waiting {secs} s for the rate-limit reset" / "{cause}; 속도 제한 초기화까지 {secs}초 대기",
        reset_unknown: "{cause}; waiting {secs} s for an unknown reset (no header)"
            / "{cause}; 초기화 시각을 모름(헤더 없음), {secs}초 대기",
    }
}

/// What the last attempt produced, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// The user cancelled.
    Cancelled,
    /// A network failure before any byte of the request left.
    NeverLeft(NetworkErrorKind),
    /// A network failure after the request may have reached Braze, on an endpoint not safe to repeat.
    MayHaveReached(NetworkErrorKind),
    /// A network failure that may be repeated.
    Network(NetworkErrorKind),
    RateLimited,
    /// A status outside 100–599: not Braze's answer.
    NotHttp(u16),
    /// A 5XX on an endpoint not safe to repeat.
    ServerErrorHeld(u16),
    ServerError(u16),
    Accepted(u16),
    /// A 4XX other than 429: the same request fails the same way.
    FixFirst(u16),
}

/// Why a decision was taken: the cause, and how the loop goes on or ends. Front ends render it in their language
/// ([`Reason::sentence`]) or read it (the wait, the cap) instead of parsing a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// The cause alone ends it.
    Final(Cause),
    /// Every attempt the policy allows was made.
    GaveUp { cause: Cause, attempts: u32 },
    /// The rate-limit window opens later than the policy is willing to wait.
    ResetTooFar { cause: Cause, left_secs: i64, cap_secs: u64 },
    /// Retrying after a backoff of `after`.
    Backoff { cause: Cause, after: Duration },
    /// Retrying after `after`, the wait for the rate-limit reset (`known`: a header said when).
    Reset { cause: Cause, after: Duration, known: bool },
}

impl Cause {
    fn sentence(self, lang: Lang) -> String {
        let t = RetryText::get(lang);
        let kind = |template: &str, k: NetworkErrorKind| crate::i18n::fill(template, &[("kind", &kind_str(k))]);
        let status = |template: &str, s: u16| crate::i18n::fill(template, &[("status", &s)]);
        match self {
            Cause::Cancelled => t.cancelled.to_string(),
            Cause::NeverLeft(k) => kind(t.never_left, k),
            Cause::MayHaveReached(k) => kind(t.may_have_reached, k),
            Cause::Network(k) => kind(t.network, k),
            Cause::RateLimited => t.rate_limited.to_string(),
            Cause::NotHttp(s) => status(t.not_http, s),
            Cause::ServerErrorHeld(s) => status(t.server_error_held, s),
            Cause::ServerError(s) => status(t.server_error, s),
            Cause::Accepted(s) => status(t.accepted, s),
            Cause::FixFirst(s) => status(t.fix_first, s),
        }
    }
}

impl Reason {
    /// The reason as a sentence in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        use crate::i18n::fill;
        let t = RetryText::get(lang);
        let secs = |d: &Duration| format!("{:.1}", d.as_secs_f64());
        match self {
            Reason::Final(cause) => cause.sentence(lang),
            Reason::GaveUp { cause, attempts } => {
                fill(t.gave_up, &[("cause", &cause.sentence(lang)), ("attempts", attempts)])
            }
            Reason::ResetTooFar { cause, left_secs, cap_secs } => {
                fill(t.too_far, &[("cause", &cause.sentence(lang)), ("left", left_secs), ("cap", cap_secs)])
            }
            Reason::Backoff { cause, after } => {
                fill(t.backoff, &[("cause", &cause.sentence(lang)), ("secs", &secs(after))])
            }
            Reason::Reset { cause, after, known } => {
                let template = if *known { t.reset_known } else { t.reset_unknown };
                fill(template, &[("cause", &cause.sentence(lang)), ("secs", &secs(after))])
            }
        }
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
        let d = decide(&RetryPolicy::default(), 1, Last::Response(&o), true, now(), &mut StdRng::seed_from_u64(7));
        match &d {
            Decision::Retry { after, reason } => {
                assert_eq!(reason, &Reason::Backoff { cause: Cause::ServerError(503), after: *after });
                assert!(reason.sentence(Lang::En).contains("backoff"), "{d:?}");
                assert!(reason.sentence(Lang::Ko).contains("백오프"), "{d:?}");
            }
            d => panic!("{d:?}"),
        }
        let held = decide(&RetryPolicy::default(), 1, Last::Response(&o), false, now(), &mut StdRng::seed_from_u64(7));
        let why = held.reason().sentence(Lang::Ko);
        assert!(!held.is_retry() && why.contains("--retries N") && why.contains("멱등"), "{held:?}");
    }

    #[test]
    fn the_retry_table_is_complete() {
        assert!(crate::i18n::check::<RetryText>().is_empty());
    }

    #[test]
    fn rate_limited_with_a_distant_reset_stops_and_says_when() {
        let reset = (now().as_second() + 3600).to_string();
        let o = response(429, &[("X-RateLimit-Reset", &reset)], r#"{"message":"Rate Limited"}"#);
        match decide1(1, Last::Response(&o), true) {
            Decision::Stop { reason: reason @ Reason::ResetTooFar { left_secs: 3600, cap_secs: 60, .. } } => {
                assert!(reason.sentence(Lang::En).contains("3600 s"), "{reason:?}")
            }
            d => panic!("{d:?}"),
        }
    }

    #[test]
    fn rate_limited_waits_for_the_reset() {
        let reset = (now().as_second() + 12).to_string();
        let o = response(429, &[("X-RateLimit-Reset", &reset)], r#"{"message":"Rate Limited"}"#);
        for unsafe_ok in [false, true] {
            match decide1(1, Last::Response(&o), unsafe_ok) {
                Decision::Retry { after, reason } => {
                    assert_eq!(after, secs(12.0) + RESET_MARGIN);
                    assert!(reason.sentence(Lang::En).contains("429"), "{reason:?}");
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
            assert_eq!(d, Decision::Stop { reason: Reason::Final(Cause::Cancelled) });
            assert_eq!(d.why(), "cancelled");
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
