//! The scriptable CLI (contract in DESIGN.md §3). One file per subcommand; output formatting only —
//! the work is done by the library modules.
//! A front end: sends, records and replays only through [`crate::service`]; of the TUI it only calls `tui::run` when no
//! command is given. Its words are the message tables of `text.rs` and of each command.
// Text reaches the terminal only through `print` (`out!`, `outln!`, `eout!`, `eoutln!`, `print_json`), which
// makes outside control characters visible; a plain `print!` would let a server's `ESC]52;…` through.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod output;
pub mod print;

mod batch;
mod catalog;
mod config;
mod endpoint;
mod explain;
mod export;
mod history;
mod import;
mod interrupt;
mod mock;
mod postman;
mod progress;
mod replay;
mod requests;
mod saved;
pub mod secrets;
mod send;
mod sent;
mod target;
mod text;
mod validate;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;

/// Exit code for usage errors and unreadable or oversized input.
pub const EXIT_USAGE: i32 = 2;
/// Exit code for a local failure (configuration, history store, file system) that stopped the command before
/// anything was sent (DESIGN §3.1).
pub const EXIT_LOCAL: i32 = 3;

/// The exit code for an error that ended a command: [`EXIT_USAGE`] for what the user can fix on the command line
/// (and for an error of no known family, as before §3.1), [`EXIT_LOCAL`] for a broken configuration, history store
/// or file system. The first error in the chain that names its family decides.
pub fn exit_code_for(err: &anyhow::Error) -> i32 {
    use crate::config::ConfigError;
    use crate::history::HistoryError;
    for cause in err.chain() {
        if cause.is::<output::UsageError>() {
            return EXIT_USAGE;
        }
        if let Some(e) = cause.downcast_ref::<crate::service::Error>() {
            return match e.kind() {
                crate::service::Kind::Usage => EXIT_USAGE,
                crate::service::Kind::Local => EXIT_LOCAL,
            };
        }
        match cause.downcast_ref::<ConfigError>() {
            Some(ConfigError::UnknownEnvironment { .. }) => return EXIT_USAGE,
            Some(_) => return EXIT_LOCAL,
            None => {}
        }
        if let Some(e) = cause.downcast_ref::<crate::collection::CollectionError>() {
            return if e.is_usage() { EXIT_USAGE } else { EXIT_LOCAL };
        }
        match cause.downcast_ref::<HistoryError>() {
            Some(HistoryError::NotFound(_)) => return EXIT_USAGE,
            Some(_) => return EXIT_LOCAL,
            None => {}
        }
        if cause.is::<std::io::Error>() {
            return EXIT_LOCAL;
        }
    }
    EXIT_USAGE
}

#[derive(Debug, Parser)]
#[command(name = "brazen", version, about = "A terminal workbench for the Braze REST API", long_about = None)]
pub struct Cli {
    /// Language of explanations and UI text (default from LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// The workbench's collection of saved requests (default: `requests_dir` of the config, else beside the
    /// history). Subcommands that read a collection take their own `--requests`.
    #[arg(long, value_name = "DIR")]
    pub requests: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Predict Braze's answer to a request body before sending it.
    Validate(validate::ValidateArgs),
    /// Validate, send, explain and record one request.
    Send(send::SendArgs),
    /// Explain a response: status class, outcome, the matching row of the error table, retry advice.
    Explain(explain::ExplainArgs),
    /// Run the built-in mock Braze server.
    Mock(mock::MockArgs),
    /// Browse, show, export, delete and prune recorded exchanges.
    History(history::HistoryArgs),
    /// List endpoints and the error table.
    Catalog(catalog::CatalogArgs),
    /// Turn a curl command line into a brazen request, a Postman collection into saved requests, or a bundle into
    /// an exchange of the history.
    Import(import::ImportArgs),
    /// Write the saved requests as a Postman collection (v2.1) on standard output.
    Export(export::ExportArgs),
    /// List the saved requests of a collection (a folder of request files).
    Requests(requests::RequestsArgs),
    /// Re-send failed exchanges from history.
    Replay(replay::ReplayArgs),
    /// Send one request per line of a JSONL file.
    Batch(batch::BatchArgs),
    /// Show the effective configuration (the API key masked).
    Config(config::ConfigArgs),
}

/// Settings every subcommand shares.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    pub lang: Lang,
}

/// Parses the command line and runs it. Returns the process exit code.
pub fn run() -> anyhow::Result<i32> {
    let cli = Cli::parse();
    let global = Global { lang: cli.lang.unwrap_or_else(crate::system::lang) };
    if matches!(
        cli.command,
        Some(
            Command::Validate(_)
                | Command::Explain(_)
                | Command::History(_)
                | Command::Catalog(_)
                | Command::Import(_)
                | Command::Export(_)
                | Command::Requests(_)
                | Command::Config(_)
        )
    ) {
        end_quietly_on_closed_pipe();
    }
    match cli.command {
        None => crate::tui::run(global.lang, cli.requests),
        Some(Command::Validate(a)) => validate::run(a, global),
        Some(Command::Send(a)) => send::run(a, global),
        Some(Command::Explain(a)) => explain::run(a, global),
        Some(Command::Mock(a)) => mock::run(a, global),
        Some(Command::History(a)) => history::run(a, global),
        Some(Command::Catalog(a)) => catalog::run(a, global),
        Some(Command::Import(a)) => import::run(a, global),
        Some(Command::Export(a)) => export::run(a, global),
        Some(Command::Requests(a)) => requests::run(a, global),
        Some(Command::Replay(a)) => replay::run(a, global),
        Some(Command::Batch(a)) => batch::run(a, global),
        Some(Command::Config(a)) => config::run(a, global),
    }
}

/// `brazen history | head` closes the pipe early: end quietly, as Unix filters do, instead of panicking in
/// `println!`. Only for the commands that open no sockets: under the default action a write to a peer that hung
/// up would kill the process instead of returning the error the client reports.
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restores the default disposition of one signal, at start-up, before any thread is spawned.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
