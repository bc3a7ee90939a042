//! `brazen history [list|show ID|export ID|diff A B|delete ID...|prune --before WHEN] [--format text|json]`: browse,
//! compare, export and remove the recorded exchanges. This module owns the arguments, the filter they make and the
//! loading; [`lines`] and [`show`] the text, [`diff`] the comparison, [`housekeeping`] `delete` and `prune`. Its words are
//! [`HistoryText`]. Front end: it reads the store and the domain, nothing reads it (but `replay`'s `--since`).

mod diff;
mod housekeeping;
mod lines;
use lines::lines;
mod show;

use super::Global;
use super::output::{Format, Paint, UsageError};
use super::print::{eoutln, out, outln, print_json};
use super::text::HistoryText;
use crate::answer::AnswerClass;
use crate::exchange::Exchange;
use crate::history::{Filter, Store, Summary};
use crate::i18n::{Lang, Table as _, fill};
use crate::text::visible;
use show::show;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    /// Filters for the default `list`.
    #[command(flatten)]
    pub list: ListArgs,
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum HistoryCommand {
    /// One line per exchange, newest first (the default).
    List(ListArgs),
    /// One exchange in full: request, attempts, response and what it means.
    Show {
        /// Exchange id, as `list` prints it (`#42` or `42`).
        id: String,
    },
    /// One exchange as a curl command (the key replaced by $BRAZE_API_KEY), a markdown repro report, or a bundle
    /// (one self-contained JSON file another brazen imports with `brazen import bundle`; never a secret).
    Export {
        id: String,
        #[arg(long = "as", value_enum, default_value = "curl")]
        as_: ExportAs,
    },
    /// Two exchanges compared part by part (request line, headers, bodies, status): a unified diff per part, A's
    /// lines as `-`, B's as `+`; `--format json` gives every aligned row.
    Diff {
        /// Exchange ids, as `list` prints them (`#42` or `42`).
        a: String,
        b: String,
    },
    /// Delete exchanges by id (asks nothing: the ids are explicit), then compact the database.
    Delete {
        /// Exchange ids, as `list` prints them (`#42` or `42`).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Delete every exchange recorded before a time, then compact the database.
    Prune {
        /// An RFC 3339 time, a date (2026-01-31, start of the day UTC) or a period back from now (30m, 12h, 7d,
        /// 2w), as `--since` of `list`.
        #[arg(long, value_name = "WHEN", required = true)]
        before: String,
        /// List what would be deleted, delete nothing.
        #[arg(long)]
        dry_run: bool,
        /// Do not ask for confirmation (needed when standard input is not a terminal).
        #[arg(long)]
        yes: bool,
    },

    /// Push what was kept in the local history while the shared ledger was unreachable (also done at each start).
    Sync,
    /// Copy this machine's local history into a ledger, once (running it again adds nothing).
    Migrate {
        /// The ledger: postgres://user:password@host/db (the password may also come from a .pgpass-free variable:
        /// put the whole URL in BRAZEN_HISTORY_URL and pass `--to "$BRAZEN_HISTORY_URL"`).
        #[arg(long, value_name = "URL", required = true)]
        to: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportAs {
    Curl,
    Markdown,
    Bundle,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ListArgs {
    /// Only this status class: 2XX, 3XX, 4XX, 5XX, or network (no response).
    #[arg(long, value_name = "CLASS")]
    pub class: Option<String>,
    /// Only this endpoint and the paths under it (`/users` takes `/users/track`); end with * for any prefix.
    #[arg(long, value_name = "PATH")]
    pub endpoint: Option<String>,
    /// Only exchanges whose URL, bodies or messages contain TEXT (any case).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only this environment (`sandbox`, `US-03`, …).
    #[arg(long = "env", value_name = "NAME")]
    pub environment: Option<String>,
    /// Only failures worth re-sending: 5XX, 429 and network failures.
    #[arg(long)]
    pub failed: bool,
    /// Only exchanges not re-sent by `brazen replay` yet.
    #[arg(long)]
    pub not_replayed: bool,
    /// Only exchanges since an RFC 3339 time, a date, or a period back from now (`30m`, `12h`, `7d`, `2w`).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only exchanges recorded by this user (`user` of their config, else their login name).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Only exchanges whose replay may have reached the server but was never recorded (a replay that died while
    /// sending): not re-sent automatically; decide for each.
    #[arg(long)]
    pub unknown: bool,
    /// At most N exchanges (0 for all).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

pub fn run(args: HistoryArgs, global: Global) -> anyhow::Result<i32> {
    match &args.command {
        Some(HistoryCommand::Delete { ids }) => return housekeeping::delete(ids, args.format, global),
        Some(HistoryCommand::Prune { before, dry_run, yes }) => {
            return housekeeping::prune(before, *dry_run, *yes, args.format, global);
        }
        Some(HistoryCommand::Sync) => return sync(args.format),
        Some(HistoryCommand::Migrate { to }) => return migrate(to, args.format),
        _ => {}
    }
    let store = match configured()? {
        Some(store) => store,
        None => open_for_reading(&crate::config::Paths::resolve().history_db)?,
    };
    match args.command {
        None => list(&store, &args.list, args.format, global.lang),
        Some(HistoryCommand::List(l)) => list(&store, &l, args.format, global.lang),
        Some(HistoryCommand::Show { id }) => show(&store, &id, args.format, global.lang),
        Some(HistoryCommand::Export { id, as_ }) => export(&store, &id, as_, global.lang),
        Some(HistoryCommand::Diff { a, b }) => diff::diff(&store, &a, &b, args.format, global.lang),
        Some(
            HistoryCommand::Delete { .. }
            | HistoryCommand::Prune { .. }
            | HistoryCommand::Sync
            | HistoryCommand::Migrate { .. },
        ) => unreachable!("handled above"),
    }
}

/// The shared ledger when the config (or `BRAZEN_HISTORY_URL`) names one, `None` for the local file. A config
/// that cannot be read leaves the history commands on the local file, as before the ledger existed.
pub(super) fn configured() -> anyhow::Result<Option<Store>> {
    let Ok(cfg) = super::secrets::load_config() else { return Ok(None) };
    if cfg.history_url.is_none() {
        return Ok(None);
    }
    let store = Store::open_configured(&cfg)?;
    store.check_ledger()?;
    Ok(Some(store))
}

/// `history sync`: pushes what waits locally.
fn sync(format: Format) -> anyhow::Result<i32> {
    let Some(store) = configured()? else {
        return Err(UsageError("history sync needs a ledger: set history_url (or BRAZEN_HISTORY_URL)".into()).into());
    };
    let done = store.sync()?;
    match format {
        Format::Json => print_json(&done)?,
        Format::Text => outln!(
            "pushed {} exchange(s) to the ledger ({} were there already); {} still local",
            done.pushed,
            done.already,
            done.left
        ),
    }
    Ok(0)
}

/// `history migrate --to URL`: copies the local history up, once.
fn migrate(to: &str, format: Format) -> anyhow::Result<i32> {
    let url = crate::config::LedgerUrl::parse(to).map_err(|why| UsageError(format!("--to {why}")))?;
    super::secrets::hide(&crate::scrub::Secrets::of(url.password().as_deref()));
    let local = Store::open(&crate::config::Paths::resolve().history_db)?;
    let done = local.copy_to_ledger(url)?;
    match format {
        Format::Json => print_json(&done)?,
        Format::Text => {
            outln!("copied {} exchange(s) to the ledger ({} were there already)", done.pushed, done.already)
        }
    }
    Ok(0)
}

/// The history for `list`, `show` and `export`, which never write. The normal open comes first: it creates the
/// database for a first-time user (so `list` can say where it will be) and upgrades an older schema. When it
/// fails, above all because the folder or the file is read-only (the open writes: `-wal`/`-shm` files, the
/// schema check's write lock), the database is opened read-only instead; the first error is reported if that
/// fails too, since it says what is wrong with the file as it is.
fn open_for_reading(path: &std::path::Path) -> anyhow::Result<Store> {
    match Store::open(path) {
        Ok(store) => Ok(store),
        Err(first) => match Store::open_read_only(path) {
            Ok(store) => {
                eoutln!("brazen: note: reading the history read-only ({first})");
                Ok(store)
            }
            Err(_) => Err(first.into()),
        },
    }
}

fn list(store: &Store, args: &ListArgs, format: Format, lang: Lang) -> anyhow::Result<i32> {
    let t = HistoryText::get(lang);
    let filter = filter(args, jiff::Timestamp::now())?;
    let rows = store.list(&filter)?;
    match format {
        Format::Json => print_json(&rows)?,
        Format::Text if rows.is_empty() => {
            if store.count()? == 0 {
                // Where it looked: the ledger (its URL masked) when there is one, else the file.
                let at = match store.ledger_url() {
                    Some(url) => format!(" ({url})"),
                    None => store.path().map(|p| format!(" ({})", p.display())).unwrap_or_default(),
                };
                outln!("{}", fill(t.none_yet, &[("at", &at)]));
            } else {
                outln!("{}", t.none_match);
            }
        }
        Format::Text => {
            let users = store.ledger_url().is_some();
            out!("{}", lines::lines_for(&rows, Paint::stdout(), &jiff::tz::TimeZone::system(), lang, users))
        }
    }
    Ok(0)
}

pub(crate) fn filter(args: &ListArgs, now: jiff::Timestamp) -> Result<Filter, UsageError> {
    let endpoint = args.endpoint.as_deref().map(|e| match crate::catalog::endpoints().resolve(e) {
        // An alias (`/send/id/create`) lists the real path; `/users/*` and unknown paths pass as typed.
        Some(r) if !e.ends_with('*') && !r.endpoint.path.contains('{') => r.endpoint.path.clone(),
        _ if e.trim().ends_with('*') => e.trim().to_string(),
        _ => crate::history::normalize_endpoint(e),
    });
    let class = args
        .class
        .as_deref()
        .map(str::parse::<AnswerClass>)
        .transpose()
        .map_err(|e| UsageError(format!("--class: {e}")))?;
    Ok(Filter {
        class,
        endpoint,
        search: args.search.clone().filter(|s| !s.is_empty()),
        environment: args.environment.clone(),
        failed_only: args.failed,
        not_replayed: args.not_replayed,
        user: args.user.clone().filter(|u| !u.is_empty()),
        replay_unknown: args.unknown,
        since: args.since.as_deref().map(|s| parse_since(s, now)).transpose()?,
        before: None,
        limit: (args.limit > 0).then_some(args.limit),
    })
}

/// An RFC 3339 time, or `N` + `m`/`h`/`d`/`w` back from `now`.
pub(crate) fn parse_since(s: &str, now: jiff::Timestamp) -> Result<jiff::Timestamp, UsageError> {
    parse_when("--since", s, now)
}

/// [`parse_since`] for the option `flag` (`--before` of `prune` reads times exactly as `--since` does).
pub(crate) fn parse_when(flag: &str, s: &str, now: jiff::Timestamp) -> Result<jiff::Timestamp, UsageError> {
    let s = s.trim();
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    // A bare date is the start of that day, UTC (the time zone history is stored in).
    if let Ok(d) = s.parse::<jiff::civil::Date>()
        && let Ok(z) = d.to_zoned(jiff::tz::TimeZone::UTC)
    {
        return Ok(z.timestamp());
    }
    let bad = || {
        UsageError(format!(
            "{flag} {s:?}: expected an RFC 3339 time, a date (2026-01-31) or a period such as 30m, 12h, 7d, 2w"
        ))
    };
    let split = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (n, unit) = s.split_at(split);
    let n: i64 = n.parse().map_err(|_| bad())?;
    let secs = match unit {
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(bad()),
    };
    let back = jiff::SignedDuration::from_secs(n.checked_mul(secs).ok_or_else(bad)?);
    now.checked_sub(back).map_err(|_| bad())
}

fn parse_id(s: &str) -> Result<i64, UsageError> {
    s.trim().trim_start_matches('#').parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        UsageError(format!("ID must be an exchange number such as 42 (as `brazen history` lists), not {s:?}"))
    })
}

fn load(store: &Store, id: &str, lang: Lang) -> anyhow::Result<(Exchange, Summary)> {
    let n = parse_id(id)?;
    let ex = store.get(n)?;
    let summary = store.summary(n)?;
    match (ex, summary) {
        (Some(ex), Some(s)) => Ok((ex, s)),
        _ => Err(UsageError(fill(HistoryText::get(lang).not_found, &[("id", &n), ("count", &store.count()?)])).into()),
    }
}

fn export(store: &Store, id: &str, as_: ExportAs, lang: Lang) -> anyhow::Result<i32> {
    let (ex, _) = load(store, id, lang)?;
    match as_ {
        ExportAs::Curl => {
            // On standard error, so the command on standard output stays runnable as it is.
            for note in crate::curl::export_notes(&ex, lang) {
                eoutln!("brazen: {note}");
            }
            // A control character in the command is shown, not kept: this is for a terminal as much as a file.
            // Neither export has colour of its own, so all of it is made visible (an outside `ESC[31m` too).
            outln!("{}", visible(&crate::curl::export_curl(&ex)))
        }
        ExportAs::Markdown => out!("{}", visible(&crate::curl::export_markdown(&ex, lang))),
        // JSON escapes every control character itself; `print_json` also redacts the configured key's forms.
        ExportAs::Bundle => {
            let text = crate::curl::bundle::export_bundle(&ex, jiff::Timestamp::now(), lang)?;
            super::print::print_json_text(&format!("{}\n", super::secrets::redact(&text)));
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn since_accepts_times_and_periods() {
        let now: jiff::Timestamp = "2025-03-01T12:00:00Z".parse().unwrap();
        assert_eq!(parse_since("2025-01-01T00:00:00Z", now).unwrap().to_string(), "2025-01-01T00:00:00Z");
        assert_eq!(parse_since("30m", now).unwrap().to_string(), "2025-03-01T11:30:00Z");
        assert_eq!(parse_since("2025-02-01", now).unwrap().to_string(), "2025-02-01T00:00:00Z");
        assert_eq!(parse_since("7d", now).unwrap().to_string(), "2025-02-22T12:00:00Z");
        assert!(parse_since("7y", now).unwrap_err().0.contains("30m, 12h, 7d, 2w"));
        assert!(parse_since("soon", now).is_err());
    }

    #[test]
    fn filter_resolves_aliases_and_checks_the_class() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        let args = ListArgs { endpoint: Some("/send/id/create".into()), limit: 0, ..ListArgs::default() };
        let f = filter(&args, now).unwrap();
        assert_eq!(f.endpoint.as_deref(), Some("/sends/id/create"));
        assert_eq!(f.limit, None);
        let args = ListArgs { endpoint: Some("users/".into()), class: Some("5xx".into()), ..ListArgs::default() };
        let f = filter(&args, now).unwrap();
        assert_eq!(
            (f.endpoint.as_deref(), f.class),
            (Some("/users"), Some(AnswerClass::Status(crate::classify::Class::C5xx)))
        );
        let args = ListArgs { endpoint: Some("/users/*".into()), ..ListArgs::default() };
        assert_eq!(filter(&args, now).unwrap().endpoint.as_deref(), Some("/users/*"));
        let bad = ListArgs { class: Some("500".into()), ..ListArgs::default() };
        assert!(filter(&bad, now).unwrap_err().0.starts_with("--class: unknown class"));
        assert!(parse_id("#12").is_ok() && parse_id("x").is_err() && parse_id("0").is_err());
    }
}
