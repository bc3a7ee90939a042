//! Values that were obviously never filled in: a `{{variable}}` nobody resolved or a placeholder copied from the
//! docs, where Braze needs a real identifier. In a query value or an object's id (campaign, canvas, send, catalog,
//! template …) it is fatal, since Braze finds nothing by that name; in a user's id it is a hint, since Braze would
//! accept it and record or message a user literally called `{{user}}`. Message content is left alone: Liquid
//! (`{{${first_name}}}`, `{% … %}`) belongs there. (Path parameters: [`crate::request::path`].)

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::syntax::is_doc_placeholder;
use super::text::BodyText;
use crate::i18n::{Table as _, fill};

/// The first `{{name}}` in `s` whose name could be a variable (`[A-Za-z_][A-Za-z0-9_.-]*`): Liquid's
/// `{{${first_name}}}` and Postman's `{{$guid}}` do not qualify.
pub(crate) fn variable(s: &str) -> Option<&str> {
    // Most values have no brace at all: a byte search answers them without building a substring searcher.
    if !s.as_bytes().contains(&b'{') {
        return None;
    }
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let end = after.find("}}")?;
        let name = after[..end].trim();
        let mut chars = name.chars();
        if chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return Some(&rest[i..i + 2 + end + 2]);
        }
        rest = after;
    }
    None
}

/// Whether `s` is not a value but a stand-in for one.
pub(crate) fn is_unfilled(s: &str) -> bool {
    variable(s).is_some() || is_doc_placeholder(s)
}

/// Keys whose members are the caller's own (properties, message content): never checked here.
const FREE_FORM: &[&str] =
    &["trigger_properties", "canvas_entry_properties", "context", "properties", "messages", "extra", "content"];

/// User identifiers: a placeholder there is a hint (Braze takes any string as a user id).
const USER_IDS: &[&str] =
    &["external_id", "external_user_id", "external_user_ids", "braze_id", "user_id", "user_ids", "alias_name"];

fn id_like(key: &str) -> bool {
    key == "id" || key.ends_with("_id") || key.ends_with("_ids") || key.ends_with("_identifier")
}

/// The ids of the body's top level and of the objects one level down.
pub(crate) fn body(root: &Map<String, Value>, sink: &mut Sink) {
    members(root, &Within::Body, sink);
    for (k, v) in root.iter().filter(|(k, _)| !FREE_FORM.contains(&k.as_str())) {
        match v {
            Value::Object(m) => members(m, &Within::Member(k), sink),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().take(1000) {
                    if let Value::Object(m) = item {
                        members(m, &Within::Item(k, i), sink);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The object whose members are read; its pointer is made only for a value not filled in, since ids are checked
/// on every keystroke.
enum Within<'a> {
    Body,
    Member(&'a str),
    Item(&'a str, usize),
}

impl Within<'_> {
    fn pointer(&self, key: &str) -> String {
        let base = match self {
            Within::Body => String::new(),
            Within::Member(k) => join("", k),
            Within::Item(k, i) => join(&join("", k), &i.to_string()),
        };
        join(&base, key)
    }
}

fn members(obj: &Map<String, Value>, within: &Within, sink: &mut Sink) {
    for (k, v) in obj.iter().filter(|(k, _)| id_like(k) || USER_IDS.contains(&k.as_str())) {
        match v {
            Value::String(s) if is_unfilled(s) => one(k, s, &within.pointer(k), sink),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().take(1000) {
                    if let Value::String(s) = item
                        && is_unfilled(s)
                    {
                        one(k, s, &join(&within.pointer(k), &i.to_string()), sink);
                    }
                }
            }
            _ => {}
        }
    }
}

fn one(key: &str, s: &str, pointer: &str, sink: &mut Sink) {
    if sink.has(pointer) {
        return;
    }
    let t = BodyText::get(sink.lang);
    let shown = variable(s).unwrap_or(s);
    if USER_IDS.contains(&key) {
        sink.hint("unfilled_value", pointer, fill(t.unfilled_user_id, &[("key", &key), ("value", &shown)]));
    } else {
        sink.fatal("bad_request", pointer, fill(t.unfilled_id, &[("key", &key), ("value", &shown)]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity::{Fatal, Hint};
    use super::super::tests::run;
    use super::*;

    #[test]
    fn variables_are_told_from_liquid_and_dynamic_values() {
        assert_eq!(variable("{{campaign_identifier}}"), Some("{{campaign_identifier}}"));
        assert_eq!(variable("cmp-{{ env.id }}-x"), Some("{{ env.id }}"));
        assert_eq!(variable("{{${first_name}}}"), None);
        assert_eq!(variable("{{$guid}}"), None);
        assert_eq!(variable("{% if x %}{{x}}{% endif %}"), Some("{{x}}"));
        assert_eq!(variable("plain"), None);
        assert!(is_unfilled("<your campaign id>") && !is_unfilled("cmp-1"));
    }

    #[test]
    fn an_unfilled_object_id_is_fatal_a_user_id_a_hint_and_content_is_left_alone() {
        let d = run(
            "/campaigns/trigger/send",
            r#"{"campaign_id": "{{campaign_identifier}}", "recipients": [{"external_user_id": "{{user}}"}],
                "trigger_properties": {"coupon_id": "{{coupon}}"}}"#,
        );
        assert!(d.contains(&(Fatal, "bad_request".into(), "/campaign_id".into())), "{d:?}");
        assert!(d.contains(&(Hint, "unfilled_value".into(), "/recipients/0/external_user_id".into())), "{d:?}");
        assert!(!d.iter().any(|x| x.2.starts_with("/trigger_properties")), "{d:?}");
        let d = run(
            "/messages/send",
            r#"{"external_user_ids": ["u-1"], "messages": {"email": {"app_id": "a", "from": "A <a@b.co>",
                "subject": "Hi {{${first_name}}}", "body": "{% if x %}{{campaign_id}}{% endif %}"}}}"#,
        );
        assert!(!d.iter().any(|x| x.1 == "unfilled_value" || x.1 == "bad_request"), "{d:?}");
    }

    #[test]
    fn an_unfilled_query_value_and_path_parameter_are_named() {
        let r = super::super::check(
            "GET /campaigns/details?campaign_id={{campaign_identifier}}",
            "",
            &super::super::tests::ctx(),
        );
        let d = r.fatal().next().expect("fatal");
        assert!(d.message.contains("{{campaign_identifier}}"), "{}", d.message);
        let r = super::super::check("DELETE /catalogs/%7B%7Bcatalog%7D%7D", "", &super::super::tests::ctx());
        assert!(r.fatal().any(|d| d.error == "not_found"), "{:?}", r.diagnostics);
    }
}
