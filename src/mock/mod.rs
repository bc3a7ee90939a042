//! The built-in mock Braze server (`brazen mock`, and in-process for tests and the TUI's offline default).
//!
//! It answers every endpoint of the catalog with the same rules as the validator ([`crate::validate::check`]) and
//! the same error table ([`crate::catalog::errors`]), plus what only a server knows, from [`Fixtures`]: API keys,
//! SCIM tokens and permissions, campaigns and variations, rate-limit windows, and faults on demand; and from the
//! answers files (`assets/mock/answers/`, see `src/mock/resources`): each endpoint's documented answer and errors, and the
//! things a session creates, reads, changes and deletes (catalogs and items, Content Blocks, SCIM users …).
//!
//! An IO adapter over the core (validate, catalog, clock): it must not import the client, the history or the front
//! ends. Its time is the injected [`crate::clock::Clock`] of [`MockOptions::clock`].
//!
//! # Order of checks
//! Each request goes through these steps; the first that refuses answers.
//! 1. **Route**: method (GET, POST, PUT, PATCH, DELETE) and path must be an endpoint of `assets/endpoints/` → else
//!    404 `Not Found`. Only Braze's spelling is served (the catalog's accepted aliases such as `/send/id/create` get
//!    404, as from Braze).
//! 2. **Key**: `Authorization: Bearer KEY` naming a fixture key → else 401 `Unauthorized` (missing header, other
//!    scheme, unknown key, key wrapped in quotes). The SCIM endpoints (`credential = "scim"`) take a fixture SCIM
//!    token instead, and only they do: a REST key there, or a SCIM token elsewhere, is 401 too.
//! 3. **Account and permission**: an inactive key → 403 `Forbidden` everywhere; a key without the endpoint's
//!    permission → 403 `Access Denied`.
//! 4. **Faults**: the `X-Brazen-Fault` header, else the first fixture rule that fires. `slow-N` delays and goes on;
//!    the others answer at once. A fault asked for by an unauthorised request is not served: steps 1–3 come first.
//! 5. **Rate limit**: fixed window per (key, endpoint), or per (key, pool) for the endpoints of one `limit.pool`;
//!    over the limit → 429 `Rate Limited`. Requests refused at steps 1–4 are not counted; every request from here
//!    on is, whatever its answer.
//! 6. **Body** (every method but GET; a DELETE may have none): larger than [`Limits::max_body`] → 413 `Request Entity Too Large` (before it is read when
//!    `Content-Length` says so); no room left in [`Limits::bodies_in_flight`] → 503 `Service Unavailable`; not all
//!    there within [`Limits::body_timeout`] → 408 `Request Timeout`. Then the validator's fatal diagnostics and the
//!    fixtures' findings (unknown campaign, variation not in the campaign, variation of another channel, a stored
//!    field over [`MAX_STORED_FIELD`] bytes) together; the first in the order of the error table answers, with
//!    `{"message": <row name>, "errors": [<every finding>, <minor diagnostics>]}`. GET endpoints have the
//!    validator check their query (required, either/or and value rules) instead.
//! 7. **Documented errors**: the endpoint's `[[answer.error]]`s, in this order: a header missing, an array too
//!    long, the parent missing, the thing missing, the thing existing already, its job still running. The first
//!    met answers with its documented body, `{param}`s filled with the request's path values.
//! 8. **Success**, with the documented status: the endpoint's op applied to the store and the documented body with
//!    the stored things in it; for the sends, schedules, send ids, `/users/*` writes and exports and the data
//!    series, the hand-written body (`answers.rs`, `reads.rs`: `dispatch_id`, `send_id`, `schedule_id`,
//!    `*_processed`, …). The validator's minor diagnostics are added as `errors` strings. A 204 has no body.
//!
//! # Bounds
//! See [`Limits`]: body size per request and in total, connections, the header/idle and body timeouts, and the
//! schedules, send ids and things a session keeps (things: at most `[[kind]] max` created per kind, and
//! [`Limits::max_things_bytes`] in all). When storing evicts the oldest entry, the answer carries
//! [`EVICTED_HEADER`] and the request log says which.
//!
//! Every response carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` (UTC epoch seconds,
//! end of the window). Before a key is known (404, 401) they describe a fresh window of the endpoint's limit (for
//! 404: the limit most endpoints share) and count nothing.

mod answers;
mod body;
mod faults;
mod finding;
mod fixtures;
mod handler;
mod ids;
mod limits;
mod listen;
mod ratelimit;
mod reads;
mod resources;
mod series;
mod shallow;
mod state;
mod store;
mod users;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;

use crate::clock::SharedClock;

pub use faults::{FAULT_HEADER, Fault, MAX_SLOW_MS};
pub use fixtures::{ApiKey, CHANNELS, Campaign, FaultRule, Fixtures, HardBounce, ScimToken, Variation};
pub use handler::EVICTED_HEADER;
pub use limits::{Limits, MAX_STORED_FIELD};
pub use ratelimit::Window;

/// Every permission.
pub const SANDBOX_KEY: &str = "sandbox-all";
/// Only `users.*` permissions: `/messages/send` answers 403 `Access Denied`.
pub const SANDBOX_USERS_ONLY_KEY: &str = "sandbox-users-only";
/// A disabled account: 403 `Forbidden` everywhere.
pub const SANDBOX_INACTIVE_KEY: &str = "sandbox-inactive";
/// The SCIM token: the SCIM endpoints take it (with `X-Request-Origin`) instead of a REST key.
pub const SANDBOX_SCIM_TOKEN: &str = "sandbox-scim";

/// Where `brazen mock` listens unless told otherwise.
pub const DEFAULT_PORT: u16 = 4010;

#[derive(Debug, Clone)]
pub struct MockOptions {
    /// Default `127.0.0.1:0` (any free port); `brazen mock` uses `127.0.0.1:4010`.
    pub addr: SocketAddr,
    /// Default: `assets/mock/fixtures.toml`, embedded.
    pub fixtures: Fixtures,
    /// `Some(n)`: n requests per minute per key for every endpoint, instead of the documented limits.
    pub rate_limit_per_minute: Option<u64>,
    /// Seeds dispatch/schedule/send ids, data series and percentage fault rules.
    pub seed: u64,
    /// One line per request on standard error (the key never appears, only its fixture name).
    pub log_requests: bool,
    /// Where "now" comes from; tests pass a [`crate::clock::ManualClock`].
    pub clock: SharedClock,
    /// Bounds on bodies, connections, time and stored state.
    pub limits: Limits,
}

impl Default for MockOptions {
    fn default() -> MockOptions {
        MockOptions {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            fixtures: Fixtures::builtin(),
            rate_limit_per_minute: None,
            seed: 0,
            log_requests: false,
            clock: Arc::new(crate::system::SystemClock),
            limits: Limits::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MockError {
    // The cause is part of the sentence, not an error `source`: `{:#}` would print it a second time.
    #[error("cannot listen on {addr}: {cause}")]
    Bind { addr: SocketAddr, cause: std::io::Error },
    #[error("cannot read fixtures {path}: {cause}")]
    ReadFixtures { path: PathBuf, cause: std::io::Error },
    #[error("{origin}: {message}")]
    Fixtures { origin: String, message: String },
    #[error("assets/errors.toml has no `{0}`, which the mock answers with")]
    MissingRow(String),
    /// A file of `assets/mock/answers/` that cannot be answered from: the message names the file and the entry.
    #[error("{0}")]
    Answers(String),
}

/// A running mock server. Dropping it asks the server to stop; [`MockServer::shutdown`] also waits for it.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    stop: tokio::sync::watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
    shared: Arc<state::Shared>,
}

/// Binds `opts.addr` and serves in a tokio task. Must be called inside a tokio runtime.
pub async fn start(opts: MockOptions) -> Result<MockServer, MockError> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let shared = Arc::new(state::Shared::new(&opts, stopped.clone())?);
    let bind = |cause| MockError::Bind { addr: opts.addr, cause };
    let listener = tokio::net::TcpListener::bind(opts.addr).await.map_err(bind)?;
    let addr = listener.local_addr().map_err(bind)?;
    let app = Router::new().fallback(handler::handle).with_state(shared.clone());
    let limits = opts.limits.clone();
    let task = tokio::spawn(async move { listen::serve(listener, app, &limits, stopped).await });
    Ok(MockServer { addr, stop, task: Some(task), shared })
}

impl MockServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Requests answered so far (a `timeout` fault counts when the server stops).
    pub fn requests_served(&self) -> u64 {
        self.shared.served.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Request-body bytes held right now across connections (at most [`Limits::bodies_in_flight`]).
    pub fn bodies_held(&self) -> usize {
        self.shared.bodies.used()
    }

    /// The fixtures this server answers from.
    pub fn fixtures(&self) -> &Fixtures {
        &self.shared.fixtures
    }

    /// Stops accepting, drops connections held by `timeout` / `slow-N` faults, lets the other requests finish, and
    /// waits for the server (at most 5 seconds, then it is aborted).
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task).await.is_err()
        {
            task.abort();
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
