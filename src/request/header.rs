//! Whether a header may go with a request: the one rule for the CLI's `-H`, a saved request's headers and the
//! workbench's headers editor.

use super::query::{valid_header_name, valid_header_value};

/// Why a header cannot be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderProblem {
    /// `Authorization`, `Content-Type`, `User-Agent`, `Host`, `Content-Length`: brazen sets them itself (the key
    /// comes from the environment).
    Own,
    /// Not an HTTP token (empty, spaces, `:` …).
    Name,
    /// A control character (a line break would start another header).
    Value,
    /// A credential written out (`X-Gateway-Token: abc…`): the workbench keeps its headers in the draft and in
    /// saved files, so a credential must come from a secret variable (`{{gateway_token}}`) instead.
    LiteralCredential,
}

/// Headers brazen writes itself, whatever a request says.
const OWN: [&str; 5] = ["authorization", "content-type", "user-agent", "host", "content-length"];

/// Whether `name: value` may be sent at all (the CLI's `-H` and every request brazen builds).
pub fn check(name: &str, value: &str) -> Result<(), HeaderProblem> {
    let name = name.trim();
    if OWN.iter().any(|o| name.eq_ignore_ascii_case(o)) {
        return Err(HeaderProblem::Own);
    }
    if !valid_header_name(name) {
        return Err(HeaderProblem::Name);
    }
    if !valid_header_value(value.trim()) {
        return Err(HeaderProblem::Value);
    }
    Ok(())
}

/// [`check`], and no credential written out: what a header kept on disk (the draft, a saved request) may be. A
/// credential header whose value is only `{{variable}}` references is fine: the value is resolved when sending.
pub fn check_kept(name: &str, value: &str) -> Result<(), HeaderProblem> {
    check(name, value)?;
    if crate::scrub::is_credential_header(name) && !only_references(value) {
        return Err(HeaderProblem::LiteralCredential);
    }
    Ok(())
}

/// Whether `value` is nothing but `{{name}}` references (and spaces, or a scheme word before them: `Bearer {{t}}`).
fn only_references(value: &str) -> bool {
    let refs = super::vars::references(value);
    if refs.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut at = 0;
    for r in &refs {
        rest.push_str(&value[at..r.range.start]);
        at = r.range.end;
    }
    rest.push_str(&value[at..]);
    // At most one word besides the references: an auth scheme, which is no secret.
    rest.split_whitespace().count() <= 1 && !rest.trim().chars().any(|c| c.is_ascii_digit())
}

/// `Name: value` as typed in one field (the form curl's `-H` takes): the name and the value, trimmed.
pub fn split(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    Some((name.trim(), value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_invalid_and_credential_headers_are_refused_with_their_reason() {
        assert_eq!(check("X-Trace", "case-1"), Ok(()));
        assert_eq!(check("authorization", "Bearer x"), Err(HeaderProblem::Own));
        assert_eq!(check("Content-Type", "text/plain"), Err(HeaderProblem::Own));
        assert_eq!(check("X Trace", "1"), Err(HeaderProblem::Name));
        assert_eq!(check("", "1"), Err(HeaderProblem::Name));
        assert_eq!(check("X-Trace", "a\r\nX-Evil: 1"), Err(HeaderProblem::Value));
        // A credential may be sent (a gateway's), but not kept written out.
        assert_eq!(check("X-Gateway-Token", "abc123"), Ok(()));
        assert_eq!(check_kept("X-Gateway-Token", "abc123"), Err(HeaderProblem::LiteralCredential));
        assert_eq!(check_kept("X-Gateway-Token", "{{gateway_token}}"), Ok(()));
        assert_eq!(check_kept("Proxy-Authorization", "Basic {{proxy}}"), Ok(()));
        assert_eq!(check_kept("X-Api-Key", "{{k}} 42"), Err(HeaderProblem::LiteralCredential));
        assert_eq!(check_kept("X-Trace", "plain"), Ok(()));
    }

    #[test]
    fn a_line_splits_at_its_first_colon() {
        assert_eq!(split(" X-Trace :  a:b "), Some(("X-Trace", "a:b")));
        assert_eq!(split("no colon"), None);
    }
}
