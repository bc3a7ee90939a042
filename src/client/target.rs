//! Opening an environment for sending: its base URL and key, starting the in-process mock for the sandbox.

use super::engine::Target;
use crate::config::Environment;
use crate::mock::{MockOptions, MockServer};

/// A target ready to send to. For the sandbox it owns the mock server, which stops when this is dropped.
#[derive(Debug)]
pub struct Opened {
    pub target: Target,
    /// The in-process mock serving the sandbox.
    pub mock: Option<MockServer>,
}

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The environment has no key; the sentence says what to set.
    #[error("{0}")]
    MissingKey(String),
    #[error("cannot start the sandbox mock: {0}")]
    Mock(#[from] crate::mock::MockError),
}

/// Opens `env`: the sandbox starts the built-in mock on `127.0.0.1:0` with its default fixtures.
pub async fn open(env: &Environment) -> Result<Opened, TargetError> {
    let key = env.key.as_ref().map(|k| k.value.clone()).ok_or_else(|| {
        TargetError::MissingKey(env.missing_key.clone().unwrap_or_else(|| format!("no API key for {}", env.name)))
    })?;
    let (base_url, mock) = match &env.url {
        Some(url) => (url.value.clone(), None),
        None => {
            let server = crate::mock::start(MockOptions::default()).await?;
            (server.url(), Some(server))
        }
    };
    Ok(Opened { target: Target { environment: env.name.clone(), base_url, key }, mock })
}
