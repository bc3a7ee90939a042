//! The API key as a type that cannot be printed by accident: `Debug` and `Display` show it masked.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::fmt;

/// A Braze REST API key. Only [`ApiKey::expose`] gives the real text (for the `Authorization` header).
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }

    /// The key itself. Call only where it goes on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `sand…-all`: the first and last four characters of a key of ten or more, `…` for a shorter one.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 10 {
            return "…".to_string();
        }
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{head}…{tail}")
    }

    /// Wrapped in quotes or padded with spaces: Braze answers 401 to such a key.
    pub fn looks_mangled(&self) -> bool {
        let k = &self.0;
        k.trim() != k || k.starts_with(['"', '\'']) || k.ends_with(['"', '\''])
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_key() {
        let k = ApiKey::new("0123456789abcdef-secret-middle-9876");
        assert_eq!(k.to_string(), "0123…9876");
        assert_eq!(format!("{k:?}"), "ApiKey(0123…9876)");
        assert!(!format!("{k:?}{k}").contains("secret"));
        assert_eq!(k.expose(), "0123456789abcdef-secret-middle-9876");
    }

    #[test]
    fn sandbox_key_masks_as_documented_and_short_keys_hide_entirely() {
        assert_eq!(ApiKey::new("sandbox-all").masked(), "sand…-all");
        assert_eq!(ApiKey::new("short").masked(), "…");
        assert_eq!(ApiKey::new("한국어키입니다열자리넘음").masked(), "한국어키…자리넘음");
    }

    #[test]
    fn quoted_or_padded_keys_are_flagged() {
        assert!(ApiKey::new("\"abc\"").looks_mangled());
        assert!(ApiKey::new(" abc").looks_mangled());
        assert!(!ApiKey::new("abc-def").looks_mangled());
    }
}
