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

pub fn load(path: &Path) -> Option<SavedState> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str(&text).ok()
}

/// Writes `state` to `path` via a temporary file in the same folder, so a crash leaves the old or the new file.
pub fn save(path: &Path, state: &SavedState) -> std::io::Result<()> {
    let text = toml::to_string(state).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = tmp_path(path);
    std::fs::write(&tmp, text)?;
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
        };
        save(&p, &s).unwrap();
        assert_eq!(load(&p), Some(s.clone()));
        let s2 = SavedState { draft: "{}".into(), ..s };
        save(&p, &s2).unwrap();
        assert_eq!(load(&p), Some(s2));
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
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
