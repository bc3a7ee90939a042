//! One send: environment → target, the client with progress and cancellation, then the history.

use std::sync::Arc;

use super::super::model::{Outgoing, Progress};
use super::super::msg::Msg;
use super::{Shared, lock};
use crate::client::{self, CancellationToken, ClientSettings, PreparedRequest, SendPlan, Sender, Target};
use crate::config::Environment;

pub(super) async fn run(sh: &Arc<Shared>, id: u64, req: Outgoing, cancel: CancellationToken) {
    let msg = match send(sh, id, req, cancel).await {
        Ok(exchange) => Msg::Finished { id, exchange: Box::new(exchange) },
        Err(error) => Msg::SendError { id, error },
    };
    let _ = sh.tx.send(msg);
}

async fn send(
    sh: &Arc<Shared>,
    id: u64,
    req: Outgoing,
    cancel: CancellationToken,
) -> Result<crate::exchange::Exchange, String> {
    let (env, max_body) = {
        let cfg = lock(&sh.config);
        let cfg = cfg.as_ref().ok_or("the configuration is not loaded yet")?;
        let env = cfg.environment(Some(&req.environment)).map_err(|e| e.to_string())?.clone();
        (env, cfg.max_body_bytes.value)
    };
    let base_url = if env.is_sandbox() {
        sh.mock_url().await.ok_or("the offline mock is not running")?
    } else {
        env.url.as_ref().map(|u| u.value.clone()).ok_or_else(|| format!("{} has no URL", env.name))?
    };
    let key = match &env.key {
        Some(k) => k.value.clone(),
        None => {
            return Err(env.missing_key.clone().unwrap_or_else(|| format!("no API key for {}", env.name)));
        }
    };
    let mut prepared =
        PreparedRequest::new(&format!("{} {}", req.method, req.path), &req.body).map_err(|e| e.to_string())?;
    prepared.extra_headers = req.headers.clone();
    let sender = sender(sh, &env, max_body)?;
    let target = Target { environment: env.name.clone(), base_url, key };
    let (ptx, mut prx) = tokio::sync::mpsc::unbounded_channel::<client::Progress>();
    let tx = sh.tx.clone();
    let forward = tokio::spawn(async move {
        while let Some(p) = prx.recv().await {
            let progress = match p {
                client::Progress::AttemptStarted { number, .. } => Progress::AttemptStarted { number },
                client::Progress::Waiting { until, why, .. } => Progress::Waiting { until, why },
                client::Progress::AttemptFinished { number, status, .. } => {
                    Progress::AttemptFinished { number, status }
                }
            };
            let _ = tx.send(Msg::Progress { id, progress });
        }
    });
    let plan = SendPlan::once();
    let sent = sender.send(&target, &prepared, &plan, Some(&ptx), &cancel).await;
    drop(ptx);
    let _ = forward.await;
    let mut exchange = sent.exchange;
    exchange.replay_of = req.replay_of;
    if let Some(store) = sh.store().await {
        let record = exchange.clone();
        let replay_of = req.replay_of;
        let stored = tokio::task::spawn_blocking(move || {
            let id = store.append(&record)?;
            if let Some(orig) = replay_of {
                // The original may have been deleted meanwhile; the new record still says what it replays.
                let _ = store.mark_replayed(orig, id);
            }
            Ok::<i64, crate::history::HistoryError>(id)
        })
        .await;
        match stored {
            Ok(Ok(row)) => exchange.id = Some(row),
            Ok(Err(e)) => {
                let _ = sh.tx.send(Msg::Failed(format!("not recorded in the history: {e}")));
            }
            Err(_) => {}
        }
    }
    Ok(exchange)
}

/// One client per environment (timeouts differ), built on first use.
fn sender(sh: &Shared, env: &Environment, max_body: u64) -> Result<Arc<Sender>, String> {
    let mut senders = lock(&sh.senders);
    if let Some(s) = senders.get(&env.name) {
        return Ok(s.clone());
    }
    let mut settings = ClientSettings::for_environment(env, max_body);
    settings.seed = sh.client_seed;
    // The app's clock, so the times recorded agree with the countdowns shown (and tests' manual clock holds).
    settings.clock = sh.clock.clone();
    let s = Arc::new(Sender::new(settings).map_err(|e| e.to_string())?);
    senders.insert(env.name.clone(), s.clone());
    Ok(s)
}
