//! Where every pane goes, as a pure function of the app (size, screen, content). The views draw into these
//! rectangles and `update` uses the same ones for mouse hits and page sizes, so they can never disagree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Focus, Screen};
use super::view::text::wrap;
use crate::validate::Diagnostic;

/// Wide enough to keep the endpoint list on screen beside the editor and the response.
pub const WIDE: u16 = 120;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    pub status: Rect,
    pub footer: Rect,
    /// Endpoint list as a pane (wide terminals only; narrow ones show it as an overlay).
    pub picker: Option<Rect>,
    pub url: Rect,
    pub editor: Rect,
    pub diagnostics: Rect,
    pub card: Rect,
    pub detail: Rect,
    // History screen.
    pub history_filter: Rect,
    pub history_list: Rect,
    pub history_open: Rect,
    pub history_chart: Rect,
}

pub fn areas(app: &App) -> Areas {
    let full = Rect::new(0, 0, app.width, app.height);
    // The status area is one row, more while a notice too long for the bar shows (taken from the panes).
    let status_rows = super::view::status::height(app, app.width, app.height);
    let [tabs, main, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(full);
    let mut a = Areas { tabs, status, footer, ..Areas::default() };
    match app.screen {
        Screen::Work => work(app, main, &mut a),
        Screen::History => history(main, &mut a),
    }
    a
}

fn work(app: &App, main: Rect, a: &mut Areas) {
    let rest = if app.width >= WIDE {
        let [p, rest] =
            Layout::horizontal([Constraint::Length(picker_width(app.width)), Constraint::Min(0)]).areas(main);
        a.picker = Some(p);
        rest
    } else {
        main
    };
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
    let diag_rows = diagnostics_height(app, left);
    [a.url, a.editor, a.diagnostics] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(diag_rows)]).areas(left);
    // Before the first response the card has the column to itself (it holds the getting-started text).
    let want = super::view::card::height(app, right.width.saturating_sub(2)) + 2;
    let card_rows =
        if app.response.is_none() { right.height } else { want.min(right.height.saturating_mul(3) / 5).max(3) };
    [a.card, a.detail] = Layout::vertical([Constraint::Length(card_rows), Constraint::Min(0)]).areas(right);
}

/// Rows of the card's text that fit its pane (inside the border).
pub fn card_page(app: &App) -> usize {
    areas(app).card.height.saturating_sub(2) as usize
}

/// Lines of the card beyond what its pane shows: how far it scrolls (0 when it fits).
/// Rows of the help overlay below the terminal's last line (what scrolling it can reveal).
pub fn help_overflow(app: &App) -> usize {
    super::view::help::overflow(app)
}

pub fn card_overflow(app: &App) -> usize {
    if app.response.is_none() {
        return 0;
    }
    let a = areas(app);
    let lines = super::view::card::lines(app, a.card.width.saturating_sub(2) as usize).len();
    lines.saturating_sub(a.card.height.saturating_sub(2) as usize)
}

/// The endpoint pane: 30 columns, growing into the room beyond what the editor and the card need (45 columns each)
/// up to what its longest row needs (mark, method, path, borders), so wide terminals show whole paths; a path that
/// still does not fit loses its middle ([`super::view::text::fit_middle`]).
pub fn picker_width(screen: u16) -> u16 {
    static NEED: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    let need = *NEED.get_or_init(|| {
        let longest = crate::catalog::endpoints().endpoints.iter().map(|e| e.path.chars().count()).max().unwrap_or(0);
        u16::try_from(longest + PICKER_ROW_EXTRA).unwrap_or(u16::MAX)
    });
    screen.saturating_sub(2 * 45).clamp(30, need.max(30))
}

/// Columns of a picker row besides the path: the borders, the current-endpoint mark and the method.
pub const PICKER_ROW_EXTRA: usize = 11;

/// Most of the editor column the Diagnostics pane may take, in percent (it grows with its content up to this).
const DIAG_MAX_PERCENT: u16 = 40;
/// The sentence sits under its row name, indented by this many columns.
pub const DIAG_INDENT: usize = 2;

/// The Diagnostics pane's height: one line of text when there is no problem; else every diagnostic whole (a head
/// line, then its sentence wrapped), capped at [`DIAG_MAX_PERCENT`] of the column but never below what the
/// highlighted diagnostic needs, so its whole sentence can be read before sending. The editor keeps 3 rows.
fn diagnostics_height(app: &App, left: Rect) -> u16 {
    let w = left.width.saturating_sub(2) as usize;
    let cap = left.height as usize * DIAG_MAX_PERCENT as usize / 100;
    let mut content = 0;
    if app.editor.diagnostics().is_empty() {
        let (ok, note) = no_problems(app, w);
        content = ok.len() + note.len();
    }
    for d in app.editor.diagnostics() {
        content += diagnostic_rows(d, w);
        if content + 2 > cap {
            break;
        }
    }
    let wanted =
        diagnostic_highlighted(app).and_then(|i| app.editor.diagnostics().get(i)).map(|d| diagnostic_rows(d, w));
    let rows = (content.max(1) + 2).min(cap).max(wanted.unwrap_or(0) + 2);
    let most = left.height.saturating_sub(1 + 3) as usize;
    rows.min(most).max(3) as u16
}

/// What the Diagnostics pane says when there is no problem, wrapped to `width` so it is never cut: the verdict,
/// and for a GET the note on query parameters.
pub fn no_problems(app: &App, width: usize) -> (Vec<String>, Vec<String>) {
    let s = app.s();
    let note = if app.current_endpoint().method == "GET" { wrap(s.get_query_note, width) } else { Vec::new() };
    (wrap(s.no_diagnostics, width), note)
}

/// A diagnostic's sentence as the Diagnostics pane shows it: wrapped by display width to fit under the indent.
pub fn diagnostic_sentence(d: &Diagnostic, width: usize) -> Vec<String> {
    wrap(&d.message, width.saturating_sub(DIAG_INDENT))
}

/// Rows one diagnostic takes in a pane `width` columns wide: the head line and the wrapped sentence.
pub fn diagnostic_rows(d: &Diagnostic, width: usize) -> usize {
    1 + diagnostic_sentence(d, width).len()
}

/// The diagnostic the Diagnostics pane highlights: the selected one while the pane has focus, else the one under
/// the editor's cursor (if any).
pub fn diagnostic_highlighted(app: &App) -> Option<usize> {
    let n = app.editor.diagnostics().len();
    if app.focus == Focus::Diagnostics {
        (app.diag_selected < n).then_some(app.diag_selected)
    } else {
        app.editor.cursor_diagnostic().map(|(i, _)| i)
    }
}

/// The first visible row of the diagnostics list inside `inner`: the top, unless the highlighted diagnostic (or
/// the first) would not be whole; then scrolled just enough to show it, its head line first when it is taller.
pub fn diagnostics_top(app: &App, inner: Rect) -> usize {
    let (w, h) = (inner.width as usize, inner.height as usize);
    let ds = app.editor.diagnostics();
    let target = diagnostic_highlighted(app).unwrap_or(0).min(ds.len().saturating_sub(1));
    let start: usize = ds.iter().take(target).map(|d| diagnostic_rows(d, w)).sum();
    let rows = ds.get(target).map_or(0, |d| diagnostic_rows(d, w));
    if start + rows <= h {
        0
    } else if rows >= h {
        start
    } else {
        start + rows - h
    }
}

/// The diagnostic drawn on screen row `row` of the Diagnostics pane, if any (for mouse clicks).
pub fn diagnostic_at(app: &App, a: &Areas, row: u16) -> Option<usize> {
    let inner = inner(a.diagnostics);
    if row < inner.y || row >= inner.y + inner.height {
        return None;
    }
    let mut at = diagnostics_top(app, inner) + (row - inner.y) as usize;
    for (i, d) in app.editor.diagnostics().iter().enumerate() {
        let rows = diagnostic_rows(d, inner.width as usize);
        if at < rows {
            return Some(i);
        }
        at -= rows;
    }
    None
}

fn history(main: Rect, a: &mut Areas) {
    let [filter, body, chart] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(6)]).areas(main);
    a.history_filter = filter;
    [a.history_list, a.history_open] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    a.history_chart = chart;
}

/// The endpoint picker when it is an overlay (narrow terminals).
pub fn picker_overlay(app: &App) -> Rect {
    let full = Rect::new(0, 0, app.width, app.height);
    centered(full, 64.min(full.width.saturating_sub(4)), full.height.saturating_sub(4))
}

/// Where the picker is drawn now, pane or overlay (`None` when it is not shown).
pub fn picker_rect(app: &App, a: &Areas) -> Option<Rect> {
    match a.picker {
        Some(p) => Some(p),
        None if app.screen == Screen::Work && app.focus == Focus::Picker => Some(picker_overlay(app)),
        None => None,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(r.x + 1, r.y + 1, r.width.saturating_sub(2), r.height.saturating_sub(2))
}

/// Inside of the editor pane minus the gutter (mark + line numbers + space).
pub fn editor_text(app: &App, r: Rect) -> Rect {
    let i = inner(r);
    let g = gutter_width(app.editor.lines().len());
    Rect::new(i.x + g, i.y, i.width.saturating_sub(g), i.height)
}

pub fn gutter_width(lines: usize) -> u16 {
    let digits = lines.max(1).ilog10() as u16 + 1;
    digits.max(2) + 3
}

/// A centred box for overlays.
pub fn centered(full: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(full.width);
    let h = height.min(full.height);
    Rect::new(full.x + (full.width - w) / 2, full.y + (full.height - h) / 2, w, h)
}

pub fn contains(r: Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::i18n::Lang;
    use crate::tui::theme::Theme;
    use crate::validate::{Report, Severity};

    /// Issue 12 §9: the endpoint pane grows with the room there is, up to what its longest path needs.
    #[test]
    fn the_endpoint_pane_grows_into_spare_room_up_to_its_longest_row() {
        let longest = crate::catalog::endpoints().endpoints.iter().map(|e| e.path.chars().count()).max().unwrap();
        assert_eq!(picker_width(120), 30);
        assert!(picker_width(160) > 60, "{}", picker_width(160));
        assert_eq!(picker_width(400) as usize, longest + PICKER_ROW_EXTRA);
        let mut w = 120;
        while w < 400 {
            assert!(picker_width(w + 1) >= picker_width(w));
            w += 1;
        }
    }

    fn app_with(messages: &[String], w: u16, h: u16) -> App {
        let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), w, h);
        let diagnostics = messages
            .iter()
            .enumerate()
            .map(|(i, m)| Diagnostic {
                severity: Severity::Fatal,
                error: format!("e{}", i + 1),
                status: Some(400),
                name: None,
                pointer: String::new(),
                line: i + 1,
                column: 1,
                offset: 0,
                message: m.clone(),
                rule: None,
                area: Default::default(),
            })
            .collect();
        let g = app.editor.generation;
        app.editor.set_report(g, Report { endpoint: "x".into(), ok: false, diagnostics });
        app
    }

    fn long(i: usize, words: usize) -> String {
        (0..words).map(|j| format!("w{i}x{j}")).collect::<Vec<_>>().join(" ")
    }

    /// Each screen row of the pane, drawn by the real view, names the diagnostic `diagnostic_at` says is there.
    fn assert_drawing_and_hits_agree(app: &App) {
        let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
        term.draw(|f| crate::tui::view::view(app, f)).unwrap();
        let buf = term.backend().buffer();
        let a = areas(app);
        let i = inner(a.diagnostics);
        let mut seen = 0;
        for y in i.y..i.y + i.height {
            let row: String = (i.x..i.x + i.width).map(|x| buf[(x, y)].symbol()).collect();
            let hit = diagnostic_at(app, &a, y).expect("every row of a full list belongs to a diagnostic");
            let n = hit + 1;
            if row.starts_with('✖') {
                assert!(row.contains(&format!("e{n}")), "row {y}: {row:?} is not e{n}");
                seen += 1;
            } else {
                assert!(row.contains(&format!("w{hit}x")), "row {y}: {row:?} is not e{n}'s sentence");
            }
        }
        assert!(seen > 0);
    }

    #[test]
    fn the_pane_grows_with_its_content_up_to_a_share_of_the_column() {
        let none = app_with(&[], 80, 24);
        let verdict = no_problems(&none, 38).0.len();
        assert_eq!(areas(&none).diagnostics.height as usize, verdict + 2, "the verdict whole when there is no problem");
        let one = app_with(&[long(0, 14)], 80, 24);
        let rows = diagnostic_rows(&one.editor.diagnostics()[0], 38);
        assert!(rows > 2, "the sentence wraps");
        assert_eq!(areas(&one).diagnostics.height as usize, rows + 2, "exactly its content");
        let many = app_with(&(0..6).map(|i| long(i, 14)).collect::<Vec<_>>(), 80, 24);
        let a = areas(&many);
        assert_eq!(a.diagnostics.height, 22 * DIAG_MAX_PERCENT / 100, "capped");
        assert!(a.editor.height >= 3);
    }

    #[test]
    fn the_highlighted_diagnostic_is_whole_and_clicks_hit_what_is_drawn() {
        let mut app = app_with(&(0..6).map(|i| long(i, 14)).collect::<Vec<_>>(), 80, 24);
        app.focus = Focus::Diagnostics;
        for sel in [5, 2, 0] {
            app.diag_selected = sel;
            let a = areas(&app);
            let i = inner(a.diagnostics);
            let on_screen = (i.y..i.y + i.height).filter(|&y| diagnostic_at(&app, &a, y) == Some(sel)).count();
            assert_eq!(on_screen, diagnostic_rows(&app.editor.diagnostics()[sel], i.width as usize), "{sel} is whole");
            assert_drawing_and_hits_agree(&app);
        }
    }

    #[test]
    fn a_sentence_taller_than_the_share_still_fits_whole() {
        let mut app = app_with(&[long(0, 3), long(1, 60)], 80, 24);
        app.focus = Focus::Diagnostics;
        app.diag_selected = 1;
        let a = areas(&app);
        let rows = diagnostic_rows(&app.editor.diagnostics()[1], 38);
        assert!(rows + 2 > (22 * DIAG_MAX_PERCENT / 100) as usize);
        assert!(a.diagnostics.height as usize >= rows + 2);
        assert!(a.editor.height >= 3);
        assert_drawing_and_hits_agree(&app);
    }
}
