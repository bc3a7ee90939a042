//! The ledger's SQL for a [`Filter`]: the same meaning as the SQLite history's `query::build`, in PostgreSQL's
//! dialect (positional parameters, `ILIKE` served by the trigram index, `LIKE` instead of `GLOB`).

use postgres::types::ToSql;

use crate::answer::AnswerClass;
use crate::history::Filter;
use crate::history::query::{concrete_patterns, normalize_endpoint};

/// Owned positional parameters.
pub(super) type Params = Vec<Box<dyn ToSql + Sync + Send>>;

/// The column list [`super::summary_from_row`] reads.
pub(super) const SUMMARY_COLUMNS: &str = "e.id, e.time_us, e.environment, e.method, e.endpoint, e.url, e.status, \
     e.class, e.outcome, e.error, e.name, e.network, e.duration_ms, e.attempts, e.replayed_by, e.replay_of, \
     e.saved_request, e.imported_from, e.sent_by, e.sent_from, e.claim_state";

struct Builder {
    conds: Vec<String>,
    params: Params,
}

impl Builder {
    /// Adds a parameter; returns its placeholder.
    fn p(&mut self, v: impl ToSql + Sync + Send + 'static) -> String {
        self.params.push(Box::new(v));
        format!("${}", self.params.len())
    }
}

/// `text` matched literally by `LIKE`/`ILIKE` (backslash is PostgreSQL's default escape character).
pub(super) fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// SQL and parameters listing what `filter` picks, newest first.
pub(super) fn build(filter: &Filter) -> (String, Params) {
    let mut b = Builder { conds: Vec::new(), params: Vec::new() };
    match filter.class.map(AnswerClass::name) {
        None => {}
        Some(Some(name)) => {
            let p = b.p(name.to_string());
            b.conds.push(format!("e.class = {p}"));
        }
        Some(None) => b.conds.push("e.class IS NULL AND e.status IS NOT NULL".into()),
    }
    if let Some(ep) = &filter.endpoint {
        match ep.trim().strip_suffix('*') {
            Some(prefix) => {
                let prefix = prefix.split_once(char::is_whitespace).map_or(prefix, |(_, p)| p.trim());
                let prefix = if prefix.starts_with('/') { prefix.to_string() } else { format!("/{prefix}") };
                let hi = b.p(format!("{prefix}\u{10FFFF}"));
                let lo = b.p(prefix);
                b.conds.push(format!("e.endpoint >= {lo} AND e.endpoint < {hi}"));
            }
            None => {
                let ep = normalize_endpoint(ep);
                let patterns = concrete_patterns(&ep);
                // The endpoint itself or a folder of endpoints (`/users` → `/users/track`): SQLite first probes
                // whether the folder has rows to keep a sort-free plan; here the planner weighs the OR itself.
                let dir = b.p(format!("{ep}/"));
                let end = b.p(format!("{ep}0"));
                let eq = b.p(ep.clone());
                let mut cond = format!("e.endpoint = {eq} OR (e.endpoint >= {dir} AND e.endpoint < {end})");
                if !patterns.is_empty() {
                    // A concrete catalog path: the catalog path it falls under, with the values in the URL.
                    let like = like_escaped(&ep);
                    let pats = b.p(patterns);
                    let u1 = b.p(format!("%{like}"));
                    let u2 = b.p(format!("%{like}/%"));
                    let u3 = b.p(format!("%{like}?%"));
                    cond.push_str(&format!(
                        " OR (e.endpoint = ANY({pats}) AND (e.url LIKE {u1} OR e.url LIKE {u2} OR e.url LIKE {u3}))"
                    ));
                }
                b.conds.push(format!("({cond})"));
            }
        }
    }
    if let Some(env) = &filter.environment {
        let p = b.p(env.clone());
        b.conds.push(format!("e.environment = {p}"));
    }
    if let Some(user) = &filter.user {
        let p = b.p(user.clone());
        b.conds.push(format!("e.sent_by = {p}"));
    }
    if filter.failed_only {
        b.conds.push("e.failed".into());
    }
    if filter.not_replayed {
        // Claimed but not yet sent counts as not replayed (the claim decides who sends); one that may have been
        // sent (`sending`, `unknown`) does not: it is never offered again automatically.
        b.conds.push("e.replayed_by IS NULL AND (e.claim_state IS NULL OR e.claim_state = 'claimed')".into());
    }
    if filter.replay_unknown {
        b.conds.push("e.claim_state = 'unknown'".into());
    }
    if let Some(since) = filter.since {
        let p = b.p(since.as_microsecond());
        b.conds.push(format!("e.time_us >= {p}"));
    }
    if let Some(before) = filter.before {
        let p = b.p(before.as_microsecond());
        b.conds.push(format!("e.time_us < {p}"));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.is_empty()) {
        let p = b.p(format!("%{}%", like_escaped(search)));
        b.conds.push(format!("e.id IN (SELECT t.id FROM exchange_text t WHERE t.text ILIKE {p})"));
    }
    let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM exchanges e");
    if !b.conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&b.conds.join(" AND "));
    }
    sql.push_str(" ORDER BY e.time_us DESC, e.id DESC");
    if let Some(limit) = filter.limit {
        let p = b.p(i64::try_from(limit).unwrap_or(i64::MAX));
        sql.push_str(&format!(" LIMIT {p}"));
    }
    (sql, b.params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_typed_by_the_user_are_literal() {
        assert_eq!(like_escaped(r"50%_a\b"), r"50\%\_a\\b");
    }

    #[test]
    fn every_filter_field_becomes_a_numbered_parameter() {
        let f = Filter {
            class: Some(AnswerClass::Network),
            endpoint: Some("/users".into()),
            search: Some("abc".into()),
            user: Some("ana".into()),
            limit: Some(5),
            ..Filter::default()
        };
        let (sql, params) = build(&f);
        assert!(sql.contains(&format!("${}", params.len())), "{sql}");
        assert!(sql.contains("ILIKE"), "{sql}");
        assert!(sql.contains("e.sent_by ="), "{sql}");
    }
}
