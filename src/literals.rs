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
//! `MatchKind::LeftmostLongest` automaton (tested against one). Faster still is a search
//! for a rare piece of each string, with the strings compared where their pieces are
//! (`Pieces`, tested against the regex): it is used wherever the strings allow one.

use crate::span::Span;
use std::collections::{BTreeMap, HashMap};

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
    /// A piece of each string for a faster search; `None` where more than two strings are
    /// shorter than a piece, or the pieces would be too many.
    pieces: Option<Pieces>,
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
        let pieces = Pieces::new(&distinct, &index);
        Some(Literals { regex, index, occurrences, longest, pairs, pieces })
    }

    /// The leftmost-longest matches in `haystack`, in order, not overlapping.
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Found> + 'a {
        // One of the two: by the pieces where there are some, else by the regex.
        let listed = self.pieces.as_ref().map(|p| p.find_all(haystack));
        let searched = listed.is_none().then(|| self.find_by_regex(haystack));
        listed.into_iter().flatten().chain(searched.into_iter().flatten())
    }

    /// `find_iter` by the regex alone.
    fn find_by_regex<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Found> + 'a {
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
        match &self.pieces {
            Some(p) => p.is_match(haystack),
            None => self.regex.is_match(haystack),
        }
    }
}

/// The most pieces a `Pieces` search takes (Teddy takes up to 64; up to 32 it takes its
/// slim form, which reads 32 bytes at a time rather than 16).
const MOST_PIECES: usize = 64;

/// A four-byte piece of each string, as rare in prose as the string allows, found by one
/// vectorised search (Teddy), and the strings compared where their piece is. The regex
/// alternation finds its candidates by the first bytes of each name; a piece taken
/// anywhere in a name, the rarest by the letters' frequencies in English ("Witt",
/// "Kojo", "s II"), lets fewer positions through. Over the realtext books (16 MB, a
/// scratch test) the entity names are found at 3.1–4.3 GB/s this way against 2.0–3.0
/// GB/s by the regex, and the place names (lowercased, 44 pieces) in the lowercased
/// books at 1.3 GB/s against 0.66 GB/s; cut into pieces of 128 bytes, in 16 against 23
/// ms and 19 against 37 ms.
///
/// It finds every occurrence of every string: an occurrence holds its string's piece at
/// the string's offset, the search stops at every position a piece starts (all pieces
/// have four bytes, so no two start at one position), and each string holding the piece
/// there is compared. The leftmost-longest matches are then taken from the occurrences
/// in order, as the regex takes them.
#[derive(Debug, Clone)]
struct Pieces {
    searcher: aho_corasick::packed::Searcher,
    /// Per piece, in the searcher's order, the strings it stands for.
    holders: Holders,
    /// The distinct strings, each with its pattern index.
    strings: Vec<(Box<[u8]>, usize)>,
    /// The strings shorter than a piece ("Edo"), each found by a search of its own, with
    /// its pattern index.
    short: Vec<(memchr::memmem::Finder<'static>, usize)>,
}

/// Per piece, the strings it stands for, each as its index into the strings and the
/// piece's offset in it.
type Holders = Vec<Vec<(usize, usize)>>;

/// The most strings shorter than a piece a `Pieces` search takes: each is a pass over
/// the text.
const MOST_SHORT: usize = 2;

/// The length of a piece: Teddy tests up to four bytes of each.
const PIECE: usize = 4;

impl Pieces {
    /// The pieces of `distinct` (each string's pattern index in `index`) and a search of
    /// its own for each string shorter than a piece, if those are at most `MOST_SHORT` and
    /// the pieces at most `MOST_PIECES`; `None` also where the CPU has no Teddy.
    fn new(distinct: &[&str], index: &HashMap<Box<str>, usize>) -> Option<Pieces> {
        let (short, long): (Vec<&str>, Vec<&str>) = distinct.iter().partition(|s| s.len() < PIECE);
        if short.len() > MOST_SHORT || long.is_empty() {
            return None;
        }
        let short = short
            .iter()
            .map(|s| Some((memchr::memmem::Finder::new(s.as_bytes()).into_owned(), *index.get(*s)?)))
            .collect::<Option<Vec<_>>>()?;
        // Rare pieces let few positions through, and fewer pieces share Teddy's buckets
        // less: a piece may stand for every string it is nearly as rare in as the
        // string's rarest, and "nearly" widens until the pieces are few enough.
        let (chosen, holders) =
            [4.0, 16.0, 64.0].iter().find_map(|slack: &f64| cover(&long, slack.ln(), MOST_PIECES))?;
        let strings = long
            .iter()
            .map(|s| Some((Box::<[u8]>::from(s.as_bytes()), *index.get(*s)?)))
            .collect::<Option<Vec<_>>>()?;
        let searcher = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&chosen)
            .build()?;
        Some(Pieces { searcher, holders, strings, short })
    }

    /// Every occurrence in `haystack` of every string, handed to `found` in no particular
    /// order until it says to stop (`false`).
    fn occurrences(&self, haystack: &str, mut found: impl FnMut(Found) -> bool) {
        let bytes = haystack.as_bytes();
        let mut at = 0;
        while let Some(m) = self.searcher.find_in(bytes, aho_corasick::Span { start: at, end: bytes.len() }) {
            for &(s, offset) in self.holders.get(m.pattern().as_usize()).into_iter().flatten() {
                let (Some((string, pattern)), Some(start)) =
                    (self.strings.get(s), m.start().checked_sub(offset))
                else {
                    continue;
                };
                let end = start + string.len();
                if bytes.get(start..end) == Some(string) && !found(Found { start, end, pattern: *pattern }) {
                    return;
                }
            }
            at = m.start() + 1;
        }
        // Overlapping ones too ("\\\\\\" in "\\\\\\\\" at both starts), as the pieces
        // find them: `find_iter` goes on after each match's end, and the leftmost-longest
        // match may be one that overlaps an earlier occurrence.
        for (finder, pattern) in &self.short {
            let len = finder.needle().len();
            let mut at = 0;
            while let Some(start) = bytes.get(at..).and_then(|rest| finder.find(rest)).map(|p| at + p) {
                if !found(Found { start, end: start + len, pattern: *pattern }) {
                    return;
                }
                at = start + 1;
            }
        }
    }

    /// `Literals::find_iter` over `haystack`: every occurrence, then the leftmost-longest.
    fn find_all(&self, haystack: &str) -> Vec<Found> {
        let mut occurrences: Vec<Found> = Vec::new();
        self.occurrences(haystack, |f| {
            occurrences.push(f);
            true
        });
        // Leftmost first, and at one start the longest.
        occurrences.sort_unstable_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut free = 0;
        occurrences.retain(|f| {
            let kept = f.start >= free;
            if kept {
                free = f.end;
            }
            kept
        });
        occurrences
    }

    /// Whether any string occurs in `haystack`.
    fn is_match(&self, haystack: &str) -> bool {
        let mut any = false;
        self.occurrences(haystack, |_| {
            any = true;
            false
        });
        any
    }
}

/// A greedy cover of `strings` (each at least `PIECE` bytes) by pieces: each piece is one
/// of a string's windows of `PIECE` bytes at most `slack` (the log of a factor) more
/// common than its rarest, and stands for every string it is such a window of. Of the
/// windows of the first string not covered yet, the one that stands for the most strings
/// not covered is taken, then the rarer, then the first in byte order. Returns the pieces
/// and, per piece, its strings (index into `strings`) with the piece's offset in each;
/// `None` if it takes more than `most` pieces, or a string is left without one (one
/// shorter than `PIECE`).
fn cover<'s>(strings: &[&'s str], slack: f64, most: usize) -> Option<(Vec<&'s [u8]>, Holders)> {
    // Per string, its windows that are rare enough: (piece, commonness); and per such
    // piece, the strings it is a window of, with its first offset in each.
    let mut windows: Vec<Vec<(&[u8], f64)>> = Vec::with_capacity(strings.len());
    let mut strings_of: BTreeMap<&[u8], Vec<(usize, usize)>> = BTreeMap::new();
    for (k, s) in strings.iter().enumerate() {
        let all: Vec<(&[u8], usize, f64)> = s
            .as_bytes()
            .windows(PIECE)
            .enumerate()
            .map(|(at, w)| (w, at, w.iter().map(|&b| commonness(b)).sum()))
            .collect();
        let rarest = all.iter().map(|w| w.2).fold(f64::INFINITY, f64::min);
        let mut kept: Vec<(&[u8], f64)> = Vec::new();
        for &(piece, at, common) in all.iter().filter(|w| w.2 <= rarest + slack) {
            let list = strings_of.entry(piece).or_default();
            if list.last().is_none_or(|&(last, _)| last != k) {
                list.push((k, at));
                kept.push((piece, common));
            }
        }
        windows.push(kept);
    }
    let mut covered = vec![false; strings.len()];
    let mut pieces = Vec::new();
    let mut holders = Vec::new();
    for i in 0..strings.len() {
        if covered.get(i).copied().unwrap_or(true) {
            continue;
        }
        // The strings not covered yet that `piece` stands for, with its offset in each.
        let uncovered = |piece: &[u8]| {
            let list = strings_of.get(piece).map_or(&[][..], Vec::as_slice);
            list.iter().filter(|(k, _)| !covered.get(*k).copied().unwrap_or(true)).copied()
        };
        let best = windows
            .get(i)
            .into_iter()
            .flatten()
            .map(|&(piece, common)| (piece, common, uncovered(piece).count()))
            .min_by(|a, b| b.2.cmp(&a.2).then(a.1.total_cmp(&b.1)).then(a.0.cmp(b.0)));
        let (piece, _, _) = best?;
        let these: Vec<(usize, usize)> = uncovered(piece).collect();
        for (k, _) in &these {
            if let Some(c) = covered.get_mut(*k) {
                *c = true;
            }
        }
        if pieces.len() == most {
            return None;
        }
        pieces.push(piece);
        holders.push(these);
    }
    Some((pieces, holders))
}

/// How common byte `b` is in English prose, as the natural log of a rough count per
/// thousand bytes: letters by their usual frequencies, capitals about a thirtieth of
/// their small letters, the space most common of all. Only the order matters: it picks
/// the rarest piece of a string.
fn commonness(b: u8) -> f64 {
    // Per thousand small letters, a to z.
    const LETTERS: [f64; 26] = [
        82.0, 15.0, 28.0, 43.0, 127.0, 22.0, 20.0, 61.0, 70.0, 2.0, 8.0, 40.0, 24.0, 67.0, 75.0, 19.0, 1.0,
        60.0, 63.0, 91.0, 28.0, 10.0, 24.0, 2.0, 20.0, 1.0,
    ];
    let per_thousand = match b {
        b'a'..=b'z' => LETTERS.get(usize::from(b - b'a')).map_or(1.0, |f| f * 0.8),
        b'A'..=b'Z' => LETTERS.get(usize::from(b - b'A')).map_or(1.0, |f| f * 0.8 / 30.0),
        b' ' => 180.0,
        b'.' | b',' => 10.0,
        b'0'..=b'9' => 3.0,
        b'\n' | b'-' | b'\'' | b'"' => 3.0,
        0x80.. => 1.0,
        _ => 0.5,
    };
    f64::ln(per_thousand)
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

    #[test]
    fn a_long_haystack_is_searched_by_pieces_with_the_same_matches() {
        // "Emperor Kojong" has a rarer piece than "Emperor", so at its start the shorter
        // string's piece is found first.
        let pats =
            ["Edo", "St. Petersburg", "Petersburg", "Port Arthur", "Arthur", "Emperor Kojong", "Emperor"];
        let lit = Literals::new(&pats).expect("builds");
        let pieces = lit.pieces.as_ref().expect("every string has a piece or is short");
        // Each string holds its piece where the piece says: the search finds that piece
        // there.
        for (k, holders) in pieces.holders.iter().enumerate() {
            for &(s, at) in holders {
                let window = pieces.strings[s].0.get(at..at + PIECE).expect("inside the string");
                assert_eq!(pieces.searcher.find(window).map(|m| m.pattern().as_usize()), Some(k));
            }
        }
        assert_eq!(pieces.holders.iter().map(Vec::len).sum::<usize>(), pats.len() - 1, "Edo is short");
        let para = "In Edo and in St. Petersburg the Emperor Kojong heard of Port Arthur. \
                    Arthur wrote from Petersburg; Port Arthurs. Edoardo. The Emperor. ";
        let hay = para.repeat(60);
        let found: Vec<Found> = lit.find_iter(&hay).collect();
        assert_eq!(found, lit.find_by_regex(&hay).collect::<Vec<_>>());
        assert_eq!(found, automaton(&pats, &hay));
        let first: Vec<&str> = found.iter().take(6).map(|f| &hay[f.start..f.end]).collect();
        assert_eq!(first, ["Edo", "St. Petersburg", "Emperor Kojong", "Port Arthur", "Arthur", "Petersburg"]);
    }

    /// A string shorter than a piece is found at every start, overlapping ones too: the
    /// leftmost-longest match after a longer one may overlap an earlier occurrence of it
    /// ("aaa" at 4 after "aaaa" at 0, though "aaa" also starts at 0 and 3; a literals
    /// fuzz find, with backslashes).
    #[test]
    fn a_short_string_is_found_where_it_overlaps_an_earlier_occurrence() {
        for (pats, hay) in [(["aaaa", "aaa"], "aaaaaaa"), (["\\\\\\\\", "\\\\\\"], " 4\n\\\\\\\\\\\\\\Y")] {
            let lit = Literals::new(&pats).expect("builds");
            assert!(lit.pieces.is_some(), "{pats:?}");
            let found: Vec<Found> = lit.find_iter(hay).collect();
            assert_eq!(found, automaton(&pats, hay), "{hay:?}");
            assert_eq!(found.len(), 2, "{hay:?}: {found:?}");
        }
    }

    #[test]
    fn strings_with_too_many_pieces_are_searched_by_the_regex() {
        // A hundred names that share no four bytes need a hundred pieces.
        let pats: Vec<String> = (0..100u8)
            .map(|i| {
                let [a, b] = [b'A' + i / 26 % 26, b'a' + i % 26];
                format!("{}{}q{}{}z", a as char, b as char, b as char, a as char)
            })
            .collect();
        let lit = Literals::new(&pats).expect("builds");
        assert!(lit.pieces.is_none());
        let hay: String = pats.iter().rev().map(|p| format!("{p}, ")).collect();
        let found: Vec<Found> = lit.find_iter(&hay).collect();
        assert_eq!(found.len(), 100);
        assert_eq!(found, automaton(&pats.iter().map(String::as_str).collect::<Vec<_>>(), &hay));
        assert!(lit.is_match(&hay));
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

        /// The pieces' search finds what the regex finds, over text dense with
        /// overlapping occurrences of the strings and of their pieces.
        #[test]
        fn pieces_find_what_the_regex_finds(
            long in proptest::collection::vec("[ab .ō]{4,9}", 1..10),
            short in proptest::collection::vec("[abō]{1,3}", 0..3),
            hay in "[ab .ōx]{0,200}",
        ) {
            let pats: Vec<&str> = long.iter().chain(&short).map(String::as_str).collect();
            let lit = Literals::new(&pats).expect("builds");
            let pieces = lit.pieces.as_ref();
            proptest::prop_assert!(pieces.is_some(), "no pieces for {:?}", pats);
            let found = pieces.map(|p| p.find_all(&hay)).unwrap_or_default();
            proptest::prop_assert_eq!(&found, &lit.find_by_regex(&hay).collect::<Vec<_>>());
            proptest::prop_assert_eq!(lit.is_match(&hay), lit.regex.is_match(&hay));
            proptest::prop_assert_eq!(found, automaton(&pats, &hay));
        }
    }
}
