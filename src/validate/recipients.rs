//! Who a message goes to: `no_recipients` when nobody is named, and the documented combinations
//! (`broadcast: true` excludes a user list; a segment or audience alone wants `broadcast: true`).

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::text::RuleText;
use crate::i18n::{Table as _, fill};

fn non_empty_array(root: &Map<String, Value>, key: &str) -> bool {
    root.get(key).and_then(Value::as_array).is_some_and(|a| !a.is_empty())
}

fn broadcast(root: &Map<String, Value>) -> bool {
    root.get("broadcast") == Some(&Value::Bool(true))
}

/// A key that is present but of the wrong type was already reported as `bad_request`; saying "no recipients"
/// on top of it would send the user after the wrong problem.
fn any_mistyped(sink: &Sink, keys: &[&str]) -> bool {
    keys.iter().any(|k| sink.has(&join("", k)))
}

/// `/messages/send`, `/messages/schedule/create`: users, a segment, an audience, or a broadcast.
pub(crate) fn messaging(root: &Map<String, Value>, sink: &mut Sink) {
    let t = RuleText::get(sink.lang);
    let users = non_empty_array(root, "external_user_ids") || non_empty_array(root, "user_aliases");
    let segment = root.get("segment_id").and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
    let audience = root.get("audience").is_some_and(Value::is_object);
    let keys = ["external_user_ids", "user_aliases", "segment_id", "audience", "broadcast"];
    if !users && !segment && !audience && !broadcast(root) {
        if !any_mistyped(sink, &keys) {
            let empty = ["external_user_ids", "user_aliases"]
                .iter()
                .find(|k| root.get(**k).and_then(Value::as_array).is_some_and(Vec::is_empty));
            let mut msg = t.nobody_messaging.to_string();
            if let Some(k) = empty {
                msg.push_str(&fill(t.empty_list, &[("key", k)]));
            }
            sink.fatal("no_recipients", "", msg);
        }
        return;
    }
    if broadcast(root) && users {
        sink.fatal("bad_request", "/broadcast", t.broadcast_with_users.into());
    }
    if (segment || audience) && !users && !broadcast(root) {
        let key = if segment { "/segment_id" } else { "/audience" };
        sink.hint("broadcast_required", key, t.broadcast_required.into());
    }
}

/// `/campaigns/trigger/*`, `/canvas/trigger/*`: `recipients`, an audience, or a broadcast.
pub(crate) fn trigger(root: &Map<String, Value>, sink: &mut Sink) {
    let t = RuleText::get(sink.lang);
    let recipients = non_empty_array(root, "recipients");
    let audience = root.get("audience").is_some_and(Value::is_object);
    if !recipients && !audience && !broadcast(root) {
        if !any_mistyped(sink, &["recipients", "audience", "broadcast"]) {
            sink.fatal("no_recipients", "", t.nobody_trigger.into());
        }
        return;
    }
    if broadcast(root) && recipients {
        sink.fatal("bad_request", "/broadcast", t.broadcast_with_recipients.into());
    }
    let Some(items) = root.get("recipients").and_then(Value::as_array) else { return };
    for (i, r) in items.iter().enumerate().take(1000) {
        let Some(r) = r.as_object() else { continue };
        let pointer = join("/recipients", &i.to_string());
        let ids: Vec<&str> = ["external_user_id", "user_alias", "email"]
            .into_iter()
            .filter(|k| r.get(*k).is_some_and(|v| !v.is_null()))
            .collect();
        if ids.len() != 1 {
            let found = if ids.is_empty() { t.no_identifier.to_string() } else { ids.join(t.identifier_joiner) };
            sink.minor("recipient_identifier", &pointer, fill(t.recipient_identifier, &[("found", &found)]));
        }
        if r.contains_key("email") && !r.contains_key("prioritization") {
            sink.minor("email_without_prioritization", &join(&pointer, "email"), t.email_without_prioritization.into());
        }
        if r.get("send_to_existing_only") == Some(&Value::Bool(false)) && !r.contains_key("attributes") {
            let at = join(&pointer, "send_to_existing_only");
            sink.minor("create_without_attributes", &at, t.create_without_attributes.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::tests::{errors, run};

    const MSG: &str = r#""messages": {"webhook": {"url": "https://x", "request_method": "POST"}}"#;

    fn body(extra: &str) -> String {
        if extra.is_empty() { format!("{{{MSG}}}") } else { format!("{{{extra}, {MSG}}}") }
    }

    #[test]
    fn messaging_without_anybody_is_no_recipients() {
        for extra in ["", r#""external_user_ids": []"#, r#""broadcast": false"#, r#""segment_id": "  ""#] {
            let d = run("/messages/send", &body(extra));
            assert_eq!(d, [(Fatal, "no_recipients".into(), "".into())], "{extra}");
        }
    }

    #[test]
    fn any_one_recipient_kind_is_enough() {
        for extra in [
            r#""external_user_ids": ["u"]"#,
            r#""user_aliases": [{"alias_name": "a", "alias_label": "b"}]"#,
            r#""segment_id": "s", "broadcast": true"#,
            r#""audience": {"AND": []}, "broadcast": true"#,
            r#""broadcast": true"#,
        ] {
            assert!(run("/messages/send", &body(extra)).is_empty(), "{extra}");
        }
    }

    #[test]
    fn mistyped_recipient_keys_are_not_also_no_recipients() {
        let d = errors("/messages/send", &body(r#""external_user_ids": "u""#));
        assert_eq!(d, ["bad_request"]);
    }

    #[test]
    fn broadcast_with_users_is_fatal_and_segment_without_broadcast_is_a_hint() {
        let d = run("/messages/send", &body(r#""broadcast": true, "external_user_ids": ["u"]"#));
        assert_eq!(d, [(Fatal, "bad_request".into(), "/broadcast".into())]);
        let d = run("/messages/send", &body(r#""segment_id": "s""#));
        assert_eq!(d, [(Hint, "broadcast_required".into(), "/segment_id".into())]);
        let d = run("/messages/send", &body(r#""segment_id": "s", "external_user_ids": ["u"]"#));
        assert!(d.is_empty());
    }

    #[test]
    fn trigger_recipients() {
        let t = "/campaigns/trigger/send";
        assert_eq!(run(t, r#"{"campaign_id": "c"}"#), [(Fatal, "no_recipients".into(), "".into())]);
        assert_eq!(errors(t, r#"{"campaign_id": "c", "recipients": []}"#), ["no_recipients"]);
        assert!(run(t, r#"{"campaign_id": "c", "recipients": [{"external_user_id": "u"}]}"#).is_empty());
        assert!(run(t, r#"{"campaign_id": "c", "audience": {"OR": []}}"#).is_empty());
        assert!(run(t, r#"{"campaign_id": "c", "broadcast": true}"#).is_empty());
        assert_eq!(
            errors(t, r#"{"campaign_id": "c", "broadcast": true, "recipients": [{"external_user_id": "u"}]}"#),
            ["bad_request"]
        );
        let d = run(
            t,
            r#"{"campaign_id": "c", "recipients": [{"external_user_id": "u", "user_alias": {"alias_name": "a", "alias_label": "b"}},
               {"email": "a@b.c"}, {"external_user_id": "v", "send_to_existing_only": false}]}"#,
        );
        assert_eq!(
            d,
            [
                (Minor, "recipient_identifier".into(), "/recipients/0".into()),
                (Minor, "email_without_prioritization".into(), "/recipients/1/email".into()),
                (Minor, "create_without_attributes".into(), "/recipients/2/send_to_existing_only".into()),
            ]
        );
    }
}
