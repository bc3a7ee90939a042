//! Replay claims: how "a replay never re-sends an exchange twice" holds across processes and machines.
//!
//! An exchange a replay wants goes through these states (the `claim_state` column):
//! - none: not claimed; a replay may claim it.
//! - `claimed`: a replay took it ([`Store::claim`], one `UPDATE` whose `WHERE` says "still claimable", so of two
//!   replays racing for it exactly one gets it) but has not sent it. Nothing left: if that replay dies, the claim
//!   goes stale after the claim timeout and the exchange is offered again ([`Store::expire_claims`], or a later
//!   claim takes it over directly).
//! - `sending`: the request may have left ([`Store::start_sending`], just before the request goes out; it fails if
//!   the claim was taken over meanwhile). When the replay is recorded the original's `replayed_by` is set and the
//!   claim is `done`. If the replay dies before recording, nobody knows whether the server received it: after the
//!   claim timeout it becomes `unknown`, is never re-sent automatically, and `history list --unknown` lists it for a
//!   person to decide.
//! - `done`: replayed (`replayed_by` is set).
//!
//! Times come from the caller (its clock), so tests inject them.

use rusqlite::params;

use super::{HistoryError, Store};

/// Proof of one claim: only its holder can move it on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimToken(String);

impl ClaimToken {
    fn new() -> ClaimToken {
        ClaimToken(format!("{:032x}", rand::random::<u128>()))
    }
}

impl Store {
    /// The claim timeout this store applies (`claim_timeout_secs`).
    pub fn claim_timeout(&self) -> std::time::Duration {
        self.claim_timeout
    }

    fn timeout_us(&self) -> i64 {
        i64::try_from(self.claim_timeout.as_micros()).unwrap_or(i64::MAX)
    }

    /// Claims exchange `id` for a replay at `now`: `None` when another replay holds it (a claim younger than the
    /// timeout) or it was replayed or may have been.
    pub fn claim(&self, id: i64, now: jiff::Timestamp) -> Result<Option<ClaimToken>, HistoryError> {
        let token = ClaimToken::new();
        let (now_us, timeout_us) = (now.as_microsecond(), self.timeout_us());
        let won = match &self.ledger {
            Some(l) => l.claim(id, self.who.user.clone(), token.0.clone(), now_us, timeout_us)?,
            None => {
                let conn = self.lock();
                conn.execute(
                    "UPDATE exchanges SET claim_state = 'claimed', claim_by = ?2, claim_at_us = ?3, claim_token = ?4
                     WHERE id = ?1 AND replayed_by IS NULL
                       AND (claim_state IS NULL OR (claim_state = 'claimed' AND claim_at_us < ?3 - ?5))",
                    params![id, self.who.user, now_us, token.0, timeout_us],
                )? == 1
            }
        };
        Ok(won.then_some(token))
    }

    /// Notes that the claimed request is about to leave: from here on, a replay that dies leaves it `unknown`.
    /// False when the claim is no longer this one's (it went stale and another replay took it): do not send.
    pub fn start_sending(&self, id: i64, token: &ClaimToken, now: jiff::Timestamp) -> Result<bool, HistoryError> {
        let now_us = now.as_microsecond();
        match &self.ledger {
            Some(l) => l.start_sending(id, token.0.clone(), now_us),
            None => Ok(self.lock().execute(
                "UPDATE exchanges SET claim_state = 'sending', claim_at_us = ?3
                 WHERE id = ?1 AND claim_token = ?2 AND claim_state = 'claimed' AND replayed_by IS NULL",
                params![id, token.0, now_us],
            )? == 1),
        }
    }

    /// Gives back a claim whose request was not sent (the run was cancelled first).
    pub fn release_claim(&self, id: i64, token: &ClaimToken) -> Result<(), HistoryError> {
        match &self.ledger {
            Some(l) => l.release(id, token.0.clone()),
            None => {
                self.lock().execute(
                    "UPDATE exchanges SET claim_state = NULL, claim_token = NULL
                     WHERE id = ?1 AND claim_token = ?2 AND claim_state = 'claimed'",
                    params![id, token.0],
                )?;
                Ok(())
            }
        }
    }

    /// Releases the stale claims whose request never left, and marks `unknown` the stale ones whose request may
    /// have: returns the ids that became unknown now.
    pub fn expire_claims(&self, now: jiff::Timestamp) -> Result<Vec<i64>, HistoryError> {
        let (now_us, timeout_us) = (now.as_microsecond(), self.timeout_us());
        if let Some(l) = &self.ledger {
            return l.expire(now_us, timeout_us);
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE exchanges SET claim_state = NULL, claim_token = NULL
             WHERE claim_state = 'claimed' AND claim_at_us < ?1 - ?2",
            params![now_us, timeout_us],
        )?;
        let unknown: Vec<i64> = {
            let mut stmt = tx.prepare(
                "UPDATE exchanges SET claim_state = 'unknown'
                 WHERE claim_state = 'sending' AND replayed_by IS NULL AND claim_at_us < ?1 - ?2 RETURNING id",
            )?;
            stmt.query_map(params![now_us, timeout_us], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        tx.commit()?;
        let mut unknown = unknown;
        unknown.sort_unstable();
        Ok(unknown)
    }
}
