//! Replay claims in the ledger: each a single `UPDATE … WHERE <still claimable> RETURNING`, so two brazens on two
//! machines racing for one exchange are ordered by the row lock and the loser's `WHERE` no longer holds when it is
//! re-checked (PostgreSQL re-evaluates it on the row the winner committed): exactly one gets the row back.
//! See `super::super::claims` for the states.

use super::Ledger;
use crate::history::HistoryError;

impl Ledger {
    pub(crate) fn claim(
        &self,
        id: i64,
        by: String,
        token: String,
        now_us: i64,
        timeout_us: i64,
    ) -> Result<bool, HistoryError> {
        self.with(move |c| {
            let row = c.query_opt(
                "UPDATE exchanges SET claim_state = 'claimed', claim_by = $2, claim_at_us = $3, claim_token = $4
                 WHERE id = $1 AND replayed_by IS NULL
                   AND (claim_state IS NULL OR (claim_state = 'claimed' AND claim_at_us < $3::bigint - $5::bigint))
                 RETURNING id",
                &[&id, &by, &now_us, &token, &timeout_us],
            )?;
            Ok(row.is_some())
        })
    }

    pub(crate) fn start_sending(&self, id: i64, token: String, now_us: i64) -> Result<bool, HistoryError> {
        self.with(move |c| {
            let n = c.execute(
                "UPDATE exchanges SET claim_state = 'sending', claim_at_us = $3
                 WHERE id = $1 AND claim_token = $2 AND claim_state = 'claimed' AND replayed_by IS NULL",
                &[&id, &token, &now_us],
            )?;
            Ok(n == 1)
        })
    }

    pub(crate) fn release(&self, id: i64, token: String) -> Result<(), HistoryError> {
        self.with(move |c| {
            c.execute(
                "UPDATE exchanges SET claim_state = NULL, claim_token = NULL
                 WHERE id = $1 AND claim_token = $2 AND claim_state = 'claimed'",
                &[&id, &token],
            )
            .map(drop)
        })
    }

    pub(crate) fn expire(&self, now_us: i64, timeout_us: i64) -> Result<Vec<i64>, HistoryError> {
        self.with(move |c| {
            let mut tx = c.transaction()?;
            tx.execute(
                "UPDATE exchanges SET claim_state = NULL, claim_token = NULL
                 WHERE claim_state = 'claimed' AND claim_at_us < $1::bigint - $2::bigint",
                &[&now_us, &timeout_us],
            )?;
            let mut unknown: Vec<i64> = tx
                .query(
                    "UPDATE exchanges SET claim_state = 'unknown'
                     WHERE claim_state = 'sending' AND replayed_by IS NULL AND claim_at_us < $1::bigint - $2::bigint RETURNING id",
                    &[&now_us, &timeout_us],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            tx.commit()?;
            unknown.sort_unstable();
            Ok(unknown)
        })
    }
}
