//! A one-line JSON lexer for colouring. JSON strings cannot span lines, so every line lexes on its own and
//! only the visible lines of a large body are ever lexed.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Key,
    Str,
    Num,
    Lit,
    Punct,
    Space,
    /// Anything JSON does not allow here (bare words, an unterminated string).
    Error,
}

/// A token: byte range in the line and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub tok: Tok,
}

/// Lexes `line`. A string still open at the end of the line is an error unless the line was cut
/// (`truncated`), in which case it is just a long string.
pub fn lex_line(line: &str, truncated: bool) -> Vec<Span> {
    let b = line.as_bytes();
    let mut out: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let tok = match b[i] {
            b' ' | b'\t' | b'\r' => {
                while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r') {
                    i += 1;
                }
                Tok::Space
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                i += 1;
                Tok::Punct
            }
            b'"' => {
                i += 1;
                let mut closed = false;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            closed = true;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                i = i.min(b.len());
                if !closed && !truncated {
                    Tok::Error
                } else if next_significant(b, i) == Some(b':') {
                    Tok::Key
                } else {
                    Tok::Str
                }
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                    i += 1;
                }
                if is_number(&line[start..i]) { Tok::Num } else { Tok::Error }
            }
            _ => {
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"') {
                    i += 1;
                }
                // Stay on a char boundary when the word holds multi-byte characters.
                while !line.is_char_boundary(i) {
                    i += 1;
                }
                match &line[start..i] {
                    "true" | "false" | "null" => Tok::Lit,
                    _ => Tok::Error,
                }
            }
        };
        out.push(Span { start, end: i, tok });
    }
    out
}

fn next_significant(b: &[u8], mut i: usize) -> Option<u8> {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r') {
        i += 1;
    }
    b.get(i).copied()
}

fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, rest) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    let rest = match rest.strip_prefix('.') {
        Some(r) => {
            let n = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            if n == 0 {
                return false;
            }
            &r[n..]
        }
        None => rest,
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(r) => {
            let r = r.strip_prefix(['+', '-']).unwrap_or(r);
            !r.is_empty() && r.bytes().all(|c| c.is_ascii_digit())
        }
        None => rest.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(&str, Tok)> {
        lex_line(line, false)
            .into_iter()
            .filter(|s| s.tok != Tok::Space)
            .map(|s| (&line[s.start..s.end], s.tok))
            .collect()
    }

    #[test]
    fn keys_strings_numbers_and_literals() {
        assert_eq!(
            kinds(r#"  "badge": 1, "alert": "hi \" there", "ok": true, "x": -1.5e3"#),
            vec![
                (r#""badge""#, Tok::Key),
                (":", Tok::Punct),
                ("1", Tok::Num),
                (",", Tok::Punct),
                (r#""alert""#, Tok::Key),
                (":", Tok::Punct),
                (r#""hi \" there""#, Tok::Str),
                (",", Tok::Punct),
                (r#""ok""#, Tok::Key),
                (":", Tok::Punct),
                ("true", Tok::Lit),
                (",", Tok::Punct),
                (r#""x""#, Tok::Key),
                (":", Tok::Punct),
                ("-1.5e3", Tok::Num),
            ]
        );
    }

    #[test]
    fn errors_are_marked() {
        assert_eq!(kinds(r#""open"#), vec![(r#""open"#, Tok::Error)]);
        assert_eq!(lex_line(r#""open"#, true)[0].tok, Tok::Str);
        assert_eq!(kinds("nul"), vec![("nul", Tok::Error)]);
        assert_eq!(kinds("01"), vec![("01", Tok::Error)]);
        assert_eq!(kinds("1."), vec![("1.", Tok::Error)]);
        assert_eq!(kinds("'단일'"), vec![("'단일'", Tok::Error)]);
    }

    #[test]
    fn spans_cover_the_line_on_char_boundaries() {
        for line in [r#"{"키": "값", "n": [1, 2]}"#, "é\"", "\"\\", "-"] {
            let spans = lex_line(line, false);
            let mut at = 0;
            for s in &spans {
                assert_eq!(s.start, at);
                assert!(line.is_char_boundary(s.end));
                at = s.end;
            }
            assert_eq!(at, line.len());
        }
    }
}
