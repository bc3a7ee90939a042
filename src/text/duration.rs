//! Durations as people read them: "250 ms", "2.5 s", "41 s", "4 min 5 s", "44 min", "2 h 5 min", "3 d 4 h".
//! For text meant for people (progress, summaries); JSON keeps its numbers.

use std::time::Duration;

use crate::i18n::{Lang, Table as _, fill};

crate::table! {
    /// The units of [`human`].
    pub struct DurationText {
        ms: "{n} ms" / "{n}ms",
        s: "{n} s" / "{n}초",
        min: "{n} min" / "{n}분",
        h: "{n} h" / "{n}시간",
        d: "{n} d" / "{n}일",
    }
}

/// `d` in the largest units that read well, at most two of them, rounded to the smaller one: under a second in
/// milliseconds; under 10 s with one decimal (dropped when whole); under a minute in whole seconds; then minutes
/// and seconds (seconds dropped from 10 minutes on), hours and minutes, days and hours.
/// [`human`] for a whole number of seconds left (a countdown), nothing below zero.
pub fn seconds_left(secs: i64, lang: Lang) -> String {
    human(Duration::from_secs(u64::try_from(secs).unwrap_or(0)), lang)
}

pub fn human(d: Duration, lang: Lang) -> String {
    let t = DurationText::get(lang);
    let one = |template: &str, n: &dyn std::fmt::Display| fill(template, &[("n", n)]);
    let two = |big: &str, a: u64, small: &str, b: u64| {
        if b == 0 { one(big, &a) } else { format!("{} {}", one(big, &a), one(small, &b)) }
    };
    let ms = d.as_millis();
    if ms < 1000 {
        return one(t.ms, &ms);
    }
    let tenths = (ms + 50) / 100;
    if tenths < 100 {
        let n = if tenths.is_multiple_of(10) {
            format!("{}", tenths / 10)
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        return one(t.s, &n);
    }
    let secs = u64::try_from((ms + 500) / 1000).unwrap_or(u64::MAX);
    match secs {
        0..60 => one(t.s, &secs),
        60..600 => two(t.min, secs / 60, t.s, secs % 60),
        600..3600 => {
            let min = (secs + 30) / 60;
            if min < 60 { one(t.min, &min) } else { one(t.h, &1) }
        }
        3600..86_400 => {
            let min = (secs + 30) / 60;
            if min >= 24 * 60 { one(t.d, &1) } else { two(t.h, min / 60, t.min, min % 60) }
        }
        _ => {
            let hours = (secs + 1800) / 3600;
            two(t.d, hours / 24, t.h, hours % 24)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(ms: u64) -> String {
        human(Duration::from_millis(ms), Lang::En)
    }

    #[test]
    fn the_duration_table_is_complete() {
        assert!(crate::i18n::check::<DurationText>().is_empty());
    }

    #[test]
    fn durations_read_in_the_units_people_use() {
        assert_eq!(en(0), "0 ms");
        assert_eq!(en(250), "250 ms");
        assert_eq!(en(999), "999 ms");
        assert_eq!(en(1000), "1 s");
        assert_eq!(en(2500), "2.5 s");
        assert_eq!(en(9940), "9.9 s");
        assert_eq!(en(9960), "10 s");
        assert_eq!(en(41_000), "41 s");
        assert_eq!(en(59_600), "1 min");
        assert_eq!(en(65_000), "1 min 5 s");
        assert_eq!(en(245_000), "4 min 5 s");
        // 2686 s (44 min 46 s) reads in minutes, rounded, not as "2686 s".
        assert_eq!(en(2_686_000), "45 min");
        assert_eq!(en(2_640_000), "44 min");
        assert_eq!(en(3_599_000), "1 h");
        assert_eq!(en(3_600_000), "1 h");
        assert_eq!(en(7_500_000), "2 h 5 min");
        assert_eq!(en(86_399_000), "1 d");
        assert_eq!(en(273_600_000), "3 d 4 h");
    }

    #[test]
    fn korean_units() {
        assert_eq!(human(Duration::from_millis(2500), Lang::Ko), "2.5초");
        assert_eq!(human(Duration::from_secs(245), Lang::Ko), "4분 5초");
        assert_eq!(human(Duration::from_secs(2640), Lang::Ko), "44분");
    }
}
