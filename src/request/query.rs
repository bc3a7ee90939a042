//! The string-level parts of a request: query pairs from a GET body, a query string appended to a path, a typed
//! query read back into pairs, and whether a header name and value may go on the wire. Pure (the `url` crate
//! parses, nothing is sent); the rules of header names and values are HTTP's (RFC 9110 §5), so the client never
//! gets a header it would refuse.

/// The query pairs of a GET body: a JSON object of strings, numbers, booleans or arrays of them (repeated keys);
/// `null` members are left out. Blank text is no query.
pub fn query_from_json(text: &str) -> Result<Vec<(String, String)>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| format!("the body of a GET must be a JSON object of query parameters ({e})"))?;
    let obj = value.as_object().ok_or("the body of a GET must be a JSON object of query parameters")?;
    let mut pairs = Vec::new();
    for (k, v) in obj {
        let mut push = |v: &serde_json::Value| -> Result<(), String> {
            match v {
                serde_json::Value::Null => {}
                serde_json::Value::String(s) => pairs.push((k.clone(), s.clone())),
                serde_json::Value::Number(n) => pairs.push((k.clone(), n.to_string())),
                serde_json::Value::Bool(b) => pairs.push((k.clone(), b.to_string())),
                _ => return Err(format!("query parameter {k} must be a string, number or boolean")),
            }
            Ok(())
        };
        match v {
            serde_json::Value::Array(items) => items.iter().try_for_each(&mut push)?,
            other => push(other)?,
        }
    }
    Ok(pairs)
}

/// The decoded pairs of a query string (`a=1&b=x+y`).
pub(super) fn pairs_of(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// `path_and_query` with `pairs` appended, percent-encoded; `None` when it does not parse as a path.
pub(super) fn append(path_and_query: &str, pairs: &[(String, String)]) -> Option<String> {
    let mut url = url::Url::parse(&format!("http://x{path_and_query}")).ok()?;
    url.query_pairs_mut().extend_pairs(pairs);
    Some(path_and_query_of(&url))
}

/// The path and query of an absolute URL; `None` when `url` is not one.
pub(super) fn path_and_query_of_url(url: &str) -> Option<String> {
    url::Url::parse(url).ok().map(|u| path_and_query_of(&u))
}

fn path_and_query_of(url: &url::Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// `s` percent-encoded for a query value: every byte but RFC 3986's unreserved characters (letters, digits and
/// `-._~`) as `%XX`, upper-case hex. curl's `--data-urlencode` encodes the same set, so an imported command and a
/// query brazen writes itself agree byte for byte.
pub fn percent_encode(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A header name HTTP accepts: one or more token characters.
pub(super) fn valid_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A header value HTTP accepts: no control characters but the tab (bytes of non-ASCII text are allowed).
pub(super) fn valid_header_value(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encode_keeps_only_the_unreserved_characters() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn header_rules_follow_http() {
        assert!(valid_header_name("X-Brazen-Fault"));
        assert!(!valid_header_name("bad header") && !valid_header_name("") && !valid_header_name("x:y"));
        assert!(valid_header_value("503 é\tx") && valid_header_value(""));
        assert!(!valid_header_value("a\r\nb") && !valid_header_value("\u{7f}"));
    }

    #[test]
    fn query_strings_round_trip() {
        assert_eq!(pairs_of("a=1&b=x+y%26"), [("a".into(), "1".into()), ("b".into(), "x y&".into())]);
        assert_eq!(append("/x?a=1", &[("b".into(), "é".into())]).as_deref(), Some("/x?a=1&b=%C3%A9"));
        assert_eq!(path_and_query_of_url("https://h/p/q?z=1").as_deref(), Some("/p/q?z=1"));
        assert_eq!(path_and_query_of_url("not a url"), None);
    }
}
