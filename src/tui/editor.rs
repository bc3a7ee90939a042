//! The request body being edited: a `ratatui-textarea` buffer (editing keys, undo, yank) drawn by our own
//! view (line numbers, JSON colours, diagnostic marks), plus the latest validation report.

use ratatui_textarea::{CursorMove, Input, Key, TextArea};

use super::undo::{self, Edit, Fingerprint, Groups};
use crate::validate::{Diagnostic, Report, Severity};

/// Bodies up to this size validate inside `update`; bigger ones go to a worker thread, newest edit winning.
/// Measured: a 16 KiB body validates in well under a millisecond.
pub const INLINE_VALIDATE_BYTES: usize = 16 * 1024;

pub struct Editor {
    area: TextArea<'static>,
    /// The whole text, rebuilt after each modification (validation and the saved draft need it).
    text: String,
    /// What was loaded (template, draft or history); edits are "unsaved" when the text differs.
    baseline: String,
    /// Bumped on every modification; a report for an older generation is stale.
    pub generation: u64,
    pub report: Option<Report>,
    pub report_generation: u64,
    /// First line and first column on screen.
    pub top: usize,
    pub left: usize,
    /// Undo steps: runs of typing grouped, so undo does not go one character at a time.
    steps: Groups,
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        let mut e = Editor {
            area: TextArea::default(),
            text: String::new(),
            baseline: String::new(),
            generation: 0,
            report: None,
            report_generation: 0,
            top: 0,
            left: 0,
            steps: Groups::default(),
        };
        e.load(text);
        e
    }

    /// Replaces the text (and its undo history), cursor at the top.
    pub fn load(&mut self, text: &str) {
        // Tabs become spaces: a tab has no fixed width in a terminal cell, and outside strings JSON ignores it.
        let lines: Vec<String> = text.split('\n').map(|l| l.trim_end_matches('\r').replace('\t', "  ")).collect();
        let mut area = TextArea::new(lines);
        area.set_max_histories(undo::MAX_ENTRIES);
        area.set_tab_length(2);
        self.area = area;
        self.steps.clear();
        self.text = self.area.lines().join("\n");
        self.baseline = self.text.clone();
        self.generation += 1;
        self.top = 0;
        self.left = 0;
    }

    /// Replaces the text but keeps what counts as "unsaved" measured against the earlier baseline.
    pub fn load_keep_baseline(&mut self, text: &str) {
        let baseline = std::mem::take(&mut self.baseline);
        self.load(text);
        self.baseline = baseline;
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    pub fn is_dirty(&self) -> bool {
        self.text != self.baseline
    }

    /// Marks the current text as the loaded state (after the draft is restored or the text saved).
    pub fn mark_clean(&mut self) {
        self.baseline = self.text.clone();
    }

    /// 0-based (row, column in characters).
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// Feeds a key to the text area. Enter keeps the indentation of the line it splits; Ctrl-U and Ctrl-R (the
    /// text area's undo and redo) undo and redo whole steps ([`undo`]). Returns whether the text changed.
    pub fn input(&mut self, input: Input) -> bool {
        let plain = !input.ctrl && !input.alt;
        match input.key {
            Key::Char('u') if input.ctrl && !input.alt => return self.undo_step(false),
            Key::Char('r') if input.ctrl && !input.alt => return self.undo_step(true),
            _ => {}
        }
        let edit = match input.key {
            Key::Char(c) if plain => Edit::Type(c),
            Key::Backspace | Key::Delete if plain => Edit::Delete,
            _ => Edit::Other,
        };
        let cursor = self.cursor();
        let before = Fingerprint::of(&self.text);
        let changed = if input.key == Key::Enter && plain {
            let row = self.area.cursor().0;
            let indent: String = self.area.lines()[row].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            self.area.insert_newline();
            self.area.insert_str(indent);
            true
        } else {
            self.area.input(input)
        };
        if changed {
            self.changed();
            self.steps.edited(edit, before, Fingerprint::of(&self.text), cursor, self.cursor());
        }
        changed
    }

    /// Walks the text area's history until the text is where the step began (or ended, for redo).
    fn undo_step(&mut self, redo: bool) -> bool {
        let target = if redo { self.steps.redo() } else { self.steps.undo() };
        let Some(target) = target else { return false };
        let mut changed = false;
        for _ in 0..undo::MAX_ENTRIES {
            let moved = if redo { self.area.redo() } else { self.area.undo() };
            if !moved {
                break;
            }
            changed = true;
            self.text = self.area.lines().join("\n");
            if Fingerprint::of(&self.text) == target {
                break;
            }
        }
        if changed {
            self.generation += 1;
        }
        changed
    }

    fn changed(&mut self) {
        self.text = self.area.lines().join("\n");
        self.generation += 1;
    }

    /// Inserts pasted text as one edit.
    pub fn paste(&mut self, s: &str) -> bool {
        let s = s.replace("\r\n", "\n").replace('\r', "\n").replace('\t', "  ");
        let (cursor, before) = (self.cursor(), Fingerprint::of(&self.text));
        let changed = self.area.insert_str(s);
        if changed {
            self.changed();
            self.steps.edited(Edit::Other, before, Fingerprint::of(&self.text), cursor, self.cursor());
        }
        changed
    }

    /// Replaces the whole text as one edit (undone in one step): a pretty-print, a body read from a file.
    pub fn replace_all(&mut self, text: &str) -> bool {
        if text == self.text {
            return false;
        }
        let (cursor, before) = (self.cursor(), Fingerprint::of(&self.text));
        self.area.select_all();
        // Inserting over the selection replaces it (and keeps the yank buffer, which `cut` would overwrite).
        self.area.insert_str(text);
        self.changed();
        self.steps.edited(Edit::Other, before, Fingerprint::of(&self.text), cursor, self.cursor());
        true
    }

    /// Moves the cursor to a 1-based line and column (as diagnostics give them).
    pub fn jump(&mut self, line: usize, column: usize) {
        let row = line.saturating_sub(1).min(self.lines().len().saturating_sub(1));
        let col = column.saturating_sub(1);
        // `Jump` takes u16; walk from the top for longer bodies.
        if row <= u16::MAX as usize && col <= u16::MAX as usize {
            self.area.move_cursor(CursorMove::Jump(row as u16, col as u16));
        } else {
            self.area.move_cursor(CursorMove::Jump(u16::MAX, 0));
            while self.area.cursor().0 < row {
                self.area.move_cursor(CursorMove::Down);
            }
            self.area.move_cursor(CursorMove::Head);
            for _ in 0..col {
                self.area.move_cursor(CursorMove::Forward);
            }
        }
    }

    /// Display column of the cursor (wide characters count two).
    pub fn cursor_column(&self) -> usize {
        let (row, col) = self.cursor();
        let line = self.lines().get(row).map(String::as_str).unwrap_or("");
        line.chars().take(col).map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum()
    }

    /// Scrolls so the cursor is inside a window of `height` lines and `width` columns (`left` is in columns).
    pub fn follow_cursor(&mut self, height: usize, width: usize) {
        let row = self.cursor().0;
        let col = self.cursor_column();
        let height = height.max(1);
        let width = width.max(1);
        // Never scrolled past what fills the pane: after a tiny window grows back, the text fills it again
        // instead of leaving the cursor's line alone at the top of an empty pane.
        self.top = self.top.min(self.lines().len().saturating_sub(height));
        // Sideways only as far as the cursor needs: at the start whenever the cursor fits the first columns.
        if col < width {
            self.left = 0;
        }
        if row < self.top {
            self.top = row;
        } else if row >= self.top + height {
            self.top = row + 1 - height;
        }
        if col < self.left {
            self.left = col;
        } else if col >= self.left + width {
            self.left = col + 1 - width;
        }
    }

    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.lines().len().saturating_sub(height.max(1));
        self.top = self.top.saturating_add_signed(delta).min(max);
    }

    /// Whether the report describes an older text.
    pub fn stale(&self) -> bool {
        self.report_generation != self.generation
    }

    pub fn set_report(&mut self, generation: u64, report: Report) -> bool {
        if generation < self.report_generation {
            return false;
        }
        self.report_generation = generation;
        self.report = Some(report);
        true
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.report.as_ref().map(|r| r.diagnostics.as_slice()).unwrap_or(&[])
    }

    pub fn fatal_count(&self) -> usize {
        self.diagnostics().iter().filter(|d| d.severity == Severity::Fatal).count()
    }

    /// The most severe diagnostic on a 0-based line.
    pub fn worst_on_line(&self, row: usize) -> Option<Severity> {
        self.diagnostics().iter().filter(|d| d.area.is_body() && d.line == row + 1).map(|d| d.severity).min()
    }

    /// The diagnostic under the cursor: on the cursor's line, the last one starting at or before the cursor,
    /// else the first on the line.
    pub fn cursor_diagnostic(&self) -> Option<(usize, &Diagnostic)> {
        let (row, col) = self.cursor();
        let on_line = self.diagnostics().iter().enumerate().filter(|(_, d)| d.area.is_body() && d.line == row + 1);
        let mut first = None;
        let mut best = None;
        for (i, d) in on_line {
            first.get_or_insert((i, d));
            if d.column <= col + 1 {
                best = Some((i, d));
            }
        }
        best.or(first)
    }

    /// Index of the next (or previous) diagnostic after the cursor, wrapping around.
    pub fn next_diagnostic(&self, forward: bool) -> Option<usize> {
        let ds = self.diagnostics();
        if ds.is_empty() {
            return None;
        }
        let (row, col) = self.cursor();
        let here = (row + 1, col + 1);
        // Problems of the path line have no place in the body to jump to: F8 skips them (the list selects them).
        let pos = |d: &Diagnostic| (d.line, d.column);
        let body = |d: &&Diagnostic| d.area.is_body();
        let first = ds.iter().position(|d| body(&d))?;
        let last = ds.iter().rposition(|d| body(&d))?;
        if forward {
            ds.iter().position(|d| body(&d) && pos(d) > here).or(Some(first))
        } else {
            ds.iter().rposition(|d| body(&d) && pos(d) < here).or(Some(last))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    fn diag(line: usize, column: usize, s: Severity) -> Diagnostic {
        Diagnostic {
            severity: s,
            error: "x".into(),
            status: None,
            name: None,
            pointer: String::new(),
            line,
            column,
            offset: 0,
            message: String::new(),
            rule: None,
            area: Default::default(),
        }
    }

    #[test]
    fn enter_keeps_indentation_and_edits_bump_the_generation() {
        let mut e = Editor::new("{\n  \"a\": 1\n}\n");
        assert!(!e.is_dirty());
        let g = e.generation;
        e.jump(2, 10);
        assert!(e.input(Input { key: Key::Enter, ..Default::default() }));
        assert_eq!(e.text(), "{\n  \"a\": 1\n  \n}\n");
        assert!(e.generation > g);
        assert!(e.is_dirty());
    }

    #[test]
    fn newest_report_wins_and_cursor_diagnostic_is_found() {
        let mut e = Editor::new("{\n  \"a\": 1,\n  \"b\": 2\n}");
        let report = |ds| Report { endpoint: "x".into(), ok: false, diagnostics: ds };
        assert!(e.set_report(5, report(vec![diag(2, 3, Severity::Fatal), diag(3, 3, Severity::Minor)])));
        assert!(!e.set_report(4, report(vec![])));
        assert_eq!(e.diagnostics().len(), 2);
        e.jump(3, 8);
        assert_eq!(e.cursor_diagnostic().map(|(i, _)| i), Some(1));
        assert_eq!(e.worst_on_line(1), Some(Severity::Fatal));
        e.jump(1, 1);
        assert_eq!(e.next_diagnostic(true), Some(0));
        assert_eq!(e.next_diagnostic(false), Some(1));
        e.jump(2, 5);
        assert_eq!(e.next_diagnostic(true), Some(1));
    }

    fn typed(e: &mut Editor, text: &str) {
        for c in text.chars() {
            e.input(Input { key: Key::Char(c), ..Default::default() });
        }
    }

    fn ctrl(e: &mut Editor, c: char) -> bool {
        e.input(Input { key: Key::Char(c), ctrl: true, ..Default::default() })
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time_and_redo_puts_it_back() {
        let mut e = Editor::new("");
        typed(&mut e, "hello world");
        assert!(ctrl(&mut e, 'u'));
        assert_eq!(e.text(), "hello");
        assert!(ctrl(&mut e, 'u'));
        assert_eq!(e.text(), "");
        assert!(!ctrl(&mut e, 'u'), "nothing left to undo");
        assert!(ctrl(&mut e, 'r'));
        assert_eq!(e.text(), "hello");
        assert!(ctrl(&mut e, 'r'));
        assert_eq!(e.text(), "hello world");
        assert!(!ctrl(&mut e, 'r'));
    }

    #[test]
    fn a_cursor_move_or_a_switch_to_deleting_starts_a_new_step() {
        let mut e = Editor::new("");
        typed(&mut e, "abc");
        e.input(Input { key: Key::Left, ..Default::default() });
        typed(&mut e, "XY");
        assert_eq!(e.text(), "abXYc");
        e.input(Input { key: Key::Backspace, ..Default::default() });
        e.input(Input { key: Key::Backspace, ..Default::default() });
        assert_eq!(e.text(), "abc");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), "abXYc", "both backspaces are one step");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), "abc");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), "");
    }

    #[test]
    fn enter_and_paste_are_steps_of_their_own() {
        let mut e = Editor::new("  a");
        e.jump(1, 4);
        e.input(Input { key: Key::Enter, ..Default::default() });
        typed(&mut e, "b");
        e.paste("cd");
        assert_eq!(e.text(), "  a\n  bcd");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), "  a\n  b");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), "  a\n  ");
        ctrl(&mut e, 'u');
        assert_eq!(e.text(), "  a", "the newline and its indentation go together");
    }

    #[test]
    fn a_window_that_grows_back_shows_the_text_again() {
        let text = (0..15).map(|i| format!("line {i} with some words")).collect::<Vec<_>>().join("\n");
        let mut e = Editor::new(&text);
        e.jump(15, 20);
        // A tiny window: only the cursor's line and columns fit.
        e.follow_cursor(1, 5);
        assert_eq!((e.top, e.left), (14, 15));
        // Back to a normal size: the pane is filled, from the first column.
        e.follow_cursor(10, 40);
        assert_eq!((e.top, e.left), (5, 0), "the last 10 lines, not the cursor's line alone");
    }

    #[test]
    fn follow_cursor_scrolls_both_ways() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let mut e = Editor::new(&text);
        e.jump(50, 1);
        e.follow_cursor(10, 20);
        assert_eq!(e.top, 40);
        e.jump(3, 1);
        e.follow_cursor(10, 20);
        assert_eq!(e.top, 2);
    }
}
