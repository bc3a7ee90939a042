//! A recorded exchange → a curl command, or a markdown reproduction report for a support ticket.

use std::fmt::Write as _;

use crate::classify::network;
use crate::exchange::{Attempt, Exchange};
use crate::i18n::Lang;
use crate::scrub::{Secrets, exchange as scrubbed};

/// The variable exports put where the key was.
pub const KEY_VARIABLE: &str = "$BRAZE_API_KEY";

/// The markdown report shows at most this much of the response body.
pub const MARKDOWN_BODY_CAP: usize = 16 * 1024;

/// Headers curl sets itself or that describe one connection, left out of a reproduction.
const SKIPPED_HEADERS: &[&str] =
    &["authorization", "content-length", "host", "connection", "transfer-encoding", "accept-encoding", "user-agent"];

/// `ex` as a curl command. Paste it after `export BRAZE_API_KEY=…`; the key is never in it.
pub fn export_curl(ex: &Exchange) -> String {
    let ex = scrubbed(ex, &Secrets::new());
    let req = &ex.request;
    let mut lines = vec![format!("curl -X {} {}", shell_quote(&req.method), shell_quote(&req.url))];
    if req.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("authorization")) {
        // Double quotes so the shell expands the variable.
        lines.push(format!("-H \"Authorization: Bearer {KEY_VARIABLE}\""));
    }
    for (name, value) in &req.headers {
        if !SKIPPED_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            lines.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
        }
    }
    if !req.body.is_empty() {
        // --data-raw: a body starting with @ is text, not a file name.
        lines.push(format!("--data-raw {}", shell_quote(&req.body)));
    }
    lines.join(" \\\n  ")
}

/// What a reader of an export must know before running it: [`sandbox_note`], and that the body was kept cut.
pub fn export_notes(ex: &Exchange, lang: Lang) -> Vec<String> {
    let mut notes: Vec<String> = sandbox_note(ex, lang).into_iter().map(str::to_string).collect();
    if ex.request.body_truncated {
        notes.push(
            match lang {
                Lang::En => {
                    "The history kept only the start of this body (max_body_bytes): the command below sends that                      start, not the request that was sent. Send the original file again instead."
                }
                Lang::Ko => {
                    "기록에는 이 본문의 앞부분만 남아 있습니다(max_body_bytes). 아래 명령은 보낸 요청이 아니라 그                      앞부분을 보냅니다. 원래 파일을 다시 보내세요."
                }
            }
            .to_string(),
        );
    }
    notes
}

/// For an exchange recorded in the sandbox: its URL was the in-process mock of that one run, a port that no
/// longer answers; this says how to run the command again.
pub fn sandbox_note(ex: &Exchange, lang: Lang) -> Option<&'static str> {
    (ex.environment == crate::config::SANDBOX).then_some(match lang {
        Lang::En => {
            "This was sent to the sandbox, a built-in mock whose port is gone: start `brazen mock`, put the URL it \
             prints in place of http://127.0.0.1:PORT, and set BRAZE_API_KEY to one of the keys it lists."
        }
        Lang::Ko => {
            "샌드박스(내장 모의 서버)로 보낸 요청이며 그 포트는 이제 없습니다. `brazen mock`을 실행하고 \
             http://127.0.0.1:PORT 자리에 출력된 URL을 넣은 뒤 BRAZE_API_KEY를 출력된 키 중 하나로 설정하세요."
        }
    })
}

/// Quotes `s` for a POSIX shell: as is when it is plain, else in single quotes with `'` written `'\''`.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', "'\\''")) }
}

/// Labels in the report's language.
struct Labels {
    lang: Lang,
}

impl Labels {
    fn t<'a>(&self, en: &'a str, ko: &'a str) -> &'a str {
        match self.lang {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }
}

/// A support-ready reproduction of `ex`: summary, explanation, the request as curl, the response, the attempts.
pub fn export_markdown(ex: &Exchange, lang: Lang) -> String {
    let ex = scrubbed(ex, &Secrets::new());
    let l = Labels { lang };
    let mut md = String::new();
    let req = &ex.request;
    let result = result_line(&ex, lang);
    let _ = writeln!(md, "## {} {} → {}\n", req.method, req.endpoint, result);

    let _ = writeln!(md, "| | |\n|---|---|");
    if let Some(id) = ex.id {
        let _ = writeln!(md, "| {} | #{id} |", l.t("Exchange", "교환"));
    }
    let _ = writeln!(md, "| {} | {} |", l.t("Time", "시각"), ex.time);
    let _ = writeln!(md, "| {} | {} |", l.t("Environment", "환경"), ex.environment);
    let _ = writeln!(md, "| {} | `{} {}` |", l.t("Request", "요청"), req.method, req.url);
    let _ = writeln!(md, "| {} | {} |", l.t("Result", "결과"), result);
    if let Some(o) = &ex.outcome {
        let accepted = if o.accepted {
            l.t("yes (accepted is not delivered)", "예 (수락은 전달이 아님)")
        } else {
            l.t("no — nothing was sent", "아니요 — 아무것도 발송되지 않음")
        };
        let _ = writeln!(md, "| {} | {accepted} |", l.t("Accepted by Braze", "Braze 수락"));
        for (label, v) in [("send_id", &o.send_id), ("dispatch_id", &o.dispatch_id), ("schedule_id", &o.schedule_id)] {
            if let Some(v) = v {
                let _ = writeln!(md, "| {label} | `{v}` |");
            }
        }
    }
    let _ = writeln!(
        md,
        "| {} | {:.0} ms, {} {} |",
        l.t("Duration", "소요 시간"),
        ex.duration_ms(),
        ex.attempts.len(),
        l.t(if ex.attempts.len() == 1 { "attempt" } else { "attempts" }, "회 시도")
    );
    if let Some(of) = ex.replay_of {
        let _ = writeln!(md, "| {} | #{of} |", l.t("Replay of", "재전송 원본"));
    }

    let _ = writeln!(md, "\n### {}\n\n{}", l.t("What it means", "의미"), explanation(&ex, lang));
    if let Some(o) = &ex.outcome
        && !o.minor_errors.is_empty()
    {
        let _ = writeln!(md, "\n{}:\n", l.t("Minor errors", "경미한 오류"));
        for e in &o.minor_errors {
            let _ = writeln!(md, "- {}", e.replace('\n', " "));
        }
    }

    let _ = writeln!(
        md,
        "\n### {}\n\n{}\n",
        l.t("Request", "요청"),
        l.t(
            "The API key is not included; set `BRAZE_API_KEY` before running this.",
            "API 키는 포함되어 있지 않습니다. 실행하기 전에 `BRAZE_API_KEY`를 설정하세요."
        )
    );
    for note in export_notes(&ex, lang) {
        let _ = writeln!(md, "{note}\n");
    }
    fenced(&mut md, "sh", &export_curl(&ex));

    let _ = writeln!(md, "\n### {}\n", l.t("Response", "응답"));
    match ex.final_response() {
        Some(r) => {
            let size = if r.truncated {
                format!("{} bytes, {}", r.body_bytes, l.t("kept truncated", "잘린 채 보관"))
            } else {
                format!("{} bytes", r.body_bytes)
            };
            let _ = writeln!(md, "`HTTP {}` · {size}\n", r.status);
            let headers: String = r.headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
            if !headers.is_empty() {
                fenced(&mut md, "http", headers.trim_end());
                md.push('\n');
            }
            let (body, cut) = pretty_capped(&r.body);
            if body.is_empty() {
                let _ = writeln!(md, "_{}_", l.t("empty body", "빈 본문"));
            } else {
                let lang_tag = if serde_json::from_str::<serde_json::Value>(&r.body).is_ok() { "json" } else { "" };
                fenced(&mut md, lang_tag, &body);
            }
            if cut {
                let _ = writeln!(
                    md,
                    "\n_{} {} KiB {}_",
                    l.t("Only the first", "처음"),
                    MARKDOWN_BODY_CAP / 1024,
                    l.t("of the body are shown.", "만 표시합니다.")
                );
            }
        }
        None => {
            let _ = writeln!(md, "{}", l.t("No HTTP response.", "HTTP 응답 없음."));
        }
    }

    let _ = writeln!(md, "\n### {}\n", l.t("Attempts", "시도"));
    let _ = writeln!(
        md,
        "| # | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
        l.t("Started (UTC)", "시작 (UTC)"),
        l.t("Waited", "대기"),
        l.t("Result", "결과"),
        l.t("Connect", "연결"),
        l.t("First byte", "첫 바이트"),
        l.t("Total", "전체")
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
    let _ = writeln!(md, "\n_brazen {}_", env!("CARGO_PKG_VERSION"));
    md
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
            format!("{}: {} ({})", network::title(f.kind, lang), network::advice(f.kind, lang), f.detail)
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
