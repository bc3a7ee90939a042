//! The mock's bounds: how large a request body may be, how much of them all connections may hold together, how
//! many connections stay open and for how long, and how much a session may store. The mock is a local tool, but
//! any program that can reach its port (a runaway script, a load test, a hostile page) must not be able to grow it
//! without limit.

use std::time::Duration;

/// What one request, all requests together, and the session may hold. [`Limits::default`] is what `brazen mock`
/// and the TUI's offline mock use; tests shrink the timeouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes; above it the answer is 413 `Request Entity Too Large`, before the body is
    /// read when `Content-Length` says so. Braze documents "a data payload limit of 4 MB" on every endpoint, with
    /// the same 413; the default, 4 MiB, is the larger reading of "4 MB", so the mock never refuses a body Braze
    /// might take.
    pub max_body: usize,
    /// Request-body bytes held at once across all connections. A request that would go over is answered 503
    /// `Service Unavailable` at once: the request is fine, the server is busy, and a Braze client retries a 503
    /// with backoff (a 413 would tell it never to retry). Default 32 MiB: 8 bodies at the 4 MiB cap, or 16,000
    /// ordinary 2 KiB sends, in flight together.
    pub bodies_in_flight: usize,
    /// Open connections. At the cap the server stops accepting until one closes; the kernel queues the rest
    /// (listen backlog), so a burst waits instead of failing. Default 512: a load test with `wrk -c 32` uses 32.
    pub max_connections: usize,
    /// Time a client has to send a request's line and headers, counted from when the server starts waiting for
    /// them: it is also the longest a kept-alive connection may sit idle between requests. Default 10 s: a client
    /// on the same machine sends its headers in microseconds.
    pub header_timeout: Duration,
    /// Time a client has to send a whole body once its headers are in; after it, 408 `Request Timeout` and the
    /// body's budget is released. Default 30 s: 4 MiB at 1.1 Mbit/s.
    pub body_timeout: Duration,
    /// Schedules the session keeps (`/messages/scheduled_broadcasts` lists them); at the cap the oldest is
    /// forgotten. Default 1,000.
    pub max_schedules: usize,
    /// Send ids the session learns (`/sends/id/create`, or a `send_id` used in a send); at the cap the oldest is
    /// forgotten. The fixtures' own send ids are always kept. Default 1,000: Braze lets a workspace create 100 a
    /// day, so this is ten days' worth.
    pub max_sends: usize,
    /// JSON bytes the resource store (catalogs, items, Content Blocks, SCIM users …) holds across all kinds; at the
    /// cap the oldest thing created in the session is forgotten (each kind also keeps at most its `[[kind]] max`
    /// things: `assets/mock/answers/`). Default 16 MiB: 10,000 catalog items of 1.6 KiB.
    pub max_things_bytes: usize,
}

/// Longest id or time the session stores from a body (`canvas_id`, `schedule.time`), in bytes; longer ones are
/// refused with 400. Braze's ids are 36-character UUIDs and an ISO 8601 time with a zone name stays under 64, so
/// 256 refuses only garbage, and keeps 1,000 schedules under a megabyte.
pub const MAX_STORED_FIELD: usize = 256;

/// hyper's read buffer per connection, which also bounds a request's line and headers: a head that does not fit
/// answers 431 (hyper checks between reads, so the last read may overshoot it, to about twice this at most).
/// hyper's own default is about 400 KiB; 64 KiB holds any real request head and keeps 512 connections' buffers
/// near 32 MiB.
pub(crate) const READ_BUFFER: usize = 64 << 10;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 4 << 20,
            bodies_in_flight: 32 << 20,
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_schedules: 1_000,
            max_sends: 1_000,
            max_things_bytes: 16 << 20,
        }
    }
}
