//! Text search: what of an exchange is searchable, and how a search string becomes a query.
//!
//! `exchange_text` holds the searchable text of each exchange; `exchange_search` is an FTS5 trigram index over
//! it (external content, so the text is stored once). The index serves a plain `LIKE '%…%'` of three or more
//! characters by listing candidate rows, which SQLite then checks against the text.
//!
//! Two plans, chosen per query by [`choose`]:
//! - [`Plan::Indexed`]: the index lists every match, which are then ordered by time. Cost grows with the
//!   number of matches (about 2.5 µs each), so it is right for selective terms.
//! - [`Plan::Scan`]: walk the exchanges newest first and check each one's text, stopping at the limit. Cost
//!   grows with how far back the matches are, so it is right for common terms (and for one or two characters,
//!   which trigrams cannot index).

use rusqlite::{Connection, ToSql, params};

use super::HistoryError;
use crate::exchange::Exchange;

/// Each body is indexed up to this many bytes: search is for ids, messages and keys, which sit near the start,
/// and a 10 MiB export response would otherwise bloat the index for nothing.
pub const INDEXED_BODY_BYTES: usize = 32 * 1024;

/// A term with at least this many matches is "common": scanning newest first finds a page of them sooner than
/// ordering all of them. Near the crossover of the two plans' costs at 100,000 exchanges and a page of 100.
const COMMON_MATCHES: i64 = 2_000;

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

/// Stores the searchable text of exchange `id` and indexes it.
pub(crate) fn index(conn: &Connection, id: i64, ex: &Exchange) -> Result<(), HistoryError> {
    let text = text(ex);
    conn.execute("INSERT INTO exchange_text(id, text) VALUES (?1, ?2)", params![id, text])?;
    conn.execute("INSERT INTO exchange_search(rowid, text) VALUES (?1, ?2)", params![id, text])?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    Indexed,
    Scan,
}

/// A search string as SQL.
///
/// An `ESCAPE` clause would turn the index off, so `%` and `_` typed by the user stay wildcards in the `LIKE`,
/// which then over-matches, and an `instr` on the same text keeps only the exact substring.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    pattern: String,
    exact: Option<String>,
    short: bool,
}

impl Search {
    pub(crate) fn new(text: &str) -> Search {
        Search {
            pattern: format!("%{text}%"),
            exact: text.contains(['%', '_']).then(|| text.to_string()),
            short: text.chars().count() < 3,
        }
    }

    fn test(&self, column: &str) -> String {
        match self.exact {
            Some(_) => format!("{column} LIKE :search AND instr(lower({column}), lower(:exact)) > 0"),
            None => format!("{column} LIKE :search"),
        }
    }

    /// The condition on `e.id` for `plan`.
    pub(crate) fn condition(&self, plan: Plan) -> String {
        match plan {
            Plan::Indexed => format!("e.id IN (SELECT rowid FROM exchange_search WHERE {})", self.test("text")),
            Plan::Scan => {
                format!("EXISTS (SELECT 1 FROM exchange_text t WHERE t.id = e.id AND {})", self.test("t.text"))
            }
        }
    }

    pub(crate) fn params(&self) -> Vec<(&'static str, Box<dyn ToSql>)> {
        let mut p: Vec<(&'static str, Box<dyn ToSql>)> = vec![(":search", Box::new(self.pattern.clone()))];
        if let Some(exact) = &self.exact {
            p.push((":exact", Box::new(exact.clone())));
        }
        p
    }
}

/// The cheaper plan for `search` when a page of `limit` rows is wanted (`None`: every match).
pub(crate) fn choose(conn: &Connection, search: &Search, limit: Option<usize>) -> Result<Plan, HistoryError> {
    if limit.is_none() {
        return Ok(Plan::Indexed);
    }
    if search.short {
        return Ok(Plan::Scan);
    }
    // Count matches only up to the threshold: cheap for rare and common terms alike.
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM exchange_search WHERE {} LIMIT {COMMON_MATCHES})",
        search.test("text")
    );
    let params = search.params();
    let named: Vec<(&str, &dyn ToSql)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
    let matches: i64 = conn.prepare_cached(&sql)?.query_row(named.as_slice(), |r| r.get(0))?;
    Ok(if matches >= COMMON_MATCHES { Plan::Scan } else { Plan::Indexed })
}
