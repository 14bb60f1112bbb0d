//! The fast part of the tagger: a pre-scan for what an expression needs (numbers of four
//! digits, or with a suffix or an era; capitalised month names; "century", "decade"; units
//! and parts of the day next to a step or a direction: "the following year", "the next
//! morning", "two years later"; "today" and "ago" where the time of writing is known)
//! that yields small regions of text around them, and a tokenizer for those regions. Text
//! with no trigger is never tokenized. Two tests hold what the regions give to what the
//! whole text gives: over real texts (`grammar::tests`), and over generated phrases of
//! time, so a trigger rule that drops what some production reads fails them.
//!
//! The scan skips text with no trigger quickly (a literal search over coded text for the
//! words, a 64-byte test for digits; see `regions`): it is what keeps `tag` fast on long
//! texts (benches/tagger.rs).

use crate::swar::{ascii_letter_bits, digit_bits, load, HIGH_BITS};
use std::sync::LazyLock;

/// Bytes kept before a digit: enough for "until the beginning of the".
const LEFT: usize = 32;
/// Bytes kept before a trigger word: enough for "the beginning of the seventeenth".
const LEFT_OF_WORD: usize = 56;
/// Bytes kept after a trigger: enough for "1904 (Old Style)" or "years afterwards".
const RIGHT: usize = 40;

/// Words that trigger a region when a word starts with them, in any context: centuries and
/// decades ("the nineteenth century").
const WORDS: [&[u8]; 2] = [b"centur", b"decade"];
/// The days named from the time of writing: they trigger only where it is known
/// (`Writing`).
const DEICTIC: [&[u8]; 3] = [b"today", b"yesterday", b"tomorrow"];
/// Units of time that are common words ("all day", "in those years", "the day of the
/// battle"): one triggers a region only where a production can read it (`counted`). Four
/// regions in five that they made gave no expression.
const COUNTED_UNITS: [&[u8]; 6] = [b"day", b"days", b"year", b"years", b"month", b"months"];
/// Words of time that productions read without a number or a month ("a fortnight later",
/// "the next morning", "the following spring"). They are common words, so one triggers a
/// region only after a step word or before a word that counts from it (`stepped`), as
/// every such expression has them. Without them, such an expression was read only where
/// another trigger happened to stand near it.
const STEPPED_WORDS: [&[u8]; 10] = [
    b"week",
    b"fortnight",
    b"morning",
    b"evening",
    b"night",
    b"afternoon",
    b"spring",
    b"summer",
    b"autumn",
    b"winter",
];
/// Words before a `STEPPED_WORDS` word or a unit that make it a trigger, besides the
/// grammar's steps ("the next morning", "the same day", `is_step`): those that point
/// ("that day", "this year", "last winter").
const POINTING: [&str; 3] = ["that", "this", "last"];
/// Words after one that make it a trigger ("a week later", "the night before").
const STEPS_AFTER: [&[u8]; 7] =
    [b"later", b"afterwards", b"afterward", b"after", b"before", b"earlier", b"ago"];

/// Whether the time of writing is known (the document's date, or the day a "today in
/// history" page is about): only then can "today", "yesterday", "tomorrow" and "ago" be
/// read (`Grammar::deictic_day`, `Grammar::relative`), and only then do they trigger. Most
/// documents of a corpus have no date of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Writing(pub bool);

/// Where a trigger ends if one starts at `at` (a word start), else `None`: any trigger
/// word, where a hit of the word search tries those of its pattern (`Family::trigger_at`).
#[cfg(test)]
fn trigger_at(bytes: &[u8], at: usize, writing: Writing) -> Option<usize> {
    Family::of_words(|_| true).trigger_at(bytes, at, writing)
}

/// The trigger words that one pattern of the word search (`search_patterns`) stands for:
/// those whose first four codes it is. A word that is one of them, or starts with one,
/// has those codes, so a hit of the pattern need only be tried against these (no two
/// patterns hit at one place: each is four codes, and they differ). (Tried
/// against every list, a hit cost a dozen string tests, and most hits are common words
/// that share a trigger's codes: "after", "may", "even".)
#[derive(Debug)]
struct Family {
    /// Some month word (a name, its first three letters, "sept") is of the family.
    month: bool,
    /// Its `WORDS` and `DEICTIC` (`true`: needs the time of writing), in that order.
    words: Vec<(&'static [u8], bool)>,
    /// Its `COUNTED_UNITS`.
    counted: Vec<&'static [u8]>,
    /// Its `STEPPED_WORDS`.
    stepped: Vec<&'static [u8]>,
}

impl Family {
    /// The trigger words whose first four codes (`four_codes`) `keep` keeps.
    fn of_words(keep: impl Fn(&[u8]) -> bool) -> Family {
        let words = WORDS.iter().map(|w| (*w, false)).chain(DEICTIC.iter().map(|w| (*w, true)));
        Family {
            month: month_words().any(|w| keep(&four_codes(w))),
            words: words.filter(|(w, _)| keep(&four_codes(w))).collect(),
            counted: COUNTED_UNITS.iter().copied().filter(|w| keep(&four_codes(w))).collect(),
            stepped: STEPPED_WORDS.iter().copied().filter(|w| keep(&four_codes(w))).collect(),
        }
    }

    /// Where a trigger of the family ends if one starts at `at` (a word start), else
    /// `None`. The lists are tried in this order whatever the family.
    fn trigger_at(&self, bytes: &[u8], at: usize, writing: Writing) -> Option<usize> {
        let rest = bytes.get(at..)?;
        // The word's ASCII letters (a letter of another script after them makes another
        // word to the tokenizer; taking them for the word only makes a region too many).
        let word = rest.get(..rest.iter().take_while(|b| b.is_ascii_alphabetic()).count())?;
        let starts = |w: &[u8]| word.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w));
        // A month is a word the tokenizer reads as one ("May", "Sept", "JULY"; not "Mark").
        if self.month
            && word.first().is_some_and(u8::is_ascii_uppercase)
            && classify_window(&WORD_TABLE, window_of(word), word.len()).0 != 0
        {
            return Some(at + word.len());
        }
        let mut words = self.words.iter().filter(|(_, deictic)| writing.0 || !deictic);
        if let Some((w, _)) = words.find(|(w, _)| starts(w)) {
            return Some(at + w.len());
        }
        if is_one(word, &self.counted) {
            return counted(bytes, at, writing).then_some(at + word.len());
        }
        self.stepped.iter().find(|w| starts(w)).filter(|_| stepped(bytes, at, writing)).map(|w| at + w.len())
    }
}

/// Whether `word` is one of `list`, in any case.
fn is_one(word: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `word` steps from a time or points to one ("following", "ensuing", "same",
/// "that"): the grammar's own lists, so that a step it learns triggers too.
fn is_step(word: &[u8]) -> bool {
    use super::grammar::{STEPS_AHEAD, STEPS_BACK, STEP_NONE};
    let steps = STEPS_AHEAD.iter().chain(&STEPS_BACK).chain([&STEP_NONE]).chain(&POINTING);
    steps.into_iter().any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
}

/// Whether the ASCII byte `b` is a gap to the tokenizer: white space or a control
/// character.
fn ascii_gap(b: u8) -> bool {
    b <= b' ' || b == 0x7f
}

/// Whether the tokenizer takes `c` for a gap between words: white space or a control
/// character.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// The length of the character at the start of `bytes` if it is a gap (`is_gap`), else 0:
/// read off its bytes, for the pre-scan, which does not decode (a test holds the two
/// equal for every character).
fn gap_char(bytes: &[u8]) -> usize {
    match *bytes {
        [b, ..] if ascii_gap(b) => 1,
        // U+0080 to U+00A0: the controls beyond ASCII and the no-break space.
        [0xc2, 0x80..=0xa0, ..] => 2,
        // U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
        [0xe1, 0x9a, 0x80, ..]
        | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The bytes of the gap (`gap_char`s) that `bytes` starts with.
fn gap_after(bytes: &[u8]) -> usize {
    let mut len = 0;
    while let Some(n) = bytes.get(len..).map(gap_char).filter(|&n| n > 0) {
        len += n;
    }
    len
}

/// The bytes of the gap (`gap_char`s) that ends at `end`.
fn gap_before(bytes: &[u8], end: usize) -> usize {
    let mut len = 0;
    loop {
        let at = end - len;
        match bytes.get(..at).and_then(<[u8]>::last) {
            Some(&b) if ascii_gap(b) => len += 1,
            // A gap character beyond ASCII is two or three bytes long, and its first byte
            // (0xC2 to 0xE3) continues no character: the one that ends here is found by
            // its length.
            Some(&b) if b >= 0x80 => {
                let n = (2..=3).find(|&n| at >= n && bytes.get(at - n..at).is_some_and(|c| gap_char(c) == n));
                match n {
                    Some(n) => len += n,
                    None => return len,
                }
            }
            _ => return len,
        }
    }
}

/// The word before the word at `at`, the word before that, and the word after it, each
/// across a gap only (white space or control characters, as the tokenizer takes them):
/// empty where anything else stands between.
fn neighbours(bytes: &[u8], at: usize) -> [&[u8]; 3] {
    // The word that ends where the gap before `end` starts, and where it starts.
    let before = |end: usize| -> (&[u8], usize) {
        let head = bytes.get(..end).unwrap_or_default();
        let stop = head.len() - gap_before(head, head.len());
        let letters =
            head.get(..stop).unwrap_or_default().iter().rev().take_while(|b| b.is_ascii_alphabetic());
        let start = stop - letters.count();
        (head.get(start..stop).unwrap_or_default(), start)
    };
    let (first, start) = before(at);
    let second = if first.is_empty() { &[][..] } else { before(start).0 };
    let rest = bytes.get(at..).unwrap_or_default();
    let rest = rest.get(rest.iter().take_while(|b| b.is_ascii_alphabetic()).count()..).unwrap_or_default();
    let rest = rest.get(gap_after(rest)..).unwrap_or_default();
    let after = rest.get(..rest.iter().take_while(|b| b.is_ascii_alphabetic()).count());
    [first, second, after.unwrap_or_default()]
}

/// Whether `word` is one of `STEPS_AFTER`; "ago" only where the time of writing is known.
fn is_direction(word: &[u8], writing: Writing) -> bool {
    is_one(word, &STEPS_AFTER) && (writing.0 || !word.eq_ignore_ascii_case(b"ago"))
}

/// Whether the word at `at` follows a step (`is_step`) or comes before a direction
/// (`is_direction`), with white space between them.
fn stepped(bytes: &[u8], at: usize, writing: Writing) -> bool {
    let [before, _, after] = neighbours(bytes, at);
    between_steps(before, after, writing)
}

/// Whether `before` is a step or `after` a direction: what `stepped` asks of the words
/// around a word, and `counted` too.
fn between_steps(before: &[u8], after: &[u8], writing: Writing) -> bool {
    is_step(before) || is_direction(after, writing)
}

/// Whether a production can read the unit of time at `at`: after a step ("the following
/// year", "that day"), before a direction ("two years later", "the day before"), or after
/// "of the" or "in the" ("the end of the year", "early in the year"). Every other
/// production that reads a unit reads a number or a month near it, which makes a region
/// of its own.
fn counted(bytes: &[u8], at: usize, writing: Writing) -> bool {
    let [before, second, after] = neighbours(bytes, at);
    between_steps(before, after, writing)
        || (before.eq_ignore_ascii_case(b"the") && is_one(second, &[b"of", b"in"]))
        || (after.eq_ignore_ascii_case(b"of") && is_ordinal_word(before))
}

/// Whether `word` is an ordinal in words ("fifth"; the "fifth" of "twenty-fifth"): "the
/// fourth year of Taisho", "the twenty-fifth day of the fifth month" (`Grammar::era_date`).
fn is_ordinal_word(word: &[u8]) -> bool {
    use super::grammar::ORDINALS;
    (5..=11).contains(&word.len())
        && (ORDINALS.iter().any(|o| word.eq_ignore_ascii_case(o.as_bytes()))
            || word.eq_ignore_ascii_case(b"thirtieth"))
}

/// Bytes of text coded and searched at a time: small enough to stay in the L1/L2 cache.
const BLOCK: usize = 16 * 1024;
/// Bytes coded past the end of a block, so that a word starting in it is seen whole (the
/// search looks for four codes of a trigger word, `search_patterns`).
const OVERLAP: usize = 8;
/// Bytes tested at once for a digit.
const CHUNK: usize = 64;

/// Byte ranges of `text` worth tokenizing, in order, not overlapping, on char boundaries.
///
/// Triggers are the runs of ASCII digits `number_triggers` accepts and, at a word start
/// (the byte before is not an ASCII letter), the words `trigger_at` accepts. Text is read
/// a block at a time: its trigger words are found by a literal search (`WordSearch`), its
/// digits by testing 64 bytes at once and then 8 at a time, and both are fed in order to
/// `Merge`.
#[cfg(test)]
pub(crate) fn regions(text: &str, writing: Writing) -> Vec<(usize, usize)> {
    regions_reaching(text, writing).into_iter().map(|(s, e, _)| (s, e)).collect()
}

/// `regions`, each with where its last trigger ends: no expression starts at or after it
/// (every expression holds a trigger, and one starting after a region's last trigger
/// would hold one of its own, in another region), so the grammar tries none there.
pub(crate) fn regions_reaching(text: &str, writing: Writing) -> Vec<(usize, usize, usize)> {
    regions_with(text, &WORD_SEARCH, BLOCK, writing)
}

/// `regions_reaching` with another search or block size (tests use both).
fn regions_with(
    text: &str,
    search: &WordSearch,
    block_len: usize,
    writing: Writing,
) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut merge = Merge { len: bytes.len(), done: Vec::new(), current: None };
    let mut coded = Coded {
        codes: Vec::with_capacity(block_len + OVERLAP),
        letters: Vec::with_capacity(block_len + OVERLAP + 1),
    };
    let mut words = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + block_len.max(1)).min(bytes.len());
        search.triggers(bytes, start, end, writing, &mut coded, &mut words);
        let mut words = words.iter().copied().peekable();
        let block = bytes.get(start..end).unwrap_or_default();
        let mut c = 0;
        // The chunks with a digit, each found by a loop of its own over those without
        // (most of them), which keeps its few values in registers.
        while let Some(skipped) =
            block.get(c * CHUNK..).and_then(|rest| rest.chunks(CHUNK).position(any_digit))
        {
            c += skipped;
            let chunk = block.get(c * CHUNK..).unwrap_or_default();
            let chunk = chunk.get(..CHUNK).unwrap_or(chunk);
            for (w, eight) in chunk.chunks(8).enumerate() {
                let mut digits = digit_bits(load(eight));
                while digits != 0 {
                    let at = start + c * CHUNK + w * 8 + (digits.trailing_zeros() / 8) as usize;
                    digits &= digits - 1;
                    let Some(end) = number_at(bytes, at) else { continue };
                    while let Some((word_at, word_end)) = words.next_if(|&(word_at, _)| word_at < at) {
                        merge.push(word_at, word_end, LEFT_OF_WORD);
                    }
                    merge.push(at, end, LEFT);
                }
            }
            c += 1;
        }
        for (word_at, word_end) in words {
            merge.push(word_at, word_end, LEFT_OF_WORD);
        }
        start = end;
    }
    merge.finish(text)
}

/// Whether `chunk` (at most `CHUNK` bytes) holds an ASCII digit. No early exit: a test of
/// all the bytes vectorises, and a whole chunk is tested as an array, whose length the
/// compiler knows, so the loop is unrolled with no code for a tail.
#[inline(always)]
fn any_digit(chunk: &[u8]) -> bool {
    match <&[u8; CHUNK]>::try_from(chunk) {
        Ok(whole) => whole.iter().fold(false, |any, b| any | b.is_ascii_digit()),
        Err(_) => chunk.iter().any(u8::is_ascii_digit),
    }
}

/// Where the run of digits that starts at `at` ends, if it starts there (the first digit
/// of a run decides for the run) and triggers (`number_triggers`).
fn number_at(bytes: &[u8], at: usize) -> Option<usize> {
    if at > 0 && bytes.get(at - 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let end = at + bytes.get(at..).unwrap_or_default().iter().take_while(|b| b.is_ascii_digit()).count();
    number_triggers(bytes, at, end).then_some(end)
}

/// Whether the run of digits `bytes[start..end]` can be part of an expression: a number
/// of four digits or more, one with letters right after it ("19th", "23d", "1890s"), or
/// one beside an era ("480 BC", "559 B.C.", "A.D. 70", "AD 70"). The grammar reads a
/// plain number of one to three digits only beside one of these, or beside a month or a
/// unit of time ("5 May", "150 years ago"), which makes a region of its own. Page
/// numbers, counts of men and guns, and footnote marks make none: over /tmp/b49, nine in
/// ten of the regions such numbers made gave no expression.
fn number_triggers(bytes: &[u8], start: usize, end: usize) -> bool {
    if end - start >= 4 {
        return true;
    }
    let after = bytes.get(end..).unwrap_or_default();
    // A suffix ("th", "s", "'s"), or a byte of another script the tokenizer may glue on.
    if after.first().is_some_and(|&b| b.is_ascii_alphabetic() || b == b'\'' || !b.is_ascii()) {
        return true;
    }
    // An era after: BC, BCE, AD, CE, or their first letter, a dot and the next letter as
    // a word of its own, "A. D." (`Grammar::era`), across gaps as the tokenizer takes
    // them. "2 A.M." and "9.30 A.M." are times of day, and their numbers start nothing.
    if let [a, b, rest @ ..] = after.get(gap_after(after)..).unwrap_or_default() {
        let dotted = |letter: u8| {
            let rest = rest.get(gap_after(rest)..).unwrap_or_default();
            rest.first() == Some(&letter) && !rest.get(1).is_some_and(u8::is_ascii_alphabetic)
        };
        let era = match (a, b) {
            (b'A' | b'B' | b'C', b'C' | b'D' | b'E') => true,
            (first, b'.') => {
                super::grammar::DOTTED_ERAS.iter().any(|&(f, second)| f == *first && dotted(second))
            }
            _ => false,
        };
        if era {
            return true;
        }
    }
    // An era before, which is never BC.
    era_ends(bytes.get(..start - gap_before(bytes, start)).unwrap_or_default())
}

/// Whether `head` may end with an era that a number after it reads with
/// (`Grammar::era`, which is never BC there): AD, CE, A.D., C.E., or their last period
/// left out, or a gap before the second letter ("A.D 468", "A. D. 1264"). Loose: a test
/// of the last bytes, not of the words; the grammar decides.
fn era_ends(head: &[u8]) -> bool {
    let head = head.strip_suffix(b".").unwrap_or(head);
    let [rest @ .., b'D' | b'E'] = head else { return false };
    if matches!(rest, [.., b'A' | b'C']) {
        return true;
    }
    let rest = rest.get(..rest.len() - gap_before(rest, rest.len())).unwrap_or_default();
    matches!(rest, [.., b'A' | b'C', b'.'])
}

/// Triggers, in order, merged into regions as they come.
struct Merge {
    len: usize,
    /// Regions: where they start and end, where the first trigger in them starts and
    /// where the last ends.
    done: Vec<(usize, usize, usize, usize)>,
    current: Option<(usize, usize, usize, usize)>,
}

impl Merge {
    /// A trigger at `at..end`, keeping `left` bytes before it and `RIGHT` after. Triggers
    /// come in order, but a word keeps more before it than a number does, so a word's
    /// reach may start before the region it joins, or before regions already closed: those
    /// it reaches are merged into it ("the second half of the" and a run of control bytes
    /// before "19th century": the number's reach stops short, the word's does not).
    fn push(&mut self, at: usize, end: usize, left: usize) {
        let (mut s, e) = (at.saturating_sub(left), (end + RIGHT).min(self.len));
        let (mut first, mut last) = (at, end);
        let mut reach = e;
        if let Some((cs, ce, f, l)) = self.current.take() {
            if s <= ce {
                (s, reach, first, last) = (s.min(cs), ce.max(e), f, l.max(end));
            } else {
                self.done.push((cs, ce, f, l));
            }
        }
        while let Some(&(ds, de, f, l)) = self.done.last().filter(|d| s <= d.1) {
            self.done.pop();
            (s, reach, first, last) = (s.min(ds), reach.max(de), f, last.max(l));
        }
        self.current = Some((s, reach, first, last));
    }

    /// Snap to whitespace so that no word is cut, and keep the regions apart.
    fn finish(mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        self.done.extend(self.current);
        let mut floor = 0;
        let mut snapped: Vec<(usize, usize, usize)> = Vec::with_capacity(self.done.len());
        for (s, e, first, last) in self.done {
            let s = s.max(floor);
            // After the first whitespace from `s` on, unless that passes the first trigger
            // (a long run with no space: "pg889-der-ling-two-years-in-the-forbidden-city-
            // 1911.txt"); then after the last whitespace before `s`.
            let s = match snap_start(bytes, s) {
                after if after <= first => after,
                _ => bytes
                    .get(floor..s)
                    .and_then(|head| (0..head.len()).rev().find_map(|p| gap_end(head, p)))
                    .map_or(floor, |end| floor + end),
            };
            let e = snap_end(text, e);
            // The region before may have reached over this one's first triggers, its end
            // snapped past them: it reads them, and its reach goes as far as theirs.
            if first < floor {
                if let Some((_, before_end, reach)) = snapped.last_mut() {
                    *reach = (*reach).max(last.min(*before_end));
                }
            }
            if s < e {
                snapped.push((s, e, last.min(e)));
                floor = e;
            }
        }
        snapped
    }
}

/// The search for trigger words. A case-insensitive search for many short words at word
/// starts is slow with an automaton, and a vectorised literal search (Teddy) on the raw
/// bytes is too vague: its nibble fingerprints see little more than "a lowercase letter".
/// So the text is first coded, one byte per pair of adjacent bytes (`pair_code`, blind to
/// case and to which non-letter it is); a word start followed by the letters of a
/// trigger is then a string of literal code bytes, which Teddy finds quickly. The code is a
/// hash (27 × 27 pairs into 256 values), so a hit is only a candidate: `trigger_at`
/// decides, and the search goes on one byte after each hit rather than after its end.
struct WordSearch {
    finder: Finder,
    /// Per pattern, by its index in `search_patterns`, the trigger words it stands for.
    families: Vec<Family>,
}

/// The search of `WordSearch`.
enum Finder {
    /// SIMD Teddy, where the CPU has it (x86-64 with SSSE3, aarch64).
    Teddy(aho_corasick::packed::Searcher),
    /// An automaton, elsewhere.
    Automaton(aho_corasick::AhoCorasick),
}

static WORD_SEARCH: LazyLock<WordSearch> = LazyLock::new(|| WordSearch::new(true));

/// A block of text coded for the word search, and its letters on the way (buffers kept
/// from block to block).
struct Coded {
    /// `pair_code` of each byte and the next.
    codes: Vec<u8>,
    /// `letter` of each byte.
    letters: Vec<u8>,
}

/// The code of two adjacent bytes: their letters (1-26, either case; 0 for any other byte)
/// mixed so that the trigger prefixes keep distinct codes and Teddy's fingerprints give
/// few false hits on English (measured on realtext against other mixes).
fn pair_code(a: u8, b: u8) -> u8 {
    mix(letter(a), letter(b))
}

/// A byte's letter for `pair_code`: 1-26 for an ASCII letter of either case, else 0.
fn letter(c: u8) -> u8 {
    if c.is_ascii_alphabetic() {
        c & 0x1f
    } else {
        0
    }
}

/// The code of two adjacent letters (`letter`).
fn mix(a: u8, b: u8) -> u8 {
    a.wrapping_add(b.wrapping_mul(9))
}

/// What `WordSearch` looks for: the first four codes (`pair_code`) of each trigger word at
/// a word start, a word of three letters ("day", "Jan", "May") followed by a byte that is
/// no letter, as `trigger_at` takes only whole words of three. Four codes let Teddy test
/// the word start and three letters at once, so that it turns away most of what shares
/// only the first letters ("for" is no "fortnight", "more" no "morning", "even" passes
/// as "evening" would) before `trigger_at` is asked. A month is any word the tokenizer
/// reads as one: a name, its first three letters, or "sept". There are 42 patterns, so
/// Teddy takes its fat variant (16 bytes at a time rather than 32); it is faster all the
/// same than 30 patterns of three codes (`cargo bench --bench tagger`: 605 MB/s → 671
/// MB/s), as far fewer candidates reach the verification.
fn search_patterns() -> Vec<Vec<u8>> {
    let mut patterns: Vec<Vec<u8>> = month_words()
        .chain(WORDS.iter().chain(&DEICTIC).chain(&COUNTED_UNITS).chain(&STEPPED_WORDS).copied())
        .map(four_codes)
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    patterns
}

/// The words the tokenizer reads as a month: the names, their first three letters, "sept".
fn month_words() -> impl Iterator<Item = &'static [u8]> {
    let months = MONTHS.iter().flat_map(|m| [m.as_bytes(), m.as_bytes().get(..3).unwrap_or_default()]);
    months.chain([&b"sept"[..]])
}

/// The first four codes of `word` at a word start; of a word of three letters, with a
/// byte that is no letter after it.
fn four_codes(word: &[u8]) -> Vec<u8> {
    let mut codes = word_codes(word);
    if let (true, Some(&last)) = (codes.len() < 4, word.last()) {
        codes.push(pair_code(last, b' '));
    }
    codes.truncate(4);
    codes
}

/// The codes of `word` at a word start: `pair_code` of each letter and the byte before it.
fn word_codes(word: &[u8]) -> Vec<u8> {
    std::iter::once(&0).chain(word).zip(word).map(|(&a, &b)| pair_code(a, b)).collect()
}

impl WordSearch {
    /// Teddy if `teddy` and the CPU has it, else the automaton.
    fn new(teddy: bool) -> Self {
        let patterns = search_patterns();
        let families = patterns.iter().map(|p| Family::of_words(|codes| codes == p.as_slice())).collect();
        let packed = teddy.then(|| {
            aho_corasick::packed::Config::new()
                .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(&patterns)
                .build()
        });
        let finder = match packed.flatten() {
            Some(searcher) => Finder::Teddy(searcher),
            None => Finder::Automaton(
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(&patterns)
                    .expect("a few three-byte patterns build"),
            ),
        };
        WordSearch { finder, families }
    }

    /// Where the first hit in `codes[at..]` starts, if any, and the family of its pattern.
    fn find(&self, codes: &[u8], at: usize) -> Option<(usize, Option<&Family>)> {
        let hit = match &self.finder {
            Finder::Teddy(s) => s.find_in(codes, aho_corasick::Span { start: at, end: codes.len() }),
            Finder::Automaton(ac) => ac.find(aho_corasick::Input::new(codes).span(at..codes.len())),
        };
        hit.map(|m| (m.start(), self.families.get(m.pattern().as_usize())))
    }

    /// Trigger words starting in `bytes[start..end]`, in order, as (start, end) into `words`.
    fn triggers(
        &self,
        bytes: &[u8],
        start: usize,
        end: usize,
        writing: Writing,
        coded: &mut Coded,
        words: &mut Vec<(usize, usize)>,
    ) {
        let Coded { codes, letters } = coded;
        // codes[k] codes bytes[start - 1 + k] and the byte after; before the text, a non-letter.
        codes.clear();
        let stop = (end + OVERLAP).min(bytes.len());
        let window = match start.checked_sub(1) {
            Some(before) => bytes.get(before..stop),
            None => {
                codes.push(pair_code(0, bytes.first().copied().unwrap_or(0)));
                bytes.get(..stop)
            }
        }
        .unwrap_or_default();
        // Each byte's letter once, then each letter mixed with the next (`pair_code`): a
        // pass each that vectorises, where coding pairs directly found every letter twice.
        letters.clear();
        letters.extend(window.iter().map(|&c| letter(c)));
        let next = letters.get(1..).unwrap_or_default();
        codes.extend(letters.iter().zip(next).map(|(&a, &b)| mix(a, b)));
        // After the text, a non-letter: a word of three letters may end it ("... in Jan").
        if let (true, Some(&last)) = (stop == bytes.len(), window.last()) {
            codes.push(pair_code(last, b' '));
        }
        words.clear();
        let mut at = 0;
        while let Some((hit, family)) = self.find(codes, at) {
            let word_at = start + hit;
            if word_at >= end {
                break;
            }
            let word_start = word_at == 0 || !bytes.get(word_at - 1).is_some_and(u8::is_ascii_alphabetic);
            if let Some(word_end) =
                family.filter(|_| word_start).and_then(|f| f.trigger_at(bytes, word_at, writing))
            {
                words.push((word_at, word_end));
            }
            at = hit + 1;
        }
    }
}

/// Where the gap character (`gap_char`) at `p` of `bytes` ends, if one starts there.
fn gap_end(bytes: &[u8], p: usize) -> Option<usize> {
    let n = bytes.get(p..).map_or(0, gap_char);
    (n > 0).then_some(p + n)
}

/// Where the first gap character (`gap_char`) in `bytes` starts and ends. Only a byte that
/// may open one is tried: an ASCII gap, or the first byte of a gap beyond ASCII.
fn first_gap(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        let rest = bytes.get(from..)?;
        let p = from + rest.iter().position(|&b| ascii_gap(b) || matches!(b, 0xc2 | 0xe1..=0xe3))?;
        if let Some(end) = gap_end(bytes, p) {
            return Some((p, end));
        }
        from = p + 1;
    }
}

/// Where a region that would start at `s` starts: after the first gap at or after it, as
/// the tokenizer takes gaps (white space and control characters, `gap_char`), so that no
/// word is cut. (ASCII white space alone let a run of control bytes glued between words
/// carry the start past a starter: "destruct", a control byte and NULs, "the summer of
/// 1980" lost its "the" to the region, read whole it did not.)
pub(super) fn snap_start(bytes: &[u8], s: usize) -> usize {
    if s == 0 {
        return 0;
    }
    first_gap(bytes.get(s..).unwrap_or_default()).map_or(bytes.len(), |(_, end)| s + end)
}

/// Where a region that would end at `e` ends: at the first gap (`gap_char`) within 64
/// bytes, else at the next char boundary.
pub(super) fn snap_end(text: &str, e: usize) -> usize {
    let bytes = text.as_bytes();
    let near = bytes.get(e..).unwrap_or_default();
    match first_gap(near.get(..near.len().min(64 + 2)).unwrap_or(near)).filter(|&(p, _)| p < 64) {
        Some((p, _)) => e + p,
        None => {
            // No gap near: stop at the next char boundary, past the end of a run of
            // letters or digits there, so that no word is cut into a token the whole text
            // does not have ("Sept" of "SepteXXlbetr" read as September: a fuzz find).
            let mut e = e.min(bytes.len());
            while e < bytes.len() && (bytes.get(e).copied().unwrap_or(0) & 0xC0) == 0x80 {
                e += 1;
            }
            while let Some(c) = char_at(text, e).filter(|c| c.is_alphanumeric()) {
                e += c.len_utf8();
            }
            e
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of letters.
    Word,
    /// A run of digits, possibly grouped (`25,000`) or with a suffix (`19th`, `1890s`).
    Num,
    /// Any other single character; a blank line is one `\n` token.
    Punct,
}

/// What follows a number's digits directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    None,
    /// `1st`, `19th`.
    Ordinal,
    /// `1890s`, `1890's`.
    Plural,
    /// Any other letters (`4to`, `1904a`), or letters right before the digits.
    Glued,
}

impl Suffix {
    /// What the letters `tail` glued after a number's digits make of it; `glued_before`:
    /// letters come right before the digits too.
    fn of(tail: &str, glued_before: bool) -> Suffix {
        if glued_before {
            Suffix::Glued
        } else if tail.is_empty() {
            Suffix::None
        } else if ["st", "nd", "rd", "th", "d"].iter().any(|s| tail.eq_ignore_ascii_case(s)) {
            Suffix::Ordinal
        } else if tail == "s" || tail == "'s" {
            Suffix::Plural
        } else {
            Suffix::Glued
        }
    }
}

/// One token of a region, with absolute byte offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Tok<'t> {
    pub kind: Kind,
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates it from the token before.
    pub space_before: bool,
    /// For numbers: the value without group separators (`None` if too long).
    pub num: Option<i64>,
    /// For numbers: how many digits, 0 when grouped with commas.
    pub digits: usize,
    pub suffix: Suffix,
    /// For capitalised words: the month they name (1–12), else 0.
    pub month: u8,
    /// Whether an expression may start here (a number, or a word some production opens with).
    pub starter: bool,
    /// Whether the word is a unit of time: "year(s)", "month(s)", "day(s)", "decade(s)",
    /// "century", "centuries" (relative expressions and centuries need one nearby).
    pub unit: bool,
    /// Whether the word is one that "the" may open an expression with, besides starters,
    /// units and months (`grammar::words_after_the`).
    pub after_the: bool,
}

impl<'t> Tok<'t> {
    /// The token a blank line makes (the second of two line breaks) at byte `at`.
    fn blank_line(at: usize) -> Tok<'static> {
        Tok::bare(Kind::Punct, "\n", at, true)
    }

    /// A token of `kind`, `text` at byte `start`, with no number and no word classes: a
    /// punctuation token as it is, a word's once its classes are set.
    fn bare(kind: Kind, text: &'t str, start: usize, space_before: bool) -> Tok<'t> {
        Tok {
            kind,
            text,
            start,
            end: start + text.len(),
            space_before,
            num: None,
            digits: 0,
            suffix: Suffix::None,
            month: 0,
            starter: false,
            unit: false,
            after_the: false,
        }
    }

    pub(super) fn is(&self, word: &str) -> bool {
        self.kind != Kind::Num && self.text.eq_ignore_ascii_case(word)
    }

    pub(super) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    pub(super) fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// A plain number: digits only, nothing glued to it.
    pub(super) fn plain_num(&self) -> Option<i64> {
        (self.kind == Kind::Num && self.suffix == Suffix::None && self.digits > 0)
            .then_some(self.num)
            .flatten()
    }
}

/// Tokens of `text[start..end]`; the caller passes char boundaries.
///
/// Reads bytes, decoding a char only where a byte is not ASCII: the same tokens as
/// walking `char_indices`, at a fraction of the cost (regions are mostly ASCII words).
pub(super) fn tokenize<'t>(text: &'t str, start: usize, end: usize, toks: &mut Vec<Tok<'t>>) {
    toks.clear();
    let Some(region) = text.get(start..end) else { return };
    let bytes = region.as_bytes();
    let mut i = 0;
    let mut space = true;
    let mut newlines = 0;
    let mut prev_alpha = false;
    // The table once, not its lazy initialisation's test per word.
    let table: &WordTable = &WORD_TABLE;
    loop {
        // A space, the commonest gap, as the general case below takes it, without the
        // character's tests.
        if bytes.get(i) == Some(&b' ') {
            space = true;
            prev_alpha = false;
            i += 1;
            continue;
        }
        // A word that starts with an ASCII letter, the commonest token, as the general
        // case below takes it, without the tests a letter never needs.
        if bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            let stop = letters_end(region, i + 1);
            let at = start + i;
            let (month, starter, unit, after_the) = classify_at(table, text, at, stop - i);
            let word = region.get(i..stop).unwrap_or("");
            toks.push(Tok { month, starter, unit, after_the, ..Tok::bare(Kind::Word, word, at, space) });
            newlines = 0;
            space = false;
            prev_alpha = true;
            i = stop;
            continue;
        }
        // ASCII punctuation, one byte a token, as the general case below takes it.
        if bytes.get(i).is_some_and(u8::is_ascii_punctuation) {
            toks.push(Tok::bare(Kind::Punct, region.get(i..i + 1).unwrap_or(""), start + i, space));
            newlines = 0;
            space = false;
            prev_alpha = false;
            i += 1;
            continue;
        }
        let Some(c) = char_at(region, i) else { break };
        let at = start + i;
        // A control character (a NUL or other byte left by a bad conversion) stands
        // between words as a space does: it is no punctuation to read a date by.
        if is_gap(c) {
            space = true;
            if c == '\n' {
                newlines += 1;
                if newlines == 2 {
                    toks.push(Tok::blank_line(at));
                }
            }
            prev_alpha = false;
            i += c.len_utf8();
            continue;
        }
        newlines = 0;
        let mut stop = i + c.len_utf8();
        let (kind, num, digits, suffix) = if c.is_ascii_digit() {
            let mut value: Option<i64> = Some(i64::from(c as u8 - b'0'));
            let mut digits = 1;
            let mut grouped = false;
            let mut j = stop;
            loop {
                match bytes.get(j).copied() {
                    Some(d) if d.is_ascii_digit() => {
                        value = value
                            .and_then(|v| v.checked_mul(10))
                            .and_then(|v| v.checked_add(i64::from(d - b'0')));
                        digits += 1;
                        j += 1;
                        stop = j;
                    }
                    Some(b',') if digits <= 3 || grouped => {
                        // "25,000": a comma followed by exactly three digits and no fourth.
                        let rest = bytes.get(j + 1..j + 5).unwrap_or(&[]);
                        let three = rest.len() >= 3 && rest.iter().take(3).all(u8::is_ascii_digit);
                        let fourth = rest.get(3).is_some_and(u8::is_ascii_digit);
                        if !three || fourth {
                            break;
                        }
                        grouped = true;
                        j += 1;
                        digits = 0;
                    }
                    _ => break,
                }
            }
            // Letters glued after the digits (a comma is never last: three digits follow it).
            let tail_start = stop;
            while let Some(l) = char_at(region, stop) {
                let apostrophe_s = l == '\''
                    && region.get(stop + 1..).is_some_and(|r| {
                        r.starts_with(['s', 'S'])
                            && !r.get(1..).is_some_and(|t| t.starts_with(char::is_alphabetic))
                    });
                if !(l.is_alphabetic() || apostrophe_s) {
                    break;
                }
                stop += l.len_utf8();
            }
            let tail = region.get(tail_start..stop).unwrap_or("");
            let suffix = Suffix::of(tail, prev_alpha);
            let digits = if grouped { 0 } else { digits };
            (Kind::Num, value, digits, suffix)
        } else if c.is_alphabetic() {
            stop = letters_end(region, stop);
            (Kind::Word, None, 0, Suffix::None)
        } else {
            (Kind::Punct, None, 0, Suffix::None)
        };
        prev_alpha = kind == Kind::Word;
        let token = region.get(i..stop).unwrap_or("");
        let (month, starter, unit, after_the) = match kind {
            Kind::Word => classify_at(table, text, at, token.len()),
            Kind::Num => (0, true, false, false),
            Kind::Punct => (0, false, false, false),
        };
        toks.push(Tok {
            kind,
            text: token,
            start: at,
            end: start + stop,
            space_before: space,
            num,
            digits,
            suffix,
            month,
            starter,
            unit,
            after_the,
        });
        space = false;
        i = stop;
    }
}

/// The char at byte `i` of `s` (a char boundary), read from one byte when it is ASCII.
fn char_at(s: &str, i: usize) -> Option<char> {
    match *s.as_bytes().get(i)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => s.get(i..)?.chars().next(),
    }
}

/// Where the run of letters (`char::is_alphabetic`) from byte `i` of `s` ends.
fn letters_end(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    // Eight bytes at a time while all are ASCII letters: most words end in the first eight,
    // found with no loop exit to mispredict; then byte by byte, decoding non-ASCII chars.
    while let Some(eight) = bytes.get(i..i + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
        let others = !ascii_letter_bits(u64::from_le_bytes(eight)) & HIGH_BITS;
        if others != 0 {
            i += (others.trailing_zeros() / 8) as usize;
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match char_at(s, i) {
                Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Month names, lowercase; "jan".."dec" and "sept" name them too.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Lowercase words that open some production of the grammar, besides its written-out
/// numbers, ordinals and weekdays (`starters` adds those from the grammar's own lists).
const STARTERS: [&str; 40] = [
    "the",
    "that",
    "since",
    "from",
    "between",
    "until",
    "till",
    "til",
    "up",
    "down",
    "before",
    "prior",
    "by",
    "after",
    "around",
    "about",
    "circa",
    "approximately",
    "roughly",
    "c",
    "ca",
    "early",
    "late",
    "mid",
    "middle",
    "yesterday",
    "today",
    "tomorrow",
    "this",
    "last",
    "next",
    "a",
    "an",
    "hundred",
    "spring",
    "summer",
    "autumn",
    "winter",
    "ad",
    "ce",
];

/// Every lowercase word that opens some production of the grammar.
fn starters() -> impl Iterator<Item = &'static str> {
    use super::grammar::{NUMBERS, ORDINALS, TENS, WEEKDAYS};
    // "twenty-first" is two words and a dash to the tokenizer: no word of its own.
    let ordinals = ORDINALS.into_iter().filter(|w| !w.contains('-'));
    STARTERS.into_iter().chain(NUMBERS).chain(TENS).chain(ordinals).chain(WEEKDAYS)
}

/// Lowercase words for units of time: relative expressions and centuries need one nearby.
const UNITS: [&str; 14] = [
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "fortnight",
    "fortnights",
    "day",
    "days",
    "decade",
    "decades",
    "century",
    "centuries",
];

/// What `classify` knows of a lowercase word.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    /// The month it names when capitalised (1-12), else 0.
    month: u8,
    starter: bool,
    unit: bool,
    after_the: bool,
}

/// Slots of `WordTable` are `SLOT_BITS`-bit numbers: enough room that a multiplier that
/// sends every known word to its own slot is found in a few tries.
const SLOT_BITS: u32 = 12;

/// The words `classify` knows, by `word_key`, in a perfect hash table: a multiply and two
/// loads per word, and no branch to mispredict, where matching the word against each
/// string in turn cost a `memcmp` per candidate of its length.
struct WordTable {
    /// The multiplier that gives each known word its own slot (`None`: none was found, and
    /// `get` searches `words`).
    seed: Option<u64>,
    /// Per slot, the index in `words` of the word it holds, or 0.
    slots: Vec<u8>,
    /// The known words by key, after `words[0]`, which is no word (`u128::MAX` is the key
    /// of no word: a key has bit 7 clear in every byte).
    words: Vec<(u128, WordInfo)>,
}

static WORD_TABLE: LazyLock<WordTable> = LazyLock::new(|| {
    let mut words = vec![(u128::MAX, WordInfo::default())];
    for w in starters() {
        known(&mut words, w.as_bytes()).starter = true;
    }
    for w in UNITS {
        known(&mut words, w.as_bytes()).unit = true;
    }
    for w in super::grammar::words_after_the() {
        known(&mut words, w.as_bytes()).after_the = true;
    }
    for (k, name) in (1u8..).zip(MONTHS) {
        known(&mut words, name.as_bytes()).month = k;
        known(&mut words, name.as_bytes().get(..3).unwrap_or_default()).month = k;
    }
    known(&mut words, b"sept").month = 9;
    WordTable::new(words)
});

/// What is known of `word` in `words`, added if new.
fn known<'a>(words: &'a mut Vec<(u128, WordInfo)>, word: &[u8]) -> &'a mut WordInfo {
    let key = word_key(window_of(word), word.len()).unwrap_or_default();
    let i = match words.iter().position(|(k, _)| *k == key) {
        Some(i) => i,
        None => {
            words.push((key, WordInfo::default()));
            words.len() - 1
        }
    };
    &mut words[i].1
}

/// Per word length (0 to 16), the mask of its bytes in a key: a load, where a shift of a
/// 128-bit number by a variable amount is a dozen instructions and a branch.
const KEY_MASKS: [u128; 17] = {
    let mut masks = [0u128; 17];
    let mut len = 1;
    while len <= 16 {
        masks[len] = u128::MAX >> (128 - 8 * len);
        len += 1;
    }
    masks
};

/// The key of the word in the first `len` (at most 16) bytes of `window`: its bytes packed
/// little-endian into an integer, each with bit 5 set (letters lowercased, any other byte
/// made one that is no letter and not 0), so that it equals the key of a lowercase word
/// only for that word in any case, and 0 for no word. `None` if the word is not ASCII.
fn word_key(window: [u8; 16], len: usize) -> Option<u128> {
    let mask = KEY_MASKS.get(len).copied().unwrap_or(u128::MAX);
    let word = u128::from_le_bytes(window) & mask;
    (word & u128::from_le_bytes([0x80; 16]) == 0).then_some(word | (u128::from_le_bytes([0x20; 16]) & mask))
}

/// The first 16 bytes of `bytes`, zero-padded.
fn window_of(bytes: &[u8]) -> [u8; 16] {
    let mut window = [0; 16];
    window.iter_mut().zip(bytes).for_each(|(to, from)| *to = *from);
    window
}

impl WordTable {
    fn new(words: Vec<(u128, WordInfo)>) -> Self {
        let mut slots = vec![0u8; 1 << SLOT_BITS];
        // Odd multipliers in a fixed order: the same table on every run.
        for seed in (0..1u64 << 16).map(|k| 0x9e37_79b9_7f4a_7c15 ^ (k << 1)) {
            slots.fill(0);
            let mut free = true;
            for (i, (key, _)) in words.iter().enumerate().skip(1) {
                match (slots.get_mut(Self::slot(seed, *key)), u8::try_from(i)) {
                    (Some(slot), Ok(i)) if *slot == 0 => *slot = i,
                    _ => {
                        free = false;
                        break;
                    }
                }
            }
            if free {
                return WordTable { seed: Some(seed), slots, words };
            }
        }
        WordTable { seed: None, slots, words }
    }

    fn slot(seed: u64, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(seed) >> (64 - SLOT_BITS)) as usize
    }

    fn get(&self, key: u128) -> WordInfo {
        let i = match self.seed {
            Some(seed) => self.slots.get(Self::slot(seed, key)).map_or(0, |&i| usize::from(i)),
            None => self.words.iter().position(|(k, _)| *k == key).unwrap_or(0),
        };
        match self.words.get(i) {
            Some(&(k, info)) if k == key => info,
            _ => WordInfo::default(),
        }
    }
}

/// The month a word names (capitalised: "May", "Feb", "SEPT"), whether it may open an
/// expression, and whether it is a unit of time. Words longer than any starter are none.
fn classify(word: &str) -> (u8, bool, bool, bool) {
    classify_window(&WORD_TABLE, window_of(word.as_bytes()), word.len())
}

/// `classify(&text[at..at + len])`, reading the 16 bytes from `at` in one load when the
/// text has them (nearly always): no loop over the word's bytes, few branches. (Copying
/// the bytes into an array instead would also stall: stored one by one, loaded as one.)
/// Inlined into the tokenizer, which calls it for every word of every region.
#[inline(always)]
fn classify_at(table: &WordTable, text: &str, at: usize, len: usize) -> (u8, bool, bool, bool) {
    match text.as_bytes().get(at..at + 16).and_then(|w| <[u8; 16]>::try_from(w).ok()) {
        Some(window) => classify_window(table, window, len),
        None => classify(text.get(at..at + len).unwrap_or_default()),
    }
}

/// `classify` of the word in the first `len` bytes of `window`.
#[inline(always)]
fn classify_window(table: &WordTable, window: [u8; 16], len: usize) -> (u8, bool, bool, bool) {
    let Some(key) = word_key(window, len).filter(|_| len <= 16) else { return (0, false, false, false) };
    let info = table.get(key);
    let month = if window[0].is_ascii_uppercase() && len >= 3 { info.month } else { 0 };
    (month, month != 0 || info.starter, info.unit, info.after_the)
}

crate::warm_up!(WORD_SEARCH, WORD_TABLE);

#[cfg(test)]
mod tests {
    use super::*;

    /// The pre-scan's gaps, read off the bytes, are the tokenizer's, for every character.
    #[test]
    fn gap_char_is_the_tokenizers_gap_for_every_character() {
        let mut buf = [0u8; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = if is_gap(c) { bytes.len() } else { 0 };
            assert_eq!(gap_char(bytes), expected, "{c:?}");
        }
    }

    /// `tokenize` as it was, walking `char_indices`: the tokens `tokenize` must return.
    fn tokenize_reference<'t>(text: &'t str, start: usize, end: usize, toks: &mut Vec<Tok<'t>>) {
        toks.clear();
        let Some(region) = text.get(start..end) else { return };
        let mut chars = region.char_indices().peekable();
        let mut space = true;
        let mut newlines = 0;
        let mut prev_alpha = false;
        while let Some((i, c)) = chars.next() {
            let at = start + i;
            if c.is_whitespace() || c.is_control() {
                space = true;
                if c == '\n' {
                    newlines += 1;
                    if newlines == 2 {
                        toks.push(Tok::blank_line(at));
                    }
                }
                prev_alpha = false;
                continue;
            }
            newlines = 0;
            let mut stop = i + c.len_utf8();
            let (kind, num, digits, suffix) = if c.is_ascii_digit() {
                let mut value: Option<i64> = Some(i64::from(c as u8 - b'0'));
                let mut digits = 1;
                let mut grouped = false;
                loop {
                    match chars.peek().copied() {
                        Some((j, d)) if d.is_ascii_digit() => {
                            value = value
                                .and_then(|v| v.checked_mul(10))
                                .and_then(|v| v.checked_add(i64::from(d as u8 - b'0')));
                            digits += 1;
                            stop = j + 1;
                            chars.next();
                        }
                        Some((j, ',')) if digits <= 3 || grouped => {
                            // "25,000": a comma followed by exactly three digits and no fourth.
                            let rest = region.as_bytes().get(j + 1..j + 5).unwrap_or(&[]);
                            let three = rest.len() >= 3 && rest.iter().take(3).all(u8::is_ascii_digit);
                            let fourth = rest.get(3).is_some_and(u8::is_ascii_digit);
                            if !three || fourth {
                                break;
                            }
                            grouped = true;
                            chars.next();
                            digits = 0;
                        }
                        _ => break,
                    }
                }
                // Letters glued after the digits.
                let tail_start = stop;
                while let Some(&(j, l)) = chars.peek() {
                    if l.is_alphabetic()
                        || (l == '\''
                            && region.get(j + 1..).is_some_and(|r| {
                                r.starts_with(['s', 'S'])
                                    && !r.get(1..).is_some_and(|t| t.starts_with(char::is_alphabetic))
                            }))
                    {
                        stop = j + l.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let tail = region.get(tail_start..stop).unwrap_or("");
                let suffix = Suffix::of(tail, prev_alpha);
                let digits = if grouped { 0 } else { digits };
                (Kind::Num, value, digits, suffix)
            } else if c.is_alphabetic() {
                while let Some(&(j, l)) = chars.peek() {
                    if l.is_alphabetic() {
                        stop = j + l.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                (Kind::Word, None, 0, Suffix::None)
            } else {
                (Kind::Punct, None, 0, Suffix::None)
            };
            prev_alpha = kind == Kind::Word;
            let text = region.get(i..stop).unwrap_or("");
            let (month, starter, unit, after_the) = match kind {
                Kind::Word => classify_reference(text),
                Kind::Num => (0, true, false, false),
                Kind::Punct => (0, false, false, false),
            };
            toks.push(Tok {
                kind,
                text,
                start: at,
                end: start + stop,
                space_before: space,
                num,
                digits,
                suffix,
                month,
                starter,
                unit,
                after_the,
            });
            space = false;
        }
    }

    /// Whether a lowercase word opens some production of the grammar.
    fn is_starter_reference(w: &str) -> bool {
        matches!(
            w,
            "the"
                | "that"
                | "since"
                | "from"
                | "between"
                | "until"
                | "till"
                | "til"
                | "up"
                | "down"
                | "before"
                | "prior"
                | "by"
                | "after"
                | "around"
                | "about"
                | "circa"
                | "approximately"
                | "roughly"
                | "c"
                | "ca"
                | "early"
                | "late"
                | "mid"
                | "middle"
                | "yesterday"
                | "today"
                | "tomorrow"
                | "this"
                | "last"
                | "next"
                | "a"
                | "an"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
                | "hundred"
                | "spring"
                | "summer"
                | "autumn"
                | "winter"
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "fifth"
                | "sixth"
                | "seventh"
                | "eighth"
                | "ninth"
                | "tenth"
                | "eleventh"
                | "twelfth"
                | "thirteenth"
                | "fourteenth"
                | "fifteenth"
                | "sixteenth"
                | "seventeenth"
                | "eighteenth"
                | "nineteenth"
                | "twentieth"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "ad"
                | "ce"
        )
    }

    /// `classify` as it was: a string match per word.
    fn classify_reference(word: &str) -> (u8, bool, bool, bool) {
        let mut buf = [0u8; 16];
        let bytes = word.as_bytes();
        if bytes.len() > buf.len() || !word.is_ascii() {
            return (0, false, false, false);
        }
        for (b, w) in buf.iter_mut().zip(bytes) {
            *b = w.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(buf.get(..bytes.len()).unwrap_or(&[])).unwrap_or("");
        let capital = bytes.first().is_some_and(u8::is_ascii_uppercase);
        let mut month = 0;
        if capital && lower.len() >= 3 {
            for (k, name) in (1u8..).zip(MONTHS.iter()) {
                if lower == *name || (name.starts_with(lower) && (lower.len() == 3 || lower == "sept")) {
                    month = k;
                    break;
                }
            }
        }
        let unit = matches!(
            lower,
            "year"
                | "years"
                | "month"
                | "months"
                | "week"
                | "weeks"
                | "fortnight"
                | "fortnights"
                | "day"
                | "days"
                | "decade"
                | "decades"
                | "century"
                | "centuries"
        );
        let after_the = matches!(
            lower,
            "following"
                | "next"
                | "succeeding"
                | "ensuing"
                | "previous"
                | "preceding"
                | "same"
                | "morning"
                | "evening"
                | "night"
                | "afternoon"
                | "end"
                | "close"
                | "beginning"
                | "start"
                | "opening"
                | "earlier"
                | "later"
                | "latter"
                | "turn"
                | "thirtieth"
                | "leap"
                | "intercalary"
        );
        (month, month != 0 || is_starter_reference(lower), unit, after_the)
    }

    /// Byte flags for `regions_reference`: `DIGIT`; `INITIAL`, a letter that may open a
    /// trigger word; `LETTER`, any ASCII letter.
    const DIGIT: u8 = 1;
    const INITIAL: u8 = 2;
    const LETTER: u8 = 4;

    static FLAGS: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if c.is_ascii_digit() {
                DIGIT
            } else if c.is_ascii_alphabetic() {
                let initial = matches!(
                    c,
                    b'J' | b'F'
                        | b'M'
                        | b'A'
                        | b'S'
                        | b'O'
                        | b'N'
                        | b'D'
                        | b'Y'
                        | b'C'
                        | b'T'
                        | b't'
                        | b'y'
                        | b'm'
                        | b'd'
                        | b'c'
                        | b'W'
                        | b'w'
                        | b'f'
                        | b'E'
                        | b'e'
                        | b'n'
                        | b'a'
                        | b's'
                );
                if initial {
                    LETTER | INITIAL
                } else {
                    LETTER
                }
            } else {
                0
            };
            b += 1;
        }
        t
    };

    /// `regions` as it was before the block search: a byte loop, one table lookup per byte,
    /// feeding the same `Merge`. What `regions` must return, exactly.
    fn regions_reference(text: &str, writing: Writing) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut merge = Merge { len: bytes.len(), done: Vec::new(), current: None };
        let mut prev_letter = 0u8;
        for (i, &b) in bytes.iter().enumerate() {
            let flags = FLAGS[usize::from(b)];
            let interesting = (flags & DIGIT) | ((flags >> 1) & !prev_letter & 1);
            prev_letter = (flags >> 2) & 1;
            if interesting == 0 {
                continue;
            }
            let digit = flags & DIGIT != 0;
            let end = if digit { number_at(bytes, i) } else { trigger_at(bytes, i, writing) };
            let Some(end) = end else { continue };
            merge.push(i, end, if digit { LEFT } else { LEFT_OF_WORD });
        }
        merge.finish(text)
    }

    /// Pieces that make triggers, near-triggers, numbers, suffixes and word boundaries likely.
    const PIECES: &[&str] = &[
        "0",
        "1",
        "7",
        "9",
        "1904",
        "25,000",
        ",000",
        ",0000",
        ",",
        "19th",
        "1St",
        "2nd",
        "d",
        "s",
        "S",
        "'s",
        "'S",
        "’s",
        "'",
        "Jan",
        "jan",
        "JAN",
        "Ja",
        "May",
        "may",
        "Mar",
        "Dec",
        "dec",
        "Decade",
        "decade",
        "DECADE",
        "year",
        "Year",
        "YEAR",
        "fifth",
        " of",
        "Meiji",
        "ye",
        "yes",
        "yesterday",
        "Day",
        "day",
        "days",
        "today",
        "Tod",
        "tomorrow",
        "Tom",
        "centur",
        "Century",
        "centuries",
        "cen",
        "month",
        "Monday",
        "Sept",
        "SEPT",
        "the",
        "The",
        "circa",
        "approximately",
        "incomprehensibilities",
        "a",
        "b",
        "t",
        "x",
        "Z",
        "ing",
        "th",
        " ",
        " ",
        "  ",
        ".",
        "-",
        "(",
        "$",
        "\n",
        "\n\n",
        "\n \n",
        "\t",
        "\r\n",
        "\u{b}",
        "\u{c}",
        "é",
        "É",
        "—",
        "ſ",
        "\u{a0}",
        "\u{2003}",
        "\u{85}",
        "日",
        "٣",
        "Ⅻ",
        "\u{301}",
    ];

    fn text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(proptest::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
    }

    /// The tokens of `text[start..end]` by `tokenize` and by `tokenize_reference`.
    fn both_tokens(text: &str, start: usize, end: usize) -> (Vec<Tok<'_>>, Vec<Tok<'_>>) {
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        tokenize(text, start, end, &mut fast);
        tokenize_reference(text, start, end, &mut reference);
        (fast, reference)
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_the_char_walk(text in text_strategy(), cut in 0usize..64) {
            let (fast, reference) = both_tokens(&text, 0, text.len());
            proptest::prop_assert_eq!(fast, reference);
            // A region may start and end anywhere on a char boundary.
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for k in 0..8 {
                let a = bounds.get((cut + 7 * k) % bounds.len()).copied().unwrap_or(0);
                let b = bounds.get((3 * cut + 13 * k) % bounds.len()).copied().unwrap_or(0);
                let (start, end) = (a.min(b), a.max(b));
                let (fast, reference) = both_tokens(&text, start, end);
                proptest::prop_assert_eq!(fast, reference, "{}..{}", start, end);
            }
            for (start, end) in regions(&text, Writing(true)) {
                let (fast, reference) = both_tokens(&text, start, end);
                proptest::prop_assert_eq!(fast, reference, "{}..{}", start, end);
            }
        }

        #[test]
        fn words_are_classified_as_by_the_string_match(word in "[a-zA-Zé]{0,18}") {
            let expected = classify_reference(&word);
            proptest::prop_assert_eq!(classify(&word), expected);
            // At the end of a text (read byte by byte) and before more text (one load).
            let text = format!("x {word} 1904 ſ and so on and so forth");
            proptest::prop_assert_eq!(classify_at(&WORD_TABLE, &text, 2, word.len()), expected);
            proptest::prop_assert_eq!(classify_at(&WORD_TABLE, &text[..2 + word.len()], 2, word.len()), expected);
        }
    }

    /// A region starts after a space, so that no word is cut; where the last space before
    /// its first trigger is further back than the bytes a region keeps ("an-address-of-
    /// forty-bytes-1911.txt"), it starts there, not after the trigger.
    #[test]
    fn a_trigger_deep_in_a_run_with_no_space_is_in_its_region() {
        for text in [
            "## the-forbidden-city-of-the-emperors-in-1911.txt\n",
            "See the-forbidden-city-of-the-emperors-from-yesterday.",
        ] {
            let at = text.find(|c: char| c.is_ascii_digit()).or_else(|| text.find("yesterday")).unwrap_or(0);
            let r = regions(text, Writing(true));
            assert!(r.iter().any(|&(s, e)| s <= at && at < e), "{text:?}: {r:?}");
            assert!(r.iter().all(|&(s, _)| s == 0 || gap_before(text.as_bytes(), s) > 0), "{r:?}");
        }
    }

    /// A number of one to three digits before an era, dotted or not, with gaps or not,
    /// starts a region; one before a time of day ("A.M.") or a letter that only looks like
    /// an era's start does not. Either way the regions read what the whole text reads.
    #[test]
    fn a_short_number_starts_a_region_before_an_era_not_before_a_time_of_day() {
        for (text, number, starts) in [
            ("It fell in 70 A.D. to Titus.", "70", true),
            ("It fell in 70 A. D. to Titus.", "70", true),
            ("It fell in 70 AD to Titus.", "70", true),
            ("Buddha died in 480 B.C. or so.", "480", true),
            ("Buddha died in 480 B. C. E. or so.", "480", true),
            ("Buddha died in 480 BC or so.", "480", true),
            ("It was founded 300 C.E. or later.", "300", true),
            ("At 2 A.M. the guns opened.", "2", false),
            ("At 9.30 A.M. the train left.", "30", false),
            ("See 12 A.Dx for more.", "12", false),
            ("See 12 B.Cat for more.", "12", false),
            ("Note 12 C. Smith and 4 B.\nC. Jones.", "12", false),
        ] {
            let at = text.find(number).unwrap_or_default();
            assert_eq!(number_triggers(text.as_bytes(), at, at + number.len()), starts, "{text}");
            for writing in [None, Some(super::super::TimeValue::year(1904))] {
                let cx = super::super::TagContext { document_date: writing, ..Default::default() };
                let (read, whole) = (super::super::tag(text, &cx), super::super::tag_everywhere(text, &cx));
                assert_eq!(read, whole, "{text}");
                // The era's numbers are read as years.
                let dated = read.iter().any(|t| t.span.start <= at && at < t.span.end);
                assert!(dated || !starts, "{text}: {read:?}");
            }
        }
    }

    /// Every pattern has four codes (so Teddy tests four bytes), and every trigger word,
    /// followed by a space, starts with one of them.
    #[test]
    fn the_word_search_looks_for_four_codes_of_every_trigger_word() {
        let patterns = search_patterns();
        assert!(patterns.iter().all(|p| p.len() == 4), "{patterns:?}");
        let months = MONTHS.iter().flat_map(|m| [m.to_string(), m[..3].to_string()]).chain(["sept".into()]);
        let words = WORDS.iter().chain(&DEICTIC).chain(&COUNTED_UNITS).chain(&STEPPED_WORDS);
        for w in months.chain(words.map(|w| String::from_utf8_lossy(w).into_owned())) {
            let codes = word_codes(format!("{w} ").as_bytes());
            assert!(patterns.iter().any(|p| codes.starts_with(p)), "{w}");
            let capitalised = format!("{}{} ", w[..1].to_uppercase(), &w[1..]);
            assert!(
                patterns.iter().any(|p| word_codes(capitalised.as_bytes()).starts_with(p)),
                "{capitalised}"
            );
        }
    }

    #[test]
    fn known_words_are_classified_as_by_the_string_match() {
        let mut words: Vec<String> = starters()
            .chain(UNITS)
            .chain(MONTHS)
            .chain(super::super::grammar::words_after_the())
            .map(|w| w.to_string())
            .collect();
        words.extend(
            ["sept", "septe", "janu", "ma", "ju", "ye", "centur", "thee", "th", ""].map(String::from),
        );
        for w in words.clone() {
            for end in 0..=w.len() {
                let prefix = w.get(..end).unwrap_or_default();
                let capital =
                    prefix.get(..1).unwrap_or_default().to_uppercase() + prefix.get(1..).unwrap_or_default();
                words.extend([prefix.to_string(), capital, prefix.to_uppercase(), format!("{prefix}s")]);
            }
        }
        for w in &words {
            let expected = classify_reference(w);
            assert_eq!(classify(w), expected, "{w:?}");
            let text = format!("{w}, and more than sixteen bytes after it");
            assert_eq!(classify_at(&WORD_TABLE, &text, 0, w.len()), expected, "{w:?} in {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn regions_are_those_of_the_byte_loop(text in text_strategy(), writing in proptest::bool::ANY) {
            let writing = Writing(writing);
            let expected = regions_reference(&text, writing);
            proptest::prop_assert_eq!(&regions_reaching(&text, writing), &expected);
            let automaton = WordSearch::new(false);
            for block in [1, 2, 3, 5, 8, 13, 64, 100] {
                proptest::prop_assert_eq!(&regions_with(&text, &WORD_SEARCH, block, writing), &expected, "block {}", block);
                proptest::prop_assert_eq!(&regions_with(&text, &automaton, block, writing), &expected, "block {}", block);
            }
        }
    }

    /// Every text file under `dir`, recursively (none if it does not exist).
    fn texts_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                out.push((entry.path().to_path_buf(), text));
            }
        }
        out
    }

    /// The corpus in the repository and, when present, the public-domain books in
    /// `/work/shared/realtext` (or `CHRONOLINT_REALTEXT`).
    fn real_texts() -> Vec<(std::path::PathBuf, String)> {
        let realtext =
            std::env::var("CHRONOLINT_REALTEXT").unwrap_or_else(|_| "/work/shared/realtext".to_string());
        let mut texts = texts_under(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
        texts.extend(texts_under(std::path::Path::new(&realtext)));
        texts
    }

    #[test]
    fn regions_of_real_texts_are_those_of_the_byte_loop() {
        let texts = real_texts();
        assert!(!texts.is_empty(), "no corpus");
        let automaton = WordSearch::new(false);
        for ((path, text), writing) in texts.iter().flat_map(|t| [(t, Writing(true)), (t, Writing(false))]) {
            let expected = regions_reference(text, writing);
            for (got, how) in [
                (regions_reaching(text, writing), "regions"),
                (regions_with(text, &automaton, BLOCK, writing), "automaton"),
                (regions_with(text, &WORD_SEARCH, 1000, writing), "blocks of 1000"),
            ] {
                let first = got.iter().zip(&expected).position(|(a, b)| a != b);
                assert!(
                    got == expected,
                    "{} ({how}): {} regions, {} expected; first difference at {first:?}",
                    path.display(),
                    got.len(),
                    expected.len()
                );
            }
        }
    }

    #[test]
    fn every_known_word_has_its_own_slot() {
        assert!(WORD_TABLE.seed.is_some());
        assert_eq!(WORD_TABLE.words.len(), 1 + WORD_TABLE.slots.iter().filter(|&&i| i != 0).count());
    }

    #[test]
    fn tokens_of_real_texts_are_those_of_the_char_walk() {
        for (path, text) in &real_texts() {
            for (start, end) in regions(text, Writing(true)) {
                let (fast, reference) = both_tokens(text, start, end);
                assert!(fast == reference, "{} {start}..{end}", path.display());
            }
        }
    }
}
