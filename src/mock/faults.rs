//! Faults on demand: the `X-Brazen-Fault` request header and the fixture rules ("the next 2 requests to
//! /messages/send answer 503", "5 % of requests answer 500").

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids;

/// The request header that asks for a fault.
pub const FAULT_HEADER: &str = "x-brazen-fault";

/// Longest `slow-N` delay accepted, in milliseconds (10 minutes).
pub const MAX_SLOW_MS: u64 = 600_000;

/// One way of answering badly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer this 4XX or 5XX status with a JSON body naming it (`{"message": "Internal Server Error"}`).
    Status(u16),
    /// A proxy's HTML error page with status 502.
    Html502,
    /// Never answer (until the server shuts down, which drops the connection).
    Timeout,
    /// Send the headers and part of the body, then drop the connection.
    Reset,
    /// Answer normally after this many milliseconds.
    Slow(u64),
}

impl Fault {
    /// What the header and the fixtures accept, for error messages.
    pub const ACCEPTED: &'static str =
        "a status 400-599 (e.g. 500, 502, 503, 504), html-502, timeout, reset or slow-MS";
}

impl FromStr for Fault {
    type Err = String;

    fn from_str(s: &str) -> Result<Fault, String> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || format!("unknown fault `{}`: expected {}", s.trim(), Fault::ACCEPTED);
        match t.as_str() {
            "html-502" => Ok(Fault::Html502),
            "timeout" => Ok(Fault::Timeout),
            "reset" => Ok(Fault::Reset),
            _ => {
                if let Some(ms) = t.strip_prefix("slow-") {
                    let ms: u64 = ms.parse().map_err(|_| bad())?;
                    if ms > MAX_SLOW_MS {
                        return Err(format!("slow-{ms}: at most slow-{MAX_SLOW_MS} (10 minutes)"));
                    }
                    return Ok(Fault::Slow(ms));
                }
                match t.parse::<u16>() {
                    Ok(code) if (400..=599).contains(&code) => Ok(Fault::Status(code)),
                    _ => Err(bad()),
                }
            }
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Status(c) => write!(f, "{c}"),
            Fault::Html502 => f.write_str("html-502"),
            Fault::Timeout => f.write_str("timeout"),
            Fault::Reset => f.write_str("reset"),
            Fault::Slow(ms) => write!(f, "slow-{ms}"),
        }
    }
}

impl Serialize for Fault {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fault {
    /// Accepts the header's spelling as a string, or a bare status number (`answer = 503`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fault, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Spelling {
            Code(u64),
            Text(String),
        }
        let text = match Spelling::deserialize(d)? {
            Spelling::Code(c) => c.to_string(),
            Spelling::Text(t) => t,
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

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
    fn parses_every_documented_spelling() {
        assert_eq!("503".parse(), Ok(Fault::Status(503)));
        assert_eq!(" HTML-502 ".parse(), Ok(Fault::Html502));
        assert_eq!("timeout".parse(), Ok(Fault::Timeout));
        assert_eq!("reset".parse(), Ok(Fault::Reset));
        assert_eq!("slow-2000".parse(), Ok(Fault::Slow(2000)));
        assert_eq!("429".parse(), Ok(Fault::Status(429)));
        for bad in ["200", "99", "slow-", "slow-x", "slow-600001", "html502", ""] {
            assert!(bad.parse::<Fault>().is_err(), "{bad} should be refused");
        }
        for f in [Fault::Status(504), Fault::Html502, Fault::Timeout, Fault::Reset, Fault::Slow(5)] {
            assert_eq!(f.to_string().parse(), Ok(f));
        }
    }

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
