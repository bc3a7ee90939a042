//! Adding an environment to `config.toml` from the TUI (F4, "add a custom URL"), after the user said yes.
//!
//! The file is appended to, never rewritten from a parsed form, so the user's comments, order and spacing stay as
//! they were. The new text must parse before it replaces the file, and it replaces it atomically (a temporary file
//! beside it, then a rename), keeping its permissions; a new file is created private (0600), like one that may
//! later hold a key.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::io::Write as _;
use std::path::Path;

use super::{ConfigError, FileConfig, MAX_CONFIG_BYTES, check_url, read_file_at_most};

/// A name for the environment at `url` that none of `taken` has (any case): its host, with the port when it has
/// one (`proxy.example`, `127.0.0.1-8080`), then `-2`, `-3` … Only letters, digits, `.`, `-` and `_`, so it can be
/// typed after `--env` unquoted.
pub fn name_for_url(url: &str, taken: &[&str]) -> String {
    let parsed = url::Url::parse(url).ok();
    let host = parsed.as_ref().and_then(|u| u.host_str()).unwrap_or("custom");
    let mut base: String = host
        .trim_matches(['[', ']'])
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' })
        .collect();
    if let Some(port) = parsed.as_ref().and_then(|u| u.port()) {
        base.push_str(&format!("-{port}"));
    }
    let free = |n: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(n));
    if free(&base) {
        return base;
    }
    (2..).map(|i| format!("{base}-{i}")).find(|n| free(n)).unwrap_or(base)
}

/// `text` with `[environment."NAME"]` and its `url` appended, checked to parse and to hold no environment of that
/// name already. The URL is checked as the loader checks it.
pub(crate) fn with_environment(text: &str, name: &str, url: &str) -> Result<String, String> {
    let url = check_url(url)?;
    let before = FileConfig::parse(text).map_err(|e| super::describe_toml_error(text, &e))?;
    if before.environment.keys().any(|k| k.eq_ignore_ascii_case(name)) {
        return Err(format!("[environment.{name}] is already in the file"));
    }
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    // `toml` quotes and escapes both, so no name or URL can break out of its place.
    let key = toml::Value::String(name.to_string());
    let value = toml::Value::String(url);
    out.push_str(&format!("# Added from brazen's environment switcher (F4).\n[environment.{key}]\nurl = {value}\n"));
    let after = FileConfig::parse(&out).map_err(|e| super::describe_toml_error(&out, &e))?;
    if !after.environment.contains_key(name) {
        return Err(format!("[environment.{name}] did not read back"));
    }
    Ok(out)
}

/// Appends the environment to the config file at `path` (creating it, private, when absent).
pub fn add_environment(path: &Path, name: &str, url: &str) -> Result<(), ConfigError> {
    let invalid = |message: String| ConfigError::Invalid { path: path.to_path_buf(), message };
    let text = match read_file_at_most(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| invalid("not UTF-8 text".into()))?,
        Err(super::CappedReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(super::CappedReadError::Io(e)) => return Err(ConfigError::Read { path: path.to_path_buf(), source: e }),
        Err(super::CappedReadError::TooLarge { cap }) => {
            return Err(ConfigError::TooLarge { path: path.to_path_buf(), cap });
        }
    };
    let new = with_environment(&text, name, url).map_err(invalid)?;
    replace(path, &new).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })
}

/// Writes `text` to a temporary file beside `path` with `path`'s permissions (0600 for a new file), then renames it
/// over `path`: a crash leaves the old file or the new one, never half of one.
fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.brazen-tmp", path.file_name().and_then(|n| n.to_str()).unwrap_or("config.toml")));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(&tmp, meta.permissions())?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_comes_from_the_host_and_port_and_never_repeats_one() {
        assert_eq!(name_for_url("https://braze-proxy.internal.example/rest", &[]), "braze-proxy.internal.example");
        assert_eq!(name_for_url("http://127.0.0.1:8080", &[]), "127.0.0.1-8080");
        assert_eq!(name_for_url("http://[::1]:9", &[]), "--1-9");
        let taken = ["proxy.example", "PROXY.EXAMPLE-2"];
        assert_eq!(name_for_url("https://proxy.example", &taken), "proxy.example-3");
    }

    #[test]
    fn the_environment_is_appended_and_the_rest_of_the_file_kept() {
        let text = "# my settings\ndefault_environment = \"US-03\"   # the team's\n[defaults]\ntimeout_secs = 5";
        let out = with_environment(text, "proxy.example", "https://proxy.example/").unwrap();
        assert!(out.starts_with(text), "{out}");
        assert!(out.ends_with("[environment.\"proxy.example\"]\nurl = \"https://proxy.example\"\n"), "{out}");
        let parsed = FileConfig::parse(&out).unwrap();
        assert_eq!(parsed.environment["proxy.example"].url.as_deref(), Some("https://proxy.example"));
        assert_eq!(parsed.defaults.timeout_secs, Some(5.0));
        // An empty file gets the table alone.
        assert!(with_environment("", "a", "http://127.0.0.1:1").unwrap().starts_with("# Added"));
    }

    #[test]
    fn a_bad_url_a_taken_name_or_a_broken_file_is_refused_with_the_reason() {
        assert!(with_environment("", "x", "ftp://proxy.example").unwrap_err().contains("http"));
        assert!(with_environment("", "x", "https://u:p@proxy.example").unwrap_err().contains("user or password"));
        let has = "[environment.Proxy]\nurl = \"https://a.example\"\n";
        assert!(with_environment(has, "proxy", "https://b.example").unwrap_err().contains("already"));
        assert!(with_environment("[defaults\n", "x", "https://b.example").unwrap_err().contains("line 1"));
        // A name or URL holding quotes stays inside its string.
        let out = with_environment("", "a\"]\nx = [", "https://b.example/\"").unwrap_or_default();
        assert!(out.is_empty() || FileConfig::parse(&out).is_ok(), "{out}");
    }

    #[test]
    fn the_file_is_replaced_whole_and_a_new_one_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        add_environment(&path, "one", "http://127.0.0.1:7").unwrap();
        add_environment(&path, "two", "http://127.0.0.1:8").unwrap();
        let parsed = FileConfig::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(parsed.environment.keys().collect::<Vec<_>>(), ["one", "two"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        assert!(matches!(add_environment(&path, "ONE", "http://127.0.0.1:9"), Err(ConfigError::Invalid { .. })));
    }
}
