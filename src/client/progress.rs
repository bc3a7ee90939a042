//! What a send reports while it runs, so a front end can show it (spinner, countdown to the next attempt).

use std::time::Duration;

use crate::exchange::NetworkErrorKind;
use crate::retry::Reason;

#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Attempt `number` (1-based) is on the wire.
    AttemptStarted { number: u32, at: jiff::Timestamp },
    /// An attempt ended: a status, or the kind of network failure.
    AttemptFinished { number: u32, status: Option<u16>, failure: Option<NetworkErrorKind>, total_ms: f64 },
    /// Waiting `after` (until `until`) before attempt `next_attempt`; `why` is the retry decision's reason, for the
    /// front end to say in its language.
    Waiting { next_attempt: u32, until: jiff::Timestamp, after: Duration, why: Reason },
}
