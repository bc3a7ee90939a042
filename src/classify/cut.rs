//! Reading a JSON object that was cut short: the client keeps a response body only up to `max_body_bytes`, so a
//! big answer arrives as its first part, which no JSON parser accepts. What it says so far (its first keys, a
//! `message` near the top) still tells what kind of answer it is, and must, or a cut body would be explained
//! differently from the whole one.
//!
//! Core: pure and synchronous.

/// The top-level members of an object whose text stops early, in order: each key that arrived whole, with its
/// value when that is a whole string. `None` when `s` does not open an object.
pub(super) fn members(s: &[u8]) -> Option<Vec<(String, Option<String>)>> {
    let mut i = skip_ws(s, 0);
    if s.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut out = Vec::new();
    loop {
        i = skip_ws(s, i);
        if s.get(i) != Some(&b'"') {
            return Some(out);
        }
        let Some(end) = string_end(s, i) else { return Some(out) };
        let Ok(key) = serde_json::from_slice::<String>(&s[i..end]) else { return Some(out) };
        i = skip_ws(s, end);
        if s.get(i) != Some(&b':') {
            return Some(out);
        }
        i = skip_ws(s, i + 1);
        let Some(end) = value_end(s, i) else {
            // The cut fell inside this value: the key is known, its value is not.
            out.push((key, None));
            return Some(out);
        };
        out.push((key, serde_json::from_slice::<String>(&s[i..end]).ok()));
        i = skip_ws(s, end);
        if s.get(i) != Some(&b',') {
            return Some(out);
        }
        i += 1;
    }
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The index after the closing quote of the string opening at `i`; `None` when it is cut.
fn string_end(s: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < s.len() {
        match s[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The index just after the value starting at `i` (before the `,` or `}` that follows a scalar); `None` when it
/// is cut.
fn value_end(s: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j < s.len() {
        match s[j] {
            b'"' => {
                j = string_end(s, j)?;
                if depth == 0 {
                    return Some(j);
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return Some(j),
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            b',' if depth == 0 => return Some(j),
            _ => {}
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_members_that_arrived_whole() {
        let cut =
            br#" {"message": "success", "n": 12, "data": [{"a": "x,}"}, {"b": 2}], "send_id": "s\"1", "rows": [1, 2"#;
        let m = members(cut).unwrap();
        let keys: Vec<&str> = m.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["message", "n", "data", "send_id", "rows"]);
        assert_eq!(m[0].1.as_deref(), Some("success"));
        assert_eq!((m[1].1.as_deref(), m[2].1.as_deref()), (None, None));
        assert_eq!(m[3].1.as_deref(), Some("s\"1"));
        assert_eq!(m[4].1, None, "cut inside its value");
        assert_eq!(members(br#"{"mess"#), Some(Vec::new()));
        assert_eq!(members(b"[1, 2"), None);
        assert_eq!(members(b"<html>"), None);
    }
}
