//! History housekeeping and bundles through the real binary: `history delete`, `history prune` (exact rows, the
//! file shrinks), `history export --as bundle` and `import bundle` (the same card in another home, never the key,
//! garbage refused with exit 2, re-sent there like any exchange).

use crate::common;

use brazen::history::fixtures::{self, Answer};
use common::{BackgroundMock, Home, allow_key, code, contains_bytes, err, json, out};

const NO_RECIPIENTS: &str = r#"{"messages": {"apple_push": {"alert": "hi"}}}"#;
const SECRET: &str = "brazen-bundle-secret-7f3a91c0d2";

fn at(sec: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_735_689_600 + sec).unwrap()
}

fn ok(body: &str, sec: i64) -> brazen::exchange::Exchange {
    let answer = Answer::Http { status: 201, body: r#"{"message":"success"}"#.into() };
    fixtures::exchange("POST", "/users/track", body, answer, at(sec))
}

/// Every file of `home` (the database, its log) is free of the key.
fn no_key_in(home: &Home) {
    for entry in std::fs::read_dir(home.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            assert!(!contains_bytes(&std::fs::read(&path).unwrap(), SECRET), "{} holds the key", path.display());
        }
    }
}

#[test]
fn a_bundle_carries_the_same_card_to_another_home_without_the_key() {
    let m = BackgroundMock::start(|o| allow_key(o, SECRET));
    let sender = Home::with_key(SECRET);
    let bad = sender.file("bad.json", NO_RECIPIENTS);
    let o = sender.run(&["send", "/messages/send", &bad, "--url", &m.url, "--force"]);
    assert_eq!(code(&o), 4, "{}{}", out(&o), err(&o));

    let o = sender.run(&["history", "export", "1", "--as", "bundle"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let bytes = o.stdout.clone();
    assert!(!contains_bytes(&bytes, SECRET), "the bundle holds the key");
    let bundle: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(bundle["bundle_version"], 1);
    assert_eq!(bundle["brazen_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(bundle["exchange_id"], 1);
    assert_eq!(bundle["explanation"]["error"], "no_recipients");
    assert_eq!(bundle["request"]["headers"][0][1], "Bearer [REDACTED]");
    for field in ["exported_at", "environment", "time", "request", "response", "explanation", "timings", "attempts"] {
        assert!(!bundle[field].is_null(), "{field} missing: {bundle}");
    }

    // Another person, another home, their own key.
    let receiver = Home::with_key(SECRET);
    let case = receiver.file("case.json", &bytes);
    let o = receiver.run(&["import", "bundle", &case]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert!(out(&o).starts_with("imported as #1 ("), "{}", out(&o));
    // Twice: nothing added, the same id.
    let o = receiver.run(&["import", "bundle", &case, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let again = json(&o);
    assert_eq!((again["id"].as_i64(), again["imported"].as_bool()), (Some(1), Some(false)), "{again}");
    assert_eq!(receiver.history_count(), 1);

    let original = json(&sender.run(&["history", "show", "1", "--format", "json"]));
    let imported = json(&receiver.run(&["history", "show", "1", "--format", "json"]));
    for field in [
        "status",
        "class",
        "outcome",
        "error",
        "name",
        "message",
        "minor_errors",
        "accepted",
        "retry",
        "explanation",
        "send_id",
        "request",
        "response",
        "attempts",
        "environment",
        "time",
        "duration_ms",
    ] {
        assert_eq!(imported[field], original[field], "{field}");
    }
    assert!(original["imported_from"].is_null());
    assert_eq!(imported["imported_from"]["file"], "case.json");
    assert_eq!(imported["imported_from"]["id"], 1);
    assert_eq!(imported["imported_from"]["environment"], original["environment"]);
    let text = out(&receiver.run(&["history", "show", "1"]));
    assert!(text.lines().next().unwrap().contains("imported from case.json ("), "{text}");
    assert!(text.contains("no_recipients"), "{text}");
    let list = json(&receiver.run(&["history", "list", "--format", "json"]));
    assert_eq!(list[0]["imported_from"]["file"], "case.json");

    // Re-sent against the receiver's own environment with their key, like any exchange.
    let o = receiver.run(&["replay", "--class", "4xx", "--yes", "--url", &m.url, "--format", "json"]);
    assert_eq!(code(&o), 4, "{}{}", out(&o), err(&o));
    let replayed = json(&o);
    assert_eq!(replayed[0]["original"], 1);
    assert_eq!(replayed[0]["status"], 400);
    let store = receiver.history();
    assert_eq!(store.get(2).unwrap().unwrap().replay_of, Some(1));
    assert_eq!(store.summary(1).unwrap().unwrap().replayed_by, Some(2));
    drop(store);
    no_key_in(&receiver);
    no_key_in(&sender);
}

#[test]
fn garbage_bundles_exit_2_and_say_why() {
    let h = Home::new();
    h.file("config.toml", "[defaults]\nmax_input_bytes = 4096\n");
    let big = format!(r#"{{"bundle_version": 1, "pad": "{}"}}"#, "x".repeat(5000));
    let deep = "[".repeat(4_000);
    let cases: [(&str, &[u8], &str); 7] = [
        ("empty.json", b"", "not JSON"),
        ("text.json", b"hello", "not JSON"),
        ("binary.json", &[0xff, 0xfe, 0x00, 0x01], "not UTF-8"),
        ("deep.json", deep.as_bytes(), "not JSON"),
        ("future.json", br#"{"bundle_version": 9}"#, "newer than this brazen reads (1)"),
        ("fields.json", br#"{"bundle_version": 1, "environment": "x"}"#, "missing field"),
        ("big.json", big.as_bytes(), "larger than 4 KiB"),
    ];
    for (name, bytes, says) in cases {
        let file = h.file(name, bytes);
        let o = h.run(&["import", "bundle", &file]);
        assert_eq!(code(&o), 2, "{name}: {}{}", out(&o), err(&o));
        assert!(err(&o).contains(says), "{name}: {}", err(&o));
        assert!(!err(&o).contains("panicked"), "{name}: {}", err(&o));
    }
    assert_eq!(h.history_count(), 0);
    let o = h.run(&["import", "bundle", "/nonexistent/case.json"]);
    assert_eq!(code(&o), 2, "{}", err(&o));
}

#[test]
fn delete_removes_the_ids_and_reports_the_missing_ones() {
    let h = Home::new();
    let store = h.history();
    let ids = store.append_many(&[ok("{}", 1), ok("{}", 2), ok("{}", 3)]).unwrap();
    drop(store);
    let o = h.run(&["history", "delete", &ids[0].to_string(), &format!("#{}", ids[2])]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    assert_eq!(out(&o), format!("deleted 2 exchange(s): #{}, #{}\n", ids[0], ids[2]));
    let o = h.run(&["history", "delete", &ids[1].to_string(), "99", "--format", "json"]);
    assert_eq!(code(&o), 2, "a missing id is exit 2: {}", err(&o));
    assert_eq!(json(&o), serde_json::json!({"deleted": [ids[1]], "missing": [99], "unmarked": []}));
    assert!(err(&o).contains("no exchange #99 in the history"), "{}", err(&o));
    assert_eq!(h.history_count(), 0);
    // Usage errors delete nothing.
    let store = h.history();
    let kept = store.append(&ok("{}", 4)).unwrap();
    drop(store);
    for args in [&["history", "delete"][..], &["history", "delete", &kept.to_string(), "x"]] {
        assert_eq!(code(&h.run(args)), 2, "{args:?}");
    }
    assert_eq!(h.history_count(), 1);
}

#[test]
fn prune_removes_exactly_the_rows_before_the_time_and_the_file_shrinks() {
    let h = Home::new();
    let big = format!(r#"{{"attributes":[{{"external_id":"u","note":"{}"}}]}}"#, "lorem ipsum ".repeat(1_700));
    let store = h.history();
    let old: Vec<i64> = store.append_many(&(0..150).map(|s| ok(&big, s)).collect::<Vec<_>>()).unwrap();
    let new = store.append_many(&[ok("{}", 1_000), ok("{}", 2_000)]).unwrap();
    drop(store);
    let size = || {
        // A checkpoint first, so the comparison is of the database file alone.
        let store = h.history();
        drop(store);
        std::fs::metadata(h.db()).unwrap().len()
    };
    let full = size();
    assert!(full > 3_000_000, "{full}");
    let before = at(1_000).to_string();

    let o = h.run(&["history", "prune", "--before", &before, "--dry-run", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let listed: Vec<i64> = json(&o).as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    let mut want = old.clone();
    want.reverse();
    assert_eq!(listed, want, "the dry run lists exactly the rows before the time, newest first");
    // No terminal and no --yes: refused, nothing deleted.
    let o = h.run(&["history", "prune", "--before", &before]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("--yes"), "{}", err(&o));
    let o = h.run(&["history", "prune", "--before", "last tuesday", "--yes"]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("--before \"last tuesday\": expected an RFC 3339 time"), "{}", err(&o));
    assert_eq!(h.history_count(), 152);

    let o = h.run(&["history", "prune", "--before", &before, "--yes", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    assert_eq!(json(&o)["pruned"], 150);
    let store = h.history();
    let left: Vec<i64> = store.list(&Default::default()).unwrap().iter().map(|s| s.id).collect();
    assert_eq!(left, [new[1], new[0]], "the row exactly at the time stays");
    drop(store);
    let pruned = size();
    assert!(pruned < full / 10, "{pruned} bytes after the prune, {full} before");
}

#[test]
fn diff_compares_two_exchanges_part_by_part_and_refuses_unknown_ids() {
    let h = Home::new();
    let store = h.history();
    let worked = ok(r#"{"attributes":[{"external_id":"u1","tier":"gold"}]}"#, 1);
    let answer = Answer::Http { status: 400, body: r#"{"message":"Bad Request"}"#.into() };
    let failed =
        fixtures::exchange("POST", "/users/track", r#"{"attributes":[{"external_id":"u1","tier":7}]}"#, answer, at(2));
    let ids = store.append_many(&[worked, failed]).unwrap();
    drop(store);
    let (a, b) = (ids[0].to_string(), format!("#{}", ids[1]));

    let o = h.run(&["history", "diff", &a, &b]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let text = out(&o);
    // Not a terminal: no colour.
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.starts_with(&format!("--- #{} 201 success", ids[0])), "{text}");
    assert!(text.contains(&format!("+++ #{} 400 fatal", ids[1])), "{text}");
    assert!(text.contains("## Request line · same"), "{text}");
    assert!(text.contains("-      \"tier\": \"gold\"\n+      \"tier\": 7\n"), "one changed value is one line:\n{text}");
    assert!(text.contains("-status: 201\n") && text.contains("+status: 400\n"), "{text}");

    let o = h.run(&["history", "diff", &a, &b, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let d = json(&o);
    assert_eq!((d["left"]["id"].as_i64(), d["right"]["status"].as_u64()), (Some(ids[0]), Some(400)));
    let parts: Vec<&str> = d["sections"].as_array().unwrap().iter().map(|s| s["part"].as_str().unwrap()).collect();
    assert_eq!(
        parts,
        ["request_line", "request_headers", "request_body", "status", "response_headers", "response_body"]
    );
    let body = &d["sections"][2];
    assert_eq!(body["changes"], 1);
    let changed: Vec<&serde_json::Value> =
        body["rows"].as_array().unwrap().iter().filter(|r| r["kind"] != "same").collect();
    assert_eq!(changed[0]["kind"], "changed");
    assert_eq!(changed[0]["right"], "      \"tier\": 7");
    assert!(d["changes"].as_u64().unwrap() >= 4, "{d}");

    // An unknown id is the history's "not found"; a malformed one a usage error: exit 2, never a panic.
    let o = h.run(&["history", "diff", &a, "999"]);
    assert_eq!(code(&o), 2, "{}", err(&o));
    assert!(err(&o).contains("no exchange #999 in the history"), "{}", err(&o));
    for bad in ["x", "0", "-3"] {
        let o = h.run(&["history", "diff", bad, &a]);
        assert_eq!(code(&o), 2, "{bad}: {}", err(&o));
        assert!(!err(&o).contains("panicked"), "{}", err(&o));
    }
}
