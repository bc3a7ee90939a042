//! Everything that can happen to the app (`Msg`) and everything it can ask the runtime to do (`Effect`).

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::model::{EnvInfo, ExportFormat, HistoryQuery, HistoryRow, Outgoing, Progress, SavedState};
use super::pretty::BodyLines;
use crate::exchange::Exchange;
use crate::request::RequestFile;
use crate::validate::Report;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// The injected clock's reading; sent before each batch of messages and on every animation tick.
    Clock(jiff::Timestamp),
    /// Environments known at start or after a reload; `current` is the one to select.
    Envs {
        envs: Vec<EnvInfo>,
        current: String,
        /// Where the configuration is read from (and a custom URL added from F4 is saved to).
        config_file: String,
    },
    /// A custom URL from F4 was saved to the config file as this environment (the environments came before).
    EnvironmentAdded {
        name: String,
    },
    /// The variables in effect (the collection's and the current environment's).
    Variables(Arc<crate::request::vars::Variables>),
    /// The collection's saved requests, and its folder.
    Requests {
        entries: Vec<crate::tui::collection::Entry>,
        root: String,
    },
    /// A saved request read from its file; `keep_workbench`: only the baseline is set (a restart restoring the
    /// draft of a named request).
    RequestOpened {
        name: String,
        file: RequestFile,
        keep_workbench: bool,
    },
    /// The editor's request was saved as `name` (`file`: what the file now holds).
    RequestSaved {
        name: String,
        file: RequestFile,
    },
    RequestRenamed {
        from: String,
        to: String,
    },
    RequestDuplicated {
        name: String,
        copy: String,
    },
    RequestDeleted {
        name: String,
    },
    /// A collection operation failed: why, naming the file or the name.
    RequestFailed(String),
    /// A bundle was added to the history as `id` (`new`: not already there), from `origin` (`US-03 #4411`).
    BundleImported {
        id: i64,
        new: bool,
        origin: String,
    },
    /// A bundle could not be read or added: why.
    BundleFailed(String),
    /// What `r` would re-send (the failed exchanges marked, or matching the filter, none replayed yet).
    ReplayPlanned {
        ids: Vec<i64>,
        unsafe_count: usize,
    },
    /// A replay cannot start (a missing key, the history unavailable): why.
    ReplayRefused(String),
    /// One exchange of replay `id` is done: its answer's status (`None`: no answer).
    ReplayStep {
        id: u64,
        status: Option<u16>,
    },
    /// Replay `id` waits until then before its next attempt (a rate-limit window, a backoff).
    ReplayWaiting {
        id: u64,
        until: jiff::Timestamp,
        why: crate::retry::Reason,
    },
    /// Replay `id` ended (`error`: why it stopped early).
    ReplayDone {
        id: u64,
        error: Option<String>,
    },
    /// An exchange was deleted from the history.
    ExchangeDeleted {
        id: i64,
    },
    /// A body read from a file for the editor (Ctrl-O), or why it could not be.
    BodyRead {
        path: String,
        text: Result<String, String>,
    },
    /// The OSC 52 sequence was written (what it held, its size in bytes).
    Copied {
        label: String,
        bytes: usize,
    },
    /// A draft from the previous session.
    Restored(SavedState),
    Validated {
        generation: u64,
        report: Report,
    },
    Progress {
        id: u64,
        progress: Progress,
    },
    /// A request finished (whatever the status); `exchange.id` is set once stored.
    Finished {
        id: u64,
        exchange: Box<Exchange>,
    },
    /// A request could not be made at all (no environment, invalid URL …).
    SendError {
        id: u64,
        error: String,
    },
    BodyReady {
        seq: u64,
        body: Arc<BodyLines>,
    },
    /// The diff of two history exchanges, computed off the UI thread ([`Effect::Diff`]).
    DiffReady {
        seq: u64,
        diff: Arc<crate::exchange::diff::ExchangeDiff>,
    },
    HistoryLoaded {
        query: HistoryQuery,
        rows: Vec<HistoryRow>,
    },
    ExchangeLoaded {
        id: i64,
        exchange: Option<Box<Exchange>>,
    },
    Exported {
        path: PathBuf,
    },
    /// The history database cannot be opened; sending still works, nothing is recorded.
    HistoryUnavailable(String),
    /// An IO error to show to the user (export failed …).
    Failed(String),
    /// SIGTERM / SIGINT from outside.
    Terminate,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Validate a large body off the UI thread.
    Validate {
        generation: u64,
        endpoint: String,
        text: Arc<str>,
        /// The request's headers and the variables in effect: what is checked is the request resolved.
        headers: Vec<(String, String)>,
        vars: Arc<crate::request::vars::Variables>,
        timezone: String,
        now: jiff::Timestamp,
    },
    Send {
        id: u64,
        request: Outgoing,
    },
    Cancel {
        id: u64,
    },
    /// Pretty-print and split a response body off the UI thread (the workbench's answer, or an opened history
    /// exchange's).
    Format {
        seq: u64,
        exchange: Arc<Exchange>,
    },
    LoadHistory(HistoryQuery),
    LoadExchange(i64),
    /// Compare two exchanges (older, newer) off the UI thread: bodies up to 10 MiB are re-indented and diffed
    /// ([`Msg::DiffReady`]).
    Diff {
        seq: u64,
        left: Arc<Exchange>,
        right: Arc<Exchange>,
    },
    Export {
        exchange: Arc<Exchange>,
        format: ExportFormat,
    },
    SaveState(SavedState),
    SwitchEnv(String),
    /// Append `[environment."NAME"] url = …` to the config file (the user said yes), reload the configuration and
    /// announce the environments, `current` still selected; then [`Msg::EnvironmentAdded`].
    AddEnvironment {
        name: String,
        url: String,
        current: String,
    },
    /// Delete an exchange from the history and shrink the file ([`Msg::ExchangeDeleted`]).
    DeleteExchange(i64),
    /// Read a request body from a file, at most the input cap ([`Msg::BodyRead`]).
    ReadBody(String),
    /// Add the bundle in a file to the history ([`Msg::BundleImported`], [`Msg::BundleFailed`]).
    ImportBundle(String),
    /// Find what a replay of `ids` (or, empty, of every failed exchange the query lists) would re-send
    /// ([`Msg::ReplayPlanned`]).
    PlanReplay {
        ids: Vec<i64>,
        query: HistoryQuery,
    },
    /// Re-send `ids` as replay `id` (`Effect::Cancel { id }` stops it), reporting each step.
    RunReplay {
        id: u64,
        ids: Vec<i64>,
    },
    /// Put `text` on the clipboard through OSC 52 ([`Msg::Copied`]).
    Copy {
        label: String,
        text: String,
    },
    /// Write `text` to `stem.ext` (or `stem-N.ext`) in the export folder ([`Msg::Exported`]).
    SaveText {
        stem: String,
        ext: String,
        text: String,
    },
    /// List the collection's saved requests ([`Msg::Requests`]).
    ListRequests,
    OpenRequest {
        name: String,
        keep_workbench: bool,
    },
    /// Write the request as `name`; `new`: refuse when `name` exists (save as), else replace it.
    SaveRequest {
        name: String,
        file: RequestFile,
        new: bool,
    },
    RenameRequest {
        from: String,
        to: String,
    },
    DuplicateRequest(String),
    DeleteRequest(String),
    Quit,
}
