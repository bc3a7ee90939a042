//! What several integration tests share: a home to run the real binary in, reading its output, the mock on a
//! thread of its own, a raw HTTP stub, running with standard input, and skipping loudly.
// Each test crate compiles this module and uses only part of it.
#![allow(dead_code, unused_imports)]

mod home;
mod mock;
mod output;
mod stub;
pub mod tui;

pub use home::Home;
pub use mock::{BackgroundMock, allow_key};
pub use output::{code, contains_bytes, err, json, out, text};
pub use stub::{Stub, response};

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// Runs `cmd` (stdout and stderr captured), writing `stdin` to it when given, and waits for it.
///
/// brazen may reject its arguments and exit before it reads standard input. Its exit code and message are what
/// such a test checks, so a pipe closed by an early exit is not a failure; any other write error is.
pub fn run(mut cmd: Command, stdin: Option<&[u8]>) -> Output {
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run brazen");
    if let Some(input) = stdin {
        match child.stdin.take().expect("stdin is piped").write_all(input) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(e) => panic!("writing brazen's standard input: {e}"),
        }
    }
    child.wait_with_output().expect("wait for brazen")
}

/// Says on the terminal that `test` did not run and why. libtest captures `eprintln!` and shows it only for a
/// failing test, so a skipped test would pass in silence; a write to the stderr handle itself is not captured.
pub fn skip_loudly(test: &str, why: &str, fix: &str) {
    let banner = "!".repeat(100);
    let _ = writeln!(std::io::stderr().lock(), "\n{banner}\n!!! SKIP {test}: {why}\n!!! {fix}\n{banner}\n");
}

/// Whether `tool` runs (`tool ARG` succeeds), for `test` that needs it. When it does not: a failure under
/// `BRAZEN_REQUIRE_TOOLS=1` (CI, which installs every tool), otherwise a loud skip.
pub fn tool_available(test: &str, tool: &str, arg: &str) -> bool {
    if std::process::Command::new(tool).arg(arg).output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    if std::env::var("BRAZEN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{test} needs {tool} (BRAZEN_REQUIRE_TOOLS=1), but it is not installed");
    }
    skip_loudly(
        test,
        &format!("{tool} is not installed, so this test did not run."),
        &format!("Install it (apt-get install -y {tool}), or set BRAZEN_REQUIRE_TOOLS=1 to make this a failure."),
    );
    false
}
