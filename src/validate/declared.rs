//! The documented rules of `assets/rules/` ([`crate::catalog::rules`]): one interpreter for the whole vocabulary
//! (exactly one of, at most one of, requires, forbids, format, pattern, byte size, length, range, …), so an
//! endpoint's rules are data and no endpoint has code of its own here. The mock runs the same checks through
//! [`super::check`] and answers a fatal one with its row.
//!
//! Bounded: at most [`MAX_OBJECTS`] objects per rule are visited, and the sink caps findings per error.

use serde_json::{Map, Value};

use super::locate::join;
use super::text::BodyText;
use super::{Severity, Sink};
use crate::catalog::{self, Bounds, DocRule, Endpoint, Format, Place, PlaceTree, RuleBook, RuleSeverity, Test};
use crate::i18n::{Lang, Table as _, fill};
use crate::when::{self, When};

/// Objects one rule visits at most (a 1 MiB body of small items has ~20,000).
const MAX_OBJECTS: usize = 50_000;

/// Members up to which an object is read member by member rather than searched per step.
const SMALL_OBJECT: usize = 16;

/// The body's rules of `e`. The endpoint's places form a tree ([`PlaceTree`]), walked once depth first: places
/// that share a prefix (`messages`, `audience.OR[]`) share the walk to it, places under keys the body lacks are
/// never entered, and an object's pointer is made only for a finding (ids are checked on every keystroke).
pub(crate) fn body(e: &Endpoint, root: &Map<String, Value>, sink: &mut Sink) {
    let book = catalog::rules();
    let Some(tree) = book.body_tree(e.key()) else { return };
    let mut walk = Walk { book, tree, lang: sink.lang, path: Vec::new(), visits: vec![0; tree.nodes.len()] };
    walk.visit(0, root, sink);
}

/// One depth-first walk of a body along an endpoint's place tree.
struct Walk<'a> {
    book: &'a RuleBook,
    tree: &'a PlaceTree,
    lang: Lang,
    /// The steps from the body to the object being visited.
    path: Vec<Seg<'a>>,
    /// Objects visited per node, bounded by [`MAX_OBJECTS`].
    visits: Vec<usize>,
}

impl<'a> Walk<'a> {
    fn visit(&mut self, n: usize, obj: &'a Map<String, Value>, sink: &mut Sink) {
        let tree = self.tree;
        let node = &tree.nodes[n];
        for &i in &node.rules {
            apply(&self.book.rules[i], &Loc { path: &self.path }, obj, &Placing::Body, self.lang, sink);
        }
        if node.children.is_empty() {
            return;
        }
        // A small object is read member by member against the steps (a length check rules most out); a large one
        // is searched per step. Either way each step's member is found once.
        if obj.len() <= SMALL_OBJECT {
            for (key, value) in obj {
                for &c in &node.children {
                    if tree.nodes[c].step.as_ref().is_some_and(|s| s.key == *key) {
                        self.descend(c, key, value, sink);
                    }
                }
            }
        } else {
            for &c in &node.children {
                let Some(step) = &tree.nodes[c].step else { continue };
                if let Some((key, value)) = obj.get_key_value(&step.key) {
                    self.descend(c, key, value, sink);
                }
            }
        }
    }

    /// Into `value`, the member `key` that child `c`'s step names: its objects, as the step says.
    fn descend(&mut self, c: usize, key: &'a str, value: &'a Value, sink: &mut Sink) {
        let tree = self.tree;
        let Some(step) = &tree.nodes[c].step else { return };
        match value {
            Value::Array(items) if step.each || step.index.is_some() => {
                let range = match step.index {
                    Some(i) => i..(i + 1).min(items.len()),
                    None => 0..items.len(),
                };
                self.path.push(Seg::Key(key));
                for i in range {
                    if let Some(Value::Object(m)) = items.get(i) {
                        self.enter(c, Seg::Index(i), m, sink);
                    }
                }
                self.path.pop();
            }
            Value::Object(m) if !step.each && step.index.is_none() => self.enter(c, Seg::Key(key), m, sink),
            _ => {}
        }
    }

    fn enter(&mut self, n: usize, seg: Seg<'a>, obj: &'a Map<String, Value>, sink: &mut Sink) {
        if self.visits[n] >= MAX_OBJECTS {
            return;
        }
        self.visits[n] += 1;
        self.path.push(seg);
        self.visit(n, obj, sink);
        self.path.pop();
    }
}

/// One step of a path in the body.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where an object is; its JSON pointer is built only when a finding needs it.
struct Loc<'x, 'a> {
    path: &'x [Seg<'a>],
}

impl Loc<'_, '_> {
    fn ptr(&self) -> String {
        self.path.iter().fold(String::new(), |acc, s| match s {
            Seg::Key(k) => join(&acc, k),
            Seg::Index(i) => join(&acc, &i.to_string()),
        })
    }
}

/// The query's rules of `e`: `given` as decoded pairs, `from_body` the parameters that came from a JSON body
/// (pointed at there; the others at the start).
pub(crate) fn query(e: &Endpoint, given: &[(String, String)], from_body: &[&String], sink: &mut Sink) {
    let lang = sink.lang;
    let mut rules = catalog::rules().for_line(e.key(), &Place::Query).peekable();
    if rules.peek().is_none() {
        return;
    }
    let obj = as_object(given.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.as_str(), v.as_str())));
    let placing = Placing::Query(from_body.iter().map(|k| k.to_string()).collect());
    for rule in rules {
        apply(rule, &Loc { path: &[] }, &obj, &placing, lang, sink);
    }
}

/// The path parameters' rules of `e`: `params` as (name, value as typed).
pub(crate) fn path(e: &Endpoint, params: &[(&str, &str)], sink: &mut Sink) {
    let lang = sink.lang;
    let mut rules = catalog::rules().for_line(e.key(), &Place::Path).peekable();
    if rules.peek().is_none() {
        return;
    }
    let decoded: Vec<(&str, String)> = params
        .iter()
        .map(|(k, v)| (*k, percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned()))
        .collect();
    let obj = as_object(decoded.iter().map(|(k, v)| (*k, v.as_str())));
    for rule in rules {
        apply(rule, &Loc { path: &[] }, &obj, &Placing::Path, lang, sink);
    }
}

fn as_object<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Map<String, Value> {
    let mut m = Map::new();
    for (k, v) in pairs {
        // A repeated parameter: the first value is the one checked (the repetition is reported by query.rs).
        m.entry(k.to_string()).or_insert_with(|| Value::String(v.to_string()));
    }
    m
}

/// How a finding of a member is placed in the text.
enum Placing {
    /// At the pointer in the body.
    Body,
    /// In the query: members that came from the body at their key there, the others at the start.
    Query(Vec<String>),
    /// In the path line: at the start.
    Path,
}

/// The values a sentence is filled with.
#[derive(Default)]
struct Words {
    key: String,
    keys: String,
    found: String,
    value: String,
    size: String,
    other: String,
}

fn present<'a>(obj: &'a Map<String, Value>, keys: &'a [String]) -> Vec<&'a String> {
    keys.iter().filter(|k| obj.get(k.as_str()).is_some_and(|v| !v.is_null())).collect()
}

fn listed(keys: &[&String]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

fn apply(rule: &DocRule, at: &Loc, obj: &Map<String, Value>, placing: &Placing, lang: Lang, sink: &mut Sink) {
    let all = |l: &[String]| listed(&l.iter().collect::<Vec<_>>());
    match &rule.test {
        Test::ExactlyOne(keys) | Test::AtMostOne(keys) | Test::AtLeastOne(keys) => {
            // Counted without allocating: the lists are built only for a finding.
            let n = keys.iter().filter(|k| obj.get(k.as_str()).is_some_and(|v| !v.is_null())).count();
            let bad = match rule.test {
                Test::ExactlyOne(_) => n != 1,
                Test::AtMostOne(_) => n > 1,
                _ => n == 0,
            };
            if bad {
                let found = present(obj, keys);
                let words = Words { keys: all(keys), found: found_words(&found, lang), ..Words::default() };
                match found.get(1) {
                    Some(second) => report(rule, &join(&at.ptr(), second), true, placing, &words, lang, sink),
                    None => report(rule, &at.ptr(), false, placing, &words, lang, sink),
                }
            }
        }
        Test::Only(keys) => {
            for k in obj.keys().filter(|k| !keys.contains(k)) {
                let words = Words { key: k.clone(), keys: all(keys), ..Words::default() };
                report(rule, &join(&at.ptr(), k), true, placing, &words, lang, sink);
            }
        }
        Test::Names(_, re) => {
            for k in obj.keys().filter(|k| !re.is_match(k)) {
                let words = Words { key: k.clone(), ..Words::default() };
                report(rule, &join(&at.ptr(), k), true, placing, &words, lang, sink);
            }
        }
        Test::Required(keys) => {
            if keys.iter().all(|k| obj.get(k.as_str()).is_some_and(|v| !v.is_null())) {
                return;
            }
            let missing: Vec<&String> =
                keys.iter().filter(|k| obj.get(k.as_str()).is_none_or(Value::is_null)).collect();
            let found = present(obj, keys);
            let words = Words { keys: listed(&missing), found: found_words(&found, lang), ..Words::default() };
            report(rule, &at.ptr(), false, placing, &words, lang, sink);
        }
        _ => {
            let Some(member) = &rule.key else { return };
            member_test(rule, &member.name, member.each, at, obj, placing, lang, sink);
        }
    }
}

fn found_words(found: &[&String], lang: Lang) -> String {
    if found.is_empty() { BodyText::get(lang).rule_found_none.to_string() } else { listed(found) }
}

#[allow(clippy::too_many_arguments)] // the finding's whole context; a struct would only rename these
fn member_test(
    rule: &DocRule,
    name: &str,
    each: bool,
    at: &Loc,
    obj: &Map<String, Value>,
    placing: &Placing,
    lang: Lang,
    sink: &mut Sink,
) {
    if name == "*" {
        for name in obj.keys() {
            member_test(rule, name, each, at, obj, placing, lang, sink);
        }
        return;
    }
    let Some(value) = obj.get(name).filter(|v| !v.is_null()) else { return };
    if rule.when.as_ref().is_some_and(|w| w != value) {
        return;
    }
    let pointer = || join(&at.ptr(), name);
    // A value the type checks already refused (a string where an array belongs) is not measured as well.
    if sink.has_any() && sink.has(&pointer()) {
        return;
    }
    let key = name;
    match &rule.test {
        Test::Requires(keys) => {
            let missing: Vec<&String> =
                keys.iter().filter(|k| obj.get(k.as_str()).is_none_or(Value::is_null)).collect();
            if !missing.is_empty() {
                let words = Words { key: key.to_string(), keys: listed(&missing), ..Words::default() };
                report(rule, &pointer(), true, placing, &words, lang, sink);
            }
        }
        Test::Forbids(keys) => {
            for other in present(obj, keys) {
                let words =
                    Words { key: key.to_string(), other: other.clone(), keys: listed(&[other]), ..Words::default() };
                report(rule, &join(&at.ptr(), other), true, placing, &words, lang, sink);
            }
        }
        Test::Distinct(inner) => {
            let Value::Array(items) = value else { return };
            let mut seen = std::collections::HashSet::new();
            for (i, item) in items.iter().enumerate().take(MAX_OBJECTS) {
                let v = if inner.is_empty() { Some(item) } else { item.get(inner.as_str()) };
                let Some(v) = v.filter(|v| !v.is_null()) else { continue };
                if !seen.insert(v.to_string()) {
                    let item_ptr = join(&pointer(), &i.to_string());
                    let p = if inner.is_empty() { item_ptr } else { join(&item_ptr, inner) };
                    let words =
                        Words { key: key.to_string(), other: inner.clone(), value: shorten(v), ..Words::default() };
                    report(rule, &p, false, placing, &words, lang, sink);
                }
            }
        }
        _ if each => {
            let Value::Array(items) = value else { return };
            for (i, item) in items.iter().enumerate().take(MAX_OBJECTS) {
                if !item.is_null() {
                    let at_item = || join(&pointer(), &i.to_string());
                    one_value(rule, key, item, &at_item, obj, placing, lang, sink);
                }
            }
        }
        _ => one_value(rule, key, value, &pointer, obj, placing, lang, sink),
    }
}

#[allow(clippy::too_many_arguments)] // the finding's whole context; a struct would only rename these
fn one_value(
    rule: &DocRule,
    key: &str,
    v: &Value,
    pointer: &dyn Fn() -> String,
    obj: &Map<String, Value>,
    placing: &Placing,
    lang: Lang,
    sink: &mut Sink,
) {
    // What was measured, and the other member named; the sentence's words are made only for a finding.
    let mut size = None;
    let mut other_key = None;
    let broken = match &rule.test {
        Test::Format(f) => match v.as_str() {
            Some(s) => match format(*f, s) {
                Checked::Fine => false,
                Checked::Broken => true,
                Checked::Lenient(strict) => {
                    let t = BodyText::get(lang);
                    let value = shorten(v);
                    let msg = fill(t.rule_strict_form, &[("key", &key), ("value", &value), ("strict", &strict)]);
                    place(sink, Severity::Hint, "strict_form", &pointer(), false, placing, msg);
                    false
                }
                Checked::NoSuchDate => {
                    // The rule's own sentence says "must be a date"; the value is one in form, so say what is wrong.
                    let words = BodyText::get(lang).rule_no_such_date;
                    let msg = fill(words, &[("key", &key), ("value", &shorten(v))]);
                    place(sink, severity(rule), &rule.error, &pointer(), false, placing, msg).by_rule(&rule.id);
                    false
                }
            },
            None => false,
        },
        Test::Pattern(_, re) => v.as_str().is_some_and(|s| !re.is_match(s)),
        Test::Bytes(b) => {
            let n = match v {
                Value::String(s) => s.len(),
                other => json_len(other),
            };
            size = Some(n);
            outside(n as f64, b)
        }
        Test::Length(b) => {
            let n = match v {
                Value::String(s) => s.chars().count(),
                Value::Array(a) => a.len(),
                Value::Object(m) => m.len(),
                _ => return,
            };
            size = Some(n);
            outside(n as f64, b)
        }
        Test::Range(b) => {
            let n = match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            n.is_some_and(|n| outside(n, b))
        }
        Test::Values(list) => v.as_str().is_some_and(|s| !list.iter().any(|x| x == s)),
        Test::Depth(b) => {
            let n = depth(v, 0);
            size = Some(n);
            outside(n as f64, b)
        }
        Test::NotAfter(other) => {
            other_key = Some(other.clone());
            let end = obj.get(other.as_str()).and_then(Value::as_str).and_then(instant);
            let start = v.as_str().and_then(instant);
            matches!((start, end), (Some(s), Some(e)) if s > e)
        }
        _ => false,
    };
    if broken {
        let words = Words {
            key: key.to_string(),
            value: shorten(v),
            size: size.map(|n| n.to_string()).unwrap_or_default(),
            other: other_key.unwrap_or_default(),
            ..Words::default()
        };
        report(rule, &pointer(), false, placing, &words, lang, sink);
    }
}

/// What a format check found.
enum Checked {
    Fine,
    Broken,
    /// Accepted as Braze accepts it; the strict form is this.
    Lenient(String),
    /// Written as a date, but no such date exists (`2030-02-30`): broken, said as such.
    NoSuchDate,
}

fn format(f: Format, s: &str) -> Checked {
    let ok = match f {
        Format::E164 => {
            let digits = s.strip_prefix('+').unwrap_or("");
            (2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
        }
        Format::Email => email(s),
        Format::Url => url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some()),
        Format::Date if s.len() == 10 && when::no_such_date(s) => return Checked::NoSuchDate,
        Format::Date => when::date(s).is_some(),
        Format::DateTime => {
            return match when::parse(s) {
                Some((_, Some(strict))) => Checked::Lenient(strict),
                Some(_) if When::has_time(s) => Checked::Fine,
                None if When::has_time(s) && when::no_such_date(s) => Checked::NoSuchDate,
                _ => Checked::Broken,
            };
        }
    };
    if ok { Checked::Fine } else { Checked::Broken }
}

/// One `@`, a non-empty local part, a domain with a dot and no spaces: what Braze's pages call a valid address,
/// without guessing at the rest of RFC 5322.
fn email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

fn instant(s: &str) -> Option<jiff::Timestamp> {
    when::parse(s).and_then(|(w, _)| w.instant())
}

/// How deeply `v` nests (a scalar 0, `{}` 1); counting stops past 1,000, far beyond any documented bound.
fn depth(v: &Value, at: usize) -> usize {
    if at > 1000 {
        return at;
    }
    match v {
        Value::Array(a) => 1 + a.iter().map(|x| depth(x, at + 1)).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(|x| depth(x, at + 1)).max().unwrap_or(0),
        _ => 0,
    }
}

fn outside(n: f64, b: &Bounds) -> bool {
    b.min.is_some_and(|lo| n < lo) || b.max.is_some_and(|hi| n > hi)
}

/// Compact JSON's length, without building the text.
fn json_len(v: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = serde_json::to_writer(&mut c, v);
    c.0
}

/// A value for a sentence: strings as they are, anything else as JSON, at most 40 characters, no control characters.
fn shorten(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[… {} items]", a.len()),
        Value::Object(m) => format!("{{… {} members}}", m.len()),
        other => other.to_string(),
    };
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    match clean.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &clean[..i]),
        None => clean,
    }
}

fn severity(rule: &DocRule) -> Severity {
    match rule.severity {
        RuleSeverity::Fatal => Severity::Fatal,
        RuleSeverity::Minor => Severity::Minor,
        RuleSeverity::Hint => Severity::Hint,
    }
}

fn report(rule: &DocRule, pointer: &str, key: bool, placing: &Placing, w: &Words, lang: Lang, sink: &mut Sink) {
    let (min, max) = bounds(&rule.test);
    let msg = fill(
        rule.says.get(lang),
        &[
            ("key", &w.key),
            ("keys", &w.keys),
            ("found", &w.found),
            ("value", &w.value),
            ("size", &w.size),
            ("min", &min),
            ("max", &max),
            ("other", &w.other),
        ],
    );
    place(sink, severity(rule), &rule.error, pointer, key, placing, msg).by_rule(&rule.id);
}

fn bounds(t: &Test) -> (String, String) {
    let show = |x: Option<f64>| x.map(|n| if n.fract() == 0.0 { format!("{}", n as i64) } else { n.to_string() });
    match t {
        Test::Bytes(b) | Test::Length(b) | Test::Range(b) | Test::Depth(b) => {
            (show(b.min).unwrap_or_default(), show(b.max).unwrap_or_default())
        }
        _ => (String::new(), String::new()),
    }
}

fn place<'s>(
    sink: &'s mut Sink,
    severity: Severity,
    error: &str,
    pointer: &str,
    key: bool,
    placing: &Placing,
    msg: String,
) -> &'s mut super::Finding {
    match placing {
        Placing::Body => {
            let f = sink.push(severity, error, pointer, msg);
            if key { f.at_key() } else { f }
        }
        Placing::Query(from_body) => {
            let name = pointer.trim_start_matches('/');
            if from_body.iter().any(|k| k == name) {
                sink.push(severity, error, pointer, msg)
            } else {
                sink.push(severity, error, "", msg).on_path_line(super::Area::Query)
            }
        }
        Placing::Path => sink.push(severity, error, "", msg).on_path_line(super::Area::Path),
    }
}
