//! The HTTP client: builds a request from the catalog, sends it with retries as [`crate::retry`] decides, measures
//! it, classifies network failures, and produces the [`crate::exchange::Exchange`] that history keeps.

mod engine;
mod network;
mod progress;
mod request;
mod target;
mod timing;
mod tls;

pub use engine::{ClientError, ClientSettings, Clock, SendPlan, Sender, Sent, Target};
pub use network::{advice, classify_chain, detail, kind_name, title};
pub use progress::Progress;
pub use request::{BuildError, PreparedRequest, query_from_json};
pub use target::{Opened, TargetError, open};
pub use tls::install_crypto_provider;
pub use tokio_util::sync::CancellationToken;
