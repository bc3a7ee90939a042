//! The `config.toml` file as written by a user. Unknown keys are refused so a typo is reported, not ignored.
//!
//! ```toml
//! default_environment = "US-03"
//!
//! [defaults]
//! timezone = "Asia/Seoul"        # company time zone used by validation (IANA name)
//! connect_timeout_secs = 10
//! timeout_secs = 30
//! max_body_bytes = 10485760      # response and request bodies over this are kept truncated in history
//! max_input_bytes = 67108864     # FILE|- inputs (bodies, batches, curl commands, fixtures) over this are refused
//!
//! [environment.US-03]
//! api_key_env = "BRAZE_US03_KEY" # read the key from this variable (a variable name: letters, digits, _)
//!
//! [environment.staging]
//! url = "https://braze-proxy.internal.example"
//! api_key = "…"                  # refused unless the file is private (chmod 600)
//! scim_token_env = "STAGING_SCIM" # the SCIM token's variable, for /scim/v2/… (see `super::scim`)
//! scim_request_origin = "support.example.com"
//!
//! [environment.staging.variables]  # {{name}} in saved requests sent to this environment
//! campaign_id = "welcome-2026"
//! api_token = { value_env = "STAGING_TOKEN", secret = true }
//! ```
//!
//! `requests_dir = "…"` at the top level names the folder of saved requests (the collection).
//! `history_url = "postgres://…"`, `user = "…"` and `claim_timeout_secs = 600` at the top level choose the shared
//! ledger (see [`super::ledger`]).
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub default_environment: Option<String>,
    /// Where saved requests live (a folder); default: `requests` beside the history.
    pub requests_dir: Option<String>,
    /// The shared ledger (`postgres://…`); the local SQLite history when absent.
    pub history_url: Option<String>,
    /// Who the history records as the sender; default: the login name.
    pub user: Option<String>,
    /// How long a replay claim holds (see [`super::ledger`]).
    pub claim_timeout_secs: Option<u64>,
    #[serde(default)]
    pub defaults: FileDefaults,
    #[serde(default)]
    pub environment: BTreeMap<String, FileEnvironment>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDefaults {
    pub timezone: Option<String>,
    pub connect_timeout_secs: Option<f64>,
    pub timeout_secs: Option<f64>,
    pub max_body_bytes: Option<u64>,
    pub max_input_bytes: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEnvironment {
    /// REST base URL; required for a custom environment, overrides an instance's URL.
    pub url: Option<String>,
    /// Name of the variable holding this environment's key.
    pub api_key_env: Option<String>,
    /// The key itself; only accepted from a private file.
    pub api_key: Option<String>,
    pub timezone: Option<String>,
    pub connect_timeout_secs: Option<f64>,
    pub timeout_secs: Option<f64>,
    /// Name of the variable holding this environment's SCIM token (for the `/scim/v2/…` endpoints).
    pub scim_token_env: Option<String>,
    /// Sent as `X-Request-Origin` on SCIM requests that carry none.
    pub scim_request_origin: Option<String>,
    /// The environment's variables for saved requests (`name = "value"`, `{ value = … }`,
    /// `{ value_env = "VAR", secret = true }`), read by [`crate::request::vars::parse_table`].
    pub variables: Option<toml::Table>,
}

impl FileConfig {
    pub fn parse(text: &str) -> Result<FileConfig, toml::de::Error> {
        toml::from_str(text)
    }

    /// Environments that write their key into the file.
    pub fn environments_with_inline_key(&self) -> Vec<&str> {
        self.environment.iter().filter(|(_, e)| e.api_key.is_some()).map(|(n, _)| n.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let c = FileConfig::parse(
            r#"
default_environment = "US-03"
[defaults]
timezone = "Asia/Seoul"
timeout_secs = 5
[environment.US-03]
api_key_env = "BRAZE_US03_KEY"
[environment.staging]
url = "https://proxy.example"
api_key = "k"
"#,
        )
        .unwrap();
        assert_eq!(c.default_environment.as_deref(), Some("US-03"));
        assert_eq!(c.defaults.timeout_secs, Some(5.0));
        assert_eq!(c.environment["US-03"].api_key_env.as_deref(), Some("BRAZE_US03_KEY"));
        assert_eq!(c.environments_with_inline_key(), vec!["staging"]);
    }

    #[test]
    fn requests_dir_and_an_environments_variables_are_read() {
        let c = FileConfig::parse(
            "requests_dir = \"api/requests\"\n[environment.US-03.variables]\ncampaign_id = \"c-1\"\n\
             api_token = { value_env = \"TOK\", secret = true }\n",
        )
        .unwrap();
        assert_eq!(c.requests_dir.as_deref(), Some("api/requests"));
        let vars = c.environment["US-03"].variables.as_ref().unwrap();
        assert_eq!(vars["campaign_id"].as_str(), Some("c-1"));
        assert!(FileConfig::parse("requests_dri = \"x\"\n").is_err(), "unknown keys are still refused");
    }

    #[test]
    fn a_misspelt_key_is_an_error_with_its_line_and_not_its_value() {
        let text = "[environment.x]\napi_kye = \"k-0123456789\"\n";
        let msg = crate::config::describe_toml_error(text, &FileConfig::parse(text).unwrap_err());
        assert!(msg.contains("api_kye"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
        assert!(!msg.contains("0123456789"), "{msg}");
    }
}
