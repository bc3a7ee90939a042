//! Any text against any endpoint, in both languages: no panic, every report keeps its promises
//! (`validate::invariants`), and the Korean report flags the same things at the same places.
#![no_main]

use brazen::i18n::Lang;
use brazen::validate::{Context, check, invariants};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let endpoints = &brazen::catalog::endpoints().endpoints;
    // One value in 16 is a path the catalog does not know.
    let path = match endpoints.get(pick as usize % (endpoints.len() + endpoints.len() / 15 + 1)) {
        Some(e) => e.path.replace("{campaign_id}", "c"),
        None => "/not/an/endpoint".to_string(),
    };
    let now = jiff::Timestamp::from_second(1_740_830_400).expect("a fixed instant");
    let en = Context { now, timezone: jiff::tz::TimeZone::UTC, lang: Lang::En };
    let ko = Context { lang: Lang::Ko, ..en.clone() };
    let (a, b) = (check(&path, text, &en), check(&path, text, &ko));
    if let Some(v) = invariants::violation(text, &a).or_else(|| invariants::violation(text, &b)) {
        panic!("{v}");
    }
    let places = |r: &brazen::validate::Report| -> Vec<_> {
        r.diagnostics.iter().map(|d| (d.severity, d.error.clone(), d.offset)).collect()
    };
    assert_eq!(places(&a), places(&b), "the languages disagree on what or where");
});
