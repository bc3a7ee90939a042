//! `brazen history [list|show ID|export ID] [--format text|json]`: browse the recorded exchanges.

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, UsageError, pad, text_width, width};
use super::print::{eoutln, out, outln, print_json};
use crate::answer::AnswerClass;
use crate::classify::{OutcomeKind, network};
use crate::exchange::{Exchange, NetworkFailure, RequestRecord, ResponseRecord};
use crate::history::{Filter, Store, Summary};
use crate::i18n::Lang;
use crate::retry::RetryAdvice;
use crate::text::visible;

/// `show` prints at most this much of each body; `--format json` and `export` have it all.
const SHOWN_BODY_BYTES: usize = 16 * 1024;

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
    /// One exchange as a curl command (the key replaced by $BRAZE_API_KEY) or a markdown repro report.
    Export {
        id: String,
        #[arg(long = "as", value_enum, default_value = "curl")]
        as_: ExportAs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportAs {
    Curl,
    Markdown,
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
    /// At most N exchanges (0 for all).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

pub fn run(args: HistoryArgs, global: Global) -> anyhow::Result<i32> {
    let store = open_for_reading(&crate::config::Paths::resolve().history_db)?;
    match args.command {
        None => list(&store, &args.list, args.format, global.lang),
        Some(HistoryCommand::List(l)) => list(&store, &l, args.format, global.lang),
        Some(HistoryCommand::Show { id }) => show(&store, &id, args.format, global.lang),
        Some(HistoryCommand::Export { id, as_ }) => export(&store, &id, as_, global.lang),
    }
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
    let ko = lang == Lang::Ko;
    let filter = filter(args, jiff::Timestamp::now())?;
    let rows = store.list(&filter)?;
    match format {
        Format::Json => print_json(&rows)?,
        Format::Text if rows.is_empty() => {
            if store.count()? == 0 {
                let at = store.path().map(|p| format!(" ({})", p.display())).unwrap_or_default();
                if ko {
                    outln!("아직 기록된 교환이 없습니다{at}. `brazen send`와 TUI가 모든 교환을 여기에 기록합니다.");
                } else {
                    outln!("No exchanges recorded yet{at}. `brazen send` and the TUI record every exchange here.");
                }
            } else {
                outln!("{}", if ko { "조건에 맞는 교환이 없습니다." } else { "No exchange matches." });
            }
        }
        Format::Text => out!("{}", lines(&rows, Paint::stdout(), &jiff::tz::TimeZone::system(), lang)),
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
        since: args.since.as_deref().map(|s| parse_since(s, now)).transpose()?,
        limit: (args.limit > 0).then_some(args.limit),
    })
}

/// An RFC 3339 time, or `N` + `m`/`h`/`d`/`w` back from `now`.
pub(crate) fn parse_since(s: &str, now: jiff::Timestamp) -> Result<jiff::Timestamp, UsageError> {
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
            "--since {s:?}: expected an RFC 3339 time, a date (2026-01-31) or a period such as 30m, 12h, 7d, 2w"
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

/// The widest REQUEST column; longer requests are cut with `…` so the columns after it stay in line.
const MAX_REQUEST_COLS: usize = 64;

/// `s` cut to `cols` display columns, ending in `…` when cut.
fn fit(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if width(&out) + unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) + 1 > cols {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

/// The text list: a dim header, then one aligned, class-coloured line per exchange. What was recorded is made
/// visible before it is measured, so the columns stay in line.
pub(crate) fn lines(rows: &[Summary], paint: Paint, tz: &jiff::tz::TimeZone, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let env = |r: &Summary| visible(&r.environment).into_owned();
    let request = |r: &Summary| visible(&format!("{} {}", r.method, r.endpoint)).into_owned();
    let heads = if ko {
        ["ID", "시각", "환경", "요청", "상태", "MS", "결과"]
    } else {
        ["ID", "TIME", "ENV", "REQUEST", "STATUS", "MS", "RESULT"]
    };
    let id_w = rows.iter().map(|r| format!("#{}", r.id).len()).max().unwrap_or(2).max(width(heads[0]));
    let env_w = rows.iter().map(|r| width(&env(r))).max().unwrap_or(3).max(width(heads[2]));
    let req_w = rows.iter().map(|r| width(&request(r))).max().unwrap_or(7).clamp(width(heads[3]), MAX_REQUEST_COLS);
    let mut out = paint.dim(&format!(
        "{:>id_w$}  {}  {}  {}  {}  {:>8}  {}",
        heads[0],
        pad(heads[1], 19),
        pad(heads[2], env_w),
        pad(heads[3], req_w),
        pad(heads[4], 8),
        heads[5],
        heads[6]
    ));
    out.push('\n');
    for r in rows {
        let time = r.time.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M:%S").to_string();
        let status_text = match (r.status, r.class.and_then(AnswerClass::name)) {
            (Some(s), Some(c)) => format!("{s} {c}"),
            (Some(s), None) => s.to_string(),
            (None, Some(c)) => c.to_string(),
            (None, None) => "—".to_string(),
        };
        let minor = r.outcome == Some(OutcomeKind::SuccessWithMinorErrors);
        let status = match r.status {
            Some(s) => paint.status(s, minor, &pad(&status_text, 8)),
            None => paint.red(&pad(&status_text, 8)),
        };
        let mut result = r
            .name
            .clone()
            .or_else(|| r.network.map(|n| network::kind_name(n).replace('_', " ")))
            .or_else(|| r.outcome.map(|o| o.as_str().replace('_', " ")))
            .unwrap_or_default();
        if r.attempts > 1 {
            result.push_str(&if ko {
                format!(" (시도 {}회)", r.attempts)
            } else {
                format!(" ({} attempts)", r.attempts)
            });
        }
        if let Some(of) = r.replay_of {
            result.push_str(&if ko { format!(" (#{of} 재전송)") } else { format!(" (replay of #{of})") });
        }
        if let Some(by) = r.replayed_by {
            result.push_str(&if ko { format!(" (#{by}로 재전송됨)") } else { format!(" (replayed by #{by})") });
        }
        let request = fit(&request(r), req_w);
        out.push_str(&format!(
            "{:>id_w$}  {time:<19}  {}  {}  {status}  {:>8.0}  {}\n",
            format!("#{}", r.id),
            pad(&env(r), env_w),
            pad(&request, req_w),
            r.duration_ms,
            visible(result.trim())
        ));
    }
    out
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
        _ => Err(UsageError(match lang {
            Lang::En => {
                format!("no exchange #{n} in the history ({} recorded; `brazen history` lists them)", store.count()?)
            }
            Lang::Ko => format!(
                "기록에 #{n} 교환이 없습니다 ({}건 기록됨; `brazen history`로 목록을 볼 수 있습니다)",
                store.count()?
            ),
        })
        .into()),
    }
}

/// `history show --format json`: the list object plus the request, the response and every attempt.
#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    request: &'a RequestRecord,
    response: Option<&'a ResponseRecord>,
    failure: Option<&'a NetworkFailure>,
    message: Option<&'a str>,
    minor_errors: &'a [String],
    send_id: Option<&'a str>,
    dispatch_id: Option<&'a str>,
    schedule_id: Option<&'a str>,
    accepted: Option<bool>,
    retry: Option<&'a RetryAdvice>,
    explanation: String,
}

fn show(store: &Store, id: &str, format: Format, lang: Lang) -> anyhow::Result<i32> {
    let (ex, summary) = load(store, id, lang)?;
    match format {
        Format::Json => {
            let o = ex.outcome.as_ref();
            let out = ShowJson {
                summary: &summary,
                request: &ex.request,
                response: ex.final_response(),
                failure: ex.final_failure(),
                message: o.and_then(|o| o.message.as_deref()),
                minor_errors: o.map_or(&[], |o| o.minor_errors.as_slice()),
                send_id: o.and_then(|o| o.send_id.as_deref()),
                dispatch_id: o.and_then(|o| o.dispatch_id.as_deref()),
                schedule_id: o.and_then(|o| o.schedule_id.as_deref()),
                accepted: o.map(|o| o.accepted),
                retry: o.map(|o| &o.retry),
                explanation: explanation(&ex, lang),
            };
            // The summary's `attempts` is a count; here `attempts` is the list itself, so the count must not
            // appear twice under one key.
            let mut value = serde_json::to_value(&out)?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("attempts".into(), serde_json::to_value(&ex.attempts)?);
            }
            print_json(&value)?;
        }
        Format::Text => out!("{}", detail(&ex, &summary, lang, Paint::stdout(), text_width())),
    }
    Ok(0)
}

fn explanation(ex: &Exchange, lang: Lang) -> String {
    match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => crate::classify::explanation(o, lang),
        (None, Some(f)) => format!("{}: {}", network::title(f.kind, lang), network::advice(f.kind, lang)),
        (None, None) => String::new(),
    }
}

fn pick<'a>(lang: Lang, en: &'a str, ko: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// The text of `show`: header, the explanation card, request, attempts, response. Everything recorded (URL,
/// headers, bodies, failure details) is made visible.
pub(crate) fn detail(ex: &Exchange, s: &Summary, lang: Lang, paint: Paint, cols: usize) -> String {
    let mut out = String::new();
    let mut head = format!("#{}  {}  {}", s.id, s.time, visible(&s.environment));
    if let Some(of) = s.replay_of {
        head.push_str(&format!("  (replay of #{of})"));
    }
    if let Some(by) = s.replayed_by {
        head.push_str(&format!("  (replayed by #{by})"));
    }
    out.push_str(&paint.dim(&head));
    out.push('\n');
    out.push_str(&paint.bold(&visible(&format!("{} {}", ex.request.method, ex.request.url))));
    out.push_str("\n\n");
    match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => out.push_str(&super::explain::card(o, lang, paint, cols)),
        (None, Some(f)) => {
            out.push_str(&paint.red(&format!(
                "{} ({})",
                network::title(f.kind, lang),
                s.network.map_or("", network::kind_name)
            )));
            out.push('\n');
            for line in super::output::wrap(network::advice(f.kind, lang), cols.saturating_sub(2)) {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str(&format!("  {}\n", paint.dim(&visible(&f.detail))));
        }
        (None, None) => {}
    }

    out.push_str(&format!("\n{}\n", paint.bold(pick(lang, "Request", "요청"))));
    for (n, v) in &ex.request.headers {
        out.push_str(&format!("  {}\n", visible(&format!("{n}: {v}"))));
    }
    if ex.request.body_truncated {
        let n = ex.request.body.len();
        out.push_str(&match lang {
            Lang::Ko => format!("  본문이 잘린 채 보관됨: 앞 {n} 바이트만 (max_body_bytes)\n"),
            _ => format!("  body cut: only its first {n} bytes are kept (max_body_bytes)\n"),
        });
    }
    body_block(&mut out, &ex.request.body, lang);

    out.push_str(&format!("\n{}\n", paint.bold(pick(lang, "Attempts", "시도"))));
    for a in &ex.attempts {
        let result = match (&a.response, &a.failure) {
            (Some(r), _) => paint.status(r.status, false, &r.status.to_string()),
            (None, Some(f)) => paint.red(network::title(f.kind, lang)),
            (None, None) => "—".to_string(),
        };
        let opt = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.1} ms"));
        out.push_str(&format!(
            "  {}  {}  {} {} ms  {result}  {} {}  {} {}  {} {:.1} ms\n",
            a.number,
            a.started_at,
            pick(lang, "waited", "대기"),
            a.waited_ms,
            pick(lang, "connect", "연결"),
            opt(a.timings.connect_ms),
            pick(lang, "first byte", "첫 바이트"),
            opt(a.timings.first_byte_ms),
            pick(lang, "total", "전체"),
            a.timings.total_ms
        ));
    }

    if let Some(r) = ex.final_response() {
        out.push_str(&format!("\n{}\n", paint.bold(pick(lang, "Response", "응답"))));
        let trunc = if r.truncated { pick(lang, ", kept truncated", ", 잘린 채 보관") } else { "" };
        out.push_str(&format!("  HTTP {} · {} bytes{trunc}\n", r.status, r.body_bytes));
        for (n, v) in &r.headers {
            out.push_str(&format!("  {}\n", visible(&format!("{n}: {v}"))));
        }
        body_block(&mut out, &r.body, lang);
    }
    out
}

/// A body, pretty-printed when it is JSON, indented, cut at [`SHOWN_BODY_BYTES`].
fn body_block(out: &mut String, body: &str, lang: Lang) {
    if body.is_empty() {
        return;
    }
    let pretty = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_string());
    let mut end = pretty.len().min(SHOWN_BODY_BYTES);
    while !pretty.is_char_boundary(end) {
        end -= 1;
    }
    out.push('\n');
    for line in pretty[..end].lines() {
        out.push_str(&format!("  {}\n", visible(line)));
    }
    if end < pretty.len() {
        out.push_str(&format!(
            "  … {} {}\n",
            pretty.len() - end,
            pick(
                lang,
                "more bytes (--format json or export shows all)",
                "바이트 더 있음 (--format json 또는 export로 전체 보기)"
            )
        ));
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
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::fixtures::{self, Answer};

    fn summary_of(store: &Store, id: i64) -> Summary {
        store.summary(id).unwrap().unwrap()
    }

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
        assert_eq!((f.endpoint.as_deref(), f.class), (Some("/users"), Some(AnswerClass::Status(crate::classify::Class::C5xx))));
        let args = ListArgs { endpoint: Some("/users/*".into()), ..ListArgs::default() };
        assert_eq!(filter(&args, now).unwrap().endpoint.as_deref(), Some("/users/*"));
        let bad = ListArgs { class: Some("500".into()), ..ListArgs::default() };
        assert!(filter(&bad, now).unwrap_err().0.starts_with("--class: unknown class"));
        assert!(parse_id("#12").is_ok() && parse_id("x").is_err() && parse_id("0").is_err());
    }

    #[test]
    fn list_lines_are_aligned_and_name_the_result() {
        let store = Store::open_in_memory().unwrap();
        let t = jiff::Timestamp::from_second(1_735_689_600).unwrap();
        let a = store
            .append(&fixtures::exchange(
                "POST",
                "/messages/send",
                "{}",
                Answer::Http { status: 400, body: r#"{"message":"No Recipients"}"#.into() },
                t,
            ))
            .unwrap();
        let mut net = fixtures::exchange(
            "GET",
            "/sends/data_series",
            "",
            Answer::Network(crate::exchange::NetworkErrorKind::ConnectionRefused),
            t,
        );
        net.replay_of = Some(a);
        let b = store.append(&net).unwrap();
        let rows = vec![summary_of(&store, b), summary_of(&store, a)];
        let text = lines(&rows, Paint { on: false }, &jiff::tz::TimeZone::UTC, Lang::En);
        let l: Vec<&str> = text.lines().collect();
        assert_eq!(l.len(), 3);
        assert!(l[0].starts_with("ID  TIME"), "{text}");
        assert!(l[1].starts_with("#2  2025-01-01 00:00:00  sandbox  GET /sends/data_series"), "{text}");
        assert!(l[1].contains("network") && l[1].contains("connection refused (replay of #1)"), "{text}");
        assert!(l[2].contains("POST /messages/send") && l[2].contains("400 4XX") && l[2].ends_with("No Recipients"));
        // Columns line up: the status column starts at the same place on every line.
        assert_eq!(l[1].find("network"), l[2].find("400 4XX"), "{text}");
        let coloured = lines(&rows, Paint { on: true }, &jiff::tz::TimeZone::UTC, Lang::En);
        assert!(coloured.contains("\x1b[1;31m400 4XX"), "{coloured:?}");
    }

    #[test]
    fn long_paths_and_korean_headers_keep_the_columns_in_line() {
        let store = Store::open_in_memory().unwrap();
        let t = jiff::Timestamp::from_second(1_735_689_600).unwrap();
        let ok = Answer::Http { status: 201, body: r#"{"message":"success"}"#.into() };
        let long = "/transactional/v1/campaigns/0d0f3c4e-2b7a-4c1e-9f3a-5e6d7c8b9a01/send";
        let a = store.append(&fixtures::exchange("POST", long, "{}", ok.clone(), t)).unwrap();
        let b = store.append(&fixtures::exchange("POST", "/users/track", "{}", ok, t)).unwrap();
        let rows = vec![summary_of(&store, b), summary_of(&store, a)];
        for lang in [Lang::En, Lang::Ko] {
            let text = lines(&rows, Paint { on: false }, &jiff::tz::TimeZone::UTC, lang);
            let l: Vec<&str> = text.lines().collect();
            // The display column where the status starts, on the header and on both rows.
            let col = |line: &str, needle: &str| width(&line[..line.find(needle).unwrap()]);
            let head = if lang == Lang::Ko { "상태" } else { "STATUS" };
            assert_eq!(col(l[0], head), col(l[1], "201 2XX"), "{lang:?}\n{text}");
            assert_eq!(col(l[1], "201 2XX"), col(l[2], "201 2XX"), "{lang:?}\n{text}");
            if lang == Lang::Ko {
                assert!(l[0].contains("요청") && l[0].contains("결과"), "{text}");
            }
        }
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }

    #[test]
    fn detail_shows_card_request_attempts_and_response() {
        let store = Store::open_in_memory().unwrap();
        let mut ex = fixtures::exchange(
            "POST",
            "/messages/send",
            r#"{"external_user_ids":["u1"]}"#,
            Answer::Http { status: 400, body: r#"{"message":"No Recipients"}"#.into() },
            jiff::Timestamp::UNIX_EPOCH,
        );
        ex.request.headers[0].1 = "Bearer sk-SECRET-123".into();
        let id = store.append(&ex).unwrap();
        let got = store.get(id).unwrap().unwrap();
        let text = detail(&got, &summary_of(&store, id), Lang::En, Paint { on: false }, 100);
        assert!(!text.contains("sk-SECRET"), "{text}");
        assert!(text.contains("Authorization: Bearer [REDACTED]"), "{text}");
        assert!(text.contains("no_recipients"), "{text}");
        assert!(text.contains("\"external_user_ids\": ["), "{text}");
        assert!(text.contains("  1  1970-01-01T00:00:00Z  waited 0 ms  400"), "{text}");
        assert!(text.contains("HTTP 400 · "), "{text}");
    }
}
