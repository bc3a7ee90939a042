//! Byte counts as people read them: "64 MiB (67108864 bytes)", "900 bytes", in the reader's language.

use crate::i18n::{Lang, Table as _, fill};

crate::table! {
    /// The words of [`size`].
    pub struct BytesText {
        bytes: "{n} bytes" / "{n}바이트",
        exact: "{n} {unit} ({bytes})" / "{n} {unit}({bytes})",
    }
}

/// A byte count for messages: an exact binary multiple is named in its unit with the count beside it; anything
/// else is the count alone (a size the user compares with a cap reads exactly).
pub fn size(bytes: u64, lang: Lang) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    let t = BytesText::get(lang);
    let count = fill(t.bytes, &[("n", &bytes)]);
    for (unit, name) in UNITS {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return fill(t.exact, &[("n", &(bytes / unit)), ("unit", &name), ("bytes", &count)]);
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_either_language() {
        assert_eq!(size(900, Lang::En), "900 bytes");
        assert_eq!(size(64 << 20, Lang::En), "64 MiB (67108864 bytes)");
        assert_eq!(size(900, Lang::Ko), "900바이트");
        assert_eq!(size(2048, Lang::Ko), "2 KiB(2048바이트)");
        assert_eq!(size(1500, Lang::Ko), "1500바이트");
    }
}
