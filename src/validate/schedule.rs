//! `schedule.time` / `send_at`: ISO 8601 or `send_at_unparseable`; with `in_local_time`, a time already past
//! → `local_time_in_past`.

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, Zoned};
use serde_json::{Map, Value};

use super::{Context, Sink, say};
use crate::i18n::Lang;

/// A parsed schedule time.
#[derive(Debug, Clone, PartialEq)]
enum When {
    /// With `Z` or an offset: one instant.
    Instant(Timestamp),
    /// Without a zone designator: a wall-clock time (UTC for a plain schedule, each user's zone for local time).
    Civil(DateTime),
}

fn parse(s: &str) -> Option<When> {
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(When::Instant(ts));
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some(When::Civil(dt));
    }
    s.parse::<Date>().ok().map(|d| When::Civil(d.to_datetime(jiff::civil::Time::midnight())))
}

const EXAMPLE: &str = "\"2030-01-01T09:00:00Z\" (or \"2030-01-01T09:00:00\" without a zone for local or optimal time)";
const EXAMPLE_KO: &str = "\"2030-01-01T09:00:00Z\"(현지 시각·최적 시각 발송이면 시간대 없이 \"2030-01-01T09:00:00\")";

pub(crate) fn check(root: &Map<String, Value>, ctx: &Context, sink: &mut Sink) {
    if let Some(v) = root.get("send_at").filter(|v| !v.is_null()) {
        time(v, "/send_at", "send_at", false, ctx, sink);
    }
    let Some(Value::Object(s)) = root.get("schedule") else { return };
    let local = s.get("in_local_time") == Some(&Value::Bool(true));
    let optimal = s.get("at_optimal_time") == Some(&Value::Bool(true));
    match s.get("time") {
        None | Some(Value::Null) => {
            sink.fatal(
                "bad_request",
                "/schedule",
                say(
                    ctx.lang,
                    format_args!("`schedule` needs a `time`, an ISO 8601 string such as {EXAMPLE}."),
                    format_args!("`schedule`에 `time` 항목이 필요합니다. {EXAMPLE_KO} 같은 ISO 8601 문자열을 쓰세요."),
                ),
            );
        }
        Some(v) => {
            if let Some(When::Instant(_)) = time(v, "/schedule/time", "schedule.time", local, ctx, sink)
                && (local || optimal)
            {
                let flag = if local { "in_local_time" } else { "at_optimal_time" };
                sink.hint(
                    "local_time_with_zone",
                    "/schedule/time",
                    say(
                        ctx.lang,
                        format_args!(
                            "With \"{flag}\": true, Braze's docs say to leave out the zone designator (write \
                             \"2030-01-01T09:00:00\", not \"…Z\" or \"…+09:00\"): the time is read in each user's \
                             zone."
                        ),
                        format_args!(
                            "\"{flag}\": true일 때는 Braze 문서에 따라 시간대 표시를 빼야 합니다(\"…Z\"나 \
                             \"…+09:00\"이 아니라 \"2030-01-01T09:00:00\"처럼). 시각은 사용자마다 각자의 시간대로 \
                             읽힙니다."
                        ),
                    ),
                );
            }
        }
    }
}

/// Checks one time value; returns it parsed when it parses.
fn time(v: &Value, pointer: &str, name: &str, local: bool, ctx: &Context, sink: &mut Sink) -> Option<When> {
    let Some(s) = v.as_str() else {
        sink.fatal(
            "send_at_unparseable",
            pointer,
            say(
                ctx.lang,
                format_args!(
                    "`{name}` must be an ISO 8601 string such as {EXAMPLE}; it is {}.",
                    super::types::describe(v, ctx.lang)
                ),
                format_args!(
                    "`{name}` 값은 {EXAMPLE_KO} 같은 ISO 8601 문자열이어야 하는데 {}입니다.",
                    super::types::describe(v, ctx.lang)
                ),
            ),
        );
        return None;
    };
    let Some(when) = parse(s) else {
        let msg = match (ctx.lang, s.trim().is_empty()) {
            (Lang::En, true) => format!("`{name}` is empty; Braze cannot parse it. Write a time such as {EXAMPLE}."),
            (Lang::En, false) => {
                format!("`{name}` \"{s}\" is not ISO 8601; Braze cannot parse it. Write a time such as {EXAMPLE}.")
            }
            (Lang::Ko, true) => {
                format!("`{name}` 값이 비어 있어 Braze가 해석할 수 없습니다. {EXAMPLE_KO} 같은 시각을 쓰세요.")
            }
            (Lang::Ko, false) => format!(
                "`{name}` 값(\"{s}\")은 ISO 8601 형식이 아니라서 Braze가 해석할 수 없습니다. {EXAMPLE_KO} 같은 \
                 시각을 쓰세요."
            ),
        };
        sink.fatal("send_at_unparseable", pointer, msg);
        return None;
    };
    if local {
        let fallback = if ctx.lang == Lang::Ko { "설정된 시간대" } else { "the configured zone" };
        let zone = ctx.timezone.iana_name().unwrap_or(fallback).to_string();
        let instant = match &when {
            When::Instant(ts) => Some(*ts),
            When::Civil(dt) => dt.to_zoned(ctx.timezone.clone()).ok().map(|z| z.timestamp()),
        };
        if let Some(at) = instant
            && at < ctx.now
        {
            let now = Zoned::new(ctx.now, ctx.timezone.clone()).strftime("%Y-%m-%dT%H:%M:%S").to_string();
            sink.fatal(
                "local_time_in_past",
                pointer,
                say(
                    ctx.lang,
                    format_args!(
                        "With \"in_local_time\": true, {s} has already passed in the company time zone ({zone}; it \
                         is now {now} there). Braze's error table rejects such a schedule (Braze itself only sends \
                         when the time is still ahead in some user's zone); pick a later time."
                    ),
                    format_args!(
                        "\"in_local_time\": true인데 지정한 시각({s})이 회사 시간대({zone}, 그곳의 현재 시각 \
                         {now})에서 이미 지났습니다. Braze 오류표는 이런 예약을 거부합니다(Braze 자체는 어느 \
                         사용자의 시간대에서든 아직 오지 않은 시각이면 보냅니다). 더 늦은 시각을 고르세요."
                    ),
                ),
            );
        }
    }
    Some(when)
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::{Context, check};
    use super::*;

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
    fn iso_8601_forms_parse() {
        for t in [
            "2030-01-01T09:00:00Z",
            "2030-01-01T09:00:00+09:00",
            "2030-01-01T09:00:00.250-05:00",
            "2019-07-22T13:17:55+0000",
            "2030-01-01T09:00:00",
            "2030-01-01T09:00",
            "2030-01-01",
        ] {
            assert!(parse(t).is_some(), "{t}");
        }
        for t in ["", "tomorrow", "2030-13-01T00:00:00Z", "01/02/2030", "2030-01-01T25:00:00Z", "(required, datetime)"]
        {
            assert!(parse(t).is_none(), "{t}");
        }
        assert!(matches!(parse("2030-01-01T09:00:00"), Some(When::Civil(_))));
        assert!(matches!(parse("2030-01-01T09:00:00Z"), Some(When::Instant(_))));
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
    fn local_time_in_the_past_uses_the_injected_now_and_company_zone() {
        // 2030-06-01T00:30 UTC is 09:30 in Seoul (UTC+9).
        let now = "2030-06-01T00:30:00Z";
        let past = r#"{"time": "2030-06-01T09:00:00", "in_local_time": true}"#;
        let future = r#"{"time": "2030-06-01T10:00:00", "in_local_time": true}"#;
        assert_eq!(
            run_at(now, "Asia/Seoul", past),
            [(Fatal, "local_time_in_past".into(), "/schedule/time".into())],
            "09:00 has passed in Seoul"
        );
        assert!(run_at(now, "Asia/Seoul", future).is_empty(), "10:00 is still ahead in Seoul");
        // In UTC it is 00:30, so 09:00 is still ahead.
        assert!(run_at(now, "UTC", past).is_empty());
        // In New York (UTC-4 in June) it is 20:30 the day before.
        assert!(run_at(now, "America/New_York", past).is_empty());
        // Without in_local_time a past time is not this row.
        assert!(run_at(now, "Asia/Seoul", r#"{"time": "2030-06-01T09:00:00"}"#).is_empty());
        // A time with a zone is one instant whatever the company zone.
        let d = run_at(now, "UTC", r#"{"time": "2030-06-01T00:00:00Z", "in_local_time": true}"#);
        assert_eq!(d[0], (Fatal, "local_time_in_past".into(), "/schedule/time".into()));
        assert_eq!(d[1], (Hint, "local_time_with_zone".into(), "/schedule/time".into()));
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
