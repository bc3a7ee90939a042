//! The scriptable CLI (contract in DESIGN.md §3). One file per subcommand; output formatting only —
//! the work is done by the library modules.
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
mod history;
mod import;
mod interrupt;
mod mock;
mod replay;
pub mod secrets;
mod send;
mod text;
mod validate;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;

/// Exit code for usage errors and unreadable input.
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(name = "brazen", version, about = "A terminal workbench for the Braze REST API", long_about = None)]
pub struct Cli {
    /// Language of explanations and UI text (default from LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
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
    /// Browse, show and export recorded exchanges.
    History(history::HistoryArgs),
    /// List endpoints and the error table.
    Catalog(catalog::CatalogArgs),
    /// Turn a curl command line into a brazen request.
    Import(import::ImportArgs),
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
                | Command::Config(_)
        )
    ) {
        end_quietly_on_closed_pipe();
    }
    match cli.command {
        None => crate::tui::run(global),
        Some(Command::Validate(a)) => validate::run(a, global),
        Some(Command::Send(a)) => send::run(a, global),
        Some(Command::Explain(a)) => explain::run(a, global),
        Some(Command::Mock(a)) => mock::run(a, global),
        Some(Command::History(a)) => history::run(a, global),
        Some(Command::Catalog(a)) => catalog::run(a, global),
        Some(Command::Import(a)) => import::run(a, global),
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
