//! Live validation: `check(endpoint, text, ctx) -> Report`. Pure: no IO, no terminal, no clock (the clock
//! comes in through [`Context`]).

use serde::Serialize;

/// What the rules need from the outside world.
#[derive(Debug, Clone)]
pub struct Context {
    /// "Now", for `in_local_time` checks. Injected so results are reproducible.
    pub now: jiff::Timestamp,
    /// The company time zone (Braze dashboard setting); UTC by default.
    pub timezone: jiff::tz::TimeZone,
}

impl Context {
    pub fn new(now: jiff::Timestamp, timezone: jiff::tz::TimeZone) -> Context {
        Context { now, timezone }
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

/// Validates `text` as the body of a request to `endpoint` (a path such as `/messages/send` or
/// `POST /messages/send`).
pub fn check(endpoint: &str, text: &str, ctx: &Context) -> Report {
    let _ = ctx;
    let resolved = crate::catalog::endpoints().resolve(endpoint);
    let name = resolved.as_ref().map(|r| r.endpoint.key()).unwrap_or_else(|| endpoint.trim().to_string());
    let mut diagnostics = Vec::new();
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        diagnostics.push(Diagnostic {
            severity: Severity::Fatal,
            error: "bad_request".into(),
            status: Some(400),
            name: Some("Bad Request".into()),
            pointer: String::new(),
            line: e.line(),
            column: e.column(),
            offset: 0,
            message: e.to_string(),
        });
    }
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Fatal);
    Report { endpoint: name, ok, diagnostics }
}
