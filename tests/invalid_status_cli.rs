//! Answers no Braze server sends, through the real binary (DESIGN §3.1): a status outside 100–599 has no class,
//! is fatal with `error` `invalid_status`, is not retried and makes `send` exit 5; an `X-RateLimit-Reset` too
//! large to be a time is said to be out of range instead of printed as a clamped maximum.

use crate::common;

use common::{Home, Stub, json, text};

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;
/// 2^70: more than any integer type brazen parses into.
const HUGE_RESET: &str = "1180591620717411303424";
const KEY: &str = "invalid-status-test-key-0123456789";

#[test]
fn a_status_outside_http_is_fatal_has_no_class_is_not_retried_and_exits_5() {
    let h = Home::with_key(KEY);
    let body = h.file("body.json", MESSAGE);
    let stub = Stub::start("HTTP/1.1 999 Whatever", r#"{"message":"Internal Server Error"}"#);
    // --retries allows retrying even a messaging endpoint: still one attempt.
    let o = h.run(&["send", "/messages/send", &body, "--url", &stub.url, "--retries", "3", "--format", "json"]);
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["status"], 999, "{v}");
    assert!(v["class"].is_null(), "{v}");
    assert_eq!(v["outcome"], "fatal", "{v}");
    assert_eq!(v["error"], "invalid_status", "{v}");
    assert_eq!(v["name"], "Invalid Status", "{v}");
    assert_eq!(v["accepted"], false, "{v}");
    assert_eq!(v["retry"], serde_json::json!({"advice": "none"}), "{v}");
    assert_eq!(v["attempts"].as_array().unwrap().len(), 1, "not retried: {v}");
    assert!(v["stopped"].as_str().unwrap().contains("not an HTTP status"), "{v}");
    assert!(v["explanation"].as_str().unwrap().contains("not an HTTP status"), "{v}");

    // The text card names it, shows no class, and exits 5 too.
    let o = h.run(&["send", "/messages/send", &body, "--url", &stub.url]);
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("999 Invalid Status  fatal\n"), "{out}");
    assert!(out.contains("invalid_status"), "{out}");
    assert_eq!(stub.finish(), 2, "one request per send");

    // The history records it with a null class as well.
    let o = h.run(&["history", "list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let rows = json(&o);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    for r in rows {
        assert_eq!((r["status"].as_u64(), r["error"].as_str()), (Some(999), Some("invalid_status")), "{r}");
        assert!(r["class"].is_null(), "{r}");
    }
}

#[test]
fn a_reset_too_large_to_be_a_time_is_out_of_range() {
    let header = format!("X-RateLimit-Reset: {HUGE_RESET}");
    let h = Home::with_key(KEY);
    let o = h.run(&["explain", "429", "--header", &header, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v = json(&o);
    assert!(v["rate_limit"]["reset"].is_null(), "{v}");
    assert_eq!(v["rate_limit"]["reset_out_of_range"], true, "{v}");
    assert!(v["explanation"].as_str().unwrap().contains("out of range"), "{v}");
    let o = h.run(&["explain", "429", "--header", &header]);
    assert!(text(&o).contains("reset time out of range"), "{}", text(&o));
    for o in [&o, &h.run(&["explain", "429", "--header", &header, "--format", "json"])] {
        assert!(!text(o).contains("9223372036854775807"), "no clamped maximum: {}", text(o));
    }

    // The same header on a real answer, through send.
    let body = h.file("body.json", MESSAGE);
    let stub = Stub::start(
        &format!("HTTP/1.1 201 Created\r\ncontent-type: application/json\r\n{header}"),
        r#"{"message":"success"}"#,
    );
    let o = h.run(&["send", "/messages/send", &body, "--url", &stub.url, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["rate_limit"]["reset_out_of_range"], true, "{v}");
    assert!(!text(&o).contains("9223372036854775807"), "{}", text(&o));
    let o = h.run(&["send", "/messages/send", &body, "--url", &stub.url]);
    assert!(text(&o).contains("reset time out of range"), "{}", text(&o));
    assert!(!text(&o).contains("9223372036854775807"), "{}", text(&o));
    assert_eq!(stub.finish(), 2);
}
