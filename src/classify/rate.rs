//! Rate-limit headers: `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (UTC epoch seconds).
//! HTTP/2 sends them lowercase, HTTP/1.1 servers and proxies may not, so names match in any case.

use super::RateLimitInfo;

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
}

/// What a numeric header holds.
enum Number {
    Value(i64),
    /// A number, but beyond what an `i64` holds (`2^70`): never clamped to a bogus maximum.
    OutOfRange,
    /// Not a number at all.
    Unreadable,
}

/// Integer seconds; a fractional value (some gateways send `1700000000.5`) is cut to whole seconds.
fn number(v: &str) -> Number {
    if let Ok(n) = v.parse::<i64>() {
        return Number::Value(n);
    }
    match v.parse::<f64>() {
        // `i64::MAX as f64` rounds up to 2^63, itself out of range, hence the strict bound.
        Ok(f) if f.is_finite() && f.floor() >= i64::MIN as f64 && f.floor() < i64::MAX as f64 => {
            Number::Value(f.floor() as i64)
        }
        Ok(f) if !f.is_nan() => Number::OutOfRange,
        _ => Number::Unreadable,
    }
}

fn seconds(v: &str) -> Option<i64> {
    match number(v) {
        Number::Value(n) => Some(n),
        _ => None,
    }
}

/// The rate-limit headers of a response; a missing or unreadable header is `None`. A reset too far out to be a
/// time (beyond the years −9999 to 9999 `jiff` represents) is `None` too, with `reset_out_of_range` set.
pub fn rate_limit(headers: &[(String, String)]) -> RateLimitInfo {
    let count = |name| header(headers, name).and_then(seconds).and_then(|n| u64::try_from(n).ok());
    let (reset, reset_out_of_range) = match header(headers, "x-ratelimit-reset").map(number) {
        Some(Number::Value(n)) if jiff::Timestamp::from_second(n).is_ok() => (Some(n), false),
        Some(Number::Value(_) | Number::OutOfRange) => (None, true),
        Some(Number::Unreadable) | None => (None, false),
    };
    RateLimitInfo {
        limit: count("x-ratelimit-limit"),
        remaining: count("x-ratelimit-remaining"),
        reset,
        reset_out_of_range,
    }
}

/// Whole seconds from `now` until the rate-limit window resets (rounded up, never negative), from
/// `x-ratelimit-reset`; failing that from `retry-after` in seconds, which Braze does not document but proxies send.
pub fn after_seconds(headers: &[(String, String)], now: jiff::Timestamp) -> Option<u64> {
    if let Some(reset) = rate_limit(headers).reset {
        return Some(seconds_until(reset, now));
    }
    header(headers, "retry-after").and_then(seconds).map(|s| u64::try_from(s).unwrap_or(0))
}

/// Whole seconds from `now` to the epoch second `at`, rounded up; 0 when `at` has passed.
pub(crate) fn seconds_until(at: i64, now: jiff::Timestamp) -> u64 {
    const NANOS: i128 = 1_000_000_000;
    let diff = i128::from(at) * NANOS - now.as_nanosecond();
    if diff <= 0 { 0 } else { u64::try_from((diff + NANOS - 1) / NANOS).unwrap_or(u64::MAX) }
}
