//! The ledger's schema as an ordered list of migrations, versioned like the SQLite history's: the table
//! `brazen_schema` holds how many have run. Each step runs in its own transaction under an advisory lock, so two
//! brazens opening a fresh ledger at once do not both run it.
//!
//! Layout, and why (the SQLite history's, see `super::super::schema`, plus what a shared ledger needs):
//! - `exchanges`: the narrow row lists and filters read, plus who sent it (`sent_by`, `sent_from`), where a pushed
//!   exchange came from (`origin`, unique: a push that is retried after a lost answer adds nothing), and the replay
//!   claim (`claim_state`, `claim_by`, `claim_at_us`, `claim_token`; see `super::claims`). `endpoint` sorts by bytes
//!   (`COLLATE "C"`) so the folder ranges mean what they mean in SQLite.
//! - `exchange_records`: the whole exchange as JSON text (byte-exact, as SQLite keeps it).
//! - `exchange_text`: the searchable text with a `pg_trgm` GIN index, which serves `ILIKE '%…%'` of three or more
//!   characters from the index as SQLite's FTS5 trigram index does. `pg_trgm` ships with PostgreSQL and is a
//!   trusted extension (13+), so the database's owner can create it without a superuser.

use postgres::Transaction;

/// Every migration in order; the ledger's schema version is the number applied.
const MIGRATIONS: &[&str] = &[V1];

/// The version this build writes.
pub const LEDGER_SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

const V1: &str = r#"
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE exchanges (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time_us       BIGINT           NOT NULL,
    environment   TEXT             NOT NULL,
    method        TEXT             NOT NULL,
    endpoint      TEXT COLLATE "C" NOT NULL,
    url           TEXT             NOT NULL,
    status        INTEGER,
    class         TEXT,
    outcome       TEXT,
    error         TEXT,
    name          TEXT,
    network       TEXT,
    failed        BOOLEAN          NOT NULL,
    duration_ms   DOUBLE PRECISION NOT NULL,
    attempts      INTEGER          NOT NULL,
    replay_of     BIGINT,
    replayed_by   BIGINT,
    saved_request TEXT,
    imported_from TEXT,
    sent_by       TEXT             NOT NULL,
    sent_from     TEXT             NOT NULL,
    origin        TEXT UNIQUE,
    claim_state   TEXT CHECK (claim_state IN ('claimed', 'sending', 'unknown', 'done')),
    claim_by      TEXT,
    claim_at_us   BIGINT,
    claim_token   TEXT
);
CREATE TABLE exchange_records (
    id     BIGINT PRIMARY KEY REFERENCES exchanges(id) ON DELETE CASCADE,
    record TEXT NOT NULL
);
CREATE TABLE exchange_text (
    id   BIGINT PRIMARY KEY REFERENCES exchanges(id) ON DELETE CASCADE,
    text TEXT NOT NULL
);
CREATE INDEX exchanges_time          ON exchanges(time_us, id);
CREATE INDEX exchanges_class         ON exchanges(class, time_us);
CREATE INDEX exchanges_endpoint      ON exchanges(endpoint, time_us);
CREATE INDEX exchanges_status        ON exchanges(status, time_us);
CREATE INDEX exchanges_environment   ON exchanges(environment, time_us);
CREATE INDEX exchanges_sent_by       ON exchanges(sent_by, time_us);
CREATE INDEX exchanges_failed        ON exchanges(time_us) WHERE failed;
CREATE INDEX exchanges_replay_of     ON exchanges(replay_of) WHERE replay_of IS NOT NULL;
CREATE INDEX exchanges_replayed_by   ON exchanges(replayed_by) WHERE replayed_by IS NOT NULL;
CREATE INDEX exchanges_claims        ON exchanges(claim_state, claim_at_us) WHERE claim_state IN ('claimed', 'sending', 'unknown');
CREATE INDEX exchanges_imported_from ON exchanges(((imported_from::jsonb)->>'environment'), ((imported_from::jsonb)->>'id'))
    WHERE imported_from IS NOT NULL;
CREATE INDEX exchange_text_trgm      ON exchange_text USING gin (text gin_trgm_ops);
"#;

/// Brings the ledger to [`LEDGER_SCHEMA_VERSION`], one transaction per step.
///
/// An up-to-date ledger is only read: a person's role needs no CREATE privilege, only the owner's does (once).
pub(super) fn migrate(client: &mut postgres::Client) -> Result<(), postgres::Error> {
    if version(client)? >= LEDGER_SCHEMA_VERSION {
        return Ok(());
    }
    client.batch_execute("CREATE TABLE IF NOT EXISTS brazen_schema (version INTEGER NOT NULL)")?;
    loop {
        let mut tx = client.transaction()?;
        lock(&mut tx)?;
        let version = version_in(&mut tx)?;
        if version >= LEDGER_SCHEMA_VERSION {
            tx.commit()?;
            return Ok(());
        }
        tx.batch_execute(MIGRATIONS[version as usize])?;
        tx.execute("DELETE FROM brazen_schema", &[])?;
        tx.execute("INSERT INTO brazen_schema (version) VALUES ($1)", &[&(version as i32 + 1)])?;
        tx.commit()?;
    }
}

/// Serialises migrations across every brazen that opens this database.
fn lock(tx: &mut Transaction<'_>) -> Result<(), postgres::Error> {
    tx.execute("SELECT pg_advisory_xact_lock(hashtext('brazen ledger migration'))", &[]).map(drop)
}

fn version_in(tx: &mut Transaction<'_>) -> Result<u32, postgres::Error> {
    let row = tx.query_opt("SELECT version FROM brazen_schema LIMIT 1", &[])?;
    Ok(row.map(|r| r.get::<_, i32>(0)).map_or(0, |v| u32::try_from(v).unwrap_or(0)))
}

/// The recorded version; 0 for a database brazen never set up.
pub(super) fn version(client: &mut postgres::Client) -> Result<u32, postgres::Error> {
    let exists: bool = client.query_one("SELECT to_regclass('brazen_schema') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    let row = client.query_opt("SELECT version FROM brazen_schema LIMIT 1", &[])?;
    Ok(row.map(|r| r.get::<_, i32>(0)).map_or(0, |v| u32::try_from(v).unwrap_or(0)))
}
