//! `schedule.time` / `send_at`: ISO 8601 or `send_at_unparseable`; with `in_local_time`, a time already past in
//! every time zone → `local_time_in_past` (Braze's schedule object page: "you get an error response if the time
//! parameter has passed in all time zones"), past only in some → a hint; without it, a past time → a hint, as Braze
//! takes it and sends at once.

use jiff::Zoned;
use jiff::tz::{Offset, TimeZone};

use crate::when::When;
use serde_json::{Map, Value};

use super::text::RuleText;
use super::{Context, Sink};
use crate::i18n::{Table as _, fill};

/// The last zone to reach a wall-clock time (UTC−12): once the time has passed there, it has passed everywhere.
const LAST_ZONE: Offset = Offset::constant(-12);

pub(crate) fn check(root: &Map<String, Value>, ctx: &Context, sink: &mut Sink) {
    let t = RuleText::get(ctx.lang);
    if let Some(v) = root.get("send_at").filter(|v| !v.is_null()) {
        time(v, "/send_at", "send_at", false, ctx, sink);
    }
    let Some(Value::Object(s)) = root.get("schedule") else { return };
    let local = s.get("in_local_time") == Some(&Value::Bool(true));
    let optimal = s.get("at_optimal_time") == Some(&Value::Bool(true));
    match s.get("time") {
        None | Some(Value::Null) => {
            sink.fatal("bad_request", "/schedule", fill(t.schedule_without_time, &[("example", &t.time_example)]));
        }
        Some(v) => {
            let when = time(v, "/schedule/time", "schedule.time", local, ctx, sink);
            if let Some(When::Instant(_)) = when
                && (local || optimal)
            {
                let flag = if local { "in_local_time" } else { "at_optimal_time" };
                sink.hint("local_time_with_zone", "/schedule/time", fill(t.local_time_with_zone, &[("flag", &flag)]));
            }
            // Optimal time only reads the date; local time is checked in `time`.
            if let Some(at) = when.and_then(|w| w.instant())
                && !local
                && !optimal
                && at < ctx.now
            {
                let now = ctx.now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
                let msg = fill(t.schedule_in_past, &[("time", &v.as_str().unwrap_or_default()), ("now", &now)]);
                sink.hint("schedule_in_past", "/schedule/time", msg);
            }
        }
    }
}

/// Checks one time value; returns it parsed when it parses.
fn time(v: &Value, pointer: &str, name: &str, local: bool, ctx: &Context, sink: &mut Sink) -> Option<When> {
    let t = RuleText::get(ctx.lang);
    let example = t.time_example;
    let Some(s) = v.as_str() else {
        let what = super::types::describe(v, ctx.lang);
        let msg = fill(t.time_not_a_string, &[("name", &name), ("example", &example), ("what", &what)]);
        sink.fatal("send_at_unparseable", pointer, msg);
        return None;
    };
    // Braze reads the short offsets its own examples write (`-5:00`): accepted, with the strict form as a hint.
    let Some((when, strict)) = crate::when::parse(s) else {
        let msg = if s.trim().is_empty() {
            fill(t.time_empty, &[("name", &name), ("example", &example)])
        } else if crate::when::no_such_date(s) {
            fill(t.time_no_such_date, &[("name", &name), ("value", &s), ("example", &example)])
        } else {
            fill(t.time_unparseable, &[("name", &name), ("value", &s), ("example", &example)])
        };
        sink.fatal("send_at_unparseable", pointer, msg);
        return None;
    };
    if let Some(strict) = strict {
        let words = super::text::BodyText::get(ctx.lang).rule_strict_form;
        sink.hint("strict_form", pointer, fill(words, &[("key", &name), ("value", &s), ("strict", &strict)]));
    }
    if local {
        let zone = ctx.timezone.iana_name().unwrap_or(t.configured_zone).to_string();
        // The wall-clock time each user's zone reads (a time given with a zone, against the docs, read in UTC).
        let wall = match &when {
            When::Instant(ts) => ts.to_zoned(TimeZone::UTC).datetime(),
            When::Civil(dt) => *dt,
        };
        let at = |tz: TimeZone| wall.to_zoned(tz).ok().map(|z| z.timestamp());
        let here = at(ctx.timezone.clone());
        let now = || Zoned::new(ctx.now, ctx.timezone.clone()).strftime("%Y-%m-%dT%H:%M:%S").to_string();
        let words = |template: &str| fill(template, &[("time", &s), ("zone", &zone), ("now", &now())]);
        if at(TimeZone::fixed(LAST_ZONE)).is_some_and(|last| last < ctx.now) {
            sink.fatal("local_time_in_past", pointer, words(t.local_time_in_past));
        } else if here.is_some_and(|here| here < ctx.now) {
            sink.hint("local_time_partly_past", pointer, words(t.local_time_partly_past));
        }
    }
    Some(when)
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::{Context, check};

    fn body(schedule: &str) -> String {
        format!(
            r#"{{"external_user_ids": ["u"], "schedule": {schedule}, "messages": {{"apple_push": {{"alert": "a"}}}}}}"#
        )
    }

    fn run_at(now: &str, tz: &str, schedule: &str) -> Vec<(super::super::Severity, String, String)> {
        let ctx = Context::new(now.parse().unwrap(), jiff::tz::TimeZone::get(tz).unwrap());
        check("/messages/schedule/create", &body(schedule), &ctx)
            .diagnostics
            .into_iter()
            .map(|d| (d.severity, d.error, d.pointer))
            .collect()
    }

    #[test]
    fn a_short_offset_as_the_docs_write_it_is_accepted_with_the_strict_form_as_a_hint() {
        let d = run_at("2030-01-01T00:00:00Z", "UTC", r#"{"time": "2030-05-04T09:00:00-5:00"}"#);
        assert_eq!(d, [(super::super::Severity::Hint, "strict_form".into(), "/schedule/time".into())], "{d:?}");
    }

    #[test]
    fn unparseable_and_empty_times_are_send_at_unparseable() {
        let now = "2030-06-01T00:00:00Z";
        for t in [r#""""#, r#""next tuesday""#, "20300101", "true"] {
            let d = run_at(now, "UTC", &format!(r#"{{"time": {t}}}"#));
            assert_eq!(d, [(Fatal, "send_at_unparseable".into(), "/schedule/time".into())], "{t}");
        }
        assert!(run_at(now, "UTC", r#"{"time": "2030-07-01T09:00:00Z"}"#).is_empty());
        assert_eq!(
            run_at(now, "UTC", r#"{"in_local_time": true}"#),
            [(Fatal, "bad_request".into(), "/schedule".into())]
        );
    }

    #[test]
    fn a_date_that_does_not_exist_is_no_such_date_not_a_format_mistake() {
        let ctx = Context::new("2030-01-01T00:00:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC);
        for t in ["2030-02-30T09:00:00Z", "2030-02-30", "2030-03-01T25:00:00Z"] {
            let r = check("/messages/schedule/create", &body(&format!(r#"{{"time": "{t}"}}"#)), &ctx);
            let d = &r.diagnostics[0];
            assert_eq!((d.severity, d.error.as_str()), (Fatal, "send_at_unparseable"), "{t}");
            assert!(d.message.contains("no such date") && !d.message.contains("is not ISO 8601"), "{}", d.message);
        }
        let ko = ctx.with_lang(crate::i18n::Lang::Ko);
        let r = check("/messages/schedule/create", &body(r#"{"time": "2030-02-30T09:00:00Z"}"#), &ko);
        assert!(r.diagnostics[0].message.contains("존재하지 않는 날짜"), "{}", r.diagnostics[0].message);
    }

    #[test]
    fn local_time_in_the_past_uses_the_injected_now_and_company_zone() {
        // 2030-06-01T00:30 UTC is 09:30 in Seoul (UTC+9).
        let now = "2030-06-01T00:30:00Z";
        let past = r#"{"time": "2030-06-01T09:00:00", "in_local_time": true}"#;
        let future = r#"{"time": "2030-06-01T10:00:00", "in_local_time": true}"#;
        assert_eq!(
            run_at(now, "Asia/Seoul", past),
            [(Hint, "local_time_partly_past".into(), "/schedule/time".into())],
            "09:00 has passed in Seoul, not yet west of it: Braze accepts it"
        );
        assert!(run_at(now, "Asia/Seoul", future).is_empty(), "10:00 is still ahead in Seoul");
        // In UTC it is 00:30, so 09:00 is still ahead.
        assert!(run_at(now, "UTC", past).is_empty());
        // In New York (UTC-4 in June) it is 20:30 the day before.
        assert!(run_at(now, "America/New_York", past).is_empty());
        // Without in_local_time a wall-clock time is UTC: 09:00 is still ahead.
        assert!(run_at(now, "Asia/Seoul", r#"{"time": "2030-06-01T09:00:00"}"#).is_empty());
        // A time with a zone is read as its UTC wall clock.
        let d = run_at(now, "UTC", r#"{"time": "2030-06-01T00:00:00Z", "in_local_time": true}"#);
        assert_eq!(d[0], (Hint, "local_time_partly_past".into(), "/schedule/time".into()));
        assert_eq!(d[1], (Hint, "local_time_with_zone".into(), "/schedule/time".into()));
    }

    #[test]
    fn local_time_is_refused_only_once_it_has_passed_in_every_zone() {
        // 09:00 wall clock is last reached at UTC−12, at 21:00 UTC.
        let past = r#"{"time": "2030-06-01T09:00:00", "in_local_time": true}"#;
        let fatal = [(Fatal, "local_time_in_past".into(), "/schedule/time".into())];
        assert_eq!(run_at("2030-06-01T21:00:01Z", "Asia/Seoul", past), fatal);
        assert_eq!(run_at("2030-06-01T20:59:00Z", "Asia/Seoul", past)[0].1, "local_time_partly_past");
        assert_eq!(run_at("2030-06-03T00:00:00Z", "UTC", past), fatal);
    }

    #[test]
    fn a_past_time_without_local_time_is_a_hint_not_a_refusal() {
        let now = "2030-06-01T12:00:00Z";
        let hint = [(Hint, "schedule_in_past".into(), "/schedule/time".into())];
        assert_eq!(run_at(now, "UTC", r#"{"time": "2030-06-01T11:59:00Z"}"#), hint);
        assert_eq!(run_at(now, "Asia/Seoul", r#"{"time": "2030-06-01T11:00:00"}"#), hint, "a wall clock is UTC");
        assert!(run_at(now, "UTC", r#"{"time": "2030-06-01T12:01:00Z"}"#).is_empty());
        // Optimal time reads only the date: not this hint.
        assert!(run_at(now, "UTC", r#"{"time": "2030-06-01T11:00:00", "at_optimal_time": true}"#).is_empty());
        let ctx = Context::new(now.parse().unwrap(), jiff::tz::TimeZone::UTC).with_lang(crate::i18n::Lang::Ko);
        let r = check("/messages/schedule/create", &body(r#"{"time": "2030-06-01T11:59:00Z"}"#), &ctx);
        assert!(r.diagnostics[0].message.contains("이미 지났습니다"), "{}", r.diagnostics[0].message);
    }

    #[test]
    fn sentence_names_the_company_zone() {
        let ctx = Context::new("2030-06-01T00:30:00Z".parse().unwrap(), jiff::tz::TimeZone::get("Asia/Seoul").unwrap());
        let r = check(
            "/messages/schedule/create",
            &body(r#"{"time": "2030-06-01T09:00:00", "in_local_time": true}"#),
            &ctx,
        );
        let m = &r.diagnostics[0].message;
        assert!(m.contains("company time zone (Asia/Seoul") && m.contains("2030-06-01T09:30:00"), "{m}");
    }

    #[test]
    fn zone_designator_with_optimal_time_is_a_hint_and_send_at_is_checked() {
        let d =
            run_at("2030-01-01T00:00:00Z", "UTC", r#"{"time": "2030-06-01T09:00:00+09:00", "at_optimal_time": true}"#);
        assert_eq!(d, [(Hint, "local_time_with_zone".into(), "/schedule/time".into())]);
        let ctx = Context::new("2030-01-01T00:00:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC);
        let r = check(
            "/messages/schedule/create",
            r#"{"external_user_ids": ["u"], "send_at": "soon", "schedule": {"time": "2030-02-01T00:00:00Z"}, "messages": {"apple_push": {"alert": "a"}}}"#,
            &ctx,
        );
        let errs: Vec<_> = r.diagnostics.iter().map(|d| d.error.as_str()).collect();
        assert!(errs.contains(&"send_at_unparseable"), "{errs:?}");
    }
}
