//! Property tests: `check` never panics, and every diagnostic it returns is located consistently, on arbitrary
//! text, on arbitrary JSON values (biased towards the keys the rules read), and on JSON with one edit.

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

use super::tests::ctx;
use super::{Report, check};
use crate::catalog;

/// Keys the rules look at, so generated bodies reach the rules instead of only the unknown-key hint.
const KEYS: &[&str] = &[
    "external_user_ids",
    "user_aliases",
    "segment_id",
    "audience",
    "broadcast",
    "recipients",
    "campaign_id",
    "message_variation_id",
    "messages",
    "apple_push",
    "android_push",
    "in_app_message",
    "slideup",
    "message",
    "email",
    "extra",
    "aps",
    "alert",
    "title",
    "schedule",
    "time",
    "send_at",
    "in_local_time",
    "at_optimal_time",
    "send_id",
    "attributes",
    "events",
    "purchases",
    "external_ids",
    "subscription_groups",
    "external_user_id",
    "user_alias",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![3 => prop::sample::select(KEYS).prop_map(str::to_string), 1 => "\\PC{0,6}"]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        prop::sample::select(&["2030-01-01T09:00:00", "2001-01-01T00:00:00Z", "", "(optional, string)", "한국어"][..])
            .prop_map(|s| Value::String(s.to_string())),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn endpoints() -> Vec<String> {
    let mut v: Vec<String> =
        catalog::endpoints().endpoints.iter().map(|e| e.path.replace("{campaign_id}", "c")).collect();
    v.push("/not/an/endpoint".into());
    v
}

/// Fails the property with the report's first broken promise (see `invariants`).
fn assert_consistent(text: &str, r: &Report) {
    if let Some(v) = super::invariants::violation(text, r) {
        panic!("{v}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}|[\\[\\]{}\",:0-9a-z \n]{0,200}") {
        for e in ["/messages/send", "/users/track", "/campaigns/list"] {
            assert_consistent(&text, &check(e, &text, &ctx()));
        }
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in json(), pretty in any::<bool>()) {
        let body = Value::Object(match v { Value::Object(m) => m, other => Map::from_iter([("messages".into(), other)]) });
        let text = if pretty { serde_json::to_string_pretty(&body) } else { serde_json::to_string(&body) }.unwrap();
        for e in endpoints() {
            let r = check(&e, &text, &ctx());
            assert_consistent(&text, &r);
            // Serialized JSON always parses: no syntax finding.
            prop_assert!(!r.diagnostics.iter().any(|d| d.message.starts_with("Invalid JSON")), "{:?}", r);
        }
    }

    #[test]
    fn json_with_one_edit_never_panics(v in json(), at in any::<prop::sample::Index>(), c in "[\\[\\]{}\",:a\n한]") {
        let mut text = serde_json::to_string_pretty(&v).unwrap();
        let i = super::syntax::floor_char(&text, at.index(text.len() + 1));
        text.insert_str(i, &c);
        assert_consistent(&text, &check("/messages/send", &text, &ctx()));
        let mut cut = text.clone();
        cut.truncate(super::syntax::floor_char(&text, at.index(text.len() + 1)));
        assert_consistent(&cut, &check("/messages/schedule/create", &cut, &ctx()));
    }
}

#[test]
fn extreme_nesting_is_a_bad_request_not_a_crash() {
    for open in ["[", "{\"a\":"] {
        let text = open.repeat(100_000);
        let r = check("/messages/send", &text, &ctx());
        assert_eq!(r.fatal().next().map(|d| d.error.as_str()), Some("bad_request"));
    }
    // Just under serde_json's limit parses, and the rules walk it without trouble.
    let text = format!("{{\"messages\": {}\"(optional, x)\"{}}}", "[".repeat(120), "]".repeat(120));
    let r = check("/messages/send", &text, &ctx());
    assert_consistent(&text, &r);
    assert!(r.diagnostics.iter().any(|d| d.error == "doc_placeholder"));
}

#[test]
fn thousands_of_findings_are_capped_and_still_located() {
    let items: Vec<String> = (0..5000).map(|_| r#"{"email": "a@b.c"}"#.to_string()).collect();
    let text = format!(r#"{{"campaign_id": "c", "recipients": [{}]}}"#, items.join(","));
    let r = check("/campaigns/trigger/send", &text, &ctx());
    assert_consistent(&text, &r);
    // Each recipient breaks a fatal rule (an email needs `prioritization`): 25 are kept, the rest counted.
    let n = r.diagnostics.iter().filter(|d| d.error == "bad_request").count();
    assert_eq!(n, 25);
    assert!(r.diagnostics.iter().any(|d| d.rule.as_deref() == Some("recipient_email_prioritization")));
    assert!(r.diagnostics.iter().any(|d| d.message.contains("more like this")));
}
