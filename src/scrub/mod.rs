//! Secret scrubbing, in the pure core: nothing here reads a file, the clock or the network.
//!
//! - [`Secrets`]: the credentials a process knows (its API keys and tokens) and those an exchange carries, and
//!   the one function that removes them from a text in any form: plain, percent-encoded, JSON `\u`-escaped or
//!   inside base64.
//! - [`Scrubbed`]: a value that went through the scrubber. Every text field is covered because the scrubber
//!   walks the value's serde form, not a list of fields; the history store and the exporters take only this.
//! - [`is_credential_header`] / [`is_credential_field`]: which headers and fields hold credentials, for
//!   everything that masks them (the history, `import curl`, replays).
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

mod exchange;
mod report;
mod secrets;
mod walk;

pub use exchange::{
    Scrubbed, body_secrets, exchange, header_secrets, is_credential_field, is_credential_header,
    mask_credential_headers, percent_decoded, scrub_value, url_secrets,
};
pub use report::report;
pub use secrets::{MAX_SECRETS, MIN_SECRET_LEN, REDACTED, Secrets};
pub use walk::ScrubError;

#[cfg(test)]
mod tests;
