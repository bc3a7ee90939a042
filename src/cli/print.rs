//! The one way text reaches standard output and standard error: [`out!`], [`outln!`], [`eout!`], [`eoutln!`] and
//! [`print_json`]. A response body, a header, a recorded exchange or an input file can hold `ESC ]52;…` (write the
//! clipboard), `ESC ]0;…` (set the window title), `ESC [2J` or a bidi override; on the way out every such control
//! is made visible ([`crate::text::visible`]), except the colour codes [`Paint`] writes. JSON stays exact.
//! `cli/mod.rs` denies `print!` and friends, so nothing bypasses this.

use std::borrow::Cow;
use std::sync::OnceLock;

#[cfg(doc)]
use super::output::Paint;

/// The SGR parameters [`Paint`] writes (`ESC[<code>m`): the only escape sequences text output keeps. Only these,
/// not any `ESC[…m`: an outside `ESC[8m` (concealed text) that escaped sanitising still shows.
const PAINT_CODES: [&str; 13] = ["0", "1", "2", "31", "32", "33", "34", "35", "1;31", "1;32", "1;33", "1;34", "1;35"];

/// Length of the [`Paint`] colour code `s` starts with (`ESC[1;31m`), if it starts with one.
fn paint_code_len(s: &str) -> Option<usize> {
    let params = s.strip_prefix("\x1b[")?;
    let end = params.find('m')?;
    PAINT_CODES.contains(&&params[..end]).then_some(2 + end + 1)
}

/// `s` as it may reach a terminal: every control character made visible ([`crate::text::visible`]) except, when
/// `colour` is on, brazen's own colour codes. The last line of defence: outside text is also made visible where
/// it is formatted, so that a colour code inside it is not taken for one of ours.
pub fn terminal_safe(s: &str, colour: bool) -> Cow<'_, str> {
    let clean = crate::text::visible(s);
    if let Cow::Borrowed(_) = clean {
        return clean;
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&crate::text::visible(&rest[..i]));
        let esc = &rest[i..];
        let n = if colour { paint_code_len(esc).unwrap_or(0) } else { 0 };
        if n > 0 {
            out.push_str(&esc[..n]);
            rest = &esc[n..];
        } else {
            out.push('\u{241b}');
            rest = &esc[1..];
        }
    }
    out.push_str(&crate::text::visible(rest));
    Cow::Owned(out)
}

/// Serialised JSON as it may reach a terminal: every character [`crate::text::visible`] replaces, written as a
/// `\uXXXX` escape. serde_json escapes C0 controls itself but writes DEL, C1 controls (U+009B is a CSI to some
/// terminals) and bidi controls as they are. Such characters can only stand inside strings, where the escape
/// means the same character: the JSON parses to exactly the same value.
pub fn json_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(crate::text::is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if crate::text::is_hidden(c) {
            // Every hidden character is in the Basic Multilingual Plane: one \uXXXX, no surrogate pair.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes text to standard output through [`terminal_safe`], colour codes kept when standard output is coloured
/// ([`Paint::stdout`]). Use [`out!`] / [`outln!`].
#[allow(clippy::print_stdout)]
pub fn print_text(s: &str) {
    static COLOUR: OnceLock<bool> = OnceLock::new();
    let colour = *COLOUR.get_or_init(super::output::colour_stdout);
    print!("{}", terminal_safe(&super::secrets::redact(s), colour));
}

/// Writes text to standard error through [`terminal_safe`]. Nothing colours standard error, so no escape at all
/// is kept. Use [`eout!`] / [`eoutln!`].
#[allow(clippy::print_stderr)]
pub fn eprint_text(s: &str) {
    eprint!("{}", terminal_safe(&super::secrets::redact(s), false));
}

/// Writes `value` as pretty JSON and a newline to standard output, through [`json_safe`].
#[allow(clippy::print_stdout)]
pub fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    // A secret's every form becomes `[REDACTED]`, which is valid inside a JSON string.
    println!("{}", json_safe(&super::secrets::redact(&text)));
    Ok(())
}

/// Writes JSON text serialised elsewhere to standard output, through [`json_safe`].
#[allow(clippy::print_stdout)]
pub fn print_json_text(json: &str) {
    print!("{}", json_safe(json));
}

/// `print!` through [`terminal_safe`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::print::print_text(&format!($($arg)*)) };
}
/// `println!` through [`terminal_safe`].
macro_rules! outln {
    () => { $crate::cli::print::print_text("\n") };
    ($($arg:tt)*) => { $crate::cli::print::print_text(&format!("{}\n", format_args!($($arg)*))) };
}
/// `eprint!` through [`terminal_safe`].
macro_rules! eout {
    ($($arg:tt)*) => { $crate::cli::print::eprint_text(&format!($($arg)*)) };
}
/// `eprintln!` through [`terminal_safe`].
macro_rules! eoutln {
    () => { $crate::cli::print::eprint_text("\n") };
    ($($arg:tt)*) => { $crate::cli::print::eprint_text(&format!("{}\n", format_args!($($arg)*))) };
}
pub(crate) use {eout, eoutln, out, outln};

#[cfg(test)]
mod tests {
    use super::super::output::Paint;
    use super::*;

    #[test]
    fn our_colours_pass_and_everything_else_is_shown() {
        let p = Paint { on: true };
        let ours = [
            p.bold("a"),
            p.dim("a"),
            p.red("a"),
            p.green("a"),
            p.yellow("a"),
            p.blue("a"),
            p.magenta("a"),
            p.bold(&p.red("nested")),
        ]
        .concat()
            + &[200, 201, 429, 400, 500, 302].map(|s| p.status(s, s == 201, "s")).concat();
        assert_eq!(terminal_safe(&ours, true), ours);
        assert!(!terminal_safe(&ours, false).contains('\x1b'), "no colour: no escape kept");
        assert!(matches!(terminal_safe("plain\ttext\n", true), Cow::Borrowed(_)));
        let hostile = "\x1b]52;c;ZWNobw==\x07|\x1b]0;t\x1b\\|\x1b[2J|\x1b[8m|\u{9b}2J|\x08\r\x7f|\u{202e}";
        let text = format!("{}{hostile}", p.red("x"));
        assert_eq!(
            terminal_safe(&text, true),
            format!("{}␛]52;c;ZWNobw==␇|␛]0;t␛\\|␛[2J|␛[8m|\\u{{9b}}2J|␈␍␡|\\u{{202e}}", p.red("x"))
        );
        // A lone ESC at the very end, and one before a colour code of ours.
        assert_eq!(terminal_safe("a\x1b", true), "a␛");
        assert_eq!(terminal_safe("\x1b\x1b[0m", true), "␛\x1b[0m");
        assert_eq!(terminal_safe("\x1b[0m", false), "␛[0m");
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_controls() {
        let text = "\x1b]52;c;x\x07 \u{9b}2J \x7f \u{202e}\u{2066} 한글 \r\n\t";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "message": text })).unwrap();
        let safe = json_safe(&json);
        assert!(!safe.chars().any(|c| c.is_control() && c != '\n' || crate::text::is_hidden(c)), "{safe}");
        assert!(safe.contains("\\u009b") && safe.contains("\\u202e") && safe.contains("\\u001b"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["message"], text);
        assert!(matches!(json_safe("{\"a\": \"b\"}"), Cow::Borrowed(_)));
    }
}
