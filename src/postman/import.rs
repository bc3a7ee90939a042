//! A Postman collection's JSON → saved requests and variables. See the module above for what is kept.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{MAX_REQUESTS, env_name, is_variable_name, looks_secret};
use crate::request::name::{MAX_GROUPS, file_safe, free};
use crate::request::{METHODS, RequestFile};

/// The note line an import adds to a request to an endpoint the catalog does not know.
const UNKNOWN_HINT: &str = "brazen: not an endpoint of the catalog";

/// What an import made of a collection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    /// The collection's name (`info.name`).
    pub title: String,
    pub requests: Vec<ImportedRequest>,
    pub variables: Vec<Variable>,
    pub skipped: Vec<Skipped>,
    pub dropped: Vec<Dropped>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRequest {
    /// The saved request's name (`customer-a/welcome-email`).
    pub name: String,
    /// Where it was in the collection, as Postman names it (`Customer A / Welcome email`).
    pub source: String,
    pub request: RequestFile,
    /// Whether the catalog knows its endpoint.
    pub known: bool,
}

/// A collection variable, as the variables file will hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variable {
    pub name: String,
    /// The value; `None` for a secret, read from the process variable `value_env`.
    pub value: Option<String>,
    pub value_env: Option<String>,
}

/// A request (or item) that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Its place in the collection, as Postman names it.
    pub name: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum SkipReason {
    /// An item that is neither a request nor a folder.
    NotAnItem,
    NoUrl,
    /// A method Braze's API does not use.
    Method(String),
    /// A body that is not raw text (`formdata`, `urlencoded`, `file`, `graphql`).
    BodyMode(String),
    /// A path brazen cannot write on a request line.
    Path(String),
    /// In a folder more than [`MAX_GROUPS`] deep.
    TooDeep,
    /// Past the [`MAX_REQUESTS`] bound.
    TooMany,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NotAnItem => write!(f, "neither a request nor a folder"),
            SkipReason::NoUrl => write!(f, "the request has no URL"),
            SkipReason::Method(m) => write!(f, "method {m:?}: Braze's API uses {}", METHODS.join(", ")),
            SkipReason::BodyMode(m) => {
                write!(f, "body mode {m:?}: brazen sends raw (JSON) bodies only")
            }
            SkipReason::Path(p) => write!(f, "the path {p:?} cannot be written on a request line"),
            SkipReason::TooDeep => write!(f, "more than {MAX_GROUPS} folders deep"),
            SkipReason::TooMany => write!(f, "more than {MAX_REQUESTS} requests in the collection"),
        }
    }
}

impl From<SkipReason> for String {
    fn from(r: SkipReason) -> String {
        r.to_string()
    }
}

/// Something an import left out on purpose, to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Dropped {
    /// An `auth` block (`at`: the collection, a folder or a request, as Postman names it).
    Auth { at: String, kind: String },
    /// A credential header of a request.
    Header { request: String, header: String },
    /// A credential query parameter (`api_key`).
    Query { request: String, key: String },
    /// Pre-request or test scripts: brazen runs none.
    Scripts { at: String },
    /// A variable used as the host: brazen sends to the environment's URL.
    HostVariable { name: String },
    /// A variable whose name is not a brazen variable name.
    BadVariable { name: String },
    /// A secret variable: its value was not imported; it is read from `env`.
    SecretValue { name: String, env: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("not JSON: {0}")]
    Json(String),
    #[error("not a Postman collection: {0}")]
    NotCollection(String),
}

/// Reads a collection.
pub fn import(json: &str) -> Result<Import, ImportError> {
    // serde_json stops at 128 levels of nesting with an error.
    let root: Value = serde_json::from_str(json).map_err(|e| ImportError::Json(e.to_string()))?;
    let Some(root) = root.as_object() else {
        return Err(ImportError::NotCollection("the JSON is not an object".into()));
    };
    let info = root.get("info").and_then(Value::as_object);
    if let Some(schema) = info.and_then(|i| i.get("schema")).and_then(Value::as_str)
        && !(schema.contains("/v2.1") || schema.contains("/v2.0"))
    {
        return Err(ImportError::NotCollection(format!("schema {schema:?}; brazen reads v2.1 (and v2.0)")));
    }
    let Some(items) = root.get("item").and_then(Value::as_array) else {
        return Err(ImportError::NotCollection(
            "no `item` list (export the collection from Postman as Collection v2.1)".into(),
        ));
    };
    let title = info.and_then(|i| i.get("name")).and_then(Value::as_str).unwrap_or("").to_string();
    let mut out = Import { title: title.clone(), ..Import::default() };
    let at = if title.is_empty() { "the collection".to_string() } else { title.clone() };
    drop_auth(root, &at, &mut out);
    drop_scripts(root, &at, &mut out);
    let mut taken = HashSet::new();
    let mut hosts = HashSet::new();
    walk(items, &[], &[], &mut Walk { out: &mut out, taken: &mut taken, hosts: &mut hosts });
    variables(root.get("variable"), &hosts, &mut out);
    Ok(out)
}

struct Walk<'a> {
    out: &'a mut Import,
    /// Names given so far.
    taken: &'a mut HashSet<String>,
    /// Variables used as a host (`{{baseUrl}}`).
    hosts: &'a mut HashSet<String>,
}

fn walk(items: &[Value], folder: &[String], source: &[String], w: &mut Walk<'_>) {
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            w.out
                .skipped
                .push(Skipped { name: place(source, &format!("item {}", i + 1)), reason: SkipReason::NotAnItem });
            continue;
        };
        let name = obj.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty());
        let shown = place(source, name.unwrap_or(&format!("item {}", i + 1)));
        if let Some(children) = obj.get("item").and_then(Value::as_array) {
            drop_auth(obj, &shown, w.out);
            drop_scripts(obj, &shown, w.out);
            let mut folder = folder.to_vec();
            folder.push(file_safe(name.unwrap_or(""), "folder"));
            let mut source = source.to_vec();
            source.push(name.unwrap_or("").to_string());
            if folder.len() > MAX_GROUPS {
                skip_all(children, &source, w.out);
            } else {
                walk(children, &folder, &source, w);
            }
            continue;
        }
        let Some(request) = obj.get("request") else {
            w.out.skipped.push(Skipped { name: shown, reason: SkipReason::NotAnItem });
            continue;
        };
        if w.out.requests.len() >= MAX_REQUESTS {
            w.out.skipped.push(Skipped { name: shown, reason: SkipReason::TooMany });
            continue;
        }
        drop_scripts(obj, &shown, w.out);
        match convert(request, &shown, w) {
            Ok((mut file, known)) => {
                if file.note.is_empty()
                    && let Some(d) = obj.get("description")
                {
                    // A description on the item rather than its request (some exporters put it there).
                    (file.note, file.environment) = note_of(d);
                }
                if !known {
                    hint_unknown(&mut file);
                }
                let leaf = file_safe(name.unwrap_or(""), "request");
                let base = if folder.is_empty() { leaf } else { format!("{}/{leaf}", folder.join("/")) };
                let unique = free(&base, |n| w.taken.contains(n));
                w.taken.insert(unique.clone());
                w.out.requests.push(ImportedRequest { name: unique, source: shown, request: file, known });
            }
            Err(reason) => w.out.skipped.push(Skipped { name: shown, reason }),
        }
    }
}

/// Every request below a folder too deep to import, skipped.
fn skip_all(items: &[Value], source: &[String], out: &mut Import) {
    for (i, item) in items.iter().enumerate() {
        let name = item.get("name").and_then(Value::as_str).unwrap_or("").to_string();
        match item.get("item").and_then(Value::as_array) {
            Some(children) => {
                let mut source = source.to_vec();
                source.push(name);
                skip_all(children, &source, out);
            }
            None => out.skipped.push(Skipped {
                name: place(source, if name.is_empty() { format!("item {}", i + 1) } else { name }.as_str()),
                reason: SkipReason::TooDeep,
            }),
        }
    }
}

fn place(source: &[String], name: &str) -> String {
    source.iter().map(String::as_str).chain([name]).collect::<Vec<_>>().join(" / ")
}

fn drop_auth(obj: &Map<String, Value>, at: &str, out: &mut Import) {
    if let Some(auth) = obj.get("auth").filter(|a| !a.is_null()) {
        let kind = auth.get("type").and_then(Value::as_str).unwrap_or("unknown").to_string();
        if kind != "noauth" && kind != "inherit" {
            out.dropped.push(Dropped::Auth { at: at.to_string(), kind });
        }
    }
}

fn drop_scripts(obj: &Map<String, Value>, at: &str, out: &mut Import) {
    if obj.get("event").and_then(Value::as_array).is_some_and(|e| !e.is_empty()) {
        out.dropped.push(Dropped::Scripts { at: at.to_string() });
    }
}

/// One Postman request → a request file, and whether the catalog knows its endpoint.
fn convert(request: &Value, shown: &str, w: &mut Walk<'_>) -> Result<(RequestFile, bool), SkipReason> {
    let empty = Map::new();
    let (obj, url) = match request {
        Value::String(_) => (&empty, Some(request)),
        Value::Object(o) => (o, o.get("url")),
        _ => return Err(SkipReason::NotAnItem),
    };
    let method = obj.get("method").and_then(Value::as_str).unwrap_or("GET").trim().to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return Err(SkipReason::Method(method));
    }
    let url = url.filter(|u| !u.is_null()).ok_or(SkipReason::NoUrl)?;
    let (path, query, host) = url_parts(url)?;
    if let Some(h) = host {
        w.hosts.insert(h);
    }
    let mut file = RequestFile { method, path, ..RequestFile::default() };
    for (key, value) in query {
        if crate::scrub::is_credential_field(&key) {
            w.out.dropped.push(Dropped::Query { request: shown.to_string(), key });
            continue;
        }
        file.query.push(match value {
            Some(v) => format!("{}={}", encode_query(&key), encode_query(&v)),
            None => encode_query(&key),
        });
    }
    drop_auth(obj, shown, w.out);
    for (name, value) in headers(obj.get("header")) {
        if crate::scrub::is_credential_header(&name) {
            w.out.dropped.push(Dropped::Header { request: shown.to_string(), header: name });
        } else if name.is_empty() || name.contains(char::is_whitespace) || name.contains(':') || value.contains('\n') {
            // Not a header line brazen can write; nothing a request needs.
            w.out.dropped.push(Dropped::Header { request: shown.to_string(), header: name });
        } else {
            file.headers.push((name, value.trim().to_string()));
        }
    }
    file.body = body(obj.get("body"))?;
    if let Some(d) = obj.get("description") {
        (file.note, file.environment) = note_of(d);
    }
    let known = crate::catalog::endpoints().resolve(&format!("{} {}", file.method, file.path)).is_some();
    Ok((file, known))
}

/// The path, the query pairs (`None`: a key without `=`), and the host's variable (`baseUrl` of `{{baseUrl}}`).
type UrlParts = (String, Vec<(String, Option<String>)>, Option<String>);

fn url_parts(url: &Value) -> Result<UrlParts, SkipReason> {
    let (mut path, mut query, mut host) = match url {
        Value::String(raw) => parse_raw(raw),
        Value::Object(o) => {
            let raw = o.get("raw").and_then(Value::as_str).map(parse_raw);
            match o.get("path") {
                Some(p) if !p.is_null() => {
                    let segments: Vec<String> = match p {
                        Value::Array(a) => a.iter().map(segment_text).collect(),
                        Value::String(s) => s.split('/').map(str::to_string).collect(),
                        _ => Vec::new(),
                    };
                    let path = format!("/{}", segments.join("/").trim_start_matches('/'));
                    let query = match o.get("query").and_then(Value::as_array) {
                        Some(q) => query_items(q),
                        None => raw.as_ref().map(|r| r.1.clone()).unwrap_or_default(),
                    };
                    let host = match o.get("host") {
                        Some(Value::Array(a)) => {
                            host_variable(&a.iter().map(segment_text).collect::<Vec<_>>().join("."))
                        }
                        Some(Value::String(s)) => host_variable(s),
                        _ => raw.as_ref().and_then(|r| r.2.clone()),
                    };
                    (path, query, host)
                }
                _ => raw.ok_or(SkipReason::NoUrl)?,
            }
        }
        _ => return Err(SkipReason::NoUrl),
    };
    if let Value::Object(o) = url {
        // Postman's `:name` path variables: their value, or a brazen variable of that name.
        let vars: Vec<(String, String)> = o
            .get("variable")
            .and_then(Value::as_array)
            .map(|vs| {
                vs.iter()
                    .filter_map(|v| {
                        let key = v.get("key").and_then(Value::as_str)?;
                        Some((key.to_string(), scalar(v.get("value")).unwrap_or_default()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        path = path
            .split('/')
            .map(|s| match s.strip_prefix(':') {
                Some(name) if !name.is_empty() => vars
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| format!("{{{{{name}}}}}")),
                _ => s.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/");
    } else {
        path = path
            .split('/')
            .map(|s| match s.strip_prefix(':') {
                Some(name) if !name.is_empty() => format!("{{{{{name}}}}}"),
                _ => s.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/");
    }
    let path = path.replace(' ', "%20");
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(SkipReason::Path(path));
    }
    host = host.filter(|h| is_variable_name(h));
    query.retain(|(k, v)| !k.is_empty() || v.as_deref().is_some_and(|v| !v.is_empty()));
    Ok((path, query, host))
}

/// A path or host segment: a string, or Postman's `{ "value": … }` form.
fn segment_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => scalar(o.get("value")).unwrap_or_default(),
        other => scalar(Some(other)).unwrap_or_default(),
    }
}

/// A string, number or boolean as text.
fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `{{baseUrl}}` → `baseUrl`.
fn host_variable(host: &str) -> Option<String> {
    let inner = host.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    Some(inner.trim().to_string())
}

/// A raw URL: the host dropped (`{{baseUrl}}`, `https://host`, `host`), the path, the query pairs, the host's
/// variable.
fn parse_raw(raw: &str) -> UrlParts {
    let raw = raw.trim();
    let raw = raw.split('#').next().unwrap_or(raw);
    let (before, query) = raw.split_once('?').unwrap_or((raw, ""));
    let mut host = None;
    let path = if let Some(rest) = before.strip_prefix("{{")
        && let Some(end) = rest.find("}}")
        && !rest[end + 2..].starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        host = Some(rest[..end].trim().to_string());
        rest[end + 2..].to_string()
    } else if let Some((_, after)) = before.split_once("://") {
        after.find('/').map_or(String::new(), |i| after[i..].to_string())
    } else if before.starts_with('/') {
        before.to_string()
    } else {
        before.find('/').map_or(String::new(), |i| before[i..].to_string())
    };
    let path = if path.starts_with('/') { path } else { format!("/{path}") };
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (p.to_string(), None),
        })
        .collect();
    (path, pairs, host)
}

fn query_items(items: &[Value]) -> Vec<(String, Option<String>)> {
    items
        .iter()
        .filter(|q| q.get("disabled").and_then(Value::as_bool) != Some(true))
        .filter_map(|q| {
            let key = scalar(q.get("key")).unwrap_or_default();
            let value = scalar(q.get("value"));
            (!key.is_empty() || value.is_some()).then_some((key, value))
        })
        .collect()
}

/// Characters a query line cannot hold as they are (white space, `&`, `#`), percent-encoded; everything else,
/// `{{variables}}` and existing escapes included, as written.
fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || c == '&' || c == '#' {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Enabled headers, from the list form or the `Name: value` text form.
fn headers(h: Option<&Value>) -> Vec<(String, String)> {
    match h {
        Some(Value::Array(list)) => list
            .iter()
            .filter(|h| h.get("disabled").and_then(Value::as_bool) != Some(true))
            .filter_map(|h| {
                Some((scalar(h.get("key"))?.trim().to_string(), scalar(h.get("value")).unwrap_or_default()))
            })
            .collect(),
        Some(Value::String(text)) => text
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

fn body(b: Option<&Value>) -> Result<String, SkipReason> {
    let Some(Value::Object(b)) = b else { return Ok(String::new()) };
    if b.get("disabled").and_then(Value::as_bool) == Some(true) {
        return Ok(String::new());
    }
    match b.get("mode").and_then(Value::as_str) {
        None | Some("none") => Ok(String::new()),
        Some("raw") => Ok(b.get("raw").and_then(Value::as_str).unwrap_or("").to_string()),
        Some(other) => Err(SkipReason::BodyMode(other.to_string())),
    }
}

/// A description as a note and an environment (a last line `@environment NAME`).
fn note_of(d: &Value) -> (Vec<String>, Option<String>) {
    let text = match d {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("content").and_then(Value::as_str).unwrap_or(""),
        _ => "",
    };
    let mut lines: Vec<String> = text.split('\n').map(|l| l.trim_end_matches('\r').to_string()).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    let mut environment = None;
    if let Some(last) = lines.last()
        && let Some(name) = last.trim().strip_prefix("@environment ")
        && !name.trim().is_empty()
        && !name.trim().contains(char::is_whitespace)
    {
        environment = Some(name.trim().to_string());
        lines.pop();
    }
    // Any other line that would read as the directive is kept as text.
    for l in &mut lines {
        if l.trim_start().starts_with("@environment") {
            l.insert(0, '\\');
        }
    }
    (lines, environment)
}

fn hint_unknown(file: &mut RequestFile) {
    if file.note.iter().any(|l| l.starts_with(UNKNOWN_HINT)) {
        return;
    }
    let key = format!("{} {}", file.method, file.path);
    let suggestion = crate::catalog::endpoints()
        .suggest(&key)
        .map(|e| format!("; did you mean {}?", e.key()))
        .unwrap_or_else(|| "; `brazen catalog` lists them".into());
    file.note.push(format!("{UNKNOWN_HINT} ({key}){suggestion}"));
}

fn variables(list: Option<&Value>, hosts: &HashSet<String>, out: &mut Import) {
    let Some(list) = list.and_then(Value::as_array) else { return };
    let mut seen = HashSet::new();
    for v in list {
        if v.get("disabled").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let Some(name) = v.get("key").or_else(|| v.get("id")).and_then(Value::as_str) else { continue };
        if hosts.contains(name) {
            out.dropped.push(Dropped::HostVariable { name: name.to_string() });
            continue;
        }
        if !is_variable_name(name) {
            out.dropped.push(Dropped::BadVariable { name: name.to_string() });
            continue;
        }
        if !seen.insert(name.to_string()) {
            continue;
        }
        let secret = v.get("type").and_then(Value::as_str) == Some("secret") || looks_secret(name);
        if secret {
            let env = env_name(name);
            out.dropped.push(Dropped::SecretValue { name: name.to_string(), env: env.clone() });
            out.variables.push(Variable { name: name.to_string(), value: None, value_env: Some(env) });
        } else {
            let value = scalar(v.get("value")).unwrap_or_default();
            out.variables.push(Variable { name: name.to_string(), value: Some(value), value_env: None });
        }
    }
}

impl Import {
    /// The variables file's text: one line per variable, a secret as `{ value_env = "NAME", secret = true }`.
    pub fn variables_toml(&self) -> String {
        let mut out = String::from("# The collection's variables, imported from a Postman collection.\n");
        for v in &self.variables {
            let key = if v.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                v.name.clone()
            } else {
                toml_string(&v.name)
            };
            match (&v.value, &v.value_env) {
                (_, Some(env)) => {
                    out.push_str(&format!("{key} = {{ value_env = {}, secret = true }}\n", toml_string(env)))
                }
                (Some(value), None) => out.push_str(&format!("{key} = {}\n", toml_string(value))),
                (None, None) => {}
            }
        }
        out
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
