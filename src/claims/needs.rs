//! `Needs`: the words a sentence must hold to name a known event.
//!
//! On book-length text most dated sentences name no event (on the 100 MiB bench corpus,
//! 2,133 of 47,686), yet every one was folded and matched against every name, description
//! and place: the costliest per-byte step of the per-document stage. Every way `Matcher`
//! finds a known event needs words of the sentence itself: all words of a name or alias,
//! a word of every group of a description, a place name with one of its cue verbs, or an
//! anaphor noun ("the city") with one. A dated sentence holding none of these sets of
//! words makes no claim, and is not matched (`Matcher::may_name`).
//!
//! The test is a necessary condition, never a verdict: a sentence holding the words may
//! still name nothing. Words are whole words of the sentence's ASCII-lowercased text,
//! folded where it has bytes beyond ASCII, so that they are the words the matcher sees
//! whatever the case, line breaks, dashes or accents. The scan takes eight bytes at a
//! time (`swar`) and looks up a word only if a one-bit filter lets it through, several
//! times faster than folding and matching (`phrases`).

use crate::phrases::{is_word_byte, word_hash, BuildWordHash, WordFilter};
use crate::swar::{ascii_letter_bits, digit_bits, first_bytes, gather, load, zero_bits, HIGH_BITS, ONES};
use std::collections::HashMap;

/// Words shorter than this are left out of a name's need ("of", "a"): in nearly every
/// sentence, they would rule nothing out and cost a lookup each.
const SHORT: usize = 3;

/// Every word of every need, by `word_hash`: the word and its id.
type Table = HashMap<u64, Vec<(Box<[u8]>, usize)>, BuildWordHash>;

/// The words a sentence must hold for a known event to be named in it: needs, each of
/// groups of alternative words; a need is met where a word of each of its groups is.
#[derive(Debug, Clone)]
pub struct Needs {
    words: Table,
    /// The words of eight bytes or fewer, by their bytes: what most lookups ask for.
    short: ShortWords,
    /// The words' `quick_hash`: most words of a text are no need's, and one bit test
    /// turns them away before the map is asked.
    filter: WordFilter,
    /// The lengths of the shortest and the longest word.
    lengths: (usize, usize),
    /// Per word id, the groups it meets: (need, the group's bit).
    meets: Vec<Vec<(u32, u8)>>,
    /// Per need, the bits of all its groups.
    full: Vec<u8>,
}

/// Words of up to eight bytes by their bytes as a `u64` (zero past the word's end, which
/// no word byte is): an open-addressing table, one multiplication and a load or two per
/// lookup, where the map hashes the word and compares bytes. Most words of a text that
/// pass the filter are short.
#[derive(Debug, Clone)]
struct ShortWords {
    /// (word, id); a word of 0 marks an empty slot. At most half the slots are used.
    slots: Vec<(u64, usize)>,
}

impl ShortWords {
    fn new(words: impl ExactSizeIterator<Item = (u64, usize)>) -> ShortWords {
        let size = (2 * words.len()).next_power_of_two().max(2);
        let mut table = ShortWords { slots: vec![(0, 0); size] };
        for (key, id) in words {
            let mut i = table.slot(key);
            while table.slots.get(i).is_some_and(|&(k, _)| k != 0 && k != key) {
                i = (i + 1) & (size - 1);
            }
            if let Some(slot) = table.slots.get_mut(i) {
                *slot = (key, id);
            }
        }
        table
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// The id of the word whose bytes are `key`.
    #[inline]
    fn get(&self, key: u64) -> Option<usize> {
        if key == 0 {
            return None; // no word: the key of an empty slot
        }
        let mut i = self.slot(key);
        loop {
            match self.slots.get(i) {
                Some(&(k, id)) if k == key => return Some(id),
                Some(&(0, _)) | None => return None,
                Some(_) => i = (i + 1) & (self.slots.len() - 1),
            }
        }
    }
}

/// Words in nearly every sentence of English prose.
const COMMON: [&str; 12] =
    ["the", "and", "for", "with", "from", "into", "that", "this", "was", "were", "his", "its"];

/// Groups of a need kept, at most: one bit each in a byte.
const GROUPS: usize = 8;

/// A hash of a word of `len` bytes whose first eight are `first8`, for the filter: one
/// multiplication, where `word_hash` takes one per eight bytes and a copy.
fn quick_hash(first8: u64, len: usize) -> u64 {
    (first8 ^ (len as u64).rotate_left(59)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48
}

/// The first eight bytes of `bytes[start..end]`, zero past `end`.
#[inline]
fn first8(bytes: &[u8], start: usize, end: usize) -> u64 {
    // The bits of the first `end - start` bytes (at least one, at most eight).
    let keep = first_bytes((end - start).clamp(1, 8));
    load(bytes.get(start..).unwrap_or_default()) & keep
}

/// Bit `i` set where byte `i` of `x` may be part of a word of folded text: an ASCII
/// letter or digit, `\x01`, or a byte beyond ASCII (which may fold to a letter).
fn run_bits(x: u64) -> u8 {
    gather(ascii_letter_bits(x) | digit_bits(x) | (x & HIGH_BITS) | zero_bits(x ^ ONES))
}

/// Calls `f` with each maximal run of bytes `run_bits` marks, in order, as (start, end),
/// until it returns `true`; whether one did. Sixty-four bytes at a time: a mask of them,
/// and the runs from where the mask changes; no branch per byte.
fn for_each_run(bytes: &[u8], mut f: impl FnMut(usize, usize) -> bool) -> bool {
    let mut open: Option<usize> = None;
    for (c, chunk) in bytes.chunks(64).enumerate() {
        let mask = run_mask(chunk);
        // A bit wherever a byte differs in class from the byte before: a run starts or
        // ends there. Past the end of a short last chunk the mask is clear, so a run
        // open there ends at the text's end.
        let mut changes = mask ^ ((mask << 1) | u64::from(open.is_some()));
        while changes != 0 {
            let at = c * 64 + changes.trailing_zeros() as usize;
            changes &= changes - 1;
            match open.take() {
                None => open = Some(at),
                Some(start) => {
                    if f(start, at) {
                        return true;
                    }
                }
            }
        }
    }
    open.is_some_and(|start| f(start, bytes.len()))
}

/// Bit `k` set where byte `k` of `chunk` (at most 64 bytes) may be part of a word
/// (`run_bits`); clear past its end.
fn run_mask(chunk: &[u8]) -> u64 {
    if let Ok(full) = <&[u8; 64]>::try_from(chunk) {
        return run_mask_64(full);
    }
    let mut mask = 0u64;
    for (k, eight) in chunk.chunks(8).enumerate() {
        mask |= u64::from(run_bits(load(eight))) << (8 * k);
    }
    mask
}

/// `run_mask` of 64 bytes, sixteen at a time (SSE2 on x86-64, by the `wide` crate): a
/// byte is in a run if it is an ASCII letter or digit (each a range test: the byte less
/// the range's start, at most its width), `\x01`, or beyond ASCII (its high bit, which
/// `move_mask` reads off directly): a dozen vector operations for sixteen bytes, where
/// `run_bits` takes about as many for eight.
#[inline(always)]
fn run_mask_64(chunk: &[u8; 64]) -> u64 {
    use wide::u8x16;
    let in_range = |v: u8x16, start: u8, width: u8| {
        let t = v - u8x16::splat(start);
        t.min(u8x16::splat(width)).cmp_eq(t)
    };
    let mut mask = 0u64;
    for (k, part) in chunk.chunks_exact(16).enumerate() {
        let v = u8x16::new(part.try_into().unwrap_or_default());
        let letter = in_range(v | u8x16::splat(0x20), b'a', 25);
        let digit = in_range(v, b'0', 9);
        let one = v.cmp_eq(u8x16::splat(1));
        // `move_mask` sets the low 16 bits, one per byte: its top bit.
        let bits = ((letter | digit | one).move_mask() | v.move_mask()) as u16;
        mask |= u64::from(bits) << (16 * k);
    }
    mask
}

/// What `Needs::met_in` marks as it scans a text: the words seen and the groups met of
/// each need, each with the call that marked it (`stamp`), so that a call starts with
/// nothing marked without clearing anything. Kept per thread: a pair of zeroed lists made
/// for every call (two sentences or windows per dated block) were a fifth of the test's
/// cost, in `calloc` and `free`.
#[derive(Debug, Default)]
struct Marks {
    stamp: u32,
    /// Per word id, the call that saw it.
    seen: Vec<u32>,
    /// Per need, the call that last met a group of it, and the groups that call met.
    met: Vec<(u32, u8)>,
}

impl Marks {
    /// The stamp of a new call over `words` words and `needs` needs.
    fn next(&mut self, words: usize, needs: usize) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Every stamp was used: what older calls marked could pass for this one's.
            self.seen.fill(0);
            self.met.fill((0, 0));
            self.stamp = 1;
        }
        if self.seen.len() < words {
            self.seen.resize(words, 0);
        }
        if self.met.len() < needs {
            self.met.resize(needs, (0, 0));
        }
        self.stamp
    }
}

thread_local! {
    static MARKS: std::cell::RefCell<Marks> = std::cell::RefCell::default();
}

/// A need under construction: groups of alternative words.
pub(super) type Groups = Vec<Vec<String>>;

/// The words of a folded pattern ("treaty of portsmouth": "treaty", "of", "portsmouth").
fn words_of(pattern: &str) -> impl Iterator<Item = &str> {
    pattern.split(|c: char| !(c.is_ascii() && is_word_byte(c as u8))).filter(|w| !w.is_empty())
}

/// The longest word of a folded pattern (the first of equal length), or "" for none.
pub(super) fn longest_word(pattern: &str) -> &str {
    words_of(pattern).fold("", |best, w| if w.len() > best.len() { w } else { best })
}

/// The need of a name: each of its distinct words of `SHORT` bytes or more, and then its
/// longest shorter words until it has two ("sha ho"), or all it has.
pub(super) fn name_need(pattern: &str) -> Groups {
    let mut words: Vec<&str> = words_of(pattern).collect();
    // Longest first; equal lengths in byte order.
    words.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let long = words.iter().filter(|w| w.len() >= SHORT).count();
    words.truncate(long.max(2));
    words.into_iter().map(|w| vec![w.to_string()]).collect()
}

/// The need of a description, from its groups of alternative patterns: every group, each
/// alternative by its longest word.
pub(super) fn description_need(groups: &[Vec<&str>]) -> Groups {
    groups.iter().map(|alts| alts.iter().map(|a| longest_word(a).to_string()).collect()).collect()
}

impl Needs {
    /// The test for `needs`; `None` when there is none, or a need has an empty group or
    /// word: a caller then rules nothing out (`Matcher::may_name`).
    pub(super) fn new(needs: &[Groups]) -> Option<Needs> {
        let mut words: Vec<String> = Vec::new();
        // Each word's id, its index in `words`, where a search of the list for each word
        // was quadratic in the words of every name and description.
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut meets: Vec<Vec<(u32, u8)>> = Vec::new();
        let mut full = Vec::with_capacity(needs.len());
        for (n, need) in needs.iter().enumerate() {
            if need.is_empty() || need.iter().any(|g| g.is_empty() || g.iter().any(String::is_empty)) {
                return None;
            }
            let n = u32::try_from(n).ok()?;
            // Groups of only common words rule out nearly nothing, yet each of their
            // words in a text costs a lookup: a need keeps them only if it has no other.
            let rare: Vec<&Vec<String>> =
                need.iter().filter(|g| !g.iter().all(|w| COMMON.contains(&w.as_str()))).collect();
            let need: Vec<&Vec<String>> = if rare.is_empty() { need.iter().collect() } else { rare };
            // A need of more than `GROUPS` groups keeps that many: still a need.
            let groups = need.get(..GROUPS).unwrap_or(&need);
            for (bit, group) in groups.iter().enumerate() {
                for w in group.iter() {
                    let id = *ids.entry(w.clone()).or_insert_with(|| {
                        words.push(w.clone());
                        meets.push(Vec::new());
                        words.len() - 1
                    });
                    if let Some(list) = meets.get_mut(id) {
                        list.push((n, 1 << bit));
                    }
                }
            }
            full.push(u8::MAX >> (GROUPS - groups.len()));
        }
        if full.is_empty() {
            return None;
        }
        let mut table = Table::default();
        let mut filter = WordFilter::new();
        for (id, w) in words.iter().enumerate() {
            let h = word_hash(w.as_bytes());
            table.entry(h).or_default().push((w.as_bytes().into(), id));
            filter.insert(quick_hash(first8(w.as_bytes(), 0, w.len()), w.len()));
        }
        let lengths = (
            words.iter().map(String::len).min().unwrap_or(0),
            words.iter().map(String::len).max().unwrap_or(0),
        );
        let short: Vec<(u64, usize)> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.len() <= 8)
            .map(|(id, w)| (first8(w.as_bytes(), 0, w.len()), id))
            .collect();
        let short = ShortWords::new(short.into_iter());
        Some(Needs { words: table, short, filter, lengths, meets, full })
    }

    /// The id of `word` (whole, folded) if it is a need's; `first8`, its first eight
    /// bytes (zero past its end), for the filter.
    #[inline]
    fn id(&self, word: &[u8], first8: u64) -> Option<usize> {
        if !self.may_hold(word.len(), first8) {
            return None;
        }
        self.id_of_held(word, first8)
    }

    /// Whether a word of `len` bytes that starts with `first8` may be a need's: its length
    /// is one a need's word has, and the filter lets it through. Most words are turned
    /// away here.
    #[inline]
    fn may_hold(&self, len: usize, first8: u64) -> bool {
        len >= self.lengths.0 && len <= self.lengths.1 && self.filter.may_hold(quick_hash(first8, len))
    }

    /// `id` of a word `may_hold` let through.
    #[inline]
    fn id_of_held(&self, word: &[u8], first8: u64) -> Option<usize> {
        if word.len() <= 8 {
            return self.short.get(first8);
        }
        self.lookup(word)
    }

    /// The id of `word` if it is a need's, from the map.
    #[cold]
    fn lookup(&self, word: &[u8]) -> Option<usize> {
        let h = word_hash(word);
        self.words.get(&h)?.iter().find(|(w, _)| **w == *word).map(|(_, id)| *id)
    }

    /// Whether some need is met in `text`, ASCII-lowercased: its words are those of the
    /// folded text. A run of word bytes and bytes beyond ASCII is folded (`fold`) only
    /// where it has one of the latter; folding a run alone folds it as in its text, since
    /// folding maps each character on its own.
    pub fn met_in(&self, text: &str, fold: impl Fn(&str) -> String) -> bool {
        MARKS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut marks) => self.met_in_marked(text, &fold, &mut marks),
            Err(_) => self.met_in_marked(text, &fold, &mut Marks::default()),
        })
    }

    /// `met_in`, marking in `marks`.
    fn met_in_marked(&self, text: &str, fold: &impl Fn(&str) -> String, marks: &mut Marks) -> bool {
        let stamp = marks.next(self.meets.len(), self.full.len());
        let Marks { seen, met, .. } = marks;
        // Per word, whether it was seen; per need, the groups met so far. A word meets its
        // groups once, when first seen; the scan stops at the first need met whole.
        let mut hit = |id: Option<usize>| -> bool {
            let Some((id, s)) = id.and_then(|id| Some((id, seen.get_mut(id)?))) else { return false };
            if std::mem::replace(s, stamp) == stamp {
                return false;
            }
            self.meets.get(id).into_iter().flatten().any(|&(n, bit)| {
                let n = n as usize;
                match (met.get_mut(n), self.full.get(n)) {
                    (Some((marked, m)), Some(full)) => {
                        if std::mem::replace(marked, stamp) != stamp {
                            *m = 0;
                        }
                        *m |= bit;
                        *m == *full
                    }
                    _ => false,
                }
            })
        };
        let bytes = text.as_bytes();
        // Most text is ASCII throughout: one test of it, not one per run.
        if text.is_ascii() {
            return self.met_in_ascii(bytes, &mut hit);
        }
        for_each_run(bytes, |start, end| {
            let run = bytes.get(start..end).unwrap_or_default();
            if run.is_ascii() {
                return hit(self.id(run, first8(bytes, start, end)));
            }
            // Bytes beyond ASCII come whole: the run starts and ends on char boundaries.
            let folded = fold(text.get(start..end).unwrap_or(""));
            let f = folded.as_bytes();
            let mut at = 0;
            f.split(|&b| !is_word_byte(b)).any(|w| {
                let met = hit(self.id(w, first8(f, at, at + w.len())));
                at += w.len() + 1;
                met
            })
        })
    }

    /// `met_in_marked`'s scan of ASCII text, `hit` called with the id of each word that is
    /// a need's, until it returns `true`. Sixty-four bytes at a time: the starts and ends of
    /// the runs of word bytes (`run_bits`) from masks, and of each word the tests that turn
    /// most words away (its length, the filter) made without a branch, the words that pass
    /// kept in a list. Only those are looked up. (A call and two branches per word, taken
    /// or not as the words of the text fell, made the scan slow.)
    fn met_in_ascii(&self, bytes: &[u8], hit: &mut impl FnMut(Option<usize>) -> bool) -> bool {
        // Where the run that is open at a chunk's start started, if one is.
        let mut open: Option<usize> = None;
        // The words of a chunk that pass the tests, as (start, end, first eight bytes):
        // a chunk of 64 bytes holds at most 32 words, and one more that started before it.
        let mut kept = [(0usize, 0usize, 0u64); 33];
        for (c, chunk) in bytes.chunks(64).enumerate() {
            let mask = run_mask(chunk);
            let before = (mask << 1) | u64::from(open.is_some());
            let mut starts = mask & !before;
            // A run ends where a byte not in one follows one; past the end of a short
            // last chunk the mask is clear, so a run open there ends at the text's end.
            let mut ends = !mask & before;
            let base = c * 64;
            let mut n = 0;
            while ends != 0 {
                let end = (base + ends.trailing_zeros() as usize).min(bytes.len());
                ends &= ends - 1;
                let start = match open.take() {
                    Some(start) => start,
                    None => {
                        let s = base + starts.trailing_zeros() as usize;
                        starts &= starts.wrapping_sub(1);
                        s
                    }
                };
                let first = first8(bytes, start, end);
                let passes = self.may_hold(end - start, first);
                if let Some(slot) = kept.get_mut(n) {
                    *slot = (start, end, first);
                }
                n += usize::from(passes);
            }
            if starts != 0 {
                open = Some(base + starts.trailing_zeros() as usize);
            }
            for &(start, end, first) in kept.get(..n).unwrap_or_default() {
                if hit(self.id_of_held(bytes.get(start..end).unwrap_or_default(), first)) {
                    return true;
                }
            }
        }
        // A run open at the end of the last full chunk ends at the text's end.
        match open {
            Some(start) if start < bytes.len() => {
                let word = bytes.get(start..).unwrap_or_default();
                hit(self.id(word, first8(bytes, start, bytes.len())))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(list: &[Groups]) -> Needs {
        Needs::new(list).expect("needs")
    }

    fn g(words: &[&[&str]]) -> Groups {
        words.iter().map(|alts| alts.iter().map(|w| w.to_string()).collect()).collect()
    }

    /// Folds as `mentions::fold` does the few characters these tests use.
    fn fold(run: &str) -> String {
        run.replace('é', "e").replace(['\u{2019}'], "'").replace('\u{2014}', " ").replace('“', "\u{1}")
    }

    fn met(n: &Needs, text: &str) -> bool {
        n.met_in(text, fold)
    }

    #[test]
    fn marks_left_by_earlier_calls_and_stamps_that_wrap_change_nothing() {
        let n = needs(&[g(&[&["treaty"], &["portsmouth"]]), g(&[&["yalu"]])]);
        let texts = ["the treaty of portsmouth", "the treaty", "portsmouth", "on the yalu", "nothing here"];
        let fresh: Vec<bool> =
            texts.iter().map(|t| n.met_in_marked(t, &fold, &mut Marks::default())).collect();
        assert_eq!(fresh, [true, false, false, true, false]);
        // Each call follows one that marked other words; the stamp wraps on the way.
        let mut marks = Marks { stamp: u32::MAX - 2, ..Marks::default() };
        for _ in 0..3 {
            for (text, &want) in texts.iter().zip(&fresh) {
                assert_eq!(n.met_in_marked(text, &fold, &mut marks), want, "{text}");
            }
        }
        assert!(marks.stamp < 20, "the stamp wrapped");
    }

    #[test]
    fn a_name_needs_its_words_of_three_bytes_or_more() {
        assert_eq!(name_need("treaty of portsmouth"), g(&[&["portsmouth"], &["treaty"]]));
        assert_eq!(
            name_need("first sino japanese war"),
            g(&[&["japanese"], &["first"], &["sino"], &["war"]])
        );
        assert_eq!(name_need("war war"), g(&[&["war"]]));
        // Fewer than two long words: the longest short ones make up two.
        assert_eq!(name_need("sha ho"), g(&[&["sha"], &["ho"]]));
        assert_eq!(name_need("yalu"), g(&[&["yalu"]]));
    }

    #[test]
    fn a_description_needs_a_word_of_every_group() {
        let need =
            description_need(&[vec!["japan", "japanese"], vec!["perry", "commodore perry"], vec!["arrived"]]);
        assert_eq!(need, g(&[&["japan", "japanese"], &["perry", "commodore"], &["arrived"]]));
    }

    #[test]
    fn every_group_of_a_need_must_be_met_by_a_whole_word() {
        let n = needs(&[g(&[&["portsmouth"], &["treaty"]]), g(&[&["ketteler"], &["murdered", "killed"]])]);
        assert!(met(&n, "the treaty was signed at portsmouth."));
        assert!(met(&n, "portsmouth:\n\"treaty\""));
        assert!(!met(&n, "the treaty was signed at kanagawa."));
        assert!(!met(&n, "the treaties were signed at portsmouth."));
        assert!(!met(&n, "retreaty portsmouthian"));
        assert!(met(&n, "baron von ketteler was killed"));
        assert!(met(&n, "murdered: ketteler"));
        assert!(!met(&n, "ketteler was shot"));
        assert!(!met(&n, ""));
    }

    #[test]
    fn words_beyond_ascii_are_looked_up_folded() {
        let n = needs(&[g(&[&["shimonoseki"], &["treaty"]]), g(&[&["japan"], &["perry"]])]);
        assert!(met(&n, "the treaty of shimonoséki"));
        // "’" folds to an apostrophe, which ends a word; an em dash to a space.
        assert!(met(&n, "perry\u{2019}s ships\u{2014}japan"));
        assert!(met(&n, "treaty\u{2014}shimonoseki"));
        // "“" folds to a word byte, which joins it to the word after: no whole word there.
        assert!(!met(&n, "the “treaty of “shimonoseki"));
    }

    #[test]
    fn groups_of_only_common_words_are_dropped_unless_nothing_else_is_left() {
        // "the boxer rebellion": "the" in nearly every sentence rules nothing out.
        let n = needs(&[g(&[&["rebellion"], &["boxer"], &["the"]])]);
        assert!(met(&n, "a boxer rebellion broke out"));
        assert!(!met(&n, "the rebellion broke out"));
        // A need of common words only keeps them.
        let n = needs(&[g(&[&["the"], &["and", "with"]])]);
        assert!(met(&n, "the men and boys"));
        assert!(!met(&n, "the men"));
        // Dropped groups free their bits: a need of nine groups, one common, keeps the
        // eight others.
        let nine: Vec<String> = (1..=8).map(|k| format!("w{k}")).collect();
        let mut groups: Groups = nine.iter().map(|w| vec![w.clone()]).collect();
        groups.insert(0, vec!["from".to_string()]);
        let n = needs(&[groups]);
        assert!(met(&n, &nine.join(" ")));
        assert!(!met(&n, &nine.get(1..).unwrap_or_default().join(" ")));
    }

    #[test]
    fn every_word_is_found_by_its_id_whatever_its_length() {
        // Words of one to twelve bytes, enough of them that slots of the short table collide.
        let words: Vec<String> = (0..600).map(|i| format!("{}{i}", "w".repeat(i % 9))).collect();
        let n = needs(&words.iter().map(|w| vec![vec![w.clone()]]).collect::<Vec<_>>());
        for (i, w) in words.iter().enumerate() {
            let got = n.id(w.as_bytes(), first8(w.as_bytes(), 0, w.len()));
            assert_eq!(
                got.and_then(|id| n.meets.get(id)).map(|m| m.as_slice()),
                Some(&[(i as u32, 1)][..]),
                "{w}"
            );
            for other in [format!("{w}x"), format!("x{w}")] {
                if !words.contains(&other) {
                    assert_eq!(
                        n.id(other.as_bytes(), first8(other.as_bytes(), 0, other.len())),
                        None,
                        "{other}"
                    );
                }
            }
        }
        assert!(met(&n, "in wwww4 and"), "a need of one short word is met");
        assert!(!met(&n, "in wwww44 and"));
    }

    #[test]
    fn no_need_or_an_empty_one_rules_nothing_out() {
        assert!(Needs::new(&[]).is_none());
        assert!(Needs::new(&[g(&[&["treaty"]]), Vec::new()]).is_none());
        assert!(Needs::new(&[g(&[&["treaty"], &[]])]).is_none());
    }

    /// The runs `for_each_run` finds, the slow way: a byte at a time.
    fn runs_by_byte(bytes: &[u8]) -> Vec<(usize, usize)> {
        let in_run = |b: u8| b >= 0x80 || b.is_ascii_alphanumeric() || b == 1;
        let mut out = Vec::new();
        let mut open = None;
        for (i, &b) in bytes.iter().enumerate() {
            match (open, in_run(b)) {
                (None, true) => open = Some(i),
                (Some(s), false) => {
                    out.push((s, i));
                    open = None;
                }
                _ => {}
            }
        }
        out.extend(open.map(|s| (s, bytes.len())));
        out
    }

    #[test]
    fn first8_is_the_start_of_a_word_zero_padded() {
        let b = b"abcdefghij xy";
        assert_eq!(first8(b, 0, 10), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(first8(b, 11, 13), u64::from_le_bytes(*b"xy\0\0\0\0\0\0"));
        assert_eq!(first8(b, 2, 5), u64::from_le_bytes(*b"cde\0\0\0\0\0"));
    }

    proptest::proptest! {
        #[test]
        fn for_each_run_finds_the_runs_a_byte_at_a_time_does(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just(b'a'), proptest::prelude::Just(b' '), proptest::prelude::Just(0x01u8),
                proptest::prelude::Just(0xc3u8), proptest::prelude::Just(b'7'), proptest::prelude::Just(b'-'),
                proptest::prelude::any::<u8>(),
            ], 0..300),
        ) {
            let mut got = Vec::new();
            for_each_run(&bytes, |s, e| {
                got.push((s, e));
                false
            });
            proptest::prop_assert_eq!(got, runs_by_byte(&bytes));
        }

        /// The scan of ASCII text reports the need words a look at every run reports, in
        /// order, and stops where that look does: texts of need words, words that share
        /// their start, words past eight bytes and of one byte, with runs of separators
        /// and "\x01", at every offset from a chunk's end.
        #[test]
        fn the_ascii_scan_reports_the_words_every_run_gives(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    "treaty", "portsmouth", "war", "japan", "shimonoseki", "treatys", "wa", "x",
                    "portsmouths", "japanese", "7", "1904", "\u{1}treaty",
                ]),
                proptest::sample::select(vec![" ", "  ", ".", "-", "\n", "\u{1}", "' "]),
            ], 0..80),
            pad in 0usize..70,
            stop_after in 0usize..6,
        ) {
            let n = needs(&[
                g(&[&["portsmouth"], &["treaty"]]),
                g(&[&["shimonoseki"], &["japan", "war"]]),
                g(&[&["japanese"], &["treatys"]]),
            ]);
            let text = format!("{}{}", " ".repeat(pad), pieces.concat());
            let bytes = text.as_bytes();
            // Reports each need word's id, and says stop at the `stop_after`-th.
            let record = |ids: &mut Vec<usize>, id: Option<usize>| {
                ids.extend(id);
                id.is_some() && ids.len() > stop_after
            };
            let mut want = Vec::new();
            let want_stop = runs_by_byte(bytes).into_iter().any(|(s, e)| {
                let word = bytes.get(s..e).unwrap_or_default();
                record(&mut want, n.id(word, first8(bytes, s, e)))
            });
            let mut got = Vec::new();
            let got_stop = n.met_in_ascii(bytes, &mut |id| record(&mut got, id));
            proptest::prop_assert_eq!(got, want);
            proptest::prop_assert_eq!(got_stop, want_stop);
        }
    }
}
