//! Rate-limit headers: `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (UTC epoch seconds).
//! HTTP/2 sends them lowercase, HTTP/1.1 servers and proxies may not, so names match in any case.

use super::RateLimitInfo;

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
}

/// Integer seconds; a fractional value (some gateways send `1700000000.5`) is cut to whole seconds.
fn seconds(v: &str) -> Option<i64> {
    v.parse::<i64>().ok().or_else(|| v.parse::<f64>().ok().filter(|f| f.is_finite()).map(|f| f.floor() as i64))
}

/// The rate-limit headers of a response; a missing or unreadable header is `None`.
pub fn rate_limit(headers: &[(String, String)]) -> RateLimitInfo {
    let count = |name| header(headers, name).and_then(seconds).and_then(|n| u64::try_from(n).ok());
    RateLimitInfo {
        limit: count("x-ratelimit-limit"),
        remaining: count("x-ratelimit-remaining"),
        reset: header(headers, "x-ratelimit-reset").and_then(seconds),
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
