//! `brazen send`, `replay`, `batch` and `config` through the real binary: exit codes, JSON output, what lands in
//! the history, and the API key never showing.

use crate::common;

use std::process::{Command, Stdio};

use brazen::history::Filter;
use brazen::mock::{FaultRule, MockOptions};
use common::{BackgroundMock, Home, allow_key, code, contains_bytes, err, json, out};

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;
const NO_RECIPIENTS: &str = r#"{"messages": {"apple_push": {"alert": "hi"}}}"#;
const IDENTIFY: &str =
    r#"{"aliases_to_identify": [{"external_id": "u1", "user_alias": {"alias_name": "a", "alias_label": "l"}}]}"#;
const SECRET: &str = "brazen-cli-secret-5c1d9e7a3b";

/// The mock, with [`SECRET`] a valid key, as `configure` changes it.
fn mock_with_key(configure: impl FnOnce(&mut MockOptions) + Send + 'static) -> BackgroundMock {
    BackgroundMock::start(move |o| {
        allow_key(o, SECRET);
        configure(o);
    })
}

#[test]
fn exit_codes_follow_the_contract() {
    let h = Home::new();
    let ok = h.file("ok.json", MESSAGE);
    let bad = h.file("bad.json", NO_RECIPIENTS);

    let o = h.run(&["send", "/messages/send", &ok, "--env", "sandbox"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("201"), "{}", out(&o));
    assert!(out(&o).contains("sandbox"), "{}", out(&o));
    assert_eq!(h.history().count().unwrap(), 1);

    // A fatal prediction: exit 4, the diagnostics, nothing sent, nothing recorded.
    let o = h.run(&["send", "/messages/send", &bad, "--env", "sandbox"]);
    assert_eq!(code(&o), 4);
    assert!(out(&o).contains(&format!("{bad}:1:1: fatal no_recipients")), "{}", out(&o));
    assert!(out(&o).contains("nothing sent"));
    assert_eq!(h.history().count().unwrap(), 1);

    // --force sends it: the mock's 400 is a 4XX, exit 4, recorded.
    let o = h.run(&["send", "/messages/send", &bad, "--env", "sandbox", "--force"]);
    assert_eq!(code(&o), 4, "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("No Recipients"), "{}", out(&o));
    assert_eq!(h.history().count().unwrap(), 2);

    let o = h.run(&["send", "/messages/send", &ok, "--env", "sandbox", "-H", "X-Brazen-Fault: 503"]);
    assert_eq!(code(&o), 5);
    assert!(out(&o).contains("Not retried"), "messaging is not retried by default: {}", out(&o));

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let o = h.run_with(&["send", "/messages/send", &ok, "--url", &url, "--retries", "0"], |c| {
        c.env("BRAZE_API_KEY", "some-key-0123456789");
    });
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("Connection refused"), "{}", out(&o));
    assert!(!out(&o).contains("os error 111\n\n"), "one line of detail, no dump");

    // Usage and unreadable input: 2.
    for args in [
        vec!["send", "/messages/send", "/no/such/file.json", "--env", "sandbox"],
        vec!["send", "/messages/send", &ok, "--env", "US-09"],
        vec!["send", "/messages/send", &ok, "--url", "http://127.0.0.1:9"],
        vec!["send", "/messages/send", "--env", "sandbox"],
        vec!["send", "/messages/send", &ok, "--env", "sandbox", "--timeout", "0"],
        vec!["send", "/messages/send", &ok, "--env", "sandbox", "--retries", "many"],
    ] {
        let o = h.run(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}{}", out(&o), err(&o));
        assert!(!err(&o).is_empty(), "{args:?} says why");
    }
}

#[test]
fn standard_input_and_get_queries_work() {
    let h = Home::new();
    let mut child = h
        .brazen(&["send", "/users/identify", "-", "--env", "sandbox", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(IDENTIFY.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o)["status"], 201);

    let o = h.run(&["send", "/campaigns/list", "--env", "sandbox", "--query", "page=0", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!(v["method"], "GET");
    assert!(v["url"].as_str().unwrap().ends_with("/campaigns/list?page=0"), "{}", v["url"]);
}

#[test]
fn a_get_missing_a_required_parameter_is_stopped_before_sending() {
    let h = Home::new();
    // campaign_id on the path, length missing: predicted, nothing sent, nothing recorded.
    let o = h.run(&["send", "/campaigns/data_series?campaign_id=campaign-push", "--env", "sandbox"]);
    assert_eq!(code(&o), 4, "{}{}", out(&o), err(&o));
    assert!(format!("{}{}", out(&o), err(&o)).contains("query parameter length is required"), "{}{}", out(&o), err(&o));
    let listed = h.run(&["history", "list", "--format", "json"]);
    assert_eq!(json(&listed), serde_json::json!([]), "refused before sending: nothing in the history");
    // Every source of the query counts: the path, --query, and a JSON object in FILE.
    let o = h.run(&["send", "/campaigns/data_series?campaign_id=campaign-push", "-q", "length=7", "--env", "sandbox"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let params = h.file("q.json", r#"{"campaign_id": "campaign-push", "length": 7}"#);
    let o = h.run(&["send", "/campaigns/data_series", &params, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert_eq!(json(&o)["status"], 200);
}

#[test]
fn json_output_is_the_explain_object_plus_the_send() {
    let h = Home::new();
    let ok = h.file("ok.json", MESSAGE);
    let o = h.run(&["send", "/messages/send", &ok, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    assert_eq!(v["status"], 201);
    assert_eq!(v["class"], "2XX");
    assert_eq!(v["outcome"], "success");
    assert_eq!(v["accepted"], true);
    assert_eq!(v["retry"]["advice"], "none");
    assert!(v["explanation"].as_str().unwrap().len() > 20);
    assert_eq!(v["environment"], "sandbox");
    assert_eq!(v["history_id"], 1);
    assert!(v["url"].as_str().unwrap().starts_with("http://127.0.0.1:"));
    let attempts = v["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["number"], 1);
    assert_eq!(attempts[0]["status"], 201);
    assert_eq!(attempts[0]["waited_ms"], 0);
    assert!(attempts[0]["total_ms"].as_f64().unwrap() >= 0.0);
    assert!(attempts[0]["failure"].is_null());

    let bad = h.file("bad.json", NO_RECIPIENTS);
    let o = h.run(&["send", "/messages/send", &bad, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 4);
    let v = json(&o);
    assert_eq!(v["sent"], false);
    assert_eq!(v["validation"]["diagnostics"][0]["error"], "no_recipients");

    let o =
        h.run(&["send", "/messages/send", &ok, "--env", "sandbox", "--format", "json", "-H", "X-Brazen-Fault: reset"]);
    assert_eq!(code(&o), 5);
    let v = json(&o);
    assert!(v["status"].is_null());
    // The same keys as an answer: null, never missing.
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&v), keys(&json(&h.run(&["send", "/messages/send", &ok, "--env", "sandbox", "--format", "json"]))));
    assert!(v["dispatch_id"].is_null() && v["rate_limit"].is_null(), "{v}");
    assert_eq!(v["network_error"]["kind"], "connection_reset");
    assert_eq!(v["attempts"][0]["failure"], "connection_reset");
    assert!(v["not_retried"].as_str().unwrap().contains("idempotent"));
}

#[test]
fn the_key_never_reaches_output_or_history() {
    let m = mock_with_key(|_| {});
    let h = Home::new();
    let ok = h.file("ok.json", MESSAGE);
    let with_key = |c: &mut Command| {
        c.env("BRAZE_API_KEY", SECRET);
    };
    for format in ["json", "text"] {
        let o = h.run_with(&["send", "/messages/send", &ok, "--url", &m.url, "--format", format], with_key);
        assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
        assert!(!out(&o).contains(SECRET) && !err(&o).contains(SECRET), "{format}");
    }
    // A failure, whose error text might be tempted to quote the request.
    let o = h.run_with(
        &["send", "/messages/send", &ok, "--url", &m.url, "--format", "json", "-H", "X-Brazen-Fault: reset"],
        with_key,
    );
    assert_eq!(code(&o), 5);
    assert!(!out(&o).contains(SECRET) && !err(&o).contains(SECRET));
    let o = h.run_with(&["config", "--format", "json", "--env", "US-03"], with_key);
    assert_eq!(code(&o), 0);
    assert!(!out(&o).contains(SECRET), "{}", out(&o));
    let masked = format!("{}…{}", &SECRET[..4], &SECRET[SECRET.len() - 4..]);
    assert_eq!(json(&o)["environments"][0]["key"]["masked"], masked.as_str());

    assert_eq!(h.history().count().unwrap(), 3);
    for entry in std::fs::read_dir(h.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        assert!(!contains_bytes(&bytes, SECRET), "{} holds the key", path.display());
    }
}

#[test]
fn a_key_in_a_shared_config_file_is_refused() {
    let h = Home::new();
    let cfg = h.file(
        "config.toml",
        "default_environment = \"staging\"\n[environment.staging]\nurl = \"http://127.0.0.1:9\"\napi_key = \"inline-key-0123456789\"\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = h.run(&["config"]);
        // DESIGN §3.1: a configuration that cannot be used is a local failure (3), not a usage error.
        assert_eq!(code(&o), 3);
        assert!(err(&o).contains("chmod 600"), "{}", err(&o));
        assert!(err(&o).contains(&cfg), "{}", err(&o));
        assert!(!err(&o).contains("inline-key"));
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let o = h.run(&["config"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    assert!(out(&o).contains("inli…6789"), "{}", out(&o));
    assert!(!out(&o).contains("inline-key-0123456789"));
    let v = json(&h.run(&["config", "--format", "json"]));
    assert_eq!(v["default_environment"]["value"], "staging");
    assert_eq!(v["default_environment"]["source"], "config file");
}

#[test]
fn config_columns_line_up_whatever_the_key_source() {
    let h = Home::new();
    let o = h.run_with(&["config"], |c| {
        c.env("BRAZE_API_KEY", SECRET);
    });
    assert_eq!(code(&o), 0, "{}", err(&o));
    let text = out(&o);
    let rows: Vec<&str> = text.lines().filter(|l| l.ends_with("UTC") || l.ends_with("TIME ZONE")).collect();
    assert!(rows.len() > 10, "{text}");
    let col = |l: &str| l.chars().count() - if l.ends_with("UTC") { 3 } else { 9 };
    assert!(rows.iter().all(|l| col(l) == col(rows[0])), "the TIME ZONE column is ragged:\n{text}");
    assert!(text.contains("($BRAZE_API_KEY)") && !text.contains(SECRET), "{text}");
}

#[test]
fn without_a_key_the_default_environment_is_the_sandbox() {
    let h = Home::new();
    let v = json(&h.run(&["config", "--format", "json"]));
    assert_eq!(v["default_environment"]["value"], "sandbox");
    assert_eq!(v["config_file_exists"], false);
    let names: Vec<&str> = v["environments"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names[0], "sandbox");
    assert!(names.contains(&"US-10") && names.contains(&"EU-02") && names.contains(&"AU-01"));
    let ok = h.file("ok.json", MESSAGE);
    let o = h.run(&["send", "/messages/send", &ok, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    assert_eq!(json(&o)["environment"], "sandbox");
}

/// A mock whose first `n` requests to `/users/identify` answer 503.
fn identify_fails_first(n: u64) -> BackgroundMock {
    mock_with_key(move |o| {
        o.fixtures.faults.push(FaultRule {
            path: Some("/users/identify".into()),
            next: Some(n),
            percent: None,
            answer: "503".parse().unwrap(),
        });
    })
}

#[test]
fn replay_resends_failures_oldest_first_and_marks_them() {
    // The next request to /users/identify answers 503; the replay then goes through.
    let m = identify_fails_first(1);
    let h = Home::new();
    let body = h.file("identify.json", IDENTIFY);
    let with_key = |c: &mut Command| {
        c.env("BRAZE_API_KEY", SECRET);
    };
    let o = h.run_with(&["send", "/users/identify", &body, "--url", &m.url, "--retries", "0"], with_key);
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    let o = h.run_with(&["send", "/users/identify", &body, "--url", &m.url], with_key);
    assert_eq!(code(&o), 0);

    let o = h.run(&["replay", "--dry-run", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let listed = json(&o);
    assert_eq!(listed.as_array().unwrap().len(), 1, "only the 503: {listed}");
    assert_eq!(listed[0]["id"], 1);

    // Without --yes and without a terminal to ask on: refused, nothing sent.
    let o = h.run_with(&["replay"], with_key);
    assert_eq!(code(&o), 2);
    assert_eq!(h.history().count().unwrap(), 2);

    let o = h.run_with(&["replay", "--yes", "--format", "json"], with_key);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!(v[0]["original"], 1);
    assert_eq!(v[0]["replay_id"], 3);
    assert_eq!(v[0]["status"], 201);
    let store = h.history();
    let original = store.summary(1).unwrap().unwrap();
    assert_eq!(original.replayed_by, Some(3));
    assert_eq!(store.get(3).unwrap().unwrap().replay_of, Some(1));
    assert!(store.list(&Filter { failed_only: true, not_replayed: true, ..Filter::default() }).unwrap().is_empty());
    let o = h.run(&["replay", "--yes"]);
    assert_eq!(code(&o), 0);
    assert!(out(&o).contains("nothing to replay"), "{}", out(&o));
}

#[test]
fn replay_finds_every_key_before_it_sends_anything() {
    let h = Home::new();
    let body = h.file("identify.json", IDENTIFY);
    // A sandbox 503, then a failure recorded against a custom URL whose key came from BRAZE_API_KEY.
    let o = h.run(&["send", "/users/identify", &body, "--env", "sandbox", "-H", "X-Brazen-Fault: 503"]);
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    let o = h.run_with(&["send", "/users/identify", &body, "--url", "http://127.0.0.1:1", "--retries", "0"], |c| {
        c.env("BRAZE_API_KEY", SECRET);
    });
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    // Without the key the second cannot go: the first must not go either.
    let o = h.run(&["replay", "--yes", "--format", "json"]);
    assert_eq!(code(&o), 2, "{}{}", out(&o), err(&o));
    assert!(err(&o).contains("BRAZE_API_KEY") && err(&o).contains("nothing sent"), "{}", err(&o));
    assert_eq!(h.history().count().unwrap(), 2, "nothing re-sent");
}

#[test]
fn batch_validates_every_line_then_sends_them_in_order() {
    let h = Home::new();
    let lines = format!("{IDENTIFY}\n\n{IDENTIFY}\n");
    let file = h.file("ok.jsonl", &lines);
    let o = h.run(&["batch", "/users/identify", &file, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let v = json(&o);
    let rows = v["lines"].as_array().unwrap();
    assert_eq!(rows.iter().map(|r| r["line"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 3]);
    assert!(rows.iter().all(|r| r["status"] == 201));
    assert_eq!(v["counts"]["2XX"], 2);
    assert_eq!(h.history().count().unwrap(), 2);

    let mixed = h.file("mixed.jsonl", &format!("{MESSAGE}\n{NO_RECIPIENTS}\n{MESSAGE}\n"));
    let o = h.run(&["batch", "/messages/send", &mixed, "--env", "sandbox"]);
    assert_eq!(code(&o), 4);
    assert!(out(&o).contains(&format!("{mixed}:2:")), "the line number: {}", out(&o));
    assert!(out(&o).contains("nothing sent"));
    assert_eq!(h.history().count().unwrap(), 2, "nothing sent");
    // The refusal is JSON too when JSON was asked for, each diagnostic on its line of the file.
    let o = h.run(&["batch", "/messages/send", &mixed, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 4);
    let v = json(&o);
    assert_eq!(v["sent"], false);
    assert_eq!(v["rejected_lines"], serde_json::json!([2]));
    let d = &v["diagnostics"][0];
    assert_eq!((d["line"].as_u64(), d["error"].as_str()), (Some(2), Some("no_recipients")), "{v}");
    assert_eq!(h.history().count().unwrap(), 2, "nothing sent");

    let o = h.run(&["batch", "/messages/send", &mixed, "--env", "sandbox", "--force"]);
    assert_eq!(code(&o), 4, "the worst line is a 4XX: {}", out(&o));
    assert!(out(&o).contains("3 sent: 2XX 2, 4XX 1, 5XX 0"), "{}", out(&o));
    assert_eq!(h.history().count().unwrap(), 5);

    let o = h.run(&["batch", "/messages/nope", &mixed, "--env", "sandbox"]);
    assert_eq!(code(&o), 2, "an unknown endpoint is a usage error");
    assert!(err(&o).contains("/messages/nope") && !err(&o).contains(&format!("{mixed}:1")), "{}", err(&o));
    assert_eq!(h.history().count().unwrap(), 5, "nothing sent");
}

#[test]
fn send_shows_the_response_body() {
    let h = Home::new();
    // A GET: the body is the data asked for, in text and JSON, recorded or not.
    let o = h.run(&["send", "/campaigns/list", "--env", "sandbox", "--no-history"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let text = out(&o);
    let body_at = text.find("\nbody\n").unwrap_or_else(|| panic!("a body section: {text}"));
    assert!(text[body_at..].contains("\"id\": \"campaign-push\""), "{text}");
    assert!(body_at < text.find("\nattempts\n").unwrap(), "after the explanation: {text}");
    let o = h.run(&["send", "/campaigns/list", "--env", "sandbox", "--format", "json"]);
    let v = json(&o);
    assert!(v["body"]["campaigns"].as_array().is_some_and(|c| !c.is_empty()), "{v}");
    assert_eq!(v["body_truncated"], false);
    // A POST whose answer the card already tells in full: no repeated body.
    let msg = h.file("msg.json", MESSAGE);
    let o = h.run(&["send", "/messages/send", &msg, "--env", "sandbox"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert!(!out(&o).contains("\nbody\n"), "{}", out(&o));
    let v = json(&h.run(&["send", "/messages/send", &msg, "--env", "sandbox", "--format", "json"]));
    assert_eq!(v["body"]["message"], "success", "{v}");
    // No answer at all: null.
    let identify = h.file("i.json", IDENTIFY);
    let args =
        ["send", "/users/identify", &identify, "--url", "http://127.0.0.1:1", "--retries", "0", "--format", "json"];
    let o = h.run_with(&args, |c| {
        c.env("BRAZE_API_KEY", SECRET);
    });
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    assert_eq!(json(&o)["body"], serde_json::Value::Null);
}

#[test]
fn replay_leaves_out_the_sandbox_fault_header_and_names_rows_like_the_dry_run() {
    let h = Home::new();
    let body = h.file("identify.json", IDENTIFY);
    let o =
        h.run(&["send", "/users/identify", &body, "--env", "sandbox", "-H", "X-Brazen-Fault: 503", "--retries", "0"]);
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    let o = h.run(&["replay", "--yes"]);
    assert_eq!(code(&o), 0, "the replay goes through without the fault: {}{}", out(&o), err(&o));
    assert_eq!(out(&o).matches("X-Brazen-Fault").count(), 1, "said once: {}", out(&o));
    let replayed = h.history().get(2).unwrap().unwrap();
    assert!(!replayed.request.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("x-brazen-fault")), "{replayed:?}");

    // A replay that fails again shows the row the way the dry run listed it.
    let m = identify_fails_first(2);
    let with_key = |c: &mut Command| {
        c.env("BRAZE_API_KEY", SECRET);
    };
    let o = h.run_with(&["send", "/users/identify", &body, "--url", &m.url, "--retries", "0"], with_key);
    assert_eq!(code(&o), 5);
    let dry = out(&h.run(&["replay", "--dry-run"]));
    assert!(dry.contains("503 Internal Server Error"), "{dry}");
    let o = h.run_with(&["replay", "--yes", "--retries", "0"], with_key);
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("503 Internal Server Error"), "{}", out(&o));
    assert!(!out(&o).contains("X-Brazen-Fault"), "nothing was left out: {}", out(&o));
    let v = json(&h.run_with(&["replay", "--dry-run", "--format", "json"], with_key));
    assert_eq!(v[0]["name"], "Internal Server Error", "{v}");
}

#[test]
fn replay_never_sends_a_redacted_credential_and_the_dry_run_says_what_it_leaves_out() {
    // The first two requests answer 503; the replays go through.
    let m = identify_fails_first(2);
    let h = Home::new();
    let body = h.file("identify.json", IDENTIFY);
    let with_key = |c: &mut Command| {
        c.env("BRAZE_API_KEY", SECRET);
    };
    for _ in 0..2 {
        let args =
            ["send", "/users/identify", &body, "--url", &m.url, "-H", "X-Api-Key: sekrit-gateway-1", "--retries", "0"];
        let o = h.run_with(&args, with_key);
        assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    }
    let dry = h.run_with(&["replay", "--dry-run"], with_key);
    let text = out(&dry);
    assert!(text.contains("x-api-key is not re-sent") && text.contains("-H 'x-api-key: VALUE'"), "{text}");
    assert!(text.contains("brazen send") && text.contains("dry run: nothing sent"), "{text}");
    let v = json(&h.run_with(&["replay", "--dry-run", "--format", "json"], with_key));
    assert_eq!(v[0]["dropped_headers"], serde_json::json!(["x-api-key"]), "{v}");
    assert_eq!(v[0]["id"], 1, "the history's keys stay: {v}");

    let o = h.run_with(&["replay", "--yes", "--limit", "1"], with_key);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert_eq!(out(&o).matches("x-api-key is not re-sent").count(), 1, "said once: {}", out(&o));
    let o = h.run_with(&["replay", "--yes", "--format", "json"], with_key);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert_eq!(json(&o)[0]["dropped_headers"], serde_json::json!(["x-api-key"]));
    assert!(err(&o).contains("x-api-key is not re-sent"), "{}", err(&o));
    let store = h.history();
    for id in [3, 4] {
        let replayed = store.get(id).unwrap().unwrap();
        assert_eq!(replayed.replay_of, Some(id - 2));
        assert!(
            !replayed.request.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("x-api-key")),
            "the placeholder went out: {:?}",
            replayed.request.headers
        );
    }

    // The sandbox's fault header: the dry run names it as the real run does.
    let h = Home::new();
    let o =
        h.run(&["send", "/users/identify", &body, "--env", "sandbox", "-H", "X-Brazen-Fault: 503", "--retries", "0"]);
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    let dry = out(&h.run(&["replay", "--dry-run"]));
    assert_eq!(dry.matches("X-Brazen-Fault").count(), 1, "{dry}");
    let v = json(&h.run(&["replay", "--dry-run", "--format", "json"]));
    assert_eq!(v[0]["dropped_headers"], serde_json::json!(["x-brazen-fault"]), "{v}");
}

#[test]
fn endpoint_typos_get_a_suggestion_everywhere() {
    let h = Home::new();
    let lines = h.file("t.jsonl", "{}\n");
    let o = h.run(&["batch", "/user/track", &lines, "--env", "sandbox"]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("did you mean `POST /users/track`"), "{}", err(&o));
    let o = h.run(&["send", "/campaigns/lst", "--env", "sandbox"]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("did you mean `GET /campaigns/list`") && !err(&o).contains("needs a request body"));
    let msg = h.file("msg.json", MESSAGE);
    let o = h.run(&["send", "/MESSAGES/SEND", &msg, "--env", "sandbox"]);
    assert_eq!(code(&o), 4);
    assert!(out(&o).contains("did you mean `POST /messages/send`"), "{}", out(&o));
    // A full Braze URL is taken for its path.
    let o =
        h.run(&["send", "https://rest.iad-01.braze.com/messages/send", &msg, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert_eq!(json(&o)["endpoint"], "/messages/send");
}

#[test]
fn the_alias_notice_is_said_once() {
    let h = Home::new();
    let body = h.file("id.json", r#"{"campaign_id":"campaign-push"}"#);
    let o = h.run(&["send", "/send/id/create", &body, "--env", "sandbox"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    assert_eq!(err(&o).matches("Braze's path is /sends/id/create").count(), 1, "{}", err(&o));
    let o = h.run(&["send", "/send/id/create", &body, "--env", "sandbox", "--format", "json"]);
    assert_eq!(err(&o).matches("Braze's path is /sends/id/create").count(), 1, "{}", err(&o));
}

#[test]
fn small_messages_say_what_is_meant() {
    let h = Home::new();
    let body = h.file("identify.json", IDENTIFY);
    let o = h.run(&["send", "/users/identify", &body, "--env", "sandbox", "--timeout", "0"]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("more than 0 and at most 86400"), "{}", err(&o));
    let o = h.run_with(&["send", "/users/identify", &body, "--url", "127.0.0.1:36233"], |c| {
        c.env("BRAZE_API_KEY", SECRET);
    });
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("http://127.0.0.1:36233"), "{}", err(&o));
    // A busy port: the cause once, and the address.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let o = h.run(&["mock", "--addr", &addr]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains(&addr), "{}", err(&o));
    assert_eq!(err(&o).matches("in use").count(), 1, "{}", err(&o));
    let o = h.run(&["config"]);
    assert!(out(&o).contains("per response"), "{}", out(&o));
    // Korean error lines.
    let o = h.run(&["--lang", "ko", "history", "show", "5"]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("기록에 #5 교환이 없습니다"), "{}", err(&o));
    let o = h.run(&["--lang", "ko", "replay", "--class", "2XX"]);
    assert_eq!(code(&o), 2);
    assert!(!err(&o).contains("succeeded"), "{}", err(&o));
}
