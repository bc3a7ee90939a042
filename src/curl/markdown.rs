//! A recorded exchange → a markdown reproduction report for a support ticket: summary, explanation, the request as
//! curl, the response, the attempts. Each section is one function writing into the report.
//!
//! An adapter over the core: may use `exchange`, `classify`, `scrub` and `i18n`; must not import tokio, reqwest,
//! rusqlite, axum, crossterm, std::fs, nor crate::{client, history, mock, cli, tui, service, system}.

use std::fmt::Write as _;

use super::export::{export_curl, export_notes};
use crate::classify::Outcome;
use crate::classify::network;
use crate::exchange::{Attempt, Exchange, ResponseRecord};
use crate::i18n::{Lang, Table as _, fill};
use crate::scrub::{Secrets, exchange as scrubbed};

/// The markdown report shows at most this much of the response body.
pub const MARKDOWN_BODY_CAP: usize = 16 * 1024;

crate::table! {
    /// The words of the markdown report.
    pub struct MarkdownText {
        exchange: "Exchange" / "교환",
        time: "Time" / "시각",
        environment: "Environment" / "환경",
        request: "Request" / "요청",
        result: "Result" / "결과",
        accepted_by: "Accepted by Braze" / "Braze 수락",
        accepted_yes: "yes (accepted is not delivered)" / "예 (수락은 전달이 아님)",
        accepted_no: "no — nothing was sent" / "아니요 — 아무것도 발송되지 않음",
        duration: "Duration" / "소요 시간",
        /// After the number of attempts: Korean has one word for both.
        attempt_one: "attempt" / "회 시도",
        attempt_many: "attempts" / "회 시도",
        replay_of: "Replay of" / "재전송 원본",
        meaning: "What it means" / "의미",
        minor_errors: "Minor errors" / "경미한 오류",
        no_key: "The API key is not included; set `BRAZE_API_KEY` before running this."
            / "API 키는 포함되어 있지 않습니다. 실행하기 전에 `BRAZE_API_KEY`를 설정하세요.",
        no_scim_token: "The SCIM token is not included; set `BRAZE_SCIM_TOKEN` before running this."
            / "SCIM 토큰은 포함되어 있지 않습니다. 실행하기 전에 `BRAZE_SCIM_TOKEN`을 설정하세요.",
        response: "Response" / "응답",
        kept_truncated: "kept truncated" / "잘린 채 보관",
        empty_body: "empty body" / "빈 본문",
        body_cut: "Only the first {kib} KiB of the body are shown." / "처음 {kib} KiB 만 표시합니다.",
        no_response: "No HTTP response." / "HTTP 응답 없음.",
        attempts: "Attempts" / "시도",
        started: "Started (UTC)" / "시작 (UTC)",
        waited: "Waited" / "대기",
        connect: "Connect" / "연결",
        first_byte: "First byte" / "첫 바이트",
        total: "Total" / "전체",
    }
}

/// A support-ready reproduction of `ex`: summary, explanation, the request as curl, the response, the attempts.
pub fn export_markdown(ex: &Exchange, lang: Lang) -> String {
    let ex = scrubbed(ex, &Secrets::new());
    let t = MarkdownText::get(lang);
    let mut md = String::new();
    summary(&mut md, &ex, lang, t);
    meaning(&mut md, &ex, lang, t);
    request(&mut md, &ex, lang, t);
    let _ = writeln!(md, "\n### {}\n", t.response);
    match ex.final_response() {
        Some(r) => response(&mut md, r, t),
        None => {
            let _ = writeln!(md, "{}", t.no_response);
        }
    }
    attempts(&mut md, &ex, lang, t);
    let _ = writeln!(md, "\n_brazen {}_", env!("CARGO_PKG_VERSION"));
    md
}

/// The explanation alone: the heading, the table of facts and what the answer means (the card as text).
pub fn export_explanation(ex: &Exchange, lang: Lang) -> String {
    let ex = scrubbed(ex, &Secrets::new());
    let t = MarkdownText::get(lang);
    let mut md = String::new();
    summary(&mut md, &ex, lang, t);
    meaning(&mut md, &ex, lang, t);
    md
}

/// The heading and the table of facts: id, time, environment, request, result, Braze's ids, duration, replay.
fn summary(md: &mut String, ex: &Exchange, lang: Lang, t: &MarkdownText) {
    let req = &ex.request;
    let result = result_line(ex, lang);
    let _ = writeln!(md, "## {} {} → {}\n", req.method, req.endpoint, result);
    let _ = writeln!(md, "| | |\n|---|---|");
    if let Some(id) = ex.id {
        let _ = writeln!(md, "| {} | #{id} |", t.exchange);
    }
    let _ = writeln!(md, "| {} | {} |", t.time, ex.time);
    let _ = writeln!(md, "| {} | {} |", t.environment, ex.environment);
    let _ = writeln!(md, "| {} | `{} {}` |", t.request, req.method, req.url);
    let _ = writeln!(md, "| {} | {} |", t.result, result);
    if let Some(o) = &ex.outcome {
        outcome_rows(md, o, t);
    }
    let n = ex.attempts.len();
    let attempts = if n == 1 { t.attempt_one } else { t.attempt_many };
    let _ = writeln!(md, "| {} | {:.0} ms, {n} {attempts} |", t.duration, ex.duration_ms());
    if let Some(of) = ex.replay_of {
        let _ = writeln!(md, "| {} | #{of} |", t.replay_of);
    }
}

/// Whether Braze accepted the request, and the ids it answered with.
fn outcome_rows(md: &mut String, o: &Outcome, t: &MarkdownText) {
    let accepted = if o.accepted { t.accepted_yes } else { t.accepted_no };
    let _ = writeln!(md, "| {} | {accepted} |", t.accepted_by);
    for (label, v) in [("send_id", &o.send_id), ("dispatch_id", &o.dispatch_id), ("schedule_id", &o.schedule_id)] {
        if let Some(v) = v {
            let _ = writeln!(md, "| {label} | `{v}` |");
        }
    }
}

/// What the result means, and Braze's minor errors.
fn meaning(md: &mut String, ex: &Exchange, lang: Lang, t: &MarkdownText) {
    let _ = writeln!(md, "\n### {}\n\n{}", t.meaning, explanation(ex, lang));
    if let Some(o) = &ex.outcome
        && !o.minor_errors.is_empty()
    {
        let _ = writeln!(md, "\n{}:\n", t.minor_errors);
        for e in &o.minor_errors {
            let _ = writeln!(md, "- {}", e.replace('\n', " "));
        }
    }
}

/// The request as a curl command, after the notes its reader must know.
fn request(md: &mut String, ex: &Exchange, lang: Lang, t: &MarkdownText) {
    let no_credential = if super::export::is_scim(ex) { t.no_scim_token } else { t.no_key };
    let _ = writeln!(md, "\n### {}\n\n{no_credential}\n", t.request);
    for note in export_notes(ex, lang) {
        let _ = writeln!(md, "{note}\n");
    }
    fenced(md, "sh", &export_curl(ex));
}

/// The final response: status and size, headers, the body (pretty when JSON, capped).
fn response(md: &mut String, r: &ResponseRecord, t: &MarkdownText) {
    let size = if r.truncated {
        format!("{} bytes, {}", r.body_bytes, t.kept_truncated)
    } else {
        format!("{} bytes", r.body_bytes)
    };
    let _ = writeln!(md, "`HTTP {}` · {size}\n", r.status);
    let headers: String = r.headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
    if !headers.is_empty() {
        fenced(md, "http", headers.trim_end());
        md.push('\n');
    }
    let (body, cut) = pretty_capped(&r.body);
    if body.is_empty() {
        let _ = writeln!(md, "_{}_", t.empty_body);
    } else {
        let lang_tag = if serde_json::from_str::<serde_json::Value>(&r.body).is_ok() { "json" } else { "" };
        fenced(md, lang_tag, &body);
    }
    if cut {
        let _ = writeln!(md, "\n_{}_", fill(t.body_cut, &[("kib", &(MARKDOWN_BODY_CAP / 1024))]));
    }
}

/// One row per attempt: when it started, how long it waited, what it got, its timings.
fn attempts(md: &mut String, ex: &Exchange, lang: Lang, t: &MarkdownText) {
    let _ = writeln!(md, "\n### {}\n", t.attempts);
    let _ = writeln!(
        md,
        "| # | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
        t.started, t.waited, t.result, t.connect, t.first_byte, t.total
    );
    for a in &ex.attempts {
        let _ = writeln!(
            md,
            "| {} | {} | {} ms | {} | {} | {} | {:.1} ms |",
            a.number,
            a.started_at,
            a.waited_ms,
            attempt_result(a, lang),
            ms(a.timings.connect_ms),
            ms(a.timings.first_byte_ms),
            a.timings.total_ms
        );
    }
}

/// `400 No Recipients (4XX, fatal)`, or the network failure's title.
fn result_line(ex: &Exchange, lang: Lang) -> String {
    match (&ex.outcome, ex.final_response(), ex.final_failure()) {
        (Some(o), _, _) => {
            let name = o.name.clone().or_else(|| o.message.clone()).unwrap_or_default();
            let class = o.class.name().map(|c| format!("{c}, ")).unwrap_or_default();
            format!("{} {} ({class}{})", o.status, name, o.outcome.as_str()).replace("  ", " ")
        }
        (None, Some(r), _) => r.status.to_string(),
        (None, None, Some(f)) => {
            format!("{} ({})", network::title(f.kind, lang), network::kind_name(f.kind))
        }
        (None, None, None) => "—".to_string(),
    }
}

fn explanation(ex: &Exchange, lang: Lang) -> String {
    match (&ex.outcome, ex.final_failure()) {
        (Some(o), _) => crate::classify::explanation(o, lang),
        (None, Some(f)) => {
            let advice = network::explain(f.kind, f.status, network::Front::Cli, lang);
            format!("{}: {advice} ({})", network::title(f.kind, lang), f.detail)
        }
        (None, None) => String::new(),
    }
}

fn attempt_result(a: &Attempt, lang: Lang) -> String {
    match (&a.response, &a.failure) {
        (Some(r), _) => r.status.to_string(),
        (None, Some(f)) => network::title(f.kind, lang).to_string(),
        (None, None) => "—".to_string(),
    }
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1} ms"))
}

/// The body pretty-printed when it is JSON, cut at [`MARKDOWN_BODY_CAP`]; whether it was cut.
fn pretty_capped(body: &str) -> (String, bool) {
    let pretty = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_string());
    if pretty.len() <= MARKDOWN_BODY_CAP {
        return (pretty, false);
    }
    let mut end = MARKDOWN_BODY_CAP;
    while !pretty.is_char_boundary(end) {
        end -= 1;
    }
    (pretty[..end].to_string(), true)
}

/// A fenced code block long enough that backticks inside `text` cannot close it.
fn fenced(md: &mut String, lang: &str, text: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let _ = writeln!(md, "{fence}{lang}\n{text}\n{fence}");
}

#[cfg(test)]
mod table_tests {
    #[test]
    fn markdown_text_is_complete() {
        assert!(crate::i18n::check::<super::MarkdownText>().is_empty());
    }
}
