//! The main loop: waits on terminal input, IO results and — only while something animates — a tick; drains
//! everything queued, then redraws once. Idle, it sleeps in `select!` and uses no CPU.

use std::time::Duration;

use futures_util::{Stream, StreamExt as _};
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

/// Called after each frame is on screen with how long drawing it took (start-up and frame timings).
pub type OnFrame<'a> = Option<Box<dyn FnMut(Duration) + 'a>>;

pub async fn run<B: Backend, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rt: &Runtime,
    rx: &mut UnboundedReceiver<Msg>,
    events: S,
    mut on_frame: OnFrame<'_>,
) -> anyhow::Result<()>
where
    S: Stream<Item = std::io::Result<Event>> + Unpin,
    B::Error: Send + Sync + 'static,
{
    // Whatever input is already waiting comes as one chunk, so a burst of keys (a paste without bracketed paste,
    // key repeat) costs one frame. (Polling the stream by hand with a no-op waker would lose crossterm's wake-ups.)
    let mut events = events.ready_chunks(256);
    let mut dirty = true;
    loop {
        if dirty {
            let t = std::time::Instant::now();
            terminal.draw(|f| super::super::view::view(app, f))?;
            dirty = false;
            if let Some(f) = on_frame.as_mut() {
                f(t.elapsed());
            }
        }
        if app.quit {
            return Ok(());
        }
        let wait = tick(app);
        let mut batch: Vec<Msg> = Vec::new();
        tokio::select! {
            chunk = events.next() => match chunk {
                Some(evs) => {
                    for ev in evs {
                        batch.extend(event_msg(ev?));
                    }
                }
                None => batch.push(Msg::Terminate),
            },
            Some(m) = rx.recv() => batch.push(m),
            _ = tokio::time::sleep(wait.unwrap_or(Duration::from_secs(3600))), if wait.is_some() => {
                batch.push(Msg::Clock(rt.now()));
            }
        }
        // Drain what else is queued, so a burst of results costs one frame.
        while let Ok(m) = rx.try_recv() {
            batch.push(m);
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
