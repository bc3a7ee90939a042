//! Fixtures: API keys and permissions, SCIM tokens, campaigns and variations, hard bounces and fault rules — what
//! only a server knows. Defaults in `assets/mock/fixtures.toml` (embedded); `--fixtures FILE` replaces them.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::MockError;
use super::faults::Fault;

/// Messaging-object keys a variation may send.
pub const CHANNELS: &[&str] = &[
    "apple_push",
    "android_push",
    "kindle_push",
    "web_push",
    "email",
    "sms",
    "webhook",
    "content_card",
    "whats_app",
    "in_app_message",
];

const BUILTIN: &str = include_str!("../../assets/mock/fixtures.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixtures {
    /// IANA name of the company time zone, for the `in_local_time` check.
    #[serde(default = "utc")]
    pub timezone: String,
    #[serde(default, rename = "key")]
    pub keys: Vec<ApiKey>,
    /// Tokens of the SCIM endpoints (`credential = "scim"`), which take no REST key.
    #[serde(default, rename = "scim_token")]
    pub scim_tokens: Vec<ScimToken>,
    #[serde(default, rename = "campaign")]
    pub campaigns: Vec<Campaign>,
    #[serde(default, rename = "hard_bounce")]
    pub hard_bounces: Vec<HardBounce>,
    #[serde(default, rename = "fault")]
    pub faults: Vec<FaultRule>,
}

fn utc() -> String {
    "UTC".to_string()
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    /// The key as sent after `Bearer `.
    pub key: String,
    /// A label for logs, which never show the key itself.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Endpoint permissions; a trailing `*` matches any rest (`users.*`, `*`).
    pub permissions: Vec<String>,
    /// `false`: the account is disabled → 403 Forbidden everywhere.
    #[serde(default = "yes")]
    pub active: bool,
}

impl ApiKey {
    pub fn allows(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => permission.starts_with(prefix),
            None => p == permission,
        })
    }
}

/// A SCIM token: `Authorization: Bearer TOKEN` on the SCIM endpoints, and only there (Braze issues it apart from
/// the REST keys, in Settings > Admin Settings > SCIM Provisioning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScimToken {
    pub token: String,
    /// A label for logs, which never show the token itself.
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// RFC 3339, shown by `/campaigns/list` and `/campaigns/details`.
    #[serde(default)]
    pub last_edited: Option<String>,
    #[serde(default)]
    pub archived: bool,
    #[serde(default, rename = "variation")]
    pub variations: Vec<Variation>,
    /// Send ids this campaign already has when the server starts, as if created with `/sends/id/create`, so
    /// the `/sends/data_series` template answers on a first try.
    #[serde(default)]
    pub send_ids: Vec<String>,
}

impl Campaign {
    pub fn variation(&self, id: &str) -> Option<&Variation> {
        self.variations.iter().find(|v| v.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variation {
    pub id: String,
    pub name: String,
    /// One of [`CHANNELS`].
    pub channel: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardBounce {
    pub email: String,
    /// RFC 3339.
    pub at: String,
}

/// "The next N requests to PATH answer STATUS", "P % of requests answer STATUS", or every request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// A catalog path such as `/messages/send`; absent = every endpoint.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub next: Option<u64>,
    #[serde(default)]
    pub percent: Option<f64>,
    pub answer: Fault,
}

impl Fixtures {
    /// The defaults of `assets/mock/fixtures.toml`.
    pub fn builtin() -> Fixtures {
        Fixtures::parse_named(BUILTIN, "assets/mock/fixtures.toml")
            .expect("assets/mock/fixtures.toml is valid (tested)")
    }

    /// The fixtures in the file at `path`, refused beyond `max_bytes` (`[defaults] max_input_bytes`).
    pub fn from_file(path: impl AsRef<Path>, max_bytes: u64) -> Result<Fixtures, MockError> {
        let path = path.as_ref();
        let text = crate::config::read_text_file_at_most(path, max_bytes)
            .map_err(|cause| MockError::ReadFixtures { path: path.to_path_buf(), cause })?;
        Fixtures::parse_named(&text, &path.display().to_string())
    }

    pub fn parse(text: &str) -> Result<Fixtures, MockError> {
        Fixtures::parse_named(text, "fixtures")
    }

    fn parse_named(text: &str, origin: &str) -> Result<Fixtures, MockError> {
        let err = |message: String| MockError::Fixtures { origin: origin.to_string(), message };
        let f: Fixtures = toml::from_str(text).map_err(|e| err(e.to_string().trim_end().to_string()))?;
        f.check().map_err(err)?;
        Ok(f)
    }

    /// The SCIM token entry for `token`, if any.
    pub fn scim_token(&self, token: &str) -> Option<&ScimToken> {
        self.scim_tokens.iter().find(|t| t.token == token)
    }

    /// The key entry for `key`, if any.
    pub fn key(&self, key: &str) -> Option<&ApiKey> {
        self.keys.iter().find(|k| k.key == key)
    }

    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.campaigns.iter().find(|c| c.id == id)
    }

    /// Consistency checks; the message names the offending entry.
    fn check(&self) -> Result<(), String> {
        jiff::tz::TimeZone::get(&self.timezone)
            .map_err(|_| format!("timezone = {:?} is not an IANA time zone name", self.timezone))?;
        // A token is looked up without knowing which table it is in: keys and SCIM tokens never share a value.
        let mut seen = HashSet::new();
        let credentials = self.keys.iter().map(|k| ("key", &k.name, &k.key));
        let tokens = self.scim_tokens.iter().map(|t| ("scim_token", &t.name, &t.token));
        let mut counts = std::collections::HashMap::new();
        for (table, name, secret) in credentials.chain(tokens) {
            let n = counts.entry(table).or_insert(0);
            *n += 1;
            let at = format!("[[{table}]] #{n} ({name:?})");
            if secret.is_empty() || secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(format!("{at}: {} must be non-empty, without spaces", table.trim_start_matches("scim_")));
            }
            if !seen.insert(secret.as_str()) {
                return Err(format!("{at}: the same key or token appears twice"));
            }
        }
        let mut seen = HashSet::new();
        for (i, c) in self.campaigns.iter().enumerate() {
            let at = format!("[[campaign]] #{} ({:?})", i + 1, c.id);
            if !seen.insert(c.id.as_str()) {
                return Err(format!("{at}: the same campaign id appears twice"));
            }
            if let Some(t) = &c.last_edited {
                t.parse::<jiff::Timestamp>().map_err(|e| format!("{at}: last_edited {t:?} is not RFC 3339: {e}"))?;
            }
            let mut vs = HashSet::new();
            for v in &c.variations {
                if !vs.insert(v.id.as_str()) {
                    return Err(format!("{at}: variation {:?} appears twice", v.id));
                }
                if !CHANNELS.contains(&v.channel.as_str()) {
                    return Err(format!(
                        "{at}: variation {:?} has channel {:?}; expected one of {}",
                        v.id,
                        v.channel,
                        CHANNELS.join(", ")
                    ));
                }
            }
        }
        for (i, b) in self.hard_bounces.iter().enumerate() {
            b.at.parse::<jiff::Timestamp>().map_err(|e| {
                format!("[[hard_bounce]] #{} ({:?}): at {:?} is not RFC 3339: {e}", i + 1, b.email, b.at)
            })?;
        }
        for (i, r) in self.faults.iter().enumerate() {
            let at = format!("[[fault]] #{}", i + 1);
            if let Some(p) = &r.path {
                let ok = crate::catalog::endpoints().endpoints.iter().any(|e| &e.path == p);
                if !ok {
                    return Err(format!("{at}: path {p:?} is not an endpoint of the catalog (see `brazen catalog`)"));
                }
            }
            if r.next.is_some() && r.percent.is_some() {
                return Err(format!("{at}: give `next` or `percent`, not both"));
            }
            if let Some(p) = r.percent
                && !(0.0..=100.0).contains(&p)
            {
                return Err(format!("{at}: percent = {p} is outside 0-100"));
            }
        }
        Ok(())
    }
}

impl Default for Fixtures {
    fn default() -> Fixtures {
        Fixtures::builtin()
    }
}

#[cfg(test)]
mod tests;
