//! Defence in depth: whatever a caller hands the store or an exporter, no credential survives.
//!
//! The client already redacts `Authorization`; this pass does it again, and also removes every other copy of
//! the same secret (a server echoing the key in an error body, a key pasted into a URL) and the legacy
//! `api_key` field Braze once accepted in bodies and query strings.

use crate::exchange::{Exchange, REDACTED_KEY};

/// Header names whose values are credentials in the `Scheme credential` form; the scheme is kept as `Bearer`.
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization"];

/// Parts of other header names that mark their values as secrets (`X-Api-Key`, `X-Auth-Token`, `Cookie` …): a
/// custom environment behind a gateway may need one, and it must not reach the history either.
const SECRET_NAME_PARTS: &[&str] = &["auth", "token", "secret", "api-key", "apikey", "api_key", "password", "cookie"];

/// Secrets shorter than this are not searched for elsewhere: replacing every `abc` in a body would mangle it,
/// and a real key is far longer.
const MIN_SECRET_LEN: usize = 8;

/// Returns `ex` with every credential replaced by [`REDACTED_KEY`].
pub fn scrubbed(ex: &Exchange) -> Exchange {
    let mut ex = ex.clone();
    scrub(&mut ex);
    ex
}

/// Replaces every credential in `ex` in place.
pub fn scrub(ex: &mut Exchange) {
    let mut secrets: Vec<String> = Vec::new();
    let redacted_header = format!("Bearer {REDACTED_KEY}");
    for (name, value) in ex.request.headers.iter_mut() {
        if SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            secrets.push(credential_of(value).to_string());
            *value = redacted_header.clone();
        } else if is_secret_name(name) && value.as_str() != REDACTED_KEY {
            secrets.push(value.trim().to_string());
            *value = REDACTED_KEY.to_string();
        }
    }
    secrets.extend(api_key_query_values(&ex.request.url));
    secrets.extend(api_key_body_value(&ex.request.body));
    wipe_all(ex, secrets);
}

/// Replaces every copy of `secret` in `ex` (the engine knows the key it sent, which the recorded headers no
/// longer show, so it removes copies in a body or an echo before anyone records the exchange).
pub fn scrub_secret(ex: &mut Exchange, secret: &str) {
    wipe_all(ex, vec![secret.trim().to_string()]);
}

fn wipe_all(ex: &mut Exchange, mut secrets: Vec<String>) {
    secrets.retain(|s| s.len() >= MIN_SECRET_LEN && s != REDACTED_KEY && !s.starts_with('$'));
    // Longest first, so a secret that contains another is replaced whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    secrets.dedup();
    if secrets.is_empty() {
        return;
    }
    let wipe = |s: &mut String| {
        for secret in &secrets {
            if s.contains(secret.as_str()) {
                *s = s.replace(secret.as_str(), REDACTED_KEY);
            }
        }
    };
    wipe(&mut ex.request.url);
    wipe(&mut ex.request.body);
    ex.request.headers.iter_mut().for_each(|(_, v)| wipe(v));
    for a in &mut ex.attempts {
        if let Some(r) = &mut a.response {
            wipe(&mut r.body);
            r.headers.iter_mut().for_each(|(_, v)| wipe(v));
        }
        if let Some(f) = &mut a.failure {
            wipe(&mut f.detail);
        }
    }
    if let Some(o) = &mut ex.outcome {
        o.message.iter_mut().for_each(&wipe);
        o.minor_errors.iter_mut().for_each(&wipe);
    }
}

fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_NAME_PARTS.iter().any(|p| name.contains(p))
}

/// The credential in an `Authorization` value: the part after the scheme, or the whole value.
fn credential_of(value: &str) -> &str {
    let v = value.trim();
    match v.split_once(char::is_whitespace) {
        Some((_scheme, rest)) => rest.trim().trim_matches(|c| c == '"' || c == '\''),
        None => v,
    }
}

fn api_key_query_values(url: &str) -> Vec<String> {
    let Some((_, query)) = url.split_once('?') else { return Vec::new() };
    let query = query.split('#').next().unwrap_or(query);
    let mut out = Vec::new();
    for pair in query.split('&') {
        if let Some((k, raw)) = pair.split_once('=')
            && k.eq_ignore_ascii_case("api_key")
        {
            // Both spellings: the stored URL holds the raw one, a body or echo may hold the decoded one.
            out.push(raw.to_string());
            out.extend(url::form_urlencoded::parse(pair.as_bytes()).map(|(_, v)| v.into_owned()));
        }
    }
    out
}

fn api_key_body_value(body: &str) -> Option<String> {
    if !body.contains("api_key") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v.get("api_key")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{Attempt, RequestRecord, ResponseRecord, Timings};

    fn exchange(headers: Vec<(&str, &str)>, url: &str, body: &str, response_body: &str) -> Exchange {
        Exchange {
            id: None,
            time: jiff::Timestamp::UNIX_EPOCH,
            environment: "sandbox".into(),
            request: RequestRecord {
                method: "POST".into(),
                endpoint: "/messages/send".into(),
                url: url.into(),
                headers: headers.into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
                body: body.into(),
            },
            attempts: vec![Attempt {
                number: 1,
                started_at: jiff::Timestamp::UNIX_EPOCH,
                waited_ms: 0,
                response: Some(ResponseRecord {
                    status: 401,
                    headers: vec![],
                    body: response_body.into(),
                    truncated: false,
                    body_bytes: response_body.len() as u64,
                }),
                failure: None,
                timings: Timings::default(),
            }],
            outcome: None,
            replay_of: None,
        }
    }

    #[test]
    fn other_credential_headers_are_redacted_too() {
        let ex = exchange(
            vec![
                ("X-Api-Key", "SECRET456-gateway"),
                ("x-auth-token", "tok-98765432"),
                ("Cookie", "session=abcdef123456"),
                ("X-Brazen-Fault", "503"),
                ("Content-Type", "application/json"),
            ],
            "http://h/messages/send",
            "{}",
            r#"{"message":"bad key SECRET456-gateway"}"#,
        );
        let s = scrubbed(&ex);
        let values: Vec<&str> = s.request.headers.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, [REDACTED_KEY, REDACTED_KEY, REDACTED_KEY, "503", "application/json"]);
        let json = serde_json::to_string(&s).unwrap();
        for secret in ["SECRET456-gateway", "tok-98765432", "abcdef123456"] {
            assert!(!json.contains(secret), "{secret} in {json}");
        }
        assert_eq!(scrubbed(&s), s, "scrubbing twice changes nothing");
    }

    #[test]
    fn authorization_in_any_case_is_redacted_and_echoes_removed() {
        let ex = exchange(
            vec![("authorization", "Bearer sk-SECRET-123"), ("Content-Type", "application/json")],
            "http://h/messages/send",
            "{}",
            r#"{"message":"Unknown key sk-SECRET-123"}"#,
        );
        let s = scrubbed(&ex);
        assert_eq!(s.request.headers[0].1, "Bearer [REDACTED]");
        assert_eq!(s.request.headers[1].1, "application/json");
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("sk-SECRET-123"), "{json}");
        assert!(s.attempts[0].response.as_ref().unwrap().body.contains("Unknown key [REDACTED]"));
    }

    #[test]
    fn legacy_api_key_in_query_and_body_is_removed() {
        let ex = exchange(
            vec![],
            "http://h/users/export?api_key=legacy-key-0001&x=1",
            r#"{"api_key": "legacy-body-key-02", "external_user_ids": ["a"]}"#,
            "",
        );
        let s = scrubbed(&ex);
        assert_eq!(s.request.url, "http://h/users/export?api_key=[REDACTED]&x=1");
        assert!(s.request.body.contains(r#""api_key": "[REDACTED]""#), "{}", s.request.body);
        assert!(s.request.body.contains("external_user_ids"));
    }

    #[test]
    fn short_or_placeholder_credentials_do_not_rewrite_bodies() {
        let ex = exchange(vec![("Authorization", "Bearer abc")], "http://h/x", "abc abc", "abc");
        let s = scrubbed(&ex);
        assert_eq!(s.request.headers[0].1, "Bearer [REDACTED]");
        assert_eq!(s.request.body, "abc abc");
        let ex = exchange(vec![("Authorization", "Bearer $BRAZE_API_KEY")], "http://h/x", "$BRAZE_API_KEY", "");
        assert_eq!(scrubbed(&ex).request.body, "$BRAZE_API_KEY");
    }

    #[test]
    fn quoted_key_is_still_found_in_echoes() {
        let ex = exchange(vec![("Authorization", "Bearer \"quoted-key-999\"")], "http://h/x", "", "quoted-key-999");
        let s = scrubbed(&ex);
        assert_eq!(s.attempts[0].response.as_ref().unwrap().body, "[REDACTED]");
    }
}
