//! The mock's bounds (`brazen::mock::Limits`): body size per request and in total, the header/idle and body
//! timeouts, the connection cap, and the schedules and send ids a session keeps. Raw TCP where a well-behaved
//! client could not show the case (a partial body, slow headers); the RSS bound against the real binary.

use std::sync::Arc;
use std::time::Duration;

use brazen::clock::ManualClock;
use brazen::mock::{self, EVICTED_HEADER, Limits, MockOptions, MockServer, SANDBOX_KEY};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Longest any step of these tests waits for the server to act; only reached when a bound is missing (the test
/// then fails) or the machine is stalled.
const GUARD: Duration = Duration::from_secs(60);

async fn start(limits: Limits) -> MockServer {
    let clock = ManualClock::new(jiff::Timestamp::from_second(1_780_272_010).unwrap());
    mock::start(MockOptions { clock: Arc::new(clock), limits, ..MockOptions::default() }).await.unwrap()
}

/// A request head for `path` with the sandbox key, declaring `length` body bytes.
fn head(path: &str, length: usize) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {SANDBOX_KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

/// Sends `request` on a fresh connection and reads the status line and the JSON body of the answer.
async fn raw(server: &MockServer, request: &[u8]) -> (u16, Value) {
    let mut tcp = TcpStream::connect(server.addr()).await.unwrap();
    tcp.write_all(request).await.unwrap();
    read_answer(&mut tcp).await
}

/// Reads one answer (it has a Content-Length: the mock's JSON answers all do).
async fn read_answer(tcp: &mut TcpStream) -> (u16, Value) {
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    let split = loop {
        let n = tokio::time::timeout(GUARD, tcp.read(&mut buf)).await.expect("an answer").unwrap();
        assert!(n > 0, "closed without an answer: {}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
        if let Some(i) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&got[..split]).to_lowercase();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("a content-length");
    while got.len() < split + length {
        let n = tokio::time::timeout(GUARD, tcp.read(&mut buf)).await.expect("the body").unwrap();
        assert!(n > 0, "closed mid-answer");
        got.extend_from_slice(&buf[..n]);
    }
    (status, serde_json::from_slice(&got[split..split + length]).unwrap())
}

/// Waits (at most [`GUARD`]) until the server has closed `tcp`: a read returns 0 bytes, or an error (reset).
async fn closed_by_server(tcp: &mut TcpStream) {
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(GUARD, tcp.read(&mut buf)).await.expect("the server closes the connection") {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Polls `done` every 10 ms, at most [`GUARD`].
async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < GUARD, "still not {what} after {GUARD:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn valid_send() -> Value {
    json!({ "external_user_ids": ["user-1"], "messages": { "apple_push": { "alert": "Hello" } } })
}

// ---- bodies ---------------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_body_declared_over_4_mib_is_refused_with_413_before_it_is_sent() {
    let server = start(Limits::default()).await;
    assert_eq!(Limits::default().max_body, 4 << 20, "Braze's documented payload limit, 4 MB");
    // Not a byte of the body is sent: the answer cannot wait for it.
    let (status, body) = raw(&server, head("/messages/send", (4 << 20) + 1).as_bytes()).await;
    assert_eq!((status, body["message"].as_str()), (413, Some("Request Entity Too Large")), "{body}");
    assert!(body["errors"][0].as_str().unwrap().contains("4 MiB"), "{body}");
    assert_eq!(server.bodies_held(), 0);
}

#[tokio::test]
async fn a_chunked_body_over_the_cap_is_refused_with_413() {
    let server = start(Limits { max_body: 1000, ..Limits::default() }).await;
    let chunk = format!("{:x}\r\n{}\r\n", 600, "x".repeat(600));
    let request = format!(
        "POST /messages/send HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {SANDBOX_KEY}\r\n\
         Transfer-Encoding: chunked\r\n\r\n{chunk}{chunk}0\r\n\r\n"
    );
    let (status, body) = raw(&server, request.as_bytes()).await;
    assert_eq!(status, 413, "{body}");
}

#[tokio::test]
async fn bodies_in_flight_are_bounded_across_connections_and_released_when_a_client_leaves() {
    let server = start(Limits { max_body: 800, bodies_in_flight: 820, ..Limits::default() }).await;
    // A slow client declares 800 bytes and sends 10: its 800 are held while it dawdles.
    let mut slow = TcpStream::connect(server.addr()).await.unwrap();
    slow.write_all(format!("{}{{\"external", head("/messages/send", 800)).as_bytes()).await.unwrap();
    until("holding the slow body", || server.bodies_held() == 800).await;

    // A 75-byte send does not fit in the 20 left: 503, which a Braze client retries, not 413, which it would not.
    let body = valid_send().to_string();
    let request = format!("{}{body}", head("/messages/send", body.len()));
    let (status, answer) = raw(&server, request.as_bytes()).await;
    assert_eq!((status, answer["message"].as_str()), (503, Some("Service Unavailable")), "{answer}");
    assert_eq!(server.bodies_held(), 800);

    // The slow client goes away mid-body: its share comes back and the same request succeeds.
    drop(slow);
    until("released", || server.bodies_held() == 0).await;
    let (status, answer) = raw(&server, request.as_bytes()).await;
    assert_eq!((status, answer["message"].as_str()), (201, Some("success")), "{answer}");
    assert_eq!(server.bodies_held(), 0, "an answered request gives its share back");
}

#[tokio::test]
async fn a_body_that_does_not_arrive_in_time_is_408_and_gives_its_share_back() {
    let server = start(Limits { body_timeout: Duration::from_millis(200), ..Limits::default() }).await;
    let mut tcp = TcpStream::connect(server.addr()).await.unwrap();
    tcp.write_all(format!("{}{{\"ext", head("/messages/send", 100)).as_bytes()).await.unwrap();
    let (status, body) = read_answer(&mut tcp).await;
    assert_eq!((status, body["message"].as_str()), (408, Some("Request Timeout")), "{body}");
    assert_eq!(server.bodies_held(), 0);
}

// ---- connections ----------------------------------------------------------------------------------------------

#[tokio::test]
async fn slow_headers_are_cut_off() {
    let server = start(Limits { header_timeout: Duration::from_millis(200), ..Limits::default() }).await;
    let mut tcp = TcpStream::connect(server.addr()).await.unwrap();
    tcp.write_all(b"POST /messages/send HTTP/1.1\r\nHost: mo").await.unwrap();
    closed_by_server(&mut tcp).await;
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let server = start(Limits { header_timeout: Duration::from_millis(200), ..Limits::default() }).await;
    let mut tcp = TcpStream::connect(server.addr()).await.unwrap();
    let body = valid_send().to_string();
    tcp.write_all(format!("{}{body}", head("/messages/send", body.len())).as_bytes()).await.unwrap();
    let (status, _) = read_answer(&mut tcp).await;
    assert_eq!(status, 201);
    // Kept alive after the answer, then closed once idle for the header timeout.
    closed_by_server(&mut tcp).await;
}

#[tokio::test]
async fn connections_over_the_cap_wait_until_one_closes() {
    let server = start(Limits { max_connections: 2, ..Limits::default() }).await;
    let first = TcpStream::connect(server.addr()).await.unwrap();
    let second = TcpStream::connect(server.addr()).await.unwrap();
    // The kernel completes the third handshake (listen backlog), but the server does not take it up.
    let mut third = TcpStream::connect(server.addr()).await.unwrap();
    let body = valid_send().to_string();
    third.write_all(format!("{}{body}", head("/messages/send", body.len())).as_bytes()).await.unwrap();
    let mut buf = [0u8; 16];
    let early = tokio::time::timeout(Duration::from_millis(300), third.read(&mut buf)).await;
    assert!(early.is_err(), "answered while two connections were open: {early:?}");
    drop(first);
    let (status, _) = read_answer(&mut third).await;
    assert_eq!(status, 201);
    drop(second);
}

#[tokio::test]
async fn shutdown_completes_with_connections_open() {
    let server = start(Limits::default()).await;
    let _idle = TcpStream::connect(server.addr()).await.unwrap();
    let mut partial = TcpStream::connect(server.addr()).await.unwrap();
    partial.write_all(b"POST /messages/send HTTP/1.1\r\n").await.unwrap();
    tokio::time::timeout(GUARD, server.shutdown()).await.expect("shutdown returns");
}

// ---- stored state ---------------------------------------------------------------------------------------------

async fn post(http: &reqwest::Client, server: &MockServer, path: &str, body: &Value) -> reqwest::Response {
    http.post(format!("{}{path}", server.url()))
        .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

async fn json_of(r: reqwest::Response) -> Value {
    serde_json::from_slice(&r.bytes().await.unwrap()).unwrap()
}

async fn get(http: &reqwest::Client, server: &MockServer, path: &str) -> (u16, Value) {
    let r = http
        .get(format!("{}{path}", server.url()))
        .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), json_of(r).await)
}

fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

fn listed(list: &Value) -> Vec<&str> {
    list["scheduled_broadcasts"].as_array().unwrap().iter().filter_map(|b| b["schedule_id"].as_str()).collect()
}

#[tokio::test]
async fn schedules_forget_the_oldest_at_the_cap_and_say_so() {
    let server = start(Limits { max_schedules: 3, ..Limits::default() }).await;
    let http = client();
    let mut body = valid_send();
    body["schedule"] = json!({ "time": "2030-01-01T09:00:00Z" });
    let mut ids = Vec::new();
    for n in 0..4 {
        let r = post(&http, &server, "/messages/schedule/create", &body).await;
        let evicted = r.headers().get(EVICTED_HEADER).map(|v| v.to_str().unwrap().to_string());
        let answer = json_of(r).await;
        if n < 3 {
            assert_eq!(evicted, None, "{answer}");
        } else {
            assert_eq!(evicted, Some(format!("schedule {}", ids[0])), "the first is forgotten");
        }
        ids.push(answer["schedule_id"].as_str().unwrap().to_string());
    }
    let (status, list) = get(&http, &server, "/messages/scheduled_broadcasts?end_time=2031-01-01T00:00:00Z").await;
    assert_eq!(status, 200);
    assert_eq!(listed(&list), ids[1..]);
}

#[tokio::test]
async fn one_request_that_evicts_a_schedule_and_a_send_names_both() {
    let server = start(Limits { max_schedules: 1, max_sends: 1, ..Limits::default() }).await;
    let http = client();
    let scheduled = |send: &str| {
        let mut body = valid_send();
        body["campaign_id"] = json!("campaign-push");
        body["messages"]["apple_push"]["message_variation_id"] = json!("variation-ios");
        body["send_id"] = json!(send);
        body["schedule"] = json!({ "time": "2030-01-01T09:00:00Z" });
        body
    };
    let first = json_of(post(&http, &server, "/messages/schedule/create", &scheduled("a")).await).await;
    let r = post(&http, &server, "/messages/schedule/create", &scheduled("b")).await;
    let evicted = r.headers().get(EVICTED_HEADER).map(|v| v.to_str().unwrap().to_string());
    let id = first["schedule_id"].as_str().unwrap_or_else(|| panic!("{first}"));
    assert_eq!(evicted, Some(format!("schedule {id}, send a")));
}

#[tokio::test]
async fn a_canvas_id_too_long_to_keep_is_refused_and_not_stored() {
    let server = start(Limits::default()).await;
    let http = client();
    let body = |canvas_id: String| {
        json!({ "canvas_id": canvas_id, "recipients": [{ "external_user_id": "u" }],
                "schedule": { "time": "2030-01-01T09:00:00Z" } })
    };
    let r =
        post(&http, &server, "/canvas/trigger/schedule/create", &body("c".repeat(mock::MAX_STORED_FIELD + 1))).await;
    assert_eq!(r.status().as_u16(), 400);
    let answer = json_of(r).await;
    assert!(answer["errors"].to_string().contains("canvas_id is 257 bytes"), "{answer}");
    let r = post(&http, &server, "/canvas/trigger/schedule/create", &body("c".repeat(mock::MAX_STORED_FIELD))).await;
    assert_eq!(r.status().as_u16(), 201);
    let (_, list) = get(&http, &server, "/messages/scheduled_broadcasts?end_time=2031-01-01T00:00:00Z").await;
    assert_eq!(listed(&list).len(), 1, "only the one that fits: {list}");
}

#[tokio::test]
async fn learnt_send_ids_forget_the_oldest_and_refused_ones_are_not_kept() {
    let server = start(Limits { max_sends: 1, ..Limits::default() }).await;
    let http = client();
    let create = |send: &str| json!({ "campaign_id": "campaign-push", "send_id": send });
    let series = |send: &str| format!("/sends/data_series?campaign_id=campaign-push&send_id={send}&length=1");
    let r = post(&http, &server, "/sends/id/create", &create("first")).await;
    assert!(r.headers().get(EVICTED_HEADER).is_none());
    let r = post(&http, &server, "/sends/id/create", &create("second")).await;
    assert_eq!(r.headers().get(EVICTED_HEADER).unwrap(), "send first");
    assert_eq!(get(&http, &server, &series("first")).await.0, 400, "forgotten");
    assert_eq!(get(&http, &server, &series("second")).await.0, 200);
    // The fixtures' own send id stays whatever the session learns.
    assert_eq!(get(&http, &server, &series("spring-sale-2030")).await.0, 200);

    // Longer than Braze's 64 characters: the identifier "must be at most 64 characters", so the mock refuses it
    // (a documented rule), does not keep it, and evicts nothing for it.
    let long = "l".repeat(65);
    let r = post(&http, &server, "/sends/id/create", &create(&long)).await;
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.headers().get(EVICTED_HEADER).is_none());
    assert_eq!(get(&http, &server, &series(&long)).await.0, 400);
    assert_eq!(get(&http, &server, &series("second")).await.0, 200);
}

// ---- memory of the real binary --------------------------------------------------------------------------------

/// The peak resident set (VmHWM) of process `pid`, in bytes.
#[cfg(target_os = "linux")]
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    kib * 1024
}

/// Bytes sitting in the kernel's queues of the TCP sockets to or from `port` (sent but not yet read by the
/// other side): 0 once the mock has read everything its clients sent, or dropped their connections.
#[cfg(target_os = "linux")]
fn queued(port: u16) -> u64 {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let port_of = |addr: &str| addr.rsplit(':').next().and_then(|p| u16::from_str_radix(p, 16).ok());
    table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let (local, remote, queues) = (f.get(1)?, f.get(2)?, f.get(4)?);
            if port_of(local) != Some(port) && port_of(remote) != Some(port) {
                return None;
            }
            let (tx, rx) = queues.split_once(':')?;
            Some(u64::from_str_radix(tx, 16).ok()? + u64::from_str_radix(rx, 16).ok()?)
        })
        .sum()
}

/// 100 connections each declare a 4,000,000-byte body and send 3,000,000 bytes of it, then hold: before the
/// bounds the mock buffered all of them (VmHWM ~400 MiB); now at most `bodies_in_flight` (32 MiB) is held and the
/// rest are answered 503 at once.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peak_rss_stays_under_200_mib_with_100_slow_connections_holding_partial_bodies() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(["mock", "--addr", "127.0.0.1:0", "--quiet"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next_line().await.unwrap().expect("brazen mock prints its URL");
        if let Some(u) = line.split("listening on ").nth(1) {
            break u.trim().to_string();
        }
    };
    let addr: std::net::SocketAddr = url.trim_start_matches("http://").parse().unwrap();
    let before = peak_rss(pid);

    let partial = Arc::new(vec![b' '; 3_000_000]);
    let mut held = Vec::new();
    for _ in 0..100 {
        let partial = partial.clone();
        held.push(tokio::spawn(async move {
            let mut tcp = TcpStream::connect(addr).await.unwrap();
            let request = format!("{}{{\"external_user_ids\": [\"u\"], \"x\": \"", head("/messages/send", 4_000_000));
            // A refused connection (503, then closed) fails part-way through the write: that is the point.
            if tcp.write_all(request.as_bytes()).await.is_ok() {
                let _ = tcp.write_all(&partial).await;
            }
            tcp
        }));
    }
    let mut conns = Vec::new();
    for h in held {
        conns.push(h.await.unwrap());
    }
    // Everything sent has been read by the mock (or dropped with its connection) before the peak is taken.
    until("drained by the mock", || queued(addr.port()) == 0).await;
    let peak = peak_rss(pid);
    eprintln!("brazen mock VmHWM: {} MiB at start, {} MiB with 100 slow bodies", before >> 20, peak >> 20);
    assert!(peak < 200 << 20, "peak RSS {} MiB", peak >> 20);

    // The held bodies are released when their clients leave: a large body fits again.
    drop(conns);
    let http = client();
    let big = json!({ "external_user_ids": ["u"], "messages": { "apple_push": { "alert": "x" } },
                      "padding": "p".repeat(3_000_000) });
    let start = std::time::Instant::now();
    loop {
        let r = post_url(&http, &url, &big).await;
        if r != 503 {
            assert_eq!(r, 201);
            break;
        }
        assert!(start.elapsed() < GUARD, "bodies still held after the clients left");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(peak_rss(pid) < 200 << 20);
    let _ = child.start_kill();
}

async fn post_url(http: &reqwest::Client, url: &str, body: &Value) -> u16 {
    let r = http
        .post(format!("{url}/messages/send"))
        .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}
