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

mod claims;
mod housekeeping;
pub mod ledger;
mod query;
mod read_only;
mod schema;
mod search;
mod sync;

#[doc(hidden)]
/// Test-only (`test-support`): not in the shipped binary.
#[cfg(any(test, feature = "test-support"))]
pub mod fixtures;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::exchange::Exchange;
use crate::scrub::Scrubbed;

pub use claims::ClaimToken;
pub use housekeeping::{Deleted, Imported, ImportedFrom};
pub use ledger::{LEDGER_SCHEMA_VERSION, Who};
pub use query::{Filter, Summary, normalize_endpoint};
pub use schema::SCHEMA_VERSION;
pub use search::INDEXED_BODY_BYTES;
pub use sync::Synced;

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
    /// The ledger answered with an error (the URL's password masked, as in every message here).
    #[error("history ledger {url}: {message}")]
    Ledger { url: String, message: String },
    /// The ledger cannot be reached now; a send keeps its exchange in the local history for `history sync`.
    #[error("history ledger {url} is unreachable: {message}")]
    LedgerUnreachable { url: String, message: String },
    #[error("{0} needs the shared ledger (history_url or BRAZEN_HISTORY_URL); this history is the local file only")]
    NoLedger(&'static str),
}

/// The history database. Safe to share between threads (`Arc<Store>`); every call is short.
///
/// The local SQLite file is always open. With a ledger (`history_url`), every read and write goes to the ledger, and
/// the file only keeps what could not be written there (an outage) until [`Store::sync`] pushes it: one `Store`
/// with an optional ledger rather than two types, so every caller (the CLI, the services, the TUI) keeps its code,
/// and the fallback needs no second handle. Exchanges kept locally while the ledger is down have negative ids
/// (`-local_id`) until pushed, so the two id spaces never mix.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    who: Who,
    claim_timeout: std::time::Duration,
    ledger: Option<ledger::Ledger>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("ledger", &self.ledger).finish_non_exhaustive()
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
    ///
    /// Test builds only: with `BRAZEN_TEST_MEMORY_LEDGER_URL` set (a PostgreSQL server URL whose user may create
    /// databases), each store is a fresh ledger database on that server instead, so the store's test suites run
    /// unchanged against both backends (`.ci/run` runs them both ways).
    pub fn open_in_memory() -> Result<Store, HistoryError> {
        let local = Store::setup(Connection::open_in_memory()?, None)?;
        #[cfg(any(test, feature = "test-support"))]
        if let Some(server) = std::env::var("BRAZEN_TEST_MEMORY_LEDGER_URL").ok().filter(|v| !v.is_empty()) {
            let url = fixtures::fresh_ledger_database(&server)?;
            return local.with_ledger(url);
        }
        Ok(local)
    }

    /// The history `cfg` chooses: the local file, and the ledger when `history_url` is set (what an earlier outage
    /// kept locally is pushed now; an unreachable ledger is not an error here: sends fall back to the file and the
    /// next start or `history sync` pushes).
    pub fn open_configured(cfg: &crate::config::Config) -> Result<Store, HistoryError> {
        let store = Store::open(&cfg.paths.history_db)?
            .with_who(Who { user: cfg.user.value.clone(), host: ledger::host_name() })
            .with_claim_timeout(std::time::Duration::from_secs(cfg.claim_timeout_secs.value));
        match &cfg.history_url {
            None => Ok(store),
            Some(url) => {
                let store = store.with_ledger(url.value.clone())?;
                // Only when something waits: otherwise the ledger is not contacted before the first use, so a send
                // goes out before brazen talks to the ledger at all. Best effort: what cannot be pushed now stays
                // for the next start or `history sync`.
                if store.pending_sync()? > 0 && store.ledger_reachable() {
                    let _ = store.sync();
                }
                Ok(store)
            }
        }
    }

    /// This store with `who` recorded as the sender of what it appends.
    pub fn with_who(mut self, who: Who) -> Store {
        self.who = who;
        self
    }

    /// This store with replay claims held for `timeout` (see [`Store::claim`]).
    pub fn with_claim_timeout(mut self, timeout: std::time::Duration) -> Store {
        self.claim_timeout = timeout;
        self
    }

    /// This store writing to and reading from the ledger at `url`, its file kept for outages. Does not connect
    /// yet: see [`Store::ledger_reachable`].
    pub fn with_ledger(mut self, url: crate::config::LedgerUrl) -> Result<Store, HistoryError> {
        self.ledger = Some(ledger::Ledger::start(url)?);
        Ok(self)
    }

    /// The ledger's URL (masked when printed), `None` for the local history.
    pub fn ledger_url(&self) -> Option<&crate::config::LedgerUrl> {
        self.ledger.as_ref().map(ledger::Ledger::url)
    }

    /// Whether the ledger answers now (connecting and migrating it if needed); false without one.
    pub fn ledger_reachable(&self) -> bool {
        self.ledger.as_ref().is_some_and(|l| l.connected().is_ok())
    }

    /// Connects to the ledger now: its error (masked) when it cannot be reached.
    pub fn check_ledger(&self) -> Result<(), HistoryError> {
        match &self.ledger {
            Some(l) => l.connected(),
            None => Err(HistoryError::NoLedger("checking the ledger")),
        }
    }

    /// Who this store records as the sender.
    pub fn who(&self) -> &Who {
        &self.who
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, HistoryError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Returns the mode in effect; in-memory databases stay "memory", which is fine.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&mut conn)?;
        search::attach_vocabulary(&conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
            who: Who::current(),
            claim_timeout: std::time::Duration::from_secs(crate::config::DEFAULT_CLAIM_TIMEOUT_SECS),
            ledger: None,
        })
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
    ///
    /// With a ledger, an exchange the ledger cannot take (down, unreachable) is kept in the local file instead,
    /// queued for [`Store::sync`], and its id is negative: sending never waits on the ledger for longer than one
    /// connect timeout, and nothing is lost.
    pub fn append(&self, ex: &Exchange) -> Result<i64, HistoryError> {
        if let Some(l) = &self.ledger {
            // The key makes the append happen once even when the ledger took it but its answer was lost: the
            // local copy carries the same key, and the push of it adds nothing.
            let key = sync::new_key();
            return match l.append(vec![ledger::Pending::new(ex, &self.who, Some(key.clone()))]) {
                Ok(ids) => ids.first().map(|(id, _)| *id).ok_or(HistoryError::NotFound(0)),
                Err(_) => {
                    let kept = self.keep_for_ledger(std::slice::from_ref(ex), &[key])?;
                    kept.first().map(|id| -id).ok_or(HistoryError::NotFound(0))
                }
            };
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_by(&tx, ex, &self.who)?;
        tx.commit()?;
        Ok(id)
    }

    /// Records several exchanges in one transaction (all or none). Returns their ids in order.
    pub fn append_many(&self, exchanges: &[Exchange]) -> Result<Vec<i64>, HistoryError> {
        if let Some(l) = &self.ledger {
            let keys: Vec<String> = exchanges.iter().map(|_| sync::new_key()).collect();
            let items = exchanges
                .iter()
                .zip(&keys)
                .map(|(ex, k)| ledger::Pending::new(ex, &self.who, Some(k.clone())))
                .collect();
            return match l.append(items) {
                Ok(ids) => Ok(ids.into_iter().map(|(id, _)| id).collect()),
                Err(_) => Ok(self.keep_for_ledger(exchanges, &keys)?.into_iter().map(|id| -id).collect()),
            };
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids = exchanges.iter().map(|ex| insert_by(&tx, ex, &self.who)).collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(ids)
    }

    /// Exchanges matching `filter`, newest first (by time, then id).
    pub fn list(&self, filter: &Filter) -> Result<Vec<Summary>, HistoryError> {
        self.list_planned(filter, None)
    }

    /// `list` with the search plan chosen by the caller (tests compare the plans) or, with `None`, by cost.
    fn list_planned(&self, filter: &Filter, plan: Option<search::Plan>) -> Result<Vec<Summary>, HistoryError> {
        if let Some(l) = &self.ledger {
            return l.list(filter);
        }
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
        match &self.ledger {
            Some(_) if id < 0 => return Ok(self.local_summary(-id)?.map(|s| Summary { id, ..s })),
            Some(l) => return l.summary(id),
            None => {}
        }
        self.local_summary(id)
    }

    fn local_summary(&self, id: i64) -> Result<Option<Summary>, HistoryError> {
        let conn = self.lock();
        let sql = format!("SELECT {} FROM exchanges e WHERE e.id = ?1", query::SUMMARY_COLUMNS);
        Ok(conn.query_row(&sql, [id], query::summary_from_row).optional()?)
    }

    /// The whole exchange, with `id` set.
    pub fn get(&self, id: i64) -> Result<Option<Exchange>, HistoryError> {
        match &self.ledger {
            Some(_) if id < 0 => {
                return Ok(self.local_get(-id)?.map(|mut ex| {
                    ex.id = Some(id);
                    ex
                }));
            }
            Some(l) => return l.get(id),
            None => {}
        }
        self.local_get(id)
    }

    fn local_get(&self, id: i64) -> Result<Option<Exchange>, HistoryError> {
        let conn = self.lock();
        let record: Option<String> =
            conn.query_row("SELECT record FROM exchange_records WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        record.map(|r| decode(id, &r)).transpose()
    }

    /// Notes that exchange `id` was re-sent as exchange `by`.
    ///
    /// With a ledger, a replay kept locally (negative `by`) is linked when [`Store::sync`] pushes it.
    pub fn mark_replayed(&self, id: i64, by: i64) -> Result<(), HistoryError> {
        match &self.ledger {
            Some(_) if by < 0 || id < 0 => return Ok(()),
            Some(l) => return l.mark_replayed(id, by),
            None => {}
        }
        let conn = self.lock();
        let changed = conn.execute(
            "UPDATE exchanges SET replayed_by = ?2,
                claim_state = CASE WHEN claim_state IS NULL THEN NULL ELSE 'done' END
             WHERE id = ?1",
            params![id, by],
        )?;
        if changed == 0 {
            return Err(HistoryError::NotFound(id));
        }
        Ok(())
    }

    pub fn count(&self) -> Result<u64, HistoryError> {
        if let Some(l) = &self.ledger {
            return l.count();
        }
        let conn = self.lock();
        Ok(conn.query_row("SELECT count(*) FROM exchanges", [], |r| r.get(0))?)
    }

    /// The schema version of the open database (equals [`SCHEMA_VERSION`] after `open`).
    /// With a ledger, the ledger's ([`LEDGER_SCHEMA_VERSION`]).
    pub fn schema_version(&self) -> Result<u32, HistoryError> {
        if let Some(l) = &self.ledger {
            return l.schema_version();
        }
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
    let ex = scrubbed(ex);
    let id = insert_row(tx, &ex)?;
    // The version-4 column: only an exchange sent from a saved request has one.
    if let Some(name) = &ex.saved_request {
        tx.execute("UPDATE exchanges SET saved_request = ?2 WHERE id = ?1", params![id, name])?;
    }
    search::index(tx, id, &ex)?;
    Ok(id)
}

/// [`insert`], and who recorded it (the version-6 columns).
fn insert_by(tx: &Transaction<'_>, ex: &Exchange, who: &Who) -> Result<i64, HistoryError> {
    let id = insert(tx, ex)?;
    tx.execute("UPDATE exchanges SET sent_by = ?2, sent_from = ?3 WHERE id = ?1", params![id, who.user, who.host])?;
    Ok(id)
}

/// The copy of `ex` that may be stored, in the file or the ledger alike: credentials scrubbed, no id.
pub(crate) fn scrubbed(ex: &Exchange) -> Scrubbed<Exchange> {
    let mut ex = ex.clone();
    ex.id = None;
    crate::scrub::exchange(&ex, &crate::scrub::Secrets::new())
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
