//! The Korean sentences: the same findings as in English, at the same places, each sentence actually in Korean.

use std::collections::BTreeSet;

use super::tests::ctx;
use super::{Context, Report, check};
use crate::i18n::Lang;

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Checks `text` in both languages and compares; returns the English report.
fn both(endpoint: &str, text: &str, ctx: &Context) -> (Report, Report) {
    let en = check(endpoint, text, ctx);
    let ko = check(endpoint, text, &ctx.clone().with_lang(Lang::Ko));
    assert!(!en.diagnostics.is_empty(), "{endpoint} {text:?} should have findings");
    let shape = |r: &Report| -> Vec<_> {
        r.diagnostics
            .iter()
            .map(|d| (d.severity, d.error.clone(), d.pointer.clone(), d.line, d.column, d.offset, d.status))
            .collect()
    };
    assert_eq!(shape(&en), shape(&ko), "{endpoint} {text:?}");
    assert_eq!((en.ok, &en.endpoint), (ko.ok, &ko.endpoint));
    for (e, k) in en.diagnostics.iter().zip(&ko.diagnostics) {
        assert!(hangul(&k.message), "{}: not Korean: {}", k.error, k.message);
        assert!(!hangul(&e.message) || text.chars().any(|c| hangul(&c.to_string())), "English: {}", e.message);
        assert_ne!(e.message, k.message);
    }
    (en, ko)
}

fn seoul(now: &str) -> Context {
    Context::new(now.parse().unwrap(), jiff::tz::TimeZone::get("Asia/Seoul").unwrap())
}

fn list(n: usize, item: &str) -> String {
    format!("[{}]", vec![item; n].join(","))
}

#[test]
fn every_rule_family_speaks_korean_at_the_same_places() {
    let send = "/messages/send";
    let hook = r#""messages": {"webhook": {"url": "https://x.example", "request_method": "POST", "request_headers": {"Content-Type": "text/plain"}}}"#;
    let users = r#""external_user_ids": ["u"]"#;
    let msg = |m: &str| format!(r#"{{{users}, "messages": {m}}}"#);
    let cases: Vec<(&str, String)> = vec![
        // Syntax: one body per explained parse error.
        (send, String::new()),
        (send, "\u{feff}{}".into()),
        (send, r#"{"a": 1,}"#.into()),
        (send, "POST https://rest.braze.com/messages/send\n{}".into()),
        (send, "Authorization: Bearer xyz\n{}".into()),
        (send, "{\n  // a comment\n}".into()),
        (send, r#"{"a": [1, ...]}"#.into()),
        (send, r#"{"a": (required, array of strings)}"#.into()),
        (send, r#"{"a": (optional, boolean)}"#.into()),
        (send, r#"{"a": <value>}"#.into()),
        (send, "{'a': 1}".into()),
        (send, r#"{{"a": 1}}"#.into()),
        (send, r#"{"a": tru}"#.into()),
        (send, r#"{"a": True}"#.into()),
        (send, r#"{"a": None}"#.into()),
        (send, "{a: 1}".into()),
        (send, r#"{"a": YOUR_VALUE}"#.into()),
        (send, r#"{"a": hello}"#.into()),
        (send, r#"{"a": 1 "b": 2}"#.into()),
        (send, r#"{"a": "x"#.into()),
        (send, r#"{"a": ["#.into()),
        (send, "{} }".into()),
        (send, "[".repeat(200)),
        (send, r#"{"a" 1}"#.into()),
        (send, "{\"a\": \"x\ty\"}".into()),
        (send, r#"{"a": -}"#.into()),
        (send, r#"{"a": "\uD8"}"#.into()),
        (send, r#"{"a": 1e999}"#.into()),
        // Body shape, endpoints.
        (send, "[]".into()),
        (send, r#""x""#.into()),
        ("/messages/sned", "{}".into()),
        ("/zzz/qqq", "{}".into()),
        ("/send/id/create", r#"{"campaign_id": "c"}"#.into()),
        ("/campaigns/list", r#"{"a": 1}"#.into()),
        // Types, keys, placeholders.
        (
            send,
            r#"{"external_user_ids": "u1", "broadcast": "false", "user_aliases": {"alias_name": "a"},
               "segment_id": "s", "messages": {"apple_push": "(optional, Apple Push Object)"}}"#
                .into(),
        ),
        (send, format!(r#"{{"external_user_ids": ["u", 2, "(required, string)"], "recipient_subscription_state": "x", {hook}}}"#)),
        (send, format!(r#"{{"external_user_id": ["u"], "zzzz": 1, {users}, "messages": {{"ios_push": {{}}, "qqqq": {{}}, "webhook": 5}}}}"#)),
        ("/campaigns/trigger/schedule/delete", r#"{"campaign_id": "c"}"#.into()),
        ("/campaigns/trigger/send", r#"{"campaign_id": "(required, string)", "broadcast": true, "trigger_properties": {"a": "<your value>"}}"#.into()),
        ("/campaigns/trigger/send", r#"{"campaign_id": "c", "recipients": [{"external_user_id": "u", "user_alias": {"alias_name": "a", "alias_label": "b"}}, 5]}"#.into()),
        (send, format!(r#"{{"external_user_ids": ["u"], "external_user_ids": ["v"], {hook}}}"#)),
        // Recipients.
        (send, format!(r#"{{"external_user_ids": [], {hook}}}"#)),
        (send, format!("{{{hook}}}")),
        (send, format!(r#"{{"broadcast": true, {users}, {hook}}}"#)),
        (send, format!(r#"{{"segment_id": "s", {hook}}}"#)),
        ("/campaigns/trigger/send", r#"{"campaign_id": "c"}"#.into()),
        ("/campaigns/trigger/send", r#"{"campaign_id": "c", "broadcast": true, "recipients": [{"external_user_id": "u"}]}"#.into()),
        (
            "/campaigns/trigger/send",
            r#"{"campaign_id": "c", "recipients": [{"external_user_id": "u", "user_alias": {"alias_name": "a", "alias_label": "b"}},
               {"email": "a@b.c"}, {"external_user_id": "v", "send_to_existing_only": false}, {}]}"#
                .into(),
        ),
        // Over the per-error cap: the "and N more" note.
        ("/campaigns/trigger/send", format!(r#"{{"campaign_id": "c", "recipients": {}}}"#, list(30, "{}"))),
        // Messages.
        (send, r#"{"broadcast": true}"#.into()),
        (send, msg("{}")),
        (send, format!(r#"{{{users}, "campaign_id": "c", "messages": {{"android_push": {{"alert": "a", "title": "t"}}}}}}"#)),
        (send, msg(r#"{"apple_push": {"alert": "a", "extra": "x"}}"#)),
        (send, msg(r#"{"apple_push": {"alert": "a", "extra": {"aps": {}, "ab": 1}}}"#)),
        (send, msg(&format!(r#"{{"apple_push": {{"alert": "{}"}}}}"#, "한".repeat(700)))),
        (send, msg(&format!(r#"{{"apple_push": {{"alert": "{}"}}}}"#, "a".repeat(2000)))),
        (send, msg(&format!(r#"{{"android_push": {{"alert": "{}", "title": "t"}}}}"#, "가".repeat(1400)))),
        (send, msg(&format!(r#"{{"in_app_message": {{"message": "{}"}}}}"#, "한".repeat(141)))),
        (send, msg(r#"{"apple_push": {"badge": 1}, "android_push": {}}"#)),
        (send, msg(r#"{"email": {"body": "<p>x</p>"}}"#)),
        (send, msg(r#"{"email": {"app_id": "a", "from": "A <a@b.c>"}}"#)),
        // Limits.
        ("/users/track", format!(r#"{{"purchases": {}}}"#, list(76, r#"{"external_id": "u"}"#))),
        (send, format!(r#"{{"external_user_ids": {}, {hook}}}"#, list(51, r#""u""#))),
        ("/users/delete", format!(r#"{{"braze_ids": {}}}"#, list(51, r#""b""#))),
        // send_id.
        ("/sends/id/create", format!(r#"{{"campaign_id": "c", "send_id": "{}"}}"#, "é".repeat(65))),
    ];
    let mut seen = BTreeSet::new();
    for (endpoint, text) in &cases {
        let (en, _) = both(endpoint, text, &ctx());
        seen.extend(en.diagnostics.into_iter().map(|d| d.error));
    }
    // Schedules, with the company zone in Seoul.
    let sched = |s: &str| format!(r#"{{{users}, "schedule": {s}, "messages": {{"apple_push": {{"alert": "a"}}}}}}"#);
    let create = "/messages/schedule/create";
    for (now, body) in [
        ("2030-06-01T00:30:00Z", sched(r#"{"time": "2030-06-01T09:00:00", "in_local_time": true}"#)),
        ("2030-06-01T00:30:00Z", sched(r#"{"time": "2030-06-01T00:00:00Z", "in_local_time": true}"#)),
        // Passed in every time zone: refused.
        ("2030-06-03T00:00:00Z", sched(r#"{"time": "2030-06-01T09:00:00", "in_local_time": true}"#)),
        ("2030-01-01T00:00:00Z", sched(r#"{"time": "2030-06-01T09:00:00+09:00", "at_optimal_time": true}"#)),
        ("2030-01-01T00:00:00Z", sched(r#"{"time": "next tuesday"}"#)),
        ("2030-01-01T00:00:00Z", sched(r#"{"time": ""}"#)),
        ("2030-01-01T00:00:00Z", sched(r#"{"time": 5}"#)),
        ("2030-01-01T00:00:00Z", sched(r#"{"in_local_time": true}"#)),
        (
            "2030-01-01T00:00:00Z",
            format!(
                r#"{{{users}, "send_at": "soon", "schedule": {{"time": "2030-02-01T00:00:00Z"}}, "messages": {{"apple_push": {{"alert": "a"}}}}}}"#
            ),
        ),
    ] {
        let (en, _) = both(create, &body, &seoul(now));
        seen.extend(en.diagnostics.into_iter().map(|d| d.error));
    }
    // The table marks which rows a client can predict; the validator must produce every one of them.
    // The seed's rows; the endpoint-specific ones are the rules of issue 11.
    for row in crate::catalog::errors().rows.iter().filter(|r| r.predictable && r.endpoints.is_empty()) {
        assert!(seen.contains(row.id.as_str()), "no case reports {}", row.id);
    }
    // The documented rules of assets/rules/ are checked in Korean one by one (tests/rules.rs).
    for id in ["doc_placeholder", "unknown_key", "duplicate_key"] {
        assert!(seen.contains(id), "no case reports {id}");
    }
}

#[test]
fn korean_sentences_keep_keys_values_and_numbers() {
    let ko = ctx().with_lang(Lang::Ko);
    let r = check("/messages/send", r#"{"external_user_ids": "u1", "broadcast": true}"#, &ko);
    let d = r.fatal().find(|d| d.pointer == "/external_user_ids").unwrap();
    assert_eq!(d.message, "`external_user_ids` 값은 문자열 배열이어야 하는데 문자열 하나입니다. [ ]로 감싸세요.");
    let text =
        format!(r#"{{"external_user_ids": ["u"], "messages": {{"apple_push": {{"alert": "{}"}}}}}}"#, "한".repeat(700));
    let r = check("/messages/send", &text, &ko);
    let m = &r.fatal().next().unwrap().message;
    assert!(m.contains("`apple_push`") && m.contains("2112") && m.contains("1912") && m.contains("UTF-8"), "{m}");
    let r = check("/messages/sned", "{}", &ko);
    assert!(r.diagnostics[0].message.contains("`POST /messages/send`"), "{}", r.diagnostics[0].message);
}

#[test]
fn context_defaults_to_english() {
    assert_eq!(ctx().lang, Lang::En);
    assert_eq!(ctx().with_lang(Lang::Ko).lang, Lang::Ko);
}
