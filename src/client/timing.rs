//! Connect timing: a connector layer that times every new connection (DNS + TCP + TLS). A request that reuses a
//! pooled connection opens none, and its `connect_ms` stays `None`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// The connections a client opened: how many, and how long the newest took.
#[derive(Debug, Clone, Default)]
pub struct ConnectLog(Arc<Mutex<(u64, Option<Duration>)>>);

impl ConnectLog {
    fn record(&self, took: Duration) {
        let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        g.0 += 1;
        g.1 = Some(took);
    }

    /// A counter that changes whenever a connection is opened.
    pub fn generation(&self) -> u64 {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).0
    }

    /// The connect time of the newest connection if one was opened since `generation`. Sends sharing one
    /// client concurrently may see each other's connection; a single send sees its own.
    pub fn since(&self, generation: u64) -> Option<Duration> {
        let g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if g.0 != generation { g.1 } else { None }
    }
}

#[derive(Debug, Clone)]
pub struct ConnectTimingLayer(pub ConnectLog);

impl<S> tower::Layer<S> for ConnectTimingLayer {
    type Service = Timed<S>;
    fn layer(&self, inner: S) -> Timed<S> {
        Timed { inner, log: self.0.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct Timed<S> {
    inner: S,
    log: ConnectLog,
}

impl<S, R> tower::Service<R> for Timed<S>
where
    S: tower::Service<R>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: R) -> Self::Future {
        let log = self.log.clone();
        let start = tokio::time::Instant::now();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let out = fut.await;
            if out.is_ok() {
                log.record(start.elapsed());
            }
            out
        })
    }
}
