//! `brazen validate ENDPOINT [FILE|-] [--format text|json] [--now RFC3339] [--timezone IANA_TZ]
//! [--query NAME=VALUE]...`:
//! predicts Braze's answer to a body. Exit 0 = nothing fatal, 1 = a fatal error predicted, 2 = unreadable input
//! or a bad option.
//!
//! `brazen validate --request FILE [--env NAME] [--var NAME=VALUE]...`: a saved request, its variables resolved
//! (collection < environment < `--var`), every diagnostic placed at its line and column of FILE.

use unicode_width::UnicodeWidthStr;

use super::Global;
use super::output::{Format, Paint, UsageError, read_input};
use super::print::{out, print_json};
use super::text::ValidateText;
use crate::i18n::{Lang, Table as _, fill};
use crate::text::visible;
use crate::validate::{self, Area, Context, Diagnostic, Report, Severity};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Endpoint path, e.g. /messages/send or "POST /messages/send" (not with --request).
    #[arg(required_unless_present = "request")]
    pub endpoint: Option<String>,
    /// The request body; `-` for standard input.
    #[arg(default_value = "-")]
    pub file: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// "Now" for schedule checks (RFC 3339), instead of the clock.
    #[arg(long)]
    pub now: Option<String>,
    /// The company time zone (IANA name, e.g. Asia/Seoul) for `in_local_time` checks; default: the default
    /// environment's `timezone` in the config file, else UTC.
    #[arg(long)]
    pub timezone: Option<String>,
    /// A query parameter, added to ENDPOINT's query as `send --query` adds it (a GET's parameters); repeat for
    /// several.
    #[arg(long = "query", short = 'q', value_name = "NAME=VALUE")]
    pub query: Vec<String>,
    /// A saved request file (endpoint, query, headers and body) instead of ENDPOINT and FILE.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["endpoint", "query"])]
    pub request: Option<String>,
    /// The environment whose variables and time zone apply (default: the file's `# @environment`, else the
    /// default environment).
    #[arg(long, value_name = "NAME", requires = "request")]
    pub env: Option<String>,
    /// A variable for the request's `{{NAME}}`, over the collection's and the environment's; repeat for several.
    #[arg(long = "var", value_name = "NAME=VALUE", requires = "request")]
    pub vars: Vec<String>,
}

/// The default environment's company time zone. A config problem is not validation's business: `brazen config`
/// reports it, and UTC is the documented default.
fn configured_timezone(cfg: Option<&crate::config::Config>) -> jiff::tz::TimeZone {
    cfg.and_then(|c| c.environment(None).ok().map(|e| e.tz())).unwrap_or(jiff::tz::TimeZone::UTC)
}

pub fn run(args: ValidateArgs, global: Global) -> anyhow::Result<i32> {
    if let Some(request) = &args.request {
        return run_request(request, &args, global);
    }
    let endpoint = args.endpoint.as_deref().unwrap_or_default();
    // An unknown path is a prediction (404, exit 1); no path at all is a usage error.
    if endpoint.trim().is_empty() {
        return Err(UsageError(
            "ENDPOINT is empty; give a path such as /messages/send (`brazen catalog` lists them)".into(),
        )
        .into());
    }
    let now = now_of(&args)?;
    // Read once, for the time zone and the input cap; a broken file leaves both at their defaults.
    let cfg = super::secrets::load_config().ok();
    let timezone = match &args.timezone {
        Some(name) => jiff::tz::TimeZone::get(name)
            .map_err(|_| UsageError(format!("--timezone {name:?} is not an IANA time zone such as Asia/Seoul")))?,
        None => configured_timezone(cfg.as_ref()),
    };
    let text =
        read_input(&args.file, super::output::input_cap(cfg.as_ref())).map_err(|e| UsageError(format!("{e:#}")))?;
    let endpoint = super::endpoint::normalize(endpoint);
    let queried = super::endpoint::with_pairs(&endpoint, &super::endpoint::parse_pairs(&args.query)?);
    let report = validate::check(&queried, &text, &Context::new(now, timezone).with_lang(global.lang));
    match args.format {
        Format::Json => print_json(&report)?,
        Format::Text => {
            let label = if args.file == "-" { "<stdin>" } else { args.file.as_str() };
            out!("{}", render_in(&report, &text, label, Paint::stdout(), global.lang));
        }
    }
    Ok(if report.ok { 0 } else { 1 })
}

fn now_of(args: &ValidateArgs) -> anyhow::Result<jiff::Timestamp> {
    Ok(match &args.now {
        Some(s) => s.parse::<jiff::Timestamp>().map_err(|e| {
            UsageError(format!("--now {s:?} is not an RFC 3339 time such as 2030-01-01T09:00:00Z ({e})"))
        })?,
        None => jiff::Timestamp::now(),
    })
}

/// `validate --request FILE`: the saved request resolved and checked, the diagnostics placed in FILE.
fn run_request(request: &str, args: &ValidateArgs, global: Global) -> anyhow::Result<i32> {
    let now = now_of(args)?;
    // An environment named by the flag or the file must exist; without one, the default environment's variables
    // apply when the configuration can be read.
    let cfg = super::secrets::load_config();
    let cap = super::output::input_cap(cfg.as_ref().ok());
    let opened = super::saved::open(request, cap)?;
    let root = cfg.as_ref().ok().map(|c| c.requests_dir(None).value);
    let env = match args.env.as_deref().or(opened.file.environment.as_deref()) {
        Some(name) => Some(cfg?.environment(Some(name))?.clone()),
        None => cfg.ok().and_then(|c| c.environment(None).ok().cloned()),
    };
    let timezone = match &args.timezone {
        Some(name) => jiff::tz::TimeZone::get(name)
            .map_err(|_| UsageError(format!("--timezone {name:?} is not an IANA time zone such as Asia/Seoul")))?,
        None => env.as_ref().map_or(jiff::tz::TimeZone::UTC, |e| e.tz()),
    };
    let loaded = super::saved::resolve(opened, env.as_ref(), &args.vars, cap, root.as_deref())?;
    let ctx = Context::new(now, timezone).with_lang(global.lang);
    let mut report = validate::check_file(&loaded.opened.text, &loaded.resolved, &ctx);
    // A diagnostic may quote a resolved value: a secret's is never shown.
    let secrets = crate::scrub::Secrets::of(loaded.resolved.secrets.iter().map(|(_, v)| v.as_str()));
    crate::scrub::report(&mut report, &secrets);
    match args.format {
        Format::Json => print_json(&report)?,
        Format::Text => {
            let label = if request == "-" { "<stdin>" } else { request };
            out!("{}", render_file(&report, &loaded.opened.text, label, Paint::stdout(), global.lang));
        }
    }
    Ok(if report.ok { 0 } else { 1 })
}

/// The text report of a request file: every diagnostic at `FILE:LINE:COLUMN` (the path line's and the headers'
/// too), the source line with a caret under fatal ones.
pub fn render_file(report: &Report, text: &str, label: &str, paint: Paint, lang: Lang) -> String {
    render_with(report, text, label, paint, lang, true)
}

/// The text report: one line per diagnostic, the source line with a caret under fatal ones, and a summary.
#[cfg(test)]
pub fn render(report: &Report, text: &str, label: &str, paint: Paint) -> String {
    render_in(report, text, label, paint, Lang::En)
}

/// [`render`] with the summary in `lang` (the diagnostics' sentences are already in the report's language).
/// Everything quoted from the input (the file name, keys in messages, source lines) is made visible.
pub fn render_in(report: &Report, text: &str, label: &str, paint: Paint, lang: Lang) -> String {
    render_with(report, text, label, paint, lang, false)
}

/// [`render_in`]; with `whole_file`, `text` is a request file and every diagnostic has its place in it.
fn render_with(report: &Report, text: &str, label: &str, paint: Paint, lang: Lang, whole_file: bool) -> String {
    let t = ValidateText::get(lang);
    let label = visible(label);
    let mut s = String::new();
    for d in &report.diagnostics {
        // The id in brackets stays as in JSON, so a Korean report can still be searched for it.
        let sev = match d.severity {
            Severity::Fatal => paint.red(&format!("{}[{}]", t.fatal, d.error)),
            Severity::Minor => paint.yellow(&format!("{}[{}]", t.minor, d.error)),
            Severity::Hint => paint.blue(&format!("{}[{}]", t.hint, d.error)),
        };
        let name = d.name.as_deref().map(|n| format!(" {}", paint.bold(&visible(n)))).unwrap_or_default();
        // A problem of the path line's query or path has no place in the body: it says where it is instead.
        match d.area {
            _ if whole_file => s.push_str(&format!("{label}:{}:{}: ", d.line, d.column)),
            Area::Body => s.push_str(&format!("{label}:{}:{}: ", d.line, d.column)),
            Area::Query => s.push_str(t.area_query),
            Area::Path => s.push_str(t.area_path),
            Area::Header => s.push_str(t.area_header),
        }
        s.push_str(&format!("{sev}{name} — {}\n", visible(&d.message)));
        if d.severity == Severity::Fatal && !text.is_empty() && (whole_file || d.area == Area::Body) {
            s.push_str(&excerpt(d, text, paint));
        }
    }
    let count = |sev| report.diagnostics.iter().filter(|d| d.severity == sev).count();
    let (f, m, h) = (count(Severity::Fatal), count(Severity::Minor), count(Severity::Hint));
    let tally = fill(if h == 1 { t.tally_one_hint } else { t.tally }, &[("f", &f), ("m", &m), ("h", &h)]);
    let (rejects, ok, rejected) = (t.rejects, t.ok, t.rejected);
    if report.ok {
        s.push_str(&format!("{} {} — {tally}\n", paint.green(ok), visible(&report.endpoint)));
    } else {
        s.push_str(&format!("{} {} — {tally}; {rejects}\n", paint.red(rejected), visible(&report.endpoint)));
    }
    s
}

/// Longest slice of a source line shown; minified bodies are one very long line.
const WINDOW: usize = 100;

/// `  12 | "apple_push": (optional, …)` and a caret under the column, like rustc.
fn excerpt(d: &Diagnostic, text: &str, paint: Paint) -> String {
    let line = validate::line_at(text, d.offset).replace('\t', " ");
    let chars: Vec<char> = line.chars().collect();
    let col = d.column.saturating_sub(1).min(chars.len());
    // Show a window around the column so the caret stays on screen.
    let start = col.saturating_sub(WINDOW / 2).min(chars.len().saturating_sub(WINDOW)).min(col);
    let end = (start + WINDOW).min(chars.len());
    // Made visible before measuring, so the caret sits under the column as the line is shown.
    let mut shown = visible(&chars[start..end].iter().collect::<String>()).into_owned();
    let mut before = visible(&chars[start..col].iter().collect::<String>()).into_owned();
    if start > 0 {
        shown.insert(0, '…');
        before.insert(0, '…');
    }
    if end < chars.len() {
        shown.push('…');
    }
    let no = d.line.to_string();
    let gutter = " ".repeat(no.len());
    format!(
        "{} {} {}\n{} {} {}{}\n",
        paint.dim(&no),
        paint.dim("|"),
        shown,
        gutter,
        paint.dim("|"),
        " ".repeat(UnicodeWidthStr::width(before.as_str())),
        paint.red("^")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> Report {
        validate::check("/messages/send", text, &Context::new(jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC))
    }

    /// Issue 12 §3: a problem of the query typed on the path line says "query", not a position in the body.
    #[test]
    fn query_problems_say_query_rather_than_a_body_position() {
        let body = "{\n  \"campaign_id\": \"c\",\n  \"length\": 14\n}";
        let ctx = Context::new(jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC);
        let r = validate::check("GET /sends/data_series?length=500&sned_id=x", body, &ctx);
        let out = render(&r, body, "q.json", Paint { on: false });
        assert!(out.lines().any(|l| l.starts_with("query: fatal[bad_request] ") && l.contains("500")), "{out}");
        assert!(out.lines().any(|l| l.starts_with("query: hint[unknown_query_parameter] ")), "{out}");
        assert!(!out.contains("q.json:"), "{out}");
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["diagnostics"].as_array().unwrap().iter().all(|d| d["area"] == "query"), "{json}");
    }

    #[test]
    fn text_report_shows_position_name_and_a_caret_under_the_column() {
        let text = "{\n  \"한글\": (optional, string)\n}";
        let out = render(&report(text), text, "body.json", Paint { on: false });
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("body.json:2:9: fatal[bad_request] "), "{out}");
        assert!(lines[0].contains(" — "), "{out}");
        assert_eq!(lines[1], "2 |   \"한글\": (optional, string)");
        // Korean letters are two columns wide: the caret sits under `(`.
        assert_eq!(lines[2], "  |           ^");
        assert!(lines.last().unwrap().starts_with("rejected: POST /messages/send — 1 fatal, 0 minor, 0 hints"));
    }

    #[test]
    fn long_lines_are_windowed_around_the_column() {
        let text = format!("{{\"a\": \"{}\", \"b\": (optional, int)}}", "x".repeat(5000));
        let out = render(&report(&text), &text, "-", Paint { on: false });
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].chars().count() < WINDOW + 10, "{}", lines[1]);
        // Every character shown here is one column wide, so character positions are screen columns.
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('('), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let text = "{\"segment_id\": \"s\", \"broadcast\": true, \"messages\": {\"apple_push\": {\"alert\": \"a\"}}}";
        let plain = render(&report(text), text, "f", Paint { on: false });
        assert!(!plain.contains('\x1b') && plain.starts_with("ok: "), "{plain}");
        let bad = "{}";
        assert!(render(&report(bad), bad, "f", Paint { on: true }).contains("\x1b[31m"));
    }
}
