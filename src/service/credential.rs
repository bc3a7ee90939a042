//! The credential check before anything is sent: the catalog names the credential each endpoint takes (the REST
//! key, or a SCIM token with an `X-Request-Origin`), and an environment without it is a typed error naming what to
//! set — never a request sent with the other credential, never a request that Braze can only answer 401.

use crate::catalog::Credential;
use crate::client::PreparedRequest;
use crate::config::Environment;

/// A credential the request needs and the environment does not have. A usage error (exit 2), like an unknown
/// environment: the fix is a setting or a flag, and nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MissingCredential {
    /// A REST endpoint and no API key; the sentence says what to set.
    #[error("{sentence}")]
    ApiKey { environment: String, sentence: String, missing: Option<crate::config::MissingKey> },
    /// A SCIM endpoint and no SCIM token; the sentence says what to set.
    #[error("{sentence}")]
    ScimToken { environment: String, sentence: String },
    /// A SCIM endpoint, no `X-Request-Origin` on the request and none configured.
    #[error(
        "no SCIM request origin for {environment}: Braze's SCIM endpoints need an X-Request-Origin header; set \
         scim_request_origin = \"your.service.example\" under [environment.{environment}], or pass \
         -H 'X-Request-Origin: your.service.example'"
    )]
    ScimOrigin { environment: String },
}

/// What a request needs from its environment: its catalog credential, and (for SCIM) whether it brings its own
/// `X-Request-Origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    pub credential: Credential,
    pub has_origin: bool,
}

impl Needs {
    pub fn of(req: &PreparedRequest) -> Needs {
        Needs { credential: crate::client::credential_of(req), has_origin: crate::client::has_origin(req) }
    }
}

/// Whether `env` can send a request that needs `needs`; the sentence naming what to set when not.
pub fn check(env: &Environment, needs: Needs) -> Result<(), MissingCredential> {
    let environment = env.name.clone();
    match needs.credential {
        Credential::ApiKey if env.key.is_none() => Err(MissingCredential::ApiKey {
            sentence: env
                .missing_key
                .as_ref()
                .map_or_else(|| format!("no API key for {environment}"), |m| m.to_string()),
            missing: env.missing_key.clone(),
            environment,
        }),
        Credential::ApiKey => Ok(()),
        Credential::Scim if env.scim.token.is_none() => {
            Err(MissingCredential::ScimToken { sentence: env.scim.missing_token_sentence(&environment), environment })
        }
        Credential::Scim if !needs.has_origin && env.scim.request_origin.is_none() => {
            Err(MissingCredential::ScimOrigin { environment })
        }
        Credential::Scim => Ok(()),
    }
}

/// [`check`] for a prepared request.
pub fn check_request(env: &Environment, req: &PreparedRequest) -> Result<(), super::Error> {
    Ok(check(env, Needs::of(req))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Inputs, Paths};

    fn config(file: &str, vars: &[(&str, &str)]) -> Config {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let var = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let inputs = Inputs { file_text: Some(file.into()), file_mode: Some(0o600), var: &var };
        Config::resolve(&Paths::under(std::path::Path::new("/nonexistent/brazen")), inputs).unwrap()
    }

    fn scim_get() -> PreparedRequest {
        PreparedRequest::new("GET /scim/v2/Users/abc", "").unwrap()
    }

    #[test]
    fn a_scim_request_needs_a_token_and_an_origin_not_the_key() {
        let cfg = config("[environment.US-03]\napi_key_env = \"K\"\n", &[("K", "rest-key-0123456789")]);
        let us = cfg.environment(Some("US-03")).unwrap();
        let e = check_request(us, &scim_get()).unwrap_err();
        assert_eq!(e.kind(), super::super::Kind::Usage);
        let msg = e.to_string();
        assert!(msg.starts_with("no SCIM token for US-03: set scim_token_env"), "{msg}");
        assert!(!msg.contains("rest-key"), "{msg}");
        // The REST endpoints are fine.
        check_request(us, &PreparedRequest::new("/users/track", "{}").unwrap()).unwrap();

        let cfg = config("[environment.US-03]\nscim_token_env = \"S\"\n", &[("S", "scim-token-0123456789")]);
        let us = cfg.environment(Some("US-03")).unwrap();
        let e = check(us, Needs::of(&scim_get())).unwrap_err();
        assert_eq!(e, MissingCredential::ScimOrigin { environment: "US-03".into() });
        // Its own header is enough; so is the setting.
        check_request(us, &scim_get().with_header("X-Request-Origin", "ops.example").unwrap()).unwrap();
        let cfg = config(
            "[environment.US-03]\nscim_token_env = \"S\"\nscim_request_origin = \"ops.example\"\n",
            &[("S", "scim-token-0123456789")],
        );
        check_request(cfg.environment(Some("US-03")).unwrap(), &scim_get()).unwrap();
        // Without a key, a SCIM-only environment still sends SCIM, and says what is missing for the rest.
        let e = check_request(
            cfg.environment(Some("US-03")).unwrap(),
            &PreparedRequest::new("/users/track", "{}").unwrap(),
        );
        assert!(e.unwrap_err().to_string().contains("no API key for US-03"));
    }

    #[test]
    fn a_named_variable_that_is_not_set_is_named() {
        let cfg = config("[environment.US-03]\nscim_token_env = \"MISSING_SCIM\"\n", &[]);
        let e = check_request(cfg.environment(Some("US-03")).unwrap(), &scim_get()).unwrap_err();
        assert!(e.to_string().contains("$MISSING_SCIM, which is not set"), "{e}");
    }

    #[test]
    fn the_sandbox_has_its_own_scim_token_and_origin() {
        let cfg = config("", &[]);
        let sandbox = cfg.environment(Some("sandbox")).unwrap();
        check_request(sandbox, &scim_get()).unwrap();
        assert_eq!(sandbox.scim.token.as_ref().unwrap().value.expose(), crate::config::SANDBOX_SCIM_TOKEN);
        assert_eq!(sandbox.scim.request_origin.as_ref().unwrap().value, crate::config::SANDBOX_SCIM_ORIGIN);
    }
}
