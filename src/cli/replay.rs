//! `brazen replay [--class C] [--endpoint P] [--since WHEN] [--failed] [--limit N] [--yes] [--dry-run]
//! [--env NAME | --url BASE_URL] [--retries N] [--format text|json]`: re-sends failed exchanges from the history,
//! oldest first, and marks each original as replayed by its new exchange.
//!
//! By default it picks what can succeed unchanged: 5XX, 429 and network failures. `--class 4XX` picks every 4XX
//! instead (a 401 or 403 after the key or its permissions were fixed). Each exchange goes back to the environment
//! it was sent to (the key read afresh from the configuration), unless `--env` / `--url` says otherwise.

use std::collections::HashMap;

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, UsageError, pad};
use super::print::{eout, eoutln, out, outln, print_json};
use super::send::{self, TargetArgs};
use crate::answer::AnswerClass;
use crate::classify::Class;
use crate::client::{Opened, PreparedRequest, SendPlan, Sender};
use crate::config::Config;
use crate::exchange::REDACTED_KEY;
use crate::history::{Filter, Summary};
use crate::i18n::Lang;
use crate::text::visible;

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// Only this class: 5XX, 4XX (every 4XX, not only 429) or network.
    #[arg(long, value_name = "CLASS")]
    pub class: Option<String>,
    /// Only this endpoint (and the paths under it).
    #[arg(long, value_name = "PATH")]
    pub endpoint: Option<String>,
    /// Only exchanges at or after this time: RFC 3339, a date, or a period back from now (`30m`, `12h`, `7d`).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only failures worth re-sending unchanged: 5XX, 429, network (the default unless --class 4XX).
    #[arg(long)]
    pub failed: bool,
    /// At most N exchanges (the oldest).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// List what would be sent, send nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Retry each up to N times, at most 10 (also allows retrying messaging endpoints after a 5XX).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::retry::MAX_RETRIES)))]
    pub retries: Option<u32>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Serialize)]
struct Replayed {
    original: i64,
    replay_id: Option<i64>,
    /// Whether the new exchange is in the history (false when recording failed).
    recorded: bool,
    environment: String,
    method: String,
    endpoint: String,
    status: Option<u16>,
    class: Option<&'static str>,
    outcome: Option<&'static str>,
    error: Option<String>,
    /// The error table row's name (`Internal Server Error`), as the dry-run list shows it.
    name: Option<String>,
    network: Option<&'static str>,
    attempts: usize,
    /// Recorded headers not sent again: the sandbox's `x-brazen-fault`, and credential headers whose value the
    /// history never stored (`x-api-key`).
    dropped_headers: Vec<String>,
}

/// The sandbox's fault-injection header: re-sending it would make the replay fail the same way again.
const FAULT_HEADER: &str = "x-brazen-fault";

/// The recorded request without the headers a replay must not repeat; the names of those it left out: the fault
/// header, and every header whose recorded value holds [`REDACTED_KEY`] (a credential the history never stores,
/// such as `X-Api-Key`: sending the placeholder would fail the way a wrong key does).
fn replayable(mut req: PreparedRequest) -> (PreparedRequest, Vec<String>) {
    let mut dropped = Vec::new();
    req.extra_headers.retain(|(k, v)| {
        let keep = !k.eq_ignore_ascii_case(FAULT_HEADER) && !v.contains(REDACTED_KEY);
        if !keep && !dropped.iter().any(|d: &String| d.eq_ignore_ascii_case(k)) {
            dropped.push(k.to_ascii_lowercase());
        }
        keep
    });
    (req, dropped)
}

/// What the run says about the headers it left out, once each: the fault header, then the redacted ones (named
/// together). Shared by the dry run and the real run so both say the same.
fn dropped_notes<'a>(dropped: impl IntoIterator<Item = &'a String>, lang: Lang) -> Vec<String> {
    let mut fault = false;
    let mut redacted: Vec<&str> = Vec::new();
    for name in dropped {
        if name.eq_ignore_ascii_case(FAULT_HEADER) {
            fault = true;
        } else if !redacted.contains(&name.as_str()) {
            redacted.push(name);
        }
    }
    let mut notes = Vec::new();
    if fault {
        notes.push(
            match lang {
                Lang::En => "note: X-Brazen-Fault (the sandbox's fault-injection test header) is not re-sent",
                Lang::Ko => "참고: X-Brazen-Fault(sandbox의 오류 주입용 시험 헤더)는 다시 보내지 않습니다",
            }
            .to_string(),
        );
    }
    if !redacted.is_empty() {
        let names = redacted.join(", ");
        let flags = redacted.iter().map(|n| format!("-H '{n}: VALUE'")).collect::<Vec<_>>().join(" ");
        notes.push(match lang {
            Lang::En => format!(
                "note: {names} is not re-sent: its value is a credential, which the history never stores (only \
                 Authorization is filled in again, from the environment's key). replay cannot add headers: send it \
                 again with `brazen send ENDPOINT FILE {flags}`"
            ),
            Lang::Ko => format!(
                "참고: {names}는 다시 보내지 않습니다: 값이 자격 증명이라 기록에 저장되지 않았습니다(Authorization만 \
                 환경의 키로 다시 채웁니다). replay는 헤더를 더할 수 없으니 `brazen send ENDPOINT FILE {flags}`로 \
                 다시 보내세요"
            ),
        });
    }
    notes
}

/// A dry-run row: the history's summary plus the headers the replay would leave out.
#[derive(Serialize)]
struct Planned<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    dropped_headers: Vec<String>,
}

pub fn run(args: ReplayArgs, global: Global) -> anyhow::Result<i32> {
    let cfg = super::secrets::load_config().map_err(|e| UsageError(e.to_string()))?;
    let store = send::open_history(&cfg, false)
        .ok_or_else(|| UsageError(format!("cannot open the history at {}", cfg.paths.history_db.display())))?;
    let class = match &args.class {
        Some(c) => Some(c.parse::<AnswerClass>().map_err(|e| UsageError(e.to_string()))?),
        None => None,
    };
    let lang = global.lang;
    let ko = lang == Lang::Ko;
    if class == Some(AnswerClass::Status(Class::C2xx)) {
        return Err(UsageError(
            if ko {
                "2XX 교환은 성공했으므로 다시 보낼 것이 없습니다"
            } else {
                "2XX exchanges succeeded: there is nothing to replay"
            }
            .into(),
        )
        .into());
    }
    let since = args.since.as_deref().map(|s| super::history::parse_since(s, jiff::Timestamp::now())).transpose()?;
    let filter = Filter {
        failed_only: args.failed || class != Some(AnswerClass::Status(Class::C4xx)),
        not_replayed: true,
        class,
        endpoint: args.endpoint.clone(),
        since,
        ..Filter::default()
    };
    let mut picked: Vec<Summary> = store.list(&filter)?;
    picked.sort_by_key(|s| s.id);
    if let Some(n) = args.limit {
        picked.truncate(n);
    }

    // What each replay would leave out, from the recorded request (the summary has no headers). An exchange kept
    // with its body cut is not replayable (sending the start of a body sends another request): it is left out
    // here, so the dry run, the confirmation and the run agree.
    let mut dropped = Vec::with_capacity(picked.len());
    let mut cut = Vec::new();
    for s in &picked {
        match store.get(s.id)? {
            Some(ex) if ex.request.body_truncated => cut.push(s.id),
            Some(ex) => dropped.push(replayable(PreparedRequest::from_record(&ex.request, None)).1),
            None => dropped.push(Vec::new()),
        }
    }
    picked.retain(|s| !cut.contains(&s.id));
    let planned: Vec<Planned> =
        picked.iter().zip(dropped).map(|(summary, dropped_headers)| Planned { summary, dropped_headers }).collect();
    let planned_notes = dropped_notes(planned.iter().flat_map(|p| &p.dropped_headers), lang);
    if !cut.is_empty() {
        // On standard error in every mode (dry run, confirmation, --yes, JSON): a skip is a warning.
        let ids = cut.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
        eoutln!(
            "brazen: {}",
            match lang {
                Lang::En => format!("{ids} kept with the body cut (max_body_bytes): skipped, send its file again"),
                Lang::Ko =>
                    format!("{ids}은(는) 본문이 잘린 채 기록되어(max_body_bytes) 건너뜁니다. 파일을 다시 보내세요"),
            }
        );
    }

    if args.dry_run || picked.is_empty() {
        match args.format {
            Format::Json => {
                print_json(&planned)?;
                for n in &planned_notes {
                    eoutln!("brazen: {}", visible(n));
                }
            }
            Format::Text if picked.is_empty() => {
                outln!("{}", if ko { "다시 보낼 교환이 없습니다" } else { "nothing to replay" })
            }
            Format::Text => {
                out!("{}", table(&picked, Paint::stdout()));
                for n in &planned_notes {
                    outln!("{}", visible(n));
                }
                outln!("{}", if ko { "시험 실행: 아무것도 보내지 않았습니다" } else { "dry run: nothing sent" });
            }
        }
        return Ok(0);
    }

    // Every environment is resolved, its key found, before anything is sent: a missing key half-way would leave
    // some exchanges re-sent and the rest not, with no summary of either.
    let mut envs: HashMap<String, crate::config::Environment> = HashMap::new();
    for s in &picked {
        if let std::collections::hash_map::Entry::Vacant(slot) = envs.entry(target_key(&args.target, &s.environment)) {
            let env = environment_for(&cfg, &args.target, &s.environment)?;
            if env.key.is_none() {
                let why = env.missing_key.clone().unwrap_or_else(|| format!("no API key for {}", env.name));
                return Err(UsageError(format!("cannot re-send #{} to {}: {why}; nothing sent", s.id, env.name)).into());
            }
            slot.insert(env);
        }
    }

    if !args.yes {
        eout!("{}", table(&picked, Paint { on: false }));
        for n in &planned_notes {
            eoutln!("{}", visible(n));
        }
        let unsafe_count = picked
            .iter()
            .filter(|s| {
                !crate::catalog::endpoints()
                    .resolve(&format!("{} {}", s.method, s.endpoint))
                    .is_some_and(|r| r.endpoint.idempotent)
            })
            .count();
        if unsafe_count > 0 {
            eoutln!(
                "{}",
                if ko {
                    format!(
                        "주의: 이 중 {unsafe_count}건은 멱등하지 않은 요청입니다. 5XX나 끊긴 연결 뒤에도 이미 전달되었을 수 있어 \
                         두 번 전달될 수 있습니다."
                    )
                } else {
                    format!(
                        "warning: {unsafe_count} of these are not idempotent: after a 5XX or a broken connection they \
                         may already have been delivered, and re-sending can deliver them twice."
                    )
                }
            );
        }
        let question = if ko {
            format!("{}건을 다시 보낼까요?", picked.len())
        } else {
            format!("Re-send {} exchange(s)?", picked.len())
        };
        if !send::confirm(&question)? {
            if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                return Err(UsageError(
                    if ko {
                        "replay는 확인이 필요한데 표준 입력이 터미널이 아닙니다: --yes를 주세요"
                    } else {
                        "replay needs confirmation and standard input is not a terminal: pass --yes"
                    }
                    .into(),
                )
                .into());
            }
            eoutln!("{}", if ko { "취소했습니다" } else { "nothing sent" });
            return Ok(0);
        }
    }

    let rt = send::runtime()?;
    let (results, stop) = rt.block_on(async {
        let stop = super::interrupt::cancel_on_signals();
        let cancel = &stop.token;
        let mut open: HashMap<String, (Sender, Opened, Option<String>)> = HashMap::new();
        let mut results = Vec::new();
        for s in &picked {
            if cancel.is_cancelled() {
                break;
            }
            let Some(original) = store.get(s.id)? else {
                eoutln!("brazen: #{} vanished from the history; skipped", s.id);
                continue;
            };
            // Only the start of its body was kept: left out when planning, and never sent.
            if original.request.body_truncated {
                continue;
            }
            let env_key = target_key(&args.target, &original.environment);
            if !open.contains_key(&env_key) {
                let Some(env) = envs.get(&env_key) else { continue };
                let opened = send::open_target(env).await?;
                let sender = send::sender_for(&cfg, env, args.target.timeout)?;
                // The original environment's base URL, to cut the path out of the recorded URL.
                let base =
                    cfg.environment(Some(&original.environment)).ok().and_then(|e| e.url.clone()).map(|u| u.value);
                open.insert(env_key.clone(), (sender, opened, base));
            }
            let Some((sender, opened, base)) = open.get(&env_key) else { continue };
            let (req, dropped_headers) = replayable(PreparedRequest::from_record(&original.request, base.as_deref()));
            let plan = SendPlan::for_request(&req, args.retries).in_lang(global.lang);
            let (tx, printer) = send::progress_printer(lang);
            let mut sent = sender.send(&opened.target, &req, &plan, Some(&tx), cancel).await;
            drop(tx);
            let _ = printer.await;
            sent.exchange.replay_of = Some(s.id);
            let new_id = send::record(&store, &mut sent.exchange);
            if let Some(n) = new_id
                && let Err(e) = store.mark_replayed(s.id, n)
            {
                eoutln!("brazen: warning: could not mark #{} as replayed: {e}", s.id);
            }
            let ex = &sent.exchange;
            results.push(Replayed {
                original: s.id,
                replay_id: new_id,
                recorded: new_id.is_some(),
                environment: ex.environment.clone(),
                method: ex.request.method.clone(),
                endpoint: ex.request.endpoint.clone(),
                status: ex.status(),
                class: ex.outcome.as_ref().and_then(|o| o.class.name()),
                outcome: ex.outcome.as_ref().map(|o| o.outcome.as_str()),
                error: ex.outcome.as_ref().and_then(|o| o.error.clone()),
                name: ex.outcome.as_ref().and_then(|o| o.name.clone()),
                network: ex.final_failure().map(|f| crate::client::kind_name(f.kind)),
                attempts: ex.attempts.len(),
                dropped_headers,
            });
            if sent.cancelled {
                break;
            }
        }
        anyhow::Ok((results, stop.signal()))
    })?;

    let notes = dropped_notes(results.iter().flat_map(|r| &r.dropped_headers), lang);
    match args.format {
        Format::Json => {
            print_json(&results)?;
            for n in &notes {
                eoutln!("brazen: {}", visible(n));
            }
        }
        Format::Text => {
            let p = Paint::stdout();
            for r in &results {
                let result = match (r.status, r.network) {
                    (Some(st), _) => format!(
                        "{} {}",
                        p.status(st, false, &st.to_string()),
                        visible(r.name.as_deref().or(r.error.as_deref()).or(r.outcome).unwrap_or(""))
                    ),
                    (None, Some(n)) => p.red(n),
                    (None, None) => "?".into(),
                };
                let new = r.replay_id.map_or_else(|| "(not recorded)".to_string(), |n| format!("#{n}"));
                let what = visible(&format!("{} {}  {}", r.method, r.endpoint, r.environment)).into_owned();
                outln!("#{} → {new}  {what}  {result}", r.original);
            }
            for n in &notes {
                outln!("{}", visible(n));
            }
            let skipped = picked.len() - results.len();
            outln!(
                "{}",
                if ko {
                    format!(
                        "{}건 다시 보냄{}",
                        results.len(),
                        if skipped > 0 { format!(", {skipped}건 보내지 않음") } else { String::new() }
                    )
                } else {
                    format!(
                        "{} re-sent{}",
                        results.len(),
                        if skipped > 0 { format!(", {skipped} not sent") } else { String::new() }
                    )
                }
            );
        }
    }
    if let Some(stop) = stop {
        // Interrupted: the signal's code, not the worst exchange's (a cancelled one has no status, which would read
        // as 5, "no answer"). Fewer results than picked exchanges alone is no sign: one may have vanished.
        eoutln!("brazen: interrupted by {}", stop.name());
        return Ok(stop.exit_code());
    }
    Ok(results.iter().map(|r| send::code_for_status(r.status)).max().unwrap_or(0))
}

/// What identifies where an exchange goes: `--url`, `--env`, else the environment it was recorded under.
fn target_key(t: &TargetArgs, recorded: &str) -> String {
    t.url.clone().or(t.env.clone()).unwrap_or_else(|| recorded.to_string())
}

/// The environment to re-send to: `--env` / `--url`, else the recorded one (an ad-hoc `--url` environment is
/// recorded under its URL).
fn environment_for(cfg: &Config, t: &TargetArgs, recorded: &str) -> anyhow::Result<crate::config::Environment> {
    if t.env.is_some() || t.url.is_some() {
        return send::environment_named(cfg, t.env.as_deref(), t.url.as_deref());
    }
    match cfg.environment(Some(recorded)) {
        Ok(e) => Ok(e.clone()),
        Err(_) if recorded.starts_with("http://") || recorded.starts_with("https://") => {
            send::environment_named(cfg, None, Some(recorded))
        }
        Err(e) => Err(UsageError(format!("{e}; pass --env or --url to choose where to re-send")).into()),
    }
}

/// One line per exchange; what was recorded is made visible (and measured as shown).
fn table(rows: &[Summary], p: Paint) -> String {
    let mut out = String::new();
    let request = |r: &Summary| visible(&format!("{} {}", r.method, r.endpoint)).into_owned();
    let ep_w = rows.iter().map(|r| super::output::width(&request(r))).max().unwrap_or(10);
    for r in rows {
        let result = match (r.status, &r.network) {
            (Some(s), _) => format!(
                "{} {}",
                p.status(s, false, &s.to_string()),
                visible(r.name.as_deref().or(r.error.as_deref()).unwrap_or(""))
            ),
            (None, Some(n)) => p.red(crate::classify::network::kind_name(*n)),
            (None, None) => "?".into(),
        };
        let time = r.time.strftime("%Y-%m-%d %H:%M:%S").to_string();
        out.push_str(&format!(
            "#{:<6} {time}  {}  {}  {result}\n",
            r.id,
            pad(&request(r), ep_w),
            visible(&r.environment)
        ));
    }
    out
}
