//! The SCIM credential of an environment. Braze's SCIM endpoints (`/scim/v2/Users…`, catalog `credential = "scim"`)
//! take a company-level SCIM token instead of a REST API key, and an `X-Request-Origin` header naming the service
//! that calls them. Both are per environment:
//!
//! ```toml
//! [environment.US-03]
//! scim_token_env = "BRAZE_US03_SCIM"          # the variable holding the SCIM token
//! scim_request_origin = "support.example.com" # sent as X-Request-Origin unless the request has one
//! ```
//!
//! The token is a secret exactly like the key: [`ScimToken`] masks itself, and [`super::Environment::secrets`]
//! hands it to every scrubber.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::fmt;
use std::path::Path;

use super::environment::{EnvKind, Source, Sourced};
use super::file::FileEnvironment;
use super::load::Inputs;
use super::{ApiKey, ConfigError};

/// The variable every environment without its own `scim_token_env` reads its SCIM token from (as `BRAZE_API_KEY`
/// is for the key), and the placeholder exports write where the token was.
pub const SCIM_TOKEN_VAR: &str = "BRAZE_SCIM_TOKEN";
/// The SCIM token of the sandbox: the one the built-in mock accepts on its SCIM endpoints.
pub const SANDBOX_SCIM_TOKEN: &str = "sandbox-scim";
/// The sandbox's `X-Request-Origin`.
pub const SANDBOX_SCIM_ORIGIN: &str = "brazen.sandbox";
/// The header Braze's SCIM endpoints require.
pub const REQUEST_ORIGIN_HEADER: &str = "x-request-origin";

/// A Braze SCIM token. Masked like [`ApiKey`] (whose rules it shares); only [`ScimToken::expose`] gives the text.
#[derive(Clone, PartialEq, Eq)]
pub struct ScimToken(ApiKey);

impl ScimToken {
    pub fn new(token: impl Into<String>) -> ScimToken {
        ScimToken(ApiKey::new(token))
    }

    /// The token itself. Call only where it goes on the wire.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// `sand…scim`, as keys are shown.
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// Wrapped in quotes or padded with spaces: Braze answers 401 to such a token.
    pub fn looks_mangled(&self) -> bool {
        self.0.looks_mangled()
    }
}

impl fmt::Debug for ScimToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScimToken({})", self.masked())
    }
}

impl fmt::Display for ScimToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// An environment's SCIM settings, each with where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scim {
    pub token: Option<Sourced<ScimToken>>,
    /// Why there is no token, as a sentence naming what to set.
    pub missing_token: Option<String>,
    /// Sent as `X-Request-Origin` on SCIM requests that do not carry one.
    pub request_origin: Option<Sourced<String>>,
}

impl Scim {
    /// The sentence for a SCIM request sent to `environment` without a token.
    pub fn missing_token_sentence(&self, environment: &str) -> String {
        self.missing_token.clone().unwrap_or_else(|| {
            format!(
                "no SCIM token for {environment}: set scim_token_env = \"VARIABLE\" under [environment.{environment}]"
            )
        })
    }
}

/// The SCIM settings of environment `name` from its section `f`. A configured `scim_token_env` is the only source
/// of the token (falling back to `BRAZE_SCIM_TOKEN` could send one company's token to another's instance); the
/// sandbox has its own; every other environment reads `BRAZE_SCIM_TOKEN`.
pub(super) fn resolve(
    name: &str,
    kind: &EnvKind,
    f: &FileEnvironment,
    inputs: &Inputs<'_>,
    path: &Path,
) -> Result<Scim, ConfigError> {
    let at = |what: &str| format!("[environment.{name}] {what}");
    let request_origin = match &f.scim_request_origin {
        Some(origin) => Some(Sourced::new(check_origin(origin, &at("scim_request_origin"))?, Source::ConfigFile)),
        None if *kind == EnvKind::Sandbox => Some(Sourced::new(SANDBOX_SCIM_ORIGIN.to_string(), Source::BuiltIn)),
        None => None,
    };
    let (token, missing_token) = match &f.scim_token_env {
        Some(var) if !crate::text::is_variable_name(var) => {
            // Not echoed: what stands there is often the token itself, pasted where its variable's name belongs.
            return Err(ConfigError::Setting {
                at: at("scim_token_env"),
                message: "is not a variable name (letters, digits and _, not starting with a digit); it names the \
                          variable that holds the SCIM token, and the token itself belongs in that variable"
                    .into(),
            });
        }
        Some(var) => match (inputs.var)(var) {
            Some(t) => (Some(Sourced::new(ScimToken::new(t), Source::EnvVar(var.clone()))), None),
            None => (None, Some(format!("no SCIM token for {name}: scim_token_env names ${var}, which is not set"))),
        },
        None if *kind == EnvKind::Sandbox => {
            (Some(Sourced::new(ScimToken::new(SANDBOX_SCIM_TOKEN), Source::BuiltIn)), None)
        }
        None => from_default_var(name, inputs, Some(path)),
    };
    Ok(Scim { token, missing_token, request_origin })
}

/// The SCIM settings of an ad-hoc `--url` environment: the token from `BRAZE_SCIM_TOKEN`, no origin.
pub(super) fn ad_hoc(name: &str, var: &dyn Fn(&str) -> Option<String>) -> Scim {
    let inputs = Inputs { file_text: None, file_mode: None, var };
    let (token, missing_token) = from_default_var(name, &inputs, None);
    Scim { token, missing_token, request_origin: None }
}

fn from_default_var(
    name: &str,
    inputs: &Inputs<'_>,
    path: Option<&Path>,
) -> (Option<Sourced<ScimToken>>, Option<String>) {
    match (inputs.var)(SCIM_TOKEN_VAR) {
        Some(t) => (Some(Sourced::new(ScimToken::new(t), Source::EnvVar(SCIM_TOKEN_VAR.into()))), None),
        None => {
            let how = match path {
                Some(p) => format!(
                    "set scim_token_env = \"VARIABLE\" under [environment.{name}] in {} (the variable holding the \
                     token), or ${SCIM_TOKEN_VAR}",
                    p.display()
                ),
                None => format!("set ${SCIM_TOKEN_VAR} to the SCIM token for this URL"),
            };
            (None, Some(format!("no SCIM token for {name}: {how}")))
        }
    }
}

/// An origin is a host name such as `support.example.com`: visible ASCII without blanks, at most 255 characters
/// (it travels as a header value). The value is not repeated in the message: a token typed in the wrong place
/// must not reach a terminal.
fn check_origin(origin: &str, at: &str) -> Result<String, ConfigError> {
    let o = origin.trim();
    if o.is_empty() || o.len() > 255 || !o.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ConfigError::Setting {
            at: at.to_string(),
            message: "must be the origin of the service calling SCIM, such as support.example.com (visible ASCII, \
                      no spaces, at most 255 characters)"
                .into(),
        });
    }
    Ok(o.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_masked_like_a_key() {
        let t = ScimToken::new("scim-0123456789-secret-abcd");
        assert_eq!(t.to_string(), "scim…abcd");
        assert_eq!(format!("{t:?}"), "ScimToken(scim…abcd)");
        assert!(!format!("{t}{t:?}").contains("secret"));
        assert_eq!(ScimToken::new(SANDBOX_SCIM_TOKEN).masked(), "sand…scim");
    }

    #[test]
    fn origins_are_host_like_and_never_echoed() {
        assert_eq!(check_origin(" support.example.com ", "x").unwrap(), "support.example.com");
        for bad in ["", "two words", "tab\there", &"a".repeat(256), "é.example"] {
            let e = check_origin(bad, "[environment.x] scim_request_origin").unwrap_err().to_string();
            assert!(e.contains("scim_request_origin"), "{e}");
            if bad.len() > 3 {
                assert!(!e.contains(bad), "{e}");
            }
        }
    }
}
