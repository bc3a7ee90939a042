//! A saved request on the command line (`send --request FILE`, `validate --request FILE`): the file read and
//! parsed, its collection's variables (`variables.toml` in the collection's root folder), the environment's and
//! `--var`'s, and the file resolved with them. The resolving itself is the core's ([`crate::request::vars`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::output::{UsageError, read_input};
use crate::config::Environment;
use crate::request::RequestFile;
use crate::request::vars::{self, Binding, Resolved, Variables};

use crate::collection::VARIABLES_FILE;

/// How many folders up from a request file the collection's root is looked for: deeper collections are not
/// expected, and the walk stays bounded whatever the path.
const MAX_LEVELS: usize = 32;

/// A request file as read from disk, not yet resolved.
pub(super) struct Opened {
    /// The path as given.
    pub path: String,
    pub text: String,
    pub file: RequestFile,
}

/// Reads and parses FILE (`-`: standard input); a syntax error is a usage error `FILE:LINE: message`.
pub(super) fn open(path: &str, cap: u64) -> Result<Opened, UsageError> {
    let text = read_input(path, cap).map_err(|e| UsageError(format!("{e:#}")))?;
    let label = if path == "-" { "<stdin>" } else { path };
    let file = RequestFile::parse(&text).map_err(|e| UsageError(format!("{label}:{}: {}", e.line, e.message)))?;
    Ok(Opened { path: path.to_string(), text, file })
}

/// The request file's collection: the configured collection (`--requests`, `requests_dir`, the default) when the
/// file lies in it, else the folder holding `variables.toml` nearest above the file (its own folder first), up to
/// the filesystem's root; `None` for standard input or when there is none.
pub(super) fn collection_root(request: &str, configured: Option<&Path>) -> Option<PathBuf> {
    if request == "-" {
        return None;
    }
    let file = std::path::absolute(request).ok()?;
    if let Some(root) = configured.and_then(|c| std::path::absolute(c).ok()).filter(|c| file.starts_with(c)) {
        return Some(root);
    }
    let mut dir = file.parent();
    for _ in 0..MAX_LEVELS {
        let d = dir?;
        if d.join(VARIABLES_FILE).is_file() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

/// The name a saved request is recorded under: its path relative to the collection's root, `/`-separated, without
/// `.http` (`customer-a/welcome-email`); the path as given when it has no collection.
pub(super) fn saved_name(request: &str, root: Option<&Path>) -> String {
    let relative = root.and_then(|r| {
        let file = std::path::absolute(request).ok()?;
        let rel = file.strip_prefix(r).ok()?;
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        Some(parts.join("/"))
    });
    match relative {
        Some(rel) => rel.strip_suffix(".http").map(str::to_string).unwrap_or(rel),
        None => request.to_string(),
    }
}

/// The collection's variables from `root/variables.toml`; a file that cannot be read is a usage error naming it
/// (the messages never quote a value).
pub(super) fn collection_variables(root: &Path, cap: u64) -> Result<BTreeMap<String, Binding>, UsageError> {
    crate::collection::Collection::new(root, cap)
        .variables(&|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .map_err(|e| UsageError(e.to_string()))
}

/// The variables in effect: the collection's, then the environment's, then `--var`'s. Every secret value is hidden
/// from this process's output from now on.
pub(super) fn variables(
    request: &str,
    env: Option<&Environment>,
    flags: &[String],
    cap: u64,
    configured: Option<&Path>,
) -> Result<(Variables, Option<PathBuf>), UsageError> {
    let pairs = flags
        .iter()
        .map(|f| vars::parse_flag(f))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| UsageError(e.to_string()))?;
    let root = collection_root(request, configured);
    let mut v = Variables::new();
    if let Some(root) = root.as_ref().filter(|r| r.join(VARIABLES_FILE).is_file()) {
        v.layer(collection_variables(root, cap)?);
    }
    if let Some(env) = env {
        v.layer(env.variables.clone());
    }
    v.flags(&pairs);
    super::secrets::hide(&crate::scrub::Secrets::of(v.secret_values()));
    Ok((v, root))
}

/// A saved request resolved for sending or validating.
pub(super) struct Loaded {
    pub opened: Opened,
    pub resolved: Resolved,
    /// What the history records as the saved request.
    pub name: String,
}

/// Resolves an opened file with the collection's, `env`'s and the flags' variables. A variable whose `value_env`
/// is not set is a usage error naming it.
pub(super) fn resolve(
    opened: Opened,
    env: Option<&Environment>,
    flags: &[String],
    cap: u64,
    configured: Option<&Path>,
) -> Result<Loaded, UsageError> {
    let (v, root) = variables(&opened.path, env, flags, cap, configured)?;
    let resolved = vars::resolve(&opened.file, &v).map_err(|e| UsageError(e.to_string()))?;
    let name = saved_name(&opened.path, root.as_deref());
    Ok(Loaded { opened, resolved, name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::vars::Layer;

    #[test]
    fn the_collection_root_is_the_nearest_folder_with_variables_and_names_are_relative_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("requests");
        std::fs::create_dir_all(root.join("customer-a")).unwrap();
        std::fs::write(root.join(VARIABLES_FILE), "campaign_id = \"c-1\"\n").unwrap();
        let file = root.join("customer-a/welcome-email.http");
        std::fs::write(&file, "GET /campaigns/list\n").unwrap();
        let path = file.to_string_lossy().into_owned();
        let found = collection_root(&path, None).expect("a root");
        assert_eq!(found, root);
        assert_eq!(saved_name(&path, Some(&found)), "customer-a/welcome-email");
        let bindings = collection_variables(&found, 1 << 20).unwrap();
        assert_eq!(bindings["campaign_id"].layer, Layer::Collection);
        let lone = dir.path().join("lone.http");
        std::fs::write(&lone, "GET /campaigns/list\n").unwrap();
        let lone = lone.to_string_lossy().into_owned();
        assert_eq!(saved_name(&lone, None), lone);
        assert!(collection_root("-", None).is_none());
        // In the configured collection, its root wins even without a variables file.
        let configured = dir.path().to_path_buf();
        assert_eq!(collection_root(&lone, Some(&configured)), Some(std::path::absolute(&configured).unwrap()));
    }

    #[test]
    fn a_broken_variables_file_names_itself_and_the_variable() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(VARIABLES_FILE), "n = 3\n").unwrap();
        let e = collection_variables(dir.path(), 1 << 20).unwrap_err();
        assert!(e.0.contains("variables.toml") && e.0.contains("variable n"), "{}", e.0);
    }
}
