//! Schema and internals; the public behaviour is tested in `tests/history_store.rs`.

use super::fixtures::{self, Answer};
use super::*;
use crate::exchange::NetworkErrorKind;

fn at(sec: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_735_689_600 + sec).unwrap()
}

fn ok(endpoint: &str, body: &str, sec: i64) -> Exchange {
    let answer = Answer::Http { status: 201, body: r#"{"message":"success"}"#.into() };
    fixtures::exchange("POST", endpoint, body, answer, at(sec))
}

#[test]
fn store_is_shareable_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
}

#[test]
fn migrates_a_version_1_database_and_indexes_its_rows() {
    let mut conn = Connection::open_in_memory().unwrap();
    schema::migrate_to(&mut conn, 1).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), 1);
    // Rows as version 1 wrote them: summary and record, no text index yet.
    let tx = conn.transaction().unwrap();
    insert_row(&tx, &ok("/messages/send", r#"{"external_user_ids":["needle-user-7"]}"#, 1)).unwrap();
    insert_row(&tx, &ok("/users/track", r#"{"attributes":[]}"#, 2)).unwrap();
    tx.commit().unwrap();

    let store = Store::setup(conn, None).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let found = store.list(&Filter { search: Some("NEEDLE-user".into()), ..Filter::default() }).unwrap();
    assert_eq!(found.iter().map(|s| s.endpoint.as_str()).collect::<Vec<_>>(), ["/messages/send"]);
    assert_eq!(store.count().unwrap(), 2);
    // New appends after the upgrade are indexed too.
    let id = store.append(&ok("/users/delete", r#"{"external_ids":["needle-user-9"]}"#, 3)).unwrap();
    let found = store.list(&Filter { search: Some("needle".into()), ..Filter::default() }).unwrap();
    assert_eq!(found.iter().map(|s| s.id).collect::<Vec<_>>(), [id, 1]);
}

#[test]
fn a_database_from_a_newer_brazen_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, HistoryError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer than this brazen"), "{err}");
}

#[test]
fn reopening_keeps_rows_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/h.sqlite3");
    let id = Store::open(&path).unwrap().append(&ok("/messages/send", "{}", 1)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.get(id).unwrap().unwrap().request.endpoint, "/messages/send");
    let mode: String = store.lock().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = store.lock().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous = FULL");
}

#[cfg(unix)]
#[test]
fn database_file_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    Store::open(&path).unwrap().append(&ok("/messages/send", "{}", 1)).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn mark_replayed_of_an_unknown_id_says_so() {
    let store = Store::open_in_memory().unwrap();
    let err = store.mark_replayed(42, 43).unwrap_err();
    assert!(matches!(err, HistoryError::NotFound(42)));
    assert_eq!(err.to_string(), "no exchange #42 in the history");
}

#[test]
fn network_failures_have_no_status_and_count_as_failed() {
    let store = Store::open_in_memory().unwrap();
    let ex = fixtures::exchange("POST", "/messages/send", "{}", Answer::Network(NetworkErrorKind::ReadTimeout), at(1));
    let id = store.append(&ex).unwrap();
    let s = store.summary(id).unwrap().unwrap();
    assert_eq!((s.status, s.class.as_deref(), s.network.as_deref()), (None, Some("network"), Some("read_timeout")));
    let failed = store.list(&Filter { failed_only: true, ..Filter::default() }).unwrap();
    assert_eq!(failed.len(), 1);
}

#[test]
fn short_searches_fall_back_to_a_scan_and_escape_wildcards() {
    let store = Store::open_in_memory().unwrap();
    store.append(&ok("/messages/send", r#"{"k":"a%b"}"#, 1)).unwrap();
    store.append(&ok("/messages/send", r#"{"k":"axb"}"#, 2)).unwrap();
    let hits = |q: &str| store.list(&Filter { search: Some(q.into()), ..Filter::default() }).unwrap().len();
    assert_eq!(hits("a%"), 1);
    assert_eq!(hits("xb"), 1);
    assert_eq!(hits("a_"), 0);
    assert_eq!(hits("\"k\""), 2, "quotes in a search are literal");
}

#[test]
fn both_search_plans_give_the_same_rows_and_the_cheaper_one_is_chosen() {
    use super::search::{Plan, Search, choose};
    let store = Store::open_in_memory().unwrap();
    let mut all = fixtures::synthetic(2_600, 5);
    // Some out of time order, so "newest first" is not just "highest id first".
    all[100].time = at(-50);
    all[2_000].time = at(-40);
    store.append_many(&all).unwrap();
    let terms = ["ord-1234", "user-1", "success", "Rate Limited", "dispatch_id", "ext_user", "us", "%", "zzz-none"];
    for term in terms {
        for limit in [Some(100), Some(5), None] {
            let f = Filter { search: Some(term.into()), limit, ..Filter::default() };
            let indexed = store.list_planned(&f, Some(Plan::Indexed)).unwrap();
            let scan = store.list_planned(&f, Some(Plan::Scan)).unwrap();
            assert_eq!(indexed, scan, "{term:?} {limit:?}");
            assert_eq!(store.list(&f).unwrap(), indexed, "{term:?} {limit:?}");
            let with_class = Filter { class: Some("2XX".into()), ..f.clone() };
            assert_eq!(
                store.list_planned(&with_class, Some(Plan::Indexed)).unwrap(),
                store.list_planned(&with_class, Some(Plan::Scan)).unwrap(),
                "{term:?} {limit:?} 2XX"
            );
        }
    }
    let plan = |term: &str| choose(&store.lock(), &Search::new(term), Some(100)).unwrap();
    assert_eq!(plan("ord-1234"), Plan::Indexed, "rare");
    assert_eq!(plan("success"), Plan::Scan, "in most exchanges");
    assert_eq!(plan("us"), Plan::Scan, "too short for trigrams");
    assert_eq!(choose(&store.lock(), &Search::new("success"), None).unwrap(), Plan::Indexed, "every match wanted");
}

#[test]
fn a_file_that_is_not_a_database_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.starts_with(&format!("cannot open the history database {}: ", path.display())), "{err}");
}
