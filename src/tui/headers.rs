//! The headers editor's state (Ctrl-G): the request's own headers listed, one selected, and one being typed as
//! `Name: value` (curl's `-H` form). The headers themselves are `App::headers`; which may be kept is the core's
//! rule ([`crate::request::header::check_kept`]).

use super::line_input::LineInput;
use crate::request::header::{HeaderProblem, check_kept};

/// At most this many headers of its own per request: a bound on what the editor, the draft and a saved file hold
/// (a request to Braze needs one or two).
pub const MAX_HEADERS: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadersEditor {
    pub selected: usize,
    pub typing: Option<HeaderLine>,
}

/// A header being typed: the row it replaces (`None`: a new one), the text, and why the last try was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLine {
    pub row: Option<usize>,
    pub input: LineInput,
    pub error: Option<String>,
}

/// What the workbench shows of a header's value: a credential written out is masked (an older saved file may hold
/// one; the editor never takes one).
pub fn shown_value(name: &str, value: &str) -> String {
    if check_kept(name, value) == Err(HeaderProblem::LiteralCredential) {
        crate::request::vars::mask(value)
    } else {
        value.to_string()
    }
}

/// The text a row is edited from: `Name: value`, but a credential's value is never put back on screen — it is
/// typed again (as a `{{variable}}`).
pub fn edit_text(name: &str, value: &str) -> String {
    if check_kept(name, value) == Err(HeaderProblem::LiteralCredential) {
        format!("{name}: ")
    } else {
        format!("{name}: {value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_out_credential_is_masked_and_never_put_back_in_the_field() {
        assert_eq!(shown_value("X-Trace", "case-1"), "case-1");
        assert_ne!(shown_value("X-Api-Key", "abcdef123456"), "abcdef123456");
        assert!(!shown_value("X-Api-Key", "abcdef123456").contains("def123"));
        assert_eq!(shown_value("X-Api-Key", "{{key}}"), "{{key}}");
        assert_eq!(edit_text("X-Api-Key", "abcdef123456"), "X-Api-Key: ");
        assert_eq!(edit_text("X-Trace", "case-1"), "X-Trace: case-1");
    }
}
