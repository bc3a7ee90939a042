//! `--retries N` is bounded: beyond `brazen::retry::MAX_RETRIES` it is a usage error before anything is sent,
//! in `send`, `replay` and `batch`; up to it, the request goes out and the advised schedule has N entries.

use crate::common;

use std::net::TcpListener;

use brazen::retry::MAX_RETRIES;
use common::{Home, Stub, text};

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;
const KEY: &str = "retries-test-key-0123456789";

#[test]
fn more_retries_than_the_maximum_is_a_usage_error_before_anything_is_sent() {
    let h = Home::with_key(KEY);
    let body = h.file("body.json", MESSAGE);
    let lines = h.file("lines.jsonl", &format!("{MESSAGE}\n"));
    // Anything that connects here would be a request sent.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let over = (MAX_RETRIES + 1).to_string();
    for n in [over.as_str(), "1000000", "4294967295", "4294967296", "-1"] {
        let flag = format!("--retries={n}");
        for args in [
            vec!["send", "/messages/send", &body, "--url", &url, &flag],
            vec!["batch", "/messages/send", &lines, "--url", &url, &flag],
            vec!["replay", "--url", &url, &flag, "--yes"],
        ] {
            let o = h.run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
            assert!(text(&o).contains("--retries"), "{args:?} names the flag: {}", text(&o));
            assert!(o.stdout.len() < 4096 && o.stderr.len() < 4096, "{args:?}: a short message");
        }
    }
    assert!(listener.accept().is_err(), "nothing connected");
    assert!(!h.db().exists(), "nothing recorded");
}

#[test]
fn the_maximum_itself_is_accepted_and_advises_that_many_waits() {
    let h = Home::with_key(KEY);
    let body = h.file("body.json", MESSAGE);
    let max = MAX_RETRIES.to_string();
    let o = h.run(&["send", "/messages/send", &body, "--env", "sandbox", "--retries", &max]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // The advice after the last 5XX lists one wait per retry allowed: one retry (a wait of at most 1 s) here.
    let stub = Stub::start(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json",
        r#"{"message":"Service Unavailable"}"#,
    );
    let o = h.run(&["send", "/messages/send", &body, "--url", &stub.url, "--retries", "1", "--format", "json"]);
    assert_eq!(stub.finish(), 2, "the first attempt and one retry");
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["attempts"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["retry"], serde_json::json!({"advice": "backoff", "schedule_seconds": [1.0]}), "{v}");
}
