//! Removing exchanges (`history delete`, `history prune`), giving the space back (`compact`), and adding an
//! exchange that came from elsewhere (`import bundle`).
//!
//! Replay links when an exchange goes:
//! - an exchange that re-sent a deleted one (`replay_of` = the deleted id) keeps its own record and loses the
//!   link: `replay_of` becomes NULL in the column and in the record, so nothing points at a missing row;
//! - an exchange whose replay is deleted (`replayed_by` = the deleted id) loses the link too, and so counts as not
//!   replayed again: the caller is told which ([`Deleted::unmarked`]) so it can say so, since `brazen replay` would
//!   then offer it again. `prune` never does this: a replay is always newer than what it re-sent, so a prune that
//!   takes the replay takes the original with it.
//!
//! Space: deleted rows leave free pages inside the file, which SQLite reuses but never gives back by itself
//! (`auto_vacuum` is off). [`Store::compact`] runs a full `VACUUM` and then truncates the write-ahead log. A full
//! vacuum and not `auto_vacuum = INCREMENTAL`: switching an existing database to incremental needs one full vacuum
//! anyway, incremental vacuum only moves free pages to the end (the pages left half-empty by deleted records and
//! by the search index stay half-empty), and this runs only when someone asks for housekeeping, where rewriting the
//! history once (it needs as much free disk as the database's size) is an acceptable price.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::{HistoryError, Store, insert_by};
use crate::exchange::Exchange;

/// What `delete` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Deleted {
    /// The ids removed, ascending.
    pub deleted: Vec<i64>,
    /// The ids asked for that were not in the history, ascending.
    pub missing: Vec<i64>,
    /// Exchanges (still in the history) whose replay was deleted: no longer marked as replayed.
    pub unmarked: Vec<i64>,
}

/// Where an imported exchange came from (the `imported_from` column, as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedFrom {
    /// The bundle's file name as given to `import bundle` (`-` for standard input).
    pub file: String,
    /// The environment it was sent to, as the sender named it.
    pub environment: String,
    /// Its id in the sender's history.
    pub id: i64,
    /// When the sender exported it.
    pub exported_at: jiff::Timestamp,
    /// The version of the brazen that exported it.
    pub brazen_version: String,
}

/// What `import` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// Added as this new id.
    New(i64),
    /// The same exchange (the same original environment, id and time) was imported before, as this id: nothing
    /// was added.
    Already(i64),
}

impl Imported {
    pub fn id(self) -> i64 {
        match self {
            Imported::New(id) | Imported::Already(id) => id,
        }
    }
}

impl Store {
    /// Removes the exchanges `ids` (duplicates ignored) in one transaction, with their records and search text.
    /// Ids not in the history are reported in [`Deleted::missing`], not an error.
    pub fn delete(&self, ids: &[i64]) -> Result<Deleted, HistoryError> {
        let mut wanted = ids.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        if let Some(l) = &self.ledger {
            return l.delete(wanted);
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut present = Vec::new();
        let mut missing = Vec::new();
        {
            let mut exists = tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM exchanges WHERE id = ?1)")?;
            for id in wanted {
                if exists.query_row([id], |r| r.get::<_, bool>(0))? {
                    present.push(id);
                } else {
                    missing.push(id);
                }
            }
        }
        doom(
            &tx,
            "SELECT value FROM json_each(?1)",
            params![serde_json::to_string(&present).map_err(HistoryError::Encode)?],
        )?;
        let unmarked = remove_doomed(&tx)?;
        tx.commit()?;
        Ok(Deleted { deleted: present, missing, unmarked })
    }

    /// Removes every exchange recorded strictly before `before`, in one transaction. Returns how many went.
    pub fn prune(&self, before: jiff::Timestamp) -> Result<u64, HistoryError> {
        if let Some(l) = &self.ledger {
            return l.prune(before);
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = doom(&tx, "SELECT id FROM exchanges WHERE time_us < ?1", params![before.as_microsecond()])?;
        remove_doomed(&tx)?;
        tx.commit()?;
        Ok(n)
    }

    /// Gives the space of removed exchanges back to the file system: `VACUUM`, then a truncating checkpoint so the
    /// write-ahead log does not keep the rewritten pages. Waits for other connections as long as any call does.
    pub fn compact(&self) -> Result<(), HistoryError> {
        if let Some(l) = &self.ledger {
            return l.compact();
        }
        let conn = self.lock();
        conn.execute_batch("VACUUM")?;
        // (busy, log pages, checkpointed pages); in memory there is no log and all three read as -1 or 0.
        let _: (i64, i64, i64) =
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(())
    }

    /// Adds an exchange that came from someone else's history, marked with where it came from (credentials are
    /// scrubbed as in [`Store::append`]; `replay_of` is dropped: it named a row of the other history). When the
    /// same exchange (original environment, id and time) was imported before, adds nothing.
    pub fn import(&self, ex: &Exchange, from: &ImportedFrom) -> Result<Imported, HistoryError> {
        if let Some(l) = &self.ledger {
            let mut ex = ex.clone();
            ex.replay_of = None;
            return l.import(super::ledger::Pending::new(&ex, &self.who, None), from.clone());
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let earlier: Option<i64> = tx
            .query_row(
                "SELECT id FROM exchanges
                 WHERE imported_from IS NOT NULL
                   AND json_extract(imported_from, '$.environment') = ?1 AND json_extract(imported_from, '$.id') = ?2
                   AND time_us = ?3
                 ORDER BY id LIMIT 1",
                params![from.environment, from.id, ex.time.as_microsecond()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = earlier {
            return Ok(Imported::Already(id));
        }
        let mut ex = ex.clone();
        ex.replay_of = None;
        let id = insert_by(&tx, &ex, &self.who)?;
        let from = serde_json::to_string(from).map_err(HistoryError::Encode)?;
        tx.execute("UPDATE exchanges SET imported_from = ?2 WHERE id = ?1", params![id, from])?;
        tx.commit()?;
        Ok(Imported::New(id))
    }
}

/// Fills the temporary table `doomed` with the ids `select` returns. Returns how many.
fn doom(tx: &Transaction<'_>, select: &str, p: impl rusqlite::Params) -> Result<u64, HistoryError> {
    tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY); DELETE FROM temp.doomed;")?;
    let n = tx.execute(&format!("INSERT OR IGNORE INTO temp.doomed (id) {select}"), p)?;
    Ok(n as u64)
}

/// Removes the exchanges in `doomed` (row, record, search text and its index entries) and unlinks the replays
/// that point at them (see the module doc). Returns the surviving exchanges no longer marked as replayed.
fn remove_doomed(tx: &Transaction<'_>) -> Result<Vec<i64>, HistoryError> {
    // Replays of a removed exchange: the link goes from the column and from the record alike.
    tx.execute_batch(
        "UPDATE exchange_records SET record = json_set(record, '$.replay_of', NULL)
            WHERE id IN (SELECT id FROM exchanges WHERE replay_of IN (SELECT id FROM temp.doomed))
              AND id NOT IN (SELECT id FROM temp.doomed);
         UPDATE exchanges SET replay_of = NULL
            WHERE replay_of IN (SELECT id FROM temp.doomed) AND id NOT IN (SELECT id FROM temp.doomed);",
    )?;
    let unmarked: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM exchanges
             WHERE replayed_by IN (SELECT id FROM temp.doomed) AND id NOT IN (SELECT id FROM temp.doomed)
             ORDER BY id",
        )?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    tx.execute_batch(
        "UPDATE exchanges SET replayed_by = NULL
            WHERE replayed_by IN (SELECT id FROM temp.doomed) AND id NOT IN (SELECT id FROM temp.doomed);
         INSERT INTO exchange_search (exchange_search, rowid, text)
            SELECT 'delete', id, text FROM exchange_text WHERE id IN (SELECT id FROM temp.doomed);
         DELETE FROM exchange_text    WHERE id IN (SELECT id FROM temp.doomed);
         DELETE FROM exchange_records WHERE id IN (SELECT id FROM temp.doomed);
         DELETE FROM exchanges        WHERE id IN (SELECT id FROM temp.doomed);
         DELETE FROM temp.doomed;",
    )?;
    Ok(unmarked)
}
