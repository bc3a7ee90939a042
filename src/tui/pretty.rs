//! Response bodies, pre-split into lines once (off the UI thread) so drawing touches only the visible window.

/// The one JSON re-indenter (core, shared with the exchange diff).
pub use crate::text::pretty::reindent;

/// A body as one string plus the byte offset of every line start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyLines {
    text: String,
    /// Byte offset of each line start (u32: bodies are capped far below 4 GiB), half the size of `usize`.
    starts: Vec<u32>,
    /// The body was JSON and has been re-indented.
    pub json: bool,
}

impl BodyLines {
    /// Re-indents a JSON body (keeping key order and number spelling exactly as sent); anything else is kept as is.
    pub fn new(body: &str) -> BodyLines {
        let (text, json) = crate::text::pretty::pretty(body);
        Self::split(text, json)
    }

    /// A body kept as it was written (a request as sent), only split into lines.
    pub fn plain(body: &str) -> BodyLines {
        Self::split(body.replace("\r\n", "\n"), false)
    }

    fn split(mut text: String, json: bool) -> BodyLines {
        if text.len() > u32::MAX as usize {
            // Offsets are u32; a body this large (far over any configured cap) is shown up to 4 GiB.
            let mut cut = u32::MAX as usize;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        // Growth by doubling leaves up to half the buffer unused; a 10 MiB body is kept for as long as it is shown.
        text.shrink_to_fit();
        let mut starts: Vec<u32> = Vec::with_capacity(text.len() / 24 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        if text.ends_with('\n') && starts.len() > 1 {
            starts.pop();
        }
        starts.shrink_to_fit();
        BodyLines { text, starts, json }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Line `i` without its newline; empty past the end.
    pub fn line(&self, i: usize) -> &str {
        let Some(&s) = self.starts.get(i) else { return "" };
        let s = s as usize;
        let e = self.starts.get(i + 1).map(|&e| e as usize - 1).unwrap_or(self.text.len());
        self.text[s..e].trim_end_matches('\n')
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset where line `i` starts (the text's end past the last line).
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).map_or(self.text.len(), |&s| s as usize)
    }

    /// The line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) <= offset).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindents_keeping_order_and_strings() {
        let b = BodyLines::new(r#"{"z":1,"a":{"s":"x, {y}: \"q\"","e":[],"o":{}},"l":[1,2.50]}"#);
        assert!(b.json);
        let lines: Vec<&str> = (0..b.len()).map(|i| b.line(i)).collect();
        assert_eq!(
            lines,
            vec![
                "{",
                "  \"z\": 1,",
                "  \"a\": {",
                "    \"s\": \"x, {y}: \\\"q\\\"\",",
                "    \"e\": [],",
                "    \"o\": {}",
                "  },",
                "  \"l\": [",
                "    1,",
                "    2.50",
                "  ]",
                "}",
            ]
        );
        let back: serde_json::Value = serde_json::from_str(b.text()).unwrap();
        assert_eq!(back["a"]["s"], "x, {y}: \"q\"");
    }

    #[test]
    fn non_json_is_kept_and_split() {
        let b = BodyLines::new("<html>\r\n<body>502</body>\r\n</html>\n");
        assert!(!b.json);
        assert_eq!(b.len(), 3);
        assert_eq!(b.line(1), "<body>502</body>");
        assert_eq!(b.line(9), "");
        assert_eq!(BodyLines::new("").len(), 1);
    }
}
