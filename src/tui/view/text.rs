//! Text helpers for the views: display-width-aware wrapping and clipping, and JSON-coloured lines. [`wrap`] and
//! [`fit`] make their text visible ([`crate::text::visible`]): most outside text (messages, errors, names, URLs)
//! reaches the screen through them. ratatui drops control characters silently, so without this an `ESC]52;…` in
//! a message would vanish instead of showing that it is there.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::super::json_lex::{Tok, lex_line};
use super::super::theme::Theme;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The words of `para` for wrapping, each with its trailing space: a number keeps its short unit (`4 s`, `50 KB`,
/// `3 초`), so a line never ends in a bare number whose unit starts the next.
fn words(para: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for w in para.split_inclusive(' ') {
        let end = start + w.len();
        let unit = w.trim_end_matches([' ', ',', '.', ')', ';']);
        let is_unit = !unit.is_empty() && unit.chars().count() <= 3 && unit.chars().all(char::is_alphabetic);
        match out.last_mut() {
            Some(prev) if is_unit && prev.trim_end().ends_with(|c: char| c.is_ascii_digit()) => {
                let from = end - w.len() - prev.len();
                *prev = &para[from..end];
            }
            _ => out.push(&para[start..end]),
        }
        start = end;
    }
    out
}

/// Wraps at spaces where possible and anywhere in a word too wide for a line (Korean has long runs).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = crate::text::visible(text);
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in words(para) {
            let ww = self::width(word);
            if w + ww.saturating_sub(word.ends_with(' ') as usize) > width && !line.is_empty() {
                out.push(line.trim_end().to_string());
                line.clear();
                w = 0;
            }
            if ww > width {
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if w + cw > width {
                        out.push(std::mem::take(&mut line));
                        w = 0;
                    }
                    line.push(c);
                    w += cw;
                }
            } else {
                line.push_str(word);
                w += ww;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// The byte range of `s` from display column `skip` that fits in `width` columns, and whether `s` went on.
pub fn clip_range(s: &str, skip: usize, width: usize) -> (usize, usize, bool) {
    let mut col = 0;
    let mut start = None;
    for (i, c) in s.char_indices() {
        let cw = c.width().unwrap_or(0);
        match start {
            None if col >= skip => {
                start = Some(i);
                col = 0;
            }
            None => {
                col += cw;
                continue;
            }
            Some(_) => {}
        }
        if col + cw > width {
            return (start.unwrap_or(i), i, true);
        }
        col += cw;
    }
    match start {
        Some(st) => (st, s.len(), false),
        None => (s.len(), s.len(), false),
    }
}

/// The part of `s` from display column `skip` that fits in `width` columns, and whether `s` went on.
pub fn clip(s: &str, skip: usize, width: usize) -> (&str, bool) {
    let (a, b, more) = clip_range(s, skip, width);
    (&s[a..b], more)
}

/// `s` followed by spaces up to `width` display columns (`format!("{:<w$}")` counts characters, and a Hangul
/// character takes two columns).
pub fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(self::width(s))))
}

/// Truncates to `width` columns with an ellipsis.
pub fn fit(s: &str, width: usize) -> String {
    let s = crate::text::visible(s);
    let s = s.as_ref();
    if self::width(s) <= width {
        return s.to_string();
    }
    let (head, _) = clip(s, 0, width.saturating_sub(1));
    format!("{head}…")
}

/// `s` cut to `width` columns in the middle, keeping its start and its end: similar paths differ at the end
/// (`/catalogs/{catalog_name}/items` vs `…/items/{item_id}`), so the end must stay visible.
pub fn fit_middle(s: &str, width: usize) -> String {
    let s = crate::text::visible(s);
    let s = s.as_ref();
    if self::width(s) <= width || width < 5 {
        return fit(s, width);
    }
    let chars: Vec<char> = s.chars().collect();
    let keep = width - 1;
    let head = keep / 3;
    let tail = keep - head;
    let start: String = chars[..head.min(chars.len())].iter().collect();
    let end: String = chars[chars.len().saturating_sub(tail)..].iter().collect();
    format!("{start}…{end}")
}

pub fn tok_style(t: &Theme, tok: Tok) -> Style {
    match tok {
        Tok::Key => t.json_key(),
        Tok::Str => t.json_string(),
        Tok::Num => t.json_number(),
        Tok::Lit => t.json_literal(),
        Tok::Punct => t.json_punct(),
        Tok::Space => t.plain(),
        Tok::Error => t.json_error(),
    }
}

/// `l` owning its text, for a line drawn from text made visible just for this frame.
pub fn owned(l: Line<'_>) -> Line<'static> {
    let spans: Vec<Span<'static>> =
        l.spans.into_iter().map(|s| Span::styled(s.content.into_owned(), s.style)).collect();
    Line { spans, style: l.style, alignment: l.alignment }
}

/// A JSON line coloured by token, showing columns `skip..skip+width`. `marks` are byte ranges of the full line
/// to overlay with a style (diagnostic tokens).
pub fn json_line<'a>(t: &Theme, line: &'a str, skip: usize, width: usize, marks: &[(usize, usize, Style)]) -> Line<'a> {
    let (vs, ve, _) = clip_range(line, skip, width);
    let truncated = ve < line.len();
    let spans = lex_line(&line[..ve], truncated);
    let mut out: Vec<Span<'a>> = Vec::new();
    for sp in spans {
        let (s, e) = (sp.start.max(vs), sp.end.min(ve));
        if s >= e {
            continue;
        }
        let base = tok_style(t, sp.tok);
        // Split the token where a mark starts or ends so only the marked bytes change style.
        let mut cuts = vec![s, e];
        for &(ms, me, _) in marks {
            for c in [ms, me] {
                if c > s && c < e && line.is_char_boundary(c) {
                    cuts.push(c);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let mut style = base;
            for &(ms, me, ms_style) in marks {
                if a >= ms && a < me {
                    style = style.patch(ms_style);
                }
            }
            out.push(Span::styled(&line[a..b], style));
        }
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_keeps_its_unit() {
        assert_eq!(wrap("wait 1 s, 2 s, 4 s then", 11), vec!["wait 1 s,", "2 s, 4 s", "then"]);
        assert_eq!(wrap("다시 1초, 2초 뒤 50 KB 보냄", 9), vec!["다시 1초,", "2초 뒤", "50 KB", "보냄"]);
    }

    #[test]
    fn wraps_words_and_long_runs() {
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("가나다라마", 4), vec!["가나", "다라", "마"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn clips_by_display_columns() {
        assert_eq!(clip("hello world", 6, 3), ("wor", true));
        assert_eq!(clip("가나다", 2, 2), ("나", true));
        assert_eq!(clip("abc", 5, 2), ("", false));
        assert_eq!(fit("abcdef", 4), "abc…");
    }

    #[test]
    fn wrapped_and_fitted_text_is_visible() {
        assert_eq!(wrap("a\x1b]0;t\x07 b", 40), vec!["a␛]0;t␇ b"]);
        assert_eq!(fit("\u{202e}abc", 40), "\\u{202e}abc");
        assert_eq!(fit("\x1b[2Jabcdef", 5), "␛[2J…");
    }

    #[test]
    fn pads_by_display_columns() {
        assert_eq!(pad("분류", 10), "분류      ");
        assert_eq!(width(&pad("분류", 10)), 10);
        assert_eq!(pad("Classes", 10), "Classes   ");
        assert_eq!(pad("too long here", 4), "too long here");
    }

    #[test]
    fn json_line_marks_split_tokens() {
        let t = Theme { colour: false };
        let line = r#"  "a": "bcd""#;
        let mark = ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::ITALIC);
        let l = json_line(&t, line, 0, 80, &[(7, 12, mark)]);
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, line);
        assert!(
            l.spans
                .iter()
                .any(|s| s.content == "\"bcd\"" && s.style.add_modifier.contains(ratatui::style::Modifier::ITALIC))
        );
    }
}
