//! The UI state file (last endpoint and draft): read once at start, written atomically (temp file + rename)
//! by a background task that coalesces bursts of edits.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use super::super::model::SavedState;

/// How long the saver waits after a write before taking the next state, so typing causes one write per pause.
const DEBOUNCE: Duration = Duration::from_millis(400);

/// The state file at start, and what to tell the user when it could not be used.
///
/// A file that exists but does not parse (a crash of another tool, a hand edit) may still hold a draft worth
/// recovering by hand, and the next save would replace it: it is renamed to `state.toml.bad` first.
pub fn load_or_set_aside(path: &Path) -> (Option<SavedState>, Option<String>) {
    use crate::config::CappedReadError;
    // A draft is one request body: one the CLI would refuse is no draft (a corrupted or foreign file).
    let bytes = match crate::config::read_file_at_most(path, crate::config::DEFAULT_MAX_INPUT_BYTES) {
        Ok(b) => Ok(b),
        Err(CappedReadError::TooLarge { cap }) => Err(format!("larger than {}", crate::config::size(cap))),
        Err(CappedReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return (None, None),
        Err(CappedReadError::Io(e)) => {
            return (None, Some(format!("Cannot read the saved draft {}: {e}", path.display())));
        }
    };
    let why = match bytes.as_deref().map(std::str::from_utf8) {
        Err(too_large) => too_large.clone(),
        Ok(Err(e)) => format!("not UTF-8 after byte {}", e.valid_up_to()),
        Ok(Ok(text)) => match toml::from_str::<SavedState>(text) {
            Ok(state) => return (Some(state), None),
            Err(e) => {
                let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
                let message = e.message().trim_end_matches('\n');
                line.map_or_else(|| message.to_string(), |l| format!("line {l}: {message}"))
            }
        },
    };
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bad");
    let aside = path.with_file_name(name);
    // Short, most important first: it shows in the status bar.
    let notice = match std::fs::rename(path, &aside) {
        Ok(()) => format!("Saved draft unreadable, kept as {} ({why})", aside.display()),
        Err(e) => format!("Saved draft {} unreadable ({why}) and not set aside: {e}", path.display()),
    };
    (None, Some(notice))
}

/// Writes `state` to `path` via a temporary file in the same folder, so a crash leaves the old or the new file.
pub fn save(path: &Path, state: &SavedState) -> std::io::Result<()> {
    let text = toml::to_string(state).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = tmp_path(path);
    // Readable by its owner only, as the history is: the draft holds what was typed, a pasted key included.
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut file = opts.open(&tmp)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    drop(file);
    std::fs::rename(&tmp, path)
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".tmp{}", std::process::id()));
    path.with_file_name(name)
}

/// Writes states in order: each carries a sequence number, and a write older than the last one written is
/// skipped, so a slow background write can never replace the state flushed on quit.
#[derive(Debug, Clone)]
pub struct Saver {
    path: PathBuf,
    next: Arc<AtomicU64>,
    written: Arc<Mutex<u64>>,
    tx: watch::Sender<Option<(u64, SavedState)>>,
}

impl Saver {
    /// Starts the background writer: the newest state whenever it changes, at most once per [`DEBOUNCE`].
    pub fn spawn(path: PathBuf) -> Saver {
        let (tx, mut rx) = watch::channel::<Option<(u64, SavedState)>>(None);
        let saver = Saver { path, next: Arc::new(AtomicU64::new(1)), written: Arc::new(Mutex::new(0)), tx };
        let bg = saver.clone();
        tokio::spawn(async move {
            while rx.changed().await.is_ok() {
                let Some((seq, state)) = rx.borrow_and_update().clone() else { continue };
                let w = bg.clone();
                let _ = tokio::task::spawn_blocking(move || w.write(seq, &state)).await;
                tokio::time::sleep(DEBOUNCE).await;
            }
        });
        saver
    }

    /// Queues `state` for the background writer.
    pub fn queue(&self, state: SavedState) {
        let seq = self.next.fetch_add(1, Ordering::SeqCst);
        let _ = self.tx.send(Some((seq, state)));
    }

    /// Writes `state` now, superseding anything queued.
    pub fn flush(&self, state: &SavedState) {
        let seq = self.next.fetch_add(1, Ordering::SeqCst);
        let _ = self.write(seq, state);
    }

    fn write(&self, seq: u64, state: &SavedState) -> std::io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        if seq <= *written {
            return Ok(());
        }
        save(&self.path, state)?;
        *written = seq;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(path: &Path) -> Option<SavedState> {
        load_or_set_aside(path).0
    }

    #[test]
    fn round_trips_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/state.toml");
        assert_eq!(load(&p), None);
        let s = SavedState {
            endpoint: "POST /messages/send".into(),
            path: "/messages/send".into(),
            draft: "{\n  \"a\": \"\\\"q\\\" 한\"\n}\n".into(),
            environment: "sandbox".into(),
            saved_request: "seoul/welcome".into(),
            headers: vec![("X-Trace".into(), "case-4411".into())],
        };
        save(&p, &s).unwrap();
        assert_eq!(load(&p), Some(s.clone()));
        let s2 = SavedState { draft: "{}".into(), ..s };
        save(&p, &s2).unwrap();
        assert_eq!(load(&p), Some(s2));
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }

    /// The draft holds what was typed, a pasted key included: like the history, only its owner reads it.
    #[cfg(unix)]
    #[test]
    fn the_state_file_is_private() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.toml");
        let s = SavedState {
            endpoint: "POST /messages/send".into(),
            path: "/messages/send".into(),
            draft: "{}".into(),
            environment: "sandbox".into(),
            saved_request: String::new(),
            headers: Vec::new(),
        };
        save(&p, &s).unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn an_unreadable_state_file_is_set_aside_with_a_located_notice() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.toml");
        assert_eq!(load_or_set_aside(&p), (None, None), "no file: nothing to say");
        let broken = "endpoint = \"/messages/send\"\ndraft = oops\nenvironment = \"sandbox\"\n";
        std::fs::write(&p, broken).unwrap();
        let (state, notice) = load_or_set_aside(&p);
        assert_eq!(state, None);
        let notice = notice.unwrap();
        assert!(
            notice.contains("(line 2: ") && notice.contains("kept as ") && notice.contains("state.toml.bad"),
            "{notice}"
        );
        assert_eq!(std::fs::read_to_string(dir.path().join("state.toml.bad")).unwrap(), broken, "kept as it was");
        assert!(!p.exists(), "the next save starts a fresh file");
        std::fs::write(&p, [0xff, 0xfe]).unwrap();
        let notice = load_or_set_aside(&p).1.unwrap();
        assert!(notice.contains("not UTF-8"), "{notice}");
        let good = SavedState { draft: "{}".into(), ..SavedState::default() };
        save(&p, &good).unwrap();
        assert_eq!(load_or_set_aside(&p), (Some(good), None));
        // Over the input cap (a sparse file: nothing is written): set aside unread, not held in memory.
        std::fs::File::create(&p).unwrap().set_len(crate::config::DEFAULT_MAX_INPUT_BYTES + 1).unwrap();
        let notice = load_or_set_aside(&p).1.unwrap();
        assert!(notice.contains("(larger than 64 MiB (67108864 bytes))"), "{notice}");
    }

    #[tokio::test]
    async fn an_older_queued_state_never_replaces_a_flushed_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.toml");
        let saver = Saver::spawn(p.clone());
        let old = SavedState { draft: "old".into(), ..SavedState::default() };
        let new = SavedState { draft: "new".into(), ..SavedState::default() };
        let seq_old = saver.next.fetch_add(1, Ordering::SeqCst);
        saver.flush(&new);
        // The background write of the older state arrives late.
        saver.write(seq_old, &old).unwrap();
        assert_eq!(load(&p).unwrap().draft, "new");
    }
}
