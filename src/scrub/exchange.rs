//! Scrubbing an exchange: the credentials it carries are found, their headers masked, and every text of the
//! record (whatever field it sits in) loses every form of them. [`Scrubbed`] is the only way to hold the
//! result, so a store or an exporter that takes one cannot be handed a record that skipped the scrubber.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::walk::{ScrubError, map_strings, redactor};
use super::{REDACTED, Secrets};
use crate::exchange::Exchange;

/// Header names whose values are credentials in the `Scheme credential` form; the scheme is kept.
const SCHEME_HEADERS: &[&str] = &["authorization", "proxy-authorization"];

/// Parts of other header names that mark their values as secrets (`X-Api-Key`, `X-Auth-Token`, `Cookie` …): a
/// custom environment behind a gateway may need one, and it must not reach the history either.
const SECRET_NAME_PARTS: &[&str] = &["auth", "token", "secret", "api-key", "apikey", "api_key", "password", "cookie"];

/// Names that contain one of those parts but carry no credential (a challenge says which scheme to use).
const NOT_SECRET: &[&str] = &["www-authenticate", "proxy-authenticate"];

/// Query and body fields that held Braze's key in its older API.
const KEY_FIELDS: &[&str] = &["api_key"];

/// Whether a header of this name carries a credential (its value is never stored or shown).
pub fn is_credential_header(name: &str) -> bool {
    let name = name.trim().to_ascii_lowercase();
    if NOT_SECRET.contains(&name.as_str()) {
        return false;
    }
    SCHEME_HEADERS.contains(&name.as_str()) || SECRET_NAME_PARTS.iter().any(|p| name.contains(p))
}

/// Whether a query parameter or JSON field of this name carries a credential.
pub fn is_credential_field(name: &str) -> bool {
    KEY_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f))
}

/// A value that has been through the scrubber. Only this module makes one; read it through `Deref`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scrubbed<T>(T);

impl<T> Scrubbed<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Scrubbed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// `value` with every form of every secret removed from all of its strings.
pub fn scrub_value<T: Serialize + DeserializeOwned>(value: &T, secrets: &Secrets) -> Result<Scrubbed<T>, ScrubError> {
    Ok(Scrubbed(map_strings(value, &redactor(secrets))?))
}

/// `ex` with its credential headers masked and every copy of a credential (those it carries, and `known`:
/// the keys the caller sent with) removed from every text field.
pub fn exchange(ex: &Exchange, known: &Secrets) -> Scrubbed<Exchange> {
    let mut ex = ex.clone();
    let mut secrets = known.clone();
    secrets.extend(&mask_credential_headers(&mut ex.request.headers));
    for text in [&ex.request.url, &ex.environment] {
        secrets.extend(&url_secrets(text));
    }
    secrets.extend(&body_secrets(&ex.request.body));
    if secrets.is_empty() {
        // No credential known or carried: no copy of one can be anywhere in the record.
        return Scrubbed(ex);
    }
    match scrub_value(&ex, &secrets) {
        Ok(clean) => clean,
        // Only a record serde cannot represent (a non-finite timing) gets here: fail closed, keeping what
        // identifies the exchange and dropping the texts rather than letting a copy of a secret through.
        Err(_) => Scrubbed(Exchange {
            environment: secrets.redact(&ex.environment).into_owned(),
            request: crate::exchange::RequestRecord {
                method: secrets.redact(&ex.request.method).into_owned(),
                endpoint: secrets.redact(&ex.request.endpoint).into_owned(),
                url: REDACTED.into(),
                headers: Vec::new(),
                body: REDACTED.into(),
                ..ex.request
            },
            attempts: Vec::new(),
            outcome: None,
            ..ex
        }),
    }
}

/// Replaces credential header values with [`REDACTED`] (`Bearer [REDACTED]` for scheme headers) and returns
/// the credentials they held.
pub fn mask_credential_headers(headers: &mut [(String, String)]) -> Secrets {
    let mut found = Secrets::new();
    for (name, value) in headers.iter_mut() {
        if !is_credential_header(name) || value.contains(REDACTED) || is_reference(split_scheme(value).1) {
            continue;
        }
        found.extend(&header_secrets(name, value));
        *value = if is_scheme_header(name) {
            let (scheme, _) = split_scheme(value);
            format!("{} {REDACTED}", if scheme.is_empty() { "Bearer" } else { scheme })
        } else {
            REDACTED.to_string()
        };
    }
    found
}

/// The credentials a credential header's value holds: the part after the scheme of an `Authorization`-like header
/// (and the password of a Basic pair), or the whole value and each `name=value` pair's value (a cookie's).
/// Nothing for other headers, and nothing for a `$VARIABLE` reference.
pub fn header_secrets(name: &str, value: &str) -> Secrets {
    let mut found = Secrets::new();
    if !is_credential_header(name) {
        return found;
    }
    if is_scheme_header(name) {
        let (scheme, credential) = split_scheme(value);
        found.add(credential);
        if scheme.eq_ignore_ascii_case("basic") {
            found.extend(&basic_secrets(credential));
        }
    } else {
        found.add(value);
        for pair in value.split(';') {
            if let Some((_, v)) = pair.split_once('=') {
                found.add(v);
            }
        }
    }
    found
}

/// Whether a credential is only a saved request's `{{name}}` (a secret variable a send put back in place of its
/// value): a reference, not a credential, kept so a replay can resolve it again.
fn is_reference(credential: &str) -> bool {
    let refs = crate::request::vars::references(credential);
    refs.len() == 1 && refs[0].range == (0..credential.len())
}

fn is_scheme_header(name: &str) -> bool {
    SCHEME_HEADERS.iter().any(|h| name.trim().eq_ignore_ascii_case(h))
}

/// The scheme and credential of an `Authorization` value (`Bearer abc` → (`Bearer`, `abc`); `abc` → ("", `abc`)).
fn split_scheme(value: &str) -> (&str, &str) {
    let v = value.trim();
    match v.split_once(char::is_whitespace) {
        Some((scheme, rest)) => (scheme, rest.trim()),
        None => ("", v),
    }
}

/// The password (and the whole pair) of a Basic credential.
fn basic_secrets(credential: &str) -> Secrets {
    use base64::Engine as _;
    let mut found = Secrets::new();
    if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(credential.trim())
        && let Ok(pair) = String::from_utf8(bytes)
    {
        found.add(&pair);
        if let Some((_, password)) = pair.split_once(':') {
            found.add(password);
        }
    }
    found
}

/// The password of a URL's user information and the values of its `api_key` parameters, as written and decoded.
pub fn url_secrets(text: &str) -> Secrets {
    let mut found = Secrets::new();
    let Ok(url) = url::Url::parse(text.trim()) else { return found };
    if let Some(password) = url.password() {
        found.add(password);
        found.add(&percent_decoded(password));
    }
    for (k, v) in url.query_pairs() {
        if is_credential_field(&k) {
            found.add(&v);
        }
    }
    if let Some(query) = url.query() {
        for pair in query.split('&') {
            if let Some((k, raw)) = pair.split_once('=')
                && is_credential_field(k)
            {
                found.add(raw);
            }
        }
    }
    found
}

/// `%HH` sequences decoded (invalid UTF-8 replaced), `+` kept: how a URL's user information is read.
pub fn percent_decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The values of credential fields at the top of a JSON body.
pub fn body_secrets(body: &str) -> Secrets {
    let mut found = Secrets::new();
    if !KEY_FIELDS.iter().any(|f| body.contains(f)) {
        return found;
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) {
        for (k, v) in &map {
            if is_credential_field(k)
                && let Some(s) = v.as_str()
            {
                found.add(s);
            }
        }
    }
    found
}
