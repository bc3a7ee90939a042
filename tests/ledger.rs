//! The shared team ledger (history in PostgreSQL) against a real server: the store through the same interface,
//! who sent what, replay claims across processes (two concurrent replays, a replay killed mid-way), TLS, the key
//! absent from a dump of the database, an outage during sends and `history sync`, `history migrate --to`.
//!
//! The server: `BRAZEN_TEST_POSTGRES_URL` (a superuser URL; `.ci/run` starts a private cluster and sets it). Without
//! it each test skips loudly, and fails under `BRAZEN_REQUIRE_TOOLS=1` (CI). Every test works in a database of its
//! own, so they run in parallel.

use crate::common;

use std::process::{Command, Stdio};
use std::time::Duration;

use brazen::config::LedgerUrl;
use brazen::history::fixtures::{self, Answer};
use brazen::history::{Filter, LEDGER_SCHEMA_VERSION, Store, Who};
use common::{Home, Recorder, code, err, json, out};

const KEY: &str = "ledger-test-key-4b1f0c9e77aa";

/// The test server's superuser URL, or `None` after a loud skip (a panic under `BRAZEN_REQUIRE_TOOLS=1`).
fn server(test: &str) -> Option<String> {
    if let Some(url) = std::env::var("BRAZEN_TEST_POSTGRES_URL").ok().filter(|v| !v.is_empty()) {
        return Some(url);
    }
    if std::env::var("BRAZEN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{test} needs PostgreSQL (BRAZEN_REQUIRE_TOOLS=1), but BRAZEN_TEST_POSTGRES_URL is not set");
    }
    common::skip_loudly(
        test,
        "BRAZEN_TEST_POSTGRES_URL is not set, so this ledger test did not run.",
        "Run `source .ci/postgres` first (starts a private cluster), or set BRAZEN_REQUIRE_TOOLS=1 to fail instead.",
    );
    None
}

/// A fresh database on the test server.
fn fresh(test: &str) -> Option<LedgerUrl> {
    Some(fixtures::fresh_ledger_database(&server(test)?).unwrap())
}

fn at(sec: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_800_000_000 + sec).unwrap()
}

fn failed(body: &str, sec: i64) -> brazen::exchange::Exchange {
    fixtures::exchange("POST", "/users/track", body, Answer::Http { status: 503, body: "{}".into() }, at(sec))
}

fn who(user: &str) -> Who {
    Who { user: user.into(), host: "test-host".into() }
}

fn ledger_store(url: &LedgerUrl, user: &str) -> Store {
    Store::open_in_memory().unwrap().with_who(who(user)).with_ledger(url.clone()).unwrap()
}

fn ids(store: &Store, f: Filter) -> Vec<i64> {
    store.list(&f).unwrap().iter().map(|s| s.id).collect()
}

#[test]
fn the_ledger_keeps_who_sent_what_and_filters_like_the_file() {
    let Some(url) = fresh("the_ledger_keeps_who_sent_what_and_filters_like_the_file") else { return };
    let ana = ledger_store(&url, "ana");
    let bo = ledger_store(&url, "bo");
    let a = ana.append(&failed(r#"{"external_id":"alpha"}"#, 1)).unwrap();
    let b = bo.append(&failed(r#"{"external_id":"beta"}"#, 2)).unwrap();
    assert!(a > 0 && b > a);
    assert_eq!(ana.schema_version().unwrap(), LEDGER_SCHEMA_VERSION);
    assert_eq!(bo.count().unwrap(), 2);
    assert_eq!(ids(&ana, Filter::default()), [b, a]);
    assert_eq!(ids(&ana, Filter { user: Some("bo".into()), ..Filter::default() }), [b]);
    assert_eq!(ids(&bo, Filter { search: Some("ALPHA".into()), ..Filter::default() }), [a]);
    assert_eq!(ids(&bo, Filter { search: Some("50%".into()), ..Filter::default() }), Vec::<i64>::new());
    assert_eq!(ids(&bo, Filter { since: Some(at(2)), ..Filter::default() }), [b]);
    let s = ana.summary(b).unwrap().unwrap();
    assert_eq!((s.user.as_deref(), s.host.as_deref()), (Some("bo"), Some("test-host")));
    assert_eq!(ana.get(a).unwrap().unwrap().request.body, r#"{"external_id":"alpha"}"#);
}

#[test]
fn a_claim_is_held_by_one_replay_then_released_or_left_unknown_by_the_clock() {
    let Some(url) = fresh("a_claim_is_held_by_one_replay_then_released_or_left_unknown_by_the_clock") else {
        return;
    };
    let timeout = Duration::from_secs(60);
    let ana = ledger_store(&url, "ana").with_claim_timeout(timeout);
    let bo = ledger_store(&url, "bo").with_claim_timeout(timeout);
    let one = ana.append(&failed("{}", 1)).unwrap();
    let two = ana.append(&failed("{}", 2)).unwrap();
    let t0 = at(100);
    let later = t0.checked_add(jiff::SignedDuration::from_secs(61)).unwrap();

    // One of two claimants wins; the loser gets nothing until the claim is stale.
    let a1 = ana.claim(one, t0).unwrap().expect("the first claim wins");
    assert!(bo.claim(one, t0).unwrap().is_none());
    // Stale and never sent: another replay takes it over, and the first may no longer send.
    let b1 = bo.claim(one, later).unwrap().expect("a stale claim is taken over");
    assert!(!ana.start_sending(one, &a1, later).unwrap());
    assert!(bo.start_sending(one, &b1, later).unwrap());
    // Sent and never recorded (the replay died): after the timeout it is unknown, never offered again.
    let a2 = ana.claim(two, t0).unwrap().unwrap();
    assert!(ana.start_sending(two, &a2, t0).unwrap());
    let even_later = later.checked_add(jiff::SignedDuration::from_secs(61)).unwrap();
    assert_eq!(bo.expire_claims(even_later).unwrap(), [one, two]);
    assert!(bo.claim(two, even_later).unwrap().is_none());
    let unknown = ids(&bo, Filter { replay_unknown: true, ..Filter::default() });
    assert_eq!(unknown, [two, one]);
    assert!(ids(&bo, Filter { not_replayed: true, ..Filter::default() }).is_empty());
    assert!(bo.summary(two).unwrap().unwrap().replay_unknown);
}

/// A home whose config points at the ledger `url` with `user`, a key, and a claim timeout.
fn ledger_home(url: &LedgerUrl, user: &str, claim_timeout_secs: u64) -> Home {
    let home = Home::with_key(KEY);
    home.config(&format!(
        "history_url = \"{}\"\nuser = \"{user}\"\nclaim_timeout_secs = {claim_timeout_secs}\n",
        url.expose()
    ));
    home
}

/// `n` failed exchanges, each with its own body, in the ledger.
fn seed(url: &LedgerUrl, n: usize) -> Vec<i64> {
    let store = ledger_store(url, "seeder");
    (0..n).map(|i| store.append(&failed(&format!(r#"{{"external_id":"u{i}"}}"#), i as i64)).unwrap()).collect()
}

fn replay(home: &Home, target: &str) -> Command {
    home.brazen(&["replay", "--yes", "--url", target, "--format", "json"])
}

/// Every body the server got, each at most once.
fn assert_no_body_twice(bodies: &[String]) {
    let mut seen = std::collections::HashSet::new();
    for b in bodies {
        assert!(seen.insert(b.clone()), "{b} was sent twice: {bodies:?}");
    }
}

#[test]
fn two_concurrent_replays_send_each_exchange_exactly_once() {
    let Some(url) = fresh("two_concurrent_replays_send_each_exchange_exactly_once") else { return };
    const N: usize = 12;
    let originals = seed(&url, N);
    let recorder = Recorder::always("200 OK", r#"{"message":"success"}"#);
    let (ana, bo) = (ledger_home(&url, "ana", 600), ledger_home(&url, "bo", 600));
    let (mut a, mut b) = (replay(&ana, &recorder.url), replay(&bo, &recorder.url));
    let (a, b) = (a.spawn().unwrap(), b.spawn().unwrap());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(code(&a), 0, "{}{}", out(&a), err(&a));
    assert_eq!(code(&b), 0, "{}{}", out(&b), err(&b));
    let bodies: Vec<String> = recorder.received().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies.len(), N, "{bodies:?}");
    assert_no_body_twice(&bodies);
    let (ra, rb) = (json(&a), json(&b));
    assert_eq!(ra.as_array().unwrap().len() + rb.as_array().unwrap().len(), N);
    // The ledger says who replayed each one.
    let store = ledger_store(&url, "checker");
    for id in originals {
        let s = store.summary(id).unwrap().unwrap();
        let by = store.summary(s.replayed_by.expect("replayed")).unwrap().unwrap();
        assert!(matches!(by.user.as_deref(), Some("ana" | "bo")), "{by:?}");
    }
}

#[test]
fn a_replay_killed_mid_way_leaves_nothing_sent_twice() {
    let Some(url) = fresh("a_replay_killed_mid_way_leaves_nothing_sent_twice") else { return };
    const N: usize = 6;
    let originals = seed(&url, N);
    // Slow answers, so the kill lands while a request is out.
    let recorder = Recorder::start(|_| {
        std::thread::sleep(Duration::from_millis(300));
        ("HTTP/1.1 200 OK\r\ncontent-type: application/json".into(), r#"{"message":"success"}"#.into())
    });
    let ana = ledger_home(&url, "ana", 1);
    let mut first = replay(&ana, &recorder.url).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    // Killed once it has had two requests answered and is (most likely) waiting on a third.
    while recorder.received().len() < 3 {
        std::thread::sleep(Duration::from_millis(20));
        assert!(first.try_wait().unwrap().is_none(), "the replay ended before it was killed");
    }
    first.kill().unwrap();
    first.wait().unwrap();
    // After the claim timeout (1 s), another replay from another home.
    std::thread::sleep(Duration::from_millis(1_500));
    let bo = ledger_home(&url, "bo", 1);
    let second = common::run(replay(&bo, &recorder.url), None);
    assert!(matches!(code(&second), 0), "{}{}", out(&second), err(&second));
    let bodies: Vec<String> = recorder.received().into_iter().map(|r| r.body).collect();
    assert_no_body_twice(&bodies);
    let store = ledger_store(&url, "checker");
    let mut unknown = 0;
    for id in originals {
        let s = store.summary(id).unwrap().unwrap();
        assert!(s.replayed_by.is_some() || s.replay_unknown, "#{id} neither replayed nor unknown: {s:?}");
        unknown += usize::from(s.replay_unknown);
    }
    assert!(unknown <= 1, "only the request in flight at the kill can be unknown");
    let listed = json(&bo.run(&["history", "list", "--unknown", "--format", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), unknown);
}

#[test]
fn an_outage_during_sends_loses_nothing_and_sync_pushes_it_once() {
    let Some(url) = fresh("an_outage_during_sends_loses_nothing_and_sync_pushes_it_once") else { return };
    // Nothing listens on port 9 of 127.0.0.1: the ledger is down.
    let down = LedgerUrl::parse("postgres://ops:down-secret-pw@127.0.0.1:9/nothing?sslmode=disable").unwrap();
    let m = common::BackgroundMock::start(|o| common::allow_key(o, KEY));
    let home = ledger_home(&down, "ana", 600);
    for i in 0..3 {
        let body = format!(r#"{{"attributes":[{{"external_id":"out{i}","x":1}}]}}"#);
        let file = home.file("body.json", &body);
        let o = home.run(&["send", "/users/track", &file, "--url", &m.url]);
        assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
        assert!(!format!("{}{}", out(&o), err(&o)).contains("down-secret-pw"));
    }
    // Reading needs the ledger: an error naming it, the password masked.
    let o = home.run(&["history", "list"]);
    assert_ne!(code(&o), 0);
    assert!(err(&o).contains("postgres://ops:…@127.0.0.1:9"), "{}", err(&o));
    assert!(!format!("{}{}", out(&o), err(&o)).contains("down-secret-pw"));
    let local = Store::open(&home.db()).unwrap();
    assert_eq!(local.count().unwrap(), 3);
    assert_eq!(local.pending_sync().unwrap(), 3);
    drop(local);
    // The ledger is back: `history sync` pushes each once; again, nothing.
    home.config(&format!("history_url = \"{}\"\nuser = \"ana\"\n", url.expose()));
    let o = home.run(&["history", "sync", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let synced = json(&o);
    // The start of `history sync` already pushes; either way, three in all and none twice.
    assert_eq!(synced["left"], 0, "{synced}");
    let o = home.run(&["history", "sync", "--format", "json"]);
    assert_eq!(json(&o)["pushed"], 0);
    let store = ledger_store(&url, "checker");
    assert_eq!(store.count().unwrap(), 3);
    assert_eq!(ids(&store, Filter { user: Some("ana".into()), ..Filter::default() }).len(), 3);
    assert_eq!(Store::open(&home.db()).unwrap().pending_sync().unwrap(), 0);
}

#[test]
fn migrate_copies_a_local_history_up_once_with_its_replay_links() {
    let Some(url) = fresh("migrate_copies_a_local_history_up_once_with_its_replay_links") else { return };
    let home = Home::with_key(KEY);
    let local = Store::open(&home.db()).unwrap().with_who(who("cy"));
    let first = local.append(&failed("{}", 1)).unwrap();
    let mut again = failed("{}", 2);
    again.replay_of = Some(first);
    let second = local.append(&again).unwrap();
    local.mark_replayed(first, second).unwrap();
    drop(local);
    for _ in 0..2 {
        let o = home.run(&["history", "migrate", "--to", url.expose()]);
        assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
        assert!(
            !format!("{}{}", out(&o), err(&o)).contains(&url.password().unwrap_or_default())
                || url.password().is_none()
        );
    }
    let store = ledger_store(&url, "checker");
    assert_eq!(store.count().unwrap(), 2);
    let rows = store.list(&Filter::default()).unwrap();
    let (newer, older) = (&rows[0], &rows[1]);
    assert_eq!(newer.replay_of, Some(older.id));
    assert_eq!(older.replayed_by, Some(newer.id));
    assert_eq!(older.user.as_deref(), Some("cy"));
}

#[test]
fn the_key_is_in_no_table_of_a_dump_and_the_password_in_no_output() {
    let Some(url) = fresh("the_key_is_in_no_table_of_a_dump_and_the_password_in_no_output") else { return };
    let m = common::BackgroundMock::start(|o| common::allow_key(o, KEY));
    let home = ledger_home(&url, "ana", 600);
    let body = format!(r#"{{"attributes":[{{"external_id":"k1","note":"{KEY}"}}]}}"#);
    let file = home.file("body.json", &body);
    let o = home.run(&["send", "/users/track", &file, "--url", &m.url]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert_eq!(ledger_store(&url, "checker").count().unwrap(), 1);
    let dump = pg_dump(&url);
    assert!(dump.contains("/users/track"), "the dump holds the exchange");
    assert!(!dump.contains(KEY), "the key is in the ledger");
    let password = url.password().unwrap_or_default();
    for args in [&["config", "--format", "json"][..], &["config"], &["history", "list"]] {
        let o = home.run(args);
        let all = format!("{}{}", out(&o), err(&o));
        assert!(password.is_empty() || !all.contains(&password), "{args:?} shows the password: {all}");
    }
    let shown = json(&home.run(&["config", "--format", "json"]));
    assert!(shown["ledger"]["url"]["value"].as_str().unwrap().contains('…'), "{shown}");
    assert_eq!(json(&home.run(&["history", "list", "--format", "json"]))[0]["user"], "ana");
}

/// `pg_dump` of the database at `url` (the server's own binary).
fn pg_dump(url: &LedgerUrl) -> String {
    let bin = std::env::var("BRAZEN_TEST_POSTGRES_BIN").unwrap_or_else(|_| pg_bin());
    let o = Command::new(format!("{bin}/pg_dump")).arg(url.expose()).output().unwrap();
    assert!(o.status.success(), "pg_dump: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The newest `/usr/lib/postgresql/N/bin`.
fn pg_bin() -> String {
    let mut found: Vec<(u32, String)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let v = e.file_name().to_string_lossy().parse().ok()?;
                    Some((v, format!("{}/bin", e.path().display())))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.pop().map(|(_, p)| p).unwrap_or_else(|| "/usr/bin".into())
}

#[test]
fn tls_to_the_server_is_verified_against_the_given_ca() {
    let Some(server) = server("tls_to_the_server_is_verified_against_the_given_ca") else { return };
    let url = fixtures::fresh_ledger_database(&server).unwrap();
    // A CA and a server certificate for localhost, made now; the server switched to TLS by a reload.
    let dir = tempfile::tempdir().unwrap();
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "brazen test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf_params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    let issuer = rcgen::Issuer::from_params(&ca_params, &ca_key);
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).unwrap();
    let (ca_pem, cert_pem, key_pem) = (ca.pem(), leaf.pem(), leaf_key.serialize_pem());
    let (ca_file, cert_file, key_file) =
        (dir.path().join("ca.pem"), dir.path().join("server.crt"), dir.path().join("server.key"));
    std::fs::write(&ca_file, ca_pem).unwrap();
    std::fs::write(&cert_file, cert_pem).unwrap();
    std::fs::write(&key_file, key_pem).unwrap();
    give_to_postgres(dir.path(), &[&cert_file, &key_file]);
    let admin = ledger_store(&url, "admin");
    admin.check_ledger().unwrap();
    sql(
        &server,
        &format!(
            "ALTER SYSTEM SET ssl_cert_file = '{}'; ALTER SYSTEM SET ssl_key_file = '{}'; ALTER SYSTEM SET ssl = on; \
             SELECT pg_reload_conf();",
            cert_file.display(),
            key_file.display()
        ),
    );
    let mut tls = url::Url::parse(url.expose()).unwrap();
    tls.set_host(Some("localhost")).unwrap();
    tls.set_query(Some(&format!("sslmode=require&sslrootcert={}", ca_file.display())));
    let tls_url = LedgerUrl::parse(tls.as_str()).unwrap();
    // The reload is asynchronous: a few tries until the server offers TLS.
    let mut result = Err(String::new());
    for _ in 0..50 {
        let store = ledger_store(&tls_url, "ana");
        result = store
            .append(&failed("{}", 1))
            .map_err(|e| e.to_string())
            .and_then(|id| if id > 0 { Ok(id) } else { Err("kept locally: the TLS connection failed".into()) });
        if result.is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // `sslmode=require`: the connection is TLS or there is none.
    result.expect("an append over TLS");
    // Without the CA, the certificate is refused.
    let mut untrusted = tls.clone();
    untrusted.set_query(Some("sslmode=require"));
    let store = ledger_store(&LedgerUrl::parse(untrusted.as_str()).unwrap(), "ana");
    let e = store.check_ledger().unwrap_err().to_string();
    assert!(!e.is_empty());
    sql(&server, "ALTER SYSTEM RESET ssl; SELECT pg_reload_conf();");
}

/// Hands `files` (and their folder) to the server's user: it refuses a key file others can read or it does not own.
fn give_to_postgres(dir: &std::path::Path, files: &[&std::path::Path]) {
    use std::os::unix::fs::PermissionsExt as _;
    let uid = String::from_utf8(Command::new("id").args(["-u", "postgres"]).output().unwrap().stdout).unwrap();
    let uid: u32 = uid.trim().parse().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in files {
        std::os::unix::fs::chown(f, Some(uid), None).unwrap();
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// Runs `statements` on the test server (a superuser), on a thread of its own.
fn sql(server: &str, statements: &str) {
    let (server, statements) = (server.to_string(), statements.to_string());
    std::thread::spawn(move || {
        let mut c = postgres::Client::connect(&server, postgres::NoTls).unwrap();
        // One at a time: ALTER SYSTEM refuses the implicit transaction of a multi-statement string.
        for statement in statements.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            c.batch_execute(statement).unwrap();
        }
    })
    .join()
    .unwrap();
}
