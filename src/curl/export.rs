//! A recorded exchange → a curl command to paste, with the notes its reader must know before running it; the
//! markdown reproduction report lives beside it in [`super::markdown`].
//!
//! An adapter over the core: may use `exchange`, `scrub`, `i18n` and `config` (the sandbox's name); must not import
//! tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor crate::{client, history, mock, cli, tui, service, system}.

use crate::catalog::Credential;
use crate::exchange::Exchange;
use crate::i18n::{Lang, Table as _};
use crate::scrub::{Secrets, exchange as scrubbed};

/// The variable exports put where the key was.
pub const KEY_VARIABLE: &str = "$BRAZE_API_KEY";
/// The variable exports put where the SCIM token was (the endpoints whose catalog credential is `scim`).
pub const SCIM_TOKEN_VARIABLE: &str = "$BRAZE_SCIM_TOKEN";

/// Headers curl sets itself or that describe one connection, left out of a reproduction.
const SKIPPED_HEADERS: &[&str] =
    &["authorization", "content-length", "host", "connection", "transfer-encoding", "accept-encoding", "user-agent"];

crate::table! {
    /// The notes an export carries for whoever runs it.
    pub struct NoteText {
        /// The history kept only the start of the request body.
        body_truncated: "The history kept only the start of this body (max_body_bytes): the command below sends that \
                         start, not the request that was sent. Send the original file again instead."
            / "기록에는 이 본문의 앞부분만 남아 있습니다(max_body_bytes). 아래 명령은 보낸 요청이 아니라 그 \
               앞부분을 보냅니다. 원래 파일을 다시 보내세요.",
        /// The exchange went to the sandbox, whose port is gone.
        sandbox: "This was sent to the sandbox, a built-in mock whose port is gone: start `brazen mock`, put the URL it \
                  prints in place of http://127.0.0.1:PORT, and set BRAZE_API_KEY to one of the keys it lists."
            / "샌드박스(내장 모의 서버)로 보낸 요청이며 그 포트는 이제 없습니다. `brazen mock`을 실행하고 \
               http://127.0.0.1:PORT 자리에 출력된 URL을 넣은 뒤 BRAZE_API_KEY를 출력된 키 중 하나로 설정하세요.",
        /// The same for a SCIM endpoint, which takes the mock's SCIM token.
        sandbox_scim: "This was sent to the sandbox, a built-in mock whose port is gone: start `brazen mock`, put the \
                       URL it prints in place of http://127.0.0.1:PORT, and set BRAZE_SCIM_TOKEN to the SCIM token it \
                       lists."
            / "샌드박스(내장 모의 서버)로 보낸 요청이며 그 포트는 이제 없습니다. `brazen mock`을 실행하고 \
               http://127.0.0.1:PORT 자리에 출력된 URL을 넣은 뒤 BRAZE_SCIM_TOKEN을 출력된 SCIM 토큰으로 설정하세요.",
    }
}

/// Whether `ex` went to an endpoint that takes the SCIM token (catalog `credential = "scim"`).
pub fn is_scim(ex: &Exchange) -> bool {
    crate::catalog::endpoints().credential_for(&ex.request.method, &ex.request.endpoint) == Credential::Scim
}

/// The variable standing for the credential `ex` was sent with: the SCIM token's or the key's.
pub fn credential_variable(ex: &Exchange) -> &'static str {
    if is_scim(ex) { SCIM_TOKEN_VARIABLE } else { KEY_VARIABLE }
}

/// `ex` as a curl command. Paste it after `export BRAZE_API_KEY=…` (`BRAZE_SCIM_TOKEN` for a SCIM endpoint); the
/// credential is never in it. The method is always written (`-X PUT`, `-X DELETE` …: curl's default would be POST
/// with a body, GET without), and a request without a body gets no `--data-raw`.
pub fn export_curl(ex: &Exchange) -> String {
    let ex = scrubbed(ex, &Secrets::new());
    let req = &ex.request;
    let mut lines = vec![format!("curl -X {} {}", shell_quote(&req.method), shell_quote(&req.url))];
    if req.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("authorization")) {
        // Double quotes so the shell expands the variable.
        lines.push(format!("-H \"Authorization: Bearer {}\"", credential_variable(&ex)));
    }
    for (name, value) in &req.headers {
        if !SKIPPED_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            lines.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
        }
    }
    if !req.body.is_empty() {
        // --data-raw: a body starting with @ is text, not a file name.
        lines.push(format!("--data-raw {}", shell_quote(&req.body)));
    }
    lines.join(" \\\n  ")
}

/// What a reader of an export must know before running it: [`sandbox_note`], and that the body was kept cut.
/// The curl command as a shell script: how to set the key (never the key), the notes, the command.
pub fn export_script(ex: &Exchange, lang: Lang) -> String {
    let note: String = export_notes(ex, lang).iter().map(|n| format!("# {n}\n")).collect();
    format!("#!/bin/sh\n# Set BRAZE_API_KEY first; the key is not stored here.\n{note}{}\n", export_curl(ex))
}

pub fn export_notes(ex: &Exchange, lang: Lang) -> Vec<String> {
    let mut notes: Vec<String> = sandbox_note(ex, lang).into_iter().map(str::to_string).collect();
    if ex.request.body_truncated {
        notes.push(NoteText::get(lang).body_truncated.to_string());
    }
    notes
}

/// For an exchange recorded in the sandbox: its URL was the in-process mock of that one run, a port that no
/// longer answers; this says how to run the command again.
pub fn sandbox_note(ex: &Exchange, lang: Lang) -> Option<&'static str> {
    let t = NoteText::get(lang);
    (ex.environment == crate::config::SANDBOX).then_some(if is_scim(ex) { t.sandbox_scim } else { t.sandbox })
}

/// Quotes `s` for a POSIX shell: as is when it is plain, else in single quotes with `'` written `'\''`.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', "'\\''")) }
}

#[cfg(test)]
mod table_tests {
    #[test]
    fn note_text_is_complete() {
        assert!(crate::i18n::check::<super::NoteText>().is_empty());
    }

    #[test]
    fn the_placeholders_name_the_variables_brazen_reads() {
        assert_eq!(super::KEY_VARIABLE, format!("${}", crate::config::KEY_VAR));
        assert_eq!(super::SCIM_TOKEN_VARIABLE, format!("${}", crate::config::SCIM_TOKEN_VAR));
    }
}
