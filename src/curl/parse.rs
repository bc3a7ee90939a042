//! A curl command line → what its words and options say (method, URL, headers, data, flags); [`super::imported`]
//! turns that into the request it would send.
//!
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use super::credentials::{self, Found};
use super::imported::ImportedRequest;
use super::{CurlError, shell};
use crate::request::percent_encode;

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

/// What the options of a command said, before [`super::imported::finish`] turns it into a request.
#[derive(Default)]
pub(super) struct Parsed {
    pub(super) method: Option<String>,
    pub(super) url: Option<String>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) data: Vec<String>,
    pub(super) json: bool,
    /// A `--data-urlencode` was given: fine as query parameters (`-G`), refused as a body.
    pub(super) form_encoded: bool,
    /// Credentials found on the way (a `-u` password, a second URL's key), so no copy of them is shown.
    pub(super) found: Found,
    pub(super) get: bool,
    pub(super) head: bool,
    pub(super) warnings: Vec<String>,
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
    super::imported::finish(p)
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
