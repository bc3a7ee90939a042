//! Inputs have a size limit (`[defaults] max_input_bytes`): an endless or oversized `FILE|-` is refused with
//! exit 2 after reading no more than the cap, by every command that reads one; a request body longer than
//! `max_body_bytes` is kept cut, and marked, in the history.

use crate::common;

use std::io::Write as _;
use std::process::{Output, Stdio};

use common::{Home, err, out};

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;

/// The cap the tests set, small so that going past it is cheap.
const CAP: usize = 64 * 1024;

/// A home whose config sets `[defaults]` to `defaults`.
fn with_defaults(defaults: &str) -> Home {
    let h = Home::new();
    h.file("config.toml", &format!("[defaults]\n{defaults}\n"));
    h
}

fn capped() -> Home {
    with_defaults(&format!("max_input_bytes = {CAP}"))
}

/// Asserts exit 2 with a message that names `what`, the cap and the setting.
fn refused(o: &Output, what: &str, cap: &str) {
    let e = err(o);
    assert_eq!(o.status.code(), Some(2), "{}{e}", out(o));
    assert!(e.contains(&format!("{what} is larger than {cap}")), "{e}");
    assert!(e.contains("[defaults] max_input_bytes"), "{e}");
}

/// A JSON body of exactly `n` bytes that the validator accepts: [`MESSAGE`] padded with spaces.
fn body_of(n: usize) -> String {
    assert!(n >= MESSAGE.len());
    format!("{{{}{}", " ".repeat(n - MESSAGE.len()), &MESSAGE[1..])
}

#[test]
fn dev_zero_is_refused_at_the_default_cap() {
    // No config: the built-in 64 MiB.
    let h = Home::new();
    let o = h.run(&["validate", "/messages/send", "/dev/zero"]);
    refused(&o, "/dev/zero", "64 MiB (67108864 bytes)");
}

#[test]
fn an_endless_pipe_is_read_no_further_than_the_cap() {
    let h = capped();
    let mut child = h.brazen(&["validate", "/messages/send", "-"]).stdin(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // `yes`, counted: what brazen consumed is at most what the pipe accepted. The pipe's buffer (64 KiB by
    // default on Linux, at most 1 MiB) may hold bytes brazen never read. The writer stops by itself well past
    // both, so a reader without a cap ends too (and fails the assertions) instead of hanging.
    let pipe_slack = 1024 * 1024;
    let chunk = vec![b'y'; 4096];
    let mut written = 0usize;
    while written < 4 * (CAP + pipe_slack) {
        match stdin.write(&chunk) {
            Ok(n) => written += n,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            Err(e) => panic!("writing to brazen: {e}"),
        }
    }
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    refused(&o, "standard input", "64 KiB (65536 bytes)");
    assert!(written <= CAP + 1 + pipe_slack, "{written} bytes went in for a cap of {CAP}");
}

#[test]
fn an_input_at_the_cap_is_read_and_one_byte_more_is_refused() {
    let h = capped();
    let at = h.file("at.json", &body_of(CAP));
    let o = h.run(&["validate", "/messages/send", &at]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let over = h.file("over.json", &body_of(CAP + 1));
    refused(&h.run(&["validate", "/messages/send", &over]), &over, "64 KiB (65536 bytes)");
}

#[test]
fn every_command_that_reads_a_file_refuses_one_over_the_cap() {
    let h = capped();
    let big = h.file("big.json", &body_of(CAP + 1));
    let cap = "64 KiB (65536 bytes)";

    refused(&h.run(&["send", "/messages/send", &big, "--env", "sandbox"]), &big, cap);
    let lines = h.file("big.jsonl", &format!("{MESSAGE}\n").repeat(CAP / MESSAGE.len() + 1));
    refused(&h.run(&["batch", "/messages/send", &lines, "--env", "sandbox"]), &lines, cap);
    assert_eq!(h.history_count(), 0, "nothing was sent");

    let curl = format!("curl -X POST https://rest.iad-01.braze.com/messages/send -d '{}'\n", body_of(CAP));
    let curl = h.file("curl.txt", &curl);
    refused(&h.run(&["import", "curl", &curl]), &curl, cap);

    let o = h.run(&["explain", "400", "--body", &big]);
    refused(&o, &big, cap);
    assert!(err(&o).contains("--body: "), "{}", err(&o));

    // Valid fixtures, padded past the cap. The address is taken, so a mock that read them anyway would fail to
    // listen instead of serving forever: the message tells the two apart.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let pad = "# padding\n".repeat(CAP / 10 + 1);
    let fixtures = h.file("fixtures.toml", &format!("timezone = \"UTC\"\n{pad}"));
    let o = h.run(&["mock", "--fixtures", &fixtures, "--addr", &addr]);
    assert_eq!(o.status.code(), Some(2), "{}{}", out(&o), err(&o));
    assert!(err(&o).contains(&format!("cannot read fixtures {fixtures}: larger than {cap}")), "{}", err(&o));
    assert!(err(&o).contains("[defaults] max_input_bytes"), "{}", err(&o));
}

#[test]
fn standard_input_over_the_cap_is_refused_by_send() {
    let h = capped();
    let mut child =
        h.brazen(&["send", "/messages/send", "-", "--env", "sandbox"]).stdin(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let body = body_of(CAP + 1);
    let wrote = stdin.write_all(body.as_bytes());
    assert!(wrote.is_ok() || wrote.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe));
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    refused(&o, "standard input", "64 KiB (65536 bytes)");
    assert_eq!(h.history_count(), 0);
}

#[test]
fn history_keeps_a_request_body_over_max_body_bytes_cut_and_marked() {
    let h = with_defaults("max_body_bytes = 64");
    // The sandbox's key straddles byte 64: it is removed before the cut, so no part of it stays.
    let body = r#"{"external_user_ids": ["user-1"], "note": "xxxxxxxxxxxxxxxxxx sandbox-all", "messages": {"apple_push": {"alert": "hi"}}}"#;
    assert!(body.find("sandbox-all").is_some_and(|i| i < 64 && i + "sandbox-all".len() > 64));
    let file = h.file("body.json", body);
    let o = h.run(&["send", "/messages/send", &file, "--env", "sandbox"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));

    let o = h.run(&["history", "show", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("body cut: only its first"), "{}", out(&o));
    assert!(out(&o).contains("bytes are kept (max_body_bytes)"), "{}", out(&o));

    let o = h.run(&["history", "show", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kept = v["request"]["body"].as_str().unwrap();
    assert_eq!(v["request"]["body_truncated"], true, "{v}");
    assert!(kept.len() <= 64 && body.starts_with(&kept[..20]), "{kept}");
    assert!(!kept.contains("sandbox"), "{kept}");

    // A body within the cap is whole and not marked.
    let small = h.file("small.json", MESSAGE);
    let h2 = with_defaults("max_body_bytes = 1024");
    let o = h2.run(&["send", "/messages/send", &small, "--env", "sandbox"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = h2.run(&["history", "show", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["request"]["body"], MESSAGE);
    assert_eq!(v["request"]["body_truncated"], false);
    assert!(!out(&h2.run(&["history", "show", "1"])).contains("body cut"));
}

#[test]
fn replay_skips_an_exchange_whose_body_was_cut() {
    let h = with_defaults("max_body_bytes = 64");
    let file = h.file("body.json", &body_of(200));
    let o =
        h.run(&["send", "/messages/send", &file, "--env", "sandbox", "-H", "X-Brazen-Fault: 503", "--retries", "0"]);
    assert_eq!(o.status.code(), Some(5), "{}{}", out(&o), err(&o));
    // The dry run says what the run does: #1 is not among what would be re-sent.
    let o = h.run(&["replay", "--dry-run"]);
    assert!(err(&o).contains("#1 kept with the body cut (max_body_bytes): skipped"), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("nothing to replay"), "{}{}", out(&o), err(&o));
    let o = h.run(&["replay", "--yes"]);
    assert!(err(&o).contains("#1 kept with the body cut (max_body_bytes): skipped"), "{}{}", out(&o), err(&o));
    assert_eq!(h.history_count(), 1, "nothing was re-sent");
}
