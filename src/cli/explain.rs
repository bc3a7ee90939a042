//! `brazen explain STATUS [--header "Name: value"]... [--body FILE|-] [--now RFC3339] [--format text|json]`:
//! what a Braze response means, as a coloured card or the JSON object of the CLI contract. Its words are
//! [`ExplainText`].

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, UsageError, field, read_input_bytes, text_width, width};
use super::print::{out, print_json};
use super::text::ExplainText;
use crate::classify::{self, BodyKind, Outcome, OutcomeKind};
use crate::i18n::{Lang, Table as _, fill};
use crate::retry::RetryAdvice;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// HTTP status of the response (200–599).
    pub status: String,
    /// A response header as "Name: value"; repeat for several (e.g. -H "X-RateLimit-Reset: 1740830412").
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// The response body: a file, or - for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub body: Option<String>,
    /// The endpoint that answered, "METHOD PATH" (e.g. "DELETE /catalogs/restaurants"): its documented errors are
    /// matched and a success is explained by what it does. The JSON gains `endpoint` and `kind`.
    #[arg(long, value_name = "METHOD PATH")]
    pub endpoint: Option<String>,
    /// "Now" for the rate-limit countdown, RFC 3339 (default: the system clock).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Output: a text card, or the JSON object of the CLI contract.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: ExplainArgs, global: Global) -> anyhow::Result<i32> {
    let status = parse_status(&args.status)?;
    let headers = args.headers.iter().map(|h| parse_header(h)).collect::<Result<Vec<_>, _>>()?;
    let now = match &args.now {
        Some(s) => parse_now(s)?,
        None => jiff::Timestamp::now(),
    };
    let body = match &args.body {
        Some(path) => read_input_bytes(path, super::output::configured_input_cap())
            .map_err(|e| UsageError(format!("--body: {e:#}")))?,
        None => Vec::new(),
    };
    let endpoint = args.endpoint.as_deref().map(endpoint_of).transpose()?;
    let o = classify::outcome_for(endpoint, status, &headers, &body, now, &crate::retry::RetryPolicy::default());
    match args.format {
        Format::Json => print_json(&json(&o, global.lang))?,
        Format::Text => out!("{}", card(&o, global.lang, Paint::stdout(), text_width())),
    }
    Ok(0)
}

/// The contract object: the outcome's fields, then `explanation`.
#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    outcome: &'a Outcome,
    explanation: String,
    /// With `--endpoint`: the endpoint as the catalog lists it, and what it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

fn json(o: &Outcome, lang: Lang) -> JsonOut<'_> {
    JsonOut {
        outcome: o,
        explanation: classify::explanation(o, lang),
        endpoint: o.endpoint.as_deref(),
        kind: o.kind.map(|k| k.as_str()),
    }
}

/// The catalog endpoint `--endpoint` names; a typo gets the closest endpoint as a suggestion.
fn endpoint_of(input: &str) -> Result<&'static crate::catalog::Endpoint, UsageError> {
    let catalog = crate::catalog::endpoints();
    if let Some(r) = catalog.resolve(input) {
        return Ok(r.endpoint);
    }
    let hint = catalog.suggest(input).map(|e| format!(" (did you mean \"{}\"?)", e.key())).unwrap_or_default();
    Err(UsageError(format!(
        "--endpoint {input:?} is not an endpoint of the catalog{hint}; `brazen catalog` lists them"
    )))
}

fn parse_status(s: &str) -> Result<u16, UsageError> {
    s.trim()
        .parse::<u16>()
        .ok()
        // 1XX are interim answers, never what an API call ends with; the contract's classes are 2XX–5XX.
        .filter(|n| (200..=599).contains(n))
        .ok_or_else(|| UsageError(format!("STATUS must be a final HTTP status code from 200 to 599, not {s:?}")))
}

fn parse_header(h: &str) -> Result<(String, String), UsageError> {
    let bad =
        || UsageError(format!("--header {h:?}: expected \"Name: value\", e.g. \"X-RateLimit-Reset: 1740830412\""));
    let (name, value) = h.split_once(':').ok_or_else(bad)?;
    let name = name.trim();
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err(bad());
    }
    Ok((name.to_string(), value.trim().to_string()))
}

fn parse_now(s: &str) -> Result<jiff::Timestamp, UsageError> {
    s.trim()
        .parse::<jiff::Timestamp>()
        .map_err(|e| UsageError(format!("--now {s:?} is not an RFC 3339 time such as 2025-03-01T12:00:00Z ({e})")))
}

/// The text card: a coloured title (status, class, outcome, row name), then one labelled field per fact.
pub(crate) fn card(o: &Outcome, lang: Lang, paint: Paint, cols: usize) -> String {
    let l = ExplainText::get(lang);
    let label_cols = [l.error, l.message, l.meaning, l.action, l.sent, l.retry, l.rate, l.minor, l.note]
        .map(width)
        .into_iter()
        .max();
    let lc = label_cols.unwrap_or(12);
    let e = classify::explain(o, lang);
    let row = classify::row(o);
    let minor = o.outcome == OutcomeKind::SuccessWithMinorErrors;

    // 2XX answers have no row; their shape names them unless it only repeats the outcome.
    let title_name = o.name.clone().or_else(|| o.shape.clone().filter(|s| s != o.outcome.as_str()));
    // A status outside 100–599 has no class to show; its name (Invalid Status) says so.
    let head = match o.class.name() {
        Some(class) => format!("{} {class}", o.status),
        None => o.status.to_string(),
    };
    let mut out = paint.status(o.status, minor, &head);
    if let Some(n) = title_name {
        out.push_str(&format!(" {}", paint.bold(&crate::text::visible(&n))));
    }
    out.push_str(&format!("  {}\n", paint.dim(o.outcome.as_str())));
    let mut put = |label: &str, value: &str| out.push_str(&field(label, lc, value, cols));

    if let Some(id) = &o.error {
        put(l.error, id);
    }
    if let Some(m) = &o.message {
        put(l.message, m);
    } else if o.body_kind != BodyKind::Json {
        put(l.message, &format!("({})", body_kind(lang, o.body_kind)));
    }
    // A known endpoint's success means what the endpoint does; only without one is the body's shape the guide.
    let by_kind = o.kind.filter(|_| o.accepted).map(|k| crate::text::capitalised(classify::kind_meaning(k, lang)));
    let meaning = row
        .map(|r| r.meaning.get(lang).to_string())
        .or(by_kind)
        .or_else(|| classify::shape(o).map(|s| s.meaning.get(lang).to_string()))
        .unwrap_or_else(|| e.what.clone());
    put(l.meaning, &meaning);
    if let Some(a) = &e.action {
        put(l.action, a);
    }
    put(l.sent, &e.accepted);
    let errors_label = if o.outcome == OutcomeKind::Fatal { l.details } else { l.minor };
    for (i, m) in o.minor_errors.iter().enumerate() {
        put(if i == 0 { errors_label } else { "" }, &format!("• {m}"));
    }
    if let Some(id) = &o.send_id {
        put("send_id", id);
    }
    if let Some(id) = &o.dispatch_id {
        put("dispatch_id", id);
    }
    if let Some(id) = &o.schedule_id {
        put("schedule_id", id);
    }
    put(l.retry, &retry_short(lang, &o.retry));
    if let Some(r) = rate_line(lang, o) {
        put(l.rate, &r);
    }
    for n in e.body_note.iter().chain(&e.notes) {
        put(l.note, n);
    }
    out
}

fn body_kind(lang: Lang, k: BodyKind) -> &'static str {
    let t = ExplainText::get(lang);
    match k {
        BodyKind::Html => t.body_html,
        BodyKind::Empty => t.body_empty,
        BodyKind::Text => t.body_text,
        BodyKind::Json => t.body_json,
    }
}

fn retry_short(lang: Lang, advice: &RetryAdvice) -> String {
    let t = ExplainText::get(lang);
    let secs = |s: f64| crate::classify::seconds_text(lang, s);
    match advice {
        RetryAdvice::None => t.retry_none.into(),
        RetryAdvice::FixRequest => t.retry_fix.into(),
        // No retries planned (`--retries 0`): no waits to list.
        RetryAdvice::Backoff { schedule_seconds } if schedule_seconds.is_empty() => t.retry_later.into(),
        RetryAdvice::Backoff { schedule_seconds } => {
            let list = schedule_seconds.iter().map(|s| secs(*s)).collect::<Vec<_>>().join(", ");
            fill(t.retry_backoff, &[("waits", &list)])
        }
        RetryAdvice::WaitForReset { after_seconds: Some(n) } => fill(t.retry_reset, &[("after", &secs(*n as f64))]),
        RetryAdvice::WaitForReset { after_seconds: None } => t.retry_reset_unknown.into(),
        RetryAdvice::WaitForJob => t.retry_job.into(),
    }
}

fn rate_line(lang: Lang, o: &Outcome) -> Option<String> {
    let t = ExplainText::get(lang);
    let r = o.rate_limit;
    let mut parts = Vec::new();
    match (r.remaining, r.limit) {
        (Some(left), Some(limit)) => parts.push(fill(t.rate_left_of, &[("left", &left), ("limit", &limit)])),
        (Some(left), None) => parts.push(fill(t.rate_left, &[("left", &left)])),
        (None, Some(limit)) => parts.push(fill(t.rate_limit, &[("limit", &limit)])),
        (None, None) => {}
    }
    if let Some(reset) = r.reset {
        let at = jiff::Timestamp::from_second(reset).map(|t| t.to_string()).unwrap_or_else(|_| reset.to_string());
        parts.push(fill(t.rate_resets, &[("at", &at)]));
    } else if r.reset_out_of_range {
        parts.push(t.rate_out_of_range.into());
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_are_caught() {
        assert_eq!(parse_status("429").unwrap(), 429);
        for bad in ["99", "100", "199", "600", "abc", "", "-1", "4290"] {
            assert!(parse_status(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_header("X-RateLimit-Reset:  17 ").unwrap(), ("X-RateLimit-Reset".into(), "17".into()));
        assert_eq!(parse_header("retry-after:5").unwrap(), ("retry-after".into(), "5".into()));
        for bad in ["no colon", ": value", "two words: v", "a\tb: v"] {
            assert!(parse_header(bad).is_err(), "{bad}");
        }
        assert!(parse_now("2025-03-01T12:00:00Z").is_ok());
        assert!(parse_now("2025-03-01T12:00:00+09:00").is_ok());
        assert!(parse_now("yesterday").is_err());
        assert!(parse_now("2025-03-01").is_err());
    }

    #[test]
    fn the_card_names_everything_and_stays_plain_without_colour() {
        let now: jiff::Timestamp = "2025-03-01T12:00:00Z".parse().unwrap();
        let headers = vec![("x-ratelimit-reset".to_string(), (now.as_second() + 12).to_string())];
        let o = classify::outcome(429, &headers, br#"{"message":"Rate Limited"}"#, now);
        let text = card(&o, Lang::En, Paint { on: false }, 100);
        let r = classify::row(&o).unwrap();
        assert!(text.starts_with("429 4XX Rate Limited  fatal\n"), "{text}");
        assert!(!text.contains('\x1b'));
        for want in [r.id.as_str(), "wait for the rate-limit reset: 12 s", "2025-03-01T12:00:12Z", "Nothing was sent"] {
            assert!(text.contains(want), "{want} in\n{text}");
        }
        assert!(text.replace('\n', " ").split_whitespace().collect::<Vec<_>>().join(" ").contains(&r.meaning.en));
        let coloured = card(&o, Lang::En, Paint { on: true }, 100);
        assert!(coloured.starts_with("\x1b[1;34m429 4XX\x1b[0m"), "{coloured:?}");
    }

    #[test]
    fn backoff_advice_without_a_schedule_is_a_whole_sentence() {
        for lang in [Lang::En, Lang::Ko] {
            let empty = retry_short(lang, &RetryAdvice::Backoff { schedule_seconds: Vec::new() });
            assert!(!empty.trim_end().ends_with("up to") && !empty.trim_end().ends_with("최대 대기"), "{empty}");
            assert!(!empty.contains("waits up to") && !empty.contains("최대 대기"), "{empty}");
            let listed = retry_short(lang, &RetryAdvice::Backoff { schedule_seconds: vec![1.0, 2.0] });
            assert!(listed.contains(", "), "{listed}");
        }
        // Through the card, as `send --retries 0` shows a 502.
        let now: jiff::Timestamp = "2025-03-01T12:00:00Z".parse().unwrap();
        let mut o = classify::outcome(502, &[], b"<html>bad gateway</html>", now);
        o.retry = RetryAdvice::Backoff { schedule_seconds: Vec::new() };
        let text = card(&o, Lang::En, Paint { on: false }, 100);
        assert!(text.contains("retry later, backing off with full jitter"), "{text}");
    }

    #[test]
    fn the_errors_of_a_rejection_are_details_not_minor_errors() {
        let now: jiff::Timestamp = "2025-03-01T12:00:00Z".parse().unwrap();
        let o = classify::outcome(400, &[], br#"{"message":"Bad Request","errors":["x is not a string"]}"#, now);
        assert_eq!(o.outcome, OutcomeKind::Fatal);
        assert_eq!(o.minor_errors, ["x is not a string"]);
        let text = card(&o, Lang::En, Paint { on: false }, 100);
        assert!(text.contains("  details       • x is not a string\n"), "{text}");
        assert!(!text.contains("minor errors"), "{text}");
        let ko = card(&o, Lang::Ko, Paint { on: false }, 100);
        assert!(ko.contains("상세") && !ko.contains("경미한 오류"), "{ko}");
        // Accepted with errors: those are minor errors.
        let o = classify::outcome(201, &[], br#"{"message":"success","errors":["bad alias"]}"#, now);
        assert!(card(&o, Lang::En, Paint { on: false }, 100).contains("minor errors  • bad alias"));
    }
}
