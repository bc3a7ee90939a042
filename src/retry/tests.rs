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

#[test]
fn a_cancelled_wait_says_which_attempt_it_stopped_before() {
    let stopped = Stopped::CancelledWaiting { after: secs(2.5), next_attempt: 3 };
    assert_eq!(stopped.sentence(Lang::En), "cancelled while waiting 2.5 s before attempt 3");
    assert_eq!(stopped.sentence(Lang::Ko), "시도 3 전 2.5초 대기 중 취소됨");
    let decided = Stopped::Decided(Reason::Final(Cause::Cancelled));
    assert_eq!(decided.sentence(Lang::En), "cancelled");
}
