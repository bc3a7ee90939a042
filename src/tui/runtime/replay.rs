//! Replays from the history: the plan (what `r` would re-send) and the run, through the service's replay engine
//! (`brazen replay`'s), each step reported to the loop for the gauge. Replays to the sandbox go to the workbench's
//! own mock.

use std::sync::Arc;

use super::super::model::HistoryQuery;
use super::super::msg::Msg;
use super::{Shared, lock, store};
use crate::client::{CancellationToken, Progress};
use crate::history::Store;
use crate::service::{self, Event, Planned, ReplayRun, TargetChoice};

/// The failed exchanges, not replayed yet, that the query lists, or those of them in `ids` when any are given;
/// with the environments they go to, each holding the credential it needs.
fn planned(
    sh: &Shared,
    store: &Store,
    ids: &[i64],
    query: &HistoryQuery,
) -> Result<(Vec<Planned>, std::collections::HashMap<String, crate::config::Environment>), String> {
    let mut filter = store::filter(query);
    filter.failed_only = true;
    filter.not_replayed = true;
    // Marked rows may lie beyond the listed ones: the marks choose, the filters do not cut them.
    if !ids.is_empty() {
        filter = crate::history::Filter { failed_only: true, not_replayed: true, ..Default::default() };
    }
    filter.limit = None;
    let mut plan = service::plan(store, &filter, None).map_err(|e| e.to_string())?.planned;
    if !ids.is_empty() {
        plan.retain(|p| ids.contains(&p.summary.id));
    }
    let cfg = lock(&sh.config).clone().ok_or("the configuration is not loaded yet")?;
    let envs = service::resolve_targets(&cfg, &TargetChoice::default(), &plan, &|n| std::env::var(n).ok())
        .map_err(|e| e.to_string())?;
    Ok((plan, envs))
}

pub(super) fn plan(sh: &Arc<Shared>, ids: Vec<i64>, query: HistoryQuery) {
    let sh = sh.clone();
    let guard = sh.busy.start();
    tokio::spawn(async move {
        let msg = match sh.store().await {
            None => Msg::ReplayRefused("the history is not available".into()),
            Some(store) => match planned(&sh, &store, &ids, &query) {
                Ok((plan, _)) => Msg::ReplayPlanned {
                    ids: plan.iter().map(|p| p.summary.id).collect(),
                    unsafe_count: plan.iter().filter(|p| p.unsafe_to_repeat).count(),
                },
                Err(why) => Msg::ReplayRefused(why),
            },
        };
        let _ = sh.tx.send(msg);
        drop(guard);
    });
}

pub(super) fn run(sh: &Arc<Shared>, id: u64, ids: Vec<i64>) {
    let sh = sh.clone();
    let cancel = CancellationToken::new();
    lock(&sh.cancels).insert(id, cancel.clone());
    let guard = sh.busy.start();
    tokio::spawn(async move {
        let error = match sh.store().await {
            None => Some("the history is not available".to_string()),
            Some(store) => run_planned(&sh, &store, id, &ids, &cancel).await.err(),
        };
        lock(&sh.cancels).remove(&id);
        let _ = sh.tx.send(Msg::ReplayDone { id, error });
        drop(guard);
    });
}

async fn run_planned(
    sh: &Arc<Shared>,
    store: &Store,
    id: u64,
    ids: &[i64],
    cancel: &CancellationToken,
) -> Result<(), String> {
    // Planned again: what was replayed since the question (another brazen) is no longer "not replayed".
    let (plan, envs) = planned(sh, store, ids, &HistoryQuery::default())?;
    let cfg = lock(&sh.config).clone().ok_or("the configuration is not loaded yet")?;
    let sandbox = if envs.values().any(service::needs_mock) { sh.mock_url().await } else { None };
    let choice = TargetChoice::default();
    let run = ReplayRun {
        cfg: &cfg,
        store,
        envs: &envs,
        choice: &choice,
        retries: None,
        clock: &*sh.clock,
        sandbox_url: sandbox.as_deref(),
    };
    let tx = sh.tx.clone();
    let on = move |e: Event<'_>| {
        let msg = match e {
            Event::Done { exchange } => Msg::ReplayStep { id, status: exchange.status() },
            Event::Progress(Progress::Waiting { until, why, .. }) => Msg::ReplayWaiting { id, until, why },
            _ => return,
        };
        let _ = tx.send(msg);
    };
    service::run_replay(&run, &plan, cancel, &on).await.map(drop).map_err(|e| e.to_string())
}
