//! What the server answers to a request with a body once it is authorised, in its window and free of faults: the
//! validator's verdict, then the checks only a server can make (fixtures), then the endpoint's documented errors
//! and op ([`super::resources`]), then its success body: the hand-written one of the endpoints below where it is
//! richer than the answers file (sends, schedules, send ids, user tracking and exports), else the file's.

use axum::http::StatusCode;
use axum::http::request::Parts;
use serde_json::{Map, Value};

use super::finding::{Finding, Reply, refuse, sentence, unknown_campaign};
use super::limits::MAX_STORED_FIELD;
use super::resources::Request;
use super::shallow::{self, Node};
use super::state::Shared;
use super::store::{Evicted, Schedule};
use super::{ids, users};
use crate::catalog::Endpoint;
use crate::validate::{self, Diagnostic, Severity};

/// POST, PUT, PATCH, DELETE (catalog endpoint `e`): validate the body with the shared rules, apply the fixtures and
/// the answers file, answer. What the session forgot to make room for what this request stored is pushed to
/// `evicted`.
pub(crate) fn post(
    s: &Shared,
    e: usize,
    ep: &'static Endpoint,
    parts: &Parts,
    body: &[u8],
    now: jiff::Timestamp,
    evicted: &mut Vec<Evicted>,
) -> Reply {
    let path = parts.uri.path();
    let Ok(text) = std::str::from_utf8(body) else {
        let at = std::str::from_utf8(body).err().map_or(0, |e| e.valid_up_to());
        let why = format!("the body is not UTF-8 text (invalid byte at offset {at})");
        return refuse(vec![Finding::row(s, &s.rows.bad_request, why)], &[]);
    };
    let ctx = validate::Context::new(now, s.timezone.clone());
    // The method and the concrete path: a PUT, PATCH or DELETE body is checked against its own entry, and the
    // path's parameters as the client's validator checks them.
    let report = validate::check(&format!("{} {path}", ep.method), text, &ctx);
    let mut findings: Vec<Finding> = report.fatal().map(|d| Finding::diagnostic(s, d)).collect();
    let minors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity == Severity::Minor).collect();
    let node = shallow::parse(text);
    // Fixture checks need an object; anything else the validator has already refused as `bad_request`.
    let body = node.as_ref().filter(|n| n.as_obj().is_some());
    if let Some(b) = body {
        findings.extend(fixture_checks(s, ep, path, b));
    }
    if !findings.is_empty() {
        return refuse(findings, &minors);
    }
    let req = Request::new(path, parts.uri.query(), &parts.headers, text.as_bytes());
    let documented = match s.resources.answer(e, ep, &req, now, &|| s.next_thing_id(), evicted) {
        Err(refusal) => return refusal,
        Ok(reply) => reply,
    };
    if HAND_WRITTEN.contains(&ep.path.as_str()) {
        return success(s, ep, path, body.unwrap_or(&Node::Null), &minors, evicted);
    }
    with_minors(documented, &minors)
}

/// The answers file's success, with the validator's minor diagnostics added to its `errors` as sentences (where
/// the body is an object whose `errors`, if any, is a list).
fn with_minors((status, mut body): Reply, minors: &[&Diagnostic]) -> Reply {
    if let Value::Object(m) = &mut body
        && !minors.is_empty()
    {
        let errors = m.entry("errors").or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = errors {
            list.extend(minors.iter().map(|d| Value::String(sentence(d))));
        }
    }
    (status, body)
}

/// Checks that need the server's data. Campaign ids are checked wherever a body names one.
fn fixture_checks(s: &Shared, ep: &Endpoint, path: &str, b: &Node) -> Vec<Finding> {
    let mut out = Vec::new();
    let campaign_id = if ep.path.contains("{campaign_id}") {
        path_param(&ep.path, path, "{campaign_id}")
    } else {
        b.str_at("campaign_id")
    };
    if ep.path == "/sends/id/create" && campaign_id.is_none() {
        out.push(Finding::row(s, &s.rows.bad_request, "campaign_id is required to create a send id".into()));
    }
    if let Some(cid) = campaign_id {
        match s.fixtures.campaign(cid) {
            None => out.push(Finding::row(s, &s.rows.invalid_campaign_id, unknown_campaign(s, cid))),
            Some(c) => {
                for (channel, obj) in b.get("messages").and_then(Node::as_obj).unwrap_or_default() {
                    let Some(vid) = obj.str_at("message_variation_id") else { continue };
                    match c.variation(vid) {
                        None => out.push(Finding::row(
                            s,
                            &s.rows.invalid_message_variant,
                            format!("message_variation_id {vid:?} of messages.{channel} is not a variation of {cid:?}"),
                        )),
                        Some(v) if v.channel != *channel => out.push(Finding::row(
                            s,
                            &s.rows.mismatched_message_type,
                            format!(
                                "variation {vid:?} of {cid:?} sends {}, but it is used for messages.{channel}",
                                v.channel
                            ),
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
    }
    if SCHEDULE_CREATE.contains(&ep.path.as_str()) || SCHEDULE_UPDATE.contains(&ep.path.as_str()) {
        out.extend(oversized_fields(s, b));
    }
    if ep.path == "/subscription/status/set" && b.get("email").is_some() && b.get("phone").is_some() {
        // Braze's documented answer, which is not a row of the table.
        out.push(Finding::outside_table(
            s.rows.bad_request.status,
            "Either an email address or a phone number should be provided, but not both.",
            "give email or phone, not both",
        ));
    }
    out
}

/// The session keeps what a schedule names; each field is bounded so that [`super::Limits::max_schedules`]
/// schedules stay small and listing them stays fast. (A `campaign_id` must be one of the fixtures' already.)
fn oversized_fields(s: &Shared, b: &Node) -> Vec<Finding> {
    let time = b.get("schedule").and_then(|n| n.str_at("time"));
    [("canvas_id", b.str_at("canvas_id")), ("schedule.time", time)]
        .into_iter()
        .filter_map(|(name, v)| Some((name, v?.len())))
        .filter(|(_, len)| *len > MAX_STORED_FIELD)
        .map(|(name, len)| {
            let why = format!(
                "{name} is {len} bytes; the mock keeps at most {MAX_STORED_FIELD} (Braze's ids are 36-character UUIDs)"
            );
            Finding::row(s, &s.rows.bad_request, why)
        })
        .collect()
}

/// The concrete segment of `path` at the place of `placeholder` in `pattern`.
fn path_param<'p>(pattern: &str, path: &'p str, placeholder: &str) -> Option<&'p str> {
    let i = pattern.split('/').position(|seg| seg == placeholder)?;
    path.split('/').nth(i).filter(|s| !s.is_empty())
}

/// The endpoints whose success body is written here: richer than their answers file's (ids made per request,
/// counts of what was processed, the schedules and send ids a session keeps).
const HAND_WRITTEN: &[&str] = &[
    "/messages/send",
    "/campaigns/trigger/send",
    "/canvas/trigger/send",
    "/messages/schedule/create",
    "/campaigns/trigger/schedule/create",
    "/canvas/trigger/schedule/create",
    "/messages/schedule/update",
    "/campaigns/trigger/schedule/update",
    "/canvas/trigger/schedule/update",
    "/messages/schedule/delete",
    "/campaigns/trigger/schedule/delete",
    "/canvas/trigger/schedule/delete",
    "/sends/id/create",
    "/transactional/v1/campaigns/{campaign_id}/send",
    "/users/track",
    "/users/identify",
    "/users/alias/new",
    "/users/delete",
    "/users/export/ids",
];

const MESSAGING: &[&str] = &["/messages/send", "/campaigns/trigger/send", "/canvas/trigger/send"];
const SCHEDULE_CREATE: &[&str] =
    &["/messages/schedule/create", "/campaigns/trigger/schedule/create", "/canvas/trigger/schedule/create"];
const SCHEDULE_UPDATE: &[&str] =
    &["/messages/schedule/update", "/campaigns/trigger/schedule/update", "/canvas/trigger/schedule/update"];
const SCHEDULE_DELETE: &[&str] =
    &["/messages/schedule/delete", "/campaigns/trigger/schedule/delete", "/canvas/trigger/schedule/delete"];

fn success(
    s: &Shared,
    ep: &Endpoint,
    path: &str,
    b: &Node,
    minors: &[&Diagnostic],
    evicted: &mut Vec<Evicted>,
) -> Reply {
    let mut m = Map::new();
    m.insert("message".into(), "success".into());
    let mut errors: Vec<Value> = Vec::new();
    let p = ep.path.as_str();
    if MESSAGING.contains(&p) {
        m.insert("dispatch_id".into(), s.next_id(ids::DISPATCH).into());
        echo_send_id(s, b, &mut m, evicted);
    } else if SCHEDULE_CREATE.contains(&p) {
        let dispatch_id = s.next_id(ids::DISPATCH);
        let schedule_id = s.next_id(ids::SCHEDULE);
        let schedule = b.get("schedule");
        let kind = if p.starts_with("/canvas") { "Canvas" } else { "Campaign" };
        let target = b.str_at("canvas_id").or(b.str_at("campaign_id")).map(str::to_string);
        let added = s.schedules.lock().unwrap_or_else(|e| e.into_inner()).add(Schedule {
            id: schedule_id.clone(),
            dispatch_id: dispatch_id.clone(),
            kind,
            target,
            time: schedule.and_then(|n| n.str_at("time")).map(str::to_string),
            in_local_time: matches!(schedule.and_then(|n| n.get("in_local_time")), Some(Node::Bool(true))),
        });
        evicted.extend(added);
        m.insert("dispatch_id".into(), dispatch_id.into());
        m.insert("schedule_id".into(), schedule_id.into());
        echo_send_id(s, b, &mut m, evicted);
    } else if SCHEDULE_UPDATE.contains(&p) {
        if let (Some(id), Some(time)) = (b.str_at("schedule_id"), b.get("schedule").and_then(|n| n.str_at("time"))) {
            s.schedules.lock().unwrap_or_else(|e| e.into_inner()).set_time(id, time);
        }
    } else if SCHEDULE_DELETE.contains(&p) {
        if let Some(id) = b.str_at("schedule_id") {
            s.schedules.lock().unwrap_or_else(|e| e.into_inner()).delete(id);
        }
    } else if p == "/sends/id/create" {
        let send_id = b.str_at("send_id").map(str::to_string).unwrap_or_else(|| s.next_id(ids::SEND));
        // A send id that is not ASCII or too long was refused before this (a documented rule).
        if let Some(c) = b.str_at("campaign_id") {
            evicted.extend(s.remember_send(c, &send_id));
        }
        m.insert("send_id".into(), send_id.into());
    } else if p.starts_with("/transactional/") {
        m.insert("dispatch_id".into(), s.next_id(ids::DISPATCH).into());
        m.insert("status".into(), "queued".into());
        let mut meta = Map::new();
        if let Some(x) = b.str_at("external_send_id") {
            meta.insert("external_send_id".into(), x.into());
        }
        if let Some(c) = path_param(&ep.path, path, "{campaign_id}") {
            meta.insert("campaign_id".into(), c.into());
        }
        m.insert("metadata".into(), meta.into());
    } else if p == "/users/track" {
        users::track(b, minors, &mut m, &mut errors);
    } else if p == "/users/identify" {
        m.insert("aliases_processed".into(), b.len_at("aliases_to_identify").into());
    } else if p == "/users/alias/new" {
        m.insert("aliases_processed".into(), b.len_at("user_aliases").into());
    } else if p == "/users/delete" {
        let n = b.len_at("external_ids") + b.len_at("user_aliases") + b.len_at("braze_ids");
        m.insert("deleted".into(), n.into());
    } else if p == "/users/export/ids" {
        users::export(s, b, &mut m);
    }
    // Minor diagnostics the server-side checks already report (same item) are not repeated.
    let reported: Vec<String> = errors.iter().filter_map(users::pointer_of).collect();
    errors.extend(
        minors
            .iter()
            .filter(|d| !reported.iter().any(|r| d.pointer == *r || d.pointer.starts_with(&format!("{r}/"))))
            .map(|d| Value::String(sentence(d))),
    );
    if !errors.is_empty() {
        m.insert("errors".into(), errors.into());
    }
    (StatusCode::from_u16(ep.success).unwrap_or(s.rows.success), Value::Object(m))
}

fn echo_send_id(s: &Shared, b: &Node, m: &mut Map<String, Value>, evicted: &mut Vec<Evicted>) {
    if let Some(send) = b.str_at("send_id") {
        m.insert("send_id".into(), send.into());
        if let Some(c) = b.str_at("campaign_id") {
            evicted.extend(s.remember_send(c, send));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_param_reads_the_placeholder_segment() {
        let pat = "/transactional/v1/campaigns/{campaign_id}/send";
        assert_eq!(path_param(pat, "/transactional/v1/campaigns/abc/send", "{campaign_id}"), Some("abc"));
        assert_eq!(path_param(pat, "/transactional/v1/campaigns//send", "{campaign_id}"), None);
        assert_eq!(path_param("/messages/send", "/messages/send", "{campaign_id}"), None);
    }
}
