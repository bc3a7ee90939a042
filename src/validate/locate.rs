//! Positions, computed only for the few values a diagnostic names: JSON pointer → byte offset (by skimming the
//! text, which has already parsed), byte offset → 1-based line and column in characters.

use std::borrow::Cow;
use std::collections::HashMap;

use memchr::{memchr, memchr_iter, memchr2};

/// What of a member a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The value (`[` of an array, `"` of a string, …).
    Value,
    /// The member's key (the opening `"`); for array elements and the root, the value.
    Key,
}

/// Appends one reference token to a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub(crate) fn join(base: &str, token: &str) -> String {
    let mut s = String::with_capacity(base.len() + token.len() + 1);
    s.push_str(base);
    s.push('/');
    for c in token.chars() {
        match c {
            '~' => s.push_str("~0"),
            '/' => s.push_str("~1"),
            c => s.push(c),
        }
    }
    s
}

fn unescape_token(t: &str) -> String {
    t.replace("~1", "/").replace("~0", "~")
}

/// Byte offset of the value (or key) at `pointer` in `text`, a valid JSON document; `None` when the pointer does
/// not resolve. Of duplicate keys the last is found: the one serde_json kept.
#[cfg(test)]
pub(crate) fn find(text: &str, pointer: &str, target: Target) -> Option<usize> {
    find_all(text, &[(pointer, target)])[0]
}

#[derive(Default)]
struct Node {
    children: HashMap<String, usize>,
    /// Indices into `wanted` that end at this node.
    here: Vec<(usize, Target)>,
}

/// Offsets of many pointers in one pass over the text: the pointers are merged into a trie, and members on no
/// wanted path are skipped whole. So a body with hundreds of diagnostics is still read once.
pub(crate) fn find_all(text: &str, wanted: &[(&str, Target)]) -> Vec<Option<usize>> {
    let mut nodes = vec![Node::default()];
    for (i, (pointer, target)) in wanted.iter().enumerate() {
        let mut n = 0;
        if !pointer.is_empty() {
            let Some(rest) = pointer.strip_prefix('/') else { continue };
            for raw in rest.split('/') {
                let token = if raw.contains('~') { unescape_token(raw) } else { raw.to_string() };
                n = match nodes[n].children.get(&token) {
                    Some(&c) => c,
                    None => {
                        nodes.push(Node::default());
                        let c = nodes.len() - 1;
                        nodes[n].children.insert(token, c);
                        c
                    }
                };
            }
        }
        nodes[n].here.push((i, *target));
    }
    let mut out = vec![None; wanted.len()];
    let start = skip_ws(text.as_bytes(), 0);
    visit(text, start, start, 0, &nodes, &mut out);
    out
}

// Recursion follows wanted pointers only, which come from a parsed value (at most 128 deep).
fn visit(text: &str, key_pos: usize, pos: usize, node: usize, nodes: &[Node], out: &mut [Option<usize>]) {
    for (i, t) in &nodes[node].here {
        out[*i] = Some(if *t == Target::Key { key_pos } else { pos });
    }
    let children = &nodes[node].children;
    if children.is_empty() {
        return;
    }
    let b = text.as_bytes();
    match b.get(pos) {
        Some(b'{') => {
            let mut p = skip_ws(b, pos + 1);
            while b.get(p) == Some(&b'"') {
                let Some(key_end) = skip_string(b, p) else { return };
                let key_start = p;
                p = skip_ws(b, key_end);
                if b.get(p) != Some(&b':') {
                    return;
                }
                p = skip_ws(b, p + 1);
                let raw = &text[key_start + 1..key_end - 1];
                let key = if raw.contains('\\') {
                    Cow::Owned(serde_json::from_str::<String>(&text[key_start..key_end]).unwrap_or_default())
                } else {
                    Cow::Borrowed(raw)
                };
                // A later duplicate visits again and overwrites: the last one wins, as in serde_json.
                if let Some(&child) = children.get(key.as_ref()) {
                    visit(text, key_start, p, child, nodes, out);
                }
                let Some(end) = skip_value(b, p) else { return };
                p = skip_ws(b, end);
                if b.get(p) != Some(&b',') {
                    return;
                }
                p = skip_ws(b, p + 1);
            }
        }
        Some(b'[') => {
            let mut p = skip_ws(b, pos + 1);
            if b.get(p) == Some(&b']') {
                return;
            }
            let mut idx = 0usize;
            loop {
                if let Some(&child) = children.get(idx.to_string().as_str()) {
                    visit(text, p, p, child, nodes, out);
                }
                let Some(end) = skip_value(b, p) else { return };
                p = skip_ws(b, end);
                if b.get(p) != Some(&b',') {
                    return;
                }
                p = skip_ws(b, p + 1);
                idx += 1;
            }
        }
        _ => {}
    }
}

pub(crate) fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while let Some(c) = b.get(pos) {
        if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        pos += 1;
    }
    pos
}

/// `pos` at an opening `"`; returns the offset just past the closing one.
pub(crate) fn skip_string(b: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        let j = i + memchr2(b'"', b'\\', b.get(i..)?)?;
        if b[j] == b'\\' {
            i = j + 2;
        } else {
            return Some(j + 1);
        }
    }
}

/// Offset just past the value starting at `pos`. Iterative, so nesting depth costs no stack.
pub(crate) fn skip_value(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'"' => skip_string(b, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            while let Some(&c) = b.get(i) {
                match c {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let mut i = pos;
            while let Some(c) = b.get(i) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                i += 1;
            }
            Some(i)
        }
    }
}

/// Duplicate keys, as (pointer of the repeated member, offset of its earlier key), at most `cap` of them.
/// Only run when the parser saw a duplicate, so the common case pays nothing.
pub(crate) fn duplicates(text: &str, cap: usize) -> Vec<(String, usize)> {
    enum Frame {
        Object { pointer: String, seen: std::collections::HashMap<String, usize> },
        Array { pointer: String, next: usize },
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // The pointer of the value about to be read.
    let mut here = String::new();
    let mut pos = skip_ws(b, 0);
    while pos < b.len() && out.len() < cap {
        match b[pos] {
            b'{' => {
                stack.push(Frame::Object { pointer: std::mem::take(&mut here), seen: Default::default() });
                pos += 1;
            }
            b'[' => {
                let pointer = std::mem::take(&mut here);
                here = join(&pointer, "0");
                stack.push(Frame::Array { pointer, next: 1 });
                pos += 1;
            }
            b'}' | b']' => {
                stack.pop();
                pos += 1;
            }
            b',' => {
                if let Some(Frame::Array { pointer, next }) = stack.last_mut() {
                    here = join(pointer, &next.to_string());
                    *next += 1;
                }
                pos += 1;
            }
            b'"' => {
                let end = match skip_string(b, pos) {
                    Some(e) => e,
                    None => break,
                };
                let after = skip_ws(b, end);
                if let (Some(Frame::Object { pointer, seen }), Some(b':')) = (stack.last_mut(), b.get(after)) {
                    let key = serde_json::from_str::<String>(&text[pos..end]).unwrap_or_default();
                    here = join(pointer, &key);
                    if let Some(first) = seen.insert(key, pos) {
                        out.push((here.clone(), first));
                    }
                    pos = after + 1;
                } else {
                    pos = end;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => pos += 1,
            _ => pos = skip_value(b, pos).unwrap_or(b.len()).max(pos + 1),
        }
    }
    out
}

/// 1-based line and column (in characters) of byte `offset`, for offsets in ascending order: one pass over the
/// text however many diagnostics there are.
pub(crate) struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, at: 0, line: 1, line_start: 0 }
    }

    /// `offset` is clamped to the text and moved back to a character boundary.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = super::syntax::floor_char(self.text, offset);
        if offset < self.at {
            *self = Cursor::new(self.text);
        }
        let b = self.text.as_bytes();
        for i in memchr_iter(b'\n', &b[self.at..offset]) {
            self.line += 1;
            self.line_start = self.at + i + 1;
        }
        self.at = offset;
        (self.line, self.text[self.line_start..offset].chars().count() + 1)
    }
}

/// The whole line holding byte `offset`, without its line break.
pub(crate) fn line_at(text: &str, offset: usize) -> &str {
    let offset = super::syntax::floor_char(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = memchr(b'\n', &text.as_bytes()[offset..]).map_or(text.len(), |i| offset + i);
    text[start..end].strip_suffix('\r').unwrap_or(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": {\"b\": [10, {\"c/d\": \"x\"}, \"한\"]},\n  \"e~f\": true,\n  \"g\\u0068\": null\n}";

    fn at(pointer: &str, t: Target) -> &'static str {
        let i = find(DOC, pointer, t).unwrap();
        &DOC[i..]
    }

    #[test]
    fn pointers_resolve_to_values_and_keys() {
        assert!(at("", Target::Value).starts_with("{\n"));
        assert!(at("/a", Target::Key).starts_with("\"a\""));
        assert!(at("/a", Target::Value).starts_with("{\"b\""));
        assert!(at("/a/b/0", Target::Value).starts_with("10"));
        assert!(at("/a/b/1/c~1d", Target::Value).starts_with("\"x\""));
        assert!(at("/a/b/2", Target::Value).starts_with("\"한\""));
        assert!(at("/e~0f", Target::Key).starts_with("\"e~f\""));
        assert!(at("/gh", Target::Value).starts_with("null"), "escaped keys compare decoded");
        assert_eq!(find(DOC, "/a/b/3", Target::Value), None);
        assert_eq!(find(DOC, "/zz", Target::Value), None);
        assert_eq!(find(DOC, "/a/b/x", Target::Value), None);
        assert_eq!(find(DOC, "/e~0f/x", Target::Value), None);
    }

    #[test]
    fn duplicate_keys_resolve_to_the_last_like_serde() {
        let t = r#"{"a": 1, "a": 2}"#;
        assert_eq!(&t[find(t, "/a", Target::Value).unwrap()..][..1], "2");
        let t = r#"{"a": [{"b": 1}], "c": 0, "a": [{"b": 2}, 3]}"#;
        assert_eq!(&t[find(t, "/a/0/b", Target::Value).unwrap()..][..1], "2");
        assert_eq!(&t[find(t, "/a/1", Target::Value).unwrap()..][..1], "3");
    }

    #[test]
    fn many_pointers_are_found_in_one_pass() {
        let wanted = [("/a/b/0", Target::Value), ("/a", Target::Key), ("/nope", Target::Value), ("", Target::Value)];
        let found = find_all(DOC, &wanted);
        assert!(DOC[found[0].unwrap()..].starts_with("10"));
        assert!(DOC[found[1].unwrap()..].starts_with("\"a\""));
        assert_eq!(found[2], None);
        assert_eq!(found[3], Some(0));
    }

    #[test]
    fn skipping_handles_escaped_quotes_and_brackets_in_strings() {
        let t = r#"{"s": "a\"]}\\", "n": [ "[", {"}": 1} ], "z": 3}"#;
        assert_eq!(&t[find(t, "/z", Target::Value).unwrap()..][..1], "3");
    }

    #[test]
    fn cursor_counts_characters_not_bytes() {
        let t = "한국어\n가나다 x\n";
        let mut c = Cursor::new(t);
        assert_eq!(c.position(0), (1, 1));
        assert_eq!(c.position(3), (1, 2));
        let x = t.find('x').unwrap();
        assert_eq!(c.position(x), (2, 5));
        assert_eq!(c.position(x - 1), (2, 4), "going back restarts");
        assert_eq!(c.position(x + 1), (2, 6));
        assert_eq!(c.position(4), (1, 2), "inside a character: its start");
        assert_eq!(c.position(10_000), (3, 1));
        assert_eq!(line_at(t, x), "가나다 x");
        assert_eq!(join("/a", "b/c~"), "/a/b~1c~0");
    }

    #[test]
    fn duplicates_are_found_at_every_depth() {
        let t = r#"{"a": 1, "x": [{"k": 1, "k": 2}, {"k": 3}], "a": 2}"#;
        let d = duplicates(t, 10);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].0, "/x/0/k");
        assert!(t[d[0].1..].starts_with(r#""k": 1"#));
        assert_eq!(d[1].0, "/a");
        assert_eq!(d[1].1, 1);
        assert!(duplicates(r#"{"a": {"b": 1}, "b": 2}"#, 10).is_empty());
    }
}
