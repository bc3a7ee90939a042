//! The documented keys of each endpoint's body and their types (from `braze-docs/endpoints.json`), checked
//! generically: a wrong type is a `bad_request` at the value, a missing required key a `bad_request` at the
//! body, an unknown key a hint with a did-you-mean, and a string copied from the docs' placeholders a hint.
//!
//! The endpoint catalog (`assets/endpoints.toml`) holds no body keys, so they live here, next to their only use.

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::syntax::is_doc_placeholder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Bool,
    Str,
    Object,
    Array,
    /// An array of strings.
    Strings,
    /// An array of objects.
    Objects,
    /// A string or an array of strings.
    StrOrStrings,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// Checked by another family (e.g. `schedule.time`).
    Any,
}

impl Kind {
    fn describe(self) -> String {
        match self {
            Kind::Bool => "true or false (without quotes)".into(),
            Kind::Str => "a string".into(),
            Kind::Object => "an object {...}".into(),
            Kind::Array => "an array [...]".into(),
            Kind::Strings => "an array of strings [\"...\"]".into(),
            Kind::Objects => "an array of objects [{...}]".into(),
            Kind::StrOrStrings => "a string or an array of strings".into(),
            Kind::OneOf(v) => format!("one of {}", v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")),
            Kind::Any => "a value".into(),
        }
    }

    fn accepts(self, v: &Value) -> bool {
        match self {
            Kind::Bool => v.is_boolean(),
            Kind::Str => v.is_string(),
            Kind::Object => v.is_object(),
            Kind::Array | Kind::Strings | Kind::Objects => v.is_array(),
            Kind::StrOrStrings => v.is_string() || v.is_array(),
            Kind::OneOf(allowed) => v.as_str().is_some_and(|s| allowed.contains(&s)),
            Kind::Any => true,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn opt(name: &'static str, kind: Kind) -> Key {
    Key { name, kind, required: false }
}
const fn req(name: &'static str, kind: Kind) -> Key {
    Key { name, kind, required: true }
}

use Kind::*;

const SUBSCRIPTION_STATE: &[&str] = &["opted_in", "subscribed", "all"];

static MESSAGES_SEND: &[Key] = &[
    opt("broadcast", Bool),
    opt("external_user_ids", Strings),
    opt("user_aliases", Objects),
    opt("segment_id", Str),
    opt("audience", Object),
    opt("campaign_id", Str),
    opt("send_id", Str),
    opt("override_frequency_capping", Bool),
    opt("recipient_subscription_state", OneOf(SUBSCRIPTION_STATE)),
    opt("messages", Object),
];
static MESSAGES_SCHEDULE_CREATE: &[Key] = &[
    opt("broadcast", Bool),
    opt("external_user_ids", Strings),
    opt("user_aliases", Objects),
    opt("audience", Object),
    opt("segment_id", Str),
    opt("campaign_id", Str),
    opt("send_id", Str),
    opt("override_messaging_limits", Bool),
    opt("recipient_subscription_state", OneOf(SUBSCRIPTION_STATE)),
    req("schedule", Object),
    opt("messages", Object),
];
static MESSAGES_SCHEDULE_UPDATE: &[Key] = &[req("schedule_id", Str), opt("schedule", Object), opt("messages", Object)];
static SCHEDULE_DELETE: &[Key] = &[req("schedule_id", Str)];
static CAMPAIGNS_TRIGGER_SEND: &[Key] = &[
    req("campaign_id", Str),
    opt("send_id", Str),
    opt("trigger_properties", Object),
    opt("broadcast", Bool),
    opt("audience", Object),
    opt("recipients", Objects),
    opt("attachments", Objects),
];
static CAMPAIGNS_TRIGGER_SCHEDULE_CREATE: &[Key] = &[
    req("campaign_id", Str),
    opt("send_id", Str),
    opt("recipients", Objects),
    opt("audience", Object),
    opt("broadcast", Bool),
    opt("trigger_properties", Object),
    req("schedule", Object),
];
static CAMPAIGNS_TRIGGER_SCHEDULE_UPDATE: &[Key] =
    &[req("campaign_id", Str), req("schedule_id", Str), req("schedule", Object)];
static CAMPAIGNS_TRIGGER_SCHEDULE_DELETE: &[Key] = &[req("campaign_id", Str), req("schedule_id", Str)];
static CANVAS_TRIGGER_SEND: &[Key] = &[
    req("canvas_id", Str),
    opt("context", Object),
    opt("broadcast", Bool),
    opt("audience", Object),
    opt("recipients", Objects),
];
static CANVAS_TRIGGER_SCHEDULE_CREATE: &[Key] = &[
    req("canvas_id", Str),
    opt("recipients", Objects),
    opt("audience", Object),
    opt("broadcast", Bool),
    opt("canvas_entry_properties", Object),
    req("schedule", Object),
];
static CANVAS_TRIGGER_SCHEDULE_UPDATE: &[Key] =
    &[req("canvas_id", Str), req("schedule_id", Str), req("schedule", Object)];
static CANVAS_TRIGGER_SCHEDULE_DELETE: &[Key] = &[req("canvas_id", Str), req("schedule_id", Str)];
static SENDS_ID_CREATE: &[Key] = &[req("campaign_id", Str), opt("send_id", Str)];
static TRANSACTIONAL_SEND: &[Key] =
    &[opt("external_send_id", Str), opt("trigger_properties", Object), req("recipient", Object)];
static USERS_TRACK: &[Key] = &[opt("attributes", Objects), opt("events", Objects), opt("purchases", Objects)];
static USERS_IDENTIFY: &[Key] = &[
    opt("aliases_to_identify", Objects),
    opt("emails_to_identify", Objects),
    opt("phone_numbers_to_identify", Objects),
];
static USERS_DELETE: &[Key] = &[
    opt("external_ids", Strings),
    opt("user_aliases", Objects),
    opt("braze_ids", Strings),
    opt("email_addresses", Array),
    opt("phone_numbers", Strings),
];
static USERS_ALIAS_NEW: &[Key] = &[req("user_aliases", Objects)];
static USERS_EXPORT_IDS: &[Key] = &[
    opt("external_ids", Strings),
    opt("user_aliases", Objects),
    opt("device_id", Str),
    opt("braze_id", Str),
    opt("email_address", Str),
    opt("phone", Str),
    opt("fields_to_export", Strings),
];
static SUBSCRIPTION_STATUS_SET: &[Key] = &[
    req("subscription_group_id", Str),
    req("subscription_state", OneOf(&["subscribed", "unsubscribed"])),
    opt("external_id", StrOrStrings),
    opt("email", StrOrStrings),
    opt("phone", StrOrStrings),
];
static EMAIL_STATUS: &[Key] =
    &[req("email", StrOrStrings), req("subscription_state", OneOf(&["subscribed", "unsubscribed", "opted_in"]))];
static EMAIL_BOUNCE_REMOVE: &[Key] = &[req("email", StrOrStrings)];
static V2_SUBSCRIPTION_STATUS_SET: &[Key] = &[req("subscription_groups", Objects)];

/// Keys of a recipient object (`recipients[*]` of the trigger endpoints, `recipient` of transactional sends).
static RECIPIENT: &[Key] = &[
    opt("user_alias", Object),
    opt("external_user_id", Str),
    opt("braze_id", Str),
    opt("email", Str),
    opt("prioritization", Array),
    opt("trigger_properties", Object),
    opt("canvas_entry_properties", Object),
    opt("context", Object),
    opt("send_to_existing_only", Bool),
    opt("attributes", Object),
];
static SCHEDULE: &[Key] = &[opt("time", Any), opt("in_local_time", Bool), opt("at_optimal_time", Bool)];

/// The messaging objects `messages` may hold. `in_app_message` / `slideup` are the legacy in-app objects (see
/// `messages.rs`).
pub(crate) const MESSAGING_OBJECTS: &[&str] = &[
    "android_push",
    "apple_push",
    "content_card",
    "email",
    "kindle_push",
    "web_push",
    "webhook",
    "whats_app",
    "sms",
    "in_app_message",
    "slideup",
];

/// The documented body keys of the endpoint with this catalog path.
pub(crate) fn documented(path: &str) -> Option<&'static [Key]> {
    Some(match path {
        "/messages/send" => MESSAGES_SEND,
        "/messages/schedule/create" => MESSAGES_SCHEDULE_CREATE,
        "/messages/schedule/update" => MESSAGES_SCHEDULE_UPDATE,
        "/messages/schedule/delete" => SCHEDULE_DELETE,
        "/campaigns/trigger/send" => CAMPAIGNS_TRIGGER_SEND,
        "/campaigns/trigger/schedule/create" => CAMPAIGNS_TRIGGER_SCHEDULE_CREATE,
        "/campaigns/trigger/schedule/update" => CAMPAIGNS_TRIGGER_SCHEDULE_UPDATE,
        "/campaigns/trigger/schedule/delete" => CAMPAIGNS_TRIGGER_SCHEDULE_DELETE,
        "/canvas/trigger/send" => CANVAS_TRIGGER_SEND,
        "/canvas/trigger/schedule/create" => CANVAS_TRIGGER_SCHEDULE_CREATE,
        "/canvas/trigger/schedule/update" => CANVAS_TRIGGER_SCHEDULE_UPDATE,
        "/canvas/trigger/schedule/delete" => CANVAS_TRIGGER_SCHEDULE_DELETE,
        "/sends/id/create" => SENDS_ID_CREATE,
        "/transactional/v1/campaigns/{campaign_id}/send" => TRANSACTIONAL_SEND,
        "/users/track" => USERS_TRACK,
        "/users/identify" => USERS_IDENTIFY,
        "/users/delete" => USERS_DELETE,
        "/users/alias/new" => USERS_ALIAS_NEW,
        "/users/export/ids" => USERS_EXPORT_IDS,
        "/subscription/status/set" => SUBSCRIPTION_STATUS_SET,
        "/email/status" => EMAIL_STATUS,
        "/email/bounce/remove" => EMAIL_BOUNCE_REMOVE,
        "/v2/subscription/status/set" => V2_SUBSCRIPTION_STATUS_SET,
        _ => return None,
    })
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

/// Checks the documented keys of the body of `path`: types, required keys, unknown keys, and the nested
/// objects whose shape the docs give (messages, schedule, recipients).
pub(crate) fn check(path: &str, root: &Map<String, Value>, sink: &mut Sink) {
    let Some(keys) = documented(path) else { return };
    check_object(root, "", keys, sink);
    for k in root.keys() {
        if !keys.iter().any(|d| d.name == k) {
            let names: Vec<&str> = keys.iter().map(|d| d.name).collect();
            let mut msg = format!("`{k}` is not a documented key of the {path} body");
            match suggest(k, &names) {
                Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
                None => msg.push_str(&format!(" (documented: {}).", names.join(", "))),
            }
            sink.hint("unknown_key", &join("", k), msg).at_key();
        }
    }
    let missing: Vec<&str> =
        keys.iter().filter(|d| d.required && root.get(d.name).is_none_or(Value::is_null)).map(|d| d.name).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        let verb = if missing.len() == 1 { "is" } else { "are" };
        sink.fatal("bad_request", "", format!("{list} {verb} required by Braze's docs for {path}; add it."));
    }
    if let Some(Value::Object(m)) = root.get("messages") {
        for (name, v) in m {
            let pointer = join("/messages", name);
            if MESSAGING_OBJECTS.contains(&name.as_str()) {
                if !v.is_object() && !v.is_null() {
                    sink.fatal("bad_request", &pointer, wrong_type(name, Object, v));
                }
            } else {
                let mut msg = format!("`{name}` is not one of Braze's messaging objects");
                match suggest(name, MESSAGING_OBJECTS) {
                    Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
                    None => msg.push_str(&format!(" ({}).", MESSAGING_OBJECTS[..9].join(", "))),
                }
                sink.hint("unknown_messaging_object", &pointer, msg).at_key();
            }
        }
    }
    if let Some(Value::Object(s)) = root.get("schedule") {
        check_object(s, "/schedule", SCHEDULE, sink);
    }
    if let Some(Value::Array(items)) = root.get("recipients") {
        for (i, item) in items.iter().enumerate().take(1000) {
            if let Value::Object(r) = item {
                check_object(r, &join("/recipients", &i.to_string()), RECIPIENT, sink);
            }
        }
    }
    if let Some(Value::Object(r)) = root.get("recipient") {
        check_object(r, "/recipient", RECIPIENT, sink);
    }
    if let Some(Value::Array(groups)) = root.get("subscription_groups") {
        const GROUP: &[Key] = &[
            opt("subscription_group_id", Str),
            opt("subscription_state", Str),
            opt("external_ids", Strings),
            opt("emails", Strings),
            opt("phones", Strings),
        ];
        for (i, g) in groups.iter().enumerate().take(1000) {
            if let Value::Object(g) = g {
                check_object(g, &join("/subscription_groups", &i.to_string()), GROUP, sink);
            }
        }
    }
}

/// Type checks of the documented keys present in `obj` (null counts as absent).
fn check_object(obj: &Map<String, Value>, base: &str, keys: &[Key], sink: &mut Sink) {
    for key in keys {
        let Some(v) = obj.get(key.name) else { continue };
        if v.is_null() {
            continue;
        }
        let pointer = join(base, key.name);
        if !key.kind.accepts(v) {
            sink.fatal("bad_request", &pointer, wrong_type(key.name, key.kind, v));
            continue;
        }
        if let (Kind::Strings | Kind::Objects | Kind::StrOrStrings, Value::Array(items)) = (key.kind, v) {
            let want_object = key.kind == Kind::Objects;
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

fn wrong_type(name: &str, kind: Kind, v: &Value) -> String {
    if let Some(s) = v.as_str()
        && is_doc_placeholder(s)
    {
        return format!(
            "`{name}` must be {}; \"{s}\" looks like a placeholder copied from Braze's docs — replace it with a value.",
            kind.describe()
        );
    }
    match (kind, v) {
        (Kind::Bool, Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
            format!("`{name}` must be {} without quotes; \"{s}\" is a string, not a boolean.", s.to_ascii_lowercase())
        }
        (Kind::Strings, Value::String(_)) => {
            format!("`{name}` must be an array of strings; it is a single string — wrap it in [ ].")
        }
        (Kind::Objects, Value::Object(_)) => {
            format!("`{name}` must be an array of objects; it is a single object — wrap it in [ ].")
        }
        _ => format!("`{name}` must be {}; it is {}.", kind.describe(), describe(v)),
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
