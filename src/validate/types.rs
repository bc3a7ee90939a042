//! The documented keys of each endpoint's body and their types, checked generically: a wrong type is a
//! `bad_request` at the value, a missing required key a `bad_request` at the body, an unknown key a hint with a
//! did-you-mean, and a string copied from the docs' placeholders a hint.
//!
//! The keys are data: `body`, `[[nested]]` and `[messaging_objects]` in `assets/endpoints.toml`, parsed once with
//! the catalog, so a check allocates nothing for them.

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::syntax::is_doc_placeholder;
use crate::catalog::{self, BodyKey, BodyType};

fn describe_type(kind: &BodyType) -> String {
    match kind {
        BodyType::Boolean => "true or false (without quotes)".into(),
        BodyType::String => "a string".into(),
        BodyType::Object => "an object {...}".into(),
        BodyType::Array => "an array [...]".into(),
        BodyType::ArrayOfStrings => "an array of strings [\"...\"]".into(),
        BodyType::ArrayOfObjects => "an array of objects [{...}]".into(),
        BodyType::StringOrArrayOfStrings => "a string or an array of strings".into(),
        BodyType::OneOf(v) => format!("one of {}", v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")),
        BodyType::Any => "a value".into(),
    }
}

fn accepts(kind: &BodyType, v: &Value) -> bool {
    match kind {
        BodyType::Boolean => v.is_boolean(),
        BodyType::String => v.is_string(),
        BodyType::Object => v.is_object(),
        BodyType::Array | BodyType::ArrayOfStrings | BodyType::ArrayOfObjects => v.is_array(),
        BodyType::StringOrArrayOfStrings => v.is_string() || v.is_array(),
        BodyType::OneOf(allowed) => v.as_str().is_some_and(|s| allowed.iter().any(|a| a == s)),
        BodyType::Any => true,
    }
}

/// Whether `messages` may hold an object of this name (documented or legacy; see `messages.rs`).
pub(crate) fn is_messaging_object(name: &str) -> bool {
    catalog::endpoints().messaging_objects.contains(name)
}

/// "a string (\"false\")", "an object", … for sentences.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(_) => "a number".into(),
        Value::String(s) if s.chars().count() <= 40 => format!("the string \"{s}\""),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Checks the documented keys of the body of `path` (a catalog path): types, required keys, unknown keys, and the
/// nested objects whose shape the docs give (messages, schedule, recipients, …).
pub(crate) fn check(path: &str, root: &Map<String, Value>, sink: &mut Sink) {
    let catalog = catalog::endpoints();
    let Some(keys) = catalog.body_of(path) else { return };
    check_object(root, "", keys, sink);
    for k in root.keys() {
        if !keys.iter().any(|d| d.name == *k) {
            let names: Vec<&str> = keys.iter().map(|d| d.name.as_str()).collect();
            let mut msg = format!("`{k}` is not a documented key of the {path} body");
            match suggest(k, &names) {
                Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
                None => msg.push_str(&format!(" (documented: {}).", names.join(", "))),
            }
            sink.hint("unknown_key", &join("", k), msg).at_key();
        }
    }
    let missing: Vec<&str> = keys
        .iter()
        .filter(|d| d.required && root.get(&d.name).is_none_or(Value::is_null))
        .map(|d| d.name.as_str())
        .collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        let verb = if missing.len() == 1 { "is" } else { "are" };
        sink.fatal("bad_request", "", format!("{list} {verb} required by Braze's docs for {path}; add it."));
    }
    if let Some(Value::Object(m)) = root.get("messages") {
        let objects = &catalog.messaging_objects;
        for (name, v) in m {
            let pointer = join("/messages", name);
            if objects.contains(name) {
                if !v.is_object() && !v.is_null() {
                    sink.fatal("bad_request", &pointer, wrong_type(name, &BodyType::Object, v));
                }
            } else {
                let mut msg = format!("`{name}` is not one of Braze's messaging objects");
                let all: Vec<&str> = objects.all().collect();
                match suggest(name, &all) {
                    Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
                    None => msg.push_str(&format!(" ({}).", objects.documented.join(", "))),
                }
                sink.hint("unknown_messaging_object", &pointer, msg).at_key();
            }
        }
    }
    for nested in &catalog.nested {
        for parent in &nested.under {
            match root.get(&parent.key) {
                Some(Value::Array(items)) if parent.each => {
                    let base = join("", &parent.key);
                    for (i, item) in items.iter().enumerate().take(1000) {
                        if let Value::Object(o) = item {
                            check_object(o, &join(&base, &i.to_string()), &nested.keys, sink);
                        }
                    }
                }
                Some(Value::Object(o)) if !parent.each => check_object(o, &join("", &parent.key), &nested.keys, sink),
                _ => {}
            }
        }
    }
}

/// Type checks of the documented keys present in `obj` (null counts as absent).
fn check_object(obj: &Map<String, Value>, base: &str, keys: &[BodyKey], sink: &mut Sink) {
    for key in keys {
        let Some(v) = obj.get(&key.name) else { continue };
        if v.is_null() {
            continue;
        }
        let pointer = join(base, &key.name);
        if !accepts(&key.kind, v) {
            sink.fatal("bad_request", &pointer, wrong_type(&key.name, &key.kind, v));
            continue;
        }
        if let (
            BodyType::ArrayOfStrings | BodyType::ArrayOfObjects | BodyType::StringOrArrayOfStrings,
            Value::Array(items),
        ) = (&key.kind, v)
        {
            let want_object = key.kind == BodyType::ArrayOfObjects;
            let bad =
                items.iter().enumerate().filter(|(_, i)| if want_object { !i.is_object() } else { !i.is_string() });
            for (i, item) in bad.take(5) {
                let what = if want_object { "an object" } else { "a string" };
                let mut msg = format!("Each item of `{}` must be {what}; item {i} is {}.", key.name, describe(item));
                if item.as_str().is_some_and(is_doc_placeholder) {
                    msg.push_str(" It looks like a placeholder copied from Braze's docs; replace it with a value.");
                }
                sink.fatal("bad_request", &join(&pointer, &i.to_string()), msg);
            }
        }
    }
}

fn wrong_type(name: &str, kind: &BodyType, v: &Value) -> String {
    if let Some(s) = v.as_str()
        && is_doc_placeholder(s)
    {
        return format!(
            "`{name}` must be {}; \"{s}\" looks like a placeholder copied from Braze's docs — replace it with a value.",
            describe_type(kind)
        );
    }
    match (kind, v) {
        (BodyType::Boolean, Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
            format!("`{name}` must be {} without quotes; \"{s}\" is a string, not a boolean.", s.to_ascii_lowercase())
        }
        (BodyType::ArrayOfStrings, Value::String(_)) => {
            format!("`{name}` must be an array of strings; it is a single string — wrap it in [ ].")
        }
        (BodyType::ArrayOfObjects, Value::Object(_)) => {
            format!("`{name}` must be an array of objects; it is a single object — wrap it in [ ].")
        }
        _ => format!("`{name}` must be {}; it is {}.", describe_type(kind), describe(v)),
    }
}

/// The closest documented name, if it is close enough to be a likely typo.
pub(crate) fn suggest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let aliases: &[(&str, &str)] = &[("ios_push", "apple_push"), ("fcm_push", "android_push"), ("push", "apple_push")];
    if let Some((_, to)) = aliases.iter().find(|(from, _)| *from == word)
        && let Some(n) = names.iter().find(|n| *n == to)
    {
        return Some(n);
    }
    names
        .iter()
        .map(|n| (strsim::jaro_winkler(word, n), *n))
        .filter(|(s, _)| *s >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Hints at string values anywhere in the body that are documentation placeholders, e.g.
/// `"(required, string)"`, unless another finding already names that value.
pub(crate) fn placeholders(root: &Map<String, Value>, sink: &mut Sink) {
    let mut found = Vec::new();
    let mut path = Vec::new();
    walk_object(root, &mut path, &mut found);
    for pointer in found {
        if !sink.has(&pointer) {
            sink.hint(
                "doc_placeholder",
                &pointer,
                "This looks like a placeholder copied from Braze's docs; replace it with a real value.".into(),
            );
        }
    }
}

const MAX_PLACEHOLDERS: usize = 20;

/// One step of a path while walking: keys are borrowed from the value, so walking allocates nothing.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer_of(path: &[Step]) -> String {
    path.iter().fold(String::new(), |acc, s| match s {
        Step::Key(k) => join(&acc, k),
        Step::Index(i) => join(&acc, &i.to_string()),
    })
}

fn walk_object<'a>(m: &'a Map<String, Value>, path: &mut Vec<Step<'a>>, found: &mut Vec<String>) {
    for (k, v) in m {
        path.push(Step::Key(k));
        walk(v, path, found);
        path.pop();
    }
}

// Depth is bounded by serde_json's recursion limit (128), so plain recursion is safe here.
fn walk<'a>(v: &'a Value, path: &mut Vec<Step<'a>>, found: &mut Vec<String>) {
    if found.len() >= MAX_PLACEHOLDERS {
        return;
    }
    match v {
        Value::String(s) if is_doc_placeholder(s) => found.push(pointer_of(path)),
        Value::Object(m) => walk_object(m, path, found),
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity;
    use super::super::tests::{errors, run};

    #[test]
    fn wrong_types_of_documented_keys_are_bad_requests_at_the_value() {
        let d = run(
            "/messages/send",
            r#"{"external_user_ids": "u1", "broadcast": "false", "user_aliases": {"alias_name": "a"},
               "segment_id": "s", "messages": {"apple_push": "(optional, Apple Push Object)"}}"#,
        );
        let bad: Vec<&str> = d.iter().filter(|x| x.1 == "bad_request").map(|x| x.2.as_str()).collect();
        assert_eq!(bad, ["/external_user_ids", "/broadcast", "/user_aliases", "/messages/apple_push"]);
        let r = super::super::check(
            "/messages/send",
            r#"{"segment_id": "s", "messages": {"apple_push": "(optional, Apple Push Object)"}}"#,
            &super::super::tests::ctx(),
        );
        let d = r.fatal().next().unwrap();
        assert!(d.message.contains("placeholder"), "{}", d.message);
        assert_eq!(d.column, 48);
    }

    #[test]
    fn messages_and_recipients_containers_must_have_the_right_shape() {
        assert!(errors("/messages/send", r#"{"segment_id": "s", "messages": []}"#).contains(&"bad_request".into()));
        let d = run("/campaigns/trigger/send", r#"{"campaign_id": "c", "recipients": {"external_user_id": "u"}}"#);
        assert!(d.contains(&(Severity::Fatal, "bad_request".into(), "/recipients".into())), "{d:?}");
        let d = run(
            "/campaigns/trigger/send",
            r#"{"campaign_id": "c", "recipients": [{"user_alias": "plain", "external_user_id": "u"}, 5]}"#,
        );
        assert!(d.contains(&(Severity::Fatal, "bad_request".into(), "/recipients/0/user_alias".into())), "{d:?}");
        assert!(d.contains(&(Severity::Fatal, "bad_request".into(), "/recipients/1".into())), "{d:?}");
    }

    #[test]
    fn well_typed_bodies_have_no_type_findings() {
        let d = run(
            "/messages/send",
            r#"{"external_user_ids": ["u1"], "broadcast": false, "user_aliases": [{"alias_name": "a", "alias_label": "b"}],
               "recipient_subscription_state": "all", "campaign_id": null,
               "messages": {"webhook": {"url": "https://x", "request_method": "POST"}}}"#,
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn enums_items_and_required_keys() {
        let d = errors(
            "/messages/send",
            r#"{"external_user_ids": ["u1", 2], "recipient_subscription_state": "everyone", "messages": {"webhook": {}}}"#,
        );
        assert_eq!(d.iter().filter(|e| *e == "bad_request").count(), 2, "{d:?}");
        let d = run("/campaigns/trigger/schedule/delete", r#"{"campaign_id": "c"}"#);
        assert_eq!(d, [(Severity::Fatal, "bad_request".into(), "".into())]);
        assert!(run("/campaigns/trigger/schedule/delete", r#"{"campaign_id": "c", "schedule_id": "s"}"#).is_empty());
    }

    #[test]
    fn unknown_keys_get_a_did_you_mean() {
        let r = super::super::check(
            "/messages/send",
            r#"{"external_user_id": ["u"], "external_user_ids": ["u"], "messages": {"ios_push": {}, "webhook": {"url": "u", "request_method": "GET"}}}"#,
            &super::super::tests::ctx(),
        );
        let hints: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Hint).collect();
        assert_eq!(hints.len(), 2, "{hints:#?}");
        assert!(hints[0].message.contains("did you mean `external_user_ids`"));
        assert_eq!(hints[0].column, 2, "at the key");
        assert!(hints[1].message.contains("`apple_push`"));
    }

    #[test]
    fn placeholder_strings_anywhere_get_a_hint() {
        let d = run(
            "/campaigns/trigger/send",
            r#"{"campaign_id": "(required, string)", "trigger_properties": {"a": ["x", "<your value>"]}, "broadcast": true}"#,
        );
        let hints: Vec<_> = d.iter().filter(|x| x.1 == "doc_placeholder").map(|x| x.2.as_str()).collect();
        assert_eq!(hints, ["/campaign_id", "/trigger_properties/a/1"]);
        assert!(run("/campaigns/trigger/send", r#"{"campaign_id": "(555) 123", "broadcast": true}"#).is_empty());
    }
}
