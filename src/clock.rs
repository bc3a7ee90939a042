//! The one sense of "now": a [`Clock`] trait every layer takes by injection, and a [`ManualClock`] that moves only
//! when told (tests: unit and integration). Core: pure; nothing here reads the machine's time. The real wall clock
//! is an adapter, [`crate::system::SystemClock`], and the client adds one that follows tokio's (possibly paused)
//! time.
//!
//! Must not import the IO crates or the adapters and front ends (see the core list in `lib.rs`).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Where "now" comes from: the client's attempt times and rate-limit distances, the mock's windows and data
/// series, the TUI's countdowns. One clock shared by all three makes a test's times agree.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> jiff::Timestamp;
}

/// A clock shared by the parts of a program (client, mock, TUI runtime).
pub type SharedClock = Arc<dyn Clock>;

/// A clock that moves only when told to. Clones share one time, so a test keeps a clone and advances it while the
/// code under test reads it.
#[derive(Debug, Clone)]
pub struct ManualClock {
    millis: Arc<AtomicI64>,
}

impl ManualClock {
    pub fn new(start: jiff::Timestamp) -> ManualClock {
        ManualClock { millis: Arc::new(AtomicI64::new(start.as_millisecond())) }
    }

    pub fn set(&self, t: jiff::Timestamp) {
        self.millis.store(t.as_millisecond(), Ordering::SeqCst);
    }

    pub fn advance(&self, by: std::time::Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.millis.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::from_millisecond(self.millis.load(Ordering::SeqCst)).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told_and_clones_share_time() {
        let start: jiff::Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let c = ManualClock::new(start);
        let view = c.clone();
        assert_eq!(view.now(), start);
        c.advance(std::time::Duration::from_secs(61));
        assert_eq!(view.now().as_second(), start.as_second() + 61);
        c.set(start);
        assert_eq!(view.now(), start);
    }
}
