//! The service layer: everything between a front end and the IO adapters for sending. It resolves an environment
//! into a target (the one sandbox test, the one "no API key" / "no SCIM token" check), opens the in-process mock when the CLI needs
//! one, sends with progress, records in the history (marking what a replay re-sent), plans and runs replays and
//! batches. Its errors are typed ([`Error`]) so the binary can map them to exit codes.
//!
//! It orchestrates IO (client, history, mock, config) but owns no terminal: it never prints, reads standard input or
//! exits, and reports what happens while it runs through a callback ([`Event`]). It must not import `crate::cli` or
//! `crate::tui` (they are built on top of it), nor crossterm or ratatui.

mod batch;
mod bundle;
mod credential;
mod error;
mod record;
#[cfg(test)]
mod repeat_tests;
mod replay;
mod send;
mod target;

pub use batch::{Checked, LineSent, check_lines, run_batch, window_used_up};
pub use bundle::{BundleImport, BundleImportError, file_name as bundle_file_name, import_bundle};
pub use credential::{MissingCredential, Needs, check as check_credential, check_request};
pub use error::{Error, Kind};
pub use record::{Stored, open_history, open_store, record};
pub use replay::{
    FAULT_HEADER, Plan, Planned, Replay, ReplayRun, TargetChoice, plan, replayable, resolve_targets, run_replay,
};
pub use send::{Event, runtime, send};
pub use target::{Opened, api_key, environment, needs_mock, open, sender, settings, target, target_for};
