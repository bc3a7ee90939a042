//! The text index: what of an exchange is searchable, and how a search string becomes a query.

use rusqlite::{Connection, params};

use super::HistoryError;
use crate::exchange::Exchange;

/// Each body is indexed up to this many bytes: search is for ids, messages and keys, which sit near the start,
/// and a 10 MiB export response would otherwise bloat the index for nothing.
pub const INDEXED_BODY_BYTES: usize = 32 * 1024;

/// The searchable text of an exchange, one part a line: URL, endpoint, request body, response body, messages.
pub(crate) fn text(ex: &Exchange) -> String {
    let mut parts: Vec<&str> = vec![&ex.request.url, &ex.request.endpoint, cap(&ex.request.body)];
    if let Some(r) = ex.final_response() {
        parts.push(cap(&r.body));
    }
    if let Some(o) = &ex.outcome {
        parts.extend(o.message.as_deref());
        parts.extend(o.name.as_deref());
        parts.extend(o.error.as_deref());
        parts.extend(o.minor_errors.iter().map(String::as_str));
        parts.extend(o.send_id.as_deref());
        parts.extend(o.dispatch_id.as_deref());
    }
    parts.extend(ex.attempts.iter().filter_map(|a| a.failure.as_ref()).map(|f| f.detail.as_str()));
    parts.join("\n")
}

fn cap(s: &str) -> &str {
    if s.len() <= INDEXED_BODY_BYTES {
        return s;
    }
    let mut end = INDEXED_BODY_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub(crate) fn index(conn: &Connection, id: i64, ex: &Exchange) -> Result<(), HistoryError> {
    conn.execute("INSERT INTO exchange_search(rowid, text) VALUES (?1, ?2)", params![id, text(ex)])?;
    Ok(())
}

/// A search string as an SQL condition on `e.id`, and the values of its `:search` and `:exact` parameters.
///
/// The trigram index serves a plain `LIKE '%…%'` of three or more characters (shorter ones scan the stored
/// text). An `ESCAPE` clause would turn the index off, so `%` and `_` typed by the user stay wildcards in the
/// `LIKE`, which then over-matches, and an `instr` on the same text keeps only the exact substring.
pub(crate) fn condition(text: &str) -> (&'static str, String, Option<String>) {
    let pattern = format!("%{text}%");
    if text.contains(['%', '_']) {
        (
            "e.id IN (SELECT rowid FROM exchange_search WHERE text LIKE :search \
             AND instr(lower(text), lower(:exact)) > 0)",
            pattern,
            Some(text.to_string()),
        )
    } else {
        ("e.id IN (SELECT rowid FROM exchange_search WHERE text LIKE :search)", pattern, None)
    }
}
