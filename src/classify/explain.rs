//! The human explanation of an [`Outcome`], in English or Korean: what happened (the table's meaning), whether
//! Braze accepted it, what to do, and the retry advice. Table texts come from `assets/errors.toml`; only the
//! connecting sentences live here.

use std::fmt;

use super::{BodyKind, Class, Outcome, OutcomeKind, names};
use crate::i18n::Lang;
use crate::policy::RetryAdvice;

/// An explanation in parts, for front ends that lay them out (the TUI card, `explain` text); [`fmt::Display`]
/// joins them into the `explanation` sentence of the CLI contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What happened: the row's meaning, the success shape's meaning, or a sentence for a status the table lacks.
    pub what: String,
    /// About a body that is not Braze's JSON (a proxy's HTML page, nothing, plain text) or names no row.
    pub body_note: Option<String>,
    /// Whether Braze took the request: success is acceptance, not delivery; a failure sent nothing.
    pub accepted: String,
    /// What to do: the row's action, or ours when no row matched.
    pub action: Option<String>,
    /// The retry advice as a sentence.
    pub retry: Option<String>,
    /// Follow-ups: Braze's `notice`, what `send_id` / `schedule_id` are for.
    pub notes: Vec<String>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = std::iter::once(&self.what)
            .chain(&self.body_note)
            .chain(std::iter::once(&self.accepted))
            .chain(&self.action)
            .chain(&self.retry)
            .chain(&self.notes);
        for (i, p) in parts.enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(p.trim())?;
        }
        Ok(())
    }
}

/// The explanation as one paragraph (the `explanation` field of `explain --format json`).
pub fn explanation(o: &Outcome, lang: Lang) -> String {
    explain(o, lang).to_string()
}

fn pick(lang: Lang, en: String, ko: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// `1 s`, `0.5 s` / `1초`.
pub fn seconds_text(lang: Lang, s: f64) -> String {
    let n = if s.fract() == 0.0 { format!("{s:.0}") } else { format!("{s:.1}") };
    pick(lang, format!("{n} s"), format!("{n}초"))
}

/// The explanation of `o` in `lang`.
pub fn explain(o: &Outcome, lang: Lang) -> Explanation {
    let row = super::row(o);
    let answer = super::answer(o);
    let status = o.status;
    let what = if let Some(r) = row {
        format!("HTTP {status}, {}: {}", r.name, r.meaning.get(lang))
    } else if let Some(a) = answer {
        format!("HTTP {status}, {}: {}", a.name, a.meaning.get(lang))
    } else if o.accepted {
        match super::shape(o) {
            Some(s) => format!("HTTP {status}: {}", s.meaning.get(lang)),
            None => pick(
                lang,
                format!("HTTP {status}: Braze accepted the request."),
                format!("HTTP {status}: Braze가 요청을 수락했습니다."),
            ),
        }
    } else {
        let mut s = match o.class {
            Class::C3xx => pick(
                lang,
                format!(
                    "HTTP {status} is a redirect, which Braze's REST API does not send: the base URL is probably \
                     wrong (use your instance's https REST endpoint)."
                ),
                format!(
                    "HTTP {status}은(는) 리디렉션입니다. Braze REST API는 리디렉션하지 않으므로 기본 URL이 잘못되었을 \
                     가능성이 큽니다(인스턴스의 https REST 엔드포인트를 사용하세요)."
                ),
            ),
            Class::C1xx => pick(
                lang,
                format!("HTTP {status} is an interim status, not a final answer."),
                format!("HTTP {status}은(는) 중간 상태 코드이며 최종 응답이 아닙니다."),
            ),
            _ => pick(
                lang,
                format!("HTTP {status} is not in Braze's error table."),
                format!("HTTP {status}은(는) Braze 오류 표에 없습니다."),
            ),
        };
        if let Some(m) = &o.message {
            s.push(' ');
            s.push_str(&pick(lang, format!("The server said: \"{m}\"."), format!("서버 메시지: \"{m}\".")));
        }
        s
    };

    let body_note = match o.body_kind {
        BodyKind::Html => Some(pick(
            lang,
            "The body is an HTML page, not Braze's JSON: it most likely came from a proxy or load balancer between \
             you and Braze, so only the status tells what happened."
                .into(),
            "응답 본문이 Braze의 JSON이 아니라 HTML 페이지입니다. 중간의 프록시나 로드 밸런서가 보낸 응답일 가능성이 \
             높으므로 상태 코드로만 판단합니다."
                .into(),
        )),
        BodyKind::Empty if !o.accepted => Some(pick(
            lang,
            "The response had no body, so only the status tells what happened.".into(),
            "응답 본문이 비어 있어 상태 코드로만 판단합니다.".into(),
        )),
        BodyKind::Text if !o.accepted => Some(pick(
            lang,
            "The body is not JSON, so only the status tells what happened.".into(),
            "응답 본문이 JSON이 아니어서 상태 코드로만 판단합니다.".into(),
        )),
        _ => match (row, &o.message) {
            (Some(r), Some(m)) if !names(r, m) => Some(pick(
                lang,
                format!("The message \"{m}\" is not a name in the table; the row follows from the status."),
                format!("메시지 \"{m}\"은(는) 표의 이름과 일치하지 않아 상태 코드로 행을 정했습니다."),
            )),
            _ => None,
        },
    };

    let acceptance = pick(
        lang,
        "Success means Braze accepted the request for processing, not that anything was delivered.".into(),
        "성공은 Braze가 요청을 처리하기로 수락했다는 뜻이며, 메시지가 전달되었다는 뜻은 아닙니다.".into(),
    );
    let accepted = match (o.outcome, o.class) {
        // A read: there is nothing to deliver, so the delivery caveat would only confuse.
        (OutcomeKind::Success, _) if o.shape.as_deref() == Some("data") => pick(
            lang,
            "Braze answered the request; the data is in the body.".into(),
            "Braze가 요청에 답했습니다. 데이터는 본문에 있습니다.".into(),
        ),
        (OutcomeKind::Success, _) => acceptance,
        (OutcomeKind::SuccessWithMinorErrors, _) => {
            let n = o.minor_errors.len();
            let minor = pick(
                lang,
                format!("{n} minor error(s): the parts they name were not processed; the rest was accepted."),
                format!("경미한 오류 {n}건: 해당 부분은 처리되지 않았고 나머지는 수락되었습니다."),
            );
            format!("{minor} {acceptance}")
        }
        (OutcomeKind::Fatal, Class::C5xx) => pick(
            lang,
            "Braze did not accept the request, so treat it as not done; but a 5XX can arrive after Braze already acted \
             on it (a message sent, a user updated), so check before repeating anything that writes or sends."
                .into(),
            "Braze가 요청을 수락하지 않았으므로 처리되지 않은 것으로 보세요. 다만 5XX는 Braze가 이미 요청을 처리한 뒤(메시지 \
             발송, 사용자 갱신 등)에 올 수도 있으니 쓰거나 보내는 요청을 되풀이하기 전에 확인하세요."
                .into(),
        ),
        (OutcomeKind::Fatal, Class::Invalid) => pick(
            lang,
            "Braze did not answer, so there is no telling whether the request was accepted or acted on.".into(),
            "Braze가 답한 것이 아니므로 요청이 수락되었는지, 처리되었는지 알 수 없습니다.".into(),
        ),
        (OutcomeKind::Fatal, _) => pick(
            lang,
            "Nothing was sent: Braze did not accept the request.".into(),
            "아무것도 전송되지 않았습니다. Braze가 요청을 수락하지 않았습니다.".into(),
        ),
    };

    let action = match (row, answer) {
        (Some(r), _) => Some(r.action.get(lang).to_string()),
        (None, Some(a)) => Some(a.action.get(lang).to_string()),
        (None, None) if !o.accepted && o.class != Class::C3xx => Some(pick(
            lang,
            "Check the request against the endpoint's documentation and fix it before sending again.".into(),
            "엔드포인트 문서와 요청을 대조해 수정한 뒤 다시 보내세요.".into(),
        )),
        (None, None) => None,
    };

    let retry = match &o.retry {
        RetryAdvice::None => None,
        RetryAdvice::FixRequest => Some(pick(
            lang,
            "Sending the same request again will fail the same way.".into(),
            "같은 요청을 다시 보내면 같은 오류가 납니다.".into(),
        )),
        RetryAdvice::Backoff { schedule_seconds } if schedule_seconds.is_empty() => {
            Some(pick(lang, "Retry later.".into(), "나중에 다시 시도하세요.".into()))
        }
        RetryAdvice::Backoff { schedule_seconds } => {
            let list = schedule_seconds.iter().map(|s| seconds_text(lang, *s)).collect::<Vec<_>>().join(", ");
            Some(pick(
                lang,
                format!(
                    "Retry with exponential backoff and full jitter: before each retry wait a random time up to \
                     {list}."
                ),
                format!("지수 백오프(전체 지터)로 재시도하세요. 재시도 전마다 최대 {list}까지 무작위로 기다립니다."),
            ))
        }
        RetryAdvice::WaitForReset { after_seconds: Some(n) } => Some(pick(
            lang,
            format!("The rate-limit window resets in {}; wait until then.", seconds_text(Lang::En, *n as f64)),
            format!("속도 제한 창이 {} 후에 초기화됩니다. 그때까지 기다리세요.", seconds_text(Lang::Ko, *n as f64)),
        )),
        RetryAdvice::WaitForReset { after_seconds: None } => Some(pick(
            lang,
            "Wait for the rate-limit window to reset (the response did not say when).".into(),
            "속도 제한 창이 초기화될 때까지 기다리세요(응답에 초기화 시점이 없습니다).".into(),
        )),
    };

    let mut notes = Vec::new();
    if o.rate_limit.reset_out_of_range {
        notes.push(pick(
            lang,
            "The X-RateLimit-Reset header is out of range (no date is that far from 1970), so when the rate-limit \
             window resets is unknown."
                .into(),
            "X-RateLimit-Reset 헤더 값이 범위를 벗어났습니다(그렇게 먼 날짜는 없습니다). 속도 제한 창이 언제 \
             초기화되는지 알 수 없습니다."
                .into(),
        ));
    }
    if let Some(n) = &o.notice {
        notes.push(pick(lang, format!("Braze's notice: \"{n}\"."), format!("Braze 알림: \"{n}\".")));
    }
    if o.accepted {
        if let Some(id) = &o.send_id {
            notes.push(pick(
                lang,
                format!("Use send_id {id} with GET /sends/data_series to fetch this send's analytics."),
                format!("send_id {id}로 GET /sends/data_series를 호출하면 이 전송의 분석 데이터를 볼 수 있습니다."),
            ));
        }
        if let Some(id) = &o.schedule_id {
            notes.push(pick(
                lang,
                format!("Keep schedule_id {id} to update or delete the schedule."),
                format!("일정을 수정하거나 삭제하려면 schedule_id {id}를 보관하세요."),
            ));
        }
    }

    Explanation { what, body_note, accepted, action, retry, notes }
}
