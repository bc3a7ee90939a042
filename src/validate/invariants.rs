//! What every [`Report`] promises about its diagnostics, as one checkable function: the property tests and the
//! fuzz targets (`fuzz/`) hold every report they produce to it, so the promise is written once.

use super::{Report, Severity};

/// The first broken promise of `report` (made for `text`), or `None`:
/// - `ok` is true exactly when nothing is fatal, and exactly the fatal diagnostics carry a status;
/// - every offset is inside the text on a character boundary, and line and column (1-based, in characters)
///   agree with it;
/// - every diagnostic has a sentence;
/// - diagnostics are sorted by offset, then severity.
pub fn violation(text: &str, report: &Report) -> Option<String> {
    if report.ok == report.diagnostics.iter().any(|d| d.severity == Severity::Fatal) {
        return Some(format!("ok = {} disagrees with the fatal diagnostics", report.ok));
    }
    for d in &report.diagnostics {
        if d.offset > text.len() || !text.is_char_boundary(d.offset) {
            return Some(format!("offset outside the text or inside a character: {d:?}"));
        }
        let before = &text[..d.offset];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
        if (d.line, d.column) != (line, column) {
            return Some(format!("line:column {}:{} but the offset is at {line}:{column}: {d:?}", d.line, d.column));
        }
        if d.message.is_empty() {
            return Some(format!("no sentence: {d:?}"));
        }
        if d.status.is_some() != (d.severity == Severity::Fatal) {
            return Some(format!("a status on a non-fatal diagnostic, or none on a fatal one: {d:?}"));
        }
    }
    let keys: Vec<_> = report.diagnostics.iter().map(|d| (d.offset, d.severity)).collect();
    if !keys.windows(2).all(|w| w[0] <= w[1]) {
        return Some("diagnostics are not sorted by offset, then severity".into());
    }
    None
}
