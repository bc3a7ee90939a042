//! A [`Clock`] whose wall time moves with tokio's clock, so on a paused test runtime the client's waits, the
//! mock's rate-limit windows and the times recorded all advance together. Lives in the client because it reads
//! tokio; the trait and the manual clock are the core's ([`crate::clock`]).

use crate::clock::Clock;

/// Wall time starting at `base` when created and following `tokio::time::Instant` from then on.
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    base: jiff::Timestamp,
    start: tokio::time::Instant,
}

impl TokioClock {
    /// Starts at `base` now. Call inside a runtime.
    pub fn starting_at(base: jiff::Timestamp) -> TokioClock {
        TokioClock { base, start: tokio::time::Instant::now() }
    }
}

impl Clock for TokioClock {
    fn now(&self) -> jiff::Timestamp {
        let elapsed = jiff::SignedDuration::try_from(self.start.elapsed()).unwrap_or(jiff::SignedDuration::MAX);
        self.base.saturating_add(elapsed).unwrap_or(self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_tokio_clock_moves_wall_time_when_paused() {
        let base = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let c = TokioClock::starting_at(base);
        tokio::time::sleep(std::time::Duration::from_secs(90)).await;
        assert_eq!(c.now().as_second(), 1_700_000_090);
    }
}
