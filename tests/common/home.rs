//! A test's brazen home: a temporary `BRAZEN_HOME` and the real binary run in it with a fixed environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use brazen::history::Store;

/// A temporary `BRAZEN_HOME`, removed when dropped, and the key (if any) every run of brazen in it gets.
pub struct Home {
    dir: tempfile::TempDir,
    key: Option<String>,
}

impl Home {
    /// A home whose runs have no `BRAZE_API_KEY`, whatever the test runner's environment holds.
    pub fn new() -> Home {
        Home { dir: tempfile::tempdir().unwrap(), key: None }
    }

    /// A home whose runs have `BRAZE_API_KEY=key`.
    pub fn with_key(key: &str) -> Home {
        Home { key: Some(key.into()), ..Home::new() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `name` in the home and returns its path.
    pub fn file(&self, name: &str, contents: &(impl AsRef<[u8]> + ?Sized)) -> String {
        let p = self.path().join(name);
        std::fs::write(&p, contents).unwrap();
        p.display().to_string()
    }

    /// Writes the config file, private so that an inline key is not refused for the file's mode before its text is
    /// read.
    pub fn config(&self, text: &str) -> String {
        let p = self.file("config.toml", text);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        p
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("history.sqlite3")
    }

    pub fn history(&self) -> Store {
        Store::open(&self.db()).unwrap()
    }

    /// How many exchanges the history holds; 0 when brazen never created it.
    pub fn history_count(&self) -> u64 {
        if !self.db().exists() {
            return 0;
        }
        self.history().count().unwrap()
    }

    /// Sets brazen's environment on `c`, colour aside: this home (unless `c` already names one), no locale, and
    /// this home's key or none.
    pub fn env<'c>(&self, c: &'c mut Command) -> &'c mut Command {
        if !c.get_envs().any(|(k, _)| k == "BRAZEN_HOME") {
            c.env("BRAZEN_HOME", self.path());
        }
        c.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
        match &self.key {
            Some(key) => c.env("BRAZE_API_KEY", key),
            None => c.env_remove("BRAZE_API_KEY"),
        }
    }

    /// brazen with `args`, without colour, standard input empty and its output captured.
    pub fn brazen(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_brazen"));
        c.args(args).env("NO_COLOR", "1");
        self.env(&mut c).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.brazen(args).output().unwrap()
    }

    /// Runs brazen with `args` once `f` has changed its command (an extra variable, say).
    pub fn run_with(&self, args: &[&str], f: impl FnOnce(&mut Command)) -> Output {
        let mut c = self.brazen(args);
        f(&mut c);
        c.output().unwrap()
    }
}
