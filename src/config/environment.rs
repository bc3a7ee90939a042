//! The effective settings of one environment, each value with where it came from.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::fmt;
use std::time::Duration;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::request::vars::{Binding, Bound};

use super::ApiKey;
use super::scim::Scim;

/// Where a setting's value came from, for `brazen config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Source {
    /// brazen's own default or the Braze instance table.
    BuiltIn,
    /// The config file.
    ConfigFile,
    /// An environment variable (its name).
    EnvVar(String),
    /// A command-line flag (its name).
    Flag(String),
    /// Chosen by a rule; the sentence says which.
    Rule(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn => f.write_str("built-in"),
            Source::ConfigFile => f.write_str("config file"),
            Source::EnvVar(v) => write!(f, "${v}"),
            Source::Flag(v) => write!(f, "--{v}"),
            Source::Rule(s) => f.write_str(s),
        }
    }
}

/// A value and its [`Source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source) -> Sourced<T> {
        Sourced { value, source }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvKind {
    /// The built-in mock, started in-process.
    Sandbox,
    /// A Braze instance (US-01 … AU-01).
    Instance,
    /// A URL of the user's (a proxy, a staging gateway).
    Custom,
}

impl EnvKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EnvKind::Sandbox => "sandbox",
            EnvKind::Instance => "instance",
            EnvKind::Custom => "custom",
        }
    }
}

/// Why an environment has no API key, kept as a kind so each front end words it in its language ([`sentence`]);
/// `Display` is the English sentence naming what to set.
///
/// [`sentence`]: MissingKey::sentence
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissingKey {
    /// `api_key_env` names a variable that is not set.
    VarUnset { environment: String, var: String },
    /// Nothing configured and `BRAZE_API_KEY` unset.
    NotConfigured { environment: String, var: String, file: String },
    /// `--url` given and `BRAZE_API_KEY` unset.
    AdHoc { var: String },
}

crate::table! {
    /// The sentences of [`MissingKey`].
    pub struct MissingKeyText {
        var_unset: "{environment} takes its key from ${var}, which is not set"
            / "{environment}은(는) ${var}에서 키를 읽는데, 이 변수가 설정되어 있지 않습니다",
        not_configured: "no API key for {environment}: set ${var}, or api_key_env = \"VARIABLE\" under \
                         [environment.{environment}] in {file}"
            / "{environment}에 API 키가 없습니다: ${var}를 설정하거나, {file}의 [environment.{environment}] 아래에 \
               api_key_env = \"변수 이름\"을 적으세요",
        ad_hoc: "set ${var} to the REST API key for this URL" / "이 URL의 REST API 키를 ${var}에 설정하세요",
    }
}

impl MissingKey {
    /// The sentence in `lang`.
    pub fn sentence(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Table as _, fill};
        let t = MissingKeyText::get(lang);
        match self {
            MissingKey::VarUnset { environment, var } => {
                fill(t.var_unset, &[("environment", environment), ("var", var)])
            }
            MissingKey::NotConfigured { environment, var, file } => {
                fill(t.not_configured, &[("environment", environment), ("var", var), ("file", file)])
            }
            MissingKey::AdHoc { var } => fill(t.ad_hoc, &[("var", var)]),
        }
    }
}

impl fmt::Display for MissingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(crate::i18n::Lang::En))
    }
}

/// Name of the in-process mock environment.
pub const SANDBOX: &str = "sandbox";
/// The key the sandbox uses unless configured otherwise: every permission in the mock's fixtures.
pub const SANDBOX_KEY: &str = "sandbox-all";

#[derive(Debug, Clone)]
pub struct Environment {
    pub name: String,
    pub kind: EnvKind,
    /// REST base URL; `None` for the sandbox, whose URL exists only once the mock runs.
    pub url: Option<Sourced<String>>,
    /// Dashboard URL of a Braze instance.
    pub dashboard: Option<String>,
    pub key: Option<Sourced<ApiKey>>,
    /// Why there is no key; its sentence names what to set.
    pub missing_key: Option<MissingKey>,
    /// IANA name of the company time zone.
    pub timezone: Sourced<String>,
    pub connect_timeout: Sourced<Duration>,
    /// Whole-attempt timeout (connect, request, response body).
    pub timeout: Sourced<Duration>,
    /// Declared in the config file.
    pub configured: bool,
    /// The SCIM token and `X-Request-Origin` for the endpoints whose catalog credential is `scim`.
    pub scim: Scim,
    /// `[environment.NAME.variables]`, each `value_env` read from the process environment (an unset one is an
    /// error only when a request uses it).
    pub variables: BTreeMap<String, Binding>,
}

impl Environment {
    /// The credentials of this environment (its key, its SCIM token; its URL's password), for scrubbing whatever
    /// it sends.
    pub fn secrets(&self) -> crate::scrub::Secrets {
        let mut s = crate::scrub::Secrets::new();
        if let Some(k) = &self.key {
            s.add(k.value.expose());
        }
        if let Some(t) = &self.scim.token {
            s.add(t.value.expose());
        }
        if let Some(u) = &self.url {
            s.extend(&crate::scrub::url_secrets(&u.value));
        }
        s.extend(&crate::scrub::url_secrets(&self.name));
        for b in self.variables.values().filter(|b| b.secret) {
            if let Bound::Value(v) = &b.value {
                s.add(v);
            }
        }
        s
    }

    /// The time zone, already validated when the configuration was loaded. UTC (the default) skips the time
    /// zone database, whose first lookup scans the system's zoneinfo folder.
    pub fn tz(&self) -> jiff::tz::TimeZone {
        match self.timezone.value.as_str() {
            "UTC" => jiff::tz::TimeZone::UTC,
            name => jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC),
        }
    }

    pub fn is_sandbox(&self) -> bool {
        self.kind == EnvKind::Sandbox
    }
}
