//! A request ready to send: method and concrete path from the catalog, query string for GETs, body for the rest.
//!
//! Core: pure and synchronous. Owns [`PreparedRequest`] and how it is built from what a user typed or what history
//! recorded; the client turns it into an HTTP request on its side. Must not import an IO crate (reqwest, tokio, …)
//! nor the adapters and front ends (`client`, `history`, `mock`, `config`, `cli`, `tui`, `curl`).

mod file;
pub mod header;
pub mod name;
pub mod path;
mod query;
pub mod vars;

use crate::catalog::Endpoint;

pub use file::{FileError, METHODS, RequestFile};
pub use query::{percent_encode, query_from_json};

#[derive(Debug, Clone, PartialEq)]
pub struct PreparedRequest {
    pub method: String,
    /// The catalog path (`/transactional/v1/campaigns/{campaign_id}/send`), or the path as typed when unknown.
    pub endpoint: String,
    /// The concrete path with its query string (`/sends/data_series?send_id=x`).
    pub path_and_query: String,
    /// `None` for GET and DELETE-without-body.
    pub body: Option<String>,
    /// Whether repeating the request is harmless (catalog `idempotent`); unknown endpoints are not.
    pub idempotent: bool,
    /// Set when the endpoint was typed with an accepted alias spelling.
    pub hint: Option<String>,
    /// Further request headers (e.g. the mock's `X-Brazen-Fault`). Never `Authorization`: see
    /// [`PreparedRequest::with_header`].
    pub extra_headers: Vec<(String, String)>,
    /// The secret variables resolved into it (a saved request's): the record of its send holds `{{name}}` in place
    /// of each value, and no other copy.
    pub secrets: vars::Concealed,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("unknown endpoint {0}; `brazen catalog` lists them")]
    UnknownEndpoint(String),
    #[error("{path} still has the placeholder {placeholder}: give the concrete path, e.g. {example}")]
    Placeholder { path: String, placeholder: String, example: String },
    #[error("{path}: the path parameter {{{name}}} of {endpoint} is empty; give its value, e.g. {example}")]
    EmptyParam { path: String, name: String, endpoint: String, example: String },
    #[error("{path}: the path parameter {{{name}}} holds an encoded `/` (%2F), which Braze reads as two segments")]
    SlashInParam { path: String, name: String },
    #[error("query for {endpoint}: {message}")]
    Query { endpoint: String, message: String },
    #[error("header {0:?}: {1}")]
    Header(String, String),
}

impl PreparedRequest {
    /// Builds from what a user typed (`/messages/send`, `"POST /messages/send"`, a concrete transactional path,
    /// `/sends/data_series?send_id=x`) and the body text. For a GET the body, if not blank, is a JSON object whose
    /// members become the query string.
    pub fn new(input: &str, body: &str) -> Result<PreparedRequest, BuildError> {
        let Some(resolved) = crate::catalog::endpoints().resolve(input) else {
            return Err(match lenient(input) {
                // An empty parameter segment: the endpoint is clear, only the value is missing.
                Some((e, name)) => BuildError::EmptyParam {
                    path: with_slash(split_method(input).1),
                    name: name.to_string(),
                    endpoint: e.key().to_string(),
                    example: e.template_path().to_string(),
                },
                None => BuildError::UnknownEndpoint(input.trim().into()),
            });
        };
        PreparedRequest::for_endpoint(resolved.endpoint, input, body).map(|mut r| {
            r.hint = resolved.hint;
            r
        })
    }

    /// Like [`PreparedRequest::new`] but an unknown path is sent as typed (POST unless a method is given), for
    /// `--force` and replays.
    pub fn new_or_raw(input: &str, body: &str) -> Result<PreparedRequest, BuildError> {
        match PreparedRequest::new(input, body) {
            Err(BuildError::UnknownEndpoint(_)) => Ok(PreparedRequest::raw(input, body)),
            other => other,
        }
    }

    /// An unknown endpoint, sent as typed.
    pub fn raw(input: &str, body: &str) -> PreparedRequest {
        let (method, path) = split_method(input);
        let method = method.unwrap_or_else(|| "POST".to_string());
        let path = with_slash(path);
        let endpoint = path.split('?').next().unwrap_or(&path).to_string();
        let body = (method != "GET").then(|| body.to_string());
        PreparedRequest {
            method,
            endpoint,
            path_and_query: path,
            body,
            idempotent: false,
            hint: None,
            extra_headers: Vec::new(),
            secrets: vars::Concealed::default(),
        }
    }

    fn for_endpoint(e: &Endpoint, input: &str, body: &str) -> Result<PreparedRequest, BuildError> {
        let (_, typed) = split_method(input);
        let typed = with_slash(typed);
        let (typed_path, typed_query) = match typed.split_once('?') {
            Some((p, q)) => (p.to_string(), Some(q.to_string())),
            None => (typed.clone(), None),
        };
        // The concrete path is what the user typed when it fills the pattern's placeholders; an alias spelling
        // is replaced by the real path.
        let path =
            if e.matches_path(&typed_path) { typed_path.trim_end_matches('/').to_string() } else { e.path.clone() };
        for p in path::params(&e.path, &path).unwrap_or_default() {
            match p.problem {
                Some(path::ParamProblem::Unfilled) => {
                    let placeholder = p.value.to_string();
                    let example = e.template_path().to_string();
                    return Err(BuildError::Placeholder { path: path.clone(), placeholder, example });
                }
                Some(path::ParamProblem::Slash) => {
                    return Err(BuildError::SlashInParam { path: path.clone(), name: p.name.to_string() });
                }
                // An empty segment does not match the pattern, so it never gets here.
                Some(path::ParamProblem::Empty) | None => {}
            }
        }
        let path = path::encode(&e.path, &path);
        let mut request = PreparedRequest {
            method: e.method.clone(),
            endpoint: e.path.clone(),
            path_and_query: path,
            body: None,
            idempotent: e.idempotent,
            hint: None,
            extra_headers: Vec::new(),
            secrets: vars::Concealed::default(),
        };
        // A query typed after the path is sent whatever the method: dropping it silently would send something
        // other than what the user wrote.
        let mut pairs = Vec::new();
        if let Some(q) = typed_query {
            pairs.extend(query::pairs_of(&q));
        }
        if e.method == "GET" {
            pairs.extend(
                query_from_json(body)
                    .map_err(|message| BuildError::Query { endpoint: e.key().to_string(), message })?,
            );
        } else if e.takes_body() || !body.trim().is_empty() {
            request.body = Some(body.to_string());
        }
        if !pairs.is_empty() {
            request = request.with_query(&pairs);
        }
        Ok(request)
    }

    /// Appends `pairs` to the query string, percent-encoded.
    pub fn with_query(mut self, pairs: &[(String, String)]) -> PreparedRequest {
        if pairs.is_empty() {
            return self;
        }
        if let Some(appended) = query::append(&self.path_and_query, pairs) {
            self.path_and_query = appended;
        }
        self
    }

    /// The request an exchange recorded, to send again. The path is the recorded URL minus `base` (the original
    /// environment's base URL, when known), else the URL's path and query. Recorded extra headers are kept;
    /// brazen's own (the redacted `Authorization` among them) are set afresh when sending.
    pub fn from_record(rec: &crate::exchange::RequestRecord, base: Option<&str>) -> PreparedRequest {
        let path_and_query = base
            .map(|b| b.trim_end_matches('/'))
            .and_then(|b| rec.url.strip_prefix(b))
            .filter(|rest| rest.starts_with('/'))
            .map(str::to_string)
            .or_else(|| query::path_and_query_of_url(&rec.url))
            .unwrap_or_else(|| rec.endpoint.clone());
        let catalog = crate::catalog::endpoints().resolve(&format!("{} {}", rec.method, rec.endpoint));
        let own = ["authorization", "content-type", "user-agent", "host", "content-length"];
        PreparedRequest {
            method: rec.method.clone(),
            endpoint: rec.endpoint.clone(),
            path_and_query,
            body: (rec.method != "GET" || !rec.body.is_empty()).then(|| rec.body.clone()),
            idempotent: catalog.is_some_and(|r| r.endpoint.idempotent),
            hint: None,
            extra_headers: rec
                .headers
                .iter()
                .filter(|(k, _)| !own.contains(&k.to_ascii_lowercase().as_str()))
                .cloned()
                .collect(),
            secrets: vars::Concealed::default(),
        }
    }

    /// Adds a header. `Authorization`, `Content-Type` and `User-Agent` are brazen's own: the key must come from the
    /// configuration (so it is redacted everywhere), and the others are fixed.
    pub fn with_header(mut self, name: &str, value: &str) -> Result<PreparedRequest, BuildError> {
        let name = name.trim();
        match header::check(name, value) {
            Err(header::HeaderProblem::Own) => {
                return Err(BuildError::Header(name.into(), "brazen sets this header itself".into()));
            }
            Err(_) => return Err(BuildError::Header(name.into(), "not a valid HTTP header".into())),
            Ok(()) => {}
        }
        self.extra_headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        Ok(self)
    }

    /// The full URL under `base` (which has no trailing slash).
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path_and_query)
    }

    /// `POST /messages/send`.
    pub fn key(&self) -> String {
        format!("{} {}", self.method, self.endpoint)
    }
}

/// The endpoint `input` names but for an empty path parameter (`/catalogs//items`), with that parameter's name.
pub fn lenient(input: &str) -> Option<(&'static Endpoint, &'static str)> {
    let (method, typed) = split_method(input);
    let typed = with_slash(typed);
    let typed = typed.split('?').next().unwrap_or("");
    crate::catalog::endpoints().endpoints.iter().filter(|e| method.as_deref().is_none_or(|m| m == e.method)).find_map(
        |e| {
            let params = path::params(&e.path, typed)?;
            let empty = params.iter().position(|p| p.problem == Some(path::ParamProblem::Empty))?;
            e.path_params().nth(empty).map(|name| (e, name))
        },
    )
}

fn split_method(input: &str) -> (Option<String>, &str) {
    let input = input.trim();
    match input.split_once(char::is_whitespace) {
        Some((m, p)) => (Some(m.trim().to_ascii_uppercase()), p.trim()),
        None => (None, input),
    }
}

fn with_slash(p: &str) -> String {
    if p.starts_with('/') { p.to_string() } else { format!("/{p}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_endpoints_carry_the_body_and_the_catalog_method() {
        let r = PreparedRequest::new("/messages/send", "{\"broadcast\": true}").unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.path_and_query, "/messages/send");
        assert_eq!(r.body.as_deref(), Some("{\"broadcast\": true}"));
        assert!(!r.idempotent, "messaging is not idempotent");
        assert_eq!(r.url("http://127.0.0.1:1/"), "http://127.0.0.1:1/messages/send");
        assert!(matches!(PreparedRequest::new("/nope", "{}"), Err(BuildError::UnknownEndpoint(_))));
        let raw = PreparedRequest::new_or_raw("/nope", "{}").unwrap();
        assert_eq!((raw.method.as_str(), raw.path_and_query.as_str()), ("POST", "/nope"));
    }

    #[test]
    fn a_query_typed_on_a_post_path_is_kept() {
        let r = PreparedRequest::new("/messages/send?trace=abc", "{}").unwrap();
        assert_eq!(r.path_and_query, "/messages/send?trace=abc");
        assert_eq!(r.body.as_deref(), Some("{}"));
    }

    #[test]
    fn query_from_a_json_object_with_arrays_and_escaping() {
        let pairs = query_from_json(r#"{"a": "x y", "n": 3, "b": true, "z": null, "l": ["1", 2]}"#).unwrap();
        assert_eq!(
            pairs,
            [("a", "x y"), ("b", "true"), ("l", "1"), ("l", "2"), ("n", "3")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .to_vec()
        );
        assert!(query_from_json("[1]").is_err());
        assert!(query_from_json(r#"{"o": {"x": 1}}"#).is_err());
        assert!(query_from_json("  \n").unwrap().is_empty());
        let r = PreparedRequest::raw("GET /x", "").with_query(&[("q".into(), "a&b é".into())]);
        assert_eq!(r.path_and_query, "/x?q=a%26b+%C3%A9");
    }

    #[test]
    fn get_endpoints_take_their_query_from_the_path_and_the_body() {
        let r =
            PreparedRequest::new("/sends/data_series?campaign_id=c1", r#"{"send_id": "s 1", "length": 7}"#).unwrap();
        assert_eq!(r.method, "GET");
        assert!(r.body.is_none());
        assert_eq!(r.path_and_query, "/sends/data_series?campaign_id=c1&length=7&send_id=s+1");
        assert!(r.idempotent);
        let alias = PreparedRequest::new("/send/data_series", "").unwrap();
        assert_eq!(alias.path_and_query, "/sends/data_series");
        assert!(alias.hint.is_some());
    }

    #[test]
    fn put_patch_and_delete_carry_their_path_parameters_and_a_body_only_when_they_take_one() {
        let r = PreparedRequest::new("PATCH /catalogs/my catalog/items/bistro-7", "{\"items\": []}").unwrap();
        assert_eq!((r.method.as_str(), r.endpoint.as_str()), ("PATCH", "/catalogs/{catalog_name}/items/{item_id}"));
        assert_eq!(r.path_and_query, "/catalogs/my%20catalog/items/bistro-7");
        assert!(r.body.is_some());
        let d = PreparedRequest::new("DELETE /catalogs/restaurants", "").unwrap();
        assert_eq!((d.method.as_str(), d.body.as_deref()), ("DELETE", None));
        let bulk =
            PreparedRequest::new("DELETE /catalogs/restaurants/items", "{\"items\": [{\"id\": \"a\"}]}").unwrap();
        assert!(bulk.body.is_some(), "a bulk DELETE takes its items in the body");
        let put = PreparedRequest::new("PUT /catalogs/restaurants/items/x", "{}").unwrap();
        assert_eq!(put.method, "PUT");
        assert!(put.idempotent, "a PUT is a repeatable write");
        let empty = PreparedRequest::new("GET /catalogs//items", "").unwrap_err();
        assert!(matches!(&empty, BuildError::EmptyParam { name, .. } if name == "catalog_name"), "{empty}");
        assert!(empty.to_string().contains("/catalogs/"), "{empty}");
        let slash = PreparedRequest::new("GET /catalogs/a%2Fb/items", "").unwrap_err();
        assert!(matches!(slash, BuildError::SlashInParam { .. }), "{slash}");
        assert!(matches!(PreparedRequest::new("GET /catalogs/a/b/items", ""), Err(BuildError::UnknownEndpoint(_))));
    }

    #[test]
    fn transactional_paths_need_a_concrete_campaign_id() {
        let err = PreparedRequest::new("/transactional/v1/campaigns/{campaign_id}/send", "{}").unwrap_err();
        assert!(err.to_string().contains("/transactional/v1/campaigns/campaign-email/send"), "{err}");
        let r = PreparedRequest::new("/transactional/v1/campaigns/abc-123/send", "{}").unwrap();
        assert_eq!(r.path_and_query, "/transactional/v1/campaigns/abc-123/send");
        assert_eq!(r.endpoint, "/transactional/v1/campaigns/{campaign_id}/send");
    }

    #[test]
    fn a_recorded_request_is_rebuilt_without_its_redacted_key() {
        let rec = crate::exchange::RequestRecord {
            method: "POST".into(),
            endpoint: "/users/identify".into(),
            url: "https://proxy.example/braze/users/identify".into(),
            headers: vec![
                ("authorization".into(), "Bearer [REDACTED]".into()),
                ("content-type".into(), "application/json".into()),
                ("x-brazen-fault".into(), "503".into()),
            ],
            body: "{}".into(),
            body_truncated: false,
        };
        let r = PreparedRequest::from_record(&rec, Some("https://proxy.example/braze"));
        assert_eq!(r.path_and_query, "/users/identify");
        assert_eq!(r.extra_headers, [("x-brazen-fault".to_string(), "503".to_string())]);
        assert!(r.idempotent);
        assert_eq!(r.body.as_deref(), Some("{}"));
        // Another base (a sandbox on a new port): the URL's own path.
        let r = PreparedRequest::from_record(&rec, Some("http://127.0.0.1:9"));
        assert_eq!(r.path_and_query, "/braze/users/identify");
    }

    #[test]
    fn the_key_headers_cannot_be_set_by_hand() {
        let r = PreparedRequest::raw("POST /x", "{}");
        assert!(r.clone().with_header("Authorization", "Bearer k").is_err());
        assert!(r.clone().with_header("bad header", "v").is_err());
        let r = r.with_header("X-Brazen-Fault", " 503 ").unwrap();
        assert_eq!(r.extra_headers, [("x-brazen-fault".to_string(), "503".to_string())]);
    }
}
