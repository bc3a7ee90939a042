//! Resolves the effective configuration: built-in environments (sandbox, every Braze instance), the config file,
//! and the process environment (keys), each value remembering where it came from.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use super::environment::{EnvKind, Environment, SANDBOX, SANDBOX_KEY, Source, Sourced};
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
    /// Things worth telling the user (e.g. a key is set but no environment chosen).
    pub notes: Vec<String>,
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

        Ok(Config {
            paths: paths.clone(),
            file_exists: inputs.file_text.is_some(),
            default_environment,
            environments,
            max_body_bytes: defaults.max_body_bytes,
            max_input_bytes: defaults.max_input_bytes,
            notes,
        })
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
        Ok(Environment {
            name: url.clone(),
            kind: EnvKind::Custom,
            url: Some(Sourced::new(url, Source::Flag("url".into()))),
            dashboard: None,
            missing_key: key.is_none().then(|| format!("set ${KEY_VAR} to the REST API key for this URL")),
            key,
            timezone: template.timezone.clone(),
            connect_timeout: template.connect_timeout.clone(),
            timeout: template.timeout.clone(),
            configured: false,
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
) -> (Option<Sourced<ApiKey>>, Option<String>) {
    if let Some(var) = &f.api_key_env {
        return match (inputs.var)(var) {
            Some(k) => (Some(Sourced::new(ApiKey::new(k), Source::EnvVar(var.clone()))), None),
            None => (None, Some(format!("{name} takes its key from ${var}, which is not set"))),
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
            Some(format!(
                "no API key for {name}: set ${KEY_VAR}, or api_key_env = \"VARIABLE\" under [environment.{name}] in {}",
                path.display()
            )),
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
    let parsed = url::Url::parse(u.trim()).map_err(|e| format!("not a URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err("must be an http:// or https:// URL with a host".into());
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err("must be a base URL without ?query or #fragment".into());
    }
    // The HTTP client would send a user and password as a second, Basic `Authorization` header beside the key's
    // (and the history would not show it). The value is not repeated: the password may be the key.
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("must not hold a user or password (user:password@): brazen sends the key as `Authorization: \
                    Bearer`, from BRAZE_API_KEY or api_key_env"
            .into());
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
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load(file: Option<&str>, mode: Option<u32>, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let var = move |k: &str| vars.get(k).cloned();
        Config::resolve(
            &Paths::under(Path::new("/cfg")),
            Inputs { file_text: file.map(str::to_string), file_mode: mode, var: &var },
        )
    }

    #[test]
    fn without_any_key_the_default_is_the_sandbox_with_its_built_in_key() {
        let c = load(None, None, &[]).unwrap();
        assert_eq!(c.default_environment.value, "sandbox");
        let e = c.environment(None).unwrap();
        assert!(e.is_sandbox());
        assert!(e.url.is_none());
        assert_eq!(e.key.as_ref().unwrap().value.expose(), "sandbox-all");
        assert_eq!(e.timezone.value, "UTC");
        assert_eq!(e.timeout.value, DEFAULT_TIMEOUT);
        assert!(c.notes.is_empty());
    }

    #[test]
    fn instances_take_braze_api_key_and_their_rest_url() {
        let c = load(None, None, &[("BRAZE_API_KEY", "real-key-0123456789")]).unwrap();
        let e = c.environment(Some("us-03")).unwrap();
        assert_eq!(e.name, "US-03");
        assert_eq!(e.url.as_ref().unwrap().value, "https://rest.iad-03.braze.com");
        let key = e.key.as_ref().unwrap();
        assert_eq!(key.source, Source::EnvVar("BRAZE_API_KEY".into()));
        // The sandbox never takes a real key.
        assert_eq!(c.environment(Some("sandbox")).unwrap().key.as_ref().unwrap().value.expose(), "sandbox-all");
        // A key but no chosen environment: sandbox, and a note says how to choose.
        assert_eq!(c.default_environment.value, "sandbox");
        assert!(c.notes[0].contains("--env"), "{:?}", c.notes);
    }

    #[test]
    fn api_key_env_is_the_only_source_for_its_environment() {
        let file = "[environment.US-03]\napi_key_env = \"US03_KEY\"\n";
        let c = load(Some(file), Some(0o644), &[("BRAZE_API_KEY", "other-instance-key")]).unwrap();
        let e = c.environment(Some("US-03")).unwrap();
        assert!(e.key.is_none());
        assert!(e.missing_key.as_deref().unwrap().contains("$US03_KEY"));
        let c = load(Some(file), Some(0o644), &[("US03_KEY", "us03-key-0123456789")]).unwrap();
        let e = c.environment(Some("US-03")).unwrap();
        assert_eq!(e.key.as_ref().unwrap().value.expose(), "us03-key-0123456789");
        assert_eq!(c.default_environment.value, "US-03", "the only configured environment with a key");
    }

    #[test]
    fn a_key_in_a_readable_file_is_refused_naming_the_file_and_chmod() {
        let file = "[environment.staging]\nurl = \"https://proxy.example/\"\napi_key = \"inline-key-123456\"\n";
        let err = load(Some(file), Some(0o644), &[]).unwrap_err().to_string();
        assert!(err.contains("/cfg/config.toml"), "{err}");
        assert!(err.contains("chmod 600"), "{err}");
        assert!(err.contains("0644"), "{err}");
        assert!(!err.contains("inline-key"), "{err}");
        let c = load(Some(file), Some(0o600), &[]).unwrap();
        let e = c.environment(Some("staging")).unwrap();
        assert_eq!(e.kind, EnvKind::Custom);
        assert_eq!(e.url.as_ref().unwrap().value, "https://proxy.example");
        assert_eq!(e.key.as_ref().unwrap().source, Source::ConfigFile);
    }

    #[test]
    fn time_zones_and_timeouts_are_validated_with_their_location() {
        let err = load(Some("[environment.US-01]\ntimezone = \"Asia/Seul\"\n"), None, &[]).unwrap_err().to_string();
        assert!(err.contains("/cfg/config.toml: [environment.US-01] timezone"), "{err}");
        assert!(!err.contains("Asia/Seul"), "a value of the file is never repeated: {err}");
        let err = load(Some("[defaults]\ntimeout_secs = -1\n"), None, &[]).unwrap_err().to_string();
        assert!(err.contains("[defaults] timeout_secs"), "{err}");
        let c = load(
            Some("[defaults]\ntimezone = \"Asia/Seoul\"\ntimeout_secs = 2.5\n[environment.EU-01]\ntimezone = \"Europe/Berlin\"\n"),
            None,
            &[],
        )
        .unwrap();
        assert_eq!(c.environment(Some("US-01")).unwrap().timezone.value, "Asia/Seoul");
        assert_eq!(c.environment(Some("EU-01")).unwrap().timezone.value, "Europe/Berlin");
        assert_eq!(c.environment(Some("sandbox")).unwrap().timeout.value, Duration::from_millis(2500));
    }

    #[test]
    fn custom_environments_need_a_url_and_the_sandbox_cannot_have_one() {
        assert!(load(Some("[environment.staging]\ntimezone = \"UTC\"\n"), None, &[]).is_err());
        assert!(load(Some("[environment.sandbox]\nurl = \"http://x\"\n"), None, &[]).is_err());
        assert!(load(Some("[environment.staging]\nurl = \"ftp://x\"\n"), None, &[]).is_err());
        let err = load(Some("default_environment = \"nope\"\n"), None, &[]).unwrap_err().to_string();
        assert!(err.contains("default_environment names no environment; known: sandbox, US-01"), "{err}");
        assert!(!err.contains("nope"), "{err}");
    }

    #[test]
    fn ad_hoc_url_environment_reads_braze_api_key() {
        let c = load(None, None, &[]).unwrap();
        let e = c.ad_hoc("http://127.0.0.1:9/", &|k| (k == KEY_VAR).then(|| "k-0123456789".to_string())).unwrap();
        assert_eq!(e.url.as_ref().unwrap().value, "http://127.0.0.1:9");
        assert!(e.key.is_some());
        assert!(c.ad_hoc("not a url", &|_| None).is_err());
        // A user and password in the URL would go out as a second, Basic Authorization header.
        let e = c.ad_hoc("http://user:sk-in-url-123456@127.0.0.1:9/", &|_| None).unwrap_err().to_string();
        assert!(e.contains("user or password") && !e.contains("sk-in-url"), "{e}");
        assert!(c.environment(Some("US-09")).is_err(), "there is no US-09");
    }

    #[test]
    fn api_key_env_must_be_a_variable_name_and_is_not_echoed() {
        for bad in ["sk-test-LEAK-123456", "1ABC", "", "MY VAR", "$BRAZE_KEY", "KEY="] {
            let file = format!("[environment.US-03]\napi_key_env = \"{bad}\"\n");
            let err = load(Some(&file), Some(0o600), &[]).unwrap_err().to_string();
            assert!(err.contains("[environment.US-03] api_key_env: is not a variable name"), "{err}");
            assert!(bad.is_empty() || !err.contains(bad), "{err}");
        }
        for good in ["BRAZE_US03_KEY", "_K", "k9"] {
            let file = format!("[environment.US-03]\napi_key_env = \"{good}\"\n");
            assert!(load(Some(&file), Some(0o600), &[]).is_ok(), "{good}");
        }
    }

    #[test]
    fn toml_errors_name_the_place_and_not_the_value() {
        let file = "[environment.staging]\nurl = \"https://x.example\"\napikey = \"sk-test-LEAK-123456\"\n";
        let err = load(Some(file), Some(0o600), &[]).unwrap_err().to_string();
        assert!(err.starts_with("/cfg/config.toml: line 3, column 1: `apikey` in [environment.staging]"), "{err}");
        assert!(!err.contains("LEAK"), "{err}");
        let err = load(Some("[environment.s]\nurl = \"https://u:sk-test-LEAK@\"\n"), None, &[]).unwrap_err();
        assert!(!err.to_string().contains("LEAK"), "{err}");
    }

    #[test]
    fn max_input_bytes_has_a_default_and_a_setting() {
        let c = load(None, None, &[]).unwrap();
        assert_eq!(c.max_input_bytes, Sourced::new(DEFAULT_MAX_INPUT_BYTES, Source::BuiltIn));
        let c = load(Some("[defaults]\nmax_input_bytes = 1024\n"), None, &[]).unwrap();
        assert_eq!(c.max_input_bytes, Sourced::new(1024, Source::ConfigFile));
        assert!(load(Some("[defaults]\nmax_input_bytes = 0\n"), None, &[]).is_err());
    }

    #[test]
    fn an_oversized_config_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let line = "# padding padding padding padding padding padding padding padding padding padding\n";
        std::fs::write(&paths.config_file, line.repeat(MAX_CONFIG_BYTES as usize / line.len() + 1)).unwrap();
        let err = Config::load(&paths).unwrap_err().to_string();
        assert!(err.contains("is larger than 1 MiB (1048576 bytes)"), "{err}");
    }
}
