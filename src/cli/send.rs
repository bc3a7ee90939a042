//! `brazen send ENDPOINT [FILE|-] [--env NAME | --url BASE_URL] [--retries N] [--format text|json] [--force]
//! [--now RFC3339] [--timeout SECS] [--query NAME=VALUE]... [--header "Name: value"]... [--no-history]`:
//! validate, send (with retries), explain, record. Also the pieces `replay` and `batch` share.
//!
//! GET endpoints take no body: their query string comes from `?…` in ENDPOINT, from FILE as a JSON object of
//! parameters, and from `--query NAME=VALUE`, in that order.

use std::io::IsTerminal as _;

use anyhow::Context as _;
use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;

use super::Global;
use super::interrupt::{Stop, cancel_on_signals};
use super::output::{Format, Paint, UsageError, field, read_input, text_width};
use super::print::{eout, eoutln, out, outln, print_json};
use crate::client::{self, ClientSettings, Opened, PreparedRequest, Progress, SendPlan, Sender, Sent};
use crate::config::{Config, Environment, SANDBOX};
use crate::exchange::Exchange;
use crate::history::Store;
use crate::i18n::Lang;
use crate::text::visible;
use crate::validate::{self, Report, Severity};

#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// Endpoint path (`/messages/send`), or "METHOD /path"; a GET may carry `?name=value`.
    pub endpoint: String,
    /// Request body, or - for standard input. For a GET: optional JSON object of query parameters.
    pub file: Option<String>,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Retry up to N times (at most 10). Also allows retrying messaging endpoints after a 5XX or a broken
    /// connection, which brazen does not do by default (the message may already have gone out).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::retry::MAX_RETRIES)))]
    pub retries: Option<u32>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Send even when validation predicts a fatal error.
    #[arg(long)]
    pub force: bool,
    /// "Now" for validation (`in_local_time` checks), RFC 3339; default: the system clock.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// A query parameter for a GET endpoint; repeat for several.
    #[arg(long = "query", short = 'q', value_name = "NAME=VALUE")]
    pub query: Vec<String>,
    /// An extra request header, e.g. -H "X-Brazen-Fault: 503" for the sandbox; repeat for several.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Do not record the exchange in the history.
    #[arg(long)]
    pub no_history: bool,
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

pub fn run(args: SendArgs, global: Global) -> anyhow::Result<i32> {
    let (cfg, env) = load_environment(&args.target)?;
    let now = match &args.now {
        Some(s) => parse_time("--now", s)?,
        None => jiff::Timestamp::now(),
    };
    let text = match &args.file {
        Some(path) => read_input(path, cfg.max_input_bytes.value).map_err(|e| UsageError(format!("{e:#}")))?,
        None => String::new(),
    };
    let endpoint = super::endpoint::normalize(&args.endpoint);
    let resolved = crate::catalog::endpoints().resolve(&endpoint);
    let is_get = resolved.as_ref().is_some_and(|r| r.endpoint.method == "GET");
    if resolved.is_none() && args.file.is_none() && !args.force {
        return Err(UsageError(super::endpoint::unknown_sentence(&endpoint, global.lang)).into());
    }
    if args.file.is_none() && !is_get {
        return Err(UsageError(format!("{endpoint} needs a request body: give FILE, or - for standard input")).into());
    }
    // A GET's FILE holds query parameters, not a body: nothing for the body rules to check.
    // A GET is checked with every source of its query: `?…` in ENDPOINT, FILE's members and `--query`.
    let validated = if is_get {
        super::endpoint::with_pairs(&endpoint, &super::endpoint::parse_pairs(&args.query)?)
    } else {
        endpoint.clone()
    };
    let mut report = validate::check(&validated, &text, &validate::Context::new(now, env.tz()).with_lang(global.lang));
    super::endpoint::improve_report(&mut report, &endpoint, global.lang);
    // A body may hold the key (pasted in by mistake): the diagnostics that quote it must not.
    crate::scrub::report(&mut report, &env.secrets());
    let label = args.file.as_deref().map(|f| if f == "-" { "<stdin>" } else { f }).unwrap_or("<query>");
    if !report.ok && !args.force {
        print_refusal(&report, label, args.format)?;
        return Ok(4);
    }
    if args.format == Format::Text {
        eout!("{}", diagnostics_text(&report, label, Severity::Hint));
    }
    let mut req =
        if args.force { PreparedRequest::new_or_raw(&endpoint, &text) } else { PreparedRequest::new(&endpoint, &text) }
            .map_err(|e| UsageError(e.to_string()))?;
    req = req.with_query(&super::endpoint::parse_pairs(&args.query)?);
    for h in &args.headers {
        let (name, value) =
            h.split_once(':').ok_or_else(|| UsageError(format!("--header {h:?}: expected \"Name: value\"")))?;
        req = req.with_header(name, value).map_err(|e| UsageError(e.to_string()))?;
    }
    // In text mode the validator's `endpoint_alias` hint has said it already.
    if let Some(hint) = &req.hint
        && args.format != Format::Text
    {
        eoutln!("brazen: {hint}");
    }
    let plan = SendPlan::for_request(&req, args.retries).in_lang(global.lang);
    let store = open_history(&cfg, args.no_history);

    let rt = runtime()?;
    let (sent, history_id, stop) = rt.block_on(async {
        let opened = open_target(&env).await?;
        let sender = sender_for(&cfg, &env, args.target.timeout)?;
        let stop = cancel_on_signals();
        let (tx, printer) = progress_printer(global.lang);
        let mut sent = sender.send(&opened.target, &req, &plan, Some(&tx), &stop.token).await;
        drop(tx);
        let _ = printer.await;
        let history_id = match &store {
            Some(store) => record(store, &mut sent.exchange),
            // The history could not be opened: the send went ahead, and the same warning as a failed append says
            // so after it. `--no-history` asked for this: nothing to warn about.
            None if !args.no_history => {
                warn_not_recorded(&sent.exchange, "the history could not be opened (see above)");
                None
            }
            None => None,
        };
        anyhow::Ok((sent, history_id, stop.signal()))
    })?;
    say_interrupted(&sent, stop);

    match args.format {
        Format::Json => print_json(&json(&sent, history_id, Some(&report), &plan, global.lang))?,
        Format::Text => out!("{}", text_result(&sent, history_id, &req, global.lang, Paint::stdout())),
    }
    Ok(exit_code(&sent, stop))
}

// ---- shared with replay and batch ----

/// The configuration and the environment `--env` / `--url` name. Errors are usage errors (exit 2).
pub(super) fn load_environment(t: &TargetArgs) -> anyhow::Result<(Config, Environment)> {
    let cfg = super::secrets::load_config().map_err(|e| UsageError(e.to_string()))?;
    let env = environment_named(&cfg, t.env.as_deref(), t.url.as_deref())?;
    Ok((cfg, env))
}

pub(super) fn environment_named(cfg: &Config, env: Option<&str>, url: Option<&str>) -> anyhow::Result<Environment> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(u) = url {
        // A password typed into the URL is hidden from every output from now on, errors about the URL included.
        super::secrets::hide(&crate::scrub::url_secrets(u));
    }
    if let Some(u) = url
        && !u.contains("://")
    {
        return Err(
            UsageError(format!("--url {u:?} has no scheme: write http://{u} (a local mock) or https://{u}")).into()
        );
    }
    let env = match url {
        Some(u) => cfg.ad_hoc(u, &var),
        None => cfg.environment(env).cloned(),
    }
    .map_err(|e| UsageError(e.to_string()))?;
    super::secrets::hide(&env.secrets());
    if let Some(k) = &env.key
        && k.value.looks_mangled()
    {
        eoutln!("brazen: warning: the key for {} has quotes or spaces around it; Braze answers 401 to that", env.name);
    }
    Ok(env)
}

/// A client for `env` with its timeouts (`--timeout` overrides the total one).
pub(super) fn sender_for(cfg: &Config, env: &Environment, timeout: Option<f64>) -> anyhow::Result<Sender> {
    let mut settings = ClientSettings::for_environment(env, cfg.max_body_bytes.value);
    if let Some(t) = timeout {
        if !(t.is_finite() && t > 0.0 && t <= 86_400.0) {
            return Err(UsageError(format!("--timeout {t}: a number of seconds, more than 0 and at most 86400")).into());
        }
        settings.timeout = Some(std::time::Duration::from_secs_f64(t));
    }
    Ok(Sender::new(settings)?)
}

/// Opens `env` (starting the in-process mock for the sandbox); a missing key is a usage error.
pub(super) async fn open_target(env: &Environment) -> anyhow::Result<Opened> {
    client::open(env).await.map_err(|e| match e {
        client::TargetError::MissingKey(m) => UsageError(m).into(),
        other => anyhow::Error::from(other),
    })
}

/// The history store, or `None` (with a warning) when it cannot be opened: the send still happens.
pub(super) fn open_history(cfg: &Config, skip: bool) -> Option<Store> {
    if skip {
        return None;
    }
    match Store::open(&cfg.paths.history_db) {
        Ok(s) => Some(s),
        Err(e) => {
            eoutln!("brazen: WARNING: the history cannot be opened, so what is sent now will NOT be recorded: {e}");
            None
        }
    }
}

/// Appends the exchange; its id on success, the loud warning of [`warn_not_recorded`] otherwise. The caller's exit
/// code stays the answer's: recording is bookkeeping, and a failure must never make a script send again.
pub(super) fn record(store: &Store, ex: &mut Exchange) -> Option<i64> {
    match store.append(ex) {
        Ok(id) => {
            ex.id = Some(id);
            Some(id)
        }
        Err(e) => {
            warn_not_recorded(ex, &e.to_string());
            None
        }
    }
}

/// Says on standard error, so that it cannot be missed, that `ex` went out (or was tried) but is not in the
/// history, and that this is no reason to send it again.
pub(super) fn warn_not_recorded(ex: &Exchange, why: &str) {
    eout!("{}", not_recorded_warning(ex, why));
}

fn not_recorded_warning(ex: &Exchange, why: &str) -> String {
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

pub(super) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().context("cannot start the async runtime")
}

/// Says which signal stopped the send (the card only says it was cancelled).
fn say_interrupted(sent: &Sent, stop: Option<Stop>) {
    if let Some(stop) = stop.filter(|_| sent.cancelled) {
        eoutln!("brazen: interrupted by {}; the exchange is recorded as cancelled", stop.name());
    }
}

/// Tells standard error about waits between attempts (which can last up to a minute). Call inside the runtime.
pub(super) fn progress_printer(lang: Lang) -> (UnboundedSender<Progress>, tokio::task::JoinHandle<()>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        while let Some(p) = rx.recv().await {
            if let Progress::Waiting { next_attempt, after, why, .. } = p {
                let secs = crate::classify::seconds_text(lang, after.as_secs_f64());
                match lang {
                    Lang::En => eoutln!("brazen: attempt {next_attempt} in {secs} ({})", visible(&why)),
                    Lang::Ko => eoutln!("brazen: {secs} 후 {next_attempt}번째 시도 ({})", visible(&why)),
                }
            }
        }
    });
    (tx, task)
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

/// Diagnostics as `FILE:LINE:COL: severity id (status name): sentence`, those at `min` or worse; the sentences
/// quote the input, so they are made visible.
pub(super) fn diagnostics_text(r: &Report, label: &str, min: Severity) -> String {
    let mut out = String::new();
    for d in r.diagnostics.iter().filter(|d| d.severity <= min) {
        let row = match (d.status, &d.name) {
            (Some(s), Some(n)) => format!(" ({s} {n})"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{label}:{}:{}: {} {}{row}: {}\n",
            d.line,
            d.column,
            d.severity.as_str(),
            d.error,
            visible(&d.message)
        ));
    }
    out
}

/// Validation predicted a fatal error: say so and that nothing was sent.
fn print_refusal(r: &Report, label: &str, format: Format) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Refused<'a> {
                sent: bool,
                validation: &'a Report,
            }
            print_json(&Refused { sent: false, validation: r })?;
        }
        Format::Text => {
            out!("{}", diagnostics_text(r, label, Severity::Hint));
            outln!(
                "nothing sent: Braze would reject this request ({} fatal); --force sends it anyway",
                r.fatal().count()
            );
        }
    }
    Ok(())
}

// ---- output ----

#[derive(Serialize)]
pub(super) struct AttemptJson {
    number: u32,
    status: Option<u16>,
    waited_ms: u64,
    total_ms: f64,
    first_byte_ms: Option<f64>,
    connect_ms: Option<f64>,
    failure: Option<&'static str>,
    failure_detail: Option<String>,
}

pub(super) fn attempts_json(ex: &Exchange) -> Vec<AttemptJson> {
    ex.attempts
        .iter()
        .map(|a| AttemptJson {
            number: a.number,
            status: a.response.as_ref().map(|r| r.status),
            waited_ms: a.waited_ms,
            total_ms: round2(a.timings.total_ms),
            first_byte_ms: a.timings.first_byte_ms.map(round2),
            connect_ms: a.timings.connect_ms.map(round2),
            failure: a.failure.as_ref().map(|f| client::kind_name(f.kind)),
            failure_detail: a.failure.as_ref().map(|f| f.detail.clone()),
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Serialize)]
struct NetworkJson {
    kind: &'static str,
    title: &'static str,
    detail: String,
    advice: &'static str,
}

/// The explain object's fields for an exchange that got no HTTP answer: every key an answer has, so a script
/// reading `dispatch_id` or `rate_limit` finds null rather than no key at all.
#[derive(Serialize)]
struct NoAnswer {
    status: Option<u16>,
    class: Option<&'static str>,
    outcome: &'static str,
    error: Option<String>,
    name: Option<String>,
    message: Option<String>,
    minor_errors: Vec<String>,
    send_id: Option<String>,
    dispatch_id: Option<String>,
    schedule_id: Option<String>,
    accepted: bool,
    retry: crate::retry::RetryAdvice,
    rate_limit: Option<crate::classify::RateLimitInfo>,
    shape: Option<String>,
    body_kind: Option<crate::classify::BodyKind>,
    notice: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Head<'a> {
    Answer(&'a crate::classify::Outcome),
    NoAnswer(Box<NoAnswer>),
}

#[derive(Serialize)]
struct SendJson<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    explanation: String,
    history_id: Option<i64>,
    /// Whether the exchange is in the history: false with `--no-history` and when recording failed (the exit code
    /// is still the answer's).
    recorded: bool,
    environment: &'a str,
    method: &'a str,
    endpoint: &'a str,
    url: &'a str,
    attempts: Vec<AttemptJson>,
    /// Set when no HTTP answer came back.
    network_error: Option<NetworkJson>,
    /// Why brazen stopped retrying.
    stopped: Option<&'a str>,
    /// A sentence when a failure was not retried because the endpoint is not idempotent.
    not_retried: Option<String>,
    cancelled: bool,
    validation: Option<&'a Report>,
    /// The last response's body: the JSON value when it parses, else the text; null without a response.
    body: serde_json::Value,
    /// The body was cut at the configured cap (`max_body_bytes`); `body` holds only its start.
    body_truncated: bool,
}

fn json<'a>(
    sent: &'a Sent,
    history_id: Option<i64>,
    report: Option<&'a Report>,
    plan: &SendPlan,
    lang: Lang,
) -> SendJson<'a> {
    let ex = &sent.exchange;
    let (head, explanation, network_error) = match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => (Head::Answer(o), crate::classify::explanation(o, lang), None),
        (None, f) => {
            let kind = f.map_or(crate::exchange::NetworkErrorKind::Other, |f| f.kind);
            let retry = match kind {
                crate::exchange::NetworkErrorKind::Tls | crate::exchange::NetworkErrorKind::InvalidHttp => {
                    crate::retry::RetryAdvice::FixRequest
                }
                crate::exchange::NetworkErrorKind::Cancelled => crate::retry::RetryAdvice::None,
                _ => crate::retry::RetryAdvice::Backoff {
                    schedule_seconds: plan.policy.nominal_schedule().iter().map(|d| d.as_secs_f64()).collect(),
                },
            };
            let head = NoAnswer {
                status: None,
                class: None,
                outcome: "fatal",
                error: None,
                name: None,
                message: None,
                minor_errors: Vec::new(),
                send_id: None,
                dispatch_id: None,
                schedule_id: None,
                accepted: false,
                retry,
                rate_limit: None,
                shape: None,
                body_kind: None,
                notice: None,
            };
            let net = NetworkJson {
                kind: client::kind_name(kind),
                title: client::title(kind, lang),
                detail: f.map(|f| f.detail.clone()).unwrap_or_default(),
                advice: client::advice(kind, lang),
            };
            (Head::NoAnswer(Box::new(head)), format!("{}. {}", net.title, net.advice), Some(net))
        }
    };
    SendJson {
        head,
        explanation,
        history_id,
        recorded: history_id.is_some(),
        environment: &ex.environment,
        method: &ex.request.method,
        endpoint: &ex.request.endpoint,
        url: &ex.request.url,
        attempts: attempts_json(ex),
        network_error,
        stopped: sent.stopped.as_deref(),
        not_retried: sent.held_back.then(|| not_retried_sentence(&ex.request.endpoint, lang)),
        cancelled: sent.cancelled,
        validation: report,
        body: ex.final_response().map_or(serde_json::Value::Null, |r| body_value(&r.body)),
        body_truncated: ex.final_response().is_some_and(|r| r.truncated),
    }
}

/// A response body as JSON output carries it: the parsed value, else the text as a string.
fn body_value(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| serde_json::Value::String(body.to_string()))
}

/// Top-level keys of a JSON answer that the explanation card already shows.
const SHOWN_KEYS: &[&str] = &["message", "errors", "send_id", "dispatch_id", "schedule_id"];

/// Lines and bytes of a non-JSON (or cut) body shown in text mode: an HTML error page or a megabyte of log can be
/// long; JSON output and `history show` have all of it.
const TEXT_BODY_LINES: usize = 20;
const TEXT_BODY_BYTES: usize = 4096;

/// The response body for the text result, or `None` when the card already says everything in it: shown for a
/// GET (its body is the data asked for), for JSON with keys the card does not show (`users`, `campaigns`, …),
/// and for a non-JSON body (its start). Pretty-printed whole when it is JSON; a body that is not (or that the
/// client cut at `max_body_bytes`) is capped at [`TEXT_BODY_LINES`] lines and [`TEXT_BODY_BYTES`] bytes.
fn body_for_text(
    method: &str,
    resp: &crate::exchange::ResponseRecord,
    history_id: Option<i64>,
    lang: Lang,
) -> Option<String> {
    if resp.body.trim().is_empty() {
        return None;
    }
    match serde_json::from_str::<serde_json::Value>(&resp.body) {
        Ok(v) if !resp.truncated => {
            let all_shown = v.as_object().is_some_and(|o| o.keys().all(|k| SHOWN_KEYS.contains(&k.as_str())));
            if method != "GET" && all_shown {
                return None;
            }
            serde_json::to_string_pretty(&v).ok()
        }
        _ => Some(capped_body(&resp.body, history_id, lang)),
    }
}

/// The start of `body`: at most [`TEXT_BODY_LINES`] lines and [`TEXT_BODY_BYTES`] bytes (cut on a character
/// boundary), then a line saying how much was left out and where to read it whole.
fn capped_body(body: &str, history_id: Option<i64>, lang: Lang) -> String {
    let by_lines = body.match_indices('\n').nth(TEXT_BODY_LINES - 1).map_or(body.len(), |(i, _)| i);
    let mut cut = by_lines.min(TEXT_BODY_BYTES);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let shown = body[..cut].trim_end_matches(['\n', '\r']);
    let rest = &body[cut..];
    let rest_body = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
    if rest_body.trim().is_empty() {
        return shown.to_string();
    }
    let (bytes, lines) = (rest_body.len(), rest_body.lines().count());
    let show = match history_id {
        Some(id) => format!("`--format json` or `brazen history show {id}`"),
        None => "`--format json`".to_string(),
    };
    let note = match lang {
        Lang::En => format!(
            "… {bytes} more bytes ({lines} more line{}) not shown; {show} has all of it",
            if lines == 1 { "" } else { "s" }
        ),
        Lang::Ko => format!("… {bytes}바이트({lines}줄)를 더 보여 주지 않았습니다. {show}로 전부 볼 수 있습니다"),
    };
    format!("{shown}\n{note}")
}

/// Whether `endpoint` (a catalog path) sends or schedules messages, as opposed to writing data.
fn sends_messages(endpoint: &str) -> bool {
    crate::catalog::endpoints()
        .endpoints
        .iter()
        .find(|e| e.path == endpoint)
        .is_some_and(|e| matches!(e.group.as_str(), "Messaging" | "Schedules") || e.path.starts_with("/transactional/"))
}

/// Why a failure on a non-idempotent endpoint was not retried.
pub(super) fn not_retried_sentence(endpoint: &str, lang: Lang) -> String {
    if !sends_messages(endpoint) {
        return match lang {
            Lang::En => format!(
                "Not retried: {endpoint} is not idempotent, and a 5XX or a broken connection can come after Braze \
                 already applied the write, so a retry could apply it twice (an event or a purchase counted twice). \
                 Check first, or pass --retries N to retry anyway."
            ),
            Lang::Ko => format!(
                "재시도하지 않았습니다: {endpoint}는 멱등하지 않으며, 5XX나 끊긴 연결은 Braze가 이미 쓰기를 반영한 뒤에 올 수 \
                 있어 재시도하면 두 번 반영될 수 있습니다(이벤트나 구매가 두 번 집계됨). 먼저 확인하거나, 그래도 \
                 재시도하려면 --retries N을 주세요."
            ),
        };
    }
    match lang {
        Lang::En => format!(
            "Not retried: {endpoint} is not idempotent, and a 5XX or a broken connection can come after the message \
             was already delivered, so a retry could send it twice. Check first, or pass --retries N to retry anyway."
        ),
        Lang::Ko => format!(
            "재시도하지 않았습니다: {endpoint}는 멱등하지 않으며, 5XX나 끊긴 연결은 메시지가 이미 전달된 뒤에 올 수 \
             있어 재시도하면 두 번 보낼 수 있습니다. 먼저 확인하거나, 그래도 재시도하려면 --retries N을 주세요."
        ),
    }
}

/// The text result: the explanation card (or the network failure), the attempts, notes, and where it was recorded.
pub(super) fn text_result(sent: &Sent, history_id: Option<i64>, req: &PreparedRequest, lang: Lang, p: Paint) -> String {
    let ex = &sent.exchange;
    let cols = text_width();
    let ko = lang == Lang::Ko;
    // Label column: the card's (its widest label is "minor errors" / "경미한 오류"), or the network block's
    // (detail, advice, note, stopped, cancelled).
    let lc = match (ex.outcome.is_some(), ko) {
        (true, false) => 12,
        (true, true) => 11,
        (false, false) => 9,
        (false, true) => 4,
    };
    let mut out = match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => super::explain::card(o, lang, p, cols),
        (None, f) => {
            let kind = f.map_or(crate::exchange::NetworkErrorKind::Other, |f| f.kind);
            let mut s = format!(
                "{} {}\n",
                p.bold(&p.red(client::title(kind, lang))),
                p.dim(if ko { "(HTTP 응답 없음)" } else { "(no HTTP answer)" })
            );
            if let Some(f) = f {
                s.push_str(&field(if ko { "상세" } else { "detail" }, lc, &f.detail, cols));
            }
            s.push_str(&field(if ko { "조치" } else { "advice" }, lc, client::advice(kind, lang), cols));
            s
        }
    };
    if sent.held_back {
        out.push_str(&field(if ko { "참고" } else { "note" }, lc, &not_retried_sentence(&req.endpoint, lang), cols));
    } else if let Some(why) = &sent.stopped
        && ex.attempts.len() > 1
    {
        out.push_str(&field(if ko { "중단" } else { "stopped" }, lc, why, cols));
    }
    if sent.cancelled {
        out.push_str(&field(
            if ko { "취소" } else { "cancelled" },
            lc,
            if ko { "사용자가 취소했습니다" } else { "by the user" },
            cols,
        ));
    }
    if let Some(resp) = ex.final_response()
        && let Some(body) = body_for_text(&ex.request.method, resp, history_id, lang)
    {
        let title = match (resp.truncated, ko) {
            (false, false) => "body".to_string(),
            (false, true) => "본문".to_string(),
            (true, false) => {
                format!("body (the first {} of {} bytes: max_body_bytes)", resp.body.len(), resp.body_bytes)
            }
            (true, true) => {
                format!("본문 ({} 바이트 중 앞 {} 바이트: max_body_bytes)", resp.body_bytes, resp.body.len())
            }
        };
        out.push_str(&format!("{}\n", p.bold(&title)));
        // Bodies keep their own line breaks and indentation: no wrapping.
        for line in body.lines() {
            out.push_str(&format!("  {}\n", visible(line)));
        }
    }
    out.push_str(&format!("{}\n", p.bold(if ko { "시도" } else { "attempts" })));
    for a in &ex.attempts {
        let result = match (&a.response, &a.failure) {
            (Some(r), _) => p.status(r.status, false, &r.status.to_string()),
            (None, Some(f)) => p.red(client::kind_name(f.kind)),
            (None, None) => "?".to_string(),
        };
        let waited = if a.waited_ms > 0 {
            let secs = crate::classify::seconds_text(lang, a.waited_ms as f64 / 1000.0);
            if ko { format!("{secs} 대기 후 ") } else { format!("after {secs}, ") }
        } else {
            String::new()
        };
        let truncated = match &a.response {
            Some(r) if r.truncated => {
                if ko {
                    format!(" (본문 {} 바이트 중 앞부분만 보관)", r.body_bytes)
                } else {
                    format!(" (body of {} bytes kept truncated)", r.body_bytes)
                }
            }
            _ => String::new(),
        };
        out.push_str(&format!("  #{}  {waited}{result}  {:.1} ms{truncated}\n", a.number, a.timings.total_ms));
    }
    let recorded = match history_id {
        Some(id) => format!("#{id}"),
        None => if ko { "기록 안 함" } else { "not recorded" }.to_string(),
    };
    let env = if ex.environment == SANDBOX {
        if ko { "sandbox (내장 모의 서버)".to_string() } else { "sandbox (built-in mock)".to_string() }
    } else {
        ex.environment.clone()
    };
    let request = visible(&format!("{env} · {} {}", ex.request.method, ex.request.url)).into_owned();
    out.push_str(&p.dim(&format!("{recorded} · {request}\n")));
    out
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
    fn exit_codes_follow_the_contract() {
        assert_eq!(code_for_status(Some(201)), 0);
        assert_eq!(code_for_status(Some(400)), 4);
        assert_eq!(code_for_status(Some(429)), 4);
        assert_eq!(code_for_status(Some(302)), 4);
        assert_eq!(code_for_status(Some(503)), 5);
        assert_eq!(code_for_status(None), 5);
    }

    fn cancelled(lang: Lang) -> String {
        use crate::exchange::NetworkErrorKind;
        use crate::history::fixtures::{self, Answer};
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut exchange =
            fixtures::exchange("POST", "/users/track", "{}", Answer::Network(NetworkErrorKind::Cancelled), now);
        for a in &mut exchange.attempts {
            a.timings = crate::exchange::Timings { total_ms: 2500.0, ..Default::default() };
            if let Some(f) = a.failure.as_mut() {
                f.detail = "cancelled by the user".into();
            }
        }
        let sent = Sent { exchange, stopped: None, held_back: false, cancelled: true };
        text_result(&sent, None, &PreparedRequest::raw("POST /users/track", "{}"), lang, Paint { on: false })
    }

    #[test]
    fn a_cancelled_send_keeps_its_labels_in_one_column() {
        for lang in [Lang::En, Lang::Ko] {
            let text = cancelled(lang);
            // Every labelled line: two spaces, the label, padding; the values start in one column.
            let starts: Vec<usize> = text
                .lines()
                .filter(|l| l.starts_with("  ") && !l.starts_with("  #") && !l.starts_with("   "))
                .map(|l| {
                    let label_end = 2 + l[2..].find(' ').unwrap();
                    let value = label_end + l[label_end..].find(|c: char| c != ' ').unwrap();
                    super::super::output::width(&l[..value])
                })
                .collect();
            assert!(starts.len() >= 3, "{text}");
            assert!(starts.windows(2).all(|w| w[0] == w[1]), "{lang:?}: {starts:?}\n{text}");
            assert!(text.contains("2500.0 ms"), "{text}");
        }
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
        assert_eq!(record(&store, &mut ex), None);
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
    fn the_not_retried_note_fits_the_endpoint_and_the_timeout_advice_names_the_flag() {
        let data = not_retried_sentence("/users/track", Lang::En);
        assert!(data.contains("applied the write") && !data.contains("delivered"), "{data}");
        assert!(not_retried_sentence("/messages/send", Lang::En).contains("already delivered"));
        let advice = client::advice(crate::exchange::NetworkErrorKind::ReadTimeout, Lang::En);
        assert!(advice.contains("--timeout") && advice.contains("timeout_secs in config.toml"), "{advice}");
    }

    #[test]
    fn a_long_text_body_is_capped_by_lines_and_bytes() {
        let resp = |body: String, truncated: bool| crate::exchange::ResponseRecord {
            status: 502,
            headers: Vec::new(),
            body_bytes: body.len() as u64 * if truncated { 3 } else { 1 },
            body,
            truncated,
        };
        // One 10 MB line: at most 4 KiB of it.
        let big = "x".repeat(10 * 1024 * 1024);
        let text = body_for_text("POST", &resp(big.clone(), false), Some(7), Lang::En).unwrap();
        assert!(text.len() < TEXT_BODY_BYTES + 200, "{} bytes", text.len());
        assert!(text.contains(&format!("{} more bytes", big.len() - TEXT_BODY_BYTES)), "{}", &text[4000..]);
        assert!(text.ends_with("`--format json` or `brazen history show 7` has all of it"), "{}", &text[4000..]);
        // Many short lines: 20 of them.
        let lines = (1..=50).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n");
        let text = body_for_text("GET", &resp(lines, false), None, Lang::En).unwrap();
        assert!(text.contains("line 20\n…") && !text.contains("line 21"), "{text}");
        assert!(text.contains("(30 more lines)") && !text.contains("history show"), "{text}");
        // Multi-byte text is cut on a character boundary.
        let text = body_for_text("GET", &resp("가".repeat(5000), false), None, Lang::Ko).unwrap();
        assert!(text.starts_with("가") && text.contains("바이트"), "{}", &text[..30]);
        // Short: whole, no note.
        assert_eq!(
            body_for_text("GET", &resp("<html>oops</html>".into(), false), None, Lang::En).unwrap(),
            "<html>oops</html>"
        );
        // JSON is the data asked for: whole; a JSON body the client cut is capped like text.
        let json = serde_json::json!({"users": (0..2000).map(|i| format!("u{i}")).collect::<Vec<_>>()}).to_string();
        assert!(body_for_text("GET", &resp(json.clone(), false), None, Lang::En).unwrap().contains("\"u1999\""));
        let cut = &json[..json.len() / 2];
        let text = body_for_text("GET", &resp(cut.to_string(), true), None, Lang::En).unwrap();
        assert!(text.len() < TEXT_BODY_BYTES + 200 && text.contains("not shown"), "{} bytes", text.len());
    }
}
