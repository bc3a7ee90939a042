//! The validator's sentences, in English and Korean, as message tables ([`crate::table!`]): one table for the body
//! as a whole (endpoint, shape, documented keys and types, query parameters), one for the rule families (messages,
//! recipients, schedules, limits, `send_id`), one for syntax errors, and serde_json's own error texts in Korean.
//! Sentences are filled only for findings actually reported. Pure data: imports nothing but `i18n`.

crate::table! {
    /// Sentences about the endpoint, the body's shape, its documented keys and the query of a GET.
    pub struct BodyText {
        /// Appended to the last kept finding of an id over the cap.
        more: " (And {n} more like this, not listed.)" / " (같은 종류가 {n}개 더 있지만 표시하지 않습니다.)",
        endpoint_alias: "Braze's path is {path} (plural); {given} was accepted as a spelling of it."
            / "Braze의 경로는 {path}(복수형)입니다. 입력한 {given}도 같은 엔드포인트로 받아들였습니다.",
        unknown_endpoint_near: "Braze has no endpoint `{input}`; did you mean `{endpoint}`?"
            / "Braze에는 `{input}` 엔드포인트가 없습니다. 혹시 `{endpoint}` 아닌가요?",
        unknown_endpoint: "Braze has no endpoint `{input}`; `brazen catalog` lists the endpoints."
            / "Braze에는 `{input}` 엔드포인트가 없습니다. `brazen catalog`로 엔드포인트 목록을 볼 수 있습니다.",
        path_param_empty: "The path parameter {{{name}}} of {endpoint} is empty; give its value, as in {example}."
            / "{endpoint}의 경로 매개변수 {{{name}}}이(가) 비어 있습니다. {example}처럼 값을 넣으세요.",
        path_param_unfilled: "The path parameter {{{name}}} is not filled in; put its value in the path, as in {example}."
            / "경로 매개변수 {{{name}}}에 값이 없습니다. {example}처럼 경로에 값을 넣으세요.",
        path_param_slash: "The path parameter {{{name}}} holds an encoded `/` (%2F); Braze reads it as two path \
                           segments, so the request would reach another endpoint or none."
            / "경로 매개변수 {{{name}}}에 인코딩된 `/`(%2F)가 있습니다. Braze는 이를 경로 두 마디로 읽으므로 다른 \
               엔드포인트로 가거나 어디에도 닿지 않습니다.",
        duplicate_key: "`{key}` appears twice in this object; Braze uses the last one, so this one is ignored."
            / "`{key}` 키가 이 객체에 두 번 나옵니다. Braze는 마지막 것을 쓰므로 이쪽은 무시됩니다.",
        not_an_object: "The body must be a JSON object {{...}}; this is {what}."
            / "본문은 JSON 객체 {{...}}여야 하는데 {what}입니다.",

        // The documented rules of assets/rules/ (their own sentences are data; these fill them in).
        rule_found_none: "none of them" / "아무것도 없음",
        rule_strict_form: "Braze reads {key} \"{value}\" as intended, but the strict ISO 8601 form is {strict}."
            / "Braze는 {key}의 \"{value}\"를 의도대로 읽지만, ISO 8601의 엄격한 형식은 {strict}입니다.",
        rule_no_such_date: "{key} \"{value}\" is written as ISO 8601, but there is no such date or time (its day, \
                            month or hour does not exist)."
            / "{key} 값 \"{value}\": ISO 8601 형식이지만 존재하지 않는 날짜나 시각입니다(일, 월, 시 중 하나가 \
               있을 수 없는 값).",

        // Values never filled in (unfilled.rs).
        unfilled_id: "{key} is {value}, a placeholder that was never filled in: Braze finds nothing by that name. Put \
                      the real {key} here."
            / "{key} 값 {value}은(는) 채워지지 않은 자리 표시자라 Braze가 그 이름으로 찾을 수 없습니다. 실제 {key}를 넣으세요.",
        unfilled_user_id: "{key} is {value}, a placeholder that was never filled in: Braze would take it as a user \
                           literally called that. Put the real {key} here."
            / "{key} 값 {value}은(는) 채워지지 않은 자리 표시자입니다. Braze는 이를 그 이름 그대로의 사용자로 받아들입니다. \
               실제 {key}를 넣으세요.",
        // A saved request's `{{name}}` that no variable defines (check_file).
        undefined_variable: "{reference} is not defined: no variable of the collection (variables.toml), the \
                             environment or --var gives it a value, so it would be sent as written. Define it, or \
                             pass --var {name}=VALUE."
            / "{reference}은(는) 정의되지 않은 변수입니다. 컬렉션(variables.toml), 환경, --var 어디에도 값이 없어 \
               적힌 그대로 전송됩니다. 변수를 정의하거나 --var {name}=값을 넘기세요.",
        // The same in the workbench, which has no --var.
        undefined_variable_workbench: "{reference} is not defined: neither the collection's variables.toml nor the \
                                       environment's [environment.NAME.variables] gives it a value, so it would be \
                                       sent as written."
            / "{reference}은(는) 정의되지 않은 변수입니다. 컬렉션의 variables.toml에도, 환경의 \
               [environment.NAME.variables]에도 값이 없어 적힌 그대로 전송됩니다.",
        // A defined variable where it is used: its value (a secret's masked) and where it comes from.
        variable_value: "{reference} = {value} ({layer})" / "{reference} = {value} ({layer})",
        layer_collection: "variables.toml" / "variables.toml",
        layer_environment: "environment" / "환경",
        layer_flag: "--var" / "--var",
        value_env_unset: "{reference} takes its value from ${var}, which is not set in brazen's environment."
            / "{reference}은(는) ${var}에서 값을 읽는데, brazen을 실행한 환경에 이 변수가 없습니다.",
        query_unfilled: "Query parameter {name} is {value}, a placeholder that was never filled in; put the real value \
                         there."
            / "쿼리 매개변수 {name}의 값 {value}은(는) 채워지지 않은 자리 표시자입니다. 실제 값을 넣으세요.",

        // What a value is (`describe`) and what a documented key wants (`describe_type`).
        a_number: "a number" / "숫자",
        a_string: "a string" / "문자열",
        the_string: "the string \"{value}\"" / "문자열 \"{value}\"",
        an_array: "an array" / "배열",
        an_object: "an object" / "객체",
        type_boolean: "true or false (without quotes)" / "따옴표 없는 true 또는 false",
        type_number: "a number (without quotes)" / "따옴표 없는 숫자",
        type_integer: "a whole number (without quotes)" / "따옴표 없는 정수",
        type_object: "an object {{...}}" / "객체 {{...}}",
        type_array: "an array [...]" / "배열 [...]",
        type_array_of_strings: "an array of strings [\"...\"]" / "문자열 배열 [\"...\"]",
        type_array_of_objects: "an array of objects [{{...}}]" / "객체 배열 [{{...}}]",
        type_string_or_strings: "a string or an array of strings" / "문자열 또는 문자열 배열",
        type_one_of: "one of {list}" / "{list} 중 하나",
        type_any: "a value" / "값",

        unknown_key_near: "`{key}` is not a documented key of the {path} body; did you mean `{near}`?"
            / "`{key}` 키는 {path} 본문에 문서화된 키가 아닙니다. 혹시 `{near}` 아닌가요?",
        unknown_key: "`{key}` is not a documented key of the {path} body (documented: {names})."
            / "`{key}` 키는 {path} 본문에 문서화된 키가 아닙니다(문서화된 키: {names}).",
        required_one: "{list} is required by Braze's docs for {path}; add it."
            / "Braze 문서에 따르면 {path}에는 {list} 키가 필요합니다. 추가하세요.",
        required_many: "{list} are required by Braze's docs for {path}; add it."
            / "Braze 문서에 따르면 {path}에는 {list} 키가 필요합니다. 추가하세요.",
        unknown_object_near: "`{name}` is not one of Braze's messaging objects; did you mean `{near}`?"
            / "`{name}` 키는 Braze의 메시징 객체가 아닙니다. 혹시 `{near}` 아닌가요?",
        unknown_object: "`{name}` is not one of Braze's messaging objects ({names})."
            / "`{name}` 키는 Braze의 메시징 객체가 아닙니다({names}).",
        item_type: "Each item of `{key}` must be {what}; item {i} is {item}."
            / "`{key}`의 각 항목은 {what}이어야 하는데 {i}번 항목은 {item}입니다.",
        item_placeholder: " It looks like a placeholder copied from Braze's docs; replace it with a value."
            / " Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값으로 바꾸세요.",
        wrong_type_placeholder: "`{name}` must be {kind}; \"{value}\" looks like a placeholder copied from Braze's \
                                 docs — replace it with a value."
            / "`{name}` 값은 {kind} 형식이어야 합니다. \"{value}\" 값은 Braze 문서에서 복사된 자리표시자로 보입니다 — \
               실제 값으로 바꾸세요.",
        quoted_boolean: "`{name}` must be {bool} without quotes; \"{value}\" is a string, not a boolean."
            / "`{name}` 값은 따옴표 없이 {bool} 형태로 써야 합니다. \"{value}\"는 불리언이 아니라 문자열입니다.",
        single_string: "`{name}` must be an array of strings; it is a single string — wrap it in [ ]."
            / "`{name}` 값은 문자열 배열이어야 하는데 문자열 하나입니다. [ ]로 감싸세요.",
        single_object: "`{name}` must be an array of objects; it is a single object — wrap it in [ ]."
            / "`{name}` 값은 객체 배열이어야 하는데 객체 하나입니다. [ ]로 감싸세요.",
        wrong_type: "`{name}` must be {kind}; it is {value}." / "`{name}` 값은 {kind} 형식이어야 하는데 {value}입니다.",
        doc_placeholder: "This looks like a placeholder copied from Braze's docs; replace it with a real value."
            / "Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값으로 바꾸세요.",

        // The query of a GET.
        query_body_not_an_object: "The body of a GET must be a JSON object of query parameters \
                                   ({{\"name\": \"value\"}}); this is {what}."
            / "GET 요청의 본문은 쿼리 매개변수를 담은 JSON 객체({{\"이름\": \"값\"}})여야 하는데 {what}입니다.",
        // `why` is the catalog's sentence in the language asked for; the frame is the mock's, in both.
        query_bad_value: "query parameter {why}." / "query parameter {why}.",
        query_repeated: "query parameter {name} is given {count} times with different values ({list}); the server \
                         reads only one of them. Keep one."
            / "쿼리 매개변수 {name}이(가) 서로 다른 값으로 {count}번 들어 있습니다({list}). 서버는 그중 하나만 \
               읽으니 하나만 남기세요.",
        query_one_of: "{key} needs one of the query parameters {names}; none is given."
            / "{key}에는 쿼리 매개변수 {names} 중 하나가 필요한데 아무것도 없습니다.",
        query_required_empty: "query parameter {name} is required but empty: give it a value."
            / "쿼리 매개변수 {name}은(는) 필수인데 값이 비어 있습니다. 값을 넣으세요.",
        query_required: "query parameter {name} is required: {key} answers 400 without it. Add \
                         `\"{name}\": \"{example}\"` to this object or `?{name}={example}` to the path."
            / "쿼리 매개변수 {name}이(가) 필요합니다. 없으면 {key}는 400으로 답합니다. 이 객체에 \
               `\"{name}\": \"{example}\"`를 넣거나 경로에 `?{name}={example}`를 붙이세요.",
        query_unknown_near: "`{name}` is not a documented query parameter of {key}; did you mean `{near}`?"
            / "`{name}`는 {key}의 문서화된 쿼리 매개변수가 아닙니다. 혹시 `{near}` 아닌가요?",
        query_unknown: "`{name}` is not a documented query parameter of {key} (documented: {names})."
            / "`{name}`는 {key}의 문서화된 쿼리 매개변수가 아닙니다(문서화된 매개변수: {names}).",
        query_member_type: "query parameter `{name}` must be a string, number or boolean (or an array of them); \
                            this is {what}."
            / "쿼리 매개변수 `{name}`는 문자열, 숫자, 불리언(또는 그 배열)이어야 하는데 {what}입니다.",
    }
}

crate::table! {
    /// Sentences of the rule families: messages, recipients, schedules, limits, `send_id`.
    pub struct RuleText {
        no_messages: "There is no `messages` object; add one with at least one messaging object, e.g. \
                      \"messages\": {{\"apple_push\": {{\"alert\": \"Hello\"}}}}."
            / "`messages` 객체가 없습니다. 메시징 객체를 하나 이상 담아 추가하세요. 예: \
               \"messages\": {{\"apple_push\": {{\"alert\": \"Hello\"}}}}.",
        empty_messages: "`messages` holds no messaging object; add one, e.g. \"apple_push\": {{\"alert\": \"Hello\"}}."
            / "`messages` 안에 메시징 객체가 없습니다. 하나를 추가하세요. 예: \"apple_push\": {{\"alert\": \"Hello\"}}.",
        variant_unspecified: "`campaign_id` is given, so every messaging object needs the `message_variation_id` of \
                              one of that campaign's variants; `{name}` has none."
            / "`campaign_id`가 있으므로 모든 메시징 객체에 그 캠페인 변형(variant) 중 하나의 \
               `message_variation_id`가 필요합니다. `{name}` 객체에는 없습니다.",
        too_big: "`{name}` is {bytes} bytes as compact JSON; Braze allows at most {max} bytes."
            / "`{name}` 객체는 압축 JSON으로 {bytes}바이트입니다. Braze는 최대 {max}바이트까지 허용합니다.",
        utf8_bytes: " The limit counts UTF-8 bytes: Korean and other non-Latin letters take 3 bytes each."
            / " 한도는 UTF-8 바이트 기준입니다. 한글 등 라틴 문자가 아닌 글자는 한 글자에 3바이트입니다.",
        reserved_extra: "`{key}` is a reserved key of the iOS push payload and cannot be used in `extra`; rename it."
            / "`{key}` 키는 iOS 푸시 페이로드의 예약 키라서 `extra`에 쓸 수 없습니다. 이름을 바꾸세요.",
        extra_not_an_object: "`extra` of `{name}` must be an object of key-value pairs; it is {what}."
            / "`{name}`의 `extra` 값은 키-값 쌍 객체여야 하는데 {what}입니다.",
        apple_without_alert: "`apple_push` has no `alert`; Braze requires one unless \"content-available\": true \
                              (a silent push)."
            / "`apple_push`에 `alert` 항목이 없습니다. \"content-available\": true(무음 푸시)가 아니면 Braze는 \
               alert를 요구합니다.",
        android_without: "`android_push` has no `{key}`; Braze's docs require both `alert` and `title`."
            / "`android_push`에 `{key}` 항목이 없습니다. Braze 문서는 `alert`와 `title`을 모두 요구합니다.",
        slideup_too_long: "The slideup text is {chars} characters; Braze allows at most {max}."
            / "슬라이드업 텍스트가 {chars}자입니다. Braze는 최대 {max}자까지 허용합니다.",

        nobody_messaging: "Nobody to send to: add `external_user_ids` or `user_aliases`, a `segment_id` or an \
                           `audience` (with \"broadcast\": true to reach a whole segment)."
            / "보낼 대상이 없습니다. `external_user_ids`, `user_aliases`, `segment_id`, `audience` 중 하나를 \
               추가하세요(세그먼트 전체에 보내려면 \"broadcast\": true도).",
        empty_list: " `{key}` is an empty list." / " `{key}` 목록이 비어 있습니다.",
        broadcast_with_users: "\"broadcast\": true sends to a whole segment and cannot be combined with \
                               `external_user_ids` or `user_aliases`; remove one or the other."
            / "\"broadcast\": true는 세그먼트 전체에 보내는 설정이라 `external_user_ids`나 `user_aliases`와 함께 \
               쓸 수 없습니다. 둘 중 하나를 지우세요.",
        broadcast_required: "Braze's docs say `broadcast` must be true when no users are listed; add \
                             \"broadcast\": true to send to the whole segment or audience."
            / "Braze 문서에 따르면 사용자 목록이 없을 때는 `broadcast`가 true여야 합니다. 세그먼트나 오디언스 \
               전체에 보내려면 \"broadcast\": true를 추가하세요.",
        nobody_trigger: "Nobody to send to: add `recipients`, an `audience`, or \"broadcast\": true to send to \
                         everyone in the segment the campaign or Canvas targets."
            / "보낼 대상이 없습니다. `recipients`나 `audience`를 추가하거나, 캠페인 또는 캔버스가 대상으로 하는 \
               세그먼트 전체에 보내려면 \"broadcast\": true를 추가하세요.",
        broadcast_with_recipients: "\"broadcast\": true sends to the whole segment and cannot be combined with a \
                                    `recipients` list; remove one or the other."
            / "\"broadcast\": true는 세그먼트 전체에 보내는 설정이라 `recipients` 목록과 함께 쓸 수 없습니다. \
               둘 중 하나를 지우세요.",

        /// The example time the schedule sentences give.
        time_example: "\"2030-01-01T09:00:00Z\" (or \"2030-01-01T09:00:00\" without a zone for local or optimal time)"
            / "\"2030-01-01T09:00:00Z\"(현지 시각·최적 시각 발송이면 시간대 없이 \"2030-01-01T09:00:00\")",
        schedule_without_time: "`schedule` needs a `time`, an ISO 8601 string such as {example}."
            / "`schedule`에 `time` 항목이 필요합니다. {example} 같은 ISO 8601 문자열을 쓰세요.",
        local_time_with_zone: "With \"{flag}\": true, Braze's docs say to leave out the zone designator (write \
                               \"2030-01-01T09:00:00\", not \"…Z\" or \"…+09:00\"): the time is read in each user's \
                               zone."
            / "\"{flag}\": true일 때는 Braze 문서에 따라 시간대 표시를 빼야 합니다(\"…Z\"나 \
               \"…+09:00\"이 아니라 \"2030-01-01T09:00:00\"처럼). 시각은 사용자마다 각자의 시간대로 \
               읽힙니다.",
        time_not_a_string: "`{name}` must be an ISO 8601 string such as {example}; it is {what}."
            / "`{name}` 값은 {example} 같은 ISO 8601 문자열이어야 하는데 {what}입니다.",
        time_empty: "`{name}` is empty; Braze cannot parse it. Write a time such as {example}."
            / "`{name}` 값이 비어 있어 Braze가 해석할 수 없습니다. {example} 같은 시각을 쓰세요.",
        time_unparseable: "`{name}` \"{value}\" is not ISO 8601; Braze cannot parse it. Write a time such as {example}."
            / "`{name}` 값(\"{value}\")은 ISO 8601 형식이 아니라서 Braze가 해석할 수 없습니다. {example} 같은 \
               시각을 쓰세요.",
        time_no_such_date: "`{name}` \"{value}\" is written as ISO 8601, but there is no such date or time (such as \
                            30 February, month 13 or hour 25). Write a time that exists, such as {example}."
            / "`{name}` 값(\"{value}\")은 ISO 8601 형식이지만 존재하지 않는 날짜나 시각입니다(2월 30일, 13월, \
               25시 등). {example} 같은 실제 시각을 쓰세요.",
        /// Names the company zone when it has no IANA name.
        configured_zone: "the configured zone" / "설정된 시간대",
        local_time_in_past: "With \"in_local_time\": true, {time} has already passed in every time zone (in the \
                             company time zone, {zone}, it is now {now}), and Braze refuses such a schedule; pick a \
                             later time."
            / "\"in_local_time\": true인데 지정한 시각({time})이 모든 시간대에서 이미 지났습니다(회사 시간대 \
               {zone}의 현재 시각은 {now}). Braze는 이런 예약을 거부하니 더 늦은 시각을 고르세요.",
        local_time_partly_past: "With \"in_local_time\": true, {time} has already passed in the company time zone \
                                 ({zone}; it is now {now} there). Braze accepts it while the time is still ahead in \
                                 some zone, but users in zones where it has passed may not get the message; pick a \
                                 time at least a day ahead to reach everyone."
            / "\"in_local_time\": true인데 지정한 시각({time})이 회사 시간대({zone}, 그곳의 현재 시각 \
               {now})에서 이미 지났습니다. 아직 그 시각이 오지 않은 시간대가 있으면 Braze는 예약을 받아들이지만, \
               이미 지난 시간대의 사용자는 메시지를 받지 못할 수 있습니다. 모두에게 보내려면 하루 이상 뒤의 시각을 \
               고르세요.",
        schedule_in_past: "`schedule.time` {time} has already passed (it is now {now}). Braze's docs do not refuse a \
                           past time, so expect the message to go out at once rather than later; if that is not what \
                           you want, pick a later time."
            / "`schedule.time`의 {time} 시각은 이미 지났습니다(현재 {now}). Braze 문서는 지난 시각을 거부한다고 \
               하지 않으니 나중이 아니라 바로 발송된다고 보세요. 원하던 것이 아니라면 더 늦은 시각을 고르세요.",

        track_too_many: "`{key}` has {n} objects; /users/track takes at most {max} attributes, {max} events and \
                         {max} purchases per request — split it."
            / "`{key}` 배열에 객체가 {n}개 있습니다. /users/track은 요청 하나에 attributes, events, \
               purchases를 각각 최대 {max}개까지 받습니다 — 나누어 보내세요.",
        too_many_users: "This request names {total} users ({parts}); Braze allows at most {max} external ids and \
                         aliases per request — split it, or target a segment."
            / "이 요청은 사용자 {total}명을 지정합니다({parts}). Braze는 요청 하나에 external id와 별칭을 합쳐 \
               최대 {max}개까지 허용합니다 — 나누어 보내거나 세그먼트를 대상으로 하세요.",
        too_many_ids: "`{key}` has {n} entries; Braze takes at most {max} ids per request — split it."
            / "`{key}` 목록에 항목이 {n}개 있습니다. Braze는 요청 하나에 ID를 최대 {max}개까지 받습니다 \
               — 나누어 보내세요.",

    }
}

crate::table! {
    /// Sentences explaining a body that does not parse (most are text copied from Braze's docs).
    pub struct SyntaxText {
        empty: "The body is empty; Braze expects a JSON object such as {{\"external_user_ids\": [...]}}."
            / "본문이 비어 있습니다. Braze는 {{\"external_user_ids\": [...]}} 같은 JSON 객체를 기대합니다.",
        byte_order_mark: "The body starts with a byte order mark (U+FEFF); save the file as UTF-8 without BOM."
            / "본문이 바이트 순서 표시(BOM, U+FEFF)로 시작합니다. 파일을 BOM 없는 UTF-8로 저장하세요.",
        trailing_comma: "Invalid JSON: a comma before a closing `}}` or `]` is not allowed (trailing comma); remove it."
            / "잘못된 JSON: 닫는 `}}`나 `]` 바로 앞에는 쉼표를 쓸 수 없습니다(끝 쉼표). 쉼표를 지우세요.",
        comment: "Invalid JSON: JSON has no comments; this looks like an explanation copied from Braze's docs — \
                  remove the comment."
            / "잘못된 JSON: JSON에는 주석이 없습니다. Braze 문서의 설명이 함께 복사된 것 같습니다 — 주석을 지우세요.",
        ellipsis: "Invalid JSON: `...` in Braze's docs stands for \"more of the same\"; remove it or write the \
                   values out."
            / "잘못된 JSON: Braze 문서의 `...`는 \"같은 것이 더 있음\"을 뜻합니다. 지우거나 값을 직접 쓰세요.",
        placeholder_wants: "Invalid JSON: `{shown}` looks like a placeholder copied from Braze's docs; replace it \
                            with {wants}."
            / "잘못된 JSON: `{shown}` 부분은 Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값({wants})으로 \
               바꾸세요.",
        placeholder: "Invalid JSON: `{shown}` looks like a placeholder copied from Braze's docs; replace it with a \
                      value."
            / "잘못된 JSON: `{shown}` 부분은 Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값으로 바꾸세요.",
        // What a docs placeholder such as `(optional, array)` stands for.
        wants_array: "an array `[...]`" / "배열 `[...]`",
        wants_object: "an object `{{...}}`" / "객체 `{{...}}`",
        wants_boolean: "true or false" / "true 또는 false",
        wants_time: "an ISO 8601 time in double quotes" / "큰따옴표로 감싼 ISO 8601 시각",
        wants_number: "a number" / "숫자",
        wants_string: "a string in double quotes" / "큰따옴표로 감싼 문자열",
        wants_value: "a value" / "값",
        single_quotes: "Invalid JSON: strings and keys need double quotes (\"), not single quotes."
            / "잘못된 JSON: 문자열과 키는 작은따옴표(')가 아니라 큰따옴표(\")로 감싸야 합니다.",
        doubled_brace: "Invalid JSON: a `{{` where a key was expected — the block has a doubled opening brace; remove \
                        one."
            / "잘못된 JSON: 키가 와야 할 자리에 `{{`가 있습니다 — 여는 중괄호가 두 번 쓰였습니다. 하나를 지우세요.",
        missing_comma: "Invalid JSON: a comma is missing after this value (or a `{closer}` to close the block)."
            / "잘못된 JSON: 이 값 뒤에 쉼표가 빠졌습니다(또는 블록을 닫는 `{closer}`가 빠졌습니다).",
        eof_in_string: "Invalid JSON: the body ends inside a string; a closing `\"` is missing."
            / "잘못된 JSON: 문자열 안에서 본문이 끝납니다. 닫는 `\"`가 빠졌습니다.",
        eof: "Invalid JSON: the body ends before every `{{` and `[` is closed."
            / "잘못된 JSON: 모든 `{{`와 `[`가 닫히기 전에 본문이 끝납니다.",
        trailing_characters: "Invalid JSON: there is more text after the body's closing brace (an extra `}}` or a \
                              second object?)."
            / "잘못된 JSON: 본문을 닫는 중괄호 뒤에 글자가 더 있습니다(`}}`가 하나 더 있거나 객체가 두 개인가요?).",
        too_deep: "Invalid JSON: nested more than 128 levels deep; Braze's request objects are never this deep."
            / "잘못된 JSON: 128단계보다 깊게 중첩되어 있습니다. Braze 요청 객체는 이렇게 깊지 않습니다.",
        missing_colon: "Invalid JSON: a `:` is missing between the key and its value."
            / "잘못된 JSON: 키와 값 사이에 `:`가 빠졌습니다.",
        key_not_a_string: "Invalid JSON: an object key must be a string in double quotes."
            / "잘못된 JSON: 객체의 키는 큰따옴표로 감싼 문자열이어야 합니다.",
        control_character: "Invalid JSON: a raw line break or tab inside a string; write it as \\n or \\t."
            / "잘못된 JSON: 문자열 안에 줄바꿈이나 탭 문자가 그대로 들어 있습니다. \\n 또는 \\t로 쓰세요.",
        /// Any other parse error, in serde_json's words ([`SerdeText`]).
        other: "Invalid JSON: {what}." / "잘못된 JSON: {what}.",
        request_line: "Invalid JSON: `{method} …` is an HTTP request line copied with the body; keep only the JSON \
                       body (brazen takes the endpoint as an argument)."
            / "잘못된 JSON: `{method} …` 줄은 본문과 함께 복사된 HTTP 요청 줄입니다. JSON 본문만 남기세요\
               (엔드포인트는 brazen에 인수로 줍니다).",
        header_line: "Invalid JSON: `{name}:` is an HTTP header line copied with the body; keep only the JSON body \
                      (brazen sets the headers itself)."
            / "잘못된 JSON: `{name}:` 줄은 본문과 함께 복사된 HTTP 헤더 줄입니다. JSON 본문만 남기세요\
               (헤더는 brazen이 직접 붙입니다).",
        cut_short: "Invalid JSON: `{word}` is cut short; write `{literal}`."
            / "잘못된 JSON: `{word}` 부분이 중간에 끊겼습니다. `{literal}` 형태로 쓰세요.",
        lower_case: "Invalid JSON: write `{literal}` in lower case." / "잘못된 JSON: 소문자 `{literal}` 형태로 쓰세요.",
        null_spelling: "Invalid JSON: the empty value is written `null`." / "잘못된 JSON: 빈 값은 `null`로 씁니다.",
        unquoted_key: "Invalid JSON: the key `{word}` needs double quotes: \"{word}\"."
            / "잘못된 JSON: `{word}` 키는 큰따옴표로 감싸야 합니다: \"{word}\".",
        word_placeholder: "Invalid JSON: `{word}` looks like a placeholder copied from Braze's docs; replace it with \
                           a value (a string in double quotes)."
            / "잘못된 JSON: `{word}` 부분은 Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값(큰따옴표로 \
               감싼 문자열)으로 바꾸세요.",
        bare_word: "Invalid JSON: `{word}` is not a JSON value; a string needs double quotes."
            / "잘못된 JSON: `{word}` 부분은 JSON 값이 아닙니다. 문자열은 큰따옴표로 감싸야 합니다.",
    }
}

crate::table! {
    /// serde_json's rarer error texts: the English side is serde_json's wording verbatim (see [`SerdeText::find`]).
    // Read by row through `entries()`, matched on the English side, so no field is named in code.
    #[allow(dead_code)]
    pub struct SerdeText {
        expected_value: "expected value" / "값이 와야 할 자리입니다",
        invalid_number: "invalid number" / "잘못된 숫자입니다",
        number_out_of_range: "number out of range" / "숫자가 표현할 수 있는 범위를 벗어났습니다",
        invalid_escape: "invalid escape"
            / "잘못된 이스케이프입니다(\\ 뒤에는 \", \\, /, b, f, n, r, t, u만 올 수 있습니다)",
        invalid_unicode: "invalid unicode code point" / "잘못된 유니코드 코드 포인트입니다",
        hex_escape_end: "unexpected end of hex escape" / "\\u 뒤에는 16진수 네 자리가 와야 합니다",
        lone_surrogate: "lone leading surrogate in hex escape" / "\\u 이스케이프의 서로게이트 짝이 맞지 않습니다",
    }
}

impl SerdeText {
    /// serde_json's error text `what` in `lang`; a text this table lacks is shown as serde_json says it.
    pub fn find(what: &str, lang: crate::i18n::Lang) -> &str {
        use crate::i18n::{Lang, Table as _};
        let row = SerdeText::entries().iter().find(|(_, en, _)| *en == what);
        row.map_or(what, |(_, en, ko)| if lang == Lang::Ko { ko } else { en })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete_in_both_languages() {
        assert!(crate::i18n::check::<BodyText>().is_empty(), "{:?}", crate::i18n::check::<BodyText>());
        assert!(crate::i18n::check::<RuleText>().is_empty(), "{:?}", crate::i18n::check::<RuleText>());
        assert!(crate::i18n::check::<SyntaxText>().is_empty(), "{:?}", crate::i18n::check::<SyntaxText>());
        assert!(crate::i18n::check::<SerdeText>().is_empty(), "{:?}", crate::i18n::check::<SerdeText>());
    }
}
