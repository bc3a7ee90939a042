//! The endpoint catalog: method, path, permission, rate limit, purpose, template, documented body keys and the
//! rule families the validator applies to each endpoint.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::{Deserialize, Serialize};

use super::query::QueryParam;
use crate::request::RequestFile;

use super::CatalogError;
use super::body::{BodyKey, MessagingObjects, NestedObject};
use crate::i18n::Text;

/// A family of validation rules. Which families apply to an endpoint is data (`rules = [...]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// `external_user_ids` / `user_aliases` / `segment_id` / `audience` / `broadcast` → `no_recipients`.
    RecipientsMessaging,
    /// `recipients` / `audience` / `broadcast` of the trigger endpoints → `no_recipients`.
    RecipientsTrigger,
    /// `messages` must be present and non-empty → `no_message_to_send`.
    MessagesRequired,
    /// Messaging objects: variant, `extra`, push sizes, slideup length.
    Messages,
    /// `schedule.time` / `send_at` parse and local time in the past.
    Schedule,
    /// At most 50 external ids + aliases + recipients → `max_external_ids_and_aliases_exceeded`.
    MaxExternalIds,
    /// At most 50 ids in any id list → `max_ids_exceeded`.
    MaxIds,
    /// `/users/track`: at most 75 attributes, events, purchases each → `max_input_length_exceeded`.
    UsersTrack,
}

/// What an endpoint does, and so what its success means (the explanation card's headline). DESIGN §3: a contract
/// value of `explain --endpoint` and `brazen catalog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Messages queued for delivery: accepted is not delivered.
    Send,
    /// Data recorded or changed.
    Write,
    /// Answered with data; nothing changes.
    Read,
    /// A file or job is being prepared: poll or wait for it.
    Export,
    /// Something was removed.
    Delete,
    /// A background job was started.
    Job,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Send => "send",
            Kind::Write => "write",
            Kind::Read => "read",
            Kind::Export => "export",
            Kind::Delete => "delete",
            Kind::Job => "job",
        }
    }
}

/// Which credential an endpoint takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Credential {
    /// A REST API key, `Authorization: Bearer KEY`.
    #[default]
    ApiKey,
    /// A SCIM token (`Authorization: Bearer TOKEN`) and an `X-Request-Origin` header.
    Scim,
}

/// Whom a documented limit counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Key,
    Workspace,
    Company,
}

/// A rate limit: `requests` per `per_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    pub requests: u64,
    pub per_seconds: u64,
}

/// An endpoint's documented limit: its window, the pool it shares with other endpoints, and whom it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub requests: u64,
    pub per_seconds: u64,
    /// Endpoints with the same pool draw from one window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<String>,
    #[serde(default)]
    pub scope: Scope,
}

impl Limit {
    pub fn rate(&self) -> RateLimit {
        RateLimit { requests: self.requests, per_seconds: self.per_seconds }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    /// "METHOD /path", made once at load: it keys the rule book and is read on every keystroke.
    #[serde(skip)]
    pub(super) key: String,
    /// The id of the picker group (`messaging`, `catalogs`, …): set from the file's `[group]`.
    #[serde(default)]
    pub group: String,
    pub kind: Kind,
    #[serde(default)]
    pub credential: Credential,
    /// The documented success status.
    #[serde(default = "ok_status")]
    pub success: u16,
    pub permission: String,
    /// What the endpoint is for, in every language we ship.
    pub purpose: Text,
    /// The documented limit as prose.
    pub rate_limit: Text,
    /// The limit the mock enforces by default.
    pub limit: Limit,
    /// Request file in `assets/templates/`.
    pub template: String,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Other spellings accepted with a hint, e.g. `/send/id/create`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether repeating the request is harmless. Messaging endpoints are not: a 5XX may still have sent.
    #[serde(default)]
    pub idempotent: bool,
    #[serde(default)]
    pub query: Vec<QueryParam>,
    /// Groups of query parameters of which at least one must be given (`/email/hard_bounces`: `start_date`
    /// or `email`).
    #[serde(default, skip_serializing)]
    pub query_one_of: Vec<Vec<String>>,
    /// The documented keys of the body (POST endpoints). Empty: the body's keys are not checked at all.
    /// Not serialised, so `brazen catalog --format json` keeps its shape.
    #[serde(default, skip_serializing)]
    pub body: Vec<BodyKey>,
    /// The template, read when the catalog is loaded.
    #[serde(skip)]
    request: RequestFile,
    /// The starting body: the template's body, or for a GET its query as a JSON object (brazen sends the members
    /// of a GET body as the query string).
    #[serde(skip)]
    start_body: String,
}

fn ok_status() -> u16 {
    200
}

impl Endpoint {
    /// `POST /messages/send`
    /// "METHOD /path": how the catalog, the rule book and the history name the endpoint.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn has_rule(&self, r: Rule) -> bool {
        self.rules.contains(&r)
    }

    /// The starting body of this endpoint: its template's body (for a GET, the template's query as a JSON object).
    pub fn template_body(&self) -> &str {
        &self.start_body
    }

    /// The template's concrete path, its parameters filled in (`/catalogs/restaurants/items`).
    pub fn template_path(&self) -> &str {
        &self.request.path
    }

    /// The template as a request file.
    pub fn template_request(&self) -> &RequestFile {
        &self.request
    }

    /// Whether the endpoint takes a body: not a GET, and either documented keys or a template body. A DELETE of
    /// one named thing (`DELETE /catalogs/{catalog_name}`) has none, and an empty body is right for it.
    pub fn takes_body(&self) -> bool {
        self.method != "GET" && !(self.body.is_empty() && self.request.body.trim().is_empty())
    }

    /// The names of the path parameters, in order (`catalog_name`, `item_id`).
    pub fn path_params(&self) -> impl Iterator<Item = &str> {
        self.path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
    }

    pub(super) fn load_template(&mut self) -> Result<(), CatalogError> {
        let invalid = |m: String| CatalogError::Invalid(format!("{}: template {}: {m}", self.key(), self.template));
        let text = super::template(&self.template).ok_or_else(|| invalid("not in assets/templates".into()))?;
        let request = RequestFile::parse(text).map_err(|e| invalid(e.to_string()))?;
        if request.method != self.method || !path_matches(&self.path, &request.path) {
            return Err(invalid(format!("its request line {} {} is not this endpoint", request.method, request.path)));
        }
        self.start_body = if self.method == "GET" {
            let members: serde_json::Map<String, serde_json::Value> =
                request.query_pairs().into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
            if members.is_empty() {
                "{}\n".to_string()
            } else {
                format!("{}\n", serde_json::to_string_pretty(&serde_json::Value::Object(members)).unwrap_or_default())
            }
        } else {
            request.body.clone()
        };
        self.request = request;
        Ok(())
    }

    /// Whether a concrete path (e.g. `/transactional/v1/campaigns/abc/send`) matches this endpoint's pattern.
    pub fn matches_path(&self, path: &str) -> bool {
        path_matches(&self.path, path)
    }
}

impl Endpoint {
    /// The purpose in every language, lowercased, for the picker's filter.
    pub fn purpose_search_text(&self) -> String {
        format!("{}\n{}", self.purpose.en, self.purpose.ko).to_lowercase()
    }
}

/// Whether `path` (a query is ignored) is `pattern` with every parameter given: the one way paths are lined up
/// ([`crate::request::path::params`]); an unfilled or `%2F` parameter still matches, so it can be named as wrong.
fn path_matches(pattern: &str, path: &str) -> bool {
    use crate::request::path::{ParamProblem, params};
    let path = path.split('?').next().unwrap_or(path);
    params(pattern, path).is_some_and(|ps| ps.iter().all(|p| p.problem != Some(ParamProblem::Empty)))
}

/// The result of looking an endpoint up by what a user typed.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    pub endpoint: &'a Endpoint,
    /// Set when the user's spelling was an accepted alias: a sentence naming the real path.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct EndpointCatalog {
    #[serde(rename = "endpoint")]
    pub endpoints: Vec<Endpoint>,
    /// Objects nested in bodies, in check order.
    #[serde(skip_serializing)]
    pub nested: Vec<NestedObject>,
    #[serde(skip_serializing)]
    pub messaging_objects: MessagingObjects,
    /// The title of each group id per language, for the picker and `brazen catalog`'s text.
    #[serde(skip_serializing)]
    pub group_titles: std::collections::BTreeMap<String, crate::i18n::Text>,
}

impl EndpointCatalog {
    /// How `group` is titled in `lang` (the group itself when the table has no title for it).
    pub fn group_title<'a>(&'a self, group: &'a str, lang: crate::i18n::Lang) -> &'a str {
        self.group_titles.get(group).map_or(group, |t| t.get(lang))
    }

    /// Looks up `"/messages/send"`, `"POST /messages/send"`, a concrete transactional path, or an alias.
    /// Returns `None` for an unknown path or a method the path does not have.
    pub fn resolve(&self, input: &str) -> Option<Resolved<'_>> {
        let input = input.trim();
        let (method, path) = match input.split_once(char::is_whitespace) {
            Some((m, p)) => (Some(m.trim().to_ascii_uppercase()), p.trim()),
            None => (None, input),
        };
        let path_only = path.split('?').next().unwrap_or(path);
        let path_only = if path_only.starts_with('/') { path_only.to_string() } else { format!("/{path_only}") };
        let method_ok = |e: &Endpoint| method.as_deref().is_none_or(|m| m == e.method);
        if let Some(e) = self.endpoints.iter().find(|e| method_ok(e) && e.matches_path(&path_only)) {
            return Some(Resolved { endpoint: e, hint: None });
        }
        self.endpoints.iter().find(|e| method_ok(e) && e.aliases.iter().any(|a| path_matches(a, &path_only))).map(|e| {
            Resolved {
                endpoint: e,
                hint: Some(format!(
                    "Braze's path is {} (plural); {} was accepted as a spelling of it",
                    e.path, path_only
                )),
            }
        })
    }

    /// The credential `method path` takes (a catalog path or a concrete one): the catalog's word, and the REST key
    /// for an endpoint the catalog does not know. The client, the credential check and the exports all ask here.
    pub fn credential_for(&self, method: &str, path: &str) -> Credential {
        self.resolve(&format!("{method} {path}")).map_or(Credential::ApiKey, |r| r.endpoint.credential)
    }

    /// The endpoint a user probably meant by an unknown `input` (did-you-mean): the same path in lowercase (Braze's
    /// paths are), else the closest path by edit distance, if close enough to be a likely typo. The one place the
    /// validator's `not_found` sentence and the CLI's refusals get their suggestion from.
    pub fn suggest(&self, input: &str) -> Option<&Endpoint> {
        let input = input.trim();
        let (method, path) = match input.split_once(char::is_whitespace) {
            Some((m, p)) => (Some(m), p.trim()),
            None => (None, input),
        };
        let path = path.split('?').next().unwrap_or(path).to_ascii_lowercase();
        let lowered = match method {
            Some(m) => format!("{m} {path}"),
            None => path.clone(),
        };
        if let Some(r) = self.resolve(&lowered).or_else(|| self.resolve(&path)) {
            return Some(r.endpoint);
        }
        let path = if path.starts_with('/') { path } else { format!("/{path}") };
        self.endpoints
            .iter()
            .map(|e| (strsim::normalized_levenshtein(&e.path, &path), e))
            .filter(|(s, _)| *s > 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }

    pub fn groups(&self) -> Vec<&str> {
        let mut g: Vec<&str> = Vec::new();
        for e in &self.endpoints {
            if !g.contains(&e.group.as_str()) {
                g.push(&e.group);
            }
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_wrong_case_get_a_suggestion() {
        let c = crate::catalog::endpoints();
        let key = |s: &str| c.suggest(s).map(|e| e.key());
        assert_eq!(key("/MESSAGES/SEND"), Some("POST /messages/send"));
        assert_eq!(key("/user/track"), Some("POST /users/track"));
        assert_eq!(key("/campaigns/lst"), Some("GET /campaigns/list"));
        assert_eq!(key("/campaigns/lst?page=1"), Some("GET /campaigns/list"));
        assert_eq!(key("/zzzzzzzzzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn path_patterns_match_placeholders_but_not_prefixes() {
        assert!(path_matches("/transactional/v1/campaigns/{campaign_id}/send", "/transactional/v1/campaigns/abc/send"));
        assert!(!path_matches("/transactional/v1/campaigns/{campaign_id}/send", "/transactional/v1/campaigns//send"));
        assert!(path_matches("/messages/send", "/messages/send/"));
        assert!(!path_matches("/messages/send", "/messages/sendx"));
        assert!(path_matches("/sends/data_series", "/sends/data_series?send_id=x"));
    }
}
