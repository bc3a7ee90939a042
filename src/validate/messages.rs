//! The messaging objects under `messages`: presence, campaign variants, push `extra`, push payload sizes
//! (bytes), the slideup text length (characters), and the documented required fields of each channel.

use std::io;

use serde_json::{Map, Value};

use super::locate::join;
use super::types::is_messaging_object;
use super::{Sink, say};
use crate::i18n::Lang;

fn pick(lang: Lang, en: &'static str, ko: &'static str) -> String {
    match lang {
        Lang::En => en.into(),
        Lang::Ko => ko.into(),
    }
}

/// Apple's payload limit as Braze enforces it, in bytes of compact JSON (UTF-8).
pub(crate) const APPLE_PUSH_MAX_BYTES: usize = 1912;
/// Android's, likewise.
pub(crate) const ANDROID_PUSH_MAX_BYTES: usize = 4000;
/// A slideup's text, in characters (Unicode scalar values).
pub(crate) const SLIDEUP_MAX_CHARS: usize = 140;

/// `messages` missing, null, or holding nothing → `no_message_to_send`.
pub(crate) fn required(root: &Map<String, Value>, sink: &mut Sink) {
    match root.get("messages") {
        None | Some(Value::Null) => {
            sink.fatal(
                "no_message_to_send",
                "",
                pick(
                    sink.lang,
                    "There is no `messages` object; add one with at least one messaging object, e.g. \
                     \"messages\": {\"apple_push\": {\"alert\": \"Hello\"}}.",
                    "`messages` 객체가 없습니다. 메시징 객체를 하나 이상 담아 추가하세요. 예: \
                     \"messages\": {\"apple_push\": {\"alert\": \"Hello\"}}.",
                ),
            );
        }
        Some(Value::Object(m)) if m.values().all(Value::is_null) => {
            sink.fatal(
                "no_message_to_send",
                "/messages",
                pick(
                    sink.lang,
                    "`messages` holds no messaging object; add one, e.g. \"apple_push\": {\"alert\": \"Hello\"}.",
                    "`messages` 안에 메시징 객체가 없습니다. 하나를 추가하세요. 예: \"apple_push\": {\"alert\": \"Hello\"}.",
                ),
            );
        }
        _ => {}
    }
}

/// Rules for each messaging object present.
pub(crate) fn check(root: &Map<String, Value>, sink: &mut Sink) {
    let Some(Value::Object(messages)) = root.get("messages") else { return };
    let campaign = root.get("campaign_id").and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
    for (name, obj) in messages {
        let Value::Object(obj) = obj else { continue };
        let pointer = join("/messages", name);
        if campaign && is_messaging_object(name) && !obj.contains_key("message_variation_id") {
            sink.fatal(
                "message_variant_unspecified",
                &pointer,
                say(
                    sink.lang,
                    format_args!(
                        "`campaign_id` is given, so every messaging object needs the `message_variation_id` of one \
                         of that campaign's variants; `{name}` has none."
                    ),
                    format_args!(
                        "`campaign_id`가 있으므로 모든 메시징 객체에 그 캠페인 변형(variant) 중 하나의 \
                         `message_variation_id`가 필요합니다. `{name}` 객체에는 없습니다."
                    ),
                ),
            );
        }
        match name.as_str() {
            "apple_push" => apple_push(obj, &pointer, sink),
            "android_push" => android_push(obj, &pointer, sink),
            "email" => email(obj, &pointer, sink),
            // The current docs have no in-app messaging object: only the legacy api.appboy.com pages listed
            // `in_app_message` (a slideup whose text is `message`), and the error table still carries
            // "Slideup Message Length Exceeded". So the legacy object is the one path where that row can be
            // predicted; `slideup` is accepted as a spelling of it.
            "in_app_message" | "slideup" => slideup(obj, &pointer, sink),
            _ => {}
        }
    }
}

/// Counts bytes instead of building the string.
struct Count(usize);

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Size in bytes of `serde_json::to_string(obj)` (compact, UTF-8).
pub(crate) fn compact_len(obj: &Map<String, Value>) -> usize {
    let mut c = Count(0);
    // Writing a `Value` into a sink that never fails cannot fail.
    let _ = serde_json::to_writer(&mut c, obj);
    c.0
}

fn size_check(obj: &Map<String, Value>, pointer: &str, name: &str, max: usize, error: &str, sink: &mut Sink) {
    let bytes = compact_len(obj);
    if bytes <= max {
        return;
    }
    let mut msg = say(
        sink.lang,
        format_args!("`{name}` is {bytes} bytes as compact JSON; Braze allows at most {max} bytes."),
        format_args!("`{name}` 객체는 압축 JSON으로 {bytes}바이트입니다. Braze는 최대 {max}바이트까지 허용합니다."),
    );
    if serde_json::to_string(obj).is_ok_and(|s| !s.is_ascii()) {
        msg.push_str(&pick(
            sink.lang,
            " The limit counts UTF-8 bytes: Korean and other non-Latin letters take 3 bytes each.",
            " 한도는 UTF-8 바이트 기준입니다. 한글 등 라틴 문자가 아닌 글자는 한 글자에 3바이트입니다.",
        ));
    }
    sink.fatal(error, pointer, msg);
}

fn extra(obj: &Map<String, Value>, pointer: &str, name: &str, reserved: bool, sink: &mut Sink) {
    let Some(extra) = obj.get("extra") else { return };
    let at = join(pointer, "extra");
    match extra {
        Value::Null => {}
        Value::Object(m) => {
            // Braze's apple_push docs reserve `ab` (Braze's own key in the iOS payload) and `aps` (APNs'
            // dictionary). The android_push docs reserve nothing, so only apple_push is checked.
            if !reserved {
                return;
            }
            for key in ["ab", "aps"] {
                if m.contains_key(key) {
                    sink.fatal(
                        "invalid_extra_push_payload",
                        &join(&at, key),
                        say(
                            sink.lang,
                            format_args!(
                                "`{key}` is a reserved key of the iOS push payload and cannot be used in `extra`; \
                                 rename it."
                            ),
                            format_args!(
                                "`{key}` 키는 iOS 푸시 페이로드의 예약 키라서 `extra`에 쓸 수 없습니다. 이름을 \
                                 바꾸세요."
                            ),
                        ),
                    )
                    .at_key();
                }
            }
        }
        other => {
            sink.fatal(
                "invalid_extra_push_payload",
                &at,
                say(
                    sink.lang,
                    format_args!(
                        "`extra` of `{name}` must be an object of key-value pairs; it is {}.",
                        super::types::describe(other, sink.lang)
                    ),
                    format_args!(
                        "`{name}`의 `extra` 값은 키-값 쌍 객체여야 하는데 {}입니다.",
                        super::types::describe(other, sink.lang)
                    ),
                ),
            );
        }
    }
}

fn present(obj: &Map<String, Value>, key: &str) -> bool {
    obj.get(key).is_some_and(|v| !v.is_null())
}

fn apple_push(obj: &Map<String, Value>, pointer: &str, sink: &mut Sink) {
    extra(obj, pointer, "apple_push", true, sink);
    size_check(obj, pointer, "apple_push", APPLE_PUSH_MAX_BYTES, "apple_push_length_exceeded", sink);
    let silent = ["content-available", "content_available"].iter().any(|k| obj.get(*k) == Some(&Value::Bool(true)));
    if !present(obj, "alert") && !silent {
        sink.minor(
            "apple_push_without_alert",
            pointer,
            pick(
                sink.lang,
                "`apple_push` has no `alert`; Braze requires one unless \"content-available\": true (a silent push).",
                "`apple_push`에 `alert` 항목이 없습니다. \"content-available\": true(무음 푸시)가 아니면 Braze는 \
                 alert를 요구합니다.",
            ),
        );
    }
}

fn android_push(obj: &Map<String, Value>, pointer: &str, sink: &mut Sink) {
    extra(obj, pointer, "android_push", false, sink);
    size_check(obj, pointer, "android_push", ANDROID_PUSH_MAX_BYTES, "android_push_length_exceeded", sink);
    // A data-only push (`send_to_sync`) must not have alert or title.
    if obj.get("send_to_sync") == Some(&Value::Bool(true)) {
        return;
    }
    for key in ["alert", "title"] {
        if !present(obj, key) {
            sink.minor(
                &format!("android_push_without_{key}"),
                pointer,
                say(
                    sink.lang,
                    format_args!("`android_push` has no `{key}`; Braze's docs require both `alert` and `title`."),
                    format_args!(
                        "`android_push`에 `{key}` 항목이 없습니다. Braze 문서는 `alert`와 `title`을 모두 요구합니다."
                    ),
                ),
            );
        }
    }
}

fn email(obj: &Map<String, Value>, pointer: &str, sink: &mut Sink) {
    let lang = sink.lang;
    for (key, why, why_ko) in [
        ("app_id", "the app group's app identifier", "앱 그룹의 앱 식별자"),
        ("from", "\"Display Name <address@example.com>\"", "\"Display Name <address@example.com>\" 형식"),
    ] {
        if !present(obj, key) {
            sink.minor(
                &format!("email_without_{key}"),
                pointer,
                say(
                    lang,
                    format_args!("`email` has no `{key}` ({why}); Braze's docs require it."),
                    format_args!("`email`에 `{key}` 항목({why_ko})이 없습니다. Braze 문서상 필수입니다."),
                ),
            );
        }
    }
    if !present(obj, "body") && !present(obj, "email_template_id") {
        sink.minor(
            "email_without_body",
            pointer,
            pick(
                lang,
                "`email` has neither `body` nor `email_template_id`; Braze's docs require one of them.",
                "`email`에 `body`도 `email_template_id`도 없습니다. Braze 문서는 둘 중 하나를 요구합니다.",
            ),
        );
    }
}

fn slideup(obj: &Map<String, Value>, pointer: &str, sink: &mut Sink) {
    let Some(text) = obj.get("message").and_then(Value::as_str) else { return };
    let chars = text.chars().count();
    if chars > SLIDEUP_MAX_CHARS {
        sink.fatal(
            "slideup_message_length_exceeded",
            &join(pointer, "message"),
            say(
                sink.lang,
                format_args!("The slideup text is {chars} characters; Braze allows at most {SLIDEUP_MAX_CHARS}."),
                format_args!("슬라이드업 텍스트가 {chars}자입니다. Braze는 최대 {SLIDEUP_MAX_CHARS}자까지 허용합니다."),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::tests::{errors, run};
    use super::*;

    fn send(messages: &str) -> String {
        format!(r#"{{"external_user_ids": ["u"], "messages": {messages}}}"#)
    }

    #[test]
    fn messages_missing_or_empty_is_no_message_to_send() {
        assert_eq!(run("/messages/send", r#"{"broadcast": true}"#), [(Fatal, "no_message_to_send".into(), "".into())]);
        assert_eq!(errors("/messages/send", &send("{}")), ["no_message_to_send"]);
        assert_eq!(errors("/messages/send", &send(r#"{"apple_push": null}"#)), ["no_message_to_send"]);
        assert!(errors("/messages/send", &send(r#"{"apple_push": {"alert": "hi"}}"#)).is_empty());
        // Not every endpoint needs messages.
        assert!(errors("/messages/schedule/update", r#"{"schedule_id": "s"}"#).is_empty());
    }

    #[test]
    fn campaign_id_needs_a_variation_per_messaging_object() {
        let body = r#"{"external_user_ids": ["u"], "campaign_id": "c",
            "messages": {"apple_push": {"alert": "a", "message_variation_id": "v"}, "android_push": {"alert": "a", "title": "t"}}}"#;
        assert_eq!(
            run("/messages/send", body),
            [(Fatal, "message_variant_unspecified".into(), "/messages/android_push".into())]
        );
        let body = r#"{"external_user_ids": ["u"], "messages": {"android_push": {"alert": "a", "title": "t"}}}"#;
        assert!(run("/messages/send", body).is_empty());
    }

    #[test]
    fn extra_must_be_an_object_without_reserved_keys() {
        for (extra, pointer) in [
            (r#""x""#, "/messages/apple_push/extra"),
            ("[1]", "/messages/apple_push/extra"),
            (r#"{"aps": {}}"#, "/messages/apple_push/extra/aps"),
            (r#"{"ab": 1, "k": 2}"#, "/messages/apple_push/extra/ab"),
        ] {
            let d = run("/messages/send", &send(&format!(r#"{{"apple_push": {{"alert": "a", "extra": {extra}}}}}"#)));
            assert_eq!(d, [(Fatal, "invalid_extra_push_payload".into(), pointer.into())], "{extra}");
        }
        let d = run("/messages/send", &send(r#"{"android_push": {"alert": "a", "title": "t", "extra": 5}}"#));
        assert_eq!(d, [(Fatal, "invalid_extra_push_payload".into(), "/messages/android_push/extra".into())]);
        assert!(run("/messages/send", &send(r#"{"apple_push": {"alert": "a", "extra": {"deep": "x"}}}"#)).is_empty());
        assert!(
            run("/messages/send", &send(r#"{"android_push": {"alert": "a", "title": "t", "extra": {"aps": 1}}}"#))
                .is_empty()
        );
    }

    /// An apple_push whose compact JSON is exactly `bytes` bytes, with an alert made of `unit`.
    fn apple_push_of(unit: &str, bytes: usize) -> String {
        let skeleton = r#"{"alert":""}"#.len();
        let n = (bytes - skeleton) / unit.len();
        let mut alert = unit.repeat(n);
        alert.push_str(&"a".repeat(bytes - skeleton - n * unit.len()));
        let obj = format!(r#"{{"alert":"{alert}"}}"#);
        assert_eq!(obj.len(), bytes);
        obj
    }

    #[test]
    fn apple_push_is_limited_in_bytes_not_characters() {
        let ok = apple_push_of("a", APPLE_PUSH_MAX_BYTES);
        assert!(run("/messages/send", &send(&format!(r#"{{"apple_push": {ok}}}"#))).is_empty());
        let over = apple_push_of("a", APPLE_PUSH_MAX_BYTES + 1);
        assert_eq!(
            errors("/messages/send", &send(&format!(r#"{{"apple_push": {over}}}"#))),
            ["apple_push_length_exceeded"]
        );
        // 700 Korean characters: far fewer than 1912 characters, but 2100 bytes.
        let korean = format!(r#"{{"alert":"{}"}}"#, "한".repeat(700));
        assert!(korean.chars().count() < APPLE_PUSH_MAX_BYTES && korean.len() > APPLE_PUSH_MAX_BYTES);
        let r = super::super::check(
            "/messages/send",
            &send(&format!(r#"{{"apple_push": {korean}}}"#)),
            &super::super::tests::ctx(),
        );
        let d = r.fatal().next().unwrap();
        assert_eq!(d.error, "apple_push_length_exceeded");
        assert!(d.message.contains("2112 bytes") && d.message.contains("1912"), "{}", d.message);
        assert!(d.message.contains("Korean"));
    }

    #[test]
    fn android_push_is_limited_to_4000_bytes() {
        let ok = format!(r#"{{"title":"t","alert":"{}"}}"#, "가".repeat(1320));
        assert!(ok.len() <= ANDROID_PUSH_MAX_BYTES);
        assert!(run("/messages/send", &send(&format!(r#"{{"android_push": {ok}}}"#))).is_empty());
        let over = format!(r#"{{"title":"t","alert":"{}"}}"#, "가".repeat(1340));
        assert_eq!(
            errors("/messages/send", &send(&format!(r#"{{"android_push": {over}}}"#))),
            ["android_push_length_exceeded"]
        );
    }

    #[test]
    fn slideup_is_limited_in_characters_not_bytes() {
        let body = |n: usize| send(&format!(r#"{{"in_app_message": {{"message": "{}"}}}}"#, "한".repeat(n)));
        assert!(run("/messages/send", &body(140)).is_empty(), "140 Korean characters (420 bytes) pass");
        assert_eq!(
            run("/messages/send", &body(141)),
            [(Fatal, "slideup_message_length_exceeded".into(), "/messages/in_app_message/message".into())]
        );
        let body = send(&format!(r#"{{"slideup": {{"message": "{}"}}}}"#, "x".repeat(141)));
        assert_eq!(errors("/messages/send", &body), ["slideup_message_length_exceeded"]);
    }

    #[test]
    fn missing_channel_fields_are_minor() {
        assert_eq!(errors("/messages/send", &send(r#"{"apple_push": {"badge": 1}}"#)), ["apple_push_without_alert"]);
        assert!(errors("/messages/send", &send(r#"{"apple_push": {"content-available": true}}"#)).is_empty());
        assert_eq!(
            errors("/messages/send", &send(r#"{"android_push": {}}"#)),
            ["android_push_without_alert", "android_push_without_title"]
        );
        assert!(errors("/messages/send", &send(r#"{"android_push": {"send_to_sync": true}}"#)).is_empty());
        assert_eq!(
            errors("/messages/send", &send(r#"{"email": {"body": "<p>x</p>"}}"#)),
            ["email_without_app_id", "email_without_from"]
        );
        assert_eq!(
            errors("/messages/send", &send(r#"{"email": {"app_id": "a", "from": "A <a@b.c>"}}"#)),
            ["email_without_body"]
        );
        let d = run(
            "/messages/send",
            &send(r#"{"email": {"app_id": "a", "from": "A <a@b.c>", "email_template_id": "t"}}"#),
        );
        assert!(d.is_empty());
        assert!(d.iter().all(|x| x.0 != Fatal));
    }
}
