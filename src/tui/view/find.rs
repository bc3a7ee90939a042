//! A search as every searched view draws it: its matches marked on the lines on screen (the current one as
//! selected, the others reversed) and its query with where the current match stands ("3 of 41") on the pane's
//! bottom border.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::super::app::{App, Find, FindIn};
use crate::text::visible;

/// The search of `target` when there is one with matches to mark.
pub fn of(app: &App, target: FindIn) -> Option<&Find> {
    app.find.as_ref().filter(|f| f.target == target && !f.search.matches.is_empty())
}

/// The matches on a line (`len` bytes from offset `start` of the searched text), relative to the line.
pub fn marks(app: &App, f: &Find, start: usize, len: usize) -> Vec<(usize, usize, Style)> {
    let other = Style::new().add_modifier(Modifier::REVERSED);
    f.search
        .in_range(start, start + len)
        .into_iter()
        .map(|(s, e, cur)| (s, e, if cur { app.theme.selected() } else { other }))
        .collect()
}

/// A searched pane's bottom border: the search on the left and the line range on the right, or the search alone
/// when both do not fit the pane's `width` (the count matters more while searching).
pub fn bottom(find: Option<Line<'static>>, range: Option<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    match (find, range) {
        (Some(f), Some(r)) if f.width() + r.width() + 4 > usize::from(width) => vec![f],
        (f, r) => f.into_iter().chain(r).collect(),
    }
}

/// The query and the count, for the bottom border of the pane searched in (`None` when it has no search).
pub fn line(app: &App, target: FindIn) -> Option<Line<'static>> {
    let f = app.find.as_ref().filter(|f| f.target == target)?;
    let s = app.s();
    let n = f.search.matches.len();
    let count = match (n, f.search.capped) {
        (0, _) if f.input.text.is_empty() => s.find_hint.to_string(),
        (0, _) => s.find_none.to_string(),
        (n, capped) => {
            let total = if capped { format!("{n}+") } else { n.to_string() };
            crate::i18n::fill(s.find_count, &[("n", &(f.search.current + 1)), ("total", &total)])
        }
    };
    let cursor = if f.typing { "▏" } else { "" };
    let query: String = visible(&f.input.text).chars().take(30).collect();
    Some(Line::from(Span::styled(format!(" /{query}{cursor}  {count} "), app.theme.key_hint())))
}
