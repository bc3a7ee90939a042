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
    /// Why there is no key, as a sentence naming what to set.
    pub missing_key: Option<String>,
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
