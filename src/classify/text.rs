//! The connecting sentences of an explanation, in English and Korean, as a message table ([`crate::table!`]). The
//! table's own texts (meanings, actions) come from `assets/errors.toml`. Pure data: imports nothing but `i18n`.

crate::table! {
    /// Sentences of [`super::explain()`].
    pub struct ExplainText {
        /// A duration: `1 s`, `0.5 s` / `1초`.
        seconds: "{n} s" / "{n}초",
        accepted_no_shape: "HTTP {status}: Braze accepted the request." / "HTTP {status}: Braze가 요청을 수락했습니다.",
        redirect: "HTTP {status} is a redirect, which Braze's REST API does not send: the base URL is probably wrong \
                   (use your instance's https REST endpoint)."
            / "HTTP {status}은(는) 리디렉션입니다. Braze REST API는 리디렉션하지 않으므로 기본 URL이 잘못되었을 \
               가능성이 큽니다(인스턴스의 https REST 엔드포인트를 사용하세요).",
        interim: "HTTP {status} is an interim status, not a final answer."
            / "HTTP {status}은(는) 중간 상태 코드이며 최종 응답이 아닙니다.",
        not_in_table: "HTTP {status} is not in Braze's error table." / "HTTP {status}은(는) Braze 오류 표에 없습니다.",
        server_said: " The server said: \"{message}\"." / " 서버 메시지: \"{message}\".",
        html_body: "The body is an HTML page, not Braze's JSON: it most likely came from a proxy or load balancer \
                    between you and Braze, so only the status tells what happened."
            / "응답 본문이 Braze의 JSON이 아니라 HTML 페이지입니다. 중간의 프록시나 로드 밸런서가 보낸 응답일 \
               가능성이 높으므로 상태 코드로만 판단합니다.",
        empty_body: "The response had no body, so only the status tells what happened."
            / "응답 본문이 비어 있어 상태 코드로만 판단합니다.",
        text_body: "The body is not JSON, so only the status tells what happened."
            / "응답 본문이 JSON이 아니어서 상태 코드로만 판단합니다.",
        unnamed_message: "The message \"{message}\" is not a name in the table; the row follows from the status."
            / "메시지 \"{message}\"은(는) 표의 이름과 일치하지 않아 상태 코드로 행을 정했습니다.",
        acceptance: "Success means Braze accepted the request for processing, not that anything was delivered."
            / "성공은 Braze가 요청을 처리하기로 수락했다는 뜻이며, 메시지가 전달되었다는 뜻은 아닙니다.",
        data_answered: "Braze answered the request; the data is in the body."
            / "Braze가 요청에 답했습니다. 데이터는 본문에 있습니다.",
        kind_send: "accepted for processing, not yet delivered. Braze queued the messages; a device \
                    may still be offline, a token rejected or a user unknown."
            / "처리를 위해 수락되었을 뿐 아직 전달되지 않았습니다. Braze가 메시지를 대기열에 넣었으며, \
               기기가 오프라인이거나 토큰이 거부되었거나 사용자를 모르는 경우 전달되지 않을 수 있습니다.",
        kind_write: "recorded. Braze took the change; it can take a moment to show in the dashboard."
            / "기록되었습니다. Braze가 변경을 받아들였으며, 대시보드에 보이기까지 잠시 걸릴 수 있습니다.",
        kind_read: "answered with data. What you asked for is in the body; nothing was changed."
            / "데이터로 답했습니다. 요청한 내용은 본문에 있으며 바뀐 것은 없습니다.",
        kind_export: "export started. The file is prepared in the background and appears at the \
                      answer's URL (or your storage bucket) when ready; poll or wait for it rather than sending again."
            / "내보내기가 시작되었습니다. 파일은 백그라운드에서 준비되며, 준비되면 응답의 URL(또는 \
               연결한 스토리지 버킷)에 나타납니다. 다시 보내지 말고 확인하거나 기다리세요.",
        kind_delete: "deleted. Braze removed what the request named."
            / "삭제되었습니다. Braze가 요청에서 지정한 대상을 지웠습니다.",
        kind_job: "job started. Braze runs it in the background; check its status before assuming \
                   it finished."
            / "작업이 시작되었습니다. Braze가 백그라운드에서 실행하므로, 끝났다고 보기 전에 상태를 \
               확인하세요.",
        taken: "Braze took the request; nothing was sent to users."
            / "Braze가 요청을 받아들였습니다. 사용자에게 보낸 것은 없습니다.",
        export_url: "The file will be at {url}." / "파일 위치: {url}",
        wait_for_job: "Another job of this kind is still running: wait for it to finish, then send again (the \
                       rate-limit reset says nothing about it)."
            / "같은 종류의 다른 작업이 아직 실행 중입니다. 끝날 때까지 기다린 뒤 다시 보내세요(속도 제한 초기화 \
               시각과는 관계가 없습니다).",
        minor_errors: "{n} minor error(s): the parts they name were not processed; the rest was accepted."
            / "경미한 오류 {n}건: 해당 부분은 처리되지 않았고 나머지는 수락되었습니다.",
        server_error: "Braze did not accept the request, so treat it as not done; but a 5XX can arrive after Braze \
                       already acted on it (a message sent, a user updated), so check before repeating anything \
                       that writes or sends."
            / "Braze가 요청을 수락하지 않았으므로 처리되지 않은 것으로 보세요. 다만 5XX는 Braze가 이미 요청을 처리한 \
               뒤(메시지 발송, 사용자 갱신 등)에 올 수도 있으니 쓰거나 보내는 요청을 되풀이하기 전에 확인하세요.",
        not_braze: "Braze did not answer, so there is no telling whether the request was accepted or acted on."
            / "Braze가 답한 것이 아니므로 요청이 수락되었는지, 처리되었는지 알 수 없습니다.",
        nothing_sent: "Nothing was sent: Braze did not accept the request."
            / "아무것도 전송되지 않았습니다. Braze가 요청을 수락하지 않았습니다.",
        check_docs: "Check the request against the endpoint's documentation and fix it before sending again."
            / "엔드포인트 문서와 요청을 대조해 수정한 뒤 다시 보내세요.",
        fix_request: "Sending the same request again will fail the same way."
            / "같은 요청을 다시 보내면 같은 오류가 납니다.",
        retry_later: "Retry later." / "나중에 다시 시도하세요.",
        backoff: "Retry with exponential backoff and full jitter: before each retry wait a random time up to {list}."
            / "지수 백오프(전체 지터)로 재시도하세요. 재시도 전마다 최대 {list}까지 무작위로 기다립니다.",
        wait_for_reset: "The rate-limit window resets in {wait}; wait until then."
            / "속도 제한 창이 {wait} 후에 초기화됩니다. 그때까지 기다리세요.",
        wait_unknown: "Wait for the rate-limit window to reset (the response did not say when)."
            / "속도 제한 창이 초기화될 때까지 기다리세요(응답에 초기화 시점이 없습니다).",
        reset_out_of_range: "The X-RateLimit-Reset header is out of range (no date is that far from 1970), so when \
                             the rate-limit window resets is unknown."
            / "X-RateLimit-Reset 헤더 값이 범위를 벗어났습니다(그렇게 먼 날짜는 없습니다). 속도 제한 창이 언제 \
               초기화되는지 알 수 없습니다.",
        notice: "Braze's notice: \"{notice}\"." / "Braze 알림: \"{notice}\".",
        send_id: "Use send_id {id} with GET /sends/data_series to fetch this send's analytics."
            / "send_id {id}로 GET /sends/data_series를 호출하면 이 전송의 분석 데이터를 볼 수 있습니다.",
        schedule_id: "Keep schedule_id {id} to update or delete the schedule."
            / "일정을 수정하거나 삭제하려면 schedule_id {id}를 보관하세요.",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_is_complete_in_both_languages() {
        assert!(crate::i18n::check::<super::ExplainText>().is_empty());
    }
}
