//! The persistent history: every exchange the TUI or `send` makes, in SQLite (WAL), behind a narrow API
//! (append, list/filter, get, mark replayed, delete/prune/compact, import) so a shared server store can slot in later.
//!
//! Durability: each append is one `IMMEDIATE` transaction. In WAL mode a commit is in the log before
//! `append` returns, so a killed process never loses it. `synchronous = FULL` also syncs the log at every
//! commit, so a power cut or kernel crash does not lose it either: the history is the record of what was sent
//! to a production API, an append happens once per network round trip (milliseconds to seconds), and one
//! fsync per append is noise next to that. `NORMAL` would only survive process crashes.
//!
//! An IO adapter: what a row means (its class, whether it failed) is decided in the core
//! ([`crate::answer`]); this module maps those types to columns and back. It must not import the front ends
//! (`cli`, `tui`), the client or the mock.

mod housekeeping;
mod query;
mod read_only;
mod schema;
mod search;

#[doc(hidden)]
/// Test-only (`test-support`): not in the shipped binary.
#[cfg(any(test, feature = "test-support"))]
pub mod fixtures;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::exchange::Exchange;
use crate::scrub::Scrubbed;

pub use housekeeping::{Deleted, Imported, ImportedFrom};
pub use query::{Filter, Summary, normalize_endpoint};
pub use schema::SCHEMA_VERSION;
pub use search::INDEXED_BODY_BYTES;

/// How long a writer waits for another process's transaction (the TUI and a `brazen send` may share the file).
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("history database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot open the history database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot create {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("history record {id} is unreadable: {source}")]
    Record {
        id: i64,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot encode an exchange for the history: {0}")]
    Encode(#[source] serde_json::Error),
    #[error(
        "the history database has schema version {found}, newer than this brazen knows ({known}); \
         upgrade brazen or set BRAZEN_HOME to another folder"
    )]
    TooNew { found: u32, known: u32 },
    #[error(
        "the history database {} has schema version {found}, older than this brazen's ({known}), and cannot be \
         upgraded while it is read-only; let brazen write to it once (any `brazen send`)",
        path.display()
    )]
    TooOldToRead { path: PathBuf, found: u32, known: u32 },
    #[error("no exchange #{0} in the history")]
    NotFound(i64),
}

/// The history database. Safe to share between threads (`Arc<Store>`); every call is short.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating it and its folder if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Store, HistoryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| HistoryError::Io { path: dir.to_path_buf(), source })?;
        }
        create_private(path)?;
        let conn = Connection::open(path)?;
        Store::setup(conn, Some(path.to_path_buf())).map_err(|e| match e {
            // Name the file: "file is not a database" alone does not say which.
            HistoryError::Sqlite(source) => HistoryError::Open { path: path.to_path_buf(), source },
            e => e,
        })
    }

    /// The database at `crate::config::Paths::resolve().history_db` (`BRAZEN_HOME` overrides).
    pub fn open_default() -> Result<Store, HistoryError> {
        Store::open(&crate::config::Paths::resolve().history_db)
    }

    /// A database that lives as long as the store (tests, `--no-history`).
    pub fn open_in_memory() -> Result<Store, HistoryError> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, HistoryError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Returns the mode in effect; in-memory databases stay "memory", which is fine.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&mut conn)?;
        search::attach_vocabulary(&conn)?;
        Ok(Store { conn: Mutex::new(conn), path })
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction open (rusqlite rolls back on drop),
        // so the connection is still good.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records one exchange in its own transaction, credentials scrubbed. Returns the new id.
    pub fn append(&self, ex: &Exchange) -> Result<i64, HistoryError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert(&tx, ex)?;
        tx.commit()?;
        Ok(id)
    }

    /// Records several exchanges in one transaction (all or none). Returns their ids in order.
    pub fn append_many(&self, exchanges: &[Exchange]) -> Result<Vec<i64>, HistoryError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids = exchanges.iter().map(|ex| insert(&tx, ex)).collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(ids)
    }

    /// Exchanges matching `filter`, newest first (by time, then id).
    pub fn list(&self, filter: &Filter) -> Result<Vec<Summary>, HistoryError> {
        self.list_planned(filter, None)
    }

    /// `list` with the search plan chosen by the caller (tests compare the plans) or, with `None`, by cost.
    fn list_planned(&self, filter: &Filter, plan: Option<search::Plan>) -> Result<Vec<Summary>, HistoryError> {
        let conn = self.lock();
        let plan = match (plan, query::search_of(filter)) {
            (Some(plan), _) => plan,
            (None, Some(search)) => search::choose(&conn, &search, filter.limit)?,
            (None, None) => search::Plan::Indexed,
        };
        let subpaths = match filter.endpoint.as_deref() {
            Some(ep) if !ep.trim().ends_with('*') => query::has_subpaths(&conn, ep)?,
            _ => false,
        };
        let (sql, params) = query::build(filter, &plan, subpaths);
        let mut stmt = conn.prepare_cached(&sql)?;
        let named: Vec<(&str, &dyn rusqlite::ToSql)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
        let rows = stmt.query_map(named.as_slice(), query::summary_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The summary of one exchange.
    pub fn summary(&self, id: i64) -> Result<Option<Summary>, HistoryError> {
        let conn = self.lock();
        let sql = format!("SELECT {} FROM exchanges e WHERE e.id = ?1", query::SUMMARY_COLUMNS);
        Ok(conn.query_row(&sql, [id], query::summary_from_row).optional()?)
    }

    /// The whole exchange, with `id` set.
    pub fn get(&self, id: i64) -> Result<Option<Exchange>, HistoryError> {
        let conn = self.lock();
        let record: Option<String> =
            conn.query_row("SELECT record FROM exchange_records WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        record.map(|r| decode(id, &r)).transpose()
    }

    /// Notes that exchange `id` was re-sent as exchange `by`.
    pub fn mark_replayed(&self, id: i64, by: i64) -> Result<(), HistoryError> {
        let conn = self.lock();
        let changed = conn.execute("UPDATE exchanges SET replayed_by = ?2 WHERE id = ?1", params![id, by])?;
        if changed == 0 {
            return Err(HistoryError::NotFound(id));
        }
        Ok(())
    }

    pub fn count(&self) -> Result<u64, HistoryError> {
        let conn = self.lock();
        Ok(conn.query_row("SELECT count(*) FROM exchanges", [], |r| r.get(0))?)
    }

    /// The schema version of the open database (equals [`SCHEMA_VERSION`] after `open`).
    pub fn schema_version(&self) -> Result<u32, HistoryError> {
        schema::version(&self.lock())
    }
}

/// Creates the file readable by its owner only: it holds request bodies with user ids and addresses.
/// SQLite gives its `-wal` and `-shm` files the same mode.
fn create_private(path: &Path) -> Result<(), HistoryError> {
    if path.exists() {
        return Ok(());
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    opts.open(path).map(drop).map_err(|source| HistoryError::Io { path: path.to_path_buf(), source })
}

/// Every write goes through here: the record, its summary columns and its search text all come from the one
/// [`Scrubbed`] copy, so no field of an exchange reaches the file without passing the scrubber.
fn insert(tx: &Transaction<'_>, ex: &Exchange) -> Result<i64, HistoryError> {
    let mut ex = ex.clone();
    ex.id = None;
    let ex = crate::scrub::exchange(&ex, &crate::scrub::Secrets::new());
    let id = insert_row(tx, &ex)?;
    // The version-4 column: only an exchange sent from a saved request has one.
    if let Some(name) = &ex.saved_request {
        tx.execute("UPDATE exchanges SET saved_request = ?2 WHERE id = ?1", params![id, name])?;
    }
    search::index(tx, id, &ex)?;
    Ok(id)
}

/// Writes the summary row and the record (the version-1 tables).
fn insert_row(tx: &Transaction<'_>, ex: &Scrubbed<Exchange>) -> Result<i64, HistoryError> {
    let record = serde_json::to_string(&**ex).map_err(HistoryError::Encode)?;
    // The domain derives the row and decides whether it failed; this only maps them to columns.
    let last = ex.last_answer();
    tx.execute(
        "INSERT INTO exchanges (time_us, environment, method, endpoint, url, status, class, outcome, error, name,
                                network, failed, duration_ms, attempts, replay_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            ex.time.as_microsecond(),
            ex.environment,
            ex.request.method,
            ex.request.endpoint,
            ex.request.url,
            last.status,
            last.class.and_then(|c| c.name()),
            last.outcome.map(|o| o.as_str()),
            last.error,
            last.name,
            last.network.and_then(|k| query::column_name(&k)),
            last.worth_replaying(),
            ex.duration_ms(),
            u32::try_from(last.attempts).unwrap_or(u32::MAX),
            ex.replay_of,
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute("INSERT INTO exchange_records (id, record) VALUES (?1, ?2)", params![id, record])?;
    Ok(id)
}

pub(crate) fn decode(id: i64, record: &str) -> Result<Exchange, HistoryError> {
    let mut ex: Exchange = serde_json::from_str(record).map_err(|source| HistoryError::Record { id, source })?;
    ex.id = Some(id);
    Ok(ex.with_catalog())
}

#[cfg(test)]
mod tests;
