//! `brazen send ENDPOINT [FILE|-] [--env NAME | --url BASE_URL] [--retries N] [--format text|json] [--force]
//! [--now RFC3339] [--timeout SECS] [--query NAME=VALUE]... [--header "Name: value"]... [--no-history]`:
//! validate, send (with retries), explain, record. The sending and recording are [`crate::service`]'s; this file
//! reads the flags, validates, and prints.
//!
//! `brazen send --request FILE [--env NAME] [--var NAME=VALUE]...`: a saved request, its variables resolved
//! (collection < environment < `--var`; the environment is `--env`, else the file's `# @environment`). The
//! history records the saved request's name, and each secret variable's value as `{{name}}`.
//!
//! GET endpoints take no body: their query string comes from `?…` in ENDPOINT, from FILE as a JSON object of
//! parameters, and from `--query NAME=VALUE`, in that order.

use serde::Serialize;

use super::Global;
use super::interrupt::{Stop, cancel_on_signals};
use super::output::{Format, Paint, UsageError, read_input};
use super::print::{eout, eoutln, out, outln, print_json};
use super::target::{self, TargetArgs};
use crate::client::{PreparedRequest, SendPlan, Sent};
use crate::config::{Config, Environment};
use crate::history::Store;
use crate::i18n::Lang;
use crate::service;
use crate::text::visible;
use crate::validate::{self, Report, Severity};

#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// Endpoint path (`/messages/send`), or "METHOD /path"; a GET may carry `?name=value` (not with --request).
    #[arg(required_unless_present = "request")]
    pub endpoint: Option<String>,
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
    /// A saved request file (endpoint, query, headers and body) instead of ENDPOINT and FILE.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["endpoint", "file", "query"])]
    pub request: Option<String>,
    /// A variable for the request's `{{NAME}}`, over the collection's and the environment's; repeat for several.
    #[arg(long = "var", value_name = "NAME=VALUE", requires = "request")]
    pub vars: Vec<String>,
}

/// What a send from a saved request adds to the record: its name (its secrets travel with the request).
struct Saved {
    name: String,
}

pub fn run(args: SendArgs, global: Global) -> anyhow::Result<i32> {
    let (cfg, env, prepared, saved) = match &args.request {
        Some(path) => {
            let cfg = target::load_config()?;
            let opened = super::saved::open(path, cfg.max_input_bytes.value)?;
            // The file's environment unless --env or --url says where to send.
            let mut t = args.target.clone();
            if t.url.is_none() {
                t.env = t.env.or(opened.file.environment.clone());
            }
            let env = target::environment_named(&cfg, t.env.as_deref(), t.url.as_deref())?;
            let root = cfg.requests_dir(None).value;
            let loaded = super::saved::resolve(opened, Some(&env), &args.vars, cfg.max_input_bytes.value, Some(&root))?;
            let prepared = prepare_saved(&args, &env, &loaded, global.lang)?;
            let saved = Saved { name: loaded.name };
            (cfg, env, prepared, Some(saved))
        }
        None => {
            let (cfg, env) = target::load_environment(&args.target)?;
            let prepared = prepare(&args, &cfg, &env, global.lang)?;
            (cfg, env, prepared, None)
        }
    };
    let Some((report, req)) = prepared else {
        return Ok(4);
    };
    // The credential the endpoint takes (the key, or a SCIM token and origin) before anything starts.
    service::check_request(&env, &req)?;
    let plan = SendPlan::for_request(&req, args.retries);
    let store = target::open_history(&cfg, args.no_history);
    let (sent, history_id, stop) =
        execute(&args, &cfg, &env, &req, &plan, store.as_ref(), saved.as_ref(), global.lang)?;
    say_interrupted(&sent, stop);
    match args.format {
        Format::Json => print_json(&super::sent::json(&sent, history_id, Some(&report), &plan, global.lang))?,
        Format::Text => out!("{}", super::sent::text_result(&sent, history_id, &req, global.lang, Paint::stdout())),
    }
    Ok(target::exit_code(&sent, stop))
}

/// Validates the request and builds it; `None` when validation predicts a fatal error (said on standard output,
/// nothing sent). Diagnostics go to standard error in text mode.
fn prepare(
    args: &SendArgs,
    cfg: &Config,
    env: &Environment,
    lang: Lang,
) -> anyhow::Result<Option<(Report, PreparedRequest)>> {
    let now = match &args.now {
        Some(s) => target::parse_time("--now", s)?,
        None => jiff::Timestamp::now(),
    };
    let endpoint = args.endpoint.as_deref().unwrap_or_default();
    let text = match &args.file {
        Some(path) => read_input(path, cfg.max_input_bytes.value).map_err(|e| UsageError(format!("{e:#}")))?,
        None => String::new(),
    };
    let endpoint = super::endpoint::normalize(endpoint);
    let resolved = crate::catalog::endpoints().resolve(&endpoint);
    let is_get = resolved.as_ref().is_some_and(|r| r.endpoint.method == "GET");
    if resolved.is_none() && args.file.is_none() && !args.force {
        return Err(UsageError(super::endpoint::unknown_sentence(&endpoint, lang)).into());
    }
    // A GET has no body, nor has a DELETE of one named thing (`DELETE /catalogs/{catalog_name}`): no FILE needed.
    let takes_body = resolved.as_ref().is_none_or(|r| r.endpoint.takes_body());
    if args.file.is_none() && !is_get && takes_body {
        return Err(UsageError(format!("{endpoint} needs a request body: give FILE, or - for standard input")).into());
    }
    // A GET's FILE holds query parameters, not a body: nothing for the body rules to check.
    // A GET is checked with every source of its query: `?…` in ENDPOINT, FILE's members and `--query`.
    let validated = if is_get {
        super::endpoint::with_pairs(&endpoint, &super::endpoint::parse_pairs(&args.query)?)
    } else {
        endpoint.clone()
    };
    let mut report = validate::check(&validated, &text, &validate::Context::new(now, env.tz()).with_lang(lang));
    // A body may hold the key (pasted in by mistake): the diagnostics that quote it must not.
    crate::scrub::report(&mut report, &env.secrets());
    let label = args.file.as_deref().map(|f| if f == "-" { "<stdin>" } else { f }).unwrap_or("<query>");
    if !report.ok && !args.force {
        print_refusal(&report, label, args.format, false)?;
        return Ok(None);
    }
    if args.format == Format::Text {
        eout!("{}", diagnostics_text(&report, label, Severity::Hint, false));
    }
    let mut req =
        if args.force { PreparedRequest::new_or_raw(&endpoint, &text) } else { PreparedRequest::new(&endpoint, &text) }
            .map_err(|e| UsageError(e.to_string()))?;
    req = req.with_query(&super::endpoint::parse_pairs(&args.query)?);
    finish_request(args, req, report).map(Some)
}

/// The `--header`s added, and the alias hint said in JSON mode.
fn finish_request(
    args: &SendArgs,
    mut req: PreparedRequest,
    report: Report,
) -> anyhow::Result<(Report, PreparedRequest)> {
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
    Ok((report, req))
}

/// [`prepare`] for a saved request: the resolved file validated (diagnostics at their place in FILE) and built, its
/// header lines added.
fn prepare_saved(
    args: &SendArgs,
    env: &Environment,
    loaded: &super::saved::Loaded,
    lang: Lang,
) -> anyhow::Result<Option<(Report, PreparedRequest)>> {
    let now = match &args.now {
        Some(s) => target::parse_time("--now", s)?,
        None => jiff::Timestamp::now(),
    };
    let ctx = validate::Context::new(now, env.tz()).with_lang(lang);
    let mut report = validate::check_file(&loaded.opened.text, &loaded.resolved, &ctx);
    let mut secrets = env.secrets();
    secrets.extend(&crate::scrub::Secrets::of(loaded.resolved.secrets.iter().map(|(_, v)| v.as_str())));
    crate::scrub::report(&mut report, &secrets);
    let label = if loaded.opened.path == "-" { "<stdin>" } else { loaded.opened.path.as_str() };
    if !report.ok && !args.force {
        print_refusal(&report, label, args.format, true)?;
        return Ok(None);
    }
    if args.format == Format::Text {
        eout!("{}", diagnostics_text(&report, label, Severity::Hint, true));
    }
    let file = &loaded.resolved.request;
    let endpoint = format!("{} {}", file.method, file.path_and_query());
    let mut req = if args.force {
        PreparedRequest::new_or_raw(&endpoint, &file.body)
    } else {
        PreparedRequest::new(&endpoint, &file.body)
    }
    .map_err(|e| UsageError(format!("{label}: {e}")))?;
    for (name, value) in &file.headers {
        req = req.with_header(name, value).map_err(|e| UsageError(format!("{label}: {e}")))?;
    }
    req.secrets = crate::request::vars::Concealed(loaded.resolved.secrets.clone());
    finish_request(args, req, report).map(Some)
}

/// Opens the target, sends with progress on standard error, records; the signal that stopped it, if one did. A
/// saved request's secrets are concealed in the record before it is shown or recorded.
#[allow(clippy::too_many_arguments)]
fn execute(
    args: &SendArgs,
    cfg: &Config,
    env: &Environment,
    req: &PreparedRequest,
    plan: &SendPlan,
    store: Option<&Store>,
    saved: Option<&Saved>,
    lang: Lang,
) -> anyhow::Result<(Sent, Option<i64>, Option<Stop>)> {
    service::runtime()?.block_on(async {
        let opened = service::open(env).await?;
        let sender = service::sender(cfg, env, args.target.timeout)?;
        let stop = cancel_on_signals();
        let mut sent = service::send(&sender, &opened.target, req, plan, &stop.token, &target::reporter(lang)).await;
        if let Some(saved) = saved {
            sent.exchange.saved_request = Some(saved.name.clone());
        }
        let history_id = match store {
            // The exit code stays the answer's: recording is bookkeeping, and a failure must never make a script
            // send again.
            Some(store) => match service::record(store, &mut sent.exchange) {
                Ok(stored) => Some(stored.id),
                Err(e) => {
                    target::warn_not_recorded(&sent.exchange, &e.to_string());
                    None
                }
            },
            // The history could not be opened: the send went ahead, and the same warning as a failed append says
            // so after it. `--no-history` asked for this: nothing to warn about.
            None if !args.no_history => {
                target::warn_not_recorded(&sent.exchange, "the history could not be opened (see above)");
                None
            }
            None => None,
        };
        anyhow::Ok((sent, history_id, stop.signal()))
    })
}

/// Says which signal stopped the send (the card only says it was cancelled).
fn say_interrupted(sent: &Sent, stop: Option<Stop>) {
    if let Some(stop) = stop.filter(|_| sent.cancelled) {
        eoutln!("brazen: interrupted by {}; the exchange is recorded as cancelled", stop.name());
    }
}

/// Diagnostics as `FILE:LINE:COL: severity id (status name): sentence`, those at `min` or worse; the sentences
/// quote the input, so they are made visible. With `whole_file` (a request file), the path line's and the headers'
/// diagnostics have their line and column too.
pub(super) fn diagnostics_text(r: &Report, label: &str, min: Severity, whole_file: bool) -> String {
    let mut out = String::new();
    for d in r.diagnostics.iter().filter(|d| d.severity <= min) {
        let row = match (d.status, &d.name) {
            (Some(s), Some(n)) => format!(" ({s} {n})"),
            _ => String::new(),
        };
        let at = if whole_file {
            format!("{label}:{}:{}", d.line, d.column)
        } else {
            crate::validate::Area::position(d, label)
        };
        out.push_str(&format!("{at}: {} {}{row}: {}\n", d.severity.as_str(), d.error, visible(&d.message)));
    }
    out
}

/// Validation predicted a fatal error: say so and that nothing was sent.
fn print_refusal(r: &Report, label: &str, format: Format, whole_file: bool) -> anyhow::Result<()> {
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
            out!("{}", diagnostics_text(r, label, Severity::Hint, whole_file));
            outln!(
                "nothing sent: Braze would reject this request ({} fatal); --force sends it anyway",
                r.fatal().count()
            );
        }
    }
    Ok(())
}
