//! Faults on demand: the fixture rules ("the next 2 requests to /messages/send answer 503", "5 % of requests
//! answer 500") and the proxy page of `html-502`. The fault kinds themselves are the core's [`crate::fault`].

use std::sync::atomic::{AtomicU64, Ordering};

use super::ids;
pub use crate::fault::{FAULT_HEADER, Fault, MAX_SLOW_MS};

/// A fixture rule, resolved: which endpoint (by catalog index; `None` = every endpoint) and when it fires.
#[derive(Debug)]
pub(crate) struct Rule {
    pub endpoint: Option<usize>,
    pub when: When,
    pub answer: Fault,
    /// Requests this rule has seen (`Percent`) or has still to answer (`Next`).
    counter: AtomicU64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum When {
    Always,
    Next(u64),
    /// Percent, 0 to 100.
    Percent(f64),
}

impl Rule {
    pub fn new(endpoint: Option<usize>, when: When, answer: Fault) -> Rule {
        let start = if let When::Next(n) = when { n } else { 0 };
        Rule { endpoint, when, answer, counter: AtomicU64::new(start) }
    }
}

/// The first rule (in file order) that fires for a request to endpoint `ep`. Rules after it are not consulted,
/// so their counters do not move.
pub(crate) fn fire(rules: &[Rule], ep: usize, seed: u64) -> Option<Fault> {
    for (i, r) in rules.iter().enumerate() {
        if r.endpoint.is_some_and(|e| e != ep) {
            continue;
        }
        let fires = match r.when {
            When::Always => true,
            When::Next(_) => {
                r.counter.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| left.checked_sub(1)).is_ok()
            }
            When::Percent(p) => {
                let n = r.counter.fetch_add(1, Ordering::SeqCst);
                // Per-rule stream: the n-th request this rule sees always gets the same draw for a given seed.
                let draw = ids::hash(seed, ids::FAULT ^ ((i as u64) << 8), n) % 10_000;
                (draw as f64) < p * 100.0
            }
        };
        if fires {
            return Some(r.answer);
        }
    }
    None
}

/// The proxy-style page of `html-502`.
pub const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad \
Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_rule_fires_exactly_n_times_for_its_endpoint_only() {
        let rules = [Rule::new(Some(3), When::Next(2), Fault::Status(503))];
        assert_eq!(fire(&rules, 4, 0), None);
        assert_eq!(fire(&rules, 3, 0), Some(Fault::Status(503)));
        assert_eq!(fire(&rules, 3, 0), Some(Fault::Status(503)));
        assert_eq!(fire(&rules, 3, 0), None);
    }

    #[test]
    fn percent_rule_is_reproducible_and_near_its_rate() {
        let run = |seed| {
            let rules = [Rule::new(None, When::Percent(5.0), Fault::Status(500))];
            (0..10_000).map(|_| fire(&rules, 0, seed).is_some()).collect::<Vec<_>>()
        };
        let a = run(42);
        assert_eq!(a, run(42));
        assert_ne!(a, run(43));
        let hits = a.iter().filter(|x| **x).count();
        assert!((400..600).contains(&hits), "5 % of 10,000 should be near 500, got {hits}");
        let never = [Rule::new(None, When::Percent(0.0), Fault::Status(500))];
        assert!((0..1000).all(|_| fire(&never, 0, 1).is_none()));
        let always = [Rule::new(None, When::Percent(100.0), Fault::Status(500))];
        assert!((0..1000).all(|_| fire(&always, 0, 1).is_some()));
    }

    #[test]
    fn first_firing_rule_wins_and_later_counters_stay() {
        let rules = [Rule::new(None, When::Next(1), Fault::Status(502)), Rule::new(None, When::Next(1), Fault::Reset)];
        assert_eq!(fire(&rules, 0, 0), Some(Fault::Status(502)));
        assert_eq!(fire(&rules, 0, 0), Some(Fault::Reset));
        assert_eq!(fire(&rules, 0, 0), None);
    }
}
