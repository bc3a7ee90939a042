//! Fixed-window rate limits per (API key, window). An endpoint has a window of its own, or shares its pool's
//! (`limit.pool` in the catalog: every endpoint of a pool draws from one window, as Braze counts them). Windows are
//! aligned to the epoch (a 60-second window resets on the minute), so `x-ratelimit-reset` is the same for every
//! request of a window and easy to predict in tests.

use std::sync::Mutex;

use crate::catalog::RateLimit;

/// What the `x-ratelimit-*` headers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub limit: u64,
    pub remaining: u64,
    /// End of the window, UTC epoch seconds.
    pub reset: i64,
}

impl Window {
    /// The window containing `now` for `limit`, with nothing used.
    pub fn fresh(limit: RateLimit, now: i64) -> Window {
        let (id, per) = window_id(limit, now);
        Window { limit: limit.requests, remaining: limit.requests, reset: (id + 1) * per }
    }
}

/// How far ahead of the mock's clock a played 429 (`X-Brazen-Fault: 429`, F7 in the TUI) says the window resets.
/// The endpoint's real window can end an hour away (250,000 an hour for `/messages/send`), longer than a retry waits;
/// a fault is a rehearsal of the wait-and-retry, so it must end soon enough to be waited out.
pub const FAULT_RESET_SECS: i64 = 5;

impl Window {
    /// The headers of a played 429: the endpoint's limit, all of it used, and a reset a few seconds after `now`
    /// (sooner if the real window ends sooner).
    pub fn played_429(self, now: i64) -> Window {
        Window { remaining: 0, reset: self.reset.min(now.saturating_add(FAULT_RESET_SECS)), ..self }
    }
}

fn window_id(limit: RateLimit, now: i64) -> (i64, i64) {
    let per = i64::try_from(limit.per_seconds.max(1)).unwrap_or(i64::MAX);
    (now.div_euclid(per), per)
}

#[derive(Debug, Default, Clone, Copy)]
struct Slot {
    window: i64,
    used: u64,
}

/// One counter per (key, window), preallocated: the hot path takes one uncontended lock and no allocation.
#[derive(Debug)]
pub struct Limiter {
    /// The limit of each window.
    limits: Vec<RateLimit>,
    /// `window_of[e]`: the window endpoint `e` draws from.
    window_of: Vec<usize>,
    slots: Vec<Mutex<Slot>>,
}

impl Limiter {
    /// `limits[e]` is the limit of endpoint `e`, each with a window of its own; `keys` the number of API keys.
    #[cfg(test)]
    pub fn new(keys: usize, limits: Vec<RateLimit>) -> Limiter {
        Limiter::pooled(keys, limits.into_iter().map(|l| (l, None)).collect())
    }

    /// `endpoints[e]` is the limit of endpoint `e` and its pool: endpoints of one pool share a window, whose limit
    /// is the first member's (the catalog gives every member the same).
    pub fn pooled(keys: usize, endpoints: Vec<(RateLimit, Option<&str>)>) -> Limiter {
        let mut limits = Vec::new();
        let mut pools: Vec<(&str, usize)> = Vec::new();
        let window_of = endpoints
            .iter()
            .map(|(limit, pool)| match pool.and_then(|p| pools.iter().find(|(q, _)| *q == p)) {
                Some((_, w)) => *w,
                None => {
                    limits.push(*limit);
                    if let Some(p) = pool {
                        pools.push((p, limits.len() - 1));
                    }
                    limits.len() - 1
                }
            })
            .collect();
        let slots = (0..keys * limits.len()).map(|_| Mutex::new(Slot { window: i64::MIN, used: 0 })).collect();
        Limiter { limits, window_of, slots }
    }

    pub fn limit(&self, ep: usize) -> RateLimit {
        self.limits[self.window_of[ep]]
    }

    fn slot(&self, key: usize, ep: usize) -> &Mutex<Slot> {
        &self.slots[key * self.limits.len() + self.window_of[ep]]
    }

    /// Counts one request. `Err` (with nothing remaining) when the window's limit is already used up; a refused
    /// request does not count.
    pub fn hit(&self, key: usize, ep: usize, now: i64) -> Result<Window, Window> {
        let limit = self.limit(ep);
        let (id, per) = window_id(limit, now);
        let reset = (id + 1) * per;
        let mut s = self.slot(key, ep).lock().unwrap_or_else(|p| p.into_inner());
        if s.window != id {
            *s = Slot { window: id, used: 0 };
        }
        if s.used >= limit.requests {
            return Err(Window { limit: limit.requests, remaining: 0, reset });
        }
        s.used += 1;
        Ok(Window { limit: limit.requests, remaining: limit.requests - s.used, reset })
    }

    /// The window as it stands, without counting.
    pub fn peek(&self, key: usize, ep: usize, now: i64) -> Window {
        let limit = self.limit(ep);
        let (id, _) = window_id(limit, now);
        let s = *self.slot(key, ep).lock().unwrap_or_else(|p| p.into_inner());
        let used = if s.window == id { s.used } else { 0 };
        Window { remaining: limit.requests.saturating_sub(used), ..Window::fresh(limit, now) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PER_MIN_3: RateLimit = RateLimit { requests: 3, per_seconds: 60 };

    #[test]
    fn counts_down_refuses_then_resets_at_the_window_end() {
        let l = Limiter::new(2, vec![PER_MIN_3, PER_MIN_3]);
        let t = 1_800_000_010; // 10 s into a minute
        assert_eq!(l.hit(0, 0, t), Ok(Window { limit: 3, remaining: 2, reset: 1_800_000_060 }));
        assert_eq!(l.hit(0, 0, t + 1).unwrap().remaining, 1);
        assert_eq!(l.hit(0, 0, t + 2).unwrap().remaining, 0);
        assert_eq!(l.hit(0, 0, t + 3), Err(Window { limit: 3, remaining: 0, reset: 1_800_000_060 }));
        assert_eq!(l.peek(0, 0, t + 3).remaining, 0);
        // other key, other endpoint: their own windows
        assert_eq!(l.hit(1, 0, t).unwrap().remaining, 2);
        assert_eq!(l.hit(0, 1, t).unwrap().remaining, 2);
        // next window
        assert_eq!(l.peek(0, 0, 1_800_000_060).remaining, 3);
        assert_eq!(l.hit(0, 0, 1_800_000_060), Ok(Window { limit: 3, remaining: 2, reset: 1_800_000_120 }));
    }

    #[test]
    fn endpoints_of_a_pool_share_one_window_per_key() {
        let l = Limiter::pooled(2, vec![(PER_MIN_3, Some("p")), (PER_MIN_3, None), (PER_MIN_3, Some("p"))]);
        let t = 1_800_000_010;
        assert_eq!(l.hit(0, 0, t).unwrap().remaining, 2);
        assert_eq!(l.hit(0, 2, t).unwrap().remaining, 1);
        assert_eq!(l.peek(0, 0, t).remaining, 1);
        // not in the pool, and another key: their own windows
        assert_eq!(l.hit(0, 1, t).unwrap().remaining, 2);
        assert_eq!(l.hit(1, 2, t).unwrap().remaining, 2);
        assert_eq!(l.hit(0, 0, t).unwrap().remaining, 0);
        assert!(l.hit(0, 2, t).is_err());
    }

    #[test]
    fn a_played_429_resets_within_seconds_even_in_an_hour_long_window() {
        let hourly = RateLimit { requests: 250_000, per_seconds: 3600 };
        let t = 1_800_000_010;
        let w = Window::fresh(hourly, t).played_429(t);
        assert_eq!(w, Window { limit: 250_000, remaining: 0, reset: t + FAULT_RESET_SECS });
        // A window that ends sooner than that keeps its own end.
        let w = Window::fresh(PER_MIN_3, 1_800_000_058).played_429(1_800_000_058);
        assert_eq!((w.remaining, w.reset), (0, 1_800_000_060));
    }

    #[test]
    fn zero_length_window_does_not_divide_by_zero() {
        let l = Limiter::new(1, vec![RateLimit { requests: 1, per_seconds: 0 }]);
        assert!(l.hit(0, 0, 5).is_ok());
        assert!(l.hit(0, 0, 5).is_err());
        assert!(l.hit(0, 0, 6).is_ok());
    }
}
