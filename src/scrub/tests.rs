//! Tests of the scrubber: every form of a secret is found and removed, and nothing else changes.
//!
//! Test-only; may use `validate` (core) to build reports. Otherwise the same rule as the rest of `scrub`:
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use base64::Engine as _;

use super::*;
use crate::exchange::{Attempt, Exchange, NetworkErrorKind, NetworkFailure, RequestRecord, ResponseRecord, Timings};

const KEY: &str = "sk-test-LEAK-123456";

fn exchange_with(headers: Vec<(&str, &str)>, url: &str, body: &str, response_body: &str) -> Exchange {
    Exchange {
        id: None,
        time: jiff::Timestamp::UNIX_EPOCH,
        environment: "sandbox".into(),
        request: RequestRecord {
            method: "POST".into(),
            endpoint: "/messages/send".into(),
            url: url.into(),
            headers: headers.into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            body: body.into(),
            body_truncated: false,
        },
        attempts: vec![Attempt {
            number: 1,
            started_at: jiff::Timestamp::UNIX_EPOCH,
            waited_ms: 0,
            response: Some(ResponseRecord {
                status: 401,
                headers: vec![],
                body: response_body.into(),
                truncated: false,
                body_bytes: response_body.len() as u64,
            }),
            failure: None,
            timings: Timings::default(),
        }],
        outcome: None,
        replay_of: None,
        saved_request: None,
        secret_variables: Vec::new(),
    }
}

fn scrubbed(ex: &Exchange) -> Exchange {
    super::exchange(ex, &Secrets::new()).into_inner()
}

fn json(ex: &Exchange) -> String {
    serde_json::to_string(ex).unwrap()
}

#[test]
fn other_credential_headers_are_redacted_too() {
    let ex = exchange_with(
        vec![
            ("X-Api-Key", "SECRET456-gateway"),
            ("x-auth-token", "tok-98765432"),
            ("Cookie", "session=abcdef123456; theme=dark"),
            ("X-Brazen-Fault", "503"),
            ("Content-Type", "application/json"),
        ],
        "http://h/messages/send",
        "{}",
        r#"{"message":"bad key SECRET456-gateway, session abcdef123456"}"#,
    );
    let s = scrubbed(&ex);
    let values: Vec<&str> = s.request.headers.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(values, [REDACTED, REDACTED, REDACTED, "503", "application/json"]);
    for secret in ["SECRET456-gateway", "tok-98765432", "abcdef123456"] {
        assert!(!json(&s).contains(secret), "{secret} in {}", json(&s));
    }
    assert_eq!(scrubbed(&s), s, "scrubbing twice changes nothing");
}

#[test]
fn authorization_in_any_case_is_redacted_and_echoes_removed() {
    let ex = exchange_with(
        vec![("authorization", "Bearer sk-SECRET-123"), ("Content-Type", "application/json")],
        "http://h/messages/send",
        "{}",
        r#"{"message":"Unknown key sk-SECRET-123"}"#,
    );
    let s = scrubbed(&ex);
    assert_eq!(s.request.headers[0].1, "Bearer [REDACTED]");
    assert_eq!(s.request.headers[1].1, "application/json");
    assert!(!json(&s).contains("sk-SECRET-123"));
    assert!(s.attempts[0].response.as_ref().unwrap().body.contains("Unknown key [REDACTED]"));
}

#[test]
fn basic_credentials_are_redacted_with_their_password() {
    let pair = base64::engine::general_purpose::STANDARD.encode(format!("user:{KEY}"));
    let ex = exchange_with(vec![("Authorization", &format!("Basic {pair}"))], "http://h/x", "{}", KEY);
    let s = scrubbed(&ex);
    assert_eq!(s.request.headers[0].1, "Basic [REDACTED]");
    assert_eq!(s.attempts[0].response.as_ref().unwrap().body, REDACTED);
}

#[test]
fn legacy_api_key_in_query_and_body_is_removed() {
    let ex = exchange_with(
        vec![],
        "http://h/users/export?api_key=legacy-key-0001&x=1",
        r#"{"api_key": "legacy-body-key-02", "external_user_ids": ["a"]}"#,
        "",
    );
    let s = scrubbed(&ex);
    assert_eq!(s.request.url, "http://h/users/export?api_key=[REDACTED]&x=1");
    assert!(s.request.body.contains(r#""api_key": "[REDACTED]""#), "{}", s.request.body);
    assert!(s.request.body.contains("external_user_ids"));
}

#[test]
fn short_or_placeholder_credentials_do_not_rewrite_bodies() {
    let ex = exchange_with(vec![("Authorization", "Bearer abc")], "http://h/x", "abc abc", "abc");
    let s = scrubbed(&ex);
    assert_eq!(s.request.headers[0].1, "Bearer [REDACTED]");
    assert_eq!(s.request.body, "abc abc");
    let ex = exchange_with(vec![("Authorization", "Bearer $BRAZE_API_KEY")], "http://h/x", "$BRAZE_API_KEY", "");
    assert_eq!(scrubbed(&ex).request.body, "$BRAZE_API_KEY");
}

#[test]
fn quoted_key_is_still_found_in_echoes() {
    let ex = exchange_with(vec![("Authorization", "Bearer \"quoted-key-999\"")], "http://h/x", "", "quoted-key-999");
    assert_eq!(scrubbed(&ex).attempts[0].response.as_ref().unwrap().body, REDACTED);
}

/// The leak of issue 8: the key in the environment (a `--url` with user information), in the endpoint (sent
/// with `--force`) and in a failure's detail, none of which the old field list covered.
#[test]
fn every_text_field_is_scrubbed_whatever_its_name() {
    let mut ex = exchange_with(vec![], &format!("http://user:{KEY}@127.0.0.1:9/{KEY}"), "{}", "");
    ex.environment = format!("http://user:{KEY}@127.0.0.1:9");
    ex.request.endpoint = format!("/{KEY}");
    ex.request.method = format!("POST{KEY}");
    ex.attempts[0].failure =
        Some(NetworkFailure { kind: NetworkErrorKind::Other, detail: format!("error for url ({KEY})"), status: None });
    ex.attempts[0].response.as_mut().unwrap().headers = vec![(format!("x-{KEY}"), KEY.into())];
    let s = super::exchange(&ex, &Secrets::of([KEY]));
    assert!(!json(&s).contains(KEY), "{}", json(&s));
    assert_eq!(s.request.endpoint, "/[REDACTED]");
    assert_eq!(s.environment, "http://user:[REDACTED]@127.0.0.1:9");
    // The password of a URL is found without being told.
    let s = scrubbed(&ex);
    assert_eq!(s.environment, "http://user:[REDACTED]@127.0.0.1:9");
}

#[test]
fn escaped_percent_and_base64_echoes_are_scrubbed() {
    let escaped: String = KEY.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let percent: String = KEY.bytes().map(|b| format!("%{b:02X}")).collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("user:{KEY}"));
    for echo in [
        format!(r#"{{"message":"Invalid API key: {escaped}"}}"#),
        format!(r#"{{"message":"bad","url":"/x?k={percent}"}}"#),
        format!(r#"{{"message":"bad","auth":"{b64}"}}"#),
    ] {
        let ex = exchange_with(vec![], "http://h/x", "{}", &echo);
        let s = super::exchange(&ex, &Secrets::of([KEY]));
        let body = &s.attempts[0].response.as_ref().unwrap().body;
        // Decoding what is stored shows no key either.
        let decoded: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(!decoded.to_string().contains(KEY), "{body}");
        assert!(body.contains(REDACTED), "{body}");
    }
}

#[test]
fn a_report_quoting_the_key_is_scrubbed() {
    let body = format!(r#"{{"external_user_ids": ["{KEY}"], "extra": 1, "{KEY}": 2}}"#);
    let ctx = crate::validate::Context::new(jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC);
    let mut r = crate::validate::check("/messages/send", &body, &ctx);
    assert!(format!("{r:?}").contains(KEY), "the test needs a report that quotes the key: {r:?}");
    report(&mut r, &Secrets::of([KEY]));
    assert!(!format!("{r:?}").contains(KEY), "{r:?}");
}

#[test]
fn credential_names() {
    for n in ["Authorization", "proxy-authorization", "X-Api-Key", "Cookie", "x-auth-token", "X-Client-Secret"] {
        assert!(is_credential_header(n), "{n}");
    }
    for n in ["Content-Type", "X-Brazen-Fault", "WWW-Authenticate", "x-ratelimit-reset"] {
        assert!(!is_credential_header(n), "{n}");
    }
    assert!(is_credential_field("API_KEY") && !is_credential_field("external_user_ids"));
}
