//! Credentials in a pasted curl command. `import curl` shows what the command would send and suggests a `brazen
//! send` that does the same, so everything the history would redact is masked or left out here too: the
//! `Authorization` key (shown masked, as brazen shows keys everywhere), other credential headers (`X-Api-Key`,
//! `Cookie`, `Proxy-Authorization` …), the legacy `api_key` in the query or a JSON body, and a URL's user and
//! password. The suggested command never carries one: brazen sends the environment's key.
//!
//! Which names are credentials is [`crate::scrub`]'s answer, the same the history uses.
//!
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use crate::scrub::{REDACTED, Secrets, is_credential_field, is_credential_header};

use super::mask_key;

/// What was taken out of a command: every secret found (to remove any other copy of it from what is shown) and a
/// short name for each place one was left out, for the warning.
#[derive(Default)]
pub(super) struct Found {
    pub secrets: Secrets,
    pub left_out: Vec<String>,
}

impl Found {
    fn leave_out(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.left_out.contains(&what) {
            self.left_out.push(what);
        }
    }

    /// The warning that says what the suggested command leaves out, when anything was; `scim` for an endpoint
    /// that takes the SCIM token.
    pub fn warning(&self, scim: bool) -> Option<String> {
        if self.left_out.is_empty() {
            return None;
        }
        let sends = if scim {
            "SCIM token as `Authorization: Bearer` (scim_token_env or BRAZE_SCIM_TOKEN)"
        } else {
            "key as `Authorization: Bearer` (BRAZE_API_KEY or the environment's configuration)"
        };
        Some(format!(
            "left out {}: the send command carries no credential; brazen sends the environment's {sends}",
            self.left_out.join(", ")
        ))
    }
}

/// Masks every credential header in place and returns the `Authorization` key as shown (masked, or a shell
/// variable reference as written); warns about what Braze rejects.
///
/// `Authorization: Bearer KEY` shows `Bearer sand…-all` (the form brazen shows keys in, so the key can be told
/// apart); any other scheme there, and `Proxy-Authorization`, keep only the scheme; every other credential header
/// shows `[REDACTED]`. A `$VARIABLE` is not a secret and stays as written.
/// `scim`: the endpoint takes a SCIM token, which the warnings name instead of the key (it is masked the same way).
pub(super) fn mask_headers(
    headers: &mut [(String, String)],
    found: &mut Found,
    warnings: &mut Vec<String>,
    scim: bool,
) -> Option<String> {
    let credential_name = if scim { "SCIM_TOKEN" } else { "KEY" };
    let what = if scim { "SCIM token" } else { "key" };
    let mut key = None;
    let mut authorization = false;
    for (name, value) in headers.iter_mut() {
        if !is_credential_header(name) {
            continue;
        }
        let is_auth = name.eq_ignore_ascii_case("authorization");
        let scheme_header = is_auth || name.eq_ignore_ascii_case("proxy-authorization");
        let (scheme, credential) = match value.trim().split_once(char::is_whitespace) {
            Some((s, c)) if scheme_header => (s.to_string(), c.trim().to_string()),
            _ => (String::new(), value.trim().to_string()),
        };
        found.secrets.extend(&crate::scrub::header_secrets(name, value));
        if is_auth {
            authorization = true;
            let bearer = scheme.is_empty() || scheme.eq_ignore_ascii_case("bearer");
            if !bearer {
                warnings.push(format!(
                    "the Authorization header is not `Bearer {credential_name}`: Braze answers 401 Unauthorized"
                ));
            }
            if credential.starts_with(['"', '\'']) || credential.ends_with(['"', '\'']) {
                warnings.push(format!(
                    "the {what} is wrapped in quotes: Braze answers 401 Unauthorized to a quoted {what}"
                ));
            }
            let shown = match () {
                _ if is_variable(&credential) => credential.clone(),
                // A Basic credential is base64 of `user:password`: its last characters encode the password's.
                _ if !bearer => REDACTED.to_string(),
                _ => mask_key(&credential),
            };
            *value = if scheme.is_empty() { shown.clone() } else { format!("{scheme} {shown}") };
            key = Some(shown);
        } else {
            let shown = if is_variable(&credential) { credential } else { REDACTED.to_string() };
            *value = if scheme.is_empty() { shown } else { format!("{scheme} {shown}") };
            found.leave_out(format!("the {name} header"));
        }
    }
    if !authorization {
        warnings.push(format!(
            "no Authorization header: Braze answers 401 Unauthorized without `Bearer {credential_name}`"
        ));
    }
    key
}

/// `url` without its user information and `api_key` parameters (the rest as written); the secrets go to `found`.
/// Unchanged, as given, when it holds neither.
pub(super) fn strip_url(url: &str, found: &mut Found) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else { return url.to_string() };
    let mut changed = false;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        found.secrets.extend(&crate::scrub::url_secrets(url));
        // A user name alone can be a token too (`https://TOKEN@host`).
        found.secrets.add(&crate::scrub::percent_decoded(parsed.username()));
        found.secrets.add(parsed.username());
        let _ = parsed.set_username("");
        let _ = parsed.set_password(None);
        found.leave_out("the user and password in the URL");
        changed = true;
    }
    if let Some(query) = parsed.query().map(str::to_string) {
        let (kept, dropped): (Vec<&str>, Vec<&str>) = query.split('&').partition(|pair| !is_credential_pair(pair));
        if !dropped.is_empty() {
            for pair in &dropped {
                let raw = pair.split_once('=').map_or("", |(_, v)| v);
                found.secrets.add(raw);
                found.secrets.add(&form_decoded(raw));
            }
            let kept = kept.join("&");
            parsed.set_query(if kept.is_empty() { None } else { Some(&kept) });
            found.leave_out("the api_key query parameter");
            changed = true;
        }
    }
    if changed { parsed.to_string() } else { url.to_string() }
}

/// Whether a `name=value` query pair names a credential (the name decoded as a form would).
fn is_credential_pair(pair: &str) -> bool {
    let name = pair.split_once('=').map_or(pair, |(n, _)| n);
    is_credential_field(&form_decoded(name))
}

fn form_decoded(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default()
}

/// The body without its top-level credential members (`"api_key": "…"`), everything else as written; a body that
/// is not a JSON object keeps its text, with any `api_key=` form value and every known secret redacted.
pub(super) fn strip_body(body: &str, found: &mut Found) -> String {
    found.secrets.extend(&crate::scrub::body_secrets(body));
    if serde_json::from_str::<serde_json::Value>(body).is_ok_and(|v| v.is_object()) {
        let members = top_level_members(body).unwrap_or_default();
        if members.iter().any(|m| m.credential) {
            found.leave_out("the api_key field of the body");
            return without_credential_members(body, &members);
        }
        return body.to_string();
    }
    for (k, v) in url::form_urlencoded::parse(body.as_bytes()) {
        if is_credential_field(&k) {
            found.secrets.add(&v);
        }
    }
    for pair in body.split('&') {
        if is_credential_pair(pair) {
            found.secrets.add(pair.split_once('=').map_or("", |(_, v)| v));
        }
    }
    body.to_string()
}

/// A member of the top-level object: where its key starts and its value ends, and whether it is a credential.
struct Member {
    key_start: usize,
    value_end: usize,
    credential: bool,
}

/// The members of the top-level object of `text` (valid JSON), in one pass over the text.
fn top_level_members(text: &str) -> Option<Vec<Member>> {
    use crate::validate::locate::{skip_string, skip_value, skip_ws};
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    if b.get(pos) != Some(&b'{') {
        return None;
    }
    pos += 1;
    let mut members = Vec::new();
    loop {
        let key_start = skip_ws(b, pos);
        if b.get(key_start) != Some(&b'"') {
            // `{}`, or the end of the object.
            return Some(members);
        }
        let key_end = skip_string(b, key_start)?;
        let name: String = serde_json::from_str(&text[key_start..key_end]).ok()?;
        let value_start = skip_ws(b, skip_ws(b, key_end) + 1);
        let value_end = skip_value(b, value_start)?;
        members.push(Member { key_start, value_end, credential: is_credential_field(&name) });
        let after = skip_ws(b, value_end);
        if b.get(after) != Some(&b',') {
            return Some(members);
        }
        pos = after + 1;
    }
}

/// `text` without its credential members. Kept members keep their own text and the separator that followed
/// them; the last one kept is followed by what followed the last member (the closing brace, no comma).
fn without_credential_members(text: &str, members: &[Member]) -> String {
    let (Some(first), Some(last)) = (members.first(), members.last()) else { return text.to_string() };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first.key_start]);
    let kept: Vec<usize> = (0..members.len()).filter(|&i| !members[i].credential).collect();
    for (n, &i) in kept.iter().enumerate() {
        let m = &members[i];
        out.push_str(&text[m.key_start..m.value_end]);
        if n + 1 < kept.len() {
            // The separator after this member in the original: its comma and blanks.
            out.push_str(&text[m.value_end..members[i + 1].key_start]);
        }
    }
    out.push_str(&text[last.value_end..]);
    out
}

/// `$BRAZE_API_KEY`, `${BRAZE_API_KEY}`: a reference the shell would expand, not a secret.
fn is_variable(s: &str) -> bool {
    let name = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')).or_else(|| s.strip_prefix('$'));
    name.is_some_and(crate::text::is_variable_name)
}
