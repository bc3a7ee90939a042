//! The data-driven half of the mock: every endpoint's documented answer from `assets/mock/answers/*.toml`, and
//! the things those answers read and change (catalogs and their items, Content Blocks, SCIM users, running jobs…).
//!
//! Loaded once when the mock starts ([`load`]: a data mistake stops the start with the file and entry named).
//! For a request that passed the validator, [`Resources::answer`] tries the endpoint's documented errors
//! ([`triggers`]), then applies its op to the [`store`] ([`ops`]) and answers the documented success body with the
//! stored things placed in it. The hand-written answers of `super::answers` (sends, schedules, user exports, data
//! series) go through the same errors and ops, and then answer with their own, richer body.

mod answer;
mod load;
mod ops;
mod request;
mod spec;
mod store;
mod triggers;

use std::sync::Mutex;

use axum::http::StatusCode;
use serde_json::{Value, json};

pub(crate) use request::Request;

use super::store::Evicted;
use super::{Limits, MockError};
use crate::catalog::{self, Endpoint};
use spec::Spec;
use store::Store;

pub(crate) type Reply = (StatusCode, Value);

#[derive(Debug)]
pub(crate) struct Resources {
    spec: Spec,
    store: Mutex<Store>,
}

impl Resources {
    /// The answers of `assets/mock/answers/`, and the store seeded from them, within `limits`.
    pub fn new(limits: &Limits) -> Result<Resources, MockError> {
        Resources::from_files(catalog::mock_answers(), limits)
    }

    fn from_files(files: &[(&str, &str)], limits: &Limits) -> Result<Resources, MockError> {
        let spec = load::load(files, &catalog::endpoints().endpoints).map_err(MockError::Answers)?;
        // One stored object is at most a request body: a merge cannot grow a thing past what one request could send.
        let mut store = Store::new(spec.kinds.clone(), limits.max_things_bytes, limits.max_body);
        for s in &spec.seeds {
            store.seed(s.kind, &s.parent, &s.id, s.data.clone());
        }
        Ok(Resources { spec, store: Mutex::new(store) })
    }

    /// Adds a thing the mock starts with from outside the answers files (the fixtures' hard bounces); `false` when
    /// no `[[kind]]` has that name.
    pub fn seed(&self, kind: &str, parent: &str, id: &str, data: Value) -> bool {
        let Some(k) = self.spec.kinds.iter().position(|k| k.name == kind) else { return false };
        self.store.lock().unwrap_or_else(|p| p.into_inner()).seed(k, parent, id, data);
        true
    }

    /// The things of `kind` in `parent`, for a hand-written answer that reads the store.
    pub fn list(&self, kind: &str, parent: &str) -> Vec<Value> {
        let Some(k) = self.spec.kinds.iter().position(|k| k.name == kind) else { return Vec::new() };
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        store.list(k, parent).into_iter().cloned().collect()
    }

    /// The documented status of endpoint `e`'s success.
    #[cfg(test)]
    pub fn success(&self, e: usize) -> StatusCode {
        self.spec.answers[e].status
    }

    /// The answer of catalog endpoint `e` (`ep`) to `req`: `Err` with the first documented error it meets, else
    /// `Ok` with the documented success body once the op is applied. `new_id` names things Braze names itself.
    pub fn answer(
        &self,
        e: usize,
        ep: &Endpoint,
        req: &Request,
        now: jiff::Timestamp,
        new_id: &dyn Fn() -> String,
        evicted: &mut Vec<Evicted>,
    ) -> Result<Reply, Reply> {
        let a = &self.spec.answers[e];
        let now = now.as_second();
        let parent = a.thing.as_ref().and_then(|t| t.parent.as_ref()).and_then(|l| req.name(l)).unwrap_or_default();
        // One lock for the checks and the change, so two requests cannot both pass an `exists` or `busy` check.
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(refusal) = triggers::first(a, ep, &self.spec.kinds, req, &parent, &store, now) {
            return Err(refusal);
        }
        let Some(t) = &a.thing else { return Ok((a.status, a.body.clone())) };
        let ctx = ops::Ctx { req, parent: &parent, now };
        match ops::apply(a, t, &ctx, &mut store, new_id, evicted) {
            Ok(body) => Ok((a.status, body)),
            Err(big) => {
                let name = catalog::errors().row("bad_request").map_or("Bad Request", |r| r.name.as_str());
                let why = format!(
                    "the stored object would be {} bytes; the mock keeps things of at most {} bytes",
                    big.bytes, big.max
                );
                Err((StatusCode::BAD_REQUEST, json!({ "message": name, "errors": [why] })))
            }
        }
    }
}

#[cfg(test)]
mod tests;
