//! The shared ledger setting: `history_url = "postgres://…"` (or `BRAZEN_HISTORY_URL`), who records (`user`), and
//! how long a replay claim holds (`claim_timeout_secs`).
//!
//! The URL is a type that cannot be printed by accident, like [`super::ApiKey`]: `Debug` and `Display` show it
//! with its password masked, and only [`LedgerUrl::expose`] gives the text the driver needs.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::fmt;

/// The variable that chooses the ledger over the config file's `history_url`.
pub const HISTORY_URL_VAR: &str = "BRAZEN_HISTORY_URL";

/// How long a replay claim holds before another replay may take it (or, when its request may have left, before it
/// is listed as `unknown`): long enough for a slow request and its retries (the default timeout is 30 s and a
/// replay retries a few times), short enough that a crashed replay's exchanges come back the same day.
pub const DEFAULT_CLAIM_TIMEOUT_SECS: u64 = 600;

/// What a masked password reads as, as the API key's mask.
const MASK: &str = "…";

/// A PostgreSQL connection string. Only [`LedgerUrl::expose`] gives the password.
#[derive(Clone, PartialEq, Eq)]
pub struct LedgerUrl(String);

impl LedgerUrl {
    /// Accepts `postgres://` and `postgresql://` URLs; anything else is refused without being quoted (it may be a
    /// password typed in the wrong place).
    pub fn parse(text: &str) -> Result<LedgerUrl, String> {
        let text = text.trim();
        let parsed =
            url::Url::parse(text).map_err(|_| "is not a URL (postgres://user:password@host/db)".to_string())?;
        if !matches!(parsed.scheme(), "postgres" | "postgresql") {
            return Err("must start with postgres:// (the ledger is a PostgreSQL database)".into());
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err("names no host (postgres://user:password@host/db)".into());
        }
        Ok(LedgerUrl(text.to_string()))
    }

    /// The connection string itself. Call only where it is handed to the driver.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The password, if the URL has one (decoded): what [`LedgerUrl::mask_in`] takes out of a message.
    pub fn password(&self) -> Option<String> {
        let parsed = url::Url::parse(&self.0).ok()?;
        let raw = parsed.password()?.to_string();
        let decoded = percent_encoding::percent_decode_str(&raw).decode_utf8_lossy().into_owned();
        Some(decoded)
    }

    /// The URL with its password (and a `password=` parameter) replaced by `…`.
    pub fn masked(&self) -> String {
        let Ok(mut parsed) = url::Url::parse(&self.0) else { return MASK.to_string() };
        if parsed.password().is_some() && parsed.set_password(Some(MASK)).is_err() {
            return MASK.to_string();
        }
        let pairs: Vec<(String, String)> =
            parsed.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        if pairs.iter().any(|(k, _)| k == "password") {
            let mut q = parsed.query_pairs_mut();
            q.clear();
            for (k, v) in &pairs {
                q.append_pair(k, if k == "password" { MASK } else { v });
            }
        }
        // `set_password` percent-encodes the mask; show it as typed.
        parsed.as_str().replace("%E2%80%A6", MASK)
    }

    /// `text` with every occurrence of this URL's password (as written and decoded) masked: for the driver's
    /// error messages, which may quote the connection string.
    pub fn mask_in(&self, text: &str) -> String {
        let mut out = text.replace(&self.0, &self.masked());
        let written = url::Url::parse(&self.0).ok().and_then(|u| u.password().map(str::to_string));
        for secret in [self.password(), written].into_iter().flatten().filter(|p| !p.is_empty()) {
            out = out.replace(&secret, MASK);
        }
        out
    }
}

impl fmt::Debug for LedgerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LedgerUrl({})", self.masked())
    }
}

impl fmt::Display for LedgerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// The login name of whoever runs brazen, when the config names no `user`: `USER`, else `LOGNAME`, else `USERNAME`.
pub fn login_name(var: &dyn Fn(&str) -> Option<String>) -> String {
    ["USER", "LOGNAME", "USERNAME"].iter().find_map(|v| var(v)).unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_masked_in_every_rendering() {
        let url = LedgerUrl::parse("postgres://ops:s3cr%40t@db.example:5432/brazen?sslmode=require").unwrap();
        assert_eq!(url.masked(), "postgres://ops:…@db.example:5432/brazen?sslmode=require");
        assert_eq!(format!("{url}"), url.masked());
        assert!(!format!("{url:?}").contains("s3cr"));
        assert_eq!(url.password().as_deref(), Some("s3cr@t"));
        let msg = url.mask_in("cannot connect to postgres://ops:s3cr%40t@db.example:5432/brazen (s3cr@t)");
        assert!(!msg.contains("s3cr"), "{msg}");
        let q = LedgerUrl::parse("postgres://db.example/brazen?user=ops&password=hunter2").unwrap();
        assert!(!q.masked().contains("hunter2"), "{}", q.masked());
    }

    #[test]
    fn only_postgres_urls_are_taken_and_a_refusal_does_not_quote() {
        assert!(LedgerUrl::parse("postgresql://h/db").is_ok());
        let e = LedgerUrl::parse("mysql://u:hunter2@h/db").unwrap_err();
        assert!(!e.contains("hunter2"));
        assert!(LedgerUrl::parse("hunter2").is_err());
    }
}
