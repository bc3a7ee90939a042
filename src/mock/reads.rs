//! What the server answers to a GET once it is authorised, in its window and free of faults: the query checked by
//! the validator's rules, then the endpoint's documented errors and op ([`super::resources`]), then its success
//! body: the hand-written one of the exports below where it is richer than the answers file (data series made
//! from the fixtures, the session's schedules, hard bounces filtered by the query), else the file's.

use std::collections::HashMap;

use axum::http::request::Parts;
use serde_json::{Value, json};

use super::finding::{Finding, Reply, refuse};
use super::resources::Request;
use super::series;
use super::state::Shared;
use super::store::Evicted;
use crate::catalog::Endpoint;
use crate::validate;

/// GET of catalog endpoint `e`: the query checked by the shared rules (as a POST body is), then the endpoint's
/// documented errors, then its answer.
pub(crate) fn get(
    s: &Shared,
    e: usize,
    ep: &Endpoint,
    parts: &Parts,
    now: jiff::Timestamp,
    evicted: &mut Vec<Evicted>,
) -> Reply {
    let uri = &parts.uri;
    let q: HashMap<String, String> =
        axum::extract::Query::try_from_uri(uri).map(|axum::extract::Query(q)| q).unwrap_or_default();
    // The concrete path, so its parameters are checked as the client's validator checks them.
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
    let req = Request::new(uri.path(), uri.query(), &parts.headers, b"");
    let (status, documented) = match s.resources.answer(e, ep, &req, now, &|| s.next_thing_id(), evicted) {
        Err(refusal) => return refusal,
        Ok(reply) => reply,
    };
    let found = match ep.path.as_str() {
        "/sends/data_series" => series::sends(s, &q, now),
        "/campaigns/data_series" => series::campaigns(s, &q, now),
        "/campaigns/list" => series::list(s, &q),
        "/campaigns/details" => series::details(s, &q),
        "/messages/scheduled_broadcasts" => Ok(scheduled(s, &q)),
        "/email/hard_bounces" => hard_bounces(s, &q),
        _ => Ok(documented),
    };
    match found {
        Ok(v) => (status, v),
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

/// The kind of the answers files that keeps the hard-bounce list (seeded from the fixtures' `[[hard_bounce]]`).
pub(crate) const HARD_BOUNCE: &str = "hard_bounce";

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
    // The store's list: the fixtures' bounces, less those `/email/bounce/remove` removed.
    let text = |b: &Value, k: &str| b.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let emails: Vec<Value> = s
        .resources
        .list(HARD_BOUNCE, "")
        .into_iter()
        .filter(|b| q.get("email").is_none_or(|e| e.eq_ignore_ascii_case(&text(b, "email"))))
        .filter(|b| {
            let at = text(b, "hard_bounced_at").parse::<jiff::Timestamp>();
            let day = at.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date()).ok();
            day.is_some_and(|d| start.is_none_or(|s| d >= s) && end.is_none_or(|e| d <= e))
        })
        .skip(offset)
        .take(limit)
        .map(|b| json!({ "email": text(&b, "email"), "hard_bounced_at": text(&b, "hard_bounced_at") }))
        .collect();
    Ok(json!({ "emails": emails, "message": "success" }))
}
