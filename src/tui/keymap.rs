//! The one keymap of the workbench: every key the app answers to, as data. Each [`Row`] is one line of the help
//! overlay (its key text and label) and holds the [`Bind`]s that dispatch (`update::keys`) matches; the footer picks
//! rows by context and action ([`hint`]). Dispatch, footer and help read this table and nothing else, so they cannot
//! disagree. Owns key names and contexts only: no state changes (those are `update`'s), no drawing (`view`'s); it
//! imports crossterm's key types and the message table, nothing of the runtime.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Detail, Focus, Overlay, Screen};
use super::strings::Strings;

/// Where a key is looked up. Dispatch walks the contexts that apply ([`chain`]), most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Even over an overlay.
    Always,
    HelpOverlay,
    EnvsOverlay,
    /// Typing a custom URL from the environment switcher.
    AddUrlOverlay,
    /// The collection of saved requests (F9).
    RequestsOverlay,
    /// Typing a saved request's name (save as, rename).
    RequestName,
    /// The copy menu.
    CopyOverlay,
    /// The headers editor (Ctrl-G), and typing one header in it.
    HeadersOverlay,
    HeaderLine,
    /// Typing the path of a file to load the body from.
    FileName,
    /// Typing what to find in the answer's body.
    Find,
    ConfirmOverlay,
    /// Wherever the focus is, outside overlays.
    Global,
    History,
    /// The exchange opened on the history screen, when it has the keys (looked up before `History`).
    Entry,
    /// Typing a history search.
    Search,
    /// Two exchanges compared side by side on the history screen (takes every key but the global ones).
    Diff,
    /// The workbench screen, whatever pane has the focus.
    Work,
    Editor,
    Path,
    Picker,
    Diagnostics,
    /// The explanation card, focused to scroll it.
    Card,
    Response,
    /// Panes that take no text (diagnostics, response): letters become commands.
    NotTyping,
}

/// A list or view movement; each context applies it to what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
}

/// How a step scrolls a view of `page` rows: `(lines down, columns right)`. Home and End go as far as the view
/// lets them (each view clamps to its content).
pub fn scroll_of(step: Step, page: isize) -> (isize, isize) {
    match step {
        Step::Down => (1, 0),
        Step::Up => (-1, 0),
        Step::PageDown => (page, 0),
        Step::PageUp => (-page, 0),
        Step::Home => (isize::MIN / 2, 0),
        Step::End => (isize::MAX / 2, 0),
        Step::Right => (0, 4),
        Step::Left => (0, -4),
    }
}

/// What a key asks for. Context-dependent actions (`Back`, `Choose`, `Move`) are interpreted by the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Send,
    /// Cancel the request in flight or the scheduled retry; nothing when idle.
    Cancel,
    Help,
    Endpoints,
    ToggleHistory,
    Environments,
    EditPath,
    CycleFault,
    /// Next (`true`) or previous diagnostic.
    Problem(bool),
    /// Next (`true`) or previous pane.
    CycleFocus(bool),
    FocusEditor,
    FocusPicker,
    Undo,
    Redo,
    Back,
    /// Close the opened exchange (history); nothing when none is open, so `Back` comes next.
    Close,
    Choose,
    Move(Step),
    Retry,
    DataSeries,
    Tab(Detail),
    /// Next (`true`) or previous detail tab.
    CycleTab(bool),
    Reopen,
    ExportCurl,
    ExportMarkdown,
    /// A shareable reproduction (`brazen history export ID --as bundle`).
    ExportBundle,
    /// Add a shareable reproduction from a file to the history (asks for its path).
    ImportBundle,
    /// Re-send the failed exchanges marked (or matching the filters), asking first.
    ReplayFailed,
    /// Delete the selected exchange from the history (asks first).
    DeleteExchange,
    ClassFilter,
    EndpointFilter,
    /// Cycle the person filter (a team ledger).
    UserFilter,
    Search,
    Reload,
    /// Give the keys to the opened exchange (history); nothing when none is open, so the next binding runs.
    FocusEntry,
    Yes,
    No,
    /// Add a custom URL as an environment (from the environment switcher).
    AddEnvironment,
    /// Open the collection of saved requests.
    Requests,
    /// Save the editor's request under its name (asks for one when it has none).
    SaveRequest,
    SaveRequestAs,
    RenameRequest,
    DuplicateRequest,
    DeleteRequest,
    /// Open the copy menu.
    Copy,
    /// Write the chosen text to a file instead of the clipboard.
    SaveToFile,
    /// Find text in the answer's body.
    Find,
    /// The next (`true`) or previous match.
    FindNext(bool),
    /// Pretty-print the request body (one undoable edit).
    Pretty,
    /// Load the request body from a file (asks for its path).
    OpenFile,
    /// Mark or unmark the selected exchange (history).
    Mark,
    /// Compare two exchanges: the two marked, the marked one and the selected, or the selected and the one below.
    Compare,
    /// The next (`true`) or previous change of the diff.
    NextChange(bool),
    /// Open the request's headers editor.
    Headers,
    AddHeader,
    RemoveHeader,
    /// Text into the focused field: what an unbound key does there. Only for the footer and help.
    Type,
}

/// Which modifiers a key needs. `Any` matches whatever is held (as the keys always did); `Ctrl`/`Shift` need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mods {
    Any,
    Ctrl,
    Shift,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

impl Key {
    pub fn matches(&self, k: &KeyEvent) -> bool {
        let held = match self.mods {
            Mods::Any => true,
            Mods::Ctrl => k.modifiers.contains(KeyModifiers::CONTROL),
            Mods::Shift => k.modifiers.contains(KeyModifiers::SHIFT),
        };
        held && k.code == self.code
    }
}

/// One key of a row, in one context.
#[derive(Debug, Clone, Copy)]
pub struct Bind(pub Ctx, pub Key, pub Action);

/// Where the help overlay lists a row; overlay keys are listed by the overlay's own footer instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Global,
    Editor,
    Response,
    History,
    NotTyping,
    Overlay,
}

impl Section {
    /// The sections of the help overlay, in order.
    pub const HELP: [Section; 5] =
        [Section::Global, Section::Editor, Section::Response, Section::History, Section::NotTyping];

    pub fn title(self, s: &'static Strings) -> &'static str {
        match self {
            Section::Global => s.help_global,
            Section::Editor => s.help_editor,
            Section::Response => s.help_response,
            Section::History => s.help_history,
            Section::NotTyping => s.help_not_typing,
            Section::Overlay => s.help,
        }
    }
}

/// One help line: the keys as help shows them, as the footer shows them, the label, and what dispatch matches.
pub struct Row {
    pub section: Section,
    pub keys: &'static str,
    pub short: &'static str,
    pub label: fn(&'static Strings) -> &'static str,
    pub binds: &'static [Bind],
}

const fn row(
    section: Section,
    keys: &'static str,
    short: &'static str,
    label: fn(&'static Strings) -> &'static str,
    binds: &'static [Bind],
) -> Row {
    Row { section, keys, short, label, binds }
}
const fn key(code: KeyCode) -> Key {
    Key { code, mods: Mods::Any }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: Mods::Ctrl }
}

use Action as A;
use Ctx as C;
use KeyCode as K;
use Section as S;

/// Stands for typing in a row's binds: listed, matched by no real key (`Null` would only reach typing anyway).
const TYPING: Key = key(K::Null);
const ESC: Key = key(K::Esc);
const ENTER: Key = key(K::Enter);
const UP: Key = key(K::Up);
const DOWN: Key = key(K::Down);

/// The keymap. Within a context, earlier binds win (Shift-F8 before F8).
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    // Everywhere.
    row(S::Global, "Ctrl-S / F5", "^S", |s| s.k_send, &[
        Bind(C::Global, ctrl('s'), A::Send), Bind(C::Global, key(K::F(5)), A::Send),
    ]),
    row(S::Global, "Esc", "Esc", |s| s.k_cancel, &[Bind(C::Global, ESC, A::Cancel)]),
    row(S::Global, "F2", "F2", |s| s.k_endpoints, &[
        Bind(C::Global, key(K::F(2)), A::Endpoints),
    ]),
    row(S::Global, "F3", "F3", |s| s.k_history, &[
        Bind(C::Global, key(K::F(3)), A::ToggleHistory),
    ]),
    row(S::Global, "F4", "F4", |s| s.k_env, &[
        Bind(C::Global, key(K::F(4)), A::Environments),
    ]),
    // In the switcher, whose footer and last line name it. ㅁ is `a` on the 2-set Korean keyboard.
    row(S::Overlay, "a / +", "a", |s| s.k_add_url, &[
        Bind(C::EnvsOverlay, ch('a'), A::AddEnvironment), Bind(C::EnvsOverlay, ch('+'), A::AddEnvironment),
        Bind(C::EnvsOverlay, ch('ㅁ'), A::AddEnvironment),
    ]),
    row(S::Global, "F6", "F6", |s| s.k_path, &[
        Bind(C::Global, key(K::F(6)), A::EditPath),
    ]),
    row(S::Global, "F7", "F7", |s| s.k_fault, &[
        Bind(C::Global, key(K::F(7)), A::CycleFault),
    ]),
    row(S::Global, "F8 / Shift-F8", "F8", |s| s.k_next_diag, &[
        Bind(C::Global, Key { code: K::F(8), mods: Mods::Shift }, A::Problem(false)),
        Bind(C::Global, key(K::F(8)), A::Problem(true)),
        // Some terminals report Shift-F8 as F20.
        Bind(C::Global, key(K::F(20)), A::Problem(false)),
    ]),
    row(S::Global, "F9", "F9", |s| s.k_requests, &[
        Bind(C::Global, key(K::F(9)), A::Requests),
    ]),
    row(S::Global, "Tab / Shift-Tab", "Tab", |s| s.k_focus, &[
        Bind(C::Work, key(K::Tab), A::CycleFocus(true)), Bind(C::Work, key(K::BackTab), A::CycleFocus(false)),
    ]),
    // The editor, the path line, the endpoint list and the diagnostics.
    row(S::Editor, "Ctrl-Z / Ctrl-Y", "^Z/^Y", |s| s.k_undo, &[
        Bind(C::Editor, ctrl('z'), A::Undo), Bind(C::Editor, ctrl('y'), A::Redo),
    ]),
    row(S::Editor, "Ctrl-G", "^G", |s| s.k_headers, &[Bind(C::Work, ctrl('g'), A::Headers)]),
    row(S::Editor, "Ctrl-F ↓ ↑", "^F", |s| s.k_find, &[Bind(C::Editor, ctrl('f'), A::Find)]),
    row(S::Editor, "Ctrl-P / Ctrl-O", "^P", |s| s.k_pretty_open, &[
        Bind(C::Editor, ctrl('p'), A::Pretty), Bind(C::Editor, ctrl('o'), A::OpenFile),
    ]),
    // Esc leaves a field: the editor for the response, the path line and the endpoint list for the editor.
    row(S::Editor, "Esc", "Esc", |s| s.k_back, &[
        Bind(C::Editor, ESC, A::Back), Bind(C::Path, ESC, A::Back), Bind(C::Picker, ESC, A::Back),
    ]),
    row(S::Editor, "Enter ↓", "Enter", |s| s.k_path_done, &[
        Bind(C::Path, ENTER, A::Back), Bind(C::Path, DOWN, A::Back),
    ]),
    row(S::Editor, "↑↓ PgUp/Dn", "↑↓", |s| s.k_select, &[
        Bind(C::Picker, UP, A::Move(Step::Up)), Bind(C::Picker, DOWN, A::Move(Step::Down)),
        Bind(C::Picker, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::Picker, key(K::PageDown), A::Move(Step::PageDown)),
        Bind(C::Diagnostics, UP, A::Move(Step::Up)), Bind(C::Diagnostics, ch('k'), A::Move(Step::Up)),
        Bind(C::Diagnostics, DOWN, A::Move(Step::Down)), Bind(C::Diagnostics, ch('j'), A::Move(Step::Down)),
    ]),
    row(S::Editor, "Enter", "Enter", |s| s.k_load, &[Bind(C::Picker, ENTER, A::Choose)]),
    row(S::Editor, "a-z…", "a-z…", |s| s.k_filter, &[Bind(C::Picker, TYPING, A::Type)]),
    row(S::Editor, "Enter", "Enter", |s| s.k_jump, &[
        Bind(C::Diagnostics, ENTER, A::Choose),
    ]),
    // The response pane.
    row(S::Response, "r", "r", |s| s.k_retry, &[
        Bind(C::Response, ch('r'), A::Retry), Bind(C::Card, ch('r'), A::Retry),
    ]),
    row(S::Response, "/ n N", "/", |s| s.k_find, &[
        Bind(C::Response, ch('/'), A::Find), Bind(C::Response, ch('n'), A::FindNext(true)),
        Bind(C::Response, ch('N'), A::FindNext(false)),
    ]),
    row(S::Response, "d", "d", |s| s.k_data_series, &[
        Bind(C::Response, ch('d'), A::DataSeries),
    ]),
    row(S::Response, "1-4  [ ]", "1-4", |s| s.k_tabs, &[
        Bind(C::Response, ch('1'), A::Tab(Detail::Body)), Bind(C::Response, ch('2'), A::Tab(Detail::Headers)),
        Bind(C::Response, ch('3'), A::Tab(Detail::Timings)), Bind(C::Response, ch('4'), A::Tab(Detail::Attempts)),
        Bind(C::Response, ch(']'), A::CycleTab(true)), Bind(C::Response, ch('['), A::CycleTab(false)),
    ]),
    row(S::Response, "↑↓←→ PgUp/Dn g G", "↑↓", |s| s.k_scroll, &[
        Bind(C::Response, DOWN, A::Move(Step::Down)), Bind(C::Response, ch('j'), A::Move(Step::Down)),
        Bind(C::Response, UP, A::Move(Step::Up)), Bind(C::Response, ch('k'), A::Move(Step::Up)),
        Bind(C::Response, key(K::PageDown), A::Move(Step::PageDown)),
        Bind(C::Response, ch(' '), A::Move(Step::PageDown)),
        Bind(C::Response, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::Response, key(K::Home), A::Move(Step::Home)), Bind(C::Response, ch('g'), A::Move(Step::Home)),
        Bind(C::Response, key(K::End), A::Move(Step::End)), Bind(C::Response, ch('G'), A::Move(Step::End)),
        Bind(C::Response, key(K::Right), A::Move(Step::Right)), Bind(C::Response, ch('l'), A::Move(Step::Right)),
        Bind(C::Response, key(K::Left), A::Move(Step::Left)), Bind(C::Response, ch('h'), A::Move(Step::Left)),
        // The card scrolls the same way when it is taller than its pane (Tab stops at it then).
        Bind(C::Card, DOWN, A::Move(Step::Down)), Bind(C::Card, ch('j'), A::Move(Step::Down)),
        Bind(C::Card, UP, A::Move(Step::Up)), Bind(C::Card, ch('k'), A::Move(Step::Up)),
        Bind(C::Card, key(K::PageDown), A::Move(Step::PageDown)), Bind(C::Card, ch(' '), A::Move(Step::PageDown)),
        Bind(C::Card, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::Card, key(K::Home), A::Move(Step::Home)), Bind(C::Card, ch('g'), A::Move(Step::Home)),
        Bind(C::Card, key(K::End), A::Move(Step::End)), Bind(C::Card, ch('G'), A::Move(Step::End)),
    ]),
    // The history screen.
    row(S::History, "Enter", "Enter", |s| s.k_open, &[Bind(C::History, ENTER, A::Choose)]),
    row(S::History, "Space", "Space", |s| s.k_mark, &[Bind(C::History, ch(' '), A::Mark)]),
    // ㅍ is `v` on the 2-set Korean keyboard.
    row(S::History, "v/ㅍ", "v", |s| s.k_compare, &[
        Bind(C::History, ch('v'), A::Compare), Bind(C::History, ch('ㅍ'), A::Compare),
    ]),
    row(S::History, "↑↓ PgUp/Dn g G", "↑↓", |s| s.k_select, &[
        Bind(C::History, DOWN, A::Move(Step::Down)), Bind(C::History, ch('j'), A::Move(Step::Down)),
        Bind(C::History, UP, A::Move(Step::Up)), Bind(C::History, ch('k'), A::Move(Step::Up)),
        Bind(C::History, key(K::PageDown), A::Move(Step::PageDown)),
        Bind(C::History, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::History, key(K::Home), A::Move(Step::Home)), Bind(C::History, ch('g'), A::Move(Step::Home)),
        Bind(C::History, key(K::End), A::Move(Step::End)), Bind(C::History, ch('G'), A::Move(Step::End)),
    ]),
    // Tab goes from the list to the opened exchange and back; with none open it leaves, as Esc does.
    row(S::History, "Tab", "Tab", |s| s.k_entry_focus, &[
        Bind(C::History, key(K::Tab), A::FocusEntry), Bind(C::History, key(K::BackTab), A::FocusEntry),
        Bind(C::Entry, key(K::Tab), A::Back), Bind(C::Entry, key(K::BackTab), A::Back),
    ]),
    // The opened exchange scrolls as the response pane does; what it does not bind falls to the list (`o`, `x` …).
    row(S::History, "↑↓←→ PgUp/Dn g G", "↑↓", |s| s.k_scroll_entry, &[
        Bind(C::Entry, DOWN, A::Move(Step::Down)), Bind(C::Entry, ch('j'), A::Move(Step::Down)),
        Bind(C::Entry, UP, A::Move(Step::Up)), Bind(C::Entry, ch('k'), A::Move(Step::Up)),
        Bind(C::Entry, key(K::PageDown), A::Move(Step::PageDown)), Bind(C::Entry, ch(' '), A::Move(Step::PageDown)),
        Bind(C::Entry, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::Entry, key(K::Home), A::Move(Step::Home)), Bind(C::Entry, ch('g'), A::Move(Step::Home)),
        Bind(C::Entry, key(K::End), A::Move(Step::End)), Bind(C::Entry, ch('G'), A::Move(Step::End)),
        Bind(C::Entry, key(K::Right), A::Move(Step::Right)), Bind(C::Entry, ch('l'), A::Move(Step::Right)),
        Bind(C::Entry, key(K::Left), A::Move(Step::Left)), Bind(C::Entry, ch('h'), A::Move(Step::Left)),
    ]),
    row(S::History, "/ n N", "/", |s| s.k_find_entry, &[
        Bind(C::Entry, ch('/'), A::Find), Bind(C::Entry, ch('n'), A::FindNext(true)),
        Bind(C::Entry, ch('N'), A::FindNext(false)),
    ]),
    // The comparison of two exchanges (`v`) scrolls as the opened exchange does.
    row(S::History, "↑↓←→ PgUp/Dn g G", "↑↓", |s| s.k_scroll_diff, &[
        Bind(C::Diff, DOWN, A::Move(Step::Down)), Bind(C::Diff, ch('j'), A::Move(Step::Down)),
        Bind(C::Diff, UP, A::Move(Step::Up)), Bind(C::Diff, ch('k'), A::Move(Step::Up)),
        Bind(C::Diff, key(K::PageDown), A::Move(Step::PageDown)), Bind(C::Diff, ch(' '), A::Move(Step::PageDown)),
        Bind(C::Diff, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::Diff, key(K::Home), A::Move(Step::Home)), Bind(C::Diff, ch('g'), A::Move(Step::Home)),
        Bind(C::Diff, key(K::End), A::Move(Step::End)), Bind(C::Diff, ch('G'), A::Move(Step::End)),
        Bind(C::Diff, key(K::Right), A::Move(Step::Right)), Bind(C::Diff, ch('l'), A::Move(Step::Right)),
        Bind(C::Diff, key(K::Left), A::Move(Step::Left)), Bind(C::Diff, ch('h'), A::Move(Step::Left)),
    ]),
    row(S::History, "n N", "n N", |s| s.k_next_change, &[
        Bind(C::Diff, ch('n'), A::NextChange(true)), Bind(C::Diff, ch('N'), A::NextChange(false)),
    ]),
    row(S::History, "o", "o", |s| s.k_reopen, &[Bind(C::History, ch('o'), A::Reopen)]),
    row(S::History, "i", "i", |s| s.k_import_bundle, &[Bind(C::History, ch('i'), A::ImportBundle)]),
    row(S::History, "r", "r", |s| s.k_replay, &[Bind(C::History, ch('r'), A::ReplayFailed)]),
    // One row for both exports, so the help still fits 80×24 in one screen.
    row(S::History, "x m b", "x m b", |s| s.k_export, &[
        Bind(C::History, ch('x'), A::ExportCurl), Bind(C::History, ch('m'), A::ExportMarkdown),
        Bind(C::History, ch('b'), A::ExportBundle),
    ]),
    // One row for both filters, so the help fits 80×24.
    row(S::History, "c e u", "c e u", |s| s.k_filters, &[
        Bind(C::History, ch('c'), A::ClassFilter), Bind(C::History, ch('e'), A::EndpointFilter),
        Bind(C::History, ch('u'), A::UserFilter),
    ]),
    // Typed as `/`, the words, then Enter (or Esc, ↓) to end typing.
    row(S::History, "/ … Enter/Esc/↓", "/", |s| s.k_search, &[
        Bind(C::History, ch('/'), A::Search),
        // Typing a search: these end it (the search stays applied).
        Bind(C::Search, ENTER, A::Back), Bind(C::Search, ESC, A::Back), Bind(C::Search, DOWN, A::Back),
    ]),
    // Reload and delete share a row so the help fits 80×24; delete asks first.
    row(S::History, "R  D Delete", "R", |s| s.k_reload_delete, &[
        Bind(C::History, ch('R'), A::Reload), Bind(C::History, ch('D'), A::DeleteExchange),
        Bind(C::History, key(K::Delete), A::DeleteExchange),
    ]),
    // Esc steps back one level: from the opened exchange (or the comparison) to the list, then closes it, then leaves
    // the screen.
    row(S::History, "Esc h Tab", "Esc", |s| s.k_back, &[
        Bind(C::Entry, ESC, A::Back), Bind(C::Diff, ESC, A::Back),
        Bind(C::History, ESC, A::Close), Bind(C::History, ESC, A::Back), Bind(C::History, ch('h'), A::Back),
        Bind(C::History, key(K::Tab), A::Back), Bind(C::History, key(K::BackTab), A::Back),
    ]),
    // Panes without text, and the history list: letters are commands.
    // F1 works everywhere; it shares the `?` row so the help fits 80×24 (the footer names F1).
    row(S::NotTyping, "F1 ?", "F1", |s| s.k_help, &[
        Bind(C::Global, key(K::F(1)), A::Help), Bind(C::NotTyping, ch('?'), A::Help),
        Bind(C::History, ch('?'), A::Help), Bind(C::Diff, ch('?'), A::Help),
    ]),
    // Ctrl-C works everywhere; it shares `q`'s row so the help fits 80×24 (the footer names ^C).
    row(S::NotTyping, "Ctrl-C q", "^C", |s| s.k_quit, &[
        Bind(C::Always, ctrl('c'), A::Quit), Bind(C::NotTyping, ch('q'), A::Quit),
        Bind(C::History, ch('q'), A::Quit), Bind(C::Diff, ch('q'), A::Quit),
    ]),
    row(S::NotTyping, "e", "e", |s| s.k_editor, &[
        Bind(C::NotTyping, ch('e'), A::FocusEditor),
    ]),
    row(S::NotTyping, "p", "p", |s| s.k_endpoints, &[
        Bind(C::NotTyping, ch('p'), A::FocusPicker),
    ]),
    // F10 works everywhere; like F1 it shares its letter's row so the help fits 80×24.
    row(S::NotTyping, "F10 y", "F10", |s| s.k_copy, &[
        Bind(C::Global, key(K::F(10)), A::Copy), Bind(C::NotTyping, ch('y'), A::Copy),
        Bind(C::History, ch('y'), A::Copy),
    ]),
    // In the response pane `h` scrolls left: the pane's own keys are looked up first.
    row(S::NotTyping, "h", "h", |s| s.k_history, &[
        Bind(C::NotTyping, ch('h'), A::ToggleHistory),
    ]),
    // Overlays: their own footer lists these.
    row(S::Overlay, "Esc", "Esc", |s| s.k_back, &[
        Bind(C::HelpOverlay, ESC, A::Back), Bind(C::HelpOverlay, ch('q'), A::Back),
        Bind(C::HelpOverlay, ch('?'), A::Back),
        Bind(C::HelpOverlay, key(K::F(1)), A::Back), Bind(C::HelpOverlay, ENTER, A::Back),
        Bind(C::EnvsOverlay, ESC, A::Back), Bind(C::EnvsOverlay, key(K::F(4)), A::Back),
        Bind(C::EnvsOverlay, ch('q'), A::Back), Bind(C::AddUrlOverlay, ESC, A::Back),
        Bind(C::RequestsOverlay, ESC, A::Back), Bind(C::RequestsOverlay, key(K::F(9)), A::Back),
        Bind(C::RequestsOverlay, ch('q'), A::Back), Bind(C::RequestName, ESC, A::Back),
        Bind(C::CopyOverlay, ESC, A::Back), Bind(C::CopyOverlay, key(K::F(10)), A::Back),
        Bind(C::CopyOverlay, ch('q'), A::Back), Bind(C::FileName, ESC, A::Back),
        Bind(C::Find, ESC, A::Back),
        Bind(C::HeadersOverlay, ESC, A::Back), Bind(C::HeadersOverlay, ch('q'), A::Back),
        Bind(C::HeadersOverlay, ctrl('g'), A::Back), Bind(C::HeaderLine, ESC, A::Back),
    ]),
    // The help scrolls when it is taller than the terminal (80×24 is).
    row(S::Overlay, "↑↓ PgUp/Dn g G", "↑↓", |s| s.k_scroll, &[
        Bind(C::HelpOverlay, UP, A::Move(Step::Up)), Bind(C::HelpOverlay, ch('k'), A::Move(Step::Up)),
        Bind(C::HelpOverlay, DOWN, A::Move(Step::Down)), Bind(C::HelpOverlay, ch('j'), A::Move(Step::Down)),
        Bind(C::HelpOverlay, key(K::PageUp), A::Move(Step::PageUp)),
        Bind(C::HelpOverlay, key(K::PageDown), A::Move(Step::PageDown)),
        Bind(C::HelpOverlay, ch(' '), A::Move(Step::PageDown)),
        Bind(C::HelpOverlay, key(K::Home), A::Move(Step::Home)), Bind(C::HelpOverlay, ch('g'), A::Move(Step::Home)),
        Bind(C::HelpOverlay, key(K::End), A::Move(Step::End)), Bind(C::HelpOverlay, ch('G'), A::Move(Step::End)),
    ]),
    row(S::Overlay, "↑↓", "↑↓", |s| s.k_select, &[
        Bind(C::EnvsOverlay, UP, A::Move(Step::Up)), Bind(C::EnvsOverlay, ch('k'), A::Move(Step::Up)),
        Bind(C::EnvsOverlay, DOWN, A::Move(Step::Down)), Bind(C::EnvsOverlay, ch('j'), A::Move(Step::Down)),
        Bind(C::RequestsOverlay, UP, A::Move(Step::Up)), Bind(C::RequestsOverlay, ch('k'), A::Move(Step::Up)),
        Bind(C::RequestsOverlay, DOWN, A::Move(Step::Down)), Bind(C::RequestsOverlay, ch('j'), A::Move(Step::Down)),
        Bind(C::CopyOverlay, UP, A::Move(Step::Up)), Bind(C::CopyOverlay, ch('k'), A::Move(Step::Up)),
        Bind(C::CopyOverlay, DOWN, A::Move(Step::Down)), Bind(C::CopyOverlay, ch('j'), A::Move(Step::Down)),
        Bind(C::HeadersOverlay, UP, A::Move(Step::Up)), Bind(C::HeadersOverlay, ch('k'), A::Move(Step::Up)),
        Bind(C::HeadersOverlay, DOWN, A::Move(Step::Down)), Bind(C::HeadersOverlay, ch('j'), A::Move(Step::Down)),
    ]),
    // The headers editor's letters (and the 2-set Korean keyboard's jamo on the same keys).
    row(S::Overlay, "a / +", "a", |s| s.k_add_header, &[
        Bind(C::HeadersOverlay, ch('a'), A::AddHeader), Bind(C::HeadersOverlay, ch('+'), A::AddHeader),
        Bind(C::HeadersOverlay, ch('ㅁ'), A::AddHeader),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_edit, &[
        Bind(C::HeadersOverlay, ENTER, A::Choose),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_ok, &[
        Bind(C::HeaderLine, ENTER, A::Choose),
    ]),
    row(S::Overlay, "d / Del", "d", |s| s.k_remove, &[
        Bind(C::HeadersOverlay, ch('d'), A::RemoveHeader), Bind(C::HeadersOverlay, ch('ㅇ'), A::RemoveHeader),
        Bind(C::HeadersOverlay, key(K::Delete), A::RemoveHeader),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_load, &[
        Bind(C::EnvsOverlay, ENTER, A::Choose),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_open, &[
        Bind(C::RequestsOverlay, ENTER, A::Choose),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_ok, &[
        Bind(C::RequestName, ENTER, A::Choose),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_load, &[
        Bind(C::FileName, ENTER, A::Choose),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_ok, &[
        Bind(C::Find, ENTER, A::Choose),
    ]),
    // Typing a query: ↓ and ↑ step (n and N are letters of the query then).
    row(S::Overlay, "↓ ↑", "↓↑", |s| s.k_find_step, &[
        Bind(C::Find, DOWN, A::FindNext(true)), Bind(C::Find, UP, A::FindNext(false)),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_copy_it, &[
        Bind(C::CopyOverlay, ENTER, A::Choose),
    ]),
    row(S::Overlay, "f", "f", |s| s.k_save_file, &[
        Bind(C::CopyOverlay, ch('f'), A::SaveToFile), Bind(C::CopyOverlay, ch('ㄹ'), A::SaveToFile),
    ]),
    // The collection's letters; the 2-set Korean keyboard's jamo on the same keys work too.
    row(S::Overlay, "s", "s", |s| s.k_save, &[
        Bind(C::RequestsOverlay, ch('s'), A::SaveRequest), Bind(C::RequestsOverlay, ch('ㄴ'), A::SaveRequest),
    ]),
    row(S::Overlay, "a", "a", |s| s.k_save_as, &[
        Bind(C::RequestsOverlay, ch('a'), A::SaveRequestAs), Bind(C::RequestsOverlay, ch('ㅁ'), A::SaveRequestAs),
    ]),
    row(S::Overlay, "r", "r", |s| s.k_rename, &[
        Bind(C::RequestsOverlay, ch('r'), A::RenameRequest), Bind(C::RequestsOverlay, ch('ㄱ'), A::RenameRequest),
    ]),
    row(S::Overlay, "c", "c", |s| s.k_duplicate, &[
        Bind(C::RequestsOverlay, ch('c'), A::DuplicateRequest),
        Bind(C::RequestsOverlay, ch('ㅊ'), A::DuplicateRequest),
    ]),
    row(S::Overlay, "d / Del", "d", |s| s.k_delete, &[
        Bind(C::RequestsOverlay, ch('d'), A::DeleteRequest), Bind(C::RequestsOverlay, ch('ㅇ'), A::DeleteRequest),
        Bind(C::RequestsOverlay, key(K::Delete), A::DeleteRequest),
    ]),
    row(S::Overlay, "Enter", "Enter", |s| s.k_check_url, &[
        Bind(C::AddUrlOverlay, ENTER, A::Choose),
    ]),
    // ㅛ and ㅜ are y and n on the 2-set Korean keyboard: no need to switch input mode to answer.
    row(S::Overlay, "y", "y", |s| s.k_yes, &[
        Bind(C::ConfirmOverlay, ch('y'), A::Yes), Bind(C::ConfirmOverlay, ch('Y'), A::Yes),
        Bind(C::ConfirmOverlay, ch('ㅛ'), A::Yes), Bind(C::ConfirmOverlay, ENTER, A::Yes),
    ]),
    row(S::Overlay, "n", "n", |s| s.k_no, &[
        Bind(C::ConfirmOverlay, ch('n'), A::No), Bind(C::ConfirmOverlay, ch('N'), A::No),
        Bind(C::ConfirmOverlay, ch('ㅜ'), A::No), Bind(C::ConfirmOverlay, ESC, A::No),
    ]),
];

/// Letters that stand for a key where letters are not typed (`j` for ↓ …), listed once in the help's foot rather
/// than on every row; (letter, key, how help names the key).
pub const ALIASES: [(char, KeyCode, &str); 7] = [
    ('j', K::Down, "↓"),
    ('k', K::Up, "↑"),
    ('h', K::Left, "←"),
    ('l', K::Right, "→"),
    ('g', K::Home, "Home"),
    ('G', K::End, "End"),
    (' ', K::PageDown, "PgDn"),
];

/// The contexts that apply to the app's state, in lookup order. Overlays and the history screen take every key.
pub fn chain(app: &App) -> Vec<Ctx> {
    let overlay = match &app.overlay {
        Some(Overlay::Help { .. }) => Some(Ctx::HelpOverlay),
        Some(Overlay::Envs { .. }) => Some(Ctx::EnvsOverlay),
        Some(Overlay::AddUrl { .. }) => Some(Ctx::AddUrlOverlay),
        Some(Overlay::Requests(b)) if b.prompt.is_some() => Some(Ctx::RequestName),
        Some(Overlay::Requests(_)) => Some(Ctx::RequestsOverlay),
        Some(Overlay::Copy { .. }) => Some(Ctx::CopyOverlay),
        Some(Overlay::Headers(h)) if h.typing.is_some() => Some(Ctx::HeaderLine),
        Some(Overlay::Headers(_)) => Some(Ctx::HeadersOverlay),
        Some(Overlay::OpenFile { .. }) => Some(Ctx::FileName),
        Some(Overlay::Confirm(_)) => Some(Ctx::ConfirmOverlay),
        None => None,
    };
    if let Some(o) = overlay {
        return vec![Ctx::Always, o];
    }
    let mut v = vec![Ctx::Always, Ctx::Global];
    if finding(app) {
        v.push(Ctx::Find);
        return v;
    }
    if app.screen == Screen::History {
        if app.history.compare.is_some() {
            // The list is hidden under the diff: its keys (delete, export …) must not act on it unseen.
            v.push(Ctx::Diff);
        } else if app.history.searching {
            v.push(Ctx::Search);
        } else {
            if app.history.open.as_ref().is_some_and(|e| e.focused) {
                v.push(Ctx::Entry);
            }
            v.push(Ctx::History);
        }
        return v;
    }
    v.push(Ctx::Work);
    v.push(pane(app.focus));
    if !typing(app.focus) {
        v.push(Ctx::NotTyping);
    }
    v
}

/// Whether a query is being typed into the search of what has the keys (the answer's body, the editor, the opened
/// exchange): then keys are its text.
pub fn finding(app: &App) -> bool {
    use super::app::FindIn;
    let Some(f) = app.find.as_ref().filter(|f| f.typing) else { return false };
    match (app.screen, f.target) {
        (Screen::Work, FindIn::Response(_)) => app.focus == Focus::Response,
        (Screen::Work, FindIn::Editor) => app.focus == Focus::Editor,
        (Screen::History, FindIn::Entry(seq)) => {
            !app.history.searching && app.history.open.as_ref().is_some_and(|e| e.focused && e.seq == seq)
        }
        _ => false,
    }
}

fn pane(focus: Focus) -> Ctx {
    match focus {
        Focus::Editor => Ctx::Editor,
        Focus::Url => Ctx::Path,
        Focus::Picker => Ctx::Picker,
        Focus::Diagnostics => Ctx::Diagnostics,
        Focus::Card => Ctx::Card,
        Focus::Response => Ctx::Response,
    }
}

/// Whether the focused pane takes text, so letters are not commands there.
pub fn typing(focus: Focus) -> bool {
    matches!(focus, Focus::Editor | Focus::Url | Focus::Picker)
}

/// The actions `k` is bound to in `ctx`, in table order.
pub fn actions(ctx: Ctx, k: &KeyEvent) -> impl Iterator<Item = Action> + '_ {
    ROWS.iter().flat_map(|r| r.binds).filter(move |b| b.0 == ctx && b.1.matches(k)).map(|b| b.2)
}

/// The footer's (keys, label) for `action` in `ctx`: the row that binds it there.
pub fn hint(ctx: Ctx, action: Action, s: &'static Strings) -> Option<(&'static str, &'static str)> {
    ROWS.iter().find(|r| r.binds.iter().any(|b| b.0 == ctx && b.2 == action)).map(|r| (r.short, (r.label)(s)))
}

/// The rows the help overlay lists under `section`, as (keys, label).
pub fn help_rows(section: Section, s: &'static Strings) -> Vec<(&'static str, &'static str)> {
    ROWS.iter().filter(|r| r.section == section).map(|r| (r.keys, (r.label)(s))).collect()
}

#[cfg(test)]
mod tests;
