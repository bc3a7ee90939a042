//! Two exchanges side by side: what changed between the call that worked and the one that failed. Each part of an
//! exchange (request line, request headers and body, status, response headers and body) becomes a list of aligned
//! rows, left and right, each the same, changed, or on one side only. JSON bodies are compared re-indented
//! ([`crate::text::pretty`]) so a changed value is one changed row. Lines are as recorded (already scrubbed of
//! secrets); showing them safely is the front end's job ([`crate::text::visible`]).
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}. A deadline is the caller's: the front
//! ends pass an [`Align`] bounded by their clock; this module reads none.

use serde::Serialize;
use similar::{Algorithm, DiffOp, DiffTag};

use super::{Exchange, NetworkErrorKind};
use crate::classify::OutcomeKind;

/// At most this many lines of each side of a part are compared (the rest is left out and the part says so): a
/// 10 MiB body re-indents to some 600 000 lines, and the line diff costs up to (lines of both) × (differences).
/// With this cap and the caller's deadline it stays well under a second even for two unrelated bodies.
pub const MAX_LINES: usize = 20_000;

/// How a row's two sides compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Same,
    /// Both sides have a line there, and they differ.
    Changed,
    LeftOnly,
    RightOnly,
}

/// One aligned row: the left (older) line, the right (newer) line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub kind: Kind,
    pub left: Option<String>,
    pub right: Option<String>,
}

/// The parts of an exchange, in the order they are compared and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Method and URL.
    RequestLine,
    RequestHeaders,
    RequestBody,
    /// Status, class, outcome and the error-table row; or the network failure.
    Status,
    ResponseHeaders,
    ResponseBody,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::RequestLine,
        Part::RequestHeaders,
        Part::RequestBody,
        Part::Status,
        Part::ResponseHeaders,
        Part::ResponseBody,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub part: Part,
    /// Rows that are not the same.
    pub changes: usize,
    /// A side had more than [`MAX_LINES`] lines; only the first ones were compared.
    pub cut: bool,
    pub rows: Vec<Row>,
}

/// What a side is, for a title: `#12 200 success`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub id: Option<i64>,
    pub time: jiff::Timestamp,
    /// `None` for a network failure.
    pub status: Option<u16>,
    pub outcome: Option<OutcomeKind>,
    /// What failed, when no response came.
    pub network: Option<NetworkErrorKind>,
}

impl Side {
    fn of(ex: &Exchange) -> Side {
        Side {
            id: ex.id,
            time: ex.time,
            status: ex.status(),
            outcome: ex.outcome.as_ref().map(|o| o.outcome),
            network: ex.final_failure().map(|f| f.kind),
        }
    }
}

/// The whole comparison: left is the older exchange, right the newer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExchangeDiff {
    pub left: Side,
    pub right: Side,
    /// Rows that are not the same, over every section.
    pub changes: usize,
    pub sections: Vec<Section>,
}

/// How two lists of lines are aligned: [`exact`], or a front end's `similar::capture_diff_slices_deadline` with a
/// deadline from its clock (past it the alignment is coarser: more rows changed, none lost).
pub type Align<'a> = &'a dyn Fn(&[String], &[String]) -> Vec<DiffOp>;

/// The best alignment (Myers), however long it takes; bounded only by [`MAX_LINES`].
pub fn exact(left: &[String], right: &[String]) -> Vec<DiffOp> {
    similar::capture_diff_slices(Algorithm::Myers, left, right)
}

/// Compares `left` with `right`, part by part, lines aligned by `align`.
pub fn diff(left: &Exchange, right: &Exchange, align: Align<'_>) -> ExchangeDiff {
    let sections: Vec<Section> =
        Part::ALL.iter().map(|&part| section(part, &lines(left, part), &lines(right, part), align)).collect();
    ExchangeDiff {
        left: Side::of(left),
        right: Side::of(right),
        changes: sections.iter().map(|s| s.changes).sum(),
        sections,
    }
}

/// The lines of one part of an exchange, as compared.
fn lines(ex: &Exchange, part: Part) -> Vec<String> {
    let split = |text: &str| -> Vec<String> {
        if text.is_empty() { Vec::new() } else { text.lines().map(str::to_string).collect() }
    };
    let body = |text: &str| split(&crate::text::pretty::pretty(text).0);
    let response = ex.final_response();
    match part {
        Part::RequestLine => vec![format!("{} {}", ex.request.method, ex.request.url)],
        Part::RequestHeaders => headers(&ex.request.headers),
        Part::RequestBody => body(&ex.request.body),
        Part::Status => status(ex),
        Part::ResponseHeaders => response.map(|r| headers(&r.headers)).unwrap_or_default(),
        Part::ResponseBody => response.map(|r| body(&r.body)).unwrap_or_default(),
    }
}

/// `name: value` lines sorted by name (stable for repeats): the order headers arrive in means nothing to Braze, and
/// sorted, an added header is one row rather than a shifted block.
fn headers(h: &[(String, String)]) -> Vec<String> {
    let mut v: Vec<(String, String)> = h.iter().map(|(n, v)| (n.to_ascii_lowercase(), format!("{n}: {v}"))).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v.into_iter().map(|(_, line)| line).collect()
}

/// One fact a line, named as the JSON contract names it, so one changed fact is one changed row.
fn status(ex: &Exchange) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(f) = ex.final_failure() {
        v.push(format!("network: {}", crate::classify::network::kind_name(f.kind)));
        if let Some(s) = f.status {
            v.push(format!("status: {s}"));
        }
        v.push(format!("detail: {}", f.detail));
        return v;
    }
    match &ex.outcome {
        Some(o) => {
            v.push(format!("status: {}", o.status));
            v.push(format!("class: {}", o.class.as_str()));
            v.push(format!("outcome: {}", o.outcome.as_str()));
            match (&o.error, &o.name) {
                (Some(e), Some(n)) => v.push(format!("error: {e} ({n})")),
                (Some(e), None) => v.push(format!("error: {e}")),
                _ => {}
            }
        }
        None => v.extend(ex.status().map(|s| format!("status: {s}"))),
    }
    v
}

fn section(part: Part, left: &[String], right: &[String], align: Align<'_>) -> Section {
    let cut = left.len() > MAX_LINES || right.len() > MAX_LINES;
    let (left, right) = (&left[..left.len().min(MAX_LINES)], &right[..right.len().min(MAX_LINES)]);
    let mut rows = Vec::with_capacity(left.len().max(right.len()));
    let line = |s: &String| Some(s.clone());
    for op in align(left, right) {
        let (tag, l, r) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                rows.extend(l.map(|i| Row { kind: Kind::Same, left: line(&left[i]), right: line(&left[i]) }))
            }
            DiffTag::Delete => rows.extend(l.map(|i| Row { kind: Kind::LeftOnly, left: line(&left[i]), right: None })),
            DiffTag::Insert => {
                rows.extend(r.map(|i| Row { kind: Kind::RightOnly, left: None, right: line(&right[i]) }))
            }
            DiffTag::Replace => pair(part, &left[l], &right[r], &mut rows),
        }
    }
    let changes = rows.iter().filter(|r| r.kind != Kind::Same).count();
    Section { part, changes, cut, rows }
}

/// Lines replaced by others, as rows. Body lines pair up in order, so `"a": 1` beside `"a": 2` reads as one change
/// and the longer side's rest stands alone. Headers (sorted by name) pair only with a header of the same name: an
/// `Authorization` gone and an `X-Trace` added are two rows, not one changed header.
fn pair(part: Part, left: &[String], right: &[String], rows: &mut Vec<Row>) {
    let by_name = matches!(part, Part::RequestHeaders | Part::ResponseHeaders);
    let name = |l: &str| l.split(':').next().unwrap_or_default().to_ascii_lowercase();
    let (mut i, mut j) = (0, 0);
    while i < left.len() || j < right.len() {
        let order = match (left.get(i), right.get(j)) {
            (Some(a), Some(b)) if by_name => name(a).cmp(&name(b)),
            (Some(_), Some(_)) => std::cmp::Ordering::Equal,
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let row = match order {
            std::cmp::Ordering::Equal => {
                let row = Row { kind: Kind::Changed, left: Some(left[i].clone()), right: Some(right[j].clone()) };
                (i, j) = (i + 1, j + 1);
                row
            }
            std::cmp::Ordering::Less => {
                i += 1;
                Row { kind: Kind::LeftOnly, left: Some(left[i - 1].clone()), right: None }
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                Row { kind: Kind::RightOnly, left: None, right: Some(right[j - 1].clone()) }
            }
        };
        rows.push(row);
    }
}

#[cfg(test)]
mod tests;
