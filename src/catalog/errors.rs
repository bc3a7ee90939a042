//! The fatal-error table and the non-fatal response shapes, as data.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::{Deserialize, Serialize};

use super::CatalogError;
use crate::i18n::Text;

/// What Braze's documentation says to do next after a response of this kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryKind {
    None,
    FixRequest,
    Backoff,
    WaitForReset,
    /// Another job of the same kind is running (a CDI sync): wait for it, not for a rate-limit window.
    WaitForJob,
}

impl RetryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RetryKind::None => "none",
            RetryKind::FixRequest => "fix_request",
            RetryKind::Backoff => "backoff",
            RetryKind::WaitForReset => "wait_for_reset",
            RetryKind::WaitForJob => "wait_for_job",
        }
    }
}

/// One row of Braze's fatal-error table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorRow {
    /// Stable id used in JSON output (`no_recipients`, …).
    pub id: String,
    /// HTTP status; the 5XX row uses 500 and sets `any_5xx`.
    pub status: u16,
    #[serde(default)]
    pub any_5xx: bool,
    /// The short name exactly as Braze sends it in `message`.
    pub name: String,
    /// The name in Korean, for people (the wire keeps `name`): every row, seed or endpoint-specific, has one
    /// (tested; the loader does not require it).
    #[serde(default, skip_serializing)]
    pub name_ko: Option<String>,
    /// Further `message` strings that identify this row (matched case-insensitively).
    #[serde(default)]
    pub also_matches: Vec<String>,
    pub meaning: Text,
    pub action: Text,
    pub retry: RetryKind,
    /// Whether anything was sent. Always false for a fatal error; kept as data so the table says it.
    pub sent: bool,
    /// Whether a client can predict this row before sending (the validator covers it).
    pub predictable: bool,
    /// The endpoints (`METHOD PATH`) an endpoint-specific row belongs to; empty for the seed's rows, which
    /// belong to every endpoint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<String>,
    /// The row its endpoints answer a body that is not JSON with, in place of the seed's `bad_request`: the
    /// validator's syntax check predicts it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_json: bool,
}

impl ErrorRow {
    /// The name shown to a person in `lang`: the Korean name where the table has one, else the wire name.
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.name_ko) {
            (crate::i18n::Lang::Ko, Some(k)) => k,
            _ => &self.name,
        }
    }

    /// `400`, `5XX`, … as the table prints it.
    pub fn status_label(&self) -> String {
        if self.any_5xx { "5XX".to_string() } else { self.status.to_string() }
    }
}

/// A non-fatal response shape (success, success with minor errors, tracked send, queued).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Shape {
    pub id: String,
    pub status: u16,
    pub message: String,
    pub example: String,
    pub meaning: Text,
}

/// An `error` id brazen gives an answer Braze's table has no row for (`invalid_status`): a name and texts, no
/// status of its own, so nothing that walks Braze's rows (the catalog, the mock, row matching) meets it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerRow {
    pub id: String,
    pub name: String,
    pub meaning: Text,
    pub action: Text,
}

/// One file of `assets/errors/`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowsFile {
    #[serde(default)]
    error: Vec<ErrorRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorTable {
    #[serde(rename = "error")]
    pub rows: Vec<ErrorRow>,
    #[serde(rename = "answer", default)]
    pub answers: Vec<AnswerRow>,
    #[serde(rename = "shape")]
    pub shapes: Vec<Shape>,
}

impl ErrorTable {
    pub fn parse(text: &str) -> Result<ErrorTable, CatalogError> {
        ErrorTable::load(text, &[])
    }

    /// The seed's table (`errors.toml`) and the endpoint-specific rows of `assets/errors/` (name, text).
    pub fn load(seed: &str, more: &[(&str, &str)]) -> Result<ErrorTable, CatalogError> {
        let mut t: ErrorTable = super::syntax::read("errors.toml", seed).map_err(CatalogError::Invalid)?;
        for (name, text) in more {
            let f: RowsFile = super::syntax::read(name, text).map_err(CatalogError::Invalid)?;
            if let Some(r) = f.error.iter().find(|r| r.endpoints.is_empty()) {
                return Err(CatalogError::Invalid(format!("{name}: row {} names no endpoints", r.id)));
            }
            t.rows.extend(f.error);
        }
        let mut seen = std::collections::HashSet::new();
        for id in t.rows.iter().map(|r| &r.id).chain(t.answers.iter().map(|a| &a.id)) {
            if !seen.insert(id.as_str()) {
                return Err(CatalogError::Invalid(format!("duplicate error id {id}")));
            }
        }
        Ok(t)
    }

    /// The row with this id.
    pub fn row(&self, id: &str) -> Option<&ErrorRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// The brazen-named answer with this id (`invalid_status`).
    pub fn answer(&self, id: &str) -> Option<&AnswerRow> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// The row a response `message` names, if any (case-insensitive, surrounding space ignored).
    /// Several rows share the wire name `Bad Request`; the first (`bad_request`) wins.
    /// The row `endpoint` ("METHOD /path") answers a body that is not JSON with, when it has its own.
    pub fn not_json(&self, endpoint: &str) -> Option<&ErrorRow> {
        self.rows.iter().find(|r| r.not_json && r.endpoints.iter().any(|e| e == endpoint))
    }

    pub fn by_message(&self, message: &str) -> Option<&ErrorRow> {
        let m = message.trim();
        self.rows
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(m) || r.also_matches.iter().any(|a| a.eq_ignore_ascii_case(m)))
    }

    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.id == id)
    }
}
