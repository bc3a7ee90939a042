//! `--retries N` is bounded: beyond `brazen::retry::MAX_RETRIES` it is a usage error before anything is sent,
//! in `send`, `replay` and `batch`; up to it, the request goes out and the advised schedule has N entries.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use brazen::retry::MAX_RETRIES;

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;

fn brazen(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(args)
        .env("BRAZEN_HOME", home)
        .env("BRAZE_API_KEY", "retries-test-key-0123456789")
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn more_retries_than_the_maximum_is_a_usage_error_before_anything_is_sent() {
    let home = tempfile::tempdir().unwrap();
    let body = home.path().join("body.json");
    std::fs::write(&body, MESSAGE).unwrap();
    let body = body.display().to_string();
    let lines = home.path().join("lines.jsonl");
    std::fs::write(&lines, format!("{MESSAGE}\n")).unwrap();
    let lines = lines.display().to_string();
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
            let o = brazen(home.path(), &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
            assert!(text(&o).contains("--retries"), "{args:?} names the flag: {}", text(&o));
            assert!(o.stdout.len() < 4096 && o.stderr.len() < 4096, "{args:?}: a short message");
        }
    }
    assert!(listener.accept().is_err(), "nothing connected");
    assert!(!home.path().join("history.sqlite3").exists(), "nothing recorded");
}

#[test]
fn the_maximum_itself_is_accepted_and_advises_that_many_waits() {
    let home = tempfile::tempdir().unwrap();
    let body = home.path().join("body.json");
    std::fs::write(&body, MESSAGE).unwrap();
    let body = body.display().to_string();
    let max = MAX_RETRIES.to_string();
    let o = brazen(home.path(), &["send", "/messages/send", &body, "--env", "sandbox", "--retries", &max]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // The advice after the last 5XX lists one wait per retry allowed: one retry (a wait of at most 1 s) here.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        for _ in 0..2 {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 8192];
            let _ = s.read(&mut buf);
            let body = r#"{"message":"Service Unavailable"}"#;
            let _ = write!(
                s,
                "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let o =
        brazen(home.path(), &["send", "/messages/send", &body, "--url", &url, "--retries", "1", "--format", "json"]);
    server.join().unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["attempts"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["retry"], serde_json::json!({"advice": "backoff", "schedule_seconds": [1.0]}), "{v}");
}
