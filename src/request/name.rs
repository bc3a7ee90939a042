//! A saved request's name: its path in the collection folder, `/`-separated, without `.http`
//! (`customer-a/welcome-email`). The rules live here, in the core, so that the collection (which writes the files)
//! and the Postman import (which makes names from a collection's) agree on them.
//!
//! Core: pure and synchronous.

/// The extension of a saved request's file.
pub const EXTENSION: &str = "http";

/// At most this many groups (folders) above a saved request: `a/b/c/d/e/f/g/h/request` is the deepest name.
/// Deeper folders are not searched when a collection is listed.
pub const MAX_GROUPS: usize = 8;

/// A segment's longest length in bytes, its `.http` included: 255 is the file name limit of the common file systems.
const MAX_SEGMENT_BYTES: usize = 255 - EXTENSION.len() - 1;

/// Why a text is not a saved request's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a name cannot be empty")]
    Empty,
    #[error("a name is relative to the collection folder; it cannot start with `/`")]
    Absolute,
    #[error("`..` and `.` cannot be part of a name")]
    Dots,
    #[error("a name's parts cannot be empty (`a//b`) or end in `/`")]
    EmptyPart,
    #[error("a name's parts cannot start with `.` (hidden files)")]
    Hidden,
    #[error("a name holds no control characters and no `\\`")]
    Character,
    #[error("a name has at most {MAX_GROUPS} folders above the request")]
    TooDeep,
    #[error("a part of a name has at most {MAX_SEGMENT_BYTES} bytes")]
    TooLong,
}

/// Checks `name` against the rules: relative, `/`-separated non-empty parts, none of them `.`, `..` or hidden, no
/// control character or `\`, at most [`MAX_GROUPS`] folders. A trailing `.http` is not part of a name (it is
/// taken as typed, so `x.http` would be the file `x.http.http`); callers strip it when a user types a file name.
pub fn check(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.starts_with('/') {
        return Err(NameError::Absolute);
    }
    if name.chars().any(|c| c.is_control() || c == '\\' || crate::text::is_hidden(c)) {
        return Err(NameError::Character);
    }
    let parts: Vec<&str> = name.split('/').collect();
    for p in &parts {
        match *p {
            "" => return Err(NameError::EmptyPart),
            "." | ".." => return Err(NameError::Dots),
            p if p.starts_with('.') => return Err(NameError::Hidden),
            p if p.len() > MAX_SEGMENT_BYTES => return Err(NameError::TooLong),
            _ => {}
        }
    }
    if parts.len() > MAX_GROUPS + 1 {
        return Err(NameError::TooDeep);
    }
    Ok(())
}

/// `text` made into one part of a name (a file or folder name), readable and safe on every file system: ASCII
/// letters lower-cased, white space and characters file systems refuse (`/ \ : * ? " < > |`, controls) become `-`,
/// runs of `-` collapse, no leading `.` or `-`, at most 80 characters; `fallback` when nothing is left. Applying it
/// twice gives the same as once.
pub fn file_safe(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_whitespace()
            || c.is_control()
            || crate::text::is_hidden(c)
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '{' | '}')
        {
            '-'
        } else {
            c.to_ascii_lowercase()
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        if c == '.' && out.is_empty() {
            continue;
        }
        out.push(c);
    }
    let mut out: String = out.chars().take(80).collect();
    while out.ends_with(['-', '.']) {
        out.pop();
    }
    if out.is_empty() { fallback.to_string() } else { out }
}

/// `base`, or the first of `base-2`, `base-3` … that `taken` does not hold.
pub fn free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|n| !taken(n)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_and_plain() {
        assert_eq!(check("welcome"), Ok(()));
        assert_eq!(check("customer-a/welcome email"), Ok(()));
        assert_eq!(check("고객/환영"), Ok(()));
        assert_eq!(check("../x"), Err(NameError::Dots));
        assert_eq!(check("a/../x"), Err(NameError::Dots));
        assert_eq!(check("/etc/x"), Err(NameError::Absolute));
        assert_eq!(check("a//b"), Err(NameError::EmptyPart));
        assert_eq!(check("a/"), Err(NameError::EmptyPart));
        assert_eq!(check(".git/x"), Err(NameError::Hidden));
        assert_eq!(check("a\\b"), Err(NameError::Character));
        assert_eq!(check("a\nb"), Err(NameError::Character));
        assert_eq!(check("a\u{202e}b"), Err(NameError::Character));
        assert_eq!(check(""), Err(NameError::Empty));
        assert_eq!(check("a/b/c/d/e/f/g/h/i"), Ok(()));
        assert_eq!(check("a/b/c/d/e/f/g/h/i/j"), Err(NameError::TooDeep));
        assert_eq!(check(&"x".repeat(300)), Err(NameError::TooLong));
    }

    #[test]
    fn file_safe_names_are_stable() {
        assert_eq!(file_safe("Send Welcome: Email?", "request"), "send-welcome-email");
        assert_eq!(file_safe("../../etc/passwd", "request"), "etc-passwd");
        assert_eq!(file_safe("  ", "request"), "request");
        assert_eq!(file_safe("캠페인 목록", "request"), "캠페인-목록");
        assert_eq!(file_safe("{{catalog}} items", "request"), "catalog-items");
        for s in ["Send Welcome: Email?", ".hidden", "a--b", "x.", "캠페인 목록"] {
            let once = file_safe(s, "r");
            assert_eq!(file_safe(&once, "r"), once, "{s}");
            assert_eq!(check(&once), Ok(()), "{s}");
        }
    }

    #[test]
    fn a_free_name_counts_from_two() {
        assert_eq!(free("x", |_| false), "x");
        assert_eq!(free("x", |n| n == "x" || n == "x-2"), "x-3");
    }
}
