//! Opening an environment for sending: which environment `--env` / `--url` name, its credentials (the key, the SCIM
//! token; which one a request needs is [`super::credential`]'s check), its base URL (the one sandbox test: the
//! sandbox is served by the in-process mock), and a client with its timeouts.

use crate::client::{ClientSettings, PreparedRequest, ScimAuth, Sender, Target};
use crate::config::{ApiKey, Config, Environment};
use crate::mock::{MockOptions, MockServer};

use super::Error;
use super::credential::MissingCredential;

/// A target ready to send to. For the sandbox it owns the mock server, which stops when this is dropped.
#[derive(Debug)]
pub struct Opened {
    pub target: Target,
    /// The in-process mock serving the sandbox.
    pub mock: Option<MockServer>,
}

/// The environment `env` names, or an ad-hoc one for `url` (its key from `var("BRAZE_API_KEY")`); the
/// configuration's default when both are `None`. A URL without a scheme or otherwise unusable is a usage error.
pub fn environment(
    cfg: &Config,
    env: Option<&str>,
    url: Option<&str>,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<Environment, Error> {
    match url {
        Some(u) if !u.contains("://") => {
            Err(Error::Usage(format!("--url {u:?} has no scheme: write http://{u} (a local mock) or https://{u}")))
        }
        // The flag's value is what is wrong, not the configuration file.
        Some(u) => cfg.ad_hoc(u, var).map_err(|e| Error::Usage(e.to_string())),
        None => Ok(cfg.environment(env)?.clone()),
    }
}

/// Whether `env` is served by the in-process mock (the sandbox) rather than a URL of its own: the one test of it.
pub fn needs_mock(env: &Environment) -> bool {
    env.is_sandbox()
}

/// The key to send with; without one, the sentence that says what to set.
pub fn api_key(env: &Environment) -> Result<ApiKey, Error> {
    env.key.as_ref().map(|k| k.value.clone()).ok_or_else(|| {
        Error::Credential(MissingCredential::ApiKey {
            environment: env.name.clone(),
            sentence: env
                .missing_key
                .as_ref()
                .map_or_else(|| format!("no API key for {}", env.name), |m| m.to_string()),
            missing: env.missing_key.clone(),
        })
    })
}

/// Where `env` is sent: its key (required here: this is the target of REST requests), its SCIM credential when it
/// has one, and its base URL. The sandbox has no URL of its own: `mock_url` is the running mock's (`None` when the
/// sandbox is not asked for, or the mock could not start). [`target_for`] checks what one request needs instead.
pub fn target(env: &Environment, mock_url: Option<&str>) -> Result<Target, Error> {
    api_key(env)?;
    credentials_of(env, mock_url)
}

/// Where `env` sends `req`: the credential `req`'s endpoint takes must be there (a SCIM endpoint its SCIM token
/// and an origin, any other the key); the other may be missing.
pub fn target_for(env: &Environment, mock_url: Option<&str>, req: &PreparedRequest) -> Result<Target, Error> {
    super::check_request(env, req)?;
    credentials_of(env, mock_url)
}

/// The target of `env` with whatever credentials it has; the client refuses a request whose credential is missing.
pub(super) fn credentials_of(env: &Environment, mock_url: Option<&str>) -> Result<Target, Error> {
    let base_url = match (&env.url, needs_mock(env)) {
        (_, true) => mock_url.ok_or_else(|| Error::Usage("the offline mock is not running".into()))?.to_string(),
        (Some(url), false) => url.value.clone(),
        (None, false) => return Err(Error::Usage(format!("{} has no URL", env.name))),
    };
    let scim = env.scim.token.as_ref().map(|t| ScimAuth {
        token: t.value.clone(),
        origin: env.scim.request_origin.as_ref().map(|o| o.value.clone()),
    });
    Ok(Target { environment: env.name.clone(), base_url, key: env.key.as_ref().map(|k| k.value.clone()), scim })
}

/// Opens `env` for a process of its own: the sandbox starts the built-in mock on `127.0.0.1:0` with its default
/// fixtures. The caller checks the credentials its requests need first ([`super::check_request`]), so a missing one
/// starts nothing; the target holds whichever the environment has.
pub async fn open(env: &Environment) -> Result<Opened, Error> {
    let mock = match needs_mock(env) {
        true => Some(crate::mock::start(MockOptions::default()).await?),
        false => None,
    };
    let target = credentials_of(env, mock.as_ref().map(MockServer::url).as_deref())?;
    Ok(Opened { target, mock })
}

/// A client for `env` with its timeouts; `timeout` (seconds, from `--timeout`) overrides the whole-attempt one.
pub fn sender(cfg: &Config, env: &Environment, timeout: Option<f64>) -> Result<Sender, Error> {
    Ok(Sender::new(settings(env, cfg.max_body_bytes.value, timeout)?)?)
}

/// The client settings for `env`; a `timeout` outside (0, 86400] seconds is a usage error.
pub fn settings(env: &Environment, max_body_bytes: u64, timeout: Option<f64>) -> Result<ClientSettings, Error> {
    let mut settings = ClientSettings::for_environment(env, max_body_bytes);
    if let Some(t) = timeout {
        if !(t.is_finite() && t > 0.0 && t <= 86_400.0) {
            return Err(Error::Usage(format!("--timeout {t}: a number of seconds, more than 0 and at most 86400")));
        }
        settings.timeout = Some(std::time::Duration::from_secs_f64(t));
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let paths = crate::config::Paths::under(std::path::Path::new("/nonexistent/brazen"));
        let inputs = crate::config::Inputs { file_text: None, file_mode: None, var: &|_| None };
        Config::resolve(&paths, inputs).unwrap()
    }

    #[test]
    fn a_missing_key_names_what_to_set_and_the_sandbox_needs_its_mock() {
        let cfg = config();
        let us = environment(&cfg, Some("US-01"), None, &|_| None).unwrap();
        let e = target(&us, None).unwrap_err();
        assert_eq!(e.kind(), super::super::Kind::Usage);
        assert!(e.to_string().contains("no API key for US-01"), "{e}");
        let sandbox = environment(&cfg, Some("sandbox"), None, &|_| None).unwrap();
        assert!(target(&sandbox, None).is_err());
        assert_eq!(target(&sandbox, Some("http://127.0.0.1:9")).unwrap().base_url, "http://127.0.0.1:9");
    }

    #[test]
    fn a_target_for_one_request_needs_only_that_requests_credential() {
        let paths = crate::config::Paths::under(std::path::Path::new("/nonexistent/brazen"));
        let file = "[environment.US-03]\nscim_token_env = \"S\"\nscim_request_origin = \"ops.example\"\n";
        let var = |k: &str| (k == "S").then(|| "scim-token-0123456789".to_string());
        let inputs = crate::config::Inputs { file_text: Some(file.into()), file_mode: Some(0o600), var: &var };
        let cfg = Config::resolve(&paths, inputs).unwrap();
        let us = environment(&cfg, Some("US-03"), None, &|_| None).unwrap();
        let scim = PreparedRequest::new("GET /scim/v2/Users/abc", "").unwrap();
        let t = target_for(&us, None, &scim).unwrap();
        assert!(t.key.is_none());
        let auth = t.scim.unwrap();
        assert_eq!((auth.token.expose(), auth.origin.as_deref()), ("scim-token-0123456789", Some("ops.example")));
        // A REST request, and the REST target, say what is missing.
        let track = PreparedRequest::new("/users/track", "{}").unwrap();
        assert!(target_for(&us, None, &track).unwrap_err().to_string().contains("no API key for US-03"));
        assert!(target(&us, None).unwrap_err().to_string().contains("no API key for US-03"));
        // The sandbox has both.
        let sandbox = environment(&cfg, Some("sandbox"), None, &|_| None).unwrap();
        let t = target_for(&sandbox, Some("http://127.0.0.1:9"), &scim).unwrap();
        assert!(t.key.is_some() && t.scim.is_some());
    }

    #[test]
    fn flags_out_of_range_are_usage_errors() {
        let cfg = config();
        let e = environment(&cfg, None, Some("example.com"), &|_| None).unwrap_err();
        assert!(e.to_string().contains("has no scheme"), "{e}");
        assert_eq!(environment(&cfg, Some("nowhere"), None, &|_| None).unwrap_err().kind(), super::super::Kind::Usage);
        let sandbox = environment(&cfg, Some("sandbox"), None, &|_| None).unwrap();
        assert!(settings(&sandbox, 1, Some(0.0)).is_err());
        assert_eq!(settings(&sandbox, 1, Some(2.5)).unwrap().timeout, Some(std::time::Duration::from_millis(2500)));
    }
}
