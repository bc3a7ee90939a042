//! The mock Braze server, over real HTTP on 127.0.0.1:0: every row of the error table it can produce, the
//! rate-limit headers and the 429, `/users/track` minor errors, the send-id round trip, each fault, and curl.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use brazen::catalog::errors;
use brazen::clock::ManualClock;
use brazen::mock::{self, Fixtures, MockOptions, MockServer, SANDBOX_KEY};
use serde_json::{Value, json};

const USERS_ONLY: &str = mock::SANDBOX_USERS_ONLY_KEY;
const INACTIVE: &str = mock::SANDBOX_INACTIVE_KEY;

/// 2026-06-01T00:00:10Z: ten seconds into a minute, so a 60-second window ends at a known second.
const T0: i64 = 1_780_272_010;

fn t0() -> jiff::Timestamp {
    jiff::Timestamp::from_second(T0).unwrap()
}

fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().build().unwrap()
}

struct Env {
    server: MockServer,
    http: reqwest::Client,
    clock: ManualClock,
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

impl Answer {
    fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_else(|| panic!("no message in {}", self.body))
    }
    fn header(&self, name: &str) -> i64 {
        self.headers.get(name).unwrap_or_else(|| panic!("no {name}")).to_str().unwrap().parse().unwrap()
    }
    fn errors(&self) -> &Vec<Value> {
        self.body["errors"].as_array().unwrap_or_else(|| panic!("no errors in {}", self.body))
    }
}

async fn env_with(f: impl FnOnce(&mut MockOptions)) -> Env {
    let clock = ManualClock::new(t0());
    let mut opts = MockOptions { clock: Arc::new(clock.clone()), ..MockOptions::default() };
    f(&mut opts);
    let server = mock::start(opts).await.unwrap();
    Env { server, http: client(), clock }
}

async fn env() -> Env {
    env_with(|_| {}).await
}

impl Env {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    async fn call(&self, req: reqwest::RequestBuilder) -> Answer {
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
        Answer { status, headers, body }
    }

    async fn post_text(&self, key: &str, path: &str, body: &str) -> Answer {
        let req = self
            .http
            .post(self.url(path))
            .header("Authorization", format!("Bearer {key}"))
            .header("Content-Type", "application/json")
            .body(body.to_string());
        self.call(req).await
    }

    async fn post(&self, path: &str, body: &Value) -> Answer {
        self.post_text(SANDBOX_KEY, path, &body.to_string()).await
    }

    async fn post_fault(&self, path: &str, body: &Value, fault: &str) -> reqwest::Result<reqwest::Response> {
        self.http
            .post(self.url(path))
            .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
            .header("X-Brazen-Fault", fault)
            .body(body.to_string())
            .send()
            .await
    }

    async fn get(&self, key: &str, path_and_query: &str) -> Answer {
        self.call(self.http.get(self.url(path_and_query)).header("Authorization", format!("Bearer {key}"))).await
    }
}

fn row(id: &str) -> (u16, &'static str) {
    let r = errors().row(id).unwrap_or_else(|| panic!("row {id} missing from assets/errors.toml"));
    (r.status, r.name.as_str())
}

fn assert_row(a: &Answer, id: &str) {
    let (status, name) = row(id);
    assert_eq!((a.status, a.message()), (status, name), "expected row {id}; body {}", a.body);
}

fn valid_send() -> Value {
    json!({
        "external_user_ids": ["user-1"],
        "messages": { "apple_push": { "alert": "Hello" }, "android_push": { "title": "Hi", "alert": "Hello" } }
    })
}

fn success_status() -> u16 {
    errors().shape("success").unwrap().status
}

// ---- rows the validator predicts -------------------------------------------------------------------------

/// (row id, endpoint, body): one request per predictable row.
fn predictable_cases() -> Vec<(&'static str, &'static str, String)> {
    let ids = |n: usize| (0..n).map(|i| format!("user-{i}")).collect::<Vec<_>>();
    let push = |k: &str, v: Value| json!({ "external_user_ids": ["u"], "messages": { k: v } }).to_string();
    vec![
        ("bad_request", "/messages/send", "{\n  \"external_user_ids\": [\"u\"],\n".to_string()),
        ("no_recipients", "/messages/send", json!({ "messages": { "apple_push": { "alert": "Hi" } } }).to_string()),
        (
            "message_variant_unspecified",
            "/messages/send",
            json!({ "campaign_id": "campaign-push", "external_user_ids": ["u"], "messages": { "apple_push": { "alert": "Hi" } } })
                .to_string(),
        ),
        ("invalid_extra_push_payload", "/messages/send", push("apple_push", json!({ "alert": "Hi", "extra": "x" }))),
        (
            "max_input_length_exceeded",
            "/users/track",
            json!({ "attributes": (0..76).map(|i| json!({ "external_id": format!("u{i}"), "n": i })).collect::<Vec<_>>() })
                .to_string(),
        ),
        (
            "max_external_ids_and_aliases_exceeded",
            "/messages/send",
            json!({ "external_user_ids": ids(51), "messages": { "apple_push": { "alert": "Hi" } } }).to_string(),
        ),
        ("max_ids_exceeded", "/users/delete", json!({ "external_ids": ids(51) }).to_string()),
        ("no_message_to_send", "/messages/send", json!({ "external_user_ids": ["u"] }).to_string()),
        (
            "slideup_message_length_exceeded",
            "/messages/send",
            // 141 characters (423 bytes): the limit counts characters.
            push("in_app_message", json!({ "message": "가".repeat(141) })),
        ),
        ("apple_push_length_exceeded", "/messages/send", push("apple_push", json!({ "alert": "a".repeat(2000) }))),
        (
            "android_push_length_exceeded",
            "/messages/send",
            push("android_push", json!({ "title": "t", "alert": "한".repeat(1400) })),
        ),
        (
            "send_at_unparseable",
            "/messages/schedule/create",
            json!({ "external_user_ids": ["u"], "schedule": { "time": "next tuesday" }, "messages": { "apple_push": { "alert": "Hi" } } })
                .to_string(),
        ),
        (
            "local_time_in_past",
            "/messages/schedule/create",
            json!({ "external_user_ids": ["u"], "schedule": { "time": "2026-01-01T09:00:00", "in_local_time": true },
                    "messages": { "apple_push": { "alert": "Hi" } } })
            .to_string(),
        ),
    ]
}

#[tokio::test]
async fn every_predictable_row_comes_back_with_its_status_and_name_as_the_validator_predicts() {
    let e = env().await;
    let ctx = brazen::validate::Context::new(t0(), jiff::tz::TimeZone::UTC);
    for (id, path, body) in predictable_cases() {
        let a = e.post_text(SANDBOX_KEY, path, &body).await;
        assert_row(&a, id);
        assert!(!a.errors().is_empty(), "{id}: errors should say why: {}", a.body);
        // Implemented once: the mock's answer is the validator's first fatal row in table order.
        let report = brazen::validate::check(path, &body, &ctx);
        let rank = |d: &&brazen::validate::Diagnostic| errors().rows.iter().position(|r| r.id == d.error);
        let predicted = report.fatal().min_by_key(rank).map(|d| d.error.as_str());
        assert_eq!(predicted, Some(id), "validator and mock disagree for {path} {body}");
    }
    e.server.shutdown().await;
}

#[tokio::test]
async fn a_wrongly_typed_documented_key_is_a_bad_request() {
    let e = env().await;
    let a = e
        .post(
            "/messages/send",
            &json!({ "external_user_ids": "user-1", "messages": { "apple_push": { "alert": "Hi" } } }),
        )
        .await;
    assert_row(&a, "bad_request");
    let a = e.post_text(SANDBOX_KEY, "/messages/send", "[1, 2]").await;
    assert_row(&a, "bad_request");
    let a = e.post_text(SANDBOX_KEY, "/messages/send", "").await;
    assert_row(&a, "bad_request");
}

#[tokio::test]
async fn a_body_that_is_not_utf8_is_a_bad_request_naming_the_offset() {
    let e = env().await;
    let req = e
        .http
        .post(e.url("/messages/send"))
        .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
        .body(vec![b'{', 0xff, b'}']);
    let a = e.call(req).await;
    assert_row(&a, "bad_request");
    assert!(a.errors()[0].as_str().unwrap().contains("offset 1"), "{}", a.body);
}

// ---- rows only a server knows ----------------------------------------------------------------------------

#[tokio::test]
async fn campaigns_and_variations_come_from_the_fixtures() {
    let e = env().await;
    let with = |campaign: &str, channel: &str, variation: &str| {
        json!({ "campaign_id": campaign, "external_user_ids": ["u"],
                "messages": { channel: { "alert": "Hi", "title": "T", "message_variation_id": variation } } })
    };
    let a = e.post("/messages/send", &with("campaign-nope", "apple_push", "variation-ios")).await;
    assert_row(&a, "invalid_campaign_id");
    let a = e.post("/messages/send", &with("campaign-push", "apple_push", "variation-email")).await;
    assert_row(&a, "invalid_message_variant");
    let a = e.post("/messages/send", &with("campaign-push", "apple_push", "variation-android")).await;
    assert_row(&a, "mismatched_message_type");
    let a = e.post("/messages/send", &with("campaign-push", "android_push", "variation-android")).await;
    assert_eq!(a.status, success_status(), "{}", a.body);
    assert_eq!(a.message(), "success");

    // /campaigns/trigger/send names its campaign too; so does the transactional path.
    let a = e
        .post("/campaigns/trigger/send", &json!({ "campaign_id": "nope", "recipients": [{ "external_user_id": "u" }] }))
        .await;
    assert_row(&a, "invalid_campaign_id");
    let a = e.post("/transactional/v1/campaigns/nope/send", &json!({ "recipient": { "external_user_id": "u" } })).await;
    assert_row(&a, "invalid_campaign_id");
    let a = e
        .post(
            "/transactional/v1/campaigns/campaign-email/send",
            &json!({ "external_send_id": "abc", "recipient": { "external_user_id": "u" } }),
        )
        .await;
    assert_eq!(a.status, success_status(), "{}", a.body);
    assert!(a.body["dispatch_id"].is_string());
}

#[tokio::test]
async fn the_first_finding_in_table_order_answers_and_all_are_listed() {
    let e = env().await;
    // An unknown campaign (a server finding) and an oversized push (a validator finding): the table lists
    // Invalid Campaign ID first.
    let body = json!({ "campaign_id": "campaign-nope", "external_user_ids": ["u"],
                       "messages": { "apple_push": { "alert": "a".repeat(2000), "message_variation_id": "v" } } });
    let a = e.post("/messages/send", &body).await;
    assert_row(&a, "invalid_campaign_id");
    assert!(a.errors().len() >= 2, "every finding is listed: {}", a.body);
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_answer_not_found() {
    let e = env().await;
    assert_row(&e.post("/messages/nope", &valid_send()).await, "not_found");
    assert_row(&e.get(SANDBOX_KEY, "/messages/send").await, "not_found");
    assert_row(&e.post("/campaigns/list", &json!({})).await, "not_found");
    // The singular spelling is a convenience of brazen's client, not a path Braze serves.
    assert_row(&e.post("/send/id/create", &json!({ "campaign_id": "campaign-push" })).await, "not_found");
    // 404 comes before the key check.
    assert_row(&e.post_text("wrong", "/nope", "{}").await, "not_found");
}

#[tokio::test]
async fn keys_decide_unauthorized_forbidden_and_access_denied() {
    let e = env().await;
    let body = valid_send().to_string();
    for key in ["nope", "\"sandbox-all\"", "'sandbox-all'", ""] {
        assert_row(&e.post_text(key, "/messages/send", &body).await, "unauthorized");
    }
    let bare = e.http.post(e.url("/messages/send")).body(body.clone());
    assert_row(&e.call(bare).await, "unauthorized");
    let basic = e.http.post(e.url("/messages/send")).header("Authorization", "Basic sandbox-all").body(body.clone());
    assert_row(&e.call(basic).await, "unauthorized");

    assert_row(&e.post_text(USERS_ONLY, "/messages/send", &body).await, "access_denied");
    let track = json!({ "attributes": [{ "external_id": "u", "x": 1 }] }).to_string();
    assert_eq!(e.post_text(USERS_ONLY, "/users/track", &track).await.status, success_status());
    assert_row(&e.get(USERS_ONLY, "/campaigns/list").await, "access_denied");

    assert_row(&e.post_text(INACTIVE, "/users/track", &track).await, "forbidden");
    assert_row(&e.post_text(INACTIVE, "/messages/send", &body).await, "forbidden");
    assert_row(&e.get(INACTIVE, "/campaigns/list").await, "forbidden");
    // The permission check comes before the body: a broken body still gets 403.
    assert_row(&e.post_text(USERS_ONLY, "/messages/send", "{").await, "access_denied");
}

// ---- success shapes --------------------------------------------------------------------------------------

#[tokio::test]
async fn messaging_answers_carry_dispatch_and_send_ids_and_schedules_a_schedule_id() {
    let e = env().await;
    let a = e.post("/messages/send", &valid_send()).await;
    assert_eq!((a.status, a.message()), (success_status(), "success"));
    let d1 = a.body["dispatch_id"].as_str().unwrap().to_string();
    assert!(a.body.get("send_id").is_none());
    let mut with_send = valid_send();
    with_send["send_id"] = json!("my-send");
    let a = e.post("/messages/send", &with_send).await;
    assert_eq!(a.body["send_id"], "my-send");
    assert_ne!(a.body["dispatch_id"].as_str().unwrap(), d1, "dispatch ids are unique");

    let mut sched = valid_send();
    sched["schedule"] = json!({ "time": "2030-01-01T09:00:00Z" });
    let a = e.post("/messages/schedule/create", &sched).await;
    assert_eq!(a.status, success_status(), "{}", a.body);
    let schedule_id = a.body["schedule_id"].as_str().unwrap().to_string();
    assert!(a.body["dispatch_id"].is_string());

    let listed = e.get(SANDBOX_KEY, "/messages/scheduled_broadcasts?end_time=2031-01-01T00:00:00Z").await;
    assert_eq!(listed.status, 200);
    let ids: Vec<&str> = listed.body["scheduled_broadcasts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["schedule_id"].as_str())
        .collect();
    assert_eq!(ids, [schedule_id.as_str()]);
    let a = e.post("/messages/schedule/delete", &json!({ "schedule_id": schedule_id })).await;
    assert_eq!(a.status, success_status(), "{}", a.body);
    let listed = e.get(SANDBOX_KEY, "/messages/scheduled_broadcasts?end_time=2031-01-01T00:00:00Z").await;
    assert!(listed.body["scheduled_broadcasts"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn ids_are_reproducible_from_the_seed() {
    let run = |seed| async move {
        let e = env_with(|o| o.seed = seed).await;
        let mut out = Vec::new();
        for _ in 0..3 {
            out.push(e.post("/messages/send", &valid_send()).await.body["dispatch_id"].as_str().unwrap().to_string());
        }
        out
    };
    let a = run(7).await;
    assert_eq!(a, run(7).await);
    assert_ne!(a, run(8).await);
}

#[tokio::test]
async fn users_track_counts_good_objects_and_reports_bad_ones_as_minor_errors() {
    let e = env().await;
    let body = json!({
        "attributes": [
            { "external_id": "u1", "first_name": "A" },
            { "first_name": "no identifier" },
            { "email": "b@example.com", "x": 1 },
        ],
        "events": [ { "external_id": "u1", "name": "opened", "time": "2026-01-01T00:00:00Z" }, { "external_id": "u1", "time": "2026-01-01T00:00:00Z" } ],
        "purchases": [ { "external_id": "u1", "product_id": "p", "currency": "USD", "price": 1.5, "time": "2026-01-01T00:00:00Z" } ]
    });
    let a = e.post("/users/track", &body).await;
    assert_eq!((a.status, a.message()), (success_status(), "success"), "{}", a.body);
    assert_eq!(a.body["attributes_processed"], 2);
    assert_eq!(a.body["events_processed"], 1);
    assert_eq!(a.body["purchases_processed"], 1);
    let objects: Vec<(&str, u64)> = a
        .errors()
        .iter()
        .filter(|e| e.is_object())
        .map(|e| (e["input_array"].as_str().unwrap(), e["index"].as_u64().unwrap()))
        .collect();
    assert_eq!(objects, [("attributes", 1), ("events", 1)], "{}", a.body);
    assert!(a.errors()[0]["type"].as_str().unwrap().contains("external_id"));

    // The classifier reads this as a success with minor errors.
    let headers: Vec<(String, String)> = Vec::new();
    let o = brazen::classify::outcome(a.status, &headers, a.body.to_string().as_bytes(), t0());
    assert_eq!(o.outcome, brazen::classify::OutcomeKind::SuccessWithMinorErrors);
    assert_eq!(o.minor_errors.len(), 2);
}

#[tokio::test]
async fn send_id_round_trip_from_create_to_data_series() {
    let e = env().await;
    let a = e.post("/sends/id/create", &json!({ "campaign_id": "campaign-push" })).await;
    assert_eq!((a.status, a.message()), (success_status(), "success"), "{}", a.body);
    let send_id = a.body["send_id"].as_str().unwrap().to_string();
    let named = e.post("/sends/id/create", &json!({ "campaign_id": "campaign-push", "send_id": "spring-2030" })).await;
    assert_eq!(named.body["send_id"], "spring-2030");

    let q = format!("/sends/data_series?campaign_id=campaign-push&send_id={send_id}&length=3&ending_at=2026-05-31");
    let s = e.get(SANDBOX_KEY, &q).await;
    assert_eq!((s.status, s.message()), (200, "success"), "{}", s.body);
    let data = s.body["data"].as_array().unwrap();
    let days: Vec<&str> = data.iter().map(|d| d["time"].as_str().unwrap()).collect();
    assert_eq!(days, ["2026-05-29", "2026-05-30", "2026-05-31"]);
    let ios = &data[0]["messages"]["ios_push"][0];
    assert!(ios["sent"].as_u64().unwrap() >= ios["delivered"].as_u64().unwrap());
    assert!(data[0]["messages"]["android_push"].is_array());
    // Deterministic: the same day has the same figures however long the series.
    let again = e.get(SANDBOX_KEY, &q).await;
    assert_eq!(again.body, s.body);
    let longer = e.get(SANDBOX_KEY, &q.replace("length=3", "length=5")).await;
    assert_eq!(longer.body["data"][4], s.body["data"][2]);

    let unknown = e.get(SANDBOX_KEY, "/sends/data_series?campaign_id=campaign-push&send_id=never-made&length=3").await;
    assert_row(&unknown, "bad_request");
    let wrong_campaign =
        e.get(SANDBOX_KEY, &format!("/sends/data_series?campaign_id=campaign-email&send_id={send_id}&length=3")).await;
    assert_row(&wrong_campaign, "bad_request");
    let no_campaign =
        e.get(SANDBOX_KEY, &format!("/sends/data_series?campaign_id=zzz&send_id={send_id}&length=3")).await;
    assert_row(&no_campaign, "invalid_campaign_id");
    let missing = e.get(SANDBOX_KEY, &format!("/sends/data_series?campaign_id=campaign-push&send_id={send_id}")).await;
    assert_row(&missing, "bad_request");
    assert!(missing.errors()[0].as_str().unwrap().contains("length"));
    let too_long =
        e.get(SANDBOX_KEY, &format!("/sends/data_series?campaign_id=campaign-push&send_id={send_id}&length=101")).await;
    assert_row(&too_long, "bad_request");

    // A send id used by a campaign send is known too.
    let mut send = valid_send();
    send["campaign_id"] = json!("campaign-push");
    send["send_id"] = json!("used-in-send");
    send["messages"]["apple_push"]["message_variation_id"] = json!("variation-ios");
    send["messages"]["android_push"]["message_variation_id"] = json!("variation-android");
    assert_eq!(e.post("/messages/send", &send).await.status, success_status());
    let used = e.get(SANDBOX_KEY, "/sends/data_series?campaign_id=campaign-push&send_id=used-in-send&length=1").await;
    assert_eq!(used.status, 200, "{}", used.body);
    // /sends/id/create needs a known campaign.
    assert_row(&e.post("/sends/id/create", &json!({ "campaign_id": "zzz" })).await, "invalid_campaign_id");
}

#[tokio::test]
async fn get_endpoints_answer_plausible_bodies_from_the_fixtures() {
    let e = env().await;
    let list = e.get(SANDBOX_KEY, "/campaigns/list").await;
    assert_eq!(list.status, 200);
    let ids: Vec<&str> = list.body["campaigns"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let mut expected: Vec<&str> = e.server.fixtures().campaigns.iter().map(|c| c.id.as_str()).collect();
    expected.sort();
    let mut got = ids.clone();
    got.sort();
    assert_eq!(got, expected);

    let d = e.get(SANDBOX_KEY, "/campaigns/details?campaign_id=campaign-push").await;
    assert_eq!(d.body["messages"]["variation-ios"]["channel"], "ios_push");
    assert_row(&e.get(SANDBOX_KEY, "/campaigns/details?campaign_id=zzz").await, "invalid_campaign_id");
    assert_row(&e.get(SANDBOX_KEY, "/campaigns/details").await, "bad_request");

    let s = e.get(SANDBOX_KEY, "/campaigns/data_series?campaign_id=campaign-email&length=2").await;
    assert_eq!(s.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(s.body["data"][1]["time"], "2026-06-01", "ends today by the injected clock");
    assert_eq!(s.body["data"][0]["messages"]["email"][0]["variation_api_id"], "variation-email");

    let b = e.get(SANDBOX_KEY, "/email/hard_bounces?start_date=2026-01-01&end_date=2026-12-31").await;
    assert_eq!(b.body["emails"].as_array().unwrap().len(), e.server.fixtures().hard_bounces.len());
    let one = e.get(SANDBOX_KEY, "/email/hard_bounces?end_date=2026-12-31&email=bounced@example.com").await;
    assert_eq!(one.body["emails"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn other_post_endpoints_answer_their_documented_fields() {
    let e = env().await;
    let a = e.post("/users/delete", &json!({ "external_ids": ["a", "b"] })).await;
    assert_eq!((a.status, a.body["deleted"].as_u64()), (success_status(), Some(2)), "{}", a.body);
    let a = e
        .post(
            "/users/alias/new",
            &json!({ "user_aliases": [{ "external_id": "a", "alias_name": "n", "alias_label": "l" }] }),
        )
        .await;
    assert_eq!(a.body["aliases_processed"], 1, "{}", a.body);
    let a = e.post("/users/export/ids", &json!({ "external_ids": ["a", "b"] })).await;
    let users = a.body["users"].as_array().unwrap();
    assert_eq!(users.iter().map(|u| u["external_id"].as_str().unwrap()).collect::<Vec<_>>(), ["a", "b"]);
    // Braze's documented answer to email and phone together (not a row of the table).
    let a = e
        .post(
            "/subscription/status/set",
            &json!({ "subscription_group_id": "g", "subscription_state": "subscribed", "email": "a@b.c", "phone": "+15555550100" }),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.message(), "Either an email address or a phone number should be provided, but not both.");
}

// ---- headers and rate limits -----------------------------------------------------------------------------

#[tokio::test]
async fn every_response_carries_lowercase_rate_limit_headers() {
    let e = env().await;
    let answers = [
        e.post("/messages/send", &valid_send()).await,
        e.post("/messages/send", &json!({})).await,
        e.post_text("nope", "/messages/send", "{}").await,
        e.post_text(USERS_ONLY, "/messages/send", "{}").await,
        e.post("/nope", &json!({})).await,
        e.get(SANDBOX_KEY, "/campaigns/list").await,
    ];
    for a in &answers {
        for name in ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"] {
            assert!(a.headers.contains_key(name), "{name} missing on {}: {}", a.status, a.body);
        }
        assert!(a.header("x-ratelimit-reset") > T0, "reset is the end of the window");
        assert!(a.header("x-ratelimit-remaining") <= a.header("x-ratelimit-limit"));
    }
    // /messages/send: the documented 250,000/hour; two requests counted, window ends on the hour.
    let limit = brazen::catalog::endpoints().resolve("/messages/send").unwrap().endpoint.limit.rate();
    assert_eq!(answers[1].header("x-ratelimit-limit"), limit.requests as i64);
    assert_eq!(answers[1].header("x-ratelimit-remaining"), limit.requests as i64 - 2);
    let per = limit.per_seconds as i64;
    assert_eq!(answers[1].header("x-ratelimit-reset"), (T0 / per + 1) * per);
}

#[tokio::test]
async fn over_the_limit_answers_rate_limited_until_the_window_resets() {
    let e = env_with(|o| o.rate_limit_per_minute = Some(3)).await;
    let window_end = (T0 / 60 + 1) * 60;
    for left in [2, 1, 0] {
        let a = e.post("/messages/send", &valid_send()).await;
        assert_eq!(a.status, success_status());
        assert_eq!((a.header("x-ratelimit-limit"), a.header("x-ratelimit-remaining")), (3, left));
        assert_eq!(a.header("x-ratelimit-reset"), window_end);
    }
    let a = e.post("/messages/send", &valid_send()).await;
    assert_row(&a, "rate_limited");
    assert_eq!((a.header("x-ratelimit-remaining"), a.header("x-ratelimit-reset")), (0, window_end));
    // The classifier turns the reset into a wait relative to now.
    let headers: Vec<(String, String)> =
        a.headers.iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string())).collect();
    let o = brazen::classify::outcome(a.status, &headers, a.body.to_string().as_bytes(), t0());
    assert_eq!(o.error.as_deref(), Some("rate_limited"));
    assert_eq!(o.rate_limit.reset, Some(window_end));

    // Per key and per endpoint.
    assert_eq!(
        e.post_text(USERS_ONLY, "/users/track", r#"{"attributes":[{"external_id":"u","a":1}]}"#).await.status,
        success_status()
    );
    assert_eq!(
        e.post("/users/track", &json!({ "attributes": [{ "external_id": "u", "a": 1 }] })).await.status,
        success_status()
    );
    // A refused request does not count; the next window starts afresh.
    assert_row(&e.post("/messages/send", &valid_send()).await, "rate_limited");
    e.clock.set(jiff::Timestamp::from_second(window_end).unwrap());
    let a = e.post("/messages/send", &valid_send()).await;
    assert_eq!(a.status, success_status());
    assert_eq!((a.header("x-ratelimit-remaining"), a.header("x-ratelimit-reset")), (2, window_end + 60));
}

#[tokio::test]
async fn the_documented_limit_of_an_endpoint_applies_by_default() {
    let e = env().await;
    let ep = brazen::catalog::endpoints().resolve("/sends/id/create").unwrap().endpoint;
    let n = ep.limit.requests;
    assert!(n <= 1000, "this test sends the whole documented limit; {n} is too many");
    for _ in 0..n {
        assert_eq!(
            e.post("/sends/id/create", &json!({ "campaign_id": "campaign-push" })).await.status,
            success_status()
        );
    }
    assert_row(&e.post("/sends/id/create", &json!({ "campaign_id": "campaign-push" })).await, "rate_limited");
}

// ---- faults ----------------------------------------------------------------------------------------------

#[tokio::test]
async fn status_faults_answer_json_with_the_status_name() {
    let e = env().await;
    for code in [500u16, 502, 503, 504] {
        let r = e.post_fault("/messages/send", &valid_send(), &code.to_string()).await.unwrap();
        assert_eq!(r.status().as_u16(), code);
        assert!(r.headers().contains_key("x-ratelimit-remaining"));
        let body: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        let expected = if code == 500 {
            row("internal_server_error").1.to_string()
        } else {
            reqwest::StatusCode::from_u16(code).unwrap().canonical_reason().unwrap().to_string()
        };
        assert_eq!(body["message"], expected);
        let o = brazen::classify::outcome(code, &Vec::<(String, String)>::new(), body.to_string().as_bytes(), t0());
        assert_eq!(o.error.as_deref(), Some("internal_server_error"), "any 5XX is the 5XX row");
    }
    let r = e.post_fault("/messages/send", &valid_send(), "429").await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["x-ratelimit-remaining"], "0");
    // The endpoint's own limit, but a reset within seconds, not at the end of the hour-long window: a retry waits it
    // out instead of refusing.
    let header = |name: &str| r.headers()[name].to_str().unwrap().parse::<i64>().unwrap();
    let limit = brazen::catalog::endpoints().resolve("/messages/send").unwrap().endpoint.limit.rate();
    assert_eq!(header("x-ratelimit-limit"), limit.requests as i64);
    let reset = header("x-ratelimit-reset");
    assert!(reset > T0 && reset - T0 < 60, "reset {reset} is {} s ahead of the mock's clock", reset - T0);
    let headers: Vec<(String, String)> =
        r.headers().iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string())).collect();
    let o = brazen::classify::outcome(429, &headers, b"{}", t0());
    let d =
        brazen::retry::decide(&Default::default(), 1, brazen::retry::Last::Response(&o), false, t0(), &mut rand::rng());
    assert!(d.is_retry(), "a played 429 is waited out: {}", d.why());
    // Not counted: the window is untouched.
    let a = e.post("/messages/send", &valid_send()).await;
    assert_eq!(a.header("x-ratelimit-remaining"), a.header("x-ratelimit-limit") - 1);
}

#[tokio::test]
async fn html_502_answers_a_proxy_page() {
    let e = env().await;
    let r = e.post_fault("/messages/send", &valid_send(), "html-502").await.unwrap();
    assert_eq!(r.status().as_u16(), 502);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let text = r.text().await.unwrap();
    assert!(text.contains("<html>") && text.contains("502 Bad Gateway"), "{text}");
    let o = brazen::classify::outcome(502, &Vec::<(String, String)>::new(), text.as_bytes(), t0());
    assert_eq!(o.class, brazen::classify::Class::C5xx);
}

#[tokio::test]
async fn reset_drops_the_connection_mid_response() {
    let e = env().await;
    let outcome = match e.post_fault("/messages/send", &valid_send(), "reset").await {
        Err(err) => Err(err),
        Ok(r) => r.text().await,
    };
    let err = outcome.expect_err("the client must see the connection drop");
    assert!(!err.is_timeout(), "{err:?}");
    // The server is still healthy afterwards.
    assert_eq!(e.post("/messages/send", &valid_send()).await.status, success_status());
}

#[tokio::test]
async fn timeout_never_answers_and_shutdown_still_completes() {
    let e = env().await;
    let short = reqwest::Client::builder().timeout(Duration::from_millis(300)).build().unwrap();
    let err = short
        .post(e.url("/messages/send"))
        .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
        .header("X-Brazen-Fault", "timeout")
        .body(valid_send().to_string())
        .send()
        .await
        .expect_err("no answer within the client's timeout");
    assert!(err.is_timeout(), "{err:?}");

    // A request still waiting when the server stops gets its connection dropped, and shutdown does not hang.
    let url = e.url("/messages/send");
    let waiting = tokio::spawn(async move {
        client()
            .post(url)
            .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
            .header("X-Brazen-Fault", "timeout")
            .body("{}")
            .send()
            .await
    });
    // Whether the request reaches the server before it stops or not, it must not get an answer.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let addr = e.server.addr();
    tokio::time::timeout(Duration::from_secs(30), e.server.shutdown()).await.expect("shutdown completes");
    let r =
        tokio::time::timeout(Duration::from_secs(30), waiting).await.expect("the waiting client is released").unwrap();
    assert!(r.is_err(), "the waiting request must not get an answer: {r:?}");
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "nothing listens after shutdown");
}

#[tokio::test]
async fn slow_answers_normally_after_the_delay() {
    let e = env().await;
    let started = std::time::Instant::now();
    let r = e.post_fault("/messages/send", &valid_send(), "slow-300").await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status().as_u16(), success_status());
    let body: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(body["message"], "success");
}

#[tokio::test]
async fn a_bad_fault_header_is_refused_and_faults_need_a_valid_key() {
    let e = env().await;
    let r = e.post_fault("/messages/send", &valid_send(), "teapot").await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.unwrap().contains("X-Brazen-Fault"));
    let r = e
        .http
        .post(e.url("/messages/send"))
        .header("Authorization", "Bearer nope")
        .header("X-Brazen-Fault", "503")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), row("unauthorized").0);
}

#[tokio::test]
async fn fixture_rules_answer_the_next_n_requests_of_a_path() {
    let fixtures = Fixtures::parse(&format!(
        "{}\n[[fault]]\npath = \"/messages/send\"\nnext = 2\nanswer = 503\n",
        include_str!("../assets/mock/fixtures.toml")
    ))
    .unwrap();
    let e = env_with(|o| o.fixtures = fixtures).await;
    let track = json!({ "attributes": [{ "external_id": "u", "a": 1 }] });
    assert_eq!(e.post("/users/track", &track).await.status, success_status(), "other paths are untouched");
    assert_eq!(e.post("/messages/send", &valid_send()).await.status, 503);
    assert_eq!(e.post("/messages/send", &valid_send()).await.status, 503);
    assert_eq!(e.post("/messages/send", &valid_send()).await.status, success_status());
}

#[tokio::test]
async fn percentage_rules_are_reproducible_from_the_seed() {
    let text = format!("{}\n[[fault]]\npercent = 30\nanswer = 500\n", include_str!("../assets/mock/fixtures.toml"));
    let pattern = |seed: u64| {
        let fixtures = Fixtures::parse(&text).unwrap();
        async move {
            let e = env_with(|o| {
                o.fixtures = fixtures;
                o.seed = seed;
            })
            .await;
            let mut out = Vec::new();
            for _ in 0..60 {
                out.push(
                    e.post("/users/track", &json!({ "attributes": [{ "external_id": "u", "a": 1 }] })).await.status,
                );
            }
            out
        }
    };
    let a = pattern(11).await;
    assert_eq!(a, pattern(11).await);
    assert_ne!(a, pattern(12).await);
    let failures = a.iter().filter(|s| **s == 500).count();
    assert!((5..=35).contains(&failures), "about 30 % of 60 should fail, got {failures}");
    assert!(a.iter().all(|s| *s == 500 || *s == success_status()));
}

#[tokio::test]
async fn custom_fixtures_replace_keys_and_campaigns() {
    let fixtures = Fixtures::parse(
        r#"
[[key]]
key = "team-key"
name = "team"
permissions = ["messages.send"]

[[campaign]]
id = "c1"
name = "Only campaign"
[[campaign.variation]]
id = "v1"
name = "SMS"
channel = "sms"
"#,
    )
    .unwrap();
    let e = env_with(|o| o.fixtures = fixtures).await;
    assert_row(&e.post("/messages/send", &valid_send()).await, "unauthorized");
    let a = e.post_text("team-key", "/messages/send", &valid_send().to_string()).await;
    assert_eq!(a.status, success_status());
    assert_row(&e.post_text("team-key", "/users/track", "{}").await, "access_denied");
    let body = json!({ "campaign_id": "c1", "external_user_ids": ["u"],
                       "messages": { "email": { "app_id": "a", "from": "A <a@b.c>", "body": "x", "message_variation_id": "v1" } } });
    assert_row(&e.post_text("team-key", "/messages/send", &body.to_string()).await, "mismatched_message_type");
}

// ---- coverage of the table and curl ----------------------------------------------------------------------

#[test]
fn every_row_of_the_error_table_is_exercised_by_this_file() {
    let mut covered: Vec<&str> = predictable_cases().into_iter().map(|(id, _, _)| id).collect();
    covered.extend([
        "internal_server_error", // status_faults_answer_json_with_the_status_name
        "invalid_campaign_id",
        "invalid_message_variant",
        "mismatched_message_type",
        "unauthorized",
        "forbidden",
        "access_denied",
        "not_found",
        "rate_limited",
    ]);
    // The seed's rows; each endpoint's own documented errors are produced in tests/whole_api.rs.
    for r in errors().rows.iter().filter(|r| r.endpoints.is_empty()) {
        assert!(covered.contains(&r.id.as_str()), "row {} has no test in tests/mock_server.rs", r.id);
    }
}

#[tokio::test]
async fn curl_works_exactly_as_against_braze() {
    if !common::tool_available("curl_works_exactly_as_against_braze", "curl", "--version") {
        return;
    }
    let e = env().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("body.json"), valid_send().to_string()).unwrap();
    let url = format!("{}/messages/send", e.server.url());
    let out = tokio::process::Command::new("curl")
        .current_dir(dir.path())
        .args(["-sS", "-i", "-H", "Authorization: Bearer sandbox-all", "-H", "Content-Type: application/json"])
        .args(["-d", "@body.json", &url])
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with(&format!("HTTP/1.1 {}", success_status())), "{head}");
    assert!(head.contains("\r\nx-ratelimit-remaining: "), "lowercase header names: {head}");
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["message"], "success");
    assert!(body["dispatch_id"].is_string());
}

// ---- the command ------------------------------------------------------------------------------------------

#[tokio::test]
async fn brazen_mock_prints_its_url_and_keys_serves_and_stops_cleanly_on_sigterm() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(["mock", "--addr", "127.0.0.1:0", "--seed", "3"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    while let Some(line) = lines.next_line().await.unwrap() {
        let done = line.starts_with("Ctrl-C");
        printed.push(line);
        if done {
            break;
        }
    }
    let url = printed
        .iter()
        .find_map(|l| l.split("listening on ").nth(1))
        .unwrap_or_else(|| panic!("no URL in {printed:?}"))
        .trim()
        .to_string();
    for key in [SANDBOX_KEY, USERS_ONLY, INACTIVE] {
        assert!(printed.iter().any(|l| l.contains(key)), "key {key} not printed: {printed:?}");
    }
    let r = client()
        .post(format!("{url}/messages/send"))
        .header("Authorization", format!("Bearer {SANDBOX_KEY}"))
        .body(valid_send().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), success_status());

    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let out = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output()).await.expect("exits").unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    let log = String::from_utf8(out.stderr).unwrap();
    let line = log.lines().find(|l| l.contains("POST /messages/send")).unwrap_or_else(|| panic!("no log line: {log}"));
    assert!(line.contains(&success_status().to_string()) && line.contains("key=all"), "{line}");
    assert!(!log.contains(SANDBOX_KEY), "the key itself never reaches the log: {log}");
}

#[test]
fn brazen_mock_refuses_unreadable_fixtures_naming_the_file() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(["mock", "--addr", "127.0.0.1:0", "--fixtures", "/nonexistent/fixtures.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/fixtures.toml"));
}

/// The validator predicts the mock's answer to a GET's query: the mock refuses with the validator's rules, and
/// each endpoint's own export code must answer whatever those rules let through.
#[tokio::test]
async fn the_validator_and_the_mock_agree_on_get_queries() {
    let e = env().await;
    let ctx = brazen::validate::Context::new("2030-06-01T12:00:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC);
    for query in [
        "/campaigns/list",
        "/campaigns/list?page=2&include_archived=true&sort_direction=desc",
        "/campaigns/list?page=x",
        "/campaigns/list?include_archived=maybe",
        "/campaigns/list?sort_direction=up",
        "/campaigns/data_series?campaign_id=campaign-push&length=14",
        "/campaigns/data_series?campaign_id=campaign-push&length=abc",
        "/campaigns/data_series?campaign_id=campaign-push&length=101",
        "/campaigns/data_series?campaign_id=campaign-push&length=3&ending_at=2030-01-31T00:00:00Z",
        "/campaigns/data_series?campaign_id=campaign-push&length=3&ending_at=soon",
        "/campaigns/data_series?length=3",
        "/campaigns/details?campaign_id=campaign-push",
        "/campaigns/details?campaign_id=campaign-push&post_launch_draft_version=yes",
        "/email/hard_bounces?end_date=2024-01-31",
        "/email/hard_bounces?end_date=2024-01-31&start_date=2024-01-01",
        "/email/hard_bounces?end_date=2024-01-31&email=a@example.com&limit=600",
        "/email/hard_bounces?end_date=2024-01-31&start_date=2024-02-30",
        "/messages/scheduled_broadcasts?end_time=2030-01-31T00:00:00Z",
        "/messages/scheduled_broadcasts?end_time=tomorrow",
    ] {
        let predicted = brazen::validate::check(query, "", &ctx);
        let answer = e.get(SANDBOX_KEY, query).await;
        assert_eq!(
            predicted.ok,
            answer.status == 200,
            "{query}: predicted {:?}, the mock answered {} {}",
            predicted.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>(),
            answer.status,
            answer.body
        );
    }
}

/// A newcomer's first send of any GET template works against the sandbox: its example values are fixtures.
/// (Every method's templates: `tests/whole_api.rs`.)
#[tokio::test]
async fn every_get_template_is_answered_with_data() {
    let e = env().await;
    for ep in brazen::catalog::endpoints().endpoints.iter().filter(|ep| ep.method == "GET") {
        let body: Value = serde_json::from_str(ep.template_body()).unwrap();
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in body.as_object().unwrap() {
            q.append_pair(k, v.as_str().unwrap());
        }
        let query = q.finish();
        let at = ep.template_path();
        let path = if query.is_empty() { at.to_string() } else { format!("{at}?{query}") };
        let scim = ep.credential == brazen::catalog::Credential::Scim;
        let token = if scim { mock::SANDBOX_SCIM_TOKEN } else { SANDBOX_KEY };
        let mut req = e.http.get(e.url(&path)).header("Authorization", format!("Bearer {token}"));
        for (name, value) in &ep.template_request().headers {
            req = req.header(name, value);
        }
        let answer = e.call(req).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    }
}
