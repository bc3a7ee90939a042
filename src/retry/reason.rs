//! Why a retry decision was taken, and why a send stopped, as typed values ([`Cause`], [`Reason`], [`Stopped`])
//! that the front ends render in their language through [`RetryText`] when they show them.
//!
//! Core: pure and synchronous. Must not import tokio, reqwest, rusqlite, axum, crossterm, `std::fs`, nor
//! `crate::{client, history, mock, config, cli, tui, curl}`.

use std::time::Duration;

use crate::exchange::NetworkErrorKind;
use crate::i18n::{Lang, Table as _};

crate::table! {
    /// The sentences of retry decisions: what the last attempt produced, then how the loop goes on or ends.
    pub struct RetryText {
        cancelled: "cancelled" / "취소됨",
        never_left: "{kind} (the request never left)" / "{kind} (요청이 나가지 않았음)",
        may_have_reached: "{kind}: the request may have reached Braze, and this endpoint is not safe to repeat (a \
                           message may already have gone out); not retrying unless retries are asked for"
            / "{kind}: 요청이 Braze에 닿았을 수 있고 이 엔드포인트는 반복해도 안전하지 않습니다(메시지가 이미 나갔을 수 \
               있음). 재시도를 요청하지 않는 한 다시 보내지 않습니다",
        network: "{kind}" / "{kind}",
        rate_limited: "429 rate limited" / "429 속도 제한",
        not_http: "{status}: not an HTTP status, so not an answer from Braze; not retried, as whether the request was \
                   acted on is unknown"
            / "{status}: HTTP 상태 코드가 아니므로 Braze의 응답이 아닙니다. 요청이 처리되었는지 알 수 없어 재시도하지 \
               않습니다",
        server_error_held: "{status}: not retried because this endpoint is not idempotent and a 5XX may come after \
                            the message was already delivered; retry only if you accept a possible duplicate \
                            (--retries N)"
            / "{status}: 이 엔드포인트는 멱등이 아니고 5XX는 메시지가 이미 전달된 뒤에 올 수도 있어 재시도하지 \
               않았습니다. 중복 발송을 감수할 때만 재시도하세요(--retries N)",
        server_error: "{status} server error" / "{status} 서버 오류",
        accepted: "{status}: accepted" / "{status}: 수락됨",
        fix_first: "{status}: retrying the same request would fail the same way; fix it first"
            / "{status}: 같은 요청을 다시 보내도 똑같이 실패합니다. 먼저 요청을 고치세요",
        job_running: "{status}: another job of this kind is still running; send again once it has finished"
            / "{status}: 같은 종류의 작업이 아직 실행 중입니다. 끝난 뒤에 다시 보내세요",
        gave_up: "{cause}; gave up after {attempts} attempt(s)" / "{cause}; {attempts}번 시도 후 포기",
        backoff: "{cause}; retrying after backoff of {secs} s" / "{cause}; 백오프 {secs}초 뒤 재시도",
        too_far: "{cause}; the rate-limit window resets in {left} s, longer than the {cap} s we are willing to wait"
            / "{cause}; 속도 제한 창이 {left}초 뒤에 초기화되어 기다릴 수 있는 {cap}초보다 깁니다",
        reset_known: "{cause}; waiting {secs} s for the rate-limit reset" / "{cause}; 속도 제한 초기화까지 {secs}초 대기",
        reset_unknown: "{cause}; waiting {secs} s for an unknown reset (no header)"
            / "{cause}; 초기화 시각을 모름(헤더 없음), {secs}초 대기",
        cancelled_waiting: "cancelled while waiting {secs} s before attempt {n}"
            / "시도 {n} 전 {secs}초 대기 중 취소됨",
    }
}

/// What the last attempt produced, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// The user cancelled.
    Cancelled,
    /// A network failure before any byte of the request left.
    NeverLeft(NetworkErrorKind),
    /// A network failure after the request may have reached Braze, on an endpoint not safe to repeat.
    MayHaveReached(NetworkErrorKind),
    /// A network failure that may be repeated.
    Network(NetworkErrorKind),
    RateLimited,
    /// A status outside 100–599: not Braze's answer.
    NotHttp(u16),
    /// A 5XX on an endpoint not safe to repeat.
    ServerErrorHeld(u16),
    ServerError(u16),
    Accepted(u16),
    /// A 4XX other than 429: the same request fails the same way.
    FixFirst(u16),
    /// Another job of the same kind is running (a CDI sync's 429): not a rate-limit window to wait out.
    JobRunning(u16),
}

/// Why a decision was taken: the cause, and how the loop goes on or ends. Front ends render it in their language
/// ([`Reason::sentence`]) or read it (the wait, the cap) instead of parsing a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// The cause alone ends it.
    Final(Cause),
    /// Every attempt the policy allows was made.
    GaveUp { cause: Cause, attempts: u32 },
    /// The rate-limit window opens later than the policy is willing to wait.
    ResetTooFar { cause: Cause, left_secs: i64, cap_secs: u64 },
    /// Retrying after a backoff of `after`.
    Backoff { cause: Cause, after: Duration },
    /// Retrying after `after`, the wait for the rate-limit reset (`known`: a header said when).
    Reset { cause: Cause, after: Duration, known: bool },
}

/// Why a send loop stopped: the last decision's reason, or the user cancelling a wait before the next attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stopped {
    Decided(Reason),
    CancelledWaiting { after: Duration, next_attempt: u32 },
}

impl Stopped {
    /// Why, as a sentence in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        match self {
            Stopped::Decided(reason) => reason.sentence(lang),
            Stopped::CancelledWaiting { after, next_attempt } => crate::i18n::fill(
                RetryText::get(lang).cancelled_waiting,
                &[("secs", &format!("{:.1}", after.as_secs_f64())), ("n", next_attempt)],
            ),
        }
    }
}

impl Cause {
    fn sentence(self, lang: Lang) -> String {
        let t = RetryText::get(lang);
        let kind = |template: &str, k: NetworkErrorKind| crate::i18n::fill(template, &[("kind", &kind_str(k))]);
        let status = |template: &str, s: u16| crate::i18n::fill(template, &[("status", &s)]);
        match self {
            Cause::Cancelled => t.cancelled.to_string(),
            Cause::NeverLeft(k) => kind(t.never_left, k),
            Cause::MayHaveReached(k) => kind(t.may_have_reached, k),
            Cause::Network(k) => kind(t.network, k),
            Cause::RateLimited => t.rate_limited.to_string(),
            Cause::NotHttp(s) => status(t.not_http, s),
            Cause::ServerErrorHeld(s) => status(t.server_error_held, s),
            Cause::ServerError(s) => status(t.server_error, s),
            Cause::Accepted(s) => status(t.accepted, s),
            Cause::FixFirst(s) => status(t.fix_first, s),
            Cause::JobRunning(s) => status(t.job_running, s),
        }
    }
}

impl Reason {
    /// The reason as a sentence in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        use crate::i18n::fill;
        let t = RetryText::get(lang);
        let secs = |d: &Duration| format!("{:.1}", d.as_secs_f64());
        match self {
            Reason::Final(cause) => cause.sentence(lang),
            Reason::GaveUp { cause, attempts } => {
                fill(t.gave_up, &[("cause", &cause.sentence(lang)), ("attempts", attempts)])
            }
            Reason::ResetTooFar { cause, left_secs, cap_secs } => {
                fill(t.too_far, &[("cause", &cause.sentence(lang)), ("left", left_secs), ("cap", cap_secs)])
            }
            Reason::Backoff { cause, after } => {
                fill(t.backoff, &[("cause", &cause.sentence(lang)), ("secs", &secs(after))])
            }
            Reason::Reset { cause, after, known } => {
                let template = if *known { t.reset_known } else { t.reset_unknown };
                fill(template, &[("cause", &cause.sentence(lang)), ("secs", &secs(after))])
            }
        }
    }
}

fn kind_str(kind: NetworkErrorKind) -> &'static str {
    match kind {
        NetworkErrorKind::ConnectionRefused => "connection refused",
        NetworkErrorKind::Dns => "DNS lookup failed",
        NetworkErrorKind::ConnectTimeout => "connect timed out",
        NetworkErrorKind::ReadTimeout => "no answer in time (read timeout)",
        NetworkErrorKind::ConnectionReset => "connection reset",
        NetworkErrorKind::Tls => "TLS handshake failed",
        NetworkErrorKind::InvalidHttp => "invalid HTTP answer",
        NetworkErrorKind::Cancelled => "cancelled",
        NetworkErrorKind::Other => "network failure",
    }
}
