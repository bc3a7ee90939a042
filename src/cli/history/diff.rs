//! `brazen history diff A B`: what changed between two exchanges, part by part. Text is a unified diff per part
//! (A's lines `-`, B's `+`, a few same lines around each change); `--format json` is the structured diff
//! ([`crate::exchange::diff::ExchangeDiff`]) as README's history section documents it. Exit 0 when both exist,
//! whatever differs; an unknown id is the history's usual "not found" (exit 2).

use std::time::Duration;

use similar::Algorithm;

use super::super::output::{Format, Paint};
use super::super::print::{out, print_json};
use super::super::text::HistoryText;
use super::load;
use crate::exchange::diff::{ExchangeDiff, Kind, MAX_LINES, Part, Row, Side};
use crate::history::Store;
use crate::i18n::{Lang, Table as _, fill};
use crate::text::visible;

/// Same lines shown before and after each run of changes, as `diff -u` does.
const CONTEXT: usize = 3;

/// How long the line diff looks for the best alignment before settling for a coarser one (none lost).
const DEADLINE: Duration = Duration::from_secs(2);

pub(super) fn diff(store: &Store, a: &str, b: &str, format: Format, lang: Lang) -> anyhow::Result<i32> {
    let (left, _) = load(store, a, lang)?;
    let (right, _) = load(store, b, lang)?;
    let deadline = std::time::Instant::now().checked_add(DEADLINE);
    let align = |a: &[String], b: &[String]| similar::capture_diff_slices_deadline(Algorithm::Myers, a, b, deadline);
    let d = crate::exchange::diff::diff(&left, &right, &align);
    match format {
        // JSON escapes every control character itself.
        Format::Json => print_json(&d)?,
        Format::Text => out!("{}", text(&d, lang, Paint::stdout())),
    }
    Ok(0)
}

/// `#12 201 success` (or `#12 network read_timeout`).
fn side(s: &Side) -> String {
    let id = s.id.map(|i| format!("#{i}")).unwrap_or_default();
    match (s.status, s.network, s.outcome) {
        (None, Some(kind), _) => format!("{id} network {}", crate::classify::network::kind_name(kind)),
        (status, _, outcome) => {
            let status = status.map(|s| s.to_string()).unwrap_or_default();
            format!("{id} {status} {}", outcome.map(|o| o.as_str()).unwrap_or_default()).trim_end().to_string()
        }
    }
}

fn part_name(t: &HistoryText, part: Part) -> &'static str {
    match part {
        Part::RequestLine => t.diff_request_line,
        Part::RequestHeaders => t.diff_request_headers,
        Part::RequestBody => t.diff_request_body,
        Part::Status => t.diff_status,
        Part::ResponseHeaders => t.diff_response_headers,
        Part::ResponseBody => t.diff_response_body,
    }
}

/// The text: both sides named, the count, then each part's heading and its changes with their context. Every
/// recorded line is made visible.
fn text(d: &ExchangeDiff, lang: Lang, p: Paint) -> String {
    let t = HistoryText::get(lang);
    let mut out = String::new();
    out.push_str(&p.red(&format!("--- {} ({})", side(&d.left), d.left.time)));
    out.push('\n');
    out.push_str(&p.green(&format!("+++ {} ({})", side(&d.right), d.right.time)));
    out.push('\n');
    out.push_str(&fill(t.diff_changes, &[("count", &d.changes)]));
    out.push('\n');
    for s in &d.sections {
        let count =
            if s.changes == 0 { t.diff_same.to_string() } else { fill(t.diff_changes, &[("count", &s.changes)]) };
        out.push('\n');
        out.push_str(&p.bold(&format!("## {}", part_name(t, s.part))));
        out.push_str(&p.dim(&format!(" · {count}")));
        out.push('\n');
        if s.cut {
            out.push_str(&p.yellow(&fill(t.diff_cut, &[("lines", &MAX_LINES)])));
            out.push('\n');
        }
        hunks(&s.rows, p, &mut out);
    }
    out
}

/// The changed rows with [`CONTEXT`] same rows around them; a run of changes prints its old lines, then its new
/// ones (as `diff -u`); `…` stands for each run of same rows left out. A part without change prints nothing.
fn hunks(rows: &[Row], p: Paint, out: &mut String) {
    let changed = |i: usize| rows.get(i).is_some_and(|r| r.kind != Kind::Same);
    if !(0..rows.len()).any(changed) {
        return;
    }
    let shown = |i: usize| (i.saturating_sub(CONTEXT)..=i + CONTEXT).any(changed);
    let mut i = 0;
    while i < rows.len() {
        if changed(i) {
            let end = (i..rows.len()).find(|&j| !changed(j)).unwrap_or(rows.len());
            for r in &rows[i..end] {
                push(out, '-', r.left.as_deref(), |s| p.red(s));
            }
            for r in &rows[i..end] {
                push(out, '+', r.right.as_deref(), |s| p.green(s));
            }
            i = end;
        } else if shown(i) {
            push(out, ' ', rows[i].left.as_deref(), |s| s.to_string());
            i += 1;
        } else {
            out.push_str(&p.dim("…"));
            out.push('\n');
            i = (i..rows.len()).find(|&j| shown(j)).unwrap_or(rows.len());
        }
    }
}

fn push(out: &mut String, sign: char, line: Option<&str>, paint: impl Fn(&str) -> String) {
    if let Some(line) = line {
        out.push_str(&paint(&format!("{sign}{}", visible(line))));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: Kind, l: Option<&str>, r: Option<&str>) -> Row {
        Row { kind, left: l.map(String::from), right: r.map(String::from) }
    }

    #[test]
    fn changes_print_with_their_context_and_gaps() {
        let same = |s: &str| row(Kind::Same, Some(s), Some(s));
        let mut rows: Vec<Row> = (0..10).map(|i| same(&format!("a{i}"))).collect();
        rows.insert(5, row(Kind::Changed, Some("old"), Some("new\x1b[2J")));
        rows.push(row(Kind::RightOnly, None, Some("added")));
        let mut out = String::new();
        hunks(&rows, Paint { on: false }, &mut out);
        // Rows: a0..a4, old→new, a5..a9, added.
        assert_eq!(
            out,
            "…\n a2\n a3\n a4\n-old\n+new␛[2J\n a5\n a6\n a7\n a7\n a8\n a9\n+added\n".replace(" a7\n a7", " a7")
        );
        let mut none = String::new();
        hunks(&[same("x")], Paint { on: false }, &mut none);
        assert_eq!(none, "", "a part without change prints only its heading");
    }
}
