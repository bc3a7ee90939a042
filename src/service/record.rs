//! Recording in the history: append the exchange, then mark the original a replay re-sent. Both front ends record
//! through here, so "send, then record, then mark replayed" is written once.

use std::path::Path;

use crate::exchange::Exchange;
use crate::history::{HistoryError, Store};

/// The history store at `path`.
pub fn open_store(path: &Path) -> Result<Store, super::Error> {
    Ok(Store::open(path)?)
}

/// The history `cfg` chooses: the local file, or the shared ledger (`history_url`) with the file for outages.
pub fn open_history(cfg: &crate::config::Config) -> Result<Store, super::Error> {
    Ok(Store::open_configured(cfg)?)
}

/// An exchange in the history.
#[derive(Debug)]
pub struct Stored {
    pub id: i64,
    /// Marking the original (`replay_of`) as replayed failed: the new record still says what it replays.
    pub unmarked: Option<HistoryError>,
}

/// Appends `ex` and sets its id; when it is a replay, marks the original as replayed by it. Recording is
/// bookkeeping: a failure is reported, never a reason to send again.
pub fn record(store: &Store, ex: &mut Exchange) -> Result<Stored, HistoryError> {
    let id = store.append(ex)?;
    ex.id = Some(id);
    let unmarked = ex.replay_of.and_then(|original| store.mark_replayed(original, id).err());
    Ok(Stored { id, unmarked })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::fixtures::{self, Answer};

    #[test]
    fn a_replay_is_recorded_and_its_original_marked() {
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = open_store(&dir.path().join("history.sqlite3")).unwrap();
        let mut first =
            fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 503, body: "".into() }, now);
        let original = record(&store, &mut first).unwrap().id;
        let mut again =
            fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 201, body: "{}".into() }, now);
        again.replay_of = Some(original);
        let stored = record(&store, &mut again).unwrap();
        assert!(stored.unmarked.is_none());
        assert_eq!(again.id, Some(stored.id));
        let not_replayed = crate::history::Filter { not_replayed: true, ..Default::default() };
        let left: Vec<i64> = store.list(&not_replayed).unwrap().iter().map(|s| s.id).collect();
        assert!(!left.contains(&original), "{left:?}");
    }
}
