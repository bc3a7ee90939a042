//! The CLI's own words, one [`table!`](crate::table) per command (send, replay and batch keep theirs). Braze's
//! facts (endpoint purposes, error rows) come from the catalog, not from here.
//!
//! Front end: may import anything below it; nothing below imports it.

crate::table! {
    /// `brazen explain` and every card that shows an [`Outcome`](crate::classify::Outcome).
    pub struct ExplainText {
        error: "error" / "오류",
        message: "message" / "메시지",
        meaning: "meaning" / "의미",
        action: "what to do" / "조치",
        sent: "accepted" / "수락 여부",
        retry: "retry" / "재시도",
        rate: "rate limit" / "속도 제한",
        minor: "minor errors" / "경미한 오류",
        /// The `errors` list of a rejected request: details of the rejection, not minor errors.
        details: "details" / "상세",
        note: "note" / "참고",
        body_html: "an HTML page, not JSON" / "JSON이 아닌 HTML 페이지",
        body_empty: "no body" / "본문 없음",
        body_text: "not JSON" / "JSON 아님",
        body_json: "no message" / "message 없음",
        retry_none: "none needed" / "필요 없음",
        retry_fix: "fix the request first" / "요청을 먼저 고치세요",
        retry_job: "wait for the running job to finish" / "실행 중인 작업이 끝날 때까지 대기",
        retry_later: "retry later, backing off with full jitter" / "나중에 다시 시도(전체 지터 백오프)",
        retry_backoff: "back off with full jitter, waits up to {waits}" / "전체 지터 백오프, 최대 대기 {waits}",
        retry_reset: "wait for the rate-limit reset: {after}" / "속도 제한 초기화까지 대기: {after}",
        retry_reset_unknown: "wait for the rate-limit reset (time unknown)" / "속도 제한 초기화까지 대기(시점 모름)",
        rate_left_of: "{left} of {limit} left" / "{limit} 중 {left} 남음",
        rate_left: "{left} left" / "{left} 남음",
        rate_limit: "limit {limit}" / "한도 {limit}",
        rate_resets: "resets at {at}" / "초기화 시각 {at}",
        rate_out_of_range: "reset time out of range (unknown)" / "초기화 시각이 범위를 벗어남(알 수 없음)",
    }
}

crate::table! {
    /// `brazen history`.
    pub struct HistoryText {
        none_yet: "No exchanges recorded yet{at}. `brazen send` and the TUI record every exchange here."
            / "아직 기록된 교환이 없습니다{at}. `brazen send`와 TUI가 모든 교환을 여기에 기록합니다.",
        none_match: "No exchange matches." / "조건에 맞는 교환이 없습니다.",
        head_id: "ID" / "ID",
        head_time: "TIME" / "시각",
        head_env: "ENV" / "환경",
        head_request: "REQUEST" / "요청",
        head_status: "STATUS" / "상태",
        head_ms: "MS" / "MS",
        head_result: "RESULT" / "결과",
        attempts_n: "({n} attempts)" / "(시도 {n}회)",
        replay_of: "(replay of #{id})" / "(#{id} 재전송)",
        replayed_by: "(replayed by #{id})" / "(#{id}로 재전송됨)",
        saved_request: "saved request {name}" / "저장된 요청 {name}",
        not_found: "no exchange #{id} in the history ({count} recorded; `brazen history` lists them)"
            / "기록에 #{id} 교환이 없습니다 ({count}건 기록됨; `brazen history`로 목록을 볼 수 있습니다)",
        request: "Request" / "요청",
        attempts: "Attempts" / "시도",
        response: "Response" / "응답",
        body_cut: "body cut: only its first {n} bytes are kept (max_body_bytes)"
            / "본문이 잘린 채 보관됨: 앞 {n} 바이트만 (max_body_bytes)",
        waited: "waited" / "대기",
        connect: "connect" / "연결",
        first_byte: "first byte" / "첫 바이트",
        total: "total" / "전체",
        kept_truncated: ", kept truncated" / ", 잘린 채 보관",
        more_bytes: "more bytes (--format json or export shows all)"
            / "바이트 더 있음 (--format json 또는 export로 전체 보기)",
        imported_from: "imported from {file} ({env} #{id}, exported {at})"
            / "{file}에서 가져옴 ({env} #{id}, {at} 내보냄)",
        deleted: "deleted {n} exchange(s): {ids}" / "교환 {n}건 삭제: {ids}",
        missing: "no exchange {ids} in the history: nothing deleted for it" / "기록에 {ids} 교환이 없어 삭제하지 않았습니다",
        unmarked: "note: #{id} is no longer marked as replayed (its replay was deleted); `brazen replay` would offer it again"
            / "참고: #{id}의 재전송 기록이 삭제되어 더 이상 재전송됨으로 표시되지 않습니다; `brazen replay`가 다시 제안합니다",
        pruned: "pruned {n} exchange(s) recorded before {before}" / "{before} 이전에 기록된 교환 {n}건 정리",
        would_prune: "{n} exchange(s) recorded before {before} would be pruned (dry run: nothing deleted)"
            / "{before} 이전에 기록된 교환 {n}건이 정리 대상입니다 (시험 실행: 삭제하지 않음)",
        prune_question: "Delete {n} exchange(s) recorded before {before} from the history?"
            / "{before} 이전에 기록된 교환 {n}건을 기록에서 삭제할까요?",
        prune_needs_yes: "prune needs confirmation and standard input is not a terminal: pass --yes (or --dry-run to see what would go)"
            / "prune은 확인이 필요한데 표준 입력이 터미널이 아닙니다: --yes를 주세요 (--dry-run으로 대상을 볼 수 있습니다)",
        declined: "Nothing deleted." / "삭제하지 않았습니다.",
        not_compacted: "warning: the exchanges are deleted, but the database could not be compacted ({error}); the next prune or delete tries again"
            / "경고: 교환은 삭제했지만 데이터베이스를 압축하지 못했습니다 ({error}); 다음 prune이나 delete에서 다시 시도합니다",
        // `history diff`.
        diff_changes: "changes: {count}" / "변경 {count}개",
        diff_same: "same" / "같음",
        diff_cut: "(only the first {lines} lines of each side are compared)" / "(양쪽 모두 처음 {lines}줄만 비교)",
        diff_request_line: "Request line" / "요청 줄",
        diff_request_headers: "Request headers" / "요청 헤더",
        diff_request_body: "Request body" / "요청 본문",
        diff_status: "Status" / "상태",
        diff_response_headers: "Response headers" / "응답 헤더",
        diff_response_body: "Response body" / "응답 본문",
    }
}

crate::table! {
    /// `brazen config`.
    pub struct ConfigText {
        config_file: "config file" / "설정 파일",
        history: "history" / "기록",
        default: "default" / "기본 환경",
        response_body: "response body" / "응답 본문",
        file_not_found: "(not found: built-in defaults)" / "(없음: 기본값 사용)",
        body_cap: "at most {n} bytes kept per response (max_body_bytes)" / "응답마다 최대 {n}바이트 보관 (max_body_bytes)",
        note: "note:" / "참고:",
        head_name: "NAME" / "이름",
        head_url: "URL" / "URL",
        head_key: "KEY" / "키",
        head_tz: "TIME ZONE" / "시간대",
        footer: "* default environment; `brazen config --env NAME` shows one in full"
            / "* 기본 환경. `brazen config --env 이름`으로 환경 하나를 자세히 봅니다",
        url: "url" / "url",
        dashboard: "dashboard" / "대시보드",
        key: "key" / "키",
        timezone: "timezone" / "시간대",
        timeouts: "timeouts" / "제한 시간",
        not_set: "not set" / "없음",
        no_key: "no key configured" / "키가 설정되지 않았습니다",
        in_process: "in-process mock (fresh port per command)" / "프로세스 내 모의 서버(명령마다 새 포트)",
        timeout_values: "connect {c} s, total {t} s" / "연결 {c}초, 전체 {t}초",
        scim: "SCIM" / "SCIM",
        scim_values: "token {token}, origin {origin}" / "토큰 {token}, 출처 {origin}",
        scim_token: "SCIM token" / "SCIM 토큰",
        scim_origin: "SCIM origin" / "SCIM 출처",
        variables: "variables" / "변수",
        var_secret: "secret" / "비밀",
        timeout_sources: "(connect: {c}, total: {t})" / "(연결: {c}, 전체: {t})",
        /// Where a value came from. The English is the configuration's own wording ([`crate::config::Source`]).
        source_built_in: "built-in" / "기본값",
        source_config_file: "config file" / "설정 파일",
        rule_no_key: "no environment with a key is configured" / "키가 있는 환경이 없음",
        rule_only_key: "the only configured environment with a key" / "키가 있는 유일한 환경",
    }
}

crate::table! {
    /// `brazen catalog`.
    pub struct CatalogText {
        endpoints: "Endpoints" / "엔드포인트",
        permission: "permission" / "권한",
        purpose: "purpose" / "용도",
        rate_limit: "rate limit" / "속도 제한",
        error_table: "Error table" / "오류 표",
        meaning: "meaning" / "의미",
        action: "what to do" / "조치",
        shapes: "Non-fatal responses" / "정상 응답 형태",
        example: "example" / "예시",
        kind: "kind" / "종류",
        wire: "on the wire" / "응답 표기",
        only_for: "only for" / "해당 엔드포인트",
    }
}

crate::table! {
    /// `brazen validate`'s summary line; the diagnostics bring their own sentences.
    pub struct ValidateText {
        fatal: "fatal" / "치명",
        // Where a problem of the path line is, in place of `file:line:column`.
        area_query: "query: " / "쿼리: ",
        area_path: "path: " / "경로: ",
        area_header: "header: " / "헤더: ",
        minor: "minor" / "경미",
        hint: "hint" / "힌트",
        tally_one_hint: "{f} fatal, {m} minor, {h} hint" / "치명 {f}건, 경미 {m}건, 힌트 {h}건",
        tally: "{f} fatal, {m} minor, {h} hints" / "치명 {f}건, 경미 {m}건, 힌트 {h}건",
        rejects: "Braze would reject this request" / "Braze가 이 요청을 거부합니다",
        ok: "ok:" / "통과:",
        rejected: "rejected:" / "거부:",
    }
}

crate::table! {
    /// `brazen import curl`.
    pub struct ImportText {
        url: "url" / "URL",
        environment: "environment" / "환경",
        key: "key" / "키",
        headers: "headers" / "헤더",
        body: "body" / "본문",
        warning: "warning" / "경고",
        send_with: "send with" / "보내기",
        not_in_catalog: "(not in the catalog)" / "(카탈로그에 없음)",
        path: "path" / "경로",
        scim_token: "SCIM token" / "SCIM 토큰",
        custom_url: "custom URL" / "사용자 지정 URL",
        bundle_imported: "imported as #{id} ({env} #{orig}, {method} {endpoint}); `brazen history show {id}` shows it"
            / "#{id}로 가져옴 ({env} #{orig}, {method} {endpoint}); `brazen history show {id}`로 볼 수 있습니다",
        bundle_already: "already imported as #{id} ({env} #{orig}): nothing added"
            / "이미 #{id}로 가져왔습니다 ({env} #{orig}): 추가하지 않음",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Source;
    use crate::i18n::{Lang, Table as _, check};

    #[test]
    fn every_table_has_both_languages_and_the_same_placeholders() {
        assert!(check::<ExplainText>().is_empty(), "{:?}", check::<ExplainText>());
        assert!(check::<HistoryText>().is_empty(), "{:?}", check::<HistoryText>());
        assert!(check::<ConfigText>().is_empty(), "{:?}", check::<ConfigText>());
        assert!(check::<CatalogText>().is_empty(), "{:?}", check::<CatalogText>());
        assert!(check::<ValidateText>().is_empty(), "{:?}", check::<ValidateText>());
        assert!(check::<ImportText>().is_empty(), "{:?}", check::<ImportText>());
    }

    #[test]
    fn the_english_sources_are_the_configurations_own_words() {
        let en = ConfigText::get(Lang::En);
        assert_eq!(Source::BuiltIn.to_string(), en.source_built_in);
        assert_eq!(Source::ConfigFile.to_string(), en.source_config_file);
    }
}
