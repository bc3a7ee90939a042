//! Resolves the effective configuration: built-in environments (sandbox, every Braze instance), the config file,
//! and the process environment (keys), each value remembering where it came from.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::environment::{EnvKind, Environment, MissingKey, SANDBOX, SANDBOX_KEY, Source, Sourced};
use super::file::{FileConfig, FileEnvironment};
use super::input_cap::{CappedReadError, DEFAULT_MAX_INPUT_BYTES, MAX_CONFIG_BYTES, read_file_at_most};
use super::{ApiKey, ConfigError, Paths};

/// The variable every environment without its own `api_key_env` reads its key from.
pub const KEY_VAR: &str = "BRAZE_API_KEY";
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub paths: Paths,
    /// Whether `paths.config_file` exists.
    pub file_exists: bool,
    pub default_environment: Sourced<String>,
    /// Sandbox first, then the Braze instances in table order, then custom environments by name.
    pub environments: Vec<Environment>,
    /// Response and request bodies longer than this are kept truncated.
    pub max_body_bytes: Sourced<u64>,
    /// `FILE|-` inputs longer than this are refused (read no further than one byte past it).
    pub max_input_bytes: Sourced<u64>,
    /// The collection of saved requests: `requests_dir` of the config file (a relative one is taken from the config
    /// file's folder), else [`Paths::requests_dir`]. `--requests DIR` is stronger: see [`Config::requests_dir`].
    pub requests_dir: Sourced<PathBuf>,
    /// Things worth telling the user (e.g. a key is set but no environment chosen).
    pub notes: Vec<String>,
    /// The shared ledger (`BRAZEN_HISTORY_URL`, else `history_url`); `None`: the local SQLite history only.
    pub history_url: Option<Sourced<super::LedgerUrl>>,
    /// Who the history records as the sender: `user` of the config, else the login name.
    pub user: Sourced<String>,
    /// How long a replay claim holds, in seconds (`claim_timeout_secs`).
    pub claim_timeout_secs: Sourced<u64>,
}

/// What the loader reads from the outside world, so tests can supply it.
pub struct Inputs<'a> {
    /// Text of the config file, `None` when it does not exist.
    pub file_text: Option<String>,
    /// Unix permission bits of the config file (`None` off Unix).
    pub file_mode: Option<u32>,
    pub var: &'a dyn Fn(&str) -> Option<String>,
}

impl Config {
    /// Reads `paths.config_file` and the process environment.
    pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
        let file = &paths.config_file;
        let (file_text, file_mode) = match read_file_at_most(file, MAX_CONFIG_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| ConfigError::Parse { path: file.clone(), message: "not UTF-8 text".into() })?;
                (Some(text), file_mode(file))
            }
            Err(CappedReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => (None, None),
            Err(CappedReadError::Io(e)) => return Err(ConfigError::Read { path: file.clone(), source: e }),
            Err(CappedReadError::TooLarge { cap }) => return Err(ConfigError::TooLarge { path: file.clone(), cap }),
        };
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Config::resolve(paths, Inputs { file_text, file_mode, var: &var })
    }

    /// Resolves from explicit inputs.
    pub fn resolve(paths: &Paths, inputs: Inputs<'_>) -> Result<Config, ConfigError> {
        let path = &paths.config_file;
        let file = match &inputs.file_text {
            // Never the toml crate's own message: it quotes the line, which may hold a key.
            Some(t) => FileConfig::parse(t)
                .map_err(|e| ConfigError::Parse { path: path.clone(), message: super::describe_toml_error(t, &e) })?,
            None => FileConfig::default(),
        };
        let inline = file.environments_with_inline_key();
        if let (Some(first), Some(mode)) = (inline.first(), inputs.file_mode)
            && mode & 0o077 != 0
        {
            return Err(ConfigError::KeyInSharedFile { path: path.clone(), environment: first.to_string(), mode });
        }

        let defaults = Defaults::from_file(&file).map_err(|e| e.in_file(path))?;
        let mut by_name: BTreeMap<String, (&String, &FileEnvironment)> = BTreeMap::new();
        for (name, e) in &file.environment {
            by_name.insert(name.to_ascii_lowercase(), (name, e));
        }
        let mut take = |name: &str| by_name.remove(&name.to_ascii_lowercase());

        let mut environments = Vec::new();
        let sandbox_file = take(SANDBOX);
        if let Some((_, e)) = sandbox_file
            && e.url.is_some()
        {
            return Err(ConfigError::Invalid {
                path: path.clone(),
                message: "[environment.sandbox] cannot have a url: sandbox is the built-in mock. \
                          Give your environment another name."
                    .into(),
            });
        }
        environments.push(
            build(SANDBOX, EnvKind::Sandbox, None, None, sandbox_file.map(|(_, e)| e), &defaults, &inputs, path)
                .map_err(|e| e.in_file(path))?,
        );
        for inst in super::instances::all() {
            let f = take(&inst.name);
            let url = Sourced::new(inst.rest_url.clone(), Source::BuiltIn);
            environments.push(
                build(
                    &inst.name,
                    EnvKind::Instance,
                    Some(url),
                    Some(inst.dashboard.clone()),
                    f.map(|(_, e)| e),
                    &defaults,
                    &inputs,
                    path,
                )
                .map_err(|e| e.in_file(path))?,
            );
        }
        for (_, (name, e)) in by_name {
            if e.url.is_none() {
                return Err(ConfigError::Invalid {
                    path: path.clone(),
                    message: format!(
                        "[environment.{name}] is not a Braze instance and has no url; add url = \"https://…\" \
                         or use an instance name ({})",
                        super::instances::all().iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
            environments.push(
                build(name, EnvKind::Custom, None, None, Some(e), &defaults, &inputs, path)
                    .map_err(|e| e.in_file(path))?,
            );
        }

        let mut notes = Vec::new();
        let default_environment = match &file.default_environment {
            Some(name) => {
                let found = environments.iter().find(|e| e.name.eq_ignore_ascii_case(name)).ok_or_else(|| {
                    ConfigError::Invalid {
                        path: path.clone(),
                        // Not quoted: a value of the file is never echoed (it could be a key typed in the
                        // wrong place).
                        message: format!(
                            "default_environment names no environment; known: {}",
                            environments.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    }
                })?;
                Sourced::new(found.name.clone(), Source::ConfigFile)
            }
            None => {
                let keyed: Vec<&Environment> =
                    environments.iter().filter(|e| e.configured && !e.is_sandbox() && e.key.is_some()).collect();
                if let [only] = keyed.as_slice() {
                    Sourced::new(only.name.clone(), Source::Rule("the only configured environment with a key".into()))
                } else {
                    if (inputs.var)(KEY_VAR).is_some() {
                        notes.push(format!(
                            "${KEY_VAR} is set but no environment is chosen, so the default is the sandbox: pass \
                             --env INSTANCE (e.g. --env US-03) or set default_environment in {}",
                            path.display()
                        ));
                    }
                    Sourced::new(SANDBOX.to_string(), Source::Rule("no environment with a key is configured".into()))
                }
            }
        };

        let requests_dir = match file.requests_dir.as_deref() {
            Some(dir) if dir.trim().is_empty() => {
                return Err(ConfigError::Invalid {
                    path: path.clone(),
                    message: "requests_dir is empty; name a folder, or remove the line for the default".into(),
                });
            }
            Some(dir) => {
                let base = path.parent().unwrap_or(Path::new(""));
                Sourced::new(base.join(dir), Source::ConfigFile)
            }
            None => Sourced::new(paths.requests_dir.clone(), Source::BuiltIn),
        };

        let history_url = match (inputs.var)(super::HISTORY_URL_VAR) {
            Some(v) => Some(Sourced::new(
                super::LedgerUrl::parse(&v)
                    .map_err(|why| ConfigError::Setting { at: format!("${}", super::HISTORY_URL_VAR), message: why })?,
                Source::EnvVar(super::HISTORY_URL_VAR.to_string()),
            )),
            None => match file.history_url.as_deref() {
                Some(v) => Some(Sourced::new(
                    super::LedgerUrl::parse(v).map_err(|why| ConfigError::Invalid {
                        path: path.clone(),
                        message: format!("history_url {why}"),
                    })?,
                    Source::ConfigFile,
                )),
                None => None,
            },
        };
        let user = match file.user.as_deref().map(str::trim) {
            Some("") => {
                return Err(ConfigError::Invalid {
                    path: path.clone(),
                    message: "user is empty; name yourself, or remove the line for the login name".into(),
                });
            }
            Some(u) => Sourced::new(u.to_string(), Source::ConfigFile),
            None => Sourced::new(super::login_name(inputs.var), Source::Rule("the login name".into())),
        };
        let claim_timeout_secs = match file.claim_timeout_secs {
            Some(0) => {
                return Err(ConfigError::Invalid {
                    path: path.clone(),
                    message: "claim_timeout_secs must be at least 1".into(),
                });
            }
            Some(n) => Sourced::new(n, Source::ConfigFile),
            None => Sourced::new(super::DEFAULT_CLAIM_TIMEOUT_SECS, Source::BuiltIn),
        };

        Ok(Config {
            history_url,
            user,
            claim_timeout_secs,
            paths: paths.clone(),
            requests_dir,
            file_exists: inputs.file_text.is_some(),
            default_environment,
            environments,
            max_body_bytes: defaults.max_body_bytes,
            max_input_bytes: defaults.max_input_bytes,
            notes,
        })
    }

    /// The collection folder a command works on: `--requests DIR` (`flag`) when given, else `requests_dir` of the
    /// config file, else the default beside the history. The one place that order is decided.
    pub fn requests_dir(&self, flag: Option<&Path>) -> Sourced<PathBuf> {
        match flag {
            Some(dir) => Sourced::new(dir.to_path_buf(), Source::Flag("requests".into())),
            None => self.requests_dir.clone(),
        }
    }

    /// The environment called `name` (any case), or the default one.
    pub fn environment(&self, name: Option<&str>) -> Result<&Environment, ConfigError> {
        let name = name.unwrap_or(&self.default_environment.value);
        self.environments.iter().find(|e| e.name.eq_ignore_ascii_case(name)).ok_or_else(|| {
            ConfigError::UnknownEnvironment {
                name: name.to_string(),
                known: self.environments.iter().map(|e| e.name.clone()).collect(),
            }
        })
    }

    /// An ad-hoc environment for `--url BASE_URL`: the key from `BRAZE_API_KEY`, defaults for the rest.
    pub fn ad_hoc(&self, url: &str, var: &dyn Fn(&str) -> Option<String>) -> Result<Environment, ConfigError> {
        let url = check_url(url).map_err(|message| ConfigError::Setting { at: "--url".into(), message })?;
        let template = self.environment(Some(SANDBOX))?;
        let key = var(KEY_VAR).map(|k| Sourced::new(ApiKey::new(k), Source::EnvVar(KEY_VAR.into())));
        let scim = super::scim::ad_hoc(&url, var);
        Ok(Environment {
            name: url.clone(),
            kind: EnvKind::Custom,
            url: Some(Sourced::new(url, Source::Flag("url".into()))),
            dashboard: None,
            missing_key: key.is_none().then(|| MissingKey::AdHoc { var: KEY_VAR.to_string() }),
            key,
            timezone: template.timezone.clone(),
            connect_timeout: template.connect_timeout.clone(),
            timeout: template.timeout.clone(),
            configured: false,
            scim,
            variables: BTreeMap::new(),
        })
    }
}

struct Defaults {
    timezone: Sourced<String>,
    connect_timeout: Sourced<Duration>,
    timeout: Sourced<Duration>,
    max_body_bytes: Sourced<u64>,
    max_input_bytes: Sourced<u64>,
}

impl Defaults {
    fn from_file(file: &FileConfig) -> Result<Defaults, ConfigError> {
        let d = &file.defaults;
        let at = |what: &str| format!("[defaults] {what}");
        Ok(Defaults {
            timezone: match &d.timezone {
                Some(tz) => Sourced::new(check_tz(tz, &at("timezone"))?, Source::ConfigFile),
                None => Sourced::new("UTC".into(), Source::BuiltIn),
            },
            connect_timeout: match d.connect_timeout_secs {
                Some(s) => Sourced::new(secs(s, &at("connect_timeout_secs"))?, Source::ConfigFile),
                None => Sourced::new(DEFAULT_CONNECT_TIMEOUT, Source::BuiltIn),
            },
            timeout: match d.timeout_secs {
                Some(s) => Sourced::new(secs(s, &at("timeout_secs"))?, Source::ConfigFile),
                None => Sourced::new(DEFAULT_TIMEOUT, Source::BuiltIn),
            },
            max_body_bytes: match d.max_body_bytes {
                Some(0) => return Err(invalid_setting(&at("max_body_bytes"), "must be at least 1")),
                Some(n) => Sourced::new(n, Source::ConfigFile),
                None => Sourced::new(DEFAULT_MAX_BODY_BYTES, Source::BuiltIn),
            },
            max_input_bytes: match d.max_input_bytes {
                Some(0) => return Err(invalid_setting(&at("max_input_bytes"), "must be at least 1")),
                Some(n) => Sourced::new(n, Source::ConfigFile),
                None => Sourced::new(DEFAULT_MAX_INPUT_BYTES, Source::BuiltIn),
            },
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    name: &str,
    kind: EnvKind,
    url: Option<Sourced<String>>,
    dashboard: Option<String>,
    file: Option<&FileEnvironment>,
    defaults: &Defaults,
    inputs: &Inputs<'_>,
    path: &Path,
) -> Result<Environment, ConfigError> {
    let at = |what: &str| format!("[environment.{name}] {what}");
    let f = file.cloned().unwrap_or_default();
    if let Some(var) = &f.api_key_env
        && !crate::text::is_variable_name(var)
    {
        // Not echoed: what stands there is often the key itself, pasted where its variable's name belongs.
        return Err(invalid_setting(
            &at("api_key_env"),
            "is not a variable name (letters, digits and _, not starting with a digit); it names the variable \
             that holds the key, and the key itself belongs in that variable",
        ));
    }
    let url = match &f.url {
        Some(u) => Some(Sourced::new(check_url(u).map_err(|m| invalid_setting(&at("url"), &m))?, Source::ConfigFile)),
        None => url,
    };
    let (key, missing_key) = resolve_key(name, &kind, &f, inputs, path);
    let scim = super::scim::resolve(name, &kind, &f, inputs, path)?;
    let variables = match &f.variables {
        Some(t) => {
            let defs = crate::request::vars::parse_table(t)
                .map_err(|e| invalid_setting(&format!("[environment.{name}.variables]"), &e.to_string()))?;
            crate::request::vars::bind(&defs, crate::request::vars::Layer::Environment, inputs.var)
        }
        None => BTreeMap::new(),
    };
    Ok(Environment {
        name: name.to_string(),
        kind,
        url,
        dashboard,
        key,
        missing_key,
        timezone: match &f.timezone {
            Some(tz) => Sourced::new(check_tz(tz, &at("timezone"))?, Source::ConfigFile),
            None => defaults.timezone.clone(),
        },
        connect_timeout: match f.connect_timeout_secs {
            Some(s) => Sourced::new(secs(s, &at("connect_timeout_secs"))?, Source::ConfigFile),
            None => defaults.connect_timeout.clone(),
        },
        timeout: match f.timeout_secs {
            Some(s) => Sourced::new(secs(s, &at("timeout_secs"))?, Source::ConfigFile),
            None => defaults.timeout.clone(),
        },
        configured: file.is_some(),
        scim,
        variables,
    })
}

/// The key, or a sentence saying what to set. A configured `api_key_env` is the only source for its environment
/// (falling back to `BRAZE_API_KEY` could send one instance's key to another).
fn resolve_key(
    name: &str,
    kind: &EnvKind,
    f: &FileEnvironment,
    inputs: &Inputs<'_>,
    path: &Path,
) -> (Option<Sourced<ApiKey>>, Option<MissingKey>) {
    if let Some(var) = &f.api_key_env {
        return match (inputs.var)(var) {
            Some(k) => (Some(Sourced::new(ApiKey::new(k), Source::EnvVar(var.clone()))), None),
            None => (None, Some(MissingKey::VarUnset { environment: name.to_string(), var: var.clone() })),
        };
    }
    if let Some(k) = &f.api_key {
        return (Some(Sourced::new(ApiKey::new(k.clone()), Source::ConfigFile)), None);
    }
    if *kind == EnvKind::Sandbox {
        return (Some(Sourced::new(ApiKey::new(SANDBOX_KEY), Source::BuiltIn)), None);
    }
    match (inputs.var)(KEY_VAR) {
        Some(k) => (Some(Sourced::new(ApiKey::new(k), Source::EnvVar(KEY_VAR.into()))), None),
        None => (
            None,
            Some(MissingKey::NotConfigured {
                environment: name.to_string(),
                var: KEY_VAR.to_string(),
                file: path.display().to_string(),
            }),
        ),
    }
}

fn invalid_setting(at: &str, message: &str) -> ConfigError {
    ConfigError::Setting { at: at.to_string(), message: message.to_string() }
}

fn check_tz(name: &str, at: &str) -> Result<String, ConfigError> {
    jiff::tz::TimeZone::get(name).map(|_| name.to_string()).map_err(|_| {
        // The value is not repeated (a key typed in the wrong place would be); `at` says where it is.
        invalid_setting(at, "unknown time zone (use an IANA name such as Asia/Seoul or UTC)")
    })
}

fn secs(s: f64, at: &str) -> Result<Duration, ConfigError> {
    if s.is_finite() && s > 0.0 && s <= 86_400.0 {
        Ok(Duration::from_secs_f64(s))
    } else {
        Err(invalid_setting(at, "must be a number of seconds above 0 and at most 86400"))
    }
}

/// A base URL: http(s), a host, no query; the trailing slash removed. The messages do not repeat the value: a
/// URL may hold credentials (`https://user:secret@host`), or be a key typed in the wrong place.
pub fn check_url(u: &str) -> Result<String, String> {
    check_base_url(u).map_err(|e| e.to_string())
}

/// Why a base URL is refused; the TUI words each kind in its language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlProblem {
    #[error("not a URL ({0})")]
    NotUrl(String),
    #[error("must be an http:// or https:// URL with a host")]
    Scheme,
    #[error("must be a base URL without ?query or #fragment")]
    QueryOrFragment,
    #[error(
        "must not hold a user or password (user:password@): brazen sends the key as `Authorization: Bearer`, from \
         BRAZE_API_KEY or api_key_env"
    )]
    Credentials,
}

/// [`check_url`] with the reason as a kind.
pub fn check_base_url(u: &str) -> Result<String, UrlProblem> {
    let parsed = url::Url::parse(u.trim()).map_err(|e| UrlProblem::NotUrl(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(UrlProblem::Scheme);
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(UrlProblem::QueryOrFragment);
    }
    // The HTTP client would send a user and password as a second, Basic `Authorization` header beside the key's
    // (and the history would not show it). The value is not repeated: the password may be the key.
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(UrlProblem::Credentials);
    }
    Ok(parsed.as_str().trim_end_matches('/').to_string())
}

#[cfg(unix)]
fn file_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn file_mode(_path: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests;
