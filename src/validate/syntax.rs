//! Parsing the body once into a `serde_json::Value`, and turning a parse error into a located, explained
//! `bad_request` — most broken bodies are text copied from Braze's docs (placeholders, comments, `...`, header lines).

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::text::{SerdeText, SyntaxText};
use crate::i18n::{Lang, Table as _, fill};

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
    let t = SyntaxText::get(lang);
    let offset = floor_char(text, offset);
    let rest = &text[offset..];
    if text.trim().is_empty() {
        return (0, fill(t.empty, &[]));
    }
    if offset == 0 && text.starts_with('\u{feff}') {
        return (0, t.byte_order_mark.into());
    }
    if what == "trailing comma" {
        let comma = text[..offset].rfind(',').unwrap_or(offset);
        return (comma, fill(t.trailing_comma, &[]));
    }
    if let Some(found) = header_line(text, offset, lang) {
        return found;
    }
    if rest.starts_with("//") || rest.starts_with("/*") {
        return (offset, t.comment.into());
    }
    if rest.starts_with("...") || rest.starts_with('…') {
        return (offset, t.ellipsis.into());
    }
    if rest.starts_with('(') {
        let shown = snippet(rest, ')');
        let wants = fill(placeholder_wants(&shown, t), &[]);
        return (offset, fill(t.placeholder_wants, &[("shown", &shown), ("wants", &wants)]));
    }
    if rest.starts_with('<') {
        return (offset, fill(t.placeholder, &[("shown", &snippet(rest, '>'))]));
    }
    if rest.starts_with('\'') {
        return (offset, t.single_quotes.into());
    }
    if rest.starts_with('{') && what == "key must be a string" {
        return (offset, fill(t.doubled_brace, &[]));
    }
    let (offset, rest) = match literal_start(text, offset, what, eof) {
        Some(start) => (start, &text[start..]),
        None => (offset, rest),
    };
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-').take(60).collect();
    if !word.is_empty() && !rest.starts_with('-') && !rest.as_bytes()[0].is_ascii_digit() {
        return (offset, bare_word(&word, what, t));
    }
    if what.starts_with("expected `,`") {
        // serde_json notices the missing comma at the next token; the comma belongs right after the previous one.
        let end = text[..offset].trim_end().len();
        let closer = if what.ends_with("`]`") { "]" } else { "}" };
        return (end, fill(t.missing_comma, &[("closer", &closer)]));
    }
    let message = match what {
        _ if eof && what.contains("string") => t.eof_in_string.into(),
        _ if eof => fill(t.eof, &[]),
        "trailing characters" => fill(t.trailing_characters, &[]),
        "recursion limit exceeded" => t.too_deep.into(),
        "expected `:`" => t.missing_colon.into(),
        "key must be a string" => t.key_not_a_string.into(),
        w if w.starts_with("control character") => t.control_character.into(),
        // serde_json's own wording for the rarer errors; a text the table lacks is shown as serde_json says it.
        w => fill(t.other, &[("what", &SerdeText::find(w, lang))]),
    };
    (offset, message)
}

/// A line such as `POST https://…/users/track` or `Authorization: Bearer …` pasted with the body.
/// Only the header's name is repeated in the sentence: its value may be an API key.
fn header_line(text: &str, offset: usize, lang: Lang) -> Option<(usize, String)> {
    let t = SyntaxText::get(lang);
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
        return Some((start + indent, fill(t.request_line, &[("method", &first)])));
    }
    let name = trimmed.split(':').next().unwrap_or("");
    let is_header = !name.is_empty()
        && trimmed.len() > name.len()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        // Header names are capitalised (`Content-Type`); `schedule: {` is an unquoted key instead.
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && trimmed[name.len() + 1..].starts_with(' ');
    is_header.then(|| (start + indent, fill(t.header_line, &[("name", &name)])))
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

fn bare_word(word: &str, what: &str, t: &SyntaxText) -> String {
    if let Some(l) = ["true", "false", "null"].iter().find(|l| l.starts_with(word) && l.len() > word.len()) {
        return fill(t.cut_short, &[("word", &word), ("literal", l)]);
    }
    match word {
        "True" | "TRUE" | "False" | "FALSE" => fill(t.lower_case, &[("literal", &word.to_ascii_lowercase())]),
        "None" | "NULL" | "Null" | "nil" | "undefined" => t.null_spelling.into(),
        _ if what == "key must be a string" => fill(t.unquoted_key, &[("word", &word)]),
        _ if word.len() > 3
            && word.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c == '-' || c.is_ascii_digit()) =>
        {
            fill(t.word_placeholder, &[("word", &word)])
        }
        _ => fill(t.bare_word, &[("word", &word)]),
    }
}

/// The placeholder up to its closing bracket, shortened for the sentence.
fn snippet(rest: &str, close: char) -> String {
    let end = rest.find(close).map_or(rest.len(), |i| i + close.len_utf8());
    let end = rest[..end].find('\n').unwrap_or(end);
    let s = &rest[..end];
    if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s.to_string() }
}

/// What a docs placeholder such as `(optional, array of strings)` stands for, as a template of `t`.
fn placeholder_wants(p: &str, t: &SyntaxText) -> &'static str {
    let p = p.to_ascii_lowercase();
    if p.contains("array") {
        t.wants_array
    } else if p.contains("object") {
        t.wants_object
    } else if p.contains("bool") {
        t.wants_boolean
    } else if p.contains("datetime") || p.contains("iso 8601") {
        t.wants_time
    } else if p.contains("int") || p.contains("float") || p.contains("number") {
        t.wants_number
    } else if p.contains("string") {
        t.wants_string
    } else {
        t.wants_value
    }
}

/// Whether a string value is one of Braze's documentation placeholders, e.g. `"(optional, Apple Push Object)"`
/// or `"(required, string)"`.
pub(crate) fn is_doc_placeholder(s: &str) -> bool {
    // Every string of a body is asked on every keystroke: most start with neither bracket, told by one byte.
    match s.bytes().find(|b| !b.is_ascii_whitespace()) {
        Some(b'(' | b'<') => {}
        Some(b) if !b.is_ascii() => {}
        _ => return false,
    }
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
