//! Reading a request body within the bounds of [`super::Limits`]: at most `max_body` bytes for one request, at most
//! `bodies_in_flight` bytes for all requests together, and within `body_timeout`.
//!
//! The body is read frame by frame into a buffer whose capacity is reserved from a shared [`Budget`] before it is
//! allocated, so the budget counts the memory actually held (not only the bytes received). The reservation lives
//! until the answer is made and is returned when it is dropped, including when the client goes away mid-body
//! and the handler's future is dropped with it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::http::HeaderMap;
use axum::http::header::CONTENT_LENGTH;
use futures_util::StreamExt;

/// Bytes of request bodies held across all connections.
#[derive(Debug)]
pub(crate) struct Budget {
    used: AtomicUsize,
    cap: usize,
}

/// Bytes taken from a [`Budget`], given back on drop.
#[derive(Debug)]
pub(crate) struct Reservation<'b> {
    budget: &'b Budget,
    bytes: usize,
}

impl Budget {
    pub fn new(cap: usize) -> Budget {
        Budget { used: AtomicUsize::new(0), cap }
    }

    /// Bytes reserved right now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    fn take(&self, bytes: usize) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|total| *total <= self.cap)
            })
            .is_ok()
    }

    pub fn reserve(&self, bytes: usize) -> Option<Reservation<'_>> {
        // Not `then_some`: it would build (and so drop, giving back) a reservation that was never taken.
        if self.take(bytes) { Some(Reservation { budget: self, bytes }) } else { None }
    }
}

impl Reservation<'_> {
    /// Takes `more` bytes too; `false` (and nothing taken) when the budget has not got them.
    fn grow(&mut self, more: usize) -> bool {
        let ok = self.budget.take(more);
        if ok {
            self.bytes += more;
        }
        ok
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.budget.used.fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Larger than `max_body` (said by `Content-Length`, or found while reading).
    TooLarge,
    /// The budget of bodies in flight has not got room for it.
    Busy,
    /// Not all there within `body_timeout`.
    TooSlow,
    /// The client stopped mid-body, or sent a malformed one.
    Broken,
}

/// The body, and the budget it holds until dropped.
pub(crate) struct Read<'b> {
    pub bytes: Vec<u8>,
    _held: Reservation<'b>,
}

/// Reads `body` whole, within `max_body`, the `budget` and `timeout`.
pub(crate) async fn read<'b>(
    headers: &HeaderMap,
    body: Body,
    max_body: usize,
    budget: &'b Budget,
    timeout: Duration,
) -> Result<Read<'b>, Refused> {
    // A declared length is reserved and allocated at once: one exact allocation, and a request that cannot fit
    // is refused before a byte of it is read.
    let declared = match headers.get(CONTENT_LENGTH) {
        None => None,
        Some(v) => Some(v.to_str().ok().and_then(|v| v.trim().parse::<u64>().ok()).ok_or(Refused::Broken)?),
    };
    let declared = match declared {
        Some(n) if n > max_body as u64 => return Err(Refused::TooLarge),
        Some(n) => Some(n as usize),
        None => None,
    };
    let mut held = budget.reserve(declared.unwrap_or(0)).ok_or(Refused::Busy)?;
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0));
    let fill = async {
        let mut frames = body.into_data_stream();
        while let Some(frame) = frames.next().await {
            let frame = frame.map_err(|_| Refused::Broken)?;
            let needed = bytes.len() + frame.len();
            if needed > max_body {
                return Err(Refused::TooLarge);
            }
            if needed > bytes.capacity() {
                // Only a body without Content-Length grows (hyper refuses more bytes than declared): doubling, as
                // Vec would, but reserved first and never past the cap.
                let target = needed.max(bytes.capacity() * 2).max(4096).min(max_body);
                if !held.grow(target - bytes.capacity()) {
                    return Err(Refused::Busy);
                }
                bytes.reserve_exact(target - bytes.len());
            }
            bytes.extend_from_slice(&frame);
        }
        Ok(())
    };
    tokio::time::timeout(timeout, fill).await.map_err(|_| Refused::TooSlow)??;
    Ok(Read { bytes, _held: held })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn length(n: usize) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_LENGTH, HeaderValue::from(n));
        h
    }

    fn chunked(parts: Vec<&'static [u8]>) -> Body {
        let frames = futures_util::stream::iter(parts.into_iter().map(Ok::<_, std::io::Error>));
        Body::from_stream(frames)
    }

    const SLOW: Duration = Duration::from_secs(30);

    #[tokio::test]
    async fn a_declared_body_holds_its_length_until_dropped() {
        let budget = Budget::new(100);
        let read = read(&length(60), Body::from(vec![b'x'; 60]), 80, &budget, SLOW).await.unwrap();
        assert_eq!(read.bytes.len(), 60);
        assert_eq!(budget.used(), 60);
        // Another 60 does not fit beside it: refused before reading, nothing taken.
        assert_eq!(read_err(&length(60), Body::from(vec![b'x'; 60]), 80, &budget).await, Refused::Busy);
        assert_eq!(budget.used(), 60);
        drop(read);
        assert_eq!(budget.used(), 0);
    }

    async fn read_err(h: &HeaderMap, body: Body, max: usize, budget: &Budget) -> Refused {
        read(h, body, max, budget, SLOW).await.err().expect("refused")
    }

    #[tokio::test]
    async fn larger_than_max_body_is_too_large_declared_or_not() {
        let budget = Budget::new(1 << 20);
        assert_eq!(read_err(&length(81), Body::from(vec![b'x'; 81]), 80, &budget).await, Refused::TooLarge);
        let body = chunked(vec![&[b'x'; 50], &[b'x'; 50]]);
        assert_eq!(read_err(&HeaderMap::new(), body, 80, &budget).await, Refused::TooLarge);
        assert_eq!(budget.used(), 0);
    }

    #[tokio::test]
    async fn an_undeclared_body_reserves_its_buffer_as_it_grows() {
        let budget = Budget::new(1 << 20);
        let body = chunked(vec![&[b'a'; 3000], &[b'b'; 3000], &[b'c'; 3000]]);
        let read = read(&HeaderMap::new(), body, 1 << 20, &budget, SLOW).await.unwrap();
        assert_eq!(read.bytes.len(), 9000);
        assert!(budget.used() >= read.bytes.capacity(), "{} < {}", budget.used(), read.bytes.capacity());
        drop(read);
        assert_eq!(budget.used(), 0);
        // A budget smaller than the body: refused part-way, and what was taken is given back.
        let small = Budget::new(5000);
        let body = chunked(vec![&[b'a'; 3000], &[b'b'; 3000], &[b'c'; 3000]]);
        assert_eq!(read_err(&HeaderMap::new(), body, 1 << 20, &small).await, Refused::Busy);
        assert_eq!(small.used(), 0);
    }

    #[tokio::test]
    async fn a_body_that_never_ends_times_out_and_gives_its_budget_back() {
        let budget = Budget::new(1 << 20);
        let never = futures_util::stream::once(async { Ok::<_, std::io::Error>(&b"{\"a\":"[..]) })
            .chain(futures_util::stream::pending());
        let r = read(&length(100), Body::from_stream(never), 1 << 20, &budget, Duration::from_millis(20)).await;
        assert_eq!(r.err(), Some(Refused::TooSlow));
        assert_eq!(budget.used(), 0);
    }

    #[tokio::test]
    async fn a_content_length_that_is_not_a_number_is_broken() {
        let budget = Budget::new(100);
        let mut h = HeaderMap::new();
        h.insert(CONTENT_LENGTH, HeaderValue::from_static("lots"));
        assert_eq!(read_err(&h, Body::empty(), 80, &budget).await, Refused::Broken);
    }
}
