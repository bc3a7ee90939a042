//! Bodies as people read them: JSON re-indented two spaces a level, keys in their original order and numbers as
//! spelt, so the same value is the same line wherever it is shown or compared (the TUI's body panes, the exchange
//! diff).
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

/// `body` re-indented when it is JSON, else as it is with CRLF line ends made LF; and whether it was JSON.
pub fn pretty(body: &str) -> (String, bool) {
    let json = serde_json::from_str::<serde::de::IgnoredAny>(body).is_ok();
    let text = if json { reindent(body) } else { body.replace("\r\n", "\n") };
    (text, json)
}

/// Two-space indentation of valid JSON, one pass over the bytes; strings are copied untouched.
pub fn reindent(src: &str) -> String {
    let b = src.as_bytes();
    // Pretty JSON is typically 1.5–2.5× the compact text; start at 2× and trim afterwards.
    let mut out: Vec<u8> = Vec::with_capacity(b.len() * 2);
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i = (i + 1).min(b.len());
                out.extend_from_slice(&b[start..i]);
                continue;
            }
            b'{' | b'[' => {
                out.push(c);
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && matches!(b[j], b'}' | b']') {
                    out.push(b[j]);
                    i = j + 1;
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            b',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => out.push(c),
        }
        i += 1;
    }
    // Only ASCII was inserted and strings were copied whole, so the bytes are still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
