//! One send with its progress: the client's progress channel drained into the caller's callback while the send
//! runs, in order, and finished when the send is.

use crate::client::{CancellationToken, PreparedRequest, Progress, SendPlan, Sender, Sent, Target};
use crate::history::HistoryError;

/// What a run reports while it goes, for the front end to show (the service itself never prints).
#[derive(Debug)]
pub enum Event<'a> {
    /// From the client: an attempt started or ended, a wait before the next one.
    Progress(Progress),
    /// A batch waits `wait` before `line`: the last answer said the rate-limit window is used up.
    Pausing { line: usize, wait: std::time::Duration },
    /// A batch line or a replayed exchange is done (sent and recorded, or tried and given up): one step of the run.
    Done { exchange: &'a crate::exchange::Exchange },
    /// A replay's original is no longer in the history: skipped.
    Vanished { id: i64 },
    /// Another replay (another process, another machine) holds a claim on the original or has re-sent it: skipped.
    Taken { id: i64 },
    /// The exchange went out (or was tried) but could not be recorded.
    NotRecorded { exchange: &'a crate::exchange::Exchange, error: &'a HistoryError },
    /// A replay was recorded but its original could not be marked as replayed.
    NotMarked { original: i64, error: &'a HistoryError },
}

/// Sends `req` to `target` as `plan` says, handing each progress report to `on` as it happens.
pub async fn send(
    sender: &Sender,
    target: &Target,
    req: &PreparedRequest,
    plan: &SendPlan,
    cancel: &CancellationToken,
    on: &(dyn Fn(Event<'_>) + Sync),
) -> Sent {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let sending = async move {
        let sent = sender.send(target, req, plan, Some(&tx), cancel).await;
        // Closing the channel ends the forwarding below once it has drained.
        drop(tx);
        sent
    };
    let forwarding = async {
        while let Some(p) = rx.recv().await {
            on(Event::Progress(p));
        }
    };
    let (sent, ()) = tokio::join!(sending, forwarding);
    sent
}

/// A single-threaded runtime for a command that sends.
pub fn runtime() -> Result<tokio::runtime::Runtime, super::Error> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(super::Error::Runtime)
}
