//! The human explanation of an [`Outcome`], in English or Korean: what happened (the table's meaning), whether
//! Braze accepted it, what to do, and the retry advice. Table texts come from `assets/errors.toml`; the connecting
//! sentences are the message table [`ExplainText`]. Pure: no IO, no clock.

use std::fmt;

use super::text::ExplainText;
use super::{BodyKind, Class, Outcome, OutcomeKind, names};
use crate::catalog::{ErrorRow, Kind};
use crate::i18n::{Lang, Table as _, fill};
use crate::policy::RetryAdvice;

/// An explanation in parts, for front ends that lay them out (the TUI card, `explain` text); [`fmt::Display`]
/// joins them into the `explanation` sentence of the CLI contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What happened: the row's meaning, the success shape's meaning, or a sentence for a status the table lacks.
    pub what: String,
    /// About a body that is not Braze's JSON (a proxy's HTML page, nothing, plain text) or names no row.
    pub body_note: Option<String>,
    /// Whether Braze took the request: success is acceptance, not delivery; a failure sent nothing.
    pub accepted: String,
    /// What to do: the row's action, or ours when no row matched.
    pub action: Option<String>,
    /// The retry advice as a sentence.
    pub retry: Option<String>,
    /// Follow-ups: Braze's `notice`, what `send_id` / `schedule_id` are for.
    pub notes: Vec<String>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = std::iter::once(&self.what)
            .chain(&self.body_note)
            .chain(std::iter::once(&self.accepted))
            .chain(&self.action)
            .chain(&self.retry)
            .chain(&self.notes);
        for (i, p) in parts.enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(p.trim())?;
        }
        Ok(())
    }
}

/// The explanation as one paragraph (the `explanation` field of `explain --format json`).
pub fn explanation(o: &Outcome, lang: Lang) -> String {
    explain(o, lang).to_string()
}

/// `1 s`, `0.5 s` / `1초`.
pub fn seconds_text(lang: Lang, s: f64) -> String {
    let n = if s.fract() == 0.0 { format!("{s:.0}") } else { format!("{s:.1}") };
    fill(ExplainText::get(lang).seconds, &[("n", &n)])
}

/// The explanation of `o` in `lang`.
pub fn explain(o: &Outcome, lang: Lang) -> Explanation {
    let t = ExplainText::get(lang);
    let row = super::row(o);
    let action = match (row, super::answer(o)) {
        (Some(r), _) => Some(r.action.get(lang).to_string()),
        (None, Some(a)) => Some(a.action.get(lang).to_string()),
        (None, None) if !o.accepted && o.class != Class::C3xx => Some(t.check_docs.to_string()),
        (None, None) => None,
    };
    Explanation {
        what: what(o, lang),
        body_note: body_note(o, row, t),
        accepted: accepted(o, t),
        action,
        retry: retry(&o.retry, lang),
        notes: notes(o, t),
    }
}

/// What a success of an endpoint of this kind means: a send is not a delivery, an export is a job, ….
pub fn kind_meaning(kind: Kind, lang: Lang) -> &'static str {
    let t = ExplainText::get(lang);
    match kind {
        Kind::Send => t.kind_send,
        Kind::Write => t.kind_write,
        Kind::Read => t.kind_read,
        Kind::Export => t.kind_export,
        Kind::Delete => t.kind_delete,
        Kind::Job => t.kind_job,
    }
}

/// What happened: the row's or the success shape's meaning, else a sentence about the status.
fn what(o: &Outcome, lang: Lang) -> String {
    let (t, status) = (ExplainText::get(lang), o.status);
    if let Some(r) = super::row(o) {
        return format!("HTTP {status}, {}: {}", r.name, r.meaning.get(lang));
    }
    if let Some(a) = super::answer(o) {
        return format!("HTTP {status}, {}: {}", a.name, a.meaning.get(lang));
    }
    if o.accepted {
        if let Some(kind) = o.kind {
            return format!("HTTP {status}: {}", kind_meaning(kind, lang));
        }
        return match super::shape(o) {
            Some(s) => format!("HTTP {status}: {}", s.meaning.get(lang)),
            None => fill(t.accepted_no_shape, &[("status", &status)]),
        };
    }
    let template = match o.class {
        Class::C3xx => t.redirect,
        Class::C1xx => t.interim,
        _ => t.not_in_table,
    };
    let mut s = fill(template, &[("status", &status)]);
    if let Some(m) = &o.message {
        s.push_str(&fill(t.server_said, &[("message", m)]));
    }
    s
}

/// About a body that is not Braze's JSON, or whose message names no row.
fn body_note(o: &Outcome, row: Option<&ErrorRow>, t: &ExplainText) -> Option<String> {
    match o.body_kind {
        BodyKind::Html => Some(t.html_body.into()),
        BodyKind::Empty if !o.accepted => Some(t.empty_body.into()),
        BodyKind::Text if !o.accepted => Some(t.text_body.into()),
        _ => match (row, &o.message) {
            // An endpoint's own row is named by the error id or message inside `errors`, not by `message`.
            (Some(r), Some(m)) if r.endpoints.is_empty() && !names(r, m) => {
                Some(fill(t.unnamed_message, &[("message", m)]))
            }
            _ => None,
        },
    }
}

/// Whether Braze took the request: success is acceptance, not delivery; a failure sent nothing.
fn accepted(o: &Outcome, t: &ExplainText) -> String {
    let sends = o.kind.is_none_or(|k| k == Kind::Send);
    match (o.outcome, o.class) {
        // A read: there is nothing to deliver, so the delivery caveat would only confuse.
        (OutcomeKind::Success, _) if o.kind == Some(Kind::Read) => t.data_answered.into(),
        (OutcomeKind::Success, _) if !sends => t.taken.into(),
        (OutcomeKind::Success, _) if o.shape.as_deref() == Some("data") && o.kind.is_none() => t.data_answered.into(),
        (OutcomeKind::Success, _) => t.acceptance.into(),
        (OutcomeKind::SuccessWithMinorErrors, _) => {
            let minor = fill(t.minor_errors, &[("n", &o.minor_errors.len())]);
            format!("{minor} {}", t.acceptance)
        }
        (OutcomeKind::Fatal, Class::C5xx) => t.server_error.into(),
        (OutcomeKind::Fatal, Class::Invalid) => t.not_braze.into(),
        (OutcomeKind::Fatal, _) => t.nothing_sent.into(),
    }
}

/// The retry advice as a sentence.
fn retry(advice: &RetryAdvice, lang: Lang) -> Option<String> {
    let t = ExplainText::get(lang);
    match advice {
        RetryAdvice::None => None,
        RetryAdvice::FixRequest => Some(t.fix_request.into()),
        RetryAdvice::Backoff { schedule_seconds } if schedule_seconds.is_empty() => Some(t.retry_later.into()),
        RetryAdvice::Backoff { schedule_seconds } => {
            let list = schedule_seconds.iter().map(|s| seconds_text(lang, *s)).collect::<Vec<_>>().join(", ");
            Some(fill(t.backoff, &[("list", &list)]))
        }
        RetryAdvice::WaitForReset { after_seconds: Some(n) } => {
            Some(fill(t.wait_for_reset, &[("wait", &seconds_text(lang, *n as f64))]))
        }
        RetryAdvice::WaitForReset { after_seconds: None } => Some(t.wait_unknown.into()),
        RetryAdvice::WaitForJob => Some(t.wait_for_job.into()),
    }
}

/// Follow-ups: an unreadable reset header, Braze's `notice`, what `send_id` / `schedule_id` are for.
fn notes(o: &Outcome, t: &ExplainText) -> Vec<String> {
    let mut notes = Vec::new();
    if o.rate_limit.reset_out_of_range {
        notes.push(t.reset_out_of_range.into());
    }
    if let Some(n) = &o.notice {
        notes.push(fill(t.notice, &[("notice", n)]));
    }
    if o.accepted {
        if let Some(id) = &o.send_id {
            notes.push(fill(t.send_id, &[("id", id)]));
        }
        if let Some(id) = &o.schedule_id {
            notes.push(fill(t.schedule_id, &[("id", id)]));
        }
        if let Some(url) = o.export_url.as_ref().filter(|_| o.kind == Some(Kind::Export)) {
            notes.push(fill(t.export_url, &[("url", url)]));
        }
    }
    notes
}
