//! `brazen history show`: one exchange in full, as text (the explanation card, request, attempts, response) or as
//! the list object plus everything recorded (`--format json`).

use serde::Serialize;

use super::super::explain::card;
use super::super::output::{Format, Paint, text_width, wrap};
use super::super::print::{out, print_json};
use super::super::text::HistoryText;
use super::load;
use crate::answer::Answer;
use crate::classify::network::{self, Front};
use crate::exchange::{Exchange, NetworkFailure, RequestRecord, ResponseRecord};
use crate::history::{Store, Summary};
use crate::i18n::{Lang, Table as _, fill};
use crate::retry::RetryAdvice;
use crate::text::visible;

/// `show` prints at most this much of each body; `--format json` and `export` have it all.
const SHOWN_BODY_BYTES: usize = 16 * 1024;

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

pub(super) fn show(store: &Store, id: &str, format: Format, lang: Lang) -> anyhow::Result<i32> {
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
    crate::curl::bundle::explanation_text(ex, lang)
}

/// The text of `show`: header, the explanation card, request, attempts, response. Everything recorded (URL,
/// headers, bodies, failure details) is made visible.
pub(crate) fn detail(ex: &Exchange, s: &Summary, lang: Lang, paint: Paint, cols: usize) -> String {
    let t = HistoryText::get(lang);
    let mut out = String::new();
    let mut head = format!("#{}  {}  {}", s.id, s.time, visible(&s.environment));
    if let Some(of) = s.replay_of {
        head.push_str(&format!("  {}", fill(t.replay_of, &[("id", &of)])));
    }
    if let Some(by) = s.replayed_by {
        head.push_str(&format!("  {}", fill(t.replayed_by, &[("id", &by)])));
    }
    if let Some(name) = &s.saved_request {
        head.push_str(&format!("  {}", fill(t.saved_request, &[("name", &visible(name))])));
    }
    if let Some(from) = &s.imported_from {
        let vars: [(&str, &dyn std::fmt::Display); 4] = [
            ("file", &visible(&from.file)),
            ("env", &visible(&from.environment)),
            ("id", &from.id),
            ("at", &from.exported_at),
        ];
        head.push_str(&format!("  {}", fill(t.imported_from, &vars)));
    }
    out.push_str(&paint.dim(&head));
    out.push('\n');
    out.push_str(&paint.bold(&visible(&format!("{} {}", ex.request.method, ex.request.url))));
    out.push_str("\n\n");
    match ex.answer() {
        Some(Answer::Response(o)) => out.push_str(&card(o, lang, paint, cols)),
        Some(Answer::Network(f)) => {
            out.push_str(&paint.red(&format!(
                "{} ({})",
                network::title(f.kind, lang),
                s.network.map_or("", network::kind_name)
            )));
            out.push('\n');
            for line in wrap(&network::explain(f.kind, f.status, Front::Cli, lang), cols.saturating_sub(2)) {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str(&format!("  {}\n", paint.dim(&visible(&f.detail))));
        }
        None => {}
    }

    out.push_str(&format!("\n{}\n", paint.bold(t.request)));
    for (n, v) in &ex.request.headers {
        out.push_str(&format!("  {}\n", visible(&format!("{n}: {v}"))));
    }
    if ex.request.body_truncated {
        let n = ex.request.body.len();
        out.push_str(&format!("  {}\n", fill(t.body_cut, &[("n", &n)])));
    }
    body_block(&mut out, &ex.request.body, lang);

    out.push_str(&format!("\n{}\n", paint.bold(t.attempts)));
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
            t.waited,
            a.waited_ms,
            t.connect,
            opt(a.timings.connect_ms),
            t.first_byte,
            opt(a.timings.first_byte_ms),
            t.total,
            a.timings.total_ms
        ));
    }

    if let Some(r) = ex.final_response() {
        out.push_str(&format!("\n{}\n", paint.bold(t.response)));
        let trunc = if r.truncated { t.kept_truncated } else { "" };
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
        out.push_str(&format!("  … {} {}\n", pretty.len() - end, HistoryText::get(lang).more_bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Store;
    use crate::history::fixtures::{self, Answer};

    fn summary_of(store: &Store, id: i64) -> Summary {
        store.summary(id).unwrap().unwrap()
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

    #[test]
    fn the_replay_links_in_the_header_follow_the_language() {
        let store = Store::open_in_memory().unwrap();
        let answer = || Answer::Http { status: 503, body: "{}".into() };
        let ex = fixtures::exchange("POST", "/users/track", "{}", answer(), jiff::Timestamp::UNIX_EPOCH);
        let first = store.append(&ex).unwrap();
        let mut again = fixtures::exchange("POST", "/users/track", "{}", answer(), jiff::Timestamp::UNIX_EPOCH);
        again.replay_of = Some(first);
        let second = store.append(&again).unwrap();
        let got = store.get(second).unwrap().unwrap();
        let head = |lang| detail(&got, &summary_of(&store, second), lang, Paint { on: false }, 100);
        assert!(head(Lang::En).contains(&format!("(replay of #{first})")), "{}", head(Lang::En));
        assert!(head(Lang::Ko).contains(&format!("(#{first} 재전송)")), "{}", head(Lang::Ko));
    }
}
