//! Stopping a `send`, `batch` or `replay` from outside: SIGINT (Ctrl-C), SIGTERM (a supervisor, `timeout`, `kill`)
//! and SIGHUP (the terminal closed) all cancel the work in flight the same way, so the exchange is still recorded
//! (as cancelled) and the result still printed; the exit code then says which signal it was, as a shell would
//! (128 + the signal's number).

use std::sync::{Arc, OnceLock};

use crate::client::CancellationToken;

/// A signal that stopped the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    Hangup,
    Interrupt,
    Terminate,
}

impl Stop {
    /// 129 / 130 / 143 (DESIGN §3.1).
    pub(super) fn exit_code(self) -> i32 {
        match self {
            Stop::Hangup => 129,
            Stop::Interrupt => 130,
            Stop::Terminate => 143,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Stop::Hangup => "SIGHUP",
            Stop::Interrupt => "SIGINT",
            Stop::Terminate => "SIGTERM",
        }
    }
}

/// A cancellation token and the signal that cancelled it, if one did.
#[derive(Debug, Clone)]
pub(super) struct Interruption {
    pub(super) token: CancellationToken,
    fired: Arc<OnceLock<Stop>>,
}

impl Interruption {
    /// The first signal received, `None` while none has come.
    pub(super) fn signal(&self) -> Option<Stop> {
        self.fired.get().copied()
    }

    /// Records `stop` (the first one wins) and cancels the token.
    fn fire(&self, stop: Stop) {
        let _ = self.fired.set(stop);
        self.token.cancel();
    }
}

/// Cancels the returned token at the first SIGINT, SIGTERM or SIGHUP and remembers which. Call inside the runtime.
///
/// The handlers are installed before this returns, so a signal during the send cannot kill the process before
/// its exchange is recorded. Tokio never uninstalls a handler, even once its stream is dropped: a second signal
/// while the result is being recorded or printed is ignored, which lets that finish (it takes at most the
/// history's busy timeout).
pub(super) fn cancel_on_signals() -> Interruption {
    let interruption = Interruption { token: CancellationToken::new(), fired: Arc::new(OnceLock::new()) };
    let on_signal = interruption.clone();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{Signal, SignalKind, signal};
        // Registration fails only for a signal the OS forbids catching, which these are not; a failure leaves that
        // signal's default action (ending the process), the behaviour before this existed.
        let mut hup = signal(SignalKind::hangup()).ok();
        let mut int = signal(SignalKind::interrupt()).ok();
        let mut term = signal(SignalKind::terminate()).ok();
        async fn next(s: &mut Option<Signal>) {
            let fired = match s {
                Some(s) => s.recv().await.is_some(),
                None => false,
            };
            if !fired {
                // No handler, or its stream ended: this one never fires.
                std::future::pending::<()>().await;
            }
        }
        tokio::spawn(async move {
            let stop = tokio::select! {
                _ = next(&mut int) => Stop::Interrupt,
                _ = next(&mut term) => Stop::Terminate,
                _ = next(&mut hup) => Stop::Hangup,
            };
            on_signal.fire(stop);
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_signal.fire(Stop::Interrupt);
        }
    });
    interruption
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_signal_has_the_shell_exit_code() {
        assert_eq!(Stop::Hangup.exit_code(), 128 + libc::SIGHUP);
        assert_eq!(Stop::Interrupt.exit_code(), 128 + libc::SIGINT);
        assert_eq!(Stop::Terminate.exit_code(), 128 + libc::SIGTERM);
    }

    #[test]
    fn the_first_signal_wins() {
        let i = Interruption { token: CancellationToken::new(), fired: Arc::new(OnceLock::new()) };
        assert_eq!(i.signal(), None);
        i.fire(Stop::Terminate);
        i.fire(Stop::Interrupt);
        assert!(i.token.is_cancelled());
        assert_eq!(i.signal(), Some(Stop::Terminate));
    }
}
