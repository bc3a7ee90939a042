//! The documented keys of each endpoint's body and their types, checked generically: a wrong type is a
//! `bad_request` at the value, a missing required key a `bad_request` at the body, an unknown key a hint with a
//! did-you-mean, and a string copied from the docs' placeholders a hint.
//!
//! The keys are data: `body`, `[[nested]]` and `[messaging_objects]` in `assets/endpoints/`, parsed once with
//! the catalog, so a check allocates nothing for them.

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::syntax::is_doc_placeholder;
use super::text::BodyText;
use crate::catalog::{self, BodyKey, BodyType, Endpoint};
use crate::i18n::{Lang, Table as _, fill};

fn describe_type(kind: &BodyType, lang: Lang) -> String {
    let t = BodyText::get(lang);
    match kind {
        BodyType::Boolean => t.type_boolean.into(),
        BodyType::Number => t.type_number.into(),
        BodyType::Integer => t.type_integer.into(),
        BodyType::String => t.a_string.into(),
        BodyType::Object => fill(t.type_object, &[]),
        BodyType::Array => t.type_array.into(),
        BodyType::ArrayOfStrings => t.type_array_of_strings.into(),
        BodyType::ArrayOfObjects => fill(t.type_array_of_objects, &[]),
        BodyType::StringOrArrayOfStrings => t.type_string_or_strings.into(),
        BodyType::OneOf(v) => {
            let list = v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
            fill(t.type_one_of, &[("list", &list)])
        }
        BodyType::Any => t.type_any.into(),
    }
}

fn accepts(kind: &BodyType, v: &Value) -> bool {
    match kind {
        BodyType::Boolean => v.is_boolean(),
        BodyType::Number => v.is_number(),
        BodyType::Integer => v.is_i64() || v.is_u64(),
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

/// "a string (\"false\")", "an object", … for sentences (in Korean a noun: "문자열 \"false\"", "객체").
pub(crate) fn describe(v: &Value, lang: Lang) -> String {
    let t = BodyText::get(lang);
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(_) => t.a_number.into(),
        Value::String(s) if s.chars().count() <= 40 => fill(t.the_string, &[("value", s)]),
        Value::String(_) => t.a_string.into(),
        Value::Array(_) => t.an_array.into(),
        Value::Object(_) => t.an_object.into(),
    }
}

/// Checks the documented keys of the body of endpoint `e`: types, required keys, unknown keys, and the nested
/// objects whose shape the docs give for it (messages, schedule, recipients, catalog items, …). The endpoint, not
/// its path: PATCH, POST and PUT of one path document different bodies.
pub(crate) fn check(e: &Endpoint, root: &Map<String, Value>, sink: &mut Sink) {
    let (lang, t) = (sink.lang, BodyText::get(sink.lang));
    let catalog = catalog::endpoints();
    let (keys, path) = (e.body.as_slice(), e.path.as_str());
    if keys.is_empty() {
        return;
    }
    check_object(root, "", keys, sink);
    for k in root.keys() {
        if !keys.iter().any(|d| d.name == *k) {
            let names: Vec<&str> = keys.iter().map(|d| d.name.as_str()).collect();
            let msg = match suggest(k, &names) {
                Some(s) => fill(t.unknown_key_near, &[("key", k), ("path", &path), ("near", &s)]),
                None => fill(t.unknown_key, &[("key", k), ("path", &path), ("names", &names.join(", "))]),
            };
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
        let template = if missing.len() == 1 { t.required_one } else { t.required_many };
        let msg = fill(template, &[("list", &list), ("path", &path)]);
        sink.fatal("bad_request", "", msg);
    }
    if let Some(Value::Object(m)) = root.get("messages") {
        let objects = &catalog.messaging_objects;
        for (name, v) in m {
            // Built only for a finding: the messaging objects are read on every keystroke.
            let pointer = || join("/messages", name);
            if objects.contains(name) {
                if !v.is_object() && !v.is_null() {
                    sink.fatal("bad_request", &pointer(), wrong_type(name, &BodyType::Object, v, lang));
                }
            } else {
                let all: Vec<&str> = objects.all().collect();
                let msg = match suggest(name, &all) {
                    Some(s) => fill(t.unknown_object_near, &[("name", name), ("near", &s)]),
                    None => fill(t.unknown_object, &[("name", name), ("names", &objects.documented.join(", "))]),
                };
                sink.hint("unknown_messaging_object", &pointer(), msg).at_key();
            }
        }
    }
    for nested in catalog.nested.iter().filter(|n| n.applies_to(&e.method, path)) {
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
    let (lang, t) = (sink.lang, BodyText::get(sink.lang));
    for key in keys {
        let Some(v) = obj.get(&key.name) else { continue };
        if v.is_null() {
            continue;
        }
        // Built only for a finding: every documented key present is checked on every keystroke.
        let pointer = || join(base, &key.name);
        if !accepts(&key.kind, v) {
            let row = key.error.as_deref().unwrap_or("bad_request");
            sink.fatal(row, &pointer(), wrong_type(&key.name, &key.kind, v, lang));
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
                let what = if want_object { t.an_object } else { t.a_string };
                let item_is = describe(item, lang);
                let mut msg = fill(t.item_type, &[("key", &key.name), ("what", &what), ("i", &i), ("item", &item_is)]);
                if item.as_str().is_some_and(is_doc_placeholder) {
                    msg.push_str(t.item_placeholder);
                }
                sink.fatal(key.items_error.as_deref().unwrap_or("bad_request"), &join(&pointer(), &i.to_string()), msg);
            }
        }
    }
}

fn wrong_type(name: &str, kind: &BodyType, v: &Value, lang: Lang) -> String {
    let t = BodyText::get(lang);
    if let Some(s) = v.as_str()
        && is_doc_placeholder(s)
    {
        return fill(t.wrong_type_placeholder, &[("name", &name), ("kind", &describe_type(kind, lang)), ("value", &s)]);
    }
    match (kind, v) {
        (BodyType::Boolean, Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
            fill(t.quoted_boolean, &[("name", &name), ("bool", &s.to_ascii_lowercase()), ("value", s)])
        }
        (BodyType::ArrayOfStrings, Value::String(_)) => fill(t.single_string, &[("name", &name)]),
        (BodyType::ArrayOfObjects, Value::Object(_)) => fill(t.single_object, &[("name", &name)]),
        _ => {
            fill(t.wrong_type, &[("name", &name), ("kind", &describe_type(kind, lang)), ("value", &describe(v, lang))])
        }
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
            let msg = BodyText::get(sink.lang).doc_placeholder;
            sink.hint("doc_placeholder", &pointer, msg.into());
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
            r#"{"segment_id": "s", "broadcast": true, "messages": {"apple_push": "(optional, Apple Push Object)"}}"#,
            &super::super::tests::ctx(),
        );
        let d = r.fatal().next().unwrap();
        assert!(d.message.contains("placeholder"), "{}", d.message);
        assert_eq!(d.column, 67);
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
               "messages": {"webhook": {"url": "https://x.example", "request_method": "POST", "request_headers": {"Content-Type": "text/plain"}}}}"#,
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn enums_items_and_required_keys() {
        let d = errors(
            "/messages/send",
            r#"{"external_user_ids": ["u1", 2], "recipient_subscription_state": "everyone", "messages": {"apple_push": {"alert": "a"}}}"#,
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
            r#"{"external_user_id": ["u"], "external_user_ids": ["u"], "messages": {"ios_push": {}, "webhook": {"url": "https://u.example", "request_method": "GET", "request_headers": {"Content-Type": "text/plain"}}}}"#,
            &super::super::tests::ctx(),
        );
        let hints: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Hint).collect();
        assert_eq!(hints.len(), 2, "{hints:#?}");
        assert!(hints[0].message.contains("did you mean `external_user_ids`"));
        assert_eq!(hints[0].column, 2, "at the key");
        assert!(hints[1].message.contains("`apple_push`"));
    }

    #[test]
    fn placeholder_strings_anywhere_get_a_hint_and_in_an_id_they_are_fatal() {
        let d = run(
            "/campaigns/trigger/send",
            r#"{"campaign_id": "(required, string)", "trigger_properties": {"a": ["x", "<your value>"]}, "broadcast": true}"#,
        );
        let hints: Vec<_> = d.iter().filter(|x| x.1 == "doc_placeholder").map(|x| x.2.as_str()).collect();
        assert_eq!(hints, ["/trigger_properties/a/1"]);
        // Braze finds no campaign by that name (unfilled.rs).
        assert!(d.contains(&(Severity::Fatal, "bad_request".into(), "/campaign_id".into())), "{d:?}");
        assert!(run("/campaigns/trigger/send", r#"{"campaign_id": "(555) 123", "broadcast": true}"#).is_empty());
    }
}
