//! Comparing two history exchanges: marking rows (Space), choosing the pair (`v`), loading both through the usual
//! exchange load, asking the runtime for their diff, and moving through it (scroll, next change, close). What the
//! diff holds is core's ([`crate::exchange::diff`]); how it is laid out in lines is the view's ([`view`]).

use std::sync::Arc;

use super::super::app::{App, Compare, MAX_MARKS};
use super::super::keymap::{self, Action};
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::super::view::diff as view;
use super::toast;
use crate::exchange::Exchange;
use crate::exchange::diff::ExchangeDiff;
use crate::i18n::fill;

/// Lines kept above a change `n` jumps to, so it is read with what leads to it.
const CONTEXT: usize = 2;

/// Space: marks the selected exchange, or unmarks it.
pub(super) fn toggle_mark(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.history.rows.get(app.history.selected).map(|r| r.id) else { return Vec::new() };
    let marked = &mut app.history.marked;
    if let Some(at) = marked.iter().position(|m| *m == id) {
        marked.remove(at);
    } else if marked.len() >= MAX_MARKS {
        toast(app, fill(app.s().marks_full, &[("max", &MAX_MARKS)]), Tone::ClientError);
    } else {
        marked.push(id);
    }
    Vec::new()
}

/// After the list is read again: marks of exchanges no longer listed go (deleted, or filtered out).
pub(super) fn keep_listed_marks(app: &mut App) {
    let h = &mut app.history;
    h.marked.retain(|id| h.rows.iter().any(|r| r.id == *id));
}

/// `v`: two marked → those; one → it and the selected row; none → the selected row and the one below it (older).
pub(super) fn compare(app: &mut App) -> Vec<Effect> {
    let h = &app.history;
    let selected = h.rows.get(h.selected).map(|r| r.id);
    let pair = match h.marked.as_slice() {
        [a, b] => Some((*a, *b)),
        [a] => selected.filter(|s| s != a).map(|s| (*a, s)),
        [] => selected.zip(h.rows.get(h.selected + 1).map(|r| r.id)),
        more => {
            let text = fill(app.s().too_many_marked, &[("count", &more.len())]);
            toast(app, text, Tone::Neutral);
            return Vec::new();
        }
    };
    let Some((a, b)) = pair else {
        toast(app, app.s().nothing_to_compare, Tone::Neutral);
        return Vec::new();
    };
    let ids = older_first(app, a, b);
    let seq = app.next_id;
    app.next_id += 1;
    app.history.compare = Some(Compare { ids, loaded: [None, None], diff: None, seq, scroll: 0, hscroll: 0 });
    ids.iter().map(|id| Effect::LoadExchange(*id)).collect()
}

/// The pair in time order, as listed (newest first), the row's id deciding a tie: the older goes on the left.
fn older_first(app: &App, a: i64, b: i64) -> [i64; 2] {
    let key = |id: i64| (app.history.rows.iter().find(|r| r.id == id).map(|r| r.time), id);
    if key(a) <= key(b) { [a, b] } else { [b, a] }
}

/// Whether the comparison waits for exchange `id` (so it does not open as usual when it arrives).
pub(super) fn waits_for(app: &App, id: i64) -> bool {
    app.history.compare.as_ref().is_some_and(|c| c.ids.iter().zip(&c.loaded).any(|(i, l)| *i == id && l.is_none()))
}

/// A side of the comparison arrived; once both are in, the diff is computed off-thread.
pub(super) fn exchange_loaded(app: &mut App, id: i64, exchange: Option<Box<Exchange>>) -> Vec<Effect> {
    let Some(ex) = exchange else {
        // One side is gone (deleted meanwhile): nothing to compare.
        app.history.compare = None;
        toast(app, fill(app.s().exchange_missing, &[("id", &id)]), Tone::ClientError);
        return Vec::new();
    };
    let Some(c) = app.history.compare.as_mut() else { return Vec::new() };
    let Some(side) = c.ids.iter().position(|i| *i == id) else { return Vec::new() };
    c.loaded[side] = Some(Arc::new(*ex));
    match &c.loaded {
        [Some(left), Some(right)] => vec![Effect::Diff { seq: c.seq, left: left.clone(), right: right.clone() }],
        _ => Vec::new(),
    }
}

pub(super) fn ready(app: &mut App, seq: u64, diff: Arc<ExchangeDiff>) -> Vec<Effect> {
    if let Some(c) = app.history.compare.as_mut().filter(|c| c.seq == seq) {
        c.diff = Some(diff);
    }
    Vec::new()
}

/// What the comparison does with an action of its keymap context.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Back => app.history.compare = None,
        Action::Move(step) => match keymap::scroll_of(step, view::page(app) as isize) {
            (0, cols) => hscroll(app, cols),
            (lines, _) => scroll(app, lines),
        },
        Action::NextChange(forward) => jump(app, forward),
        _ => return None,
    }
    Some(Vec::new())
}

/// Scrolls by `delta` lines, so that the last line can reach the bottom of the pane and no further.
pub(super) fn scroll(app: &mut App, delta: isize) {
    let max = view::rows(app).saturating_sub(view::page(app));
    if let Some(c) = app.history.compare.as_mut() {
        c.scroll = super::scrolled(c.scroll, delta, max);
    }
}

/// Sideways, up to the end of the widest line on screen.
fn hscroll(app: &mut App, delta: isize) {
    let max = view::widest_visible(app).saturating_sub(view::side_width(app));
    if let Some(c) = app.history.compare.as_mut() {
        c.hscroll = super::scrolled(c.hscroll, delta, max);
    }
}

/// `n` / `N`: the next (previous) run of changed rows is brought near the top, [`CONTEXT`] lines under it.
fn jump(app: &mut App, forward: bool) {
    let Some(c) = &app.history.compare else { return };
    let Some(d) = &c.diff else { return };
    let mut tops = view::change_starts(d).into_iter().map(|i| i.saturating_sub(CONTEXT));
    let to = if forward { tops.find(|&t| t > c.scroll) } else { tops.rfind(|&t| t < c.scroll) };
    if let Some(to) = to {
        let delta = to as isize - c.scroll as isize;
        scroll(app, delta);
    }
}

#[cfg(test)]
mod tests;
