//! The errors of the service layer, each saying whether the user asked for something impossible ([`Kind::Usage`])
//! or something local broke before anything was sent ([`Kind::Local`]); the binary maps them to exit codes.

/// What went wrong, in the two families the exit codes tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The command line or its input asks for something impossible (exit 2).
    Usage,
    /// Configuration, history store, file system or process setup failed before anything was sent (exit 3).
    Local,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A sentence for the user: a flag out of range, an environment with no key, nothing to replay.
    #[error("{0}")]
    Usage(String),
    /// The request needs a credential (the key, a SCIM token or origin) its environment does not have.
    #[error(transparent)]
    Credential(#[from] super::MissingCredential),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    History(#[from] crate::history::HistoryError),
    #[error("cannot start the sandbox mock: {0}")]
    Mock(#[from] crate::mock::MockError),
    #[error(transparent)]
    Client(#[from] crate::client::ClientError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

impl Error {
    pub fn kind(&self) -> Kind {
        match self {
            // A missing credential is fixed by a setting or a flag, as a missing key always was (exit 2).
            Error::Usage(_) | Error::Credential(_) => Kind::Usage,
            // Naming an environment that does not exist is a typo on the command line, not a broken file.
            Error::Config(crate::config::ConfigError::UnknownEnvironment { .. }) => Kind::Usage,
            Error::Config(_) | Error::History(_) | Error::Mock(_) | Error::Client(_) | Error::Runtime(_) => Kind::Local,
        }
    }
}
