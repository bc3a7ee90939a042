//! Copying through the terminal: OSC 52, which reaches the clipboard of the machine the terminal runs on (over SSH,
//! inside tmux when its `set-clipboard` allows it), and what the copy menu (F10, `y`) offers. Pure: the runtime
//! writes the sequence; `update::copy` picks the text.

use base64::Engine as _;

/// The most text one OSC 52 sequence carries. Terminals cap the sequence (xterm and tmux near 100 000 bytes of
/// base64); beyond this the menu offers a file instead of a clipboard that would silently stay empty.
pub const MAX_COPY_BYTES: usize = 74 * 1024;

/// The sequence that puts `text` on the clipboard: `ESC ] 52 ; c ; BASE64 BEL`. Base64 carries any byte, so no
/// control character of the text reaches the terminal live.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text.as_bytes()))
}

/// What the copy menu offers, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    /// The request as a curl command (the key as `$BRAZE_API_KEY`).
    Curl,
    RequestBody,
    ResponseBody,
    /// The explanation card as text.
    Explanation,
}

impl CopyWhat {
    pub const ALL: [CopyWhat; 4] =
        [CopyWhat::Curl, CopyWhat::RequestBody, CopyWhat::ResponseBody, CopyWhat::Explanation];

    /// The file a "save to file" writes: stem and extension.
    pub fn file(self) -> (&'static str, &'static str) {
        match self {
            CopyWhat::Curl => ("brazen-request", "sh"),
            CopyWhat::RequestBody => ("brazen-request-body", "json"),
            CopyWhat::ResponseBody => ("brazen-response-body", "json"),
            CopyWhat::Explanation => ("brazen-explanation", "md"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_osc_52_with_the_text_in_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        // A control character in the text travels encoded.
        let s = osc52("a\x1b[2Jb");
        assert_eq!(s.matches('\x1b').count(), 1, "only the sequence's own ESC: {s:?}");
        assert_eq!(s, "\x1b]52;c;YRtbMkpi\x07");
    }
}
