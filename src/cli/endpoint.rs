//! ENDPOINT as typed on the command line: a full Braze URL is taken for its path, and an unknown path gets the
//! same did-you-mean in `validate`, `send` and `batch` (the validator's sentence, whose suggestion is the
//! catalog's: this module only passes it on).

use super::output::UsageError;
use crate::i18n::Lang;

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

/// "Braze has no endpoint `X`; did you mean `GET /campaigns/list`?", or a pointer to `brazen catalog`: the
/// validator's `not_found` sentence, said before refusing to send.
pub(super) fn unknown_sentence(input: &str, lang: Lang) -> String {
    crate::validate::unknown_endpoint(input, lang)
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
        assert!(unknown_sentence("/campaigns/lst", Lang::En).contains("did you mean `GET /campaigns/list`"));
        assert!(unknown_sentence("/MESSAGES/SEND", Lang::En).contains("did you mean `POST /messages/send`"));
        assert!(unknown_sentence("/zzzzzzzzzzzzzzzzzzzzz", Lang::En).contains("`brazen catalog` lists"));
    }

    #[test]
    fn query_pairs_need_a_name() {
        assert_eq!(parse_pairs(&["a=b=c".into()]).unwrap(), [("a".to_string(), "b=c".to_string())]);
        assert!(parse_pairs(&["=x".into()]).is_err());
        assert!(parse_pairs(&["novalue".into()]).is_err());
    }
}
