//! Saved requests: the collection's files, read and written on the blocking pool, answered as messages.

use std::sync::Arc;

use super::super::collection::Entry;
use super::super::msg::{Effect, Msg};
use super::{Shared, lock};
use crate::collection::{Collection, CollectionError};

/// The collection the configuration names (`requests_dir`, else beside the history); `None` before the
/// configuration is loaded.
fn collection(sh: &Shared) -> Option<Collection> {
    let cfg = lock(&sh.config);
    let cfg = cfg.as_ref()?;
    Some(Collection::new(cfg.requests_dir(sh.requests_dir.as_deref()).value, cfg.max_input_bytes.value))
}

/// The variables in effect for environment `current`: the collection's `variables.toml`, then the environment's
/// `[environment.NAME.variables]`. A broken variables file is said (the environment's still apply).
pub(super) fn variables(sh: &Shared, current: &str) -> Result<crate::request::vars::Variables, String> {
    let mut vars = crate::request::vars::Variables::new();
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let from_collection = collection(sh).map(|c| c.variables(&env)).transpose();
    let cfg = lock(&sh.config);
    let environment = cfg.as_ref().and_then(|c| c.environment(Some(current)).ok()).map(|e| e.variables.clone());
    let failed = match from_collection {
        Ok(layer) => {
            vars.layer(layer.unwrap_or_default());
            None
        }
        Err(e) => Some(e.to_string()),
    };
    vars.layer(environment.unwrap_or_default());
    match failed {
        Some(why) => Err(why),
        None => Ok(vars),
    }
}

/// Runs one collection effect off the UI thread.
pub(super) fn run(sh: &Arc<Shared>, effect: Effect) {
    let Some(c) = collection(sh) else {
        let _ = sh.tx.send(Msg::RequestFailed("the configuration is not loaded yet".into()));
        return;
    };
    let tx = sh.tx.clone();
    let guard = sh.busy.start();
    let lang = sh.lang;
    tokio::task::spawn_blocking(move || {
        let msg = match answer(&c, effect) {
            Ok(Some(msg)) => msg,
            Ok(None) => return,
            Err(e) => Msg::RequestFailed(said(&e, lang)),
        };
        let _ = tx.send(msg);
        drop(guard);
    });
}

fn answer(c: &Collection, effect: Effect) -> Result<Option<Msg>, CollectionError> {
    Ok(Some(match effect {
        Effect::ListRequests => {
            let listing = c.list();
            let mut entries: Vec<Entry> = listing.entries.into_iter().map(entry).collect();
            // A bound reached is said as a row of its own, not dropped silently.
            entries.extend(listing.bounds.iter().map(|b| Entry {
                name: "…".into(),
                method: String::new(),
                path: String::new(),
                environment: None,
                note: String::new(),
                error: Some(b.to_string()),
            }));
            Msg::Requests { entries, root: c.root().display().to_string() }
        }
        Effect::OpenRequest { name, keep_workbench } => {
            let loaded = c.load(&name)?;
            Msg::RequestOpened { name, file: loaded.request, keep_workbench }
        }
        Effect::SaveRequest { name, file, new } => {
            if new {
                c.save_as(&name, &file)?;
            } else {
                c.save(&name, &file)?;
            }
            Msg::RequestSaved { name, file }
        }
        Effect::RenameRequest { from, to } => {
            c.rename(&from, &to)?;
            Msg::RequestRenamed { from, to }
        }
        Effect::DuplicateRequest(name) => {
            let copy = c.duplicate(&name)?;
            Msg::RequestDuplicated { name, copy }
        }
        Effect::DeleteRequest(name) => {
            c.delete(&name)?;
            Msg::RequestDeleted { name }
        }
        _ => return Ok(None),
    }))
}

/// A collection error in the UI's language where it is the user's to fix (a name taken, a request gone); a disk
/// error as the adapter words it, naming the file.
fn said(e: &CollectionError, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{Table as _, fill};
    let s = super::super::strings::Strings::get(lang);
    match e {
        CollectionError::Exists { file } => fill(s.request_exists, &[("file", &file.display())]),
        CollectionError::NotFound { name, .. } => fill(s.request_missing, &[("name", name)]),
        CollectionError::BadName { name, reason } => {
            fill(s.request_bad_name, &[("name", name), ("reason", &reason.to_string())])
        }
        other => other.to_string(),
    }
}

fn entry(e: crate::collection::Entry) -> Entry {
    match e.request {
        Ok(r) => Entry {
            name: e.name,
            path: r.path_and_query(),
            method: r.method,
            environment: r.environment,
            note: r.note.first().cloned().unwrap_or_default(),
            error: None,
        },
        Err(why) => Entry {
            name: e.name,
            method: String::new(),
            path: String::new(),
            environment: None,
            note: String::new(),
            // The row names the file already: the line and what is wrong there are the useful part.
            error: Some(match why {
                CollectionError::Parse { line, message, .. } => format!("line {line}: {message}"),
                other => other.to_string(),
            }),
        },
    }
}
