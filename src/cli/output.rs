//! Output helpers shared by subcommands: `--format`, colour (honouring `NO_COLOR` and non-terminal stdout),
//! reading `FILE|-`.

use std::io::{IsTerminal, Read};

/// `--format text|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// Whether to colour standard output: a terminal, and `NO_COLOR` unset or empty.
pub fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// ANSI styling that collapses to plain text when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn stdout() -> Paint {
        Paint { on: colour_stdout() }
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    pub fn blue(&self, s: &str) -> String {
        self.wrap("34", s)
    }
    pub fn magenta(&self, s: &str) -> String {
        self.wrap("35", s)
    }
}

/// Reads `FILE`, or standard input for `-`. The error names the file.
pub fn read_input(path: &str) -> anyhow::Result<String> {
    use anyhow::Context as _;
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("cannot read standard input")?;
        Ok(s)
    } else {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!("{path} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
        })
    }
}

/// Marks an error as a usage / unreadable-input error (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
