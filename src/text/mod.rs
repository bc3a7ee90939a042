//! Text from outside (response bodies, headers, input files, recorded exchanges) made safe to show: pure, no IO.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

pub mod bytes;
pub mod duration;
pub mod pretty;
mod visible;

pub use visible::{is_hidden, visible};

/// `s` with its first letter upper-cased: a sentence of the tables that also ends another sentence
/// ("HTTP 200: recorded. …") starts a line on its own.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A portable environment variable name (POSIX): letters, digits and `_`, not starting with a digit. The one rule
/// for `api_key_env`, `$VARIABLE` references and `NAME=value` prefixes in a pasted command.
pub fn is_variable_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
