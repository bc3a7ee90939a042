//! The path line's parameters: an empty, unfilled or `/`-holding parameter is a fatal prediction (Braze cannot find
//! what the path names), with the endpoint's template path as the example. The request builder refuses the same
//! paths with the same judgement ([`crate::request::path`]).

use super::Sink;
use super::text::BodyText;
use crate::catalog::Endpoint;
use crate::i18n::{Table as _, fill};
use crate::request::path::{self, ParamProblem};

/// The concrete path of `input` (`METHOD /path?query` or `/path`), without method and query.
fn typed_path(input: &str) -> &str {
    let input = input.trim();
    let path = input.split_once(char::is_whitespace).map_or(input, |(_, p)| p.trim());
    path.split('?').next().unwrap_or(path)
}

/// Checks the parameters `input` gives to `e`'s path.
pub(crate) fn check(e: &Endpoint, input: &str, sink: &mut Sink) {
    let t = BodyText::get(sink.lang);
    let typed = typed_path(input);
    let typed = if typed.starts_with('/') { typed.to_string() } else { format!("/{typed}") };
    let params = path::params(&e.path, &typed).unwrap_or_default();
    // The documented rules read only values that are there: a missing one is the problem reported below.
    let filled: Vec<(&str, &str)> = params.iter().filter(|p| p.problem.is_none()).map(|p| (p.name, p.value)).collect();
    super::declared::path(e, &filled, sink);
    for p in params {
        let template = match p.problem {
            Some(ParamProblem::Unfilled) => t.path_param_unfilled,
            Some(ParamProblem::Slash) => t.path_param_slash,
            Some(ParamProblem::Empty) => t.path_param_empty,
            None => continue,
        };
        let msg = fill(template, &[("name", &p.name), ("endpoint", &e.key()), ("example", &e.template_path())]);
        sink.fatal("not_found", "", msg).offset = Some(0);
    }
}

/// The sentence for an input that names `e` but for an empty parameter `name` (which does not resolve).
pub(crate) fn empty(e: &Endpoint, name: &str, lang: crate::i18n::Lang) -> String {
    let t = BodyText::get(lang);
    fill(t.path_param_empty, &[("name", &name), ("endpoint", &e.key()), ("example", &e.template_path())])
}

#[cfg(test)]
mod tests {
    use crate::validate::{Context, check};

    fn ctx() -> Context {
        Context::new(jiff::Timestamp::from_second(1_735_689_600).unwrap(), jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn unfilled_empty_and_slashed_parameters_are_fatal_and_a_filled_one_is_fine() {
        let fatal = |target: &str| {
            let r = check(target, "", &ctx());
            r.fatal().map(|d| (d.error.clone(), d.message.clone())).collect::<Vec<_>>()
        };
        assert!(fatal("DELETE /catalogs/restaurants").is_empty());
        let f = fatal("DELETE /catalogs/{catalog_name}");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("{catalog_name} is not filled in") && f[0].1.contains("/catalogs/"), "{f:?}");
        let f = fatal("GET /catalogs//items");
        assert!(f[0].1.contains("{catalog_name} of GET /catalogs/{catalog_name}/items is empty"), "{f:?}");
        assert_eq!(f[0].0, "not_found");
        let f = fatal("GET /catalogs/a%2fb/items");
        assert!(f[0].1.contains("encoded `/`"), "{f:?}");
        let ko = check("GET /catalogs//items", "", &ctx().with_lang(crate::i18n::Lang::Ko));
        assert!(ko.diagnostics[0].message.contains("비어 있습니다"), "{:?}", ko.diagnostics);
    }
}
