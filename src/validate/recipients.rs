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
    // The page: without a user list, `broadcast` must be true. Not a data rule: it depends on a segment or audience
    // being there and on `broadcast`'s value, not only on which keys are present.
    if (segment || audience) && !users && !broadcast(root) && !any_mistyped(sink, &keys) {
        let key = if segment { "/segment_id" } else { "/audience" };
        sink.fatal("bad_request", key, t.broadcast_required.into());
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
    // Each recipient's identifier, companions and aliases are documented rules (assets/rules/01-messaging.toml).
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::tests::{errors, run};

    const MSG: &str = r#""messages": {"webhook": {"url": "https://x.example", "request_method": "POST", "request_headers": {"Content-Type": "text/plain"}}}"#;

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
    fn broadcast_with_users_and_a_segment_without_broadcast_are_fatal() {
        let d = run("/messages/send", &body(r#""broadcast": true, "external_user_ids": ["u"]"#));
        assert_eq!(d, [(Fatal, "bad_request".into(), "/broadcast".into())]);
        let d = run("/messages/send", &body(r#""segment_id": "s""#));
        assert_eq!(d, [(Fatal, "bad_request".into(), "/segment_id".into())]);
        let d = run("/messages/send", &body(r#""segment_id": "s", "broadcast": false"#));
        assert_eq!(d, [(Fatal, "bad_request".into(), "/segment_id".into())]);
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
    }
}
