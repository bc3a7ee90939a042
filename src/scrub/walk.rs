//! Every text of a value, whatever its fields: the value goes through its serde form, each string in it is
//! redacted, and it comes back. A field added to a record later is covered without anyone remembering to.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Secrets;

#[derive(Debug, thiserror::Error)]
#[error("cannot scrub a record: {0}")]
pub struct ScrubError(#[from] serde_json::Error);

/// `value` with `redact` applied to every string in it (object keys included).
pub fn map_strings<T: Serialize + DeserializeOwned>(
    value: &T,
    redact: &dyn Fn(&str) -> Option<String>,
) -> Result<T, ScrubError> {
    let mut v = serde_json::to_value(value)?;
    walk(&mut v, redact);
    // `from_value` moves each string out of the tree: a large body is not copied again.
    Ok(serde_json::from_value(v)?)
}

/// Whether any string of `v` was changed.
fn walk(v: &mut serde_json::Value, redact: &dyn Fn(&str) -> Option<String>) -> bool {
    use serde_json::Value;
    match v {
        Value::String(s) => match redact(s) {
            Some(new) => {
                *s = new;
                true
            }
            None => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |c, item| walk(item, redact) | c),
        Value::Object(map) => {
            let mut changed = false;
            let renamed: Vec<(String, String)> =
                map.keys().filter_map(|k| redact(k).map(|new| (k.clone(), new))).collect();
            for (old, new) in renamed {
                if let Some(val) = map.remove(&old) {
                    map.insert(new, val);
                    changed = true;
                }
            }
            map.values_mut().fold(changed, |c, item| walk(item, redact) | c)
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// A redactor for [`map_strings`] from a set of secrets.
pub fn redactor(secrets: &Secrets) -> impl Fn(&str) -> Option<String> + '_ {
    move |s: &str| match secrets.redact(s) {
        std::borrow::Cow::Owned(new) => Some(new),
        std::borrow::Cow::Borrowed(_) => None,
    }
}
