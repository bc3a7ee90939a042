//! `brazen batch ENDPOINT FILE.jsonl [--env NAME | --url BASE_URL] [--retries N] [--force] [--now RFC3339]
//! [--format text|json] [--no-history]`: one request body per line, each validated first (with its line number),
//! then sent one after another. When a response says the rate-limit window is used up (`x-ratelimit-remaining: 0`)
//! the next request waits for the reset instead of drawing a 429. Ends with a summary; the exit code is the worst
//! line's (0 / 4 / 5).

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, UsageError, pad, read_input};
use super::print::{eout, eoutln, out, outln, print_json};
use super::send::{self, TargetArgs};
use crate::client::{PreparedRequest, SendPlan};
use crate::exchange::Exchange;
use crate::i18n::Lang;
use crate::text::visible;
use crate::validate::{self, Severity};

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
}

#[derive(Debug, Serialize)]
struct LineResult {
    line: usize,
    status: Option<u16>,
    class: Option<&'static str>,
    outcome: Option<&'static str>,
    error: Option<String>,
    name: Option<String>,
    network: Option<&'static str>,
    attempts: usize,
    waited_ms: u64,
    history_id: Option<i64>,
    /// Whether the line's exchange is in the history (false with `--no-history` or when recording failed).
    recorded: bool,
}

#[derive(Debug, Default, Serialize)]
struct Counts {
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
    let (cfg, env) = send::load_environment(&args.target)?;
    let now = match &args.now {
        Some(s) => send::parse_time("--now", s)?,
        None => jiff::Timestamp::now(),
    };
    let ko = global.lang == Lang::Ko;
    let endpoint = super::endpoint::normalize(&args.endpoint);
    // The endpoint is the same for every line: an unknown one is said once, not blamed on line 1.
    if !args.force && crate::catalog::endpoints().resolve(&endpoint).is_none() {
        let force = if ko { " (--force로 그래도 보냄)" } else { " (--force sends to it anyway)" };
        return Err(UsageError(format!("{}{force}", super::endpoint::unknown_sentence(&endpoint, global.lang))).into());
    }
    let text = read_input(&args.file, cfg.max_input_bytes.value).map_err(|e| UsageError(format!("{e:#}")))?;
    let label = if args.file == "-" { "<stdin>" } else { args.file.as_str() };
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Err(UsageError(if ko {
            format!("{label}에 요청 줄이 없습니다")
        } else {
            format!("{label} has no request lines")
        })
        .into());
    }

    // Validate everything before sending anything.
    let ctx = validate::Context::new(now, env.tz()).with_lang(global.lang);
    let is_get = crate::catalog::endpoints().resolve(&endpoint).is_some_and(|r| r.endpoint.method == "GET");
    let mut fatal_lines = Vec::new();
    let mut diagnostics = String::new();
    // The same diagnostics for `--format json`, each placed on its line of the file.
    let mut found: Vec<crate::validate::Diagnostic> = Vec::new();
    let mut prepared = Vec::new();
    for (n, body) in &lines {
        if !is_get {
            let mut r = validate::check(&endpoint, body, &ctx);
            crate::scrub::report(&mut r, &env.secrets());
            let at = format!("{label}:{n}");
            // Each line is a body of its own: its diagnostics say line 1; report the file's line instead.
            for d in r.diagnostics.iter().filter(|d| d.severity <= Severity::Minor) {
                diagnostics.push_str(&format!(
                    "{at}:{}: {} {}: {}\n",
                    d.column,
                    d.severity.as_str(),
                    d.error,
                    visible(&d.message)
                ));
                found.push(crate::validate::Diagnostic { line: *n, ..d.clone() });
            }
            if !r.ok {
                fatal_lines.push(*n);
            }
        }
        let req = if args.force {
            PreparedRequest::new_or_raw(&endpoint, body)
        } else {
            PreparedRequest::new(&endpoint, body)
        }
        .map_err(|e| UsageError(format!("{label}:{n}: {e}")))?;
        prepared.push((*n, req));
    }
    if !fatal_lines.is_empty() && !args.force {
        if args.format == Format::Json {
            #[derive(Serialize)]
            struct Refused<'a> {
                sent: bool,
                endpoint: &'a str,
                /// Lines Braze would reject.
                rejected_lines: &'a [usize],
                diagnostics: &'a [crate::validate::Diagnostic],
            }
            let out = Refused { sent: false, endpoint: &endpoint, rejected_lines: &fatal_lines, diagnostics: &found };
            print_json(&out)?;
            return Ok(4);
        }
        out!("{diagnostics}");
        let list = fatal_lines.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
        outln!(
            "{}",
            if ko {
                format!("아무것도 보내지 않았습니다: {list}번째 줄은 Braze가 거부할 요청입니다 (--force로 그래도 보냄)")
            } else {
                format!("nothing sent: Braze would reject line(s) {list}; --force sends them anyway")
            }
        );
        return Ok(4);
    }
    if args.format == Format::Text {
        eout!("{diagnostics}");
    }

    let store = send::open_history(&cfg, args.no_history);
    let rt = send::runtime()?;
    let lang = global.lang;
    let (results, stop) = rt.block_on(async {
        let opened = send::open_target(&env).await?;
        let sender = send::sender_for(&cfg, &env, args.target.timeout)?;
        let stop = super::interrupt::cancel_on_signals();
        let cancel = &stop.token;
        let mut results = Vec::new();
        let mut pause: Option<std::time::Duration> = None;
        for (n, req) in &prepared {
            if let Some(wait) = pause.take() {
                eoutln!(
                    "brazen: rate-limit window used up; waiting {} before line {n}",
                    crate::classify::seconds_text(lang, wait.as_secs_f64())
                );
                tokio::select! {
                    _ = cancel.cancelled() => break,
                    _ = tokio::time::sleep(wait) => {}
                }
            }
            if cancel.is_cancelled() {
                break;
            }
            let plan = SendPlan::for_request(req, args.retries).in_lang(global.lang);
            let (tx, printer) = send::progress_printer(lang);
            let mut sent = sender.send(&opened.target, req, &plan, Some(&tx), cancel).await;
            drop(tx);
            let _ = printer.await;
            let history_id = store.as_ref().and_then(|s| send::record(s, &mut sent.exchange));
            pause = window_used_up(&sent.exchange, &plan, sender.now());
            results.push(line_result(*n, &sent.exchange, history_id));
            if sent.cancelled {
                break;
            }
        }
        anyhow::Ok((results, stop.signal()))
    })?;

    let mut counts = Counts { not_sent: prepared.len() - results.len(), ..Counts::default() };
    for r in &results {
        counts.sent += 1;
        match (r.status, r.network) {
            (Some(200..=299), _) => counts.ok += 1,
            (Some(400..=499), _) => counts.client += 1,
            (Some(500..), _) => counts.server += 1,
            (None, _) => counts.network += 1,
            _ => counts.other += 1,
        }
    }
    match args.format {
        Format::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                endpoint: &'a str,
                environment: &'a str,
                lines: &'a [LineResult],
                counts: &'a Counts,
            }
            let out = Out { endpoint: &endpoint, environment: &env.name, lines: &results, counts: &counts };
            print_json(&out)?;
        }
        Format::Text => out!("{}", summary(&results, &counts, lang, Paint::stdout())),
    }
    if let Some(stop) = stop {
        // Interrupted: the signal's code, not the worst line's (a cancelled line has no status, which would read
        // as 5, "no answer"), so a script can tell a stopped run from a finished one.
        eoutln!("brazen: interrupted by {}; lines not sent: {}", stop.name(), counts.not_sent);
        return Ok(stop.exit_code());
    }
    Ok(results.iter().map(|r| send::code_for_status(r.status)).max().unwrap_or(0))
}

/// How long to wait before the next request when this response used up its window (`remaining` 0 and a reset
/// time): the same wait a 429 would cause, but without spending a request on it.
fn window_used_up(ex: &Exchange, plan: &SendPlan, now: jiff::Timestamp) -> Option<std::time::Duration> {
    let rl = ex.outcome.as_ref()?.rate_limit;
    (rl.remaining == Some(0) && rl.reset.is_some()).then(|| plan.policy.reset_wait(rl.reset, now))
}

fn line_result(line: usize, ex: &Exchange, history_id: Option<i64>) -> LineResult {
    LineResult {
        line,
        status: ex.status(),
        class: ex.outcome.as_ref().and_then(|o| o.class.name()),
        outcome: ex.outcome.as_ref().map(|o| o.outcome.as_str()),
        error: ex.outcome.as_ref().and_then(|o| o.error.clone()),
        name: ex.outcome.as_ref().and_then(|o| o.name.clone()),
        network: ex.final_failure().map(|f| crate::client::kind_name(f.kind)),
        attempts: ex.attempts.len(),
        waited_ms: ex.attempts.iter().map(|a| a.waited_ms).sum(),
        history_id,
        recorded: history_id.is_some(),
    }
}

fn summary(results: &[LineResult], c: &Counts, lang: Lang, p: Paint) -> String {
    let ko = lang == Lang::Ko;
    let mut out = String::new();
    // Columns by display width: a Hangul syllable takes two.
    let heads = if ko {
        ["줄", "상태", "결과", "시도", "기록"]
    } else {
        ["LINE", "STATUS", "RESULT", "TRIES", "HISTORY"]
    };
    out.push_str(&p.dim(&format!(
        "{} {}  {} {} {}\n",
        pad(heads[0], 5),
        pad(heads[1], 6),
        pad(heads[2], 40),
        pad(heads[3], 6),
        heads[4]
    )));
    for r in results {
        let status = match (r.status, r.network) {
            (Some(s), _) => p.status(s, r.outcome == Some("success_with_minor_errors"), &format!("{s:<6}")),
            (None, _) => p.red(&format!("{:<6}", "—")),
        };
        let result =
            r.name.clone().or(r.network.map(str::to_string)).or(r.outcome.map(str::to_string)).unwrap_or_default();
        let result = visible(&result);
        let history = r.history_id.map_or_else(|| "-".to_string(), |id| format!("#{id}"));
        out.push_str(&format!("{:<5} {status}  {} {:<6} {history}\n", r.line, pad(&result, 40), r.attempts));
    }
    let mut parts = vec![format!("2XX {}", c.ok), format!("4XX {}", c.client), format!("5XX {}", c.server)];
    if c.network > 0 {
        parts.push(format!("network {}", c.network));
    }
    if c.other > 0 {
        parts.push(format!("other {}", c.other));
    }
    if c.not_sent > 0 {
        parts.push(if ko { format!("보내지 않음 {}", c.not_sent) } else { format!("not sent {}", c.not_sent) });
    }
    out.push_str(&format!("{} {}: {}\n", c.sent, if ko { "건 전송" } else { "sent" }, parts.join(", ")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::fixtures::{self, Answer};

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
