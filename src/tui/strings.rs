//! UI text of the workbench in English and Korean (`--lang`), one message table ([`crate::table!`]): each id with
//! its two languages side by side, values filled by name with [`crate::i18n::fill`]. The error table's meanings
//! come from `assets/errors.toml`; these are the words around them. Owns words only: imports nothing but
//! `crate::i18n`.

crate::table! {
    /// The workbench's words; `{name}` marks where [`crate::i18n::fill`] puts a value.
    pub struct Strings {
        // Tabs and panes.
        workbench: "Workbench" / "작업대",
        history: "History" / "기록",
        endpoints: "Endpoints" / "엔드포인트",
        // Where a diagnostic of the path line is, in place of line:column.
        area_query: "query" / "쿼리",
        area_path: "path" / "경로",
        area_header: "header" / "헤더",
        filter_hint: "type to filter" / "입력해서 거르기",
        picker_no_match: "No endpoint matches \"{filter}\". Esc clears the filter."
            / "\"{filter}\"에 맞는 엔드포인트가 없습니다. Esc로 필터를 지웁니다.",
        request: "Request" / "요청",
        diagnostics: "Diagnostics" / "진단",
        response: "Response" / "응답",
        // The outcome beside the status on the card.
        outcome_success: "success" / "성공",
        outcome_minor: "success with minor errors" / "성공, 경미한 오류 있음",
        outcome_fatal: "fatal" / "치명적 오류",
        // The card's bottom border when it holds more than its pane shows.
        card_more: "↓ {count} more: Tab, wheel" / "↓ {count}줄 더: Tab, 휠",
        card_above: "↑ {count} above" / "↑ 위에 {count}줄",
        body: "Body" / "본문",
        headers: "Headers" / "헤더",
        timings: "Timings" / "시간",
        attempts: "Attempts" / "시도",
        environments: "Environments" / "환경",
        help: "Help" / "도움말",
        // The headers editor (Ctrl-G).
        headers_title: "Headers · {request}" / "헤더 · {request}",
        headers_none: "No headers of its own. brazen sends the key, Content-Type and User-Agent itself; a adds one."
            / "따로 단 헤더가 없습니다. 키, Content-Type, User-Agent는 brazen이 보냅니다. a로 추가합니다.",
        header_title: "Header" / "헤더",
        header_prompt: "Name: value. A credential goes in a secret variable: X-Gateway-Token: {{gateway_token}}."
            / "이름: 값. 자격 증명은 비밀 변수로 씁니다: X-Gateway-Token: {{gateway_token}}",
        header_no_colon: "Write the header as Name: value." / "헤더는 이름: 값 형태로 씁니다.",
        header_own: "brazen sets {name} itself (the key comes from the environment, F4)."
            / "{name} 헤더는 brazen이 직접 정합니다(키는 환경에서 옵니다, F4).",
        header_bad_name: "\"{name}\" is not a header name: letters, digits and - only, no spaces."
            / "\"{name}\"은(는) 헤더 이름이 될 수 없습니다: 영문자, 숫자, -만 쓰고 공백은 안 됩니다.",
        header_bad_value: "The value has a control character." / "값에 제어 문자가 있습니다.",
        header_literal_credential: "{name} carries a credential: the draft and saved requests never keep one written \
                                    out. Define a secret variable and write its {{name}} as the value, such as {{gateway_token}}."
            / "{name}은(는) 자격 증명입니다: 임시 저장과 저장된 요청에는 값을 그대로 두지 않습니다. 비밀 변수를 \
               정의하고 값으로 {{gateway_token}}처럼 그 변수를 쓰세요.",
        header_taken: "{name} is already there: Enter on its row edits it." / "{name} 헤더가 이미 있습니다: 그 줄에서 Enter로 고칩니다.",
        header_too_many: "A request keeps at most {max} headers of its own." / "요청 하나에 헤더는 {max}개까지 둘 수 있습니다.",
        // The help's borders when it is taller than the terminal.
        help_more: "↓ {count} more: ↓ PgDn" / "↓ {count}줄 더: ↓ PgDn",
        help_above: "↑ {count} above" / "↑ 위에 {count}줄",
        // Editor and diagnostics.
        no_diagnostics: "✔ No problems found — Braze should accept this body."
            / "✔ 문제 없음 — Braze가 이 본문을 받아들일 것입니다.",
        validating: "validating…" / "검사 중…",
        // A finding of our own in the diagnostics list, in place of a row's name.
        minor: "minor" / "경미",
        hint: "hint" / "참고",
        get_query_note: "GET: parameters go in the path above (F6)." / "GET: 매개변수는 위의 경로에 씁니다(F6).",
        modified: "modified" / "수정됨",
        // Status bar.
        offline_mock: "sandbox — offline mock" / "sandbox — 오프라인 모의 서버",
        sandbox_short: "sandbox" / "sandbox",
        starting_mock: "starting the offline mock…" / "오프라인 모의 서버 시작 중…",
        key: "key" / "키",
        no_key: "no key" / "키 없음",
        rate_limit: "rate limit" / "속도 제한",
        resets_in: "resets in {time}" / "{time} 후 초기화",
        // Sending.
        sending: "Sending {request}" / "{request} 보내는 중",
        attempt: "attempt {number}" / "{number}번째 시도",
        esc_cancels: "Esc cancels" / "Esc 취소",
        waiting: "waiting {time}: {why}" / "{time} 대기: {why}",
        retry_in: "Retrying in {time} ({why}) — Esc cancels" / "{time} 후 다시 보냄({why}) — Esc 취소",
        already_sending: "A request is already in flight (Esc cancels it)."
            / "이미 보내는 중인 요청이 있습니다(Esc로 취소).",
        cancelled: "Cancelled. A request already on the wire may still have reached Braze."
            / "취소했습니다. 이미 전송된 요청은 Braze에 도달했을 수 있습니다.",
        retry_cancelled: "Retry cancelled; nothing was sent." / "재시도를 취소했습니다. 아무것도 보내지 않았습니다.",
        fill_path: "Fill in the path first (F6): it must start with / and have no {{placeholders}}."
            / "먼저 경로를 채우세요(F6): /로 시작하고 {{자리표시자}}가 없어야 합니다.",
        nothing_to_retry: "Nothing to retry: Braze accepted the request."
            / "다시 보낼 필요가 없습니다: Braze가 요청을 받아들였습니다.",
        no_answer_to_retry: "Nothing to retry: no answer yet." / "다시 보낼 것이 없습니다: 아직 응답이 없습니다.",
        fix_first: "Retrying would get the same answer: fix the request first."
            / "다시 보내도 같은 답이 옵니다: 먼저 요청을 고치세요.",
        waiting_reset: "waiting for the rate-limit reset" / "속도 제한 초기화 대기",
        reset_too_far: "The rate-limit window opens in {time} (at {at}); brazen waits at most {cap}. Press r again \
                        then."
            / "속도 제한 창이 {time} 뒤({at})에 열립니다. 최대 {cap}까지만 기다리니 그때 r을 다시 누르세요.",
        backing_off: "backing off" / "백오프 대기",
        no_send_id: "This response has no send_id." / "이 응답에는 send_id가 없습니다.",
        fetching: "Fetching {path} …" / "{path} 가져오는 중…",
        // Card.
        no_response: "No response yet." / "아직 응답이 없습니다.",
        press_send: "Press Ctrl-S (or F5) to send {endpoint} to {env}."
            / "Ctrl-S(또는 F5)를 누르면 {endpoint}을(를) {env}(으)로 보냅니다.",
        predicts: "Validation predicts: {name}" / "검사 결과 예상: {name}",
        sandbox_fixtures: "The offline mock answers like Braze. Try campaign_id \"campaign-push\" with \
                           message_variation_id \"variation-ios\", or an empty external_user_ids list."
            / "오프라인 모의 서버는 Braze처럼 응답합니다. campaign_id \"campaign-push\"와 message_variation_id \
               \"variation-ios\", 빈 external_user_ids 등을 시험해 보세요.",
        meaning: "Meaning" / "의미",
        what_to_do: "What to do" / "해야 할 일",
        recorded: "✔ Recorded." / "✔ 기록됨.",
        export_started: "✔ Export started: the file comes later." / "✔ 내보내기 시작됨: 파일은 나중에 준비됩니다.",
        deleted: "✔ Deleted." / "✔ 삭제됨.",
        job_started: "✔ Job started: it runs in the background." / "✔ 작업 시작됨: 백그라운드에서 실행됩니다.",
        accepted: "✔ Accepted (not yet delivered)." / "✔ 접수됨(아직 전달된 것은 아님).",
        answered_data: "✔ Answered with data." / "✔ 데이터로 답했습니다.",
        not_sent: "✖ Nothing was sent." / "✖ 아무것도 발송되지 않았습니다.",
        network_failed: "No HTTP response: {detail}" / "HTTP 응답 없음: {detail}",
        minor_errors: "Minor errors ({count})" / "경미한 오류({count}개)",
        error_details: "Details ({count})" / "세부 내용({count}개)",
        confirm: "Confirm" / "확인",
        retry: "Retry" / "재시도",
        retry_none: "not needed" / "필요 없음",
        retry_job: "another job of this kind is running; wait for it, then press r"
            / "같은 종류의 작업이 실행 중입니다. 끝나면 r을 누르세요",
        retry_fix: "fix the request; the same body gets the same answer"
            / "요청을 고치세요. 같은 본문은 같은 답을 받습니다",
        retry_backoff: "back off and retry: {schedule}" / "백오프 후 재시도: {schedule}",
        retry_wait: "wait for the rate-limit reset: {time} left" / "속도 제한 초기화까지 대기: {time} 남음",
        retry_wait_unknown: "wait for the rate-limit window to reset" / "속도 제한 창이 초기화될 때까지 대기",
        reset_now: "the rate-limit window has reset — press r to send again"
            / "속도 제한이 초기화되었습니다 — r을 눌러 다시 보내세요",
        press_r: "r retries as advised" / "r 권장대로 재시도",
        press_r_confirm: "r asks first (a retry may deliver twice)" / "r 재시도 전 확인(두 번 갈 수 있음)",
        press_r_at_cap: "r works once {cap} s or less are left" / "r은 {cap}초 이하 남았을 때 재시도",
        press_d: "d fetches /sends/data_series" / "d /sends/data_series 조회",
        unmatched: "No row of the error table matches this message." / "이 메시지와 맞는 오류 표 항목이 없습니다.",
        formatting: "formatting…" / "정리 중…",
        truncated: "(body cut at {shown} of {total} bytes)" / "(본문 {shown} / {total} 바이트에서 잘림)",
        empty_body: "(empty body)" / "(빈 본문)",
        connect: "connect" / "연결",
        first_byte: "first byte" / "첫 바이트",
        total: "total" / "전체",
        waited: "waited" / "대기",
        seconds: "s" / "초",
        // History.
        no_history: "No exchanges yet. Send something with Ctrl-S."
            / "아직 기록이 없습니다. Ctrl-S로 요청을 보내 보세요.",
        no_history_match: "No exchange matches these filters (c class, e endpoint, / search)."
            / "조건에 맞는 기록이 없습니다 (c 분류, e 엔드포인트, / 검색).",
        history_unavailable: "History unavailable, nothing is recorded: {error}"
            / "기록을 쓸 수 없어 아무것도 저장되지 않습니다: {error}",
        class: "class" / "분류",
        endpoint: "endpoint" / "엔드포인트",
        search: "search" / "검색",
        all: "all" / "전체",
        open_hint: "Enter opens the selected exchange." / "Enter로 선택한 기록을 엽니다.",
        explanation: "Explanation" / "설명",
        classes: "Classes" / "분류",
        latency: "Latency" / "지연",
        oldest_newest: "oldest → newest" / "오래된 것 → 최신",
        reopened: "Reopened exchange #{id} in the editor — Ctrl-S sends it again."
            / "기록 #{id}의 요청을 편집기에 열었습니다 — Ctrl-S로 다시 보냅니다.",
        exchange_missing: "Exchange #{id} is no longer in the history." / "기록 #{id}이(가) 더 이상 없습니다.",
        unknown_endpoint: "{endpoint} is not in the catalog." / "{endpoint}은(는) 카탈로그에 없습니다.",
        exported_to: "Exported to {path}" / "{path}에 내보냈습니다",
        // Confirmations.
        confirm_discard: "Discard your edits and load the template of {endpoint}?"
            / "수정한 내용을 버리고 {endpoint} 템플릿을 불러올까요?",
        confirm_reopen: "Discard your edits and load the request from history?"
            / "수정한 내용을 버리고 기록의 요청을 불러올까요?",
        confirm_send_fatal: "Validation predicts {name}: Braze would reject this request. Send anyway?"
            / "검사 결과 {name} 오류가 예상됩니다: Braze가 거부할 요청입니다. 그래도 보낼까요?",
        confirm_retry_unsafe: "{endpoint} is not idempotent and this failure can come after the message was already \
                               delivered: retrying may send it twice. Retry anyway?"
            / "{endpoint}는 멱등하지 않고, 이 실패는 메시지가 이미 전달된 뒤에 올 수 있습니다: 재시도하면 두 번 보낼 \
               수 있습니다. 그래도 재시도할까요?",
        confirm_save_url: "Add the environment {name} ({url}) to {file}?"
            / "{file}에 환경 {name}({url})을(를) 추가할까요?",
        yes_no: "y yes · n no" / "y 예 · n 아니오",
        // Adding a custom URL from the environment switcher (F4, a).
        add_url_title: "Add a custom URL" / "사용자 URL 추가",
        add_url_prompt: "The base URL of Braze's REST API or of your proxy (https://…). It becomes an environment in \
                         {file} once you confirm; its key comes from $BRAZE_API_KEY unless you set api_key_env there."
            / "Braze REST API 또는 사용하는 프록시의 기본 URL입니다(https://…). 확인하면 {file}에 환경으로 추가됩니다. \
               키는 그 환경에 api_key_env를 정하지 않는 한 $BRAZE_API_KEY에서 읽습니다.",
        add_url_same: "{url} is already the environment {name}." / "{url}은(는) 이미 환경 {name}입니다.",
        add_url_added: "Added {name} to {file}; now using it." / "{file}에 {name}을(를) 추가하고 이 환경으로 바꿨습니다.",
        url_not_url: "Not a URL ({why})." / "URL이 아닙니다({why}).",
        url_scheme: "It must be an http:// or https:// URL with a host." / "호스트가 있는 http:// 또는 https:// URL이어야 합니다.",
        url_query: "A base URL has no ?query or #fragment." / "기본 URL에는 ?쿼리나 #프래그먼트를 넣지 않습니다.",
        url_credentials: "No user or password in the URL (user:password@): brazen sends the key itself, from \
                          $BRAZE_API_KEY or api_key_env."
            / "URL에 사용자나 비밀번호(user:password@)를 넣지 마세요. 키는 brazen이 $BRAZE_API_KEY나 api_key_env에서 \
               읽어 직접 보냅니다.",
        variable_unset: "{reference} takes its value from ${var}, which is not set: set it before starting brazen."
            / "{reference}은(는) ${var}에서 값을 읽는데, 이 변수가 설정되어 있지 않습니다. brazen을 시작하기 전에 \
               설정하세요.",
        diag_variable: "variable" / "변수",
        diag_undefined_variable: "undefined variable" / "정의되지 않은 변수",
        diag_variable_unset: "variable not set" / "설정되지 않은 변수",
        // The body from a file (Ctrl-O) and pretty-printing (Ctrl-P).
        k_pretty_open: "pretty / from file" / "정렬 / 파일에서",
        k_headers: "request headers" / "요청 헤더",
        k_find_entry: "find in exchange" / "기록에서 찾기",
        k_replay: "replay failed" / "실패 다시 보내기",
        replay_running: "A replay is already running (Esc stops it)." / "이미 다시 보내는 중입니다(Esc로 멈춤).",
        replay_none: "Nothing to replay: no failed exchange in this list that has not been replayed yet."
            / "다시 보낼 것이 없습니다: 이 목록에 아직 다시 보내지 않은 실패한 요청이 없습니다.",
        replay_none_marked: "Nothing to replay: none of the marked exchanges failed and awaits a replay."
            / "다시 보낼 것이 없습니다: 표시한 요청 중 실패했고 아직 다시 보내지 않은 것이 없습니다.",
        confirm_replay: "Re-send {n} failed exchange(s), each to the environment it was sent to?"
            / "실패한 요청 {n}개를 각각 보냈던 환경으로 다시 보낼까요?",
        confirm_replay_unsafe: "{n} of them may have been done already (an endpoint not safe to repeat): re-sending \
                                may do it twice."
            / "그중 {n}개는 이미 처리되었을 수 있습니다(반복하면 안전하지 않은 엔드포인트): 다시 보내면 두 번 \
               처리될 수 있습니다.",
        replay_title: "Replaying" / "다시 보내는 중",
        replay_no_answer: "no answer" / "응답 없음",
        replay_gauge: "{done}/{total} · {rate}/s · ETA {eta}" / "{done}/{total} · 초당 {rate} · 남은 시간 {eta}",
        replay_pause: "waiting {time}: {why}" / "{time} 대기: {why}",
        replay_stopping: "Stopping the replay after the exchange in flight." / "보내는 중인 요청까지 마치고 멈춥니다.",
        replay_done: "Replayed {done} of {total}: 2XX {ok} · 4XX {c4} · 5XX {c5} · no answer {net}."
            / "{total}개 중 {done}개를 다시 보냄: 2XX {ok} · 4XX {c4} · 5XX {c5} · 응답 없음 {net}.",
        k_import_bundle: "import a bundle" / "번들 가져오기",
        import_bundle_title: "Import a bundle" / "번들 가져오기",
        import_bundle_prompt: "The bundle's file (made by b here or brazen history export ID --as bundle); from the \
                               folder brazen started in, ~/ for your home. It is added to this history, marked as \
                               imported; o then puts it in the editor, to re-send with your environment's key."
            / "번들 파일(여기서 b로, 또는 brazen history export ID --as bundle로 만든 것). brazen을 시작한 폴더 \
               기준이며 ~/는 홈 폴더입니다. 가져온 것으로 표시되어 이 기록에 추가되고, o로 편집기에 넣어 내 환경의 \
               키로 다시 보낼 수 있습니다.",
        bundle_imported: "Imported as #{id} ({origin}); Enter opens it, o puts it in the editor."
            / "#{id}로 가져왔습니다({origin}). Enter로 열고 o로 편집기에 넣습니다.",
        bundle_already: "Already imported as #{id} ({origin}): nothing added." / "이미 #{id}로 가져왔습니다({origin}): 추가하지 않았습니다.",
        k_find_step: "next / previous" / "다음 / 이전",
        k_add_header: "add" / "추가",
        k_edit: "edit" / "고치기",
        k_remove: "remove" / "빼기",
        open_file_title: "Load the body from a file" / "파일에서 본문 불러오기",
        open_file_prompt: "The file's path (from the folder brazen started in; ~/ for your home). The editor's body is \
                           replaced; Ctrl-Z undoes it."
            / "파일 경로(brazen을 시작한 폴더 기준, ~/는 홈 폴더). 편집기의 본문이 바뀌며 Ctrl-Z로 되돌릴 수 있습니다.",
        body_loaded: "Loaded {size} from {path} (Ctrl-Z undoes it)." / "{path}에서 {size}를 불러왔습니다(Ctrl-Z로 되돌림).",
        pretty_done: "Pretty-printed (Ctrl-Z undoes it)." / "JSON을 정렬했습니다(Ctrl-Z로 되돌림).",
        pretty_already: "Already pretty-printed." / "이미 정렬되어 있습니다.",
        pretty_invalid: "Not valid JSON yet, so it cannot be pretty-printed: {why}" / "아직 올바른 JSON이 아니라 정렬할 수 없습니다: {why}",
        k_find: "find" / "찾기",
        find_count: "{n} of {total}" / "{total}개 중 {n}",
        find_none: "no match" / "없음",
        find_hint: "type, Enter keeps it, Esc clears" / "입력 후 Enter는 유지, Esc는 지우기",
        headers_count: "headers: {n}" / "헤더 {n}개",
        // A pasted curl command.
        confirm_import_curl: "This is a curl command: import it as {request} ({environment})? n pastes it as text."
            / "curl 명령입니다. {request}({environment}) 요청으로 가져올까요? n은 글자 그대로 붙여 넣습니다.",
        confirm_import_curl_key: "Its key ({key}) is not kept: the environment's own key is used."
            / "명령에 든 키({key})는 저장하지 않고, 환경에 설정된 키를 씁니다.",
        confirm_import_curl_unknown: "Its endpoint is not in the catalog." / "이 엔드포인트는 카탈로그에 없습니다.",
        curl_imported: "Imported {request} on {environment}." / "{request}을(를) {environment}에서 가져왔습니다.",
        curl_key_replaced: "The command's key ({key}) was not kept; {environment}'s own key is used."
            / "명령의 키({key})는 저장하지 않았고, {environment}의 키를 씁니다.",
        curl_key_missing: "The command's key ({key}) was not kept, and {environment} has no key: set $BRAZE_API_KEY or \
                           api_key_env (F4 shows which)."
            / "명령의 키({key})는 저장하지 않았는데, {environment}에는 키가 없습니다. $BRAZE_API_KEY나 api_key_env를 \
               설정하세요(F4에서 확인).",
        curl_unreadable: "Pasted as text: brazen cannot read it as a curl command ({why})."
            / "글자 그대로 붙여 넣었습니다. curl 명령으로 읽을 수 없습니다({why}).",
        // The copy menu (F10).
        copy_title: "Copy" / "복사",
        copy_curl: "the request as curl" / "curl 명령으로 된 요청",
        copy_request_body: "the request body" / "요청 본문",
        copy_response_body: "the response body" / "응답 본문",
        copy_explanation: "the explanation" / "설명",
        copy_nothing_sent: "Nothing sent yet: send the request first (Ctrl-S)." / "아직 보낸 요청이 없습니다. 먼저 보내세요(Ctrl-S).",
        copy_no_response: "No response came back to copy." / "복사할 응답이 없습니다.",
        copy_too_large: "{size} is more than a terminal's clipboard takes: press f to save it to a file."
            / "{size}는 터미널 클립보드에 넣기에 너무 큽니다. f를 눌러 파일로 저장하세요.",
        copied: "Copied {what} ({size}) through OSC 52. Nothing pasted? The terminal must allow OSC 52 (in tmux: \
                 set -g set-clipboard on); F10 then f saves to a file instead."
            / "{what}을(를) OSC 52로 복사했습니다({size}). 붙여 넣기가 안 되면 터미널에서 OSC 52를 허용해야 합니다\
               (tmux: set -g set-clipboard on). F10 다음 f로 파일에 저장할 수도 있습니다.",
        copy_hint: "The key is never copied: curl reads it from $BRAZE_API_KEY." / "키는 복사되지 않습니다. curl은 $BRAZE_API_KEY에서 키를 읽습니다.",
        k_copy: "copy" / "복사",
        k_copy_it: "copy" / "복사",
        k_save_file: "save to file" / "파일로 저장",
        // Saved requests (F9).
        requests_title: "Saved requests" / "저장한 요청",
        requests_loading: "Reading the collection…" / "컬렉션을 읽는 중…",
        requests_empty: "No saved requests in {root} yet. Press s to save the request in the editor."
            / "{root}에 저장한 요청이 아직 없습니다. s를 누르면 편집기의 요청을 저장합니다.",
        requests_name: "Name (folder/name, saved as a .http file in {root}):"
            / "이름(폴더/이름, {root}에 .http 파일로 저장):",
        request_opened: "Opened {name}." / "{name}을(를) 열었습니다.",
        request_saved: "Saved {name}." / "{name}을(를) 저장했습니다.",
        request_renamed: "Renamed {from} to {to}." / "{from}의 이름을 {to}(으)로 바꿨습니다.",
        request_duplicated: "Copied {name} to {copy}." / "{name}을(를) {copy}(으)로 복제했습니다.",
        request_deleted: "Deleted {name}." / "{name}을(를) 삭제했습니다.",
        request_unsavable: "This request cannot be saved: {why}" / "이 요청은 저장할 수 없습니다: {why}",
        request_exists: "{file} already exists: choose another name." / "{file}이(가) 이미 있습니다. 다른 이름을 고르세요.",
        request_missing: "{name} is no longer in the collection." / "{name}이(가) 컬렉션에 더 이상 없습니다.",
        request_bad_name: "\"{name}\" cannot be a name: {reason}" / "{name}은(는) 이름으로 쓸 수 없습니다: {reason}",
        unsaved_mark: "modified" / "수정됨",
        confirm_delete_request: "Delete the saved request {name}? Its file is removed."
            / "저장한 요청 {name}을(를) 삭제할까요? 파일이 지워집니다.",
        confirm_open_over_unsaved: "{unsaved} has unsaved changes. Open {name} and lose them?"
            / "{unsaved}에 저장하지 않은 변경이 있습니다. 버리고 {name}을(를) 열까요?",
        confirm_open_over_draft: "Discard your edits and open {name}?" / "수정한 내용을 버리고 {name}을(를) 열까요?",
        confirm_quit_unsaved: "{name} has unsaved changes (F9, s saves them). Quit anyway (Ctrl-C again quits)? \
                               They stay in the draft for the next start."
            / "{name}에 저장하지 않은 변경이 있습니다(F9, s로 저장). 그래도 끝낼까요(Ctrl-C를 한 번 더 누르면 \
               끝남)? 변경은 임시 저장되어 다음 실행 때 돌아옵니다.",
        confirm_quit_sending: "{request} is in flight. Quitting cancels it, but it may already have reached Braze. \
                               Quit anyway (Ctrl-C again quits)?"
            / "{request} 요청을 보내는 중입니다. 끝내면 취소되지만 이미 Braze에 닿았을 수 있습니다. 그래도 \
               끝낼까요(Ctrl-C를 한 번 더 누르면 끝남)?",
        envs_add_hint: "a  add a custom URL…" / "a  사용자 URL 추가…",
        // Footer and help.
        k_send: "send" / "보내기",
        k_cancel: "cancel" / "취소",
        k_endpoints: "endpoints" / "엔드포인트",
        k_history: "history" / "기록",
        k_env: "environment" / "환경",
        k_next_diag: "next problem" / "다음 문제",
        k_focus: "focus" / "포커스",
        k_help: "help" / "도움말",
        k_quit: "quit" / "종료",
        k_retry: "retry" / "재시도",
        k_data_series: "data series" / "데이터 시리즈",
        k_scroll: "scroll" / "스크롤",
        k_tabs: "tabs" / "탭",
        k_load: "load" / "불러오기",
        k_add_url: "add a custom URL" / "사용자 URL 추가",
        k_requests: "saved requests" / "저장한 요청",
        k_save: "save" / "저장",
        k_save_as: "save as" / "다른 이름으로 저장",
        k_rename: "rename" / "이름 바꾸기",
        k_duplicate: "duplicate" / "복제",
        k_delete: "delete" / "삭제",
        k_ok: "OK" / "확인",
        k_check_url: "check and save" / "확인 후 저장",
        k_filter: "filter" / "거르기",
        k_open: "open" / "열기",
        k_reopen: "reopen in editor" / "편집기로 다시 열기",
        // `x` curl, `m` markdown, in that order.
        k_export: "export sh/md/json" / "내보내기",
        // Tab on the history screen: the keys go from the list to the opened exchange, and back.
        k_entry_focus: "list ⇄ exchange" / "목록 ⇄ 열린 기록",
        k_scroll_entry: "scroll exchange" / "열린 기록 스크롤",
        k_filters: "filters" / "필터",
        user: "user" / "사람",
        k_search: "search" / "검색",
        k_back: "back" / "뒤로",
        k_path: "edit path" / "경로 편집",
        k_undo: "undo / redo" / "실행 취소/복구",
        k_jump: "go to the problem" / "문제 위치로 이동",
        k_select: "select" / "선택",
        // Enter and ↓ on the path line (F6), which the help lists among the editor's keys.
        k_path_done: "path: back to body" / "경로: 본문으로",
        k_editor: "editor" / "편집기",
        k_reload: "reload" / "새로 고침",
        k_reload_delete: "reload / delete" / "새로 고침 / 삭제",
        confirm_delete_exchange: "Delete exchange #{id} from the history? It cannot be brought back."
            / "기록 #{id}을(를) 삭제할까요? 되돌릴 수 없습니다.",
        exchange_deleted: "Deleted #{id} from the history." / "기록 #{id}을(를) 삭제했습니다.",
        k_yes: "yes" / "예",
        k_no: "no" / "아니오",
        k_fault: "cycle sandbox fault" / "모의 서버 장애 전환",
        fault: "fault" / "장애",
        faults_sandbox_only: "Faults on demand exist only in the sandbox (the offline mock)."
            / "장애 재현은 sandbox(오프라인 모의 서버)에서만 됩니다.",
        help_global: "Everywhere" / "어디서나",
        help_not_typing: "When not typing" / "입력 중이 아닐 때",
        help_editor: "Editor and endpoints" / "편집기와 엔드포인트",
        help_response: "Response" / "응답",
        help_history: "History" / "기록",
        help_close: "Esc closes this help" / "Esc로 도움말을 닫습니다",
        space: "Space" / "Space",
        help_mouse: "Mouse: click a pane to focus it, click a row to pick it, wheel scrolls."
            / "마우스: 창을 클릭하면 포커스, 행을 클릭하면 선택, 휠로 스크롤합니다.",
        // Comparing two exchanges (history: Space marks, v compares).
        k_mark: "mark" / "표시",
        k_compare: "compare two" / "둘 비교",
        k_scroll_diff: "scroll comparison" / "비교 스크롤",
        k_next_change: "next/prev change" / "다음/이전 변경",
        marks_full: "At most {max} exchanges can be marked." / "교환은 최대 {max}개까지 표시할 수 있습니다.",
        nothing_to_compare: "Nothing to compare: mark two exchanges with Space, or select one that has an older one \
                             below it."
            / "비교할 것이 없습니다: Space로 교환 두 개를 표시하거나, 아래에 더 오래된 교환이 있는 행을 고르세요.",
        too_many_marked: "{count} exchanges are marked: unmark all but two (Space) to compare them."
            / "교환 {count}개가 표시되어 있습니다: 비교하려면 두 개만 남기고 표시를 지우세요(Space).",
        diff_loading: "Comparing…" / "비교 중…",
        diff_changes: "changes: {count}" / "변경 {count}개",
        diff_same: "same" / "같음",
        diff_cut: "Only the first {lines} lines of each side are compared." / "양쪽 모두 처음 {lines}줄만 비교합니다.",
        diff_request_line: "Request line" / "요청 줄",
        diff_request_headers: "Request headers" / "요청 헤더",
        diff_request_body: "Request body" / "요청 본문",
        diff_status: "Status" / "상태",
        diff_response_headers: "Response headers" / "응답 헤더",
        diff_response_body: "Response body" / "응답 본문",
        diff_network: "network" / "네트워크",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Table as _;

    #[test]
    fn both_languages_keep_the_same_placeholders() {
        assert!(crate::i18n::check::<Strings>().is_empty(), "{:?}", crate::i18n::check::<Strings>());
    }

    #[test]
    fn literal_braces_survive_filling() {
        let s = Strings::get(crate::i18n::Lang::En);
        assert!(crate::i18n::fill(s.fill_path, &[]).ends_with("no {placeholders}."));
    }
}
