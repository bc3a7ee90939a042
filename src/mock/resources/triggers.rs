//! The documented errors of an answer (`[[answer.error]]`): which one a request meets, and its body with the
//! request's values filled in.

use axum::http::StatusCode;
use serde_json::Value;

use super::ops::object;
use super::request::Request;
use super::spec::{Answer, KindSpec, Locator, Trigger, When};
use super::store::Store;
use crate::catalog::Endpoint;

/// The first documented error `req` meets, in [`When::order`], as (status, body).
pub(crate) fn first(
    a: &Answer,
    ep: &Endpoint,
    kinds: &[KindSpec],
    req: &Request,
    parent: &str,
    store: &Store,
    now: i64,
) -> Option<(StatusCode, Value)> {
    let t = a.errors.iter().find(|t| meets(t, a, kinds, req, parent, store, now))?;
    Some((t.status, body(t, ep, req)))
}

fn meets(t: &Trigger, a: &Answer, kinds: &[KindSpec], req: &Request, parent: &str, store: &Store, now: i64) -> bool {
    let thing = a.thing.as_ref();
    let names = || thing.and_then(|th| th.id.as_ref()).map(|l| req.names(l)).unwrap_or_default();
    match &t.when {
        When::HeaderMissing(h) => req.headers.get(h).is_none_or(|v| v.as_bytes().trim_ascii().is_empty()),
        When::TooMany { at, max } => req.at(at).and_then(Value::as_array).is_some_and(|items| items.len() > *max),
        When::ParentMissing => {
            let parent_kind = thing.and_then(|th| kinds[th.kind].parent);
            parent_kind.is_some_and(|pk| !store.exists_anywhere(pk, parent))
        }
        When::Missing => {
            let Some(th) = thing else { return false };
            let named = names();
            // A single name the request leaves out names nothing the store has; an empty `*` list names nothing.
            let single = !matches!(&th.id, Some(Locator::Pointer(p)) if p.split('/').any(|s| s == "*"));
            (named.is_empty() && single) || named.iter().any(|n| store.get(th.kind, parent, &n.id).is_none())
        }
        When::Exists => {
            let Some(th) = thing else { return false };
            match &th.unique {
                Some(u) => object(th, req, None).pointer(u).is_some_and(|v| store.taken(th.kind, parent, u, v)),
                None => names().iter().any(|n| store.get(th.kind, parent, &n.id).is_some()),
            }
        }
        When::Busy => {
            let Some(th) = thing else { return false };
            names().iter().any(|n| store.running(th.kind, parent, &n.id, now))
        }
    }
}

/// The error body with each `{param}` of the path replaced by the request's value, written as the inside of a
/// JSON string (the placeholders stand inside quotes), so any value keeps the body JSON.
fn body(t: &Trigger, ep: &Endpoint, req: &Request) -> Value {
    let mut text = t.body.clone();
    for (index, seg) in ep.path.split('/').enumerate() {
        if !(seg.starts_with('{') && seg.ends_with('}')) {
            continue;
        }
        let value = req.segment(index).unwrap_or("");
        let quoted = serde_json::to_string(value).unwrap_or_default();
        let inner = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
        text = text.replace(seg, inner);
    }
    serde_json::from_str(&text).unwrap_or_else(|_| serde_json::json!({ "message": t.row }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn placeholders_are_filled_as_json_string_contents() {
        let ep = crate::catalog::endpoints()
            .endpoints
            .iter()
            .find(|e| e.key() == "DELETE /catalogs/{catalog_name}")
            .expect("in the catalog");
        let t = Trigger {
            row: "catalog_not_found".into(),
            status: StatusCode::NOT_FOUND,
            when: When::Missing,
            body: r#"{"parameter_values":["{catalog_name}"]}"#.into(),
        };
        let h = HeaderMap::new();
        let req = Request::new("/catalogs/say%20%22hi%22%5C", None, &h, b"");
        assert_eq!(body(&t, ep, &req), serde_json::json!({ "parameter_values": ["say \"hi\"\\"] }));
    }
}
