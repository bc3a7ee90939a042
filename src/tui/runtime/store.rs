//! The history adapter: the UI's query → the store's filter, summaries → rows, exports to files.

use std::path::PathBuf;

use super::super::model::{ClassFilter, ExportFormat, HistoryQuery, HistoryRow};
use super::super::theme::Tone;
use crate::exchange::Exchange;
use crate::history::{Filter, Store, Summary};
use crate::i18n::Lang;

pub fn filter(q: &HistoryQuery) -> Filter {
    let mut f = Filter {
        endpoint: q.endpoint.clone(),
        search: Some(q.search.clone()).filter(|s| !s.is_empty()),
        limit: Some(q.limit.max(1)),
        ..Filter::default()
    };
    match q.class {
        ClassFilter::All => {}
        ClassFilter::Success => f.class = Some("2XX".into()),
        // 429 is narrowed from the 4XX rows after listing.
        ClassFilter::ClientError | ClassFilter::RateLimited => f.class = Some("4XX".into()),
        ClassFilter::ServerError => f.class = Some("5XX".into()),
        ClassFilter::Failed => f.failed_only = true,
    }
    f
}

pub fn row(s: &Summary) -> HistoryRow {
    let minor = s.outcome.as_deref() == Some("success_with_minor_errors");
    let name = s.name.clone().or_else(|| s.network.clone()).or_else(|| s.outcome.clone().filter(|o| o != "fatal"));
    HistoryRow {
        id: s.id,
        time: s.time,
        environment: s.environment.clone(),
        method: s.method.clone(),
        endpoint: s.endpoint.clone(),
        status: s.status,
        tone: Tone::of(s.status, minor),
        name,
        duration_ms: s.duration_ms,
    }
}

pub fn list(store: &Store, q: &HistoryQuery) -> Result<Vec<HistoryRow>, String> {
    let rows = store.list(&filter(q)).map_err(|e| e.to_string())?;
    Ok(rows.iter().filter(|s| q.class != ClassFilter::RateLimited || s.status == Some(429)).map(row).collect())
}

/// Writes the export into `dir` (default: the current folder) as `brazen-<id>.sh|md`; returns the absolute path.
pub fn export(ex: &Exchange, format: ExportFormat, lang: Lang, dir: Option<PathBuf>) -> Result<PathBuf, String> {
    let text = match format {
        ExportFormat::Curl => {
            let note = crate::curl::sandbox_note(ex, lang).map(|n| format!("# {n}\n")).unwrap_or_default();
            format!(
                "#!/bin/sh\n# Set BRAZE_API_KEY first; the key is not stored here.\n{note}{}\n",
                crate::curl::export_curl(ex)
            )
        }
        ExportFormat::Markdown => crate::curl::export_markdown(ex, lang),
    };
    let stem = match ex.id {
        Some(id) => format!("brazen-{id}"),
        None => format!("brazen-{}", ex.time.as_second()),
    };
    let dir = match dir {
        Some(d) => d,
        None => std::env::current_dir().map_err(|e| format!("cannot find the current folder: {e}"))?,
    };
    let path = dir.join(format!("{stem}.{}", format.extension()));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
