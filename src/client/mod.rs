//! The HTTP client: sends a core [`crate::request::PreparedRequest`] with retries as [`crate::retry`] decides,
//! measures it, tells which kind a network failure is, and produces the [`crate::exchange::Exchange`] that history
//! keeps. Building requests and explaining failures are the core's; "now" is the injected
//! [`ClientSettings::clock`]. An IO adapter: it must not import the history or the front ends (`cli`, `tui`).

mod auth;
mod engine;
mod network;
mod progress;
mod record;
mod timing;
mod tls;
mod tokio_clock;

pub use auth::{NoCredential, ScimAuth, credential_for, credential_of, has_origin};
pub use engine::{ClientError, ClientSettings, SendPlan, Sender, Sent, Target};
pub use network::classify_chain;
pub use progress::Progress;
// The request and the words for network failures are core types the client's API speaks; re-exported for the
// callers that still name them through the client.
pub use crate::classify::network::{Front, advice, detail, explain, kind_name, title};
pub use crate::request::{BuildError, PreparedRequest, query_from_json};
pub use tls::install_crypto_provider;
pub use tokio_clock::TokioClock;
pub use tokio_util::sync::CancellationToken;
