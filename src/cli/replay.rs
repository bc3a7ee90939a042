//! `brazen replay [--class C] [--endpoint P] [--since WHEN] [--failed] [--limit N] [--yes] [--dry-run]
//! [--env NAME | --url BASE_URL] [--retries N] [--format text|json] [--verbose]`: re-sends failed exchanges from the
//! history, oldest first, and marks each original as replayed by its new exchange. On a terminal a progress bar
//! shows the run ([`super::progress`]); a row per exchange (`--verbose`, or when standard output is not a terminal)
//! and a summary end it.
//!
//! By default it picks what can succeed unchanged: 5XX, 429 and network failures. `--class 4XX` picks every 4XX
//! instead (a 401 or 403 after the key or its permissions were fixed). Each exchange goes back to the environment
//! it was sent to (the key read afresh from the configuration), unless `--env` / `--url` says otherwise.

use std::io::IsTerminal as _;

use anyhow::Context as _;
use serde::Serialize;

use super::Global;
use super::interrupt::Stop;
use super::output::{Format, Paint, UsageError, pad};
use super::print::{eout, eoutln, out, outln, print_json};
use super::progress::{self, Meter, Tally};
use super::target::{self, TargetArgs};
use crate::answer::{AnswerClass, LastAnswer};
use crate::classify::{Class, OutcomeKind};
use crate::history::{Filter, Summary};
use crate::i18n::{Lang, Table as _, fill};
use crate::service::{self, FAULT_HEADER, Plan, Planned, Replay, ReplayRun, TargetChoice};
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
    /// A variable for the secret `{{NAME}}` a saved request's record holds, over the environment's; repeat for
    /// several.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// A row per exchange in text output even on a terminal, where the progress bar stands in for them.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

crate::table! {
    /// Words of `brazen replay`.
    pub struct ReplayText {
        fault_note: "note: X-Brazen-Fault (the sandbox's fault-injection test header) is not re-sent"
            / "참고: X-Brazen-Fault(sandbox의 오류 주입용 시험 헤더)는 다시 보내지 않습니다",
        redacted_note: "note: {names} is not re-sent: its value is a credential, which the history never stores (only \
                        Authorization is filled in again, from the environment's key). replay cannot add headers: \
                        send it again with `brazen send ENDPOINT FILE {flags}`"
            / "참고: {names}는 다시 보내지 않습니다: 값이 자격 증명이라 기록에 저장되지 않았습니다(Authorization만 \
               환경의 키로 다시 채웁니다). replay는 헤더를 더할 수 없으니 `brazen send ENDPOINT FILE {flags}`로 \
               다시 보내세요",
        cut: "{ids} kept with the body cut (max_body_bytes): skipped, send its file again"
            / "{ids}은(는) 본문이 잘린 채 기록되어(max_body_bytes) 건너뜁니다. 파일을 다시 보내세요",
        nothing_to_replay: "nothing to replay" / "다시 보낼 교환이 없습니다",
        dry_run: "dry run: nothing sent" / "시험 실행: 아무것도 보내지 않았습니다",
        not_idempotent: "warning: {n} of these are not idempotent: after a 5XX or a broken connection they may \
                         already have been delivered, and re-sending can deliver them twice."
            / "주의: 이 중 {n}건은 멱등하지 않은 요청입니다. 5XX나 끊긴 연결 뒤에도 이미 전달되었을 수 있어 두 번 \
               전달될 수 있습니다.",
        question: "Re-send {n} exchange(s)?" / "{n}건을 다시 보낼까요?",
        needs_yes: "replay needs confirmation and standard input is not a terminal: pass --yes"
            / "replay는 확인이 필요한데 표준 입력이 터미널이 아닙니다: --yes를 주세요",
        declined: "nothing sent" / "취소했습니다",
        succeeded: "2XX exchanges succeeded: there is nothing to replay" / "2XX 교환은 성공했으므로 다시 보낼 것이 없습니다",
        resent: "{n} re-sent" / "{n}건 다시 보냄",
        resent_some: "{n} re-sent, {skipped} not sent" / "{n}건 다시 보냄, {skipped}건 보내지 않음",
        not_recorded: "(not recorded)" / "(not recorded)",
    }
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
    /// The contract's row fields (`status` … `attempts`); `name` is the error table row's name (`Internal Server
    /// Error`), as the dry-run list shows it.
    #[serde(flatten)]
    answer: LastAnswer,
    /// Recorded headers not sent again: the sandbox's `x-brazen-fault`, and credential headers whose value the
    /// history never stored (`x-api-key`).
    dropped_headers: Vec<String>,
}

impl Replayed {
    fn of(r: &Replay) -> Replayed {
        let ex = &r.sent.exchange;
        Replayed {
            original: r.original,
            replay_id: r.replay_id,
            recorded: r.replay_id.is_some(),
            environment: ex.environment.clone(),
            method: ex.request.method.clone(),
            endpoint: ex.request.endpoint.clone(),
            answer: ex.last_answer(),
            dropped_headers: r.dropped_headers.clone(),
        }
    }
}

/// What the run says about the headers it left out, once each: the fault header, then the redacted ones (named
/// together). Shared by the dry run and the real run so both say the same.
fn dropped_notes<'a>(dropped: impl IntoIterator<Item = &'a String>, lang: Lang) -> Vec<String> {
    let t = ReplayText::get(lang);
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
        notes.push(t.fault_note.to_string());
    }
    if !redacted.is_empty() {
        let names = redacted.join(", ");
        let flags = redacted.iter().map(|n| format!("-H '{n}: VALUE'")).collect::<Vec<_>>().join(" ");
        notes.push(fill(t.redacted_note, &[("names", &names), ("flags", &flags)]));
    }
    notes
}

pub fn run(args: ReplayArgs, global: Global) -> anyhow::Result<i32> {
    let lang = global.lang;
    let cfg = target::load_config()?;
    let db = &cfg.paths.history_db;
    let store = service::open_history(&cfg).with_context(|| format!("cannot open the history at {}", db.display()))?;
    let clock = crate::system::SystemClock;
    // Claims of replays that died: released when their request never left, `unknown` when it may have (never
    // re-sent automatically: listed by `brazen history list --unknown` for a person to decide).
    let unknown = store.expire_claims(crate::clock::Clock::now(&clock))?;
    if !unknown.is_empty() {
        let ids = unknown.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
        eoutln!(
            "brazen: a replay of {ids} stopped while sending, so whether the server got it is unknown; not re-sent              (see `brazen history list --unknown`)"
        );
    }
    let filter = filter(&args, lang)?;
    let Plan { planned, cut } = service::plan(&store, &filter, args.limit)?;
    let notes = dropped_notes(planned.iter().flat_map(|p| &p.dropped_headers), lang);
    if !cut.is_empty() {
        // On standard error in every mode (dry run, confirmation, --yes, JSON): a skip is a warning.
        let ids = cut.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
        eoutln!("brazen: {}", fill(ReplayText::get(lang).cut, &[("ids", &ids)]));
    }
    if args.dry_run || planned.is_empty() {
        print_plan(&planned, &notes, args.format, lang)?;
        return Ok(0);
    }
    let choice = TargetChoice {
        env: args.target.env.clone(),
        url: args.target.url.clone(),
        timeout: args.target.timeout,
        vars: args
            .vars
            .iter()
            .map(|v| crate::request::vars::parse_flag(v))
            .collect::<Result<_, _>>()
            .map_err(|e| UsageError(e.to_string()))?,
    };
    target::hide_url(choice.url.as_deref());
    let secret_flags = choice.vars.iter().filter(|(n, _)| crate::request::vars::looks_secret(n));
    super::secrets::hide(&crate::scrub::Secrets::of(secret_flags.map(|(_, v)| v.as_str())));
    let envs = service::resolve_targets(&cfg, &choice, &planned, &target::var)?;
    if choice.env.is_some() || choice.url.is_some() {
        envs.values().for_each(target::adopt);
    }
    if !args.yes && !confirmed(&planned, &notes, lang)? {
        return Ok(0);
    }
    let run = ReplayRun {
        cfg: &cfg,
        store: &store,
        envs: &envs,
        choice: &choice,
        retries: args.retries,
        clock: &clock,
        sandbox_url: None,
    };
    let meter = Meter::for_run(planned.len(), args.format, None, lang);
    let ran = execute(&run, &planned, &meter);
    meter.finish();
    let (results, stop) = ran?;
    let with_rows = progress::rows_wanted(args.verbose, meter.shown(), std::io::stdout().is_terminal());
    let shown = Shown { rows: with_rows, elapsed: meter.elapsed() };
    print_results(&results, planned.len(), args.format, shown, lang)?;
    if let Some(stop) = stop {
        // Interrupted: the signal's code, not the worst exchange's (a cancelled one has no status, which would read
        // as 5, "no answer"). Fewer results than picked exchanges alone is no sign: one may have vanished.
        eoutln!("brazen: interrupted by {}", stop.name());
        return Ok(stop.exit_code());
    }
    Ok(results.iter().map(|r| target::code_for_status(r.sent.exchange.status())).max().unwrap_or(0))
}

/// The history filter the flags describe: by default what can succeed unchanged, not replayed yet.
fn filter(args: &ReplayArgs, lang: Lang) -> anyhow::Result<Filter> {
    let class = match &args.class {
        Some(c) => Some(c.parse::<AnswerClass>().map_err(|e| UsageError(e.to_string()))?),
        None => None,
    };
    if class == Some(AnswerClass::Status(Class::C2xx)) {
        return Err(UsageError(ReplayText::get(lang).succeeded.into()).into());
    }
    let since = args.since.as_deref().map(|s| super::history::parse_since(s, jiff::Timestamp::now())).transpose()?;
    Ok(Filter {
        failed_only: args.failed || class != Some(AnswerClass::Status(Class::C4xx)),
        not_replayed: true,
        class,
        endpoint: args.endpoint.clone(),
        since,
        ..Filter::default()
    })
}

/// The dry run (or an empty plan): what would be sent, and the headers it would leave out.
fn print_plan(planned: &[Planned], notes: &[String], format: Format, lang: Lang) -> anyhow::Result<()> {
    let t = ReplayText::get(lang);
    match format {
        Format::Json => {
            print_json(&planned)?;
            for n in notes {
                eoutln!("brazen: {}", visible(n));
            }
        }
        Format::Text if planned.is_empty() => outln!("{}", t.nothing_to_replay),
        Format::Text => {
            out!("{}", table(planned, Paint::stdout()));
            for n in notes {
                outln!("{}", visible(n));
            }
            outln!("{}", t.dry_run);
        }
    }
    Ok(())
}

/// Shows the plan on standard error and asks; `false` when the user declined. Without a terminal to ask on, a
/// usage error: `--yes` is the way to say it in a script.
fn confirmed(planned: &[Planned], notes: &[String], lang: Lang) -> anyhow::Result<bool> {
    let t = ReplayText::get(lang);
    eout!("{}", table(planned, Paint { on: false }));
    for n in notes {
        eoutln!("{}", visible(n));
    }
    let unsafe_count = planned.iter().filter(|p| p.unsafe_to_repeat).count();
    if unsafe_count > 0 {
        eoutln!("{}", fill(t.not_idempotent, &[("n", &unsafe_count)]));
    }
    if target::confirm(&fill(t.question, &[("n", &planned.len())]))? {
        return Ok(true);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(UsageError(t.needs_yes.into()).into());
    }
    eoutln!("{}", t.declined);
    Ok(false)
}

/// Runs the replay with progress on standard error (the bar or lines, as `meter` draws it); the signal that stopped
/// it, if one did.
fn execute(run: &ReplayRun<'_>, planned: &[Planned], meter: &Meter) -> anyhow::Result<(Vec<Replay>, Option<Stop>)> {
    service::runtime()?.block_on(async {
        let stop = super::interrupt::cancel_on_signals();
        let results = service::run_replay(run, planned, &stop.token, &|e| meter.on(e)).await?;
        anyhow::Ok((results, stop.signal()))
    })
}

/// What the text output shows besides the summary: a row per exchange or not, and how long the run took.
#[derive(Debug, Clone, Copy)]
struct Shown {
    rows: bool,
    elapsed: std::time::Duration,
}

fn print_results(results: &[Replay], planned: usize, format: Format, shown: Shown, lang: Lang) -> anyhow::Result<()> {
    let t = ReplayText::get(lang);
    let rows: Vec<Replayed> = results.iter().map(Replayed::of).collect();
    let notes = dropped_notes(rows.iter().flat_map(|r| &r.dropped_headers), lang);
    match format {
        Format::Json => {
            print_json(&rows)?;
            for n in &notes {
                eoutln!("brazen: {}", visible(n));
            }
        }
        Format::Text => {
            let p = Paint::stdout();
            for r in rows.iter().filter(|_| shown.rows) {
                let a = &r.answer;
                let result = match (a.status, a.network) {
                    (Some(st), _) => format!(
                        "{} {}",
                        p.status(st, false, &st.to_string()),
                        visible(
                            a.name
                                .as_deref()
                                .or(a.error.as_deref())
                                .or(a.outcome.map(OutcomeKind::as_str))
                                .unwrap_or("")
                        )
                    ),
                    (None, Some(n)) => p.red(crate::client::kind_name(n)),
                    (None, None) => "?".into(),
                };
                let new = r.replay_id.map_or_else(|| t.not_recorded.to_string(), |n| format!("#{n}"));
                let what = visible(&format!("{} {}  {}", r.method, r.endpoint, r.environment)).into_owned();
                outln!("#{} → {new}  {what}  {result}", r.original);
            }
            for n in &notes {
                outln!("{}", visible(n));
            }
            let (n, skipped) = (rows.len(), planned - rows.len());
            match skipped {
                0 => outln!("{}", fill(t.resent, &[("n", &n)])),
                _ => outln!("{}", fill(t.resent_some, &[("n", &n), ("skipped", &skipped)])),
            }
            if n > 0 {
                outln!("{}", Tally::of(rows.iter().map(|r| r.answer.status)).text(", ", lang));
                outln!("{}", progress::pace_text(n, shown.elapsed, lang));
            }
        }
    }
    Ok(())
}

/// One line per exchange; what was recorded is made visible (and measured as shown).
fn table(rows: &[Planned], p: Paint) -> String {
    let mut out = String::new();
    let request = |r: &Summary| visible(&format!("{} {}", r.method, r.endpoint)).into_owned();
    let ep_w = rows.iter().map(|p| super::output::width(&request(&p.summary))).max().unwrap_or(10);
    for r in rows.iter().map(|p| &p.summary) {
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_replay_table_is_complete() {
        assert!(crate::i18n::check::<super::ReplayText>().is_empty());
    }
}
