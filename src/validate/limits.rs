//! Per-request counts: 50 ids/aliases/recipients, 50 ids in any id list, 75 objects per `/users/track` array.

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::text::RuleText;
use crate::i18n::{Table as _, fill};

pub(crate) const MAX_EXTERNAL_IDS: usize = 50;
pub(crate) const MAX_IDS: usize = 50;
pub(crate) const MAX_TRACK_OBJECTS: usize = 75;

fn len(root: &Map<String, Value>, key: &str) -> usize {
    root.get(key).and_then(Value::as_array).map_or(0, Vec::len)
}

/// `/users/track`: at most 75 objects in each of `attributes`, `events`, `purchases`.
pub(crate) fn users_track(root: &Map<String, Value>, sink: &mut Sink) {
    for key in ["attributes", "events", "purchases"] {
        let n = len(root, key);
        if n > MAX_TRACK_OBJECTS {
            let values: [(&str, &dyn std::fmt::Display); 3] = [("key", &key), ("n", &n), ("max", &MAX_TRACK_OBJECTS)];
            sink.fatal(
                "max_input_length_exceeded",
                &join("", key),
                fill(RuleText::get(sink.lang).track_too_many, &values),
            );
        }
    }
}

/// Messaging and export endpoints: external ids + aliases + recipients together at most 50.
pub(crate) fn external_ids(root: &Map<String, Value>, sink: &mut Sink) {
    let lists = ["external_user_ids", "user_aliases", "recipients", "external_ids"];
    let counts: Vec<(&str, usize)> = lists.iter().map(|k| (*k, len(root, k))).filter(|(_, n)| *n > 0).collect();
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    if total <= MAX_EXTERNAL_IDS {
        return;
    }
    // Point at the list that crosses the limit.
    let mut sum = 0;
    let at = counts
        .iter()
        .find(|(_, n)| {
            sum += n;
            sum > MAX_EXTERNAL_IDS
        })
        .map_or("", |(k, _)| k);
    let parts = counts.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(" + ");
    let values: [(&str, &dyn std::fmt::Display); 3] =
        [("total", &total), ("parts", &parts), ("max", &MAX_EXTERNAL_IDS)];
    let msg = fill(RuleText::get(sink.lang).too_many_users, &values);
    sink.fatal("max_external_ids_and_aliases_exceeded", &join("", at), msg);
}

/// Every id list Braze's user endpoints take.
const ID_LISTS: &[&str] = &[
    "external_ids",
    "external_user_ids",
    "user_aliases",
    "braze_ids",
    "email_addresses",
    "phone_numbers",
    "aliases_to_identify",
    "emails_to_identify",
    "phone_numbers_to_identify",
    "external_id",
    "email",
    "phone",
    "emails",
    "phones",
];

/// User-data endpoints: at most 50 ids in any one list.
pub(crate) fn ids(root: &Map<String, Value>, sink: &mut Sink) {
    lists_of(root, "", sink);
    // `/v2/subscription/status/set` nests the lists in `subscription_groups`.
    if let Some(Value::Array(groups)) = root.get("subscription_groups") {
        for (i, g) in groups.iter().enumerate().take(1000) {
            if let Value::Object(g) = g {
                lists_of(g, &join("/subscription_groups", &i.to_string()), sink);
            }
        }
    }
}

fn lists_of(obj: &Map<String, Value>, base: &str, sink: &mut Sink) {
    for key in ID_LISTS {
        let n = len(obj, key);
        if n > MAX_IDS {
            let values: [(&str, &dyn std::fmt::Display); 3] = [("key", key), ("n", &n), ("max", &MAX_IDS)];
            sink.fatal("max_ids_exceeded", &join(base, key), fill(RuleText::get(sink.lang).too_many_ids, &values));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::tests::{errors, run};
    use super::*;

    fn strings(n: usize) -> String {
        let v: Vec<String> = (0..n).map(|i| format!("\"u{i}\"")).collect();
        format!("[{}]", v.join(","))
    }

    fn objects(n: usize, obj: &str) -> String {
        format!("[{}]", vec![obj; n].join(","))
    }

    #[test]
    fn users_track_allows_75_per_array() {
        let attr = r#"{"external_id": "u", "a": 1}"#;
        let ok = format!(
            r#"{{"attributes": {}, "events": {}}}"#,
            objects(75, attr),
            objects(75, r#"{"external_id": "u", "name": "e", "time": "2030-01-01T00:00:00Z"}"#)
        );
        assert!(run("/users/track", &ok).is_empty());
        let purchase =
            r#"{"external_id": "u", "product_id": "p", "currency": "USD", "price": 1, "time": "2030-01-01T00:00:00Z"}"#;
        let over = format!(r#"{{"events": [], "purchases": {}}}"#, objects(76, purchase));
        assert_eq!(run("/users/track", &over), [(Fatal, "max_input_length_exceeded".into(), "/purchases".into())]);
    }

    #[test]
    fn messaging_allows_50_ids_and_aliases_together() {
        let msg = r#""messages": {"apple_push": {"alert": "a"}}"#;
        let ok = format!(r#"{{"external_user_ids": {}, {msg}}}"#, strings(50));
        assert!(run("/messages/send", &ok).is_empty());
        let alias = r#"{"alias_name": "a", "alias_label": "b"}"#;
        let over =
            format!(r#"{{"external_user_ids": {}, "user_aliases": {}, {msg}}}"#, strings(40), objects(11, alias));
        assert_eq!(
            run("/messages/send", &over),
            [(Fatal, "max_external_ids_and_aliases_exceeded".into(), "/user_aliases".into())]
        );
        let over = format!(r#"{{"campaign_id": "c", "recipients": {}}}"#, objects(51, r#"{"external_user_id": "u"}"#));
        let fatal: Vec<_> = run("/campaigns/trigger/send", &over).into_iter().filter(|d| d.0 == Fatal).collect();
        assert_eq!(fatal, [(Fatal, "max_external_ids_and_aliases_exceeded".into(), "/recipients".into())]);
    }

    #[test]
    fn user_endpoints_allow_50_per_id_list() {
        assert!(run("/users/delete", &format!(r#"{{"external_ids": {}}}"#, strings(50))).is_empty());
        // Lists are counted one by one (/users/delete takes one kind of identifier per request: its rule).
        let group = r#""subscription_group_id": "g", "subscription_state": "subscribed""#;
        let body = format!(r#"{{{group}, "external_id": {}, "email": {}}}"#, strings(30), strings(51));
        assert_eq!(run("/subscription/status/set", &body), [(Fatal, "max_ids_exceeded".into(), "/email".into())]);
        let alias = r#"{"external_id": "e", "user_alias": {"alias_name": "a", "alias_label": "b"}}"#;
        let d = run("/users/identify", &format!(r#"{{"aliases_to_identify": {}}}"#, objects(51, alias)));
        assert_eq!(d, [(Fatal, "max_ids_exceeded".into(), "/aliases_to_identify".into())]);
        let body = format!(
            r#"{{"subscription_group_id": "g", "subscription_state": "subscribed", "email": {}}}"#,
            strings(51)
        );
        assert_eq!(errors("/subscription/status/set", &body), ["max_ids_exceeded"]);
    }

    #[test]
    fn nested_v2_lists_are_counted() {
        let mut root = Map::new();
        let group = serde_json::json!({"subscription_group_id": "g", "subscription_state": "subscribed",
            "external_ids": (0..51).map(|i| i.to_string()).collect::<Vec<_>>()});
        root.insert("subscription_groups".into(), serde_json::json!([group]));
        let mut sink = Sink::default();
        ids(&root, &mut sink);
        assert!(sink.has("/subscription_groups/0/external_ids"));
    }
}
