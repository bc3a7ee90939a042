//! Drives the whole app without a terminal: scripted keys in, a `TestBackend` buffer out, the real runtime
//! (in-process mock, history, files) in between. Used by `tests/tui_app.rs` and the benchmarks.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tokio::sync::mpsc::UnboundedReceiver;

use super::app::App;
use super::msg::Msg;
use super::runtime::event_loop::apply;
use super::runtime::{Options, Runtime};
use super::theme::Theme;

pub struct Driver {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub runtime: Runtime,
    rx: UnboundedReceiver<Msg>,
}

impl Driver {
    /// Starts the app as `brazen` would (restoring the saved state), and waits until start-up IO is done.
    pub async fn start(opts: Options, theme: Theme, width: u16, height: u16) -> Driver {
        let lang = opts.lang;
        let (runtime, rx) = Runtime::start(opts);
        let app = App::new(lang, theme, runtime.now(), width, height);
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend never fails");
        let mut d = Driver { app, terminal, runtime, rx };
        if let Some(state) = d.runtime.restored.clone() {
            d.handle(Msg::Restored(state));
        }
        d.settle().await;
        d
    }

    pub fn handle(&mut self, msg: Msg) {
        apply(&mut self.app, &self.runtime, msg);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.handle(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.handle(Msg::Key(KeyEvent::new(code, modifiers)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// Types text key by key (`\n` is Enter).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.key(KeyCode::Enter),
                c => self.key(KeyCode::Char(c)),
            }
        }
    }

    /// Reads the clock into the app (what the loop does before each batch and on ticks).
    pub fn tick(&mut self) {
        let now = self.runtime.now();
        self.handle(Msg::Clock(now));
    }

    /// Processes messages until no task is running, nothing is queued and validation has caught up.
    /// Panics after 30 s (a hung test, not a timing assertion).
    pub async fn settle(&mut self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            while let Ok(m) = self.rx.try_recv() {
                self.handle(m);
            }
            if self.runtime.busy().count() == 0 && !self.app.editor.stale() && self.rx.is_empty() {
                return;
            }
            match tokio::time::timeout_at(deadline, tokio::time::timeout(Duration::from_millis(20), self.rx.recv()))
                .await
            {
                Ok(Ok(Some(m))) => self.handle(m),
                Ok(_) => {}
                Err(_) => panic!("the app did not settle within 30 s"),
            }
        }
    }

    /// Draws a frame and returns the screen as text, one line per row, trailing spaces trimmed.
    pub fn render(&mut self) -> String {
        let app = &self.app;
        self.terminal.draw(|f| super::view::view(app, f)).expect("a test backend never fails");
        screen_text(self.terminal.backend().buffer())
    }

    pub fn buffer(&self) -> &ratatui::buffer::Buffer {
        self.terminal.backend().buffer()
    }

    /// What the loop does when it ends: write the state file now.
    pub fn finish(&self) {
        self.runtime.flush_state(&super::update::saved_state(&self.app));
    }

    /// Stops the mock server.
    pub async fn shutdown(self) {
        self.runtime.shutdown().await;
    }
}

/// The buffer as text. Wide characters occupy two cells; the second (blank) cell is skipped.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
