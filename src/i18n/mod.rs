//! Output language. The error table carries English and Korean text; brazen's own words are message tables
//! ([`table`]), the one idiom for translating them.
//!
//! Core: reads no environment (the front end passes the locale variables) and imports no adapter or front end.

pub mod particle;
mod table;
pub use table::{Table, check, fill, placeholders};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// Picks the language from a POSIX locale string such as `ko_KR.UTF-8` (from `LC_ALL`, `LC_MESSAGES` or `LANG`).
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("ko") { Lang::Ko } else { Lang::En }
    }

    /// The language locale variables ask for: the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`, read through
    /// `var` (the core reads no environment; [`crate::system::lang`] passes the process's).
    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| var(k))
            .find(|v| !v.is_empty())
            .map(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }
}

/// A sentence in every language we ship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_selects_korean_only_for_ko() {
        assert_eq!(Lang::from_locale("ko_KR.UTF-8"), Lang::Ko);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        let vars = |k: &str| match k {
            "LC_ALL" => Some(String::new()),
            "LANG" => Some("ko_KR.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(Lang::from_locale_vars(vars), Lang::Ko, "an empty LC_ALL is skipped");
    }
}
