//! The whole state of the workbench. Changed only by [`super::update::update`]; read by the views.

use std::sync::Arc;

use super::editor::Editor;
use super::line_input::LineInput;
use super::model::{ClassFilter, EnvInfo, HistoryRow};
use super::pretty::BodyLines;
use super::strings::Strings;
use super::theme::{Theme, Tone};
use crate::catalog::Endpoint;
use crate::exchange::Exchange;
use crate::i18n::{Lang, Table as _};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Work,
    History,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Picker,
    Url,
    Editor,
    Diagnostics,
    /// The explanation card, when it has more lines than its pane shows.
    Card,
    Response,
}

/// A replay running: how far it is, what came back, and any wait of the engine (a rate-limit window, a backoff).
#[derive(Debug, Clone, PartialEq)]
pub struct Replaying {
    pub id: u64,
    pub total: usize,
    pub done: usize,
    /// Answers by class: 2XX, 4XX, 5XX, no answer (network).
    pub counts: [usize; 4],
    pub started: jiff::Timestamp,
    pub waiting: Option<(jiff::Timestamp, crate::retry::Reason)>,
}

impl Replaying {
    /// The slot of [`Replaying::counts`] an answer's status goes in.
    pub fn slot(status: Option<u16>) -> usize {
        match status {
            Some(200..=299) => 0,
            Some(400..=499) => 1,
            Some(500..=599) => 2,
            _ => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Load another endpoint's template over unsaved edits.
    Discard { endpoint: usize },
    /// Put a history exchange's request into the editor over unsaved edits.
    Reopen,
    /// Send although validation predicts a fatal error (its row name).
    SendFatal { name: String },
    /// Retry a request whose failure may have come after it reached Braze, on an endpoint that is not safe to
    /// repeat (the endpoint path).
    RetryUnsafe { endpoint: String },
    /// Add the custom URL typed in F4 to the config file as environment `name`.
    SaveUrl { name: String, url: String },
    /// Delete the saved request `name` (its file).
    DeleteRequest { name: String },
    /// Open the saved request `name` over unsaved changes to the one the editor holds (its name).
    OpenOverUnsaved { name: String, unsaved: String },
    /// Quit with unsaved changes to the saved request `name` (the draft keeps them).
    QuitUnsaved { name: String },
    /// Quit while a request is in flight (its label): quitting cancels it, after it may have reached Braze.
    QuitSending { label: String },
    /// Import a pasted curl command (no: paste it as text).
    ImportCurl(Box<CurlImport>),
    /// Delete the exchange `id` from the history.
    DeleteExchange { id: i64 },
    /// Re-send these failed exchanges, each to the environment it was sent to; `unsafe_count` of them are on
    /// endpoints not safe to repeat.
    Replay { ids: Vec<i64>, unsafe_count: usize },
}

/// A search (`/`, Ctrl-F): the query typed, whether it is still being typed, its matches, and what they are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub input: LineInput,
    pub typing: bool,
    pub search: crate::tui::search::Search,
    pub target: FindIn,
}

/// What a search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindIn {
    /// The answer's body (the answer's `seq`: a new answer makes the matches stale).
    Response(u64),
    /// The request editor's text (searched again after every edit).
    Editor,
    /// The opened history exchange's request and response bodies, end to end (the entry's `seq`).
    Entry(u64),
}

/// A pasted curl command as the workbench would load it; the key in it is only ever shown masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurlImport {
    pub method: String,
    /// The concrete path with its query.
    pub path: String,
    pub body: Option<String>,
    /// The environment its URL names (`US-03`, `custom`).
    pub environment: String,
    /// The key it carried, masked.
    pub key: Option<String>,
    /// Whether the catalog knows the endpoint.
    pub known: bool,
    /// Headers kept (never a credential or one brazen sets itself).
    pub headers: Vec<(String, String)>,
    /// The text as pasted, for a no.
    pub pasted: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key reference, scrolled `scroll` lines when it is taller than the terminal.
    Help {
        scroll: usize,
    },
    Envs {
        selected: usize,
    },
    /// F4's "add a custom URL": the URL being typed, and why the last one was refused.
    AddUrl {
        input: crate::tui::line_input::LineInput,
        error: Option<String>,
    },
    /// The collection of saved requests (F9).
    Requests(crate::tui::collection::Browser),
    /// The copy menu (F10, `y`): the row selected.
    Copy {
        selected: usize,
        /// Each row's size in bytes, or why it has nothing: measured once when the menu opens (a curl command and
        /// an explanation are built to be measured; the menu is drawn on every frame).
        sizes: Vec<Result<usize, &'static str>>,
    },
    /// A file's path being typed (Ctrl-O in the editor, `i` in the history), what it is for, and why the last one
    /// failed.
    OpenFile {
        input: crate::tui::line_input::LineInput,
        error: Option<String>,
        purpose: FileFor,
    },
    /// The request's own headers (Ctrl-G).
    Headers(crate::tui::headers::HeadersEditor),
    Confirm(Confirm),
}

/// What a file asked for is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFor {
    /// The request body (Ctrl-O).
    Body,
    /// A shareable reproduction to add to the history (`i`).
    Bundle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Body,
    Headers,
    Timings,
    Attempts,
}

impl Detail {
    pub const ALL: [Detail; 4] = [Detail::Body, Detail::Headers, Detail::Timings, Detail::Attempts];
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inflight {
    pub id: u64,
    pub started: jiff::Timestamp,
    /// `POST /messages/send`.
    pub label: String,
    pub attempt: u32,
    /// The engine is waiting (backoff or rate-limit reset) until then, for this reason (said in the view's
    /// language).
    pub waiting: Option<(jiff::Timestamp, crate::retry::Reason)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequestState {
    Idle,
    Sending(Inflight),
    /// A retry the user asked for, waiting for the advice's delay before it goes out.
    /// `reset`: waiting for the rate-limit reset (a 429), else backing off; the view says which in its language.
    Scheduled {
        at: jiff::Timestamp,
        reset: bool,
    },
}

pub struct ResponseView {
    /// Shared with the formatting task, so a large body is not copied.
    pub exchange: Arc<Exchange>,
    pub received: jiff::Timestamp,
    /// Formatted body; `None` while it is being formatted off-thread.
    pub body: Option<Arc<BodyLines>>,
    pub seq: u64,
    pub detail: Detail,
    pub scroll: usize,
    pub hscroll: usize,
    /// First line of the explanation card shown (it scrolls when the pane is shorter than the card).
    pub card_scroll: usize,
}

#[derive(Default)]
pub struct HistoryState {
    pub rows: Vec<HistoryRow>,
    pub loaded: bool,
    pub selected: usize,
    pub top: usize,
    pub class: ClassFilter,
    pub endpoint: Option<String>,
    /// Endpoints seen in unfiltered listings, for cycling the endpoint filter.
    pub endpoints_seen: Vec<String>,
    /// Only what this person sent (`u`), and the people seen in listings not narrowed by person.
    pub user: Option<String>,
    pub users_seen: Vec<String>,
    pub search: LineInput,
    pub searching: bool,
    /// The opened exchange.
    pub open: Option<OpenEntry>,
    /// What to do once the exchange being loaded arrives.
    pub pending: Option<(i64, Pending)>,
    /// The row to select when the list next arrives (an imported bundle's).
    pub select: Option<i64>,
    /// Why the history database could not be opened, shown in place of the list.
    pub unavailable: Option<String>,
    /// Exchanges marked with Space, by id, in the order marked (at most [`MAX_MARKS`]); kept across reloads for
    /// the ids still listed. `v` compares them; other features may act on them too.
    pub marked: Vec<i64>,
    /// Two exchanges compared side by side (`v`), shown in place of the list and the opened exchange.
    pub compare: Option<Compare>,
}

/// At most this many marks: twice the rows the list shows, so a mark never has to be refused in practice, and a
/// bound all the same.
pub const MAX_MARKS: usize = 1_000;

/// Two history exchanges being compared: loaded by id, then diffed off-thread.
pub struct Compare {
    /// The older exchange's id (left), the newer's (right).
    pub ids: [i64; 2],
    /// Each side once loaded.
    pub loaded: [Option<Arc<Exchange>>; 2],
    /// The diff; `None` while loading or computing (`seq` names the job).
    pub diff: Option<Arc<crate::exchange::diff::ExchangeDiff>>,
    pub seq: u64,
    /// First document line shown, and first column of the lines.
    pub scroll: usize,
    pub hscroll: usize,
}

impl HistoryState {
    /// Whether a filter narrows the list, so an empty list means "no match" rather than "nothing yet".
    pub fn filtered(&self) -> bool {
        self.class != ClassFilter::All || self.endpoint.is_some() || !self.search.text.trim().is_empty()
    }
}

/// An exchange opened from the history, read as one document: explanation, request, response. Its bodies are split
/// into lines once, so drawing and scrolling touch only the lines on screen, whatever the body's size.
pub struct OpenEntry {
    pub exchange: Arc<Exchange>,
    /// The request body as sent.
    pub request: BodyLines,
    /// The response body, pretty; `None` while a large one is formatted off-thread (`seq` names that job).
    pub body: Option<Arc<BodyLines>>,
    pub seq: u64,
    /// First document line shown, and first column of the bodies' lines.
    pub scroll: usize,
    pub hscroll: usize,
    /// The entry, not the list, has the keys: movement scrolls it.
    pub focused: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Open,
    Reopen,
    Export(super::model::ExportFormat),
}

pub struct Toast {
    pub text: String,
    pub tone: Tone,
    pub until: jiff::Timestamp,
}

pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub now: jiff::Timestamp,
    pub width: u16,
    pub height: u16,
    pub screen: Screen,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// Index into the endpoint catalog.
    pub endpoint: usize,
    /// Concrete path and query string.
    pub path: LineInput,
    pub editor: Editor,
    pub picker_filter: LineInput,
    /// Index into [`App::picker_entries`].
    pub picker_selected: usize,
    pub diag_selected: usize,
    pub request: RequestState,
    pub next_id: u64,
    /// The history exchange the editor's request was reopened from (recorded as `replay_of` when sent).
    pub replay_of: Option<i64>,
    /// The saved request the editor holds, as last opened or saved; `None` for an unnamed request (the draft).
    pub saved: Option<crate::tui::collection::Saved>,
    /// Finding text in the answer's body (`/`, `n`, `N`).
    pub find: Option<Find>,
    /// The request's own headers (a saved request's, an imported curl command's), sent with it; never a credential
    /// (`PreparedRequest::with_header` refuses brazen's own headers when sending).
    pub headers: Vec<(String, String)>,
    /// The variables in effect: the collection's, then the current environment's (the runtime's, on each switch).
    pub vars: std::sync::Arc<crate::request::vars::Variables>,
    pub response: Option<ResponseView>,
    pub history: HistoryState,
    /// A replay of failed exchanges running from the history (`r`), with its gauge.
    pub replay: Option<Replaying>,
    pub envs: Vec<EnvInfo>,
    pub env: usize,
    /// The config file's path as the runtime reads it (shown when F4 adds a custom URL to it).
    pub config_file: String,
    /// Latest `x-ratelimit-*` seen on the current environment.
    pub rate: Option<crate::classify::RateLimitInfo>,
    pub toast: Option<Toast>,
    /// The sandbox fault requested with each send (F7), if any.
    pub fault: Option<crate::fault::Fault>,
    pub quit: bool,
}

impl App {
    /// A first start: `/messages/send` with its template, so the first send already explains something.
    pub fn new(lang: Lang, theme: Theme, now: jiff::Timestamp, width: u16, height: u16) -> App {
        let endpoint = crate::catalog::endpoints()
            .endpoints
            .iter()
            .position(|e| e.method == "POST" && e.path == "/messages/send")
            .unwrap_or(0);
        let mut app = App {
            lang,
            theme,
            now,
            width,
            height,
            screen: Screen::Work,
            focus: Focus::Editor,
            overlay: None,
            endpoint,
            path: LineInput::default(),
            editor: Editor::new(""),
            picker_filter: LineInput::default(),
            picker_selected: 0,
            diag_selected: 0,
            request: RequestState::Idle,
            next_id: 1,
            replay_of: None,
            saved: None,
            headers: Vec::new(),
            find: None,
            vars: Default::default(),
            response: None,
            history: HistoryState::default(),
            replay: None,
            envs: Vec::new(),
            config_file: String::new(),
            env: 0,
            rate: None,
            toast: None,
            fault: None,
            quit: false,
        };
        app.load_endpoint(endpoint);
        app.picker_selected = endpoint;
        app
    }

    pub fn s(&self) -> &'static Strings {
        Strings::get(self.lang)
    }

    pub fn current_endpoint(&self) -> &'static Endpoint {
        let all = &crate::catalog::endpoints().endpoints;
        &all[self.endpoint.min(all.len().saturating_sub(1))]
    }

    /// Selects an endpoint and loads its template and default path.
    pub fn load_endpoint(&mut self, index: usize) {
        self.endpoint = index;
        self.headers.clear();
        let e = self.current_endpoint();
        self.path.set(&default_path(e));
        self.editor.load(e.template_body());
    }

    pub fn current_env(&self) -> Option<&EnvInfo> {
        self.envs.get(self.env)
    }

    /// Endpoints matching the picker filter, in catalog order (which is grouped).
    pub fn picker_entries(&self) -> Vec<usize> {
        let words = self.picker_words();
        crate::catalog::endpoints()
            .endpoints
            .iter()
            .enumerate()
            .filter(|(i, _)| picker_score(*i, &words).is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// The position in [`App::picker_entries`] of the best match: a path match beats one in the purpose.
    pub fn picker_best(&self) -> usize {
        let words = self.picker_words();
        let entries = self.picker_entries();
        (0..entries.len()).min_by_key(|&i| (picker_score(entries[i], &words).unwrap_or(u32::MAX), i)).unwrap_or(0)
    }

    fn picker_words(&self) -> Vec<String> {
        self.picker_filter.text.split_whitespace().map(|w| w.to_lowercase()).collect()
    }

    pub fn busy(&self) -> bool {
        !matches!(self.request, RequestState::Idle)
    }

    /// Seconds until the rate-limit window of the shown response resets, while it has not.
    /// What a diagnostic is called on screen: a row's name in the UI language; a finding of our own has an id, not
    /// a name, so its severity in words and the id (for searching the rules), as (name, id or "").
    pub fn diagnostic_name(&self, d: &crate::validate::Diagnostic) -> (String, String) {
        let s = self.s();
        let table_row = crate::catalog::errors().row(&d.error).filter(|_| d.name.is_some());
        // A request's variables are brazen's own findings, named in words rather than by id.
        let variable = match d.error.as_str() {
            "variable" => Some(s.diag_variable),
            "undefined_variable" => Some(s.diag_undefined_variable),
            "variable_unset" => Some(s.diag_variable_unset),
            _ => None,
        };
        match table_row {
            Some(r) => (r.label(self.lang).to_string(), String::new()),
            None if variable.is_some() => (variable.unwrap_or_default().to_string(), String::new()),
            None => match (&d.name, d.severity) {
                (Some(n), _) => (n.clone(), String::new()),
                (None, crate::validate::Severity::Hint) => (s.hint.to_string(), d.error.clone()),
                (None, _) => (s.minor.to_string(), d.error.clone()),
            },
        }
    }

    pub fn reset_countdown(&self) -> Option<i64> {
        let r = self.response.as_ref()?;
        let o = r.exchange.outcome.as_ref()?;
        if o.status != 429 {
            return None;
        }
        let at = reset_time(r)?;
        let left = (at.as_second() - self.now.as_second()).max(0);
        Some(left)
    }

    /// The rate-limit budget as it stands at `now`. Once the window's reset time has passed, the remaining count
    /// last seen says nothing about now (the window refilled, or other clients used it), so it becomes unknown
    /// until the next response rather than a stale `0/N`.
    pub fn rate_budget(&self) -> Option<Budget> {
        let rl = self.rate.as_ref()?;
        let left = rl.reset.map(|reset| reset.saturating_sub(self.now.as_second()));
        let passed = left.is_some_and(|s| s <= 0);
        Some(Budget {
            remaining: if passed { None } else { rl.remaining },
            limit: rl.limit,
            resets_in: left.filter(|s| *s > 0),
        })
    }

    /// Whether something on screen moves by itself (spinner, countdown, toast expiry); the runtime ticks only then.
    /// The status bar's reset countdown counts too: idle, it would otherwise stand still and then show a spent
    /// budget after the window has refilled.
    pub fn animating(&self) -> bool {
        self.busy()
            || self.replay.is_some()
            || self.reset_countdown().is_some_and(|s| s > 0)
            || self.toast.is_some()
            || self.rate_budget().is_some_and(|b| b.resets_in.is_some())
    }
}

/// The rate-limit budget the status bar shows ([`App::rate_budget`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// `None` when unknown, including once the window has reset.
    pub remaining: Option<u64>,
    pub limit: Option<u64>,
    /// Seconds until the window resets, while it has not.
    pub resets_in: Option<i64>,
}

/// How well catalog endpoint `index` matches every word (lower is better): in the path 0, the method 1, the
/// group 2, the purpose 3, summed over the words; `None` when a word matches nowhere.
fn picker_score(index: usize, words: &[String]) -> Option<u32> {
    if words.is_empty() {
        return Some(0);
    }
    // The picker list is drawn every frame: lowercase the catalog once, not per endpoint per draw.
    static FIELDS: std::sync::OnceLock<Vec<[String; 5]>> = std::sync::OnceLock::new();
    let all = FIELDS.get_or_init(|| {
        let catalog = crate::catalog::endpoints();
        let fields = |e: &Endpoint| {
            // The group in every language, so `예약` finds the schedule endpoints.
            let group = [Lang::En, Lang::Ko].map(|l| catalog.group_title(&e.group, l).to_lowercase()).join(" ");
            let permission = e.permission.to_lowercase();
            [e.path.to_lowercase(), e.method.to_lowercase(), group, permission, e.purpose_search_text()]
        };
        catalog.endpoints.iter().map(fields).collect()
    });
    let fields = all.get(index)?;
    // Earlier fields rank higher; a whole field (`catalogs.replace_item`) beats a field it is part of
    // (`catalogs.replace_items`).
    let rank = |w: &str| {
        let exact = fields.iter().position(|f| f == w).map(|p| p as u32 * 2);
        exact.or_else(|| fields.iter().position(|f| f.contains(w)).map(|p| p as u32 * 2 + 1))
    };
    words.iter().map(|w| rank(w)).sum()
}

/// When the rate-limit window of a 429 resets: the header if present, else receipt time + `after_seconds`.
pub fn reset_time(r: &ResponseView) -> Option<jiff::Timestamp> {
    let o = r.exchange.outcome.as_ref()?;
    if let Some(reset) = o.rate_limit.reset {
        return jiff::Timestamp::from_second(reset).ok();
    }
    match &o.retry {
        crate::retry::RetryAdvice::WaitForReset { after_seconds: Some(s) } => {
            r.received.checked_add(jiff::SignedDuration::from_secs(*s as i64)).ok()
        }
        _ => None,
    }
}

/// Whether repeating `ex` could do twice what it may already have done: the domain decides ([`crate::retry`]).
pub use crate::retry::unsafe_to_repeat;

/// The path a user starts from: placeholders kept visible, no query. A GET's example parameters live in its
/// template body (sent as the query string); putting them on the path as well would send each one twice.
/// The path line of a freshly picked endpoint: its template's path, parameters filled with example values.
pub fn default_path(e: &Endpoint) -> String {
    e.template_path().to_string()
}

#[cfg(test)]
mod tests {
    use super::picker_score;

    #[test]
    fn the_picker_filter_knows_group_titles_in_every_language() {
        let all = &crate::catalog::endpoints().endpoints;
        let found = |word: &str| -> Vec<&str> {
            (0..all.len())
                .filter(|&i| picker_score(i, &[word.to_string()]).is_some())
                .map(|i| all[i].group.as_str())
                .collect()
        };
        let schedules = found("예약");
        let in_group = all.iter().filter(|e| e.group == "schedules").count();
        assert_eq!(schedules.iter().filter(|g| **g == "schedules").count(), in_group, "{schedules:?}");
        // By permission, and by group in English.
        assert_eq!(found("catalogs.update_items").len(), 1);
        assert!(found("카탈로그").iter().all(|g| *g == "catalogs") && found("카탈로그").len() >= 17);
        assert_eq!(found("scim").iter().filter(|g| **g == "scim").count(), 5);
        assert!(found("사용자 데이터".split(' ').next().unwrap()).contains(&"users"));
    }
}
