//! Opening the history for reading only, for commands that never write (`brazen history list|show|export`) when
//! the normal open cannot write: a folder shared read-only, a backup copy, a database another process holds
//! locked.
//!
//! The database is in WAL mode, and a WAL reader needs the `-shm` index beside the file. SQLite (3.22+) opens a
//! read-only WAL database when that file exists or can be created; in a read-only folder after the last writer
//! closed (which deletes `-wal` and `-shm`) neither holds, and the open fails. The fallback then is `immutable=1`:
//! SQLite reads the file without locks or a `-shm`. That is safe exactly there, because a writer needs the same
//! `-wal` and `-shm` files, so none can be at work on the file while they cannot be created.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, HistoryError, SCHEMA_VERSION, Store, schema, search};

impl Store {
    /// Opens the existing database at `path` without writing anything: no file or folder is created, nothing is
    /// migrated, and every write through the store fails. The schema must be this build's
    /// ([`HistoryError::TooOldToRead`] otherwise: an older one needs the migration a normal [`Store::open`] does).
    pub fn open_read_only(path: &Path) -> Result<Store, HistoryError> {
        let open_error = |source| HistoryError::Open { path: path.to_path_buf(), source };
        let plain = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match Connection::open_with_flags(path, plain).map_err(open_error).and_then(|c| usable(c, path)) {
            Ok(conn) => conn,
            Err(first) => match immutable_uri(path) {
                // The first error is the one to report: it says what is wrong with the file as it is.
                Some(uri) => Connection::open_with_flags(uri, plain | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(open_error)
                    .and_then(|c| usable(c, path))
                    .map_err(|_| first)?,
                None => return Err(first),
            },
        };
        // A temporary table (in memory, not the file), as the normal open makes.
        search::attach_vocabulary(&conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
            who: super::Who::current(),
            claim_timeout: std::time::Duration::from_secs(crate::config::DEFAULT_CLAIM_TIMEOUT_SECS),
            ledger: None,
        })
    }
}

/// `conn` once a first read has gone through (SQLite opens files lazily) and its schema is this build's.
fn usable(conn: Connection, path: &Path) -> Result<Connection, HistoryError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let found = schema::version(&conn).map_err(|e| match e {
        HistoryError::Sqlite(source) => HistoryError::Open { path: path.to_path_buf(), source },
        e => e,
    })?;
    if found > SCHEMA_VERSION {
        return Err(HistoryError::TooNew { found, known: SCHEMA_VERSION });
    }
    if found < SCHEMA_VERSION {
        return Err(HistoryError::TooOldToRead { path: path.to_path_buf(), found, known: SCHEMA_VERSION });
    }
    Ok(conn)
}

/// `file:///…?mode=ro&immutable=1` for `path`, percent-encoded (a `?` or `#` in a folder name must not end the
/// path); `None` when the path cannot be made absolute.
fn immutable_uri(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let url = url::Url::from_file_path(absolute).ok()?;
    Some(format!("{url}?mode=ro&immutable=1"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::fixtures::{self, Answer};

    fn one_exchange() -> crate::exchange::Exchange {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 201, body: "{}".into() }, now)
    }

    #[test]
    fn reads_what_a_normal_open_wrote_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite3");
        let id = Store::open(&path).unwrap().append(&one_exchange()).unwrap();
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.count().unwrap(), 1);
        assert_eq!(store.get(id).unwrap().unwrap().status(), Some(201));
        assert!(store.append(&one_exchange()).is_err(), "a read-only store refuses writes");
        assert!(store.mark_replayed(id, id).is_err());
        drop(store);
        assert_eq!(Store::open(&path).unwrap().count().unwrap(), 1);
    }

    #[test]
    fn a_missing_file_is_an_error_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("history.sqlite3");
        let e = Store::open_read_only(&path).unwrap_err();
        assert!(matches!(e, HistoryError::Open { .. }), "{e}");
        assert!(!dir.path().join("sub").exists());
    }

    #[test]
    fn an_older_schema_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, 1).unwrap();
        drop(conn);
        let e = Store::open_read_only(&path).unwrap_err();
        assert!(matches!(e, HistoryError::TooOldToRead { found: 1, .. }), "{e}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema::version(&conn).unwrap(), 1);
    }

    #[test]
    fn the_immutable_uri_keeps_odd_folder_names_whole() {
        let uri = immutable_uri(Path::new("/tmp/a b?c#d%e/history.sqlite3")).unwrap();
        assert_eq!(uri, "file:///tmp/a%20b%3Fc%23d%25e/history.sqlite3?mode=ro&immutable=1");
    }

    #[test]
    fn an_immutable_open_reads_the_file() {
        // The fallback path on its own (the read-only folder it is for needs a non-root user: see
        // tests/honest_endings.rs): a database whose writer has closed, opened through the URI.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite3");
        Store::open(&path).unwrap().append(&one_exchange()).unwrap();
        let uri = immutable_uri(&path).unwrap();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = usable(Connection::open_with_flags(uri, flags).unwrap(), &path).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM exchanges", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }
}
