//! Export endpoints: `/sends/data_series`, `/campaigns/data_series`, `/campaigns/list`, `/campaigns/details`.
//! Numbers are plausible and deterministic: a function of the seed, the send or campaign id and the day, so the
//! same day shows the same figures whatever `length` asks for.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::finding::{Finding, unknown_campaign};
use super::fixtures::Campaign;
use super::ids;
use super::state::Shared;

type Query = HashMap<String, String>;

fn bad(s: &Shared, why: String) -> Finding {
    Finding::row(s, &s.rows.bad_request, why)
}

fn campaign<'s>(s: &'s Shared, q: &Query) -> Result<&'s Campaign, Finding> {
    let cid = q.get("campaign_id").map(String::as_str).unwrap_or_default();
    s.fixtures.campaign(cid).ok_or_else(|| Finding::row(s, &s.rows.invalid_campaign_id, unknown_campaign(s, cid)))
}

/// `length` (1–100 days, as documented) and the last day (`ending_at`, default today in UTC).
fn days(s: &Shared, q: &Query, now: jiff::Timestamp) -> Result<Vec<jiff::civil::Date>, Finding> {
    let raw = q.get("length").map(String::as_str).unwrap_or_default();
    let length: i64 = raw
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| bad(s, format!("length {raw:?} must be a whole number of days from 1 to 100")))?;
    let end = match q.get("ending_at") {
        None => now.to_zoned(jiff::tz::TimeZone::UTC).date(),
        Some(v) => match v.parse::<jiff::Timestamp>() {
            Ok(t) => t.to_zoned(jiff::tz::TimeZone::UTC).date(),
            Err(_) => v
                .parse::<jiff::civil::Date>()
                .map_err(|_| bad(s, format!("ending_at {v:?} is not an ISO 8601 date or time")))?,
        },
    };
    (0..length)
        .rev()
        .map(|back| {
            end.checked_sub(jiff::Span::new().days(back)).map_err(|_| bad(s, "ending_at is out of range".into()))
        })
        .collect()
}

/// A deterministic draw for (what, day, slot).
struct Dice {
    seed: u64,
    stream: u64,
    day: u64,
}

impl Dice {
    fn roll(&self, slot: u64, below: u64) -> u64 {
        ids::hash(self.seed, self.stream ^ slot.rotate_left(17), self.day) % below.max(1)
    }
    /// `of * (lo..hi) %`
    fn share(&self, slot: u64, of: u64, lo: u64, hi: u64) -> u64 {
        of * (lo + self.roll(slot, hi - lo)) / 100
    }
}

/// The data-series key of a channel (`apple_push` is reported as `ios_push`).
fn series_channel(channel: &str) -> &str {
    match channel {
        "apple_push" => "ios_push",
        "content_card" => "content_cards",
        "in_app_message" => "in-app_message",
        c => c,
    }
}

fn stats(channel: &str, d: &Dice, slot: u64) -> Map<String, Value> {
    let sent = 200 + d.roll(slot, 800);
    let delivered = d.share(slot + 1, sent, 90, 100);
    let opens = d.share(slot + 2, delivered, 5, 30);
    let unique_opens = d.share(slot + 3, opens, 70, 100);
    let clicks = d.share(slot + 4, opens, 10, 40);
    let v = match channel {
        "email" => json!({
            "sent": sent, "delivered": delivered, "opens": opens, "unique_opens": unique_opens, "clicks": clicks,
            "unique_clicks": d.share(slot + 5, clicks, 70, 100), "unsubscribes": d.roll(slot + 6, 5),
            "bounces": sent - delivered, "reported_spam": d.roll(slot + 7, 3),
        }),
        "sms" => json!({
            "sent": sent, "sent_to_carrier": sent, "delivered": delivered, "rejected": d.roll(slot + 5, 3),
            "delivery_failed": sent - delivered, "clicks": clicks, "opt_out": d.roll(slot + 6, 4), "help": d.roll(slot + 7, 2),
        }),
        "webhook" => json!({ "sent": sent, "errors": sent - delivered }),
        "whats_app" => json!({ "sent": sent, "delivered": delivered, "failed": sent - delivered, "read": opens }),
        "content_card" => json!({
            "sent": sent, "total_impressions": delivered, "unique_impressions": d.share(slot + 5, delivered, 70, 100),
            "total_clicks": clicks, "unique_clicks": d.share(slot + 6, clicks, 70, 100),
            "total_dismissals": d.share(slot + 7, delivered, 5, 20), "unique_dismissals": d.share(slot + 8, delivered, 3, 5),
        }),
        _ => json!({
            "sent": sent, "delivered": delivered, "undelivered": sent - delivered, "delivery_failed": d.roll(slot + 5, 3),
            "direct_opens": unique_opens, "total_opens": opens, "bounces": d.roll(slot + 6, 4), "body_clicks": clicks,
        }),
    };
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// One day per entry; `label` names a variation by `variation_name` (sends) or `variation_api_id` (campaigns).
fn series(s: &Shared, c: &Campaign, key: &str, dates: &[jiff::civil::Date], by_api_id: bool) -> Vec<Value> {
    dates
        .iter()
        .map(|date| {
            let day = date.to_zoned(jiff::tz::TimeZone::UTC).map(|z| z.timestamp().as_second() / 86_400).unwrap_or(0);
            let d = Dice { seed: s.seed, stream: ids::SERIES ^ ids::str_hash(key), day: day as u64 };
            let mut messages: Map<String, Value> = Map::new();
            let mut recipients = 0u64;
            for (i, v) in c.variations.iter().enumerate() {
                let mut st = stats(&v.channel, &d, 16 * i as u64);
                recipients += st.get("sent").and_then(Value::as_u64).unwrap_or(0);
                let label = if by_api_id { ("variation_api_id", &v.id) } else { ("variation_name", &v.name) };
                st.insert(label.0.into(), label.1.clone().into());
                let list = messages.entry(series_channel(&v.channel)).or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(a) = list {
                    a.push(Value::Object(st));
                }
            }
            let conversions = d.roll(1000, 40);
            json!({
                "time": date.to_string(),
                "messages": messages,
                "unique_recipients": d.share(1001, recipients, 85, 100),
                "conversions": conversions,
                "conversions_by_send_time": d.share(1002, conversions, 80, 100),
                "revenue": d.roll(1003, 500_000) as f64 / 100.0,
            })
        })
        .collect()
}

/// `GET /sends/data_series`: only for a send id created (or used) earlier with that campaign.
pub(crate) fn sends(s: &Shared, q: &Query, now: jiff::Timestamp) -> Result<Value, Finding> {
    let c = campaign(s, q)?;
    let send = q.get("send_id").map(String::as_str).unwrap_or_default();
    if !s.knows_send(&c.id, send) {
        return Err(bad(
            s,
            format!("send_id {send:?} is not a send id of {:?}: create it with POST /sends/id/create first", c.id),
        ));
    }
    let dates = days(s, q, now)?;
    Ok(json!({ "message": "success", "data": series(s, c, &format!("{}\u{0}{send}", c.id), &dates, false) }))
}

pub(crate) fn campaigns(s: &Shared, q: &Query, now: jiff::Timestamp) -> Result<Value, Finding> {
    let c = campaign(s, q)?;
    let dates = days(s, q, now)?;
    Ok(json!({ "message": "success", "data": series(s, c, &c.id, &dates, true) }))
}

/// `GET /campaigns/list`: pages of 100, oldest edit first unless `sort_direction=desc`.
pub(crate) fn list(s: &Shared, q: &Query) -> Result<Value, Finding> {
    let page: usize = match q.get("page") {
        None => 0,
        Some(v) => v.parse().map_err(|_| bad(s, format!("page {v:?} must be a whole number")))?,
    };
    let archived = q.get("include_archived").is_some_and(|v| v == "true");
    let mut all: Vec<&Campaign> = s.fixtures.campaigns.iter().filter(|c| archived || !c.archived).collect();
    all.sort_by(|a, b| a.last_edited.cmp(&b.last_edited));
    if q.get("sort_direction").is_some_and(|v| v == "desc") {
        all.reverse();
    }
    let campaigns: Vec<Value> = all
        .into_iter()
        .skip(page.saturating_mul(100))
        .take(100)
        .map(|c| json!({ "id": c.id, "last_edited": c.last_edited, "name": c.name, "is_api_campaign": true, "tags": c.tags }))
        .collect();
    Ok(json!({ "message": "success", "campaigns": campaigns }))
}

/// The channel name `/campaigns/details` uses.
fn details_channel(channel: &str) -> &str {
    match channel {
        "apple_push" => "ios_push",
        "in_app_message" => "in-app_message",
        c => c,
    }
}

pub(crate) fn details(s: &Shared, q: &Query) -> Result<Value, Finding> {
    let c = campaign(s, q)?;
    let mut channels: Vec<&str> = Vec::new();
    let mut messages = Map::new();
    for v in &c.variations {
        let ch = details_channel(&v.channel);
        if !channels.contains(&ch) {
            channels.push(ch);
        }
        messages.insert(v.id.clone(), json!({ "channel": ch, "name": v.name }));
    }
    Ok(json!({
        "message": "success",
        "created_at": c.last_edited,
        "updated_at": c.last_edited,
        "archived": c.archived,
        "draft": false,
        "enabled": !c.archived,
        "has_post_launch_draft": false,
        "name": c.name,
        "description": "",
        "schedule_type": "api_triggered",
        "channels": channels,
        "first_sent": c.last_edited,
        "last_sent": c.last_edited,
        "tags": c.tags,
        "teams": [],
        "messages": messages,
        "conversion_behaviors": [],
    }))
}
