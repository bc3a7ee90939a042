//! [`visible`]: a terminal acts on control characters (`ESC ]52;…` writes the clipboard, `ESC ]0;…` sets the
//! window title, `ESC [2J` clears the screen) and bidi controls reorder what is shown. Text that came from outside
//! is passed through here before it is shown, so those characters appear as symbols instead of being obeyed.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use std::borrow::Cow;

/// `s` with every character a terminal would act on, or that reorders text, replaced by a visible stand-in:
/// - a C0 control other than `\n` and `\t` by its Unicode control picture (`ESC` → `␛`, `BEL` → `␇`,
///   `CR` → `␍`), and `DEL` by `␡`;
/// - a C1 control (U+0080–U+009F, e.g. U+009B, a one-character CSI) and a bidi embedding, override or isolate
///   (U+202A–U+202E, U+2066–U+2069) by its `\u{..}` escape, as Rust writes it.
///
/// Borrowed, not copied, when nothing needs replacing (the usual case, and a large body is not duplicated).
pub fn visible(s: &str) -> Cow<'_, str> {
    let Some(mut at) = first_hidden(s) else { return Cow::Borrowed(s) };
    // Each replacement adds at most a few bytes; a handful of them is the common dirty case.
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    // Clean runs are copied whole, found by the same byte scan: a dirty body costs little more than a clean one.
    loop {
        out.push_str(&rest[..at]);
        let Some(c) = rest[at..].chars().next() else { break };
        push_visible(&mut out, c);
        rest = &rest[at + c.len_utf8()..];
        match first_hidden(rest) {
            Some(next) => at = next,
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    Cow::Owned(out)
}

/// Whether [`visible`] replaces `c`.
pub fn is_hidden(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c`, replaced when [`is_hidden`].
pub(crate) fn push_visible(out: &mut String, c: char) {
    match c {
        // U+2400 + c is the control picture of C0 control c (U+241B SYMBOL FOR ESCAPE …).
        '\0'..='\x1f' if c != '\n' && c != '\t' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\x7f' => out.push('\u{2421}'),
        c if is_hidden(c) => out.extend(c.escape_unicode()),
        c => out.push(c),
    }
}

/// Bytes that may start a hidden character: C0 controls (but `\t`, `\n`), DEL, and the lead bytes of the UTF-8
/// forms of C1 controls (`C2 80`–`C2 9F`) and of the bidi controls (`E2 80 AA`–`E2 80 AE`, `E2 81 A6`–`E2 81 A9`).
const SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t
};

/// Byte offset of the first hidden character, by a scan over bytes: most text is clean, and this path decides
/// how fast a 10 MiB body is shown.
fn first_hidden(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = b[from..].iter().position(|&x| SUSPECT[x as usize]).map(|i| i + from) {
        let hit = match b[i] {
            0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
            0xe2 => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            _ => true,
        };
        if hit {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        for s in ["", "plain", "줄\n바꿈\t탭", "€ – ‘quotes’ \u{2029}\u{200f}", "\u{a0}\u{2028}"] {
            assert!(matches!(visible(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn controls_become_pictures_and_escapes() {
        assert_eq!(visible("\x1b]52;c;ZWNobw==\x07X"), "␛]52;c;ZWNobw==␇X");
        assert_eq!(visible("\x1b]0;title\x1b\\"), "␛]0;title␛\\");
        assert_eq!(visible("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(visible("\u{9d}52;c;x\u{9c}"), "\\u{9d}52;c;x\\u{9c}");
        assert_eq!(visible("bs\x08 cr\r del\x7f nul\0"), "bs␈ cr␍ del␡ nul␀");
        assert_eq!(visible("abc\u{202e}fed\u{2066}x\u{2069}"), "abc\\u{202e}fed\\u{2066}x\\u{2069}");
        assert_eq!(visible("keep\nlines\tand tabs"), "keep\nlines\tand tabs");
    }

    #[test]
    fn the_scan_finds_exactly_what_is_replaced() {
        // Every character up to U+206F and a few beyond: the byte scan agrees with the character rule.
        for c in (0u32..0x2100).chain([0x1_f600, 0xfeff]).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(first_hidden(&s).is_some(), is_hidden(c), "{c:?}");
            assert_eq!(matches!(visible(&s), Cow::Owned(_)), is_hidden(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn nothing_hidden_survives(s in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{2060}-\\u{206f}\\u{2020}-\\u{202f}a€]*") {
            let v = visible(&s);
            proptest::prop_assert!(!v.chars().any(is_hidden), "{v:?}");
            // Clean text comes back as it was.
            if !s.chars().any(is_hidden) {
                proptest::prop_assert_eq!(v.as_ref(), s.as_str());
            }
        }
    }
}
