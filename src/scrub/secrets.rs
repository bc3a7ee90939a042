//! A set of secrets and the one function that removes them from any text, in every form a server or a proxy
//! may have turned them into.
//!
//! A key is found when it appears as itself, percent-encoded (`%73%6B` or mixed with plain characters, either
//! hex case), JSON-escaped (`\u0073`, `\/`, any mix), or inside base64 (alone, or as the password of a
//! `user:KEY` pair: see [`base64_cores`]). Matching the encoded forms in place, rather than decoding the text
//! first, keeps every other byte of a body as it was (an export still shows what the server sent).
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use std::borrow::Cow;

use base64::Engine as _;

/// Written in place of every secret.
pub const REDACTED: &str = "[REDACTED]";

/// Secrets shorter than this are not searched for: replacing every `abc` in a body would mangle it, and a
/// real key or token is far longer. The credential itself (a header value) is still redacted whatever its size.
pub const MIN_SECRET_LEN: usize = 8;

/// At most this many secrets are kept (a process knows a handful: its keys and tokens); more are ignored
/// rather than making every scrub slower.
pub const MAX_SECRETS: usize = 64;

/// Secrets to remove, longest first so that one that contains another is replaced whole.
#[derive(Clone, Default)]
pub struct Secrets {
    /// The secrets as bytes, each with the base64 fragments that reveal it.
    items: Vec<Secret>,
}

#[derive(Clone)]
struct Secret {
    raw: Vec<u8>,
    plain: memchr::memmem::Finder<'static>,
    /// Searchers for the base64 fragments (built once: a SIMD search is what keeps a 10 MiB body cheap).
    base64: Vec<memchr::memmem::Finder<'static>>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the values: a Debug print of a struct holding this must not leak them.
        write!(f, "Secrets({} held)", self.items.len())
    }
}

impl Secrets {
    pub fn new() -> Secrets {
        Secrets::default()
    }

    /// Secrets made of these values (each as given to [`Secrets::add`]).
    pub fn of<'a>(values: impl IntoIterator<Item = &'a str>) -> Secrets {
        let mut s = Secrets::new();
        values.into_iter().for_each(|v| s.add(v));
        s
    }

    /// Adds `value` (surrounding blanks and quotes trimmed). Short values, the redaction marker itself and
    /// `$VARIABLE` placeholders are not secrets worth searching for, and are skipped.
    pub fn add(&mut self, value: &str) {
        let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
        if v.len() < MIN_SECRET_LEN || v.contains(REDACTED) || v.starts_with('$') || self.items.len() >= MAX_SECRETS {
            return;
        }
        if self.items.iter().any(|s| s.raw == v.as_bytes()) {
            return;
        }
        let base64 = base64_cores(v.as_bytes()).iter().map(|c| memchr::memmem::Finder::new(c).into_owned()).collect();
        let plain = memchr::memmem::Finder::new(v.as_bytes()).into_owned();
        self.items.push(Secret { raw: v.as_bytes().to_vec(), plain, base64 });
        self.items.sort_by_key(|s| std::cmp::Reverse(s.raw.len()));
    }

    /// Adds every secret of `other`.
    pub fn extend(&mut self, other: &Secrets) {
        for s in &other.items {
            if let Ok(v) = std::str::from_utf8(&s.raw) {
                self.add(v);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `text` with every form of every secret replaced by [`REDACTED`]; borrowed when nothing was found.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.items.is_empty() || text.len() < MIN_SECRET_LEN.min(self.shortest()) {
            return Cow::Borrowed(text);
        }
        let mut out: Cow<'t, str> = Cow::Borrowed(text);
        for secret in &self.items {
            if let Some(replaced) = replace_encoded(&out, &secret.raw, &secret.plain) {
                out = Cow::Owned(replaced);
            }
            for core in &secret.base64 {
                if core.find(out.as_bytes()).is_some() {
                    out = Cow::Owned(replace_all(&out, core));
                }
            }
        }
        out
    }

    /// Whether `text` holds any form of a secret.
    pub fn found_in(&self, text: &str) -> bool {
        matches!(self.redact(text), Cow::Owned(_))
    }

    fn shortest(&self) -> usize {
        self.items.iter().map(|s| s.raw.len()).min().unwrap_or(0)
    }
}

/// `text` with every match of `finder` replaced by [`REDACTED`]. The needle is ASCII (base64), so each match
/// sits on character boundaries.
fn replace_all(text: &str, finder: &memchr::memmem::Finder<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for at in finder.find_iter(text.as_bytes()) {
        if at < copied {
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push_str(REDACTED);
        copied = at + finder.needle().len();
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` with each occurrence of `secret` (plain, percent-encoded or JSON-escaped, character by character)
/// replaced; `None` when there is none.
///
/// Plain copies are found with a SIMD substring search. An encoded copy holds at least one escape (`%` or a backslash),
/// and at most `len - 1` plain bytes come before its first one, so the slower character-by-character match is
/// tried only just before each escape: a 10 MiB body without escapes costs one fast scan.
fn replace_encoded(text: &str, secret: &[u8], plain: &memchr::memmem::Finder<'_>) -> Option<String> {
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize)> = plain.find_iter(bytes).map(|at| (at, at + secret.len())).collect();
    let mut checked = 0; // starts below this were tried already
    for esc in memchr::memchr2_iter(b'%', b'\\', bytes) {
        let from = esc.saturating_sub(secret.len() - 1).max(checked);
        for start in from..=esc {
            if (bytes[start] == secret[0] || start == esc)
                && let Some(end) = match_at(bytes, start, secret)
            {
                found.push((start, end));
            }
        }
        checked = esc + 1;
    }
    if found.is_empty() {
        return None;
    }
    found.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // bytes of `text` already in `out`
    for (start, end) in found {
        if start < copied {
            continue; // overlaps the previous match
        }
        // `start` and `end` are on character boundaries: a match begins and ends with ASCII bytes or whole
        // matched characters of the secret.
        out.push_str(&text[copied..start]);
        out.push_str(REDACTED);
        copied = end;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The end of `secret` spelled at `at`, each of its bytes either itself, `%HH`, or (ASCII) `\uHHHH` with any
/// number of backslashes, or `\/`, `\\`, `\"`.
fn match_at(text: &[u8], mut at: usize, secret: &[u8]) -> Option<usize> {
    for &want in secret {
        let rest = &text[at.min(text.len())..];
        match rest.first()? {
            &b if b == want => at += 1,
            b'%' if rest.len() >= 3 && hex_byte(rest[1], rest[2]) == Some(want) => at += 3,
            b'\\' => {
                let slashes = rest.iter().take_while(|&&b| b == b'\\').count();
                let after = &rest[slashes..];
                if want.is_ascii()
                    && after.len() >= 5
                    && after[0] == b'u'
                    && hex_byte(after[1], after[2]) == Some(0)
                    && hex_byte(after[3], after[4]) == Some(want)
                {
                    at += slashes + 5;
                } else if (slashes == 1 && matches!(want, b'/' | b'"') && after.first() == Some(&want))
                    || (want == b'\\' && slashes >= 2)
                {
                    // `\/`, `\"`, or an escaped backslash.
                    at += 2;
                } else {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(at)
}

fn hex_byte(hi: u8, lo: u8) -> Option<u8> {
    let d = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    Some(d(hi)? << 4 | d(lo)?)
}

/// The base64 characters that depend only on `secret`, for each of the three offsets it can sit at inside the
/// encoded text (so `base64("user:" + secret)` is caught whatever the user name), in the standard and URL-safe
/// alphabets. Characters that mix in a neighbour's bits are left out; what remains of a key of 8 or more bytes
/// is at least 8 characters, far too specific to match by chance.
fn base64_cores(secret: &[u8]) -> Vec<String> {
    let mut cores = Vec::new();
    for offset in 0..3usize {
        let mut padded = vec![0u8; offset];
        padded.extend_from_slice(secret);
        let bits = padded.len() * 8;
        let first = (offset * 8).div_ceil(6);
        let last = bits / 6; // exclusive: a character past this mixes in padding bits
        for engine in
            [&base64::engine::general_purpose::STANDARD_NO_PAD, &base64::engine::general_purpose::URL_SAFE_NO_PAD]
        {
            let enc = engine.encode(&padded);
            if let Some(core) = enc.get(first..last.min(enc.len()))
                && core.len() >= MIN_SECRET_LEN
                && !cores.iter().any(|c| c == core)
            {
                cores.push(core.to_string());
            }
        }
    }
    cores
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk-test-LEAK-123456";

    fn s() -> Secrets {
        Secrets::of([KEY])
    }

    #[test]
    fn plain_copies_are_replaced_and_clean_text_is_borrowed() {
        assert_eq!(s().redact(&format!("a {KEY} b {KEY}")), "a [REDACTED] b [REDACTED]");
        assert!(matches!(s().redact("nothing here at all"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escaped_copies_in_any_mix_are_replaced() {
        let all: String = KEY.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
        let upper: String = KEY.chars().map(|c| format!("\\u{:04X}", c as u32)).collect();
        let mixed = "sk\\u002dtest-LEAK\\u002D123456".to_string();
        for text in [all, upper, mixed] {
            let body = format!(r#"{{"message":"Invalid API key: {text}"}}"#);
            assert_eq!(s().redact(&body), r#"{"message":"Invalid API key: [REDACTED]"}"#, "{body}");
        }
        // A JSON string that holds JSON: the escape's backslash is escaped too.
        let double: String = KEY.chars().map(|c| format!("\\\\u{:04x}", c as u32)).collect();
        assert_eq!(s().redact(&double), REDACTED);
        // `\/` for a slash.
        let slashy = Secrets::of(["abc/def/ghi"]);
        assert_eq!(slashy.redact(r#""abc\/def\/ghi""#), r#""[REDACTED]""#);
    }

    #[test]
    fn percent_encoded_copies_are_replaced() {
        let all: String = KEY.bytes().map(|b| format!("%{b:02X}")).collect();
        let lower: String = KEY.bytes().map(|b| format!("%{b:02x}")).collect();
        for text in [all, lower, "sk%2Dtest%2dLEAK-123456".to_string()] {
            assert_eq!(s().redact(&format!("?k={text}&x=1")), "?k=[REDACTED]&x=1", "{text}");
        }
    }

    #[test]
    fn base64_copies_are_replaced_alone_and_as_a_password() {
        let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
        for prefix in ["", "u:", "us:", "user:", "a-much-longer-user-name:"] {
            let enc = b64(&format!("{prefix}{KEY}"));
            let text = format!("Basic {enc}");
            let out = s().redact(&text);
            assert!(out.contains(REDACTED), "{prefix}: {enc} -> {out}");
            // Nothing that decodes back to the key is left.
            assert!(!out.contains(&enc), "{out}");
        }
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("x{KEY}?>"));
        assert!(s().found_in(&url), "{url}");
    }

    #[test]
    fn near_misses_are_left_alone() {
        let text = "sk-test-LEAK-12345 and sk%2Dtest-LEAK and \\u0073k-test";
        assert!(matches!(s().redact(text), Cow::Borrowed(_)));
    }

    #[test]
    fn non_ascii_text_around_a_secret_keeps_its_characters() {
        let text = format!("키 {KEY} 값 é%");
        assert_eq!(s().redact(&text), "키 [REDACTED] 값 é%");
    }

    #[test]
    fn short_placeholder_and_redacted_values_are_not_secrets() {
        let mut s = Secrets::new();
        for v in ["abc", "$BRAZE_API_KEY", "Bearer [REDACTED]", "   ", "\"1234567\""] {
            s.add(v);
        }
        assert!(s.is_empty());
        s.add("  \"quoted-key-999\" ");
        assert_eq!(s.redact("x quoted-key-999"), "x [REDACTED]");
    }

    #[test]
    fn a_longer_secret_containing_a_shorter_one_is_replaced_whole() {
        let s = Secrets::of(["abcdefgh", "abcdefgh-ijkl"]);
        assert_eq!(s.redact("abcdefgh-ijkl abcdefgh"), "[REDACTED] [REDACTED]");
    }

    #[test]
    fn debug_never_shows_values() {
        assert_eq!(format!("{:?}", s()), "Secrets(1 held)");
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;

    /// One spelling of `secret`: each byte as itself, `%HH` or `\uHHHH`, as `choices` says.
    fn spell(secret: &str, choices: &[u8]) -> String {
        secret
            .bytes()
            .zip(choices.iter().cycle())
            .map(|(b, c)| match c % 3 {
                0 => (b as char).to_string(),
                1 => format!("%{b:02X}"),
                _ => format!("\\u{:04x}", b),
            })
            .collect()
    }

    proptest! {
        /// Whatever surrounds it and however each of its characters is spelled, the secret is gone afterwards,
        /// and text without it comes back unchanged.
        #[test]
        fn any_spelling_in_any_text_is_removed(
            before in "[ -~é한\\\\%]{0,40}",
            after in "[ -~é한\\\\%]{0,40}",
            choices in proptest::collection::vec(0u8..3, 1..8),
        ) {
            let key = "sk-prop-0123456789";
            let s = Secrets::of([key]);
            let text = format!("{before}{}{after}", spell(key, &choices));
            let out = s.redact(&text);
            prop_assert!(out.contains(REDACTED));
            prop_assert!(!out.contains(key));
            let clean = format!("{before}{after}");
            if !clean.contains("sk-prop") {
                prop_assert_eq!(s.redact(&clean), clean.as_str());
            }
        }
    }
}
