//! `brazen history delete ID...` and `brazen history prune --before WHEN [--dry-run] [--yes]`: removing exchanges,
//! then compacting the database so the file shrinks (see `crate::history`'s housekeeping for the VACUUM and
//! for what happens to replay links).
//!
//! `delete` asks nothing (the ids are explicit), deletes the ids that exist, and exits 2 when any was missing
//! (like `history show` of a missing id, and like `rm` with a missing file: the others are still deleted).
//! `prune` removes a whole period, so it asks on a terminal and needs `--yes` otherwise (DESIGN §3.1).

use super::super::EXIT_USAGE;
use super::super::Global;
use super::super::output::{Format, Paint, UsageError};
use super::super::print::{eoutln, out, outln, print_json};
use super::super::text::HistoryText;
use super::{lines, parse_id, parse_when};
use crate::history::{Filter, Store};
use crate::i18n::{Lang, Table as _, fill};

/// `#3, #5`
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ")
}

pub(super) fn delete(ids: &[String], format: Format, global: Global) -> anyhow::Result<i32> {
    let t = HistoryText::get(global.lang);
    // Every id is checked before anything is deleted: a typo deletes nothing.
    let wanted = ids.iter().map(|s| parse_id(s)).collect::<Result<Vec<_>, _>>()?;
    let store = open()?;
    let done = store.delete(&wanted)?;
    match format {
        Format::Json => print_json(&done)?,
        Format::Text => {
            if !done.deleted.is_empty() {
                outln!("{}", fill(t.deleted, &[("n", &done.deleted.len()), ("ids", &id_list(&done.deleted))]));
            }
        }
    }
    // On standard error in both formats: it is why the exit code is 2.
    if !done.missing.is_empty() {
        eoutln!("brazen: {}", fill(t.missing, &[("ids", &id_list(&done.missing))]));
    }
    for id in &done.unmarked {
        eoutln!("brazen: {}", fill(t.unmarked, &[("id", id)]));
    }
    if !done.deleted.is_empty() {
        compact(&store, global.lang);
    }
    Ok(if done.missing.is_empty() { 0 } else { EXIT_USAGE })
}

pub(super) fn prune(before: &str, dry_run: bool, yes: bool, format: Format, global: Global) -> anyhow::Result<i32> {
    let t = HistoryText::get(global.lang);
    let before = parse_when("--before", before, jiff::Timestamp::now())?;
    let store = open()?;
    let shown = before.to_string();
    if dry_run {
        let rows = store.list(&Filter { before: Some(before), ..Filter::default() })?;
        match format {
            Format::Json => print_json(&rows)?,
            Format::Text => {
                if !rows.is_empty() {
                    out!("{}", lines(&rows, Paint::stdout(), &jiff::tz::TimeZone::system(), global.lang));
                }
                outln!("{}", fill(t.would_prune, &[("n", &rows.len()), ("before", &shown)]));
            }
        }
        return Ok(0);
    }
    if !yes {
        let n = store.list(&Filter { before: Some(before), limit: None, ..Filter::default() })?.len();
        if n > 0 && !super::super::target::confirm(&fill(t.prune_question, &[("n", &n), ("before", &shown)]))? {
            if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                return Err(UsageError(t.prune_needs_yes.into()).into());
            }
            eoutln!("{}", t.declined);
            return Ok(0);
        }
    }
    let n = store.prune(before)?;
    match format {
        Format::Json => print_json(&serde_json::json!({ "pruned": n, "before": before }))?,
        Format::Text => outln!("{}", fill(t.pruned, &[("n", &n), ("before", &shown)])),
    }
    if n > 0 {
        compact(&store, global.lang);
    }
    Ok(0)
}

/// The history for writing: a local failure (exit 3) when it cannot be opened.
fn open() -> anyhow::Result<Store> {
    if let Some(store) = super::configured()? {
        return Ok(store);
    }
    Ok(Store::open(&crate::config::Paths::resolve().history_db)?)
}

/// Shrinks the file. The deletion is done and committed either way, so a failure here (another brazen holding
/// the database past the busy timeout, a full disk) is a warning, not the command's failure.
fn compact(store: &Store, lang: Lang) {
    if let Err(e) = store.compact() {
        eoutln!("brazen: {}", fill(HistoryText::get(lang).not_compacted, &[("error", &e)]));
    }
}
