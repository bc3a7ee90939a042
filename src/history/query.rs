//! Listing: the filter a caller asks for, the summary row it gets back (both in the domain's types), and the SQL
//! in between, which stays here.

use rusqlite::{Row, ToSql};
use serde::Serialize;

use super::HistoryError;
use super::search::{Plan, Search};
use crate::answer::AnswerClass;
use crate::classify::OutcomeKind;
use crate::exchange::NetworkErrorKind;

/// Which exchanges to list. Every set field narrows the result; the default lists everything, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// A status class, or [`AnswerClass::Network`] (no response at all).
    pub class: Option<AnswerClass>,
    /// A path (`/messages/send`, `POST /messages/send`); ending in `*`, every path with that prefix
    /// (`/users/*` matches `/users/track` and `/users/delete`).
    pub endpoint: Option<String>,
    /// Case-insensitive substring of the URL, endpoint, request or response body, or messages.
    pub search: Option<String>,
    pub environment: Option<String>,
    /// Only exchanges worth re-sending ([`crate::answer::worth_replaying`]).
    pub failed_only: bool,
    /// Only exchanges no replay has re-sent yet.
    pub not_replayed: bool,
    /// Only exchanges at or after this time.
    pub since: Option<jiff::Timestamp>,
    /// Only exchanges strictly before this time (what `history prune --before` removes).
    pub before: Option<jiff::Timestamp>,
    /// Only exchanges recorded by this user (`history list --user NAME`).
    pub user: Option<String>,
    /// Only exchanges whose replay may or may not have reached the server (a replay that died while sending):
    /// never re-sent automatically, listed for a person to decide.
    pub replay_unknown: bool,
    pub limit: Option<usize>,
}

/// One line of the history: what lists and the JSON of `history list` show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub id: i64,
    pub time: jiff::Timestamp,
    pub environment: String,
    pub method: String,
    pub endpoint: String,
    pub url: String,
    /// `None` when no response came back.
    pub status: Option<u16>,
    /// The status class, or network (what `--class network` filters on); `None` for a status outside 100–599.
    /// The JSON has only the contract's classes: a network failure has none, so `class` is null there and
    /// `network` names the failure, as in `send --format json`.
    #[serde(serialize_with = "crate::answer::contract_class")]
    pub class: Option<AnswerClass>,
    pub outcome: Option<OutcomeKind>,
    /// Row id of the error table.
    pub error: Option<String>,
    /// The row's short name.
    pub name: Option<String>,
    /// Kind of network failure (`connection_refused`, `read_timeout`, … in JSON) when no response came back.
    pub network: Option<NetworkErrorKind>,
    pub duration_ms: f64,
    pub attempts: u32,
    pub replayed_by: Option<i64>,
    pub replay_of: Option<i64>,
    /// The saved request it was sent from (its name in the collection, or the file as given); `null` when none.
    pub saved_request: Option<String>,
    /// Where an exchange added by `brazen import bundle` came from; `null` for every exchange sent from here.
    pub imported_from: Option<super::ImportedFrom>,
    /// Who recorded it (`user` of their config, else their login name); `null` for exchanges older than that.
    pub user: Option<String>,
    /// The machine it was recorded on.
    pub host: Option<String>,
    /// A replay of it may have reached the server but was never recorded: not re-sent automatically.
    pub replay_unknown: bool,
}

impl Summary {
    /// Whether it failed in a way worth re-sending ([`crate::answer::worth_replaying`]).
    pub fn worth_replaying(&self) -> bool {
        crate::answer::worth_replaying(self.status, self.network)
    }
}

/// The stored text of a unit enum, as serde names it (`read_timeout`, `success_with_minor_errors`).
pub(crate) fn column_name<T: Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Column `i` read back into its domain type; a value this brazen never writes is a conversion error.
fn typed<T>(r: &Row<'_>, i: usize, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    let Some(text) = r.get::<_, Option<String>>(i)? else { return Ok(None) };
    match parse(&text) {
        Some(v) => Ok(Some(v)),
        None => Err(rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown value {text:?} in the history").into(),
        )),
    }
}

/// A unit enum from its serde name.
pub(crate) fn from_name<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// Column list matching [`summary_from_row`].
pub(crate) const SUMMARY_COLUMNS: &str = "e.id, e.time_us, e.environment, e.method, e.endpoint, e.url, e.status, \
     e.class, e.outcome, e.error, e.name, e.network, e.duration_ms, e.attempts, e.replayed_by, e.replay_of, e.saved_request, \
     e.imported_from, e.sent_by, e.sent_from, e.claim_state";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<Summary> {
    let time_us: i64 = r.get(1)?;
    let time = jiff::Timestamp::from_microsecond(time_us)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Integer, Box::new(e)))?;
    Ok(Summary {
        id: r.get(0)?,
        time,
        environment: r.get(2)?,
        method: r.get(3)?,
        endpoint: r.get(4)?,
        url: r.get(5)?,
        status: r.get(6)?,
        class: typed(r, 7, |c| c.parse().ok())?,
        outcome: typed(r, 8, from_name)?,
        error: r.get(9)?,
        name: r.get(10)?,
        network: typed(r, 11, from_name)?,
        duration_ms: r.get(12)?,
        attempts: r.get(13)?,
        replayed_by: r.get(14)?,
        replay_of: r.get(15)?,
        saved_request: r.get(16)?,
        imported_from: match r.get::<_, Option<String>>(17)? {
            None => None,
            Some(text) => Some(serde_json::from_str(&text).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(17, rusqlite::types::Type::Text, Box::new(e))
            })?),
        },
        user: r.get(18)?,
        host: r.get(19)?,
        replay_unknown: r.get::<_, Option<String>>(20)?.as_deref() == Some("unknown"),
    })
}

/// An endpoint filter in stored form: leading `/`, no trailing `/`, no query, no method.
pub fn normalize_endpoint(endpoint: &str) -> String {
    let e = strip_method(endpoint.trim());
    let e = e.split('?').next().unwrap_or(e).trim_end_matches('/');
    if e.starts_with('/') { e.to_string() } else { format!("/{e}") }
}

/// The catalog paths a concrete path with parameter values falls under, itself or as their folder:
/// `/catalogs/restaurants/items` → `/catalogs/{catalog_name}/items`; `/catalogs/restaurants` → every
/// `/catalogs/{catalog_name}…` path. Empty when no segment of `path` stands for a parameter (`/catalogs`, or a
/// catalog path written with its braces): the stored endpoint is then compared as it is.
pub(crate) fn concrete_patterns(path: &str) -> Vec<String> {
    let given: Vec<&str> = path.split('/').collect();
    let mut out: Vec<String> = Vec::new();
    for e in &crate::catalog::endpoints().endpoints {
        let pattern: Vec<&str> = e.path.split('/').collect();
        if pattern.len() < given.len() || out.contains(&e.path) {
            continue;
        }
        let mut through_parameter = false;
        let fills = pattern.iter().zip(&given).all(|(p, g)| {
            let parameter = p.starts_with('{') && p.ends_with('}');
            through_parameter |= parameter && p != g;
            if parameter { !g.is_empty() } else { p == g }
        });
        if fills && through_parameter {
            out.push(e.path.clone());
        }
    }
    out
}

/// `text` matched literally by SQLite's GLOB (case-sensitive, unlike LIKE: ids and names are).
fn glob_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '*' | '?' | '[' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
}

/// Named SQL parameters, owned.
pub(crate) type Params = Vec<(&'static str, Box<dyn ToSql>)>;

/// The search of `filter`, if it has a non-empty one.
pub(crate) fn search_of(filter: &Filter) -> Option<Search> {
    filter.search.as_deref().filter(|t| !t.is_empty()).map(Search::new)
}

/// Accepts "POST /messages/send" as people copy it from the catalog.
fn strip_method(e: &str) -> &str {
    e.split_once(char::is_whitespace).map_or(e, |(_, p)| p.trim())
}

/// Whether any stored endpoint lies under `endpoint` (`/users` → `/users/track`): one probe of the index.
pub(crate) fn has_subpaths(conn: &rusqlite::Connection, endpoint: &str) -> Result<bool, HistoryError> {
    let ep = normalize_endpoint(endpoint);
    let mut stmt =
        conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM exchanges WHERE endpoint >= ?1 AND endpoint < ?2)")?;
    // `0` is the character after `/`, so the range holds exactly the paths that continue with `/`.
    Ok(stmt.query_row(rusqlite::params![format!("{ep}/"), format!("{ep}0")], |r| r.get(0))?)
}

/// SQL and named parameters for `filter`; `plan` says how to search when `filter.search` is set, and
/// `subpaths` whether the endpoint filter must also take the paths under it (see [`has_subpaths`]).
pub(crate) fn build(filter: &Filter, plan: &Plan, subpaths: bool) -> (String, Params) {
    let mut conds: Vec<&str> = Vec::new();
    let mut params: Params = Vec::new();
    match filter.class.map(AnswerClass::name) {
        None => {}
        Some(Some(name)) => {
            conds.push("e.class = :class");
            params.push((":class", Box::new(name)));
        }
        // A status outside 100–599 is stored with no class.
        Some(None) => conds.push("e.class IS NULL AND e.status IS NOT NULL"),
    }
    if let Some(ep) = &filter.endpoint {
        match ep.trim().strip_suffix('*') {
            Some(prefix) => {
                // A range on the index; U+10FFFF sorts after every character that can follow the prefix.
                let prefix = strip_method(prefix);
                let prefix = if prefix.starts_with('/') { prefix.to_string() } else { format!("/{prefix}") };
                conds.push("e.endpoint >= :ep_lo AND e.endpoint < :ep_hi");
                params.push((":ep_hi", Box::new(format!("{prefix}\u{10FFFF}"))));
                params.push((":ep_lo", Box::new(prefix)));
            }
            None if subpaths => {
                // `/users` is not an endpoint but the folder of several: the endpoint and everything under it.
                // Only when such rows exist, because this needs a sort where equality needs none.
                let ep = normalize_endpoint(ep);
                conds.push("(e.endpoint = :ep OR (e.endpoint >= :ep_dir AND e.endpoint < :ep_end))");
                params.push((":ep_dir", Box::new(format!("{ep}/"))));
                params.push((":ep_end", Box::new(format!("{ep}0"))));
                params.push((":ep", Box::new(ep)));
            }
            None => match concrete_patterns(&normalize_endpoint(ep)) {
                // Equality walks the (endpoint, time) index newest first with no sort.
                patterns if patterns.is_empty() => {
                    conds.push("e.endpoint = :ep");
                    params.push((":ep", Box::new(normalize_endpoint(ep))));
                }
                // `/catalogs/restaurants/items`: the history keeps the catalog path (`/catalogs/{catalog_name}/items`),
                // so the values are found in the URL: the concrete path as the end of its path, or as a folder of it.
                patterns => {
                    let ep = normalize_endpoint(ep);
                    conds.push(
                        "(e.endpoint = :ep OR (e.endpoint IN (SELECT value FROM json_each(:ep_patterns)) \
                         AND (e.url GLOB :ep_url OR e.url GLOB :ep_url_dir OR e.url GLOB :ep_url_query)))",
                    );
                    let glob = glob_escaped(&ep);
                    params.push((":ep_patterns", Box::new(serde_json::Value::from(patterns).to_string())));
                    params.push((":ep_url", Box::new(format!("*{glob}"))));
                    params.push((":ep_url_dir", Box::new(format!("*{glob}/*"))));
                    params.push((":ep_url_query", Box::new(format!("*{glob}[?]*"))));
                    params.push((":ep", Box::new(ep)));
                }
            },
        }
    }
    if let Some(env) = &filter.environment {
        conds.push("e.environment = :env");
        params.push((":env", Box::new(env.clone())));
    }
    if filter.failed_only {
        // Literal `failed = 1` so the planner can use the partial index.
        conds.push("e.failed = 1");
    }
    if filter.not_replayed {
        // A claim being sent or of unknown outcome is not offered again (see `claims.rs`).
        conds.push("e.replayed_by IS NULL AND (e.claim_state IS NULL OR e.claim_state = 'claimed')");
    }
    if filter.replay_unknown {
        conds.push("e.claim_state = 'unknown'");
    }
    if let Some(user) = &filter.user {
        conds.push("e.sent_by = :user");
        params.push((":user", Box::new(user.clone())));
    }
    if let Some(since) = filter.since {
        conds.push("e.time_us >= :since");
        params.push((":since", Box::new(since.as_microsecond())));
    }
    if let Some(before) = filter.before {
        conds.push("e.time_us < :before");
        params.push((":before", Box::new(before.as_microsecond())));
    }
    let search_cond;
    if let Some(search) = search_of(filter) {
        search_cond = search.condition(plan);
        conds.push(&search_cond);
        params.extend(search.params(plan));
    }
    let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM exchanges e");
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    sql.push_str(" ORDER BY e.time_us DESC, e.id DESC");
    if let Some(limit) = filter.limit {
        sql.push_str(" LIMIT :limit");
        params.push((":limit", Box::new(i64::try_from(limit).unwrap_or(i64::MAX))));
    }
    (sql, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concrete_paths_fall_under_their_catalog_paths() {
        // The path and the paths under it, as `/users` finds `/users/track`.
        assert_eq!(
            concrete_patterns("/catalogs/restaurants/items"),
            ["/catalogs/{catalog_name}/items", "/catalogs/{catalog_name}/items/{item_id}"]
        );
        assert_eq!(concrete_patterns("/scim/v2/Users/abc"), ["/scim/v2/Users/{id}"]);
        let under = concrete_patterns("/catalogs/restaurants");
        assert!(under.contains(&"/catalogs/{catalog_name}".to_string()), "{under:?}");
        assert!(under.contains(&"/catalogs/{catalog_name}/items/{item_id}".to_string()), "{under:?}");
        assert!(under.iter().all(|p| p.starts_with("/catalogs/{catalog_name}")), "{under:?}");
        // Nothing stands for a parameter: compared as stored.
        assert!(concrete_patterns("/catalogs").is_empty());
        assert!(concrete_patterns("/catalogs/{catalog_name}/items").is_empty());
        assert!(concrete_patterns("/users/track").is_empty());
        assert_eq!(glob_escaped("/a*b?c[d]"), "/a[*]b[?]c[[]d]");
    }

    #[test]
    fn endpoint_is_normalised() {
        assert_eq!(normalize_endpoint("POST /messages/send"), "/messages/send");
        assert_eq!(normalize_endpoint("users/track/"), "/users/track");
        assert_eq!(normalize_endpoint("/sends/data_series?x=1"), "/sends/data_series");
    }
}
