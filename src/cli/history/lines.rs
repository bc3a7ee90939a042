//! The text of `brazen history list`: one aligned, class-coloured line per exchange.

use super::super::output::{Paint, pad, width};
use super::super::text::HistoryText;
use crate::answer::AnswerClass;
use crate::classify::OutcomeKind;
use crate::classify::network;
use crate::history::Summary;
use crate::i18n::{Lang, Table as _, fill};
use crate::text::visible;

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
    lines_for(rows, paint, tz, lang, false)
}

/// [`lines`], with a USER column after the environment when `users` (a shared ledger, where who sent it matters;
/// the local history is one person's).
pub(crate) fn lines_for(rows: &[Summary], paint: Paint, tz: &jiff::tz::TimeZone, lang: Lang, users: bool) -> String {
    let t = HistoryText::get(lang);
    let user = |r: &Summary| visible(r.user.as_deref().unwrap_or("—")).into_owned();
    const USER_HEAD: &str = "USER";
    let user_w = if users { rows.iter().map(|r| width(&user(r))).max().unwrap_or(4).max(USER_HEAD.len()) } else { 0 };
    let user_col = |text: &str| if users { format!("{}  ", pad(text, user_w)) } else { String::new() };
    let env = |r: &Summary| visible(&r.environment).into_owned();
    let request = |r: &Summary| visible(&format!("{} {}", r.method, r.endpoint)).into_owned();
    let heads = [t.head_id, t.head_time, t.head_env, t.head_request, t.head_status, t.head_ms, t.head_result];
    let id_w = rows.iter().map(|r| format!("#{}", r.id).len()).max().unwrap_or(2).max(width(heads[0]));
    let env_w = rows.iter().map(|r| width(&env(r))).max().unwrap_or(3).max(width(heads[2]));
    let req_w = rows.iter().map(|r| width(&request(r))).max().unwrap_or(7).clamp(width(heads[3]), MAX_REQUEST_COLS);
    let mut out = paint.dim(&format!(
        "{:>id_w$}  {}  {}  {}{}  {}  {:>8}  {}",
        heads[0],
        pad(heads[1], 19),
        pad(heads[2], env_w),
        user_col(USER_HEAD),
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
            result.push_str(&format!(" {}", fill(t.attempts_n, &[("n", &r.attempts)])));
        }
        if let Some(of) = r.replay_of {
            result.push_str(&format!(" {}", fill(t.replay_of, &[("id", &of)])));
        }
        if let Some(by) = r.replayed_by {
            result.push_str(&format!(" {}", fill(t.replayed_by, &[("id", &by)])));
        }
        if r.replay_unknown {
            // A replay may have reached the server but was never recorded: a person decides (README, the ledger).
            result.push_str(" (replay unknown)");
        }
        let request = fit(&request(r), req_w);
        out.push_str(&format!(
            "{:>id_w$}  {time:<19}  {}  {}{}  {status}  {:>8.0}  {}\n",
            format!("#{}", r.id),
            pad(&env(r), env_w),
            user_col(&user(r)),
            pad(&request, req_w),
            r.duration_ms,
            visible(result.trim())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output::width;
    use crate::history::Store;
    use crate::history::fixtures::{self, Answer};

    fn summary_of(store: &Store, id: i64) -> Summary {
        store.summary(id).unwrap().unwrap()
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
}
