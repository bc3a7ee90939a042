//! The history adapter: the UI's query → the store's filter, summaries → rows, exports to files.

use std::path::PathBuf;

use super::super::model::{ClassFilter, ExportFormat, HistoryQuery, HistoryRow, RowLabel};
use super::super::theme::Tone;
use crate::answer::AnswerClass;
use crate::classify::{Class, OutcomeKind};
use crate::exchange::Exchange;
use crate::history::{Filter, Store, Summary};
use crate::i18n::Lang;

pub fn filter(q: &HistoryQuery) -> Filter {
    let mut f = Filter {
        endpoint: q.endpoint.clone(),
        user: q.user.clone(),
        search: Some(q.search.clone()).filter(|s| !s.is_empty()),
        limit: Some(q.limit.max(1)),
        ..Filter::default()
    };
    let status = |c| Some(AnswerClass::Status(c));
    match q.class {
        ClassFilter::All => {}
        ClassFilter::Success => f.class = status(Class::C2xx),
        // 429 is narrowed from the 4XX rows after listing.
        ClassFilter::ClientError | ClassFilter::RateLimited => f.class = status(Class::C4xx),
        ClassFilter::ServerError => f.class = status(Class::C5xx),
        ClassFilter::Failed => f.failed_only = true,
    }
    f
}

pub fn row(s: &Summary) -> HistoryRow {
    let minor = s.outcome == Some(OutcomeKind::SuccessWithMinorErrors);
    let label = match (&s.name, s.network, s.outcome) {
        (Some(name), ..) => RowLabel::Error { id: s.error.clone(), name: name.clone() },
        (None, Some(kind), _) => RowLabel::Network(kind),
        (None, None, Some(o)) if o != OutcomeKind::Fatal => RowLabel::Outcome(o),
        _ => RowLabel::None,
    };
    HistoryRow {
        id: s.id,
        time: s.time,
        environment: s.environment.clone(),
        method: s.method.clone(),
        endpoint: s.endpoint.clone(),
        status: s.status,
        tone: Tone::of(s.status, minor),
        label,
        duration_ms: s.duration_ms,
        user: s.user.clone(),
    }
}

pub fn list(store: &Store, q: &HistoryQuery) -> Result<Vec<HistoryRow>, String> {
    let rows = store.list(&filter(q)).map_err(|e| e.to_string())?;
    Ok(rows.iter().filter(|s| q.class != ClassFilter::RateLimited || s.status == Some(429)).map(row).collect())
}

/// Writes the export into `dir` (default: the current folder) as `brazen-<id>.sh|md`, or `brazen-<id>-2.sh`, `-3`, …
/// when that name is taken: an earlier export is never overwritten. Returns the path written.
pub fn export(
    ex: &Exchange,
    format: ExportFormat,
    lang: Lang,
    dir: Option<PathBuf>,
    now: jiff::Timestamp,
) -> Result<PathBuf, String> {
    let text = match format {
        ExportFormat::Bundle => crate::curl::bundle::export_bundle(ex, now, lang).map_err(|e| e.to_string())?,
        ExportFormat::Curl => crate::curl::export_script(ex, lang),
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
    write_new(&dir, &stem, format.extension(), text.as_bytes())
}

/// Creates `stem.ext` in `dir`, or the first free `stem-N.ext` (N = 2, 3, …). `create_new` decides, so an export
/// racing another never replaces it.
pub(super) fn write_new(dir: &std::path::Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    use std::io::Write as _;
    for n in 1u32..10_000 {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = dir.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
        }
    }
    Err(format!("cannot write {stem}.{ext}: too many earlier exports in {}", dir.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_earlier_export_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let a = super::write_new(dir.path(), "brazen-7", "sh", b"first").unwrap();
        let b = super::write_new(dir.path(), "brazen-7", "sh", b"second").unwrap();
        let c = super::write_new(dir.path(), "brazen-7", "sh", b"third").unwrap();
        assert_eq!(a, dir.path().join("brazen-7.sh"));
        assert_eq!(b, dir.path().join("brazen-7-2.sh"));
        assert_eq!(c, dir.path().join("brazen-7-3.sh"));
        assert_eq!(std::fs::read(&a).unwrap(), b"first");
        assert_eq!(std::fs::read(&b).unwrap(), b"second");
    }
}
