//! A refusal in the making: a [`Finding`] (a row of the error table and a sentence) and how findings become the
//! answer's status and `errors`. Shared by the answers of writes ([`super::answers`]) and of the export endpoints
//! ([`super::series`]), which depend on it and not on each other.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::state::{Row, Shared};
use crate::validate::Diagnostic;

/// A reason to refuse the request: a row of the table (or, rarely, a documented answer outside the table).
#[derive(Debug)]
pub(crate) struct Finding {
    rank: usize,
    status: StatusCode,
    name: String,
    sentence: String,
}

impl Finding {
    pub fn row(s: &Shared, row: &Row, sentence: String) -> Finding {
        Finding { rank: s.rows.rank(row.id), status: row.status, name: row.name.to_string(), sentence }
    }

    /// A documented answer that is not a row of the table: it ranks after every row.
    pub fn outside_table(status: StatusCode, name: &str, sentence: &str) -> Finding {
        Finding { rank: usize::MAX, status, name: name.into(), sentence: sentence.into() }
    }

    /// The same finding with another sentence.
    pub fn saying(self, sentence: String) -> Finding {
        Finding { sentence, ..self }
    }

    pub fn diagnostic(s: &Shared, d: &Diagnostic) -> Finding {
        let row = crate::catalog::errors().row(&d.error);
        let status = d.status.or(row.map(|r| r.status)).and_then(|c| StatusCode::from_u16(c).ok());
        Finding {
            rank: s.rows.rank(&d.error),
            status: status.unwrap_or(s.rows.bad_request.status),
            name: d.name.clone().or(row.map(|r| r.name.clone())).unwrap_or_else(|| s.rows.bad_request.name.to_string()),
            sentence: sentence(d),
        }
    }
}

/// A diagnostic as an `errors` string: the sentence and where it points.
pub(crate) fn sentence(d: &Diagnostic) -> String {
    if d.pointer.is_empty() {
        format!("{} (line {}, column {})", d.message, d.line, d.column)
    } else {
        format!("{} (at {}, line {}, column {})", d.message, d.pointer, d.line, d.column)
    }
}

pub(crate) type Reply = (StatusCode, Value);

/// The first finding in the order of the error table answers; every finding, then the minor diagnostics, are
/// listed in `errors`.
pub(crate) fn refuse(mut findings: Vec<Finding>, minors: &[&Diagnostic]) -> Reply {
    findings.sort_by_key(|f| f.rank);
    let first = &findings[0];
    let mut errors: Vec<Value> = Vec::new();
    for f in &findings {
        let e = Value::String(f.sentence.clone());
        if !errors.contains(&e) {
            errors.push(e);
        }
    }
    errors.extend(minors.iter().map(|d| Value::String(sentence(d))));
    (first.status, json!({ "message": first.name, "errors": errors }))
}

pub(crate) fn unknown_campaign(s: &Shared, cid: &str) -> String {
    let known: Vec<&str> = s.fixtures.campaigns.iter().map(|c| c.id.as_str()).collect();
    format!("campaign_id {cid:?} is not an API campaign of this workspace (the mock knows: {})", known.join(", "))
}
