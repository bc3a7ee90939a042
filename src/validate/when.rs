//! Reading a date or a date-time the way Braze does, for `schedule.time` / `send_at` ([`super::schedule`]) and the
//! `date_time` / `date` formats and `not_after` ranges of the documented rules ([`super::declared`]): one reader, so
//! a time that passes one check never fails another.
//!
//! Braze's pages name ISO 8601 but their own examples write short offsets (`-5:00`, `+900`): [`parse`] takes those
//! as Braze does and says what the strict form is, so a caller can hint it without refusing the time.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};

/// A parsed time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum When {
    /// With `Z` or an offset: one instant.
    Instant(Timestamp),
    /// Without a zone designator: a wall-clock time (UTC for a plain schedule, each user's zone for local time).
    Civil(DateTime),
}

impl When {
    /// The instant, reading a wall-clock time as UTC (for ordering a range's two ends).
    pub fn instant(&self) -> Option<Timestamp> {
        match self {
            When::Instant(t) => Some(*t),
            When::Civil(dt) => dt.to_zoned(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp()),
        }
    }

    pub fn has_time(s: &str) -> bool {
        s.contains('T') || s.contains('t')
    }
}

/// A time as given, or as Braze reads a short offset. `Some((when, Some(strict)))`: accepted, but the strict ISO 8601
/// spelling is `strict`.
pub(crate) fn parse(s: &str) -> Option<(When, Option<String>)> {
    if let Some(w) = strict(s) {
        return Some((w, None));
    }
    let fixed = pad_offset(s)?;
    strict(&fixed).map(|w| (w, Some(fixed)))
}

fn strict(s: &str) -> Option<When> {
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(When::Instant(ts));
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some(When::Civil(dt));
    }
    s.parse::<Date>().ok().map(|d| When::Civil(d.to_datetime(Time::midnight())))
}

/// `…T09:00:00-5:00` → `…T09:00:00-05:00`; `…+900` → `…+09:00`. `None` when there is no such offset to fix.
fn pad_offset(s: &str) -> Option<String> {
    let t = s.find(['T', 't'])?;
    let sign = s[t..].rfind(['+', '-']).map(|i| t + i)?;
    let (head, offset) = s.split_at(sign);
    let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match (offset[1..].split_once(':'), digits.len()) {
        (Some((h, m)), _) => (h.to_string(), m.to_string()),
        (None, 1 | 2) => (digits.clone(), "00".into()),
        (None, 3) => (digits[..1].to_string(), digits[1..].to_string()),
        _ => return None,
    };
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Some(format!("{head}{}{h:0>2}:{m}", &offset[..1]))
}

/// A date without a time (`YYYY-MM-DD`).
pub(crate) fn date(s: &str) -> Option<Date> {
    s.parse::<Date>().ok().filter(|_| s.len() == 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_forms_parse_without_a_correction() {
        for t in [
            "2030-01-01T09:00:00Z",
            "2030-01-01T09:00:00+09:00",
            "2030-01-01T09:00:00.250-05:00",
            "2019-07-22T13:17:55+0000",
            "2030-01-01T09:00:00",
            "2030-01-01T09:00",
            "2030-01-01",
        ] {
            assert_eq!(parse(t).map(|p| p.1), Some(None), "{t}");
        }
        assert!(matches!(parse("2030-01-01T09:00:00"), Some((When::Civil(_), None))));
        assert!(matches!(parse("2030-01-01T09:00:00Z"), Some((When::Instant(_), None))));
    }

    #[test]
    fn short_offsets_parse_and_name_the_strict_form() {
        let strict = |t: &str| parse(t).and_then(|p| p.1);
        assert_eq!(strict("2030-01-01T09:00:00-5:00").as_deref(), Some("2030-01-01T09:00:00-05:00"));
        assert_eq!(strict("2030-01-01T09:00:00+9").as_deref(), Some("2030-01-01T09:00:00+09:00"));
        assert_eq!(strict("2030-01-01T09:00:00+930").as_deref(), Some("2030-01-01T09:00:00+09:30"));
        let a = parse("2030-01-01T09:00:00-5:00").unwrap().0.instant();
        assert_eq!(a, parse("2030-01-01T14:00:00Z").unwrap().0.instant());
    }

    #[test]
    fn nonsense_does_not_parse() {
        for t in [
            "",
            "tomorrow",
            "2030-13-01T00:00:00Z",
            "01/02/2030",
            "2030-01-01T25:00:00Z",
            "(required, datetime)",
            "2030-01-01T09:00:00-5:0",
            "2030-01-01T09:00:00-abc",
        ] {
            assert!(parse(t).is_none(), "{t}");
        }
        assert!(date("2030-01-01").is_some() && date("2030-01-01T00:00").is_none() && date("2030-02-30").is_none());
    }
}
