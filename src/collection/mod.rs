//! A collection of saved requests: a folder holding one request file (`*.http`, the format of
//! [`RequestFile`]) per request, subfolders as groups, and the collection's variables in `variables.toml` at its
//! root. A request's name is its path relative to the root, `/`-separated, without `.http`
//! (`customer-a/welcome-email`); the rules are [`crate::request::name`].
//!
//! Bounds: a listing holds at most [`MAX_FILES`] requests and searches at most [`MAX_GROUPS`] folders deep; each
//! file is read only up to the input cap (`[defaults] max_input_bytes`). What lies beyond is reported in
//! [`Listing::bounds`], never dropped silently. Hidden files and folders (`.git`, editors' temporary files) are
//! not requests; a symbolic link to a folder is not followed (a loop cannot make a listing endless).
//!
//! Writes are atomic (a temporary file in the same folder, then a rename), so a crash leaves the old file or the
//! new one, never half of one. Saving a request equal to the file's own leaves the file untouched, byte for byte.
//!
//! Adapter: reads and writes files; may use the core and `config`; must not import tokio, reqwest, rusqlite, axum,
//! crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::request::RequestFile;
pub use crate::request::name::{EXTENSION, MAX_GROUPS, NameError};

/// At most this many requests are listed from one collection.
pub const MAX_FILES: usize = 10_000;

/// The collection's variables file, in its root folder.
pub const VARIABLES_FILE: &str = "variables.toml";

/// What went wrong with a collection's file; every variant names the file (or the name asked for).
#[derive(Debug, thiserror::Error)]
pub enum CollectionError {
    #[error("{}:{line}: {message}", file.display())]
    Parse { file: PathBuf, line: usize, message: String },
    #[error("cannot read {}: {source}", file.display())]
    Read { file: PathBuf, source: std::io::Error },
    #[error("{} is larger than {}, the most brazen reads from one input ([defaults] max_input_bytes)", file.display(), crate::config::size(*cap))]
    TooLarge { file: PathBuf, cap: u64 },
    #[error("{} is not UTF-8 text", file.display())]
    NotText { file: PathBuf },
    #[error("cannot write {}: {source}", file.display())]
    Write { file: PathBuf, source: std::io::Error },
    #[error("{name:?} is not a request name: {reason}")]
    BadName { name: String, reason: NameError },
    #[error("{} already exists", file.display())]
    Exists { file: PathBuf },
    #[error("no saved request {name:?} in {}", root.display())]
    NotFound { name: String, root: PathBuf },
}

impl CollectionError {
    /// Whether the user can fix it on the command line (a name, a missing request) rather than on the disk.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            CollectionError::BadName { .. } | CollectionError::NotFound { .. } | CollectionError::Exists { .. }
        )
    }
}

/// One saved request as listed: its name and file, and the request or why it could not be read.
#[derive(Debug)]
pub struct Entry {
    /// `customer-a/welcome-email`.
    pub name: String,
    /// The file, relative to the collection's root (`customer-a/welcome-email.http`).
    pub file: PathBuf,
    pub request: Result<RequestFile, CollectionError>,
}

/// A bound a listing reached: what it did not look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// More than [`MAX_FILES`] requests: the first ones found are listed, the rest are not.
    TooManyFiles { listed: usize },
    /// A folder deeper than [`MAX_GROUPS`] levels was not searched (relative to the root).
    TooDeep { folder: PathBuf },
    /// A folder could not be read.
    Unreadable { folder: PathBuf, error: String },
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::TooManyFiles { listed } => {
                write!(f, "more than {MAX_FILES} requests: only the first {listed} found are listed")
            }
            Bound::TooDeep { folder } => {
                write!(f, "{} is more than {MAX_GROUPS} folders deep and was not searched", folder.display())
            }
            Bound::Unreadable { folder, error } => write!(f, "cannot read the folder {}: {error}", folder.display()),
        }
    }
}

/// Every request of a collection, sorted by name, and the bounds the listing reached.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub bounds: Vec<Bound>,
}

/// A request read from its file: the parsed request and the file's text as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub name: String,
    pub request: RequestFile,
    pub text: String,
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The file already held this request: it was left as it was.
    Unchanged,
    Written,
}

/// A collection folder. Nothing is read or created until asked; a folder that does not exist is an empty
/// collection, and is created by the first save.
#[derive(Debug, Clone)]
pub struct Collection {
    root: PathBuf,
    cap: u64,
}

impl Collection {
    /// The collection at `root`, reading each file up to `cap` bytes (the configuration's `max_input_bytes`).
    pub fn new(root: impl Into<PathBuf>, cap: u64) -> Collection {
        Collection { root: root.into(), cap }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The most bytes read from one file.
    pub fn cap(&self) -> u64 {
        self.cap
    }

    /// The file of the request `name`, after checking the name.
    pub fn path_of(&self, name: &str) -> Result<PathBuf, CollectionError> {
        crate::request::name::check(name)
            .map_err(|reason| CollectionError::BadName { name: name.to_string(), reason })?;
        Ok(self.root.join(format!("{name}.{EXTENSION}")))
    }

    /// Whether a request called `name` exists (false for an invalid name).
    pub fn exists(&self, name: &str) -> bool {
        self.path_of(name).is_ok_and(|p| p.is_file())
    }

    /// Every request, sorted by name. A file that cannot be read or parsed is listed with its error.
    pub fn list(&self) -> Listing {
        let mut listing = Listing::default();
        if !self.root.is_dir() {
            return listing;
        }
        let mut files = Vec::new();
        self.walk(Path::new(""), 0, &mut files, &mut listing.bounds);
        listing.entries = files
            .into_iter()
            .map(|(name, file)| {
                let request = self.read(&self.root.join(&file)).map(|(r, _)| r);
                Entry { name, file, request }
            })
            .collect();
        listing.entries.sort_by(|a, b| a.name.cmp(&b.name));
        listing
    }

    /// Collects `(name, relative file)` below `rel`, `depth` folders down; false once [`MAX_FILES`] is reached.
    fn walk(&self, rel: &Path, depth: usize, files: &mut Vec<(String, PathBuf)>, bounds: &mut Vec<Bound>) -> bool {
        let read = match std::fs::read_dir(self.root.join(rel)) {
            Ok(r) => r,
            Err(e) => {
                bounds.push(Bound::Unreadable { folder: rel.to_path_buf(), error: e.to_string() });
                return true;
            }
        };
        let mut children = Vec::new();
        for entry in read {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    bounds.push(Bound::Unreadable { folder: rel.to_path_buf(), error: e.to_string() });
                    continue;
                }
            };
            let Ok(name) = entry.file_name().into_string() else {
                let error = format!("{:?} is not a UTF-8 name and was skipped", entry.file_name());
                bounds.push(Bound::Unreadable { folder: rel.to_path_buf(), error });
                continue;
            };
            if let (false, Ok(kind)) = (name.starts_with('.'), entry.file_type()) {
                children.push((name, kind));
            }
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (child, kind) in children {
            let child_rel = rel.join(&child);
            // A symbolic link to a file is read (metadata follows it); one to a folder is not entered.
            let is_file = kind.is_file() || (kind.is_symlink() && self.root.join(&child_rel).is_file());
            if kind.is_dir() {
                if depth >= MAX_GROUPS {
                    bounds.push(Bound::TooDeep { folder: child_rel });
                } else if !self.walk(&child_rel, depth + 1, files, bounds) {
                    return false;
                }
            } else if is_file && let Some(stem) = child.strip_suffix(&format!(".{EXTENSION}")) {
                if files.len() == MAX_FILES {
                    bounds.push(Bound::TooManyFiles { listed: MAX_FILES });
                    return false;
                }
                let name = match rel.to_str() {
                    Some("") | None => stem.to_string(),
                    Some(r) => format!("{}/{stem}", r.replace(std::path::MAIN_SEPARATOR, "/")),
                };
                files.push((name, child_rel));
            }
        }
        true
    }

    /// Reads and parses one file.
    fn read(&self, file: &Path) -> Result<(RequestFile, String), CollectionError> {
        let text = self.read_text(file)?;
        let request = RequestFile::parse(&text).map_err(|e| CollectionError::Parse {
            file: file.to_path_buf(),
            line: e.line,
            message: e.message,
        })?;
        Ok((request, text))
    }

    fn read_text(&self, file: &Path) -> Result<String, CollectionError> {
        let bytes = crate::config::read_file_at_most(file, self.cap).map_err(|e| match e {
            crate::config::CappedReadError::TooLarge { cap } => CollectionError::TooLarge { file: file.into(), cap },
            crate::config::CappedReadError::Io(source) => CollectionError::Read { file: file.into(), source },
        })?;
        String::from_utf8(bytes).map_err(|_| CollectionError::NotText { file: file.into() })
    }

    /// The request `name`, parsed, with the file's text.
    pub fn load(&self, name: &str) -> Result<Loaded, CollectionError> {
        let file = self.path_of(name)?;
        if !file.is_file() {
            return Err(CollectionError::NotFound { name: name.into(), root: self.root.clone() });
        }
        let (request, text) = self.read(&file)?;
        Ok(Loaded { name: name.to_string(), request, text })
    }

    /// Writes `request` as `name`, creating its folders. When the file already holds an equal request (whatever
    /// its layout), it is left untouched.
    pub fn save(&self, name: &str, request: &RequestFile) -> Result<Saved, CollectionError> {
        let file = self.path_of(name)?;
        if file.is_file()
            && let Ok((on_disk, _)) = self.read(&file)
            && on_disk == *request
        {
            return Ok(Saved::Unchanged);
        }
        write_atomically(&file, request.to_text().as_bytes())?;
        Ok(Saved::Written)
    }

    /// Writes `request` as a new request `name`; refuses when one of that name exists.
    pub fn save_as(&self, name: &str, request: &RequestFile) -> Result<(), CollectionError> {
        let file = self.path_of(name)?;
        if file.exists() {
            return Err(CollectionError::Exists { file });
        }
        write_atomically(&file, request.to_text().as_bytes())
    }

    /// Renames the request `from` to `to` (any group); refuses when `to` exists. The file moves as it is.
    pub fn rename(&self, from: &str, to: &str) -> Result<(), CollectionError> {
        let (src, dst) = (self.path_of(from)?, self.path_of(to)?);
        if !src.is_file() {
            return Err(CollectionError::NotFound { name: from.into(), root: self.root.clone() });
        }
        if dst.exists() {
            return Err(CollectionError::Exists { file: dst });
        }
        create_parent(&dst)?;
        std::fs::rename(&src, &dst).map_err(|source| CollectionError::Write { file: dst, source })
    }

    /// Copies the request `name` to the first free name of `name-2`, `name-3` … in its group, byte for byte, and
    /// returns the new name.
    pub fn duplicate(&self, name: &str) -> Result<String, CollectionError> {
        let src = self.path_of(name)?;
        if !src.is_file() {
            return Err(CollectionError::NotFound { name: name.into(), root: self.root.clone() });
        }
        let text = self.read_text(&src)?;
        let taken = |n: &str| self.path_of(n).is_ok_and(|p| p.exists());
        // Never an empty name: a folder holds finitely many files, so a free number is found.
        let copy = (2..).map(|n| format!("{name}-{n}")).find(|n| !taken(n)).unwrap_or_default();
        let dst = self.path_of(&copy)?;
        write_atomically(&dst, text.as_bytes())?;
        Ok(copy)
    }

    /// Deletes the request `name` (the caller has asked first). Its folder stays, even when empty.
    pub fn delete(&self, name: &str) -> Result<(), CollectionError> {
        let file = self.path_of(name)?;
        if !file.is_file() {
            return Err(CollectionError::NotFound { name: name.into(), root: self.root.clone() });
        }
        std::fs::remove_file(&file).map_err(|source| CollectionError::Write { file, source })
    }

    /// `variables.toml` in the collection's root.
    pub fn variables_path(&self) -> PathBuf {
        self.root.join(VARIABLES_FILE)
    }

    /// The text of `variables.toml`, `None` when there is none.
    pub fn read_variables(&self) -> Result<Option<String>, CollectionError> {
        let file = self.variables_path();
        match self.read_text(&file) {
            Ok(text) => Ok(Some(text)),
            Err(CollectionError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The collection's variables from `variables.toml` (none when there is no file), each `value_env` looked up
    /// with `var`. A broken file names itself, its line and the variable, never a value.
    pub fn variables(
        &self,
        var: &dyn Fn(&str) -> Option<String>,
    ) -> Result<std::collections::BTreeMap<String, crate::request::vars::Binding>, CollectionError> {
        use crate::request::vars;
        let Some(text) = self.read_variables()? else { return Ok(Default::default()) };
        let file = self.variables_path();
        let table: toml::Table = toml::from_str(&text).map_err(|e| CollectionError::Parse {
            line: e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().to_string(),
            file: file.clone(),
        })?;
        let defs = vars::parse_table(&table).map_err(|e| CollectionError::Parse {
            file: file.clone(),
            line: 1,
            message: e.to_string(),
        })?;
        Ok(vars::bind(&defs, vars::Layer::Collection, var))
    }

    /// Writes `variables.toml` (atomically), creating the collection's folder.
    pub fn write_variables(&self, text: &str) -> Result<(), CollectionError> {
        write_atomically(&self.variables_path(), text.as_bytes())
    }

    /// Writes `request` as `name` whether or not the file exists (an import with `--force`), and returns the file.
    pub fn overwrite(&self, name: &str, request: &RequestFile) -> Result<PathBuf, CollectionError> {
        let file = self.path_of(name)?;
        write_atomically(&file, request.to_text().as_bytes())?;
        Ok(file)
    }
}

fn create_parent(file: &Path) -> Result<(), CollectionError> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| CollectionError::Write { file: dir.to_path_buf(), source })
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to `file` through a temporary file in the same folder and a rename, creating the folder.
fn write_atomically(file: &Path, bytes: &[u8]) -> Result<(), CollectionError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    create_parent(file)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let base = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let err = |source| CollectionError::Write { file: file.to_path_buf(), source };
    let (tmp, mut out) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{base}.{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(err(e)),
        }
    };
    let written = out.write_all(bytes).and_then(|()| out.sync_all());
    drop(out);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, file)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
