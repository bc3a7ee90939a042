//! `brazen explain` and `brazen catalog` through the real binary: the JSON contract, Korean output, colour
//! switches and exit codes.

use std::process::{Command, Output, Stdio};

use crate::common;

const NOW: &str = "2025-03-01T12:00:00Z";

fn brazen(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brazen"));
    cmd.args(args).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env("LANG", "C").env_remove("LC_ALL");
    cmd.env_remove("LC_MESSAGES");
    for (k, v) in env {
        cmd.env(k, v);
    }
    common::run(cmd, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Text output with white space collapsed: the card wraps sentences over lines.
fn flat(o: &Output) -> String {
    stdout(o).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_of(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("one JSON object")
}

fn epoch(offset: i64) -> String {
    let now: jiff::Timestamp = NOW.parse().unwrap();
    (now.as_second() + offset).to_string()
}

#[test]
fn rate_limited_json_matches_the_contract() {
    let reset = format!("X-RateLimit-Reset: {}", epoch(12));
    let out = brazen(
        &[
            "explain",
            "429",
            "--header",
            &reset,
            "-H",
            "x-ratelimit-remaining: 0",
            "--body",
            "-",
            "--now",
            NOW,
            "--format",
            "json",
        ],
        Some(br#"{"message":"Rate Limited"}"#),
        &[],
    );
    let v = json_of(&out);
    let row = brazen::catalog::errors().row("rate_limited").unwrap();
    for key in [
        "status",
        "class",
        "outcome",
        "error",
        "name",
        "message",
        "minor_errors",
        "send_id",
        "accepted",
        "retry",
        "explanation",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["status"], 429);
    assert_eq!(v["class"], "4XX");
    assert_eq!(v["outcome"], "fatal");
    assert_eq!(v["error"], "rate_limited");
    assert_eq!(v["name"], row.name.as_str());
    assert_eq!(v["message"], "Rate Limited");
    assert_eq!(v["minor_errors"], serde_json::json!([]));
    assert_eq!(v["send_id"], serde_json::Value::Null);
    assert_eq!(v["accepted"], false);
    assert_eq!(v["retry"], serde_json::json!({"advice": "wait_for_reset", "after_seconds": 12}));
    assert!(v["explanation"].as_str().unwrap().contains(&row.meaning.en));
}

#[test]
fn success_with_minor_errors_and_send_id() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, r#"{"message":"success","send_id":"s-1","errors":[{"index":1},"bad alias"]}"#).unwrap();
    let v = json_of(&brazen(&["explain", "201", "--body", body.to_str().unwrap(), "--format", "json"], None, &[]));
    assert_eq!(v["outcome"], "success_with_minor_errors");
    assert_eq!(v["accepted"], true);
    assert_eq!(v["error"], serde_json::Value::Null);
    assert_eq!(v["send_id"], "s-1");
    assert_eq!(v["minor_errors"], serde_json::json!([r#"{"index":1}"#, "bad alias"]));
    assert_eq!(v["retry"], serde_json::json!({"advice": "none"}));
    // Without a body (no shape, no notice) the object has the same keys, null where there is nothing.
    let bare = json_of(&brazen(&["explain", "200", "--format", "json"], None, &[]));
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&bare), keys(&v));
    assert!(bare["shape"].is_null() && bare["notice"].is_null(), "{bare}");
}

#[test]
fn proxy_html_502_is_a_server_error_with_backoff() {
    let html = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    let v = json_of(&brazen(&["explain", "502", "--body", "-", "--format", "json"], Some(html), &[]));
    assert_eq!(v["class"], "5XX");
    assert_eq!(v["error"], "internal_server_error");
    assert_eq!(v["message"], serde_json::Value::Null);
    assert_eq!(v["retry"]["advice"], "backoff");
    assert_eq!(v["retry"]["schedule_seconds"], serde_json::json!([1.0, 2.0, 4.0]));
    assert!(v["explanation"].as_str().unwrap().contains("proxy"));
}

#[test]
fn korean_follows_lang_and_the_locale() {
    let row = brazen::catalog::errors().row("no_recipients").unwrap();
    let body = Some(&br#"{"message":"No Recipients"}"#[..]);
    let flag = brazen(&["--lang", "ko", "explain", "400", "--body", "-"], body, &[]);
    assert_eq!(flag.status.code(), Some(0));
    let text = flat(&flag);
    assert!(text.contains(&row.meaning.ko), "{text}");
    assert!(text.contains("의미") && !text.contains("meaning"), "{text}");

    let locale = brazen(&["explain", "400", "--body", "-", "--format", "json"], body, &[("LANG", "ko_KR.UTF-8")]);
    assert!(json_of(&locale)["explanation"].as_str().unwrap().contains(&row.action.ko));
    let english = brazen(&["--lang", "en", "explain", "400", "--body", "-"], body, &[("LANG", "ko_KR.UTF-8")]);
    assert!(flat(&english).contains(&row.meaning.en));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let args = ["explain", "404"];
    let plain = stdout(&brazen(&args, None, &[]));
    assert!(!plain.contains('\x1b'), "a pipe is not a terminal: {plain:?}");
    let forced = stdout(&brazen(&args, None, &[("CLICOLOR_FORCE", "1")]));
    assert!(forced.starts_with("\x1b[1;31m404 4XX"), "{forced:?}");
    let no_color = stdout(&brazen(&args, None, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(!no_color.contains('\x1b'), "{no_color:?}");
    assert_eq!(no_color, plain);
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let cases: &[&[&str]] = &[
        &["explain", "99"],
        &["explain", "101"],
        &["explain", "600"],
        &["explain", "OK"],
        &["explain", "400", "--header", "no colon here"],
        &["explain", "400", "--body", "/nonexistent/brazen/body.json"],
        &["explain", "400", "--now", "next tuesday"],
        &["explain", "400", "--format", "yaml"],
    ];
    for args in cases {
        let out = brazen(args, None, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
    let out = brazen(&["explain", "400", "--now", "yesterday"], None, &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--now"));
    assert_eq!(brazen(&["explain", "200"], None, &[]).status.code(), Some(0));
    assert_eq!(brazen(&["explain", "599"], None, &[]).status.code(), Some(0));
}

#[test]
fn catalog_lists_endpoints_errors_and_shapes() {
    let v = json_of(&brazen(&["catalog", "--format", "json"], None, &[]));
    let table = brazen::catalog::errors();
    assert_eq!(v["errors"].as_array().unwrap().len(), table.rows.len());
    assert_eq!(v["shapes"].as_array().unwrap().len(), table.shapes.len());
    assert_eq!(v["endpoints"].as_array().unwrap().len(), brazen::catalog::endpoints().endpoints.len());

    let ko = flat(&brazen(&["--lang", "ko", "catalog"], None, &[]));
    for r in &table.rows {
        assert!(ko.contains(&r.action.ko), "{}", r.id);
    }
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::os::unix::process::ExitStatusExt;
    // `brazen catalog --format json | head -1`: the reader is gone before brazen writes.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(["catalog", "--format", "json"])
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.signal(), Some(libc::SIGPIPE), "{:?} {err}", o.status);
}

/// `--endpoint`: the headline follows what the endpoint does, its own documented errors are found by their wire
/// names, and the JSON adds `endpoint` and `kind`; without it nothing changes.
#[test]
fn explain_endpoint_explains_by_kind_and_finds_the_endpoints_own_errors() {
    let run = |args: &[&str], body: &str| {
        brazen(&[&["explain"], args, &["--body", "-", "--now", NOW]].concat(), Some(body.as_bytes()), &[])
    };
    // The transactional send and the Canvas trigger answer 201 with no `send_id`: they are sends, not reads.
    for endpoint in ["POST /transactional/v1/campaigns/campaign-email/send", "POST /canvas/trigger/send"] {
        let o = run(
            &["201", "--endpoint", endpoint, "--format", "json"],
            r#"{"dispatch_id": "d-1", "message": "success"}"#,
        );
        let v = json_of(&o);
        assert_eq!(v["kind"], "send", "{v}");
        let explanation = v["explanation"].as_str().unwrap();
        assert!(explanation.contains("accepted for processing, not yet delivered"), "{explanation}");
        assert!(!explanation.contains("Reading data sends nothing"), "{explanation}");
    }
    let v = json_of(&run(&["201", "--endpoint", "POST /transactional/v1/campaigns/x/send", "--format", "json"], "{}"));
    assert_eq!(v["endpoint"], "POST /transactional/v1/campaigns/{campaign_id}/send");
    // Every kind's headline.
    for (endpoint, status, kind, says) in [
        ("POST /users/track", "201", "write", "recorded"),
        ("GET /campaigns/list", "200", "read", "answered with data"),
        ("POST /users/export/segment", "201", "export", "export started"),
        ("DELETE /catalogs/restaurants", "200", "delete", "deleted"),
        ("POST /cdi/integrations/i-1/sync", "202", "job", "job started"),
    ] {
        let v = json_of(&run(&[status, "--endpoint", endpoint, "--format", "json"], r#"{"message": "success"}"#));
        assert_eq!(v["kind"], kind, "{endpoint}");
        assert!(v["explanation"].as_str().unwrap().contains(says), "{endpoint}: {v}");
    }
    // The text card's meaning line says the same.
    let o = run(&["200", "--endpoint", "DELETE /catalogs/restaurants"], r#"{"message": "success"}"#);
    assert!(flat(&o).contains("meaning Deleted."), "{}", stdout(&o));
    // A named thing that does not exist: the endpoint's row, from the error id inside `errors`.
    let missing = r#"{"errors": [{"id": "catalog-not-found", "message": "Could not find catalog"}], "message": "Invalid Request"}"#;
    let v = json_of(&run(&["404", "--endpoint", "GET /catalogs/nope/items", "--format", "json"], missing));
    assert_eq!(v["error"], "catalog_not_found", "{v}");
    // Without --endpoint: the seed's table, no endpoint or kind keys.
    let v = json_of(&run(&["404", "--format", "json"], missing));
    assert_eq!(v["error"], "not_found");
    assert!(v.get("kind").is_none() && v.get("endpoint").is_none(), "{v}");
    // A CDI sync while another job runs: wait for the job, not for the rate-limit window.
    let busy = r#"{"message": "Another job is in progress for this integration"}"#;
    let o = run(&["429", "--endpoint", "POST /cdi/integrations/i-1/sync", "--format", "json"], busy);
    let v = json_of(&o);
    assert_eq!(v["retry"]["advice"], "wait_for_job", "{v}");
    // A typo is a usage error with a suggestion.
    let o = run(&["200", "--endpoint", "GET /catalgos"], "{}");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean"), "{}", String::from_utf8_lossy(&o.stderr));
}
