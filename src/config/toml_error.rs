//! The message for a config file that is not valid TOML or does not fit brazen's settings.
//!
//! The `toml` crate's own message quotes the offending line, and serde's messages quote the offending value
//! (`invalid type: string "…"`). Either may be an API key typed in the wrong place (`apikey = "…"`, an
//! unterminated quote, a second `api_key`), and the message goes to stderr and into CI logs. This one is built
//! from the error's position instead: the line, the column, the key of that line and its table — never the text
//! after the `=`.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

/// Keys longer than this are not shown: no setting name is, and a long "key" may be a pasted secret.
const MAX_SHOWN_KEY_CHARS: usize = 64;

/// One sentence for `err`, an error of parsing `text`: "line L, column C: `key` in [table] …".
pub fn describe(text: &str, err: &toml::de::Error) -> String {
    let place = err.span().map(|span| Place::of(text, span.start));
    let what = what(err.message(), place.as_ref());
    match place {
        Some(p) => format!("line {}, column {}: {what}", p.line, p.column),
        None => what,
    }
}

/// Where an error is: its line and column (1-based, columns in characters, as `toml` counts them), the key of
/// the statement holding it and the table that statement belongs to.
#[derive(Debug, Default, PartialEq)]
struct Place {
    line: usize,
    column: usize,
    /// The key before the `=` of the statement holding the error; `None` when the statement has no `=`.
    key: Option<String>,
    /// The last `[table]` header at or before the error.
    table: Option<String>,
    /// The error is in a `[table]` header.
    on_header: bool,
}

impl Place {
    fn of(text: &str, offset: usize) -> Place {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let mut place = Place {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            ..Place::default()
        };
        // Statements end at a newline token; a multi-line string is one token, so its inner lines never
        // start a statement (a line of a value is never taken for a key).
        let mut statement: Vec<Token> = Vec::new();
        for token in Source::new(text).lex() {
            let ends = matches!(token.kind(), TokenKind::Newline | TokenKind::Eof);
            if !ends {
                statement.push(token);
                continue;
            }
            let holds_error = token.span().start() >= offset;
            match Statement::of(text, &statement) {
                Statement::Header(name) => {
                    place.table = Some(name);
                    place.on_header = holds_error;
                }
                Statement::KeyValue(key) if holds_error => place.key = Some(key),
                _ => {}
            }
            if holds_error {
                break;
            }
            statement.clear();
        }
        place
    }

    /// "`key` in [table]", "`key`", "[table]", or `None` when the error is on no key.
    fn subject(&self) -> Option<String> {
        match (&self.key, &self.table) {
            (Some(k), Some(t)) => Some(format!("`{}` in [{}]", shown(k), shown(t))),
            (Some(k), None) => Some(format!("`{}`", shown(k))),
            (None, Some(t)) if self.on_header => Some(format!("[{}]", shown(t))),
            _ => None,
        }
    }
}

enum Statement {
    /// `[name]` or `[[name]]`: the name as written.
    Header(String),
    /// `key = …`: the key as written.
    KeyValue(String),
    Other,
}

impl Statement {
    fn of(text: &str, tokens: &[Token]) -> Statement {
        let mut tokens = tokens.iter().filter(|t| !matches!(t.kind(), TokenKind::Whitespace | TokenKind::Comment));
        let Some(first) = tokens.next() else { return Statement::Other };
        let start = first.span().start();
        match first.kind() {
            TokenKind::LeftSquareBracket => match tokens.rfind(|t| t.kind() == TokenKind::RightSquareBracket) {
                Some(close) => {
                    let name = text[start..close.span().end()].trim_matches(|c: char| c == '[' || c == ']');
                    Statement::Header(name.trim().to_string())
                }
                None => Statement::Other,
            },
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString => {
                match tokens.find(|t| t.kind() == TokenKind::Equals) {
                    Some(eq) => Statement::KeyValue(text[start..eq.span().start()].trim().to_string()),
                    // No `=`: whatever stands there may be a key pasted on its own line.
                    None => Statement::Other,
                }
            }
            _ => Statement::Other,
        }
    }
}

fn shown(name: &str) -> String {
    if name.chars().count() <= MAX_SHOWN_KEY_CHARS {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(MAX_SHOWN_KEY_CHARS).collect::<String>())
    }
}

/// What is wrong, in words that never include the value. serde's messages (`invalid type: string "…",
/// expected f64`) carry the value between the prefix and the last ", expected "; only what brazen expects is
/// kept. The parser's own messages (`invalid basic string, expected `"``) describe the grammar, never the input.
fn what(message: &str, place: Option<&Place>) -> String {
    let subject = place.and_then(Place::subject);
    let subject = subject.as_deref();
    let about = |s: Option<&str>| s.map_or_else(|| "a value".to_string(), str::to_string);
    // The last one: anything before it may be the value, which could hold ", expected " itself.
    let expected = message.rsplit_once(", expected ").map(|(_, e)| e.trim());
    if message.starts_with("unknown field") {
        let choices = expected.map(|e| format!(" (expected {e})")).unwrap_or_default();
        return format!("{} is not a setting brazen knows{choices}", about(subject));
    }
    if message.starts_with("invalid type") || message.starts_with("invalid length") {
        let e = expected.map(|e| format!(": expected {}", expected_in_words(e))).unwrap_or_default();
        return format!("{} has the wrong type{e}", about(subject));
    }
    if message.starts_with("invalid value") || message.starts_with("unknown variant") {
        let e = expected.map(|e| format!(": expected {}", expected_in_words(e))).unwrap_or_default();
        return format!("{} has a value brazen does not take{e}", about(subject));
    }
    if message.starts_with("missing field") {
        // Names one of brazen's own fields: `missing field `url``.
        return match subject {
            Some(s) => format!("{s}: {message}"),
            None => message.to_string(),
        };
    }
    if message == "duplicate key" {
        return match (place, subject) {
            (Some(p), Some(s)) if p.on_header => format!("{s} appears twice"),
            (_, Some(s)) => format!("{s} is set twice"),
            _ => "a key is set twice".to_string(),
        };
    }
    let grammar = message.trim_end_matches('\n');
    match subject {
        Some(s) => format!("{s}: {grammar} (the value is not shown)"),
        None => format!("{grammar} (the text is not shown)"),
    }
}

/// serde's name for what a field takes, in the words of the README.
fn expected_in_words(e: &str) -> String {
    match e {
        "f64" | "f32" => "a number".into(),
        "u64" | "u32" | "u16" | "u8" | "usize" => "a whole number, 0 or more".into(),
        "i64" | "i32" => "a whole number".into(),
        "a string" => "a string in quotes".into(),
        "a boolean" => "true or false".into(),
        "a map" => "a table".into(),
        e if e.starts_with("struct ") => "a table".into(),
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    const KEY: &str = "sk-test-LEAK-123456";

    fn message(text: &str) -> String {
        let err = FileConfig::parse(text).expect_err(text);
        describe(text, &err)
    }

    #[test]
    fn no_form_of_broken_line_quotes_the_value() {
        let cases = [
            // A typo for api_key.
            (
                format!("[environment.staging]\nurl = \"https://x.example\"\napikey = \"{KEY}\"\n"),
                3,
                "`apikey` in [environment.staging] is not a setting",
            ),
            // An unterminated quote, of each kind.
            (format!("[environment.US-03]\napi_key = \"{KEY}\n"), 2, "`api_key` in [environment.US-03]"),
            (format!("[environment.US-03]\napi_key = '{KEY}\n"), 2, "`api_key` in [environment.US-03]"),
            (
                format!("[environment.US-03]\napi_key = \"\"\"{KEY}\nsecond = line\n"),
                4,
                "`api_key` in [environment.US-03]",
            ),
            // The key twice.
            (
                format!("[environment.US-03]\napi_key = \"{KEY}\"\napi_key = \"{KEY}\"\n"),
                3,
                "`api_key` in [environment.US-03] is set twice",
            ),
            // Trailing garbage, with and without a space.
            (format!("[environment.US-03]\napi_key = \"{KEY}\" {KEY}\n"), 2, "`api_key` in [environment.US-03]"),
            (format!("[environment.US-03]\napi_key = \"{KEY}\"{KEY}\n"), 2, "`api_key` in [environment.US-03]"),
            // Unquoted, and a value of the wrong type.
            (format!("[environment.US-03]\napi_key = {KEY}\n"), 2, "`api_key` in [environment.US-03]"),
            (
                format!("[defaults]\ntimeout_secs = \"{KEY}\"\n"),
                2,
                "`timeout_secs` in [defaults] has the wrong type: expected a number",
            ),
            (
                format!("[environment]\nUS-03 = \"{KEY}\"\n"),
                2,
                "`US-03` in [environment] has the wrong type: expected a table",
            ),
            // A key pasted on a line of its own is not named either.
            (format!("[environment.US-03]\n{KEY}\n"), 2, "key with no value"),
            (
                format!("default_environment = \"{KEY}\"\ndefault_environment = \"{KEY}\"\n"),
                2,
                "`default_environment` is set twice",
            ),
        ];
        for (text, line, says) in cases {
            let m = message(&text);
            assert!(!m.contains("LEAK"), "{text:?} → {m}");
            assert!(m.starts_with(&format!("line {line}, column ")), "{text:?} → {m}");
            assert!(m.contains(says), "{text:?} → {m}");
        }
    }

    #[test]
    fn columns_count_characters_and_tables_appearing_twice_are_named() {
        let m = message("[environment.x]\nurl = \"https://x\"\n[environment.x]\n");
        assert_eq!(m, "line 3, column 14: [environment.x] appears twice");
        let m = message("# 설정\n[defaults]\ntimeout_secs = -\n");
        assert!(m.starts_with("line 3, column 16: `timeout_secs` in [defaults]: "), "{m}");
        let m = message("[defaults]\nmax_body_bytes = -5\n");
        assert_eq!(
            m,
            "line 2, column 18: `max_body_bytes` in [defaults] has a value brazen does not take: expected a whole \
             number, 0 or more"
        );
    }

    #[test]
    fn the_expected_part_is_the_last_one() {
        let text = "[defaults]\ntimezone = 5\ntimeout_secs = \"x, expected y\"\n";
        let m = message(text);
        assert!(m.ends_with("expected a number"), "{m}");
        assert!(!m.contains("expected y"), "{m}");
    }

    #[test]
    fn a_long_key_is_elided() {
        let key = "k".repeat(100);
        let m = message(&format!("{key} = 1\n"));
        assert!(!m.contains(&key), "{m}");
        assert!(m.contains(&format!("`{}…`", "k".repeat(MAX_SHOWN_KEY_CHARS))), "{m}");
    }
}
