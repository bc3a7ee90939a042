//! Adding a shareable reproduction (`brazen history export ID --as bundle`) to the local history: read, checked
//! and recorded as imported, with where it came from. The one import path of `brazen import bundle` and the
//! workbench's `i`.

use crate::curl::bundle::{BundleError, Origin, read_bundle};
use crate::exchange::Exchange;
use crate::history::{HistoryError, Imported, ImportedFrom, Store};

/// A bundle added (or found already there).
#[derive(Debug)]
pub struct BundleImport {
    pub imported: Imported,
    pub from: ImportedFrom,
    pub origin: Origin,
    pub exchange: Exchange,
}

#[derive(Debug, thiserror::Error)]
pub enum BundleImportError {
    /// Not a bundle brazen can read (the file's name is the caller's to add).
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error(transparent)]
    History(#[from] HistoryError),
}

/// Reads the bundle `text` (from a file called `file_name`, `-` for standard input) into `store`, once: the same
/// bundle imported again is found, not added twice.
pub fn import_bundle(store: &Store, text: &str, file_name: &str) -> Result<BundleImport, BundleImportError> {
    let (exchange, origin) = read_bundle(text)?;
    let from = ImportedFrom {
        file: file_name.to_string(),
        environment: origin.environment.clone(),
        id: origin.exchange_id,
        exported_at: origin.exported_at,
        brazen_version: origin.brazen_version.clone(),
    };
    let imported = store.import(&exchange, &from)?;
    Ok(BundleImport { imported, from, origin, exchange })
}

/// The name recorded for a bundle read from `path` (its file name; `-` for standard input).
pub fn file_name(path: &str) -> String {
    if path == "-" {
        return "-".to_string();
    }
    std::path::Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}
