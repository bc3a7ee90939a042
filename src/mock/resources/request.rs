//! The parts of a request the engine reads (path values percent-decoded, query values, headers, the JSON body),
//! and what a [`Locator`] finds in them.

use axum::http::HeaderMap;
use serde_json::Value;

use super::spec::Locator;

pub(crate) struct Request<'a> {
    segments: Vec<String>,
    query: Vec<(String, String)>,
    pub headers: &'a HeaderMap,
    /// The body as JSON; `Null` when there is none (or it is not JSON, which the validator refused already).
    pub body: Value,
}

/// A name a locator found, and the object it names (the array element of a `*` pointer).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Named<'v> {
    pub id: String,
    pub element: Option<&'v Value>,
}

impl<'a> Request<'a> {
    pub fn new(path: &str, query: Option<&str>, headers: &'a HeaderMap, body: &[u8]) -> Request<'a> {
        let segments =
            path.split('/').map(|s| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned());
        let query = url::form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned().collect();
        let body = if body.trim_ascii().is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(body).unwrap_or(Value::Null)
        };
        Request { segments: segments.collect(), query, headers, body }
    }

    /// The first value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The names `loc` finds: one for a path value or query value, one per element for a `*` pointer, none when
    /// the request does not carry it. `New` finds nothing: the caller makes the id.
    pub fn names(&self, loc: &Locator) -> Vec<Named<'_>> {
        match loc {
            Locator::Param { index, .. } => self.segments.get(*index).map(|s| named(s.clone())).into_iter().collect(),
            Locator::Query(q) => self.query(q).map(|s| named(s.to_string())).into_iter().collect(),
            Locator::Pointer(p) => {
                let segs: Vec<String> = p.split('/').skip(1).map(unescape).collect();
                let mut found = Vec::new();
                walk(&self.body, &segs, None, &mut found);
                found.into_iter().filter_map(|(v, element)| Some(Named { id: text(v)?, element })).collect()
            }
            Locator::New => Vec::new(),
        }
    }

    /// The one name `loc` finds (the first), for a parent.
    pub fn name(&self, loc: &Locator) -> Option<String> {
        self.names(loc).into_iter().next().map(|n| n.id)
    }

    /// The value at a plain pointer of the body (no `*`).
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() { Some(&self.body) } else { self.body.pointer(pointer) }
    }

    /// The path segment at `index`, decoded.
    pub fn segment(&self, index: usize) -> Option<&str> {
        self.segments.get(index).map(String::as_str)
    }
}

fn named<'v>(id: String) -> Named<'v> {
    Named { id, element: None }
}

/// A name as text: strings as they are, numbers written out; anything else names nothing.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// RFC 6901: `~1` is `/`, `~0` is `~`.
fn unescape(seg: &str) -> String {
    seg.replace("~1", "/").replace("~0", "~")
}

/// Every value at `segs` below `v`, with the element of the last `*` passed on the way.
fn walk<'v>(v: &'v Value, segs: &[String], element: Option<&'v Value>, out: &mut Vec<(&'v Value, Option<&'v Value>)>) {
    let Some((seg, rest)) = segs.split_first() else {
        out.push((v, element));
        return;
    };
    if seg == "*" {
        if let Value::Array(items) = v {
            for item in items {
                walk(item, rest, Some(item), out);
            }
        }
        return;
    }
    let next = match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    };
    if let Some(n) = next {
        walk(n, rest, element, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_find_path_query_and_each_element() {
        let h = HeaderMap::new();
        let body = br#"{"items":[{"id":"a","n":1},{"id":7},{"x":1}],"one":{"name":"b"}}"#;
        let r = Request::new("/catalogs/caf%C3%A9%20bar/items", Some("card_id=c%201&x=2"), &h, body);
        let param = Locator::Param { index: 2, name: "catalog_name".into() };
        assert_eq!(r.name(&param).as_deref(), Some("café bar"));
        assert_eq!(r.name(&Locator::Query("card_id".into())).as_deref(), Some("c 1"));
        assert_eq!(r.name(&Locator::Query("nope".into())), None);
        let each = r.names(&Locator::Pointer("/items/*/id".into()));
        let ids: Vec<&str> = each.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "7"]);
        assert_eq!(each[0].element.and_then(|e| e.get("n")), Some(&Value::from(1)));
        assert_eq!(r.name(&Locator::Pointer("/one/name".into())).as_deref(), Some("b"));
        assert!(r.names(&Locator::Pointer("/items/*/id/*".into())).is_empty());
    }

    #[test]
    fn no_body_is_null_and_finds_nothing() {
        let h = HeaderMap::new();
        let r = Request::new("/x", None, &h, b"");
        assert_eq!(r.body, Value::Null);
        assert!(r.names(&Locator::Pointer("/a".into())).is_empty());
    }
}
