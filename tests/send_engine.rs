//! The send engine against the in-process mock: every answer the mock can give, retries and waits on tokio's paused
//! clock, network faults, the history rows they leave, and the API key never being kept.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use brazen::classify::{BodyKind, Class, OutcomeKind};
use brazen::client::{
    CancellationToken, ClientSettings, PreparedRequest, Progress, SendPlan, Sender, Sent, Target, TokioClock,
};
use brazen::clock::ManualClock;
use brazen::config::ApiKey;
use brazen::exchange::{NetworkErrorKind, REDACTED_KEY};
use brazen::history::{Filter, Store};
use brazen::i18n::Lang;
use brazen::mock::{self, FaultRule, MockOptions, MockServer};
use brazen::retry::RetryPolicy;

const ALL: &str = "sandbox-all";
const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;
const IDENTIFY: &str =
    r#"{"aliases_to_identify": [{"external_id": "u1", "user_alias": {"alias_name": "a", "alias_label": "l"}}]}"#;

async fn mock_with(f: impl FnOnce(&mut MockOptions)) -> MockServer {
    let mut o = MockOptions::default();
    f(&mut o);
    mock::start(o).await.expect("mock starts")
}

async fn default_mock() -> MockServer {
    mock_with(|_| {}).await
}

/// A sender with real timeouts, for tests on the real clock.
fn sender() -> Sender {
    Sender::new(ClientSettings {
        connect_timeout: Some(Duration::from_secs(5)),
        timeout: Some(Duration::from_secs(10)),
        seed: Some(7),
        ..ClientSettings::default()
    })
    .unwrap()
}

/// A sender for the paused clock: no timers (a pending timeout or idle eviction would fire whenever the runtime
/// idles) and wall time following tokio's.
fn paused_sender(base: jiff::Timestamp) -> Sender {
    Sender::new(ClientSettings {
        connect_timeout: None,
        timeout: None,
        pool_idle_timeout: None,
        clock: Arc::new(TokioClock::starting_at(base)),
        seed: Some(7),
        ..ClientSettings::default()
    })
    .unwrap()
}

fn target(url: &str, key: &str) -> Target {
    Target::new("sandbox", url, ApiKey::new(key))
}

async fn send_with(s: &Sender, url: &str, key: &str, req: &PreparedRequest, plan: &SendPlan) -> Sent {
    s.send(&target(url, key), req, plan, None, &CancellationToken::new()).await
}

fn req(endpoint: &str, body: &str) -> PreparedRequest {
    PreparedRequest::new_or_raw(endpoint, body).unwrap()
}

fn t0() -> jiff::Timestamp {
    "2026-03-01T09:00:10Z".parse().unwrap()
}

#[tokio::test]
async fn a_valid_message_is_accepted_once_and_recorded_with_the_key_redacted() {
    let m = default_mock().await;
    let r = req("/messages/send", MESSAGE);
    let sent = send_with(&sender(), &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    let ex = &sent.exchange;
    let o = ex.outcome.as_ref().expect("an answer");
    assert_eq!((o.status, o.class, o.outcome), (201, Class::C2xx, OutcomeKind::Success));
    assert!(o.accepted);
    assert!(o.dispatch_id.is_some(), "messaging answers carry a dispatch_id");
    assert_eq!(ex.attempts.len(), 1);
    let a = &ex.attempts[0];
    assert_eq!(a.waited_ms, 0);
    assert!(a.timings.first_byte_ms.is_some());
    assert!(a.timings.connect_ms.is_some(), "a fresh client opens a connection and times it");
    assert!(a.timings.total_ms >= a.timings.first_byte_ms.unwrap());
    let resp = a.response.as_ref().unwrap();
    assert!(resp.headers.iter().all(|(k, _)| *k == k.to_ascii_lowercase()));
    assert!(resp.headers.iter().any(|(k, _)| k == "x-ratelimit-remaining"));
    assert!(!resp.truncated);
    assert_eq!(resp.body_bytes, resp.body.len() as u64);
    assert_eq!(ex.request.url, format!("{}/messages/send", m.url()));
    assert!(ex.request.headers.contains(&("authorization".into(), format!("Bearer {REDACTED_KEY}"))));
    assert!(ex.request.headers.contains(&("content-type".into(), "application/json".into())));
    assert_eq!(ex.request.body, MESSAGE);
    assert!(sent.stopped.unwrap().sentence(Lang::En).contains("accepted"));
    assert!(!sent.held_back && !sent.cancelled);
}

#[tokio::test]
async fn a_bad_attribute_object_is_a_minor_error_and_the_rest_succeeds() {
    let m = default_mock().await;
    let body = r#"{"attributes": [{"external_id": "u1", "first_name": "Ann"}, {"first_name": "nobody"}]}"#;
    let r = req("/users/track", body);
    let sent = send_with(&sender(), &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    let o = sent.exchange.outcome.unwrap();
    assert_eq!(o.class, Class::C2xx);
    assert_eq!(o.outcome, OutcomeKind::SuccessWithMinorErrors);
    assert!(o.accepted);
    assert!(!o.minor_errors.is_empty());
    assert!(o.minor_errors.iter().any(|e| e.contains("external_id")), "{:?}", o.minor_errors);
    assert_eq!(sent.exchange.attempts.len(), 1);
}

#[tokio::test]
async fn every_client_error_the_mock_answers_is_classified_and_not_retried() {
    let m = default_mock().await;
    let s = sender();
    let cases: &[(&str, &str, &str, u16, &str)] = &[
        ("/messages/send", "wrong-key", MESSAGE, 401, "unauthorized"),
        ("/messages/send", "\"sandbox-all\"", MESSAGE, 401, "unauthorized"),
        ("/messages/send", "sandbox-users-only", MESSAGE, 403, "access_denied"),
        ("/users/track", "sandbox-inactive", r#"{"attributes": [{"external_id": "u"}]}"#, 403, "forbidden"),
        ("POST /no/such/path", ALL, "{}", 404, "not_found"),
        ("/messages/send", ALL, r#"{"messages": {"apple_push": {"alert": "hi"}}}"#, 400, "no_recipients"),
        ("/messages/send", ALL, "{\"external_user_ids\": [\"u\"],", 400, "bad_request"),
        (
            "/campaigns/trigger/send",
            ALL,
            r#"{"campaign_id": "no-such-campaign", "recipients": [{"external_user_id": "u"}]}"#,
            400,
            "invalid_campaign_id",
        ),
        (
            "/messages/send",
            ALL,
            r#"{"campaign_id": "campaign-push", "external_user_ids": ["u"], "messages": {"apple_push": {"alert": "hi", "message_variation_id": "variation-email"}}}"#,
            400,
            "invalid_message_variant",
        ),
        (
            "/messages/send",
            ALL,
            r#"{"campaign_id": "campaign-push", "external_user_ids": ["u"], "messages": {"apple_push": {"alert": "hi", "message_variation_id": "variation-android"}}}"#,
            400,
            "mismatched_message_type",
        ),
    ];
    for (endpoint, key, body, status, error) in cases {
        let r = req(endpoint, body);
        let sent = send_with(&s, &m.url(), key, &r, &SendPlan::for_request(&r, Some(3))).await;
        let o = sent.exchange.outcome.as_ref().unwrap_or_else(|| panic!("{endpoint} {key}: no answer"));
        assert_eq!(o.status, *status, "{endpoint} {key} {body}");
        assert_eq!(o.error.as_deref(), Some(*error), "{endpoint} {key} {body}: {:?}", o.message);
        assert!(!o.accepted);
        // A 4XX is the request's fault: repeating it fails the same way, even with retries allowed.
        assert_eq!(sent.exchange.attempts.len(), 1, "{endpoint} {key}");
        assert!(!sent.held_back);
    }
}

#[tokio::test(start_paused = true)]
async fn a_429_waits_for_the_reset_on_the_paused_clock_then_succeeds() {
    let base = t0();
    let m = mock_with(|o| {
        o.rate_limit_per_minute = Some(1);
        // Wall time that follows tokio's clock: the server's rate-limit windows move with the client's waits.
        o.clock = Arc::new(TokioClock::starting_at(base));
    })
    .await;
    let s = paused_sender(base);
    let r = req("/users/identify", IDENTIFY);
    let plan = SendPlan::for_request(&r, None);
    let first = send_with(&s, &m.url(), ALL, &r, &plan).await;
    assert_eq!(first.exchange.outcome.as_ref().unwrap().class, Class::C2xx, "the window's one request");

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let sent = s.send(&target(&m.url(), ALL), &r, &plan, Some(&tx), &CancellationToken::new()).await;
    drop(tx);
    let ex = &sent.exchange;
    assert_eq!(ex.attempts.len(), 2, "{:#?}", ex.attempts);
    let limited = ex.attempts[0].response.as_ref().unwrap();
    assert_eq!(limited.status, 429);
    let reset: i64 = limited.headers.iter().find(|(k, _)| k == "x-ratelimit-reset").unwrap().1.parse().unwrap();
    // The mock's windows are aligned to the minute: 09:00:10 → reset at 09:01:00, 50 s away.
    assert_eq!(reset, t0().as_second() - 10 + 60);
    let expected = RetryPolicy::default().reset_wait(Some(reset), base);
    assert!(expected > Duration::from_secs(40), "a real wait, not the minimum: {expected:?}");
    assert_eq!(u128::from(ex.attempts[1].waited_ms), expected.as_millis());
    assert_eq!(ex.status(), Some(201), "after the reset the request goes through");
    assert_eq!(ex.outcome.as_ref().unwrap().class, Class::C2xx);
    // The second attempt started after the wait, on the same (paused) clock.
    let gap = ex.attempts[1].started_at.duration_since(ex.attempts[0].started_at);
    assert!(gap.as_millis() >= i128::try_from(expected.as_millis()).unwrap());

    let mut events = Vec::new();
    while let Some(p) = rx.recv().await {
        events.push(p);
    }
    let waiting: Vec<&Progress> = events.iter().filter(|p| matches!(p, Progress::Waiting { .. })).collect();
    assert_eq!(waiting.len(), 1);
    let Progress::Waiting { next_attempt, after, why, .. } = waiting[0] else { unreachable!() };
    assert_eq!((*next_attempt, *after), (2, expected));
    let why = why.sentence(Lang::En);
    assert!(why.contains("429"), "{why}");
    assert!(matches!(events.first(), Some(Progress::AttemptStarted { number: 1, .. })));
    assert!(matches!(events.last(), Some(Progress::AttemptFinished { number: 2, status: Some(201), .. })));
}

#[tokio::test(start_paused = true)]
async fn a_429_that_never_clears_gives_up_after_the_policy_s_attempts() {
    let base = t0();
    // The mock's clock stands still: every attempt lands in the same used-up window.
    let m = mock_with(|o| {
        o.rate_limit_per_minute = Some(1);
        o.clock = Arc::new(ManualClock::new(base));
    })
    .await;
    let s = paused_sender(base);
    let r = req("/users/identify", IDENTIFY);
    let plan = SendPlan::for_request(&r, None);
    send_with(&s, &m.url(), ALL, &r, &plan).await;
    let sent = send_with(&s, &m.url(), ALL, &r, &plan).await;
    let ex = &sent.exchange;
    assert_eq!(ex.attempts.len() as u32, RetryPolicy::default().max_attempts);
    assert!(ex.attempts.iter().all(|a| a.response.as_ref().unwrap().status == 429));
    // Each wait is for the reset as seen at that moment, never below the floor: no tight loop.
    for a in &ex.attempts[1..] {
        assert!(a.waited_ms >= 500, "{a:?}");
    }
    assert!(sent.stopped.unwrap().sentence(Lang::En).contains("gave up"));
}

#[tokio::test(start_paused = true)]
async fn a_503_then_success_is_retried_with_jittered_backoff() {
    let base = t0();
    let m = mock_with(|o| {
        o.fixtures.faults.push(FaultRule {
            path: Some("/users/identify".into()),
            next: Some(2),
            percent: None,
            answer: "503".parse().unwrap(),
        });
        o.clock = Arc::new(ManualClock::new(base));
    })
    .await;
    let s = paused_sender(base);
    let r = req("/users/identify", IDENTIFY);
    assert!(r.idempotent);
    let policy = RetryPolicy::default();
    let sent = send_with(&s, &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    let ex = &sent.exchange;
    let statuses: Vec<u16> = ex.attempts.iter().map(|a| a.response.as_ref().unwrap().status).collect();
    assert_eq!(statuses, [503, 503, 201]);
    assert_eq!(ex.attempts[0].waited_ms, 0);
    for (i, a) in ex.attempts[1..].iter().enumerate() {
        // Full jitter: anywhere from 0 to the ceiling of that retry.
        assert!(u128::from(a.waited_ms) <= policy.ceiling(i as u32).as_millis(), "{i}: {}", a.waited_ms);
    }
    assert_eq!(ex.outcome.as_ref().unwrap().outcome, OutcomeKind::Success);
}

#[tokio::test(start_paused = true)]
async fn a_5xx_on_a_messaging_endpoint_is_not_retried_unless_asked() {
    let m = default_mock().await;
    let s = paused_sender(t0());
    let r = req("/messages/send", MESSAGE).with_header("X-Brazen-Fault", "503").unwrap();
    assert!(!r.idempotent);
    let sent = send_with(&s, &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    assert_eq!(sent.exchange.attempts.len(), 1);
    assert_eq!(sent.exchange.status(), Some(503));
    assert!(sent.held_back, "an idempotent endpoint would have been retried");
    assert!(sent.stopped.unwrap().sentence(Lang::En).contains("idempotent"), "{:?}", sent.stopped);

    // --retries 2: the user accepts a possible duplicate.
    let sent = send_with(&s, &m.url(), ALL, &r, &SendPlan::for_request(&r, Some(2))).await;
    assert_eq!(sent.exchange.attempts.len(), 3);
    assert!(!sent.held_back);
    assert_eq!(sent.exchange.request.headers.last().unwrap(), &("x-brazen-fault".into(), "503".into()));
}

#[tokio::test]
async fn a_reset_mid_response_is_a_connection_reset_and_not_retried_on_messaging() {
    let m = default_mock().await;
    let r = req("/messages/send", MESSAGE).with_header("X-Brazen-Fault", "reset").unwrap();
    let sent = send_with(&sender(), &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    let ex = &sent.exchange;
    assert!(ex.outcome.is_none());
    let f = ex.final_failure().unwrap();
    assert_eq!(f.kind, NetworkErrorKind::ConnectionReset, "{}", f.detail);
    assert!(!f.detail.contains('\n'));
    assert_eq!(ex.attempts.len(), 1);
    assert!(sent.held_back, "the request may have been processed");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_as_a_read_timeout() {
    let m = default_mock().await;
    let s =
        Sender::new(ClientSettings { timeout: Some(Duration::from_millis(300)), ..ClientSettings::default() }).unwrap();
    let r = req("/messages/send", MESSAGE).with_header("X-Brazen-Fault", "timeout").unwrap();
    let sent = send_with(&s, &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    let f = sent.exchange.final_failure().unwrap();
    assert_eq!(f.kind, NetworkErrorKind::ReadTimeout, "{}", f.detail);
    assert_eq!(sent.exchange.attempts.len(), 1);
    assert!(sent.held_back);
}

#[tokio::test]
async fn a_proxy_html_502_is_an_http_answer_with_an_html_body() {
    let m = default_mock().await;
    let r = req("/users/identify", IDENTIFY).with_header("X-Brazen-Fault", "html-502").unwrap();
    let sent = send_with(&sender(), &m.url(), ALL, &r, &SendPlan::once()).await;
    let o = sent.exchange.outcome.unwrap();
    assert_eq!((o.status, o.class), (502, Class::C5xx));
    assert_eq!(o.body_kind, BodyKind::Html);
    assert_eq!(o.error.as_deref(), Some("internal_server_error"));
}

/// A port nobody listens on: bind, note the port, close.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[tokio::test(start_paused = true)]
async fn a_closed_port_is_connection_refused_and_retried_because_nothing_left() {
    let url = format!("http://127.0.0.1:{}", closed_port());
    let r = req("/messages/send", MESSAGE);
    let sent = send_with(&paused_sender(t0()), &url, ALL, &r, &SendPlan::for_request(&r, None)).await;
    let ex = &sent.exchange;
    assert!(ex.attempts.iter().all(|a| a.failure.as_ref().unwrap().kind == NetworkErrorKind::ConnectionRefused));
    // Even a messaging endpoint: a refused connection carried nothing.
    assert_eq!(ex.attempts.len() as u32, RetryPolicy::default().max_attempts);
    assert!(!sent.held_back);
}

#[tokio::test]
async fn an_unresolvable_host_is_a_dns_failure() {
    // `.invalid` never resolves (RFC 6761). If this machine's resolver cannot even say so quickly (no DNS server
    // reachable), the client would see its connect timeout instead: skip, loudly.
    const HOST: &str = "brazen-test.invalid";
    let quick = tokio::time::timeout(
        Duration::from_secs(2),
        tokio::task::spawn_blocking(|| std::net::ToSocketAddrs::to_socket_addrs(&(HOST, 80)).map(|_| ())),
    )
    .await;
    if !matches!(quick, Ok(Ok(Err(_)))) {
        common::skip_loudly(
            "an_unresolvable_host_is_a_dns_failure",
            "the system resolver does not answer quickly that a `.invalid` name does not exist.",
            "Give the machine a resolver (or an /etc/hosts-only nsswitch) that fails fast.",
        );
        return;
    }
    let r = req("/users/identify", IDENTIFY);
    let sent = send_with(&sender(), &format!("http://{HOST}"), ALL, &r, &SendPlan::once()).await;
    let f = sent.exchange.final_failure().unwrap();
    assert_eq!(f.kind, NetworkErrorKind::Dns, "{}", f.detail);
}

#[tokio::test]
async fn tls_to_a_plain_http_port_is_a_tls_failure() {
    let m = default_mock().await;
    let url = m.url().replace("http://", "https://");
    let r = req("/users/identify", IDENTIFY);
    let sent = send_with(&sender(), &url, ALL, &r, &SendPlan::once()).await;
    let f = sent.exchange.final_failure().unwrap();
    assert_eq!(f.kind, NetworkErrorKind::Tls, "{}", f.detail);
}

/// A throwaway self-signed certificate for `localhost` / 127.0.0.1 (no platform trusts it), and its key.
const SELF_SIGNED_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUeUjJ5mSCH7OkjS2tgq7xypfBKbgwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyOTE2MTQ1NVoYDzIxMjYxMTA1
MTYxNDU1WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARqG2hNo+UBS1eQTckBcJ8Ckb15atUqbPWTpImKEqlOD2Nnp2IY3FZt
8pefqtClTOUhaFpKccOF33dI+pC5Pg7wo28wbTAdBgNVHQ4EFgQUPUzAn71D2MHZ
ooT3sdJHgn9O1n8wHwYDVR0jBBgwFoAUPUzAn71D2MHZooT3sdJHgn9O1n8wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhAJfTQKK6NF8qKn5pNYLOsY8UMkS5euAGIqoKJuHDn48wAiEA
8lGXcNpZaDdz0L2iug1GROM6AlAx5xe7EX61BBeBUYo=
-----END CERTIFICATE-----";
const SELF_SIGNED_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvqnVvhJkb4M0zo9Z
rX4P22AtDrkyPTSxQ/135ugk3yihRANCAARqG2hNo+UBS1eQTckBcJ8Ckb15atUq
bPWTpImKEqlOD2Nnp2IY3FZt8pefqtClTOUhaFpKccOF33dI+pC5Pg7w
-----END PRIVATE KEY-----";

#[tokio::test]
async fn an_untrusted_certificate_is_a_tls_failure_checked_by_the_platform_verifier() {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from_pem_slice(SELF_SIGNED_CERT.as_bytes()).unwrap()],
                PrivateKeyDer::from_pem_slice(SELF_SIGNED_KEY.as_bytes()).unwrap(),
            )
            .unwrap(),
    );
    std::thread::spawn(move || {
        use std::io::Read as _;
        if let Ok((sock, _)) = listener.accept() {
            let conn = rustls::ServerConnection::new(config).unwrap();
            let mut tls = rustls::StreamOwned::new(conn, sock);
            let _ = tls.read(&mut [0u8; 64]);
        }
    });
    let r = req("/users/identify", IDENTIFY);
    let sent = send_with(&sender(), &url, ALL, &r, &SendPlan::once()).await;
    let f = sent.exchange.final_failure().unwrap();
    assert_eq!(f.kind, NetworkErrorKind::Tls, "{}", f.detail);
    assert!(f.detail.contains("certificate"), "the verifier ran and refused the issuer: {}", f.detail);
}

#[tokio::test]
async fn garbage_instead_of_http_is_invalid_http() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut sock, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = sock.read(&mut buf).await;
            let _ = sock.write_all(b"SSH-2.0-OpenSSH_9.2\r\n\r\n").await;
        }
    });
    let r = req("/users/identify", IDENTIFY);
    let sent = send_with(&sender(), &url, ALL, &r, &SendPlan::once()).await;
    let f = sent.exchange.final_failure().unwrap();
    assert_eq!(f.kind, NetworkErrorKind::InvalidHttp, "{}", f.detail);
}

#[tokio::test]
async fn a_body_over_the_cap_is_kept_truncated_and_says_so() {
    let m = default_mock().await;
    let s = Sender::new(ClientSettings { max_body_bytes: 16, ..ClientSettings::default() }).unwrap();
    let r = req("/messages/send", MESSAGE);
    let sent = send_with(&s, &m.url(), ALL, &r, &SendPlan::once()).await;
    let resp = sent.exchange.final_response().unwrap();
    assert!(resp.truncated);
    assert_eq!(resp.body.len(), 16);
    assert!(resp.body_bytes > 16);
}

#[tokio::test]
async fn cancelling_stops_a_request_that_never_answers() {
    let m = default_mock().await;
    let s = Sender::new(ClientSettings { timeout: None, ..ClientSettings::default() }).unwrap();
    let r = req("/users/identify", IDENTIFY).with_header("X-Brazen-Fault", "timeout").unwrap();
    let cancel = CancellationToken::new();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let c = cancel.clone();
    tokio::spawn(async move {
        // Cancel once the attempt is on the wire.
        while let Some(p) = rx.recv().await {
            if matches!(p, Progress::AttemptStarted { .. }) {
                c.cancel();
            }
        }
    });
    let sent = s.send(&target(&m.url(), ALL), &r, &SendPlan::for_request(&r, None), Some(&tx), &cancel).await;
    assert!(sent.cancelled);
    assert_eq!(sent.exchange.attempts.len(), 1);
    assert_eq!(sent.exchange.final_failure().unwrap().kind, NetworkErrorKind::Cancelled);
}

#[tokio::test]
async fn a_cancelled_attempt_keeps_the_time_it_was_in_flight() {
    let m = default_mock().await;
    let s = Sender::new(ClientSettings { timeout: None, ..ClientSettings::default() }).unwrap();
    let r = req("/users/identify", IDENTIFY).with_header("X-Brazen-Fault", "timeout").unwrap();
    let cancel = CancellationToken::new();
    let c = cancel.clone();
    // The request connects and waits on an answer that never comes; the user gives up after 300 ms.
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        c.cancel();
    });
    let sent = s.send(&target(&m.url(), ALL), &r, &SendPlan::for_request(&r, None), None, &cancel).await;
    assert!(sent.cancelled);
    let t = &sent.exchange.attempts[0].timings;
    assert!(t.total_ms >= 300.0, "the attempt lasted at least until the cancel: {t:?}");
    assert!(t.connect_ms.is_some(), "the connection was made before the cancel: {t:?}");
}

#[tokio::test]
async fn a_get_endpoint_sends_its_query_and_no_body() {
    let m = default_mock().await;
    let s = sender();
    let created = send_with(
        &s,
        &m.url(),
        ALL,
        &req("/sends/id/create", r#"{"campaign_id": "campaign-push"}"#),
        &SendPlan::once(),
    )
    .await;
    let send_id = created.exchange.outcome.unwrap().send_id.expect("a send id");
    let query = format!(r#"{{"campaign_id": "campaign-push", "send_id": "{send_id}", "length": 3}}"#);
    let r = PreparedRequest::new("/sends/data_series", &query).unwrap();
    let sent = send_with(&s, &m.url(), ALL, &r, &SendPlan::for_request(&r, None)).await;
    let ex = &sent.exchange;
    assert_eq!(ex.request.method, "GET");
    assert!(ex.request.url.contains(&format!("send_id={send_id}")), "{}", ex.request.url);
    assert_eq!(ex.request.body, "");
    assert_eq!(ex.status(), Some(200), "{:?}", ex.final_response().map(|r| &r.body));
}

#[tokio::test]
async fn the_history_rows_say_what_happened_and_never_hold_the_key() {
    const SECRET: &str = "brazen-test-secret-7f3c9a1e5d";
    const WRONG: &str = "brazen-wrong-secret-0b8e2d6c4a";
    let m = mock_with(|o| common::allow_key(o, SECRET)).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite3");
    let store = Store::open(&db).unwrap();
    let s = sender();
    let mut ids = Vec::new();
    let mut record = |mut sent: Sent| {
        let id = store.append(&sent.exchange).unwrap();
        sent.exchange.id = Some(id);
        ids.push(id);
        sent
    };
    let ok = record(send_with(&s, &m.url(), SECRET, &req("/messages/send", MESSAGE), &SendPlan::once()).await);
    record(send_with(&s, &m.url(), WRONG, &req("/messages/send", MESSAGE), &SendPlan::once()).await);
    let five = req("/users/identify", IDENTIFY).with_header("X-Brazen-Fault", "503").unwrap();
    record(send_with(&s, &m.url(), SECRET, &five, &SendPlan::once()).await);
    let refused = format!("http://127.0.0.1:{}", closed_port());
    record(send_with(&s, &refused, SECRET, &req("/users/identify", IDENTIFY), &SendPlan::once()).await);
    // The key pasted into the body as well (a user id copied from the wrong field): no copy is recorded.
    let pasted = MESSAGE.replacen("user-1", SECRET, 1);
    assert!(pasted.contains(SECRET), "the body holds the key");
    let in_body = record(send_with(&s, &m.url(), SECRET, &req("/messages/send", &pasted), &SendPlan::once()).await);
    assert!(!in_body.exchange.request.body.contains(SECRET), "{}", in_body.exchange.request.body);

    let all = store.list(&Filter::default()).unwrap();
    assert_eq!(all.len(), 5);
    let by_id = |id: i64| all.iter().find(|r| r.id == id).unwrap();
    let first = by_id(ids[0]);
    assert_eq!((first.status, first.class.and_then(brazen::answer::AnswerClass::name)), (Some(201), Some("2XX")));
    assert_eq!(first.outcome.map(brazen::classify::OutcomeKind::as_str), Some("success"));
    let second = by_id(ids[1]);
    assert_eq!((second.status, second.error.as_deref()), (Some(401), Some("unauthorized")));
    let third = by_id(ids[2]);
    assert_eq!((third.status, third.class.and_then(brazen::answer::AnswerClass::name)), (Some(503), Some("5XX")));
    let fourth = by_id(ids[3]);
    assert_eq!(fourth.status, None);
    assert_eq!(fourth.network.map(brazen::client::kind_name), Some("connection_refused"));
    let failed = store.list(&Filter { failed_only: true, ..Filter::default() }).unwrap();
    let mut failed_ids: Vec<i64> = failed.iter().map(|r| r.id).collect();
    failed_ids.sort();
    assert_eq!(failed_ids, [ids[2], ids[3]], "5XX and network failures are the ones worth re-sending");
    let back = store.get(ids[0]).unwrap().unwrap();
    assert_eq!(back.request, ok.exchange.request);
    assert_eq!(back.attempts.len(), 1);
    drop(store);

    // The raw bytes of the database and its WAL: neither key anywhere.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for key in [SECRET, WRONG] {
            assert!(!bytes.windows(key.len()).any(|w| w == key.as_bytes()), "the key reached the history files");
        }
    }
    assert!(!format!("{:?}", ok.exchange).contains(SECRET));
    assert!(!serde_json::to_string(&ok.exchange).unwrap().contains(SECRET));
}
