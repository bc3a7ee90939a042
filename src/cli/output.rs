//! Output helpers shared by subcommands: `--format`, colour (honouring `NO_COLOR` and non-terminal stdout),
//! reading `FILE|-`, wrapping text to the terminal.

use std::io::IsTerminal;

use unicode_width::UnicodeWidthStr;

/// `--format text|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// Whether to colour standard output: `NO_COLOR` unset or empty, and a terminal — or `CLICOLOR_FORCE` set to
/// something other than `0` (for pagers and tests). `NO_COLOR` wins over `CLICOLOR_FORCE`.
pub fn colour_stdout() -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    forced || std::io::stdout().is_terminal()
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
    /// Bold and coloured by the HTTP answer: 2XX green, 2XX with minor errors yellow, 4XX red, 429 blue,
    /// 5XX magenta, anything else yellow.
    pub fn status(&self, status: u16, minor_errors: bool, s: &str) -> String {
        let code = match status {
            429 => "1;34",
            200..=299 if minor_errors => "1;33",
            200..=299 => "1;32",
            400..=499 => "1;31",
            500..=599 => "1;35",
            _ => "1;33",
        };
        self.wrap(code, s)
    }
}

/// Reads `FILE`, or standard input for `-`, refusing more than `cap` bytes (`max_input_bytes`). The error names
/// the file.
pub fn read_input(path: &str, cap: u64) -> anyhow::Result<String> {
    let bytes = read_input_bytes(path, cap)?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!("{path} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
    })
}

/// Reads `FILE` (or standard input for `-`) as bytes, for input that need not be text (a response body). No
/// more than `cap + 1` bytes are read: `/dev/zero` or an endless pipe is refused, not held in memory.
pub fn read_input_bytes(path: &str, cap: u64) -> anyhow::Result<Vec<u8>> {
    use crate::config::{CappedReadError, read_at_most, read_file_at_most};
    let (read, name) = if path == "-" {
        (read_at_most(std::io::stdin().lock(), cap, None), "standard input")
    } else {
        (read_file_at_most(std::path::Path::new(path), cap), path)
    };
    read.map_err(|e| match e {
        CappedReadError::TooLarge { .. } => anyhow::anyhow!("{name} is {e}"),
        CappedReadError::Io(e) => anyhow::anyhow!("cannot read {name}: {e}"),
    })
}

/// `[defaults] max_input_bytes` for a command that needs nothing else of the configuration: a config problem is
/// not its business (`brazen config` reports it), so the default stands in.
pub fn configured_input_cap() -> u64 {
    input_cap(super::secrets::load_config().ok().as_ref())
}

/// `[defaults] max_input_bytes` of a configuration that may not have loaded (the default then).
pub fn input_cap(cfg: Option<&crate::config::Config>) -> u64 {
    cfg.map_or(crate::config::DEFAULT_MAX_INPUT_BYTES, |c| c.max_input_bytes.value)
}

/// Marks an error as a usage / unreadable-input error (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Columns to wrap text at: the terminal's width when stdout is one, else `COLUMNS`, else 100.
pub fn text_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
        && w > 0
    {
        return usize::from(w);
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|w: &usize| *w >= 20).unwrap_or(100)
}

/// Display width in terminal columns (a Hangul syllable is two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `cols` display columns.
pub fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

/// Word-wraps `text` to `cols` display columns; a word longer than a line stays whole.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(10);
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && width(&line) + 1 + width(word) > cols {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// A `label  value` block: the value (outside text, often: made visible) wrapped to `cols`, continuation lines
/// indented under the value.
pub fn field(label: &str, label_cols: usize, value: &str, cols: usize) -> String {
    let indent = 2 + label_cols + 2;
    let mut out = String::new();
    let value: String = value.lines().map(crate::text::visible).collect::<Vec<_>>().join("\n");
    for (i, line) in wrap(&value, cols.saturating_sub(indent)).iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("  {}  {line}\n", pad(label, label_cols)));
        } else {
            out.push_str(&format!("{}{line}\n", " ".repeat(indent)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_counts_hangul_as_two_columns() {
        let lines = wrap("가나다 라마바 사아자 차카타", 14);
        assert_eq!(lines, vec!["가나다 라마바", "사아자 차카타"]);
        assert!(lines.iter().all(|l| width(l) <= 14));
        assert_eq!(wrap("a verylongwordthatdoesnotfit b", 10), vec!["a", "verylongwordthatdoesnotfit", "b"]);
    }

    #[test]
    fn fields_hang_under_the_value() {
        let f = field("의미", 6, "one two three four", 20);
        assert_eq!(f, "  의미    one two\n          three four\n");
    }

    #[test]
    fn paint_off_is_plain() {
        let p = Paint { on: false };
        assert_eq!(p.status(429, false, "x"), "x");
        let p = Paint { on: true };
        assert_eq!(p.status(429, false, "x"), "\x1b[1;34mx\x1b[0m");
        assert_eq!(p.status(201, true, "x"), "\x1b[1;33mx\x1b[0m");
    }
}
