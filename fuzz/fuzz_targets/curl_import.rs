//! Pasted curl commands: any text parses or is refused without a panic; and any body exported with
//! `shell_quote` (as `history export --as curl` writes it) comes back byte for byte through the importer.
#![no_main]

use brazen::curl::{parse_curl, shell_quote};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = parse_curl(text);
    // A shell argument cannot hold NUL, and an empty body is not exported.
    if text.is_empty() || text.contains('\0') {
        return;
    }
    let command = format!("curl -X POST https://rest.iad-01.braze.com/users/track --data-raw {}", shell_quote(text));
    let imported = parse_curl(&command).unwrap_or_else(|e| panic!("our own export was refused: {e}\n{command}"));
    assert_eq!(imported.body.as_deref(), Some(text), "{command}");
    assert_eq!(imported.endpoint, "/users/track");
});
