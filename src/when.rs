//! Reading a date or a date-time the way Braze does, for `schedule.time` / `send_at`, the `date_time` query values
//! of the catalog, and the `date_time` / `date` formats and `not_after` ranges of the documented rules: one reader,
//! so a time that passes one check never fails another.
//!
//! Core: pure and synchronous.
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

/// Whether `s` is written as ISO 8601 but names a date or time that does not exist (`2030-02-30`, month 13,
/// hour 25): its fields are all in place, only their values are impossible. Such a value deserves "no such date",
/// not "not ISO 8601", which would send the user looking for a format mistake that is not there.
pub(crate) fn no_such_date(s: &str) -> bool {
    parse(s).is_none() && neutral(s).is_some_and(|n| parse(&n).is_some())
}

/// `s` with its month and day set to `01` and its hours, minutes and seconds to `00`, when they are written as
/// ISO 8601's two digits each; `None` when the date is not `YYYY-MM-DD`.
fn neutral(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |from: usize, to: usize| b.get(from..to).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0, 4) && at(4, b'-') && digits(5, 7) && at(7, b'-') && digits(8, 10)) {
        return None;
    }
    // Every byte before 10 is ASCII, so 10 (and each index checked below) is a character boundary.
    let mut out = format!("{}-01-01", &s[..4]);
    let mut rest = 10;
    if (at(10, b'T') || at(10, b't')) && digits(11, 13) && at(13, b':') && digits(14, 16) {
        out.push_str(&s[10..11]);
        out.push_str("00:00");
        rest = 16;
        if at(16, b':') && digits(17, 19) {
            out.push_str(":00");
            rest = 19;
        }
    }
    out.push_str(&s[rest..]);
    Some(out)
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

    #[test]
    fn a_well_formed_date_that_does_not_exist_is_told_apart_from_nonsense() {
        for t in [
            "2030-02-30",
            "2030-02-30T09:00:00Z",
            "2031-02-29T09:00:00",
            "2030-13-01T00:00:00Z",
            "2030-01-01T25:00:00Z",
            "2030-01-01T09:61:00+09:00",
            "2030-01-01T09:00:61-5:00",
            "2030-04-31t09:00",
        ] {
            assert!(no_such_date(t), "{t}");
        }
        // Real dates, and values not written as ISO 8601 at all, are something else.
        for t in
            ["2032-02-29", "2030-01-01T09:00:00Z", "tomorrow", "01/02/2030", "2030-1-1", "2030-01-01T09:00:00-abc", ""]
        {
            assert!(!no_such_date(t), "{t}");
        }
    }
}
