//! The one way brazen translates its own words: a table of messages keyed by id, each id with its English and
//! Korean text side by side, declared with [`table!`](crate::table). Values go into `{name}` placeholders through
//! [`fill`]; both languages must use the same placeholders, which [`check`] verifies for a whole table (each table
//! has a unit test calling it). Braze's facts (endpoint purposes, the error table) are data in `assets/` with the same
//! two languages ([`super::Text`]); this module is for the words around them.

use super::Lang;

/// A message table: one `&'static str` field per message id, one instance per language.
pub trait Table: Sync + 'static {
    /// The table in `lang`.
    fn get(lang: Lang) -> &'static Self;
    /// Every message as (id, English, Korean), in declaration order, for checks.
    fn entries() -> &'static [(&'static str, &'static str, &'static str)];
}

/// Declares a message table: `id: "English" / "한국어",` per message.
///
/// ```ignore
/// brazen::table! {
///     /// Words of the history command.
///     pub struct HistoryText {
///         /// Shown when nothing matched.
///         none: "No exchange matched {filter}." / "{filter}에 맞는 기록이 없습니다.",
///     }
/// }
/// let text = brazen::i18n::fill(HistoryText::get(lang).none, &[("filter", &"--class 4xx")]);
/// ```
#[macro_export]
macro_rules! table {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($(#[$fmeta:meta])* $id:ident : $en:literal / $ko:literal),* $(,)? }) => {
        $(#[$meta])*
        $vis struct $name { $($(#[$fmeta])* pub $id: &'static str,)* }

        impl $crate::i18n::Table for $name {
            fn get(lang: $crate::i18n::Lang) -> &'static Self {
                static EN: $name = $name { $($id: $en,)* };
                static KO: $name = $name { $($id: $ko,)* };
                match lang {
                    $crate::i18n::Lang::En => &EN,
                    $crate::i18n::Lang::Ko => &KO,
                }
            }
            fn entries() -> &'static [(&'static str, &'static str, &'static str)] {
                &[$((stringify!($id), $en, $ko),)*]
            }
        }
    };
}

/// Replaces each `{name}` in `template` with the value named `name`. A placeholder without a value is left as it is
/// (visible in a test rather than silently empty); `{{` and `}}` stand for literal braces. A Korean particle written
/// as its dictionary pair after a value (`{name}을(를)`) becomes the one that value takes ([`super::particle`]).
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('{')
            && let Some(end) = tail.find('}')
            && let Some((_, value)) = values.iter().find(|(n, _)| *n == &tail[1..end])
        {
            use std::fmt::Write as _;
            let _ = write!(out, "{value}");
            rest = &tail[end + 1..];
            continue;
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    match super::particle::resolve(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(resolved) => resolved,
    }
}

/// The placeholder names of a template, sorted, without duplicates.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(end) => {
                names.push(&tail[1..end]);
                rest = &tail[end + 1..];
            }
            None => break,
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Checks a table: no empty text, and the same placeholders in both languages. Returns the problems found.
pub fn check<T: Table>() -> Vec<String> {
    let mut problems = Vec::new();
    for (id, en, ko) in T::entries() {
        if en.trim().is_empty() || ko.trim().is_empty() {
            problems.push(format!("{id}: a language is empty"));
        }
        if placeholders(en) != placeholders(ko) {
            problems.push(format!("{id}: placeholders differ: {:?} / {:?}", placeholders(en), placeholders(ko)));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::table! {
        struct Sample {
            hello: "Hello {who}, {n} left" / "{who}님, {n}개 남음",
            braces: "a {{literal}} {x}" / "{x} {{literal}}",
        }
    }

    #[test]
    fn fill_puts_values_by_name_in_either_order() {
        let s = Sample::get(Lang::Ko);
        assert_eq!(fill(s.hello, &[("n", &3), ("who", &"Ann")]), "Ann님, 3개 남음");
        assert_eq!(fill(Sample::get(Lang::En).hello, &[("who", &"Ann"), ("n", &3)]), "Hello Ann, 3 left");
    }

    #[test]
    fn fill_keeps_unknown_placeholders_and_literal_braces() {
        assert_eq!(fill("{a} {b} }", &[("a", &1)]), "1 {b} }");
        assert_eq!(fill(Sample::get(Lang::En).braces, &[("x", &"y")]), "a {literal} y");
        assert_eq!(fill("{unclosed", &[]), "{unclosed");
    }

    #[test]
    fn fill_picks_the_korean_particle_the_value_takes() {
        assert_eq!(
            fill("{e}을(를) {env}(으)로", &[("e", &"POST /users/track"), ("env", &"US-01")]),
            "POST /users/track를 US-01로"
        );
        assert_eq!(fill("기록 #{id}이(가)", &[("id", &3)]), "기록 #3이");
    }

    #[test]
    fn check_finds_placeholder_mismatches() {
        assert!(check::<Sample>().is_empty());
        crate::table! { #[allow(dead_code)] struct Bad { x: "{a}" / "{b}", y: "" / "y" } }
        assert_eq!(check::<Bad>().len(), 2);
    }
}
