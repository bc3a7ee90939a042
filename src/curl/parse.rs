//! A curl command line → the request it would send: method, URL (base + path), headers, body.
//!
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use serde::Serialize;

use super::credentials::{self, Found};
use super::{CurlError, shell};
use crate::request::percent_encode;

/// A request read from a curl command. No credential is kept: the key is masked, other credential headers are
/// `[REDACTED]`, and `api_key` parameters and fields and a URL's user and password are left out (see
/// [`super::credentials`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedRequest {
    pub method: String,
    /// The catalog path (`/messages/send`), or the URL's path when the catalog does not know it.
    pub endpoint: String,
    /// The Braze instance the URL points at (`US-03`), or `custom` for any other host.
    pub environment: String,
    /// The full URL as given (a missing scheme added), without user information or `api_key` parameters.
    pub url: String,
    /// The URL's query string without the `?` (a GET's parameters), or `None`.
    pub query: Option<String>,
    /// `scheme://host[:port]`, for `brazen send --url`.
    pub base_url: String,
    /// Headers in order; the `Authorization` key masked, other credential headers `[REDACTED]`.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The key, masked (`sand…-all`), or a shell variable reference as written (`$BRAZE_API_KEY`).
    pub key: Option<String>,
    /// Whether `endpoint` is in the catalog.
    pub known_endpoint: bool,
    /// What was ignored or looks wrong, one sentence each.
    pub warnings: Vec<String>,
    /// The `brazen send` command that makes this request (`BODY.json` standing for a file holding the body).
    pub send_command: String,
}

/// Options that take a value and change nothing we import.
const IGNORED_WITH_VALUE: &[&str] = &[
    "-o",
    "--output",
    "-w",
    "--write-out",
    "-m",
    "--max-time",
    "--connect-timeout",
    "--retry",
    "--retry-delay",
    "--retry-max-time",
    "-x",
    "--proxy",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-b",
    "--cookie",
    "-c",
    "--cookie-jar",
    "--cacert",
    "--capath",
    "-E",
    "--cert",
    "--key",
    "--resolve",
    "--connect-to",
    "--limit-rate",
    "-r",
    "--range",
    "-D",
    "--dump-header",
    "--trace",
    "--trace-ascii",
    "--stderr",
    "--interface",
    "-Y",
    "--speed-limit",
    "-y",
    "--speed-time",
    "--max-redirs",
    "-u",
    "--user",
    // Credentials for a proxy: never part of what Braze receives, never shown.
    "-U",
    "--proxy-user",
    "--proxy-header",
    "--pass",
];

/// Options that take a value we cannot honour.
const UNSUPPORTED_WITH_VALUE: &[(&str, &str)] = &[
    ("-F", "multipart form uploads are not part of the Braze REST API"),
    ("--form", "multipart form uploads are not part of the Braze REST API"),
    ("-T", "uploading a file is not supported; paste the body with --data-raw"),
    ("--upload-file", "uploading a file is not supported; paste the body with --data-raw"),
    ("-K", "reading options from a config file is not supported; paste the whole command"),
    ("--config", "reading options from a config file is not supported; paste the whole command"),
];

/// Short options that take no value (for splitting clusters such as `-sSL`).
const SHORT_FLAGS: &str = "sSviLkfgNqnjJOIG#0123456";

#[derive(Default)]
struct Parsed {
    method: Option<String>,
    url: Option<String>,
    headers: Vec<(String, String)>,
    data: Vec<String>,
    json: bool,
    /// A `--data-urlencode` was given: fine as query parameters (`-G`), refused as a body.
    form_encoded: bool,
    /// Credentials found on the way (a `-u` password, a second URL's key), so no copy of them is shown.
    found: Found,
    get: bool,
    head: bool,
    warnings: Vec<String>,
}

/// Reads a curl command line (as copied from a terminal, a browser's "copy as cURL", or documentation).
pub fn parse_curl(text: &str) -> Result<ImportedRequest, CurlError> {
    let (words, notes) = shell::split(text)?;
    let mut words = words.into_iter().peekable();
    // A copied prompt.
    if words.peek().is_some_and(|w| w == "$" || w == ">") {
        words.next();
    }
    // `BRAZE_API_KEY=… curl …`: variables set for the command. Skipped unseen: the value may well be a key.
    while words.peek().is_some_and(|w| is_assignment(w)) {
        words.next();
    }
    match words.next() {
        Some(w) if is_curl(&w) => {}
        Some(w) => return Err(CurlError::NotCurl(w)),
        None => return Err(CurlError::Empty),
    }
    let mut p = Parsed { warnings: notes, ..Parsed::default() };
    while let Some(word) = words.next() {
        let mut value = |opt: &str| words.next().ok_or_else(|| CurlError::MissingValue(opt.to_string()));
        if let Some(long) = word.strip_prefix("--") {
            let opt = format!("--{long}");
            match opt.as_str() {
                "--request" => p.method = Some(value(&opt)?),
                "--header" => header(&mut p, &value(&opt)?),
                "--url" => url_arg(&mut p, value(&opt)?),
                "--data" | "--data-ascii" | "--data-binary" => {
                    let v = value(&opt)?;
                    data(&mut p, &opt, v, true)?
                }
                "--data-raw" => {
                    let v = value(&opt)?;
                    data(&mut p, &opt, v, false)?
                }
                "--json" => {
                    let v = value(&opt)?;
                    p.json = true;
                    data(&mut p, &opt, v, true)?
                }
                "--data-urlencode" => {
                    let v = value(&opt)?;
                    p.data.push(url_encoded(&v)?);
                    p.form_encoded = true;
                }
                // curl sends it as `Authorization: Bearer TOKEN`: import it as that header, masked with the rest.
                "--oauth2-bearer" => {
                    let v = value(&opt)?;
                    header(&mut p, &format!("Authorization: Bearer {v}"));
                }
                "--get" => p.get = true,
                "--head" => p.head = true,
                _ if IGNORED_WITH_VALUE.contains(&opt.as_str()) => {
                    let v = value(&opt)?;
                    ignored(&mut p, &opt, &v);
                }
                _ => {
                    if let Some((_, why)) = UNSUPPORTED_WITH_VALUE.iter().find(|(o, _)| *o == opt) {
                        return Err(CurlError::Unsupported { option: opt, reason: (*why).to_string() });
                    }
                    // Unknown long options are flags in the vast majority; say we skipped it.
                    if !is_quiet_flag(&opt) {
                        p.warnings.push(format!("ignored the option {opt}"));
                    }
                }
            }
        } else if word.len() > 1 && word.starts_with('-') {
            short_cluster(&mut p, &word, &mut words)?;
        } else {
            url_arg(&mut p, word);
        }
    }
    finish(p)
}

/// `NAME=value`, as a shell reads it before a command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| crate::text::is_variable_name(name))
}

fn is_curl(word: &str) -> bool {
    let name = word.rsplit(['/', '\\']).next().unwrap_or(word);
    name.eq_ignore_ascii_case("curl") || name.eq_ignore_ascii_case("curl.exe")
}

/// Long flags that change nothing we import and deserve no warning.
fn is_quiet_flag(opt: &str) -> bool {
    [
        "--silent",
        "--show-error",
        "--verbose",
        "--include",
        "--location",
        "--insecure",
        "--compressed",
        "--fail",
        "--fail-with-body",
        "--globoff",
        "--http1.1",
        "--http2",
        "--http2-prior-knowledge",
        "--no-buffer",
        "--progress-bar",
        "--no-progress-meter",
        "--location-trusted",
        "--raw",
        "--tr-encoding",
        "--remote-name",
    ]
    .contains(&opt)
}

fn short_cluster(p: &mut Parsed, word: &str, words: &mut impl Iterator<Item = String>) -> Result<(), CurlError> {
    let body: Vec<char> = word[1..].chars().collect();
    for (i, &c) in body.iter().enumerate() {
        let rest: String = body[i + 1..].iter().collect();
        let opt = format!("-{c}");
        let takes_value = matches!(c, 'X' | 'H' | 'd')
            || IGNORED_WITH_VALUE.contains(&opt.as_str())
            || UNSUPPORTED_WITH_VALUE.iter().any(|(o, _)| *o == opt);
        if !takes_value {
            match c {
                'G' => p.get = true,
                'I' => p.head = true,
                _ if SHORT_FLAGS.contains(c) => {}
                _ => p.warnings.push(format!("ignored the option {opt}")),
            }
            continue;
        }
        // The value is the rest of this word (`-XPOST`) or the next word (`-X POST`).
        let v = if rest.is_empty() { words.next().ok_or_else(|| CurlError::MissingValue(opt.clone()))? } else { rest };
        match c {
            'X' => p.method = Some(v),
            'H' => header(p, &v),
            'd' => data(p, &opt, v, true)?,
            _ => {
                if let Some((_, why)) = UNSUPPORTED_WITH_VALUE.iter().find(|(o, _)| *o == opt) {
                    return Err(CurlError::Unsupported { option: opt, reason: (*why).to_string() });
                }
                ignored(p, &opt, &v);
            }
        }
        return Ok(());
    }
    Ok(())
}

fn ignored(p: &mut Parsed, opt: &str, value: &str) {
    if matches!(opt, "-u" | "--user" | "-U" | "--proxy-user") {
        p.found.secrets.add(value);
        if let Some((_, password)) = value.split_once(':') {
            p.found.secrets.add(password);
        }
    }
    if matches!(opt, "-u" | "--user") {
        p.warnings.push(format!(
            "ignored {opt} (basic authentication): Braze takes the key as `Authorization: Bearer KEY`, \
             not as {opt} {}",
            if value.contains(':') { "USER:PASSWORD" } else { "USER" }
        ));
    }
}

fn header(p: &mut Parsed, h: &str) {
    match h.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            let (name, value) = (name.trim(), value.trim());
            if value.is_empty() {
                // `-H 'Name:'` removes a header curl would add; nothing to import.
                return;
            }
            p.headers.push((name.to_string(), value.to_string()));
        }
        _ => match h.strip_suffix(';') {
            // `-H 'Name;'` sends an empty header.
            Some(name) if !name.trim().is_empty() => p.headers.push((name.trim().to_string(), String::new())),
            _ => p.warnings.push(format!("ignored a header without a name and colon: {h:?}")),
        },
    }
}

fn url_arg(p: &mut Parsed, url: String) {
    if p.url.is_some() {
        // Shown only when it is a URL, without its credentials: a word here may also be the value of an option
        // brazen does not know, such as a token.
        let mut found = Found::default();
        let shown = credentials::strip_url(&url, &mut found);
        p.found.secrets.extend(&found.secrets);
        p.warnings.push(if shown.contains("://") {
            format!("only the first URL is imported; ignored {shown}")
        } else {
            "only the first URL is imported; ignored another argument (perhaps the value of an option brazen does \
             not know)"
                .to_string()
        });
    } else {
        p.url = Some(url);
    }
}

fn data(p: &mut Parsed, opt: &str, value: String, at_is_file: bool) -> Result<(), CurlError> {
    if at_is_file && let Some(file) = value.strip_prefix('@') {
        return Err(CurlError::Unsupported {
            option: format!("{opt} @{file}"),
            reason: format!(
                "reading the body from a file is not supported: paste the body inline (--data-raw '…'), \
                 or send the file with `brazen send ENDPOINT {}`",
                if file.is_empty() || file == "-" { "FILE" } else { file }
            ),
        });
    }
    p.data.push(value);
    Ok(())
}

/// A `--data-urlencode` value as curl sends it: `name=value` with the value percent-encoded, `=value` and a plain
/// `value` encoded whole (curl encodes the set [`percent_encode`] does). `@file` and `name@file` read a file:
/// refused, as `-d @file` is.
fn url_encoded(v: &str) -> Result<String, CurlError> {
    // curl splits at the first `=` or `@`, whichever comes first.
    match v.find(['=', '@']).map(|i| (i, v.as_bytes()[i])) {
        Some((i, b'@')) => Err(CurlError::Unsupported {
            option: format!("--data-urlencode {v}"),
            reason: format!(
                "reading a value from a file is not supported: write it inline as --data-urlencode '{}=VALUE'",
                if i == 0 { "NAME" } else { &v[..i] }
            ),
        }),
        Some((0, _)) => Ok(percent_encode(&v[1..])),
        Some((i, _)) => Ok(format!("{}={}", &v[..i], percent_encode(&v[i + 1..]))),
        None => Ok(percent_encode(v)),
    }
}

fn finish(mut p: Parsed) -> Result<ImportedRequest, CurlError> {
    if p.form_encoded && !p.get {
        return Err(CurlError::Unsupported {
            option: "--data-urlencode".into(),
            reason: "form-encoded bodies are not used by the Braze REST API; send JSON with --data-raw (with -G, \
                     --data-urlencode sets query parameters)"
                .into(),
        });
    }
    let raw_url = p.url.take().ok_or(CurlError::NoUrl)?;
    let mut found = std::mem::take(&mut p.found);
    let with_scheme = if raw_url.contains("://") {
        raw_url.clone()
    } else {
        // curl assumes http://; a Braze instance only answers https, so do not invent a wrong scheme for it.
        let scheme = if instance_of(&format!("https://{raw_url}")).is_some() { "https" } else { "http" };
        format!("{scheme}://{raw_url}")
    };
    let parsed = url::Url::parse(&with_scheme)
        .map_err(|e| CurlError::BadUrl { url: url_in_error(&raw_url), reason: e.to_string() })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(CurlError::BadUrl {
            url: url_in_error(&raw_url),
            reason: format!("{}:// is not HTTP", parsed.scheme()),
        });
    }
    let host = parsed.host_str().unwrap_or_default();
    let base_url = match parsed.port() {
        Some(port) => format!("{}://{host}:{port}", parsed.scheme()),
        None => format!("{}://{host}", parsed.scheme()),
    };

    let mut url = with_scheme;
    let mut body = if p.data.is_empty() { None } else { Some(p.data.join("&")) };
    if p.get
        && let Some(query) = body.take()
    {
        url.push(if parsed.query().is_some() { '&' } else { '?' });
        url.push_str(&query);
    }
    let has_header = |h: &[(String, String)], n: &str| h.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    if p.json {
        for (name, value) in [("Content-Type", "application/json"), ("Accept", "application/json")] {
            if !has_header(&p.headers, name) {
                p.headers.push((name.to_string(), value.to_string()));
            }
        }
    }
    let method = match p.method.take() {
        Some(m) => m.to_ascii_uppercase(),
        None if p.head => "HEAD".to_string(),
        None if body.is_some() => "POST".to_string(),
        None => "GET".to_string(),
    };

    let mut warnings = p.warnings;
    let key = credentials::mask_headers(&mut p.headers, &mut found, &mut warnings);
    let url = credentials::strip_url(&url, &mut found);
    let body = body.map(|b| credentials::strip_body(&b, &mut found));
    let environment = match instance_of(&base_url) {
        Some(name) => name,
        None => "custom".to_string(),
    };
    if environment != "custom" && parsed.scheme() != "https" {
        warnings.push(format!("{environment} answers only https://; the URL uses {}://", parsed.scheme()));
    }
    let (endpoint, known_endpoint) = endpoint_of(&method, parsed.path(), &mut warnings);
    if body.is_some() && !has_header(&p.headers, "Content-Type") {
        warnings.push("no Content-Type header: Braze expects `Content-Type: application/json` with a body".into());
    }
    if let Some(b) = &body
        && serde_json::from_str::<serde_json::Value>(b).is_err()
    {
        warnings.push("the body is not valid JSON; `brazen validate` shows where".into());
    }
    let query = url::Url::parse(&url).ok().and_then(|u| u.query().map(str::to_string)).filter(|q| !q.is_empty());
    let send_command =
        send_command(&method, &endpoint, known_endpoint, query.as_deref(), body.is_some(), &environment, &base_url);
    warnings.extend(found.warning());
    let r = ImportedRequest {
        method,
        endpoint,
        environment,
        url,
        query,
        base_url,
        headers: p.headers,
        body,
        key,
        known_endpoint,
        warnings,
        send_command,
    };
    Ok(redacted(r, &found))
}

/// Every text of `r` with any other copy of a credential found removed (a key pasted into the body as well as
/// the header, a password repeated in a path): what is shown holds none, whatever form it came in.
fn redacted(mut r: ImportedRequest, found: &Found) -> ImportedRequest {
    let s = &found.secrets;
    if s.is_empty() {
        return r;
    }
    let wipe = |t: &mut String| {
        if let std::borrow::Cow::Owned(clean) = s.redact(t) {
            *t = clean;
        }
    };
    for t in [&mut r.method, &mut r.endpoint, &mut r.url, &mut r.base_url, &mut r.send_command] {
        wipe(t);
    }
    r.query.iter_mut().chain(r.body.iter_mut()).chain(r.key.iter_mut()).chain(r.warnings.iter_mut()).for_each(wipe);
    r.headers.iter_mut().for_each(|(n, v)| {
        wipe(n);
        wipe(v);
    });
    r
}

/// A URL that did not parse, for an error message: without what may be a credential (the query, user
/// information), since the credentials in it could not be found.
fn url_in_error(raw: &str) -> String {
    let mut shown = raw.split(['?', '#']).next().unwrap_or(raw).to_string();
    if shown.len() < raw.len() {
        shown.push_str("?…");
    }
    // `user:password@host`: the `@` of user information comes before the path.
    let authority_start = shown.find("://").map_or(0, |i| i + 3);
    let authority_end = shown[authority_start..].find('/').map_or(shown.len(), |i| authority_start + i);
    if let Some(at) = shown[authority_start..authority_end].rfind('@') {
        shown.replace_range(authority_start..authority_start + at, "…");
    }
    shown
}

/// `brazen send ENDPOINT [BODY.json] --env NAME|--url BASE`. A catalog endpoint goes without its method (the
/// catalog knows it); the query stays on the path. Without a body there is no FILE: `-` would wait on a terminal.
fn send_command(
    method: &str,
    endpoint: &str,
    known: bool,
    query: Option<&str>,
    has_body: bool,
    environment: &str,
    base_url: &str,
) -> String {
    let mut target = if known { endpoint.to_string() } else { format!("{method} {endpoint}") };
    if let Some(q) = query {
        target.push('?');
        target.push_str(q);
    }
    let mut cmd = format!("brazen send {}", super::shell_quote(&target));
    if has_body {
        cmd.push_str(" BODY.json");
    }
    if environment == "custom" {
        cmd.push_str(&format!(" --url {}", super::shell_quote(base_url)));
    } else {
        cmd.push_str(&format!(" --env {environment}"));
    }
    cmd
}

/// The instance whose REST URL is `base_url`.
fn instance_of(base_url: &str) -> Option<String> {
    let host = |u: &str| url::Url::parse(u).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let want = host(base_url)?;
    crate::config::instances()
        .iter()
        .find(|i| host(&i.rest_url).as_deref() == Some(want.as_str()))
        .map(|i| i.name.clone())
}

/// The catalog path for `method path`, or the path itself with a warning.
fn endpoint_of(method: &str, path: &str, warnings: &mut Vec<String>) -> (String, bool) {
    let catalog = crate::catalog::endpoints();
    match catalog.resolve(&format!("{method} {path}")) {
        Some(r) => {
            warnings.extend(r.hint);
            // A pattern such as /transactional/v1/campaigns/{campaign_id}/send: keep the concrete path.
            let endpoint = if r.endpoint.path.contains('{') { path.to_string() } else { r.endpoint.path.clone() };
            (endpoint, true)
        }
        None => {
            match catalog.resolve(path) {
                Some(r) => warnings.push(format!(
                    "Braze's {} takes {}, not {method}; Braze answers 404 Not Found",
                    r.endpoint.path, r.endpoint.method
                )),
                None => warnings.push(format!("{path} is not a Braze REST endpoint brazen knows")),
            }
            (path.to_string(), false)
        }
    }
}
