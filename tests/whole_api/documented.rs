//! The documented errors of `assets/mock/answers/*.toml`, read by the test itself (not by the mock's loader), and
//! the request that meets each: built from the endpoint's template.

use serde::Deserialize;
use serde_json::Value;

use super::wire::Req;
use brazen::catalog::Endpoint;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    answer: Vec<Answer>,
}

#[derive(Deserialize, Clone)]
pub struct Answer {
    pub endpoint: String,
    pub id: Option<String>,
    pub parent: Option<String>,
    #[serde(default)]
    pub error: Vec<Error>,
}

#[derive(Deserialize, Clone)]
pub struct Error {
    pub row: String,
    pub when: String,
    pub at: Option<String>,
    pub max: Option<usize>,
}

/// Every `[[answer]]` of the answers files.
pub fn answers() -> Vec<Answer> {
    brazen::catalog::mock_answers()
        .iter()
        .flat_map(|(name, text)| {
            let f: File = brazen::catalog::syntax::read(name, text).unwrap_or_else(|e| panic!("{e}"));
            f.answer
        })
        .collect()
}

/// How the request meets the error: what to change in the template, and whether to send it once first.
pub struct Plan {
    pub req: Req,
    /// Send `req` once before (a create that then exists, a job that then runs).
    pub twice: bool,
}

pub fn plan(ep: &Endpoint, a: &Answer, e: &Error) -> Plan {
    let mut req = Req::template(ep);
    let mut twice = false;
    match e.when.as_str() {
        "header_missing" => {
            let at = e.at.as_deref().unwrap();
            req.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(at));
        }
        "too_many" => {
            let at = e.at.as_deref().unwrap();
            // /users/delete takes one kind of identifier per request: the template's kind gives way to the one tested.
            if ep.path == "/users/delete"
                && let Value::Object(m) = &mut req.body
            {
                m.retain(|k, _| format!("/{k}") == at || k == "prioritization");
            }
            too_many(&mut req, at, e.max.unwrap())
        }
        // In the form the endpoint's ids take (a documented rule refuses any other before the lookup).
        "parent_missing" => rename(ep, &mut req, a.parent.as_deref().unwrap(), unknown_name(ep, "no-such-parent")),
        // A transactional send names a campaign the fixtures know: one that is not transactional.
        "missing" if ep.path.contains("{campaign_id}") => {
            rename(ep, &mut req, a.id.as_deref().unwrap(), "campaign-push")
        }
        "missing" => rename(ep, &mut req, a.id.as_deref().unwrap(), unknown_name(ep, "no-such-thing")),
        "exists" | "busy" => twice = true,
        other => panic!("{}: unknown when {other}", ep.key()),
    }
    Plan { req, twice }
}

/// Makes the array at `at` one longer than `max`: copies of its first element (each copy's string members get a
/// suffix so that items named by id stay distinct), or for an array the template lacks, names of our own.
fn too_many(req: &mut Req, at: &str, max: usize) {
    let first = req.body.pointer(at).and_then(|v| v.get(0)).cloned();
    let item = |i: usize| match &first {
        Some(Value::Object(o)) => {
            let mut o = o.clone();
            for k in ["id", "external_id", "name", "alias_name"] {
                if let Some(Value::String(s)) = o.get(k) {
                    let renamed = format!("{s}-{i}");
                    o.insert(k.to_string(), Value::String(renamed));
                }
            }
            Value::Object(o)
        }
        Some(Value::String(s)) => Value::String(format!("{i}{s}")),
        Some(other) => other.clone(),
        None if at.ends_with("user_aliases") => {
            serde_json::json!({ "alias_name": format!("a{i}"), "alias_label": "l" })
        }
        None if at.ends_with("email_addresses") || at.ends_with("/email") => Value::String(format!("u{i}@example.com")),
        None if at.ends_with("phone_numbers") || at.ends_with("/phone") => Value::String(format!("+1415555{i:04}")),
        None => Value::String(format!("id-{i}")),
    };
    // The template's first item stays as it is (a catalog's `id` field must stay first); copies follow it.
    let items: Vec<Value> =
        (0..=max).map(|i| if i == 0 { first.clone().unwrap_or_else(|| item(0)) } else { item(i) }).collect();
    set_at(&mut req.body, at, Value::Array(items));
}

/// Puts `value` where the locator `loc` (`{param}`, `/pointer` with `*`, `?query`) names a thing.
fn rename(ep: &Endpoint, req: &mut Req, loc: &str, value: &str) {
    if loc.starts_with('{') {
        let i = ep.path.split('/').position(|s| s == loc).unwrap();
        req.segments[i] = value.to_string();
    } else if let Some(q) = loc.strip_prefix('?') {
        req.query.retain(|(k, _)| k != q);
        req.query.push((q.to_string(), value.to_string()));
    } else {
        let segs: Vec<&str> = loc.split('/').skip(1).collect();
        set_each(&mut req.body, &segs, value);
    }
}

fn set_each(v: &mut Value, segs: &[&str], value: &str) {
    match segs.split_first() {
        None => *v = Value::String(value.to_string()),
        Some((&"*", rest)) => {
            if let Value::Array(items) = v {
                items.iter_mut().for_each(|i| set_each(i, rest, value));
            }
        }
        Some((seg, rest)) => {
            if let Some(next) = v.as_object_mut().map(|o| o.entry(seg.to_string()).or_insert(Value::Null)) {
                set_each(next, rest, value);
            }
        }
    }
}

/// Sets the value at a plain pointer, making objects on the way.
fn set_at(v: &mut Value, pointer: &str, value: Value) {
    let segs: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut at = v;
    for seg in &segs[..segs.len() - 1] {
        at = match at {
            Value::Array(a) => &mut a[seg.parse::<usize>().unwrap()],
            other => other.as_object_mut().unwrap().entry(seg.to_string()).or_insert(Value::Object(Default::default())),
        };
    }
    at.as_object_mut().unwrap().insert(segs[segs.len() - 1].to_string(), value);
}

/// A name nothing has: `plain`, or a UUID nobody made where the endpoint's ids are UUIDs (CDI integrations).
fn unknown_name(ep: &Endpoint, plain: &'static str) -> &'static str {
    if ep.path.contains("{integration_id}") { "00000000-0000-4000-8000-00000000dead" } else { plain }
}
