//! The accept loop: HTTP/1.1 connections, at most [`Limits::max_connections`] open at once, each with hyper's
//! header-read timeout (which also closes a kept-alive connection idle that long) and a bounded read buffer.
//!
//! `axum::serve` offers none of these settings, so the loop is written out with hyper's connection builder.
//! It speaks HTTP/1.1 only: every bound here is an HTTP/1 setting, and the clients of a plain-`http://` mock
//! (brazen, curl, wrk) speak HTTP/1.1 to it.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use super::Limits;
use super::limits::READ_BUFFER;

/// Serves `app` on `listener` until `stop` turns true (or its sender is dropped); then stops accepting, lets every
/// connection finish its request in progress, and returns once all are closed.
pub(crate) async fn serve(listener: TcpListener, app: Router, limits: &Limits, stop: watch::Receiver<bool>) {
    // At least one, or nothing would ever be served.
    let max = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).max_buf_size(READ_BUFFER);
    loop {
        // A free slot first: at the cap nothing is accepted, and new clients wait in the listen backlog.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = stopped(stop.clone()) => break,
        };
        let Ok(slot) = slot else { break };
        let tcp = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin; a connection that
                    // failed before it was accepted (reset, aborted) is simply skipped.
                    if !is_connection_error(&e) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            _ = stopped(stop.clone()) => break,
        };
        // Answers are one small write each; without NODELAY a keep-alive client can wait on Nagle's algorithm.
        let _ = tcp.set_nodelay(true);
        let conn = http.serve_connection(TokioIo::new(tcp), TowerToHyperService::new(app.clone()));
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut conn = pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped(stop) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(slot);
        });
    }
    drop(listener);
    // Every slot back means every connection closed.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
}

/// Resolves once the server is asked to stop, or once the [`super::MockServer`] (the sender) is dropped.
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset)
}
