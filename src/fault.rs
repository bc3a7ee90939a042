//! The faults brazen's sandbox can play on request: one type for the mock (which answers them, from the
//! `X-Brazen-Fault` header or a fixture rule) and the TUI (which cycles through some with F7 and sends the header).
//!
//! Core: pure and synchronous. Must not import tokio, reqwest, rusqlite, axum, crossterm, `std::fs`, nor
//! `crate::{client, history, mock, config, cli, tui, curl}`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// A fault spelling the mock does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaultError {
    #[error("unknown fault `{0}`: expected {accepted}", accepted = Fault::ACCEPTED)]
    Unknown(String),
    #[error("slow-{0}: at most slow-{MAX_SLOW_MS} (10 minutes)")]
    TooSlow(u64),
}

impl Fault {
    /// What the header and the fixtures accept, for error messages.
    pub const ACCEPTED: &'static str =
        "a status 400-599 (e.g. 500, 502, 503, 504), html-502, timeout, reset or slow-MS";

    /// The faults the TUI offers, in the order F7 cycles through them: an outage, a proxy's HTML page, a dropped
    /// connection, reproducible without touching a real workspace.
    pub const CYCLE: [Fault; 7] = [
        Fault::Status(503),
        Fault::Status(500),
        Fault::Status(429),
        Fault::Html502,
        Fault::Timeout,
        Fault::Reset,
        Fault::Slow(3000),
    ];

    /// The fault after `current` in [`Fault::CYCLE`]: none → the first → … → the last → none.
    pub fn next_in_cycle(current: Option<Fault>) -> Option<Fault> {
        match current {
            None => Fault::CYCLE.first().copied(),
            Some(f) => Fault::CYCLE.iter().position(|x| *x == f).and_then(|i| Fault::CYCLE.get(i + 1)).copied(),
        }
    }
}

impl FromStr for Fault {
    type Err = FaultError;

    fn from_str(s: &str) -> Result<Fault, FaultError> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || FaultError::Unknown(s.trim().to_string());
        match t.as_str() {
            "html-502" => Ok(Fault::Html502),
            "timeout" => Ok(Fault::Timeout),
            "reset" => Ok(Fault::Reset),
            _ => {
                if let Some(ms) = t.strip_prefix("slow-") {
                    let ms: u64 = ms.parse().map_err(|_| bad())?;
                    if ms > MAX_SLOW_MS {
                        return Err(FaultError::TooSlow(ms));
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
        assert_eq!(
            "slow-600001".parse::<Fault>().unwrap_err().to_string(),
            "slow-600001: at most slow-600000 (10 minutes)"
        );
    }

    #[test]
    fn the_cycle_starts_and_ends_with_none_and_keeps_the_tui_spellings() {
        let spelled: Vec<String> = Fault::CYCLE.iter().map(Fault::to_string).collect();
        assert_eq!(spelled, ["503", "500", "429", "html-502", "timeout", "reset", "slow-3000"]);
        let mut f = Fault::next_in_cycle(None);
        let mut seen = 0;
        while let Some(x) = f {
            seen += 1;
            f = Fault::next_in_cycle(Some(x));
        }
        assert_eq!(seen, Fault::CYCLE.len());
        assert_eq!(Fault::next_in_cycle(Some(Fault::Status(418))), None);
    }
}
