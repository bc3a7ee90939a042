//! What `send`, `replay` and `batch` share on the command line: the target flags, the environment they name (its
//! secrets hidden from every output), the warnings about the history, the progress lines on standard error, the
//! confirmation question and the exit codes. The work itself is [`crate::service`]'s.

use std::io::IsTerminal as _;

use anyhow::Context as _;

use super::interrupt::Stop;
use super::output::UsageError;
use super::print::{eout, eoutln};
use crate::client::{self, Progress, Sent};
use crate::config::{Config, Environment};
use crate::exchange::Exchange;
use crate::history::Store;
use crate::i18n::{Lang, Table as _, fill};
use crate::service::{self, Event};
use crate::text::visible;

crate::table! {
    /// Lines a send writes on standard error while it runs.
    pub struct RunText {
        attempt_in: "brazen: attempt {n} in {secs} ({why})" / "brazen: {secs} 후 {n}번째 시도 ({why})",
    }
}

/// Where to send: shared by `send`, `replay` and `batch`.
#[derive(Debug, Clone, clap::Args)]
pub struct TargetArgs {
    /// Environment: sandbox (the built-in mock), a Braze instance (US-01 … AU-01) or [environment.NAME] of the
    /// config file. Default: `default_environment`, else sandbox when no key is configured.
    #[arg(long, value_name = "NAME", conflicts_with = "url")]
    pub env: Option<String>,
    /// A REST base URL instead of an environment; the key comes from BRAZE_API_KEY.
    #[arg(long, value_name = "BASE_URL")]
    pub url: Option<String>,
    /// Timeout for each attempt in seconds, connect to last byte (default: the environment's, else 30).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
}

/// The configuration, every configured key hidden from output. A broken file is a local failure (exit 3).
pub(super) fn load_config() -> Result<Config, service::Error> {
    Ok(super::secrets::load_config()?)
}

/// The configuration and the environment `--env` / `--url` name.
pub(super) fn load_environment(t: &TargetArgs) -> anyhow::Result<(Config, Environment)> {
    let cfg = load_config()?;
    let env = environment_named(&cfg, t.env.as_deref(), t.url.as_deref())?;
    Ok((cfg, env))
}

/// The process environment's non-empty variables, where an ad-hoc `--url` environment finds its key.
pub(super) fn var(k: &str) -> Option<String> {
    std::env::var(k).ok().filter(|v| !v.is_empty())
}

/// Hides a password typed into a `--url` from every output from now on, errors about the URL included.
pub(super) fn hide_url(url: Option<&str>) {
    if let Some(u) = url {
        super::secrets::hide(&crate::scrub::url_secrets(u));
    }
}

/// Hides `env`'s secrets from every output and warns about a key that Braze would refuse as written.
pub(super) fn adopt(env: &Environment) {
    super::secrets::hide(&env.secrets());
    if let Some(k) = &env.key
        && k.value.looks_mangled()
    {
        eoutln!("brazen: warning: the key for {} has quotes or spaces around it; Braze answers 401 to that", env.name);
    }
    if let Some(t) = &env.scim.token
        && t.value.looks_mangled()
    {
        eoutln!(
            "brazen: warning: the SCIM token for {} has quotes or spaces around it; Braze answers 401 to that",
            env.name
        );
    }
}

pub(super) fn environment_named(cfg: &Config, env: Option<&str>, url: Option<&str>) -> anyhow::Result<Environment> {
    hide_url(url);
    let env = service::environment(cfg, env, url, &var)?;
    adopt(&env);
    Ok(env)
}

/// The history store, or `None` (with a warning) when it cannot be opened: the send still happens.
pub(super) fn open_history(cfg: &Config, skip: bool) -> Option<Store> {
    if skip {
        return None;
    }
    match service::open_history(cfg) {
        Ok(s) => Some(s),
        Err(e) => {
            eoutln!("brazen: WARNING: the history cannot be opened, so what is sent now will NOT be recorded: {e}");
            None
        }
    }
}

/// Says on standard error, so that it cannot be missed, that `ex` went out (or was tried) but is not in the
/// history, and that this is no reason to send it again.
pub(super) fn warn_not_recorded(ex: &Exchange, why: &str) {
    eout!("{}", not_recorded_warning(ex, why));
}

pub(super) fn not_recorded_warning(ex: &Exchange, why: &str) -> String {
    let what = match (ex.status(), ex.final_failure()) {
        (Some(status), _) => format!("{} {} WAS sent and answered {status}", ex.request.method, ex.request.url),
        (None, Some(f)) => format!(
            "{} {} was tried and got no answer ({}); it may still have reached Braze",
            ex.request.method,
            ex.request.url,
            client::kind_name(f.kind)
        ),
        (None, None) => format!("{} {} was not sent", ex.request.method, ex.request.url),
    };
    format!(
        "brazen: WARNING: {}, but it is NOT in the history: {why}\n\
         brazen: WARNING: do NOT send it again because of this; the result printed here is its only record\n",
        visible(&what)
    )
}

/// Prints what a run reports on standard error: waits between attempts (which can last up to a minute), batch
/// pauses, replays' skipped originals, and recording failures.
pub(super) fn reporter(lang: Lang) -> impl Fn(Event<'_>) + Sync {
    move |event| match event {
        Event::Progress(Progress::Waiting { next_attempt, after, why, .. }) => {
            let secs = crate::classify::seconds_text(lang, after.as_secs_f64());
            let why = visible(&why.sentence(lang)).into_owned();
            let line = [("n", &next_attempt as &dyn std::fmt::Display), ("secs", &secs), ("why", &why)];
            eoutln!("{}", fill(RunText::get(lang).attempt_in, &line));
        }
        Event::Progress(_) | Event::Done { .. } => {}
        Event::Pausing { line, wait } => eoutln!(
            "brazen: rate-limit window used up; waiting {} before line {line}",
            crate::classify::seconds_text(lang, wait.as_secs_f64())
        ),
        Event::Vanished { id } => eoutln!("brazen: #{id} vanished from the history; skipped"),
        Event::Taken { id } => eoutln!("brazen: #{id} is being or was replayed by another brazen; skipped"),
        Event::NotRecorded { exchange, error } => warn_not_recorded(exchange, &error.to_string()),
        Event::NotMarked { original, error } => {
            eoutln!("brazen: warning: could not mark #{original} as replayed: {error}")
        }
    }
}

/// 0 for 2XX, 5 for 5XX or no answer, 4 for the rest (4XX, and 1XX/3XX, which point at a wrong URL);
/// 129 / 130 / 143 when a SIGHUP / SIGINT / SIGTERM cancelled it.
pub(super) fn exit_code(sent: &Sent, stop: Option<Stop>) -> i32 {
    if sent.cancelled {
        // Only a signal cancels a CLI send; 130 if the signal went unrecorded, as before.
        return stop.map_or(Stop::Interrupt.exit_code(), Stop::exit_code);
    }
    code_for_status(sent.exchange.status())
}

/// 0 for 2XX; 5 for 5XX, no answer, or a status outside 100–599 (not Braze's answer, DESIGN §3.1); else 4.
pub(super) fn code_for_status(status: Option<u16>) -> i32 {
    match status {
        Some(200..=299) => 0,
        Some(500..) | Some(0..=99) | None => 5,
        Some(_) => 4,
    }
}

pub(super) fn parse_time(flag: &str, s: &str) -> Result<jiff::Timestamp, UsageError> {
    s.trim()
        .parse::<jiff::Timestamp>()
        .map_err(|e| UsageError(format!("{flag} {s:?} is not an RFC 3339 time such as 2025-03-01T12:00:00Z ({e})")))
}

/// Asks a yes/no question on standard error; `false` when standard input is not a terminal.
pub(super) fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eout!("{question} [y/N] ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("cannot read the answer")?;
    Ok(matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes" | "예" | "네"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_table_is_complete() {
        assert!(crate::i18n::check::<RunText>().is_empty());
    }

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(code_for_status(Some(201)), 0);
        assert_eq!(code_for_status(Some(400)), 4);
        assert_eq!(code_for_status(Some(429)), 4);
        assert_eq!(code_for_status(Some(302)), 4);
        assert_eq!(code_for_status(Some(503)), 5);
        assert_eq!(code_for_status(None), 5);
    }

    #[test]
    fn a_cancelled_send_exits_with_its_signals_code() {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let cancelled = crate::history::fixtures::Answer::Network(crate::exchange::NetworkErrorKind::Cancelled);
        let exchange = crate::history::fixtures::exchange("POST", "/users/track", "{}", cancelled, now);
        let sent = Sent { exchange, stopped: None, held_back: false, cancelled: true };
        assert_eq!(exit_code(&sent, Some(Stop::Terminate)), 143);
        assert_eq!(exit_code(&sent, Some(Stop::Hangup)), 129);
        assert_eq!(exit_code(&sent, Some(Stop::Interrupt)), 130);
        assert_eq!(exit_code(&sent, None), 130);
        // A signal after the answer came does not turn a finished send into an interrupted one.
        let done = Sent { cancelled: false, ..sent };
        assert_eq!(exit_code(&done, Some(Stop::Terminate)), 5);
    }

    #[test]
    fn a_failed_recording_keeps_no_id_and_says_not_to_resend() {
        use crate::history::fixtures::{self, Answer};
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite3");
        drop(Store::open(&path).unwrap());
        // A store that refuses every write, as a locked or read-only database does.
        let store = Store::open_read_only(&path).unwrap();
        let answer = Answer::Http { status: 201, body: "{}".into() };
        let mut ex = fixtures::exchange("POST", "/users/track", "{}", answer, now);
        assert!(service::record(&store, &mut ex).is_err());
        assert_eq!(ex.id, None);

        let text = not_recorded_warning(&ex, "database is locked");
        assert!(text.contains("WAS sent and answered 201") && text.contains("NOT in the history: database is locked"));
        assert!(text.contains("do NOT send it again"), "{text}");
        let timeout = Answer::Network(crate::exchange::NetworkErrorKind::ReadTimeout);
        let lost = fixtures::exchange("POST", "/users/track", "{}", timeout, now);
        let text = not_recorded_warning(&lost, "database is locked");
        assert!(text.contains("got no answer (read_timeout); it may still have reached Braze"), "{text}");
        assert!(text.contains("do NOT send it again"), "{text}");
    }
}
