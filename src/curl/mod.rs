//! curl import and export: a pasted curl command → a brazen request; a recorded exchange → a copy-pasteable
//! curl command or a support-ready markdown reproduction. No credential appears in either direction: imports
//! mask or leave out every one the history would redact, exports use `$BRAZE_API_KEY` (`$BRAZE_SCIM_TOKEN` for the
//! SCIM endpoints).
//!
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

pub mod bundle;
mod credentials;
mod export;
mod imported;
mod markdown;
mod parse;
mod shell;

pub use export::{
    KEY_VARIABLE, SCIM_TOKEN_VARIABLE, credential_variable, export_curl, export_notes, export_script, is_scim,
    sandbox_note, shell_quote,
};
pub use imported::ImportedRequest;
pub use markdown::{MARKDOWN_BODY_CAP, export_explanation, export_markdown};
pub use parse::parse_curl;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurlError {
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("nothing to import: the input is empty")]
    Empty,
    #[error("not a curl command: it starts with {0:?}")]
    NotCurl(String),
    #[error("the curl command has no URL")]
    NoUrl,
    #[error("invalid URL {url:?}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{0} needs a value")]
    MissingValue(String),
    #[error("{option}: {reason}")]
    Unsupported { option: String, reason: String },
}

/// The key as brazen shows it everywhere: `sand…-all` (first and last four characters), `…` when short.
pub fn mask_key(key: &str) -> String {
    crate::config::ApiKey::new(key).masked()
}

#[cfg(test)]
mod method_tests;
#[cfg(test)]
mod tests;
