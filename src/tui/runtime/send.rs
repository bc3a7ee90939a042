//! One send: the service resolves the target, sends with progress and cancellation, and records; this adapter
//! turns its reports into messages for the loop.

use std::sync::Arc;

use super::super::model::{Outgoing, Progress};
use super::super::msg::Msg;
use super::{Shared, lock};
use crate::client::{self, CancellationToken, PreparedRequest, SendPlan, Sender};
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
    // The sandbox is the runtime's own mock, started on first use; the service decides which environments need it.
    let mock_url = if crate::service::needs_mock(&env) { sh.mock_url().await } else { None };
    let mut prepared =
        PreparedRequest::new(&format!("{} {}", req.method, req.path), &req.body).map_err(|e| e.to_string())?;
    // What this request needs: the REST key, or for a SCIM endpoint the SCIM token and origin (a SCIM-only
    // environment can send its SCIM requests; a missing credential is said before anything is sent).
    let target = crate::service::target_for(&env, mock_url.as_deref(), &prepared).map_err(|e| said(&e, sh.lang))?;
    // Through the request's own check: a saved request cannot set the key's header (or another of brazen's).
    for (name, value) in &req.headers {
        prepared = prepared.with_header(name, value).map_err(|e| e.to_string())?;
    }
    prepared.secrets = crate::request::vars::Concealed(req.secrets.clone());
    let sender = sender(sh, &env, max_body)?;
    let tx = sh.tx.clone();
    let forward = move |event: crate::service::Event<'_>| {
        let progress = match event {
            crate::service::Event::Progress(client::Progress::AttemptStarted { number, .. }) => {
                Progress::AttemptStarted { number }
            }
            crate::service::Event::Progress(client::Progress::Waiting { until, why, .. }) => {
                Progress::Waiting { until, why }
            }
            crate::service::Event::Progress(client::Progress::AttemptFinished { number, status, .. }) => {
                Progress::AttemptFinished { number, status }
            }
            _ => return,
        };
        let _ = tx.send(Msg::Progress { id, progress });
    };
    let sent = crate::service::send(&sender, &target, &prepared, &SendPlan::once(), &cancel, &forward).await;
    let mut exchange = sent.exchange;
    exchange.replay_of = req.replay_of;
    exchange.saved_request = req.saved_request.clone();
    if let Some(store) = sh.store().await {
        let mut record = exchange.clone();
        let stored = tokio::task::spawn_blocking(move || {
            // The original may have been deleted meanwhile; the new record still says what it replays.
            crate::service::record(&store, &mut record).map(|stored| stored.id)
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

/// A service error as the status bar says it: a missing key in the UI's language (the rest as the service words it).
fn said(e: &crate::service::Error, lang: crate::i18n::Lang) -> String {
    use crate::service::{Error, MissingCredential};
    match e {
        Error::Credential(MissingCredential::ApiKey { missing: Some(m), .. }) => m.sentence(lang),
        other => other.to_string(),
    }
}

/// One client per environment (timeouts differ), built on first use.
fn sender(sh: &Shared, env: &Environment, max_body: u64) -> Result<Arc<Sender>, String> {
    let mut senders = lock(&sh.senders);
    if let Some(s) = senders.get(&env.name) {
        return Ok(s.clone());
    }
    let mut settings = crate::service::settings(env, max_body, None).map_err(|e| e.to_string())?;
    settings.seed = sh.client_seed;
    // The app's clock, so the times recorded agree with the countdowns shown (and tests' manual clock holds).
    settings.clock = sh.clock.clone();
    let s = Arc::new(Sender::new(settings).map_err(|e| e.to_string())?);
    senders.insert(env.name.clone(), s.clone());
    Ok(s)
}
