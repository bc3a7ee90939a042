//! Replaying failed exchanges from the history (`r`): the marked ones (Space), or else every failed one the filters
//! list, none replayed yet. The runtime plans (what would go, what is unsafe to repeat), the user answers, and the
//! run reports each step to a gauge with live counts; Esc stops it. The same engine as `brazen replay`.

use super::super::app::{App, Confirm, Overlay, Replaying};
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::{history, toast};
use crate::i18n::fill;

/// `r`: asks the runtime what would be re-sent.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    if app.replay.is_some() {
        toast(app, app.s().replay_running, Tone::Neutral);
        return Vec::new();
    }
    vec![Effect::PlanReplay { ids: app.history.marked.clone(), query: history::query(app) }]
}

/// The plan: nothing to do, or the question.
pub(super) fn planned(app: &mut App, ids: Vec<i64>, unsafe_count: usize) -> Vec<Effect> {
    if ids.is_empty() {
        let text = if app.history.marked.is_empty() { app.s().replay_none } else { app.s().replay_none_marked };
        toast(app, text, Tone::Neutral);
        return Vec::new();
    }
    app.overlay = Some(Overlay::Confirm(Confirm::Replay { ids, unsafe_count }));
    Vec::new()
}

/// Yes: the run starts, its gauge at zero.
pub(super) fn confirmed(app: &mut App, ids: Vec<i64>) -> Vec<Effect> {
    let id = app.next_id;
    app.next_id += 1;
    app.replay = Some(Replaying { id, total: ids.len(), done: 0, counts: [0; 4], started: app.now, waiting: None });
    vec![Effect::RunReplay { id, ids }]
}

pub(super) fn step(app: &mut App, id: u64, status: Option<u16>) -> Vec<Effect> {
    if let Some(r) = app.replay.as_mut().filter(|r| r.id == id) {
        r.done += 1;
        r.counts[Replaying::slot(status)] += 1;
        r.waiting = None;
    }
    Vec::new()
}

pub(super) fn waiting(app: &mut App, id: u64, until: jiff::Timestamp, why: crate::retry::Reason) -> Vec<Effect> {
    if let Some(r) = app.replay.as_mut().filter(|r| r.id == id) {
        r.waiting = Some((until, why));
    }
    Vec::new()
}

/// The run ended: a summary, and the list again (the re-sent exchanges are in it, their originals marked).
pub(super) fn done(app: &mut App, id: u64, error: Option<String>) -> Vec<Effect> {
    let Some(r) = app.replay.take_if(|r| r.id == id) else { return Vec::new() };
    let s = app.s();
    let [ok, c4, c5, net] = r.counts;
    let mut text = fill(
        s.replay_done,
        &[("done", &r.done), ("total", &r.total), ("ok", &ok), ("c4", &c4), ("c5", &c5), ("net", &net)],
    );
    if let Some(why) = error {
        text.push(' ');
        text.push_str(&crate::text::visible(&why));
    }
    let tone = if ok == r.done && r.done == r.total { Tone::Success } else { Tone::ClientError };
    toast(app, text, tone);
    app.history.marked.clear();
    vec![Effect::LoadHistory(history::query(app))]
}

/// Esc while a replay runs: it stops after the exchange in flight (which is recorded either way).
pub(super) fn cancel(app: &mut App) -> Option<Vec<Effect>> {
    let id = app.replay.as_ref()?.id;
    toast(app, app.s().replay_stopping, Tone::Neutral);
    Some(vec![Effect::Cancel { id }])
}

#[cfg(test)]
mod tests;
