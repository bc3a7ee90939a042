//! Bounded reading: every file or stream brazen reads whole (a request body, a batch, a curl command, fixtures,
//! the config and state files) is read through here, so `/dev/zero` or an endless pipe stops at a cap instead of
//! growing until memory runs out.
//!
//! Adapter: reads files and the process environment, and may use the core (`scrub`, `text`); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, nor crate::{client, history, mock, cli, tui, curl, service, system}.

use std::io::Read;
use std::path::Path;

/// Default of `[defaults] max_input_bytes`: 64 MiB. Braze's documented limits put its largest body near 22 MB
/// (`/users/track`: 225 objects, each event or purchase up to 100 KB of properties); other bodies are far
/// smaller (a Canvas `context` is at most 50 KB). 64 MiB is about three times that, and leaves room for a batch
/// file of many requests.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The config file is read before its own settings exist, so its cap is fixed; a file with every Braze instance
/// configured is a few KB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum CappedReadError {
    /// More than `cap` bytes were there; no more than `cap + 1` were read. The message is for inputs capped by
    /// `max_input_bytes`; the config and state files, with caps of their own, say theirs.
    #[error(
        "larger than {}, the most brazen reads from one input; [defaults] max_input_bytes in the config file sets \
         another limit",
        size(*cap)
    )]
    TooLarge { cap: u64 },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// All of `reader` when it holds at most `cap` bytes. Reads at most `cap + 1` bytes: the one past the cap is how
/// an input over it is told from one exactly at it. `size_hint` (a file's length) sizes the buffer once.
pub fn read_at_most(reader: impl Read, cap: u64, size_hint: Option<u64>) -> Result<Vec<u8>, CappedReadError> {
    let limit = cap.saturating_add(1);
    // The hint is only a hint (the file may grow, /dev/zero says 0): never more than the cap is reserved.
    let reserve = size_hint.map_or(0, |n| n.min(cap).saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
    reader.take(limit).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(CappedReadError::TooLarge { cap });
    }
    Ok(bytes)
}

/// The file at `path`, when it holds at most `cap` bytes.
pub fn read_file_at_most(path: &Path, cap: u64) -> Result<Vec<u8>, CappedReadError> {
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    read_at_most(file, cap, hint)
}

/// [`read_file_at_most`] as UTF-8 text, every failure an `io::Error` (for callers whose errors hold one): over
/// the cap, of kind `FileTooLarge` with the sentence of [`CappedReadError::TooLarge`].
pub fn read_text_file_at_most(path: &Path, cap: u64) -> std::io::Result<String> {
    let bytes = read_file_at_most(path, cap).map_err(|e| match e {
        CappedReadError::Io(e) => e,
        too_large => std::io::Error::new(std::io::ErrorKind::FileTooLarge, too_large.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// A byte count for English messages (errors): "64 MiB (67108864 bytes)", or "900 bytes".
pub fn size(bytes: u64) -> String {
    crate::text::bytes::size(bytes, crate::i18n::Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that never ends and counts what was taken from it.
    struct Endless<'a>(&'a mut u64);

    impl Read for Endless<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b'y');
            *self.0 += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_input_stops_one_byte_past_the_cap() {
        let mut taken = 0;
        let err = read_at_most(Endless(&mut taken), 1000, None).unwrap_err();
        assert!(matches!(err, CappedReadError::TooLarge { cap: 1000 }), "{err}");
        assert_eq!(taken, 1001);
    }

    #[test]
    fn an_input_at_the_cap_is_whole() {
        assert_eq!(read_at_most(&b"abc"[..], 3, Some(3)).unwrap(), b"abc");
        assert!(read_at_most(&b"abcd"[..], 3, Some(1)).is_err(), "the hint is not trusted");
        assert_eq!(read_at_most(&b""[..], 0, None).unwrap(), b"");
        assert!(read_at_most(&b"a"[..], 0, None).is_err());
    }

    #[test]
    fn dev_zero_is_refused() {
        #[cfg(unix)]
        {
            let err = read_file_at_most(Path::new("/dev/zero"), 4096).unwrap_err();
            assert!(err.to_string().starts_with("larger than 4 KiB (4096 bytes), "), "{err}");
            let err = read_text_file_at_most(Path::new("/dev/zero"), 4096).unwrap_err();
            assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
            assert!(err.to_string().contains("max_input_bytes"), "{err}");
        }
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(size(DEFAULT_MAX_INPUT_BYTES), "64 MiB (67108864 bytes)");
        assert_eq!(size(1500), "1500 bytes");
        assert_eq!(size(0), "0 bytes");
    }
}
