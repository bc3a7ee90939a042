//! Configuration: where files live, environments (Braze instances, custom URLs, the sandbox), key sources.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

mod environment;
mod file;
mod input_cap;
mod instances;
mod key;
mod ledger;
mod load;
mod paths;
mod scim;
mod toml_error;
mod write;

use std::path::PathBuf;

pub use environment::{EnvKind, Environment, MissingKey, SANDBOX, SANDBOX_KEY, Source, Sourced};
pub use file::{FileConfig, FileDefaults, FileEnvironment};
pub use input_cap::{
    CappedReadError, DEFAULT_MAX_INPUT_BYTES, MAX_CONFIG_BYTES, read_at_most, read_file_at_most,
    read_text_file_at_most, size,
};
pub use instances::Instance;
pub use key::ApiKey;
pub use ledger::{DEFAULT_CLAIM_TIMEOUT_SECS, HISTORY_URL_VAR, LedgerUrl, login_name};
pub use load::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, Inputs, KEY_VAR, UrlProblem,
    check_base_url, check_url,
};
pub use paths::Paths;
pub use scim::{REQUEST_ORIGIN_HEADER, SANDBOX_SCIM_ORIGIN, SANDBOX_SCIM_TOKEN, SCIM_TOKEN_VAR, Scim, ScimToken};
pub use toml_error::describe as describe_toml_error;
pub use write::{add_environment, name_for_url};

/// Every Braze instance brazen knows (US-01 … AU-01), from `assets/instances.toml`.
pub fn instances() -> &'static [Instance] {
    instances::all()
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error(
        "{} is larger than {}, more than any config file needs; is it the right file?",
        path.display(), input_cap::size(*cap)
    )]
    TooLarge { path: PathBuf, cap: u64 },
    /// The message never quotes the file's text (see [`describe_toml_error`]).
    #[error("{}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error(
        "{path} holds an API key ([environment.{environment}] api_key) but other users can read it (mode {mode:04o}); \
         run `chmod 600 {path}`, or move the key to a variable named by api_key_env",
        path = path.display()
    )]
    KeyInSharedFile { path: PathBuf, environment: String, mode: u32 },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{at}: {message}")]
    Setting { at: String, message: String },
    #[error("unknown environment \"{name}\"; known: {}", known.join(", "))]
    UnknownEnvironment { name: String, known: Vec<String> },
}

impl ConfigError {
    /// Places a setting error in the config file.
    fn in_file(self, path: &std::path::Path) -> ConfigError {
        match self {
            ConfigError::Setting { at, message } => {
                ConfigError::Invalid { path: path.to_path_buf(), message: format!("{at}: {message}") }
            }
            other => other,
        }
    }
}
