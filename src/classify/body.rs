//! Reading a response body: JSON object, HTML page (a proxy or load balancer), plain text, or nothing.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a response body was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// JSON (Braze always answers JSON).
    #[default]
    Json,
    /// An HTML page: a proxy, load balancer or CDN answered, not Braze's API.
    Html,
    /// Something that is neither JSON nor HTML.
    Text,
    /// No body, or only white space.
    Empty,
}

impl BodyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Html => "html",
            BodyKind::Text => "text",
            BodyKind::Empty => "empty",
        }
    }
}

/// The fields of a body that classification reads.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub kind: BodyKind,
    pub message: Option<String>,
    pub minor_errors: Vec<String>,
    pub send_id: Option<String>,
    pub dispatch_id: Option<String>,
    pub schedule_id: Option<String>,
    pub notice: Option<String>,
    /// Where an export's file will be (`url`).
    pub url: Option<String>,
    /// The strings that may name an endpoint-specific error: a top-level `error`, a top-level `detail` (the SCIM
    /// endpoints answer errors as RFC 7644 says: `{"schemas": […], "detail": "User not found", "status": 404}`),
    /// and each item of `errors` (a string, or an object's `id`, `message`, `code` and `error_code`).
    pub wire_words: Vec<String>,
    /// Top-level keys of a JSON object body.
    pub keys: Vec<String>,
}

pub(super) fn parse(body: &[u8], headers: &[(String, String)]) -> Parsed {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return Parsed { kind: BodyKind::Empty, ..Parsed::default() };
    }
    match serde_json::from_slice::<TopLevel>(trimmed) {
        Ok(TopLevel::Object(fields)) => {
            let get = |k: &str| fields.read.iter().find(|(n, _)| *n == k).map(|(_, v)| v);
            Parsed {
                kind: BodyKind::Json,
                message: get("message").and_then(scalar),
                minor_errors: get("errors").map(minor_errors).unwrap_or_default(),
                send_id: get("send_id").and_then(scalar),
                dispatch_id: get("dispatch_id").and_then(scalar),
                schedule_id: get("schedule_id").and_then(scalar),
                notice: get("notice").and_then(scalar),
                url: get("url").and_then(scalar),
                wire_words: wire_words(&[get("error"), get("detail")], get("errors")),
                keys: fields.keys,
            }
        }
        Ok(TopLevel::Other) => Parsed { kind: BodyKind::Json, ..Parsed::default() },
        // An object that stops early is a body cut at `max_body_bytes` (Braze answers whole JSON): read what
        // arrived, so it is explained as the whole body would be.
        Err(e) if e.is_eof() && trimmed.first() == Some(&b'{') => cut(trimmed),
        Err(_) if is_html(trimmed, headers) => Parsed { kind: BodyKind::Html, ..Parsed::default() },
        Err(_) => Parsed { kind: BodyKind::Text, ..Parsed::default() },
    }
}

/// What the first part of a cut object says.
fn cut(text: &[u8]) -> Parsed {
    let members = super::cut::members(text).unwrap_or_default();
    let get = |k: &str| members.iter().rev().find(|(n, _)| n == k).and_then(|(_, v)| v.clone());
    Parsed {
        kind: BodyKind::Json,
        message: get("message"),
        send_id: get("send_id"),
        dispatch_id: get("dispatch_id"),
        schedule_id: get("schedule_id"),
        notice: get("notice"),
        url: get("url"),
        wire_words: [get("error"), get("detail")].into_iter().flatten().collect(),
        keys: members.into_iter().map(|(k, _)| k).collect(),
        ..Parsed::default()
    }
}

/// The top-level fields classification reads. Everything else is skipped while parsing (`IgnoredAny`), so a
/// 10 MiB export body costs a scan, not a 10 MiB tree of `Value`s.
const READ: [&str; 9] =
    ["message", "errors", "send_id", "dispatch_id", "schedule_id", "notice", "error", "url", "detail"];

enum TopLevel {
    Object(Fields),
    Other,
}

struct Fields {
    read: Vec<(&'static str, Value)>,
    keys: Vec<String>,
}

impl<'de> serde::Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TopLevel, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TopLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
                let mut fields = Fields { read: Vec::new(), keys: Vec::new() };
                while let Some(key) = map.next_key::<String>()? {
                    match READ.iter().find(|r| **r == key) {
                        Some(r) => {
                            let v = map.next_value::<Value>()?;
                            // A repeated key: the last one wins, as with serde_json's own maps.
                            fields.read.retain(|(n, _)| n != r);
                            fields.read.push((r, v));
                        }
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    // No de-duplication: readers only ask "is this key present", and a linear check here would make
                    // an object with many keys quadratic.
                    fields.keys.push(key);
                }
                Ok(TopLevel::Object(fields))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TopLevel, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TopLevel::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<TopLevel, E> {
                Ok(TopLevel::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<TopLevel, E> {
                Ok(TopLevel::Other)
            }
            fn visit_unit<E>(self) -> Result<TopLevel, E> {
                Ok(TopLevel::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// A string field, or a number/bool written as text; `null` and structures are not values we can show as one line.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `errors` as Braze documents it (an array of strings), plus what `/users/track` sends (objects) and the odd
/// single string or object.
fn minor_errors(v: &Value) -> Vec<String> {
    let item = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    match v {
        Value::Array(items) => items.iter().filter_map(item).collect(),
        other => item(other).into_iter().collect(),
    }
}

/// See [`Parsed::wire_words`].
fn wire_words(tops: &[Option<&Value>], errors: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = tops.iter().filter_map(|v| v.and_then(scalar)).collect();
    let mut item = |v: &Value| match v {
        Value::String(s) => out.push(s.clone()),
        Value::Object(o) => {
            out.extend(["id", "message", "code", "error_code"].iter().filter_map(|k| o.get(*k).and_then(scalar)))
        }
        _ => {}
    };
    match errors {
        Some(Value::Array(items)) => items.iter().take(50).for_each(item),
        Some(other) => item(other),
        None => {}
    }
    out
}

fn is_html(body: &[u8], headers: &[(String, String)]) -> bool {
    let declared = headers.iter().any(|(n, v)| {
        n.trim().eq_ignore_ascii_case("content-type") && v.trim().to_ascii_lowercase().starts_with("text/html")
    });
    if declared {
        return true;
    }
    let head = &body[..body.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.starts_with('<')
        && ["<html", "<!doctype html", "<head", "<body", "<title", "<h1", "<center"].iter().any(|t| head.contains(t))
}

/// Top-level keys of a shape's example. Examples copy the documentation and may hold placeholders such as
/// `[<minor error message>]`, so when they do not parse the keys are read from the text: a quoted name followed by `:`.
pub(super) fn example_keys(example: &str) -> Vec<String> {
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(example) {
        return map.keys().cloned().collect();
    }
    let mut keys = Vec::new();
    let mut rest = example;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let name = &after[..end];
        let tail = &after[end + 1..];
        if tail.trim_start().starts_with(':') && !keys.iter().any(|k| k == name) {
            keys.push(name.to_string());
        }
        rest = tail;
    }
    keys
}
