//! Replays: which recorded exchanges to re-send ([`plan`]), where each goes ([`resolve_targets`], every key found
//! before anything is sent), and the run itself ([`run_replay`]), each re-sent exchange recorded and its original
//! marked. Confirming and printing are the front end's.

use std::collections::HashMap;

use serde::Serialize;

use super::{Error, Event, Needs, Opened};
use crate::client::{CancellationToken, PreparedRequest, SendPlan, Sender, Sent};
use crate::config::{Config, Environment};
use crate::exchange::REDACTED_KEY;
use crate::history::{Filter, Store, Summary};
use crate::request::vars::{Variables, resolve_recorded};

/// The sandbox's fault-injection header: re-sending it would make the replay fail the same way again.
pub const FAULT_HEADER: &str = "x-brazen-fault";

/// The recorded request without the headers a replay must not repeat; the names of those it left out: the fault
/// header, and every header whose recorded value holds [`REDACTED_KEY`] (a credential the history never stores,
/// such as `X-Api-Key`: sending the placeholder would fail the way a wrong key does).
pub fn replayable(mut req: PreparedRequest) -> (PreparedRequest, Vec<String>) {
    let mut dropped = Vec::new();
    req.extra_headers.retain(|(k, v)| {
        let keep = !k.eq_ignore_ascii_case(FAULT_HEADER) && !v.contains(REDACTED_KEY);
        if !keep && !dropped.iter().any(|d: &String| d.eq_ignore_ascii_case(k)) {
            dropped.push(k.to_ascii_lowercase());
        }
        keep
    });
    (req, dropped)
}

/// An exchange a replay would re-send: the history's summary plus the headers it would leave out.
#[derive(Debug, Serialize)]
pub struct Planned {
    #[serde(flatten)]
    pub summary: Summary,
    pub dropped_headers: Vec<String>,
    /// Re-sending may do twice what the original already did ([`crate::retry::unsafe_to_repeat`]).
    #[serde(skip)]
    pub unsafe_to_repeat: bool,
    /// The credential the re-sent request needs (the key, or a SCIM token and origin), checked before any is sent.
    #[serde(skip)]
    pub needs: Needs,
    /// The secret variables the record holds as `{{name}}`: the environment re-sent to (or `--var`) must give each.
    #[serde(skip)]
    pub secret_variables: Vec<String>,
}

/// What a replay would re-send, oldest first, and what it leaves out.
#[derive(Debug)]
pub struct Plan {
    pub planned: Vec<Planned>,
    /// Exchanges kept with their body cut (`max_body_bytes`): sending the start of a body sends another request.
    pub cut: Vec<i64>,
}

/// The exchanges `filter` picks, oldest first, at most `limit`; those recorded with a cut body are left out here,
/// so the dry run, the confirmation and the run agree.
pub fn plan(store: &Store, filter: &Filter, limit: Option<usize>) -> Result<Plan, Error> {
    let mut picked: Vec<Summary> = store.list(filter)?;
    picked.sort_by_key(|s| s.id);
    if let Some(n) = limit {
        picked.truncate(n);
    }
    let (mut planned, mut cut) = (Vec::with_capacity(picked.len()), Vec::new());
    for summary in picked {
        // What the replay would leave out comes from the recorded request: the summary has no headers.
        let (dropped_headers, unsafe_to_repeat, needs, secret_variables) = match store.get(summary.id)? {
            Some(ex) if ex.request.body_truncated => {
                cut.push(summary.id);
                continue;
            }
            Some(ex) => {
                let (req, dropped) = replayable(PreparedRequest::from_record(&ex.request, None));
                (dropped, crate::retry::unsafe_to_repeat(&ex), Needs::of(&req), ex.secret_variables)
            }
            None => {
                let credential = crate::client::credential_for(&summary.method, &summary.endpoint);
                (Vec::new(), false, Needs { credential, has_origin: false }, Vec::new())
            }
        };
        planned.push(Planned { summary, dropped_headers, unsafe_to_repeat, needs, secret_variables });
    }
    Ok(Plan { planned, cut })
}

/// Where to re-send: `--env` / `--url` for all, else each exchange's own environment; `--timeout`.
#[derive(Debug, Clone, Default)]
pub struct TargetChoice {
    pub env: Option<String>,
    pub url: Option<String>,
    pub timeout: Option<f64>,
    /// `--var NAME=VALUE`: over the environment's variables, for the secret variables a record holds as `{{name}}`.
    pub vars: Vec<(String, String)>,
}

impl TargetChoice {
    /// The variables a replay to `env` resolves a record's `{{name}}` with: the environment's, then `--var`'s.
    pub fn variables(&self, env: &Environment) -> Variables {
        let mut v = Variables::new();
        v.layer(env.variables.clone());
        v.flags(&self.vars);
        v
    }

    /// What identifies where an exchange goes: `--url`, `--env`, else the environment it was recorded under.
    fn key(&self, recorded: &str) -> String {
        self.url.clone().or(self.env.clone()).unwrap_or_else(|| recorded.to_string())
    }

    /// The environment to re-send to: `--env` / `--url`, else the recorded one (an ad-hoc `--url` environment is
    /// recorded under its URL).
    fn environment(
        &self,
        cfg: &Config,
        recorded: &str,
        var: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Environment, Error> {
        if self.env.is_some() || self.url.is_some() {
            return super::environment(cfg, self.env.as_deref(), self.url.as_deref(), var);
        }
        match cfg.environment(Some(recorded)) {
            Ok(e) => Ok(e.clone()),
            Err(_) if recorded.starts_with("http://") || recorded.starts_with("https://") => {
                super::environment(cfg, None, Some(recorded), var)
            }
            Err(e) => Err(Error::Usage(format!("{e}; pass --env or --url to choose where to re-send"))),
        }
    }
}

/// Every environment the plan sends to, keyed by [`TargetChoice`]'s key, each holding the credential each of its
/// exchanges needs (the key, or for a SCIM endpoint the SCIM token and an origin): a missing one half-way would
/// leave some exchanges re-sent and the rest not, with no summary of either.
pub fn resolve_targets(
    cfg: &Config,
    choice: &TargetChoice,
    planned: &[Planned],
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<HashMap<String, Environment>, Error> {
    let mut envs: HashMap<String, Environment> = HashMap::new();
    for p in planned {
        let s = &p.summary;
        let key = choice.key(&s.environment);
        if !envs.contains_key(&key) {
            envs.insert(key.clone(), choice.environment(cfg, &s.environment, var)?);
        }
        let Some(env) = envs.get(&key) else { continue };
        if let Err(why) = super::check_credential(env, p.needs) {
            return Err(Error::Usage(format!("cannot re-send #{} to {}: {why}; nothing sent", s.id, env.name)));
        }
        if !p.secret_variables.is_empty() {
            let mut req = PreparedRequest::raw("POST /", "");
            if let Err(why) = resolve_recorded(&mut req, &p.secret_variables, &choice.variables(env)) {
                return Err(Error::Usage(format!("cannot re-send #{} to {}: {why}; nothing sent", s.id, env.name)));
            }
        }
    }
    Ok(envs)
}

/// One re-sent exchange.
#[derive(Debug)]
pub struct Replay {
    pub original: i64,
    pub sent: Sent,
    /// The new exchange's id; `None` when recording failed.
    pub replay_id: Option<i64>,
    pub dropped_headers: Vec<String>,
}

/// What a replay run needs besides the plan.
pub struct ReplayRun<'a> {
    pub cfg: &'a Config,
    pub store: &'a Store,
    pub envs: &'a HashMap<String, Environment>,
    pub choice: &'a TargetChoice,
    pub retries: Option<u32>,
    /// The time claims are taken and expire by (see `history::claims`).
    pub clock: &'a dyn crate::clock::Clock,
    /// A mock already serving the sandbox (the workbench's own): replays to the sandbox go there instead of to a
    /// new one, so they meet the same rate-limit window as the workbench's sends.
    pub sandbox_url: Option<&'a str>,
}

/// Re-sends the planned exchanges one after another until done or cancelled, each recorded and its original marked.
pub async fn run_replay(
    run: &ReplayRun<'_>,
    planned: &[Planned],
    cancel: &CancellationToken,
    on: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Vec<Replay>, Error> {
    let mut open: HashMap<String, (Sender, Opened, Option<String>)> = HashMap::new();
    let mut results = Vec::new();
    for p in planned {
        let id = p.summary.id;
        if cancel.is_cancelled() {
            break;
        }
        // Exactly once across processes and machines: only the replay holding the claim sends (see
        // `history::claims`). Another replay has it, or has sent it: skipped.
        let Some(claim) = run.store.claim(id, run.clock.now())? else {
            on(Event::Taken { id });
            continue;
        };
        let release = || {
            // Best effort: a claim left behind goes stale after the claim timeout and is offered again.
            let _ = run.store.release_claim(id, &claim);
        };
        let original = match run.store.get(id) {
            Ok(Some(original)) => original,
            Ok(None) => {
                release();
                on(Event::Vanished { id });
                continue;
            }
            Err(e) => {
                release();
                return Err(e.into());
            }
        };
        // Only the start of its body was kept: left out when planning, and never sent.
        if original.request.body_truncated {
            release();
            continue;
        }
        let env_key = run.choice.key(&original.environment);
        if !open.contains_key(&env_key) {
            let Some(env) = run.envs.get(&env_key) else {
                release();
                continue;
            };
            let opened = match run.sandbox_url.filter(|_| super::needs_mock(env)) {
                Some(url) => super::target::credentials_of(env, Some(url)).map(|target| Opened { target, mock: None }),
                None => super::open(env).await,
            };
            let opened = match opened {
                Ok(o) => o,
                Err(e) => {
                    release();
                    return Err(e);
                }
            };
            let sender = match super::sender(run.cfg, env, run.choice.timeout) {
                Ok(s) => s,
                Err(e) => {
                    release();
                    return Err(e);
                }
            };
            // The original environment's base URL, to cut the path out of the recorded URL.
            let base = run.cfg.environment(Some(&original.environment)).ok().and_then(|e| e.url.clone());
            open.insert(env_key.clone(), (sender, opened, base.map(|u| u.value)));
        }
        let Some((sender, opened, base)) = open.get(&env_key) else {
            release();
            continue;
        };
        let (mut req, dropped_headers) = replayable(PreparedRequest::from_record(&original.request, base.as_deref()));
        // The secret variables the history keeps as `{{name}}`, from the environment re-sent to (checked by
        // `resolve_targets`); the new record keeps them as references too.
        if !original.secret_variables.is_empty()
            && let Some(env) = run.envs.get(&env_key)
            && let Err(why) = resolve_recorded(&mut req, &original.secret_variables, &run.choice.variables(env))
        {
            release();
            return Err(Error::Usage(format!("cannot re-send #{id} to {}: {why}", env.name)));
        }
        if cancel.is_cancelled() {
            release();
            break;
        }
        // From here the request may leave: a replay that dies now leaves the exchange `unknown`, never re-sent.
        if !run.store.start_sending(id, &claim, run.clock.now())? {
            on(Event::Taken { id });
            continue;
        }
        let plan = SendPlan::for_request(&req, run.retries);
        let mut sent = super::send(sender, &opened.target, &req, &plan, cancel, on).await;
        sent.exchange.replay_of = Some(id);
        sent.exchange.saved_request = original.saved_request.clone();
        let replay_id = match super::record(run.store, &mut sent.exchange) {
            Ok(stored) => {
                if let Some(error) = &stored.unmarked {
                    on(Event::NotMarked { original: id, error });
                }
                Some(stored.id)
            }
            Err(error) => {
                on(Event::NotRecorded { exchange: &sent.exchange, error: &error });
                None
            }
        };
        on(Event::Done { exchange: &sent.exchange });
        let cancelled = sent.cancelled;
        results.push(Replay { original: id, sent, replay_id, dropped_headers });
        if cancelled {
            break;
        }
    }
    Ok(results)
}
