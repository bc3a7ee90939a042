//! What the server answers once a request is authorised, in its window and free of faults: the validator's
//! verdict, then the checks only a server can make (fixtures), then the success body of the endpoint.

use std::collections::HashMap;

use axum::http::{StatusCode, Uri};
use serde_json::{Map, Value, json};

use super::finding::{Finding, Reply, refuse, sentence, unknown_campaign};
use super::limits::MAX_STORED_FIELD;
use super::shallow::{self, Node};
use super::state::Shared;
use super::store::{Evicted, Schedule};
use super::{ids, series, users};
use crate::catalog::Endpoint;
use crate::validate::{self, Diagnostic, Severity};

/// POST: validate the body with the shared rules, apply the fixtures, answer. What the session forgot to make room
/// for what this request stored is pushed to `evicted`.
pub(crate) fn post(
    s: &Shared,
    ep: &'static Endpoint,
    path: &str,
    body: &[u8],
    now: jiff::Timestamp,
    evicted: &mut Vec<Evicted>,
) -> Reply {
    let Ok(text) = std::str::from_utf8(body) else {
        let at = std::str::from_utf8(body).err().map_or(0, |e| e.valid_up_to());
        let why = format!("the body is not UTF-8 text (invalid byte at offset {at})");
        return refuse(vec![Finding::row(s, &s.rows.bad_request, why)], &[]);
    };
    let ctx = validate::Context::new(now, s.timezone.clone());
    // The concrete path, so its parameters are checked as the client's validator checks them.
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
    success(s, ep, path, body.unwrap_or(&Node::Null), &minors, evicted)
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

const MESSAGING: &[&str] = &["/messages/send", "/campaigns/trigger/send", "/canvas/trigger/send"];
const SCHEDULE_CREATE: &[&str] =
    &["/messages/schedule/create", "/campaigns/trigger/schedule/create", "/canvas/trigger/schedule/create"];
const SCHEDULE_UPDATE: &[&str] =
    &["/messages/schedule/update", "/campaigns/trigger/schedule/update", "/canvas/trigger/schedule/update"];
const SCHEDULE_DELETE: &[&str] =
    &["/messages/schedule/delete", "/campaigns/trigger/schedule/delete", "/canvas/trigger/schedule/delete"];

/// Braze does not track a send id the validator finds too long or not ASCII: the mock does not remember it either.
fn trackable(minors: &[&Diagnostic]) -> bool {
    !minors.iter().any(|d| d.error == "send_id_too_long" || d.error == "send_id_not_ascii")
}

fn success(
    s: &Shared,
    ep: &Endpoint,
    path: &str,
    b: &Node,
    minors: &[&Diagnostic],
    evicted: &mut Vec<Evicted>,
) -> Reply {
    let track = trackable(minors);
    let mut m = Map::new();
    m.insert("message".into(), "success".into());
    let mut errors: Vec<Value> = Vec::new();
    let p = ep.path.as_str();
    if MESSAGING.contains(&p) {
        m.insert("dispatch_id".into(), s.next_id(ids::DISPATCH).into());
        echo_send_id(s, b, &mut m, track, evicted);
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
        echo_send_id(s, b, &mut m, track, evicted);
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
        if let Some(c) = b.str_at("campaign_id")
            && track
        {
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
        users::track(b, &mut m, &mut errors);
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
    (s.rows.success, Value::Object(m))
}

fn echo_send_id(s: &Shared, b: &Node, m: &mut Map<String, Value>, track: bool, evicted: &mut Vec<Evicted>) {
    if let Some(send) = b.str_at("send_id") {
        m.insert("send_id".into(), send.into());
        if let Some(c) = b.str_at("campaign_id")
            && track
        {
            evicted.extend(s.remember_send(c, send));
        }
    }
}

/// GET: the query checked by the shared rules (as a POST body is), then the endpoint's export.
pub(crate) fn get(s: &Shared, ep: &Endpoint, uri: &Uri, now: jiff::Timestamp) -> Reply {
    let q: HashMap<String, String> =
        axum::extract::Query::try_from_uri(uri).map(|axum::extract::Query(q)| q).unwrap_or_default();
    let target = match uri.query() {
        Some(query) => format!("{} {}?{query}", ep.method, uri.path()),
        None => format!("{} {}", ep.method, uri.path()),
    };
    let report = validate::check(&target, "", &validate::Context::new(now, s.timezone.clone()));
    // A query has no lines and columns to point at: the sentence alone.
    let wrong: Vec<Finding> = report.fatal().map(|d| Finding::diagnostic(s, d).saying(d.message.clone())).collect();
    if !wrong.is_empty() {
        return refuse(wrong, &[]);
    }
    let found = match ep.path.as_str() {
        "/sends/data_series" => series::sends(s, &q, now),
        "/campaigns/data_series" => series::campaigns(s, &q, now),
        "/campaigns/list" => series::list(s, &q),
        "/campaigns/details" => series::details(s, &q),
        "/messages/scheduled_broadcasts" => Ok(scheduled(s, &q)),
        "/email/hard_bounces" => hard_bounces(s, &q),
        _ => Ok(json!({ "message": "success" })),
    };
    match found {
        Ok(v) => (StatusCode::OK, v),
        Err(f) => refuse(vec![f], &[]),
    }
}

fn scheduled(s: &Shared, q: &HashMap<String, String>) -> Value {
    let end: Option<jiff::Timestamp> = q.get("end_time").and_then(|t| t.parse().ok());
    let tz = s.fixtures.timezone.clone();
    let list: Vec<Value> = s
        .schedules
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|x| match (end, x.time.as_deref().and_then(|t| t.parse::<jiff::Timestamp>().ok())) {
            (Some(end), Some(t)) => t <= end,
            _ => true,
        })
        .map(|x| {
            json!({
                "name": format!("API schedule {}", x.id),
                "id": x.target.clone().unwrap_or_else(|| x.id.clone()),
                "type": x.kind,
                "tags": [],
                "next_send_time": x.time,
                "schedule_type": if x.in_local_time { "local_time_zones".to_string() } else { tz.clone() },
                "schedule_id": x.id,
                "dispatch_id": x.dispatch_id,
            })
        })
        .collect();
    json!({ "scheduled_broadcasts": list, "message": "success" })
}

fn hard_bounces(s: &Shared, q: &HashMap<String, String>) -> Result<Value, Finding> {
    let bad = |why: String| Finding::row(s, &s.rows.bad_request, why);
    let date = |name: &str| -> Result<Option<jiff::civil::Date>, Finding> {
        q.get(name)
            .map(|v| v.parse::<jiff::civil::Date>().map_err(|_| bad(format!("{name} {v:?} is not a YYYY-MM-DD date"))))
            .transpose()
    };
    let (start, end) = (date("start_date")?, date("end_date")?);
    let limit = match q.get("limit") {
        None => 100,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=500).contains(n))
            .ok_or_else(|| bad(format!("limit {v:?} must be 1 to 500")))?,
    };
    let offset = match q.get("offset") {
        None => 0,
        Some(v) => v.parse::<usize>().map_err(|_| bad(format!("offset {v:?} must be a whole number")))?,
    };
    let emails: Vec<Value> = s
        .fixtures
        .hard_bounces
        .iter()
        .filter(|b| q.get("email").is_none_or(|e| e.eq_ignore_ascii_case(&b.email)))
        .filter(|b| {
            let day = b.at.parse::<jiff::Timestamp>().map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date()).ok();
            day.is_some_and(|d| start.is_none_or(|s| d >= s) && end.is_none_or(|e| d <= e))
        })
        .skip(offset)
        .take(limit)
        .map(|b| json!({ "email": b.email, "hard_bounced_at": b.at }))
        .collect();
    Ok(json!({ "emails": emails, "message": "success" }))
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
