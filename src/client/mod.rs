//! The HTTP client: builds a request from the catalog, sends it with retries as [`crate::retry`] decides, measures
//! it, classifies network failures, and produces the [`crate::exchange::Exchange`] that history keeps.

mod engine;
mod network;
mod progress;
mod target;
mod timing;
mod tls;
mod tokio_clock;

pub use engine::{ClientError, ClientSettings, SendPlan, Sender, Sent, Target};
pub use network::classify_chain;
pub use progress::Progress;
// The request and the words for network failures are core types the client's API speaks; re-exported for the
// callers that still name them through the client.
pub use crate::classify::network::{advice, detail, kind_name, title};
pub use crate::request::{BuildError, PreparedRequest, query_from_json};
pub use target::{Opened, TargetError, open};
pub use tls::install_crypto_provider;
pub use tokio_clock::TokioClock;
pub use tokio_util::sync::CancellationToken;
