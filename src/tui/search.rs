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
        Search::in_parts(&[text], query)
    }

    /// Every match in several texts laid end to end, each starting one byte after the previous one ends (see
    /// [`part_at`]); a match never spans two of them (an opened exchange's request and response bodies).
    pub fn in_parts(parts: &[&str], query: &str) -> Search {
        let mut s = Search { query: query.to_string(), ..Search::default() };
        if query.is_empty() {
            return s;
        }
        let exact = query.chars().any(|c| c.is_ascii_uppercase());
        let needle = if exact { query.to_string() } else { query.to_ascii_lowercase() };
        let mut base = 0;
        for text in parts {
            // ASCII lowering keeps every byte offset, so the offsets found in the copy are the text's own.
            let lowered;
            let hay = if exact {
                text.as_bytes()
            } else {
                lowered = text.to_ascii_lowercase();
                lowered.as_bytes()
            };
            for at in memchr::memmem::find_iter(hay, needle.as_bytes()) {
                if s.matches.len() == MAX_MATCHES {
                    s.capped = true;
                    return s;
                }
                s.matches.push(u32::try_from(base + at).unwrap_or(u32::MAX));
            }
            base += text.len() + 1;
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

/// Which of the texts of [`Search::in_parts`] (given their lengths) offset `at` falls in, and the offset in it.
pub fn part_at(lens: &[usize], at: usize) -> (usize, usize) {
    let mut base = 0;
    for (i, len) in lens.iter().enumerate() {
        if at <= base + len {
            return (i, at - base);
        }
        base += len + 1;
    }
    (lens.len().saturating_sub(1), at.saturating_sub(base))
}

/// The start of each part of [`Search::in_parts`] (given their lengths), in the offsets its matches use.
pub fn part_starts(lens: &[usize]) -> Vec<usize> {
    lens.iter()
        .scan(0, |base, len| {
            let start = *base;
            *base += len + 1;
            Some(start)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_searched_end_to_end_and_a_match_maps_back_to_its_part() {
        let parts = ["ab needle", "needle cd needle"];
        let s = Search::in_parts(&parts, "needle");
        assert_eq!(s.matches, [3, 10, 20]);
        let lens = [parts[0].len(), parts[1].len()];
        assert_eq!(part_at(&lens, 3), (0, 3));
        assert_eq!(part_at(&lens, 10), (1, 0));
        assert_eq!(part_at(&lens, 20), (1, 10));
        assert_eq!(part_starts(&lens), [0, 10]);
        assert!(Search::in_parts(&["ne", "edle"], "needle").matches.is_empty(), "never across two parts");
    }

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
