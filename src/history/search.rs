//! Text search: what of an exchange is searchable, and how a search string becomes a query.
//!
//! `exchange_text` holds the searchable text of each exchange; `exchange_search` is an FTS5 trigram index over
//! it (external content, so the text is stored once). The index serves a plain `LIKE '%…%'` of three or more
//! characters by listing candidate rows, which SQLite then checks against the text.
//!
//! Plans, chosen per query by [`choose`]:
//! - [`Plan::Indexed`]: the index lists every match, which are then ordered by time. Cost grows with the
//!   number of matches (about 2.5 µs each), so it is right for selective terms.
//! - [`Plan::Scan`]: walk the exchanges newest first and check each one's text, stopping at the limit. Cost
//!   grows with how far back the matches are, so it is right for common terms.
//! - One or two characters cannot be looked up as a trigram, but every trigram that *starts* with them can:
//!   [`PAD`] guarantees that each occurrence is followed by two more characters, so the rows holding the
//!   string are exactly the rows holding one of the index's terms with that prefix. The term list (from the
//!   index's vocabulary, a range lookup) gives [`Plan::Nothing`] when it is empty, [`Plan::Prefixed`] when its
//!   rows are few, and [`Plan::Scan`] when they are many. A search for one or two characters that occur
//!   nowhere used to scan every text (about 58 ms at 100,000 exchanges); now it is a range lookup.

use rusqlite::{Connection, ToSql, params};

use super::HistoryError;
use crate::exchange::Exchange;

/// Each body is indexed up to this many bytes: search is for ids, messages and keys, which sit near the start,
/// and a 10 MiB export response would otherwise bloat the index for nothing.
pub const INDEXED_BODY_BYTES: usize = 32 * 1024;

/// A term with at least this many matches is "common": scanning newest first finds a page of them sooner than
/// ordering all of them. Near the crossover of the two plans' costs at 100,000 exchanges and a page of 100.
const COMMON_MATCHES: i64 = 2_000;

/// Ends every searchable text: two characters so that each occurrence of a one- or two-character string
/// begins a trigram (see the module comment). A newline, because the parts are already joined with newlines
/// and nobody types one into a search.
const PAD: &str = "\n\n";

/// A one- or two-character search whose term list is longer than this is common: scan.
const MAX_PREFIX_TERMS: usize = 64;

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
    let mut text = parts.join("\n");
    // A NUL (a server may send one) would end the text for SQLite's LIKE and FTS, hiding what follows it, and a
    // PostgreSQL text cannot hold one: it is no character anyone searches for.
    if text.contains('\0') {
        text.retain(|c| c != '\0');
    }
    text.push_str(PAD);
    text
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    Indexed,
    Scan,
    /// No row can match.
    Nothing,
    /// The rows holding any of these index terms (an FTS5 query), checked against the text.
    Prefixed(String),
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
    /// The text folded as the index folds it, when it is one or two characters the vocabulary can be ranged on.
    prefix: Option<String>,
}

impl Search {
    pub(crate) fn new(text: &str) -> Search {
        Search {
            pattern: format!("%{text}%"),
            exact: text.contains(['%', '_']).then(|| text.to_string()),
            short: text.chars().count() < 3,
            // ASCII only: its folding is exactly the index's, and the range's upper end (the last byte plus one)
            // stays ASCII. DEL and NUL would break that end or the query; they scan.
            prefix: (text.chars().count() < 3 && text.chars().all(|c| c.is_ascii() && c != '\x7f' && c != '\0'))
                .then(|| text.to_ascii_lowercase()),
        }
    }

    fn test(&self, column: &str) -> String {
        match self.exact {
            Some(_) => format!("{column} LIKE :search AND instr(lower({column}), lower(:exact)) > 0"),
            None => format!("{column} LIKE :search"),
        }
    }

    /// The condition on `e.id` for `plan`.
    pub(crate) fn condition(&self, plan: &Plan) -> String {
        let scan = || format!("EXISTS (SELECT 1 FROM exchange_text t WHERE t.id = e.id AND {})", self.test("t.text"));
        match plan {
            Plan::Indexed => format!("e.id IN (SELECT rowid FROM exchange_search WHERE {})", self.test("text")),
            Plan::Scan => scan(),
            Plan::Nothing => "0".to_string(),
            Plan::Prefixed(_) => {
                format!("e.id IN (SELECT rowid FROM exchange_search WHERE exchange_search MATCH :terms) AND {}", scan())
            }
        }
    }

    /// The named parameters `condition(plan)` uses.
    pub(crate) fn params(&self, plan: &Plan) -> Vec<(&'static str, Box<dyn ToSql>)> {
        let mut p: Vec<(&'static str, Box<dyn ToSql>)> = Vec::new();
        match plan {
            Plan::Nothing => return p,
            Plan::Prefixed(terms) => p.push((":terms", Box::new(terms.clone()))),
            Plan::Indexed | Plan::Scan => {}
        }
        p.push((":search", Box::new(self.pattern.clone())));
        if let Some(exact) = &self.exact {
            p.push((":exact", Box::new(exact.clone())));
        }
        p
    }
}

/// The cheaper plan for `search` when a page of `limit` rows is wanted (`None`: every match).
pub(crate) fn choose(conn: &Connection, search: &Search, limit: Option<usize>) -> Result<Plan, HistoryError> {
    if search.short {
        return choose_short(conn, search, limit);
    }
    if limit.is_none() {
        return Ok(Plan::Indexed);
    }
    let sql = format!("SELECT 1 FROM exchange_search WHERE {}", search.test("text"));
    Ok(if common(conn, &sql, &search.params(&Plan::Indexed))? { Plan::Scan } else { Plan::Indexed })
}

/// Whether the rows of `select` reach [`COMMON_MATCHES`]; counts only up to it, so it is cheap for rare and
/// common terms alike.
fn common(conn: &Connection, select: &str, params: &[(&'static str, Box<dyn ToSql>)]) -> Result<bool, HistoryError> {
    let sql = format!("SELECT count(*) FROM ({select} LIMIT {COMMON_MATCHES})");
    let named: Vec<(&str, &dyn ToSql)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
    let matches: i64 = conn.prepare_cached(&sql)?.query_row(named.as_slice(), |r| r.get(0))?;
    Ok(matches >= COMMON_MATCHES)
}

/// One or two characters: the index terms they begin decide (see the module comment).
fn choose_short(conn: &Connection, search: &Search, limit: Option<usize>) -> Result<Plan, HistoryError> {
    let Some(prefix) = &search.prefix else { return Ok(Plan::Scan) };
    let mut hi = prefix.clone().into_bytes();
    if let Some(last) = hi.last_mut() {
        *last += 1;
    }
    let hi = String::from_utf8(hi).unwrap_or_default();
    // Rows come one term at a time, each reading that term's row list, so stop as soon as the answer is
    // clear: a single common term (one character often has dozens) already makes the whole prefix common.
    let mut stmt = conn.prepare_cached("SELECT term, doc FROM temp.exchange_vocab WHERE term >= ?1 AND term < ?2")?;
    let mut rows = stmt.query(params![prefix, hi])?;
    let (mut terms, mut rows_at_most) = (Vec::new(), 0_i64);
    while let Some(row) = rows.next()? {
        let (term, docs): (String, i64) = (row.get(0)?, row.get(1)?);
        if (limit.is_some() && docs >= COMMON_MATCHES) || terms.len() == MAX_PREFIX_TERMS {
            return Ok(Plan::Scan);
        }
        terms.push(term);
        rows_at_most += docs;
    }
    if terms.is_empty() {
        return Ok(Plan::Nothing);
    }
    let query = terms.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" OR ");
    // The terms' rows overlap, so their sum only bounds the union; count it when the bound is not enough.
    if limit.is_some() && rows_at_most >= COMMON_MATCHES {
        let select = "SELECT 1 FROM exchange_search WHERE exchange_search MATCH :terms";
        let params: [(&'static str, Box<dyn ToSql>); 1] = [(":terms", Box::new(query.clone()))];
        if common(conn, select, &params)? {
            return Ok(Plan::Scan);
        }
    }
    Ok(Plan::Prefixed(query))
}

/// Makes the index's vocabulary readable on `conn` (a per-connection table in `temp`, so no migration).
pub(crate) fn attach_vocabulary(conn: &Connection) -> Result<(), HistoryError> {
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.exchange_vocab USING fts5vocab(main, exchange_search, row)",
    )?;
    Ok(())
}
