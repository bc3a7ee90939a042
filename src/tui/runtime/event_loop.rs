//! The main loop: waits on terminal input, IO results and — only while something animates — a tick; drains
//! everything queued, then redraws once. Idle, it sleeps in `select!` and uses no CPU.

use std::time::Duration;

use futures_util::{FutureExt as _, Stream, StreamExt as _};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, MouseEventKind};
use tokio::sync::mpsc::UnboundedReceiver;

use super::super::app::{App, RequestState};
use super::super::msg::Msg;
use super::super::update::update;
use super::Runtime;

/// Runs `update` and hands its effects to the runtime.
pub fn apply(app: &mut App, rt: &Runtime, msg: Msg) {
    for effect in update(app, msg) {
        rt.execute(effect);
    }
}

/// A terminal event as a message; `None` for events the app ignores (mouse motion, focus changes), which then
/// cause no redraw either.
pub fn event_msg(e: Event) -> Option<Msg> {
    match e {
        Event::Key(k) => Some(Msg::Key(k)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Moved | MouseEventKind::Drag(_) | MouseEventKind::Up(_) => None,
            _ => Some(Msg::Mouse(m)),
        },
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::FocusGained | Event::FocusLost => None,
    }
}

/// How often to wake up with no input: fast while a spinner turns, slower for countdowns, never when idle.
fn tick(app: &App) -> Option<Duration> {
    if matches!(app.request, RequestState::Sending(_)) {
        Some(Duration::from_millis(100))
    } else if app.animating() {
        Some(Duration::from_millis(250))
    } else {
        None
    }
}

/// Called once after the first frame is on screen (start-up timing).
pub type FirstFrame<'a> = Option<Box<dyn FnOnce() + 'a>>;

pub async fn run<B: Backend, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rt: &Runtime,
    rx: &mut UnboundedReceiver<Msg>,
    mut events: S,
    mut first_frame: FirstFrame<'_>,
) -> anyhow::Result<()>
where
    S: Stream<Item = std::io::Result<Event>> + Unpin,
    B::Error: Send + Sync + 'static,
{
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| super::super::view::view(app, f))?;
            dirty = false;
            if let Some(f) = first_frame.take() {
                f();
            }
        }
        if app.quit {
            return Ok(());
        }
        let wait = tick(app);
        let mut batch: Vec<Msg> = Vec::new();
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(e)) => batch.extend(event_msg(e)),
                Some(Err(e)) => return Err(e.into()),
                None => batch.push(Msg::Terminate),
            },
            Some(m) = rx.recv() => batch.push(m),
            _ = tokio::time::sleep(wait.unwrap_or(Duration::from_secs(3600))), if wait.is_some() => {
                batch.push(Msg::Clock(rt.now()));
            }
        }
        // Drain what else is queued, so a burst of results or keys costs one frame.
        while let Ok(m) = rx.try_recv() {
            batch.push(m);
        }
        while let Some(Some(Ok(e))) = events.next().now_or_never() {
            batch.extend(event_msg(e));
        }
        if batch.is_empty() {
            continue;
        }
        apply(app, rt, Msg::Clock(rt.now()));
        for m in batch {
            apply(app, rt, m);
        }
        dirty = true;
    }
}
