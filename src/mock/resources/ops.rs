//! The ops of the answers files: what a success changes in the store, and where the stored things go in the
//! documented success body.

use serde_json::{Map, Value, json};

use super::request::{Named, Request};
use super::spec::{Answer, Locator, Op, Thing};
use super::store::{Store, TooBig};
use crate::mock::store::Evicted;

/// What an op needs besides the answer: the request, the parent it names, the store and the clock.
pub(crate) struct Ctx<'r, 'a> {
    pub req: &'r Request<'a>,
    pub parent: &'r str,
    /// UTC epoch seconds.
    pub now: i64,
}

/// The object a create, update, replace or start stores for `named`: the `*` element, else the body (or the part
/// `data` points at); a name that is not an object stores `{}`. Only `fields` are kept when the answer lists them.
pub(crate) fn object(t: &Thing, req: &Request, named: Option<&Named>) -> Value {
    let base = match (named.and_then(|n| n.element), &t.data) {
        (Some(e), _) => e.clone(),
        (None, Some(p)) => req.at(p).cloned().unwrap_or(Value::Null),
        (None, None) => req.body.clone(),
    };
    let Value::Object(mut m) = base else { return json!({}) };
    if !t.fields.is_empty() {
        m.retain(|k, _| t.fields.contains(k));
    }
    Value::Object(m)
}

/// Applies the answer's op and returns its success body. `new_id` makes the id of a thing Braze names itself.
pub(crate) fn apply(
    a: &Answer,
    t: &Thing,
    c: &Ctx,
    store: &mut Store,
    new_id: &dyn Fn() -> String,
    evicted: &mut Vec<Evicted>,
) -> Result<Value, TooBig> {
    let mut body = a.body.clone();
    let names = || match &t.id {
        Some(Locator::New) => vec![Named { id: new_id(), element: None }],
        Some(l) => c.req.names(l),
        None => Vec::new(),
    };
    let Some(op) = t.op else { return Ok(body) };
    match op {
        Op::Create | Op::Update | Op::Replace | Op::Start => {
            let mut stored = Vec::new();
            for n in names() {
                let mut obj = object(t, c.req, Some(&n));
                if let Some(p) = &t.assign {
                    set(&mut obj, p, Value::String(n.id.clone()));
                    if t.id == Some(Locator::New) {
                        set(&mut body, p, Value::String(n.id.clone()));
                    }
                }
                // A create of a thing that exists (where no `exists` error is documented) updates it: Braze's
                // upserts (`/users/track`) work so.
                let data = match (op, store.get(t.kind, c.parent, &n.id)) {
                    (Op::Update | Op::Create, Some(old)) => merged(old.clone(), obj),
                    _ => obj,
                };
                let until = (op == Op::Start).then_some(c.now + t.seconds);
                store.put(t.kind, c.parent, &n.id, data.clone(), until, evicted)?;
                stored.push(data);
            }
            if let Some(list) = &t.list {
                place(&mut body, list, stored, false);
            }
        }
        Op::Get => {
            let found = names().first().and_then(|n| store.get(t.kind, c.parent, &n.id)).cloned();
            if let (Some(list), Some(thing)) = (&t.list, found) {
                place(&mut body, list, vec![thing], false);
            }
        }
        Op::List => {
            let wanted = t.filter.as_deref().and_then(|q| c.req.query(q)).and_then(scim_filter);
            let things: Vec<Value> = store
                .list(t.kind, c.parent)
                .into_iter()
                .filter(|v| {
                    wanted.as_ref().is_none_or(|(p, value)| v.pointer(p).and_then(Value::as_str) == Some(value))
                })
                .cloned()
                .collect();
            if let Some(p) = &t.count {
                set(&mut body, p, things.len().into());
            }
            if let Some(list) = &t.list {
                place(&mut body, list, things, true);
            }
        }
        Op::Delete => {
            for n in names() {
                store.remove(t.kind, c.parent, &n.id);
            }
        }
    }
    Ok(body)
}

/// A SCIM filter of the one form Braze supports, `member eq "value"` (`name.givenName` for a nested member), as
/// (JSON pointer, value). Anything else filters nothing.
fn scim_filter(f: &str) -> Option<(String, String)> {
    let lower = f.to_ascii_lowercase();
    let at = lower.find(" eq ")?;
    let member = f[..at].trim();
    let value = f[at + 4..].trim().strip_prefix('"')?.strip_suffix('"')?;
    let ok = !member.is_empty() && member.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    ok.then(|| (format!("/{}", member.replace('.', "/")), value.replace("\\\"", "\"")))
}

/// Puts `things` at `list` in `body`: the whole body for `""` (keeping the documented `message`), an array where
/// the body has one (or for a list), else the one thing.
fn place(body: &mut Value, list: &str, things: Vec<Value>, many: bool) {
    if list.is_empty() {
        let message = body.get("message").cloned();
        let Some(mut thing) = (if many { Some(Value::Array(things)) } else { things.into_iter().next() }) else {
            return;
        };
        if let (Some(m), Value::Object(o)) = (message, &mut thing) {
            o.entry("message").or_insert(m);
        }
        *body = thing;
        return;
    }
    let array = many || body.pointer(list).is_some_and(Value::is_array);
    let value = if array { Value::Array(things) } else { things.into_iter().next().unwrap_or(Value::Null) };
    set(body, list, value);
}

/// Sets the value at `pointer`, making the objects on the way when they are missing. A pointer through something
/// that is not an object (or an array index that is not there) sets nothing.
pub(crate) fn set(target: &mut Value, pointer: &str, value: Value) {
    let mut at = target;
    let segs: Vec<String> = pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect();
    let Some((last, path)) = segs.split_last() else {
        *at = value;
        return;
    };
    for seg in path {
        at = match at {
            Value::Object(m) => m.entry(seg.clone()).or_insert_with(|| Value::Object(Map::new())),
            Value::Array(a) => match seg.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
    }
    match at {
        Value::Object(m) => {
            m.insert(last.clone(), value);
        }
        Value::Array(a) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                *slot = value;
            }
        }
        _ => {}
    }
}

/// JSON Merge Patch (RFC 7386): objects merge member by member, `null` removes a member, anything else replaces.
pub(crate) fn merged(old: Value, patch: Value) -> Value {
    match (old, patch) {
        (Value::Object(mut o), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    o.remove(&k);
                } else {
                    let before = o.remove(&k).unwrap_or(Value::Null);
                    o.insert(k, merged(before, v));
                }
            }
            Value::Object(o)
        }
        (_, patch) => patch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_patch_merges_objects_and_removes_nulls() {
        let old = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": [1]});
        let patch = json!({"b": {"c": 9, "d": null}, "e": [2], "f": "new"});
        assert_eq!(merged(old, patch), json!({"a": 1, "b": {"c": 9}, "e": [2], "f": "new"}));
    }

    #[test]
    fn scim_filters_of_the_eq_form_are_read() {
        assert_eq!(scim_filter(r#"userName eq "a@b.com""#), Some(("/userName".into(), "a@b.com".into())));
        assert_eq!(scim_filter(r#"name.givenName EQ "Mi na""#), Some(("/name/givenName".into(), "Mi na".into())));
        assert_eq!(scim_filter("userName co \"a\""), None);
        assert_eq!(scim_filter("userName eq a"), None);
    }

    #[test]
    fn place_fills_arrays_whole_bodies_and_single_spots() {
        let mut b = json!({"items": [], "message": "success"});
        place(&mut b, "/items", vec![json!({"id": "x"})], false);
        assert_eq!(b, json!({"items": [{"id": "x"}], "message": "success"}));
        let mut b = json!({"message": "success", "other": 1});
        place(&mut b, "", vec![json!({"id": "x"})], false);
        assert_eq!(b, json!({"id": "x", "message": "success"}));
        let mut b = json!({"a": {}});
        set(&mut b, "/a/b/c", json!(1));
        set(&mut b, "/a/b/c/d", json!(2));
        assert_eq!(b, json!({"a": {"b": {"c": 1}}}));
    }
}
