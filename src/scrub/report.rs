//! A validation report quotes the request (a value, a key, a path): with the key pasted into a body, its
//! sentences would quote the key.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use super::Secrets;
use crate::validate::Report;

/// Removes every secret from the report's texts, in place.
pub fn report(r: &mut Report, secrets: &Secrets) {
    if secrets.is_empty() {
        return;
    }
    let clean = |s: &mut String| {
        if let std::borrow::Cow::Owned(new) = secrets.redact(s) {
            *s = new;
        }
    };
    let Report { endpoint, ok: _, diagnostics } = r;
    clean(endpoint);
    for d in diagnostics {
        // Destructured, so that a field added later fails to compile here until it is considered.
        let crate::validate::Diagnostic {
            severity: _,
            error,
            status: _,
            name,
            pointer,
            line: _,
            column: _,
            offset: _,
            message,
            // An id from assets/rules/: our data, never the user's.
            rule: _,
        } = d;
        clean(error);
        name.iter_mut().for_each(clean);
        clean(pointer);
        clean(message);
    }
}
