//! End to end: `brazen batch` in a real terminal (tmux) against the mock with a rate limit of one request a minute,
//! so the second line waits for the window: the progress bar shows done/total, the counts and the pause with its
//! reason and countdown; Ctrl-C then stops the run with the summary and exit 130. On the same terminal,
//! `--format json` draws no bar and its rows keep the contract's fields.
//!
//! Without tmux the test prints a loud SKIP, unless `BRAZEN_REQUIRE_TOOLS=1` (CI), where it fails.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::BackgroundMock;

const TRACK: &str = r#"{"attributes": [{"external_id": "u1", "x": 1}]}"#;

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().expect("tmux runs");
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs `brazen ARGS` (a shell fragment, quoted by the caller) in a 160×30 terminal; the pane stays afterwards.
    fn start(name: &str, home: &Path, url: &str, args: &str) -> Tmux {
        let t = Tmux { socket: format!("brazen-batch-{}-{name}", std::process::id()), session: name.to_string() };
        let bin = env!("CARGO_BIN_EXE_brazen");
        // The shell survives the Ctrl-C sent to brazen (a trap, unlike an ignored signal, is not inherited), so it
        // can say the exit code and keep the pane.
        let script = format!(
            "trap : INT; env -u NO_COLOR BRAZE_API_KEY=sandbox-all BRAZEN_HOME='{home}' LANG=en_US.UTF-8 TERM=xterm-256color \
             '{bin}' {args} --url '{url}'; echo BRAZEN_EXIT=$?; exec sleep 120",
            home = home.display()
        );
        t.run(&["new-session", "-d", "-s", name, "-x", "160", "-y", "30", "sh", "-c", &script]);
        t
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    /// Waits until the screen contains every one of `texts` (a hung binary fails the test rather than hanging it).
    fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return s;
            }
            assert!(Instant::now() < deadline, "waited 30 s for {texts:?}; the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

#[test]
fn batch_on_a_terminal_shows_the_bar_and_the_rate_limit_pause_and_json_keeps_its_rows() {
    if !common::tool_available("batch_tmux (the batch progress bar end to end)", "tmux", "-V") {
        return;
    }
    let mock = BackgroundMock::start(|o| {
        o.rate_limit_per_minute = Some(1);
        o.log_requests = false;
    });
    let home = tempfile::tempdir().unwrap();
    let lines = home.path().join("track.jsonl");
    std::fs::write(&lines, format!("{TRACK}\n{TRACK}\n{TRACK}\n")).unwrap();
    let file = lines.display().to_string();

    // The first line uses the minute's only request; the bar then counts down to the next window.
    let t = Tmux::start("bar", home.path(), &mock.url, &format!("batch /users/track '{file}' --no-history"));
    let screen = t.wait_for(&["for the /users/track rate-limit window", "/3"]);
    let bar = screen.lines().find(|l| l.contains("rate-limit window")).unwrap();
    assert!(bar.contains("1/3") || bar.contains("2/3"), "done/total: {bar}");
    assert!(bar.contains("2XX 1") || bar.contains("2XX 2"), "counts by class: {bar}");
    assert!(bar.contains("/s") && bar.contains("ETA"), "rate and ETA: {bar}");
    // The window's reset is the mock's next minute: a full minute reads "1 min", anything less "N s".
    assert!(
        bar.contains("waiting ") && (bar.contains(" s for") || bar.contains("1 min for")),
        "the countdown in human units: {bar}"
    );
    assert!(!screen.contains("LINE "), "no row table on a terminal without --verbose:\n{screen}");
    t.run(&["send-keys", "-t", "bar", "C-c"]);
    let end = t.wait_for(&["BRAZEN_EXIT="]);
    assert!(end.contains("BRAZEN_EXIT=130"), "interrupted: {end}");
    assert!(end.contains("sent: 2XX") && end.contains("not sent"), "the summary ends the run:\n{end}");
    assert!(end.contains("requests per second"), "elapsed and rate:\n{end}");
    drop(t);

    // A run that ends on its own: the bar is taken off the screen before the summary. (After Ctrl-C the bar's last
    // state may stay above it: the terminal's `^C` echo moves the cursor off the bar's line before it is cleared.)
    let one = home.path().join("one.jsonl");
    std::fs::write(&one, format!("{TRACK}\n")).unwrap();
    let fresh = BackgroundMock::start(|o| o.log_requests = false);
    let t =
        Tmux::start("done", home.path(), &fresh.url, &format!("batch /users/track '{}' --no-history", one.display()));
    let end = t.wait_for(&["BRAZEN_EXIT="]);
    assert!(end.contains("BRAZEN_EXIT=0"), "{end}");
    assert!(end.contains("1 sent: 2XX 1, 4XX 0, 5XX 0") && end.contains("requests per second"), "{end}");
    assert!(!end.contains("ETA") && !end.contains("LINE "), "no bar left, no rows without --verbose:\n{end}");
    drop(t);
    let t = Tmux::start(
        "verbose",
        home.path(),
        &fresh.url,
        &format!("batch /users/track '{}' --no-history --verbose", one.display()),
    );
    let end = t.wait_for(&["BRAZEN_EXIT="]);
    assert!(end.contains("LINE ") && end.contains("1 sent: 2XX 1"), "--verbose: the rows and the summary:\n{end}");
    drop(t);

    // JSON on the same terminal (standard output to a file, standard error on the screen): no bar, and each row
    // has the fields it had before the bar.
    let out = home.path().join("out.json");
    let args = format!("batch /users/track '{}' --no-history --format json > '{}'", one.display(), out.display());
    let t = Tmux::start("json", home.path(), &fresh.url, &args);
    let screen = t.wait_for(&["BRAZEN_EXIT="]);
    assert!(screen.contains("BRAZEN_EXIT=0"), "{screen}");
    assert!(!screen.contains("/s ·") && !screen.contains("ETA"), "no bar with --format json:\n{screen}");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["counts", "endpoint", "environment", "lines"]);
    let row = v["lines"][0].as_object().unwrap();
    let mut keys: Vec<&str> = row.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let expected = [
        "attempts",
        "class",
        "error",
        "history_id",
        "line",
        "name",
        "network",
        "outcome",
        "recorded",
        "status",
        "waited_ms",
    ];
    assert_eq!(keys, expected, "{row:?}");
    let mut counts: Vec<&str> = v["counts"].as_object().unwrap().keys().map(String::as_str).collect();
    counts.sort_unstable();
    assert_eq!(counts, ["2XX", "4XX", "5XX", "network", "not_sent", "other", "sent"]);
    assert_eq!(v["counts"]["2XX"], 1);
}
