//! The options a curl command gave ([`Parsed`]) → the [`ImportedRequest`] it would send: scheme and URL, method,
//! the Braze instance and catalog endpoint, the warnings, the suggested `brazen send`, and every credential masked or
//! left out of all of it.
//!
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use std::collections::BTreeMap;

use serde::Serialize;

use super::CurlError;
use super::credentials::{self, Found};
use super::parse::Parsed;

/// A request read from a curl command. No credential is kept: the key is masked, other credential headers are
/// `[REDACTED]`, and `api_key` parameters and fields and a URL's user and password are left out (see
/// [`super::credentials`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedRequest {
    pub method: String,
    /// The catalog path, path parameters in braces as the catalog writes them (`/catalogs/{catalog_name}/items`),
    /// or the URL's path when the catalog does not know it.
    pub endpoint: String,
    /// The concrete path the command requests, its parameter values in place (`/catalogs/restaurants/items`).
    pub path: String,
    /// The value of each path parameter of `endpoint`, as written in the URL (`catalog_name` → `restaurants`).
    pub path_params: BTreeMap<String, String>,
    /// The endpoint takes a SCIM token (catalog `credential = "scim"`) rather than the REST key.
    pub scim: bool,
    /// The Braze instance the URL points at (`US-03`), or `custom` for any other host.
    pub environment: String,
    /// The full URL as given (a missing scheme added), without user information or `api_key` parameters.
    pub url: String,
    /// The URL's query string without the `?` (a GET's parameters), or `None`.
    pub query: Option<String>,
    /// `scheme://host[:port]`, for `brazen send --url`.
    pub base_url: String,
    /// Headers in order; the `Authorization` key masked, other credential headers `[REDACTED]`.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The key, masked (`sand…-all`), or a shell variable reference as written (`$BRAZE_API_KEY`).
    pub key: Option<String>,
    /// Whether `endpoint` is in the catalog.
    pub known_endpoint: bool,
    /// What was ignored or looks wrong, one sentence each.
    pub warnings: Vec<String>,
    /// The `brazen send` command that makes this request (`BODY.json` standing for a file holding the body).
    pub send_command: String,
}

/// The request `p` describes (curl's defaults applied, credentials masked), or why it cannot be imported.
pub(super) fn finish(mut p: Parsed) -> Result<ImportedRequest, CurlError> {
    if p.form_encoded && !p.get {
        return Err(CurlError::Unsupported {
            option: "--data-urlencode".into(),
            reason: "form-encoded bodies are not used by the Braze REST API; send JSON with --data-raw (with -G, \
                     --data-urlencode sets query parameters)"
                .into(),
        });
    }
    let raw_url = p.url.take().ok_or(CurlError::NoUrl)?;
    let mut found = std::mem::take(&mut p.found);
    let with_scheme = if raw_url.contains("://") {
        raw_url.clone()
    } else {
        // curl assumes http://; a Braze instance only answers https, so do not invent a wrong scheme for it.
        let scheme = if instance_of(&format!("https://{raw_url}")).is_some() { "https" } else { "http" };
        format!("{scheme}://{raw_url}")
    };
    let parsed = url::Url::parse(&with_scheme)
        .map_err(|e| CurlError::BadUrl { url: url_in_error(&raw_url), reason: e.to_string() })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(CurlError::BadUrl {
            url: url_in_error(&raw_url),
            reason: format!("{}:// is not HTTP", parsed.scheme()),
        });
    }
    let host = parsed.host_str().unwrap_or_default();
    let base_url = match parsed.port() {
        Some(port) => format!("{}://{host}:{port}", parsed.scheme()),
        None => format!("{}://{host}", parsed.scheme()),
    };

    let mut url = with_scheme;
    let mut body = if p.data.is_empty() { None } else { Some(p.data.join("&")) };
    if p.get
        && let Some(query) = body.take()
    {
        url.push(if parsed.query().is_some() { '&' } else { '?' });
        url.push_str(&query);
    }
    let has_header = |h: &[(String, String)], n: &str| h.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    if p.json {
        for (name, value) in [("Content-Type", "application/json"), ("Accept", "application/json")] {
            if !has_header(&p.headers, name) {
                p.headers.push((name.to_string(), value.to_string()));
            }
        }
    }
    let method = match p.method.take() {
        Some(m) => m.to_ascii_uppercase(),
        None if p.head => "HEAD".to_string(),
        None if body.is_some() => "POST".to_string(),
        None => "GET".to_string(),
    };

    let mut warnings = p.warnings;
    let (endpoint, known_endpoint) = endpoint_of(&method, parsed.path(), &mut warnings);
    let catalog = crate::catalog::endpoints();
    let scim = known_endpoint && catalog.credential_for(&method, &endpoint) == crate::catalog::Credential::Scim;
    let key = credentials::mask_headers(&mut p.headers, &mut found, &mut warnings, scim);
    let url = credentials::strip_url(&url, &mut found);
    let body = body.map(|b| credentials::strip_body(&b, &mut found));
    let environment = match instance_of(&base_url) {
        Some(name) => name,
        None => "custom".to_string(),
    };
    if environment != "custom" && parsed.scheme() != "https" {
        warnings.push(format!("{environment} answers only https://; the URL uses {}://", parsed.scheme()));
    }
    if body.is_some() && !has_header(&p.headers, "Content-Type") {
        warnings.push("no Content-Type header: Braze expects `Content-Type: application/json` with a body".into());
    }
    if let Some(b) = &body
        && serde_json::from_str::<serde_json::Value>(b).is_err()
    {
        warnings.push("the body is not valid JSON; `brazen validate` shows where".into());
    }
    if method == "GET" && body.is_some() {
        // curl sends it as a body, which Braze does not read on a GET; brazen sends a GET's JSON members as its
        // query string instead.
        warnings.push(
            "a GET with -d sends a body Braze does not read: use -G to send the data as query parameters (brazen \
             sends the members of a GET's FILE as its query string)"
                .into(),
        );
    }
    let origin = p.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(crate::config::REQUEST_ORIGIN_HEADER));
    if scim && origin.is_none() {
        warnings.push(
            "no X-Request-Origin header: Braze's SCIM endpoints need one; brazen adds the environment's \
             scim_request_origin"
                .into(),
        );
    }
    let path = parsed.path().to_string();
    let path_params = if known_endpoint { path_params(&endpoint, &path) } else { BTreeMap::new() };
    let query = url::Url::parse(&url).ok().and_then(|u| u.query().map(str::to_string)).filter(|q| !q.is_empty());
    // A fixed catalog path stands for an alias spelling (`/send/id/create`); a parameterised one needs the values.
    let send_path = if known_endpoint && !endpoint.contains('{') { endpoint.as_str() } else { path.as_str() };
    let send_command = send_command(&SendCommand {
        method: &method,
        path: send_path,
        known: known_endpoint,
        query: query.as_deref(),
        has_body: body.is_some(),
        origin: origin.filter(|_| scim).map(|(_, v)| v.as_str()),
        environment: &environment,
        base_url: &base_url,
    });
    warnings.extend(found.warning(scim));
    let r = ImportedRequest {
        method,
        endpoint,
        path,
        path_params,
        scim,
        environment,
        url,
        query,
        base_url,
        headers: p.headers,
        body,
        key,
        known_endpoint,
        warnings,
        send_command,
    };
    Ok(redacted(r, &found))
}

/// Every text of `r` with any other copy of a credential found removed (a key pasted into the body as well as
/// the header, a password repeated in a path): what is shown holds none, whatever form it came in.
fn redacted(mut r: ImportedRequest, found: &Found) -> ImportedRequest {
    let s = &found.secrets;
    if s.is_empty() {
        return r;
    }
    let wipe = |t: &mut String| {
        if let std::borrow::Cow::Owned(clean) = s.redact(t) {
            *t = clean;
        }
    };
    for t in [&mut r.method, &mut r.endpoint, &mut r.path, &mut r.url, &mut r.base_url, &mut r.send_command] {
        wipe(t);
    }
    // A key pasted into the path is a parameter value now: wiped there too.
    r.path_params.values_mut().for_each(wipe);
    r.query.iter_mut().chain(r.body.iter_mut()).chain(r.key.iter_mut()).chain(r.warnings.iter_mut()).for_each(wipe);
    r.headers.iter_mut().for_each(|(n, v)| {
        wipe(n);
        wipe(v);
    });
    r
}

/// A URL that did not parse, for an error message: without what may be a credential (the query, user
/// information), since the credentials in it could not be found.
fn url_in_error(raw: &str) -> String {
    let mut shown = raw.split(['?', '#']).next().unwrap_or(raw).to_string();
    if shown.len() < raw.len() {
        shown.push_str("?…");
    }
    // `user:password@host`: the `@` of user information comes before the path.
    let authority_start = shown.find("://").map_or(0, |i| i + 3);
    let authority_end = shown[authority_start..].find('/').map_or(shown.len(), |i| authority_start + i);
    if let Some(at) = shown[authority_start..authority_end].rfind('@') {
        shown.replace_range(authority_start..authority_start + at, "…");
    }
    shown
}

/// What the suggested `brazen send` is made of.
struct SendCommand<'a> {
    method: &'a str,
    /// The concrete path (parameter values in place).
    path: &'a str,
    known: bool,
    query: Option<&'a str>,
    has_body: bool,
    /// A SCIM request's own `X-Request-Origin`, kept so the command sends what curl sent.
    origin: Option<&'a str>,
    environment: &'a str,
    base_url: &'a str,
}

/// `brazen send [METHOD ]PATH [BODY.json] [-H 'X-Request-Origin: …'] --env NAME|--url BASE`. The concrete path goes
/// without its method when it is one endpoint's (`/messages/send`); a path several methods share
/// (`/catalogs/restaurants/items/bistro-7`: GET, PATCH, PUT, POST, DELETE) and an unknown one keep it. The query stays
/// on the path. Without a body there is no FILE: `-` would wait on a terminal.
fn send_command(c: &SendCommand<'_>) -> String {
    // Written without its method only when the path is one endpoint's: where several share it, the method is what
    // tells them apart, for brazen and for whoever reads the command.
    let methods = crate::catalog::endpoints().endpoints.iter().filter(|e| e.matches_path(c.path)).count();
    let resolves_alone = c.known && methods == 1;
    let mut target = if resolves_alone { c.path.to_string() } else { format!("{} {}", c.method, c.path) };
    if let Some(q) = c.query {
        target.push('?');
        target.push_str(q);
    }
    let mut cmd = format!("brazen send {}", super::shell_quote(&target));
    if c.has_body {
        cmd.push_str(" BODY.json");
    }
    if let Some(origin) = c.origin {
        cmd.push_str(&format!(" -H {}", super::shell_quote(&format!("X-Request-Origin: {origin}"))));
    }
    if c.environment == "custom" {
        cmd.push_str(&format!(" --url {}", super::shell_quote(c.base_url)));
    } else {
        cmd.push_str(&format!(" --env {}", c.environment));
    }
    cmd
}

/// The values `path` gives the `{name}` segments of the catalog path `pattern`.
fn path_params(pattern: &str, path: &str) -> BTreeMap<String, String> {
    let path = path.trim_end_matches('/');
    pattern
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(p, v)| Some((p.strip_prefix('{')?.strip_suffix('}')?.to_string(), v.to_string())))
        .collect()
}

/// The instance whose REST URL is `base_url`.
fn instance_of(base_url: &str) -> Option<String> {
    let host = |u: &str| url::Url::parse(u).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let want = host(base_url)?;
    crate::config::instances()
        .iter()
        .find(|i| host(&i.rest_url).as_deref() == Some(want.as_str()))
        .map(|i| i.name.clone())
}

/// The catalog path for `method path` (its parameters in braces: the concrete path is kept beside it), or the path
/// itself with a warning.
fn endpoint_of(method: &str, path: &str, warnings: &mut Vec<String>) -> (String, bool) {
    let catalog = crate::catalog::endpoints();
    match catalog.resolve(&format!("{method} {path}")) {
        Some(r) => {
            warnings.extend(r.hint);
            (r.endpoint.path.clone(), true)
        }
        None => {
            // Every method the path has (`/catalogs/{catalog_name}/items` has five), not only the first.
            let methods: Vec<&str> =
                catalog.endpoints.iter().filter(|e| e.matches_path(path)).map(|e| e.method.as_str()).collect();
            match (catalog.resolve(path), methods.as_slice()) {
                (Some(r), [.., last]) => {
                    let but_last = &methods[..methods.len() - 1];
                    let list = if but_last.is_empty() {
                        last.to_string()
                    } else {
                        format!("{} or {last}", but_last.join(", "))
                    };
                    warnings.push(format!(
                        "Braze's {} takes {list}, not {method}; Braze answers 404 Not Found",
                        r.endpoint.path
                    ))
                }
                _ => warnings.push(format!("{path} is not a Braze REST endpoint brazen knows")),
            }
            (path.to_string(), false)
        }
    }
}
