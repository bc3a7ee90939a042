//! Splitting a pasted shell command into words, the way bash would, without expanding anything:
//! `'…'`, `"…"` (with its few backslash escapes), `$'…'` (ANSI-C escapes), `\` escapes and `\`-newline
//! continuations, `#` comments. Variables such as `$BRAZE_API_KEY` stay as written.
//!
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use super::CurlError;

/// The words of the first command in `text`, and notes on what was left out (a pipe, a redirection).
pub(crate) fn split(text: &str) -> Result<(Vec<String>, Vec<String>), CurlError> {
    Lexer { chars: text.chars().collect(), pos: 0, line: 1, col: 1 }.run()
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    col: usize,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// After a `\`: how many characters make up the rest of a line continuation (blanks, then a newline), or
    /// `None` when the `\` escapes something.
    fn continuation(&self) -> Option<usize> {
        let mut n = 0;
        while matches!(self.peek_at(n), Some(' ' | '\t')) {
            n += 1;
        }
        match (self.peek_at(n), self.peek_at(n + 1)) {
            (Some('\n'), _) => Some(n + 1),
            (Some('\r'), Some('\n')) => Some(n + 2),
            _ => None,
        }
    }

    fn err(&self, line: usize, column: usize, message: impl Into<String>) -> CurlError {
        CurlError::Syntax { line, column, message: message.into() }
    }

    fn run(mut self) -> Result<(Vec<String>, Vec<String>), CurlError> {
        let mut words = Vec::new();
        let mut notes = Vec::new();
        let mut word: Option<String> = None;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | '\r' => {
                    self.bump();
                    words.extend(word.take());
                }
                '#' if word.is_none() => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                '\\' => {
                    self.bump();
                    if let Some(n) = self.continuation() {
                        // A line continuation joins lines and is not part of any word. Spaces after the `\` are
                        // a copy-paste accident (bash would read an escaped space, then end the command); the
                        // user meant a continuation.
                        for _ in 0..n {
                            self.bump();
                        }
                        continue;
                    }
                    match self.peek() {
                        Some(next) => {
                            self.bump();
                            word.get_or_insert_with(String::new).push(next);
                        }
                        None => word.get_or_insert_with(String::new).push('\\'),
                    }
                }
                '\'' => {
                    let s = self.single_quoted()?;
                    word.get_or_insert_with(String::new).push_str(&s);
                }
                '"' => {
                    let s = self.double_quoted()?;
                    word.get_or_insert_with(String::new).push_str(&s);
                }
                '$' if self.peek_at(1) == Some('\'') => {
                    self.bump();
                    let s = self.ansi_c_quoted()?;
                    word.get_or_insert_with(String::new).push_str(&s);
                }
                '$' if self.peek_at(1) == Some('"') => {
                    // $"…" is a translatable string; without a message catalog it is a plain "…".
                    self.bump();
                    let s = self.double_quoted()?;
                    word.get_or_insert_with(String::new).push_str(&s);
                }
                '|' | ';' | '&' | '>' | '<' => {
                    // Named by its operator and command only: the rest may hold a credential (`; curl -H …`).
                    let rest: String = self.chars[self.pos..].iter().take(200).collect();
                    let rest = rest.lines().next().unwrap_or("").trim();
                    let operator: String = rest.chars().take_while(|c| "|;&><".contains(*c)).collect();
                    let command = rest[operator.len()..].split_whitespace().next().unwrap_or("");
                    let plain = !command.is_empty()
                        && command.len() <= 32
                        && command.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
                    notes.push(if plain {
                        format!("ignored what follows the curl command: `{operator} {command} …`")
                    } else {
                        format!("ignored what follows the curl command (from `{operator}`)")
                    });
                    words.extend(word.take());
                    return Ok((words, notes));
                }
                '^' if self.peek_at(1) == Some('"') || self.peek_at(1) == Some('\n') => {
                    return Err(self.err(
                        self.line,
                        self.col,
                        "this looks like a Windows cmd command (`^` escapes); copy the request \"as cURL (bash)\"",
                    ));
                }
                _ => {
                    self.bump();
                    word.get_or_insert_with(String::new).push(c);
                }
            }
        }
        words.extend(word.take());
        Ok((words, notes))
    }

    fn single_quoted(&mut self) -> Result<String, CurlError> {
        let (line, col) = (self.line, self.col);
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                Some('\'') => return Ok(s),
                Some(c) => s.push(c),
                None => return Err(self.err(line, col, "unterminated single quote (')")),
            }
        }
    }

    fn double_quoted(&mut self) -> Result<String, CurlError> {
        let (line, col) = (self.line, self.col);
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                Some('"') => return Ok(s),
                Some('\\') => match self.peek() {
                    Some('\n') => {
                        self.bump();
                    }
                    Some(c @ ('$' | '`' | '"' | '\\')) => {
                        self.bump();
                        s.push(c);
                    }
                    _ => s.push('\\'),
                },
                Some(c) => s.push(c),
                None => return Err(self.err(line, col, "unterminated double quote (\")")),
            }
        }
    }

    fn ansi_c_quoted(&mut self) -> Result<String, CurlError> {
        let (line, col) = (self.line, self.col.saturating_sub(1));
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                Some('\'') => return Ok(s),
                Some('\\') => {
                    let Some(e) = self.bump() else { break };
                    match e {
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        'r' => s.push('\r'),
                        'a' => s.push('\x07'),
                        'b' => s.push('\x08'),
                        'e' | 'E' => s.push('\x1b'),
                        'f' => s.push('\x0c'),
                        'v' => s.push('\x0b'),
                        '\\' | '\'' | '"' | '?' => s.push(e),
                        'x' => s.push(self.hex_escape(2, line, col)?),
                        'u' => s.push(self.hex_escape(4, line, col)?),
                        'U' => s.push(self.hex_escape(8, line, col)?),
                        '0'..='7' => {
                            let mut v = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match self.peek().and_then(|c| c.to_digit(8)) {
                                    Some(d) => {
                                        self.bump();
                                        v = v * 8 + d;
                                    }
                                    None => break,
                                }
                            }
                            s.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                        }
                        other => {
                            s.push('\\');
                            s.push(other);
                        }
                    }
                }
                Some(c) => s.push(c),
                None => break,
            }
        }
        Err(self.err(line, col, "unterminated $'…' string"))
    }

    /// Up to `max` hex digits after `\x`, `\u` or `\U`.
    fn hex_escape(&mut self, max: usize, line: usize, col: usize) -> Result<char, CurlError> {
        let mut v: u32 = 0;
        let mut n = 0;
        while n < max {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    self.bump();
                    v = v * 16 + d;
                    n += 1;
                }
                None => break,
            }
        }
        if n == 0 {
            return Err(self.err(line, col, "a \\x, \\u or \\U escape in $'…' needs hex digits"));
        }
        Ok(char::from_u32(v).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        split(s).unwrap().0
    }

    #[test]
    fn quotes_escapes_and_continuations() {
        assert_eq!(
            words("curl  -H 'A: b c'\t\"x\\\"y\" \\\n  -d a\\ b"),
            ["curl", "-H", "A: b c", "x\"y", "-d", "a b"]
        );
        assert_eq!(words("a'b'\"c\"d"), ["abcd"]);
        assert_eq!(words("'it'\\''s'"), ["it's"]);
        assert_eq!(words("\"$BRAZE_API_KEY\" \"a\\nb\""), ["$BRAZE_API_KEY", "a\\nb"]);
        assert_eq!(words("curl \\\r\n -s"), ["curl", "-s"]);
        assert_eq!(words("''"), [""]);
    }

    #[test]
    fn blanks_after_a_continuation_backslash_are_ignored() {
        assert_eq!(words("curl x \\  \t\n  -s \\ \r\n -v"), ["curl", "x", "-s", "-v"]);
        // An escaped space inside a line is still a space.
        assert_eq!(words("a\\ b"), ["a b"]);
    }

    #[test]
    fn ansi_c_strings() {
        assert_eq!(words(r"$'a\nb\t\'c\x41\u00e9\101'"), ["a\nb\t'cAéA"]);
        assert_eq!(words(r#"$'{\"k\": 1}'"#), [r#"{"k": 1}"#]);
    }

    #[test]
    fn comments_and_pipes_end_words() {
        let (w, notes) = split("curl x # comment\n-s | jq .").unwrap();
        assert_eq!(w, ["curl", "x", "-s"]);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("| jq …"), "{notes:?}");
        assert_eq!(words("a#b"), ["a#b"]);
        // What follows is not echoed: it may hold a credential of its own.
        let (_, notes) = split("curl x; curl -H 'X-Api-Key: sk-secret-0123456789' y").unwrap();
        assert_eq!(notes, ["ignored what follows the curl command: `; curl …`"]);
        let (_, notes) = split("curl x && KEY=sk-secret-0123456789 ./go").unwrap();
        assert_eq!(notes, ["ignored what follows the curl command (from `&&`)"]);
    }

    #[test]
    fn unterminated_quotes_report_where_they_start() {
        let e = split("curl \\\n  -d '{\"a\": 1}").unwrap_err();
        assert_eq!(e.to_string(), "line 2, column 6: unterminated single quote (')");
        let e = split("curl -H \"x").unwrap_err();
        assert_eq!(e.to_string(), "line 1, column 9: unterminated double quote (\")");
    }

    #[test]
    fn windows_cmd_copies_are_recognised() {
        let e = split("curl ^\"https://x^\"").unwrap_err();
        assert!(e.to_string().contains("Windows cmd"), "{e}");
    }
}
