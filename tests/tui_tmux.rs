//! End to end: the real `brazen` binary in a real terminal (tmux). Starts the workbench with no API key (so the
//! offline mock), sends the template with Ctrl-S, reads the explanation off the screen, quits, and checks the
//! terminal was given back: main screen, cursor visible, mouse reporting off. Also ends a session with SIGTERM.
//!
//! Without tmux the test prints a loud SKIP, unless `BRAZEN_REQUIRE_TOOLS=1` (CI), where it fails.

use crate::common;

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
        Tmux::start_sized(name, home, env, (120, 40))
    }

    fn start_sized(name: &str, home: &Path, env: &str, (w, h): (u16, u16)) -> Tmux {
        let t = Tmux { socket: format!("brazen-test-{}-{name}", std::process::id()), session: name.to_string() };
        let bin = env!("CARGO_BIN_EXE_brazen");
        // `exec sleep` keeps the pane (and its screen) after brazen exits, so the test can look at it.
        let script = format!(
            "env -u BRAZE_API_KEY -u NO_COLOR BRAZEN_HOME='{}' LANG=en_US.UTF-8 TERM=xterm-256color {env} '{bin}'; \
             echo BRAZEN_EXIT=$?; exec sleep 120",
            home.display()
        );
        let (w, h) = (w.to_string(), h.to_string());
        t.run(&["new-session", "-d", "-s", name, "-x", &w, "-y", &h, "sh", "-c", &script]);
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

    /// Waits until the panes differ from `before` (the frame a key asked for has been drawn). The status bar and
    /// the footer are left out: the rate-limit countdown changes them every second on its own.
    fn wait_change(&self, before: &str) -> String {
        let panes = |s: &str| {
            let lines: Vec<&str> = s.lines().collect();
            lines[..lines.len().saturating_sub(2)].join("\n")
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let s = self.screen();
            if panes(&s) != panes(before) {
                return s;
            }
            assert!(Instant::now() < deadline, "waited 60 s for the screen to change:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen contains `text` (a hung binary fails the test rather than hanging it). The guard is
    /// generous: on a 2-core machine running the whole suite, a frame can take seconds to come.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(Instant::now() < deadline, "waited 60 s for {text:?}; the screen:\n{s}");
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

/// Issue 12 at 80×24, as a new user met it: the path line switches the endpoint (§1), the history shows its newest
/// rows (§2), and a card taller than its pane says so and scrolls to its end (§4).
#[test]
fn at_80x24_the_path_line_history_and_a_tall_card_work() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start_sized("small", home.path(), "", (80, 24));
    t.wait_for("sandbox");
    // §1: another catalog endpoint typed on the path line becomes the endpoint: its header, and its rules.
    t.keys(&["F6", "C-u"]);
    t.keys(&["-l", "/users/track"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for("POST /users/track");
    assert!(!screen.contains("Send a message"), "the header follows the path:\n{screen}");
    t.keys(&["C-s"]);
    // Sent to /users/track, and answered as /users/track (its unknown keys are only hints).
    let screen = t.wait_for("Response POST /users/track");
    assert!(screen.contains(" 201 "), "{screen}");
    // §2: three more exchanges; the history lists the newest, and says how many there are.
    for _ in 0..3 {
        t.keys(&["C-s"]);
        std::thread::sleep(Duration::from_millis(400));
    }
    t.keys(&["F3"]);
    let screen = t.wait_for("(4)");
    assert!(screen.matches("/users/track").count() >= 4, "every row, the newest included:\n{screen}");
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    // §4: back to /messages/send, a 503 from the sandbox: its card is taller than the pane at 80×24.
    t.keys(&["F6", "C-u"]);
    t.keys(&["-l", "/messages/send"]);
    t.keys(&["Enter", "F7"]);
    t.wait_for("fault 503");
    t.keys(&["C-s"]);
    let screen = t.wait_for("more: Tab, wheel");
    assert!(screen.contains(" 503 "), "{screen}");
    for _ in 0..6 {
        // Each Tab moves the focus border: wait for that frame before deciding, or a slow frame is tabbed past.
        let before = t.screen();
        t.keys(&["Tab"]);
        let s = t.wait_change(&before);
        if s.contains("above") || s.lines().any(|l| l.contains("┏ Response")) {
            break;
        }
    }
    t.keys(&["End"]);
    let screen = t.wait_for("What to do");
    assert!(!screen.contains("more: Tab, wheel"), "the end of the card is on screen:\n{screen}");
    t.keys(&["C-c"]);
    t.assert_restored("BRAZEN_EXIT=0");
}
