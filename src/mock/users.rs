//! `/users/track` item checks and `/users/export/ids` bodies.
//!
//! Braze's documentation says bad objects of `/users/track` come back as minor `errors` while the rest succeed,
//! but does not spell the items out. We answer `{"type": <what is wrong>, "input_array": "attributes",
//! "index": <0-based position>}`, the shape a widely used client's tests show for this response; the `type`
//! sentences are our own wording.

use serde_json::{Map, Value, json};

use super::ids;
use super::shallow::Node;
use super::state::Shared;
use crate::validate::Diagnostic;

/// The arrays of `/users/track` whose objects are processed one by one.
const ARRAYS: &[&str] = &["attributes", "events", "purchases"];

/// Counts the good objects of each array into `<array>_processed` and lists the bad ones in `errors`. Which are
/// bad is the validator's verdict (`minors`: the documented rules of `/users/track`, minor there because Braze
/// skips the object and processes the rest), so the mock and a prediction agree object for object.
pub(crate) fn track(b: &Node, minors: &[&Diagnostic], m: &mut Map<String, Value>, errors: &mut Vec<Value>) {
    for array in ARRAYS {
        let Some(items) = b.get(array).and_then(Node::as_arr) else { continue };
        let mut processed = 0usize;
        for i in 0..items.len() {
            let at = format!("/{array}/{i}");
            let inside = |d: &&&Diagnostic| d.pointer == at || d.pointer.starts_with(&format!("{at}/"));
            match minors.iter().find(inside) {
                Some(d) => errors.push(json!({ "type": d.message, "input_array": array, "index": i })),
                None => processed += 1,
            }
        }
        m.insert(format!("{array}_processed"), processed.into());
    }
}

/// The JSON pointer of a `/users/track` minor-error item (`/attributes/1`), so a validator diagnostic about the
/// same object is not listed twice.
pub(crate) fn pointer_of(e: &Value) -> Option<String> {
    let array = e.get("input_array")?.as_str()?;
    let index = e.get("index")?.as_u64()?;
    Some(format!("/{array}/{index}"))
}

/// Plausible user records for the ids asked for: the same id always gives the same record for a seed.
pub(crate) fn export(s: &Shared, b: &Node, m: &mut Map<String, Value>) {
    let record = |key: &str, id_field: Value| {
        let h = ids::hash(s.seed, ids::USER, ids::str_hash(key));
        let created = jiff::Timestamp::from_second(1_700_000_000 + (h % 50_000_000) as i64).unwrap_or_default();
        let mut u = json!({
            "braze_id": ids::hex_id(s.seed, ids::USER, ids::str_hash(key))[..24],
            "created_at": created.to_string(),
            "first_name": "Sandbox",
            "last_name": format!("User {}", h % 1000),
            "time_zone": s.fixtures.timezone,
            "total_revenue": (h % 10_000) as f64 / 100.0,
        });
        if let (Some(obj), Value::Object(id)) = (u.as_object_mut(), id_field) {
            obj.extend(id);
        }
        u
    };
    let mut users: Vec<Value> = Vec::new();
    let mut invalid: Vec<Value> = Vec::new();
    for id in b.get("external_ids").and_then(Node::as_arr).unwrap_or_default() {
        match id.as_str() {
            Some(x) if !x.is_empty() => users.push(record(x, json!({ "external_id": x }))),
            _ => invalid.push(node_json(id)),
        }
    }
    for a in b.get("user_aliases").and_then(Node::as_arr).unwrap_or_default() {
        match (a.str_at("alias_name"), a.str_at("alias_label")) {
            (Some(n), Some(l)) => users.push(record(
                &format!("{l}\u{0}{n}"),
                json!({ "user_aliases": [{ "alias_name": n, "alias_label": l }] }),
            )),
            _ => invalid.push(node_json(a)),
        }
    }
    for id in [b.get("braze_id"), b.get("email_address"), b.get("phone")].into_iter().flatten() {
        if let Some(x) = id.as_str() {
            users.push(record(x, json!({})));
        }
    }
    m.insert("users".into(), users.into());
    m.insert("invalid_user_ids".into(), invalid.into());
}

fn node_json(n: &Node) -> Value {
    match n {
        Node::Str(s) => Value::String(s.to_string()),
        Node::Num(x) => json!(x),
        Node::Bool(x) => json!(x),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::super::shallow::parse;
    use super::*;

    #[test]
    fn bad_objects_are_the_validators_minor_findings_and_the_rest_count() {
        let text = r#"{"attributes": [{"external_id": "a", "x": 1}, {"first_name": "no id"}],
                "events": [{"external_id": "a", "name": "e", "time": "2026-01-01T00:00:00Z"}, {"braze_id": "b", "name": "e"}],
                "purchases": []}"#;
        let ctx = crate::validate::Context::new(jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC);
        let report = crate::validate::check("POST /users/track", text, &ctx);
        let minors: Vec<&Diagnostic> =
            report.diagnostics.iter().filter(|d| d.severity == crate::validate::Severity::Minor).collect();
        let (mut m, mut errors) = (Map::new(), Vec::new());
        track(&parse(text).unwrap(), &minors, &mut m, &mut errors);
        assert_eq!((m["attributes_processed"].clone(), m["events_processed"].clone()), (json!(1), json!(1)));
        assert_eq!(m["purchases_processed"], 0);
        let at: Vec<(String, u64)> = errors
            .iter()
            .map(|e| (e["input_array"].as_str().unwrap().to_string(), e["index"].as_u64().unwrap()))
            .collect();
        assert_eq!(at, [("attributes".into(), 1), ("events".into(), 1)]);
        assert!(errors.iter().all(|e| minors.iter().any(|d| e["type"] == d.message.as_str())), "{errors:?}");
        assert_eq!(pointer_of(&errors[1]).as_deref(), Some("/events/1"));
    }

    #[test]
    fn arrays_left_out_are_not_reported() {
        let b = parse(r#"{"events": [{"external_id": "a", "name": "e", "time": "t"}]}"#).unwrap();
        let (mut m, mut errors) = (Map::new(), Vec::new());
        track(&b, &[], &mut m, &mut errors);
        assert!(!m.contains_key("attributes_processed"));
        assert_eq!(m["events_processed"], 1);
        assert!(errors.is_empty());
    }
}
