//! End to end: the real `brazen` binary in a real terminal (tmux). Starts the workbench with no API key (so the
//! offline mock), sends the template with Ctrl-S, reads the explanation off the screen, quits, and checks the
//! terminal was given back: main screen, cursor visible, mouse reporting off. Also ends a session with SIGTERM.
//!
//! Without tmux the test prints a loud SKIP, unless `BRAZEN_REQUIRE_TOOLS=1` (CI), where it fails.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("tmux runs");
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn start(name: &str, home: &Path) -> Tmux {
        Tmux::start_with(name, home, "")
    }

    fn start_with(name: &str, home: &Path, env: &str) -> Tmux {
        let t = Tmux { socket: format!("brazen-test-{}-{name}", std::process::id()), session: name.to_string() };
        let bin = env!("CARGO_BIN_EXE_brazen");
        // `exec sleep` keeps the pane (and its screen) after brazen exits, so the test can look at it.
        let script = format!(
            "env -u BRAZE_API_KEY -u NO_COLOR BRAZEN_HOME='{}' LANG=en_US.UTF-8 TERM=xterm-256color {env} '{bin}'; \
             echo BRAZEN_EXIT=$?; exec sleep 120",
            home.display()
        );
        t.run(&["new-session", "-d", "-s", name, "-x", "120", "-y", "40", "sh", "-c", &script]);
        t
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn flag(&self, name: &str) -> String {
        self.run(&["display-message", "-p", "-t", &self.session, &format!("#{{{name}}}")]).trim().to_string()
    }

    /// Waits until the screen contains `text` (a hung binary fails the test rather than hanging it).
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(Instant::now() < deadline, "waited 20 s for {text:?}; the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn assert_restored(&self, exit_line: &str) {
        let screen = self.wait_for(exit_line);
        assert_eq!(self.flag("alternate_on"), "0", "left the alternate screen:\n{screen}");
        assert_eq!(self.flag("cursor_flag"), "1", "cursor visible");
        assert_eq!(self.flag("mouse_any_flag"), "0", "mouse reporting off");
        assert_eq!(self.flag("mouse_button_flag"), "0", "mouse reporting off");
        assert!(!screen.contains("Workbench"), "the shell's screen is back:\n{screen}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().args(["kill-server"]).output();
    }
}

fn tmux_available() -> bool {
    common::tool_available("tui_tmux (the end-to-end TUI test)", "tmux", "-V")
}

#[test]
fn send_read_the_explanation_quit_and_the_terminal_is_restored() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start("send", home.path());
    let first = t.wait_for("sandbox — offline mock");
    assert!(first.contains("POST /messages/send"), "first start opens /messages/send:\n{first}");
    assert_eq!(t.flag("alternate_on"), "1");
    t.keys(&["C-s"]);
    let screen = t.wait_for("Accepted (not yet delivered)");
    assert!(screen.contains(" 201 ") && screen.contains("2XX"), "{screen}");
    // History shows the exchange; `q` outside the editor quits.
    t.keys(&["F3"]);
    t.wait_for("/messages/send 201");
    t.keys(&["q"]);
    t.assert_restored("BRAZEN_EXIT=0");
    assert!(home.path().join("state.toml").exists(), "the draft was saved");
    assert!(home.path().join("history.sqlite3").exists(), "the exchange was recorded");
}

#[test]
fn ctrl_c_and_sigterm_restore_the_terminal_too() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start("ctrlc", home.path());
    t.wait_for("sandbox — offline mock");
    t.keys(&["C-c"]);
    t.assert_restored("BRAZEN_EXIT=0");

    let t = Tmux::start("term", home.path());
    t.wait_for("sandbox — offline mock");
    let shell = t.flag("pane_pid");
    let out = Command::new("pgrep").args(["-P", &shell]).output().expect("pgrep runs");
    let pid = String::from_utf8_lossy(&out.stdout).split_whitespace().next().map(str::to_string);
    let pid = pid.expect("brazen runs under the pane's shell");
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    t.assert_restored("BRAZEN_EXIT=0");
}

#[test]
fn a_panic_restores_the_terminal_before_the_message_is_printed() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start_with("panic", home.path(), "BRAZEN_TUI_PANIC=1 RUST_BACKTRACE=0");
    t.assert_restored("BRAZEN_EXIT=101");
    let screen = t.screen();
    assert!(screen.contains("deliberate panic after the first frame"), "the message is readable:\n{screen}");
}
