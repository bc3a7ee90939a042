//! Answers no Braze server sends, through the real binary (DESIGN §3.1): a status outside 100–599 has no class,
//! is fatal with `error` `invalid_status`, is not retried and makes `send` exit 5; an `X-RateLimit-Reset` too
//! large to be a time is said to be out of range instead of printed as a clamped maximum.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread::JoinHandle;

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;
/// 2^70: more than any integer type brazen parses into.
const HUGE_RESET: &str = "1180591620717411303424";

/// A server that answers every connection with `head` (status line and headers) and `body`, counting requests.
/// The mock only answers real statuses, so this writes the raw bytes itself.
struct Stub {
    url: String,
    thread: Option<JoinHandle<usize>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Stub {
    fn start(head: &str, body: &'static str) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let answer = format!("{head}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut served = 0;
            for stream in listener.incoming() {
                if stopping.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let Ok(mut s) = stream else { continue };
                read_request(&mut s);
                let _ = s.write_all(answer.as_bytes());
                served += 1;
            }
            served
        });
        Stub { url, thread: Some(thread), stop }
    }

    /// How many requests were answered.
    fn finish(mut self) -> usize {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        self.thread.take().unwrap().join().unwrap()
    }
}

/// Reads the request head and a `content-length` body, so the answer never races an unread request.
fn read_request(s: &mut TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = s.read(&mut chunk) else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        if buf.len() >= end + 4 + length {
            return;
        }
    }
}

fn brazen(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(args)
        .env("BRAZEN_HOME", home)
        .env("BRAZE_API_KEY", "invalid-status-test-key-0123456789")
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

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(o)))
}

fn body_file(home: &Path) -> String {
    let p = home.join("body.json");
    std::fs::write(&p, MESSAGE).unwrap();
    p.display().to_string()
}

#[test]
fn a_status_outside_http_is_fatal_has_no_class_is_not_retried_and_exits_5() {
    let home = tempfile::tempdir().unwrap();
    let body = body_file(home.path());
    let stub = Stub::start("HTTP/1.1 999 Whatever", r#"{"message":"Internal Server Error"}"#);
    // --retries allows retrying even a messaging endpoint: still one attempt.
    let o = brazen(
        home.path(),
        &["send", "/messages/send", &body, "--url", &stub.url, "--retries", "3", "--format", "json"],
    );
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
    let o = brazen(home.path(), &["send", "/messages/send", &body, "--url", &stub.url]);
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("999 Invalid Status  fatal\n"), "{out}");
    assert!(out.contains("invalid_status"), "{out}");
    assert_eq!(stub.finish(), 2, "one request per send");

    // The history records it with a null class as well.
    let o = brazen(home.path(), &["history", "list", "--format", "json"]);
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
    let home = tempfile::tempdir().unwrap();
    let o = brazen(home.path(), &["explain", "429", "--header", &header, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v = json(&o);
    assert!(v["rate_limit"]["reset"].is_null(), "{v}");
    assert_eq!(v["rate_limit"]["reset_out_of_range"], true, "{v}");
    assert!(v["explanation"].as_str().unwrap().contains("out of range"), "{v}");
    let o = brazen(home.path(), &["explain", "429", "--header", &header]);
    assert!(text(&o).contains("reset time out of range"), "{}", text(&o));
    for o in [&o, &brazen(home.path(), &["explain", "429", "--header", &header, "--format", "json"])] {
        assert!(!text(o).contains("9223372036854775807"), "no clamped maximum: {}", text(o));
    }

    // The same header on a real answer, through send.
    let body = body_file(home.path());
    let stub = Stub::start(
        &format!("HTTP/1.1 201 Created\r\ncontent-type: application/json\r\n{header}"),
        r#"{"message":"success"}"#,
    );
    let o = brazen(home.path(), &["send", "/messages/send", &body, "--url", &stub.url, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["rate_limit"]["reset_out_of_range"], true, "{v}");
    assert!(!text(&o).contains("9223372036854775807"), "{}", text(&o));
    let o = brazen(home.path(), &["send", "/messages/send", &body, "--url", &stub.url]);
    assert!(text(&o).contains("reset time out of range"), "{}", text(&o));
    assert!(!text(&o).contains("9223372036854775807"), "{}", text(&o));
    assert_eq!(stub.finish(), 2);
}
