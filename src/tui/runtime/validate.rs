//! Validation of large bodies off the UI thread. Jobs go into a `watch` slot, so while one runs, newer edits
//! replace each other and only the newest is validated next ("newest edit wins").

use std::sync::Arc;

use tokio::sync::{mpsc::UnboundedSender, watch};

use super::super::msg::Msg;

#[derive(Debug, Clone)]
pub struct Job {
    pub generation: u64,
    pub endpoint: String,
    pub text: Arc<str>,
    /// The request's headers (a saved request's) and the variables in effect.
    pub headers: Vec<(String, String)>,
    pub vars: Arc<crate::request::vars::Variables>,
    pub timezone: String,
    pub now: jiff::Timestamp,
    /// The language of the diagnostics' sentences (the UI's).
    pub lang: crate::i18n::Lang,
}

pub fn spawn_worker(tx: UnboundedSender<Msg>, busy: super::Busy) -> watch::Sender<Option<Job>> {
    let (jobs, mut rx) = watch::channel::<Option<Job>>(None);
    tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let Some(job) = rx.borrow_and_update().clone() else { continue };
            let guard = busy.start();
            let result = tokio::task::spawn_blocking(move || {
                let tz = jiff::tz::TimeZone::get(&job.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
                let ctx = crate::validate::Context::new(job.now, tz).with_lang(job.lang);
                let report =
                    crate::validate::check_with_variables(&job.endpoint, &job.text, &job.headers, &job.vars, &ctx);
                (job.generation, report)
            })
            .await;
            if let Ok((generation, report)) = result {
                let _ = tx.send(Msg::Validated { generation, report });
            }
            drop(guard);
        }
    });
    jobs
}
