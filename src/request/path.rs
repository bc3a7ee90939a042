//! Path parameters: the values a concrete path gives to an endpoint's `{name}` segments, what is wrong with them,
//! and how they go on the wire (percent-encoded, one segment each). The request builder and the validator ask the
//! same questions here, so a prediction and a refusal read the same.
//!
//! Core: pure and synchronous.

/// Something wrong with a path parameter, found before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamProblem {
    /// Still the pattern's `{name}`: nothing was filled in.
    Unfilled,
    /// An empty segment (`/catalogs//items`).
    Empty,
    /// An encoded `/` (`%2F`): a value cannot hold a `/`, which would make it two segments.
    Slash,
}

/// One parameter of a concrete path: its name in the pattern, the value as typed, and any problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub problem: Option<ParamProblem>,
}

/// The parameters of `path` (no query) for `pattern`, when the two have the same segments apart from the
/// parameters (an empty or unfilled parameter still lines up). `None` when `path` is another endpoint's.
pub fn params<'a>(pattern: &'a str, path: &'a str) -> Option<Vec<Param<'a>>> {
    let pattern = pattern.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    let (a, b): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    if a.len() != b.len() {
        return None;
    }
    let mut out = Vec::new();
    for (p, s) in a.into_iter().zip(b) {
        match p.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            Some(name) => {
                let problem = if s.is_empty() {
                    Some(ParamProblem::Empty)
                } else if unfilled(s) {
                    Some(ParamProblem::Unfilled)
                } else if s.to_ascii_lowercase().contains("%2f") {
                    Some(ParamProblem::Slash)
                } else {
                    None
                };
                out.push(Param { name, value: s, problem });
            }
            None if p == s => {}
            None => return None,
        }
    }
    Some(out)
}

/// Still a `{name}` or a `{{variable}}`, as typed or percent-encoded (`%7B%7Bname%7D%7D`).
fn unfilled(segment: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
    decoded.starts_with('{') && decoded.ends_with('}')
}

/// `path` with each parameter segment percent-encoded for the wire: RFC 3986's unreserved characters stay, a
/// `%XX` already written stays, everything else (spaces, non-ASCII, reserved characters) becomes `%XX`.
pub fn encode(pattern: &str, path: &str) -> String {
    let pattern_segments: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    path.trim_end_matches('/')
        .split('/')
        .enumerate()
        .map(|(i, s)| match pattern_segments.get(i) {
            Some(p) if p.starts_with('{') => encode_segment(s),
            _ => s.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn encode_segment(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escaped =
            b == b'%' && bytes.len() > i + 2 && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit();
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || escaped {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = "/catalogs/{catalog_name}/items/{item_id}";

    #[test]
    fn parameters_line_up_with_the_pattern_and_name_their_problem() {
        let p = params(ITEM, "/catalogs/restaurants/items/bistro-7").unwrap();
        assert_eq!((p[0].name, p[0].value, p[0].problem.clone()), ("catalog_name", "restaurants", None));
        assert_eq!((p[1].name, p[1].value), ("item_id", "bistro-7"));
        let p = params(ITEM, "/catalogs//items/{item_id}").unwrap();
        assert_eq!(p[0].problem, Some(ParamProblem::Empty));
        assert_eq!(p[1].problem, Some(ParamProblem::Unfilled));
        assert_eq!(params(ITEM, "/catalogs/a%2Fb/items/x").unwrap()[0].problem, Some(ParamProblem::Slash));
        assert_eq!(params(ITEM, "/catalogs/a/b/items/x"), None, "a `/` makes another path");
        assert_eq!(params(ITEM, "/catalogs/a/fields/x"), None);
        assert_eq!(params("/messages/send", "/messages/send/").unwrap(), []);
    }

    #[test]
    fn values_are_percent_encoded_once() {
        assert_eq!(encode(ITEM, "/catalogs/my catalog/items/café"), "/catalogs/my%20catalog/items/caf%C3%A9");
        assert_eq!(encode(ITEM, "/catalogs/my%20catalog/items/a?b"), "/catalogs/my%20catalog/items/a%3Fb");
        assert_eq!(encode("/messages/send", "/messages/send"), "/messages/send");
    }
}
