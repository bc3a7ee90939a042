//! The send loop: one attempt after another, as [`crate::retry::decide`] says, each recorded in the
//! [`Exchange`]; waits are `tokio::time::sleep`, so tests run them on a paused clock.

use std::sync::Mutex;
use std::time::Duration;

use rand::SeedableRng as _;
use rand::rngs::StdRng;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

use super::auth::{Auth, ScimAuth};
use super::network;
use super::progress::Progress;
use super::record::{self, UA};
use super::timing::{ConnectLog, ConnectTimingLayer};
use crate::clock::SharedClock;
use crate::config::{ApiKey, Environment};
use crate::exchange::{Attempt, Exchange, NetworkErrorKind, NetworkFailure, ResponseRecord, Timings};
use crate::request::PreparedRequest;
use crate::retry::{Decision, Last, RetryPolicy, Stopped};

/// How the HTTP client is set up.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// DNS + TCP + TLS; `None` waits as long as the OS does.
    pub connect_timeout: Option<Duration>,
    /// The whole attempt, body included; `None` waits forever (tests on a paused clock use this: any pending
    /// timer would fire as soon as the runtime idles).
    pub timeout: Option<Duration>,
    pub max_body_bytes: u64,
    /// Idle keep-alive connections are closed after this, before a server's own idle cut-off (often 60 s) can
    /// race a new request. `None` keeps them (tests on a paused clock: the eviction timer would fire whenever
    /// the runtime idles).
    pub pool_idle_timeout: Option<Duration>,
    /// Where "now" comes from for classification (`x-ratelimit-reset` distances) and attempt times.
    pub clock: SharedClock,
    /// Seed for the backoff jitter; `None` seeds from the OS.
    pub seed: Option<u64>,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            connect_timeout: Some(crate::config::DEFAULT_CONNECT_TIMEOUT),
            timeout: Some(crate::config::DEFAULT_TIMEOUT),
            max_body_bytes: crate::config::DEFAULT_MAX_BODY_BYTES,
            pool_idle_timeout: Some(Duration::from_secs(30)),
            clock: std::sync::Arc::new(crate::system::SystemClock),
            seed: None,
        }
    }
}

impl ClientSettings {
    /// The environment's timeouts; the body cap of the configuration.
    pub fn for_environment(env: &Environment, max_body_bytes: u64) -> ClientSettings {
        ClientSettings {
            connect_timeout: Some(env.connect_timeout.value),
            timeout: Some(env.timeout.value),
            max_body_bytes,
            ..ClientSettings::default()
        }
    }
}

/// Where a request goes: the environment's name (for history), its base URL and credentials. Which credential a
/// request is sent with is the catalog's word ([`super::auth`]).
#[derive(Debug, Clone)]
pub struct Target {
    pub environment: String,
    pub base_url: String,
    /// The REST API key; `None` for an environment that only has a SCIM token.
    pub key: Option<ApiKey>,
    /// The SCIM token and origin, for the endpoints whose catalog credential is `scim`.
    pub scim: Option<ScimAuth>,
}

/// How persistent to be.
#[derive(Debug, Clone, Copy)]
pub struct SendPlan {
    pub policy: RetryPolicy,
    /// Repeating is acceptable even when the last attempt may have reached Braze: the endpoint is idempotent
    /// or the user asked for retries.
    pub retry_unsafe: bool,
}

impl SendPlan {
    /// The default policy, or `retries` retries when the user gave `--retries N` (which also allows retrying
    /// a non-idempotent endpoint).
    pub fn for_request(req: &PreparedRequest, retries: Option<u32>) -> SendPlan {
        SendPlan {
            policy: retries.map(RetryPolicy::with_retries).unwrap_or_default(),
            retry_unsafe: req.idempotent || retries.is_some(),
        }
    }

    /// Exactly one attempt.
    pub fn once() -> SendPlan {
        SendPlan { policy: RetryPolicy::with_retries(0), retry_unsafe: false }
    }
}

/// The result of a send.
#[derive(Debug, Clone)]
pub struct Sent {
    pub exchange: Exchange,
    /// Why the loop stopped: the last retry decision, or a wait the caller cancelled (`None` when cancelled
    /// during an attempt). Typed, so each front end says it in its own language.
    pub stopped: Option<Stopped>,
    /// The last failure would have been retried on an idempotent endpoint; it was not, because a message may
    /// already have gone out.
    pub held_back: bool,
    /// Cancelled by the caller (during an attempt or a wait).
    pub cancelled: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot set up the HTTP client: {0}")]
    Build(String),
}

/// Sends requests. One per environment (timeouts are per client); cheap to share by reference.
pub struct Sender {
    client: reqwest::Client,
    settings: ClientSettings,
    connects: ConnectLog,
    rng: Mutex<StdRng>,
}

impl std::fmt::Debug for Sender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sender").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Sender {
    pub fn new(settings: ClientSettings) -> Result<Sender, ClientError> {
        super::tls::install_crypto_provider();
        let tls = super::tls::client_config().map_err(|e| ClientError::Build(e.to_string()))?;
        let connects = ConnectLog::default();
        let mut b = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(UA)
            .pool_idle_timeout(settings.pool_idle_timeout)
            .connector_layer(ConnectTimingLayer(connects.clone()));
        if let Some(t) = settings.connect_timeout {
            // reqwest reports a connect timeout as such only if it fires before the whole-attempt timeout.
            let t = settings.timeout.map_or(t, |total| t.min(total));
            b = b.connect_timeout(t);
        }
        let client = b.build().map_err(|e| ClientError::Build(crate::classify::network::detail(&e)))?;
        let rng = match settings.seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        Ok(Sender { client, settings, connects, rng: Mutex::new(rng) })
    }

    pub fn settings(&self) -> &ClientSettings {
        &self.settings
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.settings.clock.now()
    }

    /// Sends `req` to `target`, retrying as `plan` allows, reporting to `progress`, until done or `cancel`.
    pub async fn send(
        &self,
        target: &Target,
        req: &PreparedRequest,
        plan: &SendPlan,
        progress: Option<&UnboundedSender<Progress>>,
        cancel: &CancellationToken,
    ) -> Sent {
        let report = |p: Progress| {
            if let Some(tx) = progress {
                // A front end that went away does not stop the send.
                let _ = tx.send(p);
            }
        };
        let url = req.url(&target.base_url);
        // The key, the token, and the secret variables resolved into the request: none is recorded.
        let mut secrets = target.secrets();
        secrets.extend(&crate::scrub::Secrets::of(req.secrets.values()));
        let auth = match target.auth_for(req) {
            Ok(auth) => auth,
            // The service checks this before sending; a caller that did not gets a record of nothing sent.
            Err(missing) => {
                let exchange = record::not_sent(target, req, &url, self.now(), &missing.to_string());
                let exchange = record::scrub_sent(exchange, &secrets);
                return Sent { exchange, stopped: None, held_back: false, cancelled: false };
            }
        };
        let mut exchange = record::start(target, req, &url, auth, self.now(), self.settings.max_body_bytes);
        let mut waited_ms = 0u64;
        let mut stopped = None;
        let mut held_back = false;
        let mut cancelled = false;
        loop {
            let number = exchange.attempts.len() as u32 + 1;
            let started_at = self.now();
            report(Progress::AttemptStarted { number, at: started_at });
            // Measured here too: a cancelled attempt was in flight for as long as it took the user to give up.
            let attempt_start = tokio::time::Instant::now();
            let generation = self.connects.generation();
            let (response, failure, timings) = tokio::select! {
                biased;
                _ = cancel.cancelled() => {
                    cancelled = true;
                    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                    let timings = Timings {
                        total_ms: ms(attempt_start.elapsed()),
                        connect_ms: self.connects.since(generation).map(ms),
                        ..Timings::default()
                    };
                    (None, Some(NetworkFailure { kind: NetworkErrorKind::Cancelled, detail: "cancelled by the user".into(), status: None }), timings)
                }
                r = self.attempt(auth, req, &url) => r,
            };
            report(Progress::AttemptFinished {
                number,
                status: response.as_ref().map(|r| r.status),
                failure: failure.as_ref().map(|f| f.kind),
                total_ms: timings.total_ms,
            });
            exchange.outcome = response.as_ref().map(|r| {
                let ep = crate::catalog::endpoints().resolve(&req.key()).map(|r| r.endpoint);
                crate::classify::outcome_for(ep, r.status, &r.headers, r.body.as_bytes(), self.now(), &plan.policy)
            });
            exchange.attempts.push(Attempt { number, started_at, waited_ms, response, failure, timings });
            if cancelled {
                break;
            }
            let Some(last) = Last::of(&exchange) else { break };
            let (decision, held) = self.decide(plan, number, last);
            held_back = held;
            match decision {
                Decision::Stop { reason } => {
                    stopped = Some(Stopped::Decided(reason));
                    break;
                }
                Decision::Retry { after, reason } => {
                    let until = self.now().saturating_add(jiff::SignedDuration::try_from(after).unwrap_or_default());
                    report(Progress::Waiting {
                        next_attempt: number + 1,
                        until: until.unwrap_or(self.now()),
                        after,
                        why: reason,
                    });
                    tokio::select! {
                        biased;
                        _ = cancel.cancelled() => {
                            cancelled = true;
                            stopped = Some(Stopped::CancelledWaiting { after, next_attempt: number + 1 });
                            break;
                        }
                        _ = tokio::time::sleep(after) => {}
                    }
                    // The planned wait, not the measured one: the timer wheel rounds to milliseconds.
                    waited_ms = u64::try_from(after.as_millis()).unwrap_or(u64::MAX);
                }
            }
        }
        // The key or token may also sit in the body or come back in an answer: no copy leaves the engine.
        let exchange = record::scrub_sent(exchange, &secrets);
        Sent { exchange, stopped, held_back, cancelled }
    }

    /// The retry decision after attempt `number` ended in `last`, and whether only safety stopped it ("held back":
    /// the failure may have come after Braze acted, and attempts were left).
    fn decide(&self, plan: &SendPlan, number: u32, last: Last<'_>) -> (Decision, bool) {
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        let d = crate::retry::decide(&plan.policy, number, last, plan.retry_unsafe, self.now(), &mut *rng);
        let held_back = !plan.retry_unsafe
            && !d.is_retry()
            && crate::retry::may_have_acted(last)
            && number < plan.policy.max_attempts;
        (d, held_back)
    }

    /// One attempt: the response (body capped) or the network failure, and its timings.
    async fn attempt(
        &self,
        auth: Auth<'_>,
        req: &PreparedRequest,
        url: &str,
    ) -> (Option<ResponseRecord>, Option<NetworkFailure>, Timings) {
        let start = tokio::time::Instant::now();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let generation = self.connects.generation();
        let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap_or(reqwest::Method::POST);
        let mut bearer = match HeaderValue::from_str(&format!("Bearer {}", auth.bearer)) {
            Ok(v) => v,
            Err(_) => {
                let failure = NetworkFailure {
                    kind: NetworkErrorKind::Other,
                    detail: "the API key or SCIM token holds characters that cannot go in an HTTP header".into(),
                    status: None,
                };
                return (None, Some(failure), Timings { total_ms: ms(start.elapsed()), ..Timings::default() });
            }
        };
        bearer.set_sensitive(true);
        let mut rb = self
            .client
            .request(method, url)
            .header(AUTHORIZATION, bearer)
            .header(CONTENT_TYPE, "application/json")
            .header(USER_AGENT, UA);
        if let Some(origin) = auth.origin {
            rb = rb.header(crate::config::REQUEST_ORIGIN_HEADER, origin);
        }
        for (k, v) in &req.extra_headers {
            rb = rb.header(k.as_str(), v.as_str());
        }
        if let Some(body) = &req.body {
            rb = rb.body(body.clone());
        }
        if let Some(t) = self.settings.timeout {
            rb = rb.timeout(t);
        }
        let mut timings = Timings::default();
        let mut resp = match rb.send().await {
            Ok(r) => r,
            Err(e) => {
                timings.connect_ms = self.connects.since(generation).map(ms);
                timings.total_ms = ms(start.elapsed());
                return (None, Some(network::failure(&e)), timings);
            }
        };
        timings.first_byte_ms = Some(ms(start.elapsed()));
        timings.connect_ms = self.connects.since(generation).map(ms);
        let status = resp.status().as_u16();
        let headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let cap = usize::try_from(self.settings.max_body_bytes).unwrap_or(usize::MAX);
        let mut kept: Vec<u8> = Vec::new();
        let mut total: u64 = 0;
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    total += chunk.len() as u64;
                    if kept.len() < cap {
                        let room = cap - kept.len();
                        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    timings.total_ms = ms(start.elapsed());
                    let mut f = network::failure(&e);
                    if f.kind == NetworkErrorKind::Other {
                        f.kind = NetworkErrorKind::ConnectionReset;
                    }
                    f.detail =
                        format!("after the response head (status {status}, {total} bytes of body): {}", f.detail);
                    f.status = Some(status);
                    return (None, Some(f), timings);
                }
            }
        }
        timings.total_ms = ms(start.elapsed());
        let truncated = total > kept.len() as u64;
        let body = record::text_of(kept, truncated);
        (Some(ResponseRecord { status, headers, body, truncated, body_bytes: total }), None, timings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_allow_unsafe_retries_only_when_idempotent_or_asked() {
        let msg = PreparedRequest::raw("POST /messages/send", "{}");
        let p = SendPlan::for_request(&msg, None);
        assert!(!p.retry_unsafe);
        assert_eq!(p.policy.max_attempts, RetryPolicy::default().max_attempts);
        let p = SendPlan::for_request(&msg, Some(2));
        assert!(p.retry_unsafe);
        assert_eq!(p.policy.max_attempts, 3);
        let read = PreparedRequest { idempotent: true, ..msg };
        assert!(SendPlan::for_request(&read, None).retry_unsafe);
    }
}
