//! The interactive workbench (`brazen` with no arguments).
//!
//! Architecture: all state in one [`App`]; terminal input and IO results arrive as [`Msg`]s; one
//! [`update`](update::update) turns a message into state changes and [`Effect`]s without doing IO; the
//! [`Runtime`](runtime::Runtime) runs effects in tokio tasks that answer with messages; [`view`](view::view) only
//! draws. Everything is generic over the ratatui backend, so tests drive the whole app on a `TestBackend`
//! (`driver::Driver`, compiled only for tests: the `test-support` feature).
//!
//! A front end: sends and records through [`crate::service`], reads the history through its store, and never imports
//! the CLI; IO (tokio, the terminal, the disk) happens only in `runtime` and in the entry point [`run`].

pub mod app;
pub mod clipboard;
pub mod collection;
/// Test-only (`test-support`): not in the shipped binary.
#[cfg(any(test, feature = "test-support"))]
pub mod driver;
pub mod editor;
pub mod headers;
pub mod json_lex;
pub mod keymap;
pub mod layout;
pub mod line_input;
pub mod model;
pub mod msg;
pub mod pretty;
pub mod runtime;
pub mod search;
pub mod strings;
pub mod theme;
pub mod undo;
pub mod update;
pub mod view;

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

pub use app::App;
pub use msg::{Effect, Msg};
pub use theme::Theme;

/// Opens the TUI in `lang`; returns the exit code. The TUI takes its own settings, not the CLI's, so it does not
/// depend on the CLI that starts it.
pub fn run(lang: crate::i18n::Lang, requests_dir: Option<std::path::PathBuf>) -> anyhow::Result<i32> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!("the workbench needs a terminal; for scripts use a subcommand (see `brazen --help`)");
    }
    let started = Instant::now();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let result = rt.block_on(main(lang, requests_dir, started));
    // Blocking work (a big validation, a file write) must not keep the process alive after the user quit.
    rt.shutdown_timeout(Duration::from_millis(500));
    result.map(|()| 0)
}

async fn main(
    lang: crate::i18n::Lang,
    requests_dir: Option<std::path::PathBuf>,
    started: Instant,
) -> anyhow::Result<()> {
    runtime::terminal::install_panic_hook();
    let mut terminal = runtime::terminal::enter()?;
    let mut options = runtime::Options::from_env(lang);
    options.requests_dir = requests_dir;
    let result = session(&mut terminal, options, started).await;
    runtime::terminal::restore();
    result
}

async fn session<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    options: runtime::Options,
    started: Instant,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let lang = options.lang;
    let (rt, mut rx) = runtime::Runtime::start(options);
    let size = terminal.size()?;
    let mut app = App::new(lang, Theme::from_env(), rt.now(), size.width, size.height);
    if let Some(state) = rt.restored.clone() {
        runtime::event_loop::apply(&mut app, &rt, Msg::Restored(state));
    }
    spawn_signal_handlers(&rt);
    // `BRAZEN_TUI_TIMINGS=FILE` appends the time to the first frame and each frame's draw time (benches/tui_live.sh).
    // `BRAZEN_TUI_PANIC=1` panics right after the first frame: the end-to-end test uses it to prove the panic hook
    // gives the terminal back before the message is printed.
    let mut timings = std::env::var_os("BRAZEN_TUI_TIMINGS")
        .and_then(|p| std::fs::OpenOptions::new().create(true).append(true).open(p).ok())
        .map(std::io::BufWriter::new);
    let panic_test = std::env::var_os("BRAZEN_TUI_PANIC").is_some_and(|v| v == "1");
    let mut first = true;
    let on_frame: runtime::event_loop::OnFrame = Some(Box::new(move |draw: Duration| {
        use std::io::Write as _;
        if let Some(w) = timings.as_mut() {
            if first {
                let epoch_ns = jiff::Timestamp::now().as_nanosecond();
                let _ = writeln!(w, "first_frame_ms {:.2}", started.elapsed().as_secs_f64() * 1000.0);
                let _ = writeln!(w, "first_frame_epoch_ns {epoch_ns}");
                let _ = w.flush();
            }
            let _ = writeln!(w, "frame_ms {:.3}", draw.as_secs_f64() * 1000.0);
            let _ = w.flush();
        }
        if first && panic_test {
            panic!("BRAZEN_TUI_PANIC=1: deliberate panic after the first frame");
        }
        first = false;
    }));
    let events = ratatui::crossterm::event::EventStream::new();
    let result = runtime::event_loop::run(terminal, &mut app, &rt, &mut rx, events, on_frame).await;
    rt.flush_state(&update::saved_state(&app));
    // The mock is not shut down gracefully: the client's pooled keep-alive connection would hold it open for
    // seconds. Dropping the runtime ends it with the process.
    result
}

/// SIGTERM, SIGHUP and an external SIGINT end the session like Ctrl-C: state saved, terminal restored.
fn spawn_signal_handlers(rt: &runtime::Runtime) {
    use tokio::signal::unix::{SignalKind, signal};
    let tx = rt.sender();
    tokio::spawn(async move {
        let (Ok(mut term), Ok(mut hup), Ok(mut int)) =
            (signal(SignalKind::terminate()), signal(SignalKind::hangup()), signal(SignalKind::interrupt()))
        else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = hup.recv() => {}
            _ = int.recv() => {}
        }
        let _ = tx.send(Msg::Terminate);
    });
}
