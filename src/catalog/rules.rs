//! The documented rules of `assets/rules/*.toml` (format in assets/README.md): what each endpoint's page says a
//! request must or cannot be, as data the validator runs ([`crate::validate`]) and the mock answers by. Loading
//! checks every reference (endpoints, error rows, placeholders of the sentences, the regular expressions) so a
//! mistake fails the catalog's tests with the file and the rule.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::Value;

use super::CatalogError;
use super::endpoints::EndpointCatalog;
use super::errors::ErrorTable;
use crate::i18n::Text;

/// Where a rule looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The body, or objects inside it: each step a member, `each` for every object of an array there.
    Body(Vec<Step>),
    /// The query parameters, as string members (`?`).
    Query,
    /// The path parameters, as string members (`{}`).
    Path,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub key: String,
    pub each: bool,
    /// `key[0]`: only this item of the array (the first column of a list, say).
    pub index: Option<usize>,
}

/// The member a single-value test reads; `each`: every item of the array there (`key = "emails[]"`). The name `*`
/// stands for every member of the object (values whose keys are the caller's own, such as a catalog item's fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub each: bool,
}

/// A named string format (`format = "…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    E164,
    Email,
    Url,
    Date,
    DateTime,
}

/// Bounds of `length`, `bytes` and `range`; either may be absent.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// What a rule tests.
#[derive(Debug, Clone)]
pub enum Test {
    ExactlyOne(Vec<String>),
    AtMostOne(Vec<String>),
    AtLeastOne(Vec<String>),
    Required(Vec<String>),
    Requires(Vec<String>),
    Forbids(Vec<String>),
    Format(Format),
    /// The source (for messages) and the compiled, anchored expression.
    Pattern(String, regex::Regex),
    Bytes(Bounds),
    Length(Bounds),
    Range(Bounds),
    Values(Vec<String>),
    NotAfter(String),
    /// No two objects (or strings, with "") of the array share this member's value.
    Distinct(String),
    /// How deeply the value nests objects and arrays (a scalar is 0, `{}` is 1).
    Depth(Bounds),
    /// Every member name of the object matches this (anchored) expression.
    Names(String, regex::Regex),
    /// The object has no members but these.
    Only(Vec<String>),
}

impl Test {
    /// Tests that read the object at `at` as a whole, not one member of it.
    pub fn reads_object(&self) -> bool {
        matches!(
            self,
            Test::ExactlyOne(_)
                | Test::AtMostOne(_)
                | Test::AtLeastOne(_)
                | Test::Required(_)
                | Test::Names(..)
                | Test::Only(_)
        )
    }
}

/// What breaks a rule alone, from the endpoint's template: the rule's test fixture (assets/README.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breaks {
    #[serde(default)]
    pub set: BTreeMap<String, Value>,
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default)]
    pub repeat: BTreeMap<String, usize>,
    #[serde(default)]
    pub fill: BTreeMap<String, usize>,
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    #[serde(default)]
    pub path: Option<String>,
}

/// How bad breaking a rule is: the validator's severities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RuleSeverity {
    #[default]
    Fatal,
    Minor,
    Hint,
}

/// One documented rule.
#[derive(Debug, Clone)]
pub struct DocRule {
    pub id: String,
    /// "METHOD /path" keys.
    pub endpoints: Vec<String>,
    pub at: Place,
    pub key: Option<Member>,
    pub test: Test,
    /// Applies only when `key`'s value equals this.
    pub when: Option<Value>,
    pub severity: RuleSeverity,
    /// Fatal: the row Braze answers with. Minor and hint: the rule's id.
    pub error: String,
    pub says: Text,
    pub breaks: Breaks,
    /// The file it came from, for messages about it.
    pub file: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    endpoints: Vec<String>,
    #[serde(default)]
    at: String,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    exactly_one: Option<Vec<String>>,
    #[serde(default)]
    at_most_one: Option<Vec<String>>,
    #[serde(default)]
    at_least_one: Option<Vec<String>>,
    #[serde(default)]
    required: Option<Vec<String>>,
    #[serde(default)]
    requires: Option<Vec<String>>,
    #[serde(default)]
    forbids: Option<Vec<String>>,
    #[serde(default)]
    format: Option<Format>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    bytes: Option<Bounds>,
    #[serde(default)]
    length: Option<Bounds>,
    #[serde(default)]
    range: Option<Bounds>,
    #[serde(default)]
    values: Option<Vec<String>>,
    #[serde(default)]
    not_after: Option<String>,
    #[serde(default)]
    distinct: Option<String>,
    #[serde(default)]
    depth: Option<Bounds>,
    #[serde(default)]
    names: Option<String>,
    #[serde(default)]
    only: Option<Vec<String>>,
    #[serde(default)]
    when: Option<Value>,
    #[serde(default)]
    severity: RuleSeverity,
    #[serde(default)]
    error: Option<String>,
    says: Text,
    #[serde(default)]
    breaks: Option<Breaks>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RawRule>,
}

/// The placeholders a sentence may use.
const WORDS: &[&str] = &["key", "keys", "found", "value", "size", "min", "max", "other"];

/// Every rule, and which apply to each endpoint.
#[derive(Debug, Default)]
pub struct RuleBook {
    pub rules: Vec<DocRule>,
    by_endpoint: HashMap<String, Vec<usize>>,
    /// Per endpoint, its body rules as a tree of places, so the validator walks each shared prefix once
    /// (`messages`, then each messaging object) and compares no places while validating.
    by_tree: HashMap<String, PlaceTree>,
    /// Per endpoint, its query rules and its path-parameter rules (indices in [`RuleBook::rules`]).
    by_line: HashMap<String, (Vec<usize>, Vec<usize>)>,
}

/// An endpoint's body places as a tree of steps: node 0 is the body itself, and every other node is one step
/// from its parent, holding the rules that read the objects there.
#[derive(Debug, Default)]
pub struct PlaceTree {
    pub nodes: Vec<PlaceNode>,
}

#[derive(Debug, Default)]
pub struct PlaceNode {
    /// The step from the parent (none for the body).
    pub step: Option<Step>,
    /// Indices in [`RuleBook::rules`] of the rules reading the objects here, in file order.
    pub rules: Vec<usize>,
    /// Indices of the nodes one step further.
    pub children: Vec<usize>,
}

impl PlaceTree {
    fn insert(&mut self, steps: &[Step], rule: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(PlaceNode::default());
        }
        let mut at = 0;
        for step in steps {
            let found = self.nodes[at].children.iter().copied().find(|&c| self.nodes[c].step.as_ref() == Some(step));
            at = match found {
                Some(c) => c,
                None => {
                    self.nodes.push(PlaceNode { step: Some(step.clone()), ..PlaceNode::default() });
                    let c = self.nodes.len() - 1;
                    self.nodes[at].children.push(c);
                    c
                }
            };
        }
        self.nodes[at].rules.push(rule);
    }
}

impl RuleBook {
    /// The rules of `key` ("METHOD /path"), in file order.
    pub fn for_endpoint<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a DocRule> + 'a {
        self.by_endpoint.get(key).into_iter().flatten().map(|&i| &self.rules[i])
    }

    /// The rules of `key` that read the query (`?`) or the path parameters (`{}`).
    pub fn for_line<'a>(&'a self, key: &str, place: &Place) -> impl Iterator<Item = &'a DocRule> + 'a {
        let lists = self.by_line.get(key);
        let list = match place {
            Place::Query => lists.map(|l| &l.0),
            Place::Path => lists.map(|l| &l.1),
            Place::Body(_) => None,
        };
        list.into_iter().flatten().map(|&i| &self.rules[i])
    }

    /// The body rules of `key` as a tree of places (none: the endpoint has no body rules).
    pub fn body_tree<'a>(&'a self, key: &str) -> Option<&'a PlaceTree> {
        self.by_tree.get(key)
    }

    /// Reads the files of `assets/rules/` (name, text), checking each rule against the catalog and the table.
    pub fn load(
        files: &[(&str, &str)],
        catalog: &EndpointCatalog,
        table: &ErrorTable,
    ) -> Result<RuleBook, CatalogError> {
        let mut book = RuleBook::default();
        for (name, text) in files {
            let file: RuleFile = super::syntax::read(name, text).map_err(CatalogError::Invalid)?;
            for raw in file.rule {
                let id = raw.id.clone();
                let rule = convert(raw, name, catalog, table)
                    .map_err(|e| CatalogError::Invalid(format!("{name}: rule `{id}`: {e}")))?;
                let index = book.rules.len();
                for key in &rule.endpoints {
                    let list = book.by_endpoint.entry(key.clone()).or_default();
                    if list.iter().any(|&i| book.rules[i].id == rule.id) {
                        return Err(CatalogError::Invalid(format!("{name}: rule `{id}` is defined twice for {key}")));
                    }
                    list.push(index);
                    match &rule.at {
                        Place::Body(steps) => book.by_tree.entry(key.clone()).or_default().insert(steps, index),
                        Place::Query => book.by_line.entry(key.clone()).or_default().0.push(index),
                        Place::Path => book.by_line.entry(key.clone()).or_default().1.push(index),
                    }
                }
                book.rules.push(rule);
            }
        }
        Ok(book)
    }
}

fn convert(raw: RawRule, file: &str, catalog: &EndpointCatalog, table: &ErrorTable) -> Result<DocRule, String> {
    if raw.id.is_empty() || !raw.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err("the id must be snake_case".into());
    }
    if raw.endpoints.is_empty() {
        return Err("`endpoints` is empty".into());
    }
    for key in &raw.endpoints {
        let known = catalog.endpoints.iter().any(|e| e.key() == *key);
        if !known {
            return Err(format!("`{key}` is not a catalog endpoint (\"METHOD /path\")"));
        }
    }
    let at = place(&raw.at)?;
    let key = raw.key.as_deref().map(member).transpose()?;
    let mut tests: Vec<Test> = Vec::new();
    let list = |v: Option<Vec<String>>, what: &str| -> Result<Option<Vec<String>>, String> {
        match v {
            Some(l) if l.is_empty() => Err(format!("`{what}` is empty")),
            other => Ok(other),
        }
    };
    type ListTest = fn(Vec<String>) -> Test;
    let lists: [(Option<Vec<String>>, &str, ListTest); 7] = [
        (raw.exactly_one, "exactly_one", Test::ExactlyOne),
        (raw.at_most_one, "at_most_one", Test::AtMostOne),
        (raw.at_least_one, "at_least_one", Test::AtLeastOne),
        (raw.required, "required", Test::Required),
        (raw.only, "only", Test::Only),
        (raw.requires, "requires", Test::Requires),
        (raw.forbids, "forbids", Test::Forbids),
    ];
    for (v, what, make) in lists {
        if let Some(l) = list(v, what)? {
            tests.push(make(l));
        }
    }
    if let Some(f) = raw.format {
        tests.push(Test::Format(f));
    }
    if let Some(p) = raw.pattern {
        let re = anchored(&p, "pattern")?;
        tests.push(Test::Pattern(p, re));
    }
    if let Some(p) = raw.names {
        let re = anchored(&p, "names")?;
        tests.push(Test::Names(p, re));
    }
    for (bounds, make) in [
        (raw.bytes, Test::Bytes as fn(Bounds) -> Test),
        (raw.length, Test::Length as fn(Bounds) -> Test),
        (raw.range, Test::Range as fn(Bounds) -> Test),
        (raw.depth, Test::Depth as fn(Bounds) -> Test),
    ] {
        if let Some(b) = bounds {
            if b.min.is_none() && b.max.is_none() {
                return Err("a bound needs `min` or `max`".into());
            }
            if let (Some(lo), Some(hi)) = (b.min, b.max)
                && lo > hi
            {
                return Err(format!("`min` {lo} is above `max` {hi}"));
            }
            tests.push(make(b));
        }
    }
    if let Some(l) = list(raw.values, "values")? {
        tests.push(Test::Values(l));
    }
    if let Some(o) = raw.not_after {
        tests.push(Test::NotAfter(o));
    }
    if let Some(d) = raw.distinct {
        tests.push(Test::Distinct(d));
    }
    if tests.len() != 1 {
        return Err(format!("a rule has exactly one test; this one has {}", tests.len()));
    }
    let test = tests.remove(0);
    match (&key, test.reads_object()) {
        (Some(_), true) => return Err("`key` is for tests of one member; this test reads the whole object".into()),
        (None, false) => return Err("this test reads one member: name it with `key`".into()),
        _ => {}
    }
    if raw.when.is_some() && key.is_none() {
        return Err("`when` compares `key`'s value: name `key`".into());
    }
    if matches!(at, Place::Query | Place::Path) && matches!(test, Test::Bytes(_) | Test::Distinct(_)) {
        return Err(
            "query and path values are strings: use `length` rather than `bytes`; `distinct` needs an array".into()
        );
    }
    let error = match raw.severity {
        RuleSeverity::Fatal => {
            let row = raw.error.unwrap_or_else(|| "bad_request".into());
            if table.row(&row).is_none() {
                return Err(format!("`error = \"{row}\"` is not a row of the error table"));
            }
            row
        }
        _ if raw.error.is_some() => return Err("only fatal rules name an error row".into()),
        _ => raw.id.clone(),
    };
    for (lang, s) in [("en", &raw.says.en), ("ko", &raw.says.ko)] {
        if s.trim().is_empty() {
            return Err(format!("`says.{lang}` is empty"));
        }
        if let Some(w) = placeholders(s).find(|w| !WORDS.contains(w)) {
            return Err(format!("`says.{lang}` uses {{{w}}}, which is not one of {{{}}}", WORDS.join("}, {")));
        }
    }
    Ok(DocRule {
        id: raw.id,
        endpoints: raw.endpoints,
        at,
        key,
        test,
        when: raw.when,
        severity: raw.severity,
        error,
        says: raw.says,
        breaks: raw.breaks.unwrap_or_default(),
        file: file.to_string(),
    })
}

/// `p` compiled to match whole strings only (a rule's pattern is about the whole value or name).
fn anchored(p: &str, field: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(&format!("^(?:{p})$")).map_err(|e| format!("`{field}`: {e}"))
}

/// The `{word}`s of a sentence (`{{` and `}}` are literal braces).
fn placeholders(s: &str) -> impl Iterator<Item = &str> {
    let unescaped = s.replace("{{", "  ").replace("}}", "  ");
    let words: Vec<(usize, usize)> = unescaped
        .match_indices('{')
        .filter_map(|(i, _)| unescaped[i + 1..].find('}').map(|n| (i + 1, i + 1 + n)))
        .collect();
    words.into_iter().map(move |(a, b)| &s[a..b])
}

fn place(at: &str) -> Result<Place, String> {
    match at.trim() {
        "?" => Ok(Place::Query),
        "{}" => Ok(Place::Path),
        "" => Ok(Place::Body(Vec::new())),
        path => path.split('.').map(step).collect::<Result<Vec<_>, _>>().map(Place::Body),
    }
}

/// `key`, `key[]` (each object of the array) or `key[N]` (its item N).
fn step(s: &str) -> Result<Step, String> {
    if let Some((key, rest)) = s.split_once('[')
        && let Some(n) = rest.strip_suffix(']').filter(|n| !n.is_empty())
    {
        let index = n.parse::<usize>().map_err(|_| format!("`{s}`: the index must be a number"))?;
        let m = member(key)?;
        return Ok(Step { key: m.name, each: false, index: Some(index) });
    }
    member(s).map(|m| Step { key: m.name, each: m.each, index: None })
}

fn member(s: &str) -> Result<Member, String> {
    let (name, each) = match s.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (s, false),
    };
    if name.is_empty() || name.contains(['[', ']', '.', ' ']) {
        return Err(format!("`{s}` is not a member name (`name` or `name[]`)"));
    }
    Ok(Member { name: name.to_string(), each })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleBook, String> {
        RuleBook::load(&[("t.toml", text)], super::super::endpoints(), super::super::errors())
            .map_err(|e| e.to_string())
    }

    const OK: &str = r#"
[[rule]]
id = "one_identifier"
endpoints = ["POST /users/track"]
at = "attributes[]"
exactly_one = ["external_id", "braze_id"]
says = { en = "Name one of {keys}; found {found}.", ko = "{keys} 중 하나만: {found}." }
breaks = { set = { "/attributes/0/braze_id" = "b" } }
"#;

    #[test]
    fn a_rule_loads_with_its_place_and_index() {
        let book = load(OK).unwrap();
        let r = book.for_endpoint("POST /users/track").next().unwrap();
        assert_eq!(r.at, Place::Body(vec![Step { key: "attributes".into(), each: true, index: None }]));
        assert_eq!(step("fields[0]"), Ok(Step { key: "fields".into(), each: false, index: Some(0) }));
        assert!(step("fields[x]").is_err());
        assert_eq!((r.error.as_str(), r.severity), ("bad_request", RuleSeverity::Fatal));
        assert_eq!(r.breaks.set.len(), 1);
        assert_eq!(book.for_endpoint("POST /messages/send").count(), 0);
    }

    #[test]
    fn mistakes_are_refused_with_the_file_and_the_rule() {
        let says = |from: &str, to: &str, what: &str| {
            let err = load(&OK.replace(from, to)).expect_err(to);
            assert!(err.contains("t.toml: rule `") && err.contains(what), "{to}: {err}");
        };
        says("POST /users/track", "POST /users/trak", "not a catalog endpoint");
        says("exactly_one = [\"external_id\", \"braze_id\"]", "exactly_one = []", "is empty");
        says("exactly_one", "format = \"email\"\nexactly_one", "exactly one test");
        says("exactly_one = [\"external_id\", \"braze_id\"]", "format = \"email\"", "name it with `key`");
        says("at = \"attributes[]\"", "at = \"attributes[]\"\nkey = \"x\"", "reads the whole object");
        says("{found}.\"", "{fund}.\"", "{fund}");
        says("one_identifier", "One-Identifier", "snake_case");
        says("exactly_one", "error = \"no_such_row\"\nexactly_one", "not a row");
        says("exactly_one", "severity = \"hint\"\nerror = \"bad_request\"\nexactly_one", "only fatal");
        says("exactly_one = [\"external_id\", \"braze_id\"]", "key = \"x\"\nlength = {}", "`min` or `max`");
        says("exactly_one = [\"external_id\", \"braze_id\"]", "key = \"x\"\npattern = \"(\"", "`pattern`");
        let twice = format!("{OK}\n{OK}");
        assert!(load(&twice).unwrap_err().contains("defined twice"));
        assert!(load(&OK.replace("exactly_one", "exactly_ones")).unwrap_err().contains("unknown field"));
    }
}
