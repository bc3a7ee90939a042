//! How a sent exchange is shown: the text result (the explanation card or the network failure, the attempts, the
//! body, where it was recorded) and the JSON object of `send --format json`. Shared by `send`, `replay` and
//! `batch`; nothing here sends or records.

use serde::Serialize;

use super::output::{Paint, field, text_width, width};
use crate::client::{self, Front, PreparedRequest, SendPlan, Sent};
use crate::config::SANDBOX;
use crate::exchange::Exchange;
use crate::i18n::{Lang, Table as _, fill};
use crate::text::visible;
use crate::validate::Report;

crate::table! {
    /// Words of a sent exchange's text result.
    pub struct SentText {
        no_http_answer: "(no HTTP answer)" / "(HTTP 응답 없음)",
        detail: "detail" / "상세",
        advice: "advice" / "조치",
        note: "note" / "참고",
        stopped: "stopped" / "중단",
        cancelled: "cancelled" / "취소",
        by_the_user: "by the user" / "사용자가 취소했습니다",
        body: "body" / "본문",
        body_cut: "body (the first {kept} of {total} bytes: max_body_bytes)"
            / "본문 ({total} 바이트 중 앞 {kept} 바이트: max_body_bytes)",
        attempts: "attempts" / "시도",
        waited: "after {secs}, " / "{secs} 대기 후 ",
        kept_truncated: " (body of {bytes} bytes kept truncated)" / " (본문 {bytes} 바이트 중 앞부분만 보관)",
        not_recorded: "not recorded" / "기록 안 함",
        sandbox: "sandbox (built-in mock)" / "sandbox (내장 모의 서버)",
        more_line: "… {bytes} more bytes ({lines} more line) not shown; {show} has all of it"
            / "… {bytes}바이트({lines}줄)를 더 보여 주지 않았습니다. {show}로 전부 볼 수 있습니다",
        more_lines: "… {bytes} more bytes ({lines} more lines) not shown; {show} has all of it"
            / "… {bytes}바이트({lines}줄)를 더 보여 주지 않았습니다. {show}로 전부 볼 수 있습니다",
        not_retried_write: "Not retried: {endpoint} is not idempotent, and a 5XX or a broken connection can come after \
                            Braze already applied the write, so a retry could apply it twice (an event or a purchase \
                            counted twice). Check first, or pass --retries N to retry anyway."
            / "재시도하지 않았습니다: {endpoint}는 멱등하지 않으며, 5XX나 끊긴 연결은 Braze가 이미 쓰기를 반영한 뒤에 올 수 \
               있어 재시도하면 두 번 반영될 수 있습니다(이벤트나 구매가 두 번 집계됨). 먼저 확인하거나, 그래도 \
               재시도하려면 --retries N을 주세요.",
        not_retried_message: "Not retried: {endpoint} is not idempotent, and a 5XX or a broken connection can come \
                              after the message was already delivered, so a retry could send it twice. Check first, \
                              or pass --retries N to retry anyway."
            / "재시도하지 않았습니다: {endpoint}는 멱등하지 않으며, 5XX나 끊긴 연결은 메시지가 이미 전달된 뒤에 올 수 \
               있어 재시도하면 두 번 보낼 수 있습니다. 먼저 확인하거나, 그래도 재시도하려면 --retries N을 주세요.",
    }
}

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
    advice: String,
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
pub(super) struct SendJson<'a> {
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
    /// What the endpoint does (`send`, `write`, `read`, `export`, `delete`, `job`); null for one the catalog lacks.
    kind: Option<&'static str>,
    url: &'a str,
    attempts: Vec<AttemptJson>,
    /// Set when no HTTP answer came back.
    network_error: Option<NetworkJson>,
    /// Why brazen stopped retrying.
    stopped: Option<String>,
    /// A sentence when a failure was not retried because the endpoint is not idempotent.
    not_retried: Option<String>,
    cancelled: bool,
    validation: Option<&'a Report>,
    /// The last response's body: the JSON value when it parses, else the text; null without a response.
    body: serde_json::Value,
    /// The body was cut at the configured cap (`max_body_bytes`); `body` holds only its start.
    body_truncated: bool,
}

pub(super) fn json<'a>(
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
                advice: client::explain(kind, f.and_then(|f| f.status), Front::Cli, lang),
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
        kind: crate::catalog::endpoints()
            .resolve(&format!("{} {}", ex.request.method, ex.request.endpoint))
            .map(|r| r.endpoint.kind.as_str()),
        url: &ex.request.url,
        attempts: attempts_json(ex),
        network_error,
        stopped: sent.stopped.map(|s| s.sentence(lang)),
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
    let t = SentText::get(lang);
    let template = if lines == 1 { t.more_line } else { t.more_lines };
    let note = fill(template, &[("bytes", &bytes), ("lines", &lines), ("show", &show)]);
    format!("{shown}\n{note}")
}

/// Whether `endpoint` (a catalog path) sends or schedules messages, as opposed to writing data.
fn sends_messages(endpoint: &str) -> bool {
    crate::catalog::endpoints()
        .endpoints
        .iter()
        .find(|e| e.path == endpoint)
        .is_some_and(|e| e.kind == crate::catalog::Kind::Send)
}

/// Why a failure on a non-idempotent endpoint was not retried.
pub(super) fn not_retried_sentence(endpoint: &str, lang: Lang) -> String {
    let t = SentText::get(lang);
    let template = if sends_messages(endpoint) { t.not_retried_message } else { t.not_retried_write };
    fill(template, &[("endpoint", &endpoint)])
}

/// The text result: the explanation card (or the network failure), the attempts, notes, and where it was recorded.
pub(super) fn text_result(sent: &Sent, history_id: Option<i64>, req: &PreparedRequest, lang: Lang, p: Paint) -> String {
    let ex = &sent.exchange;
    let t = SentText::get(lang);
    let cols = text_width();
    // Label column: the card's (its widest label is "minor errors" / "경미한 오류"), or the network block's widest.
    let lc = match (ex.outcome.is_some(), lang) {
        (true, Lang::En) => 12,
        (true, Lang::Ko) => 11,
        (false, _) => [t.detail, t.advice, t.note, t.stopped, t.cancelled].iter().map(|l| width(l)).max().unwrap_or(0),
    };
    let mut out = match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => super::explain::card(o, lang, p, cols),
        (None, f) => {
            let kind = f.map_or(crate::exchange::NetworkErrorKind::Other, |f| f.kind);
            let mut s = format!("{} {}\n", p.bold(&p.red(client::title(kind, lang))), p.dim(t.no_http_answer));
            if let Some(f) = f {
                s.push_str(&field(t.detail, lc, &f.detail, cols));
            }
            s.push_str(&field(t.advice, lc, &client::explain(kind, f.and_then(|f| f.status), Front::Cli, lang), cols));
            s
        }
    };
    if sent.held_back {
        out.push_str(&field(t.note, lc, &not_retried_sentence(&req.endpoint, lang), cols));
    } else if let Some(why) = &sent.stopped
        && ex.attempts.len() > 1
    {
        out.push_str(&field(t.stopped, lc, &why.sentence(lang), cols));
    }
    if sent.cancelled {
        out.push_str(&field(t.cancelled, lc, t.by_the_user, cols));
    }
    if let Some(resp) = ex.final_response()
        && let Some(body) = body_for_text(&ex.request.method, resp, history_id, lang)
    {
        let title = match resp.truncated {
            false => t.body.to_string(),
            true => fill(t.body_cut, &[("kept", &resp.body.len()), ("total", &resp.body_bytes)]),
        };
        out.push_str(&format!("{}\n", p.bold(&title)));
        // Bodies keep their own line breaks and indentation: no wrapping.
        for line in body.lines() {
            out.push_str(&format!("  {}\n", visible(line)));
        }
    }
    out.push_str(&format!("{}\n", p.bold(t.attempts)));
    for a in &ex.attempts {
        out.push_str(&attempt_line(a, lang, p));
    }
    let recorded = history_id.map_or_else(|| t.not_recorded.to_string(), |id| format!("#{id}"));
    let env = if ex.environment == SANDBOX { t.sandbox } else { ex.environment.as_str() };
    let request = visible(&format!("{env} · {} {}", ex.request.method, ex.request.url)).into_owned();
    out.push_str(&p.dim(&format!("{recorded} · {request}\n")));
    out
}

/// One attempt of the text result: its number, the wait before it, its status or failure, its time.
fn attempt_line(a: &crate::exchange::Attempt, lang: Lang, p: Paint) -> String {
    let t = SentText::get(lang);
    let result = match (&a.response, &a.failure) {
        (Some(r), _) => p.status(r.status, false, &r.status.to_string()),
        (None, Some(f)) => p.red(client::kind_name(f.kind)),
        (None, None) => "?".to_string(),
    };
    let waited = match a.waited_ms {
        0 => String::new(),
        ms => fill(t.waited, &[("secs", &crate::classify::seconds_text(lang, ms as f64 / 1000.0))]),
    };
    let truncated = match &a.response {
        Some(r) if r.truncated => fill(t.kept_truncated, &[("bytes", &r.body_bytes)]),
        _ => String::new(),
    };
    format!("  #{}  {waited}{result}  {:.1} ms{truncated}\n", a.number, a.timings.total_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sent_table_is_complete() {
        assert!(crate::i18n::check::<SentText>().is_empty());
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
