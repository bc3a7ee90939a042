//! Plain data the app state holds about the outside world. The runtime's adapters convert the engine's
//! types (config, history store, client progress) into these, so the UI depends on nothing else.

use super::theme::Tone;

/// One environment of the switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvInfo {
    /// `sandbox`, `US-03`, a custom name.
    pub name: String,
    /// Base URL, once known (the sandbox's is known after the mock starts).
    pub url: Option<String>,
    /// The API key, masked; `None` when no key is configured.
    pub key_masked: Option<String>,
    /// The built-in mock, running in this process.
    pub offline_mock: bool,
    /// IANA time zone used by validation (company time zone).
    pub timezone: String,
}

/// One line of the history browser.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub id: i64,
    pub time: jiff::Timestamp,
    pub environment: String,
    pub method: String,
    pub endpoint: String,
    /// `None` after a network failure.
    pub status: Option<u16>,
    pub tone: Tone,
    /// What the row's outcome column names; the view words it in the UI's language.
    pub label: RowLabel,
    pub duration_ms: f64,
    /// Who sent it (a team ledger records it; `None` for older exchanges).
    pub user: Option<String>,
}

/// What a history row says of its outcome, kept as data so the Korean UI shows Korean names.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RowLabel {
    #[default]
    None,
    /// A row of the error table (its id), with the short name recorded when it was sent.
    Error { id: Option<String>, name: String },
    /// No response: the kind of network failure.
    Network(crate::exchange::NetworkErrorKind),
    /// A 2XX: success, or success with minor errors.
    Outcome(crate::classify::OutcomeKind),
}

/// Filter by status class in the history browser (cycled with one key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClassFilter {
    #[default]
    All,
    Success,
    ClientError,
    RateLimited,
    ServerError,
    Failed,
}

impl ClassFilter {
    pub fn next(self) -> ClassFilter {
        match self {
            ClassFilter::All => ClassFilter::Success,
            ClassFilter::Success => ClassFilter::ClientError,
            ClassFilter::ClientError => ClassFilter::RateLimited,
            ClassFilter::RateLimited => ClassFilter::ServerError,
            ClassFilter::ServerError => ClassFilter::Failed,
            ClassFilter::Failed => ClassFilter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ClassFilter::All => "all",
            ClassFilter::Success => "2XX",
            ClassFilter::ClientError => "4XX",
            ClassFilter::RateLimited => "429",
            ClassFilter::ServerError => "5XX",
            ClassFilter::Failed => "failed",
        }
    }
}

/// What the history browser asks the store for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryQuery {
    pub class: ClassFilter,
    pub endpoint: Option<String>,
    /// Only what this person sent (`u` on a team ledger).
    pub user: Option<String>,
    pub search: String,
    pub limit: usize,
}

/// A request ready to go out.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub method: String,
    /// Catalog path, e.g. `/transactional/v1/campaigns/{campaign_id}/send`.
    pub endpoint: String,
    /// Concrete path with placeholders filled and any query string.
    pub path: String,
    pub body: String,
    pub environment: String,
    pub replay_of: Option<i64>,
    /// Extra request headers (a saved request's, its variables resolved, and the sandbox's `X-Brazen-Fault`).
    pub headers: Vec<(String, String)>,
    /// The secret variables used, with their values: the record holds `{{name}}` in their place.
    pub secrets: Vec<(String, String)>,
    /// The saved request it came from (its name), recorded in the history.
    pub saved_request: Option<String>,
}

/// Progress of a request in flight, as the engine reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    AttemptStarted { number: u32 },
    Waiting { until: jiff::Timestamp, why: crate::retry::Reason },
    AttemptFinished { number: u32, status: Option<u16> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Curl,
    Markdown,
    /// The shareable reproduction (`bundle_version` 1, see the README).
    Bundle,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Curl => "sh",
            ExportFormat::Markdown => "md",
            ExportFormat::Bundle => "json",
        }
    }
}

/// What the UI restores on the next start.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SavedState {
    /// `POST /messages/send`.
    pub endpoint: String,
    /// Concrete path with query, when edited.
    #[serde(default)]
    pub path: String,
    pub draft: String,
    #[serde(default)]
    pub environment: String,
    /// The saved request the draft belongs to (its name in the collection); empty for an unnamed request.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub saved_request: String,
    /// The draft's headers (an imported curl command's), `[name, value]` pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
}
