//! ENDPOINT as typed on the command line: a full Braze URL is taken for its path, and an unknown path gets the
//! same did-you-mean in `validate`, `send` and `batch` (wrong case included: Braze's paths are lowercase).

use super::output::UsageError;
use crate::catalog::{self, Endpoint};
use crate::i18n::Lang;
use crate::validate::Report;

/// `input` with a URL (`https://rest.iad-01.braze.com/messages/send?x=1`) replaced by its path and query; an
/// optional method in front is kept. Anything else is returned as typed.
pub(super) fn normalize(input: &str) -> String {
    let trimmed = input.trim();
    let (method, rest) = match trimmed.split_once(char::is_whitespace) {
        Some((m, p)) => (Some(m), p.trim()),
        None => (None, trimmed),
    };
    let lower = rest.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return input.to_string();
    }
    let Ok(url) = url::Url::parse(rest) else { return input.to_string() };
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    match method {
        Some(m) => format!("{m} {path}"),
        None => path,
    }
}

/// `endpoint` with `pairs` added to its query string: `--query NAME=VALUE` of `send` and `validate`.
pub(super) fn with_pairs(endpoint: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return endpoint.to_string();
    }
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    q.extend_pairs(pairs);
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{sep}{}", q.finish())
}

/// `NAME=VALUE` arguments of `--query` as pairs; a missing name or `=` is a usage error.
pub(super) fn parse_pairs(pairs: &[String]) -> Result<Vec<(String, String)>, UsageError> {
    pairs
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
            _ => Err(UsageError(format!("--query {p:?}: expected NAME=VALUE"))),
        })
        .collect()
}

/// The catalog endpoint the user probably meant by an unknown `input`: the same path in lowercase, else the
/// closest path by edit distance (as the validator measures it).
pub(super) fn suggestion(input: &str) -> Option<&'static Endpoint> {
    let c = catalog::endpoints();
    let input = input.trim();
    let (method, path) = match input.split_once(char::is_whitespace) {
        Some((m, p)) => (Some(m), p.trim()),
        None => (None, input),
    };
    let path = path.split('?').next().unwrap_or(path).to_ascii_lowercase();
    let lowered = match method {
        Some(m) => format!("{m} {path}"),
        None => path.clone(),
    };
    if let Some(r) = c.resolve(&lowered).or_else(|| c.resolve(&path)) {
        return Some(r.endpoint);
    }
    let path = if path.starts_with('/') { path } else { format!("/{path}") };
    c.endpoints
        .iter()
        .map(|e| (strsim::normalized_levenshtein(&e.path, &path), e))
        .filter(|(s, _)| *s > 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}

/// "Braze has no endpoint `X`; did you mean `GET /campaigns/list`?", or a pointer to `brazen catalog`.
pub(super) fn unknown_sentence(input: &str, lang: Lang) -> String {
    let input = input.trim();
    match (suggestion(input), lang) {
        (Some(e), Lang::En) => format!("Braze has no endpoint `{input}`; did you mean `{} {}`?", e.method, e.path),
        (Some(e), Lang::Ko) => {
            format!("Braze에는 `{input}` 엔드포인트가 없습니다. 혹시 `{} {}` 아닌가요?", e.method, e.path)
        }
        (None, Lang::En) => format!("Braze has no endpoint `{input}`; `brazen catalog` lists the endpoints."),
        (None, Lang::Ko) => {
            format!("Braze에는 `{input}` 엔드포인트가 없습니다. `brazen catalog`로 엔드포인트 목록을 볼 수 있습니다.")
        }
    }
}

/// Gives the validator's `not_found` diagnostic the did-you-mean it could not find (a path in the wrong case).
pub(super) fn improve_report(report: &mut Report, input: &str, lang: Lang) {
    if suggestion(input).is_none() {
        return;
    }
    for d in report.diagnostics.iter_mut().filter(|d| d.error == "not_found" && d.pointer.is_empty()) {
        d.message = unknown_sentence(input, lang);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_taken_for_their_path() {
        assert_eq!(normalize("https://rest.iad-01.braze.com/messages/send"), "/messages/send");
        assert_eq!(normalize("GET https://rest.iad-01.braze.com/campaigns/list?page=1"), "GET /campaigns/list?page=1");
        assert_eq!(normalize("/users/track"), "/users/track");
        assert_eq!(normalize("POST /users/track"), "POST /users/track");
    }

    #[test]
    fn typos_and_wrong_case_get_a_suggestion() {
        let key = |s: &str| suggestion(s).map(|e| e.key());
        assert_eq!(key("/MESSAGES/SEND").as_deref(), Some("POST /messages/send"));
        assert_eq!(key("/user/track").as_deref(), Some("POST /users/track"));
        assert_eq!(key("/campaigns/lst").as_deref(), Some("GET /campaigns/list"));
        assert_eq!(key("/zzzzzzzzzzzzzzzzzzzzz"), None);
        assert!(unknown_sentence("/campaigns/lst", Lang::En).contains("did you mean `GET /campaigns/list`"));
    }

    #[test]
    fn query_pairs_need_a_name() {
        assert_eq!(parse_pairs(&["a=b=c".into()]).unwrap(), [("a".to_string(), "b=c".to_string())]);
        assert!(parse_pairs(&["=x".into()]).is_err());
        assert!(parse_pairs(&["novalue".into()]).is_err());
    }
}
