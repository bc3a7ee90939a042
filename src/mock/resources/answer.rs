//! One `[[answer]]` of the answers files, checked against its catalog endpoint: its op and locators, the pointers
//! it names, and each `[[answer.error]]` (a row of the error table that belongs to the endpoint, a known `when`
//! with what it needs). Messages say what is wrong; [`super::load`] adds the file and the entry.

use axum::http::{HeaderName, StatusCode};
use serde::Deserialize;
use serde_json::Value;

use super::spec::{Answer, KindSpec, Locator, Op, Thing, Trigger, When};
use crate::catalog::{self, Endpoint};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAnswer {
    pub endpoint: String,
    status: u16,
    body: String,
    resource: Option<String>,
    op: Option<String>,
    id: Option<String>,
    parent: Option<String>,
    list: Option<String>,
    count: Option<String>,
    filter: Option<String>,
    data: Option<String>,
    #[serde(default)]
    fields: Vec<String>,
    assign: Option<String>,
    unique: Option<String>,
    seconds: Option<i64>,
    #[serde(default)]
    error: Vec<RawError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawError {
    row: String,
    when: String,
    at: Option<String>,
    max: Option<usize>,
    body: String,
}

/// How long a `start` op's job runs unless the answer says `seconds`.
pub(crate) const DEFAULT_JOB_SECONDS: i64 = 60;

pub(crate) fn answer(
    raw: &RawAnswer,
    ep: &Endpoint,
    kinds: &[KindSpec],
    kind_index: &dyn Fn(&str) -> Option<usize>,
) -> Result<Answer, String> {
    if raw.status != ep.success {
        return Err(format!("status {} is not the documented success status {}", raw.status, ep.success));
    }
    let status = StatusCode::from_u16(raw.status).map_err(|e| format!("status {}: {e}", raw.status))?;
    let body: Value = serde_json::from_str(&raw.body).map_err(|e| format!("body is not JSON: {e}"))?;
    let thing = match &raw.resource {
        None => {
            let stray = [&raw.op, &raw.id, &raw.parent, &raw.list, &raw.count, &raw.data, &raw.assign, &raw.unique];
            if stray.iter().any(|f| f.is_some()) || raw.filter.is_some() || !raw.fields.is_empty() {
                return Err(
                    "op, id, parent, list, count, filter, data, fields, assign and unique need a `resource`".into()
                );
            }
            None
        }
        Some(kind) => Some(thing(raw, ep, kind_index(kind).ok_or_else(|| format!("kind {kind:?} is not declared"))?)?),
    };
    let mut errors = Vec::new();
    for (n, e) in raw.error.iter().enumerate() {
        let t = trigger(e, ep, thing.as_ref(), kinds)
            .map_err(|m| format!("[[answer.error]] #{} ({} {}): {m}", n + 1, e.row, e.when))?;
        errors.push(t);
    }
    errors.sort_by_key(|t| t.when.order());
    Ok(Answer { status, body, thing, errors })
}

fn thing(raw: &RawAnswer, ep: &Endpoint, kind: usize) -> Result<Thing, String> {
    let op = match &raw.op {
        None => None,
        Some(o) => Some(Op::NAMES.iter().find(|(n, _)| n == o).map(|(_, op)| *op).ok_or_else(|| {
            let names: Vec<&str> = Op::NAMES.iter().map(|(n, _)| *n).collect();
            format!("unknown op {o:?}; expected one of {}", names.join(", "))
        })?),
    };
    let id = raw.id.as_deref().map(|l| locator(l, ep, "id")).transpose()?;
    let parent = raw.parent.as_deref().map(|l| locator(l, ep, "parent")).transpose()?;
    if parent == Some(Locator::New) {
        return Err("parent cannot be `new`".into());
    }
    match (op, &id) {
        (Some(Op::List), Some(_)) => return Err("a list op takes no id".into()),
        (Some(Op::List), None) => {}
        (_, None) => return Err("an id is needed (\"{param}\", \"/pointer\", \"?query\" or \"new\")".into()),
        (Some(Op::Create), Some(Locator::New)) if raw.assign.is_none() => {
            return Err("id = \"new\" needs `assign`: where the generated id is written".into());
        }
        (op, Some(Locator::New)) if op != Some(Op::Create) => return Err("only a create takes id = \"new\"".into()),
        _ => {}
    }
    let pointers = [
        ("list", &raw.list),
        ("count", &raw.count),
        ("data", &raw.data),
        ("assign", &raw.assign),
        ("unique", &raw.unique),
    ];
    for (name, p) in pointers {
        if let Some(p) = p
            && !(p.is_empty() && name == "list")
            && !p.starts_with('/')
        {
            return Err(format!("{name} = {p:?} is not a JSON pointer (\"/a/b\")"));
        }
    }
    let starred = matches!(&id, Some(Locator::Pointer(p)) if p.split('/').any(|s| s == "*"));
    if starred && raw.data.is_some() {
        return Err("data cannot be given with a `*` id: each element is the stored object".into());
    }
    let filter = match raw.filter.as_deref() {
        None => None,
        Some(f) if op != Some(Op::List) => return Err(format!("filter = {f:?} is for a list op")),
        Some(f) => {
            Some(f.strip_prefix('?').filter(|q| !q.is_empty()).ok_or(format!("filter = {f:?} is not \"?query\""))?)
        }
    };
    if raw.seconds.is_some() && op != Some(Op::Start) {
        return Err("seconds is for a start op".into());
    }
    let seconds = raw.seconds.unwrap_or(DEFAULT_JOB_SECONDS);
    if seconds <= 0 {
        return Err(format!("seconds = {seconds} must be positive"));
    }
    Ok(Thing {
        kind,
        op,
        id,
        parent,
        list: raw.list.clone(),
        count: raw.count.clone(),
        filter: filter.map(str::to_string),
        data: raw.data.clone(),
        fields: raw.fields.clone(),
        assign: raw.assign.clone(),
        unique: raw.unique.clone(),
        seconds,
    })
}

/// `{param}`, `/pointer`, `?query` or `new`.
fn locator(text: &str, ep: &Endpoint, what: &str) -> Result<Locator, String> {
    if let Some(name) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        let index = ep.path.split('/').position(|s| s == text);
        return match index {
            Some(index) => Ok(Locator::Param { index, name: name.to_string() }),
            None => Err(format!("{what} = {text:?}: the path {} has no such parameter", ep.path)),
        };
    }
    if text.starts_with('/') {
        return Ok(Locator::Pointer(text.to_string()));
    }
    if let Some(q) = text.strip_prefix('?').filter(|q| !q.is_empty()) {
        return Ok(Locator::Query(q.to_string()));
    }
    if text == "new" && what == "id" {
        return Ok(Locator::New);
    }
    Err(format!("{what} = {text:?}: expected \"{{param}}\", \"/json/pointer\", \"?query\" or \"new\""))
}

fn trigger(e: &RawError, ep: &Endpoint, thing: Option<&Thing>, kinds: &[KindSpec]) -> Result<Trigger, String> {
    let row = catalog::errors().row(&e.row).ok_or("not a row of assets/errors.toml or assets/errors/")?;
    if !row.endpoints.is_empty() && !row.endpoints.iter().any(|k| k == ep.key()) {
        return Err(format!("the row belongs to {}, not to this endpoint", row.endpoints.join(", ")));
    }
    let status = StatusCode::from_u16(row.status).map_err(|x| format!("status {}: {x}", row.status))?;
    let need = |what: &str| format!("`{}` needs {what}", e.when);
    let op = thing.and_then(|t| t.op);
    let named = thing.is_some_and(|t| t.id.as_ref().is_some_and(|id| *id != Locator::New));
    let when = match e.when.as_str() {
        "header_missing" => {
            let at = e.at.as_deref().ok_or_else(|| need("`at`, the header's name"))?;
            When::HeaderMissing(
                HeaderName::from_bytes(at.as_bytes()).map_err(|_| format!("{at:?} is not a header name"))?,
            )
        }
        "too_many" => {
            let at = e.at.clone().filter(|a| a.starts_with('/')).ok_or_else(|| need("`at`, the array's pointer"))?;
            When::TooMany { at, max: e.max.ok_or_else(|| need("`max`"))? }
        }
        // A fresh id names nothing stored yet: only `unique` can find the thing already there.
        "missing" if named => When::Missing,
        "parent_missing" if thing.is_some_and(|t| t.parent.is_some() && kinds[t.kind].parent.is_some()) => {
            When::ParentMissing
        }
        "exists" if op == Some(Op::Create) && (named || thing.is_some_and(|t| t.unique.is_some())) => When::Exists,
        "busy" if op == Some(Op::Start) && named => When::Busy,
        "missing" => return Err(need("a `resource` with an `id` other than \"new\"")),
        "parent_missing" => return Err(need("a `parent`, and a `[[kind]]` whose `parent` names the parent's kind")),
        "exists" => return Err(need("op = \"create\", and `unique` with id = \"new\"")),
        "busy" => return Err(need("op = \"start\" and an `id` other than \"new\"")),
        other => return Err(format!("unknown when {other:?}; expected one of {}", When::NAMES.join(", "))),
    };
    // The body must stay JSON whatever the placeholders are filled with.
    let sample = ep.path_params().fold(e.body.clone(), |b, p| b.replace(&format!("{{{p}}}"), "x"));
    serde_json::from_str::<Value>(&sample).map_err(|x| format!("body is not JSON: {x}"))?;
    Ok(Trigger { row: row.id.clone(), status, when, body: e.body.clone() })
}
