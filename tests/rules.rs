//! The rule inventory: one named test per documented rule of `assets/rules/` and endpoint it applies to, and one
//! per documented example request of `tests/fixtures/doc_examples/`. `cargo test --test rules -- --list` lists them.
//!
//! A rule's test starts from its endpoint's template, breaks the rule alone (the rule's `breaks`), and checks that
//! the validator reports that rule and nothing else fatal or minor, then that the real mock on 127.0.0.1:0 answers it
//! as predicted: a fatal rule with its row's status and message (and brazen reads the answer back as that row), a
//! minor one as a success naming it in `errors`, a hint as a success.

// Shared with tests/whole_api.rs, which uses more of it.
#[allow(dead_code)]
#[path = "whole_api/wire.rs"]
mod wire;

use std::path::{Path, PathBuf};

use brazen::catalog::{self, DocRule, Endpoint, RuleSeverity};
use brazen::request::RequestFile;
use brazen::validate::{self, Context, Report, Severity};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;
use wire::{Req, env, t0};

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for (i, rule) in catalog::rules().rules.iter().enumerate() {
        let group = rule.file.trim_end_matches(".toml").trim_end_matches(".json");
        for key in &rule.endpoints {
            let key = key.clone();
            trials.push(Trial::test(format!("{group}::{key}::{}", rule.id), move || {
                let rule = &catalog::rules().rules[i];
                rule_test(rule, wire::endpoint(&key))
            }));
        }
    }
    // A body key that answers a wrong type with its own row (`error`, `items_error` in assets/endpoints/).
    for (key, pointer, row, endpoint) in typed_rows() {
        let name = format!("typed::{endpoint}::{}::{row}", pointer.trim_start_matches('/'));
        trials.push(Trial::test(name, move || typed_test(&key, &pointer, &row, wire::endpoint(&endpoint))));
    }
    // A query parameter that answers its absence with its own row (`error` in assets/endpoints/).
    for e in catalog::endpoints().endpoints.iter() {
        for p in e.query.iter().filter(|p| p.required && p.error.is_some()) {
            let (key, name, row) = (e.key(), p.name.clone(), p.error.clone().unwrap_or_default());
            let title = format!("query::{key}::{name}::{row}");
            trials.push(Trial::test(title, move || query_test(wire::endpoint(key), &name, &row)));
        }
    }
    for (name, path) in examples() {
        trials.push(Trial::test(format!("doc_examples::{name}"), move || example_test(&path)));
    }
    trials.push(Trial::test("inventory::every_predictable_row_is_predicted", every_predictable_row_is_predicted));
    libtest_mimic::run(&args, trials).exit();
}

fn ctx() -> Context {
    Context::new(t0(), jiff::tz::TimeZone::UTC)
}

/// `METHOD /path?query` of a request, as the validator reads a target.
fn target(r: &Req) -> String {
    let path = r.segments.join("/");
    if r.query.is_empty() {
        return format!("{} {path}", r.method);
    }
    let q = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&r.query).finish();
    format!("{} {path}?{q}", r.method)
}

fn body_text(r: &Req) -> String {
    if r.body.is_null() { String::new() } else { serde_json::to_string_pretty(&r.body).unwrap_or_default() }
}

/// The template of `ep` with `rule`'s `breaks` applied.
fn broken(rule: &DocRule, ep: &Endpoint) -> Result<Req, String> {
    let b = &rule.breaks;
    let mut r = Req::template(ep);
    if let Some(p) = &b.path {
        r.segments = p.split('/').map(str::to_string).collect();
    }
    for (k, v) in &b.query {
        r.query.retain(|(n, _)| n != k);
        r.query.push((k.clone(), v.clone()));
    }
    for p in &b.remove {
        remove(&mut r.body, p).ok_or_else(|| format!("breaks.remove: nothing at {p}"))?;
    }
    for (p, v) in &b.set {
        set(&mut r.body, p, v.clone()).ok_or_else(|| format!("breaks.set: cannot set {p}"))?;
    }
    for (p, n) in &b.repeat {
        let Some(Value::Array(items)) = r.body.pointer_mut(p) else {
            return Err(format!("breaks.repeat: no array at {p}"));
        };
        let last = items.last().cloned().ok_or_else(|| format!("breaks.repeat: the array at {p} is empty"))?;
        while items.len() < *n {
            items.push(last.clone());
        }
    }
    for (p, n) in &b.fill {
        set(&mut r.body, p, Value::String("x".repeat(*n))).ok_or_else(|| format!("breaks.fill: cannot set {p}"))?;
    }
    Ok(r)
}

/// Splits a pointer into its parent and last token (unescaped).
fn split(p: &str) -> Option<(&str, String)> {
    let (parent, last) = p.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn set(root: &mut Value, p: &str, v: Value) -> Option<()> {
    if root.is_null() {
        *root = Value::Object(Default::default());
    }
    let (parent, last) = split(p)?;
    match root.pointer_mut(parent)? {
        Value::Object(m) => {
            m.insert(last, v);
        }
        Value::Array(a) => {
            let i: usize = last.parse().ok()?;
            match i.cmp(&a.len()) {
                std::cmp::Ordering::Less => a[i] = v,
                std::cmp::Ordering::Equal => a.push(v),
                std::cmp::Ordering::Greater => return None,
            }
        }
        _ => return None,
    }
    Some(())
}

fn remove(root: &mut Value, p: &str) -> Option<Value> {
    let (parent, last) = split(p)?;
    match root.pointer_mut(parent)? {
        Value::Object(m) => m.remove(&last),
        Value::Array(a) => {
            let i: usize = last.parse().ok()?;
            (i < a.len()).then(|| a.remove(i))
        }
        _ => None,
    }
}

fn severity(rule: &DocRule) -> Severity {
    match rule.severity {
        RuleSeverity::Fatal => Severity::Fatal,
        RuleSeverity::Minor => Severity::Minor,
        RuleSeverity::Hint => Severity::Hint,
    }
}

fn listing(r: &Report) -> String {
    r.diagnostics
        .iter()
        .map(|d| format!("  {} {} rule={:?} at {}: {}", d.severity.as_str(), d.error, d.rule, d.pointer, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn rule_test(rule: &DocRule, ep: &Endpoint) -> Result<(), Failed> {
    let req = broken(rule, ep)?;
    let (target, body) = (target(&req), body_text(&req));
    let report = validate::check(&target, &body, &ctx());
    let context = || format!("{target}\n{body}\nreported:\n{}", listing(&report));
    let Some(found) = report.diagnostics.iter().find(|d| d.rule.as_deref() == Some(rule.id.as_str())) else {
        return Err(format!("the rule was not reported for\n{}", context()).into());
    };
    if found.severity != severity(rule) || found.error != rule.error {
        return Err(format!("reported as {} {}\n{}", found.severity.as_str(), found.error, context()).into());
    }
    if found.message.contains('{') && !rule.says.en.contains("{{") {
        return Err(format!("a placeholder was left unfilled: {}", found.message).into());
    }
    let ko = validate::check(&target, &body, &ctx().with_lang(brazen::i18n::Lang::Ko));
    if !ko.diagnostics.iter().any(|d| d.rule.as_deref() == Some(rule.id.as_str()) && d.message != found.message) {
        return Err("the Korean sentence is missing or the same as the English one".into());
    }
    let others: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Hint && d.rule.as_deref() != Some(rule.id.as_str()))
        .collect();
    if !others.is_empty() {
        return Err(format!("breaking the rule breaks more than the rule\n{}", context()).into());
    }
    // The mock answers it as predicted, through the same checks.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    rt.block_on(async {
        let env = env().await;
        let answer = env.send(&req).await;
        let json = answer.json();
        let said = || format!("the mock answered {} {}\n{}", answer.status, answer.text(), context());
        match rule.severity {
            RuleSeverity::Fatal => {
                let row = catalog::errors().row(&rule.error).ok_or("no row")?;
                if answer.status != row.status || json.get("message").and_then(Value::as_str) != Some(&row.name) {
                    return Err(format!("expected {} {:?}; {}", row.status, row.name, said()));
                }
                let outcome = answer.outcome(ep);
                if outcome.error.as_deref() != Some(rule.error.as_str()) {
                    return Err(format!("brazen reads the answer as {:?}; {}", outcome.error, said()));
                }
            }
            RuleSeverity::Minor => {
                // A sentence in `errors`, or (`/users/track`) an object's entry whose `type` is that sentence.
                let says = |x: &Value| {
                    let text = x.as_str().or_else(|| x.get("type").and_then(Value::as_str));
                    text.is_some_and(|s| s.contains(found.message.as_str()))
                };
                let named = json.get("errors").and_then(Value::as_array).is_some_and(|e| e.iter().any(says));
                if !(200..300).contains(&answer.status) || !named {
                    return Err(format!("expected a success naming the rule in `errors`; {}", said()));
                }
            }
            RuleSeverity::Hint => {
                if !(200..300).contains(&answer.status) {
                    return Err(format!("expected a success; {}", said()));
                }
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// (key, where it sits in the template's body, its row, endpoint) for every body key with a type row of its own;
/// `items[]` nested keys sit in the first item.
fn typed_rows() -> Vec<(catalog::BodyKey, String, String, String)> {
    let c = catalog::endpoints();
    let mut out = Vec::new();
    for e in &c.endpoints {
        for k in &e.body {
            for row in [&k.error, &k.items_error].into_iter().flatten() {
                let at =
                    if Some(row) == k.items_error.as_ref() { format!("/{}/0", k.name) } else { format!("/{}", k.name) };
                out.push((k.clone(), at, row.clone(), e.key().to_string()));
            }
        }
    }
    for n in &c.nested {
        for parent in &n.under {
            for e in &n.endpoints {
                for k in &n.keys {
                    if let Some(row) = &k.error {
                        let base = if parent.each { format!("/{}/0", parent.key) } else { format!("/{}", parent.key) };
                        out.push((k.clone(), format!("{base}/{}", k.name), row.clone(), e.clone()));
                    }
                }
            }
        }
    }
    out
}

/// A value of no type a documented key takes, for breaking its type check: a number for text, text for the rest.
fn wrong_value(kind: &catalog::BodyType, item: bool) -> Value {
    use catalog::BodyType::*;
    match (kind, item) {
        (ArrayOfObjects, true) => Value::from("not an object"),
        (_, true) => Value::from(7),
        (String | StringOrArrayOfStrings | OneOf(_), false) => Value::from(7),
        _ => Value::from("not this type"),
    }
}

/// The template with `pointer` given a value of the wrong type: that key's row is predicted, nothing else, and the
/// mock answers it.
fn typed_test(key: &catalog::BodyKey, pointer: &str, row: &str, ep: &Endpoint) -> Result<(), Failed> {
    let mut req = Req::template(ep);
    let item = key.items_error.as_deref() == Some(row) && pointer.ends_with("/0");
    if item && req.body.pointer(pointer.rsplit_once('/').map_or("", |p| p.0)).is_none() {
        set(&mut req.body, pointer.rsplit_once('/').map_or("", |p| p.0), Value::Array(Vec::new()))
            .ok_or("no parent")?;
    }
    set(&mut req.body, pointer, wrong_value(&key.kind, item)).ok_or_else(|| format!("cannot set {pointer}"))?;
    let (target, body) = (target(&req), body_text(&req));
    let report = validate::check(&target, &body, &ctx());
    let fatal: Vec<_> = report.fatal().map(|d| d.error.as_str()).collect();
    if fatal != [row] || report.diagnostics.iter().any(|d| d.severity == Severity::Minor) {
        return Err(format!("expected only {row}:\n{target}\n{body}\n{}", listing(&report)).into());
    }
    mock_answers_with(&req, row)
}

/// The template without its required parameter `name`: its own row is predicted, nothing else, and the mock
/// answers it.
fn query_test(ep: &Endpoint, name: &str, row: &str) -> Result<(), Failed> {
    let mut req = Req::template(ep);
    req.query.retain(|(n, _)| n != name);
    let target = target(&req);
    let report = validate::check(&target, "", &ctx());
    let fatal: Vec<_> = report.fatal().map(|d| d.error.as_str()).collect();
    if fatal != [row] {
        return Err(format!("expected only {row}:\n{target}\n{}", listing(&report)).into());
    }
    mock_answers_with(&req, row)
}

/// The real mock refuses `req` with row `row`: its status and its message.
fn mock_answers_with(req: &Req, row: &str) -> Result<(), Failed> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    rt.block_on(async {
        let answer = env().await.send(req).await;
        let want = catalog::errors().row(row).ok_or("no row")?;
        let message = answer.json().get("message").and_then(Value::as_str).map(str::to_string);
        if answer.status != want.status || message.as_deref() != Some(want.name.as_str()) {
            return Err(format!("the mock answered {} {}", answer.status, answer.text()));
        }
        Ok(())
    })?;
    Ok(())
}

/// `tests/fixtures/doc_examples/<group>/<name>.http`, sorted.
fn examples() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doc_examples");
    let mut out = Vec::new();
    for group in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(group.path()).into_iter().flatten().flatten() {
            let p = file.path();
            if p.extension().is_some_and(|x| x == "http") {
                let name = format!(
                    "{}::{}",
                    group.file_name().to_string_lossy(),
                    p.file_stem().unwrap_or_default().to_string_lossy()
                );
                out.push((name, p));
            }
        }
    }
    out.sort();
    out
}

/// A documented example, in our own values: `# expect: ok` validates with nothing fatal; `# expect: ID` is
/// reported with that rule (or error) id.
fn example_test(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file = RequestFile::parse(&text).map_err(|e| format!("line {}: {}", e.line, e.message))?;
    let expect = file
        .note
        .iter()
        .find_map(|n| n.trim().strip_prefix("expect:").map(|s| s.trim().to_string()))
        .ok_or("the first note line must be `# expect: ok` or `# expect: <rule id>`")?;
    let target = format!("{} {}", file.method, file.path_and_query());
    let report = validate::check(&target, &file.body, &ctx());
    if expect == "ok" {
        if !report.ok {
            return Err(format!("expected nothing fatal:\n{}", listing(&report)).into());
        }
        return Ok(());
    }
    let hit = report.diagnostics.iter().any(|d| d.rule.as_deref() == Some(expect.as_str()) || d.error == expect);
    if !hit {
        return Err(format!("expected `{expect}`:\n{}", listing(&report)).into());
    }
    Ok(())
}

/// Every endpoint error row the table marks `predictable` is some rule's `error`, or a rule family's.
fn every_predictable_row_is_predicted() -> Result<(), Failed> {
    let mut used: std::collections::HashSet<&str> = catalog::rules().rules.iter().map(|r| r.error.as_str()).collect();
    let c = catalog::endpoints();
    let keys = c.endpoints.iter().flat_map(|e| &e.body).chain(c.nested.iter().flat_map(|n| &n.keys));
    used.extend(keys.flat_map(|k| [&k.error, &k.items_error]).flatten().map(String::as_str));
    used.extend(c.endpoints.iter().flat_map(|e| &e.query).filter_map(|p| p.error.as_deref()));
    // Predictable, but not yet predicted, and why (the closing note of issue 11 lists them too).
    const NOT_YET: &[(&str, &str)] = &[(
        "catalog_item_invalid_keys",
        "keys inside an item's object values, at any depth, may not hold `.` or `$`, except the PATCH operators \
         `$add`/`$remove`: the vocabulary walks one object level and has no exception list",
    )];
    used.extend(NOT_YET.iter().map(|(id, _)| *id));
    let missing: Vec<&str> = catalog::errors()
        .rows
        .iter()
        // A `not_json` row is the syntax check's (validate's unit tests).
        .filter(|r| r.predictable && !r.not_json && !r.endpoints.is_empty() && !used.contains(r.id.as_str()))
        .map(|r| r.id.as_str())
        .collect();
    if missing.is_empty() { Ok(()) } else { Err(format!("no rule predicts: {}", missing.join(", ")).into()) }
}
