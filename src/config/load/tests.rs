//! Tests of config resolution: built-in environments, the file, the process environment and their errors.
//!
//! Test-only, same rule as the rest of `config`: must not import tokio, reqwest, rusqlite, axum, crossterm, nor
//! crate::{client, history, mock, cli, tui, curl, service, system}.

use std::collections::HashMap;

use super::*;
use crate::config::{SANDBOX_SCIM_ORIGIN, SANDBOX_SCIM_TOKEN, SCIM_TOKEN_VAR};

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
    assert!(e.missing_key.as_ref().unwrap().to_string().contains("$US03_KEY"));
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

#[test]
fn scim_settings_come_from_the_file_their_variable_or_the_sandbox() {
    let file = "[environment.US-03]\nscim_token_env = \"US03_SCIM\"\nscim_request_origin = \"support.example.com\"\n";
    let c =
        load(Some(file), Some(0o600), &[("US03_SCIM", "scim-0123456789"), ("BRAZE_SCIM_TOKEN", "other-9876543210")])
            .unwrap();
    let us = c.environment(Some("US-03")).unwrap();
    let token = us.scim.token.as_ref().unwrap();
    assert_eq!((token.value.expose(), &token.source), ("scim-0123456789", &Source::EnvVar("US03_SCIM".into())));
    let origin = us.scim.request_origin.as_ref().unwrap();
    assert_eq!((origin.value.as_str(), &origin.source), ("support.example.com", &Source::ConfigFile));
    assert!(us.secrets().found_in("x scim-0123456789 y"), "the token is one of the environment's secrets");
    // Without scim_token_env: BRAZE_SCIM_TOKEN; without either, a sentence naming the setting and the file.
    let us01 = c.environment(Some("US-01")).unwrap();
    assert_eq!(us01.scim.token.as_ref().unwrap().value.expose(), "other-9876543210");
    assert!(us01.scim.request_origin.is_none());
    let c = load(None, None, &[]).unwrap();
    let missing = c.environment(Some("US-01")).unwrap().scim.missing_token.clone().unwrap();
    assert!(
        missing.starts_with("no SCIM token for US-01: set scim_token_env = \"VARIABLE\" under [environment.US-01]")
    );
    assert!(missing.contains("/cfg/config.toml") && missing.contains("$BRAZE_SCIM_TOKEN"), "{missing}");
    // A named variable is the only source: BRAZE_SCIM_TOKEN does not stand in for it.
    let c = load(Some(file), Some(0o600), &[("BRAZE_SCIM_TOKEN", "other-9876543210")]).unwrap();
    let us = c.environment(Some("US-03")).unwrap();
    assert!(us.scim.token.is_none());
    assert!(us.scim.missing_token.as_deref().unwrap().contains("$US03_SCIM, which is not set"));
    // The sandbox's own.
    let sandbox = c.environment(Some("sandbox")).unwrap();
    assert_eq!(sandbox.scim.token.as_ref().unwrap().value.expose(), SANDBOX_SCIM_TOKEN);
    assert_eq!(sandbox.scim.request_origin.as_ref().unwrap().value, SANDBOX_SCIM_ORIGIN);
    // An ad-hoc --url: BRAZE_SCIM_TOKEN, no origin.
    let e = c.ad_hoc("http://127.0.0.1:9", &|k| (k == SCIM_TOKEN_VAR).then(|| "adhoc-0123456789".into())).unwrap();
    assert_eq!(e.scim.token.as_ref().unwrap().value.expose(), "adhoc-0123456789");
    assert!(e.scim.request_origin.is_none());
    let e = c.ad_hoc("http://127.0.0.1:9", &|_| None).unwrap();
    assert!(e.scim.missing_token.unwrap().contains("set $BRAZE_SCIM_TOKEN"));
}

#[test]
fn bad_scim_settings_are_named_and_not_echoed() {
    let token = "scim-LEAK-0123456789";
    let file = format!("[environment.US-03]\nscim_token_env = \"{token}\"\n");
    let err = load(Some(&file), Some(0o600), &[]).unwrap_err().to_string();
    assert!(err.contains("[environment.US-03] scim_token_env: is not a variable name"), "{err}");
    assert!(!err.contains(token), "{err}");
    let file = format!("[environment.US-03]\nscim_request_origin = \"Bearer {token}\"\n");
    let err = load(Some(&file), Some(0o600), &[]).unwrap_err().to_string();
    assert!(err.contains("scim_request_origin") && !err.contains(token), "{err}");
}

#[test]
fn the_requests_folder_is_the_flag_then_the_file_then_the_default() {
    let c = load(None, None, &[]).unwrap();
    assert_eq!(c.requests_dir(None).value, Path::new("/cfg/requests"));
    assert_eq!(c.requests_dir(None).source, Source::BuiltIn);
    let c = load(Some("requests_dir = \"team/requests\"\n"), None, &[]).unwrap();
    assert_eq!(c.requests_dir(None).value, Path::new("/cfg/team/requests"), "relative to the config file's folder");
    assert_eq!(c.requests_dir(None).source, Source::ConfigFile);
    let c = load(Some("requests_dir = \"/srv/requests\"\n"), None, &[]).unwrap();
    assert_eq!(c.requests_dir(None).value, Path::new("/srv/requests"));
    let flag = c.requests_dir(Some(Path::new("here")));
    assert_eq!((flag.value.as_path(), flag.source), (Path::new("here"), Source::Flag("requests".into())));
    let err = load(Some("requests_dir = \" \"\n"), None, &[]).unwrap_err();
    assert!(err.to_string().contains("requests_dir is empty"), "{err}");
}
