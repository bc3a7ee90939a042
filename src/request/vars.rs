//! Variables of saved requests: `{{name}}` in the path, query, headers and body of a [`RequestFile`], with values
//! from three layers, weakest first: the collection (`variables.toml` in its root folder), the environment
//! (`[environment.NAME.variables]` in the config file) and the command line (`--var name=value`).
//!
//! A name matches `[A-Za-z_][A-Za-z0-9_.-]*` and stands right inside the braces. Only names some layer defines are
//! replaced: Braze's Liquid (`{{${first_name}}}`, `{{ first_name }}`, `{% … %}`), Postman's dynamic values
//! (`{{$guid}}`) and names no layer defines pass untouched. An undefined name where Braze needs a real value (the
//! path, the query, a header, a body string that is an id) is reported with its place; in message content it is
//! Liquid's business and passes silently.
//!
//! Core: pure and synchronous. A `value_env` names a process variable: the caller reads it and hands it in
//! ([`bind`] takes a lookup function), so nothing here touches the environment.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use super::RequestFile;
use super::query::{pairs_of, percent_encode};

/// Whether `s` is a variable name: `[A-Za-z_][A-Za-z0-9_.-]*`.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The words that make a name a secret's. They are what credentials are called (an API key, an access token, a
/// password, a client secret), so `api_key`, `CustomerToken` and `smtp_password` are masked without a
/// declaration. Matching leans wide on purpose: a false match only masks a value and keeps it out of the history,
/// while a miss would store a credential.
const SECRET_WORDS: &[&str] = &["key", "token", "password", "passwd", "secret"];

/// Whether a variable of this name holds a secret by its name alone (any case).
pub fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// Where a variable's value comes from, as a variables table writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VarSource {
    /// `name = "…"` or `name = { value = "…" }`.
    Value(String),
    /// `name = { value_env = "VAR" }`: the process variable `VAR`, read when the variables are bound.
    Env(String),
}

/// One variable as a variables table declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarDef {
    pub source: VarSource,
    /// Declared `secret = true`. A name that [`looks_secret`] is secret either way.
    pub secret: bool,
}

/// A variables table that cannot be read. The messages name the variable and never quote a value (it may be a
/// secret written in the wrong place).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VarError {
    #[error(
        "variable {name:?}: not a variable name (letters, digits, `_`, `.` and `-`, starting with a letter or `_`)"
    )]
    BadName { name: String },
    #[error(
        "variable {name}: a value is a string, or a table such as {{ value = \"…\" }} or \
         {{ value_env = \"VARIABLE\", secret = true }}; this is {found}"
    )]
    WrongType { name: String, found: &'static str },
    #[error("variable {name}: unknown key `{key}` (a variable takes value, value_env and secret)")]
    UnknownKey { name: String, key: String },
    #[error("variable {name}: give exactly one of value and value_env")]
    OneSource { name: String },
    #[error("variable {name}: `{key}` must be {want}")]
    KeyType { name: String, key: &'static str, want: &'static str },
    #[error(
        "variable {name}: value_env names the process variable that holds the value (letters, digits and _, not \
         starting with a digit)"
    )]
    BadEnvName { name: String },
    #[error("--var {arg:?}: expected NAME=VALUE")]
    FlagNoEquals { arg: String },
    #[error("--var {name:?}: not a variable name (letters, digits, `_`, `.` and `-`, starting with a letter or `_`)")]
    FlagBadName { name: String },
}

fn toml_type(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "a number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

/// The variables of a table (`variables.toml`, or `[environment.NAME.variables]`).
pub fn parse_table(table: &toml::Table) -> Result<BTreeMap<String, VarDef>, VarError> {
    let mut out = BTreeMap::new();
    for (name, value) in table {
        if !is_name(name) {
            return Err(VarError::BadName { name: name.clone() });
        }
        let def = match value {
            toml::Value::String(s) => VarDef { source: VarSource::Value(s.clone()), secret: false },
            toml::Value::Table(t) => parse_one(name, t)?,
            other => return Err(VarError::WrongType { name: name.clone(), found: toml_type(other) }),
        };
        out.insert(name.clone(), def);
    }
    Ok(out)
}

fn parse_one(name: &str, t: &toml::Table) -> Result<VarDef, VarError> {
    let (mut value, mut value_env, mut secret) = (None, None, false);
    let key_type = |key, want| VarError::KeyType { name: name.to_string(), key, want };
    for (key, v) in t {
        match (key.as_str(), v) {
            ("value", toml::Value::String(s)) => value = Some(s.clone()),
            ("value", _) => return Err(key_type("value", "a string")),
            ("value_env", toml::Value::String(s)) => value_env = Some(s.clone()),
            ("value_env", _) => return Err(key_type("value_env", "a string")),
            ("secret", toml::Value::Boolean(b)) => secret = *b,
            ("secret", _) => return Err(key_type("secret", "true or false")),
            (other, _) => return Err(VarError::UnknownKey { name: name.to_string(), key: other.to_string() }),
        }
    }
    let source = match (value, value_env) {
        (Some(v), None) => VarSource::Value(v),
        (None, Some(var)) if crate::text::is_variable_name(&var) => VarSource::Env(var),
        (None, Some(_)) => return Err(VarError::BadEnvName { name: name.to_string() }),
        _ => return Err(VarError::OneSource { name: name.to_string() }),
    };
    Ok(VarDef { source, secret })
}

/// `--var NAME=VALUE` as a pair.
pub fn parse_flag(arg: &str) -> Result<(String, String), VarError> {
    let (name, value) = arg.split_once('=').ok_or_else(|| VarError::FlagNoEquals { arg: arg.to_string() })?;
    if !is_name(name) {
        return Err(VarError::FlagBadName { name: name.to_string() });
    }
    Ok((name.to_string(), value.to_string()))
}

/// Where a variable's value came from, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// `variables.toml` of the request's collection.
    Collection,
    /// `[environment.NAME.variables]` of the config file.
    Environment,
    /// `--var name=value`.
    Flag,
}

/// A variable's value, or the process variable that should have held it.
#[derive(Clone, PartialEq, Eq)]
pub enum Bound {
    Value(String),
    /// `value_env` names a process variable that is not set: an error only when the variable is used.
    Unset {
        var: String,
    },
}

/// One variable with its value, ready to substitute.
#[derive(Clone, PartialEq, Eq)]
pub struct Binding {
    pub value: Bound,
    pub secret: bool,
    pub layer: Layer,
    /// The process variable `value_env` named, when the value comes from one.
    pub var: Option<String>,
}

impl Binding {
    /// The value as shown to a person: masked when secret.
    pub fn shown(&self) -> String {
        match &self.value {
            Bound::Value(v) if self.secret => mask(v),
            Bound::Value(v) => v.clone(),
            Bound::Unset { var } => format!("${var} (not set)"),
        }
    }
}

/// A secret as brazen shows one (the API key's way): the first and last four characters of a value of ten or
/// more, `…` for a shorter one.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 10 {
        return "…".to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

impl fmt::Debug for Bound {
    /// Never the value itself: it may be a secret's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Value(v) => write!(f, "Value({} bytes)", v.len()),
            Bound::Unset { var } => write!(f, "Unset(${var})"),
        }
    }
}

impl fmt::Debug for Binding {
    /// Never the value of a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Binding")
            .field("value", &self.shown())
            .field("secret", &self.secret)
            .field("layer", &self.layer)
            .finish()
    }
}

/// The bindings of a parsed table, each `value_env` looked up with `var` (the process environment, or a test's).
pub fn bind(
    defs: &BTreeMap<String, VarDef>,
    layer: Layer,
    var: &dyn Fn(&str) -> Option<String>,
) -> BTreeMap<String, Binding> {
    defs.iter()
        .map(|(name, d)| {
            let (value, from) = match &d.source {
                VarSource::Value(v) => (Bound::Value(v.clone()), None),
                VarSource::Env(v) => (var(v).map_or_else(|| Bound::Unset { var: v.clone() }, Bound::Value), Some(v)),
            };
            (name.clone(), Binding { value, secret: d.secret || looks_secret(name), layer, var: from.cloned() })
        })
        .collect()
}

/// The variables in effect: each layer added over the ones before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variables {
    map: BTreeMap<String, Binding>,
}

impl Variables {
    pub fn new() -> Variables {
        Variables::default()
    }

    /// Adds a layer: its names win over those already there. A name declared secret in a weaker layer stays
    /// secret when a stronger one gives it a value (`--var api_token=…` is still a token).
    pub fn layer(&mut self, bindings: impl IntoIterator<Item = (String, Binding)>) -> &mut Variables {
        for (name, mut b) in bindings {
            if let Some(old) = self.map.get(&name) {
                b.secret |= old.secret;
            }
            self.map.insert(name, b);
        }
        self
    }

    /// Adds `--var` pairs as the strongest layer.
    pub fn flags(&mut self, pairs: &[(String, String)]) -> &mut Variables {
        let bindings = pairs.iter().map(|(name, value)| {
            let value = Bound::Value(value.clone());
            let b = Binding { value, secret: looks_secret(name), layer: Layer::Flag, var: None };
            (name.clone(), b)
        });
        self.layer(bindings.collect::<Vec<_>>())
    }

    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.map.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Binding)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The values of every secret variable that has one: what no output and no history may show.
    pub fn secret_values(&self) -> Vec<&str> {
        self.map
            .values()
            .filter(|b| b.secret)
            .filter_map(|b| match &b.value {
                Bound::Value(v) if !v.is_empty() => Some(v.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// One `{{name}}` in a text: the name, and the byte range of the whole reference, braces included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    pub name: &'a str,
    pub range: Range<usize>,
}

/// Every `{{name}}` of `text` whose name could be a variable, in order. `{{ spaced }}`, `{{$guid}}` and Liquid's
/// `{{${first_name}}}` are not references.
pub fn references(text: &str) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        let name_start = start + 2;
        let len = text[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            .count();
        let end = name_start + len;
        let name = &text[name_start..end];
        if is_name(name) && text[end..].starts_with("}}") {
            out.push(Reference { name, range: start..end + 2 });
            from = end + 2;
        } else {
            from = start + 1;
        }
    }
    out
}

/// `text` with every reference to a defined variable replaced by its value (`escape`d first, when given); the
/// rest untouched. Returns the text and the references replaced.
pub fn substitute<'t>(
    text: &'t str,
    vars: &Variables,
    mut escape: impl FnMut(&Reference<'t>, &str) -> String,
) -> Result<(String, Vec<Reference<'t>>), ResolveError> {
    let mut out = String::with_capacity(text.len());
    let mut replaced = Vec::new();
    let mut last = 0;
    for r in references(text) {
        let Some(b) = vars.get(r.name) else { continue };
        let value = match &b.value {
            Bound::Value(v) => v,
            Bound::Unset { var } => return Err(ResolveError::Unset { name: r.name.to_string(), var: var.clone() }),
        };
        out.push_str(&text[last..r.range.start]);
        out.push_str(&escape(&r, value));
        last = r.range.end;
        replaced.push(r);
    }
    out.push_str(&text[last..]);
    Ok((out, replaced))
}

/// A request that cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error(
        "the variable {{{{{name}}}}} takes its value from ${var} (value_env), which is not set; set it, or pass \
         --var {name}=VALUE"
    )]
    Unset { name: String, var: String },
}

/// Where an undefined reference stands in a request file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In the path, at this byte offset of it.
    Path { offset: usize },
    /// In the `index`th query item as written (`name=value`), at this byte offset of it.
    Query { index: usize, offset: usize },
    /// In the `index`th header's value, at this byte offset of it.
    Header { index: usize, offset: usize },
    /// In a body string that is an id (its JSON pointer), at this byte offset of the body.
    Body { offset: usize, pointer: String },
}

/// A reference no layer defines, where Braze needs a real value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undefined {
    pub name: String,
    pub place: Place,
}

/// A request file with its variables replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub request: RequestFile,
    /// The defined names used, in order of first use.
    pub used: Vec<String>,
    /// The secret variables used, with their values: what the history must not hold.
    pub secrets: Vec<(String, String)>,
    pub undefined: Vec<Undefined>,
    /// The body's replaced spans: (range in the original body, range in the resolved one), in order.
    body_spans: Vec<(Range<usize>, Range<usize>)>,
}

impl Resolved {
    /// The offset in the original body of byte `offset` of the resolved body: a place inside a replaced value is
    /// the start of its reference, so a diagnostic about a value points at the `{{name}}` that gave it.
    pub fn original_body_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for (orig, res) in &self.body_spans {
            if offset < res.start {
                break;
            }
            if offset < res.end {
                return orig.start;
            }
            shift = orig.end as isize - res.end as isize;
        }
        offset.saturating_add_signed(shift)
    }
}

/// Resolves every reference to a defined variable in `file`, and lists the undefined ones where Braze needs a real
/// value. A value inside a JSON string of the body is JSON-escaped (a `"` in it does not end the string); one
/// outside a string (`"count": {{n}}`) goes in as written. A query item with a reference is re-encoded from its
/// decoded name and value, so a value holding `&` or a space stays one value.
pub fn resolve(file: &RequestFile, vars: &Variables) -> Result<Resolved, ResolveError> {
    let mut used: Vec<String> = Vec::new();
    let mut undefined = Vec::new();
    let mut note = |refs: &[Reference<'_>]| {
        for r in refs {
            if !used.iter().any(|u| u == r.name) {
                used.push(r.name.to_string());
            }
        }
    };
    let mut request = file.clone();

    let (path, refs) = substitute(&file.path, vars, |_, v| v.to_string())?;
    note(&refs);
    request.path = path;
    undefined
        .extend(undefined_in(&file.path, vars).map(|(name, offset)| Undefined { name, place: Place::Path { offset } }));

    for (index, item) in file.query.iter().enumerate() {
        undefined.extend(
            undefined_in(item, vars).map(|(name, offset)| Undefined { name, place: Place::Query { index, offset } }),
        );
        if references(item).iter().all(|r| vars.get(r.name).is_none()) {
            continue;
        }
        let mut encoded = Vec::new();
        for (k, v) in pairs_of(item) {
            let (k, refs_k) = substitute(&k, vars, |_, v| v.to_string())?;
            let (v, refs_v) = substitute(&v, vars, |_, v| v.to_string())?;
            note(&refs_k);
            note(&refs_v);
            encoded.push(format!("{}={}", percent_encode(&k), percent_encode(&v)));
        }
        request.query[index] = encoded.join("&");
    }

    for (index, (_, value)) in file.headers.iter().enumerate() {
        let (resolved, refs) = substitute(value, vars, |_, v| v.to_string())?;
        note(&refs);
        request.headers[index].1 = resolved;
        undefined.extend(
            undefined_in(value, vars).map(|(name, offset)| Undefined { name, place: Place::Header { index, offset } }),
        );
    }

    let strings = if file.body.contains("{{") { json_strings(&file.body) } else { Vec::new() };
    let (body, refs) = substitute(&file.body, vars, |r, v| match enclosing(&strings, r.range.start) {
        Some(_) => json_escape(v),
        None => v.to_string(),
    })?;
    note(&refs);
    let mut body_spans = Vec::with_capacity(refs.len());
    let mut shift: isize = 0;
    for r in &refs {
        let len = match &vars.get(r.name).map(|b| &b.value) {
            Some(Bound::Value(v)) => match enclosing(&strings, r.range.start) {
                Some(_) => json_escape(v).len(),
                None => v.len(),
            },
            _ => r.range.len(),
        };
        let start = r.range.start.saturating_add_signed(shift);
        body_spans.push((r.range.clone(), start..start + len));
        shift += len as isize - r.range.len() as isize;
    }
    request.body = body;
    for (name, offset) in undefined_in(&file.body, vars) {
        if let Some(s) = enclosing(&strings, offset).filter(|s| s.id_field) {
            undefined.push(Undefined { name, place: Place::Body { offset, pointer: s.pointer.clone() } });
        }
    }

    let secrets = used
        .iter()
        .filter_map(|n| {
            let b = vars.get(n)?;
            match &b.value {
                Bound::Value(v) if b.secret && !v.is_empty() => Some((n.clone(), v.clone())),
                _ => None,
            }
        })
        .collect();
    Ok(Resolved { request, used, secrets, undefined, body_spans })
}

/// The references in `text` that no variable defines: (name, byte offset).
fn undefined_in<'a>(text: &'a str, vars: &'a Variables) -> impl Iterator<Item = (String, usize)> + 'a {
    references(text).into_iter().filter(|r| vars.get(r.name).is_none()).map(|r| (r.name.to_string(), r.range.start))
}

/// `s` as it stands inside a JSON string literal, without the quotes.
fn json_escape(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or_default().to_string()
}

/// A string literal of a JSON body: its range (quotes included), whether it is an id (the value, or an item of
/// the array that is the value, of a member named `id` or ending in `_id` or `_ids`), and its pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct JsonString {
    range: Range<usize>,
    id_field: bool,
    pointer: String,
}

fn id_like(key: &str) -> bool {
    key == "id" || key.ends_with("_id") || key.ends_with("_ids")
}

/// The string literal holding byte `offset`, if any (`strings` is in order and the literals do not overlap).
fn enclosing(strings: &[JsonString], offset: usize) -> Option<&JsonString> {
    let i = strings.partition_point(|s| s.range.start <= offset);
    strings[..i].last().filter(|s| offset < s.range.end)
}

enum Frame {
    /// An object: the member whose value comes next (or came last), and whether a key is expected.
    Object { key: Option<String>, expect_key: bool },
    /// An array: the item's index, and whether the array is an id member's value.
    Array { index: usize, ids: bool },
}

/// The string literals of a JSON text, skimmed leniently: a body being edited may be invalid, and a reference
/// outside a string (`"count": {{n}}`) is read as one value. Keys are included (never ids).
fn json_strings(text: &str) -> Vec<JsonString> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(b.len());
                let literal = &text[i..end];
                match stack.last_mut() {
                    Some(Frame::Object { key, expect_key: expect @ true }) => {
                        *key = Some(serde_json::from_str::<String>(literal).unwrap_or_else(|_| literal.to_string()));
                        *expect = false;
                        out.push(JsonString { range: i..end, id_field: false, pointer: String::new() });
                    }
                    top => {
                        let id_field = match top {
                            Some(Frame::Object { key: Some(k), .. }) => id_like(k),
                            Some(Frame::Array { ids, .. }) => *ids,
                            _ => false,
                        };
                        let pointer = if id_field { pointer_of(&stack) } else { String::new() };
                        out.push(JsonString { range: i..end, id_field, pointer });
                    }
                }
                i = end;
            }
            b'{' if b.get(i + 1) == Some(&b'{') => {
                // `{{name}}` where a value goes: one value, not two objects.
                i = text[i..].find("}}").map_or(b.len(), |e| i + e + 2);
            }
            b'{' => {
                stack.push(Frame::Object { key: None, expect_key: true });
                i += 1;
            }
            b'[' => {
                let ids = match stack.last() {
                    Some(Frame::Object { key: Some(k), .. }) => id_like(k),
                    Some(Frame::Array { ids, .. }) => *ids,
                    _ => false,
                };
                stack.push(Frame::Array { index: 0, ids });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key, expect_key }) => {
                        *key = None;
                        *expect_key = true;
                    }
                    Some(Frame::Array { index, .. }) => *index += 1,
                    None => {}
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The JSON pointer of the value the innermost frame is at.
fn pointer_of(stack: &[Frame]) -> String {
    let mut p = String::new();
    for f in stack {
        p.push('/');
        match f {
            Frame::Object { key, .. } => {
                p.push_str(&key.as_deref().unwrap_or("").replace('~', "~0").replace('/', "~1"))
            }
            Frame::Array { index, .. } => p.push_str(&index.to_string()),
        }
    }
    p
}

/// Where the parts of a request file are, to give a place in the file as a line and a column. Mirrors
/// [`RequestFile::parse`]; for a file that does not parse, everything is on line 1.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Byte offset of the path (after `METHOD `).
    pub path: usize,
    /// Byte offset of each query item as written, in order.
    pub query: Vec<usize>,
    /// Byte offset of each header's value.
    pub headers: Vec<usize>,
    /// Byte offset of the body.
    pub body: usize,
}

impl Layout {
    pub fn of(text: &str) -> Layout {
        let mut layout = Layout::default();
        let mut lines = Vec::new();
        let mut at = 0;
        for l in text.split('\n') {
            lines.push((at, l));
            at += l.len() + 1;
        }
        let mut it = lines.into_iter().skip_while(|(_, l)| l.starts_with('#')).peekable();
        let Some((start, line)) = it.next() else { return layout };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (method, target) = line.split_once(' ').unwrap_or((line, ""));
        layout.path = start + method.len() + 1;
        if let Some(q) = target.find('?') {
            items(&target[q + 1..], layout.path + q + 1, &mut layout.query);
        }
        while let Some((start, l)) = it.peek().copied() {
            let t = l.trim_start();
            if t.len() == l.len() || !(t.starts_with('?') || t.starts_with('&')) {
                break;
            }
            let first = start + (l.len() - t.len()) + 1;
            items(t.trim_end()[1..].trim_end_matches('\r'), first, &mut layout.query);
            it.next();
        }
        layout.body = text.len();
        for (start, l) in it.by_ref() {
            let l = l.strip_suffix('\r').unwrap_or(l);
            if l.is_empty() {
                layout.body = (start + l.len() + 1).min(text.len());
                break;
            }
            let colon = l.find(':').unwrap_or(l.len());
            let value = &l[(colon + 1).min(l.len())..];
            layout.headers.push(start + colon + 1 + (value.len() - value.trim_start().len()));
        }
        layout
    }

    /// The byte offset in the file of a place.
    pub fn offset(&self, place: &Place) -> usize {
        match place {
            Place::Path { offset } => self.path + offset,
            Place::Query { index, offset } => self.query.get(*index).map_or(self.path, |q| q + offset),
            Place::Header { index, offset } => self.headers.get(*index).map_or(self.path, |h| h + offset),
            Place::Body { offset, .. } => self.body + offset,
        }
    }
}

/// The offsets of the `&`-separated, non-empty items of `s`, which starts at `base`.
fn items(s: &str, base: usize, out: &mut Vec<usize>) {
    let mut at = 0;
    for part in s.split('&') {
        if !part.is_empty() {
            out.push(base + at);
        }
        at += part.len() + 1;
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The forms a secret's value takes in a recorded request: as written, JSON-escaped (in a body string), and
/// percent-encoded (in a URL, as a query value or a path parameter).
fn forms(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_string(), json_escape(value), percent_encode(value)];
    forms.push(url::form_urlencoded::byte_serialize(value.as_bytes()).collect());
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    forms
}

/// The recorded request with each secret's value replaced by `{{name}}`, in the URL, the headers and the body:
/// the history keeps the reference, and a replay resolves it again ([`resolve_recorded`]). Longer values first, so
/// a value holding another is replaced whole.
pub fn conceal(request: &mut crate::exchange::RequestRecord, secrets: &[(String, String)]) {
    let mut secrets: Vec<&(String, String)> = secrets.iter().filter(|(_, v)| !v.is_empty()).collect();
    secrets.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    for (name, value) in secrets {
        let reference = format!("{{{{{name}}}}}");
        for form in forms(value) {
            request.url = request.url.replace(&form, &reference);
            for (_, v) in request.headers.iter_mut() {
                *v = v.replace(&form, &reference);
            }
            request.body = request.body.replace(&form, &reference);
        }
    }
}

/// A recorded request's `{{name}}` of the `names` a send concealed, resolved again from `vars`: percent-encoded
/// in the path and query, as written in a header, JSON-escaped inside a body string. Other references are left as
/// recorded (they were sent that way). A name `vars` lacks is an error naming it.
pub fn resolve_recorded(
    req: &mut super::PreparedRequest,
    names: &[String],
    vars: &Variables,
) -> Result<(), UndefinedSecret> {
    let mut only = Variables::new();
    let mut secrets = Vec::new();
    for name in names {
        let b = vars.get(name).ok_or_else(|| UndefinedSecret { name: name.clone() })?;
        match &b.value {
            Bound::Value(v) => secrets.push((name.clone(), v.clone())),
            Bound::Unset { .. } => return Err(UndefinedSecret { name: name.clone() }),
        }
        only.layer([(name.clone(), b.clone())]);
    }
    // Still secrets: the record of this send keeps them as references too.
    req.secrets = Concealed(secrets);
    let unset = |e: ResolveError| match e {
        ResolveError::Unset { name, .. } => UndefinedSecret { name },
    };
    req.path_and_query = substitute(&req.path_and_query, &only, |_, v| percent_encode(v)).map_err(unset)?.0;
    for (_, v) in req.extra_headers.iter_mut() {
        *v = substitute(v, &only, |_, v| v.to_string()).map_err(unset)?.0;
    }
    if let Some(body) = &req.body {
        let strings = if body.contains("{{") { json_strings(body) } else { Vec::new() };
        let resolved = substitute(body, &only, |r, v| match enclosing(&strings, r.range.start) {
            Some(_) => json_escape(v),
            None => v.to_string(),
        })
        .map_err(unset)?
        .0;
        req.body = Some(resolved);
    }
    Ok(())
}

/// The secret variables a request was resolved with, as (name, value): the record of its send holds `{{name}}` in
/// place of each value ([`conceal`]). `Debug` shows the names only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Concealed(pub Vec<(String, String)>);

impl Concealed {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|(n, _)| n.clone()).collect()
    }

    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for Concealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(n, _)| n)).finish()
    }
}

/// A replay needs a secret variable the current environment does not give.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "it used the secret variable {{{{{name}}}}}, which the history keeps as a reference; the environment does not \
     define it: add it under [environment.NAME.variables] or pass --var {name}=VALUE"
)]
pub struct UndefinedSecret {
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        let mut v = Variables::new();
        v.flags(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>());
        v
    }

    fn table(text: &str) -> toml::Table {
        text.parse::<toml::Table>().unwrap()
    }

    #[test]
    fn references_are_found_with_their_byte_ranges() {
        let text = "a {{campaign_id}} b {{x.y-z}}{{_n1}}";
        let refs = references(text);
        let got: Vec<(&str, &str)> = refs.iter().map(|r| (r.name, &text[r.range.clone()])).collect();
        assert_eq!(got, [("campaign_id", "{{campaign_id}}"), ("x.y-z", "{{x.y-z}}"), ("_n1", "{{_n1}}")]);
        assert_eq!(refs[0].range, 2..17);
        // Korean text before a reference: ranges are bytes.
        let k = "안녕 {{name}}";
        assert_eq!(references(k)[0].range, 7..15);
    }

    #[test]
    fn liquid_dynamic_values_spaced_and_undefined_names_pass_untouched() {
        let text = "{{${first_name}}} {{$guid}} {{ spaced }} {% if x %}{{undefined}}{% endif %} {{1bad}} {{defined}}";
        assert_eq!(references(text).iter().map(|r| r.name).collect::<Vec<_>>(), ["undefined", "defined"]);
        let (out, replaced) = substitute(text, &vars(&[("defined", "D")]), |_, v| v.to_string()).unwrap();
        assert_eq!(out, "{{${first_name}}} {{$guid}} {{ spaced }} {% if x %}{{undefined}}{% endif %} {{1bad}} D");
        assert_eq!(replaced.len(), 1);
    }

    #[test]
    fn layers_go_collection_then_environment_then_flags() {
        let defs = parse_table(&table("a = \"coll\"\nb = \"coll\"\nc = \"coll\"\n")).unwrap();
        let env = parse_table(&table("b = \"env\"\nc = \"env\"\n")).unwrap();
        let none = |_: &str| None;
        let mut v = Variables::new();
        v.layer(bind(&defs, Layer::Collection, &none));
        v.layer(bind(&env, Layer::Environment, &none));
        v.flags(&[("c".into(), "flag".into())]);
        let value = |n: &str| match &v.get(n).unwrap().value {
            Bound::Value(s) => (s.clone(), v.get(n).unwrap().layer),
            Bound::Unset { .. } => unreachable!(),
        };
        assert_eq!(value("a"), ("coll".into(), Layer::Collection));
        assert_eq!(value("b"), ("env".into(), Layer::Environment));
        assert_eq!(value("c"), ("flag".into(), Layer::Flag));
        let file = RequestFile::parse("GET /campaigns/details?campaign_id={{a}}-{{b}}-{{c}}\n").unwrap();
        assert_eq!(resolve(&file, &v).unwrap().request.query, ["campaign_id=coll-env-flag"]);
    }

    #[test]
    fn tables_take_plain_values_value_tables_and_value_env() {
        let defs = parse_table(&table(
            "campaign_id = \"welcome-2026\"\napi_token = { value_env = \"CUSTOMER_TOKEN\", secret = true }\n\
             sender = { value = \"support@example.com\" }\n",
        ))
        .unwrap();
        assert_eq!(defs["campaign_id"], VarDef { source: VarSource::Value("welcome-2026".into()), secret: false });
        assert_eq!(defs["api_token"], VarDef { source: VarSource::Env("CUSTOMER_TOKEN".into()), secret: true });
        let set = |v: &str| (v == "CUSTOMER_TOKEN").then(|| "tok-0123456789".to_string());
        let bound = bind(&defs, Layer::Collection, &set);
        assert!(bound["api_token"].value == Bound::Value("tok-0123456789".into()));
        assert!(!format!("{:?}", bound["api_token"]).contains("0123456789"));
        let unset = bind(&defs, Layer::Collection, &|_| None);
        assert!(unset["api_token"].value == Bound::Unset { var: "CUSTOMER_TOKEN".into() });
    }

    #[test]
    fn bad_tables_name_the_variable_and_not_the_value() {
        let err = |t: &str| parse_table(&table(t)).unwrap_err();
        assert_eq!(err("n = 3"), VarError::WrongType { name: "n".into(), found: "a number" });
        assert!(matches!(err("n = { value = \"a\", value_env = \"B\" }"), VarError::OneSource { .. }));
        assert!(matches!(err("n = { secret = true }"), VarError::OneSource { .. }));
        let unknown = err("n = { valeu = \"s3cr3t-value\" }");
        assert!(unknown.to_string().contains("valeu") && !unknown.to_string().contains("s3cr3t"), "{unknown}");
        assert!(matches!(err("n = { value_env = \"not a var\" }"), VarError::BadEnvName { .. }));
        assert!(matches!(err("n = { value = \"a\", secret = \"yes\" }"), VarError::KeyType { key: "secret", .. }));
        assert!(matches!(err("\"1x\" = \"a\""), VarError::BadName { .. }));
        assert_eq!(parse_flag("a.b=x=y").unwrap(), ("a.b".into(), "x=y".into()));
        assert!(matches!(parse_flag("novalue"), Err(VarError::FlagNoEquals { .. })));
        assert!(matches!(parse_flag("bad name=v"), Err(VarError::FlagBadName { .. })));
    }

    #[test]
    fn secrets_are_declared_or_named_like_one() {
        for name in ["api_key", "CustomerToken", "smtp_PASSWORD", "client_secret", "KEY"] {
            assert!(looks_secret(name), "{name}");
        }
        for name in ["campaign_id", "sender", "external_id"] {
            assert!(!looks_secret(name), "{name}");
        }
        let defs = parse_table(&table("sender = { value = \"s\", secret = true }\nplain = \"p\"\n")).unwrap();
        let mut v = Variables::new();
        v.layer(bind(&defs, Layer::Collection, &|_| None));
        v.flags(&[("sender".into(), "override-value".into())]);
        assert!(v.get("sender").unwrap().secret, "a secret stays secret when a flag overrides it");
        assert!(!v.get("plain").unwrap().secret);
        assert_eq!(v.secret_values(), ["override-value"]);
    }

    const FILE: &str = "# A welcome.\nPOST /campaigns/{{campaign}}/send\n    ?trace={{trace}}\nX-Token: {{api_token}}\n\
                        X-Origin: {{origin}}\n\n{\n  \"campaign_id\": \"{{campaign}}\",\n  \"recipients\": [{\"external_user_id\": \"{{user}}\"}],\n  \"trigger_properties\": {\"greeting\": \"Hi {{first_name}}\", \"n\": {{count}}},\n  \"note\": \"{{quote}}\"\n}\n";

    #[test]
    fn a_request_file_is_resolved_in_every_part_and_json_strings_stay_strings() {
        let file = RequestFile::parse(FILE).unwrap();
        let v = vars(&[
            ("campaign", "c-1"),
            ("trace", "a&b c"),
            ("api_token", "tok-0123456789"),
            ("origin", "example.com"),
            ("user", "u-1"),
            ("count", "3"),
            ("quote", "say \"hi\""),
        ]);
        let r = resolve(&file, &v).unwrap();
        assert_eq!(r.request.path, "/campaigns/c-1/send");
        assert_eq!(r.request.query_pairs(), [("trace".to_string(), "a&b c".to_string())]);
        assert_eq!(r.request.headers[0].1, "tok-0123456789");
        let body: serde_json::Value = serde_json::from_str(&r.request.body).unwrap();
        assert_eq!(body["note"], "say \"hi\"");
        assert_eq!(body["trigger_properties"]["n"], 3);
        assert_eq!(body["trigger_properties"]["greeting"], "Hi {{first_name}}", "Liquid is left alone");
        assert_eq!(r.secrets, [("api_token".to_string(), "tok-0123456789".to_string())]);
        assert!(r.undefined.is_empty(), "{:?}", r.undefined);
        assert_eq!(r.used, ["campaign", "trace", "api_token", "origin", "user", "count", "quote"]);
    }

    #[test]
    fn undefined_names_are_reported_in_the_path_query_headers_and_id_fields_only() {
        let file = RequestFile::parse(FILE).unwrap();
        let r = resolve(&file, &vars(&[("count", "1"), ("quote", "q")])).unwrap();
        let layout = Layout::of(FILE);
        let at: Vec<(String, (usize, usize))> =
            r.undefined.iter().map(|u| (u.name.clone(), line_column(FILE, layout.offset(&u.place)))).collect();
        assert_eq!(
            at,
            [
                ("campaign".to_string(), (2, 17)),
                ("trace".to_string(), (3, 12)),
                ("api_token".to_string(), (4, 10)),
                ("origin".to_string(), (5, 11)),
                ("campaign".to_string(), (8, 19)),
                ("user".to_string(), (9, 40)),
            ]
        );
        let pointers: Vec<&str> = r
            .undefined
            .iter()
            .filter_map(|u| match &u.place {
                Place::Body { pointer, .. } => Some(pointer.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(pointers, ["/campaign_id", "/recipients/0/external_user_id"]);
        assert!(!r.undefined.iter().any(|u| u.name == "first_name"), "message content is Liquid's");
    }

    #[test]
    fn an_unset_value_env_is_an_error_only_when_used() {
        let defs = parse_table(&table("tok = { value_env = \"NOPE\" }\nother = \"o\"\n")).unwrap();
        let mut v = Variables::new();
        v.layer(bind(&defs, Layer::Environment, &|_| None));
        let fine = RequestFile::parse("GET /campaigns/list?page={{other}}\n").unwrap();
        assert!(resolve(&fine, &v).is_ok());
        let used = RequestFile::parse("GET /campaigns/list\nX-A: {{tok}}\n").unwrap();
        let e = resolve(&used, &v).unwrap_err();
        assert_eq!(e, ResolveError::Unset { name: "tok".into(), var: "NOPE".into() });
        assert!(e.to_string().contains("{{tok}}") && e.to_string().contains("$NOPE"), "{e}");
    }

    #[test]
    fn offsets_in_the_resolved_body_map_back_to_the_original() {
        let file = RequestFile::parse("POST /x\n\n{\"a\": \"{{long_name}}\", \"b\": 1, \"c\": \"{{s}}\"}").unwrap();
        let r = resolve(&file, &vars(&[("long_name", "v"), ("s", "a much longer value")])).unwrap();
        let (orig, res) = (&file.body, &r.request.body);
        let b_res = res.find("\"b\"").unwrap();
        assert_eq!(r.original_body_offset(b_res), orig.find("\"b\"").unwrap());
        // Inside a replaced value: the start of its reference.
        let inside = res.find("much").unwrap();
        assert_eq!(r.original_body_offset(inside), orig.find("{{s}}").unwrap());
        assert_eq!(r.original_body_offset(res.len()), orig.len());
    }

    #[test]
    fn a_concealed_record_holds_references_and_resolves_again() {
        let file = RequestFile::parse(
            "POST /users/track?k={{api_key}}\nX-Token: Bearer {{api_key}}\n\n{\"attributes\": [{\"external_id\": \"u\", \"pw\": \"{{password}}\"}]}",
        )
        .unwrap();
        let v = vars(&[("api_key", "k3y value/0123456789"), ("password", "p\"w-0123456789")]);
        let r = resolve(&file, &v).unwrap();
        let req = crate::request::PreparedRequest::new_or_raw(
            &format!("{} {}", r.request.method, r.request.path_and_query()),
            &r.request.body,
        )
        .unwrap()
        .with_header("X-Token", &r.request.headers[0].1)
        .unwrap();
        let mut rec = crate::exchange::RequestRecord {
            method: req.method.clone(),
            endpoint: req.endpoint.clone(),
            url: req.url("http://127.0.0.1:9"),
            headers: req.extra_headers.clone(),
            body: req.body.clone().unwrap_or_default(),
            body_truncated: false,
        };
        conceal(&mut rec, &r.secrets);
        let all = format!("{}{:?}{}", rec.url, rec.headers, rec.body);
        assert!(!all.contains("0123456789"), "{all}");
        assert!(rec.url.ends_with("k={{api_key}}"), "{}", rec.url);
        assert_eq!(rec.headers[0].1, "Bearer {{api_key}}");
        assert!(rec.body.contains("\"pw\": \"{{password}}\""), "{}", rec.body);
        let mut again = crate::request::PreparedRequest::from_record(&rec, Some("http://127.0.0.1:9"));
        let names: Vec<String> = r.secrets.iter().map(|(n, _)| n.clone()).collect();
        resolve_recorded(&mut again, &names, &v).unwrap();
        assert_eq!(again.body, req.body);
        assert_eq!(again.extra_headers, req.extra_headers);
        assert_eq!(
            crate::request::PreparedRequest::raw(&again.path_and_query, "").path_and_query,
            again.path_and_query
        );
        assert!(again.path_and_query.contains("k=k3y%20value%2F0123456789"), "{}", again.path_and_query);
        let missing = resolve_recorded(&mut again.clone(), &names, &vars(&[("api_key", "x")])).unwrap_err();
        assert_eq!(missing.name, "password");
    }
}
