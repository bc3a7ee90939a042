//! Postman collections (format v2.1, also read: v2.0), both ways, as pure conversions: [`import`] turns a
//! collection's JSON into saved requests ([`RequestFile`]s with their names) and the collection's variables;
//! [`export`] turns saved requests and a `variables.toml` back into a collection. The CLI does the file IO.
//!
//! What an import keeps and drops:
//! - every request, named from its Postman name (made file-safe, unique in its folder); folders become groups;
//! - method, path (the host — `{{baseUrl}}`, `https://rest.iad-01.braze.com` — dropped: brazen sends to the
//!   environment's URL), query, headers, a raw body; `{{variables}}` stay as written (they are brazen's too);
//!   Postman's `:name` path variables become their value, or `{{name}}` when they have none;
//! - the description becomes the note; a last line `@environment NAME` (what an export writes) the environment;
//! - credentials are dropped and said so: `auth` at every level, credential headers (`Authorization`,
//!   `X-Api-Key` …, [`crate::scrub::is_credential_header`]), an `api_key` query parameter; scripts are dropped too;
//! - collection variables become the variables file; one whose name looks like a secret (key, token, password,
//!   secret) or of Postman type `secret` gets no value but `{ value_env = "NAME", secret = true }`;
//! - a request brazen cannot express is skipped with a reason (a body that is not raw text, an unknown method, …);
//!   a request to an endpoint the catalog does not know is kept, with a hint in its note.
//!
//! Bounds: serde_json refuses nesting deeper than 128 levels (an error, not a stack overflow); at most
//! [`crate::request::name::MAX_GROUPS`] folders deep and 10,000 requests are imported, the rest skipped with a
//! reason. The caller bounds the input's size.
//!
//! Core: pure and synchronous; must not import an IO crate nor the adapters and front ends.

mod export;
mod import;

pub use export::{ExportError, ExportVariable, export, parse_variables};
pub use import::{Dropped, Import, ImportError, ImportedRequest, SkipReason, Skipped, Variable, import};

/// The schema URL of a v2.1 collection.
pub const SCHEMA_V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// The collection variable an export writes as every request's host.
pub const BASE_URL: &str = "baseUrl";

/// At most this many requests are imported from one collection (the collection's listing bound).
pub const MAX_REQUESTS: usize = 10_000;

/// Whether a variable of this name holds a secret: the variables' own rule, so an import drops exactly the values
/// that sending would mask.
pub use crate::request::vars::looks_secret;

/// A process variable name for a brazen variable: `apiToken` → `API_TOKEN`, `customer.key` → `CUSTOMER_KEY`.
pub fn env_name(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_string();
    match out.chars().next() {
        None => "VALUE".to_string(),
        Some(c) if c.is_ascii_digit() => format!("_{out}"),
        Some(_) => out,
    }
}

/// Whether `name` is a brazen variable name: `[A-Za-z_][A-Za-z0-9_.-]*`.
pub fn is_variable_name(name: &str) -> bool {
    crate::request::vars::is_name(name)
}

#[cfg(test)]
mod tests;
