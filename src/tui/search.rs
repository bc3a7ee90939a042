//! Finding text in a body (`/`, `n`, `N`): every match's byte offset, found once per query with `memchr`'s
//! substring search, so a 10 MiB body is searched in milliseconds and each frame only marks the lines it draws.
//! Smart case: a query without capitals ignores ASCII case. Pure.

/// At most this many matches are kept (the count then says "or more"): a one-letter query in 10 MiB must not
/// cost a 40 MB list.
pub const MAX_MATCHES: usize = 100_000;

/// The matches of one query in one text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// Byte offsets of the matches, ascending.
    pub matches: Vec<u32>,
    /// The match shown; meaningful when there are matches.
    pub current: usize,
    /// More than [`MAX_MATCHES`] exist.
    pub capped: bool,
}

impl Search {
    /// Every match of `query` in `text`; ASCII case is ignored unless the query has a capital letter.
    pub fn new(text: &str, query: &str) -> Search {
        let mut s = Search { query: query.to_string(), ..Search::default() };
        if query.is_empty() {
            return s;
        }
        let exact = query.chars().any(|c| c.is_ascii_uppercase());
        // ASCII lowering keeps every byte offset, so the offsets found in the copy are the text's own.
        let lowered;
        let (hay, needle) = if exact {
            (text.as_bytes(), query.to_string())
        } else {
            lowered = text.to_ascii_lowercase();
            (lowered.as_bytes(), query.to_ascii_lowercase())
        };
        for at in memchr::memmem::find_iter(hay, needle.as_bytes()) {
            if s.matches.len() == MAX_MATCHES {
                s.capped = true;
                break;
            }
            s.matches.push(at as u32);
        }
        s
    }

    /// The first match at or after byte `from` (wrapping to the first), made current; its offset.
    pub fn first_from(&mut self, from: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        self.current = self.matches.partition_point(|&m| (m as usize) < from) % self.matches.len();
        Some(self.matches[self.current] as usize)
    }

    /// The next (or previous) match, wrapping around; its offset.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        self.current = if forward { (self.current + 1) % n } else { (self.current + n - 1) % n };
        Some(self.matches[self.current] as usize)
    }

    /// The matches that start within bytes `start..end` of the text, as ranges relative to `start`, with whether
    /// each is the current one.
    pub fn in_range(&self, start: usize, end: usize) -> Vec<(usize, usize, bool)> {
        let first = self.matches.partition_point(|&m| (m as usize) < start);
        self.matches[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| (**m as usize) < end)
            .map(|(i, &m)| {
                let s = m as usize - start;
                (s, (s + self.query.len()).min(end - start), first + i == self.current)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_finds_every_match_and_steps_around() {
        let text = "Alpha beta\nALPHA gamma alpha";
        let mut s = Search::new(text, "alpha");
        assert_eq!(s.matches, [0, 11, 23]);
        assert_eq!(Search::new(text, "ALPHA").matches, [11], "a capital makes it exact");
        assert_eq!(s.first_from(12), Some(23));
        assert_eq!(s.step(true), Some(0), "wraps");
        assert_eq!(s.step(false), Some(23));
        assert_eq!(s.in_range(11, 28), vec![(0, 5, false), (12, 17, true)]);
        assert!(Search::new(text, "").matches.is_empty());
        assert_eq!(Search::new("서울 서울", "서울").matches, [0, 7]);
    }

    #[test]
    fn the_count_is_capped() {
        let s = Search::new(&"a".repeat(MAX_MATCHES + 10), "a");
        assert_eq!(s.matches.len(), MAX_MATCHES);
        assert!(s.capped);
    }
}
