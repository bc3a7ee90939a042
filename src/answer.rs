//! What an exchange ended with, as the domain sees it: the last answer (a classified response or a network
//! failure), its row view ([`LastAnswer`]: what the history stores and lists show), the class the history files
//! it under, and whether it failed in a way worth replaying. The history store, replay, the CLI and the TUI ask
//! here instead of deciding from status numbers or stored strings.
//!
//! Core: pure and synchronous. Must not import tokio, reqwest, rusqlite, axum, crossterm, `std::fs`, nor
//! `crate::{client, history, mock, config, cli, tui, curl}`.

use std::str::FromStr;

use serde::Serialize;

use crate::classify::{Class, Outcome, OutcomeKind};
use crate::exchange::{Exchange, NetworkErrorKind, NetworkFailure};

/// The last answer of an exchange: what its final attempt got.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer<'a> {
    /// A response, classified.
    Response(&'a Outcome),
    /// No HTTP response: the connection or the request failed.
    Network(&'a NetworkFailure),
}

/// The last answer of an exchange as one row: what the history stores beside the record, and what the JSON rows
/// of `history list`, `batch` and `replay` show, under the contract's names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastAnswer {
    /// `None` when no response came back.
    pub status: Option<u16>,
    /// Null in JSON for a network failure and a status outside 100–599 (the contract's classes only).
    #[serde(serialize_with = "contract_class")]
    pub class: Option<AnswerClass>,
    pub outcome: Option<OutcomeKind>,
    /// Row id of the error table.
    pub error: Option<String>,
    /// The row's short name.
    pub name: Option<String>,
    /// Kind of network failure when no response came back.
    pub network: Option<NetworkErrorKind>,
    pub attempts: usize,
}

impl LastAnswer {
    /// [`worth_replaying`] for this answer.
    pub fn worth_replaying(&self) -> bool {
        worth_replaying(self.status, self.network)
    }
}

/// Serialises a class as the contract's `class`: `1XX` … `5XX`, else null (network failures, invalid statuses).
pub fn contract_class<S: serde::Serializer>(class: &Option<AnswerClass>, s: S) -> Result<S::Ok, S::Error> {
    match class.and_then(AnswerClass::contract_name) {
        Some(c) => s.serialize_str(c),
        None => s.serialize_none(),
    }
}

/// The class an exchange is listed under: the status class of its answer, or `network` when no response came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerClass {
    /// A response. [`Class::Invalid`] (a status outside 100–599) has no name: the contract's `class` is null.
    Status(Class),
    /// No response at all.
    Network,
}

impl AnswerClass {
    /// `1XX` … `5XX` or `network`; `None` for a status outside 100–599.
    pub fn name(self) -> Option<&'static str> {
        match self {
            AnswerClass::Status(c) => c.name(),
            AnswerClass::Network => Some("network"),
        }
    }

    /// The contract's `class` (DESIGN §3.1): a network failure has none, so it is null there as well.
    pub fn contract_name(self) -> Option<&'static str> {
        match self {
            AnswerClass::Status(c) => c.name(),
            AnswerClass::Network => None,
        }
    }
}

/// A class name nobody knows, as typed (`--class 500`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown class {0:?}: expected 2XX, 3XX, 4XX, 5XX or network")]
pub struct UnknownClass(pub String);

impl FromStr for AnswerClass {
    type Err = UnknownClass;

    /// Any case: `4xx`, `5XX`, `Network`.
    fn from_str(s: &str) -> Result<AnswerClass, UnknownClass> {
        let c = s.trim();
        if c.eq_ignore_ascii_case("network") {
            return Ok(AnswerClass::Network);
        }
        let class = match c.to_ascii_uppercase().as_str() {
            "1XX" => Class::C1xx,
            "2XX" => Class::C2xx,
            "3XX" => Class::C3xx,
            "4XX" => Class::C4xx,
            "5XX" => Class::C5xx,
            _ => return Err(UnknownClass(c.to_string())),
        };
        Ok(AnswerClass::Status(class))
    }
}

/// The one rule for "has it failed, is it worth re-sending": a 5XX, a 429, or no response at all. A 4XX other
/// than 429 would fail again as it is, and a success needs no second go.
pub fn worth_replaying(status: Option<u16>, network: Option<NetworkErrorKind>) -> bool {
    match status {
        Some(s) => s >= 500 || s == 429,
        None => network.is_some(),
    }
}

impl Exchange {
    /// The last answer: the classified response, else the final network failure; `None` for an exchange with no
    /// attempt.
    pub fn answer(&self) -> Option<Answer<'_>> {
        match (&self.outcome, self.final_failure()) {
            (Some(o), _) => Some(Answer::Response(o)),
            (None, Some(f)) => Some(Answer::Network(f)),
            (None, None) => None,
        }
    }

    /// The kind of network failure when the final attempt got no response.
    pub fn network_kind(&self) -> Option<NetworkErrorKind> {
        self.final_failure().filter(|_| self.status().is_none()).map(|f| f.kind)
    }

    /// The class the history lists it under; `None` for an invalid status or an exchange with no attempt.
    pub fn answer_class(&self) -> Option<AnswerClass> {
        let class = match (&self.outcome, self.status(), self.final_failure()) {
            (Some(o), _, _) => o.class,
            (None, Some(s), _) => Class::of(s),
            (None, None, Some(_)) => return Some(AnswerClass::Network),
            (None, None, None) => return None,
        };
        (class != Class::Invalid).then_some(AnswerClass::Status(class))
    }

    /// [`worth_replaying`] for this exchange's final attempt.
    pub fn worth_replaying(&self) -> bool {
        worth_replaying(self.status(), self.network_kind())
    }

    /// The row view of the last answer.
    pub fn last_answer(&self) -> LastAnswer {
        let o = self.outcome.as_ref();
        LastAnswer {
            status: self.status(),
            class: self.answer_class(),
            outcome: o.map(|o| o.outcome),
            error: o.and_then(|o| o.error.clone()),
            name: o.and_then(|o| o.name.clone()),
            network: self.network_kind(),
            attempts: self.attempts.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_parse_in_any_case_and_name_themselves() {
        assert_eq!("4xx".parse(), Ok(AnswerClass::Status(Class::C4xx)));
        assert_eq!(" Network ".parse(), Ok(AnswerClass::Network));
        assert_eq!(AnswerClass::Network.name(), Some("network"));
        assert_eq!(AnswerClass::Network.contract_name(), None);
        assert_eq!(AnswerClass::Status(Class::C5xx).name(), Some("5XX"));
        let e = "4".parse::<AnswerClass>().unwrap_err().to_string();
        assert_eq!(e, "unknown class \"4\": expected 2XX, 3XX, 4XX, 5XX or network");
    }

    #[test]
    fn only_server_errors_rate_limits_and_network_failures_are_worth_replaying() {
        assert!(worth_replaying(Some(503), None) && worth_replaying(Some(429), None));
        assert!(worth_replaying(None, Some(NetworkErrorKind::ReadTimeout)));
        assert!(!worth_replaying(Some(400), None) && !worth_replaying(Some(201), None));
        assert!(!worth_replaying(None, None));
    }

    #[test]
    fn the_row_view_serialises_as_the_contract_rows_do() {
        let row = LastAnswer {
            status: None,
            class: Some(AnswerClass::Network),
            outcome: None,
            error: None,
            name: None,
            network: Some(NetworkErrorKind::ConnectionRefused),
            attempts: 2,
        };
        assert!(row.worth_replaying());
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(
            json,
            r#"{"status":null,"class":null,"outcome":null,"error":null,"name":null,"network":"connection_refused","attempts":2}"#
        );
    }
}
