//! The text index: what of an exchange is searchable, and how a search string becomes a query.

use rusqlite::{Connection, params};

use super::HistoryError;
use crate::exchange::Exchange;

/// Each body is indexed up to this many bytes: search is for ids, messages and keys, which sit near the start,
/// and a 10 MiB export response would otherwise bloat the index for nothing.
pub const INDEXED_BODY_BYTES: usize = 32 * 1024;

/// The searchable text of an exchange: (url, endpoint, bodies, messages).
pub(crate) fn fields(ex: &Exchange) -> (String, String, String, String) {
    let mut body = cap(&ex.request.body).to_string();
    if let Some(r) = ex.final_response() {
        body.push('\n');
        body.push_str(cap(&r.body));
    }
    let mut message = Vec::new();
    if let Some(o) = &ex.outcome {
        message.extend(o.message.iter().cloned());
        message.extend(o.name.iter().cloned());
        message.extend(o.error.iter().cloned());
        message.extend(o.minor_errors.iter().cloned());
        message.extend(o.send_id.iter().cloned());
        message.extend(o.dispatch_id.iter().cloned());
    }
    for a in &ex.attempts {
        if let Some(f) = &a.failure {
            message.push(f.detail.clone());
        }
    }
    (ex.request.url.clone(), ex.request.endpoint.clone(), body, message.join("\n"))
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
    let (url, endpoint, body, message) = fields(ex);
    conn.execute(
        "INSERT INTO exchange_search(rowid, url, endpoint, body, message) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, url, endpoint, body, message],
    )?;
    Ok(())
}

/// A search string as an SQL condition on `e.id` plus the value of its `:search` parameter.
///
/// Three characters or more: an FTS5 phrase over trigrams, which is an exact case-insensitive substring match
/// served by the index. Shorter strings cannot be expressed in trigrams, so they fall back to `LIKE` over the
/// indexed text (a full scan, still correct).
pub(crate) fn condition(text: &str) -> (&'static str, String) {
    if text.chars().count() >= 3 {
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        ("e.id IN (SELECT rowid FROM exchange_search WHERE exchange_search MATCH :search)", phrase)
    } else {
        let escaped: String =
            text.chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
        (
            "e.id IN (SELECT rowid FROM exchange_search s WHERE s.url LIKE :search ESCAPE '\\' \
             OR s.endpoint LIKE :search ESCAPE '\\' OR s.body LIKE :search ESCAPE '\\' \
             OR s.message LIKE :search ESCAPE '\\')",
            format!("%{escaped}%"),
        )
    }
}
