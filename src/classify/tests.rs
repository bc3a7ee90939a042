use proptest::prelude::*;

use super::*;
use crate::catalog;
use crate::i18n::Lang;

fn now() -> jiff::Timestamp {
    "2025-03-01T12:00:00Z".parse().unwrap()
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

fn json(status: u16, body: &str) -> Outcome {
    outcome(status, &[], body.as_bytes(), now())
}

fn msg(status: u16, message: &str) -> Outcome {
    json(status, &serde_json::json!({ "message": message }).to_string())
}

/// Status + wire `message` → row id, for every row with a name of its own (Braze's spelling, verbatim).
const DISTINCT: &[(u16, &str, &str)] = &[
    (500, "Internal Server Error", "internal_server_error"),
    (400, "Bad Request", "bad_request"),
    (400, "No Recipients", "no_recipients"),
    (400, "Invalid Campaign ID", "invalid_campaign_id"),
    (400, "Message Variant Unspecified", "message_variant_unspecified"),
    (400, "Invalid Message Variant", "invalid_message_variant"),
    (400, "Mismatched Message Type", "mismatched_message_type"),
    (400, "Invalid Extra Push Payload", "invalid_extra_push_payload"),
    (400, "Max Input Length Exceeded", "max_input_length_exceeded"),
    (
        400,
        "The max number of external_ids and aliases per request was exceeded",
        "max_external_ids_and_aliases_exceeded",
    ),
    (400, "The max number of ids per request was exceeded", "max_ids_exceeded"),
    (400, "No message to send", "no_message_to_send"),
    (400, "Slideup Message Length Exceeded", "slideup_message_length_exceeded"),
    (400, "Apple Push Length Exceeded", "apple_push_length_exceeded"),
    (400, "Android Push Length Exceeded", "android_push_length_exceeded"),
    (401, "Unauthorized", "unauthorized"),
    (403, "Forbidden", "forbidden"),
    (403, "Access Denied", "access_denied"),
    (404, "Not Found", "not_found"),
    (429, "Rate Limited", "rate_limited"),
];

#[test]
fn each_named_row_is_found_by_status_and_message() {
    for (status, message, id) in DISTINCT {
        let o = msg(*status, message);
        assert_eq!(o.error.as_deref(), Some(*id), "{status} {message}");
        assert_eq!(o.message.as_deref(), Some(*message));
        assert_eq!(o.outcome, OutcomeKind::Fatal);
        assert!(!o.accepted);
        let r = row(&o).expect("row");
        assert_eq!(o.name.as_deref(), Some(r.name.as_str()));
    }
}

#[test]
fn matching_ignores_case_and_surrounding_space() {
    let o = msg(400, "  the MAX number of IDS per request was exceeded ");
    assert_eq!(o.error.as_deref(), Some("max_ids_exceeded"));
    let o = msg(400, "the max number of external_ids and aliases per request was exceeded");
    assert_eq!(o.error.as_deref(), Some("max_external_ids_and_aliases_exceeded"));
    let o = msg(403, "access denied");
    assert_eq!(o.error.as_deref(), Some("access_denied"));
}

/// Every row of the data, including the two that share Braze's `Bad Request` with the syntax row: a row's own name
/// leads to the first row of that status and name, and each alternative spelling leads to its row.
#[test]
fn every_row_of_the_table_classifies() {
    let table = catalog::errors();
    let seed: Vec<_> = table.rows.iter().filter(|r| r.endpoints.is_empty()).collect();
    assert_eq!(seed.len(), 22, "DESIGN.md lists 22 rows");
    for r in seed {
        let o = msg(r.status, &r.name);
        let first = table.rows.iter().find(|x| x.status == r.status && x.name.eq_ignore_ascii_case(&r.name)).unwrap();
        assert_eq!(o.error.as_deref(), Some(first.id.as_str()), "row {}", r.id);
        for alt in &r.also_matches {
            assert_eq!(msg(r.status, alt).error.as_deref(), Some(r.id.as_str()), "{} via {alt:?}", r.id);
        }
    }
    for shared in ["send_at_unparseable", "local_time_in_past"] {
        let r = table.row(shared).expect("row present");
        assert_eq!(msg(r.status, &r.name).error.as_deref(), Some("bad_request"), "{shared} shares Bad Request");
    }
}

#[test]
fn the_retry_kind_of_each_row_agrees_with_the_advice_for_its_status() {
    for r in catalog::errors().rows.iter().filter(|r| r.endpoints.is_empty()) {
        let o = msg(r.status, &r.name);
        assert_eq!(o.retry.as_str(), r.retry.as_str(), "row {}", r.id);
        assert!(!r.sent, "a fatal row never sends: {}", r.id);
    }
}

/// An endpoint's documented errors are found by the wire name in `message`, or in `errors[]` as an id or a
/// message, and only for that endpoint; the advice follows the row.
#[test]
fn every_endpoint_row_classifies_for_its_endpoints_only() {
    let table = catalog::errors();
    let policy = crate::retry::RetryPolicy::default();
    let rows: Vec<_> = table.rows.iter().filter(|r| !r.endpoints.is_empty()).collect();
    assert!(rows.len() > 100, "{}", rows.len());
    for r in rows {
        let e = catalog::endpoints().resolve(&r.endpoints[0]).unwrap().endpoint;
        let bodies = [
            serde_json::json!({ "message": r.name }),
            serde_json::json!({ "message": "Invalid Request", "errors": [{ "id": r.name, "message": "x" }] }),
            serde_json::json!({ "errors": [r.name] }),
        ];
        for body in bodies {
            let bytes = body.to_string().into_bytes();
            let o = crate::classify::outcome_for(Some(e), r.status, &[], &bytes, now(), &policy);
            let found = crate::classify::row(&o).unwrap();
            // Two rows of one endpoint may share a wire name (a message reused for two cases): the first wins.
            assert!(found.name.eq_ignore_ascii_case(&r.name), "{} at {}: {:?}", r.id, e.key(), o.error);
            assert_eq!(o.retry.as_str(), found.retry.as_str(), "{}", r.id);
            assert_eq!(o.endpoint.as_deref(), Some(e.key()));
        }
        // Without the endpoint, the seed's table answers.
        let o = msg(r.status, &r.name);
        assert!(crate::classify::row(&o).is_none_or(|x| x.endpoints.is_empty()), "{}", r.id);
    }
}

/// The SCIM endpoints answer errors as RFC 7644 writes them: the wire name is the top-level `detail`.
#[test]
fn a_scim_error_is_found_by_its_detail() {
    let e = catalog::endpoints().resolve("GET /scim/v2/Users/x").unwrap().endpoint;
    let body = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User not found","status":404}"#;
    let o = crate::classify::outcome_for(Some(e), 404, &[], body, now(), &crate::retry::RetryPolicy::default());
    assert_eq!(o.error.as_deref(), Some("scim_user_not_found"));
}

#[test]
fn a_message_naming_a_row_of_another_status_does_not_win() {
    // A 401 whose text happens to be a 404 row's alternative spelling is still a 401.
    let o = msg(401, "Not Found");
    assert_eq!(o.error.as_deref(), Some("unauthorized"));
}

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad \
                        Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

#[test]
fn statuses_classify_without_a_json_body() {
    let bodies: [(&[u8], BodyKind); 5] = [
        (b"", BodyKind::Empty),
        (b"  \n ", BodyKind::Empty),
        (HTML_502.as_bytes(), BodyKind::Html),
        (b"upstream connect error or disconnect/reset before headers", BodyKind::Text),
        (&[0xff, 0xfe, 0x00, 0x9c, b'{'], BodyKind::Text),
    ];
    let cases = [
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not_found"),
        (429, "rate_limited"),
        (400, "bad_request"),
        (500, "internal_server_error"),
        (502, "internal_server_error"),
        (503, "internal_server_error"),
        (504, "internal_server_error"),
    ];
    for (body, kind) in bodies {
        for (status, id) in cases {
            let o = outcome(status, &[], body, now());
            assert_eq!(o.error.as_deref(), Some(id), "{status} with {kind:?}");
            assert_eq!(o.message, None);
            assert_eq!(o.body_kind, kind);
            assert_eq!(o.outcome, OutcomeKind::Fatal);
        }
    }
}

#[test]
fn html_is_recognised_by_content_type_too() {
    let o = outcome(503, &h(&[("Content-Type", "text/html; charset=utf-8")]), b"Service down", now());
    assert_eq!(o.body_kind, BodyKind::Html);
}

#[test]
fn html_explanation_blames_a_proxy() {
    let o = outcome(502, &[], HTML_502.as_bytes(), now());
    assert!(explanation(&o, Lang::En).contains("proxy or load balancer"), "{}", explanation(&o, Lang::En));
    assert!(explanation(&o, Lang::Ko).contains("프록시"));
    let json = msg(502, "Bad Gateway");
    assert!(!explanation(&json, Lang::En).contains("proxy"));
}

#[test]
fn forbidden_and_access_denied_differ_by_message() {
    assert_eq!(msg(403, "Forbidden").error.as_deref(), Some("forbidden"));
    assert_eq!(msg(403, "Access Denied").error.as_deref(), Some("access_denied"));
    assert_eq!(msg(403, "something else").error.as_deref(), Some("forbidden"));
}

#[test]
fn an_unknown_message_falls_back_to_the_status_and_says_so() {
    let o = msg(400, "campaign_id must be a string of the campaign api identifier");
    assert_eq!(o.error.as_deref(), Some("bad_request"));
    assert!(explanation(&o, Lang::En).contains("campaign_id must be a string"));
}

#[test]
fn a_status_outside_the_table_has_no_row() {
    let o = msg(418, "I'm a teapot");
    assert_eq!(o.error, None);
    assert_eq!(o.name, None);
    assert_eq!(o.class, Class::C4xx);
    assert_eq!(o.retry, RetryAdvice::FixRequest);
    assert!(explanation(&o, Lang::En).contains("I'm a teapot"));
    let redirect = outcome(301, &h(&[("location", "https://rest.iad-01.braze.com/")]), b"", now());
    assert_eq!((redirect.class, redirect.outcome, redirect.error.clone()), (Class::C3xx, OutcomeKind::Fatal, None));
    assert!(!redirect.accepted);
}

#[test]
fn a_status_outside_http_has_no_class_and_is_not_retried() {
    for status in [0, 99, 600, 999, 1000, u16::MAX] {
        // Even a body that names a 5XX row: no row of Braze's fits a status HTTP does not define.
        let o = outcome(status, &[], br#"{"message":"Internal Server Error"}"#, now());
        assert_eq!(o.class, Class::Invalid, "{status}");
        assert_eq!((o.outcome, o.accepted), (OutcomeKind::Fatal, false), "{status}");
        assert_eq!(o.error.as_deref(), Some(INVALID_STATUS), "{status}");
        assert_eq!(o.name.as_deref(), Some("Invalid Status"));
        assert_eq!(o.retry, RetryAdvice::None, "{status}: not retried, so no schedule");
        let v = serde_json::to_value(&o).unwrap();
        assert!(v["class"].is_null(), "{v}");
        assert_eq!((v["error"].as_str(), v["outcome"].as_str()), (Some("invalid_status"), Some("fatal")));
        let back: Outcome = serde_json::from_value(v).unwrap();
        assert_eq!(back, o, "a stored record reads back");
        let a = answer(&o).expect("invalid_status is in assets/errors.toml");
        assert!(row(&o).is_none(), "not one of Braze's rows");
        for lang in [Lang::En, Lang::Ko] {
            let e = explain(&o, lang);
            assert!(e.what.contains(a.meaning.get(lang)) && e.what.contains(&status.to_string()), "{e:?}");
            assert_eq!(e.action.as_deref(), Some(a.action.get(lang)));
            assert!(!e.accepted.contains("Nothing was sent"), "{e:?}");
        }
    }
    for (status, class) in [(100, Class::C1xx), (599, Class::C5xx), (200, Class::C2xx)] {
        assert_eq!(Class::of(status), class);
    }
    assert!(VALID_STATUSES.clone().all(|s| Class::of(s) != Class::Invalid));
    assert_eq!(Class::Invalid.name(), None);
    // The brazen-named answers are not Braze's rows: the table keeps its 22.
    assert!(catalog::errors().row(INVALID_STATUS).is_none());
}

#[test]
fn a_reset_too_large_to_be_a_time_is_out_of_range_not_a_maximum() {
    for huge in ["1180591620717411303424", "9223372036854775807", "9223372036854775808", "1e300", "inf", "-1e30"] {
        let o = outcome(429, &h(&[("X-RateLimit-Reset", huge)]), br#"{"message":"Rate Limited"}"#, now());
        assert_eq!(o.rate_limit.reset, None, "{huge}");
        assert!(o.rate_limit.reset_out_of_range, "{huge}");
        assert_eq!(o.retry, RetryAdvice::WaitForReset { after_seconds: None }, "{huge}");
        let text = explanation(&o, Lang::En);
        assert!(text.contains("out of range") && !text.contains("9223372036854775807"), "{text}");
        let v = serde_json::to_value(&o).unwrap();
        assert_eq!(
            v["rate_limit"],
            serde_json::json!({"limit": null, "remaining": null, "reset": null, "reset_out_of_range": true})
        );
    }
    // A far but representable time stays a time; words are unreadable, not out of range.
    let far = rate_limit(&h(&[("x-ratelimit-reset", "253402207199")]));
    assert_eq!((far.reset, far.reset_out_of_range), (Some(253_402_207_199), false));
    let words = rate_limit(&h(&[("x-ratelimit-reset", "soon")]));
    assert_eq!((words.reset, words.reset_out_of_range), (None, false));
    // The counts never clamp to a bogus maximum either.
    let counts = rate_limit(&h(&[("x-ratelimit-limit", "1180591620717411303424"), ("x-ratelimit-remaining", "1e30")]));
    assert_eq!((counts.limit, counts.remaining), (None, None));
    // Written only when true: every other answer keeps its three keys.
    let v = serde_json::to_value(rate_limit(&h(&[("x-ratelimit-reset", "17")]))).unwrap();
    assert_eq!(v, serde_json::json!({"limit": null, "remaining": null, "reset": 17}));
}

#[test]
fn success_shapes_come_from_the_table() {
    let o = json(201, r#"{"message":"success"}"#);
    assert_eq!((o.outcome, o.accepted, o.error.clone()), (OutcomeKind::Success, true, None));
    assert_eq!(o.retry, RetryAdvice::None);
    let s = shape(&o).expect("success shape");
    assert!(explanation(&o, Lang::En).contains(s.meaning.en.as_str()));
    assert!(explanation(&o, Lang::Ko).contains(s.meaning.ko.as_str()));

    let tracked = json(201, r#"{"message":"success","send_id":"abc-123","dispatch_id":"d1"}"#);
    assert_eq!(tracked.send_id.as_deref(), Some("abc-123"));
    assert_eq!(tracked.dispatch_id.as_deref(), Some("d1"));
    assert_ne!(tracked.shape, o.shape, "send_id picks the tracked-send shape");
    assert!(explanation(&tracked, Lang::En).contains("abc-123"));

    let queued = json(202, r#"{"message":"queued"}"#);
    assert_eq!((queued.outcome, queued.accepted), (OutcomeKind::Success, true));
    assert!(queued.shape.is_some());
    assert_ne!(queued.shape, o.shape);

    let scheduled = json(201, r#"{"message":"success","schedule_id":"s-9","dispatch_id":"d-9"}"#);
    assert_eq!(scheduled.schedule_id.as_deref(), Some("s-9"));

    // A read answers with data; counts of processed objects are still a write's answer.
    let list = json(200, r#"{"message":"success","campaigns":[{"id":"c1","name":"Spring"}]}"#);
    assert_eq!(list.shape.as_deref(), Some("data"));
    assert!(explanation(&list, Lang::En).contains("Reading data sends nothing"), "{}", explanation(&list, Lang::En));
    assert!(!explanation(&list, Lang::En).contains("device may be offline"));
    let track = json(201, r#"{"message":"success","attributes_processed":2,"events_processed":1}"#);
    assert_eq!(track.shape, o.shape, "a write's counts are not data");
    let deleted = json(201, r#"{"message":"success","deleted":3}"#);
    assert_eq!(deleted.shape, o.shape);
    let partial = json(200, r#"{"message":"success","users":[],"errors":["bad id"]}"#);
    assert_ne!(partial.shape.as_deref(), Some("data"), "minor errors keep their shape");

    let no_content = outcome(204, &[], b"", now());
    assert_eq!((no_content.outcome, no_content.shape.clone()), (OutcomeKind::Success, None));
}

#[test]
fn minor_errors_may_be_strings_or_objects() {
    let o = json(201, r#"{"message":"success","errors":["provided external_id is blacklisted and disallowed"]}"#);
    assert_eq!(o.outcome, OutcomeKind::SuccessWithMinorErrors);
    assert_eq!(o.minor_errors, vec!["provided external_id is blacklisted and disallowed".to_string()]);
    assert!(o.accepted);
    let minor_shape = o.shape.clone();
    assert!(minor_shape.is_some());
    assert_ne!(minor_shape, json(201, r#"{"message":"success"}"#).shape);

    let o = json(
        201,
        r#"{"message":"success","attributes_processed":1,
            "errors":[{"type":"'external_id' or 'braze_id' or 'user_alias' is required","input_array":"attributes","index":1}, "x", null]}"#,
    );
    assert_eq!(o.outcome, OutcomeKind::SuccessWithMinorErrors);
    assert_eq!(o.minor_errors.len(), 2);
    let item: serde_json::Value = serde_json::from_str(&o.minor_errors[0]).expect("object rendered as JSON");
    assert_eq!(item["index"], 1);
    assert!(!o.minor_errors[0].contains('\n'), "compact");

    let empty = json(201, r#"{"message":"success","errors":[]}"#);
    assert_eq!(empty.outcome, OutcomeKind::Success);

    let fatal = json(400, r#"{"message":"No Recipients","errors":["also this"]}"#);
    assert_eq!((fatal.outcome, fatal.minor_errors.len()), (OutcomeKind::Fatal, 1));
}

#[test]
fn rate_limit_headers_in_any_case() {
    for (l, r, s) in [
        ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"),
        ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
        ("X-RATELIMIT-LIMIT", "X-RATELIMIT-REMAINING", "X-RATELIMIT-RESET"),
    ] {
        let info = rate_limit(&h(&[(l, "250"), (r, " 0 "), (s, "1740830412")]));
        assert_eq!(
            info,
            RateLimitInfo {
                limit: Some(250),
                remaining: Some(0),
                reset: Some(1_740_830_412),
                reset_out_of_range: false
            }
        );
    }
    assert_eq!(
        rate_limit(&h(&[("x-ratelimit-limit", "lots"), ("x-ratelimit-remaining", "-3")])),
        RateLimitInfo::default()
    );
}

#[test]
fn after_seconds_counts_from_the_injected_now() {
    let reset = now().as_second() + 12;
    let headers = h(&[("X-RateLimit-Reset", &reset.to_string())]);
    let o = outcome(429, &headers, br#"{"message":"Rate Limited"}"#, now());
    assert_eq!(o.retry, RetryAdvice::WaitForReset { after_seconds: Some(12) });
    assert_eq!(o.rate_limit.reset, Some(reset));

    let later = now().checked_add(jiff::SignedDuration::from_millis(2_500)).unwrap();
    assert_eq!(outcome(429, &headers, b"", later).retry, RetryAdvice::WaitForReset { after_seconds: Some(10) });
    let past = now().checked_add(jiff::SignedDuration::from_secs(60)).unwrap();
    assert_eq!(outcome(429, &headers, b"", past).retry, RetryAdvice::WaitForReset { after_seconds: Some(0) });

    assert_eq!(outcome(429, &[], b"", now()).retry, RetryAdvice::WaitForReset { after_seconds: None });
    let retry_after = h(&[("Retry-After", "7")]);
    assert_eq!(outcome(429, &retry_after, b"", now()).retry, RetryAdvice::WaitForReset { after_seconds: Some(7) });
}

#[test]
fn server_errors_advise_the_policy_schedule() {
    let o = msg(503, "Service Unavailable");
    assert_eq!(o.error.as_deref(), Some("internal_server_error"));
    let expected: Vec<f64> = RetryPolicy::default().nominal_schedule().iter().map(|d| d.as_secs_f64()).collect();
    assert_eq!(o.retry, RetryAdvice::Backoff { schedule_seconds: expected });
    let policy = RetryPolicy { max_attempts: 3, base: std::time::Duration::from_millis(200), ..RetryPolicy::default() };
    let o = outcome_with(500, &[], b"", now(), &policy);
    assert_eq!(o.retry, RetryAdvice::Backoff { schedule_seconds: vec![0.2, 0.4] });
}

#[test]
fn serialises_to_the_cli_contract() {
    let reset = now().as_second() + 12;
    let o = outcome(429, &h(&[("x-ratelimit-reset", &reset.to_string())]), br#"{"message":"Rate Limited"}"#, now());
    let v = serde_json::to_value(&o).unwrap();
    assert_eq!(v["status"], 429);
    assert_eq!(v["class"], "4XX");
    assert_eq!(v["outcome"], "fatal");
    assert_eq!(v["error"], "rate_limited");
    assert_eq!(v["name"], "Rate Limited");
    assert_eq!(v["message"], "Rate Limited");
    assert_eq!(v["minor_errors"], serde_json::json!([]));
    assert_eq!(v["send_id"], serde_json::Value::Null);
    assert_eq!(v["accepted"], false);
    assert_eq!(v["retry"], serde_json::json!({"advice": "wait_for_reset", "after_seconds": 12}));
    let back: Outcome = serde_json::from_value(v).unwrap();
    assert_eq!(back, o);

    let v = serde_json::to_value(msg(500, "Internal Server Error")).unwrap();
    assert_eq!(v["class"], "5XX");
    assert_eq!(v["retry"], serde_json::json!({"advice": "backoff", "schedule_seconds": [1.0, 2.0, 4.0]}));
    let v = serde_json::to_value(msg(400, "No Recipients")).unwrap();
    assert_eq!(v["retry"], serde_json::json!({"advice": "fix_request"}));
    let v = serde_json::to_value(json(201, r#"{"message":"success","errors":["x"]}"#)).unwrap();
    assert_eq!(
        (v["outcome"].as_str(), v["retry"]["advice"].as_str()),
        (Some("success_with_minor_errors"), Some("none"))
    );
}

#[test]
fn explanations_use_the_row_texts_in_both_languages() {
    for (status, message, _) in DISTINCT {
        let o = msg(*status, message);
        let r = row(&o).unwrap();
        for lang in [Lang::En, Lang::Ko] {
            let e = explain(&o, lang);
            let text = e.to_string();
            assert!(text.contains(r.meaning.get(lang)), "{message} {lang:?}");
            assert!(text.contains(r.action.get(lang)), "{message} {lang:?}");
            assert_eq!(e.action.as_deref(), Some(r.action.get(lang)));
        }
    }
    let en = explain(&msg(400, "No Recipients"), Lang::En);
    let ko = explain(&msg(400, "No Recipients"), Lang::Ko);
    assert!(en.accepted.contains("Nothing was sent"));
    assert_ne!(en.accepted, ko.accepted);
    assert!(ko.accepted.chars().any(|c| ('가'..='힣').contains(&c)), "Korean sentence: {}", ko.accepted);
}

#[test]
fn acceptance_is_not_delivery_and_5xx_warns_of_a_possible_send() {
    let ok = explain(&json(201, r#"{"message":"success"}"#), Lang::En);
    assert!(ok.accepted.contains("not that anything was delivered"));
    let bad = explain(&msg(502, "Bad Gateway"), Lang::En);
    assert!(
        bad.accepted.contains("after Braze already acted on it (a message sent, a user updated)"),
        "{}",
        bad.accepted
    );
    let data = explain(&json(200, r#"{"message":"success","campaigns":[]}"#), Lang::En);
    assert!(!data.accepted.contains("delivered") && data.accepted.contains("the data is in the body"), "{data:?}");
    assert!(bad.retry.as_deref().unwrap().contains("1 s, 2 s, 4 s"), "{:?}", bad.retry);
    let rl = explain(&outcome(429, &h(&[("retry-after", "30")]), b"", now()), Lang::Ko);
    assert!(rl.retry.as_deref().unwrap().contains("30초"));
}

fn arb_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("x-ratelimit-reset".to_string()),
        Just("X-RateLimit-Limit".to_string()),
        Just("x-ratelimit-remaining".to_string()),
        Just("retry-after".to_string()),
        Just("content-type".to_string()),
        ".{0,12}",
    ];
    proptest::collection::vec((name, ".{0,24}"), 0..6)
}

fn arb_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        (".{0,40}", proptest::collection::vec(".{0,10}", 0..3))
            .prop_map(|(m, errs)| serde_json::json!({"message": m, "errors": errs}).to_string().into_bytes()),
        Just(HTML_502.as_bytes().to_vec()),
    ]
}

proptest! {
    #[test]
    fn outcome_never_panics(status in any::<u16>(), headers in arb_headers(), body in arb_body(), secs in -10_000_000_000i64..10_000_000_000) {
        let now = jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let o = outcome(status, &headers, &body, now);
        prop_assert_eq!(o.accepted, (200..300).contains(&status));
        prop_assert_eq!(o.outcome == OutcomeKind::Fatal, !o.accepted);
        prop_assert_eq!(o.class == Class::Invalid, !VALID_STATUSES.contains(&status));
        if let Some(r) = row(&o) {
            prop_assert!(status_fits(r, status));
        }
        let _ = explanation(&o, Lang::En);
        let _ = explanation(&o, Lang::Ko);
    }
}

/// A big answer is kept only up to `max_body_bytes`: cut mid-way it is no longer JSON a parser accepts, but it
/// must be explained as the whole one is ("Answered with data", not "Accepted").
#[test]
fn a_body_cut_mid_way_classifies_as_the_whole_one() {
    let rows: Vec<String> = (0..200).map(|i| format!(r#"{{"id": "c{i}", "name": "Campaign {i}"}}"#)).collect();
    let whole = format!(r#"{{"message": "success", "campaigns": [{}], "page": 0}}"#, rows.join(", "));
    let cut = &whole.as_bytes()[..whole.len() / 2];
    assert!(serde_json::from_slice::<serde_json::Value>(cut).is_err(), "the cut body is not JSON");
    let (a, b) =
        (crate::classify::outcome(200, &[], whole.as_bytes(), now()), crate::classify::outcome(200, &[], cut, now()));
    assert_eq!(a.shape.as_deref(), Some("data"));
    assert_eq!((b.shape, b.message, b.body_kind, b.outcome), (a.shape, a.message, a.body_kind, a.outcome));
    // A dispatch id near the top survives the cut too.
    let send = br#"{"dispatch_id": "d-1", "message": "success", "errors": ["a", "b"#;
    let o = crate::classify::outcome(201, &[], send, now());
    assert_eq!((o.dispatch_id.as_deref(), o.message.as_deref()), (Some("d-1"), Some("success")));
    // Whole but broken text is still text.
    assert_eq!(
        crate::classify::outcome(200, &[], b"{\"message\": oops}", now()).body_kind,
        crate::classify::BodyKind::Text
    );
}
