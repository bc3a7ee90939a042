//! Saved requests and a variables file → a Postman v2.1 collection.

use serde_json::{Value, json};

use super::{BASE_URL, SCHEMA_V21};
use crate::request::RequestFile;

/// A variables file that could not be read: the line (1-based) and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ExportError {
    pub line: usize,
    pub message: String,
}

/// A variable as an export writes it: a secret (or one read from a process variable) without its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportVariable {
    pub name: String,
    pub value: String,
    pub secret: bool,
}

/// The variables of a `variables.toml` text: `name = "value"`, `name = { value = "…" }` or
/// `name = { value_env = "VAR", secret = true }`. A value read from a process variable is exported empty: an
/// export never reads the environment (it would write a secret into a file meant to be shared).
pub fn parse_variables(text: &str) -> Result<Vec<ExportVariable>, ExportError> {
    // The toml crate's message only: its display quotes the line, which may hold a secret.
    let table: toml::Table = toml::from_str(text).map_err(|e| ExportError {
        line: e
            .span()
            .map_or(1, |s| text.as_bytes()[..s.start.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1),
        message: e.message().to_string(),
    })?;
    let mut out = Vec::new();
    for (name, v) in table {
        let (value, secret) = match &v {
            toml::Value::Table(t) => {
                let secret = t.get("secret").and_then(toml::Value::as_bool).unwrap_or(false);
                let value = if t.contains_key("value_env") { String::new() } else { text_of(t.get("value")) };
                (value, secret)
            }
            other => (text_of(Some(other)), false),
        };
        let secret = secret || super::looks_secret(&name);
        out.push(ExportVariable { value: if secret { String::new() } else { value }, secret, name });
    }
    // In the file's order (the parsed table is sorted by name): by the line each name is defined on.
    let line_of = |name: &str| {
        text.lines().position(|l| {
            let key = l.split('=').next().unwrap_or("").trim();
            key == name || key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) == Some(name)
        })
    };
    out.sort_by_key(|v| line_of(&v.name).unwrap_or(usize::MAX));
    Ok(out)
}

fn text_of(v: Option<&toml::Value>) -> String {
    match v {
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Integer(i)) => i.to_string(),
        Some(toml::Value::Float(f)) => f.to_string(),
        Some(toml::Value::Boolean(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A collection named `title` holding `requests` (name, request; any order: folders and requests are written in
/// name order), with `{{baseUrl}}` as every request's host and the variables.
pub fn export(title: &str, requests: &[(String, RequestFile)], variables: &[ExportVariable]) -> Value {
    let mut sorted: Vec<(&str, &RequestFile)> = requests.iter().map(|(n, r)| (n.as_str(), r)).collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut vars = vec![json!({
        "key": BASE_URL,
        "value": "",
        "type": "string",
        "description": "Your Braze REST endpoint, e.g. https://rest.iad-01.braze.com (brazen exports no URL or key)",
    })];
    for v in variables {
        let mut var = json!({ "key": v.name, "value": v.value, "type": if v.secret { "secret" } else { "string" } });
        if v.secret {
            var["description"] = json!("a secret: brazen exports no value");
        }
        vars.push(var);
    }
    json!({
        "info": {
            "name": title,
            "description": "Exported by brazen from a folder of saved requests. Set baseUrl to your Braze REST \
                            endpoint and send your REST API key as `Authorization: Bearer KEY`: no key is exported.",
            "schema": SCHEMA_V21,
        },
        "item": items(&sorted, 0),
        "variable": vars,
    })
}

/// The items of the requests whose names share their first `depth` parts: requests and folders in name order.
fn items(requests: &[(&str, &RequestFile)], depth: usize) -> Vec<Value> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < requests.len() {
        let parts: Vec<&str> = requests[i].0.split('/').collect();
        if parts.len() == depth + 1 {
            out.push(item(parts[depth], requests[i].1));
            i += 1;
            continue;
        }
        let group = parts[depth];
        let end = (i..requests.len())
            .find(|&j| {
                let p: Vec<&str> = requests[j].0.split('/').collect();
                p.len() <= depth + 1 || p[depth] != group
            })
            .unwrap_or(requests.len());
        out.push(json!({ "name": group, "item": items(&requests[i..end], depth + 1) }));
        i = end;
    }
    out
}

fn item(name: &str, r: &RequestFile) -> Value {
    let segments: Vec<&str> = r.path.trim_start_matches('/').split('/').collect();
    let query: Vec<Value> = r
        .query
        .iter()
        .map(|q| match q.split_once('=') {
            Some((k, v)) => json!({ "key": k, "value": v }),
            None => json!({ "key": q, "value": null }),
        })
        .collect();
    let raw = format!("{{{{{BASE_URL}}}}}{}", r.path_and_query());
    let mut url = json!({ "raw": raw, "host": [format!("{{{{{BASE_URL}}}}}")], "path": segments });
    if !query.is_empty() {
        url["query"] = Value::Array(query);
    }
    let header: Vec<Value> = r.headers.iter().map(|(k, v)| json!({ "key": k, "value": v })).collect();
    let mut request = json!({ "method": r.method, "header": header, "url": url });
    if !r.body.is_empty() {
        let t = r.body.trim_start();
        let language = if t.starts_with('{') || t.starts_with('[') { "json" } else { "text" };
        request["body"] = json!({ "mode": "raw", "raw": r.body, "options": { "raw": { "language": language } } });
    }
    let mut description: Vec<String> = r.note.clone();
    if let Some(env) = &r.environment {
        description.push(format!("@environment {env}"));
    }
    if !description.is_empty() {
        request["description"] = json!(description.join("\n"));
    }
    json!({ "name": name, "request": request, "response": [] })
}
