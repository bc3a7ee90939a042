//! The diff of two exchanges: one changed value is one changed row, headers added or gone stand alone, statuses
//! differ by fact, identical exchanges have no change, and huge bodies are compared up to the cap.

use super::*;
use crate::exchange::{Attempt, NetworkFailure, RequestRecord, ResponseRecord, Timings};

fn at(sec: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_735_689_600 + sec).unwrap()
}

/// A recorded exchange with `body` sent and `status`/`answer` received (the outcome as the classifier makes it).
fn exchange(id: i64, body: &str, status: u16, answer: &str) -> Exchange {
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    Exchange {
        id: Some(id),
        time: at(id),
        environment: "sandbox".into(),
        request: RequestRecord {
            method: "POST".into(),
            endpoint: "/users/track".into(),
            url: "https://rest.iad-03.braze.com/users/track".into(),
            headers: vec![("Authorization".into(), "Bearer [REDACTED]".into())],
            body: body.into(),
            body_truncated: false,
        },
        attempts: vec![Attempt {
            number: 1,
            started_at: at(id),
            waited_ms: 0,
            response: Some(ResponseRecord {
                status,
                headers: headers.clone(),
                body: answer.into(),
                truncated: false,
                body_bytes: answer.len() as u64,
            }),
            failure: None,
            timings: Timings { connect_ms: None, first_byte_ms: None, total_ms: 12.0 },
        }],
        outcome: Some(crate::classify::outcome(status, &headers, answer.as_bytes(), at(id))),
        replay_of: None,
        saved_request: None,
        secret_variables: Vec::new(),
    }
}

fn section(d: &ExchangeDiff, part: Part) -> &Section {
    d.sections.iter().find(|s| s.part == part).unwrap()
}

fn changed(s: &Section) -> Vec<&Row> {
    s.rows.iter().filter(|r| r.kind != Kind::Same).collect()
}

const OK: &str = r#"{"message":"success","attributes_processed":1}"#;

#[test]
fn identical_exchanges_have_no_change() {
    let a = exchange(1, r#"{"attributes":[{"external_id":"u1","tier":"gold"}]}"#, 201, OK);
    let d = diff(&a, &a.clone(), &exact);
    assert_eq!(d.changes, 0);
    assert!(d.sections.iter().all(|s| s.changes == 0 && !s.cut));
    assert_eq!(
        section(&d, Part::RequestLine).rows[0].left.as_deref(),
        Some("POST https://rest.iad-03.braze.com/users/track")
    );
    assert_eq!(section(&d, Part::RequestBody).rows.len(), 8, "compared re-indented");
}

#[test]
fn a_changed_json_value_is_one_changed_row() {
    let a = exchange(1, r#"{"attributes":[{"external_id":"u1","tier":"gold","z":1}]}"#, 201, OK);
    let b = exchange(2, r#"{"attributes": [{"external_id": "u1", "tier": "silver", "z": 1}]}"#, 201, OK);
    let d = diff(&a, &b, &exact);
    let body = section(&d, Part::RequestBody);
    let rows = changed(body);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].kind, Kind::Changed);
    assert_eq!(rows[0].left.as_deref(), Some(r#"      "tier": "gold","#));
    assert_eq!(rows[0].right.as_deref(), Some(r#"      "tier": "silver","#));
    assert_eq!(d.changes, 1);
}

#[test]
fn an_added_and_a_removed_header_stand_alone() {
    let a = exchange(1, "{}", 201, OK);
    let mut b = exchange(2, "{}", 201, OK);
    b.request.headers.push(("X-Trace".into(), "abc".into()));
    b.request.headers.retain(|(n, _)| n != "Authorization");
    let d = diff(&a, &b, &exact);
    let rows = changed(section(&d, Part::RequestHeaders));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().any(|r| r.kind == Kind::LeftOnly && r.left.as_deref() == Some("Authorization: Bearer [REDACTED]"))
    );
    assert!(rows.iter().any(|r| r.kind == Kind::RightOnly && r.right.as_deref() == Some("X-Trace: abc")));
}

#[test]
fn a_different_status_changes_the_status_facts() {
    let a = exchange(1, "{}", 201, OK);
    let b = exchange(2, "{}", 400, r#"{"message":"Bad Request"}"#);
    let d = diff(&a, &b, &exact);
    assert_eq!((d.left.status, d.right.status), (Some(201), Some(400)));
    assert_eq!(d.right.outcome, Some(OutcomeKind::Fatal));
    let s = section(&d, Part::Status);
    let left: Vec<&str> = s.rows.iter().filter_map(|r| r.left.as_deref()).collect();
    let right: Vec<&str> = s.rows.iter().filter_map(|r| r.right.as_deref()).collect();
    assert_eq!(left[..3], ["status: 201", "class: 2XX", "outcome: success"]);
    assert_eq!(right[..3], ["status: 400", "class: 4XX", "outcome: fatal"]);
    assert!(right.iter().any(|l| l.starts_with("error: bad_request")), "{right:?}");
    assert!(s.changes >= 3);
}

#[test]
fn a_network_failure_is_compared_by_what_failed() {
    let a = exchange(1, "{}", 201, OK);
    let mut b = exchange(2, "{}", 201, OK);
    b.attempts[0].response = None;
    b.attempts[0].failure =
        Some(NetworkFailure { kind: NetworkErrorKind::ReadTimeout, detail: "read timed out".into(), status: None });
    b.outcome = None;
    let d = diff(&a, &b, &exact);
    assert_eq!((d.right.status, d.right.network), (None, Some(NetworkErrorKind::ReadTimeout)));
    let right: Vec<&str> = section(&d, Part::Status).rows.iter().filter_map(|r| r.right.as_deref()).collect();
    assert_eq!(right, ["network: read_timeout", "detail: read timed out"]);
    assert!(section(&d, Part::ResponseBody).rows.iter().all(|r| r.kind == Kind::LeftOnly));
}

/// Two 10 MiB-class bodies: each side is compared up to the cap, said so, and the one late difference past it is
/// not looked for.
#[test]
fn huge_bodies_are_compared_up_to_the_cap() {
    let items = |last: &str| {
        let mut s = String::from(r#"{"users":["#);
        for i in 0..(MAX_LINES + 5_000) {
            s.push_str(&format!(r#""user-{i:06}","#));
        }
        s.push_str(&format!(r#""{last}"]}}"#));
        s
    };
    let (a, b) = (exchange(1, OK, 201, &items("x")), exchange(2, OK, 201, &items("y")));
    let d = diff(&a, &b, &exact);
    let body = section(&d, Part::ResponseBody);
    assert!(body.cut);
    assert_eq!(body.rows.len(), MAX_LINES);
    assert_eq!(body.changes, 0, "the difference is past the cap");
    assert!(!section(&d, Part::RequestBody).cut);
}
