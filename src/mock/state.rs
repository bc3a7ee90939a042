//! Everything the handlers share, built once at start: the key and permission table, the rows the mock answers
//! with, the rate limiter, the fault rules, the budget of request bodies in flight, and the state a session builds
//! up (send ids, schedules: see [`super::store`]; the things of the answers files: see [`super::resources`]).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::http::StatusCode;

use super::body::Budget;
use super::faults::{Rule, When};
use super::fixtures::Fixtures;
use super::ratelimit::Limiter;
use super::resources::Resources;
use super::store::{Evicted, Schedules, Sends};
use super::{Limits, MockError, MockOptions, ids};
use crate::catalog::{self, Credential, Endpoint, RateLimit};
use crate::clock::SharedClock;

/// A row of the error table, ready to answer with.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: &'static str,
    pub status: StatusCode,
    pub name: &'static str,
    /// `{"message": name}`, serialised once.
    pub body: Bytes,
}

impl Row {
    fn load(id: &'static str) -> Result<Row, MockError> {
        let r = catalog::errors().row(id).ok_or_else(|| MockError::MissingRow(id.to_string()))?;
        let status = StatusCode::from_u16(r.status).map_err(|_| MockError::MissingRow(id.to_string()))?;
        let body = serde_json::to_vec(&serde_json::json!({ "message": r.name })).unwrap_or_default();
        Ok(Row { id, status, name: r.name.as_str(), body: Bytes::from(body) })
    }
}

/// The rows the server answers with itself (the validator supplies the others), and each row's place in the table.
#[derive(Debug)]
pub(crate) struct Rows {
    pub bad_request: Row,
    pub invalid_campaign_id: Row,
    pub invalid_message_variant: Row,
    pub mismatched_message_type: Row,
    pub unauthorized: Row,
    pub forbidden: Row,
    pub access_denied: Row,
    pub not_found: Row,
    pub rate_limited: Row,
    rank: HashMap<&'static str, usize>,
    /// Status of the `success` shape (201).
    pub success: StatusCode,
}

impl Rows {
    fn load() -> Result<Rows, MockError> {
        let table = catalog::errors();
        let success = table
            .shape("success")
            .and_then(|s| StatusCode::from_u16(s.status).ok())
            .ok_or_else(|| MockError::MissingRow("success (shape)".to_string()))?;
        Ok(Rows {
            bad_request: Row::load("bad_request")?,
            invalid_campaign_id: Row::load("invalid_campaign_id")?,
            invalid_message_variant: Row::load("invalid_message_variant")?,
            mismatched_message_type: Row::load("mismatched_message_type")?,
            unauthorized: Row::load("unauthorized")?,
            forbidden: Row::load("forbidden")?,
            access_denied: Row::load("access_denied")?,
            not_found: Row::load("not_found")?,
            rate_limited: Row::load("rate_limited")?,
            rank: table.rows.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect(),
            success,
        })
    }

    /// Position of row `id` in the error table; unknown ids sort last.
    pub fn rank(&self, id: &str) -> usize {
        self.rank.get(id).copied().unwrap_or(usize::MAX)
    }

    /// The first row of the table with this status (`401` → Unauthorized), for status faults.
    pub fn by_status(&self, status: u16) -> Option<&'static str> {
        catalog::errors().rows.iter().find(|r| r.status == status).map(|r| r.name.as_str())
    }
}

/// A key of the fixtures (or a SCIM token), with its permissions resolved against the catalog.
#[derive(Debug)]
pub(crate) struct Key {
    pub name: String,
    /// A SCIM token: good only on the SCIM endpoints, where REST keys are not.
    pub scim: bool,
    pub active: bool,
    /// `allowed[e]`: the key holds the permission of endpoint `e`.
    pub allowed: Vec<bool>,
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub seed: u64,
    pub log: bool,
    pub clock: SharedClock,
    pub timezone: jiff::tz::TimeZone,
    pub fixtures: Fixtures,
    pub rows: Rows,
    key_index: HashMap<String, usize>,
    pub keys: Vec<Key>,
    pub limiter: Limiter,
    /// Limit shown on responses that match no endpoint (404): the limit most endpoints share.
    pub default_limit: RateLimit,
    pub rules: Vec<Rule>,
    counter: AtomicU64,
    pub served: AtomicU64,
    pub limits: Limits,
    /// Request-body bytes held across connections, at most `limits.bodies_in_flight`.
    pub bodies: Budget,
    /// (campaign id, send id) pairs of the fixtures, created by `/sends/id/create` or used by a send.
    sends: Mutex<Sends>,
    pub schedules: Mutex<Schedules>,
    /// The answers files and the things they keep.
    pub resources: Resources,
    pub shutdown: tokio::sync::watch::Receiver<bool>,
}

impl Shared {
    pub fn new(opts: &MockOptions, shutdown: tokio::sync::watch::Receiver<bool>) -> Result<Shared, MockError> {
        let eps = &catalog::endpoints().endpoints;
        let fixtures = opts.fixtures.clone();
        let known_sends = fixtures.campaigns.iter().flat_map(|c| c.send_ids.iter().map(|s| (c.id.clone(), s.clone())));
        let sends = Sends::new(known_sends, opts.limits.max_sends);
        let timezone = jiff::tz::TimeZone::get(&fixtures.timezone).map_err(|e| MockError::Fixtures {
            origin: "fixtures".into(),
            message: format!("timezone {:?}: {e}", fixtures.timezone),
        })?;
        let mut keys: Vec<Key> = fixtures
            .keys
            .iter()
            .map(|k| Key {
                name: k.name.clone(),
                scim: false,
                active: k.active,
                allowed: eps.iter().map(|e| k.allows(&e.permission)).collect(),
            })
            .collect();
        // SCIM tokens carry no permissions of their own: Braze's SCIM endpoints take the token alone.
        keys.extend(fixtures.scim_tokens.iter().map(|t| Key {
            name: t.name.clone(),
            scim: true,
            active: true,
            allowed: eps.iter().map(|e| e.credential == Credential::Scim).collect(),
        }));
        let secrets = fixtures.keys.iter().map(|k| &k.key).chain(fixtures.scim_tokens.iter().map(|t| &t.token));
        let key_index = secrets.enumerate().map(|(i, k)| (k.clone(), i)).collect();
        let limits: Vec<RateLimit> = eps
            .iter()
            .map(|e| match opts.rate_limit_per_minute {
                Some(n) => RateLimit { requests: n, per_seconds: 60 },
                None => e.limit.rate(),
            })
            .collect();
        let pooled = limits.iter().zip(eps).map(|(l, e)| (*l, e.limit.pool.as_deref())).collect();
        let default_limit = most_common(&limits).unwrap_or(RateLimit { requests: 0, per_seconds: 60 });
        let rules = fixtures
            .faults
            .iter()
            .map(|r| {
                let endpoint = r.path.as_ref().and_then(|p| eps.iter().position(|e| &e.path == p));
                let when = match (r.next, r.percent) {
                    (Some(n), _) => When::Next(n),
                    (None, Some(p)) => When::Percent(p),
                    (None, None) => When::Always,
                };
                Rule::new(endpoint, when, r.answer)
            })
            .collect();
        let resources = Resources::new(&opts.limits)?;
        for b in &fixtures.hard_bounces {
            let data = serde_json::json!({ "email": b.email, "hard_bounced_at": b.at });
            if !resources.seed(super::reads::HARD_BOUNCE, "", &b.email, data) {
                return Err(MockError::Answers(format!(
                    "assets/mock/answers: no [[kind]] {:?} to keep the fixtures' hard bounces in",
                    super::reads::HARD_BOUNCE
                )));
            }
        }
        Ok(Shared {
            seed: opts.seed,
            log: opts.log_requests,
            clock: opts.clock.clone(),
            timezone,
            rows: Rows::load()?,
            limiter: Limiter::pooled(keys.len(), pooled),
            keys,
            key_index,
            fixtures,
            default_limit,
            rules,
            counter: AtomicU64::new(0),
            served: AtomicU64::new(0),
            limits: opts.limits.clone(),
            bodies: Budget::new(opts.limits.bodies_in_flight),
            sends: Mutex::new(sends),
            schedules: Mutex::new(Schedules::new(opts.limits.max_schedules)),
            resources,
            shutdown,
        })
    }

    /// The catalog endpoint serving `method path`, with its index. Only Braze's own spelling is served: the
    /// catalog's accepted aliases (`/send/id/create`) are a convenience of the client, and a real server answers 404.
    pub fn route(&self, method: &str, path: &str) -> Option<(usize, &'static Endpoint)> {
        let eps = &catalog::endpoints().endpoints;
        let resolved = catalog::endpoints().resolve(&format!("{method} {path}"))?;
        if resolved.hint.is_some() {
            return None;
        }
        let i = eps.iter().position(|e| std::ptr::eq(e, resolved.endpoint))?;
        Some((i, resolved.endpoint))
    }

    pub fn key(&self, key: &str) -> Option<(usize, &Key)> {
        let i = *self.key_index.get(key)?;
        Some((i, &self.keys[i]))
    }

    /// A fresh id of `stream`, determined by the seed and how many ids were handed out before.
    pub fn next_id(&self, stream: u64) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        ids::hex_id(self.seed, stream, n)
    }

    /// A fresh id for a thing Braze names itself, shaped as Braze's (a UUID).
    pub fn next_thing_id(&self) -> String {
        ids::uuid(&self.next_id(ids::THING))
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// Learns a send id; at the cap the oldest learnt one is forgotten and returned.
    pub fn remember_send(&self, campaign: &str, send: &str) -> Option<Evicted> {
        self.sends.lock().unwrap_or_else(|p| p.into_inner()).remember(campaign, send)
    }

    pub fn knows_send(&self, campaign: &str, send: &str) -> bool {
        self.sends.lock().unwrap_or_else(|p| p.into_inner()).knows(campaign, send)
    }
}

fn most_common(limits: &[RateLimit]) -> Option<RateLimit> {
    let mut best: Option<(RateLimit, usize)> = None;
    for l in limits {
        let n = limits.iter().filter(|m| *m == l).count();
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((*l, n));
        }
    }
    best.map(|(l, _)| l)
}
