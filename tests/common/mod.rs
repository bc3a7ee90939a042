//! What several integration tests share: running the real binary with standard input.

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
