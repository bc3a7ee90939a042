//! Which credential a request goes out with. The catalog says per endpoint (`credential = "api_key" | "scim"`):
//! a REST endpoint takes the environment's API key, a SCIM endpoint its SCIM token plus an `X-Request-Origin`
//! header. Decided here, once per send, so that a SCIM request without a token fails before anything leaves and
//! never falls back to the REST key (a key sent to the wrong endpoint is a key shown to the wrong service).

use crate::catalog::Credential;
use crate::config::{ApiKey, REQUEST_ORIGIN_HEADER, ScimToken};
use crate::request::PreparedRequest;

use super::engine::Target;

/// An environment's SCIM credential, as a [`Target`] carries it.
#[derive(Debug, Clone)]
pub struct ScimAuth {
    pub token: ScimToken,
    /// Added as `X-Request-Origin` to a SCIM request that has none.
    pub origin: Option<String>,
}

/// What a request is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Auth<'t> {
    /// The bearer credential: the key or the SCIM token.
    pub bearer: &'t str,
    /// The `X-Request-Origin` to add (a SCIM request that has none, with an origin configured).
    pub origin: Option<&'t str>,
}

/// A request whose credential the target does not have. Nothing is sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoCredential {
    #[error("no API key for {environment}; nothing was sent")]
    ApiKey { environment: String },
    #[error(
        "no SCIM token for {environment}: set scim_token_env for it (the SCIM token is never replaced by the API key); nothing was sent"
    )]
    ScimToken { environment: String },
}

/// The credential the catalog names for `req`'s endpoint; an endpoint the catalog does not know takes the key.
pub fn credential_of(req: &PreparedRequest) -> Credential {
    credential_for(&req.method, &req.endpoint)
}

/// The credential of `method path` (a catalog path or a concrete one); the key for an unknown endpoint.
pub fn credential_for(method: &str, path: &str) -> Credential {
    crate::catalog::endpoints().credential_for(method, path)
}

/// Whether `req` already carries an `X-Request-Origin` header.
pub fn has_origin(req: &PreparedRequest) -> bool {
    req.extra_headers.iter().any(|(k, _)| k.trim().eq_ignore_ascii_case(REQUEST_ORIGIN_HEADER))
}

impl Target {
    /// A target with the REST key only (no SCIM credential).
    pub fn new(environment: impl Into<String>, base_url: impl Into<String>, key: ApiKey) -> Target {
        Target { environment: environment.into(), base_url: base_url.into(), key: Some(key), scim: None }
    }

    /// The credential `req` goes out with; never the key for a SCIM endpoint.
    pub(super) fn auth_for(&self, req: &PreparedRequest) -> Result<Auth<'_>, NoCredential> {
        let environment = || self.environment.clone();
        match credential_of(req) {
            Credential::ApiKey => match &self.key {
                Some(k) => Ok(Auth { bearer: k.expose(), origin: None }),
                None => Err(NoCredential::ApiKey { environment: environment() }),
            },
            Credential::Scim => match &self.scim {
                Some(s) => {
                    Ok(Auth { bearer: s.token.expose(), origin: s.origin.as_deref().filter(|_| !has_origin(req)) })
                }
                None => Err(NoCredential::ScimToken { environment: environment() }),
            },
        }
    }

    /// Every credential this target holds, for scrubbing what a send recorded.
    pub(super) fn secrets(&self) -> crate::scrub::Secrets {
        let mut s = crate::scrub::Secrets::new();
        if let Some(k) = &self.key {
            s.add(k.expose());
        }
        if let Some(scim) = &self.scim {
            s.add(scim.token.expose());
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(scim: Option<ScimAuth>) -> Target {
        Target { scim, ..Target::new("US-03", "https://rest.iad-03.braze.com", ApiKey::new("rest-key-0123456789")) }
    }

    #[test]
    fn scim_endpoints_take_the_scim_token_and_never_the_key() {
        let scim = ScimAuth { token: ScimToken::new("scim-token-0123456789"), origin: Some("ops.example".into()) };
        let t = target(Some(scim));
        let users = PreparedRequest::raw("GET /scim/v2/Users/abc", "");
        assert_eq!(t.auth_for(&users), Ok(Auth { bearer: "scim-token-0123456789", origin: Some("ops.example") }));
        let rest = PreparedRequest::raw("POST /users/track", "{}");
        assert_eq!(t.auth_for(&rest), Ok(Auth { bearer: "rest-key-0123456789", origin: None }));
        // A request that names its own origin keeps it.
        let own = users.clone().with_header("X-Request-Origin", "mine.example").unwrap();
        assert_eq!(t.auth_for(&own).unwrap().origin, None);
        // No SCIM token: an error, not the key.
        let e = target(None).auth_for(&users).unwrap_err();
        assert_eq!(e, NoCredential::ScimToken { environment: "US-03".into() });
        assert!(e.to_string().contains("no SCIM token for US-03"), "{e}");
        let keyless = Target { key: None, ..target(None) };
        assert!(matches!(keyless.auth_for(&rest), Err(NoCredential::ApiKey { .. })));
    }

    #[test]
    fn every_scim_endpoint_of_the_catalog_is_known_as_such() {
        for e in &crate::catalog::endpoints().endpoints {
            let concrete = e.template_path();
            assert_eq!(credential_for(&e.method, &e.path), e.credential, "{}", e.key());
            assert_eq!(credential_for(&e.method, concrete), e.credential, "{} as {concrete}", e.key());
        }
        assert_eq!(credential_for("POST", "/not/in/the/catalog"), Credential::ApiKey);
    }
}
