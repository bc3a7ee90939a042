//! Live validation: `check(endpoint, text, ctx) -> Report`. Pure: no IO, no terminal, no clock (the clock
//! comes in through [`Context`]).
//!
//! The body is parsed once into a `serde_json::Value`; each rule family (one file each) reads the value and
//! reports findings by JSON pointer. Positions are computed afterwards, only for the findings, by skimming the
//! text ([`locate`]) — so a clean 1 MiB body costs one parse and nothing more. Which families run is data: the
//! endpoint's `rules` in `assets/endpoints.toml`. Fatal findings take their status and name from the error table.
//! Every sentence is a message table in [`text`], filled only for findings actually reported. The endpoint's
//! did-you-mean is the catalog's ([`unknown_endpoint`]). Imports only the core (`catalog`, `i18n`): no
//! `client`, `history`, `mock`, `config`, `cli`, `tui`, no IO crate.

mod declared;
#[cfg(test)]
mod fuzz;
#[doc(hidden)]
pub mod invariants;
#[cfg(test)]
mod korean;
mod limits;
pub(crate) mod locate;
mod messages;
#[cfg(test)]
mod nested_tests;
mod path;
mod query;
mod recipients;
mod schedule;
mod syntax;
mod text;
mod types;
mod unfilled;
mod variables;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalog::{self, Endpoint, Rule};
use crate::i18n::{Lang, Table as _, fill};
use locate::Target;
use text::BodyText;
pub use variables::check_with_variables;

/// What the rules need from the outside world.
#[derive(Debug, Clone)]
pub struct Context {
    /// "Now", for `in_local_time` checks. Injected so results are reproducible.
    pub now: jiff::Timestamp,
    /// The company time zone (Braze dashboard setting); UTC by default.
    pub timezone: jiff::tz::TimeZone,
    /// The language of the diagnostics' sentences; English by default.
    pub lang: Lang,
}

impl Context {
    pub fn new(now: jiff::Timestamp, timezone: jiff::tz::TimeZone) -> Context {
        Context { now, timezone, lang: Lang::En }
    }

    /// The same context, with sentences in `lang`.
    pub fn with_lang(self, lang: Lang) -> Context {
        Context { lang, ..self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Braze would reject the request (a row of the table).
    Fatal,
    /// Accepted, but part ignored or reported in `errors`.
    Minor,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Fatal => "fatal",
            Severity::Minor => "minor",
            Severity::Hint => "hint",
        }
    }
}

/// What part of the request a diagnostic is about: the body (with a line and column in it), or the path line's
/// query or path (no position in the body: line and column are 1:1 there, as for the whole body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    #[default]
    Body,
    Query,
    Path,
    /// A header line of a request file.
    Header,
}

impl Area {
    pub fn is_body(&self) -> bool {
        *self == Area::Body
    }

    /// Where a diagnostic is, for a line of text: `label:line:column` in the body, else `query` or `path`.
    pub fn position(d: &Diagnostic, label: &str) -> String {
        match d.area {
            Area::Body => format!("{label}:{}:{}", d.line, d.column),
            Area::Query => "query".into(),
            Area::Path => "path".into(),
            Area::Header => "header".into(),
        }
    }
}

/// One finding, located in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Error id: a row of `assets/errors.toml` for fatal diagnostics (`no_recipients`, …);
    /// a short code of our own for minor ones and hints (`send_id_too_long`, …).
    pub error: String,
    /// HTTP status Braze would answer (fatal diagnostics), else `None`.
    pub status: Option<u16>,
    /// The row's short name as Braze sends it (fatal diagnostics), else `None`.
    pub name: Option<String>,
    /// JSON pointer (RFC 6901) of the offending value; `""` for the whole body.
    pub pointer: String,
    /// 1-based line of the offending token.
    pub line: usize,
    /// 1-based column (in characters) of the offending token.
    pub column: usize,
    /// Byte offset of the offending token in the text (for editors).
    #[serde(skip)]
    pub offset: usize,
    /// A sentence a user can act on.
    pub message: String,
    /// The documented rule of `assets/rules/` it breaks (its `id`), when one found it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// `query` or `path` when it is about the path line rather than the body (absent for the body).
    #[serde(skip_serializing_if = "Area::is_body")]
    pub area: Area,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `POST /messages/send`, or the path as given when it is unknown.
    pub endpoint: String,
    /// No fatal diagnostic.
    pub ok: bool,
    /// Sorted by position, then severity.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn fatal(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Fatal)
    }
}

/// The whole line of `text` holding byte `offset`, without its line break (for showing a diagnostic's source).
pub fn line_at(text: &str, offset: usize) -> &str {
    locate::line_at(text, offset)
}

/// A finding before it is located: rules know pointers, not positions.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    severity: Severity,
    error: String,
    pointer: String,
    target: Target,
    offset: Option<usize>,
    message: String,
    rule: Option<String>,
    area: Area,
}

impl Finding {
    /// About the path line's query or path, not a place in the body: pinned to the start.
    pub fn on_path_line(&mut self, area: Area) -> &mut Finding {
        self.area = area;
        self.offset = Some(0);
        self
    }

    /// The documented rule (`assets/rules/`) that found it.
    pub fn by_rule(&mut self, id: &str) -> &mut Finding {
        self.rule = Some(id.to_string());
        self
    }

    /// Point at the member's key instead of its value (unknown and duplicate keys).
    pub fn at_key(&mut self) -> &mut Finding {
        self.target = Target::Key;
        self
    }
}

/// At most this many findings of one error id are kept; a body with thousands of bad items says so once.
const MAX_PER_ERROR: usize = 25;

/// Where rules put their findings.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    items: Vec<Finding>,
    /// Findings dropped over [`MAX_PER_ERROR`], by error id.
    dropped: std::collections::HashMap<String, usize>,
    /// Receives dropped findings, so callers can still chain `.at_key()`.
    scratch: Option<Finding>,
    /// The language rules write their sentences in.
    lang: Lang,
}

impl Sink {
    pub fn push(&mut self, severity: Severity, error: &str, pointer: &str, message: String) -> &mut Finding {
        let finding = Finding {
            severity,
            error: error.to_string(),
            pointer: pointer.to_string(),
            target: Target::Value,
            offset: None,
            message,
            rule: None,
            area: Area::Body,
        };
        if self.items.iter().filter(|f| f.error == error).count() >= MAX_PER_ERROR {
            *self.dropped.entry(error.to_string()).or_default() += 1;
            return self.scratch.insert(finding);
        }
        self.items.push(finding);
        let last = self.items.len() - 1;
        &mut self.items[last]
    }
    pub fn fatal(&mut self, error: &str, pointer: &str, message: String) -> &mut Finding {
        self.push(Severity::Fatal, error, pointer, message)
    }
    pub fn hint(&mut self, error: &str, pointer: &str, message: String) -> &mut Finding {
        self.push(Severity::Hint, error, pointer, message)
    }
    /// Whether anything was found yet (a cheap test before [`Sink::has`]).
    pub fn has_any(&self) -> bool {
        !self.items.is_empty()
    }

    /// Whether a finding already names this pointer (so later rules do not repeat it).
    pub fn has(&self, pointer: &str) -> bool {
        self.items.iter().any(|f| f.pointer == pointer)
    }

    /// The kept findings; the last of each capped id says how many more there were.
    fn into_findings(mut self) -> Vec<Finding> {
        for (error, n) in &self.dropped {
            if let Some(last) = self.items.iter_mut().rev().find(|f| &f.error == error) {
                last.message.push_str(&fill(BodyText::get(self.lang).more, &[("n", n)]));
            }
        }
        self.items
    }
}

/// Validates `text` as the body of a request to `endpoint` (a path such as `/messages/send` or
/// `POST /messages/send`).
pub fn check(endpoint: &str, text: &str, ctx: &Context) -> Report {
    let endpoint_input = endpoint;
    let resolved = catalog::endpoints().resolve(endpoint);
    let name = resolved.as_ref().map(|r| r.endpoint.key().to_string()).unwrap_or_else(|| endpoint.trim().to_string());
    let lang = ctx.lang;
    let words = BodyText::get(lang);
    let mut sink = Sink { lang, ..Sink::default() };
    // A path that names an endpoint but for an empty parameter: that is the one problem, and the body is still
    // checked as that endpoint's.
    let lenient = if resolved.is_none() { crate::request::lenient(endpoint) } else { None };
    match &resolved {
        None => {
            let msg = match lenient {
                Some((e, name)) => path::empty(e, name, lang),
                None => unknown_endpoint(endpoint, lang),
            };
            sink.fatal("not_found", "", msg).on_path_line(Area::Path);
        }
        Some(r) if r.hint.is_some() => {
            // The path as the catalog compared it (the catalog's hint names the same): no method, no query.
            let given = endpoint.split_whitespace().last().unwrap_or("").split('?').next().unwrap_or("");
            let given = if given.starts_with('/') { given.to_string() } else { format!("/{given}") };
            let msg = fill(words.endpoint_alias, &[("path", &r.endpoint.path), ("given", &given)]);
            sink.hint("endpoint_alias", "", msg).on_path_line(Area::Path);
        }
        Some(_) => {}
    }
    if let Some(r) = &resolved {
        path::check(r.endpoint, endpoint_input, &mut sink);
    }
    let endpoint = resolved.as_ref().map(|r| r.endpoint).or(lenient.map(|(e, _)| e));
    if endpoint.is_some_and(|e| e.method != "GET" && !e.takes_body()) && text.trim().is_empty() {
        return finish(name, text, sink);
    }
    let bodiless = endpoint.is_some_and(|e| e.method == "GET");
    if let Some(e) = endpoint.filter(|_| bodiless) {
        // The body of a GET is a JSON object of query parameters (or nothing).
        if text.trim().is_empty() {
            query::check(e, endpoint_input, None, &mut sink);
            return finish(name, text, sink);
        }
    }
    match syntax::parse_in(text, lang) {
        Err(e) => {
            // The endpoint's own answer to a body that is not JSON, where the docs give one.
            let row = endpoint.and_then(|ep| catalog::errors().not_json(ep.key())).map_or("bad_request", |r| &r.id);
            sink.fatal(row, "", e.message).offset = Some(e.offset);
        }
        Ok(parsed) => {
            if parsed.has_duplicates {
                for (pointer, first) in locate::duplicates(text, 20) {
                    let key = pointer.rsplit('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~");
                    sink.hint("duplicate_key", &pointer, fill(words.duplicate_key, &[("key", &key)])).offset =
                        Some(first);
                }
            }
            match &parsed.value {
                value if bodiless => {
                    if let Some(e) = endpoint {
                        query::check(e, endpoint_input, Some(value), &mut sink);
                    }
                }
                Value::Object(root) => {
                    if let Some(e) = endpoint {
                        run_rules(e, root, ctx, &mut sink);
                    }
                }
                other => {
                    let msg = fill(words.not_an_object, &[("what", &types::describe(other, lang))]);
                    sink.fatal("bad_request", "", msg);
                }
            }
        }
    }
    finish(name, text, sink)
}

/// Validates a request file (`text`) as `resolved` from it: the resolved request is checked, every diagnostic is
/// placed in the file as written (a line and column of `text`; a place inside a variable's value is its `{{name}}`),
/// and each reference no variable defines in the path, the query, a header or an id is a fatal `undefined_variable`
/// at its own line and column. Path and query diagnostics sit on the request line (or the first query line).
pub fn check_file(text: &str, resolved: &crate::request::vars::Resolved, ctx: &Context) -> Report {
    use crate::request::vars::{Layout, Place, line_column};
    let r = &resolved.request;
    let mut report = check(&format!("{} {}", r.method, r.path_and_query()), &r.body, ctx);
    let layout = Layout::of(text);
    for d in &mut report.diagnostics {
        let offset = match d.area {
            Area::Body => layout.body + resolved.original_body_offset(d.offset),
            Area::Query => layout.query.first().copied().unwrap_or(layout.path),
            Area::Path | Area::Header => layout.path,
        };
        (d.line, d.column) = line_column(text, offset);
        d.offset = offset;
    }
    let words = BodyText::get(ctx.lang);
    for u in &resolved.undefined {
        let reference = format!("{{{{{}}}}}", u.name);
        let (area, pointer) = match &u.place {
            Place::Path { .. } => (Area::Path, ""),
            Place::Query { .. } => (Area::Query, ""),
            Place::Header { .. } => (Area::Header, ""),
            Place::Body { pointer, .. } => (Area::Body, pointer.as_str()),
        };
        // The validator's own "never filled in" finding about the same reference says less: this one replaces it.
        report.diagnostics.retain(|d| {
            !(d.area == area && (area != Area::Body || d.pointer == pointer) && d.message.contains(&reference))
        });
        let offset = layout.offset(&u.place);
        let (line, column) = line_column(text, offset);
        let message = words.undefined_variable;
        report.diagnostics.push(undefined_variable(&u.name, area, pointer, (line, column, offset), message));
    }
    report.diagnostics.sort_by_key(|d| (d.offset, d.severity));
    report.ok = !report.diagnostics.iter().any(|d| d.severity == Severity::Fatal);
    report
}

/// The fatal diagnostic of a reference no variable defines, at `(line, column, offset)`.
fn undefined_variable(name: &str, area: Area, pointer: &str, at: (usize, usize, usize), message: &str) -> Diagnostic {
    let reference = format!("{{{{{name}}}}}");
    Diagnostic {
        severity: Severity::Fatal,
        error: "undefined_variable".into(),
        status: None,
        name: None,
        pointer: pointer.to_string(),
        line: at.0,
        column: at.1,
        offset: at.2,
        message: fill(message, &[("reference", &reference), ("name", &name)]),
        rule: None,
        area,
    }
}

fn run_rules(e: &Endpoint, root: &Map<String, Value>, ctx: &Context, sink: &mut Sink) {
    types::check(e, root, sink);
    for rule in &e.rules {
        match rule {
            Rule::RecipientsMessaging => recipients::messaging(root, sink),
            Rule::RecipientsTrigger => recipients::trigger(root, sink),
            Rule::MessagesRequired => messages::required(root, sink),
            Rule::Messages => messages::check(root, sink),
            Rule::Schedule => schedule::check(root, ctx, sink),
            Rule::MaxExternalIds => limits::external_ids(root, sink),
            Rule::MaxIds => limits::ids(root, sink),
            Rule::UsersTrack => limits::users_track(root, sink),
        }
    }
    declared::body(e, root, sink);
    unfilled::body(root, sink);
    types::placeholders(root, sink);
}

/// "Braze has no endpoint `X`; did you mean `GET /campaigns/list`?" (the catalog's guess, [`EndpointCatalog::suggest`]),
/// or a pointer to `brazen catalog`: the `not_found` sentence, also what the CLI says before refusing to send.
///
/// [`EndpointCatalog::suggest`]: catalog::EndpointCatalog::suggest
pub fn unknown_endpoint(endpoint: &str, lang: Lang) -> String {
    let (text, input) = (BodyText::get(lang), endpoint.trim());
    match catalog::endpoints().suggest(input) {
        Some(e) => fill(text.unknown_endpoint_near, &[("input", &input), ("endpoint", &e.key())]),
        None => fill(text.unknown_endpoint, &[("input", &input)]),
    }
}

/// Locates every finding, orders them, and computes lines and columns in one pass.
fn finish(endpoint: String, text: &str, sink: Sink) -> Report {
    let table = catalog::errors();
    let findings = sink.into_findings();
    let wanted: Vec<(&str, Target)> = findings.iter().map(|f| (f.pointer.as_str(), f.target)).collect();
    // Only valid JSON has pointers to resolve; a syntax finding carries its own offset.
    let found = if findings.iter().all(|f| f.offset.is_some()) {
        vec![None; findings.len()]
    } else {
        locate::find_all(text, &wanted)
    };
    drop(wanted);
    let mut located: Vec<(usize, Finding)> = findings
        .into_iter()
        .zip(found)
        .map(|(f, at)| {
            let off = f.offset.or(at).unwrap_or(0);
            (syntax::floor_char(text, off), f)
        })
        .collect();
    located.sort_by_key(|(off, f)| (*off, f.severity));
    let mut cursor = locate::Cursor::new(text);
    let diagnostics: Vec<Diagnostic> = located
        .into_iter()
        .map(|(offset, f)| {
            let (line, column) = cursor.position(offset);
            let row = (f.severity == Severity::Fatal).then(|| table.row(&f.error)).flatten();
            Diagnostic {
                severity: f.severity,
                status: row.map(|r| r.status),
                name: row.map(|r| r.name.clone()),
                error: f.error,
                pointer: f.pointer,
                line,
                column,
                offset,
                message: f.message,
                rule: f.rule,
                area: f.area,
            }
        })
        .collect();
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Fatal);
    Report { endpoint, ok, diagnostics }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn ctx() -> Context {
        Context::new("2030-06-01T12:00:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC)
    }

    /// The diagnostics of `text` on `endpoint`, as (severity, error, pointer).
    pub(crate) fn run(endpoint: &str, text: &str) -> Vec<(Severity, String, String)> {
        check(endpoint, text, &ctx()).diagnostics.into_iter().map(|d| (d.severity, d.error, d.pointer)).collect()
    }

    pub(crate) fn errors(endpoint: &str, text: &str) -> Vec<String> {
        run(endpoint, text).into_iter().map(|d| d.1).collect()
    }

    #[test]
    fn fatal_diagnostics_carry_status_and_name_from_the_table() {
        let r = check("/messages/send", r#"{"messages": {"email": {"app_id": "a", "from": "A <a@b.c>"}}}"#, &ctx());
        let d = r.fatal().next().unwrap();
        assert_eq!(d.error, "no_recipients");
        let row = catalog::errors().row("no_recipients").unwrap();
        assert_eq!(d.status, Some(row.status));
        assert_eq!(d.name.as_deref(), Some(row.name.as_str()));
        assert_eq!((d.line, d.column, d.pointer.as_str()), (1, 1, ""));
        assert!(!r.ok);
        assert_eq!(r.endpoint, "POST /messages/send");
    }

    #[test]
    fn syntax_error_deep_in_a_multi_line_body_has_the_exact_line_and_column() {
        let mut text = String::from("{\n  \"external_user_ids\": [\"a\"],\n  \"messages\": {\n    \"apple_push\": {\n");
        text.push_str("      \"alert\": \"안녕하세요 여러분\",\n");
        text.push_str("      \"extra\": {\"한국\": \"값\" \"b\": 1}\n    }\n  }\n}\n");
        let r = check("/messages/send", &text, &ctx());
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!(d.error, "bad_request");
        // Line 6 is `      "extra": {"한국": "값" "b": 1}`; the comma belongs right after `"값"` (character 26).
        assert_eq!((d.line, d.column), (6, 26));
        assert_eq!(&text[d.offset - 1..d.offset], "\"");
        assert!(d.message.contains("comma"));
    }

    #[test]
    fn unknown_endpoint_is_not_found_and_alias_gets_a_hint() {
        let r = check("/messages/sned", "{}", &ctx());
        assert_eq!(r.diagnostics[0].error, "not_found");
        assert!(r.diagnostics[0].message.contains("/messages/send"), "{}", r.diagnostics[0].message);
        assert_eq!(r.endpoint, "/messages/sned");
        // The catalog's did-you-mean, wrong case and query included: the CLI shows this sentence as it is.
        let r = check("/MESSAGES/SEND?x=1", "{}", &ctx());
        assert!(
            r.diagnostics[0].message.contains("did you mean `POST /messages/send`"),
            "{}",
            r.diagnostics[0].message
        );
        let r = check("/send/id/create", r#"{"campaign_id": "c"}"#, &ctx());
        assert!(r.ok, "{r:?}");
        assert!(r.diagnostics.iter().any(|d| d.error == "endpoint_alias" && d.message.contains("/sends/id/create")));
    }

    /// The Live Activity pages document their own answer to a body that is not JSON: that row is predicted.
    #[test]
    fn a_body_that_is_not_json_gets_the_endpoints_own_row_where_it_has_one() {
        let r = check("/messages/live_activity/start", "{\"app_id\": ", &ctx());
        assert_eq!(r.fatal().map(|d| d.error.as_str()).collect::<Vec<_>>(), ["messaging_body_not_json"]);
        let r = check("/messages/send", "{\"app_id\": ", &ctx());
        assert_eq!(r.fatal().map(|d| d.error.as_str()).collect::<Vec<_>>(), ["bad_request"]);
    }

    /// `send` and `batch` print a query problem as `query`, not as a place in a file that has no query in it.
    #[test]
    fn a_diagnostics_position_is_its_file_place_or_the_path_lines_part() {
        let r = check("GET /sends/data_series?campaign_id=c&send_id=s&length=500", "", &ctx());
        let d = r.fatal().next().expect("length is out of range");
        assert_eq!(Area::position(d, "q.json"), "query");
        let r = check("/messages/send", "{", &ctx());
        assert_eq!(Area::position(&r.diagnostics[0], "b.json"), "b.json:1:2");
    }

    #[test]
    fn non_object_bodies_and_empty_bodies_are_bad_requests() {
        for body in ["[]", "42", "\"x\"", "null", "", "   "] {
            let r = check("/messages/send", body, &ctx());
            assert_eq!(r.fatal().map(|d| d.error.as_str()).collect::<Vec<_>>(), ["bad_request"], "{body:?}");
        }
    }

    #[test]
    fn every_catalog_template_is_accepted_by_its_endpoint() {
        for e in &catalog::endpoints().endpoints {
            let r = check(&format!("{} {}", e.method, e.template_path()), e.template_body(), &ctx());
            assert!(r.ok, "{}: {:#?}", e.key(), r.diagnostics);
        }
    }

    #[test]
    fn the_catalog_wires_the_expected_rule_families() {
        let rules = |p: &str| catalog::endpoints().resolve(p).map(|r| r.endpoint.rules.clone()).unwrap_or_default();
        assert!(rules("/messages/send").contains(&Rule::RecipientsMessaging));
        assert!(rules("/messages/send").contains(&Rule::MessagesRequired));
        assert!(rules("/messages/schedule/create").contains(&Rule::Schedule));
        assert!(rules("/campaigns/trigger/send").contains(&Rule::RecipientsTrigger));
        assert!(rules("/users/track").contains(&Rule::UsersTrack));
        assert!(rules("/users/delete").contains(&Rule::MaxIds));
    }

    #[test]
    fn duplicate_keys_are_hinted_at_the_ignored_key() {
        let text = "{\"external_user_ids\": [\"a\"],\n \"external_user_ids\": [\"b\"], \"messages\": {\"webhook\": {\"url\": \"https://x\", \"request_method\": \"POST\"}}}";
        let r = check("/messages/send", text, &ctx());
        let d = r.diagnostics.iter().find(|d| d.error == "duplicate_key").unwrap();
        assert_eq!((d.line, d.column), (1, 2));
        assert_eq!(d.severity, Severity::Hint);
        assert!(r.ok, "{r:?}");
    }

    /// A saved request: an undefined variable is diagnosed at its line and column of the file, in a body id, the
    /// path and a header; other diagnostics are placed in the file as written, before the variables were resolved.
    #[test]
    fn a_request_files_undefined_variables_and_diagnostics_have_their_place_in_the_file() {
        use crate::request::RequestFile;
        use crate::request::vars::{Variables, resolve};
        let text = "# Note.\nPOST /transactional/v1/campaigns/{{campaign}}/send\nX-Trace: {{trace}}\n\n{\n  \
                    \"external_send_id\": \"{{send}}\",\n  \"recipients\": [{\"external_user_id\": \"{{long}}\", \
                    \"trigger_properties\": {\"x\": \"{{first_name}}\"}}],\n  \"bogus_key\": 1\n}\n";
        let file = RequestFile::parse(text).unwrap();
        let mut vars = Variables::new();
        vars.flags(&[("long".into(), "a-much-longer-value-than-the-reference".into())]);
        let r = check_file(text, &resolve(&file, &vars).unwrap(), &ctx());
        let at = |error: &str| -> Vec<(usize, usize, Area)> {
            r.diagnostics.iter().filter(|d| d.error == error).map(|d| (d.line, d.column, d.area)).collect()
        };
        assert_eq!(
            at("undefined_variable"),
            [(2, 34, Area::Path), (3, 10, Area::Header), (6, 24, Area::Body)],
            "{:#?}",
            r.diagnostics
        );
        assert!(!r.ok);
        // No second diagnostic about the same {{campaign}} from the path rules, and Liquid is left alone.
        assert!(!r.diagnostics.iter().any(|d| d.error != "undefined_variable" && d.message.contains("{{campaign}}")));
        assert!(!r.diagnostics.iter().any(|d| d.message.contains("first_name")), "{:#?}", r.diagnostics);
        // A diagnostic after a resolved value sits where the file has it (line 8, after the longer value on 7).
        let unknown: Vec<(usize, usize)> =
            r.diagnostics.iter().filter(|d| d.pointer == "/bogus_key").map(|d| (d.line, d.column)).collect();
        assert!(unknown.iter().all(|&p| p == (8, 3)) && !unknown.is_empty(), "{:#?}", r.diagnostics);
    }

    #[test]
    fn diagnostics_are_sorted_by_position_then_severity() {
        let text = r#"{"send_id": "한국어", "messages": {"apple_push": {"alert": "x", "extra": []}}, "bogus": 1}"#;
        let r = check("/messages/send", text, &ctx());
        let offs: Vec<_> = r.diagnostics.iter().map(|d| (d.offset, d.severity)).collect();
        let mut sorted = offs.clone();
        sorted.sort();
        assert_eq!(offs, sorted);
        assert!(r.diagnostics.len() >= 4, "{r:#?}");
    }
}
