//! What connects the local file and the ledger: an exchange the ledger could not take is kept in the file with a
//! row in `ledger_outbox` ([`Store::keep_for_ledger`]), and [`Store::sync`] pushes it later; [`Store::copy_to_ledger`]
//! copies a whole local history up (`history migrate --to URL`).
//!
//! Exactly once: every push carries a key (`origin`, unique in the ledger): the key the first attempt used for an
//! outbox row, `<this file's origin name>:<local id>` for a copy. A push whose answer was lost and is made again, or
//! a copy run twice, finds its key and adds nothing. The outbox row goes only after the ledger committed.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::ledger::{Ledger, Pending, Who};
use super::{HistoryError, Store};
use crate::exchange::Exchange;

/// What a push did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Synced {
    /// Exchanges added to the ledger.
    pub pushed: u64,
    /// Exchanges the ledger already had (an earlier push or copy): nothing added.
    pub already: u64,
    /// Exchanges still only in the local file (the ledger failed part-way).
    pub left: u64,
}

impl Synced {
    /// One exchange handled: added (`new`) or found already there.
    fn count(&mut self, new: bool) {
        self.left -= 1;
        if new {
            self.pushed += 1;
        } else {
            self.already += 1;
        }
    }
}

/// A fresh random push key.
pub(crate) fn new_key() -> String {
    format!("append:{:032x}", rand::random::<u128>())
}

impl Store {
    /// Keeps `exchanges` in the local file for the ledger (each with its push key), in one transaction. Returns
    /// their local ids.
    pub(crate) fn keep_for_ledger(&self, exchanges: &[Exchange], keys: &[String]) -> Result<Vec<i64>, HistoryError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ids = Vec::with_capacity(exchanges.len());
        for (ex, key) in exchanges.iter().zip(keys) {
            let id = super::insert_by(&tx, ex, &self.who)?;
            tx.execute("INSERT INTO ledger_outbox (id, origin) VALUES (?1, ?2)", params![id, key])?;
            ids.push(id);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// How many exchanges wait in the local file for the ledger.
    pub fn pending_sync(&self) -> Result<u64, HistoryError> {
        Ok(self.lock().query_row("SELECT count(*) FROM ledger_outbox", [], |r| r.get(0))?)
    }

    /// Pushes what waits in the local file to the ledger, oldest first, each once; a replay's original is marked.
    pub fn sync(&self) -> Result<Synced, HistoryError> {
        let Some(ledger) = &self.ledger else { return Err(HistoryError::NoLedger("history sync")) };
        let waiting: Vec<(i64, String)> = {
            let conn = self.lock();
            let mut stmt = conn.prepare("SELECT id, origin FROM ledger_outbox ORDER BY id")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
        };
        let mut done = Synced { left: waiting.len() as u64, ..Synced::default() };
        for (local, key) in waiting {
            let Some(ex) = self.local_get(local)? else {
                self.lock().execute("DELETE FROM ledger_outbox WHERE id = ?1", [local])?;
                done.left -= 1;
                continue;
            };
            let who = self.sender_of(local)?;
            let (id, new) = push(ledger, &ex, who, key)?;
            if new && let Some(original) = ex.replay_of.filter(|o| *o > 0) {
                // The original may have gone meanwhile: the replay's record still says what it replays.
                let _ = ledger.mark_replayed(original, id);
            }
            self.lock().execute("DELETE FROM ledger_outbox WHERE id = ?1", [local])?;
            done.count(new);
        }
        Ok(done)
    }

    /// Copies every exchange of this (local) history into the ledger at `url`, oldest first, keeping replay links
    /// and who sent each. Run again, it adds nothing it added before.
    pub fn copy_to_ledger(&self, url: crate::config::LedgerUrl) -> Result<Synced, HistoryError> {
        let ledger = Ledger::start(url)?;
        ledger.connected()?;
        let origin = self.origin()?;
        let ids: Vec<i64> = {
            let conn = self.lock();
            let mut stmt = conn.prepare("SELECT id FROM exchanges ORDER BY id")?;
            stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        let mut mapped = std::collections::HashMap::new();
        let mut done = Synced { left: ids.len() as u64, ..Synced::default() };
        for local in ids {
            let Some(mut ex) = self.local_get(local)? else { continue };
            // A replay link names a local id: the ledger's id of that exchange (copied before: replays are newer).
            ex.replay_of = ex.replay_of.and_then(|o| mapped.get(&o).copied());
            let who = self.sender_of(local)?;
            let (id, new) = push(&ledger, &ex, who, format!("{origin}:{local}"))?;
            mapped.insert(local, id);
            if new && let Some(original) = ex.replay_of {
                let _ = ledger.mark_replayed(original, id);
            }
            done.count(new);
        }
        Ok(done)
    }

    /// Who recorded local exchange `id` (this store's user for rows older than the column).
    fn sender_of(&self, id: i64) -> Result<Who, HistoryError> {
        let row: Option<(Option<String>, Option<String>)> = self
            .lock()
            .query_row("SELECT sent_by, sent_from FROM exchanges WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (user, host) = row.unwrap_or_default();
        Ok(Who {
            user: user.unwrap_or_else(|| self.who.user.clone()),
            host: host.unwrap_or_else(|| self.who.host.clone()),
        })
    }

    /// This file's random origin name, made on first use.
    fn origin(&self) -> Result<String, HistoryError> {
        let conn = self.lock();
        let found: Option<String> =
            conn.query_row("SELECT value FROM ledger_meta WHERE key = 'origin'", [], |r| r.get(0)).optional()?;
        if let Some(o) = found {
            return Ok(o);
        }
        let origin = format!("file:{:032x}", rand::random::<u128>());
        conn.execute("INSERT INTO ledger_meta (key, value) VALUES ('origin', ?1)", [&origin])?;
        Ok(origin)
    }
}

/// Pushes one exchange with its key: its ledger id, and whether it is new.
fn push(ledger: &Ledger, ex: &Exchange, who: Who, key: String) -> Result<(i64, bool), HistoryError> {
    let ids = ledger.append(vec![Pending::new(ex, &who, Some(key))])?;
    ids.first().copied().ok_or(HistoryError::NotFound(0))
}
