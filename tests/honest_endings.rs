//! How `send`, `batch` and `replay` end when they are stopped or cannot record, and `history` in a read-only
//! folder, through the real binary and the real mock (DESIGN §3.1: 129 / 130 / 143 for SIGHUP / SIGINT / SIGTERM;
//! a 2XX that could not be recorded keeps exit 0 and says `"recorded": false`).
//!
//! A signal must reach brazen while an attempt is in flight. The mock holds the request (`slow-N`), and a TCP relay
//! between brazen and the mock says when the request's first bytes have passed: only then is the signal sent. No
//! sleep, no timing: brazen is then waiting for an answer that the mock holds for far longer than the test needs.

use crate::common;

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Output};
use std::sync::mpsc;

use brazen::history::Filter;
use brazen::mock::FaultRule;
use common::{BackgroundMock, Home, allow_key, code, err, json, out};

const IDENTIFY: &str =
    r#"{"aliases_to_identify": [{"external_id": "u1", "user_alias": {"alias_name": "a", "alias_label": "l"}}]}"#;
const SECRET: &str = "brazen-honest-endings-secret-8f2a";
/// How long the mock holds a request: far longer than any test takes to signal, so the answer never wins.
const HELD: &str = "slow-60000";

/// The real mock on its own thread, with [`SECRET`] a valid key, holding every `/users/identify` request (`HELD`).
fn holding_mock() -> BackgroundMock {
    BackgroundMock::start(|o| {
        allow_key(o, SECRET);
        o.fixtures.faults.push(FaultRule {
            path: Some("/users/identify".into()),
            next: None,
            percent: None,
            answer: HELD.parse().unwrap(),
        });
    })
}

/// A TCP relay to `upstream` that reports each connection's first bytes from the client (a request has begun to
/// reach the mock). Its threads end with their connections.
struct Relay {
    url: String,
    arrived: mpsc::Receiver<()>,
}

impl Relay {
    fn to(upstream: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, arrived) = mpsc::channel();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(mut client) = client else { return };
                let Ok(mut server) = TcpStream::connect(upstream) else { return };
                let (Ok(mut client_w), Ok(mut server_r)) = (client.try_clone(), server.try_clone()) else { return };
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut server_r, &mut client_w);
                    let _ = client_w.shutdown(std::net::Shutdown::Write);
                });
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16 * 1024];
                    let mut told = false;
                    while let Ok(n) = client.read(&mut buf) {
                        if n == 0 || server.write_all(&buf[..n]).is_err() {
                            break;
                        }
                        if !told {
                            told = true;
                            let _ = tx.send(());
                        }
                    }
                    let _ = server.shutdown(std::net::Shutdown::Write);
                });
            }
        });
        Relay { url, arrived }
    }

    /// Blocks until a request has reached the mock (bounded, so a broken brazen fails the test instead of hanging).
    fn wait_for_request(&self, child: &mut Child) {
        if self.arrived.recv_timeout(std::time::Duration::from_secs(120)).is_err() {
            let _ = child.kill();
            let o = child_output(child);
            panic!("no request reached the mock: {}{}", out(&o), err(&o));
        }
    }
}

fn child_output(child: &mut Child) -> Output {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_end(&mut stdout);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_end(&mut stderr);
    }
    let status = child.wait().unwrap();
    Output { status, stdout, stderr }
}

fn signal(child: &Child, sig: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill(2) on our own child's pid, which has not been waited for yet and so cannot have been reused.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill({pid}, {sig})");
}

/// Runs `args` (sent through a relay to a mock that holds the request), signals it once its request has reached
/// the mock, and returns its output.
fn interrupted(h: &Home, args: &[&str], sig: libc::c_int) -> Output {
    let m = holding_mock();
    let relay = Relay::to(m.addr);
    let mut full: Vec<&str> = args.to_vec();
    full.extend(["--url", &relay.url]);
    let mut child = h.brazen(&full).spawn().unwrap();
    relay.wait_for_request(&mut child);
    signal(&child, sig);
    child_output(&mut child)
}

fn the_only_row_is_cancelled(h: &Home) {
    let rows = h.history().list(&Filter::default()).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].status, None);
    assert_eq!(rows[0].network, Some(brazen::exchange::NetworkErrorKind::Cancelled), "{:?}", rows[0]);
}

/// `send` of an identify request (with `extra` arguments) in a home of its own, interrupted by `sig`.
fn interrupted_send(extra: &[&str], sig: libc::c_int) -> (Home, Output) {
    let h = Home::with_key(SECRET);
    let body = h.file("identify.json", IDENTIFY);
    let o = interrupted(&h, &[&["send", "/users/identify", &body][..], extra].concat(), sig);
    (h, o)
}

#[test]
fn sigterm_during_send_prints_records_as_cancelled_and_exits_143() {
    let (h, o) = interrupted_send(&["--format", "json"], libc::SIGTERM);
    assert_eq!(code(&o), 143, "{}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!(v["cancelled"], true, "{v}");
    assert_eq!(v["network_error"]["kind"], "cancelled", "{v}");
    assert_eq!(v["recorded"], true, "{v}");
    assert_eq!(v["history_id"], 1, "{v}");
    assert!(err(&o).contains("interrupted by SIGTERM"), "{}", err(&o));
    the_only_row_is_cancelled(&h);
}

#[test]
fn sighup_during_send_exits_129_and_text_output_still_comes() {
    let (h, o) = interrupted_send(&[], libc::SIGHUP);
    assert_eq!(code(&o), 129, "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("cancelled") && out(&o).contains("#1 ·"), "{}", out(&o));
    the_only_row_is_cancelled(&h);
}

#[test]
fn sigint_during_send_still_exits_130() {
    let (h, o) = interrupted_send(&["--format", "json"], libc::SIGINT);
    assert_eq!(code(&o), 130, "{}{}", out(&o), err(&o));
    assert_eq!(json(&o)["cancelled"], true);
    the_only_row_is_cancelled(&h);
}

#[test]
fn an_interrupted_batch_exits_130_not_the_worst_lines_code() {
    let h = Home::with_key(SECRET);
    let lines = h.file("lines.jsonl", &format!("{IDENTIFY}\n{IDENTIFY}\n{IDENTIFY}\n"));
    let o = interrupted(&h, &["batch", "/users/identify", &lines, "--format", "json"], libc::SIGINT);
    // The cancelled line has no status, which alone would read as 5 ("no answer").
    assert_eq!(code(&o), 130, "{}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!(v["counts"]["not_sent"], 2, "{v}");
    assert_eq!(v["lines"][0]["network"], "cancelled", "{v}");
    assert_eq!(v["lines"][0]["recorded"], true, "{v}");
    the_only_row_is_cancelled(&h);

    let o = interrupted(&h, &["batch", "/users/identify", &lines], libc::SIGTERM);
    assert_eq!(code(&o), 143, "{}{}", out(&o), err(&o));
}

#[test]
fn an_interrupted_replay_exits_130_not_the_worst_exchanges_code() {
    let h = Home::with_key(SECRET);
    let body = h.file("identify.json", IDENTIFY);
    let o = h.run(&["send", "/users/identify", &body, "--env", "sandbox", "-H", "X-Brazen-Fault: 503"]);
    assert_eq!(code(&o), 5, "{}{}", out(&o), err(&o));
    let o = interrupted(&h, &["replay", "--yes", "--format", "json"], libc::SIGINT);
    assert_eq!(code(&o), 130, "{}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!(v[0]["original"], 1, "{v}");
    assert_eq!(v[0]["network"], "cancelled", "{v}");
    assert_eq!(v[0]["recorded"], true, "{v}");
}

/// A home whose history holds one identify request, sent to the sandbox and answered 201; and the body's path.
fn one_sent() -> (Home, String) {
    let h = Home::with_key(SECRET);
    let body = h.file("identify.json", IDENTIFY);
    let o = h.run(&["send", "/users/identify", &body, "--env", "sandbox"]);
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    (h, body)
}

#[test]
fn a_locked_history_keeps_the_answers_exit_code_and_says_so_loudly() {
    let (h, body) = one_sent();
    // Another process holds the database for longer than brazen's busy timeout (5 s).
    let lock = rusqlite::Connection::open(h.db()).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let o = h.run(&["send", "/users/identify", &body, "--env", "sandbox", "--format", "json"]);
    assert_eq!(code(&o), 0, "a delivered 2XX stays 0: {}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!((v["status"].as_u64(), v["recorded"].as_bool()), (Some(201), Some(false)), "{v}");
    assert_eq!(v["history_id"], serde_json::Value::Null);
    let e = err(&o);
    assert!(e.contains("WAS sent and answered 201") && e.contains("NOT in the history"), "{e}");
    assert!(e.contains("do NOT send it again"), "{e}");

    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    assert_eq!(h.history().count().unwrap(), 1);
}

#[test]
fn history_list_reads_a_read_only_folder() {
    let (h, _) = one_sent();
    let names = |dir: &Path| {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    let before = names(h.path());
    assert!(!before.iter().any(|n| n.ends_with("-shm")), "the writer removed its -shm on closing: {before:?}");

    use std::os::unix::fs::PermissionsExt as _;
    let mut cmd = h.brazen(&["history", "list", "--format", "json"]);
    // Root writes through a folder's permissions, so as root the test runs brazen as nobody, owner of a read-only
    // folder. SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        const NOBODY: u32 = 65534;
        for entry in std::iter::once(h.path().to_path_buf())
            .chain(std::fs::read_dir(h.path()).unwrap().map(|e| e.unwrap().path()))
        {
            std::os::unix::fs::chown(&entry, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        std::os::unix::process::CommandExt::uid(&mut cmd, NOBODY);
        std::os::unix::process::CommandExt::gid(&mut cmd, NOBODY);
    }
    std::fs::set_permissions(h.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let o = match cmd.output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            std::fs::set_permissions(h.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            common::skip_loudly(
                "history_list_reads_a_read_only_folder",
                &format!("cannot run brazen as another user to make the folder read-only for it ({e})"),
                "Run the tests as a normal user, or as root with the right to switch users (CAP_SETUID).",
            );
            return;
        }
        Err(e) => panic!("run brazen: {e}"),
    };
    let after = names(h.path());
    std::fs::set_permissions(h.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code(&o), 0, "{}{}", out(&o), err(&o));
    let v = json(&o);
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v[0]["status"], 201, "{v}");
    assert_eq!(before, after, "nothing written");
}
