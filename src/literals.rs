//! `Literals`: a set of strings found leftmost-longest in a text, fast.
//!
//! Entity names and place names are a few dozen to a few hundred literal strings, looked
//! for in every document (entity names over the whole text where it has a dominant year,
//! else only in its dated sentences, `find_within`; most text holds none. Event names,
//! dense in the few sentences they are looked for in, are matched word by word instead:
//! `phrases`). An Aho–Corasick automaton over that many
//! patterns walks every byte (about 500 MB/s here); the same strings as one regex
//! alternation run at several GB/s, because the regex crate finds candidates with SIMD
//! prefilters first. Listed longest first, the alternation's leftmost-first match is the
//! leftmost-longest one: at the leftmost position where any string matches, the first
//! alternative that matches there is the longest. So the matches are those of a
//! `MatchKind::LeftmostLongest` automaton (tested against one).

use crate::span::Span;
use std::collections::HashMap;

/// Leftmost-longest matching of literal strings; see the module docs.
#[derive(Debug, Clone)]
pub struct Literals {
    regex: regex::Regex,
    /// Per distinct string, the index of its first occurrence in the patterns given.
    index: HashMap<Box<str>, usize>,
    /// Every occurrence of the strings, overlapping or not (`find_within`); `None` if it
    /// could not be built.
    occurrences: Option<aho_corasick::AhoCorasick>,
    /// The longest string's length in bytes.
    longest: usize,
    /// The pairs of adjacent bytes inside the strings.
    pairs: Pairs,
}

/// A set of pairs of bytes: a bit each.
#[derive(Debug, Clone)]
struct Pairs(Vec<u64>);

impl Pairs {
    fn of<'a>(strings: impl Iterator<Item = &'a str>) -> Pairs {
        let mut bits = vec![0u64; 1 << 10];
        for s in strings {
            for w in s.as_bytes().windows(2) {
                if let [a, b] = *w {
                    let k = Pairs::key(a, b);
                    if let Some(word) = bits.get_mut(k / 64) {
                        *word |= 1 << (k % 64);
                    }
                }
            }
        }
        Pairs(bits)
    }

    fn key(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }

    fn holds(&self, a: u8, b: u8) -> bool {
        let k = Pairs::key(a, b);
        self.0.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

/// A match: byte offsets into the haystack and the pattern's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl Literals {
    /// The matcher of `patterns`; `None` when there is no non-empty pattern or the
    /// alternation cannot be compiled (too large: many thousands of long strings).
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Option<Literals> {
        let mut index: HashMap<Box<str>, usize> = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            if !p.is_empty() {
                index.entry(p.into()).or_insert(i);
            }
        }
        if index.is_empty() {
            return None;
        }
        let mut distinct: Vec<&str> = index.keys().map(AsRef::as_ref).collect();
        // Longest first; equal lengths in byte order, so the regex is the same every run.
        distinct.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation = distinct.iter().map(|p| regex::escape(p)).collect::<Vec<_>>().join("|");
        let regex = regex::RegexBuilder::new(&alternation).size_limit(64 << 20).build().ok()?;
        let occurrences = aho_corasick::AhoCorasick::new(&distinct).ok();
        let longest = distinct.first().map_or(0, |p| p.len());
        let pairs = Pairs::of(distinct.iter().copied());
        Some(Literals { regex, index, occurrences, longest, pairs })
    }

    /// The leftmost-longest matches in `haystack`, in order, not overlapping.
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Found> + 'a {
        self.regex.find_iter(haystack).filter_map(|m| {
            let pattern = *self.index.get(m.as_str())?;
            Some(Found { start: m.start(), end: m.end(), pattern })
        })
    }

    /// The matches of `find_iter(haystack)` that lie wholly inside one of `parts` (in
    /// order, not overlapping, on char boundaries of `haystack`), found by searching only
    /// around the parts: a few sentences of a long text cost a few sentences' search.
    ///
    /// A search started at a position no occurrence of any string runs over finds, from
    /// there on, the matches the search of the whole haystack finds (that one has no match
    /// running over the position either, so it starts afresh there too); likewise it ends
    /// at such a position. So each part is widened until no occurrence runs over either
    /// end, and what the search of the widened part finds inside the part is the answer.
    pub fn find_within(&self, haystack: &str, parts: &[Span]) -> Vec<Found> {
        let inside = |f: &Found, parts: &[Span]| parts.iter().any(|p| p.contains(Span::new(f.start, f.end)));
        let everywhere = || self.find_iter(haystack).filter(|f| inside(f, parts)).collect();
        let Some(occurrences) = &self.occurrences else { return everywhere() };
        let bytes = haystack.as_bytes();
        // The earliest start and the latest end of the occurrences that run over `at`.
        let over = |at: usize| -> Option<(usize, usize)> {
            // An occurrence over `at` holds the two bytes either side of it, next to each
            // other: most positions (a sentence's end before a line break, its start
            // after one) have two no string has.
            let (&before, &after) = (bytes.get(at.checked_sub(1)?)?, bytes.get(at)?);
            if !self.pairs.holds(before, after) {
                return None;
            }
            let from = at.saturating_sub(self.longest);
            let near = bytes.get(from..(at + self.longest).min(bytes.len()))?;
            occurrences
                .find_overlapping_iter(near)
                .map(|m| (from + m.start(), from + m.end()))
                .filter(|&(s, e)| s < at && at < e)
                .reduce(|(s, e), (s2, e2)| (s.min(s2), e.max(e2)))
        };
        let mut out = Vec::new();
        let mut parts = parts.iter().peekable();
        while let Some(first) = parts.next() {
            let mut start = first.start;
            while let Some((s, _)) = over(start) {
                start = s;
            }
            // Parts the widened one reaches, or nearly (searching the gap costs less than
            // widening another), are searched with it.
            let mut within = vec![*first];
            let mut end = first.end;
            loop {
                while let Some((_, e)) = over(end) {
                    end = e;
                }
                let Some(next) = parts.next_if(|p| p.start < end + 2 * self.longest) else { break };
                within.push(*next);
                end = end.max(next.end);
            }
            let Some(window) = haystack.get(start..end) else { return everywhere() };
            out.extend(
                self.find_iter(window)
                    .map(|f| Found { start: f.start + start, end: f.end + start, pattern: f.pattern })
                    .filter(|f| inside(f, &within)),
            );
        }
        out
    }

    /// Whether any pattern occurs in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.regex.is_match(haystack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    fn automaton(patterns: &[&str], hay: &str) -> Vec<Found> {
        let ac =
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(patterns).expect("builds");
        ac.find_iter(hay)
            .map(|m| Found { start: m.start(), end: m.end(), pattern: m.pattern().as_usize() })
            .collect()
    }

    #[test]
    fn longest_wins_at_the_leftmost_start_and_duplicates_keep_the_first_index() {
        let pats = ["port", "port arthur", "arthur", "the siege", "siege of port", "port"];
        let hay = "after the siege of port arthur, port arthur fell";
        let lit = Literals::new(&pats).expect("builds");
        let found: Vec<Found> = lit.find_iter(hay).collect();
        assert_eq!(found, automaton(&pats, hay));
        assert_eq!(found.first().map(|f| &hay[f.start..f.end]), Some("the siege"));
        assert!(found.iter().all(|f| f.pattern != 5), "a duplicate reports its first index");
    }

    #[test]
    fn empty_pattern_sets_build_nothing() {
        assert!(Literals::new::<&str>(&[]).is_none());
        assert!(Literals::new(&[""]).is_none());
    }

    /// `find_within` as its contract says: the whole haystack's matches inside a part.
    fn within_by_filter(lit: &Literals, hay: &str, parts: &[Span]) -> Vec<Found> {
        lit.find_iter(hay).filter(|f| parts.iter().any(|p| p.contains(Span::new(f.start, f.end)))).collect()
    }

    #[test]
    fn a_part_is_searched_as_the_whole_haystack_sees_it() {
        let pats = ["St. Petersburg", "Petersburg", "Tsar Nicholas II", "Nicholas II", "Port Arthur"];
        let lit = Literals::new(&pats).expect("builds");
        let hay = "They left St. Petersburg. Petersburg fell. Tsar Nicholas II came. To Port Arthur.";
        // Parts cut through "St. Petersburg" and "Tsar Nicholas II": a search of the part
        // alone would find "Petersburg" and "Nicholas II" there, the whole haystack's
        // search does not.
        let at = |s: &str| hay.find(s).expect("in hay");
        let parts = [
            Span::new(at("Petersburg. "), at(" Petersburg fell") + 16),
            Span::new(at("Nicholas II"), hay.len()),
        ];
        let found = lit.find_within(hay, &parts);
        assert_eq!(found, within_by_filter(&lit, hay, &parts));
        let names: Vec<&str> = found.iter().map(|f| &hay[f.start..f.end]).collect();
        assert_eq!(names, ["Petersburg", "Port Arthur"]);
    }

    proptest::proptest! {
        /// Whatever the parts cut through, `find_within` finds what the whole haystack's
        /// search finds inside them.
        #[test]
        fn parts_find_what_the_whole_search_finds_in_them(
            pats in proptest::collection::vec("[ab. ]{1,6}", 1..8),
            hay in "[ab. \n]{0,80}",
            cuts in proptest::collection::vec(0usize..81, 0..8),
        ) {
            let pats: Vec<&str> = pats.iter().map(String::as_str).collect();
            let Some(lit) = Literals::new(&pats) else { return Ok(()) };
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(hay.len())).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let parts: Vec<Span> = cuts.chunks_exact(2).map(|c| Span::new(c[0], c[1])).collect();
            proptest::prop_assert_eq!(lit.find_within(&hay, &parts), within_by_filter(&lit, &hay, &parts));
        }

        #[test]
        fn same_matches_as_a_leftmost_longest_automaton(
            pats in proptest::collection::vec("[abc .]{1,5}|Itō|ō", 1..12),
            hay in "[abc .ō]{0,60}",
        ) {
            let pats: Vec<&str> = pats.iter().map(String::as_str).collect();
            let lit = Literals::new(&pats).expect("builds");
            proptest::prop_assert_eq!(lit.find_iter(&hay).collect::<Vec<_>>(), automaton(&pats, &hay));
        }
    }
}
