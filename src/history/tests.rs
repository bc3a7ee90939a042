//! Schema and internals; the public behaviour is tested in `tests/history_store.rs`.

use super::fixtures::{self, Answer};
use super::*;
use crate::answer::AnswerClass;
use crate::exchange::NetworkErrorKind;

fn at(sec: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_735_689_600 + sec).unwrap()
}

fn ok(endpoint: &str, body: &str, sec: i64) -> Exchange {
    let answer = Answer::Http { status: 201, body: r#"{"message":"success"}"#.into() };
    fixtures::exchange("POST", endpoint, body, answer, at(sec))
}

/// A store on the SQLite file whatever the environment says: for the tests of SQLite's own search plans (the rest of
/// this suite also runs against a ledger, `BRAZEN_TEST_MEMORY_LEDGER_URL`).
fn sqlite_only() -> Store {
    Store::setup(rusqlite::Connection::open_in_memory().unwrap(), None).unwrap()
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
    let none = crate::scrub::Secrets::new();
    insert_row(
        &tx,
        &crate::scrub::exchange(&ok("/messages/send", r#"{"external_user_ids":["needle-user-7"]}"#, 1), &none),
    )
    .unwrap();
    insert_row(&tx, &crate::scrub::exchange(&ok("/users/track", r#"{"attributes":[]}"#, 2), &none)).unwrap();
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
    assert_eq!((s.status, s.class, s.network), (None, Some(AnswerClass::Network), Some(NetworkErrorKind::ReadTimeout)));
    assert!(s.worth_replaying());
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
    let store = sqlite_only();
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
            let with_class = Filter { class: Some("2XX".parse().unwrap()), ..f.clone() };
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
    assert_eq!(plan("us"), Plan::Scan, "two characters, but in most exchanges");
    assert_eq!(choose(&store.lock(), &Search::new("success"), None).unwrap(), Plan::Indexed, "every match wanted");
}

/// An exchange whose searchable text ends with `tail`: a network failure's detail is the text's last part.
fn ending_with(tail: &str, sec: i64) -> Exchange {
    let mut ex =
        fixtures::exchange("POST", "/users/track", "{}", Answer::Network(NetworkErrorKind::ConnectionReset), at(sec));
    for a in &mut ex.attempts {
        if let Some(f) = a.failure.as_mut() {
            f.detail = format!("reset by peer {tail}");
        }
    }
    ex
}

#[test]
fn one_and_two_character_searches_use_the_index_and_find_what_a_scan_finds() {
    use super::search::{Plan, Search, choose};
    let store = sqlite_only();
    // Bodies over a small alphabet, so every one- and two-character string below occurs somewhere, nowhere,
    // at a text's start, middle or very end, in either case.
    let alphabet = ['a', 'B', 'c', '%', '_', '"', ' ', 'é', '한'];
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let mut all = Vec::new();
    for i in 0..120 {
        let len = next(12);
        let word: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        all.push(ok("/messages/send", &format!("{{\"k\":{word:?}}}"), i));
        all.push(ending_with(&word, i));
    }
    store.append_many(&all).unwrap();
    let mut queries: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
    for a in alphabet {
        for b in alphabet {
            queries.push(format!("{a}{b}"));
        }
    }
    queries.extend(["A", "b", "C", "AB", "bC", "zq", "Z"].map(String::from));
    let mut prefixed = 0;
    for q in &queries {
        for limit in [Some(3), None] {
            let f = Filter { search: Some(q.clone()), limit, ..Filter::default() };
            let scan = store.list_planned(&f, Some(Plan::Scan)).unwrap();
            assert_eq!(store.list(&f).unwrap(), scan, "{q:?} {limit:?}");
        }
        let plan = choose(&store.lock(), &Search::new(q), Some(100)).unwrap();
        prefixed += usize::from(matches!(plan, Plan::Prefixed(_)));
        if q == "zq" {
            assert_eq!(plan, Plan::Nothing, "no term starts with it");
        }
        if q.contains(['é', '한']) {
            assert_eq!(plan, Plan::Scan, "non-ASCII folds differently in the index: {q:?}");
        }
    }
    assert!(prefixed > 20, "most short searches should be index lookups, {prefixed} were");

    // The last two characters of a text are found even though no trigram starts there in the text proper.
    store.append(&ending_with("Qx", 1_000)).unwrap();
    let f = Filter { search: Some("qX".into()), limit: Some(10), ..Filter::default() };
    assert_eq!(store.list(&f).unwrap().len(), 1);
    assert!(matches!(choose(&store.lock(), &Search::new("qX"), Some(10)).unwrap(), Plan::Prefixed(_)));
}

#[test]
fn version_2_text_without_padding_is_rewritten_so_short_searches_find_a_text_end() {
    let mut conn = Connection::open_in_memory().unwrap();
    schema::migrate_to(&mut conn, 2).unwrap();
    let tx = conn.transaction().unwrap();
    let id = insert(&tx, &ending_with("Qx", 1)).unwrap();
    // As version 2 wrote it: the text without the padding.
    tx.execute("UPDATE exchange_text SET text = rtrim(text, char(10)) WHERE id = ?1", [id]).unwrap();
    tx.execute("INSERT INTO exchange_search (exchange_search) VALUES ('rebuild')", []).unwrap();
    tx.commit().unwrap();

    let store = Store::setup(conn, None).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let text: String =
        store.lock().query_row("SELECT text FROM exchange_text WHERE id = ?1", [id], |r| r.get(0)).unwrap();
    assert!(text.ends_with("Qx\n\n"), "{text:?}");
    let f = Filter { search: Some("qx".into()), limit: Some(10), ..Filter::default() };
    assert_eq!(store.list(&f).unwrap().iter().map(|s| s.id).collect::<Vec<_>>(), [id]);
}

#[test]
fn a_file_that_is_not_a_database_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.starts_with(&format!("cannot open the history database {}: ", path.display())), "{err}");
}

/// An exchange as the client records one to a parameterised endpoint: the catalog path as `endpoint`, the values
/// in the URL.
fn sent_to(method: &str, pattern: &str, concrete: &str, status: u16, sec: i64) -> Exchange {
    let answer = Answer::Http { status, body: "{}".into() };
    let mut ex = fixtures::exchange(method, pattern, "{}", answer, at(sec));
    ex.request.url = format!("http://127.0.0.1:4010{concrete}?limit=5");
    ex
}

#[test]
fn endpoint_filters_find_parameterised_paths_by_folder_value_and_class() {
    let store = Store::open_in_memory().unwrap();
    let items = "/catalogs/{catalog_name}/items";
    let item = "/catalogs/{catalog_name}/items/{item_id}";
    let a = store.append(&sent_to("PATCH", items, "/catalogs/restaurants/items", 202, 1)).unwrap();
    let b = store.append(&sent_to("DELETE", item, "/catalogs/restaurants/items/bistro-7", 503, 2)).unwrap();
    let c = store.append(&sent_to("PUT", item, "/catalogs/Cafes/items/bistro-7", 404, 3)).unwrap();
    let d = store.append(&sent_to("DELETE", "/scim/v2/Users/{id}", "/scim/v2/Users/7c1e4f2a", 503, 4)).unwrap();
    let e = store.append(&ok("/users/track", "{}", 5)).unwrap();
    let ids = |endpoint: &str, class: Option<AnswerClass>| -> Vec<i64> {
        let f = Filter { endpoint: Some(endpoint.into()), class, ..Filter::default() };
        store.list(&f).unwrap().iter().map(|s| s.id).collect()
    };
    // A folder finds everything under it, whatever the parameters' values.
    assert_eq!(ids("/catalogs", None), [c, b, a]);
    assert_eq!(ids("/catalogs/", None), [c, b, a]);
    assert_eq!(ids("/scim", None), [d]);
    assert_eq!(ids("/users", None), [e]);
    // The catalog path as the catalog writes it.
    assert_eq!(ids(item, None), [c, b]);
    assert_eq!(ids(&format!("DELETE {item}"), None), [c, b], "the method is not a filter, as before");
    // Concrete values: the endpoint they fill, only with those values (case matters: ids and names are exact).
    assert_eq!(ids("/catalogs/restaurants/items", None), [b, a], "the path and those under it, as for /users");
    assert_eq!(ids("/catalogs/restaurants", None), [b, a]);
    assert_eq!(ids("/catalogs/restaurants/items/bistro-7", None), [b]);
    assert_eq!(ids("/catalogs/cafes", None), Vec::<i64>::new());
    assert_eq!(ids("/scim/v2/Users/7c1e4f2a", None), [d]);
    // With a class.
    assert_eq!(ids("/catalogs", Some(AnswerClass::Status(crate::classify::Class::C5xx))), [b]);
    assert_eq!(ids("/catalogs", Some(AnswerClass::Status(crate::classify::Class::C4xx))), [c]);
    // A prefix.
    assert_eq!(ids("/catalogs/*", None), [c, b, a]);
}

#[test]
fn version_4_records_the_saved_request_of_an_exchange() {
    let mut conn = Connection::open_in_memory().unwrap();
    schema::migrate_to(&mut conn, 3).unwrap();
    let tx = conn.transaction().unwrap();
    let old = insert(&tx, &ok("/users/track", "{}", 1)).unwrap();
    tx.commit().unwrap();
    let store = Store::setup(conn, None).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mut saved = ok("/users/track", "{}", 2);
    saved.saved_request = Some("customer-a/welcome-email".into());
    let id = store.append(&saved).unwrap();
    assert_eq!(store.summary(id).unwrap().unwrap().saved_request.as_deref(), Some("customer-a/welcome-email"));
    assert_eq!(store.get(id).unwrap().unwrap().saved_request.as_deref(), Some("customer-a/welcome-email"));
    assert_eq!(store.summary(old).unwrap().unwrap().saved_request, None, "older rows came from no saved request");
}

fn all_ids(store: &Store) -> Vec<i64> {
    store.list(&Filter::default()).unwrap().iter().map(|s| s.id).collect()
}

fn found(store: &Store, text: &str) -> Vec<i64> {
    store.list(&Filter { search: Some(text.into()), ..Filter::default() }).unwrap().iter().map(|s| s.id).collect()
}

#[test]
fn delete_removes_exactly_the_given_rows_and_reports_the_missing_ones() {
    let store = Store::open_in_memory().unwrap();
    let a = store.append(&ok("/users/track", r#"{"x":"needle-a"}"#, 1)).unwrap();
    let b = store.append(&ok("/users/track", r#"{"x":"needle-b"}"#, 2)).unwrap();
    let c = store.append(&ok("/users/track", r#"{"x":"needle-c"}"#, 3)).unwrap();
    let got = store.delete(&[b, 99, b, 7]).unwrap();
    assert_eq!(got, Deleted { deleted: vec![b], missing: vec![7, 99], unmarked: vec![] });
    assert_eq!(all_ids(&store), [c, a]);
    assert!(store.get(b).unwrap().is_none() && store.summary(b).unwrap().is_none());
    // The search index forgot it too (both plans).
    assert_eq!(found(&store, "needle"), [c, a]);
    assert_eq!(found(&store, "needle-b"), Vec::<i64>::new());
    if store.ledger_url().is_some() {
        // The rest checks the SQLite file's own search tables (this suite also runs against a ledger).
        return;
    }
    let conn = store.lock();
    let text_rows: i64 = conn.query_row("SELECT count(*) FROM exchange_text", [], |r| r.get(0)).unwrap();
    assert_eq!(text_rows, 2);
    // FTS5 checks its index against the text table and fails on a stale entry.
    conn.execute("INSERT INTO exchange_search(exchange_search) VALUES('integrity-check')", []).unwrap();
    drop(conn);
    // Nothing to delete is no error.
    assert_eq!(store.delete(&[]).unwrap(), Deleted::default());
    assert_eq!(store.delete(&[b]).unwrap().missing, [b]);
}

/// Hostile input: a body with a NUL character (a server may send one) is recorded, searched, and its original can be
/// deleted, on the SQLite file and on a ledger (PostgreSQL text and `jsonb` refuse NUL).
#[test]
fn a_nul_in_a_body_is_recorded_and_deleting_its_original_still_works() {
    let store = Store::open_in_memory().unwrap();
    let one = store.append(&ok("/users/track", "{}", 1)).unwrap();
    let mut again = ok("/users/track", "{\"x\": \"a\u{0}b nul-marker\"}", 2);
    again.replay_of = Some(one);
    let two = store.append(&again).unwrap();
    store.mark_replayed(one, two).unwrap();
    assert_eq!(found(&store, "nul-marker"), [two]);
    assert_eq!(store.delete(&[one]).unwrap().deleted, [one]);
    let kept = store.get(two).unwrap().unwrap();
    assert_eq!(kept.replay_of, None);
    assert!(kept.request.body.contains('\u{0}'), "the body is kept as sent");
}

#[test]
fn deleting_an_original_or_its_replay_leaves_no_link_to_a_missing_row() {
    let store = Store::open_in_memory().unwrap();
    let failed =
        || fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 503, body: "{}".into() }, at(1));
    // #1 replayed by #2; #3 replayed by #4.
    let one = store.append(&failed()).unwrap();
    let mut again = ok("/users/track", "{}", 2);
    again.replay_of = Some(one);
    let two = store.append(&again).unwrap();
    store.mark_replayed(one, two).unwrap();
    let three = store.append(&failed()).unwrap();
    let mut again = ok("/users/track", "{}", 4);
    again.replay_of = Some(three);
    let four = store.append(&again).unwrap();
    store.mark_replayed(three, four).unwrap();

    // The original goes: its replay stands alone, in the column and in the record.
    assert_eq!(store.delete(&[one]).unwrap().unmarked, Vec::<i64>::new());
    assert_eq!(store.summary(two).unwrap().unwrap().replay_of, None);
    assert_eq!(store.get(two).unwrap().unwrap().replay_of, None);
    // The replay goes: the original is said to be no longer marked, and is not.
    assert_eq!(store.delete(&[four]).unwrap().unmarked, [three]);
    assert_eq!(store.summary(three).unwrap().unwrap().replayed_by, None);
    let not_replayed = Filter { failed_only: true, not_replayed: true, ..Filter::default() };
    assert_eq!(store.list(&not_replayed).unwrap().iter().map(|s| s.id).collect::<Vec<_>>(), [three]);
    // Both at once: nothing left to unmark.
    let mut again = ok("/users/track", "{}", 5);
    again.replay_of = Some(three);
    let five = store.append(&again).unwrap();
    store.mark_replayed(three, five).unwrap();
    assert_eq!(store.delete(&[three, five]).unwrap().unmarked, Vec::<i64>::new());
    assert_eq!(all_ids(&store), [two]);
}

#[test]
fn prune_removes_exactly_the_rows_before_the_time() {
    let store = Store::open_in_memory().unwrap();
    let ids: Vec<i64> = (0..6).map(|s| store.append(&ok("/users/track", "{}", s * 10)).unwrap()).collect();
    let before = at(30);
    let listed = store.list(&Filter { before: Some(before), ..Filter::default() }).unwrap();
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [ids[2], ids[1], ids[0]], "what --dry-run lists");
    assert_eq!(store.prune(before).unwrap(), 3);
    assert_eq!(all_ids(&store), [ids[5], ids[4], ids[3]], "the row exactly at the time stays");
    assert_eq!(store.prune(before).unwrap(), 0);
    // A replay is newer than its original: pruning the original unlinks the replay.
    let original = store.append(&ok("/users/track", "{}", 100)).unwrap();
    let mut again = ok("/users/track", "{}", 200);
    again.replay_of = Some(original);
    let replay = store.append(&again).unwrap();
    store.mark_replayed(original, replay).unwrap();
    assert_eq!(store.prune(at(150)).unwrap(), 4);
    assert_eq!(all_ids(&store), [replay]);
    assert_eq!(store.get(replay).unwrap().unwrap().replay_of, None);
}

#[test]
fn prune_and_compact_make_the_file_shrink() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    let store = Store::open(&path).unwrap();
    // 200 exchanges with 20 kB bodies each (≈ 4 MB of records, more with the search text).
    let big = format!(r#"{{"attributes":[{{"external_id":"u","note":"{}"}}]}}"#, "lorem ipsum ".repeat(1_700));
    let batch: Vec<Exchange> = (0..200).map(|s| ok("/users/track", &big, s)).collect();
    store.append_many(&batch).unwrap();
    let keep = store.append(&ok("/users/track", "{}", 1_000)).unwrap();
    let size = |store: &Store| {
        store.lock().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0)).unwrap();
        std::fs::metadata(&path).unwrap().len()
    };
    let full = size(&store);
    assert!(full > 4_000_000, "{full}");
    assert_eq!(store.prune(at(500)).unwrap(), 200);
    let pruned = size(&store);
    assert!(pruned >= full / 2, "deleting alone gives nothing back: {pruned} of {full}");
    store.compact().unwrap();
    let compacted = size(&store);
    assert!(compacted < full / 10, "{compacted} bytes after compacting, {full} before");
    assert_eq!(all_ids(&store), [keep]);
    drop(store);
    // Still a good database, at the current version.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn an_import_is_marked_and_the_same_exchange_is_imported_once() {
    let store = Store::open_in_memory().unwrap();
    let mut ex = ok("/users/track", "{}", 5);
    ex.replay_of = Some(41);
    ex.request.headers[0].1 = "Bearer sk-SECRET-123".into();
    let from = ImportedFrom {
        file: "case.json".into(),
        environment: "US-03".into(),
        id: 42,
        exported_at: at(60),
        brazen_version: "0.1.0".into(),
    };
    let first = store.import(&ex, &from).unwrap();
    let Imported::New(id) = first else { panic!("{first:?}") };
    let s = store.summary(id).unwrap().unwrap();
    assert_eq!(s.imported_from.as_ref(), Some(&from));
    assert_eq!(s.replay_of, None, "#41 is a row of the other history");
    let got = store.get(id).unwrap().unwrap();
    assert!(!serde_json::to_string(&got).unwrap().contains("sk-SECRET"));
    // Again, from another file name and export: the same exchange.
    let again = ImportedFrom { file: "copy.json".into(), exported_at: at(90), ..from.clone() };
    assert_eq!(store.import(&ex, &again).unwrap(), Imported::Already(id));
    // Another exchange with the same original id (someone else's #42) is another exchange.
    let other = store.import(&ok("/users/track", "{}", 6), &from).unwrap();
    assert!(matches!(other, Imported::New(n) if n != id), "{other:?}");
    assert_eq!(store.count().unwrap(), 2);
    // Sent-here exchanges have no origin.
    let here = store.append(&ok("/users/track", "{}", 7)).unwrap();
    assert_eq!(store.summary(here).unwrap().unwrap().imported_from, None);
}

#[test]
fn claims_in_the_file_hold_for_one_replay_and_expire_by_the_given_clock() {
    let store = Store::open_in_memory().unwrap().with_claim_timeout(std::time::Duration::from_secs(60));
    let one = store.append(&ok("/users/track", "{}", 1)).unwrap();
    let two = store.append(&ok("/users/track", "{}", 2)).unwrap();
    let (t0, t1, t2) = (at(100), at(161), at(222));
    let first = store.claim(one, t0).unwrap().unwrap();
    assert!(store.claim(one, t0).unwrap().is_none(), "held");
    let second = store.claim(one, t1).unwrap().expect("stale and never sent: taken over");
    assert!(!store.start_sending(one, &first, t1).unwrap(), "the first holder lost it");
    assert!(store.start_sending(one, &second, t1).unwrap());
    let other = store.claim(two, t1).unwrap().unwrap();
    store.release_claim(two, &other).unwrap();
    assert!(store.expire_claims(t1).unwrap().is_empty());
    assert_eq!(store.expire_claims(t2).unwrap(), [one]);
    let unknown: Vec<i64> =
        store.list(&Filter { replay_unknown: true, ..Filter::default() }).unwrap().iter().map(|s| s.id).collect();
    assert_eq!(unknown, [one]);
    let offered: Vec<i64> =
        store.list(&Filter { not_replayed: true, ..Filter::default() }).unwrap().iter().map(|s| s.id).collect();
    assert_eq!(offered, [two], "an unknown replay is never offered again");
}

#[test]
fn the_file_records_who_sent_each_exchange() {
    let store = Store::open_in_memory().unwrap().with_who(Who { user: "ana".into(), host: "box".into() });
    let id = store.append(&ok("/users/track", "{}", 1)).unwrap();
    let s = store.summary(id).unwrap().unwrap();
    assert_eq!((s.user.as_deref(), s.host.as_deref()), (Some("ana"), Some("box")));
    let by = |u: &str| store.list(&Filter { user: Some(u.into()), ..Filter::default() }).unwrap().len();
    assert_eq!((by("ana"), by("bo")), (1, 0));
}
