//! The error table and the endpoint catalog, loaded from `assets/` (embedded at compile time; see assets/README.md), and the lookups
//! on them: resolving what a user typed, the did-you-mean for an unknown endpoint ([`EndpointCatalog::suggest`]).
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

mod body;
mod endpoints;
mod errors;
mod load;
mod query;
mod rules;
pub mod syntax;

pub use body::{BodyKey, BodyType, MessagingObjects, NestedObject, Parent};
pub use endpoints::{Credential, Endpoint, EndpointCatalog, Kind, Limit, RateLimit, Resolved, Rule, Scope};
pub use errors::{AnswerRow, ErrorRow, ErrorTable, RetryKind, Shape};
pub use query::{QueryKind, QueryParam};
pub use rules::{Bounds, Breaks, DocRule, Format, Member, Place, PlaceTree, RuleBook, RuleSeverity, Step, Test};

use std::sync::OnceLock;

/// The error table of `assets/errors.toml`.
pub fn errors() -> &'static ErrorTable {
    static T: OnceLock<ErrorTable> = OnceLock::new();
    T.get_or_init(|| {
        let seed = embedded::ERRORS_SEED.first().map_or("", |(_, text)| *text);
        ErrorTable::load(seed, embedded::ERRORS).expect("assets/errors.toml and assets/errors/ are valid (tested)")
    })
}

/// The endpoint catalog of `assets/endpoints/` with its templates, parsed once, on first use.
pub fn endpoints() -> &'static EndpointCatalog {
    static C: OnceLock<EndpointCatalog> = OnceLock::new();
    C.get_or_init(|| EndpointCatalog::load(embedded::ENDPOINTS).expect("assets/endpoints/ is valid (tested)"))
}

/// The documented rules of `assets/rules/`, checked against the catalog and the error table, parsed once.
pub fn rules() -> &'static RuleBook {
    static R: OnceLock<RuleBook> = OnceLock::new();
    R.get_or_init(|| RuleBook::load(embedded::RULES, endpoints(), errors()).expect("assets/rules/ is valid (tested)"))
}

/// The files of `assets/mock/answers/` (name, text), for the mock server.
pub fn mock_answers() -> &'static [(&'static str, &'static str)] {
    embedded::ANSWERS
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// The template body `name` from `assets/templates/`, if it exists.
pub fn template(name: &str) -> Option<&'static str> {
    embedded::TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Every embedded template, by file name.
pub fn templates() -> &'static [(&'static str, &'static str)] {
    embedded::TEMPLATES
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("invalid catalog data: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("invalid catalog data: {0}")]
    Invalid(String),
}

#[cfg(test)]
mod tests;
