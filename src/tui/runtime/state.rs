//! The UI state file (last endpoint and draft): read once at start, written atomically (temp file + rename)
//! by a background task that coalesces bursts of edits.

use std::path::{Path, PathBuf};
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

/// The saver: writes the newest state whenever it changes, at most once per [`DEBOUNCE`].
pub fn spawn_saver(path: PathBuf) -> watch::Sender<Option<SavedState>> {
    let (tx, mut rx) = watch::channel::<Option<SavedState>>(None);
    tokio::spawn(async move {
        let mut last: Option<SavedState> = None;
        while rx.changed().await.is_ok() {
            let state = rx.borrow_and_update().clone();
            if let Some(s) = state
                && last.as_ref() != Some(&s)
            {
                let p = path.clone();
                let s2 = s.clone();
                let _ = tokio::task::spawn_blocking(move || save(&p, &s2)).await;
                last = Some(s);
            }
            tokio::time::sleep(DEBOUNCE).await;
        }
    });
    tx
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
}
