//! Environments from the configuration, and the in-process mock behind `sandbox`.

use super::super::model::EnvInfo;
use crate::config::{Config, Environment};

/// The switcher's view of one environment; the sandbox's URL is the running mock's, if any.
pub fn info(e: &Environment, mock_url: Option<&str>) -> EnvInfo {
    EnvInfo {
        name: e.name.clone(),
        url: if crate::service::needs_mock(e) {
            mock_url.map(str::to_string)
        } else {
            e.url.as_ref().map(|u| u.value.clone())
        },
        key_masked: e.key.as_ref().map(|k| k.value.masked()),
        offline_mock: crate::service::needs_mock(e),
        timezone: e.timezone.value.clone(),
    }
}

pub fn list(config: &Config, mock_url: Option<&str>) -> Vec<EnvInfo> {
    config.environments.iter().map(|e| info(e, mock_url)).collect()
}
