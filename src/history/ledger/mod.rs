//! The shared team ledger: the history in PostgreSQL, behind the same [`super::Store`] methods as the SQLite file.
//!
//! Driver: the synchronous `postgres` crate (the store's interface is synchronous, and every caller already treats a
//! history call as short blocking IO), with `tokio-postgres-rustls` on rustls' ring provider for TLS. That crate runs
//! its own small tokio runtime and panics when its blocking calls are made, or its client dropped, on a thread that
//! is inside another runtime, and brazen's callers are: `run_replay` records from an async task, the TUI from
//! `spawn_blocking`. So the one connection lives on a worker thread of its own ([`Ledger::call`] hands it a
//! closure and waits for the answer); no caller's thread ever touches it, whatever runtime it is in.
//!
//! Bounds: one connection per process (the worker's; the store is shared behind an `Arc` as before and every call
//! is short, so a pool would only multiply server connections across a team), a connect timeout of
//! [`CONNECT_TIMEOUT`], a statement timeout of [`STATEMENT_TIMEOUT`], and after a failed connect no new attempt for
//! [`RETRY_AFTER`], so a send whose ledger is down records locally at once instead of waiting on every exchange.

mod claims;
mod query;
mod schema;
mod tls;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use postgres::Client;
use postgres::types::ToSql;

use super::{HistoryError, ImportedFrom, Summary, scrubbed, search};
use crate::config::LedgerUrl;
use crate::exchange::Exchange;
use crate::scrub::Scrubbed;

pub use schema::LEDGER_SCHEMA_VERSION;

/// How long opening a connection may take: the server is on the team's network, and a send waits this long at
/// most (once per [`RETRY_AFTER`]) before its exchange goes to the local history instead.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long one statement may run: a list of a page, an append, a claim; a `history prune` of a large ledger is
/// the longest and deletes by index.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(60);
/// After a failed connect, calls fail at once for this long instead of each waiting out [`CONNECT_TIMEOUT`].
pub const RETRY_AFTER: Duration = Duration::from_secs(30);

/// Who records: the `user` of the config (else the login name) and the machine's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub user: String,
    pub host: String,
}

impl Who {
    /// The login name and this machine's host name.
    pub fn current() -> Who {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Who { user: crate::config::login_name(&var), host: host_name() }
    }
}

/// This machine's name (`gethostname`), `unknown` when it has none.
pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "unknown".to_string();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let name = String::from_utf8_lossy(&buf[..end]).into_owned();
    if name.is_empty() { "unknown".to_string() } else { name }
}

type Job = Box<dyn FnOnce(&mut Conn) + Send>;

/// The connection, owned by the worker thread.
struct Conn {
    url: LedgerUrl,
    client: Option<Client>,
    offline_until: Option<Instant>,
}

impl Conn {
    /// The open connection, (re)connecting and migrating when there is none.
    fn client(&mut self) -> Result<&mut Client, HistoryError> {
        if self.client.as_ref().is_some_and(Client::is_closed) {
            self.client = None;
        }
        if self.client.is_none() {
            if self.offline_until.is_some_and(|t| Instant::now() < t) {
                return Err(HistoryError::LedgerUnreachable {
                    url: self.url.masked(),
                    message: "the last attempt failed; brazen tries again in a moment".into(),
                });
            }
            match connect(&self.url) {
                Ok(c) => {
                    self.offline_until = None;
                    self.client = Some(c);
                }
                Err(e) => {
                    self.offline_until = Some(Instant::now() + RETRY_AFTER);
                    return Err(e);
                }
            }
        }
        self.client
            .as_mut()
            .ok_or_else(|| HistoryError::LedgerUnreachable { url: self.url.masked(), message: "no connection".into() })
    }
}

/// `e` with its database message (the `Display` of `postgres::Error` alone says only "db error"), masked.
fn pg_error(url: &LedgerUrl, e: &postgres::Error) -> HistoryError {
    let mut message = e.to_string();
    if let Some(db) = e.as_db_error() {
        message = format!("{}: {}", db.severity(), db.message());
    } else if let Some(source) = std::error::Error::source(e) {
        message = format!("{message}: {source}");
    }
    let masked = url.mask_in(&message);
    if e.as_db_error().is_none() && (e.is_closed() || message.contains("connect") || message.contains("timed out")) {
        HistoryError::LedgerUnreachable { url: url.masked(), message: masked }
    } else {
        HistoryError::Ledger { url: url.masked(), message: masked }
    }
}

/// Connects (TLS as the URL's `sslmode` says), bounds the session and brings the schema up to date.
fn connect(url: &LedgerUrl) -> Result<Client, HistoryError> {
    let (config, tls) = tls::config(url)?;
    let mut client = config.connect(tls).map_err(|e| pg_error(url, &e))?;
    let timeout_ms = STATEMENT_TIMEOUT.as_millis();
    client
        .batch_execute(&format!("SET statement_timeout = {timeout_ms}; SET lock_timeout = {timeout_ms};"))
        .map_err(|e| pg_error(url, &e))?;
    schema::migrate(&mut client).map_err(|e| pg_error(url, &e))?;
    let found = schema::version(&mut client).map_err(|e| pg_error(url, &e))?;
    if found > LEDGER_SCHEMA_VERSION {
        return Err(HistoryError::TooNew { found, known: LEDGER_SCHEMA_VERSION });
    }
    Ok(client)
}

/// The ledger: a worker thread owning the connection.
pub(crate) struct Ledger {
    url: LedgerUrl,
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Ledger {
    /// Starts the worker; connects at the first call (see [`Ledger::connected`] to connect now).
    pub(crate) fn start(url: LedgerUrl) -> Result<Ledger, HistoryError> {
        let (tx, rx) = mpsc::channel::<Job>();
        let mut conn = Conn { url: url.clone(), client: None, offline_until: None };
        let worker = std::thread::Builder::new()
            .name("brazen-ledger".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    job(&mut conn);
                }
                // The client closes here, on this thread, outside any caller's runtime.
            })
            .map_err(|e| HistoryError::Ledger {
                url: url.masked(),
                message: format!("cannot start its thread: {e}"),
            })?;
        Ok(Ledger { url, jobs: Mutex::new(Some(tx)), worker: Mutex::new(Some(worker)) })
    }

    pub(crate) fn url(&self) -> &LedgerUrl {
        &self.url
    }

    /// Runs `f` with the connection on the worker thread and waits for its answer.
    fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Client, &LedgerUrl) -> Result<T, HistoryError> + Send + 'static,
    ) -> Result<T, HistoryError> {
        let (answer_tx, answer_rx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |conn: &mut Conn| {
            let url = conn.url.clone();
            let result = match conn.client() {
                Ok(client) => f(client, &url),
                Err(e) => Err(e),
            };
            // A lost connection is dropped so the next call reconnects.
            if matches!(result, Err(HistoryError::LedgerUnreachable { .. }))
                || conn.client.as_ref().is_some_and(Client::is_closed)
            {
                conn.client = None;
            }
            let _ = answer_tx.send(result);
        });
        let gone = || HistoryError::Ledger { url: self.url.masked(), message: "its thread has stopped".into() };
        {
            let jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
            jobs.as_ref().ok_or_else(gone)?.send(job).map_err(|_| gone())?;
        }
        answer_rx.recv().map_err(|_| gone())?
    }

    /// Connects now (and migrates): `Ok` when the ledger is reachable.
    pub(crate) fn connected(&self) -> Result<(), HistoryError> {
        self.call(|_, _| Ok(()))
    }

    /// Appends in one transaction. With an `origin` (a push from a local history), an exchange already pushed is
    /// not added again: its earlier id comes back with `false`.
    pub(crate) fn append(&self, items: Vec<Pending>) -> Result<Vec<(i64, bool)>, HistoryError> {
        self.call(move |c, url| {
            let mut tx = c.transaction().map_err(|e| pg_error(url, &e))?;
            let mut ids = Vec::with_capacity(items.len());
            for item in &items {
                ids.push(insert(&mut tx, item).map_err(|e| pg_error(url, &e))?);
            }
            tx.commit().map_err(|e| pg_error(url, &e))?;
            Ok(ids)
        })
    }

    pub(crate) fn list(&self, filter: &super::Filter) -> Result<Vec<Summary>, HistoryError> {
        let (sql, params) = query::build(filter);
        self.call(move |c, url| {
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect();
            let rows = c.query(&sql, &refs).map_err(|e| pg_error(url, &e))?;
            rows.iter().map(|r| summary_from_row(r, url)).collect()
        })
    }

    pub(crate) fn summary(&self, id: i64) -> Result<Option<Summary>, HistoryError> {
        self.call(move |c, url| {
            let sql = format!("SELECT {} FROM exchanges e WHERE e.id = $1", query::SUMMARY_COLUMNS);
            let row = c.query_opt(&sql, &[&id]).map_err(|e| pg_error(url, &e))?;
            row.map(|r| summary_from_row(&r, url)).transpose()
        })
    }

    pub(crate) fn get(&self, id: i64) -> Result<Option<Exchange>, HistoryError> {
        self.call(move |c, url| {
            let row = c
                .query_opt("SELECT record FROM exchange_records WHERE id = $1", &[&id])
                .map_err(|e| pg_error(url, &e))?;
            row.map(|r| super::decode(id, r.get::<_, &str>(0))).transpose()
        })
    }

    /// Notes that `id` was re-sent as `by`; the claim, if any, is done.
    pub(crate) fn mark_replayed(&self, id: i64, by: i64) -> Result<(), HistoryError> {
        self.call(move |c, url| {
            let n = c
                .execute(
                    "UPDATE exchanges SET replayed_by = $2,
                        claim_state = CASE WHEN claim_state IS NULL THEN NULL ELSE 'done' END
                     WHERE id = $1",
                    &[&id, &by],
                )
                .map_err(|e| pg_error(url, &e))?;
            if n == 0 { Err(HistoryError::NotFound(id)) } else { Ok(()) }
        })
    }

    pub(crate) fn count(&self) -> Result<u64, HistoryError> {
        self.call(|c, url| {
            let n: i64 = c.query_one("SELECT count(*) FROM exchanges", &[]).map_err(|e| pg_error(url, &e))?.get(0);
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }

    pub(crate) fn schema_version(&self) -> Result<u32, HistoryError> {
        self.call(|c, url| schema::version(c).map_err(|e| pg_error(url, &e)))
    }

    /// Removes `ids` (existing ones; the rest come back as missing) and unlinks replays, as SQLite's `delete`.
    pub(crate) fn delete(&self, ids: Vec<i64>) -> Result<super::Deleted, HistoryError> {
        self.call(move |c, url| {
            let err = |e: postgres::Error| pg_error(url, &e);
            let mut tx = c.transaction().map_err(err)?;
            let present: Vec<i64> = tx
                .query("SELECT id FROM exchanges WHERE id = ANY($1) ORDER BY id", &[&ids])
                .map_err(err)?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let missing = ids.iter().copied().filter(|i| !present.contains(i)).collect();
            let unmarked = remove(&mut tx, &present).map_err(err)?;
            tx.commit().map_err(err)?;
            Ok(super::Deleted { deleted: present, missing, unmarked })
        })
    }

    pub(crate) fn prune(&self, before: jiff::Timestamp) -> Result<u64, HistoryError> {
        self.call(move |c, url| {
            let err = |e: postgres::Error| pg_error(url, &e);
            let mut tx = c.transaction().map_err(err)?;
            let doomed: Vec<i64> = tx
                .query("SELECT id FROM exchanges WHERE time_us < $1", &[&before.as_microsecond()])
                .map_err(err)?
                .iter()
                .map(|r| r.get(0))
                .collect();
            remove(&mut tx, &doomed).map_err(err)?;
            tx.commit().map_err(err)?;
            Ok(doomed.len() as u64)
        })
    }

    /// `VACUUM` of the ledger's tables: gives dead rows' space back for reuse (the server decides about the files).
    pub(crate) fn compact(&self) -> Result<(), HistoryError> {
        self.call(|c, url| {
            c.batch_execute("VACUUM (ANALYZE) exchanges, exchange_records, exchange_text")
                .map_err(|e| pg_error(url, &e))
        })
    }

    pub(crate) fn import(&self, item: Pending, from: ImportedFrom) -> Result<super::Imported, HistoryError> {
        self.call(move |c, url| {
            let err = |e: postgres::Error| pg_error(url, &e);
            let mut tx = c.transaction().map_err(err)?;
            // Serialise imports of the same original, as SQLite's IMMEDIATE transaction does.
            // A separator no environment name holds; not NUL, which a PostgreSQL text cannot carry.
            let key = format!("{}\u{1f}{}", from.environment, from.id);
            tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&key]).map_err(err)?;
            let earlier = tx
                .query_opt(
                    "SELECT id FROM exchanges WHERE imported_from IS NOT NULL
                       AND (imported_from::jsonb)->>'environment' = $1 AND (imported_from::jsonb)->>'id' = $2
                       AND time_us = $3 ORDER BY id LIMIT 1",
                    &[&from.environment, &from.id.to_string(), &item.ex.time.as_microsecond()],
                )
                .map_err(err)?;
            if let Some(r) = earlier {
                return Ok(super::Imported::Already(r.get(0)));
            }
            let (id, _) = insert(&mut tx, &item).map_err(err)?;
            let from = serde_json::to_string(&from).map_err(HistoryError::Encode)?;
            tx.execute("UPDATE exchanges SET imported_from = $2 WHERE id = $1", &[&id, &from]).map_err(err)?;
            tx.commit().map_err(err)?;
            Ok(super::Imported::New(id))
        })
    }

    /// Runs `f` on the worker with the connection (the claims module's statements).
    fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, postgres::Error> + Send + 'static,
    ) -> Result<T, HistoryError> {
        self.call(move |c, url| f(c).map_err(|e| pg_error(url, &e)))
    }
}

impl Drop for Ledger {
    fn drop(&mut self) {
        // Closing the channel ends the worker, which closes the connection on its own thread.
        drop(self.jobs.lock().unwrap_or_else(|p| p.into_inner()).take());
        if let Some(worker) = self.worker.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = worker.join();
        }
    }
}

/// An exchange on its way into the ledger: the scrubbed copy, who sent it, and for a push from a local history the
/// key that makes the push happen once.
pub(crate) struct Pending {
    pub(crate) ex: Arc<Scrubbed<Exchange>>,
    pub(crate) who: Who,
    pub(crate) origin: Option<String>,
}

impl Pending {
    pub(crate) fn new(ex: &Exchange, who: &Who, origin: Option<String>) -> Pending {
        Pending { ex: Arc::new(scrubbed(ex)), who: who.clone(), origin }
    }
}

/// Writes one exchange (row, record, search text) from its scrubbed copy. Returns its id and whether it is new.
fn insert(tx: &mut postgres::Transaction<'_>, item: &Pending) -> Result<(i64, bool), postgres::Error> {
    let ex: &Exchange = &item.ex;
    let record = serde_json::to_string(ex).unwrap_or_default();
    let last = ex.last_answer();
    let status: Option<i32> = last.status.map(i32::from);
    let class: Option<String> = last.class.and_then(|c| c.name()).map(str::to_string);
    let outcome: Option<String> = last.outcome.map(|o| o.as_str().to_string());
    let network: Option<String> = last.network.and_then(|k| super::query::column_name(&k));
    let attempts = i32::try_from(last.attempts).unwrap_or(i32::MAX);
    let inserted = tx.query_opt(
        "INSERT INTO exchanges (time_us, environment, method, endpoint, url, status, class, outcome, error, name,
                                network, failed, duration_ms, attempts, replay_of, saved_request, sent_by, sent_from,
                                origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT (origin) DO NOTHING
         RETURNING id",
        &[
            &ex.time.as_microsecond(),
            &ex.environment,
            &ex.request.method,
            &ex.request.endpoint,
            &ex.request.url,
            &status,
            &class,
            &outcome,
            &last.error,
            &last.name,
            &network,
            &last.worth_replaying(),
            &ex.duration_ms(),
            &attempts,
            &ex.replay_of,
            &ex.saved_request,
            &item.who.user,
            &item.who.host,
            &item.origin,
        ],
    )?;
    let Some(row) = inserted else {
        // Pushed before (its answer was lost): the earlier row stands.
        let id: i64 = tx.query_one("SELECT id FROM exchanges WHERE origin = $1", &[&item.origin])?.get(0);
        return Ok((id, false));
    };
    let id: i64 = row.get(0);
    tx.execute("INSERT INTO exchange_records (id, record) VALUES ($1, $2)", &[&id, &record])?;
    let text = search::text(ex);
    tx.execute("INSERT INTO exchange_text (id, text) VALUES ($1, $2)", &[&id, &text])?;
    Ok((id, true))
}

/// Removes `doomed` and unlinks the replays pointing at them (see `housekeeping.rs`); returns the survivors no
/// longer marked as replayed.
fn remove(tx: &mut postgres::Transaction<'_>, doomed: &[i64]) -> Result<Vec<i64>, postgres::Error> {
    let doomed = doomed.to_vec();
    // The replays of what goes forget it, in their records too. Edited here rather than with `jsonb_set`: a record
    // may hold an escaped NUL (`\u0000` from a body), which `jsonb` refuses, and the delete would fail.
    let linked = tx.query(
        "SELECT r.id, r.record FROM exchange_records r JOIN exchanges e ON e.id = r.id
         WHERE e.replay_of = ANY($1) AND NOT (e.id = ANY($1))",
        &[&doomed],
    )?;
    for row in linked {
        let (id, record): (i64, String) = (row.get(0), row.get(1));
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&record) else { continue };
        if let Some(fields) = value.as_object_mut() {
            fields.insert("replay_of".into(), serde_json::Value::Null);
        }
        if let Ok(text) = serde_json::to_string(&value) {
            tx.execute("UPDATE exchange_records SET record = $2 WHERE id = $1", &[&id, &text])?;
        }
    }
    tx.execute("UPDATE exchanges SET replay_of = NULL WHERE replay_of = ANY($1) AND NOT (id = ANY($1))", &[&doomed])?;
    let unmarked: Vec<i64> = tx
        .query(
            "UPDATE exchanges SET replayed_by = NULL, claim_state = NULL, claim_token = NULL
             WHERE replayed_by = ANY($1) AND NOT (id = ANY($1)) RETURNING id",
            &[&doomed],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    tx.execute("DELETE FROM exchanges WHERE id = ANY($1)", &[&doomed])?;
    let mut unmarked = unmarked;
    unmarked.sort_unstable();
    Ok(unmarked)
}

/// A row of [`query::SUMMARY_COLUMNS`] as a summary; a value this brazen never writes is an error naming it.
fn summary_from_row(r: &postgres::Row, url: &LedgerUrl) -> Result<Summary, HistoryError> {
    let bad = |what: &str| HistoryError::Ledger { url: url.masked(), message: format!("unreadable {what} in a row") };
    let time_us: i64 = r.get(1);
    let time = jiff::Timestamp::from_microsecond(time_us).map_err(|_| bad("time"))?;
    let status: Option<i32> = r.get(6);
    let class: Option<String> = r.get(7);
    let outcome: Option<String> = r.get(8);
    let network: Option<String> = r.get(11);
    let attempts: i32 = r.get(13);
    let imported: Option<String> = r.get(17);
    let claim: Option<String> = r.get(20);
    Ok(Summary {
        id: r.get(0),
        time,
        environment: r.get(2),
        method: r.get(3),
        endpoint: r.get(4),
        url: r.get(5),
        status: status.map(|s| u16::try_from(s).map_err(|_| bad("status"))).transpose()?,
        class: class.map(|c| c.parse().map_err(|_| bad("class"))).transpose()?,
        outcome: outcome.map(|o| super::query::from_name(&o).ok_or_else(|| bad("outcome"))).transpose()?,
        error: r.get(9),
        name: r.get(10),
        network: network.map(|n| super::query::from_name(&n).ok_or_else(|| bad("network"))).transpose()?,
        duration_ms: r.get(12),
        attempts: u32::try_from(attempts).unwrap_or(0),
        replayed_by: r.get(14),
        replay_of: r.get(15),
        saved_request: r.get(16),
        imported_from: imported.map(|t| serde_json::from_str(&t).map_err(|_| bad("imported_from"))).transpose()?,
        user: r.get(18),
        host: r.get(19),
        replay_unknown: claim.as_deref() == Some("unknown"),
    })
}
