//! Adapter: the operating system's wall clock behind the core's [`Clock`]. The only place that reads the real time
//! for the injected clocks; front ends pass it in, tests pass a [`crate::clock::ManualClock`] instead.

use crate::clock::Clock;

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}
