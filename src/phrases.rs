//! `Phrases`: event names and description words found on word boundaries in folded text,
//! one table lookup per word.
//!
//! Text folded for matching (`claims::mentions`) is lowercase ASCII words separated by
//! single spaces and punctuation. A name can only start where a word starts and must end
//! where one ends, so instead of an automaton over every byte (a few hundred patterns with
//! dense hits: "japan", "treaty", "war"), each word of the text is hashed once and looked
//! up among the first words of the patterns; only on a hit are the few patterns that
//! start with that word compared. On a run of relevant sentences that is several times
//! faster than the regex alternation it replaced, whose candidates, most of them thrown
//! away again at a word boundary, came at nearly every word.
//!
//! What it finds: scanning left to right, at each word start the longest pattern that
//! occurs there, ends at a word boundary and is not turned down by the caller
//! (`for_each_kept_until`); the scan goes on after it, so the matches of one set do not
//! overlap. A word byte is an ASCII letter or digit, or `\x01` (what folding makes of a
//! letter it cannot spell in ASCII).

use std::collections::HashMap;

/// Whether `b` is part of a word of folded text.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == 1
}

/// `is_word_byte` of every byte.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == 1;
        b += 1;
    }
    t
};

/// Sets of patterns, indexed by their first word. Each set is matched on its own (its
/// matches do not overlap each other, but may overlap another set's), all in one pass.
#[derive(Debug, Clone)]
pub struct Phrases {
    /// Per first word (by `word_hash`): the patterns that start with it, longest first.
    by_first: HashMap<u64, Vec<Entry>, BuildWordHash>,
    /// The first words' `word_hash`: most words of a text start no pattern, and one bit
    /// test turns them away before the map is asked.
    filter: WordFilter,
    sets: usize,
    /// The length of the longest pattern, in bytes.
    longest: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    bytes: Box<[u8]>,
    set: usize,
    /// The index of the pattern in its set, as given.
    pattern: usize,
}

/// A match of a pattern of one set: byte offsets into the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub set: usize,
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The number of bits in a `WordFilter` (a power of two).
const FILTER_BITS: u64 = 1 << 16;

/// A bit per hash of a word, modulo the filter's length: a set of words that may answer
/// "maybe" for a word not in it, never "no" for one that is.
#[derive(Debug, Clone)]
pub(crate) struct WordFilter(Vec<u64>);

impl WordFilter {
    pub(crate) fn new() -> Self {
        WordFilter(vec![0; (FILTER_BITS / 64) as usize])
    }

    /// Adds the word of hash `h`.
    pub(crate) fn insert(&mut self, h: u64) {
        let bit = h % FILTER_BITS;
        if let Some(w) = self.0.get_mut((bit / 64) as usize) {
            *w |= 1 << (bit % 64);
        }
    }

    /// Whether a word of hash `h` may have been added.
    pub(crate) fn may_hold(&self, h: u64) -> bool {
        let bit = h % FILTER_BITS;
        self.0.get((bit / 64) as usize).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}

/// Whether the byte after a match at `end` of `bytes` ends a word.
fn ends_word(bytes: &[u8], end: usize) -> bool {
    !bytes.get(end).copied().is_some_and(is_word_byte)
}

impl Phrases {
    /// The matcher of `sets` of patterns (folded text, as found in folded text). Leading
    /// bytes that are not word bytes are dropped from a pattern, since a match starts at a
    /// word; a pattern of none is left out, and a pattern given twice in a set keeps its
    /// first index. `None` when no pattern is left.
    pub fn new<P: AsRef<str>>(sets: &[&[P]]) -> Option<Phrases> {
        let mut by_first: HashMap<u64, Vec<Entry>, BuildWordHash> = HashMap::default();
        let mut filter = WordFilter::new();
        for (set, patterns) in sets.iter().enumerate() {
            for (index, p) in patterns.iter().enumerate() {
                let bytes = p.as_ref().as_bytes();
                let start = bytes.iter().position(|&b| is_word_byte(b)).unwrap_or(bytes.len());
                let Some(pattern) = bytes.get(start..).filter(|p| !p.is_empty()) else { continue };
                let first_len = pattern.iter().position(|&b| !is_word_byte(b)).unwrap_or(pattern.len());
                let h = word_hash(pattern.get(..first_len).unwrap_or(&[]));
                let list = by_first.entry(h).or_default();
                if list.iter().any(|e| e.set == set && *e.bytes == *pattern) {
                    continue;
                }
                // Longest first; among equal lengths, in the order given.
                let at = list.partition_point(|e| e.bytes.len() >= pattern.len());
                list.insert(at, Entry { bytes: pattern.into(), set, pattern: index });
                filter.insert(h);
            }
        }
        if by_first.is_empty() {
            return None;
        }
        let longest = by_first.values().flatten().map(|e| e.bytes.len()).max().unwrap_or(0);
        Some(Phrases { by_first, filter, sets: sets.len(), longest })
    }

    /// Calls `found` with each match in `folded`, in order of start (see the module docs).
    pub fn for_each(&self, folded: &str, found: impl FnMut(Hit)) {
        let mut scan = self.scan();
        self.for_each_until(folded, folded.len(), &mut scan, found);
    }

    /// The state of a scan done in parts (`for_each_until`), at its start.
    pub fn scan(&self) -> Scan {
        Scan { free: vec![0; self.sets] }
    }

    /// The length of the longest pattern, in bytes.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// `for_each` over one part of a longer folded text: the matches that start before
    /// `stop` in `folded`, which starts where the part does, at a word start, and runs on
    /// past `stop` by more than `longest()` bytes (or to the end of the text). `scan`
    /// carries over what the parts before found, and leaves this part's matches for the
    /// next one, which starts at `stop` (where no word may start nor end). The matches
    /// are those `for_each` finds in the whole text there.
    pub fn for_each_until(&self, folded: &str, stop: usize, scan: &mut Scan, mut found: impl FnMut(Hit)) {
        self.for_each_kept_until(folded, stop, scan, |hit| {
            found(hit);
            true
        });
    }

    /// `for_each_until` where `found` may turn a match down (`false`): the scan then goes
    /// on as if the pattern had not occurred there, with a shorter one at the same start
    /// or the next word, so a match turned down hides none after it.
    pub fn for_each_kept_until(
        &self,
        folded: &str,
        stop: usize,
        scan: &mut Scan,
        mut found: impl FnMut(Hit) -> bool,
    ) {
        let bytes = folded.as_bytes();
        // Per set, where its last match ended: a set's next match starts there or later.
        let free = &mut scan.free;
        let mut at = 0;
        while at < stop.min(bytes.len()) {
            // The next word, [start, at): one table lookup per byte.
            while bytes.get(at).is_some_and(|&b| !WORD_BYTE[usize::from(b)]) {
                at += 1;
            }
            if at >= stop.min(bytes.len()) {
                break;
            }
            let start = at;
            while bytes.get(at).is_some_and(|&b| WORD_BYTE[usize::from(b)]) {
                at += 1;
            }
            let h = word_hash(bytes.get(start..at).unwrap_or(&[]));
            if !self.filter.may_hold(h) {
                continue;
            }
            let Some(list) = self.by_first.get(&h) else { continue };
            let tail = bytes.get(start..).unwrap_or(&[]);
            for (set, free) in free.iter_mut().enumerate().filter(|(_, f)| **f <= start) {
                let mut hits = list.iter().filter(|e| {
                    e.set == set && tail.starts_with(&e.bytes) && ends_word(bytes, start + e.bytes.len())
                });
                if let Some(e) =
                    hits.find(|e| found(Hit { set, start, end: start + e.bytes.len(), pattern: e.pattern }))
                {
                    *free = start + e.bytes.len();
                }
            }
        }
        // The next part starts at `stop`.
        for f in free.iter_mut() {
            *f = f.saturating_sub(stop);
        }
    }
}

/// Where each set of a scan done in parts may match next, from the start of the next part.
#[derive(Debug, Clone)]
pub struct Scan {
    free: Vec<usize>,
}

/// A hash of one word, eight bytes at a time (the words of a text are short).
pub(crate) fn word_hash(word: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        // The last part-filled chunk, zero-padded as a whole one would be.
        h = (h.rotate_left(23) ^ crate::swar::load(tail)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// The map's hasher: the key is already a `word_hash`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BuildWordHash;

#[derive(Debug, Default)]
pub(crate) struct WordHasher(u64);

impl std::hash::BuildHasher for BuildWordHash {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used (the key is a u64); anything else is still hashed.
        self.0 = word_hash(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `find_iter` must find, the slow way: at each word start, every pattern tried.
    fn reference(patterns: &[&str], hay: &str) -> Vec<Hit> {
        let b = hay.as_bytes();
        let cleaned: Vec<&[u8]> = patterns
            .iter()
            .map(|p| {
                let p = p.as_bytes();
                p.get(p.iter().position(|&c| is_word_byte(c)).unwrap_or(p.len())..).unwrap_or(&[])
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let starts_word =
                b.get(i).copied().is_some_and(is_word_byte) && (i == 0 || !is_word_byte(b[i - 1]));
            let best = starts_word
                .then(|| {
                    cleaned
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| !p.is_empty() && b[i..].starts_with(p))
                        .filter(|(_, p)| !b.get(i + p.len()).copied().is_some_and(is_word_byte))
                        // Longest, then the first given.
                        .max_by_key(|(k, p)| (p.len(), std::cmp::Reverse(*k)))
                })
                .flatten();
            match best {
                Some((k, p)) => {
                    out.push(Hit { set: 0, start: i, end: i + p.len(), pattern: k });
                    i += p.len();
                }
                None => i += 1,
            }
        }
        out
    }

    fn all(sets: &[&[&str]], hay: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        if let Some(p) = Phrases::new(sets) {
            p.for_each(hay, |h| out.push(h));
        }
        out
    }

    #[test]
    fn longest_on_word_boundaries_and_never_inside_a_word() {
        let pats = ["port", "port arthur", "arthur", "war", "japan", "russo japanese war", "port"];
        let hay = "the russo japanese war at port arthurs and port arthur; japanese, prewar japan.";
        let hits = all(&[&pats], hay);
        let found: Vec<&str> = hits.iter().map(|f| &hay[f.start..f.end]).collect();
        assert_eq!(found, ["russo japanese war", "port", "port arthur", "japan"]);
        assert_eq!(hits, reference(&pats, hay));
        assert!(hits.iter().all(|f| f.pattern != 6), "a duplicate reports its first index");
    }

    #[test]
    fn a_longest_pattern_that_ends_inside_a_word_gives_way_to_a_shorter_one() {
        // "port arthur" ends inside "arthurian": the shorter "port" is the match.
        let found = all(&[&["port arthur", "port"]], "port arthurian");
        assert_eq!(found, [Hit { set: 0, start: 0, end: 4, pattern: 1 }]);
    }

    #[test]
    fn patterns_with_no_word_build_nothing() {
        assert!(Phrases::new::<&str>(&[]).is_none());
        assert!(Phrases::new::<&str>(&[&[]]).is_none());
        assert!(Phrases::new(&[&["", " .", "'"]]).is_none());
    }

    proptest::proptest! {
        #[test]
        fn same_matches_as_trying_every_pattern_at_every_word(
            pats in proptest::collection::vec("[ab .\x01']{1,6}", 1..12),
            hay in "[ab .\x01']{0,60}",
        ) {
            let pats: Vec<&str> = pats.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(all(&[&pats], &hay), reference(&pats, &hay));
        }

        #[test]
        fn each_set_matches_as_if_it_were_alone(
            a in proptest::collection::vec("[ab .\x01']{1,6}", 1..8),
            b in proptest::collection::vec("[ab .\x01']{1,6}", 1..8),
            hay in "[ab .\x01']{0,60}",
        ) {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let b: Vec<&str> = b.iter().map(String::as_str).collect();
            let both = all(&[&a, &b], &hay);
            let of = |set: usize| both.iter().filter(|h| h.set == set).map(|h| Hit { set: 0, ..*h }).collect::<Vec<_>>();
            proptest::prop_assert_eq!(of(0), reference(&a, &hay));
            proptest::prop_assert_eq!(of(1), reference(&b, &hay));
        }
    }
}
