//! Realistic synthetic exchanges for tests and benchmarks (not part of the stable API).
//! Deterministic for a seed, with no clock or RNG crate involved.

use crate::classify::Outcome;
use crate::exchange::{
    Attempt, Exchange, NetworkErrorKind, NetworkFailure, REDACTED_KEY, RequestRecord, ResponseRecord, Timings,
};

/// What the final attempt of a built exchange got.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A response: status and body; the classifier finds the row.
    Http {
        status: u16,
        body: String,
    },
    Network(NetworkErrorKind),
}

/// One exchange against the sandbox at `time`, with one attempt and a plausible Outcome.
pub fn exchange(method: &str, endpoint: &str, body: &str, answer: Answer, time: jiff::Timestamp) -> Exchange {
    let (response, failure, outcome) = match answer {
        Answer::Http { status, body } => {
            let outcome = outcome(status, &body);
            let response = ResponseRecord {
                status,
                headers: vec![("content-type".into(), "application/json".into())],
                body_bytes: body.len() as u64,
                body,
                truncated: false,
            };
            (Some(response), None, Some(outcome))
        }
        Answer::Network(kind) => (
            None,
            Some(NetworkFailure { kind, detail: format!("{kind:?} while talking to the server"), status: None }),
            None,
        ),
    };
    Exchange {
        id: None,
        time,
        environment: "sandbox".into(),
        request: RequestRecord {
            method: method.into(),
            endpoint: endpoint.into(),
            url: format!("http://127.0.0.1:4010{endpoint}"),
            headers: vec![
                ("Authorization".into(), format!("Bearer {REDACTED_KEY}")),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: body.into(),
            body_truncated: false,
        },
        attempts: vec![Attempt {
            number: 1,
            started_at: time,
            waited_ms: 0,
            response,
            failure,
            timings: Timings { connect_ms: Some(1.5), first_byte_ms: Some(20.0), total_ms: 21.0 },
        }],
        outcome,
        replay_of: None,
        saved_request: None,
        secret_variables: Vec::new(),
    }
}

/// The Outcome the classifier gives `body` with `status` and sandbox-like rate-limit headers.
pub fn outcome(status: u16, body: &str) -> Outcome {
    let headers = vec![
        ("content-type".to_string(), "application/json".to_string()),
        ("x-ratelimit-limit".to_string(), "250000".to_string()),
        ("x-ratelimit-remaining".to_string(), "249000".to_string()),
        ("x-ratelimit-reset".to_string(), "1735693200".to_string()),
    ];
    let now = jiff::Timestamp::from_second(1_735_693_170).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    crate::classify::outcome(status, &headers, body.as_bytes(), now)
}

/// splitmix64: tiny, seedable, good enough to vary fixtures.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` exchanges a busy team might leave over weeks: mostly successes on `/messages/send` and `/users/track`,
/// some 4XX rows, 429s, 5XXs and network failures; bodies of a few hundred bytes to a few KiB.
/// Times rise from 2025-01-01 by 1–60 s each.
pub fn synthetic(n: usize, seed: u64) -> Vec<Exchange> {
    let mut rng = Mix(seed);
    let mut time = jiff::Timestamp::from_second(1_735_689_600).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    (0..n)
        .map(|i| {
            time = time.checked_add(jiff::SignedDuration::from_secs(1 + rng.below(60) as i64)).unwrap_or(time);
            let (method, endpoint, body) = request_body(&mut rng, i);
            let answer = answer(&mut rng, endpoint, i);
            let mut ex = exchange(method, endpoint, &body, answer, time);
            ex.attempts[0].timings.total_ms = 15.0 + rng.below(400) as f64;
            ex
        })
        .collect()
}

fn request_body(rng: &mut Mix, i: usize) -> (&'static str, &'static str, String) {
    match rng.below(20) {
        0..=5 => {
            let ids: Vec<String> =
                (0..1 + rng.below(40)).map(|k| format!("\"user-{}\"", (i as u64 * 7 + k) % 90_000)).collect();
            let body = format!(
                r#"{{"campaign_id": "campaign-push", "external_user_ids": [{}], "messages": {{"apple_push": {{"alert": "Order {i} has shipped", "extra": {{"order": "ord-{i}"}}}}}}}}"#,
                ids.join(", ")
            );
            ("POST", "/messages/send", body)
        }
        6..=11 => {
            let attrs: Vec<String> = (0..1 + rng.below(20))
                .map(|k| {
                    format!(r#"{{"external_id": "user-{}", "plan": "pro", "visits": {k}}}"#, (i as u64 + k) % 90_000)
                })
                .collect();
            ("POST", "/users/track", format!(r#"{{"attributes": [{}]}}"#, attrs.join(", ")))
        }
        12..=13 => (
            "POST",
            "/campaigns/trigger/send",
            format!(r#"{{"campaign_id": "campaign-email", "recipients": [{{"external_user_id": "user-{i}"}}]}}"#),
        ),
        14 => ("POST", "/canvas/trigger/send", format!(r#"{{"canvas_id": "canvas-{i}", "broadcast": true}}"#)),
        15 => ("POST", "/users/delete", format!(r#"{{"external_ids": ["user-{i}"]}}"#)),
        16 => {
            ("POST", "/users/export/ids", format!(r#"{{"external_ids": ["user-{i}"], "fields_to_export": ["email"]}}"#))
        }
        17 => ("GET", "/sends/data_series", String::new()),
        _ => (
            "POST",
            "/messages/schedule/create",
            format!(
                r#"{{"broadcast": true, "schedule": {{"time": "2025-03-01T10:00:00Z"}}, "messages": {{"email": {{"app_id": "app-{i}"}}}}}}"#
            ),
        ),
    }
}

fn answer(rng: &mut Mix, endpoint: &str, i: usize) -> Answer {
    let http = |status: u16, body: String| Answer::Http { status, body };
    match rng.below(100) {
        0..=74 => {
            let body = if endpoint == "/users/track" {
                r#"{"attributes_processed": 3, "message": "success"}"#.to_string()
            } else {
                format!(r#"{{"dispatch_id": "dispatch-{i:08}", "message": "success"}}"#)
            };
            http(201, body)
        }
        75..=79 => http(201, format!(r#"{{"message": "success", "errors": ["user-{i} is not a valid external id"]}}"#)),
        80..=87 => {
            // Rows each endpoint can really get.
            let rows: &[&str] = match endpoint {
                "/users/track" => &["Max Input Length Exceeded", "Bad Request"],
                "/messages/send" | "/campaigns/trigger/send" => {
                    &["No Recipients", "Invalid Campaign ID", "Bad Request"]
                }
                _ => &["Bad Request", "The max number of ids per request was exceeded"],
            };
            let name = rows[rng.below(rows.len() as u64) as usize];
            http(400, format!(r#"{{"message": "{name}"}}"#))
        }
        88..=89 => http(401, r#"{"message": "Unauthorized"}"#.to_string()),
        90 => http(403, r#"{"message": "Access Denied"}"#.to_string()),
        91..=93 => http(429, r#"{"message": "Rate Limited"}"#.to_string()),
        94..=96 => http(503, "<html><body>503 Service Unavailable</body></html>".to_string()),
        _ => Answer::Network(
            [NetworkErrorKind::ConnectionRefused, NetworkErrorKind::ReadTimeout, NetworkErrorKind::ConnectionReset]
                [rng.below(3) as usize],
        ),
    }
}

/// A new, empty database on the PostgreSQL server at `server` (whose user may create databases), as a ledger URL:
/// each test gets its own, so tests run in parallel. The server is a throwaway test cluster; nothing drops them.
pub fn fresh_ledger_database(server: &str) -> Result<crate::config::LedgerUrl, super::HistoryError> {
    let bad = |message: String| super::HistoryError::Ledger { url: "(test server)".into(), message };
    let name = format!("brazen_test_{:016x}", rand::random::<u64>());
    let server_url = server.to_string();
    let create = format!("CREATE DATABASE {name}");
    // On a thread of its own: the driver must not run inside a caller's tokio runtime.
    std::thread::spawn(move || -> Result<(), String> {
        let mut c = postgres::Client::connect(&server_url, postgres::NoTls).map_err(|e| e.to_string())?;
        c.batch_execute(&create).map_err(|e| e.to_string())
    })
    .join()
    .map_err(|_| bad("the thread creating a test database panicked".into()))?
    .map_err(bad)?;
    let mut url = url::Url::parse(server).map_err(|e| bad(e.to_string()))?;
    url.set_path(&format!("/{name}"));
    crate::config::LedgerUrl::parse(url.as_str()).map_err(bad)
}
