//! The Braze instance table of `assets/instances.toml` (embedded).
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::sync::OnceLock;

use serde::Deserialize;

/// One Braze instance: `US-03`, its dashboard and its REST base URL.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Instance {
    pub name: String,
    pub dashboard: String,
    pub rest_url: String,
}

#[derive(Deserialize)]
struct Table {
    instance: Vec<Instance>,
}

pub(super) fn all() -> &'static [Instance] {
    static T: OnceLock<Vec<Instance>> = OnceLock::new();
    T.get_or_init(|| {
        toml::from_str::<Table>(include_str!("../../assets/instances.toml"))
            .map(|t| t.instance)
            .expect("assets/instances.toml is valid (tested)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_instance_has_an_https_rest_url() {
        let names: Vec<&str> = all().iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "US-01", "US-02", "US-03", "US-04", "US-05", "US-06", "US-07", "US-08", "US-10", "EU-01", "EU-02",
                "AU-01"
            ]
        );
        for i in all() {
            assert!(i.rest_url.starts_with("https://rest."), "{i:?}");
            assert!(i.dashboard.starts_with("https://dashboard"), "{i:?}");
        }
        let eu = all().iter().find(|i| i.name == "EU-01").unwrap();
        assert_eq!(eu.rest_url, "https://rest.fra-01.braze.eu");
    }
}
