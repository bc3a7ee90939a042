//! The database schema as an ordered list of migrations. `PRAGMA user_version` holds how many have run.
//!
//! Layout, and why:
//! - `exchanges`: one small row per exchange with the columns lists and filters read (time, class, endpoint,
//!   status, environment, replay links). Kept narrow so scans and index lookups touch few pages.
//! - `exchange_records`: the whole [`crate::exchange::Exchange`] as JSON, same id. Attempts are only ever read
//!   together with their exchange and never filtered on, so a normalised attempts table would add joins and
//!   migrations for no query; JSON with serde defaults also absorbs new optional fields without a migration.
//! - `exchange_text` + `exchange_search` (v2): the searchable text (URL, endpoint, bodies, messages) and an FTS5
//!   trigram index over it, so a substring search finds its rows in the index instead of scanning hundreds of MB
//!   of JSON. The index is external-content (the text is stored once, in `exchange_text`) and `detail=none`
//!   (row lists without positions): at 100,000 exchanges it is 18 MB instead of 123 MB, and `LIKE` stays exact
//!   because SQLite checks every candidate against the text. See `search.rs` for the query plans.
//! - v3 rewrites that text with two characters of padding at the end, so one- and two-character searches can
//!   use the index too.
//! - v4 adds `exchanges.saved_request`: the saved request an exchange was sent from (its name in the collection,
//!   or the file as given), a column so the exchanges of one saved request are found by index. Older rows are
//!   NULL: they came from no saved request.
//! - v5 adds `exchanges.imported_from`: for an exchange added by `brazen import bundle`, where it came from (the
//!   bundle's file name, the original environment, id and export time, the exporting brazen's version) as a JSON
//!   object ([`super::ImportedFrom`]). NULL for every exchange sent from here. The partial index finds an earlier
//!   import of the same exchange (original environment and id) without a scan.
//! - v6 (the shared ledger's columns, so the two stores behave alike): `sent_by` and `sent_from` (who recorded it,
//!   from which machine; NULL for older rows), the replay claim (`claim_state`, `claim_by`, `claim_at_us`,
//!   `claim_token`: see `claims.rs`), `ledger_outbox` (the local ids a ledger has not taken yet, for `history sync`)
//!   and `ledger_meta` (this file's random origin name, which makes every push of one exchange the same key).

use rusqlite::Transaction;

use super::HistoryError;
use super::search;

/// One step from version `n` to `n + 1`.
pub(crate) type Migration = fn(&Transaction<'_>) -> Result<(), HistoryError>;

/// Every migration in order; the schema version is the number applied.
pub(crate) const MIGRATIONS: &[Migration] =
    &[v1_tables, v2_search, v3_padded_text, v4_saved_request, v5_imported_from, v6_people_and_claims];

/// The version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

fn v1_tables(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    tx.execute_batch(
        "CREATE TABLE exchanges (
            id          INTEGER PRIMARY KEY,
            time_us     INTEGER NOT NULL,
            environment TEXT    NOT NULL,
            method      TEXT    NOT NULL,
            endpoint    TEXT    NOT NULL,
            url         TEXT    NOT NULL,
            status      INTEGER,
            class       TEXT,
            outcome     TEXT,
            error       TEXT,
            name        TEXT,
            network     TEXT,
            failed      INTEGER NOT NULL,
            duration_ms REAL    NOT NULL,
            attempts    INTEGER NOT NULL,
            replay_of   INTEGER,
            replayed_by INTEGER
         );
         CREATE TABLE exchange_records (
            id     INTEGER PRIMARY KEY,
            record TEXT NOT NULL
         );
         CREATE INDEX exchanges_time        ON exchanges(time_us, id);
         CREATE INDEX exchanges_class       ON exchanges(class, time_us);
         CREATE INDEX exchanges_endpoint    ON exchanges(endpoint, time_us);
         CREATE INDEX exchanges_status      ON exchanges(status, time_us);
         CREATE INDEX exchanges_environment ON exchanges(environment, time_us);
         CREATE INDEX exchanges_failed      ON exchanges(time_us) WHERE failed = 1;
         CREATE INDEX exchanges_replay_of   ON exchanges(replay_of) WHERE replay_of IS NOT NULL;",
    )?;
    Ok(())
}

/// Adds the searchable text and its index, filled from the stored records with the extraction `append` uses.
fn v2_search(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    tx.execute_batch(
        "CREATE TABLE exchange_text (
            id   INTEGER PRIMARY KEY,
            text TEXT NOT NULL
         );
         CREATE VIRTUAL TABLE exchange_search USING fts5(
            text, content = 'exchange_text', content_rowid = 'id', tokenize = 'trigram', detail = none
         );",
    )?;
    fill_text(tx)
}

/// Rewrites the searchable text with [`search::text`], which now ends in padding so one- and two-character
/// searches can use the index (see `search.rs`).
fn v3_padded_text(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    tx.execute("DELETE FROM exchange_text", [])?;
    fill_text(tx)
}

/// Adds the saved request an exchange came from.
fn v4_saved_request(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    tx.execute_batch(
        "ALTER TABLE exchanges ADD COLUMN saved_request TEXT;
         CREATE INDEX exchanges_saved_request ON exchanges(saved_request, time_us) WHERE saved_request IS NOT NULL;",
    )?;
    Ok(())
}

/// Adds where an imported exchange came from.
fn v5_imported_from(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    tx.execute_batch(
        "ALTER TABLE exchanges ADD COLUMN imported_from TEXT;
         CREATE INDEX exchanges_imported_from
            ON exchanges(json_extract(imported_from, '$.environment'), json_extract(imported_from, '$.id'))
            WHERE imported_from IS NOT NULL;",
    )?;
    Ok(())
}

/// Adds who sent each exchange, replay claims, and the outbox of a ledger.
fn v6_people_and_claims(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    tx.execute_batch(
        "ALTER TABLE exchanges ADD COLUMN sent_by TEXT;
         ALTER TABLE exchanges ADD COLUMN sent_from TEXT;
         ALTER TABLE exchanges ADD COLUMN claim_state TEXT;
         ALTER TABLE exchanges ADD COLUMN claim_by TEXT;
         ALTER TABLE exchanges ADD COLUMN claim_at_us INTEGER;
         ALTER TABLE exchanges ADD COLUMN claim_token TEXT;
         CREATE INDEX exchanges_sent_by ON exchanges(sent_by, time_us) WHERE sent_by IS NOT NULL;
         CREATE INDEX exchanges_claims ON exchanges(claim_state, claim_at_us) WHERE claim_state IS NOT NULL;
         CREATE TABLE ledger_outbox (id INTEGER PRIMARY KEY, origin TEXT NOT NULL);
         CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    )?;
    Ok(())
}

/// Fills `exchange_text` from the stored records and rebuilds the index over it. The rebuild clears the
/// index first, so it may hold rows of an older text until then.
fn fill_text(tx: &Transaction<'_>) -> Result<(), HistoryError> {
    {
        let mut read = tx.prepare("SELECT id, record FROM exchange_records ORDER BY id")?;
        let mut write = tx.prepare("INSERT INTO exchange_text (id, text) VALUES (?1, ?2)")?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let record: String = row.get(1)?;
            write.execute(rusqlite::params![id, search::text(&super::decode(id, &record)?)])?;
        }
    }
    tx.execute("INSERT INTO exchange_search (exchange_search) VALUES ('rebuild')", [])?;
    Ok(())
}

/// Brings the database from its recorded version to [`SCHEMA_VERSION`], one transaction per step so an
/// interrupted upgrade resumes where it stopped.
pub(crate) fn migrate(conn: &mut rusqlite::Connection) -> Result<(), HistoryError> {
    migrate_to(conn, SCHEMA_VERSION)
}

pub(crate) fn migrate_to(conn: &mut rusqlite::Connection, target: u32) -> Result<(), HistoryError> {
    loop {
        // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh
        // database at once do not both run the same step.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(HistoryError::TooNew { found: version, known: SCHEMA_VERSION });
        }
        if version >= target {
            return Ok(());
        }
        MIGRATIONS[version as usize](&tx)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

pub(crate) fn version(conn: &rusqlite::Connection) -> Result<u32, HistoryError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}
