//! `brazen batch ENDPOINT FILE.jsonl [--env NAME | --url BASE_URL] [--retries N] [--force] [--now RFC3339]
//! [--format text|json] [--no-history] [--verbose]`: one request body per line, each validated first (with its line
//! number), then sent one after another. When a response says the rate-limit window is used up
//! (`x-ratelimit-remaining: 0`) the next request waits for the reset instead of drawing a 429. On a terminal a
//! progress bar shows the run ([`super::progress`]); a row per line (`--verbose`, or when standard output is not a
//! terminal) and a summary end it; the exit code is the worst line's (0 / 4 / 5).

use std::io::IsTerminal as _;

use serde::Serialize;

use super::Global;
use super::interrupt::Stop;
use super::output::{Format, Paint, UsageError, pad, read_input};
use super::print::{eout, eoutln, out, outln, print_json};
use super::progress::{self, Meter};
use super::target::{self, TargetArgs};
use crate::answer::LastAnswer;
use crate::classify::OutcomeKind;
use crate::config::{Config, Environment};
use crate::exchange::Exchange;
use crate::i18n::{Lang, Table as _, fill};
use crate::service::{self, Checked, LineSent};
use crate::text::visible;
use crate::validate::{self, Diagnostic};

crate::table! {
    /// Words of `brazen batch`.
    pub struct BatchText {
        force_anyway: " (--force sends to it anyway)" / " (--force로 그래도 보냄)",
        no_lines: "{label} has no request lines" / "{label}에 요청 줄이 없습니다",
        rejected: "nothing sent: Braze would reject line(s) {list}; --force sends them anyway"
            / "아무것도 보내지 않았습니다: {list}번째 줄은 Braze가 거부할 요청입니다 (--force로 그래도 보냄)",
        head_line: "LINE" / "줄",
        head_status: "STATUS" / "상태",
        head_result: "RESULT" / "결과",
        head_tries: "TRIES" / "시도",
        head_history: "HISTORY" / "기록",
        not_sent: "not sent {n}" / "보내지 않음 {n}",
        sent: "{n} sent: {parts}" / "{n} 건 전송: {parts}",
    }
}

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Endpoint path (`/users/track`), or "METHOD /path".
    pub endpoint: String,
    /// JSON Lines: one request body per line (blank lines skipped), or - for standard input.
    pub file: String,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Retry each request up to N times, at most 10 (also allows retrying messaging endpoints after a 5XX).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::retry::MAX_RETRIES)))]
    pub retries: Option<u32>,
    /// Send lines even when validation predicts a fatal error.
    #[arg(long)]
    pub force: bool,
    /// "Now" for validation, RFC 3339.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Do not record the exchanges in the history.
    #[arg(long)]
    pub no_history: bool,
    /// A row per line in text output even on a terminal, where the progress bar stands in for them.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Serialize)]
struct LineResult {
    line: usize,
    /// The contract's row fields (`status` … `attempts`), from the one row view of an exchange.
    #[serde(flatten)]
    answer: LastAnswer,
    waited_ms: u64,
    history_id: Option<i64>,
    /// Whether the line's exchange is in the history (false with `--no-history` or when recording failed).
    recorded: bool,
}

#[derive(Debug, Default, Serialize)]
struct Counts {
    /// The 429s among the 4XX: said in text, not a JSON field (the contract's counts stay as they are).
    #[serde(skip)]
    rate_limited: usize,
    sent: usize,
    #[serde(rename = "2XX")]
    ok: usize,
    #[serde(rename = "4XX")]
    client: usize,
    #[serde(rename = "5XX")]
    server: usize,
    network: usize,
    other: usize,
    not_sent: usize,
}

pub fn run(args: BatchArgs, global: Global) -> anyhow::Result<i32> {
    let lang = global.lang;
    let (cfg, env) = target::load_environment(&args.target)?;
    let endpoint = super::endpoint::normalize(&args.endpoint);
    let text = read_lines(&args, &cfg, &endpoint, lang)?;
    let label = if args.file == "-" { "<stdin>" } else { args.file.as_str() };
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Err(UsageError(fill(BatchText::get(lang).no_lines, &[("label", &label)])).into());
    }
    // Validate everything before sending anything.
    let now = match &args.now {
        Some(s) => target::parse_time("--now", s)?,
        None => jiff::Timestamp::now(),
    };
    let ctx = validate::Context::new(now, env.tz()).with_lang(lang);
    let checked = service::check_lines(&endpoint, &lines, &ctx, &env.secrets(), args.force, label)?;
    let diagnostics = diagnostics_text(&checked.found, label);
    if !checked.fatal_lines.is_empty() && !args.force {
        print_refusal(&checked, &endpoint, &diagnostics, args.format, lang)?;
        return Ok(4);
    }
    if args.format == Format::Text {
        eout!("{diagnostics}");
    }
    // The credential the endpoint takes (the key, or a SCIM token and origin) before anything starts.
    for (_, req) in &checked.prepared {
        service::check_request(&env, req)?;
    }
    let store = target::open_history(&cfg, args.no_history);
    let path = endpoint.rsplit(' ').next().unwrap_or(&endpoint);
    let meter = Meter::for_run(checked.prepared.len(), args.format, Some(path), lang);
    let run = execute(&args, &cfg, &env, &checked, store.as_ref(), &meter);
    meter.finish();
    let (results, stop) = run?;
    let rows: Vec<LineResult> = results.iter().map(|r| line_result(r.line, &r.sent.exchange, r.history_id)).collect();
    let counts = count(&rows, checked.prepared.len());
    match args.format {
        Format::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                endpoint: &'a str,
                environment: &'a str,
                lines: &'a [LineResult],
                counts: &'a Counts,
            }
            print_json(&Out { endpoint: &endpoint, environment: &env.name, lines: &rows, counts: &counts })?;
        }
        Format::Text => {
            let with_rows = progress::rows_wanted(args.verbose, meter.shown(), std::io::stdout().is_terminal());
            let shown: &[LineResult] = if with_rows { &rows } else { &[] };
            out!("{}", summary(shown, &counts, lang, Paint::stdout()));
            outln!("{}", progress::pace_text(rows.len(), meter.elapsed(), lang));
        }
    }
    if let Some(stop) = stop {
        // Interrupted: the signal's code, not the worst line's (a cancelled line has no status, which would read
        // as 5, "no answer"), so a script can tell a stopped run from a finished one.
        eoutln!("brazen: interrupted by {}; lines not sent: {}", stop.name(), counts.not_sent);
        return Ok(stop.exit_code());
    }
    Ok(rows.iter().map(|r| target::code_for_status(r.answer.status)).max().unwrap_or(0))
}

/// The file's text, once the endpoint is known: the endpoint is the same for every line, so an unknown one is said
/// once, not blamed on line 1.
fn read_lines(args: &BatchArgs, cfg: &Config, endpoint: &str, lang: Lang) -> anyhow::Result<String> {
    if !args.force && crate::catalog::endpoints().resolve(endpoint).is_none() {
        let force = BatchText::get(lang).force_anyway;
        return Err(UsageError(format!("{}{force}", super::endpoint::unknown_sentence(endpoint, lang))).into());
    }
    Ok(read_input(&args.file, cfg.max_input_bytes.value).map_err(|e| UsageError(format!("{e:#}")))?)
}

/// The diagnostics as `FILE:LINE:COL: severity id: sentence`, each on its line of the file.
fn diagnostics_text(found: &[Diagnostic], label: &str) -> String {
    let mut out = String::new();
    for d in found {
        let (severity, message) = (d.severity.as_str(), visible(&d.message));
        let at = crate::validate::Area::position(d, label);
        out.push_str(&format!("{at}: {severity} {}: {message}\n", d.error));
    }
    out
}

/// Validation predicted that Braze rejects some lines: say which, and that nothing was sent.
fn print_refusal(
    checked: &Checked,
    endpoint: &str,
    diagnostics: &str,
    format: Format,
    lang: Lang,
) -> anyhow::Result<()> {
    if format == Format::Json {
        #[derive(Serialize)]
        struct Refused<'a> {
            sent: bool,
            endpoint: &'a str,
            /// Lines Braze would reject.
            rejected_lines: &'a [usize],
            diagnostics: &'a [Diagnostic],
        }
        let lines = &checked.fatal_lines;
        print_json(&Refused { sent: false, endpoint, rejected_lines: lines, diagnostics: &checked.found })?;
        return Ok(());
    }
    out!("{diagnostics}");
    let list = checked.fatal_lines.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
    outln!("{}", fill(BatchText::get(lang).rejected, &[("list", &list)]));
    Ok(())
}

/// Opens the target and sends the lines with progress on standard error (the bar or lines, as `meter` draws it);
/// the signal that stopped it, if one did.
fn execute(
    args: &BatchArgs,
    cfg: &Config,
    env: &Environment,
    checked: &Checked,
    store: Option<&crate::history::Store>,
    meter: &Meter,
) -> anyhow::Result<(Vec<LineSent>, Option<Stop>)> {
    service::runtime()?.block_on(async {
        let opened = service::open(env).await?;
        let sender = service::sender(cfg, env, args.target.timeout)?;
        let stop = super::interrupt::cancel_on_signals();
        let on = |e: service::Event<'_>| meter.on(e);
        let (target, lines) = (&opened.target, &checked.prepared);
        let results = service::run_batch(&sender, target, lines, args.retries, store, &stop.token, &on).await;
        anyhow::Ok((results, stop.signal()))
    })
}

fn count(rows: &[LineResult], prepared: usize) -> Counts {
    let mut counts = Counts { not_sent: prepared - rows.len(), ..Counts::default() };
    for r in rows {
        counts.sent += 1;
        match r.answer.status {
            Some(200..=299) => counts.ok += 1,
            Some(429) => {
                counts.client += 1;
                counts.rate_limited += 1;
            }
            Some(400..=499) => counts.client += 1,
            Some(500..) => counts.server += 1,
            None => counts.network += 1,
            _ => counts.other += 1,
        }
    }
    counts
}

fn line_result(line: usize, ex: &Exchange, history_id: Option<i64>) -> LineResult {
    LineResult {
        line,
        answer: ex.last_answer(),
        waited_ms: ex.attempts.iter().map(|a| a.waited_ms).sum(),
        history_id,
        recorded: history_id.is_some(),
    }
}

/// The table of `results` (a header and a row each; nothing when there are none to show) and the counts line.
fn summary(results: &[LineResult], c: &Counts, lang: Lang, p: Paint) -> String {
    let t = BatchText::get(lang);
    let mut out = String::new();
    if !results.is_empty() {
        out.push_str(&table(results, lang, p));
    }
    let client = match c.rate_limited {
        0 => format!("4XX {}", c.client),
        n => format!("4XX {} (429 {n})", c.client),
    };
    let mut parts = vec![format!("2XX {}", c.ok), client, format!("5XX {}", c.server)];
    if c.network > 0 {
        parts.push(format!("network {}", c.network));
    }
    if c.other > 0 {
        parts.push(format!("other {}", c.other));
    }
    if c.not_sent > 0 {
        parts.push(fill(t.not_sent, &[("n", &c.not_sent)]));
    }
    out.push_str(&fill(t.sent, &[("n", &c.sent), ("parts", &parts.join(", "))]));
    out.push('\n');
    out
}

/// A header and a row per line.
fn table(results: &[LineResult], lang: Lang, p: Paint) -> String {
    let t = BatchText::get(lang);
    let mut out = String::new();
    // Columns by display width: a Hangul syllable takes two.
    let heads = [t.head_line, t.head_status, t.head_result, t.head_tries, t.head_history];
    out.push_str(&p.dim(&format!(
        "{} {}  {} {} {}\n",
        pad(heads[0], 5),
        pad(heads[1], 6),
        pad(heads[2], 40),
        pad(heads[3], 6),
        heads[4]
    )));
    for r in results {
        let a = &r.answer;
        let status = match a.status {
            Some(s) => p.status(s, a.outcome == Some(OutcomeKind::SuccessWithMinorErrors), &format!("{s:<6}")),
            None => p.red(&format!("{:<6}", "—")),
        };
        let network = a.network.map(crate::client::kind_name);
        let outcome = a.outcome.map(OutcomeKind::as_str);
        let result = a.name.as_deref().or(network).or(outcome).unwrap_or_default();
        let result = visible(result);
        let history = r.history_id.map_or_else(|| "-".to_string(), |id| format!("#{id}"));
        out.push_str(&format!("{:<5} {status}  {} {:<6} {history}\n", r.line, pad(&result, 40), a.attempts));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::SendPlan;
    use crate::history::fixtures::{self, Answer};
    use crate::service::window_used_up;

    /// A 201 to `/users/track` whose response carried `headers`.
    fn answered(headers: &[(&str, &str)], now: jiff::Timestamp) -> Exchange {
        let headers: Vec<(String, String)> = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let body = r#"{"message": "success"}"#;
        let mut ex =
            fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 201, body: body.into() }, now);
        for r in ex.attempts.iter_mut().filter_map(|a| a.response.as_mut()) {
            r.headers = headers.clone();
        }
        ex.outcome = Some(crate::classify::outcome(201, &headers, body.as_bytes(), now));
        ex
    }

    #[test]
    fn the_batch_table_is_complete() {
        assert!(crate::i18n::check::<BatchText>().is_empty());
    }

    #[test]
    fn an_exhausted_window_pauses_until_its_reset_and_a_fresh_one_does_not() {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let plan = SendPlan::once();
        let reset = (now.as_second() + 20).to_string();
        let used_up = answered(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", &reset)], now);
        assert_eq!(window_used_up(&used_up, &plan, now), Some(plan.policy.reset_wait(Some(now.as_second() + 20), now)));
        assert!(window_used_up(&used_up, &plan, now).unwrap() >= std::time::Duration::from_secs(20));
        let left = answered(&[("x-ratelimit-remaining", "5"), ("x-ratelimit-reset", &reset)], now);
        assert_eq!(window_used_up(&left, &plan, now), None);
        assert_eq!(window_used_up(&answered(&[], now), &plan, now), None);
    }

    #[test]
    fn the_result_table_lines_up_in_korean() {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let rows = [line_result(3, &answered(&[], now), Some(12))];
        let counts = Counts { sent: 1, ok: 1, ..Counts::default() };
        for lang in [Lang::En, Lang::Ko] {
            let text = summary(&rows, &counts, lang, Paint { on: false });
            let mut lines = text.lines();
            let (head, row) = (lines.next().unwrap(), lines.next().unwrap());
            // Where each column starts, in display columns: the header's words and the row's values agree.
            let starts = |l: &str| {
                let mut at = Vec::new();
                let mut col = 0;
                let mut prev_blank = true;
                for ch in l.chars() {
                    let blank = ch == ' ';
                    if !blank && prev_blank {
                        at.push(col);
                    }
                    prev_blank = blank;
                    col += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                }
                at
            };
            assert_eq!(starts(head), starts(row), "{lang:?}:\n{text}");
        }
    }
}
