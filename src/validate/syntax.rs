//! Parsing the body once into a `serde_json::Value`, and turning a parse error into a located, explained
//! `bad_request` — most broken bodies are text copied from Braze's docs (placeholders, comments, `...`, header lines).

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::say;
use crate::i18n::Lang;

/// A successfully parsed body.
pub(crate) struct Parsed {
    pub value: Value,
    /// Some object held the same key twice (serde keeps the last); the positions are found later, by a scan.
    pub has_duplicates: bool,
}

/// A parse error, located and explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Byte offset of the offending token (always on a character boundary, at most `text.len()`).
    pub offset: usize,
    pub message: String,
}

/// [`parse_in`] with English sentences.
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    parse_in(text, Lang::En)
}

/// Parses `text` as one JSON value; a parse error is explained in `lang`. serde_json's recursion limit (128)
/// turns a too-deep body into an error.
pub(crate) fn parse_in(text: &str, lang: Lang) -> Result<Parsed, SyntaxError> {
    let dups = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { dups: &dups }.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match value {
        Ok(value) => Ok(Parsed { value, has_duplicates: dups.get() }),
        Err(e) => Err(explain(text, &e, lang)),
    }
}

/// Builds a `Value` like serde_json's own visitor, but notices duplicate keys instead of silently dropping them.
#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    dups: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(self)? {
            v.push(item);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut m = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(self)?;
            if m.insert(k, v).is_some() {
                self.dups.set(true);
            }
        }
        Ok(Value::Object(m))
    }
}

/// serde_json reports 1-based line and byte column; turn that into a byte offset, move it to the real problem
/// where serde's spot is one token late (trailing comma, missing comma), and write a sentence a user can act on.
pub(crate) fn explain(text: &str, e: &serde_json::Error, lang: Lang) -> SyntaxError {
    let raw = e.to_string();
    // serde_json appends " at line L column C"; the rest is its fixed error text.
    let what = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]).to_string();
    // At the end of input, point just past the last token rather than at trailing blank lines.
    let offset = if e.is_eof() { text.trim_end().len() } else { offset_of(text, e.line(), e.column()) };
    let (offset, message) = sentence(text, offset, &what, e.is_eof(), lang);
    SyntaxError { offset: floor_char(text, offset.min(text.len())), message }
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let b = text.as_bytes();
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &b[start.min(b.len())..]) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    // Column 0 means the offending byte was the line break ending the previous line.
    if column == 0 { start.saturating_sub(1) } else { (start + column - 1).min(text.len()) }
}

pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn sentence(text: &str, offset: usize, what: &str, eof: bool, lang: Lang) -> (usize, String) {
    // Most sentences here are fixed; `s` picks one without formatting anything.
    let s = |en: &'static str, ko: &'static str| -> String {
        match lang {
            Lang::En => en.into(),
            Lang::Ko => ko.into(),
        }
    };
    let offset = floor_char(text, offset);
    let rest = &text[offset..];
    if text.trim().is_empty() {
        return (
            0,
            s(
                "The body is empty; Braze expects a JSON object such as {\"external_user_ids\": [...]}.",
                "본문이 비어 있습니다. Braze는 {\"external_user_ids\": [...]} 같은 JSON 객체를 기대합니다.",
            ),
        );
    }
    if offset == 0 && text.starts_with('\u{feff}') {
        return (
            0,
            s(
                "The body starts with a byte order mark (U+FEFF); save the file as UTF-8 without BOM.",
                "본문이 바이트 순서 표시(BOM, U+FEFF)로 시작합니다. 파일을 BOM 없는 UTF-8로 저장하세요.",
            ),
        );
    }
    if what == "trailing comma" {
        let comma = text[..offset].rfind(',').unwrap_or(offset);
        return (
            comma,
            s(
                "Invalid JSON: a comma before a closing `}` or `]` is not allowed (trailing comma); remove it.",
                "잘못된 JSON: 닫는 `}`나 `]` 바로 앞에는 쉼표를 쓸 수 없습니다(끝 쉼표). 쉼표를 지우세요.",
            ),
        );
    }
    if let Some(found) = header_line(text, offset, lang) {
        return found;
    }
    if rest.starts_with("//") || rest.starts_with("/*") {
        return (
            offset,
            s(
                "Invalid JSON: JSON has no comments; this looks like an explanation copied from Braze's docs — \
                 remove the comment.",
                "잘못된 JSON: JSON에는 주석이 없습니다. Braze 문서의 설명이 함께 복사된 것 같습니다 — 주석을 지우세요.",
            ),
        );
    }
    if rest.starts_with("...") || rest.starts_with('…') {
        return (
            offset,
            s(
                "Invalid JSON: `...` in Braze's docs stands for \"more of the same\"; remove it or write the \
                 values out.",
                "잘못된 JSON: Braze 문서의 `...`는 \"같은 것이 더 있음\"을 뜻합니다. 지우거나 값을 직접 쓰세요.",
            ),
        );
    }
    if rest.starts_with('(') {
        let shown = snippet(rest, ')');
        return (
            offset,
            say(
                lang,
                format_args!(
                    "Invalid JSON: `{shown}` looks like a placeholder copied from Braze's docs; replace it with {}.",
                    placeholder_wants(&shown, lang)
                ),
                format_args!(
                    "잘못된 JSON: `{shown}` 부분은 Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값({})으로 \
                     바꾸세요.",
                    placeholder_wants(&shown, lang)
                ),
            ),
        );
    }
    if rest.starts_with('<') {
        let shown = snippet(rest, '>');
        return (
            offset,
            say(
                lang,
                format_args!(
                    "Invalid JSON: `{shown}` looks like a placeholder copied from Braze's docs; replace it with a value."
                ),
                format_args!(
                    "잘못된 JSON: `{shown}` 부분은 Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값으로 바꾸세요."
                ),
            ),
        );
    }
    if rest.starts_with('\'') {
        return (
            offset,
            s(
                "Invalid JSON: strings and keys need double quotes (\"), not single quotes.",
                "잘못된 JSON: 문자열과 키는 작은따옴표(')가 아니라 큰따옴표(\")로 감싸야 합니다.",
            ),
        );
    }
    if rest.starts_with('{') && what == "key must be a string" {
        return (
            offset,
            s(
                "Invalid JSON: a `{` where a key was expected — the block has a doubled opening brace; remove one.",
                "잘못된 JSON: 키가 와야 할 자리에 `{`가 있습니다 — 여는 중괄호가 두 번 쓰였습니다. 하나를 지우세요.",
            ),
        );
    }
    let (offset, rest) = match literal_start(text, offset, what, eof) {
        Some(start) => (start, &text[start..]),
        None => (offset, rest),
    };
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-').take(60).collect();
    if !word.is_empty() && !rest.starts_with('-') && !rest.as_bytes()[0].is_ascii_digit() {
        return (offset, bare_word(&word, what, lang));
    }
    if what.starts_with("expected `,`") {
        // serde_json notices the missing comma at the next token; the comma belongs right after the previous one.
        let end = text[..offset].trim_end().len();
        let closer = if what.ends_with("`]`") { "]" } else { "}" };
        return (
            end,
            say(
                lang,
                format_args!("Invalid JSON: a comma is missing after this value (or a `{closer}` to close the block)."),
                format_args!("잘못된 JSON: 이 값 뒤에 쉼표가 빠졌습니다(또는 블록을 닫는 `{closer}`가 빠졌습니다)."),
            ),
        );
    }
    let message = match what {
        _ if eof && what.contains("string") => s(
            "Invalid JSON: the body ends inside a string; a closing `\"` is missing.",
            "잘못된 JSON: 문자열 안에서 본문이 끝납니다. 닫는 `\"`가 빠졌습니다.",
        ),
        _ if eof => s(
            "Invalid JSON: the body ends before every `{` and `[` is closed.",
            "잘못된 JSON: 모든 `{`와 `[`가 닫히기 전에 본문이 끝납니다.",
        ),
        "trailing characters" => s(
            "Invalid JSON: there is more text after the body's closing brace (an extra `}` or a second object?).",
            "잘못된 JSON: 본문을 닫는 중괄호 뒤에 글자가 더 있습니다(`}`가 하나 더 있거나 객체가 두 개인가요?).",
        ),
        "recursion limit exceeded" => s(
            "Invalid JSON: nested more than 128 levels deep; Braze's request objects are never this deep.",
            "잘못된 JSON: 128단계보다 깊게 중첩되어 있습니다. Braze 요청 객체는 이렇게 깊지 않습니다.",
        ),
        "expected `:`" => s(
            "Invalid JSON: a `:` is missing between the key and its value.",
            "잘못된 JSON: 키와 값 사이에 `:`가 빠졌습니다.",
        ),
        "key must be a string" => s(
            "Invalid JSON: an object key must be a string in double quotes.",
            "잘못된 JSON: 객체의 키는 큰따옴표로 감싼 문자열이어야 합니다.",
        ),
        w if w.starts_with("control character") => s(
            "Invalid JSON: a raw line break or tab inside a string; write it as \\n or \\t.",
            "잘못된 JSON: 문자열 안에 줄바꿈이나 탭 문자가 그대로 들어 있습니다. \\n 또는 \\t로 쓰세요.",
        ),
        w => match lang {
            Lang::En => format!("Invalid JSON: {w}."),
            // serde_json's own wording for the rarer errors; anything else is shown as serde_json says it.
            Lang::Ko => {
                let k = match w {
                    "expected value" => "값이 와야 할 자리입니다",
                    "invalid number" => "잘못된 숫자입니다",
                    "number out of range" => "숫자가 표현할 수 있는 범위를 벗어났습니다",
                    "invalid escape" => {
                        "잘못된 이스케이프입니다(\\ 뒤에는 \", \\, /, b, f, n, r, t, u만 올 수 있습니다)"
                    }
                    "invalid unicode code point" => "잘못된 유니코드 코드 포인트입니다",
                    "unexpected end of hex escape" => "\\u 뒤에는 16진수 네 자리가 와야 합니다",
                    "lone leading surrogate in hex escape" => "\\u 이스케이프의 서로게이트 짝이 맞지 않습니다",
                    other => other,
                };
                format!("잘못된 JSON: {k}.")
            }
        },
    };
    (offset, message)
}

/// A line such as `POST https://…/users/track` or `Authorization: Bearer …` pasted with the body.
/// Only the header's name is repeated in the sentence: its value may be an API key.
fn header_line(text: &str, offset: usize, lang: Lang) -> Option<(usize, String)> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let indent = line.len() - line.trim_start().len();
    // Only when the parser stopped at the start of that line: a problem mid-line is something else.
    if offset != start + indent {
        return None;
    }
    let trimmed = line.trim();
    let first = trimmed.split_whitespace().next().unwrap_or("");
    const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    if METHODS.contains(&first) && trimmed.split_whitespace().nth(1).is_some_and(|u| u.contains('/')) {
        return Some((
            start + indent,
            say(
                lang,
                format_args!(
                    "Invalid JSON: `{first} …` is an HTTP request line copied with the body; keep only the JSON body \
                     (brazen takes the endpoint as an argument)."
                ),
                format_args!(
                    "잘못된 JSON: `{first} …` 줄은 본문과 함께 복사된 HTTP 요청 줄입니다. JSON 본문만 남기세요\
                     (엔드포인트는 brazen에 인수로 줍니다)."
                ),
            ),
        ));
    }
    let name = trimmed.split(':').next().unwrap_or("");
    let is_header = !name.is_empty()
        && trimmed.len() > name.len()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        // Header names are capitalised (`Content-Type`); `schedule: {` is an unquoted key instead.
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && trimmed[name.len() + 1..].starts_with(' ');
    is_header.then(|| {
        (
            start + indent,
            say(
                lang,
                format_args!(
                    "Invalid JSON: `{name}:` is an HTTP header line copied with the body; keep only the JSON body \
                     (brazen sets the headers itself)."
                ),
                format_args!(
                    "잘못된 JSON: `{name}:` 줄은 본문과 함께 복사된 HTTP 헤더 줄입니다. JSON 본문만 남기세요\
                     (헤더는 brazen이 직접 붙입니다)."
                ),
            ),
        )
    })
}

/// serde_json reads `true`, `false` and `null` letter by letter and stops at the first letter that does not fit
/// (`nope` at the `o`, `not` at the `o`) or at the end of the body (`nul`): the start of that word, so the sentence
/// names the whole word and the column points at it.
fn literal_start(text: &str, offset: usize, what: &str, eof: bool) -> Option<usize> {
    if what != "expected ident" && !(eof && what == "EOF while parsing a value") {
        return None;
    }
    let start = text[..offset].trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    let read = &text[start..offset];
    let partial = |l: &&str| l.len() > read.len() && l.starts_with(read);
    (!read.is_empty() && ["true", "false", "null"].iter().any(partial)).then_some(start)
}

fn bare_word(word: &str, what: &str, lang: Lang) -> String {
    if let Some(l) = ["true", "false", "null"].iter().find(|l| l.starts_with(word) && l.len() > word.len()) {
        return say(
            lang,
            format_args!("Invalid JSON: `{word}` is cut short; write `{l}`."),
            format_args!("잘못된 JSON: `{word}` 부분이 중간에 끊겼습니다. `{l}` 형태로 쓰세요."),
        );
    }
    match word {
        "True" | "TRUE" | "False" | "FALSE" => say(
            lang,
            format_args!("Invalid JSON: write `{}` in lower case.", word.to_ascii_lowercase()),
            format_args!("잘못된 JSON: 소문자 `{}` 형태로 쓰세요.", word.to_ascii_lowercase()),
        ),
        "None" | "NULL" | "Null" | "nil" | "undefined" => say(
            lang,
            format_args!("Invalid JSON: the empty value is written `null`."),
            format_args!("잘못된 JSON: 빈 값은 `null`로 씁니다."),
        ),
        _ if what == "key must be a string" => say(
            lang,
            format_args!("Invalid JSON: the key `{word}` needs double quotes: \"{word}\"."),
            format_args!("잘못된 JSON: `{word}` 키는 큰따옴표로 감싸야 합니다: \"{word}\"."),
        ),
        _ if word.len() > 3
            && word.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c == '-' || c.is_ascii_digit()) =>
        {
            say(
                lang,
                format_args!(
                    "Invalid JSON: `{word}` looks like a placeholder copied from Braze's docs; replace it with a value \
                     (a string in double quotes)."
                ),
                format_args!(
                    "잘못된 JSON: `{word}` 부분은 Braze 문서에서 복사된 자리표시자로 보입니다. 실제 값(큰따옴표로 \
                     감싼 문자열)으로 바꾸세요."
                ),
            )
        }
        _ => say(
            lang,
            format_args!("Invalid JSON: `{word}` is not a JSON value; a string needs double quotes."),
            format_args!("잘못된 JSON: `{word}` 부분은 JSON 값이 아닙니다. 문자열은 큰따옴표로 감싸야 합니다."),
        ),
    }
}

/// The placeholder up to its closing bracket, shortened for the sentence.
fn snippet(rest: &str, close: char) -> String {
    let end = rest.find(close).map_or(rest.len(), |i| i + close.len_utf8());
    let end = rest[..end].find('\n').unwrap_or(end);
    let s = &rest[..end];
    if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s.to_string() }
}

fn placeholder_wants(p: &str, lang: Lang) -> &'static str {
    let p = p.to_ascii_lowercase();
    let (en, ko) = if p.contains("array") {
        ("an array `[...]`", "배열 `[...]`")
    } else if p.contains("object") {
        ("an object `{...}`", "객체 `{...}`")
    } else if p.contains("bool") {
        ("true or false", "true 또는 false")
    } else if p.contains("datetime") || p.contains("iso 8601") {
        ("an ISO 8601 time in double quotes", "큰따옴표로 감싼 ISO 8601 시각")
    } else if p.contains("int") || p.contains("float") || p.contains("number") {
        ("a number", "숫자")
    } else if p.contains("string") {
        ("a string in double quotes", "큰따옴표로 감싼 문자열")
    } else {
        ("a value", "값")
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// Whether a string value is one of Braze's documentation placeholders, e.g. `"(optional, Apple Push Object)"`
/// or `"(required, string)"`.
pub(crate) fn is_doc_placeholder(s: &str) -> bool {
    let t = s.trim();
    if let Some(inner) = t.strip_prefix('(') {
        let inner = inner.to_ascii_lowercase();
        return inner.starts_with("optional") || inner.starts_with("required");
    }
    // `<minor error message>`, `<YOUR_API_KEY>` — but not HTML such as `<p>x</p>` or an address `<a@b.c>`.
    t.strip_prefix('<').and_then(|r| r.strip_suffix('>')).is_some_and(|inner| {
        inner.contains([' ', '_']) && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | ','))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, String) {
        let e = parse(text).err().expect("should not parse");
        (e.offset, e.message)
    }

    #[test]
    fn valid_json_parses_and_flags_duplicates() {
        let p = parse(r#"{"a": 1, "b": {"c": 2}}"#).ok().unwrap();
        assert!(!p.has_duplicates);
        assert_eq!(p.value["b"]["c"], 2);
        let p = parse(r#"{"a": 1, "b": {"c": 2, "c": 3}}"#).ok().unwrap();
        assert!(p.has_duplicates);
        assert_eq!(p.value["b"]["c"], 3, "the last value wins, as in serde_json");
    }

    #[test]
    fn a_bare_word_starting_like_a_literal_is_named_whole() {
        // serde_json stops inside the word (at the `o` of `not`); the diagnostic points at its first letter.
        let (off, msg) = err("not json");
        assert_eq!(off, 0);
        assert!(msg.contains("`not` is not a JSON value"), "{msg}");
        let (off, msg) = err("{\"a\": nope}");
        assert_eq!(off, 6);
        assert!(msg.contains("`nope`"), "{msg}");
        let (off, msg) = err("{\"a\": fals}");
        assert_eq!(off, 6);
        assert!(msg.contains("`fals` is cut short; write `false`"), "{msg}");
        for text in ["nul", "nul\n", "[tru"] {
            let (off, msg) = err(text);
            assert_eq!(off, text.find(['n', 't']).unwrap(), "{text:?}");
            assert!(msg.contains("cut short") && !msg.contains("ident"), "{text:?}: {msg}");
        }
        // Unrelated end-of-body errors keep their place.
        assert_eq!(err("{\"a\": 1").0, 7);
        assert_eq!(err("{\"a\": true").0, 10);
        assert_eq!(err("{\"a\": \"tr").0, 9);
    }

    #[test]
    fn placeholder_is_located_and_named() {
        let text = "{\n  \"messages\": {\n    \"apple_push\": (optional, Apple Push Object),\n  }\n}";
        let (off, msg) = err(text);
        assert!(text[off..].starts_with("(optional, Apple Push Object)"));
        assert!(msg.contains("placeholder"), "{msg}");
        assert!(msg.contains("an object"), "{msg}");
    }

    #[test]
    fn comment_trailing_comma_dots_and_headers_are_explained() {
        let (off, msg) = err("{\n  // hi\n  \"a\": 1\n}");
        assert_eq!(off, 4);
        assert!(msg.contains("comments"));

        let text = "{\n  \"a\": [1, 2],\n}";
        let (off, msg) = err(text);
        assert_eq!(&text[off..off + 1], ",");
        assert_eq!(off, 15);
        assert!(msg.contains("trailing comma"));

        let (off, msg) = err("{\"a\": [\n  1,\n  ...\n]}");
        assert_eq!(off, 15);
        assert!(msg.contains("more of the same"));

        let text = "POST https://x/users/track\nAuthorization: Bearer SECRET-KEY\n{}";
        let (off, msg) = err(text);
        assert_eq!(off, 0);
        assert!(msg.contains("request line"));
        let (off, msg) = err("Authorization: Bearer SECRET-KEY\n{}");
        assert_eq!(off, 0);
        assert!(msg.contains("header") && !msg.contains("SECRET"), "{msg}");
        let (off, msg) = err("{\n  schedule: {}\n}");
        assert_eq!(off, 4);
        assert!(msg.contains("needs double quotes"), "{msg}");
    }

    #[test]
    fn missing_comma_points_after_the_previous_value() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let (off, msg) = err(text);
        assert_eq!(off, 10, "just after `1`");
        assert!(msg.contains("comma is missing"));
    }

    #[test]
    fn bare_words_doubled_brace_eof_and_depth() {
        let (_, msg) = err("{\"id\": YOUR_BASE64_COMPATIBLE_ID}");
        assert!(msg.contains("placeholder"));
        let (_, msg) = err("{\"ok\": True}");
        assert!(msg.contains("`true`"));
        let (off, msg) = err("{\n{\n\"a\": 1}}");
        assert_eq!(off, 2);
        assert!(msg.contains("doubled"));
        let (off, msg) = err("{\"a\": [1, 2\n\n");
        assert_eq!(off, 11);
        assert!(msg.contains("ends before"));
        let (_, msg) = err("");
        assert!(msg.contains("empty"));
        let deep = "[".repeat(200) + &"]".repeat(200);
        let (_, msg) = err(&deep);
        assert!(msg.contains("128"), "{msg}");
    }

    #[test]
    fn offsets_land_on_char_boundaries_with_korean_text() {
        let text = "{\"a\": \"한국어\" \"b\": 1}";
        let (off, _) = err(text);
        assert!(text.is_char_boundary(off));
        assert_eq!(&text[..off], "{\"a\": \"한국어\"");
        let text = "{\"한\": 가}";
        let (off, msg) = err(text);
        assert!(text[off..].starts_with('가'), "{off} {msg}");
    }

    #[test]
    fn doc_placeholders_are_recognised() {
        assert!(is_doc_placeholder("(optional, Apple Push Object)"));
        assert!(is_doc_placeholder("(required, string)"));
        assert!(is_doc_placeholder("<minor error message>"));
        assert!(!is_doc_placeholder("(555) 123-4567"));
        assert!(!is_doc_placeholder("hello"));
        assert!(!is_doc_placeholder("<>"));
        assert!(!is_doc_placeholder("<p>x</p>"));
        assert!(!is_doc_placeholder("<b>"));
        assert!(!is_doc_placeholder("<a_b@c.d>"));
        assert!(is_doc_placeholder("<YOUR_API_KEY>"));
    }
}
