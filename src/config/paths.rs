//! Where brazen keeps its files. `BRAZEN_HOME` puts everything in one folder (tests, portable setups);
//! otherwise the platform's XDG / Known Folder locations from `directories`.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `config.toml`: environments, timeouts, defaults.
    pub config_file: PathBuf,
    /// SQLite history database.
    pub history_db: PathBuf,
    /// Small UI state (last endpoint and draft).
    pub state_file: PathBuf,
    /// The default collection of saved requests (a folder), unless `requests_dir` or `--requests` names another.
    pub requests_dir: PathBuf,
}

impl Paths {
    /// Every file under one folder.
    pub fn under(dir: &Path) -> Paths {
        Paths {
            config_file: dir.join("config.toml"),
            history_db: dir.join("history.sqlite3"),
            state_file: dir.join("state.toml"),
            requests_dir: dir.join("requests"),
        }
    }

    /// `BRAZEN_HOME` if set, else the platform folders, else `./.brazen` as a last resort.
    pub fn resolve() -> Paths {
        if let Some(home) = std::env::var_os("BRAZEN_HOME").filter(|v| !v.is_empty()) {
            return Paths::under(Path::new(&home));
        }
        match directories::ProjectDirs::from("", "", "brazen") {
            Some(d) => Paths {
                config_file: d.config_dir().join("config.toml"),
                history_db: d.data_dir().join("history.sqlite3"),
                state_file: d.state_dir().unwrap_or_else(|| d.data_dir()).join("state.toml"),
                requests_dir: d.data_dir().join("requests"),
            },
            None => Paths::under(Path::new(".brazen")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_puts_every_file_in_the_folder() {
        let p = Paths::under(Path::new("/x"));
        assert_eq!(p.config_file, Path::new("/x/config.toml"));
        assert_eq!(p.history_db, Path::new("/x/history.sqlite3"));
        assert_eq!(p.state_file, Path::new("/x/state.toml"));
        assert_eq!(p.requests_dir, Path::new("/x/requests"));
    }
}
