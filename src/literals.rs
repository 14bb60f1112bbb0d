//! `Literals`: a set of strings found leftmost-longest in a text, fast.
//!
//! Entity names and place names are a few dozen to a few hundred literal strings, looked
//! for in every document (entity names over the whole text, where most of it holds none;
//! event names, dense in the few sentences they are looked for in, are matched word by
//! word instead: `phrases`). An Aho–Corasick automaton over that many
//! patterns walks every byte (about 500 MB/s here); the same strings as one regex
//! alternation run at several GB/s, because the regex crate finds candidates with SIMD
//! prefilters first. Listed longest first, the alternation's leftmost-first match is the
//! leftmost-longest one: at the leftmost position where any string matches, the first
//! alternative that matches there is the longest. So the matches are those of a
//! `MatchKind::LeftmostLongest` automaton (tested against one).

use std::collections::HashMap;

/// Leftmost-longest matching of literal strings; see the module docs.
#[derive(Debug, Clone)]
pub struct Literals {
    regex: regex::Regex,
    /// Per distinct string, the index of its first occurrence in the patterns given.
    index: HashMap<Box<str>, usize>,
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
        Some(Literals { regex, index })
    }

    /// The leftmost-longest matches in `haystack`, in order, not overlapping.
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Found> + 'a {
        self.regex.find_iter(haystack).filter_map(|m| {
            let pattern = *self.index.get(m.as_str())?;
            Some(Found { start: m.start(), end: m.end(), pattern })
        })
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

    proptest::proptest! {
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
